/*
 * test_ring.c -- the SPSC ring under a producer thread that outruns the
 * consumer: every offered record is either consumed or counted as dropped,
 * and every consumed record arrives whole (sequence number and checksum of
 * its bytes) and in order.
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

struct prod {
	struct ring	*r;
	int		 wait;		/* wait for space instead of dropping */
	uint64_t	 nrec;
	uint64_t	 offered;
	uint64_t	 dropped;
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

/* Record i: length and bytes derived from i, checksum in origlen. */
static void
fill(struct ring_slot *s, uint64_t i)
{
	uint32_t	 len = 8 + (uint32_t)((i * 2654435761u) % 600);
	uint32_t	 k;

	memcpy(s->raw, &i, 8);
	for (k = 8; k < len; k++)
		s->raw[k] = (uint8_t)(i * 31 + k);
	s->rec.n = i;
	s->rec.caplen = len;
	s->rec.raw = s->raw;
	s->rec.origlen = fnv(s->raw, len);
}

static void *
producer(void *arg)
{
	struct prod		*p = arg;
	struct ring_slot	*s;
	uint64_t		 i;

	for (i = 1; i <= p->nrec; i++) {
		p->offered++;
		while ((s = ring_reserve(p->r)) == NULL && p->wait)
			sched_yield();
		if (s == NULL) {
			ring_drop(p->r);
			p->dropped++;
			continue;
		}
		fill(s, i);
		ring_commit(p->r);
	}
	atomic_store(&p->done, 1);
	return NULL;
}

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
		memcpy(&seq, s->raw, 8);
		assert_int_equal(seq, s->rec.n);
		assert_true(seq > last);	/* in order, never twice */
		assert_true(s->rec.raw == s->raw);
		assert_int_equal(fnv(s->raw, s->rec.caplen), s->rec.origlen);
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
	p.r = ring_new(256);
	assert_non_null(p.r);
	assert_int_equal(ring_size(p.r), 256);
	assert_int_equal(pthread_create(&t, NULL, producer, &p), 0);
	got = consume(&p, 2000);	/* slower than the producer */
	pthread_join(t, NULL);

	assert_int_equal(p.offered, NREC_OVERRUN);
	assert_int_equal(p.offered, got + p.dropped);
	assert_true(p.dropped > 0);	/* the test did overrun */
	assert_true(got > 0);
	assert_int_equal(ring_dropped(p.r), p.dropped);
	assert_int_equal(ring_committed(p.r), got);
	assert_int_equal(ring_consumed(p.r), got);
	assert_int_equal(ring_count(p.r), 0);
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
	p.r = ring_new(64);
	p.wait = 1;
	p.nrec = NREC_WAIT;
	assert_int_equal(pthread_create(&t, NULL, producer, &p), 0);
	got = consume(&p, 100);
	pthread_join(t, NULL);
	assert_int_equal(got, NREC_WAIT);
	assert_int_equal(p.dropped, 0);
	assert_int_equal(ring_dropped(p.r), 0);
	ring_free(p.r);
}

static void
test_full_and_empty(void **state)
{
	struct ring		*r = ring_new(5);	/* rounds up to 8 */
	struct ring_slot	*s;
	unsigned		 i;

	(void)state;
	assert_int_equal(ring_size(r), 8);
	assert_null(ring_peek(r));
	for (i = 0; i < 8; i++) {
		s = ring_reserve(r);
		assert_non_null(s);
		s->rec.n = i;
		ring_commit(r);
	}
	assert_null(ring_reserve(r));
	assert_int_equal(ring_count(r), 8);
	for (i = 0; i < 3; i++) {
		s = ring_peek(r);
		assert_int_equal(s->rec.n, i);
		ring_release(r);
	}
	/* wraps around into the released slots */
	for (i = 8; i < 11; i++) {
		s = ring_reserve(r);
		assert_non_null(s);
		s->rec.n = i;
		ring_commit(r);
	}
	assert_null(ring_reserve(r));
	for (i = 3; i < 11; i++) {
		s = ring_peek(r);
		assert_non_null(s);
		assert_int_equal(s->rec.n, i);
		ring_release(r);
	}
	assert_null(ring_peek(r));
	ring_free(r);
}

/* The consumer looks ahead (cap.c's de-duplication): only committed slots. */
static void
test_peek_nth(void **state)
{
	struct ring		*r = ring_new(4);
	struct ring_slot	*sl;
	uint64_t		 i;

	(void)state;
	assert_null(ring_peek_nth(r, 0));
	for (i = 0; i < 3; i++) {
		sl = ring_reserve(r);
		sl->rec.n = 10 + i;
		ring_commit(r);
	}
	sl = ring_reserve(r);		/* reserved, not committed */
	sl->rec.n = 99;
	for (i = 0; i < 3; i++)
		assert_int_equal(ring_peek_nth(r, i)->rec.n, 10 + i);
	assert_null(ring_peek_nth(r, 3));
	ring_release(r);
	assert_int_equal(ring_peek_nth(r, 0)->rec.n, 11);
	assert_int_equal(ring_peek_nth(r, 1)->rec.n, 12);
	assert_null(ring_peek_nth(r, 2));
	ring_commit(r);
	assert_int_equal(ring_peek_nth(r, 2)->rec.n, 99);
	/* wrapped: slot index past the end of the array */
	sl = ring_reserve(r);
	sl->rec.n = 100;
	ring_commit(r);
	assert_int_equal(ring_peek_nth(r, 3)->rec.n, 100);
	assert_null(ring_reserve(r));
	ring_free(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_full_and_empty),
		cmocka_unit_test(test_peek_nth),
		cmocka_unit_test(test_overrun_counts),
		cmocka_unit_test(test_wait_loses_nothing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
