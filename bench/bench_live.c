/*
 * bench_live.c -- the live path into the roam engine: a writer thread
 * pushes the mix's records into a pipe, a capture thread reads them, hands
 * them through its ring, and this thread feeds them to the engine with
 * the one read-and-feed loop main uses (feed.c).  Two sources:
 *
 *   pipe  "-r -" (capread.c): a stream waits for room, never drops; a
 *	   consumer that cannot keep up shows as the writer blocking, as it
 *	   would back up tcpdump -U -w -
 *   pcap  libpcap reading the pipe, as an interface (live.c): drops when
 *	   its ring is full, like an adapter
 *
 * Runs (the file LOOPS times where sustained): the pipe as fast as it goes
 * (goal: >= 2 M frames/s, nothing lost) and the pcap source offered 2.5 M
 * frames/s (goal: >= 2 M frames/s fed; the drops are shown); each offered
 * a fixed rate (default 200,000
 * frames/s; goal: 0 drops, done on schedule); then the pcap source with a
 * consumer made slower than the offer, where records must be dropped and
 * counted exactly: read = fed + dropped.  Beside them, a libpcap read loop
 * over the same file in the same run.
 *
 * usage: bench_live FILE.pcap [rate]
 */
#include <sys/resource.h>
#include <sys/stat.h>

#include <err.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <pcap/pcap.h>

#include "cap/cap_int.h"
#include "engine/engine.h"
#include "feed.h"
#include "readloop.h"
#include "rs.h"

#define LOOPS		3		/* full speed: the file 3 times */
#define SLOW_NS		2000		/* the slow consumer: per record */

struct writer {
	int		 fd;
	const uint8_t	*buf;
	size_t		 len;
	double		 rate;		/* frames/s, 0: full speed */
	int		 loops;
	uint64_t	 frames;
	double		 max_lag;	/* longest s blocked in one write */
};

static double
now(void)
{
	return (double)rs_mono_ns() / 1e9;
}

static void
put(int fd, const uint8_t *p, size_t n)
{
	ssize_t	 w;

	while (n > 0) {
		if ((w = write(fd, p, n)) <= 0)
			err(1, "write");
		p += w;
		n -= (size_t)w;
	}
}

static void *
writer(void *arg)
{
	struct writer	*wr = arg;
	size_t		 off, start;
	uint32_t	 caplen;
	double		 t0 = now(), due, t;
	int		 loop;

	/* classic pcap, host order (bench/gen writes it so) */
	put(wr->fd, wr->buf, 24);
	for (loop = 0; loop < wr->loops; loop++) {
		off = start = 24;
		while (off + 16 <= wr->len) {
			memcpy(&caplen, wr->buf + off + 8, 4);
			off += 16 + caplen;
			wr->frames++;
			/* write in batches of 256 frames, paced per batch */
			if (wr->frames % 256 != 0 && off + 16 <= wr->len)
				continue;
			if (wr->rate > 0) {
				due = t0 + wr->frames / wr->rate;
				if ((t = now()) < due) {
					struct timespec ts = { 0,
					    (long)((due - t) * 1e9) };

					nanosleep(&ts, NULL);
				}
			}
			/* back-pressure: time blocked writing to the pipe */
			t = now();
			put(wr->fd, wr->buf + start, off - start);
			if (now() - t > wr->max_lag)
				wr->max_lag = now() - t;
			start = off;
		}
	}
	close(wr->fd);
	return NULL;
}

/* The slow consumer's work per record. */
static void
slow(void *arg, const struct rs_rec *rec)
{
	int64_t	 end = rs_mono_ns() + SLOW_NS;

	(void)arg;
	(void)rec;
	while (rs_mono_ns() < end)
		;
}

