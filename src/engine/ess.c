/*
 * ess.c -- APs as their beacons describe them, grouped by ESS (SSID).
 *
 * Capabilities come from the latest beacon (probe responses only until a
 * beacon is heard); what a later beacon changes is kept per AP as a timed
 * change and told as a client-independent finding.
 *
 * The ESS findings (mixed MDIDs, FT on some APs only, FT over the DS on
 * some only, mixed AKM sets) are kept incrementally: each AP contributes a
 * key (MDID, FT, over-DS, its AKM set's signature) to its ESS's counts, a
 * changed AP moves its contribution in O(1), and the findings' text and
 * BSSID lists are written only when read, for the ESSs that changed.
 */
#include <stdlib.h>

#include "engine_int.h"

static unsigned
str_hash(const char *s, unsigned mask)
{
	uint32_t h = 2166136261u;

	for (; *s != '\0'; s++)
		h = (h ^ (uint8_t)*s) * 16777619u;
	return h & mask;
}

static struct ess *
ess_find(const struct eng *e, const char *ssid)
{
	struct ess *s;

	for (s = e->essh[str_hash(ssid, e->ess_hmask)]; s != NULL;
	    s = s->hnext)
		if (strcmp(s->ssid, ssid) == 0)
			return s;
	return NULL;
}

static struct ess *
ess_get(struct eng *e, const char *ssid)
{
	struct ess *s;
	unsigned h;

	if ((s = ess_find(e, ssid)) != NULL)
		return s;
	if ((s = calloc(1, sizeof *s)) == NULL)
		return NULL;
	snprintf(s->ssid, sizeof s->ssid, "%s", ssid);
	h = str_hash(ssid, e->ess_hmask);
	s->hnext = e->essh[h];
	e->essh[h] = s;
	s->prev = e->ess_tail;
	if (e->ess_tail != NULL)
		e->ess_tail->next = s;
	else
		e->ess_head = s;
	e->ess_tail = s;
	return s;
}

static void
ess_unlink(struct eng *e, struct ess *s)
{
	struct ess **pp;

	for (pp = &e->essh[str_hash(s->ssid, e->ess_hmask)]; *pp != NULL;
	    pp = &(*pp)->hnext) {
		if (*pp == s) {
			*pp = s->hnext;
			break;
		}
	}
	if (s->prev != NULL)
		s->prev->next = s->next;
	else
		e->ess_head = s->next;
	if (s->next != NULL)
		s->next->prev = s->prev;
	else
		e->ess_tail = s->prev;
	free(s);
}

void
ess_free(struct eng *e)
{
	struct ess *s, *n;

	for (s = e->ess_head; s != NULL; s = n) {
		n = s->next;
		free(s);
	}
	e->ess_head = e->ess_tail = NULL;
}

static void
dirty(struct eng *e, struct ess *s)
{
	s->dirty = true;
	s->summary_ok = false;
	e->fl_valid = false;
}

/* An order-free signature of the AKM set. */
static uint32_t
akm_sig(const struct eng_ap *p)
{
	uint32_t h = 0x811c9dc5u, v[ENG_MAX_AKMS], t;
	unsigned i, j, n = p->nakms;

	memcpy(v, p->akms, n * sizeof v[0]);
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && v[j - 1] > v[j]; j--) {
			t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	for (i = 0; i < n; i++)
		h = (h ^ v[i]) * 16777619u;
	return (h ^ n) | (p->has_rsn ? 0 : 1);
}

static void
key_count(struct ess *s, const struct ess_key *k, int sign)
{
	unsigned i;

	s->n += sign;
	if (k->has_mde) {
		s->n_mde += sign;
		if (k->ods)
			s->n_ods += sign;
		for (i = 0; i < s->nmd; i++)
			if (memcmp(s->md[i].mdid, k->mdid, 2) == 0)
				break;
		if (i < s->nmd) {
			s->md[i].n += sign;
			if (s->md[i].n == 0)
				s->md[i] = s->md[--s->nmd];
		} else if (sign > 0 && s->nmd < EI_ESS_KEYS) {
			memcpy(s->md[s->nmd].mdid, k->mdid, 2);
			s->md[s->nmd++].n = 1;
		} else if (sign > 0)
			s->md_other++;
		else if (s->md_other > 0)
			s->md_other--;
	}
	if (!k->ft_or_mde)
		s->n_noft += sign;
	for (i = 0; i < s->nak; i++)
		if (s->ak[i].sig == k->akm_sig)
			break;
	if (i < s->nak) {
		s->ak[i].n += sign;
		if (s->ak[i].n == 0)
			s->ak[i] = s->ak[--s->nak];
	} else if (sign > 0 && s->nak < EI_ESS_KEYS) {
		s->ak[s->nak].sig = k->akm_sig;
		s->ak[s->nak++].n = 1;
	} else if (sign > 0)
		s->ak_other++;
	else if (s->ak_other > 0)
		s->ak_other--;
}

