/*
 * genlog.c -- write the log benchmark's input: a Cisco AireOS "debug
 * client" log of exactly 1,000,000 lines for the walk in gen's capture.
 *
 * usage: genlog CAPTURE OUT
 *
 * Every roaming frame of the capture a controller logs (authentication,
 * (re)association request and response, EAPOL-Key M1..M4,
 * deauthentication) becomes the records AireOS writes for it, at the
 * frame's time on a controller clock five hours behind (local time, no
 * year); the lines between are the records AireOS writes around them that
 * say nothing roamscope keeps (policy, rates, cache indexes), so that about
 * one line in a hundred is an event, as in a real debug.
 */
#include <err.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <pcap/pcap.h>

#include "dot11.h"

#define LINES		1000000
#define LOCAL_S		(-5 * 3600)	/* controller clock - capture clock */

struct ev {
	int64_t		 t_us;
	uint8_t		 sta[6], bssid[6];
	enum d11_kind	 kind;
	uint16_t	 status;
	uint8_t		 msg;
	bool		 from_ap;
};

static const char *const filler[] = {
	"Global 200 Clients are allowed to AP radio",
	"Max Client Trap Threshold: 0 cur: 0",
	"Rf profile 600 Clients are allowed to AP wlan",
	"Setting active key cache index 8 ---> 8",
	"apfMsAssoStateInc",
	"0.0.0.0 START (0) Initializing policy",
	"STA - rates (8): 140 18 24 36 48 72 96 108 0 0 0 0 0 0 0 0",
	"Not Using WMM Compliance code qosCap 00",
	"Processing RSN IE type 48, length 22 for mobile",
	"Received EAPOL-Key from mobile",
};

static char *
stamp(int64_t t_us, char *buf, size_t len)
{
	time_t		 s = (time_t)(t_us / 1000000) + LOCAL_S;
	struct tm	 tm;

	gmtime_r(&s, &tm);
	snprintf(buf, len, "%.3s %02d %02d:%02d:%02d.%03d",
	    "JanFebMarAprMayJunJulAugSepOctNovDec" + 3 * tm.tm_mon,
	    tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
	    (int)(t_us / 1000 % 1000));
	return (buf);
}

static void
rec(FILE *f, const char *task, int64_t t_us, const uint8_t *sta,
    const char *text, unsigned long *lines)
{
	char	 ts[32], m[18];

	fprintf(f, "*%s: %s: %s %s\n", task, stamp(t_us, ts, sizeof(ts)),
	    d11_mac_str(sta, m), text);
	(*lines)++;
}

/* The records for one frame; returns how many. */
static unsigned long
frame_recs(FILE *f, const struct ev *e)
{
	unsigned long	 n = 0;
	char		 b[18], s[18], t[256];

	d11_mac_str(e->bssid, b);
	d11_mac_str(e->sta, s);
	switch (e->kind) {
	case D11_K_AUTH:
		if (!e->from_ap) {
			rec(f, "apfMsConnTask_5", e->t_us, e->sta,
			    "Doing preauth for this client over the Air", &n);
			snprintf(t, sizeof(t), "Doing local roaming for "
			    "destination address %s", b);
			rec(f, "apfMsConnTask_5", e->t_us, e->sta, t, &n);
		} else if (e->status != 0) {
			snprintf(t, sizeof(t), "Association Failed on REAP AP "
			    "BSSID %s (slot 1), status 11 0 802.11r Key Cache "
			    "look up failed in (re)-assoc req", b);
			rec(f, "spamApTask0", e->t_us, e->sta, t, &n);
		}
		break;
	case D11_K_ASSOC_REQ:
	case D11_K_REASSOC_REQ:
		snprintf(t, sizeof(t), "%s received from mobile on BSSID %s",
		    e->kind == D11_K_REASSOC_REQ ? "Reassociation" :
		    "Association", b);
		rec(f, "apfMsConnTask_4", e->t_us, e->sta, t, &n);
		break;
	case D11_K_ASSOC_RESP:
	case D11_K_REASSOC_RESP:
		snprintf(t, sizeof(t), "Sending Assoc Response to station on "
		    "BSSID %s (status %u) ApVapId 1 Slot 1", b, e->status);
		rec(f, "apfMsConnTask_4", e->t_us, e->sta, t, &n);
		break;
	case D11_K_EAPOL:
		if (e->msg == D11_EAPOL_M1 || e->msg == D11_EAPOL_M3)
			snprintf(t, sizeof(t), "Sending EAPOL-Key Message to "
			    "mobile %s state %s (message %u), replay counter "
			    "00.00.00.00.00.00.00.00", s,
			    e->msg == D11_EAPOL_M1 ? "INITPMK" :
			    "PTKINITNEGOTIATING", e->msg);
		else
			snprintf(t, sizeof(t), "Received EAPOL-key in %s state "
			    "(message %u) from mobile %s",
			    e->msg == D11_EAPOL_M2 ? "PTK_START" :
			    "PTKINITNEGOTIATING", e->msg, s);
		rec(f, "Dot1x_NW_MsgTask_0", e->t_us, e->sta, t, &n);
		break;
	case D11_K_DEAUTH:
		snprintf(t, sizeof(t), "Sent Deauthenticate to mobile on BSSID "
		    "%s slot 1(caller apf_ms.c:5094)", b);
		rec(f, "apfReceiveTask", e->t_us, e->sta, t, &n);
		break;
	default:
		break;
	}
	return (n);
}

