/*
 * tui.c -- the ncurses front end: main loop, input, header, layout.
 *
 * The loop polls the terminal and the capture's wakeup fd, drains records
 * into the engine in bounded batches (input stays responsive on a file of a
 * million frames), and redraws at most ~30 times a second, only when the
 * engine's generation or the view changed.  Pause freezes the view model,
 * never the engine or the capture.
 */
#include "config.h"

#include <errno.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curses.h>

#include "cap/cap.h"
#include "engine/engine.h"
#include "feed.h"
#include "logrun.h"
#include "rec/rec.h"
#include "rs.h"
#include "text.h"
#include "tui.h"
#include "tui_int.h"

#define FRAME_NS	(33 * 1000000LL)	/* ~30 redraws a second */
#define HEADER_NS	(100 * 1000000LL)	/* the frame count alone */
#define BATCH_NS	(12 * 1000000LL)	/* feed at most this long */
#define FLASH_NS	(4 * 1000000000LL)
#define STATUS_NS	(10 * 1000000000LL)

static volatile sig_atomic_t	 tui_screen_up;

/* Per record fed (feed.c): the newest time, and what came while paused. */
static void
on_record(void *arg, const struct rs_rec *rec)
{
	struct tui	*t = arg;

	if (t->logs != NULL)
		logrun_frame(t->logs, rec);
	if (rec->ts_ns > t->newest_live)
		t->newest_live = rec->ts_ns;
	beacons_note(t, rec);
	if (!t->paused)
		t->newest_ns = t->newest_live;
	else
		t->paused_new++;
}

/* A --log file's note on the status line (main repeats it on exit). */
static void
log_note(void *arg, const char *s)
{
	tui_status(arg, "%s", s);
}

/* The capture's notes on the status line; a -w failure in the header. */
static bool
tui_notes(struct tui *t, uint64_t *seen)
{
	char	 buf[256];
	bool	 any = false;

	while (cap_note_next(t->cap, seen, buf, sizeof buf)) {
		tui_status(t, "%s", buf);
		any = true;
	}
	while (rec_note_next(t->rec, &t->rec_seen, buf, sizeof buf)) {
		/* the end's summary is for stderr, after the screen */
		if (strncmp(buf, "recorded ", 9) == 0)
			continue;
		tui_status(t, "%s", buf);
		any = true;
	}
	if (t->wfail[0] == '\0' && cap_write_failed(t->cap, buf,
	    sizeof buf)) {
		snprintf(t->wfail, sizeof t->wfail, "-w FAILED: %s", buf);
		tui_status(t, "%s (capture and analysis go on)", t->wfail);
		any = true;
	}
	return (any);
}

void
tui_emergency_restore(void)
{
	if (tui_screen_up) {
		tui_screen_up = 0;
		endwin();
	}
}

/* ------------------------------------------------------------------------
 * Drawing helpers.
 */

/* Print s at (y, x), clipped to w columns (by each character's width on
 * the terminal); returns the columns used. */
int
tui_put(struct tui *t, int y, int x, int w, int attr, const char *s)
{
	size_t	 bytes;
	int	 col;

	if (y < 0 || y >= t->rows || x >= t->cols || w <= 0)
		return (0);
	if (x + w > t->cols)
		w = t->cols - x;
	bytes = text_fit(s, w, &col);
	attrset(t->attrs[attr]);
	mvaddnstr(y, x, s, (int)bytes);
	attrset(A_NORMAL);
	return (col);
}

int
tui_putf(struct tui *t, int y, int x, int w, int attr, const char *fmt, ...)
{
	char	buf[512];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	return (tui_put(t, y, x, w, attr, buf));
}

void
tui_fill(struct tui *t, int y, int x, int w, int attr)
{
	if (y < 0 || y >= t->rows || x >= t->cols || w <= 0)
		return;
	if (x + w > t->cols)
		w = t->cols - x;
	attrset(t->attrs[attr]);
	mvhline(y, x, ' ', w);
	attrset(A_NORMAL);
}

/* A rule across the screen with an optional title: "── title ──────". */
void
tui_hline(struct tui *t, int y, int x, int w, int attr, const char *title)
{
	int	 i, n = 0;

	if (title != NULL && *title != '\0') {
		n += tui_put(t, y, x, w, attr, t->g.hline);
		n += tui_put(t, y, x + n, w - n, attr, t->g.hline);
		n += tui_put(t, y, x + n, w - n, attr, " ");
		n += tui_put(t, y, x + n, w - n, attr, title);
		n += tui_put(t, y, x + n, w - n, attr, " ");
	}
	for (i = n; i < w; i++)
		tui_put(t, y, x + i, 1, attr, t->g.hline);
}

char *
tui_mac(const uint8_t *m, char out[18])
{
	snprintf(out, 18, "%02x:%02x:%02x:%02x:%02x:%02x",
	    m[0], m[1], m[2], m[3], m[4], m[5]);
	return (out);
}

/* Local wall clock of a capture time: "12:34:56.789" (or .789012). */
char *
tui_clock(int64_t ns, char *out, size_t len, bool usec)
{
	struct tm	 tm;
	time_t		 s;
	long		 frac;

	if (ns <= 0) {
		snprintf(out, len, "--:--:--");
		return (out);
	}
	s = (time_t)(ns / 1000000000);
	frac = (long)(ns % 1000000000);
	localtime_r(&s, &tm);
	if (usec)
		snprintf(out, len, "%02d:%02d:%02d.%06ld", tm.tm_hour,
		    tm.tm_min, tm.tm_sec, frac / 1000);
	else
		snprintf(out, len, "%02d:%02d:%02d.%03ld", tm.tm_hour,
		    tm.tm_min, tm.tm_sec, frac / 1000000);
	return (out);
}

/* A list's cursor moved by d rows, or to row d (-1: the last) when
 * absolute, kept within the n rows. */
size_t
tui_move(size_t cur, size_t n, long d, bool absolute)
{
	long	r;

	if (n == 0)
		return (0);
	r = absolute ? (d < 0 ? (long)n - 1 : d) : (long)cur + d;
	if (r < 0)
		r = 0;
	if (r >= (long)n)
		r = (long)n - 1;
	return ((size_t)r);
}

/* Short (list columns) and long (swimlane title) names of a method. */
static const struct {
	const char	*brief;
	const char	*full;
} method_names[] = {
	[ENG_M_UNKNOWN] = { "?", "method unknown" },
	[ENG_M_FT_OVER_AIR] = { "FT-OTA", "FT over the air" },
	[ENG_M_FT_OVER_DS] = { "FT-ODS", "FT over the DS" },
	[ENG_M_PMKSA_CACHE] = { "PMKSA", "PMKSA caching" },
	[ENG_M_FULL_8021X] = { "802.1X", "full 802.1X" },
	[ENG_M_PSK] = { "PSK", "PSK" },
	[ENG_M_SAE] = { "SAE", "SAE" },
	[ENG_M_OPEN] = { "open", "open" },
	[ENG_M_OWE] = { "OWE", "OWE" },
	[ENG_M_FILS] = { "FILS", "FILS" },
};

