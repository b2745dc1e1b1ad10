/*
 * cap_int.h -- the capture layer's own header: what its files share.
 *
 * One section per file:
 *   cap.c	the capture's lifecycle: sources added, started, stopped, freed;
 *		notes for the user; what the caller may read of each source
 *   source.c	the capture threads: a record read by a source into its ring
 *   file.c	files, streams and --follow, read with capread.c (pcapng.h)
 *   live.c	monitor interfaces through libpcap (-i, -m)
 *   merge.c	the consumer: the sources' rings merged in timestamp order,
 *		copies heard by several sources removed, --replay pacing
 *   write.c	-w: every record of every source into one pcapng
 *   priv.c	-Z: root dropped once captures are open
 * Beside them, each with its own header: ring.c (ring.h), capread.c and
 * pcapng.c (pcapng.h), nl80211.c (nl80211.h).
 */
#ifndef CAP_INT_H
#define CAP_INT_H

#include <sys/types.h>

#include <limits.h>
#include <pthread.h>
#include <stdalign.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include <pcap/pcap.h>

#include "cap/cap.h"
#include "cap/nl80211.h"
#include "cap/pcapng.h"
#include "cap/ring.h"

/* --- cap.c: lifecycle ---------------------------------------------------- */

#define NOTES		16			/* notes kept for the caller */

/* A file, a stream or a followed file (file.c). */
struct fin {
	int		 fd;
	bool		 regular;	/* else polled (a pipe, a tty) */
	dev_t		 dev;		/* the file read now (--follow) */
	ino_t		 ino;
	char		 path[PATH_MAX];
	uint8_t		*buf;
	size_t		 size, len, off;
	uint64_t	 consumed;	/* bytes parsed, of this file */
	uint64_t	 pos;		/* bytes read, of this file */
	uint8_t		 head[256];	/* its first bytes (--follow) */
	size_t		 headlen;
	int		 ino_fd;	/* --follow: inotify, or -1 */
	int		 wd_file, wd_dir;
	struct capr	 rd;
};

struct cap_src {
	struct cap		*cap;
	size_t			 idx;
	enum cap_kind		 kind;
	char			 name[64];
	char			 desc[96];
	int			 dlt;
	int			 dlt_known;	/* files: checked */
	unsigned		 freq;
	int			 live;		/* may stall: reorder window */
	int			 offline;	/* live_add_handle */
	int			 wait_full;	/* file: wait for space */

	pcap_t			*pcap;
	struct fin		 fin;
	int64_t			 last_ts;	/* for records without one */
	int			 said_snaplen, said_gone;
	int			 new_file;	/* --follow started over */
	struct nl_monitor	 mon;
	int			 have_mon;

	/* -w: the writer's interface for each of ours (-1: none yet) */
	int			*w_if;
	size_t			 nw_if;

	/* de-duplication: the origin number of each of our interfaces */
	uint32_t		*orig;
	size_t			 norig;

	struct ring		*ring;
	pthread_t		 thr;
	int			 started;
	size_t			 batch;		/* records per publish */
	uint64_t		 size;		/* -r of a regular file: size */
	int			 roomfd;	/* poked: the ring has room */
	int			 error;		/* set before ended */
	char			 errmsg[256];

	/* the thread's own, written per record */
	alignas(64) uint64_t	 nread;		/* records read */
	int64_t			 batch_ns;	/* live: when this batch was
						   read, the records' arrival */

	/* the consumer's: read by the thread at its end */
	alignas(64) uint64_t	 dups;

	/* written once per batch or rarely, read by the consumer */
	alignas(64) _Atomic int	 want_room;	/* the thread waits for it */
	_Atomic int		 ended;
	_Atomic uint64_t	 received;	/* nread, at each publish */
	_Atomic uint64_t	 done_bytes;	/* of size, at each publish */
	_Atomic uint64_t	 kdrops;
};

struct dedup_ent;

struct cap {
	struct cap_src		**src;
	size_t			 nsrc;
	size_t			 slots;		/* 0: by kind */

	int			 efd;
	int			 stopfd;	/* readable once stopping */
	_Atomic int		 stop;
	/* written by the consumer at each sleep: a line of its own */
	alignas(64) _Atomic int	 want_wakeup;
	int			 started;
	int			 stopped;

