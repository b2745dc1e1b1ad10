/*
 * log.c -- the log reader: bytes in (read from a file, or fed), lines out
 * to the format's parser, records and events kept, names of things.
 *
 * Until the format is known the first bytes are held (at most
 * LOG_DETECT_MAX plus one read); then they and everything after go through
 * line assembly.  A line that fits in the bytes at hand is passed where it
 * is; only a line cut by a read boundary is copied, and never more than
 * LOG_LINE_MAX of it.  The raw text of an event's record is read back from
 * the file on demand (log_raw); when the input cannot be read again (stdin,
 * a pipe, fed bytes) the record's text is kept, up to LOG_RAW_MAX in all.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log/log.h"

#define READ_CHUNK	(256 * 1024)
#define DETECT_STEP	4096	/* try an early decision every so often */

struct log {
	char			*name;
	int			 fd;		/* -1: fed by the caller */
	bool			 seekable;
	struct log_opts		 opts;
	int64_t			 ref_ns;
	enum log_format		 fmt;
	const struct log_fmt_ops *ops;
	void			*fst;		/* the format's state */
	char			 err[320];
	bool			 failed, finished;

	uint64_t		 pos;		/* offset of the next byte */
	uint64_t		 lstart;	/* offset of the partial line */
	uint64_t		 line_no;	/* lines delivered */
	uint64_t		 cur_off;	/* offset of the line parsed */
	char			*lbuf;
	size_t			 llen;
	bool			 lcut;

	char			*dbuf;		/* held for detection */
	size_t			 dlen, dcap, dtried;

	struct log_event	*ev;
	size_t			 nev, evcap;
	uint32_t		*rawoff;	/* per event, into raw; or ~0 */
	uint16_t		*rawlen;
	char			*raw;
	size_t			 rlen, rcap;

	struct log_unrec	*unrec;		/* ring of LOG_MAX_UNREC */
	size_t			 nunrec;	/* kept so far (all time) */

	struct log_stats	 st;
	char			*rbuf;
};

/* ------------------------------------------------------------------------
 * Names.
 */
static const char *const kind_names[LOG_EV_N] = {
	[LOG_EV_NONE] = "none",
	[LOG_EV_AUTH_REQ] = "auth-req",
	[LOG_EV_AUTH_RESP] = "auth-resp",
	[LOG_EV_AUTH_TIMEOUT] = "auth-timeout",
	[LOG_EV_ASSOC_REQ] = "assoc-req",
	[LOG_EV_REASSOC_REQ] = "reassoc-req",
	[LOG_EV_ASSOC_RESP] = "assoc-resp",
	[LOG_EV_ASSOC_TIMEOUT] = "assoc-timeout",
	[LOG_EV_ASSOC_FAIL] = "assoc-fail",
	[LOG_EV_NO_PMK] = "no-pmk",
	[LOG_EV_FT_ACTION] = "ft-action",
	[LOG_EV_FT_PULL] = "ft-pull",
	[LOG_EV_PEM] = "pem",
	[LOG_EV_EAPOL] = "eapol",
	[LOG_EV_EAPOL_RETRY] = "eapol-retry",
	[LOG_EV_EAP_TIMEOUT] = "eap-timeout",
	[LOG_EV_MIC_FAIL] = "mic-fail",
	[LOG_EV_PSK_MISMATCH] = "psk-mismatch",
	[LOG_EV_KEY_DONE] = "key-done",
	[LOG_EV_EAP] = "eap",
	[LOG_EV_EAP_SUCCESS] = "eap-success",
	[LOG_EV_EAP_FAILURE] = "eap-failure",
	[LOG_EV_PMKID_RX] = "pmkid-rx",
	[LOG_EV_PMKID_ADD] = "pmkid-add",
	[LOG_EV_PMKID_FOUND] = "pmkid-found",
	[LOG_EV_PMKID_MISS] = "pmkid-miss",
	[LOG_EV_PMKID_COMPUTED] = "pmkid-computed",
	[LOG_EV_PMK_DELETE] = "pmk-delete",
	[LOG_EV_CCKM] = "cckm",
	[LOG_EV_AAA] = "aaa",
	[LOG_EV_CLIENT_DELETE] = "client-delete",
	[LOG_EV_DEAUTH] = "deauth",
	[LOG_EV_DISASSOC] = "disassoc",
	[LOG_EV_CONNECTED] = "connected",
	[LOG_EV_DISCONNECTED] = "disconnected",
	[LOG_EV_DO_ROAM] = "do-roam",
	[LOG_EV_SKIP_ROAM] = "skip-roam",
	[LOG_EV_BTM_REQ] = "btm-req",
	[LOG_EV_BTM_RESP] = "btm-resp",
	[LOG_EV_CLIENT_DETAIL] = "client-detail",
};

