/*
 * elems.c -- information elements: one walk (the TLV walker of dot11.h), a
 * switch on the element ID, and the decoders for the elements a roam is made
 * of (RSNE, MDE, FTE, Timeout Interval, Neighbor Report, capabilities).
 *
 * Everything here reads untrusted bytes: each decoder checks the length it
 * is given before every read, and a field that does not fit is left absent
 * and the element counted as malformed.  Nothing is allocated.
 */

#include <stddef.h>
#include <string.h>

#include "dot11.h"

/* Once-only elements, one bit each, for duplicate detection. */
enum {
	SEEN_SSID = 0,
	SEEN_SUPP_RATES,
	SEEN_DS,
	SEEN_RSN,
	SEEN_MDE,
	SEEN_FTE,
	SEEN_TIMEOUT,
	SEEN_RM,
	SEEN_EXT_CAPAB,
	SEEN_HT,
	SEEN_VHT,
	SEEN_HE,
	SEEN_EHT,
	SEEN_WPA,
	SEEN_WMM,
	SEEN_EHT_OP,
};

/* Fixed sizes of element contents (IEEE 802.11-2020, clause 9.4.2). */
#define MDE_LEN			3
#define TIMEOUT_LEN		5
#define RM_ENABLED_LEN		5
#define HT_CAP_LEN		26
#define VHT_CAP_LEN		12
#define HE_CAP_MIN		(6 + 11 + 4)	/* MAC, PHY, MCS after ext ID */
#define EHT_CAP_MIN		(2 + 9)		/* MAC, PHY (after ext ID) */
#define HE_CAP_PHY		6		/* PHY Capabilities offset */
#define NEIGHBOR_FIXED		13	/* BSSID, info, class, channel, PHY */
#define FTE_NONCES		64	/* ANonce + SNonce */
#define SSID_MAX		32

#define NR_SUB_CAND_PREF	3	/* BSS Transition Candidate Preference */

#define FTE_SUB_R1KH_ID		1
#define FTE_SUB_GTK		2
#define FTE_SUB_R0KH_ID		3
#define FTE_SUB_IGTK		4
#define FTE_SUB_OCI		5
#define FTE_SUB_BIGTK		6
#define FTE_R1KH_ID_LEN		6
#define FTE_R0KH_ID_MAX		48

/* MIC Control: bits 1-3 are the MIC Length subfield (FT-SAE-EXT-KEY). */
#define FTE_MIC_LEN_SHIFT	1
#define FTE_MIC_LEN_MASK	0x07

/*
 * Suite list: a little-endian count then count * 4 bytes.  Fills n and the
 * list pointer with what is really there.  Returns 1 when the count and its
 * whole list were present, 0 when the field is absent (cut at its start),
 * -1 when the count lied or was cut (the rest of the element is then
 * unlocatable).
 */
static inline int
rsne_list(const uint8_t **pp, size_t *leftp, size_t item, uint16_t *n,
    const uint8_t **list)
{
	const uint8_t	*p = *pp;
	size_t		 left = *leftp, have;
	uint16_t	 count;

	if (left == 0)
		return (0);
	if (left < 2)
		return (-1);
	count = d11_le16(p);
	p += 2;
	left -= 2;
	*list = p;
	/* (the division only when the count lies: it costs more than the
	 * rest of the list together) */
	if ((size_t)count * item > left) {
		have = left / item;
		/* The count lies: keep what is really there. */
		*n = (uint16_t)have;
		*pp = p + have * item;
		*leftp = left - have * item;
		return (-1);
	}
	*n = count;
	*pp = p + (size_t)count * item;
	*leftp = left - (size_t)count * item;
	return (1);
}

/*
 * RSNE body, and the WPA1 vendor element body after its OUI and type (which
 * has the same layout up to the capabilities and nothing after them).
 */
