/*
 * gen.c -- write the parser benchmark capture: exactly 1,007,000 radiotap
 * frames, reproducible from a seed.
 *
 * usage: gen [-s seed] [-n background] [-c clients] FILE
 *
 * FILE "-" is stdout (a stream for roamscope -r -; the summary goes to
 * stderr then).  -c sets the number of clients (400 by default), for the
 * memory bench's 1,000.
 *
 * 1,000,000 background frames (beacons, protected QoS data, probe requests
 * and responses, ACK/RTS) and 7,000 roaming frames (FT authentication,
 * reassociation with RSNE/MDE/FTE, RM neighbor report request/response, BTM
 * request/response, EAPOL-Key M1-M4, association, deauthentication), one
 * roaming frame in every 143 or so.  Every record carries the same radiotap
 * header a Linux monitor interface writes (TSFT, flags, rate, channel,
 * signal, antenna); half of them with an FCS at the end.
 */
#include <err.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pcapw.h"

#define DLT_RADIOTAP	127
#define N_ROAM_KINDS	7

static uint64_t	 rng;

static uint32_t
rnd(void)
{
	/* xorshift64*: fast, and the same sequence everywhere */
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return ((uint32_t)((rng * 0x2545f4914f6cdd1dULL) >> 32));
}

static uint32_t
rnd_n(uint32_t n)
{
	return (rnd() % n);
}

struct buf {
	uint8_t	 b[4096];
	size_t	 n;
};

static void
put(struct buf *b, const void *p, size_t n)
{
	memcpy(b->b + b->n, p, n);
	b->n += n;
}

static void
put8(struct buf *b, uint8_t v)
{
	b->b[b->n++] = v;
}

static void
put16(struct buf *b, uint16_t v)
{
	put8(b, v & 0xff);
	put8(b, v >> 8);
}

static void
put32(struct buf *b, uint32_t v)
{
	put16(b, v & 0xffff);
	put16(b, v >> 16);
}

static void
put_fill(struct buf *b, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		b->b[b->n++] = (uint8_t)rnd();
}

/* The FCS: CRC-32 (IEEE 802.3) of the 802.11 frame after the 24-byte
 * radiotap header, as a radio writes it. */
static void
put_fcs(struct buf *b)
{
	uint32_t	 c = 0xffffffff;
	size_t		 i;
	int		 k;

	for (i = 24; i < b->n; i++) {
		c ^= b->b[i];
		for (k = 0; k < 8; k++)
			c = c & 1 ? (c >> 1) ^ 0xedb88320 : c >> 1;
	}
	put32(b, ~c);
}

/* 32 APs, nsta clients (400 unless -c); addresses derived from an index */
static unsigned	 nsta = 400;

static void
ap_addr(uint8_t *a, unsigned i)
{
	memcpy(a, "\x44\xad\xd9\x8e\x00\x00", 6);
	a[4] = (uint8_t)(i >> 8);
	a[5] = (uint8_t)(i * 16);
}

static void
sta_addr(uint8_t *a, unsigned i)
{
	memcpy(a, "\xcc\x20\xe8\x00\x00\x00", 6);
	a[4] = (uint8_t)(i >> 8);
	a[5] = (uint8_t)i;
}

static uint64_t	 tsft;
static int	 fcs;

/* Radiotap: TSFT, Flags, Rate, Channel, dBm signal, Antenna: 24 bytes. */
static void
radiotap(struct buf *b, unsigned ap)
{
	static const uint16_t freqs[] = { 5180, 5200, 5220, 5240, 5745, 2412,
	    2437, 2462 };
	uint16_t	 freq = freqs[ap % 8];

	b->n = 0;
	put8(b, 0);
	put8(b, 0);
	put16(b, 24);
	put32(b, 0x0000082f);
	put32(b, (uint32_t)tsft);
	put32(b, (uint32_t)(tsft >> 32));
	put8(b, fcs ? 0x10 : 0x00);
	put8(b, freq > 3000 ? 12 : 2);
	put16(b, freq);
	put16(b, freq > 3000 ? 0x0140 : 0x00a0);
	put8(b, (uint8_t)(-40 - (int)rnd_n(50)));
	put8(b, (uint8_t)rnd_n(2));
}

