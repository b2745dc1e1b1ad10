/*
 * bench_engine.c -- the parser + roam engine over the bench mix.
 *
 * usage: bench_engine FILE
 *
 * Three passes over FILE: the raw libpcap read loop (pcap_next_ex, touch
 * each record), the same loop feeding d11_parse + eng_feed (what roamscope
 * does per frame), and parse + engine alone over records held in memory
 * (no I/O), that one MEM_RUNS times with a new engine each, the median
 * given in wall time and in CPU time (on a shared machine the CPU time is
 * the steadier: time spent waiting for a core is not in it).  Prints
 * frames/s for each, the ratio of the full loop's time to the raw loop's,
 * and peak memory (ru_maxrss).
 */
#include <err.h>
#include <pcap/pcap.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "engine/engine.h"
#include "record.h"
#include "rs.h"

static double
now_s(void)
{
	return (double)rs_mono_ns() / 1e9;
}

#define MEM_RUNS	5

static double
cpu_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static pcap_t *
open_file(const char *path)
{
	char eb[PCAP_ERRBUF_SIZE];
	pcap_t *p;

	p = pcap_open_offline_with_tstamp_precision(path,
	    PCAP_TSTAMP_PRECISION_NANO, eb);
	if (p == NULL)
		errx(1, "%s", eb);
	return p;
}

struct mrec {
	int64_t		 ts;
	uint32_t	 len, orig;
	size_t		 off;
};

int
main(int argc, char **argv)
{
	struct pcap_pkthdr *h;
	const u_char *d;
	struct eng_conf ec;
	struct eng *e;
	struct rs_rec rec;
	struct rusage ru;
	struct mrec *mr = NULL;
	uint8_t *mem = NULL;
	size_t nm = 0, capm = 0, memlen = 0, memcap = 0, i;
	uint64_t n, sum = 0;
	double t0, c0, raw, full, core, cpu, walls[MEM_RUNS], cpus[MEM_RUNS];
	int run;
	char ebuf[256];
	pcap_t *p;
	int dlt;

	if (argc != 2) {
		fprintf(stderr, "usage: bench_engine FILE\n");
		return 1;
	}

	/* 1. the raw read loop */
	p = open_file(argv[1]);
	t0 = now_s();
	for (n = 0; pcap_next_ex(p, &h, &d) == 1; n++)
		sum += d[h->caplen ? h->caplen - 1 : 0];
	raw = now_s() - t0;
	pcap_close(p);

	/* 2. read + parse + engine */
	eng_conf_defaults(&ec);
	if ((e = eng_new(&ec, ebuf, sizeof ebuf)) == NULL)
		errx(1, "%s", ebuf);
	p = open_file(argv[1]);
	dlt = pcap_datalink(p);
	memset(&rec, 0, sizeof rec);
	rec.dlt = dlt;
	t0 = now_s();
	while (pcap_next_ex(p, &h, &d) == 1) {
		rec.n++;
		rec.ts_ns = (int64_t)h->ts.tv_sec * 1000000000LL +
		    h->ts.tv_usec;
		rec.caplen = h->caplen;
		rec.origlen = h->len;
		rec.raw = d;
		d11_parse(dlt, d, h->caplen, &rec.f);
		eng_feed(e, &rec);
	}
	eng_finish(e);
	full = now_s() - t0;
	printf("engine: %llu roams, %llu joins, %u clients, %u APs, "
	    "%llu failed\n",
	    (unsigned long long)eng_counters(e)->roams,
	    (unsigned long long)eng_counters(e)->joins,
	    eng_counters(e)->clients, eng_counters(e)->aps,
	    (unsigned long long)eng_counters(e)->roams_failed);
	eng_free(e);
	pcap_close(p);

	/* 3. parse + engine over records in memory (no I/O) */
	p = open_file(argv[1]);
	while (pcap_next_ex(p, &h, &d) == 1) {
		if (nm == capm) {
			capm = capm ? capm * 2 : 1 << 16;
			if ((mr = realloc(mr, capm * sizeof *mr)) == NULL)
				errx(1, "out of memory");
		}
		if (memlen + h->caplen > memcap) {
			memcap = memcap ? memcap * 2 : 1 << 24;
			if ((mem = realloc(mem, memcap)) == NULL)
				errx(1, "out of memory");
		}
		memcpy(mem + memlen, d, h->caplen);
		mr[nm].ts = (int64_t)h->ts.tv_sec * 1000000000LL +
		    h->ts.tv_usec;
		mr[nm].len = h->caplen;
		mr[nm].orig = h->len;
		mr[nm].off = memlen;
		memlen += h->caplen;
		nm++;
	}
	pcap_close(p);
	for (run = 0; run < MEM_RUNS; run++) {
		if ((e = eng_new(&ec, ebuf, sizeof ebuf)) == NULL)
			errx(1, "%s", ebuf);
		memset(&rec, 0, sizeof rec);
		rec.dlt = dlt;
		t0 = now_s();
		c0 = cpu_s();
		for (i = 0; i < nm; i++) {
			rec.n = i + 1;
			rec.ts_ns = mr[i].ts;
			rec.caplen = mr[i].len;
			rec.origlen = mr[i].orig;
			rec.raw = mem + mr[i].off;
			d11_parse(dlt, rec.raw, rec.caplen, &rec.f);
			eng_feed(e, &rec);
		}
		eng_finish(e);
		walls[run] = now_s() - t0;
		cpus[run] = cpu_s() - c0;
		eng_free(e);
	}
	qsort(walls, MEM_RUNS, sizeof walls[0], cmp_double);
	qsort(cpus, MEM_RUNS, sizeof cpus[0], cmp_double);
	core = walls[MEM_RUNS / 2];
	cpu = cpus[MEM_RUNS / 2];

	getrusage(RUSAGE_SELF, &ru);
	printf("frames %llu (checksum %llu)\n", (unsigned long long)n,
	    (unsigned long long)(sum & 0xff));
	printf("raw read loop:          %8.3f s  %6.2f M frames/s\n", raw,
	    n / raw / 1e6);
	printf("read + parse + engine:  %8.3f s  %6.2f M frames/s  "
	    "(ratio to raw %.2f)\n", full, n / full / 1e6, full / raw);
	printf("parse + engine (mem):   %8.3f s  %6.2f M frames/s  %s\n",
	    core, nm / core / 1e6, nm / core >= 3e6 ? "(>= 3 M/s: ok)" :
	    "(below 3 M/s)");
	printf("  the same in CPU time: %8.3f s  %6.2f M frames/s  (median of "
	    "%d runs, as the line above)\n", cpu, nm / cpu / 1e6, MEM_RUNS);
	printf("peak memory (ru_maxrss) %ld KiB (includes the in-memory "
	    "copy of the file, %zu KiB)\n", ru.ru_maxrss, memlen / 1024);
	free(mr);
	free(mem);
	return 0;
}
