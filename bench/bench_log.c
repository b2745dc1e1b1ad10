/*
 * bench_log.c -- how fast the log reader reads a controller log, beside
 * reading the capture of the same walk.
 *
 * usage: bench_log [-p passes] LOG CAPTURE
 *
 * Each pass reads LOG with log_open/log_read (the AireOS reader: records,
 * events, the unrecognised sample) and CAPTURE with pcap_next_ex and
 * d11_parse; both files are in the page cache after the first pass.  The
 * best pass of each is reported, in lines (frames) per second, and their
 * ratio: the log should read at least as fast as its capture.  Then the
 * log is aligned with the capture's air events (log_air_load, log_align).
 */
#include <sys/resource.h>

#include <err.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <pcap/pcap.h>

#include "dot11.h"
#include "log/log.h"
#include "rs.h"

static double
now(void)
{
	return ((double)rs_mono_ns() / 1e9);
}

static double
read_log(const char *path, int64_t ref, uint64_t *lines, uint64_t *bytes,
    uint64_t *events, uint64_t *recognised)
{
	struct log_opts	 o;
	struct log	*l;
	char		 err[512];
	double		 t0;

	memset(&o, 0, sizeof(o));
	o.ref_ns = ref;
	t0 = now();
	if ((l = log_open(path, &o, err, sizeof(err))) == NULL)
		errx(1, "%s", err);
	while (log_read(l, 0) == 1)
		;
	if (*log_error(l) != '\0')
		errx(1, "%s", log_error(l));
	t0 = now() - t0;
	*lines = log_stats(l)->lines;
	*bytes = log_stats(l)->bytes;
	*events = log_stats(l)->events;
	*recognised = log_stats(l)->recognised;
	log_close(l);
	return (t0);
}

static double
read_capture(const char *path, uint64_t *frames, int64_t *first)
{
	char			 ebuf[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr	*h;
	const u_char		*d;
	static struct d11_frame	 f;
	pcap_t			*p;
	double			 t0;
	uint64_t		 n = 0;
	int			 dlt;

	t0 = now();
	if ((p = pcap_open_offline(path, ebuf)) == NULL)
		errx(1, "%s: %s", path, ebuf);
	dlt = pcap_datalink(p);
	while (pcap_next_ex(p, &h, &d) == 1) {
		if (n == 0)
			*first = (int64_t)h->ts.tv_sec * 1000000000LL +
			    (int64_t)h->ts.tv_usec * 1000;
		d11_parse(dlt, d, h->caplen, &f);
		n++;
	}
	pcap_close(p);
	*frames = n;
	return (now() - t0);
}

int
main(int argc, char **argv)
{
	struct rusage		 ru;
	struct log_opts		 o;
	struct log_align_opts	 ao;
	struct log_align	 al;
	struct log_air		*air;
	struct log		*l;
	char			 err[512], note[512];
	uint64_t		 lines = 0, bytes = 0, events = 0, rec = 0,
				 frames = 0;
	int64_t			 first = 0, f2;
	size_t			 nair;
	double			 tl, tc, bl = 1e30, bc = 1e30, ta;
	int			 passes = 3, c, i;

	while ((c = getopt(argc, argv, "p:")) != -1) {
		switch (c) {
		case 'p':
			if ((passes = atoi(optarg)) < 1)
				passes = 1;
			break;
		default:
			goto usage;
		}
	}
	if (optind + 2 != argc)
		goto usage;
	for (i = 0; i < passes; i++) {
		tc = read_capture(argv[optind + 1], &frames, &first);
		tl = read_log(argv[optind], first, &lines, &bytes, &events,
		    &rec);
		if (tc < bc)
			bc = tc;
		if (tl < bl)
			bl = tl;
	}
	printf("log:     %s: %llu lines, %.1f MB, %llu records recognised, "
	    "%llu events\n", argv[optind], (unsigned long long)lines,
	    (double)bytes / 1e6, (unsigned long long)rec,
	    (unsigned long long)events);
	printf("log:     best of %d: %.3f s, %.0f lines/s, %.0f MB/s\n",
	    passes, bl, (double)lines / bl, (double)bytes / 1e6 / bl);
	printf("capture: %s: %llu frames, best of %d: %.3f s, %.0f frames/s "
	    "(pcap_next_ex + d11_parse)\n", argv[optind + 1],
	    (unsigned long long)frames, passes, bc, (double)frames / bc);
	printf("log / capture time: %.2f (at most 1.00: the log reads at "
	    "least as fast as the capture of the same walk)\n", bl / bc);
	if (getrusage(RUSAGE_SELF, &ru) == 0)
		printf("memory:  peak RSS %.1f MB (the log is streamed, not "
		    "held)\n", (double)ru.ru_maxrss / 1024);

	/* the alignment of the two */
	memset(&o, 0, sizeof(o));
	o.ref_ns = first;
	if ((l = log_open(argv[optind], &o, err, sizeof(err))) == NULL)
		errx(1, "%s", err);
	while (log_read(l, 0) == 1)
		;
	ta = now();
	if (log_air_load(argv[optind + 1], &air, &nair, &f2, err,
	    sizeof(err)) != 0)
		errx(1, "%s", err);
	memset(&ao, 0, sizeof(ao));
	log_align(log_events(l), log_nevents(l), air, nair, &ao, &al);
	ta = now() - ta;
	log_align_note(&al, argv[optind], note, sizeof(note));
	printf("align:   %zu air events, %.3f s (reading them included): %s\n",
	    nair, ta, note);
	free(air);
	log_close(l);
	return (al.status == LOG_ALIGN_OK ? 0 : 1);
usage:
	fprintf(stderr, "usage: bench_log [-p passes] LOG CAPTURE\n");
	return (2);
}
