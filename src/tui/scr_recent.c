/*
 * scr_recent.c -- the recent-roams pane: every client's roams and joins,
 * newest first, live; a run of identical consecutive failures collapsed
 * into one row with its count (Enter or e expands it); n/N to the next or
 * previous failed or WARN roam; the filter (/) applies here too.
 *
 * The rows are compact copies (not whole eng_roam structs) of at most
 * TUI_RECENT_MAX roams, built newest first from the engine: a refresh with
 * 10,000 roams touches only the ones it keeps.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curses.h>

#include "oui.h"
#include "text.h"
#include "tui_int.h"

/* Several clients roam: the recent pane is the default lower pane. */
bool
tui_lower_recent(const struct tui *t)
{
	if (t->following)
		return (false);
	switch (t->lower) {
	case TL_RECENT:
		return (true);
	case TL_CLIENT:
		return (false);
	default:
		return (t->nroaming >= 2);
	}
}

static bool
failed(enum eng_result res, enum eng_verdict v)
{
	return (res == ENG_R_FAILED || v == ENG_V_FAIL);
}

static bool
has_ci(const char *hay, const char *needle)
{
	return (hay != NULL && strcasestr(hay, needle) != NULL);
}

/* The filter over a roam: MAC (client, APs), vendor, SSID, method, status
 * name, and the words fail/failed/warn. */
bool
tui_filter_roam(const struct tui *t, const struct eng_roam *r)
{
	const char	*f = t->filter;
	char		 m[18];

	if (f[0] == '\0')
		return (true);
	if (strcasecmp(f, "fail") == 0 || strcasecmp(f, "failed") == 0)
		return (failed(r->result, r->verdict));
	if (strcasecmp(f, "warn") == 0)
		return (r->verdict == ENG_V_WARN || failed(r->result,
		    r->verdict));
	if (has_ci(tui_mac(r->client, m), f) || has_ci(tui_mac(r->to, m), f) ||
	    (r->has_from && has_ci(tui_mac(r->from, m), f)))
		return (true);
	if (has_ci(oui_vendor(r->client), f) || has_ci(r->ssid, f))
		return (true);
	if (has_ci(tui_method_name(r->method, false), f) ||
	    has_ci(tui_method_name(r->method, true), f))
		return (true);
	if (r->status != ENG_STATUS_NONE && r->status > 0 &&
	    (has_ci(d11_status_name((uint16_t)r->status), f) ||
	    has_ci(d11_status_desc((uint16_t)r->status), f)))
		return (true);
	return (false);
}

/* Where a roam goes and comes from on the screen: the AP MLDs of a
 * multi-link one, else the BSSIDs. */
static const uint8_t *
shown_to(const struct eng_roam *r)
{
	return (r->mlo.has_to_mld ? r->mlo.to_mld : r->to);
}

static const uint8_t *
shown_from(const struct eng_roam *r)
{
	return (r->mlo.has_from_mld ? r->mlo.from_mld : r->from);
}

static bool
same_failure(const struct tui_recent *a, const struct eng_roam *r)
{
	return (failed(a->result, a->verdict) &&
	    failed(r->result, r->verdict) &&
	    memcmp(a->client, r->client, 6) == 0 &&
	    memcmp(a->to, shown_to(r), 6) == 0 && a->method == r->method &&
	    a->status == r->status && a->result == r->result &&
	    a->is_join == r->is_join);
}

static void
row_from(struct tui_recent *x, const struct eng_roam *r)
{
	char	 tmp[ENG_DIAG_TEXT + 64];

	x->id = x->first_id = r->id;
	x->count = 1;
	memcpy(x->client, r->client, 6);
	memcpy(x->from, shown_from(r), 6);
	memcpy(x->to, shown_to(r), 6);
	x->has_from = r->has_from;
	x->is_join = r->is_join;
	x->start_ns = r->start_ns;
	x->method = r->method;
	x->result = r->result;
	x->verdict = r->verdict;
	x->status = r->status;
	x->total_ms = r->total_ms;
	x->outage_ms = r->outage_ms;
	x->ch_old = r->old_ap.channel;
	x->ch_new = r->new_ap.channel;
	x->band_old = r->old_ap.band;
	x->band_new = r->new_ap.band;
	/* A refusal's status first: on 80 columns it is what fits. */
	tmp[0] = '\0';
	if (r->status > 0)
		snprintf(tmp, sizeof tmp, "%d %s%s%s", r->status,
		    d11_status_name((uint16_t)r->status), r->ndiags ? ": " :
		    "", r->ndiags ? r->diags[0].text : "");
	else if (r->ndiags != 0)
		snprintf(tmp, sizeof tmp, "%s", r->diags[0].text);
	text_safe(x->why, sizeof x->why, tmp);
}

