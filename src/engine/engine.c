/*
 * engine.c -- the roam engine: per-client state machine over decoded frames.
 *
 * Frames arrive in time order.  Management frames between a client and an AP
 * drive each client's roam (or join) record; EAPOL/EAP and data frames
 * complete it; beacons describe the APs.  Each change to a roam re-runs
 * eng_judge() (diag.c), which derives phases, method, result, verdicts and
 * diagnoses from the raw facts, so a late frame (first data for the gap)
 * simply updates the record.
 */
#include <stdlib.h>
#include <string.h>

#include "engine_int.h"

#define NS_PER_MS	1000000LL
#define NS_PER_S	1000000000LL
#define HBITS		12
#define HSIZE		(1u << HBITS)
#define MAX_EVENTS	256

struct fs_ent {
	struct eng_frame pub;
	uint8_t		*buf;
};

struct eng {
	struct eng_conf	 conf;
	struct eng_sla	 sla;
	uint64_t	 gen;
	struct eng_counters cnt;
	int64_t		 now;
	int64_t		 last_sweep;
	uint64_t	 next_roam_id;
	bool		 finished;

	struct ap	*aph[HSIZE];
	struct ap	**aps;
	size_t		 naps, apcap;
	bool		 ess_dirty;

	struct client	*clh[HSIZE];
	struct client	**clients;
	size_t		 nclients, clcap;

	struct eng_finding *ess;
	size_t		 ness, esscap;
	struct eng_finding events[MAX_EVENTS];
	size_t		 nevents, evhead;

	/* roam list cache for eng_roam_all() */
	const struct eng_roam **all;
	size_t		 nall, allcap;
	uint64_t	 all_gen;
	bool		 all_valid;

	/* frame store: a ring of entries */
	struct fs_ent	*fs;
	size_t		 fscap, fshead, fscount;
	size_t		 fsbytes;
};

/* diag.c */
void	eng_judge(struct eng *, struct client *, struct roam *);
void	eng_ess_findings(struct eng *);

/* ------------------------------------------------------------------------
 * Small helpers.
 */
static inline bool
mac_eq(const uint8_t *a, const uint8_t *b)
{
	return memcmp(a, b, 6) == 0;
}

static inline unsigned
mac_hash(const uint8_t *m)
{
	uint32_t h = d11_le32(m + 2) ^ ((uint32_t)m[0] << 8 | m[1]);

	h *= 0x9e3779b1u;
	return h >> (32 - HBITS);
}

static void
bump(struct eng *e)
{
	e->gen++;
}

const struct eng_sla *
eng_get_sla(const struct eng *e)
{
	return &e->sla;
}

const struct eng_conf *eng_get_conf(const struct eng *);
const struct eng_conf *
eng_get_conf(const struct eng *e)
{
	return &e->conf;
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
	c->response_timeout_ns = 1 * NS_PER_S;
	c->loop_window_ns = 5 * NS_PER_S;
	c->loop_min = 3;
}

struct eng *
eng_new(const struct eng_conf *conf, char *err, size_t errlen)
{
	struct eng *e;
	FILE *fp;

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
	if (e->conf.loop_min < 2)
		e->conf.loop_min = 2;
	eng_sla_defaults(&e->sla);
	if (e->conf.sla_text != NULL) {
		if (eng_sla_parse(&e->sla, e->conf.sla_text,
		    e->conf.sla_path != NULL ? e->conf.sla_path : "sla",
		    err, errlen) != 0) {
			free(e);
			return NULL;
		}
	} else if (e->conf.sla_path != NULL) {
		/* the one file read, at construction only */
		if ((fp = fopen(e->conf.sla_path, "r")) == NULL) {
			snprintf(err, errlen, "%s: cannot open SLA profile",
			    e->conf.sla_path);
			free(e);
			return NULL;
		}
		if (eng_sla_read(&e->sla, fp, e->conf.sla_path, err,
		    errlen) != 0) {
			fclose(fp);
			free(e);
			return NULL;
		}
		fclose(fp);
	}
	e->conf.sla_text = NULL;
	e->conf.sla_path = NULL;
	e->next_roam_id = 1;
	return e;
}

/* ------------------------------------------------------------------------
 * Frame store.
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

static void
fs_store(struct eng *e, const struct rs_rec *rec)
{
	struct fs_ent *x, *nfs;
	size_t need = rec->caplen + sizeof *x, i;

	if (e->conf.frame_store_bytes == 0 || need > e->conf.frame_store_bytes)
		return;
	/* same frame twice (fed to two roams): keep one */
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

/* ------------------------------------------------------------------------
 * APs.
 */
static struct ap *
ap_find(const struct eng *e, const uint8_t *bssid)
{
	struct ap *a;

	for (a = e->aph[mac_hash(bssid)]; a != NULL; a = a->hnext) {
		if (mac_eq(a->pub.bssid, bssid))
			return a;
	}
	return NULL;
}

static void
ap_remove(struct eng *e, size_t i)
{
	struct ap *a = e->aps[i], **pp;

	for (pp = &e->aph[mac_hash(a->pub.bssid)]; *pp != NULL;
	    pp = &(*pp)->hnext) {
		if (*pp == a) {
			*pp = a->hnext;
			break;
		}
	}
	memmove(&e->aps[i], &e->aps[i + 1], (e->naps - i - 1) *
	    sizeof *e->aps);
	e->naps--;
	free(a);
	e->ess_dirty = true;
}

static struct ap *
ap_get(struct eng *e, const uint8_t *bssid)
{
	struct ap *a, **na;
	size_t i, old;
	unsigned h;

	if ((a = ap_find(e, bssid)) != NULL)
		return a;
	if (d11_is_group(bssid))
		return NULL;
	if (e->naps >= e->conf.max_aps) {
		/* evict the AP heard least recently */
		old = 0;
		for (i = 1; i < e->naps; i++) {
			if (e->aps[i]->pub.last_ns < e->aps[old]->pub.last_ns)
				old = i;
		}
		ap_remove(e, old);
		e->cnt.aps_dropped++;
	}
	if (e->naps == e->apcap) {
		size_t ncap = e->apcap ? e->apcap * 2 : 64;

		if ((na = realloc(e->aps, ncap * sizeof *na)) == NULL)
			return NULL;
		e->aps = na;
		e->apcap = ncap;
	}
	if ((a = calloc(1, sizeof *a)) == NULL)
		return NULL;
	memcpy(a->pub.bssid, bssid, 6);
	a->pub.first_ns = a->pub.last_ns = e->now;
	h = mac_hash(bssid);
	a->hnext = e->aph[h];
	e->aph[h] = a;
	e->aps[e->naps++] = a;
	e->cnt.aps = e->naps;
	bump(e);
	return a;
}

static bool
akm_is_ft(uint32_t s)
{
	return d11_akm_is_ft(s) != 0;
}

