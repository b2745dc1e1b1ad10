/*
 * attempt.c -- the attempt lifecycle: every join and roam is an attempt,
 * opened, continued and closed here and nowhere else.
 *
 * A client has at most one open attempt.  Frames of the 11k/11v exchanges
 * and directed probes before a roam open it in PROBING or STEERED; it
 * becomes a join or a roam (an id, a place in the client's ring) with the
 * first exchange at a target: authentication, FT authentication, an FT
 * action request over the DS, a (re)association, or an AP's answer to a
 * client whose own frames were not captured.  From there frames and
 * timeouts move it, through att_step() alone, along
 *
 *	AUTHENTICATING -> ASSOCIATING -> KEYING -> WAITING_DATA -> DONE
 *
 * A failure (a refusing status, no answer, a handshake that did not finish,
 * a deauthentication or disassociation) moves it to RECOVERING, and what the
 * client does next stays in the same attempt: another try at the target
 * (tries), a full authentication after a refused FT (fallback), going back
 * to the old AP (RETURNED once data flows there), a reconnection after the
 * deauthentication, or nothing until the window ends (FAILED).
 */
#include <stdlib.h>

#include "engine_int.h"

/* What happened, for att_step(). */
enum att_ev {
	EV_PROBE,	/* probes toward a candidate */
	EV_NR,		/* a neighbor report exchange */
	EV_BTM,		/* a BTM request to the client */
	EV_AUTH,	/* an authentication exchange started or went on */
	EV_ASSOC,	/* a (re)association request */
	EV_ASSOCIATED,	/* accepted; keys to follow */
	EV_KEYED,	/* keys in place */
	EV_DATA,	/* data via the AP of the current try */
	EV_FAIL,	/* this try failed (a->fail says why) */
	EV_QUIET,	/* the window ended with nothing more */
	EV_END,		/* the capture ended */
};

static bool
active(enum eng_state s)
{
	return s == ENG_S_AUTHENTICATING || s == ENG_S_ASSOCIATING ||
	    s == ENG_S_KEYING || s == ENG_S_WAITING_DATA ||
	    s == ENG_S_RECOVERING;
}

static bool
settled(enum eng_state s)
{
	return s == ENG_S_DONE || s == ENG_S_FAILED || s == ENG_S_RETURNED;
}

static void
set_state(struct eng *e, struct att *a, enum eng_state st, int64_t at)
{
	if (a->pub.nhist > 0 && a->st == st)
		return;
	a->st = st;
	a->pub.state = st;
	a->st_ns = at;
	if (a->pub.nhist < ENG_MAX_HIST) {
		a->pub.hist[a->pub.nhist].state = st;
		a->pub.hist[a->pub.nhist].ts_ns = at;
		a->pub.nhist++;
	}
	st_bump(e);
}

/*
 * The one place an attempt's state moves: the state after event ev in the
 * current one.  Pre-roam states (PROBING, STEERED) only move forward to an
 * exchange; the settled ones (DONE, FAILED, RETURNED) do not move.
 */
static void
att_step(struct eng *e, struct att *a, enum att_ev ev)
{
	enum eng_state s = a->st, n = s;
	bool fresh = a->pub.nhist == 0;
	bool done_keys = a->key_end != 0;

	if (!fresh && settled(s))
		return;
	switch (ev) {
	case EV_PROBE:
		if (fresh)
			n = ENG_S_PROBING;
		break;
	case EV_NR:
		if (fresh)
			n = ENG_S_PROBING;
		break;
	case EV_BTM:
		if (fresh || s == ENG_S_PROBING)
			n = ENG_S_STEERED;
		break;
	case EV_AUTH:
		n = ENG_S_AUTHENTICATING;
		break;
	case EV_ASSOC:
		n = ENG_S_ASSOCIATING;
		break;
	case EV_ASSOCIATED:
		n = ENG_S_KEYING;
		break;
	case EV_KEYED:
		n = a->first_any_ns != 0 ? (a->returning ? ENG_S_RETURNED :
		    ENG_S_DONE) : ENG_S_WAITING_DATA;
		break;
	case EV_DATA:
		if (s == ENG_S_KEYING || s == ENG_S_WAITING_DATA)
			n = a->returning ? ENG_S_RETURNED : ENG_S_DONE;
		break;
	case EV_FAIL:
		if (active(s) || s == ENG_S_PROBING || s == ENG_S_STEERED)
			n = ENG_S_RECOVERING;
		break;
	case EV_QUIET:
		if (s == ENG_S_WAITING_DATA)
			n = a->returning ? ENG_S_RETURNED : ENG_S_DONE;
		else if (active(s))
			n = ENG_S_FAILED;
		break;
	case EV_END:
		if (s == ENG_S_WAITING_DATA)
			n = a->returning ? ENG_S_RETURNED : ENG_S_DONE;
		else if (s == ENG_S_RECOVERING)
			n = ENG_S_FAILED;
		else if (s == ENG_S_KEYING && !done_keys &&
		    a->k.m1_after_m2 > 0)
			n = ENG_S_FAILED;	/* M1 again after M2 */
		break;
	}
	/* probes are taken in when the attempt opens: their own time */
	if (fresh || n != s)
		set_state(e, a, n, ev == EV_PROBE && a->probe_ns != 0 ?
		    a->probe_ns : e->now);
}

/* ------------------------------------------------------------------------
 * Bookkeeping.
 */
static void
att_frame(struct att *a, uint64_t n)
{
	struct eng_roam *p = &a->pub;

	unsigned i;

	if (p->nframes > 0 && p->frames[p->nframes - 1] >= n) {
		/* an earlier frame taken in late (probes): in order */
		for (i = 0; i < p->nframes && p->frames[i] < n; i++)
			;
		if ((i < p->nframes && p->frames[i] == n) ||
		    p->nframes == ENG_MAX_ROAM_FRAMES)
			return;
		memmove(&p->frames[i + 1], &p->frames[i],
		    (p->nframes - i) * sizeof p->frames[0]);
		p->frames[i] = n;
		p->nframes++;
		return;
	}
	if (p->nframes < ENG_MAX_ROAM_FRAMES) {
		p->frames[p->nframes++] = n;
		return;
	}
	/* full: keep the first half and the latest frames */
	memmove(&p->frames[ENG_MAX_ROAM_FRAMES / 2],
	    &p->frames[ENG_MAX_ROAM_FRAMES / 2 + 1],
	    (ENG_MAX_ROAM_FRAMES / 2 - 1) * sizeof p->frames[0]);
	p->frames[ENG_MAX_ROAM_FRAMES - 1] = n;
	p->frames_over++;
}

static void
touch(struct eng *e, struct att *a, uint64_t n)
{
	a->last_ns = e->now;
	st_open_touch(e, a);
	a->pub.last_frame_ns = e->now;
	att_frame(a, n);
}

/* What the client's data frames can still tell its open attempt: kept in
 * the client so that most data frames need not look at the attempt. */
void
att_hints(struct att *a)
{
	struct client *c = a->cl;

	if (c->open != a)
		return;
	c->data_hint = !a->closed && ((a->pub.has_from && a->depart_ns == 0) ||
	    (a->depart_ns != 0 && a->out_end == 0 && a->out_start != 0) ||
	    (a->assoc_ok_ns != 0 && (a->first_any_ns == 0 || a->data_ns == 0)));
}

