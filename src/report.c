/*
 * report.c -- the headless report: text, JSON and CSV views of the engine's
 * state (the contract is doc/report.md).
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cap/cap.h"
#include "engine/engine.h"
#include "json.h"
#include "logrun.h"
#include "report.h"
#include "rs.h"
#include "text.h"

/* Seconds with microseconds, as "%lld.%06lld" (without snprintf: the
 * report writes several for each roam). */
static void
ts_str(int64_t ns, char *buf, size_t len)
{
	char		 b[32];
	uint64_t	 s, us;
	size_t		 i = sizeof b, k;

	if (ns < 0)
		ns = 0;
	s = (uint64_t)ns / 1000000000u;
	us = (uint64_t)ns % 1000000000u / 1000;
	b[--i] = '\0';
	for (k = 0; k < 6; k++, us /= 10)
		b[--i] = (char)('0' + us % 10);
	b[--i] = '.';
	do
		b[--i] = (char)('0' + s % 10);
	while ((s /= 10) != 0);
	/* cut to len as snprintf would */
	if (len == 0)
		return;
	k = sizeof b - 1 - i;
	if (k > len - 1)
		k = len - 1;
	memcpy(buf, b + i, k);
	buf[k] = '\0';
}

/* A time stamp as seconds with microseconds. */
static void
kv_ts(struct json *j, const char *key, int64_t ns)
{
	char b[32];

	ts_str(ns, b, sizeof b);
	json_kv_raw(j, key, b);
}

/* A duration in milliseconds, null if not measured (negative). */
static void
kv_ms(struct json *j, const char *key, double ms)
{
	char b[32];

	if (ms < 0) {
		json_kv_null(j, key);
		return;
	}
	snprintf(b, sizeof b, "%.3f", ms);
	json_kv_raw(j, key, b);
}

static void
mdid_str(const uint8_t *m, char out[5])
{
	snprintf(out, 5, "%02x%02x", m[0], m[1]);
}

/* A mobility domain as four hex digits, null if there is none. */
static void
kv_mdid(struct json *j, const char *key, bool have, const uint8_t *m)
{
	char md[5];

	if (!have) {
		json_kv_null(j, key);
		return;
	}
	mdid_str(m, md);
	json_kv_str(j, key, md);
}

/* A band as the report writes it ("2.4", "5", "6"), null if unknown. */
static void
kv_band(struct json *j, const char *key, uint8_t band)
{
	json_kv_str_or_null(j, key, eng_band_name(band)[0] != '\0' ?
	    eng_band_name(band) : NULL);
}

/* A roam's lifecycle, its context and its events. */
static void
json_roam_ctx(struct json *j, const struct eng_roam *r)
{
	const struct eng_side *o = &r->old_ap, *n = &r->new_ap;
	const struct eng_event *ev;
	unsigned i;

	json_kv_uint(j, "id", r->id);
	json_kv_uint(j, "frames_over", r->frames_over);
	kv_ts(j, "last_frame", r->last_frame_ns);
	json_kv_str(j, "state", eng_state_name(r->state));
	json_key(j, "states");
	json_arr_begin(j);
	for (i = 0; i < r->nhist; i++) {
		json_obj_begin(j);
		json_kv_str(j, "state", eng_state_name(r->hist[i].state));
		kv_ts(j, "time", r->hist[i].ts_ns);
		json_obj_end(j);
	}
	json_arr_end(j);
	kv_ms(j, "outage_ms", r->outage_ms);
	json_kv_int_or_null(j, "from_channel", o->channel != 0, o->channel);
	json_kv_int_or_null(j, "to_channel", n->channel != 0, n->channel);
	kv_band(j, "from_band", o->band);
	kv_band(j, "to_band", n->band);
	json_kv_int_or_null(j, "from_freq", o->freq != 0, o->freq);
	json_kv_int_or_null(j, "to_freq", n->freq != 0, n->freq);
	json_kv_int_or_null(j, "from_width_mhz", o->width_mhz != 0,
	    o->width_mhz);
	json_kv_int_or_null(j, "to_width_mhz", n->width_mhz != 0,
	    n->width_mhz);
	json_kv_int_or_null(j, "rssi_before_dbm", o->has_rssi, o->rssi);
	json_kv_int_or_null(j, "rssi_after_dbm", n->has_rssi, n->rssi);
	json_kv_int_or_null(j, "rssi_drop_db", r->has_rssi_drop,
	    r->rssi_drop_db);
	json_kv_int_or_null(j, "rssi_before_frame", o->has_rssi,
	    (long long)o->rssi_frame);
	json_kv_int_or_null(j, "rssi_after_frame", n->has_rssi,
	    (long long)n->rssi_frame);
	json_kv_int_or_null(j, "client_rssi_before_dbm", o->has_client_rssi,
	    o->client_rssi);
	json_kv_int_or_null(j, "client_rssi_after_dbm", n->has_client_rssi,
	    n->client_rssi);
	json_kv_int_or_null(j, "client_rssi_before_frame",
	    o->has_client_rssi, (long long)o->client_rssi_frame);
	json_kv_int_or_null(j, "client_rssi_after_frame", n->has_client_rssi,
	    (long long)n->client_rssi_frame);
	json_kv_str(j, "trigger", eng_trigger_name(r->trigger));
	json_kv_int_or_null(j, "trigger_btm_mode", r->trigger_btm_mode >= 0,
	    r->trigger_btm_mode);
	json_kv_int_or_null(j, "trigger_reason", r->trigger_reason >= 0,
	    r->trigger_reason);
	json_key(j, "events");
	json_arr_begin(j);
	for (i = 0; i < r->nevents; i++) {
		ev = &r->events[i];
		json_obj_begin(j);
		json_kv_str(j, "type", eng_event_name(ev->kind));
		kv_ts(j, "time", ev->ts_ns);
		json_kv_uint(j, "reason", ev->reason);
		json_kv_str(j, "reason_name", d11_reason_name(ev->reason));
		json_kv_str(j, "by", ev->by_ap ? "ap" : "client");
		json_kv_mac(j, "ap", ev->ap);
		json_kv_uint(j, "frame", ev->frame);
		json_obj_end(j);
	}
	json_arr_end(j);
}

