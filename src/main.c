/*
 * main.c -- roamscope's entry point: options, sources, and the choice
 * between the TUI and the headless outputs (--frames, --report).
 *
 * Everything that is not option handling lives behind the subsystems'
 * headers: rs.h (exit codes, clock), cap.h (sources, threads, ring),
 * engine.h, feed.h (the read-and-feed loop), frames.h, report.h and tui.h.
 * Every error is one line on stderr, "roamscope: " + what is wrong + what
 * to do, and one of the RS_EXIT_* codes documented in roamscope(1).
 */
#include "config.h"

#include <sys/stat.h>

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
#include "feed.h"
#include "keyfeed.h"
#include "keys/keys.h"
#include "frames.h"
#include "logrun.h"
#include "rec/rec.h"
#include "report.h"
#include "rs.h"
#include "text.h"
#include "tui/tui.h"

#ifndef PKGDATADIR
#define PKGDATADIR "/usr/local/share/roamscope"
#endif

#define DEMO_NAME	"demo.pcap"
#define MAX_SOURCES	32
#define SLICE_NS	(10 * 1000000LL)	/* headless feed slice */
#define STOP_DRAIN_NS	(50 * 1000000LL)	/* backlog use after a stop */
#define SLA_MAX		(1 << 20)

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
	const char	*keys_path;
	bool		 replay_set;
	double		 replay;
	bool		 demo;
	double		 duration;	/* seconds, 0: none */
	int		 bell;		/* -1 default, 0 off, 1 on */
	double		 hard_roam_window;	/* seconds, < 0: default */
	long		 max_clients;	/* < 0: default */
	long		 max_roams;	/* < 0: default */
	long		 roam_memory;	/* MiB, < 0: default */
	/* --log SPEC, --log-follow FILE, in the order given */
	const char	*log[LOGRUN_MAX];
	bool		 log_follow[LOGRUN_MAX];
	size_t		 nlog;
	bool		 log_offset_set;
	double		 log_offset;	/* seconds: log clock - capture's */
	bool		 no_record;
	const char	*record_dir;	/* given: record any run, files too */
	long		 record_kb;	/* a ring file's size, < 0: default */
	long		 record_files;	/* < 0: default */
};

enum {
	OPT_FOLLOW = 256,
	OPT_LIST,
	OPT_FRAMES,
	OPT_REPORT,
	OPT_SLA,
	OPT_KEYS,
	OPT_REPLAY,
	OPT_DEMO,
	OPT_DURATION,
	OPT_NO_BELL,
	OPT_BELL,
	OPT_HARD_ROAM_WINDOW,
	OPT_MAX_CLIENTS,
	OPT_MAX_ROAMS,
	OPT_ROAM_MEMORY,
	OPT_VERSION,
	OPT_LOG,
	OPT_LOG_OFFSET,
	OPT_LOG_FOLLOW,
	OPT_NO_RECORD,
	OPT_RECORD_DIR,
	OPT_RECORD_SIZE,
	OPT_RECORD_FILES,
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
	{ "keys",		required_argument,	NULL, OPT_KEYS },
	{ "replay",		optional_argument,	NULL, OPT_REPLAY },
	{ "demo",		no_argument,		NULL, OPT_DEMO },
	{ "duration",		required_argument,	NULL, OPT_DURATION },
	{ "no-bell",		no_argument,		NULL, OPT_NO_BELL },
	{ "bell",		no_argument,		NULL, OPT_BELL },
	{ "hard-roam-window",	required_argument,	NULL,
	    OPT_HARD_ROAM_WINDOW },
	{ "max-clients",	required_argument,	NULL, OPT_MAX_CLIENTS },
	{ "max-roams",		required_argument,	NULL, OPT_MAX_ROAMS },
	{ "roam-memory",	required_argument,	NULL, OPT_ROAM_MEMORY },
	{ "version",		no_argument,		NULL, OPT_VERSION },
	{ "log",		required_argument,	NULL, OPT_LOG },
	{ "log-offset",		required_argument,	NULL, OPT_LOG_OFFSET },
	{ "log-follow",		required_argument,	NULL, OPT_LOG_FOLLOW },
	{ "no-record",		no_argument,		NULL, OPT_NO_RECORD },
	{ "record-dir",		required_argument,	NULL, OPT_RECORD_DIR },
	{ "record-size",	required_argument,	NULL, OPT_RECORD_SIZE },
	{ "record-files",	required_argument,	NULL, OPT_RECORD_FILES },
	{ "help",		optional_argument,	NULL, 'h' },
	{ NULL,			0,			NULL, 0 }
};

static volatile sig_atomic_t	 got_stop;	/* SIGINT/SIGTERM/SIGHUP */
static volatile sig_atomic_t	 got_alarm;	/* --duration elapsed */
static volatile sig_atomic_t	 tui_up;
static volatile int64_t		 stop_at;	/* when got_stop was set, ns */
static uint64_t			 notes_seen;	/* cap_note_next's */
static bool			 wfail_said;

