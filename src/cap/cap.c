/*
 * cap.c -- the capture's lifecycle (see cap.h and cap_int.h).
 *
 * Sources are added (file.c, live.c), started (a thread each, source.c),
 * read by the caller through the merge (merge.c), stopped and freed here.
 * Interfaces -m created are deleted on every way out: cap_stop, cap_free,
 * and cap_emergency_cleanup for exits that skip both.
 */
#include <sys/eventfd.h>

#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cap/cap_int.h"
#include "rs.h"

void
cap_nap(struct cap *c, int ms)
{
	struct pollfd	 pfd = { c->stopfd, POLLIN, 0 };

	if (!atomic_load(&c->stop))
		poll(&pfd, 1, ms);
}

void
cap_poke(struct cap *c)
{
	uint64_t	 one = 1;

	if (write(c->efd, &one, sizeof one) < 0) {
		/* EAGAIN: the counter is saturated, reader wakes anyway */
	}
}

void
cap_note(struct cap *c, const char *fmt, ...)
{
	va_list	 ap;

	pthread_mutex_lock(&c->nlock);
	va_start(ap, fmt);
	vsnprintf(c->notes[c->nnotes % NOTES], sizeof c->notes[0], fmt, ap);
	va_end(ap);
	c->nnotes++;
	pthread_mutex_unlock(&c->nlock);
	cap_poke(c);
}

int
cap_note_next(struct cap *c, uint64_t *seen, char *buf, size_t len)
{
	int	 rc = 0;

	pthread_mutex_lock(&c->nlock);
	if (*seen + NOTES < c->nnotes)
		*seen = c->nnotes - NOTES;	/* older ones were lost */
	if (*seen < c->nnotes) {
		snprintf(buf, len, "%s", c->notes[*seen % NOTES]);
		(*seen)++;
		rc = 1;
	}
	pthread_mutex_unlock(&c->nlock);
	return rc;
}

size_t
cap_ring_bytes(bool live)
{
	size_t	 n = live ? RING_LIVE_SLOTS : RING_FILE_SLOTS;

	return ring_memory(n, n * RING_SLOT_BYTES);
}

struct cap *
cap_new(void)
{
	struct cap	*c;
	const char	*e;

	if ((c = calloc(1, sizeof *c)) == NULL)
		return NULL;
	c->efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	c->stopfd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (c->efd == -1 || c->stopfd == -1) {
		if (c->efd != -1)
			close(c->efd);
		free(c);
		return NULL;
	}
	if ((e = getenv("ROAMSCOPE_RING_SLOTS")) != NULL && atoi(e) > 1)
		c->slots = (size_t)atoi(e);
	pthread_mutex_init(&c->wlock, NULL);
	pthread_mutex_init(&c->nlock, NULL);
	c->wfd_stdout = -1;
	c->wfd_fifo = -1;
	atexit(cap_emergency_cleanup);
	return c;
}

