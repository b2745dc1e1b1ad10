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

#define P(s)	log_starts(m, n, (s))

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

static bool
sta_eq(const char *m, size_t n, const char *key, struct log_event *e)
{
	if (!log_mac_after(m, n, key, e->mac))
		return (false);
	e->flags |= LOG_F_MAC;
	return (true);
}

static void
num_of(const char *m, size_t n, const char *key, int32_t *out, uint32_t f,
    struct log_event *e)
{
	long	 v;

	if (log_int_after(m, n, key, &v)) {
		*out = (int32_t)v;
		e->flags |= f;
	}
}

/* "N/4" after key: the 4-way message number. */
static bool
msg_of(const char *m, size_t n, const char *key, struct log_event *e)
{
	const char	*p = log_find(m, n, key);

	if (p == NULL)
		return (false);
	p += strlen(key);
	if (p + 3 > m + n || !log_digit(p[0]) || p[1] != '/' ||
	    p[2] != '4')
		return (false);
	e->msg = (uint8_t)(p[0] - '0');
	e->flags |= LOG_F_MSG;
	return (true);
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
	if (P("IEEE 802.11: association OK")) {
		e->kind = LOG_EV_ASSOC_RESP;
		e->dir = LOG_DIR_TX;
		e->status = 0;
		e->flags |= LOG_F_STATUS | LOG_F_IEEE;
		if (log_int_after(m, n, "(aid", &v)) {
			e->num = (uint32_t)v;
			e->flags |= LOG_F_NUM;
		}
		if (H->sta[si].reassoc)
			e->flags |= LOG_F_REASSOC;
		return (1);
	}
	if (P("IEEE 802.11: associated")) {
		if ((last = log_last(l, e->mac, e->t_ns, ENRICH_NS)) != NULL &&
		    last->kind == LOG_EV_ASSOC_RESP) {
			last->flags |= LOG_F_ACKED;
			return (2);
		}
		return (0);
	}
	/* a refused (re)association, as hostapd words it */
	if (P("IEEE 802.11: ") && (log_find(m, n, "assoc") != NULL) &&
	    (log_int_after(m, n, "status=", &v) ||
	    log_int_after(m, n, "resp=", &v)) && v != 0) {
		e->kind = LOG_EV_ASSOC_RESP;
		e->dir = LOG_DIR_TX;
		e->status = (int32_t)v;
		e->flags |= LOG_F_STATUS | LOG_F_IEEE;
		if (H->sta[si].reassoc)
			e->flags |= LOG_F_REASSOC;
		return (1);
	}
	if (P("WPA: sending ") && log_find(m, n, "of 4-Way Handshake") &&
	    msg_of(m, n, "sending ", e)) {
		e->kind = LOG_EV_EAPOL;
		e->dir = LOG_DIR_TX;
		H->sta[si].last_tx = e->msg;
		return (1);
	}
	if (P("WPA: received EAPOL-Key frame (") &&
	    msg_of(m, n, "frame (", e)) {
		e->kind = LOG_EV_EAPOL;
		e->dir = LOG_DIR_RX;
		return (1);
	}
	if (P("WPA: invalid MIC in msg ") && msg_of(m, n, "msg ", e)) {
		e->kind = LOG_EV_MIC_FAIL;
		e->dir = LOG_DIR_RX;
		return (1);
	}
	if (P("WPA: EAPOL-Key timeout")) {
		e->kind = LOG_EV_EAP_TIMEOUT;
		if (H->sta[si].last_tx != 0) {
			e->msg = H->sta[si].last_tx;
			e->flags |= LOG_F_MSG;
		}
		return (1);
	}
	if (P("WPA: ") && log_find(m, n, "Retry limit") != NULL) {
		e->kind = LOG_EV_EAP_TIMEOUT;
		e->msg = log_find(m, n, "PTKSTART") ? 1 : 3;
		e->flags |= LOG_F_MSG;
		if (log_int_after(m, n, "Retry limit", &v)) {
			e->num = (uint32_t)v;
			e->flags |= LOG_F_NUM;
		}
		return (1);
	}
	if (P("WPA: pairwise key handshake completed")) {
		e->kind = LOG_EV_KEY_DONE;
		return (1);
	}
	return (0);
}

static int
classify(struct log *l, struct hapd *H, const char *m, size_t n,
    struct log_event *e)
{
	struct log_event	*last;
	unsigned		 si;
	long			 v;

