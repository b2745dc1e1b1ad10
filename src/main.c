/*
 * main.c -- roamscope's entry point: options, sources, and the choice
 * between the TUI and the headless outputs (--frames, --report).
 *
 * Everything that is not option handling lives behind the subsystems'
 * headers: rs.h (exit codes, clock), cap.h (sources, threads, ring),
 * engine.h, frames.h, report.h and tui.h.  Every error is one line on
 * stderr, "roamscope: " + what is wrong + what to do, and one of the
 * RS_EXIT_* codes documented in roamscope(1).
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cap/cap.h"
#include "engine/engine.h"
#include "frames.h"
#include "report.h"
#include "rs.h"
#include "tui/tui.h"

#ifndef PKGDATADIR
#define PKGDATADIR "/usr/local/share/roamscope"
#endif

#define DEMO_NAME	"demo.pcap"
#define MAX_SOURCES	32

enum src_kind {
	SRC_FILE,
	SRC_FOLLOW,
	SRC_IFACE,
	SRC_MONITOR,
};

struct src_arg {
	enum src_kind	 kind;
	const char	*arg;
};

struct opts {
	struct src_arg	 src[MAX_SOURCES];
	size_t		 nsrc;
	bool		 list;
	const char	*write_path;
	const char	*user;
	bool		 frames;
	bool		 frames_all;
	bool		 report;
	enum report_fmt	 report_fmt;
	const char	*sla_path;
	bool		 replay_set;
	double		 replay;
	bool		 demo;
	double		 duration;	/* seconds, 0: none */
	int		 bell;		/* -1 default, 0 off, 1 on */
	double		 hard_roam_window;	/* seconds, < 0: default */
	long		 max_clients;	/* < 0: default */
	long		 max_roams;	/* < 0: default */
};

enum {
	OPT_FOLLOW = 256,
	OPT_LIST,
	OPT_FRAMES,
	OPT_REPORT,
	OPT_SLA,
	OPT_REPLAY,
	OPT_DEMO,
	OPT_DURATION,
	OPT_NO_BELL,
	OPT_BELL,
	OPT_HARD_ROAM_WINDOW,
	OPT_MAX_CLIENTS,
	OPT_MAX_ROAMS,
	OPT_VERSION,
};

static const struct option longopts[] = {
	{ "read",		required_argument,	NULL, 'r' },
	{ "follow",		required_argument,	NULL, OPT_FOLLOW },
	{ "interface",		required_argument,	NULL, 'i' },
	{ "monitor",		required_argument,	NULL, 'm' },
	{ "list",		no_argument,		NULL, OPT_LIST },
	{ "write",		required_argument,	NULL, 'w' },
	{ "user",		required_argument,	NULL, 'Z' },
	{ "frames",		optional_argument,	NULL, OPT_FRAMES },
	{ "report",		optional_argument,	NULL, OPT_REPORT },
	{ "sla",		required_argument,	NULL, OPT_SLA },
	{ "replay",		optional_argument,	NULL, OPT_REPLAY },
	{ "demo",		no_argument,		NULL, OPT_DEMO },
	{ "duration",		required_argument,	NULL, OPT_DURATION },
	{ "no-bell",		no_argument,		NULL, OPT_NO_BELL },
	{ "bell",		no_argument,		NULL, OPT_BELL },
	{ "hard-roam-window",	required_argument,	NULL,
	    OPT_HARD_ROAM_WINDOW },
	{ "max-clients",	required_argument,	NULL, OPT_MAX_CLIENTS },
	{ "max-roams",		required_argument,	NULL, OPT_MAX_ROAMS },
	{ "version",		no_argument,		NULL, OPT_VERSION },
	{ "help",		no_argument,		NULL, 'h' },
	{ NULL,			0,			NULL, 0 }
};

static volatile sig_atomic_t	 got_stop;	/* SIGINT/SIGTERM/SIGHUP */
static volatile sig_atomic_t	 got_alarm;	/* --duration elapsed */
static bool			 tui_up;