/* A join's or roam's links (802.11be MLO). */
static void
json_links(struct json *j, const char *key, const struct eng_link *l,
    unsigned n, bool granted)
{
	unsigned i;

	json_key(j, key);
	json_arr_begin(j);
	for (i = 0; i < n; i++) {
		if (granted && l[i].refused)
			continue;
		json_obj_begin(j);
		json_kv_uint(j, "link_id", l[i].link_id);
		json_kv_mac_or_null(j, "sta", l[i].has_sta ? l[i].sta : NULL);
		json_kv_mac_or_null(j, "bssid", l[i].has_bssid ? l[i].bssid :
		    NULL);
		json_kv_int_or_null(j, "channel", l[i].channel != 0,
		    l[i].channel);
		json_kv_int_or_null(j, "freq", l[i].freq != 0, l[i].freq);
		kv_band(j, "band", l[i].band);
		json_kv_int_or_null(j, "status", l[i].status >= 0,
		    l[i].status);
		json_kv_bool(j, "refused", l[i].refused);
		json_kv_bool(j, "removed", l[i].removed);
		json_obj_end(j);
	}
	json_arr_end(j);
}

static void
json_roam_mlo(struct json *j, const struct eng_roam *r)
{
	const struct eng_mlo *m = &r->mlo;
	const struct eng_link_event *ev;
	unsigned i;

	json_kv_bool(j, "mlo", m->is_mlo);
	json_kv_mac_or_null(j, "from_bssid", r->has_from ? r->from : NULL);
	json_kv_mac(j, "to_bssid", r->to);
	json_links(j, "links", m->to_links, m->nto, false);
	json_links(j, "from_links", m->from_links, m->nfrom, true);
	json_links(j, "to_links", m->to_links, m->nto, true);
	json_kv_uint(j, "links_refused", m->nrefused);
	json_kv_uint(j, "links_lost", m->nlost);
	json_key(j, "link_events");
	json_arr_begin(j);
	for (i = 0; i < m->nevents; i++) {
		ev = &m->events[i];
		json_obj_begin(j);
		kv_ts(j, "time", ev->ts_ns);
		json_kv_str(j, "event", eng_link_ev_name(ev->kind));
		json_kv_uint(j, "link_id", ev->link_id);
		json_kv_int_or_null(j, "timer_tbtt", ev->timer_tbtt >= 0,
		    ev->timer_tbtt);
		json_kv_uint(j, "frame", ev->frame);
		json_obj_end(j);
	}
	json_arr_end(j);
}

/* from/to of a roam: the AP MLDs for a multi-link one, else the BSSIDs. */
static const uint8_t *
roam_from(const struct eng_roam *r)
{
	if (!r->has_from)
		return NULL;
	return r->mlo.has_from_mld ? r->mlo.from_mld : r->from;
}

static const uint8_t *
roam_to(const struct eng_roam *r)
{
	return r->mlo.has_to_mld ? r->mlo.to_mld : r->to;
}

static void
kv_verdict(struct json *j, const char *key, enum eng_kv v)
{
	if (eng_kv_name(v) != NULL)
		json_kv_str(j, key, eng_kv_name(v));
}

/* What the network's keys proved: null without --keys (or no check of
 * this attempt's handshakes); each check "ok", "bad" or left out when it
 * could not be made; the key line that verified, never the key. */
static void
json_roam_keys(struct json *j, const struct eng_keys *k)
{
	if (!k->checked) {
		json_kv_null(j, "keys");
		return;
	}
	json_key(j, "keys");
	json_obj_begin(j);
	kv_verdict(j, "m2_mic", k->m2_mic);
	kv_verdict(j, "pmkid", k->pmkid);
	kv_verdict(j, "pmkr0name", k->pmkr0name);
	kv_verdict(j, "pmkr1name", k->pmkr1name);
	kv_verdict(j, "fte_mic", k->fte_mic);
	json_kv_str_or_null(j, "key", k->key[0] != '\0' ? k->key : NULL);
	json_kv_uint(j, "tried", k->tried);
	json_kv_bool(j, "ptk", k->ptk);
	if (k->has_r0name)
		json_kv_hex(j, "r0name", k->r0name, 16);
	if (k->has_r1name)
		json_kv_hex(j, "r1name", k->r1name, 16);
	json_obj_end(j);
}

static void
json_roam(struct json *j, struct eng *e, struct logrun *lr,
    const struct eng_roam *r)
{
	const struct eng_phase *ph;
	unsigned i;

	json_obj_begin(j);
	json_kv_mac(j, "client", r->client);
	json_kv_mac_or_null(j, "from", roam_from(r));
	json_kv_mac(j, "to", roam_to(r));
	json_kv_air(j, "ssid", r->ssid, strlen(r->ssid));
	kv_ts(j, "start", r->start_ns);
	kv_ts(j, "end", r->end_ns);
	json_kv_str(j, "method", eng_method_name(r->method));
	json_kv_str(j, "result", eng_result_name(r->result));
	json_kv_int_or_null(j, "status", r->status >= 0, r->status);
	json_kv_str(j, "status_name", r->status >= 0 ?
	    d11_status_name((uint16_t)r->status) : "");
	kv_ms(j, "total_ms", r->total_ms);
	kv_ms(j, "gap_ms", r->gap_ms);
	json_kv_str(j, "verdict", eng_verdict_name(r->verdict));
	json_kv_bool(j, "hard", r->hard);
	json_kv_uint(j, "retries", r->retries);
	json_kv_uint(j, "attempts", r->attempts);
	json_key(j, "phases");
	json_arr_begin(j);
	for (i = 0; i < r->nphases; i++) {
		ph = &r->phases[i];
		json_obj_begin(j);
		json_kv_str(j, "phase", eng_phase_name(ph->kind));
		kv_ts(j, "start", ph->start_ns);
		kv_ms(j, "ms", ph->ms);
		json_kv_str(j, "verdict", eng_verdict_name(ph->verdict));
		json_kv_int_or_null(j, "status", ph->status >= 0, ph->status);
		json_kv_str(j, "status_name", eng_phase_status_name(ph));
		json_kv_uint(j, "retries", ph->retries);
		json_kv_bool(j, "inferred", ph->protected_);
		json_kv_mac(j, "ap", ph->ap);
		json_kv_uint(j, "tries", ph->tries);
		json_kv_bool(j, "late", ph->late);
		json_kv_bool(j, "decrypted", ph->decrypted);
		json_obj_end(j);
	}
	json_arr_end(j);
	json_roam_keys(j, &r->keys);
	json_key(j, "diagnoses");
	json_arr_begin(j);
	for (i = 0; i < r->ndiags; i++) {
		json_obj_begin(j);
		json_kv_str(j, "code", r->diags[i].code);
		json_kv_str(j, "text", r->diags[i].text);
		json_obj_end(j);
	}
	json_arr_end(j);
	json_key(j, "frames");
	json_arr_begin(j);
	for (i = 0; i < r->nframes; i++)
		json_uint(j, r->frames[i]);
	json_arr_end(j);
	json_roam_ctx(j, r);
	logrun_json_roam(j, lr, e, r);
	json_roam_mlo(j, r);
	json_obj_end(j);
}

