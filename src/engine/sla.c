/*
 * sla.c -- SLA profiles: the built-in thresholds and the --sla key = value
 * format (doc/sla.md).  No file opening here: the caller hands text or an
 * open stream.
 *
 * Two kinds of keys: the timed ones (WARN and FAIL limits in ms, enum
 * eng_sla_key) and the roam quality and client finding settings (dB, dBm
 * or ms, some a WARN/FAIL pair, some one value).
 */
#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"

static const char *sla_keys[ENG_SLA_NKEYS] = {
	[ENG_SLA_NEIGHBOR_REPORT] = "neighbor_report",
	[ENG_SLA_BTM] = "btm",
	[ENG_SLA_FT_AUTH] = "ft_auth",
	[ENG_SLA_FT_REASSOC] = "ft_reassoc",
	[ENG_SLA_FT_TOTAL] = "ft_total",
	[ENG_SLA_REASSOC] = "reassoc",
	[ENG_SLA_4WAY] = "4way",
	[ENG_SLA_DHCP] = "dhcp",
	[ENG_SLA_VOIP_TOTAL] = "voip_total",
	[ENG_SLA_EAP] = "eap",
	[ENG_SLA_TOTAL] = "total",
	[ENG_SLA_GAP] = "gap",
};

const char *
eng_sla_key_name(enum eng_sla_key k)
{
	if ((unsigned)k >= ENG_SLA_NKEYS)
		return "";
	return sla_keys[k];
}

void
eng_sla_defaults(struct eng_sla *s)
{
	static const double def[ENG_SLA_NKEYS][2] = {
		[ENG_SLA_NEIGHBOR_REPORT] = { 200, 500 },
		[ENG_SLA_BTM] = { 1000, 3000 },
		[ENG_SLA_FT_AUTH] = { 50, 100 },
		[ENG_SLA_FT_REASSOC] = { 50, 100 },
		[ENG_SLA_FT_TOTAL] = { 80, 150 },
		[ENG_SLA_REASSOC] = { 100, 300 },
		[ENG_SLA_4WAY] = { 500, 2000 },
		[ENG_SLA_DHCP] = { 500, 2000 },
		[ENG_SLA_VOIP_TOTAL] = { -1, 150 },
		[ENG_SLA_EAP] = { -1, -1 },
		[ENG_SLA_TOTAL] = { -1, -1 },
		[ENG_SLA_GAP] = { -1, -1 },
	};
	int i;

	for (i = 0; i < ENG_SLA_NKEYS; i++) {
		s->warn_ms[i] = def[i][0];
		s->fail_ms[i] = def[i][1];
	}
	s->rssi_drop_db[0] = s->rssi_drop_db[1] = -1;
	s->rssi_low_dbm[0] = s->rssi_low_dbm[1] = ENG_SLA_NO_DBM;
	s->sticky_rssi_dbm = -70;
	s->sticky_db[0] = 8;
	s->sticky_db[1] = 12;
	s->sticky_ms = 5000;
	s->ping_pong_ms = 10000;
}

/* The settings beyond the timed keys. */
enum unit { U_DB, U_DBM, U_MS };
static const struct {
	const char	*name;
	enum unit	 unit;
	bool		 pair;		/* WARN FAIL, else one value */
	size_t		 off;		/* of the double (the pair's first) */
} extra_keys[] = {
	{ "rssi_drop", U_DB, true, offsetof(struct eng_sla, rssi_drop_db) },
	{ "rssi_low", U_DBM, true, offsetof(struct eng_sla, rssi_low_dbm) },
	{ "sticky_rssi", U_DBM, false,
	    offsetof(struct eng_sla, sticky_rssi_dbm) },
	{ "sticky_delta", U_DB, true, offsetof(struct eng_sla, sticky_db) },
	{ "sticky_time", U_MS, false, offsetof(struct eng_sla, sticky_ms) },
	{ "ping_pong", U_MS, false, offsetof(struct eng_sla, ping_pong_ms) },
};
#define NEXTRA	(sizeof extra_keys / sizeof extra_keys[0])

/* A value of a unit: dB and ms non-negative, dBm a signal level from -150
 * to 0; "none" switches a limit off (not for single values). */
static int
unit_value(const char *v, enum unit u, bool none_ok, double *out)
{
	static const char *suffix[] = { "dB", "dBm", "ms" };
	char *end;
	double d;

	if (none_ok && (strcmp(v, "none") == 0 || strcmp(v, "-") == 0)) {
		*out = u == U_DBM ? ENG_SLA_NO_DBM : -1;
		return 0;
	}
	errno = 0;
	d = strtod(v, &end);
	if (end == v || errno != 0 || d != d)
		return -1;
	if (*end != '\0' && strcmp(end, suffix[u]) != 0)
		return -1;
	if (u == U_DBM ? (d < -150 || d > 0) : (d < 0 || d > 1e9))
		return -1;
	*out = d;
	return 0;
}