static void
member_del(struct eng *e, struct ap *a)
{
	struct ess *s = a->ess;

	if (s == NULL)
		return;
	if (a->key.in)
		key_count(s, &a->key, -1);
	a->key.in = false;
	if (a->ess_prev != NULL)
		a->ess_prev->ess_next = a->ess_next;
	else
		s->head = a->ess_next;
	if (a->ess_next != NULL)
		a->ess_next->ess_prev = a->ess_prev;
	else
		s->tail = a->ess_prev;
	a->ess_prev = a->ess_next = NULL;
	if (s->best[0].ap == a)
		s->best[0] = s->best[1];
	if (s->best[1].ap == a || s->best[0].ap == s->best[1].ap)
		s->best[1].ap = NULL;
	a->ess = NULL;
	dirty(e, s);
	if (s->head == NULL)
		ess_unlink(e, s);
}

static void
member_add(struct eng *e, struct ap *a, struct ess *s)
{
	a->ess = s;
	a->ess_next = NULL;
	a->ess_prev = s->tail;
	if (s->tail != NULL)
		s->tail->ess_next = a;
	else
		s->head = a;
	s->tail = a;
	dirty(e, s);
}

void
ess_ap_gone(struct eng *e, struct ap *a)
{
	member_del(e, a);
}

/* Move the AP's contribution when what the ESS checks count changed. */
static void
ess_update(struct eng *e, struct ap *a)
{
	const struct eng_ap *p = &a->pub;
	struct ess_key k;
	struct ess *s;

	if (!p->has_ssid)
		return;
	memset(&k, 0, sizeof k);
	k.in = true;
	k.has_mde = p->has_mde;
	if (p->has_mde)
		memcpy(k.mdid, p->mdid, 2);
	k.ods = p->has_mde && p->ft_over_ds;
	k.ft_or_mde = p->has_mde || p->ft;
	k.akm_sig = akm_sig(p);
	if (a->ess != NULL && strcmp(a->ess->ssid, p->ssid) != 0)
		member_del(e, a);
	if (a->ess == NULL) {
		if ((s = ess_get(e, p->ssid)) == NULL)
			return;
		member_add(e, a, s);
	}
	s = a->ess;
	if (a->key.in && memcmp(&a->key, &k, sizeof k) == 0)
		return;
	if (a->key.in)
		key_count(s, &a->key, -1);
	a->key = k;
	key_count(s, &a->key, 1);
	dirty(e, s);
}

/* ------------------------------------------------------------------------
 * Capability changes.
 */
static void
change(struct eng *e, struct ap *a, enum eng_ap_field fld, const char *from,
    const char *to)
{
	struct eng_ap *p = &a->pub;
	struct eng_ap_change *c;
	struct eng_finding *fd;

	if (p->nchanges == ENG_MAX_AP_CHANGES)
		memmove(&p->changes[0], &p->changes[1],
		    (ENG_MAX_AP_CHANGES - 1) * sizeof p->changes[0]);
	else
		p->nchanges++;
	c = &p->changes[p->nchanges - 1];
	memset(c, 0, sizeof *c);
	c->ts_ns = e->now;
	c->field = fld;
	snprintf(c->from, sizeof c->from, "%s", from);
	snprintf(c->to, sizeof c->to, "%s", to);
	p->changes_total++;
	if ((fd = ess_event(e, ENG_C_AP_CHANGE, p->has_ssid ? p->ssid : "",
	    p->bssid)) != NULL)
		tx_finding(fd, fld, 0, p->bssid, NULL, c->from, c->to);
}

static const char *
onoff(bool b)
{
	return b ? "on" : "off";
}