static void
json_akms(struct json *j, const uint32_t *akms, unsigned n)
{
	unsigned i;

	json_arr_begin(j);
	for (i = 0; i < n; i++)
		json_str(j, d11_akm_name(akms[i]));
	json_arr_end(j);
}

static void
json_ap(struct json *j, const struct eng_ap *a)
{
	char t[128];
	unsigned i;

	json_obj_begin(j);
	json_kv_mac(j, "bssid", a->bssid);
	if (a->has_ssid)
		json_kv_air(j, "ssid", a->ssid, a->ssid_len);
	else
		json_kv_null(j, "ssid");
	json_kv_uint(j, "channel", a->channel);
	json_kv_uint(j, "freq", a->freq);
	kv_mdid(j, "mdid", a->has_mde, a->mdid);
	json_kv_bool(j, "ft_over_ds", a->ft_over_ds);
	json_kv_bool(j, "ft", a->ft);
	json_key(j, "akms");
	json_akms(j, a->akms, a->nakms);
	json_kv_uint(j, "rsn_caps", a->rsn_caps);
	json_kv_bool(j, "nr", a->nr);
	json_kv_bool(j, "btm", a->btm);
	json_kv_int_or_null(j, "rssi", a->has_rssi, a->rssi);
	json_kv_uint(j, "beacons", a->beacons);
	kv_ts(j, "first_seen", a->first_ns);
	kv_ts(j, "last_seen", a->last_ns);
	kv_band(j, "band", a->band);
	json_kv_int_or_null(j, "width_mhz", a->width_mhz != 0, a->width_mhz);
	json_kv_mac_or_null(j, "mld", a->has_mld ? a->mld : NULL);
	json_kv_int_or_null(j, "link_id", a->has_mld, a->link_id);
	json_key(j, "changes");
	json_arr_begin(j);
	for (i = 0; i < a->nchanges; i++) {
		eng_ap_change_text(&a->changes[i], t, sizeof t);
		json_obj_begin(j);
		kv_ts(j, "time", a->changes[i].ts_ns);
		json_kv_str(j, "field", eng_ap_field_name(a->changes[i].field));
		json_kv_str(j, "from", a->changes[i].from);
		json_kv_str(j, "to", a->changes[i].to);
		json_kv_str(j, "text", t);
		json_obj_end(j);
	}
	json_arr_end(j);
	json_kv_uint(j, "changes_total", a->changes_total);
	json_obj_end(j);
}

/* The client's findings: sticky episodes and ping-pong. */
static void
json_client_findings(struct json *j, const struct eng_client *c)
{
	const struct eng_sticky *k;
	const struct eng_ping_pong *p;
	unsigned i;

	json_kv_mac_or_null(j, "last_bss", c->has_last_bss ? c->last_bss :
	    NULL);
	json_key(j, "sticky");
	json_arr_begin(j);
	for (i = 0; i < c->nsticky; i++) {
		k = &c->sticky[i];
		json_obj_begin(j);
		kv_ts(j, "start", k->start_ns);
		kv_ts(j, "end", k->end_ns);
		kv_ms(j, "ms", k->ms);
		json_kv_bool(j, "open", k->open);
		json_kv_mac(j, "ap", k->ap);
		json_kv_int(j, "ap_rssi_dbm", k->ap_rssi);
		json_kv_mac(j, "better", k->better);
		json_kv_int(j, "better_rssi_dbm", k->better_rssi);
		json_kv_int(j, "delta_db", k->delta_db);
		json_kv_str(j, "verdict", eng_verdict_name(k->verdict));
		json_obj_end(j);
	}
	json_arr_end(j);
	json_kv_uint(j, "sticky_total", c->sticky_total);
	json_key(j, "ping_pong");
	json_arr_begin(j);
	for (i = 0; i < c->nping_pong; i++) {
		p = &c->ping_pong[i];
		json_obj_begin(j);
		kv_ts(j, "time", p->ts_ns);
		json_kv_mac(j, "a", p->a);
		json_kv_mac(j, "b", p->b);
		kv_ms(j, "ms", p->ms);
		json_kv_bool(j, "band_loop", p->band_loop);
		json_key(j, "roams");
		json_arr_begin(j);
		json_uint(j, p->roam_ids[0]);
		json_uint(j, p->roam_ids[1]);
		json_arr_end(j);
		json_obj_end(j);
	}
	json_arr_end(j);
	json_kv_uint(j, "ping_pong_total", c->ping_pong_total);
}

/* Per AP pair: the roam matrix. */
static void
json_pairs(struct json *j, struct eng *e)
{
	const struct eng_pair *p;
	size_t i;

	json_key(j, "pairs");
	json_arr_begin(j);
	for (i = 0; i < eng_npairs(e); i++) {
		p = eng_pair(e, i);
		json_obj_begin(j);
		json_kv_mac(j, "from", p->from);
		json_kv_mac(j, "to", p->to);
		json_kv_uint(j, "roams", p->roams);
		json_kv_uint(j, "failed", p->failed);
		kv_ms(j, "median_ms", p->median_ms);
		kv_ms(j, "median_outage_ms", p->median_outage_ms);
		json_obj_end(j);
	}
	json_arr_end(j);
}