static void	usage(FILE *);
static int	die(int, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
static int	parse_args(int, char **, struct opts *);
static bool	parse_double(const char *, double, double, double *);
static bool	parse_long(const char *, long, long, long *);
static const char *find_demo(char *, size_t);
static void	on_stop(int);
static void	on_alarm(int);
static void	on_fatal(int);
static void	install_signals(bool);
static int	source_errors(struct cap *);
static int	run_headless(struct cap *, struct eng *, const struct opts *,
		    bool);

static void
usage(FILE *f)
{
	fprintf(f,
"usage: roamscope [options] -r FILE | --follow FILE | -i IFACE | -m RADIO | --demo\n"
"Watch Wi-Fi clients roam: 802.11k/v/r phases, timings and failures.\n"
"\n"
"Sources (repeatable, merged on one timeline):\n"
"  -r, --read FILE         read a pcap/pcapng file; \"-\" reads a stream on stdin\n"
"      --follow FILE       read a file that is still being written\n"
"  -i, --interface IFACE   capture on an existing monitor-mode interface\n"
"  -m, --monitor RADIO[:CHANNEL[:WIDTH]]\n"
"                          create a monitor interface on RADIO (phyN or any of\n"
"                          its interfaces), tune it (WIDTH 20, 40, 80 or 160),\n"
"                          capture, and delete it on exit\n"
"      --demo              replay the bundled demo capture in real time\n"
"      --list              list radios, interfaces, modes and channels; exit\n"
"\n"
"Capture:\n"
"  -w, --write FILE        also write every captured frame to a pcapng FILE\n"
"  -Z, --user USER         drop root to USER once captures are open\n"
"                          (default under sudo: $SUDO_USER)\n"
"      --replay[=SPEED]    pace files by their timestamps: 1 real time (the\n"
"                          default when given), 2 twice as fast, 0 no pacing\n"
"      --duration SECONDS  stop after SECONDS (live capture or replay)\n"
"\n"
"Output (without these, the full-screen TUI):\n"
"      --frames[=all]      one JSON line per decoded frame (all: every frame,\n"
"                          not only those about roaming); see doc/frames.md\n"
"      --report[=text|json|csv]\n"
"                          at the end, a report of every client's roams\n"
"                          (text by default); see doc/report.md\n"
"      --bell, --no-bell   ring on a failed roam (default: on live, off for files)\n"
"\n"
"Roam engine:\n"
"      --sla FILE          load WARN/FAIL thresholds from FILE\n"
"      --hard-roam-window SECONDS\n"
"                          a return within this time after losing the AP\n"
"                          counts as a (hard) roam (default 10)\n"
"      --max-clients N     keep at most N clients (oldest idle aged out)\n"
"      --max-roams N       keep at most N roams per client\n"
"\n"
"  -h, --help              this help\n"
"      --version           print the version\n"
"\n"
"Exit status: 0 ok, 1 usage, 2 permission, 3 a roam failed (--report),\n"
"4 no such file, 5 not a capture, 6 link type, 7 truncated, 8 interface,\n"
"9 netlink, 10 --sla, 11 cannot write, 70 internal.  See roamscope(1).\n");
}

static int
die(int code, const char *fmt, ...)
{
	va_list	ap;

	fflush(stdout);
	fputs("roamscope: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return (code);
}

static bool
parse_double(const char *s, double min, double max, double *out)
{
	char	*end;
	double	 v;

	errno = 0;
	v = strtod(s, &end);
	if (errno != 0 || end == s || *end != '\0' || !isfinite(v) ||
	    v < min || v > max)
		return (false);
	*out = v;
	return (true);
}

static bool
parse_long(const char *s, long min, long max, long *out)
{
	char	*end;
	long	 v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < min || v > max)
		return (false);
	*out = v;
	return (true);
}

/*
 * Returns 0 to go on, or an exit code + 1 (so that "exit 0 now", after
 * --help or --version, can be told from "go on").
 */
static int
parse_args(int argc, char **argv, struct opts *o)
{
	const char	*bad;
	int		 ch, code;

	memset(o, 0, sizeof *o);
	o->replay = 1.0;
	o->bell = -1;
	o->hard_roam_window = -1;
	o->max_clients = -1;
	o->max_roams = -1;

	opterr = 0;	/* our own one-line messages */
	while ((ch = getopt_long(argc, argv, ":r:i:m:w:Z:h", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'r':
		case OPT_FOLLOW:
		case 'i':
		case 'm':
			if (o->nsrc == MAX_SOURCES) {
				code = die(RS_EXIT_USAGE, "too many sources "
				    "(at most %d): merge files with mergecap "
				    "first", MAX_SOURCES);
				return (code + 1);
			}
			o->src[o->nsrc].arg = optarg;
			if (ch == 'r')
				o->src[o->nsrc].kind = SRC_FILE;
			else if (ch == OPT_FOLLOW)
				o->src[o->nsrc].kind = SRC_FOLLOW;
			else if (ch == 'i')
				o->src[o->nsrc].kind = SRC_IFACE;
			else
				o->src[o->nsrc].kind = SRC_MONITOR;
			o->nsrc++;
			break;
		case OPT_LIST:
			o->list = true;
			break;
		case 'w':
			o->write_path = optarg;
			break;
		case 'Z':
			o->user = optarg;
			break;
		case OPT_FRAMES:
			o->frames = true;
			if (optarg == NULL)
				o->frames_all = false;
			else if (strcmp(optarg, "all") == 0)
				o->frames_all = true;
			else {
				code = die(RS_EXIT_USAGE, "--frames=%s: "
				    "unknown value; use --frames or "
				    "--frames=all", optarg);
				return (code + 1);
			}
			break;
		case OPT_REPORT:
			o->report = true;
			if (optarg == NULL || strcmp(optarg, "text") == 0)
				o->report_fmt = REPORT_TEXT;
			else if (strcmp(optarg, "json") == 0)
				o->report_fmt = REPORT_JSON;
			else if (strcmp(optarg, "csv") == 0)
				o->report_fmt = REPORT_CSV;
			else {
				code = die(RS_EXIT_USAGE, "--report=%s: "
				    "unknown format; use text, json or csv",
				    optarg);
				return (code + 1);
			}
			break;
		case OPT_SLA:
			o->sla_path = optarg;
			break;
		case OPT_REPLAY:
			o->replay_set = true;
			o->replay = 1.0;
			if (optarg != NULL && !parse_double(optarg, 0, 1e6,
			    &o->replay)) {
				code = die(RS_EXIT_USAGE, "--replay=%s: not a "
				    "speed; use a number such as 1 (real "
				    "time), 4, 0.5 or 0 (no pacing)", optarg);
				return (code + 1);
			}
			break;
		case OPT_DEMO:
			o->demo = true;
			break;
		case OPT_DURATION:
			if (!parse_double(optarg, 0.001, 1e9, &o->duration)) {
				code = die(RS_EXIT_USAGE, "--duration %s: not "
				    "a number of seconds above 0", optarg);
				return (code + 1);
			}
			break;
		case OPT_NO_BELL:
			o->bell = 0;
			break;
		case OPT_BELL:
			o->bell = 1;
			break;
		case OPT_HARD_ROAM_WINDOW:
			if (!parse_double(optarg, 0, 86400,
			    &o->hard_roam_window)) {
				code = die(RS_EXIT_USAGE, "--hard-roam-window "
				    "%s: not a number of seconds from 0 to "
				    "86400", optarg);
				return (code + 1);
			}
			break;
		case OPT_MAX_CLIENTS:
			if (!parse_long(optarg, 1, UINT_MAX,
			    &o->max_clients)) {
				code = die(RS_EXIT_USAGE, "--max-clients %s: "
				    "not a whole number above 0", optarg);
				return (code + 1);
			}
			break;
		case OPT_MAX_ROAMS:
			if (!parse_long(optarg, 1, UINT_MAX, &o->max_roams)) {
				code = die(RS_EXIT_USAGE, "--max-roams %s: "
				    "not a whole number above 0", optarg);
				return (code + 1);
			}
			break;
		case OPT_VERSION:
			printf("roamscope %s\n", PACKAGE_VERSION);
			return (RS_EXIT_OK + 1);
		case 'h':
			usage(stdout);
			return (RS_EXIT_OK + 1);
		case ':':
			bad = argv[optind - 1];
			code = die(RS_EXIT_USAGE, "%s needs a value; see "
			    "roamscope --help", bad);
			return (code + 1);
		default:
			if (optopt != 0 && optopt < 256)
				code = die(RS_EXIT_USAGE, "unknown option -%c; "
				    "see roamscope --help", optopt);
			else
				code = die(RS_EXIT_USAGE, "unknown option %s; "
				    "see roamscope --help", argv[optind - 1]);
			return (code + 1);
		}
	}
	if (optind < argc) {
		code = die(RS_EXIT_USAGE, "unexpected argument '%s': give "
		    "capture files with -r FILE", argv[optind]);
		return (code + 1);
	}
	return (0);
}

/*
 * The demo capture: $ROAMSCOPE_DEMO, the installed copy, then the source
 * tree the binary was built from, then places relative to the binary (a
 * moved build or install tree).
 */
static const char *
find_demo(char *buf, size_t len)
{
	static const char	*rel[] = {
		"../share/roamscope/" DEMO_NAME,	/* PREFIX/bin */
		"../data/" DEMO_NAME,			/* srcdir/src */
		"../../data/" DEMO_NAME,		/* srcdir/build/src */
	};
	const char		*env;
	char			 exe[PATH_MAX], *slash;
	ssize_t			 n;
	size_t			 i;

	if ((env = getenv("ROAMSCOPE_DEMO")) != NULL && *env != '\0')
		return (env);
	snprintf(buf, len, "%s/%s", PKGDATADIR, DEMO_NAME);
	if (access(buf, R_OK) == 0)
		return (buf);
#ifdef RS_ABS_SRCDIR
	snprintf(buf, len, "%s/data/%s", RS_ABS_SRCDIR, DEMO_NAME);
	if (access(buf, R_OK) == 0)
		return (buf);
#endif
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL) {
			*slash = '\0';
			for (i = 0; i < sizeof rel / sizeof rel[0]; i++) {
				n = snprintf(buf, len, "%s/%s", exe, rel[i]);
				if (n > 0 && (size_t)n < len &&
				    access(buf, R_OK) == 0)
					return (buf);
			}
		}
	}
	return (NULL);
}

