/*
 * aireos.c -- Cisco AireOS "debug client" / "debug aaa" output.
 *
 * A record is "*task: Mon DD HH:MM:SS.mmm: <mac> <message>" (controller
 * local time, no year) or "Www Mon DD HH:MM:SS YYYY: <mac> <message>".  As
 * people paste them, records run together on one line, a line break may
 * fall inside a record (even inside its header), and pager lines, CLI
 * prompts, "show" output and annotations ("//This proves ...") come in
 * between.  So the text is read as a stream: a record runs from its header
 * to the next header, a blank line, a code fence, a pager line or a prompt;
 * the line breaks inside it count as spaces.  "show client detail" blocks
 * give one snapshot event each.
 */
#include <stdlib.h>
#include <string.h>

#include "log/log.h"

#define JOIN_TAIL	48	/* bytes of a record's end looked at for a
				   header cut by a line break */
#define JOIN_HEAD	64
#define NCLIENTS	32	/* clients whose last request is remembered */
#define ENRICH_NS	(50 * 1000000LL)

struct aireos {
	/* the open record */
	bool		 open;
	size_t		 hl;		/* its header's length, 0: unknown */
	bool		 annot;		/* a line of it has "//" or "!---" */
	int64_t		 ref;		/* log_ref_ns() */
	char		 rec[LOG_REC_MAX];
	size_t		 rlen;
	bool		 rcut;		/* longer than LOG_REC_MAX */
	uint64_t	 line, off, end;
	/* the previous line, and its end when no record took it (a header
	 * may start there) */
	uint64_t	 last_line, last_end;
	char		 tail[JOIN_TAIL];
	size_t		 tlen;
	/* a "show client detail" block */
	bool		 detail;
	char		 det[LOG_REC_MAX];
	size_t		 dlen;
	uint64_t	 dline, doff, dend;
	/* the day of the last year-less record, and its midnight */
	int		 c_mon, c_day;
	int64_t		 c_midnight;
	/* per client: was the last request a reassociation */
	struct {
		uint8_t	 mac[6];
		bool	 reassoc;
	}		 cl[NCLIENTS];
	unsigned	 ncl;
};

/* ------------------------------------------------------------------------
 * Headers.
 */
/* A digit, or a masked one ('x'): sets *x for the latter. */
static inline bool
dx(int c, bool *x)
{
	if (c == 'x') {
		*x = true;
		return (true);
	}
	return (log_digit(c));
}

/*
 * s[i] is ':'; the time part "Mon DD HH:MM:SS.fff:" of a task header after
 * it?  Returns the length from i to the end of the header (a space after
 * the final ':' included), 0 when none.  Masked digits ('x') set *masked.
 */
static size_t
hdr_a_tail(const char *s, size_t n, size_t i, bool *masked)
{
	const char	*p = s + i + 1;
	size_t		 k;
	bool		 x = false;

	*masked = false;
	if (i + 21 > n || p[0] != ' ')
		return (0);
	if (p[1] == 'x' && p[2] == 'x') {
		x = true;
		p += 3;			/* "xx" for the month */
	} else if (log_month(p + 1, 3) != 0)
		p += 4;
	else
		return (0);
	/* " DD HH:MM:SS." */
	if ((size_t)(p - s) + 13 > n || p[0] != ' ' || !dx(p[1], &x) ||
	    !dx(p[2], &x) || p[3] != ' ' || !dx(p[4], &x) || !dx(p[5], &x) ||
	    p[6] != ':' || !dx(p[7], &x) || !dx(p[8], &x) || p[9] != ':' ||
	    !dx(p[10], &x) || !dx(p[11], &x) || p[12] != '.')
		return (0);
	p += 13;
	for (k = 0; (size_t)(p - s) < n && k < 9 && dx(*p, &x); p++)
		k++;
	if (k == 0 || (size_t)(p - s) >= n || *p != ':')
		return (0);
	p++;
	if ((size_t)(p - s) < n && *p == ' ')
		p++;
	*masked = x;
	return ((size_t)(p - s) - i);
}

