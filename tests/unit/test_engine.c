/*
 * test_engine.c -- the roam engine driven with hand-built records: each
 * frame is written byte by byte (radiotap + 802.11), parsed by the shared
 * parser and fed to the engine in time order, as a capture would be.
 *
 * One test per lifecycle path and aftermath: a clean join, a refused roam
 * that returns to the old AP, no answer then another try, FT refused then a
 * full authentication (fallback), a deauthentication in the middle of the
 * 4-way handshake (and the reconnection after it), BTM with Disassociation
 * Imminent then the AP's disassociation then a hard roam, a
 * deauthentication by the AP then a hard roam (forced), SAE and FILS joins,
 * a join seen only from the AP, a 4-way M1 repeated with the retry bit, AP
 * capability changes (a corrupted beacon is none); and the context, lookups
 * and bounds the engine keeps (RSSI, channel/band, trigger, pairs,
 * ping-pong, sticky clients, attempts by id and time, eviction, incremental
 * ESS findings).
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

static const uint8_t AP1[6] = { 0x02, 0, 0, 0, 0x00, 0 };
static const uint8_t AP2[6] = { 0x02, 0, 0, 0, 0x01, 0 };
static const uint8_t AP3[6] = { 0x02, 0, 0, 0, 0x03, 0 };
static const uint8_t STA[6] = { 0x02, 0, 0, 0, 0x02, 0 };
static const uint8_t BCAST[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

/* ------------------------------------------------------------------------
 * Building frames.
 */
static struct eng	*E;
static struct rs_rec	 R;
static int64_t		 now_ns;
static uint16_t		 seqno = 100;
/* what the next frame carries in radiotap */
static uint16_t		 freq = 2412;
static int8_t		 signal = -50;
static bool		 retry_bit;
/* an FCS after the frame: none, its CRC-32, or the CRC-32 of the frame
 * before one of its bytes was corrupted */
static enum { FCS_NONE, FCS_GOOD, FCS_CORRUPT } fcs_mode;
static size_t		 rt_len;

/* Radiotap for the next frame (freq, signal, an FCS unless FCS_NONE). */
static void
rt(struct buf *b)
{
	rt_len = fb_radiotap(b, freq, signal, fcs_mode != FCS_NONE);
}

static void
hdr(struct buf *b, uint8_t type, uint8_t subtype, uint8_t flags,
    const uint8_t *a1, const uint8_t *a2, const uint8_t *a3)
{
	fb_hdr(b, type, subtype, (uint8_t)(flags | (retry_bit ? 0x08 : 0)),
	    a1, a2, a3, seqno++);
}

static uint64_t	 frame_no;

/* Feed the frame at now + dt ms. */
static void
feedn(struct buf *b, int64_t dt_ms)
{
	uint32_t crc;

	if (fcs_mode != FCS_NONE) {
		crc = fb_crc32(b->b + rt_len, b->n - rt_len);
		put8(b, crc & 0xff);
		put8(b, (crc >> 8) & 0xff);
		put8(b, (crc >> 16) & 0xff);
		put8(b, crc >> 24);
		if (fcs_mode == FCS_CORRUPT)
			b->b[b->n - 5] ^= 0x08;	/* the frame's last byte */
	}
	now_ns += dt_ms * MS;
	fb_feed(E, &R, b, now_ns, ++frame_no);
}

static void
rsne(struct buf *b, uint8_t akm)
{
	static const uint8_t body[] = { 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f,
	    0xac, 4, 1, 0, 0, 0x0f, 0xac };

	put8(b, D11_EID_RSN);
	put8(b, sizeof body + 3);
	put(b, body, sizeof body);
	put8(b, akm);
	put16(b, 0);
}

static void
beacon(const uint8_t *ap, uint8_t channel, bool mde, bool ods, bool nr,
    bool btm, int64_t dt)
{
	struct buf b;

	rt(&b);
	hdr(&b, 0, 8, 0, BCAST, ap, ap);
	fill(&b, 0, 8);
	put16(&b, 100);
	put16(&b, 0x0411);
	put8(&b, D11_EID_SSID);
	put8(&b, 7);
	put(&b, "roamlab", 7);
	put8(&b, D11_EID_DS_PARAMS);
	put8(&b, 1);
	put8(&b, channel);
	rsne(&b, D11_AKM_PSK);
	if (mde) {
		put8(&b, D11_EID_MDE);
		put8(&b, 3);
		put8(&b, 0xa1);
		put8(&b, 0xb2);
		put8(&b, ods ? D11_MDE_FT_OVER_DS : 0);
	}
	put8(&b, D11_EID_RM_ENABLED);
	put8(&b, 5);
	put8(&b, nr ? 0x02 : 0);
	fill(&b, 0, 4);
	put8(&b, D11_EID_EXT_CAPAB);
	put8(&b, 3);
	put8(&b, 0);
	put8(&b, 0);
	put8(&b, btm ? 0x08 : 0);
	feedn(&b, dt);
}

/* Authentication: from the client when to_ap, else from the AP. */
static void
auth(const uint8_t *ap, bool to_ap, uint16_t alg, uint16_t seq,
    uint16_t status, int64_t dt)
{
	struct buf b;

	rt(&b);
	if (to_ap)
		hdr(&b, 0, 11, 0, ap, STA, ap);
	else
		hdr(&b, 0, 11, 0, STA, ap, ap);
	put16(&b, alg);
	put16(&b, seq);
	put16(&b, status);
	if (alg == D11_AUTH_SAE)
		fill(&b, 0x33, 32);	/* scalar/element or confirm */
	feedn(&b, dt);
}

/* (Re)association request; fils adds the FILS Session element and some
 * "ciphertext" after it. */
static void
assoc_req(const uint8_t *ap, bool reassoc, uint8_t akm, bool fils,
    int64_t dt)
{
	struct buf b;

	rt(&b);
	hdr(&b, 0, reassoc ? 2 : 0, 0, ap, STA, ap);
	put16(&b, 0x0431);
	put16(&b, 10);
	if (reassoc)
		put(&b, AP1, 6);
	put8(&b, D11_EID_SSID);
	put8(&b, 7);
	put(&b, "roamlab", 7);
	if (akm != 0)
		rsne(&b, akm);
	put8(&b, D11_EID_EXT_CAPAB);
	put8(&b, 3);
	put8(&b, 0);
	put8(&b, 0);
	put8(&b, 0x08);
	if (fils) {
		put8(&b, D11_EID_EXTENSION);
		put8(&b, 9);
		put8(&b, D11_EXT_FILS_SESSION);
		fill(&b, 0x44, 8);
		fill(&b, 0x30, 24);	/* looks like elements: must not be */
	}
	feedn(&b, dt);
}

static void
assoc_resp(const uint8_t *ap, bool reassoc, uint16_t status, bool fils,
    int64_t dt)
{
	struct buf b;

	rt(&b);
	hdr(&b, 0, reassoc ? 3 : 1, 0, STA, ap, ap);
	put16(&b, 0x0411);
	put16(&b, status);
	put16(&b, 0xc001);
	if (fils) {
		put8(&b, D11_EID_EXTENSION);
		put8(&b, 9);
		put8(&b, D11_EXT_FILS_SESSION);
		fill(&b, 0x44, 8);
		fill(&b, 0x30, 24);
	}
	feedn(&b, dt);
}

