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

#define RX	LOG_DIR_RX
#define TX	LOG_DIR_TX
#define IEEE	LOG_F_IEEE
#define K(k, f)	{ k, LOG_FLD_##f }

static const struct log_rule rules[] = {
	LOG_RULE("SME: Trying to authenticate with ", NULL, LOG_EV_AUTH_REQ,
	    TX, 0, K("with", BSSID)),
	LOG_RULE("SME: Authentication response: peer=", NULL,
	    LOG_EV_AUTH_RESP, RX, IEEE, K("peer=", BSSID),
	    K("status_code=", STATUS)),
	LOG_RULE("CTRL-EVENT-AUTH-REJECT ", NULL, LOG_EV_AUTH_RESP, RX, IEEE,
	    K("REJECT", BSSID), K("status_code=", STATUS)),
	LOG_RULE("SME: Authentication timed out", NULL, LOG_EV_AUTH_TIMEOUT,
	    0, 0),
	LOG_RULE("Authentication with ", "timed out", LOG_EV_AUTH_TIMEOUT, 0,
	    0, K("with", BSSID)),
	LOG_RULE("Associated with ", NULL, LOG_EV_ASSOC_RESP, RX,
	    LOG_F_STATUS | IEEE, K("with", BSSID)),
	LOG_RULE("CTRL-EVENT-ASSOC-REJECT ", NULL, LOG_EV_ASSOC_RESP, RX,
	    IEEE, K("bssid=", BSSID), K("status_code=", STATUS)),
	LOG_RULE("SME: Association timed out", NULL, LOG_EV_ASSOC_TIMEOUT, 0,
	    0),
	LOG_RULE("WPA: RX message ", NULL, LOG_EV_EAPOL, RX, 0,
	    K("message", MSG), K("Handshake from", BSSID)),
	LOG_RULE("WPA: Sending EAPOL-Key ", "/4", LOG_EV_EAPOL, TX, 0,
	    K("EAPOL-Key", MSG)),
	LOG_RULE("WPA: Key negotiation completed with ", NULL,
	    LOG_EV_KEY_DONE, 0, 0, K("with", BSSID)),
	LOG_RULE("WPA: 4-Way Handshake failed", NULL, LOG_EV_PSK_MISMATCH, 0,
	    0),
	LOG_RULE("CTRL-EVENT-SSID-TEMP-DISABLED ", "reason=WRONG_KEY",
	    LOG_EV_PSK_MISMATCH, 0, 0),
	LOG_RULE("CTRL-EVENT-CONNECTED ", NULL, LOG_EV_CONNECTED, 0, 0,
	    K("Connection to", BSSID)),
	LOG_RULE("CTRL-EVENT-DISCONNECTED ", NULL, LOG_EV_DISCONNECTED, RX,
	    IEEE, K("bssid=", BSSID), K("reason=", REASON)),
	LOG_RULE("CTRL-EVENT-DO-ROAM ", NULL, LOG_EV_DO_ROAM, 0, 0,
	    K("sel_bssid=", BSSID), K("cur_bssid=", OLD)),
	LOG_RULE("CTRL-EVENT-SKIP-ROAM ", NULL, LOG_EV_SKIP_ROAM, 0, 0,
	    K("sel_bssid=", BSSID), K("cur_bssid=", OLD)),
	LOG_RULE("CTRL-EVENT-EAP-STARTED", NULL, LOG_EV_EAP, 0, 0),
	LOG_RULE("CTRL-EVENT-EAP-SUCCESS", NULL, LOG_EV_EAP_SUCCESS, 0, 0),
	LOG_RULE("CTRL-EVENT-EAP-FAILURE", NULL, LOG_EV_EAP_FAILURE, 0, 0),
	LOG_RULE("WNM: BSS Transition Management Request:", NULL,
	    LOG_EV_BTM_REQ, RX, 0),
	LOG_RULE("WNM: Send BSS Transition Management Response to ", NULL,
	    LOG_EV_BTM_RESP, TX, IEEE, K("Response to", BSSID),
	    K("status=", STATUS)),
	LOG_RULE("FT: Request over-the-DS with ", NULL, LOG_EV_FT_ACTION, TX,
	    LOG_F_FT, K("with", BSSID)),
	LOG_RULE("FT: Received FT Action Response: ", NULL, LOG_EV_FT_ACTION,
	    RX, LOG_F_FT | IEEE, K("TargetAP", BSSID), K(" status ", STATUS)),
};
static struct log_ruleset rules_set = LOG_RULESET(rules);

static void
set_bss(struct log_event *e, const uint8_t bss[6], bool have, uint32_t f)
{
	uint8_t	*to = f == LOG_F_OLD ? e->old_bssid : e->bssid;

	if (!have || (e->flags & f))
		return;
	memcpy(to, bss, 6);
	e->flags |= f;
}

