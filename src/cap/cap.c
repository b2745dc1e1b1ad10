/*
 * cap.c -- capture sources, one thread each, merged in timestamp order.
 *
 * Producer (one thread per source): read a record (libpcap, or our own
 * reader for --follow), write it to -w under the writer lock, copy it into a
 * ring slot, run d11_parse() there, commit, and poke the wakeup eventfd if
 * the consumer said it is about to sleep.
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
#include <poll.h>
#include <pthread.h>
#include <pwd.h>
#include <signal.h>
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

struct dedup_ent {
	uint64_t	 digest;	/* 0: free */
	int64_t		 ts_ns;
	uint64_t	 seen;		/* sources (bit idx % 64) that had it */
};
#define FLUSH_MS	500			/* -w flush period */
#define LIVE_POLL_MS	100
#define FOLLOW_POLL_MS	100
#define LIVE_SNAPLEN	262144
#define LIVE_BUFSIZE	(8 * 1024 * 1024)
#define FOLLOW_MAXBLOCK	(16 * 1024 * 1024)
#define FOLLOW_MAXIF	64

struct follow {
	int		 fd;
	uint8_t		*buf;
	size_t		 size, len, off;
	int		 fmt;		/* 0 unknown, 1 pcap, 2 pcapng */
	int		 swap;
	int		 nsec;		/* pcap: ns timestamps */
	int		 dlt;		/* pcap */
	int		 nif;		/* pcapng interfaces in this section */
	int		 if_dlt[FOLLOW_MAXIF];
	uint8_t		 if_tsresol[FOLLOW_MAXIF];
	uint64_t	 consumed;	/* bytes parsed (for shrink checks) */
};

struct cap_src {
	struct cap		*cap;
	size_t			 idx;
	enum cap_kind		 kind;
	char			 name[64];
	char			 desc[96];
	int			 dlt;
	unsigned		 freq;
	int			 live;		/* drop when full, reorder window */
	int			 wait_full;	/* file: wait for space */
	int			 multi_if;	/* -r pcapng of several interfaces:
					   our reader, which knows them */
	uint32_t		 cur_if;	/* interface of the record read */

	pcap_t			*pcap;
	struct follow		 fol;
	struct nl_monitor	 mon;
	int			 have_mon;

	struct ring		*ring;
	pthread_t		 thr;
	int			 started;
	_Atomic int		 ended;
	_Atomic int		 in_read;	/* cancellable (stdin) */
	_Atomic uint64_t	 received;
	_Atomic uint64_t	 kdrops;
	uint64_t		 dups;		/* consumer only */
	int			 error;		/* set before ended */
	char			 errmsg[256];
};

struct cap {
	struct cap_src		**src;
	size_t			 nsrc;
	size_t			 slots;

	int			 efd;
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
	struct dedup_ent	*dd;		/* several sources only */

