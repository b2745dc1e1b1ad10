/*
 * test_mlo.c -- the TLV walker and the Wi-Fi 7 elements (Multi-Link, EHT
 * Capabilities and Operation, Reduced Neighbor Report) on hand-built
 * buffers.
 *
 * Every buffer handed to the parser is a heap copy of exactly the bytes
 * under test, so an ASan build (--enable-sanitizers) catches a read past
 * the end.  The layouts are IEEE 802.11be-2024's as hostapd's
 * ieee802_11_defs.h and the Linux ieee80211-eht.h write them down; each
 * buffer is built field by field below, with the field named.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "dot11.h"

/* ---- a byte builder ---------------------------------------------------- */

struct b {
	uint8_t		 d[8192];
	size_t		 n;
};

static void
b8(struct b *b, unsigned v)
{
	assert_true(b->n < sizeof(b->d));
	b->d[b->n++] = (uint8_t)v;
}

static void
b16(struct b *b, unsigned v)
{
	b8(b, v & 0xff);
	b8(b, (v >> 8) & 0xff);
}

static void
bmem(struct b *b, const void *p, size_t n)
{
	assert_true(b->n + n <= sizeof(b->d));
	memcpy(b->d + b->n, p, n);
	b->n += n;
}

static void
bfill(struct b *b, unsigned v, size_t n)
{
	while (n-- > 0)
		b8(b, v);
}

/* Open a TLV (id, length to come); close it with bend(). */
static size_t
bopen(struct b *b, unsigned id)
{
	b8(b, id);
	b8(b, 0);
	return (b->n - 1);
}

static void
bend(struct b *b, size_t lenpos)
{
	size_t	 n = b->n - lenpos - 1;

	assert_true(n <= 255);
	b->d[lenpos] = (uint8_t)n;
}

/*
 * content (n octets) as a TLV id with an optional extension ID, split by
 * the fragmentation rule: a first TLV of 255 octets, then TLVs frag of 255
 * octets while more remains, the last shorter (or 255 when it ends there).
 */
static void
bfrag(struct b *b, unsigned id, int ext, unsigned frag, const uint8_t *c,
    size_t n)
{
	size_t	 first = ext >= 0 ? 254 : 255, take;

	take = n < first ? n : first;
	b8(b, id);
	b8(b, take + (ext >= 0 ? 1 : 0));
	if (ext >= 0)
		b8(b, (unsigned)ext);
	bmem(b, c, take);
	c += take;
	n -= take;
	while (n > 0) {
		take = n < 255 ? n : 255;
		b8(b, frag);
		b8(b, take);
		bmem(b, c, take);
		c += take;
		n -= take;
	}
}

/* ---- parsing from an exact heap copy ----------------------------------- */

static uint8_t		*heap;
static struct d11_elems	 E;

static const struct d11_elems *
parse(const struct b *b, enum d11_prof prof)
{
	free(heap);
	heap = malloc(b->n ? b->n : 1);
	assert_non_null(heap);
	memcpy(heap, b->d, b->n);
	memset(&E, 0xa5, sizeof(E));	/* the parser must set what counts */
	d11_parse_elems_prof(heap, b->n, 0, prof, &E);
	return (&E);
}

static const uint8_t	 mld_a[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x10 };
static const uint8_t	 sta_a[6] = { 0x02, 0x11, 0x22, 0x33, 0x44, 0x55 };
static const uint8_t	 sta_b[6] = { 0x06, 0xaa, 0xbb, 0xcc, 0xdd, 0xee };

/* Open a Multi-Link element: Control, Common Info Length and, with mld,
 * the MLD MAC Address mld_a; close it with bend(). */
static size_t
ml_open(struct b *b, unsigned ctrl, unsigned clen, bool mld)
{
	size_t	 l = bopen(b, 255);

	b8(b, D11_EXT_ML);
	b16(b, ctrl);
	b8(b, clen);
	if (mld)
		bmem(b, mld_a, 6);
	return (l);
}

/* Open a per-STA profile: STA Control, STA Info Length and, when mac is
 * not NULL, the STA MAC Address. */
static size_t
sta_open(struct b *b, unsigned ctrl, unsigned info_len, const uint8_t *mac)
{
	size_t	 l = bopen(b, D11_ML_SUB_PROFILE);

	b16(b, ctrl);
	b8(b, info_len);
	if (mac != NULL)
		bmem(b, mac, 6);
	return (l);
}

/* ---- the walker --------------------------------------------------------- */

static void
test_walker(void **state)
{
	static const uint8_t	 ok[] = { 0, 2, 'a', 'b', 255, 2, 35, 9,
				    255, 0, 221, 0 };
	static const uint8_t	 over[] = { 0, 1, 'x', 48, 5, 1, 2 };
	static const uint8_t	 stray[] = { 1, 1, 0x82, 7 };
	struct d11_tlv_iter	 it;
	struct d11_tlv		 t;
	unsigned		 n = 0;

	(void)state;
	D11_FOR_EACH_ELEM(it, t, ok, sizeof(ok)) {
		switch (n++) {
		case 0:
			assert_int_equal(t.id, 0);
			assert_false(t.has_ext);
			assert_int_equal(t.len, 2);
			assert_ptr_equal(t.body, ok + 2);
			break;
		case 1:
			assert_int_equal(t.id, 255);
			assert_true(t.has_ext);
			assert_int_equal(t.ext, 35);
			assert_int_equal(t.len, 1);
			assert_ptr_equal(t.body, ok + 7);
			break;
		case 2:		/* 255 without room for the extension ID */
			assert_false(t.has_ext);
			assert_int_equal(t.len, 0);
			break;
		case 3:
			assert_int_equal(t.id, 221);
			break;
		}
	}
	assert_int_equal(n, 4);
	assert_int_equal(d11_tlv_left(&it), 0);

	/* Subelements have no extension IDs. */
	D11_FOR_EACH_SUB(it, t, ok + 4, 4)
		assert_false(t.has_ext);

	/* An element that overruns ends the walk, and says where. */
	n = 0;
	D11_FOR_EACH_ELEM(it, t, over, sizeof(over))
		n++;
	assert_int_equal(n, 1);
	assert_int_equal(d11_tlv_left(&it), 4);
	assert_ptr_equal(d11_tlv_stop(&it), over + 3);

	/* A lone octet after the last element. */
	n = 0;
	D11_FOR_EACH_ELEM(it, t, stray, sizeof(stray))
		n++;
	assert_int_equal(n, 1);
	assert_int_equal(d11_tlv_left(&it), 1);

	/* Nothing at all. */
	D11_FOR_EACH_ELEM(it, t, ok, 0)
		fail();
	assert_int_equal(d11_tlv_left(&it), 0);
}

/* ---- Basic Multi-Link: every presence bit ------------------------------- */

/* Common Info fields, in order, with their presence bits and sizes. */
static const struct {
	uint16_t	 bit;
	size_t		 size;
} basic_fields[] = {
	{ D11_ML_BASIC_LINK_ID, 1 },
	{ D11_ML_BASIC_BPCC, 1 },
	{ D11_ML_BASIC_MSD, 2 },
	{ D11_ML_BASIC_EML, 2 },
	{ D11_ML_BASIC_MLD_CAPA, 2 },
	{ D11_ML_BASIC_MLD_ID, 1 },
	{ D11_ML_BASIC_EXT_CAPA, 2 },
};
#define NFIELDS	(sizeof(basic_fields) / sizeof(basic_fields[0]))

/* A Basic element with the fields of mask present, each filled with its
 * index + 0x31 (0x3131 for two octets). */
static void
basic_elem(struct b *b, uint16_t mask, size_t extra)
{
	size_t	 l, i, clen = 1 + 6 + extra;

	for (i = 0; i < NFIELDS; i++)
		if (mask & basic_fields[i].bit)
			clen += basic_fields[i].size;
	l = bopen(b, 255);
	b8(b, D11_EXT_ML);
	b16(b, D11_ML_BASIC | mask);
	b8(b, clen);
	bmem(b, mld_a, 6);
	for (i = 0; i < NFIELDS; i++)
		if (mask & basic_fields[i].bit)
			bfill(b, 0x31 + i, basic_fields[i].size);
	bfill(b, 0xee, extra);
	bend(b, l);
}