static void
mdid_word(const struct eng_ap *p, char *buf, size_t len)
{
	if (p->has_mde)
		snprintf(buf, len, "%02x%02x", p->mdid[0], p->mdid[1]);
	else
		snprintf(buf, len, "none");
}

static void
akm_words(const struct eng_ap *p, char *buf, size_t len)
{
	size_t used = 0;
	unsigned i;

	buf[0] = '\0';
	for (i = 0; i < p->nakms && used < len; i++)
		used += (size_t)snprintf(buf + used, len - used, "%s%s",
		    i ? " " : "", d11_akm_name(p->akms[i]));
	if (p->nakms == 0)
		snprintf(buf, len, "%s", p->has_rsn ? "none" : "open");
}

/* ------------------------------------------------------------------------
 * Beacons and probe responses.
 */

/* What a beacon tells of an AP's capabilities, as the frame says it (the
 * AP keeps the last one, to see cheaply whether the next differs). */
static void
caps_from(const struct d11_frame *f, const struct eng_ap *p, struct ap_caps *c)
{
	const struct d11_elems *ie = &f->ie;
	unsigned i, n = 0;

	memset(c, 0, sizeof *c);
	c->freq = (f->radio.present & D11_RADIO_FREQ) ? f->radio.freq :
	    p->freq;
	if (ie->ds_channel >= 0)
		c->channel = (uint8_t)ie->ds_channel;
	else if (c->freq != 0)
		c->channel = (uint8_t)d11_freq_to_channel(c->freq);
	c->has_mde = ie->has_mde;
	if (ie->has_mde) {
		memcpy(c->mdid, ie->mde.mdid, 2);
		c->ods = (ie->mde.ft_capab & D11_MDE_FT_OVER_DS) != 0;
	}
	c->has_rsn = ie->rsn_ie != NULL;
	c->rsn_caps = ie->rsn.has_caps ? ie->rsn.caps : 0;
	c->group = ie->rsn.group;
	if (ie->rsn_ie != NULL && ie->rsn.akm != NULL)
		for (i = 0; i < ie->rsn.n_akm && n < ENG_MAX_AKMS; i++)
			c->akms[n++] = d11_suite(ie->rsn.akm + 4 * i);
	c->nakms = (uint8_t)n;
	c->nr = d11_elems_rm_neighbor_report(ie);
	c->btm = d11_elems_bss_transition(ie);
}

/* Whether the frame says the capabilities c already holds: caps_from()
 * without building them, stopping at the first difference (most beacons
 * repeat the last one). */
static bool
caps_same(const struct d11_frame *f, const struct eng_ap *p,
    const struct ap_caps *c)
{
	const struct d11_elems *ie = &f->ie;
	unsigned i, n;
	uint16_t freq;

	freq = (f->radio.present & D11_RADIO_FREQ) ? f->radio.freq : p->freq;
	if (freq != c->freq || ie->has_mde != c->has_mde ||
	    (ie->rsn_ie != NULL) != c->has_rsn)
		return false;
	if (ie->ds_channel >= 0 ? (uint8_t)ie->ds_channel != c->channel :
	    (uint8_t)(freq != 0 ? d11_freq_to_channel(freq) : 0) != c->channel)
		return false;
	if (ie->has_mde && (memcmp(c->mdid, ie->mde.mdid, 2) != 0 ||
	    ((ie->mde.ft_capab & D11_MDE_FT_OVER_DS) != 0) != c->ods))
		return false;
	if ((ie->rsn.has_caps ? ie->rsn.caps : 0) != c->rsn_caps ||
	    ie->rsn.group != c->group)
		return false;
	n = ie->rsn_ie != NULL && ie->rsn.akm != NULL ? ie->rsn.n_akm : 0;
	if (n > ENG_MAX_AKMS)
		n = ENG_MAX_AKMS;
	if (n != c->nakms)
		return false;
	for (i = 0; i < n; i++)
		if (d11_suite(ie->rsn.akm + 4 * i) != c->akms[i])
			return false;
	return d11_elems_rm_neighbor_report(ie) == c->nr &&
	    d11_elems_bss_transition(ie) == c->btm;
}

