/*
 * logs.c -- what a controller, an AP or the client logged, on the attempts
 * the air shows, and where the two disagree.
 *
 * Each timed event of a client is put on the attempt of that client that
 * covers its time on the capture's clock (eng_roam_at, with a slack: the
 * daemons log tens of ms after the frame), when the BSS it names is the
 * attempt's target or old AP.  Then each attempt with events of the log is
 * compared with what the air showed of it, most specific first:
 *
 *   log-key-cache	the log's missing key ("802.11r Key Cache look up
 *			failed", no PMK-R1, INVALID_PMKID) is the air's 53
 *   log-sent-not-on-air the logger sent a response the air never carried
 *   log-ap-no-answer	the logger got the request and never answered it
 *   log-status-differs	the logged status is not the air's
 *   log-ok-air-failed	the log says success, the attempt failed on the air
 *   log-unlogged	the attempt's (re)association request is within what
 *			the log covers (client, BSS, time) and the log has
 *			nothing of the attempt
 *
 * and the log's own findings (a failure loop, a wrong passphrase) are put
 * on the attempt they end in, or are client events when the capture has
 * none (a log read alone).
 */
#include <stdlib.h>

#include "engine_int.h"
#include "log/log.h"

#define LG_MAX_SCOPE	64	/* clients and BSSs a log's coverage holds */

static int
ref_cmp(const void *a, const void *b)
{
	const struct eng_logref *x = a, *y = b;

	if (x->roam_id != y->roam_id)
		return x->roam_id < y->roam_id ? -1 : 1;
	if (x->ts_ns != y->ts_ns)
		return x->ts_ns < y->ts_ns ? -1 : 1;
	if (x->log != y->log)
		return x->log < y->log ? -1 : 1;
	return (x->ev > y->ev) - (x->ev < y->ev);
}

