/*
 * crypto.c -- the primitives, all through OpenSSL's libcrypto (the library
 * hostapd and wpa_supplicant use), and the 802.11 PRF and KDF loops that
 * IEEE 802.11-2020 12.7.1.2 and 12.7.1.6.2 build on HMAC.
 *
 * The tracker runs on one thread (the consumer); the fetched algorithms, a
 * MAC context per algorithm and AEAD contexts by key are cached in statics
 * for it.
 */
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/params.h>

#include "keys_int.h"

#define PBKDF2_ITER	4096
#define KDF_MAX_OUT	128
#define PIECES_MAX	12
#define CCM_NONCE	13
#define GCM_NONCE	12
#define GCM_TAG		16

static const EVP_MD *
md(enum ks_hash h)
{
	switch (h) {
	case KS_H_MD5:
		return EVP_md5();
	case KS_H_SHA1:
		return EVP_sha1();
	case KS_H_SHA256:
		return EVP_sha256();
	case KS_H_SHA384:
		return EVP_sha384();
	}
	return NULL;
}

size_t
ks_hash_len(enum ks_hash h)
{
	const EVP_MD	*m = md(h);

	return m ? (size_t)EVP_MD_get_size(m) : 0;
}

bool
ks_equal(const uint8_t *a, const uint8_t *b, size_t n)
{
	return CRYPTO_memcmp(a, b, n) == 0;
}

int
ks_pbkdf2_sha1(const char *pass, size_t passlen, const uint8_t *ssid,
    size_t ssidlen, uint8_t out[32])
{
	if (passlen > INT32_MAX || ssidlen > INT32_MAX)
		return -1;
	return PKCS5_PBKDF2_HMAC_SHA1(pass, (int)passlen, ssid, (int)ssidlen,
	    PBKDF2_ITER, 32, out) == 1 ? 0 : -1;
}

/*
 * One MAC context per algorithm, made once with its digest or cipher set,
 * re-keyed per use: fetching by name per call would cost more than the
 * MAC itself.
 */
#define MAC_SLOTS	8
static EVP_MAC_CTX	*mac_cache[MAC_SLOTS];

static EVP_MAC_CTX *
mac_ctx(const char *mac, const char *param, const char *value, int slot)
{
	EVP_MAC_CTX		**cache = mac_cache;
	EVP_MAC			*m;
	OSSL_PARAM		 params[2];

	if (cache[slot] != NULL)
		return cache[slot];
	if ((m = EVP_MAC_fetch(NULL, mac, NULL)) == NULL)
		return NULL;
	cache[slot] = EVP_MAC_CTX_new(m);
	EVP_MAC_free(m);		/* the context holds its own reference */
	if (cache[slot] == NULL)
		return NULL;
	params[0] = OSSL_PARAM_construct_utf8_string(param, (char *)value, 0);
	params[1] = OSSL_PARAM_construct_end();
	if (EVP_MAC_CTX_set_params(cache[slot], params) != 1) {
		EVP_MAC_CTX_free(cache[slot]);
		cache[slot] = NULL;
	}
	return cache[slot];
}

#define SLOT_CMAC	4

static int
mac_run(EVP_MAC_CTX *c, const uint8_t *key, size_t keylen, size_t n,
    const uint8_t *const *p, const size_t *len, uint8_t *out, size_t cap)
{
	size_t	 i, outl = 0;

	if (c == NULL || EVP_MAC_init(c, key, keylen, NULL) != 1)
		return -1;
	for (i = 0; i < n; i++)
		if (len[i] && EVP_MAC_update(c, p[i], len[i]) != 1)
			return -1;
	return EVP_MAC_final(c, out, &outl, cap) == 1 ? 0 : -1;
}

int
ks_hmac(enum ks_hash h, const uint8_t *key, size_t keylen, size_t n,
    const uint8_t *const *p, const size_t *len, uint8_t *out)
{
	const EVP_MD	*m = md(h);

	if (m == NULL)
		return -1;
	return mac_run(mac_ctx("HMAC", "digest", EVP_MD_get0_name(m), (int)h),
	    key, keylen, n, p, len, out, EVP_MAX_MD_SIZE);
}

