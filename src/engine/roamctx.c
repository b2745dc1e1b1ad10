/*
 * roamctx.c -- what engineers ask of a roam beyond its phases: channel and
 * band of the old and the new AP, RSSI before and after (the sniffer walks
 * with the client), the trigger, per AP pair statistics, and the client
 * findings that span roams: sticky clients and ping-pong.
 */
#include "engine_int.h"

/* An AP's frames older than this do not tell its signal "now". */
#define RSSI_FRESH_NS	(3 * NS_PER_S)

uint8_t
rc_band(unsigned freq, unsigned channel)
{
	if (freq >= 5925 && freq <= 7125)
		return ENG_BAND_6G;
	if (freq >= 4900 && freq < 5925)
		return ENG_BAND_5G;
	if (freq >= 2400 && freq < 2500)
		return ENG_BAND_2G;
	if (channel >= 1 && channel <= 14)
		return ENG_BAND_2G;
	if (channel >= 32 && channel <= 196)
		return ENG_BAND_5G;
	return 0;
}

static void
side_of(struct eng *e, const uint8_t *bssid, struct eng_side *s)
{
	const struct ap *ap = st_ap(e, bssid);

	if (ap == NULL)
		return;
	s->freq = ap->pub.freq;
	s->channel = ap->pub.channel;
	s->band = ap->pub.band;
	if (ap->width_mhz != 0)
		s->width_mhz = ap->width_mhz;
}

/* The attempt became a join or a roam: the old side as it was just before,
 * where the outage starts, and what triggered it. */
void
rc_open(struct eng *e, struct att *a)
{
	struct client *c = a->cl;
	struct eng_roam *p = &a->pub;
	const uint8_t *old = NULL;
	const struct ap *ap;

	if (p->has_from)
		old = p->from;
	else if (c->left && e->now - c->left_ns <= e->conf.hard_roam_window_ns)
		old = c->left_bss;	/* a reconnection after a deauth */
	if (p->has_from) {
		side_of(e, p->from, &p->old_ap);
		/* the old AP's last frame the sniffer heard: a beacon, a
		 * probe response, or one it sent this client */
		if ((ap = st_ap(e, p->from)) != NULL && ap->has_tx_rssi &&
		    e->now - ap->tx_ns <= e->conf.kv_window_ns) {
			p->old_ap.has_rssi = true;
			p->old_ap.rssi = ap->tx_rssi;
			p->old_ap.rssi_frame = ap->tx_n;
		}
		if (c->has_aptx && mac_eq(c->aptx_ap, p->from) &&
		    e->now - c->aptx_ns <= e->conf.kv_window_ns &&
		    (!p->old_ap.has_rssi || c->aptx_n > p->old_ap.rssi_frame)) {
			p->old_ap.has_rssi = true;
			p->old_ap.rssi = c->aptx_rssi;
			p->old_ap.rssi_frame = c->aptx_n;
		}
		if (c->has_rssi && e->now - c->rssi_ns <=
		    e->conf.kv_window_ns) {
			p->old_ap.has_client_rssi = true;
			p->old_ap.client_rssi = c->rssi;
			p->old_ap.client_rssi_frame = c->rssi_n;
		}
	}
	side_of(e, p->to, &p->new_ap);
	if (old != NULL && c->data_ns != 0 && mac_eq(c->data_bss, old))
		a->out_start = c->data_ns;
	rc_trigger(e, a);
}

/* The first that applies: steered (a BTM request to the client shortly
 * before), forced (the AP let it go), assisted (a neighbor report), the
 * client's own. */
