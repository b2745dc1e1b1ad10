/*
 * detect.c -- which format a log is, from its first bytes.
 *
 * Each line scores for the formats whose shape it has: an AireOS record
 * header, a 9800 trace line, a daemon time prefix with words only hostapd
 * or only wpa_supplicant writes.  A format wins when it clearly leads; early
 * (before LOG_DETECT_MAX bytes) only when it leads by far.
 */
#include <string.h>

#include "log/log.h"

static const char *const hostapd_words[] = {
	"hostapd", "AP-STA-", "IEEE 802.11: ", "authentication reply:",
	"association request:", "AP-ENABLED", "BSS-TM-RESP",
	"EAPOL-4WAY-HS-COMPLETED", " with hwaddr ", "RADIUS: ",
};

static const char *const wpas_words[] = {
	"wpa_supplicant", "CTRL-EVENT-", "SME: ", "Trying to associate",
	"WPA: RX message", "WPA: Sending EAPOL-Key", "Associated with",
	"wpa_driver_", "Own MAC address",
};

static int
words(const char *s, size_t n, const char *const *w, size_t nw)
{
	size_t	 i;
	int	 sc = 0;

	for (i = 0; i < nw; i++)
		if (log_find(s, n, w[i]) != NULL)
			sc++;
	return (sc);
}

/* "YYYY/MM/DD HH:MM:SS" */
static bool
c9800_time(const char *s, size_t n)
{
	int	 h, mi, sec;
	long	 f;

	return (n >= 19 && log_digit(s[0]) &&
	    log_digit(s[3]) && s[4] == '/' && s[7] == '/' &&
	    s[10] == ' ' && log_hms(s + 11, n - 11, &h, &mi, &sec, &f) != 0);
}

static void
score_line(const char *s, size_t n, int *sc)
{
	const char	*prog;
	size_t		 hl, plen, k;
	int64_t		 t;
	bool		 yg;
	long		 at;
	int		 hits;

	for (at = 0, hits = 0; hits < 3 &&
	    (at = log_aireos_header(s, n, (size_t)at, &hl)) >= 0; hits++)
		at += (long)hl;
	sc[LOG_FMT_AIREOS] += 3 * hits;
	if (log_find(s, n, "(Cisco Controller) >") != NULL)
		sc[LOG_FMT_AIREOS] += 2;
	if (c9800_time(s, n) && log_find(s, n, "}: [") != NULL)
		sc[LOG_FMT_C9800] += 3;
	if ((k = log_daemon_prefix(s, n, 0, &t, &yg, &prog, &plen)) != 0) {
		if (plen == 7 && memcmp(prog, "hostapd", 7) == 0)
			sc[LOG_FMT_HOSTAPD] += 3;
		if (plen == 14 && memcmp(prog, "wpa_supplicant", 14) == 0)
			sc[LOG_FMT_WPAS] += 3;
		sc[LOG_FMT_HOSTAPD] += 2 * words(s + k, n - k, hostapd_words,
		    sizeof(hostapd_words) / sizeof(hostapd_words[0]));
		sc[LOG_FMT_WPAS] += 2 * words(s + k, n - k, wpas_words,
		    sizeof(wpas_words) / sizeof(wpas_words[0]));
	}
}

enum log_format
log_detect(const char *buf, size_t len, bool final)
{
	int		 sc[LOG_FMT_N] = { 0 }, f, best = 0, second = 0;
	const char	*p = buf, *e, *nl;
	enum log_format	 win = LOG_FMT_AUTO;

	if (len == 0)
		return (LOG_FMT_AUTO);
	e = buf + len;
	while (p < e) {
		if ((nl = memchr(p, '\n', (size_t)(e - p))) == NULL) {
			if (!final)
				break;
			nl = e;
		}
		score_line(p, (size_t)(nl - p), sc);
		p = nl + 1;
	}
	for (f = 1; f < LOG_FMT_N; f++) {
		if (sc[f] > best) {
			second = best;
			best = sc[f];
			win = (enum log_format)f;
		} else if (sc[f] > second)
			second = sc[f];
	}
	if (final)
		return (best >= 3 && best > second ? win : LOG_FMT_AUTO);
	return (best >= 24 && second * 4 < best ? win : LOG_FMT_AUTO);
}
