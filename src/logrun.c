/*
 * logrun.c -- the --log files of a run, between the log readers (src/log/),
 * the capture's feed and the engine (eng_log_attach), and their part of the
 * report.
 *
 * A log given with --log is opened at the start (to fail at once when it
 * cannot be) and read when the capture is done, with the capture's first
 * time as the reference for the years the log does not write.  A log given
 * with --log-follow is read between feed slices as it grows.  The air
 * events (log_air) are taken from each fed frame, so that every source,
 * files, stdin or interfaces, can be aligned with.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "engine/engine.h"
#include "json.h"
#include "log/log.h"
#include "logrun.h"
#include "record.h"
#include "rs.h"
#include "text.h"

#define LR_MAX_AIR	(4u << 20)	/* air events kept */
#define LR_MAX_FIND	64		/* findings of a log */
#define LR_RAW		512		/* bytes of a logged record shown */
#define LR_POLL_BYTES	(1 << 20)	/* a followed log's read per slice */
#define LR_REFRESH_NS	(2 * 1000000000LL)	/* live: attach again */

struct lr_log {
	char		 spec[PATH_MAX + 32];
	bool		 follow;
	struct log	*l;
	bool		 read_failed;
	bool		 loaded;	/* read to its end (not followed) */
	bool		 aligned;	/* events on the capture's clock */
	bool		 tried;		/* an alignment was tried */
	struct log_align al;
	struct eng_log_stats st;
	struct log_finding find[LR_MAX_FIND];
	size_t		 nfind;
	char		 note[512];
};

#define LR_MAX_NOTES	(2 * LOGRUN_MAX)

struct logrun {
	struct lr_log	 v[LOGRUN_MAX];
	char		 notes[LR_MAX_NOTES][640];
	size_t		 nnotes;
	bool		 finished;
	/* live: when the logs were last attached, and what there was */
	int64_t		 refresh_ns;
	size_t		 refresh_air, refresh_ev;
	uint64_t	 refresh_gen;
	size_t		 n;
	bool		 offset_given;
	int64_t		 offset_ns;
	struct log_air	*air;
	size_t		 nair, aircap;
	uint64_t	 air_over;
	int64_t		 first_ns;	/* the capture's first frame, 0 */
};

struct logrun *
logrun_new(void)
{
	return calloc(1, sizeof(struct logrun));
}

void
logrun_free(struct logrun *lr)
{
	size_t i;

	if (lr == NULL)
		return;
	for (i = 0; i < lr->n; i++)
		log_close(lr->v[i].l);
	free(lr->air);
	free(lr);
}

int
logrun_add(struct logrun *lr, const char *spec, bool follow, char *err,
    size_t errlen)
{
	struct lr_log *g;
	struct log_opts o;

	if (lr->n >= LOGRUN_MAX) {
		snprintf(err, errlen, "--log %s: at most %d logs; merge some "
		    "of them first", spec, LOGRUN_MAX);
		return RS_EXIT_USAGE;
	}
	g = &lr->v[lr->n];
	memset(g, 0, sizeof *g);
	memset(&o, 0, sizeof o);
	o.follow = follow;
	snprintf(g->spec, sizeof g->spec, "%s", spec);
	g->follow = follow;
	if ((g->l = log_open(spec, &o, err, errlen)) == NULL)
		return RS_EXIT_LOG;
	lr->n++;
	return RS_EXIT_OK;
}

size_t
logrun_count(const struct logrun *lr)
{
	return lr != NULL ? lr->n : 0;
}

void
logrun_set_offset(struct logrun *lr, int64_t offset_ns)
{
	lr->offset_given = true;
	lr->offset_ns = offset_ns;
}

void
logrun_frame(struct logrun *lr, const struct rs_rec *rec)
{
	struct log_air a, *na;
	size_t cap;

	if (lr->first_ns == 0 || rec->ts_ns < lr->first_ns)
		lr->first_ns = rec->ts_ns;
	if (!log_air_from_frame(&rec->f, rec->ts_ns, &a))
		return;
	if (lr->nair == lr->aircap) {
		cap = lr->aircap ? lr->aircap * 2 : 1024;
		if (cap > LR_MAX_AIR ||
		    (na = realloc(lr->air, cap * sizeof *na)) == NULL) {
			lr->air_over++;
			return;
		}
		lr->air = na;
		lr->aircap = cap;
	}
	lr->air[lr->nair++] = a;
}

void
logrun_poll(struct logrun *lr)
{
	size_t i;

	for (i = 0; lr != NULL && i < lr->n; i++)
		if (lr->v[i].follow && !lr->v[i].read_failed &&
		    log_read(lr->v[i].l, LR_POLL_BYTES) < 0)
			lr->v[i].read_failed = true;
}