static int
parse_rsne(const uint8_t *p, size_t left, struct d11_rsne *r, bool wpa1)
{
	int	 rv;

	memset(r, 0, sizeof(*r));
	if (left < 2) {
		r->malformed = 1;
		return (-1);
	}
	r->version = d11_le16(p);
	p += 2;
	left -= 2;

	if (left == 0)
		return (0);
	if (left < 4)
		goto bad;
	r->group = d11_suite(p);
	r->has_group = 1;
	p += 4;
	left -= 4;

	rv = rsne_list(&p, &left, 4, &r->n_pairwise, &r->pairwise);
	if (rv == 0)
		return (0);
	if (r->pairwise != NULL)
		r->has_pairwise = 1;
	if (rv < 0)
		goto bad;

	rv = rsne_list(&p, &left, 4, &r->n_akm, &r->akm);
	if (rv == 0)
		return (0);
	if (r->akm != NULL)
		r->has_akm = 1;
	if (rv < 0)
		goto bad;

	if (left == 0)
		return (0);
	if (left < 2)
		goto bad;
	r->caps = d11_le16(p);
	r->has_caps = 1;
	p += 2;
	left -= 2;

	/* WPA1 ends at its capabilities; hostapd ignores trailing bytes. */
	if (wpa1)
		return (0);

	rv = rsne_list(&p, &left, 16, &r->n_pmkid, &r->pmkid);
	if (rv == 0)
		return (0);
	if (r->pmkid != NULL)
		r->has_pmkid = 1;
	if (rv < 0)
		goto bad;

	if (left == 0)
		return (0);
	if (left < 4)
		goto bad;
	r->group_mgmt = d11_suite(p);
	r->has_group_mgmt = 1;
	/* Anything after it belongs to a later amendment: not an error. */
	return (0);

bad:
	r->malformed = 1;
	return (-1);
}

int
d11_parse_rsne(const uint8_t *body, size_t len, struct d11_rsne *r)
{
	return (parse_rsne(body, len, r, false));
}

/*
 * MIC length an AKM implies in the FTE; 0 when MIC Control must say
 * (FT-SAE-EXT-KEY).  The table lives with the AKM names (names.c); an AKM
 * that is not FT (or unknown) gets the default 16.
 */
static uint8_t
fte_mic_len_for_akm(uint32_t akm)
{
	if (!d11_akm_is_ft(akm))
		return (16);
	return ((uint8_t)d11_akm_fte_mic_len(akm));
}

int
d11_parse_fte(const uint8_t *body, size_t len, uint32_t akm,
    struct d11_fte *fte)
{
	const uint8_t		*p = body, *end = body + len;
	struct d11_tlv_iter	 it;
	struct d11_tlv		 t;
	uint8_t			 mic_len;

	memset(fte, 0, sizeof(*fte));
	if (len < 2)
		goto bad;
	fte->mic_control = d11_le16(p);
	p += 2;

	mic_len = fte_mic_len_for_akm(akm);
	if (mic_len == 0) {
		switch ((fte->mic_control >> FTE_MIC_LEN_SHIFT) &
		    FTE_MIC_LEN_MASK) {
		case 0:
			mic_len = 16;
			break;
		case 1:
			mic_len = 24;
			break;
		case 2:
			mic_len = 32;
			break;
		default:
			goto bad;	/* reserved: cannot locate the rest */
		}
	}
	if ((size_t)(end - p) < (size_t)mic_len + FTE_NONCES)
		goto bad;
	fte->mic_len = mic_len;
	fte->mic = p;
	p += mic_len;
	fte->anonce = p;
	p += 32;
	fte->snonce = p;
	p += 32;

