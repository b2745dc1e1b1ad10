/*
 * mlo.c -- Wi-Fi 7 elements, IEEE 802.11be-2024 clause 9.4.2: the
 * Multi-Link element (Basic, Probe Request, Reconfiguration, TDLS and
 * Priority Access variants) with its per-STA profiles, their inheritance of
 * the reporting frame's elements and the Non-Inheritance element; element
 * fragmentation (Fragment elements after an element of 255 octets) and
 * subelement fragmentation inside the Multi-Link element; EHT Capabilities,
 * EHT Operation, and the Reduced Neighbor Report with its MLD Parameters.
 *
 * A fragmented element is joined into a buffer on the stack, decoded and
 * forgotten: what the frame keeps are values, plus offsets into the joined
 * content that d11_ml_at() maps back to the frame's own bytes.  Everything
 * read is untrusted: each field is checked against the octets that are
 * really there; one that does not fit is left absent and the element is
 * counted malformed.
 */
#include <string.h>

#include "dot11.h"

#define MAC_LEN			6
#define FRAG_FULL		255	/* a TLV this long may be continued */
#define JOIN_MAX		4096	/* joined content kept; longer is cut */

#define HE_OP_FIXED		6	/* parameters, BSS color, basic MCS */
#define HE_OP_VHT_INFO		0x004000	/* in the 24-bit parameters */
#define HE_OP_COHOSTED		0x008000
#define HE_OP_6GHZ_INFO		0x020000
#define HE_OP_VHT_INFO_LEN	3
#define HE_OP_COHOSTED_LEN	1
#define HE_OP_6GHZ_INFO_LEN	5
#define HE_PHY0_40_2G		0x02	/* HE PHY octet 0, channel widths */
#define HE_PHY0_40_80_5G	0x04
#define HE_PHY0_160_5G		0x08

#define EHT_CAP_FIXED		(2 + 9)	/* MAC, PHY capabilities */
#define EHT_OP_FIXED		(1 + 4)	/* parameters, basic MCS and NSS */
#define EHT_OP_INFO_LEN		3
#define EHT_OP_DISABLED_LEN	2

#define RNR_AP_HDR		4	/* TBTT header, op class, channel */
#define RNR_MLD_LEN		3

static inline void
bad(struct d11_elems *e)
{
	if (e->n_malformed < UINT16_MAX)
		e->n_malformed++;
}

/*
 * The content of a TLV and of the TLVs with ID frag that continue it: a
 * TLV of 255 octets is continued by the next one when that has the
 * fragment ID, and so on while each is 255 octets long.  t is a TLV of the
 * walk over (.., end); skip octets of its body (the Element ID Extension)
 * are not content.  *out points at the content: into the buffer itself
 * when nothing follows, else into buf (cap octets; more is cut, *cut set).
 * *n_frags counts the fragments joined and *span the octets that the TLV
 * and its fragments occupy.
 */
static size_t
join(const uint8_t *hdr, const uint8_t *end, uint8_t frag, size_t skip,
    uint8_t *buf, size_t cap, const uint8_t **out, uint8_t *n_frags,
    size_t *span, bool *cut)
{
	const uint8_t	*p;
	size_t		 n, flen, take;

	*n_frags = 0;
	*cut = false;
	flen = hdr[1];
	p = hdr + 2 + flen;
	*span = 2 + flen;
	*out = hdr + 2 + skip;
	n = flen - skip;
	if (flen < FRAG_FULL || end - p < 2 || p[0] != frag)
		return (n);

	memcpy(buf, hdr + 2 + skip, n);
	while (flen == FRAG_FULL && end - p >= 2 && p[0] == frag &&
	    p[1] <= end - p - 2) {
		flen = p[1];
		take = n + flen <= cap ? flen : cap - n;
		if (take < flen)
			*cut = true;
		memcpy(buf + n, p + 2, take);
		n += take;
		if (*n_frags < UINT8_MAX)
			(*n_frags)++;
		*span += 2 + flen;
		p += 2 + flen;
	}
	*out = buf;
	return (n);
}

/* Append an element to an ID list (exact counts, first ones kept). */
static void
idlist_add(struct d11_idlist *l, const struct d11_tlv *t)
{
	if (t->has_ext) {
		if (l->n_ext < D11_ML_MAX_EXT)
			l->ext[l->n_ext] = t->ext;
		if (l->n_ext < UINT8_MAX)
			l->n_ext++;
	} else {
		if (l->n_ids < D11_ML_MAX_IDS)
			l->ids[l->n_ids] = t->id;
		if (l->n_ids < UINT8_MAX)
			l->n_ids++;
	}
}

