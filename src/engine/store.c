/*
 * store.c -- what the engine keeps: clients, APs, attempts by id, AP pairs
 * and the raw frames, each bounded, each found through one lookup function
 * (st_client, st_ap: an alias, e.g. an MLD address for its links, can be
 * added there).
 *
 * Every per-frame operation is O(1) amortised: hash tables sized from the
 * limits, least-recently-heard lists for eviction (no scan for the oldest),
 * and first-seen arrays whose holes are compacted when they outnumber the
 * live entries.
 */
#include <stdlib.h>

#include "engine_int.h"

#define MIN_BUCKETS	64u
/* Attempts come and go often (every 11k/11v exchange opens one): the freed
 * ones are kept for reuse, this many. */
#define ATT_CACHE	64

static unsigned
buckets_for(unsigned n)
{
	unsigned b = MIN_BUCKETS;

	while (b < n && b < (1u << 24))
		b <<= 1;
	return b;
}

void
st_bump(struct eng *e)
{
	e->gen++;
}

uint64_t
eng_generation(const struct eng *e)
{
	return e->gen;
}

const struct eng_counters *
eng_counters(const struct eng *e)
{
	return &e->cnt;
}

const struct eng_sla *
eng_get_sla(const struct eng *e)
{
	return &e->sla;
}

void
eng_conf_defaults(struct eng_conf *c)
{
	memset(c, 0, sizeof *c);
	c->hard_roam_window_ns = 10 * NS_PER_S;
	c->kv_window_ns = 10 * NS_PER_S;
	c->max_clients = 4096;
	c->max_roams_per_client = 256;
	c->client_idle_ns = 24 * 3600 * NS_PER_S;
	c->roam_max_age_ns = 0;
	c->max_aps = 4096;
	c->frame_store_bytes = 16u << 20;
	c->roam_store_bytes = 24u << 20;
	/* the newest one: later frames, DHCP and late answers still change
	 * it; what changes an older one (key checks, logs) thaws it */
	c->hot_roams = 1;
	c->response_timeout_ns = 1 * NS_PER_S;
	c->loop_window_ns = 5 * NS_PER_S;
	c->loop_min = 3;
	c->max_pairs = 4096;
}

