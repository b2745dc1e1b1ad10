/*
 * bench_live.c -- the end-to-end capture path fed from a pipe: a writer
 * thread pushes a pcap into a pipe on stdin ("roamscope -r -"), the capture
 * thread reads it (capread.c), copies each record into the ring and runs
 * the parser there, and this thread drains cap_next() as main does.
 *
 * Two runs: as fast as the pipe goes, then offered at a fixed rate
 * (default 200,000 frames/s).  For each: frames/s, frames delivered
 * against frames offered, ring drops, and how far the writer fell behind
 * its schedule (a stream source waits rather than drop, so a consumer that
 * cannot keep up shows as writer lag, as it would back up tcpdump -U -w -).
 *
 * usage: bench_live FILE.pcap [rate]
 */
#include <sys/stat.h>

#include <err.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cap/cap.h"
#include "rs.h"

struct feed {
	int		 fd;
	const uint8_t	*buf;
	size_t		 len;
	double		 rate;		/* frames/s, 0: full speed */
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
feeder(void *arg)
{
	struct feed	*fd = arg;
	size_t		 off = 24, start = 0;
	uint32_t	 caplen;
	double		 t0 = now(), due = 0, t;

	/* classic pcap, host order (bench/gen writes it so) */
	put(fd->fd, fd->buf, 24);
	start = off;
	while (off + 16 <= fd->len) {
		memcpy(&caplen, fd->buf + off + 8, 4);
		off += 16 + caplen;
		fd->frames++;
		/* write in batches of 256 frames, paced per batch */
		if (fd->frames % 256 == 0 || off + 16 > fd->len) {
			if (fd->rate > 0) {
				due = t0 + fd->frames / fd->rate;
				if ((t = now()) < due) {
					struct timespec ts = { 0,
					    (long)((due - t) * 1e9) };

					nanosleep(&ts, NULL);
				}
			}
			/* back-pressure: time blocked writing to the pipe */
			t = now();
			put(fd->fd, fd->buf + start, off - start);
			if (now() - t > fd->max_lag)
				fd->max_lag = now() - t;
			start = off;
		}
	}
	close(fd->fd);
	return NULL;
}

static void
run(const uint8_t *buf, size_t len, double rate)
{
	struct feed		 fd;
	struct cap		*c;
	struct cap_source_info	 in;
	const struct rs_rec	*rec;
	pthread_t		 t;
	char			 e[512];
	int			 p[2], saved = dup(0), rc;
	uint64_t		 got = 0, decoded = 0;
	double			 t0, t1;

	if (pipe(p) == -1)
		err(1, "pipe");
	fcntl(p[1], F_SETPIPE_SZ, 1 << 20);
	dup2(p[0], 0);
	close(p[0]);
	memset(&fd, 0, sizeof fd);
	fd.fd = p[1];
	fd.buf = buf;
	fd.len = len;
	fd.rate = rate;
	t0 = now();
	pthread_create(&t, NULL, feeder, &fd);
	if ((c = cap_new()) == NULL)
		errx(1, "cap_new");
	if (cap_add_file(c, "-", false, e, sizeof e) != 0 ||
	    cap_start(c, e, sizeof e) != 0)
		errx(1, "%s", e);
	while ((rc = cap_next(c, &rec, 1000)) != -1) {
		if (rc == 1) {
			got++;
			decoded += rec->f.error == D11_OK;
		}
	}
	t1 = now();
	pthread_join(t, NULL);
	cap_source_info(c, 0, &in);
	printf("live path from a pipe, %s: %ju frames offered, %ju "
	    "delivered (%ju decoded) in %.3f s = %.0f frames/s; ring drops "
	    "%ju; writer blocked at most %.1f ms in one write%s\n",
	    rate > 0 ? "paced" : "full speed", (uintmax_t)fd.frames,
	    (uintmax_t)got, (uintmax_t)decoded, t1 - t0, got / (t1 - t0),
	    (uintmax_t)in.ring_drops, fd.max_lag * 1e3,
	    rate > 0 ? "" : " (unpaced)");
	/* kept up: everything delivered, none dropped, done on schedule */
	if (rate > 0)
		printf("  offered %.0f frames/s: finished %.0f ms after the "
		    "last frame was due: %s\n", rate,
		    (t1 - t0 - fd.frames / rate) * 1e3,
		    got == fd.frames && in.ring_drops == 0 &&
		    t1 - t0 - fd.frames / rate < 0.1 ? "0 drops, kept up" :
		    "FELL BEHIND");
	cap_free(c);
	dup2(saved, 0);
	close(saved);
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
	run(buf, (size_t)st.st_size, 0);
	run(buf, (size_t)st.st_size, rate);
	free(buf);
	return 0;
}
