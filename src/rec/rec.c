/*
 * rec.c -- the recent frames in memory, the ring of pcapng files and the
 * failed roams' files (rec.h).
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cap/pcapng.h"
#include "dot11/dot11.h"
#include "engine/engine.h"
#include "rec.h"
#include "record.h"

#define NS		1000000000LL
#define MAX_IFACES	32		/* (source, link type) pairs a file has */
#define MAX_DONE	512		/* failed roams remembered as written */
#define MAX_WAIT	64		/* failed roams waiting for their context */
#define MAX_NOTES	8
#define MAX_ENT		(256u * 1024)	/* frames in memory at most */
#define RING_HDR_BYTES	128		/* a ring file's SHB, at most */
#define IDB_BYTES	32		/* an interface description (pcapng.c) */

/* One frame kept in memory: where its bytes are, and what an export
 * selects by. */
struct ment {
	uint64_t	 n;
	int64_t		 ts_ns;
	size_t		 off;		/* in mem */
	uint32_t	 caplen;
	uint32_t	 origlen;
	int		 dlt;
	uint16_t	 src;
	bool		 beacon;
	uint8_t		 a[3][6];	/* addr1-3, zero when absent */
};

/* A pcapng being written, with its interfaces by (source, link type). */
struct out {
	struct pcapng_w	*w;
	unsigned	 nif;
	uint16_t	 if_src[MAX_IFACES];
	int		 if_dlt[MAX_IFACES];
	int		 if_id[MAX_IFACES];
};

struct wait {
	uint64_t	 id;
	int64_t		 due_ns;	/* capture time it is written at */
};

struct rec {
	struct rec_conf	 c;
	char		 dir[PATH_MAX];

	/* memory: a byte ring and the entries in it, oldest first */
	uint8_t		*mem;
	size_t		 wpos;
	struct ment	*ent;
	size_t		 ent_cap, ent_head, nent;
	int64_t		 newest_ns;

	/* the ring of files */
	struct out	 ring;
	bool		 ring_open;
	uint64_t	 ring_bytes;
	unsigned	 ring_seq;
	char		(*ring_names)[PATH_MAX];	/* files, oldest first */
	unsigned	 nring_names;
	unsigned	 ring_made;
	bool		 ring_broken;

	/* failed roams */
	uint64_t	 fails_seen;
	uint64_t	 fails_owed;	/* counted while still pending */
	struct wait	 wait[MAX_WAIT];
	unsigned	 nwait;
	uint64_t	 done[MAX_DONE];
	unsigned	 ndone, done_pos;
	unsigned	 failed_made;
	uint64_t	 failed_bytes;
	bool		 failed_full;	/* the limit said once */
	bool		 finished;

	char		 notes[MAX_NOTES][PATH_MAX + 128];
	uint64_t	 nnotes;
};

void
rec_conf_defaults(struct rec_conf *c)
{
	memset(c, 0, sizeof *c);
	c->ring = true;
	c->file_bytes = 16u << 20;
	c->files = 8;
	c->failed = true;
	c->context_ns = 10 * NS;
	c->mem_bytes = 32u << 20;
	c->failed_max = 256;
}

const char *
rec_default_dir(char *buf, size_t len)
{
	const char	*x = getenv("XDG_STATE_HOME"), *h = getenv("HOME");
	int		 n;

	if (x != NULL && x[0] == '/')
		n = snprintf(buf, len, "%s/roamscope", x);
	else if (h != NULL && h[0] == '/')
		n = snprintf(buf, len, "%s/.local/state/roamscope", h);
	else
		return (NULL);
	return (n < 0 || (size_t)n >= len ? NULL : buf);
}

