/*
 * test_elems.c -- elements and action frames on hand-built buffers.
 *
 * Every buffer handed to the parser is a malloc'ed copy of exactly the bytes
 * under test, so an ASan build (--enable-sanitizers) catches any read past
 * the end.  Expected values come from the layouts in IEEE 802.11-2020
 * clause 9 and hostapd's parsers, written out by hand below.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "dot11.h"

/* A tight heap copy of n bytes: reading byte n is an ASan error. */
static uint8_t *
dup_exact(const uint8_t *p, size_t n)
{
	uint8_t	*q = malloc(n ? n : 1);

	assert_non_null(q);
	if (n)
		memcpy(q, p, n);
	return (q);
}

/* Parse (p, n) as the elements of a frame, from an exact heap copy. */
static void
elems(const uint8_t *p, size_t n, uint32_t hint, struct d11_elems *e)
{
	uint8_t	*q = dup_exact(p, n);

	memset(e, 0xa5, sizeof(*e));	/* the parser must set what counts */
	d11_parse_elems(q, n, hint, e);
	free(q);	/* e's pointers now dangle: compare values only */
}

/*
 * A full RSNE body, field offsets noted:
 *  0 version 1
 *  2 group 00-0f-ac:4 (CCMP)
 *  6 pairwise count 2, 8 list 00-0f-ac:4, 00-0f-ac:2
 * 16 AKM count 2, 18 list 00-0f-ac:4 (FT-PSK), 00-0f-ac:2 (PSK)
 * 26 capabilities 0x00c0 (MFPR | MFPC)
 * 28 PMKID count 1, 30 one PMKID (16 bytes)
 * 46 group management cipher 00-0f-ac:6 (BIP-CMAC-128)
 * 50 end
 */
static const uint8_t rsne_full[] = {
	0x01, 0x00,
	0x00, 0x0f, 0xac, 0x04,
	0x02, 0x00, 0x00, 0x0f, 0xac, 0x04, 0x00, 0x0f, 0xac, 0x02,
	0x02, 0x00, 0x00, 0x0f, 0xac, 0x04, 0x00, 0x0f, 0xac, 0x02,
	0xc0, 0x00,
	0x01, 0x00,
	0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17,
	0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f,
	0x00, 0x0f, 0xac, 0x06,
};

static void
test_rsne_full(void **state)
{
	struct d11_rsne	 r;
	uint8_t		*q = dup_exact(rsne_full, sizeof(rsne_full));

	(void)state;
	assert_int_equal(d11_parse_rsne(q, sizeof(rsne_full), &r), 0);
	assert_int_equal(r.version, 1);
	assert_true(r.has_group && r.has_pairwise && r.has_akm &&
	    r.has_caps && r.has_pmkid && r.has_group_mgmt);
	assert_false(r.malformed);
	assert_int_equal(r.group, D11_SUITE(D11_OUI_IEEE, 4));
	assert_int_equal(r.n_pairwise, 2);
	assert_int_equal(d11_suite(r.pairwise + 4), D11_SUITE(D11_OUI_IEEE, 2));
	assert_int_equal(r.n_akm, 2);
	assert_int_equal(d11_suite(r.akm), D11_SUITE(D11_OUI_IEEE, 4));
	assert_int_equal(r.caps & (D11_RSN_CAP_MFPR | D11_RSN_CAP_MFPC),
	    D11_RSN_CAP_MFPR | D11_RSN_CAP_MFPC);
	assert_int_equal(r.n_pmkid, 1);
	assert_memory_equal(r.pmkid, rsne_full + 30, 16);
	assert_int_equal(r.group_mgmt, D11_SUITE(D11_OUI_IEEE, 6));
	free(q);
}

/*
 * Cut the RSNE at every byte: a field is present only when its bytes are
 * all there; a cut inside a field (or a list shorter than its count) is
 * malformed; a cut between fields is a legal short RSNE.
 */
static void
test_rsne_every_cut(void **state)
{
	struct d11_rsne	 r;
	uint8_t		*q;
	size_t		 n;
	int		 rv;
	bool		 boundary;

	(void)state;
	for (n = 0; n <= sizeof(rsne_full); n++) {
		q = dup_exact(rsne_full, n);
		memset(&r, 0xa5, sizeof(r));
		rv = d11_parse_rsne(q, n, &r);
		boundary = n == 2 || n == 6 || n == 16 || n == 26 || n == 28 ||
		    n == 46 || n == 50;
		print_message("cut %zu\n", n);
		assert_int_equal(r.malformed, !boundary);
		assert_int_equal(rv, boundary ? 0 : -1);
		assert_int_equal(r.has_group, n >= 6);
		/* the list field is there once its count is */
		assert_int_equal(r.has_pairwise, n >= 8);
		assert_int_equal(r.n_pairwise,
		    n < 8 ? 0 : (n >= 16 ? 2 : (n - 8) / 4));
		assert_int_equal(r.has_akm, n >= 18);
		assert_int_equal(r.n_akm,
		    n < 18 ? 0 : (n >= 26 ? 2 : (n - 18) / 4));
		assert_int_equal(r.has_caps, n >= 28);
		assert_int_equal(r.caps, n >= 28 ? 0x00c0 : 0);
		assert_int_equal(r.has_pmkid, n >= 30);
		assert_int_equal(r.n_pmkid, n >= 46 ? 1 : 0);
		assert_int_equal(r.has_group_mgmt, n >= 50);
		assert_int_equal(r.group_mgmt,
		    n >= 50 ? D11_SUITE(D11_OUI_IEEE, 6) : 0);
		if (n >= 2)
			assert_int_equal(r.version, 1);
		free(q);
	}
}