const struct eng_logref *
eng_roam_logs(const struct eng *e, uint64_t id, size_t *n)
{
	size_t lo = 0, hi = e->nlrefs, mid, k;

	*n = 0;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (e->lrefs[mid].roam_id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (k = lo; k < e->nlrefs && e->lrefs[k].roam_id == id; k++)
		;
	*n = k - lo;
	return *n != 0 ? e->lrefs + lo : NULL;
}

/* The BSS the event names is the attempt's (or it names none). */
static bool
bss_fits(const struct eng_roam *p, const struct log_event *x)
{
	if ((x->flags & LOG_F_BSSID) == 0)
		return true;
	return mac_eq(x->bssid, p->to) || (p->has_from &&
	    mac_eq(x->bssid, p->from));
}

static bool
log_code(enum eng_code id)
{
	return id >= ENG_C_LOG_KEY_CACHE && id <= ENG_C_LOG_WRONG_PSK;
}

#define LG_SCAN	8	/* attempts looked at before an event's time */

/*
 * The attempt an event belongs to: of its client, within the slack of the
 * event's time, of the BSS it names; the one whose span holds the time,
 * else the nearest (the newest of equals).  The client's attempts are in
 * start order: the last that started by the time (plus the slack) is found
 * by bisection, and a few before it are looked at.
 */
static const struct eng_roam *
lg_attempt(const struct eng *e, const struct log_event *x, int64_t t)
{
	const struct eng_client *c = eng_find_client(e, x->mac);
	const struct eng_roam *p, *best = NULL;
	size_t n, lo, hi, mid, k;
	int64_t end, d, bestd = INT64_MAX;

	if (c == NULL || (n = eng_client_nroams(e, c)) == 0)
		return NULL;
	lo = 0;
	hi = n;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (eng_client_roam(e, c, mid)->start_ns - ENG_LOG_SLACK_NS <=
		    t)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (k = lo; k-- > 0 && lo - k <= LG_SCAN;) {
		p = eng_client_roam(e, c, k);
		end = p->last_frame_ns > p->end_ns ? p->last_frame_ns :
		    p->end_ns;
		if (p->result == ENG_R_PENDING && end < e->now)
			end = e->now;	/* still open */
		if (t > end + ENG_LOG_SLACK_NS || !bss_fits(p, x))
			continue;
		d = t < p->start_ns ? p->start_ns - t : t > end ? t - end : 0;
		if (d < bestd) {
			best = p;
			bestd = d;
		}
	}
	return best;
}

/* A diagnosis of a log: before the air's own (they explain them), after
 * the logs' earlier ones; the least specific is dropped when full. */
static struct eng_diag *
lg_diag(struct eng_roam *p, enum eng_code id, int32_t a0, int32_t a1,
    double v0)
{
	struct eng_diag *d;
	unsigned i, at;

	for (i = 0; i < p->ndiags; i++)
		if (p->diags[i].id == id)
			return NULL;
	for (at = 0; at < p->ndiags && log_code(p->diags[at].id); at++)
		;
	if (at >= ENG_MAX_DIAGS)
		return NULL;
	if (p->ndiags < ENG_MAX_DIAGS)
		p->ndiags++;
	memmove(&p->diags[at + 1], &p->diags[at],
	    (p->ndiags - 1 - at) * sizeof p->diags[0]);
	d = &p->diags[at];
	memset(d, 0, sizeof *d);
	d->id = id;
	d->arg[0] = a0;
	d->arg[1] = a1;
	d->val[0] = v0;
	tx_diag(d, p, NULL);
	return d;
}

static bool
has_diag(const struct eng_roam *p, enum eng_code id)
{
	unsigned i;

	for (i = 0; i < p->ndiags; i++)
		if (p->diags[i].id == id)
			return true;
	return false;
}

/* The air's last exchange of a kind at ap that started by t (+ slack). */
static const struct eng_phase *
air_phase(const struct eng_roam *p, enum eng_phase_kind k1,
    enum eng_phase_kind k2, const uint8_t *ap, int64_t t)
{
	const struct eng_phase *ph, *best = NULL;
	unsigned i;

	for (i = 0; i < p->nphases; i++) {
		ph = &p->phases[i];
		if ((ph->kind != k1 && ph->kind != k2) || !mac_eq(ph->ap, ap))
			continue;
		if (ph->start_ns > t + ENG_LOG_SLACK_NS)
			continue;
		best = ph;
	}
	return best;
}

/* A logged setback after which a logged success proves nothing: a failure,
 * or the client let go. */
static bool
setback(const struct log_event *x)
{
	switch (x->kind) {
	case LOG_EV_CLIENT_DELETE:
	case LOG_EV_DEAUTH:
	case LOG_EV_DISASSOC:
	case LOG_EV_DISCONNECTED:
		return true;
	default:
		return log_event_failed(x);
	}
}

/* What one log says of one attempt, gathered from its events. */
struct lg_view {
	bool		 no_pmk;
	/* a response the logger sent (infrastructure) */
	const struct log_event *sent;	/* the last one at the target */
	int64_t		 sent_ns;
	/* the requests it got at the target, and whether it answered */
	unsigned	 reqs;
	int64_t		 req_ns;
	bool		 req_reassoc;
	bool		 answered;
	/* a status to compare with the air's: the last logged response */
	const struct log_event *st;
	int64_t		 st_ns;
	/* the strongest success at the target, and a setback after it */
	int		 ok;		/* enum eng_log_ok, -1 none */
	bool		 setback_after;
};

static void
view(const struct eng *e, const struct eng_roam *p,
    const struct eng_logref *r, size_t nr, uint16_t log,
    const struct log_event *ev, struct lg_view *v)
{
	const struct log_event *x;
	size_t i;
	int ok;

	(void)e;
	memset(v, 0, sizeof *v);
	v->ok = -1;
	for (i = 0; i < nr; i++) {
		if (r[i].log != log)
			continue;
		x = &ev[r[i].ev];
		if (x->kind == LOG_EV_NO_PMK)
			v->no_pmk = true;
		if (setback(x) && v->ok >= 0)
			v->setback_after = true;
		if ((x->flags & LOG_F_BSSID) == 0 || !mac_eq(x->bssid, p->to))
			continue;
		ok = -1;
		switch (x->kind) {
		case LOG_EV_ASSOC_REQ:
		case LOG_EV_REASSOC_REQ:
			if (x->side != LOG_SIDE_INFRA)
				break;
			if (v->reqs++ == 0)
				v->req_ns = r[i].ts_ns;
			v->req_reassoc = x->kind == LOG_EV_REASSOC_REQ;
			break;
		case LOG_EV_ASSOC_RESP:
		case LOG_EV_AUTH_RESP:
			if ((x->flags & LOG_F_STATUS) == 0)
				break;
			if ((x->flags & LOG_F_IEEE) != 0) {
				v->st = x;
				v->st_ns = r[i].ts_ns;
			}
			if (x->side == LOG_SIDE_INFRA &&
			    x->dir == LOG_DIR_TX && x->kind ==
			    LOG_EV_ASSOC_RESP) {
				v->sent = x;
				v->sent_ns = r[i].ts_ns;
				v->answered = true;
			}
			if (x->kind == LOG_EV_ASSOC_RESP && x->status == 0)
				ok = ENG_LOK_RESPONSE;
			break;
		case LOG_EV_KEY_DONE:
			ok = ENG_LOK_KEYS;
			break;
		case LOG_EV_CONNECTED:
			ok = ENG_LOK_CONNECTED;
			break;
		case LOG_EV_PEM:
			if (x->pem == LOG_PEM_RUN)
				ok = ENG_LOK_CONNECTED;
			break;
		default:
			break;
		}
		if (ok >= 0) {
			if (ok > v->ok)
				v->ok = ok;
			v->setback_after = false;
		}
	}
}

static unsigned
judge(struct eng *e, struct eng_roam *p, const struct eng_logref *r,
    size_t nr, uint16_t log, const struct log_event *ev)
{
	const struct eng_phase *ph;
	struct lg_view v;
	unsigned made = 0;
	bool air53 = p->status == D11_ST_INVALID_PMKID, not_on_air = false;
	unsigned i;

	view(e, p, r, nr, log, ev, &v);
	for (i = 0; i < p->nphases && !air53; i++)
		air53 = p->phases[i].status == D11_ST_INVALID_PMKID;
	if (v.no_pmk && air53 && lg_diag(p, ENG_C_LOG_KEY_CACHE,
	    D11_ST_INVALID_PMKID, has_diag(p, ENG_C_MIXED_MDID), 0) != NULL)
		made++;
	if (v.sent != NULL) {
		ph = air_phase(p, ENG_P_REASSOC, ENG_P_ASSOC, p->to,
		    v.sent_ns);
		/* the request on the air, its answer not: lost on the radio
		 * (or missed by the sniffer when the logger saw it acked) */
		if (ph != NULL && ph->status == ENG_STATUS_NONE &&
		    lg_diag(p, ENG_C_LOG_NOT_ON_AIR, (int32_t)ph->kind,
		    v.sent->status, v.sent->flags & LOG_F_ACKED ? 1 : 0) !=
		    NULL) {
			made++;
			not_on_air = true;
		}
	}
	if (v.reqs > 0 && !v.answered) {
		ph = air_phase(p, ENG_P_REASSOC, ENG_P_ASSOC, p->to,
		    v.req_ns);
		if (ph != NULL && ph->status == ENG_STATUS_NONE &&
		    lg_diag(p, ENG_C_LOG_AP_NO_ANSWER, (int32_t)ph->kind,
		    (int32_t)v.reqs, 0) != NULL)
			made++;
	}
	if (v.st != NULL) {
		if (v.st->kind == LOG_EV_AUTH_RESP)
			ph = air_phase(p, ENG_P_AUTH, ENG_P_FT_AUTH, p->to,
			    v.st_ns);
		else
			ph = air_phase(p, ENG_P_REASSOC, ENG_P_ASSOC, p->to,
			    v.st_ns);
		if (ph != NULL && ph->status != ENG_STATUS_NONE &&
		    ph->status != v.st->status && lg_diag(p,
		    ENG_C_LOG_STATUS_DIFFERS, v.st->status, ph->status,
		    (double)ph->kind) != NULL)
			made++;
	}
	if (v.ok >= 0 && !v.setback_after && !not_on_air &&
	    (p->result == ENG_R_FAILED || p->result == ENG_R_RETURNED) &&
	    lg_diag(p, ENG_C_LOG_OK_AIR_FAILED, v.ok, 0, 0) != NULL)
		made++;
	return made;
}

/* What a log covers: its clients, its BSSs, its time span. */
struct lg_scope {
	uint8_t		 mac[LG_MAX_SCOPE][6];
	uint8_t		 bss[LG_MAX_SCOPE][6];
	unsigned	 nmac, nbss;
	int64_t		 first, last;
	bool		 infra;
};

static void
scope_add(uint8_t (*set)[6], unsigned *n, const uint8_t *m)
{
	unsigned i;

	for (i = 0; i < *n; i++)
		if (mac_eq(set[i], m))
			return;
	if (*n < LG_MAX_SCOPE)
		memcpy(set[(*n)++], m, 6);
}

static bool
scope_has(const uint8_t (*set)[6], unsigned n, const uint8_t *m)
{
	unsigned i;

	for (i = 0; i < n; i++)
		if (mac_eq(set[i], m))
			return true;
	return false;
}

static bool
has_assoc(const struct eng_roam *p)
{
	unsigned i;

	for (i = 0; i < p->nphases; i++)
		if (p->phases[i].kind == ENG_P_ASSOC ||
		    p->phases[i].kind == ENG_P_REASSOC)
			return true;
	return false;
}

/* Attempts of the log's clients to its BSSs within its span, with a
 * (re)association request on the air, that it says nothing of. */
static unsigned
unlogged(struct eng *e, uint16_t log, const struct lg_scope *s)
{
	const struct eng_client *c;
	const struct eng_roam *p;
	struct eng_roam *w;
	const struct eng_logref *r;
	size_t i, k, nr, j, n;
	unsigned made = 0;
	bool mine;

	if (!s->infra)
		return 0;
	for (i = 0; i < s->nmac; i++) {
		if ((c = eng_find_client(e, s->mac[i])) == NULL)
			continue;
		n = eng_client_nroams(e, c);
		for (k = 0; k < n; k++) {
			p = eng_client_roam(e, c, k);
			/* a (re)association request every such log records */
			if (p == NULL || !has_assoc(p) ||
			    !scope_has((const uint8_t (*)[6])s->bss, s->nbss,
			    p->to) || p->start_ns < s->first ||
			    p->start_ns > s->last)
				continue;
			r = eng_roam_logs(e, p->id, &nr);
			mine = false;
			for (j = 0; j < nr && !mine; j++)
				mine = r[j].log == log;
			if (!mine && (w = cd_mut(e, p)) != NULL &&
			    lg_diag(w, ENG_C_LOG_UNLOGGED, 0, 0, 0) != NULL)
				made++;
		}
	}
	return made;
}

/* The log's own findings: on the attempt they end in, else client events. */
static unsigned
findings(struct eng *e, const struct log_finding *f, size_t nf,
    int64_t off)
{
	const struct eng_roam *p;
	struct eng_roam *w;
	struct eng_finding *fd;
	const struct eng_ap *ap;
	struct eng_diag *d;
	unsigned made = 0;
	size_t i;
	enum eng_code id;
	int64_t t;
	int32_t a1;
	char ms[24];

	for (i = 0; i < nf; i++) {
		id = f[i].kind == LOG_FIND_LOOP ? ENG_C_LOG_LOOP :
		    ENG_C_LOG_WRONG_PSK;
		a1 = id == ENG_C_LOG_LOOP ? f[i].ev_kind == LOG_EV_NO_PMK :
		    (int32_t)f[i].retries;
		t = f[i].last_ns - off;
		p = eng_roam_at(e, f[i].mac, t, ENG_LOG_SLACK_NS);
		if (p == NULL)
			p = eng_roam_at(e, f[i].mac, f[i].first_ns - off,
			    ENG_LOG_SLACK_NS);
		if (p != NULL) {
			if ((w = cd_mut(e, p)) != NULL &&
			    (d = lg_diag(w, id, (int32_t)f[i].count, a1,
			    (double)f[i].period_ns / NS_PER_MS)) != NULL) {
				if (f[i].has_bssid)
					memcpy(d->mac, f[i].bssid, 6);
				tx_diag(d, w, NULL);
				made++;
			}
			continue;
		}
		if (!e->finished)
			continue;	/* live: its attempt may still come */
		ap = f[i].has_bssid ? eng_find_ap(e, f[i].bssid) : NULL;
		if ((fd = ess_event(e, id, ap != NULL ? ap->ssid : "",
		    f[i].has_bssid ? f[i].bssid : NULL)) == NULL)
			continue;
		fd->ts_ns = t;
		/* the loop's period, as a number for its sentence */
		snprintf(ms, sizeof ms, "%.0f", (double)f[i].period_ns /
		    NS_PER_MS);
		tx_finding(fd, (int32_t)f[i].count, a1, f[i].mac,
		    f[i].has_bssid ? f[i].bssid : NULL, ms, NULL);
		made++;
	}
	return made;
}

void
eng_log_clear(struct eng *e)
{
	const struct eng_roam *q;
	struct eng_roam *p;
	size_t i, n;
	unsigned k, j;

	e->nlrefs = 0;
	n = eng_nroams_all(e);
	for (i = 0; i < n; i++) {
		q = eng_roam_all(e, i);
		for (k = 0; k < q->ndiags && !log_code(q->diags[k].id); k++)
			;
		if (k == q->ndiags || (p = cd_mut(e, q)) == NULL)
			continue;	/* no log's diagnosis */
		for (k = j = 0; k < p->ndiags; k++)
			if (!log_code(p->diags[k].id))
				p->diags[j++] = p->diags[k];
		p->ndiags = (uint8_t)j;
	}
	cd_cool(e);
	st_bump(e);
}

int
eng_log_attach(struct eng *e, uint16_t log, const struct log_event *ev,
    size_t n, const struct log_finding *f, size_t nf, int64_t off,
    struct eng_log_stats *st)
{
	struct eng_log_stats z;
	struct eng_logref *nr, *r;
	struct lg_scope *s;
	const struct eng_roam *p;
	struct eng_roam *w;
	const struct log_event *x;
	uint64_t last_id = 0;
	size_t i, first;
	int64_t t;

	if (st == NULL)
		st = &z;
	memset(st, 0, sizeof *st);
	if ((s = calloc(1, sizeof *s)) == NULL)
		return -1;
	first = e->nlrefs;
	for (i = 0; i < n; i++) {
		x = &ev[i];
		if ((x->flags & (LOG_F_TIME | LOG_F_MAC)) !=
		    (LOG_F_TIME | LOG_F_MAC)) {
			st->other++;
			continue;
		}
		t = x->t_ns - off;
		if (s->nmac == 0 && s->nbss == 0)
			s->first = t;
		s->last = t;
		scope_add(s->mac, &s->nmac, x->mac);
		if (x->flags & LOG_F_BSSID)
			scope_add(s->bss, &s->nbss, x->bssid);
		if (x->side == LOG_SIDE_INFRA)
			s->infra = true;
		if ((p = lg_attempt(e, x, t)) == NULL) {
			if (eng_find_client(e, x->mac) != NULL)
				st->unattached++;
			else
				st->other++;
			continue;
		}
		if (e->nlrefs >= ENG_LOG_MAX_REFS) {
			st->other++;
			continue;
		}
		if (e->nlrefs == e->lrcap) {
			nr = realloc(e->lrefs, (e->lrcap ? e->lrcap * 2 : 256) *
			    sizeof *nr);
			if (nr == NULL) {
				free(s);
				return -1;
			}
			e->lrefs = nr;
			e->lrcap = e->lrcap ? e->lrcap * 2 : 256;
		}
		r = &e->lrefs[e->nlrefs++];
		r->roam_id = p->id;
		r->ts_ns = t;
		r->ev = (uint32_t)i;
		r->log = log;
		r->client_side = x->side == LOG_SIDE_CLIENT;
		st->attached++;
	}
	/* the attempts this log touched, before the references are sorted */
	if (e->nlrefs > first) {
		qsort(e->lrefs + first, e->nlrefs - first, sizeof *e->lrefs,
		    ref_cmp);
		for (i = first; i < e->nlrefs; i++)
			if (e->lrefs[i].roam_id != last_id) {
				last_id = e->lrefs[i].roam_id;
				st->roams++;
			}
	}
	if (e->nlrefs > 1)	/* (none: lrefs may be NULL) */
		qsort(e->lrefs, e->nlrefs, sizeof *e->lrefs, ref_cmp);

	/* each attempt with events of this log, once */
	last_id = 0;
	for (i = 0; i < e->nlrefs; i++) {
		const struct eng_logref *rr;
		size_t k;

		if (e->lrefs[i].log != log || e->lrefs[i].roam_id == last_id)
			continue;
		last_id = e->lrefs[i].roam_id;
		if ((w = cd_mut(e, eng_roam_by_id(e, last_id))) == NULL)
			continue;
		rr = eng_roam_logs(e, last_id, &k);
		st->diags += judge(e, w, rr, k, log, ev);
	}
	st->diags += unlogged(e, log, s);
	st->diags += findings(e, f, nf, off);
	cd_cool(e);
	free(s);
	st_bump(e);
	return 0;
}
