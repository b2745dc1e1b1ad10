/*
 * tui_int.h -- the TUI's state, shared by tui.c and the scr_*.c screens.
 *
 * The screens draw from a view model, not straight from the engine: while
 * paused the model is frozen (the engine and capture go on underneath), and
 * a sort or filter never has to touch the engine.  Live, the model is
 * refreshed from the engine before each redraw; it is cheap (plain copies of
 * the client, AP and finding arrays plus the selected client's roams).
 */
#ifndef TUI_INT_H
#define TUI_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "engine/engine.h"

struct cap;
struct logrun;
struct rec;

/* Smallest usable screen; below it we say so and draw nothing else. */
#define TUI_MIN_COLS	60
#define TUI_MIN_ROWS	15

enum tui_view {
	TV_MAIN,	/* clients, roams, swimlane */
	TV_FRAMES,	/* one roam's frames */
	TV_DETAIL,	/* one frame's fields and hex */
	TV_APS,		/* every BSS, by SSID */
	TV_HELP,
	TV_AP,		/* one BSS: its roams, capabilities, beacon */
	TV_MATRIX,	/* roams between AP pairs */
};

enum tui_sort {
	TS_FIRST_SEEN,
	TS_RECENT,
	TS_MAC,
	TS_ROAMS,
	TS_FAILS,
	TS_RSSI,
	TS_NSORTS
};

/* Attributes by meaning, set once for colour or monochrome. */
enum tui_attr {
	TA_NORMAL,
	TA_HEADER,
	TA_TITLE,	/* column titles */
	TA_SEL,		/* selected row in the focused pane */
	TA_SEL_DIM,	/* selected row in the other pane */
	TA_OK,
	TA_WARN,
	TA_FAIL,
	TA_DIM,
	TA_FLASH,	/* the FAIL count while it flashes */
	TA_HILITE,	/* hex bytes of the selected field */
	TA_NATTRS
};

/* Glyphs: UTF-8 or ASCII. */
struct tui_glyphs {
	const char	*bar_ok;	/* one cell of a bar */
	const char	*bar_warn;
	const char	*bar_fail;
	const char	*bar_open;	/* a phase that never ended */
	const char	*hline;
	const char	*tick;
	const char	*arrow;
	const char	*cross;
	const char	*check;
	const char	*dot;
	const char	*mark;		/* an ESS inconsistency */
};

/* The lower pane of TV_MAIN: every client's roams newest first, or the
 * selected client's; AUTO is the recent one once several clients roam. */
enum tui_lower {
	TL_AUTO,
	TL_RECENT,
	TL_CLIENT,
};

/* One row of the recent-roams pane: a roam, or a run of identical
 * consecutive failures collapsed into one (count > 1). */
#define TUI_RECENT_MAX	2000
#define TUI_WHY_TEXT	100

struct tui_recent {
	uint64_t	 id;		/* the newest of the run */
	uint64_t	 first_id;	/* the oldest of the run (its identity) */
	uint32_t	 count;
	uint8_t		 client[6];
	uint8_t		 from[6];
	uint8_t		 to[6];
	bool		 has_from;
	bool		 is_join;
	int64_t		 start_ns;
	enum eng_method	 method;
	enum eng_result	 result;
	enum eng_verdict verdict;
	int		 status;
	double		 total_ms;
	double		 outage_ms;
	uint8_t		 ch_old, ch_new;
	uint8_t		 band_old, band_new;
	char		 why[TUI_WHY_TEXT];
};

#define TUI_FIELD_TEXT	160
#define TUI_MAX_FIELDS	320

struct tui_field {
	char		 text[TUI_FIELD_TEXT];
	uint8_t		 depth;
	int		 off;		/* byte offset in the record, -1 none */
	int		 len;
};

/* The latest beacon of a BSS, kept for the AP screen (beacons.c). */
struct tui_beacon {
	uint8_t		 bssid[6];
	uint64_t	 n;
	int64_t		 ts_ns;
	int		 dlt;
	uint32_t	 len;
	uint32_t	 size;		/* bytes allocated at data */
	uint8_t		*data;
};

#define TUI_BEACONS	1024	/* BSSes whose beacon is kept */
#define TUI_EXPORT_CONTEXT_NS	(10 * 1000000000LL)	/* w: +- this */

struct tui {
	struct cap	*cap;
	struct eng	*eng;
	struct logrun	*logs;		/* --log files, NULL: none */
	bool		 bell;
	bool		 replay;
	const char	*write_dir;
	struct rec	*rec;		/* recent frames and recording, or NULL */
	uint64_t	 rec_seen;	/* its notes shown */

	bool		 utf8;
	bool		 color;
	int		 attrs[TA_NATTRS];
	struct tui_glyphs g;
	int		 rows, cols;

