/*
 * test_frame.c -- radio headers, the MAC header and fixed fields, EAPOL
 * and EAP, the JSON writer and the --frames line, on hand-built frames.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dot11/dot11.h"
#include "frames.h"
#include "json.h"
#include "record.h"

static const uint8_t AP[6] = { 0x02, 0, 0, 0, 0x00, 0 };
static const uint8_t AP2[6] = { 0x02, 0, 0, 0, 0x01, 0 };
static const uint8_t STA[6] = { 0x02, 0, 0, 0, 0x02, 0 };
static const uint8_t BCAST[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
static const uint8_t X4[6] = { 0x02, 0, 0, 0, 0x04, 0 };

static struct d11_frame F;	/* large: not on the stack */

/* ------------------------------------------------------------------------
 * Builders.
 */
struct buf {
	uint8_t	 b[2048];
	size_t	 n;
};

static void
put(struct buf *b, const void *p, size_t n)
{
	assert_true(b->n + n <= sizeof(b->b));
	memcpy(b->b + b->n, p, n);
	b->n += n;
}

static void
put8(struct buf *b, uint8_t v)
{
	put(b, &v, 1);
}

static void
put16(struct buf *b, uint16_t v)
{
	uint8_t	 p[2] = { v & 0xff, v >> 8 };

	put(b, p, 2);
}

static void
put16be(struct buf *b, uint16_t v)
{
	uint8_t	 p[2] = { v >> 8, v & 0xff };

	put(b, p, 2);
}

static void
put32(struct buf *b, uint32_t v)
{
	put16(b, v & 0xffff);
	put16(b, v >> 16);
}

static void
put32be(struct buf *b, uint32_t v)
{
	put16be(b, v >> 16);
	put16be(b, v & 0xffff);
}

static void
put64(struct buf *b, uint64_t v)
{
	put32(b, (uint32_t)v);
	put32(b, (uint32_t)(v >> 32));
}

static void
pad_to(struct buf *b, size_t align, size_t base)
{
	while ((b->n - base) % align)
		put8(b, 0);
}

static void
fill(struct buf *b, uint8_t v, size_t n)
{
	while (n--)
		put8(b, v);
}

/* 802.11 management header. */
static void
mgmt_hdr(struct buf *b, uint8_t subtype, uint8_t flags, const uint8_t *da,
    const uint8_t *sa, const uint8_t *bssid)
{
	put8(b, (uint8_t)(subtype << 4));
	put8(b, flags);
	put16(b, 0x013a);
	put(b, da, 6);
	put(b, sa, 6);
	put(b, bssid, 6);
	put16(b, 0x1230);	/* seq 0x123, frag 0 */
}

/* Data header with the To/From DS bits and addresses as given. */
static void
data_hdr(struct buf *b, uint8_t subtype, uint8_t flags, const uint8_t *a1,
    const uint8_t *a2, const uint8_t *a3, const uint8_t *a4)
{
	put8(b, (uint8_t)(0x08 | subtype << 4));
	put8(b, flags);
	put16(b, 0);
	put(b, a1, 6);
	put(b, a2, 6);
	put(b, a3, 6);
	put16(b, 0x0010);
	if (a4 != NULL)
		put(b, a4, 6);
}

static void
llc_eapol(struct buf *b)
{
	static const uint8_t llc[] = { 0xaa, 0xaa, 0x03, 0, 0, 0, 0x88, 0x8e };

	put(b, llc, sizeof(llc));
}

/* EAPOL-Key: header and body with a MIC of mic_len and key data. */
static void
eapol_key(struct buf *b, uint8_t desc, uint16_t ki, uint64_t replay,
    size_t mic_len, const uint8_t *kd, uint16_t kdl)
{
	size_t	 body = 77 + mic_len + 2 + kdl;

	put8(b, 2);
	put8(b, 3);
	put16be(b, (uint16_t)body);
	put8(b, desc);
	put16be(b, ki);
	put16be(b, 16);
	put32be(b, (uint32_t)(replay >> 32));
	put32be(b, (uint32_t)replay);
	fill(b, 0x11, 32);		/* nonce */
	fill(b, 0, 16 + 8 + 8);		/* IV, RSC, reserved */
	fill(b, 0x22, mic_len);
	put16be(b, kdl);
	if (kdl)
		put(b, kd, kdl);
}

static enum d11_error
parse105(struct buf *b)
{
	return d11_parse(D11_DLT_IEEE802_11, b->b, b->n, &F);
}

/* ------------------------------------------------------------------------
 * Radiotap.
 */
#define P(bit)	(1U << (bit))

static void
rt_begin(struct buf *b, const uint32_t *words, size_t n)
{
	size_t	 i;

	b->n = 0;
	put8(b, 0);
	put8(b, 0);
	put16(b, 0);		/* it_len, set by rt_end */
	for (i = 0; i < n; i++)
		put32(b, words[i]);
}

static void
rt_end(struct buf *b)
{
	b->b[2] = b->n & 0xff;
	b->b[3] = (uint8_t)(b->n >> 8);
}

static void
beacon_after(struct buf *b)
{
	mgmt_hdr(b, 8, 0, BCAST, AP, AP);
	put64(b, 0x1122334455667788ULL);
	put16(b, 100);
	put16(b, 0x0411);
	put8(b, 0);
	put8(b, 4);
	put(b, "test", 4);
}

static void
test_rt_basic_alignment(void **state)
{
	struct buf	 b;
	uint32_t	 w = P(1) | P(2) | P(3) | P(5) | P(6);

	(void)state;
	rt_begin(&b, &w, 1);
	put8(&b, 0x00);		/* flags @8 */
	put8(&b, 12);		/* rate @9 */
	put16(&b, 5180);	/* channel @10 (2-aligned) */
	put16(&b, 0x0140);
	put8(&b, (uint8_t)-47);	/* signal @14 */
	put8(&b, (uint8_t)-95);
	rt_end(&b);
	assert_int_equal(b.n, 16);
	beacon_after(&b);
	assert_int_equal(d11_parse(D11_DLT_RADIOTAP, b.b, b.n, &F), D11_OK);
	assert_int_equal(F.radio.hdr_len, 16);
	assert_int_equal(F.radio.freq, 5180);
	assert_int_equal(F.radio.chan_flags, 0x0140);
	assert_int_equal(F.radio.rate, 12);
	assert_int_equal(F.radio.signal, -47);
	assert_int_equal(F.radio.noise, -95);
	assert_int_equal(F.kind, D11_K_BEACON);
	assert_int_equal(F.beacon_int, 100);
	assert_int_equal(F.beacon_tsf, 0x1122334455667788ULL);
	assert_non_null(F.ie.ssid);
	assert_memory_equal(F.ie.ssid, "test", 4);
}

/* TSFT (8-aligned) after a 1-byte field, through an extended bitmap. */
static void
test_rt_tsft_after_byte_ext(void **state)
{
	struct buf	 b;
	uint32_t	 w[2] = { P(1) | P(29) | P(31), P(0) | P(5) };

	(void)state;
	rt_begin(&b, w, 2);
	put8(&b, 0x00);			/* flags @12 */
	pad_to(&b, 8, 0);		/* TSFT @16 */
	put64(&b, 0x0102030405060708ULL);
	put8(&b, (uint8_t)-61);		/* signal @24 */
	rt_end(&b);
	assert_int_equal(b.n, 25);
	beacon_after(&b);
	assert_int_equal(d11_parse(D11_DLT_RADIOTAP, b.b, b.n, &F), D11_OK);
	assert_true(F.radio.present & D11_RADIO_TSFT);
	assert_true(F.radio.tsft == 0x0102030405060708ULL);
	assert_int_equal(F.radio.signal, -61);
	assert_int_equal(F.kind, D11_K_BEACON);
}

/* Per-antenna words repeat the signal: the first one is kept. */
static void
test_rt_multi_antenna(void **state)
{
	struct buf	 b;
	uint32_t	 w[3] = { P(5) | P(29) | P(31),
			     P(5) | P(11) | P(29) | P(31), P(5) | P(11) };

	(void)state;
	rt_begin(&b, w, 3);
	put8(&b, (uint8_t)-40);
	put8(&b, (uint8_t)-44);
	put8(&b, 0);
	put8(&b, (uint8_t)-42);
	put8(&b, 1);
	rt_end(&b);
	beacon_after(&b);
	assert_int_equal(d11_parse(D11_DLT_RADIOTAP, b.b, b.n, &F), D11_OK);
	assert_int_equal(F.radio.signal, -40);
	assert_int_equal(F.radio.antenna, 0);
	assert_int_equal(F.kind, D11_K_BEACON);
}

