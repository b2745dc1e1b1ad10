/*
 * scr_ap.c -- one BSS opened from the AP list: clients on it now, its roams
 * in and out (Enter: their frames), its capabilities as the latest beacon
 * gave them with what later beacons changed and when, the ESS findings that
 * name it, and its latest beacon (Enter: its decoded elements).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "text.h"
#include "tui_int.h"

static bool
same(const uint8_t *a, const uint8_t *b)
{
	return (memcmp(a, b, 6) == 0);
}

static bool
grow_roams(struct tui *t, size_t want)
{
	struct eng_roam	*np;
	size_t		 n;

	if (want <= t->ap_roams_cap)
		return (true);
	n = t->ap_roams_cap == 0 ? 64 : t->ap_roams_cap;
	while (n < want)
		n *= 2;
	if ((np = reallocarray(t->ap_roams, n, sizeof *np)) == NULL)
		return (false);
	t->ap_roams = np;
	t->ap_roams_cap = n;
	return (true);
}

/* The roams and joins into and out of the open BSS, newest first; paused,
 * the ones begun after the pause are left out, as in the roam list. */
void
ap_model(struct tui *t)
{
	const struct eng_roam	*r;
	size_t			 i, n, k = 0;

	t->nap_roams = 0;
	n = eng_nroams_all(t->eng);
	for (i = n; i-- > 0;) {
		if ((r = eng_roam_all(t->eng, i)) == NULL)
			continue;
		if (!same(r->to, t->ap_bssid) &&
		    !(r->has_from && same(r->from, t->ap_bssid)))
			continue;
		if (t->paused && t->newest_ns != 0 &&
		    r->start_ns > t->newest_ns)
			continue;
		if (!grow_roams(t, k + 1))
			break;
		t->ap_roams[k++] = *r;
	}
	t->nap_roams = k;
}

void
ap_open(struct tui *t, const uint8_t *bssid)
{
	memcpy(t->ap_bssid, bssid, 6);
	t->apr_sel = t->apr_top = 0;
	ap_model(t);
	t->view = TV_AP;
}

void
ap_move(struct tui *t, long d, bool absolute)
{
	/* row 0 is the beacon */
	t->apr_sel = tui_move(t->apr_sel, t->nap_roams + 1, d, absolute);
}

const struct eng_roam *
ap_selected_roam(const struct tui *t)
{
	if (t->apr_sel == 0 || t->apr_sel > t->nap_roams)
		return (NULL);
	return (&t->ap_roams[t->apr_sel - 1]);
}

/* Enter: the beacon's fields (row 0), or a roam's frames. */
bool
ap_enter(struct tui *t)
{
	const struct tui_beacon	*b;
	const struct eng_roam	*r;

	if (t->apr_sel == 0) {
		if ((b = beacons_find(t, t->ap_bssid)) == NULL) {
			tui_status(t, "no beacon of this BSS kept");
			return (false);
		}
		detail_load_raw(t, b->n, b->ts_ns, b->dlt, b->data, b->len);
		t->fd_sel = t->fd_top = 0;
		t->detail_from = TV_AP;
		t->view = TV_DETAIL;
		return (true);
	}
	if ((r = ap_selected_roam(t)) == NULL)
		return (false);
	t->dr_roam = *r;
	t->fr_sel = t->fr_top = 0;
	t->frames_from = TV_AP;
	t->view = TV_FRAMES;
	return (true);
}

/* A frame not from the engine's store (a kept beacon) into the detail. */
void
detail_load_raw(struct tui *t, uint64_t n, int64_t ts_ns, int dlt,
    const uint8_t *data, uint32_t len)
{
	t->df_n = n;
	t->df_len = len < sizeof t->df_raw ? len : (uint32_t)sizeof t->df_raw;
	memcpy(t->df_raw, data, t->df_len);
	t->df_dlt = dlt;
	t->df_ts = ts_ns;
	t->df_ok = true;
	detail_fields(t);
}

static const struct eng_ap *
find_ap(const struct tui *t)
{
	size_t	i;

	for (i = 0; i < t->naps; i++)
		if (same(t->aps[i].bssid, t->ap_bssid))
			return (&t->aps[i]);
	return (NULL);
}