static bool
in_list(const uint8_t *list, size_t n, uint8_t v)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (list[i] == v)
			return (true);
	return (false);
}

/* Whether list (as kept) names the element t. */
static bool
idlist_has(const struct d11_idlist *l, const struct d11_tlv *t)
{
	if (t->has_ext)
		return (in_list(l->ext, l->n_ext < D11_ML_MAX_EXT ? l->n_ext :
		    D11_ML_MAX_EXT, t->ext));
	return (in_list(l->ids, l->n_ids < D11_ML_MAX_IDS ? l->n_ids :
	    D11_ML_MAX_IDS, t->id));
}

/*
 * Non-Inheritance element body (after its Element ID Extension): a list
 * length and Element IDs, then a list length and Element ID Extensions.
 */
static int
parse_noninh(const uint8_t *p, size_t len, struct d11_ml_sta *s)
{
	size_t	 n, m, i;

	if (len < 2 || (n = p[0]) > len - 2 || (m = p[1 + n]) > len - 2 - n)
		return (-1);
	s->has_noninh = 1;
	s->n_noninh_ids = (uint8_t)n;
	s->n_noninh_ext = (uint8_t)m;
	for (i = 0; i < n && i < D11_ML_MAX_NONINH; i++)
		s->noninh_ids[i] = p[1 + i];
	for (i = 0; i < m && i < D11_ML_MAX_NONINH; i++)
		s->noninh_ext[i] = p[2 + n + i];
	return (0);
}

/* The 6 GHz Operation Information's primary channel of an HE Operation
 * element body (after the extension ID), or -1. */
static int
he_op_6ghz_channel(const uint8_t *p, size_t len)
{
	uint32_t	 params;
	size_t		 off = HE_OP_FIXED;

	if (len < HE_OP_FIXED)
		return (-1);
	params = (uint32_t)p[0] | ((uint32_t)p[1] << 8) |
	    ((uint32_t)p[2] << 16);
	if (!(params & HE_OP_6GHZ_INFO))
		return (-1);
	if (params & HE_OP_VHT_INFO)
		off += HE_OP_VHT_INFO_LEN;
	if (params & HE_OP_COHOSTED)
		off += HE_OP_COHOSTED_LEN;
	if (len < off + HE_OP_6GHZ_INFO_LEN)
		return (-1);
	return (p[off]);
}

/*
 * The elements of a per-STA profile: their IDs, the Non-Inheritance
 * element, and what the engine takes from them (primary channel, AKM).
 * Returns -1 when one is malformed or overruns the profile.
 */
static int
sta_elems(const uint8_t *p, size_t len, struct d11_ml_sta *s)
{
	struct d11_tlv_iter	 it;
	struct d11_tlv		 t;
	struct d11_rsne		 rsn;
	int			 rv = 0, ds = -1, ht = -1, he = -1;

	D11_FOR_EACH_ELEM(it, t, p, len) {
		idlist_add(&s->elems, &t);
		switch (t.id) {
		case D11_EID_DS_PARAMS:
			if (t.len >= 1 && ds < 0)
				ds = t.body[0];
			break;
		case D11_EID_HT_OP:
			if (t.len >= 1 && ht < 0)
				ht = t.body[0];
			break;
		case D11_EID_RSN:
			if (s->has_rsn)
				break;
			s->has_rsn = 1;
			if (d11_parse_rsne(t.body, t.len, &rsn) != 0)
				rv = -1;
			if (rsn.has_akm && rsn.n_akm > 0)
				s->akm = d11_suite(rsn.akm);
			break;
		case D11_EID_EXTENSION:
			if (!t.has_ext)
				rv = -1;
			else if (t.ext == D11_EXT_NON_INHERIT) {
				if (!s->has_noninh &&
				    parse_noninh(t.body, t.len, s) != 0)
					rv = -1;
			} else if (t.ext == D11_EXT_HE_OP && he < 0)
				he = he_op_6ghz_channel(t.body, t.len);
			break;
		}
	}
	if (d11_tlv_left(&it) != 0)
		rv = -1;
	s->channel = (int16_t)(ds >= 0 ? ds : ht >= 0 ? ht : he);
	return (rv);
}