/* Where the task name before s[i] == ':' starts, or -1. */
static long
hdr_a_start(const char *s, size_t i)
{
	size_t	 k = i;

	while (k > 0 && (log_alnum(s[k - 1]) || s[k - 1] == '_'))
		k--;
	if (i - k < 2 || !log_alpha(s[k]))
		return (-1);
	if (k > 0 && s[k - 1] == '*')
		return ((long)k - 1);
	if (k > 0 && s[k - 1] != ' ' && s[k - 1] != '\t' && s[k - 1] != '>')
		return (-1);
	return ((long)k);
}

static bool
weekday(const char *s)
{
	static const char	 days[] = "MonTueWedThuFriSatSun";
	int			 i;

	for (i = 0; i < 7; i++)
		if (memcmp(s, days + 3 * i, 3) == 0)
			return (true);
	return (false);
}

/* s[i] is ':' after "Www Mon D[D] HH:MM:SS YYYY"?  The header start, or -1. */
static long
hdr_b_start(const char *s, size_t i)
{
	long	 k = (long)i;

	if (k < 23 || !log_digit(s[k - 1]) ||
	    !log_digit(s[k - 4]) || s[k - 5] != ' ' ||
	    s[k - 8] != ':' || s[k - 11] != ':' || s[k - 14] != ' ' ||
	    !log_digit(s[k - 13]) || !log_digit(s[k - 6]))
		return (-1);
	k -= 15;		/* last digit of the day */
	if (!log_digit(s[k]))
		return (-1);
	if (log_digit(s[k - 1]))
		k--;
	if (k < 8 || s[k - 1] != ' ' || s[k - 5] != ' ' ||
	    log_month(s + k - 4, 3) == 0 || !weekday(s + k - 8))
		return (-1);
	return (k - 8);
}

long
log_aireos_header(const char *s, size_t n, size_t from, size_t *hlen)
{
	size_t		 i, t;
	long		 st;
	bool		 masked;

	/* every header has a ':' followed by a space (or the end of the
	 * text: the message may be on the next line); other colons (in MAC
	 * addresses and times) are skipped in one pass */
	for (i = from; i < n; i++) {
		if (s[i] != ':' || (i + 1 < n && s[i + 1] != ' ' &&
		    s[i + 1] != '\n'))
			continue;
		if ((t = hdr_a_tail(s, n, i, &masked)) != 0 &&
		    (st = hdr_a_start(s, i)) >= 0) {
			*hlen = i + t - (size_t)st;
			return (st);
		}
		if ((st = hdr_b_start(s, i)) >= 0) {
			*hlen = i + 1 - (size_t)st +
			    (i + 1 < n && s[i + 1] == ' ');
			return (st);
		}
	}
	return (-1);
}

/*
 * The next "*task: Mon DD HH:MM:SS.mmm:" header at or after from, found by
 * its star: after such a header, the records run together on a line start
 * with one (a quick memchr instead of looking at every colon).
 */
static long
hdr_star(const char *s, size_t n, size_t from, size_t *hlen)
{
	const char	*p;
	size_t		 k, q, t;
	bool		 masked;

	while (from < n && (p = memchr(s + from, '*', n - from)) != NULL) {
		k = (size_t)(p - s) + 1;
		while (k < n && s[k] == '*')	/* bold markers: "***task" */
			k++;
		from = k;
		for (q = k; k < n && (log_alnum(s[k]) || s[k] == '_'); k++)
			;
		/* a task name of two or more, from a letter, then the time */
		if (k - q < 2 || !log_alpha(s[q]) || k >= n || s[k] != ':' ||
		    (t = hdr_a_tail(s, n, k, &masked)) == 0)
			continue;
		*hlen = k + t - (q - 1);
		return ((long)q - 1);
	}
	return (-1);
}

/*
 * Time of the header s[0, n) (known to be one): ns, or -1 when masked.  A
 * year-less date takes the year that puts it nearest ref (the last date's
 * midnight is kept: a log holds few dates).
 */
