/*
 * test_engine_mld.c -- the engine keyed by MLD, on hand-built records: each
 * frame written byte by byte (radiotap + 802.11 + Multi-Link elements),
 * parsed by the shared parser and fed in time order.
 *
 * A STA MLD joins AP MLD A on two links (its link addresses map to one
 * client; an AP's answer to an address no STA MLD named is no client), A
 * announces the removal of one link and adds another (Reconfiguration
 * Multi-Link element), a BTM request announces a link's removal (events of
 * the join, once each; a BTM request without Link Removal none), the client
 * roams to AP MLD B, which refuses one of the two links (refused, and one
 * link lost); a client offering multi-link to a plain AP keeps its address;
 * FT authentication on one link of the target and the reassociation on
 * another are one roam; data sent with the MLD addresses is the join's; a
 * corrupted beacon changes no AP MLD and announces nothing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "dot11.h"
#include "engine/engine.h"
#include "record.h"
#include "framebuild.h"

#define MS	1000000LL
#define T0	(1700000000LL * 1000000000LL)

static const uint8_t MLD_A[6] = { 0x02, 0, 0, 0, 0x0a, 0 };
static const uint8_t MLD_B[6] = { 0x02, 0, 0, 0, 0x0b, 0 };
static const uint8_t A0[6] = { 0x02, 0, 0, 0xa0, 0, 1 };
static const uint8_t A1[6] = { 0x02, 0, 0, 0xa1, 0, 1 };
static const uint8_t B0[6] = { 0x02, 0, 0, 0xb0, 0, 1 };
static const uint8_t B1[6] = { 0x02, 0, 0, 0xb1, 0, 1 };
static const uint8_t PLAIN[6] = { 0x02, 0, 0, 0xcc, 0, 1 };
static const uint8_t STA_MLD[6] = { 0x02, 0, 0, 0, 0x02, 0 };
static const uint8_t L1[6] = { 0x7e, 1, 1, 1, 1, 1 };
static const uint8_t L2[6] = { 0xee, 2, 2, 2, 2, 2 };
static const uint8_t L3[6] = { 0x92, 3, 3, 3, 3, 3 };
static const uint8_t L4[6] = { 0xba, 4, 4, 4, 4, 4 };
static const uint8_t GHOST[6] = { 0xe0, 9, 9, 9, 9, 9 };
static const uint8_t LONE[6] = { 0x30, 5, 5, 5, 5, 5 };

static struct eng	*E;
static struct rs_rec	 R;
static int64_t		 now_ns;
static uint16_t		 seqno = 100;
static uint64_t		 frame_no;

/* The next frames carry an FCS that is wrong (radiotap Flags: FCS at the
 * end; four zero octets, never a frame's CRC-32 here). */
static bool	 corrupt;

/* Radiotap (channel; with corrupt the Flags first and a byte of
 * alignment), then a management frame's header. */
static void
start(struct buf *b, uint16_t freq, uint8_t subtype, const uint8_t *a1,
    const uint8_t *a2, const uint8_t *a3)
{
	fb_radiotap(b, freq, -50, corrupt);
	fb_hdr(b, 0, subtype, 0, a1, a2, a3, seqno++);
}

static void
feed(struct buf *b, int64_t dt_ms)
{
	if (corrupt)
		fill(b, 0, 4);
	now_ns += dt_ms * MS;
	fb_feed(E, &R, b, now_ns, ++frame_no);
}

/* A Basic Multi-Link element: the MLD address and, from an AP, its link
 * ID; with prof_link >= 0 one complete per-STA profile naming mac, its
 * fixed fields a Capability and, with status >= 0, a Status Code. */
static void
basic_ml(struct buf *b, const uint8_t *mld, int link_id, int prof_link,
    const uint8_t *mac, int status)
{
	size_t l, sl;

	put8(b, D11_EID_EXTENSION);
	l = b->n;
	put8(b, 0);
	put8(b, D11_EXT_ML);
	put16(b, D11_ML_BASIC | (link_id >= 0 ? D11_ML_BASIC_LINK_ID : 0));
	put8(b, link_id >= 0 ? 8 : 7);
	put(b, mld, 6);
	if (link_id >= 0)
		put8(b, (unsigned)link_id);
	if (prof_link >= 0) {
		put8(b, D11_ML_SUB_PROFILE);
		sl = b->n;
		put8(b, 0);
		put16(b, (unsigned)prof_link | D11_ML_STA_COMPLETE |
		    D11_ML_STA_MAC);
		put8(b, 7);
		put(b, mac, 6);
		put16(b, 0x0001);		/* Capability: ESS */
		if (status >= 0)
			put16(b, (unsigned)status);
		b->b[sl] = (uint8_t)(b->n - sl - 1);
	}
	b->b[l] = (uint8_t)(b->n - l - 1);
}

