/*
 * ring.c -- SPSC ring (see ring.h).
 *
 * head counts published slots (written by the producer only, once per
 * batch), tail counts releases (written by the consumer only); both grow
 * without wrapping in practice (64 bits) and index the slots through the
 * mask.  Each side keeps a private copy of the other side's counter and
 * reloads it only when the ring looks full (or empty), so the shared cache
 * lines move rarely.
 *
 * The arena: a record's bytes take [boff, boff + len) of a 64-bit offset
 * that only grows, rounded to 8 and never across the arena's end (a record
 * that would be cut starts at the next lap).  The bytes in use run from the
 * oldest unreleased slot's boff to the newest's end, so a record fits when
 * its end is within the arena's size of the oldest's start.
 */
#include <stdalign.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "cap/ring.h"

#define CACHELINE	64
#define ALIGN		8

struct ring {
	struct ring_slot	*slots;
	size_t			 mask;
	uint8_t			*bytes;
	uint64_t		 bmask;

	/* shared, each written by one side; a line each */
	alignas(CACHELINE) _Atomic uint64_t head;	/* by the producer */
	alignas(CACHELINE) _Atomic uint64_t tail;	/* by the consumer */
	alignas(CACHELINE) _Atomic uint64_t dropped;	/* by the producer */

	/* the producer's own, written at every commit; p_head: committed,
	 * not all published */
	alignas(CACHELINE) uint64_t p_head;
	uint64_t		 p_pub;		/* published (head's value) */
	uint64_t		 p_tail;	/* producer's view of tail */
	uint64_t		 p_tboff;	/* boff of slot p_tail, with it */
	uint64_t		 p_bhead;	/* arena end: last commit */
	uint64_t		 p_rend;	/* arena end: reserved slot */

	/* the consumer's own */
	alignas(CACHELINE) uint64_t c_head;	/* consumer's view of head */
};

static size_t
pow2(size_t want, size_t least)
{
	size_t	 n = least;

	while (n < want && n < ((size_t)1 << 40))
		n <<= 1;
	return n;
}

static size_t
arena_size(size_t nbytes)
{
	return pow2(nbytes, pow2(2 * RS_REC_MAX_BYTES, 2));
}

size_t
ring_memory(size_t nslots, size_t nbytes)
{
	return pow2(nslots, 2) * sizeof(struct ring_slot) +
	    arena_size(nbytes);
}

struct ring *
ring_new(size_t nslots, size_t nbytes)
{
	struct ring	*r;
	size_t		 n = pow2(nslots, 2), nb = arena_size(nbytes);

	if (n > ((size_t)1 << 30))
		return NULL;
	if ((r = aligned_alloc(CACHELINE, sizeof *r)) == NULL)
		return NULL;
	memset(r, 0, sizeof *r);
	/* calloc: pages are only touched once the ring really fills them. */
	if ((r->slots = calloc(n, sizeof *r->slots)) == NULL ||
	    (r->bytes = calloc(1, nb)) == NULL) {
		free(r->slots);
		free(r);
		return NULL;
	}
	r->mask = n - 1;
	r->bmask = nb - 1;
	atomic_init(&r->head, 0);
	atomic_init(&r->tail, 0);
	atomic_init(&r->dropped, 0);
	return r;
}

void
ring_free(struct ring *r)
{
	if (r == NULL)
		return;
	free(r->slots);
	free(r->bytes);
	free(r);
}

size_t
ring_size(const struct ring *r)
{
	return r->mask + 1;
}

/* Room for one more slot whose bytes end at end, as far as p_tail says
 * (an older tail only says less). */
static bool
fits(const struct ring *r, uint64_t end)
{
	uint64_t	 h = r->p_head;

	if (h - r->p_tail > r->mask)
		return false;
	if (h == r->p_tail)
		return true;
	return end - r->p_tboff <= r->bmask + 1;
}

struct ring_slot *
ring_reserve(struct ring *r, size_t len)
{
	struct ring_slot	*s;
	uint64_t		 start = r->p_bhead, end;

	len = (len + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	if (len > r->bmask + 1)
		return NULL;
	if ((start & r->bmask) + len > r->bmask + 1)
		start = (start | r->bmask) + 1;
	end = start + len;
	if (!fits(r, end)) {
		r->p_tail = atomic_load_explicit(&r->tail,
		    memory_order_acquire);
		if (r->p_tail != r->p_head)
			r->p_tboff = r->slots[r->p_tail & r->mask].boff;
		if (!fits(r, end))
			return NULL;
	}
	s = &r->slots[r->p_head & r->mask];
	s->boff = start;
	s->bytes = r->bytes + (start & r->bmask);
	r->p_rend = end;
	return s;
}

void
ring_commit(struct ring *r)
{
	r->p_head++;
	r->p_bhead = r->p_rend;
}

size_t
ring_publish(struct ring *r)
{
	uint64_t	 h = r->p_pub;

	if (h == r->p_head)
		return 0;
	atomic_store_explicit(&r->head, r->p_head, memory_order_release);
	r->p_pub = r->p_head;
	return (size_t)(r->p_head - h);
}

size_t
ring_unpublished(const struct ring *r)
{
	return (size_t)(r->p_head - r->p_pub);
}

void
ring_drop(struct ring *r)
{
	atomic_fetch_add_explicit(&r->dropped, 1, memory_order_relaxed);
}

struct ring_slot *
ring_peek(struct ring *r)
{
	uint64_t	 t = atomic_load_explicit(&r->tail,
	    memory_order_relaxed);

	if (t == r->c_head) {
		r->c_head = atomic_load_explicit(&r->head,
		    memory_order_acquire);
		if (t == r->c_head)
			return NULL;
	}
	return &r->slots[t & r->mask];
}

struct ring_slot *
ring_peek_nth(struct ring *r, size_t i)
{
	uint64_t	 t = atomic_load_explicit(&r->tail,
	    memory_order_relaxed);

	if (r->c_head - t <= i) {
		r->c_head = atomic_load_explicit(&r->head,
		    memory_order_acquire);
		if (r->c_head - t <= i)
			return NULL;
	}
	return &r->slots[(t + i) & r->mask];
}

void
ring_release(struct ring *r)
{
	uint64_t	 t = atomic_load_explicit(&r->tail,
	    memory_order_relaxed);

	atomic_store_explicit(&r->tail, t + 1, memory_order_release);
}

uint64_t
ring_committed(const struct ring *r)
{
	return atomic_load_explicit(&((struct ring *)r)->head,
	    memory_order_acquire);
}

uint64_t
ring_dropped(const struct ring *r)
{
	return atomic_load_explicit(&((struct ring *)r)->dropped,
	    memory_order_relaxed);
}

uint64_t
ring_consumed(const struct ring *r)
{
	return atomic_load_explicit(&((struct ring *)r)->tail,
	    memory_order_acquire);
}

size_t
ring_count(const struct ring *r)
{
	return (size_t)(ring_committed(r) - ring_consumed(r));
}
