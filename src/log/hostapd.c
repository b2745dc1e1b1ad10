/*
 * hostapd.c -- hostapd's debug log (-t or -dd -t: "EPOCH.usec: ", the
 * logger's lines repeating the time) or syslog.  One record per timestamped
 * line; lines without a time (hexdump continuations) belong to the record
 * before and are not records of their own.
 *
 * The AP's own address comes from "Using interface IF with hwaddr MAC":
 * events of that interface get it as their BSSID.  A few FT lines name no
 * station; they take the one of the FT authentication being handled.
 */
#include <stdlib.h>
#include <string.h>

#include "log/log.h"

#define NIFS		8
#define NSTAS		32
#define ENRICH_NS	(1000 * 1000000LL)

struct hapd {
	struct {
		char	 name[24];
		uint8_t	 addr[6];
	}		 ifs[NIFS];
	unsigned	 nifs;
	struct {
		uint8_t	 mac[6];
		bool	 reassoc;
		uint8_t	 last_tx;	/* last EAPOL-Key message sent */
	}		 sta[NSTAS];
	unsigned	 nsta;
	uint8_t		 ft_sta[6];
	bool		 has_ft_sta;
};

static unsigned
sta_slot(struct hapd *H, const uint8_t mac[6])
{
	unsigned	 i;

	for (i = 0; i < H->nsta; i++)
		if (memcmp(H->sta[i].mac, mac, 6) == 0)
			return (i);
	if (H->nsta < NSTAS)
		i = H->nsta++;
	else
		i = mac[5] % NSTAS;
	memset(&H->sta[i], 0, sizeof(H->sta[i]));
	memcpy(H->sta[i].mac, mac, 6);
	return (i);
}

/* The hwaddr of interface name (or of the only one). */
static bool
if_addr(const struct hapd *H, const char *name, size_t len, uint8_t out[6])
{
	unsigned	 i;

	for (i = 0; name != NULL && i < H->nifs; i++)
		if (strlen(H->ifs[i].name) == len &&
		    memcmp(H->ifs[i].name, name, len) == 0) {
			memcpy(out, H->ifs[i].addr, 6);
			return (true);
		}
	if (H->nifs == 1 || (name == NULL && H->nifs > 0)) {
		memcpy(out, H->ifs[0].addr, 6);
		return (true);
	}
	return (false);
}

static void
add_if(struct hapd *H, const char *m, size_t n)
{
	const char	*p = m + strlen("Using interface "), *e = m + n, *sp;
	unsigned	 i;
	size_t		 len;
	uint8_t		 a[6];

	if ((sp = memchr(p, ' ', (size_t)(e - p))) == NULL ||
	    !log_mac_after(sp, (size_t)(e - sp), "with hwaddr", a))
		return;
	len = (size_t)(sp - p);
	if (len >= sizeof(H->ifs[0].name))
		return;
	for (i = 0; i < H->nifs; i++)
		if (strlen(H->ifs[i].name) == len &&
		    memcmp(H->ifs[i].name, p, len) == 0)
			break;
	if (i == H->nifs) {
		if (H->nifs == NIFS)
			return;
		H->nifs++;
	}
	memcpy(H->ifs[i].name, p, len);
	H->ifs[i].name[len] = '\0';
	memcpy(H->ifs[i].addr, a, 6);
}

#define RX	LOG_DIR_RX
#define TX	LOG_DIR_TX
#define IEEE	LOG_F_IEEE
#define K(k, f)	{ k, LOG_FLD_##f }

/* After "STA <mac> " (hostapd_logger's lines). */
static const struct log_rule logger_rules[] = {
	LOG_RULE("IEEE 802.11: association OK", NULL, LOG_EV_ASSOC_RESP, TX,
	    LOG_F_STATUS | IEEE, K("(aid", NUM)),
	LOG_RULE("WPA: sending ", "of 4-Way Handshake", LOG_EV_EAPOL, TX, 0,
	    K("sending ", MSG)),
	LOG_RULE("WPA: received EAPOL-Key frame (", NULL, LOG_EV_EAPOL, RX, 0,
	    K("frame (", MSG)),
	LOG_RULE("WPA: invalid MIC in msg ", NULL, LOG_EV_MIC_FAIL, RX, 0,
	    K("msg ", MSG)),
	LOG_RULE("WPA: EAPOL-Key timeout", NULL, LOG_EV_EAP_TIMEOUT, 0, 0),
	LOG_RULE("WPA: ", "Retry limit", LOG_EV_EAP_TIMEOUT, 0, 0,
	    K("Retry limit", NUM)),
	LOG_RULE("WPA: pairwise key handshake completed", NULL,
	    LOG_EV_KEY_DONE, 0, 0),
};
static struct log_ruleset logger_rules_set = LOG_RULESET(logger_rules);

