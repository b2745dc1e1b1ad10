/*
 * test_ring.c -- the SPSC ring under a producer thread that outruns the
 * consumer and publishes in batches: every offered record is either
 * consumed or counted as dropped, every consumed record arrives whole
 * (sequence number, length and checksum of its bytes, packed in the arena
 * up to a whole RS_REC_MAX_BYTES) and in order, and nothing is seen before
 * it is published.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>

#include <cmocka.h>

#include "cap/ring.h"

#define NREC_OVERRUN	1000000ULL
#define NREC_WAIT	200000ULL
#define MAX_LEN		RS_REC_MAX_BYTES

struct prod {
	struct ring	*r;
	int		 wait;		/* wait for space instead of dropping */
	uint64_t	 nrec;
	uint64_t	 offered;
	uint64_t	 dropped;
	uint64_t	 batches;	/* ring_publish calls that published */
	_Atomic int	 done;
};

static uint32_t
fnv(const uint8_t *p, size_t n)
{
	uint32_t	 h = 2166136261u;

	while (n-- > 0)
		h = (h ^ *p++) * 16777619u;
	return h;
}

/* Record i's length: mostly short, some up to a whole slot's worth. */
static uint32_t
rec_len(uint64_t i)
{
	uint32_t	 x = (uint32_t)(i * 2654435761u);

	return 8 + (x % 16 == 0 ? x % (MAX_LEN - 8) : x % 600);
}

/* Record i: its bytes derived from i, checksum in origlen. */
static void
fill(struct ring_slot *s, uint64_t i, uint32_t len)
{
	uint32_t	 k;

	memcpy(s->bytes, &i, 8);
	for (k = 8; k < len; k++)
		s->bytes[k] = (uint8_t)(i * 31 + k);
	s->ts_ns = (int64_t)i;
	s->caplen = len;
	s->origlen = fnv(s->bytes, len);
}

/* Batches of 1 to 64 records, as a capture thread publishes them. */
static void *
producer(void *arg)
{
	struct prod		*p = arg;
	struct ring_slot	*s;
	uint64_t		 i, batch = 1;
	uint32_t		 len;

	for (i = 1; i <= p->nrec; i++) {
		p->offered++;
		len = rec_len(i);
		while ((s = ring_reserve(p->r, len)) == NULL) {
			if (ring_publish(p->r) != 0)
				p->batches++;
			if (!p->wait)
				break;
			sched_yield();
		}
		if (s == NULL) {
			ring_drop(p->r);
			p->dropped++;
			continue;
		}
		fill(s, i, len);
		ring_commit(p->r);
		if (ring_unpublished(p->r) >= batch) {
			if (ring_publish(p->r) != 0)
				p->batches++;
			batch = 1 + (i * 40503u) % 64;
		}
	}
	if (ring_publish(p->r) != 0)
		p->batches++;
	atomic_store(&p->done, 1);
	return NULL;
}

static void
check_slot(const struct ring_slot *s)
{
	uint64_t	 seq;

	memcpy(&seq, s->bytes, 8);
	assert_int_equal(seq, (uint64_t)s->ts_ns);
	assert_int_equal(s->caplen, rec_len(seq));
	assert_int_equal(fnv(s->bytes, s->caplen), s->origlen);
}

/* Take everything there is at each look, as cap_next's caller does. */
static uint64_t
consume(struct prod *p, unsigned slow)
{
	struct ring_slot	*s;
	uint64_t		 got = 0, last = 0, seq;
	volatile unsigned	 spin;

	for (;;) {
		if ((s = ring_peek(p->r)) == NULL) {
			if (atomic_load(&p->done) &&
			    (s = ring_peek(p->r)) == NULL)
				break;
			if (s == NULL)
				continue;
		}
		check_slot(s);
		memcpy(&seq, s->bytes, 8);
		assert_true(seq > last);	/* in order, never twice */
		last = seq;
		got++;
		for (spin = 0; spin < slow; spin++)
			;
		ring_release(p->r);
	}
	assert_int_equal(last, p->wait ? p->nrec : last);
	return got;
}

static void
test_overrun_counts(void **state)
{
	struct prod	 p;
	pthread_t	 t;
	uint64_t	 got;

	(void)state;
	memset(&p, 0, sizeof p);
	p.nrec = NREC_OVERRUN;
	p.r = ring_new(256, 256 * 512);
	assert_non_null(p.r);
	assert_int_equal(ring_size(p.r), 256);
	assert_int_equal(pthread_create(&t, NULL, producer, &p), 0);
	got = consume(&p, 2000);	/* slower than the producer */
	pthread_join(t, NULL);

	assert_int_equal(p.offered, NREC_OVERRUN);
	assert_int_equal(p.offered, got + p.dropped);
	assert_true(p.dropped > 0);	/* the test did overrun */
	assert_true(got > 0);
	assert_true(p.batches < got);	/* and published in batches */
	assert_int_equal(ring_dropped(p.r), p.dropped);
	assert_int_equal(ring_committed(p.r), got);
	assert_int_equal(ring_consumed(p.r), got);
	assert_int_equal(ring_count(p.r), 0);
	assert_int_equal(ring_unpublished(p.r), 0);
	ring_free(p.r);
}