static void
judge(struct eng *e, struct att *a)
{
	if (!a->reported)
		return;
	jd_count(e, a, -1);
	jd_judge(e, a);
	jd_count(e, a, 1);
	att_hints(a);
	st_bump(e);
}

/* For the subsystems that attach to attempts (keys, DHCP). */
void
att_judge(struct eng *e, struct att *a)
{
	judge(e, a);
}

/* A deauthentication or disassociation joins the attempt's events; the
 * same one again within a second (a flood, retransmissions) does not.
 * Returns whether it was added. */
static bool
add_event(struct att *a, const struct eng_event *ev)
{
	const struct eng_event *l;
	unsigned i;

	for (i = 0; i < a->pub.nevents; i++)
		if (a->pub.events[i].frame == ev->frame)
			return false;
	if (a->pub.nevents > 0) {
		l = &a->pub.events[a->pub.nevents - 1];
		if (l->kind == ev->kind && l->by_ap == ev->by_ap &&
		    mac_eq(l->ap, ev->ap) && ev->ts_ns - l->ts_ns < NS_PER_S)
			return false;
	}
	if (a->pub.nevents >= ENG_MAX_EVENTS)
		return false;
	a->pub.events[a->pub.nevents++] = *ev;
	return true;
}

static struct xch *
xch_find(struct att *a, enum eng_phase_kind k, const uint8_t *ap)
{
	unsigned i;

	for (i = a->nx; i-- > 0;)
		if (a->x[i].kind == k && (ap == NULL ||
		    mac_eq(a->x[i].ap, ap)))
			return &a->x[i];
	return NULL;
}

/* The same, of the current try only. */
static struct xch *
xch_of_try(struct att *a, enum eng_phase_kind k, const uint8_t *ap)
{
	struct xch *x = xch_find(a, k, ap);

	return x != NULL && x->tseq == a->try_seq ? x : NULL;
}

static int
index_after_drop(int i, int dropped)
{
	if (i < 0 || i < dropped)
		return i;
	return i == dropped ? -1 : i - 1;
}

/* A new exchange (a phase).  When all are used (a long loop of tries) the
 * first half stays and the oldest of the second half goes. */
static struct xch *
xch_new(struct eng *e, struct att *a, enum eng_phase_kind k,
    const uint8_t *ap)
{
	const int half = ENG_MAX_PHASES / 2;
	struct xch *x;

	if (a->nx == ENG_MAX_PHASES) {
		memmove(&a->x[half], &a->x[half + 1], (ENG_MAX_PHASES - half -
		    1) * sizeof a->x[0]);
		a->nx--;
		a->k.x4 = index_after_drop(a->k.x4, half);
		a->k.xeap = index_after_drop(a->k.xeap, half);
		a->fail_phase = index_after_drop(a->fail_phase, half);
		a->x_over = true;
	}
	x = &a->x[a->nx++];
	memset(x, 0, sizeof *x);
	x->kind = k;
	memcpy(x->ap, ap, 6);
	x->start_ns = e->now;
	x->status = EI_NONE;
	x->req_seq = x->resp_seq = -1;
	x->tries = 1;
	x->tseq = a->try_seq;
	x->decrypted = e->plain;
	return x;
}

static int
xch_index(const struct att *a, const struct xch *x)
{
	return x != NULL ? (int)(x - a->x) : -1;
}

/* The request f is a retransmission of x's last one. */
static bool
is_retransmission(struct eng *e, const struct xch *x,
    const struct d11_frame *f)
{
	if (x == NULL)
		return false;
	if (f->retry && !f->has_seq)
		return true;
	return f->has_seq && (int)f->seq == x->req_seq &&
	    e->now - x->last_req_ns < NS_PER_S;
}

static void
keying_reset(struct att *a)
{
	memset(&a->k, 0, sizeof a->k);
	a->k.x4 = a->k.xeap = -1;
}

static bool
same_ssid(struct eng *e, const uint8_t *x, const uint8_t *y)
{
	struct ap *a = st_ap(e, x), *b = st_ap(e, y);

	if (a == NULL || b == NULL || !a->pub.has_ssid || !b->pub.has_ssid)
		return true;	/* unknown: give the benefit of the doubt */
	return strcmp(a->pub.ssid, b->pub.ssid) == 0;
}

static void
set_assoc(struct eng *e, struct client *c, const uint8_t *bss)
{
	struct ap *a;

	if (c->pub.associated && (a = st_ap(e, c->pub.bss)) != NULL &&
	    a->pub.nclients > 0)
		a->pub.nclients--;
	c->pub.associated = true;
	c->pub.has_bss = true;
	memcpy(c->pub.bss, bss, 6);
	c->pub.has_last_bss = true;
	memcpy(c->pub.last_bss, bss, 6);
	if ((a = st_ap_get(e, bss)) != NULL) {
		a->pub.nclients++;
		if (a->pub.has_ssid)
			memcpy(c->pub.ssid, a->pub.ssid, sizeof c->pub.ssid);
	}
	c->left = false;
	st_assoc_list(e, c, true);
	st_bump(e);
}

static void
set_unassoc(struct eng *e, struct client *c)
{
	struct ap *a;

	if (!c->pub.associated)
		return;
	if ((a = st_ap(e, c->pub.bss)) != NULL && a->pub.nclients > 0)
		a->pub.nclients--;
	c->pub.associated = false;
	c->pub.has_bss = false;
	st_assoc_list(e, c, false);
	st_bump(e);
}

/* ------------------------------------------------------------------------
 * Closing.
 */

/* A pre-roam attempt that no exchange followed: the BTM request it holds
 * becomes a client event, and it goes. */
static void
pre_drop(struct eng *e, struct att *a)
{
	struct client *c = a->cl;
	struct xch *b = xch_find(a, ENG_P_BTM, NULL);
	struct eng_finding *fd;
	const char *ssid = "";
	struct ap *ap;

	if (b != NULL && !b->protected_) {
		if ((ap = st_ap(e, b->ap)) != NULL)
			ssid = ap->pub.ssid;
		if (b->status > 0)
			fd = ess_event(e, ENG_C_BTM_REJECT, ssid, b->ap);
		else
			fd = ess_event(e, ENG_C_BTM_NO_ROAM, ssid, b->ap);
		if (fd != NULL)
			tx_finding(fd, b->status, (int32_t)(e->conf.kv_window_ns /
			    NS_PER_S), c->pub.mac, b->ap, NULL, NULL);
	}
	st_att_free(e, a);
}

/* The attempt is settled: nothing more belongs to it. */
static void
att_close(struct eng *e, struct att *a)
{
	struct client *c = a->cl;

	if (a->closed)
		return;
	if (!a->reported) {
		pre_drop(e, a);
		return;
	}
	if (!settled(a->st))
		att_step(e, a, a->capture_ended ? EV_END : EV_QUIET);
	a->closed = true;
	st_open_del(e, a);
	if (c->open == a) {
		c->open = NULL;
		c->data_hint = false;
	}
	judge(e, a);
	rc_closed(e, a);
	/* a failed association leaves the client associated nowhere */
	if (a->pub.result == ENG_R_FAILED && c->pub.associated &&
	    a->assoc_ok_ns != 0 && a->has_cur && mac_eq(c->pub.bss, a->cur))
		set_unassoc(e, c);
}

