/*
 * frames.c -- the --frames JSON lines: one per frame, for scripts.
 *
 * A key is printed only when the frame carries the field; see
 * doc/frames.md.  Nothing here decodes: it prints what d11_parse() filled.
 */
#include <inttypes.h>
#include <stdlib.h>

#include "dot11/dot11.h"
#include "frames.h"
#include "json.h"

static const char *
error_name(enum d11_error e)
{
	switch (e) {
	case D11_OK:
		return "ok";
	case D11_E_RADIO_TRUNC:
		return "radio_truncated";
	case D11_E_RADIO_BAD:
		return "radio_malformed";
	case D11_E_SHORT:
		return "too_short";
	case D11_E_LINKTYPE:
		return "linktype";
	case D11_E_BODY_TRUNC:
		return "body_truncated";
	}
	return "unknown";
}

/* 00-0F-AC suites as their type number, others as "xx-xx-xx:N". */
static void
suite(struct json *j, uint32_t s)
{
	char	 buf[16];

	if ((s >> 8) == D11_OUI_IEEE) {
		json_uint(j, s & 0xff);
		return;
	}
	snprintf(buf, sizeof(buf), "%02x-%02x-%02x:%u", (s >> 24) & 0xff,
	    (s >> 16) & 0xff, (s >> 8) & 0xff, s & 0xff);
	json_str(j, buf);
}

static void
suite_list(struct json *j, const char *key, const uint8_t *p, unsigned n)
{
	unsigned	 i;

	json_key(j, key);
	json_arr_begin(j);
	for (i = 0; i < n; i++)
		suite(j, d11_suite(p + 4 * i));
	json_arr_end(j);
}

static void
print_rsne(struct json *j, const struct d11_rsne *r, bool wpa1)
{
	unsigned	 i;

	if (wpa1)
		json_kv_bool(j, "wpa1", true);
	if (r->has_group) {
		json_key(j, wpa1 ? "wpa_group" : "group");
		suite(j, r->group);
	}
	if (r->has_pairwise)
		suite_list(j, wpa1 ? "wpa_pairwise" : "pairwise", r->pairwise,
		    r->n_pairwise);
	if (r->has_akm)
		suite_list(j, wpa1 ? "wpa_akms" : "akms", r->akm, r->n_akm);
	if (wpa1)
		return;
	if (r->has_caps) {
		json_kv_bool(j, "mfpc", (r->caps & D11_RSN_CAP_MFPC) != 0);
		json_kv_bool(j, "mfpr", (r->caps & D11_RSN_CAP_MFPR) != 0);
	}
	if (r->has_pmkid && r->n_pmkid > 0) {
		json_key(j, "pmkids");
		json_arr_begin(j);
		for (i = 0; i < r->n_pmkid; i++)
			json_hex(j, r->pmkid + 16 * i, 16);
		json_arr_end(j);
	}
	if (r->has_group_mgmt) {
		json_key(j, "group_mgmt");
		suite(j, r->group_mgmt);
	}
}

static void
print_fte(struct json *j, const struct d11_fte *t)
{
	json_key(j, "fte");
	json_obj_begin(j);
	if (t->r0kh_id != NULL)
		json_kv_air(j, "r0kh_id", t->r0kh_id, t->r0kh_id_len);
	if (t->r1kh_id != NULL)
		json_kv_mac(j, "r1kh_id", t->r1kh_id);
	if (t->anonce != NULL)
		json_kv_hex(j, "anonce", t->anonce, 32);
	if (t->snonce != NULL)
		json_kv_hex(j, "snonce", t->snonce, 32);
	if (t->mic != NULL)
		json_kv_hex(j, "mic", t->mic, t->mic_len);
	json_kv_uint(j, "element_count", t->mic_control >> 8);
	json_obj_end(j);
}

/* An ID list: its Element IDs and Element ID Extensions, as kept. */
static void
id_list(struct json *j, const char *ids, const char *ext,
    const uint8_t *id, unsigned n_id, const uint8_t *x, unsigned n_x)
{
	unsigned	 i;

	json_key(j, ids);
	json_arr_begin(j);
	for (i = 0; i < n_id; i++)
		json_uint(j, id[i]);
	json_arr_end(j);
	json_key(j, ext);
	json_arr_begin(j);
	for (i = 0; i < n_x; i++)
		json_uint(j, x[i]);
	json_arr_end(j);
}

