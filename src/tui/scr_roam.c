/*
 * scr_roam.c -- the selected client's roams, the swimlane of the selected
 * roam, and `w`: its frames into a pcapng.
 */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curses.h>

#include "rec/rec.h"
#include "oui.h"
#include "text.h"
#include "tui_int.h"

/* ------------------------------------------------------------------------
 * The roam list.
 */
const struct eng_roam *
roams_selected(const struct tui *t)
{
	size_t	i;

	if (t->nroams == 0)
		return (NULL);
	if (t->sel_roam != 0)
		for (i = 0; i < t->nroams; i++)
			if (t->roams[i].id == t->sel_roam)
				return (&t->roams[i]);
	return (&t->roams[0]);
}

static size_t
sel_index(const struct tui *t)
{
	size_t	i;

	if (t->sel_roam != 0)
		for (i = 0; i < t->nroams; i++)
			if (t->roams[i].id == t->sel_roam)
				return (i);
	return (0);
}

void
roams_move(struct tui *t, long d, bool absolute)
{
	long	r;

	if ((r = tui_pick((long)sel_index(t), d, absolute, t->nroams)) < 0)
		return;
	/* The newest roam is "follow the newest" (id 0) while live. */
	t->sel_roam = r == 0 ? 0 : t->roams[r].id;
}

/* With --keys: whether a key verified the roam's handshake, or every
 * key failed it (which key is in the report, never the key). */
static const char *
key_word(const struct eng_roam *r)
{
	const struct eng_keys *k = &r->keys;

	if (!k->checked)
		return "";
	if (k->key[0] != '\0')
		return " key ok";
	if (k->m2_mic == ENG_KV_BAD || k->pmkr0name == ENG_KV_BAD ||
	    k->pmkid == ENG_KV_BAD || k->fte_mic == ENG_KV_BAD)
		return " wrong key";
	return "";
}

static void
roam_outcome(const struct eng_roam *r, char *out, size_t len)
{
	if (r->status > 0 && r->result != ENG_R_OK)
		snprintf(out, len, "%s %d %s%s", eng_result_name(r->result),
		    r->status, d11_status_name((uint16_t)r->status),
		    key_word(r));
	else
		snprintf(out, len, "%s%s%s%s", eng_result_name(r->result),
		    r->verdict == ENG_V_WARN ? " WARN" : r->verdict ==
		    ENG_V_FAIL ? " FAIL" : "", r->attempts > 1 ?
		    " (loop)" : "", key_word(r));
}