static void
check_basic(const struct d11_ml *m, uint16_t mask)
{
	assert_int_equal(m->type, D11_ML_BASIC);
	assert_true(m->has_mld_addr);
	assert_memory_equal(m->mld_addr, mld_a, 6);
	assert_int_equal(m->has_link_id, !!(mask & D11_ML_BASIC_LINK_ID));
	assert_int_equal(m->has_bpcc, !!(mask & D11_ML_BASIC_BPCC));
	assert_int_equal(m->has_msd, !!(mask & D11_ML_BASIC_MSD));
	assert_int_equal(m->has_eml, !!(mask & D11_ML_BASIC_EML));
	assert_int_equal(m->has_mld_capa, !!(mask & D11_ML_BASIC_MLD_CAPA));
	assert_int_equal(m->has_mld_id, !!(mask & D11_ML_BASIC_MLD_ID));
	assert_int_equal(m->has_ext_capa, !!(mask & D11_ML_BASIC_EXT_CAPA));
	if (m->has_link_id)
		assert_int_equal(m->link_id_info, 0x31);
	if (m->has_bpcc)
		assert_int_equal(m->bpcc, 0x32);
	if (m->has_msd)
		assert_int_equal(m->msd, 0x3333);
	if (m->has_eml)
		assert_int_equal(m->eml_capa, 0x3434);
	if (m->has_mld_capa)
		assert_int_equal(m->mld_capa, 0x3535);
	if (m->has_mld_id)
		assert_int_equal(m->ap_mld_id, 0x36);
	if (m->has_ext_capa)
		assert_int_equal(m->ext_mld_capa, 0x3737);
}

static void
test_basic_presence(void **state)
{
	const struct d11_elems	*e;
	struct b		 b;
	unsigned		 mask;

	(void)state;
	/* Every combination of the seven presence bits. */
	for (mask = 0; mask < (1u << NFIELDS); mask++) {
		uint16_t	 m = 0;
		size_t		 i;

		for (i = 0; i < NFIELDS; i++)
			if (mask & (1u << i))
				m |= basic_fields[i].bit;
		b.n = 0;
		basic_elem(&b, m, 0);
		e = parse(&b, D11_PROF_ELEMS);
		assert_true(e->has_ml);
		assert_false(e->has_ml_reconf);
		assert_false(e->ml.malformed);
		assert_int_equal(e->n_malformed, 0);
		assert_int_equal(e->ml.common_len, b.d[5]);
		assert_int_equal(e->ml.n_sta, 0);
		check_basic(&e->ml, m);
	}

	/* Octets after the known fields (a later amendment) are skipped:
	 * the Link Info starts after the Common Info Length. */
	b.n = 0;
	basic_elem(&b, D11_ML_BASIC_LINK_ID | D11_ML_BASIC_EML, 3);
	e = parse(&b, D11_PROF_ELEMS);
	assert_false(e->ml.malformed);
	check_basic(&e->ml, D11_ML_BASIC_LINK_ID | D11_ML_BASIC_EML);
	assert_int_equal(e->ml.common_len, 1 + 6 + 1 + 2 + 3);
}

static void
test_basic_lies(void **state)
{
	const struct d11_elems	*e;
	struct b		 b;
	size_t			 l;

	(void)state;
	/* Common Info Length longer than the element. */
	b.n = 0;
	l = ml_open(&b, D11_ML_BASIC, 40, true);
	bend(&b, l);
	e = parse(&b, D11_PROF_ELEMS);
	assert_true(e->has_ml);
	assert_true(e->ml.malformed);
	assert_int_equal(e->n_malformed, 1);

	/* Common Info Length too short for the fields the bits promise. */
	b.n = 0;
	l = bopen(&b, 255);
	b8(&b, D11_EXT_ML);
	b16(&b, D11_ML_BASIC | D11_ML_BASIC_MLD_CAPA);
	b8(&b, 8);			/* 1 + 6 + 1: one octet of two */
	bmem(&b, mld_a, 6);
	b8(&b, 0x55);
	bend(&b, l);
	e = parse(&b, D11_PROF_ELEMS);
	assert_true(e->ml.malformed);
	assert_true(e->ml.has_mld_addr);
	assert_false(e->ml.has_mld_capa);

	/* Common Info Length 0, and an element with only the extension ID
	 * or half a Multi-Link Control. */
	b.n = 0;
	l = ml_open(&b, D11_ML_BASIC, 0, false);
	bend(&b, l);
	assert_true(parse(&b, D11_PROF_ELEMS)->ml.malformed);
	b.n = 0;
	l = bopen(&b, 255);
	b8(&b, D11_EXT_ML);
	b8(&b, 0);
	bend(&b, l);
	e = parse(&b, D11_PROF_ELEMS);
	assert_false(e->has_ml);
	assert_int_equal(e->n_malformed, 1);

	/* A Multi-Link element cut by the end of the frame: the walk stops
	 * at it and counts it; nothing inside is read. */
	b.n = 0;
	basic_elem(&b, D11_ML_BASIC_LINK_ID, 0);
	b.n -= 2;
	e = parse(&b, D11_PROF_ELEMS);
	assert_false(e->has_ml);
	assert_int_equal(e->n_malformed, 1);

	/* Two Basic elements: the first is kept, the second counted. */
	b.n = 0;
	basic_elem(&b, D11_ML_BASIC_LINK_ID, 0);
	basic_elem(&b, 0, 0);
	e = parse(&b, D11_PROF_ELEMS);
	assert_true(e->ml.has_link_id);
	assert_int_equal(e->n_duplicate, 1);
}

/* ---- the other variants ------------------------------------------------- */

static void
test_variants(void **state)
{
	const struct d11_elems	*e;
	const struct d11_ml_sta	*s;
	struct b		 b;
	size_t			 l, sl;

	(void)state;
	/* Probe Request: AP MLD ID, and a per-STA profile asking for the
	 * complete profile of link 2 (STA Control only: no STA Info). */
	b.n = 0;
	l = ml_open(&b, D11_ML_PREQ | D11_ML_PREQ_MLD_ID, 2, false);
	b8(&b, 7);
	sl = bopen(&b, D11_ML_SUB_PROFILE);
	b16(&b, 2 | D11_ML_STA_COMPLETE);
	bend(&b, sl);
	bend(&b, l);
	e = parse(&b, D11_PROF_ELEMS);
	assert_int_equal(e->ml.type, D11_ML_PREQ);
	assert_false(e->ml.malformed);
	assert_true(e->ml.has_mld_id);
	assert_int_equal(e->ml.ap_mld_id, 7);
	assert_false(e->ml.has_mld_addr);
	assert_int_equal(e->ml.n_sta, 1);
	s = d11_ml_profile(e, &e->ml, 0);
	assert_non_null(s);
	assert_int_equal(s->link_id, 2);
	assert_true(s->complete);
	assert_int_equal(s->elems.n_ids, 0);
	assert_null(d11_ml_profile(e, &e->ml, 1));

	/* TDLS: the AP MLD MAC Address. */
	b.n = 0;
	l = ml_open(&b, D11_ML_TDLS, 7, true);
	bend(&b, l);
	e = parse(&b, D11_PROF_ELEMS);
	assert_int_equal(e->ml.type, D11_ML_TDLS);
	assert_memory_equal(e->ml.mld_addr, mld_a, 6);
	assert_false(e->ml.malformed);

	/* Priority Access with and without its AP MLD MAC Address. */
	b.n = 0;
	l = ml_open(&b, D11_ML_PRIO | D11_ML_PRIO_MLD_ADDR, 7, true);
	bend(&b, l);
	e = parse(&b, D11_PROF_ELEMS);
	assert_int_equal(e->ml.type, D11_ML_PRIO);
	assert_true(e->ml.has_mld_addr);
	b.n = 0;
	l = ml_open(&b, D11_ML_PRIO, 1, false);
	bend(&b, l);
	e = parse(&b, D11_PROF_ELEMS);
	assert_false(e->ml.has_mld_addr);
	assert_false(e->ml.malformed);

	/* A reserved type: kept as a type, nothing read, not malformed. */
	b.n = 0;
	l = bopen(&b, 255);
	b8(&b, D11_EXT_ML);
	b16(&b, 6);
	bfill(&b, 0x77, 5);
	bend(&b, l);
	e = parse(&b, D11_PROF_ELEMS);
	assert_true(e->has_ml);
	assert_int_equal(e->ml.type, 6);
	assert_false(e->ml.malformed);
	assert_int_equal(e->n_malformed, 0);
}