/* The AP's public state from new capabilities. */
static void
caps_apply(struct eng_ap *p, const struct ap_caps *c, const struct d11_frame *f)
{
	unsigned i;

	p->freq = c->freq;
	p->channel = c->channel;
	p->band = rc_band(p->freq, p->channel);
	if (f->ie.ds_channel >= 1 && f->ie.ds_channel <= 14)
		p->band = ENG_BAND_2G;	/* what it says, wherever heard */
	p->has_mde = c->has_mde;
	memcpy(p->mdid, c->mdid, 2);
	p->ft_over_ds = c->ods;
	p->has_rsn = c->has_rsn;
	p->rsn_caps = c->rsn_caps;
	p->group_cipher = c->group;
	p->nakms = c->nakms;
	memcpy(p->akms, c->akms, sizeof p->akms);
	p->ft = false;
	for (i = 0; i < c->nakms; i++)
		if (d11_akm_is_ft(c->akms[i]))
			p->ft = true;
	p->nr = c->nr;
	p->btm = c->btm;
}

static void
changes(struct eng *e, struct ap *a, const struct ap_caps *o)
{
	const struct eng_ap *p = &a->pub;
	struct eng_ap old;
	char x[40], y[40];

	if (o->channel != 0 && p->channel != o->channel) {
		snprintf(x, sizeof x, "%u", o->channel);
		snprintf(y, sizeof y, "%u", p->channel);
		change(e, a, ENG_AF_CHANNEL, x, y);
	}
	if (o->has_mde != p->has_mde || (p->has_mde &&
	    memcmp(o->mdid, p->mdid, 2) != 0)) {
		old.has_mde = o->has_mde;
		memcpy(old.mdid, o->mdid, 2);
		mdid_word(&old, x, sizeof x);
		mdid_word(p, y, sizeof y);
		change(e, a, ENG_AF_MDID, x, y);
	}
	if (o->ods != p->ft_over_ds)
		change(e, a, ENG_AF_FT_OVER_DS, onoff(o->ods),
		    onoff(p->ft_over_ds));
	if (o->has_rsn != p->has_rsn)
		change(e, a, ENG_AF_RSN, onoff(o->has_rsn), onoff(p->has_rsn));
	else if (o->nakms != p->nakms || memcmp(o->akms, p->akms,
	    p->nakms * sizeof p->akms[0]) != 0) {
		old.has_rsn = o->has_rsn;
		old.nakms = o->nakms;
		memcpy(old.akms, o->akms, sizeof old.akms);
		akm_words(&old, x, sizeof x);
		akm_words(p, y, sizeof y);
		change(e, a, ENG_AF_AKMS, x, y);
	}
	if (o->nr != p->nr)
		change(e, a, ENG_AF_NR, onoff(o->nr), onoff(p->nr));
	if (o->btm != p->btm)
		change(e, a, ENG_AF_BTM, onoff(o->btm), onoff(p->btm));
}

/*
 * A beacon or probe response of a known AP: what it advertises, and the
 * changes a later beacon makes.  False when the frame would change what is
 * kept but its FCS is wrong: a corrupted beacon is no change.
 */
bool
ess_beacon(struct eng *e, struct ap *a, const struct d11_frame *f)
{
	const struct d11_elems *ie = &f->ie;
	struct eng_ap *p = &a->pub;
	bool beacon = f->kind == D11_K_BEACON, upd = a->ess == NULL;
	struct ap_caps o, c;
	char old[33];
	unsigned n;

	a->adv = true;
	if (beacon)
		a->beacons++;
	if (f->radio.present & D11_RADIO_SIGNAL) {
		a->has_brssi = true;
		a->brssi = f->radio.signal;
	}
	if (f->radio.bw != 0)
		a->width_mhz = (uint16_t)(f->radio.bw * 10);
	if (!f->has_elems)
		return true;
	/* the SSID: beacons tell it; a probe response only until the first
	 * beacon or when the beacons hide it (compared with the hot copy) */
	if (ie->ssid != NULL && ie->ssid_len > 0 && ie->ssid[0] != '\0' &&
	    (beacon || !a->beaconed || !a->has_ssid)) {
		n = ie->ssid_len > 32 ? 32 : ie->ssid_len;
		if (!a->has_ssid || a->ssid_len != n ||
		    memcmp(a->ssid, ie->ssid, n) != 0) {
			if (mg_fcs_bad(e, f))
				return false;
			memcpy(old, p->ssid, sizeof old);
			memcpy(p->ssid, ie->ssid, n);
			p->ssid[n] = '\0';
			p->ssid_len = (uint8_t)n;
			memcpy(a->ssid, ie->ssid, n);
			a->ssid_len = (uint8_t)n;
			if (a->has_ssid && beacon && a->beaconed)
				change(e, a, ENG_AF_SSID, old, p->ssid);
			p->has_ssid = a->has_ssid = true;
			upd = true;
			st_bump(e);
		}
	}
	if (!beacon && a->beaconed) {
		if (upd)
			ess_update(e, a);
		return true;
	}
	/* capabilities from the latest beacon (a probe response only until
	 * the first beacon) */
	if (!caps_same(f, p, &a->caps)) {
		if (mg_fcs_bad(e, f)) {
			if (upd)
				ess_update(e, a);
			return false;
		}
		caps_from(f, p, &c);
		o = a->caps;
		a->caps = c;
		caps_apply(p, &c, f);
		if (beacon && a->beaconed)
			changes(e, a, &o);
		upd = true;
		st_bump(e);
	}
	if (beacon)
		a->beaconed = true;
	if (upd)
		ess_update(e, a);
	return true;
}