/* EAPOL-Key message m (1..4); aead: FILS (no MIC, key data encrypted). */
static void
eapol(const uint8_t *ap, int m, bool aead, int64_t dt)
{
	static const uint16_t ki[] = { 0, 0x008a, 0x010a, 0x13ca, 0x030a };
	static const uint16_t ki_aead[] = { 0, 0x008a, 0x100a, 0x12ca,
	    0x120a };
	static const uint8_t llc[] = { 0xaa, 0xaa, 0x03, 0, 0, 0, 0x88, 0x8e };
	uint16_t kdl = aead ? (m == 4 ? 16 : 32) : (m == 2 || m == 3 ? 22 :
	    0), mic = aead ? 0 : 16;
	struct buf b;

	rt(&b);
	if (m == 1 || m == 3)
		hdr(&b, 2, 0, 0x02, STA, ap, ap);
	else
		hdr(&b, 2, 0, 0x01, ap, STA, ap);
	put(&b, llc, sizeof llc);
	put8(&b, 2);
	put8(&b, 3);
	put16be(&b, (uint16_t)(77 + mic + 2 + kdl));
	put8(&b, 2);
	put16be(&b, aead ? ki_aead[m] : ki[m]);
	put16be(&b, 16);
	fill(&b, 0, 7);
	put8(&b, 1);		/* replay counter */
	fill(&b, 0x11, 32);	/* nonce */
	fill(&b, 0, 32);	/* IV, RSC, reserved */
	fill(&b, 0x22, mic);
	put16be(&b, kdl);
	if (kdl > 0 && !aead && (m == 2 || m == 3)) {
		rsne(&b, D11_AKM_PSK);
	} else
		fill(&b, 0x5a, kdl);
	feedn(&b, dt);
}

/* An EAP packet: code (1 request, 2 response, 3 success), type for 1/2. */
static void
eap(const uint8_t *ap, uint8_t code, uint8_t type, int64_t dt)
{
	static const uint8_t llc[] = { 0xaa, 0xaa, 0x03, 0, 0, 0, 0x88, 0x8e };
	uint16_t len = code <= 2 ? 5 : 4;
	struct buf b;

	rt(&b);
	if (code != 2)
		hdr(&b, 2, 0, 0x02, STA, ap, ap);
	else
		hdr(&b, 2, 0, 0x01, ap, STA, ap);
	put(&b, llc, sizeof llc);
	put8(&b, 2);
	put8(&b, 0);		/* EAP packet */
	put16be(&b, len);
	put8(&b, code);
	put8(&b, 1);		/* identifier */
	put16be(&b, len);
	if (code <= 2)
		put8(&b, type);
	feedn(&b, dt);
}

/* Unicast data: from the client when up, else from the AP. */
static void
data(const uint8_t *ap, bool up, int64_t dt)
{
	static const uint8_t llc[] = { 0xaa, 0xaa, 0x03, 0, 0, 0, 0x08, 0 };
	struct buf b;

	rt(&b);
	if (up)
		hdr(&b, 2, 0, 0x01, ap, STA, AP3);
	else
		hdr(&b, 2, 0, 0x02, STA, ap, AP3);
	put(&b, llc, sizeof llc);
	fill(&b, 0x45, 40);
	feedn(&b, dt);
}

/* Deauthentication (deauth) or disassociation, by the AP or the client. */
static void
leave(const uint8_t *ap, bool deauth, bool by_ap, uint16_t reason,
    int64_t dt)
{
	struct buf b;

	rt(&b);
	if (by_ap)
		hdr(&b, 0, deauth ? 12 : 10, 0, STA, ap, ap);
	else
		hdr(&b, 0, deauth ? 12 : 10, 0, ap, STA, ap);
	put16(&b, reason);
	feedn(&b, dt);
}

/* BTM request from ap (mode, a candidate), or the client's response. */
static void
btm_req(const uint8_t *ap, uint8_t mode, const uint8_t *cand, int64_t dt)
{
	struct buf b;

	rt(&b);
	hdr(&b, 0, 13, 0, STA, ap, ap);
	put8(&b, D11_CAT_WNM);
	put8(&b, D11_WNM_BTM_REQ);
	put8(&b, 1);		/* token */
	put8(&b, mode);
	put16(&b, 100);		/* disassociation timer */
	put8(&b, 255);		/* validity */
	put8(&b, D11_EID_NEIGHBOR);
	put8(&b, 13);
	put(&b, cand, 6);
	put16(&b, 0x0caf);
	put16(&b, 0);
	put8(&b, 81);
	put8(&b, 6);
	put8(&b, 7);
	feedn(&b, dt);
}

static void
btm_resp(const uint8_t *ap, uint8_t status, int64_t dt)
{
	struct buf b;

	rt(&b);
	hdr(&b, 0, 13, 0, ap, STA, ap);
	put8(&b, D11_CAT_WNM);
	put8(&b, D11_WNM_BTM_RESP);
	put8(&b, 1);
	put8(&b, status);
	put8(&b, 0);
	feedn(&b, dt);
}

static void
nr(const uint8_t *ap, bool request, int64_t dt)
{
	struct buf b;

	rt(&b);
	if (request)
		hdr(&b, 0, 13, 0, ap, STA, ap);
	else
		hdr(&b, 0, 13, 0, STA, ap, ap);
	put8(&b, D11_CAT_RM);
	put8(&b, request ? D11_RM_NR_REQ : D11_RM_NR_RESP);
	put8(&b, 1);
	feedn(&b, dt);
}

/* ------------------------------------------------------------------------
 * Engine set-up and reading.
 */
static int
setup_conf(const struct eng_conf *c, const char *sla)
{
	struct eng_conf d;
	char err[256];

	if (c == NULL) {
		eng_conf_defaults(&d);
		c = &d;
	}
	d = *c;
	d.sla_text = sla;
	E = eng_new(&d, err, sizeof err);
	assert_non_null(E);
	now_ns = T0;
	frame_no = 0;
	seqno = 100;
	freq = 2412;
	signal = -50;
	retry_bit = false;
	fcs_mode = FCS_NONE;
	return 0;
}

static int
setup(void **state)
{
	(void)state;
	return setup_conf(NULL, NULL);
}

static int
teardown(void **state)
{
	(void)state;
	eng_free(E);
	E = NULL;
	return 0;
}

/* The client's attempts, oldest first. */
static size_t
nroams(void)
{
	const struct eng_client *c = eng_find_client(E, STA);

	return c != NULL ? eng_client_nroams(E, c) : 0;
}

static const struct eng_roam *
roam(size_t i)
{
	const struct eng_client *c = eng_find_client(E, STA);

	assert_non_null(c);
	return eng_client_roam(E, c, i);
}

static bool
has_diag(const struct eng_roam *r, const char *code)
{
	unsigned i;

	for (i = 0; i < r->ndiags; i++)
		if (strcmp(r->diags[i].code, code) == 0)
			return true;
	return false;
}

static bool
went_through(const struct eng_roam *r, enum eng_state s)
{
	unsigned i;

	for (i = 0; i < r->nhist; i++)
		if (r->hist[i].state == s)
			return true;
	return false;
}

static const struct eng_phase *
phase(const struct eng_roam *r, enum eng_phase_kind k, unsigned nth)
{
	unsigned i;

	for (i = 0; i < r->nphases; i++)
		if (r->phases[i].kind == k && nth-- == 0)
			return &r->phases[i];
	return NULL;
}

/* Two APs beaconing, the client joined to AP1 with the 4-way and data. */
static void
joined_ap1(void)
{
	freq = 2412;
	beacon(AP1, 1, true, false, true, true, 10);
	freq = 2437;
	beacon(AP2, 6, true, false, true, true, 10);
	freq = 2412;
	auth(AP1, true, D11_AUTH_OPEN, 1, 0, 100);
	auth(AP1, false, D11_AUTH_OPEN, 2, 0, 2);
	assoc_req(AP1, false, D11_AKM_PSK, false, 2);
	assoc_resp(AP1, false, 0, false, 2);
	eapol(AP1, 1, false, 5);
	eapol(AP1, 2, false, 5);
	eapol(AP1, 3, false, 5);
	eapol(AP1, 4, false, 5);
	data(AP1, true, 10);
	data(AP1, false, 10);
}

/* The client's open authentication at ap dt ms from now, its
 * (re)association and the 4-way (3 and 5 ms apart), then its data. */
static void
psk_join(const uint8_t *ap, bool reassoc, int64_t dt)
{
	auth(ap, true, D11_AUTH_OPEN, 1, 0, dt);
	auth(ap, false, D11_AUTH_OPEN, 2, 0, 3);
	assoc_req(ap, reassoc, D11_AKM_PSK, false, 3);
	assoc_resp(ap, reassoc, 0, false, 3);
	eapol(ap, 1, false, 5);
	eapol(ap, 2, false, 5);
	eapol(ap, 3, false, 5);
	eapol(ap, 4, false, 5);
	data(ap, true, 5);
}