static void
hdr(struct buf *b, uint16_t fc, const uint8_t *a1, const uint8_t *a2,
    const uint8_t *a3)
{
	static uint16_t	 seq;

	put16(b, fc);
	put16(b, 0x013a);
	put(b, a1, 6);
	put(b, a2, 6);
	put(b, a3, 6);
	put16(b, (uint16_t)(seq++ << 4));
}

static void
ie(struct buf *b, uint8_t id, const void *p, uint8_t n)
{
	put8(b, id);
	put8(b, n);
	put(b, p, n);
}

static void
rsne(struct buf *b, int ft, int pmkid)
{
	size_t	 at;

	put8(b, 48);
	at = b->n;
	put8(b, 0);
	put16(b, 1);
	put(b, "\x00\x0f\xac\x04", 4);
	put16(b, 1);
	put(b, "\x00\x0f\xac\x04", 4);
	put16(b, ft ? 2 : 1);
	if (ft)
		put(b, "\x00\x0f\xac\x04", 4);
	put(b, "\x00\x0f\xac\x02", 4);
	put16(b, 0x0080);
	if (pmkid) {
		put16(b, 1);
		put_fill(b, 16);
	}
	b->b[at] = (uint8_t)(b->n - at - 1);
}

static void
mde(struct buf *b)
{
	ie(b, 54, "\xa1\xb2\x01", 3);
}

static void
fte(struct buf *b, int r0kh)
{
	size_t	 at;

	put8(b, 55);
	at = b->n;
	put8(b, 0);
	put16(b, r0kh ? 0x0300 : 0);
	put_fill(b, 16 + 32 + 32);
	put(b, "\x01\x06\x44\xad\xd9\x8e\x00\x10", 8);
	if (r0kh)
		ie(b, 3, "ap1.example.com", 15);
	b->b[at] = (uint8_t)(b->n - at - 1);
}

static void
neighbor(struct buf *b, unsigned ap, int pref)
{
	uint8_t	 a[6];
	size_t	 at;

	ap_addr(a, ap);
	put8(b, 52);
	at = b->n;
	put8(b, 0);
	put(b, a, 6);
	put32(b, 0x0000048f);
	put8(b, 115);
	put8(b, 36 + 4 * (uint8_t)(ap % 4));
	put8(b, 9);
	if (pref >= 0)
		ie(b, 3, &(uint8_t){ (uint8_t)pref }, 1);
	b->b[at] = (uint8_t)(b->n - at - 1);
}

static void
ssid(struct buf *b)
{
	ie(b, 0, "voice-5g", 8);
}

static void
rates(struct buf *b)
{
	ie(b, 1, "\x8c\x12\x98\x24\xb0\x48\x60\x6c", 8);
}

static void
bss_elems(struct buf *b, unsigned ap)
{
	uint8_t	 ch = 36 + 4 * (uint8_t)(ap % 4);

	ssid(b);
	rates(b);
	ie(b, 3, &ch, 1);
	ie(b, 5, "\x00\x01\x00\x00", 4);
	ie(b, 7, "US \x24\x04\x17\x95\x05\x1e", 9);
	put8(b, 45);
	put8(b, 26);
	put_fill(b, 26);
	put8(b, 61);
	put8(b, 22);
	put_fill(b, 22);
	rsne(b, 1, 0);
	ie(b, 127, "\x04\x00\x08\x00\x00\x00\x00\x40", 8);
	ie(b, 70, "\x73\x00\x00\x00\x00", 5);
	mde(b);
	put8(b, 191);
	put8(b, 12);
	put_fill(b, 12);
	ie(b, 192, "\x01\x2a\x00\xfc\xff", 5);
	ie(b, 221, "\x00\x50\xf2\x02\x01\x01\x80\x00\x03\xa4\x00\x00\x27"
	    "\xa4\x00\x00\x42\x43\x5e\x00\x62\x32\x2f\x00", 24);
	ie(b, 221, "\x00\x17\xf2\x0a\x00\x01\x04", 7);
}