/* Beacon or probe response: refresh what the AP advertises. */
static void
ap_beacon(struct eng *e, const struct d11_frame *f)
{
	const struct d11_elems *ie = &f->ie;
	struct eng_ap *p, old;
	struct ap *a;
	unsigned i, n;

	if (f->bssid == NULL || (a = ap_get(e, f->bssid)) == NULL)
		return;
	p = &a->pub;
	p->last_ns = e->now;
	a->adv = true;
	if (f->kind == D11_K_BEACON)
		p->beacons++;
	if (f->radio.present & D11_RADIO_SIGNAL) {
		p->has_rssi = true;
		p->rssi = f->radio.signal;
	}
	if (!f->has_elems)
		return;
	old = *p;
	if (ie->ssid != NULL && ie->ssid_len > 0 && ie->ssid[0] != '\0') {
		n = ie->ssid_len > 32 ? 32 : ie->ssid_len;
		memcpy(p->ssid, ie->ssid, n);
		p->ssid[n] = '\0';
		p->ssid_len = (uint8_t)n;
		p->has_ssid = true;
	}
	if (f->radio.present & D11_RADIO_FREQ)
		p->freq = f->radio.freq;
	if (ie->ds_channel >= 0)
		p->channel = (uint8_t)ie->ds_channel;
	else if (p->freq != 0)
		p->channel = (uint8_t)d11_freq_to_channel(p->freq);
	p->has_mde = ie->has_mde;
	if (ie->has_mde) {
		memcpy(p->mdid, ie->mde.mdid, 2);
		p->ft_over_ds = (ie->mde.ft_capab & D11_MDE_FT_OVER_DS) != 0;
	} else
		p->ft_over_ds = false;
	p->has_rsn = ie->rsn_ie != NULL;
	p->rsn_caps = ie->rsn.has_caps ? ie->rsn.caps : 0;
	p->group_cipher = ie->rsn.group;
	p->ft = false;
	n = 0;
	if (ie->rsn_ie != NULL && ie->rsn.akm != NULL) {
		for (i = 0; i < ie->rsn.n_akm && n < ENG_MAX_AKMS; i++) {
			p->akms[n] = d11_suite(ie->rsn.akm + 4 * i);
			if (akm_is_ft(p->akms[n]))
				p->ft = true;
			n++;
		}
	}
	p->nakms = (uint8_t)n;
	p->nr = d11_elems_rm_neighbor_report(ie);
	p->btm = d11_elems_bss_transition(ie);
	/* only what the ESS checks look at marks them dirty */
	if (strcmp(old.ssid, p->ssid) != 0 || old.has_mde != p->has_mde ||
	    memcmp(old.mdid, p->mdid, 2) != 0 ||
	    old.ft_over_ds != p->ft_over_ds || old.nakms != p->nakms ||
	    memcmp(old.akms, p->akms, sizeof p->akms) != 0 ||
	    old.ft != p->ft || old.nr != p->nr || old.btm != p->btm ||
	    old.channel != p->channel || old.has_rsn != p->has_rsn) {
		e->ess_dirty = true;
		bump(e);
	}
}

size_t
eng_naps(const struct eng *e)
{
	return e->naps;
}

const struct eng_ap *
eng_ap(const struct eng *e, size_t i)
{
	return i < e->naps ? &e->aps[i]->pub : NULL;
}

const struct eng_ap *
eng_find_ap(const struct eng *e, const uint8_t *bssid)
{
	struct ap *a = ap_find(e, bssid);

	return a != NULL ? &a->pub : NULL;
}

/* ------------------------------------------------------------------------
 * Clients.
 */
static struct client *
client_find(const struct eng *e, const uint8_t *mac)
{
	struct client *c;

	for (c = e->clh[mac_hash(mac)]; c != NULL; c = c->hnext) {
		if (mac_eq(c->pub.mac, mac))
			return c;
	}
	return NULL;
}

static void
client_remove(struct eng *e, size_t i)
{
	struct client *c = e->clients[i], **pp;
	struct ap *a;
	unsigned k;

	for (pp = &e->clh[mac_hash(c->pub.mac)]; *pp != NULL;
	    pp = &(*pp)->hnext) {
		if (*pp == c) {
			*pp = c->hnext;
			break;
		}
	}
	if (c->pub.associated && (a = ap_find(e, c->pub.bss)) != NULL &&
	    a->pub.nclients > 0)
		a->pub.nclients--;
	for (k = 0; k < c->rcount; k++)
		free(c->roams[(c->rhead + k) % c->rcap]);
	e->cnt.roams_aged += c->rcount;
	free(c->roams);
	memmove(&e->clients[i], &e->clients[i + 1], (e->nclients - i - 1) *
	    sizeof *e->clients);
	e->nclients--;
	free(c);
	e->cnt.clients = e->nclients;
	e->cnt.clients_aged++;
	e->all_valid = false;
	bump(e);
}

static struct client *
client_get(struct eng *e, const uint8_t *mac)
{
	struct client *c, **nc;
	size_t i, old;
	unsigned h;

	if ((c = client_find(e, mac)) != NULL)
		return c;
	if (d11_is_group(mac))
		return NULL;
	if (e->nclients >= e->conf.max_clients) {
		old = 0;
		for (i = 1; i < e->nclients; i++) {
			if (e->clients[i]->pub.last_ns <
			    e->clients[old]->pub.last_ns)
				old = i;
		}
		client_remove(e, old);
	}
	if (e->nclients == e->clcap) {
		size_t ncap = e->clcap ? e->clcap * 2 : 64;

		if ((nc = realloc(e->clients, ncap * sizeof *nc)) == NULL)
			return NULL;
		e->clients = nc;
		e->clcap = ncap;
	}
	if ((c = calloc(1, sizeof *c)) == NULL)
		return NULL;
	memcpy(c->pub.mac, mac, 6);
	c->pub.first_ns = c->pub.last_ns = e->now;
	c->nr.status = c->btm.status = EI_NONE;
	c->pnr.status = c->pbtm.status = EI_NONE;
	h = mac_hash(mac);
	c->hnext = e->clh[h];
	e->clh[h] = c;
	e->clients[e->nclients++] = c;
	e->cnt.clients = e->nclients;
	bump(e);
	return c;
}

size_t
eng_nclients(const struct eng *e)
{
	return e->nclients;
}

const struct eng_client *
eng_client(const struct eng *e, size_t i)
{
	return i < e->nclients ? &e->clients[i]->pub : NULL;
}

const struct eng_client *
eng_find_client(const struct eng *e, const uint8_t *mac)
{
	struct client *c = client_find(e, mac);

	return c != NULL ? &c->pub : NULL;
}

size_t
eng_client_nroams(const struct eng *e, const struct eng_client *pc)
{
	const struct client *c = (const struct client *)pc;

	(void)e;
	return c->rcount;
}

const struct eng_roam *
eng_client_roam(const struct eng *e, const struct eng_client *pc, size_t i)
{
	const struct client *c = (const struct client *)pc;

	(void)e;
	if (i >= c->rcount)
		return NULL;
	return &c->roams[(c->rhead + i) % c->rcap]->pub;
}

static struct roam *
newest(struct client *c)
{
	if (c->rcount == 0)
		return NULL;
	return c->roams[(c->rhead + c->rcount - 1) % c->rcap];
}

static void
roam_drop_oldest(struct eng *e, struct client *c)
{
	free(c->roams[c->rhead]);
	c->roams[c->rhead] = NULL;
	c->rhead = (c->rhead + 1) % c->rcap;
	c->rcount--;
	e->cnt.roams_aged++;
	e->all_valid = false;
}

/* ------------------------------------------------------------------------
 * Roams.
 */
static void
ex_init(struct ex *x)
{
	memset(x, 0, sizeof *x);
	x->status = EI_NONE;
	x->req_seq = -1;
}

void	eng_count_roam(struct eng *, struct client *, struct roam *, int);
void
eng_count_roam(struct eng *e, struct client *c, struct roam *r, int sign)
{
	/* counters follow the judged result; sign -1 removes old, +1 adds */
	if (r->pub.result == ENG_R_FAILED) {
		e->cnt.roams_failed += sign;
		c->pub.nfailed += sign;
	}
	if (r->pub.verdict == ENG_V_FAIL) {
		e->cnt.fail += sign;
		c->pub.nfail += sign;
	} else if (r->pub.verdict == ENG_V_WARN) {
		e->cnt.warn += sign;
		c->pub.nwarn += sign;
	}
}

static void
judge(struct eng *e, struct client *c, struct roam *r)
{
	eng_count_roam(e, c, r, -1);
	eng_judge(e, c, r);
	eng_count_roam(e, c, r, 1);
	bump(e);
}

static void
roam_frame(struct roam *r, uint64_t n)
{
	if (r->pub.nframes > 0 && r->pub.frames[r->pub.nframes - 1] == n)
		return;
	if (r->pub.nframes < ENG_MAX_ROAM_FRAMES)
		r->pub.frames[r->pub.nframes++] = n;
	else
		r->pub.frames_over++;
}

