/*
 * cold.c -- settled joins and roams kept packed.
 *
 * Once a client has newer attempts, an older settled one is read, not
 * changed, and most of its struct att is zeros (phases, diagnoses, frame
 * numbers, links and exchanges not used).  It is kept as that struct's bytes
 * with the runs of zero words squeezed out: a few times smaller, and exact,
 * so a log or a key check that attaches to it later thaws it back to the
 * very struct it was, changes it, and it is packed again.  Reads go through
 * EI_VIEWS views, unpacked in turn.  Packed attempts are bounded by
 * roam_store_bytes: beyond it (checked as attempts are packed, never while
 * records are read or changed) the oldest packed one is dropped, as the
 * per-client bound drops them (counted in roams_aged; the counters of
 * clients and of the engine keep counting every one).
 *
 * The packed form: 8-byte words of the struct, as runs of
 * [u16 literal words][the words][u16 zero words], until the struct's end.
 * The packed bytes are laid end to end in chunks, each freed when the last
 * attempt in it goes: attempts are packed and dropped in much the same
 * order, so they do not fragment the heap the frame store shares, and the
 * bound counts the chunks, the memory really taken.
 */
#include <stddef.h>
#include <stdlib.h>

#include "engine_int.h"

#define CD_WORDS	(sizeof(struct att) / sizeof(uint64_t))
/* the most a packed struct takes: every other word a literal run */
#define CD_ZMAX		(sizeof(struct att) + 4 * (CD_WORDS / 2 + 2))

/* A chunk's size: a sixteenth of the bound, within these. */
#define CC_MIN		(4u << 10)
#define CC_MAX		(256u << 10)

struct cchunk {
	struct cchunk	*prev, *next;	/* oldest first */
	size_t		 size, used;
	unsigned	 live;		/* attempts packed in it */
	uint8_t		 data[];
};

_Static_assert(sizeof(struct att) % sizeof(uint64_t) == 0,
    "struct att is packed in whole words");
_Static_assert(CD_WORDS < 65536, "run lengths fit 16 bits");
/* a view is its public record, the struct's first member: only that much
 * is unpacked for reading */
_Static_assert(offsetof(struct att, pub) == 0, "pub comes first");
#define CD_PUB_WORDS	((sizeof(struct eng_roam) + 7) / 8)