static void
test_reconf(void **state)
{
	static const uint8_t	 ops[3] = { 0x01, 0x02, 0x03 };
	const struct d11_elems	*e;
	const struct d11_ml_sta	*s;
	struct b		 b;
	size_t			 l, sl, il;

	(void)state;
	/* A beacon with a Basic element and a Reconfiguration one: link 1
	 * is removed in 50 TBTTs; link 3 is given with every STA Info field
	 * (MAC, timer, operation parameters, a 2-octet NSTR bitmap). */
	b.n = 0;
	basic_elem(&b, D11_ML_BASIC_LINK_ID, 0);
	l = ml_open(&b, D11_ML_RECONF | D11_ML_RECONF_MLD_ADDR |
	    D11_ML_RECONF_EML | D11_ML_RECONF_MLD_CAPA, 1 + 6 + 2 + 2, true);
	b16(&b, 0x0081);
	b16(&b, 0x2001);
	sl = bopen(&b, D11_ML_SUB_PROFILE);
	b16(&b, 1 | D11_ML_RSTA_TIMER |
	    (D11_RECONF_AP_REMOVAL << D11_ML_RSTA_OP_SHIFT));
	il = b.n;
	b8(&b, 3);
	b16(&b, 50);
	bend(&b, sl);
	sl = sta_open(&b, 3 | D11_ML_STA_MAC | D11_ML_RSTA_TIMER |
	    D11_ML_RSTA_OP_PARAMS | D11_ML_RSTA_NSTR | D11_ML_RSTA_NSTR_WIDE |
	    (D11_RECONF_OP_UPDATE << D11_ML_RSTA_OP_SHIFT), 1 + 6 + 2 + 3 + 2,
	    sta_a);
	b16(&b, 0x1234);
	bmem(&b, ops, 3);
	b16(&b, 0x0402);
	bend(&b, sl);
	bend(&b, l);
	e = parse(&b, D11_PROF_CAPAB);
	assert_int_equal(e->n_malformed, 0);
	assert_true(e->has_ml);
	assert_true(e->has_ml_reconf);
	assert_int_equal(e->ml.n_sta, 0);
	assert_int_equal(e->ml_reconf.type, D11_ML_RECONF);
	assert_memory_equal(e->ml_reconf.mld_addr, mld_a, 6);
	assert_int_equal(e->ml_reconf.eml_capa, 0x0081);
	assert_int_equal(e->ml_reconf.mld_capa, 0x2001);
	assert_int_equal(e->ml_reconf.n_sta, 2);
	s = d11_ml_profile(e, &e->ml_reconf, 0);
	assert_non_null(s);
	assert_int_equal(s->link_id, 1);
	assert_true(s->has_timer);
	assert_int_equal(s->removal_timer, 50);
	assert_int_equal(s->reconf_op, D11_RECONF_AP_REMOVAL);
	assert_false(s->has_mac);
	assert_false(s->has_capab);	/* not complete: elements only */
	s = d11_ml_profile(e, &e->ml_reconf, 1);
	assert_non_null(s);
	assert_int_equal(s->link_id, 3);
	assert_int_equal(s->reconf_op, D11_RECONF_OP_UPDATE);
	assert_memory_equal(s->mac, sta_a, 6);
	assert_int_equal(s->removal_timer, 0x1234);
	assert_true(s->has_op_params);
	assert_memory_equal(s->op_params, ops, 3);
	assert_true(s->has_nstr);
	assert_int_equal(s->nstr_bitmap, 0x0402);

	/* The STA Info Length promises less than the timer needs. */
	b.d[il] = 1;		/* first profile: STA Info Length 1 */
	e = parse(&b, D11_PROF_CAPAB);
	assert_true(e->ml_reconf.malformed);
	s = d11_ml_profile(e, &e->ml_reconf, 0);
	assert_non_null(s);
	assert_true(s->malformed);
	assert_false(s->has_timer);
	s = d11_ml_profile(e, &e->ml_reconf, 1);
	assert_false(s->malformed);	/* the next is still read */
}

/* ---- Basic per-STA profiles --------------------------------------------- */

static void
test_sta_info(void **state)
{
	const struct d11_elems	*e;
	const struct d11_ml_sta	*s;
	struct b		 b;
	size_t			 l, sl;

	(void)state;
	/* Every STA Info field, with the 1-octet NSTR bitmap. */
	b.n = 0;
	l = ml_open(&b, D11_ML_BASIC, 7, true);
	sl = sta_open(&b, 4 | D11_ML_STA_COMPLETE | D11_ML_STA_MAC |
	    D11_ML_STA_BI | D11_ML_STA_TSF | D11_ML_STA_DTIM | D11_ML_STA_NSTR |
	    D11_ML_STA_BPCC, 1 + 6 + 2 + 8 + 2 + 1 + 1, sta_a);
	b16(&b, 100);
	b16(&b, 0x5566);
	b16(&b, 0x3344);
	b16(&b, 0x1122);
	b16(&b, 0x0102);
	b8(&b, 3);		/* DTIM Count */
	b8(&b, 2);		/* DTIM Period */
	b8(&b, 0x05);		/* NSTR Indication Bitmap */
	b8(&b, 9);		/* BSS Parameters Change Count */
	b16(&b, 0x0411);	/* Capability */
	b16(&b, 0);		/* Status */
	bend(&b, sl);
	/* The NSTR bit without Complete Profile: no bitmap is read, so the
	 * change count that follows is found at its own place. */
	sl = sta_open(&b, 5 | D11_ML_STA_MAC | D11_ML_STA_NSTR |
	    D11_ML_STA_BPCC, 1 + 6 + 1, sta_b);
	b8(&b, 7);
	bend(&b, sl);
	/* The 2-octet bitmap. */
	sl = sta_open(&b, 6 | D11_ML_STA_COMPLETE | D11_ML_STA_NSTR |
	    D11_ML_STA_NSTR_WIDE, 1 + 2, NULL);
	b16(&b, 0x0203);
	b16(&b, 0x0011);
	b16(&b, 17);		/* status */
	bend(&b, sl);
	bend(&b, l);
	e = parse(&b, D11_PROF_CAPAB_STATUS);
	assert_int_equal(e->n_malformed, 0);
	assert_int_equal(e->ml.n_sta, 3);
	s = d11_ml_profile(e, &e->ml, 0);
	assert_int_equal(s->link_id, 4);
	assert_true(s->complete);
	assert_memory_equal(s->mac, sta_a, 6);
	assert_int_equal(s->beacon_int, 100);
	assert_true(s->has_tsf);
	assert_true(s->tsf_offset == 0x0102112233445566ULL);
	assert_int_equal(s->dtim_count, 3);
	assert_int_equal(s->dtim_period, 2);
	assert_int_equal(s->nstr_bitmap, 0x05);
	assert_int_equal(s->bpcc, 9);
	assert_int_equal(s->capab, 0x0411);
	assert_true(s->has_status);
	assert_int_equal(s->status, 0);
	s = d11_ml_profile(e, &e->ml, 1);
	assert_false(s->complete);
	assert_false(s->has_nstr);
	assert_memory_equal(s->mac, sta_b, 6);
	assert_int_equal(s->bpcc, 7);
	assert_false(s->has_capab);	/* no STA Profile at all */
	s = d11_ml_profile(e, &e->ml, 2);
	assert_int_equal(s->nstr_bitmap, 0x0203);
	assert_int_equal(s->status, 17);

	/* STA Info Length 0 and one that runs past the subelement. */
	b.n = 0;
	l = ml_open(&b, D11_ML_BASIC, 7, true);
	sl = sta_open(&b, 1, 0, NULL);
	bend(&b, sl);
	sl = sta_open(&b, 2 | D11_ML_STA_MAC, 30, sta_a);
	bend(&b, sl);
	sl = bopen(&b, D11_ML_SUB_PROFILE);
	b8(&b, 3);		/* half a STA Control */
	bend(&b, sl);
	bend(&b, l);
	e = parse(&b, D11_PROF_ELEMS);
	assert_true(e->ml.malformed);
	assert_int_equal(e->n_malformed, 1);
	assert_int_equal(e->ml.n_sta, 3);
	assert_true(d11_ml_profile(e, &e->ml, 0)->malformed);
	assert_true(d11_ml_profile(e, &e->ml, 1)->malformed);
	assert_false(d11_ml_profile(e, &e->ml, 1)->has_mac);
	assert_true(d11_ml_profile(e, &e->ml, 2)->malformed);

	/* A vendor subelement is counted, not taken for a profile; a Link
	 * Info subelement that overruns makes the element malformed. */
	b.n = 0;
	l = ml_open(&b, D11_ML_BASIC, 7, true);
	sl = bopen(&b, D11_ML_SUB_VENDOR);
	bfill(&b, 0x11, 4);
	bend(&b, sl);
	b8(&b, D11_ML_SUB_PROFILE);
	b8(&b, 9);
	b16(&b, 0);
	bend(&b, l);
	e = parse(&b, D11_PROF_ELEMS);
	assert_int_equal(e->ml.n_sub_other, 1);
	assert_int_equal(e->ml.n_sta, 0);
	assert_true(e->ml.malformed);
}

