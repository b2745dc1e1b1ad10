/*
 * mac.c -- the 802.11 MAC header, management fixed fields and the data
 * frame's LLC/SNAP, dispatching to the element walker, the action decoder
 * and the EAPOL decoder.
 *
 * The frame struct is large (the element table holds sixteen neighbours);
 * most frames on the air are data frames that never touch it.  So only the
 * header part is cleared for every frame, and the per-kind parts (elements,
 * action, EAPOL) are cleared by whoever fills them, and only for the kinds
 * that carry them.  The contract kept is: every field a caller may read for
 * the frame's kind is valid (has_elems says whether f->ie was filled).
 */
#include <stddef.h>
#include <string.h>

#include "dot11.h"

#define FC_TO_DS		0x0100
#define FC_FROM_DS		0x0200
#define FC_MORE_FRAG		0x0400
#define FC_RETRY		0x0800
#define FC_PWR_MGT		0x1000
#define FC_MORE_DATA		0x2000
#define FC_PROTECTED		0x4000
#define FC_ORDER		0x8000

#define HDR_MGMT		24	/* fc, dur, 3 addresses, seq */
#define HDR_ADDR4		30
#define CTRL_MIN		10	/* fc, dur, RA (ACK, CTS) */
#define CTRL_TA			16	/* ... and TA */

/* Management subtypes. */
#define ST_ASSOC_REQ		0
#define ST_ASSOC_RESP		1
#define ST_REASSOC_REQ		2
#define ST_REASSOC_RESP		3
#define ST_PROBE_REQ		4
#define ST_PROBE_RESP		5
#define ST_TIMING_ADV		6
#define ST_BEACON		8
#define ST_ATIM			9
#define ST_DISASSOC		10
#define ST_AUTH			11
#define ST_DEAUTH		12
#define ST_ACTION		13
#define ST_ACTION_NOACK		14


#define ETH_P_EAPOL		0x888e

/* Action frames whose fixed fields hold a Status or Reason Code. */
#define CAT_BLOCK_ACK		3
#define BA_ADDBA_RESP		1	/* token, status */
#define BA_DELBA		2	/* parameters(2), reason */
#define PUB_GAS_INIT_RESP	11	/* token, status */
#define PUB_GAS_COMEBACK_RESP	13	/* token, status */

static const enum d11_kind mgmt_kind[16] = {
	D11_K_ASSOC_REQ, D11_K_ASSOC_RESP, D11_K_REASSOC_REQ,
	D11_K_REASSOC_RESP, D11_K_PROBE_REQ, D11_K_PROBE_RESP,
	D11_K_MGMT_OTHER, D11_K_MGMT_OTHER, D11_K_BEACON, D11_K_MGMT_OTHER,
	D11_K_DISASSOC, D11_K_AUTH, D11_K_DEAUTH, D11_K_ACTION,
	D11_K_ACTION_NOACK, D11_K_MGMT_OTHER,
};

/* Clear the element table: what d11_parse_elems() clears on entry. */
static void
clear_elems(struct d11_frame *f)
{
	d11_zero(&f->ie, offsetof(struct d11_elems, neighbors));
	d11_zero(&f->ie.rm_enabled, sizeof(f->ie) -
	    offsetof(struct d11_elems, rm_enabled));
	f->ie.ds_channel = -1;
	f->has_elems = false;
}

/* The fixed fields a per-STA profile starts with, by the frame's kind. */
static enum d11_prof
profile_layout(enum d11_kind kind)
{
	switch (kind) {
	case D11_K_ASSOC_REQ:
	case D11_K_REASSOC_REQ:
	case D11_K_BEACON:
	case D11_K_PROBE_RESP:
		return (D11_PROF_CAPAB);
	case D11_K_ASSOC_RESP:
	case D11_K_REASSOC_RESP:
		return (D11_PROF_CAPAB_STATUS);
	default:
		return (D11_PROF_ELEMS);
	}
}

static void
elems_at(struct d11_frame *f, size_t off)
{
	if (off > f->body_len)
		off = f->body_len;
	d11_parse_elems_prof(f->body + off, f->body_len - off, 0,
	    profile_layout(f->kind), &f->ie);
	f->has_elems = true;
}

/* The prime length of an SAE ECC group, in octets; 0 for others. */
static size_t
sae_prime_len(uint16_t group)
{
	switch (group) {
	case D11_SAE_GROUP_P192:
		return (24);
	case D11_SAE_GROUP_P224:
		return (28);
	case D11_SAE_GROUP_P256:
	case D11_SAE_GROUP_BP256:
		return (32);
	case D11_SAE_GROUP_P384:
	case D11_SAE_GROUP_BP384:
		return (48);
	case D11_SAE_GROUP_BP512:
		return (64);
	case D11_SAE_GROUP_P521:
		return (66);
	}
	return (0);
}

