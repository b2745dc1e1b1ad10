/*
 * mld.c -- Multi-Link Operation (802.11be).  A Wi-Fi 7 client is its STA
 * MLD: its authentication and (re)association frames use link addresses,
 * random per connection, and carry a Basic Multi-Link element naming the
 * MLD address; the other links are per-STA profiles.  Each link address
 * maps to the MLD here, so that every frame of the connection (on any
 * link, EAPOL and data included) reaches one client.  An AP link learns its
 * AP MLD from its beacons; each attempt records the links asked for, the
 * links granted or refused (per-STA profile status) and the links before.
 */
#include "engine_int.h"

static const uint8_t zero_mac[6];

static void	ap_mld(struct eng *, struct ap *, const struct d11_frame *,
		    const struct d11_ml *);

/* Direct mapped: a colliding address replaces the older one (that link's
 * frames are then its own client's, as without MLO). */
static void
map_put(struct eng *e, const uint8_t *link, const uint8_t *mld)
{
	struct mld_map *m = &e->mldmap[st_mac_hash(link, EI_MLD_MAP - 1)];

	if (!m->used)
		e->nmldmap++;
	memcpy(m->link, link, 6);
	memcpy(m->mld, mld, 6);
	m->used = true;
}

/* Without any STA MLD seen, no lookup at all (data frames are most). */
static const uint8_t *
map_get(const struct eng *e, const uint8_t *link)
{
	const struct mld_map *m;

	if (e->nmldmap == 0)
		return NULL;
	m = &e->mldmap[st_mac_hash(link, EI_MLD_MAP - 1)];
	return m->used && mac_eq(m->link, link) ? m->mld : NULL;
}

/* A Basic Multi-Link element with its MLD address. */
static const struct d11_ml *
basic_ml(const struct d11_frame *f)
{
	const struct d11_ml *ml = &f->ie.ml;

	if (!f->ie.has_ml || ml->type != D11_ML_BASIC || !ml->has_mld_addr)
		return NULL;
	return ml;
}

static bool
is_req(enum d11_kind k)
{
	return k == D11_K_ASSOC_REQ || k == D11_K_REASSOC_REQ;
}

static bool
is_resp(enum d11_kind k)
{
	return k == D11_K_ASSOC_RESP || k == D11_K_REASSOC_RESP;
}

const uint8_t *
mld_sta(struct eng *e, const struct d11_frame *f, const uint8_t *sta,
    const uint8_t *bss, bool from_ap)
{
	const struct d11_ml *ml = basic_ml(f);
	const struct d11_ml_sta *s;
	struct ap *ap;
	const uint8_t *mld;
	unsigned i;

	if (ml == NULL)
		return (mld = map_get(e, sta)) != NULL ? mld : sta;
	ap = st_ap(e, bss);
	/* a STA MLD toward an AP MLD (its beacons said so): a client that
	 * offers multi-link to an AP without it keeps its own address */
	if (!from_ap && ap != NULL && ap->pub.has_mld &&
	    (f->kind == D11_K_AUTH || is_req(f->kind))) {
		map_put(e, sta, ml->mld_addr);
		for (i = 0; is_req(f->kind) &&
		    (s = d11_ml_profile(&f->ie, ml, i)) != NULL; i++)
			if (s->has_mac)
				map_put(e, s->mac, ml->mld_addr);
		return ml->mld_addr;
	}
	if (from_ap && ap != NULL)
		ap_mld(e, ap, f, ml);
	if ((mld = map_get(e, sta)) != NULL)
		return mld;
	/* an AP MLD's multi-link answer to an address that no STA MLD
	 * named and that is no client (APs were seen answering addresses
	 * that sent nothing): not a client's exchange */
	if (from_ap && (f->kind == D11_K_AUTH || is_resp(f->kind)) &&
	    st_client(e, sta) == NULL)
		return NULL;
	return sta;
}

const uint8_t *
mld_sta_data(const struct eng *e, const uint8_t *sta)
{
	const uint8_t *mld = map_get(e, sta);

	return mld != NULL ? mld : sta;
}