/* Whether the elements (p, len) hold one with t's ID (and extension). */
static bool
elems_have(const uint8_t *p, size_t len, const struct d11_tlv *t)
{
	struct d11_tlv_iter	 it;
	struct d11_tlv		 u;

	D11_FOR_EACH_ELEM(it, u, p, len)
		if (u.id == t->id && u.has_ext == t->has_ext &&
		    u.ext == t->ext)
			return (true);
	return (false);
}

/* Whether the Non-Inheritance element among (p, len) lists t. */
static bool
non_inherited(const uint8_t *p, size_t len, const struct d11_tlv *t)
{
	struct d11_tlv_iter	 it;
	struct d11_tlv		 u;
	size_t			 n, m;

	D11_FOR_EACH_ELEM(it, u, p, len) {
		if (!u.has_ext || u.ext != D11_EXT_NON_INHERIT)
			continue;
		if (u.len < 2 || (n = u.body[0]) > u.len - 2 ||
		    (m = u.body[1 + n]) > u.len - 2 - n)
			return (false);		/* malformed: lists nothing */
		if (t->has_ext)
			return (in_list(u.body + 2 + n, m, t->ext));
		return (in_list(u.body + 1, n, t->id));
	}
	return (false);
}

/*
 * Inheritance of a per-STA profile, as hostapd and mac80211 apply it: the
 * reported STA takes every element of the reporting frame (outer) that its
 * per-STA profile's elements (p, len) do not carry themselves and that the
 * profile's Non-Inheritance element does not list.  The Multi-Link,
 * Fragment and Non-Inheritance elements describe the frame, not a STA, and
 * are left out.
 */
static void
inherit(const uint8_t *outer, size_t olen, const uint8_t *p, size_t len,
    struct d11_ml_sta *s)
{
	struct d11_tlv_iter	 it;
	struct d11_tlv		 t;

	D11_FOR_EACH_ELEM(it, t, outer, olen) {
		if (t.id == D11_EID_FRAGMENT || (t.id == D11_EID_EXTENSION &&
		    (!t.has_ext || t.ext == D11_EXT_ML ||
		    t.ext == D11_EXT_NON_INHERIT)))
			continue;
		if (elems_have(p, len, &t) || non_inherited(p, len, &t) ||
		    idlist_has(&s->inherited, &t))
			continue;
		idlist_add(&s->inherited, &t);
	}
}

/*
 * A run of optional fields (the STA Info, the Common Info): n octets from
 * p, read from o on.  field() takes the next len octets when present says
 * the field is there; once one does not fit, nothing more is taken and bad
 * stays set.  Octets after the known fields are a later amendment's.
 */
struct run {
	const uint8_t	*p;
	size_t		 n, o;
	bool		 bad;
};

static const uint8_t *
field(struct run *r, bool present, size_t len)
{
	const uint8_t	*q;

	if (!present || r->bad)
		return (NULL);
	if (len > r->n - r->o) {
		r->bad = true;
		return (NULL);
	}
	q = r->p + r->o;
	r->o += len;
	return (q);
}

/* STA Info of a Basic per-STA profile (from its length octet). */
static int
basic_sta_info(const uint8_t *p, size_t n, struct d11_ml_sta *s)
{
	struct run	 r = { p, n, 1, false };
	uint16_t	 c = s->ctrl;
	const uint8_t	*q;
	bool		 nstr;

	if ((q = field(&r, c & D11_ML_STA_MAC, MAC_LEN)) != NULL) {
		memcpy(s->mac, q, MAC_LEN);
		s->has_mac = 1;
	}
	if ((q = field(&r, c & D11_ML_STA_BI, 2)) != NULL) {
		s->beacon_int = d11_le16(q);
		s->has_bi = 1;
	}
	if ((q = field(&r, c & D11_ML_STA_TSF, 8)) != NULL) {
		s->tsf_offset = d11_le64(q);
		s->has_tsf = 1;
	}
	if ((q = field(&r, c & D11_ML_STA_DTIM, 2)) != NULL) {
		s->dtim_count = q[0];
		s->dtim_period = q[1];
		s->has_dtim = 1;
	}
	/* The NSTR Indication Bitmap is only in a complete profile. */
	nstr = (c & D11_ML_STA_COMPLETE) && (c & D11_ML_STA_NSTR);
	if ((q = field(&r, nstr, c & D11_ML_STA_NSTR_WIDE ? 2 : 1)) != NULL) {
		s->nstr_bitmap = c & D11_ML_STA_NSTR_WIDE ? d11_le16(q) : q[0];
		s->has_nstr = 1;
	}
	if ((q = field(&r, c & D11_ML_STA_BPCC, 1)) != NULL) {
		s->bpcc = q[0];
		s->has_bpcc = 1;
	}
	return (r.bad ? -1 : 0);
}