static void
note(struct rec *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
note(struct rec *r, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(r->notes[r->nnotes % MAX_NOTES], sizeof r->notes[0], fmt,
	    ap);
	va_end(ap);
	r->nnotes++;
}

bool
rec_note_next(struct rec *r, uint64_t *seen, char *buf, size_t len)
{
	if (r == NULL || *seen >= r->nnotes)
		return (false);
	if (r->nnotes - *seen > MAX_NOTES)
		*seen = r->nnotes - MAX_NOTES;
	snprintf(buf, len, "%s", r->notes[*seen % MAX_NOTES]);
	(*seen)++;
	return (true);
}

/* mkdir -p, for the state directory. */
static int
make_dir(const char *path)
{
	char	 tmp[PATH_MAX], *p;

	if (snprintf(tmp, sizeof tmp, "%s", path) >= (int)sizeof tmp)
		return (-1);
	for (p = tmp + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(tmp, 0700) != 0 && errno != EEXIST)
			return (-1);
		*p = '/';
	}
	if (mkdir(tmp, 0700) != 0 && errno != EEXIST)
		return (-1);
	return (0);
}

static int
is_ring_file(const struct dirent *d)
{
	size_t	n = strlen(d->d_name);

	return (strncmp(d->d_name, "ring-", 5) == 0 && n > 12 &&
	    strcmp(d->d_name + n - 7, ".pcapng") == 0);
}

/* The ring files earlier runs left count in the bound: the oldest (by
 * name: by time) go first, so that the directory never holds more than
 * `files` of them.  One slot is left for this run's first file. */
static void
ring_adopt(struct rec *r)
{
	struct dirent	**list;
	char		  path[PATH_MAX];
	int		  i, n, keep;

	if ((n = scandir(r->dir, &list, is_ring_file, alphasort)) < 0)
		return;
	keep = (int)r->c.files - 1;
	for (i = 0; i < n; i++) {
		if (snprintf(path, sizeof path, "%s/%s", r->dir,
		    list[i]->d_name) < (int)sizeof path) {
			if (i < n - keep)
				(void)unlink(path);
			else
				memcpy(r->ring_names[r->nring_names++], path,
				    PATH_MAX);
		}
		free(list[i]);
	}
	free(list);
}

struct rec *
rec_new(const struct rec_conf *c, char *err, size_t errlen)
{
	struct rec	*r;

	if ((r = calloc(1, sizeof *r)) == NULL) {
		snprintf(err, errlen, "out of memory");
		return (NULL);
	}
	r->c = *c;
	if (r->c.files == 0)
		r->c.files = 1;
	if (r->c.mem_bytes < (1u << 20))
		r->c.mem_bytes = 1u << 20;
	if ((r->mem = malloc(r->c.mem_bytes)) == NULL) {
		snprintf(err, errlen, "out of memory for the recent frames "
		    "(%zu bytes)", r->c.mem_bytes);
		free(r);
		return (NULL);
	}
	if (c->dir != NULL)
		snprintf(r->dir, sizeof r->dir, "%s", c->dir);
	if ((r->c.ring || r->c.failed) && r->dir[0] != '\0' &&
	    make_dir(r->dir) != 0) {
		snprintf(err, errlen, "cannot make the recording directory "
		    "%s: %s; give another with --record-dir, or --no-record",
		    r->dir, strerror(errno));
		free(r->mem);
		free(r);
		return (NULL);
	}
	if (r->dir[0] == '\0')
		r->c.ring = r->c.failed = false;
	if (r->c.ring && (r->ring_names = calloc(r->c.files + 1,
	    sizeof *r->ring_names)) == NULL) {
		snprintf(err, errlen, "out of memory");
		free(r->mem);
		free(r);
		return (NULL);
	}
	if (r->c.ring)
		ring_adopt(r);
	return (r);
}

const char *
rec_dir(const struct rec *r)
{
	return (r != NULL && (r->c.ring || r->c.failed) ? r->dir : NULL);
}

void
rec_counts(const struct rec *r, unsigned *ring, unsigned *failed)
{
	*ring = r != NULL ? r->ring_made : 0;
	*failed = r != NULL ? r->failed_made : 0;
}

/* ------------------------------------------------------------------------
 * Memory.
 */
static struct ment *
ent_at(const struct rec *r, size_t i)
{
	return (&r->ent[(r->ent_head + i) % r->ent_cap]);
}

static bool
ent_grow(struct rec *r)
{
	struct ment	*ne;
	size_t		 ncap = r->ent_cap ? r->ent_cap * 2 : 4096, i;

	if ((ne = reallocarray(NULL, ncap, sizeof *ne)) == NULL)
		return (false);
	for (i = 0; i < r->nent; i++)
		ne[i] = *ent_at(r, i);
	free(r->ent);
	r->ent = ne;
	r->ent_cap = ncap;
	r->ent_head = 0;
	return (true);
}