void
roams_draw(struct tui *t, int y, int h)
{
	const struct eng_client	*c;
	const struct eng_roam	*r;
	const char		*v;
	char			 title[160], m[18], a[18], b[18], clk[32];
	char			 out[80], ms[24];
	size_t			 i, sel, row;
	int			 attr, rows = h - 1;

	c = clients_selected(t);
	if (c == NULL) {
		tui_hline(t, y, 0, t->cols, TA_DIM, "roams");
		return;
	}
	v = oui_vendor(c->mac);
	snprintf(title, sizeof title, "ROAMS of %s%s%s  %u roam%s, %u "
	    "join%s, %u failed%s%s", tui_mac(c->mac, m), v ? " " : "",
	    v ? v : "", c->nroams, c->nroams == 1 ? "" : "s",
	    c->njoins, c->njoins == 1 ? "" : "s",
	    c->nfailed > c->nfail ? c->nfailed : c->nfail,
	    t->following ? "  [following: f unpins]" : "",
	    t->cols >= 110 && c->caps.known ? "  CAPS: k 11k, v 11v, "
	    "r 11r, w PMF" : "");
	tui_hline(t, y, 0, t->cols, t->pane == 1 ? TA_TITLE : TA_DIM, title);
	if (t->nroams == 0) {
		tui_put(t, y + 1, 1, t->cols - 1, TA_DIM, "(no roams yet)");
		return;
	}
	sel = sel_index(t);
	if (sel < t->roam_top)
		t->roam_top = sel;
	if (rows > 0 && sel >= t->roam_top + (size_t)rows)
		t->roam_top = sel - (size_t)rows + 1;
	for (row = 0; (int)row < rows; row++) {
		i = t->roam_top + row;
		if (i >= t->nroams)
			break;
		r = &t->roams[i];
		attr = tui_verdict_attr(r->verdict, r->result);
		if (i == sel) {
			attr = t->pane == 1 ? TA_SEL : TA_SEL_DIM;
			tui_fill(t, y + 1 + (int)row, 0, t->cols, attr);
			tui_put(t, y + 1 + (int)row, 0, 1, attr, ">");
		}
		roam_outcome(r, out, sizeof out);
		if (r->total_ms >= 0)
			snprintf(ms, sizeof ms, "%8.1f ms", r->total_ms);
		else
			snprintf(ms, sizeof ms, "%11s", "-");
		if (r->is_join || !r->has_from)
			snprintf(a, sizeof a, "%-17s", r->is_join ? "(join)" :
			    "?");
		else
			tui_mac(r->mlo.has_from_mld ? r->mlo.from_mld : r->from,
			    a);
		/* a multi-link roam goes between AP MLDs */
		tui_mac(r->mlo.has_to_mld ? r->mlo.to_mld : r->to, b);
		if (t->cols >= 110)
			tui_putf(t, y + 1 + (int)row, 1, t->cols - 1, attr,
			    "%s#%-3u %s  %s %s %s  %-6s %s  %s",
			    r->is_join ? "J" : " ", tui_roam_num(t, r),
			    tui_clock(r->start_ns, clk, sizeof clk, false), a,
			    t->g.arrow, b, tui_method_name(r->method, false),
			    ms, out);
		else
			tui_putf(t, y + 1 + (int)row, 1, t->cols - 1, attr,
			    "%s#%-3u %s %s %s %-6s%s  %s",
			    r->is_join ? "J" : " ", tui_roam_num(t, r), a,
			    t->g.arrow, b, tui_method_name(r->method, false),
			    ms, out);
	}
}

/* ------------------------------------------------------------------------
 * The swimlane.
 */
#define NLANES	7
#define LABEL_W	16	/* "11r FT over DS" and a space */

static int
lane_of(enum eng_phase_kind k)
{
	switch (k) {
	case ENG_P_NEIGHBOR_REPORT:
		return (0);
	case ENG_P_BTM:
		return (1);
	case ENG_P_FT_AUTH:
	case ENG_P_FT_ACTION:
	case ENG_P_AUTH:
		return (2);
	case ENG_P_REASSOC:
	case ENG_P_ASSOC:
		return (3);
	case ENG_P_EAP:
		return (4);
	case ENG_P_4WAY:
		return (5);
	case ENG_P_DATA:
		return (6);
	default:
		return (-1);
	}
}

static const char *
lane_label(const struct eng_roam *r, int lane)
{
	static const char *const names[NLANES] = {
		"11k neighbor", "11v BTM", "11r FT auth", "(re)assoc",
		"802.1X", "4-way", "first data"
	};
	size_t	i;

	for (i = 0; i < r->nphases; i++) {
		if (lane == 2 && r->phases[i].kind == ENG_P_FT_ACTION)
			return ("11r FT over DS");
		if (lane == 2 && r->phases[i].kind == ENG_P_AUTH)
			return ("auth");
		if (lane == 3 && r->phases[i].kind == ENG_P_REASSOC)
			return ("reassoc");
		if (lane == 3 && r->phases[i].kind == ENG_P_ASSOC)
			return ("assoc");
	}
	return (names[lane]);
}

static const char *
bar_glyph(const struct tui *t, const struct eng_phase *p)
{
	if (p->end_ns == 0 && p->kind != ENG_P_DATA)
		return (t->g.bar_open);
	switch (p->verdict) {
	case ENG_V_WARN:
		return (t->g.bar_warn);
	case ENG_V_FAIL:
		return (t->g.bar_fail);
	default:
		return (p->status > 0 && p->kind != ENG_P_BTM ?
		    t->g.bar_fail : t->g.bar_ok);
	}
}

