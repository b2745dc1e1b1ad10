/*
 * scr_detail.c -- one frame: its decoded fields (the names of the --frames
 * dump and of Wireshark's tree) and a hex dump with the selected field's
 * bytes highlighted.
 *
 * The frame is copied out of the engine's store and re-parsed here; every
 * field's byte range comes from the parser's pointers into that copy
 * (ptr - raw), or from the fixed layouts of IEEE 802.11-2020 clause 9 for
 * the fixed fields the parser returns as values.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <curses.h>

#include "text.h"
#include "tui_int.h"

void	 frame_summary(const struct d11_frame *, char *, size_t, char *,
	    size_t, int *);

static struct d11_frame	 df;	/* the decoded copy; big, so not on the stack */

bool
detail_load(struct tui *t, uint64_t n)
{
	const struct eng_frame	*f;

	if ((f = eng_frame_by_n(t->eng, n)) == NULL)
		return (false);
	t->df_n = n;
	t->df_len = f->caplen < sizeof t->df_raw ? f->caplen :
	    (uint32_t)sizeof t->df_raw;
	memcpy(t->df_raw, f->data, t->df_len);
	t->df_dlt = f->dlt;
	t->df_ts = f->ts_ns;
	t->df_ok = true;
	detail_fields(t);
	return (true);
}

