/*
 * cap.c -- capture sources, one thread each, merged in timestamp order.
 *
 * Producer (one thread per source): read a record (libpcap for interfaces,
 * our own reader, capread.c, for files, streams and --follow), write it to
 * -w under the writer lock, copy it into a ring slot, run d11_parse() there,
 * commit, and poke the wakeup eventfd if the consumer said it is about to
 * sleep.
 *
 * Consumer (the caller of cap_next): peek at every ring's oldest slot and
 * hand out the oldest record.  File sources must lose nothing and merge
 * exactly, so the consumer waits until every unfinished file source has a
 * record and file producers wait for space.  Live sources never wait: a
 * full ring drops (and counts), and an idle adapter only holds the others
 * back by a short reorder window.
 */
#include <sys/eventfd.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>

#include <linux/capability.h>

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <pcap/pcap.h>

#include "cap/cap.h"
#include "cap/nl80211.h"
#include "cap/pcapng.h"
#include "cap/ring.h"
#include "rs.h"

#define REORDER_NS	(100 * 1000000LL)	/* live reorder window */

/*
 * Cross-source de-duplication window, on capture timestamps.  In the lab
 * (mac80211_hwsim under TCG) two monitor radios stamp the same frame 0.05 ms
 * apart (median), 3.3 ms at worst; USB adapters hand frames up in URB
 * batches of a few ms.  20 ms covers both with margin and stays well under
 * a beacon interval.  The cost of a wide window: two retransmissions of one
 * frame that are byte-identical (both with Retry set) less than 20 ms apart,
 * each heard by only one of two sources, count as one.
 */
#define DEDUP_WINDOW_NS	(20 * 1000000LL)
#define DEDUP_BUCKETS	4096		/* x DEDUP_WAYS recent frames */
#define DEDUP_WAYS	4
#define DEDUP_ENTRIES	(DEDUP_BUCKETS * DEDUP_WAYS)

/*
 * A recent frame: its digest and time, and who heard it (a bit per
 * origin, in c->dd_seen: dd_words 64-bit words per entry).  An origin is a
 * source, or one interface of a source that has several (a pcapng of
 * several adapters): numbered densely as they appear, so any number of
 * sources and interfaces is told apart.
 */
struct dedup_ent {
	uint64_t	 digest;	/* 0: free */
	int64_t		 ts_ns;
};

#define FLUSH_MS	500			/* -w flush period */
#define LIVE_POLL_MS	100
#define FOLLOW_POLL_MS	100
#define LIVE_SNAPLEN	262144
#define LIVE_BUFSIZE	(8 * 1024 * 1024)
#define READ_CHUNK	(256 * 1024)
#define NOTES		16			/* notes kept for the caller */

/* A file, a stream or a followed file, read by capread.c. */
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
	_Atomic int		 ended;
	_Atomic uint64_t	 received;
	_Atomic uint64_t	 kdrops;
	uint64_t		 dups;		/* consumer only */
	int			 error;		/* set before ended */
	char			 errmsg[256];
};

struct cap {
	struct cap_src		**src;
	size_t			 nsrc;
	size_t			 slots;		/* 0: by kind */

	int			 efd;
	int			 stopfd;	/* readable once stopping */
	_Atomic int		 want_wakeup;
	_Atomic int		 stop;
	int			 started;
	int			 stopped;

	double			 speed;
	int64_t			 pace_wall;	/* monotonic ns of the first */
	int64_t			 pace_ts;	/* its record time */
	int			 paced;

	uint64_t		 n;
	struct cap_src		*held;		/* slot handed out last */
	struct dedup_ent	*dd;		/* several origins only */
	uint64_t		*dd_seen;	/* DEDUP_ENTRIES x dd_words */
	size_t			 dd_words;
	uint32_t		 norigins;

	struct pcapng_w		*w;
	char			 wpath[4096];
	int			 wfd_stdout;	/* -w -: pcapng to stdout */
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

/* For cap_drop_privileges (chown of -w) and cap_emergency_cleanup. */
static struct cap	*g_cap;

/* d11_dlt_supported lives in the parser; keep the list checked here too so
 * the capture layer states exactly what it accepts. */
static int
dlt_ok(int dlt)
{
	return d11_dlt_supported(dlt);
}

/* Sleep up to ms, or until cap_stop. */
static void
nap(struct cap *c, int ms)
{
	struct pollfd	 pfd = { c->stopfd, POLLIN, 0 };

	if (!atomic_load(&c->stop))
		poll(&pfd, 1, ms);
}

static void
poke(struct cap *c)
{
	uint64_t	 one = 1;

	if (write(c->efd, &one, sizeof one) < 0) {
		/* EAGAIN: the counter is saturated, reader wakes anyway */
	}
}

/* A one-line note for the user (from any thread): the caller shows it. */
static void __attribute__((format(printf, 2, 3)))
cap_note(struct cap *c, const char *fmt, ...)
{
	va_list	 ap;

	pthread_mutex_lock(&c->nlock);
	va_start(ap, fmt);
	vsnprintf(c->notes[c->nnotes % NOTES], sizeof c->notes[0], fmt, ap);
	va_end(ap);
	c->nnotes++;
	pthread_mutex_unlock(&c->nlock);
	poke(c);
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
	return (live ? RING_LIVE_SLOTS : RING_FILE_SLOTS) *
	    sizeof(struct ring_slot);
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
	g_cap = c;
	atexit(cap_emergency_cleanup);
	return c;
}

static struct cap_src *
src_new(struct cap *c, enum cap_kind kind, const char *name,
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
	s->cap = c;
	s->kind = kind;
	s->fin.fd = -1;
	s->dlt = -1;
	snprintf(s->name, sizeof s->name, "%s", name);
	snprintf(s->desc, sizeof s->desc, "%s", name);
	return s;
}

static void
src_free(struct cap_src *s)
{
	if (s == NULL)
		return;
	if (s->pcap != NULL)
		pcap_close(s->pcap);
	if (s->fin.fd != -1)
		close(s->fin.fd);
	free(s->fin.buf);
	capr_free(&s->fin.rd);
	free(s->w_if);
	free(s->orig);
	ring_free(s->ring);
	free(s);
}

static void
src_attach(struct cap *c, struct cap_src *s)
{
	s->idx = c->nsrc;
	c->src[c->nsrc++] = s;
}

static int
linktype_error(const char *what, int dlt, char *err, size_t errlen)
{
	const char	*name = pcap_datalink_val_to_name(dlt);

	snprintf(err, errlen, "%s: link type %s (%d) is not 802.11; roamscope "
	    "reads %s", what, name != NULL ? name : "unknown", dlt,
	    D11_DLT_LIST);
	return RS_EXIT_LINKTYPE;
}

static int	src_push(struct cap_src *, const struct capr_rec *);

/* ------------------------------------------------------------------------
 * Files, streams and --follow: our reader (pcapng.h) over read(2).
 */

/* Read what is there now into fi's buffer.  Returns the bytes read, 0 at
 * (the current) end, -1 on error (errno).  A stream is polled, so that a
 * stop is seen within FOLLOW_POLL_MS: -2 when nothing came in that time. */
static ssize_t
fin_fill(struct fin *fi, size_t need, struct cap *c)
{
	struct pollfd	 pfd[2];
	ssize_t		 n;
	size_t		 want;
	uint8_t		*nb;

	if (fi->off != 0) {
		memmove(fi->buf, fi->buf + fi->off, fi->len - fi->off);
		fi->len -= fi->off;
		fi->off = 0;
	}
	want = need > READ_CHUNK ? need : READ_CHUNK;
	if (fi->size - fi->len < want) {
		if ((nb = realloc(fi->buf, fi->len + want)) == NULL)
			return -1;
		fi->buf = nb;
		fi->size = fi->len + want;
	}
	if (!fi->regular) {
		pfd[0].fd = fi->fd;
		pfd[0].events = POLLIN;
		pfd[1].fd = c->stopfd;
		pfd[1].events = POLLIN;
		do
			n = poll(pfd, 2, FOLLOW_POLL_MS);
		while (n == -1 && errno == EINTR && !atomic_load(&c->stop));
		if (n == 0 || atomic_load(&c->stop))
			return -2;
	}
	do
		n = read(fi->fd, fi->buf + fi->len, fi->size - fi->len);
	while (n == -1 && errno == EINTR);
	if (n > 0) {
		/* the file's first bytes: to tell it was written anew */
		if (fi->pos < sizeof fi->head) {
			want = sizeof fi->head - (size_t)fi->pos;
			if (want > (size_t)n)
				want = (size_t)n;
			memcpy(fi->head + fi->pos, fi->buf + fi->len, want);
			fi->headlen += want;
		}
		fi->pos += (uint64_t)n;
		fi->len += (size_t)n;
	}
	return n;
}

/* Start over on a new file (or the same one, from its start). */
static void
fin_reset(struct fin *fi)
{
	fi->len = fi->off = 0;
	fi->consumed = fi->pos = 0;
	fi->headlen = 0;
	capr_free(&fi->rd);
}

static int
fin_open(struct cap_src *s, const char *path, char *err, size_t errlen)
{
	struct fin	*fi = &s->fin;
	struct stat	 st;

	if (strcmp(path, "-") == 0)
		fi->fd = dup(STDIN_FILENO);
	else
		fi->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fi->fd == -1) {
		if (errno == EACCES)
			snprintf(err, errlen, "%s: permission denied: make it "
			    "readable (chmod o+r) or run as its owner", path);
		else
			snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return RS_EXIT_NOFILE;
	}
	if (fstat(fi->fd, &st) == 0) {
		fi->regular = S_ISREG(st.st_mode);
		fi->dev = st.st_dev;
		fi->ino = st.st_ino;
	}
	snprintf(fi->path, sizeof fi->path, "%s", path);
	capr_init(&fi->rd);
	if ((fi->buf = malloc(READ_CHUNK)) == NULL) {
		snprintf(err, errlen, "out of memory");
		return RS_EXIT_INTERNAL;
	}
	fi->size = READ_CHUNK;
	return 0;
}