int
ks_digest(enum ks_hash h, size_t n, const uint8_t *const *p,
    const size_t *len, uint8_t *out)
{
	EVP_MD_CTX	*c;
	size_t		 i;
	int		 rc = -1;

	if ((c = EVP_MD_CTX_new()) == NULL)
		return -1;
	if (EVP_DigestInit_ex(c, md(h), NULL) != 1)
		goto out;
	for (i = 0; i < n; i++)
		if (len[i] && EVP_DigestUpdate(c, p[i], len[i]) != 1)
			goto out;
	if (EVP_DigestFinal_ex(c, out, NULL) != 1)
		goto out;
	rc = 0;
out:
	EVP_MD_CTX_free(c);
	return rc;
}

/*
 * HMAC over the pieces p, counter after counter, into out: the loop of the
 * PRF and of the KDF.  ctr points at the counter's bytes among the pieces
 * (1 byte, or 2 little-endian), starting at first.
 */
static int
hmac_expand(enum ks_hash h, const uint8_t *key, size_t keylen, size_t n,
    const uint8_t *const *p, const size_t *l, uint8_t *ctr, size_t ctrlen,
    unsigned first, uint8_t *out, size_t outlen)
{
	uint8_t		 blk[EVP_MAX_MD_SIZE];
	size_t		 hl = ks_hash_len(h), pos, k;
	unsigned	 i;

	if (hl == 0)
		return -1;
	for (i = first, pos = 0; pos < outlen; i++) {
		ctr[0] = (uint8_t)(i & 0xff);
		if (ctrlen == 2)
			ctr[1] = (uint8_t)(i >> 8);
		if (ks_hmac(h, key, keylen, n, p, l, blk) != 0)
			return -1;
		k = outlen - pos < hl ? outlen - pos : hl;
		memcpy(out + pos, blk, k);
		pos += k;
	}
	OPENSSL_cleanse(blk, sizeof(blk));
	return 0;
}

int
ks_prf_sha1(const uint8_t *key, size_t keylen, const char *label,
    const uint8_t *data, size_t datalen, uint8_t *out, size_t outlen)
{
	uint8_t		 zero = 0, i;
	const uint8_t	*p[4] = { (const uint8_t *)label, &zero, data, &i };
	size_t		 l[4] = { strlen(label), 1, datalen, 1 };

	/* HMAC-SHA1(K, label || 0 || data || i), i = 0, 1, ... */
	return hmac_expand(KS_H_SHA1, key, keylen, 4, p, l, &i, 1, 0, out,
	    outlen);
}

int
ks_kdf(enum ks_hash h, const uint8_t *key, size_t keylen, const char *label,
    const uint8_t *ctx, size_t ctxlen, uint8_t *out, size_t outlen)
{
	uint8_t		 ctr[2], bits[2];
	const uint8_t	*p[4] = { ctr, (const uint8_t *)label, ctx, bits };
	size_t		 l[4] = { 2, strlen(label), ctxlen, 2 };

	if (outlen > KDF_MAX_OUT)
		return -1;
	/* HMAC(K, i || label || context || Length), i = 1, 2, ...; i and
	 * the Length in bits little-endian. */
	bits[0] = (uint8_t)((outlen * 8) & 0xff);
	bits[1] = (uint8_t)((outlen * 8) >> 8);
	return hmac_expand(h, key, keylen, 4, p, l, ctr, 2, 1, out, outlen);
}

int
ks_aes_cmac(const uint8_t key[16], size_t n, const uint8_t *const *p,
    const size_t *len, uint8_t out[16])
{
	return mac_run(mac_ctx("CMAC", "cipher", "AES-128-CBC", SLOT_CMAC),
	    key, 16, n, p, len, out, 16);
}

static const EVP_CIPHER *
wrap_cipher(size_t keklen)
{
	switch (keklen) {
	case 16:
		return EVP_aes_128_wrap();
	case 24:
		return EVP_aes_192_wrap();
	case 32:
		return EVP_aes_256_wrap();
	}
	return NULL;
}