	/* merge.c; dd is set before the threads start, and read by them */
	struct dedup_ent	*dd;		/* several origins only */
	double			 speed;
	/* the consumer's, written per record: a line of their own */
	alignas(64) uint64_t	 n;
	struct cap_src		*held;		/* slot handed out last */
	struct rs_rec		 out;		/* its record, decoded */
	int64_t			 pace_wall;	/* monotonic ns of the first */
	int64_t			 pace_ts;	/* its record time */
	int			 paced;
	uint64_t		*dd_seen;	/* DEDUP_ENTRIES x dd_words */
	size_t			 dd_words;
	uint32_t		 norigins;

	/* write.c */
	alignas(64) struct pcapng_w *w;
	char			 wpath[4096];
	int			 wfd_stdout;	/* -w -: pcapng to stdout */
	int			 wfd_fifo;	/* -w FIFO opened by the probe */
	uint32_t		 w_snaplen;	/* every interface's */
	pthread_mutex_t		 wlock;
	pthread_t		 flusher;
	int			 flusher_on;
	_Atomic int		 wfailed;	/* pcapng_error() is set */
	char			 werr[256];	/* its copy, under wlock */

	/* notes for the caller (cap_note_next), any thread adds */
	pthread_mutex_t		 nlock;
	char			 notes[NOTES][256];
	uint64_t		 nnotes;
};

/* Sleep up to ms, or until cap_stop. */
void		 cap_nap(struct cap *, int ms);
/* Wake the consumer (cap_wakeup_fd becomes readable). */
void		 cap_poke(struct cap *);
/* A one-line note for the user, from any thread. */
void		 cap_note(struct cap *, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));
struct cap_src	*cap_src_new(struct cap *, enum cap_kind, const char *name,
		    char *err, size_t errlen);
void		 cap_src_attach(struct cap *, struct cap_src *);
void		 cap_src_free(struct cap_src *);
int		 cap_linktype_error(const char *what, int dlt, char *err,
		    size_t errlen);

/* --- source.c: the capture threads --------------------------------------- */

#define SRC_BATCH_MAX	256	/* records per publish, at most */

/* Hand one record to the ring (after -w): 0, or -1 when dropped. */
int		 src_push(struct cap_src *, const struct capr_rec *);
/* The records committed so far to the consumer (before any wait). */
void		 src_publish(struct cap_src *);
void		*src_thread(void *);

/* --- file.c: files, streams, --follow ------------------------------------ */

#define FOLLOW_POLL_MS	100
#define READ_CHUNK	(256 * 1024)

void		 file_run(struct cap_src *);
void		 file_close(struct fin *);

/* --- live.c: interfaces --------------------------------------------------- */

#define LIVE_POLL_MS	100
#define LIVE_SNAPLEN	262144
#define LIVE_BUFSIZE	(8 * 1024 * 1024)

void		 live_run(struct cap_src *);
/* pcap_stats into the source's kernel drops. */
void		 live_stats(struct cap_src *);
/*
 * For benches and tests: a savefile opened with libpcap (a pipe, a file)
 * as an interface: the live path (drops when the ring is full, arrival
 * stamps, the reorder window) at libpcap's pace, ending at its end.  The
 * handle is the capture's from then on.
 */
int		 live_add_handle(struct cap *, pcap_t *, const char *name,
		    char *err, size_t errlen);

/* --- merge.c: the consumer ----------------------------------------------- */

#define REORDER_NS	(100 * 1000000LL)	/* live reorder window */
#define SPIN_NS		(50 * 1000LL)		/* look again before a sleep */

/* The digest cross-source de-duplication compares: of the 802.11 frame
 * (MAC header and body, no FCS) at p, n bytes; 0: none. */
uint64_t	 merge_digest(const uint8_t *p, size_t n);
/* Several origins may hear the same frame: before the threads start. */
int		 merge_setup(struct cap *);
void		 merge_free(struct cap *);

/* --- write.c: -w ---------------------------------------------------------- */

#define FLUSH_MS	500			/* -w flush period */

/* The writer's interface for interface ifc of s (under wlock), or -1. */
int		 w_iface(struct cap_src *, uint32_t ifc, int dlt);
/* A record read by s, whole, into the file (the capture thread). */
void		 w_record(struct cap_src *, const struct capr_rec *);
/* Keep the writer's first failure (under wlock). */
void		 w_check(struct cap *);
/* First interfaces, first flush, the flusher thread (cap_start). */
int		 w_start(struct cap *, char *err, size_t errlen);
/* After the sources' threads ended: flush, close, keep what failed. */
void		 w_stop(struct cap *);

#endif /* CAP_INT_H */