/* ------------------------------------------------------------------------
 * Reading: the MDID summary for a diagnosis, and the findings.
 */
unsigned
ess_nmdids(const struct eng *e, const char *ssid)
{
	const struct ess *s = ess_find(e, ssid);

	if (s == NULL)
		return 0;
	return s->nmd + (s->md_other > 0);
}

/* "MDID a1b2 on aa:.., bb:..; c3d4 on cc:.."; rebuilt when the ESS changed.
 * Each MDID's list is cut where the text is full. */
const char *
ess_mdid_summary(struct eng *e, const char *ssid)
{
	struct ess *s = ess_find(e, ssid);
	size_t used = 0, len;
	const struct ap *a;
	unsigned k, listed, per;
	char m[18];

	if (s == NULL)
		return "";
	if (s->summary_ok)
		return s->summary;
	len = sizeof s->summary;
	s->summary[0] = '\0';
	/* room for every MDID: a few APs each when there are many */
	per = s->nmd > 1 && s->n_mde > 8 ? 3 : ENG_MAX_FINDING_BSSIDS;
	for (k = 0; k < s->nmd && used < len; k++) {
		used += (size_t)snprintf(s->summary + used, len - used,
		    "%sMDID %02x%02x on", k ? "; " : "", s->md[k].mdid[0],
		    s->md[k].mdid[1]);
		listed = 0;
		for (a = s->head; a != NULL && used < len &&
		    listed < s->md[k].n; a = a->ess_next) {
			if (!a->key.has_mde || memcmp(a->key.mdid,
			    s->md[k].mdid, 2) != 0)
				continue;
			if (listed == per) {
				used += (size_t)snprintf(s->summary + used,
				    len - used, " and %u more",
				    s->md[k].n - listed);
				break;
			}
			used += (size_t)snprintf(s->summary + used, len - used,
			    "%s %s", listed ? "," : "",
			    d11_mac_str(a->pub.bssid, m));
			listed++;
		}
	}
	if (used >= len)
		used = len - 1;
	s->summary_ok = true;
	return s->summary;
}

static struct eng_finding *
ess_finding(struct ess *s, enum eng_code id)
{
	struct eng_finding *f;

	if (s->nf >= sizeof s->f / sizeof s->f[0])
		return NULL;
	f = &s->f[s->nf++];
	memset(f, 0, sizeof *f);
	f->id = id;
	memcpy(f->ssid, s->ssid, sizeof f->ssid);
	return f;
}

static void
add_bssid(struct eng_finding *f, const struct ap *a)
{
	if (f->nbssids < ENG_MAX_FINDING_BSSIDS)
		memcpy(f->bssids[f->nbssids++], a->pub.bssid, 6);
}

/* The BSSIDs a finding names, as a list for its text. */
static void
list_of(const struct eng_finding *f, char *buf, size_t len, unsigned total)
{
	size_t used = 0;
	unsigned i;
	char m[18];

	buf[0] = '\0';
	for (i = 0; i < f->nbssids && used < len; i++)
		used += (size_t)snprintf(buf + used, len - used, "%s%s",
		    i ? ", " : "", d11_mac_str(f->bssids[i], m));
	if (total > f->nbssids && used < len)
		snprintf(buf + used, len - used, " and %u more",
		    total - f->nbssids);
}

