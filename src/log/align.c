/*
 * align.c -- the offset of a log's clock from the capture's.
 *
 * Every logged event that can be a frame (log_air_matches: same client,
 * kind, BSSID and status where both give them) pairs with every such frame
 * of the capture; each pair votes for an offset, log time minus air time.
 * The offset most events agree on within a window of two tolerances wins
 * (an event votes once however many frames it pairs with, so repeated
 * frames and events neither of which the other has do not sway it); inside
 * that window the densest LOG_ALIGN_MODE_NS picks the events that agree,
 * and their directions decide the value: a logger writes what it received
 * a few to some tens of ms after the frame was on the air, and what it
 * sent a little before, so the received ones bound the offset from above
 * and the sent ones from below (bracket()); the mode stays when the events
 * give no direction.  The best offset at
 * least a second away is the runner-up: a periodic log (a loop, M1 sent
 * again every second) can agree almost as well one period off.
 *
 * Work is bounded: at most LOG_ALIGN_MAX_PAIRS pairs are voted with (a
 * regular sample of the events when there would be more), and support is
 * then counted over every event by binary search in its client's frames.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log/log.h"

#define LOG_ALIGN_MAX_PAIRS	(1 << 20)
#define LOG_ALIGN_MODE_NS	(20 * 1000000LL)
#define LOG_ALIGN_AWAY_NS	(1000 * 1000000LL)
#define NS			1000000000LL

static const char *const status_names[LOG_ALIGN_N] = {
	[LOG_ALIGN_OK] = "ok",
	[LOG_ALIGN_GIVEN] = "given",
	[LOG_ALIGN_NO_EVENTS] = "no-events",
	[LOG_ALIGN_NO_CLIENT] = "no-client",
	[LOG_ALIGN_WEAK] = "weak",
	[LOG_ALIGN_AMBIGUOUS] = "ambiguous",
};

const char *
log_align_status_name(enum log_align_status s)
{
	return ((unsigned)s < LOG_ALIGN_N ? status_names[s] : "unknown");
}

struct pair {
	int64_t		 d;
	uint32_t	 i;	/* index into the sampled candidates */
};

struct ctx {
	const struct log_event	*ev;
	const struct log_air	*air;
	uint32_t		*ai;	/* air indexes by (mac, kind, time) */
	size_t			 nair;
	uint32_t		*cand;	/* candidate event indexes */
	size_t			 ncand;
	int64_t			 tol;
};

static int
cmp_air(const void *a, const void *b, void *arg)
{
	const struct log_air	*air = arg,
				*x = &air[*(const uint32_t *)a],
				*y = &air[*(const uint32_t *)b];
	int			 c = memcmp(x->mac, y->mac, 6);

	if (c != 0)
		return (c);
	if (x->kind != y->kind)
		return (x->kind < y->kind ? -1 : 1);
	return ((x->t_ns > y->t_ns) - (x->t_ns < y->t_ns));
}

static int
cmp_pair(const void *a, const void *b)
{
	const struct pair	*x = a, *y = b;

	return ((x->d > y->d) - (x->d < y->d));
}

static int
cmp_i64(const void *a, const void *b)
{
	int64_t	 x = *(const int64_t *)a, y = *(const int64_t *)b;

	return ((x > y) - (x < y));
}

/* (mac, kind) of sorted air index m against the key: <0, 0, >0. */
static int
key_cmp(const struct ctx *c, size_t m, const uint8_t mac[6], int kind)
{
	const struct log_air	*a = &c->air[c->ai[m]];
	int			 r = memcmp(a->mac, mac, 6);

	if (r != 0 || kind < 0)
		return (r);
	return (a->kind - kind);
}

/* [*lo, *hi) of the sorted air indexes of client mac (and of kind, when
 * kind >= 0). */
static void
key_range(const struct ctx *c, const uint8_t mac[6], int kind, size_t *lo,
    size_t *hi)
{
	size_t	 a = 0, b = c->nair, m;

	while (a < b) {
		m = (a + b) / 2;
		if (key_cmp(c, m, mac, kind) < 0)
			a = m + 1;
		else
			b = m;
	}
	*lo = a;
	b = c->nair;
	while (a < b) {
		m = (a + b) / 2;
		if (key_cmp(c, m, mac, kind) <= 0)
			a = m + 1;
		else
			b = m;
	}
	*hi = a;
}