static int64_t
hdr_time(struct aireos *A, const char *s, size_t n, int64_t ref,
    bool *yearless)
{
	const char	*c;
	size_t		 i, k;
	int		 mon, day, h, mi, sec;
	long		 f, y;
	bool		 masked;

	*yearless = false;
	if (n > 64)
		n = 64;
	for (k = 0; k < n && (c = memchr(s + k, ':', n - k)) != NULL;
	    k = i + 1) {
		i = (size_t)(c - s);
		if (hdr_a_tail(s, n, i, &masked) != 0) {
			if (masked)
				return (-1);
			mon = log_month(s + i + 2, n - i - 2);
			day = (s[i + 6] - '0') * 10 + s[i + 7] - '0';
			if (log_hms(s + i + 9, n - i - 9, &h, &mi, &sec,
			    &f) == 0)
				return (-1);
			*yearless = true;
			if (mon != A->c_mon || day != A->c_day) {
				A->c_mon = mon;
				A->c_day = day;
				A->c_midnight = log_yearless_ns(ref, mon,
				    day, 0, 0, 0, 0);
			}
			if (A->c_midnight < 0 || h > 23 || mi > 59 || sec > 60)
				return (-1);
			return (A->c_midnight + ((int64_t)h * 3600 + mi * 60 +
			    sec) * 1000000000LL + f);
		}
		if (hdr_b_start(s, i) == 0) {
			mon = log_month(s + 4, n - 4);
			k = 8;
			day = s[k] == ' ' ? 0 : s[k] - '0';
			if (log_digit(s[k + 1]))
				day = day * 10 + s[++k] - '0';
			k += 2;
			if (log_hms(s + k, n - k, &h, &mi, &sec, &f) == 0 ||
			    log_int(s + k + 9, 4, &y) != 4)
				return (-1);
			return (log_civil_ns((int)y, mon, day, h, mi, sec, 0));
		}
	}
	return (-1);
}

/* ------------------------------------------------------------------------
 * Classification.
 */
static struct aireos *
st(struct log *l)
{
	return (log_fmt_state(l));
}

static void
remember(struct aireos *A, const uint8_t mac[6], bool reassoc)
{
	unsigned	 i;

	for (i = 0; i < A->ncl; i++)
		if (memcmp(A->cl[i].mac, mac, 6) == 0)
			break;
	if (i == A->ncl) {
		if (A->ncl < NCLIENTS)
			A->ncl++;
		else
			i = (unsigned)(mac[5] % NCLIENTS);
	}
	memcpy(A->cl[i].mac, mac, 6);
	A->cl[i].reassoc = reassoc;
}

static bool
was_reassoc(const struct aireos *A, const uint8_t mac[6])
{
	unsigned	 i;

	for (i = 0; i < A->ncl; i++)
		if (memcmp(A->cl[i].mac, mac, 6) == 0)
			return (A->cl[i].reassoc);
	return (false);
}

static const struct {
	const char	*name;
	enum log_pem	 pem;
} pems[] = {
	{ "START", LOG_PEM_START },
	{ "AUTHCHECK", LOG_PEM_AUTHCHECK },
	{ "8021X_REQD", LOG_PEM_8021X_REQD },
	{ "L2AUTHCOMPLETE", LOG_PEM_L2AUTHCOMPLETE },
	{ "WEP_REQD", LOG_PEM_WEP_REQD },
	{ "DHCP_REQD", LOG_PEM_DHCP_REQD },
	{ "WEBAUTH_REQD", LOG_PEM_WEBAUTH_REQD },
	{ "CENTRAL_WEBAUTH_REQD", LOG_PEM_CENTRAL_WEBAUTH_REQD },
	{ "RUN", LOG_PEM_RUN },
};

static enum log_pem
pem_of(const char *s, size_t n)
{
	size_t	 k, i;

	for (k = 0; k < n && (log_upper(s[k]) ||
	    log_digit(s[k]) || s[k] == '_'); k++)
		;
	if (k == 0)
		return (LOG_PEM_NONE);
	for (i = 0; i < sizeof(pems) / sizeof(pems[0]); i++)
		if (strlen(pems[i].name) == k &&
		    memcmp(s, pems[i].name, k) == 0)
			return (pems[i].pem);
	return (LOG_PEM_OTHER);
}

/* "a.b.c.d STATE (n) Change state to NEW (n) ..." */
static bool
pem_line(const char *m, size_t n, struct log_event *e)
{
	const char	*p = log_find(m, n, " Change state to ");
	size_t		 k;

	if (p == NULL || p - m > 48)
		return (false);
	for (k = 0; k < (size_t)(p - m); k++)
		if (!log_digit(m[k]) && m[k] != '.')
			break;
	if (k < 7 || m[k] != ' ')
		return (false);
	p += strlen(" Change state to ");
	e->pem = (uint8_t)pem_of(p, (size_t)(m + n - p));
	if (e->pem == LOG_PEM_NONE)
		return (false);
	e->kind = LOG_EV_PEM;
	return (true);
}

