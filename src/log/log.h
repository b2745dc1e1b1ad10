/*
 * log.h -- the infrastructure's own logs (Cisco AireOS debug client, Cisco
 * Catalyst 9800 RA traces, hostapd, wpa_supplicant) read as events, and the
 * log's clock aligned with the capture's.
 *
 * A reader (struct log) takes bytes -- from a file it reads itself, or fed
 * by the caller -- splits them into records, detects the format from the
 * content (or is told it), and turns each record it understands into one
 * struct log_event.  Nothing is held but the current line or record, the
 * events and a bounded sample of the records it did not understand: a log of
 * hundreds of MB streams through.  A file may be followed as it grows.
 *
 * Times are the log's own clock: ns since the epoch, reading the logged wall
 * clock as UTC (controllers log local time, AireOS and syslog without a
 * year: the year is the one that puts the time nearest log_opts.ref_ns).
 * log_align() finds the offset of that clock from the capture's by matching
 * the events with what the air shows (struct log_air, one per frame that a
 * logged event can describe).
 *
 * MAC addresses are 6 raw bytes.  Status and reason codes are kept as the
 * line gives them; LOG_F_IEEE says when they are IEEE 802.11 codes (hostapd,
 * wpa_supplicant, the status of an AireOS association response).
 */
#ifndef LOG_LOG_H
#define LOG_LOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct d11_frame;

/* ------------------------------------------------------------------------
 * Formats.
 */
enum log_format {
	LOG_FMT_AUTO = 0,	/* not known yet: detect from the content */
	LOG_FMT_AIREOS,		/* Cisco AireOS debug client / debug aaa */
	LOG_FMT_C9800,		/* Cisco Catalyst 9800 RA trace */
	LOG_FMT_HOSTAPD,	/* hostapd -t / -dd -t, or syslog */
	LOG_FMT_WPAS,		/* wpa_supplicant -t, or syslog */
	LOG_FMT_N
};

/* "aireos", "c9800", "hostapd", "wpas" ("auto" for LOG_FMT_AUTO). */
const char	*log_format_name(enum log_format);
/* A name the user may write before ':' in FORMAT:FILE (the names above and
 * "9800", "wpa_supplicant"); LOG_FMT_AUTO when it is none. */
enum log_format	 log_format_parse(const char *name, size_t len);

/* ------------------------------------------------------------------------
 * Events.  One kind per thing a log line can say; log_kind_name() gives the
 * short label (the lane and the report use it).
 */