/* A pre-roam attempt is stale when nothing came for the 11k/11v window;
 * a BTM request with Disassociation Imminent keeps it waiting for the
 * disassociation. */
static bool
pre_stale(struct eng *e, const struct att *a)
{
	if (a->btm_mode >= 0 && (a->btm_mode & D11_BTM_DISASSOC_IMM) &&
	    !a->cl->left && e->now - a->open_ns < EI_DISASSOC_WAIT_NS)
		return false;
	return e->now - a->last_ns > e->conf.kv_window_ns;
}

static void	sweep_one(struct eng *, struct att *);

/* The client's join or roam frames go to, its timeouts applied first (the
 * lifecycle does not wait for the periodic sweep); NULL when settled. */
static struct att *
open_of(struct eng *e, struct client *c)
{
	if (c->open == NULL || c->open->closed)
		return NULL;
	sweep_one(e, c->open);
	if (c->open == NULL || c->open->closed)
		return NULL;
	return c->open;
}

/* The client's pre-roam attempt, dropped first when stale. */
static struct att *
pre_live(struct eng *e, struct client *c)
{
	struct att *a = c->pre;

	if (a != NULL && pre_stale(e, a)) {
		pre_drop(e, a);
		a = NULL;
	}
	return a;
}

/* The attempt a new join or roam starts from: the pre-roam one, else a
 * new one; it becomes the client's open attempt. */
static struct att *
take_pre(struct eng *e, struct client *c)
{
	struct att *a;

	if ((a = pre_live(e, c)) != NULL)
		c->pre = NULL;
	else if ((a = st_att_new(e, c)) == NULL)
		return NULL;
	c->open = a;
	return a;
}

/* ------------------------------------------------------------------------
 * Opening.
 */

/* The attempt becomes a join or a roam toward ap. */
static void
promote(struct eng *e, struct att *a, const uint8_t *ap,
    const struct d11_frame *f)
{
	struct client *c = a->cl;
	struct eng_roam *p = &a->pub;
	const uint8_t *from = NULL;
	bool hard = false;
	struct ap *x;
	unsigned i;

	if (c->pub.associated && c->pub.has_bss) {
		if (!mac_eq(c->pub.bss, ap))
			from = c->pub.bss;
	} else if (c->left && e->now - c->left_ns <=
	    e->conf.hard_roam_window_ns && !mac_eq(c->left_bss, ap) &&
	    same_ssid(e, c->left_bss, ap)) {
		from = c->left_bss;
		hard = true;
	} else if (f != NULL && f->kind == D11_K_REASSOC_REQ &&
	    f->current_ap != NULL && !mac_eq(f->current_ap, ap) &&
	    !d11_is_group(f->current_ap) &&
	    memcmp(f->current_ap, "\0\0\0\0\0\0", 6) != 0)
		from = f->current_ap;
	memcpy(p->to, ap, 6);
	memcpy(a->cur, ap, 6);
	a->has_cur = true;
	if (from != NULL) {
		memcpy(p->from, from, 6);
		p->has_from = true;
	}
	p->is_join = from == NULL;
	p->hard = hard;
	p->start_ns = e->now;
	a->tries = 1;
	a->try_first_ns = a->try_last_ns = e->now;
	if ((x = st_ap(e, ap)) != NULL && x->pub.has_ssid)
		memcpy(p->ssid, x->pub.ssid, sizeof p->ssid);
	else if (from != NULL && (x = st_ap(e, from)) != NULL &&
	    x->pub.has_ssid)
		memcpy(p->ssid, x->pub.ssid, sizeof p->ssid);
	/* after a deauthentication or disassociation: part of this story */
	if (c->left && e->now - c->left_ns <= e->conf.hard_roam_window_ns) {
		add_event(a, &c->left_ev);
		if (c->left_by_ap) {
			a->forced = true;
			a->forced_reason = c->left_reason;
		}
		if (a->depart_ns == 0)
			a->depart_ns = c->left_ns;
	}
	/* directed probes toward the target shortly before */
	for (i = 0; i < EI_MAX_PROBES; i++) {
		if (c->probe[i].n == 0 || !mac_eq(c->probe[i].ap, ap) ||
		    e->now - c->probe[i].ns > e->conf.kv_window_ns)
			continue;
		att_frame(a, c->probe[i].n);
		if (a->probe_ns == 0 || c->probe[i].ns < a->probe_ns)
			a->probe_ns = c->probe[i].ns;
		c->probe[i].n = 0;
	}
	if (a->probe_ns != 0 && a->pub.nhist == 0)
		att_step(e, a, EV_PROBE);
	st_att_report(e, a);
	if (p->is_join) {
		c->pub.njoins++;
		e->cnt.joins++;
	} else {
		c->pub.nroams++;
		e->cnt.roams++;
	}
	rc_open(e, a);
}

static void	fail_try(struct eng *, struct att *, enum att_fail, int);

/* The current try's last exchange is still unanswered (authentication or
 * (re)association): a client that turns to another AP gave up on it. */
static bool
gave_up(const struct att *a)
{
	return (a->st == ENG_S_AUTHENTICATING ||
	    a->st == ENG_S_ASSOCIATING) && a->nx > 0 &&
	    a->x[a->nx - 1].end_ns == 0 && !a->x[a->nx - 1].no_req;
}

/*
 * The attempt a client's exchange with ap belongs to, opened if need be.
 * restart: f starts an exchange anew (not a retransmission, not the next
 * message of one).  NULL when it belongs to none.
 */
static struct att *
toward(struct eng *e, struct client *c, const uint8_t *ap,
    const struct d11_frame *f, bool restart)
{
	struct att *a = open_of(e, c);

	if (a != NULL) {
		if (settled(a->st) || a->st == ENG_S_WAITING_DATA) {
			/* over: a fresh exchange is the next attempt */
			if (!restart && a->has_cur && mac_eq(a->cur, ap))
				return a;
			att_close(e, a);
			a = NULL;
		} else if (a->has_cur && mac_eq(a->cur, ap)) {
			return a;
		} else if (mac_eq(a->pub.to, ap)) {
			/* from the old AP back to the target */
			memcpy(a->cur, ap, 6);
			a->returning = false;
			return a;
		} else if (a->pub.has_from && mac_eq(a->pub.from, ap) &&
		    (a->st == ENG_S_RECOVERING || a->refused != EI_NONE ||
		    gave_up(a))) {
			/* back to the old AP after a failed try, or before
			 * the target answered: the client gave up on it */
			if (a->st != ENG_S_RECOVERING)
				fail_try(e, a, AF_NO_RESPONSE, a->nx - 1);
			memcpy(a->cur, ap, 6);
			a->returning = true;
			return a;
		} else if (!a->returning && mld_same_ap(e, a->pub.to, ap)) {
			/* another link of the target AP MLD (FT authentication
			 * on one link, reassociation on another): the target
			 * is the link the exchanges go on now */
			memcpy(a->cur, ap, 6);
			memcpy(a->pub.to, ap, 6);
			return a;
		} else {
			/* toward a third AP: this attempt is over */
			att_close(e, a);
			a = NULL;
		}
	}
	if ((a = take_pre(e, c)) == NULL)
		return NULL;
	promote(e, a, ap, f);
	return a;
}