static void
ess_rebuild(struct eng *e, struct ess *s)
{
	char l1[160], l2[160];
	struct eng_finding *f;
	const struct ap *a, *first = NULL, *other = NULL;
	unsigned differing = 0;

	s->nf = 0;
	s->dirty = false;
	if (s->n < 2)
		return;
	if (s->nmd + (s->md_other > 0) > 1 &&
	    (f = ess_finding(s, ENG_C_MIXED_MDID)) != NULL) {
		for (a = s->head; a != NULL; a = a->ess_next)
			if (a->key.has_mde)
				add_bssid(f, a);
		tx_finding(f, 0, 0, NULL, NULL, ess_mdid_summary(e, s->ssid),
		    NULL);
	}
	if (s->n_noft > 0 && s->n_noft < s->n &&
	    (f = ess_finding(s, ENG_C_FT_PARTIAL)) != NULL) {
		for (a = s->head; a != NULL; a = a->ess_next)
			if (!a->key.ft_or_mde)
				add_bssid(f, a);
		list_of(f, l1, sizeof l1, s->n_noft);
		tx_finding(f, 0, 0, NULL, NULL, l1, NULL);
	}
	if (s->n_ods > 0 && s->n_ods < s->n_mde &&
	    (f = ess_finding(s, ENG_C_FT_OVER_DS_MIXED)) != NULL) {
		for (a = s->head; a != NULL; a = a->ess_next)
			if (a->key.ods)
				add_bssid(f, a);
		list_of(f, l1, sizeof l1, s->n_ods);
		tx_finding(f, 0, 0, NULL, NULL, l1, NULL);
	}
	if (s->nak + (s->ak_other > 0) > 1 &&
	    (f = ess_finding(s, ENG_C_AKM_MIXED)) != NULL) {
		/* those whose set differs from the first AP's, and it */
		first = s->head;
		for (a = first->ess_next; a != NULL; a = a->ess_next) {
			if (a->key.akm_sig == first->key.akm_sig)
				continue;
			if (other == NULL)
				other = a;
			add_bssid(f, a);
			differing++;
		}
		if (other != NULL) {
			add_bssid(f, first);
			akm_words(&first->pub, l1, sizeof l1);
			akm_words(&other->pub, l2, sizeof l2);
			tx_finding(f, (int32_t)differing, 0, first->pub.bssid,
			    other->pub.bssid, l1, l2);
		} else
			s->nf--;
	}
}

/* The findings array: each ESS's (rebuilt if it changed), in ESS order. */
void
ess_flatten(struct eng *e)
{
	struct eng_finding *nf;
	struct ess *s;
	size_t n = 0;

	if (e->fl_valid)
		return;
	for (s = e->ess_head; s != NULL; s = s->next) {
		if (s->dirty)
			ess_rebuild(e, s);
		n += s->nf;
	}
	if (n > e->flcap) {
		if ((nf = realloc(e->fl, n * sizeof *nf)) == NULL)
			return;
		e->fl = nf;
		e->flcap = n;
	}
	e->nfl = 0;
	for (s = e->ess_head; s != NULL; s = s->next) {
		if (s->nf == 0)
			continue;	/* s->f and e->fl may be NULL */
		memcpy(e->fl + e->nfl, s->f, s->nf * sizeof *s->f);
		e->nfl += s->nf;
	}
	e->fl_valid = true;
}

/* A client event (a finding tied to one moment), into the bounded ring. */
struct eng_finding *
ess_event(struct eng *e, enum eng_code id, const char *ssid,
    const uint8_t *bssid)
{
	struct eng_finding *x;

	if (e->nevents < EI_MAX_EVENTS)
		x = &e->events[(e->evhead + e->nevents++) % EI_MAX_EVENTS];
	else {
		x = &e->events[e->evhead];
		e->evhead = (e->evhead + 1) % EI_MAX_EVENTS;
	}
	memset(x, 0, sizeof *x);
	x->id = id;
	x->ts_ns = e->now;
	snprintf(x->ssid, sizeof x->ssid, "%s", ssid != NULL ? ssid : "");
	if (bssid != NULL) {
		memcpy(x->bssids[0], bssid, 6);
		x->nbssids = 1;
	}
	st_bump(e);
	return x;
}