/* First index in [lo, hi) with time >= t. */
static size_t
time_lb(const struct ctx *c, size_t lo, size_t hi, int64_t t)
{
	size_t	 m;

	while (lo < hi) {
		m = (lo + hi) / 2;
		if (c->air[c->ai[m]].t_ns < t)
			lo = m + 1;
		else
			hi = m;
	}
	return (lo);
}

/* Frames of e's client and of the kinds it can be, around want (all of
 * them when around is false); calls fn for each that matches. */
static size_t
each_match(const struct ctx *c, const struct log_event *e, bool around,
    int64_t want, void (*fn)(void *, const struct log_air *), void *arg)
{
	const struct log_air	*a;
	unsigned		 set = log_air_set(e);
	size_t			 lo, hi, j, n = 0;
	int			 k;

	for (k = 1; k < LOG_AIR_N; k++) {
		if (!(set & (1u << k)))
			continue;
		key_range(c, e->mac, k, &lo, &hi);
		j = around ? time_lb(c, lo, hi, want - c->tol) : lo;
		for (; j < hi; j++) {
			a = &c->air[c->ai[j]];
			if (around && a->t_ns > want + c->tol)
				break;
			if (!log_air_matches(e, a))
				continue;
			n++;
			if (fn == NULL)
				return (n);
			fn(arg, a);
		}
	}
	return (n);
}

struct nearest {
	int64_t		 t_log, offset, best;
};

static void
nearest_fn(void *arg, const struct log_air *a)
{
	struct nearest	*nr = arg;
	int64_t		 r = nr->t_log - a->t_ns - nr->offset;

	if (r < 0)
		r = -r;
	if (nr->best < 0 || r < nr->best)
		nr->best = r;
}

/*
 * Events with a frame within tol of offset; their |residuals| into res
 * (when not NULL, ncand long).  Each event counts once, with its nearest
 * frame.
 */
static unsigned
support_at(const struct ctx *c, int64_t offset, int64_t *res)
{
	const struct log_event	*e;
	struct nearest		 nr;
	size_t			 k;
	unsigned		 n = 0;
	int64_t			 want;

	for (k = 0; k < c->ncand; k++) {
		e = &c->ev[c->cand[k]];
		nr.t_log = e->t_ns;
		nr.offset = offset;
		nr.best = -1;
		/* a given offset may be anything: no time past the range */
		if (__builtin_sub_overflow(e->t_ns, offset, &want) ||
		    want > INT64_MAX - c->tol || want < INT64_MIN + c->tol)
			continue;
		each_match(c, e, true, want, nearest_fn, &nr);
		if (nr.best >= 0) {
			if (res != NULL)
				res[n] = nr.best;
			n++;
		}
	}
	return (n);
}

struct signed_nearest {
	int64_t		 t_log, offset, best_abs, d;
};

static void
signed_fn(void *arg, const struct log_air *a)
{
	struct signed_nearest	*sn = arg;
	int64_t			 d = sn->t_log - a->t_ns,
				 r = d - sn->offset;

	if (r < 0)
		r = -r;
	if (sn->best_abs < 0 || r < sn->best_abs) {
		sn->best_abs = r;
		sn->d = d;
	}
}

/*
 * The offset between what the events that agree with offset0 say: a
 * logger writes what it received after the frame was on the air (the
 * offset is at most such an event's log - air time) and what it sent
 * before (at least).  The lowest tenth of the one and the highest tenth of
 * the other bound it; the middle of the bounds is taken (or the one bound
 * there is).  Returns false when the events give no consistent bounds
 * (no direction known, or bounds crossed): the caller keeps offset0.
 */