/* Whether an ID list holds id (ext: an Element ID Extension). */
static bool
has_id(const struct d11_idlist *l, unsigned id, bool ext)
{
	unsigned	 i;

	if (ext) {
		for (i = 0; i < l->n_ext && i < D11_ML_MAX_EXT; i++)
			if (l->ext[i] == id)
				return (true);
		return (false);
	}
	for (i = 0; i < l->n_ids && i < D11_ML_MAX_IDS; i++)
		if (l->ids[i] == id)
			return (true);
	return (false);
}

static void
test_inheritance(void **state)
{
	static const uint8_t	 rsne[] = { 1, 0, 0x00, 0x0f, 0xac, 4, 1, 0,
				    0x00, 0x0f, 0xac, 4, 1, 0, 0x00, 0x0f,
				    0xac, 8, 0xc0, 0 };
	const struct d11_elems	*e;
	const struct d11_ml_sta	*s;
	struct b		 b;
	size_t			 l, sl, il, nl;

	(void)state;
	/*
	 * An association response: SSID, Supported Rates, RSNE, HT
	 * Capabilities, HE Capabilities, Extended Capabilities and the
	 * Multi-Link element.  Link 1's complete profile carries its own
	 * Supported Rates, DS Parameter Set (channel 6) and RSNE, and a
	 * Non-Inheritance element listing HT Capabilities (45) and HE
	 * Capabilities (255/35): it inherits SSID and Extended Capabilities
	 * only.  Link 2's complete profile carries nothing: it inherits all.
	 */
	b.n = 0;
	l = bopen(&b, D11_EID_SSID);
	bmem(&b, "lab", 3);
	bend(&b, l);
	l = bopen(&b, D11_EID_SUPP_RATES);
	b8(&b, 0x82);
	bend(&b, l);
	l = bopen(&b, D11_EID_RSN);
	bmem(&b, rsne, sizeof(rsne));
	bend(&b, l);
	l = bopen(&b, D11_EID_HT_CAP);
	bfill(&b, 0, 26);
	bend(&b, l);
	l = bopen(&b, 255);
	b8(&b, D11_EXT_HE_CAP);
	bfill(&b, 0, 21);
	bend(&b, l);
	l = ml_open(&b, D11_ML_BASIC | D11_ML_BASIC_LINK_ID, 8, true);
	b8(&b, 0);
	sl = sta_open(&b, 1 | D11_ML_STA_COMPLETE | D11_ML_STA_MAC, 7, sta_a);
	b16(&b, 0x0411);
	b16(&b, 0);
	il = bopen(&b, D11_EID_SUPP_RATES);
	b8(&b, 0x8c);
	bend(&b, il);
	il = bopen(&b, D11_EID_DS_PARAMS);
	b8(&b, 6);
	bend(&b, il);
	il = bopen(&b, D11_EID_RSN);
	bmem(&b, rsne, sizeof(rsne));
	bend(&b, il);
	il = bopen(&b, 255);
	b8(&b, D11_EXT_NON_INHERIT);
	nl = b.n;
	b8(&b, 1);
	b8(&b, D11_EID_HT_CAP);
	b8(&b, 1);
	b8(&b, D11_EXT_HE_CAP);
	bend(&b, il);
	bend(&b, sl);
	sl = sta_open(&b, 2 | D11_ML_STA_COMPLETE | D11_ML_STA_MAC, 7, sta_b);
	b16(&b, 0x0411);
	b16(&b, 0);
	bend(&b, sl);
	bend(&b, l);
	l = bopen(&b, D11_EID_EXT_CAPAB);
	bfill(&b, 0, 8);
	bend(&b, l);

	e = parse(&b, D11_PROF_CAPAB_STATUS);
	assert_int_equal(e->n_malformed, 0);
	assert_int_equal(e->ml.n_sta, 2);
	s = d11_ml_profile(e, &e->ml, 0);
	assert_int_equal(s->channel, 6);
	assert_true(s->has_rsn);
	assert_int_equal(s->akm, D11_SUITE(D11_OUI_IEEE, 8));
	assert_true(s->has_noninh);
	assert_int_equal(s->n_noninh_ids, 1);
	assert_int_equal(s->noninh_ids[0], D11_EID_HT_CAP);
	assert_int_equal(s->n_noninh_ext, 1);
	assert_int_equal(s->noninh_ext[0], D11_EXT_HE_CAP);
	assert_int_equal(s->elems.n_ids, 3);
	assert_int_equal(s->elems.n_ext, 1);
	assert_true(has_id(&s->elems, D11_EXT_NON_INHERIT, true));
	assert_int_equal(s->inherited.n_ids, 2);
	assert_true(has_id(&s->inherited, D11_EID_SSID, false));
	assert_true(has_id(&s->inherited, D11_EID_EXT_CAPAB, false));
	assert_int_equal(s->inherited.n_ext, 0);

	s = d11_ml_profile(e, &e->ml, 1);
	assert_int_equal(s->channel, -1);
	assert_false(s->has_rsn);
	assert_int_equal(s->elems.n_ids, 0);
	assert_int_equal(s->inherited.n_ids, 5);
	assert_true(has_id(&s->inherited, D11_EID_RSN, false));
	assert_true(has_id(&s->inherited, D11_EID_HT_CAP, false));
	/* The Multi-Link element itself is the frame's, not the STA's. */
	assert_int_equal(s->inherited.n_ext, 1);
	assert_true(has_id(&s->inherited, D11_EXT_HE_CAP, true));
	assert_false(has_id(&s->inherited, D11_EXT_ML, true));

	/* A Non-Inheritance element whose list length lies is malformed and
	 * names nothing. */
	b.d[nl] = 9;		/* link 1's first list length */
	e = parse(&b, D11_PROF_CAPAB_STATUS);
	s = d11_ml_profile(e, &e->ml, 0);
	assert_true(s->malformed);
	assert_false(s->has_noninh);
	assert_true(e->ml.malformed);
}