static int
wrap(int enc, const uint8_t *kek, size_t keklen, const uint8_t *in,
    size_t inlen, uint8_t *out)
{
	EVP_CIPHER_CTX	*c;
	const EVP_CIPHER *ci = wrap_cipher(keklen);
	int		 l1 = 0, l2 = 0, rc = -1;

	/* RFC 3394: n >= 2 blocks of 64 bits in, n + 1 out. */
	if (ci == NULL || inlen % 8 != 0 || inlen < (enc ? 16u : 24u) ||
	    inlen > INT32_MAX)
		return -1;
	if ((c = EVP_CIPHER_CTX_new()) == NULL)
		return -1;
	EVP_CIPHER_CTX_set_flags(c, EVP_CIPHER_CTX_FLAG_WRAP_ALLOW);
	if (EVP_CipherInit_ex(c, ci, NULL, kek, NULL, enc) != 1 ||
	    EVP_CipherUpdate(c, out, &l1, in, (int)inlen) != 1 ||
	    EVP_CipherFinal_ex(c, out + l1, &l2) != 1)
		goto out;
	rc = 0;
out:
	EVP_CIPHER_CTX_free(c);
	return rc;
}

int
ks_aes_unwrap(const uint8_t *kek, size_t keklen, const uint8_t *in,
    size_t inlen, uint8_t *out)
{
	return wrap(0, kek, keklen, in, inlen, out);
}

int
ks_aes_wrap(const uint8_t *kek, size_t keklen, const uint8_t *in,
    size_t inlen, uint8_t *out)
{
	return wrap(1, kek, keklen, in, inlen, out);
}

/* The four AEADs, fetched once. */
static EVP_CIPHER *
aead(bool gcm, size_t keylen)
{
	static EVP_CIPHER	*c[4];
	static const char *const names[4] = {
		"AES-128-CCM", "AES-256-CCM", "AES-128-GCM", "AES-256-GCM",
	};
	int			 i;

	if (keylen != 16 && keylen != 32)
		return NULL;
	i = (gcm ? 2 : 0) + (keylen == 32 ? 1 : 0);
	if (c[i] == NULL)
		c[i] = EVP_CIPHER_fetch(NULL, names[i], NULL);
	return c[i];
}

/*
 * AEAD contexts by key: a context keeps its cipher, nonce length and key
 * schedule, so a frame only sets its nonce (and, for CCM, the tag and the
 * payload length).  Frames come in runs per key; a small table with the
 * least recently used entry replaced is enough.
 */
#define AEAD_CACHE	16

struct aead_slot {
	EVP_CIPHER_CTX	*c;
	uint8_t		 key[32];
	size_t		 keylen;
	int		 alg;		/* aead() index, -1 empty */
	int		 enc;
	size_t		 taglen;	/* CCM: set at key time */
	uint64_t	 used;
};

static struct aead_slot	 slot[AEAD_CACHE];
static uint64_t		 aead_clock;

static EVP_CIPHER_CTX *
aead_ctx(bool gcm, int enc, const uint8_t *key, size_t keylen, size_t noncelen,
    size_t taglen)
{
	struct aead_slot	*e = NULL, *old = &slot[0];
	EVP_CIPHER		*ci = aead(gcm, keylen);
	int			 alg = (gcm ? 2 : 0) + (keylen == 32 ? 1 : 0), i;

	if (ci == NULL)
		return NULL;
	for (i = 0; i < AEAD_CACHE; i++) {
		if (slot[i].c != NULL && slot[i].alg == alg &&
		    slot[i].enc == enc && slot[i].keylen == keylen &&
		    (gcm || slot[i].taglen == taglen) &&
		    memcmp(slot[i].key, key, keylen) == 0) {
			e = &slot[i];
			break;
		}
		if (slot[i].used < old->used)
			old = &slot[i];
	}
	if (e == NULL) {
		e = old;
		if (e->c == NULL && (e->c = EVP_CIPHER_CTX_new()) == NULL)
			return NULL;
		e->alg = -1;
		if (EVP_CipherInit_ex(e->c, ci, NULL, NULL, NULL, enc) != 1 ||
		    EVP_CIPHER_CTX_ctrl(e->c, EVP_CTRL_AEAD_SET_IVLEN,
		    (int)noncelen, NULL) != 1 ||
		    (!gcm && EVP_CIPHER_CTX_ctrl(e->c, EVP_CTRL_AEAD_SET_TAG,
		    (int)taglen, NULL) != 1) ||
		    EVP_CipherInit_ex(e->c, NULL, NULL, key, NULL, enc) != 1)
			return NULL;
		memcpy(e->key, key, keylen);
		e->keylen = keylen;
		e->taglen = taglen;
		e->enc = enc;
		e->alg = alg;
	}
	e->used = ++aead_clock;
	return e->c;
}