void
rc_trigger(struct eng *e, struct att *a)
{
	struct eng_roam *p = &a->pub;
	bool btm = false, nr = false;
	unsigned i;

	(void)e;
	for (i = 0; i < a->nx; i++) {
		if (a->x[i].kind == ENG_P_BTM)
			btm = true;
		else if (a->x[i].kind == ENG_P_NEIGHBOR_REPORT)
			nr = true;
	}
	p->trigger_btm_mode = btm && a->btm_mode >= 0 ? a->btm_mode : -1;
	p->trigger_reason = a->forced ? a->forced_reason : -1;
	if (btm)
		p->trigger = ENG_T_STEERED;
	else if (a->forced)
		p->trigger = ENG_T_FORCED;
	else if (nr)
		p->trigger = ENG_T_ASSISTED;
	else
		p->trigger = ENG_T_CLIENT;
}

/* No longer waiting for the new AP's first frame. */
void
rc_unwant(struct eng *e, struct att *a)
{
	struct ap *ap;

	if (!a->want_after)
		return;
	a->want_after = false;
	a->cl->aprssi_hint = false;
	if (a->w_prev != NULL)
		a->w_prev->w_next = a->w_next;
	else if ((ap = st_ap(e, a->want_ap)) != NULL && ap->waiters == a)
		ap->waiters = a->w_next;
	if (a->w_next != NULL)
		a->w_next->w_prev = a->w_prev;
	a->w_prev = a->w_next = NULL;
}

/* (Re)associated with the AP of the current try: its side, and wait for
 * its first frame and the client's (the RSSI after). */
void
rc_new_side(struct eng *e, struct att *a)
{
	struct ap *ap;

	rc_unwant(e, a);
	a->want_client_after = false;
	a->cl->rssi_hint = false;
	if (a->returning || !mac_eq(a->cur, a->pub.to))
		return;
	side_of(e, a->pub.to, &a->pub.new_ap);
	a->pub.new_ap.has_rssi = false;
	a->pub.new_ap.has_client_rssi = false;
	a->cl->rssi_hint = true;
	if ((ap = st_ap(e, a->pub.to)) != NULL) {
		a->want_after = true;
		a->cl->aprssi_hint = true;
		memcpy(a->want_ap, a->pub.to, 6);
		a->w_prev = NULL;
		a->w_next = ap->waiters;
		if (ap->waiters != NULL)
			ap->waiters->w_prev = a;
		ap->waiters = a;
	}
	a->want_client_after = true;
}

/* A frame the AP sent, before the AP's own state takes it in: the first
 * after the (re)association is the new AP's RSSI after the roam.  c is the
 * client it was sent to (NULL for beacons and probe responses). */
void
rc_ap_frame(struct eng *e, struct ap *ap, struct client *c,
    const struct d11_frame *f, uint64_t n)
{
	struct att *a, *next;

	if (ap->waiters == NULL || !(f->radio.present & D11_RADIO_SIGNAL))
		return;
	for (a = ap->waiters; a != NULL; a = next) {
		next = a->w_next;
		if (c != NULL && a->cl != c)
			continue;	/* sent to another client */
		rc_unwant(e, a);
		a->pub.new_ap.has_rssi = true;
		a->pub.new_ap.rssi = f->radio.signal;
		a->pub.new_ap.rssi_frame = n;
		if (f->radio.bw != 0)
			a->pub.new_ap.width_mhz = (uint16_t)(f->radio.bw * 10);
		jd_count(e, a, -1);
		jd_judge(e, a);
		jd_count(e, a, 1);
		st_bump(e);
	}
}

/* The AP goes: nobody waits for its frames any more. */
void
rc_ap_gone(struct eng *e, struct ap *ap)
{
	struct att *a;

	(void)e;
	while ((a = ap->waiters) != NULL) {
		ap->waiters = a->w_next;
		a->want_after = false;
		a->cl->aprssi_hint = false;
		a->w_prev = a->w_next = NULL;
	}
}

/* A frame the client sent, before its own state takes it in. */
void
rc_client_frame(struct eng *e, struct client *c, const struct d11_frame *f,
    uint64_t n)
{
	struct att *a = c->open;

	c->rssi_hint = false;
	if (a == NULL || !a->want_client_after ||
	    !(f->radio.present & D11_RADIO_SIGNAL))
		return;
	a->want_client_after = false;
	a->pub.new_ap.has_client_rssi = true;
	a->pub.new_ap.client_rssi = f->radio.signal;
	a->pub.new_ap.client_rssi_frame = n;
	st_bump(e);
	(void)e;
}