	D11_FOR_EACH_SUB(it, t, p, (size_t)(end - p)) {
		if (fte->n_subelems < UINT8_MAX)
			fte->n_subelems++;
		switch (t.id) {
		case FTE_SUB_R1KH_ID:
			if (t.len != FTE_R1KH_ID_LEN)
				fte->malformed = 1;
			else if (fte->r1kh_id == NULL)
				fte->r1kh_id = t.body;
			break;
		case FTE_SUB_R0KH_ID:
			if (t.len < 1 || t.len > FTE_R0KH_ID_MAX)
				fte->malformed = 1;
			else if (fte->r0kh_id == NULL) {
				fte->r0kh_id = t.body;
				fte->r0kh_id_len = (uint8_t)t.len;
			}
			break;
		case FTE_SUB_GTK:
			if (fte->gtk == NULL) {
				fte->gtk = t.body;
				fte->gtk_len = (uint8_t)t.len;
			}
			break;
		case FTE_SUB_IGTK:
			if (fte->igtk == NULL) {
				fte->igtk = t.body;
				fte->igtk_len = (uint8_t)t.len;
			}
			break;
		case FTE_SUB_OCI:
			if (fte->oci == NULL) {
				fte->oci = t.body;
				fte->oci_len = (uint8_t)t.len;
			}
			break;
		case FTE_SUB_BIGTK:
			if (fte->bigtk == NULL) {
				fte->bigtk = t.body;
				fte->bigtk_len = (uint8_t)t.len;
			}
			break;
		default:
			break;	/* counted only */
		}
	}
	if (d11_tlv_left(&it) != 0)
		goto bad;	/* overran, or one stray byte */
	return (fte->malformed ? -1 : 0);

bad:
	fte->malformed = 1;
	return (-1);
}

int
d11_parse_neighbor(const uint8_t *body, size_t len, struct d11_neighbor *nb)
{
	struct d11_tlv_iter	 it;
	struct d11_tlv		 t;

	nb->bssid = NULL;
	nb->bssid_info = 0;
	nb->op_class = nb->channel = nb->phy_type = 0;
	nb->preference = -1;
	if (len < NEIGHBOR_FIXED)
		return (-1);
	nb->bssid = body;
	nb->bssid_info = d11_le32(body + 6);
	nb->op_class = body[10];
	nb->channel = body[11];
	nb->phy_type = body[12];

	D11_FOR_EACH_SUB(it, t, body + NEIGHBOR_FIXED, len - NEIGHBOR_FIXED) {
		if (t.id == NR_SUB_CAND_PREF) {
			if (t.len < 1)
				return (-1);
			if (nb->preference < 0)
				nb->preference = t.body[0];
		}
	}
	return (d11_tlv_left(&it) == 0 ? 0 : -1);
}

/* Element ID -> once-only bit, or -1 when the element may repeat. */
static inline int
once_bit(uint8_t id)
{
	switch (id) {
	case D11_EID_SSID:
		return (SEEN_SSID);
	case D11_EID_SUPP_RATES:
		return (SEEN_SUPP_RATES);
	case D11_EID_DS_PARAMS:
		return (SEEN_DS);
	case D11_EID_RSN:
		return (SEEN_RSN);
	case D11_EID_MDE:
		return (SEEN_MDE);
	case D11_EID_FTE:
		return (SEEN_FTE);
	case D11_EID_TIMEOUT:
		return (SEEN_TIMEOUT);
	case D11_EID_RM_ENABLED:
		return (SEEN_RM);
	case D11_EID_EXT_CAPAB:
		return (SEEN_EXT_CAPAB);
	case D11_EID_HT_CAP:
		return (SEEN_HT);
	case D11_EID_VHT_CAP:
		return (SEEN_VHT);
	}
	return (-1);
}

/* Mark a once-only element seen; false when it was already (a duplicate). */
static inline bool
first_seen(uint32_t *seen, int bit, struct d11_elems *e)
{
	if (*seen & (1U << bit)) {
		if (e->n_duplicate < UINT16_MAX)
			e->n_duplicate++;
		return (false);
	}
	*seen |= 1U << bit;
	return (true);
}

static inline void
bad_elem(struct d11_elems *e)
{
	if (e->n_malformed < UINT16_MAX)
		e->n_malformed++;
}

static void
parse_vendor(const uint8_t *p, uint8_t l, uint32_t *seen,
    struct d11_elems *e)
{
	uint32_t	 oui;