/* Read a log given with --log again, now that the capture says which year
 * its year-less times are in, to its end (once); a followed one: what it
 * has now. */
static int
read_all(struct logrun *lr, struct lr_log *g, char *err, size_t errlen)
{
	struct log_opts o;
	struct log *l;
	int r;

	if (g->read_failed) {
		snprintf(err, errlen, "%s", g->note);
		return -1;
	}
	if (g->follow)
		r = log_read(g->l, 0);
	else if (g->loaded)
		return 0;
	else {
		memset(&o, 0, sizeof o);
		o.ref_ns = lr->first_ns;
		if ((l = log_open(g->spec, &o, err, errlen)) == NULL)
			return -1;
		log_close(g->l);
		g->l = l;
		while ((r = log_read(g->l, 0)) == 1)
			;
		g->loaded = true;
	}
	if (r < 0) {
		snprintf(err, errlen, "%s", log_error(g->l));
		return -1;
	}
	return 0;
}

/* A note for the user: now, and kept. */
static void
say(struct logrun *lr, void (*note)(void *, const char *), void *arg,
    const char *s)
{
	if (lr->nnotes < LR_MAX_NOTES)
		snprintf(lr->notes[lr->nnotes++], sizeof lr->notes[0], "%s", s);
	if (note != NULL)
		note(arg, s);
}

const char *
logrun_note(const struct logrun *lr, size_t k)
{
	return lr != NULL && k < lr->nnotes ? lr->notes[k] : NULL;
}

/*
 * Every log on the engine's attempts, afresh: read (final: to its end),
 * aligned with the air so far, attached.  Notes only at the end (final):
 * live, a log may not align yet.
 */
static void
attach_all(struct logrun *lr, struct eng *e, bool final,
    void (*note)(void *, const char *), void *arg)
{
	struct log_align_opts ao;
	struct lr_log *g;
	char err[512], buf[640];
	size_t i, n;
	const struct log_event *ev;

	eng_log_clear(e);
	for (i = 0; i < lr->n; i++) {
		g = &lr->v[i];
		err[0] = '\0';
		if (g->read_failed && !final)
			continue;
		if (read_all(lr, g, err, sizeof err) != 0) {
			if (!g->read_failed || final) {
				g->read_failed = true;
				snprintf(g->note, sizeof g->note, "%s", err);
			}
			if (final) {
				snprintf(buf, sizeof buf, "note: --log %s; the "
				    "capture is analysed without it", err);
				say(lr, note, arg, buf);
			}
			continue;
		}
		ev = log_events(g->l);
		n = log_nevents(g->l);
		g->nfind = log_findings(ev, n, g->find, LR_MAX_FIND);
		g->aligned = false;
		if (lr->first_ns != 0) {
			memset(&ao, 0, sizeof ao);
			ao.given = lr->offset_given;
			ao.offset_ns = lr->offset_ns;
			g->tried = true;
			g->aligned = log_align(ev, n, lr->air, lr->nair, &ao,
			    &g->al) == 0;
			log_align_note(&g->al, log_name(g->l), g->note,
			    sizeof g->note);
			if (!g->aligned && final) {
				snprintf(buf, sizeof buf, "note: %s", g->note);
				say(lr, note, arg, buf);
			}
		}
		if (eng_log_attach(e, (uint16_t)i, g->aligned ? ev : NULL,
		    g->aligned ? n : 0, g->find, g->nfind, g->aligned ?
		    g->al.offset_ns : 0, &g->st) != 0) {
			if (final)
				say(lr, note, arg, "note: out of memory "
				    "attaching a log's events");
			continue;
		}
		if (final && g->aligned && g->st.attached == 0) {
			snprintf(buf, sizeof buf, "note: %s: no event of the "
			    "log falls on a join or roam of the capture (%zu "
			    "events of its clients on none)", log_name(g->l),
			    g->st.unattached);
			say(lr, note, arg, buf);
		}
	}
}

void
logrun_refresh(struct logrun *lr, struct eng *e, int64_t now_ns)
{
	size_t i, nev = 0;

	if (lr == NULL || lr->finished || lr->n == 0 ||
	    now_ns - lr->refresh_ns < LR_REFRESH_NS)
		return;
	lr->refresh_ns = now_ns;
	for (i = 0; i < lr->n; i++)
		nev += log_nevents(lr->v[i].l);
	if (lr->first_ns == 0 || (lr->nair == lr->refresh_air &&
	    nev == lr->refresh_ev && eng_generation(e) == lr->refresh_gen))
		return;
	attach_all(lr, e, false, NULL, NULL);
	lr->refresh_air = lr->nair;
	lr->refresh_ev = nev;
	lr->refresh_gen = eng_generation(e);
}