#define RX	LOG_DIR_RX
#define TX	LOG_DIR_TX
#define K(k, f)	{ k, LOG_FLD_##f }

/* The messages after the client's MAC, most specific first. */
static const struct log_rule rules[] = {
	LOG_RULE("802.1x '", "Timer expired", LOG_EV_EAP_TIMEOUT, 0, 0,
	    K("message = ", MSG)),
	LOG_RULE("Association received from mobile", NULL, LOG_EV_ASSOC_REQ,
	    RX, 0, K("BSSID", BSSID), K(" on AP", AP)),
	LOG_RULE("Association Failed", "Key Cache look up failed",
	    LOG_EV_NO_PMK, 0, LOG_F_FT, K("BSSID", BSSID),
	    K("status ", STATUS)),
	LOG_RULE("Association Failed", NULL, LOG_EV_ASSOC_FAIL, 0, 0,
	    K("BSSID", BSSID), K("status ", STATUS)),
	LOG_RULE("Adding BSSID ", NULL, LOG_EV_PMKID_ADD, 0, 0,
	    K("BSSID", BSSID)),
	LOG_RULE("apfMsDeleteByMscb", "deleteReason", LOG_EV_CLIENT_DELETE, 0,
	    0, K("deleteReason", REASON), K("reasonCode", NUM)),
	LOG_RULE("Computed a valid PMKID", NULL, LOG_EV_PMKID_COMPUTED, 0, 0),
	LOG_RULE("Creating a PKC PMKID Cache entry", NULL, LOG_EV_PMKID_ADD,
	    0, 0, K("on BSSID", BSSID)),
	LOG_RULE("CCKM: Received a valid REASSOC REQ IE", NULL, LOG_EV_CCKM,
	    0, 0),
	LOG_RULE("Doing preauth for this client over the Air", NULL,
	    LOG_EV_AUTH_REQ, RX, LOG_F_FT),
	LOG_RULE("Doing local roaming for destination address", NULL,
	    LOG_EV_AUTH_REQ, RX, LOG_F_FT, K("address", BSSID)),
	LOG_RULE("Deleting the PMK cache", NULL, LOG_EV_PMK_DELETE, 0, 0),
	LOG_RULE("Deleting mobile on AP", NULL, LOG_EV_CLIENT_DELETE, 0, 0,
	    K("on AP", AP)),
	LOG_RULE("Deleting client immediately", NULL, LOG_EV_CLIENT_DELETE, 0,
	    0),
	LOG_RULE("DOT11R: Sending cache delete", NULL, LOG_EV_PMK_DELETE, 0,
	    LOG_F_FT),
	LOG_RULE("Found an cache entry for BSSID", NULL, LOG_EV_PMKID_FOUND,
	    0, 0, K("BSSID", BSSID)),
	LOG_RULE("Found a valid PMKID", NULL, LOG_EV_PMKID_FOUND, 0, 0),
	LOG_RULE("Invalid RADIUS message authenticator", NULL, LOG_EV_AAA, 0,
	    0),
	LOG_RULE("Max retransmission of Access-Request", NULL, LOG_EV_AAA, 0,
	    0),
	LOG_RULE("No valid PMKID found", NULL, LOG_EV_PMKID_MISS, 0, 0),
	LOG_RULE("no PMK cache entry for this client", NULL,
	    LOG_EV_PMKID_MISS, 0, LOG_F_FT),
	LOG_RULE("PMK: Sending cache add", NULL, LOG_EV_PMKID_ADD, 0, 0),
	LOG_RULE("Processing AAA Error '", "' (", LOG_EV_AAA, 0, 0,
	    K("' (", STATUS)),
	LOG_RULE("Reassociation received from mobile", NULL,
	    LOG_EV_REASSOC_REQ, RX, 0, K("BSSID", BSSID)),
	LOG_RULE("Received EAPOL-key in ", NULL, LOG_EV_EAPOL, RX, 0,
	    K("(message ", MSG)),
	LOG_RULE("Received EAPOL-key M", "invalid MIC", LOG_EV_MIC_FAIL, RX, 0,
	    K("EAPOL-key ", MSG)),
	LOG_RULE("Received RSN IE with ", NULL, LOG_EV_PMKID_RX, RX, 0,
	    K("with", NUM)),
	LOG_RULE("Received DELETE mobile", NULL, LOG_EV_CLIENT_DELETE, 0, 0,
	    K("from AP", AP)),
	LOG_RULE("Removing BSSID ", NULL, LOG_EV_PMK_DELETE, 0, 0,
	    K("BSSID", BSSID)),
	LOG_RULE("Removing PMK cache entry", NULL, LOG_EV_PMK_DELETE, 0, 0),
	LOG_RULE("Removing TGr reauth entry", NULL, LOG_EV_PMK_DELETE, 0,
	    LOG_F_FT, K("AP station", BSSID), K("AP", BSSID)),
	LOG_RULE("RSNIE AKM matches with PMK cache entry", NULL,
	    LOG_EV_PMKID_FOUND, 0, 0),
	LOG_RULE("Retransmit ", "EAPOL-Key", LOG_EV_EAPOL_RETRY, TX, 0,
	    K("Retransmit", NUM), K("EAPOL-Key ", MSG)),
	LOG_RULE("RADIUS message verification failed", NULL, LOG_EV_AAA, 0,
	    0),
	LOG_RULE("Returning AAA Error '", "' (", LOG_EV_AAA, 0, 0,
	    K("' (", STATUS)),
	LOG_RULE("Sending Assoc Response to station", NULL, LOG_EV_ASSOC_RESP,
	    TX, 0, K("BSSID", BSSID), K("(status", STATUS)),
	LOG_RULE("Sending EAPOL-Key Message to mobile", NULL, LOG_EV_EAPOL, TX,
	    0, K("(message ", MSG)),
	LOG_RULE("Sending EAP-Request/Identity", NULL, LOG_EV_EAP, TX, 0),
	LOG_RULE("Sent Deauthenticate to mobile", NULL, LOG_EV_DEAUTH, TX, 0,
	    K("BSSID", BSSID)),
	LOG_RULE("Sent Disassociate to mobile", NULL, LOG_EV_DISASSOC, TX,
	    LOG_F_IEEE, K("on AP", AP), K("(reason", REASON)),
};
static struct log_ruleset rules_set = LOG_RULESET(rules);

