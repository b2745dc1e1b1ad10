/*
 * scr_frames.c -- one roam's frames in order: time, delta, direction, type
 * and status, re-parsed from the raw bytes the engine kept.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <curses.h>

#include "tui_int.h"

void
frames_move(struct tui *t, long d, bool absolute)
{
	long	n = t->dr_roam.nframes, r;

	if (n == 0)
		return;
	if (absolute)
		r = d < 0 ? n - 1 : d;
	else
		r = (long)t->fr_sel + d;
	if (r < 0)
		r = 0;
	if (r >= n)
		r = n - 1;
	t->fr_sel = (size_t)r;
}

bool
frames_open_selected(struct tui *t)
{
	if (t->fr_sel >= t->dr_roam.nframes)
		return (false);
	if (!detail_load(t, t->dr_roam.frames[t->fr_sel])) {
		tui_status(t, "frame %llu is no longer in memory",
		    (unsigned long long)t->dr_roam.frames[t->fr_sel]);
		return (false);
	}
	return (true);
}

static bool
same(const uint8_t *a, const uint8_t *b)
{
	return (a != NULL && b != NULL && memcmp(a, b, 6) == 0);
}

/* "new", "old" or "AP" for the AP end of a frame. */
static const char *
ap_name(const struct eng_roam *r, const uint8_t *a)
{
	if (same(a, r->to))
		return ("new");
	if (r->has_from && same(a, r->from))
		return ("old");
	return ("AP");
}

static void
direction(const struct tui *t, const struct eng_roam *r,
    const struct d11_frame *f, char *out, size_t len)
{
	const uint8_t	*other;

	if (same(f->ta, r->client) || same(f->sa, r->client)) {
		other = f->ra != NULL ? f->ra : f->bssid;
		snprintf(out, len, "STA %s %s", t->g.arrow, ap_name(r, other));
	} else if (same(f->ra, r->client) || same(f->da, r->client)) {
		other = f->ta != NULL ? f->ta : f->bssid;
		snprintf(out, len, "%s %s STA", ap_name(r, other), t->g.arrow);
	} else
		snprintf(out, len, "?");
}

static const char *
eapol_msg_name(uint8_t m)
{
	static const char *const n[] = {
		"EAPOL-Key", "EAPOL-Key M1", "EAPOL-Key M2", "EAPOL-Key M3",
		"EAPOL-Key M4", "EAPOL-Key group M1", "EAPOL-Key group M2",
		"EAPOL-Key request"
	};

	return (m < sizeof n / sizeof n[0] ? n[m] : n[0]);
}

/* Type and status of a frame for one line of the list. */
void	 frame_summary(const struct d11_frame *, char *, size_t, char *,
	    size_t, int *);

void
frame_summary(const struct d11_frame *f, char *type, size_t tlen,
    char *st, size_t slen, int *attr)
{
	*attr = TA_NORMAL;
	st[0] = '\0';
	switch (f->kind) {
	case D11_K_AUTH:
		snprintf(type, tlen, "Authentication %s seq %u",
		    d11_auth_alg_name(f->auth_alg), f->auth_seq);
		break;
	case D11_K_ACTION:
	case D11_K_ACTION_NOACK:
		/* the parser reads no category under PMF: neither do we */
		if (!f->act.readable)
			snprintf(type, tlen, "Action (PMF: encrypted)");
		else if (f->act.has_action)
			snprintf(type, tlen, "%s",
			    d11_action_name(f->act.category, f->act.action));
		else
			snprintf(type, tlen, "Action %s",
			    d11_category_name(f->act.category));
		if (f->act.has_btm_status) {
			snprintf(st, slen, "%u %s", f->act.btm_status,
			    d11_btm_status_name(f->act.btm_status));
			*attr = f->act.btm_status == 0 ? TA_OK : TA_FAIL;
		} else if (f->act.has_ft_status) {
			snprintf(st, slen, "%u %s", f->act.ft_status,
			    d11_status_name(f->act.ft_status));
			*attr = f->act.ft_status == 0 ? TA_OK : TA_FAIL;
		}
		break;
	case D11_K_EAPOL:
		if (f->eapol.type == D11_EAPOL_KEY)
			snprintf(type, tlen, "%s", eapol_msg_name(f->eapol.msg));
		else if (f->eapol.type == D11_EAPOL_START)
			snprintf(type, tlen, "EAPOL-Start");
		else if (f->eapol.type == D11_EAPOL_LOGOFF)
			snprintf(type, tlen, "EAPOL-Logoff");
		else
			snprintf(type, tlen, "EAPOL type %u", f->eapol.type);
		break;
	case D11_K_EAP:
		snprintf(type, tlen, "EAP %s%s%s",
		    d11_eap_code_name(f->eapol.eap_code),
		    f->eapol.eap_type ? " " : "", f->eapol.eap_type ?
		    d11_eap_type_name(f->eapol.eap_type) : "");
		if (f->eapol.eap_code == 4)
			*attr = TA_FAIL;
		break;
	default:
		snprintf(type, tlen, "%s", d11_subtype_name(f->type,
		    f->subtype));
		break;
	}
	if (f->has_status) {
		snprintf(st, slen, "%u %s", f->status,
		    d11_status_name(f->status));
		*attr = f->status == 0 ? TA_OK : TA_FAIL;
	} else if (f->has_reason) {
		snprintf(st, slen, "reason %u %s", f->reason,
		    d11_reason_name(f->reason));
		*attr = TA_WARN;
	}
}