/* STA Info of a Reconfiguration per-STA profile. */
static int
reconf_sta_info(const uint8_t *p, size_t n, struct d11_ml_sta *s)
{
	struct run	 r = { p, n, 1, false };
	uint16_t	 c = s->ctrl;
	const uint8_t	*q;

	if ((q = field(&r, c & D11_ML_STA_MAC, MAC_LEN)) != NULL) {
		memcpy(s->mac, q, MAC_LEN);
		s->has_mac = 1;
	}
	if ((q = field(&r, c & D11_ML_RSTA_TIMER, 2)) != NULL) {
		s->removal_timer = d11_le16(q);
		s->has_timer = 1;
	}
	if ((q = field(&r, c & D11_ML_RSTA_OP_PARAMS,
	    D11_ML_RSTA_OP_PARAMS_LEN)) != NULL) {
		memcpy(s->op_params, q, D11_ML_RSTA_OP_PARAMS_LEN);
		s->has_op_params = 1;
	}
	if ((q = field(&r, c & D11_ML_RSTA_NSTR, c & D11_ML_RSTA_NSTR_WIDE ?
	    2 : 1)) != NULL) {
		s->nstr_bitmap = c & D11_ML_RSTA_NSTR_WIDE ? d11_le16(q) :
		    q[0];
		s->has_nstr = 1;
	}
	return (r.bad ? -1 : 0);
}

/*
 * One per-STA profile body (p, n): STA Control, STA Info (Basic and
 * Reconfiguration), the fixed fields prof says the frame puts there, then
 * elements.  Probe Request and Priority Access profiles have no STA Info.
 */
static int
parse_sta(const uint8_t *p, size_t n, uint8_t type, enum d11_prof prof,
    struct d11_ml_sta *s, size_t *eoff)
{
	size_t	 o, fixed = 0;

	*eoff = n;
	if (n < 2)
		return (-1);
	s->ctrl = d11_le16(p);
	s->link_id = (uint8_t)(s->ctrl & D11_ML_STA_LINK_ID);
	s->complete = (s->ctrl & D11_ML_STA_COMPLETE) != 0;
	o = 2;
	switch (type) {
	case D11_ML_BASIC:
	case D11_ML_RECONF:
		if (n < 3)
			return (-1);
		s->info_len = p[2];
		if (s->info_len < 1 || s->info_len > n - 2)
			return (-1);	/* the length lies */
		if (type == D11_ML_RECONF) {
			s->reconf_op = (uint8_t)((s->ctrl &
			    D11_ML_RSTA_OP_MASK) >> D11_ML_RSTA_OP_SHIFT);
			if (reconf_sta_info(p + 2, s->info_len, s) != 0)
				return (-1);
		} else if (basic_sta_info(p + 2, s->info_len, s) != 0)
			return (-1);
		o += s->info_len;
		/* A Reconfiguration profile carries the frame's fixed
		 * fields only when it is a complete one (adding a link). */
		if (type == D11_ML_BASIC || s->complete)
			fixed = prof == D11_PROF_CAPAB ? 2 :
			    prof == D11_PROF_CAPAB_STATUS ? 4 : 0;
		break;
	default:
		break;
	}
	if (o == n)
		return (0);		/* no STA Profile */
	*eoff = o;
	if (fixed > 0) {
		if (n - o < fixed)
			return (-1);
		s->capab = d11_le16(p + o);
		s->has_capab = 1;
		if (fixed == 4) {
			s->status = d11_le16(p + o + 2);
			s->has_status = 1;
		}
		o += fixed;
		*eoff = o;
	}
	return (sta_elems(p + o, n - o, s));
}

/*
 * Common Info of each variant, from its length octet (n octets), in the
 * order of the presence bits (the Link Info starts after n).
 */