	struct pcapng_w		*w;
	char			 wpath[4096];
	pthread_mutex_t		 wlock;
	pthread_t		 flusher;
	int			 flusher_on;
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

static void
sleep_ms(int ms)
{
	struct timespec	 ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static void
poke(struct cap *c)
{
	uint64_t	 one = 1;

	if (write(c->efd, &one, sizeof one) < 0) {
		/* EAGAIN: the counter is saturated, reader wakes anyway */
	}
}

struct cap *
cap_new(void)
{
	struct cap	*c;
	const char	*e;

	if ((c = calloc(1, sizeof *c)) == NULL)
		return NULL;
	c->efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (c->efd == -1) {
		free(c);
		return NULL;
	}
	c->slots = RING_DEFAULT_SLOTS;
	if ((e = getenv("ROAMSCOPE_RING_SLOTS")) != NULL && atoi(e) > 1)
		c->slots = (size_t)atoi(e);
	pthread_mutex_init(&c->wlock, NULL);
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
	s->fol.fd = -1;
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
	if (s->fol.fd != -1)
		close(s->fol.fd);
	free(s->fol.buf);
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

/* ------------------------------------------------------------------------
 * Files and streams (libpcap), and --follow (our reader).
 */
static int follow_open(struct cap_src *, const char *, char *, size_t);

/*
 * Interface Description Blocks before the first packet of a pcapng file
 * (0 when it is not pcapng, or unreadable here).  A file of several
 * interfaces (our own -w of several adapters) is read by our reader, which
 * tells the interfaces apart: libpcap reads it as one stream, so the same
 * frame heard by two adapters would count twice, and it refuses interfaces
 * of different link types.
 */
static int
pcapng_ifaces(const char *path, int *dlt0)
{
	uint8_t		 b[65536];
	size_t		 n, o = 0;
	uint32_t	 v, type, blen;
	int		 fd, swap, nif = 0;
	ssize_t		 r;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return 0;
	r = read(fd, b, sizeof b);
	close(fd);
	if (r < 28)
		return 0;
	n = (size_t)r;
	memcpy(&v, b, 4);
	if (v != 0x0a0d0d0a)
		return 0;
	memcpy(&v, b + 8, 4);
	if (v != 0x1a2b3c4d && v != 0x4d3c2b1a)
		return 0;
	swap = v == 0x4d3c2b1a;
	while (o + 12 <= n) {
		memcpy(&type, b + o, 4);
		memcpy(&blen, b + o + 4, 4);
		if (swap) {
			type = __builtin_bswap32(type);
			blen = __builtin_bswap32(blen);
		}
		if (blen < 12 || (blen & 3) != 0)
			break;
		if (type == 1 && blen >= 20 && nif++ == 0) {
			memcpy(&v, b + o + 8, 4);
			*dlt0 = (int)((swap ? __builtin_bswap32(v) : v) &
			    0xffff);
		}
		else if (type == 2 || type == 3 || type == 6 ||
		    (type == 0x0a0d0d0a && o != 0))
			break;
		if (blen > n - o)
			break;
		o += blen;
	}
	return nif;
}

int
cap_add_file(struct cap *c, const char *path, bool follow, char *err,
    size_t errlen)
{
	struct cap_src	*s;
	struct stat	 st;
	char		 ebuf[PCAP_ERRBUF_SIZE] = "";
	FILE		*f;
	int		 fd, rc, isstdin = strcmp(path, "-") == 0;
	const char	*what = isstdin ? "stdin" : path;

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
		const char	*b = strrchr(path, '/');

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
	if (follow) {
		if ((rc = follow_open(s, path, err, errlen)) != 0)
			goto fail;
		s->live = 1;	/* may stall: reorder window, no waiting */
		s->wait_full = 1;	/* but never lose its frames */
		src_attach(c, s);
		return 0;
	}
	if (!isstdin && S_ISREG(st.st_mode) &&
	    pcapng_ifaces(path, &s->dlt) > 1) {
		if (!dlt_ok(s->dlt)) {
			rc = linktype_error(what, s->dlt, err, errlen);
			goto fail;
		}
		if ((rc = follow_open(s, path, err, errlen)) != 0)
			goto fail;
		s->multi_if = 1;
		s->wait_full = 1;
		src_attach(c, s);
		return 0;
	}

	if (isstdin) {
		if ((fd = dup(STDIN_FILENO)) == -1) {
			snprintf(err, errlen, "stdin: %s", strerror(errno));
			rc = RS_EXIT_NOFILE;
			goto fail;
		}
	} else if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		rc = RS_EXIT_NOFILE;
		if (errno == EACCES)
			snprintf(err, errlen, "%s: permission denied: make it "
			    "readable (chmod o+r) or run as its owner", path);
		else
			snprintf(err, errlen, "%s: %s", path, strerror(errno));
		goto fail;
	}
	if ((f = fdopen(fd, "rb")) == NULL) {
		close(fd);
		snprintf(err, errlen, "%s: %s", what, strerror(errno));
		rc = RS_EXIT_INTERNAL;
		goto fail;
	}
	s->pcap = pcap_fopen_offline_with_tstamp_precision(f,
	    PCAP_TSTAMP_PRECISION_NANO, ebuf);
	if (s->pcap == NULL) {
		fclose(f);
		rc = RS_EXIT_FORMAT;
		if (strstr(ebuf, "only got 0") != NULL)
			snprintf(err, errlen, "%s is empty: it holds no "
			    "capture header", what);
		else if (strstr(ebuf, "truncated") != NULL)
			snprintf(err, errlen, "%s is too short to be a pcap "
			    "or pcapng capture (its header is cut short)",
			    what);
		else if (strstr(ebuf, "unknown file format") != NULL)
			snprintf(err, errlen, "%s is not a pcap or pcapng "
			    "capture", what);
		else
			snprintf(err, errlen, "%s is not a readable pcap or "
			    "pcapng capture: %s", what, ebuf);
		goto fail;
	}
	/*
	 * libpcap exposes one link type per file: a pcapng with several
	 * interfaces is read as the first one's type (and libpcap refuses a
	 * later interface of another type, reported as a bad record).
	 */
	s->dlt = pcap_datalink(s->pcap);
	if (!dlt_ok(s->dlt)) {
		rc = linktype_error(what, s->dlt, err, errlen);
		goto fail;
	}
	/* Dropping is for live sources only: files wait for ring space. */
	s->wait_full = 1;
	src_attach(c, s);
	return 0;

fail:
	src_free(s);
	return rc;
}

/* --- the --follow reader: classic pcap and pcapng, growing file ---------- */

static uint32_t
fu32(const struct follow *fo, const uint8_t *p)
{
	uint32_t	 v;

	memcpy(&v, p, 4);
	return fo->swap ? __builtin_bswap32(v) : v;
}

static uint16_t
fu16(const struct follow *fo, const uint8_t *p)
{
	uint16_t	 v;

	memcpy(&v, p, 2);
	return fo->swap ? __builtin_bswap16(v) : v;
}

/* pcapng timestamp units to ns (if_tsresol: 10^-v, or 2^-v with bit 7). */
static int64_t
tsres_ns(uint64_t t, uint8_t res)
{
	unsigned	 v = res & 0x7f;
	uint64_t	 m = 1;

	if (res & 0x80)
		return (int64_t)(((unsigned __int128)t * 1000000000u) >> v);
	if (v <= 9) {
		while (v++ < 9)
			m *= 10;
		return (int64_t)(t * m);
	}
	/* 10^20 > 2^64: any count of such units is 0 ns (and m would wrap
	 * to 0 from 10^64 on: a division by zero) */
	if (v - 9 > 19)
		return 0;
	while (v-- > 9)
		m *= 10;
	return (int64_t)(t / m);
}

static int
follow_grow(struct follow *fo, size_t need)
{
	uint8_t	*nb;
	size_t	 ns = fo->size ? fo->size : 65536;

	while (ns < need)
		ns *= 2;
	if (ns == fo->size)
		return 0;
	if ((nb = realloc(fo->buf, ns)) == NULL)
		return -1;
	fo->buf = nb;
	fo->size = ns;
	return 0;
}

/* Read what the file holds now; returns bytes read, 0 at (current) EOF. */
static ssize_t
follow_fill(struct follow *fo)
{
	ssize_t	 n;

	if (fo->off != 0) {
		memmove(fo->buf, fo->buf + fo->off, fo->len - fo->off);
		fo->len -= fo->off;
		fo->off = 0;
	}
	if (fo->len == fo->size && follow_grow(fo, fo->size * 2) == -1)
		return -1;
	do
		n = read(fo->fd, fo->buf + fo->len, fo->size - fo->len);
	while (n == -1 && errno == EINTR);
	if (n > 0)
		fo->len += (size_t)n;
	return n;
}

/*
 * Look at the file header.  Returns 1 when known, 0 when more bytes are
 * needed, -1 when it is not a capture.
 */
static int
follow_header(struct follow *fo)
{
	const uint8_t	*p = fo->buf + fo->off;
	size_t		 avail = fo->len - fo->off;
	uint32_t	 m;

	if (avail < 4)
		return 0;
	memcpy(&m, p, 4);
	if (m == 0xa1b2c3d4 || m == 0xa1b23c4d || m == 0xd4c3b2a1 ||
	    m == 0x4d3cb2a1) {
		if (avail < 24)
			return 0;
		fo->fmt = 1;
		fo->swap = m == 0xd4c3b2a1 || m == 0x4d3cb2a1;
		fo->nsec = m == 0xa1b23c4d || m == 0x4d3cb2a1;
		/* low 16 bits: link type; the upper bits are FCS/reserved */
		fo->dlt = (int)(fu32(fo, p + 20) & 0xffff);
		fo->off += 24;
		fo->consumed += 24;
		return 1;
	}
	if (m == 0x0a0d0d0a) {
		if (avail < 12)
			return 0;
		memcpy(&m, p + 8, 4);
		if (m != 0x1a2b3c4d && m != 0x4d3c2b1a)
			return -1;
		fo->fmt = 2;	/* the SHB itself is parsed as a block */
		return 1;
	}
	return -1;
}

static int	src_push(struct cap_src *, int dlt, int64_t ts_ns,
		    const uint8_t *data, uint32_t caplen, uint32_t origlen);

/*
 * Parse complete records from the buffer.  Returns 0, or -1 with
 * s->errmsg set when the file is not a capture or a block lies.
 */
static int
follow_records(struct cap_src *s)
{
	struct follow	*fo = &s->fol;
	const uint8_t	*p;
	size_t		 avail;
	uint32_t	 type, blen, caplen, origlen, ifid;
	int64_t		 ts;
	int		 dlt;

	for (;;) {
		if (atomic_load(&s->cap->stop))
			return 0;
		p = fo->buf + fo->off;
		avail = fo->len - fo->off;
		if (fo->fmt == 1) {
			if (avail < 16)
				return 0;
			caplen = fu32(fo, p + 8);
			origlen = fu32(fo, p + 12);
			if (caplen > FOLLOW_MAXBLOCK) {
				snprintf(s->errmsg, sizeof s->errmsg,
				    "%s: bad record (caplen %u) after %ju "
				    "frames", s->name, caplen,
				    (uintmax_t)atomic_load(&s->received));
				return -1;
			}
			if (avail < 16 + (size_t)caplen) {
				if (follow_grow(fo, 16 + (size_t)caplen) == -1)
					return -1;
				return 0;
			}
			ts = (int64_t)fu32(fo, p) * 1000000000LL +
			    (int64_t)fu32(fo, p + 4) * (fo->nsec ? 1 : 1000);
			src_push(s, fo->dlt, ts, p + 16, caplen, origlen);
			fo->off += 16 + caplen;
			fo->consumed += 16 + caplen;
			continue;
		}
		/* pcapng */
		if (avail < 12)
			return 0;
		memcpy(&type, p, 4);
		if (type == 0x0a0d0d0a) {
			uint32_t	 bom;

			/* a new section may change the byte order */
			memcpy(&bom, p + 8, 4);
			if (bom != 0x1a2b3c4d && bom != 0x4d3c2b1a)
				goto bad;
			fo->swap = bom == 0x4d3c2b1a;
			fo->nif = 0;
		}
		type = fu32(fo, p);
		blen = fu32(fo, p + 4);
		if (blen < 12 || (blen & 3) != 0 || blen > FOLLOW_MAXBLOCK)
			goto bad;
		if (avail < blen) {
			if (follow_grow(fo, blen) == -1)
				return -1;
			return 0;
		}
		switch (type) {
		case 1:		/* Interface Description Block */
			if (blen < 20)
				goto bad;
			if (fo->nif < FOLLOW_MAXIF) {
				size_t		 o = 16;
				uint8_t		 res = 6;

				/* options: code, length, value padded */
				while (o + 4 <= blen - 4) {
					uint16_t code = fu16(fo, p + o);
					uint16_t olen = fu16(fo, p + o + 2);

					if (code == 0 ||
					    o + 4 + olen > blen - 4)
						break;
					if (code == 9 && olen >= 1)
						res = p[o + 4];
					o += 4 + (((size_t)olen + 3) & ~3u);
				}
				fo->if_dlt[fo->nif] = fu16(fo, p + 8);
				fo->if_tsresol[fo->nif] = res;
				if (s->dlt == -1)
					s->dlt = fo->if_dlt[fo->nif];
				fo->nif++;
			}
			break;
		case 6:		/* Enhanced Packet Block */
			if (blen < 32)
				goto bad;
			ifid = fu32(fo, p + 8);
			caplen = fu32(fo, p + 20);
			origlen = fu32(fo, p + 24);
			if ((size_t)caplen > blen - 32)
				goto bad;
			if (ifid >= (uint32_t)fo->nif)
				goto bad;
			ts = tsres_ns(((uint64_t)fu32(fo, p + 12) << 32) |
			    fu32(fo, p + 16), fo->if_tsresol[ifid]);
			dlt = fo->if_dlt[ifid];
			s->cur_if = ifid;
			src_push(s, dlt, ts, p + 28, caplen, origlen);
			break;
		case 3:		/* Simple Packet Block: iface 0, no time */
			if (blen < 16 || fo->nif == 0)
				goto bad;
			origlen = fu32(fo, p + 8);
			caplen = origlen < blen - 16 ? origlen : blen - 16;
			s->cur_if = 0;
			src_push(s, fo->if_dlt[0], 0, p + 12, caplen,
			    origlen);
			break;
		default:
			/* SHB, NRB, ISB, DSB, custom, unknown: skipped */
			break;
		}
		fo->off += blen;
		fo->consumed += blen;
	}
bad:
	snprintf(s->errmsg, sizeof s->errmsg, "%s: bad pcapng block after "
	    "%ju frames", s->name, (uintmax_t)atomic_load(&s->received));
	return -1;
}

static int
follow_open(struct cap_src *s, const char *path, char *err, size_t errlen)
{
	struct follow	*fo = &s->fol;
	int		 rc;

	if ((fo->fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return errno == EACCES || errno == ENOENT ?
		    RS_EXIT_NOFILE : RS_EXIT_INTERNAL;
	}
	if (follow_grow(fo, 65536) == -1) {
		snprintf(err, errlen, "out of memory");
		return RS_EXIT_INTERNAL;
	}
	/* What is there now; an empty file being started is fine. */
	while (fo->len < 64 && follow_fill(fo) > 0)
		;
	rc = follow_header(fo);
	if (rc == -1) {
		snprintf(err, errlen, "%s is not a pcap or pcapng capture",
		    path);
		return RS_EXIT_FORMAT;
	}
	if (rc == 1 && fo->fmt == 1) {
		s->dlt = fo->dlt;
		if (!dlt_ok(s->dlt))
			return linktype_error(path, s->dlt, err, errlen);
	}
	return 0;
}

static void
follow_run(struct cap_src *s)
{
	struct follow	*fo = &s->fol;
	struct stat	 st;
	ssize_t		 n;
	int		 rc;

	while (!atomic_load(&s->cap->stop)) {
		if (fo->fmt == 0) {
			rc = follow_header(fo);
			if (rc == -1) {
				s->error = RS_EXIT_FORMAT;
				snprintf(s->errmsg, sizeof s->errmsg,
				    "%s is not a pcap or pcapng capture",
				    s->name);
				return;
			}
			if (rc == 1 && fo->fmt == 1) {
				s->dlt = fo->dlt;
				if (!dlt_ok(s->dlt)) {
					s->error = linktype_error(s->name,
					    s->dlt, s->errmsg,
					    sizeof s->errmsg);
					return;
				}
			}
		}
		if (fo->fmt != 0 && follow_records(s) == -1) {
			s->error = RS_EXIT_FORMAT;
			return;
		}
		n = follow_fill(fo);
		if (n < 0) {
			s->error = RS_EXIT_NOFILE;
			snprintf(s->errmsg, sizeof s->errmsg, "%s: %s",
			    s->name, strerror(errno));
			return;
		}
		if (n == 0 && s->multi_if) {
			/* -r: the end of the file is the end */
			if (fo->len > fo->off || fo->fmt == 0) {
				s->error = RS_EXIT_TRUNCATED;
				snprintf(s->errmsg, sizeof s->errmsg,
				    "%s: last record truncated after %ju "
				    "frames", s->name, (uintmax_t)
				    atomic_load(&s->received));
			}
			return;
		}
		if (n == 0) {
			/* Truncated (rotated?) under us: stop cleanly. */
			if (fstat(fo->fd, &st) == 0 && S_ISREG(st.st_mode) &&
			    (uint64_t)st.st_size < fo->consumed) {
				s->error = RS_EXIT_FORMAT;
				snprintf(s->errmsg, sizeof s->errmsg,
				    "%s shrank while followed (rotated?): "
				    "stopped after %ju frames", s->name,
				    (uintmax_t)atomic_load(&s->received));
				return;
			}
			sleep_ms(FOLLOW_POLL_MS);
		}
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
static int
src_push(struct cap_src *s, int dlt, int64_t ts_ns, const uint8_t *data,
    uint32_t caplen, uint32_t origlen)
{
	struct cap		*c = s->cap;
	struct ring_slot	*slot;
	uint32_t		 n = caplen;

	/* -w first, from the reader's buffer: nothing is lost from the file,
	 * even a record the ring has no room for, nor its bytes past the
	 * slot size. */
	if (c->w != NULL) {
		pthread_mutex_lock(&c->wlock);
		pcapng_write(c->w, (int)s->idx, ts_ns, data, caplen, origlen);
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
		struct timespec ts = { 0, 200000 };
		nanosleep(&ts, NULL);
	}
	if (n > RS_REC_MAX_BYTES)
		n = RS_REC_MAX_BYTES;
	memcpy(slot->raw, data, n);
	slot->rec.n = 0;
	slot->rec.ts_ns = ts_ns;
	slot->rec.src = (uint16_t)s->idx;
	slot->rec.dlt = dlt;
	slot->rec.caplen = n;
	slot->rec.origlen = origlen;
	slot->rec.cut = n < caplen;
	slot->rec.raw = slot->raw;
	d11_parse(dlt, slot->raw, n, &slot->rec.f);
	slot->digest = c->dd != NULL ? frame_digest(&slot->rec.f) : 0;
	slot->origin = (uint16_t)(s->idx * 8 + (s->cur_if < 7 ?
	    s->cur_if : 7));
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

	/* A file's seconds can be anything (pcapng has 64-bit stamps): wrap
	 * in unsigned arithmetic rather than overflow (undefined). */
	src_push(s, s->dlt, (int64_t)((uint64_t)h->ts.tv_sec * 1000000000u +
	    (uint64_t)h->ts.tv_usec), data, h->caplen, h->len);
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
	struct pollfd	 pfd;
	int64_t		 last = rs_mono_ns(), now;
	int		 rc;

	pfd.fd = pcap_get_selectable_fd(s->pcap);
	pfd.events = POLLIN;
	while (!atomic_load(&s->cap->stop)) {
		rc = poll(&pfd, 1, LIVE_POLL_MS);
		if (rc == -1 && errno != EINTR)
			break;
		if (rc > 0 && (pfd.revents & (POLLERR | POLLHUP | POLLNVAL)) &&
		    !(pfd.revents & POLLIN)) {
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

static void
file_run(struct cap_src *s)
{
	struct pcap_pkthdr	*h;
	const u_char		*data;
	const char		*e;
	int			 rc;

	while (!atomic_load(&s->cap->stop)) {
		/* Only a stream can block here: cap_stop may cancel it. */
		atomic_store(&s->in_read, 1);
		pthread_setcancelstate(PTHREAD_CANCEL_ENABLE, NULL);
		rc = pcap_next_ex(s->pcap, &h, &data);
		pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, NULL);
		atomic_store(&s->in_read, 0);
		if (rc == 1) {
			pcap_cb((u_char *)s, h, data);
			continue;
		}
		if (rc == PCAP_ERROR_BREAK)	/* end of file */
			break;
		e = pcap_geterr(s->pcap);
		if (strstr(e, "truncated") != NULL) {
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
		} else if (strstr(e, "different from the type") != NULL) {
			/* libpcap reads one link type per pcapng file */
			s->error = RS_EXIT_FORMAT;
			snprintf(s->errmsg, sizeof s->errmsg, "%s: its pcapng "
			    "interfaces have different link types, which "
			    "libpcap cannot read; split it first (tshark -r "
			    "FILE -Y frame.interface_id==0 -w part0.pcapng)",
			    s->name);
		} else {
			s->error = RS_EXIT_FORMAT;
			snprintf(s->errmsg, sizeof s->errmsg, "%s: bad record "
			    "after %ju frames: %s", s->name, (uintmax_t)
			    atomic_load(&s->received), e);
		}
		break;
	}
}

static void *
src_thread(void *arg)
{
	struct cap_src	*s = arg;
	sigset_t	 all;

	/* Signals belong to the main thread. */
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, NULL);
	pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, NULL);

	if (s->kind == CAP_FOLLOW || s->multi_if)
		follow_run(s);
	else if (s->live)
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
	int		 i;

	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, NULL);
	while (!atomic_load(&c->stop)) {
		for (i = 0; i < FLUSH_MS / 50 && !atomic_load(&c->stop); i++)
			sleep_ms(50);
		pthread_mutex_lock(&c->wlock);
		pcapng_flush(c->w);
		pthread_mutex_unlock(&c->wlock);
	}
	return NULL;
}

int
cap_set_writer(struct cap *c, const char *path, char *err, size_t errlen)
{
	char	 e[256];

	if (c->w != NULL) {
		snprintf(err, errlen, "-w given twice");
		return RS_EXIT_USAGE;
	}
	if ((c->w = pcapng_open(path, e, sizeof e)) == NULL) {
		snprintf(err, errlen, "%s", e);
		return RS_EXIT_WRITE;
	}
	snprintf(c->wpath, sizeof c->wpath, "%s", path);
	return 0;
}

void
cap_set_replay(struct cap *c, double speed)
{
	c->speed = speed > 0 ? speed : 0;
}

int
cap_start(struct cap *c, char *err, size_t errlen)
{
	struct cap_src	*s;
	size_t		 i;
	int		 rc;

	if (c->started) {
		snprintf(err, errlen, "capture already started");
		return RS_EXIT_INTERNAL;
	}
	for (i = 0; i < c->nsrc; i++) {
		s = c->src[i];
		if ((s->ring = ring_new(c->slots)) == NULL) {
			snprintf(err, errlen, "out of memory for %zu ring "
			    "slots", c->slots);
			return RS_EXIT_INTERNAL;
		}
		if (c->w != NULL && pcapng_add_iface(c->w, s->dlt < 0 ?
		    D11_DLT_RADIOTAP : s->dlt, s->name, s->live &&
		    s->kind != CAP_FOLLOW ? LIVE_SNAPLEN : 0) < 0) {
			snprintf(err, errlen, "%s: %s", c->wpath,
			    pcapng_error(c->w));
			return RS_EXIT_WRITE;
		}
	}
	/* Several sources may hear the same frame: set up before threads. */
	if ((c->nsrc > 1 || (c->nsrc == 1 && c->src[0]->multi_if)) &&
	    c->dd == NULL &&
	    (c->dd = calloc(DEDUP_BUCKETS * DEDUP_WAYS, sizeof *c->dd)) ==
	    NULL) {
		snprintf(err, errlen, "out of memory");
		return RS_EXIT_INTERNAL;
	}
	if (c->w != NULL) {
		if (pcapng_flush(c->w) == -1) {
			snprintf(err, errlen, "%s: %s", c->wpath,
			    pcapng_error(c->w));
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

/* Who heard it: a source, or one interface of a multi-interface file. */
static uint64_t
origin_bit(const struct ring_slot *slot)
{
	return (uint64_t)1 << (slot->origin & 63);
}

/* The oldest remembered copy of frame d, near ts, that s has not had. */
static struct dedup_ent *
dd_find(struct cap *c, uint64_t d, int64_t ts, uint64_t bit)
{
	struct dedup_ent	*e, *best = NULL;
	int			 i;

	e = &c->dd[(d & (DEDUP_BUCKETS - 1)) * DEDUP_WAYS];
	for (i = 0; i < DEDUP_WAYS; i++, e++) {
		if (e->digest != d || (e->seen & bit) != 0)
			continue;
		if (e->ts_ns - ts > DEDUP_WINDOW_NS ||
		    ts - e->ts_ns > DEDUP_WINDOW_NS)
			continue;
		if (best == NULL || e->ts_ns < best->ts_ns)
			best = e;
	}
	return best;
}

static void
dd_remember(struct cap *c, uint64_t d, int64_t ts, uint64_t bit)
{
	struct dedup_ent	*e, *v;
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
	v->seen = bit;
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
	uint64_t		 d = slot->digest, bit = origin_bit(slot);
	int64_t			 ts = slot->rec.ts_ns;
	unsigned		 freq = slot->rec.f.radio.freq;
	size_t			 i, k;

	if (c->dd == NULL || d == 0)
		return DD_DELIVER;
	if ((e = dd_find(c, d, ts, bit)) != NULL) {
		e->seen |= bit;
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
				if (o->rec.ts_ns - ts > DEDUP_WINDOW_NS)
					break;
				if (o->digest == d &&
				    ts - o->rec.ts_ns <= DEDUP_WINDOW_NS) {
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
	dd_remember(c, d, ts, bit);
	return DD_DELIVER;
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
				due = c->pace_wall + (int64_t)((double)
				    (slot->rec.ts_ns - c->pace_ts) / c->speed);
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
		ms = wait_ns < 0 ? -1 : (int)((wait_ns + 999999) / 1000000);
		pfd.fd = c->efd;
		pfd.events = POLLIN;
		poll(&pfd, 1, ms);
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
	size_t		 i;
	int		 k;

	if (c == NULL || c->stopped)
		return;
	c->stopped = 1;
	atomic_store(&c->stop, 1);
	for (i = 0; i < c->nsrc; i++) {
		s = c->src[i];
		if (!s->started)
			continue;
		/* A stream blocked in read() never sees the flag. */
		for (k = 0; k < 20 && !atomic_load(&s->ended); k++)
			sleep_ms(10);
		if (!atomic_load(&s->ended) && atomic_load(&s->in_read)) {
			pthread_cancel(s->thr);
			/* its pcap_t may hold stdio locks: leak it */
			s->pcap = NULL;
		}
		pthread_join(s->thr, NULL);
		s->started = 0;
		if (s->pcap != NULL && s->live)
			live_stats(s);
	}
	if (c->flusher_on) {
		pthread_join(c->flusher, NULL);
		c->flusher_on = 0;
	}
	if (c->w != NULL) {
		pthread_mutex_lock(&c->wlock);
		pcapng_flush(c->w);
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
	if (c->w != NULL)
		pcapng_close(c->w, NULL, 0);
	close(c->efd);
	pthread_mutex_destroy(&c->wlock);
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