enum log_kind {
	LOG_EV_NONE = 0,
	LOG_EV_AUTH_REQ,	/* authentication from the client (FT:
				   LOG_F_FT) */
	LOG_EV_AUTH_RESP,	/* authentication response, status */
	LOG_EV_AUTH_TIMEOUT,	/* client: authentication never answered */
	LOG_EV_ASSOC_REQ,	/* association request on BSSID */
	LOG_EV_REASSOC_REQ,	/* reassociation request (old_bssid: from) */
	LOG_EV_ASSOC_RESP,	/* (re)association response, status */
	LOG_EV_ASSOC_TIMEOUT,	/* client: (re)association never answered */
	LOG_EV_ASSOC_FAIL,	/* the infrastructure failed the association */
	LOG_EV_NO_PMK,		/* no key for the client's PMKID: "802.11r Key
				   Cache look up failed", no PMK-R1,
				   ..._INVALID_PMKID (the air's status 53) */
	LOG_EV_FT_ACTION,	/* FT over the DS request/response */
	LOG_EV_FT_PULL,		/* PMK-R1 asked from the R0KH */
	LOG_EV_PEM,		/* AireOS policy manager state (pem) */
	LOG_EV_EAPOL,		/* EAPOL-Key message msg sent/received */
	LOG_EV_EAPOL_RETRY,	/* EAPOL-Key message msg sent again (num) */
	LOG_EV_EAP_TIMEOUT,	/* 802.1X/EAP/EAPOL timer expired waiting for
				   message msg (0: EAP identity) */
	LOG_EV_MIC_FAIL,	/* EAPOL-Key message msg with an invalid MIC */
	LOG_EV_PSK_MISMATCH,	/* "possible PSK mismatch" / wrong key */
	LOG_EV_KEY_DONE,	/* 4-way handshake (or key management) done */
	LOG_EV_EAP,		/* EAP step (identity request, start) */
	LOG_EV_EAP_SUCCESS,
	LOG_EV_EAP_FAILURE,
	LOG_EV_PMKID_RX,	/* the client presented num PMKIDs */
	LOG_EV_PMKID_ADD,	/* PMKID/PMK cache entry added */
	LOG_EV_PMKID_FOUND,	/* cache hit */
	LOG_EV_PMKID_MISS,	/* cache miss */
	LOG_EV_PMKID_COMPUTED,	/* OKC: PMKID computed for the new AP */
	LOG_EV_PMK_DELETE,	/* PMK / PMKID / FT cache entry deleted */
	LOG_EV_CCKM,		/* CCKM fast roam validated */
	LOG_EV_AAA,		/* AAA/RADIUS result, status = its code */
	LOG_EV_CLIENT_DELETE,	/* client entry deleted, reason */
	LOG_EV_DEAUTH,		/* deauthentication, reason */
	LOG_EV_DISASSOC,	/* disassociation, reason */
	LOG_EV_CONNECTED,	/* AP-STA-CONNECTED, CTRL-EVENT-CONNECTED,
				   9800 RUN state */
	LOG_EV_DISCONNECTED,	/* reason */
	LOG_EV_DO_ROAM,		/* client decided to roam (levels) */
	LOG_EV_SKIP_ROAM,	/* client decided not to roam (levels) */
	LOG_EV_BTM_REQ,		/* BSS Transition Management request */
	LOG_EV_BTM_RESP,	/* BSS Transition Management response, status */
	LOG_EV_CLIENT_DETAIL,	/* AireOS "show client detail" snapshot */
	LOG_EV_N
};

const char	*log_kind_name(enum log_kind);	/* "assoc-resp", ... */

/* AireOS policy manager (PEM) states, in the order a client moves. */
enum log_pem {
	LOG_PEM_NONE = 0,
	LOG_PEM_START,
	LOG_PEM_AUTHCHECK,
	LOG_PEM_8021X_REQD,
	LOG_PEM_L2AUTHCOMPLETE,
	LOG_PEM_WEP_REQD,
	LOG_PEM_DHCP_REQD,
	LOG_PEM_WEBAUTH_REQD,
	LOG_PEM_CENTRAL_WEBAUTH_REQD,
	LOG_PEM_RUN,
	LOG_PEM_OTHER,
	LOG_PEM_N
};

const char	*log_pem_name(enum log_pem);	/* "8021X_REQD", ... */

/* struct log_event.flags: which fields the line gave. */
#define LOG_F_TIME	0x0001	/* t_ns */
#define LOG_F_MAC	0x0002	/* mac: the client */
#define LOG_F_BSSID	0x0004	/* bssid: the BSS concerned (target) */
#define LOG_F_AP	0x0008	/* ap: an AP's radio MAC (not a BSSID) */
#define LOG_F_OLD	0x0010	/* old_bssid: the BSS the client came from */
#define LOG_F_STATUS	0x0020	/* status */
#define LOG_F_REASON	0x0040	/* reason */
#define LOG_F_MSG	0x0080	/* msg */
#define LOG_F_NUM	0x0100	/* num */
#define LOG_F_LEVELS	0x0200	/* cur_level, sel_level */
#define LOG_F_IEEE	0x0400	/* status/reason are IEEE 802.11 codes */
#define LOG_F_REASSOC	0x0800	/* assoc-resp answers a reassociation */
#define LOG_F_FT	0x1000	/* an 802.11r (FT) step */
#define LOG_F_ACKED	0x2000	/* the response was acknowledged (hostapd) */
#define LOG_F_ALG	0x4000	/* alg: authentication algorithm as logged */
#define LOG_F_YEAR	0x8000	/* the year was inferred (the line has none) */

enum log_dir {
	LOG_DIR_NONE = 0,
	LOG_DIR_RX,		/* the logger received it */
	LOG_DIR_TX		/* the logger sent it */
};