/* Whether (p, n) walks as elements exactly and holds a Multi-Link one. */
static bool
ends_with_ml(const uint8_t *p, size_t n)
{
	struct d11_tlv_iter	 it;
	struct d11_tlv		 t;
	bool			 ml = false;

	D11_FOR_EACH_ELEM(it, t, p, n)
		if (t.has_ext && t.ext == D11_EXT_ML)
			ml = true;
	return (ml && d11_tlv_left(&it) == 0);
}

/*
 * Where the elements of an SAE Authentication frame start, 0 when that
 * cannot be told.  An H2E commit (status 126 or 127): after the group,
 * scalar and element (hostapd's layout for an ECC group).  Otherwise the
 * frame does not say how long its fields are: a successful confirm has a
 * send-confirm and a confirm as long as the group's hash (32, 48 or 64
 * octets), a refusal none or a group; the offset taken is the first of
 * those after which the rest is elements, exactly, with a Multi-Link
 * element among them.  A commit without H2E (no MLO) is not looked into.
 */
static size_t
sae_elems(const struct d11_frame *f)
{
	static const size_t	 confirm[] = { 2 + 32, 2 + 48, 2 + 64 };
	static const size_t	 refusal[] = { 0, 2 };
	const uint8_t		*b = f->body;
	const size_t		*try;
	size_t			 n = f->body_len, off, plen, i, ntry;

	if (f->auth_seq == D11_SAE_COMMIT && (f->status ==
	    D11_ST_SAE_HASH_TO_ELEMENT || f->status == D11_ST_SAE_PK)) {
		if (n < 8 || (plen = sae_prime_len(d11_le16(b + 6))) == 0)
			return (0);
		off = 8 + 3 * plen;
		return (off < n ? off : 0);
	}
	if (f->status == D11_ST_SUCCESS) {
		if (f->auth_seq != D11_SAE_CONFIRM)
			return (0);
		try = confirm;
		ntry = sizeof(confirm) / sizeof(confirm[0]);
	} else {
		try = refusal;
		ntry = sizeof(refusal) / sizeof(refusal[0]);
	}
	for (i = 0; i < ntry; i++) {
		off = 6 + try[i];
		if (off < n && ends_with_ml(b + off, n - off))
			return (off);
	}
	return (0);
}

/*
 * The elements of a (re)association frame of a FILS exchange end with the
 * FILS Session element: what follows is AES-SIV ciphertext (12.11.2.6),
 * which must not be walked as elements.  Returns the length of the clear
 * part of (p, len) and sets f->fils_* when the element is there.
 */
static size_t
fils_clear_len(struct d11_frame *f, const uint8_t *p, size_t len)
{
	struct d11_tlv_iter	 it;
	struct d11_tlv		 t;
	size_t			 off;

	D11_FOR_EACH_ELEM(it, t, p, len) {
		if (!t.has_ext || t.ext != D11_EXT_FILS_SESSION)
			continue;
		if (t.len >= 8)
			f->fils_session = t.body;
		off = (size_t)(d11_tlv_stop(&it) - p);
		f->fils_sealed = p + off;
		f->fils_sealed_len = len - off;
		return off;
	}
	return len;
}

/*
 * Status and Reason Code fixed fields of action frames, into the same
 * f->status / f->reason as the other management frames carry them.
 */
static void
action_codes(struct d11_frame *f)
{
	const struct d11_action	*a = &f->act;
	const uint8_t		*b = f->body;
	size_t			 n = f->body_len;

	if (!a->readable || !a->has_action)
		return;
	if (a->has_ft_status) {
		f->status = a->ft_status;
		f->has_status = true;
		return;
	}
	switch (a->category) {
	case CAT_BLOCK_ACK:
		if (a->action == BA_ADDBA_RESP && n >= 5) {
			f->status = d11_le16(b + 3);
			f->has_status = true;
		} else if (a->action == BA_DELBA && n >= 6) {
			f->reason = d11_le16(b + 4);
			f->has_reason = true;
		}
		break;
	case D11_CAT_PUBLIC:
	case D11_CAT_PROT_DUAL:
		if ((a->action == PUB_GAS_INIT_RESP ||
		    a->action == PUB_GAS_COMEBACK_RESP) && n >= 5) {
			f->status = d11_le16(b + 3);
			f->has_status = true;
		}
		break;
	}
}