	if (l < 3) {
		bad_elem(e);
		return;
	}
	oui = ((uint32_t)p[0] << 16) | ((uint32_t)p[1] << 8) | p[2];
	if (oui != D11_OUI_MS || l < 4)
		return;
	switch (p[3]) {
	case 1:		/* WPA1 */
		if (!first_seen(seen, SEEN_WPA, e))
			return;
		e->wpa_ie = p + 4;
		e->wpa_ie_len = (uint8_t)(l - 4);
		if (parse_rsne(p + 4, l - 4, &e->wpa, true) != 0)
			bad_elem(e);
		break;
	case 2:		/* WMM / WME: information or parameter element */
		if (first_seen(seen, SEEN_WMM, e))
			e->has_wmm = 1;
		break;
	}
}

static void
parse_ext(const struct d11_tlv *t, const uint8_t *buf, size_t len,
    enum d11_prof prof, uint32_t *seen, struct d11_elems *e)
{
	if (!t->has_ext) {
		bad_elem(e);
		return;
	}
	switch (t->ext) {
	case D11_EXT_HE_CAP:
		if (!first_seen(seen, SEEN_HE, e))
			return;
		if (t->len < HE_CAP_MIN)
			bad_elem(e);
		else {
			e->has_he = 1;
			e->he_phy0 = t->body[HE_CAP_PHY];
		}
		break;
	case D11_EXT_EHT_CAP:
		if (!first_seen(seen, SEEN_EHT, e))
			return;
		if (t->len < EHT_CAP_MIN)
			bad_elem(e);
		else {
			/* Decoded after the walk: its size depends on the
			 * HE Capabilities, which may come later. */
			e->has_eht = 1;
			e->eht_cap_ie = t->body;
			e->eht_cap_ie_len = (uint8_t)t->len;
		}
		break;
	case D11_EXT_EHT_OP:
		if (!first_seen(seen, SEEN_EHT_OP, e))
			return;
		if (d11_parse_eht_op(t->body, t->len, &e->eht_op) != 0)
			bad_elem(e);
		else
			e->has_eht_op = 1;
		break;
	case D11_EXT_ML:
		d11_parse_ml(t, buf, len, prof, e);
		break;
	}
}

/*
 * Zero what the walker may set.  The neighbor array is only read up to
 * n_neighbors, so it is skipped.
 */
static inline void
elems_clear(struct d11_elems *e)
{
	d11_zero(e, offsetof(struct d11_elems, neighbors));
	d11_zero(&e->rm_enabled, sizeof(*e) -
	    offsetof(struct d11_elems, rm_enabled));
	e->ds_channel = -1;
}

void
d11_parse_elems(const uint8_t *buf, size_t len, uint32_t akm_hint,
    struct d11_elems *e)
{
	d11_parse_elems_prof(buf, len, akm_hint, D11_PROF_ELEMS, e);
}

void
d11_parse_elems_prof(const uint8_t *buf, size_t len, uint32_t akm_hint,
    enum d11_prof prof, struct d11_elems *e)
{
	struct d11_tlv_iter	 it;
	struct d11_tlv		 t;
	const uint8_t		*p;
	uint32_t		 seen = 0, akm;
	uint8_t			 l;
	int			 bit;

	elems_clear(e);