/* The attempt an AP's answer to the client belongs to; an answer to a
 * client whose request was not captured opens one (AP-side-only joins).
 * fresh_try: the answer can only be to a new try. */
static struct att *
toward_answer(struct eng *e, struct client *c, const uint8_t *ap,
    bool fresh_try)
{
	struct att *a = open_of(e, c);

	if (a != NULL && a->has_cur && (mac_eq(a->cur, ap) ||
	    mac_eq(a->pub.to, ap))) {
		if (!fresh_try)
			return a;
		if (!settled(a->st) && a->st != ENG_S_WAITING_DATA) {
			/* the answer to another try, its request lost */
			if (!a->returning) {
				a->tries++;
				a->try_last_ns = e->now;
			}
			a->try_seq++;
			a->fail = AF_NONE;
			return a;
		}
		att_close(e, a);
	} else if (a != NULL) {
		if (!fresh_try)
			return NULL;	/* not this attempt's AP */
		att_close(e, a);
	} else if (!fresh_try)
		return NULL;
	if ((a = take_pre(e, c)) == NULL)
		return NULL;
	promote(e, a, ap, NULL);
	return a;
}

/* The order of the steps toward an AP: authentication (FT or not, FT over
 * the DS) before (re)association. */
static int
step_rank(enum eng_phase_kind k)
{
	return k == ENG_P_ASSOC || k == ENG_P_REASSOC ? 2 : 1;
}

/*
 * The client starts exchange k at the AP of the current try.  After a
 * failure that is a new try at the target (tries), except when the last
 * step only went unanswered and this one is a later step: the client went
 * on, so the answer was there and the capture missed it.  Returns whether
 * it is a new try.
 */
static bool
next_try(struct eng *e, struct att *a, enum eng_phase_kind k)
{
	int failed;

	if (a->st != ENG_S_RECOVERING)
		return false;
	failed = a->fail_phase >= 0 && a->fail_phase < a->nx ?
	    step_rank(a->x[a->fail_phase].kind) : 1;
	if (a->fail == AF_NO_RESPONSE && step_rank(k) > failed) {
		a->fail = AF_NONE;
		return false;
	}
	a->fail = AF_NONE;
	a->try_seq++;
	if (a->returning)
		return true;
	a->tries++;
	a->try_last_ns = e->now;
	return true;
}

static void
fail_try(struct eng *e, struct att *a, enum att_fail why, int xi)
{
	a->fail = why;
	a->fail_phase = xi;
	att_step(e, a, EV_FAIL);
}

/* ------------------------------------------------------------------------
 * Authentication (open, shared key, FT, SAE, FILS).
 */

/* The exchange of kind k at the attempt's current AP, if it works there. */
static struct xch *
cur_xch(struct att *a, enum eng_phase_kind k, const uint8_t *ap)
{
	if (a == NULL || !a->reported || !a->has_cur || !mac_eq(a->cur, ap))
		return NULL;
	return xch_of_try(a, k, ap);
}

/* The answer that ended x again (its sequence number, within a second). */
static bool
same_answer(const struct eng *e, const struct xch *x,
    const struct d11_frame *f)
{
	return f->has_seq && x->resp_seq == (int)f->seq &&
	    e->now - x->end_ns < NS_PER_S;
}

/* An answer to an exchange answered before: the same one again is a
 * retry; either way nothing more comes of it. */
static bool
answered_again(struct eng *e, struct att *a, struct xch *x,
    const struct d11_frame *f)
{
	if (x->end_ns == 0)
		return false;
	if (f->retry || same_answer(e, x, f))
		x->retries++;
	judge(e, a);
	return true;
}

/* An answer with no exchange to go to, or one answered before, can only be
 * a new try (its request not captured): the attempt's association was
 * accepted or the last try failed. */
static bool
answer_is_new(const struct eng *e, const struct att *a, const struct xch *x,
    const uint8_t *ap, const struct d11_frame *f)
{
	if (f->retry)
		return false;
	if (x == NULL)
		return a == NULL || !a->reported || !a->has_cur ||
		    !mac_eq(a->cur, ap) || settled(a->st) ||
		    a->st == ENG_S_WAITING_DATA;
	if (x->end_ns == 0)
		return false;
	if (same_answer(e, x, f))
		return false;
	return a->assoc_ok_ns != 0 || a->st == ENG_S_RECOVERING ||
	    settled(a->st);
}

/* The target's answer to a request the client gave up on (it went back
 * to its old AP): that exchange's, late, in the client's open attempt or
 * its last one (closed since); the attempt stays as it was. */
static bool
late_answer(struct eng *e, struct client *c, struct att *a,
    enum eng_phase_kind k, const uint8_t *ap, int status, uint64_t n)
{
	unsigned i;

	if (a == NULL)
		a = st_newest(c);
	if (a == NULL || !a->reported || !a->returning ||
	    !mac_eq(a->pub.to, ap) || mac_eq(a->cur, ap))
		return false;
	for (i = a->nx; i-- > 0;) {
		struct xch *x = &a->x[i];

		if (x->kind != k || !mac_eq(x->ap, ap))
			continue;
		if (x->end_ns != 0 || x->no_req)
			return false;
		x->end_ns = e->now;
		x->status = status;
		x->late = true;
		touch(e, a, n);
		judge(e, a);
		return true;
	}
	return false;
}

static void
auth_kind(struct att *a, const struct d11_frame *f)
{
	if (f->auth_alg == D11_AUTH_FT) {
		a->ft = true;
		return;
	}
	if (a->ft && a->refused != EI_NONE && !a->returning)
		a->fallback = true;	/* full authentication after FT */
	a->has_auth = true;
	a->auth_alg = f->auth_alg;
	a->fils = d11_auth_is_fils(f->auth_alg);
}