static void
ssid(struct buf *b)
{
	put8(b, D11_EID_SSID);
	put8(b, 3);
	put(b, "lab", 3);
}

static unsigned reconf_op = D11_RECONF_AP_REMOVAL;

/* A beacon of an AP link (mld NULL: a plain AP); reconf_link >= 0 adds a
 * Reconfiguration Multi-Link element for that link (reconf_op; the AP
 * Removal Timer timer TBTTs). */
static void
beacon(const uint8_t *bssid, uint16_t freq, const uint8_t *mld, int link_id,
    int reconf_link, unsigned timer)
{
	static const uint8_t bc[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	struct buf b;
	size_t l, sl;

	start(&b, freq, 8, bc, bssid, bssid);
	memset(b.b + b.n, 0, 8);
	b.n += 8;
	put16(&b, 100);
	put16(&b, 0x0001);
	ssid(&b);
	put8(&b, D11_EID_DS_PARAMS);
	put8(&b, 1);
	put8(&b, d11_freq_to_channel(freq));
	if (mld != NULL)
		basic_ml(&b, mld, link_id, -1, NULL, -1);
	if (reconf_link >= 0) {
		put8(&b, D11_EID_EXTENSION);
		l = b.n;
		put8(&b, 0);
		put8(&b, D11_EXT_ML);
		put16(&b, D11_ML_RECONF);
		put8(&b, 1);
		put8(&b, D11_ML_SUB_PROFILE);
		sl = b.n;
		put8(&b, 0);
		put16(&b, (unsigned)reconf_link | D11_ML_RSTA_TIMER |
		    (reconf_op << D11_ML_RSTA_OP_SHIFT));
		put8(&b, 3);
		put16(&b, timer);
		b.b[sl] = (uint8_t)(b.n - sl - 1);
		b.b[l] = (uint8_t)(b.n - l - 1);
	}
	feed(&b, 100);
}

static uint16_t auth_alg = D11_AUTH_OPEN;

/* Authentication (auth_alg) with the sender's Basic Multi-Link element. */
static void
auth(const uint8_t *ap, uint16_t freq, const uint8_t *sta, bool to_ap,
    const uint8_t *mld, uint16_t status)
{
	struct buf b;

	if (to_ap)
		start(&b, freq, 11, ap, sta, ap);
	else
		start(&b, freq, 11, sta, ap, ap);
	put16(&b, auth_alg);
	put16(&b, to_ap ? 1 : 2);
	put16(&b, status);
	basic_ml(&b, mld, -1, -1, NULL, -1);
	feed(&b, 5);
}

/* A (re)association request asking for one more link (other, addressed
 * mac) beside the link it is sent on. */
static void
assoc_req(const uint8_t *ap, uint16_t freq, const uint8_t *sta,
    const uint8_t *cur, int other, const uint8_t *mac)
{
	struct buf b;

	start(&b, freq, cur != NULL ? 2 : 0, ap, sta, ap);
	put16(&b, 0x0001);
	put16(&b, 10);
	if (cur != NULL)
		put(&b, cur, 6);
	ssid(&b);
	basic_ml(&b, STA_MLD, -1, other, mac, -1);
	feed(&b, 5);
}

/* The AP MLD's answer: status for the link it is sent on (link_id), and
 * other_status for the other link (its BSSID other_bssid). */
static void
assoc_resp(const uint8_t *ap, uint16_t freq, const uint8_t *sta, bool re,
    const uint8_t *mld, int link_id, uint16_t status, int other,
    const uint8_t *other_bssid, uint16_t other_status)
{
	struct buf b;

	start(&b, freq, re ? 3 : 1, sta, ap, ap);
	put16(&b, 0x0001);
	put16(&b, status);
	put16(&b, 0xc001);
	basic_ml(&b, mld, link_id, other, other_bssid, other_status);
	feed(&b, 5);
}

/* A BTM request from an AP link to a link address, with mode bits. */
static void
btm_req(const uint8_t *ap, uint16_t freq, const uint8_t *sta, uint8_t mode)
{
	struct buf b;

	start(&b, freq, 13, sta, ap, ap);
	put8(&b, D11_CAT_WNM);
	put8(&b, D11_WNM_BTM_REQ);
	put8(&b, 1);			/* dialog token */
	put8(&b, mode);
	put16(&b, 0);			/* disassociation timer */
	put8(&b, 10);			/* validity interval */
	feed(&b, 5);
}

/* A data frame from a link address of the client to an AP link. */
static void
data_up(const uint8_t *ap, uint16_t freq, const uint8_t *sta)
{
	struct buf b;

	start(&b, freq, 0, ap, sta, ap);
	b.b[13] = 0x08;			/* type data */
	b.b[14] = 0x01;			/* to DS */
	put8(&b, 0xaa);
	put8(&b, 0xaa);
	put8(&b, 0x03);
	put8(&b, 0);
	put8(&b, 0);
	put8(&b, 0);
	put8(&b, 0x08);
	put8(&b, 0x00);
	memset(b.b + b.n, 0x45, 20);
	b.n += 20;
	feed(&b, 5);
}

static int
setup(void **state)
{
	struct eng_conf c;
	char err[128];

	(void)state;
	eng_conf_defaults(&c);
	E = eng_new(&c, err, sizeof err);
	assert_non_null(E);
	now_ns = T0;
	frame_no = 0;
	auth_alg = D11_AUTH_OPEN;
	reconf_op = D11_RECONF_AP_REMOVAL;
	corrupt = false;
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	eng_free(E);
	E = NULL;
	return 0;
}

static const struct eng_link *
link_of(const struct eng_link *l, unsigned n, const uint8_t *bssid)
{
	unsigned i;

	for (i = 0; i < n; i++)
		if (l[i].has_bssid && memcmp(l[i].bssid, bssid, 6) == 0)
			return &l[i];
	return NULL;
}

static void
ap_mlds(void)
{
	beacon(A0, 2412, MLD_A, 0, -1, 0);
	beacon(A1, 5180, MLD_A, 1, -1, 0);
	beacon(B0, 2437, MLD_B, 0, -1, 0);
	beacon(B1, 5200, MLD_B, 1, -1, 0);
}

/* Both AP MLDs beaconing, the client joined to A on links 0 and 1. */
static void
joined_a(void)
{
	ap_mlds();
	auth(A0, 2412, L1, true, STA_MLD, 0);
	auth(A0, 2412, L1, false, MLD_A, 0);
	assoc_req(A0, 2412, L1, NULL, 1, L2);
	assoc_resp(A0, 2412, L1, false, MLD_A, 0, 0, 1, A1, 0);
}

static void
test_mld_join_reconf_roam(void **state)
{
	const struct eng_client *c;
	const struct eng_roam *j, *r;
	const struct eng_link *l;
	const struct eng_ap *a;

	(void)state;
	ap_mlds();
	a = eng_find_ap(E, A1);
	assert_non_null(a);
	assert_true(a->has_mld);
	assert_memory_equal(a->mld, MLD_A, 6);
	assert_int_equal(a->link_id, 1);

	/* the join: two links, the client known by its MLD address */
	auth(A0, 2412, L1, true, STA_MLD, 0);
	auth(A0, 2412, GHOST, false, MLD_A, 1);	/* to no STA MLD */
	auth(A0, 2412, L1, false, MLD_A, 0);
	assoc_req(A0, 2412, L1, NULL, 1, L2);
	assoc_resp(A0, 2412, L1, false, MLD_A, 0, 0, 1, A1, 0);
	data_up(A1, 5180, L2);		/* the other link's address */
	assert_int_equal(eng_nclients(E), 1);
	assert_null(eng_find_client(E, GHOST));
	assert_null(eng_find_client(E, L1));
	c = eng_find_client(E, STA_MLD);
	assert_non_null(c);
	assert_true(c->mld);
	assert_int_equal(c->nlinks, 2);
	assert_int_equal(c->link_bands, ENG_BAND_2G | ENG_BAND_5G);
	assert_true(c->has_ap_mld);
	assert_memory_equal(c->ap_mld, MLD_A, 6);
	assert_int_equal(eng_client_nroams(E, c), 1);
	j = eng_client_roam(E, c, 0);
	assert_true(j->is_join);
	assert_true(j->mlo.is_mlo);
	assert_true(j->mlo.has_to_mld);
	assert_memory_equal(j->mlo.to_mld, MLD_A, 6);
	assert_int_equal(j->mlo.nto, 2);
	assert_int_equal(j->mlo.nrefused, 0);
	l = link_of(j->mlo.to_links, j->mlo.nto, A1);
	assert_non_null(l);
	assert_int_equal(l->link_id, 1);
	assert_true(l->has_sta);
	assert_memory_equal(l->sta, L2, 6);
	assert_int_equal(l->channel, 36);
	assert_int_equal(l->band, ENG_BAND_5G);
	l = link_of(j->mlo.to_links, j->mlo.nto, A0);
	assert_non_null(l);
	assert_true(l->assoc);
	assert_memory_equal(l->sta, L1, 6);

	/* A announces the removal of link 1: one event, however often */
	beacon(A0, 2412, MLD_A, 0, 1, 10);
	beacon(A0, 2412, MLD_A, 0, 1, 9);
	c = eng_find_client(E, STA_MLD);
	j = eng_client_roam(E, c, 0);
	assert_int_equal(j->mlo.nevents, 1);
	assert_int_equal(j->mlo.events[0].kind, ENG_LE_REMOVAL);
	assert_int_equal(j->mlo.events[0].link_id, 1);
	assert_int_equal(j->mlo.events[0].timer_tbtt, 10);
	assert_true(link_of(c->links, c->nlinks, A1)->removed);
	/* A adds link 2 back, without a reassociation */
	reconf_op = D11_RECONF_ADD_LINK;
	beacon(A0, 2412, MLD_A, 0, 2, 0);
	j = eng_client_roam(E, eng_find_client(E, STA_MLD), 0);
	assert_int_equal(j->mlo.nevents, 2);
	assert_int_equal(j->mlo.events[1].kind, ENG_LE_ADDED);
	assert_int_equal(j->mlo.events[1].link_id, 2);
	/* a BTM request with Link Removal Imminent on link 0 (to the link
	 * address: the STA MLD's), and one without it: no event */
	btm_req(A0, 2412, L1, 0);
	btm_req(A0, 2412, L1, D11_BTM_LINK_REMOVAL);
	btm_req(A0, 2412, L1, D11_BTM_LINK_REMOVAL);
	c = eng_find_client(E, STA_MLD);
	j = eng_client_roam(E, c, 0);
	assert_int_equal(j->mlo.nevents, 3);
	assert_int_equal(j->mlo.events[2].kind, ENG_LE_REMOVAL);
	assert_int_equal(j->mlo.events[2].link_id, 0);
	assert_int_equal(j->mlo.events[2].timer_tbtt, -1);
	assert_true(link_of(c->links, c->nlinks, A0)->removed);
	assert_int_equal(eng_nclients(E), 1);

	/* the roam to B: link 1 refused, so one of the two links lost */
	auth(B0, 2437, L3, true, STA_MLD, 0);
	auth(B0, 2437, L3, false, MLD_B, 0);
	assoc_req(B0, 2437, L3, A0, 1, L4);
	assoc_resp(B0, 2437, L3, true, MLD_B, 0, 0, 1, B1,
	    D11_ST_DENIED_NO_MORE_STAS);
	assert_int_equal(eng_nclients(E), 1);
	c = eng_find_client(E, STA_MLD);
	assert_int_equal(eng_client_nroams(E, c), 2);
	r = eng_client_roam(E, c, 1);
	assert_false(r->is_join);
	assert_true(r->mlo.has_from_mld);
	assert_memory_equal(r->mlo.from_mld, MLD_A, 6);
	assert_memory_equal(r->mlo.to_mld, MLD_B, 6);
	assert_int_equal(r->mlo.nfrom, 2);
	assert_non_null(link_of(r->mlo.from_links, r->mlo.nfrom, A1));
	assert_int_equal(r->mlo.nrefused, 1);
	assert_int_equal(r->mlo.nlost, 1);
	l = link_of(r->mlo.to_links, r->mlo.nto, B1);
	assert_non_null(l);
	assert_true(l->refused);
	assert_int_equal(l->status, D11_ST_DENIED_NO_MORE_STAS);
	assert_false(link_of(r->mlo.to_links, r->mlo.nto, B0)->refused);
	assert_int_equal(c->nlinks, 1);
	assert_memory_equal(c->links[0].bssid, B0, 6);
	assert_memory_equal(c->ap_mld, MLD_B, 6);
	eng_finish(E);
}

static void
test_mld_to_plain_ap(void **state)
{
	const struct eng_client *c;

	(void)state;
	beacon(PLAIN, 2412, NULL, -1, -1, 0);
	assoc_req(PLAIN, 2412, LONE, NULL, 1, L2);
	assert_null(eng_find_client(E, STA_MLD));
	c = eng_find_client(E, LONE);
	assert_non_null(c);
	assert_false(c->mld);
}

/* A corrupted beacon (its FCS wrong) neither moves a link to another AP
 * MLD nor announces a link removal. */
static void
test_mld_corrupt_beacon(void **state)
{
	const struct eng_roam *j;
	const struct eng_ap *a;

	(void)state;
	joined_a();
	corrupt = true;
	beacon(A1, 5180, MLD_B, 3, -1, 0);
	beacon(A0, 2412, MLD_A, 0, 1, 10);
	corrupt = false;
	a = eng_find_ap(E, A1);
	assert_non_null(a);
	assert_memory_equal(a->mld, MLD_A, 6);
	assert_int_equal(a->link_id, 1);
	j = eng_client_roam(E, eng_find_client(E, STA_MLD), 0);
	assert_int_equal(j->mlo.nevents, 0);
	/* the same, intact */
	beacon(A0, 2412, MLD_A, 0, 1, 10);
	j = eng_client_roam(E, eng_find_client(E, STA_MLD), 0);
	assert_int_equal(j->mlo.nevents, 1);
}

/* Data sent with the MLD addresses on the air (no link address): the
 * join's, via its target. */
static void
test_mld_data_by_mld_address(void **state)
{
	const struct eng_client *c;
	const struct eng_roam *j;

	(void)state;
	joined_a();
	c = eng_find_client(E, STA_MLD);
	j = eng_client_roam(E, c, 0);
	assert_int_equal(j->state, ENG_S_WAITING_DATA);
	data_up(MLD_A, 5180, STA_MLD);
	j = eng_client_roam(E, eng_find_client(E, STA_MLD), 0);
	assert_int_equal(j->state, ENG_S_DONE);
	assert_int_equal(eng_nclients(E), 1);
}

/* FT authentication on one link of the target AP MLD, the reassociation
 * on another: one roam, to the link of the reassociation. */
static void
test_mld_ft_other_link(void **state)
{
	const struct eng_client *c;
	const struct eng_roam *r;
	unsigned i, ft = 0, re = 0;

	(void)state;
	joined_a();
	auth_alg = D11_AUTH_FT;
	auth(B1, 5200, L3, true, STA_MLD, 0);
	auth(B1, 5200, L3, false, MLD_B, 0);
	assoc_req(B0, 2437, L4, A0, 1, L3);
	assoc_resp(B0, 2437, L4, true, MLD_B, 0, 0, 1, B1, 0);
	c = eng_find_client(E, STA_MLD);
	assert_non_null(c);
	assert_int_equal(eng_nclients(E), 1);
	assert_int_equal(c->nroams, 1);
	assert_int_equal(eng_client_nroams(E, c), 2);
	r = eng_client_roam(E, c, 1);
	assert_false(r->is_join);
	assert_memory_equal(r->to, B0, 6);
	assert_memory_equal(r->mlo.to_mld, MLD_B, 6);
	for (i = 0; i < r->nphases; i++) {
		if (r->phases[i].kind == ENG_P_FT_AUTH) {
			ft++;
			assert_memory_equal(r->phases[i].ap, B1, 6);
		} else if (r->phases[i].kind == ENG_P_REASSOC) {
			re++;
			assert_memory_equal(r->phases[i].ap, B0, 6);
			assert_int_equal(r->phases[i].status, 0);
		}
	}
	assert_int_equal(ft, 1);
	assert_int_equal(re, 1);
	assert_int_equal(r->method, ENG_M_FT_OVER_AIR);
	assert_int_equal(c->nlinks, 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_mld_join_reconf_roam,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_mld_to_plain_ap, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_mld_ft_other_link, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_mld_data_by_mld_address,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_mld_corrupt_beacon, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