/*
 * Management fixed fields, then the elements.  A body shorter than its
 * fixed fields keeps the fields that fit (has_* says which) and counts one
 * malformed item; the header is never lost because the body lies.
 */
static void
parse_mgmt(struct d11_frame *f)
{
	const uint8_t	*b = f->body;
	size_t		 n = f->body_len, need = 0, eoff = 0;

	/*
	 * f->ie is cleared by d11_parse_elems(), or here on the paths that
	 * do not walk elements; f->act only matters for action frames.
	 */
	/*
	 * Robust management frames under PMF: the body is ciphertext.  The
	 * kind still comes from the subtype; no fixed field is read.
	 */
	if (f->protected && f->subtype != ST_AUTH &&
	    f->subtype != ST_ACTION && f->subtype != ST_ACTION_NOACK) {
		f->kind = mgmt_kind[f->subtype];
		clear_elems(f);
		return;
	}

	switch (f->subtype) {
	case ST_ASSOC_REQ:
	case ST_REASSOC_REQ:
		f->kind = f->subtype == ST_ASSOC_REQ ? D11_K_ASSOC_REQ :
		    D11_K_REASSOC_REQ;
		need = f->subtype == ST_ASSOC_REQ ? 4 : 10;
		if (n >= 2) {
			f->capab = d11_le16(b);
			f->has_capab = true;
		}
		if (n >= 4) {
			f->listen_interval = d11_le16(b + 2);
			f->has_listen = true;
		}
		if (f->subtype == ST_REASSOC_REQ && n >= 10)
			f->current_ap = b + 4;
		eoff = need;
		break;
	case ST_ASSOC_RESP:
	case ST_REASSOC_RESP:
		f->kind = f->subtype == ST_ASSOC_RESP ? D11_K_ASSOC_RESP :
		    D11_K_REASSOC_RESP;
		need = eoff = 6;
		if (n >= 2) {
			f->capab = d11_le16(b);
			f->has_capab = true;
		}
		if (n >= 4) {
			f->status = d11_le16(b + 2);
			f->has_status = true;
		}
		if (n >= 6) {
			f->aid = d11_le16(b + 4) & 0x3fff;
			f->has_aid = true;
		}
		break;
	case ST_PROBE_REQ:
		f->kind = D11_K_PROBE_REQ;
		break;
	case ST_PROBE_RESP:
	case ST_BEACON:
		f->kind = f->subtype == ST_BEACON ? D11_K_BEACON :
		    D11_K_PROBE_RESP;
		need = eoff = 12;
		if (n >= 8)
			f->beacon_tsf = d11_le64(b);
		if (n >= 10)
			f->beacon_int = d11_le16(b + 8);
		if (n >= 12) {
			f->capab = d11_le16(b + 10);
			f->has_capab = true;
		}
		break;
	case ST_TIMING_ADV:
		f->kind = D11_K_MGMT_OTHER;
		need = eoff = 10;	/* timestamp, capability */
		if (n >= 10) {
			f->capab = d11_le16(b + 8);
			f->has_capab = true;
		}
		break;
	case ST_DISASSOC:
	case ST_DEAUTH:
		f->kind = f->subtype == ST_DEAUTH ? D11_K_DEAUTH :
		    D11_K_DISASSOC;
		need = eoff = 2;
		if (n >= 2) {
			f->reason = d11_le16(b);
			f->has_reason = true;
		}
		break;
	case ST_AUTH:
		f->kind = D11_K_AUTH;
		if (f->protected) {
			clear_elems(f);
			return;	/* shared key frame 3: WEP-encrypted body */
		}
		need = eoff = 6;
		if (n >= 4) {
			f->auth_alg = d11_le16(b);
			f->auth_seq = d11_le16(b + 2);
			f->has_auth = true;
		}
		if (n >= 6) {
			f->status = d11_le16(b + 4);
			f->has_status = true;
		}
		if (f->has_auth && f->auth_alg == D11_AUTH_SAE) {
			/* SAE fields, then (H2E, MLO) elements. */
			clear_elems(f);
			if (n > 6) {
				f->sae_data = b + 6;
				f->sae_len = n - 6;
			}
			if (n < need)
				f->ie.n_malformed++;
			else if ((eoff = sae_elems(f)) != 0)
				elems_at(f, eoff);
			return;
		}
		break;
	case ST_ACTION:
	case ST_ACTION_NOACK:
		f->kind = f->subtype == ST_ACTION ? D11_K_ACTION :
		    D11_K_ACTION_NOACK;
		clear_elems(f);		/* filled for RM, WNM, FT only */
		d11_parse_action(b, n, f);
		action_codes(f);
		return;
	default:
		f->kind = D11_K_MGMT_OTHER;	/* ATIM, reserved */
		clear_elems(f);
		return;
	}
	if (n < need) {
		clear_elems(f);
		f->ie.n_malformed++;
		return;
	}
	if (f->kind == D11_K_ASSOC_REQ || f->kind == D11_K_REASSOC_REQ ||
	    f->kind == D11_K_ASSOC_RESP || f->kind == D11_K_REASSOC_RESP) {
		d11_parse_elems_prof(b + eoff, fils_clear_len(f, b + eoff,
		    n - eoff), 0, profile_layout(f->kind), &f->ie);
		f->has_elems = true;
		return;
	}
	elems_at(f, eoff);
}

