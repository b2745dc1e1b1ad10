/*
 * akm.c -- the key hierarchy of each AKM (IEEE 802.11-2020 12.7.1 and
 * Table 12-11): PTK derivation, the EAPOL-Key MIC, PMKIDs, and the FT key
 * hierarchy (12.7.1.7) with the FTE MIC (13.8.4, 13.8.5).
 */
#include <string.h>

#include "dot11.h"
#include "keys_int.h"

#define LABEL_PTK	"Pairwise key expansion"
#define LABEL_PMKID	"PMK Name"
#define LABEL_FT_R0	"FT-R0"
#define LABEL_FT_R0N	"FT-R0N"
#define LABEL_FT_R1	"FT-R1"
#define LABEL_FT_R1N	"FT-R1N"
#define LABEL_FT_PTK	"FT-PTK"
#define R0_SALT_LEN	16
#define MAC_LEN		6
#define MDID_LEN	2

/*
 * suite, KDF hash, KCK, KEK, version-0 MIC, MIC length, FT, PSK, SAE-like,
 * PMKID hash, PMK bytes from an MSK.  WPA1 and AKMs 1/2 use the SHA-1 PRF;
 * their MIC comes from the key descriptor version.
 */
static const struct ks_akm akms[] = {
	{ D11_AKM_SUITE(D11_AKM_8021X),
	    KS_H_SHA1, 16, 16, KS_MIC_NONE, 16, false, false, false, KS_H_SHA1,
	    32 },
	{ D11_AKM_SUITE(D11_AKM_PSK),
	    KS_H_SHA1, 16, 16, KS_MIC_NONE, 16, false, true, false, KS_H_SHA1,
	    32 },
	{ D11_AKM_SUITE(D11_AKM_FT_8021X),
	    KS_H_SHA256, 16, 16, KS_MIC_CMAC, 16, true, false, false, KS_H_SHA1,
	    32 },
	{ D11_AKM_SUITE(D11_AKM_FT_PSK),
	    KS_H_SHA256, 16, 16, KS_MIC_CMAC, 16, true, true, false, KS_H_SHA1,
	    32 },
	{ D11_AKM_SUITE(D11_AKM_8021X_SHA256),
	    KS_H_SHA256, 16, 16, KS_MIC_CMAC, 16, false, false, false,
	    KS_H_SHA256, 32 },
	{ D11_AKM_SUITE(D11_AKM_PSK_SHA256),
	    KS_H_SHA256, 16, 16, KS_MIC_CMAC, 16, false, true, false,
	    KS_H_SHA256, 32 },
	{ D11_AKM_SUITE(D11_AKM_SAE),
	    KS_H_SHA256, 16, 16, KS_MIC_CMAC, 16, false, false, true, KS_H_MD5,
	    32 },
	{ D11_AKM_SUITE(D11_AKM_FT_SAE),
	    KS_H_SHA256, 16, 16, KS_MIC_CMAC, 16, true, false, true, KS_H_MD5,
	    32 },
	{ D11_AKM_SUITE(D11_AKM_8021X_SUITE_B),
	    KS_H_SHA256, 16, 16, KS_MIC_HMAC_SHA256, 16, false, false, false,
	    KS_H_SHA256, 32 },
	{ D11_AKM_SUITE(D11_AKM_8021X_SUITE_B_192),
	    KS_H_SHA384, 24, 32, KS_MIC_HMAC_SHA384, 24, false, false, false,
	    KS_H_SHA384, 48 },
	{ D11_AKM_SUITE(D11_AKM_FT_8021X_SHA384),
	    KS_H_SHA384, 24, 32, KS_MIC_HMAC_SHA384, 24, true, false, false,
	    KS_H_SHA384, 48 },
	{ D11_AKM_SUITE(D11_AKM_OWE),
	    KS_H_SHA256, 16, 16, KS_MIC_HMAC_SHA256, 16, false, false, true,
	    KS_H_MD5, 32 },
	{ D11_AKM_SUITE(D11_AKM_FT_PSK_SHA384),
	    KS_H_SHA384, 24, 32, KS_MIC_HMAC_SHA384, 24, true, true, false,
	    KS_H_SHA384, 32 },
	{ D11_AKM_SUITE(D11_AKM_PSK_SHA384),
	    KS_H_SHA384, 24, 32, KS_MIC_HMAC_SHA384, 24, false, true, false,
	    KS_H_SHA384, 32 },
	{ D11_WPA_AKM_SUITE(D11_WPA_AKM_8021X),
	    KS_H_SHA1, 16, 16, KS_MIC_NONE, 16, false, false, false, KS_H_SHA1,
	    32 },
	{ D11_WPA_AKM_SUITE(D11_WPA_AKM_PSK),
	    KS_H_SHA1, 16, 16, KS_MIC_NONE, 16, false, true, false, KS_H_SHA1,
	    32 },
};