/*
 * The source's link type: the file's (pcap), else its first 802.11
 * interface's.  A file of none but other link types is refused (a pcapng
 * may mix them: its other interfaces' records are decoded as "linktype").
 */
static int
fin_linktype(struct cap_src *s, const char *what, char *err, size_t errlen)
{
	const struct capr_iface	*ifc;
	struct fin		*fi = &s->fin;
	uint32_t		 i;

	s->dlt = -1;
	if (fi->rd.fmt == CAPR_PCAP)
		s->dlt = fi->rd.dlt;
	for (i = 0; s->dlt == -1 && (ifc = capr_iface(&fi->rd, i)) != NULL;
	    i++)
		if (dlt_ok(ifc->dlt))
			s->dlt = ifc->dlt;
	if (s->dlt == -1 && (ifc = capr_iface(&fi->rd, 0)) != NULL)
		s->dlt = ifc->dlt;
	if (s->dlt != -1 && !dlt_ok(s->dlt))
		return linktype_error(what, s->dlt, err, errlen);
	s->dlt_known = s->dlt != -1;
	return 0;
}

/*
 * The first records' link types, and a file that is no capture, before any
 * screen is drawn: read and parse the header and the blocks before the
 * first record (pcapng: the interfaces), and leave that record unread.
 * Returns 0 or an RS_EXIT_* code with err set.
 */
static int
fin_prime(struct cap_src *s, const char *what, char *err, size_t errlen)
{
	struct fin		*fi = &s->fin;
	struct capr_rec		 rec;
	char			 e[128];
	size_t			 used, need = 0;
	ssize_t			 n;
	int			 rc;

	for (;;) {
		rc = capr_next(&fi->rd, fi->buf + fi->off, fi->len - fi->off,
		    &used, &need, &rec, e, sizeof e);
		if (rc == CAPR_BLOCK) {
			fi->off += used;
			fi->consumed += used;
			continue;
		}
		if (rc == CAPR_NOTCAP) {
			snprintf(err, errlen, "%s %s", what, e);
			return RS_EXIT_FORMAT;
		}
		if (rc == CAPR_BAD) {
			snprintf(err, errlen, "%s: %s", what, e);
			return RS_EXIT_FORMAT;
		}
		if (rc == CAPR_REC)
			break;
		/* CAPR_MORE: a followed file may be empty so far */
		n = fin_fill(fi, need, s->cap);
		if (n > 0)
			continue;
		if (n == -2 || s->kind == CAP_FOLLOW)
			break;
		if (n == -1) {
			snprintf(err, errlen, "%s: %s", what, strerror(errno));
			return RS_EXIT_NOFILE;
		}
		if (fi->rd.fmt == CAPR_UNKNOWN) {
			if (fi->len == 0)
				snprintf(err, errlen, "%s is empty: it holds "
				    "no capture header", what);
			else
				snprintf(err, errlen, "%s is too short to be "
				    "a pcap or pcapng capture (its header is "
				    "cut short)", what);
			return RS_EXIT_FORMAT;
		}
		break;	/* a header and no record: fine, or truncated */
	}
	return fin_linktype(s, what, err, errlen);
}