const char *
tui_method_name(enum eng_method m, bool full)
{
	if ((size_t)m >= sizeof(method_names) / sizeof(method_names[0]) ||
	    method_names[m].brief == NULL)
		m = ENG_M_UNKNOWN;
	return (full ? method_names[m].full : method_names[m].brief);
}

int
tui_verdict_attr(enum eng_verdict v, enum eng_result r)
{
	if (r == ENG_R_FAILED || v == ENG_V_FAIL)
		return (TA_FAIL);
	if (v == ENG_V_WARN || r == ENG_R_FALLBACK)
		return (TA_WARN);
	if (v == ENG_V_OK)
		return (TA_OK);
	return (TA_NORMAL);
}

/* The row a move lands on among n rows: d rows from cur, or row d
 * (absolute; -1 the last); -1 when there are none. */
long
tui_pick(long cur, long d, bool absolute, size_t n)
{
	long	r;

	if (n == 0)
		return (-1);
	if (absolute)
		r = d < 0 ? (long)n - 1 : d;
	else
		r = cur + d;
	if (r < 0)
		r = 0;
	if (r >= (long)n)
		r = (long)n - 1;
	return (r);
}

/* A roam's number among its client's roams (or a join's among its joins),
 * as the counts beside it say: 1 is the first.  0 once it aged out. */
unsigned
tui_roam_num(const struct tui *t, const struct eng_roam *r)
{
	const struct eng_client	*c;
	const struct eng_roam	*x;
	size_t			 i, n;
	unsigned		 later = 0, total;
	uint64_t		 id = r->id;
	bool			 join = r->is_join;

	/* r may be one of the engine's views, which the reads below reuse:
	 * what is needed of it is taken first */
	if ((c = eng_find_client(t->eng, r->client)) == NULL)
		return (0);
	total = join ? c->njoins : c->nroams;
	n = eng_client_nroams(t->eng, c);
	for (i = n; i-- > 0;) {
		if ((x = eng_client_roam(t->eng, c, i)) == NULL)
			continue;
		if (x->id == id)
			return (total > later ? total - later : 0);
		if (x->is_join == join)
			later++;
	}
	return (0);
}

void
tui_status(struct tui *t, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(t->status, sizeof t->status, fmt, ap);
	va_end(ap);
	t->status_until = rs_mono_ns() + STATUS_NS;
}

/*
 * Colour where the terminal has it and NO_COLOR is unset; otherwise the
 * same meanings with bold, reverse and underline.
 */
void
tui_setup_attrs(struct tui *t)
{
	const char	*nc = getenv("NO_COLOR");
	int		 i;

	for (i = 0; i < TA_NATTRS; i++)
		t->attrs[i] = A_NORMAL;
	t->color = (nc == NULL || *nc == '\0') && has_colors();
	if (t->color) {
		start_color();
		use_default_colors();
		init_pair(1, COLOR_GREEN, -1);
		init_pair(2, COLOR_YELLOW, -1);
		init_pair(3, COLOR_RED, -1);
		init_pair(4, COLOR_BLACK, COLOR_CYAN);
		init_pair(5, COLOR_CYAN, -1);
		init_pair(6, COLOR_WHITE, COLOR_RED);
		init_pair(7, COLOR_BLACK, COLOR_YELLOW);
		t->attrs[TA_HEADER] = COLOR_PAIR(4);
		t->attrs[TA_TITLE] = COLOR_PAIR(5) | A_BOLD;
		t->attrs[TA_SEL] = A_REVERSE;
		t->attrs[TA_SEL_DIM] = A_UNDERLINE;
		t->attrs[TA_OK] = COLOR_PAIR(1);
		t->attrs[TA_WARN] = COLOR_PAIR(2) | A_BOLD;
		t->attrs[TA_FAIL] = COLOR_PAIR(3) | A_BOLD;
		t->attrs[TA_DIM] = A_DIM;
		t->attrs[TA_FLASH] = COLOR_PAIR(6) | A_BOLD | A_BLINK;
		t->attrs[TA_HILITE] = COLOR_PAIR(7);
	} else {
		t->attrs[TA_HEADER] = A_REVERSE;
		t->attrs[TA_TITLE] = A_BOLD;
		t->attrs[TA_SEL] = A_REVERSE;
		t->attrs[TA_SEL_DIM] = A_UNDERLINE;
		t->attrs[TA_OK] = A_NORMAL;
		t->attrs[TA_WARN] = A_BOLD;
		t->attrs[TA_FAIL] = A_BOLD | A_UNDERLINE;
		t->attrs[TA_DIM] = A_DIM;
		t->attrs[TA_FLASH] = A_BOLD | A_BLINK;
		t->attrs[TA_HILITE] = A_REVERSE | A_BOLD;
	}
}

static void
setup_glyphs(struct tui *t)
{
	if (t->utf8) {
		t->g.bar_ok = "\xe2\x96\x88";		/* U+2588 full block */
		t->g.bar_warn = t->color ? "\xe2\x96\x88" :
		    "\xe2\x96\x93";			/* U+2593 dark shade */
		t->g.bar_fail = t->color ? "\xe2\x96\x88" :
		    "\xe2\x96\x91";			/* U+2591 light shade */
		t->g.bar_open = "\xe2\x96\x91";
		t->g.hline = "\xe2\x94\x80";		/* U+2500 */
		t->g.tick = "\xe2\x94\xbc";		/* U+253C */
		t->g.arrow = "\xe2\x86\x92";		/* U+2192 */
		t->g.cross = "\xe2\x9c\x97";		/* U+2717 */
		t->g.check = "\xe2\x9c\x93";		/* U+2713 */
		t->g.dot = "\xc2\xb7";			/* U+00B7 */
		t->g.mark = "\xe2\x97\x80";		/* U+25C0 */
	} else {
		t->g.bar_ok = "#";
		t->g.bar_warn = t->color ? "#" : "=";
		t->g.bar_fail = t->color ? "#" : "X";
		t->g.bar_open = ".";
		t->g.hline = "-";
		t->g.tick = "+";
		t->g.arrow = "->";
		t->g.cross = "x";
		t->g.check = "ok";	/* "v" would read as 802.11v */
		t->g.dot = "-";
		t->g.mark = "<";
	}
}

/* ------------------------------------------------------------------------
 * The view model.
 */
static bool
grow(void **p, size_t *cap, size_t want, size_t size)
{
	void	*np;
	size_t	 n;

	if (want <= *cap)
		return (true);
	n = *cap == 0 ? 64 : *cap;
	while (n < want)
		n *= 2;
	if ((np = realloc(*p, n * size)) == NULL)
		return (false);
	*p = np;
	*cap = n;
	return (true);
}