	switch (m[0]) {
	case 'A':
		if (P("AP-STA-CONNECTED ") && sta_eq(m, n, " ", e)) {
			e->kind = LOG_EV_CONNECTED;
			return (1);
		}
		if (P("AP-STA-DISCONNECTED ") && sta_eq(m, n, " ", e)) {
			e->kind = LOG_EV_DISCONNECTED;
			return (1);
		}
		if (P("AP-STA-POSSIBLE-PSK-MISMATCH ") &&
		    sta_eq(m, n, " ", e)) {
			e->kind = LOG_EV_PSK_MISMATCH;
			return (1);
		}
		return (0);
	case 'B':
		if (P("BSS-TM-RESP ") && sta_eq(m, n, " ", e)) {
			e->kind = LOG_EV_BTM_RESP;
			e->dir = LOG_DIR_RX;
			num_of(m, n, "status_code=", &e->status,
			    LOG_F_STATUS | LOG_F_IEEE, e);
			/* the BSS the client will go to */
			if (log_mac_after(m, n, "target_bssid=", e->bssid))
				e->flags |= LOG_F_BSSID;
			return (1);
		}
		return (0);
	case 'E':
		if (P("EAPOL-4WAY-HS-COMPLETED ") && sta_eq(m, n, " ", e)) {
			if ((last = log_last(l, e->mac, e->t_ns, ENRICH_NS))
			    != NULL && last->kind == LOG_EV_KEY_DONE)
				return (2);
			e->kind = LOG_EV_KEY_DONE;
			return (1);
		}
		return (0);
	case 'F':
		if (P("FT: Received authentication frame: STA=")) {
			if (log_mac_after(m, n, "STA=", H->ft_sta))
				H->has_ft_sta = true;
			return (0);
		}
		if (P("FT: Did not have matching PMK-R1") ||
		    P("FT: No PMK-R1 available") ||
		    P("FT: Send PMK-R1 pull request")) {
			e->kind = P("FT: Did") ? LOG_EV_NO_PMK :
			    P("FT: No") ? LOG_EV_PMKID_MISS : LOG_EV_FT_PULL;
			e->flags |= LOG_F_FT;
			if (H->has_ft_sta) {
				memcpy(e->mac, H->ft_sta, 6);
				e->flags |= LOG_F_MAC;
			}
			return (1);
		}
		if (P("FT: Received FT Action frame (STA=") &&
		    sta_eq(m, n, "STA=", e)) {
			e->kind = LOG_EV_FT_ACTION;
			e->dir = LOG_DIR_RX;
			e->flags |= LOG_F_FT;
			if (log_mac_after(m, n, "Target AP=", e->bssid))
				e->flags |= LOG_F_BSSID;
			return (1);
		}
		if (P("FT: RRB authentication response: STA=") &&
		    sta_eq(m, n, "STA=", e)) {
			e->kind = LOG_EV_FT_ACTION;
			e->dir = LOG_DIR_TX;
			e->flags |= LOG_F_FT;
			num_of(m, n, "status=", &e->status,
			    LOG_F_STATUS | LOG_F_IEEE, e);
			if (log_mac_after(m, n, "CurrentAP=", e->old_bssid))
				e->flags |= LOG_F_OLD;
			return (1);
		}
		return (0);
	case 'S':
		if (P("STA "))
			return (logger_line(l, H, m, n, e));
		return (0);
	case 'T':
		if (P("TESTING: ignoring reassoc request from") &&
		    sta_eq(m, n, "from", e)) {
			e->kind = LOG_EV_REASSOC_REQ;
			e->dir = LOG_DIR_RX;
			return (1);
		}
		if (P("Timeout, sending deauthentication info to STA") &&
		    sta_eq(m, n, "to STA", e)) {
			e->kind = LOG_EV_DEAUTH;
			e->dir = LOG_DIR_TX;
			return (1);
		}
		if (P("Timeout, sending disassociation info to STA") &&
		    sta_eq(m, n, "to STA", e)) {
			e->kind = LOG_EV_DISASSOC;
			e->dir = LOG_DIR_TX;
			return (1);
		}
		return (0);
	case 'U':
		if (P("Using interface "))
			add_if(H, m, n);
		return (0);
	case 'W':
		if (P("WNM: Send BSS Transition Management Request to") &&
		    sta_eq(m, n, "Request to", e)) {
			e->kind = LOG_EV_BTM_REQ;
			e->dir = LOG_DIR_TX;
			return (1);
		}
		return (0);
	case 'a':
		if (P("authentication: STA=") && sta_eq(m, n, "STA=", e)) {
			e->kind = LOG_EV_AUTH_REQ;
			e->dir = LOG_DIR_RX;
			if (log_int_after(m, n, "auth_alg=", &v)) {
				e->alg = (uint8_t)v;
				e->flags |= LOG_F_ALG;
			}
			if (log_int_after(m, n, "auth_transaction=", &v)) {
				e->num = (uint32_t)v;
				e->flags |= LOG_F_NUM;
			}
			return (1);
		}
		if (P("authentication reply: STA=") &&
		    sta_eq(m, n, "STA=", e)) {
			e->kind = LOG_EV_AUTH_RESP;
			e->dir = LOG_DIR_TX;
			if (log_int_after(m, n, "auth_alg=", &v)) {
				e->alg = (uint8_t)v;
				e->flags |= LOG_F_ALG;
			}
			num_of(m, n, "resp=", &e->status,
			    LOG_F_STATUS | LOG_F_IEEE, e);
			return (1);
		}
		if (P("association request: STA=") && sta_eq(m, n, "STA=", e)) {
			si = sta_slot(H, e->mac);
			H->sta[si].reassoc = false;
			e->kind = LOG_EV_ASSOC_REQ;
			e->dir = LOG_DIR_RX;
			return (1);
		}
		if (P("ap_sta_disconnect addr") && sta_eq(m, n, "addr", e)) {
			e->kind = LOG_EV_DEAUTH;
			e->dir = LOG_DIR_TX;
			num_of(m, n, "reason=", &e->reason,
			    LOG_F_REASON | LOG_F_IEEE, e);
			return (1);
		}
		return (0);
	case 'd':
		if ((P("deauthentication: STA=") ||
		    P("disassociation: STA=")) && sta_eq(m, n, "STA=", e)) {
			e->kind = m[1] == 'e' ? LOG_EV_DEAUTH : LOG_EV_DISASSOC;
			e->dir = LOG_DIR_RX;
			num_of(m, n, "reason_code=", &e->reason,
			    LOG_F_REASON | LOG_F_IEEE, e);
			return (1);
		}
		return (0);
	case 'r':
		if (P("reassociation request: STA=") &&
		    sta_eq(m, n, "STA=", e)) {
			si = sta_slot(H, e->mac);
			H->sta[si].reassoc = true;
			e->kind = LOG_EV_REASSOC_REQ;
			e->dir = LOG_DIR_RX;
			if (log_mac_after(m, n, "current_ap=", e->old_bssid))
				e->flags |= LOG_F_OLD;
			return (1);
		}
		return (0);
	default:
		return (0);
	}
}

