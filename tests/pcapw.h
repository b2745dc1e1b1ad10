/*
 * pcapw.h -- writing classic pcap files (little-endian, version 2.4,
 * microsecond time stamps) for the benches and the unit tests.
 */
#ifndef PCAPW_H
#define PCAPW_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define PCAPW_HDR_LEN	24	/* the file header */
#define PCAPW_REC_LEN	16	/* each record's header */

/* The file header, into out. */
void	pcapw_header(uint8_t out[PCAPW_HDR_LEN], uint32_t snaplen,
	    uint32_t linktype);
/* The file header, then records of len bytes captured and on the air:
 * 0, or -1 if the write failed (errno set). */
int	pcapw_write_header(FILE *, uint32_t snaplen, uint32_t linktype);
int	pcapw_write_record(FILE *, uint32_t sec, uint32_t usec,
	    const void *data, uint32_t len);

#endif /* PCAPW_H */
