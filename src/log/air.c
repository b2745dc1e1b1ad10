/*
 * air.c -- the frames a log line can describe, as air events, and which
 * logged events can be which frames.
 *
 * The client of a frame between a station and its AP is the transmitter or
 * receiver that is not the BSSID; a frame the BSSID sent went to the
 * client.  Protected (PMF) action frames are unreadable and give nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pcap/pcap.h>

#include "dot11.h"
#include "log/log.h"

static const char *const air_names[LOG_AIR_N] = {
	[LOG_AIR_NONE] = "none",
	[LOG_AIR_AUTH_REQ] = "auth-req",
	[LOG_AIR_AUTH_RESP] = "auth-resp",
	[LOG_AIR_ASSOC_REQ] = "assoc-req",
	[LOG_AIR_REASSOC_REQ] = "reassoc-req",
	[LOG_AIR_ASSOC_RESP] = "assoc-resp",
	[LOG_AIR_REASSOC_RESP] = "reassoc-resp",
	[LOG_AIR_M1] = "m1",
	[LOG_AIR_M2] = "m2",
	[LOG_AIR_M3] = "m3",
	[LOG_AIR_M4] = "m4",
	[LOG_AIR_DEAUTH] = "deauth",
	[LOG_AIR_DISASSOC] = "disassoc",
	[LOG_AIR_FT_REQ] = "ft-req",
	[LOG_AIR_FT_RESP] = "ft-resp",
	[LOG_AIR_BTM_REQ] = "btm-req",
	[LOG_AIR_BTM_RESP] = "btm-resp",
};

const char *
log_air_kind_name(enum log_air_kind k)
{
	return ((unsigned)k < LOG_AIR_N ? air_names[k] : "unknown");
}

bool
log_air_from_frame(const struct d11_frame *f, int64_t ts_ns,
    struct log_air *a)
{
	const uint8_t	*client;
	bool		 from_ap;

	if (f->error != D11_OK || f->bad_fcs || f->bssid == NULL ||
	    f->addr1 == NULL || f->addr2 == NULL)
		return (false);
	from_ap = memcmp(f->addr2, f->bssid, 6) == 0;
	client = from_ap ? f->addr1 : f->addr2;
	if (d11_is_group(client) || memcmp(client, f->bssid, 6) == 0)
		return (false);
	memset(a, 0, sizeof(*a));
	a->t_ns = ts_ns;
	memcpy(a->mac, client, 6);
	memcpy(a->bssid, f->bssid, 6);
	a->status = LOG_AIR_NO_STATUS;
	a->from_client = !from_ap;
	switch (f->kind) {
	case D11_K_AUTH:
		a->kind = from_ap ? LOG_AIR_AUTH_RESP : LOG_AIR_AUTH_REQ;
		if (f->has_status)
			a->status = f->status;
		break;
	case D11_K_ASSOC_REQ:
		a->kind = LOG_AIR_ASSOC_REQ;
		break;
	case D11_K_REASSOC_REQ:
		a->kind = LOG_AIR_REASSOC_REQ;
		break;
	case D11_K_ASSOC_RESP:
	case D11_K_REASSOC_RESP:
		a->kind = f->kind == D11_K_ASSOC_RESP ? LOG_AIR_ASSOC_RESP :
		    LOG_AIR_REASSOC_RESP;
		if (f->has_status)
			a->status = f->status;
		break;
	case D11_K_DEAUTH:
	case D11_K_DISASSOC:
		a->kind = f->kind == D11_K_DEAUTH ? LOG_AIR_DEAUTH :
		    LOG_AIR_DISASSOC;
		if (f->has_reason)
			a->status = f->reason;
		break;
	case D11_K_EAPOL:
		if (f->eapol.type != D11_EAPOL_KEY ||
		    f->eapol.msg < D11_EAPOL_M1 || f->eapol.msg > D11_EAPOL_M4)
			return (false);
		a->kind = (uint8_t)(LOG_AIR_M1 + (f->eapol.msg - D11_EAPOL_M1));
		break;
	case D11_K_ACTION:
	case D11_K_ACTION_NOACK:
		if (!f->act.readable || !f->act.has_action)
			return (false);
		if (f->act.category == D11_CAT_FT &&
		    f->act.action == D11_FT_REQ)
			a->kind = LOG_AIR_FT_REQ;
		else if (f->act.category == D11_CAT_FT &&
		    f->act.action == D11_FT_RESP) {
			a->kind = LOG_AIR_FT_RESP;
			if (f->act.has_ft_status)
				a->status = f->act.ft_status;
		} else if (f->act.category == D11_CAT_WNM &&
		    f->act.action == D11_WNM_BTM_REQ)
			a->kind = LOG_AIR_BTM_REQ;
		else if (f->act.category == D11_CAT_WNM &&
		    f->act.action == D11_WNM_BTM_RESP) {
			a->kind = LOG_AIR_BTM_RESP;
			if (f->act.has_btm_status)
				a->status = f->act.btm_status;
		} else
			return (false);
		break;
	default:
		return (false);
	}
	return (true);
}

/* Bit of each air kind, for the sets below. */
#define B(k)	(1u << (k))

