/*
 * keyfeed.c -- the network's keys between the capture and the engine
 * (see keyfeed.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/engine.h"
#include "keyfeed.h"
#include "keys/keys.h"
#include "record.h"

struct keyfeed {
	struct ks_store	*st;
	struct ks	*ks;
	char		 path[256];
	struct rs_rec	 prec;		/* the last plaintext */
	uint8_t		 plain[RS_REC_MAX_BYTES + 64];
	bool		 any;		/* a handshake was checked */
	bool		 verified;	/* a key verified one */
	bool		 failed;	/* a check failed with every key */
};

struct keyfeed *
kf_new(struct ks_store *st, const char *path)
{
	struct keyfeed *kf;

	if ((kf = calloc(1, sizeof *kf)) == NULL)
		return NULL;
	kf->st = st;
	snprintf(kf->path, sizeof kf->path, "%s", path);
	if ((kf->ks = ks_new(st, NULL)) == NULL) {
		free(kf);
		return NULL;
	}
	return kf;
}

void
kf_free(struct keyfeed *kf)
{
	if (kf == NULL)
		return;
	ks_free(kf->ks);
	free(kf);
}

static enum eng_kv
kv(enum ks_verdict v)
{
	return v == KS_V_OK ? ENG_KV_OK : v == KS_V_BAD ? ENG_KV_BAD :
	    ENG_KV_NONE;
}

static enum eng_key_diag
kd(enum ks_ft_diag d)
{
	switch (d) {
	case KS_FT_TARGET_LACKS_R1:
		return ENG_KD_TARGET_LACKS_R1;
	case KS_FT_CLIENT_STALE:
		return ENG_KD_CLIENT_STALE;
	case KS_FT_CLIENT_WRONG:
		return ENG_KD_CLIENT_WRONG;
	case KS_FT_MIC_CLIENT:
		return ENG_KD_MIC_CLIENT;
	case KS_FT_MIC_AP:
		return ENG_KD_MIC_AP;
	case KS_FT_NONE:
		break;
	}
	return ENG_KD_NONE;
}

/* A handshake's checks, in the engine's terms, to its attempt. */
static void
attach(struct keyfeed *kf, struct eng *e, const struct ks_result *r)
{
	struct eng_keys k;

	kf->any = true;
	if (r->key >= 0)
		kf->verified = true;
	else if (r->m2_mic == KS_V_BAD || r->pmkr0name == KS_V_BAD ||
	    r->pmkid == KS_V_BAD)
		kf->failed = true;

	memset(&k, 0, sizeof k);
	k.m2_mic = kv(r->m2_mic);
	k.pmkid = kv(r->pmkid);
	k.pmkr0name = kv(r->pmkr0name);
	k.pmkr1name = kv(r->pmkr1name);
	k.fte_mic = kv(r->fte_mic);
	k.fte_mic_req = kv(r->fte_mic_req);
	k.fte_mic_resp = kv(r->fte_mic_resp);
	if (r->key >= 0)
		snprintf(k.key, sizeof k.key, "%s",
		    ks_store_label(kf->st, r->key));
	k.tried = r->n_tried;
	k.ptk = r->ptk;
	k.status = r->status != 0 ? r->status : -1;
	k.diag = kd(r->ft_diag);
	k.stale = (r->stale_what & KS_ESS_SSID ? ENG_KS_SSID : 0) |
	    (r->stale_what & KS_ESS_MDID ? ENG_KS_MDID : 0) |
	    (r->stale_what & KS_ESS_R0KH ? ENG_KS_R0KH : 0);
	k.r0kh_len = r->r0kh_id_len <= ENG_R0KH_MAX ? r->r0kh_id_len : 0;
	memcpy(k.r0kh_id, r->r0kh_id, k.r0kh_len);
	if ((k.has_r0name = r->has_r0name))
		memcpy(k.r0name, r->r0name, 16);
	if ((k.has_r1name = r->has_r1name))
		memcpy(k.r1name, r->r1name, 16);
	(void)eng_key_check(e, r->sta, r->ap, r->ts_first, r->ts_last, &k);
}

const struct rs_rec *
kf_feed(void *arg, struct eng *e, const struct rs_rec *rec)
{
	struct keyfeed *kf = arg;
	const struct d11_frame *f = &rec->f;
	const struct rs_rec *use = rec;
	const struct ks_result *r;
	struct ks_result r1, r2;
	struct ks_dec_info di;
	bool h1 = false, h2 = false;
	size_t plen;

	if ((r = ks_feed(kf->ks, rec)) != NULL) {
		r1 = *r;
		h1 = true;
	}
	if (f->error == D11_OK && f->protected && !f->bad_fcs &&
	    (f->type == D11_FC_TYPE_DATA || f->type == D11_FC_TYPE_MGMT) &&
	    ks_want(kf->ks, f) && ks_decrypt(kf->ks, f, kf->plain,
	    sizeof kf->plain, &plen, &di) == KS_DEC_OK) {
		ks_plain_rec(rec, kf->plain, plen, &kf->prec);
		kf->prec.decrypted = true;
		/* the radio header stayed with the ciphertext */
		kf->prec.f.radio = f->radio;
		use = &kf->prec;
		if ((r = ks_feed(kf->ks, &kf->prec)) != NULL) {
			r2 = *r;
			h2 = true;
		}
	}
	eng_feed(e, use);
	if (h1)
		attach(kf, e, &r1);
	if (h2)
		attach(kf, e, &r2);
	return use;
}

const char *
kf_note(struct keyfeed *kf, unsigned *k, char *buf, size_t len)
{
	for (;; (*k)++) {
		switch (*k) {
		case 0:
			if (kf->any)
				continue;
			snprintf(buf, len, "note: --keys %s: the capture has "
			    "no handshake to check the keys against; the "
			    "analysis went on without them", kf->path);
			break;
		case 1:
			if (!kf->failed || kf->verified)
				continue;
			snprintf(buf, len, "note: --keys %s: no handshake "
			    "verifies with any key: a wrong passphrase on every "
			    "client, or the keys of another network", kf->path);
			break;
		default:
			return NULL;
		}
		(*k)++;
		return buf;
	}
}