static bool
overlaps(size_t a, size_t alen, size_t b, size_t blen)
{
	return (a < b + blen && b < a + alen);
}

static void
mem_add(struct rec *r, const struct rs_rec *rec)
{
	const struct d11_frame	*f = &rec->f;
	struct ment		*e;
	size_t			 len = rec->caplen;

	if (len == 0 || len > r->c.mem_bytes / 4)
		return;
	if (r->wpos + len > r->c.mem_bytes)
		r->wpos = 0;
	/* drop the oldest frames whose bytes the new one overwrites */
	while (r->nent != 0 && overlaps(ent_at(r, 0)->off,
	    ent_at(r, 0)->caplen, r->wpos, len)) {
		r->ent_head = (r->ent_head + 1) % r->ent_cap;
		r->nent--;
	}
	/* tiny frames: the count is bounded too */
	if (r->nent == MAX_ENT) {
		r->ent_head = (r->ent_head + 1) % r->ent_cap;
		r->nent--;
	}
	if (r->nent == r->ent_cap && !ent_grow(r))
		return;
	e = ent_at(r, r->nent);
	memset(e, 0, sizeof *e);
	e->n = rec->n;
	e->ts_ns = rec->ts_ns;
	e->off = r->wpos;
	e->caplen = rec->caplen;
	e->origlen = rec->origlen;
	e->dlt = rec->dlt;
	e->src = rec->src;
	e->beacon = f->kind == D11_K_BEACON;
	if (f->addr1 != NULL)
		memcpy(e->a[0], f->addr1, 6);
	if (f->addr2 != NULL)
		memcpy(e->a[1], f->addr2, 6);
	if (f->addr3 != NULL)
		memcpy(e->a[2], f->addr3, 6);
	memcpy(r->mem + r->wpos, rec->raw, len);
	r->wpos += len;
	r->nent++;
}

/* ------------------------------------------------------------------------
 * Writing pcapng files.
 */
static int
out_iface(struct out *o, uint16_t src, int dlt)
{
	unsigned	k;
	int		id;

	for (k = 0; k < o->nif; k++)
		if (o->if_src[k] == src && o->if_dlt[k] == dlt)
			return (o->if_id[k]);
	if (o->nif == MAX_IFACES ||
	    (id = pcapng_add_iface(o->w, dlt, NULL, 65535)) < 0)
		return (-1);
	o->if_src[o->nif] = src;
	o->if_dlt[o->nif] = dlt;
	o->if_id[o->nif++] = id;
	return (id);
}

static int
out_write(struct out *o, uint64_t n, int64_t ts, uint16_t src, int dlt,
    const uint8_t *p, uint32_t caplen, uint32_t origlen, bool comment)
{
	char	c[40];
	int	id;

	if ((id = out_iface(o, src, dlt)) < 0)
		return (-1);
	snprintf(c, sizeof c, "frame %llu", (unsigned long long)n);
	return (pcapng_write_comment(o->w, id, ts, p, caplen, origlen,
	    comment ? c : NULL));
}

/* "20261201-183412" in local time. */
static void
stamp(int64_t ns, char *out, size_t len)
{
	struct tm	tm;
	time_t		s = (time_t)(ns / NS);

	localtime_r(&s, &tm);
	strftime(out, len, "%Y%m%d-%H%M%S", &tm);
}

/* ------------------------------------------------------------------------
 * The ring of files.
 */
static void
ring_close(struct rec *r)
{
	char	err[256];

	if (!r->ring_open)
		return;
	if (pcapng_close(r->ring.w, err, sizeof err) != 0) {
		note(r, "recording stopped: %s", err);
		r->ring_broken = true;
	}
	r->ring_open = false;
}