static const struct log_rule rules[] = {
	LOG_RULE("AP-STA-CONNECTED ", NULL, LOG_EV_CONNECTED, 0, 0,
	    K("CONNECTED", MAC)),
	LOG_RULE("AP-STA-DISCONNECTED ", NULL, LOG_EV_DISCONNECTED, 0, 0,
	    K("DISCONNECTED", MAC)),
	LOG_RULE("AP-STA-POSSIBLE-PSK-MISMATCH ", NULL, LOG_EV_PSK_MISMATCH,
	    0, 0, K("MISMATCH", MAC)),
	LOG_RULE("BSS-TM-RESP ", NULL, LOG_EV_BTM_RESP, RX, IEEE,
	    K("BSS-TM-RESP", MAC), K("status_code=", STATUS),
	    K("target_bssid=", BSSID)),
	LOG_RULE("EAPOL-4WAY-HS-COMPLETED ", NULL, LOG_EV_KEY_DONE, 0, 0,
	    K("COMPLETED", MAC)),
	LOG_RULE("FT: Did not have matching PMK-R1", NULL, LOG_EV_NO_PMK, 0,
	    LOG_F_FT),
	LOG_RULE("FT: No PMK-R1 available", NULL, LOG_EV_PMKID_MISS, 0,
	    LOG_F_FT),
	LOG_RULE("FT: Send PMK-R1 pull request", NULL, LOG_EV_FT_PULL, 0,
	    LOG_F_FT),
	LOG_RULE("FT: Received FT Action frame (STA=", NULL, LOG_EV_FT_ACTION,
	    RX, LOG_F_FT, K("STA=", MAC), K("Target AP=", BSSID)),
	LOG_RULE("FT: RRB authentication response: STA=", NULL,
	    LOG_EV_FT_ACTION, TX, LOG_F_FT | IEEE, K("STA=", MAC),
	    K("status=", STATUS), K("CurrentAP=", OLD)),
	LOG_RULE("TESTING: ignoring reassoc request from", NULL,
	    LOG_EV_REASSOC_REQ, RX, 0, K("from", MAC)),
	LOG_RULE("Timeout, sending deauthentication info to STA", NULL,
	    LOG_EV_DEAUTH, TX, 0, K("to STA", MAC)),
	LOG_RULE("Timeout, sending disassociation info to STA", NULL,
	    LOG_EV_DISASSOC, TX, 0, K("to STA", MAC)),
	LOG_RULE("WNM: Send BSS Transition Management Request to", NULL,
	    LOG_EV_BTM_REQ, TX, 0, K("Request to", MAC)),
	LOG_RULE("authentication: STA=", NULL, LOG_EV_AUTH_REQ, RX, 0,
	    K("STA=", MAC), K("auth_transaction=", NUM)),
	LOG_RULE("authentication reply: STA=", NULL, LOG_EV_AUTH_RESP, TX,
	    IEEE, K("STA=", MAC), K("resp=", STATUS)),
	LOG_RULE("association request: STA=", NULL, LOG_EV_ASSOC_REQ, RX, 0,
	    K("STA=", MAC)),
	LOG_RULE("reassociation request: STA=", NULL, LOG_EV_REASSOC_REQ, RX,
	    0, K("STA=", MAC), K("current_ap=", OLD)),
	LOG_RULE("ap_sta_disconnect addr", NULL, LOG_EV_DEAUTH, TX, IEEE,
	    K("addr", MAC), K("reason=", REASON)),
	LOG_RULE("deauthentication: STA=", NULL, LOG_EV_DEAUTH, RX, IEEE,
	    K("STA=", MAC), K("reason_code=", REASON)),
	LOG_RULE("disassociation: STA=", NULL, LOG_EV_DISASSOC, RX, IEEE,
	    K("STA=", MAC), K("reason_code=", REASON)),
};
static struct log_ruleset rules_set = LOG_RULESET(rules);

static void
auth_alg(const char *m, size_t n, struct log_event *e)
{
	long	 v;

	if (log_int_after(m, n, "auth_alg=", &v)) {
		e->alg = (uint8_t)v;
		e->flags |= LOG_F_ALG;
	}
}

/* "STA <mac> <module>: <text>" (hostapd_logger). */
static int
logger_line(struct log *l, struct hapd *H, const char *m, size_t n,
    struct log_event *e)
{
	struct log_event	*last;
	unsigned		 si;
	long			 v;

