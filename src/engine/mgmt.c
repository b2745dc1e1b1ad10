/*
 * mgmt.c -- frames in: eng_feed() in time order, the management frames
 * between a client and an AP, beacons and probes, EAPOL/EAP and data.
 * Each frame is looked at once and handed to the attempt it belongs to
 * (attempt.c), the AP state (ess.c) and the roam context (roamctx.c).
 */
#include "engine_int.h"

/* The addresses of a management frame: which side is the client. */
bool
mg_sides(const struct d11_frame *f, const uint8_t **sta, const uint8_t **bss,
    bool *from_ap)
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

/* A data frame's client and BSS, to or from the DS only; group-addressed
 * frames from the AP (the relayed Layer 2 Update) are not the client's. */
static bool
data_sides(const struct d11_frame *f, const uint8_t **sta,
    const uint8_t **bss, bool *from_client)
{
	if (f->to_ds == f->from_ds || f->addr1 == NULL || f->addr2 == NULL)
		return false;
	*from_client = f->to_ds;
	*sta = f->to_ds ? f->addr2 : f->addr1;
	*bss = f->to_ds ? f->addr1 : f->addr2;
	return !d11_is_group(*sta);
}

/*
 * What the sniffer heard an AP send, for the RSSI just before a roam (the
 * last) and just after (the first after the (re)association): its beacons
 * and probe responses (ap_tx) and whatever it sent the client (ap_to).
 * Both run after the attempts took the frame in.
 */
static void
ap_tx(struct eng *e, struct ap *ap, const struct d11_frame *f, uint64_t n)
{
	if (!(f->radio.present & D11_RADIO_SIGNAL))
		return;
	rc_ap_rssi(e, ap, true, f->radio.signal);
	ap->tx_n = n;
	ap->tx_ns = e->now;
}

/* A frame the AP sent the client: the last one, for the RSSI before. */
static void
ap_note(struct eng *e, struct client *c, const uint8_t *bss,
    const struct d11_frame *f, uint64_t n)
{
	if (!(f->radio.present & D11_RADIO_SIGNAL))
		return;
	c->has_aptx = true;
	c->aptx_rssi = f->radio.signal;
	c->aptx_n = n;
	c->aptx_ns = e->now;
	memcpy(c->aptx_ap, bss, 6);
}

/* The same for a frame no attempt takes in first (data, EAPOL): it may
 * be the new AP's first after a roam. */
static void
ap_to(struct eng *e, struct client *c, const uint8_t *bss,
    const struct d11_frame *f, uint64_t n)
{
	struct ap *ap;

	if (c->aprssi_hint && c->open != NULL &&
	    mac_eq(c->open->want_ap, bss) && (ap = st_ap(e, bss)) != NULL)
		rc_ap_frame(e, ap, c, f, n);
	ap_note(e, c, bss, f, n);
}

/* A frame the client sent was seen. */
static void
client_tx(struct eng *e, struct client *c, const struct d11_frame *f,
    uint64_t n)
{
	if (!(f->radio.present & D11_RADIO_SIGNAL))
		return;
	c->has_rssi = true;
	c->rssi = f->radio.signal;
	c->rssi_n = n;
	c->rssi_ns = e->now;
}

/* An action frame between a client and an AP, after the attempts took
 * it in. */
void
mg_sent(struct eng *e, struct client *c, const uint8_t *bss, bool from_ap,
    const struct d11_frame *f, uint64_t n)
{
	if (from_ap)
		ap_note(e, c, bss, f, n);
	else
		client_tx(e, c, f, n);
}

static void
caps_from_req(struct client *c, const struct d11_frame *f)
{
	struct eng_caps *k = &c->pub.caps;
	const struct d11_elems *ie = &f->ie;
	uint8_t bands = k->bands;
	unsigned i, n = 0;

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
			if (d11_akm_is_ft(k->akms[n]))
				k->ft_akm = true;
			n++;
		}
	}
	k->nakms = (uint8_t)n;
	k->ht = ie->has_ht;
	k->vht = ie->has_vht;
	k->he = ie->has_he;
	k->eht = ie->has_eht;
	if (f->radio.present & D11_RADIO_FREQ)
		bands |= rc_band(f->radio.freq, 0);
	k->bands = bands;
}

static void
on_mgmt(struct eng *e, const struct rs_rec *rec)
{
	const struct d11_frame *f = &rec->f;
	const uint8_t *sta, *bss, *who;
	struct client *c;
	struct ap *a;
	bool from_ap;

	if (!mg_sides(f, &sta, &bss, &from_ap))
		return;
	if ((who = mld_sta(e, f, sta, bss, from_ap)) == NULL ||
	    (c = st_client_get(e, who)) == NULL)
		return;
	if (!from_ap && (f->kind == D11_K_ASSOC_REQ ||
	    f->kind == D11_K_REASSOC_REQ))
		caps_from_req(c, f);
	if ((a = st_ap_get(e, bss)) == NULL)
		return;
	st_frame(e, rec);
	st_client_heard(e, c);
	if (from_ap && c->aprssi_hint)
		rc_ap_frame(e, a, c, f, rec->n);
	else if (!from_ap && c->rssi_hint)
		rc_client_frame(e, c, f, rec->n);
	switch (f->kind) {
	case D11_K_AUTH:
		att_auth(e, c, bss, from_ap, f, rec->n);
		break;
	case D11_K_ASSOC_REQ:
	case D11_K_REASSOC_REQ:
		if (!from_ap)
			att_assoc(e, c, bss, false, f, rec->n);
		break;
	case D11_K_ASSOC_RESP:
	case D11_K_REASSOC_RESP:
		if (from_ap)
			att_assoc(e, c, bss, true, f, rec->n);
		break;
	default:
		att_leave(e, c, bss, from_ap, f, rec->n);
		break;
	}
	mld_mgmt(e, c, sta, bss, from_ap, f, rec->n);
	if (from_ap)
		ap_note(e, c, bss, f, rec->n);
	else
		client_tx(e, c, f, rec->n);
}