static int
basic_common(const uint8_t *p, size_t n, struct d11_ml *m)
{
	struct run	 r = { p, n, 1, false };
	uint16_t	 c = m->ctrl;
	const uint8_t	*q;

	if ((q = field(&r, true, MAC_LEN)) != NULL) {
		memcpy(m->mld_addr, q, MAC_LEN);
		m->has_mld_addr = 1;
	}
	if ((q = field(&r, c & D11_ML_BASIC_LINK_ID, 1)) != NULL) {
		m->link_id_info = q[0];
		m->has_link_id = 1;
	}
	if ((q = field(&r, c & D11_ML_BASIC_BPCC, 1)) != NULL) {
		m->bpcc = q[0];
		m->has_bpcc = 1;
	}
	if ((q = field(&r, c & D11_ML_BASIC_MSD, 2)) != NULL) {
		m->msd = d11_le16(q);
		m->has_msd = 1;
	}
	if ((q = field(&r, c & D11_ML_BASIC_EML, 2)) != NULL) {
		m->eml_capa = d11_le16(q);
		m->has_eml = 1;
	}
	if ((q = field(&r, c & D11_ML_BASIC_MLD_CAPA, 2)) != NULL) {
		m->mld_capa = d11_le16(q);
		m->has_mld_capa = 1;
	}
	if ((q = field(&r, c & D11_ML_BASIC_MLD_ID, 1)) != NULL) {
		m->ap_mld_id = q[0];
		m->has_mld_id = 1;
	}
	if ((q = field(&r, c & D11_ML_BASIC_EXT_CAPA, 2)) != NULL) {
		m->ext_mld_capa = d11_le16(q);
		m->has_ext_capa = 1;
	}
	return (r.bad ? -1 : 0);
}

static int
reconf_common(const uint8_t *p, size_t n, struct d11_ml *m)
{
	struct run	 r = { p, n, 1, false };
	uint16_t	 c = m->ctrl;
	const uint8_t	*q;

	if ((q = field(&r, c & D11_ML_RECONF_MLD_ADDR, MAC_LEN)) != NULL) {
		memcpy(m->mld_addr, q, MAC_LEN);
		m->has_mld_addr = 1;
	}
	if ((q = field(&r, c & D11_ML_RECONF_EML, 2)) != NULL) {
		m->eml_capa = d11_le16(q);
		m->has_eml = 1;
	}
	if ((q = field(&r, c & D11_ML_RECONF_MLD_CAPA, 2)) != NULL) {
		m->mld_capa = d11_le16(q);
		m->has_mld_capa = 1;
	}
	if ((q = field(&r, c & D11_ML_RECONF_EXT_CAPA, 2)) != NULL) {
		m->ext_mld_capa = d11_le16(q);
		m->has_ext_capa = 1;
	}
	return (r.bad ? -1 : 0);
}

static int
common_info(const uint8_t *p, size_t n, struct d11_ml *m)
{
	switch (m->type) {
	case D11_ML_BASIC:
		return (basic_common(p, n, m));
	case D11_ML_PREQ:
		if (m->ctrl & D11_ML_PREQ_MLD_ID) {
			if (n < 2)
				return (-1);
			m->ap_mld_id = p[1];
			m->has_mld_id = 1;
		}
		return (0);
	case D11_ML_RECONF:
		return (reconf_common(p, n, m));
	case D11_ML_TDLS:
		if (n < 1 + MAC_LEN)
			return (-1);
		memcpy(m->mld_addr, p + 1, MAC_LEN);	/* AP MLD */
		m->has_mld_addr = 1;
		return (0);
	case D11_ML_PRIO:
		if (m->ctrl & D11_ML_PRIO_MLD_ADDR) {
			if (n < 1 + MAC_LEN)
				return (-1);
			memcpy(m->mld_addr, p + 1, MAC_LEN);
			m->has_mld_addr = 1;
		}
		return (0);
	}
	return (0);		/* a reserved type: nothing known inside */
}

/*
 * The Link Info subelements of a Multi-Link element's content c (clen
 * octets, link info from offset o).  Per-STA profiles continued by
 * Fragment subelements are joined on the stack.
 */