static void
json_client(struct json *j, const struct eng_client *c)
{
	const struct eng_caps *k = &c->caps;

	json_obj_begin(j);
	json_kv_mac(j, "mac", c->mac);
	json_kv_mac_or_null(j, "bss", c->has_bss ? c->bss : NULL);
	json_kv_bool(j, "associated", c->associated);
	json_kv_air(j, "ssid", c->ssid, strlen(c->ssid));
	json_key(j, "caps");
	json_obj_begin(j);
	json_kv_bool(j, "k", k->k);
	json_kv_bool(j, "v", k->v);
	json_kv_bool(j, "r", k->r);
	json_kv_bool(j, "w", k->w);
	json_kv_bool(j, "known", k->known);
	json_kv_bool(j, "nr", k->nr);
	json_kv_bool(j, "mfpr", k->mfpr);
	kv_mdid(j, "mdid", k->has_mdid, k->mdid);
	json_kv_bool(j, "ft_akm", k->ft_akm);
	json_key(j, "bands");
	json_arr_begin(j);
	if (k->bands & ENG_BAND_2G)
		json_str(j, "2.4");
	if (k->bands & ENG_BAND_5G)
		json_str(j, "5");
	if (k->bands & ENG_BAND_6G)
		json_str(j, "6");
	json_arr_end(j);
	json_kv_bool(j, "ht", k->ht);
	json_kv_bool(j, "vht", k->vht);
	json_kv_bool(j, "he", k->he);
	json_kv_bool(j, "eht", k->eht);
	json_obj_end(j);
	json_key(j, "akms");
	json_akms(j, k->akms, k->nakms);
	json_kv_int_or_null(j, "rssi", c->has_rssi, c->rssi);
	json_kv_uint(j, "roams", c->nroams);
	json_kv_uint(j, "joins", c->njoins);
	json_kv_uint(j, "failed", c->nfailed);
	kv_ts(j, "first_seen", c->first_ns);
	kv_ts(j, "last_seen", c->last_ns);
	json_client_findings(j, c);
	json_kv_bool(j, "mld", c->mld);
	json_kv_mac_or_null(j, "ap_mld", c->has_ap_mld ? c->ap_mld : NULL);
	json_links(j, "links", c->links, c->nlinks, false);
	json_obj_end(j);
}

/* Whether AP i is the first link seen of its AP MLD. */
static bool
first_link(struct eng *e, size_t i)
{
	const struct eng_ap *a = eng_ap(e, i), *b;
	size_t k;

	if (!a->has_mld)
		return false;
	for (k = 0; k < i; k++) {
		b = eng_ap(e, k);
		if (b->has_mld && memcmp(b->mld, a->mld, 6) == 0)
			return false;
	}
	return true;
}

/* Each AP MLD with its links, first seen first. */
static void
json_ap_mlds(struct json *j, struct eng *e)
{
	const struct eng_ap *a, *b;
	size_t i, k;

	json_key(j, "ap_mlds");
	json_arr_begin(j);
	for (i = 0; i < eng_naps(e); i++) {
		if (!first_link(e, i))
			continue;
		a = eng_ap(e, i);
		json_obj_begin(j);
		json_kv_mac(j, "mld", a->mld);
		json_key(j, "links");
		json_arr_begin(j);
		for (k = i; k < eng_naps(e); k++) {
			b = eng_ap(e, k);
			if (!b->has_mld || memcmp(b->mld, a->mld, 6) != 0)
				continue;
			json_obj_begin(j);
			json_kv_uint(j, "link_id", b->link_id);
			json_kv_mac(j, "bssid", b->bssid);
			json_kv_uint(j, "channel", b->channel);
			json_kv_uint(j, "freq", b->freq);
			kv_band(j, "band", b->band);
			json_obj_end(j);
		}
		json_arr_end(j);
		json_obj_end(j);
	}
	json_arr_end(j);
}

static void
json_sources(struct json *j, struct cap *cap)
{
	struct cap_source_info si;
	uint64_t drops = 0;
	size_t i;

	json_key(j, "sources");
	json_arr_begin(j);
	for (i = 0; i < cap_nsources(cap); i++) {
		cap_source_info(cap, i, &si);
		json_obj_begin(j);
		json_kv_str(j, "name", si.name);
		json_kv_str(j, "desc", si.desc);
		json_kv_int(j, "dlt", si.dlt);
		json_kv_uint(j, "received", si.received);
		json_kv_uint(j, "ring_drops", si.ring_drops);
		json_kv_uint(j, "kernel_drops", si.kernel_drops);
		/* copies another source delivered */
		json_kv_uint(j, "dups", si.dups);
		json_kv_str_or_null(j, "error", si.error != 0 ? si.errmsg :
		    NULL);
		json_obj_end(j);
	}
	json_arr_end(j);
	for (i = 0; i < cap_nsources(cap); i++) {
		cap_source_info(cap, i, &si);
		drops += si.ring_drops + si.kernel_drops;
	}
	json_kv_uint(j, "drops", drops);
}

