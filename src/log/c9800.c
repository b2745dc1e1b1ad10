/*
 * c9800.c -- Cisco Catalyst 9800 radioactive (RA) traces:
 *
 *   2023/09/19 15:57:23.471484913 {wncd_x_R0-0}{1}: [client-orch-sm]
 *   [17435]: (note): MAC: 845f.04e7.d557  Re-Association received. BSSID
 *   1484.7340.ec6d, WLAN X, Slot 1 AP 1484.7340.ec60, name, old BSSID ...
 *
 * one record per line, MACs dotted, the time in µs or ns (controller local
 * time, with the year).  The [category] and the message decide the event.
 */
#include <stdlib.h>
#include <string.h>

#include "log/log.h"

static void
c9800_init(struct log *l)
{
	(void)l;
}

/* "YYYY/MM/DD HH:MM:SS.frac " at s: its length and time, 0 when none. */
static size_t
c9800_time(const char *s, size_t n, int64_t *t)
{
	long	 y, mo, d, f;
	int	 h, mi, sec;
	size_t	 k;

	if (n < 20 || s[4] != '/' || s[7] != '/' || s[10] != ' ' ||
	    log_int(s, 4, &y) != 4 || log_int(s + 5, 2, &mo) != 2 ||
	    log_int(s + 8, 2, &d) != 2)
		return (0);
	if ((k = log_hms(s + 11, n - 11, &h, &mi, &sec, &f)) == 0)
		return (0);
	if ((*t = log_civil_ns((int)y, (int)mo, (int)d, h, mi, sec, f)) < 0)
		return (0);
	return (11 + k);
}

/* Skip "{proc}{n}: [category] [pid]: (severity): "; category out. */
static size_t
c9800_head(const char *s, size_t n, const char **cat, size_t *catlen)
{
	size_t		 i = 0;
	const char	*p;

	*cat = NULL;
	*catlen = 0;
	while (i < n && s[i] == ' ')
		i++;
	while (i < n && s[i] == '{') {
		if ((p = memchr(s + i, '}', n - i)) == NULL)
			return (0);
		i = (size_t)(p - s) + 1;
	}
	if (i + 2 > n || s[i] != ':')
		return (0);
	i += 2;
	if (i < n && s[i] == '[' && (p = memchr(s + i, ']', n - i)) != NULL) {
		*cat = s + i + 1;
		*catlen = (size_t)(p - s) - i - 1;
		i = (size_t)(p - s) + 1;
		while (i < n && s[i] == ' ')
			i++;
	}
	if (i < n && s[i] == '[' && (p = memchr(s + i, ']', n - i)) != NULL) {
		i = (size_t)(p - s) + 1;
		if (i < n && s[i] == ':')
			i++;
		while (i < n && s[i] == ' ')
			i++;
	}
	if (i < n && s[i] == '(' && (p = memchr(s + i, ')', n - i)) != NULL) {
		i = (size_t)(p - s) + 1;
		if (i < n && s[i] == ':')
			i++;
		while (i < n && s[i] == ' ')
			i++;
	}
	return (i);
}

#define RX	LOG_DIR_RX
#define TX	LOG_DIR_TX
#define K(k, f)	{ k, LOG_FLD_##f }

static const struct log_rule rules[] = {
	LOG_RULE("Association received.", NULL, LOG_EV_ASSOC_REQ, RX, 0,
	    K("BSSID", BSSID), K(" AP ", AP)),
	LOG_RULE("Re-Association received.", NULL, LOG_EV_REASSOC_REQ, RX, 0,
	    K("BSSID", BSSID), K(" AP ", AP), K("old BSSID", OLD)),
	LOG_RULE("Association success.", NULL, LOG_EV_ASSOC_RESP, TX,
	    LOG_F_STATUS | LOG_F_IEEE, K("AID", NUM)),
	LOG_RULE("EAP key M", "Sent", LOG_EV_EAPOL, TX, 0,
	    K("EAP key ", MSG)),
	LOG_RULE("Keymgmt: ", "resend eapol key", LOG_EV_EAPOL_RETRY, TX, 0,
	    K("resend eapol key ", MSG)),
	LOG_RULE("Keymgmt: ", "retransmit failure", LOG_EV_EAP_TIMEOUT, 0, 0,
	    K("eapol key ", MSG)),
	LOG_RULE("EAP Key management successful", NULL, LOG_EV_KEY_DONE, 0, 0),
	LOG_RULE("Deleting the client, reason:", NULL, LOG_EV_CLIENT_DELETE,
	    0, 0, K("reason:", REASON)),
	LOG_RULE("Dot11 update co assoc fail", "INVALID_PMKID", LOG_EV_NO_PMK,
	    0, 0, K("delete reason:", REASON)),
	LOG_RULE("Dot11 update co assoc fail", NULL, LOG_EV_ASSOC_FAIL, 0, 0,
	    K("delete reason:", REASON)),
	LOG_RULE("Dot11 receive SAE AUTH", NULL, LOG_EV_AUTH_REQ, RX, 0),
	LOG_RULE("%CLIENT_ORCH_LOG", "CLIENT_MOVED_TO_RUN_STATE",
	    LOG_EV_CONNECTED, 0, 0, K("MAC:", MAC)),
	LOG_RULE("%CLIENT_ORCH_LOG", "CLIENT_MOVED_TO_DELETE_STATE",
	    LOG_EV_DISCONNECTED, 0, 0, K("MAC:", MAC)),
};
static struct log_ruleset rules_set = LOG_RULESET(rules);