static const struct eng_link *
link_of(const struct eng_link *l, unsigned n, const uint8_t *bssid)
{
	unsigned i;

	for (i = 0; i < n; i++)
		if (l[i].has_bssid && !l[i].refused &&
		    mac_eq(l[i].bssid, bssid))
			return &l[i];
	return NULL;
}

const uint8_t *
mld_bss(const struct client *c, const uint8_t *bss)
{
	const struct att *a = c->open;

	if (!c->pub.mld)
		return bss;
	/* a link of the AP MLD, or the AP MLD's own address (frames sent
	 * with MLD addresses on the air) */
	if (a != NULL && !a->closed && a->pub.mlo.is_mlo &&
	    ((a->pub.mlo.has_to_mld && mac_eq(a->pub.mlo.to_mld, bss)) ||
	    link_of(a->pub.mlo.to_links, a->pub.mlo.nto, bss) != NULL))
		return a->pub.to;
	if (c->pub.associated && c->pub.has_bss &&
	    ((c->pub.has_ap_mld && mac_eq(c->pub.ap_mld, bss)) ||
	    link_of(c->pub.links, c->pub.nlinks, bss) != NULL))
		return c->pub.bss;
	return bss;
}

bool
mld_same_ap(const struct eng *e, const uint8_t *x, const uint8_t *y)
{
	const struct ap *a = st_ap(e, x), *b = st_ap(e, y);

	return a != NULL && b != NULL && a->pub.has_mld && b->pub.has_mld &&
	    mac_eq(a->pub.mld, b->pub.mld);
}

/* The AP link's MLD as a frame it sent names it (a corrupted frame
 * changes nothing). */
static void
ap_mld(struct eng *e, struct ap *ap, const struct d11_frame *f,
    const struct d11_ml *ml)
{
	if ((ap->pub.has_mld && mac_eq(ap->pub.mld, ml->mld_addr) &&
	    (!ml->has_link_id || ap->pub.link_id ==
	    (ml->link_id_info & D11_ML_LINK_ID_MASK))) || !d11_fcs_ok(f))
		return;
	ap->pub.has_mld = true;
	memcpy(ap->pub.mld, ml->mld_addr, 6);
	if (ml->has_link_id)
		ap->pub.link_id = ml->link_id_info & D11_ML_LINK_ID_MASK;
	st_bump(e);
}

/* Channel and band of a link: its AP's beacons, else what the frame or
 * the profile says. */
static void
link_radio(struct eng *e, struct eng_link *l, unsigned freq, int channel)
{
	const struct ap *ap;

	if (l->has_bssid && (ap = st_ap(e, l->bssid)) != NULL &&
	    (ap->pub.channel != 0 || ap->pub.freq != 0)) {
		l->freq = ap->pub.freq;
		l->channel = ap->pub.channel;
		l->band = ap->pub.band;
		return;
	}
	if (freq != 0) {
		l->freq = (uint16_t)freq;
		l->channel = (uint8_t)d11_freq_to_channel(freq);
	} else if (channel > 0)
		l->channel = (uint8_t)channel;
	l->band = rc_band(l->freq, l->channel);
}

static struct eng_link *
link_by_id(struct eng_mlo *m, uint8_t id)
{
	struct eng_link *l;
	unsigned i;

	for (i = 0; i < m->nto; i++)
		if (m->to_links[i].link_id == id)
			return &m->to_links[i];
	if (m->nto >= ENG_MAX_LINKS)
		return NULL;
	l = &m->to_links[m->nto++];
	memset(l, 0, sizeof *l);
	l->link_id = id;
	l->status = ENG_STATUS_NONE;
	return l;
}

/* The attempt a client's management frame went to. */
static struct att *
att_of(struct client *c)
{
	if (c->open != NULL && c->open->reported)
		return c->open;
	return st_newest(c);
}