/* Counts that lie are clamped to what is there and flagged. */
static void
test_rsne_lying_counts(void **state)
{
	uint8_t		 b[sizeof(rsne_full)];
	struct d11_rsne	 r;
	uint8_t		*q;

	(void)state;
	/* 65,535 PMKIDs claimed, one present */
	memcpy(b, rsne_full, sizeof(b));
	b[28] = 0xff;
	b[29] = 0xff;
	q = dup_exact(b, 46);
	assert_int_equal(d11_parse_rsne(q, 46, &r), -1);
	assert_true(r.malformed);
	assert_true(r.has_pmkid);
	assert_int_equal(r.n_pmkid, 1);
	assert_false(r.has_group_mgmt);
	free(q);

	/* the whole element: group mgmt bytes read as half a PMKID */
	q = dup_exact(b, sizeof(b));
	assert_int_equal(d11_parse_rsne(q, sizeof(b), &r), -1);
	assert_int_equal(r.n_pmkid, 1);
	assert_false(r.has_group_mgmt);
	free(q);

	/* 1,000 pairwise suites claimed: AKMs and the rest are unlocatable */
	memcpy(b, rsne_full, sizeof(b));
	b[6] = 0xe8;
	b[7] = 0x03;
	q = dup_exact(b, sizeof(b));
	assert_int_equal(d11_parse_rsne(q, sizeof(b), &r), -1);
	assert_true(r.malformed);
	assert_int_equal(r.n_pairwise, (sizeof(b) - 8) / 4);
	assert_false(r.has_akm);
	assert_false(r.has_caps);
	assert_false(r.has_pmkid);
	free(q);

	/* AKM count 0 is legal */
	memcpy(b, rsne_full, 28);
	b[16] = 0;
	b[17] = 0;
	memmove(b + 18, rsne_full + 26, 2);	/* caps right after */
	q = dup_exact(b, 20);
	assert_int_equal(d11_parse_rsne(q, 20, &r), 0);
	assert_true(r.has_akm);
	assert_int_equal(r.n_akm, 0);
	assert_true(r.has_caps);
	assert_int_equal(r.caps, 0x00c0);
	free(q);
}

/* WPA1 vendor element: OUI 00-50-F2 type 1, then the RSNE layout up to the
 * capabilities; a trailing byte is ignored as hostapd does. */
static void
test_wpa1(void **state)
{
	static const uint8_t ie[] = {
		221, 23, 0x00, 0x50, 0xf2, 0x01,
		0x01, 0x00,
		0x00, 0x50, 0xf2, 0x02,
		0x01, 0x00, 0x00, 0x50, 0xf2, 0x02,
		0x01, 0x00, 0x00, 0x50, 0xf2, 0x02,
		0x00,	/* one capabilities byte: cut short */
	};
	static const uint8_t ie2[] = {
		221, 26, 0x00, 0x50, 0xf2, 0x01,
		0x01, 0x00,
		0x00, 0x50, 0xf2, 0x02,
		0x01, 0x00, 0x00, 0x50, 0xf2, 0x02,
		0x01, 0x00, 0x00, 0x50, 0xf2, 0x02,
		0x0c, 0x00, 0x77, 0x77,	/* caps, 2 stray bytes */
		221, 7, 0x00, 0x50, 0xf2, 0x02, 0x00, 0x01, 0x00,	/* WMM */
	};
	struct d11_elems e;

	(void)state;
	elems(ie2, sizeof(ie2), 0, &e);
	assert_int_equal(e.n_malformed, 0);
	assert_int_equal(e.wpa_ie_len, 22);
	assert_int_equal(e.wpa.version, 1);
	assert_int_equal(e.wpa.group, D11_SUITE(D11_OUI_MS, 2));
	assert_int_equal(e.wpa.n_pairwise, 1);
	assert_int_equal(e.wpa.n_akm, 1);
	assert_true(e.wpa.has_caps);
	assert_int_equal(e.wpa.caps, 0x000c);
	assert_false(e.wpa.has_pmkid);
	assert_true(e.has_wmm);
	assert_null(e.rsn_ie);

	elems(ie, sizeof(ie), 0, &e);
	assert_int_equal(e.n_malformed, 1);
	assert_true(e.wpa.malformed);
	assert_false(e.wpa.has_caps);
	assert_int_equal(e.wpa.n_akm, 1);
}

/* An FTE body: MIC Control, MIC of mic_len, ANonce, SNonce, subelements. */
static size_t
build_fte(uint8_t *b, uint16_t mic_control, size_t mic_len,
    const uint8_t *subs, size_t subs_len)
{
	size_t	 n = 0, i;

	b[n++] = 55;
	b[n++] = 0;
	b[n++] = mic_control & 0xff;
	b[n++] = mic_control >> 8;
	for (i = 0; i < mic_len; i++)
		b[n++] = (uint8_t)(0x40 + i);	/* MIC */
	for (i = 0; i < 32; i++)
		b[n++] = (uint8_t)(0xa0 + i);	/* ANonce */
	for (i = 0; i < 32; i++)
		b[n++] = (uint8_t)(0xc0 + i);	/* SNonce */
	if (subs_len > 0)
		memcpy(b + n, subs, subs_len);
	n += subs_len;
	b[1] = (uint8_t)(n - 2);
	return (n);
}

/* RSNE with one AKM (00-0f-ac:akm), as FT frames carry it. */
static size_t
build_rsne_akm(uint8_t *b, uint8_t akm)
{
	static const uint8_t head[] = {
		48, 20, 0x01, 0x00, 0x00, 0x0f, 0xac, 0x04,
		0x01, 0x00, 0x00, 0x0f, 0xac, 0x04,
		0x01, 0x00, 0x00, 0x0f, 0xac, 0x00,
		0x00, 0x00,
	};

	memcpy(b, head, sizeof(head));
	b[19] = akm;
	return (sizeof(head));
}

