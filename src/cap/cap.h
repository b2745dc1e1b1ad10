/*
 * cap.h -- capture sources, capture threads and the ring buffer.
 *
 * Every source (a file, stdin, a file still being written, a monitor
 * interface, a monitor interface created on a radio through nl80211) runs in
 * its own thread: it reads (libpcap for interfaces, our own pcap/pcapng
 * reader for everything else) and copies each record's captured bytes into
 * a lock-free single-producer/single-consumer ring, handing records on in
 * batches.  A full ring drops the record and counts it (live sources;
 * files wait).  The main thread calls cap_next(), which merges the
 * sources' rings in timestamp order, numbers the records and runs the
 * shared parser on each as it hands it out; live and offline share every
 * line after the reader.
 */
#ifndef CAP_H
#define CAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "record.h"

enum cap_kind {
	CAP_FILE,		/* pcap/pcapng file, or "-" for stdin */
	CAP_FOLLOW,		/* a file still being written (--follow) */
	CAP_IFACE,		/* an existing monitor interface (-i) */
	CAP_MONITOR,		/* -m RADIO[:CHANNEL[:WIDTH]], via nl80211 */
};

struct cap_source_info {
	enum cap_kind	 kind;
	char		 name[64];	/* file name, or interface name */
	char		 desc[96];	/* "mon0 ch36", "capture.pcap" */
	int		 dlt;
	unsigned	 freq;		/* MHz when set by -m, else 0 */
	uint64_t	 received;	/* records read by the thread */
	uint64_t	 ring_drops;	/* dropped because the ring was full */
	uint64_t	 kernel_drops;	/* pcap_stats ps_drop + ps_ifdrop */
	uint64_t	 dups;		/* copies of a frame another source
					   delivered: in received, not
					   handed out (-w keeps them) */
	bool		 ended;		/* EOF, or the interface went away */
	int		 error;		/* RS_EXIT_* when the source failed */
	char		 errmsg[256];	/* one line, set with error */
};

struct cap;

struct cap	*cap_new(void);
/*
 * Add sources.  Each returns 0, or an RS_EXIT_* code with a one-line message
 * in err (what is wrong and what to do).  Files are opened (and their link
 * type checked) here, so errors show before any screen is drawn.
 */
int		 cap_add_file(struct cap *, const char *path, bool follow,
		    char *err, size_t errlen);
int		 cap_add_iface(struct cap *, const char *ifname,
		    char *err, size_t errlen);
int		 cap_add_monitor(struct cap *, const char *spec,
		    char *err, size_t errlen);
/*
 * -w FILE: every record of every source into one pcapng, flushed ≥ 1/s;
 * "-" is stdout.  Refused (RS_EXIT_USAGE) when given twice or when FILE is
 * one of the sources (add the sources first).  A FIFO blocks until its
 * reader comes: cap_writer_waits() says beforehand that it will (and keeps
 * the FIFO open when a reader is already there, for cap_set_writer).
 */
int		 cap_set_writer(struct cap *, const char *path,
		    char *err, size_t errlen);
bool		 cap_writer_waits(struct cap *, const char *path);
/*
 * The first -w failure (a full disk, a reader gone, the close): true with
 * the one-line message.  Capture and analysis go on; nothing more is
 * written, and the file ends on a whole block.  Final after cap_stop().
 */
bool		 cap_write_failed(struct cap *, char *msg, size_t len);
/* Pace file sources by their timestamps (1.0 real time, 0 as fast as
 * possible, the default). */
void		 cap_set_replay(struct cap *, double speed);
int		 cap_start(struct cap *, char *err, size_t errlen);

/*
 * Next record in timestamp order across sources.  Returns 1 with *rec set
 * (valid until the next cap_next() call), 0 when nothing arrived within
 * timeout_ms, -1 when every source has ended and every ring is empty.
 */
int		 cap_next(struct cap *, const struct rs_rec **rec,
		    int timeout_ms);
/* A file descriptor that becomes readable when records are waiting (for
 * poll() beside the terminal), or -1. */
int		 cap_wakeup_fd(struct cap *);
/*
 * Notes for the user, one line each, in order (a followed file rotated, a
 * file lying about its snaplen, leftover interfaces removed): returns 1
 * with the next after *seen (start at 0), 0 when there is none.
 */