static void	usage(FILE *);
static void	usage_short(FILE *);
static int	die(int, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
static int	parse_args(int, char **, struct opts *);
static bool	parse_double(const char *, double, double, double *);
static bool	parse_long(const char *, long, long, long *);
static bool	parse_size(const char *, long *);
static const char *find_demo(char *, size_t);
static void	on_stop(int);
static void	on_alarm(int);
static void	on_fatal(int);
static void	install_signals(void);
static int	source_errors(struct cap *);
static int	read_sla(const char *, char **, char *, size_t);
static int	run_headless(struct cap *, struct eng *, const struct opts *,
		    bool, struct logrun *);
static int	load_keys(const char *, struct ks_store **);
static void	say_key_notes(void);

/* --keys: the key store and the tracker between the capture and the
 * engine (NULL without --keys). */
static struct ks_store		*kstore;
static struct keyfeed		*kfeed;
static struct rec *start_recorder(const struct opts *, bool, bool);
static void	say_rec_notes(void);

/* The recorder of this run (rec.h), NULL when it records nothing. */
static struct rec	*recorder;
static uint64_t		 rec_notes_seen;

static void
usage(FILE *f)
{
	const double	 mib = 1024.0 * 1024.0;

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
"      --roam-memory MIB   keep settled roams in at most MIB MiB, packed;\n"
"                          the oldest dropped beyond (default 24; 0: no bound)\n"
"\n"
"Infrastructure logs (put on the roams, with --report; see doc/report.md):\n"
"      --log [FORMAT:]FILE a controller, AP or client log (repeatable):\n"
"                          Cisco AireOS debug client, Catalyst 9800 RA trace,\n"
"                          hostapd, wpa_supplicant; the format is detected,\n"
"                          FORMAT (aireos, c9800, hostapd, wpas) forces it;\n"
"                          with no capture source: the log alone\n"
"      --log-follow FILE   a log that is still being written (syslog)\n"
"      --log-offset SECONDS\n"
"                          the log's clock minus the capture's, instead of\n"
"                          the offset found from events both show\n"
"With the network's keys:\n"
"      --keys FILE         passphrases, PSKs/PMKs, MSKs or TKs, one a line in\n"
"                          Wireshark's forms (wpa-pwd:PASS[:SSID], wpa-psk:HEX,\n"
"                          msk:HEX, tk:HEX): prove each handshake's keys right\n"
"                          or wrong, and decrypt what PMF hides (see roamscope(1))\n"
"Recording (live runs, unless -w): a ring of pcapng files and one file per\n"
"failed roam (+-10 s) in $XDG_STATE_HOME/roamscope (~/.local/state/roamscope):\n"
"      --record-dir DIR    record there instead (also when reading files)\n"
"      --record-size MB    a ring file's size (default 16; 512k for kB)\n"
"      --record-files N    ring files kept, the oldest removed (default 8)\n"
"      --no-record         record nothing\n"
"\n"
"  -h, --help[=all]        the short help; all: this one\n"
"      --version           print the version\n"
"\n"
"Exit status: 0 ok, 1 usage, 2 permission, 3 a roam failed (--report),\n"
"4 no such file, 5 not a capture, 6 link type, 7 truncated, 8 interface,\n"
"9 netlink, 10 --sla, 11 cannot write (-w or the output), 12 --log file,\n"
"13 --keys, "
"70 internal.\n"
"See roamscope(1).\n");
	fprintf(f, "\n"
"Memory: each live source (-i, -m) buffers %.0f MiB of frames, each file or\n"
"stream %.1f MiB (files wait for the analysis; live capture cannot).\n",
	    (double)cap_ring_bytes(true) / mib,
	    (double)cap_ring_bytes(false) / mib);
}