/* A vendor namespace is skipped by its skip_length. */
static void
test_rt_vendor_skip(void **state)
{
	struct buf	 b;
	uint32_t	 w[3] = { P(1) | P(30) | P(31), P(0) | P(3) | P(29) |
			     P(31), P(5) };

	(void)state;
	rt_begin(&b, w, 3);
	put8(&b, 0x00);			/* flags @16 */
	pad_to(&b, 2, 0);		/* vendor ns @18 */
	put8(&b, 0x00);
	put8(&b, 0x11);
	put8(&b, 0x22);
	put8(&b, 7);			/* sub namespace */
	put16(&b, 5);			/* skip_length */
	put8(&b, 0xde);
	put8(&b, 0xad);
	put8(&b, 0xbe);
	put8(&b, 0xef);
	put8(&b, 0x7f);
	put8(&b, (uint8_t)-33);		/* signal, radiotap ns again */
	rt_end(&b);
	beacon_after(&b);
	assert_int_equal(d11_parse(D11_DLT_RADIOTAP, b.b, b.n, &F), D11_OK);
	assert_true(F.radio.present & D11_RADIO_SIGNAL);
	assert_int_equal(F.radio.signal, -33);
	assert_false(F.radio.present & D11_RADIO_FREQ);
	assert_int_equal(F.kind, D11_K_BEACON);
}

/* MCS (3 bytes), VHT and HE after odd offsets. */
static void
test_rt_mcs_vht_he(void **state)
{
	struct buf	 b;
	uint32_t	 w = P(1) | P(19);
	uint32_t	 w2 = P(2) | P(21);
	uint32_t	 w3 = P(2) | P(23);

	(void)state;
	rt_begin(&b, &w, 1);
	put8(&b, 0);
	put8(&b, 0x01);		/* known: bandwidth */
	put8(&b, 0x01);		/* 40 MHz */
	put8(&b, 7);
	rt_end(&b);
	beacon_after(&b);
	assert_int_equal(d11_parse(D11_DLT_RADIOTAP, b.b, b.n, &F), D11_OK);
	assert_int_equal(F.radio.mcs, 7);
	assert_int_equal(F.radio.bw, 4);

	rt_begin(&b, &w2, 1);
	put8(&b, 2);		/* rate @8; VHT @10 */
	pad_to(&b, 2, 0);
	put16(&b, 0x0040);	/* bandwidth known */
	put8(&b, 0);
	put8(&b, 4);		/* 80 MHz */
	put8(&b, 0x92);		/* user 0: MCS 9, NSS 2 */
	fill(&b, 0, 7);
	rt_end(&b);
	assert_int_equal(b.n, 22);
	beacon_after(&b);
	assert_int_equal(d11_parse(D11_DLT_RADIOTAP, b.b, b.n, &F), D11_OK);
	assert_int_equal(F.radio.mcs, 9);
	assert_int_equal(F.radio.nss, 2);
	assert_int_equal(F.radio.bw, 8);

	rt_begin(&b, &w3, 1);
	put8(&b, 2);
	pad_to(&b, 2, 0);
	put16(&b, 0x4020);	/* data MCS known, BW known */
	put16(&b, 0);
	put16(&b, 11 << 8);	/* data3: MCS 11 */
	put16(&b, 0);
	put16(&b, 3);		/* data5: 160 MHz */
	put16(&b, 2);		/* data6: NSTS 2 */
	rt_end(&b);
	beacon_after(&b);
	assert_int_equal(d11_parse(D11_DLT_RADIOTAP, b.b, b.n, &F), D11_OK);
	assert_true(F.radio.present & D11_RADIO_HE);
	assert_int_equal(F.radio.mcs, 11);
	assert_int_equal(F.radio.bw, 16);
	assert_int_equal(F.radio.nss, 2);
}

/* FCS at the end and DATAPAD between a QoS header and its body. */
static void
test_rt_fcs_datapad(void **state)
{
	struct buf	 b;
	uint32_t	 w = P(1);
	size_t		 mac_start;

	(void)state;
	rt_begin(&b, &w, 1);
	put8(&b, 0x10 | 0x20);	/* FCS, DATAPAD */
	rt_end(&b);
	mac_start = b.n;
	data_hdr(&b, 8, 0x02, STA, AP, AP, NULL);	/* QoS, FromDS */
	put16(&b, 0x0007);	/* QoS control: 26 bytes of header */
	put16(&b, 0);		/* pad to 28 */
	llc_eapol(&b);
	eapol_key(&b, 2, 0x008a, 1, 16, NULL, 0);
	put32(&b, 0xdeadbeef);	/* FCS */
	assert_int_equal(d11_parse(D11_DLT_RADIOTAP, b.b, b.n, &F), D11_OK);
	assert_int_equal(F.mac_len, b.n - mac_start - 4);
	assert_true(F.has_qos);
	assert_int_equal(F.kind, D11_K_EAPOL);
	assert_int_equal(F.eapol.msg, D11_EAPOL_M1);
	assert_int_equal(F.eapol.mic_len, 16);
	assert_false(F.bad_fcs);

	b.b[8] = 0x10 | 0x20 | 0x40;	/* bad FCS */
	assert_int_equal(d11_parse(D11_DLT_RADIOTAP, b.b, b.n, &F), D11_OK);
	assert_true(F.bad_fcs);

	b.b[8] = 0x10;		/* no DATAPAD: the pad is read as LLC */
	assert_int_equal(d11_parse(D11_DLT_RADIOTAP, b.b, b.n, &F), D11_OK);
	assert_int_equal(F.kind, D11_K_DATA);
}

static void
test_rt_lies(void **state)
{
	struct buf	 b;
	uint32_t	 w = P(1) | P(3);

	(void)state;
	/* it_len larger than the capture */
	rt_begin(&b, &w, 1);
	put8(&b, 0);
	put8(&b, 0);
	put16(&b, 2412);
	put16(&b, 0);
	rt_end(&b);
	b.b[2] = 200;
	assert_int_equal(d11_parse(D11_DLT_RADIOTAP, b.b, b.n, &F),
	    D11_E_RADIO_TRUNC);
	assert_int_equal(F.kind, D11_K_NONE);
	/* it_len below the fixed header, and a bad version */
	b.b[2] = 4;
	assert_int_equal(d11_parse(D11_DLT_RADIOTAP, b.b, b.n, &F),
	    D11_E_RADIO_BAD);
	b.b[2] = 12;
	b.b[0] = 1;
	assert_int_equal(d11_parse(D11_DLT_RADIOTAP, b.b, b.n, &F),
	    D11_E_RADIO_BAD);
	b.b[0] = 0;
	/* Channel claimed but cut by it_len: not read, frame still found */
	b.n = 0;
	rt_begin(&b, &w, 1);
	put8(&b, 0);
	put8(&b, 0);
	rt_end(&b);
	beacon_after(&b);
	assert_int_equal(d11_parse(D11_DLT_RADIOTAP, b.b, b.n, &F), D11_OK);
	assert_false(F.radio.present & D11_RADIO_FREQ);
	assert_int_equal(F.kind, D11_K_BEACON);
	/* An extended bitmap running past it_len */
	w = P(31);
	rt_begin(&b, &w, 1);
	rt_end(&b);
	assert_int_equal(d11_parse(D11_DLT_RADIOTAP, b.b, b.n, &F),
	    D11_E_RADIO_BAD);
	/* Shorter than a radiotap header */
	assert_int_equal(d11_parse(D11_DLT_RADIOTAP, b.b, 5, &F),
	    D11_E_RADIO_TRUNC);
	/* TLVs end the fixed fields; the frame is at it_len */
	w = P(1) | P(28);
	rt_begin(&b, &w, 1);
	put8(&b, 0);
	pad_to(&b, 4, 0);
	put16(&b, 3);
	put16(&b, 4);
	put32(&b, 0x12345678);
	rt_end(&b);
	beacon_after(&b);
	assert_int_equal(d11_parse(D11_DLT_RADIOTAP, b.b, b.n, &F), D11_OK);
	assert_int_equal(F.kind, D11_K_BEACON);
	assert_memory_equal(F.sa, AP, 6);
}

/*
 * TSFT, Flags, Rate and Channel first (read at once): after two present
 * words as Linux writes them (RX flags, a second radiotap word of
 * per-antenna fields), cut inside the channel, and with frequency 0.
 */