const struct ks_akm *
ks_akm(uint32_t suite)
{
	size_t	 i;

	for (i = 0; i < sizeof(akms) / sizeof(akms[0]); i++)
		if (akms[i].suite == suite)
			return &akms[i];
	return NULL;
}

size_t
ks_cipher_tk_len(uint32_t cipher)
{
	switch (cipher) {
	case D11_CIPHER_CCMP:
	case D11_CIPHER_GCMP:
	case D11_CIPHER_WPA_CCMP:
		return 16;
	case D11_CIPHER_CCMP_256:
	case D11_CIPHER_GCMP_256:
	case D11_CIPHER_TKIP:
	case D11_CIPHER_WPA_TKIP:
		return 32;	/* TKIP: TK and the two Michael keys */
	}
	return 0;
}

bool
ks_cipher_supported(uint32_t cipher)
{
	switch (cipher) {
	case D11_CIPHER_CCMP:
	case D11_CIPHER_WPA_CCMP:
	case D11_CIPHER_CCMP_256:
	case D11_CIPHER_GCMP:
	case D11_CIPHER_GCMP_256:
		return true;
	}
	return false;
}

/* KCK || KEK || TK out of one derived block. */
static void
split(const struct ks_akm *a, size_t tklen, const uint8_t *ptk,
    struct ks_ptk_keys *k)
{
	memset(k, 0, sizeof(*k));
	k->kck_len = a->kck_len;
	k->kek_len = a->kek_len;
	k->tk_len = (uint8_t)tklen;
	memcpy(k->kck, ptk, a->kck_len);
	memcpy(k->kek, ptk + a->kck_len, a->kek_len);
	memcpy(k->tk, ptk + a->kck_len + a->kek_len, tklen);
}

int
ks_ptk_derive(const struct ks_akm *a, uint32_t cipher, const uint8_t *pmk,
    size_t pmklen, const uint8_t aa[6], const uint8_t spa[6],
    const uint8_t anonce[32], const uint8_t snonce[32],
    struct ks_ptk_keys *k)
{
	uint8_t		 data[2 * MAC_LEN + 2 * KS_NONCE_LEN];
	uint8_t		 ptk[KS_KCK_MAX + KS_KEK_MAX + KS_TK_MAX];
	size_t		 tklen = ks_cipher_tk_len(cipher), n;
	int		 rc;

	if (tklen == 0)
		tklen = 16;	/* derive KCK/KEK anyway: the MIC needs them */
	/* Min(AA,SPA) || Max(AA,SPA) || Min(ANonce,SNonce) || Max(...) */
	if (memcmp(aa, spa, MAC_LEN) < 0) {
		memcpy(data, aa, MAC_LEN);
		memcpy(data + MAC_LEN, spa, MAC_LEN);
	} else {
		memcpy(data, spa, MAC_LEN);
		memcpy(data + MAC_LEN, aa, MAC_LEN);
	}
	if (memcmp(anonce, snonce, KS_NONCE_LEN) < 0) {
		memcpy(data + 2 * MAC_LEN, anonce, KS_NONCE_LEN);
		memcpy(data + 2 * MAC_LEN + KS_NONCE_LEN, snonce, KS_NONCE_LEN);
	} else {
		memcpy(data + 2 * MAC_LEN, snonce, KS_NONCE_LEN);
		memcpy(data + 2 * MAC_LEN + KS_NONCE_LEN, anonce, KS_NONCE_LEN);
	}
	n = a->kck_len + a->kek_len + tklen;
	if (a->kdf == KS_H_SHA1)
		rc = ks_prf_sha1(pmk, pmklen, LABEL_PTK, data, sizeof(data),
		    ptk, n);
	else
		rc = ks_kdf(a->kdf, pmk, pmklen, LABEL_PTK, data,
		    sizeof(data), ptk, n);
	if (rc == 0)
		split(a, tklen, ptk, k);
	memset(ptk, 0, sizeof(ptk));
	return rc;
}