const char *
log_kind_name(enum log_kind k)
{
	return ((unsigned)k < LOG_EV_N && kind_names[k] ? kind_names[k] :
	    "unknown");
}

static const char *const pem_names[LOG_PEM_N] = {
	[LOG_PEM_NONE] = "none",
	[LOG_PEM_START] = "START",
	[LOG_PEM_AUTHCHECK] = "AUTHCHECK",
	[LOG_PEM_8021X_REQD] = "8021X_REQD",
	[LOG_PEM_L2AUTHCOMPLETE] = "L2AUTHCOMPLETE",
	[LOG_PEM_WEP_REQD] = "WEP_REQD",
	[LOG_PEM_DHCP_REQD] = "DHCP_REQD",
	[LOG_PEM_WEBAUTH_REQD] = "WEBAUTH_REQD",
	[LOG_PEM_CENTRAL_WEBAUTH_REQD] = "CENTRAL_WEBAUTH_REQD",
	[LOG_PEM_RUN] = "RUN",
	[LOG_PEM_OTHER] = "other",
};

const char *
log_pem_name(enum log_pem p)
{
	return ((unsigned)p < LOG_PEM_N ? pem_names[p] : "other");
}

static const char *const fmt_names[LOG_FMT_N] = {
	[LOG_FMT_AUTO] = "auto",
	[LOG_FMT_AIREOS] = "aireos",
	[LOG_FMT_C9800] = "c9800",
	[LOG_FMT_HOSTAPD] = "hostapd",
	[LOG_FMT_WPAS] = "wpas",
};

const char *
log_format_name(enum log_format f)
{
	return ((unsigned)f < LOG_FMT_N ? fmt_names[f] : "auto");
}

enum log_format
log_format_parse(const char *name, size_t len)
{
	static const struct {
		const char	*name;
		enum log_format	 fmt;
	} alias[] = {
		{ "aireos", LOG_FMT_AIREOS },
		{ "c9800", LOG_FMT_C9800 },
		{ "9800", LOG_FMT_C9800 },
		{ "hostapd", LOG_FMT_HOSTAPD },
		{ "wpas", LOG_FMT_WPAS },
		{ "wpa_supplicant", LOG_FMT_WPAS },
	};
	size_t	 i;

	for (i = 0; i < sizeof(alias) / sizeof(alias[0]); i++)
		if (strlen(alias[i].name) == len &&
		    strncasecmp(alias[i].name, name, len) == 0)
			return (alias[i].fmt);
	return (LOG_FMT_AUTO);
}

static const struct log_fmt_ops *
fmt_ops(enum log_format f)
{
	switch (f) {
	case LOG_FMT_AIREOS:
		return (&log_aireos_ops);
	case LOG_FMT_C9800:
		return (&log_c9800_ops);
	case LOG_FMT_HOSTAPD:
		return (&log_hostapd_ops);
	case LOG_FMT_WPAS:
		return (&log_wpas_ops);
	default:
		return (NULL);
	}
}

/* ------------------------------------------------------------------------
 * Creation.
 */
static struct log *
alloc_log(const struct log_opts *o)
{
	struct log	*l;

	if ((l = calloc(1, sizeof(*l))) == NULL)
		return (NULL);
	if (o != NULL)
		l->opts = *o;
	if (l->opts.max_events == 0)
		l->opts.max_events = LOG_MAX_EVENTS;
	l->fd = -1;
	l->ref_ns = l->opts.ref_ns;
	if ((l->lbuf = malloc(LOG_LINE_MAX)) == NULL ||
	    (l->unrec = calloc(LOG_MAX_UNREC, sizeof(*l->unrec))) == NULL) {
		free(l->lbuf);
		free(l);
		return (NULL);
	}
	return (l);
}

static void
set_format(struct log *l, enum log_format f)
{
	l->fmt = f;
	l->ops = fmt_ops(f);
	if (l->ops != NULL && l->ops->init != NULL)
		l->ops->init(l);
}