static void
last_summary(struct tui *t, const struct eng_client *c, char *out,
    size_t len, uint8_t *verdict)
{
	const struct eng_roam	*r;
	size_t			 n;

	out[0] = '\0';
	*verdict = TA_NORMAL;
	if ((n = eng_client_nroams(t->eng, c)) == 0 ||
	    (r = eng_client_roam(t->eng, c, n - 1)) == NULL)
		return;
	*verdict = (uint8_t)tui_verdict_attr(r->verdict, r->result);
	if ((r->result == ENG_R_FAILED || r->result == ENG_R_RETURNED) &&
	    r->status > 0)
		snprintf(out, len, "%s%s FAIL %d %s", r->is_join ? "join " :
		    "", tui_method_name(r->method, false), r->status,
		    d11_status_name((uint16_t)r->status));
	else if (r->result == ENG_R_PENDING)
		snprintf(out, len, "%s%s ...", r->is_join ? "join " : "",
		    tui_method_name(r->method, false));
	else if (r->total_ms >= 0)
		snprintf(out, len, "%s%s %s %.0fms", r->is_join ? "join " :
		    "", tui_method_name(r->method, false),
		    r->verdict != ENG_V_NONE ? eng_verdict_name(r->verdict) :
		    eng_result_name(r->result), r->total_ms);
	else
		snprintf(out, len, "%s%s %s", r->is_join ? "join " : "",
		    tui_method_name(r->method, false), eng_result_name(r->result));
}

/* Where the walk is recorded, "~/.local/state/roamscope"; "" when not. */
static void
rec_where(const struct tui *t, char *out, size_t len)
{
	const char	*d = rec_dir(t->rec), *h = getenv("HOME");
	size_t		 hl;

	out[0] = '\0';
	if (d == NULL)
		return;
	hl = h != NULL ? strlen(h) : 0;
	if (hl > 1 && strncmp(d, h, hl) == 0 && d[hl] == '/')
		snprintf(out, len, "~%s", d + hl);
	else
		snprintf(out, len, "%s", d);
}

static void
model_sources(struct tui *t)
{
	struct cap_source_info	 si;
	size_t			 i, n, o = 0;
	bool			 all_ended = true;

	t->drops = 0;
	t->dups = 0;
	t->received = 0;
	t->sources[0] = '\0';
	if (t->cap == NULL)
		return;
	n = cap_nsources(t->cap);
	for (i = 0; i < n; i++) {
		cap_source_info(t->cap, i, &si);
		t->drops += si.ring_drops + si.kernel_drops;
		t->dups += si.dups;
		t->received += si.received;
		if (!si.ended)
			all_ended = false;
		if (o < sizeof t->sources - 1)
			o += (size_t)snprintf(t->sources + o,
			    sizeof t->sources - o, "%s%s", i ? ", " : "",
			    si.desc[0] != '\0' ? si.desc : si.name);
		/* several sources: each one's own drops */
		if (n > 1 && o < sizeof t->sources - 1)
			o += (size_t)snprintf(t->sources + o,
			    sizeof t->sources - o, " drops %llu",
			    (unsigned long long)(si.ring_drops +
			    si.kernel_drops));
	}
	(void)all_ended;
	t->live = cap_live(t->cap);
	cap_progress(t->cap, &t->read_done, &t->read_total);
}

/*
 * Frames fed per second: over the time since the start until a second has
 * passed, then over the last second or so.
 */
static void
model_rate(struct tui *t, int64_t now)
{
	int64_t		 dt;

	if (t->rate_at == 0) {
		t->rate_at = now;
		t->rate_n = t->cnt.frames;
		return;
	}
	if ((dt = now - t->rate_at) <= 0)
		return;
	if (t->fps == 0 || dt >= 1000000000LL) {
		t->fps = (uint64_t)((double)(t->cnt.frames - t->rate_n) *
		    1e9 / (double)dt);
		if (dt >= 1000000000LL) {
			t->rate_at = now;
			t->rate_n = t->cnt.frames;
		}
	}
}

/* Copy the selected client's roams, newest first.  Paused, roams that began
 * after the pause are left out so the view stays still. */
void
tui_model_roams(struct tui *t)
{
	const struct eng_client	*c;
	const struct eng_roam	*r;
	size_t			 i, n, k = 0;

	t->nroams = 0;
	if (!t->has_sel ||
	    (c = eng_find_client(t->eng, t->sel_mac)) == NULL)
		return;
	n = eng_client_nroams(t->eng, c);
	if (!grow((void **)&t->roams, &t->roams_cap, n, sizeof *t->roams))
		return;
	for (i = n; i-- > 0;) {
		if ((r = eng_client_roam(t->eng, c, i)) == NULL)
			continue;
		if (t->paused && t->newest_ns != 0 &&
		    r->start_ns > t->newest_ns)
			continue;
		t->roams[k++] = *r;
	}
	t->nroams = k;
	/* The drilled-into roam follows the engine while live. */
	if (!t->paused && t->view != TV_MAIN && t->dr_roam.id != 0)
		for (i = 0; i < k; i++)
			if (t->roams[i].id == t->dr_roam.id)
				t->dr_roam = t->roams[i];
}

void
tui_model_refresh(struct tui *t)
{
	const struct eng_counters	*cnt;
	const struct eng_client		*c;
	const struct eng_ap		*ap;
	const struct eng_finding	*f;
	size_t				 i, n;

	cnt = eng_counters(t->eng);
	t->cnt = *cnt;
	t->frozen_gen = eng_generation(t->eng);

	n = eng_nclients(t->eng);
	if (grow((void **)&t->cl, &t->cl_cap, n ? n : 1, sizeof *t->cl)) {
		size_t	cap = t->cl_cap;

		/* order, last and last_v share cl's capacity */
		if ((t->order = reallocarray(t->order, cap,
		    sizeof *t->order)) == NULL ||
		    (t->last = reallocarray(t->last, cap,
		    sizeof *t->last)) == NULL ||
		    (t->last_v = reallocarray(t->last_v, cap,
		    sizeof *t->last_v)) == NULL) {
			t->ncl = 0;
			return;
		}
		t->ncl = 0;
		t->nroaming = 0;
		for (i = 0; i < n; i++) {
			if ((c = eng_client(t->eng, i)) == NULL)
				continue;
			if (c->nroams != 0)
				t->nroaming++;
			t->cl[t->ncl] = *c;
			last_summary(t, c, t->last[t->ncl],
			    sizeof t->last[t->ncl], &t->last_v[t->ncl]);
			t->ncl++;
		}
	}

	n = eng_naps(t->eng);
	if (grow((void **)&t->aps, &t->aps_cap, n ? n : 1, sizeof *t->aps)) {
		if ((t->ap_order = reallocarray(t->ap_order, t->aps_cap,
		    sizeof *t->ap_order)) == NULL) {
			t->naps = 0;
		} else {
			t->naps = 0;
			for (i = 0; i < n; i++)
				if ((ap = eng_ap(t->eng, i)) != NULL)
					t->aps[t->naps++] = *ap;
		}
	}

	n = eng_nfindings(t->eng);
	if (grow((void **)&t->fnd, &t->fnd_cap, n, sizeof *t->fnd)) {
		t->nfnd = 0;
		for (i = 0; i < n; i++)
			if ((f = eng_finding(t->eng, i)) != NULL)
				t->fnd[t->nfnd++] = *f;
	}

	model_sources(t);
	clients_rebuild(t);
	tui_model_roams(t);
	recent_rebuild(t);
	if (t->view == TV_AP || (t->view != TV_MAIN && t->frames_from ==
	    TV_AP))
		ap_model(t);
	if (t->view == TV_MATRIX)
		matrix_model(t);
}