static void
idlist(struct json *j, const char *ids, const char *ext,
    const struct d11_idlist *l)
{
	id_list(j, ids, ext, l->ids, l->n_ids < D11_ML_MAX_IDS ? l->n_ids :
	    D11_ML_MAX_IDS, l->ext, l->n_ext < D11_ML_MAX_EXT ? l->n_ext :
	    D11_ML_MAX_EXT);
}

static void
print_ml_sta(struct json *j, const struct d11_ml *ml,
    const struct d11_ml_sta *s)
{
	json_obj_begin(j);
	json_kv_uint(j, "link_id", s->link_id);
	json_kv_uint(j, "sta_control", s->ctrl);
	json_kv_bool(j, "complete", s->complete);
	if (s->has_mac)
		json_kv_mac(j, "sta_mac", s->mac);
	if (s->has_bi)
		json_kv_uint(j, "beacon_int", s->beacon_int);
	if (s->has_tsf)
		json_kv_uint(j, "tsf_offset", s->tsf_offset);
	if (s->has_dtim) {
		json_kv_uint(j, "dtim_count", s->dtim_count);
		json_kv_uint(j, "dtim_period", s->dtim_period);
	}
	if (s->has_nstr)
		json_kv_uint(j, "nstr_bitmap", s->nstr_bitmap);
	if (s->has_bpcc)
		json_kv_uint(j, "bss_params_change_count", s->bpcc);
	if (ml->type == D11_ML_RECONF) {
		json_kv_uint(j, "reconf_op", s->reconf_op);
		json_kv_str(j, "reconf_op_name",
		    d11_reconf_op_name(s->reconf_op));
	}
	if (s->has_timer)
		json_kv_uint(j, "ap_removal_timer", s->removal_timer);
	if (s->has_op_params)
		json_kv_hex(j, "op_params", s->op_params,
		    sizeof(s->op_params));
	if (s->has_capab)
		json_kv_uint(j, "capab", s->capab);
	if (s->has_status) {
		json_kv_uint(j, "status", s->status);
		json_kv_str(j, "status_name", d11_status_name(s->status));
	}
	if (s->channel >= 0)
		json_kv_int(j, "channel", s->channel);
	if (s->has_rsn && s->akm != 0) {
		json_key(j, "akm");
		suite(j, s->akm);
	}
	if (s->elems.n_ids + s->elems.n_ext > 0)
		idlist(j, "element_ids", "element_ext_ids", &s->elems);
	if (s->complete && !s->malformed && ml->type != D11_ML_PREQ)
		idlist(j, "inherited_ids", "inherited_ext_ids",
		    &s->inherited);
	if (s->has_noninh)
		id_list(j, "non_inherited_ids", "non_inherited_ext_ids",
		    s->noninh_ids, s->n_noninh_ids < D11_ML_MAX_NONINH ?
		    s->n_noninh_ids : D11_ML_MAX_NONINH, s->noninh_ext,
		    s->n_noninh_ext < D11_ML_MAX_NONINH ? s->n_noninh_ext :
		    D11_ML_MAX_NONINH);
	if (s->n_frags > 0)
		json_kv_uint(j, "fragments", s->n_frags);
	if (s->malformed)
		json_kv_bool(j, "malformed", true);
	json_obj_end(j);
}

static void
print_ml(struct json *j, const char *key, const struct d11_elems *e,
    const struct d11_ml *ml)
{
	const struct d11_ml_sta	*s;
	unsigned		 i;

	json_key(j, key);
	json_obj_begin(j);
	json_kv_uint(j, "type", ml->type);
	json_kv_str(j, "type_name", d11_ml_type_name(ml->type));
	json_kv_uint(j, "control", ml->ctrl);
	if (ml->common_len > 0)
		json_kv_uint(j, "common_info_len", ml->common_len);
	if (ml->has_mld_addr)
		json_kv_mac(j, "mld_addr", ml->mld_addr);
	if (ml->has_link_id)
		json_kv_uint(j, "link_id", ml->link_id_info &
		    D11_ML_LINK_ID_MASK);
	if (ml->has_bpcc)
		json_kv_uint(j, "bss_params_change_count", ml->bpcc);
	if (ml->has_msd)
		json_kv_uint(j, "medium_sync_delay", ml->msd);
	if (ml->has_eml)
		json_kv_uint(j, "eml_capa", ml->eml_capa);
	if (ml->has_mld_capa)
		json_kv_uint(j, "mld_capa", ml->mld_capa);
	if (ml->has_mld_id)
		json_kv_uint(j, "ap_mld_id", ml->ap_mld_id);
	if (ml->has_ext_capa)
		json_kv_uint(j, "ext_mld_capa", ml->ext_mld_capa);
	if (ml->n_frags > 0)
		json_kv_uint(j, "fragments", ml->n_frags);
	if (ml->n_sta > 0) {
		json_key(j, "profiles");
		json_arr_begin(j);
		for (i = 0; (s = d11_ml_profile(e, ml, i)) != NULL; i++)
			print_ml_sta(j, ml, s);
		json_arr_end(j);
		if (i < ml->n_sta)
			json_kv_uint(j, "profile_count", ml->n_sta);
	}
	if (ml->n_sub_other > 0)
		json_kv_uint(j, "other_subelements", ml->n_sub_other);
	if (ml->malformed)
		json_kv_bool(j, "malformed", true);
	json_obj_end(j);
}