static const char *
unit_words(enum unit u)
{
	switch (u) {
	case U_DB:
		return "dB";
	case U_DBM:
		return "dBm, -150 to 0";
	default:
		return "milliseconds";
	}
}

/* "none", "-" or a non-negative number of ms (an optional "ms" suffix). */
static int
sla_value(const char *v, double *out)
{
	char *end;
	double d;

	if (strcmp(v, "none") == 0 || strcmp(v, "-") == 0) {
		*out = -1;
		return 0;
	}
	errno = 0;
	d = strtod(v, &end);
	if (end == v || errno != 0 || d < 0 || d != d || d > 1e9)
		return -1;
	if (strcmp(end, "ms") != 0 && *end != '\0')
		return -1;
	*out = d;
	return 0;
}

static char *
trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

/* A setting of extra_keys[x]: "KEY = V", or for a pair also "KEY = WARN
 * FAIL", "KEY.warn = V", "KEY.fail = V". */
static int
extra_line(struct eng_sla *s, size_t x, int which, char *val,
    const char *fname, unsigned lineno, char *err, size_t errlen)
{
	double *d = (double *)(void *)((char *)s + extra_keys[x].off);
	enum unit u = extra_keys[x].unit;
	const char *name = extra_keys[x].name;
	double w, f;
	char *sp;

	if (*val == '\0') {
		snprintf(err, errlen, "%s:%u: missing value for '%s'", fname,
		    lineno, name);
		return -1;
	}
	if (!extra_keys[x].pair) {
		if (which >= 0) {
			snprintf(err, errlen, "%s:%u: '%s' takes one value, no "
			    ".warn or .fail", fname, lineno, name);
			return -1;
		}
		if (unit_value(val, u, false, d) != 0)
			goto bad;
		return 0;
	}
	if (which >= 0) {
		if (unit_value(val, u, true, &d[which]) != 0)
			goto bad;
		return 0;
	}
	if ((sp = strpbrk(val, " \t,")) == NULL)
		goto bad;
	*sp++ = '\0';
	while (*sp == ' ' || *sp == '\t' || *sp == ',')
		sp++;
	if (unit_value(val, u, true, &w) != 0 || unit_value(trim(sp), u, true,
	    &f) != 0)
		goto bad;
	d[0] = w;
	d[1] = f;
	return 0;
bad:
	snprintf(err, errlen, "%s:%u: bad value for '%s' (%s%s)", fname,
	    lineno, name, unit_words(u), extra_keys[x].pair ? ", or 'none'" :
	    "");
	return -1;
}

/* One line: "KEY.warn = N" or "KEY.fail = N" or "KEY = WARN FAIL". */
static int
sla_line(struct eng_sla *s, char *line, const char *fname, unsigned lineno,
    char *err, size_t errlen)
{
	char *eq, *key, *val, *dot, *sp;
	int k, which = -1;	/* 0 warn, 1 fail, -1 both */
	double w, f;
	size_t x;

	if ((eq = strchr(line, '#')) != NULL)
		*eq = '\0';
	line = trim(line);
	if (*line == '\0')
		return 0;
	if ((eq = strchr(line, '=')) == NULL) {
		snprintf(err, errlen, "%s:%u: expected 'key = value'",
		    fname, lineno);
		return -1;
	}
	*eq = '\0';
	key = trim(line);
	val = trim(eq + 1);
	if ((dot = strrchr(key, '.')) != NULL) {
		*dot++ = '\0';
		if (strcmp(dot, "warn") == 0)
			which = 0;
		else if (strcmp(dot, "fail") == 0)
			which = 1;
		else {
			dot[-1] = '.';
			snprintf(err, errlen, "%s:%u: unknown key '%s'",
			    fname, lineno, key);
			return -1;
		}
	}
	for (k = 0; k < ENG_SLA_NKEYS; k++) {
		if (strcmp(key, sla_keys[k]) == 0)
			break;
	}
	if (k == ENG_SLA_NKEYS) {
		for (x = 0; x < NEXTRA; x++)
			if (strcmp(key, extra_keys[x].name) == 0)
				return extra_line(s, x, which, val, fname,
				    lineno, err, errlen);
		if (dot != NULL)
			dot[-1] = '.';
		snprintf(err, errlen, "%s:%u: unknown key '%s'", fname,
		    lineno, key);
		return -1;
	}
	if (*val == '\0') {
		snprintf(err, errlen, "%s:%u: missing value for '%s'",
		    fname, lineno, key);
		return -1;
	}
	if (which >= 0) {
		if (sla_value(val, &w) != 0)
			goto bad;
		if (which == 0)
			s->warn_ms[k] = w;
		else
			s->fail_ms[k] = w;
		return 0;
	}
	/* both: "WARN FAIL" */
	if ((sp = strpbrk(val, " \t,")) == NULL)
		goto bad;
	*sp++ = '\0';
	while (*sp == ' ' || *sp == '\t' || *sp == ',')
		sp++;
	if (sla_value(val, &w) != 0 || sla_value(trim(sp), &f) != 0)
		goto bad;
	if (w >= 0 && f >= 0 && w > f) {
		snprintf(err, errlen, "%s:%u: warn %g is above fail %g for '%s'",
		    fname, lineno, w, f, key);
		return -1;
	}
	s->warn_ms[k] = w;
	s->fail_ms[k] = f;
	return 0;
bad:
	snprintf(err, errlen, "%s:%u: bad value for '%s' (milliseconds, or "
	    "'none')", fname, lineno, key);
	return -1;
}

