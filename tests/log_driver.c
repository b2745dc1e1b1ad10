/*
 * log_driver.c -- the log subsystem on the command line, for the tests:
 * read logs, optionally a capture, align, and print it all as one JSON
 * object.  Notes about a log (no log, not aligned) go to stderr, one line
 * each, and the other logs and the capture are still read.
 *
 * usage: log_driver [-AeruR] [-k BYTES] [-o SECONDS] [-r CAPTURE]
 *            [-t EPOCH] SPEC...
 *   -r CAPTURE  air events from it; align each log; its first frame is
 *               the reference time for year-less logs
 *   -t EPOCH    reference time without a capture
 *   -o SECONDS  the offset, given (log clock minus capture clock)
 *   -k BYTES    read the logs BYTES at a time (streaming)
 *   -e          print the events, -R with their raw text
 *   -u          print the unrecognised records kept
 *   -A          print the capture's air events
 * Exit: 0, or 2 on a usage error.
 */
#include <err.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "json.h"
#include "log/log.h"

#define NS	1000000000LL

static void
event_json(struct json *j, struct log *l, const struct log_event *e,
    bool raw)
{
	static const char *const dirs[] = { "none", "rx", "tx" };
	char	 buf[8192];

	json_obj_begin(j);
	json_kv_str(j, "kind", log_kind_name(e->kind));
	if (e->flags & LOG_F_TIME) {
		json_kv_int(j, "t", e->t_ns);
	}
	json_kv_uint(j, "line", e->line);
	json_kv_uint(j, "off", e->off);
	json_kv_uint(j, "len", e->len);
	json_kv_str(j, "side", e->side == LOG_SIDE_CLIENT ? "client" : "infra");
	if (e->dir != LOG_DIR_NONE) {
		json_kv_str(j, "dir", dirs[e->dir % 3]);
	}
	if (e->flags & LOG_F_MAC)
		json_kv_mac(j, "mac", e->mac);
	if (e->flags & LOG_F_BSSID)
		json_kv_mac(j, "bssid", e->bssid);
	if (e->flags & LOG_F_AP)
		json_kv_mac(j, "ap", e->ap);
	if (e->flags & LOG_F_OLD)
		json_kv_mac(j, "old_bssid", e->old_bssid);
	if (e->flags & LOG_F_STATUS) {
		json_kv_int(j, "status", e->status);
	}
	if (e->flags & LOG_F_REASON) {
		json_kv_int(j, "reason", e->reason);
	}
	if (e->flags & LOG_F_MSG) {
		json_kv_uint(j, "msg", e->msg);
	}
	if (e->flags & LOG_F_NUM) {
		json_kv_uint(j, "num", e->num);
	}
	if (e->flags & LOG_F_ALG) {
		json_kv_uint(j, "alg", e->alg);
	}
	if (e->flags & LOG_F_LEVELS) {
		json_kv_int(j, "cur_level", e->cur_level);
		json_kv_int(j, "sel_level", e->sel_level);
	}
	if (e->pem != LOG_PEM_NONE) {
		json_kv_str(j, "pem", log_pem_name(e->pem));
	}
	json_kv_bool(j, "ft", (e->flags & LOG_F_FT) != 0);
	json_kv_bool(j, "ieee", (e->flags & LOG_F_IEEE) != 0);
	json_kv_bool(j, "reassoc", (e->flags & LOG_F_REASSOC) != 0);
	json_kv_bool(j, "acked", (e->flags & LOG_F_ACKED) != 0);
	json_kv_bool(j, "year_guessed", (e->flags & LOG_F_YEAR) != 0);
	json_kv_bool(j, "failed", log_event_failed(e));
	if (raw && log_raw(l, e, buf, sizeof(buf)) >= 0) {
		json_kv_str(j, "raw", buf);
	}
	json_obj_end(j);
}

static void
stats_json(struct json *j, const struct log_stats *s)
{
	static const struct {
		const char	*name;
		size_t		 off;
	} f[] = {
#define F(x)	{ #x, offsetof(struct log_stats, x) }
		F(bytes), F(lines), F(records), F(recognised),
		F(unrecognised), F(text), F(blank), F(pager), F(annotations),
		F(details), F(events), F(dropped), F(untimed), F(cut),
		F(rotations),
#undef F
	};
	size_t	 i;

	json_obj_begin(j);
	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		json_key(j, f[i].name);
		json_uint(j, *(const uint64_t *)((const char *)s + f[i].off));
	}
	json_obj_end(j);
}

static void
findings_json(struct json *j, const struct log_event *ev, size_t n)
{
	struct log_finding	 f[64];
	size_t			 k, i;

	k = log_findings(ev, n, f, 64);
	json_arr_begin(j);
	for (i = 0; i < k; i++) {
		json_obj_begin(j);
		json_kv_str(j, "kind", log_find_name(f[i].kind));
		json_kv_str(j, "event", log_kind_name(f[i].ev_kind));
		json_kv_mac(j, "mac", f[i].mac);
		if (f[i].has_bssid)
			json_kv_mac(j, "bssid", f[i].bssid);
		json_kv_uint(j, "count", f[i].count);
		json_kv_uint(j, "retries", f[i].retries);
		json_kv_int(j, "first", f[i].first_ns);
		json_kv_int(j, "last", f[i].last_ns);
		json_kv_int(j, "period_ms", f[i].period_ns / 1000000);
		json_kv_uint(j, "first_line", ev[f[i].first_ev].line);
		json_obj_end(j);
	}
	json_arr_end(j);
}