static void
beacon(struct buf *b, unsigned ap)
{
	uint8_t	 a[6];

	ap_addr(a, ap);
	hdr(b, 0x0080, (const uint8_t *)"\xff\xff\xff\xff\xff\xff", a, a);
	put32(b, (uint32_t)tsft);
	put32(b, (uint32_t)(tsft >> 32));
	put16(b, 100);
	put16(b, 0x1111);
	bss_elems(b, ap);
}

static void
probe_resp(struct buf *b, unsigned ap, unsigned sta)
{
	uint8_t	 a[6], s[6];

	ap_addr(a, ap);
	sta_addr(s, sta);
	hdr(b, 0x0050, s, a, a);
	put32(b, (uint32_t)tsft);
	put32(b, (uint32_t)(tsft >> 32));
	put16(b, 100);
	put16(b, 0x1111);
	bss_elems(b, ap);
}

static void
probe_req(struct buf *b, unsigned sta)
{
	uint8_t	 s[6];

	sta_addr(s, sta);
	hdr(b, 0x0040, (const uint8_t *)"\xff\xff\xff\xff\xff\xff", s,
	    (const uint8_t *)"\xff\xff\xff\xff\xff\xff");
	ie(b, 0, "", 0);
	rates(b);
	ie(b, 3, "\x24", 1);
	put8(b, 45);
	put8(b, 26);
	put_fill(b, 26);
	ie(b, 127, "\x04\x00\x08\x00\x00\x00\x00\x40", 8);
	ie(b, 221, "\x00\x50\xf2\x08\x00\x10\x00", 7);
}

static void
qos_data(struct buf *b, unsigned ap, unsigned sta)
{
	uint8_t	 a[6], s[6];

	ap_addr(a, ap);
	sta_addr(s, sta);
	if (rnd_n(2))
		hdr(b, 0x4188, a, s, a);	/* to DS, protected */
	else
		hdr(b, 0x4288, s, a, a);	/* from DS, protected */
	put16(b, (uint16_t)rnd_n(8));
	put_fill(b, 8);				/* CCMP header */
	b->n += 40 + rnd_n(160);		/* ciphertext: any bytes */
}

static void
ctrl(struct buf *b, unsigned sta)
{
	uint8_t	 s[6];
	int	 rts = (int)rnd_n(2);

	sta_addr(s, sta);
	put16(b, rts ? 0x00b4 : 0x00d4);	/* RTS or ACK */
	put16(b, 0x002c);
	put(b, s, 6);
	if (rts)
		put(b, s, 6);
}

static void
eapol(struct buf *b, unsigned ap, unsigned sta, int msg)
{
	static const uint16_t ki[] = { 0x008a, 0x010a, 0x13ca, 0x030a };
	uint8_t		 a[6], s[6];

	ap_addr(a, ap);
	sta_addr(s, sta);
	if (msg == 1 || msg == 3)
		hdr(b, 0x0288, s, a, a);
	else
		hdr(b, 0x0188, a, s, a);
	put16(b, 6);
	put(b, "\xaa\xaa\x03\x00\x00\x00\x88\x8e", 8);
	put8(b, 2);
	put8(b, 3);
	put8(b, 0);
	put8(b, 95 + (msg == 2 ? 22 : msg == 3 ? 56 : 0));
	put8(b, 2);
	put8(b, ki[msg - 1] >> 8);
	put8(b, ki[msg - 1] & 0xff);
	put8(b, 0);
	put8(b, 16);
	put(b, "\x00\x00\x00\x00\x00\x00\x00", 7);
	put8(b, (uint8_t)(msg >= 3 ? 2 : 1));
	if (msg <= 3)
		put_fill(b, 32);		/* nonce */
	else
		b->n += 32;
	b->n += 16 + 8 + 8;			/* IV, RSC, reserved */
	if (msg == 1) {
		memset(b->b + b->n, 0, 16);	/* MIC */
		b->n += 16;
		put8(b, 0);
		put8(b, 0);
	} else {
		put_fill(b, 16);
		put8(b, 0);
		if (msg == 2) {
			put8(b, 22);
			rsne(b, 0, 0);
		} else if (msg == 3) {
			put8(b, 56);
			put_fill(b, 56);
		} else
			put8(b, 0);
	}
}