enum log_side {
	LOG_SIDE_INFRA = 0,	/* an AP or controller logged it */
	LOG_SIDE_CLIENT		/* the client logged it */
};

struct log_event {
	int64_t		 t_ns;		/* log clock, LOG_F_TIME */
	uint64_t	 line;		/* line where the record starts, 1.. */
	uint64_t	 off;		/* byte offset of the record */
	uint32_t	 len;		/* its bytes (it may span lines) */
	uint32_t	 flags;		/* LOG_F_* */
	uint16_t	 kind;		/* enum log_kind */
	int32_t		 status;	/* status / AAA code, as logged */
	int32_t		 reason;	/* reason / delete reason */
	uint32_t	 num;		/* retry count, PMKID count, AID */
	int16_t		 cur_level;	/* dBm, client's roam decision */
	int16_t		 sel_level;
	uint8_t		 mac[6];	/* the client */
	uint8_t		 bssid[6];
	uint8_t		 ap[6];
	uint8_t		 old_bssid[6];
	uint8_t		 dir;		/* enum log_dir */
	uint8_t		 side;		/* enum log_side */
	uint8_t		 msg;		/* EAPOL-Key message 1..4 (0: EAP) */
	uint8_t		 pem;		/* enum log_pem */
	uint8_t		 alg;		/* authentication algorithm */
};

/* Whether the event says something failed (a refusal, a timeout, a bad
 * MIC, a non-zero status where zero is success); inline, for the engine
 * too, which reads events without linking the readers. */
static inline bool
log_event_failed(const struct log_event *e)
{
	bool	 st = (e->flags & LOG_F_STATUS) != 0;

	switch (e->kind) {
	case LOG_EV_AUTH_TIMEOUT:
	case LOG_EV_ASSOC_TIMEOUT:
	case LOG_EV_ASSOC_FAIL:
	case LOG_EV_NO_PMK:
	case LOG_EV_EAP_TIMEOUT:
	case LOG_EV_MIC_FAIL:
	case LOG_EV_PSK_MISMATCH:
	case LOG_EV_EAP_FAILURE:
		return (true);
	case LOG_EV_AUTH_RESP:
	case LOG_EV_ASSOC_RESP:
	case LOG_EV_FT_ACTION:
	case LOG_EV_BTM_RESP:
	case LOG_EV_AAA:
		return (st && e->status != 0);
	default:
		return (false);
	}
}

/* ------------------------------------------------------------------------
 * The reader.
 */
#define LOG_LINE_MAX	(64 * 1024)	/* longer lines are cut (stats.cut) */
#define LOG_REC_MAX	4096		/* bytes of a record classified */
#define LOG_DETECT_MAX	(64 * 1024)	/* bytes looked at to detect */
#define LOG_MAX_EVENTS	1000000		/* default cap (stats.dropped):
					   88 MB of events */
#define LOG_MAX_UNREC	256		/* unrecognised records kept */
#define LOG_UNREC_TEXT	240		/* bytes of each kept */
#define LOG_RAW_MAX	(32 * 1024 * 1024) /* raw text kept when the
					   input cannot be read again */

struct log_opts {
	int64_t		 ref_ns;	/* a time near the log's (the capture's
					   first frame): picks missing years;
					   0: the file's mtime, else now */
	size_t		 max_events;	/* 0: LOG_MAX_EVENTS */
	bool		 follow;	/* the file grows: keep reading */
};

struct log_stats {
	uint64_t	 bytes;		/* read */
	uint64_t	 lines;		/* physical lines */
	uint64_t	 records;	/* log entries (a time starts one) */
	uint64_t	 recognised;	/* records that gave an event */
	uint64_t	 unrecognised;	/* records that did not */
	uint64_t	 text;		/* non-blank lines outside any record
					   (prose, show output) */
	uint64_t	 blank;
	uint64_t	 pager;		/* "--More-- or (q)uit" */
	uint64_t	 annotations;	/* lines with "//..." or "!---" */
	uint64_t	 details;	/* "show client detail" blocks */
	uint64_t	 events;	/* events kept */
	uint64_t	 dropped;	/* events beyond max_events */
	uint64_t	 untimed;	/* events without a usable time */
	uint64_t	 cut;		/* lines longer than LOG_LINE_MAX */
	uint64_t	 rotations;	/* followed file truncated */
};

