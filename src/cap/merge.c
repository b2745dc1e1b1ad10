/*
 * merge.c -- the consumer: cap_next() hands out the sources' records in
 * timestamp order.
 *
 * Peek at every ring's oldest slot and hand out the oldest record.  File
 * sources must lose nothing and merge exactly, so the consumer waits until
 * every unfinished file source has a record (and file producers wait for
 * space).  Live sources never wait: a full ring drops (and counts), and an
 * idle adapter only holds the others back by a short reorder window.
 * The same frame heard by several sources (or by several interfaces of
 * one pcapng) is handed out once; --replay paces files by their stamps.
 */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cap/cap_int.h"
#include "rs.h"

/*
 * Cross-source de-duplication window, on capture timestamps.  In the lab
 * (mac80211_hwsim under TCG) two monitor radios stamp the same frame 0.05 ms
 * apart (median), 3.3 ms at worst; USB adapters hand frames up in URB
 * batches of a few ms.  20 ms covers both with margin and stays well under
 * a beacon interval.  The cost of a wide window: two retransmissions of one
 * frame that are byte-identical (both with Retry set) less than 20 ms apart,
 * each heard by only one of two sources, count as one.
 */
#define DEDUP_WINDOW_NS	(20 * 1000000LL)
#define DEDUP_BUCKETS	4096		/* x DEDUP_WAYS recent frames */
#define DEDUP_WAYS	4
#define DEDUP_ENTRIES	(DEDUP_BUCKETS * DEDUP_WAYS)

/*
 * A recent frame: its digest and time, and who heard it (a bit per
 * origin, in c->dd_seen: dd_words 64-bit words per entry).  An origin is a
 * source, or one interface of a source that has several (a pcapng of
 * several adapters): numbered densely as they appear, so any number of
 * sources and interfaces is told apart.
 */
struct dedup_ent {
	uint64_t	 digest;	/* 0: free */
	int64_t		 ts_ns;
};

/*
 * Digest of the 802.11 frame as sent (MAC header and body, no radio header,
 * no FCS), so that copies from two adapters match whatever their radiotap
 * says; 0 when there is no header to compare.  A word at a time: this runs
 * for every frame when there are several sources.
 */
uint64_t
merge_digest(const uint8_t *p, size_t n)
{
	size_t		 i;
	uint64_t	 h = 0x9e3779b97f4a7c15ULL ^ n, w;

	if (n < 10)	/* an ACK is 10 bytes */
		return 0;
	for (i = 0; i + 8 <= n; i += 8) {
		memcpy(&w, p + i, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdULL;
		h ^= h >> 32;
	}
	w = 0;
	memcpy(&w, p + i, n - i);
	h = (h ^ w) * 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 29;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 32;
	return h != 0 ? h : 1;
}

int
merge_setup(struct cap *c)
{
	size_t	 i;
	int	 multi = c->nsrc > 1;

	/* a pcapng may hold several adapters' records */
	for (i = 0; i < c->nsrc; i++)
		if (c->src[i]->fin.rd.fmt == CAPR_PCAPNG ||
		    c->src[i]->kind == CAP_FOLLOW)
			multi = 1;
	if (!multi || c->dd != NULL)
		return 0;
	c->dd_words = 1;
	if ((c->dd = calloc(DEDUP_ENTRIES, sizeof *c->dd)) == NULL ||
	    (c->dd_seen = calloc(DEDUP_ENTRIES, sizeof *c->dd_seen)) == NULL)
		return -1;
	return 0;
}

void
merge_free(struct cap *c)
{
	free(c->dd);
	free(c->dd_seen);
	c->dd = NULL;
	c->dd_seen = NULL;
}

void
cap_set_replay(struct cap *c, double speed)
{
	c->speed = speed > 0 ? speed : 0;
}

static void
drain_efd(struct cap *c)
{
	uint64_t	 v;

	while (read(c->efd, &v, sizeof v) > 0)
		;
}

/* A moment's pause in a wait loop (the CPU's hint where it has one). */
static inline void
cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#elif defined(__aarch64__)
	__asm__ __volatile__("yield");
#endif
}

/* The clock, read once per cap_next() and only when something needs it
 * (live sources, pacing, waiting): *now is 0 until then. */
static int64_t
mono(int64_t *now)
{
	if (*now == 0)
		*now = rs_mono_ns();
	return *now;
}

/*
 * Done with the oldest record of s.  A file thread waiting for room is
 * woken once half its ring is free, so that it fills many slots per
 * wake-up.
 */
