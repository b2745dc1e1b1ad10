/*
 * bench_goals.c -- the speed goals of roamscope as a whole program, each
 * beside a plain libpcap read loop (pcap_next_ex, touching each record)
 * over the same file in the same run.  Whole processes, started in turn
 * (read loop, roamscope, ...) so that a busy machine slows both alike;
 * medians of the runs.
 *
 *   offline  roamscope -r FILE --report=json: its frame rate as a share
 *	      of the read loop's (goal >= 0.6)
 *   frames   what --frames adds to --report=json, against the JSON
 *	      writing itself (parse every record, then again with
 *	      frames_print into /dev/null: the difference) (goal: no more)
 *   screen   the TUI under a pseudo-terminal: from the start to its first
 *	      screen, which must show how far the file is read (goal
 *	      <= 50 ms); the read loop's time for the whole file beside
 *   memory   peak RSS of roamscope -r - fed bench/gen's stream of N frames
 *	      of 1,000 clients, for N of 2.5, 10, 20 and 40 million (goal
 *	      <= 64 MiB at 10 million, and no growth past the bounds: 40
 *	      within 2 MiB of 20)
 *
 * usage: bench_goals [-n runs] [-m frames] ROAMSCOPE GEN FILE [goal ...]
 *	  bench_goals --read-loop FILE		(the read loop itself)
 */
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <pcap/pcap.h>

#include "frames.h"
#include "readloop.h"
#include "record.h"
#include "rs.h"

#define MAXRUNS		21

extern char	**environ;

static const char	*self, *rs, *gen, *file;
static int		 runs = 5;
static unsigned long	 mem_frames = 10000000;
static uint64_t		 nframes;	/* records of FILE */

struct run {
	double		 secs;
	double		 cpu;		/* user + system, all threads */
	long		 maxrss_kib;
	int		 status;
};

static double
secs_since(int64_t t0)
{
	return (double)(rs_mono_ns() - t0) / 1e9;
}

static int
dcmp(const void *a, const void *b)
{
	double	 x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double
median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, dcmp);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* The read loop (readloop.h), as a process of its own. */
static int
read_loop(const char *path)
{
	uint64_t	 n, sum;

	n = bench_read_loop(path, &sum);
	printf("%llu %llu\n", (unsigned long long)n, (unsigned long long)sum);
	return 0;
}

/* argv run to its end, stdin from in_fd (-1: as ours), stdout to
 * /dev/null; its time and peak memory. */
