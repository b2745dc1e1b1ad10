/*
 * bench_parse.c -- how fast d11_parse decodes a capture, beside a plain
 * libpcap read loop over the same file.
 *
 * usage: bench_parse [-p passes] FILE
 *
 * The file is read once into memory; then d11_parse runs over every record
 * PASSES times (the best pass is reported, and the median).  The libpcap
 * figure is pcap_next_ex over the file doing nothing with the records (the
 * file is in the page cache by then), best of the same number of passes.
 */
#include <err.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <pcap/pcap.h>

#include "dot11.h"
#include "rs.h"

struct rec {
	size_t		 off;
	uint32_t	 len;
};

static double
now(void)
{
	return (double)rs_mono_ns() / 1e9;
}

static int
cmp_double(const void *a, const void *b)
{
	double	 x = *(const double *)a, y = *(const double *)b;

	return ((x > y) - (x < y));
}

static pcap_t *
open_file(const char *path)
{
	char	 ebuf[PCAP_ERRBUF_SIZE];
	pcap_t	*p;

	if ((p = pcap_open_offline(path, ebuf)) == NULL)
		errx(1, "%s: %s", path, ebuf);
	return (p);
}

/* pcap_next_ex doing nothing: the floor any reader pays. */
static double
time_pcap(const char *path, size_t *n)
{
	struct pcap_pkthdr	*h;
	const u_char		*d;
	pcap_t			*p = open_file(path);
	double			 t0;
	size_t			 c = 0;

	t0 = now();
	while (pcap_next_ex(p, &h, &d) == 1)
		c++;
	t0 = now() - t0;
	pcap_close(p);
	*n = c;
	return (t0);
}

int
main(int argc, char **argv)
{
	struct pcap_pkthdr	*h;
	const u_char		*d;
	static struct d11_frame	 f;
	struct rec		*recs = NULL;
	uint8_t			*arena = NULL;
	size_t			 n = 0, cap = 0, asz = 0, acap = 0, i, np;
	size_t			 kinds[D11_K_EXT + 1] = { 0 }, bad = 0, mal = 0;
	double			*tp, *tl, t0, best, med, lbest;
	pcap_t			*p;
	int			 dlt, passes = 5, c, k;

	while ((c = getopt(argc, argv, "p:")) != -1) {
		switch (c) {
		case 'p':
			passes = atoi(optarg);
			if (passes < 1)
				passes = 1;
			break;
		default:
			goto usage;
		}
	}
	if (optind + 1 != argc)
		goto usage;

	p = open_file(argv[optind]);
	dlt = pcap_datalink(p);
	while (pcap_next_ex(p, &h, &d) == 1) {
		if (n == cap) {
			cap = cap ? cap * 2 : 1 << 16;
			if ((recs = realloc(recs, cap * sizeof(*recs))) == NULL)
				err(1, "realloc");
		}
		if (asz + h->caplen > acap) {
			acap = acap ? acap * 2 : 1 << 24;
			while (asz + h->caplen > acap)
				acap *= 2;
			if ((arena = realloc(arena, acap)) == NULL)
				err(1, "realloc");
		}
		memcpy(arena + asz, d, h->caplen);
		recs[n].off = asz;
		recs[n].len = h->caplen;
		asz += h->caplen;
		n++;
	}
	pcap_close(p);
	if (n == 0)
		errx(1, "%s: no records", argv[optind]);

	/* One checking pass: what the mix decodes to. */
	for (i = 0; i < n; i++) {
		if (d11_parse(dlt, arena + recs[i].off, recs[i].len, &f) !=
		    D11_OK)
			bad++;
		kinds[f.kind]++;
		if (f.has_elems && (f.ie.n_malformed || f.ie.n_duplicate))
			mal++;
	}

	tp = calloc((size_t)passes, sizeof(*tp));
	tl = calloc((size_t)passes, sizeof(*tl));
	if (tp == NULL || tl == NULL)
		err(1, "calloc");
	for (k = 0; k < passes; k++) {
		t0 = now();
		for (i = 0; i < n; i++)
			d11_parse(dlt, arena + recs[i].off, recs[i].len, &f);
		tp[k] = now() - t0;
		tl[k] = time_pcap(argv[optind], &np);
		if (np != n)
			errx(1, "libpcap read %zu records, expected %zu", np, n);
	}
	qsort(tp, (size_t)passes, sizeof(*tp), cmp_double);
	qsort(tl, (size_t)passes, sizeof(*tl), cmp_double);
	best = tp[0];
	med = tp[passes / 2];
	lbest = tl[0];

	printf("file: %s (%s, %zu records, %.1f MB)\n", argv[optind],
	    d11_dlt_name(dlt), n, (double)asz / 1e6);
	printf("decoded: %zu not ok, %zu with malformed/duplicate elements;",
	    bad, mal);
	for (k = 0; k <= D11_K_EXT; k++) {
		if (kinds[k])
			printf(" %s %zu", d11_kind_name((enum d11_kind)k),
			    kinds[k]);
	}
	printf("\n");
	printf("d11_parse: %.2f M frames/s best, %.2f M frames/s median "
	    "(%d passes, %.1f ns/frame)\n", n / best / 1e6, n / med / 1e6,
	    passes, best * 1e9 / n);
	printf("libpcap read loop: %.2f M frames/s best\n", n / lbest / 1e6);
	printf("ratio d11_parse/libpcap: %.2f (parse time is %.0f%% of a "
	    "bare read)\n", (n / best) / (n / lbest), 100.0 * best / lbest);
	free(tp);
	free(tl);
	free(recs);
	free(arena);
	return (0);

usage:
	fprintf(stderr, "usage: bench_parse [-p passes] FILE\n");
	return (2);
}