static int
phase_attr(const struct eng_phase *p)
{
	bool	refused;

	refused = p->status != ENG_STATUS_NONE && p->status != 0;
	if (p->verdict == ENG_V_FAIL || refused)
		return (TA_FAIL);
	if (p->verdict == ENG_V_WARN || (p->end_ns == 0 &&
	    p->kind != ENG_P_DATA))
		return (TA_WARN);
	if (p->verdict == ENG_V_OK || p->end_ns != 0)
		return (TA_OK);
	return (TA_NORMAL);
}

/* "6.0ms ✗ 53 INVALID_PMKID" and the like. */
/*
 * An exchange without its answer: "pending" while the attempt is open and
 * nothing came after it; "response not captured" when the next phase, with
 * the same AP, could only follow a successful answer (reassociation after
 * FT or open authentication, keys or data after (re)association): the AP
 * answered and the sniffer missed it; else "no response".
 */
static bool
needs_answer_of(enum eng_phase_kind before, enum eng_phase_kind next)
{
	switch (before) {
	case ENG_P_FT_AUTH:
	case ENG_P_FT_ACTION:
	case ENG_P_AUTH:
		return (next == ENG_P_REASSOC || next == ENG_P_ASSOC);
	case ENG_P_REASSOC:
	case ENG_P_ASSOC:
		return (next == ENG_P_EAP || next == ENG_P_4WAY ||
		    next == ENG_P_DATA);
	default:
		return (false);
	}
}

static const char *
unanswered(const struct eng_roam *r, const struct eng_phase *p)
{
	const struct eng_phase	*q, *next = NULL;
	size_t			 i;

	for (i = 0; i < r->nphases; i++) {
		q = &r->phases[i];
		if (q != p && q->start_ns > p->start_ns &&
		    (next == NULL || q->start_ns < next->start_ns))
			next = q;
	}
	if (next != NULL && memcmp(next->ap, p->ap, 6) == 0 &&
	    needs_answer_of(p->kind, next->kind))
		return ("response not captured");
	if (next == NULL && r->result == ENG_R_PENDING)
		return ("pending");
	return ("no response");
}

static void
phase_note(const struct tui *t, const struct eng_roam *r,
    const struct eng_phase *p, int64_t t0, char *out, size_t len)
{
	size_t	o = 0;

#define ADD(...) do {							\
	if (o < len)							\
		o += (size_t)snprintf(out + o, len - o, __VA_ARGS__);	\
} while (0)
	out[0] = '\0';
	if (p->kind == ENG_P_DATA)
		ADD("+%.1fms", (double)(p->start_ns - t0) / 1e6);
	else if (p->ms >= 0)
		ADD("%.1fms", p->ms);
	else
		ADD("%s", unanswered(r, p));
	if (p->status != ENG_STATUS_NONE) {
		if (p->kind == ENG_P_BTM)
			ADD(" %s %s", p->status == 0 ? t->g.check :
			    t->g.cross, eng_phase_status_name(p));
		else if (p->status == 0)
			ADD(" %s", t->g.check);
		else
			ADD(" %s %d %s", t->g.cross, p->status,
			    eng_phase_status_name(p));
	}
	if (p->verdict == ENG_V_WARN)
		ADD(" WARN");
	else if (p->verdict == ENG_V_FAIL)
		ADD(" FAIL");
	if (p->retries)
		ADD(" (%u retr%s)", p->retries, p->retries == 1 ? "y" :
		    "ies");
	if (p->protected_)
		ADD(" [PMF: inferred]");
	if (p->decrypted)
		ADD(" [decrypted]");
#undef ADD
}