static void
print_eht(struct json *j, const struct d11_elems *e)
{
	static const unsigned	 mhz[] = { 20, 40, 80, 160, 320 };
	const struct d11_eht_cap *c = &e->eht_cap;
	const struct d11_eht_op	*o = &e->eht_op;

	if (e->has_eht) {
		json_key(j, "eht_cap");
		json_obj_begin(j);
		json_kv_uint(j, "mac_capa", c->mac_capa);
		json_kv_hex(j, "phy_capa", c->phy_capa, 9);
		json_kv_bool(j, "supports_320mhz",
		    (c->phy_capa[0] & D11_EHT_PHY0_320MHZ) != 0);
		if (c->mcs_nss != NULL)
			json_kv_hex(j, "mcs_nss", c->mcs_nss, c->mcs_nss_len);
		json_kv_bool(j, "ppe_thresholds", c->ppe);
		json_obj_end(j);
	}
	if (e->has_eht_op) {
		json_key(j, "eht_op");
		json_obj_begin(j);
		json_kv_uint(j, "params", o->params);
		json_kv_uint(j, "basic_mcs_nss", o->basic_mcs_nss);
		if (o->has_info) {
			if (o->width < sizeof(mhz) / sizeof(mhz[0]))
				json_kv_uint(j, "width", mhz[o->width]);
			else
				json_kv_uint(j, "width_code", o->width);
			json_kv_uint(j, "ccfs0", o->ccfs0);
			json_kv_uint(j, "ccfs1", o->ccfs1);
		}
		if (o->has_disabled)
			json_kv_uint(j, "disabled_subchannels", o->disabled);
		json_obj_end(j);
	}
}

static void
print_rnr(struct json *j, const struct d11_elems *e)
{
	const struct d11_rnr	*r;
	unsigned		 i;

	json_key(j, "rnr");
	json_arr_begin(j);
	for (i = 0; i < e->n_rnr && i < D11_MAX_RNR; i++) {
		r = &e->rnr[i];
		json_obj_begin(j);
		json_kv_uint(j, "op_class", r->op_class);
		json_kv_uint(j, "channel", r->channel);
		json_kv_uint(j, "tbtt_type", r->info_type);
		json_kv_uint(j, "tbtt_len", r->info_len);
		if (r->filtered)
			json_kv_bool(j, "filtered", true);
		if (r->info_type == 0 && r->info_len > 0)
			json_kv_uint(j, "tbtt_offset", r->tbtt_offset);
		if (r->has_bssid)
			json_kv_mac(j, "bssid", r->tbtt + 1);
		if (r->has_short_ssid)
			json_kv_uint(j, "short_ssid", r->short_ssid);
		if (r->has_bss_params)
			json_kv_uint(j, "bss_params", r->bss_params);
		if (r->has_psd)
			json_kv_int(j, "psd", r->psd);
		if (r->has_mld) {
			json_kv_uint(j, "mld_id", r->mld_id);
			json_kv_uint(j, "link_id", r->link_id);
			json_kv_uint(j, "bss_params_change_count", r->bpcc);
			json_kv_bool(j, "all_updates", r->all_updates);
			json_kv_bool(j, "link_disabled", r->disabled);
		}
		json_obj_end(j);
	}
	json_arr_end(j);
	if (e->n_rnr > D11_MAX_RNR)
		json_kv_uint(j, "rnr_count", e->n_rnr);
}

