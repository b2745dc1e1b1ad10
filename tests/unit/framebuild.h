/*
 * framebuild.h -- building 802.11 frames byte by byte for the engine's
 * unit tests (test_engine.c, test_engine_mld.c): a buffer with little- and
 * big-endian writers, a radiotap header, a management/data header, the
 * FCS, and one record through the shared parser into the engine.
 */
#ifndef FRAMEBUILD_H
#define FRAMEBUILD_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "dot11.h"
#include "engine/engine.h"
#include "record.h"

struct buf {
	uint8_t		 b[1024];
	size_t		 n;
};

static inline void
put(struct buf *b, const void *p, size_t n)
{
	memcpy(b->b + b->n, p, n);
	b->n += n;
}

static inline void
put8(struct buf *b, unsigned v)
{
	b->b[b->n++] = (uint8_t)v;
}

static inline void
put16(struct buf *b, unsigned v)
{
	put8(b, v & 0xff);
	put8(b, (v >> 8) & 0xff);
}

static inline void
put16be(struct buf *b, unsigned v)
{
	put8(b, (v >> 8) & 0xff);
	put8(b, v & 0xff);
}

static inline void
fill(struct buf *b, uint8_t v, size_t n)
{
	memset(b->b + b->n, v, n);
	b->n += n;
}

/* Radiotap from the start of b: channel (frequency) and dBm antenna
 * signal; with fcs, the Flags field first (0x10: FCS at the end) and a
 * byte of alignment.  Returns its length. */
static inline size_t
fb_radiotap(struct buf *b, uint16_t freq, int8_t signal, bool fcs)
{
	b->n = 0;
	put8(b, 0);
	put8(b, 0);
	put16(b, fcs ? 15 : 13);
	put16(b, (fcs ? 1 << 1 : 0) | (1 << 3) | (1 << 5));
	put16(b, 0);
	if (fcs) {
		put8(b, 0x10);
		put8(b, 0);
	}
	put16(b, freq);
	put16(b, freq < 3000 ? 0x00a0 : 0x0140);
	put8(b, (uint8_t)signal);
	return b->n;
}

/* The 802.11 header: frame control, duration 0, three addresses and the
 * sequence number. */
static inline void
fb_hdr(struct buf *b, uint8_t type, uint8_t subtype, uint8_t flags,
    const uint8_t *a1, const uint8_t *a2, const uint8_t *a3, uint16_t seq)
{
	put8(b, (uint8_t)(type << 2 | subtype << 4));
	put8(b, flags);
	put16(b, 0);
	put(b, a1, 6);
	put(b, a2, 6);
	put(b, a3, 6);
	put16(b, (uint16_t)(seq << 4));
}

/* CRC-32 (IEEE 802.3), bit by bit. */
static inline uint32_t
fb_crc32(const uint8_t *p, size_t n)
{
	uint32_t	 c = 0xffffffff;
	int		 k;

	while (n-- > 0) {
		c ^= *p++;
		for (k = 0; k < 8; k++)
			c = c & 1 ? (c >> 1) ^ 0xedb88320 : c >> 1;
	}
	return ~c;
}

/* b as record number n at ts_ns: parsed (it must parse clean) and fed. */
static inline void
fb_feed(struct eng *e, struct rs_rec *r, struct buf *b, int64_t ts_ns,
    uint64_t n)
{
	memset(r, 0, sizeof *r);
	r->n = n;
	r->ts_ns = ts_ns;
	r->dlt = D11_DLT_RADIOTAP;
	r->caplen = r->origlen = (uint32_t)b->n;
	r->raw = b->b;
	d11_parse(D11_DLT_RADIOTAP, b->b, b->n, &r->f);
	assert_int_equal(r->f.error, D11_OK);
	eng_feed(e, r);
}

#endif