static bool
bracket(const struct ctx *c, int64_t offset0, int64_t *out)
{
	const struct log_event	*e;
	struct signed_nearest	 sn;
	int64_t			*rx, *tx, lo = 0, hi = 0;
	size_t			 k, nrx = 0, ntx = 0;
	bool			 ok = false;

	rx = malloc((c->ncand + 1) * sizeof(*rx));
	tx = malloc((c->ncand + 1) * sizeof(*tx));
	if (rx == NULL || tx == NULL)
		goto out;
	for (k = 0; k < c->ncand; k++) {
		e = &c->ev[c->cand[k]];
		if (e->dir != LOG_DIR_RX && e->dir != LOG_DIR_TX)
			continue;
		sn.t_log = e->t_ns;
		sn.offset = offset0;
		sn.best_abs = -1;
		each_match(c, e, true, e->t_ns - offset0, signed_fn, &sn);
		if (sn.best_abs < 0)
			continue;
		if (e->dir == LOG_DIR_RX)
			rx[nrx++] = sn.d;
		else
			tx[ntx++] = sn.d;
	}
	if (nrx == 0 && ntx == 0)
		goto out;
	qsort(rx, nrx, sizeof(*rx), cmp_i64);
	qsort(tx, ntx, sizeof(*tx), cmp_i64);
	if (nrx > 0)
		hi = rx[nrx / 10];
	if (ntx > 0)
		lo = tx[ntx - 1 - ntx / 10];
	if (nrx > 0 && ntx > 0) {
		if (lo > hi)
			goto out;
		*out = lo + (hi - lo) / 2;
	} else
		*out = nrx > 0 ? hi : lo;
	ok = true;
out:
	free(rx);
	free(tx);
	return (ok);
}

struct voter {
	struct pair	*p;
	size_t		 np;
	uint32_t	 i;
	int64_t		 t_log;
};

static void
vote_fn(void *arg, const struct log_air *a)
{
	struct voter	*v = arg;

	if (v->np >= LOG_ALIGN_MAX_PAIRS)
		return;
	v->p[v->np].d = v->t_log - a->t_ns;
	v->p[v->np].i = v->i;
	v->np++;
}

/*
 * The window of width w over sorted pairs with the most distinct events,
 * skipping windows whose centre is within away of skip_c (when skip).
 * Returns the count; the window is pairs [*from, *to).
 */
static unsigned
best_window(const struct pair *p, size_t np, unsigned *cnt, size_t nsamp,
    int64_t w, bool skip, int64_t skip_c, int64_t away, size_t *from,
    size_t *to)
{
	size_t		 l = 0, r;
	unsigned	 distinct = 0, best = 0;
	size_t		 bestpairs = 0;
	int64_t		 ctr;

	memset(cnt, 0, nsamp * sizeof(*cnt));
	*from = *to = 0;
	for (r = 0; r < np; r++) {
		if (cnt[p[r].i]++ == 0)
			distinct++;
		while (p[r].d - p[l].d > w) {
			if (--cnt[p[l].i] == 0)
				distinct--;
			l++;
		}
		ctr = p[l].d + (p[r].d - p[l].d) / 2;
		if (skip && ctr > skip_c - away && ctr < skip_c + away)
			continue;
		if (distinct > best || (distinct == best &&
		    r + 1 - l > bestpairs)) {
			best = distinct;
			bestpairs = r + 1 - l;
			*from = l;
			*to = r + 1;
		}
	}
	return (best);
}

/* The median of the densest LOG_ALIGN_MODE_NS run of p[from, to). */
static int64_t
mode_of(const struct pair *p, size_t from, size_t to)
{
	size_t	 l = from, r, bl = from, br = from + 1;

	for (r = from; r < to; r++) {
		while (p[r].d - p[l].d > LOG_ALIGN_MODE_NS)
			l++;
		if (r + 1 - l > br - bl) {
			bl = l;
			br = r + 1;
		}
	}
	return (p[bl + (br - bl - 1) / 2].d);
}

static bool
in_list(const uint8_t (*macs)[6], size_t n, const uint8_t mac[6])
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (memcmp(macs[i], mac, 6) == 0)
			return (true);
	return (false);
}