static void
release(struct cap_src *s)
{
	uint64_t	 one = 1;

	ring_release(s->ring);
	if (atomic_load_explicit(&s->want_room, memory_order_relaxed) &&
	    ring_count(s->ring) <= ring_size(s->ring) / 2 &&
	    atomic_exchange(&s->want_room, 0) &&
	    write(s->roomfd, &one, sizeof one) < 0) {
		/* EAGAIN: the counter is saturated, it wakes anyway */
	}
}

/* About to sleep: a thread waiting for room it has gets it now. */
static void
room_before_sleep(struct cap *c)
{
	struct cap_src	*s;
	uint64_t	 one = 1;
	size_t		 i;

	for (i = 0; i < c->nsrc; i++) {
		s = c->src[i];
		if (atomic_load_explicit(&s->want_room, memory_order_relaxed) &&
		    ring_count(s->ring) < ring_size(s->ring) &&
		    atomic_exchange(&s->want_room, 0) &&
		    write(s->roomfd, &one, sizeof one) < 0) {
			/* as in release() */
		}
	}
}

/*
 * Choose the next record.  Returns the source, or NULL with *wait_ns set
 * (-1: until a producer pokes) or *all_done; *file_wait when a file source
 * has nothing yet (its thread is reading).
 */
static struct cap_src *
choose(struct cap *c, int64_t *now, int64_t *wait_ns, int *all_done,
    int *file_wait)
{
	struct cap_src		*s, *best = NULL;
	struct ring_slot	*slot, *bslot = NULL;
	size_t			 i;
	int			 must_wait = 0, live_missing = 0;

	*all_done = 1;
	*wait_ns = -1;
	*file_wait = 0;
	for (i = 0; i < c->nsrc; i++) {
		s = c->src[i];
		slot = ring_peek(s->ring);
		if (slot == NULL) {
			if (!atomic_load_explicit(&s->ended,
			    memory_order_acquire))
				goto unfinished;
			/* ended: its last commit is visible now */
			if ((slot = ring_peek(s->ring)) == NULL)
				continue;
		}
		*all_done = 0;
		if (bslot == NULL || slot->ts_ns < bslot->ts_ns) {
			best = s;
			bslot = slot;
		}
		continue;
unfinished:
		*all_done = 0;
		if (s->live)
			live_missing = 1;
		else
			must_wait = 1;
	}
	*file_wait = must_wait;
	if (best == NULL || must_wait)
		return NULL;
	/*
	 * An idle live source holds the others back by the reorder window,
	 * but never until a busy ring fills: past half full, deliver.
	 */
	if (live_missing && mono(now) - bslot->arrival_ns < REORDER_NS &&
	    ring_count(best->ring) < ring_size(best->ring) / 2) {
		*wait_ns = REORDER_NS - (*now - bslot->arrival_ns);
		return NULL;
	}
	return best;
}

/* |a - b| <= w, for any two stamps a file may hold (no overflow). */
static bool
ts_near(int64_t a, int64_t b, int64_t w)
{
	uint64_t	 d = a >= b ? (uint64_t)a - (uint64_t)b :
			    (uint64_t)b - (uint64_t)a;

	return d <= (uint64_t)w;
}

/*
 * The origin number of the record in slot (its source, and its interface
 * when the source has several); -1 when out of memory.  The seen-bitmaps
 * grow a word when the origins pass a multiple of 64.
 */
static int64_t
dd_origin(struct cap *c, struct cap_src *s, const struct ring_slot *slot)
{
	uint64_t	*nv;
	uint32_t	*no;
	size_t		 n, i, k, w;

	if (slot->iface >= s->norig) {
		n = s->norig != 0 ? s->norig : 4;
		while (n <= slot->iface)
			n *= 2;
		if (n > CAPR_MAX_IFACES + 1 ||
		    (no = realloc(s->orig, n * sizeof *no)) == NULL)
			return -1;
		for (i = s->norig; i < n; i++)
			no[i] = UINT32_MAX;
		s->orig = no;
		s->norig = n;
	}
	if (s->orig[slot->iface] != UINT32_MAX)
		return s->orig[slot->iface];
	if (c->norigins == c->dd_words * 64) {
		w = c->dd_words + 1;
		if ((nv = calloc(DEDUP_ENTRIES, w * sizeof *nv)) == NULL)
			return -1;
		for (i = 0; i < DEDUP_ENTRIES; i++)
			for (k = 0; k < c->dd_words; k++)
				nv[i * w + k] = c->dd_seen[i * c->dd_words + k];
		free(c->dd_seen);
		c->dd_seen = nv;
		c->dd_words = w;
	}
	s->orig[slot->iface] = c->norigins++;
	return s->orig[slot->iface];
}