/* A record the reader kept because it did not understand it. */
struct log_unrec {
	uint64_t	 line;
	uint64_t	 off;
	uint32_t	 len;		/* bytes of the record in the input */
	uint16_t	 text_len;	/* bytes in text, <= LOG_UNREC_TEXT */
	char		 text[LOG_UNREC_TEXT + 1];
};

struct log;

/*
 * Open spec ("FILE", "FORMAT:FILE", "-" for stdin) for reading.  Returns
 * NULL with a one-line note in err when the file cannot be opened.  Nothing
 * is read until log_read().
 */
struct log	*log_open(const char *spec, const struct log_opts *,
		    char *err, size_t errlen);
/* A reader fed by the caller (log_feed/log_finish), for tests and fuzzers. */
struct log	*log_new(enum log_format, const struct log_opts *);
void		 log_close(struct log *);

/*
 * log_read: read up to max_bytes more (0: until the end of the file).
 * Returns 1 when more may follow (max_bytes reached, or following and no
 * new data yet), 0 at the end (the last line is then complete), -1 on an
 * error or when the input is no log (log_error() says which, in one line).
 * log_feed: the same for bytes the caller has; log_finish: the end.
 */
int		 log_read(struct log *, size_t max_bytes);
int		 log_feed(struct log *, const void *buf, size_t len);
int		 log_finish(struct log *);

const char	*log_name(const struct log *);	/* the FILE of the spec */
enum log_format	 log_format(const struct log *);
const char	*log_error(const struct log *);	/* "" when none */
const struct log_stats *log_stats(const struct log *);
size_t		 log_nevents(const struct log *);
const struct log_event *log_events(const struct log *);
size_t		 log_nunrec(const struct log *);
/* Kept unrecognised records, oldest first (the most recent LOG_MAX_UNREC;
 * from a file, the text is read back when asked for). */
const struct log_unrec *log_unrec(struct log *, size_t i);
/*
 * The raw text of an event's record (lines as in the input), NUL-terminated
 * in buf.  Returns its length (cut to len - 1), or -1 when not available.
 */
int		 log_raw(struct log *, const struct log_event *, char *buf,
		    size_t len);

/* ------------------------------------------------------------------------
 * The air side: what a capture shows that a log line can describe.
 */
enum log_air_kind {
	LOG_AIR_NONE = 0,
	LOG_AIR_AUTH_REQ,	/* authentication from the client */
	LOG_AIR_AUTH_RESP,	/* authentication to the client, status */
	LOG_AIR_ASSOC_REQ,
	LOG_AIR_REASSOC_REQ,
	LOG_AIR_ASSOC_RESP,	/* status */
	LOG_AIR_REASSOC_RESP,	/* status */
	LOG_AIR_M1,		/* EAPOL-Key 4-way messages */
	LOG_AIR_M2,
	LOG_AIR_M3,
	LOG_AIR_M4,
	LOG_AIR_DEAUTH,		/* reason; from_client says who sent it */
	LOG_AIR_DISASSOC,
	LOG_AIR_FT_REQ,		/* FT action request (over the DS) */
	LOG_AIR_FT_RESP,	/* FT action response, status */
	LOG_AIR_BTM_REQ,
	LOG_AIR_BTM_RESP,	/* status */
	LOG_AIR_N
};

const char	*log_air_kind_name(enum log_air_kind);

#define LOG_AIR_NO_STATUS	0xffff

struct log_air {
	int64_t		 t_ns;		/* capture clock */
	uint8_t		 mac[6];	/* the client */
	uint8_t		 bssid[6];
	uint16_t	 status;	/* status/reason, LOG_AIR_NO_STATUS */
	uint8_t		 kind;		/* enum log_air_kind */
	bool		 from_client;
};

/* The air event a parsed frame is, if any (false: none). */
bool		 log_air_from_frame(const struct d11_frame *, int64_t ts_ns,
		    struct log_air *);
/* Every air event of a capture file (pcap or pcapng), and the time of its
 * first record; -1 with a note in err when the file cannot be read. */