int
main(int argc, char **argv)
{
	char			 ebuf[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr	*h;
	const u_char		*d;
	static struct d11_frame	 fr;
	struct ev		*ev = NULL, *e;
	size_t			 n = 0, cap = 0, i;
	unsigned long		 lines = 0, want, k = 0;
	FILE			*out;
	pcap_t			*p;
	int			 dlt;

	if (argc != 3) {
		fprintf(stderr, "usage: genlog CAPTURE OUT\n");
		return (2);
	}
	if ((p = pcap_open_offline(argv[1], ebuf)) == NULL)
		errx(1, "%s: %s", argv[1], ebuf);
	dlt = pcap_datalink(p);
	while (pcap_next_ex(p, &h, &d) == 1) {
		if (d11_parse(dlt, d, h->caplen, &fr) != D11_OK ||
		    fr.bssid == NULL || fr.addr2 == NULL)
			continue;
		switch (fr.kind) {
		case D11_K_AUTH:
		case D11_K_ASSOC_REQ:
		case D11_K_REASSOC_REQ:
		case D11_K_ASSOC_RESP:
		case D11_K_REASSOC_RESP:
		case D11_K_EAPOL:
		case D11_K_DEAUTH:
			break;
		default:
			continue;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 8192;
			if ((ev = realloc(ev, cap * sizeof(*ev))) == NULL)
				err(1, "realloc");
		}
		e = &ev[n++];
		memset(e, 0, sizeof(*e));
		e->t_us = (int64_t)h->ts.tv_sec * 1000000 + h->ts.tv_usec;
		e->kind = fr.kind;
		e->from_ap = memcmp(fr.addr2, fr.bssid, 6) == 0;
		memcpy(e->sta, e->from_ap ? fr.addr1 : fr.addr2, 6);
		memcpy(e->bssid, fr.bssid, 6);
		e->status = fr.has_status ? fr.status : 0;
		e->msg = fr.eapol.msg;
		if (fr.kind == D11_K_DEAUTH && !e->from_ap)
			n--;	/* AireOS logs the ones it sends */
	}
	pcap_close(p);
	if (n == 0)
		errx(1, "%s: no roaming frames", argv[1]);
	if ((out = fopen(argv[2], "w")) == NULL)
		err(1, "%s", argv[2]);
	for (i = 0; i < n; i++) {
		lines += frame_recs(out, &ev[i]);
		/* the records around it, up to its share of the lines */
		want = (unsigned long)((uint64_t)LINES * (i + 1) / n);
		while (lines < want)
			rec(out, "apfMsConnTask_4", ev[i].t_us, ev[i].sta,
			    filler[k++ % (sizeof(filler) / sizeof(filler[0]))],
			    &lines);
	}
	if (fclose(out) != 0)
		err(1, "%s", argv[2]);
	printf("%s: %lu lines for %zu frames of %s\n", argv[2], lines, n,
	    argv[1]);
	return (lines == LINES ? 0 : 1);
}