/* The links before: the client's current ones, for a roam. */
static void
take_from(struct eng *e, struct att *a)
{
	struct client *c = a->cl;
	struct eng_mlo *m = &a->pub.mlo;
	const struct ap *ap;

	if (a->pub.is_join || !a->pub.has_from)
		return;
	if (!m->has_from_mld && (ap = st_ap(e, a->pub.from)) != NULL &&
	    ap->pub.has_mld) {
		m->has_from_mld = true;
		memcpy(m->from_mld, ap->pub.mld, 6);
	}
	if (m->nfrom == 0 && link_of(c->pub.links, c->pub.nlinks,
	    a->pub.from) != NULL) {
		memcpy(m->from_links, c->pub.links, sizeof m->from_links);
		m->nfrom = c->pub.nlinks;
	}
}

/* The client's (re)association request: the links it asks for. */
static void
on_req(struct eng *e, struct att *a, const uint8_t *sta, const uint8_t *bss,
    const struct d11_frame *f)
{
	const struct d11_ml *ml = basic_ml(f);
	struct eng_mlo *m = &a->pub.mlo;
	const struct d11_ml_sta *s;
	const struct ap *ap = st_ap(e, bss);
	struct eng_link *l;
	unsigned i, freq;

	m->is_mlo = true;
	m->nto = 0;
	m->nrefused = 0;
	take_from(e, a);
	m->has_to_mld = ap != NULL && ap->pub.has_mld;
	if (m->has_to_mld)
		memcpy(m->to_mld, ap->pub.mld, 6);
	if ((l = link_by_id(m, ap != NULL && ap->pub.has_mld ?
	    ap->pub.link_id : 0)) == NULL)
		return;
	l->assoc = true;
	l->has_sta = true;
	memcpy(l->sta, sta, 6);
	l->has_bssid = true;
	memcpy(l->bssid, bss, 6);
	freq = (f->radio.present & D11_RADIO_FREQ) ? f->radio.freq : 0;
	link_radio(e, l, freq, -1);
	for (i = 0; (s = d11_ml_profile(&f->ie, ml, i)) != NULL; i++) {
		if ((l = link_by_id(m, s->link_id)) == NULL || l->assoc)
			continue;
		if (s->has_mac) {
			l->has_sta = true;
			memcpy(l->sta, s->mac, 6);
		}
	}
}

/* The AP's answer: links granted and refused; accepted, they are the
 * client's links now. */
static void
on_resp(struct eng *e, struct att *a, const uint8_t *bss,
    const struct d11_frame *f)
{
	const struct d11_ml *ml = basic_ml(f);
	struct client *c = a->cl;
	struct eng_mlo *m = &a->pub.mlo;
	const struct d11_ml_sta *s;
	struct eng_link *l;
	unsigned i, n, freq;
	bool named[ENG_MAX_LINKS] = { false };

	m->is_mlo = true;
	m->has_to_mld = true;
	memcpy(m->to_mld, ml->mld_addr, 6);
	freq = (f->radio.present & D11_RADIO_FREQ) ? f->radio.freq : 0;
	for (i = 0; i < m->nto; i++)
		if (m->to_links[i].assoc)
			break;
	if (i < m->nto)
		l = &m->to_links[i];
	else if ((l = link_by_id(m, ml->has_link_id ?
	    (ml->link_id_info & D11_ML_LINK_ID_MASK) : 0)) != NULL)
		l->assoc = true;
	if (l != NULL) {
		if (ml->has_link_id)
			l->link_id = ml->link_id_info & D11_ML_LINK_ID_MASK;
		l->has_bssid = true;
		memcpy(l->bssid, bss, 6);
		l->status = f->status;
		named[l - m->to_links] = true;
		link_radio(e, l, freq, -1);
	}
	for (i = 0; (s = d11_ml_profile(&f->ie, ml, i)) != NULL; i++) {
		if ((l = link_by_id(m, s->link_id)) == NULL || l->assoc)
			continue;
		named[l - m->to_links] = true;
		if (s->has_mac) {
			l->has_bssid = true;
			memcpy(l->bssid, s->mac, 6);
		}
		l->status = s->has_status ? s->status : ENG_STATUS_NONE;
		link_radio(e, l, 0, s->channel);
	}
	/* refused: a non-zero status, or asked for and not answered; counted
	 * when the association itself was accepted */
	m->nrefused = 0;
	for (i = 0; i < m->nto; i++) {
		l = &m->to_links[i];
		l->refused = !named[i] || (l->status != ENG_STATUS_NONE &&
		    l->status != D11_ST_SUCCESS);
		if (l->refused && !l->assoc && f->status == D11_ST_SUCCESS)
			m->nrefused++;
	}
	take_from(e, a);
	if (f->status != D11_ST_SUCCESS)
		return;
	/* the connection's links now */
	c->pub.nlinks = 0;
	c->pub.link_bands = 0;
	for (i = 0; i < m->nto; i++) {
		if (m->to_links[i].refused)
			continue;
		c->pub.links[c->pub.nlinks++] = m->to_links[i];
		c->pub.link_bands |= m->to_links[i].band;
	}
	n = c->pub.nlinks;
	m->nlost = m->nfrom > n ? (uint8_t)(m->nfrom - n) : 0;
	c->pub.has_ap_mld = true;
	memcpy(c->pub.ap_mld, ml->mld_addr, 6);
	st_bump(e);
}