static struct run
spawn(char *const *argv, int in_fd)
{
	posix_spawn_file_actions_t	 fa;
	struct rusage			 ru;
	struct run			 r;
	int64_t				 t0;
	pid_t				 pid;
	int				 rc;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	if (in_fd != -1)
		posix_spawn_file_actions_adddup2(&fa, in_fd, 0);
	t0 = rs_mono_ns();
	if ((rc = posix_spawn(&pid, argv[0], &fa, NULL, argv, environ)) != 0)
		errno = rc, err(1, "%s", argv[0]);
	posix_spawn_file_actions_destroy(&fa);
	if (in_fd != -1)
		close(in_fd);
	if (wait4(pid, &r.status, 0, &ru) != pid)
		err(1, "wait4");
	r.secs = secs_since(t0);
	r.cpu = ru.ru_utime.tv_sec + ru.ru_stime.tv_sec +
	    (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
	r.maxrss_kib = ru.ru_maxrss;
	return r;
}

static struct run
run_loop(const char *path)
{
	char	*argv[] = { (char *)self, "--read-loop", (char *)path, NULL };

	return spawn(argv, -1);
}

static struct run
run_rs(const char *output)
{
	char	*argv[] = { (char *)rs, "-r", (char *)file, (char *)output,
		    NULL };
	struct run r = spawn(argv, -1);

	/* 0, or 3: a roam failed (the mix has failed roams) */
	if (!WIFEXITED(r.status) || (WEXITSTATUS(r.status) != 0 &&
	    WEXITSTATUS(r.status) != 3))
		errx(1, "%s -r %s %s: status %d", rs, file, output, r.status);
	return r;
}

static void
count_frames(void)
{
	uint64_t	 sum;

	nframes = bench_read_loop(file, &sum);
}

/* The machine's load: other work slows both sides of each pair. */
static void
say_load(const char *when)
{
	char	 buf[128];
	FILE	*f;

	if ((f = fopen("/proc/loadavg", "r")) == NULL)
		return;
	if (fgets(buf, sizeof buf, f) != NULL)
		printf("load average %s: %s", when, buf);
	fclose(f);
}

static const char *
verdict(int ok)
{
	return ok ? "ok" : "NOT MET";
}

/*
 * Wall time decides (the goal is the user's wait); the CPU time of each
 * process is shown beside it: on a machine shared with other work the
 * wall times say how much of the CPUs each got as much as how fast it is.
 */
static void
goal_offline(void)
{
	double		 tl[MAXRUNS], tr[MAXRUNS], q[MAXRUNS];
	double		 cl[MAXRUNS], cr[MAXRUNS], ml, mr, mq, mcl, mcr;
	struct run	 r;
	int		 i;

	for (i = 0; i < runs; i++) {
		r = run_loop(file);
		tl[i] = r.secs;
		cl[i] = r.cpu;
		r = run_rs("--report=json");
		tr[i] = r.secs;
		cr[i] = r.cpu;
		q[i] = tl[i] / tr[i];
	}
	mq = median(q, runs);
	ml = median(tl, runs);
	mr = median(tr, runs);
	mcl = median(cl, runs);
	mcr = median(cr, runs);
	printf("goal offline: roamscope -r --report=json %.3f s = %.2f M "
	    "frames/s (CPU %.3f s); read loop %.3f s = %.2f M frames/s (CPU "
	    "%.3f s); rate %.2f of the read loop's (median of %d alternated "
	    "pairs; goal >= 0.6): %s\n", mr, nframes / mr / 1e6, mcr, ml,
	    nframes / ml / 1e6, mcl, mq, runs, verdict(mq >= 0.6));
}

/* Parse every record of FILE, and again printing its --frames line: the
 * second pass's extra time is the JSON writing. */
static double
json_alone(void)
{
	static struct rs_rec	 rec;
	char			 eb[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr	*h;
	const u_char		*d;
	pcap_t			*p;
	FILE			*out;
	double			 t[2];
	int64_t			 t0;
	int			 pass;

	if ((out = fopen("/dev/null", "w")) == NULL)
		err(1, "/dev/null");
	for (pass = 0; pass < 2; pass++) {
		if ((p = pcap_open_offline(file, eb)) == NULL)
			errx(1, "%s", eb);
		rec.dlt = pcap_datalink(p);
		rec.n = 0;
		t0 = rs_mono_ns();
		while (pcap_next_ex(p, &h, &d) == 1) {
			rec.n++;
			rec.ts_ns = (int64_t)h->ts.tv_sec * 1000000000LL +
			    (int64_t)h->ts.tv_usec * 1000;
			rec.caplen = h->caplen;
			rec.origlen = h->len;
			rec.raw = d;
			d11_parse(rec.dlt, d, h->caplen, &rec.f);
			if (pass == 1)
				frames_print(out, &rec, false);
		}
		fflush(out);
		t[pass] = secs_since(t0);
		pcap_close(p);
	}
	fclose(out);
	return t[1] - t[0];
}

static void
goal_frames(void)
{
	double	 tl[MAXRUNS], tr[MAXRUNS], tf[MAXRUNS], tj[MAXRUNS];
	double	 ml, mr, mf, mj;
	int	 i;

	for (i = 0; i < runs; i++) {
		tl[i] = run_loop(file).secs;
		tr[i] = run_rs("--report=json").secs;
		tf[i] = run_rs("--frames").secs;
		tj[i] = json_alone();
	}
	ml = median(tl, runs);
	mr = median(tr, runs);
	mf = median(tf, runs);
	mj = median(tj, runs);
	printf("goal frames: --frames %.3f s, --report=json %.3f s: %.3f s "
	    "on top; the JSON writing itself %.3f s (%.0f ns a frame); read "
	    "loop %.3f s (goal: on top <= JSON writing): %s\n", mf, mr,
	    mf - mr, mj, mj / nframes * 1e9, ml, verdict(mf - mr <= mj));
}

/*
 * The TUI in a pseudo-terminal of 160x40: the time from the fork to the
 * first screen that shows the reading's progress ("READ n% ... fr/s"),
 * and n.  Then q.
 */
static double
first_screen(int *pct)
{
	struct winsize	 ws = { 40, 160, 0, 0 };
	char		 buf[65536], *at;
	size_t		 len = 0;
	struct pollfd	 pfd;
	double		 t = -1;
	int64_t		 t0;
	ssize_t		 n;
	pid_t		 pid;
	int		 fd, status;

	t0 = rs_mono_ns();
	if ((pid = forkpty(&fd, NULL, NULL, &ws)) == -1)
		err(1, "forkpty");
	if (pid == 0) {
		setenv("TERM", "xterm-256color", 1);
		setenv("LC_ALL", "C.UTF-8", 1);
		execl(rs, rs, "-r", file, (char *)NULL);
		_exit(127);
	}
	pfd.fd = fd;
	pfd.events = POLLIN;
	*pct = -1;
	while (t < 0 && secs_since(t0) < 10 && poll(&pfd, 1, 10000) > 0) {
		if ((n = read(fd, buf + len, sizeof buf - 1 - len)) <= 0)
			break;
		len += (size_t)n;
		buf[len] = '\0';
		if ((at = strstr(buf, "READ ")) != NULL &&
		    strstr(at, "fr/s") != NULL) {
			t = secs_since(t0);
			*pct = atoi(at + 5);
		}
		if (len > sizeof buf / 2) {
			memmove(buf, buf + len / 2, len - len / 2);
			len -= len / 2;
		}
	}
	if (write(fd, "q", 1) != 1)
		warn("write q");
	/* drain until it exits */
	while (poll(&pfd, 1, 5000) > 0 && read(fd, buf, sizeof buf) > 0)
		;
	close(fd);
	if (waitpid(pid, &status, 0) != pid)
		err(1, "waitpid");
	return t;
}

static void
goal_screen(void)
{
	double	 ts[MAXRUNS], tl[MAXRUNS], ms, ml;
	int	 i, pct[MAXRUNS], maxpct = 0;

	for (i = 0; i < runs; i++) {
		tl[i] = run_loop(file).secs;
		if ((ts[i] = first_screen(&pct[i])) < 0)
			errx(1, "no first screen with the progress "
			    "within 10 s");
		if (pct[i] > maxpct)
			maxpct = pct[i];
	}
	ms = median(ts, runs);
	ml = median(tl, runs);
	printf("goal screen: the TUI's first screen %.1f ms after start, "
	    "showing the file read to %d%% at most (drawn while reading); "
	    "read loop over the whole file %.1f ms (goal <= 50 ms): %s\n",
	    ms * 1e3, maxpct, ml * 1e3, verdict(ms <= 0.050 && maxpct < 100));
}

/* gen -n N -c 1000 - | CMD: CMD's run. */
static struct run
run_gen_into(unsigned long n, char *const *argv)
{
	char		 nb[32];
	char		*gargv[] = { (char *)gen, "-n", nb, "-c", "1000", "-",
			    NULL };
	posix_spawn_file_actions_t fa;
	struct run	 r;
	pid_t		 gpid;
	int		 p[2], st, rc;

	/* background frames; the roaming ones come on top (7 in 1,000) */
	snprintf(nb, sizeof nb, "%lu", n * 1000 / 1007);
	if (pipe(p) == -1)
		err(1, "pipe");
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, p[1], 1);
	posix_spawn_file_actions_addclose(&fa, p[0]);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	if ((rc = posix_spawn(&gpid, gen, &fa, NULL, gargv, environ)) != 0)
		errno = rc, err(1, "%s", gen);
	posix_spawn_file_actions_destroy(&fa);
	close(p[1]);
	r = spawn(argv, p[0]);
	if (waitpid(gpid, &st, 0) != gpid || !WIFEXITED(st) ||
	    WEXITSTATUS(st) != 0)
		errx(1, "%s failed", gen);
	return r;
}

static void
goal_memory(void)
{
	char		*rargv[] = { (char *)rs, "-r", "-", "--report=json",
			    NULL };
	char		*largv[] = { (char *)self, "--read-loop", "-", NULL };
	unsigned long	 n[4];
	double		 mib[4], lmib = 0, lsecs = 0, rsecs = 0;
	struct run	 r;
	int		 i;

	/* a quarter of the goal's count, the goal's, and twice and four
	 * times it: the engine's bounds (settled roams, the frame store) are
	 * all reached by twice, and from there the growth is flat */
	n[0] = mem_frames / 4;
	n[1] = mem_frames;
	n[2] = mem_frames * 2;
	n[3] = mem_frames * 4;
	for (i = 0; i < 4; i++) {
		r = run_gen_into(n[i], rargv);
		if (!WIFEXITED(r.status) || (WEXITSTATUS(r.status) != 0 &&
		    WEXITSTATUS(r.status) != 3))
			errx(1, "roamscope -r -: status %d", r.status);
		mib[i] = r.maxrss_kib / 1024.0;
		if (i == 1)
			rsecs = r.secs;
	}
	r = run_gen_into(n[1], largv);
	lmib = r.maxrss_kib / 1024.0;
	lsecs = r.secs;
	printf("goal memory: roamscope -r - over gen's stream of 1,000 "
	    "clients: peak RSS %.1f MiB at %.1f M frames, %.1f MiB at %.1f M "
	    "(%.1f s), %.1f MiB at %.1f M, %.1f MiB at %.1f M; read loop "
	    "%.1f MiB at %.1f M (%.1f s) (goal <= 64 MiB at %.1f M, flat: "
	    "the last two within 2 MiB): %s\n", mib[0], n[0] / 1e6, mib[1],
	    n[1] / 1e6, rsecs, mib[2], n[2] / 1e6, mib[3], n[3] / 1e6, lmib,
	    n[1] / 1e6, lsecs, n[1] / 1e6,
	    verdict(mib[1] <= 64 && mib[3] - mib[2] <= 2));
}

int
main(int argc, char **argv)
{
	int	 c, i;

	if (argc == 3 && strcmp(argv[1], "--read-loop") == 0)
		return read_loop(argv[2]);
	while ((c = getopt(argc, argv, "n:m:")) != -1) {
		switch (c) {
		case 'n':
			runs = atoi(optarg);
			if (runs < 1 || runs > MAXRUNS)
				errx(1, "-n: 1 to %d runs", MAXRUNS);
			break;
		case 'm':
			mem_frames = strtoul(optarg, NULL, 10);
			break;
		default:
			goto usage;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 3)
		goto usage;
	if ((self = realpath("/proc/self/exe", NULL)) == NULL)
		err(1, "/proc/self/exe");
	rs = argv[0];
	gen = argv[1];
	file = argv[2];
	signal(SIGPIPE, SIG_IGN);
	count_frames();
	say_load("before");
	for (i = 3; i < argc || argc == 3; i++) {
		const char *g = argc == 3 ? "all" : argv[i];
		int	 all = strcmp(g, "all") == 0;

		if (all || strcmp(g, "offline") == 0)
			goal_offline();
		if (all || strcmp(g, "frames") == 0)
			goal_frames();
		if (all || strcmp(g, "screen") == 0)
			goal_screen();
		if (all || strcmp(g, "memory") == 0)
			goal_memory();
		if (argc == 3)
			break;
	}
	say_load("after");
	return 0;

usage:
	fprintf(stderr, "usage: bench_goals [-n runs] [-m frames] ROAMSCOPE "
	    "GEN FILE [offline|frames|screen|memory ...]\n");
	return 2;
}