/* ------------------------------------------------------------------------
 * The lifecycle.
 */
static void
test_join(void **state)
{
	const struct eng_roam *r;
	const struct eng_client *c;

	(void)state;
	joined_ap1();
	assert_int_equal(nroams(), 1);
	r = roam(0);
	assert_true(r->is_join);
	assert_int_equal(r->state, ENG_S_DONE);
	assert_int_equal(r->result, ENG_R_OK);
	assert_int_equal(r->method, ENG_M_PSK);
	assert_int_equal(r->trigger, ENG_T_CLIENT);
	assert_true(went_through(r, ENG_S_AUTHENTICATING));
	assert_true(went_through(r, ENG_S_ASSOCIATING));
	assert_true(went_through(r, ENG_S_KEYING));
	assert_true(went_through(r, ENG_S_WAITING_DATA));
	assert_non_null(phase(r, ENG_P_AUTH, 0));
	assert_non_null(phase(r, ENG_P_ASSOC, 0));
	assert_non_null(phase(r, ENG_P_4WAY, 0));
	assert_non_null(phase(r, ENG_P_DATA, 0));
	assert_int_equal(r->attempts, 1);
	assert_true(r->outage_ms < 0);		/* a join has no old AP */
	assert_int_equal(r->new_ap.channel, 1);
	assert_int_equal(r->new_ap.band, ENG_BAND_2G);
	c = eng_find_client(E, STA);
	assert_true(c->associated);
	assert_memory_equal(c->bss, AP1, 6);
	eng_finish(E);
	assert_int_equal(roam(0)->result, ENG_R_OK);
}

/* FT to AP2 refused (53), FT with AP1 again and its reassociation: one
 * roam, result and state "returned", the outage from the last data via
 * AP1 before it left to the first data after. */
static void
test_refused_returns(void **state)
{
	const struct eng_roam *r;

	(void)state;
	joined_ap1();
	data(AP1, true, 200);
	auth(AP2, true, D11_AUTH_FT, 1, 0, 20);
	auth(AP2, false, D11_AUTH_FT, 2, D11_ST_INVALID_PMKID, 10);
	data(AP1, true, 30);		/* still talking via AP1 */
	auth(AP1, true, D11_AUTH_FT, 1, 0, 100);
	auth(AP1, false, D11_AUTH_FT, 2, 0, 10);
	assoc_req(AP1, true, D11_AKM_FT_PSK, false, 5);
	assoc_resp(AP1, true, 0, false, 5);
	data(AP1, true, 40);
	assert_int_equal(nroams(), 2);
	r = roam(1);
	assert_false(r->is_join);
	assert_memory_equal(r->from, AP1, 6);
	assert_memory_equal(r->to, AP2, 6);
	assert_int_equal(r->result, ENG_R_RETURNED);
	assert_int_equal(r->state, ENG_S_RETURNED);
	assert_true(went_through(r, ENG_S_RECOVERING));
	assert_int_equal(r->status, D11_ST_INVALID_PMKID);
	assert_int_equal(r->attempts, 1);
	assert_int_equal(r->method, ENG_M_FT_OVER_AIR);
	assert_int_equal(r->verdict, ENG_V_FAIL);
	assert_true(has_diag(r, "ft-invalid-pmkid"));
	assert_true(has_diag(r, "returned"));
	/* both FT exchanges, each with its AP */
	assert_memory_equal(phase(r, ENG_P_FT_AUTH, 0)->ap, AP2, 6);
	assert_int_equal(phase(r, ENG_P_FT_AUTH, 0)->status, 53);
	assert_memory_equal(phase(r, ENG_P_FT_AUTH, 1)->ap, AP1, 6);
	assert_int_equal(phase(r, ENG_P_FT_AUTH, 1)->status, 0);
	/* last data via AP1 before the reassociation (115 ms before it
	 * was sent) to the first data after: 115 + 5 + 40 ms */
	assert_true(r->outage_ms > 159.9 && r->outage_ms < 160.1);
	assert_memory_equal(eng_find_client(E, STA)->bss, AP1, 6);
	assert_int_equal(eng_counters(E)->roams_failed, 1);
}

/* No answer to the authentication (a timeout), then the client tries
 * again and gets in: one roam with two tries, result ok. */
static void
test_no_response_then_retry(void **state)
{
	const struct eng_roam *r;

	(void)state;
	joined_ap1();
	auth(AP2, true, D11_AUTH_OPEN, 1, 0, 500);
	/* time passes: the periodic sweep (once a second of capture time)
	 * applies the 1 s response timeout */
	beacon(AP1, 1, true, false, true, true, 800);
	beacon(AP1, 1, true, false, true, true, 800);
	beacon(AP1, 1, true, false, true, true, 800);
	assert_int_equal(roam(1)->state, ENG_S_RECOVERING);
	assert_int_equal(roam(1)->result, ENG_R_PENDING);
	freq = 2437;
	psk_join(AP2, true, 100);
	assert_int_equal(nroams(), 2);
	r = roam(1);
	assert_int_equal(r->result, ENG_R_OK);
	assert_int_equal(r->state, ENG_S_DONE);
	assert_int_equal(r->attempts, 2);
	assert_true(went_through(r, ENG_S_RECOVERING));
	/* the unanswered try is there, not judged; the second answered */
	assert_int_equal(phase(r, ENG_P_AUTH, 0)->end_ns, 0);
	assert_int_equal(phase(r, ENG_P_AUTH, 0)->verdict, ENG_V_NONE);
	assert_true(phase(r, ENG_P_AUTH, 1)->end_ns != 0);
	assert_false(has_diag(r, "no-response"));
}

/* A retransmission (same sequence number, retry bit) is a retry, not a
 * try; an unanswered request that the client does not repeat fails. */
static void
test_no_response_gives_up(void **state)
{
	const struct eng_roam *r;

	(void)state;
	joined_ap1();
	auth(AP2, true, D11_AUTH_OPEN, 1, 0, 500);
	seqno--;
	retry_bit = true;
	auth(AP2, true, D11_AUTH_OPEN, 1, 0, 5);	/* the same frame */
	retry_bit = false;
	beacon(AP1, 1, true, false, true, true, 12000);
	beacon(AP1, 1, true, false, true, true, 1000);
	r = roam(1);
	assert_int_equal(r->state, ENG_S_FAILED);
	assert_int_equal(r->result, ENG_R_FAILED);
	assert_int_equal(r->attempts, 1);
	assert_int_equal(phase(r, ENG_P_AUTH, 0)->retries, 1);
	assert_int_equal(phase(r, ENG_P_AUTH, 0)->verdict, ENG_V_FAIL);
	assert_true(has_diag(r, "no-response"));
}

/* FT to AP2 unanswered (three requests), and before our 1 s timeout the
 * client authenticates and associates with AP1 again (not a reassociation:
 * it dropped AP1 when it turned to AP2): it gave up on AP2, one roam,
 * returned.  AP2's refusal 4 s later (its PMK-R1 pull timed out;
 * tests/data/lab/ft-r0kh-wrong-key.pcap) is that FT exchange's, late, not
 * a roam of its own; the roam's status stays none. */
