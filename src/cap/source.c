/*
 * source.c -- the capture threads (producers), one per source.
 *
 * A thread reads its source (file.c or live.c), writes each record to -w
 * (write.c), copies it into a slot of its ring, runs d11_parse() there,
 * commits, and pokes the wakeup eventfd if the consumer said it is about to
 * sleep.  A file waits for room; a live source drops when its ring is full.
 */
#include <signal.h>
#include <string.h>
#include <time.h>

#include "cap/cap_int.h"
#include "rs.h"

int
src_push(struct cap_src *s, const struct capr_rec *in)
{
	struct cap		*c = s->cap;
	struct ring_slot	*slot;
	uint32_t		 n = in->caplen;

	w_record(s, in);
	atomic_fetch_add_explicit(&s->received, 1, memory_order_relaxed);

	while ((slot = ring_reserve(s->ring)) == NULL) {
		if (!s->wait_full) {
			ring_drop(s->ring);
			return -1;
		}
		/* A file: the consumer is slower; wait, never drop. */
		if (atomic_load(&c->stop))
			return -1;
		if (atomic_exchange(&c->want_wakeup, 0))
			cap_poke(c);
		struct timespec ts = { 0, 50000 };
		nanosleep(&ts, NULL);
	}
	if (n > RS_REC_MAX_BYTES)
		n = RS_REC_MAX_BYTES;
	memcpy(slot->raw, in->data, n);
	slot->rec.n = 0;
	slot->rec.ts_ns = in->ts_ns;
	slot->rec.src = (uint16_t)s->idx;
	slot->rec.dlt = in->dlt;
	slot->rec.caplen = n;
	slot->rec.origlen = in->origlen;
	slot->rec.cut = n < in->caplen;
	slot->rec.raw = slot->raw;
	d11_parse(in->dlt, slot->raw, n, &slot->rec.f);
	/* one source of one interface: no copies to look for */
	slot->digest = c->dd != NULL && (c->nsrc > 1 || s->fin.rd.nif > 1) ?
	    merge_digest(&slot->rec.f) : 0;
	slot->iface = in->iface;
	slot->arrival_ns = rs_mono_ns();
	ring_commit(s->ring);
	/* Pairs with the fence in cap_next: one of us sees the other. */
	atomic_thread_fence(memory_order_seq_cst);
	if (atomic_load_explicit(&c->want_wakeup, memory_order_relaxed) &&
	    atomic_exchange(&c->want_wakeup, 0))
		cap_poke(c);
	return 0;
}

void *
src_thread(void *arg)
{
	struct cap_src	*s = arg;
	sigset_t	 all;

	/* Signals belong to the main thread. */
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, NULL);

	if (s->pcap != NULL)
		live_run(s);
	else
		file_run(s);
	atomic_store_explicit(&s->ended, 1, memory_order_release);
	atomic_store(&s->cap->want_wakeup, 0);
	cap_poke(s->cap);
	return NULL;
}