static void
print_elems(struct json *j, const struct d11_frame *f)
{
	const struct d11_elems	*e = &f->ie;
	unsigned		 i, n;

	if (e->ssid != NULL)
		json_kv_air(j, "ssid", e->ssid, e->ssid_len);
	if (e->ds_channel >= 0)
		json_kv_int(j, "ds_channel", e->ds_channel);
	if (e->has_mde) {
		json_kv_hex(j, "mdid", e->mde.mdid, 2);
		json_kv_bool(j, "ft_over_ds",
		    (e->mde.ft_capab & D11_MDE_FT_OVER_DS) != 0);
	}
	if (e->rsn_ie != NULL)
		print_rsne(j, &e->rsn, false);
	else if (e->wpa_ie != NULL)
		print_rsne(j, &e->wpa, true);
	if (e->fte_ie != NULL)
		print_fte(j, &e->fte);
	if (e->has_timeout) {
		json_kv_uint(j, "timeout_type", e->timeout_type);
		json_kv_uint(j, "timeout_value", e->timeout_value);
	}
	n = e->n_neighbors < D11_MAX_NEIGHBORS ? e->n_neighbors :
	    D11_MAX_NEIGHBORS;
	if (e->n_neighbors > 0) {
		json_key(j, "neighbors");
		json_arr_begin(j);
		for (i = 0; i < n; i++) {
			json_obj_begin(j);
			json_kv_mac(j, "bssid", e->neighbors[i].bssid);
			json_kv_uint(j, "channel", e->neighbors[i].channel);
			json_kv_uint(j, "op_class", e->neighbors[i].op_class);
			if (e->neighbors[i].preference >= 0)
				json_kv_int(j, "preference",
				    e->neighbors[i].preference);
			json_obj_end(j);
		}
		json_arr_end(j);
	}
	if (f->kind == D11_K_BEACON || f->kind == D11_K_PROBE_RESP ||
	    f->kind == D11_K_ASSOC_REQ || f->kind == D11_K_REASSOC_REQ) {
		json_kv_bool(j, "rm_neighbor_report",
		    d11_elems_rm_neighbor_report(e));
		json_kv_bool(j, "bss_transition", d11_elems_bss_transition(e));
	}
	if (e->has_ml)
		print_ml(j, "ml", e, &e->ml);
	if (e->has_ml_reconf)
		print_ml(j, "ml_reconf", e, &e->ml_reconf);
	print_eht(j, e);
	if (e->n_rnr > 0)
		print_rnr(j, e);
	if (e->n_duplicate > 0)
		json_kv_uint(j, "duplicate", e->n_duplicate);
}

static void
print_action(struct json *j, const struct d11_frame *f)
{
	const struct d11_action	*a = &f->act;
	const struct d11_elems	*e = &f->ie;
	unsigned		 i, n;

	if (!a->readable) {
		json_kv_bool(j, "readable", false);
		return;
	}
	if (f->body_len < 1)
		return;
	json_kv_uint(j, "category", a->category);
	json_kv_str(j, "category_name", d11_category_name(a->category));
	if (a->has_action) {
		json_kv_uint(j, "action", a->action);
		json_kv_str(j, "action_name",
		    d11_action_name(a->category, a->action));
	}
	if (a->has_dialog_token)
		json_kv_uint(j, "dialog_token", a->dialog_token);
	if ((a->category == D11_CAT_WNM) && a->has_action) {
		switch (a->action) {
		case D11_WNM_BTM_QUERY:
			json_kv_uint(j, "btm_query_reason",
			    a->btm_query_reason);
			break;
		case D11_WNM_BTM_REQ:
			json_kv_uint(j, "btm_mode", a->btm_mode);
			json_kv_uint(j, "btm_disassoc_timer",
			    a->btm_disassoc_timer);
			json_kv_uint(j, "btm_validity", a->btm_validity);
			if (a->btm_mode & D11_BTM_LINK_REMOVAL)
				json_kv_bool(j, "btm_link_removal", true);
			json_key(j, "btm_candidates");
			json_arr_begin(j);
			n = e->n_neighbors < D11_MAX_NEIGHBORS ?
			    e->n_neighbors : D11_MAX_NEIGHBORS;
			for (i = 0; f->has_elems && i < n; i++)
				json_mac(j, e->neighbors[i].bssid);
			json_arr_end(j);
			if (a->btm_url != NULL)
				json_kv_air(j, "btm_url", a->btm_url,
				    a->btm_url_len);
			break;
		case D11_WNM_BTM_RESP:
			break;
		}
	}
	if (a->has_btm_status) {
		json_kv_uint(j, "btm_status", a->btm_status);
		json_kv_str(j, "btm_status_name",
		    d11_btm_status_name(a->btm_status));
	}
	if (a->btm_target != NULL)
		json_kv_mac(j, "btm_target", a->btm_target);
	if (a->ft_sta != NULL)
		json_kv_mac(j, "ft_sta", a->ft_sta);
	if (a->ft_target_ap != NULL)
		json_kv_mac(j, "ft_target_ap", a->ft_target_ap);
}