int
ks_eapol_mic(const struct ks_akm *a, unsigned kdv, const uint8_t *kck,
    size_t kcklen, const uint8_t *eapol, size_t len, uint8_t *mic,
    size_t *miclen)
{
	uint8_t		 h[64];
	enum ks_mic	 m;
	const uint8_t	*p[1] = { eapol };
	size_t		 l[1] = { len };

	switch (kdv) {
	case D11_KDV_HMAC_MD5:
		m = KS_MIC_HMAC_MD5;
		break;
	case D11_KDV_HMAC_SHA1:
		m = KS_MIC_HMAC_SHA1;
		break;
	case D11_KDV_AES_CMAC:
		m = KS_MIC_CMAC;
		break;
	case D11_KDV_AKM:
		m = a->mic;
		break;
	default:
		return -1;
	}
	switch (m) {
	case KS_MIC_HMAC_MD5:
		*miclen = 16;
		return ks_hmac(KS_H_MD5, kck, kcklen, 1, p, l, mic);
	case KS_MIC_HMAC_SHA1:
		*miclen = 16;
		if (ks_hmac(KS_H_SHA1, kck, kcklen, 1, p, l, h) != 0)
			return -1;
		break;
	case KS_MIC_CMAC:
		*miclen = 16;
		return kcklen == 16 ? ks_aes_cmac(kck, 1, p, l, mic) : -1;
	case KS_MIC_HMAC_SHA256:
		*miclen = 16;
		if (ks_hmac(KS_H_SHA256, kck, kcklen, 1, p, l, h) != 0)
			return -1;
		break;
	case KS_MIC_HMAC_SHA384:
		*miclen = 24;
		if (ks_hmac(KS_H_SHA384, kck, kcklen, 1, p, l, h) != 0)
			return -1;
		break;
	default:
		return -1;
	}
	memcpy(mic, h, *miclen);
	return 0;
}

int
ks_pmkid(const struct ks_akm *a, const uint8_t *pmk, size_t pmklen,
    const uint8_t aa[6], const uint8_t spa[6], uint8_t out[16])
{
	uint8_t		 h[64];
	const uint8_t	*p[3] = { (const uint8_t *)LABEL_PMKID, aa, spa };
	size_t		 l[3] = { strlen(LABEL_PMKID), MAC_LEN, MAC_LEN };

	if (a->pmkid == KS_H_MD5)
		return -1;	/* SAE, OWE: not a function of the PMK */
	if (ks_hmac(a->pmkid, pmk, pmklen, 3, p, l, h) != 0)
		return -1;
	memcpy(out, h, KS_PMKID_LEN);
	return 0;
}

/* SHA-384 for the SHA-384 FT AKMs, SHA-256 for the others. */
static enum ks_hash
ft_hash(const struct ks_akm *a)
{
	return a->kdf == KS_H_SHA384 ? KS_H_SHA384 : KS_H_SHA256;
}

int
ks_ft_r0(const struct ks_akm *a, const uint8_t *xxkey, size_t xxlen,
    const uint8_t *ssid, size_t ssidlen, const uint8_t mdid[2],
    const uint8_t *r0kh, size_t r0khlen, const uint8_t s0kh[6],
    struct ks_ft_r0 *r0)
{
	uint8_t		 ctx[1 + KS_SSID_MAX + MDID_LEN + 1 + KS_R0KH_MAX +
			    MAC_LEN];
	uint8_t		 kd[KS_PMK_MAX + R0_SALT_LEN], h[64];
	const uint8_t	*p[2];
	size_t		 l[2], n = 0, r0len;
	enum ks_hash	 hh = ft_hash(a);

	if (ssidlen > KS_SSID_MAX || r0khlen < 1 || r0khlen > KS_R0KH_MAX)
		return -1;
	/* SSIDlength || SSID || MDID || R0KHlength || R0KH-ID || S0KH-ID */
	ctx[n++] = (uint8_t)ssidlen;
	memcpy(ctx + n, ssid, ssidlen);
	n += ssidlen;
	memcpy(ctx + n, mdid, MDID_LEN);
	n += MDID_LEN;
	ctx[n++] = (uint8_t)r0khlen;
	memcpy(ctx + n, r0kh, r0khlen);
	n += r0khlen;
	memcpy(ctx + n, s0kh, MAC_LEN);
	n += MAC_LEN;
	r0len = hh == KS_H_SHA384 ? 48 : 32;
	if (ks_kdf(hh, xxkey, xxlen, LABEL_FT_R0, ctx, n, kd,
	    r0len + R0_SALT_LEN) != 0)
		return -1;
	memcpy(r0->pmk_r0, kd, r0len);
	r0->pmk_r0_len = (uint8_t)r0len;
	/* PMKR0Name = Truncate-128(Hash("FT-R0N" || PMK-R0-Name-Salt)) */
	p[0] = (const uint8_t *)LABEL_FT_R0N;
	l[0] = strlen(LABEL_FT_R0N);
	p[1] = kd + r0len;
	l[1] = R0_SALT_LEN;
	if (ks_digest(hh, 2, p, l, h) != 0)
		return -1;
	memcpy(r0->name, h, KS_PMKID_LEN);
	memset(kd, 0, sizeof(kd));
	return 0;
}