void
att_auth(struct eng *e, struct client *c, const uint8_t *ap, bool from_ap,
    const struct d11_frame *f, uint64_t n)
{
	enum eng_phase_kind k = f->auth_alg == D11_AUTH_FT ? ENG_P_FT_AUTH :
	    ENG_P_AUTH;
	bool first, ends, step, opening;
	struct att *a;
	struct xch *x;
	int st;

	if (!f->has_auth)
		return;
	if (!from_ap) {
		/* the client's first message (SAE: its commit) starts an
		 * exchange; its SAE confirm or shared-key reply go on */
		first = f->auth_seq == 1;
		if (!first && !(f->auth_alg == D11_AUTH_SAE &&
		    f->auth_seq == D11_SAE_CONFIRM) &&
		    !(f->auth_alg == D11_AUTH_SHARED_KEY && f->auth_seq == 3))
			return;
		a = open_of(e, c);
		x = cur_xch(a, k, ap);
		if (first && x != NULL && is_retransmission(e, x, f) &&
		    !settled(a->st)) {
			x->retries++;
			x->last_req_ns = e->now;
			touch(e, a, n);
			judge(e, a);
			return;
		}
		/* an SAE commit again before the confirm (anti-clogging
		 * token, another group) is the same exchange */
		if (first && x != NULL && f->auth_alg == D11_AUTH_SAE &&
		    x->end_ns == 0 && !settled(a->st))
			first = false;
		if ((a = toward(e, c, ap, f, first)) == NULL)
			return;
		touch(e, a, n);
		x = xch_of_try(a, k, ap);
		if (!first) {
			if (x == NULL && (x = xch_new(e, a, k, ap)) != NULL) {
				auth_kind(a, f);
				att_step(e, a, EV_AUTH);
			}
			if (x != NULL && f->has_seq)
				x->req_seq = f->seq;
			judge(e, a);
			return;
		}
		if (!next_try(e, a, k) && x != NULL && x->end_ns == 0)
			x->retries++;	/* the request again, unanswered */
		else if ((x = xch_new(e, a, k, ap)) == NULL)
			return;
		if (f->has_seq)
			x->req_seq = f->seq;
		x->last_req_ns = e->now;
		auth_kind(a, f);
		if (f->ie.has_mde && !a->has_req_mdid) {
			a->has_req_mdid = true;
			memcpy(a->req_mdid, f->ie.mde.mdid, 2);
		}
		att_step(e, a, EV_AUTH);
		judge(e, a);
		return;
	}

	/* the AP's messages: which one ends the exchange */
	st = f->has_status ? f->status : D11_ST_SUCCESS;
	step = d11_status_sae_step(f->auth_alg, (unsigned)st);
	switch (f->auth_alg) {
	case D11_AUTH_SAE:
		ends = f->auth_seq == D11_SAE_CONFIRM;
		opening = f->auth_seq == D11_SAE_COMMIT;
		break;
	case D11_AUTH_SHARED_KEY:
		ends = f->auth_seq == 4;
		opening = f->auth_seq == 2;
		break;
	default:
		ends = opening = f->auth_seq == 2;
		break;
	}
	if (st != D11_ST_SUCCESS && !step)
		ends = true;
	a = open_of(e, c);
	if (ends && late_answer(e, c, a, k, ap, st, n))
		return;
	x = cur_xch(a, k, ap);
	first = opening && answer_is_new(e, a, x, ap, f);
	if (!opening && x == NULL && (a == NULL || !a->reported))
		return;		/* the middle of an exchange never seen */
	if ((a = toward_answer(e, c, ap, first)) == NULL)
		return;
	touch(e, a, n);
	if ((x = xch_of_try(a, k, ap)) == NULL || (first && x->end_ns != 0)) {
		if ((x = xch_new(e, a, k, ap)) == NULL)
			return;
		x->no_req = true;
		auth_kind(a, f);
		att_step(e, a, EV_AUTH);
	}
	if (answered_again(e, a, x, f))
		return;
	if (f->has_seq)
		x->resp_seq = f->seq;
	if (f->auth_alg == D11_AUTH_SAE && f->auth_seq == D11_SAE_COMMIT &&
	    x->mid_ns == 0)
		x->mid_ns = e->now;
	if (x->status == EI_NONE || step || ends)
		x->status = st;
	if (!ends) {
		judge(e, a);
		return;
	}
	x->end_ns = e->now;
	if (st != D11_ST_SUCCESS && !step) {
		if (a->refused == EI_NONE) {
			a->refused = st;
			a->refused_kind = k;
		}
		if (f->ie.has_timeout &&
		    f->ie.timeout_type == D11_TIE_ASSOC_COMEBACK)
			a->comeback_tu = f->ie.timeout_value;
		fail_try(e, a, AF_REFUSED, xch_index(a, x));
	} else {
		x->status = D11_ST_SUCCESS;
		if (a->st == ENG_S_RECOVERING && a->fail == AF_NO_RESPONSE)
			a->fail = AF_NONE;
		att_step(e, a, EV_AUTH);
	}
	judge(e, a);
}

/* ------------------------------------------------------------------------
 * (Re)association.
 */
static bool
keys_at_response(const struct att *a)
{
	const struct xch *x;

	/* FT (a successful FT exchange in this try) and FILS authentication
	 * end key setup at the response; so does a network without RSN */
	if (a->has_cur && ((x = xch_find((struct att *)a, ENG_P_FT_AUTH,
	    a->cur)) != NULL || (x = xch_find((struct att *)a,
	    ENG_P_FT_ACTION, a->cur)) != NULL) && x->status == 0 &&
	    !(a->fallback && !a->returning))
		return true;
	if (a->fils && a->has_auth && d11_auth_is_fils(a->auth_alg))
		return true;
	return !a->req_rsn && a->req_seen;
}

/* The latest (re)association exchange at ap. */
static struct xch *
assoc_xch(struct att *a, const uint8_t *ap)
{
	struct xch *r, *x;

	if (a == NULL)
		return NULL;
	r = xch_of_try(a, ENG_P_REASSOC, ap);
	x = xch_of_try(a, ENG_P_ASSOC, ap);
	return r == NULL || (x != NULL && x > r) ? x : r;
}

void
att_assoc(struct eng *e, struct client *c, const uint8_t *ap, bool from_ap,
    const struct d11_frame *f, uint64_t n)
{
	enum eng_phase_kind k;
	struct att *a;
	struct xch *x;
	bool first;
	int st;

	if (!from_ap) {
		k = f->kind == D11_K_REASSOC_REQ ? ENG_P_REASSOC : ENG_P_ASSOC;
		a = open_of(e, c);
		x = a != NULL && a->reported && a->has_cur &&
		    mac_eq(a->cur, ap) ? assoc_xch(a, ap) : NULL;
		if (x != NULL && is_retransmission(e, x, f) &&
		    !settled(a->st) && a->st != ENG_S_WAITING_DATA) {
			x->retries++;
			x->last_req_ns = e->now;
			touch(e, a, n);
			judge(e, a);
			return;
		}
		if ((a = toward(e, c, ap, f, true)) == NULL)
			return;
		touch(e, a, n);
		x = assoc_xch(a, ap);
		if (!next_try(e, a, k) && x != NULL && x->end_ns == 0)
			x->retries++;	/* again, unanswered, a new number */
		else if ((x = xch_new(e, a, k, ap)) == NULL)
			return;
		x->kind = k;
		if (f->has_seq)
			x->req_seq = f->seq;
		x->last_req_ns = e->now;
		a->is_reassoc = k == ENG_P_REASSOC;
		a->req_seen = true;
		/* the AKM the client chose: the first of its RSNE, else of
		 * its WPA1 element (same layout) */
		a->req_rsn = f->ie.rsn_ie != NULL || f->ie.wpa_ie != NULL;
		a->req_pmkid = f->ie.rsn_ie != NULL && f->ie.rsn.has_pmkid &&
		    f->ie.rsn.n_pmkid > 0;
		if (f->ie.rsn_ie != NULL && f->ie.rsn.akm != NULL &&
		    f->ie.rsn.n_akm > 0)
			a->req_akm = d11_suite(f->ie.rsn.akm);
		else if (f->ie.rsn_ie == NULL && f->ie.wpa_ie != NULL &&
		    f->ie.wpa.akm != NULL && f->ie.wpa.n_akm > 0)
			a->req_akm = d11_suite(f->ie.wpa.akm);
		else
			a->req_akm = 0;
		if (f->ie.has_mde) {
			a->has_req_mdid = true;
			memcpy(a->req_mdid, f->ie.mde.mdid, 2);
		}
		/* the client leaves its old association now */
		if (a->depart_ns == 0 && !a->pub.is_join)
			a->depart_ns = e->now;
		keying_reset(a);
		a->assoc_ok_ns = 0;
		att_step(e, a, EV_ASSOC);
		judge(e, a);
		return;
	}

	/* the AP's answer */
	k = f->kind == D11_K_REASSOC_RESP ? ENG_P_REASSOC : ENG_P_ASSOC;
	st = f->has_status ? f->status : D11_ST_SUCCESS;
	a = open_of(e, c);
	x = a != NULL && a->reported && a->has_cur && mac_eq(a->cur, ap) ?
	    assoc_xch(a, ap) : NULL;
	first = answer_is_new(e, a, x, ap, f);
	if ((a = toward_answer(e, c, ap, first)) == NULL) {
		if (st == D11_ST_SUCCESS)
			set_assoc(e, c, ap);
		return;
	}
	touch(e, a, n);
	x = assoc_xch(a, ap);
	if (x == NULL || (first && x->end_ns != 0)) {
		if ((x = xch_new(e, a, k, ap)) == NULL)
			return;
		x->no_req = true;
		a->is_reassoc = k == ENG_P_REASSOC;
		keying_reset(a);
		if (a->depart_ns == 0 && !a->pub.is_join)
			a->depart_ns = e->now;
		att_step(e, a, EV_ASSOC);
	}
	if (answered_again(e, a, x, f))
		return;
	x->end_ns = e->now;
	x->status = st;
	if (f->has_seq)
		x->resp_seq = f->seq;
	if (a->st == ENG_S_RECOVERING && a->fail == AF_NO_RESPONSE)
		a->fail = AF_NONE;
	if (st != D11_ST_SUCCESS) {
		if (a->refused == EI_NONE) {
			a->refused = st;
			a->refused_kind = x->kind;
		}
		if (st == D11_ST_REFUSED_TEMPORARILY && f->ie.has_timeout &&
		    f->ie.timeout_type == D11_TIE_ASSOC_COMEBACK)
			a->comeback_tu = f->ie.timeout_value;
		fail_try(e, a, AF_REFUSED, xch_index(a, x));
		judge(e, a);
		return;
	}
	a->assoc_ok_ns = e->now;
	set_assoc(e, c, ap);
	rc_new_side(e, a);
	if (keys_at_response(a)) {
		a->key_end = e->now;
		att_step(e, a, EV_KEYED);
	} else
		att_step(e, a, EV_ASSOCIATED);
	judge(e, a);
}