/* One of the roaming frames; k picks the family, alt the direction. */
static void
roam(struct buf *b, unsigned k, unsigned alt, unsigned ap, unsigned sta)
{
	uint8_t	 a[6], s[6], old[6];

	ap_addr(a, ap);
	sta_addr(s, sta);
	ap_addr(old, (ap + 1) % 32);
	switch (k) {
	case 0:		/* FT authentication */
		if (alt % 2 == 0) {
			hdr(b, 0x00b0, a, s, a);
			put16(b, 2);
			put16(b, 1);
			put16(b, 0);
			rsne(b, 1, 1);
			mde(b);
			fte(b, 1);
		} else {
			hdr(b, 0x00b0, s, a, a);
			put16(b, 2);
			put16(b, 2);
			put16(b, alt % 10 == 1 ? 53 : 0);
			rsne(b, 1, 1);
			mde(b);
			fte(b, 1);
		}
		break;
	case 1:		/* reassociation request */
		hdr(b, 0x0020, a, s, a);
		put16(b, 0x1111);
		put16(b, 10);
		put(b, old, 6);
		ssid(b);
		rates(b);
		rsne(b, 1, 1);
		mde(b);
		fte(b, 1);
		ie(b, 70, "\x73\x00\x00\x00\x00", 5);
		ie(b, 127, "\x04\x00\x08\x00\x00\x00\x00\x40", 8);
		break;
	case 2:		/* reassociation response */
		hdr(b, 0x0030, s, a, a);
		put16(b, 0x1111);
		put16(b, alt % 10 == 1 ? 53 : 0);
		put16(b, 0xc001);
		rates(b);
		rsne(b, 1, 1);
		mde(b);
		fte(b, 1);
		break;
	case 3:		/* RM neighbor report request / response */
		if (alt % 2 == 0) {
			hdr(b, 0x00d0, a, s, a);
			put8(b, 5);
			put8(b, 4);
			put8(b, (uint8_t)alt);
			ssid(b);
		} else {
			hdr(b, 0x00d0, s, a, a);
			put8(b, 5);
			put8(b, 5);
			put8(b, (uint8_t)alt);
			neighbor(b, ap, -1);
			neighbor(b, (ap + 1) % 32, -1);
			neighbor(b, (ap + 2) % 32, -1);
		}
		break;
	case 4:		/* BTM request / response */
		if (alt % 2 == 0) {
			hdr(b, 0x00d0, s, a, a);
			put8(b, 10);
			put8(b, 7);
			put8(b, (uint8_t)alt);
			put8(b, 0x05);
			put16(b, 20);
			put8(b, 200);
			neighbor(b, (ap + 1) % 32, 255);
			neighbor(b, (ap + 2) % 32, 128);
		} else {
			hdr(b, 0x00d0, a, s, a);
			put8(b, 10);
			put8(b, 8);
			put8(b, (uint8_t)alt);
			if (alt % 10 == 1) {
				put8(b, 7);
				put8(b, 0);
			} else {
				put8(b, 0);
				put8(b, 0);
				put(b, old, 6);
			}
		}
		break;
	case 5:		/* EAPOL-Key M1..M4 */
		eapol(b, ap, sta, (int)(alt % 4) + 1);
		break;
	case 6:		/* association request / deauthentication */
		if (alt % 2 == 0) {
			hdr(b, 0x0000, a, s, a);
			put16(b, 0x1111);
			put16(b, 10);
			ssid(b);
			rates(b);
			rsne(b, 0, 0);
			put8(b, 45);
			put8(b, 26);
			put_fill(b, 26);
			ie(b, 70, "\x73\x00\x00\x00\x00", 5);
		} else {
			hdr(b, 0x00c0, s, a, a);
			put16(b, 3);
		}
		break;
	}
}

