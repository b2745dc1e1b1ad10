/*
 * frames.c -- the --frames JSON lines (issue 2, "The headless frame dump").
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

	if (wpa1) {
		json_key(j, "wpa1");
		json_bool(j, true);
	}
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
		json_key(j, "mfpc");
		json_bool(j, (r->caps & D11_RSN_CAP_MFPC) != 0);
		json_key(j, "mfpr");
		json_bool(j, (r->caps & D11_RSN_CAP_MFPR) != 0);
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
	if (t->r0kh_id != NULL) {
		json_key(j, "r0kh_id");
		json_strn(j, t->r0kh_id, t->r0kh_id_len);
	}
	if (t->r1kh_id != NULL) {
		json_key(j, "r1kh_id");
		json_mac(j, t->r1kh_id);
	}
	if (t->anonce != NULL) {
		json_key(j, "anonce");
		json_hex(j, t->anonce, 32);
	}
	if (t->snonce != NULL) {
		json_key(j, "snonce");
		json_hex(j, t->snonce, 32);
	}
	if (t->mic != NULL) {
		json_key(j, "mic");
		json_hex(j, t->mic, t->mic_len);
	}
	json_key(j, "element_count");
	json_uint(j, t->mic_control >> 8);
	json_obj_end(j);
}

static void
print_elems(struct json *j, const struct d11_frame *f)
{
	const struct d11_elems	*e = &f->ie;
	unsigned		 i, n;

	if (e->ssid != NULL) {
		json_key(j, "ssid");
		json_strn(j, e->ssid, e->ssid_len);
	}
	if (e->ds_channel >= 0) {
		json_key(j, "ds_channel");
		json_int(j, e->ds_channel);
	}
	if (e->has_mde) {
		json_key(j, "mdid");
		json_hex(j, e->mde.mdid, 2);
		json_key(j, "ft_over_ds");
		json_bool(j, (e->mde.ft_capab & D11_MDE_FT_OVER_DS) != 0);
	}
	if (e->rsn_ie != NULL)
		print_rsne(j, &e->rsn, false);
	else if (e->wpa_ie != NULL)
		print_rsne(j, &e->wpa, true);
	if (e->fte_ie != NULL)
		print_fte(j, &e->fte);
	if (e->has_timeout) {
		json_key(j, "timeout_type");
		json_uint(j, e->timeout_type);
		json_key(j, "timeout_value");
		json_uint(j, e->timeout_value);
	}
	n = e->n_neighbors < D11_MAX_NEIGHBORS ? e->n_neighbors :
	    D11_MAX_NEIGHBORS;
	if (e->n_neighbors > 0) {
		json_key(j, "neighbors");
		json_arr_begin(j);
		for (i = 0; i < n; i++) {
			json_obj_begin(j);
			json_key(j, "bssid");
			json_mac(j, e->neighbors[i].bssid);
			json_key(j, "channel");
			json_uint(j, e->neighbors[i].channel);
			json_key(j, "op_class");
			json_uint(j, e->neighbors[i].op_class);
			if (e->neighbors[i].preference >= 0) {
				json_key(j, "preference");
				json_int(j, e->neighbors[i].preference);
			}
			json_obj_end(j);
		}
		json_arr_end(j);
	}
	if (f->kind == D11_K_BEACON || f->kind == D11_K_PROBE_RESP ||
	    f->kind == D11_K_ASSOC_REQ || f->kind == D11_K_REASSOC_REQ) {
		json_key(j, "rm_neighbor_report");
		json_bool(j, d11_elems_rm_neighbor_report(e));
		json_key(j, "bss_transition");
		json_bool(j, d11_elems_bss_transition(e));
	}
	if (e->n_duplicate > 0) {
		json_key(j, "duplicate");
		json_uint(j, e->n_duplicate);
	}
}

static void
print_action(struct json *j, const struct d11_frame *f)
{
	const struct d11_action	*a = &f->act;
	const struct d11_elems	*e = &f->ie;
	unsigned		 i, n;

	if (!a->readable) {
		json_key(j, "readable");
		json_bool(j, false);
		return;
	}
	if (f->body_len < 1)
		return;
	json_key(j, "category");
	json_uint(j, a->category);
	json_key(j, "category_name");
	json_str(j, d11_category_name(a->category));
	if (a->has_action) {
		json_key(j, "action");
		json_uint(j, a->action);
		json_key(j, "action_name");
		json_str(j, d11_action_name(a->category, a->action));
	}
	if (a->has_dialog_token) {
		json_key(j, "dialog_token");
		json_uint(j, a->dialog_token);
	}
	if ((a->category == D11_CAT_WNM) && a->has_action) {
		switch (a->action) {
		case D11_WNM_BTM_QUERY:
			json_key(j, "btm_query_reason");
			json_uint(j, a->btm_query_reason);
			break;
		case D11_WNM_BTM_REQ:
			json_key(j, "btm_mode");
			json_uint(j, a->btm_mode);
			json_key(j, "btm_disassoc_timer");
			json_uint(j, a->btm_disassoc_timer);
			json_key(j, "btm_validity");
			json_uint(j, a->btm_validity);
			json_key(j, "btm_candidates");
			json_arr_begin(j);
			n = e->n_neighbors < D11_MAX_NEIGHBORS ?
			    e->n_neighbors : D11_MAX_NEIGHBORS;
			for (i = 0; f->has_elems && i < n; i++)
				json_mac(j, e->neighbors[i].bssid);
			json_arr_end(j);
			if (a->btm_url != NULL) {
				json_key(j, "btm_url");
				json_strn(j, a->btm_url, a->btm_url_len);
			}
			break;
		case D11_WNM_BTM_RESP:
			break;
		}
	}
	if (a->has_btm_status) {
		json_key(j, "btm_status");
		json_uint(j, a->btm_status);
		json_key(j, "btm_status_name");
		json_str(j, d11_btm_status_name(a->btm_status));
	}
	if (a->btm_target != NULL) {
		json_key(j, "btm_target");
		json_mac(j, a->btm_target);
	}
	if (a->ft_sta != NULL) {
		json_key(j, "ft_sta");
		json_mac(j, a->ft_sta);
	}
	if (a->ft_target_ap != NULL) {
		json_key(j, "ft_target_ap");
		json_mac(j, a->ft_target_ap);
	}
}

static void
print_eapol(struct json *j, const struct d11_eapol *e)
{
	static const char *const msgs[] = {
		NULL, "1", "2", "3", "4", "\"g1\"", "\"g2\"", "\"req\""
	};

	json_key(j, "eapol_type");
	json_uint(j, e->type);
	if (e->type != D11_EAPOL_KEY)
		return;
	json_key(j, "key_desc");
	json_uint(j, e->desc_type);
	json_key(j, "key_info");
	json_uint(j, e->key_info);
	if (e->msg != D11_EAPOL_M_UNKNOWN && e->msg < 8) {
		json_key(j, "eapol_msg");
		json_raw(j, msgs[e->msg]);
	}
	if (e->nonce == NULL)
		return;
	json_key(j, "replay");
	json_uint(j, e->replay);
	json_key(j, "mic_len");
	json_uint(j, e->mic_len);
	json_key(j, "key_data_len");
	json_uint(j, e->key_data_len);
	if (e->pmkid_kde != NULL) {
		json_key(j, "pmkid_kde");
		json_hex(j, e->pmkid_kde, 16);
	}
}

static void
print_eap(struct json *j, const struct d11_eapol *e)
{
	if (e->eap_code == 0)
		return;
	json_key(j, "eap_code");
	json_uint(j, e->eap_code);
	json_key(j, "eap_id");
	json_uint(j, e->eap_id);
	if (e->eap_type != 0) {
		json_key(j, "eap_type");
		json_uint(j, e->eap_type);
		json_key(j, "eap_type_name");
		json_str(j, d11_eap_type_name(e->eap_type));
	}
	if (e->identity != NULL) {
		json_key(j, "eap_identity");
		json_strn(j, e->identity, e->identity_len);
	}
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
	json_key(j, key);
	json_mac(j, mac);
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
	json_key(&j, "n");
	json_uint(&j, rec->n);

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
	json_key(&j, "ts");
	json_raw(&j, ts);

	if (f->radio.present & D11_RADIO_FREQ) {
		json_key(&j, "freq");
		json_uint(&j, f->radio.freq);
		if ((ch = d11_freq_to_channel(f->radio.freq)) != 0) {
			json_key(&j, "channel");
			json_int(&j, ch);
		}
	}
	if (f->radio.present & D11_RADIO_SIGNAL) {
		json_key(&j, "rssi");
		json_int(&j, f->radio.signal);
	}
	if (f->radio.present & D11_RADIO_NOISE) {
		json_key(&j, "noise");
		json_int(&j, f->radio.noise);
	}
	if (f->bad_fcs) {
		json_key(&j, "bad_fcs");
		json_bool(&j, true);
	}
	if (rec->cut) {
		json_key(&j, "cut");
		json_bool(&j, true);
	}
	json_key(&j, "type");
	json_str(&j, d11_kind_name(f->kind));
	if (f->kind == D11_K_NONE) {
		json_key(&j, "error");
		json_str(&j, error_name(f->error));
		json_obj_end(&j);
		putc('\n', out);
		return;
	}
	json_key(&j, "subtype");
	json_uint(&j, f->type << 4 | f->subtype);
	json_key(&j, "retry");
	json_bool(&j, f->retry);
	json_key(&j, "protected");
	json_bool(&j, f->protected);
	if (f->has_seq) {
		json_key(&j, "seq");
		json_uint(&j, f->seq);
	}
	addr(&j, "sa", f->sa);
	addr(&j, "da", f->da);
	addr(&j, "bssid", f->bssid);
	if (f->type == D11_FC_TYPE_CTRL || (f->to_ds && f->from_ds)) {
		addr(&j, "ra", f->ra);
		addr(&j, "ta", f->ta);
	}
	addr(&j, "current_ap", f->current_ap);

	if (f->has_status) {
		json_key(&j, "status");
		json_uint(&j, f->status);
		json_key(&j, "status_name");
		json_str(&j, d11_status_name(f->status));
	}
	if (f->has_reason) {
		json_key(&j, "reason");
		json_uint(&j, f->reason);
		json_key(&j, "reason_name");
		json_str(&j, d11_reason_name(f->reason));
	}
	if (f->has_auth) {
		json_key(&j, "auth_alg");
		json_uint(&j, f->auth_alg);
		json_key(&j, "auth_alg_name");
		json_str(&j, d11_auth_alg_name(f->auth_alg));
		json_key(&j, "auth_seq");
		json_uint(&j, f->auth_seq);
	}
	if (f->has_aid) {
		json_key(&j, "aid");
		json_uint(&j, f->aid);
	}
	if (f->has_listen) {
		json_key(&j, "listen_interval");
		json_uint(&j, f->listen_interval);
	}
	if (f->has_capab) {
		json_key(&j, "capab");
		json_uint(&j, f->capab);
	}
	if (f->kind == D11_K_BEACON || f->kind == D11_K_PROBE_RESP) {
		json_key(&j, "beacon_int");
		json_uint(&j, f->beacon_int);
	}
	if (f->kind == D11_K_ACTION || f->kind == D11_K_ACTION_NOACK)
		print_action(&j, f);
	if (f->has_elems)
		print_elems(&j, f);
	if (f->kind == D11_K_EAPOL)
		print_eapol(&j, &f->eapol);
	else if (f->kind == D11_K_EAP)
		print_eap(&j, &f->eapol);
	if (f->type == D11_FC_TYPE_DATA && f->ethertype != 0 &&
	    f->kind == D11_K_DATA) {
		json_key(&j, "ethertype");
		json_uint(&j, f->ethertype);
	}
	if (f->is_null) {
		json_key(&j, "null");
		json_bool(&j, true);
	}
	if ((m = malformed(f)) != 0) {
		json_key(&j, "malformed");
		json_uint(&j, m);
	}
	json_obj_end(&j);
	putc('\n', out);
}