int		 log_air_load(const char *path, struct log_air **out,
		    size_t *n, int64_t *first_ns, char *err, size_t errlen);
/* Whether a logged event can be this air event (kind, client, and status
 * where both carry a comparable one); times are not looked at. */
bool		 log_air_matches(const struct log_event *,
		    const struct log_air *);

/* ------------------------------------------------------------------------
 * Alignment of the log's clock with the capture's.
 */
enum log_align_status {
	LOG_ALIGN_OK = 0,	/* offset found */
	LOG_ALIGN_GIVEN,	/* offset given (--log-offset) */
	LOG_ALIGN_NO_EVENTS,	/* the log has no timed event with a client */
	LOG_ALIGN_NO_CLIENT,	/* no logged client is in the capture */
	LOG_ALIGN_WEAK,		/* too few events agree on any offset */
	LOG_ALIGN_AMBIGUOUS,	/* two offsets agree about as well */
	LOG_ALIGN_N
};

const char	*log_align_status_name(enum log_align_status);

#define LOG_ALIGN_TOL_NS	(150 * 1000000LL)	/* default tolerance */
#define LOG_ALIGN_MIN_SUPPORT	3

struct log_align_opts {
	bool		 given;		/* use offset_ns, only count support */
	int64_t		 offset_ns;
	int64_t		 tol_ns;	/* 0: LOG_ALIGN_TOL_NS */
};

struct log_align {
	enum log_align_status status;
	int64_t		 offset_ns;	/* log clock - capture clock */
	unsigned	 support;	/* events with an air match at offset */
	unsigned	 candidates;	/* timed events of a capture client, of
					   a kind the air can show */
	unsigned	 clients;	/* clients both have */
	unsigned	 log_clients;	/* clients with timed events */
	unsigned	 runner_up;	/* support at the best other offset */
	int64_t		 runner_up_ns;	/* (at least 1 s away) */
	int64_t		 spread_ns;	/* median |residual| of the support */
};

/* Capture time of a log time once aligned. */
static inline int64_t
log_to_capture(const struct log_align *a, int64_t log_ns)
{
	return (log_ns - a->offset_ns);
}

/*
 * Align events (any order) with air events (any order).  Fills res and
 * returns 0 when an offset was found or given, -1 otherwise (res->status
 * says why).  Memory: O(events + air).
 */
int		 log_align(const struct log_event *, size_t n,
		    const struct log_air *, size_t nair,
		    const struct log_align_opts *, struct log_align *res);
/* One line for the user: what was found, or why not and what to do. */
void		 log_align_note(const struct log_align *, const char *name,
		    char *buf, size_t len);

/* ------------------------------------------------------------------------
 * What a log alone can tell.
 */
enum log_find_kind {
	LOG_FIND_LOOP = 0,	/* the same failure to the same BSS again and
				   again at a steady period */
	LOG_FIND_WRONG_PSK,	/* invalid MIC in M2 / PSK mismatch, with or
				   without M1 sent again */
	LOG_FIND_N
};

const char	*log_find_name(enum log_find_kind);

struct log_finding {
	enum log_find_kind kind;
	enum log_kind	 ev_kind;	/* the failure that repeats */
	uint8_t		 mac[6];
	uint8_t		 bssid[6];	/* loop: the target */
	bool		 has_bssid;
	unsigned	 count;		/* failures */
	unsigned	 retries;	/* wrong PSK: M1 again, timeouts */
	int64_t		 first_ns, last_ns;
	int64_t		 period_ns;	/* loop: median time between failures */
	size_t		 first_ev, last_ev;	/* indexes into the events */
};

#define LOG_LOOP_MIN		3		/* failures that make a loop */
#define LOG_LOOP_GAP_NS		(5000000000LL)	/* a longer pause ends it */

/* Findings over events in time order; returns how many (at most max). */
size_t		 log_findings(const struct log_event *, size_t n,
		    struct log_finding *, size_t max);

/* ========================================================================
 * Internal: shared by the files of src/log/.
 */

/* ---- log.c: the reader, records, events -------------------------------- */
struct log_fmt_ops {
	void	(*init)(struct log *);
	void	(*line)(struct log *, const char *s, size_t n);
	void	(*flush)(struct log *);	/* end of input: close a record */
	void	(*free)(struct log *);
};