/*
 * One record's message (after the client MAC).  Sets e->kind (and fields)
 * for a new event; returns 1 for one, 2 when the message completed the last
 * event instead, 0 when it says nothing we keep.
 */
static int
classify(struct log *l, struct aireos *A, const char *m, size_t n,
    struct log_event *e)
{
	struct log_event	*last;

	e->side = LOG_SIDE_INFRA;
	if (n == 0)
		return (0);
	if (log_digit(m[0]) && !log_starts(m, n, "802.1x"))
		return (pem_line(m, n, e));
	/* "Doing local roaming for destination address X" names the target
	 * of the FT authentication "Doing preauth ..." just logged */
	if (log_starts(m, n, "Doing local roaming") &&
	    (e->flags & LOG_F_MAC) && (last = log_last(l, e->mac, e->t_ns,
	    ENRICH_NS)) != NULL && last->kind == LOG_EV_AUTH_REQ &&
	    !(last->flags & LOG_F_BSSID)) {
		if (log_mac_after(m, n, "address", last->bssid))
			last->flags |= LOG_F_BSSID;
		return (2);
	}
	if (log_rules(&rules_set, m, n, e) < 0)
		return (0);
	switch (e->kind) {
	case LOG_EV_ASSOC_REQ:
	case LOG_EV_REASSOC_REQ:
		if (e->flags & LOG_F_MAC)
			remember(A, e->mac, e->kind == LOG_EV_REASSOC_REQ);
		break;
	case LOG_EV_ASSOC_RESP:
		/* the status is the one the frame carries */
		if (e->flags & LOG_F_STATUS)
			e->flags |= LOG_F_IEEE;
		if ((e->flags & LOG_F_MAC) && was_reassoc(A, e->mac))
			e->flags |= LOG_F_REASSOC;
		break;
	default:
		break;
	}
	return (1);
}

/* A masked MAC ("1x:xx:1x:xx:xx:xx", "xx.xx.xx.xx.xx.xx") to skip. */
static size_t
masked_mac(const char *s, size_t n)
{
	size_t	 i;

	if (n < 17)
		return (0);
	for (i = 0; i < 17; i++) {
		if (i % 3 == 2) {
			if (s[i] != ':' && s[i] != '.')
				return (0);
		} else if (!log_xdigit(s[i]) && s[i] != 'x')
			return (0);
	}
	return (17);
}