/* ---- fragmentation ------------------------------------------------------ */

static void
test_fragments(void **state)
{
	const struct d11_elems	*e;
	const struct d11_ml_sta	*s;
	struct b		 c, p, b;
	const uint8_t		*q;
	size_t			 i, pos, mac_at, sl;

	(void)state;
	/*
	 * The content of one Basic element, 700 octets: Control, Common Info,
	 * a per-STA profile of 300 octets (so itself fragmented: 255 + 45)
	 * whose STA MAC Address sits right after the subelement header, then
	 * a second profile whose STA MAC starts at content offset 252 and so
	 * straddles the first Fragment element of the frame.
	 */
	c.n = 0;
	b16(&c, D11_ML_BASIC | D11_ML_BASIC_LINK_ID);
	b8(&c, 8);
	bmem(&c, mld_a, 6);
	b8(&c, 0);
	/* Second profile first (it must straddle at octet 254). */
	b8(&c, D11_ML_SUB_VENDOR);
	b8(&c, 247 - 10 - 2);
	bfill(&c, 0x99, 247 - 10 - 2);
	assert_int_equal(c.n, 247);
	sl = c.n;
	b8(&c, D11_ML_SUB_PROFILE);
	b8(&c, 0);
	b16(&c, 3 | D11_ML_STA_COMPLETE | D11_ML_STA_MAC);
	b8(&c, 7);
	mac_at = c.n;
	bmem(&c, sta_b, 6);
	b16(&c, 0x0011);
	c.d[sl + 1] = (uint8_t)(c.n - sl - 2);
	assert_true(mac_at < 254 && mac_at + 6 > 254);
	/* The big profile: STA Control, STA Info, capability, then 280
	 * octets of elements with a DS Parameter Set last. */
	p.n = 0;
	b16(&p, 1 | D11_ML_STA_COMPLETE | D11_ML_STA_MAC);
	b8(&p, 7);
	bmem(&p, sta_a, 6);
	b16(&p, 0x0431);
	for (i = 0; i < 3; i++) {
		b8(&p, D11_EID_VENDOR);
		b8(&p, 90);
		bfill(&p, 0x50 + i, 90);
	}
	b8(&p, D11_EID_DS_PARAMS);
	b8(&p, 1);
	b8(&p, 11);
	assert_true(p.n > 255);
	pos = c.n;
	bfrag(&c, D11_ML_SUB_PROFILE, -1, D11_ML_SUB_FRAGMENT, p.d, p.n);
	assert_true(c.n > 510);

	b.n = 0;
	b8(&b, D11_EID_SSID);
	b8(&b, 0);
	bfrag(&b, 255, D11_EXT_ML, D11_EID_FRAGMENT, c.d, c.n);
	b8(&b, D11_EID_DS_PARAMS);
	b8(&b, 1);
	b8(&b, 1);

	e = parse(&b, D11_PROF_CAPAB);
	assert_int_equal(e->n_malformed, 0);
	assert_true(e->has_ml);
	assert_int_equal(e->ds_channel, 1);	/* the walk went past it */
	assert_int_equal(e->ml.len, c.n);
	assert_int_equal(e->ml.n_frags, (c.n - 254 + 254) / 255);
	assert_int_equal(e->ml.span, b.n - 2 - 3);
	assert_int_equal(e->ml.n_sta, 2);
	s = d11_ml_profile(e, &e->ml, 0);
	assert_int_equal(s->link_id, 3);
	assert_memory_equal(s->mac, sta_b, 6);
	assert_int_equal(s->n_frags, 0);
	s = d11_ml_profile(e, &e->ml, 1);
	assert_int_equal(s->link_id, 1);
	assert_memory_equal(s->mac, sta_a, 6);
	assert_int_equal(s->capab, 0x0431);
	assert_int_equal(s->n_frags, 1);
	assert_int_equal(s->len, p.n);
	assert_int_equal(s->off, pos);
	assert_int_equal(s->elems.n_ids, 4);
	assert_int_equal(s->channel, 11);	/* after the fragment */

	/* Mapping back to the frame. */
	q = d11_ml_at(&e->ml, 0, 2);
	assert_ptr_equal(q, heap + 2 + 3);
	assert_null(d11_ml_at(&e->ml, mac_at, 6));	/* straddles */
	q = d11_ml_at(&e->ml, 254, 2);		/* first octets after it */
	assert_ptr_equal(q, heap + 2 + 2 + 255 + 2);
	assert_int_equal(q[0], c.d[254]);
	assert_null(d11_ml_at(&e->ml, c.n - 1, 2));	/* past the end */
	q = d11_ml_sta_at(&e->ml, s, 3, 6);	/* profile 1's STA MAC */
	assert_non_null(q);
	assert_memory_equal(q, sta_a, 6);
	q = d11_ml_sta_at(&e->ml, s, p.n - 1, 1);	/* its last octet */
	assert_non_null(q);
	assert_int_equal(q[0], 11);

	/* An element of exactly 255 octets followed by a non-Fragment
	 * element is whole: nothing is joined. */
	b.n = 0;
	bfrag(&b, 255, D11_EXT_ML, D11_EID_FRAGMENT, c.d, 254);
	b8(&b, D11_EID_SSID);
	b8(&b, 0);
	e = parse(&b, D11_PROF_ELEMS);
	assert_int_equal(e->ml.n_frags, 0);
	assert_int_equal(e->ml.len, 254);

	/* A Fragment element that overruns the frame: the walk counts it,
	 * the element keeps what the whole fragments held. */
	b.n = 0;
	bfrag(&b, 255, D11_EXT_ML, D11_EID_FRAGMENT, c.d, c.n);
	b.n -= 3;
	e = parse(&b, D11_PROF_CAPAB);
	assert_true(e->has_ml);
	assert_true(e->n_malformed >= 1);
	assert_true(e->ml.len < c.n);
	assert_int_equal(e->ml.n_frags, 1);
	assert_memory_equal(e->ml.mld_addr, mld_a, 6);
}

static void
test_many_profiles(void **state)
{
	const struct d11_elems	*e;
	struct b		 b;
	size_t			 l, sl, i;

	(void)state;
	b.n = 0;
	l = ml_open(&b, D11_ML_BASIC, 7, true);
	for (i = 0; i < 9; i++) {
		sl = bopen(&b, D11_ML_SUB_PROFILE);
		b16(&b, i | D11_ML_STA_MAC);
		b8(&b, 7);
		bmem(&b, sta_a, 6);
		bend(&b, sl);
	}
	bend(&b, l);
	e = parse(&b, D11_PROF_ELEMS);
	assert_int_equal(e->ml.n_sta, 9);
	assert_int_equal(e->n_ml_sta, D11_ML_MAX_STA);
	assert_non_null(d11_ml_profile(e, &e->ml, D11_ML_MAX_STA - 1));
	assert_null(d11_ml_profile(e, &e->ml, D11_ML_MAX_STA));
	assert_false(e->ml.malformed);
}

/* ---- EHT Capabilities and Operation ------------------------------------- */

static void
eht_cap(struct b *b, unsigned phy0, unsigned phy5, size_t mcs, size_t ppe)
{
	size_t	 l = bopen(b, 255);

	b8(b, D11_EXT_EHT_CAP);
	b16(b, 0x0007);
	b8(b, phy0);
	bfill(b, 0, 4);
	b8(b, phy5);
	bfill(b, 0, 3);
	bfill(b, 0x44, mcs);
	bfill(b, 0x0f, ppe);
	bend(b, l);
}

static void
he_cap(struct b *b, unsigned phy0)
{
	size_t	 l = bopen(b, 255);

	b8(b, D11_EXT_HE_CAP);
	bfill(b, 0, 6);
	b8(b, phy0);
	bfill(b, 0, 10 + 4);
	bend(b, l);
}