	enum tui_view	 view;
	enum tui_view	 help_from;	/* view to return to from help */
	int		 pane;		/* TV_MAIN: 0 clients, 1 roams */
	bool		 paused;
	uint64_t	 paused_new;	/* records that arrived while paused */
	bool		 ended;		/* every source ended */
	bool		 finished;	/* eng_finish done */
	int64_t		 flash_until;	/* monotonic ns */
	int64_t		 now_mono;

	/* the view model */
	struct eng_counters cnt;
	struct eng_client *cl;
	size_t		 ncl, cl_cap;
	size_t		*order;		/* rows after filter and sort */
	size_t		 nrows;
	char		(*last)[64];	/* per client: last roam summary */
	uint8_t		*last_v;	/* per client: last roam's verdict */
	struct eng_ap	*aps;
	size_t		 naps, aps_cap;
	size_t		*ap_order;
	struct eng_finding *fnd;
	size_t		 nfnd, fnd_cap;
	int64_t		 newest_ns;	/* shown (frozen while paused) */
	int64_t		 newest_live;	/* newest record fed */
	uint64_t	 drops;
	uint64_t	 dups;		/* same frame from two sources */
	uint64_t	 received;
	char		 sources[128];
	bool		 live;
	/* reading files: bytes of cap_progress, frames per second */
	uint64_t	 read_done, read_total;
	int64_t		 rate_at;	/* monotonic ns of rate_n */
	uint64_t	 rate_n;	/* frames fed by then */
	uint64_t	 fps;
	uint64_t	 frozen_gen;	/* engine generation of the model */

	/* selections, by identity so that they survive moving rows */
	uint8_t		 sel_mac[6];
	bool		 has_sel;
	size_t		 cl_top;
	uint64_t	 sel_roam;	/* roam id, 0 newest */
	size_t		 roam_top;
	struct eng_roam	*roams;		/* selected client's, newest first */
	size_t		 nroams, roams_cap;
	size_t		 ap_sel, ap_top;
	size_t		 fr_sel, fr_top;
	size_t		 fd_sel, fd_top;
	size_t		 help_top;

	/* the AP screen and the roam matrix */
	uint8_t		 ap_cur[6];	/* the BSS under the list's cursor */
	bool		 has_ap_cur;
	uint8_t		 ap_bssid[6];	/* the BSS opened from the list */
	struct eng_roam	*ap_roams;	/* its roams in and out, newest first */
	size_t		 nap_roams, ap_roams_cap;
	size_t		 apr_sel, apr_top;	/* 0: the beacon, 1..: roams */
	struct eng_pair	*pairs;
	size_t		 npairs, pairs_cap;
	size_t		 mx_sel, mx_top;
	enum tui_view	 matrix_from;
	enum tui_view	 frames_from;	/* where Esc from the frames goes */
	enum tui_view	 detail_from;
	struct tui_beacon *bc;		/* TUI_BEACONS slots, open addressing */
	size_t		 nbc;

	/* the detail pane's options */
	bool		 ws_names;	/* Wireshark display-filter names */
	bool		 abs_time;	/* wall clock, else relative */

	/* drill-down: the roam, and the frame being decoded */
	struct eng_roam	 dr_roam;
	uint64_t	 df_n;
	uint8_t		 df_raw[4096];
	uint32_t	 df_len;
	int		 df_dlt;
	int64_t		 df_ts;
	bool		 df_ok;
	struct tui_field fields[TUI_MAX_FIELDS];
	size_t		 nfields;

	/* the lower pane: recent roams (all clients) or one client's */
	enum tui_lower	 lower;
	bool		 following;	/* f: the selected client pinned */
	size_t		 nroaming;	/* clients with a roam */
	struct tui_recent *rc;
	size_t		 nrc, rc_cap;
	uint64_t	 rc_sel;	/* roam id, 0 newest */
	size_t		 rc_top;
	uint64_t	 rc_open;	/* first_id of the expanded run, 0 */
	struct eng_roam	 rc_roam;	/* the selected row's roam */
	bool		 rc_has_roam;

	enum tui_sort	 sort;
	char		 filter[64];
	bool		 prompting;
	char		 prompt[64];
	size_t		 prompt_len;

	char		 status[256];
	int64_t		 status_until;
	char		 wfail[300];	/* -w failed: red in the header */
};