/* Settle a roam: no more frames belong to it. */
static void
roam_final(struct eng *e, struct client *c, struct roam *r)
{
	if (r->final)
		return;
	r->final = true;
	judge(e, c, r);
	/* a failed (re)association leaves the client associated nowhere
	 * (the AP answered 0 but keys were never set up) */
	if (r->pub.result == ENG_R_FAILED && c->pub.associated &&
	    mac_eq(c->pub.bss, r->pub.to)) {
		struct ap *a;

		c->pub.associated = false;
		if ((a = ap_find(e, r->pub.to)) != NULL && a->pub.nclients > 0)
			a->pub.nclients--;
	}
	/* remember failures at one target, for the retry loop */
	if (r->pub.result == ENG_R_FAILED) {
		if (c->fail_count > 0 && mac_eq(c->fail_to, r->pub.to) &&
		    r->pub.start_ns - c->fail_ns <= e->conf.loop_window_ns)
			c->fail_count++;
		else {
			c->fail_count = 1;
			c->fail_first_ns = r->pub.start_ns;
			memcpy(c->fail_to, r->pub.to, 6);
		}
		c->fail_ns = r->pub.start_ns;
	}
}

static bool
same_ssid(struct eng *e, const uint8_t *a, const uint8_t *b)
{
	struct ap *x = ap_find(e, a), *y = ap_find(e, b);

	if (x == NULL || y == NULL || !x->pub.has_ssid || !y->pub.has_ssid)
		return true;	/* unknown: give the benefit of the doubt */
	return strcmp(x->pub.ssid, y->pub.ssid) == 0;
}

static bool
kv_attach(struct eng *e, const struct ex *x, int64_t now)
{
	int64_t w = e->conf.kv_window_ns;

	if (x->req_ns == 0)
		return false;
	return now - (x->resp_ns ? x->resp_ns : x->req_ns) <= w;
}

static struct roam *
roam_new(struct eng *e, struct client *c, const uint8_t *to,
    const uint8_t *from, bool hard, int64_t now)
{
	struct roam *r, *prev, **nr;
	struct ap *a;
	unsigned i;
	int64_t btm_w;

	if ((prev = newest(c)) != NULL && !prev->final)
		roam_final(e, c, prev);
	if (c->rcount == e->conf.max_roams_per_client)
		roam_drop_oldest(e, c);
	if (c->rcount == c->rcap) {
		unsigned ncap = c->rcap ? c->rcap * 2 : 4;
		struct roam **tmp;

		if (ncap > e->conf.max_roams_per_client)
			ncap = e->conf.max_roams_per_client;
		if ((tmp = calloc(ncap, sizeof *tmp)) == NULL)
			return NULL;
		for (i = 0; i < c->rcount; i++)
			tmp[i] = c->roams[(c->rhead + i) % c->rcap];
		free(c->roams);
		c->roams = tmp;
		c->rcap = ncap;
		c->rhead = 0;
	}
	if ((r = calloc(1, sizeof *r)) == NULL)
		return NULL;
	nr = &c->roams[(c->rhead + c->rcount) % c->rcap];
	*nr = r;
	c->rcount++;
	e->all_valid = false;

	r->pub.id = e->next_roam_id++;
	memcpy(r->pub.client, c->pub.mac, 6);
	memcpy(r->pub.to, to, 6);
	if (from != NULL) {
		memcpy(r->pub.from, from, 6);
		r->pub.has_from = true;
	}
	r->pub.is_join = from == NULL;
	r->pub.hard = hard;
	r->pub.start_ns = now;
	r->pub.status = ENG_STATUS_NONE;
	r->pub.total_ms = r->pub.gap_ms = -1;
	r->pub.attempts = 1;
	if ((a = ap_find(e, to)) != NULL && a->pub.has_ssid)
		memcpy(r->pub.ssid, a->pub.ssid, sizeof r->pub.ssid);
	else if (from != NULL && (a = ap_find(e, from)) != NULL &&
	    a->pub.has_ssid)
		memcpy(r->pub.ssid, a->pub.ssid, sizeof r->pub.ssid);
	ex_init(&r->nr);
	ex_init(&r->btm);
	ex_init(&r->ftauth);
	ex_init(&r->ftact);
	ex_init(&r->auth);
	ex_init(&r->assoc);
	r->refused = EI_NONE;
	r->deauth_reason = EI_NONE;
	r->m4_last = 0;

	/* 11k/11v exchanges shortly before belong to this roam; a BTM with
	 * disassociation imminent stays until the AP disassociates */
	if (from != NULL) {
		if (kv_attach(e, &c->nr, now))
			r->nr = c->nr;
		else if (kv_attach(e, &c->pnr, now))
			r->nr = c->pnr;
		btm_w = e->conf.kv_window_ns;
		if (c->btm.req_ns != 0 && (c->btm.has_target ||
		    c->btm.status != EI_NONE || true) &&
		    ((now - (c->btm.resp_ns ? c->btm.resp_ns : c->btm.req_ns)
		    <= btm_w) || (hard && c->left_ns >= c->btm.req_ns &&
		    c->left_ns - c->btm.req_ns <= 60 * NS_PER_S)))
			r->btm = c->btm;
		else if (kv_attach(e, &c->pbtm, now))
			r->btm = c->pbtm;
		if (r->nr.req_ns || r->btm.req_ns) {
			for (i = 0; i < c->nkv_frames; i++)
				roam_frame(r, c->kv_frames[i]);
		}
		if (r->btm.req_ns != 0 && r->btm.req_ns == c->btm.req_ns) {
			c->btm_judged = true;
			r->btm_unadvertised = c->btm_unadv;
		}
		if (c->pmf_count > 0 && (now - c->pmf_req_ns <=
		    e->conf.kv_window_ns || now - c->pmf_ap_ns <=
		    e->conf.kv_window_ns))
			r->pmf_actions = c->pmf_count;
		ex_init(&c->nr);
		ex_init(&c->btm);
		ex_init(&c->pnr);
		ex_init(&c->pbtm);
		c->nkv_frames = 0;
		c->pmf_count = 0;
		c->pmf_order = 0;
	}
	/* the loop: the same failing target again and again */
	if (c->fail_count > 0 && mac_eq(c->fail_to, to) &&
	    now - c->fail_ns <= e->conf.loop_window_ns) {
		r->pub.attempts = c->fail_count + 1;
		if (r->pub.attempts > 1)
			r->loop_period_ns = (now - c->fail_first_ns) /
			    (int64_t)(r->pub.attempts - 1);
	}
	if (r->pub.is_join)
		c->pub.njoins++, e->cnt.joins++;
	else
		c->pub.nroams++, e->cnt.roams++;
	c->pub.last_roam_id = r->pub.id;
	c->left = false;
	judge(e, c, r);
	return r;
}

/* The roam this frame with target bss continues, or NULL. */
static struct roam *
open_to(struct client *c, const uint8_t *bss)
{
	struct roam *r = newest(c);

	if (r == NULL || r->final || !mac_eq(r->pub.to, bss))
		return NULL;
	return r;
}

/* A refused roam the client still works on: FT/auth/reassoc with its
 * current AP right after belong to it. */
static struct roam *
recent_failed(struct eng *e, struct client *c, int64_t now)
{
	struct roam *r = newest(c);

	if (r == NULL || r->pub.is_join || r->pub.result == ENG_R_OK)
		return NULL;
	if (r->refused == EI_NONE && r->pub.result != ENG_R_FAILED)
		return NULL;
	if (now - r->pub.start_ns > e->conf.hard_roam_window_ns)
		return NULL;
	return r;
}

static bool
is_retry(const struct d11_frame *f, struct ex *x, bool request)
{
	if (f->retry)
		return true;
	if (request && f->has_seq && x->req_seq == (int)f->seq)
		return true;
	return false;
}

/* A frame that can open a (re)association attempt on its own: the first
 * frame of a non-FT authentication (open, shared key, SAE commit, FILS) or a
 * (re)association request, and not an 802.11 retransmission. */
static bool
starts_attempt(const struct d11_frame *f)
{
	/* the retry bit with a sequence number is judged by the number (the
	 * first transmission may be lost to the sniffer) */
	if (f->retry && !f->has_seq)
		return false;
	if (f->kind == D11_K_AUTH)
		return f->auth_alg != 2 && f->auth_seq == 1;
	return f->kind == D11_K_ASSOC_REQ || f->kind == D11_K_REASSOC_REQ;
}