static void
on_stop(int sig)
{
	/* A second signal means "now": clean up what we created and go. */
	if (got_stop) {
		cap_emergency_cleanup();
		signal(sig, SIG_DFL);
		raise(sig);
		_exit(128 + sig);
	}
	got_stop = 1;
}

static void
on_alarm(int sig)
{
	(void)sig;
	got_alarm = 1;
	/* The TUI owns the loop: ask it to quit the way a user would. */
	if (tui_up)
		kill(getpid(), SIGTERM);
}

static void
on_fatal(int sig)
{
	if (tui_up)
		tui_emergency_restore();
	cap_emergency_cleanup();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
install_signals(bool headless)
{
	struct sigaction	 sa;
	static const int	 fatal[] = {
		SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT
	};
	size_t			 i;

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);

	/* A closed pipe (| head) is an error on the write, not a kill. */
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);

	sa.sa_handler = on_fatal;
	sa.sa_flags = SA_RESETHAND;
	for (i = 0; i < sizeof fatal / sizeof fatal[0]; i++)
		sigaction(fatal[i], &sa, NULL);

	sa.sa_flags = 0;
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL);

	if (headless) {
		sa.sa_handler = on_stop;
		sigaction(SIGINT, &sa, NULL);
		sigaction(SIGTERM, &sa, NULL);
		sigaction(SIGHUP, &sa, NULL);
	}
}

