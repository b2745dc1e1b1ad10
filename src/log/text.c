/*
 * text.c -- small parsers the log formats share: MAC addresses in the three
 * spellings the logs use, numbers, month names, civil times, and the time
 * prefixes of daemon logs.  Every function is given the bytes it may look
 * at (s, n); nothing here reads past n or needs a NUL.
 */
#include <stddef.h>
#include <string.h>

#include "log/log.h"

#define NS	1000000000LL

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return (c - '0');
	if (c >= 'a' && c <= 'f')
		return (c - 'a' + 10);
	if (c >= 'A' && c <= 'F')
		return (c - 'A' + 10);
	return (-1);
}

/* Two hex digits at s: the byte, or -1. */
static int
hexbyte(const char *s)
{
	int	 hi = hexval((unsigned char)s[0]),
		 lo = hexval((unsigned char)s[1]);

	return (hi < 0 || lo < 0 ? -1 : hi << 4 | lo);
}

size_t
log_mac(const char *s, size_t n, uint8_t mac[6])
{
	uint8_t	 m[6];
	size_t	 i;
	int	 b;

	/* aa:bb:cc:dd:ee:ff or aa-bb-cc-dd-ee-ff */
	if (n >= 17 && (s[2] == ':' || s[2] == '-')) {
		for (i = 0; i < 6; i++) {
			if ((b = hexbyte(s + 3 * i)) < 0)
				break;
			if (i < 5 && s[3 * i + 2] != s[2])
				break;
			m[i] = (uint8_t)b;
		}
		/* a seventh group would make it something else */
		if (i == 6 && (n < 20 || s[17] != s[2] ||
		    hexbyte(s + 18) < 0)) {
			memcpy(mac, m, 6);
			return (17);
		}
	}
	/* aabb.ccdd.eeff (IOS-XE) */
	if (n >= 14 && s[4] == '.' && s[9] == '.') {
		for (i = 0; i < 6; i++) {
			if ((b = hexbyte(s + 2 * i + i / 2)) < 0)
				break;
			m[i] = (uint8_t)b;
		}
		if (i == 6 && (n < 19 || s[14] != '.' || hexval(
		    (unsigned char)s[15]) < 0)) {
			memcpy(mac, m, 6);
			return (14);
		}
	}
	return (0);
}

const char *
log_find(const char *s, size_t n, const char *key)
{
	size_t	 k = strlen(key);

	if (k == 0 || k > n)
		return (NULL);
	return (memmem(s, n, key, k));
}

bool
log_mac_after(const char *s, size_t n, const char *key, uint8_t mac[6])
{
	const char	*p = log_find(s, n, key), *e = s + n;

	if (p == NULL)
		return (false);
	p += strlen(key);
	while (p < e && *p == ' ')
		p++;
	return (log_mac(p, (size_t)(e - p), mac) != 0);
}

size_t
log_int(const char *s, size_t n, long *v)
{
	size_t	 i = 0, d;
	long	 x = 0;
	bool	 neg = false;

	while (i < n && s[i] == ' ')
		i++;
	if (i < n && (s[i] == '-' || s[i] == '+'))
		neg = s[i++] == '-';
	for (d = i; i < n && log_digit(s[i]) && i - d < 10; i++)
		x = x * 10 + (s[i] - '0');
	if (i == d)
		return (0);
	*v = neg ? -x : x;
	return (i);
}

bool
log_int_after(const char *s, size_t n, const char *key, long *v)
{
	const char	*p = log_find(s, n, key);

	if (p == NULL)
		return (false);
	p += strlen(key);
	return (log_int(p, (size_t)(s + n - p), v) != 0);
}

int
log_month(const char *s, size_t n)
{
	if (n < 3)
		return (0);
	switch (s[0]) {
	case 'J':
		if (s[1] == 'a' && s[2] == 'n')
			return (1);
		if (s[1] == 'u' && s[2] == 'n')
			return (6);
		if (s[1] == 'u' && s[2] == 'l')
			return (7);
		return (0);
	case 'F':
		return (s[1] == 'e' && s[2] == 'b' ? 2 : 0);
	case 'M':
		if (s[1] == 'a' && s[2] == 'r')
			return (3);
		return (s[1] == 'a' && s[2] == 'y' ? 5 : 0);
	case 'A':
		if (s[1] == 'p' && s[2] == 'r')
			return (4);
		return (s[1] == 'u' && s[2] == 'g' ? 8 : 0);
	case 'S':
		return (s[1] == 'e' && s[2] == 'p' ? 9 : 0);
	case 'O':
		return (s[1] == 'c' && s[2] == 't' ? 10 : 0);
	case 'N':
		return (s[1] == 'o' && s[2] == 'v' ? 11 : 0);
	case 'D':
		return (s[1] == 'e' && s[2] == 'c' ? 12 : 0);
	default:
		return (0);
	}
}