int
log_align(const struct log_event *ev, size_t n, const struct log_air *air,
    size_t nair, const struct log_align_opts *o, struct log_align *res)
{
	struct ctx		 c;
	struct voter		 v;
	unsigned		*cnt = NULL;
	int64_t			*resid = NULL, away;
	uint8_t			(*macs)[6] = NULL;
	size_t			 i, k, lo, hi, nmacs = 0, stride, total,
				 nsamp, from, to, f2, t2;
	unsigned		 best, second;
	int			 rc = -1;
	bool			 timed = false;

	memset(res, 0, sizeof(*res));
	memset(&c, 0, sizeof(c));
	memset(&v, 0, sizeof(v));
	c.ev = ev;
	c.air = air;
	c.nair = nair;
	c.tol = o != NULL && o->tol_ns > 0 ? o->tol_ns : LOG_ALIGN_TOL_NS;
	res->status = LOG_ALIGN_NO_EVENTS;
	if ((c.ai = malloc((nair + 1) * sizeof(*c.ai))) == NULL ||
	    (c.cand = malloc((n + 1) * sizeof(*c.cand))) == NULL ||
	    (macs = malloc((n + 1) * sizeof(*macs))) == NULL)
		goto out;
	for (i = 0; i < nair; i++)
		c.ai[i] = (uint32_t)i;
	qsort_r(c.ai, nair, sizeof(*c.ai), cmp_air, (void *)air);

	/* the log's clients, and the events that can be frames we have */
	for (i = 0; i < n; i++) {
		if ((ev[i].flags & (LOG_F_TIME | LOG_F_MAC)) !=
		    (LOG_F_TIME | LOG_F_MAC))
			continue;
		timed = true;
		if (nmacs < 4096 && !in_list(macs, nmacs, ev[i].mac))
			memcpy(macs[nmacs++], ev[i].mac, 6);
	}
	res->log_clients = (unsigned)nmacs;
	if (!timed)
		goto out;
	for (k = 0; k < nmacs; k++) {
		key_range(&c, macs[k], -1, &lo, &hi);
		if (hi > lo)
			res->clients++;
	}
	for (i = 0; i < n; i++)
		if ((ev[i].flags & (LOG_F_TIME | LOG_F_MAC)) ==
		    (LOG_F_TIME | LOG_F_MAC) &&
		    each_match(&c, &ev[i], false, 0, NULL, NULL) > 0)
			c.cand[c.ncand++] = (uint32_t)i;
	res->candidates = (unsigned)c.ncand;
	if (res->clients == 0 || c.ncand == 0) {
		res->status = LOG_ALIGN_NO_CLIENT;
		goto out;
	}
	if ((resid = malloc(c.ncand * sizeof(*resid))) == NULL)
		goto out;

	if (o != NULL && o->given) {
		res->status = LOG_ALIGN_GIVEN;
		res->offset_ns = o->offset_ns;
		goto count;
	}

	/* sample the candidates so that the pairs stay bounded */
	for (total = 0, k = 0; k < c.ncand; k++) {
		key_range(&c, ev[c.cand[k]].mac, -1, &lo, &hi);
		total += hi - lo;
	}
	stride = total / LOG_ALIGN_MAX_PAIRS + 1;
	nsamp = (c.ncand + stride - 1) / stride;
	if ((v.p = malloc(LOG_ALIGN_MAX_PAIRS * sizeof(*v.p))) == NULL ||
	    (cnt = malloc(nsamp * sizeof(*cnt))) == NULL)
		goto out;
	for (k = 0; k < nsamp; k++) {
		v.i = (uint32_t)k;
		v.t_log = ev[c.cand[k * stride]].t_ns;
		each_match(&c, &ev[c.cand[k * stride]], false, 0, vote_fn, &v);
	}
	qsort(v.p, v.np, sizeof(*v.p), cmp_pair);
	best = best_window(v.p, v.np, cnt, nsamp, 2 * c.tol, false, 0, 0,
	    &from, &to);
	if (best == 0) {
		res->status = LOG_ALIGN_WEAK;
		goto out;
	}
	res->offset_ns = mode_of(v.p, from, to);
	bracket(&c, res->offset_ns, &res->offset_ns);
	away = LOG_ALIGN_AWAY_NS > 4 * c.tol ? LOG_ALIGN_AWAY_NS : 4 * c.tol;
	second = best_window(v.p, v.np, cnt, nsamp, 2 * c.tol, true,
	    res->offset_ns, away, &f2, &t2);
	if (second > 0) {
		res->runner_up_ns = mode_of(v.p, f2, t2);
		res->runner_up = support_at(&c, res->runner_up_ns, NULL);
	}
	res->status = LOG_ALIGN_OK;

count:
	res->support = support_at(&c, res->offset_ns, resid);
	if (res->support > 0) {
		qsort(resid, res->support, sizeof(*resid), cmp_i64);
		res->spread_ns = resid[(res->support - 1) / 2];
	}
	if (res->status == LOG_ALIGN_GIVEN) {
		rc = 0;
		goto out;
	}
	if (res->support < LOG_ALIGN_MIN_SUPPORT)
		res->status = LOG_ALIGN_WEAK;
	else if ((uint64_t)res->runner_up * 10 >= (uint64_t)res->support * 9)
		res->status = LOG_ALIGN_AMBIGUOUS;
	else
		rc = 0;
out:
	free(c.ai);
	free(c.cand);
	free(macs);
	free(v.p);
	free(cnt);
	free(resid);
	return (rc);
}

