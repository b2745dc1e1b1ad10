/*
 * wpas.c -- wpa_supplicant's debug log (-t, "EPOCH.usec: ") or syslog: the
 * client's own view.  Every event's client is the supplicant's own address
 * ("Own MAC address: ..."; events logged before it get it when it comes).
 * Whether an association is a reassociation follows from the connection the
 * supplicant reports (CTRL-EVENT-CONNECTED until DISCONNECTED or a timeout).
 */
#include <stdlib.h>
#include <string.h>

#include "log/log.h"

#define ENRICH_NS	(100 * 1000000LL)

struct wpas {
	uint8_t		 own[6];
	bool		 has_own;
	uint8_t		 cur[6];	/* connected to */
	bool		 has_cur;
	uint8_t		 target[6];	/* BSS of the attempt under way */
	bool		 has_target;
	bool		 pending_ft;
	bool		 reassoc;	/* the last request */
};

#define P(s)	log_starts(m, n, (s))

static bool
bss(const char *m, size_t n, const char *key, struct log_event *e)
{
	if (!log_mac_after(m, n, key, e->bssid))
		return (false);
	e->flags |= LOG_F_BSSID;
	return (true);
}

static void
ieee_num(const char *m, size_t n, const char *key, int32_t *out, uint32_t f,
    struct log_event *e)
{
	long	 v;

	if (log_int_after(m, n, key, &v)) {
		*out = (int32_t)v;
		e->flags |= f | LOG_F_IEEE;
	}
}

static void
levels(const char *m, size_t n, struct log_event *e)
{
	long	 c, s;

	if (log_int_after(m, n, "cur_level=", &c) &&
	    log_int_after(m, n, "sel_level=", &s)) {
		e->cur_level = (int16_t)c;
		e->sel_level = (int16_t)s;
		e->flags |= LOG_F_LEVELS;
	}
	if (log_mac_after(m, n, "cur_bssid=", e->old_bssid))
		e->flags |= LOG_F_OLD;
	bss(m, n, "sel_bssid=", e);
}

static void
target(struct wpas *W, const struct log_event *e)
{
	memcpy(W->target, e->bssid, 6);
	W->has_target = (e->flags & LOG_F_BSSID) != 0;
}

static int
classify(struct log *l, struct wpas *W, const char *m, size_t n,
    struct log_event *e)
{
	struct log_event	*last;
	long			 v;