/* The latest beacon's capabilities: 11r in a, the rest in b. */
static void
caps_lines(const struct eng_ap *ap, char *a, size_t alen, char *b,
    size_t blen)
{
	char	 akms[96], mdid[40];
	size_t	 i, o = 0;

	akms[0] = '\0';
	for (i = 0; i < ap->nakms && o + 1 < sizeof akms; i++)
		o += (size_t)snprintf(akms + o, sizeof akms - o, "%s%s",
		    i ? "," : "", d11_akm_name(ap->akms[i]));
	if (ap->has_mde)
		snprintf(mdid, sizeof mdid, "MDID %02x%02x, FT over DS %s",
		    ap->mdid[0], ap->mdid[1], ap->ft_over_ds ? "yes" : "no");
	else
		snprintf(mdid, sizeof mdid, "no MDE (no 11r)");
	if (ap->has_rsn) {
		snprintf(a, alen, "%s  AKMs %s", mdid, akms[0] ? akms : "-");
		snprintf(b, blen, "group %s  MFP %s  11k %s  11v %s",
		    d11_cipher_name(ap->group_cipher),
		    ap->rsn_caps & D11_RSN_CAP_MFPR ? "required" :
		    ap->rsn_caps & D11_RSN_CAP_MFPC ? "capable" : "no",
		    ap->nr ? "yes" : "no", ap->btm ? "yes" : "no");
	} else {
		snprintf(a, alen, "%s  no RSN (open, WEP or WPA1)", mdid);
		snprintf(b, blen, "11k %s  11v %s", ap->nr ? "yes" : "no",
		    ap->btm ? "yes" : "no");
	}
}

static void
roam_row(struct tui *t, const struct eng_roam *r, int y, int attr)
{
	const uint8_t	*other;
	const char	*dir;
	char		 clk[32], m[18], o[18], ms[24], out[96];

	if (r->is_join) {
		dir = "join";
		o[0] = '\0';
	} else if (same(r->to, t->ap_bssid)) {
		dir = "in";
		other = r->from;
		tui_mac(other, o);
	} else {
		dir = "out";
		other = r->to;
		tui_mac(other, o);
	}
	if (r->total_ms >= 0)
		snprintf(ms, sizeof ms, "%8.1f ms", r->total_ms);
	else
		snprintf(ms, sizeof ms, "%11s", "-");
	if (r->status != ENG_STATUS_NONE && r->result != ENG_R_OK)
		snprintf(out, sizeof out, "%s %d %s",
		    eng_result_name(r->result), r->status,
		    d11_status_name((uint16_t)r->status));
	else
		snprintf(out, sizeof out, "%s%s", eng_result_name(r->result),
		    r->verdict == ENG_V_WARN ? " WARN" : r->verdict ==
		    ENG_V_FAIL ? " FAIL" : "");
	if (t->cols >= 100)
		tui_clock(r->start_ns, clk, sizeof clk, false);
	else
		clk[0] = '\0';
	tui_putf(t, y, 1, t->cols - 1, attr, "#%-4llu %s%s%-4s %s %s %s  "
	    "%-6s%s  %s", (unsigned long long)r->id, clk, clk[0] ? " " : "",
	    dir,
	    tui_mac(r->client, m), r->is_join ? "    " : strcmp(dir, "in") ==
	    0 ? "from" : "to  ", o[0] ? o : "                 ", tui_method_name(r->method, false), ms, out);
}