/* tui.c */
void	 tui_model_refresh(struct tui *);
void	 tui_model_roams(struct tui *);
void	 tui_draw(struct tui *);
void	 tui_setup_attrs(struct tui *);
void	 tui_status(struct tui *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
int	 tui_put(struct tui *, int y, int x, int w, int attr, const char *s);
int	 tui_putf(struct tui *, int y, int x, int w, int attr,
	    const char *fmt, ...) __attribute__((format(printf, 6, 7)));
void	 tui_fill(struct tui *, int y, int x, int w, int attr);
void	 tui_hline(struct tui *, int y, int x, int w, int attr,
	    const char *title);
char	*tui_mac(const uint8_t *, char out[18]);
size_t	 tui_move(size_t cur, size_t n, long d, bool absolute);
char	*tui_clock(int64_t ns, char *out, size_t len, bool usec);
const char *tui_method_name(enum eng_method, bool full);
int	 tui_verdict_attr(enum eng_verdict, enum eng_result);
unsigned tui_roam_num(const struct tui *, const struct eng_roam *);
long	 tui_pick(long cur, long d, bool absolute, size_t n);
int	 tui_bench_init(struct tui *, struct eng *, int rows, int cols);
void	 tui_bench_free(struct tui *);

/* scr_clients.c */
void	 clients_rebuild(struct tui *);
void	 clients_draw(struct tui *, int y, int h);
void	 clients_move(struct tui *, long delta, bool absolute);
const struct eng_client *clients_selected(const struct tui *);
const char *clients_sort_name(enum tui_sort);

/* scr_roam.c */
void	 roams_draw(struct tui *, int y, int h);
void	 roams_move(struct tui *, long delta, bool absolute);
const struct eng_roam *roams_selected(const struct tui *);
void	 swimlane_draw(struct tui *, const struct eng_roam *, int y, int h);
int	 roam_write_pcapng(struct tui *, const struct eng_roam *,
	    char *msg, size_t msglen);

/* scr_recent.c */
void	 recent_rebuild(struct tui *);
void	 recent_draw(struct tui *, int y, int h);
void	 recent_move(struct tui *, long delta, bool absolute);
const struct eng_roam *recent_selected(const struct tui *);
bool	 recent_enter(struct tui *);
void	 recent_toggle_open(struct tui *);
bool	 recent_jump(struct tui *, int dir);
bool	 tui_lower_recent(const struct tui *);
bool	 tui_filter_roam(const struct tui *, const struct eng_roam *);

/* scr_frames.c */
void	 frames_draw(struct tui *, int y, int h);
void	 frames_move(struct tui *, long delta, bool absolute);
bool	 frames_open_selected(struct tui *);

/* scr_detail.c */
bool	 detail_load(struct tui *, uint64_t n);
void	 detail_draw(struct tui *, int y, int h);
void	 detail_move(struct tui *, long delta, bool absolute);
void	 detail_fields(struct tui *);

/* scr_log.c: the --log files' events on a roam */
int	 loglane_rows(const struct tui *, const struct eng_roam *);
int	 loglane_draw(struct tui *, const struct eng_roam *, int y, int x0,
	    int w, int64_t t0, int64_t span);
/* The drill-down's rows: the roam's frames and its logged events merged in
 * time order.  row: frame index (>= 0) or -1 - the logged event's index. */
size_t	 drill_rows(struct tui *, const struct eng_roam *, long *rows,
	    size_t max);
void	 drill_log_row(struct tui *, const struct eng_roam *, long row,
	    int y, int xt, int xd);

/* scr_aps.c */
void	 aps_draw(struct tui *, int y, int h);
void	 aps_move(struct tui *, long delta, bool absolute);
const struct eng_ap *aps_selected(const struct tui *);
void	 aps_issues(const struct tui *, const uint8_t *bssid, char *out,
	    size_t len);

/* scr_ap.c */
void	 ap_open(struct tui *, const uint8_t *bssid);
void	 ap_model(struct tui *);
void	 ap_draw(struct tui *, int y, int h);
void	 ap_move(struct tui *, long delta, bool absolute);
bool	 ap_enter(struct tui *);
const struct eng_roam *ap_selected_roam(const struct tui *);
void	 detail_load_raw(struct tui *, uint64_t n, int64_t ts_ns, int dlt,
	    const uint8_t *data, uint32_t len);

/* scr_matrix.c */
void	 matrix_model(struct tui *);
void	 matrix_draw(struct tui *, int y, int h);
void	 matrix_move(struct tui *, long delta, bool absolute);

/* beacons.c */
void	 beacons_note(struct tui *, const struct rs_rec *);
const struct tui_beacon *beacons_find(const struct tui *, const uint8_t *);
void	 beacons_free(struct tui *);

/* wsnames.c */
const char *ws_field_name(const struct tui *, size_t i, char *buf,
	    size_t len);
void	 detail_ws_name(struct tui *, size_t i, int y, int x, int attr);
void	 detail_title(const struct tui *, char *buf, size_t len);
void	 roam_filter(const struct tui *, const struct eng_roam *, char *buf,
	    size_t len);
void	 tui_reltime(int64_t ns, int64_t base, char *out, size_t len);

/* scr_help.c */
void	 help_draw(struct tui *, int y, int h);
void	 help_move(struct tui *, long delta, bool absolute);

#endif /* TUI_INT_H */