int
eng_sla_parse(struct eng_sla *s, const char *text, const char *fname,
    char *err, size_t errlen)
{
	char line[512];
	const char *p = text, *nl;
	unsigned lineno = 0;
	size_t n;
	int k;

	if (fname == NULL)
		fname = "sla";
	while (*p != '\0') {
		lineno++;
		nl = strchr(p, '\n');
		n = nl != NULL ? (size_t)(nl - p) : strlen(p);
		if (n >= sizeof line) {
			snprintf(err, errlen, "%s:%u: line too long", fname,
			    lineno);
			return -1;
		}
		memcpy(line, p, n);
		line[n] = '\0';
		if (memchr(line, '\0', n) != NULL || (n > 0 && line[n - 1] ==
		    '\r'))
			line[strcspn(line, "\r")] = '\0';
		if (sla_line(s, line, fname, lineno, err, errlen) != 0)
			return -1;
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	for (k = 0; k < ENG_SLA_NKEYS; k++) {
		if (s->warn_ms[k] >= 0 && s->fail_ms[k] >= 0 &&
		    s->warn_ms[k] > s->fail_ms[k]) {
			snprintf(err, errlen, "%s: warn %g is above fail %g "
			    "for '%s'", fname, s->warn_ms[k], s->fail_ms[k],
			    sla_keys[k]);
			return -1;
		}
	}
	if ((s->rssi_drop_db[0] >= 0 && s->rssi_drop_db[1] >= 0 &&
	    s->rssi_drop_db[0] > s->rssi_drop_db[1]) ||
	    (s->sticky_db[0] >= 0 && s->sticky_db[1] >= 0 &&
	    s->sticky_db[0] > s->sticky_db[1])) {
		snprintf(err, errlen, "%s: a warn limit is above its fail "
		    "limit for '%s'", fname, s->rssi_drop_db[0] >
		    s->rssi_drop_db[1] ? "rssi_drop" : "sticky_delta");
		return -1;
	}
	/* a weaker signal is worse: the FAIL level is the lower one */
	if (s->rssi_low_dbm[0] < ENG_SLA_NO_DBM &&
	    s->rssi_low_dbm[1] < ENG_SLA_NO_DBM &&
	    s->rssi_low_dbm[1] > s->rssi_low_dbm[0]) {
		snprintf(err, errlen, "%s: fail %g dBm is above warn %g dBm for "
		    "'rssi_low' (the FAIL level is the weaker signal)", fname,
		    s->rssi_low_dbm[1], s->rssi_low_dbm[0]);
		return -1;
	}
	return 0;
}

int
eng_sla_read(struct eng_sla *s, FILE *fp, const char *fname, char *err,
    size_t errlen)
{
	char *buf = NULL;
	size_t len = 0, cap = 0, n;
	int rv;

	for (;;) {
		if (cap - len < 4096) {
			char *nb;

			if (cap > (1u << 20)) {
				snprintf(err, errlen, "%s: file too large",
				    fname);
				free(buf);
				return -1;
			}
			if ((nb = realloc(buf, cap + 8192)) == NULL) {
				snprintf(err, errlen, "%s: out of memory",
				    fname);
				free(buf);
				return -1;
			}
			buf = nb;
			cap += 8192;
		}
		n = fread(buf + len, 1, cap - len - 1, fp);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(fp)) {
		snprintf(err, errlen, "%s: read error", fname);
		free(buf);
		return -1;
	}
	buf[len] = '\0';
	rv = eng_sla_parse(s, buf, fname, err, errlen);
	free(buf);
	return rv;
}