struct cap_src *
cap_src_new(struct cap *c, enum cap_kind kind, const char *name,
    char *err, size_t errlen)
{
	struct cap_src	*s, **v;

	if (c->started) {
		snprintf(err, errlen, "sources must be added before start");
		return NULL;
	}
	if (c->nsrc >= 0xffff) {
		snprintf(err, errlen, "too many sources");
		return NULL;
	}
	if ((s = calloc(1, sizeof *s)) == NULL ||
	    (v = realloc(c->src, (c->nsrc + 1) * sizeof *v)) == NULL) {
		free(s);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	c->src = v;
	if ((s->roomfd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) == -1) {
		free(s);
		snprintf(err, errlen, "eventfd: %s", strerror(errno));
		return NULL;
	}
	s->cap = c;
	s->kind = kind;
	s->fin.fd = -1;
	s->fin.ino_fd = s->fin.wd_file = s->fin.wd_dir = -1;
	s->dlt = -1;
	snprintf(s->name, sizeof s->name, "%s", name);
	snprintf(s->desc, sizeof s->desc, "%s", name);
	return s;
}

void
cap_src_free(struct cap_src *s)
{
	if (s == NULL)
		return;
	if (s->pcap != NULL)
		pcap_close(s->pcap);
	file_close(&s->fin);
	close(s->roomfd);
	free(s->w_if);
	free(s->orig);
	ring_free(s->ring);
	free(s);
}

void
cap_src_attach(struct cap *c, struct cap_src *s)
{
	s->idx = c->nsrc;
	c->src[c->nsrc++] = s;
}

int
cap_linktype_error(const char *what, int dlt, char *err, size_t errlen)
{
	const char	*name = pcap_datalink_val_to_name(dlt);

	snprintf(err, errlen, "%s: link type %s (%d) is not 802.11; roamscope "
	    "reads %s", what, name != NULL ? name : "unknown", dlt,
	    D11_DLT_LIST);
	return RS_EXIT_LINKTYPE;
}

int
cap_start(struct cap *c, char *err, size_t errlen)
{
	struct cap_src	*s;
	size_t		 i, slots;
	int		 rc;

	if (c->started) {
		snprintf(err, errlen, "capture already started");
		return RS_EXIT_INTERNAL;
	}
	for (i = 0; i < c->nsrc; i++) {
		s = c->src[i];
		/* A file waits for room: it needs no seconds of buffer. */
		slots = c->slots != 0 ? c->slots : s->pcap != NULL ?
		    RING_LIVE_SLOTS : RING_FILE_SLOTS;
		if ((s->ring = ring_new(slots, slots * RING_SLOT_BYTES)) ==
		    NULL) {
			snprintf(err, errlen, "out of memory for %zu ring "
			    "slots", slots);
			return RS_EXIT_INTERNAL;
		}
		/* a quarter of the ring per wake-up of the consumer */
		s->batch = ring_size(s->ring) / 4;
		if (s->batch > SRC_BATCH_MAX)
			s->batch = SRC_BATCH_MAX;
		if (s->batch == 0)
			s->batch = 1;
	}
	if ((rc = w_start(c, err, errlen)) != 0)
		return rc;
	if (merge_setup(c) != 0) {
		snprintf(err, errlen, "out of memory");
		return RS_EXIT_INTERNAL;
	}
	c->started = 1;
	for (i = 0; i < c->nsrc; i++) {
		s = c->src[i];
		if ((rc = pthread_create(&s->thr, NULL, src_thread, s)) != 0) {
			snprintf(err, errlen, "cannot start a capture thread: "
			    "%s", strerror(rc));
			return RS_EXIT_INTERNAL;
		}
		s->started = 1;
	}
	return 0;
}

size_t
cap_nsources(struct cap *c)
{
	return c->nsrc;
}

void
cap_source_info(struct cap *c, size_t i, struct cap_source_info *info)
{
	struct cap_src	*s;

	memset(info, 0, sizeof *info);
	if (i >= c->nsrc)
		return;
	s = c->src[i];
	info->kind = s->kind;
	snprintf(info->name, sizeof info->name, "%s", s->name);
	snprintf(info->desc, sizeof info->desc, "%s", s->desc);
	info->dlt = s->dlt;
	info->freq = s->freq;
	info->received = atomic_load(&s->received);
	info->ring_drops = s->ring != NULL ? ring_dropped(s->ring) : 0;
	info->kernel_drops = atomic_load(&s->kdrops);
	info->dups = s->dups;
	info->ended = atomic_load_explicit(&s->ended, memory_order_acquire);
	if (info->ended && s->error != 0) {
		info->error = s->error;
		snprintf(info->errmsg, sizeof info->errmsg, "%s", s->errmsg);
	}
}

void
cap_progress(struct cap *c, uint64_t *done, uint64_t *total)
{
	size_t	 i;

	*done = *total = 0;
	for (i = 0; i < c->nsrc; i++) {
		if (c->src[i]->size == 0)
			continue;
		*total += c->src[i]->size;
		*done += atomic_load_explicit(&c->src[i]->done_bytes,
		    memory_order_relaxed);
	}
}

bool
cap_live(struct cap *c)
{
	size_t	 i;

	for (i = 0; i < c->nsrc; i++)
		if (c->src[i]->kind == CAP_IFACE ||
		    c->src[i]->kind == CAP_MONITOR)
			return true;
	return false;
}

void
cap_stop(struct cap *c)
{
	struct cap_src	*s;
	char		 e[256];
	uint64_t	 one;
	size_t		 i;

	if (c == NULL || c->stopped)
		return;
	c->stopped = 1;
	atomic_store(&c->stop, 1);
	/* Every reader and the flusher poll stopfd beside their input. */
	one = 1;
	if (write(c->stopfd, &one, sizeof one) < 0) {
		/* cannot fail on a fresh eventfd; they look each 100 ms */
	}
	for (i = 0; i < c->nsrc; i++) {
		s = c->src[i];
		if (!s->started)
			continue;
		pthread_join(s->thr, NULL);
		s->started = 0;
		if (s->pcap != NULL && s->live)
			live_stats(s);
	}
	w_stop(c);
	for (i = 0; i < c->nsrc; i++) {
		s = c->src[i];
		if (s->have_mon) {
			if (s->pcap != NULL) {
				pcap_close(s->pcap);
				s->pcap = NULL;
			}
			nl80211_delete_monitor(&s->mon, e, sizeof e);
			s->have_mon = 0;
		}
	}
}

void
cap_free(struct cap *c)
{
	char	 e[256];
	size_t	 i;

	if (c == NULL)
		return;
	if (c->started)
		cap_stop(c);
	for (i = 0; i < c->nsrc; i++) {
		if (c->src[i]->have_mon)
			nl80211_delete_monitor(&c->src[i]->mon, e, sizeof e);
		cap_src_free(c->src[i]);
	}
	free(c->src);
	merge_free(c);
	if (c->w != NULL)
		pcapng_close(c->w, NULL, 0);
	if (c->wfd_fifo != -1)
		close(c->wfd_fifo);
	close(c->efd);
	close(c->stopfd);
	pthread_mutex_destroy(&c->wlock);
	pthread_mutex_destroy(&c->nlock);
	free(c);
}

void
cap_emergency_cleanup(void)
{
	nl80211_emergency_cleanup();
}

int
cap_list_radios(FILE *f, char *err, size_t errlen)
{
	return nl80211_list(f, err, errlen);
}