/* The air kinds a logged event can be (0: none), and whether its BSSID
 * and status are the frame's. */
static unsigned
air_set_cmp(const struct log_event *e, bool *cmp_bssid, bool *cmp_status)
{
	bool	 infra = e->side == LOG_SIDE_INFRA;
	bool	 from_client;

	*cmp_bssid = true;
	*cmp_status = (e->flags & (LOG_F_STATUS | LOG_F_IEEE)) ==
	    (LOG_F_STATUS | LOG_F_IEEE);
	switch (e->kind) {
	case LOG_EV_AUTH_REQ:
		*cmp_status = false;
		return (B(LOG_AIR_AUTH_REQ));
	case LOG_EV_AUTH_RESP:
		return (B(LOG_AIR_AUTH_RESP));
	case LOG_EV_ASSOC_REQ:
	case LOG_EV_REASSOC_REQ:
		return (B(LOG_AIR_ASSOC_REQ) | B(LOG_AIR_REASSOC_REQ));
	case LOG_EV_ASSOC_RESP:
		return (B(LOG_AIR_ASSOC_RESP) | B(LOG_AIR_REASSOC_RESP));
	case LOG_EV_ASSOC_FAIL:
	case LOG_EV_NO_PMK:
		*cmp_status = false;
		return (B(LOG_AIR_AUTH_RESP) | B(LOG_AIR_ASSOC_RESP) |
		    B(LOG_AIR_REASSOC_RESP));
	case LOG_EV_EAPOL:
	case LOG_EV_EAPOL_RETRY:
	case LOG_EV_MIC_FAIL:
		*cmp_status = false;
		if (!(e->flags & LOG_F_MSG) || e->msg < 1 || e->msg > 4)
			return (0);
		return (B(LOG_AIR_M1 + e->msg - 1));
	case LOG_EV_DEAUTH:
	case LOG_EV_DISASSOC:
	case LOG_EV_DISCONNECTED:
		if (e->kind == LOG_EV_DISCONNECTED && infra)
			return (0);
		*cmp_status = (e->flags & (LOG_F_REASON | LOG_F_IEEE)) ==
		    (LOG_F_REASON | LOG_F_IEEE);
		if (e->kind == LOG_EV_DISCONNECTED)
			return (B(LOG_AIR_DEAUTH) | B(LOG_AIR_DISASSOC));
		return (B(e->kind == LOG_EV_DEAUTH ? LOG_AIR_DEAUTH :
		    LOG_AIR_DISASSOC));
	case LOG_EV_FT_ACTION:
		*cmp_bssid = false;
		if (e->dir == LOG_DIR_NONE)
			return (B(LOG_AIR_FT_REQ) | B(LOG_AIR_FT_RESP));
		from_client = infra == (e->dir == LOG_DIR_RX);
		return (B(from_client ? LOG_AIR_FT_REQ : LOG_AIR_FT_RESP));
	case LOG_EV_BTM_REQ:
		*cmp_bssid = false;
		*cmp_status = false;
		return (B(LOG_AIR_BTM_REQ));
	case LOG_EV_BTM_RESP:
		*cmp_bssid = false;
		return (B(LOG_AIR_BTM_RESP));
	default:
		return (0);
	}
}