static void
check_fte_mic(uint8_t akm, uint32_t hint, uint16_t mic_control,
    size_t mic_len)
{
	uint8_t		 b[512];
	struct d11_elems e;
	size_t		 n = 0;

	if (akm != 0)
		n = build_rsne_akm(b, akm);
	n += build_fte(b + n, mic_control, mic_len, NULL, 0);
	elems(b, n, hint, &e);
	print_message("akm %u hint %x mic %zu\n", akm, hint, mic_len);
	assert_int_equal(e.n_malformed, 0);
	assert_false(e.fte.malformed);
	assert_int_equal(e.fte.mic_len, mic_len);
	assert_int_equal(e.fte.mic_control, mic_control);
	assert_int_equal(e.fte.mic_control >> 8, mic_control >> 8);
	assert_int_equal(e.fte.n_subelems, 0);
	assert_null(e.fte.r0kh_id);
	assert_null(e.fte.r1kh_id);
}

/* FTE field positions follow the MIC length: check the nonces land. */
static void
test_fte_mic_lengths(void **state)
{
	uint8_t		 b[512], *q;
	struct d11_fte	 f;
	size_t		 n;

	(void)state;
	check_fte_mic(4, 0, 0x0300, 16);	/* FT-PSK: 16 */
	check_fte_mic(3, 0, 0x0300, 16);	/* FT-802.1X: 16 */
	check_fte_mic(0, 0, 0x0000, 16);	/* nothing known: 16 */
	check_fte_mic(13, 0, 0x0300, 24);	/* FT-802.1X-SHA384: 24 */
	check_fte_mic(0, D11_SUITE(D11_OUI_IEEE, 13), 0x0000, 24); /* hint */
	check_fte_mic(19, 0, 0x0300, 24);	/* FT-PSK-SHA384 */
	/* FT-SAE-EXT-KEY: the MIC Length subfield, bits 1-3, decides */
	check_fte_mic(25, 0, 0x0300 | (0 << 1), 16);
	check_fte_mic(25, 0, 0x0300 | (1 << 1), 24);
	check_fte_mic(25, 0, 0x0300 | (2 << 1), 32);
	check_fte_mic(25, 0, 0x0301 | (2 << 1), 32);	/* RSNXE Used bit */
	/* the RSNE's AKM wins over the hint */
	check_fte_mic(4, D11_SUITE(D11_OUI_IEEE, 13), 0, 16);

	/* 32-byte MIC: nonces exactly after it */
	n = build_fte(b, 2 << 1, 32, NULL, 0);
	q = dup_exact(b + 2, n - 2);
	assert_int_equal(d11_parse_fte(q, n - 2,
	    D11_SUITE(D11_OUI_IEEE, 25), &f), 0);
	assert_int_equal(f.mic[0], 0x40);
	assert_int_equal(f.mic[31], 0x40 + 31);
	assert_int_equal(f.anonce[0], 0xa0);
	assert_int_equal(f.snonce[31], 0xc0 + 31);
	/* same bytes read as a 16-byte MIC AKM: 16 leftover bytes are no
	 * valid subelements (0x70 len 0x71 overruns) */
	assert_int_equal(d11_parse_fte(q, n - 2,
	    D11_SUITE(D11_OUI_IEEE, 4), &f), -1);
	assert_true(f.malformed);
	free(q);

	/* reserved MIC Length value 3 */
	n = build_fte(b, 3 << 1, 32, NULL, 0);
	q = dup_exact(b + 2, n - 2);
	assert_int_equal(d11_parse_fte(q, n - 2,
	    D11_SUITE(D11_OUI_IEEE, 25), &f), -1);
	assert_true(f.malformed);
	assert_null(f.anonce);
	free(q);

	/* too short for MIC + nonces, at every length */
	n = build_fte(b, 0, 16, NULL, 0);
	for (size_t cut = 0; cut < n - 2; cut++) {
		q = dup_exact(b + 2, cut);
		assert_int_equal(d11_parse_fte(q, cut, 0, &f), -1);
		assert_null(f.snonce);
		free(q);
	}
}