static void
test_eht(void **state)
{
	const struct d11_elems	*e;
	struct b		 b;
	size_t			 l;

	(void)state;
	/* 40/80 and 160 MHz in 5 GHz: two 3-octet maps; the EHT element
	 * may come first, its size is settled after the walk. */
	b.n = 0;
	eht_cap(&b, 0, 0, 6, 0);
	he_cap(&b, 0x0c);
	e = parse(&b, D11_PROF_ELEMS);
	assert_true(e->has_eht);
	assert_int_equal(e->n_malformed, 0);
	assert_int_equal(e->eht_cap.mac_capa, 0x0007);
	assert_int_equal(e->eht_cap.mcs_nss_len, 6);
	assert_false(e->eht_cap.ppe);
	/* ... and 320 MHz: three. */
	b.n = 0;
	he_cap(&b, 0x0c);
	eht_cap(&b, D11_EHT_PHY0_320MHZ, 0, 9, 0);
	assert_int_equal(parse(&b, D11_PROF_ELEMS)->eht_cap.mcs_nss_len, 9);
	/* 40 MHz in 2.4 GHz: one 3-octet map, then PPE Thresholds. */
	b.n = 0;
	he_cap(&b, 0x02);
	eht_cap(&b, 0, D11_EHT_PHY5_PPE, 3, 2);
	e = parse(&b, D11_PROF_ELEMS);
	assert_int_equal(e->eht_cap.mcs_nss_len, 3);
	assert_true(e->eht_cap.ppe);
	assert_int_equal(e->n_malformed, 0);
	/* 20 MHz-only non-AP STA: the 4-octet map. */
	b.n = 0;
	he_cap(&b, 0);
	eht_cap(&b, 0, 0, 4, 0);
	assert_int_equal(parse(&b, D11_PROF_ELEMS)->eht_cap.mcs_nss_len, 4);
	/* Too short for its maps, or PPE promised and absent: the map is
	 * left out; only an element short of its fixed fields is counted
	 * (as hostapd counts it). */
	b.n = 0;
	he_cap(&b, 0x0c);
	eht_cap(&b, 0, 0, 5, 0);
	e = parse(&b, D11_PROF_ELEMS);
	assert_true(e->has_eht);
	assert_null(e->eht_cap.mcs_nss);
	assert_int_equal(e->n_malformed, 0);
	b.n = 0;
	he_cap(&b, 0x0c);
	eht_cap(&b, 0, D11_EHT_PHY5_PPE, 6, 0);
	assert_null(parse(&b, D11_PROF_ELEMS)->eht_cap.mcs_nss);
	b.n = 0;
	l = bopen(&b, 255);
	b8(&b, D11_EXT_EHT_CAP);
	bfill(&b, 0, 10);		/* one octet short of the PHY field */
	bend(&b, l);
	e = parse(&b, D11_PROF_ELEMS);
	assert_false(e->has_eht);
	assert_int_equal(e->n_malformed, 1);

	/* EHT Operation with the Information and the disabled bitmap. */
	b.n = 0;
	l = bopen(&b, 255);
	b8(&b, D11_EXT_EHT_OP);
	b8(&b, D11_EHT_OP_INFO | D11_EHT_OP_DISABLED);
	b16(&b, 0x0011);
	b16(&b, 0x0000);
	b8(&b, D11_EHT_WIDTH_320);
	b8(&b, 31);
	b8(&b, 63);
	b16(&b, 0x0003);
	bend(&b, l);
	e = parse(&b, D11_PROF_ELEMS);
	assert_true(e->has_eht_op);
	assert_int_equal(e->eht_op.basic_mcs_nss, 0x00000011);
	assert_true(e->eht_op.has_info);
	assert_int_equal(e->eht_op.width, D11_EHT_WIDTH_320);
	assert_int_equal(e->eht_op.ccfs0, 31);
	assert_int_equal(e->eht_op.ccfs1, 63);
	assert_true(e->eht_op.has_disabled);
	assert_int_equal(e->eht_op.disabled, 3);
	/* The bitmap promised and cut. */
	b.d[1] -= 2;
	b.n -= 2;
	e = parse(&b, D11_PROF_ELEMS);
	assert_false(e->has_eht_op);
	assert_int_equal(e->n_malformed, 1);
	/* Parameters and MCS only (the real Wi-Fi 7 AP's). */
	b.n = 0;
	l = bopen(&b, 255);
	b8(&b, D11_EXT_EHT_OP);
	b8(&b, 0x04);
	b16(&b, 0x0011);
	b16(&b, 0x0000);
	bend(&b, l);
	e = parse(&b, D11_PROF_ELEMS);
	assert_true(e->has_eht_op);
	assert_false(e->eht_op.has_info);
	assert_int_equal(e->eht_op.params, 0x04);
}

/* ---- Reduced Neighbor Report -------------------------------------------- */

static void
test_rnr(void **state)
{
	/* The Wi-Fi 7 AP's RNR (tests/data/public/lswifi/wifi7unifi.pcapng,
	 * as tshark decodes it): two 16-octet TBTT fields on 134/85. */
	static const uint8_t	 unifi[] = { 201, 36, 0x10, 16, 134, 85,
	    84, 0x94, 0x2a, 0x6f, 0x42, 0xe4, 0x7b, 0x04, 0xe1, 0x89, 0xde,
	    0x48, 0x22, 0xff, 0xff, 0x0f,
	    84, 0x9a, 0x2a, 0x6f, 0x42, 0xe4, 0x7b, 0x6b, 0x10, 0xb5, 0x0e,
	    0x4a, 0x22, 0x00, 0xd1, 0x00 };
	static const uint8_t	 bssid2[6] = { 0x9a, 0x2a, 0x6f, 0x42, 0xe4,
	    0x7b };
	static const size_t	 lens[] = { 1, 2, 5, 6, 7, 8, 9, 10, 11, 12,
	    13, 16, 20 };
	const struct d11_elems	*e;
	const struct d11_rnr	*r;
	struct b		 b;
	size_t			 i, l;

	(void)state;
	b.n = 0;
	bmem(&b, unifi, sizeof(unifi));
	e = parse(&b, D11_PROF_ELEMS);
	assert_true(e->has_rnr);
	assert_int_equal(e->n_malformed, 0);
	assert_int_equal(e->n_rnr, 2);
	r = &e->rnr[0];
	assert_int_equal(r->op_class, 134);
	assert_int_equal(r->channel, 85);
	assert_int_equal(r->info_len, 16);
	assert_int_equal(r->tbtt_offset, 84);
	assert_true(r->has_short_ssid);
	assert_int_equal(r->short_ssid, 0xde89e104);
	assert_int_equal(r->bss_params, 0x48);
	assert_int_equal(r->psd, 0x22);
	assert_true(r->has_mld);
	assert_int_equal(r->mld_id, D11_MLD_ID_NONE);
	assert_int_equal(r->link_id, 15);
	assert_int_equal(r->bpcc, 255);
	r = &e->rnr[1];
	assert_true(r->has_bssid);
	assert_memory_equal(r->tbtt + 1, bssid2, 6);
	assert_int_equal(r->mld_id, 0);
	assert_int_equal(r->link_id, 1);
	assert_int_equal(r->bpcc, 0x0d);
	assert_false(r->all_updates);
	assert_false(r->disabled);

	/* Each length's layout. */
	for (i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
		b.n = 0;
		l = bopen(&b, D11_EID_RNR);
		b8(&b, 0x00);
		b8(&b, lens[i]);
		b8(&b, 81);
		b8(&b, 6);
		b8(&b, 12);			/* TBTT offset */
		bfill(&b, 0x21, lens[i] - 1);
		if (lens[i] >= 16)
			b.d[b.n - lens[i] + 15] = 0x30;	/* all, disabled */
		bend(&b, l);
		e = parse(&b, D11_PROF_ELEMS);
		assert_int_equal(e->n_malformed, 0);
		assert_int_equal(e->n_rnr, 1);
		r = &e->rnr[0];
		assert_int_equal(r->tbtt_offset, 12);
		assert_int_equal(r->has_bssid, lens[i] >= 7 && lens[i] != 10);
		assert_int_equal(r->has_short_ssid, lens[i] == 5 ||
		    lens[i] == 6 || lens[i] >= 11);
		assert_int_equal(r->has_bss_params, lens[i] == 2 ||
		    lens[i] == 6 || lens[i] == 8 || lens[i] == 9 ||
		    lens[i] >= 12);
		assert_int_equal(r->has_psd, lens[i] == 9 || lens[i] >= 13);
		assert_int_equal(r->has_mld, lens[i] >= 16);
		assert_int_equal(r->unknown_len, lens[i] == 10);
		if (lens[i] >= 16) {
			assert_true(r->all_updates);
			assert_true(r->disabled);
			assert_int_equal(r->link_id, 1);
		}
	}

	/* A count that lies, and trailing octets. */
	b.n = 0;
	l = bopen(&b, D11_EID_RNR);
	b8(&b, 0x30);			/* four fields */
	b8(&b, 7);
	b8(&b, 81);
	b8(&b, 1);
	bfill(&b, 0, 14);
	bend(&b, l);
	assert_int_equal(parse(&b, D11_PROF_ELEMS)->n_malformed, 1);
	b.d[2] = 0x10;			/* two: right */
	b8(&b, 0);
	b.d[1]++;
	e = parse(&b, D11_PROF_ELEMS);
	assert_int_equal(e->n_rnr, 2);
	assert_int_equal(e->n_malformed, 1);
	/* Another TBTT Information Field Type: counted, not decoded. */
	b.n = 0;
	l = bopen(&b, D11_EID_RNR);
	b8(&b, 0x01);
	b8(&b, 3);
	b8(&b, 81);
	b8(&b, 1);
	bfill(&b, 0x12, 3);
	bend(&b, l);
	e = parse(&b, D11_PROF_ELEMS);
	assert_int_equal(e->n_rnr, 1);
	assert_int_equal(e->rnr[0].info_type, 1);
	assert_false(e->rnr[0].has_mld);
	assert_int_equal(e->n_malformed, 0);
}