/* CPU seconds of the calling thread (the consumer: cap_next, the engine). */
static double
thread_cpu(void)
{
	struct rusage	 ru;

	if (getrusage(RUSAGE_THREAD, &ru) == -1)
		return 0;
	return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec +
	    (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

static void
run(const uint8_t *buf, size_t len, int pcap_src, double rate, int loops,
    int slow_consumer)
{
	struct writer		 wr;
	struct cap		*c;
	struct cap_source_info	 in;
	struct eng_conf		 ec;
	struct eng		*eng;
	struct feed		 fd;
	pthread_t		 t;
	char			 e[512], eb[PCAP_ERRBUF_SIZE];
	int			 p[2], saved = dup(0);
	double			 t0, t1, late, cpu;
	pcap_t			*pc;
	FILE			*pf;
	uint64_t		 fed;

	if (pipe(p) == -1)
		err(1, "pipe");
	fcntl(p[1], F_SETPIPE_SZ, 1 << 20);
	memset(&wr, 0, sizeof wr);
	wr.fd = p[1];
	wr.buf = buf;
	wr.len = len;
	wr.rate = rate;
	wr.loops = loops;
	eng_conf_defaults(&ec);
	if ((eng = eng_new(&ec, e, sizeof e)) == NULL)
		errx(1, "%s", e);
	if ((c = cap_new()) == NULL)
		errx(1, "cap_new");
	t0 = now();
	pthread_create(&t, NULL, writer, &wr);
	if (pcap_src) {
		if ((pf = fdopen(p[0], "rb")) == NULL ||
		    (pc = pcap_fopen_offline(pf, eb)) == NULL)
			errx(1, "pcap_fopen_offline: %s", eb);
		if (live_add_handle(c, pc, "pipe", e, sizeof e) != 0)
			errx(1, "%s", e);
	} else {
		dup2(p[0], 0);
		close(p[0]);
		if (cap_add_file(c, "-", false, e, sizeof e) != 0)
			errx(1, "%s", e);
	}
	if (cap_start(c, e, sizeof e) != 0)
		errx(1, "%s", e);
	feed_init(&fd, c, eng);
	if (slow_consumer)
		fd.each = slow;
	cpu = thread_cpu();
	while (feed_slice(&fd, 100, 50 * 1000000LL) != FEED_END)
		;
	feed_finish(&fd);
	t1 = now();
	cpu = thread_cpu() - cpu;
	pthread_join(t, NULL);
	cap_source_info(c, 0, &in);
	fed = fd.nrec;
	late = t1 - t0 - (rate > 0 ? wr.frames / rate : 0);
	printf("live path, %s source, %s: %ju frames offered, %ju read, %ju "
	    "fed to the engine, %ju dropped, in %.3f s = %.2f M frames/s",
	    pcap_src ? "pcap" : "pipe", slow_consumer ? "consumer slowed to "
	    "2 us a frame" : rate > 0 ? "paced" : "full speed",
	    (uintmax_t)wr.frames, (uintmax_t)in.received, (uintmax_t)fed,
	    (uintmax_t)in.ring_drops, t1 - t0, fed / (t1 - t0) / 1e6);
	if (!pcap_src)
		printf("; writer blocked at most %.1f ms", wr.max_lag * 1e3);
	printf("; the consumer's CPU %.3f s = %.2f M frames/s of it\n", cpu,
	    cpu > 0 ? fed / cpu / 1e6 : 0);
	if (slow_consumer)
		printf("  drops counted exactly (read = fed + dropped, read = "
		    "offered): %s\n", in.received == fed + in.ring_drops &&
		    in.received == wr.frames && in.ring_drops > 0 ? "ok" :
		    "NOT MET");
	else if (loops > 1 && rate > 0)
		printf("  offered %.1f M frames/s over %d loops of the file: "
		    "%.2f%% dropped (goal: >= 2 M frames/s fed, sustained): "
		    "%s\n", rate / 1e6, loops, 100.0 * in.ring_drops /
		    wr.frames, fed / (t1 - t0) >= 2e6 ? "ok" : "NOT MET");
	else if (rate > 0)
		printf("  offered %.0f frames/s: done %.0f ms after the last "
		    "frame was due (goal: 0 drops, kept up): %s\n", rate,
		    late * 1e3, fed == wr.frames && in.ring_drops == 0 &&
		    late < 0.1 ? "ok" : "NOT MET");
	else
		printf("  sustained over %d loops of the file (goal >= 2 M "
		    "frames/s, nothing lost): %s\n", loops, fed / (t1 - t0) >=
		    2e6 && fed == wr.frames ? "ok" : "NOT MET");
	cap_free(c);
	eng_free(eng);
	dup2(saved, 0);
	close(saved);
}

/* The read loop (readloop.h), over the file itself. */
static void
read_loop(const char *path)
{
	uint64_t	 n, sum;
	double		 t0 = now(), t;

	n = bench_read_loop(path, &sum);
	t = now() - t0;
	printf("read loop over the file: %ju frames in %.3f s = %.2f M "
	    "frames/s [%ju]\n", (uintmax_t)n, t, n / t / 1e6, (uintmax_t)sum);
}

int
main(int argc, char **argv)
{
	struct stat	 st;
	uint8_t		*buf;
	double		 rate = 200000;
	FILE		*f;

	if (argc < 2)
		errx(1, "usage: bench_live FILE.pcap [rate]");
	if (argc > 2)
		rate = atof(argv[2]);
	if ((f = fopen(argv[1], "rb")) == NULL || fstat(fileno(f), &st) == -1)
		err(1, "%s", argv[1]);
	if ((buf = malloc((size_t)st.st_size)) == NULL ||
	    fread(buf, 1, (size_t)st.st_size, f) != (size_t)st.st_size)
		err(1, "%s", argv[1]);
	fclose(f);
	read_loop(argv[1]);
	/* a stream backs its writer up: as fast as it goes */
	run(buf, (size_t)st.st_size, 0, 0, LOOPS, 0);
	/* an adapter does not wait: offered more than 2 M frames/s */
	run(buf, (size_t)st.st_size, 1, 2.5e6, LOOPS, 0);
	run(buf, (size_t)st.st_size, 0, rate, 1, 0);
	run(buf, (size_t)st.st_size, 1, rate, 1, 0);
	run(buf, (size_t)st.st_size, 1, 0, 1, 1);
	free(buf);
	return 0;
}