/*
 * One line per failed source; returns the first source's error, which wins
 * over every other exit code.
 */
static int
source_errors(struct cap *cap)
{
	struct cap_source_info	 si;
	size_t			 i, n;
	int			 first = RS_EXIT_OK;

	n = cap_nsources(cap);
	for (i = 0; i < n; i++) {
		cap_source_info(cap, i, &si);
		if (si.error == RS_EXIT_OK)
			continue;
		if (si.error == RS_EXIT_TRUNCATED) {
			/* Say plainly that nothing before the cut was lost. */
			if (si.errmsg[0] == '\0')
				snprintf(si.errmsg, sizeof si.errmsg, "%s: "
				    "last record truncated after %llu frames",
				    si.name, (unsigned long long)si.received);
			die(si.error, "%s; the %llu frames before it were "
			    "used", si.errmsg,
			    (unsigned long long)si.received);
		} else if (si.errmsg[0] != '\0')
			die(si.error, "%s", si.errmsg);
		else
			die(si.error, "%s: capture failed", si.name);
		if (first == RS_EXIT_OK)
			first = si.error;
	}
	return (first);
}

/* A frame that claimed more than it carried, somewhere. */
static bool
rec_malformed(const struct rs_rec *rec)
{
	const struct d11_frame	*f = &rec->f;

	return (f->error != D11_OK || rec->caplen == 0 ||
	    f->ie.n_malformed != 0 || f->ie.rsn.malformed ||
	    f->ie.wpa.malformed || f->ie.fte.malformed ||
	    f->act.malformed || f->eapol.malformed);
}