void
ap_draw(struct tui *t, int y, int h)
{
	const struct eng_ap	*ap;
	const struct eng_roam	*r;
	const struct tui_beacon	*bc;
	char			 title[200], m[18], ssid[140], line[300];
	char			 clk[32], w[120], iss[96];
	unsigned		 in = 0, out = 0, joins = 0, fin = 0, fout = 0;
	size_t			 i, f, b, row;
	int			 yy = y, rows, attr, bottom = y + h;
	bool			 fl;

	ap = find_ap(t);
	if (ap != NULL && ap->has_ssid)
		text_safe(ssid, sizeof ssid, ap->ssid);
	else
		snprintf(ssid, sizeof ssid, "(hidden)");
	if (ap != NULL)
		snprintf(title, sizeof title, "AP %s  %s  channel %u%s%s%s",
		    tui_mac(t->ap_bssid, m), ssid, ap->channel,
		    ap->band ? " (" : "", eng_band_name(ap->band),
		    ap->band ? " GHz)" : "");
	else
		snprintf(title, sizeof title, "AP %s  (no longer tracked)",
		    tui_mac(t->ap_bssid, m));
	tui_hline(t, yy++, 0, t->cols, TA_TITLE, title);
	for (i = 0; i < t->nap_roams; i++) {
		r = &t->ap_roams[i];
		fl = r->result == ENG_R_FAILED ||
		    r->result == ENG_R_RETURNED || r->verdict == ENG_V_FAIL;

		if (r->is_join && same(r->to, t->ap_bssid)) {
			joins++;
			fin += fl;
		} else if (same(r->to, t->ap_bssid)) {
			in++;
			fin += fl;
		} else {
			out++;
			fout += fl;
		}
	}
	if (ap == NULL)
		return;
	tui_putf(t, yy++, 1, t->cols - 1, TA_NORMAL, "clients now %u  "
	    "roams in %u (%u failed)  out %u (%u failed)  joins %u  "
	    "RSSI %s  beacons %llu", ap->nclients, in, fin, out, fout,
	    joins, ap->has_rssi ? (snprintf(w, sizeof w, "%d dBm", ap->rssi),
	    w) : "-", (unsigned long long)ap->beacons);
	caps_lines(ap, line, sizeof line, w, sizeof w);
	/* one line when it fits, else two */
	if (16 + (int)strlen(line) + 2 + (int)strlen(w) < t->cols)
		tui_putf(t, yy++, 1, t->cols - 1, TA_NORMAL, "latest beacon: "
		    "%s  %s", line, w);
	else {
		tui_putf(t, yy++, 1, t->cols - 1, TA_NORMAL, "latest beacon: "
		    "%s", line);
		tui_putf(t, yy++, 16, t->cols - 16, TA_NORMAL, "%s", w);
	}
	/* what later beacons changed, newest last, as many as fit */
	if (ap->nchanges != 0) {
		snprintf(w, sizeof w, "changes (%u, latest %u shown)",
		    ap->changes_total, ap->nchanges);
		tui_hline(t, yy++, 0, t->cols, TA_WARN, w);
		for (i = 0; i < ap->nchanges && yy < bottom - 4; i++) {
			eng_ap_change_text(&ap->changes[i], w, sizeof w);
			text_safe(line, sizeof line, w);
			tui_putf(t, yy++, 1, t->cols - 1, TA_WARN, "%s %s %s",
			    t->g.mark, tui_clock(ap->changes[i].ts_ns, clk,
			    sizeof clk, false), line);
		}
	}
	aps_issues(t, t->ap_bssid, iss, sizeof iss);
	for (f = 0; iss[0] != '\0' && f < t->nfnd && yy < bottom - 4; f++) {
		/* the changes are listed above, with their times */
		if (t->fnd[f].id == ENG_C_AP_CHANGE)
			continue;
		for (b = 0; b < t->fnd[f].nbssids; b++)
			if (same(t->fnd[f].bssids[b], t->ap_bssid)) {
				text_safe(line, sizeof line, t->fnd[f].text);
				tui_putf(t, yy++, 1, t->cols - 1, TA_WARN,
				    "%s ESS [%s] %s", t->g.mark,
				    t->fnd[f].code, line);
				break;
			}
	}

	snprintf(w, sizeof w, "ROAMS IN AND OUT  %zu kept  (Enter: frames)",
	    t->nap_roams);
	tui_hline(t, yy++, 0, t->cols, TA_TITLE, w);
	rows = bottom - yy;
	if (rows <= 0)
		return;
	if (t->apr_sel > t->nap_roams)
		t->apr_sel = t->nap_roams;
	if (t->apr_sel < t->apr_top)
		t->apr_top = t->apr_sel;
	if (t->apr_sel >= t->apr_top + (size_t)rows)
		t->apr_top = t->apr_sel - (size_t)rows + 1;
	for (row = 0; (int)row < rows; row++) {
		i = t->apr_top + row;
		if (i > t->nap_roams)
			break;
		attr = TA_NORMAL;
		if (i != 0)
			attr = tui_verdict_attr(t->ap_roams[i - 1].verdict,
			    t->ap_roams[i - 1].result);
		if (i == t->apr_sel) {
			attr = TA_SEL;
			tui_fill(t, yy + (int)row, 0, t->cols, attr);
			tui_put(t, yy + (int)row, 0, 1, attr, ">");
		}
		if (i != 0) {
			roam_row(t, &t->ap_roams[i - 1], yy + (int)row, attr);
			continue;
		}
		if ((bc = beacons_find(t, t->ap_bssid)) != NULL)
			tui_putf(t, yy + (int)row, 1, t->cols - 1, attr,
			    "beacon: frame %llu at %s, %u bytes (Enter: its "
			    "elements)", (unsigned long long)bc->n,
			    tui_clock(bc->ts_ns, clk, sizeof clk, false),
			    bc->len);
		else
			tui_put(t, yy + (int)row, 1, t->cols - 1,
			    i == t->apr_sel ? attr : TA_DIM,
			    "beacon: none kept (heard only in probe responses, "
			    "or over the table's size)");
	}
}