static int
link_info(const uint8_t *c, size_t clen, size_t o, const uint8_t *outer,
    size_t olen, enum d11_prof prof, struct d11_ml *m, struct d11_elems *e)
{
	uint8_t			 buf[JOIN_MAX];
	struct d11_tlv_iter	 it;
	struct d11_tlv		 t;
	struct d11_ml_sta	*s, scratch;
	const uint8_t		*body;
	size_t			 n, span, eoff;
	uint8_t			 nf;
	bool			 cut;
	int			 rv = 0;

	m->first_sta = e->n_ml_sta;
	D11_FOR_EACH_SUB(it, t, c + o, clen - o) {
		if (t.id == D11_ML_SUB_FRAGMENT)
			continue;	/* joined with the subelement before */
		if (t.id != D11_ML_SUB_PROFILE) {
			if (m->n_sub_other < UINT8_MAX)
				m->n_sub_other++;
			continue;
		}
		n = join(t.hdr, c + clen, D11_ML_SUB_FRAGMENT, 0, buf,
		    sizeof(buf), &body, &nf, &span, &cut);
		s = e->n_ml_sta < D11_ML_MAX_STA ? &e->ml_sta[e->n_ml_sta] :
		    &scratch;
		memset(s, 0, sizeof(*s));
		s->channel = -1;
		s->n_frags = nf;
		s->off = (uint16_t)(t.hdr - c);
		s->len = (uint16_t)n;
		if (parse_sta(body, n, m->type, prof, s, &eoff) != 0 || cut) {
			s->malformed = 1;
			rv = -1;
		}
		/* Only a complete profile stands for the whole STA. */
		if (s->complete && !s->malformed && m->type != D11_ML_PREQ)
			inherit(outer, olen, body + eoff, n - eoff, s);
		if (s != &scratch)
			e->n_ml_sta++;
		if (m->n_sta < UINT8_MAX)
			m->n_sta++;
	}
	if (d11_tlv_left(&it) != 0)
		rv = -1;
	return (rv);
}

/*
 * A Multi-Link element: t is its TLV in the walk over the frame's elements
 * (outer, olen); the Fragment elements after it are joined.
 */
void
d11_parse_ml(const struct d11_tlv *t, const uint8_t *outer, size_t olen,
    enum d11_prof prof, struct d11_elems *e)
{
	const uint8_t	*end = outer + olen;
	uint8_t		 buf[JOIN_MAX];
	const uint8_t	*c;
	struct d11_ml	*m, tmp;
	size_t		 n, span;
	uint8_t		 nf, type;
	uint16_t	 ctrl;
	bool		 cut;

	n = join(t->hdr, end, D11_EID_FRAGMENT, 1, buf, sizeof(buf), &c, &nf,
	    &span, &cut);
	if (n < 2) {
		bad(e);
		return;
	}
	ctrl = d11_le16(c);
	type = (uint8_t)(ctrl & D11_ML_TYPE_MASK);
	if (type == D11_ML_RECONF) {
		m = e->has_ml_reconf ? &tmp : &e->ml_reconf;
		e->has_ml_reconf = 1;
	} else {
		m = e->has_ml ? &tmp : &e->ml;
		e->has_ml = 1;
	}
	if (m == &tmp) {
		if (e->n_duplicate < UINT16_MAX)
			e->n_duplicate++;
		return;		/* keep the first */
	}
	memset(m, 0, sizeof(*m));
	m->hdr = t->hdr;
	m->span = (uint16_t)(span < UINT16_MAX ? span : UINT16_MAX);
	m->len = (uint16_t)n;
	m->n_frags = nf;
	m->ctrl = ctrl;
	m->type = type;
	m->cut = cut;
	m->first_sta = e->n_ml_sta;
	if (type > D11_ML_PRIO)
		return;		/* reserved: its layout is unknown */
	if (n < 3 || (m->common_len = c[2]) < 1 || m->common_len > n - 2 ||
	    common_info(c + 2, m->common_len, m) != 0 ||
	    link_info(c, n, 2 + (size_t)m->common_len, outer, olen, prof, m,
	    e) != 0 ||
	    cut) {
		m->malformed = 1;
		bad(e);
	}
}

/* Map an offset in ml's joined content to the frame, when the n octets
 * there are contiguous in it (they are, unless they straddle fragments). */