static int
run_headless(struct cap *cap, struct eng *eng, const struct opts *o,
    bool streaming)
{
	const struct rs_rec	*rec;
	int64_t			 deadline = 0, last_ts = INT64_MIN;
	uint64_t		 nrec = 0, nbad = 0, nback = 0, first_back = 0;
	int			 rc, src_rc, out_rc = RS_EXIT_OK;
	int			 out_errno = 0;
	bool			 out_err = false, stopping = false;

	/* Streams and live capture: each line as it comes; files: fast. */
	if (o->frames) {
		if (streaming)
			setvbuf(stdout, NULL, _IOLBF, 0);
		else
			setvbuf(stdout, NULL, _IOFBF, 1 << 16);
	}
	if (o->duration > 0)
		deadline = rs_mono_ns() + (int64_t)(o->duration * 1e9);

	for (;;) {
		/*
		 * Asked to stop: stop the readers, then still use what they
		 * had already read (it is in -w too), so the report and -w
		 * hold the same frames.
		 */
		if (!stopping && (got_stop ||
		    (deadline != 0 && rs_mono_ns() >= deadline))) {
			cap_stop(cap);
			stopping = true;
		}
		rc = cap_next(cap, &rec, stopping ? 0 : 100);
		if (rc < 0 || (rc == 0 && stopping))
			break;
		if (rc == 0)
			continue;
		if (o->frames && !out_err) {
			frames_print(stdout, rec, o->frames_all);
			if (ferror(stdout)) {
				out_err = true;
				out_errno = errno;
			}
		}
		eng_feed(eng, rec);
		nrec++;
		if (rec_malformed(rec))
			nbad++;
		if (rec->ts_ns < last_ts && nback++ == 0)
			first_back = rec->n;
		last_ts = rec->ts_ns;
		/* Nowhere to write and nothing to report: stop early. */
		if (out_err && !o->report)
			break;
	}
	cap_stop(cap);
	eng_finish(eng);

	if (o->report && !out_err)
		out_rc = report_write(stdout, eng, cap, o->report_fmt);
	if ((fflush(stdout) != 0 || ferror(stdout)) && !out_err) {
		out_err = true;
		out_errno = errno;
	}

	/* Not errors: the input said so, and the output shows them. */
	if (nbad != 0)
		die(0, "note: %llu of %llu frames were malformed (a length "
		    "overran the bytes captured); they were decoded as far as "
		    "their bytes go", (unsigned long long)nbad,
		    (unsigned long long)nrec);
	if (nback != 0)
		die(0, "note: timestamps went backwards %llu time%s (first at "
		    "frame %llu); frames were used in capture order",
		    (unsigned long long)nback, nback == 1 ? "" : "s",
		    (unsigned long long)first_back);

	src_rc = source_errors(cap);
	if (src_rc != RS_EXIT_OK)
		return (src_rc);
	if (out_err) {
		/* A reader that went away (| head) is not worth a word. */
		if (out_errno == EPIPE)
			return (RS_EXIT_OK);
		return (die(RS_EXIT_WRITE, "cannot write the output: %s; "
		    "check the disk or the pipe", strerror(out_errno)));
	}
	return (out_rc);
}