static void
ring_next(struct rec *r, int64_t ts)
{
	char	 when[32], err[256];
	unsigned i;
	int	 n;

	ring_close(r);
	if (r->ring_broken)
		return;
	stamp(ts, when, sizeof when);
	n = snprintf(r->ring_names[r->nring_names], PATH_MAX,
	    "%s/ring-%s-%05u.pcapng", r->dir, when, ++r->ring_seq);
	if (n < 0 || n >= PATH_MAX) {
		note(r, "recording stopped: the directory name is too long");
		r->ring_broken = true;
		return;
	}
	/* an earlier run's file of the same name is overwritten: once */
	for (i = 0; i < r->nring_names; i++)
		if (strcmp(r->ring_names[i],
		    r->ring_names[r->nring_names]) == 0) {
			memmove(r->ring_names[i], r->ring_names[i + 1],
			    (size_t)(r->nring_names - i) * PATH_MAX);
			r->nring_names--;
			break;
		}
	memset(&r->ring, 0, sizeof r->ring);
	if ((r->ring.w = pcapng_open(r->ring_names[r->nring_names], err,
	    sizeof err)) == NULL) {
		note(r, "recording stopped: %s", err);
		r->ring_broken = true;
		return;
	}
	r->ring_open = true;
	/* the section header and the interfaces to come count too */
	r->ring_bytes = RING_HDR_BYTES;
	r->ring_made++;
	r->nring_names++;
	/* keep the newest `files` */
	while (r->nring_names > r->c.files) {
		(void)unlink(r->ring_names[0]);
		for (i = 1; i < r->nring_names; i++)
			memcpy(r->ring_names[i - 1], r->ring_names[i],
			    PATH_MAX);
		r->nring_names--;
	}
}

static void
ring_add(struct rec *r, const struct rs_rec *rec)
{
	unsigned	nif;

	if (r->ring_broken)
		return;
	/* this frame, padded, and an interface it may need: over the size,
	 * the next file */
	if (!r->ring_open || r->ring_bytes + 32 + ((rec->caplen + 3u) & ~3u) +
	    IDB_BYTES > r->c.file_bytes)
		ring_next(r, rec->ts_ns);
	if (!r->ring_open)
		return;
	nif = r->ring.nif;
	if (out_write(&r->ring, rec->n, rec->ts_ns, rec->src, rec->dlt,
	    rec->raw, rec->caplen, rec->origlen, false) != 0) {
		ring_close(r);
		r->ring_broken = true;
		return;
	}
	r->ring_bytes += 32 + ((rec->caplen + 3u) & ~3u);
	if (r->ring.nif != nif)
		r->ring_bytes += IDB_BYTES;
}

void
rec_note(struct rec *r, const struct rs_rec *rec)
{
	if (r == NULL)
		return;
	if (rec->ts_ns > r->newest_ns)
		r->newest_ns = rec->ts_ns;
	mem_add(r, rec);
	if (r->c.ring)
		ring_add(r, rec);
}

/* ------------------------------------------------------------------------
 * Exports: a roam with context.
 */
struct pick {
	uint64_t	 n;
	int64_t		 ts_ns;
	uint16_t	 src;
	int		 dlt;
	const uint8_t	*p;
	uint32_t	 caplen, origlen;
};

static int
cmp_pick(const void *a, const void *b)
{
	const struct pick	*x = a, *y = b;

	return (x->n < y->n ? -1 : x->n > y->n);
}

static bool
is(const uint8_t *a, const uint8_t *b)
{
	return (memcmp(a, b, 6) == 0);
}

/* The client's frames (any of the three addresses), and the beacons of the
 * roam's APs. */
static bool
wanted(const struct ment *e, const struct eng_roam *x)
{
	int	i;

	if (e->beacon)
		return (is(e->a[1], x->to) || (x->has_from &&
		    is(e->a[1], x->from)));
	for (i = 0; i < 3; i++)
		if (is(e->a[i], x->client))
			return (true);
	return (false);
}

/* The first entry at or after ts (by bisection). */
static size_t
first_at(const struct rec *r, int64_t ts)
{
	size_t	lo = 0, hi = r->nent, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (ent_at(r, mid)->ts_ns < ts)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (lo);
}