static uint64_t *
dd_seen(struct cap *c, const struct dedup_ent *e)
{
	return &c->dd_seen[(size_t)(e - c->dd) * c->dd_words];
}

static bool
dd_had(struct cap *c, const struct dedup_ent *e, uint32_t o)
{
	return (dd_seen(c, e)[o / 64] & (uint64_t)1 << (o % 64)) != 0;
}

/* The oldest remembered copy of frame d, near ts, that origin o has not
 * had. */
static struct dedup_ent *
dd_find(struct cap *c, uint64_t d, int64_t ts, uint32_t o)
{
	struct dedup_ent	*e, *best = NULL;
	int			 i;

	e = &c->dd[(d & (DEDUP_BUCKETS - 1)) * DEDUP_WAYS];
	for (i = 0; i < DEDUP_WAYS; i++, e++) {
		if (e->digest != d || dd_had(c, e, o) ||
		    !ts_near(e->ts_ns, ts, DEDUP_WINDOW_NS))
			continue;
		if (best == NULL || e->ts_ns < best->ts_ns)
			best = e;
	}
	return best;
}

static void
dd_remember(struct cap *c, uint64_t d, int64_t ts, uint32_t o)
{
	struct dedup_ent	*e, *v;
	uint64_t		*seen;
	int			 i;

	/* A free way, else the oldest (expired ones are the oldest). */
	v = e = &c->dd[(d & (DEDUP_BUCKETS - 1)) * DEDUP_WAYS];
	for (i = 0; i < DEDUP_WAYS; i++, e++) {
		if (e->digest == 0) {
			v = e;
			break;
		}
		if (e->ts_ns < v->ts_ns)
			v = e;
	}
	v->digest = d;
	v->ts_ns = ts;
	seen = dd_seen(c, v);
	memset(seen, 0, c->dd_words * sizeof *seen);
	seen[o / 64] |= (uint64_t)1 << (o % 64);
}

enum { DD_DELIVER, DD_DROP, DD_WAIT };

/*
 * The record at the head of s: a copy of a frame another source delivered
 * (drop it), a first copy (deliver and remember it), or a copy heard off
 * its channel while another source is tuned there: that one's copy is
 * preferred (its timestamps go with the rest of that channel), so drop ours
 * when it is already queued there, wait for it up to the reorder window,
 * and deliver ours when it does not come (the other adapter missed it).
 */
static int
dd_check(struct cap *c, struct cap_src *s, struct ring_slot *slot,
    int64_t *now, int64_t *wait_ns)
{
	struct dedup_ent	*e;
	struct cap_src		*t;
	struct ring_slot	*o = NULL;
	uint64_t		 d = slot->digest;
	int64_t			 ts = slot->ts_ns, org;
	unsigned		 freq = slot->freq;
	size_t			 i, k;

	if (c->dd == NULL || d == 0 || (org = dd_origin(c, s, slot)) < 0)
		return DD_DELIVER;
	if ((e = dd_find(c, d, ts, (uint32_t)org)) != NULL) {
		dd_seen(c, e)[org / 64] |= (uint64_t)1 << (org % 64);
		s->dups++;
		return DD_DROP;
	}
	if (s->freq != 0 && freq != 0 && freq != s->freq) {
		for (i = 0; i < c->nsrc; i++) {
			t = c->src[i];
			if (t == s || t->freq != freq)
				continue;
			for (k = 0; (o = ring_peek_nth(t->ring, k)) != NULL;
			    k++) {
				if (o->ts_ns > ts && !ts_near(o->ts_ns, ts,
				    DEDUP_WINDOW_NS))
					break;
				if (o->digest == d && ts_near(o->ts_ns, ts,
				    DEDUP_WINDOW_NS)) {
					s->dups++;
					return DD_DROP;
				}
			}
			if (o == NULL && !atomic_load_explicit(&t->ended,
			    memory_order_acquire) &&
			    mono(now) - slot->arrival_ns < REORDER_NS) {
				*wait_ns = REORDER_NS - (*now -
				    slot->arrival_ns);
				return DD_WAIT;
			}
		}
	}
	dd_remember(c, d, ts, (uint32_t)org);
	return DD_DELIVER;
}

/*
 * The record handed out: numbered, decoded here, by the thread that reads
 * the decoded frame next (the engine, the outputs), into the one record
 * the caller borrows until its next cap_next().
 */