static void
test_fte_subelements(void **state)
{
	static const uint8_t r1[] = { 1, 6, 0x02, 0x00, 0x00, 0x00, 0x02, 0x00 };
	uint8_t		 subs[128], b[512];
	struct d11_elems e;
	size_t		 n, s, i, L;
	static const size_t lens[] = { 0, 1, 48, 49 };

	(void)state;
	for (i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
		L = lens[i];
		s = 0;
		memcpy(subs, r1, sizeof(r1));
		s += sizeof(r1);
		subs[s++] = 3;
		subs[s++] = (uint8_t)L;
		memset(subs + s, 'r', L);
		s += L;
		n = build_fte(b, 0x0300, 16, subs, s);
		elems(b, n, 0, &e);
		print_message("r0kh-id len %zu\n", L);
		assert_int_equal(e.fte.n_subelems, 2);
		assert_int_equal(e.fte.mic_control >> 8, 3);
		if (L >= 1 && L <= 48) {
			assert_false(e.fte.malformed);
			assert_int_equal(e.n_malformed, 0);
			assert_int_equal(e.fte.r0kh_id_len, L);
		} else {
			assert_true(e.fte.malformed);
			assert_int_equal(e.n_malformed, 1);
			assert_int_equal(e.fte.r0kh_id_len, 0);
		}
	}

	/* every known subelement, an unknown one, checked against the buffer */
	s = 0;
	memcpy(subs, r1, sizeof(r1));
	s += sizeof(r1);
	subs[s++] = 3; subs[s++] = 4; memcpy(subs + s, "r0kh", 4); s += 4;
	subs[s++] = 2; subs[s++] = 3; memset(subs + s, 2, 3); s += 3;
	subs[s++] = 4; subs[s++] = 5; memset(subs + s, 4, 5); s += 5;
	subs[s++] = 5; subs[s++] = 3; memset(subs + s, 5, 3); s += 3;
	subs[s++] = 6; subs[s++] = 7; memset(subs + s, 6, 7); s += 7;
	subs[s++] = 9; subs[s++] = 1; subs[s++] = 9;
	n = build_fte(b, 0x0300, 16, subs, s);
	{
		uint8_t		*q = dup_exact(b + 2, n - 2);
		struct d11_fte	 f;

		assert_int_equal(d11_parse_fte(q, n - 2, 0, &f), 0);
		assert_int_equal(f.n_subelems, 7);
		assert_ptr_equal(f.r1kh_id, q + 2 + 16 + 64 + 2);
		assert_memory_equal(f.r0kh_id, "r0kh", 4);
		assert_int_equal(f.r0kh_id_len, 4);
		assert_int_equal(f.gtk_len, 3);
		assert_int_equal(f.gtk[0], 2);
		assert_int_equal(f.igtk_len, 5);
		assert_int_equal(f.igtk[0], 4);
		assert_int_equal(f.oci_len, 3);
		assert_int_equal(f.bigtk_len, 7);
		assert_int_equal(f.bigtk[6], 6);

		/* every cut inside the subelements: malformed or clean, and
		 * never a read past the cut */
		for (size_t cut = 2 + 16 + 64; cut < n - 2; cut++) {
			uint8_t	*c = dup_exact(q, cut);
			int	 rv = d11_parse_fte(c, cut, 0, &f);

			assert_int_equal(f.malformed, rv != 0);
			assert_non_null(f.snonce);
			free(c);
		}
		free(q);
	}

	/* one stray byte after the nonces: not a subelement */
	subs[0] = 3;
	n = build_fte(b, 0, 16, subs, 1);
	elems(b, n, 0, &e);
	assert_true(e.fte.malformed);
	assert_int_equal(e.fte.n_subelems, 0);
	assert_int_equal(e.n_malformed, 1);

	/* a subelement that overruns the FTE */
	subs[0] = 3;
	subs[1] = 10;
	memcpy(subs + 2, "abc", 3);
	n = build_fte(b, 0, 16, subs, 5);
	elems(b, n, 0, &e);
	assert_true(e.fte.malformed);
	assert_int_equal(e.n_malformed, 1);
}

static size_t
put_nr(uint8_t *b, uint8_t last, uint8_t chan, int pref)
{
	size_t	 n = 0;

	b[n++] = D11_EID_NEIGHBOR;
	b[n++] = 0;
	memcpy(b + n, "\x02\x00\x00\x00\x01", 5);
	n += 5;
	b[n++] = last;
	b[n++] = 0x8f;		/* BSSID info 0x0000048f, LE */
	b[n++] = 0x04;
	b[n++] = 0x00;
	b[n++] = 0x00;
	b[n++] = 115;		/* operating class */
	b[n++] = chan;
	b[n++] = 9;		/* PHY type VHT */
	if (pref >= 0) {
		b[n++] = 3;
		b[n++] = 1;
		b[n++] = (uint8_t)pref;
	}
	b[1] = (uint8_t)(n - 2);
	return (n);
}

static void
test_neighbor_report(void **state)
{
	uint8_t		 b[2048];
	struct d11_elems e;
	size_t		 n = 0;
	int		 i;

	(void)state;
	n += put_nr(b + n, 0x10, 36, -1);
	n += put_nr(b + n, 0x11, 40, 255);
	/* wrapped in a Measurement Pilot-like unknown subelement first */
	b[n++] = D11_EID_NEIGHBOR;
	b[n++] = 13 + 4 + 3;
	memcpy(b + n, "\x02\x00\x00\x00\x01\x12\x00\x00\x00\x00\x73\x2c\x09", 13);
	n += 13;
	memcpy(b + n, "\x01\x02\xaa\xbb", 4);	/* TSF info subelement */
	n += 4;
	memcpy(b + n, "\x03\x01\x07", 3);
	n += 3;
	elems(b, n, 0, &e);
	assert_int_equal(e.n_malformed, 0);
	assert_int_equal(e.n_neighbors, 3);
	assert_int_equal(e.neighbors[0].channel, 36);
	assert_int_equal(e.neighbors[0].op_class, 115);
	assert_int_equal(e.neighbors[0].phy_type, 9);
	assert_int_equal(e.neighbors[0].bssid_info, 0x48f);
	assert_int_equal(e.neighbors[0].preference, -1);
	assert_int_equal(e.neighbors[1].preference, 255);
	assert_int_equal(e.neighbors[1].channel, 40);
	assert_int_equal(e.neighbors[2].preference, 7);
	assert_int_equal(e.neighbors[2].channel, 44);

	/* short fixed part: malformed, not counted */
	b[0] = D11_EID_NEIGHBOR;
	b[1] = 12;
	elems(b, 14, 0, &e);
	assert_int_equal(e.n_malformed, 1);
	assert_int_equal(e.n_neighbors, 0);

	/* preference subelement with length 0: malformed neighbor, counted */
	n = put_nr(b, 0x10, 36, -1);
	b[1] += 2;
	b[n++] = 3;
	b[n++] = 0;
	elems(b, n, 0, &e);
	assert_int_equal(e.n_malformed, 1);
	assert_int_equal(e.n_neighbors, 1);
	assert_int_equal(e.neighbors[0].preference, -1);

	/* more neighbors than kept: the count stays exact */
	n = 0;
	for (i = 0; i < D11_MAX_NEIGHBORS + 4; i++)
		n += put_nr(b + n, (uint8_t)i, (uint8_t)(36 + 4 * (i % 8)), i);
	elems(b, n, 0, &e);
	assert_int_equal(e.n_neighbors, D11_MAX_NEIGHBORS + 4);
	assert_int_equal(e.neighbors[D11_MAX_NEIGHBORS - 1].preference,
	    D11_MAX_NEIGHBORS - 1);
}

