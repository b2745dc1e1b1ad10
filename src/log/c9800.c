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

#define P(s)	log_starts(m, n, (s))

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

static void
reason_of(const char *m, size_t n, const char *key, struct log_event *e)
{
	long	 v;

	if (log_int_after(m, n, key, &v)) {
		e->reason = (int32_t)v;
		e->flags |= LOG_F_REASON;
	}
}

static bool
mac_at(const char *m, size_t n, const char *key, uint8_t *mac, uint32_t f,
    struct log_event *e)
{
	if (!log_mac_after(m, n, key, mac))
		return (false);
	e->flags |= f;
	return (true);
}

/* EAPOL-Key message number after key ("M2", "m3"). */
static bool
msg_of(const char *m, size_t n, const char *key, struct log_event *e)
{
	const char	*p = log_find(m, n, key);

	if (p == NULL)
		return (false);
	p += strlen(key);
	if (p >= m + n || (*p != 'M' && *p != 'm') || p + 1 >= m + n ||
	    !log_digit(p[1]))
		return (false);
	e->msg = (uint8_t)(p[1] - '0');
	e->flags |= LOG_F_MSG;
	return (true);
}

static int
classify(const char *m, size_t n, struct log_event *e)
{
	long	 v;

	if (P("Association received.")) {
		e->kind = LOG_EV_ASSOC_REQ;
		e->dir = LOG_DIR_RX;
		mac_at(m, n, "BSSID", e->bssid, LOG_F_BSSID, e);
		mac_at(m, n, " AP ", e->ap, LOG_F_AP, e);
		return (1);
	}
	if (P("Re-Association received.")) {
		e->kind = LOG_EV_REASSOC_REQ;
		e->dir = LOG_DIR_RX;
		mac_at(m, n, "BSSID", e->bssid, LOG_F_BSSID, e);
		mac_at(m, n, " AP ", e->ap, LOG_F_AP, e);
		mac_at(m, n, "old BSSID", e->old_bssid, LOG_F_OLD, e);
		return (1);
	}
	if (P("Association success.")) {
		e->kind = LOG_EV_ASSOC_RESP;
		e->dir = LOG_DIR_TX;
		e->status = 0;
		e->flags |= LOG_F_STATUS | LOG_F_IEEE;
		if (log_int_after(m, n, "AID", &v)) {
			e->num = (uint32_t)v;
			e->flags |= LOG_F_NUM;
		}
		if (log_find(m, n, "Roaming = True") != NULL)
			e->flags |= LOG_F_REASSOC;
		if (log_find(m, n, "11r = True") != NULL)
			e->flags |= LOG_F_FT;
		return (1);
	}
	if (P("EAP key M") && log_find(m, n, "Sent") != NULL &&
	    msg_of(m, n, "EAP key ", e)) {
		e->kind = LOG_EV_EAPOL;
		e->dir = LOG_DIR_TX;
		return (1);
	}
	if (P("M") && n > 2 && log_digit(m[1]) &&
	    log_starts(m + 2, n - 2, " Status:")) {
		e->msg = (uint8_t)(m[1] - '0');
		e->flags |= LOG_F_MSG;
		e->dir = LOG_DIR_RX;
		e->kind = log_find(m, n, "fail") || log_find(m, n, "Fail") ||
		    log_find(m, n, "invalid") ? LOG_EV_MIC_FAIL : LOG_EV_EAPOL;
		return (1);
	}
	if (P("Keymgmt: ")) {
		if (log_find(m, n, "resend eapol key") != NULL &&
		    msg_of(m, n, "resend eapol key ", e)) {
			e->kind = LOG_EV_EAPOL_RETRY;
			e->dir = LOG_DIR_TX;
			return (1);
		}
		if (log_find(m, n, "retransmit failure") != NULL) {
			e->kind = LOG_EV_EAP_TIMEOUT;
			msg_of(m, n, "eapol key ", e);
			return (1);
		}
		if ((log_find(m, n, "mic") || log_find(m, n, "MIC")) &&
		    (log_find(m, n, "fail") || log_find(m, n, "Fail"))) {
			e->kind = LOG_EV_MIC_FAIL;
			e->dir = LOG_DIR_RX;
			if (!msg_of(m, n, "eapol key ", e))
				msg_of(m, n, "Eapol key ", e);
			return (1);
		}
		return (0);
	}
	if (P("EAP Key management successful")) {
		e->kind = LOG_EV_KEY_DONE;
		return (1);
	}
	if (P("Deleting the client, reason:")) {
		e->kind = LOG_EV_CLIENT_DELETE;
		reason_of(m, n, "reason:", e);
		return (1);
	}
	if (P("Dot11 update co assoc fail")) {
		e->kind = log_find(m, n, "INVALID_PMKID") ? LOG_EV_NO_PMK :
		    LOG_EV_ASSOC_FAIL;
		reason_of(m, n, "delete reason:", e);
		return (1);
	}
	if (P("Dot11 receive SAE AUTH")) {
		e->kind = LOG_EV_AUTH_REQ;
		e->dir = LOG_DIR_RX;
		return (1);
	}
	if (P("%CLIENT_ORCH_LOG-") || P("%CLIENT_ORCH_LOG")) {
		if (log_find(m, n, "CLIENT_MOVED_TO_RUN_STATE") != NULL)
			e->kind = LOG_EV_CONNECTED;
		else if (log_find(m, n, "CLIENT_MOVED_TO_DELETE_STATE") != NULL)
			e->kind = LOG_EV_DISCONNECTED;
		else
			return (0);
		mac_at(m, n, "MAC:", e->mac, LOG_F_MAC, e);
		return (1);
	}
	return (0);
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