int
cap_add_file(struct cap *c, const char *path, bool follow, char *err,
    size_t errlen)
{
	struct cap_src	*s;
	struct stat	 st;
	int		 rc, isstdin = strcmp(path, "-") == 0;
	const char	*what = isstdin ? "stdin" : path;
	const char	*b;

	if (follow && isstdin) {
		snprintf(err, errlen, "--follow needs a file name; a stream "
		    "(-r -) is followed anyway");
		return RS_EXIT_USAGE;
	}
	if ((s = src_new(c, follow ? CAP_FOLLOW : CAP_FILE, what, err,
	    errlen)) == NULL)
		return RS_EXIT_INTERNAL;
	if (isstdin)
		snprintf(s->desc, sizeof s->desc, "stdin");
	else {
		b = strrchr(path, '/');
		snprintf(s->desc, sizeof s->desc, "%s%s",
		    b != NULL && b[1] != '\0' ? b + 1 : path,
		    follow ? " (follow)" : "");
		if (stat(path, &st) == -1) {
			rc = RS_EXIT_NOFILE;
			if (errno == ENOENT)
				snprintf(err, errlen, "%s: no such file "
				    "(check the path)", path);
			else if (errno == EACCES)
				snprintf(err, errlen, "%s: permission denied "
				    "(check the directories' permissions, or "
				    "run as a user who can read it)", path);
			else
				snprintf(err, errlen, "%s: %s", path,
				    strerror(errno));
			goto fail;
		}
		if (S_ISDIR(st.st_mode)) {
			snprintf(err, errlen, "%s is a directory: give a "
			    "capture file inside it", path);
			rc = RS_EXIT_NOFILE;
			goto fail;
		}
		if (S_ISREG(st.st_mode) && st.st_size == 0 && !follow) {
			snprintf(err, errlen, "%s is empty: it holds no "
			    "capture header (was the capture stopped before "
			    "it started?)", path);
			rc = RS_EXIT_FORMAT;
			goto fail;
		}
	}
	if ((rc = fin_open(s, path, err, errlen)) != 0 ||
	    (rc = fin_prime(s, what, err, errlen)) != 0)
		goto fail;
	/* A followed file may stall like an adapter: the reorder window. */
	s->live = follow;
	/* Dropping is for live sources only: files wait for ring space. */
	s->wait_full = 1;
	src_attach(c, s);
	return 0;

fail:
	src_free(s);
	return rc;
}

/* Records of the buffer to the ring; stops at CAPR_MORE (*need set). */
static int
fin_records(struct cap_src *s, size_t *need)
{
	struct fin	*fi = &s->fin;
	struct capr_rec	 rec;
	char		 e[128];
	size_t		 used;
	int		 rc;

	for (;;) {
		if (atomic_load_explicit(&s->cap->stop, memory_order_relaxed))
			return 0;
		rc = capr_next(&fi->rd, fi->buf + fi->off, fi->len - fi->off,
		    &used, need, &rec, e, sizeof e);
		if (rc == CAPR_MORE)
			return 0;
		if (rc == CAPR_NOTCAP) {
			s->error = RS_EXIT_FORMAT;
			snprintf(s->errmsg, sizeof s->errmsg, "%s %s", s->name,
			    e);
			return -1;
		}
		if (rc == CAPR_BAD) {
			s->error = RS_EXIT_FORMAT;
			snprintf(s->errmsg, sizeof s->errmsg, "%s: %s after "
			    "%ju frames", s->name, e, (uintmax_t)
			    atomic_load(&s->received));
			return -1;
		}
		if (rc == CAPR_REC) {
			if (!s->dlt_known && (rc = fin_linktype(s, s->name,
			    s->errmsg, sizeof s->errmsg)) != 0) {
				s->error = rc;
				return -1;
			}
			/* no stamp (Simple Packet Block): the one before's */
			if (!rec.has_ts)
				rec.ts_ns = s->last_ts;
			s->last_ts = rec.ts_ns;
			if (fi->rd.snaplen_lie && !s->said_snaplen) {
				s->said_snaplen = 1;
				cap_note(s->cap, "%s lies about its snaplen: "
				    "its header says %u bytes, record %ju "
				    "holds %u; records are read whole",
				    s->name, fi->rd.snaplen, (uintmax_t)
				    fi->rd.lie_record, fi->rd.lie_caplen);
			}
			src_push(s, &rec);
		}
		fi->off += used;
		fi->consumed += used;
	}
}

/*
 * --follow at the end of what is there: like tail -F, follow the name.
 * The file truncated in place: read it again from its start.  Renamed
 * away and recreated (rotated): once the old one is read to its end,
 * follow the new one.  Deleted: wait for it to come back.  Each is said
 * once.  Returns 1 when reading goes on from a new start.
 */
static int
follow_name(struct cap_src *s)
{
	struct fin	*fi = &s->fin;
	struct stat	 st, cur;
	uint8_t		 head[sizeof fi->head];
	int		 fd;

	/* shorter than what was read, or its start is not what it was
	 * (truncated and already written again) */
	if (fstat(fi->fd, &cur) == 0 && S_ISREG(cur.st_mode) &&
	    ((uint64_t)cur.st_size < fi->pos ||
	    (fi->headlen != 0 && (pread(fi->fd, head, fi->headlen, 0) !=
	    (ssize_t)fi->headlen || memcmp(head, fi->head, fi->headlen) !=
	    0)))) {
		cap_note(s->cap, "%s was truncated: reading it again from "
		    "its start", s->name);
		lseek(fi->fd, 0, SEEK_SET);
		fin_reset(fi);
		s->dlt_known = 0;
		s->new_file = 1;
		return 1;
	}
	if (stat(fi->path, &st) == -1) {
		if (!s->said_gone) {
			s->said_gone = 1;
			cap_note(s->cap, "%s was deleted: waiting for it to "
			    "come back", s->name);
		}
		return 0;
	}
	if (st.st_dev == fi->dev && st.st_ino == fi->ino) {
		s->said_gone = 0;
		return 0;
	}
	if ((fd = open(fi->path, O_RDONLY | O_CLOEXEC)) == -1)
		return 0;
	if (fi->len > fi->off)
		cap_note(s->cap, "%s was replaced (rotated) with %zu bytes of "
		    "its last record unwritten: following the new file",
		    s->name, fi->len - fi->off);
	else
		cap_note(s->cap, "%s was %s: following the new file", s->name,
		    s->said_gone ? "created again" : "replaced (rotated)");
	close(fi->fd);
	fi->fd = fd;
	fi->dev = st.st_dev;
	fi->ino = st.st_ino;
	fi->regular = S_ISREG(st.st_mode);
	fin_reset(fi);
	s->said_gone = 0;
	s->dlt_known = 0;
	s->new_file = 1;
	return 1;
}

static void
file_run(struct cap_src *s)
{
	struct fin	*fi = &s->fin;
	size_t		 need = 0;
	ssize_t		 n;

	while (!atomic_load(&s->cap->stop)) {
		if (fin_records(s, &need) == -1) {
			/* written anew under us, mid-read: start over */
			if (s->kind == CAP_FOLLOW && follow_name(s)) {
				s->error = 0;
				continue;
			}
			return;
		}
		if (atomic_load(&s->cap->stop))
			return;
		n = fin_fill(fi, need, s->cap);
		if (n > 0 || n == -2)
			continue;
		if (n == -1) {
			s->error = RS_EXIT_NOFILE;
			snprintf(s->errmsg, sizeof s->errmsg, "%s: %s",
			    s->name, strerror(errno));
			return;
		}
		if (s->kind == CAP_FOLLOW) {
			/* look at the name right before reading again */
			nap(s->cap, FOLLOW_POLL_MS);
			follow_name(s);
			continue;
		}
		/* -r: the end of the file is the end */
		if (fi->len > fi->off) {
			s->error = RS_EXIT_TRUNCATED;
			if (strcmp(s->name, "stdin") == 0)
				snprintf(s->errmsg, sizeof s->errmsg,
				    "stdin: stream stopped mid-record after "
				    "%ju frames", (uintmax_t)
				    atomic_load(&s->received));
			else
				snprintf(s->errmsg, sizeof s->errmsg,
				    "%s: last record truncated after %ju "
				    "frames", s->name, (uintmax_t)
				    atomic_load(&s->received));
		}
		return;
	}
}