static void
test_mde_wire_order(void **state)
{
	static const uint8_t b[] = {
		D11_EID_MDE, 3, 0xa1, 0xb2, 0x01,
		D11_EID_MDE, 3, 0xc3, 0x00, 0x00,	/* duplicate */
	};
	static const uint8_t shortm[] = { D11_EID_MDE, 2, 0xa1, 0xb2 };
	struct d11_elems e;

	(void)state;
	elems(b, sizeof(b), 0, &e);
	assert_true(e.has_mde);
	assert_int_equal(e.mde.mdid[0], 0xa1);	/* shown "a1b2" */
	assert_int_equal(e.mde.mdid[1], 0xb2);
	assert_int_equal(e.mde.ft_capab & D11_MDE_FT_OVER_DS, 1);
	assert_int_equal(e.mde.ft_capab & D11_MDE_RESOURCE_REQ, 0);
	assert_int_equal(e.n_duplicate, 1);
	assert_int_equal(e.n_elems, 2);

	elems(shortm, sizeof(shortm), 0, &e);
	assert_false(e.has_mde);
	assert_int_equal(e.n_malformed, 1);
}

static void
test_duplicates_and_overruns(void **state)
{
	static const uint8_t dup[] = {
		0, 1, 'a',
		3, 1, 6,
		0, 2, 'b', 'b',
		3, 1, 11,
		48, 2, 0x01, 0x00,
		48, 2, 0x02, 0x00,
	};
	static const uint8_t over[] = {
		0, 2, 'h', 'i',
		3, 1, 1,
		221, 9, 0x00, 0x50, 0xf2,	/* runs past the end */
	};
	static const uint8_t odd[] = { 0, 0, 3 };	/* one stray byte */
	static const uint8_t bad[] = {
		3, 0,			/* DS without channel */
		0, 33, 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x',
		'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x',
		'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x',
		56, 4, 2, 0, 0, 0,	/* Timeout Interval short */
		221, 2, 0x00, 0x50,	/* vendor without a whole OUI */
		255, 0,			/* extension without its ID */
	};
	struct d11_elems e;

	(void)state;
	elems(dup, sizeof(dup), 0, &e);
	assert_int_equal(e.n_duplicate, 3);
	assert_int_equal(e.n_malformed, 0);
	assert_int_equal(e.ssid_len, 1);
	assert_int_equal(e.ds_channel, 6);
	assert_int_equal(e.rsn.version, 1);

	elems(over, sizeof(over), 0, &e);
	assert_int_equal(e.n_malformed, 1);
	assert_int_equal(e.n_elems, 2);
	assert_int_equal(e.ssid_len, 2);
	assert_int_equal(e.ds_channel, 1);
	assert_false(e.has_wmm);
	assert_null(e.wpa_ie);

	elems(odd, sizeof(odd), 0, &e);
	assert_int_equal(e.n_malformed, 1);
	assert_int_equal(e.n_elems, 1);
	assert_int_equal(e.ssid_len, 0);
	assert_int_equal(e.ds_channel, -1);

	elems(bad, sizeof(bad), 0, &e);
	assert_int_equal(e.n_malformed, 5);
	assert_int_equal(e.n_elems, 5);
	assert_int_equal(e.ds_channel, -1);
	assert_null(e.ssid);
	assert_false(e.has_timeout);

	/* nothing at all */
	elems(dup, 0, 0, &e);
	assert_int_equal(e.n_elems, 0);
	assert_int_equal(e.n_malformed, 0);
	assert_null(e.rsn_ie);
	assert_null(e.fte_ie);
	assert_int_equal(e.n_neighbors, 0);

	/* every prefix of a realistic set: never a read past the cut */
	for (size_t cut = 0; cut <= sizeof(dup); cut++)
		elems(dup, cut, 0, &e);
}