bool
log_air_matches(const struct log_event *e, const struct log_air *a)
{
	unsigned	 set;
	bool		 cb, cs, from_client;
	int32_t		 code;

	if (!(e->flags & LOG_F_MAC) || memcmp(e->mac, a->mac, 6) != 0)
		return (false);
	if ((set = air_set_cmp(e, &cb, &cs)) == 0 || !(set & B(a->kind)))
		return (false);
	if (cb && (e->flags & LOG_F_BSSID) && memcmp(e->bssid, a->bssid, 6))
		return (false);
	/* who sent a deauthentication or disassociation */
	if ((a->kind == LOG_AIR_DEAUTH || a->kind == LOG_AIR_DISASSOC) &&
	    e->dir != LOG_DIR_NONE) {
		from_client = (e->side == LOG_SIDE_INFRA) ==
		    (e->dir == LOG_DIR_RX);
		if (from_client != a->from_client)
			return (false);
	}
	if (a->status == LOG_AIR_NO_STATUS)
		return (true);
	switch (e->kind) {
	case LOG_EV_ASSOC_FAIL:
	case LOG_EV_NO_PMK:
		return (a->status != 0);
	default:
		break;
	}
	if (!cs)
		return (true);
	code = (e->kind == LOG_EV_DEAUTH || e->kind == LOG_EV_DISASSOC ||
	    e->kind == LOG_EV_DISCONNECTED) ? e->reason : e->status;
	return (code == (int32_t)a->status);
}

unsigned
log_air_set(const struct log_event *e)
{
	bool	 cb, cs;

	if (!(e->flags & LOG_F_MAC))
		return (0);
	return (air_set_cmp(e, &cb, &cs));
}

/*
 * Every air event of a capture file, in file order (tests and benchmarks;
 * the program itself hands frames to log_air_from_frame as it reads them).
 */
int
log_air_load(const char *path, struct log_air **out, size_t *nout,
    int64_t *first_ns, char *err, size_t errlen)
{
	char			 ebuf[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr	*h;
	const u_char		*d;
	struct d11_frame	 f;
	struct log_air		*a = NULL, *na;
	size_t			 n = 0, cap = 0;
	pcap_t			*p;
	int64_t			 t;
	int			 dlt, r;

	*out = NULL;
	*nout = 0;
	*first_ns = 0;
	p = pcap_open_offline_with_tstamp_precision(path,
	    PCAP_TSTAMP_PRECISION_NANO, ebuf);
	if (p == NULL) {
		snprintf(err, errlen, "%s: %s", path, ebuf);
		return (-1);
	}
	dlt = pcap_datalink(p);
	while ((r = pcap_next_ex(p, &h, &d)) == 1) {
		t = (int64_t)h->ts.tv_sec * 1000000000LL + h->ts.tv_usec;
		if (*first_ns == 0)
			*first_ns = t;
		d11_parse(dlt, d, h->caplen, &f);
		if (n == cap) {
			cap = cap ? cap * 2 : 1024;
			if ((na = realloc(a, cap * sizeof(*a))) == NULL) {
				snprintf(err, errlen, "%s: out of memory",
				    path);
				free(a);
				pcap_close(p);
				return (-1);
			}
			a = na;
		}
		if (log_air_from_frame(&f, t, &a[n]))
			n++;
	}
	if (r == -1)
		snprintf(err, errlen, "%s: %s", path, pcap_geterr(p));
	pcap_close(p);
	*out = a;
	*nout = n;
	return (r == -1 ? -1 : 0);
}