	if (P("Own MAC address: ")) {
		if (!W->has_own && log_mac(m + 17, n - 17, W->own) != 0) {
			W->has_own = true;
			log_fill_mac(l, W->own);
		}
		return (0);
	}
	if (P("SME: Trying to use FT over-the-air")) {
		W->pending_ft = true;
		return (0);
	}
	if (P("SME: Trying to authenticate with ")) {
		e->kind = LOG_EV_AUTH_REQ;
		e->dir = LOG_DIR_TX;
		bss(m, n, "with", e);
		if (W->pending_ft)
			e->flags |= LOG_F_FT;
		W->pending_ft = false;
		target(W, e);
		return (1);
	}
	if (P("SME: Authentication response: peer=") ||
	    P("CTRL-EVENT-AUTH-REJECT ")) {
		e->kind = LOG_EV_AUTH_RESP;
		e->dir = LOG_DIR_RX;
		if (!bss(m, n, "peer=", e))
			bss(m, n, "REJECT", e);
		ieee_num(m, n, "status_code=", &e->status, LOG_F_STATUS, e);
		if (log_int_after(m, n, "auth_type=", &v)) {
			e->alg = (uint8_t)v;
			e->flags |= LOG_F_ALG;
		}
		if (P("CTRL-EVENT-AUTH-REJECT") && W->has_own &&
		    (last = log_last(l, W->own, e->t_ns, ENRICH_NS)) != NULL &&
		    last->kind == LOG_EV_AUTH_RESP &&
		    last->status == e->status)
			return (2);
		return (1);
	}
	if (P("SME: Authentication timed out") ||
	    (P("Authentication with ") && log_find(m, n, "timed out"))) {
		e->kind = LOG_EV_AUTH_TIMEOUT;
		bss(m, n, "with", e);
		return (1);
	}
	if (P("Trying to associate with ")) {
		e->dir = LOG_DIR_TX;
		bss(m, n, "with", e);
		W->reassoc = W->has_cur;
		if (W->has_cur) {
			e->kind = LOG_EV_REASSOC_REQ;
			memcpy(e->old_bssid, W->cur, 6);
			e->flags |= LOG_F_OLD;
		} else
			e->kind = LOG_EV_ASSOC_REQ;
		target(W, e);
		return (1);
	}
	if (P("Associated with ")) {
		e->kind = LOG_EV_ASSOC_RESP;
		e->dir = LOG_DIR_RX;
		bss(m, n, "with", e);
		e->status = 0;
		e->flags |= LOG_F_STATUS | LOG_F_IEEE;
		if (W->reassoc)
			e->flags |= LOG_F_REASSOC;
		return (1);
	}
	if (P("CTRL-EVENT-ASSOC-REJECT ")) {
		e->kind = LOG_EV_ASSOC_RESP;
		e->dir = LOG_DIR_RX;
		bss(m, n, "bssid=", e);
		ieee_num(m, n, "status_code=", &e->status, LOG_F_STATUS, e);
		if (W->reassoc)
			e->flags |= LOG_F_REASSOC;
		return (1);
	}
	if (P("SME: Association timed out")) {
		e->kind = LOG_EV_ASSOC_TIMEOUT;
		if (W->has_target) {
			memcpy(e->bssid, W->target, 6);
			e->flags |= LOG_F_BSSID;
		}
		W->has_cur = false;
		return (1);
	}
	if (P("WPA: RX message ") && n > 16 && log_digit(m[16])) {
		e->kind = LOG_EV_EAPOL;
		e->dir = LOG_DIR_RX;
		e->msg = (uint8_t)(m[16] - '0');
		e->flags |= LOG_F_MSG;
		bss(m, n, "Handshake from", e);
		return (1);
	}
	if (P("WPA: Sending EAPOL-Key ") && n > 23 &&
	    log_digit(m[23]) && log_starts(m + 24, n - 24, "/4")) {
		e->kind = LOG_EV_EAPOL;
		e->dir = LOG_DIR_TX;
		e->msg = (uint8_t)(m[23] - '0');
		e->flags |= LOG_F_MSG;
		if (W->has_target) {
			memcpy(e->bssid, W->target, 6);
			e->flags |= LOG_F_BSSID;
		}
		return (1);
	}
	if (P("WPA: Key negotiation completed with ")) {
		e->kind = LOG_EV_KEY_DONE;
		bss(m, n, "with", e);
		return (1);
	}
	if (P("WPA: 4-Way Handshake failed")) {
		e->kind = LOG_EV_PSK_MISMATCH;
		return (1);
	}
	if (P("CTRL-EVENT-SSID-TEMP-DISABLED ") &&
	    log_find(m, n, "reason=WRONG_KEY") != NULL) {
		if (W->has_own && (last = log_last(l, W->own, e->t_ns,
		    ENRICH_NS)) != NULL && last->kind == LOG_EV_PSK_MISMATCH)
			return (2);
		e->kind = LOG_EV_PSK_MISMATCH;
		return (1);
	}
	if (P("CTRL-EVENT-CONNECTED ")) {
		e->kind = LOG_EV_CONNECTED;
		if (bss(m, n, "Connection to", e)) {
			memcpy(W->cur, e->bssid, 6);
			W->has_cur = true;
		}
		return (1);
	}
	if (P("CTRL-EVENT-DISCONNECTED ")) {
		e->kind = LOG_EV_DISCONNECTED;
		bss(m, n, "bssid=", e);
		ieee_num(m, n, "reason=", &e->reason, LOG_F_REASON, e);
		e->dir = log_find(m, n, "locally_generated=1") ? LOG_DIR_TX :
		    LOG_DIR_RX;
		W->has_cur = false;
		return (1);
	}
	if (P("CTRL-EVENT-DO-ROAM ") || P("CTRL-EVENT-SKIP-ROAM ")) {
		e->kind = m[11] == 'D' ? LOG_EV_DO_ROAM : LOG_EV_SKIP_ROAM;
		levels(m, n, e);
		return (1);
	}
	if (P("CTRL-EVENT-EAP-STARTED")) {
		e->kind = LOG_EV_EAP;
		return (1);
	}
	if (P("CTRL-EVENT-EAP-SUCCESS")) {
		e->kind = LOG_EV_EAP_SUCCESS;
		return (1);
	}
	if (P("CTRL-EVENT-EAP-FAILURE")) {
		e->kind = LOG_EV_EAP_FAILURE;
		return (1);
	}
	if (P("WNM: BSS Transition Management Request:")) {
		e->kind = LOG_EV_BTM_REQ;
		e->dir = LOG_DIR_RX;
		if (W->has_cur) {
			memcpy(e->bssid, W->cur, 6);
			e->flags |= LOG_F_BSSID;
		}
		return (1);
	}
	if (P("WNM: Send BSS Transition Management Response to ")) {
		e->kind = LOG_EV_BTM_RESP;
		e->dir = LOG_DIR_TX;
		bss(m, n, "Response to", e);
		ieee_num(m, n, "status=", &e->status, LOG_F_STATUS, e);
		return (1);
	}
	if (P("FT: Request over-the-DS with ")) {
		e->kind = LOG_EV_FT_ACTION;
		e->dir = LOG_DIR_TX;
		e->flags |= LOG_F_FT;
		bss(m, n, "with", e);
		target(W, e);
		return (1);
	}
	if (P("FT: Received FT Action Response: ")) {
		e->kind = LOG_EV_FT_ACTION;
		e->dir = LOG_DIR_RX;
		e->flags |= LOG_F_FT;
		bss(m, n, "TargetAP", e);
		ieee_num(m, n, " status ", &e->status, LOG_F_STATUS, e);
		return (1);
	}
	return (0);
}