/* Word-wrap text into rows starting at y; returns rows used. */
static int
wrap(struct tui *t, int y, int x, int w, int maxrows, int attr,
    const char *prefix, const char *text)
{
	char	 buf[ENG_DIAG_TEXT + 8];
	size_t	 n, cut, len;
	int	 used = 0, pw = (int)text_width(prefix);
	const char *s = buf;

	text_safe(buf, sizeof buf, text);
	len = strlen(buf);
	while (*s != '\0' && used < maxrows) {
		n = strlen(s);
		cut = n;
		if (text_width(s) > w - pw) {
			/* break at the last space that fits */
			size_t	fit = text_fit(s, w - pw, NULL), i, lastsp = 0;

			for (i = 0; i < fit; i++)
				if (s[i] == ' ')
					lastsp = i;
			if (fit < n && s[fit] == ' ')
				lastsp = fit;
			cut = lastsp != 0 ? lastsp : fit != 0 ? fit : 1;
		}
		tui_put(t, y + used, x, pw, attr, used == 0 ? prefix : "");
		{
			char	line[ENG_DIAG_TEXT + 8];

			memcpy(line, s, cut);
			line[cut] = '\0';
			tui_put(t, y + used, x + pw, w - pw, attr, line);
		}
		s += cut;
		while (*s == ' ')
			s++;
		used++;
	}
	(void)len;
	return (used);
}

/* "ch 1 (2.4) → 6 (2.4) · RSSI -67 → -58 dBm · trigger steered · outage
 * 12 ms · D deauth by AP, reason 3 ..." (what is known), into buf. */
static const char *
roam_context(const struct tui *t, const struct eng_roam *r, char *buf,
    size_t len)
{
	const struct eng_event	*e;
	size_t			 o = 0, i;

#define CTX(...) do {							\
	if (o < len)							\
		o += (size_t)snprintf(buf + o, len - o, __VA_ARGS__);	\
} while (0)
	buf[0] = '\0';
	if (r->old_ap.channel != 0 && r->new_ap.channel != 0)
		CTX("ch %u%s%s%s %s %u%s%s%s", r->old_ap.channel,
		    r->old_ap.band ? " (" : "", eng_band_name(r->old_ap.band),
		    r->old_ap.band ? ")" : "", t->g.arrow, r->new_ap.channel,
		    r->new_ap.band ? " (" : "", eng_band_name(r->new_ap.band),
		    r->new_ap.band ? ")" : "");
	else if (r->new_ap.channel != 0)
		CTX("ch %u%s%s%s", r->new_ap.channel, r->new_ap.band ? " (" :
		    "", eng_band_name(r->new_ap.band), r->new_ap.band ? ")" :
		    "");
	if (r->old_ap.has_rssi && r->new_ap.has_rssi)
		CTX("%sRSSI %d %s %d dBm", o ? "  " : "", r->old_ap.rssi,
		    t->g.arrow, r->new_ap.rssi);
	else if (r->new_ap.has_rssi)
		CTX("%sRSSI %d dBm", o ? "  " : "", r->new_ap.rssi);
	if (!r->is_join)
		CTX("%strigger %s", o ? "  " : "",
		    eng_trigger_name(r->trigger));
	if (r->outage_ms >= 0)
		CTX("%soutage %.0f ms", o ? "  " : "", r->outage_ms);
	for (i = 0; i < r->nevents; i++) {
		e = &r->events[i];
		CTX("%s%s %s by %s, reason %u %s", o ? "  " : "",
		    e->kind == ENG_E_DEAUTH ? "D" : "X",
		    eng_event_name(e->kind), e->by_ap ? "AP" : "client",
		    e->reason, d11_reason_name(e->reason));
	}
#undef CTX
	return buf;
}

/* A multi-link join or roam: " · links ch 1+6 -> ch 11+3" (the granted
 * links' channels before and after) at the end of the title. */
