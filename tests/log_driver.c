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
mac(struct json *j, const char *key, const uint8_t *m)
{
	json_key(j, key);
	json_mac(j, m);
}

static void
event_json(struct json *j, struct log *l, const struct log_event *e,
    bool raw)
{
	static const char *const dirs[] = { "none", "rx", "tx" };
	char	 buf[8192];

	json_obj_begin(j);
	json_key(j, "kind");
	json_str(j, log_kind_name(e->kind));
	if (e->flags & LOG_F_TIME) {
		json_key(j, "t");
		json_int(j, e->t_ns);
	}
	json_key(j, "line");
	json_uint(j, e->line);
	json_key(j, "off");
	json_uint(j, e->off);
	json_key(j, "len");
	json_uint(j, e->len);
	json_key(j, "side");
	json_str(j, e->side == LOG_SIDE_CLIENT ? "client" : "infra");
	if (e->dir != LOG_DIR_NONE) {
		json_key(j, "dir");
		json_str(j, dirs[e->dir % 3]);
	}
	if (e->flags & LOG_F_MAC)
		mac(j, "mac", e->mac);
	if (e->flags & LOG_F_BSSID)
		mac(j, "bssid", e->bssid);
	if (e->flags & LOG_F_AP)
		mac(j, "ap", e->ap);
	if (e->flags & LOG_F_OLD)
		mac(j, "old_bssid", e->old_bssid);
	if (e->flags & LOG_F_STATUS) {
		json_key(j, "status");
		json_int(j, e->status);
	}
	if (e->flags & LOG_F_REASON) {
		json_key(j, "reason");
		json_int(j, e->reason);
	}
	if (e->flags & LOG_F_MSG) {
		json_key(j, "msg");
		json_uint(j, e->msg);
	}
	if (e->flags & LOG_F_NUM) {
		json_key(j, "num");
		json_uint(j, e->num);
	}
	if (e->flags & LOG_F_ALG) {
		json_key(j, "alg");
		json_uint(j, e->alg);
	}
	if (e->flags & LOG_F_LEVELS) {
		json_key(j, "cur_level");
		json_int(j, e->cur_level);
		json_key(j, "sel_level");
		json_int(j, e->sel_level);
	}
	if (e->pem != LOG_PEM_NONE) {
		json_key(j, "pem");
		json_str(j, log_pem_name(e->pem));
	}
	json_key(j, "ft");
	json_bool(j, (e->flags & LOG_F_FT) != 0);
	json_key(j, "ieee");
	json_bool(j, (e->flags & LOG_F_IEEE) != 0);
	json_key(j, "reassoc");
	json_bool(j, (e->flags & LOG_F_REASSOC) != 0);
	json_key(j, "acked");
	json_bool(j, (e->flags & LOG_F_ACKED) != 0);
	json_key(j, "year_guessed");
	json_bool(j, (e->flags & LOG_F_YEAR) != 0);
	json_key(j, "failed");
	json_bool(j, log_event_failed(e));
	if (raw && log_raw(l, e, buf, sizeof(buf)) >= 0) {
		json_key(j, "raw");
		json_str(j, buf);
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
		json_key(j, "kind");
		json_str(j, log_find_name(f[i].kind));
		json_key(j, "event");
		json_str(j, log_kind_name(f[i].ev_kind));
		mac(j, "mac", f[i].mac);
		if (f[i].has_bssid)
			mac(j, "bssid", f[i].bssid);
		json_key(j, "count");
		json_uint(j, f[i].count);
		json_key(j, "retries");
		json_uint(j, f[i].retries);
		json_key(j, "first");
		json_int(j, f[i].first_ns);
		json_key(j, "last");
		json_int(j, f[i].last_ns);
		json_key(j, "period_ms");
		json_int(j, f[i].period_ns / 1000000);
		json_key(j, "first_line");
		json_uint(j, ev[f[i].first_ev].line);
		json_obj_end(j);
	}
	json_arr_end(j);
}

static void
align_json(struct json *j, const struct log_align *a, const char *note)
{
	json_obj_begin(j);
	json_key(j, "status");
	json_str(j, log_align_status_name(a->status));
	json_key(j, "offset_ns");
	json_int(j, a->offset_ns);
	json_key(j, "support");
	json_uint(j, a->support);
	json_key(j, "candidates");
	json_uint(j, a->candidates);
	json_key(j, "clients");
	json_uint(j, a->clients);
	json_key(j, "log_clients");
	json_uint(j, a->log_clients);
	json_key(j, "runner_up");
	json_uint(j, a->runner_up);
	json_key(j, "runner_up_ns");
	json_int(j, a->runner_up_ns);
	json_key(j, "spread_ns");
	json_int(j, a->spread_ns);
	json_key(j, "note");
	json_str(j, note);
	json_obj_end(j);
}

static void
air_json(struct json *j, const struct log_air *a)
{
	json_obj_begin(j);
	json_key(j, "kind");
	json_str(j, log_air_kind_name(a->kind));
	json_key(j, "t");
	json_int(j, a->t_ns);
	mac(j, "mac", a->mac);
	mac(j, "bssid", a->bssid);
	if (a->status != LOG_AIR_NO_STATUS) {
		json_key(j, "status");
		json_uint(j, a->status);
	}
	json_key(j, "from_client");
	json_bool(j, a->from_client);
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
	json_key(&j, "air");
	json_uint(&j, nair);
	json_key(&j, "first_ns");
	json_int(&j, first);
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
		json_key(&j, "spec");
		json_str(&j, argv[i]);
		if ((l = log_open(argv[i], &o, err, sizeof(err))) == NULL) {
			fprintf(stderr, "%s\n", err);
			json_key(&j, "error");
			json_str(&j, err);
			json_obj_end(&j);
			continue;
		}
		while ((r = log_read(l, chunk)) == 1)
			;
		json_key(&j, "format");
		json_str(&j, log_format_name(log_format(l)));
		if (r < 0) {
			fprintf(stderr, "%s\n", log_error(l));
			json_key(&j, "error");
			json_str(&j, log_error(l));
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
				json_key(&j, "line");
				json_uint(&j, u->line);
				json_key(&j, "text");
				json_strn(&j, u->text, u->text_len);
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