/* ------------------------------------------------------------------------
 * Live interfaces.
 */
static int
live_open(struct cap_src *s, const char *ifname, char *err, size_t errlen)
{
	char		 ebuf[PCAP_ERRBUF_SIZE] = "";
	int		*dlts = NULL, n, i, rc, pick = -1;
	const char	*dn;

	if ((s->pcap = pcap_create(ifname, ebuf)) == NULL) {
		snprintf(err, errlen, "%s: %s", ifname, ebuf);
		return RS_EXIT_IFACE;
	}
	pcap_set_snaplen(s->pcap, LIVE_SNAPLEN);
	pcap_set_immediate_mode(s->pcap, 1);
	pcap_set_buffer_size(s->pcap, LIVE_BUFSIZE);
	pcap_set_tstamp_precision(s->pcap, PCAP_TSTAMP_PRECISION_NANO);
	rc = pcap_activate(s->pcap);
	if (rc < 0) {
		switch (rc) {
		case PCAP_ERROR_NO_SUCH_DEVICE:
			snprintf(err, errlen, "%s: no such interface (see "
			    "'ip link' or 'roamscope --list')", ifname);
			return RS_EXIT_IFACE;
		case PCAP_ERROR_PERM_DENIED:
			snprintf(err, errlen, "capturing on %s needs "
			    "CAP_NET_RAW: run as root, or 'setcap "
			    "cap_net_raw,cap_net_admin+ep' on roamscope",
			    ifname);
			return RS_EXIT_PERM;
		case PCAP_ERROR_IFACE_NOT_UP:
			snprintf(err, errlen, "%s is down: bring it up with "
			    "'ip link set %s up'", ifname, ifname);
			return RS_EXIT_IFACE;
		default:
			snprintf(err, errlen, "%s: %s", ifname,
			    pcap_geterr(s->pcap));
			return RS_EXIT_IFACE;
		}
	}
	s->dlt = pcap_datalink(s->pcap);
	if (!dlt_ok(s->dlt)) {
		/* Some drivers offer radiotap beside plain 802.11 or Ethernet. */
		n = pcap_list_datalinks(s->pcap, &dlts);
		for (i = 0; i < n; i++) {
			if (dlts[i] == D11_DLT_RADIOTAP)
				pick = dlts[i];
			else if (pick == -1 && dlt_ok(dlts[i]))
				pick = dlts[i];
		}
		if (dlts != NULL)
			pcap_free_datalinks(dlts);
		if (pick != -1 && pcap_set_datalink(s->pcap, pick) == 0)
			s->dlt = pick;
	}
	if (!dlt_ok(s->dlt)) {
		dn = pcap_datalink_val_to_name(s->dlt);
		snprintf(err, errlen, "%s is not in monitor mode (link type "
		    "%s): create a monitor interface with -m phyN[:channel], "
		    "or 'iw dev %s set type monitor'", ifname,
		    dn != NULL ? dn : "unknown", ifname);
		return RS_EXIT_IFACE;
	}
	if (pcap_setnonblock(s->pcap, 1, ebuf) == -1) {
		snprintf(err, errlen, "%s: %s", ifname, ebuf);
		return RS_EXIT_IFACE;
	}
	s->live = 1;
	return 0;
}

int
cap_add_iface(struct cap *c, const char *ifname, char *err, size_t errlen)
{
	struct cap_src	*s;
	int		 rc;

	if ((s = src_new(c, CAP_IFACE, ifname, err, errlen)) == NULL)
		return RS_EXIT_INTERNAL;
	if ((rc = live_open(s, ifname, err, errlen)) != 0) {
		src_free(s);
		return rc;
	}
	src_attach(c, s);
	return 0;
}

int
cap_add_monitor(struct cap *c, const char *spec, char *err, size_t errlen)
{
	struct cap_src	*s;
	char		 e2[256];
	int		 rc, ch;

	if ((s = src_new(c, CAP_MONITOR, spec, err, errlen)) == NULL)
		return RS_EXIT_INTERNAL;
	if ((rc = nl80211_create_monitor(spec, &s->mon, err, errlen)) != 0) {
		src_free(s);
		return rc;
	}
	s->have_mon = 1;
	if (s->mon.removed[0] != '\0')
		cap_note(c, "removed leftover monitor interface%s %s on the "
		    "radio of -m %s, left by an earlier run that was killed",
		    strchr(s->mon.removed, ' ') != NULL ? "s" : "",
		    s->mon.removed, spec);
	s->freq = s->mon.freq;
	snprintf(s->name, sizeof s->name, "%s", s->mon.ifname);
	ch = d11_freq_to_channel(s->freq);
	if (s->freq != 0)
		snprintf(s->desc, sizeof s->desc, "%s ch%d", s->mon.ifname,
		    ch);
	else
		snprintf(s->desc, sizeof s->desc, "%s", s->mon.ifname);
	if ((rc = live_open(s, s->mon.ifname, err, errlen)) != 0) {
		nl80211_delete_monitor(&s->mon, e2, sizeof e2);
		s->have_mon = 0;
		src_free(s);
		return rc;
	}
	src_attach(c, s);
	return 0;
}

/* ------------------------------------------------------------------------
 * The producer.
 */

/*
 * Digest of the 802.11 frame as sent (MAC header and body, no radio header,
 * no FCS), so that copies from two adapters match whatever their radiotap
 * says; 0 when there is no header to compare.  A word at a time: this runs
 * for every frame when there are several sources.
 */