/* The FTEs of an FT exchange: the nonces of the FT authentication's
 * answer, and what the reassociation request's FTE says. */
static void
ft_fte(struct att *a, bool from_ap, const struct d11_frame *f)
{
	const struct d11_fte *t = &f->ie.fte;
	struct mld_ft *m = &a->mft;

	if (f->ie.fte_ie == NULL || t->anonce == NULL || t->snonce == NULL)
		return;
	if (f->kind == D11_K_AUTH && from_ap && f->auth_alg == D11_AUTH_FT) {
		m->auth = true;
		memcpy(m->anonce, t->anonce, 32);
		memcpy(m->snonce, t->snonce, 32);
	} else if (f->kind == D11_K_REASSOC_REQ && !from_ap) {
		m->req = true;
		m->r0kh = t->r0kh_id != NULL && t->r0kh_id_len > 0;
		m->r1kh = t->r1kh_id != NULL;
		m->nonces = m->auth && memcmp(m->anonce, t->anonce, 32) == 0 &&
		    memcmp(m->snonce, t->snonce, 32) == 0;
		m->mic_count = (uint8_t)(t->mic_control >> 8);
		m->links = a->pub.mlo.nto;
	}
}

void
mld_ft55(const struct att *a, struct eng_diag *d)
{
	const struct mld_ft *m = &a->mft;

	if (!a->pub.mlo.is_mlo || !m->req || m->links < 2)
		return;
	d->val[0] = m->links;
	d->val[1] = m->r0kh && m->r1kh && m->nonces ? 1 : 0;
}

void
mld_mgmt(struct eng *e, struct client *c, const uint8_t *sta,
    const uint8_t *bss, bool from_ap, const struct d11_frame *f, uint64_t n)
{
	const struct d11_ml *ml = basic_ml(f);
	struct att *a;
	struct ap *ap;

	(void)n;
	if (ml == NULL)
		return;
	if (from_ap) {
		if ((ap = st_ap(e, bss)) != NULL)
			ap_mld(e, ap, f, ml);
	} else if (!c->pub.mld && mac_eq(c->pub.mac, ml->mld_addr)) {
		c->pub.mld = true;
		st_bump(e);
	}
	/* a try back at the old AP MLD: the attempt's links stay the
	 * target's, the client's the old ones */
	if (!c->pub.mld || (a = att_of(c)) == NULL || a->closed ||
	    a->returning)
		return;
	if (!from_ap && is_req(f->kind))
		on_req(e, a, sta, bss, f);
	ft_fte(a, from_ap, f);
	if (from_ap && is_resp(f->kind))
		on_resp(e, a, bss, f);
	else if (!is_req(f->kind) && (!a->pub.mlo.is_mlo ||
	    !a->pub.mlo.has_to_mld)) {
		/* authentication only so far: the AP MLDs it goes between */
		a->pub.mlo.is_mlo = true;
		if ((ap = st_ap(e, a->pub.to)) != NULL && ap->pub.has_mld) {
			a->pub.mlo.has_to_mld = true;
			memcpy(a->pub.mlo.to_mld, ap->pub.mld, 6);
		}
		take_from(e, a);
		st_bump(e);
	}
}