/* Where a pasted annotation starts in a message ("//...", "!---"). */
static size_t
annotation_cut(const char *m, size_t n)
{
	const char	*p, *e = m + n, *cut = e;

	for (p = m; (p = memchr(p, '/', (size_t)(e - p))) != NULL; p++)
		if (p + 1 < e && p[1] == '/' && (p == m || p[-1] != ':')) {
			cut = p;
			break;
		}
	if ((p = memchr(m, '!', (size_t)(cut - m))) != NULL && p + 1 < e &&
	    p[1] == '-')
		cut = p;
	return ((size_t)(cut - m));
}

/* ------------------------------------------------------------------------
 * Records.
 */
static void
rec_add(struct aireos *A, const char *s, size_t n, bool sep)
{
	size_t	 room;

	if (sep && A->rlen > 0 && n > 0) {
		if (A->rlen < LOG_REC_MAX)
			A->rec[A->rlen++] = ' ';
		else
			A->rcut = true;
	}
	room = LOG_REC_MAX - A->rlen;
	if (n > room) {
		n = room;
		A->rcut = true;
	}
	memcpy(A->rec + A->rlen, s, n);
	A->rlen += n;
}

static void
rec_open(struct aireos *A, uint64_t line, uint64_t off, size_t hl)
{
	A->open = true;
	A->hl = hl;
	A->annot = false;
	A->rlen = 0;
	A->rcut = false;
	A->line = line;
	A->off = off;
	A->end = off;
}

static void
rec_close(struct log *l, struct aireos *A)
{
	struct log_event	 e;
	struct log_rec		 r;
	const char		*m;
	size_t			 hl, n;
	int64_t			 t;
	bool			 yearless;
	int			 res;

	if (!A->open)
		return;
	A->open = false;
	r.line = A->line;
	r.off = A->off;
	r.len = (uint32_t)(A->end > A->off ? A->end - A->off : A->rlen);
	memset(&e, 0, sizeof(e));
	if ((hl = A->hl) == 0 &&
	    log_aireos_header(A->rec, A->rlen, 0, &hl) != 0) {
		log_skip(l, &r, A->rec, A->rlen, false);
		return;
	}
	if ((t = hdr_time(A, A->rec, hl, A->ref, &yearless)) >= 0) {
		e.t_ns = t;
		e.flags |= LOG_F_TIME | (yearless ? LOG_F_YEAR : 0);
	}
	m = A->rec + hl;
	n = A->rlen - hl;
	while (n > 0 && (*m == ' ' || *m == '*')) {
		m++;
		n--;
	}
	if ((hl = log_mac(m, n, e.mac)) != 0)
		e.flags |= LOG_F_MAC;
	else
		hl = masked_mac(m, n);
	m += hl;
	n -= hl;
	while (n > 0 && (*m == ' ' || *m == '*')) {
		m++;
		n--;
	}
	if (A->annot)
		n = annotation_cut(m, n);
	res = classify(l, A, m, n, &e);
	if (res == 1 && e.kind != LOG_EV_NONE)
		log_emit(l, &r, A->rec, A->rlen, &e);
	else
		log_skip(l, &r, A->rec, A->rlen, res == 2);
}

/* ------------------------------------------------------------------------
 * "show client detail".
 */
static const char *
field(const char *s, size_t n, const char *key)
{
	const char	*p = log_find(s, n, key), *e = s + n;

	if (p == NULL)
		return (NULL);
	p += strlen(key);
	while (p < e && (*p == '.' || *p == ' '))
		p++;
	return (p < e ? p : NULL);
}