static void
rt_tsft_rate(struct buf *b, uint32_t w, uint16_t freq, uint16_t cflags,
    bool whole)
{
	rt_begin(b, &w, 1);
	put64(b, 77);			/* TSFT @8 */
	put8(b, 0);			/* flags, rate */
	put8(b, 2);
	put16(b, freq);			/* channel @18, cut unless whole */
	if (whole)
		put16(b, cflags);
	rt_end(b);
}

static void
test_rt_common_first(void **state)
{
	struct buf	 b;
	uint32_t	 w[2] = { P(0) | P(1) | P(2) | P(3) | P(5) | P(14) |
			    P(29) | P(31), P(5) | P(11) };
	uint32_t	 w1 = P(0) | P(1) | P(2) | P(3);

	(void)state;
	rt_begin(&b, w, 2);
	pad_to(&b, 8, 0);		/* TSFT @16 */
	put64(&b, 0x0a0b0c0d0e0f1011ULL);
	put8(&b, 0x10);			/* flags @24: FCS at the end */
	put8(&b, 108);			/* rate @25 */
	put16(&b, 5745);		/* channel @26 */
	put16(&b, 0x0140);
	put8(&b, (uint8_t)-52);		/* signal @30 */
	pad_to(&b, 2, 0);
	put16(&b, 0);			/* RX flags @32 */
	put8(&b, (uint8_t)-50);		/* antenna 0's signal @34 */
	put8(&b, 0);			/* antenna @35 */
	rt_end(&b);
	assert_int_equal(b.n, 36);
	beacon_after(&b);
	put32(&b, 0);			/* the FCS (not checked here) */
	assert_int_equal(d11_parse(D11_DLT_RADIOTAP, b.b, b.n, &F), D11_OK);
	assert_int_equal(F.radio.hdr_len, 36);
	assert_true(F.radio.tsft == 0x0a0b0c0d0e0f1011ULL);
	assert_int_equal(F.radio.flags, 0x10);
	assert_int_equal(F.radio.rate, 108);
	assert_int_equal(F.radio.freq, 5745);
	assert_int_equal(F.radio.chan_flags, 0x0140);
	assert_int_equal(F.radio.signal, -52);
	assert_int_equal(F.radio.antenna, 0);
	assert_int_equal(F.radio.present & (D11_RADIO_TSFT | D11_RADIO_FLAGS |
	    D11_RADIO_RATE | D11_RADIO_FREQ | D11_RADIO_SIGNAL |
	    D11_RADIO_ANTENNA), D11_RADIO_TSFT | D11_RADIO_FLAGS |
	    D11_RADIO_RATE | D11_RADIO_FREQ | D11_RADIO_SIGNAL |
	    D11_RADIO_ANTENNA);
	assert_true(F.fcs_at_end);
	assert_int_equal(F.kind, D11_K_BEACON);
	assert_non_null(F.ie.ssid);
	assert_memory_equal(F.ie.ssid, "test", 4);

	/* it_len ends inside the channel: the fields before it are read */
	rt_tsft_rate(&b, w1, 2412, 0, false);
	assert_int_equal(b.n, 20);
	beacon_after(&b);
	assert_int_equal(d11_parse(D11_DLT_RADIOTAP, b.b, b.n, &F), D11_OK);
	assert_true(F.radio.tsft == 77);
	assert_true(F.radio.present & D11_RADIO_RATE);
	assert_int_equal(F.radio.rate, 2);
	assert_false(F.radio.present & D11_RADIO_FREQ);
	assert_int_equal(F.kind, D11_K_BEACON);

	/* a channel of frequency 0 is no frequency */
	rt_tsft_rate(&b, w1, 0, 0x00a0, true);
	beacon_after(&b);
	assert_int_equal(d11_parse(D11_DLT_RADIOTAP, b.b, b.n, &F), D11_OK);
	assert_false(F.radio.present & D11_RADIO_FREQ);
	assert_int_equal(F.radio.chan_flags, 0x00a0);
	assert_int_equal(F.kind, D11_K_BEACON);
}

/* ------------------------------------------------------------------------
 * PPI, Prism, AVS, plain.
 */
static void
test_ppi(void **state)
{
	struct buf	 b = { .n = 0 };

	(void)state;
	put8(&b, 0);
	put8(&b, 0);
	put16(&b, 8 + 4 + 20);
	put32(&b, 105);
	put16(&b, 2);		/* 802.11-common */
	put16(&b, 20);
	put64(&b, 99);
	put16(&b, 0x0001);	/* FCS present */
	put16(&b, 12);
	put16(&b, 5180);
	put16(&b, 0x0140);
	put8(&b, 0);
	put8(&b, 0);
	put8(&b, (uint8_t)-50);
	put8(&b, (uint8_t)-90);
	beacon_after(&b);
	put32(&b, 0);		/* FCS */
	assert_int_equal(d11_parse(D11_DLT_PPI, b.b, b.n, &F), D11_OK);
	assert_int_equal(F.radio.freq, 5180);
	assert_int_equal(F.radio.signal, -50);
	assert_int_equal(F.radio.noise, -90);
	assert_true(F.radio.tsft == 99);
	assert_int_equal(F.kind, D11_K_BEACON);
	assert_int_equal(F.mac_len, b.n - 32 - 4);

	b.b[4] = 1;		/* inner DLT not 802.11 */
	assert_int_equal(d11_parse(D11_DLT_PPI, b.b, b.n, &F),
	    D11_E_LINKTYPE);
	b.b[4] = 105;
	b.b[2] = 255;		/* pph_len past the capture */
	b.b[3] = 255;
	assert_int_equal(d11_parse(D11_DLT_PPI, b.b, b.n, &F),
	    D11_E_RADIO_TRUNC);
}

static void
prism_item(struct buf *b, uint32_t did, uint16_t status, uint32_t v)
{
	put32(b, did);
	put16(b, status);
	put16(b, 4);
	put32(b, v);
}

static void
test_prism(void **state)
{
	struct buf	 b = { .n = 0 };
	int		 i;

	(void)state;
	put32(&b, 0x44);
	put32(&b, 144);
	fill(&b, 'w', 16);
	prism_item(&b, 1, 0, 0);
	prism_item(&b, 2, 0, 777);		/* mactime */
	prism_item(&b, 3, 0, 6);		/* channel */
	prism_item(&b, 4, 0, 40);
	prism_item(&b, 5, 1, 0);
	prism_item(&b, 6, 0, (uint32_t)-60);	/* signal */
	prism_item(&b, 7, 1, 0);		/* noise: no value */
	prism_item(&b, 8, 0, 108);
	for (i = 8; i < 10; i++)
		prism_item(&b, 9 + i, 0, 0);
	assert_int_equal(b.n, 144);
	beacon_after(&b);
	assert_int_equal(d11_parse(D11_DLT_PRISM, b.b, b.n, &F), D11_OK);
	assert_int_equal(F.radio.freq, 2437);
	assert_int_equal(F.radio.signal, -60);
	assert_false(F.radio.present & D11_RADIO_NOISE);
	assert_int_equal(F.radio.rate, 108);
	assert_int_equal(F.kind, D11_K_BEACON);
	assert_memory_equal(F.bssid, AP, 6);

	/* No Prism message code: a bare 802.11 frame (as tshark reads it) */
	b.n = 0;
	beacon_after(&b);
	assert_int_equal(d11_parse(D11_DLT_PRISM, b.b, b.n, &F), D11_OK);
	assert_int_equal(F.kind, D11_K_BEACON);
}

static void
test_avs(void **state)
{
	struct buf	 b = { .n = 0 };

	(void)state;
	put32be(&b, 0x80211001);
	put32be(&b, 64);
	put32be(&b, 0);
	put32be(&b, 5000);	/* mactime */
	fill(&b, 0, 8);
	put32be(&b, 8);		/* phytype */
	put32be(&b, 36);	/* channel */
	put32be(&b, 540);	/* 54 Mb/s in 100 kb/s */
	put32be(&b, 1);
	put32be(&b, 0);
	put32be(&b, 2);		/* ssi_type dBm */
	put32be(&b, (uint32_t)-55);
	put32be(&b, (uint32_t)-92);
	put32be(&b, 0);
	put32be(&b, 0);
	assert_int_equal(b.n, 64);
	beacon_after(&b);
	assert_int_equal(d11_parse(D11_DLT_AVS, b.b, b.n, &F), D11_OK);
	assert_int_equal(F.radio.freq, 5180);
	assert_int_equal(F.radio.signal, -55);
	assert_int_equal(F.radio.noise, -92);
	assert_int_equal(F.radio.rate, 108);
	assert_true(F.radio.tsft == 5000);
	assert_int_equal(F.kind, D11_K_BEACON);
	/* AVS under DLT 119 too */
	assert_int_equal(d11_parse(D11_DLT_PRISM, b.b, b.n, &F), D11_OK);
	assert_int_equal(F.radio.freq, 5180);
	assert_int_equal(F.kind, D11_K_BEACON);

	assert_int_equal(d11_parse(99, b.b, b.n, &F), D11_E_LINKTYPE);
	assert_false(d11_dlt_supported(1));
	assert_true(d11_dlt_supported(163));
	assert_string_equal(d11_dlt_name(127), "radiotap");
}