/* Days from civil (proleptic Gregorian), after H. Hinnant's algorithm. */
int64_t
log_days(int y, int m, int d)
{
	int64_t	 era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (era * 146097 + doe - 719468);
}

/* The civil year of a day number (the inverse of log_days, year only). */
static int
civil_year(int64_t days)
{
	int64_t	 z = days + 719468, era, doe, yoe, doy, mp;

	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	return ((int)(yoe + era * 400 + (mp >= 10)));
}

static int
mdays(int y, int m)
{
	static const int	 md[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30,
				    31, 30, 31 };
	bool			 leap = (y % 4 == 0 && y % 100 != 0) ||
				    y % 400 == 0;

	return (m == 2 && leap ? 29 : md[m - 1]);
}

int64_t
log_civil_ns(int y, int mon, int d, int h, int mi, int s, long frac_ns)
{
	if (y < 1970 || y > 2200 || mon < 1 || mon > 12 || d < 1 ||
	    d > mdays(y, mon) || h > 23 || mi > 59 || s > 60 || h < 0 ||
	    mi < 0 || s < 0 || frac_ns < 0 || frac_ns >= NS)
		return (-1);
	return ((log_days(y, mon, d) * 86400 + h * 3600 + mi * 60 + s) * NS +
	    frac_ns);
}

int64_t
log_yearless_ns(int64_t ref_ns, int mon, int d, int h, int mi, int s,
    long frac_ns)
{
	int64_t	 best = -1, t, dist, bestd = 0;
	int	 y, ry = civil_year(ref_ns / NS / 86400);

	for (y = ry - 1; y <= ry + 1; y++) {
		if ((t = log_civil_ns(y, mon, d, h, mi, s, frac_ns)) < 0)
			continue;
		dist = t > ref_ns ? t - ref_ns : ref_ns - t;
		if (best < 0 || dist < bestd) {
			best = t;
			bestd = dist;
		}
	}
	return (best);
}

size_t
log_hms(const char *s, size_t n, int *h, int *mi, int *sec, long *frac_ns)
{
	size_t	 i, k;
	long	 f = 0;

	if (n < 8 || !log_digit(s[0]) ||
	    !log_digit(s[1]) || s[2] != ':' ||
	    !log_digit(s[3]) || !log_digit(s[4]) ||
	    s[5] != ':' || !log_digit(s[6]) ||
	    !log_digit(s[7]))
		return (0);
	*h = (s[0] - '0') * 10 + s[1] - '0';
	*mi = (s[3] - '0') * 10 + s[4] - '0';
	*sec = (s[6] - '0') * 10 + s[7] - '0';
	i = 8;
	if (i < n && s[i] == '.') {
		for (k = 0, i++; i < n && log_digit(s[i]); i++,
		    k++)
			if (k < 9)
				f = f * 10 + (s[i] - '0');
		if (k == 0)
			return (0);
		for (; k < 9; k++)
			f *= 10;
	}
	*frac_ns = f;
	return (i);
}

/* "EPOCH.frac: " at s; returns its length. */
static size_t
epoch_prefix(const char *s, size_t n, int64_t *t_ns)
{
	size_t	 i = 0, k;
	int64_t	 sec = 0, f = 0;

	/* 9 or 10 digits, up to 2255 (later would overflow the ns) */
	for (; i < n && log_digit(s[i]) && i < 11; i++)
		sec = sec * 10 + (s[i] - '0');
	if (i < 9 || i > 10 || sec > 9000000000LL || i >= n || s[i] != '.')
		return (0);
	for (k = 0, i++; i < n && log_digit(s[i]); i++, k++)
		if (k < 9)
			f = f * 10 + (s[i] - '0');
	if (k == 0 || i + 1 >= n || s[i] != ':' || s[i + 1] != ' ')
		return (0);
	for (; k < 9; k++)
		f *= 10;
	*t_ns = sec * NS + f;
	return (i + 2);
}

/* "host prog[pid]: " or "host prog: " after a syslog time; returns its
 * length and the program name. */
static size_t
syslog_tail(const char *s, size_t n, const char **prog, size_t *plen)
{
	size_t	 i = 0, p0, p1;

	while (i < n && s[i] == ' ')
		i++;
	if (i == 0)
		return (0);
	while (i < n && s[i] != ' ' && s[i] != ':')	/* host */
		i++;
	if (i >= n || s[i] != ' ')
		return (0);
	p0 = ++i;
	while (i < n && s[i] != '[' && s[i] != ':' && s[i] != ' ')
		i++;
	p1 = i;
	if (p1 == p0 || i >= n)
		return (0);
	if (s[i] == '[') {
		while (i < n && s[i] != ']')
			i++;
		if (i >= n)
			return (0);
		i++;
	}
	if (i + 1 >= n || s[i] != ':' || s[i + 1] != ' ')
		return (0);
	*prog = s + p0;
	*plen = p1 - p0;
	return (i + 2);
}