/* The open record r at f's target is over and f is the client's next
 * attempt.  A roam keeps its retries at the target unless it already
 * succeeded; a join ends once the AP answered its (re)association (or
 * refused its authentication) and the client starts again. */
/* f is a retransmission of the request r last saw: the same sequence
 * number, soon after (numbers wrap and restart, e.g. at 1 after a reset). */
static bool
same_frame(const struct roam *r, const struct d11_frame *f, int64_t now)
{
	const struct ex *x;

	if (r == NULL || !f->has_seq)
		return false;
	x = f->kind == D11_K_AUTH ? &r->auth : &r->assoc;
	return (int)f->seq == x->req_seq && x->req_ns != 0 &&
	    now - x->req_ns < NS_PER_S;
}

static bool
next_attempt(const struct roam *r, const struct d11_frame *f, int64_t now)
{
	if (!starts_attempt(f) || same_frame(r, f, now))
		return false;
	if (r->pub.result == ENG_R_OK && r->assoc.resp_ns != 0)
		return true;		/* done: the client reconnects */
	if (!r->pub.is_join)
		return false;
	if (f->kind == D11_K_AUTH) {
		/* SAE: a second commit (anti-clogging token, group
		 * negotiation) is the same exchange */
		if (f->auth_alg == 3 && r->assoc.req_ns == 0)
			return false;
		return r->assoc.req_ns != 0 || r->assoc.resp_ns != 0 ||
		    r->m_ns[1] != 0 || (r->auth.resp_ns != 0 &&
		    r->auth.status > 0);
	}
	return r->assoc.resp_ns != 0;
}

/* A client starts an exchange with bss: find or start its roam. */
static struct roam *
client_toward(struct eng *e, struct client *c, const uint8_t *bss,
    const struct d11_frame *f, bool *is_old)
{
	struct roam *r;
	const uint8_t *from = NULL;
	uint8_t fb[6];
	bool hard = false;

	*is_old = false;
	if ((r = open_to(c, bss)) != NULL && next_attempt(r, f, e->now)) {
		roam_final(e, c, r);
		r = NULL;
	}
	if (r != NULL) {
		/* the same FT request again after a refusal (not a
		 * retransmission): a new attempt, maybe a loop */
		if (r->refused != EI_NONE && !f->retry &&
		    ((f->kind == D11_K_AUTH && f->auth_alg == 2 &&
		    r->refused_phase == ENG_P_FT_AUTH) ||
		    (f->kind == D11_K_ACTION &&
		    r->refused_phase == ENG_P_FT_ACTION))) {
			if (r->pub.has_from) {
				memcpy(fb, r->pub.from, 6);
				from = fb;
			}
			hard = r->pub.hard;
			roam_final(e, c, r);
			return roam_new(e, c, bss, from, hard, e->now);
		}
		return r;
	}
	if (c->pub.associated && c->pub.has_bss && mac_eq(c->pub.bss, bss)) {
		/* with its current AP: not a roam */
		if ((r = recent_failed(e, c, e->now)) != NULL) {
			*is_old = true;
			return r;
		}
		/* a fresh authentication or association with it: the
		 * client reconnects, a new join */
		r = newest(c);
		if (starts_attempt(f) && !(r != NULL && mac_eq(r->pub.to,
		    bss) && same_frame(r, f, e->now)))
			return roam_new(e, c, bss, NULL, false, e->now);
		return NULL;
	}
	/* the client's last try at bss failed and it is not associated: a
	 * new join after a failed join (whatever its Current AP field says),
	 * another attempt of a failed roam while the roam window lasts */
	r = newest(c);
	if (!c->pub.associated && r != NULL && r->final &&
	    r->pub.result == ENG_R_FAILED && mac_eq(r->pub.to, bss) &&
	    starts_attempt(f) && !same_frame(r, f, e->now)) {
		if (r->pub.is_join)
			return roam_new(e, c, bss, NULL, false, e->now);
		if (r->pub.has_from && !c->left && e->now - r->pub.end_ns <=
		    e->conf.hard_roam_window_ns) {
			memcpy(fb, r->pub.from, 6);
			return roam_new(e, c, bss, fb, r->pub.hard, e->now);
		}
	}
	if (c->pub.associated && c->pub.has_bss)
		from = c->pub.bss;
	else if (c->left && e->now - c->left_ns <= e->conf.hard_roam_window_ns &&
	    !mac_eq(c->left_bss, bss) && same_ssid(e, c->left_bss, bss)) {
		from = c->left_bss;
		hard = true;
	} else if (f->current_ap != NULL && !mac_eq(f->current_ap, bss) &&
	    !d11_is_group(f->current_ap) && f->kind == D11_K_REASSOC_REQ &&
	    memcmp(f->current_ap, "\0\0\0\0\0\0", 6) != 0)
		from = f->current_ap;
	/* a refused roam the client returns to after a detour stays open */
	r = newest(c);
	if (r != NULL && !r->final && from == NULL && !r->pub.is_join &&
	    mac_eq(r->pub.to, bss))
		return r;
	return roam_new(e, c, bss, from, hard, e->now);
}

static void
set_assoc(struct eng *e, struct client *c, const uint8_t *bss)
{
	struct ap *a;

	if (c->pub.associated && (a = ap_find(e, c->pub.bss)) != NULL &&
	    a->pub.nclients > 0)
		a->pub.nclients--;
	c->pub.associated = true;
	c->pub.has_bss = true;
	memcpy(c->pub.bss, bss, 6);
	if ((a = ap_get(e, bss)) != NULL) {
		a->pub.nclients++;
		if (a->pub.has_ssid)
			memcpy(c->pub.ssid, a->pub.ssid, sizeof c->pub.ssid);
	}
	c->left = false;
}

/* The addresses of a management frame: which side is the client. */
static bool
mgmt_sides(const struct d11_frame *f, const uint8_t **sta,
    const uint8_t **bss, bool *from_ap)
{
	if (f->addr1 == NULL || f->addr2 == NULL || f->addr3 == NULL)
		return false;
	if (mac_eq(f->addr2, f->addr3)) {
		*from_ap = true;
		*sta = f->addr1;
		*bss = f->addr3;
	} else if (mac_eq(f->addr1, f->addr3)) {
		*from_ap = false;
		*sta = f->addr2;
		*bss = f->addr3;
	} else
		return false;
	return !d11_is_group(*sta);
}

static void
caps_from_req(struct client *c, const struct d11_frame *f)
{
	struct eng_caps *k = &c->pub.caps;
	const struct d11_elems *ie = &f->ie;
	unsigned i, n = 0;
	uint8_t bands = k->bands;

	memset(k, 0, sizeof *k);
	k->known = true;
	k->k = ie->rm_enabled != NULL;
	k->nr = d11_elems_rm_neighbor_report(ie);
	k->v = d11_elems_bss_transition(ie);
	k->r = ie->has_mde;
	if (ie->has_mde) {
		k->has_mdid = true;
		memcpy(k->mdid, ie->mde.mdid, 2);
	}
	if (ie->rsn_ie != NULL && ie->rsn.has_caps) {
		k->w = (ie->rsn.caps & D11_RSN_CAP_MFPC) != 0;
		k->mfpr = (ie->rsn.caps & D11_RSN_CAP_MFPR) != 0;
	}
	if (ie->rsn_ie != NULL && ie->rsn.akm != NULL) {
		for (i = 0; i < ie->rsn.n_akm && n < ENG_MAX_AKMS; i++) {
			k->akms[n] = d11_suite(ie->rsn.akm + 4 * i);
			if (akm_is_ft(k->akms[n]))
				k->ft_akm = true;
			n++;
		}
	}
	k->nakms = (uint8_t)n;
	k->ht = ie->has_ht;
	k->vht = ie->has_vht;
	k->he = ie->has_he;
	k->eht = ie->has_eht;
	if (f->radio.present & D11_RADIO_FREQ) {
		if (f->radio.freq >= 5950)
			bands |= ENG_BAND_6G;
		else if (f->radio.freq >= 4900)
			bands |= ENG_BAND_5G;
		else if (f->radio.freq > 0)
			bands |= ENG_BAND_2G;
	}
	k->bands = bands;
}