/* ------------------------------------------------------------------------
 * MAC header.
 */
static void
test_ds_bits(void **state)
{
	struct buf	 b;

	(void)state;
	b.n = 0;			/* 00: DA SA BSSID */
	data_hdr(&b, 0, 0x00, STA, X4, AP, NULL);
	assert_int_equal(parse105(&b), D11_OK);
	assert_memory_equal(F.da, STA, 6);
	assert_memory_equal(F.sa, X4, 6);
	assert_memory_equal(F.bssid, AP, 6);
	assert_null(F.addr4);

	b.n = 0;			/* ToDS: BSSID SA DA */
	data_hdr(&b, 0, 0x01, AP, STA, X4, NULL);
	assert_int_equal(parse105(&b), D11_OK);
	assert_memory_equal(F.bssid, AP, 6);
	assert_memory_equal(F.sa, STA, 6);
	assert_memory_equal(F.da, X4, 6);
	assert_true(F.to_ds);
	assert_false(F.from_ds);

	b.n = 0;			/* FromDS: DA BSSID SA */
	data_hdr(&b, 0, 0x02, STA, AP, X4, NULL);
	assert_int_equal(parse105(&b), D11_OK);
	assert_memory_equal(F.da, STA, 6);
	assert_memory_equal(F.bssid, AP, 6);
	assert_memory_equal(F.sa, X4, 6);

	b.n = 0;			/* WDS: RA TA DA SA */
	data_hdr(&b, 0, 0x03, AP2, AP, STA, X4);
	assert_int_equal(parse105(&b), D11_OK);
	assert_memory_equal(F.ra, AP2, 6);
	assert_memory_equal(F.ta, AP, 6);
	assert_memory_equal(F.da, STA, 6);
	assert_memory_equal(F.sa, X4, 6);
	assert_null(F.bssid);
	assert_non_null(F.addr4);
	/* ... and cut before address 4 */
	b.n = 28;
	assert_int_equal(parse105(&b), D11_E_SHORT);
	assert_int_equal(F.kind, D11_K_NONE);
}

static void
test_data_flags_null_qos_htc(void **state)
{
	struct buf	 b = { .n = 0 };

	(void)state;
	/* QoS Null, retry, power management, +HTC */
	data_hdr(&b, 12, 0x01 | 0x08 | 0x10 | 0x80, AP, STA, AP, NULL);
	put16(&b, 0x0005);
	put32(&b, 0xaabbccdd);
	assert_int_equal(parse105(&b), D11_OK);
	assert_int_equal(F.kind, D11_K_DATA);
	assert_true(F.is_null);
	assert_true(F.retry);
	assert_true(F.pwr_mgt);
	assert_true(F.has_qos);
	assert_int_equal(F.qos, 5);
	assert_true(F.has_htc);
	assert_int_equal(F.htc, 0xaabbccdd);
	assert_int_equal(F.body_len, 0);
	assert_int_equal(F.seq, 1);

	/* Protected data: no LLC read */
	b.n = 0;
	data_hdr(&b, 8, 0x01 | 0x40, AP, STA, AP, NULL);
	put16(&b, 0);
	llc_eapol(&b);
	eapol_key(&b, 2, 0x010a, 1, 16, NULL, 0);
	assert_int_equal(parse105(&b), D11_OK);
	assert_int_equal(F.kind, D11_K_DATA);
	assert_true(F.protected);
	assert_int_equal(F.ethertype, 0);

	/* IPv4 over LLC */
	b.n = 0;
	data_hdr(&b, 0, 0x01, AP, STA, AP, NULL);
	put(&b, "\xaa\xaa\x03\x00\x00\x00\x08\x00", 8);
	fill(&b, 0x45, 20);
	assert_int_equal(parse105(&b), D11_OK);
	assert_int_equal(F.kind, D11_K_DATA);
	assert_int_equal(F.ethertype, 0x0800);
}

static void
test_ctrl(void **state)
{
	struct buf	 b = { .n = 0 };

	(void)state;
	put8(&b, 0xd4);			/* ACK */
	put8(&b, 0);
	put16(&b, 0);
	put(&b, STA, 6);
	assert_int_equal(parse105(&b), D11_OK);
	assert_int_equal(F.kind, D11_K_CTRL);
	assert_memory_equal(F.ra, STA, 6);
	assert_null(F.ta);
	assert_null(F.sa);

	b.n = 0;
	put8(&b, 0xb4);			/* RTS */
	put8(&b, 0);
	put16(&b, 100);
	put(&b, AP, 6);
	put(&b, STA, 6);
	assert_int_equal(parse105(&b), D11_OK);
	assert_memory_equal(F.ta, STA, 6);
	assert_int_equal(F.duration, 100);

	b.n = 0;
	put8(&b, 0xa4);			/* PS-Poll */
	put8(&b, 0x10);
	put16(&b, 0xc001);
	put(&b, AP, 6);
	put(&b, STA, 6);
	assert_int_equal(parse105(&b), D11_OK);
	assert_memory_equal(F.bssid, AP, 6);

	assert_int_equal(d11_parse(D11_DLT_IEEE802_11, b.b, 9, &F),
	    D11_E_SHORT);
}

/* ------------------------------------------------------------------------
 * Management fixed fields.
 */
static void
test_mgmt_assoc_reassoc(void **state)
{
	struct buf	 b = { .n = 0 };
	static const uint8_t mde[] = { 54, 3, 0xa1, 0xb2, 0x01 };

	(void)state;
	mgmt_hdr(&b, 0, 0, AP, STA, AP);
	put16(&b, 0x0431);
	put16(&b, 10);
	put8(&b, 0);
	put8(&b, 7);
	put(&b, "roamlab", 7);
	put(&b, mde, sizeof(mde));
	assert_int_equal(parse105(&b), D11_OK);
	assert_int_equal(F.kind, D11_K_ASSOC_REQ);
	assert_true(F.has_capab);
	assert_int_equal(F.capab, 0x0431);
	assert_true(F.has_listen);
	assert_int_equal(F.listen_interval, 10);
	assert_true(F.has_elems);
	assert_int_equal(F.ie.ssid_len, 7);
	assert_true(F.ie.has_mde);
	assert_int_equal(F.ie.mde.mdid[0], 0xa1);
	assert_int_equal(F.seq, 0x123);
	assert_null(F.current_ap);

	b.n = 0;
	mgmt_hdr(&b, 2, 0, AP2, STA, AP2);
	put16(&b, 0x0431);
	put16(&b, 10);
	put(&b, AP, 6);
	put8(&b, 0);
	put8(&b, 0);
	assert_int_equal(parse105(&b), D11_OK);
	assert_int_equal(F.kind, D11_K_REASSOC_REQ);
	assert_memory_equal(F.current_ap, AP, 6);
	assert_non_null(F.ie.ssid);
	/* cut inside Current AP: capab and listen kept, no current AP */
	b.n = 24 + 7;
	assert_int_equal(parse105(&b), D11_OK);
	assert_int_equal(F.kind, D11_K_REASSOC_REQ);
	assert_true(F.has_listen);
	assert_null(F.current_ap);
	assert_int_equal(F.ie.n_malformed, 1);

	b.n = 0;
	mgmt_hdr(&b, 3, 0, STA, AP2, AP2);
	put16(&b, 0x0411);
	put16(&b, 53);
	put16(&b, 0xc005);
	assert_int_equal(parse105(&b), D11_OK);
	assert_int_equal(F.kind, D11_K_REASSOC_RESP);
	assert_true(F.has_status);
	assert_int_equal(F.status, 53);
	assert_true(F.has_aid);
	assert_int_equal(F.aid, 5);
	/* cut after the status: no AID */
	b.n -= 2;
	assert_int_equal(parse105(&b), D11_OK);
	assert_true(F.has_status);
	assert_false(F.has_aid);
	assert_int_equal(F.ie.n_malformed, 1);
	/* only one byte of body */
	b.n = 25;
	assert_int_equal(parse105(&b), D11_OK);
	assert_false(F.has_capab);
	assert_false(F.has_status);
}