static void
report_json(FILE *fp, struct eng *e, struct cap *cap, struct logrun *lr)
{
	const struct eng_counters *cn = eng_counters(e);
	const struct eng_finding *fd;
	const struct eng_roam *r;
	struct json j;
	size_t i, n;
	int pass;
	unsigned b;

	json_init(&j, fp);
	json_obj_begin(&j);
	for (pass = 0; pass < 2; pass++) {
		json_key(&j, pass == 0 ? "roams" : "joins");
		json_arr_begin(&j);
		n = eng_nroams_all(e);
		for (i = 0; i < n; i++)
			if (eng_roam_all_is_join(e, i) == (pass == 1) &&
			    (r = eng_roam_all(e, i)) != NULL)
				json_roam(&j, e, lr, r);
		json_arr_end(&j);
	}
	json_key(&j, "aps");
	json_arr_begin(&j);
	for (i = 0; i < eng_naps(e); i++)
		json_ap(&j, eng_ap(e, i));
	json_arr_end(&j);
	json_key(&j, "clients");
	json_arr_begin(&j);
	for (i = 0; i < eng_nclients(e); i++)
		json_client(&j, eng_client(e, i));
	json_arr_end(&j);
	json_key(&j, "findings");
	json_arr_begin(&j);
	for (i = 0; i < eng_nfindings(e); i++) {
		fd = eng_finding(e, i);
		json_obj_begin(&j);
		json_kv_str(&j, "code", fd->code);
		json_kv_air(&j, "ssid", fd->ssid, strlen(fd->ssid));
		json_key(&j, "bssids");
		json_arr_begin(&j);
		for (b = 0; b < fd->nbssids; b++)
			json_mac(&j, fd->bssids[b]);
		json_arr_end(&j);
		json_kv_str(&j, "text", fd->text);
		if (fd->ts_ns != 0)
			kv_ts(&j, "time", fd->ts_ns);
		else
			json_kv_null(&j, "time");
		json_obj_end(&j);
	}
	json_arr_end(&j);
	json_ap_mlds(&j, e);
	json_pairs(&j, e);
	json_key(&j, "summary");
	json_obj_begin(&j);
	json_kv_uint(&j, "frames", cn->frames);
	json_kv_uint(&j, "aps", cn->aps);
	json_kv_uint(&j, "clients", cn->clients);
	json_kv_uint(&j, "roams", cn->roams);
	json_kv_uint(&j, "joins", cn->joins);
	json_kv_uint(&j, "failed", cn->roams_failed);
	json_kv_uint(&j, "fail", cn->fail);
	json_kv_uint(&j, "warn", cn->warn);
	json_kv_uint(&j, "roams_aged", cn->roams_aged);
	json_kv_uint(&j, "clients_aged", cn->clients_aged);
	json_obj_end(&j);
	if (cap != NULL)
		json_sources(&j, cap);
	logrun_json(&j, lr);
	json_obj_end(&j);
	fputc('\n', fp);
}

static void
ms_cell(double ms, char *buf, size_t len)
{
	if (ms < 0)
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%.1f", ms);
}

/* "ch 1 (2.4 GHz)", "?" when unknown. */
static void
side_str(const struct eng_side *sd, char *buf, size_t len)
{
	if (sd->channel == 0)
		snprintf(buf, len, "?");
	else if (sd->band != 0)
		snprintf(buf, len, "ch %u (%s GHz)", sd->channel,
		    eng_band_name(sd->band));
	else
		snprintf(buf, len, "ch %u", sd->channel);
}

/* The lifecycle state, context and events of a roam, indented. */
static void
text_roam_ctx(FILE *fp, const struct eng_roam *r, int64_t t0)
{
	const struct eng_event *ev;
	char a[32], b[32], m[18];
	unsigned i;

	side_str(&r->old_ap, a, sizeof a);
	side_str(&r->new_ap, b, sizeof b);
	fprintf(fp, "           state %s, trigger %s", eng_state_name(r->state),
	    eng_trigger_name(r->trigger));
	if (r->trigger_btm_mode >= 0)
		fprintf(fp, " (BTM mode 0x%02x)", r->trigger_btm_mode);
	if (r->trigger_reason >= 0)
		fprintf(fp, " (let go, reason %d)", r->trigger_reason);
	if (r->has_from)
		fprintf(fp, ", %s -> %s", a, b);
	else
		fprintf(fp, ", %s", b);
	if (r->old_ap.has_rssi || r->new_ap.has_rssi) {
		fputs(", rssi ", fp);
		if (r->old_ap.has_rssi)
			fprintf(fp, "%d", r->old_ap.rssi);
		else
			fputc('?', fp);
		if (r->new_ap.has_rssi)
			fprintf(fp, " -> %d dBm", r->new_ap.rssi);
		else
			fputs(" -> ? dBm", fp);
		if (r->has_rssi_drop)
			fprintf(fp, " (drop %d dB)", r->rssi_drop_db);
	}
	if (r->outage_ms >= 0)
		fprintf(fp, ", outage %.1f ms", r->outage_ms);
	if (r->attempts > 1)
		fprintf(fp, ", %u tries", r->attempts);
	fputc('\n', fp);
	for (i = 0; i < r->nevents; i++) {
		ev = &r->events[i];
		fprintf(fp, "           %s by the %s at %.3f s: %s reason %u "
		    "(%s)\n", eng_event_name(ev->kind), ev->by_ap ? "AP" :
		    "client", (double)(ev->ts_ns - t0) / 1e9,
		    d11_mac_str(ev->ap, m), ev->reason,
		    d11_reason_name(ev->reason));
	}
}

/* "keys: m2_mic ok, pmkr0name ok (FILE:1)" */
static void
text_roam_keys(FILE *fp, const struct eng_keys *k)
{
	static const char *names[] = { "m2_mic", "pmkid", "pmkr0name",
	    "pmkr1name", "fte_mic" };
	enum eng_kv v[5];
	char safe[ENG_KEY_LABEL * 3];
	unsigned i, n = 0;

	if (!k->checked)
		return;
	v[0] = k->m2_mic;
	v[1] = k->pmkid;
	v[2] = k->pmkr0name;
	v[3] = k->pmkr1name;
	v[4] = k->fte_mic;
	fprintf(fp, "           keys:");
	for (i = 0; i < 5; i++)
		if (eng_kv_name(v[i]) != NULL)
			fprintf(fp, "%s %s %s", n++ ? "," : "", names[i],
			    eng_kv_name(v[i]));
	if (n == 0)
		fprintf(fp, " nothing checkable");
	if (k->key[0] != '\0') {
		text_safe(safe, sizeof safe, k->key);
		fprintf(fp, " (key %s)", safe);
	} else if (k->tried > 0)
		fprintf(fp, " (no key verifies, %u tried)", k->tried);
	fputc('\n', fp);
}

/* "02:00:00:b1:ef:9f ch 1 + 02:00:00:14:e8:7d ch 6", the granted links
 * (refused: all, marked). */