/* ---- whole frames: the profile layout follows the frame ---------------- */

static void
test_frames(void **state)
{
	static struct d11_frame	 f;
	const struct d11_ml_sta	*s;
	struct b		 b;
	size_t			 l, sl;
	uint8_t			*q;

	(void)state;
	/* An association response from AP 02:..:10 to a link address. */
	b.n = 0;
	b16(&b, 0x0010);		/* assoc response */
	b16(&b, 0);
	bmem(&b, sta_b, 6);
	bmem(&b, mld_a, 6);
	bmem(&b, mld_a, 6);
	b16(&b, 0);
	b16(&b, 0x0411);		/* capability */
	b16(&b, 0);			/* status */
	b16(&b, 0xc001);		/* AID */
	l = ml_open(&b, D11_ML_BASIC | D11_ML_BASIC_LINK_ID, 8, true);
	b8(&b, 0);
	sl = sta_open(&b, 1 | D11_ML_STA_COMPLETE | D11_ML_STA_MAC, 7, sta_a);
	b16(&b, 0x0411);
	b16(&b, 139);			/* this link refused */
	bend(&b, sl);
	bend(&b, l);
	q = malloc(b.n);
	assert_non_null(q);
	memcpy(q, b.d, b.n);
	assert_int_equal(d11_parse_mac(q, b.n, &f), D11_OK);
	assert_int_equal(f.kind, D11_K_ASSOC_RESP);
	assert_true(f.ie.has_ml);
	assert_true(f.ie.ml.has_link_id);
	s = d11_ml_profile(&f.ie, &f.ie.ml, 0);
	assert_non_null(s);
	assert_true(s->has_status);
	assert_int_equal(s->status, 139);

	/* The same element in an association request: Capability only, so
	 * the two status octets read as an (empty) element 139. */
	q[0] = 0x00;
	memmove(q + 24 + 4, q + 24 + 6, b.n - 24 - 6);
	assert_int_equal(d11_parse_mac(q, b.n - 2, &f), D11_OK);
	assert_int_equal(f.kind, D11_K_ASSOC_REQ);
	s = d11_ml_profile(&f.ie, &f.ie.ml, 0);
	assert_non_null(s);
	assert_true(s->has_capab);
	assert_false(s->has_status);
	assert_int_equal(s->elems.n_ids, 1);
	assert_int_equal(s->elems.ids[0], 139);
	free(q);
}

/* An SAE Authentication frame: seq, status, then (fields, n) and a Basic
 * Multi-Link element naming mld_a. */
static void
sae_frame(struct b *b, unsigned seq, unsigned status, const struct b *fields)
{
	size_t	 l;

	b->n = 0;
	b16(b, 0x00b0);
	b16(b, 0);
	bmem(b, mld_a, 6);
	bmem(b, sta_a, 6);
	bmem(b, mld_a, 6);
	b16(b, 0);
	b16(b, 3);			/* SAE */
	b16(b, seq);
	b16(b, status);
	bmem(b, fields->d, fields->n);
	l = bopen(b, 255);
	b8(b, D11_EXT_ML);
	b16(b, D11_ML_BASIC);
	b8(b, 7);
	bmem(b, mld_a, 6);
	bend(b, l);
}

static void
test_sae(void **state)
{
	static struct d11_frame	 f;
	struct b		 b, fld;
	uint8_t			*q;
	size_t			 h;

	(void)state;
	/* H2E commit, group 19: group, 32-octet scalar, 64-octet element. */
	fld.n = 0;
	b16(&fld, D11_SAE_GROUP_P256);
	bfill(&fld, 0x5c, 32 + 64);
	sae_frame(&b, D11_SAE_COMMIT, D11_ST_SAE_HASH_TO_ELEMENT, &fld);
	q = malloc(b.n);
	assert_non_null(q);
	memcpy(q, b.d, b.n);
	assert_int_equal(d11_parse_mac(q, b.n, &f), D11_OK);
	assert_true(f.has_elems);
	assert_true(f.ie.has_ml);
	assert_memory_equal(f.ie.ml.mld_addr, mld_a, 6);
	assert_int_equal(f.sae_len, 2 + 96 + 12);
	free(q);
	/* Group 20: 48-octet scalar and 96-octet element. */
	fld.n = 0;
	b16(&fld, D11_SAE_GROUP_P384);
	bfill(&fld, 0x5c, 48 + 96);
	sae_frame(&b, D11_SAE_COMMIT, D11_ST_SAE_HASH_TO_ELEMENT, &fld);
	q = malloc(b.n);
	memcpy(q, b.d, b.n);
	d11_parse_mac(q, b.n, &f);
	assert_true(f.ie.has_ml);
	free(q);
	/* A commit without H2E: no elements are looked for. */
	sae_frame(&b, D11_SAE_COMMIT, D11_ST_SUCCESS, &fld);
	q = malloc(b.n);
	memcpy(q, b.d, b.n);
	d11_parse_mac(q, b.n, &f);
	assert_false(f.has_elems);
	free(q);
	/* Confirms with a confirm of each hash length. */
	for (h = 32; h <= 64; h += 16) {
		fld.n = 0;
		b16(&fld, 1);		/* send-confirm */
		bfill(&fld, 0xc0, h);
		sae_frame(&b, D11_SAE_CONFIRM, D11_ST_SUCCESS, &fld);
		q = malloc(b.n);
		memcpy(q, b.d, b.n);
		d11_parse_mac(q, b.n, &f);
		assert_true(f.has_elems);
		assert_true(f.ie.has_ml);
		assert_int_equal(f.ie.n_malformed, 0);
		free(q);
	}
	/* A refusal: no SAE fields, the element right after the status. */
	fld.n = 0;
	sae_frame(&b, D11_SAE_COMMIT, 1, &fld);
	q = malloc(b.n);
	memcpy(q, b.d, b.n);
	d11_parse_mac(q, b.n, &f);
	assert_true(f.ie.has_ml);
	free(q);
	/* A confirm without a Multi-Link element: nothing is guessed. */
	fld.n = 0;
	b16(&fld, 1);
	bfill(&fld, 0xc0, 32);
	sae_frame(&b, D11_SAE_CONFIRM, D11_ST_SUCCESS, &fld);
	b.n -= 12;
	q = malloc(b.n);
	memcpy(q, b.d, b.n);
	d11_parse_mac(q, b.n, &f);
	assert_false(f.has_elems);
	free(q);
}