static void
test_misc_elems(void **state)
{
	uint8_t		 b[256];
	struct d11_elems e;
	size_t		 n = 0;

	(void)state;
	b[n++] = 56; b[n++] = 5;	/* key lifetime 5000 s */
	memcpy(b + n, "\x02\x88\x13\x00\x00", 5);
	n += 5;
	b[n++] = 57; b[n++] = 4; memset(b + n, 0, 4); n += 4;
	b[n++] = 57; b[n++] = 4; memset(b + n, 0, 4); n += 4;
	b[n++] = 70; b[n++] = 5;	/* RM: link meas, NR, beacon */
	memcpy(b + n, "\x73\x00\x00\x00\x00", 5);
	n += 5;
	b[n++] = 127; b[n++] = 8;	/* ext capab: bit 19 */
	memcpy(b + n, "\x04\x00\x08\x00\x00\x00\x00\x40", 8);
	n += 8;
	b[n++] = 45; b[n++] = 26; memset(b + n, 0, 26); n += 26;
	b[n++] = 191; b[n++] = 12; memset(b + n, 0, 12); n += 12;
	b[n++] = 255; b[n++] = 23; b[n++] = 35; memset(b + n, 0, 22); n += 22;
	b[n++] = 255; b[n++] = 13; b[n++] = 108; memset(b + n, 0, 12);
	n += 12;
	b[n++] = 1; b[n++] = 1; b[n++] = 0x82;
	elems(b, n, 0, &e);
	assert_int_equal(e.n_malformed, 0);
	assert_true(e.has_timeout);
	assert_int_equal(e.timeout_type, 2);
	assert_int_equal(e.timeout_value, 5000);
	assert_int_equal(e.n_ric_data, 2);
	assert_int_equal(e.rm_enabled_len, 5);
	assert_int_equal(e.ext_capab_len, 8);
	assert_true(e.has_ht && e.has_vht && e.has_he && e.has_eht);
	assert_true(e.has_supp_rates);
	assert_int_equal(e.n_elems, 10);

	/* capability tests on live buffers */
	{
		uint8_t		*q = dup_exact(b, n);
		struct d11_elems le;

		d11_parse_elems(q, n, 0, &le);
		assert_true(d11_elems_rm_neighbor_report(&le));
		assert_true(d11_elems_bss_transition(&le));
		q[2 + 5 + 12 + 2] = 0x71;	/* NR bit (1) cleared */
		q[2 + 5 + 12 + 7 + 4] = 0xf7;	/* bit 19 cleared */
		d11_parse_elems(q, n, 0, &le);
		assert_false(d11_elems_rm_neighbor_report(&le));
		assert_false(d11_elems_bss_transition(&le));
		free(q);
	}
	/* ext capab too short to hold bit 19; RM Enabled one byte short */
	{
		/* ext capab last: byte 2 would be past the buffer */
		static const uint8_t s[] = {
			70, 4, 0xff, 0xff, 0xff, 0xff,
			127, 2, 0xff, 0xff,
		};
		uint8_t		*q = dup_exact(s, sizeof(s));
		struct d11_elems le;

		d11_parse_elems(q, sizeof(s), 0, &le);
		assert_false(d11_elems_bss_transition(&le));
		assert_false(d11_elems_rm_neighbor_report(&le));
		assert_int_equal(le.n_malformed, 1);
		free(q);
	}
	/* HE capabilities cut short of its fixed fields */
	{
		static const uint8_t s[] = { 255, 4, 35, 0, 0, 0 };

		elems(s, sizeof(s), 0, &e);
		assert_false(e.has_he);
		assert_int_equal(e.n_malformed, 1);
	}
}

/* ---- action frames ---- */

static struct d11_frame fr;

static void
action(const uint8_t *p, size_t n, bool prot)
{
	static uint8_t	*q;

	free(q);	/* the previous frame's copy: fr points into it */
	q = dup_exact(p, n);
	memset(&fr, 0, sizeof(fr));
	memset(&fr.act, 0xa5, sizeof(fr.act));
	fr.protected = prot;
	d11_parse_action(q, n, &fr);
}

static void
test_protected_action(void **state)
{
	/* would be a BTM request if it were readable */
	static const uint8_t b[] = {
		10, 7, 1, 0x01, 0, 0, 0, 0x11, 0x22, 0x33, 0x44,
	};

	(void)state;
	action(b, sizeof(b), true);
	assert_false(fr.act.readable);
	assert_false(fr.act.has_action);
	assert_false(fr.act.has_dialog_token);
	assert_int_equal(fr.act.category, 0);
	assert_false(fr.has_elems);

	action(b, sizeof(b), false);
	assert_true(fr.act.readable);
	assert_int_equal(fr.act.category, D11_CAT_WNM);
	assert_int_equal(fr.act.action, D11_WNM_BTM_REQ);
}

static void
test_btm_request(void **state)
{
	uint8_t		 b[512];
	size_t		 n, m;
	const uint8_t	 term[12] = { 4, 10, 1, 2, 3, 4, 5, 6, 7, 8, 0x0a, 0 };

	(void)state;
	/* preference list only */
	n = 0;
	b[n++] = 10; b[n++] = 7; b[n++] = 42;
	b[n++] = D11_BTM_PREF_LIST | D11_BTM_ABRIDGED;
	b[n++] = 0x34; b[n++] = 0x12;	/* disassoc timer 0x1234 */
	b[n++] = 200;
	n += put_nr(b + n, 0x22, 149, 255);
	action(b, n, false);
	assert_true(fr.act.readable);
	assert_int_equal(fr.act.dialog_token, 42);
	assert_int_equal(fr.act.btm_mode, 0x03);
	assert_int_equal(fr.act.btm_disassoc_timer, 0x1234);
	assert_int_equal(fr.act.btm_validity, 200);
	assert_null(fr.act.btm_term_duration);
	assert_null(fr.act.btm_url);
	assert_false(fr.act.malformed);
	assert_true(fr.has_elems);
	assert_int_equal(fr.ie.n_neighbors, 1);
	assert_int_equal(fr.ie.neighbors[0].bssid[5], 0x22);
	assert_int_equal(fr.ie.neighbors[0].preference, 255);

	/* + BSS termination duration */
	n = 0;
	b[n++] = 10; b[n++] = 7; b[n++] = 1;
	b[n++] = D11_BTM_PREF_LIST | D11_BTM_TERMINATION;
	b[n++] = 0; b[n++] = 0; b[n++] = 10;
	memcpy(b + n, term, 12);
	n += 12;
	n += put_nr(b + n, 0x23, 36, 1);
	action(b, n, false);
	assert_false(fr.act.malformed);
	assert_non_null(fr.act.btm_term_duration);
	assert_int_equal(fr.act.btm_term_duration[0], 4);
	assert_int_equal(fr.act.btm_term_duration[10], 0x0a);
	assert_int_equal(fr.ie.n_neighbors, 1);
	assert_int_equal(fr.ie.neighbors[0].preference, 1);
	/* ... cut one byte into the duration */
	action(b, 7 + 11, false);
	assert_true(fr.act.malformed);
	assert_null(fr.act.btm_term_duration);

	/* + session information URL */
	n = 0;
	b[n++] = 10; b[n++] = 7; b[n++] = 1;
	b[n++] = D11_BTM_PREF_LIST | D11_BTM_ESS_DISASSOC;
	b[n++] = 0; b[n++] = 0; b[n++] = 10;
	b[n++] = 9;
	memcpy(b + n, "http://x/", 9);
	n += 9;
	m = n;
	n += put_nr(b + n, 0x24, 36, -1);
	action(b, n, false);
	assert_false(fr.act.malformed);
	assert_int_equal(fr.act.btm_url_len, 9);
	assert_memory_equal(fr.act.btm_url, "http://x/", 9);
	assert_int_equal(fr.ie.n_neighbors, 1);
	/* ... URL longer than what is left */
	action(b, m - 1, false);
	assert_true(fr.act.malformed);
	assert_null(fr.act.btm_url);

	/* both, in order: duration then URL */
	n = 0;
	b[n++] = 10; b[n++] = 7; b[n++] = 1;
	b[n++] = D11_BTM_TERMINATION | D11_BTM_ESS_DISASSOC |
	    D11_BTM_DISASSOC_IMM;
	b[n++] = 5; b[n++] = 0; b[n++] = 255;
	memcpy(b + n, term, 12);
	n += 12;
	b[n++] = 0;			/* empty URL */
	action(b, n, false);
	assert_false(fr.act.malformed);
	assert_non_null(fr.act.btm_term_duration);
	assert_int_equal(fr.act.btm_url_len, 0);
	assert_non_null(fr.act.btm_url);
	assert_int_equal(fr.act.btm_disassoc_timer, 5);
	assert_int_equal(fr.ie.n_neighbors, 0);
	assert_int_equal(fr.ie.n_malformed, 0);

	/* fixed part cut at every byte */
	for (m = 2; m < 7; m++) {
		action(b, m, false);
		assert_true(fr.act.malformed);
		assert_false(fr.has_elems);
	}
}