static void
detail_close(struct log *l, struct aireos *A)
{
	struct log_event	 e;
	struct log_rec		 r;
	const char		*p, *end = A->det + A->dlen;
	long			 v;

	if (!A->detail)
		return;
	A->detail = false;
	log_stats_w(l)->details++;
	r.line = A->dline;
	r.off = A->doff;
	r.len = (uint32_t)(A->dend - A->doff);
	memset(&e, 0, sizeof(e));
	e.kind = LOG_EV_CLIENT_DETAIL;
	e.side = LOG_SIDE_INFRA;
	if ((p = field(A->det, A->dlen, "Client MAC Address")) != NULL &&
	    log_mac(p, (size_t)(end - p), e.mac) != 0)
		e.flags |= LOG_F_MAC;
	if ((p = field(A->det, A->dlen, "AP MAC Address")) != NULL &&
	    log_mac(p, (size_t)(end - p), e.ap) != 0)
		e.flags |= LOG_F_AP;
	if ((p = field(A->det, A->dlen, "BSSID.")) != NULL &&
	    log_mac(p, (size_t)(end - p), e.bssid) != 0)
		e.flags |= LOG_F_BSSID;
	if ((p = field(A->det, A->dlen, "Policy Manager State")) != NULL)
		e.pem = (uint8_t)pem_of(p, (size_t)(end - p));
	if ((p = field(A->det, A->dlen, "Status Code")) != NULL &&
	    log_int(p, (size_t)(end - p), &v) != 0) {
		e.status = (int32_t)v;
		e.flags |= LOG_F_STATUS | LOG_F_IEEE;
	}
	if ((p = field(A->det, A->dlen, "Reason Code")) != NULL &&
	    log_int(p, (size_t)(end - p), &v) != 0) {
		e.reason = (int32_t)v;
		e.flags |= LOG_F_REASON | LOG_F_IEEE;
	}
	if (e.flags & LOG_F_MAC)
		log_emit(l, &r, A->det, A->dlen, &e);
	else
		log_skip(l, &r, A->det, A->dlen, false);
}

static void
detail_add(struct aireos *A, const char *s, size_t n)
{
	size_t	 room = LOG_REC_MAX - A->dlen;

	if (A->dlen > 0 && room > 0) {
		A->det[A->dlen++] = ' ';
		room--;
	}
	if (n > room)
		n = room;
	memcpy(A->det + A->dlen, s, n);
	A->dlen += n;
}

/* ------------------------------------------------------------------------
 * Lines.
 */
static void
close_all(struct log *l, struct aireos *A)
{
	rec_close(l, A);
	detail_close(l, A);
	A->tlen = 0;
}

/* A pasted annotation somewhere in the line: "//" or "!---". */
static bool
annotated(const char *s, size_t n)
{
	const char	*p, *e = s + n;

	for (p = s; (p = memchr(p, '/', (size_t)(e - p))) != NULL; p++)
		if (p + 1 < e && p[1] == '/')
			return (true);
	for (p = s; (p = memchr(p, '!', (size_t)(e - p))) != NULL; p++)
		if (log_starts(p, (size_t)(e - p), "!---"))
			return (true);
	return (false);
}

/* A CLI prompt "(name) >" at the start of the line. */
static bool
prompt(const char *s, size_t n)
{
	const char	*p;

	return (n > 3 && s[0] == '(' && (p = memchr(s, ')', n < 48 ? n : 48))
	    != NULL && (size_t)(p - s) + 2 < n && p[1] == ' ' && p[2] == '>');
}

/*
 * A header cut by the line break: the end of the open record and the start
 * of this line joined.  Returns where to go on looking for headers in s
 * (0: no such header).
 */
static size_t
split_header(struct log *l, struct aireos *A, const char *s, size_t n)
{
	char	 j[JOIN_TAIL + 1 + JOIN_HEAD];
	size_t	 tl, hn, hl, back;
	long	 h;
	bool	 open = A->open;

	if (open && (A->rcut || A->rlen == 0))
		return (0);
	if (!open && A->tlen == 0)
		return (0);
	tl = open ? (A->rlen < JOIN_TAIL ? A->rlen : JOIN_TAIL) : A->tlen;
	hn = n < JOIN_HEAD ? n : JOIN_HEAD;
	memcpy(j, open ? A->rec + A->rlen - tl : A->tail, tl);
	j[tl] = ' ';
	memcpy(j + tl + 1, s, hn);
	for (h = 0; (h = log_aireos_header(j, tl + 1 + hn, (size_t)h,
	    &hl)) >= 0; h += (long)hl) {
		if ((size_t)h >= tl)
			return (0);
		if ((size_t)h + hl > tl + 1)
			break;
	}
	if (h < 0)
		return (0);
	back = tl - (size_t)h;
	if (open) {
		A->rlen -= back;
		A->end = A->last_end - back;
		rec_close(l, A);
	}
	rec_open(A, A->last_line, A->last_end - back, 0);
	A->annot = true;	/* (the line before is not looked at again) */
	rec_add(A, j + h, back, false);
	return ((size_t)h + hl - tl - 1);
}

