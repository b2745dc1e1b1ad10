/*
 * readloop.h -- the plain libpcap read loop every speed goal is measured
 * against: each record of a file through pcap_next_ex, its last byte
 * touched.  Returns the records; *sum, of the bytes touched, keeps the
 * loop from being optimised away.
 */
#ifndef READLOOP_H
#define READLOOP_H

#include <err.h>
#include <stdint.h>

#include <pcap/pcap.h>

static inline uint64_t
bench_read_loop(const char *path, uint64_t *sum)
{
	char			 eb[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr	*h;
	const u_char		*d;
	uint64_t		 n = 0;
	pcap_t			*p;

	*sum = 0;
	if ((p = pcap_open_offline(path, eb)) == NULL)
		errx(1, "%s", eb);
	while (pcap_next_ex(p, &h, &d) == 1) {
		*sum += h->caplen ? d[h->caplen - 1] : 0;
		n++;
	}
	pcap_close(p);
	return n;
}

#endif /* READLOOP_H */