static void
wpas_line(struct log *l, const char *s, size_t n)
{
	struct wpas		*W = log_fmt_state(l);
	struct log_event	 e;
	struct log_rec		 r;
	const char		*prog, *m;
	size_t			 k, plen, mn;
	int64_t			 t;
	bool			 yg;
	int			 res;

	if (W == NULL)
		return;
	for (k = 0; k < n && (s[k] == ' ' || s[k] == '\t'); k++)
		;
	if (k == n) {
		log_stats_w(l)->blank++;
		return;
	}
	if ((k = log_daemon_prefix(s, n, log_ref_ns(l), &t, &yg, &prog,
	    &plen)) == 0) {
		if (s[0] != ' ')
			log_stats_w(l)->text++;
		return;
	}
	r.line = log_line_no(l);
	r.off = log_line_off(l);
	r.len = (uint32_t)(n + 1);
	m = s + k;
	mn = n - k;
	if ((k = log_iface_prefix(m, mn)) != 0) {
		m += k;
		mn -= k;
	}
	memset(&e, 0, sizeof(e));
	e.t_ns = t;
	e.flags = LOG_F_TIME | (yg ? LOG_F_YEAR : 0);
	e.side = LOG_SIDE_CLIENT;
	if (W->has_own) {
		memcpy(e.mac, W->own, 6);
		e.flags |= LOG_F_MAC;
	}
	res = mn > 0 ? classify(l, W, m, mn, &e) : 0;
	if (res == 1)
		log_emit(l, &r, s, n, &e);
	else
		log_skip(l, &r, s, n, res == 2);
}

static void
wpas_init(struct log *l)
{
	log_set_fmt_state(l, calloc(1, sizeof(struct wpas)));
}

static void
wpas_free(struct log *l)
{
	free(log_fmt_state(l));
	log_set_fmt_state(l, NULL);
}

const struct log_fmt_ops log_wpas_ops = {
	wpas_init, wpas_line, NULL, wpas_free
};
