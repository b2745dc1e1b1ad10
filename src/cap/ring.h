/*
 * ring.h -- lock-free single-producer/single-consumer ring of records.
 *
 * A ring is an array of small slots (a record's lengths and stamps) and
 * an arena of bytes the records' raw bytes are packed into, each taking
 * only what was captured.  The producer (a capture thread)
 * reserves a slot with room for a record's bytes, fills it and commits it;
 * committed slots reach the consumer in batches, at ring_publish().  The
 * consumer (the main thread) peeks at the oldest published slot and
 * releases it when done.  Only head and tail are shared, each written by
 * one side (C11 acquire/release), once per batch on the producer's side.
 * The ring never blocks: ring_reserve() returns NULL when it is full and
 * the caller decides whether to drop (ring_drop) or to wait (file sources
 * only); how the two sides sleep and wake each other is the caller's.
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
 * and --follow wait for room; 2048 keep the reader a few batches ahead.
 * Bytes: RING_SLOT_BYTES per slot on average (a beacon takes ~300, a
 * data frame up to its 2 KiB), and never less than two records of
 * RS_REC_MAX_BYTES.
 */
#define RING_LIVE_SLOTS		8192
#define RING_FILE_SLOTS		2048
#define RING_SLOT_BYTES		1024

/* One record: what the capture thread read, and where its bytes are. */
struct ring_slot {
	uint8_t		*bytes;		/* room for the length reserved */
	uint64_t	 boff;		/* arena offset of bytes (ring.c) */
	int64_t		 ts_ns;		/* capture time */
	int64_t		 arrival_ns;	/* live: CLOCK_MONOTONIC when read */
	uint64_t	 digest;	/* of the 802.11 frame, 0: none */
	uint32_t	 caplen;	/* bytes at bytes */
	uint32_t	 origlen;	/* bytes on the wire */
	uint32_t	 iface;		/* the source's interface (pcapng) */
	int		 dlt;
	unsigned	 freq;		/* MHz of its radio header, 0: none
					   (with digest: de-duplication) */
	uint8_t		 cut;		/* caplen was clipped to
					   RS_REC_MAX_BYTES */
};

struct ring;

/* nslots and nbytes are rounded up to powers of two; NULL on ENOMEM. */
struct ring		*ring_new(size_t nslots, size_t nbytes);
void			 ring_free(struct ring *);
size_t			 ring_size(const struct ring *);
/* What a ring of nslots and nbytes takes. */
size_t			 ring_memory(size_t nslots, size_t nbytes);

/* Producer side. */
/* A slot with len bytes at slot->bytes, or NULL when full. */
struct ring_slot	*ring_reserve(struct ring *, size_t len);
void			 ring_commit(struct ring *);	/* the reserved one */
/* Committed slots to the consumer; returns how many, 0 when none. */
size_t			 ring_publish(struct ring *);
size_t			 ring_unpublished(const struct ring *);
void			 ring_drop(struct ring *);	/* count one drop */

/* Consumer side. */
struct ring_slot	*ring_peek(struct ring *);	/* NULL when empty */
/* The i-th published slot from the oldest (0 is ring_peek's), or NULL. */
struct ring_slot	*ring_peek_nth(struct ring *, size_t i);
void			 ring_release(struct ring *);

/* Counters, readable from any thread.  offered = committed + dropped,
 * committed counting published slots. */
uint64_t		 ring_committed(const struct ring *);
uint64_t		 ring_dropped(const struct ring *);
uint64_t		 ring_consumed(const struct ring *);
size_t			 ring_count(const struct ring *);

#endif /* RING_H */