/* f, an AP's answer, can only belong to a later try than the join r: r's
 * (re)association was already answered and f is not a retransmission. */
static bool
answer_opens(const struct roam *r, const struct d11_frame *f)
{
	if (f->retry || r->assoc.resp_ns == 0)
		return false;
	if (f->kind == D11_K_AUTH)
		return f->auth_alg != 2 && f->auth_seq == (f->auth_alg == 3 ?
		    1 : 2);
	return f->kind == D11_K_ASSOC_RESP || f->kind == D11_K_REASSOC_RESP;
}

static void
on_auth(struct eng *e, struct client *c, const struct d11_frame *f,
    const uint8_t *bss, bool from_ap, uint64_t n)
{
	struct roam *r;
	struct ex *x;
	bool old;

	if (!from_ap) {
		if (f->auth_seq != 1 && !(f->auth_alg == 3 && f->auth_seq == 2))
			return;
		if ((r = client_toward(e, c, bss, f, &old)) == NULL)
			return;
		roam_frame(r, n);
		if (old)
			return;
		if (r->refused != EI_NONE && f->auth_alg != 2 &&
		    r->ftauth.req_ns != 0)
			r->fallback = true;
		x = f->auth_alg == 2 ? &r->ftauth : &r->auth;
		/* a retransmission, or the MLME sending the unanswered
		 * request again under a new sequence number */
		if (x->req_ns != 0 && (is_retry(f, x, true) ||
		    x->resp_ns == 0))
			x->retries++;
		else if (x->req_ns == 0)
			x->req_ns = e->now;
		if (f->has_seq)
			x->req_seq = f->seq;
		if (f->auth_alg != 2) {
			r->has_auth = true;
			r->auth_alg = f->auth_alg;
		}
		if (f->ie.has_mde && !r->has_req_mdid) {
			r->has_req_mdid = true;
			memcpy(r->req_mdid, f->ie.mde.mdid, 2);
		}
		judge(e, c, r);
		return;
	}
	/* response from the AP */
	r = newest(c);
	if (r != NULL && r->pub.is_join && mac_eq(r->pub.to, bss) &&
	    answer_opens(r, f)) {
		/* the answer to a new try whose request the capture lost */
		roam_final(e, c, r);
		if (r->pub.result == ENG_R_FAILED && !c->pub.associated) {
			r = roam_new(e, c, bss, NULL, false, e->now);
			if (r == NULL)
				return;
		}
	}
	if (r == NULL || r->final)
		return;
	if (!mac_eq(r->pub.to, bss)) {
		if (c->pub.has_bss && mac_eq(c->pub.bss, bss))
			roam_frame(r, n);	/* after a refusal, own AP */
		return;
	}
	roam_frame(r, n);
	x = f->auth_alg == 2 ? &r->ftauth : &r->auth;
	if (x->resp_ns != 0) {
		/* a retransmission, or the next step (SAE confirm) */
		if (f->retry)
			x->retries++;
		if (f->has_status && (int)f->status != x->status &&
		    f->status != 0)
			x->status = f->status;
		else if (f->has_status && f->status == 0 &&
		    ei_auth_benign(f->auth_alg, x->status))
			x->status = 0;
	} else {
		x->resp_ns = e->now;
		x->status = f->has_status ? f->status : 0;
	}
	if (x->status > 0 && r->refused == EI_NONE &&
	    !ei_auth_benign(f->auth_alg, x->status)) {
		r->refused = x->status;
		r->refused_phase = f->auth_alg == 2 ? ENG_P_FT_AUTH :
		    ENG_P_AUTH;
	}
	if (f->ie.has_timeout && f->ie.timeout_type == 3)
		r->comeback_tu = f->ie.timeout_value;
	judge(e, c, r);
}

static void
on_assoc_req(struct eng *e, struct client *c, const struct d11_frame *f,
    const uint8_t *bss, uint64_t n)
{
	struct roam *r;
	bool old;

	if ((r = client_toward(e, c, bss, f, &old)) == NULL) {
		/* reassociation to the current AP: maybe a new join */
		if (!c->pub.associated)
			r = roam_new(e, c, bss, NULL, false, e->now);
		if (r == NULL)
			return;
	}
	roam_frame(r, n);
	if (old)
		return;
	if (r->assoc.req_ns != 0 && (is_retry(f, &r->assoc, true) ||
	    r->assoc.resp_ns == 0))
		r->assoc.retries++;
	else if (r->assoc.req_ns == 0 || r->assoc.resp_ns != 0) {
		if (r->assoc.resp_ns != 0)
			ex_init(&r->assoc);	/* a new try after a refusal */
		r->assoc.req_ns = e->now;
	}
	if (f->has_seq)
		r->assoc.req_seq = f->seq;
	r->is_reassoc = f->kind == D11_K_REASSOC_REQ;
	/* the AKM the client chose: the first of its RSNE, else of its WPA1
	 * element (same layout, OUI 00-50-f2) */
	r->req_rsn = f->ie.rsn_ie != NULL || f->ie.wpa_ie != NULL;
	r->req_pmkid = f->ie.rsn_ie != NULL && f->ie.rsn.has_pmkid &&
	    f->ie.rsn.n_pmkid > 0;
	if (f->ie.rsn_ie != NULL && f->ie.rsn.akm != NULL &&
	    f->ie.rsn.n_akm > 0)
		r->req_akm = d11_suite(f->ie.rsn.akm);
	else if (f->ie.rsn_ie == NULL && f->ie.wpa_ie != NULL &&
	    f->ie.wpa.akm != NULL && f->ie.wpa.n_akm > 0)
		r->req_akm = d11_suite(f->ie.wpa.akm);
	else
		r->req_akm = 0;
	if (f->ie.has_mde) {
		r->has_req_mdid = true;
		memcpy(r->req_mdid, f->ie.mde.mdid, 2);
	}
	judge(e, c, r);
}

static void
on_assoc_resp(struct eng *e, struct client *c, const struct d11_frame *f,
    const uint8_t *bss, uint64_t n)
{
	struct roam *r = newest(c);
	int st = f->has_status ? f->status : 0;

	if (r != NULL && r->pub.is_join && mac_eq(r->pub.to, bss) &&
	    answer_opens(r, f)) {
		/* the answer to a new try whose request the capture lost */
		roam_final(e, c, r);
		if (r->pub.result == ENG_R_FAILED && !c->pub.associated &&
		    (r = roam_new(e, c, bss, NULL, false, e->now)) == NULL)
			return;
		r->is_reassoc = f->kind == D11_K_REASSOC_RESP;
	}
	if (r == NULL || r->final || !mac_eq(r->pub.to, bss)) {
		if (r != NULL && c->pub.has_bss && mac_eq(c->pub.bss, bss) &&
		    recent_failed(e, c, e->now) == r) {
			roam_frame(r, n);
			if (st == 0 && r->refused == EI_NONE)
				r->back_to_old = true;
			judge(e, c, r);
		}
		if (st == 0)
			set_assoc(e, c, bss);
		return;
	}
	roam_frame(r, n);
	if (r->assoc.resp_ns != 0) {
		if (f->retry)
			r->assoc.retries++;
	} else {
		r->assoc.resp_ns = e->now;
		r->assoc.status = st;
		if (r->assoc.req_ns == 0)
			r->is_reassoc = f->kind == D11_K_REASSOC_RESP;
	}
	if (st != 0 && r->refused == EI_NONE) {
		r->refused = st;
		r->refused_phase = r->is_reassoc ? ENG_P_REASSOC : ENG_P_ASSOC;
	}
	if (st == 30 && f->ie.has_timeout && f->ie.timeout_type == 3)
		r->comeback_tu = f->ie.timeout_value;
	if (st == 0) {
		set_assoc(e, c, bss);
		/* data via the old AP up to here is the gap's start */
	}
	judge(e, c, r);
}