static void
test_mgmt_auth_deauth(void **state)
{
	struct buf	 b = { .n = 0 };

	(void)state;
	mgmt_hdr(&b, 11, 0, AP, STA, AP);
	put16(&b, 2);		/* FT */
	put16(&b, 1);
	put16(&b, 0);
	put8(&b, 54);
	put8(&b, 3);
	put8(&b, 0xa1);
	put8(&b, 0xb2);
	put8(&b, 0);
	assert_int_equal(parse105(&b), D11_OK);
	assert_int_equal(F.kind, D11_K_AUTH);
	assert_true(F.has_auth);
	assert_int_equal(F.auth_alg, 2);
	assert_int_equal(F.auth_seq, 1);
	assert_true(F.has_status);
	assert_int_equal(F.status, 0);
	assert_true(F.ie.has_mde);
	/* cut before the status */
	b.n = 24 + 4;
	assert_int_equal(parse105(&b), D11_OK);
	assert_true(F.has_auth);
	assert_false(F.has_status);
	assert_int_equal(F.ie.n_malformed, 1);

	/* SAE: the body after the fixed fields is SAE data, not elements */
	b.n = 0;
	mgmt_hdr(&b, 11, 0, AP, STA, AP);
	put16(&b, 3);
	put16(&b, 1);
	put16(&b, 0);
	put16(&b, 19);		/* group */
	fill(&b, 0x5a, 96);
	assert_int_equal(parse105(&b), D11_OK);
	assert_int_equal(F.auth_alg, 3);
	assert_non_null(F.sae_data);
	assert_int_equal(F.sae_len, 98);
	assert_false(F.has_elems);
	assert_int_equal(F.ie.n_elems, 0);

	b.n = 0;
	mgmt_hdr(&b, 12, 0, STA, AP, AP);
	put16(&b, 15);
	assert_int_equal(parse105(&b), D11_OK);
	assert_int_equal(F.kind, D11_K_DEAUTH);
	assert_true(F.has_reason);
	assert_int_equal(F.reason, 15);

	b.n = 0;
	mgmt_hdr(&b, 10, 0, STA, AP, AP);
	put16(&b, 8);
	assert_int_equal(parse105(&b), D11_OK);
	assert_int_equal(F.kind, D11_K_DISASSOC);
	assert_int_equal(F.reason, 8);
	/* empty body */
	b.n = 24;
	assert_int_equal(parse105(&b), D11_OK);
	assert_false(F.has_reason);
	assert_int_equal(F.ie.n_malformed, 1);

	/* PMF-protected deauth: ciphertext, no reason read */
	b.n = 0;
	mgmt_hdr(&b, 12, 0x40, STA, AP, AP);
	fill(&b, 0x99, 8 + 2 + 8);
	assert_int_equal(parse105(&b), D11_OK);
	assert_int_equal(F.kind, D11_K_DEAUTH);
	assert_true(F.protected);
	assert_false(F.has_reason);

	/* shorter than a management header */
	assert_int_equal(d11_parse(D11_DLT_IEEE802_11, b.b, 20, &F),
	    D11_E_SHORT);
	assert_int_equal(F.kind, D11_K_NONE);
}

static void
test_mgmt_beacon_probe_htc(void **state)
{
	struct buf	 b = { .n = 0 };

	(void)state;
	mgmt_hdr(&b, 5, 0x80, STA, AP, AP);	/* probe resp, +HTC */
	put32(&b, 0x11223344);
	put64(&b, 42);
	put16(&b, 200);
	put16(&b, 0x0001);
	put8(&b, 0);
	put8(&b, 2);
	put(&b, "hi", 2);
	assert_int_equal(parse105(&b), D11_OK);
	assert_int_equal(F.kind, D11_K_PROBE_RESP);
	assert_true(F.has_htc);
	assert_int_equal(F.htc, 0x11223344);
	assert_true(F.beacon_tsf == 42);
	assert_int_equal(F.beacon_int, 200);
	assert_int_equal(F.ie.ssid_len, 2);

	b.n = 0;
	mgmt_hdr(&b, 4, 0, BCAST, STA, BCAST);
	put8(&b, 0);
	put8(&b, 0);
	assert_int_equal(parse105(&b), D11_OK);
	assert_int_equal(F.kind, D11_K_PROBE_REQ);
	assert_non_null(F.ie.ssid);
	assert_int_equal(F.ie.ssid_len, 0);

	/* beacon cut in its timestamp */
	b.n = 0;
	beacon_after(&b);
	b.n = 24 + 6;
	assert_int_equal(parse105(&b), D11_OK);
	assert_int_equal(F.kind, D11_K_BEACON);
	assert_false(F.has_capab);
	assert_int_equal(F.ie.n_malformed, 1);

	/* ATIM and reserved subtypes */
	b.n = 0;
	mgmt_hdr(&b, 9, 0, STA, AP, AP);
	assert_int_equal(parse105(&b), D11_OK);
	assert_int_equal(F.kind, D11_K_MGMT_OTHER);
}

static void
test_mgmt_action(void **state)
{
	struct buf	 b = { .n = 0 };

	(void)state;
	mgmt_hdr(&b, 13, 0, STA, AP, AP);	/* ADDBA response */
	put8(&b, 3);
	put8(&b, 1);
	put8(&b, 0xf0);
	put16(&b, 37);
	put16(&b, 0x1003);
	put16(&b, 0);
	assert_int_equal(parse105(&b), D11_OK);
	assert_int_equal(F.kind, D11_K_ACTION);
	assert_int_equal(F.act.category, 3);
	assert_true(F.has_status);
	assert_int_equal(F.status, 37);

	b.n = 0;
	mgmt_hdr(&b, 13, 0, STA, AP, AP);	/* DELBA */
	put8(&b, 3);
	put8(&b, 2);
	put16(&b, 0x0800);
	put16(&b, 39);
	assert_int_equal(parse105(&b), D11_OK);
	assert_true(F.has_reason);
	assert_int_equal(F.reason, 39);
	assert_false(F.has_status);

	b.n = 0;
	mgmt_hdr(&b, 14, 0x40, STA, AP, AP);	/* protected, no ack */
	fill(&b, 0x77, 20);
	assert_int_equal(parse105(&b), D11_OK);
	assert_int_equal(F.kind, D11_K_ACTION_NOACK);
	assert_false(F.act.readable);
	assert_false(F.has_status);
}

/* ------------------------------------------------------------------------
 * EAPOL and EAP.
 */
static void
key_frame(struct buf *b, uint8_t desc, uint16_t ki, size_t mic_len,
    const uint8_t *kd, uint16_t kdl)
{
	b->n = 0;
	if (ki & D11_KI_ACK)
		data_hdr(b, 0, 0x02, STA, AP, AP, NULL);
	else
		data_hdr(b, 0, 0x01, AP, STA, AP, NULL);
	llc_eapol(b);
	eapol_key(b, desc, ki, 7, mic_len, kd, kdl);
}