static int64_t
now_ns(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return ((int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec);
}

struct log *
log_new(enum log_format f, const struct log_opts *o)
{
	struct log	*l;

	if ((l = alloc_log(o)) == NULL)
		return (NULL);
	if ((l->name = strdup("-")) == NULL) {
		log_close(l);
		return (NULL);
	}
	if (l->ref_ns == 0)
		l->ref_ns = now_ns();
	if (f != LOG_FMT_AUTO)
		set_format(l, f);
	return (l);
}

struct log *
log_open(const char *spec, const struct log_opts *o, char *err,
    size_t errlen)
{
	struct log	*l;
	struct stat	 sb;
	const char	*colon = strchr(spec, ':'), *path = spec;
	enum log_format	 f = LOG_FMT_AUTO;

	if (colon != NULL && (f = log_format_parse(spec,
	    (size_t)(colon - spec))) != LOG_FMT_AUTO)
		path = colon + 1;
	if ((l = alloc_log(o)) == NULL || (l->name = strdup(path)) == NULL) {
		snprintf(err, errlen, "%s: out of memory", path);
		if (l != NULL)
			log_close(l);
		return (NULL);
	}
	if (strcmp(path, "-") == 0)
		l->fd = STDIN_FILENO;
	else if ((l->fd = open(path, O_RDONLY)) < 0) {
		snprintf(err, errlen, "%s: cannot open the log: %s", path,
		    strerror(errno));
		log_close(l);
		return (NULL);
	}
	if (fstat(l->fd, &sb) == 0) {
		if (S_ISDIR(sb.st_mode)) {
			snprintf(err, errlen, "%s: is a directory, not a log",
			    path);
			log_close(l);
			return (NULL);
		}
		l->seekable = S_ISREG(sb.st_mode);
		if (l->ref_ns == 0 && l->seekable)
			l->ref_ns = (int64_t)sb.st_mtim.tv_sec * 1000000000LL +
			    sb.st_mtim.tv_nsec;
	}
	if (l->ref_ns == 0)
		l->ref_ns = now_ns();
	if ((l->rbuf = malloc(READ_CHUNK)) == NULL) {
		snprintf(err, errlen, "%s: out of memory", path);
		log_close(l);
		return (NULL);
	}
	if (f != LOG_FMT_AUTO)
		set_format(l, f);
	return (l);
}

void
log_close(struct log *l)
{
	if (l == NULL)
		return;
	if (l->ops != NULL && l->ops->free != NULL)
		l->ops->free(l);
	if (l->fd > STDIN_FILENO)
		close(l->fd);
	free(l->name);
	free(l->lbuf);
	free(l->dbuf);
	free(l->ev);
	free(l->rawoff);
	free(l->rawlen);
	free(l->raw);
	free(l->unrec);
	free(l->rbuf);
	free(l);
}

/* ------------------------------------------------------------------------
 * Accessors.
 */
const char *
log_name(const struct log *l)
{
	return (l->name);
}

enum log_format
log_format(const struct log *l)
{
	return (l->fmt);
}

const char *
log_error(const struct log *l)
{
	return (l->err);
}

const struct log_stats *
log_stats(const struct log *l)
{
	return (&l->st);
}

size_t
log_nevents(const struct log *l)
{
	return (l->nev);
}

const struct log_event *
log_events(const struct log *l)
{
	return (l->ev);
}

size_t
log_nunrec(const struct log *l)
{
	return (l->nunrec < LOG_MAX_UNREC ? l->nunrec : LOG_MAX_UNREC);
}

const struct log_unrec *
log_unrec(struct log *l, size_t i)
{
	struct log_unrec	*u;
	size_t			 n = log_nunrec(l), first, k;
	ssize_t			 r;

	if (i >= n)
		return (NULL);
	first = l->nunrec < LOG_MAX_UNREC ? 0 : l->nunrec % LOG_MAX_UNREC;
	u = &l->unrec[(first + i) % LOG_MAX_UNREC];
	if (l->seekable && u->text_len == 0 && u->len > 0) {
		k = u->len < LOG_UNREC_TEXT ? u->len : LOG_UNREC_TEXT;
		if ((r = pread(l->fd, u->text, k, (off_t)u->off)) > 0) {
			/* lines read back as the reader saw them */
			for (k = 0; k < (size_t)r; k++)
				if (u->text[k] == '\n' || u->text[k] == '\r')
					u->text[k] = ' ';
			while (r > 0 && u->text[r - 1] == ' ')
				r--;
			u->text_len = (uint16_t)r;
		}
		u->text[u->text_len] = '\0';
	}
	return (u);
}

uint64_t
log_line_no(const struct log *l)
{
	return (l->line_no);
}

uint64_t
log_line_off(const struct log *l)
{
	return (l->cur_off);
}

int64_t
log_ref_ns(const struct log *l)
{
	return (l->ref_ns);
}

void *
log_fmt_state(struct log *l)
{
	return (l->fst);
}

void
log_set_fmt_state(struct log *l, void *st)
{
	l->fst = st;
}

struct log_stats *
log_stats_w(struct log *l)
{
	return (&l->st);
}

/* ------------------------------------------------------------------------
 * Records and events.
 */
static void
keep_raw(struct log *l, size_t i, const char *text, size_t n)
{
	size_t	 cap;
	char	*p;

	l->rawoff[i] = UINT32_MAX;
	l->rawlen[i] = 0;
	if (n > UINT16_MAX)
		n = UINT16_MAX;
	if (l->rlen + n > LOG_RAW_MAX)
		return;
	if (l->rlen + n > l->rcap) {
		cap = l->rcap ? l->rcap * 2 : 64 * 1024;
		while (cap < l->rlen + n)
			cap *= 2;
		if ((p = realloc(l->raw, cap)) == NULL)
			return;
		l->raw = p;
		l->rcap = cap;
	}
	memcpy(l->raw + l->rlen, text, n);
	l->rawoff[i] = (uint32_t)l->rlen;
	l->rawlen[i] = (uint16_t)n;
	l->rlen += n;
}

static bool
grow_events(struct log *l)
{
	size_t			 cap = l->evcap ? l->evcap * 2 : 1024;
	struct log_event	*e;
	uint32_t		*ro;
	uint16_t		*rl;

	if (cap > l->opts.max_events)
		cap = l->opts.max_events;
	if ((e = realloc(l->ev, cap * sizeof(*e))) == NULL)
		return (false);
	l->ev = e;
	if (!l->seekable) {
		if ((ro = realloc(l->rawoff, cap * sizeof(*ro))) == NULL)
			return (false);
		l->rawoff = ro;
		if ((rl = realloc(l->rawlen, cap * sizeof(*rl))) == NULL)
			return (false);
		l->rawlen = rl;
	}
	l->evcap = cap;
	return (true);
}

void
log_emit(struct log *l, const struct log_rec *r, const char *text, size_t n,
    const struct log_event *ev)
{
	struct log_event	*e;

	l->st.records++;
	l->st.recognised++;
	if (l->nev >= l->opts.max_events ||
	    (l->nev == l->evcap && !grow_events(l))) {
		l->st.dropped++;
		return;
	}
	e = &l->ev[l->nev];
	*e = *ev;
	e->line = r->line;
	e->off = r->off;
	e->len = r->len;
	if (!(e->flags & LOG_F_TIME))
		l->st.untimed++;
	if (!l->seekable)
		keep_raw(l, l->nev, text, n);
	l->nev++;
	l->st.events++;
}

void
log_skip(struct log *l, const struct log_rec *r, const char *text, size_t n,
    bool recognised)
{
	struct log_unrec	*u;

	l->st.records++;
	if (recognised) {
		l->st.recognised++;
		return;
	}
	l->st.unrecognised++;
	u = &l->unrec[l->nunrec % LOG_MAX_UNREC];
	l->nunrec++;
	u->line = r->line;
	u->off = r->off;
	u->len = r->len;
	/* a file's text is read back when asked for (log_unrec) */
	u->text_len = 0;
	u->text[0] = '\0';
	if (l->seekable)
		return;
	if (n > LOG_UNREC_TEXT)
		n = LOG_UNREC_TEXT;
	memcpy(u->text, text, n);
	u->text[n] = '\0';
	u->text_len = (uint16_t)n;
}

struct log_event *
log_last(struct log *l, const uint8_t mac[6], int64_t t_ns, int64_t window_ns)
{
	struct log_event	*e;

	if (l->nev == 0)
		return (NULL);
	e = &l->ev[l->nev - 1];
	if (!(e->flags & LOG_F_MAC) || memcmp(e->mac, mac, 6) != 0)
		return (NULL);
	if ((e->flags & LOG_F_TIME) &&
	    (t_ns < e->t_ns || t_ns - e->t_ns > window_ns))
		return (NULL);
	return (e);
}

void
log_fill_mac(struct log *l, const uint8_t mac[6])
{
	size_t	 i;

	for (i = l->nev; i > 0; i--) {
		if (l->ev[i - 1].flags & LOG_F_MAC)
			break;
		memcpy(l->ev[i - 1].mac, mac, 6);
		l->ev[i - 1].flags |= LOG_F_MAC;
	}
}

int
log_raw(struct log *l, const struct log_event *e, char *buf, size_t len)
{
	size_t	 i, n;
	ssize_t	 r;

	if (len == 0 || e < l->ev || e >= l->ev + l->nev)
		return (-1);
	i = (size_t)(e - l->ev);
	if (l->seekable) {
		n = e->len < len - 1 ? e->len : len - 1;
		r = pread(l->fd, buf, n, (off_t)e->off);
		if (r < 0)
			return (-1);
		n = (size_t)r;
	} else {
		if (l->rawoff == NULL || l->rawoff[i] == UINT32_MAX)
			return (-1);
		n = l->rawlen[i] < len - 1 ? l->rawlen[i] : len - 1;
		memcpy(buf, l->raw + l->rawoff[i], n);
	}
	/* the record may end in a newline: show it without */
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
		n--;
	buf[n] = '\0';
	return ((int)n);
}

/* ------------------------------------------------------------------------
 * Lines.
 */
static void
deliver(struct log *l, const char *s, size_t n)
{
	if (n > LOG_LINE_MAX) {
		n = LOG_LINE_MAX;
		l->lcut = true;
	}
	if (n > 0 && s[n - 1] == '\r')
		n--;
	l->line_no++;
	l->st.lines++;
	l->cur_off = l->lstart;
	if (l->lcut) {
		l->st.cut++;
		l->lcut = false;
	}
	l->ops->line(l, s, n);
}

static void
append_line(struct log *l, const char *s, size_t n)
{
	size_t	 room = LOG_LINE_MAX - l->llen;

	if (n > room) {
		n = room;
		l->lcut = true;
	}
	memcpy(l->lbuf + l->llen, s, n);
	l->llen += n;
}

static void
lines(struct log *l, const char *buf, size_t n)
{
	const char	*p = buf, *e = buf + n, *nl;

	while (p < e) {
		if ((nl = memchr(p, '\n', (size_t)(e - p))) == NULL) {
			append_line(l, p, (size_t)(e - p));
			l->pos += (uint64_t)(e - p);
			return;
		}
		l->pos += (uint64_t)(nl - p) + 1;
		if (l->llen == 0)
			deliver(l, p, (size_t)(nl - p));
		else {
			append_line(l, p, (size_t)(nl - p));
			deliver(l, l->lbuf, l->llen);
			l->llen = 0;
		}
		l->lstart = l->pos;
		p = nl + 1;
	}
}

/* ------------------------------------------------------------------------
 * Detection and the input.
 */
static bool
looks_binary(const char *s, size_t n)
{
	size_t	 i, bad = 0;

	if (n > 4096)
		n = 4096;
	for (i = 0; i < n; i++)
		if (s[i] == '\0' || ((unsigned char)s[i] < 0x20 &&
		    s[i] != '\n' && s[i] != '\r' && s[i] != '\t'))
			bad++;
	return (bad > n / 20 || (n > 0 && memchr(s, '\0', n) != NULL));
}

static int
fail_not_log(struct log *l)
{
	static const uint8_t	 pcap_le[4] = { 0xd4, 0xc3, 0xb2, 0xa1 },
				 pcap_be[4] = { 0xa1, 0xb2, 0xc3, 0xd4 },
				 pcapng[4] = { 0x0a, 0x0d, 0x0d, 0x0a },
				 pcapns[4] = { 0x4d, 0x3c, 0xb2, 0xa1 };
	if (l->dlen == 0)
		snprintf(l->err, sizeof(l->err), "%s: not a log roamscope "
		    "reads: it is empty", l->name);
	else if (l->dlen >= 4 && (memcmp(l->dbuf, pcap_le, 4) == 0 ||
	    memcmp(l->dbuf, pcap_be, 4) == 0 ||
	    memcmp(l->dbuf, pcapng, 4) == 0 || memcmp(l->dbuf, pcapns, 4) == 0))
		snprintf(l->err, sizeof(l->err), "%s: not a log roamscope "
		    "reads: it is a packet capture (read it with -r)", l->name);
	else if (looks_binary(l->dbuf, l->dlen))
		snprintf(l->err, sizeof(l->err), "%s: not a log roamscope "
		    "reads: it holds binary data", l->name);
	else
		snprintf(l->err, sizeof(l->err), "%s: not a log roamscope "
		    "reads: no AireOS, Catalyst 9800, hostapd or "
		    "wpa_supplicant lines in its first %d KiB; name the "
		    "format as FORMAT:%s "
		    "(aireos, c9800, hostapd, wpas) if it is one", l->name,
		    LOG_DETECT_MAX / 1024, l->name);
	l->failed = true;
	return (-1);
}

/* Detected: replay the held bytes as input. */
static void
detected(struct log *l, enum log_format f)
{
	char	*held = l->dbuf;
	size_t	 n = l->dlen;

	set_format(l, f);
	l->dbuf = NULL;
	l->dlen = l->dcap = 0;
	lines(l, held, n);
	free(held);
}

static int
hold(struct log *l, const char *buf, size_t n)
{
	enum log_format	 f;
	size_t		 cap;
	char		*p;

	if (l->dlen + n > l->dcap) {
		cap = l->dcap ? l->dcap : 8192;
		while (cap < l->dlen + n)
			cap *= 2;
		if ((p = realloc(l->dbuf, cap)) == NULL) {
			snprintf(l->err, sizeof(l->err), "%s: out of memory",
			    l->name);
			l->failed = true;
			return (-1);
		}
		l->dbuf = p;
		l->dcap = cap;
	}
	memcpy(l->dbuf + l->dlen, buf, n);
	l->dlen += n;
	if (l->dlen >= LOG_DETECT_MAX) {
		if ((f = log_detect(l->dbuf, l->dlen, true)) == LOG_FMT_AUTO)
			return (fail_not_log(l));
		detected(l, f);
	} else if (l->dlen >= l->dtried + DETECT_STEP) {
		l->dtried = l->dlen;
		if ((f = log_detect(l->dbuf, l->dlen, false)) != LOG_FMT_AUTO)
			detected(l, f);
	}
	return (0);
}

int
log_feed(struct log *l, const void *buf, size_t n)
{
	if (l->failed)
		return (-1);
	if (l->finished || n == 0)
		return (0);
	l->st.bytes += n;
	if (l->fmt == LOG_FMT_AUTO)
		return (hold(l, buf, n));
	lines(l, buf, n);
	return (0);
}

int
log_finish(struct log *l)
{
	enum log_format	 f;

	if (l->failed)
		return (-1);
	if (l->finished)
		return (0);
	if (l->fmt == LOG_FMT_AUTO) {
		if ((f = log_detect(l->dbuf, l->dlen, true)) == LOG_FMT_AUTO)
			return (fail_not_log(l));
		detected(l, f);
	}
	if (l->llen > 0) {
		deliver(l, l->lbuf, l->llen);
		l->llen = 0;
		l->lstart = l->pos;
	}
	if (l->ops->flush != NULL)
		l->ops->flush(l);
	l->finished = true;
	return (0);
}

/* A followed file that shrank was truncated or replaced: start over. */
static void
check_rotated(struct log *l)
{
	struct stat	 sb;

	if (!l->seekable || fstat(l->fd, &sb) != 0 ||
	    (uint64_t)sb.st_size >= l->pos)
		return;
	if (lseek(l->fd, 0, SEEK_SET) != 0)
		return;
	if (l->ops != NULL && l->ops->flush != NULL)
		l->ops->flush(l);
	l->st.rotations++;
	l->pos = l->lstart = 0;
	l->llen = 0;
}

int
log_read(struct log *l, size_t max_bytes)
{
	size_t	 got = 0, want;
	ssize_t	 r;

	if (l->failed)
		return (-1);
	if (l->fd < 0 || l->finished)
		return (0);
	for (;;) {
		want = READ_CHUNK;
		if (max_bytes > 0 && max_bytes - got < want)
			want = max_bytes - got;
		r = read(l->fd, l->rbuf, want);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN)
				return (1);
			snprintf(l->err, sizeof(l->err), "%s: read error: %s",
			    l->name, strerror(errno));
			l->failed = true;
			return (-1);
		}
		if (r == 0) {
			if (l->opts.follow) {
				check_rotated(l);
				return (1);
			}
			return (log_finish(l));
		}
		if (log_feed(l, l->rbuf, (size_t)r) < 0)
			return (-1);
		got += (size_t)r;
		if (max_bytes > 0 && got >= max_bytes)
			return (1);
	}
}