struct eng *
eng_new(const struct eng_conf *conf, char *err, size_t errlen)
{
	struct eng *e;

	if ((e = calloc(1, sizeof *e)) == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	if (conf != NULL)
		e->conf = *conf;
	else
		eng_conf_defaults(&e->conf);
	if (e->conf.max_clients == 0)
		e->conf.max_clients = 1;
	if (e->conf.max_roams_per_client == 0)
		e->conf.max_roams_per_client = 1;
	if (e->conf.max_aps == 0)
		e->conf.max_aps = 1;
	if (e->conf.max_pairs == 0)
		e->conf.max_pairs = 1;
	if (e->conf.hot_roams == 0)
		e->conf.hot_roams = 1;
	if (e->conf.loop_min < 2)
		e->conf.loop_min = 2;
	eng_sla_defaults(&e->sla);
	if (e->conf.sla_text != NULL && eng_sla_parse(&e->sla,
	    e->conf.sla_text, e->conf.sla_path != NULL ? e->conf.sla_path :
	    "sla", err, errlen) != 0) {
		free(e);
		return NULL;
	}
	e->conf.sla_text = NULL;
	e->conf.sla_path = NULL;
	/* rssi < sticky_rssi_dbm for an integer rssi */
	e->sticky_dbm = (int)e->sla.sticky_rssi_dbm;
	if ((double)e->sticky_dbm < e->sla.sticky_rssi_dbm)
		e->sticky_dbm++;
	e->next_id = 1;
	e->ap_hmask = buckets_for(e->conf.max_aps) - 1;
	e->cl_hmask = buckets_for(e->conf.max_clients) - 1;
	e->ess_hmask = buckets_for(e->conf.max_aps) - 1;
	e->pair_hmask = buckets_for(e->conf.max_pairs) - 1;
	e->id_hmask = MIN_BUCKETS - 1;
	if ((e->aph = calloc(e->ap_hmask + 1, sizeof *e->aph)) == NULL ||
	    (e->clh = calloc(e->cl_hmask + 1, sizeof *e->clh)) == NULL ||
	    (e->essh = calloc(e->ess_hmask + 1, sizeof *e->essh)) == NULL ||
	    (e->pairh = calloc(e->pair_hmask + 1, sizeof *e->pairh)) ==
	    NULL || (e->idh = calloc(e->id_hmask + 1, sizeof *e->idh)) ==
	    NULL) {
		eng_free(e);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	return e;
}

/* ------------------------------------------------------------------------
 * First-seen arrays with holes.
 */
static bool
slot_push(void ***arr, size_t *nslots, size_t *cap, void *p, size_t *slot)
{
	void **na;
	size_t ncap;

	if (*nslots == *cap) {
		ncap = *cap ? *cap * 2 : 64;
		if ((na = realloc(*arr, ncap * sizeof *na)) == NULL)
			return false;
		*arr = na;
		*cap = ncap;
	}
	*slot = *nslots;
	(*arr)[(*nslots)++] = p;
	return true;
}

static void
aps_compact(struct eng *e)
{
	size_t i, k = 0;

	if (e->naps_slots == e->naps)
		return;
	for (i = 0; i < e->naps_slots; i++) {
		if (e->aps[i] == NULL)
			continue;
		e->aps[i]->slot = k;
		e->aps[k++] = e->aps[i];
	}
	e->naps_slots = k;
}

static void
clients_compact(struct eng *e)
{
	size_t i, k = 0;

	if (e->ncl_slots == e->nclients)
		return;
	for (i = 0; i < e->ncl_slots; i++) {
		if (e->clients[i] == NULL)
			continue;
		e->clients[i]->slot = k;
		e->clients[k++] = e->clients[i];
	}
	e->ncl_slots = k;
}

/* ------------------------------------------------------------------------
 * APs.
 */
static void
ap_lru_unlink(struct eng *e, struct ap *a)
{
	if (a->lru_prev != NULL)
		a->lru_prev->lru_next = a->lru_next;
	else
		e->ap_lru = a->lru_next;
	if (a->lru_next != NULL)
		a->lru_next->lru_prev = a->lru_prev;
	else
		e->ap_mru = a->lru_prev;
	a->lru_prev = a->lru_next = NULL;
}

static void
ap_lru_append(struct eng *e, struct ap *a)
{
	a->lru_prev = e->ap_mru;
	a->lru_next = NULL;
	if (e->ap_mru != NULL)
		e->ap_mru->lru_next = a;
	else
		e->ap_lru = a;
	e->ap_mru = a;
}

/*
 * The least recently heard AP.  Hearing an AP only stamps it (last_ns); the
 * order is fixed up here, lazily: an AP at the head heard since it was put
 * in line goes to the tail again.  Each hearing moves an AP at most once,
 * so this is O(1) amortised over the frames.
 */
static struct ap *
ap_oldest(struct eng *e)
{
	struct ap *a;

	while ((a = e->ap_lru) != NULL && a->heard_ns > a->lru_ns &&
	    a != e->ap_mru) {
		a->lru_ns = a->heard_ns;
		ap_lru_unlink(e, a);
		ap_lru_append(e, a);
	}
	return a;
}

static void
ap_remove(struct eng *e, struct ap *a)
{
	struct ap **pp;

	ess_ap_gone(e, a);
	rc_ap_gone(e, a);
	rc_ap_rssi(e, a, false, 0);
	for (pp = &e->aph[st_mac_hash(a->pub.bssid, e->ap_hmask)]; *pp != NULL;
	    pp = &(*pp)->hnext) {
		if (*pp == a) {
			*pp = a->hnext;
			break;
		}
	}
	ap_lru_unlink(e, a);
	e->aps[a->slot] = NULL;
	e->naps--;
	e->cnt.aps = (unsigned)e->naps;
	free(a);
	e->fl_valid = false;
}

/* A new AP (st_ap_get() found none). */
struct ap *
st_ap_new(struct eng *e, const uint8_t *bssid)
{
	struct ap *a;
	unsigned h;

	if (d11_is_group(bssid))
		return NULL;
	if (e->naps >= e->conf.max_aps && ap_oldest(e) != NULL) {
		/* evict the AP heard least recently */
		ap_remove(e, ap_oldest(e));
		e->cnt.aps_dropped++;
	}
	if (e->naps_slots - e->naps > e->naps && e->naps_slots > 64)
		aps_compact(e);
	if ((a = calloc(1, sizeof *a)) == NULL)
		return NULL;
	if (!slot_push((void ***)&e->aps, &e->naps_slots, &e->apcap, a,
	    &a->slot)) {
		free(a);
		return NULL;
	}
	memcpy(a->bssid, bssid, 6);
	memcpy(a->pub.bssid, bssid, 6);
	a->pub.first_ns = a->pub.last_ns = a->heard_ns = a->lru_ns = e->now;
	h = st_mac_hash(bssid, e->ap_hmask);
	a->hnext = e->aph[h];
	e->aph[h] = a;
	ap_lru_append(e, a);
	e->naps++;
	e->cnt.aps = (unsigned)e->naps;
	st_bump(e);
	return a;
}

size_t
eng_naps(const struct eng *ce)
{
	aps_compact((struct eng *)ce);	/* a view, not state */
	return ce->naps;
}

/* The public view with what the hot fields say (a view, not state). */
static const struct eng_ap *
ap_pub(struct ap *a)
{
	a->pub.last_ns = a->heard_ns;
	a->pub.beacons = a->beacons;
	a->pub.has_rssi = a->has_brssi;
	a->pub.rssi = a->brssi;
	a->pub.width_mhz = a->width_mhz;
	return &a->pub;
}

const struct eng_ap *
eng_ap(const struct eng *ce, size_t i)
{
	aps_compact((struct eng *)ce);
	return i < ce->naps ? ap_pub(ce->aps[i]) : NULL;
}

const struct eng_ap *
eng_find_ap(const struct eng *e, const uint8_t *bssid)
{
	struct ap *a = st_ap(e, bssid);

	return a != NULL ? ap_pub(a) : NULL;
}

/* ------------------------------------------------------------------------
 * Clients.
 */
static void
cl_lru_unlink(struct eng *e, struct client *c)
{
	if (c->lru_prev != NULL)
		c->lru_prev->lru_next = c->lru_next;
	else
		e->cl_lru = c->lru_next;
	if (c->lru_next != NULL)
		c->lru_next->lru_prev = c->lru_prev;
	else
		e->cl_mru = c->lru_prev;
	c->lru_prev = c->lru_next = NULL;
}

static void
cl_lru_append(struct eng *e, struct client *c)
{
	c->lru_prev = e->cl_mru;
	c->lru_next = NULL;
	if (e->cl_mru != NULL)
		e->cl_mru->lru_next = c;
	else
		e->cl_lru = c;
	e->cl_mru = c;
}

/* The least recently heard client, the same way as ap_oldest(). */
static struct client *
client_oldest(struct eng *e)
{
	struct client *c;

	while ((c = e->cl_lru) != NULL && c->heard_ns > c->lru_ns &&
	    c != e->cl_mru) {
		c->lru_ns = c->heard_ns;
		cl_lru_unlink(e, c);
		cl_lru_append(e, c);
	}
	return c;
}

void
st_assoc_list(struct eng *e, struct client *c, bool in)
{
	if (in == c->in_as)
		return;
	if (in) {
		c->as_prev = NULL;
		c->as_next = e->as_head;
		if (e->as_head != NULL)
			e->as_head->as_prev = c;
		e->as_head = c;
	} else {
		if (c->as_prev != NULL)
			c->as_prev->as_next = c->as_next;
		else
			e->as_head = c->as_next;
		if (c->as_next != NULL)
			c->as_next->as_prev = c->as_prev;
		c->as_prev = c->as_next = NULL;
	}
	c->in_as = in;
}

static void
id_del(struct eng *e, struct kept *k)
{
	struct kept **pp;

	for (pp = &e->idh[k->id & e->id_hmask]; *pp != NULL;
	    pp = &(*pp)->idnext) {
		if (*pp == k) {
			*pp = k->idnext;
			e->nids--;
			return;
		}
	}
}

/* The attempt freed; a reported one's kept as well (its caller has taken it
 * out of the client's ring). */
void
st_att_free(struct eng *e, struct att *a)
{
	struct kept *k = a->kept;

	rc_unwant(e, a);
	if (k != NULL) {
		cd_forget(e, k);
		id_del(e, k);
		free(k);
		a->kept = NULL;
	}
	st_open_del(e, a);
	if (a->cl != NULL && a->cl->open == a)
		a->cl->open = NULL;
	if (a->cl != NULL && a->cl->pre == a)
		a->cl->pre = NULL;
	st_att_put(e, a);
}

/* The memory of an attempt, from the freed ones kept for reuse. */
struct att *
st_att_get(struct eng *e)
{
	struct att *a;

	if ((a = e->att_free) != NULL) {
		e->att_free = a->onext;
		e->natt_free--;
		return a;
	}
	return malloc(sizeof *a);
}

void
st_att_put(struct eng *e, struct att *a)
{
	if (e->natt_free < ATT_CACHE) {
		a->onext = e->att_free;
		e->att_free = a;
		e->natt_free++;
	} else
		free(a);
}

/* A kept attempt out of the client's ring: freed, hot or cold. */
static void
kept_free(struct eng *e, struct kept *k)
{
	if (k->hot != NULL) {
		st_att_free(e, k->hot);
		return;
	}
	id_del(e, k);
	cd_forget(e, k);
	free(k);
}

static void
client_remove(struct eng *e, struct client *c)
{
	struct client **pp;
	struct ap *a;
	unsigned k;

	att_client_gone(e, c);
	if (c->stk_since != 0)
		e->nstk--;
	for (pp = &e->clh[st_mac_hash(c->pub.mac, e->cl_hmask)]; *pp != NULL;
	    pp = &(*pp)->hnext) {
		if (*pp == c) {
			*pp = c->hnext;
			break;
		}
	}
	if (c->pub.associated && (a = st_ap(e, c->pub.bss)) != NULL &&
	    a->pub.nclients > 0)
		a->pub.nclients--;
	st_assoc_list(e, c, false);
	if (c->pre != NULL)
		st_att_free(e, c->pre);
	for (k = 0; k < c->rcount; k++)
		kept_free(e, c->ring[(c->rhead + k) % c->rcap]);
	e->cnt.roams_aged += c->rcount;
	free(c->ring);
	cl_lru_unlink(e, c);
	e->clients[c->slot] = NULL;
	e->nclients--;
	free(c);
	e->cnt.clients = (unsigned)e->nclients;
	e->cnt.clients_aged++;
	e->all_valid = false;
	st_bump(e);
}

struct client *
st_client_get(struct eng *e, const uint8_t *mac)
{
	struct client *c;
	unsigned h;

	if ((c = st_client(e, mac)) != NULL)
		return c;
	if (d11_is_group(mac))
		return NULL;
	if (e->nclients >= e->conf.max_clients && client_oldest(e) != NULL)
		client_remove(e, client_oldest(e));
	if (e->ncl_slots - e->nclients > e->nclients && e->ncl_slots > 64)
		clients_compact(e);
	if ((c = calloc(1, sizeof *c)) == NULL)
		return NULL;
	if (!slot_push((void ***)&e->clients, &e->ncl_slots, &e->clcap, c,
	    &c->slot)) {
		free(c);
		return NULL;
	}
	memcpy(c->mac, mac, 6);
	memcpy(c->pub.mac, mac, 6);
	c->pub.first_ns = c->pub.last_ns = c->heard_ns = c->lru_ns = e->now;
	c->stk = -1;
	h = st_mac_hash(mac, e->cl_hmask);
	c->hnext = e->clh[h];
	e->clh[h] = c;
	cl_lru_append(e, c);
	e->nclients++;
	e->cnt.clients = (unsigned)e->nclients;
	st_bump(e);
	return c;
}

/* Clients idle longer than client_idle_ns (oldest heard first), and roams
 * older than roam_max_age_ns of the clients looked at. */
void
st_age(struct eng *e)
{
	struct client *c;

	/* every client was heard since it took its place in the line, so
	 * none is idle while the first one's place is recent: no walk */
	if (e->cl_lru == NULL ||
	    e->now - e->cl_lru->lru_ns <= e->conf.client_idle_ns)
		return;
	while (e->conf.client_idle_ns > 0 && (c = client_oldest(e)) != NULL &&
	    e->now - c->heard_ns > e->conf.client_idle_ns &&
	    (c->open == NULL || c->open->closed) && c->pre == NULL)
		client_remove(e, c);
}

size_t
eng_nclients(const struct eng *ce)
{
	clients_compact((struct eng *)ce);
	return ce->nclients;
}

/* The public view with what the hot fields say (a view, not state). */
static const struct eng_client *
client_pub(struct client *c)
{
	c->pub.last_ns = c->heard_ns;
	c->pub.has_rssi = c->has_rssi;
	c->pub.rssi = c->rssi;
	return &c->pub;
}

const struct eng_client *
eng_client(const struct eng *ce, size_t i)
{
	clients_compact((struct eng *)ce);
	return i < ce->nclients ? client_pub(ce->clients[i]) : NULL;
}

const struct eng_client *
eng_find_client(const struct eng *e, const uint8_t *mac)
{
	struct client *c = st_client(e, mac);

	return c != NULL ? client_pub(c) : NULL;
}

/* ------------------------------------------------------------------------
 * Attempts.
 */
struct att *
st_att_new(struct eng *e, struct client *c)
{
	struct att *a;

	if ((a = st_att_get(e)) == NULL)
		return NULL;
	memset(a, 0, sizeof *a);
	a->cl = c;
	a->open_ns = a->last_ns = e->now;
	a->refused = EI_NONE;
	a->refused_kind = -1;
	a->fail_phase = -1;
	a->btm_mode = -1;
	a->forced_reason = -1;
	a->k.x4 = a->k.xeap = -1;
	a->pub.status = ENG_STATUS_NONE;
	a->pub.total_ms = a->pub.gap_ms = a->pub.outage_ms = -1;
	a->pub.trigger_btm_mode = a->pub.trigger_reason = -1;
	memcpy(a->pub.client, c->pub.mac, 6);
	st_open_add(e, a);
	return a;
}

static void
ring_drop_oldest(struct eng *e, struct client *c)
{
	struct kept *k = c->ring[c->rhead];

	c->ring[c->rhead] = NULL;
	c->rhead = (c->rhead + 1) % c->rcap;
	c->rcount--;
	e->cnt.roams_aged++;
	e->all_valid = false;
	if (k->hot != NULL && c->open == k->hot)
		c->open = NULL;
	kept_free(e, k);
}

/* A kept attempt dropped wherever it is in its client's ring (the oldest
 * packed one, beyond roam_store_bytes: normally the ring's oldest). */
void
st_kept_drop(struct eng *e, struct kept *k)
{
	struct client *c = k->cl;
	unsigned i, j;

	for (i = 0; i < c->rcount; i++)
		if (c->ring[(c->rhead + i) % c->rcap] == k)
			break;
	if (i == c->rcount)
		return;
	if (i == 0) {
		ring_drop_oldest(e, c);
		return;
	}
	for (j = i; j + 1 < c->rcount; j++)
		c->ring[(c->rhead + j) % c->rcap] =
		    c->ring[(c->rhead + j + 1) % c->rcap];
	c->ring[(c->rhead + c->rcount - 1) % c->rcap] = NULL;
	c->rcount--;
	e->cnt.roams_aged++;
	e->all_valid = false;
	kept_free(e, k);
}

static void
id_add(struct eng *e, struct kept *k)
{
	struct kept **nh, *x, *next;
	unsigned nb, i, h;

	if (e->nids >= e->id_hmask + 1 && e->id_hmask < (1u << 22)) {
		nb = (e->id_hmask + 1) * 2;
		if ((nh = calloc(nb, sizeof *nh)) != NULL) {
			for (i = 0; i <= e->id_hmask; i++) {
				for (x = e->idh[i]; x != NULL; x = next) {
					next = x->idnext;
					h = x->id & (nb - 1);
					x->idnext = nh[h];
					nh[h] = x;
				}
			}
			free(e->idh);
			e->idh = nh;
			e->id_hmask = nb - 1;
		}
	}
	h = k->id & e->id_hmask;
	k->idnext = e->idh[h];
	e->idh[h] = k;
	e->nids++;
}

/* The attempt becomes a join or roam: an id, a place in the client's ring
 * (the oldest dropped beyond max_roams_per_client). */
void
st_att_report(struct eng *e, struct att *a)
{
	struct client *c = a->cl;
	struct kept **tmp, *k;
	unsigned i, ncap;

	if (a->reported)
		return;
	if ((k = calloc(1, sizeof *k)) == NULL)
		return;
	if (c->rcount == e->conf.max_roams_per_client)
		ring_drop_oldest(e, c);
	if (c->rcount == c->rcap) {
		ncap = c->rcap ? c->rcap * 2 : 4;
		if (ncap > e->conf.max_roams_per_client)
			ncap = e->conf.max_roams_per_client;
		if ((tmp = calloc(ncap, sizeof *tmp)) == NULL) {
			free(k);
			return;
		}
		for (i = 0; i < c->rcount; i++)
			tmp[i] = c->ring[(c->rhead + i) % c->rcap];
		free(c->ring);
		c->ring = tmp;
		c->rcap = ncap;
		c->rhead = 0;
	}
	c->ring[(c->rhead + c->rcount) % c->rcap] = k;
	c->rcount++;
	a->reported = true;
	a->pub.id = e->next_id++;
	a->kept = k;
	k->hot = a;
	k->cl = c;
	k->id = a->pub.id;
	k->view = -1;
	id_add(e, k);
	c->pub.last_roam_id = a->pub.id;
	e->all_valid = false;
	/* roams older than the age limit go when a new one comes */
	while (e->conf.roam_max_age_ns > 0 && c->rcount > 1 &&
	    c->ring[c->rhead] != k && st_kept_closed(c->ring[c->rhead]) &&
	    e->now - st_kept_start(c->ring[c->rhead]) >
	    e->conf.roam_max_age_ns)
		ring_drop_oldest(e, c);
	cd_settle(e, c);
}

/* The client's newest attempt: never packed (cold.c). */
struct att *
st_newest(const struct client *c)
{
	if (c->rcount == 0)
		return NULL;
	return c->ring[(c->rhead + c->rcount - 1) % c->rcap]->hot;
}

/* The open attempts, least recently active first (touch moves one to the
 * end), so that the sweep stops at the first recent one. */
void
st_open_add(struct eng *e, struct att *a)
{
	a->onext = NULL;
	a->oprev = e->open_tail;
	if (e->open_tail != NULL)
		e->open_tail->onext = a;
	else
		e->open_head = a;
	e->open_tail = a;
	a->in_open = true;
}

void
st_open_del(struct eng *e, struct att *a)
{
	if (!a->in_open)
		return;
	if (a->oprev != NULL)
		a->oprev->onext = a->onext;
	else
		e->open_head = a->onext;
	if (a->onext != NULL)
		a->onext->oprev = a->oprev;
	else
		e->open_tail = a->oprev;
	a->onext = a->oprev = NULL;
	a->in_open = false;
}

void
st_open_touch(struct eng *e, struct att *a)
{
	if (a->in_open && e->open_tail != a) {
		st_open_del(e, a);
		st_open_add(e, a);
	}
}

size_t
eng_client_nroams(const struct eng *e, const struct eng_client *pc)
{
	const struct client *c = st_client(e, pc->mac);

	return c != NULL ? c->rcount : 0;
}

const struct eng_roam *
eng_client_roam(const struct eng *e, const struct eng_client *pc, size_t i)
{
	const struct client *c = st_client(e, pc->mac);

	if (c == NULL || i >= c->rcount)
		return NULL;
	return cd_view((struct eng *)e, c->ring[(c->rhead + i) % c->rcap]);
}

struct kept *
st_kept_by_id(const struct eng *e, uint64_t id)
{
	struct kept *k;

	for (k = e->idh[id & e->id_hmask]; k != NULL; k = k->idnext)
		if (k->id == id)
			return k;
	return NULL;
}

const struct eng_roam *
eng_roam_by_id(const struct eng *e, uint64_t id)
{
	struct kept *k = st_kept_by_id(e, id);

	return k != NULL ? cd_view((struct eng *)e, k) : NULL;
}

const struct eng_roam *
eng_roam_at(const struct eng *e, const uint8_t *mac, int64_t ts,
    int64_t slack)
{
	const struct client *c = st_client(e, mac);
	struct kept *k;
	unsigned lo, hi, mid, i;

	if (c == NULL || c->rcount == 0)
		return NULL;
	/* the newest attempt that started (less slack) by ts */
	lo = 0;
	hi = c->rcount;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		k = c->ring[(c->rhead + mid) % c->rcap];
		if (st_kept_start(k) - slack <= ts)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i-- > 0;) {
		k = c->ring[(c->rhead + i) % c->rcap];
		if (!st_kept_closed(k) || ts <= st_kept_end(k) + slack)
			return cd_view((struct eng *)e, k);
		if (i + 1 < lo)
			break;	/* an older one would have to outlast it */
	}
	return NULL;
}

/* ------------------------------------------------------------------------
 * Every kept attempt, in start order.
 */
static int
roam_cmp(const void *a, const void *b)
{
	const struct kept *x = *(const struct kept * const *)a;
	const struct kept *y = *(const struct kept * const *)b;
	int64_t xs = st_kept_start(x), ys = st_kept_start(y);

	if (xs != ys)
		return xs < ys ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

static void
all_build(struct eng *e)
{
	struct kept **na;
	struct client *c;
	size_t i, n = 0, k;

	if (e->all_valid)
		return;
	clients_compact(e);
	for (i = 0; i < e->nclients; i++)
		n += e->clients[i]->rcount;
	if (n > e->allcap) {
		if ((na = realloc(e->all, n * sizeof *na)) == NULL)
			return;
		e->all = na;
		e->allcap = n;
	}
	e->nall = 0;
	for (i = 0; i < e->nclients; i++) {
		c = e->clients[i];
		for (k = 0; k < c->rcount; k++)
			e->all[e->nall++] = c->ring[(c->rhead + k) %
			    c->rcap];
	}
	if (e->nall > 1)
		qsort(e->all, e->nall, sizeof *e->all, roam_cmp);
	e->all_valid = true;
}

size_t
eng_nroams_all(const struct eng *ce)
{
	struct eng *e = (struct eng *)ce;	/* a cache, not state */

	all_build(e);
	return e->nall;
}

const struct eng_roam *
eng_roam_all(const struct eng *ce, size_t i)
{
	struct eng *e = (struct eng *)ce;

	all_build(e);
	if (i >= e->nall)
		return NULL;
	return cd_view(e, e->all[i]);
}

bool
eng_roam_all_is_join(const struct eng *ce, size_t i)
{
	struct eng *e = (struct eng *)ce;
	const struct kept *k;

	all_build(e);
	if (i >= e->nall)
		return false;
	k = e->all[i];
	return k->hot != NULL ? k->hot->pub.is_join : k->is_join;
}

/* ------------------------------------------------------------------------
 * Findings: the ESS ones (ess.c builds them on read), then client events.
 */
size_t
eng_nfindings(const struct eng *ce)
{
	struct eng *e = (struct eng *)ce;

	ess_flatten(e);
	return e->nfl + e->nevents;
}

const struct eng_finding *
eng_finding(const struct eng *ce, size_t i)
{
	struct eng *e = (struct eng *)ce;

	ess_flatten(e);
	if (i < e->nfl)
		return &e->fl[i];
	i -= e->nfl;
	if (i >= e->nevents)
		return NULL;
	return &e->events[(e->evhead + i) % EI_MAX_EVENTS];
}

/* ------------------------------------------------------------------------
 * AP pairs.
 */
static unsigned
pair_hash(const uint8_t *from, const uint8_t *to, unsigned mask)
{
	return (st_mac_hash(from, mask) * 31u + st_mac_hash(to, mask)) & mask;
}

static struct pair *
pair_find(const struct eng *e, const uint8_t *from, const uint8_t *to)
{
	struct pair *p;

	for (p = e->pairh[pair_hash(from, to, e->pair_hmask)]; p != NULL;
	    p = p->hnext)
		if (mac_eq(p->pub.from, from) && mac_eq(p->pub.to, to))
			return p;
	return NULL;
}

struct pair *
st_pair_get(struct eng *e, const uint8_t *from, const uint8_t *to)
{
	struct pair *p, **np;
	unsigned h;

	if ((p = pair_find(e, from, to)) != NULL)
		return p;
	if (e->npairs >= e->conf.max_pairs) {
		e->cnt.pairs_dropped++;
		return NULL;
	}
	if (e->npairs == e->paircap) {
		size_t ncap = e->paircap ? e->paircap * 2 : 16;

		if ((np = realloc(e->pairs, ncap * sizeof *np)) == NULL)
			return NULL;
		e->pairs = np;
		e->paircap = ncap;
	}
	if ((p = calloc(1, sizeof *p)) == NULL)
		return NULL;
	memcpy(p->pub.from, from, 6);
	memcpy(p->pub.to, to, 6);
	p->pub.median_ms = p->pub.median_outage_ms = -1;
	h = pair_hash(from, to, e->pair_hmask);
	p->hnext = e->pairh[h];
	e->pairh[h] = p;
	e->pairs[e->npairs++] = p;
	return p;
}

static int
dbl_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double
median(const double *v, unsigned n)
{
	double s[EI_PAIR_SAMPLES];

	if (n == 0)
		return -1;
	memcpy(s, v, n * sizeof *s);
	qsort(s, n, sizeof *s, dbl_cmp);
	return n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

size_t
eng_npairs(const struct eng *e)
{
	return e->npairs;
}

static const struct eng_pair *
pair_pub(struct pair *p)
{
	p->pub.median_ms = median(p->ms, p->nms);
	p->pub.median_outage_ms = median(p->out, p->nout);
	return &p->pub;
}

const struct eng_pair *
eng_pair(const struct eng *e, size_t i)
{
	return i < e->npairs ? pair_pub(e->pairs[i]) : NULL;
}

const struct eng_pair *
eng_find_pair(const struct eng *e, const uint8_t *from, const uint8_t *to)
{
	struct pair *p = pair_find(e, from, to);

	return p != NULL ? pair_pub(p) : NULL;
}

/* ------------------------------------------------------------------------
 * Frame store: the raw frames of the attempts, oldest evicted beyond
 * frame_store_bytes.
 */
static void
fs_evict(struct eng *e)
{
	struct fs_ent *x = &e->fs[e->fshead];

	e->fsbytes -= x->pub.caplen + sizeof *x;
	free(x->buf);
	x->buf = NULL;
	e->fshead = (e->fshead + 1) % e->fscap;
	e->fscount--;
	e->cnt.frames_evicted++;
}

void
st_frame(struct eng *e, const struct rs_rec *rec)
{
	struct fs_ent *x, *nfs;
	size_t need = rec->caplen + sizeof *x, i;

	if (e->conf.frame_store_bytes == 0 || need > e->conf.frame_store_bytes)
		return;
	/* the same frame twice: keep one */
	if (e->fscount > 0 && e->fs[(e->fshead + e->fscount - 1) %
	    e->fscap].pub.n == rec->n)
		return;
	while (e->fscount > 0 && e->fsbytes + need > e->conf.frame_store_bytes)
		fs_evict(e);
	if (e->fscount == e->fscap) {
		size_t ncap = e->fscap ? e->fscap * 2 : 256;

		if ((nfs = calloc(ncap, sizeof *nfs)) == NULL)
			return;
		for (i = 0; i < e->fscount; i++)
			nfs[i] = e->fs[(e->fshead + i) % e->fscap];
		free(e->fs);
		e->fs = nfs;
		e->fscap = ncap;
		e->fshead = 0;
	}
	x = &e->fs[(e->fshead + e->fscount) % e->fscap];
	if ((x->buf = malloc(rec->caplen ? rec->caplen : 1)) == NULL)
		return;
	memcpy(x->buf, rec->raw, rec->caplen);
	x->pub.n = rec->n;
	x->pub.ts_ns = rec->ts_ns;
	x->pub.dlt = rec->dlt;
	x->pub.src = rec->src;
	x->pub.caplen = rec->caplen;
	x->pub.origlen = rec->origlen;
	x->pub.data = x->buf;
	e->fscount++;
	e->fsbytes += need;
	e->cnt.frames_stored++;
}

const struct eng_frame *
eng_frame_by_n(const struct eng *e, uint64_t n)
{
	size_t lo = 0, hi = e->fscount, mid;
	const struct fs_ent *x;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		x = &e->fs[(e->fshead + mid) % e->fscap];
		if (x->pub.n == n)
			return &x->pub;
		if (x->pub.n < n)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

void
eng_free(struct eng *e)
{
	struct att *a;
	size_t i;

	if (e == NULL)
		return;
	if (e->clients != NULL) {
		for (i = 0; i < e->ncl_slots; i++)
			if (e->clients[i] != NULL)
				client_remove(e, e->clients[i]);
	}
	while (e->open_head != NULL)
		st_att_free(e, e->open_head);
	while ((a = e->att_free) != NULL) {
		e->att_free = a->onext;
		free(a);
	}
	cd_free(e);
	for (i = 0; i < e->naps_slots; i++)
		free(e->aps[i]);
	ess_free(e);
	free(e->lrefs);
	for (i = 0; i < e->npairs; i++)
		free(e->pairs[i]);
	free(e->pairs);
	free(e->pairh);
	free(e->aps);
	free(e->aph);
	free(e->clients);
	free(e->clh);
	free(e->idh);
	free(e->essh);
	free(e->fl);
	free(e->all);
	while (e->fscount > 0)
		fs_evict(e);
	free(e->fs);
	free(e);
}