static void
on_leave(struct eng *e, struct client *c, const struct d11_frame *f,
    const uint8_t *bss, bool from_ap, uint64_t n)
{
	struct roam *r = newest(c);
	struct ap *a;

	if (r != NULL && !r->final && mac_eq(r->pub.to, bss)) {
		roam_frame(r, n);
		r->deauth_ns = e->now;
		r->deauth_reason = f->has_reason ? f->reason : 0;
		r->deauth_by_ap = from_ap;
		r->final = true;
		judge(e, c, r);
	} else if (r != NULL && r->pub.has_from && mac_eq(r->pub.from, bss) &&
	    e->now - r->pub.start_ns < 2 * NS_PER_S)
		roam_frame(r, n);	/* the old AP letting go */
	if (c->pub.associated && mac_eq(c->pub.bss, bss)) {
		c->pub.associated = false;
		if ((a = ap_find(e, bss)) != NULL && a->pub.nclients > 0)
			a->pub.nclients--;
		c->left = true;
		memcpy(c->left_bss, bss, 6);
		c->left_ns = e->now;
		bump(e);
	}
}

static void
kv_frame(struct client *c, uint64_t n)
{
	if (c->nkv_frames < sizeof c->kv_frames / sizeof c->kv_frames[0])
		c->kv_frames[c->nkv_frames++] = n;
}

void	eng_event(struct eng *, const char *, const char *,
	    const uint8_t *, const char *);
void
eng_event(struct eng *e, const char *code, const char *ssid,
    const uint8_t *bssid, const char *text)
{
	struct eng_finding *x;

	if (e->nevents < MAX_EVENTS)
		x = &e->events[(e->evhead + e->nevents++) % MAX_EVENTS];
	else {
		x = &e->events[e->evhead];
		e->evhead = (e->evhead + 1) % MAX_EVENTS;
	}
	memset(x, 0, sizeof *x);
	snprintf(x->code, sizeof x->code, "%s", code);
	snprintf(x->ssid, sizeof x->ssid, "%s", ssid != NULL ? ssid : "");
	if (bssid != NULL) {
		memcpy(x->bssids[0], bssid, 6);
		x->nbssids = 1;
	}
	snprintf(x->text, sizeof x->text, "%s", text);
	bump(e);
}

/* A BTM exchange that no roam followed: say so once. */
static void
btm_orphan(struct eng *e, struct client *c)
{
	char t[ENG_DIAG_TEXT], cm[18], am[18];
	struct ap *a = NULL;
	const char *ssid = "";

	if (c->btm.req_ns == 0 || c->btm_judged)
		return;
	c->btm_judged = true;
	if (c->pub.has_bss && (a = ap_find(e, c->pub.bss)) != NULL)
		ssid = a->pub.ssid;
	d11_mac_str(c->pub.mac, cm);
	d11_mac_str(c->pub.bss, am);
	if (c->btm.status > 0) {
		snprintf(t, sizeof t, "client %s rejected the BSS Transition "
		    "Management request from %s with status %d (%s) and "
		    "stayed", cm, am, c->btm.status,
		    d11_btm_status_name((uint8_t)c->btm.status));
		eng_event(e, "btm-reject", ssid, c->pub.bss, t);
	} else {
		snprintf(t, sizeof t, "BSS Transition Management request from "
		    "%s to client %s (%s) was not followed by a roam within "
		    "%lld s", am, cm, c->btm.status == 0 ? "accepted" :
		    "no response", (long long)(e->conf.kv_window_ns /
		    NS_PER_S));
		eng_event(e, "btm-no-roam", ssid, c->pub.bss, t);
	}
}

static void
on_action(struct eng *e, const struct d11_frame *f, uint64_t n)
{
	const uint8_t *sta, *bss;
	bool from_ap, old;
	struct client *c;
	struct roam *r;
	struct ap *a;
	const struct d11_action *act = &f->act;
	char t[ENG_DIAG_TEXT], cm[18], am[18];

	if (!mgmt_sides(f, &sta, &bss, &from_ap))
		return;
	if ((c = client_get(e, sta)) == NULL)
		return;
	c->pub.last_ns = e->now;
	a = ap_find(e, bss);
	if (!act->readable) {
		/* PMF: RM, FT and WNM bodies are encrypted; keep the shape */
		kv_frame(c, n);
		c->pmf_count++;
		if (from_ap) {
			if (c->pmf_order == 0 || e->now - c->pmf_ap_ns >
			    e->conf.kv_window_ns)
				c->pmf_order = c->pmf_req_ns != 0 &&
				    e->now - c->pmf_req_ns < NS_PER_S ? 1 : 2;
			/* answer to a client request: a neighbor report */
			if (c->pnr.req_ns != 0 && c->pnr.resp_ns == 0 &&
			    e->now - c->pnr.req_ns < NS_PER_S)
				c->pnr.resp_ns = e->now;
			else {
				ex_init(&c->pbtm);
				c->pbtm.req_ns = e->now;
				c->pbtm.protected_ = true;
			}
			c->pmf_ap_ns = e->now;
		} else {
			if (c->pbtm.req_ns != 0 && c->pbtm.resp_ns == 0 &&
			    e->now - c->pbtm.req_ns < 5 * NS_PER_S)
				c->pbtm.resp_ns = e->now;
			else {
				ex_init(&c->pnr);
				c->pnr.req_ns = e->now;
				c->pnr.protected_ = true;
			}
			c->pmf_req_ns = e->now;
		}
		return;
	}
	if (!act->has_action)
		return;
	d11_mac_str(sta, cm);
	d11_mac_str(bss, am);
	switch (act->category) {
	case D11_CAT_RM:
		if (act->action == D11_RM_NR_REQ && !from_ap) {
			if (c->nr.req_ns != 0 && c->nr.resp_ns == 0 &&
			    f->retry)
				c->nr.retries++;
			else {
				ex_init(&c->nr);
				c->nr.req_ns = e->now;
			}
			kv_frame(c, n);
			if (f->retry)
				break;
			if (a != NULL && a->adv && !a->pub.nr) {
				snprintf(t, sizeof t, "client %s sent a "
				    "Neighbor Report Request to %s, which does "
				    "not advertise neighbor report support "
				    "(RM Enabled Capabilities)", cm, am);
				eng_event(e, "nr-unadvertised", a->pub.ssid,
				    bss, t);
			}
			/* the reverse: the client asks for what it does
			 * not advertise */
			if (c->pub.caps.known && !c->pub.caps.k) {
				snprintf(t, sizeof t, "client %s sent a "
				    "Neighbor Report Request to %s though its "
				    "association request does not advertise "
				    "11k (no RM Enabled Capabilities element)",
				    cm, am);
				eng_event(e, "nr-unadvertised", a != NULL ?
				    a->pub.ssid : "", bss, t);
			}
		} else if (act->action == D11_RM_NR_RESP && from_ap) {
			bool asked = c->nr.req_ns != 0;

			if (c->nr.req_ns != 0 && c->nr.resp_ns == 0) {
				c->nr.resp_ns = e->now;
				c->nr.status = 0;
			}
			kv_frame(c, n);
			/* an answer to the client's request is no
			 * finding; an unsolicited report to a client
			 * without 11k is */
			if (!asked && !f->retry && c->pub.caps.known &&
			    !c->pub.caps.k) {
				snprintf(t, sizeof t, "%s sent an unsolicited "
				    "Neighbor Report to client %s, which does "
				    "not advertise 11k (no RM Enabled "
				    "Capabilities)", am, cm);
				eng_event(e, "nr-unadvertised", a != NULL ?
				    a->pub.ssid : "", bss, t);
			}
		}
		break;
	case D11_CAT_WNM:
		if (act->action == D11_WNM_BTM_REQ && from_ap) {
			if (c->btm.req_ns != 0 && c->btm.resp_ns == 0 &&
			    f->retry) {
				c->btm.retries++;
				kv_frame(c, n);
				break;
			}
			btm_orphan(e, c);
			ex_init(&c->btm);
			c->btm_judged = false;
			c->btm.req_ns = e->now;
			c->btm.req_seq = act->btm_mode;	/* keep the mode */
			if (act->btm_target != NULL) {
				memcpy(c->btm.target, act->btm_target, 6);
				c->btm.has_target = true;
			} else if (f->ie.n_neighbors > 0 &&
			    f->ie.neighbors[0].bssid != NULL) {
				memcpy(c->btm.target,
				    f->ie.neighbors[0].bssid, 6);
				c->btm.has_target = true;
			}
			c->nkv_frames = 0;
			if (c->nr.req_ns != 0)
				c->nkv_frames = 0;
			kv_frame(c, n);
			c->btm.protected_ = false;
			c->btm_unadv = c->pub.caps.known && !c->pub.caps.v;
			if (c->btm_unadv) {
				snprintf(t, sizeof t, "%s sent a BSS "
				    "Transition Management request to client "
				    "%s, which does not advertise 11v BSS "
				    "transition (Extended Capabilities bit "
				    "19)", am, cm);
				eng_event(e, "btm-unadvertised", a != NULL ?
				    a->pub.ssid : "", bss, t);
			}
		} else if (act->action == D11_WNM_BTM_RESP && !from_ap) {
			if (c->btm.req_ns != 0 && c->btm.resp_ns == 0) {
				c->btm.resp_ns = e->now;
				c->btm.status = act->has_btm_status ?
				    act->btm_status : 0;
				if (act->btm_target != NULL) {
					memcpy(c->btm.target, act->btm_target,
					    6);
					c->btm.has_target = true;
				}
			} else if (f->retry)
				c->btm.retries++;
			kv_frame(c, n);
		} else if (act->action == D11_WNM_BTM_QUERY && !from_ap) {
			kv_frame(c, n);
			if (a != NULL && a->adv && !a->pub.btm && !f->retry) {
				snprintf(t, sizeof t, "client %s sent a BSS "
				    "Transition Management query to %s, which "
				    "does not advertise 11v BSS transition", cm,
				    am);
				eng_event(e, "btm-unadvertised", a->pub.ssid,
				    bss, t);
			}
		}
		break;
	case D11_CAT_FT:
		if (act->action == D11_FT_REQ && !from_ap &&
		    act->ft_target_ap != NULL) {
			r = open_to(c, act->ft_target_ap);
			if (r != NULL && r->refused != EI_NONE && !f->retry &&
			    r->refused_phase == ENG_P_FT_ACTION) {
				roam_final(e, c, r);
				r = NULL;
			}
			if (r == NULL) {
				if (c->pub.associated && mac_eq(c->pub.bss,
				    act->ft_target_ap))
					break;
				r = roam_new(e, c, act->ft_target_ap,
				    c->pub.associated ? c->pub.bss : bss,
				    false, e->now);
				if (r == NULL)
					break;
			}
			roam_frame(r, n);
			if (r->ftact.req_ns != 0 && is_retry(f, &r->ftact,
			    true))
				r->ftact.retries++;
			else if (r->ftact.req_ns == 0)
				r->ftact.req_ns = e->now;
			if (f->has_seq)
				r->ftact.req_seq = f->seq;
			if (f->ie.has_mde) {
				r->has_req_mdid = true;
				memcpy(r->req_mdid, f->ie.mde.mdid, 2);
			}
			judge(e, c, r);
		} else if (act->action == D11_FT_RESP && from_ap &&
		    act->ft_target_ap != NULL) {
			if ((r = open_to(c, act->ft_target_ap)) == NULL)
				break;
			roam_frame(r, n);
			if (r->ftact.resp_ns != 0)
				r->ftact.retries++;
			else {
				r->ftact.resp_ns = e->now;
				r->ftact.status = act->has_ft_status ?
				    act->ft_status : 0;
				if (r->ftact.status > 0 &&
				    r->refused == EI_NONE) {
					r->refused = r->ftact.status;
					r->refused_phase = ENG_P_FT_ACTION;
				}
			}
			judge(e, c, r);
		}
		break;
	default:
		break;
	}
	(void)old;
}