/* The attempt is settled: per pair statistics and ping-pong. */
void
rc_closed(struct eng *e, struct att *a)
{
	const struct eng_roam *p = &a->pub;
	struct client *c = a->cl;
	struct eng_ping_pong *pp;
	struct pair *pr;
	bool ok = p->result == ENG_R_OK || p->result == ENG_R_FALLBACK;

	rc_unwant(e, a);
	a->want_client_after = false;
	if (c->open == a)
		c->rssi_hint = false;
	if (p->is_join || !p->has_from || mac_eq(p->from, p->to))
		return;
	if ((pr = st_pair_get(e, p->from, p->to)) != NULL) {
		pr->pub.roams++;
		if (p->result == ENG_R_FAILED || p->result == ENG_R_RETURNED)
			pr->pub.failed++;
		if (ok && p->total_ms >= 0) {
			pr->ms[pr->ims] = p->total_ms;
			pr->ims = (pr->ims + 1) % EI_PAIR_SAMPLES;
			if (pr->nms < EI_PAIR_SAMPLES)
				pr->nms++;
		}
		if (ok && p->outage_ms >= 0) {
			pr->out[pr->iout] = p->outage_ms;
			pr->iout = (pr->iout + 1) % EI_PAIR_SAMPLES;
			if (pr->nout < EI_PAIR_SAMPLES)
				pr->nout++;
		}
	}
	if (!ok)
		return;
	/* A -> B, then back to A within the window */
	if (c->has_last_roam && mac_eq(c->lr_to, p->from) &&
	    mac_eq(c->lr_from, p->to) && p->start_ns - c->lr_end_ns <=
	    (int64_t)(e->sla.ping_pong_ms * NS_PER_MS)) {
		if (c->pub.nping_pong == ENG_MAX_CLIENT_FINDINGS)
			memmove(&c->pub.ping_pong[0], &c->pub.ping_pong[1],
			    (ENG_MAX_CLIENT_FINDINGS - 1) *
			    sizeof c->pub.ping_pong[0]);
		else
			c->pub.nping_pong++;
		pp = &c->pub.ping_pong[c->pub.nping_pong - 1];
		memset(pp, 0, sizeof *pp);
		pp->ts_ns = p->start_ns;
		memcpy(pp->a, p->to, 6);
		memcpy(pp->b, p->from, 6);
		pp->ms = (double)(p->start_ns - c->lr_end_ns) /
		    (double)NS_PER_MS;
		pp->band_loop = c->lr_from_band != 0 && c->lr_to_band != 0 &&
		    c->lr_from_band != c->lr_to_band;
		pp->roam_ids[0] = c->lr_id;
		pp->roam_ids[1] = p->id;
		c->pub.ping_pong_total++;
		st_bump(e);
	}
	c->has_last_roam = true;
	memcpy(c->lr_from, p->from, 6);
	memcpy(c->lr_to, p->to, 6);
	c->lr_from_band = p->old_ap.band;
	c->lr_to_band = p->new_ap.band;
	c->lr_end_ns = p->end_ns;
	c->lr_id = p->id;
}

/* ------------------------------------------------------------------------
 * Sticky clients.
 */

/* The AP was heard (a beacon or probe response with a signal): keep the
 * two strongest members of its ESS heard recently, with the signal and time
 * of their last beacon kept beside them (no look at the other APs). */