static uint64_t
frame_digest(const struct d11_frame *f)
{
	const uint8_t	*p = f->mac;
	size_t		 n = f->mac_len, i;
	uint64_t	 h = 0x9e3779b97f4a7c15ULL ^ n, w;

	if (p == NULL || n < 10)	/* an ACK is 10 bytes */
		return 0;
	for (i = 0; i + 8 <= n; i += 8) {
		memcpy(&w, p + i, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdULL;
		h ^= h >> 32;
	}
	w = 0;
	memcpy(&w, p + i, n - i);
	h = (h ^ w) * 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 29;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 32;
	return h != 0 ? h : 1;
}

/* Keep the writer's first failure where the caller can read it. */
static void
w_check(struct cap *c)
{
	const char	*e;

	if (!atomic_load_explicit(&c->wfailed, memory_order_relaxed) &&
	    (e = pcapng_error(c->w)) != NULL) {
		snprintf(c->werr, sizeof c->werr, "%s", e);
		atomic_store(&c->wfailed, 1);
		poke(c);
	}
}

/*
 * The writer's interface for interface ifc of source s (under wlock): one
 * per source and input interface, each with its own link type, added when
 * its first record comes.  All with the same snaplen (what live capture
 * asks for, else 0: no limit), which libpcap requires to read the file.
 */
static int
w_iface(struct cap_src *s, uint32_t ifc, int dlt)
{
	struct cap		*c = s->cap;
	char			 name[80];
	size_t			 n, i;
	int			*v;

	if (s->new_file) {
		/* --follow started over: its interfaces are new ones */
		for (i = 0; i < s->nw_if; i++)
			s->w_if[i] = -1;
		s->new_file = 0;
	}
	if (ifc >= s->nw_if) {
		n = s->nw_if != 0 ? s->nw_if : 4;
		while (n <= ifc)
			n *= 2;
		if ((v = realloc(s->w_if, n * sizeof *v)) == NULL)
			return -1;
		for (i = s->nw_if; i < n; i++)
			v[i] = -1;
		s->w_if = v;
		s->nw_if = n;
	}
	if (s->w_if[ifc] >= 0)
		return s->w_if[ifc];
	if (ifc == 0)
		snprintf(name, sizeof name, "%s", s->name);
	else
		snprintf(name, sizeof name, "%s#%u", s->name, ifc);
	s->w_if[ifc] = pcapng_add_iface(c->w, dlt, name, c->w_snaplen);
	w_check(c);
	return s->w_if[ifc];
}

static int
src_push(struct cap_src *s, const struct capr_rec *in)
{
	struct cap		*c = s->cap;
	struct ring_slot	*slot;
	uint32_t		 n = in->caplen;
	int			 id;

	/* -w first, from the reader's buffer: nothing is lost from the file,
	 * even a record the ring has no room for, nor its bytes past the
	 * slot size. */
	if (c->w != NULL && !atomic_load_explicit(&c->wfailed,
	    memory_order_relaxed)) {
		pthread_mutex_lock(&c->wlock);
		if ((id = w_iface(s, in->iface, in->dlt)) >= 0)
			pcapng_write(c->w, id, in->ts_ns, in->data,
			    in->caplen, in->origlen);
		w_check(c);
		pthread_mutex_unlock(&c->wlock);
	}
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
			poke(c);
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
	    frame_digest(&slot->rec.f) : 0;
	slot->iface = in->iface;
	slot->arrival_ns = rs_mono_ns();
	ring_commit(s->ring);
	/* Pairs with the fence in cap_next: one of us sees the other. */
	atomic_thread_fence(memory_order_seq_cst);
	if (atomic_load_explicit(&c->want_wakeup, memory_order_relaxed) &&
	    atomic_exchange(&c->want_wakeup, 0))
		poke(c);
	return 0;
}

static void
pcap_cb(u_char *user, const struct pcap_pkthdr *h, const u_char *data)
{
	struct cap_src	*s = (struct cap_src *)user;
	struct capr_rec	 rec;

	memset(&rec, 0, sizeof rec);
	rec.data = data;
	rec.caplen = h->caplen;
	rec.origlen = h->len;
	rec.has_ts = true;
	/* tv_usec holds ns (PCAP_TSTAMP_PRECISION_NANO) */
	rec.ts_ns = (int64_t)((uint64_t)h->ts.tv_sec * 1000000000u +
	    (uint64_t)h->ts.tv_usec);
	rec.dlt = s->dlt;
	src_push(s, &rec);
}

static void
live_stats(struct cap_src *s)
{
	struct pcap_stat	 ps;

	if (pcap_stats(s->pcap, &ps) == 0)
		atomic_store(&s->kdrops, (uint64_t)ps.ps_drop + ps.ps_ifdrop);
}

static void
live_run(struct cap_src *s)
{
	struct pollfd	 pfd[2];
	int64_t		 last = rs_mono_ns(), now;
	int		 rc;

	pfd[0].fd = pcap_get_selectable_fd(s->pcap);
	pfd[0].events = POLLIN;
	pfd[1].fd = s->cap->stopfd;
	pfd[1].events = POLLIN;
	while (!atomic_load(&s->cap->stop)) {
		rc = poll(pfd, 2, LIVE_POLL_MS);
		if (rc == -1 && errno != EINTR)
			break;
		if (atomic_load(&s->cap->stop))
			break;
		if (rc > 0 && (pfd[0].revents & (POLLERR | POLLHUP |
		    POLLNVAL)) && !(pfd[0].revents & POLLIN)) {
			s->error = RS_EXIT_IFACE;
			snprintf(s->errmsg, sizeof s->errmsg, "%s went away "
			    "(interface removed or down)", s->name);
			break;
		}
		rc = pcap_dispatch(s->pcap, -1, pcap_cb, (u_char *)s);
		if (rc == PCAP_ERROR) {
			s->error = RS_EXIT_IFACE;
			snprintf(s->errmsg, sizeof s->errmsg, "%s: %s (the "
			    "interface went away?)", s->name,
			    pcap_geterr(s->pcap));
			break;
		}
		now = rs_mono_ns();
		if (now - last > 1000000000LL) {
			live_stats(s);
			last = now;
		}
	}
	live_stats(s);
}

static void *
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
	poke(s->cap);
	return NULL;
}

static void *
flush_thread(void *arg)
{
	struct cap	*c = arg;
	sigset_t	 all;

	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, NULL);
	while (!atomic_load(&c->stop)) {
		nap(c, FLUSH_MS);
		pthread_mutex_lock(&c->wlock);
		pcapng_flush(c->w);
		w_check(c);
		pthread_mutex_unlock(&c->wlock);
	}
	return NULL;
}

/* A name for where path would be: its directory resolved, then its base. */
static bool
canonical(const char *path, char *out, size_t len)
{
	char		 dir[PATH_MAX], real[PATH_MAX];
	const char	*b = strrchr(path, '/');

	if (realpath(path, real) != NULL) {
		snprintf(out, len, "%s", real);
		return true;
	}
	if (b == NULL)
		snprintf(dir, sizeof dir, ".");
	else if (b == path)
		snprintf(dir, sizeof dir, "/");
	else
		snprintf(dir, sizeof dir, "%.*s", (int)(b - path), path);
	if (realpath(dir, real) == NULL)
		return false;
	return snprintf(out, len, "%s/%s", strcmp(real, "/") == 0 ? "" :
	    real, b != NULL ? b + 1 : path) < (int)len;
}

