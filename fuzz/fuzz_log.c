/*
 * fuzz_log.c -- libFuzzer target for the log readers and the alignment.
 *
 * Input: one control byte, then the log's bytes.
 *   bits 0-2  format: 1 aireos, 2 c9800, 3 hostapd, 4 wpas, else detected
 *   bits 3-5  how the bytes arrive: fed in pieces of 1, 2, 3, 7, 61 or
 *             4096 bytes, whole, or (7) written to a memfd that log_open
 *             reads (the file path: raw text read back with pread)
 *   bit 6     a year-less reference at the epoch's start instead of 2020
 *   bit 7     also align with a given offset
 * Every event must name a known kind, lie inside the input, and give back
 * at most its record's bytes as raw text; a failed input must leave one
 * line of error.  Then the events are aligned with air events made from
 * them (every third dropped, moved by hours with a jitter taken from the
 * input) and with no air at all; findings run over the events.
 *
 * Build: ./configure CC=clang --enable-fuzzing && make fuzz/fuzz_log
 */
#include <sys/mman.h>

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log/log.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const size_t pieces[] = { 1, 2, 3, 7, 61, 4096, 0 };

static struct log *
read_file(const uint8_t *data, size_t size, const struct log_opts *o,
    enum log_format f, int *fdp)
{
	char		 path[64], err[512];
	struct log	*l;
	int		 fd;

	if ((fd = memfd_create("fuzz_log", 0)) < 0)
		return (NULL);
	if (size > 0 && write(fd, data, size) != (ssize_t)size) {
		close(fd);
		return (NULL);
	}
	snprintf(path, sizeof(path), "%s/dev/fd/%d",
	    f == LOG_FMT_AUTO ? "" : f == LOG_FMT_AIREOS ? "aireos:" :
	    f == LOG_FMT_C9800 ? "c9800:" : f == LOG_FMT_HOSTAPD ? "hostapd:" :
	    "wpas:", fd);
	if ((l = log_open(path, o, err, sizeof(err))) == NULL) {
		if (strchr(err, '\n') != NULL)
			abort();
		close(fd);
		return (NULL);
	}
	while (log_read(l, 4096) == 1)
		;
	*fdp = fd;
	return (l);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct log_opts		 o;
	struct log_align_opts	 ao;
	struct log_align	 al;
	struct log_finding	 fd_[16];
	struct log_air		*air;
	const struct log_event	*ev, *e;
	const struct log_unrec	*u;
	struct log		*l;
	enum log_format		 f;
	char			 raw[8192], note[512];
	size_t			 n, i, k, piece, na = 0;
	uint8_t			 ctl;
	int			 fd = -1, r, kind;

	if (size < 1)
		return (0);
	ctl = data[0];
	data++;
	size--;
	memset(&o, 0, sizeof(o));
	o.ref_ns = (ctl & 0x40) ? 1 : 1577836800LL * 1000000000LL;
	f = (ctl & 7) >= 1 && (ctl & 7) <= 4 ? (enum log_format)(ctl & 7) :
	    LOG_FMT_AUTO;
	piece = pieces[((ctl >> 3) & 7) < 7 ? (ctl >> 3) & 7 : 6];
	if (((ctl >> 3) & 7) == 7) {
		if ((l = read_file(data, size, &o, f, &fd)) == NULL)
			return (0);
	} else {
		if ((l = log_new(f, &o)) == NULL)
			return (0);
		for (i = 0; i < size; i += k) {
			k = piece == 0 || size - i < piece ? size - i : piece;
			if (log_feed(l, data + i, k) < 0)
				break;
		}
		log_finish(l);
	}
	if (*log_error(l) != '\0' && strchr(log_error(l), '\n') != NULL)
		abort();

	n = log_nevents(l);
	ev = log_events(l);
	if (n != log_stats(l)->events || n > log_stats(l)->recognised ||
	    log_stats(l)->recognised + log_stats(l)->unrecognised !=
	    log_stats(l)->records)
		abort();
	for (i = 0; i < n; i++) {
		e = &ev[i];
		if (e->kind >= LOG_EV_N || e->kind == LOG_EV_NONE ||
		    strcmp(log_kind_name(e->kind), "unknown") == 0)
			abort();
		if (e->off > size || e->len > size - e->off + 1 ||
		    e->line == 0 || e->line > log_stats(l)->lines)
			abort();
		r = log_raw(l, e, raw, sizeof(raw));
		if (r > (int)sizeof(raw) - 1 || (r >= 0 && raw[r] != '\0'))
			abort();
		(void)log_event_failed(e);
		(void)log_pem_name(e->pem);
	}
	for (i = 0; (u = log_unrec(l, i)) != NULL; i++)
		if (u->text_len > LOG_UNREC_TEXT ||
		    u->text[u->text_len] != '\0')
			abort();

	/* air events from the log's own events: dropped, moved, jittered */
	if ((air = calloc(n + 1, sizeof(*air))) == NULL)
		goto out;
	for (i = 0; i < n; i++) {
		e = &ev[i];
		if (i % 3 == 2 ||
		    (kind = __builtin_ffs((int)log_air_set(e)) - 1) <= 0)
			continue;
		air[na].kind = (uint8_t)kind;
		air[na].t_ns = e->t_ns - 3600LL * 1000000000LL -
		    (int64_t)(size > 0 ? data[i % size] : 0) * 1000000;
		memcpy(air[na].mac, e->mac, 6);
		memcpy(air[na].bssid, e->bssid, 6);
		air[na].status = (e->flags & LOG_F_STATUS) ?
		    (uint16_t)e->status : LOG_AIR_NO_STATUS;
		na++;
	}
	memset(&ao, 0, sizeof(ao));
	log_align(ev, n, air, na, &ao, &al);
	if (al.support > al.candidates || al.clients > al.log_clients)
		abort();
	log_align_note(&al, log_name(l), note, sizeof(note));
	if (strchr(note, '\n') != NULL)
		abort();
	if (ctl & 0x80) {
		ao.given = true;
		ao.offset_ns = -3600LL * 1000000000LL;
		if (log_align(ev, n, air, na, &ao, &al) == 0 &&
		    al.status != LOG_ALIGN_GIVEN)
			abort();
	}
	log_align(ev, n, NULL, 0, &ao, &al);
	if (al.status == LOG_ALIGN_OK)
		abort();
	k = log_findings(ev, n, fd_, 16);
	for (i = 0; i < k; i++)
		if (fd_[i].count == 0 || fd_[i].first_ev > fd_[i].last_ev ||
		    fd_[i].last_ev >= n)
			abort();
	free(air);
out:
	log_close(l);
	if (fd >= 0)
		close(fd);
	return (0);
}