static void
test_gave_up_returns(void **state)
{
	const struct eng_roam *r;

	(void)state;
	joined_ap1();
	auth(AP2, true, D11_AUTH_FT, 1, 0, 200);
	auth(AP2, true, D11_AUTH_FT, 1, 0, 100);
	auth(AP2, true, D11_AUTH_FT, 1, 0, 100);
	auth(AP1, true, D11_AUTH_OPEN, 1, 0, 450);
	auth(AP1, false, D11_AUTH_OPEN, 2, 0, 15);
	assoc_req(AP1, false, D11_AKM_PSK, false, 15);
	assoc_resp(AP1, false, 0, false, 2);
	eapol(AP1, 1, false, 10);
	eapol(AP1, 2, false, 5);
	eapol(AP1, 3, false, 5);
	eapol(AP1, 4, false, 5);
	data(AP1, true, 30);
	assert_int_equal(nroams(), 2);
	r = roam(1);
	assert_false(r->is_join);
	assert_memory_equal(r->from, AP1, 6);
	assert_memory_equal(r->to, AP2, 6);
	assert_int_equal(r->result, ENG_R_RETURNED);
	assert_int_equal(r->state, ENG_S_RETURNED);
	assert_true(went_through(r, ENG_S_RECOVERING));
	assert_int_equal(r->status, ENG_STATUS_NONE);
	assert_int_equal(phase(r, ENG_P_FT_AUTH, 0)->end_ns, 0);
	assert_int_equal(phase(r, ENG_P_FT_AUTH, 0)->retries, 2);
	assert_true(has_diag(r, "no-response"));
	assert_true(has_diag(r, "returned"));
	/* quiet for 3 s (the attempt closes), then AP2's late answer */
	beacon(AP1, 1, true, false, true, true, 1500);
	beacon(AP1, 1, true, false, true, true, 1500);
	auth(AP2, false, D11_AUTH_FT, 2, D11_ST_INVALID_PMKID, 800);
	assert_int_equal(nroams(), 2);
	r = roam(1);
	assert_int_equal(r->result, ENG_R_RETURNED);
	assert_int_equal(r->status, ENG_STATUS_NONE);
	assert_true(phase(r, ENG_P_FT_AUTH, 0)->late);
	assert_int_equal(phase(r, ENG_P_FT_AUTH, 0)->status,
	    D11_ST_INVALID_PMKID);
	assert_true(has_diag(r, "late-answer"));
	assert_false(has_diag(r, "no-response"));
	assert_false(has_diag(r, "ft-invalid-pmkid"));
	assert_true(eng_find_client(E, STA)->associated);
	assert_memory_equal(eng_find_client(E, STA)->bss, AP1, 6);
}

/* FT refused by the target, then a full authentication to it: fallback. */
static void
test_ft_refused_fallback(void **state)
{
	const struct eng_roam *r;

	(void)state;
	joined_ap1();
	freq = 2437;
	auth(AP2, true, D11_AUTH_FT, 1, 0, 300);
	auth(AP2, false, D11_AUTH_FT, 2, D11_ST_INVALID_PMKID, 10);
	psk_join(AP2, true, 50);
	assert_int_equal(nroams(), 2);
	r = roam(1);
	assert_int_equal(r->result, ENG_R_FALLBACK);
	assert_int_equal(r->state, ENG_S_DONE);
	assert_int_equal(r->attempts, 2);
	assert_int_equal(r->status, D11_ST_INVALID_PMKID);
	assert_int_equal(r->method, ENG_M_FT_OVER_AIR);
	assert_true(has_diag(r, "ft-fallback"));
	assert_true(r->verdict >= ENG_V_WARN);
	assert_memory_equal(eng_find_client(E, STA)->bss, AP2, 6);
}

/* The AP deauthenticates the client between M2 and M3: an event of the
 * join with its reason and direction, the client has no AP now, and the
 * join fails when nothing follows. */
static void
test_deauth_mid_4way(void **state)
{
	const struct eng_roam *r;
	const struct eng_client *c;

	(void)state;
	beacon(AP1, 1, true, false, true, true, 10);
	auth(AP1, true, D11_AUTH_OPEN, 1, 0, 100);
	auth(AP1, false, D11_AUTH_OPEN, 2, 0, 2);
	assoc_req(AP1, false, D11_AKM_PSK, false, 2);
	assoc_resp(AP1, false, 0, false, 2);
	eapol(AP1, 1, false, 5);
	eapol(AP1, 2, false, 5);
	leave(AP1, true, true, D11_RS_4WAY_HANDSHAKE_TIMEOUT, 1000);
	r = roam(0);
	assert_int_equal(r->state, ENG_S_RECOVERING);
	assert_int_equal(r->nevents, 1);
	assert_int_equal(r->events[0].kind, ENG_E_DEAUTH);
	assert_true(r->events[0].by_ap);
	assert_int_equal(r->events[0].reason, D11_RS_4WAY_HANDSHAKE_TIMEOUT);
	c = eng_find_client(E, STA);
	assert_false(c->associated);
	assert_false(c->has_bss);
	assert_true(c->has_last_bss);
	assert_memory_equal(c->last_bss, AP1, 6);
	beacon(AP1, 1, true, false, true, true, 11000);
	beacon(AP1, 1, true, false, true, true, 1000);
	r = roam(0);
	assert_int_equal(r->state, ENG_S_FAILED);
	assert_int_equal(r->result, ENG_R_FAILED);
	assert_true(has_diag(r, "deauth-by-ap"));
}

/* The same, but the client reconnects: the reconnection is the join's
 * aftermath (one join, two tries, ok). */
static void
test_deauth_then_reconnect(void **state)
{
	const struct eng_roam *r;

	(void)state;
	beacon(AP1, 1, true, false, true, true, 10);
	auth(AP1, true, D11_AUTH_OPEN, 1, 0, 100);
	auth(AP1, false, D11_AUTH_OPEN, 2, 0, 2);
	assoc_req(AP1, false, D11_AKM_PSK, false, 2);
	assoc_resp(AP1, false, 0, false, 2);
	eapol(AP1, 1, false, 5);
	eapol(AP1, 2, false, 5);
	leave(AP1, true, true, D11_RS_4WAY_HANDSHAKE_TIMEOUT, 1000);
	auth(AP1, true, D11_AUTH_OPEN, 1, 0, 2000);
	auth(AP1, false, D11_AUTH_OPEN, 2, 0, 2);
	assoc_req(AP1, false, D11_AKM_PSK, false, 2);
	assoc_resp(AP1, false, 0, false, 2);
	eapol(AP1, 1, false, 5);
	eapol(AP1, 2, false, 5);
	eapol(AP1, 3, false, 5);
	eapol(AP1, 4, false, 5);
	data(AP1, true, 5);
	assert_int_equal(nroams(), 1);
	r = roam(0);
	assert_int_equal(r->result, ENG_R_OK);
	assert_int_equal(r->attempts, 2);
	assert_int_equal(r->nevents, 1);
	assert_true(eng_find_client(E, STA)->associated);
}

/* BTM with Disassociation Imminent (rejected), the AP's disassociation
 * seconds later, then the client's association elsewhere: one hard roam
 * from AP1, steered, holding the BTM exchange and the disassociation. */
static void
test_btm_disassoc_hard_roam(void **state)
{
	const struct eng_roam *r;

	(void)state;
	joined_ap1();
	btm_req(AP1, D11_BTM_PREF_LIST | D11_BTM_DISASSOC_IMM, AP3, 1000);
	btm_resp(AP1, D11_BTM_REJECT_NO_CANDIDATE, 150);
	beacon(AP1, 1, true, false, true, true, 5000);
	beacon(AP1, 1, true, false, true, true, 5000);
	leave(AP1, false, true, D11_RS_BSS_TRANSITION_DISASSOC, 100);
	assert_false(eng_find_client(E, STA)->has_bss);
	freq = 2437;
	psk_join(AP2, false, 300);
	assert_int_equal(nroams(), 2);
	r = roam(1);
	assert_false(r->is_join);
	assert_true(r->hard);
	assert_memory_equal(r->from, AP1, 6);
	assert_memory_equal(r->to, AP2, 6);
	assert_int_equal(r->result, ENG_R_OK);
	assert_int_equal(r->trigger, ENG_T_STEERED);
	assert_int_equal(r->trigger_btm_mode, D11_BTM_PREF_LIST |
	    D11_BTM_DISASSOC_IMM);
	assert_int_equal(r->trigger_reason, D11_RS_BSS_TRANSITION_DISASSOC);
	assert_true(went_through(r, ENG_S_STEERED));
	assert_int_equal(r->nevents, 1);
	assert_int_equal(r->events[0].kind, ENG_E_DISASSOC);
	assert_true(r->events[0].by_ap);
	assert_int_equal(phase(r, ENG_P_BTM, 0)->status,
	    D11_BTM_REJECT_NO_CANDIDATE);
	assert_true(has_diag(r, "btm-reject"));
	/* every frame of it: BTM request and response, the disassociation */
	assert_true(r->nframes >= 11);
	assert_int_equal(r->old_ap.channel, 1);
	assert_int_equal(r->new_ap.channel, 6);
}