/* "+5h03m02.125s", "-0.012s" */
static void
fmt_offset(int64_t ns, char *buf, size_t len)
{
	int64_t	 a = (ns < 0 ? -ns : ns) + 500000, h = a / (3600 * NS),
		 m = a / (60 * NS) % 60, ms = a / 1000000 % (60 * 1000);

	if (h > 0)
		snprintf(buf, len, "%c%lldh%02lldm%02lld.%03llds",
		    ns < 0 ? '-' : '+', (long long)h, (long long)m,
		    (long long)(ms / 1000), (long long)(ms % 1000));
	else if (m > 0)
		snprintf(buf, len, "%c%lldm%02lld.%03llds", ns < 0 ? '-' : '+',
		    (long long)m, (long long)(ms / 1000),
		    (long long)(ms % 1000));
	else
		snprintf(buf, len, "%c%lld.%03llds", ns < 0 ? '-' : '+',
		    (long long)(ms / 1000), (long long)(ms % 1000));
}

void
log_align_note(const struct log_align *a, const char *name, char *buf,
    size_t len)
{
	char	 off[48], ru[48];

	fmt_offset(a->offset_ns, off, sizeof(off));
	fmt_offset(a->runner_up_ns, ru, sizeof(ru));
	switch (a->status) {
	case LOG_ALIGN_OK:
		snprintf(buf, len, "%s: log clock is capture clock %s (%u of "
		    "%u events agree, %u client%s)", name, off, a->support,
		    a->candidates, a->clients, a->clients == 1 ? "" : "s");
		break;
	case LOG_ALIGN_GIVEN:
		snprintf(buf, len, "%s: log clock is capture clock %s as given "
		    "(%u of %u events agree)", name, off, a->support,
		    a->candidates);
		break;
	case LOG_ALIGN_NO_EVENTS:
		snprintf(buf, len, "%s: no timed event with a client in the "
		    "log: nothing to put on the capture's timeline", name);
		break;
	case LOG_ALIGN_NO_CLIENT:
		snprintf(buf, len, "%s: no logged event for a client of the "
		    "capture (%u client%s in the log, none seen on the air): "
		    "the log stays on its own clock", name, a->log_clients,
		    a->log_clients == 1 ? "" : "s");
		break;
	case LOG_ALIGN_WEAK:
		snprintf(buf, len, "%s: times cannot be aligned with the "
		    "capture (at most %u of %u events agree on an offset): "
		    "give it with --log-offset SECONDS", name, a->support,
		    a->candidates);
		break;
	case LOG_ALIGN_AMBIGUOUS:
		snprintf(buf, len, "%s: times cannot be aligned with the "
		    "capture (%s and %s fit about as well, %u and %u of %u "
		    "events): give the offset with --log-offset SECONDS", name,
		    off, ru, a->support, a->runner_up, a->candidates);
		break;
	default:
		snprintf(buf, len, "%s: not aligned", name);
		break;
	}
}
