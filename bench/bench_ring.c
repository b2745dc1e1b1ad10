/*
 * bench_ring.c -- ring throughput: one producer thread, one consumer, the
 * producer copying a 200-byte record into the ring as the capture thread
 * does (without the parser, which bench_parse measures) and publishing
 * them in batches of a quarter of the ring (at most SRC_BATCH_MAX, 256).
 *
 * usage: bench_ring [records] [slots]
 */
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cap/ring.h"
#include "rs.h"

static struct ring	*r;
static uint64_t		 nrec = 20000000;
static int		 waitmode;
static _Atomic int	 done;
static uint64_t		 p_drops;
static size_t		 batch;

static double
now(void)
{
	return (double)rs_mono_ns() / 1e9;
}

static void *
producer(void *arg)
{
	static uint8_t		 rec[200];
	struct ring_slot	*s;
	uint64_t		 i;

	(void)arg;
	for (i = 0; i < nrec; i++) {
		memcpy(rec, &i, sizeof i);
		while ((s = ring_reserve(r, sizeof rec)) == NULL) {
			ring_publish(r);
			if (!waitmode)
				break;
			sched_yield();
		}
		if (s == NULL) {
			ring_drop(r);
			p_drops++;
			continue;
		}
		memcpy(s->bytes, rec, sizeof rec);
		s->caplen = sizeof rec;
		s->ts_ns = (int64_t)i;
		ring_commit(r);
		if (ring_unpublished(r) >= batch)
			ring_publish(r);
	}
	ring_publish(r);
	atomic_store(&done, 1);
	return NULL;
}

static void
run(int wait, size_t slots)
{
	struct ring_slot	*s;
	pthread_t		 t;
	uint64_t		 got = 0, sum = 0;
	double			 t0, t1;

	r = ring_new(slots, slots * RING_SLOT_BYTES);
	batch = ring_size(r) / 4 < 256 ? ring_size(r) / 4 : 256;
	if (batch == 0)
		batch = 1;
	waitmode = wait;
	atomic_store(&done, 0);
	p_drops = 0;
	t0 = now();
	pthread_create(&t, NULL, producer, NULL);
	for (;;) {
		if ((s = ring_peek(r)) == NULL) {
			if (atomic_load(&done) && (s = ring_peek(r)) == NULL)
				break;
			continue;
		}
		sum += s->bytes[0];
		got++;
		ring_release(r);
	}
	pthread_join(t, NULL);
	t1 = now();
	printf("ring %-13s %zu slots: %ju records in %.3f s = %.2f M "
	    "records/s consumed, %ju dropped (offered = consumed + dropped: "
	    "%s) [%ju]\n", wait ? "(wait)" : "(drop if full)", slots,
	    (uintmax_t)nrec, t1 - t0, got / (t1 - t0) / 1e6,
	    (uintmax_t)ring_dropped(r),
	    nrec == got + ring_dropped(r) ? "yes" : "NO", (uintmax_t)sum);
	ring_free(r);
}

int
main(int argc, char **argv)
{
	size_t	 slots = RING_LIVE_SLOTS;

	if (argc > 1)
		nrec = strtoull(argv[1], NULL, 10);
	if (argc > 2)
		slots = strtoul(argv[2], NULL, 10);
	run(1, slots);
	run(0, slots);
	return 0;
}
