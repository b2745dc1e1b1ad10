/*
 * keycheck.c -- what the network's keys proved, attached to attempts.
 *
 * The engine does no cryptography: the caller checks each handshake with
 * the keys (src/keys) and hands the verdicts in with the client, the AP
 * and the handshake's time span.  They go to the attempt toward that AP
 * covering that span, and the attempt is judged again: a proof turns the
 * suspicion of a wrong passphrase, or the "usually" of a status 53, into
 * a diagnosis of its own (kc_diags, called by the judge).
 */
#include <string.h>

#include "engine_int.h"

/* A handshake's frames may start before the attempt's first frame the
 * engine kept (a probe, an FT action over the DS). */
#define KC_SLACK_NS	(2 * NS_PER_S)

static const char *kv_names[] = { NULL, "ok", "bad" };

const char *
eng_kv_name(enum eng_kv v)
{
	return (unsigned)v < 3 ? kv_names[v] : NULL;
}

/* The newest attempt of c toward ap that covers [t0, t1]. */
static struct kept *
kc_attempt(struct client *c, const uint8_t *ap, int64_t t0, int64_t t1)
{
	struct kept *k;
	unsigned i;

	for (i = c->rcount; i-- > 0;) {
		k = c->ring[(c->rhead + i) % c->rcap];
		if (!mac_eq(st_kept_to(k), ap))
			continue;
		if (st_kept_start(k) - KC_SLACK_NS > t1)
			continue;
		if (!st_kept_closed(k) || t0 <= st_kept_end(k) + KC_SLACK_NS)
			return k;
	}
	return NULL;
}

#define KV_TAKE(to, from, f) do {					\
	if ((from)->f != ENG_KV_NONE)					\
		(to)->f = (from)->f;					\
} while (0)

/*
 * Another check of the attempt's handshakes: a later copy of the same one
 * (more settled), or another handshake of the attempt (the full 4-way after
 * a refused FT try): what it checked replaces, what it did not stays.
 */
static void
merge(struct eng_keys *to, const struct eng_keys *k)
{
	if (!to->checked) {
		*to = *k;
		to->checked = true;
		return;
	}
	KV_TAKE(to, k, m2_mic);
	KV_TAKE(to, k, pmkid);
	KV_TAKE(to, k, pmkr0name);
	KV_TAKE(to, k, pmkr1name);
	KV_TAKE(to, k, fte_mic);
	KV_TAKE(to, k, fte_mic_req);
	KV_TAKE(to, k, fte_mic_resp);
	/* the key of the first handshake that verified names the attempt's
	 * (an FT try's, not the fallback's after it) */
	if (to->key[0] == '\0' && k->key[0] != '\0')
		memcpy(to->key, k->key, sizeof to->key);
	if (k->tried > to->tried)
		to->tried = k->tried;
	to->ptk |= k->ptk;
	if (k->status >= 0)
		to->status = k->status;
	if (k->diag != ENG_KD_NONE) {
		to->diag = k->diag;
		to->stale = k->stale;
	}
	if (k->r0kh_len > 0) {
		memcpy(to->r0kh_id, k->r0kh_id, sizeof to->r0kh_id);
		to->r0kh_len = k->r0kh_len;
	}
	if (k->has_r0name) {
		memcpy(to->r0name, k->r0name, 16);
		to->has_r0name = true;
	}
	if (k->has_r1name) {
		memcpy(to->r1name, k->r1name, 16);
		to->has_r1name = true;
	}
}

uint64_t
eng_key_check(struct eng *e, const uint8_t *sta, const uint8_t *ap,
    int64_t t0, int64_t t1, const struct eng_keys *k)
{
	struct client *c;
	struct kept *kp;
	struct att *a;
	uint64_t id;

	if ((c = st_client(e, sta)) == NULL || c->rcount == 0 ||
	    (kp = kc_attempt(c, ap, t0, t1)) == NULL ||
	    (a = cd_thaw(e, kp)) == NULL)
		return 0;
	merge(&a->pub.keys, k);
	att_judge(e, a);
	id = a->pub.id;
	cd_cool(e);
	st_bump(e);
	return id;
}

/* The diagnoses the keys prove, most specific first (the judge calls this
 * before its own). */
void
kc_diags(struct eng *e, struct att *a)
{
	const struct eng_keys *k = &a->pub.keys;
	struct eng_roam *p = &a->pub;
	struct eng_diag *d = NULL;

	(void)e;
	if (!k->checked)
		return;
	switch (k->diag) {
	case ENG_KD_TARGET_LACKS_R1:
		d = jd_diag(p, ENG_C_FT_TARGET_LACKS_R1, 0, 0, 0, 0);
		break;
	case ENG_KD_CLIENT_STALE:
		d = jd_diag(p, ENG_C_FT_KEY_STALE, k->stale, 0, 0, 0);
		break;
	case ENG_KD_CLIENT_WRONG:
		d = jd_diag(p, ENG_C_FT_KEY_WRONG, (int32_t)k->tried, 0, 0, 0);
		break;
	case ENG_KD_MIC_CLIENT:
		d = jd_diag(p, ENG_C_FT_MIC_BAD, 0, 0, 0, 0);
		break;
	case ENG_KD_MIC_AP:
		d = jd_diag(p, ENG_C_FT_MIC_BAD, 1, 0, 0, 0);
		break;
	case ENG_KD_NONE:
		break;
	}
	if (d != NULL)
		tx_diag(d, p, NULL);
	d = NULL;
	if (k->m2_mic == ENG_KV_BAD)
		d = jd_diag(p, ENG_C_KEY_WRONG, (int32_t)k->tried,
		    p->result == ENG_R_OK, 0, 0);
	else if (k->m2_mic == ENG_KV_OK && p->result == ENG_R_FAILED)
		d = jd_diag(p, ENG_C_KEY_VERIFIES, 0, 0, 0, 0);
	else if (p->status == D11_ST_INVALID_FTE &&
	    k->fte_mic_req == ENG_KV_OK)
		d = jd_diag(p, ENG_C_FT_MIC_VERIFIES, 0, 0, 0, 0);
	if (d != NULL)
		tx_diag(d, p, NULL);
	if (k->pmkid == ENG_KV_BAD &&
	    (d = jd_diag(p, ENG_C_PMKID_BAD, 0, 0, 0, 0)) != NULL)
		tx_diag(d, p, NULL);
}