/* ------------------------------------------------------------------------
 * Header, status line, layout.
 */
static void
commas(uint64_t v, char *out, size_t len)
{
	char	tmp[32];
	size_t	n, i, o = 0;

	n = (size_t)snprintf(tmp, sizeof tmp, "%llu", (unsigned long long)v);
	for (i = 0; i < n && o + 1 < len; i++) {
		if (i != 0 && (n - i) % 3 == 0 && o + 2 < len)
			out[o++] = ',';
		out[o++] = tmp[i];
	}
	out[o] = '\0';
}

/* "PAUSED +1,234 frames +2 roams +1 FAIL": what arrived since the pause,
 * by what it is (the screen shows the counts as they were). */
static void
paused_text(struct tui *t, char *out, size_t len)
{
	const struct eng_counters	*live = eng_counters(t->eng);
	char				 a[32];
	uint64_t			 roams, fails, fails0;
	size_t				 o;

	commas(t->paused_new, a, sizeof a);
	snprintf(out, len, "PAUSED +%s frame%s", a, t->paused_new == 1 ?
	    "" : "s");
	roams = live->roams + live->joins - t->cnt.roams - t->cnt.joins;
	fails = live->fail > live->roams_failed ? live->fail :
	    live->roams_failed;
	fails0 = t->cnt.fail > t->cnt.roams_failed ? t->cnt.fail :
	    t->cnt.roams_failed;
	o = strlen(out);
	if (roams != 0 && o < len)
		o += (size_t)snprintf(out + o, len - o, " +%llu roam%s",
		    (unsigned long long)roams, roams == 1 ? "" : "s");
	if (fails > fails0 && o < len)
		snprintf(out + o, len - o, " +%llu FAIL",
		    (unsigned long long)(fails - fails0));
}

/* A rate, short: 950, 12k, 1.2M. */
static const char *
rate_str(uint64_t v, char *out, size_t len)
{
	if (v >= 1000000)
		snprintf(out, len, "%.1fM", (double)v / 1e6);
	else if (v >= 10000)
		snprintf(out, len, "%lluk", (unsigned long long)v / 1000);
	else
		snprintf(out, len, "%llu", (unsigned long long)v);
	return out;
}

static void
draw_header(struct tui *t)
{
	char		 a[32], b[64], clk[32], cnt[160], fw[64], st[96];
	char		 wn[32], src[300], where[160];
	const char	*state, *sep;
	int		 x = 0, w = t->cols, sattr = TA_HEADER, room, fixed;
	int		 level;
	bool		 flash, help, name, usec;
	uint64_t	 fails;

	tui_fill(t, 0, 0, t->cols, TA_HEADER);
	if (t->paused)
		state = "PAUSED";
	else if (t->ended)
		state = "END";
	else if (t->live)
		state = "LIVE";
	else if (t->replay)
		state = "REPLAY";
	else
		state = "READ";
	if (t->paused) {
		sattr = TA_WARN;
		paused_text(t, st, sizeof st);
	} else if (!t->ended && !t->live && !t->replay && t->read_total > 0)
		/* reading files: how far, how fast */
		snprintf(st, sizeof st, "%s %d%% %s fr/s", state,
		    (int)(t->read_done * 100 / t->read_total),
		    rate_str(t->fps, a, sizeof a));
	else
		snprintf(st, sizeof st, "%s", state);
	/* recording: said in the state, the place after the sources */
	if (rec_dir(t->rec) != NULL && strlen(st) + 5 < sizeof st)
		strcat(st, " REC");

	commas(t->cnt.frames, a, sizeof a);
	commas(t->drops, b, sizeof b);
	/* Several adapters: the copies they both heard, after the drops. */
	if (t->dups != 0) {
		size_t	 bl = strlen(b);

		snprintf(b + bl, sizeof b - bl, " dups ");
		bl = strlen(b);
		commas(t->dups, b + bl, sizeof b - bl);
	}
	fails = t->cnt.fail > t->cnt.roams_failed ? t->cnt.fail :
	    t->cnt.roams_failed;
	snprintf(fw, sizeof fw, "FAIL %llu", (unsigned long long)fails);
	snprintf(wn, sizeof wn, "WARN %llu", (unsigned long long)t->cnt.warn);
	flash = t->flash_until > t->now_mono &&
	    ((t->flash_until - t->now_mono) / 500000000) % 2 == 0;

	/* The words stay; narrower screens lose, in this order, the
	 * program's name, the double spaces, the milliseconds, the help
	 * hint; the sources get what is left. */
	for (level = 0; ; level++) {
		name = level < 1;
		sep = level < 2 ? "  " : " ";
		usec = level < 3;
		help = level < 4;
		snprintf(cnt, sizeof cnt, "%sframes %s%sdrops %s%sclients "
		    "%zu%sroams %llu%s", sep, a, sep, b, sep, t->ncl, sep,
		    (unsigned long long)(t->cnt.roams), sep);
		tui_clock(t->newest_ns, clk, sizeof clk, false);
		if (!usec)
			clk[8] = '\0';
		fixed = (name ? 11 : 0) + (int)text_width(st) +
		    (int)strlen(cnt) + (int)strlen(fw) + (int)strlen(sep) +
		    (int)strlen(wn) + (int)strlen(sep) + (int)strlen(clk) +
		    (help ? 8 : 0);
		if (fixed <= w || level >= 4)
			break;
	}
	room = w - fixed - 2;

	if (name)
		x += tui_put(t, 0, x, w - x, TA_HEADER, "roamscope  ");
	if (t->wfail[0] != '\0') {
		/* a recording is being lost: that, before anything */
		text_safe(src, sizeof src, t->wfail);
		x += tui_put(t, 0, x, room > 12 ? room : 12, TA_FAIL, src);
		x += tui_put(t, 0, x, w - x, TA_HEADER, "  ");
	} else if (room >= 6) {
		text_safe(src, sizeof src, t->sources);
		/* where the walk is kept, when all of it fits */
		rec_where(t, where, sizeof where);
		if (where[0] != '\0' && (int)(strlen(src) + strlen(where)) + 6 <=
		    room)
			snprintf(src + strlen(src), sizeof src - strlen(src),
			    "  REC %s", where);
		x += tui_put(t, 0, x, room, TA_HEADER, src);
		x += tui_put(t, 0, x, w - x, TA_HEADER, "  ");
	}
	x += tui_put(t, 0, x, w - x, sattr, st);
	x += tui_put(t, 0, x, w - x, TA_HEADER, cnt);
	x += tui_put(t, 0, x, w - x, flash ? TA_FLASH : fails ? TA_FAIL :
	    TA_HEADER, fw);
	x += tui_put(t, 0, x, w - x, TA_HEADER, sep);
	x += tui_put(t, 0, x, w - x, t->cnt.warn ? TA_WARN : TA_HEADER, wn);
	x += tui_putf(t, 0, x, w - x, TA_HEADER, "%s%s", sep, clk);
	if (help && w - x >= 7)
		tui_put(t, 0, w - 7, 7, TA_HEADER, "?:help");
}