/* -w onto one of our own sources would destroy it (or feed on itself). */
static int
w_names_source(struct cap *c, const char *path, char *err, size_t errlen)
{
	struct cap_src	*s;
	struct stat	 st;
	char		 wc[PATH_MAX], sc[PATH_MAX];
	size_t		 i;
	bool		 exists = stat(path, &st) == 0, named;

	named = canonical(path, wc, sizeof wc);
	for (i = 0; i < c->nsrc; i++) {
		s = c->src[i];
		if (s->fin.fd == -1)
			continue;
		if ((exists && st.st_dev == s->fin.dev &&
		    st.st_ino == s->fin.ino && !S_ISCHR(st.st_mode)) ||
		    (named && strcmp(s->fin.path, "-") != 0 &&
		    canonical(s->fin.path, sc, sizeof sc) &&
		    strcmp(sc, wc) == 0)) {
			snprintf(err, errlen, "-w %s is a source being read "
			    "(%s): writing it would destroy it; write to "
			    "another file", path, s->name);
			return RS_EXIT_USAGE;
		}
	}
	return 0;
}

bool
cap_writer_waits(const char *path)
{
	struct stat	 st;
	int		 fd;

	if (strcmp(path, "-") == 0 || stat(path, &st) == -1 ||
	    !S_ISFIFO(st.st_mode))
		return false;
	if ((fd = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC)) != -1) {
		close(fd);
		return false;
	}
	return errno == ENXIO;
}

int
cap_set_writer(struct cap *c, const char *path, char *err, size_t errlen)
{
	char	 e[256];
	int	 rc;

	if (c->w != NULL) {
		snprintf(err, errlen, "-w given twice: give one file");
		return RS_EXIT_USAGE;
	}
	if ((rc = w_names_source(c, path, err, errlen)) != 0)
		return rc;
	if (strcmp(path, "-") == 0) {
		c->w = pcapng_fdopen(STDOUT_FILENO, "stdout", e, sizeof e);
		c->wfd_stdout = STDOUT_FILENO;
	} else
		c->w = pcapng_open(path, e, sizeof e);
	if (c->w == NULL) {
		snprintf(err, errlen, "%s", e);
		return RS_EXIT_WRITE;
	}
	snprintf(c->wpath, sizeof c->wpath, "%s", path);
	return 0;
}

bool
cap_write_failed(struct cap *c, char *msg, size_t len)
{
	if (!atomic_load(&c->wfailed))
		return false;
	if (msg != NULL) {
		pthread_mutex_lock(&c->wlock);
		snprintf(msg, len, "%s", c->werr);
		pthread_mutex_unlock(&c->wlock);
	}
	return true;
}

void
cap_set_replay(struct cap *c, double speed)
{
	c->speed = speed > 0 ? speed : 0;
}