/* ------------------------------------------------------------------------
 * Deauthentication and disassociation.
 */
void
att_leave(struct eng *e, struct client *c, const uint8_t *ap, bool from_ap,
    const struct d11_frame *f, uint64_t n)
{
	struct eng_event ev;
	struct att *a = open_of(e, c);

	memset(&ev, 0, sizeof ev);
	ev.ts_ns = e->now;
	ev.kind = f->kind == D11_K_DEAUTH ? ENG_E_DEAUTH : ENG_E_DISASSOC;
	ev.by_ap = from_ap;
	ev.reason = f->has_reason ? f->reason : 0;
	memcpy(ev.ap, ap, 6);
	ev.frame = n;

	/* once the keys are in place the roam worked: letting go later is
	 * a new story */
	if (a != NULL && a->reported && a->has_cur && mac_eq(a->cur, ap) &&
	    (settled(a->st) || a->st == ENG_S_WAITING_DATA)) {
		att_close(e, a);
		a = NULL;
	}
	if (a != NULL) {
		if (a->has_cur && mac_eq(a->cur, ap) && active(a->st)) {
			/* the AP of the current try let the client go */
			if (!add_event(a, &ev))
				goto unassoc;
			touch(e, a, n);
			a->left = true;
			if (a->st != ENG_S_RECOVERING)
				fail_try(e, a, AF_LEFT, a->nx > 0 ?
				    (int)a->nx - 1 : -1);
			else
				a->fail = AF_LEFT;
			judge(e, a);
		} else if ((a->pub.has_from && mac_eq(a->pub.from, ap)) ||
		    mac_eq(a->pub.to, ap)) {
			/* the old AP (or the target, after a return) letting
			 * go: an event of the attempt */
			if (!add_event(a, &ev))
				goto unassoc;
			touch(e, a, n);
			if (a->depart_ns == 0 && a->pub.has_from &&
			    mac_eq(a->pub.from, ap))
				a->depart_ns = e->now;
			judge(e, a);
		}
	}
	if ((a = pre_live(e, c)) != NULL && a->st == ENG_S_STEERED &&
	    add_event(a, &ev))
		touch(e, a, n);	/* steered, then let go */
unassoc:
	if (c->pub.associated && mac_eq(c->pub.bss, ap)) {
		set_unassoc(e, c);
		c->left = true;
		memcpy(c->left_bss, ap, 6);
		c->left_ns = e->now;
		c->left_by_ap = from_ap;
		c->left_reason = ev.reason;
		c->left_ev = ev;
	}
}

/* ------------------------------------------------------------------------
 * FT over the DS: FT Request/Response through the current AP.
 */
void
att_ft_action(struct eng *e, struct client *c, const uint8_t *via,
    bool from_ap, const struct d11_frame *f, uint64_t n)
{
	const uint8_t *t = f->act.ft_target_ap;
	struct att *a;
	struct xch *x;
	bool first;

	(void)via;
	if (t == NULL)
		return;
	if (!from_ap) {
		if (f->act.action != D11_FT_REQ)
			return;
		if (c->pub.associated && mac_eq(c->pub.bss, t))
			return;
		a = open_of(e, c);
		x = a != NULL && a->reported && a->has_cur &&
		    mac_eq(a->cur, t) ? xch_find(a, ENG_P_FT_ACTION, t) :
		    NULL;
		if (is_retransmission(e, x, f) && !settled(a->st)) {
			x->retries++;
			touch(e, a, n);
			judge(e, a);
			return;
		}
		if ((a = toward(e, c, t, f, true)) == NULL)
			return;
		touch(e, a, n);
		first = next_try(e, a, ENG_P_FT_ACTION);
		x = xch_find(a, ENG_P_FT_ACTION, t);
		first = first || x == NULL || x->end_ns != 0;
		if (!first)
			x->retries++;
		else if ((x = xch_new(e, a, ENG_P_FT_ACTION, t)) == NULL)
			return;
		if (f->has_seq)
			x->req_seq = f->seq;
		x->last_req_ns = e->now;
		a->ft = a->ft_ds = true;
		if (f->ie.has_mde) {
			a->has_req_mdid = true;
			memcpy(a->req_mdid, f->ie.mde.mdid, 2);
		}
		att_step(e, a, EV_AUTH);
		judge(e, a);
		return;
	}
	if (f->act.action != D11_FT_RESP)
		return;
	a = open_of(e, c);
	if (a == NULL || !a->reported || !mac_eq(a->pub.to, t) ||
	    (x = xch_find(a, ENG_P_FT_ACTION, t)) == NULL)
		return;
	touch(e, a, n);
	if (x->end_ns != 0) {
		x->retries++;
		judge(e, a);
		return;
	}
	x->end_ns = e->now;
	x->status = f->act.has_ft_status ? f->act.ft_status : D11_ST_SUCCESS;
	if (x->status > 0) {
		if (a->refused == EI_NONE) {
			a->refused = x->status;
			a->refused_kind = ENG_P_FT_ACTION;
		}
		fail_try(e, a, AF_REFUSED, xch_index(a, x));
	}
	judge(e, a);
}

/* ------------------------------------------------------------------------
 * Before the roam: 11k, 11v, probes, protected action frames.
 */