static void
on_eapol(struct eng *e, const struct d11_frame *f, uint64_t n)
{
	const uint8_t *sta, *bss;
	struct client *c;
	struct roam *r;
	const struct d11_eapol *k = &f->eapol;
	int m;

	if (f->to_ds && !f->from_ds) {
		sta = f->sa;
		bss = f->bssid;
	} else if (f->from_ds && !f->to_ds) {
		sta = f->da;
		bss = f->bssid;
	} else
		return;
	if (sta == NULL || bss == NULL || d11_is_group(sta))
		return;
	if ((c = client_find(e, sta)) == NULL)
		return;
	c->pub.last_ns = e->now;
	if ((r = newest(c)) == NULL || !mac_eq(r->pub.to, bss))
		return;
	if (r->final && (r->deauth_ns != 0 || r->pub.result != ENG_R_PENDING))
		return;
	roam_frame(r, n);
	if (f->kind == D11_K_EAP) {
		if (r->eap_first == 0)
			r->eap_first = e->now;
		r->eap_last = e->now;
		if (k->eap_code == 3)
			r->eap_success = true;
		else if (k->eap_code == 4)
			r->eap_failure = true;
		judge(e, c, r);
		return;
	}
	if (k->type != D11_EAPOL_KEY)
		return;
	m = k->msg;
	if (m < D11_EAPOL_M1 || m > D11_EAPOL_M4)
		return;
	if (m == D11_EAPOL_M1 && r->saw_m2 && r->m_ns[3] == 0)
		r->m1_after_m2++;
	if (m == D11_EAPOL_M1 && !f->retry)
		r->m1_sent++;
	if (m == D11_EAPOL_M3 && !f->retry)
		r->m3_sent++;
	if (m == D11_EAPOL_M2)
		r->saw_m2 = true;
	if (r->m_ns[m] == 0)
		r->m_ns[m] = e->now;
	else if (m == D11_EAPOL_M4)
		r->m4_last = e->now;
	judge(e, c, r);
}

static void
on_data(struct eng *e, const struct d11_frame *f)
{
	const uint8_t *sta, *bss;
	struct client *c;
	struct roam *r;
	bool from_client;

	if (f->is_null)
		return;
	if (f->to_ds && !f->from_ds) {
		sta = f->addr2;
		bss = f->addr1;
		from_client = true;
	} else if (f->from_ds && !f->to_ds) {
		sta = f->addr1;
		bss = f->addr2;
		from_client = false;
	} else
		return;
	if (sta == NULL || bss == NULL || d11_is_group(sta))
		return;	/* broadcasts (the relayed L2 Update) don't count */
	if ((c = client_find(e, sta)) == NULL)
		return;
	c->pub.last_ns = e->now;
	if (from_client && (f->radio.present & D11_RADIO_SIGNAL)) {
		c->pub.has_rssi = true;
		c->pub.rssi = f->radio.signal;
	}
	r = newest(c);
	if (r != NULL && mac_eq(r->pub.to, bss) && r->first_any_ns == 0 &&
	    r->pub.result != ENG_R_FAILED && r->deauth_ns == 0 &&
	    (r->assoc.resp_ns != 0 && r->assoc.status == 0)) {
		r->first_any_ns = e->now;
		if (!r->pub.is_join && r->pub.has_from &&
		    mac_eq(c->data_bss, r->pub.from) && c->data_ns != 0 &&
		    c->data_ns < e->now)
			r->gap_start = c->data_ns;
		if (from_client)
			r->data_ns = e->now;
		judge(e, c, r);
	} else if (r != NULL && from_client && r->data_ns == 0 &&
	    r->first_any_ns != 0 && mac_eq(r->pub.to, bss)) {
		r->data_ns = e->now;
		judge(e, c, r);
	}
	memcpy(c->data_bss, bss, 6);
	c->data_ns = e->now;
}