/* The record being classified: where it is in the input. */
struct log_rec {
	uint64_t	 line;
	uint64_t	 off;
	uint32_t	 len;
};

/* Position of the line being handed to ops->line (for the formats). */
uint64_t	 log_line_no(const struct log *);
uint64_t	 log_line_off(const struct log *);
int64_t		 log_ref_ns(const struct log *);
void		*log_fmt_state(struct log *);
void		 log_set_fmt_state(struct log *, void *);
struct log_stats *log_stats_w(struct log *);

/* A record ends with an event (copied; the record's place is filled in). */
void		 log_emit(struct log *, const struct log_rec *,
		    const char *text, size_t n, const struct log_event *ev);
/* A record ends without a new event: recognised when it completed the last
 * one (log_last), else kept in the bounded sample of unrecognised ones. */
void		 log_skip(struct log *, const struct log_rec *,
		    const char *text, size_t n, bool recognised);
/* The last event kept, when it is of mac and within window_ns before t:
 * the caller may enrich it instead of adding a second event. */
struct log_event *log_last(struct log *, const uint8_t mac[6], int64_t t_ns,
		    int64_t window_ns);
/* Set the client of events of this log that have none (wpa_supplicant
 * logs its own address late). */
void		 log_fill_mac(struct log *, const uint8_t mac[6]);

extern const struct log_fmt_ops log_aireos_ops, log_c9800_ops,
		    log_hostapd_ops, log_wpas_ops;

/* ---- text.c: parsing helpers ------------------------------------------- */
/* Character classes of the C locale, without the locale's table lookups
 * (the readers test every byte of hundreds of MB). */
static inline bool
log_digit(int c)
{
	return (c >= '0' && c <= '9');
}