void
rc_ess_heard(struct eng *e, struct ap *ap)
{
	struct ess *s = ap->ess;
	struct ess_best b0, b1, me;

	if (s == NULL || !ap->has_tx_rssi)
		return;
	me.ap = ap;
	me.rssi = ap->tx_rssi;
	me.ns = e->now;
	b0 = s->best[0];
	b1 = s->best[1];
	if (b0.ap != NULL && (b0.ap == ap || e->now - b0.ns > RSSI_FRESH_NS))
		b0.ap = NULL;
	if (b1.ap != NULL && (b1.ap == ap || e->now - b1.ns > RSSI_FRESH_NS))
		b1.ap = NULL;
	if (b0.ap == NULL) {
		b0 = b1;
		b1.ap = NULL;
	}
	if (b0.ap == NULL || me.rssi > b0.rssi) {
		b1 = b0;
		b0 = me;
	} else if (b1.ap == NULL || me.rssi > b1.rssi)
		b1 = me;
	s->best[0] = b0;
	s->best[1] = b1;
}

static void
sticky_one(struct eng *e, struct client *c)
{
	const struct eng_sla *sla = &e->sla;
	struct eng_sticky *k;
	struct ap *cur, *b = NULL;
	int delta = 0;
	bool holds = false;

	cur = st_ap(e, c->pub.bss);
	if (cur != NULL && cur->ess != NULL && cur->has_tx_rssi &&
	    e->now - cur->tx_ns <= RSSI_FRESH_NS &&
	    cur->tx_rssi < e->sticky_dbm) {
		b = cur->ess->best[0].ap != cur ? cur->ess->best[0].ap :
		    cur->ess->best[1].ap;
		if (b != NULL && b->has_tx_rssi && e->now - b->tx_ns <=
		    RSSI_FRESH_NS) {
			delta = b->tx_rssi - cur->tx_rssi;
			holds = sla->sticky_db[0] >= 0 &&
			    delta >= sla->sticky_db[0];
		}
	}
	if (!holds) {
		if (c->stk_since != 0)
			e->nstk--;
		c->stk_since = 0;
		if (c->stk >= 0) {
			c->pub.sticky[c->stk].open = false;
			c->stk = -1;
			st_bump(e);
		}
		return;
	}
	if (c->stk_since == 0) {
		c->stk_since = e->now;
		e->nstk++;
	}
	if (e->now - c->stk_since <= (int64_t)(sla->sticky_ms * NS_PER_MS))
		return;
	if (c->stk < 0) {
		if (c->pub.nsticky == ENG_MAX_CLIENT_FINDINGS)
			memmove(&c->pub.sticky[0], &c->pub.sticky[1],
			    (ENG_MAX_CLIENT_FINDINGS - 1) *
			    sizeof c->pub.sticky[0]);
		else
			c->pub.nsticky++;
		c->stk = c->pub.nsticky - 1;
		k = &c->pub.sticky[c->stk];
		memset(k, 0, sizeof *k);
		k->start_ns = c->stk_since;
		k->open = true;
		memcpy(k->ap, cur->pub.bssid, 6);
		k->ap_rssi = cur->tx_rssi;
		k->verdict = ENG_V_WARN;
		c->pub.sticky_total++;
	}
	k = &c->pub.sticky[c->stk];
	k->end_ns = e->now;
	k->ms = (double)(e->now - k->start_ns) / (double)NS_PER_MS;
	if (cur->tx_rssi < k->ap_rssi)
		k->ap_rssi = cur->tx_rssi;
	if (delta > k->delta_db) {
		k->delta_db = delta;
		memcpy(k->better, b->pub.bssid, 6);
		k->better_rssi = b->tx_rssi;
	}
	if (sla->sticky_db[1] >= 0 && delta >= sla->sticky_db[1])
		k->verdict = ENG_V_FAIL;
	st_bump(e);
}

/* Every associated client, once per second of capture time, while an AP
 * is heard below the sticky RSSI or a client's condition is pending. */
void
rc_sticky(struct eng *e)
{
	struct client *c;

	if (e->nweak == 0 && e->nstk == 0)
		return;
	for (c = e->as_head; c != NULL; c = c->as_next)
		sticky_one(e, c);
}