/* Periodic: timeouts, aging, BTM without roam. */
static void
sweep(struct eng *e)
{
	struct client *c;
	struct roam *r;
	size_t i;
	int64_t now = e->now, last;

	for (i = 0; i < e->nclients; i++) {
		c = e->clients[i];
		if ((r = newest(c)) != NULL && !r->final) {
			last = r->pub.start_ns;
			if (r->assoc.req_ns > last)
				last = r->assoc.req_ns;
			if (r->assoc.resp_ns > last)
				last = r->assoc.resp_ns;
			if (r->m_ns[1] > last)
				last = r->m_ns[1];
			if (r->eap_last > last)
				last = r->eap_last;
			if (r->ftauth.resp_ns > last)
				last = r->ftauth.resp_ns;
			if (r->auth.resp_ns > last)
				last = r->auth.resp_ns;
			if (now - last > e->conf.hard_roam_window_ns ||
			    (r->pub.result != ENG_R_PENDING && now - last >
			    e->conf.response_timeout_ns &&
			    (r->pub.result != ENG_R_OK || r->first_any_ns)))
				roam_final(e, c, r);
			else if (r->pub.result == ENG_R_PENDING &&
			    now - last > e->conf.response_timeout_ns)
				judge(e, c, r);
		}
		if (c->btm.req_ns != 0 && !c->btm_judged && now -
		    (c->btm.resp_ns ? c->btm.resp_ns : c->btm.req_ns) >
		    e->conf.kv_window_ns && !(c->btm.req_seq >= 0 &&
		    (c->btm.req_seq & D11_BTM_DISASSOC_IMM) && now -
		    c->btm.req_ns < 60 * NS_PER_S && !c->left))
			btm_orphan(e, c);
		if (e->conf.roam_max_age_ns > 0) {
			while (c->rcount > 1 && now - c->roams[c->rhead]->
			    pub.start_ns > e->conf.roam_max_age_ns)
				roam_drop_oldest(e, c);
		}
	}
	for (i = 0; i < e->nclients; ) {
		c = e->clients[i];
		r = newest(c);
		if (e->conf.client_idle_ns > 0 && now - c->pub.last_ns >
		    e->conf.client_idle_ns && (r == NULL || r->final))
			client_remove(e, i);
		else
			i++;
	}
}

int64_t	eng_now(const struct eng *);
int64_t
eng_now(const struct eng *e)
{
	return e->now;
}

void
eng_feed(struct eng *e, const struct rs_rec *rec)
{
	const struct d11_frame *f = &rec->f;
	const uint8_t *sta, *bss;
	struct client *c;
	bool from_ap;

	e->cnt.frames++;
	if ((unsigned)f->kind <= D11_K_EXT)
		e->cnt.by_kind[f->kind]++;
	if (f->error != D11_OK) {
		e->cnt.undecoded++;
		return;
	}
	if (f->bad_fcs) {
		e->cnt.bad_fcs++;
		return;
	}
	if (rec->ts_ns > e->now)
		e->now = rec->ts_ns;
	/* 0 is the engine's "never": frames stamped 0 or before (all-zero
	 * stamps, none at all) still happened, at 1 ns. */
	if (e->now <= 0)
		e->now = 1;
	if (e->now - e->last_sweep >= NS_PER_S) {
		if (e->last_sweep != 0)
			sweep(e);
		e->last_sweep = e->now;
	}

	switch (f->kind) {
	case D11_K_DATA:
		on_data(e, f);
		break;
	case D11_K_BEACON:
	case D11_K_PROBE_RESP:
		ap_beacon(e, f);
		break;
	case D11_K_EAPOL:
	case D11_K_EAP:
		fs_store(e, rec);
		on_eapol(e, f, rec->n);
		break;
	case D11_K_ACTION:
	case D11_K_ACTION_NOACK:
		if (f->addr1 != NULL && d11_is_group(f->addr1))
			break;
		fs_store(e, rec);
		on_action(e, f, rec->n);
		break;
	case D11_K_AUTH:
	case D11_K_ASSOC_REQ:
	case D11_K_REASSOC_REQ:
	case D11_K_ASSOC_RESP:
	case D11_K_REASSOC_RESP:
	case D11_K_DEAUTH:
	case D11_K_DISASSOC:
		if (!mgmt_sides(f, &sta, &bss, &from_ap))
			break;
		if ((c = client_get(e, sta)) == NULL)
			break;
		if (!from_ap && (f->kind == D11_K_ASSOC_REQ ||
		    f->kind == D11_K_REASSOC_REQ))
			caps_from_req(c, f);
		if (ap_get(e, bss) == NULL)
			break;
		fs_store(e, rec);
		c->pub.last_ns = e->now;
		if (!from_ap && (f->radio.present & D11_RADIO_SIGNAL)) {
			c->pub.has_rssi = true;
			c->pub.rssi = f->radio.signal;
		}
		switch (f->kind) {
		case D11_K_AUTH:
			on_auth(e, c, f, bss, from_ap, rec->n);
			break;
		case D11_K_ASSOC_REQ:
		case D11_K_REASSOC_REQ:
			if (!from_ap)
				on_assoc_req(e, c, f, bss, rec->n);
			break;
		case D11_K_ASSOC_RESP:
		case D11_K_REASSOC_RESP:
			if (from_ap)
				on_assoc_resp(e, c, f, bss, rec->n);
			break;
		default:
			on_leave(e, c, f, bss, from_ap, rec->n);
			break;
		}
		break;
	default:
		break;
	}
	if (e->ess_dirty) {
		e->ess_dirty = false;
		eng_ess_findings(e);
		bump(e);
	}
}

void
eng_finish(struct eng *e)
{
	struct client *c;
	struct roam *r;
	size_t i;

	e->finished = true;
	for (i = 0; i < e->nclients; i++) {
		c = e->clients[i];
		if ((r = newest(c)) != NULL && !r->final) {
			r->capture_ended = true;
			roam_final(e, c, r);
		}
		btm_orphan(e, c);
	}
	if (e->ess_dirty) {
		e->ess_dirty = false;
		eng_ess_findings(e);
	}
	bump(e);
}

void
eng_free(struct eng *e)
{
	size_t i;

	if (e == NULL)
		return;
	while (e->nclients > 0)
		client_remove(e, e->nclients - 1);
	for (i = 0; i < e->naps; i++)
		free(e->aps[i]);
	free(e->aps);
	free(e->clients);
	free(e->ess);
	free(e->all);
	while (e->fscount > 0)
		fs_evict(e);
	free(e->fs);
	free(e);
}

/* ------------------------------------------------------------------------
 * Findings and the all-roams view.
 */
size_t	eng_naps_internal(const struct eng *);

struct ap **eng_aps_internal(struct eng *, size_t *);
struct ap **
eng_aps_internal(struct eng *e, size_t *n)
{
	*n = e->naps;
	return e->aps;
}

void	eng_ess_set(struct eng *, struct eng_finding *, size_t);
void
eng_ess_set(struct eng *e, struct eng_finding *f, size_t n)
{
	free(e->ess);
	e->ess = f;
	e->ness = n;
}

size_t
eng_nfindings(const struct eng *e)
{
	return e->ness + e->nevents;
}

const struct eng_finding *
eng_finding(const struct eng *e, size_t i)
{
	if (i < e->ness)
		return &e->ess[i];
	i -= e->ness;
	if (i >= e->nevents)
		return NULL;
	return &e->events[(e->evhead + i) % MAX_EVENTS];
}

static int
roam_cmp(const void *a, const void *b)
{
	const struct eng_roam *x = *(const struct eng_roam * const *)a;
	const struct eng_roam *y = *(const struct eng_roam * const *)b;

	if (x->start_ns != y->start_ns)
		return x->start_ns < y->start_ns ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

static void
all_build(struct eng *e)
{
	size_t i, n = 0, k;
	struct client *c;
	const struct eng_roam **na;

	if (e->all_valid)
		return;
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
			e->all[e->nall++] = &c->roams[(c->rhead + k) %
			    c->rcap]->pub;
	}
	/* e->all is NULL before the first roam: qsort's pointer is nonnull */
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
	return i < e->nall ? e->all[i] : NULL;
}