/* -h, --help: what fits a 24-line terminal; --help=all the rest. */
static void
usage_short(FILE *f)
{
	fprintf(f,
"usage: roamscope [options] -r FILE | -i IFACE | -m RADIO[:CH[:WIDTH]] | --demo\n"
"Watch Wi-Fi clients roam: 802.11k/v/r phases, timings and failures.\n"
"\n"
"  -r FILE          read a pcap/pcapng file; \"-\" a stream on stdin (the\n"
"                   screen's keys then come from the terminal)\n"
"  --follow FILE    a file still being written\n"
"  -i IFACE         capture on a monitor-mode interface\n"
"  -m RADIO[:CHANNEL[:WIDTH]]  create, tune and capture on a monitor interface\n"
"  --demo, --list   the bundled demo; radios, interfaces and channels\n"
"  -w FILE          also write every frame to a pcapng FILE\n"
"  --report[=text|json|csv], --frames[=all]   headless output\n"
"  --sla FILE       WARN/FAIL thresholds     --replay[=SPEED]  pace files\n"
"  --log [FORMAT:]FILE  a controller, AP or client log put on the roams\n"
"  --keys FILE      the network's keys: prove the handshakes, decrypt PMF\n"
"  -h, --help       this help; --help=all every option; man roamscope\n"
"\n"
"Examples:\n"
"  roamscope -r walk.pcapng\n"
"  ssh sensor tcpdump -i mon0 -U -w - | roamscope -r -\n"
"  roamscope -r <(ssh s1 tcpdump -i mon0 -U -w -) -r <(ssh s2 tcpdump ...)\n"
"  sudo roamscope -m phy1:36 -m phy2:1\n"
"\n"
"Keys: ? help  q quit  n/N failures  Enter drill  f follow  / filter  p pause\n");
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

/* After --help or --version: what reached stdout, checked (a full disk,
 * a closed pipe). */
static int
stdout_done(void)
{
	if (fflush(stdout) != 0 || ferror(stdout))
		return (die(RS_EXIT_WRITE, "cannot write the output: %s",
		    strerror(errno)));
	return (RS_EXIT_OK);
}

/*
 * "--rep": getopt_long says only that it is not an option; say which
 * ones it could be.  True when arg (--name or --name=value) is a prefix
 * of several long options, their names (", "-separated) in out.
 */
static bool
ambiguous(const char *arg, char *out, size_t len)
{
	const struct option	*lo;
	size_t			 n, o = 0;
	int			 hits = 0;

	if (strncmp(arg, "--", 2) != 0)
		return (false);
	arg += 2;
	n = strcspn(arg, "=");
	out[0] = '\0';
	for (lo = longopts; lo->name != NULL; lo++) {
		if (strncmp(lo->name, arg, n) != 0)
			continue;
		if (strlen(lo->name) == n)
			return (false);		/* an exact name */
		if (o < len)
			o += (size_t)snprintf(out + o, len - o, "%s--%s",
			    hits ? " or " : "", lo->name);
		hits++;
	}
	return (hits > 1);
}

/*
 * Returns 0 to go on, or an exit code + 1 (so that "exit 0 now", after
 * --help or --version, can be told from "go on").
 */
static int
parse_args(int argc, char **argv, struct opts *o)
{
	const char	*bad;
	char		 cands[256];
	int		 ch, code;

	memset(o, 0, sizeof *o);
	o->replay = 1.0;
	o->bell = -1;
	o->hard_roam_window = -1;
	o->max_clients = -1;
	o->max_roams = -1;
	o->roam_memory = -1;
	o->record_kb = -1;
	o->record_files = -1;

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
			if (o->write_path != NULL) {
				code = die(RS_EXIT_USAGE, "-w given twice (%s "
				    "and %s): give one file", o->write_path,
				    optarg);
				return (code + 1);
			}
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
		case OPT_KEYS:
			o->keys_path = optarg;
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
		case OPT_ROAM_MEMORY:
			if (!parse_long(optarg, 0, 1 << 20, &o->roam_memory)) {
				code = die(RS_EXIT_USAGE, "--roam-memory %s: "
				    "not a number of MiB from 0 to 1048576",
				    optarg);
				return (code + 1);
			}
			break;
		case OPT_LOG:
		case OPT_LOG_FOLLOW:
			if (o->nlog >= LOGRUN_MAX) {
				code = die(RS_EXIT_USAGE, "--log %s: at most "
				    "%d logs; merge some of them first",
				    optarg, LOGRUN_MAX);
				return (code + 1);
			}
			if (*optarg == '\0') {
				code = die(RS_EXIT_USAGE, "--log needs a file "
				    "name ([FORMAT:]FILE)");
				return (code + 1);
			}
			o->log_follow[o->nlog] = ch == OPT_LOG_FOLLOW;
			o->log[o->nlog++] = optarg;
			break;
		case OPT_LOG_OFFSET:
			if (!parse_double(optarg, -1e7, 1e7, &o->log_offset)) {
				code = die(RS_EXIT_USAGE, "--log-offset %s: not "
				    "a number of seconds (the log's clock minus "
				    "the capture's, e.g. -3600 or 0.25)", optarg);
				return (code + 1);
			}
			o->log_offset_set = true;
			break;
		case OPT_NO_RECORD:
			o->no_record = true;
			break;
		case OPT_RECORD_DIR:
			o->record_dir = optarg;
			break;
		case OPT_RECORD_SIZE:
			if (!parse_size(optarg, &o->record_kb)) {
				code = die(RS_EXIT_USAGE, "--record-size %s: "
				    "not a size; give MB (16), or kB with k "
				    "(512k), at least 64k", optarg);
				return (code + 1);
			}
			break;
		case OPT_RECORD_FILES:
			if (!parse_long(optarg, 1, 100000,
			    &o->record_files)) {
				code = die(RS_EXIT_USAGE, "--record-files %s: "
				    "not a whole number above 0", optarg);
				return (code + 1);
			}
			break;
		case OPT_VERSION:
			printf("roamscope %s\n", PACKAGE_VERSION);
			return (stdout_done() + 1);
		case 'h':
			if (optarg != NULL && strcmp(optarg, "all") != 0)
				return (die(RS_EXIT_USAGE, "--help=%s: the "
				    "long form is --help=all", optarg) + 1);
			if (optarg != NULL)
				usage(stdout);
			else
				usage_short(stdout);
			return (stdout_done() + 1);
		case ':':
			bad = argv[optind - 1];
			code = die(RS_EXIT_USAGE, "%s needs a value; see "
			    "roamscope --help", bad);
			return (code + 1);
		default:
			if (optopt != 0 && optopt < 256)
				code = die(RS_EXIT_USAGE, "unknown option -%c; "
				    "see roamscope --help", optopt);
			else if (ambiguous(argv[optind - 1], cands,
			    sizeof cands))
				code = die(RS_EXIT_USAGE, "option %s is "
				    "ambiguous: it could be %s; give more of "
				    "it", argv[optind - 1], cands);
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

/*
 * A stop signal ends the run as its end of input would: the report of
 * what was read, the exit status of a normal end.  A second one within a
 * second is the same request (a terminal's Ctrl-C and a supervisor's
 * signal together); one later than that means "now": clean up what we
 * created and go, without the report.
 */
static void
on_stop(int sig)
{
	int64_t	 now = rs_mono_ns();	/* clock_gettime: signal-safe */

	if (got_stop) {
		if (now - stop_at < 1000000000LL)
			return;
		if (tui_up)
			tui_emergency_restore();
		cap_emergency_cleanup();
		signal(sig, SIG_DFL);
		raise(sig);
		_exit(128 + sig);
	}
	stop_at = now;
	got_stop = sig;
}

static void
on_alarm(int sig)
{
	(void)sig;
	got_alarm = 1;
	/* The TUI quits the way a user would. */
	if (tui_up && !got_stop) {
		stop_at = rs_mono_ns();
		got_stop = SIGALRM;
	}
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

/*
 * As early as the program runs (a constructor: before main), so that a
 * stop signal at any moment after start, even while interfaces are being
 * created, ends in a normal end.  Inherited dispositions do not matter (a
 * background job of a non-interactive shell starts with SIGINT ignored).
 * No SA_RESTART: a blocking open of a FIFO for -w returns, and the signal
 * is looked at.
 */
static void __attribute__((constructor))
install_signals(void)
{
	struct sigaction	 sa;
	static const int	 fatal[] = {
		SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT
	};
	static const int	 stop[] = { SIGINT, SIGTERM, SIGHUP };
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

	sa.sa_handler = on_stop;
	for (i = 0; i < sizeof stop / sizeof stop[0]; i++)
		sigaddset(&sa.sa_mask, stop[i]);
	for (i = 0; i < sizeof stop / sizeof stop[0]; i++)
		sigaction(stop[i], &sa, NULL);
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

/*
 * --sla FILE, read here so that a file that cannot be read says so with
 * its own error (exit 4), and text that is no profile says what it is.
 */
static int
read_sla(const char *path, char **text, char *err, size_t errlen)
{
	FILE		*f;
	struct stat	 st;
	char		*buf;
	size_t		 n = 0, line = 1, i;

	*text = NULL;
	if ((f = fopen(path, "r")) == NULL) {
		snprintf(err, errlen, "--sla %s: %s", path, strerror(errno));
		return (RS_EXIT_NOFILE);
	}
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(f);
		snprintf(err, errlen, "--sla %s is a directory: give the "
		    "profile file inside it", path);
		return (RS_EXIT_NOFILE);
	}
	if ((buf = malloc(SLA_MAX + 1)) == NULL) {
		fclose(f);
		snprintf(err, errlen, "out of memory");
		return (RS_EXIT_INTERNAL);
	}
	n = fread(buf, 1, SLA_MAX + 1, f);
	if (ferror(f)) {
		snprintf(err, errlen, "--sla %s: %s", path, strerror(errno));
		fclose(f);
		free(buf);
		return (RS_EXIT_NOFILE);
	}
	fclose(f);
	if (n > SLA_MAX) {
		snprintf(err, errlen, "--sla %s: larger than %d bytes: it is "
		    "not a profile", path, SLA_MAX);
		free(buf);
		return (RS_EXIT_SLA);
	}
	if ((n >= 2 && ((uint8_t)buf[0] == 0xff && (uint8_t)buf[1] == 0xfe)) ||
	    (n >= 2 && (uint8_t)buf[0] == 0xfe && (uint8_t)buf[1] == 0xff)) {
		snprintf(err, errlen, "%s is UTF-16 text: save it as UTF-8 "
		    "(or ASCII)", path);
		free(buf);
		return (RS_EXIT_SLA);
	}
	if (n >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) {
		snprintf(err, errlen, "%s starts with a UTF-8 byte order mark: "
		    "save it without one (plain UTF-8 or ASCII)", path);
		free(buf);
		return (RS_EXIT_SLA);
	}
	for (i = 0; i < n; i++) {
		if (buf[i] == '\n')
			line++;
		else if (buf[i] == '\0') {
			snprintf(err, errlen, "%s:%zu: a NUL byte: a profile "
			    "is text (key = value lines)", path, line);
			free(buf);
			return (RS_EXIT_SLA);
		}
	}
	buf[n] = '\0';
	*text = buf;
	return (RS_EXIT_OK);
}

/* --frames: each record as it is fed; the logs' air events too. */
struct frames_out {
	bool		 frames;
	bool		 all;
	bool		 err;
	int		 err_no;
	struct logrun	*logs;
};

static void
frames_each(void *arg, const struct rs_rec *rec)
{
	struct frames_out	*fo = arg;

	if (fo->logs != NULL)
		logrun_frame(fo->logs, rec);
	if (!fo->frames || fo->err)
		return;
	frames_print(stdout, rec, fo->all);
	if (ferror(stdout)) {
		fo->err = true;
		fo->err_no = errno;
	}
}

/* The capture's notes and the first -w failure, on stderr as they come. */
static void
say_notes(struct cap *cap)
{
	char	 buf[256];

	while (cap_note_next(cap, &notes_seen, buf, sizeof buf))
		die(0, "note: %s", buf);
	if (!wfail_said && cap_write_failed(cap, buf, sizeof buf)) {
		wfail_said = true;
		die(RS_EXIT_WRITE, "-w %s; capture and analysis go on", buf);
	}
}

/* Whether a --log reads stdin ("-" or "FORMAT:-"). */
static bool
log_stdin(const struct opts *o)
{
	size_t	 i, n;

	for (i = 0; i < o->nlog; i++) {
		n = strlen(o->log[i]);
		if (strcmp(o->log[i], "-") == 0 ||
		    (n >= 2 && strcmp(o->log[i] + n - 2, ":-") == 0))
			return (true);
	}
	return (false);
}

/* A --log file's note, on stderr. */
static void
log_note(void *arg, const char *s)
{
	(void)arg;
	die(0, "%s", s);
}

/* Records read but neither fed nor counted as copies (a stop's backlog). */
static uint64_t
unfed(struct cap *cap, const struct feed *f)
{
	struct cap_source_info	 si;
	uint64_t		 got = 0;
	size_t			 i;

	for (i = 0; i < cap_nsources(cap); i++) {
		cap_source_info(cap, i, &si);
		got += si.received - si.ring_drops - si.dups;
	}
	return (got > f->nrec ? got - f->nrec : 0);
}

static int
run_headless(struct cap *cap, struct eng *eng, const struct opts *o,
    bool streaming, struct logrun *logs)
{
	struct feed		 feed;
	struct frames_out	 fo = { o->frames, o->frames_all, false, 0,
				    logs };
	enum feed_rc		 fr;
	char			 note[256];
	int64_t			 deadline = 0, drain_end = 0;
	uint64_t		 left = 0;
	unsigned		 k = 0;
	int			 src_rc, out_rc = RS_EXIT_OK;
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
	/* the text report and CSV keep UTF-8 only for a UTF-8 terminal */
	text_locale_utf8();
	feed_init(&feed, cap, eng);
	feed.stop = &got_stop;
	if (kfeed != NULL) {
		feed.through = kf_feed;
		feed.through_arg = kfeed;
	}
	feed.rec = recorder;
	if (o->frames || logs != NULL) {
		feed.each = frames_each;
		feed.arg = &fo;
	}

	for (;;) {
		/*
		 * Asked to stop: stop the readers (at once: they poll a stop
		 * fd), then still use what they had already read (it is in
		 * -w too), so that the report and -w hold the same frames,
		 * unless that backlog takes longer than STOP_DRAIN_NS.
		 */
		if (!stopping && (got_stop ||
		    (deadline != 0 && rs_mono_ns() >= deadline))) {
			cap_stop(cap);
			stopping = true;
			feed.stop = NULL;
			drain_end = rs_mono_ns() + STOP_DRAIN_NS;
		}
		say_notes(cap);
		logrun_poll(logs);
		fr = feed_slice(&feed, stopping ? 0 : 100, SLICE_NS);
		if (fr == FEED_END || (stopping && fr == FEED_IDLE))
			break;
		if (stopping && rs_mono_ns() >= drain_end) {
			left = unfed(cap, &feed);
			break;
		}
		/* Nowhere to write and nothing to report: stop early. */
		if (fo.err && !o->report)
			break;
	}
	cap_stop(cap);
	feed_finish(&feed);
	say_notes(cap);
	logrun_finish(logs, eng, log_note, NULL);
	say_rec_notes();
	out_err = fo.err;
	out_errno = fo.err_no;

	if (o->report && !out_err)
		out_rc = report_write_logs(stdout, eng, cap, o->report_fmt,
		    logs);
	if ((fflush(stdout) != 0 || ferror(stdout)) && !out_err) {
		out_err = true;
		out_errno = errno;
	}

	/* Not errors: the input said so, and the output shows them. */
	while (feed_note(&feed, &k, note, sizeof note) != NULL)
		die(0, "%s", note);
	say_key_notes();
	if (left != 0)
		die(0, "note: stopped: %llu frames already read were not "
		    "analysed (they are in -w, if given)",
		    (unsigned long long)left);

	src_rc = source_errors(cap);
	if (src_rc != RS_EXIT_OK)
		return (src_rc);
	if (cap_write_failed(cap, NULL, 0))
		return (RS_EXIT_WRITE);
	if (out_err) {
		/* A reader that went away (| head) is not worth a word. */
		if (out_errno == EPIPE)
			return (RS_EXIT_OK);
		return (die(RS_EXIT_WRITE, "cannot write the output: %s; "
		    "check the disk or the pipe", strerror(out_errno)));
	}
	return (out_rc);
}

/*
 * The recorder: a live run without -w keeps its walk (a ring of files and
 * the failed roams' files) unless --no-record; --record-dir records any
 * run.  The screen always keeps the recent frames for `w`'s context.  A
 * directory that cannot be made is a note, not the end of the run.
 */
static struct rec *
start_recorder(const struct opts *o, bool live, bool headless)
{
	struct rec_conf	 rc;
	struct rec	*r;
	char		 dir[PATH_MAX], err[PATH_MAX + 128];
	bool		 on;

	on = !o->no_record && (o->record_dir != NULL ||
	    (live && o->write_path == NULL));
	if (!on && headless)
		return (NULL);
	rec_conf_defaults(&rc);
	if (o->record_kb > 0)
		rc.file_bytes = (uint64_t)o->record_kb << 10;
	if (o->record_files > 0)
		rc.files = (unsigned)o->record_files;
	rc.dir = on ? (o->record_dir != NULL ? o->record_dir :
	    rec_default_dir(dir, sizeof dir)) : NULL;
	if (on && rc.dir == NULL)
		die(0, "note: not recording: neither XDG_STATE_HOME nor HOME "
		    "is set; give --record-dir DIR");
	rc.ring = rc.failed = rc.dir != NULL;
	err[0] = '\0';
	if ((r = rec_new(&rc, err, sizeof err)) == NULL && rc.dir != NULL) {
		die(0, "note: not recording: %s", err);
		rc.dir = NULL;
		rc.ring = rc.failed = false;
		if (!headless)
			r = rec_new(&rc, err, sizeof err);
	}
	return (r);
}

/* What the recorder wrote, on stderr (after the screen is gone). */
static void
say_rec_notes(void)
{
	char	buf[PATH_MAX + 128];

	while (rec_note_next(recorder, &rec_notes_seen, buf, sizeof buf))
		die(0, "note: %s", buf);
}

/* "16" (MB), "16M" or "512k": kB in *kb, 64 kB to 1 TB. */
static bool
parse_size(const char *s, long *kb)
{
	char	*end;
	long	 v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || v <= 0)
		return (false);
	if (*end == '\0' || strcmp(end, "M") == 0 || strcmp(end, "m") == 0) {
		if (v > (1L << 20))
			return (false);
		v <<= 10;
	} else if (strcmp(end, "k") != 0 && strcmp(end, "K") != 0)
		return (false);
	if (v < 64 || v > (1L << 30))
		return (false);
	*kb = v;
	return (true);
}

/* Setup was cut short by a stop signal: end as a run with no input. */
static bool
stopped(void)
{
	return (got_stop != 0);
}

int
main(int argc, char **argv)
{
	struct opts		 o;
	struct eng_conf		 ec;
	struct tui_opts		 to;
	struct feed		 feed;
	struct cap		*cap = NULL;
	struct eng		*eng = NULL;
	struct logrun		*logs = NULL;
	char			 err[512], demo[PATH_MAX], note[256];
	char			*sla_text = NULL;
	const char		*path, *user;
	size_t			 i;
	unsigned		 k = 0;
	bool			 headless, files_only, streaming, w_stdout;
	int			 code, src_rc;

	if ((code = parse_args(argc, argv, &o)) != 0)
		return (code - 1);

	if (o.list) {
		if (o.nsrc != 0 || o.demo)
			return (die(RS_EXIT_USAGE, "--list takes no sources; "
			    "run it on its own"));
		if ((code = cap_list_radios(stdout, err, sizeof err)) != 0)
			return (die(code, "%s", err));
		return (stdout_done());
	}

	if (o.nsrc == 0 && !o.demo && o.nlog == 0)
		return (die(RS_EXIT_USAGE, "no capture source: give -r FILE, "
		    "-i IFACE, -m RADIO or --demo (see roamscope --help)"));
	if (o.nlog > 0 && o.frames && !o.report)
		return (die(RS_EXIT_USAGE, "--log is shown by the report and "
		    "the screen, not by --frames: add --report"));
	if (o.nlog > 0 && o.nsrc == 0 && !o.demo && !o.report)
		return (die(RS_EXIT_USAGE, "a log alone is shown by the "
		    "report: add --report (or give a capture to see it on the "
		    "screen)"));
	if (o.log_offset_set && o.nlog == 0)
		return (die(RS_EXIT_USAGE, "--log-offset applies to --log "
		    "files: give one with --log FILE"));
	w_stdout = o.write_path != NULL && strcmp(o.write_path, "-") == 0;
	headless = o.frames || o.report;
	if (w_stdout && headless)
		return (die(RS_EXIT_USAGE, "-w - writes the capture to stdout, "
		    "where --%s writes too: give -w a file", o.report ?
		    "report" : "frames"));
	if (w_stdout && isatty(STDOUT_FILENO))
		return (die(RS_EXIT_USAGE, "-w - would write the capture to "
		    "the terminal: pipe stdout (roamscope -w - ... | tshark "
		    "-r -), or give -w a file"));
	/* -w - alone: capture to stdout and nothing else, as tcpdump -w - */
	if (w_stdout)
		headless = true;
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
		if (o.src[i].kind == SRC_FILE &&
		    strcmp(o.src[i].arg, "-") == 0 && log_stdin(&o))
			return (die(RS_EXIT_USAGE, "-r - and --log - both read "
			    "stdin: give one of them a file"));
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
	if (o.roam_memory >= 0)
		ec.roam_store_bytes = (size_t)o.roam_memory << 20;
	if (o.sla_path != NULL) {
		err[0] = '\0';
		if ((code = read_sla(o.sla_path, &sla_text, err,
		    sizeof err)) != 0)
			return (die(code, "%s", err));
		ec.sla_path = o.sla_path;
		ec.sla_text = sla_text;
	}
	if (o.keys_path != NULL) {
		if ((code = load_keys(o.keys_path, &kstore)) != RS_EXIT_OK) {
			free(sla_text);
			return (code);
		}
		if ((kfeed = kf_new(kstore, o.keys_path)) == NULL) {
			free(sla_text);
			return (die(RS_EXIT_INTERNAL, "out of memory"));
		}
	}
	err[0] = '\0';
	eng = eng_new(&ec, err, sizeof err);
	free(sla_text);
	if (eng == NULL) {
		if (err[0] == '\0')
			snprintf(err, sizeof err, "cannot start the roam "
			    "engine");
		if (o.sla_path != NULL)
			return (die(RS_EXIT_SLA, "%s; fix that line (the "
			    "format is in roamscope(1), --sla)", err));
		return (die(RS_EXIT_INTERNAL, "%s", err));
	}

	if ((cap = cap_new()) == NULL || (logs = logrun_new()) == NULL) {
		cap_free(cap);
		eng_free(eng);
		return (die(RS_EXIT_INTERNAL, "out of memory"));
	}
	/* the logs first: one that cannot be opened stops before any input */
	for (i = 0; i < o.nlog; i++) {
		err[0] = '\0';
		if ((code = logrun_add(logs, o.log[i], o.log_follow[i], err,
		    sizeof err)) != RS_EXIT_OK) {
			die(code, "%s", err[0] != '\0' ? err : o.log[i]);
			goto out;
		}
	}
	if (o.log_offset_set)
		logrun_set_offset(logs, (int64_t)(o.log_offset * 1e9));
	atexit(cap_emergency_cleanup);
	feed_init(&feed, cap, eng);
	if (kfeed != NULL) {
		feed.through = kf_feed;
		feed.through_arg = kfeed;
	}

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
	for (i = 0; i < o.nsrc && !stopped(); i++) {
		err[0] = '\0';
		switch (o.src[i].kind) {
		case SRC_FILE:
		case SRC_FOLLOW:
			if (strcmp(o.src[i].arg, "-") == 0 &&
			    isatty(STDIN_FILENO))
				die(0, "note: -r - reads a capture from "
				    "stdin, which is a terminal: waiting for "
				    "one (pipe it in: tcpdump -w - | roamscope "
				    "-r - ...)");
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
		if (code != 0 && stopped())
			break;
		if (code != 0) {
			die(code, "%s", err[0] != '\0' ? err : o.src[i].arg);
			goto out;
		}
	}
	/* what setting up the sources had to say (leftovers removed) */
	say_notes(cap);
	if (o.replay_set)
		streaming = true;
	cap_set_replay(cap, o.replay_set ? o.replay : 0);

	if (o.write_path != NULL && !stopped()) {
		if (cap_writer_waits(cap, o.write_path))
			die(0, "note: -w %s is a FIFO with no reader yet: "
			    "waiting for one to open it", o.write_path);
		err[0] = '\0';
		code = cap_set_writer(cap, o.write_path, err, sizeof err);
		if (code != 0 && !stopped()) {
			die(code, "%s", err[0] != '\0' ? err : o.write_path);
			goto out;
		}
	}

	code = RS_EXIT_OK;
	err[0] = '\0';
	if (!stopped() && (code = cap_start(cap, err, sizeof err)) != 0) {
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
		if ((code = cap_drop_privileges(cap, user, err,
		    sizeof err)) != 0) {
			die(code, "%s", err[0] != '\0' ? err : user);
			cap_stop(cap);
			goto out;
		}
	}

	recorder = start_recorder(&o, !files_only, headless);
	if (headless) {
		code = run_headless(cap, eng, &o, streaming,
		    logrun_count(logs) > 0 ? logs : NULL);
		goto out;
	}
	if (stopped())
		goto out;
	memset(&to, 0, sizeof to);
	to.bell = o.bell >= 0 ? o.bell == 1 : !files_only;
	to.replay = o.replay_set && files_only;
	to.write_dir = NULL;
	to.rec = recorder;
	feed.rec = recorder;
	feed.stop = &got_stop;
	to.feed = &feed;
	to.stop = &got_stop;
	to.logs = logrun_count(logs) > 0 ? logs : NULL;
	if (o.duration > 0)
		alarm((unsigned)ceil(o.duration));
	tui_up = 1;
	code = tui_run(cap, eng, &to);
	tui_up = 0;
	cap_stop(cap);
	/* the logs' notes, shown on the screen, again on stderr */
	for (i = 0; logrun_note(logs, i) != NULL; i++)
		die(0, "%s", logrun_note(logs, i));
	/* q on a live run: the failed roams waiting get what there is */
	rec_finish(recorder, eng);
	say_rec_notes();
	/* What the screen said, and a broken file, after it is gone. */
	while (feed_note(&feed, &k, note, sizeof note) != NULL)
		die(0, "%s", note);
	say_key_notes();
	if ((src_rc = source_errors(cap)) != RS_EXIT_OK)
		code = src_rc;
	else if (cap_write_failed(cap, err, sizeof err))
		code = die(RS_EXIT_WRITE, "-w %s", err);

out:
	rec_free(recorder);
	recorder = NULL;
	cap_free(cap);
	logrun_free(logs);
	eng_free(eng);
	kf_free(kfeed);
	ks_store_free(kstore);
	return (code);
}

/*
 * --keys FILE: a file that cannot be read is 4 (as any file), a bad line
 * 12 with FILE:LINE and why; a world-readable one loads with a warning.
 */
static int
load_keys(const char *path, struct ks_store **stp)
{
	struct ks_store	*st;
	struct ks_load	 ld;
	struct stat	 sb;

	if ((st = ks_store_new()) == NULL)
		return (die(RS_EXIT_INTERNAL, "out of memory"));
	memset(&ld, 0, sizeof ld);
	if (ks_store_load(st, path, &ld) != 0) {
		ks_store_free(st);
		if (stat(path, &sb) != 0 || S_ISDIR(sb.st_mode) ||
		    access(path, R_OK) != 0)
			return (die(RS_EXIT_NOFILE, "--keys %s", ld.err));
		return (die(RS_EXIT_KEYS, "--keys %s; fix that line (key "
		    "types in roamscope(1), --keys)", ld.err));
	}
	if (ld.warn[0] != '\0')
		die(0, "warning: --keys %s", ld.warn);
	if (ld.n_keys == 0) {
		ks_store_free(st);
		return (die(RS_EXIT_KEYS, "--keys %s: no key in it (%u line%s "
		    "of a type not used here): give wpa-pwd, wpa-psk, msk or "
		    "tk lines", path, ld.n_skipped, ld.n_skipped == 1 ? "" :
		    "s"));
	}
	*stp = st;
	return (RS_EXIT_OK);
}

/* What the keys did, once, at the end. */
static void
say_key_notes(void)
{
	char		 buf[512];
	unsigned	 k = 0;

	if (kfeed == NULL)
		return;
	while (kf_note(kfeed, &k, buf, sizeof buf) != NULL)
		die(0, "%s", buf);
}