/* The footer's keys, the most useful first, as many as fit. */
static void
draw_keys(struct tui *t, int y, const char *const *keys, size_t n)
{
	size_t	 i;
	int	 x = 0, kw;

	for (i = 0; i < n; i++) {
		if (keys[i] == NULL || keys[i][0] == '\0')
			continue;
		kw = (int)text_width(keys[i]);
		if (x + kw > t->cols)
			continue;
		x += tui_put(t, y, x, t->cols - x, TA_DIM, keys[i]);
		x += tui_put(t, y, x, t->cols - x, TA_DIM, "  ");
	}
}

static void
draw_status(struct tui *t)
{
	char	 flt[80], srt[32], bell[16];
	int	 y = t->rows - 1, x = 0;

	if (t->prompting) {
		x += tui_put(t, y, 0, t->cols, TA_TITLE, t->cols >= 100 ?
		    "filter (MAC, vendor, SSID, AP, method, status, fail or "
		    "warn; Enter keeps, Esc clears): " : "filter: ");
		x += tui_put(t, y, x, t->cols - x, TA_NORMAL, t->prompt);
		curs_set(1);
		move(y, x < t->cols ? x : t->cols - 1);
		return;
	}
	curs_set(0);
	if (t->status[0] != '\0' && t->status_until > t->now_mono) {
		tui_put(t, y, 0, t->cols, TA_TITLE, t->status);
		return;
	}
	switch (t->view) {
	case TV_MAIN: {
		const char	*k[16];
		size_t		 n = 0;

		snprintf(flt, sizeof flt, "/ filter%s%s", t->filter[0] ?
		    "=" : "", t->filter);
		snprintf(srt, sizeof srt, "s sort:%s",
		    clients_sort_name(t->sort));
		snprintf(bell, sizeof bell, "b bell:%s", t->bell ? "on" :
		    "off");
		k[n++] = "? help";
		k[n++] = "q quit";
		k[n++] = "n/N failures";
		k[n++] = "Enter drill";
		k[n++] = "Tab pane";
		k[n++] = flt;
		k[n++] = t->following ? "f unpin" : "f follow";
		k[n++] = tui_lower_recent(t) ? "r client's" : "r recent";
		k[n++] = "p pause";
		k[n++] = "w write";
		k[n++] = "a APs";
		k[n++] = srt;
		k[n++] = bell;
		draw_keys(t, y, k, n);
		break;
	}
	case TV_FRAMES:
		tui_put(t, y, 0, t->cols, TA_DIM, "Enter decode  Esc "
		    "back  w write  p pause  ? help  q quit");
		break;
	case TV_DETAIL:
		tui_put(t, y, 0, t->cols, TA_DIM, "up/down field "
		    "(its bytes highlighted)  Esc back  ? help  q quit");
		break;
	case TV_APS:
		tui_put(t, y, 0, t->cols, TA_DIM, "Enter open the AP  m roam "
		    "matrix  Esc or a back  p pause  ? help  q quit");
		break;
	case TV_AP:
		tui_put(t, y, 0, t->cols, TA_DIM, "Enter the beacon's elements "
		    "or the roam's frames  Esc back  m matrix  ? help  q quit");
		break;
	case TV_MATRIX:
		tui_put(t, y, 0, t->cols, TA_DIM, "up/down pairs  Esc or m "
		    "back  a APs  p pause  ? help  q quit");
		break;
	case TV_HELP:
		tui_put(t, y, 0, t->cols, TA_DIM, "Esc or ? back  q quit");
		break;
	}
}

static void
draw_too_small(struct tui *t)
{
	char	 line[64];
	int	 y = 0;

	erase();
	snprintf(line, sizeof line, "terminal too small: %dx%d", t->cols,
	    t->rows);
	/* Wrap by hand: the screen may be narrower than the message. */
	tui_put(t, y++, 0, t->cols, TA_FAIL, "roamscope:");
	tui_put(t, y++, 0, t->cols, TA_NORMAL, "terminal too small");
	snprintf(line, sizeof line, "is %dx%d", t->cols, t->rows);
	tui_put(t, y++, 0, t->cols, TA_NORMAL, line);
	snprintf(line, sizeof line, "need %dx%d", TUI_MIN_COLS, TUI_MIN_ROWS);
	tui_put(t, y++, 0, t->cols, TA_NORMAL, line);
	tui_put(t, y++, 0, t->cols, TA_DIM, "q quits");
}

/* The roam the swimlane shows: the lower pane's selection. */
static const struct eng_roam *
main_roam(const struct tui *t)
{
	return (tui_lower_recent(t) ? recent_selected(t) : roams_selected(t));
}

static void
draw_main(struct tui *t)
{
	const struct eng_roam	*r;
	int			 avail, hc, hr, hs, y, most;
	size_t			 nlow;
	bool			 recent = tui_lower_recent(t);

	avail = t->rows - 2;
	most = t->rows >= 40 ? (recent ? 8 : 4) : t->rows >= 24 ? 4 : 2;
	nlow = recent ? t->nrc : t->nroams;
	hr = 1 + (int)(nlow == 0 ? 1 : nlow < (size_t)most ? nlow :
	    (size_t)most);
	hs = 11;
	if (t->rows >= 34)
		hs = 13;
	hc = avail - hr - hs;
	if (hc < 3) {
		hc = 3;
		hs = avail - hr - hc;
	}
	/* Rows the clients do not need go to the swimlane's notes. */
	if (hc > 2 + (int)t->nrows) {
		hs += hc - (2 + (int)t->nrows);
		hc = 2 + (int)t->nrows;
	}
	y = 1;
	clients_draw(t, y, hc);
	y += hc;
	if (recent)
		recent_draw(t, y, hr);
	else
		roams_draw(t, y, hr);
	y += hr;
	if ((r = main_roam(t)) != NULL)
		swimlane_draw(t, r, y, hs);
	else
		tui_hline(t, y, 0, t->cols, TA_DIM, t->ncl == 0 ?
		    "waiting for clients" : "no roam selected");
}

void
tui_draw(struct tui *t)
{
	int	 h;

	getmaxyx(stdscr, t->rows, t->cols);
	if (t->cols < TUI_MIN_COLS || t->rows < TUI_MIN_ROWS) {
		draw_too_small(t);
		refresh();
		return;
	}
	erase();
	draw_header(t);
	h = t->rows - 2;
	switch (t->view) {
	case TV_MAIN:
		draw_main(t);
		break;
	case TV_FRAMES:
		frames_draw(t, 1, h);
		break;
	case TV_DETAIL:
		detail_draw(t, 1, h);
		break;
	case TV_APS:
		aps_draw(t, 1, h);
		break;
	case TV_AP:
		ap_draw(t, 1, h);
		break;
	case TV_MATRIX:
		matrix_draw(t, 1, h);
		break;
	case TV_HELP:
		help_draw(t, 1, h);
		break;
	}
	draw_status(t);
	refresh();
}