static void
hostapd_line(struct log *l, const char *s, size_t n)
{
	struct hapd		*H = log_fmt_state(l);
	struct log_event	 e;
	struct log_rec		 r;
	const char		*prog, *m, *ifn = NULL;
	size_t			 k, plen, mn, il = 0;
	int64_t			 t;
	bool			 yg;
	int			 res;

	if (H == NULL)
		return;
	for (k = 0; k < n && (s[k] == ' ' || s[k] == '\t'); k++)
		;
	if (k == n) {
		log_stats_w(l)->blank++;
		return;
	}
	if ((k = log_daemon_prefix(s, n, log_ref_ns(l), &t, &yg, &prog,
	    &plen)) == 0) {
		/* hexdump continuations belong to the record before */
		if (s[0] != ' ')
			log_stats_w(l)->text++;
		return;
	}
	r.line = log_line_no(l);
	r.off = log_line_off(l);
	r.len = (uint32_t)(n + 1);
	m = s + k;
	mn = n - k;
	if ((il = log_iface_prefix(m, mn)) != 0) {
		ifn = m;
		m += il;
		mn -= il;
	}
	memset(&e, 0, sizeof(e));
	e.t_ns = t;
	e.flags = LOG_F_TIME | (yg ? LOG_F_YEAR : 0);
	e.side = LOG_SIDE_INFRA;
	res = mn > 0 ? classify(l, H, m, mn, &e) : 0;
	if (res == 1 && !(e.flags & LOG_F_BSSID) &&
	    if_addr(H, ifn, ifn ? il - 2 : 0, e.bssid))
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
