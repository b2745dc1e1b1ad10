/*
 * scr_log.c -- what the --log files say of a roam, on the screen: a "log"
 * lane under the swimlane's phases (a mark at each logged time, by kind),
 * and the logged lines among the roam's frames in the drill-down.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <curses.h>

#include "log/log.h"
#include "logrun.h"
#include "tui_int.h"

/* One letter per kind of logged event, for the lane's marks. */
static char
mark_of(const struct log_event *x)
{
	if (log_event_failed(x))
		return 'X';
	switch (x->kind) {
	case LOG_EV_AUTH_REQ:
	case LOG_EV_ASSOC_REQ:
	case LOG_EV_REASSOC_REQ:
	case LOG_EV_FT_ACTION:
	case LOG_EV_BTM_REQ:
		return 'q';
	case LOG_EV_AUTH_RESP:
	case LOG_EV_ASSOC_RESP:
	case LOG_EV_BTM_RESP:
		return 'r';
	case LOG_EV_EAPOL:
	case LOG_EV_EAPOL_RETRY:
	case LOG_EV_KEY_DONE:
	case LOG_EV_EAP:
	case LOG_EV_EAP_SUCCESS:
		return 'k';
	case LOG_EV_CONNECTED:
		return 'c';
	case LOG_EV_DEAUTH:
	case LOG_EV_DISASSOC:
	case LOG_EV_DISCONNECTED:
	case LOG_EV_CLIENT_DELETE:
		return 'd';
	default:
		return '.';
	}
}

int
loglane_rows(const struct tui *t, const struct eng_roam *r)
{
	size_t n;

	if (t->logs == NULL)
		return 0;
	(void)eng_roam_logs(t->eng, r->id, &n);
	return n > 0 ? 1 : 0;
}

int
loglane_draw(struct tui *t, const struct eng_roam *r, int y, int x0, int w,
    int64_t t0, int64_t span)
{
	const struct eng_logref *ref;
	const struct log_event *x, *worst = NULL;
	const char *fmt = "", *wfmt = "";
	char note[96], mk[2] = { 0, 0 };
	size_t n, i;
	int c, attr;

	if (t->logs == NULL || (ref = eng_roam_logs(t->eng, r->id, &n)) ==
	    NULL)
		return 0;
	tui_put(t, y, 1, x0 - 2, TA_NORMAL, "log");
	for (i = 0; i < n; i++) {
		if ((x = logrun_event(t->logs, &ref[i], &fmt)) == NULL)
			continue;
		c = x0 + (int)((double)(ref[i].ts_ns - t0) / span * (w - 1));
		if (c < x0)
			c = x0;
		if (c > x0 + w - 1)
			c = x0 + w - 1;
		mk[0] = mark_of(x);
		attr = mk[0] == 'X' ? TA_FAIL : mk[0] == 'c' ? TA_OK :
		    TA_NORMAL;
		tui_put(t, y, c, 1, attr, mk);
		if (worst == NULL && log_event_failed(x)) {
			worst = x;
			wfmt = fmt;
		}
	}
	/* after the lane: how many, and the first failure logged */
	if (worst != NULL)
		snprintf(note, sizeof note, "%zu logged, first failure: %s %s",
		    n, wfmt, log_kind_name(worst->kind));
	else
		snprintf(note, sizeof note, "%zu logged", n);
	tui_put(t, y, x0 + w + 1, t->cols - x0 - w - 1, worst != NULL ?
	    TA_FAIL : TA_DIM, note);
	return 1;
}

/* The frame's time, or the one before it when it is no longer kept. */
static int64_t
frame_ns(struct tui *t, const struct eng_roam *r, size_t i, int64_t prev)
{
	const struct eng_frame *ef = eng_frame_by_n(t->eng, r->frames[i]);

	return ef != NULL ? ef->ts_ns : prev;
}

size_t
drill_rows(struct tui *t, const struct eng_roam *r, long *rows, size_t max)
{
	const struct eng_logref *ref = NULL;
	size_t n = 0, nl = 0, i = 0, k = 0;
	int64_t ft = 0;

	if (t->logs != NULL)
		ref = eng_roam_logs(t->eng, r->id, &nl);
	while ((i < r->nframes || k < nl) && n < max) {
		if (i < r->nframes)
			ft = frame_ns(t, r, i, ft);
		/* a logged line goes before the first frame later than it */
		if (k < nl && (i >= r->nframes || ref[k].ts_ns < ft))
			rows[n++] = -1 - (long)k++;
		else
			rows[n++] = (long)i++;
	}
	return n;
}

void
drill_log_row(struct tui *t, const struct eng_roam *r, long row, int y,
    int xt, int xd)
{
	const struct eng_logref *ref;
	const struct log_event *x;
	const char *fmt = "";
	char clk[32], text[LOG_UNREC_TEXT * 3], line[LOG_UNREC_TEXT * 3 + 32];
	size_t n, k = (size_t)(-1 - row);
	int attr;

	ref = eng_roam_logs(t->eng, r->id, &n);
	if (ref == NULL || k >= n ||
	    (x = logrun_event(t->logs, &ref[k], &fmt)) == NULL)
		return;
	attr = log_event_failed(x) ? TA_FAIL : TA_DIM;
	logrun_event_text(t->logs, &ref[k], text, sizeof text);
	snprintf(line, sizeof line, "%s: %s", log_kind_name(x->kind), text);
	tui_put(t, y, 1, 8, attr, "log");
	if (xt != 0)
		tui_put(t, y, xt, 15, attr,
		    tui_clock(ref[k].ts_ns, clk, sizeof clk, true));
	tui_put(t, y, xd + 11, 12, attr, fmt);
	tui_put(t, y, xd + 26, t->cols - xd - 26, attr, line);
}