static void
test_btm_link_removal(void **state)
{
	static const uint8_t	 act[] = { 10, 7, 1, 0x25, 0x0a, 0x00, 0xff };
	static struct d11_frame	 f;

	(void)state;
	memset(&f, 0, sizeof(f));
	d11_parse_action(act, sizeof(act), &f);
	assert_true(f.act.readable);
	assert_int_equal(f.act.btm_mode, 0x25);
	assert_true(f.act.btm_mode & D11_BTM_LINK_REMOVAL);
	assert_true(f.act.btm_mode & D11_BTM_DISASSOC_IMM);
	assert_int_equal(f.act.btm_disassoc_timer, 10);
}

/* An EAPOL-Key PDU with key information ki and key data (kd, n). */
static void
eapol_key(struct b *b, unsigned ki, const uint8_t *kd, size_t n)
{
	b->n = 0;
	b8(b, 2);			/* 802.1X-2004 */
	b8(b, D11_EAPOL_KEY);
	b8(b, (95 + n) >> 8);
	b8(b, (95 + n) & 0xff);
	b8(b, 2);			/* RSN descriptor */
	b8(b, ki >> 8);
	b8(b, ki & 0xff);
	b16(b, 0);			/* key length */
	bfill(b, 0, 7);
	b8(b, 2);			/* replay counter 2 */
	bfill(b, 0, 32 + 16 + 8 + 8);	/* nonce, IV, RSC, reserved */
	bfill(b, 0x6d, 16);		/* MIC */
	b8(b, n >> 8);
	b8(b, n & 0xff);
	bmem(b, kd, n);
}

static void
test_eapol_mlo(void **state)
{
	/* hostapd/wpa_supplicant MLO messages 2 and 4 (mlo-assoc.pcap
	 * frames 59 and 66): RSNE, RSNXE, MAC Address KDE and one MLO Link
	 * KDE; the MAC Address KDE alone. */
	static const uint8_t	 m2[] = { 0x30, 0x1a, 0x01, 0x00, 0x00, 0x0f,
	    0xac, 0x04, 0x01, 0x00, 0x00, 0x0f, 0xac, 0x04, 0x01, 0x00, 0x00,
	    0x0f, 0xac, 0x08, 0xcc, 0x00, 0x00, 0x00, 0x00, 0x0f, 0xac, 0x06,
	    0xf4, 0x01, 0x20,
	    0xdd, 0x0a, 0x00, 0x0f, 0xac, 0x03, 0x02, 0x00, 0x00, 0x00, 0x02,
	    0x00,
	    0xdd, 0x0b, 0x00, 0x0f, 0xac, 0x13, 0x01, 0x22, 0x92, 0xc1, 0x1a,
	    0x13, 0xaf };
	static const uint8_t	 m4[] = { 0xdd, 0x0a, 0x00, 0x0f, 0xac, 0x03,
	    0x02, 0x00, 0x00, 0x00, 0x02, 0x00 };
	static const uint8_t	 wpa1[] = { 0xdd, 0x06, 0x00, 0x50, 0xf2, 0x01,
	    0x01, 0x00 };
	static const uint8_t	 sta_mld[6] = { 0x02, 0x00, 0x00, 0x00, 0x02,
	    0x00 };
	static const uint8_t	 link1[6] = { 0x22, 0x92, 0xc1, 0x1a, 0x13,
	    0xaf };
	static struct d11_eapol	 k;
	struct b		 b;
	uint8_t			*q;

	(void)state;
	eapol_key(&b, 0x0108, m2, sizeof(m2));
	q = malloc(b.n);
	assert_non_null(q);
	memcpy(q, b.d, b.n);
	assert_int_equal(d11_parse_eapol(q, b.n, &k), D11_K_EAPOL);
	assert_false(k.malformed);
	assert_int_equal(k.msg, D11_EAPOL_M2);
	assert_non_null(k.mac_kde);
	assert_memory_equal(k.mac_kde, sta_mld, 6);
	assert_int_equal(k.n_mlo_links, 1);
	assert_int_equal(k.mlo_link[0].info & D11_KDE_LINK_ID_MASK, 1);
	assert_memory_equal(k.mlo_link[0].addr, link1, 6);
	free(q);

	/* Message 2 of a rekeying (Secure set) still carries the RSNE. */
	eapol_key(&b, 0x0308, m2, sizeof(m2));
	q = malloc(b.n);
	memcpy(q, b.d, b.n);
	d11_parse_eapol(q, b.n, &k);
	assert_int_equal(k.msg, D11_EAPOL_M2);
	free(q);

	/* Message 4 with the MAC Address KDE only, and without key data. */
	eapol_key(&b, 0x0308, m4, sizeof(m4));
	q = malloc(b.n);
	memcpy(q, b.d, b.n);
	d11_parse_eapol(q, b.n, &k);
	assert_int_equal(k.msg, D11_EAPOL_M4);
	assert_memory_equal(k.mac_kde, sta_mld, 6);
	assert_int_equal(k.n_mlo_links, 0);
	free(q);
	eapol_key(&b, 0x0308, m4, 0);
	q = malloc(b.n);
	memcpy(q, b.d, b.n);
	d11_parse_eapol(q, b.n, &k);
	assert_int_equal(k.msg, D11_EAPOL_M4);
	assert_null(k.mac_kde);
	free(q);

	/* A vendor element is not a KDE: message 2. */
	eapol_key(&b, 0x0308, wpa1, sizeof(wpa1));
	q = malloc(b.n);
	memcpy(q, b.d, b.n);
	d11_parse_eapol(q, b.n, &k);
	assert_int_equal(k.msg, D11_EAPOL_M2);
	free(q);
}

static void
test_names(void **state)
{
	(void)state;
	assert_string_equal(d11_ml_type_name(D11_ML_BASIC), "Basic");
	assert_string_equal(d11_ml_type_name(D11_ML_RECONF),
	    "Reconfiguration");
	assert_string_equal(d11_ml_type_name(7), "Reserved");
	assert_string_equal(d11_reconf_op_name(D11_RECONF_AP_REMOVAL),
	    "AP Removal");
	assert_string_equal(d11_eht_width_name(D11_EHT_WIDTH_320),
	    "320 MHz");
	assert_string_equal(d11_ext_element_name(D11_EXT_ML), "Multi-Link");
}

static int
teardown(void **state)
{
	(void)state;
	free(heap);
	heap = NULL;
	return (0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_walker),
		cmocka_unit_test(test_basic_presence),
		cmocka_unit_test(test_basic_lies),
		cmocka_unit_test(test_variants),
		cmocka_unit_test(test_reconf),
		cmocka_unit_test(test_sta_info),
		cmocka_unit_test(test_inheritance),
		cmocka_unit_test(test_fragments),
		cmocka_unit_test(test_many_profiles),
		cmocka_unit_test(test_eht),
		cmocka_unit_test(test_rnr),
		cmocka_unit_test(test_frames),
		cmocka_unit_test(test_sae),
		cmocka_unit_test(test_btm_link_removal),
		cmocka_unit_test(test_eapol_mlo),
		cmocka_unit_test(test_names),
	};

	return (cmocka_run_group_tests(tests, NULL, teardown));
}