/* The AP deauthenticates the client (no BTM before), which associates
 * with AP2 seconds later: a hard roam, forced, with the reason; the client
 * deauthenticating itself is no force. */
static void
test_forced_hard_roam(void **state)
{
	const struct eng_roam *r;

	(void)state;
	joined_ap1();
	leave(AP1, true, true, D11_RS_INACTIVITY, 2000);
	assert_false(eng_find_client(E, STA)->associated);
	freq = 2437;
	psk_join(AP2, false, 3000);
	assert_int_equal(nroams(), 2);
	r = roam(1);
	assert_true(r->hard);
	assert_memory_equal(r->from, AP1, 6);
	assert_int_equal(r->result, ENG_R_OK);
	assert_int_equal(r->trigger, ENG_T_FORCED);
	assert_int_equal(r->trigger_reason, D11_RS_INACTIVITY);
	assert_int_equal(r->nevents, 1);
	assert_int_equal(r->events[0].kind, ENG_E_DEAUTH);
	assert_true(r->events[0].by_ap);
	/* back to AP1 after leaving AP2 itself: hard, the client's own */
	leave(AP2, true, false, D11_RS_LEAVING_NETWORK_DEAUTH, 1000);
	freq = 2412;
	psk_join(AP1, false, 1000);
	assert_int_equal(nroams(), 3);
	r = roam(2);
	assert_true(r->hard);
	assert_memory_equal(r->from, AP2, 6);
	assert_int_equal(r->trigger, ENG_T_CLIENT);
	assert_int_equal(r->trigger_reason, -1);
	assert_int_equal(r->nevents, 1);
	assert_false(r->events[0].by_ap);
}

/* A neighbor report shortly before: assisted. */
static void
test_assisted(void **state)
{
	const struct eng_roam *r;

	(void)state;
	joined_ap1();
	nr(AP1, true, 500);
	nr(AP1, false, 5);
	auth(AP2, true, D11_AUTH_FT, 1, 0, 300);
	auth(AP2, false, D11_AUTH_FT, 2, 0, 10);
	assoc_req(AP2, true, D11_AKM_FT_PSK, false, 5);
	assoc_resp(AP2, true, 0, false, 5);
	data(AP2, true, 5);
	r = roam(1);
	assert_int_equal(r->trigger, ENG_T_ASSISTED);
	assert_int_equal(r->phases[0].kind, ENG_P_NEIGHBOR_REPORT);
	assert_int_equal(r->result, ENG_R_OK);
	assert_int_equal(r->method, ENG_M_FT_OVER_AIR);
}

/* SAE: commit, commit, confirm, confirm is one authentication phase, and
 * the join's end and total follow the 4-way. */
static void
test_sae_join(void **state)
{
	const struct eng_roam *r;
	const struct eng_phase *a;
	int64_t t_commit, t_confirm, t_m4;

	(void)state;
	beacon(AP1, 1, false, false, false, false, 10);
	auth(AP1, true, D11_AUTH_SAE, D11_SAE_COMMIT, 0, 100);
	t_commit = now_ns;
	auth(AP1, false, D11_AUTH_SAE, D11_SAE_COMMIT, 0, 12);
	auth(AP1, true, D11_AUTH_SAE, D11_SAE_CONFIRM, 0, 80);
	auth(AP1, false, D11_AUTH_SAE, D11_SAE_CONFIRM, 0, 2);
	t_confirm = now_ns;
	assoc_req(AP1, false, D11_AKM_SAE, false, 6);
	assoc_resp(AP1, false, 0, false, 3);
	eapol(AP1, 1, false, 6);
	eapol(AP1, 2, false, 8);
	eapol(AP1, 3, false, 3);
	eapol(AP1, 4, false, 2);
	t_m4 = now_ns;
	data(AP1, true, 9800);		/* idle: no data phase */
	eng_finish(E);
	r = roam(0);
	assert_int_equal(r->method, ENG_M_SAE);
	assert_int_equal(r->result, ENG_R_OK);
	a = phase(r, ENG_P_AUTH, 0);
	assert_non_null(a);
	assert_null(phase(r, ENG_P_AUTH, 1));
	assert_true(a->start_ns == t_commit);
	assert_true(a->end_ns == t_confirm);
	assert_null(phase(r, ENG_P_DATA, 0));
	assert_true(r->end_ns == t_m4);
	assert_true(r->total_ms > (double)(t_m4 - t_commit) / MS - 0.01 &&
	    r->total_ms < (double)(t_m4 - t_commit) / MS + 0.01);
}

/* FILS: the FILS authentication and the (re)association (whose elements
 * end with the FILS Session element) set up the keys; no 4-way. */
static void
test_fils_join(void **state)
{
	const struct eng_roam *r;
	int64_t t_auth, t_resp;

	(void)state;
	beacon(AP1, 1, false, false, false, false, 10);
	auth(AP1, true, D11_AUTH_FILS_SK, 1, 0, 100);
	t_auth = now_ns;
	auth(AP1, false, D11_AUTH_FILS_SK, 2, 0, 4);
	assoc_req(AP1, false, D11_AKM_FILS_SHA256, true, 3);
	assoc_resp(AP1, false, 0, true, 3);
	t_resp = now_ns;
	data(AP1, true, 10);
	r = roam(0);
	assert_int_equal(r->method, ENG_M_FILS);
	assert_int_equal(r->result, ENG_R_OK);
	assert_int_equal(r->state, ENG_S_DONE);
	assert_null(phase(r, ENG_P_4WAY, 0));
	assert_false(has_diag(r, "no-4way"));
	assert_true(r->total_ms > (double)(t_resp - t_auth) / MS - 0.01 &&
	    r->total_ms < (double)(t_resp - t_auth) / MS + 0.01);
	eng_finish(E);
	assert_int_equal(roam(0)->result, ENG_R_OK);
}

/* A FILS AKM after open authentication and EAP: the 4-way uses AES-SIV,
 * 2/4 and 4/4 without a MIC, told apart by the Secure bit; the method is
 * what ran, full-8021x. */
static void
test_fils_4way(void **state)
{
	const struct eng_roam *r;

	(void)state;
	beacon(AP1, 1, false, false, false, false, 10);
	auth(AP1, true, D11_AUTH_OPEN, 1, 0, 100);
	auth(AP1, false, D11_AUTH_OPEN, 2, 0, 2);
	assoc_req(AP1, false, D11_AKM_FILS_SHA256, false, 2);
	assoc_resp(AP1, false, 0, false, 2);
	eap(AP1, D11_EAP_REQUEST, 1, 5);
	eap(AP1, D11_EAP_RESPONSE, 1, 5);
	eap(AP1, D11_EAP_SUCCESS, 0, 5);
	eapol(AP1, 1, true, 5);
	eapol(AP1, 2, true, 5);
	eapol(AP1, 3, true, 5);
	eapol(AP1, 4, true, 5);
	eng_finish(E);
	r = roam(0);
	assert_non_null(phase(r, ENG_P_4WAY, 0));
	assert_true(phase(r, ENG_P_4WAY, 0)->end_ns != 0);
	assert_int_equal(r->result, ENG_R_OK);
	assert_int_equal(r->state, ENG_S_DONE);
	assert_int_equal(r->method, ENG_M_FULL_8021X);
	assert_non_null(phase(r, ENG_P_EAP, 0));
}

/* Only the AP's answers were captured: the join is kept. */
static void
test_ap_side_only_join(void **state)
{
	const struct eng_roam *r;

	(void)state;
	beacon(AP1, 1, true, false, true, true, 10);
	auth(AP1, false, D11_AUTH_OPEN, 2, 0, 100);
	assoc_resp(AP1, false, 0, false, 5);
	eapol(AP1, 1, false, 5);
	eapol(AP1, 3, false, 10);
	data(AP1, false, 20);
	assert_int_equal(nroams(), 1);
	r = roam(0);
	assert_true(r->is_join);
	assert_memory_equal(r->to, AP1, 6);
	assert_non_null(phase(r, ENG_P_AUTH, 0));
	assert_true(phase(r, ENG_P_AUTH, 0)->ms < 0);	/* no request */
	assert_non_null(phase(r, ENG_P_ASSOC, 0));
	assert_int_equal(r->result, ENG_R_OK);
	assert_true(eng_find_client(E, STA)->associated);
}