void
logrun_finish(struct logrun *lr, struct eng *e,
    void (*note)(void *, const char *), void *arg)
{
	if (lr == NULL || lr->finished)
		return;
	lr->finished = true;
	attach_all(lr, e, true, note, arg);
}

/* ------------------------------------------------------------------------
 * The report.
 */
static void
ts_raw(int64_t ns, char *buf, size_t len)
{
	const char *sign = ns < 0 ? "-" : "";

	if (ns < 0)
		ns = -ns;
	snprintf(buf, len, "%s%lld.%06lld", sign,
	    (long long)(ns / 1000000000LL),
	    (long long)(ns % 1000000000LL / 1000));
}

static void
kv_ts(struct json *j, const char *key, int64_t ns)
{
	char b[40];

	ts_raw(ns, b, sizeof b);
	json_kv_raw(j, key, b);
}

/* The event a reference names, and its log (NULL when gone). */
static const struct log_event *
ref_event(struct logrun *lr, const struct eng_logref *ref, struct lr_log **g)
{
	if (lr == NULL || ref->log >= lr->n)
		return NULL;
	*g = &lr->v[ref->log];
	if (ref->ev >= log_nevents((*g)->l))
		return NULL;
	return &log_events((*g)->l)[ref->ev];
}

static const char *
dir_name(uint8_t d)
{
	return d == LOG_DIR_RX ? "rx" : d == LOG_DIR_TX ? "tx" : "";
}

void
logrun_json_roam(struct json *j, struct logrun *lr, const struct eng *e,
    const struct eng_roam *r)
{
	const struct eng_logref *ref;
	const struct log_event *x;
	struct lr_log *g;
	char raw[LR_RAW];
	size_t n, i;
	int k;

	json_key(j, "log");
	json_arr_begin(j);
	ref = eng_roam_logs(e, r->id, &n);
	for (i = 0; i < n; i++) {
		if ((x = ref_event(lr, &ref[i], &g)) == NULL)
			continue;
		json_obj_begin(j);
		json_kv_uint(j, "log", ref[i].log);
		json_kv_str(j, "format", log_format_name(log_format(g->l)));
		json_kv_str(j, "side", x->side == LOG_SIDE_CLIENT ? "client" :
		    "infra");
		kv_ts(j, "time", ref[i].ts_ns);
		kv_ts(j, "log_time", x->t_ns);
		json_kv_str(j, "kind", log_kind_name(x->kind));
		json_kv_str(j, "dir", dir_name(x->dir));
		json_kv_mac_or_null(j, "bssid", x->flags & LOG_F_BSSID ?
		    x->bssid : NULL);
		json_kv_int_or_null(j, "status", x->flags & LOG_F_STATUS,
		    x->status);
		json_kv_int_or_null(j, "reason", x->flags & LOG_F_REASON,
		    x->reason);
		json_kv_int_or_null(j, "msg", x->flags & LOG_F_MSG, x->msg);
		json_kv_uint(j, "line", x->line);
		k = log_raw(g->l, x, raw, sizeof raw);
		if (k >= 0)
			json_kv_air(j, "text", raw, (size_t)k);
		else
			json_kv_null(j, "text");
		json_obj_end(j);
	}
	json_arr_end(j);
}