static void
test_eapol_4way(void **state)
{
	struct buf	 b;
	static const uint8_t pmkid_kde[22] = { 0xdd, 20, 0x00, 0x0f, 0xac, 4,
	    1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
	static const uint8_t rsne[22] = { 48, 20, 1, 0, 0, 0x0f, 0xac, 4, 1, 0,
	    0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 2, 0, 0 };

	(void)state;
	key_frame(&b, 2, 0x008a, 16, pmkid_kde, sizeof(pmkid_kde));
	assert_int_equal(parse105(&b), D11_OK);
	assert_int_equal(F.kind, D11_K_EAPOL);
	assert_int_equal(F.eapol.type, D11_EAPOL_KEY);
	assert_int_equal(F.eapol.msg, D11_EAPOL_M1);
	assert_true(F.eapol.replay == 7);
	assert_int_equal(F.eapol.key_info, 0x008a);
	assert_non_null(F.eapol.nonce);
	assert_int_equal(F.eapol.nonce[0], 0x11);
	assert_non_null(F.eapol.pmkid_kde);
	assert_int_equal(F.eapol.pmkid_kde[0], 1);
	assert_int_equal(F.eapol.pmkid_kde[15], 16);
	assert_false(F.eapol.malformed);

	key_frame(&b, 2, 0x010a, 16, rsne, sizeof(rsne));
	assert_int_equal(parse105(&b), D11_OK);
	assert_int_equal(F.eapol.msg, D11_EAPOL_M2);
	assert_int_equal(F.eapol.key_data_len, sizeof(rsne));
	assert_null(F.eapol.pmkid_kde);
	assert_true(F.has_elems);		/* the RSNE in key data */
	assert_non_null(F.ie.rsn_ie);

	key_frame(&b, 2, 0x13ca, 16, rsne, sizeof(rsne));
	assert_int_equal(parse105(&b), D11_OK);
	assert_int_equal(F.eapol.msg, D11_EAPOL_M3);
	assert_null(F.eapol.key_data);		/* encrypted */

	key_frame(&b, 2, 0x030a, 16, NULL, 0);
	assert_int_equal(parse105(&b), D11_OK);
	assert_int_equal(F.eapol.msg, D11_EAPOL_M4);

	/* WPA1: 3/4 without Secure, 4/4 with MIC only */
	key_frame(&b, 254, 0x01c9, 16, NULL, 0);
	assert_int_equal(parse105(&b), D11_OK);
	assert_int_equal(F.eapol.msg, D11_EAPOL_M3);
	key_frame(&b, 254, 0x0109, 16, NULL, 0);
	assert_int_equal(parse105(&b), D11_OK);
	assert_int_equal(F.eapol.msg, D11_EAPOL_M4);

	/* group key handshake */
	key_frame(&b, 2, 0x1382, 16, rsne, 16);
	assert_int_equal(parse105(&b), D11_OK);
	assert_int_equal(F.eapol.msg, D11_EAPOL_G1);
	key_frame(&b, 2, 0x0302, 16, NULL, 0);
	assert_int_equal(parse105(&b), D11_OK);
	assert_int_equal(F.eapol.msg, D11_EAPOL_G2);

	/* Request and Error bits; bit patterns the handshake never uses */
	key_frame(&b, 2, 0x090a, 16, NULL, 0);
	assert_int_equal(parse105(&b), D11_OK);
	assert_int_equal(F.eapol.msg, D11_EAPOL_REQ);
	key_frame(&b, 2, 0x000a, 16, NULL, 0);
	assert_int_equal(parse105(&b), D11_OK);
	assert_int_equal(F.eapol.msg, D11_EAPOL_M_UNKNOWN);
	key_frame(&b, 2, 0x00ca, 16, NULL, 0);	/* ACK|Install, no MIC */
	assert_int_equal(parse105(&b), D11_OK);
	assert_int_equal(F.eapol.msg, D11_EAPOL_M_UNKNOWN);
}

/*
 * FILS (AEAD AKMs): no MIC field and the Key MIC bit clear, key data
 * AES-SIV encrypted, so M4 carries key data (the 16-octet SIV at least) as
 * M2 does; the Secure bit tells them apart (wpa_supplicant sets it on 4/4
 * only).  M1 and M3 keep their usual bits.
 */
static void
test_eapol_fils(void **state)
{
	struct buf	 b;
	uint8_t		 siv[32];

	(void)state;
	memset(siv, 0x5a, sizeof(siv));
	/* 2/4: Pairwise | Encrypted Key Data, 32 octets of ciphertext */
	key_frame(&b, 2, 0x100a, 0, siv, 32);
	assert_int_equal(parse105(&b), D11_OK);
	assert_int_equal(F.eapol.mic_len, 0);
	assert_int_equal(F.eapol.msg, D11_EAPOL_M2);
	assert_null(F.eapol.key_data);		/* encrypted: not elements */
	/* 4/4: Pairwise | Secure | Encrypted Key Data, the SIV alone */
	key_frame(&b, 2, 0x120a, 0, siv, 16);
	assert_int_equal(parse105(&b), D11_OK);
	assert_int_equal(F.eapol.mic_len, 0);
	assert_int_equal(F.eapol.msg, D11_EAPOL_M4);
	/* 1/4 and 3/4 of the same handshake */
	key_frame(&b, 2, 0x008a, 0, NULL, 0);
	assert_int_equal(parse105(&b), D11_OK);
	assert_int_equal(F.eapol.msg, D11_EAPOL_M1);
	key_frame(&b, 2, 0x12ca, 0, siv, 32);
	assert_int_equal(parse105(&b), D11_OK);
	assert_int_equal(F.eapol.msg, D11_EAPOL_M3);
	/* hostapd pads 3/4's key data (tests/data/lab/fils.pcap frame 177):
	 * 14 octets after it, counted in the EAPOL length */
	b.b[b.n - (77 + 2 + 32) - 1] += 14;
	fill(&b, 0, 14);
	assert_int_equal(parse105(&b), D11_OK);
	assert_int_equal(F.eapol.msg, D11_EAPOL_M3);
	assert_int_equal(F.eapol.mic_len, 0);
	assert_int_equal(F.eapol.key_data_len, 32);
	assert_int_equal(F.eapol.malformed, 0);
}

/*
 * A FILS (re)association request: after the FILS Session element (255/4)
 * comes AES-SIV ciphertext, which must not be read as elements (here it
 * would make a bogus RSNE and a malformed element).
 */
static void
test_mgmt_fils_assoc(void **state)
{
	struct buf	 b = { .n = 0 };
	static const uint8_t rsne[] = { 48, 20, 1, 0, 0, 0x0f, 0xac, 4, 1, 0,
	    0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 14, 0, 0 };
	static const uint8_t sess[] = { 255, 9, 4, 1, 2, 3, 4, 5, 6, 7, 8 };
	/* "ciphertext" that parses as an RSNE, then a cut element */
	static const uint8_t sealed[] = { 48, 2, 1, 0, 221, 40, 0x50, 0x6f };

	(void)state;
	mgmt_hdr(&b, 0, 0, AP, STA, AP);
	put16(&b, 0x0431);
	put16(&b, 10);
	put8(&b, 0);
	put8(&b, 7);
	put(&b, "roamlab", 7);
	put(&b, rsne, sizeof(rsne));
	put(&b, sess, sizeof(sess));
	put(&b, sealed, sizeof(sealed));
	assert_int_equal(parse105(&b), D11_OK);
	assert_int_equal(F.kind, D11_K_ASSOC_REQ);
	assert_non_null(F.fils_session);
	assert_int_equal(F.fils_session[0], 1);
	assert_int_equal(F.fils_session[7], 8);
	assert_non_null(F.fils_sealed);
	assert_int_equal(F.fils_sealed_len, sizeof(sealed));
	assert_int_equal(F.fils_sealed[0], 48);
	assert_int_equal(F.ie.n_malformed, 0);
	assert_int_equal(F.ie.n_duplicate, 0);
	assert_int_equal(F.ie.rsn_ie_len, 20);	/* the clear one */
	assert_int_equal(d11_suite(F.ie.rsn.akm), 0x000fac0e);

	/* the response of the same exchange */
	b.n = 0;
	mgmt_hdr(&b, 1, 0, STA, AP, AP);
	put16(&b, 0x0411);
	put16(&b, 0);
	put16(&b, 0xc001);
	put(&b, sess, sizeof(sess));
	put(&b, sealed, sizeof(sealed));
	assert_int_equal(parse105(&b), D11_OK);
	assert_int_equal(F.kind, D11_K_ASSOC_RESP);
	assert_non_null(F.fils_session);
	assert_int_equal(F.fils_sealed_len, sizeof(sealed));
	assert_null(F.ie.rsn_ie);
	assert_int_equal(F.ie.n_malformed, 0);

	/* without a FILS Session element everything is elements */
	b.n = 0;
	mgmt_hdr(&b, 1, 0, STA, AP, AP);
	put16(&b, 0x0411);
	put16(&b, 0);
	put16(&b, 0xc001);
	put(&b, rsne, sizeof(rsne));
	assert_int_equal(parse105(&b), D11_OK);
	assert_null(F.fils_session);
	assert_null(F.fils_sealed);
	assert_non_null(F.ie.rsn_ie);
}

static void
test_eapol_mic_len(void **state)
{
	struct buf	 b;
	static const uint8_t kd[10] = { 0xdd, 8, 0, 0x0f, 0xac, 1, 0, 0, 0,
	    0 };

	(void)state;
	key_frame(&b, 2, 0x010a, 24, kd, sizeof(kd));	/* SHA-384 AKMs */
	assert_int_equal(parse105(&b), D11_OK);
	assert_int_equal(F.eapol.mic_len, 24);
	assert_int_equal(F.eapol.key_data_len, 10);
	assert_int_equal(F.eapol.msg, D11_EAPOL_M2);
	assert_false(F.eapol.malformed);

	key_frame(&b, 2, 0x010a, 0, kd, sizeof(kd));	/* FILS: no MIC */
	assert_int_equal(parse105(&b), D11_OK);
	assert_int_equal(F.eapol.mic_len, 0);
	assert_null(F.eapol.mic);
	assert_int_equal(F.eapol.key_data_len, 10);

	key_frame(&b, 2, 0x010a, 16, NULL, 0);
	assert_int_equal(parse105(&b), D11_OK);
	assert_int_equal(F.eapol.mic_len, 16);
	assert_non_null(F.eapol.mic);

	/* key data length that fits no MIC length: malformed, 16 assumed */
	key_frame(&b, 2, 0x010a, 16, kd, sizeof(kd));
	b.b[b.n - sizeof(kd) - 1] = 200;
	assert_int_equal(parse105(&b), D11_OK);
	assert_true(F.eapol.malformed);
	assert_int_equal(F.eapol.mic_len, 16);
	assert_null(F.eapol.key_data);

	/* EAPOL length larger than the frame: cut, malformed */
	key_frame(&b, 2, 0x008a, 16, NULL, 0);
	b.n -= 30;
	assert_int_equal(parse105(&b), D11_OK);
	assert_int_equal(F.kind, D11_K_EAPOL);
	assert_true(F.eapol.malformed);
	/* only the EAPOL header and 2 body bytes */
	b.n = 24 + 8 + 6;
	assert_int_equal(parse105(&b), D11_OK);
	assert_true(F.eapol.malformed);
	assert_null(F.eapol.nonce);
}

static void
eap_frame(struct buf *b, uint8_t code, uint8_t type, const char *data)
{
	size_t	 dl = data ? strlen(data) : 0;
	size_t	 len = 4 + (type ? 1 : 0) + dl;

	b->n = 0;
	data_hdr(b, 0, 0x01, AP, STA, AP, NULL);
	llc_eapol(b);
	put8(b, 1);
	put8(b, 0);
	put16be(b, (uint16_t)len);
	put8(b, code);
	put8(b, 9);
	put16be(b, (uint16_t)len);
	if (type)
		put8(b, type);
	if (dl)
		put(b, data, dl);
}

static void
test_eap(void **state)
{
	struct buf	 b;

	(void)state;
	eap_frame(&b, 2, 1, "alice@example.com");
	assert_int_equal(parse105(&b), D11_OK);
	assert_int_equal(F.kind, D11_K_EAP);
	assert_int_equal(F.eapol.eap_code, 2);
	assert_int_equal(F.eapol.eap_id, 9);
	assert_int_equal(F.eapol.eap_type, 1);
	assert_int_equal(F.eapol.identity_len, 17);
	assert_memory_equal(F.eapol.identity, "alice@example.com", 17);

	eap_frame(&b, 1, 1, NULL);
	assert_int_equal(parse105(&b), D11_OK);
	assert_int_equal(F.eapol.eap_type, 1);
	assert_null(F.eapol.identity);

	eap_frame(&b, 3, 0, NULL);		/* Success */
	assert_int_equal(parse105(&b), D11_OK);
	assert_int_equal(F.eapol.eap_code, 3);
	assert_int_equal(F.eapol.eap_type, 0);

	/* EAP length claiming more than there is */
	eap_frame(&b, 2, 1, "bob");
	b.b[b.n - 3 - 1 - 2] = 0xff;
	assert_int_equal(parse105(&b), D11_OK);
	assert_true(F.eapol.malformed);
	assert_int_equal(F.eapol.identity_len, 3);

	/* EAPOL-Start */
	b.n = 0;
	data_hdr(&b, 0, 0x01, AP, STA, AP, NULL);
	llc_eapol(&b);
	put8(&b, 1);
	put8(&b, 1);
	put16be(&b, 0);
	assert_int_equal(parse105(&b), D11_OK);
	assert_int_equal(F.kind, D11_K_EAPOL);
	assert_int_equal(F.eapol.type, D11_EAPOL_START);
}

/* ------------------------------------------------------------------------
 * Utilities, JSON and the --frames line.
 */
static void
test_util(void **state)
{
	char	 s[18];

	(void)state;
	assert_int_equal(d11_freq_to_channel(2412), 1);
	assert_int_equal(d11_freq_to_channel(2472), 13);
	assert_int_equal(d11_freq_to_channel(2484), 14);
	assert_int_equal(d11_freq_to_channel(5180), 36);
	assert_int_equal(d11_freq_to_channel(5825), 165);
	assert_int_equal(d11_freq_to_channel(5955), 1);
	assert_int_equal(d11_freq_to_channel(5935), 2);
	assert_int_equal(d11_freq_to_channel(6415), 93);
	assert_int_equal(d11_freq_to_channel(7115), 233);
	assert_int_equal(d11_freq_to_channel(2413), 0);
	assert_int_equal(d11_freq_to_channel(0), 0);
	assert_string_equal(d11_mac_str(STA, s), "02:00:00:00:02:00");
	assert_true(d11_is_group(BCAST));
	assert_false(d11_is_group(STA));
	assert_string_equal(d11_kind_name(D11_K_REASSOC_RESP),
	    "reassoc_resp");
	assert_string_equal(d11_kind_name(D11_K_EAP), "eap");
}

static char *
capture(void (*fn)(FILE *, const void *), const void *arg)
{
	char	*out = NULL;
	size_t	 len = 0;
	FILE	*f = open_memstream(&out, &len);

	assert_non_null(f);
	fn(f, arg);
	fclose(f);
	return out;
}

static void
write_tricky(FILE *f, const void *arg)
{
	const char	*s = arg;

	json_write_string(f, s, strlen(s));
}

static void
test_json_escape(void **state)
{
	char	*o;

	(void)state;
	o = capture(write_tricky, "a\"b\\c\n\t\x01\x7f");
	assert_string_equal(o, "\"a\\\"b\\\\c\\n\\t\\u0001\\u007f\"");
	free(o);
	/* valid UTF-8 kept; a lone continuation, a cut sequence, an
	 * overlong and a surrogate: one U+FFFD per byte (the output is
	 * UTF-8, and a real U+0080 is not mistaken for a bad byte) */
	o = capture(write_tricky, "caf\xc3\xa9 \x80 \xc3 \xc0\xaf \xed\xa0\x80");
	assert_string_equal(o, "\"caf\xc3\xa9 \xef\xbf\xbd \xef\xbf\xbd "
	    "\xef\xbf\xbd\xef\xbf\xbd \xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"");
	free(o);
	/* C1 and bidi controls, valid UTF-8, are written escaped */
	o = capture(write_tricky, "\xc2\x9b" "2J \xe2\x80\xae \xe2\x81\xa6");
	assert_string_equal(o, "\"\\u009b2J \\u202e \\u2066\"");
	free(o);
}

static void
write_nested(FILE *f, const void *arg)
{
	struct json	 j;
	static const uint8_t hx[2] = { 0xa1, 0xb2 };

	(void)arg;
	json_init(&j, f);
	json_obj_begin(&j);
	json_key(&j, "a");
	json_arr_begin(&j);
	json_int(&j, -1);
	json_uint(&j, 2);
	json_obj_begin(&j);
	json_key(&j, "m");
	json_mac(&j, STA);
	json_obj_end(&j);
	json_arr_end(&j);
	json_key(&j, "h");
	json_hex(&j, hx, 2);
	json_key(&j, "b");
	json_bool(&j, false);
	json_key(&j, "n");
	json_null(&j);
	json_obj_end(&j);
}

static void
test_json_nesting(void **state)
{
	char	*o;

	(void)state;
	o = capture(write_nested, NULL);
	assert_string_equal(o, "{\"a\":[-1,2,{\"m\":\"02:00:00:00:02:00\"}],"
	    "\"h\":\"a1b2\",\"b\":false,\"n\":null}");
	free(o);
}

static void
write_keyed(FILE *f, const void *arg)
{
	struct json	 j;
	static const uint8_t hx[2] = { 0xa1, 0xb2 };

	(void)arg;
	json_init(&j, f);
	json_obj_begin(&j);
	json_kv_str(&j, "s", "x\"y");
	json_kv_strn(&j, "sn", "abc", 2);
	json_kv_int(&j, "i", -3);
	json_kv_uint(&j, "u", 18446744073709551615ULL);
	json_kv_bool(&j, "b", true);
	json_kv_null(&j, "n");
	json_kv_hex(&j, "h", hx, 2);
	json_kv_mac(&j, "m", STA);
	json_kv_raw(&j, "r", "1.500");
	json_kv_str_or_null(&j, "s0", NULL);
	json_kv_str_or_null(&j, "s1", "z");
	json_kv_int_or_null(&j, "i0", false, 7);
	json_kv_int_or_null(&j, "i1", true, 7);
	json_kv_mac_or_null(&j, "m0", NULL);
	json_kv_mac_or_null(&j, "m1", STA);
	json_obj_end(&j);
}

static void
test_json_keyed(void **state)
{
	char	*o;

	(void)state;
	o = capture(write_keyed, NULL);
	assert_string_equal(o, "{\"s\":\"x\\\"y\",\"sn\":\"ab\",\"i\":-3,"
	    "\"u\":18446744073709551615,\"b\":true,\"n\":null,"
	    "\"h\":\"a1b2\",\"m\":\"02:00:00:00:02:00\",\"r\":1.500,"
	    "\"s0\":null,\"s1\":\"z\",\"i0\":null,\"i1\":7,\"m0\":null,"
	    "\"m1\":\"02:00:00:00:02:00\"}");
	free(o);
}

static struct rs_rec	 REC;

static void
write_rec(FILE *f, const void *arg)
{
	frames_print(f, &REC, *(const bool *)arg);
}

static void
test_frames_line(void **state)
{
	struct buf	 b = { .n = 0 };
	static const uint8_t mde[] = { 54, 3, 0xa1, 0xb2, 0x01 };
	bool		 all = false;
	char		*o;

	(void)state;
	mgmt_hdr(&b, 3, 0x08, STA, AP2, AP2);
	put16(&b, 0x0411);
	put16(&b, 53);
	put16(&b, 0xc001);
	put(&b, mde, sizeof(mde));
	REC.n = 42;
	REC.ts_ns = 1700000000123456000LL;
	REC.dlt = D11_DLT_IEEE802_11;
	REC.raw = b.b;
	REC.caplen = (uint32_t)b.n;
	d11_parse(REC.dlt, b.b, b.n, &REC.f);
	o = capture(write_rec, &all);
	assert_non_null(strstr(o, "{\"n\":42,\"ts\":1700000000.123456,"));
	assert_non_null(strstr(o, "\"type\":\"reassoc_resp\""));
	assert_non_null(strstr(o, "\"retry\":true"));
	assert_non_null(strstr(o, "\"sa\":\"02:00:00:00:01:00\""));
	assert_non_null(strstr(o, "\"da\":\"02:00:00:00:02:00\""));
	assert_non_null(strstr(o, "\"status\":53,"));
	assert_non_null(strstr(o, "\"aid\":1"));
	assert_non_null(strstr(o, "\"mdid\":\"a1b2\",\"ft_over_ds\":true"));
	assert_null(strstr(o, "freq"));
	assert_int_equal(o[strlen(o) - 1], '\n');
	free(o);

	/* a data frame only with --frames=all */
	b.n = 0;
	data_hdr(&b, 0, 0x01, AP, STA, AP, NULL);
	REC.caplen = (uint32_t)b.n;
	d11_parse(REC.dlt, b.b, b.n, &REC.f);
	o = capture(write_rec, &all);
	assert_string_equal(o, "");
	free(o);
	all = true;
	o = capture(write_rec, &all);
	assert_non_null(strstr(o, "\"type\":\"data\""));
	free(o);
}

/* DHCP in a plain data frame: the type, the BOOTP client address, and
 * nothing read past the frame however it is cut. */
static void
test_dhcp_type(void **state)
{
	static const uint8_t llc[] = { 0xaa, 0xaa, 0x03, 0, 0, 0, 0x08, 0x00 };
	struct buf	 b = { .n = 0 };
	const uint8_t	*ch;
	uint8_t		*cut;
	size_t		 body, bootp, n, full;
	unsigned	 i;

	(void)state;
	data_hdr(&b, 0, 0x02, BCAST, AP, AP, NULL);	/* FromDS, broadcast */
	body = b.n;
	put(&b, llc, sizeof(llc));
	put8(&b, 0x45);			/* IPv4, 20 bytes */
	for (i = 1; i < 9; i++)
		put8(&b, 0);
	put8(&b, 17);			/* UDP */
	for (i = 10; i < 20; i++)
		put8(&b, 0);
	put16be(&b, 67);
	put16be(&b, 68);
	put16be(&b, 8 + 236 + 4 + 3 + 1);
	put16be(&b, 0);
	bootp = b.n;
	put8(&b, 2);			/* BOOTREPLY */
	put8(&b, 1);			/* Ethernet */
	put8(&b, 6);
	for (i = 3; i < 28; i++)
		put8(&b, 0);
	put(&b, STA, 6);		/* chaddr */
	while (b.n < bootp + 236)
		put8(&b, 0);
	put32be(&b, 0x63825363);
	put8(&b, 0);			/* a pad first */
	put8(&b, 53);
	put8(&b, 1);
	put8(&b, 5);			/* ACK */
	put8(&b, 255);
	full = b.n;
	assert_int_equal(d11_parse(D11_DLT_IEEE802_11, b.b, b.n, &F), D11_OK);
	assert_int_equal(F.ethertype, 0x0800);
	assert_int_equal(d11_dhcp_type(&F, &ch), D11_DHCP_ACK);
	assert_non_null(ch);
	assert_memory_equal(ch, STA, 6);
	assert_int_equal(d11_dhcp_type(&F, NULL), D11_DHCP_ACK);

	/* every shorter copy: the type only while option 53 is whole (the
	 * END option may be cut), never a read past the copy (ASan) */
	for (n = body; n < full; n++) {
		cut = malloc(n);
		assert_non_null(cut);
		memcpy(cut, b.b, n);
		d11_parse(D11_DLT_IEEE802_11, cut, n, &F);
		assert_int_equal(d11_dhcp_type(&F, &ch), n >= full - 1 ?
		    D11_DHCP_ACK : 0);
		free(cut);
	}
	/* no magic cookie: not DHCP */
	b.b[bootp + 236] = 0;
	d11_parse(D11_DLT_IEEE802_11, b.b, full, &F);
	assert_int_equal(d11_dhcp_type(&F, &ch), 0);
	assert_null(ch);
	b.b[bootp + 236] = 0x63;
	/* other ports */
	b.b[bootp - 7] = 69;
	d11_parse(D11_DLT_IEEE802_11, b.b, full, &F);
	assert_int_equal(d11_dhcp_type(&F, NULL), 0);
	b.b[bootp - 7] = 68;
	/* protected: the body is not read */
	b.b[1] |= 0x40;
	d11_parse(D11_DLT_IEEE802_11, b.b, full, &F);
	assert_int_equal(d11_dhcp_type(&F, NULL), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rt_basic_alignment),
		cmocka_unit_test(test_rt_tsft_after_byte_ext),
		cmocka_unit_test(test_rt_multi_antenna),
		cmocka_unit_test(test_rt_vendor_skip),
		cmocka_unit_test(test_rt_mcs_vht_he),
		cmocka_unit_test(test_rt_fcs_datapad),
		cmocka_unit_test(test_rt_lies),
		cmocka_unit_test(test_rt_common_first),
		cmocka_unit_test(test_ppi),
		cmocka_unit_test(test_prism),
		cmocka_unit_test(test_avs),
		cmocka_unit_test(test_ds_bits),
		cmocka_unit_test(test_data_flags_null_qos_htc),
		cmocka_unit_test(test_ctrl),
		cmocka_unit_test(test_mgmt_assoc_reassoc),
		cmocka_unit_test(test_mgmt_auth_deauth),
		cmocka_unit_test(test_mgmt_beacon_probe_htc),
		cmocka_unit_test(test_mgmt_action),
		cmocka_unit_test(test_dhcp_type),
		cmocka_unit_test(test_eapol_4way),
		cmocka_unit_test(test_eapol_mic_len),
		cmocka_unit_test(test_eapol_fils),
		cmocka_unit_test(test_mgmt_fils_assoc),
		cmocka_unit_test(test_eap),
		cmocka_unit_test(test_util),
		cmocka_unit_test(test_json_escape),
		cmocka_unit_test(test_json_nesting),
		cmocka_unit_test(test_json_keyed),
		cmocka_unit_test(test_frames_line),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
