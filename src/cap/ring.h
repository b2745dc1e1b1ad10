/*
 * ring.h -- lock-free single-producer/single-consumer ring of record slots.
 *
 * Each slot holds a struct rs_rec and room for RS_REC_MAX_BYTES of raw
 * bytes: the producer (a capture thread) reserves a slot, copies the record
 * into it, runs the parser there and commits; the consumer (the main thread)
 * peeks at the oldest slot and releases it when done.  Only head and tail
 * are shared, each written by one side (C11 acquire/release).  The ring
 * never blocks: ring_reserve() returns NULL when full and the caller decides
 * whether to drop (ring_drop) or to wait (file sources only).
 */
#ifndef RING_H
#define RING_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "record.h"

/*
 * Slots per ring.  A live source cannot wait: its ring absorbs the
 * consumer's pauses (a redraw, a burst), 8192 frames.  A file, a stream
 * and --follow wait for room, so a few hundred keep the reader ahead.
 */
#define RING_LIVE_SLOTS		8192
#define RING_FILE_SLOTS		512

struct ring_slot {
	struct rs_rec	 rec;		/* rec.raw points at raw below */
	int64_t		 arrival_ns;	/* CLOCK_MONOTONIC when committed */
	uint64_t	 digest;	/* of the 802.11 frame, 0: none (cap.c) */
	uint32_t	 iface;		/* the source's interface (pcapng) */
	uint8_t		 raw[RS_REC_MAX_BYTES];
};

struct ring;

/* nslots is rounded up to a power of two (at least 2); NULL on ENOMEM. */
struct ring		*ring_new(size_t nslots);
void			 ring_free(struct ring *);
size_t			 ring_size(const struct ring *);

/* Producer side. */
struct ring_slot	*ring_reserve(struct ring *);	/* NULL when full */
void			 ring_commit(struct ring *);
void			 ring_drop(struct ring *);	/* count one drop */

/* Consumer side. */
struct ring_slot	*ring_peek(struct ring *);	/* NULL when empty */
/* The i-th committed slot from the oldest (0 is ring_peek's), or NULL. */
struct ring_slot	*ring_peek_nth(struct ring *, size_t i);
void			 ring_release(struct ring *);

/* Counters, readable from any thread. offered = committed + dropped. */
uint64_t		 ring_committed(const struct ring *);
uint64_t		 ring_dropped(const struct ring *);
uint64_t		 ring_consumed(const struct ring *);
size_t			 ring_count(const struct ring *);

#endif /* RING_H */