static const struct rs_rec *
hand_out(struct cap *c, const struct cap_src *s, const struct ring_slot *slot)
{
	struct rs_rec	*r = &c->out;

	r->n = ++c->n;
	r->ts_ns = slot->ts_ns;
	r->src = (uint16_t)s->idx;
	r->dlt = slot->dlt;
	r->caplen = slot->caplen;
	r->origlen = slot->origlen;
	r->cut = slot->cut;
	r->raw = slot->bytes;
	d11_parse(r->dlt, r->raw, r->caplen, &r->f);
	return r;
}

/*
 * When a paced record is due (monotonic ns).  In doubles, clamped: a
 * crafted stamp or a tiny speed (--replay=1e-300) only means "much later",
 * never an overflow.
 */
static int64_t
pace_due(const struct cap *c, int64_t ts)
{
	double	 d = ((double)ts - (double)c->pace_ts) / c->speed;
	double	 lim = (double)(INT64_MAX / 4);

	if (!(d < lim))		/* also NaN */
		d = lim;
	if (d < -lim)
		d = -lim;
	return c->pace_wall + (int64_t)d;
}

int
cap_next(struct cap *c, const struct rs_rec **rec, int timeout_ms)
{
	struct cap_src		*s;
	struct ring_slot	*slot;
	struct pollfd		 pfd;
	int64_t			 now = 0, deadline = 0, wait_ns, due;
	int64_t			 spin_end = 0;
	int			 all_done, file_wait, ms, armed = 0;

	if (c->held != NULL) {
		release(c->held);
		c->held = NULL;
	}
	if (!c->started)
		return -1;
	for (;;) {
		s = choose(c, &now, &wait_ns, &all_done, &file_wait);
		if (all_done)
			return -1;
		if (s != NULL) {
			slot = ring_peek(s->ring);
			if (c->speed > 0 && !s->live) {
				if (!c->paced) {
					c->paced = 1;
					c->pace_wall = mono(&now);
					c->pace_ts = slot->ts_ns;
				}
				due = pace_due(c, slot->ts_ns);
				if (due > mono(&now)) {
					wait_ns = due - now;
					goto wait;
				}
			}
			switch (dd_check(c, s, slot, &now, &wait_ns)) {
			case DD_DROP:
				release(s);
				continue;
			case DD_WAIT:
				goto not_yet;
			}
			/* found after all: nobody needs to poke us */
			if (armed)
				atomic_store_explicit(&c->want_wakeup, 0,
				    memory_order_relaxed);
			c->held = s;
			*rec = hand_out(c, s, slot);
			return 1;
		}
not_yet:
		/*
		 * A file's thread is reading and will hand on a batch within
		 * microseconds: look again for a while before sleeping, so
		 * that it need not wake us (a wake-up costs both threads
		 * more than the batch takes, and may take the reader's CPU).
		 */
		if (!armed && file_wait && timeout_ms != 0 && wait_ns < 0) {
			if (spin_end == 0)
				spin_end = rs_mono_ns() + SPIN_NS;
			if (rs_mono_ns() < spin_end) {
				cpu_relax();
				continue;
			}
		}
		if (!armed) {
			/*
			 * Tell producers we may sleep, then look again.  What
			 * was poked before is read away first: a caller that
			 * polls cap_wakeup_fd itself and calls with timeout 0
			 * (the TUI) would otherwise find it readable for ever
			 * and spin.  A poke after this is for what comes next.
			 */
			drain_efd(c);
			atomic_store(&c->want_wakeup, 1);
			atomic_thread_fence(memory_order_seq_cst);
			room_before_sleep(c);
			armed = 1;
			continue;
		}
wait:
		if (deadline == 0)
			deadline = timeout_ms < 0 ? INT64_MAX : mono(&now) +
			    (int64_t)timeout_ms * 1000000LL;
		if (mono(&now) >= deadline)
			return 0;
		if (wait_ns < 0 || now + wait_ns > deadline)
			wait_ns = deadline == INT64_MAX ? -1 : deadline - now;
		if (wait_ns > 1000000000LL)	/* look again each second */
			wait_ns = 1000000000LL;
		ms = wait_ns < 0 ? -1 : (int)((wait_ns + 999999) / 1000000);
		pfd.fd = c->efd;
		pfd.events = POLLIN;
		if (poll(&pfd, 1, ms) == -1 && errno == EINTR)
			return 0;	/* a signal: the caller looks at it */
		drain_efd(c);
		armed = 0;
		now = 0;
	}
}

int
cap_wakeup_fd(struct cap *c)
{
	return c->efd;
}