int
main(int argc, char **argv)
{
	static struct buf b;
	FILE		*fp;
	unsigned long	 nbg = 1000000, nroam = 7000, i, total, bg = 0,
			 rm = 0;
	unsigned	 ap, sta, r, alt[N_ROAM_KINDS] = { 0 };
	int		 c;

	rng = 0x726f616d73636f70ULL;	/* "roamscop" */
	while ((c = getopt(argc, argv, "s:n:c:")) != -1) {
		switch (c) {
		case 's':
			rng = strtoull(optarg, NULL, 0) | 1;
			break;
		case 'n':
			nbg = strtoul(optarg, NULL, 0);
			nroam = nbg * 7 / 1000;
			break;
		case 'c':
			nsta = (unsigned)strtoul(optarg, NULL, 0);
			if (nsta == 0 || nsta > 65535)
				goto usage;
			break;
		default:
			goto usage;
		}
	}
	if (optind + 1 != argc)
		goto usage;
	if (strcmp(argv[optind], "-") == 0)
		fp = stdout;
	else if ((fp = fopen(argv[optind], "wb")) == NULL)
		err(1, "%s", argv[optind]);

	if (pcapw_write_header(fp, 65535, DLT_RADIOTAP) != 0)
		err(1, "write");

	total = nbg + nroam;
	tsft = 1700000000ULL * 1000000;
	for (i = 0; i < total; i++) {
		tsft += 1 + rnd_n(300);
		ap = rnd_n(32);
		sta = rnd_n(nsta);
		fcs = (int)rnd_n(2);
		radiotap(&b, ap);
		/* 7 roaming frames in every 1,001, spread evenly */
		if ((rm < nroam && i % 1001 < N_ROAM_KINDS) || bg >= nbg) {
			unsigned k = (unsigned)(rm % N_ROAM_KINDS);

			roam(&b, k, alt[k]++, ap, sta);
			rm++;
		} else {
			r = rnd_n(100);
			if (r < 40)
				beacon(&b, ap);
			else if (r < 88)
				qos_data(&b, ap, sta);
			else if (r < 92)
				probe_req(&b, sta);
			else if (r < 96)
				probe_resp(&b, ap, sta);
			else
				ctrl(&b, sta);
			bg++;
		}
		if (fcs) {
			/* the random bytes once written here: the same
			 * sequence for what follows */
			(void)rnd();
			(void)rnd();
			(void)rnd();
			(void)rnd();
			put_fcs(&b);
		}
		if (pcapw_write_record(fp, (uint32_t)(tsft / 1000000),
		    (uint32_t)(tsft % 1000000), b.b, (uint32_t)b.n) != 0)
			err(1, "write");
	}
	if (fclose(fp) != 0)
		err(1, "%s", argv[optind]);
	fprintf(fp == stdout ? stderr : stdout, "%s: %lu frames (%lu "
	    "background, %lu roaming, %u clients)\n", argv[optind], total, bg,
	    rm, nsta);
	return (0);

usage:
	fprintf(stderr, "usage: gen [-s seed] [-n background] [-c clients] "
	    "FILE\n");
	return (2);
}