static void
aireos_line(struct log *l, const char *s, size_t n)
{
	struct aireos	*A = st(l);
	struct log_stats *sp = log_stats_w(l);
	uint64_t	 off = log_line_off(l), line = log_line_no(l);
	size_t		 a = 0, b = n, i, from, hl;
	long		 h;
	bool		 first = true, used = false, star, annot;

	while (a < b && (s[a] == ' ' || s[a] == '\t'))
		a++;
	while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
		b--;
	if (a == b) {
		close_all(l, A);
		sp->blank++;
		return;
	}
	if (b - a >= 3 && memcmp(s + a, "```", 3) == 0) {
		close_all(l, A);
		sp->text++;
		return;
	}
	if (s[a] == '-' && log_starts(s + a, b - a, "--More--")) {
		close_all(l, A);
		sp->pager++;
		return;
	}
	if ((annot = annotated(s, n)))
		sp->annotations++;
	if (A->detail) {
		if (log_aireos_header(s, n, 0, &hl) < 0 &&
		    !prompt(s + a, b - a)) {
			detail_add(A, s + a, b - a);
			A->dend = off + n + 1;
			return;
		}
		detail_close(l, A);
	}
	if ((s[a] == '(' && prompt(s + a, b - a) &&
	    log_find(s + a, b - a, "show client detail") != NULL) ||
	    log_starts(s + a, b - a, "Client MAC Address.")) {
		close_all(l, A);
		A->detail = true;
		A->dlen = 0;
		A->dline = line;
		A->doff = off;
		detail_add(A, s + a, b - a);
		A->dend = off + n + 1;
		return;
	}
	if (s[a] == '(' && prompt(s + a, b - a))
		rec_close(l, A);

	/* after a split header the whole line still belongs to the record;
	 * a line that starts a record of its own continues none */
	from = s[0] == '*' ? 0 : split_header(l, A, s, n);
	i = 0;
	/* a line that starts with a star starts with a header, most often:
	 * look for it by its star, then for more by theirs */
	h = from == 0 && s[0] == '*' ? hdr_star(s, n, 0, &hl) : -1;
	if (h != 0)
		h = log_aireos_header(s, n, from, &hl);
	for (; h >= 0; h = star ? hdr_star(s, n, from, &hl) :
	    log_aireos_header(s, n, from, &hl)) {
		star = s[h] == '*';
		if ((size_t)h > i && A->open) {
			rec_add(A, s + i, (size_t)h - i, first);
			A->annot |= annot;
		}
		if (A->open) {
			A->end = off + (uint64_t)h;
			rec_close(l, A);
		}
		rec_open(A, line, off + (uint64_t)h, hl);
		first = false;
		i = (size_t)h;
		from = (size_t)h + hl;
	}
	if (A->open) {
		rec_add(A, s + i, n - i, first);
		A->end = off + n + 1;
		A->annot |= annot;
		used = true;
	}
	if (!used)
		sp->text++;
	A->last_line = line;
	A->last_end = off + n;
	/* no record took the end of this line: keep it for a header that
	 * the line break cuts */
	A->tlen = 0;
	if (!A->open) {
		A->tlen = n - i < JOIN_TAIL ? n - i : JOIN_TAIL;
		memcpy(A->tail, s + n - A->tlen, A->tlen);
	}
}

static void
aireos_init(struct log *l)
{
	struct aireos	*A = calloc(1, sizeof(*A));

	if (A != NULL)
		A->ref = log_ref_ns(l);
	log_set_fmt_state(l, A);
}

static void
aireos_flush(struct log *l)
{
	struct aireos	*A = st(l);

	if (A != NULL)
		close_all(l, A);
}

static void
aireos_free(struct log *l)
{
	free(log_fmt_state(l));
	log_set_fmt_state(l, NULL);
}

static void
aireos_line_safe(struct log *l, const char *s, size_t n)
{
	if (st(l) != NULL)
		aireos_line(l, s, n);
}

const struct log_fmt_ops log_aireos_ops = {
	aireos_init, aireos_line_safe, aireos_flush, aireos_free
};