void
ks_crypto_forget(void)
{
	int	 i;

	for (i = 0; i < AEAD_CACHE; i++) {
		EVP_CIPHER_CTX_free(slot[i].c);	/* cleanses its key schedule */
		OPENSSL_cleanse(&slot[i], sizeof(slot[i]));
	}
	for (i = 0; i < MAC_SLOTS; i++) {
		EVP_MAC_CTX_free(mac_cache[i]);
		mac_cache[i] = NULL;
	}
}

/*
 * One CCM or GCM operation.  CCM wants the payload length before the AAD
 * and checks the tag in the update; GCM checks it in the final.
 */
static int
aead_op(bool gcm, int enc, const uint8_t *key, size_t keylen,
    const uint8_t *nonce, size_t noncelen, const uint8_t *aad,
    size_t aadlen, const uint8_t *in, size_t len, uint8_t *out,
    uint8_t *tag, size_t taglen)
{
	EVP_CIPHER_CTX	*c;
	int		 l = 0;

	if (len > INT32_MAX || aadlen > INT32_MAX ||
	    (c = aead_ctx(gcm, enc, key, keylen, noncelen, taglen)) == NULL)
		return -1;
	if (!gcm && !enc && EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_SET_TAG,
	    (int)taglen, tag) != 1)
		return -1;
	if (EVP_CipherInit_ex(c, NULL, NULL, NULL, nonce, enc) != 1)
		return -1;
	if (!gcm && EVP_CipherUpdate(c, NULL, &l, NULL, (int)len) != 1)
		return -1;
	if (aadlen && EVP_CipherUpdate(c, NULL, &l, aad, (int)aadlen) != 1)
		return -1;
	if (gcm && !enc && EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_SET_TAG,
	    (int)taglen, tag) != 1)
		return -1;
	if (EVP_CipherUpdate(c, out, &l, in, (int)len) != 1)
		return -1;
	if (gcm && EVP_CipherFinal_ex(c, out + l, &l) != 1)
		return -1;
	if (!gcm && enc && EVP_CipherFinal_ex(c, out + l, &l) != 1)
		return -1;
	if (enc && EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_GET_TAG, (int)taglen,
	    tag) != 1)
		return -1;
	return 0;
}

int
ks_ccm_decrypt(const uint8_t *key, size_t keylen, const uint8_t nonce[13],
    const uint8_t *aad, size_t aadlen, const uint8_t *ct, size_t ctlen,
    const uint8_t *tag, size_t taglen, uint8_t *pt)
{
	return aead_op(false, 0, key, keylen, nonce, CCM_NONCE, aad, aadlen,
	    ct, ctlen, pt, (uint8_t *)tag, taglen);
}

int
ks_ccm_encrypt(const uint8_t *key, size_t keylen, const uint8_t nonce[13],
    const uint8_t *aad, size_t aadlen, const uint8_t *pt, size_t ptlen,
    uint8_t *ct, uint8_t *tag, size_t taglen)
{
	return aead_op(false, 1, key, keylen, nonce, CCM_NONCE, aad, aadlen,
	    pt, ptlen, ct, tag, taglen);
}

int
ks_gcm_decrypt(const uint8_t *key, size_t keylen, const uint8_t nonce[12],
    const uint8_t *aad, size_t aadlen, const uint8_t *ct, size_t ctlen,
    const uint8_t tag[16], uint8_t *pt)
{
	return aead_op(true, 0, key, keylen, nonce, GCM_NONCE, aad, aadlen,
	    ct, ctlen, pt, (uint8_t *)tag, GCM_TAG);
}

int
ks_gcm_encrypt(const uint8_t *key, size_t keylen, const uint8_t nonce[12],
    const uint8_t *aad, size_t aadlen, const uint8_t *pt, size_t ptlen,
    uint8_t *ct, uint8_t tag[16])
{
	return aead_op(true, 1, key, keylen, nonce, GCM_NONCE, aad, aadlen,
	    pt, ptlen, ct, tag, GCM_TAG);
}