/* "MN Status: ..." (the message number first) and Keymgmt MIC failures:
 * the two forms a table of prefixes does not hold. */
static bool
keys(const char *m, size_t n, struct log_event *e)
{
	bool	 fail = log_find(m, n, "fail") || log_find(m, n, "Fail") ||
		    log_find(m, n, "invalid");

	if (n > 10 && m[0] == 'M' && log_digit(m[1]) &&
	    log_starts(m + 2, n - 2, " Status:")) {
		e->msg = (uint8_t)(m[1] - '0');
		e->flags |= LOG_F_MSG;
		e->dir = LOG_DIR_RX;
		e->kind = fail ? LOG_EV_MIC_FAIL : LOG_EV_EAPOL;
		return (true);
	}
	if (log_starts(m, n, "Keymgmt: ") && fail &&
	    (log_find(m, n, "mic") || log_find(m, n, "MIC"))) {
		e->kind = LOG_EV_MIC_FAIL;
		e->dir = LOG_DIR_RX;
		if (!log_field(e, m, n, "eapol key ", LOG_FLD_MSG))
			log_field(e, m, n, "Eapol key ", LOG_FLD_MSG);
		return (true);
	}
	return (false);
}

static int
classify(const char *m, size_t n, struct log_event *e)
{
	int	 r;

	if (keys(m, n, e))
		return (1);
	if ((r = log_rules(&rules_set, m, n, e)) < 0)
		return (0);
	if (e->kind == LOG_EV_ASSOC_RESP) {
		if (log_find(m, n, "Roaming = True") != NULL)
			e->flags |= LOG_F_REASSOC;
		if (log_find(m, n, "11r = True") != NULL)
			e->flags |= LOG_F_FT;
	}
	return (1);
}

static void
c9800_line(struct log *l, const char *s, size_t n)
{
	struct log_event	 e;
	struct log_rec		 r;
	const char		*cat, *m;
	size_t			 k, h, catlen, mn;
	int64_t			 t;
	int			 res;

	r.line = log_line_no(l);
	r.off = log_line_off(l);
	r.len = (uint32_t)(n + 1);
	for (k = 0; k < n && (s[k] == ' ' || s[k] == '\t'); k++)
		;
	if (k == n) {
		log_stats_w(l)->blank++;
		return;
	}
	if ((k = c9800_time(s, n, &t)) == 0) {
		log_stats_w(l)->text++;
		return;
	}
	memset(&e, 0, sizeof(e));
	e.t_ns = t;
	e.flags = LOG_F_TIME;
	e.side = LOG_SIDE_INFRA;
	h = c9800_head(s + k, n - k, &cat, &catlen);
	m = s + k + h;
	mn = n - k - h;
	if (log_starts(m, mn, "MAC: ")) {
		m += 5;
		mn -= 5;
		if ((h = log_mac(m, mn, e.mac)) != 0) {
			e.flags |= LOG_F_MAC;
			m += h;
			mn -= h;
		}
		while (mn > 0 && *m == ' ') {
			m++;
			mn--;
		}
	}
	res = classify(m, mn, &e);
	if (res == 1)
		log_emit(l, &r, s, n, &e);
	else
		log_skip(l, &r, s, n, false);
}

const struct log_fmt_ops log_c9800_ops = {
	c9800_init, c9800_line, NULL, NULL
};