	D11_FOR_EACH_ELEM(it, t, buf, len) {
		p = t.body;
		l = (uint8_t)t.len;
		if (e->n_elems < UINT16_MAX)
			e->n_elems++;

		bit = once_bit(t.id);
		if (bit >= 0 && !first_seen(&seen, bit, e))
			continue;	/* keep the first */

		switch (t.id) {
		case D11_EID_SSID:
			if (l > SSID_MAX) {
				bad_elem(e);
				break;
			}
			e->ssid = p;
			e->ssid_len = l;
			break;
		case D11_EID_SUPP_RATES:
			if (l < 1)
				bad_elem(e);
			else
				e->has_supp_rates = 1;
			break;
		case D11_EID_DS_PARAMS:
			if (l < 1)
				bad_elem(e);
			else
				e->ds_channel = p[0];
			break;
		case D11_EID_RSN:
			e->rsn_ie = p;
			e->rsn_ie_len = l;
			if (parse_rsne(p, l, &e->rsn, false) != 0)
				bad_elem(e);
			break;
		case D11_EID_MDE:
			if (l < MDE_LEN) {
				bad_elem(e);
				break;
			}
			e->has_mde = true;
			e->mde.mdid[0] = p[0];
			e->mde.mdid[1] = p[1];
			e->mde.ft_capab = p[2];
			break;
		case D11_EID_FTE:
			/* Decoded after the walk, once the RSNE's AKM is known. */
			e->fte_ie = p;
			e->fte_ie_len = l;
			break;
		case D11_EID_TIMEOUT:
			if (l < TIMEOUT_LEN) {
				bad_elem(e);
				break;
			}
			e->has_timeout = true;
			e->timeout_type = p[0];
			e->timeout_value = d11_le32(p + 1);
			break;
		case D11_EID_RIC_DATA:
			if (e->n_ric_data < UINT8_MAX)
				e->n_ric_data++;
			break;
		case D11_EID_NEIGHBOR: {
			struct d11_neighbor	 nb, *dst;

			dst = e->n_neighbors < D11_MAX_NEIGHBORS ?
			    &e->neighbors[e->n_neighbors] : &nb;
			if (d11_parse_neighbor(p, l, dst) != 0)
				bad_elem(e);
			if (dst->bssid != NULL && e->n_neighbors < UINT8_MAX)
				e->n_neighbors++;
			break;
		}
		case D11_EID_RM_ENABLED:
			if (l < RM_ENABLED_LEN) {
				bad_elem(e);
				break;
			}
			e->rm_enabled = p;
			e->rm_enabled_len = l;
			break;
		case D11_EID_EXT_CAPAB:
			if (l < 1) {
				bad_elem(e);
				break;
			}
			e->ext_capab = p;
			e->ext_capab_len = l;
			break;
		case D11_EID_HT_CAP:
			if (l < HT_CAP_LEN)
				bad_elem(e);
			else
				e->has_ht = 1;
			break;
		case D11_EID_VHT_CAP:
			if (l < VHT_CAP_LEN)
				bad_elem(e);
			else
				e->has_vht = 1;
			break;
		case D11_EID_VENDOR:
			parse_vendor(p, l, &seen, e);
			break;
		case D11_EID_EXTENSION:
			parse_ext(&t, buf, len, prof, &seen, e);
			break;
		case D11_EID_RNR:
			d11_parse_rnr(p, l, e);
			break;
		case D11_EID_FRAGMENT:
			break;	/* joined with the element it continues */
		default:
			break;
		}
	}
	/* An element overran the body: nothing after it can be found. */
	if (d11_tlv_left(&it) != 0)
		bad_elem(e);

	/*
	 * The EHT-MCS map's size hangs on the HE Capabilities and on who sent
	 * the frame; a map that does not fit is left out (mcs_nss NULL) but,
	 * as hostapd, only an element short of its fixed fields is malformed.
	 */
	if (e->has_eht)
		(void)d11_parse_eht_cap(e->eht_cap_ie, e->eht_cap_ie_len,
		    e->he_phy0, &e->eht_cap);
	if (e->fte_ie != NULL) {
		akm = akm_hint;
		if (e->rsn.n_akm > 0)
			akm = d11_suite(e->rsn.akm);
		if (d11_parse_fte(e->fte_ie, e->fte_ie_len, akm, &e->fte) != 0)
			bad_elem(e);
	}
}

bool
d11_elems_rm_neighbor_report(const struct d11_elems *e)
{
	return (e->rm_enabled != NULL && e->rm_enabled_len >= 1 &&
	    (e->rm_enabled[0] & 0x02) != 0);
}

bool
d11_elems_bss_transition(const struct d11_elems *e)
{
	return (e->ext_capab != NULL && e->ext_capab_len >= 3 &&
	    (e->ext_capab[2] & 0x08) != 0);
}