static void
mlo_links(struct tui *t, const struct eng_roam *r, char *title, size_t len)
{
	const struct eng_mlo *m = &r->mlo;
	size_t o = strlen(title);
	unsigned i, n;
	int side;

	if (!m->is_mlo || m->nto == 0 || o >= len)
		return;
	o += (size_t)snprintf(title + o, len - o, " %s links", t->g.dot);
	for (side = m->nfrom > 0 ? 0 : 1; side < 2 && o < len; side++) {
		if (side == 1 && m->nfrom > 0 && o < len)
			o += (size_t)snprintf(title + o, len - o, " %s",
			    t->g.arrow);
		for (i = n = 0; i < (side ? m->nto : m->nfrom) && o < len;
		    i++) {
			const struct eng_link *l = side ? &m->to_links[i] :
			    &m->from_links[i];

			if (l->refused)
				continue;
			o += (size_t)snprintf(title + o, len - o, "%s%u",
			    n++ ? "+" : " ch ", l->channel);
		}
	}
}

void
swimlane_draw(struct tui *t, const struct eng_roam *r, int y, int h)
{
	const struct eng_phase	*p;
	char			 title[200], m[18], a[18], b[18], note[96];
	char			 out[80], ssid[40], ctx[320];
	bool			 has[NLANES] = { false }, ctxrow;
	int			 show[NLANES], nshow = 0, lane, i, j;
	int			 x0 = LABEL_W, W, A, row, c0, c1, room;
	int64_t			 t0, t1, span;
	size_t			 k, kn, f, bi;
	int			 cn;

	/* Title: who, which roam, where from and to, how, outcome. */
	roam_outcome(r, out, sizeof out);
	text_safe(ssid, sizeof ssid, r->ssid);
	if (r->is_join)
		snprintf(title, sizeof title, "%s %s join #%u %s %s %s %s "
		    "%s %s", tui_mac(r->client, m), t->g.dot,
		    tui_roam_num(t, r), t->g.dot,
		    tui_mac(r->mlo.has_to_mld ? r->mlo.to_mld : r->to, b),
		    ssid, t->g.dot, tui_method_name(r->method, true), out);
	else
		snprintf(title, sizeof title, "%s %s roam #%u %s %s %s %s "
		    "%s %s %s %s", tui_mac(r->client, m), t->g.dot,
		    tui_roam_num(t, r), t->g.dot, r->has_from ?
		    tui_mac(r->mlo.has_from_mld ? r->mlo.from_mld : r->from,
		    a) : "?", t->g.arrow, tui_mac(r->mlo.has_to_mld ?
		    r->mlo.to_mld : r->to, b),
		    t->g.dot, tui_method_name(r->method, true), t->g.dot, out);
	mlo_links(t, r, title, sizeof title);
	tui_hline(t, y, 0, t->cols, tui_verdict_attr(r->verdict, r->result) ==
	    TA_FAIL ? TA_FAIL : TA_TITLE, title);
	/* The context on a line of its own, when there is room for it. */
	roam_context(t, r, ctx, sizeof ctx);
	ctxrow = ctx[0] != '\0' && h >= 9;
	if (ctxrow) {
		tui_put(t, y + 1, 1, t->cols - 1, TA_NORMAL, ctx);
		y++;
		h--;
	}

	/* The shared time axis: every phase and the roam itself. */
	t0 = r->start_ns;
	t1 = r->end_ns > t0 ? r->end_ns : t0;
	for (k = 0; k < r->nphases; k++) {
		p = &r->phases[k];
		if ((lane = lane_of(p->kind)) >= 0)
			has[lane] = true;
		if (p->start_ns != 0 && (t0 == 0 || p->start_ns < t0))
			t0 = p->start_ns;
		if (p->end_ns > t1)
			t1 = p->end_ns;
		if (p->start_ns > t1)
			t1 = p->start_ns;
	}
	for (k = 0; k < r->nevents; k++) {
		if (r->events[k].ts_ns != 0 && r->events[k].ts_ns < t0)
			t0 = r->events[k].ts_ns;
		if (r->events[k].ts_ns > t1)
			t1 = r->events[k].ts_ns;
	}
	span = t1 - t0;
	if (span <= 0)
		span = 1000000;

	/* Which lanes fit: all of them, or the ones with something in. */
	room = h - 2 - (r->ndiags ? 1 : 0) - loglane_rows(t, r);
	for (lane = 0; lane < NLANES; lane++)
		if (room >= NLANES || has[lane] || (lane == 6 && room > nshow &&
		    r->result != ENG_R_PENDING))
			if (nshow < room)
				show[nshow++] = lane;

	A = t->cols / 3 > 40 ? 40 : t->cols / 3;
	W = t->cols - x0 - A;
	if (W < 10)
		W = 10;

	for (i = 0; i < nshow; i++) {
		lane = show[i];
		row = y + 1 + i;
		tui_put(t, row, 1, LABEL_W - 1, has[lane] ? TA_NORMAL : TA_DIM,
		    lane_label(r, lane));
		c1 = x0;
		note[0] = '\0';
		for (k = 0; k < r->nphases; k++) {
			p = &r->phases[k];
			if (lane_of(p->kind) != lane)
				continue;
			c0 = x0 + (int)((double)(p->start_ns - t0) / span *
			    (W - 1));
			/* the lane's next exchange: neither this bar nor its
			 * note runs into it */
			cn = INT_MAX;
			for (kn = 0; kn < r->nphases; kn++)
				if (kn != k && lane_of(r->phases[kn].kind) ==
				    lane && r->phases[kn].start_ns >
				    p->start_ns) {
					j = x0 + (int)((double)
					    (r->phases[kn].start_ns - t0) /
					    span * (W - 1));
					if (j < cn)
						cn = j;
				}
			if (p->kind == ENG_P_DATA)
				c1 = c0;
			else if (p->end_ns == 0 && cn != INT_MAX)
				c1 = cn - 2 < c0 + 3 ? cn - 2 : c0 + 3;
			else if (p->end_ns == 0)
				c1 = x0 + W - 1;
			else
				c1 = x0 + (int)((double)(p->end_ns - t0) /
				    span * (W - 1));
			if (c0 < x0)
				c0 = x0;
			if (c1 < c0)
				c1 = c0;
			for (j = c0; j <= c1; j++)
				tui_put(t, row, j, 1, phase_attr(p),
				    bar_glyph(t, p));
			phase_note(t, r, p, t0, note, sizeof note);
			tui_put(t, row, c1 + 2, (cn != INT_MAX ? cn - 1 :
			    t->cols) - c1 - 2, phase_attr(p), note);
		}
		if (!has[lane] && lane == 6 && r->result != ENG_R_OK &&
		    r->result != ENG_R_PENDING && !r->is_join)
			tui_put(t, row, x0, t->cols - x0, TA_WARN,
			    "(no data on the new AP)");
		else if (!has[lane] && lane == 6 && r->result != ENG_R_PENDING)
			tui_put(t, row, x0, t->cols - x0, TA_DIM, "(none seen)");
	}
	row = y + 1 + nshow;
	/* the logs' lane (scr_log.c) */
	if (row < y + h)
		row += loglane_draw(t, r, row, x0, W, t0, span);

	/* Deauthentication (D) and disassociation (X) as marks on the
	 * (re)association lane, or the axis when that lane is not shown. */
	for (k = 0; k < r->nevents; k++) {
		const struct eng_event	*e = &r->events[k];
		int			 er = row;

		for (i = 0; i < nshow; i++)
			if (show[i] == 3)
				er = y + 1 + i;
		j = x0 + (int)((double)(e->ts_ns - t0) / span * (W - 1));
		if (j < x0)
			j = x0;
		tui_put(t, er, j, 1, e->by_ap ? TA_FAIL : TA_WARN,
		    e->kind == ENG_E_DEAUTH ? "D" : "X");
	}

	/* Axis: 0 on the left, the span on the right. */
	if (row < y + h) {
		tui_put(t, row, 1, LABEL_W - 2, TA_DIM, "ms");
		for (j = 0; j < W; j++)
			tui_put(t, row, x0 + j, 1, TA_DIM, j == 0 || j == W - 1 ||
			    j == W / 2 ? t->g.tick : t->g.hline);
		tui_put(t, row, x0 - 2, 1, TA_DIM, "0");
		if (r->gap_ms >= 0)
			tui_putf(t, row, x0 + W + 1, t->cols - x0 - W - 1,
			    TA_DIM, "%.1f ms  data gap %.1f ms",
			    (double)span / 1e6, r->gap_ms);
		else
			tui_putf(t, row, x0 + W + 1, t->cols - x0 - W - 1,
			    TA_DIM, "%.1f ms", (double)span / 1e6);
		row++;
	}

	/* Why: the engine's diagnoses, then ESS findings that touch it. */
	for (k = 0; k < r->ndiags && row < y + h; k++)
		row += wrap(t, row, 1, t->cols - 1, y + h - row,
		    k == 0 ? tui_verdict_attr(r->verdict, r->result) ==
		    TA_FAIL ? TA_FAIL : TA_WARN : TA_NORMAL,
		    k == 0 ? "why: " : "     ", r->diags[k].text);
	for (f = 0; f < t->nfnd && row < y + h; f++) {
		bool	touches = strcmp(t->fnd[f].ssid, r->ssid) == 0;

		for (bi = 0; bi < t->fnd[f].nbssids && !touches; bi++)
			if (memcmp(t->fnd[f].bssids[bi], r->to, 6) == 0 ||
			    memcmp(t->fnd[f].bssids[bi], r->from, 6) == 0)
				touches = true;
		if (!touches)
			continue;
		snprintf(note, sizeof note, "ess: [%s] ", t->fnd[f].code);
		row += wrap(t, row, 1, t->cols - 1, y + h - row, TA_WARN,
		    note, t->fnd[f].text);
	}
}