static void
links_str(char *buf, size_t len, const struct eng_link *l, unsigned n,
    bool refused, char sep)
{
	char m[18];
	size_t o = 0;
	unsigned i;
	int w;

	buf[0] = '\0';
	for (i = 0; i < n && o < len; i++) {
		if (!refused && l[i].refused)
			continue;
		if (l[i].has_bssid)
			d11_mac_str(l[i].bssid, m);
		else
			snprintf(m, sizeof m, "link %u", l[i].link_id);
		w = snprintf(buf + o, len - o, "%s%s%s%u%s", o ? (sep == '+' ?
		    " + " : ";") : "", m, sep == '+' ? " ch " : "/",
		    l[i].channel, l[i].refused && refused ? (sep == '+' ?
		    " (refused)" : "/refused") : "");
		if (w < 0)
			break;
		o += (size_t)w;
	}
}

static void
text_roam_mlo(FILE *fp, const struct eng_roam *r, int64_t t0)
{
	const struct eng_mlo *m = &r->mlo;
	const struct eng_link_event *ev;
	char a[ENG_MAX_LINKS * 48], b[ENG_MAX_LINKS * 48];
	unsigned i;

	if (!m->is_mlo || m->nfrom + m->nto == 0)
		return;
	links_str(a, sizeof a, m->from_links, m->nfrom, false, '+');
	links_str(b, sizeof b, m->to_links, m->nto, true, '+');
	if (m->nfrom > 0)
		fprintf(fp, "           links %s -> %s\n", a, b[0] ? b :
		    "(none)");
	else
		fprintf(fp, "           links %s\n", b);
	if (m->nrefused > 0 || m->nlost > 0)
		fprintf(fp, "           %u link(s) refused, %u lost\n",
		    m->nrefused, m->nlost);
	for (i = 0; i < m->nevents; i++) {
		ev = &m->events[i];
		fprintf(fp, "           link %u %s at %.3f s", ev->link_id,
		    eng_link_ev_name(ev->kind),
		    (double)(ev->ts_ns - t0) / 1e9);
		if (ev->timer_tbtt >= 0)
			fprintf(fp, " (in %d TBTTs)", ev->timer_tbtt);
		fputc('\n', fp);
	}
}

static void
text_roam(FILE *fp, struct eng *e, struct logrun *lr,
    const struct eng_roam *r, int64_t t0)
{
	char c[18], f[18], t[18], tot[16], gap[16], st[16];
	char safe[ENG_DIAG_TEXT * 3];
	const struct eng_phase *ph;
	unsigned i;

	d11_mac_str(r->client, c);
	if (r->has_from)
		d11_mac_str(roam_from(r), f);
	else
		snprintf(f, sizeof f, "%-17s", "(none)");
	d11_mac_str(roam_to(r), t);
	ms_cell(r->total_ms, tot, sizeof tot);
	ms_cell(r->gap_ms, gap, sizeof gap);
	if (r->status >= 0)
		snprintf(st, sizeof st, "%d", r->status);
	else
		snprintf(st, sizeof st, "-");
	fprintf(fp, "%9.3f  %s  %s -> %s  %-11s %-10s %4s %8s %8s  %s%s\n",
	    (double)(r->start_ns - t0) / 1e9, c, f, t,
	    eng_method_name(r->method), eng_result_name(r->result), st, tot,
	    gap, eng_verdict_name(r->verdict)[0] ?
	    eng_verdict_name(r->verdict) : "-", r->hard ? " (hard)" : "");
	for (i = 0; i < r->nphases; i++) {
		ph = &r->phases[i];
		ms_cell(ph->ms, tot, sizeof tot);
		fprintf(fp, "           %-16s %8s ms  %-4s", eng_phase_name(
		    ph->kind), tot, eng_verdict_name(ph->verdict));
		if (ph->status >= 0)
			fprintf(fp, "  status %d %s", ph->status,
			    eng_phase_status_name(ph));
		if (ph->retries > 0)
			fprintf(fp, "  %u retries", ph->retries);
		if (ph->protected_)
			fprintf(fp, "  (inferred, protected)");
		if (ph->decrypted)
			fprintf(fp, "  (decrypted)");
		fputc('\n', fp);
	}
	text_roam_ctx(fp, r, t0);
	text_roam_keys(fp, &r->keys);
	text_roam_mlo(fp, r, t0);
	for (i = 0; i < r->ndiags; i++) {
		text_safe(safe, sizeof safe, r->diags[i].text);
		fprintf(fp, "           why: [%s] %s\n", r->diags[i].code,
		    safe);
	}
	logrun_text_roam(fp, lr, e, r, t0);
}

/* The clients' sticky episodes and ping-pong, when there are any. */
static void
text_clients(FILE *fp, struct eng *e, int64_t t0)
{
	const struct eng_client *c;
	const struct eng_sticky *k;
	const struct eng_ping_pong *p;
	char m[18], x[18], y[18];
	bool head = false;
	size_t i;
	unsigned j;

	for (i = 0; i < eng_nclients(e); i++) {
		c = eng_client(e, i);
		if (c->nsticky == 0 && c->nping_pong == 0)
			continue;
		if (!head)
			fprintf(fp, "\nCLIENTS\n");
		head = true;
		fprintf(fp, "  %s\n", d11_mac_str(c->mac, m));
		for (j = 0; j < c->nsticky; j++) {
			k = &c->sticky[j];
			fprintf(fp, "    sticky %s at %.3f s for %.0f ms%s: %s at "
			    "%d dBm, %s %d dB stronger\n",
			    eng_verdict_name(k->verdict),
			    (double)(k->start_ns - t0) / 1e9, k->ms, k->open ?
			    " (still)" : "", d11_mac_str(k->ap, x), k->ap_rssi,
			    d11_mac_str(k->better, y), k->delta_db);
		}
		for (j = 0; j < c->nping_pong; j++) {
			p = &c->ping_pong[j];
			fprintf(fp, "    ping-pong at %.3f s: %s -> %s -> %s "
			    "(%.0f ms on %s)%s\n", (double)(p->ts_ns - t0) / 1e9,
			    d11_mac_str(p->a, x), d11_mac_str(p->b, y), x,
			    p->ms, y, p->band_loop ? ", a band-steering loop" :
			    "");
		}
	}
}