static void
put16(uint8_t *p, size_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static size_t
get16(const uint8_t *p)
{
	return (size_t)p[0] | (size_t)p[1] << 8;
}

static bool
word_zero(const uint8_t *p)
{
	uint64_t w;

	memcpy(&w, p, sizeof w);
	return w == 0;
}

/* The struct's bytes packed into out (CD_ZMAX); returns the length. */
static size_t
cd_pack(const struct att *a, uint8_t *out)
{
	const uint8_t *s = (const uint8_t *)a;
	size_t i = 0, j, o = 0;

	while (i < CD_WORDS) {
		for (j = i; j < CD_WORDS && !word_zero(s + j * 8); j++)
			;
		put16(out + o, j - i);
		memcpy(out + o + 2, s + i * 8, (j - i) * 8);
		o += 2 + (j - i) * 8;
		for (i = j; i < CD_WORDS && word_zero(s + i * 8); i++)
			;
		put16(out + o, i - j);
		o += 2;
	}
	return o;
}

/* Its exact bytes back, the first nw words of them (what cd_pack wrote:
 * never longer than the struct). */
static void
cd_unpack(const uint8_t *z, size_t zlen, struct att *a, size_t nw)
{
	uint8_t *d = (uint8_t *)a;
	size_t i = 0, w = 0, lit, zero;

	while (i + 4 <= zlen && w < nw) {
		lit = get16(z + i);
		if (lit > CD_WORDS - w || i + 2 + lit * 8 + 2 > zlen)
			break;
		memcpy(d + w * 8, z + i + 2, (lit < nw - w ? lit : nw - w) * 8);
		w += lit;
		i += 2 + lit * 8;
		if (w >= nw)
			return;
		zero = get16(z + i);
		i += 2;
		if (zero > nw - w)
			zero = nw - w;
		memset(d + w * 8, 0, zero * 8);
		w += zero;
	}
	if (w < nw)	/* never: our own bytes */
		memset(d + w * 8, 0, (nw - w) * 8);
}

/* Nothing refers to it but its kept: settled, not open, waiting for no
 * frame, not the client's open or pre-roam attempt. */
static bool
coldable(const struct att *a)
{
	return a->closed && !a->in_open && !a->want_after &&
	    !a->want_client_after && a->cl->open != a && a->cl->pre != a;
}

/* Room for n packed bytes (a multiple of 8 keeps them word-aligned). */
static uint8_t *
cc_alloc(struct eng *e, size_t n, struct cchunk **in)
{
	struct cchunk *c = e->cc_tail;
	size_t size;

	n = (n + 7) & ~(size_t)7;
	if (c == NULL || c->size - c->used < n) {
		size = e->conf.roam_store_bytes / 16;
		size = size < CC_MIN ? CC_MIN : size > CC_MAX ? CC_MAX : size;
		if (size < n)
			size = n;
		if ((c = malloc(sizeof *c + size)) == NULL)
			return NULL;
		c->size = size;
		c->used = 0;
		c->live = 0;
		c->next = NULL;
		c->prev = e->cc_tail;
		if (e->cc_tail != NULL)
			e->cc_tail->next = c;
		else
			e->cc_head = c;
		e->cc_tail = c;
		e->cc_bytes += sizeof *c + size;
	}
	*in = c;
	c->live++;
	c->used += n;
	return c->data + c->used - n;
}

static void
cc_free(struct eng *e, struct cchunk *c)
{
	if (--c->live > 0)
		return;
	if (c == e->cc_tail) {
		c->used = 0;	/* filled again from the start */
		return;
	}
	if (c->prev != NULL)
		c->prev->next = c->next;
	else
		e->cc_head = c->next;
	c->next->prev = c->prev;	/* not the tail: there is a next */
	e->cc_bytes -= sizeof *c + c->size;
	free(c);
}

/* What packed attempts take: their chunks and their kepts. */
static size_t
cold_mem(const struct eng *e)
{
	return e->cc_bytes + e->ncold * sizeof(struct kept);
}

static void
view_drop(struct eng *e, struct kept *k)
{
	if (k->view >= 0 && e->view_of[k->view] == k)
		e->view_of[k->view] = NULL;
	k->view = -1;
}

/* Out of the packed ones: its bytes and its view go. */
static void
cold_unlink(struct eng *e, struct kept *k)
{
	if (k->cprev != NULL)
		k->cprev->cnext = k->cnext;
	else
		e->cold_head = k->cnext;
	if (k->cnext != NULL)
		k->cnext->cprev = k->cprev;
	else
		e->cold_tail = k->cprev;
	k->cnext = k->cprev = NULL;
	e->ncold--;
	cc_free(e, k->chunk);
	k->chunk = NULL;
	k->z = NULL;
	k->zlen = 0;
	view_drop(e, k);
}

static void
freeze(struct eng *e, struct kept *k)
{
	struct att *a = k->hot;
	const struct eng_roam *p;
	uint8_t *z;
	size_t n;

	if (a == NULL || !coldable(a))
		return;
	if (e->zbuf == NULL && (e->zbuf = malloc(CD_ZMAX)) == NULL)
		return;
	n = cd_pack(a, e->zbuf);
	if ((z = cc_alloc(e, n, &k->chunk)) == NULL)
		return;
	memcpy(z, e->zbuf, n);
	p = &a->pub;
	k->start_ns = p->start_ns;
	k->end_ns = p->last_frame_ns > p->end_ns ? p->last_frame_ns :
	    p->end_ns;
	memcpy(k->to, p->to, 6);
	k->is_join = p->is_join;
	k->z = z;
	k->zlen = (uint32_t)n;
	k->hot = NULL;
	k->view = -1;
	st_att_put(e, a);

	k->cnext = NULL;
	k->cprev = e->cold_tail;
	if (e->cold_tail != NULL)
		e->cold_tail->cnext = k;
	else
		e->cold_head = k;
	e->cold_tail = k;
	e->ncold++;
}

void
cd_settle(struct eng *e, struct client *c)
{
	struct kept *k;
	unsigned i;

	if (c->rcount <= e->conf.hot_roams)
		return;
	/* from the newest that may be packed back to the first packed one */
	for (i = c->rcount - e->conf.hot_roams; i-- > 0;) {
		k = c->ring[(c->rhead + i) % c->rcap];
		if (k->hot == NULL)
			break;
		if (!k->thawed)
			freeze(e, k);
	}
	/* the bound, here only: what reads or thaws never loses a record */
	while (e->conf.roam_store_bytes > 0 &&
	    cold_mem(e) > e->conf.roam_store_bytes && e->cold_head != NULL)
		st_kept_drop(e, e->cold_head);
}

const struct eng_roam *
cd_view(struct eng *e, struct kept *k)
{
	struct kept *o;
	struct att *v;
	unsigned slot;

	if (k->hot != NULL) {
		tx_texts(&k->hot->pub);	/* a view, not state */
		return &k->hot->pub;
	}
	if (k->view >= 0 && e->view_of[k->view] == k)
		return &e->views[k->view].pub;
	if (e->views == NULL &&
	    (e->views = calloc(EI_VIEWS, sizeof *e->views)) == NULL)
		return NULL;
	slot = e->view_next++ % EI_VIEWS;
	if ((o = e->view_of[slot]) != NULL)
		o->view = -1;
	v = &e->views[slot];
	cd_unpack(k->z, k->zlen, v, CD_PUB_WORDS);
	tx_texts(&v->pub);
	e->view_of[slot] = k;
	k->view = (int16_t)slot;
	return &v->pub;
}

struct att *
cd_thaw(struct eng *e, struct kept *k)
{
	struct kept **nt;
	struct att *a;
	size_t ncap;

	if (k->hot != NULL)
		return k->hot;
	if (e->nthawed == e->thawcap) {
		ncap = e->thawcap ? e->thawcap * 2 : 16;
		if ((nt = realloc(e->thawed, ncap * sizeof *nt)) == NULL)
			return NULL;
		e->thawed = nt;
		e->thawcap = ncap;
	}
	if ((a = st_att_get(e)) == NULL)
		return NULL;
	cd_unpack(k->z, k->zlen, a, CD_WORDS);
	cold_unlink(e, k);
	k->hot = a;
	k->thawed = true;
	e->thawed[e->nthawed++] = k;
	return a;
}

struct eng_roam *
cd_mut(struct eng *e, const struct eng_roam *p)
{
	struct kept *k;
	struct att *a;
	uint64_t id;

	if (p == NULL)
		return NULL;
	id = p->id;
	/* the ones thawed before go back first: a caller changes one
	 * record at a time */
	if (e->nthawed >= EI_VIEWS)
		cd_cool(e);
	if ((k = st_kept_by_id(e, id)) == NULL || (a = cd_thaw(e, k)) == NULL)
		return NULL;
	return &a->pub;
}

/* Whether k is among its client's newest (kept hot). */
static bool
newest(const struct eng *e, const struct kept *k)
{
	const struct client *c = k->cl;
	unsigned i;

	for (i = 0; i < e->conf.hot_roams && i < c->rcount; i++)
		if (c->ring[(c->rhead + c->rcount - 1 - i) % c->rcap] == k)
			return true;
	return false;
}

void
cd_cool(struct eng *e)
{
	struct kept *k;
	size_t i, n = e->nthawed;

	e->nthawed = 0;
	for (i = 0; i < n; i++) {
		k = e->thawed[i];
		if (k == NULL)
			continue;
		k->thawed = false;
		if (!newest(e, k))
			freeze(e, k);
	}
}

void
cd_forget(struct eng *e, struct kept *k)
{
	size_t i;

	if (k->thawed) {
		for (i = 0; i < e->nthawed; i++)
			if (e->thawed[i] == k)
				e->thawed[i] = NULL;
		k->thawed = false;
	}
	if (k->hot != NULL)
		return;
	cold_unlink(e, k);
}

void
cd_free(struct eng *e)
{
	struct cchunk *c;

	while ((c = e->cc_head) != NULL) {
		e->cc_head = c->next;
		free(c);
	}
	e->cc_tail = NULL;
	e->cc_bytes = 0;
	free(e->views);
	free(e->thawed);
	free(e->zbuf);
	e->views = NULL;
	e->thawed = NULL;
	e->zbuf = NULL;
}