/* M1 sent again with the retry bit: a retry of the 4-way. */
static void
test_m1_retry_counted(void **state)
{
	const struct eng_roam *r;

	(void)state;
	beacon(AP1, 1, true, false, true, true, 10);
	auth(AP1, true, D11_AUTH_OPEN, 1, 0, 100);
	auth(AP1, false, D11_AUTH_OPEN, 2, 0, 2);
	assoc_req(AP1, false, D11_AKM_PSK, false, 2);
	assoc_resp(AP1, false, 0, false, 2);
	eapol(AP1, 1, false, 5);
	seqno--;
	retry_bit = true;
	eapol(AP1, 1, false, 3);
	retry_bit = false;
	eapol(AP1, 2, false, 5);
	eapol(AP1, 3, false, 5);
	eapol(AP1, 4, false, 5);
	r = roam(0);
	assert_int_equal(phase(r, ENG_P_4WAY, 0)->retries, 1);
	assert_int_equal(r->retries, 1);
	assert_false(has_diag(r, "4way-no-m3"));
}

/* A later beacon turning on FT over the DS: the AP now has it, and the
 * change is kept with its time, and told as a finding. */
static void
test_capability_change(void **state)
{
	const struct eng_ap *a;
	const struct eng_finding *f = NULL;
	char t[128];
	int64_t when;
	size_t i, n;

	(void)state;
	beacon(AP1, 1, true, false, true, true, 10);
	beacon(AP1, 1, true, false, true, true, 100);
	a = eng_find_ap(E, AP1);
	assert_false(a->ft_over_ds);
	assert_int_equal(a->nchanges, 0);
	beacon(AP1, 1, true, true, true, true, 100);
	when = now_ns;
	beacon(AP1, 1, true, true, true, true, 100);
	a = eng_find_ap(E, AP1);
	assert_true(a->ft_over_ds);
	assert_int_equal(a->nchanges, 1);
	assert_int_equal(a->changes_total, 1);
	assert_int_equal(a->changes[0].field, ENG_AF_FT_OVER_DS);
	assert_true(a->changes[0].ts_ns == when);
	eng_ap_change_text(&a->changes[0], t, sizeof t);
	assert_string_equal(t, "FT over the DS turned on");
	n = eng_nfindings(E);
	for (i = 0; i < n; i++) {
		f = eng_finding(E, i);
		if (strcmp(f->code, "ap-change") == 0)
			break;
	}
	assert_true(i < n);
	assert_true(f->ts_ns == when);
	assert_non_null(strstr(f->text, "FT over the DS turned on"));
	/* 11k and the channel as well; a probe response does not count */
	beacon(AP1, 6, true, true, false, true, 100);
	a = eng_find_ap(E, AP1);
	assert_int_equal(a->changes_total, 3);
	assert_int_equal(a->channel, 6);
	assert_false(a->nr);
}

/* Beacons with an FCS: a corrupted one (its FCS wrong, the radio header
 * not saying so) neither makes an AP nor changes one; the same beacon
 * whole does. */
static void
test_corrupted_beacon(void **state)
{
	const struct eng_ap *a;

	(void)state;
	fcs_mode = FCS_CORRUPT;
	beacon(AP1, 1, true, false, true, true, 10);
	assert_null(eng_find_ap(E, AP1));
	assert_int_equal(eng_counters(E)->bad_fcs, 1);
	fcs_mode = FCS_GOOD;
	beacon(AP1, 1, true, false, true, true, 100);
	a = eng_find_ap(E, AP1);
	assert_non_null(a);
	assert_true(a->btm);
	/* the last byte is the Extended Capabilities' BTM bit: corrupted,
	 * it would turn 11v off */
	fcs_mode = FCS_CORRUPT;
	beacon(AP1, 1, true, false, true, true, 100);
	beacon(AP1, 6, true, true, false, false, 100);
	a = eng_find_ap(E, AP1);
	assert_true(a->btm);
	assert_int_equal(a->channel, 1);
	assert_false(a->ft_over_ds);
	assert_int_equal(a->changes_total, 0);
	assert_int_equal(eng_counters(E)->bad_fcs, 3);
	/* whole, the same change is one */
	fcs_mode = FCS_GOOD;
	beacon(AP1, 1, true, false, true, false, 100);
	a = eng_find_ap(E, AP1);
	assert_false(a->btm);
	assert_int_equal(a->changes_total, 1);
	assert_int_equal(eng_counters(E)->bad_fcs, 3);
}

/* ------------------------------------------------------------------------
 * Context and lookups.
 */

/* RSSI before: the old AP's last frame; after: the new AP's first frame
 * after the (re)association response; the band of each side. */
static void
test_rssi_and_band(void **state)
{
	const struct eng_roam *r;
	uint64_t before;

	(void)state;
	joined_ap1();
	signal = -74;
	beacon(AP1, 1, true, false, true, true, 100);
	before = frame_no;
	signal = -40;
	freq = 5180;
	beacon(AP2, 36, true, false, true, true, 10);
	signal = -45;
	auth(AP2, true, D11_AUTH_FT, 1, 0, 20);
	signal = -41;
	auth(AP2, false, D11_AUTH_FT, 2, 0, 5);
	assoc_req(AP2, true, D11_AKM_FT_PSK, false, 5);
	signal = -43;
	assoc_resp(AP2, true, 0, false, 5);
	signal = -44;
	data(AP2, false, 5);		/* the new AP's first frame after */
	signal = -46;
	data(AP2, true, 5);		/* the client's */
	r = roam(1);
	assert_true(r->old_ap.has_rssi);
	assert_int_equal(r->old_ap.rssi, -74);
	assert_true(r->old_ap.rssi_frame == before);
	assert_true(r->new_ap.has_rssi);
	assert_int_equal(r->new_ap.rssi, -44);
	assert_true(r->has_rssi_drop);
	assert_int_equal(r->rssi_drop_db, -30);
	assert_true(r->new_ap.has_client_rssi);
	assert_int_equal(r->new_ap.client_rssi, -46);
	assert_int_equal(r->old_ap.band, ENG_BAND_2G);
	assert_int_equal(r->new_ap.band, ENG_BAND_5G);
	assert_int_equal(r->new_ap.channel, 36);
	assert_int_equal(r->new_ap.freq, 5180);
}

/* A dashboard-like profile: a roam to an AP heard below -72 dBm is
 * suboptimal (WARN). */
static void
test_rssi_sla(void **state)
{
	const struct eng_roam *r;

	(void)state;
	eng_free(E);
	setup_conf(NULL, "rssi_low = -72 none\nrssi_drop = 6 none\n");
	joined_ap1();
	signal = -60;
	beacon(AP1, 1, true, false, true, true, 100);
	auth(AP2, true, D11_AUTH_FT, 1, 0, 20);
	auth(AP2, false, D11_AUTH_FT, 2, 0, 5);
	assoc_req(AP2, true, D11_AKM_FT_PSK, false, 5);
	assoc_resp(AP2, true, 0, false, 5);
	signal = -75;
	data(AP2, false, 5);
	data(AP2, true, 5);
	eng_finish(E);
	r = roam(1);
	assert_int_equal(r->result, ENG_R_OK);
	assert_true(has_diag(r, "rssi-low"));
	assert_true(has_diag(r, "rssi-drop"));
	assert_int_equal(r->verdict, ENG_V_WARN);
}

static void
ft_roam(const uint8_t *to, int64_t dt)
{
	auth(to, true, D11_AUTH_FT, 1, 0, dt);
	auth(to, false, D11_AUTH_FT, 2, 0, 5);
	assoc_req(to, true, D11_AKM_FT_PSK, false, 5);
	assoc_resp(to, true, 0, false, 5);
	data(to, true, 5);
}

