/*
 * ring.c -- SPSC ring (see ring.h).
 *
 * head counts commits (written by the producer only), tail counts releases
 * (written by the consumer only); both grow without wrapping in practice
 * (64 bits) and index the slots through the mask.  Each side keeps a private
 * copy of the other side's counter and reloads it only when the ring looks
 * full (or empty), so the shared cache lines move rarely.
 */
#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

#include "cap/ring.h"

#define CACHELINE	64

struct ring {
	struct ring_slot	*slots;
	size_t			 mask;

	alignas(CACHELINE) _Atomic uint64_t head;	/* producer */
	uint64_t		 p_tail;	/* producer's view of tail */
	_Atomic uint64_t	 dropped;

	alignas(CACHELINE) _Atomic uint64_t tail;	/* consumer */
	uint64_t		 c_head;	/* consumer's view of head */
};

struct ring *
ring_new(size_t nslots)
{
	struct ring	*r;
	size_t		 n = 2;

	while (n < nslots && n < ((size_t)1 << 30))
		n <<= 1;
	if ((r = aligned_alloc(CACHELINE, sizeof *r)) == NULL)
		return NULL;
	memset(r, 0, sizeof *r);
	/* calloc: pages are only touched once the ring really fills them. */
	if ((r->slots = calloc(n, sizeof *r->slots)) == NULL) {
		free(r);
		return NULL;
	}
	r->mask = n - 1;
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
	free(r);
}

size_t
ring_size(const struct ring *r)
{
	return r->mask + 1;
}

struct ring_slot *
ring_reserve(struct ring *r)
{
	uint64_t	 h = atomic_load_explicit(&r->head, memory_order_relaxed);

	if (h - r->p_tail > r->mask) {
		r->p_tail = atomic_load_explicit(&r->tail,
		    memory_order_acquire);
		if (h - r->p_tail > r->mask)
			return NULL;
	}
	return &r->slots[h & r->mask];
}

void
ring_commit(struct ring *r)
{
	uint64_t	 h = atomic_load_explicit(&r->head, memory_order_relaxed);

	atomic_store_explicit(&r->head, h + 1, memory_order_release);
}

void
ring_drop(struct ring *r)
{
	atomic_fetch_add_explicit(&r->dropped, 1, memory_order_relaxed);
}

struct ring_slot *
ring_peek(struct ring *r)
{
	uint64_t	 t = atomic_load_explicit(&r->tail, memory_order_relaxed);

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
	uint64_t	 t = atomic_load_explicit(&r->tail, memory_order_relaxed);

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
	uint64_t	 t = atomic_load_explicit(&r->tail, memory_order_relaxed);

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