static inline bool
log_alpha(int c)
{
	return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

static inline bool
log_alnum(int c)
{
	return (log_digit(c) || log_alpha(c));
}

static inline bool
log_upper(int c)
{
	return (c >= 'A' && c <= 'Z');
}

static inline bool
log_xdigit(int c)
{
	return (log_digit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f'));
}

/* A MAC as aa:bb:cc:dd:ee:ff, aa-bb-..., or aabb.ccdd.eeff at s; returns
 * the characters used, 0 when none. */
size_t		 log_mac(const char *s, size_t n, uint8_t mac[6]);
/* The first "key" in s, and a MAC right after it (spaces skipped). */
bool		 log_mac_after(const char *s, size_t n, const char *key,
		    uint8_t mac[6]);
/* A signed decimal at s (spaces skipped); returns the characters used. */
size_t		 log_int(const char *s, size_t n, long *v);
bool		 log_int_after(const char *s, size_t n, const char *key,
		    long *v);
const char	*log_find(const char *s, size_t n, const char *key);
/* Whether s starts with pfx (inline: the prefixes are literals). */
static inline bool
log_starts(const char *s, size_t n, const char *pfx)
{
	size_t	 k = __builtin_strlen(pfx);

	return (k <= n && __builtin_memcmp(s, pfx, k) == 0);
}
/* Month name (Jan..Dec) at s: 1..12, 0 when none. */
int		 log_month(const char *s, size_t n);
/* Days since 1970-01-01 of a civil date. */
int64_t		 log_days(int y, int m, int d);
/* ns since the epoch of a civil date and time read as UTC; -1 invalid. */
int64_t		 log_civil_ns(int y, int mon, int d, int h, int mi, int s,
		    long frac_ns);
/* The year that puts mon/d h:mi:s nearest ref (a year-less log time). */
int64_t		 log_yearless_ns(int64_t ref_ns, int mon, int d, int h,
		    int mi, int s, long frac_ns);
/* "HH:MM:SS[.frac]" at s: fills h, mi, sec, frac_ns; returns the
 * characters used, 0 when none.  A fraction of 1 to 9 digits. */
size_t		 log_hms(const char *s, size_t n, int *h, int *mi, int *sec,
		    long *frac_ns);
/* The common prefixes of daemon logs: "EPOCH.frac: " (hostapd/wpa_supplicant
 * -t, possibly twice), "Mon DD HH:MM:SS[.frac] host prog[pid]: " (syslog)
 * and "YYYY-MM-DDTHH:MM:SS[.frac][Z|+hh:mm] host prog[pid]: ".  Returns the
 * length of the prefix (0: none) and the time; prog (when a syslog prefix
 * names one) in prog/prog_len. */
size_t		 log_daemon_prefix(const char *s, size_t n, int64_t ref_ns,
		    int64_t *t_ns, bool *year_guessed, const char **prog,
		    size_t *prog_len);
/* "wlan0: "-like interface prefix at s: its length (0: none). */
size_t		 log_iface_prefix(const char *s, size_t n);

/*
 * What a message says, by table: a message that starts with pfx (and
 * contains has, when set) is an event of kind, dir and flags, with the
 * fields found after each key (a field already set is not looked for
 * again, so two keys may name the same field, the first one found wins).
 */
enum log_field {
	LOG_FLD_NONE = 0,
	LOG_FLD_MAC,		/* the client */
	LOG_FLD_BSSID,
	LOG_FLD_AP,
	LOG_FLD_OLD,
	LOG_FLD_STATUS,
	LOG_FLD_REASON,
	LOG_FLD_NUM,
	LOG_FLD_MSG,		/* an EAPOL-Key message: "M2", "m2", "2" */
};

struct log_rule {
	const char	*pfx;
	uint8_t		 pfx_len;
	const char	*has;
	uint16_t	 kind;
	uint8_t		 dir;
	uint32_t	 flags;
	struct {
		const char	*key;
		uint8_t		 field;
	}		 f[3];
};

#define LOG_RULE(pfx, has, kind, dir, flags, ...)			\
	{ pfx, sizeof(pfx) - 1, has, kind, dir, flags, { __VA_ARGS__ } }

/* A table and its index by first character (made on first use, keeping
 * the table's order among rules of one first character). */
#define LOG_RULES_MAX	64
struct log_ruleset {
	const struct log_rule	*r;
	size_t			 n;
	bool			 built;
	uint8_t			 start[256], count[256];
	uint8_t			 order[LOG_RULES_MAX];
};

#define LOG_RULESET(table)						\
	{ table, sizeof(table) / sizeof((table)[0]), false, { 0 }, { 0 },	\
	    { 0 } }

/* The field after key in s, into e (and its flag); false when none. */
bool		 log_field(struct log_event *e, const char *s, size_t n,
		    const char *key, enum log_field f);
/* The first rule of the set that the message m matches, applied to e: its
 * index in the table, or -1 (e untouched). */
int		 log_rules(struct log_ruleset *, const char *m, size_t n,
		    struct log_event *e);

/*
 * A line of a daemon log (hostapd, wpa_supplicant): its time prefix and
 * interface are read, *e is cleared and given the time; msg/mlen get the
 * message, ifname/iflen the interface (NULL when none).  Returns false,
 * having counted the line, when it is no record (blank, a continuation).
 */
bool		 log_daemon_line(struct log *, const char *s, size_t n,
		    enum log_side, struct log_event *e, struct log_rec *r,
		    const char **msg, size_t *mlen, const char **ifname,
		    size_t *iflen);

/* ---- detect.c: which format a log is ------------------------------------ */
/* Scores lines of the first bytes of an input; returns the format, or
 * LOG_FMT_AUTO when none is likely (yet). */
enum log_format	 log_detect(const char *buf, size_t len, bool final);

/* ---- aireos.c, c9800.c, hostapd.c, wpas.c: one format each -------------- */
/* AireOS record header ("*task: Mon DD HH:MM:SS.mmm:" or "Www Mon DD
 * HH:MM:SS YYYY:") at or after from; returns its start or -1; *hlen gets
 * its length. */
long		 log_aireos_header(const char *s, size_t n, size_t from,
		    size_t *hlen);

/* ---- air.c: air events from frames --------------------------------------- */
/* The air kinds (bit 1 << kind) a logged event can be; 0: none. */
unsigned	 log_air_set(const struct log_event *);

/* ---- align.c: log_align ------------------------------------------------- */

/* ---- find.c: log_findings ----------------------------------------------- */

#endif /* LOG_LOG_H */