	if (n < 4 + 17 + 1 || log_mac(m + 4, n - 4, e->mac) == 0)
		return (0);
	e->flags |= LOG_F_MAC;
	si = sta_slot(H, e->mac);
	m += 22;
	n -= 22;
	if (log_starts(m, n, "IEEE 802.11: associated")) {
		/* the answer was acknowledged: say so on the answer */
		if ((last = log_last(l, e->mac, e->t_ns, ENRICH_NS)) != NULL &&
		    last->kind == LOG_EV_ASSOC_RESP) {
			last->flags |= LOG_F_ACKED;
			return (2);
		}
		return (0);
	}
	if (log_rules(&logger_rules_set, m, n, e) < 0) {
		/* a refused (re)association, as hostapd words it */
		if (!log_starts(m, n, "IEEE 802.11: ") ||
		    log_find(m, n, "assoc") == NULL ||
		    (!log_int_after(m, n, "status=", &v) &&
		    !log_int_after(m, n, "resp=", &v)) || v == 0)
			return (0);
		e->kind = LOG_EV_ASSOC_RESP;
		e->dir = LOG_DIR_TX;
		e->status = (int32_t)v;
		e->flags |= LOG_F_STATUS | LOG_F_IEEE;
	}
	switch (e->kind) {
	case LOG_EV_ASSOC_RESP:
		if (H->sta[si].reassoc)
			e->flags |= LOG_F_REASSOC;
		break;
	case LOG_EV_EAPOL:
		if (e->dir == LOG_DIR_TX)
			H->sta[si].last_tx = e->msg;
		break;
	case LOG_EV_EAP_TIMEOUT:
		if (log_find(m, n, "Retry limit") != NULL) {
			e->msg = log_find(m, n, "PTKSTART") ? 1 : 3;
			e->flags |= LOG_F_MSG;
		} else if (H->sta[si].last_tx != 0) {
			e->msg = H->sta[si].last_tx;
			e->flags |= LOG_F_MSG;
		}
		break;
	default:
		break;
	}
	return (1);
}

static int
classify(struct log *l, struct hapd *H, const char *m, size_t n,
    struct log_event *e)
{
	struct log_event	*last;

	if (log_starts(m, n, "STA "))
		return (logger_line(l, H, m, n, e));
	if (log_starts(m, n, "Using interface ")) {
		add_if(H, m, n);
		return (0);
	}
	if (log_starts(m, n, "FT: Received authentication frame: STA=")) {
		/* the station the FT lines that name none are about */
		if (log_mac_after(m, n, "STA=", H->ft_sta))
			H->has_ft_sta = true;
		return (0);
	}
	if (log_rules(&rules_set, m, n, e) < 0)
		return (0);
	switch (e->kind) {
	case LOG_EV_KEY_DONE:
		/* EAPOL-4WAY-HS-COMPLETED after "handshake completed" */
		if ((last = log_last(l, e->mac, e->t_ns, ENRICH_NS)) != NULL &&
		    last->kind == LOG_EV_KEY_DONE)
			return (2);
		break;
	case LOG_EV_NO_PMK:
	case LOG_EV_PMKID_MISS:
	case LOG_EV_FT_PULL:
		if (H->has_ft_sta) {
			memcpy(e->mac, H->ft_sta, 6);
			e->flags |= LOG_F_MAC;
		}
		break;
	case LOG_EV_AUTH_REQ:
	case LOG_EV_AUTH_RESP:
		auth_alg(m, n, e);
		break;
	case LOG_EV_ASSOC_REQ:
	case LOG_EV_REASSOC_REQ:
		if (e->flags & LOG_F_MAC)
			H->sta[sta_slot(H, e->mac)].reassoc =
			    e->kind == LOG_EV_REASSOC_REQ;
		break;
	default:
		break;
	}
	return (1);
}

static void
hostapd_line(struct log *l, const char *s, size_t n)
{
	struct hapd		*H = log_fmt_state(l);
	struct log_event	 e;
	struct log_rec		 r;
	const char		*m, *ifn;
	size_t			 mn, il;
	int			 res;

	if (H == NULL || !log_daemon_line(l, s, n, LOG_SIDE_INFRA, &e, &r, &m,
	    &mn, &ifn, &il))
		return;
	res = classify(l, H, m, mn, &e);
	if (res == 1 && !(e.flags & LOG_F_BSSID) &&
	    if_addr(H, ifn, il, e.bssid))
		e.flags |= LOG_F_BSSID;
	if (res == 1)
		log_emit(l, &r, s, n, &e);
	else
		log_skip(l, &r, s, n, res == 2);
}

static void
hostapd_init(struct log *l)
{
	log_set_fmt_state(l, calloc(1, sizeof(struct hapd)));
}

static void
hostapd_free(struct log *l)
{
	free(log_fmt_state(l));
	log_set_fmt_state(l, NULL);
}

const struct log_fmt_ops log_hostapd_ops = {
	hostapd_init, hostapd_line, NULL, hostapd_free
};