/* ------------------------------------------------------------------------
 * Input.
 */
static void
set_pause(struct tui *t, bool on)
{
	t->paused = on;
	t->paused_new = 0;
	if (!on) {
		/* resume jumps to live */
		t->newest_ns = t->newest_live;
		tui_model_refresh(t);
	}
}

static void
move_sel(struct tui *t, long d, bool abs)
{
	switch (t->view) {
	case TV_MAIN:
		if (t->pane == 0)
			clients_move(t, d, abs);
		else if (tui_lower_recent(t))
			recent_move(t, d, abs);
		else
			roams_move(t, d, abs);
		break;
	case TV_FRAMES:
		frames_move(t, d, abs);
		break;
	case TV_DETAIL:
		detail_move(t, d, abs);
		break;
	case TV_APS:
		aps_move(t, d, abs);
		break;
	case TV_AP:
		ap_move(t, d, abs);
		break;
	case TV_MATRIX:
		matrix_move(t, d, abs);
		break;
	case TV_HELP:
		help_move(t, d, abs);
		break;
	}
}

static void
go_back(struct tui *t)
{
	switch (t->view) {
	case TV_DETAIL:
		t->view = t->detail_from;
		break;
	case TV_FRAMES:
		t->view = t->frames_from;
		break;
	case TV_APS:
		t->view = TV_MAIN;
		break;
	case TV_AP:
		t->view = TV_APS;
		break;
	case TV_MATRIX:
		t->view = t->matrix_from;
		break;
	case TV_HELP:
		t->view = t->help_from;
		break;
	case TV_MAIN:
		if (t->pane == 1)
			t->pane = 0;
		else if (t->filter[0] != '\0') {
			t->filter[0] = '\0';
			clients_rebuild(t);
			tui_model_roams(t);
			recent_rebuild(t);
		}
		break;
	}
}

static void
enter(struct tui *t)
{
	const struct eng_roam	*r;
	const struct eng_ap	*ap;

	switch (t->view) {
	case TV_MAIN:
		if (t->pane == 0) {
			if ((tui_lower_recent(t) ? t->nrc : t->nroams) != 0)
				t->pane = 1;
			break;
		}
		if (tui_lower_recent(t) && recent_enter(t))
			break;
		if ((r = main_roam(t)) == NULL)
			break;
		t->dr_roam = *r;
		t->fr_sel = t->fr_top = 0;
		t->frames_from = TV_MAIN;
		t->view = TV_FRAMES;
		break;
	case TV_FRAMES:
		if (frames_open_selected(t)) {
			t->fd_sel = t->fd_top = 0;
			t->detail_from = TV_FRAMES;
			t->view = TV_DETAIL;
		}
		break;
	case TV_APS:
		if ((ap = aps_selected(t)) != NULL)
			ap_open(t, ap->bssid);
		break;
	case TV_AP:
		ap_enter(t);
		break;
	default:
		break;
	}
}

/* The roam the keys w and c act on in this view, NULL when none. */
static const struct eng_roam *
current_roam(const struct tui *t)
{
	switch (t->view) {
	case TV_DETAIL:
		if (t->detail_from == TV_AP)
			return (NULL);	/* a beacon, not a roam's frame */
		return (&t->dr_roam);
	case TV_FRAMES:
		return (&t->dr_roam);
	case TV_AP:
		return (ap_selected_roam(t));
	case TV_MAIN:
		return (main_roam(t));
	default:
		return (NULL);
	}
}

static void
write_roam(struct tui *t)
{
	const struct eng_roam	*r;
	char			 msg[256];

	r = current_roam(t);
	if (r == NULL || r->id == 0) {
		tui_status(t, "w: select a roam first");
		return;
	}
	roam_write_pcapng(t, r, msg, sizeof msg);
	tui_status(t, "%s", msg);
}

/* The filter applies as it is typed; Esc clears it, Enter keeps it. */
static void
apply_filter(struct tui *t, const char *f)
{
	snprintf(t->filter, sizeof t->filter, "%s", f);
	t->cl_top = 0;
	t->rc_top = 0;
	clients_rebuild(t);
	tui_model_roams(t);
	recent_rebuild(t);
}

/* c: a display filter for the roam, to paste into Wireshark. */
static void
filter_roam(struct tui *t)
{
	const struct eng_roam	*r;
	char			 f[240];

	if ((r = current_roam(t)) == NULL || r->id == 0) {
		tui_status(t, "c: select a roam first");
		return;
	}
	roam_filter(t, r, f, sizeof f);
	tui_status(t, "%s", f);
}

static void
prompt_key(struct tui *t, int ch)
{
	switch (ch) {
	case 27:
		t->prompting = false;
		apply_filter(t, "");
		return;
	case '\r':
	case '\n':
	case KEY_ENTER:
		t->prompting = false;
		return;
	case KEY_BACKSPACE:
	case 127:
	case 8:
		if (t->prompt_len > 0)
			t->prompt[--t->prompt_len] = '\0';
		break;
	default:
		if (ch >= 0x20 && ch < 0x7f &&
		    t->prompt_len + 1 < sizeof t->prompt) {
			t->prompt[t->prompt_len++] = (char)ch;
			t->prompt[t->prompt_len] = '\0';
		}
		break;
	}
	apply_filter(t, t->prompt);
}

/* n/N: the next (older) or previous (newer) failed or WARN roam of any
 * client, in the recent pane; the clients pane selects its client. */
static void
jump_failure(struct tui *t, int dir)
{
	const struct eng_roam	*r;

	if (t->view != TV_MAIN)
		t->view = TV_MAIN;
	if (!tui_lower_recent(t)) {
		t->following = false;
		t->lower = TL_RECENT;
		recent_rebuild(t);
	}
	t->pane = 1;
	if (!recent_jump(t, dir)) {
		tui_status(t, "no %s failed or WARN roam", dir > 0 ?
		    "older" : "newer");
		return;
	}
	if ((r = recent_selected(t)) != NULL) {
		memcpy(t->sel_mac, r->client, 6);
		t->has_sel = true;
		t->sel_roam = 0;
		tui_model_roams(t);
	}
}

static void
toggle_follow(struct tui *t)
{
	const struct eng_roam	*r;
	const struct eng_client	*c;
	char			 m[18];

	if (t->view != TV_MAIN)
		return;
	if (t->following) {
		t->following = false;
		tui_status(t, "following no client");
		return;
	}
	/* From the recent pane: the selected roam's client. */
	if (t->pane == 1 && tui_lower_recent(t) &&
	    (r = recent_selected(t)) != NULL) {
		memcpy(t->sel_mac, r->client, 6);
		t->has_sel = true;
		clients_rebuild(t);
	}
	if ((c = clients_selected(t)) == NULL) {
		tui_status(t, "f: select a client first");
		return;
	}
	t->following = true;
	t->sel_roam = 0;
	t->roam_top = 0;
	tui_model_roams(t);
	tui_status(t, "following %s: its roams below, the newest selected "
	    "(f unpins)", tui_mac(c->mac, m));
}