/* A -> B -> A within the window: ping-pong; the pair statistics. */
static void
test_ping_pong_and_pairs(void **state)
{
	const struct eng_client *c;
	const struct eng_pair *p;

	(void)state;
	joined_ap1();
	ft_roam(AP2, 1000);
	ft_roam(AP1, 3000);
	ft_roam(AP2, 30000);	/* long after: not a ping-pong */
	eng_finish(E);
	c = eng_find_client(E, STA);
	assert_int_equal(c->nping_pong, 1);
	assert_int_equal(c->ping_pong_total, 1);
	assert_memory_equal(c->ping_pong[0].a, AP1, 6);
	assert_memory_equal(c->ping_pong[0].b, AP2, 6);
	assert_false(c->ping_pong[0].band_loop);
	assert_true(c->ping_pong[0].ms > 2900 && c->ping_pong[0].ms < 3100);
	p = eng_find_pair(E, AP1, AP2);
	assert_non_null(p);
	assert_int_equal(p->roams, 2);
	assert_int_equal(p->failed, 0);
	assert_true(p->median_ms > 14.9 && p->median_ms < 15.1);
	p = eng_find_pair(E, AP2, AP1);
	assert_int_equal(p->roams, 1);
	assert_int_equal(eng_npairs(E), 2);
}

/* Staying on an AP heard at -78 dBm while another of the ESS is heard at
 * -62 (16 dB better) for more than 5 s: a sticky client, FAIL. */
static void
test_sticky(void **state)
{
	const struct eng_client *c;
	int i;

	(void)state;
	joined_ap1();
	for (i = 0; i < 80; i++) {
		signal = -78;
		freq = 2412;
		beacon(AP1, 1, true, false, true, true, 50);
		signal = -62;
		freq = 2437;
		beacon(AP2, 6, true, false, true, true, 50);
	}
	c = eng_find_client(E, STA);
	assert_int_equal(c->nsticky, 1);
	assert_true(c->sticky[0].open);
	assert_true(c->sticky[0].ms > 1000);
	assert_memory_equal(c->sticky[0].ap, AP1, 6);
	assert_memory_equal(c->sticky[0].better, AP2, 6);
	assert_int_equal(c->sticky[0].delta_db, 16);
	assert_int_equal(c->sticky[0].verdict, ENG_V_FAIL);
	/* the AP recovers: the episode closes */
	for (i = 0; i < 40; i++) {
		signal = -60;
		freq = 2412;
		beacon(AP1, 1, true, false, true, true, 50);
	}
	c = eng_find_client(E, STA);
	assert_false(c->sticky[0].open);
	assert_int_equal(c->sticky_total, 1);
}

/* Attempts by id, and the attempt of a client at a time. */
static void
test_lookups(void **state)
{
	const struct eng_roam *r, *x;
	int64_t mid;

	(void)state;
	joined_ap1();
	ft_roam(AP2, 1000);
	mid = now_ns - 10 * MS;
	eng_finish(E);
	r = roam(1);
	x = eng_roam_by_id(E, r->id);
	assert_ptr_equal(x, r);
	assert_null(eng_roam_by_id(E, 999999));
	assert_ptr_equal(eng_roam_at(E, STA, mid, 0), r);
	assert_ptr_equal(eng_roam_at(E, STA, roam(0)->start_ns + MS, 0),
	    roam(0));
	assert_null(eng_roam_at(E, STA, T0 - 1000 * MS, 0));
	assert_null(eng_roam_at(E, AP3, mid, 0));
}

/* ------------------------------------------------------------------------
 * Bounds.
 */

/* Beyond max_aps the AP heard least recently goes (no scan), and the ESS
 * findings follow: the one AP with another MDID gone, no mixed MDIDs. */
static void
test_ap_eviction_and_findings(void **state)
{
	struct eng_conf c;
	uint8_t bssid[6] = { 0x02, 0x10, 0, 0, 0, 0 };
	struct buf b;
	size_t i, n, k;
	bool mixed;

	(void)state;
	eng_free(E);
	eng_conf_defaults(&c);
	c.max_aps = 100;
	setup_conf(&c, NULL);
	for (i = 0; i < 300; i++) {
		bssid[4] = (uint8_t)(i >> 8);
		bssid[5] = (uint8_t)i;
		rt(&b);
		hdr(&b, 0, 8, 0, BCAST, bssid, bssid);
		fill(&b, 0, 8);
		put16(&b, 100);
		put16(&b, 0x0411);
		put8(&b, D11_EID_SSID);
		put8(&b, 5);
		put(&b, "flood", 5);
		rsne(&b, D11_AKM_FT_PSK);
		put8(&b, D11_EID_MDE);
		put8(&b, 3);
		put8(&b, i == 250 ? 0xc3 : 0xa1);
		put8(&b, i == 250 ? 0xd4 : 0xb2);
		put8(&b, 0);
		feedn(&b, 1);
		mixed = false;
		n = eng_nfindings(E);
		for (k = 0; k < n; k++)
			if (strcmp(eng_finding(E, k)->code, "mixed-mdid") == 0)
				mixed = true;
		assert_true(mixed == (i >= 250));
	}
	assert_int_equal(eng_naps(E), 100);
	assert_int_equal(eng_counters(E)->aps_dropped, 200);
	assert_null(eng_find_ap(E, (uint8_t[6]){ 0x02, 0x10, 0, 0, 0, 199 }));
	assert_non_null(eng_find_ap(E, (uint8_t[6]){ 0x02, 0x10, 0, 0, 1,
	    43 }));
	/* first seen first */
	assert_int_equal(eng_ap(E, 0)->bssid[5], 200);
	/* 100 more push AP 250 out: the mixed MDIDs go with it */
	for (i = 300; i < 400; i++) {
		bssid[4] = (uint8_t)(i >> 8);
		bssid[5] = (uint8_t)i;
		rt(&b);
		hdr(&b, 0, 8, 0, BCAST, bssid, bssid);
		fill(&b, 0, 8);
		put16(&b, 100);
		put16(&b, 0x0411);
		put8(&b, D11_EID_SSID);
		put8(&b, 5);
		put(&b, "flood", 5);
		feedn(&b, 1);
	}
	n = eng_nfindings(E);
	for (k = 0; k < n; k++)
		assert_string_not_equal(eng_finding(E, k)->code, "mixed-mdid");
}

/* Beyond max_clients the client heard least recently goes. */
static void
test_client_eviction(void **state)
{
	struct eng_conf c;
	uint8_t sta[6] = { 0x02, 0x20, 0, 0, 0, 0 };
	struct buf b;
	unsigned i;

	(void)state;
	eng_free(E);
	eng_conf_defaults(&c);
	c.max_clients = 50;
	setup_conf(&c, NULL);
	beacon(AP1, 1, true, false, true, true, 10);
	for (i = 0; i < 500; i++) {
		sta[4] = (uint8_t)(i >> 8);
		sta[5] = (uint8_t)i;
		rt(&b);
		hdr(&b, 0, 11, 0, AP1, sta, AP1);
		put16(&b, D11_AUTH_OPEN);
		put16(&b, 1);
		put16(&b, 0);
		feedn(&b, 1);
	}
	assert_int_equal(eng_nclients(E), 50);
	assert_int_equal(eng_counters(E)->clients_aged, 450);
	assert_non_null(eng_find_client(E, sta));
	sta[5] = 0;
	assert_null(eng_find_client(E, sta));
	eng_finish(E);
}

/* ------------------------------------------------------------------------
 * Settled roams kept packed (cold.c).
 */

/* n roams between AP1 and AP2 after the join, of several kinds: plain,
 * steered by BTM, after a neighbor report, refused once then retried,
 * forced by the AP's deauthentication, and tried twice unanswered before
 * the next roam's exchange (one attempt of three tries). */