static void
on_beacon(struct eng *e, const struct rs_rec *rec)
{
	const struct d11_frame *f = &rec->f;
	struct client *c = NULL;
	struct ap *a;

	if (f->bssid == NULL || f->addr2 == NULL)
		return;
	/* a corrupted beacon makes no AP (its FCS checked only then) */
	if ((a = st_ap(e, f->bssid)) == NULL &&
	    (mg_fcs_bad(e, f) || (a = st_ap_get(e, f->bssid)) == NULL))
		return;
	st_ap_heard(e, a);
	/* a probe response to a client looking at this AP */
	if (f->kind == D11_K_PROBE_RESP && f->addr1 != NULL &&
	    !d11_is_group(f->addr1) && (c = st_client(e, f->addr1)) != NULL) {
		if (att_probe(e, c, f->bssid, true, rec->n))
			st_frame(e, rec);
	}
	if (a->waiters != NULL)
		rc_ap_frame(e, a, c, f, rec->n);
	if (!ess_beacon(e, a, f))
		return;
	mld_beacon(e, a, f, rec->n);
	ap_tx(e, a, f, rec->n);
	if (a->ess != NULL && a->ess->n > 1)
		rc_ess_heard(e, a);
}

/* A known client's probe request: directed to an AP (not the one it is
 * associated with), it belongs to the roam that may follow. */
static void
on_probe_req(struct eng *e, const struct rs_rec *rec)
{
	const struct d11_frame *f = &rec->f;
	struct client *c;

	if (f->addr2 == NULL || d11_is_group(f->addr2) ||
	    (c = st_client(e, f->addr2)) == NULL)
		return;
	st_client_heard(e, c);
	if (f->addr1 != NULL && !d11_is_group(f->addr1) &&
	    f->addr3 != NULL && mac_eq(f->addr1, f->addr3)) {
		if (att_probe(e, c, f->addr1, false, rec->n))
			st_frame(e, rec);
	}
	if (c->rssi_hint)
		rc_client_frame(e, c, f, rec->n);
	client_tx(e, c, f, rec->n);
}

/* Data frames and EAPOL (whose frames are kept: key setup is part of the
 * attempt). */
static void
on_data(struct eng *e, const struct rs_rec *rec)
{
	const struct d11_frame *f = &rec->f;
	const uint8_t *sta, *bss, *abss;
	struct client *c;
	bool from_client, eapol;

	if (!data_sides(f, &sta, &bss, &from_client) ||
	    (c = st_client(e, mld_sta_data(e, sta))) == NULL) {
		if (f->ethertype == D11_ETH_P_IPV4)
			dh_group(e, f);
		return;
	}
	/* a STA MLD's frames on any of its links count for the link the
	 * (re)association ran on */
	abss = mld_bss(c, bss);
	eapol = f->kind == D11_K_EAPOL || f->kind == D11_K_EAP;
	if (eapol)
		st_frame(e, rec);
	st_client_heard(e, c);
	if (from_client && c->rssi_hint)
		rc_client_frame(e, c, f, rec->n);
	if (eapol)
		att_eapol(e, c, abss, f, rec->n);
	else if (!f->is_null && c->data_hint)
		att_data(e, c, abss, from_client, f, rec->n);
	if (!eapol && !f->is_null && f->ethertype == D11_ETH_P_IPV4)
		dh_data(e, c, abss, from_client, f);
	if (from_client)
		client_tx(e, c, f, rec->n);
	else
		ap_to(e, c, bss, f, rec->n);
	if (!eapol && !f->is_null) {
		memcpy(c->data_bss, abss, 6);
		c->data_ns = e->now;
	}
}

/*
 * A frame whose FCS is wrong (when the capture has one): counted with
 * those the radio header flags, and not taken in.  Checked only where a
 * frame would add or change what is kept about an AP, not for every frame.
 */
bool
mg_fcs_bad(struct eng *e, const struct d11_frame *f)
{
	if (d11_fcs_ok(f))
		return false;
	e->cnt.bad_fcs++;
	return true;
}

void
eng_feed(struct eng *e, const struct rs_rec *rec)
{
	const struct d11_frame *f = &rec->f;

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
	e->plain = rec->decrypted;
	if (e->now - e->last_sweep >= NS_PER_S) {
		if (e->last_sweep != 0) {
			att_sweep(e);
			rc_sticky(e);
			st_age(e);
		}
		e->last_sweep = e->now;
	}
	switch (f->kind) {
	case D11_K_DATA:
	case D11_K_EAPOL:
	case D11_K_EAP:
		on_data(e, rec);
		break;
	case D11_K_BEACON:
	case D11_K_PROBE_RESP:
		on_beacon(e, rec);
		break;
	case D11_K_PROBE_REQ:
		on_probe_req(e, rec);
		break;
	case D11_K_ACTION:
	case D11_K_ACTION_NOACK:
		if (f->addr1 != NULL && d11_is_group(f->addr1))
			break;
		act_frame(e, rec);
		break;
	case D11_K_AUTH:
	case D11_K_ASSOC_REQ:
	case D11_K_REASSOC_REQ:
	case D11_K_ASSOC_RESP:
	case D11_K_REASSOC_RESP:
	case D11_K_DEAUTH:
	case D11_K_DISASSOC:
		on_mgmt(e, rec);
		break;
	default:
		break;
	}
}

void
eng_finish(struct eng *e)
{
	e->finished = true;
	att_finish(e);
	st_bump(e);
}