size_t
log_daemon_prefix(const char *s, size_t n, int64_t ref_ns, int64_t *t_ns,
    bool *year_guessed, const char **prog, size_t *prog_len)
{
	size_t	 i, k, j;
	int	 y, mon, d, h, mi, sec;
	long	 f, tz = 0, v;
	int64_t	 t;

	*prog = NULL;
	*prog_len = 0;
	*year_guessed = false;
	if ((i = epoch_prefix(s, n, t_ns)) != 0) {
		/* hostapd_logger under -t repeats the time */
		if ((k = epoch_prefix(s + i, n - i, &t)) != 0)
			i += k;
		return (i);
	}
	/* RFC 5424 / rsyslog ISO time */
	if (n >= 20 && log_digit(s[0]) && s[4] == '-' &&
	    s[7] == '-' && (s[10] == 'T' || s[10] == ' ')) {
		if (log_int(s, 4, &v) != 4)
			return (0);
		y = (int)v;
		if (log_int(s + 5, 2, &v) != 2)
			return (0);
		mon = (int)v;
		if (log_int(s + 8, 2, &v) != 2)
			return (0);
		d = (int)v;
		if ((k = log_hms(s + 11, n - 11, &h, &mi, &sec, &f)) == 0)
			return (0);
		i = 11 + k;
		if (i < n && s[i] == 'Z')
			i++;
		else if (i + 6 <= n && (s[i] == '+' || s[i] == '-') &&
		    s[i + 3] == ':') {
			if (log_int(s + i + 1, 2, &v) != 2)
				return (0);
			tz = v * 60;
			if (log_int(s + i + 4, 2, &v) != 2)
				return (0);
			tz = (tz + v) * 60 * (s[i] == '-' ? -1 : 1);
			i += 6;
		}
		if ((t = log_civil_ns(y, mon, d, h, mi, sec, f)) < 0)
			return (0);
		if ((j = syslog_tail(s + i, n - i, prog, prog_len)) == 0)
			return (0);
		*t_ns = t - (int64_t)tz * NS;
		return (i + j);
	}
	/* BSD syslog: "Mon DD HH:MM:SS[.frac] host prog[pid]: " */
	if (n >= 16 && (mon = log_month(s, n)) != 0 && s[3] == ' ') {
		i = 4;
		if (s[i] == ' ')
			i++;
		if (log_int(s + i, 2, &v) == 0 || v < 1 || v > 31)
			return (0);
		d = (int)v;
		i += d >= 10 || s[i] == '0' ? 2 : 1;
		if (i >= n || s[i] != ' ')
			return (0);
		i++;
		if ((k = log_hms(s + i, n - i, &h, &mi, &sec, &f)) == 0)
			return (0);
		i += k;
		if ((j = syslog_tail(s + i, n - i, prog, prog_len)) == 0)
			return (0);
		if ((t = log_yearless_ns(ref_ns, mon, d, h, mi, sec, f)) < 0)
			return (0);
		*t_ns = t;
		*year_guessed = true;
		return (i + j);
	}
	return (0);
}

size_t
log_iface_prefix(const char *s, size_t n)
{
	size_t	 i;
	bool	 digit = false;

	if (n < 3 || !log_alpha(s[0]))
		return (0);
	for (i = 0; i < n && i < 24; i++) {
		if (log_digit(s[i]))
			digit = true;
		else if (!log_alnum(s[i]) && s[i] != '-' &&
		    s[i] != '_' && s[i] != '.')
			break;
	}
	if (!digit || i + 1 >= n || s[i] != ':' || s[i + 1] != ' ')
		return (0);
	/* module prefixes that look like interfaces */
	if ((i == 7 && memcmp(s, "nl80211", 7) == 0) ||
	    (i == 8 && memcmp(s, "IEEE 802", 8) == 0) ||
	    (i >= 4 && memcmp(s, "l2_packet", i < 9 ? i : 9) == 0))
		return (0);
	return (i + 2);
}

/* Where each field goes in the event, and the flag it sets. */
static const struct {
	size_t		 off;
	bool		 mac;
	uint32_t	 flag;
} fields[] = {
	[LOG_FLD_MAC] = { offsetof(struct log_event, mac), true, LOG_F_MAC },
	[LOG_FLD_BSSID] = { offsetof(struct log_event, bssid), true,
	    LOG_F_BSSID },
	[LOG_FLD_AP] = { offsetof(struct log_event, ap), true, LOG_F_AP },
	[LOG_FLD_OLD] = { offsetof(struct log_event, old_bssid), true,
	    LOG_F_OLD },
	[LOG_FLD_STATUS] = { offsetof(struct log_event, status), false,
	    LOG_F_STATUS },
	[LOG_FLD_REASON] = { offsetof(struct log_event, reason), false,
	    LOG_F_REASON },
	[LOG_FLD_NUM] = { 0, false, LOG_F_NUM },
	[LOG_FLD_MSG] = { 0, false, LOG_F_MSG },
};