/* The attempt pre-roam frames go to: the open one while it works toward a
 * target (or recovers), else the pre-roam one (opened if need be). */
static struct att *
pre_of(struct eng *e, struct client *c)
{
	struct att *a = open_of(e, c);

	if (a != NULL && (a->st == ENG_S_AUTHENTICATING ||
	    a->st == ENG_S_ASSOCIATING || a->st == ENG_S_RECOVERING))
		return a;
	if ((a = pre_live(e, c)) == NULL) {
		if ((a = st_att_new(e, c)) == NULL)
			return NULL;
		c->pre = a;
	}
	return a;
}

bool
att_kv(struct eng *e, struct client *c, const uint8_t *ap,
    enum eng_phase_kind k, bool request, bool unadvertised,
    const struct d11_frame *f, uint64_t n)
{
	bool answered = false;
	struct att *a;
	struct xch *x;

	if (request && k == ENG_P_BTM) {
		/* a new BTM request (not a retransmission) leaves the one
		 * before to its fate */
		a = pre_live(e, c);
		x = a != NULL ? xch_find(a, ENG_P_BTM, NULL) : NULL;
		if (x != NULL && f->retry && x->end_ns == 0) {
			x->retries++;
			touch(e, a, n);
			return false;
		}
		if (x != NULL)
			pre_drop(e, a);
	}
	if ((a = pre_of(e, c)) == NULL)
		return false;
	touch(e, a, n);
	a->kv_ns = e->now;
	x = xch_find(a, k, NULL);
	if (request) {
		if (x != NULL && x->end_ns == 0 && f->retry)
			x->retries++;
		else {
			if (x == NULL || a->reported)
				x = xch_new(e, a, k, ap);
			else {
				memset(x, 0, sizeof *x);
				x->kind = k;
				memcpy(x->ap, ap, 6);
				x->start_ns = e->now;
				x->status = EI_NONE;
				x->tries = 1;
			}
			if (x == NULL)
				return false;
			x->req_seq = -1;
			x->decrypted = e->plain;
		}
		if (k == ENG_P_BTM) {
			a->btm_mode = f->act.btm_mode;
			if (f->act.btm_target != NULL) {
				memcpy(a->btm_target, f->act.btm_target, 6);
				a->has_btm_target = true;
			} else if (f->ie.n_neighbors > 0 &&
			    f->ie.neighbors[0].bssid != NULL) {
				memcpy(a->btm_target, f->ie.neighbors[0].bssid,
				    6);
				a->has_btm_target = true;
			}
			a->btm_unadv = c->pub.caps.known && !c->pub.caps.v;
			att_step(e, a, EV_BTM);
		} else {
			a->nr_seen = true;
			if (unadvertised)
				a->nr_unadv = true;
			att_step(e, a, EV_NR);
		}
	} else if (x != NULL && x->end_ns == 0) {
		answered = true;
		x->end_ns = e->now;
		x->status = k == ENG_P_BTM ? (f->act.has_btm_status ?
		    f->act.btm_status : D11_BTM_ACCEPT) : EI_NONE;
		if (k == ENG_P_BTM && f->act.btm_target != NULL) {
			memcpy(a->btm_target, f->act.btm_target, 6);
			a->has_btm_target = true;
		}
	} else if (x != NULL && f->retry)
		x->retries++;
	judge(e, a);
	return answered;
}

/* A protected action answering the other side's open protected exchange
 * `answers` (within `window_ns`) closes it, else it opens exchange `k`. */
static void
pmf_exchange(struct eng *e, struct att *a, const uint8_t *ap,
    enum eng_phase_kind answers, int64_t window_ns, enum eng_phase_kind k,
    enum att_ev ev)
{
	struct xch *x;

	x = xch_find(a, answers, NULL);
	if (x != NULL && x->protected_ && x->end_ns == 0 &&
	    e->now - x->start_ns < window_ns) {
		x->end_ns = e->now;
		return;
	}
	if ((x = xch_find(a, k, NULL)) == NULL || a->reported)
		x = xch_new(e, a, k, ap);
	if (x == NULL)
		return;
	memset(x, 0, sizeof *x);
	x->kind = k;
	memcpy(x->ap, ap, 6);
	x->start_ns = e->now;
	x->status = EI_NONE;
	x->tries = 1;
	x->protected_ = true;
	att_step(e, a, ev);
}

/* PMF: RM, FT and WNM action bodies are encrypted.  A client's protected
 * action answered by the AP within 1 s reads as a neighbor report; one from
 * the AP answered by the client within 5 s as BTM. */
void
att_protected_action(struct eng *e, struct client *c, const uint8_t *ap,
    bool from_ap, uint64_t n)
{
	struct att *a;

	if ((a = pre_of(e, c)) == NULL)
		return;
	touch(e, a, n);
	a->kv_ns = e->now;
	a->pmf_actions++;
	if (from_ap) {
		pmf_exchange(e, a, ap, ENG_P_NEIGHBOR_REPORT, NS_PER_S,
		    ENG_P_BTM, EV_BTM);
		a->pmf_ap_ns = e->now;
	} else {
		pmf_exchange(e, a, ap, ENG_P_BTM, 5 * NS_PER_S,
		    ENG_P_NEIGHBOR_REPORT, EV_NR);
		a->pmf_req_ns = e->now;
	}
	judge(e, a);
}

/* A directed probe toward an AP other than the current one, or that AP's
 * probe response to it: part of the attempt working toward that AP, else
 * kept (the latest few) for the attempt that may open toward it.  A probe
 * response answering no directed probe (a scan's) is not kept.  Returns
 * whether the frame was kept (the caller stores it). */
bool
att_probe(struct eng *e, struct client *c, const uint8_t *ap, bool from_ap,
    uint64_t n)
{
	struct att *a = c->open;
	unsigned i, old = 0;
	bool asked = false;

	if (c->pub.associated && mac_eq(c->pub.bss, ap))
		return false;
	if (a != NULL && !a->closed && mac_eq(a->pub.to, ap) &&
	    (a->st == ENG_S_AUTHENTICATING || a->st == ENG_S_ASSOCIATING ||
	    a->st == ENG_S_RECOVERING)) {
		touch(e, a, n);
		return true;
	}
	for (i = 0; i < EI_MAX_PROBES; i++) {
		if (c->probe[i].n != 0 && mac_eq(c->probe[i].ap, ap) &&
		    e->now - c->probe[i].ns <= e->conf.kv_window_ns)
			asked = true;
		if (c->probe[i].ns < c->probe[old].ns)
			old = i;
	}
	if (from_ap && !asked)
		return false;
	c->probe[old].n = n;
	c->probe[old].ns = e->now;
	memcpy(c->probe[old].ap, ap, 6);
	return true;
}

/* An 11v frame that is no exchange of its own (a BTM query): kept with
 * the attempt the BTM exchange will be part of. */
void
att_kv_frame(struct eng *e, struct client *c, uint64_t n)
{
	struct att *a;

	if ((a = pre_of(e, c)) != NULL)
		touch(e, a, n);
}

void
att_sa_query(struct eng *e, struct client *c, const uint8_t *ap, uint64_t n)
{
	struct att *a = open_of(e, c);

	if (a == NULL || !a->reported || !active(a->st))
		return;
	if (!mac_eq(a->pub.to, ap) && !(a->pub.has_from &&
	    mac_eq(a->pub.from, ap)))
		return;
	touch(e, a, n);
}