/* LLC/SNAP and, for 88-8E, EAPOL. */
static void
parse_data(struct d11_frame *f)
{
	const uint8_t	*b = f->body;

	f->kind = D11_K_DATA;
	f->is_null = (f->subtype & 0x04) != 0;
	if (f->is_null || f->protected || f->body_len < 8)
		return;
	/* A-MSDU (QoS bit 7): subframes, not an LLC header. */
	if (f->has_qos && (f->qos & 0x0080))
		return;
	if (b[0] != 0xaa || b[1] != 0xaa || b[2] != 0x03)
		return;
	f->ethertype = d11_be16(b + 6);
	if (f->ethertype != ETH_P_EAPOL)
		return;
	f->kind = d11_parse_eapol(b + 8, f->body_len - 8, &f->eapol);
	/*
	 * Clear key data holds elements (M2: RSNE with the PMKR1Name, MDE and
	 * FTE on an FT initial association; M3: RSNE) and KDEs, which read as
	 * vendor elements.  The engine wants the PMKID of M2.
	 */
	if (f->kind == D11_K_EAPOL && f->eapol.key_data != NULL) {
		d11_parse_elems(f->eapol.key_data, f->eapol.key_data_len, 0,
		    &f->ie);
		f->has_elems = true;
	}
}

/* Addresses, roles and sequence of a frame with the 24-byte header. */
static void
roles(struct d11_frame *f, const uint8_t *m)
{
	f->addr1 = m + 4;
	f->addr2 = m + 10;
	f->addr3 = m + 16;
	f->ra = f->addr1;
	f->ta = f->addr2;
	f->seq = d11_le16(m + 22) >> 4;
	f->frag = m[22] & 0x0f;
	f->has_seq = true;
}