static void
print_eapol(struct json *j, const struct d11_eapol *e)
{
	static const char *const msgs[] = {
		NULL, "1", "2", "3", "4", "\"g1\"", "\"g2\"", "\"req\""
	};
	unsigned		 i;

	json_kv_uint(j, "eapol_type", e->type);
	if (e->type != D11_EAPOL_KEY)
		return;
	json_kv_uint(j, "key_desc", e->desc_type);
	json_kv_uint(j, "key_info", e->key_info);
	if (e->msg != D11_EAPOL_M_UNKNOWN && e->msg < 8)
		json_kv_raw(j, "eapol_msg", msgs[e->msg]);
	if (e->nonce == NULL)
		return;
	json_kv_uint(j, "replay", e->replay);
	json_kv_uint(j, "mic_len", e->mic_len);
	json_kv_uint(j, "key_data_len", e->key_data_len);
	if (e->pmkid_kde != NULL)
		json_kv_hex(j, "pmkid_kde", e->pmkid_kde, 16);
	if (e->mac_kde != NULL)
		json_kv_mac(j, "mac_kde", e->mac_kde);
	if (e->n_mlo_links > 0) {
		json_key(j, "mlo_links");
		json_arr_begin(j);
		for (i = 0; i < e->n_mlo_links && i < D11_EAPOL_MAX_LINKS;
		    i++) {
			json_obj_begin(j);
			json_kv_uint(j, "link_id", e->mlo_link[i].info &
			    D11_KDE_LINK_ID_MASK);
			json_kv_mac(j, "addr", e->mlo_link[i].addr);
			json_obj_end(j);
		}
		json_arr_end(j);
	}
}

static void
print_eap(struct json *j, const struct d11_eapol *e)
{
	if (e->eap_code == 0)
		return;
	json_kv_uint(j, "eap_code", e->eap_code);
	json_kv_uint(j, "eap_id", e->eap_id);
	if (e->eap_type != 0) {
		json_kv_uint(j, "eap_type", e->eap_type);
		json_kv_str(j, "eap_type_name", d11_eap_type_name(e->eap_type));
	}
	if (e->identity != NULL)
		json_kv_air(j, "eap_identity", e->identity, e->identity_len);
}

static unsigned
malformed(const struct d11_frame *f)
{
	unsigned	 n = 0;

	if (f->type == D11_FC_TYPE_MGMT)
		n += f->ie.n_malformed;
	if (f->kind == D11_K_ACTION || f->kind == D11_K_ACTION_NOACK)
		n += f->act.malformed;
	if (f->kind == D11_K_EAPOL || f->kind == D11_K_EAP)
		n += f->eapol.malformed;
	return n;
}

bool
frames_wanted(const struct rs_rec *rec, bool all)
{
	enum d11_kind	 k = rec->f.kind;

	if (all)
		return true;
	return (k >= D11_K_ASSOC_REQ && k <= D11_K_MGMT_OTHER) ||
	    k == D11_K_EAPOL || k == D11_K_EAP;
}

static void
addr(struct json *j, const char *key, const uint8_t *mac)
{
	if (mac == NULL)
		return;
	json_kv_mac(j, key, mac);
}