static int
classify(struct log *l, struct wpas *W, const char *m, size_t n,
    struct log_event *e)
{
	struct log_event	*last;
	long			 v;

	if (log_starts(m, n, "Own MAC address: ")) {
		if (!W->has_own && log_mac(m + 17, n - 17, W->own) != 0) {
			W->has_own = true;
			log_fill_mac(l, W->own);
		}
		return (0);
	}
	if (log_starts(m, n, "SME: Trying to use FT over-the-air")) {
		W->pending_ft = true;
		return (0);
	}
	if (log_starts(m, n, "Trying to associate with ")) {
		/* a reassociation while connected */
		e->kind = W->has_cur ? LOG_EV_REASSOC_REQ : LOG_EV_ASSOC_REQ;
		e->dir = LOG_DIR_TX;
		log_field(e, m, n, "with", LOG_FLD_BSSID);
		set_bss(e, W->cur, W->has_cur, LOG_F_OLD);
		W->reassoc = W->has_cur;
		memcpy(W->target, e->bssid, 6);
		W->has_target = (e->flags & LOG_F_BSSID) != 0;
		return (1);
	}
	if (log_rules(&rules_set, m, n, e) < 0)
		return (0);
	switch (e->kind) {
	case LOG_EV_AUTH_REQ:
	case LOG_EV_FT_ACTION:
		if (e->kind == LOG_EV_AUTH_REQ && W->pending_ft)
			e->flags |= LOG_F_FT;
		W->pending_ft = false;
		if (e->dir == LOG_DIR_TX) {
			memcpy(W->target, e->bssid, 6);
			W->has_target = (e->flags & LOG_F_BSSID) != 0;
		}
		break;
	case LOG_EV_AUTH_RESP:
		if (log_int_after(m, n, "auth_type=", &v)) {
			e->alg = (uint8_t)v;
			e->flags |= LOG_F_ALG;
		}
		/* CTRL-EVENT-AUTH-REJECT repeats the response just logged */
		if (log_starts(m, n, "CTRL-EVENT-AUTH-REJECT") && W->has_own &&
		    (last = log_last(l, W->own, e->t_ns, ENRICH_NS)) != NULL &&
		    last->kind == LOG_EV_AUTH_RESP &&
		    last->status == e->status)
			return (2);
		break;
	case LOG_EV_ASSOC_RESP:
		if (W->reassoc)
			e->flags |= LOG_F_REASSOC;
		break;
	case LOG_EV_ASSOC_TIMEOUT:
		set_bss(e, W->target, W->has_target, LOG_F_BSSID);
		W->has_cur = false;
		break;
	case LOG_EV_EAPOL:
		if (e->dir == LOG_DIR_TX)
			set_bss(e, W->target, W->has_target, LOG_F_BSSID);
		break;
	case LOG_EV_PSK_MISMATCH:
		/* the SSID is disabled for the failure just logged */
		if (log_starts(m, n, "CTRL-EVENT-SSID-TEMP-DISABLED") &&
		    W->has_own && (last = log_last(l, W->own, e->t_ns,
		    ENRICH_NS)) != NULL && last->kind == LOG_EV_PSK_MISMATCH)
			return (2);
		break;
	case LOG_EV_CONNECTED:
		if (e->flags & LOG_F_BSSID) {
			memcpy(W->cur, e->bssid, 6);
			W->has_cur = true;
		}
		break;
	case LOG_EV_DISCONNECTED:
		if (log_find(m, n, "locally_generated=1") != NULL)
			e->dir = LOG_DIR_TX;
		W->has_cur = false;
		break;
	case LOG_EV_DO_ROAM:
	case LOG_EV_SKIP_ROAM:
		if (log_int_after(m, n, "cur_level=", &v)) {
			e->cur_level = (int16_t)v;
			if (log_int_after(m, n, "sel_level=", &v)) {
				e->sel_level = (int16_t)v;
				e->flags |= LOG_F_LEVELS;
			}
		}
		break;
	case LOG_EV_BTM_REQ:
		set_bss(e, W->cur, W->has_cur, LOG_F_BSSID);
		break;
	default:
		break;
	}
	return (1);
}

static void
wpas_line(struct log *l, const char *s, size_t n)
{
	struct wpas		*W = log_fmt_state(l);
	struct log_event	 e;
	struct log_rec		 r;
	const char		*m, *ifn;
	size_t			 mn, il;
	int			 res;

	if (W == NULL || !log_daemon_line(l, s, n, LOG_SIDE_CLIENT, &e, &r, &m,
	    &mn, &ifn, &il))
		return;
	if (W->has_own) {
		memcpy(e.mac, W->own, 6);
		e.flags |= LOG_F_MAC;
	}
	res = classify(l, W, m, mn, &e);
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