/* ------------------------------------------------------------------------
 * `w`: the roam's frames into roamscope-<client>-<time>.pcapng.
 */
int
roam_write_pcapng(struct tui *t, const struct eng_roam *r, char *msg,
    size_t msglen)
{
	char			 path[PATH_MAX], dir[PATH_MAX], err[256];
	char			 when[32];
	struct tm		 tm;
	time_t			 s;
	size_t			 wrote, own;
	int			 n;

	if (realpath(t->write_dir != NULL ? t->write_dir : ".", dir) == NULL)
		snprintf(dir, sizeof dir, "%s", t->write_dir != NULL ?
		    t->write_dir : ".");
	s = (time_t)(r->start_ns / 1000000000);
	localtime_r(&s, &tm);
	strftime(when, sizeof when, "%Y%m%d-%H%M%S", &tm);
	n = snprintf(path, sizeof path, "%s/roamscope-%02x%02x%02x%02x%02x"
	    "%02x-%s.pcapng", dir, r->client[0], r->client[1], r->client[2],
	    r->client[3], r->client[4], r->client[5], when);
	if (n < 0 || (size_t)n >= sizeof path) {
		snprintf(msg, msglen, "w: the directory name is too long");
		return (-1);
	}
	/* the roam's frames, and with the recent frames in memory the
	 * client's and the APs' beacons around it; each with its number */
	if (rec_export(t->rec, t->eng, r, TUI_EXPORT_CONTEXT_NS, path, &wrote,
	    &own, err, sizeof err) != 0) {
		snprintf(msg, msglen, "w: %s", err);
		return (-1);
	}
	/* the path first: it is what the status line must not cut */
	snprintf(msg, msglen, "wrote %s (%zu frame%s: %s #%u's %zu of %u%s)",
	    path, wrote, wrote == 1 ? "" : "s", r->is_join ? "join" : "roam",
	    tui_roam_num(t, r), own, r->nframes, wrote > own ? ", +-10 s of context" :
	    ", no context left in memory");
	return (0);
}