const uint8_t *
d11_ml_at(const struct d11_ml *ml, size_t off, size_t n)
{
	const uint8_t	*q;
	size_t		 flen;
	unsigned	 i;

	if (ml->hdr == NULL || off + n > ml->len)
		return (NULL);
	flen = (size_t)ml->hdr[1] - 1;		/* after the extension ID */
	if (off < flen)
		return (off + n <= flen ? ml->hdr + 3 + off : NULL);
	off -= flen;
	q = ml->hdr + 2 + ml->hdr[1];
	for (i = 0; i < ml->n_frags; i++) {
		flen = q[1];
		if (off < flen)
			return (off + n <= flen ? q + 2 + off : NULL);
		off -= flen;
		q += 2 + flen;
	}
	return (NULL);
}

/* The same for an offset in a per-STA profile's joined body. */
const uint8_t *
d11_ml_sta_at(const struct d11_ml *ml, const struct d11_ml_sta *s,
    size_t off, size_t n)
{
	const uint8_t	*h;
	size_t		 pos = s->off, flen;
	unsigned	 i;

	for (i = 0; i <= s->n_frags; i++) {
		if ((h = d11_ml_at(ml, pos, 2)) == NULL)
			return (NULL);
		flen = h[1];
		if (off < flen)
			return (off + n <= flen ?
			    d11_ml_at(ml, pos + 2 + off, n) : NULL);
		off -= flen;
		pos += 2 + flen;
	}
	return (NULL);
}

const struct d11_ml_sta *
d11_ml_profile(const struct d11_elems *e, const struct d11_ml *ml,
    unsigned i)
{
	unsigned	 kept;

	kept = ml->n_sta;
	if ((unsigned)ml->first_sta + kept > e->n_ml_sta)
		kept = e->n_ml_sta > ml->first_sta ?
		    e->n_ml_sta - ml->first_sta : 0;
	if (i >= kept)
		return (NULL);
	return (&e->ml_sta[ml->first_sta + i]);
}

/*
 * EHT Capabilities body (after the extension ID).  The Supported EHT-MCS
 * And NSS Set has one 3-octet map per width the HE Capabilities say is
 * supported (he_phy0: HE PHY Capabilities octet 0) plus 320 MHz; a
 * 20 MHz-only non-AP STA sends the 4-octet map, an AP the 3-octet one,
 * told apart here by the octets there are.
 */
int
d11_parse_eht_cap(const uint8_t *p, size_t len, uint8_t he_phy0,
    struct d11_eht_cap *c)
{
	size_t	 need;

	memset(c, 0, sizeof(*c));
	if (len < EHT_CAP_FIXED)
		return (-1);
	c->mac_capa = d11_le16(p);
	c->phy_capa = p + 2;
	c->ppe = (c->phy_capa[5] & D11_EHT_PHY5_PPE) != 0;
	if (he_phy0 & HE_PHY0_40_2G)
		need = D11_EHT_MCS_PER_BW;
	else {
		need = 0;
		if (he_phy0 & HE_PHY0_40_80_5G)
			need += D11_EHT_MCS_PER_BW;
		if (he_phy0 & HE_PHY0_160_5G)
			need += D11_EHT_MCS_PER_BW;
		if (c->phy_capa[0] & D11_EHT_PHY0_320MHZ)
			need += D11_EHT_MCS_PER_BW;
		if (need == 0)
			need = len - EHT_CAP_FIXED >= D11_EHT_MCS_20ONLY &&
			    (c->ppe || len - EHT_CAP_FIXED ==
			    D11_EHT_MCS_20ONLY) ? D11_EHT_MCS_20ONLY :
			    D11_EHT_MCS_PER_BW;
	}
	if (len - EHT_CAP_FIXED < need)
		return (-1);	/* the map does not fit: left out */
	/* PPE Thresholds, when present, fill the rest. */
	if (c->ppe && len - EHT_CAP_FIXED == need)
		return (-1);
	c->mcs_nss = p + EHT_CAP_FIXED;
	c->mcs_nss_len = (uint8_t)need;
	return (0);
}

int
d11_parse_eht_op(const uint8_t *p, size_t len, struct d11_eht_op *o)
{
	memset(o, 0, sizeof(*o));
	if (len < EHT_OP_FIXED)
		return (-1);
	o->params = p[0];
	o->basic_mcs_nss = d11_le32(p + 1);
	if (!(o->params & D11_EHT_OP_INFO))
		return (0);
	if (len < EHT_OP_FIXED + EHT_OP_INFO_LEN)
		return (-1);
	o->has_info = true;
	o->width = p[5] & D11_EHT_OP_WIDTH_MASK;
	o->ccfs0 = p[6];
	o->ccfs1 = p[7];
	if (!(o->params & D11_EHT_OP_DISABLED))
		return (0);
	if (len < EHT_OP_FIXED + EHT_OP_INFO_LEN + EHT_OP_DISABLED_LEN)
		return (-1);
	o->has_disabled = true;
	o->disabled = d11_le16(p + EHT_OP_FIXED + EHT_OP_INFO_LEN);
	return (0);
}

