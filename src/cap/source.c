/*
 * source.c -- the capture threads (producers), one per source.
 *
 * A thread reads its source (file.c or live.c), writes each record to -w
 * (write.c), copies its captured bytes into its ring and commits; the
 * consumer decodes them (d11_parse, merge.c), so that the decoded frame is
 * written and read by one CPU (a frame decoded here would cross to the
 * consumer's cache and back for every record).  Committed records reach
 * the consumer in batches (src_publish): every s->batch records, and whenever the thread is about
 * to wait (for input, or for room), so that the consumer takes many records
 * per wake-up and a quiet source's last records are not held back.  The
 * consumer is woken only when it said it sleeps (want_wakeup).
 *
 * A full ring: a live source publishes, then drops the record (and counts
 * it); a file waits for the consumer to free half of it (want_room, roomfd),
 * never dropping.  Time is read once per batch, for live sources only (the
 * merge's reorder window); a file's records carry none.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "cap/cap_int.h"
#include "rs.h"

#define ROOM_POLL_MS	100	/* look again even if no poke came */

void
src_publish(struct cap_src *s)
{
	struct cap	*c = s->cap;

	atomic_store_explicit(&s->received, s->nread, memory_order_relaxed);
	if (s->fin.regular)
		atomic_store_explicit(&s->done_bytes, s->fin.consumed,
		    memory_order_relaxed);
	if (ring_publish(s->ring) == 0)
		return;
	/* what follows is a new batch: its arrival */
	if (s->live)
		s->batch_ns = rs_mono_ns();
	/* Pairs with the fence in cap_next: one of us sees the other. */
	atomic_thread_fence(memory_order_seq_cst);
	if (atomic_load_explicit(&c->want_wakeup, memory_order_relaxed) &&
	    atomic_exchange(&c->want_wakeup, 0))
		cap_poke(c);
}

/*
 * A file's ring is full: sleep until the consumer has made room (it pokes
 * roomfd once half the ring is free) or the capture stops.  -1 when
 * stopping.
 */
static int
wait_room(struct cap_src *s, size_t len)
{
	struct cap		*c = s->cap;
	struct pollfd		 pfd[2];
	struct ring_slot	*slot;
	uint64_t		 v;

	pfd[0].fd = s->roomfd;
	pfd[0].events = POLLIN;
	pfd[1].fd = c->stopfd;
	pfd[1].events = POLLIN;
	atomic_store(&s->want_room, 1);
	/* Pairs with the consumer's fence before it sleeps. */
	atomic_thread_fence(memory_order_seq_cst);
	if ((slot = ring_reserve(s->ring, len)) == NULL &&
	    !atomic_load(&c->stop))
		poll(pfd, 2, ROOM_POLL_MS);
	atomic_store(&s->want_room, 0);
	while (read(s->roomfd, &v, sizeof v) > 0)
		;
	return atomic_load(&c->stop) ? -1 : 0;
}

/*
 * What de-duplication compares (several sources, or a pcapng of several
 * interfaces): the digest of the 802.11 frame past its radio header and
 * FCS, and the channel its radio header names.  Only the radio header is
 * parsed here; the frame is decoded by the consumer (merge.c).
 */
static void
dedup_key(struct ring_slot *slot)
{
	struct d11_radio	 radio;
	size_t			 hl, n = slot->caplen;
	bool			 fcs, bad;

	slot->digest = 0;
	slot->freq = 0;
	if (d11_parse_radio(slot->dlt, slot->bytes, n, &radio, &hl, &fcs,
	    &bad) != D11_OK)
		return;
	n -= hl;
	if (fcs && n >= 4)
		n -= 4;
	slot->digest = merge_digest(slot->bytes + hl, n);
	slot->freq = radio.freq;
}

int
src_push(struct cap_src *s, const struct capr_rec *in)
{
	struct cap		*c = s->cap;
	struct ring_slot	*slot;
	uint32_t		 n = in->caplen;

	w_record(s, in);
	s->nread++;
	if (n > RS_REC_MAX_BYTES)
		n = RS_REC_MAX_BYTES;
	while ((slot = ring_reserve(s->ring, n)) == NULL) {
		/* what is there is the consumer's now, whatever comes */
		src_publish(s);
		if (!s->wait_full) {
			ring_drop(s->ring);
			return -1;
		}
		if (wait_room(s, n) == -1)
			return -1;
	}
	/* gcc inlines a memcpy it knows the bound of as rep movsq, slow
	 * for a few hundred bytes: hide the bound, libc's memcpy runs */
	__asm__("" : "+r"(n));
	memcpy(slot->bytes, in->data, n);
	slot->ts_ns = in->ts_ns;
	slot->dlt = in->dlt;
	slot->caplen = n;
	slot->origlen = in->origlen;
	slot->cut = n < in->caplen;
	slot->iface = in->iface;
	slot->arrival_ns = s->batch_ns;
	/* one source of one interface: no copies to look for */
	if (c->dd != NULL && (c->nsrc > 1 || s->fin.rd.nif > 1))
		dedup_key(slot);
	else
		slot->digest = 0;
	ring_commit(s->ring);
	if (ring_unpublished(s->ring) >= s->batch)
		src_publish(s);
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
	src_publish(s);
	atomic_store_explicit(&s->ended, 1, memory_order_release);
	atomic_store(&s->cap->want_wakeup, 0);
	cap_poke(s->cap);
	return NULL;
}