/* A reconfiguration of one of the client's links: an event of the
 * attempt that made the connection (once per link and kind). */
static void
link_event(struct eng *e, struct client *c, enum eng_link_ev kind,
    uint8_t link_id, const uint8_t *bssid, int timer, uint64_t n)
{
	struct att *a = st_newest(c);
	struct eng_mlo *m;
	struct eng_link_event *ev;
	unsigned i;

	if (a == NULL || !(m = &a->pub.mlo)->is_mlo)
		return;
	for (i = 0; i < m->nevents; i++)
		if (m->events[i].kind == kind &&
		    m->events[i].link_id == link_id)
			return;
	for (i = 0; i < c->pub.nlinks; i++)
		if (c->pub.links[i].link_id == link_id)
			break;
	if (kind == ENG_LE_REMOVAL) {
		if (i == c->pub.nlinks)
			return;	/* not one of its links */
		c->pub.links[i].removed = true;
		for (i = 0; i < m->nto; i++)
			if (m->to_links[i].link_id == link_id)
				m->to_links[i].removed = true;
	} else if (i < c->pub.nlinks)
		return;		/* it has that link already */
	m->events_total++;
	if (m->nevents < ENG_MAX_LINK_EVENTS) {
		ev = &m->events[m->nevents++];
		ev->ts_ns = e->now;
		ev->kind = kind;
		ev->link_id = link_id;
		memcpy(ev->bssid, bssid != NULL ? bssid : zero_mac, 6);
		ev->timer_tbtt = timer;
		ev->frame = n;
	}
	st_bump(e);
}

void
mld_beacon(struct eng *e, struct ap *ap, const struct d11_frame *f,
    uint64_t n)
{
	const struct d11_ml *ml = basic_ml(f), *rc = &f->ie.ml_reconf;
	const struct d11_ml_sta *s;
	struct client *c;
	unsigned i;
	int timer;

	if (ml == NULL)
		return;
	ap_mld(e, ap, f, ml);
	/* a corrupted beacon announces no reconfiguration */
	if (!f->ie.has_ml_reconf || rc->type != D11_ML_RECONF ||
	    !d11_fcs_ok(f))
		return;
	/* the AP MLD's clients whose links it reconfigures */
	for (c = e->as_head; c != NULL; c = c->as_next) {
		if (!c->pub.mld || !c->pub.has_ap_mld ||
		    !mac_eq(c->pub.ap_mld, ml->mld_addr))
			continue;
		for (i = 0; (s = d11_ml_profile(&f->ie, rc, i)) != NULL;
		    i++) {
			timer = s->has_timer ? s->removal_timer : -1;
			if (s->reconf_op == D11_RECONF_AP_REMOVAL ||
			    s->reconf_op == D11_RECONF_DELETE_LINK)
				link_event(e, c, ENG_LE_REMOVAL, s->link_id,
				    s->has_mac ? s->mac : NULL, timer, n);
			else if (s->reconf_op == D11_RECONF_ADD_LINK)
				link_event(e, c, ENG_LE_ADDED, s->link_id,
				    s->has_mac ? s->mac : NULL, timer, n);
		}
	}
}

void
mld_btm(struct eng *e, struct client *c, const uint8_t *bss,
    const struct d11_frame *f, uint64_t n)
{
	const struct ap *ap = st_ap(e, bss);

	if (!c->pub.mld || !(f->act.btm_mode & D11_BTM_LINK_REMOVAL) ||
	    ap == NULL || !ap->pub.has_mld)
		return;
	link_event(e, c, ENG_LE_REMOVAL, ap->pub.link_id, bss,
	    (f->act.btm_mode & D11_BTM_DISASSOC_IMM) ?
	    f->act.btm_disassoc_timer : -1, n);
}

const char *
eng_link_ev_name(enum eng_link_ev k)
{
	return k == ENG_LE_ADDED ? "added" : "removal";
}