int
rec_export(struct rec *r, const struct eng *eng, const struct eng_roam *x,
    int64_t ctx_ns, const char *path, size_t *nframes, size_t *nroam,
    char *err, size_t errlen)
{
	const struct eng_frame	*f;
	struct pick		*pk;
	struct out		 o;
	const struct ment	*e;
	int64_t			 t0, t1;
	size_t			 i, k = 0, max, w = 0;
	int			 rc = 0;

	*nframes = *nroam = 0;
	t0 = x->start_ns - ctx_ns;
	t1 = (x->last_frame_ns > x->end_ns ? x->last_frame_ns : x->end_ns);
	if (t1 < x->start_ns)
		t1 = x->start_ns;
	t1 += ctx_ns;
	max = (r != NULL ? r->nent : 0) + x->nframes;
	if ((pk = reallocarray(NULL, max ? max : 1, sizeof *pk)) == NULL) {
		snprintf(err, errlen, "out of memory");
		return (-1);
	}
	/* entries are in arrival order, which is time order but for small
	 * steps back between sources: start a second early, stop a second
	 * late */
	for (i = r != NULL ? first_at(r, t0 - NS) : 0; r != NULL &&
	    i < r->nent; i++) {
		e = ent_at(r, i);
		if (e->ts_ns > t1 + NS)
			break;
		if (e->ts_ns < t0 || e->ts_ns > t1 || !wanted(e, x))
			continue;
		pk[k++] = (struct pick){ e->n, e->ts_ns, e->src, e->dlt,
		    r->mem + e->off, e->caplen, e->origlen };
	}
	/* the roam's own frames from the engine, for those memory lost */
	for (i = 0; i < x->nframes; i++)
		if ((f = eng_frame_by_n(eng, x->frames[i])) != NULL)
			pk[k++] = (struct pick){ f->n, f->ts_ns, f->src,
			    f->dlt, f->data, f->caplen, f->origlen };
	qsort(pk, k, sizeof *pk, cmp_pick);

	memset(&o, 0, sizeof o);
	if ((o.w = pcapng_open(path, err, errlen)) == NULL) {
		free(pk);
		return (-1);
	}
	for (i = 0; i < k; i++) {
		if (i > 0 && pk[i].n == pk[i - 1].n)
			continue;
		if (out_write(&o, pk[i].n, pk[i].ts_ns, pk[i].src, pk[i].dlt,
		    pk[i].p, pk[i].caplen, pk[i].origlen, true) != 0)
			break;
		w++;
	}
	if (pcapng_close(o.w, err, errlen) != 0)
		rc = -1;
	*nframes = w;
	for (i = 0; i < x->nframes; i++)
		if (bsearch(&(struct pick){ .n = x->frames[i] }, pk, k,
		    sizeof *pk, cmp_pick) != NULL)
			(*nroam)++;
	free(pk);
	return (rc);
}

/* ------------------------------------------------------------------------
 * Failed roams, each on its own.
 */
static bool
is_failed(const struct eng_roam *x)
{
	return (x->result == ENG_R_FAILED || x->verdict == ENG_V_FAIL);
}

static bool
done_has(const struct rec *r, uint64_t id)
{
	unsigned	i;

	for (i = 0; i < r->ndone; i++)
		if (r->done[i] == id)
			return (true);
	for (i = 0; i < r->nwait; i++)
		if (r->wait[i].id == id)
			return (true);
	return (false);
}