static size_t
sel_index(const struct tui *t)
{
	size_t	i;

	if (t->rc_sel != 0)
		for (i = 0; i < t->nrc; i++)
			if (t->rc[i].id == t->rc_sel ||
			    (t->rc[i].count > 1 && t->rc_sel <= t->rc[i].id &&
			    t->rc_sel >= t->rc[i].first_id))
				return (i);
	return (0);
}

static void
load_selected(struct tui *t)
{
	const struct eng_roam	*r;
	size_t			 i;

	t->rc_has_roam = false;
	if (t->nrc == 0)
		return;
	i = sel_index(t);
	if ((r = eng_roam_by_id(t->eng, t->rc[i].id)) == NULL)
		return;
	t->rc_roam = *r;
	t->rc_has_roam = true;
}

void
recent_rebuild(struct tui *t)
{
	const struct eng_roam	*r;
	struct tui_recent	*x;
	size_t			 i, n, k = 0;

	n = eng_nroams_all(t->eng);
	if (t->rc == NULL) {
		if ((t->rc = calloc(TUI_RECENT_MAX, sizeof *t->rc)) == NULL) {
			t->nrc = 0;
			return;
		}
		t->rc_cap = TUI_RECENT_MAX;
	}
	for (i = n; i-- > 0 && k < t->rc_cap;) {
		if ((r = eng_roam_all(t->eng, i)) == NULL)
			continue;
		if (t->paused && t->newest_ns != 0 &&
		    r->start_ns > t->newest_ns)
			continue;
		if (!tui_filter_roam(t, r))
			continue;
		x = k > 0 ? &t->rc[k - 1] : NULL;
		if (x != NULL && same_failure(x, r) &&
		    t->rc_open != x->first_id && t->rc_open != r->id) {
			x->count++;
			x->first_id = r->id;
			continue;
		}
		row_from(&t->rc[k++], r);
	}
	t->nrc = k;
	load_selected(t);
}

const struct eng_roam *
recent_selected(const struct tui *t)
{
	return (t->rc_has_roam ? &t->rc_roam : NULL);
}

void
recent_move(struct tui *t, long d, bool absolute)
{
	long	r;

	if ((r = tui_pick((long)sel_index(t), d, absolute, t->nrc)) < 0)
		return;
	/* The top row follows the newest (id 0) while live. */
	t->rc_sel = r == 0 ? 0 : t->rc[r].id;
	load_selected(t);
}

/* Expand the selected collapsed run, or collapse the open one. */
void
recent_toggle_open(struct tui *t)
{
	const struct tui_recent	*x;

	if (t->nrc == 0)
		return;
	x = &t->rc[sel_index(t)];
	if (x->count > 1) {
		t->rc_open = x->first_id;
		t->rc_sel = x->id;
		tui_status(t, "%u identical failures expanded (e collapses)",
		    x->count);
	} else if (t->rc_open != 0)
		t->rc_open = 0;
	recent_rebuild(t);
}

/* Enter: a collapsed run expands; a roam drills down (false). */
bool
recent_enter(struct tui *t)
{
	if (t->nrc != 0 && t->rc[sel_index(t)].count > 1) {
		recent_toggle_open(t);
		return (true);
	}
	return (false);
}

/* n (dir 1, older) / N (dir -1, newer): the next failed or WARN row. */
bool
recent_jump(struct tui *t, int dir)
{
	const struct tui_recent	*x;
	long			 i;

	if (t->nrc == 0)
		return (false);
	for (i = (long)sel_index(t) + dir; i >= 0 && i < (long)t->nrc;
	    i += dir) {
		x = &t->rc[i];
		if (failed(x->result, x->verdict) || x->verdict == ENG_V_WARN ||
		    x->result == ENG_R_FALLBACK) {
			t->rc_sel = i == 0 ? 0 : x->id;
			load_selected(t);
			return (true);
		}
	}
	return (false);
}

/* "1→6" or "2.4→5 GHz"-like: channels, and bands when they differ. */
static void
chan_text(const struct tui *t, const struct tui_recent *x, char *out,
    size_t len)
{
	if (x->ch_new == 0)
		snprintf(out, len, "-");
	else if (x->is_join || x->ch_old == 0)
		snprintf(out, len, "%u", x->ch_new);
	else if (x->band_old != x->band_new && x->band_old && x->band_new)
		snprintf(out, len, "%u%s%u/%s", x->ch_old, t->g.arrow,
		    x->ch_new, eng_band_name(x->band_new));
	else
		snprintf(out, len, "%u%s%u", x->ch_old, t->g.arrow, x->ch_new);
}