/*
 * One TBTT Information field of type 0 (n octets), by its length, as
 * 802.11-2020 and 802.11be lay it out: TBTT offset, then BSSID (7 and
 * longer), Short SSID (5, 6, 11 and longer), BSS Parameters (2, 6, 8 and
 * longer), 20 MHz PSD (9, 13 and longer), MLD Parameters (16 and longer).
 * Lengths the table does not list (3, 4, 10) carry only the offset that
 * every layout starts with.
 */
static void
tbtt_info(const uint8_t *p, size_t n, struct d11_rnr *r)
{
	size_t	 o = 1;

	r->tbtt_offset = p[0];
	switch (n) {
	case 1:
		return;
	case 2:
	case 5:
	case 6:
		if (n >= 5) {
			r->short_ssid = d11_le32(p + 1);
			r->has_short_ssid = 1;
			o = 5;
		}
		if (n == 2 || n == 6) {
			r->bss_params = p[o];
			r->has_bss_params = 1;
		}
		return;
	case 7:
	case 8:
	case 9:
		r->has_bssid = 1;
		if (n >= 8) {
			r->bss_params = p[7];
			r->has_bss_params = 1;
		}
		if (n == 9) {
			r->psd = (int8_t)p[8];
			r->has_psd = 1;
		}
		return;
	case 3:
	case 4:
	case 10:
		r->unknown_len = 1;
		return;
	}
	/* 11 and longer: BSSID, Short SSID, then what the length holds. */
	r->has_bssid = 1;
	r->short_ssid = d11_le32(p + 7);
	r->has_short_ssid = 1;
	if (n >= 12) {
		r->bss_params = p[11];
		r->has_bss_params = 1;
	}
	if (n >= 13) {
		r->psd = (int8_t)p[12];
		r->has_psd = 1;
	}
	if (n >= 13 + RNR_MLD_LEN) {
		r->mld_id = p[13];
		r->link_id = p[14] & D11_ML_LINK_ID_MASK;
		r->bpcc = (uint8_t)((p[14] >> 4) | ((p[15] & 0x0f) << 4));
		r->all_updates = (p[15] & D11_RNR_MLD2_ALL_UPDATES) != 0;
		r->disabled = (p[15] & D11_RNR_MLD2_DISABLED) != 0;
		r->has_mld = 1;
	}
}

/* A Reduced Neighbor Report: Neighbor AP Information fields, each a
 * header and count TBTT Information fields. */
void
d11_parse_rnr(const uint8_t *p, size_t len, struct d11_elems *e)
{
	const uint8_t	*end = p + len;
	struct d11_rnr	*r, tmp;
	unsigned	 count, i;
	uint8_t		 hdr, n;

	e->has_rnr = 1;
	while (end - p >= RNR_AP_HDR) {
		hdr = p[0];
		n = p[1];
		count = (unsigned)(hdr >> D11_RNR_HDR_COUNT_SHIFT) + 1;
		if ((size_t)count * n > (size_t)(end - p - RNR_AP_HDR)) {
			bad(e);		/* the count or length lies */
			return;
		}
		for (i = 0; i < count; i++) {
			r = e->n_rnr < D11_MAX_RNR ? &e->rnr[e->n_rnr] : &tmp;
			memset(r, 0, sizeof(*r));
			r->tbtt = p + RNR_AP_HDR + (size_t)i * n;
			r->op_class = p[2];
			r->channel = p[3];
			r->info_type = hdr & D11_RNR_HDR_TYPE;
			r->info_len = n;
			r->filtered = (hdr & D11_RNR_HDR_FILTERED) != 0;
			if (r->info_type == 0 && n > 0)
				tbtt_info(r->tbtt, n, r);
			if (e->n_rnr < UINT8_MAX)
				e->n_rnr++;
		}
		p += RNR_AP_HDR + (size_t)count * n;
	}
	if (p != end)
		bad(e);			/* a cut Neighbor AP Information */
}