static void
align_json(struct json *j, const struct log_align *a, const char *note)
{
	json_obj_begin(j);
	json_kv_str(j, "status", log_align_status_name(a->status));
	json_kv_int(j, "offset_ns", a->offset_ns);
	json_kv_uint(j, "support", a->support);
	json_kv_uint(j, "candidates", a->candidates);
	json_kv_uint(j, "clients", a->clients);
	json_kv_uint(j, "log_clients", a->log_clients);
	json_kv_uint(j, "runner_up", a->runner_up);
	json_kv_int(j, "runner_up_ns", a->runner_up_ns);
	json_kv_int(j, "spread_ns", a->spread_ns);
	json_kv_str(j, "note", note);
	json_obj_end(j);
}

static void
air_json(struct json *j, const struct log_air *a)
{
	json_obj_begin(j);
	json_kv_str(j, "kind", log_air_kind_name(a->kind));
	json_kv_int(j, "t", a->t_ns);
	json_kv_mac(j, "mac", a->mac);
	json_kv_mac(j, "bssid", a->bssid);
	if (a->status != LOG_AIR_NO_STATUS) {
		json_kv_uint(j, "status", a->status);
	}
	json_kv_bool(j, "from_client", a->from_client);
	json_obj_end(j);
}

static void
usage(void)
{
	fprintf(stderr, "usage: log_driver [-AeruR] [-k BYTES] [-o SECONDS] "
	    "[-r CAPTURE] [-t EPOCH] SPEC...\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	struct log_opts		 o;
	struct log_align_opts	 ao;
	struct log_align	 al;
	struct log_air		*air = NULL;
	struct json		 j;
	struct log		*l;
	const struct log_unrec	*u;
	char			 err[512], note[512];
	const char		*cap = NULL;
	size_t			 nair = 0, i, k, chunk = 0;
	int64_t			 first = 0;
	bool			 events = false, unrec = false, raw = false,
				 show_air = false;
	int			 c, r;

	memset(&o, 0, sizeof(o));
	memset(&ao, 0, sizeof(ao));
	while ((c = getopt(argc, argv, "Aek:o:r:Rt:u")) != -1) {
		switch (c) {
		case 'A':
			show_air = true;
			break;
		case 'e':
			events = true;
			break;
		case 'k':
			chunk = strtoul(optarg, NULL, 10);
			break;
		case 'o':
			ao.given = true;
			ao.offset_ns = (int64_t)(strtod(optarg, NULL) * NS);
			break;
		case 'r':
			cap = optarg;
			break;
		case 'R':
			raw = events = true;
			break;
		case 't':
			o.ref_ns = (int64_t)(strtod(optarg, NULL) * NS);
			break;
		case 'u':
			unrec = true;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0 && cap == NULL)
		usage();
	if (cap != NULL) {
		if (log_air_load(cap, &air, &nair, &first, err,
		    sizeof(err)) != 0)
			fprintf(stderr, "%s\n", err);
		else if (o.ref_ns == 0)
			o.ref_ns = first;
	}

	json_init(&j, stdout);
	json_obj_begin(&j);
	json_kv_uint(&j, "air", nair);
	json_kv_int(&j, "first_ns", first);
	if (show_air) {
		json_key(&j, "air_events");
		json_arr_begin(&j);
		for (k = 0; k < nair; k++)
			air_json(&j, &air[k]);
		json_arr_end(&j);
	}
	json_key(&j, "logs");
	json_arr_begin(&j);
	for (i = 0; i < (size_t)argc; i++) {
		json_obj_begin(&j);
		json_kv_str(&j, "spec", argv[i]);
		if ((l = log_open(argv[i], &o, err, sizeof(err))) == NULL) {
			fprintf(stderr, "%s\n", err);
			json_kv_str(&j, "error", err);
			json_obj_end(&j);
			continue;
		}
		while ((r = log_read(l, chunk)) == 1)
			;
		json_kv_str(&j, "format", log_format_name(log_format(l)));
		if (r < 0) {
			fprintf(stderr, "%s\n", log_error(l));
			json_kv_str(&j, "error", log_error(l));
		}
		json_key(&j, "stats");
		stats_json(&j, log_stats(l));
		if (events) {
			json_key(&j, "events");
			json_arr_begin(&j);
			for (k = 0; k < log_nevents(l); k++)
				event_json(&j, l, &log_events(l)[k], raw);
			json_arr_end(&j);
		}
		if (unrec) {
			json_key(&j, "unrec");
			json_arr_begin(&j);
			for (k = 0; (u = log_unrec(l, k)) != NULL; k++) {
				json_obj_begin(&j);
				json_kv_uint(&j, "line", u->line);
				json_kv_strn(&j, "text", u->text, u->text_len);
				json_obj_end(&j);
			}
			json_arr_end(&j);
		}
		json_key(&j, "findings");
		findings_json(&j, log_events(l), log_nevents(l));
		if (cap != NULL && r >= 0) {
			log_align(log_events(l), log_nevents(l), air, nair,
			    &ao, &al);
			log_align_note(&al, log_name(l), note, sizeof(note));
			if (al.status != LOG_ALIGN_OK &&
			    al.status != LOG_ALIGN_GIVEN)
				fprintf(stderr, "%s\n", note);
			json_key(&j, "align");
			align_json(&j, &al, note);
		}
		json_obj_end(&j);
		log_close(l);
	}
	json_arr_end(&j);
	json_obj_end(&j);
	fputc('\n', stdout);
	free(air);
	return (0);
}