static const char *
verdict_word(const struct tui_recent *x)
{
	if (x->result == ENG_R_PENDING)
		return ("...");
	if (failed(x->result, x->verdict))
		return ("FAIL");
	if (x->verdict == ENG_V_WARN || x->result == ENG_R_FALLBACK)
		return ("WARN");
	if (x->result == ENG_R_OK)
		return ("ok");
	return (eng_result_name(x->result));
}

static void
ap_short(const uint8_t *m, bool full, char *out, size_t len)
{
	char	b[18];

	tui_mac(m, b);
	snprintf(out, len, "%s", full ? b : b + 9);
}

void
recent_draw(struct tui *t, int y, int h)
{
	const struct tui_recent	*x;
	char			 title[256], clk[32], cm[18], a[18], b[18];
	char			 ch[24], ms[32], why[TUI_WHY_TEXT + 48];
	char			 line[400];
	size_t			 i, sel, row;
	int			 attr, rows = h - 1;
	bool			 full = t->cols >= 130, wide = t->cols >= 100;

	snprintf(title, sizeof title, "RECENT ROAMS, all clients, newest "
	    "first%s%s%s  (n/N failures, f follow a client, r this "
	    "client's)", t->filter[0] ? "  filter: " : "", t->filter,
	    t->nrc >= t->rc_cap ? "  (the newest kept)" : "");
	tui_hline(t, y, 0, t->cols, t->pane == 1 ? TA_TITLE : TA_DIM, title);
	if (t->nrc == 0) {
		tui_put(t, y + 1, 1, t->cols - 1, TA_DIM, t->filter[0] ?
		    "(no roam matches the filter; Esc clears it)" :
		    "(no roams yet)");
		return;
	}
	sel = sel_index(t);
	if (sel < t->rc_top)
		t->rc_top = sel;
	if (rows > 0 && sel >= t->rc_top + (size_t)rows)
		t->rc_top = sel - (size_t)rows + 1;
	if (t->rc_top + (size_t)rows > t->nrc)
		t->rc_top = t->nrc > (size_t)rows ? t->nrc - (size_t)rows : 0;
	for (row = 0; (int)row < rows; row++) {
		i = t->rc_top + row;
		if (i >= t->nrc)
			break;
		x = &t->rc[i];
		attr = tui_verdict_attr(x->verdict, x->result);
		if (i == sel) {
			attr = t->pane == 1 ? TA_SEL : TA_SEL_DIM;
			tui_fill(t, y + 1 + (int)row, 0, t->cols, attr);
			tui_put(t, y + 1 + (int)row, 0, 1, attr, ">");
		}
		tui_clock(x->start_ns, clk, sizeof clk, false);
		if (!wide)
			clk[8] = '\0';	/* seconds are enough at 80 */
		if (x->is_join)
			snprintf(a, sizeof a, "%s", "join");
		else if (x->has_from)
			ap_short(x->from, full, a, sizeof a);
		else
			snprintf(a, sizeof a, "?");
		ap_short(x->to, full, b, sizeof b);
		chan_text(t, x, ch, sizeof ch);
		if (x->total_ms >= 0 && wide && x->outage_ms >= 0)
			snprintf(ms, sizeof ms, "%6.1f/%-5.0f", x->total_ms,
			    x->outage_ms);
		else if (x->total_ms >= 0)
			snprintf(ms, sizeof ms, wide ? "%6.1f/-    " : "%6.1f",
			    x->total_ms);
		else
			snprintf(ms, sizeof ms, wide ? "%6s/-    " : "%6s",
			    "-");
		if (x->count > 1)
			snprintf(why, sizeof why, "%s%u (Enter expands) %s",
			    t->utf8 ? "\xc3\x97" : "x", x->count, x->why);
		else
			snprintf(why, sizeof why, "%s", x->why);
		snprintf(line, sizeof line, "%s %s %*s%s%-*s %-*s %-6s %s "
		    "%-4s %s", clk, tui_mac(x->client, cm), full ? 17 : 8, a,
		    t->g.arrow, full ? 17 : 8, b, wide ? 10 : 5, ch,
		    tui_method_name(x->method, false), ms, verdict_word(x),
		    why);
		tui_put(t, y + 1 + (int)row, 1, t->cols - 1, attr, line);
	}
}