int
main(int argc, char **argv)
{
	struct opts		 o;
	struct eng_conf		 ec;
	struct tui_opts		 to;
	struct cap		*cap;
	struct eng		*eng;
	char			 err[512], demo[PATH_MAX];
	const char		*path, *user;
	size_t			 i;
	bool			 headless, files_only, streaming;
	int			 code, src_rc;

	if ((code = parse_args(argc, argv, &o)) != 0)
		return (code - 1);

	if (o.list) {
		if (o.nsrc != 0 || o.demo)
			return (die(RS_EXIT_USAGE, "--list takes no sources; "
			    "run it on its own"));
		if ((code = cap_list_radios(stdout, err, sizeof err)) != 0)
			return (die(code, "%s", err));
		return (RS_EXIT_OK);
	}

	if (o.nsrc == 0 && !o.demo)
		return (die(RS_EXIT_USAGE, "no capture source: give -r FILE, "
		    "-i IFACE, -m RADIO or --demo (see roamscope --help)"));
	headless = o.frames || o.report;
	if (!headless && !isatty(STDOUT_FILENO))
		return (die(RS_EXIT_USAGE, "stdout is not a terminal; use "
		    "--report or --frames for headless output"));

	files_only = true;
	streaming = false;
	for (i = 0; i < o.nsrc; i++) {
		if (o.src[i].kind == SRC_IFACE || o.src[i].kind == SRC_MONITOR)
			files_only = false;
		if (o.src[i].kind != SRC_FILE ||
		    strcmp(o.src[i].arg, "-") == 0)
			streaming = true;
	}
	if (o.replay_set && !files_only)
		return (die(RS_EXIT_USAGE, "--replay paces files; it cannot "
		    "be used with -i or -m"));

	eng_conf_defaults(&ec);
	if (o.hard_roam_window >= 0)
		ec.hard_roam_window_ns = (int64_t)(o.hard_roam_window * 1e9);
	if (o.max_clients > 0)
		ec.max_clients = (unsigned)o.max_clients;
	if (o.max_roams > 0)
		ec.max_roams_per_client = (unsigned)o.max_roams;
	ec.sla_path = o.sla_path;
	err[0] = '\0';
	if ((eng = eng_new(&ec, err, sizeof err)) == NULL) {
		if (err[0] == '\0')
			snprintf(err, sizeof err, "cannot start the roam "
			    "engine");
		if (o.sla_path != NULL)
			return (die(RS_EXIT_SLA, "%s; fix that line (the "
			    "format is in roamscope(1), --sla)", err));
		return (die(RS_EXIT_INTERNAL, "%s", err));
	}

	if ((cap = cap_new()) == NULL) {
		eng_free(eng);
		return (die(RS_EXIT_INTERNAL, "out of memory"));
	}
	atexit(cap_emergency_cleanup);

	code = RS_EXIT_OK;
	if (o.demo) {
		if ((path = find_demo(demo, sizeof demo)) == NULL) {
			code = die(RS_EXIT_NOFILE, "the demo capture %s/%s is "
			    "not installed; run 'make install', or set "
			    "ROAMSCOPE_DEMO to data/demo.pcap of the source "
			    "tree", PKGDATADIR, DEMO_NAME);
			goto out;
		}
		err[0] = '\0';
		if ((code = cap_add_file(cap, path, false, err,
		    sizeof err)) != 0) {
			die(code, "%s", err);
			goto out;
		}
		/* Real time on the screen; as fast as possible headless. */
		if (!o.replay_set && !headless) {
			o.replay_set = true;
			o.replay = 1.0;
		}
	}
	for (i = 0; i < o.nsrc; i++) {
		err[0] = '\0';
		switch (o.src[i].kind) {
		case SRC_FILE:
		case SRC_FOLLOW:
			code = cap_add_file(cap, o.src[i].arg,
			    o.src[i].kind == SRC_FOLLOW, err, sizeof err);
			break;
		case SRC_IFACE:
			code = cap_add_iface(cap, o.src[i].arg, err,
			    sizeof err);
			break;
		case SRC_MONITOR:
			code = cap_add_monitor(cap, o.src[i].arg, err,
			    sizeof err);
			break;
		}
		if (code != 0) {
			die(code, "%s", err[0] != '\0' ? err : o.src[i].arg);
			goto out;
		}
	}
	if (o.replay_set)
		streaming = true;
	cap_set_replay(cap, o.replay_set ? o.replay : 0);

	if (o.write_path != NULL) {
		err[0] = '\0';
		if ((code = cap_set_writer(cap, o.write_path, err,
		    sizeof err)) != 0) {
			die(code, "%s", err[0] != '\0' ? err : o.write_path);
			goto out;
		}
	}

	install_signals(headless);
	err[0] = '\0';
	if ((code = cap_start(cap, err, sizeof err)) != 0) {
		die(code, "%s", err[0] != '\0' ? err : "cannot start capture");
		goto out;
	}

	/* Captures are open: root is no longer needed (like tcpdump). */
	user = o.user;
	if (user == NULL && geteuid() == 0) {
		/* Started with sudo: go back to the user who ran it. */
		user = getenv("SUDO_USER");
		if (user != NULL && (*user == '\0' ||
		    strcmp(user, "root") == 0))
			user = NULL;
	}
	if (user != NULL) {
		err[0] = '\0';
		if ((code = cap_drop_privileges(user, err, sizeof err)) != 0) {
			die(code, "%s", err[0] != '\0' ? err : user);
			cap_stop(cap);
			goto out;
		}
	}

	if (headless)
		code = run_headless(cap, eng, &o, streaming);
	else {
		memset(&to, 0, sizeof to);
		to.bell = o.bell >= 0 ? o.bell == 1 : !files_only;
		to.replay = o.replay_set && files_only;
		to.write_dir = NULL;
		if (o.duration > 0)
			alarm((unsigned)ceil(o.duration));
		tui_up = true;
		code = tui_run(cap, eng, &to);
		tui_up = false;
		cap_stop(cap);
		/* A broken file still says so after the screen is gone. */
		if ((src_rc = source_errors(cap)) != RS_EXIT_OK)
			code = src_rc;
	}

out:
	cap_free(cap);
	eng_free(eng);
	return (code);
}