void
logrun_json(struct json *j, struct logrun *lr)
{
	const struct log_stats *s;
	struct lr_log *g;
	char b[40];
	size_t i, k;

	json_key(j, "logs");
	json_arr_begin(j);
	for (i = 0; lr != NULL && i < lr->n; i++) {
		g = &lr->v[i];
		s = log_stats(g->l);
		json_obj_begin(j);
		json_kv_uint(j, "log", i);
		json_kv_str(j, "file", log_name(g->l));
		json_kv_str(j, "format", log_format_name(log_format(g->l)));
		json_kv_bool(j, "follow", g->follow);
		json_kv_str(j, "error", g->read_failed ? g->note : "");
		json_kv_uint(j, "lines", s->lines);
		json_kv_uint(j, "records", s->records);
		json_kv_uint(j, "recognised", s->recognised);
		json_kv_uint(j, "unrecognised", s->unrecognised);
		json_kv_uint(j, "events", log_nevents(g->l));
		json_key(j, "align");
		if (!g->tried) {
			json_null(j);
		} else {
			json_obj_begin(j);
			json_kv_str(j, "status",
			    log_align_status_name(g->al.status));
			if (g->aligned) {
				ts_raw(g->al.offset_ns, b, sizeof b);
				json_kv_raw(j, "offset_s", b);
			} else
				json_kv_null(j, "offset_s");
			json_kv_uint(j, "support", g->al.support);
			json_kv_uint(j, "candidates", g->al.candidates);
			json_kv_uint(j, "clients", g->al.clients);
			json_kv_str(j, "note", g->note);
			json_obj_end(j);
		}
		json_kv_uint(j, "matched", g->st.attached);
		json_kv_uint(j, "unmatched", g->st.unattached);
		json_kv_uint(j, "roams", g->st.roams);
		json_kv_uint(j, "diagnoses", g->st.diags);
		json_key(j, "findings");
		json_arr_begin(j);
		for (k = 0; k < g->nfind; k++) {
			json_obj_begin(j);
			json_kv_str(j, "kind", log_find_name(g->find[k].kind));
			json_kv_str(j, "event",
			    log_kind_name(g->find[k].ev_kind));
			json_kv_mac(j, "client", g->find[k].mac);
			json_kv_mac_or_null(j, "bssid", g->find[k].has_bssid ?
			    g->find[k].bssid : NULL);
			json_kv_uint(j, "count", g->find[k].count);
			json_kv_uint(j, "retries", g->find[k].retries);
			kv_ts(j, "first_log_time", g->find[k].first_ns);
			kv_ts(j, "last_log_time", g->find[k].last_ns);
			json_kv_int(j, "period_ms", g->find[k].period_ns /
			    1000000);
			json_obj_end(j);
		}
		json_arr_end(j);
		json_obj_end(j);
	}
	json_arr_end(j);
}

void
logrun_text_roam(FILE *fp, struct logrun *lr, const struct eng *e,
    const struct eng_roam *r, int64_t t0)
{
	const struct eng_logref *ref;
	const struct log_event *x;
	const char *fmt = "";
	char safe[LR_RAW * 3];
	size_t n, i;

	ref = eng_roam_logs(e, r->id, &n);
	for (i = 0; i < n; i++) {
		if ((x = logrun_event(lr, &ref[i], &fmt)) == NULL)
			continue;
		logrun_event_text(lr, &ref[i], safe, sizeof safe);
		fprintf(fp, "           log %9.3f  [%s] %-14s %s\n",
		    (double)(ref[i].ts_ns - t0) / 1e9, fmt,
		    log_kind_name(x->kind), safe);
	}
}

void
logrun_text(FILE *fp, struct logrun *lr)
{
	const struct log_stats *s;
	struct lr_log *g;
	char safe[512 * 3];
	size_t i;

	if (lr == NULL || lr->n == 0)
		return;
	fprintf(fp, "\nLOGS\n");
	for (i = 0; i < lr->n; i++) {
		g = &lr->v[i];
		s = log_stats(g->l);
		text_safe(safe, sizeof safe, log_name(g->l));
		fprintf(fp, "  %s (%s): %llu lines, %llu recognised, %llu not, "
		    "%zu events; %zu on joins and roams\n", safe,
		    log_format_name(log_format(g->l)),
		    (unsigned long long)s->lines,
		    (unsigned long long)s->recognised,
		    (unsigned long long)s->unrecognised, log_nevents(g->l),
		    g->st.attached);
		if (g->note[0] != '\0') {
			text_safe(safe, sizeof safe, g->note);
			fprintf(fp, "      %s\n", safe);
		}
	}
}

const struct log_event *
logrun_event(struct logrun *lr, const struct eng_logref *ref,
    const char **format)
{
	struct lr_log *g;
	const struct log_event *x;

	if ((x = ref_event(lr, ref, &g)) != NULL && format != NULL)
		*format = log_format_name(log_format(g->l));
	return x;
}

void
logrun_event_text(struct logrun *lr, const struct eng_logref *ref, char *buf,
    size_t len)
{
	const struct log_event *x;
	struct lr_log *g;
	char raw[LR_RAW], *nl;

	buf[0] = '\0';
	raw[0] = '\0';
	if ((x = ref_event(lr, ref, &g)) == NULL)
		return;
	if (log_raw(g->l, x, raw, sizeof raw) >= 0 &&
	    (nl = strchr(raw, '\n')) != NULL)
		*nl = '\0';	/* the record's first line */
	text_safe(buf, len, raw);
}

size_t
logrun_roam_count(const struct eng *e, const struct eng_roam *r)
{
	size_t n;

	(void)eng_roam_logs(e, r->id, &n);
	return n;
}