void
frames_draw(struct tui *t, int y, int h)
{
	const struct eng_roam	*r = &t->dr_roam;
	const struct eng_frame	*ef;
	struct d11_frame	 f;
	char			 title[160], m[18], b[18], clk[32], dir[32];
	char			 type[96], st[96], delta[24];
	int64_t			 prev = 0;
	long			 rowv[ENG_MAX_ROAM_FRAMES + 512];
	size_t			 i, row, k, nrow, sel;
	int			 rows = h - 2, attr, sattr, yy, xt, xd, wt;

	snprintf(title, sizeof title, "FRAMES of %s #%u  %s %s %s  "
	    "%u frame%s%s", r->is_join ? "join" : "roam",
	    tui_roam_num(t, r), tui_mac(r->client, m),
	    t->g.arrow,
	    tui_mac(r->to, b), r->nframes, r->nframes == 1 ? "" : "s",
	    r->frames_over ? " (more not kept)" : "");
	tui_hline(t, y, 0, t->cols, TA_TITLE, title);
	tui_fill(t, y + 1, 0, t->cols, TA_TITLE);
	/* Narrow screens drop the wall clock; the delta matters more. */
	xt = t->cols >= 100 ? 9 : 0;
	xd = xt != 0 ? 26 : 9;
	wt = t->cols >= 120 ? 34 : t->cols >= 100 ? 28 : 26;
	tui_put(t, y + 1, 1, 8, TA_TITLE, "FRAME");
	if (xt != 0)
		tui_put(t, y + 1, xt, 15, TA_TITLE, t->abs_time ? "TIME" :
		    "FROM START s");
	tui_put(t, y + 1, xd, 9, TA_TITLE, " DELTA ms");
	tui_put(t, y + 1, xd + 11, 12, TA_TITLE, "DIR");
	tui_put(t, y + 1, xd + 24, 1, TA_TITLE, "R");
	tui_put(t, y + 1, xd + 26, wt, TA_TITLE, "TYPE");
	tui_put(t, y + 1, xd + 27 + wt, t->cols, TA_TITLE, "STATUS");
	if (r->nframes == 0) {
		tui_put(t, y + 2, 1, t->cols - 1, TA_DIM, "(no frames kept)");
		return;
	}
	if (t->fr_sel >= r->nframes)
		t->fr_sel = r->nframes - 1;
	/* the frames and the logged lines (scr_log.c), in time order; the
	 * selection is a frame, the scrolling is by row */
	nrow = drill_rows(t, r, rowv, sizeof rowv / sizeof rowv[0]);
	for (sel = 0; sel < nrow && rowv[sel] != (long)t->fr_sel; sel++)
		;
	if (sel < t->fr_top)
		t->fr_top = sel;
	if (rows > 0 && sel >= t->fr_top + (size_t)rows)
		t->fr_top = sel - (size_t)rows + 1;
	for (k = 0; k < nrow; k++) {
		if (rowv[k] < 0) {
			if (k >= t->fr_top && (int)(k - t->fr_top) < rows)
				drill_log_row(t, r, rowv[k], y + 2 +
				    (int)(k - t->fr_top), xt, xd);
			continue;
		}
		i = (size_t)rowv[k];
		ef = eng_frame_by_n(t->eng, r->frames[i]);
		if (k < t->fr_top) {
			if (ef != NULL)
				prev = ef->ts_ns;
			continue;
		}
		row = k - t->fr_top;
		if ((int)row >= rows)
			break;
		if (ef == NULL) {
			tui_putf(t, y + 2 + (int)row, 1, t->cols - 1, TA_DIM,
			    "%-7llu (no longer in memory)",
			    (unsigned long long)r->frames[i]);
			continue;
		}
		d11_parse(ef->dlt, ef->data, ef->caplen, &f);
		direction(t, r, &f, dir, sizeof dir);
		frame_summary(&f, type, sizeof type, st, sizeof st, &sattr);
		if (prev != 0)
			snprintf(delta, sizeof delta, "%+9.3f",
			    (double)(ef->ts_ns - prev) / 1e6);
		else
			snprintf(delta, sizeof delta, "%9s", "");
		prev = ef->ts_ns;
		attr = TA_NORMAL;
		if (i == t->fr_sel) {
			attr = sattr = TA_SEL;
			tui_fill(t, y + 2 + (int)row, 0, t->cols, attr);
			tui_put(t, y + 2 + (int)row, 0, 1, attr, ">");
		}
		yy = y + 2 + (int)row;
		tui_putf(t, yy, 1, 8, attr, "%llu", (unsigned long long)ef->n);
		if (xt != 0 && !t->abs_time)
			tui_reltime(ef->ts_ns, r->start_ns, clk, sizeof clk);
		else if (xt != 0)
			tui_clock(ef->ts_ns, clk, sizeof clk, true);
		if (xt != 0)
			tui_put(t, yy, xt, 15, attr, clk);
		tui_put(t, yy, xd, 9, attr, delta);
		tui_put(t, yy, xd + 11, 12, attr, dir);
		tui_put(t, yy, xd + 24, 1, attr, f.retry ? "R" : " ");
		tui_put(t, yy, xd + 26, wt, attr, type);
		tui_put(t, yy, xd + 27 + wt, t->cols, sattr, st);
	}
}