void
frames_print(FILE *out, const struct rs_rec *rec, bool all)
{
	const struct d11_frame	*f = &rec->f;
	struct json		 j;
	char			 ts[48];
	int64_t			 s, ns;
	unsigned		 m;
	int			 ch;

	if (!frames_wanted(rec, all))
		return;
	json_init(&j, out);
	json_obj_begin(&j);
	json_kv_uint(&j, "n", rec->n);

	s = rec->ts_ns / 1000000000;
	ns = rec->ts_ns % 1000000000;
	if (ns < 0) {
		s--;
		ns += 1000000000;
	}
	if (ns % 1000 == 0)
		snprintf(ts, sizeof(ts), "%" PRId64 ".%06" PRId64, s,
		    ns / 1000);
	else
		snprintf(ts, sizeof(ts), "%" PRId64 ".%09" PRId64, s, ns);
	json_kv_raw(&j, "ts", ts);

	if (f->radio.present & D11_RADIO_FREQ) {
		json_kv_uint(&j, "freq", f->radio.freq);
		if ((ch = d11_freq_to_channel(f->radio.freq)) != 0)
			json_kv_int(&j, "channel", ch);
	}
	if (f->radio.present & D11_RADIO_SIGNAL)
		json_kv_int(&j, "rssi", f->radio.signal);
	if (f->radio.present & D11_RADIO_NOISE)
		json_kv_int(&j, "noise", f->radio.noise);
	if (f->bad_fcs)
		json_kv_bool(&j, "bad_fcs", true);
	if (rec->cut)
		json_kv_bool(&j, "cut", true);
	/* shorter than on the air: the capture's snaplen, not a lie */
	if (rec->origlen > rec->caplen && !rec->cut)
		json_kv_bool(&j, "clipped", true);
	json_kv_str(&j, "type", d11_kind_name(f->kind));
	if (f->kind == D11_K_NONE) {
		json_kv_str(&j, "error", error_name(f->error));
		json_obj_end(&j);
		putc('\n', out);
		return;
	}
	json_kv_uint(&j, "subtype", f->type << 4 | f->subtype);
	json_kv_bool(&j, "retry", f->retry);
	/* a decrypted frame was protected on the air */
	json_kv_bool(&j, "protected", f->protected || rec->decrypted);
	if (rec->decrypted)
		json_kv_bool(&j, "decrypted", true);
	if (f->has_seq)
		json_kv_uint(&j, "seq", f->seq);
	addr(&j, "sa", f->sa);
	addr(&j, "da", f->da);
	addr(&j, "bssid", f->bssid);
	if (f->type == D11_FC_TYPE_CTRL || (f->to_ds && f->from_ds)) {
		addr(&j, "ra", f->ra);
		addr(&j, "ta", f->ta);
	}
	addr(&j, "current_ap", f->current_ap);

	if (f->has_status) {
		json_kv_uint(&j, "status", f->status);
		json_kv_str(&j, "status_name", d11_status_name(f->status));
	}
	if (f->has_reason) {
		json_kv_uint(&j, "reason", f->reason);
		json_kv_str(&j, "reason_name", d11_reason_name(f->reason));
	}
	if (f->has_auth) {
		json_kv_uint(&j, "auth_alg", f->auth_alg);
		json_kv_str(&j, "auth_alg_name",
		    d11_auth_alg_name(f->auth_alg));
		json_kv_uint(&j, "auth_seq", f->auth_seq);
	}
	if (f->has_aid)
		json_kv_uint(&j, "aid", f->aid);
	if (f->has_listen)
		json_kv_uint(&j, "listen_interval", f->listen_interval);
	if (f->has_capab)
		json_kv_uint(&j, "capab", f->capab);
	if (f->kind == D11_K_BEACON || f->kind == D11_K_PROBE_RESP)
		json_kv_uint(&j, "beacon_int", f->beacon_int);
	if (f->kind == D11_K_ACTION || f->kind == D11_K_ACTION_NOACK)
		print_action(&j, f);
	if (f->has_elems)
		print_elems(&j, f);
	if (f->kind == D11_K_EAPOL)
		print_eapol(&j, &f->eapol);
	else if (f->kind == D11_K_EAP)
		print_eap(&j, &f->eapol);
	if (f->type == D11_FC_TYPE_DATA && f->ethertype != 0 &&
	    f->kind == D11_K_DATA)
		json_kv_uint(&j, "ethertype", f->ethertype);
	if (f->is_null)
		json_kv_bool(&j, "null", true);
	/* a clipped record overruns its own lengths by design */
	if ((m = malformed(f)) != 0 && !rs_rec_clipped(rec))
		json_kv_uint(&j, "malformed", m);
	json_obj_end(&j);
	putc('\n', out);
}
