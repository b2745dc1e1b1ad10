/*
 * pcapw.c -- writing classic pcap files for the benches and the tests.
 */
#include "pcapw.h"

#define PCAPW_MAGIC_US	0xa1b2c3d4

static uint8_t *
le16(uint8_t *p, uint16_t v)
{
	p[0] = v & 0xff;
	p[1] = v >> 8;
	return p + 2;
}

static uint8_t *
le32(uint8_t *p, uint32_t v)
{
	p = le16(p, v & 0xffff);
	return le16(p, v >> 16);
}

void
pcapw_header(uint8_t out[PCAPW_HDR_LEN], uint32_t snaplen, uint32_t linktype)
{
	uint8_t	*p = out;

	p = le32(p, PCAPW_MAGIC_US);
	p = le16(p, 2);			/* version 2.4 */
	p = le16(p, 4);
	p = le32(p, 0);			/* thiszone */
	p = le32(p, 0);			/* sigfigs */
	p = le32(p, snaplen);
	le32(p, linktype);
}

int
pcapw_write_header(FILE *fp, uint32_t snaplen, uint32_t linktype)
{
	uint8_t	 h[PCAPW_HDR_LEN];

	pcapw_header(h, snaplen, linktype);
	return fwrite(h, sizeof h, 1, fp) == 1 ? 0 : -1;
}

int
pcapw_write_record(FILE *fp, uint32_t sec, uint32_t usec, const void *data,
    uint32_t len)
{
	uint8_t	 h[PCAPW_REC_LEN], *p = h;

	p = le32(p, sec);
	p = le32(p, usec);
	p = le32(p, len);		/* captured */
	le32(p, len);			/* on the air */
	if (fwrite(h, sizeof h, 1, fp) != 1)
		return -1;
	if (len > 0 && fwrite(data, len, 1, fp) != 1)
		return -1;
	return 0;
}