int
ks_ft_r1(const struct ks_akm *a, const struct ks_ft_r0 *r0,
    const uint8_t r1kh[6], const uint8_t s1kh[6], uint8_t *pmk_r1,
    uint8_t r1name[16])
{
	uint8_t		 ctx[2 * MAC_LEN], h[64];
	const uint8_t	*p[4];
	size_t		 l[4];
	enum ks_hash	 hh = ft_hash(a);

	memcpy(ctx, r1kh, MAC_LEN);
	memcpy(ctx + MAC_LEN, s1kh, MAC_LEN);
	if (ks_kdf(hh, r0->pmk_r0, r0->pmk_r0_len, LABEL_FT_R1, ctx,
	    sizeof(ctx), pmk_r1, r0->pmk_r0_len) != 0)
		return -1;
	/* PMKR1Name = Truncate-128(Hash("FT-R1N" || PMKR0Name || R1KH-ID ||
	 * S1KH-ID)) */
	p[0] = (const uint8_t *)LABEL_FT_R1N;
	l[0] = strlen(LABEL_FT_R1N);
	p[1] = r0->name;
	l[1] = KS_PMKID_LEN;
	p[2] = r1kh;
	l[2] = MAC_LEN;
	p[3] = s1kh;
	l[3] = MAC_LEN;
	if (ks_digest(hh, 4, p, l, h) != 0)
		return -1;
	memcpy(r1name, h, KS_PMKID_LEN);
	return 0;
}

int
ks_ft_ptk(const struct ks_akm *a, uint32_t cipher, const uint8_t *pmk_r1,
    size_t r1len, const uint8_t snonce[32], const uint8_t anonce[32],
    const uint8_t bssid[6], const uint8_t sta[6], struct ks_ptk_keys *k)
{
	uint8_t		 ctx[2 * KS_NONCE_LEN + 2 * MAC_LEN];
	uint8_t		 ptk[KS_KCK_MAX + KS_KEK_MAX + KS_TK_MAX];
	size_t		 tklen = ks_cipher_tk_len(cipher);

	if (tklen == 0)
		tklen = 16;
	/* SNonce || ANonce || BSSID || STA-ADDR */
	memcpy(ctx, snonce, KS_NONCE_LEN);
	memcpy(ctx + KS_NONCE_LEN, anonce, KS_NONCE_LEN);
	memcpy(ctx + 2 * KS_NONCE_LEN, bssid, MAC_LEN);
	memcpy(ctx + 2 * KS_NONCE_LEN + MAC_LEN, sta, MAC_LEN);
	if (ks_kdf(ft_hash(a), pmk_r1, r1len, LABEL_FT_PTK, ctx, sizeof(ctx),
	    ptk, a->kck_len + a->kek_len + tklen) != 0)
		return -1;
	split(a, tklen, ptk, k);
	memset(ptk, 0, sizeof(ptk));
	return 0;
}

#define FTE_MAX		(2 + 255)

int
ks_fte_mic(const struct ks_akm *a, const uint8_t *kck, size_t kcklen,
    const uint8_t sta[6], const uint8_t ap[6], uint8_t seq,
    const uint8_t *rsne, size_t rsnelen, const uint8_t *mde, size_t mdelen,
    const uint8_t *fte, size_t ftelen, size_t mic_off, size_t mic_len,
    const uint8_t *ric, size_t riclen, const uint8_t *rsnxe,
    size_t rsnxelen, uint8_t *mic)
{
	uint8_t		 f[FTE_MAX], h[64];
	const uint8_t	*p[8];
	size_t		 l[8];

	if (ftelen > sizeof(f) || mic_off + mic_len > ftelen)
		return -1;
	memcpy(f, fte, ftelen);
	memset(f + mic_off, 0, mic_len);
	p[0] = sta;
	l[0] = MAC_LEN;
	p[1] = ap;
	l[1] = MAC_LEN;
	p[2] = &seq;
	l[2] = 1;
	p[3] = rsne;
	l[3] = rsne ? rsnelen : 0;
	p[4] = mde;
	l[4] = mde ? mdelen : 0;
	p[5] = f;
	l[5] = ftelen;
	p[6] = ric;
	l[6] = ric ? riclen : 0;
	p[7] = rsnxe;
	l[7] = rsnxe ? rsnxelen : 0;
	/* AES-128-CMAC with a 128-bit KCK, HMAC-SHA384-192 with the SHA-384
	 * AKMs' 192-bit one. */
	if (a->kck_len == 16 && kcklen == 16 && mic_len == 16)
		return ks_aes_cmac(kck, 8, p, l, mic);
	if (a->kck_len == 24 && kcklen == 24 && mic_len == 24 &&
	    ks_hmac(KS_H_SHA384, kck, kcklen, 8, p, l, h) == 0) {
		memcpy(mic, h, 24);
		return 0;
	}
	return -1;
}
