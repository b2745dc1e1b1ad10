/*
 * frames_driver.c -- print the --frames lines of a capture file, for the
 * differential test while (or when) src/roamscope cannot.  Same parser,
 * same printer; only the reading loop is this one.
 *
 * usage: frames_driver [-a] FILE
 */
#include <pcap/pcap.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "dot11/dot11.h"
#include "frames.h"
#include "record.h"

int
main(int argc, char **argv)
{
	char			 err[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr	*h;
	const u_char		*data;
	static struct rs_rec	 rec;
	pcap_t			*p;
	bool			 all = false;
	int			 c, r;

	while ((c = getopt(argc, argv, "a")) != -1) {
		switch (c) {
		case 'a':
			all = true;
			break;
		default:
			fprintf(stderr, "usage: frames_driver [-a] FILE\n");
			return 1;
		}
	}
	if (optind + 1 != argc) {
		fprintf(stderr, "usage: frames_driver [-a] FILE\n");
		return 1;
	}
	p = pcap_open_offline_with_tstamp_precision(argv[optind],
	    PCAP_TSTAMP_PRECISION_NANO, err);
	if (p == NULL) {
		fprintf(stderr, "frames_driver: %s\n", err);
		return 4;
	}
	rec.dlt = pcap_datalink(p);
	if (!d11_dlt_supported(rec.dlt)) {
		fprintf(stderr, "frames_driver: link type %d\n", rec.dlt);
		return 6;
	}
	while ((r = pcap_next_ex(p, &h, &data)) == 1) {
		rec.n++;
		rec.ts_ns = (int64_t)h->ts.tv_sec * 1000000000 +
		    h->ts.tv_usec;
		rec.caplen = h->caplen;
		rec.origlen = h->len;
		rec.raw = data;
		d11_parse(rec.dlt, data, h->caplen, &rec.f);
		frames_print(stdout, &rec, all);
	}
	if (r == -1) {
		/* a truncated last record: the frames before it count */
		fprintf(stderr, "frames_driver: %s (after %llu frames)\n",
		    pcap_geterr(p), (unsigned long long)rec.n);
		pcap_close(p);
		return 7;
	}
	pcap_close(p);
	return 0;
}