static void
test_btm_response(void **state)
{
	uint8_t		 b[256];
	size_t		 n;

	(void)state;
	/* accept: the Target BSSID follows the termination delay */
	n = 0;
	b[n++] = 10; b[n++] = 8; b[n++] = 42; b[n++] = 0; b[n++] = 0;
	memcpy(b + n, "\x02\x00\x00\x00\x01\x22", 6);
	n += 6;
	action(b, n, false);
	assert_false(fr.act.malformed);
	assert_true(fr.act.has_btm_status);
	assert_int_equal(fr.act.btm_status, 0);
	assert_int_equal(fr.act.dialog_token, 42);
	assert_non_null(fr.act.btm_target);
	assert_int_equal(fr.act.btm_target[5], 0x22);
	assert_int_equal(fr.ie.n_neighbors, 0);
	/* accept cut inside the target */
	action(b, n - 1, false);
	assert_true(fr.act.malformed);
	assert_null(fr.act.btm_target);

	/* reject 7 (no suitable candidates): no target; list follows */
	n = 0;
	b[n++] = 10; b[n++] = 8; b[n++] = 43; b[n++] = 7; b[n++] = 0;
	n += put_nr(b + n, 0x33, 44, 3);
	action(b, n, false);
	assert_false(fr.act.malformed);
	assert_int_equal(fr.act.btm_status, 7);
	assert_null(fr.act.btm_target);
	assert_int_equal(fr.ie.n_neighbors, 1);
	assert_int_equal(fr.ie.neighbors[0].bssid[5], 0x33);
	assert_int_equal(fr.ie.n_malformed, 0);

	/* every other status is a reject: never a target, e.g. 6
	 * (candidate list provided) with its list right after the delay */
	for (unsigned st = 1; st < 256; st++) {
		n = 0;
		b[n++] = 10; b[n++] = 8; b[n++] = 44; b[n++] = (uint8_t)st;
		b[n++] = 5;
		n += put_nr(b + n, 0x55, 36, 9);
		action(b, n, false);
		assert_int_equal(fr.act.btm_status, st);
		assert_int_equal(fr.act.btm_term_delay, 5);
		assert_null(fr.act.btm_target);
		assert_int_equal(fr.ie.n_neighbors, 1);
		assert_int_equal(fr.ie.neighbors[0].preference, 9);
	}

	/* reject with nothing after the delay */
	action(b, 5, false);
	assert_false(fr.act.malformed);
	assert_null(fr.act.btm_target);
	assert_int_equal(fr.ie.n_neighbors, 0);

	/* query: reason 16 (candidate list included) */
	n = 0;
	b[n++] = 10; b[n++] = 6; b[n++] = 9; b[n++] = 16;
	n += put_nr(b + n, 0x44, 1, -1);
	action(b, n, false);
	assert_false(fr.act.malformed);
	assert_int_equal(fr.act.btm_query_reason, 16);
	assert_int_equal(fr.act.dialog_token, 9);
	assert_int_equal(fr.ie.n_neighbors, 1);
	action(b, 3, false);
	assert_true(fr.act.malformed);
}