bool
log_field(struct log_event *e, const char *s, size_t n, const char *key,
    enum log_field f)
{
	const char	*p = log_find(s, n, key), *end = s + n;
	long		 v;

	if (p == NULL || f <= LOG_FLD_NONE || f > LOG_FLD_MSG)
		return (false);
	p += strlen(key);
	while (p < end && *p == ' ')
		p++;
	if (f == LOG_FLD_MSG) {
		if (p < end && (*p == 'M' || *p == 'm'))
			p++;
		if (p >= end || !log_digit(*p))
			return (false);
		e->msg = (uint8_t)(*p - '0');
	} else if (fields[f].mac) {
		if (log_mac(p, (size_t)(end - p), (uint8_t *)e +
		    fields[f].off) == 0)
			return (false);
	} else {
		if (log_int(p, (size_t)(end - p), &v) == 0)
			return (false);
		if (f == LOG_FLD_NUM) {
			if (v < 0)
				return (false);
			e->num = (uint32_t)v;
		} else
			*(int32_t *)(void *)((uint8_t *)e + fields[f].off) =
			    (int32_t)v;
	}
	e->flags |= fields[f].flag;
	return (true);
}

static void
rules_build(struct log_ruleset *rs)
{
	size_t		 i, n = rs->n < LOG_RULES_MAX ? rs->n : LOG_RULES_MAX;
	unsigned	 c, at = 0;

	memset(rs->count, 0, sizeof(rs->count));
	for (i = 0; i < n; i++)
		rs->count[(unsigned char)rs->r[i].pfx[0]]++;
	for (c = 0; c < 256; c++) {
		rs->start[c] = (uint8_t)at;
		at += rs->count[c];
	}
	memset(rs->count, 0, sizeof(rs->count));
	for (i = 0; i < n; i++) {
		c = (unsigned char)rs->r[i].pfx[0];
		rs->order[rs->start[c] + rs->count[c]++] = (uint8_t)i;
	}
	rs->built = true;
}

int
log_rules(struct log_ruleset *rs, const char *m, size_t n,
    struct log_event *e)
{
	const struct log_rule	*r;
	unsigned		 c, j;
	size_t			 k;

	if (n == 0)
		return (-1);
	if (!rs->built)
		rules_build(rs);
	c = (unsigned char)m[0];
	for (j = 0; j < rs->count[c]; j++) {
		r = &rs->r[rs->order[rs->start[c] + j]];
		if (r->pfx_len > n || (r->pfx_len > 1 && r->pfx[1] != m[1]) ||
		    memcmp(m, r->pfx, r->pfx_len) != 0 ||
		    (r->has != NULL && log_find(m, n, r->has) == NULL))
			continue;
		e->kind = r->kind;
		e->dir = r->dir;
		e->flags |= r->flags;
		for (k = 0; k < 3 && r->f[k].key != NULL; k++)
			if (r->f[k].field <= LOG_FLD_MSG &&
			    !(e->flags & fields[r->f[k].field].flag))
				log_field(e, m, n, r->f[k].key,
				    r->f[k].field);
		return ((int)(r - rs->r));
	}
	return (-1);
}

bool
log_daemon_line(struct log *l, const char *s, size_t n, enum log_side side,
    struct log_event *e, struct log_rec *r, const char **msg, size_t *mlen,
    const char **ifname, size_t *iflen)
{
	const char	*prog;
	size_t		 k, plen;
	int64_t		 t;
	bool		 yg;

	for (k = 0; k < n && (s[k] == ' ' || s[k] == '\t'); k++)
		;
	if (k == n) {
		log_stats_w(l)->blank++;
		return (false);
	}
	if ((k = log_daemon_prefix(s, n, log_ref_ns(l), &t, &yg, &prog,
	    &plen)) == 0) {
		/* hexdump continuations belong to the record before */
		if (s[0] != ' ')
			log_stats_w(l)->text++;
		return (false);
	}
	r->line = log_line_no(l);
	r->off = log_line_off(l);
	r->len = (uint32_t)(n + 1);
	*msg = s + k;
	*mlen = n - k;
	*ifname = NULL;
	*iflen = 0;
	if ((k = log_iface_prefix(*msg, *mlen)) != 0) {
		*ifname = *msg;
		*iflen = k - 2;
		*msg += k;
		*mlen -= k;
	}
	memset(e, 0, sizeof(*e));
	e->t_ns = t;
	e->flags = LOG_F_TIME | (yg ? LOG_F_YEAR : 0);
	e->side = (uint8_t)side;
	return (true);
}