/* The roam matrix: per AP pair, roams, failures, median time. */
static void
text_pairs(FILE *fp, struct eng *e)
{
	const struct eng_pair *p;
	char x[18], y[18], ms[16];
	size_t i;

	if (eng_npairs(e) > 0)
		fprintf(fp, "\nAP PAIRS\n  %-17s    %-17s  %5s %6s %9s\n",
		    "from", "to", "roams", "failed", "median_ms");
	for (i = 0; i < eng_npairs(e); i++) {
		p = eng_pair(e, i);
		ms_cell(p->median_ms, ms, sizeof ms);
		fprintf(fp, "  %s -> %s  %5u %6u %9s\n", d11_mac_str(p->from, x),
		    d11_mac_str(p->to, y), p->roams, p->failed, ms);
	}
}

static void
report_text(FILE *fp, struct eng *e, struct cap *cap, struct logrun *lr)
{
	const struct eng_counters *cn = eng_counters(e);
	const struct eng_roam *r;
	const struct eng_finding *fd;
	const struct eng_ap *a;
	struct cap_source_info si;
	size_t i, n;
	int64_t t0 = 0;
	int pass;
	unsigned k;
	char m[18], md[5], cell[32 * 3 + 1], ssid[32 * 3 + 24];
	char safe[ENG_DIAG_TEXT * 3], ct[128];

	fprintf(fp, "roamscope report: %" PRIu64 " frames, %u APs, %u clients, "
	    "%" PRIu64 " roams, %" PRIu64 " joins, %" PRIu64 " failed, %"
	    PRIu64 " FAIL, %" PRIu64 " WARN\n", cn->frames, cn->aps,
	    cn->clients, cn->roams, cn->joins, cn->roams_failed, cn->fail,
	    cn->warn);
	if (cap != NULL) {
		for (i = 0; i < cap_nsources(cap); i++) {
			cap_source_info(cap, i, &si);
			fprintf(fp, "source %s: %" PRIu64 " frames, %" PRIu64
			    " dropped", si.desc[0] ? si.desc : si.name,
			    si.received, si.ring_drops + si.kernel_drops);
			if (si.dups != 0)
				fprintf(fp, ", %" PRIu64 " duplicates (heard "
				    "by another source too)", si.dups);
			fputc('\n', fp);
		}
	}
	n = eng_nroams_all(e);
	if (n > 0)
		t0 = eng_roam_all(e, 0)->start_ns;
	for (i = 0; i < eng_naps(e); i++) {
		a = eng_ap(e, i);
		if (a->first_ns != 0 && (t0 == 0 || a->first_ns < t0))
			t0 = a->first_ns;
	}
	for (pass = 0; pass < 2; pass++) {
		fprintf(fp, "\n%s (time from %lld.%06lld)\n", pass == 0 ?
		    "ROAMS" : "JOINS", (long long)(t0 / 1000000000LL),
		    (long long)(t0 % 1000000000LL / 1000));
		fprintf(fp, "%9s  %-17s  %-17s    %-17s  %-11s %-10s %4s %8s "
		    "%8s  %s\n", "t(s)", "client", "from", "to", "method",
		    "result", "st", "total_ms", "gap_ms", "verdict");
		for (i = 0; i < n; i++)
			if (eng_roam_all_is_join(e, i) == (pass == 1) &&
			    (r = eng_roam_all(e, i)) != NULL)
				text_roam(fp, e, lr, r, t0);
	}
	fprintf(fp, "\nAPs\n");
	for (i = 0; i < eng_naps(e); i++) {
		a = eng_ap(e, i);
		if (a->has_mde)
			mdid_str(a->mdid, md);
		else
			snprintf(md, sizeof md, "-");
		/* the SSID made safe, padded by its width on a terminal */
		if (a->has_ssid)
			text_safen(cell, sizeof cell, a->ssid, a->ssid_len);
		else
			snprintf(cell, sizeof cell, "?");
		text_pad(ssid, sizeof ssid, cell, text_width(cell) > 20 ?
		    text_width(cell) : 20);
		fprintf(fp, "  %s  %s ch %3u  mdid %-4s%s%s%s%s\n",
		    d11_mac_str(a->bssid, m), ssid, a->channel, md, a->ft_over_ds ? " over-DS" : "",
		    a->ft ? " FT" : "", a->nr ? " 11k" : "", a->btm ? " 11v" :
		    "");
		if (a->has_mld)
			fprintf(fp, "      link %u of AP MLD %s\n", a->link_id,
			    d11_mac_str(a->mld, m));
		for (k = 0; k < a->nchanges; k++) {
			eng_ap_change_text(&a->changes[k], ct, sizeof ct);
			text_safe(safe, sizeof safe, ct);	/* an SSID */
			fprintf(fp, "      changed at %.3f s: %s\n",
			    (double)(a->changes[k].ts_ns - t0) / 1e9, safe);
		}
		if (a->changes_total > a->nchanges)
			fprintf(fp, "      (%u changes in all)\n",
			    a->changes_total);
	}
	if (eng_nfindings(e) > 0)
		fprintf(fp, "\nFINDINGS\n");
	for (i = 0; i < eng_nfindings(e); i++) {
		fd = eng_finding(e, i);
		text_safe(safe, sizeof safe, fd->text);
		fprintf(fp, "  [%s] %s\n", fd->code, safe);
	}
	text_clients(fp, e, t0);
	text_pairs(fp, e);
	logrun_text(fp, lr);
}

/*
 * A CSV cell of text from the air: made safe for a terminal (text.c), a
 * cell a spreadsheet would run as a formula (=, +, -, @, TAB, CR first)
 * defused with a leading ', and quoted per RFC 4180 when it holds a comma,
 * a quote or a line break (and whenever it was defused).
 */
static void
csv_field(FILE *fp, const char *s)
{
	char	 safe[32 * 3 * 2 + 2], *p;
	bool	 formula;

	text_safe(safe + 1, sizeof safe - 1, s);
	p = safe + 1;
	formula = strchr("=+-@\t\r", *p) != NULL && *p != '\0';
	if (formula)
		*--p = '\'';
	if (!formula && strpbrk(p, ",\"\n\r") == NULL) {
		fputs(p, fp);
		return;
	}
	fputc('"', fp);
	for (; *p != '\0'; p++) {
		if (*p == '"')
			fputc('"', fp);
		fputc(*p, fp);
	}
	fputc('"', fp);
}