/* Returns false to quit. */
static bool
handle_key(struct tui *t, int ch)
{
	int	 page = t->rows > 8 ? t->rows / 2 : 1;

	if (t->prompting) {
		prompt_key(t, ch);
		return (true);
	}
	switch (ch) {
	case 'q':
	case 'Q':
		return (false);
	case KEY_RESIZE:
		break;
	case '?':
	case KEY_F(1):
		if (t->view == TV_HELP)
			t->view = t->help_from;
		else {
			t->help_from = t->view;
			t->help_top = 0;
			t->view = TV_HELP;
		}
		break;
	case 'a':
		if (t->view == TV_APS)
			t->view = TV_MAIN;
		else {
			t->view = TV_APS;
			t->ap_sel = t->ap_top = 0;
			t->has_ap_cur = false;
		}
		break;
	case 'm':
		if (t->view == TV_MATRIX)
			t->view = t->matrix_from;
		else if (t->view == TV_MAIN || t->view == TV_APS ||
		    t->view == TV_AP) {
			t->matrix_from = t->view;
			t->mx_sel = t->mx_top = 0;
			matrix_model(t);
			t->view = TV_MATRIX;
		}
		break;
	case ' ':
	case 'p':
		set_pause(t, !t->paused);
		break;
	case 'b':
		t->bell = !t->bell;
		tui_status(t, "bell %s", t->bell ? "on" : "off");
		break;
	case 's':
		t->sort = (enum tui_sort)((t->sort + 1) % TS_NSORTS);
		clients_rebuild(t);
		tui_status(t, "clients sorted by %s",
		    clients_sort_name(t->sort));
		break;
	case '/':
		if (t->view != TV_MAIN)
			t->view = TV_MAIN;
		t->prompting = true;
		snprintf(t->prompt, sizeof t->prompt, "%s", t->filter);
		t->prompt_len = strlen(t->prompt);
		break;
	case 'w':
		write_roam(t);
		break;
	case 'n':
		jump_failure(t, 1);
		break;
	case 'N':
		jump_failure(t, -1);
		break;
	case 'r':
		if (t->view != TV_MAIN)
			break;
		t->following = false;
		t->lower = tui_lower_recent(t) ? TL_CLIENT : TL_RECENT;
		tui_status(t, "lower pane: %s", t->lower == TL_RECENT ?
		    "recent roams of every client" :
		    "the selected client's roams");
		break;
	case 'e':
		if (t->view == TV_MAIN && tui_lower_recent(t))
			recent_toggle_open(t);
		break;
	case 'c':
		filter_roam(t);
		break;
	case 't':
		if (t->view == TV_FRAMES || t->view == TV_DETAIL) {
			t->abs_time = !t->abs_time;
			tui_status(t, "times %s", t->abs_time ? "absolute "
			    "(wall clock)" : "relative to the roam's start");
		}
		break;
	case 'f':
		/* the detail: Wireshark's names; elsewhere: follow */
		if (t->view != TV_DETAIL) {
			toggle_follow(t);
			break;
		}
		t->ws_names = !t->ws_names;
		tui_status(t, "Wireshark field names %s",
		    t->ws_names ? "shown" : "hidden");
		break;
	case '\t':
		if (t->view == TV_MAIN)
			t->pane = !t->pane;
		break;
	case KEY_BTAB:
		if (t->view == TV_MAIN)
			t->pane = !t->pane;
		break;
	case KEY_UP:
	case 'k':
		move_sel(t, -1, false);
		break;
	case KEY_DOWN:
	case 'j':
		move_sel(t, 1, false);
		break;
	case KEY_PPAGE:
		move_sel(t, -page, false);
		break;
	case KEY_NPAGE:
		move_sel(t, page, false);
		break;
	case KEY_HOME:
	case 'g':
		move_sel(t, 0, true);
		break;
	case KEY_END:
	case 'G':
		move_sel(t, -1, true);
		break;
	case '\r':
	case '\n':
	case KEY_ENTER:
	case KEY_RIGHT:
		enter(t);
		break;
	case 27:
	case KEY_BACKSPACE:
	case 127:
	case 8:
	case KEY_LEFT:
		go_back(t);
		break;
	case 12:	/* ^L */
		clearok(curscr, TRUE);
		break;
	default:
		return (true);
	}
	return (true);
}

/* ------------------------------------------------------------------------
 * Failures: flash, bell and a status line naming what failed.
 */
static void
note_failures(struct tui *t, uint64_t *seen)
{
	const struct eng_counters	*c = eng_counters(t->eng);
	const struct eng_roam		*x;
	struct eng_roam			 rr;	/* the engine's view, copied */
	const struct eng_roam		*r = &rr;
	uint64_t			 now = c->fail + c->roams_failed;
	size_t				 i;
	unsigned			 num;
	char				 m[18];

	if (now <= *seen) {
		*seen = now;
		return;
	}
	*seen = now;
	t->flash_until = rs_mono_ns() + FLASH_NS;
	if (t->bell)
		beep();
	for (i = eng_nroams_all(t->eng); i-- > 0;) {
		x = eng_roam_all(t->eng, i);
		if (x == NULL || (x->result != ENG_R_FAILED &&
		    x->verdict != ENG_V_FAIL))
			continue;
		rr = *x;
		num = tui_roam_num(t, r);
		/* Paused, the screen still shows what it showed: say that
		 * this one is not on it yet. */
		if (r->status > 0)
			tui_status(t, "FAIL%s: %s %s #%u %s, status %d %s",
			    t->paused ? " (new, not shown while paused)" : "",
			    tui_mac(r->client, m), r->is_join ? "join" :
			    "roam", num,
			    tui_method_name(r->method, false), r->status,
			    d11_status_name((uint16_t)r->status));
		else
			tui_status(t, "FAIL%s: %s %s #%u %s, %s, %.0f ms",
			    t->paused ? " (new, not shown while paused)" : "",
			    tui_mac(r->client, m), r->is_join ? "join" :
			    "roam", num,
			    tui_method_name(r->method, false),
			    eng_result_name(r->result), r->total_ms);
		break;
	}
}

/* ------------------------------------------------------------------------
 * Set-up and the loop.
 */
static void
tui_init_state(struct tui *t, struct cap *cap, struct eng *eng)
{
	memset(t, 0, sizeof *t);
	t->cap = cap;
	t->eng = eng;
	t->sort = TS_FIRST_SEEN;
	t->frames_from = TV_MAIN;
	t->detail_from = TV_FRAMES;
	t->matrix_from = TV_MAIN;
	t->abs_time = true;
}