static void
write_failed(struct rec *r, const struct eng *eng, uint64_t id)
{
	const struct eng_roam	*x;
	char			 path[PATH_MAX], when[32], what[48], err[256];
	struct stat		 st;
	size_t			 n, own;
	int			 len;

	r->done[r->done_pos] = id;
	r->done_pos = (r->done_pos + 1) % MAX_DONE;
	if (r->ndone < MAX_DONE)
		r->ndone++;
	if ((x = eng_roam_by_id(eng, id)) == NULL)
		return;
	/* a storm of failures must not fill the disk: the ring has them */
	if (r->failed_made >= r->c.failed_max || r->failed_bytes >=
	    r->c.file_bytes * r->c.files) {
		if (!r->failed_full)
			note(r, "failed roams are no longer saved on their own: "
			    "%u files, %llu MB (the limit); the ring of files "
			    "still has their frames", r->failed_made,
			    (unsigned long long)(r->failed_bytes >> 20));
		r->failed_full = true;
		return;
	}
	stamp(x->start_ns, when, sizeof when);
	/* the refusing status, else what went wrong */
	if (x->status > 0)
		snprintf(what, sizeof what, "status%d", x->status);
	else if (x->result == ENG_R_FAILED && x->ndiags != 0)
		snprintf(what, sizeof what, "%s", x->diags[0].code);
	else
		snprintf(what, sizeof what, "%s", x->result == ENG_R_FAILED ?
		    eng_result_name(x->result) : "slow");
	len = snprintf(path, sizeof path, "%s/failed-%s-%02x%02x%02x%02x%02x"
	    "%02x-%s.pcapng", r->dir, when, x->client[0], x->client[1],
	    x->client[2], x->client[3], x->client[4], x->client[5], what);
	if (len < 0 || (size_t)len >= sizeof path)
		return;
	if (rec_export(r, eng, x, r->c.context_ns, path, &n, &own, err,
	    sizeof err) != 0) {
		note(r, "failed roam of %02x:%02x:%02x:%02x:%02x:%02x not "
		    "saved: %s", x->client[0], x->client[1], x->client[2],
		    x->client[3], x->client[4], x->client[5], err);
		return;
	}
	r->failed_made++;
	if (stat(path, &st) == 0)
		r->failed_bytes += (uint64_t)st.st_size;
	note(r, "failed roam saved: %s (%zu frames)", path, n);
}

/* New failures: wait for their context; write those now due. */
static void
failed_poll(struct rec *r, const struct eng *eng, bool all)
{
	const struct eng_counters	*c = eng_counters(eng);
	const struct eng_roam		*x;
	uint64_t			 now = c->roams_failed + c->fail, want;
	size_t				 i;
	unsigned			 k;
	int64_t				 end;

	if (now != r->fails_seen) {
		/* newest first, until as many new failures as the counts
		 * grew by are found (an older settled roam is read only
		 * when one of them is not among the newest) */
		want = (now > r->fails_seen ? now - r->fails_seen : 0) +
		    r->fails_owed;
		r->fails_seen = now;
		r->fails_owed = 0;
		for (i = eng_nroams_all(eng); want > 0 && i-- > 0;) {
			if ((x = eng_roam_all(eng, i)) == NULL)
				continue;
			end = x->last_frame_ns > x->end_ns ?
			    x->last_frame_ns : x->end_ns;
			if (!is_failed(x) || done_has(r, x->id) ||
			    r->nwait == MAX_WAIT)
				continue;
			if (x->result == ENG_R_PENDING) {
				/* the next scan looks for it again */
				r->fails_owed++;
				continue;
			}
			r->wait[r->nwait].id = x->id;
			r->wait[r->nwait++].due_ns = end + r->c.context_ns;
			/* a failed roam with a FAIL verdict counts twice */
			k = (x->result == ENG_R_FAILED) +
			    (x->verdict == ENG_V_FAIL);
			want = k >= want ? 0 : want - k;
		}
	}
	for (k = 0; k < r->nwait;) {
		if (!all && r->wait[k].due_ns > r->newest_ns) {
			k++;
			continue;
		}
		{
			uint64_t id = r->wait[k].id;

			r->wait[k] = r->wait[--r->nwait];
			write_failed(r, eng, id);
		}
	}
}

void
rec_poll(struct rec *r, const struct eng *eng)
{
	if (r == NULL)
		return;
	if (r->c.failed)
		failed_poll(r, eng, false);
	if (r->ring_open && pcapng_flush(r->ring.w) != 0) {
		ring_close(r);
		r->ring_broken = true;
	}
}

void
rec_finish(struct rec *r, const struct eng *eng)
{
	if (r == NULL || r->finished)
		return;
	r->finished = true;
	if (r->c.failed)
		failed_poll(r, eng, true);
	ring_close(r);
	if (r->ring_made != 0)
		note(r, "recorded %u ring file%s in %s, the newest %u kept",
		    r->ring_made, r->ring_made == 1 ? "" : "s", r->dir,
		    r->nring_names);
}

void
rec_free(struct rec *r)
{
	if (r == NULL)
		return;
	ring_close(r);
	free(r->ring_names);
	free(r->ent);
	free(r->mem);
	free(r);
}