/* Add a field: depth, bytes [p, p+len) of the record, text. */
static void
fld(struct tui *t, int depth, const uint8_t *p, size_t len,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void
fld(struct tui *t, int depth, const uint8_t *p, size_t len,
    const char *fmt, ...)
{
	struct tui_field	*f;
	va_list			 ap;
	ptrdiff_t		 off;

	if (t->nfields >= TUI_MAX_FIELDS)
		return;
	f = &t->fields[t->nfields++];
	va_start(ap, fmt);
	vsnprintf(f->text, sizeof f->text, fmt, ap);
	va_end(ap);
	f->depth = (uint8_t)depth;
	f->off = -1;
	f->len = 0;
	if (p != NULL) {
		off = p - t->df_raw;
		if (off >= 0 && (size_t)off + len <= t->df_len) {
			f->off = (int)off;
			f->len = (int)len;
		}
	}
}

/* A status or reason code: its IEEE wording with the number, and the
 * enum name (as hostapd logs it) on a line of its own, so neither is cut. */
static void
code_fld(struct tui *t, int depth, const uint8_t *p, const char *label,
    unsigned code, const char *desc, const char *name)
{
	fld(t, depth, p, 2, "%s: %u %s", label, code, desc);
	fld(t, depth + 1, p, 2, "name: %s", name);
}

static char *
hex(const uint8_t *p, size_t n, char *out, size_t len)
{
	size_t	i, o = 0;

	out[0] = '\0';
	for (i = 0; i < n && o + 3 <= len; i++)
		o += (size_t)snprintf(out + o, len - o, "%02x", p[i]);
	return (out);
}

static const uint8_t *
in_frame(const struct tui *t, const uint8_t *p, size_t n)
{
	if (p == NULL || p < t->df_raw || p + n > t->df_raw + t->df_len)
		return (NULL);
	return (p);
}

static void
rsne_fields(struct tui *t, const uint8_t *body, size_t blen,
    const struct d11_rsne *r)
{
	const uint8_t	*p;
	char		 h[40];
	uint16_t	 i;

	fld(t, 2, body, 2, "Version: %u", r->version);
	if (r->has_group)
		fld(t, 2, body + 2, 4, "Group Cipher Suite: %s",
		    d11_cipher_name(r->group));
	if (r->has_pairwise) {
		fld(t, 2, r->pairwise - 2, 2, "Pairwise Cipher Suite Count: %u",
		    r->n_pairwise);
		for (i = 0; i < r->n_pairwise && i < D11_RSN_MAX_LIST; i++)
			fld(t, 3, r->pairwise + 4 * i, 4, "Pairwise: %s",
			    d11_cipher_name(d11_suite(r->pairwise + 4 * i)));
	}
	if (r->has_akm) {
		fld(t, 2, r->akm - 2, 2, "AKM Suite Count: %u", r->n_akm);
		for (i = 0; i < r->n_akm && i < D11_RSN_MAX_LIST; i++)
			fld(t, 3, r->akm + 4 * i, 4, "AKM: %s",
			    d11_akm_name(d11_suite(r->akm + 4 * i)));
	}
	if (r->has_caps) {
		p = r->has_akm ? r->akm + 4 * r->n_akm : NULL;
		fld(t, 2, in_frame(t, p, 2) , 2, "RSN Capabilities: 0x%04x "
		    "(MFPR %u, MFPC %u)", r->caps,
		    (r->caps & D11_RSN_CAP_MFPR) != 0,
		    (r->caps & D11_RSN_CAP_MFPC) != 0);
	}
	if (r->has_pmkid) {
		fld(t, 2, in_frame(t, r->pmkid - 2, 2), 2, "PMKID Count: %u",
		    r->n_pmkid);
		for (i = 0; i < r->n_pmkid && i < D11_RSN_MAX_LIST; i++)
			fld(t, 3, r->pmkid + 16 * i, 16, "PMKID: %s",
			    hex(r->pmkid + 16 * i, 16, h, sizeof h));
	}
	if (r->has_group_mgmt) {
		p = r->has_pmkid ? r->pmkid + 16 * r->n_pmkid : NULL;
		fld(t, 2, in_frame(t, p, 4), 4, "Group Management Cipher "
		    "Suite: %s", d11_cipher_name(r->group_mgmt));
	}
	if (r->malformed)
		fld(t, 2, body, blen, "(malformed: a field was cut short)");
}

static void
fte_fields(struct tui *t, const struct d11_fte *f)
{
	char	 h[140], s[64];
	size_t	 i;
	bool	 printable = true;

	fld(t, 2, f->mic != NULL ? f->mic - 2 : NULL, 2, "MIC Control: "
	    "0x%04x (element count %u)", f->mic_control,
	    f->mic_control >> 8);
	if (f->mic != NULL)
		fld(t, 2, f->mic, f->mic_len, "MIC: %s",
		    hex(f->mic, f->mic_len, h, sizeof h));
	if (f->anonce != NULL)
		fld(t, 2, f->anonce, 32, "ANonce: %s",
		    hex(f->anonce, 32, h, sizeof h));
	if (f->snonce != NULL)
		fld(t, 2, f->snonce, 32, "SNonce: %s",
		    hex(f->snonce, 32, h, sizeof h));
	if (f->r1kh_id != NULL) {
		char	m[18];

		fld(t, 2, f->r1kh_id, 6, "R1KH-ID: %s", tui_mac(f->r1kh_id, m));
	}
	if (f->r0kh_id != NULL) {
		for (i = 0; i < f->r0kh_id_len; i++)
			if (f->r0kh_id[i] < 0x20 || f->r0kh_id[i] >= 0x7f)
				printable = false;
		if (printable) {
			snprintf(s, sizeof s, "%.*s", (int)f->r0kh_id_len,
			    (const char *)f->r0kh_id);
			fld(t, 2, f->r0kh_id, f->r0kh_id_len, "R0KH-ID: %s", s);
		} else
			fld(t, 2, f->r0kh_id, f->r0kh_id_len, "R0KH-ID: %s",
			    hex(f->r0kh_id, f->r0kh_id_len, h, sizeof h));
	}
	if (f->gtk != NULL)
		fld(t, 2, f->gtk, f->gtk_len, "GTK subelement (%u bytes)",
		    f->gtk_len);
	if (f->igtk != NULL)
		fld(t, 2, f->igtk, f->igtk_len, "IGTK subelement (%u bytes)",
		    f->igtk_len);
	if (f->oci != NULL)
		fld(t, 2, f->oci, f->oci_len, "OCI subelement (%u bytes)",
		    f->oci_len);
	if (f->bigtk != NULL)
		fld(t, 2, f->bigtk, f->bigtk_len, "BIGTK subelement (%u "
		    "bytes)", f->bigtk_len);
	if (f->malformed)
		fld(t, 2, NULL, 0, "(malformed FTE)");
}

/* A Multi-Link element as the parser decoded it; byte ranges map through
 * its joined content (NULL where a field straddles a Fragment element). */
static void
ml_fields(struct tui *t, const struct d11_frame *f, const struct d11_ml *ml)
{
	const struct d11_ml_sta	*s;
	char			 m[18];
	unsigned		 i;

	fld(t, 2, d11_ml_at(ml, 0, 2), 2, "Multi-Link Control: 0x%04x (%s)",
	    ml->ctrl, d11_ml_type_name(ml->type));
	if (ml->n_frags > 0)
		fld(t, 2, ml->hdr, ml->span, "Joined with %u Fragment "
		    "element%s: %u bytes", ml->n_frags, ml->n_frags == 1 ?
		    "" : "s", ml->len);
	if (ml->has_mld_addr)
		fld(t, 2, d11_ml_at(ml, 3, 6), 6, "MLD MAC Address: %s",
		    tui_mac(ml->mld_addr, m));
	if (ml->has_link_id)
		fld(t, 2, NULL, 0, "Link ID: %u", ml->link_id_info &
		    D11_ML_LINK_ID_MASK);
	if (ml->has_bpcc)
		fld(t, 2, NULL, 0, "BSS Parameters Change Count: %u",
		    ml->bpcc);
	if (ml->has_eml)
		fld(t, 2, NULL, 0, "EML Capabilities: 0x%04x", ml->eml_capa);
	if (ml->has_mld_capa)
		fld(t, 2, NULL, 0, "MLD Capabilities and Operations: 0x%04x "
		    "(up to %u links)", ml->mld_capa, (ml->mld_capa &
		    D11_MLD_CAPA_MAX_LINKS) + 1);
	if (ml->has_mld_id)
		fld(t, 2, NULL, 0, "AP MLD ID: %u", ml->ap_mld_id);
	for (i = 0; (s = d11_ml_profile(&f->ie, ml, i)) != NULL; i++) {
		fld(t, 2, d11_ml_at(ml, s->off, 2), 2, "Per-STA Profile: link "
		    "%u%s%s", s->link_id, s->complete ? ", complete" : "",
		    s->malformed ? " (malformed)" : "");
		if (s->has_mac)
			fld(t, 3, d11_ml_sta_at(ml, s, 3, 6), 6, "STA MAC "
			    "Address: %s", tui_mac(s->mac, m));
		if (s->has_timer)
			fld(t, 3, NULL, 0, "AP Removal Timer: %u TBTTs (%s)",
			    s->removal_timer, d11_reconf_op_name(s->reconf_op));
		if (s->has_status)
			code_fld(t, 3, d11_ml_sta_at(ml, s, 2u +
			    s->info_len + 2, 2), "Status code", s->status,
			    d11_status_desc(s->status),
			    d11_status_name(s->status));
		if (s->channel >= 0)
			fld(t, 3, NULL, 0, "Channel: %d", s->channel);
	}
	if (ml->n_sta > i)
		fld(t, 2, NULL, 0, "(%u more per-STA profiles)",
		    (unsigned)ml->n_sta - i);
}

static void
rnr_fields(struct tui *t, const struct d11_frame *f, const uint8_t *b,
    uint8_t el)
{
	const struct d11_rnr	*r;
	char			 m[18];
	unsigned		 i;

	for (i = 0; i < f->ie.n_rnr && i < D11_MAX_RNR; i++) {
		r = &f->ie.rnr[i];
		if (r->tbtt < b || r->tbtt >= b + el)
			continue;	/* another RNR element's */
		if (r->has_bssid && r->has_mld)
			fld(t, 2, r->tbtt, r->info_len, "Neighbor AP: %s, op "
			    "class %u channel %u, MLD ID %u link %u",
			    tui_mac(r->tbtt + 1, m), r->op_class, r->channel,
			    r->mld_id, r->link_id);
		else if (r->has_bssid)
			fld(t, 2, r->tbtt, r->info_len, "Neighbor AP: %s, op "
			    "class %u channel %u", tui_mac(r->tbtt + 1, m),
			    r->op_class, r->channel);
		else
			fld(t, 2, r->tbtt, r->info_len, "Neighbor AP: op class "
			    "%u channel %u", r->op_class, r->channel);
	}
}

/* Walk the elements of (p, len) for their byte ranges; decode the ones a
 * roam is about with the parser's results. */
static void
elem_fields(struct tui *t, const struct d11_frame *f, const uint8_t *p,
    size_t len)
{
	const uint8_t		*b;
	struct d11_tlv_iter	 it;
	struct d11_tlv		 e;
	struct d11_rsne		 rs;
	struct d11_fte		 ft;
	struct d11_neighbor	 nb;
	char			 m[18], s[40];
	uint8_t			 el;
	uint32_t		 akm = 0;
	size_t			 i, left;

	if (f->ie.rsn.has_akm && f->ie.rsn.n_akm > 0)
		akm = d11_suite(f->ie.rsn.akm);
	D11_FOR_EACH_ELEM(it, e, p, len) {
		b = e.hdr + 2;
		el = e.hdr[1];
		if (e.has_ext)
			fld(t, 1, e.hdr, el + 2u, "Element: %s (255/%u), %u "
			    "bytes", d11_ext_element_name(e.ext), e.ext, el);
		else
			fld(t, 1, e.hdr, el + 2u, "Element: %s (%u), %u bytes",
			    d11_element_name(e.id), e.id, el);
		switch (e.id) {
		case D11_EID_SSID:
			text_safe(s, sizeof s, "");
			for (i = 0; i < el && i < sizeof s - 1; i++)
				s[i] = b[i] >= 0x20 && b[i] < 0x7f ?
				    (char)b[i] : '.';
			s[i] = '\0';
			fld(t, 2, b, el, "SSID: \"%s\"", s);
			break;
		case D11_EID_DS_PARAMS:
			if (el >= 1)
				fld(t, 2, b, 1, "Current Channel: %u", b[0]);
			break;
		case D11_EID_RSN:
			if (b == f->ie.rsn_ie)
				rsne_fields(t, b, el, &f->ie.rsn);
			else if (d11_parse_rsne(b, el, &rs) == 0)
				rsne_fields(t, b, el, &rs);
			break;
		case D11_EID_MDE:
			if (el >= 3) {
				fld(t, 2, b, 2, "MDID: %02x%02x (Wireshark "
				    "0x%04x)", b[0], b[1], d11_le16(b));
				fld(t, 2, b + 2, 1, "FT Capability and Policy: "
				    "0x%02x (FT over DS %s, Resource Request "
				    "%s)", b[2], b[2] & D11_MDE_FT_OVER_DS ?
				    "yes" : "no", b[2] & D11_MDE_RESOURCE_REQ ?
				    "yes" : "no");
			}
			break;
		case D11_EID_FTE:
			if (b == f->ie.fte_ie)
				fte_fields(t, &f->ie.fte);
			else if (d11_parse_fte(b, el, akm, &ft) == 0)
				fte_fields(t, &ft);
			break;
		case D11_EID_TIMEOUT:
			if (el >= 5) {
				fld(t, 2, b, 1, "Timeout Interval Type: %u%s",
				    b[0], b[0] == 2 ? " (key lifetime)" :
				    b[0] == 3 ? " (association comeback)" : "");
				fld(t, 2, b + 1, 4, "Timeout Interval Value: %u",
				    d11_le32(b + 1));
			}
			break;
		case D11_EID_NEIGHBOR:
			if (d11_parse_neighbor(b, el, &nb) == 0) {
				fld(t, 2, b, 6, "BSSID: %s", tui_mac(b, m));
				fld(t, 2, b + 6, 4, "BSSID Information: "
				    "0x%08x", nb.bssid_info);
				fld(t, 2, b + 10, 1, "Operating Class: %u",
				    nb.op_class);
				fld(t, 2, b + 11, 1, "Channel Number: %u",
				    nb.channel);
				fld(t, 2, b + 12, 1, "PHY Type: %s (%u)",
				    d11_phy_type_name(nb.phy_type),
				    nb.phy_type);
				if (nb.preference >= 0)
					fld(t, 2, NULL, 0, "BSS Transition "
					    "Candidate Preference: %d",
					    nb.preference);
			}
			break;
		case D11_EID_RM_ENABLED:
			if (el >= 1)
				fld(t, 2, b, 1, "Neighbor Report capability: "
				    "%s", b[0] & 0x02 ? "yes" : "no");
			break;
		case D11_EID_EXT_CAPAB:
			if (el >= 3)
				fld(t, 2, b + 2, 1, "BSS Transition (bit 19): "
				    "%s", b[2] & 0x08 ? "yes" : "no");
			break;
		case D11_EID_VENDOR:
			if (el >= 3)
				fld(t, 2, b, 3, "OUI: %02x:%02x:%02x", b[0],
				    b[1], b[2]);
			break;
		case D11_EID_RNR:
			rnr_fields(t, f, b, el);
			break;
		case D11_EID_EXTENSION:
			if (f->ie.has_ml && e.hdr == f->ie.ml.hdr)
				ml_fields(t, f, &f->ie.ml);
			else if (f->ie.has_ml_reconf &&
			    e.hdr == f->ie.ml_reconf.hdr)
				ml_fields(t, f, &f->ie.ml_reconf);
			else if (e.has_ext && e.ext == D11_EXT_EHT_OP &&
			    f->ie.has_eht_op && f->ie.eht_op.has_info)
				fld(t, 2, e.body + 5, 3, "EHT channel width: "
				    "%s",
				    d11_eht_width_name(f->ie.eht_op.width));
			break;
		default:
			break;
		}
	}
	p = d11_tlv_stop(&it);
	left = d11_tlv_left(&it);
	if (left >= 2)
		fld(t, 1, p, left, "Element %s (%u): length %u overruns the "
		    "frame (%zu bytes left)", d11_element_name(p[0]), p[0],
		    p[1], left - 2);
	else if (left == 1)
		fld(t, 1, p, 1, "(1 stray byte)");
}

static void
mgmt_fields(struct tui *t, const struct d11_frame *f)
{
	const uint8_t	*b = f->body;
	size_t		 n = f->body_len, el = 0;
	char		 m[18];

	switch (f->kind) {
	case D11_K_AUTH:
		if (n >= 6) {
			fld(t, 1, b, 2, "Authentication Algorithm: %s (%u)",
			    d11_auth_alg_name(f->auth_alg), f->auth_alg);
			fld(t, 1, b + 2, 2, "Authentication SEQ: %u",
			    f->auth_seq);
			code_fld(t, 1, b + 4, "Status code", f->status,
			    d11_status_desc(f->status),
			    d11_status_name(f->status));
			el = 6;
		}
		break;
	case D11_K_ASSOC_REQ:
	case D11_K_REASSOC_REQ:
		if (n >= 4) {
			fld(t, 1, b, 2, "Capabilities Information: 0x%04x",
			    f->capab);
			fld(t, 1, b + 2, 2, "Listen Interval: %u",
			    f->listen_interval);
			el = 4;
		}
		if (f->kind == D11_K_REASSOC_REQ && n >= 10) {
			fld(t, 1, b + 4, 6, "Current AP: %s", tui_mac(b + 4, m));
			el = 10;
		}
		break;
	case D11_K_ASSOC_RESP:
	case D11_K_REASSOC_RESP:
		if (n >= 6) {
			fld(t, 1, b, 2, "Capabilities Information: 0x%04x",
			    f->capab);
			code_fld(t, 1, b + 2, "Status code", f->status,
			    d11_status_desc(f->status),
			    d11_status_name(f->status));
			fld(t, 1, b + 4, 2, "Association ID: %u", f->aid);
			el = 6;
		}
		break;
	case D11_K_DEAUTH:
	case D11_K_DISASSOC:
		if (n >= 2)
			code_fld(t, 1, b, "Reason code", f->reason,
			    d11_reason_desc(f->reason),
			    d11_reason_name(f->reason));
		return;
	case D11_K_BEACON:
	case D11_K_PROBE_RESP:
		if (n >= 12) {
			fld(t, 1, b, 8, "Timestamp: %llu",
			    (unsigned long long)f->beacon_tsf);
			fld(t, 1, b + 8, 2, "Beacon Interval: %u",
			    f->beacon_int);
			fld(t, 1, b + 10, 2, "Capabilities Information: "
			    "0x%04x", f->capab);
			el = 12;
		}
		break;
	case D11_K_PROBE_REQ:
		break;
	default:
		return;
	}
	if (el <= n && f->has_elems)
		elem_fields(t, f, b + el, n - el);
}

static void
action_fields(struct tui *t, const struct d11_frame *f)
{
	const struct d11_action	*a = &f->act;
	const uint8_t		*b = f->body, *e = NULL;
	size_t			 n = f->body_len;
	char			 m[18];

	if (n < 1)
		return;
	/* What the parser decoded: a protected one has no category (its
	 * first bytes are the CCMP/GCMP header, not a Category field). */
	if (!a->readable) {
		fld(t, 1, b, n, "Protected (PMF): category and body "
		    "encrypted; a BTM, neighbor report or FT action here "
		    "cannot be read, only inferred");
		return;
	}
	fld(t, 1, b, 1, "Category code: %s (%u)",
	    d11_category_name(a->category), a->category);
	if (a->has_action)
		fld(t, 1, b + 1, 1, "Action code: %s (%u)",
		    d11_action_name(a->category, a->action), a->action);
	if (a->has_dialog_token && a->category != D11_CAT_FT)
		fld(t, 1, b + 2, 1, "Dialog token: %u", a->dialog_token);
	switch (a->category) {
	case D11_CAT_RM:
		if (n >= 3)
			e = b + 3;
		if (a->action == D11_RM_NR_REQ || a->action == D11_RM_NR_RESP)
			fld(t, 1, NULL, 0, "Neighbor Report elements: %u",
			    f->ie.n_neighbors);
		break;
	case D11_CAT_WNM:
		if (a->action == D11_WNM_BTM_QUERY && n >= 4) {
			fld(t, 1, b + 3, 1, "BSS Transition Query Reason: %s "
			    "(%u)", d11_btm_reason_name(a->btm_query_reason),
			    a->btm_query_reason);
			e = b + 4;
		} else if (a->action == D11_WNM_BTM_REQ && n >= 7) {
			fld(t, 1, b + 3, 1, "Request Mode: 0x%02x "
			    "(%s%s%s%s%s%s)",
			    a->btm_mode, a->btm_mode & D11_BTM_PREF_LIST ?
			    "candidate list " : "", a->btm_mode &
			    D11_BTM_ABRIDGED ? "abridged " : "", a->btm_mode &
			    D11_BTM_DISASSOC_IMM ? "disassoc-imminent " : "",
			    a->btm_mode & D11_BTM_TERMINATION ?
			    "termination " : "", a->btm_mode &
			    D11_BTM_ESS_DISASSOC ? "ESS-disassoc " : "",
			    a->btm_mode & D11_BTM_LINK_REMOVAL ?
			    "link-removal-imminent" : "");
			fld(t, 1, b + 4, 2, "Disassociation Timer: %u TBTT",
			    a->btm_disassoc_timer);
			fld(t, 1, b + 6, 1, "Validity Interval: %u TBTT",
			    a->btm_validity);
			e = b + 7;
			if (a->btm_term_duration != NULL) {
				fld(t, 1, a->btm_term_duration, 12, "BSS "
				    "Termination Duration");
				e = a->btm_term_duration + 12;
			}
			if (a->btm_url != NULL) {
				fld(t, 1, a->btm_url, a->btm_url_len,
				    "Session Information URL (%u bytes)",
				    a->btm_url_len);
				e = a->btm_url + a->btm_url_len;
			} else if (a->btm_mode & D11_BTM_ESS_DISASSOC)
				e++;
			fld(t, 1, NULL, 0, "Candidate list: %u neighbor%s",
			    f->ie.n_neighbors, f->ie.n_neighbors == 1 ? "" :
			    "s");
		} else if (a->action == D11_WNM_BTM_RESP && n >= 5) {
			fld(t, 1, b + 3, 1, "BTM Status Code: %s (%u)",
			    d11_btm_status_name(a->btm_status), a->btm_status);
			fld(t, 1, b + 4, 1, "BSS Termination Delay: %u min",
			    a->btm_term_delay);
			e = b + 5;
			if (a->btm_target != NULL) {
				fld(t, 1, a->btm_target, 6, "Target BSSID: %s",
				    tui_mac(a->btm_target, m));
				e = a->btm_target + 6;
			}
		}
		break;
	case D11_CAT_FT:
		if (a->ft_sta != NULL)
			fld(t, 1, a->ft_sta, 6, "STA Address: %s",
			    tui_mac(a->ft_sta, m));
		if (a->ft_target_ap != NULL) {
			fld(t, 1, a->ft_target_ap, 6, "Target AP Address: %s",
			    tui_mac(a->ft_target_ap, m));
			e = a->ft_target_ap + 6;
		}
		if (a->has_ft_status && e != NULL) {
			code_fld(t, 1, e, "Status code", a->ft_status,
			    d11_status_desc(a->ft_status),
			    d11_status_name(a->ft_status));
			e += 2;
		}
		break;
	default:
		break;
	}
	if (e != NULL && e <= b + n)
		elem_fields(t, f, e, (size_t)(b + n - e));
}

static void
eapol_fields(struct tui *t, const struct d11_frame *f)
{
	const struct d11_eapol	*k = &f->eapol;
	const uint8_t		*e;
	char			 h[80];
	static const char *const msg[] = {
		"?", "1 of 4", "2 of 4", "3 of 4", "4 of 4", "group 1 of 2",
		"group 2 of 2", "request"
	};

	if (f->body_len < 8 + 4)
		return;
	fld(t, 1, f->body, 8, "LLC/SNAP: type 0x%04x (802.1X "
	    "Authentication)", f->ethertype);
	e = f->body + 8;
	fld(t, 1, e, 4, "802.1X: version %u, type %u, length %u", k->version,
	    k->type, k->body_len);
	if (f->kind == D11_K_EAP) {
		if (f->body_len < 8 + 8)
			return;
		fld(t, 1, e + 4, 1, "EAP Code: %s (%u)",
		    d11_eap_code_name(k->eap_code), k->eap_code);
		fld(t, 1, e + 5, 1, "EAP Id: %u", k->eap_id);
		fld(t, 1, e + 6, 2, "EAP Length: %u", k->eap_len);
		if (k->eap_type != 0 && f->body_len >= 8 + 9)
			fld(t, 1, e + 8, 1, "EAP Type: %s (%u)",
			    d11_eap_type_name(k->eap_type), k->eap_type);
		if (k->identity != NULL) {
			char	id[64];

			snprintf(id, sizeof id, "%.*s", (int)(k->identity_len <
			    60 ? k->identity_len : 60),
			    (const char *)k->identity);
			text_safe(h, sizeof h, id);
			fld(t, 1, k->identity, k->identity_len, "Identity: %s",
			    h);
		}
		return;
	}
	if (k->type != D11_EAPOL_KEY || k->nonce == NULL)
		return;
	/* Every offset below is fixed by the EAPOL-Key frame layout. */
	e = k->nonce - 17;
	if (e < t->df_raw)
		return;
	fld(t, 1, e + 4, 1, "Key Descriptor Type: %u (%s)", k->desc_type,
	    k->desc_type == 2 ? "RSN" : k->desc_type == 254 ? "WPA" : "?");
	fld(t, 1, e + 5, 2, "Key Information: 0x%04x (Message %s)",
	    k->key_info, msg[k->msg < 8 ? k->msg : 0]);
	fld(t, 2, e + 5, 2, "Key Descriptor Version: %u, %s%s%s%s%s%s%s",
	    k->key_info & D11_KI_TYPE_MASK, k->key_info & D11_KI_PAIRWISE ?
	    "Pairwise" : "Group", k->key_info & D11_KI_INSTALL ? ", Install" :
	    "", k->key_info & D11_KI_ACK ? ", ACK" : "", k->key_info &
	    D11_KI_MIC ? ", MIC" : "", k->key_info & D11_KI_SECURE ?
	    ", Secure" : "", k->key_info & D11_KI_ERROR ? ", Error" : "",
	    k->key_info & D11_KI_ENCR_DATA ? ", Encrypted Key Data" : "");
	fld(t, 1, e + 7, 2, "Key Length: %u", k->key_len);
	fld(t, 1, e + 9, 8, "Replay Counter: %llu",
	    (unsigned long long)k->replay);
	fld(t, 1, k->nonce, 32, "WPA Key Nonce: %s",
	    hex(k->nonce, 32, h, sizeof h));
	if (k->mic != NULL)
		fld(t, 1, k->mic, k->mic_len, "WPA Key MIC: %s",
		    hex(k->mic, k->mic_len, h, sizeof h));
	if (k->mic != NULL)
		fld(t, 1, k->mic + k->mic_len, 2, "WPA Key Data Length: %u",
		    k->key_data_len);
	if (k->key_data != NULL)
		fld(t, 1, k->key_data, k->key_data_len, "WPA Key Data (%u "
		    "bytes)", k->key_data_len);
	if (k->pmkid_kde != NULL)
		fld(t, 2, k->pmkid_kde, 16, "PMKID KDE: %s",
		    hex(k->pmkid_kde, 16, h, sizeof h));
}

void
detail_fields(struct tui *t)
{
	const struct d11_frame	*f = &df;
	const uint8_t		*q;
	char			 clk[32], m[18], type[96], st[96];
	int			 a;

	t->nfields = 0;
	d11_parse(t->df_dlt, t->df_raw, t->df_len, &df);
	frame_summary(f, type, sizeof type, st, sizeof st, &a);
	fld(t, 0, t->df_raw, t->df_len, "Frame %llu: %u bytes, %s, %s",
	    (unsigned long long)t->df_n, t->df_len,
	    tui_clock(t->df_ts, clk, sizeof clk, true),
	    d11_dlt_name(t->df_dlt));
	if (f->radio.hdr_len != 0) {
		fld(t, 0, t->df_raw, f->radio.hdr_len, "Radio header (%s): "
		    "%u bytes", d11_dlt_name(t->df_dlt), f->radio.hdr_len);
		if (f->radio.present & D11_RADIO_FREQ)
			fld(t, 1, NULL, 0, "Channel frequency: %u MHz "
			    "(channel %d)", f->radio.freq,
			    d11_freq_to_channel(f->radio.freq));
		if (f->radio.present & D11_RADIO_SIGNAL)
			fld(t, 1, NULL, 0, "Antenna signal: %d dBm",
			    f->radio.signal);
	}
	if (f->error != D11_OK && f->mac == NULL) {
		fld(t, 0, NULL, 0, "Not decoded (parser error %d)", f->error);
		return;
	}
	fld(t, 0, f->mac, f->body != NULL ? (size_t)(f->body - f->mac) :
	    f->mac_len, "IEEE 802.11 %s%s%s", type, f->retry ? ", retry" :
	    "", f->protected ? ", protected" : "");
	fld(t, 1, f->mac, 2, "Frame Control: 0x%04x (type %u, subtype %u%s%s"
	    "%s%s)", f->fc, f->type, f->subtype, f->to_ds ? ", ToDS" : "",
	    f->from_ds ? ", FromDS" : "", f->retry ? ", Retry" : "",
	    f->protected ? ", Protected" : "");
	fld(t, 1, f->mac + 2, 2, "Duration: %u us", f->duration);
	if (f->addr1 != NULL)
		fld(t, 1, f->addr1, 6, "Receiver address: %s",
		    tui_mac(f->addr1, m));
	if (f->addr2 != NULL)
		fld(t, 1, f->addr2, 6, "Transmitter address: %s",
		    tui_mac(f->addr2, m));
	if (f->addr3 != NULL)
		fld(t, 1, f->addr3, 6, "%s: %s", f->type == D11_FC_TYPE_MGMT ?
		    "BSS Id" : "Address 3", tui_mac(f->addr3, m));
	if (f->has_seq && f->addr3 != NULL)
		fld(t, 1, f->addr3 + 6, 2, "Sequence number: %u, fragment %u",
		    f->seq, f->frag);
	if (f->addr4 != NULL)
		fld(t, 1, f->addr4, 6, "Address 4: %s", tui_mac(f->addr4, m));
	if (f->has_qos && f->addr3 != NULL) {
		q = f->addr3 + 8 + (f->addr4 != NULL ? 6 : 0);
		fld(t, 1, q, 2, "QoS Control: 0x%04x (TID %u)", f->qos,
		    f->qos & 0x0f);
	}
	if (f->body == NULL)
		return;
	if (f->type == D11_FC_TYPE_MGMT && f->protected &&
	    f->kind != D11_K_AUTH) {
		fld(t, 0, f->body, f->body_len, "Frame body: %zu bytes, "
		    "encrypted (PMF)", f->body_len);
		if (f->kind != D11_K_ACTION && f->kind != D11_K_ACTION_NOACK)
			return;
	}
	fld(t, 0, f->body, f->body_len, "%s body: %zu bytes%s",
	    f->type == D11_FC_TYPE_MGMT ? "Management" : "Data", f->body_len,
	    st[0] ? ", status " : "");
	if (st[0] != '\0')
		snprintf(t->fields[t->nfields - 1].text, TUI_FIELD_TEXT,
		    "%s body: %zu bytes, status %s", f->type ==
		    D11_FC_TYPE_MGMT ? "Management" : "Data", f->body_len, st);
	if (f->kind == D11_K_ACTION || f->kind == D11_K_ACTION_NOACK)
		action_fields(t, f);
	else if (f->type == D11_FC_TYPE_MGMT)
		mgmt_fields(t, f);
	else if (f->kind == D11_K_EAPOL || f->kind == D11_K_EAP)
		eapol_fields(t, f);
}

void
detail_move(struct tui *t, long d, bool absolute)
{
	long	r, n = (long)t->nfields;

	if (n == 0)
		return;
	if (absolute)
		r = d < 0 ? n - 1 : d;
	else
		r = (long)t->fd_sel + d;
	if (r < 0)
		r = 0;
	if (r >= n)
		r = n - 1;
	t->fd_sel = (size_t)r;
}

void
detail_draw(struct tui *t, int y, int h)
{
	const struct tui_field	*sf;
	char			 title[128], pfx[64];
	int			 hf, hh, row, bpr, i, x, first, nrows, attr;
	int			 off, len;
	size_t			 k;

	detail_title(t, title, sizeof title);
	tui_hline(t, y, 0, t->cols, TA_TITLE, title);
	hf = (h - 2) * 55 / 100;
	hh = h - 2 - hf;
	if (t->fd_sel >= t->nfields)
		t->fd_sel = t->nfields ? t->nfields - 1 : 0;
	if (t->fd_sel < t->fd_top)
		t->fd_top = t->fd_sel;
	if (hf > 0 && t->fd_sel >= t->fd_top + (size_t)hf)
		t->fd_top = t->fd_sel - (size_t)hf + 1;
	for (row = 0; row < hf; row++) {
		k = t->fd_top + (size_t)row;
		if (k >= t->nfields)
			break;
		attr = k == t->fd_sel ? TA_SEL : t->fields[k].depth == 0 ?
		    TA_TITLE : TA_NORMAL;
		if (k == t->fd_sel)
			tui_fill(t, y + 1 + row, 0, t->cols, attr);
		snprintf(pfx, sizeof pfx, "%*s", 1 + 2 * t->fields[k].depth, "");
		x = tui_put(t, y + 1 + row, 0, t->cols, attr, pfx);
		x += tui_put(t, y + 1 + row, x, t->cols - x, attr,
		    t->fields[k].text);
		if (t->ws_names)
			detail_ws_name(t, k, y + 1 + row, x, attr);
	}

	/* The hex dump, scrolled to the selected field's first byte. */
	sf = t->nfields ? &t->fields[t->fd_sel] : NULL;
	off = sf != NULL ? sf->off : -1;
	len = sf != NULL ? sf->len : 0;
	if (off >= 0)
		snprintf(title, sizeof title, "bytes %d-%d of %u", off,
		    off + len - 1, t->df_len);
	else
		snprintf(title, sizeof title, "%u bytes (this field has no "
		    "bytes of its own)", t->df_len);
	tui_hline(t, y + 1 + hf, 0, t->cols, TA_DIM, title);
	bpr = t->cols >= 78 ? 16 : 8;
	nrows = ((int)t->df_len + bpr - 1) / bpr;
	first = off >= 0 ? off / bpr - hh / 3 : 0;
	if (first + hh > nrows)
		first = nrows - hh;
	if (first < 0)
		first = 0;
	for (row = 0; row < hh && first + row < nrows; row++) {
		int	 base = (first + row) * bpr, yy = y + 2 + hf + row;

		tui_putf(t, yy, 0, 6, TA_DIM, "%04x", base);
		for (i = 0; i < bpr && base + i < (int)t->df_len; i++) {
			uint8_t	 c = t->df_raw[base + i];
			char	 hx[4], ch[2];
			bool	 hi = off >= 0 && base + i >= off &&
				    base + i < off + len;

			snprintf(hx, sizeof hx, "%02x", c);
			x = 6 + i * 3 + (i >= 8 ? 1 : 0);
			tui_put(t, yy, x, 2, hi ? TA_HILITE : TA_NORMAL, hx);
			if (hi && i + 1 < bpr && base + i + 1 < off + len &&
			    i != 7)
				tui_put(t, yy, x + 2, 1, TA_HILITE, " ");
			ch[0] = c >= 0x20 && c < 0x7f ? (char)c : '.';
			ch[1] = '\0';
			tui_put(t, yy, 6 + bpr * 3 + 2 + i, 1,
			    hi ? TA_HILITE : TA_DIM, ch);
		}
	}
}