static void
roam_walk(unsigned n)
{
	const uint8_t *cur = AP1, *to;
	unsigned i;

	joined_ap1();
	for (i = 0; i < n; i++) {
		to = cur == AP1 ? AP2 : AP1;
		freq = to == AP1 ? 2412 : 2437;
		signal = (int8_t)(-40 - (int)(i % 30));
		switch (i % 6) {
		case 0:
			psk_join(to, true, 400);
			break;
		case 1:
			btm_req(cur, D11_BTM_PREF_LIST, to, 300);
			btm_resp(cur, 0, 4);
			psk_join(to, true, 20);
			break;
		case 2:
			nr(cur, true, 300);
			nr(cur, false, 3);
			psk_join(to, true, 30);
			break;
		case 3:
			auth(to, true, D11_AUTH_OPEN, 1, 0, 400);
			auth(to, false, D11_AUTH_OPEN, 2, 0, 3);
			assoc_req(to, true, D11_AKM_PSK, false, 3);
			assoc_resp(to, true, 17, false, 3);
			psk_join(to, true, 200);
			break;
		case 4:
			leave(cur, true, true, 2, 400);
			psk_join(to, false, 50);
			break;
		case 5:
			/* asked, never answered: back on the old AP */
			auth(to, true, D11_AUTH_OPEN, 1, 0, 400);
			auth(to, true, D11_AUTH_OPEN, 1, 0, 1200);
			data(cur, true, 1500);
			to = cur;
			break;
		}
		cur = to;
		data(cur, true, 20);
		data(cur, false, 5);
		/* seconds apart: a lookup's slack covers one roam */
		data(cur, true, 3000);
	}
}

/* Every kept record of the client, copied (tx_texts written). */
static struct eng_roam *
copy_roams(size_t *n)
{
	struct eng_roam *v;
	size_t i;

	*n = nroams();
	v = calloc(*n ? *n : 1, sizeof *v);
	assert_non_null(v);
	for (i = 0; i < *n; i++)
		memcpy(&v[i], roam(i), sizeof v[i]);
	return v;
}

/* Packed and unpacked, the records are the same to the byte, read in
 * any order, through every lookup; the summary counts agree. */
static void
test_cold_exact(void **state)
{
	struct eng_counters cnt;
	struct eng_roam *hot, *cold;
	struct eng_conf c;
	const struct eng_roam *r;
	size_t nh, nc, i;

	(void)state;
	eng_free(E);
	eng_conf_defaults(&c);
	c.hot_roams = c.max_roams_per_client;	/* none packed */
	setup_conf(&c, NULL);
	roam_walk(120);
	hot = copy_roams(&nh);
	cnt = *eng_counters(E);
	eng_free(E);

	eng_conf_defaults(&c);
	setup_conf(&c, NULL);
	roam_walk(120);
	assert_int_equal(nroams(), nh);
	assert_true(nh > 100);
	/* the newest first: every read unpacks into a view in turn */
	for (i = nh; i-- > 0;)
		assert_memory_equal(roam(i), &hot[i], sizeof hot[i]);
	cold = copy_roams(&nc);
	for (i = 0; i < nh; i++) {
		assert_memory_equal(&cold[i], &hot[i], sizeof hot[i]);
		r = eng_roam_by_id(E, hot[i].id);
		assert_non_null(r);
		assert_memory_equal(r, &hot[i], sizeof hot[i]);
		r = eng_roam_at(E, STA, hot[i].start_ns, 0);
		assert_non_null(r);
		assert_int_equal(r->id, hot[i].id);
	}
	assert_int_equal(eng_nroams_all(E), nh);
	for (i = 0; i < nh; i++)
		assert_memory_equal(eng_roam_all(E, i), &hot[i],
		    sizeof hot[i]);
	assert_memory_equal(eng_counters(E), &cnt, sizeof cnt);
	/* the variety the walk means to have */
	for (i = 0; i < nh && hot[i].ndiags == 0; i++)
		;
	assert_true(i < nh);
	for (i = 0; i < nh && hot[i].trigger != ENG_T_FORCED; i++)
		;
	assert_true(i < nh);
	for (i = 0; i < nh && hot[i].trigger != ENG_T_STEERED; i++)
		;
	assert_true(i < nh);
	for (i = 0; i < nh && hot[i].attempts < 3; i++)
		;
	assert_true(i < nh);
	free(hot);
	free(cold);
	eng_finish(E);
}

/* A record read stays valid for the next 63 reads of others. */
static void
test_cold_views(void **state)
{
	const struct eng_roam *first;
	uint64_t id;
	size_t i, n;

	(void)state;
	roam_walk(100);
	n = nroams();
	first = roam(0);
	id = first->id;
	for (i = 1; i < 64 && i < n; i++)
		assert_int_not_equal(roam(i)->id, id);
	assert_int_equal(first->id, id);
	eng_finish(E);
}

/* A key check of an old, packed roam: thawed, judged again, packed again;
 * the others are unchanged, and it keeps what it was given. */
static void
test_cold_thaw_key_check(void **state)
{
	struct eng_roam *before, *after;
	struct eng_keys k;
	size_t n, m, i, t;

	(void)state;
	roam_walk(60);
	before = copy_roams(&n);
	memset(&k, 0, sizeof k);
	k.checked = true;
	k.m2_mic = ENG_KV_BAD;
	k.tried = 2;
	k.status = -1;
	snprintf(k.key, sizeof k.key, "keys.txt:3");
	/* an old roam, packed long since */
	for (t = 1; t < n / 2 && (before[t].result != ENG_R_OK ||
	    before[t].is_join); t++)
		;
	assert_true(t < n / 2);
	assert_false(before[t].keys.checked);
	assert_int_equal(eng_key_check(E, STA, before[t].to,
	    before[t].start_ns, before[t].end_ns, &k), before[t].id);
	after = copy_roams(&m);
	assert_int_equal(m, n);
	for (i = 0; i < n; i++) {
		if (i == t)
			continue;
		assert_memory_equal(&after[i], &before[i], sizeof before[i]);
	}
	assert_true(after[t].keys.checked);
	assert_int_equal(after[t].keys.m2_mic, ENG_KV_BAD);
	assert_string_equal(after[t].keys.key, "keys.txt:3");
	assert_true(has_diag(&after[t], "wrong-passphrase"));
	assert_int_equal(after[t].nphases, before[t].nphases);
	assert_int_equal(after[t].nframes, before[t].nframes);
	assert_memory_equal(after[t].frames, before[t].frames,
	    before[t].nframes * sizeof before[t].frames[0]);
	free(before);
	free(after);
	eng_finish(E);
}

/* Beyond roam_store_bytes the oldest packed roams go; the counters still
 * count every roam, and the ones kept are the newest. */
static void
test_cold_bound(void **state)
{
	const struct eng_client *cl;
	struct eng_conf c;
	size_t n, i;

	(void)state;
	eng_free(E);
	eng_conf_defaults(&c);
	c.roam_store_bytes = 16u << 10;
	setup_conf(&c, NULL);
	roam_walk(240);
	cl = eng_find_client(E, STA);
	n = nroams();
	assert_true(n > 4);
	assert_true(n < 120);
	assert_int_equal(cl->nroams + cl->njoins, eng_counters(E)->roams +
	    eng_counters(E)->joins);
	assert_int_equal(eng_counters(E)->roams_aged,
	    cl->nroams + cl->njoins - n);
	for (i = 0; i + 1 < n; i++)
		assert_int_equal(roam(i)->id + 1, roam(i + 1)->id);
	assert_int_equal(roam(n - 1)->id, cl->last_roam_id);
	assert_null(eng_roam_by_id(E, 1));
	eng_finish(E);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_join, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cold_exact, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_cold_views, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_cold_thaw_key_check,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_cold_bound, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_refused_returns, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_no_response_then_retry,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_response_gives_up,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_gave_up_returns, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_ft_refused_fallback, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_deauth_mid_4way, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_deauth_then_reconnect,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_btm_disassoc_hard_roam,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_forced_hard_roam, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_assisted, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sae_join, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fils_join, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fils_4way, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ap_side_only_join, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_m1_retry_counted, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_capability_change, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_corrupted_beacon, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_rssi_and_band, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_rssi_sla, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ping_pong_and_pairs, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_sticky, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lookups, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ap_eviction_and_findings,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_client_eviction, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