/* A number cell, empty when unknown. */
static void
csv_int(FILE *fp, bool have, long long v)
{
	fputc(',', fp);
	if (have)
		fprintf(fp, "%lld", v);
}

/* The columns after frames: id, lifecycle, context, events (type:by:reason
 * joined by ';'). */
static void
csv_roam_ctx(FILE *fp, const struct eng_roam *r)
{
	const struct eng_event *ev;
	unsigned k;

	fprintf(fp, ",%" PRIu64 ",%s,", r->id, eng_state_name(r->state));
	if (r->outage_ms >= 0)
		fprintf(fp, "%.3f", r->outage_ms);
	csv_int(fp, r->old_ap.channel != 0, r->old_ap.channel);
	csv_int(fp, r->new_ap.channel != 0, r->new_ap.channel);
	fprintf(fp, ",%s,%s", eng_band_name(r->old_ap.band),
	    eng_band_name(r->new_ap.band));
	csv_int(fp, r->old_ap.has_rssi, r->old_ap.rssi);
	csv_int(fp, r->new_ap.has_rssi, r->new_ap.rssi);
	csv_int(fp, r->has_rssi_drop, r->rssi_drop_db);
	fprintf(fp, ",%s,%u,", eng_trigger_name(r->trigger), r->attempts);
	for (k = 0; k < r->nevents; k++) {
		ev = &r->events[k];
		fprintf(fp, "%s%s:%s:%u", k ? ";" : "", eng_event_name(ev->kind),
		    ev->by_ap ? "ap" : "client", ev->reason);
	}
}

static void
csv_roam_keys(FILE *fp, const struct eng_keys *k)
{
	enum eng_kv v[5] = { k->m2_mic, k->pmkid, k->pmkr0name, k->pmkr1name,
	    k->fte_mic };
	unsigned i;

	for (i = 0; i < 5; i++)
		fprintf(fp, ",%s", eng_kv_name(v[i]) != NULL ?
		    eng_kv_name(v[i]) : "");
	fputc(',', fp);
	csv_field(fp, k->key);
}

static void
csv_roam_mlo(FILE *fp, const struct eng_roam *r)
{
	const struct eng_mlo *m = &r->mlo;
	char a[ENG_MAX_LINKS * 48], b[ENG_MAX_LINKS * 48], x[18];

	links_str(a, sizeof a, m->from_links, m->nfrom, false, ';');
	links_str(b, sizeof b, m->to_links, m->nto, true, ';');
	fprintf(fp, ",%d,%s,", m->is_mlo ? 1 : 0, r->has_from ?
	    d11_mac_str(r->from, x) : "");
	fprintf(fp, "%s,%s,%s,%u,%u", d11_mac_str(r->to, x), a, b,
	    m->nrefused, m->nlost);
}

static void
report_csv(FILE *fp, struct eng *e)
{
	const struct eng_roam *r;
	char m[18], ts[32], b[64];
	size_t i, n;
	unsigned k;

	fputs("kind,client,from,to,ssid,start,end,method,result,status,"
	    "total_ms,gap_ms,verdict,hard,retries,diagnoses,frames,id,state,"
	    "outage_ms,from_channel,to_channel,from_band,to_band,"
	    "rssi_before_dbm,rssi_after_dbm,rssi_drop_db,trigger,attempts,"
	    "events,log_events,keys_m2_mic,keys_pmkid,keys_pmkr0name,"
	    "keys_pmkr1name,keys_fte_mic,keys_key,mlo,from_bssid,to_bssid,"
	    "from_links,to_links,links_refused,links_lost\n", fp);
	n = eng_nroams_all(e);
	for (i = 0; i < n; i++) {
		r = eng_roam_all(e, i);
		fprintf(fp, "%s,%s,", r->is_join ? "join" : "roam",
		    d11_mac_str(r->client, m));
		fprintf(fp, "%s,", r->has_from ? d11_mac_str(roam_from(r), m) :
		    "");
		fprintf(fp, "%s,", d11_mac_str(roam_to(r), m));
		csv_field(fp, r->ssid);
		ts_str(r->start_ns, ts, sizeof ts);
		fprintf(fp, ",%s,", ts);
		ts_str(r->end_ns, ts, sizeof ts);
		fprintf(fp, "%s,%s,%s,", ts, eng_method_name(r->method),
		    eng_result_name(r->result));
		if (r->status >= 0)
			fprintf(fp, "%d", r->status);
		fputc(',', fp);
		if (r->total_ms >= 0)
			fprintf(fp, "%.3f", r->total_ms);
		fputc(',', fp);
		if (r->gap_ms >= 0)
			fprintf(fp, "%.3f", r->gap_ms);
		fprintf(fp, ",%s,%d,%u,", eng_verdict_name(r->verdict),
		    r->hard ? 1 : 0, r->retries);
		for (k = 0; k < r->ndiags; k++)
			fprintf(fp, "%s%s", k ? ";" : "", r->diags[k].code);
		fputc(',', fp);
		for (k = 0; k < r->nframes; k++) {
			snprintf(b, sizeof b, "%s%" PRIu64, k ? ";" : "",
			    r->frames[k]);
			fputs(b, fp);
		}
		csv_roam_ctx(fp, r);
		fprintf(fp, ",%zu", logrun_roam_count(e, r));
		csv_roam_keys(fp, &r->keys);
		csv_roam_mlo(fp, r);
		fputc('\n', fp);
	}
}

int
report_write(FILE *fp, struct eng *e, struct cap *cap, enum report_fmt fmt)
{
	return report_write_logs(fp, e, cap, fmt, NULL);
}

int
report_write_logs(FILE *fp, struct eng *e, struct cap *cap,
    enum report_fmt fmt, struct logrun *lr)
{
	switch (fmt) {
	case REPORT_JSON:
		report_json(fp, e, cap, lr);
		break;
	case REPORT_CSV:
		report_csv(fp, e);
		break;
	default:
		report_text(fp, e, cap, lr);
		break;
	}
	fflush(fp);
	return eng_counters(e)->roams_failed > 0 ? RS_EXIT_ROAM_FAILED :
	    RS_EXIT_OK;
}