static enum d11_error
parse_mac(const uint8_t *m, size_t len, struct d11_frame *f, bool datapad)
{
	size_t		 hl;
	uint16_t	 fc;

	/* The header part, cleared for every frame (the rest by kind). */
	d11_zero(&f->mac, offsetof(struct d11_frame, has_elems) -
	    offsetof(struct d11_frame, mac));
	f->has_elems = false;
	f->is_null = false;
	f->ethertype = 0;
	f->mac = m;
	f->mac_len = len;
	f->kind = D11_K_NONE;

	if (len < CTRL_MIN)
		return f->error = D11_E_SHORT;
	fc = d11_le16(m);
	f->fc = fc;
	f->type = (fc >> 2) & 0x03;
	f->subtype = (fc >> 4) & 0x0f;
	f->to_ds = (fc & FC_TO_DS) != 0;
	f->from_ds = (fc & FC_FROM_DS) != 0;
	f->more_frag = (fc & FC_MORE_FRAG) != 0;
	f->retry = (fc & FC_RETRY) != 0;
	f->pwr_mgt = (fc & FC_PWR_MGT) != 0;
	f->more_data = (fc & FC_MORE_DATA) != 0;
	f->protected = (fc & FC_PROTECTED) != 0;
	f->order = (fc & FC_ORDER) != 0;
	f->duration = d11_le16(m + 2);

	switch (f->type) {
	case D11_FC_TYPE_CTRL:
		f->kind = D11_K_CTRL;
		f->addr1 = f->ra = m + 4;
		/* CTS and ACK carry only the RA; the others a TA too. */
		if (f->subtype != 12 && f->subtype != 13 &&
		    len >= CTRL_TA)
			f->addr2 = f->ta = m + 10;
		if (f->subtype == 10)		/* PS-Poll: RA is the BSSID */
			f->bssid = f->addr1;
		else if (f->subtype >= 14)	/* CF-End: TA is the BSSID */
			f->bssid = f->addr2;
		return f->error = D11_OK;
	case D11_FC_TYPE_EXT:
		f->kind = D11_K_EXT;
		f->addr1 = f->ra = m + 4;
		return f->error = D11_OK;
	case D11_FC_TYPE_MGMT:
		if (len < HDR_MGMT)
			return f->error = D11_E_SHORT;
		roles(f, m);
		f->da = f->addr1;
		f->sa = f->addr2;
		f->bssid = f->addr3;
		hl = HDR_MGMT;
		if (f->order) {		/* +HTC */
			if (len < hl + 4)
				return f->error = D11_E_SHORT;
			f->htc = d11_le32(m + hl);
			f->has_htc = true;
			hl += 4;
		}
		f->body = m + hl;
		f->body_len = len - hl;
		f->error = D11_OK;
		parse_mgmt(f);
		return D11_OK;
	}

	/* Data */
	hl = (f->to_ds && f->from_ds) ? HDR_ADDR4 : HDR_MGMT;
	if (len < hl)
		return f->error = D11_E_SHORT;
	roles(f, m);
	if (f->to_ds && f->from_ds)
		f->addr4 = m + 24;
	switch ((f->to_ds ? 1 : 0) | (f->from_ds ? 2 : 0)) {
	case 0:			/* IBSS / direct: DA, SA, BSSID */
		f->da = f->addr1;
		f->sa = f->addr2;
		f->bssid = f->addr3;
		break;
	case 1:			/* to the AP: BSSID, SA, DA */
		f->bssid = f->addr1;
		f->sa = f->addr2;
		f->da = f->addr3;
		break;
	case 2:			/* from the AP: DA, BSSID, SA */
		f->da = f->addr1;
		f->bssid = f->addr2;
		f->sa = f->addr3;
		break;
	case 3:			/* WDS / mesh: RA, TA, DA, SA */
		f->da = f->addr3;
		f->sa = f->addr4;
		break;
	}
	if (f->subtype & 0x08) {		/* QoS */
		if (len < hl + 2)
			return f->error = D11_E_SHORT;
		f->qos = d11_le16(m + hl);
		f->has_qos = true;
		hl += 2;
		if (f->order) {			/* +HTC */
			if (len < hl + 4)
				return f->error = D11_E_SHORT;
			f->htc = d11_le32(m + hl);
			f->has_htc = true;
			hl += 4;
		}
	}
	if (datapad)
		hl = (hl + 3) & ~(size_t)3;
	if (hl > len)
		hl = len;
	f->body = m + hl;
	f->body_len = len - hl;
	f->error = D11_OK;
	parse_data(f);
	return D11_OK;
}

enum d11_error
d11_parse_mac(const uint8_t *mac, size_t len, struct d11_frame *f)
{
	return parse_mac(mac, len, f, false);
}

enum d11_error
d11_parse(int dlt, const uint8_t *buf, size_t len, struct d11_frame *f)
{
	enum d11_error	 e;
	size_t		 hl;
	bool		 fcs, bad, pad;

	e = d11_parse_radio(dlt, buf, len, &f->radio, &hl, &fcs, &bad);
	f->bad_fcs = bad;
	f->fcs_at_end = false;
	if (e != D11_OK) {
		d11_zero(&f->mac, offsetof(struct d11_frame, has_elems) -
		    offsetof(struct d11_frame, mac));
		f->has_elems = false;
		f->kind = D11_K_NONE;
		return f->error = e;
	}
	buf += hl;
	len -= hl;
	pad = (f->radio.present & D11_RADIO_FLAGS) &&
	    (f->radio.flags & 0x20);
	if (fcs && len >= 4) {
		len -= 4;
		f->fcs_at_end = !pad;
	}
	return parse_mac(buf, len, f, pad);
}

/* CRC-32 of IEEE 802.3 (reflected 0xedb88320), four bits at a time. */
static const uint32_t crc_nibble[16] = {
	0x00000000, 0x1db71064, 0x3b6e20c8, 0x26d930ac,
	0x76dc4190, 0x6b6b51f4, 0x4db26158, 0x5005713c,
	0xedb88320, 0xf00f9344, 0xd6d6a3e8, 0xcb61b38c,
	0x9b64c2b0, 0x86d3d2d4, 0xa00ae278, 0xbdbdf21c
};

bool
d11_fcs_ok(const struct d11_frame *f)
{
	uint32_t	 crc = 0xffffffff;
	size_t		 i;

	if (!f->fcs_at_end || f->mac == NULL)
		return true;
	for (i = 0; i < f->mac_len; i++) {
		crc ^= f->mac[i];
		crc = (crc >> 4) ^ crc_nibble[crc & 0x0f];
		crc = (crc >> 4) ^ crc_nibble[crc & 0x0f];
	}
	return ~crc == d11_le32(f->mac + f->mac_len);
}