/* ------------------------------------------------------------------------
 * Key setup and data.
 */
void
att_eapol(struct eng *e, struct client *c, const uint8_t *ap,
    const struct d11_frame *f, uint64_t n)
{
	const struct d11_eapol *k = &f->eapol;
	struct att *a = open_of(e, c);
	struct xch *x;
	int m;

	if (a == NULL || !a->reported || !a->has_cur || !mac_eq(a->cur, ap))
		return;
	if (a->st != ENG_S_KEYING && a->st != ENG_S_ASSOCIATING &&
	    a->st != ENG_S_WAITING_DATA)
		return;
	if (a->assoc_ok_ns == 0 && a->st == ENG_S_ASSOCIATING)
		return;
	touch(e, a, n);
	if (f->kind == D11_K_EAP) {
		if (a->k.xeap < 0 && (x = xch_new(e, a, ENG_P_EAP, ap)) !=
		    NULL)
			a->k.xeap = xch_index(a, x);
		if (a->k.eap_first == 0)
			a->k.eap_first = e->now;
		a->k.eap_last = e->now;
		if (k->eap_code == D11_EAP_SUCCESS) {
			a->k.eap_success = true;
			if (a->k.xeap >= 0)
				a->x[a->k.xeap].end_ns = e->now;
		} else if (k->eap_code == D11_EAP_FAILURE) {
			a->k.eap_failure = true;
			fail_try(e, a, AF_KEYS, a->k.xeap);
		}
		judge(e, a);
		return;
	}
	if (k->type != D11_EAPOL_KEY)
		return;
	m = k->msg;
	if (m < D11_EAPOL_M1 || m > D11_EAPOL_M4)
		return;
	if (m == D11_EAPOL_M1 && a->k.x4 < 0 &&
	    (x = xch_new(e, a, ENG_P_4WAY, ap)) != NULL)
		a->k.x4 = xch_index(a, x);
	if (f->retry)
		a->k.retries++;
	if (m == D11_EAPOL_M1 && a->k.saw_m2 && a->k.m_ns[3] == 0 &&
	    !f->retry)
		a->k.m1_after_m2++;
	if (m == D11_EAPOL_M1 && !f->retry)
		a->k.m1_sent++;
	if (m == D11_EAPOL_M3 && !f->retry)
		a->k.m3_sent++;
	if (m == D11_EAPOL_M2)
		a->k.saw_m2 = true;
	if (a->k.m_ns[m] == 0)
		a->k.m_ns[m] = e->now;
	if (a->k.x4 >= 0) {
		x = &a->x[a->k.x4];
		x->retries = (uint16_t)(a->k.m1_after_m2 + a->k.retries);
		if (m == D11_EAPOL_M4 && x->end_ns == 0)
			x->end_ns = e->now;
	}
	if (m == D11_EAPOL_M4 && a->key_end == 0 && a->assoc_ok_ns != 0) {
		a->key_end = e->now;
		att_step(e, a, EV_KEYED);
	}
	judge(e, a);
}

void
att_data(struct eng *e, struct client *c, const uint8_t *ap,
    bool from_client, const struct d11_frame *f, uint64_t n)
{
	struct att *a = c->open;
	bool via_cur;

	(void)f;
	if (a == NULL || !a->reported || a->closed)
		return;
	/* still talking through the old AP before leaving it */
	if (a->depart_ns == 0 && a->pub.has_from && mac_eq(ap, a->pub.from))
		a->out_start = e->now;
	else if (a->depart_ns != 0 && a->out_end == 0 && a->out_start != 0)
		a->out_end = e->now;
	via_cur = a->has_cur && mac_eq(ap, a->cur) && a->assoc_ok_ns != 0;
	if (!via_cur) {
		if (a->out_end == e->now)
			judge(e, a);
		return;
	}
	if (a->first_any_ns == 0) {
		a->first_any_ns = e->now;
		if (!a->pub.is_join && a->pub.has_from &&
		    mac_eq(c->data_bss, a->pub.from) && c->data_ns != 0 &&
		    c->data_ns < e->now)
			a->gap_start = c->data_ns;
		touch(e, a, n);
		att_step(e, a, EV_DATA);
		if (from_client)
			a->data_ns = e->now;
		judge(e, a);
	} else if (from_client && a->data_ns == 0) {
		a->data_ns = e->now;
		judge(e, a);
	}
}

/* ------------------------------------------------------------------------
 * Timeouts.
 */
static void
sweep_one(struct eng *e, struct att *a)
{
	int64_t quiet = e->now - a->last_ns;
	struct xch *x;

	if (!a->reported) {
		if (pre_stale(e, a))
			pre_drop(e, a);
		return;
	}
	switch (a->st) {
	case ENG_S_AUTHENTICATING:
	case ENG_S_ASSOCIATING:
		x = a->nx > 0 ? &a->x[a->nx - 1] : NULL;
		if (x != NULL && x->end_ns == 0 && !x->no_req &&
		    e->now - (x->last_req_ns ? x->last_req_ns : x->start_ns) >
		    e->conf.response_timeout_ns)
			fail_try(e, a, AF_NO_RESPONSE, a->nx - 1);
		else if (quiet > e->conf.hard_roam_window_ns)
			att_close(e, a);
		break;
	case ENG_S_KEYING:
	case ENG_S_RECOVERING:
	case ENG_S_WAITING_DATA:
		if (quiet > e->conf.hard_roam_window_ns)
			att_close(e, a);
		break;
	default:
		if (quiet > EI_IDLE_NS)
			att_close(e, a);
		break;
	}
}

void
att_sweep(struct eng *e)
{
	struct att *a, *next;
	int64_t fresh = e->conf.response_timeout_ns;

	/* least recently active first: none after the first one active
	 * within the shortest timeout can be due (a response timeout counts
	 * from the request, which touched the attempt too; one touched since
	 * is swept when its client's next frame looks at it, or later) */
	if (EI_IDLE_NS < fresh)
		fresh = EI_IDLE_NS;
	for (a = e->open_head; a != NULL && e->now - a->last_ns > fresh;
	    a = next) {
		next = a->onext;
		sweep_one(e, a);
	}
}

/* The capture ended: every open attempt is settled as of the newest
 * frame's time. */
void
att_finish(struct eng *e)
{
	struct att *a;

	att_sweep(e);
	while ((a = e->open_head) != NULL) {
		a->capture_ended = true;
		if (a->reported && (a->st == ENG_S_AUTHENTICATING ||
		    a->st == ENG_S_ASSOCIATING) && a->nx > 0 &&
		    a->x[a->nx - 1].end_ns == 0 && !a->x[a->nx - 1].no_req &&
		    e->now - a->x[a->nx - 1].last_req_ns >
		    e->conf.response_timeout_ns)
			fail_try(e, a, AF_NO_RESPONSE, a->nx - 1);
		att_close(e, a);
	}
}

/* The client is being dropped (eviction, idleness). */
void
att_client_gone(struct eng *e, struct client *c)
{
	struct att *a = c->open;

	if (a != NULL && a->reported && !a->closed) {
		st_open_del(e, a);
		a->closed = true;
		c->open = NULL;
		c->data_hint = false;
	}
}