static void
test_wait_loses_nothing(void **state)
{
	struct prod	 p;
	pthread_t	 t;
	uint64_t	 got;

	(void)state;
	memset(&p, 0, sizeof p);
	/* the arena, not the slots, fills first with long records */
	p.r = ring_new(64, 2 * MAX_LEN);
	p.wait = 1;
	p.nrec = NREC_WAIT;
	assert_int_equal(pthread_create(&t, NULL, producer, &p), 0);
	got = consume(&p, 100);
	pthread_join(t, NULL);
	assert_int_equal(got, NREC_WAIT);
	assert_int_equal(p.dropped, 0);
	assert_int_equal(ring_dropped(p.r), 0);
	assert_int_equal(ring_committed(p.r), NREC_WAIT);
	assert_true(p.batches < got);
	ring_free(p.r);
}

static void
test_full_and_empty(void **state)
{
	struct ring		*r = ring_new(5, 0);	/* rounds up to 8 */
	struct ring_slot	*s;
	unsigned		 i;

	(void)state;
	assert_int_equal(ring_size(r), 8);
	assert_null(ring_peek(r));
	for (i = 0; i < 8; i++) {
		s = ring_reserve(r, 16);
		assert_non_null(s);
		s->ts_ns = i;
		ring_commit(r);
	}
	assert_null(ring_reserve(r, 16));
	/* committed is not published: the consumer sees none yet */
	assert_null(ring_peek(r));
	assert_int_equal(ring_count(r), 0);
	assert_int_equal(ring_unpublished(r), 8);
	assert_int_equal(ring_publish(r), 8);
	assert_int_equal(ring_publish(r), 0);
	assert_int_equal(ring_count(r), 8);
	for (i = 0; i < 3; i++) {
		s = ring_peek(r);
		assert_int_equal(s->ts_ns, i);
		ring_release(r);
	}
	/* wraps around into the released slots */
	for (i = 8; i < 11; i++) {
		s = ring_reserve(r, 16);
		assert_non_null(s);
		s->ts_ns = i;
		ring_commit(r);
	}
	assert_null(ring_reserve(r, 16));
	ring_publish(r);
	for (i = 3; i < 11; i++) {
		s = ring_peek(r);
		assert_non_null(s);
		assert_int_equal(s->ts_ns, i);
		ring_release(r);
	}
	assert_null(ring_peek(r));
	ring_free(r);
}

/*
 * The arena: a record takes its own length (rounded to 8), never wraps
 * across the arena's end, and a full arena refuses a record while slots
 * are free, until the oldest is released.
 */
static void
test_arena(void **state)
{
	struct ring		*r = ring_new(64, 2 * MAX_LEN);
	struct ring_slot	*a, *b, *c;
	size_t			 arena = 2 * MAX_LEN;

	(void)state;
	a = ring_reserve(r, 100);
	assert_non_null(a);
	ring_commit(r);
	b = ring_reserve(r, 3);
	assert_non_null(b);
	assert_ptr_equal(b->bytes, a->bytes + 104);	/* packed */
	ring_commit(r);
	/* the rest of the arena but 8 bytes short of its end */
	c = ring_reserve(r, arena - 104 - 8 - 8);
	assert_non_null(c);
	assert_ptr_equal(c->bytes, b->bytes + 8);
	ring_commit(r);
	/* 16 bytes do not fit before the end; at the start they overlap a */
	assert_null(ring_reserve(r, 16));
	ring_publish(r);
	assert_ptr_equal(ring_peek(r), a);
	ring_release(r);
	c = ring_reserve(r, 16);	/* in a's place, at the start */
	assert_non_null(c);
	assert_ptr_equal(c->bytes, a->bytes);
	ring_commit(r);
	/* a whole record (RS_REC_MAX_BYTES) always fits an empty ring */
	ring_publish(r);
	while (ring_peek(r) != NULL)
		ring_release(r);
	assert_non_null(ring_reserve(r, MAX_LEN));
	ring_free(r);
}

/* The consumer looks ahead (merge.c's de-duplication): only published
 * slots. */
static void
test_peek_nth(void **state)
{
	struct ring		*r = ring_new(4, 0);
	struct ring_slot	*sl;
	uint64_t		 i;

	(void)state;
	assert_null(ring_peek_nth(r, 0));
	for (i = 0; i < 3; i++) {
		sl = ring_reserve(r, 8);
		sl->ts_ns = 10 + i;
		ring_commit(r);
	}
	assert_null(ring_peek_nth(r, 0));	/* not published */
	ring_publish(r);
	sl = ring_reserve(r, 8);		/* reserved, not committed */
	sl->ts_ns = 99;
	for (i = 0; i < 3; i++)
		assert_int_equal(ring_peek_nth(r, i)->ts_ns, 10 + i);
	assert_null(ring_peek_nth(r, 3));
	ring_release(r);
	assert_int_equal(ring_peek_nth(r, 0)->ts_ns, 11);
	assert_int_equal(ring_peek_nth(r, 1)->ts_ns, 12);
	assert_null(ring_peek_nth(r, 2));
	ring_commit(r);
	assert_null(ring_peek_nth(r, 2));	/* committed, not published */
	ring_publish(r);
	assert_int_equal(ring_peek_nth(r, 2)->ts_ns, 99);
	/* wrapped: slot index past the end of the array */
	sl = ring_reserve(r, 8);
	sl->ts_ns = 100;
	ring_commit(r);
	ring_publish(r);
	assert_int_equal(ring_peek_nth(r, 3)->ts_ns, 100);
	assert_null(ring_reserve(r, 8));
	ring_free(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_full_and_empty),
		cmocka_unit_test(test_arena),
		cmocka_unit_test(test_peek_nth),
		cmocka_unit_test(test_overrun_counts),
		cmocka_unit_test(test_wait_loses_nothing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