static void
test_rm_nr(void **state)
{
	uint8_t		 b[256];
	size_t		 n;

	(void)state;
	n = 0;
	b[n++] = 5; b[n++] = 4; b[n++] = 17;
	b[n++] = 0; b[n++] = 5; memcpy(b + n, "voice", 5); n += 5;
	action(b, n, false);
	assert_int_equal(fr.act.category, D11_CAT_RM);
	assert_int_equal(fr.act.action, D11_RM_NR_REQ);
	assert_int_equal(fr.act.dialog_token, 17);
	assert_true(fr.has_elems);
	assert_int_equal(fr.ie.ssid_len, 5);

	n = 0;
	b[n++] = 5; b[n++] = 5; b[n++] = 17;
	n += put_nr(b + n, 0x01, 36, -1);
	n += put_nr(b + n, 0x02, 149, -1);
	action(b, n, false);
	assert_int_equal(fr.act.action, D11_RM_NR_RESP);
	assert_int_equal(fr.ie.n_neighbors, 2);
	assert_int_equal(fr.ie.neighbors[1].channel, 149);
	assert_int_equal(fr.ie.n_malformed, 0);

	/* no dialog token */
	action(b, 2, false);
	assert_true(fr.act.malformed);
	assert_false(fr.act.has_dialog_token);
}

static void
test_ft_action(void **state)
{
	uint8_t		 b[512];
	size_t		 n, m;
	static const uint8_t sta[6] = { 2, 0, 0, 0, 3, 0 };
	static const uint8_t ap[6] = { 2, 0, 0, 0, 1, 0 };

	(void)state;
	/* request: STA, target AP, RSNE + MDE + FTE */
	n = 0;
	b[n++] = 6; b[n++] = 1;
	memcpy(b + n, sta, 6); n += 6;
	memcpy(b + n, ap, 6); n += 6;
	n += build_rsne_akm(b + n, 4);
	memcpy(b + n, "\x36\x03\xa1\xb2\x01", 5);
	n += 5;
	n += build_fte(b + n, 0, 16, NULL, 0);
	action(b, n, false);
	assert_int_equal(fr.act.category, D11_CAT_FT);
	assert_int_equal(fr.act.action, D11_FT_REQ);
	assert_memory_equal(fr.act.ft_sta, sta, 6);
	assert_memory_equal(fr.act.ft_target_ap, ap, 6);
	assert_false(fr.act.has_ft_status);
	assert_true(fr.ie.has_mde);
	assert_int_equal(fr.ie.fte.mic_len, 16);
	assert_int_equal(fr.ie.n_malformed, 0);

	/* response with status 53 */
	n = 0;
	b[n++] = 6; b[n++] = 2;
	memcpy(b + n, sta, 6); n += 6;
	memcpy(b + n, ap, 6); n += 6;
	b[n++] = 53; b[n++] = 0;
	m = n;
	memcpy(b + n, "\x36\x03\xa1\xb2\x01", 5);
	n += 5;
	action(b, n, false);
	assert_true(fr.act.has_ft_status);
	assert_int_equal(fr.act.ft_status, 53);
	assert_true(fr.ie.has_mde);
	action(b, m - 1, false);	/* status cut */
	assert_true(fr.act.malformed);
	assert_false(fr.act.has_ft_status);

	/* confirm carries no status; ack does */
	b[1] = 3;
	action(b, m, false);
	assert_false(fr.act.has_ft_status);
	assert_false(fr.act.malformed);
	/* the 53 0 that was a status is now an empty element 53 */
	assert_int_equal(fr.ie.n_elems, 1);
	assert_int_equal(fr.ie.n_malformed, 0);
	b[1] = 4;
	action(b, m, false);
	assert_true(fr.act.has_ft_status);
	assert_int_equal(fr.act.ft_status, 53);

	/* addresses cut */
	action(b, 13, false);
	assert_true(fr.act.malformed);
	assert_null(fr.act.ft_sta);
}

static void
test_other_actions(void **state)
{
	static const uint8_t saq[] = { 8, 0, 0xbe, 0xef };
	static const uint8_t vend[] = { 127, 0x00, 0x17, 0xf2, 1 };
	static const uint8_t pub[] = { 4, 10, 1, 2 };	/* GAS initial req */
	static const uint8_t cat_only[] = { 3 };

	(void)state;
	action(saq, sizeof(saq), false);
	assert_int_equal(fr.act.category, D11_CAT_SA_QUERY);
	assert_int_equal(fr.act.action, D11_SAQ_REQ);
	assert_int_equal(fr.act.saq_id[0], 0xbe);
	action(saq, 3, false);
	assert_true(fr.act.malformed);
	assert_null(fr.act.saq_id);

	action(vend, sizeof(vend), false);
	assert_int_equal(fr.act.category, D11_CAT_VENDOR);
	assert_false(fr.act.has_action);

	action(pub, sizeof(pub), false);
	assert_int_equal(fr.act.category, D11_CAT_PUBLIC);
	assert_int_equal(fr.act.action, 10);
	assert_true(fr.act.has_action);
	assert_false(fr.has_elems);

	action(cat_only, 1, false);
	assert_int_equal(fr.act.category, 3);
	assert_false(fr.act.has_action);
	assert_true(fr.act.malformed);

	action(cat_only, 0, false);
	assert_true(fr.act.malformed);
	assert_true(fr.act.readable);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rsne_full),
		cmocka_unit_test(test_rsne_every_cut),
		cmocka_unit_test(test_rsne_lying_counts),
		cmocka_unit_test(test_wpa1),
		cmocka_unit_test(test_fte_mic_lengths),
		cmocka_unit_test(test_fte_subelements),
		cmocka_unit_test(test_neighbor_report),
		cmocka_unit_test(test_mde_wire_order),
		cmocka_unit_test(test_duplicates_and_overruns),
		cmocka_unit_test(test_misc_elems),
		cmocka_unit_test(test_protected_action),
		cmocka_unit_test(test_btm_request),
		cmocka_unit_test(test_btm_response),
		cmocka_unit_test(test_rm_nr),
		cmocka_unit_test(test_ft_action),
		cmocka_unit_test(test_other_actions),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