int
cap_start(struct cap *c, char *err, size_t errlen)
{
	struct cap_src		*s;
	const struct capr_iface	*in0;
	size_t			 i, slots;
	int			 rc, multi = c->nsrc > 1;

	if (c->started) {
		snprintf(err, errlen, "capture already started");
		return RS_EXIT_INTERNAL;
	}
	for (i = 0; i < c->nsrc; i++) {
		s = c->src[i];
		if (s->pcap != NULL)
			c->w_snaplen = LIVE_SNAPLEN;
	}
	for (i = 0; i < c->nsrc; i++) {
		s = c->src[i];
		/* A file waits for room: it needs no seconds of buffer. */
		slots = c->slots != 0 ? c->slots : s->pcap != NULL ?
		    RING_LIVE_SLOTS : RING_FILE_SLOTS;
		if ((s->ring = ring_new(slots)) == NULL) {
			snprintf(err, errlen, "out of memory for %zu ring "
			    "slots", slots);
			return RS_EXIT_INTERNAL;
		}
		/* a pcapng may hold several adapters' records */
		if (s->fin.rd.fmt == CAPR_PCAPNG || s->kind == CAP_FOLLOW)
			multi = 1;
		/* first interfaces known now, in order (-w's 0, 1, ...) */
		if (c->w != NULL && s->dlt >= 0) {
			in0 = capr_iface(&s->fin.rd, 0);
			pthread_mutex_lock(&c->wlock);
			rc = w_iface(s, 0, s->pcap == NULL && in0 != NULL ?
			    in0->dlt : s->dlt);
			pthread_mutex_unlock(&c->wlock);
			if (rc < 0) {
				snprintf(err, errlen, "%s", c->werr[0] != '\0' ?
				    c->werr : "out of memory");
				return RS_EXIT_WRITE;
			}
		}
	}
	/* Several origins may hear the same frame: set up before threads. */
	if (multi && c->dd == NULL) {
		c->dd_words = 1;
		if ((c->dd = calloc(DEDUP_ENTRIES, sizeof *c->dd)) == NULL ||
		    (c->dd_seen = calloc(DEDUP_ENTRIES, sizeof *c->dd_seen))
		    == NULL) {
			snprintf(err, errlen, "out of memory");
			return RS_EXIT_INTERNAL;
		}
	}
	if (c->w != NULL) {
		if (pcapng_flush(c->w) == -1) {
			snprintf(err, errlen, "%s", pcapng_error(c->w));
			return RS_EXIT_WRITE;
		}
		if (pthread_create(&c->flusher, NULL, flush_thread, c) == 0)
			c->flusher_on = 1;
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

/* ------------------------------------------------------------------------
 * The consumer.
 */
static void
drain_efd(struct cap *c)
{
	uint64_t	 v;

	while (read(c->efd, &v, sizeof v) > 0)
		;
}

/*
 * Choose the next record.  Returns the source, or NULL with *wait_ns set
 * (-1: until a producer pokes) or *all_done.
 */
static struct cap_src *
choose(struct cap *c, int64_t now, int64_t *wait_ns, int *all_done)
{
	struct cap_src		*s, *best = NULL;
	struct ring_slot	*slot, *bslot = NULL;
	size_t			 i;
	int			 must_wait = 0, live_missing = 0;

	*all_done = 1;
	*wait_ns = -1;
	for (i = 0; i < c->nsrc; i++) {
		s = c->src[i];
		slot = ring_peek(s->ring);
		if (slot == NULL) {
			if (!atomic_load_explicit(&s->ended,
			    memory_order_acquire))
				goto unfinished;
			/* ended: its last commit is visible now */
			if ((slot = ring_peek(s->ring)) == NULL)
				continue;
		}
		*all_done = 0;
		if (bslot == NULL || slot->rec.ts_ns < bslot->rec.ts_ns) {
			best = s;
			bslot = slot;
		}
		continue;
unfinished:
		*all_done = 0;
		if (s->live)
			live_missing = 1;
		else
			must_wait = 1;
	}
	if (best == NULL || must_wait)
		return NULL;
	/*
	 * An idle live source holds the others back by the reorder window,
	 * but never until a busy ring fills: past half full, deliver.
	 */
	if (live_missing && now - bslot->arrival_ns < REORDER_NS &&
	    ring_count(best->ring) < ring_size(best->ring) / 2) {
		*wait_ns = REORDER_NS - (now - bslot->arrival_ns);
		return NULL;
	}
	return best;
}

/* |a - b| <= w, for any two stamps a file may hold (no overflow). */
static bool
ts_near(int64_t a, int64_t b, int64_t w)
{
	uint64_t	 d = a >= b ? (uint64_t)a - (uint64_t)b :
			    (uint64_t)b - (uint64_t)a;

	return d <= (uint64_t)w;
}

/*
 * The origin number of the record in slot (its source, and its interface
 * when the source has several); -1 when out of memory.  The seen-bitmaps
 * grow a word when the origins pass a multiple of 64.
 */
static int64_t
dd_origin(struct cap *c, struct cap_src *s, const struct ring_slot *slot)
{
	uint64_t	*nv;
	uint32_t	*no;
	size_t		 n, i, k, w;

	if (slot->iface >= s->norig) {
		n = s->norig != 0 ? s->norig : 4;
		while (n <= slot->iface)
			n *= 2;
		if (n > CAPR_MAX_IFACES + 1 ||
		    (no = realloc(s->orig, n * sizeof *no)) == NULL)
			return -1;
		for (i = s->norig; i < n; i++)
			no[i] = UINT32_MAX;
		s->orig = no;
		s->norig = n;
	}
	if (s->orig[slot->iface] != UINT32_MAX)
		return s->orig[slot->iface];
	if (c->norigins == c->dd_words * 64) {
		w = c->dd_words + 1;
		if ((nv = calloc(DEDUP_ENTRIES, w * sizeof *nv)) == NULL)
			return -1;
		for (i = 0; i < DEDUP_ENTRIES; i++)
			for (k = 0; k < c->dd_words; k++)
				nv[i * w + k] = c->dd_seen[i * c->dd_words + k];
		free(c->dd_seen);
		c->dd_seen = nv;
		c->dd_words = w;
	}
	s->orig[slot->iface] = c->norigins++;
	return s->orig[slot->iface];
}

static uint64_t *
dd_seen(struct cap *c, const struct dedup_ent *e)
{
	return &c->dd_seen[(size_t)(e - c->dd) * c->dd_words];
}

static bool
dd_had(struct cap *c, const struct dedup_ent *e, uint32_t o)
{
	return (dd_seen(c, e)[o / 64] & (uint64_t)1 << (o % 64)) != 0;
}

/* The oldest remembered copy of frame d, near ts, that origin o has not
 * had. */
static struct dedup_ent *
dd_find(struct cap *c, uint64_t d, int64_t ts, uint32_t o)
{
	struct dedup_ent	*e, *best = NULL;
	int			 i;

	e = &c->dd[(d & (DEDUP_BUCKETS - 1)) * DEDUP_WAYS];
	for (i = 0; i < DEDUP_WAYS; i++, e++) {
		if (e->digest != d || dd_had(c, e, o) ||
		    !ts_near(e->ts_ns, ts, DEDUP_WINDOW_NS))
			continue;
		if (best == NULL || e->ts_ns < best->ts_ns)
			best = e;
	}
	return best;
}

static void
dd_remember(struct cap *c, uint64_t d, int64_t ts, uint32_t o)
{
	struct dedup_ent	*e, *v;
	uint64_t		*seen;
	int			 i;

	/* A free way, else the oldest (expired ones are the oldest). */
	v = e = &c->dd[(d & (DEDUP_BUCKETS - 1)) * DEDUP_WAYS];
	for (i = 0; i < DEDUP_WAYS; i++, e++) {
		if (e->digest == 0) {
			v = e;
			break;
		}
		if (e->ts_ns < v->ts_ns)
			v = e;
	}
	v->digest = d;
	v->ts_ns = ts;
	seen = dd_seen(c, v);
	memset(seen, 0, c->dd_words * sizeof *seen);
	seen[o / 64] |= (uint64_t)1 << (o % 64);
}

enum { DD_DELIVER, DD_DROP, DD_WAIT };

/*
 * The record at the head of s: a copy of a frame another source delivered
 * (drop it), a first copy (deliver and remember it), or a copy heard off
 * its channel while another source is tuned there: that one's copy is
 * preferred (its timestamps go with the rest of that channel), so drop ours
 * when it is already queued there, wait for it up to the reorder window,
 * and deliver ours when it does not come (the other adapter missed it).
 */
static int
dd_check(struct cap *c, struct cap_src *s, struct ring_slot *slot,
    int64_t now, int64_t *wait_ns)
{
	struct dedup_ent	*e;
	struct cap_src		*t;
	struct ring_slot	*o = NULL;
	uint64_t		 d = slot->digest;
	int64_t			 ts = slot->rec.ts_ns, org;
	unsigned		 freq = slot->rec.f.radio.freq;
	size_t			 i, k;

	if (c->dd == NULL || d == 0 || (org = dd_origin(c, s, slot)) < 0)
		return DD_DELIVER;
	if ((e = dd_find(c, d, ts, (uint32_t)org)) != NULL) {
		dd_seen(c, e)[org / 64] |= (uint64_t)1 << (org % 64);
		s->dups++;
		return DD_DROP;
	}
	if (s->freq != 0 && freq != 0 && freq != s->freq) {
		for (i = 0; i < c->nsrc; i++) {
			t = c->src[i];
			if (t == s || t->freq != freq)
				continue;
			for (k = 0; (o = ring_peek_nth(t->ring, k)) != NULL;
			    k++) {
				if (o->rec.ts_ns > ts && !ts_near(o->rec.ts_ns,
				    ts, DEDUP_WINDOW_NS))
					break;
				if (o->digest == d && ts_near(o->rec.ts_ns, ts,
				    DEDUP_WINDOW_NS)) {
					s->dups++;
					return DD_DROP;
				}
			}
			if (o == NULL && !atomic_load_explicit(&t->ended,
			    memory_order_acquire) &&
			    now - slot->arrival_ns < REORDER_NS) {
				*wait_ns = REORDER_NS - (now -
				    slot->arrival_ns);
				return DD_WAIT;
			}
		}
	}
	dd_remember(c, d, ts, (uint32_t)org);
	return DD_DELIVER;
}

/*
 * When a paced record is due (monotonic ns).  In doubles, clamped: a
 * crafted stamp or a tiny speed (--replay=1e-300) only means "much later",
 * never an overflow.
 */
static int64_t
pace_due(const struct cap *c, int64_t ts)
{
	double	 d = ((double)ts - (double)c->pace_ts) / c->speed;
	double	 lim = (double)(INT64_MAX / 4);

	if (!(d < lim))		/* also NaN */
		d = lim;
	if (d < -lim)
		d = -lim;
	return c->pace_wall + (int64_t)d;
}

int
cap_next(struct cap *c, const struct rs_rec **rec, int timeout_ms)
{
	struct cap_src		*s;
	struct ring_slot	*slot;
	struct pollfd		 pfd;
	int64_t			 now, deadline, wait_ns, due;
	int			 all_done, ms, armed = 0;

	if (c->held != NULL) {
		ring_release(c->held->ring);
		c->held = NULL;
	}
	if (!c->started)
		return -1;
	now = rs_mono_ns();
	deadline = timeout_ms < 0 ? INT64_MAX :
	    now + (int64_t)timeout_ms * 1000000LL;
	for (;;) {
		s = choose(c, now, &wait_ns, &all_done);
		if (all_done)
			return -1;
		if (s != NULL) {
			slot = ring_peek(s->ring);
			if (c->speed > 0 && !s->live) {
				if (!c->paced) {
					c->paced = 1;
					c->pace_wall = now;
					c->pace_ts = slot->rec.ts_ns;
				}
				due = pace_due(c, slot->rec.ts_ns);
				if (due > now) {
					wait_ns = due - now;
					goto wait;
				}
			}
			switch (dd_check(c, s, slot, now, &wait_ns)) {
			case DD_DROP:
				ring_release(s->ring);
				continue;
			case DD_WAIT:
				goto not_yet;
			}
			atomic_store(&c->want_wakeup, 0);
			slot->rec.n = ++c->n;
			c->held = s;
			*rec = &slot->rec;
			return 1;
		}
not_yet:
		if (!armed) {
			/* Tell producers we may sleep, then look again. */
			atomic_store(&c->want_wakeup, 1);
			atomic_thread_fence(memory_order_seq_cst);
			armed = 1;
			continue;
		}
wait:
		if (now >= deadline)
			return 0;
		if (wait_ns < 0 || now + wait_ns > deadline)
			wait_ns = deadline == INT64_MAX ? -1 : deadline - now;
		if (wait_ns > 1000000000LL)	/* look again each second */
			wait_ns = 1000000000LL;
		ms = wait_ns < 0 ? -1 : (int)((wait_ns + 999999) / 1000000);
		pfd.fd = c->efd;
		pfd.events = POLLIN;
		if (poll(&pfd, 1, ms) == -1 && errno == EINTR)
			return 0;	/* a signal: the caller looks at it */
		drain_efd(c);
		armed = 0;
		now = rs_mono_ns();
	}
}

int
cap_wakeup_fd(struct cap *c)
{
	return c->efd;
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
	if (c->flusher_on) {
		pthread_join(c->flusher, NULL);
		c->flusher_on = 0;
	}
	/* -w is complete now: flush and close it, and keep what failed. */
	if (c->w != NULL) {
		pthread_mutex_lock(&c->wlock);
		pcapng_flush(c->w);
		w_check(c);
		if (pcapng_close(c->w, e, sizeof e) != 0 &&
		    !atomic_load(&c->wfailed)) {
			snprintf(c->werr, sizeof c->werr, "%s", e);
			atomic_store(&c->wfailed, 1);
		}
		c->w = NULL;
		pthread_mutex_unlock(&c->wlock);
	}
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
	size_t	 i;

	if (c == NULL)
		return;
	if (c->started)
		cap_stop(c);
	for (i = 0; i < c->nsrc; i++) {
		if (c->src[i]->have_mon) {
			char	 e[256];

			nl80211_delete_monitor(&c->src[i]->mon, e, sizeof e);
		}
		src_free(c->src[i]);
	}
	free(c->src);
	free(c->dd);
	free(c->dd_seen);
	if (c->w != NULL)
		pcapng_close(c->w, NULL, 0);
	close(c->efd);
	close(c->stopfd);
	pthread_mutex_destroy(&c->wlock);
	pthread_mutex_destroy(&c->nlock);
	if (g_cap == c)
		g_cap = NULL;
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

/* ------------------------------------------------------------------------
 * -Z USER.
 *
 * Interfaces we created must still be deleted after the drop, which needs
 * CAP_NET_ADMIN.  We keep exactly that one capability across setuid
 * (PR_SET_KEEPCAPS, then capset through the raw syscall: no libcap), and
 * only when -m created something; otherwise every capability goes.
 */
static int
keep_net_admin(void)
{
	struct __user_cap_header_struct	 hdr;
	struct __user_cap_data_struct	 data[2];

	memset(&hdr, 0, sizeof hdr);
	memset(data, 0, sizeof data);
	hdr.version = _LINUX_CAPABILITY_VERSION_3;
	hdr.pid = 0;
	data[0].effective = data[0].permitted = 1u << CAP_NET_ADMIN;
	return (int)syscall(SYS_capset, &hdr, data);
}

/* sudo's SUDO_UID and SUDO_GID, when both are there and numbers. */
static bool
invoking_ids(uid_t *uid, gid_t *gid)
{
	const char		*u = getenv("SUDO_UID"), *g = getenv("SUDO_GID");
	char			*end;
	unsigned long		 vu, vg;

	if (u == NULL || g == NULL || *u == '\0' || *g == '\0')
		return false;
	errno = 0;
	vu = strtoul(u, &end, 10);
	if (errno != 0 || *end != '\0' || vu > UINT32_MAX - 1)
		return false;
	vg = strtoul(g, &end, 10);
	if (errno != 0 || *end != '\0' || vg > UINT32_MAX - 1)
		return false;
	*uid = (uid_t)vu;
	*gid = (gid_t)vg;
	return true;
}

int
cap_drop_privileges(const char *user, char *err, size_t errlen)
{
	struct passwd	*pw;
	uid_t		 uid;
	gid_t		 gid;
	int		 keep = nl80211_have_monitors();

	if (user == NULL) {
		/* sudo without -Z: back to the invoking user */
		user = getenv("SUDO_USER");
		if (user == NULL || *user == '\0' ||
		    strcmp(user, "root") == 0 || geteuid() != 0)
			return 0;
	}
	if ((pw = getpwnam(user)) == NULL) {
		snprintf(err, errlen, "-Z %s: no such user", user);
		return RS_EXIT_USAGE;
	}
	if (geteuid() != 0) {
		if (geteuid() == pw->pw_uid)
			return 0;
		snprintf(err, errlen, "-Z %s: only root can change user",
		    user);
		return RS_EXIT_PERM;
	}
	/*
	 * -w was created before the drop: it belongs to the user who ran us,
	 * which under sudo is SUDO_UID/SUDO_GID (not necessarily USER); a
	 * plain root run keeps it root's.
	 */
	if (g_cap != NULL && g_cap->w != NULL && g_cap->wpath[0] != '\0' &&
	    g_cap->wfd_stdout == -1 &&
	    invoking_ids(&uid, &gid) &&
	    chown(g_cap->wpath, uid, gid) == -1) {
		/* not fatal: the file stays root's */
	}
	if (keep && prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) == -1)
		keep = 0;
	if (initgroups(pw->pw_name, pw->pw_gid) == -1 ||
	    setgid(pw->pw_gid) == -1 || setuid(pw->pw_uid) == -1) {
		snprintf(err, errlen, "-Z %s: cannot change user: %s", user,
		    strerror(errno));
		return RS_EXIT_PERM;
	}
	if (pw->pw_uid != 0 && setuid(0) != -1) {
		snprintf(err, errlen, "-Z %s: could regain root", user);
		return RS_EXIT_PERM;
	}
	if (keep) {
		prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0);
		if (keep_net_admin() == -1) {
			snprintf(err, errlen, "-Z %s: cannot keep "
			    "CAP_NET_ADMIN to remove the monitor interfaces "
			    "later: %s", user, strerror(errno));
			return RS_EXIT_PERM;
		}
	}
	return 0;
}