static void
tui_free_state(struct tui *t)
{
	free(t->cl);
	free(t->order);
	free(t->last);
	free(t->last_v);
	free(t->aps);
	free(t->ap_order);
	free(t->fnd);
	free(t->roams);
	free(t->rc);
	free(t->ap_roams);
	free(t->pairs);
	beacons_free(t);
}

/* For bench/bench_tui.c: a state drawing into the current screen. */
int
tui_bench_init(struct tui *t, struct eng *eng, int rows, int cols)
{
	tui_init_state(t, NULL, eng);
	t->utf8 = true;
	text_set_utf8(true);
	tui_setup_attrs(t);
	setup_glyphs(t);
	t->rows = rows;
	t->cols = cols;
	tui_model_refresh(t);
	return (0);
}

void
tui_bench_free(struct tui *t)
{
	tui_free_state(t);
}

int
tui_run(struct cap *cap, struct eng *eng, const struct tui_opts *o)
{
	struct tui		 t;
	struct pollfd		 pfd[2];
	SCREEN			*scr;
	FILE			*keys, *tty = NULL;
	const char		*cs;
	enum feed_rc		 fr;
	int64_t			 last_draw = 0, now;
	uint64_t		 drawn_gen = UINT64_MAX, fails_seen = 0;
	uint64_t		 drawn_rec = 0;
	uint64_t		 drawn_new = 0, notes_seen = 0;
	int			 ch, nfd, timeout, code = RS_EXIT_OK;
	bool			 dirty = true, more, quit = false;

	tui_init_state(&t, cap, eng);
	t.bell = o->bell;
	t.replay = o->replay;
	t.write_dir = o->write_dir;
	t.logs = o->logs;
	t.rec = o->rec;

	setlocale(LC_ALL, "");
	cs = nl_langinfo(CODESET);
	t.utf8 = cs != NULL && (strcmp(cs, "UTF-8") == 0 ||
	    strcmp(cs, "utf8") == 0);
	text_set_utf8(t.utf8);

	if (!isatty(STDOUT_FILENO)) {
		fprintf(stderr, "roamscope: the screen needs a terminal on "
		    "stdout; use --report or --frames for headless output\n");
		return (RS_EXIT_USAGE);
	}
	/* Keys come from the controlling terminal, as less reads them, so
	 * that stdin can carry a capture (-r -). */
	if (isatty(STDIN_FILENO))
		keys = stdin;
	else if ((keys = tty = fopen("/dev/tty", "r")) == NULL) {
		fprintf(stderr, "roamscope: the screen needs a terminal for "
		    "its keys, and /dev/tty cannot be opened (%s); use "
		    "--report or --frames for headless output\n",
		    strerror(errno));
		return (RS_EXIT_USAGE);
	}
	if ((scr = newterm(NULL, stdout, keys)) == NULL) {
		fprintf(stderr, "roamscope: cannot drive the terminal "
		    "(TERM=%s); set TERM to your terminal's type, or use "
		    "--report\n", getenv("TERM") ? getenv("TERM") : "");
		if (tty != NULL)
			fclose(tty);
		return (RS_EXIT_USAGE);
	}
	set_term(scr);
	tui_screen_up = 1;

	o->feed->each = on_record;
	o->feed->arg = &t;

	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	tui_setup_attrs(&t);
	setup_glyphs(&t);
	getmaxyx(stdscr, t.rows, t.cols);
	tui_model_refresh(&t);
	t.rate_at = rs_mono_ns();
	t.rate_n = t.cnt.frames;
	if (rec_dir(t.rec) != NULL)
		tui_status(&t, "recording the walk in %s (a ring of pcapng "
		    "files; each failed roam in its own file)", rec_dir(t.rec));

	pfd[0].fd = fileno(keys);
	pfd[0].events = POLLIN;
	pfd[1].fd = cap_wakeup_fd(cap);
	pfd[1].events = POLLIN;

	/* SIGINT, SIGTERM, SIGHUP (main's handler) end it as q does. */
	while (!quit && !*o->stop) {
		/* Feed the engine in a bounded slice: keys stay answered. */
		more = false;
		if (!t.ended) {
			fr = feed_slice(o->feed, 0, BATCH_NS);
			more = fr == FEED_MORE;
			t.ended = fr == FEED_END;
		}
		logrun_poll(t.logs);
		if (!t.ended)
			logrun_refresh(t.logs, eng, rs_mono_ns());
		if (t.ended && !t.finished) {
			feed_finish(o->feed);
			logrun_finish(t.logs, eng, log_note, &t);
			t.finished = true;
			dirty = true;
		}
		/* the failure first: the note of its saved file comes after */
		note_failures(&t, &fails_seen);
		if (tui_notes(&t, &notes_seen))
			dirty = true;

		now = t.now_mono = rs_mono_ns();
		if (!t.paused && eng_generation(eng) != drawn_gen)
			dirty = true;
		/* a frame that changed nothing else still counts in the
		 * header: at once after a quiet while (a followed file, a
		 * stream), at most every HEADER_NS while frames keep coming
		 * (beacons would redraw the screen 30 times a second) */
		if (!t.paused && o->feed->nrec != drawn_rec &&
		    now - last_draw >= HEADER_NS)
			dirty = true;
		if (t.paused && t.paused_new != drawn_new)
			dirty = true;
		if (t.flash_until > now - 1000000000LL)
			dirty = true;	/* the flash toggles, then ends */
		if (t.status_until != 0 && t.status_until <= now) {
			t.status_until = 0;
			dirty = true;
		}
		if (dirty && now - last_draw >= FRAME_NS) {
			if (!t.paused && eng_generation(eng) != drawn_gen)
				tui_model_refresh(&t);
			else if (!t.paused) {
				t.cnt = *eng_counters(eng);
				model_sources(&t);
			}
			drawn_gen = eng_generation(eng);
			drawn_rec = o->feed->nrec;
			drawn_new = t.paused_new;
			model_rate(&t, now);
			tui_draw(&t);
			last_draw = now;
			dirty = false;
		}

		/* Sleep until a key, a record, or the next frame is due. */
		if (more)
			timeout = 0;
		else if (dirty)
			timeout = (int)((FRAME_NS - (now - last_draw)) /
			    1000000) + 1;
		else if (t.flash_until > now)
			timeout = 250;
		else if (t.ended)
			timeout = 1000;
		else
			timeout = t.replay ? 5 : 20;	/* pacing, reorder */
		if (timeout < 0)
			timeout = 0;
		nfd = pfd[1].fd >= 0 && !t.ended ? 2 : 1;
		if (poll(pfd, (nfds_t)nfd, timeout) < 0 && errno != EINTR)
			break;

		while ((ch = getch()) != ERR) {
			if (!handle_key(&t, ch)) {
				quit = true;
				break;
			}
			dirty = true;
			last_draw = 0;	/* answer keys at once */
		}
	}

	o->feed->each = NULL;
	tui_screen_up = 0;
	curs_set(1);
	endwin();
	delscreen(scr);
	if (tty != NULL)
		fclose(tty);
	tui_free_state(&t);
	return (code);
}