int		 cap_note_next(struct cap *, uint64_t *seen, char *buf,
		    size_t len);
/* Memory of one source's ring, live (-i, -m) or not. */
size_t		 cap_ring_bytes(bool live);

size_t		 cap_nsources(struct cap *);
void		 cap_source_info(struct cap *, size_t i,
		    struct cap_source_info *);
bool		 cap_live(struct cap *);	/* any interface source */
/* How far the -r files are read: bytes read of their total size (0 and 0
 * when there is none: streams, --follow, interfaces). */
void		 cap_progress(struct cap *, uint64_t *done, uint64_t *total);
/* Stop threads, flush -w, delete interfaces we created. Safe to call twice,
 * and async-signal-tolerant enough for the fatal path (see cap_emergency). */
void		 cap_stop(struct cap *);
void		 cap_free(struct cap *);
/* Delete created monitor interfaces; for atexit/fatal paths. */
void		 cap_emergency_cleanup(void);

/* --list: radios, their interfaces, modes and channels, to f. */
int		 cap_list_radios(FILE *f, char *err, size_t errlen);
/* -Z USER: drop root after captures are open (c's -w file is given to
 * the user who ran sudo; CAP_NET_ADMIN kept while c has -m interfaces). */
int		 cap_drop_privileges(struct cap *c, const char *user,
		    char *err, size_t errlen);

/*
 * Notes for callers (cap_int.h says which file does what):
 * - cap_wakeup_fd() is poked when a producer hands on records after
 *   cap_next() returned 0, so: call cap_next(.., 0) until it returns 0, then
 *   poll().  Use a poll timeout of 100 ms or less: records held back by the
 *   live reorder window (100 ms) or by replay pacing wake nobody.
 * - Records are handed on in batches: a quarter of the ring (at most 256)
 *   at a time, and whatever is there whenever a capture thread is about to
 *   wait (for input, or for room), so a quiet source's records never wait
 *   for a batch to fill.
 * - Ring size: RING_LIVE_SLOTS (8192) per live source, RING_FILE_SLOTS
 *   (2048) per file, stream or followed file, or the environment variable
 *   ROAMSCOPE_RING_SLOTS for all (read by cap_new), each with room for
 *   RING_SLOT_BYTES of captured bytes per slot on average;
 *   cap_ring_bytes() says what a ring takes.
 * - File sources ("-" included) never drop: their threads wait for space.
 *   Live sources drop when their ring is full (ring_drops).
 * - -w is written by the capture threads before the ring, so it holds every
 *   record read, dropped ones included, whole (not cut to RS_REC_MAX_BYTES),
 *   in arrival order per source (not merged: pcapng allows it), with one
 *   pcapng interface per source and input interface, each its own link
 *   type (added before its first record).
 * - Files, "-" and --follow are read by capread.c (pcapng.h): every pcapng
 *   section, in its byte order; each record carries its interface's link
 *   type (rec.dlt), its if_tsresol and if_tsoffset applied; records without
 *   a time stamp (Simple Packet Blocks) take the one before's.  A source
 *   whose every interface is of another link type is refused.
 * - --follow follows the name, as tail -F: a file truncated in place is
 *   read again from its start, one renamed and recreated is read to its
 *   end and the new one followed, one deleted is waited for; each is said
 *   in a note.
 * - A pcapng of several interfaces (-w of several adapters) is
 *   de-duplicated across them like across sources (the first copy in the
 *   file wins: a pcapng does not say which channel an interface was on);
 *   its records stay in file order.
 * - Several sources: the same 802.11 frame (MAC header and body, no radio
 *   header, no FCS; a retransmission differs in its Retry bit) received by
 *   two sources within 20 ms of each other (capture timestamps; cap.c says
 *   why 20)
 *   is delivered once; the other copies count as that source's dups.  The
 *   copy kept is the one from the source tuned to the frame's channel when
 *   a source is (-m), else the first in timestamp order.  One source: no
 *   work at all.  -w keeps every copy.
 * - cap_drop_privileges(c, NULL, ...) drops to $SUDO_USER when root (no-op
 *   otherwise); the -w file is chowned to the new user; CAP_NET_ADMIN is
 *   kept (main thread only) when -m created interfaces, to delete them.
 */

#endif /* CAP_H */
