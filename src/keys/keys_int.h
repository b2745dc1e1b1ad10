/*
 * keys_int.h -- the key subsystem's internals, one section per file.
 * Exposed for the unit tests (tests/unit/test_keys.c) and the fuzzer.
 */
#ifndef KEYS_INT_H
#define KEYS_INT_H

#include "keys.h"

#define KS_NONCE_LEN	32
#define KS_PMKID_LEN	16
#define KS_PMK_MAX	48	/* SHA-384 AKMs */
#define KS_MSK_MIN	64
#define KS_MSK_MAX	128
#define KS_KCK_MAX	24
#define KS_KEK_MAX	32
#define KS_TK_MAX	32
#define KS_GTK_MAX	32
#define KS_SSID_MAX	32

/* ------------------------------------------------------------------------
 * crypto.c -- every primitive is OpenSSL libcrypto's; here are only the
 * 802.11 constructions on top (the PRF and KDF loops).
 */
enum ks_hash {
	KS_H_MD5,
	KS_H_SHA1,
	KS_H_SHA256,
	KS_H_SHA384,
};
size_t	 ks_hash_len(enum ks_hash);

/* PBKDF2-HMAC-SHA1(passphrase, ssid, 4096) -> 32 bytes (J.4). */
int	 ks_pbkdf2_sha1(const char *pass, size_t passlen,
	    const uint8_t *ssid, size_t ssidlen, uint8_t out[32]);
/* HMAC over the concatenation of n pieces; out gets ks_hash_len bytes. */
int	 ks_hmac(enum ks_hash, const uint8_t *key, size_t keylen,
	    size_t n, const uint8_t *const *p, const size_t *len,
	    uint8_t *out);
/* Digest of n pieces. */
int	 ks_digest(enum ks_hash, size_t n, const uint8_t *const *p,
	    const size_t *len, uint8_t *out);
/* PRF-Length (12.7.1.2): HMAC-SHA1(K, label || 0 || data || i). */
int	 ks_prf_sha1(const uint8_t *key, size_t keylen, const char *label,
	    const uint8_t *data, size_t datalen, uint8_t *out, size_t outlen);
/* KDF-Hash-Length (12.7.1.6.2): HMAC(K, i || label || ctx || Length). */
int	 ks_kdf(enum ks_hash, const uint8_t *key, size_t keylen,
	    const char *label, const uint8_t *ctx, size_t ctxlen,
	    uint8_t *out, size_t outlen);
/* AES-CMAC (RFC 4493), 128-bit key, over n pieces. */
int	 ks_aes_cmac(const uint8_t key[16], size_t n,
	    const uint8_t *const *p, const size_t *len, uint8_t out[16]);
/* AES key unwrap (RFC 3394): in is n+8 bytes, out n; -1 on a bad IV. */
int	 ks_aes_unwrap(const uint8_t *kek, size_t keklen, const uint8_t *in,
	    size_t inlen, uint8_t *out);
int	 ks_aes_wrap(const uint8_t *kek, size_t keklen, const uint8_t *in,
	    size_t inlen, uint8_t *out);
/*
 * AES-CCM / AES-GCM with a 128- or 256-bit key.  Decryption checks the
 * tag (0 ok, -1 bad); encryption is there for tests, seeds and benches.
 */
int	 ks_ccm_decrypt(const uint8_t *key, size_t keylen,
	    const uint8_t nonce[13], const uint8_t *aad, size_t aadlen,
	    const uint8_t *ct, size_t ctlen, const uint8_t *tag,
	    size_t taglen, uint8_t *pt);
int	 ks_ccm_encrypt(const uint8_t *key, size_t keylen,
	    const uint8_t nonce[13], const uint8_t *aad, size_t aadlen,
	    const uint8_t *pt, size_t ptlen, uint8_t *ct, uint8_t *tag,
	    size_t taglen);
int	 ks_gcm_decrypt(const uint8_t *key, size_t keylen,
	    const uint8_t nonce[12], const uint8_t *aad, size_t aadlen,
	    const uint8_t *ct, size_t ctlen, const uint8_t tag[16],
	    uint8_t *pt);
int	 ks_gcm_encrypt(const uint8_t *key, size_t keylen,
	    const uint8_t nonce[12], const uint8_t *aad, size_t aadlen,
	    const uint8_t *pt, size_t ptlen, uint8_t *ct, uint8_t tag[16]);
/* Constant-time compare. */
bool	 ks_equal(const uint8_t *a, const uint8_t *b, size_t n);
/* Drop the cached contexts and the keys in them (ks_free calls it). */
void	 ks_crypto_forget(void);

/* ------------------------------------------------------------------------
 * akm.c -- what each AKM means for the key hierarchy (12.7.1, Table 12-11)
 * and the derivations of one handshake.
 */
enum ks_mic {
	KS_MIC_NONE = 0,
	KS_MIC_HMAC_MD5,	/* key descriptor version 1 */
	KS_MIC_HMAC_SHA1,	/* version 2: HMAC-SHA1-128 */
	KS_MIC_CMAC,		/* version 3, and AKMs 3, 4, 5, 6, 8, 9 */
	KS_MIC_HMAC_SHA256,	/* HMAC-SHA256-128: AKMs 11, 18 */
	KS_MIC_HMAC_SHA384,	/* HMAC-SHA384-192: AKMs 12, 13, 19, 20 */
};

struct ks_akm {
	uint32_t	 suite;
	enum ks_hash	 kdf;		/* SHA1 = the PRF, else KDF-Hash */
	uint8_t		 kck_len, kek_len;
	enum ks_mic	 mic;		/* for key descriptor version 0 */
	uint8_t		 mic_len;
	bool		 ft;
	bool		 psk;		/* the PMK is the PSK */
	bool		 sae;		/* PMK from SAE/OWE: only wpa-psk keys */
	enum ks_hash	 pmkid;		/* PMKID hash; KS_H_MD5 = not from PMK */
	uint8_t		 pmk_len;	/* bytes of PMK (from an MSK) */
};

/* The AKM's row, or NULL for one this code does not derive keys for. */
const struct ks_akm *ks_akm(uint32_t suite);
/* TK length of a pairwise/group cipher, 0 for an unsupported one. */
size_t	 ks_cipher_tk_len(uint32_t cipher);
/* Whether ks_decrypt handles it (CCMP-128/256, GCMP-128/256). */
bool	 ks_cipher_supported(uint32_t cipher);

struct ks_ptk_keys {
	uint8_t		 kck[KS_KCK_MAX];
	uint8_t		 kek[KS_KEK_MAX];
	uint8_t		 tk[KS_TK_MAX];
	uint8_t		 kck_len, kek_len, tk_len;
};

/* PTK of a non-FT 4-way handshake (12.7.1.3). */
int	 ks_ptk_derive(const struct ks_akm *, uint32_t cipher,
	    const uint8_t *pmk, size_t pmklen, const uint8_t aa[6],
	    const uint8_t spa[6], const uint8_t anonce[32],
	    const uint8_t snonce[32], struct ks_ptk_keys *);
/* The MIC of an EAPOL-Key frame (eapol: the whole PDU, MIC zeroed). */
int	 ks_eapol_mic(const struct ks_akm *, unsigned kdv,
	    const uint8_t *kck, size_t kcklen, const uint8_t *eapol,
	    size_t len, uint8_t *mic, size_t *miclen);
/* PMKID = Truncate-128(HMAC-Hash(PMK, "PMK Name" || AA || SPA)). */
int	 ks_pmkid(const struct ks_akm *, const uint8_t *pmk, size_t pmklen,
	    const uint8_t aa[6], const uint8_t spa[6], uint8_t out[16]);

/* The FT key hierarchy (12.7.1.7). */
struct ks_ft_r0 {
	uint8_t		 pmk_r0[KS_PMK_MAX];
	uint8_t		 pmk_r0_len;
	uint8_t		 name[KS_PMKID_LEN];	/* PMKR0Name */
};
int	 ks_ft_r0(const struct ks_akm *, const uint8_t *xxkey, size_t xxlen,
	    const uint8_t *ssid, size_t ssidlen, const uint8_t mdid[2],
	    const uint8_t *r0kh, size_t r0khlen, const uint8_t s0kh[6],
	    struct ks_ft_r0 *);
int	 ks_ft_r1(const struct ks_akm *, const struct ks_ft_r0 *,
	    const uint8_t r1kh[6], const uint8_t s1kh[6], uint8_t *pmk_r1,
	    uint8_t r1name[16]);
int	 ks_ft_ptk(const struct ks_akm *, uint32_t cipher,
	    const uint8_t *pmk_r1, size_t r1len, const uint8_t snonce[32],
	    const uint8_t anonce[32], const uint8_t bssid[6],
	    const uint8_t sta[6], struct ks_ptk_keys *);
/*
 * The FTE MIC: over STA || target AP || seq || RSNE || MDE || FTE (MIC
 * zeroed) || RIC || RSNXE, whole elements; absent ones are NULL, 0.
 */
int	 ks_fte_mic(const struct ks_akm *, const uint8_t *kck, size_t kcklen,
	    const uint8_t sta[6], const uint8_t ap[6], uint8_t seq,
	    const uint8_t *rsne, size_t rsnelen, const uint8_t *mde,
	    size_t mdelen, const uint8_t *fte, size_t ftelen, size_t mic_off,
	    size_t mic_len, const uint8_t *ric, size_t riclen,
	    const uint8_t *rsnxe, size_t rsnxelen, uint8_t *mic);

/* ------------------------------------------------------------------------
 * store.c -- the key file.
 */
struct ks_key {
	enum ks_key_type type;
	uint8_t		 secret[KS_MSK_MAX];	/* passphrase, PSK, MSK, TK */
	size_t		 secret_len;
	uint8_t		 ssid[KS_SSID_MAX];
	size_t		 ssid_len;
	bool		 has_ssid;
	char		 label[96];		/* "FILE:LINE" */
};

const struct ks_key *ks_store_key(const struct ks_store *, int key);
/*
 * The PMK (PSK) of a wpa-pwd key for an SSID, cached; a wpa-psk key's PSK.
 * Returns NULL when the key is of another type, or names another SSID.
 */
const uint8_t *ks_store_psk(struct ks_store *, int key, const uint8_t *ssid,
	    size_t ssidlen);
/* Percent-decoding as Wireshark's wpa-pwd field: %XX is one byte. */
int	 ks_unescape(const char *s, size_t n, uint8_t *out, size_t cap,
	    size_t *outlen);

/* ------------------------------------------------------------------------
 * elems.c -- the whole-element spans the FTE MIC covers, and KDEs.
 */
struct ks_spans {
	const uint8_t	*rsne, *mde, *fte, *ric, *rsnxe;
	size_t		 rsne_len, mde_len, fte_len, ric_len, rsnxe_len;
};
void	 ks_find_spans(const uint8_t *p, size_t len, struct ks_spans *);

struct ks_kdes {
	const uint8_t	*gtk;		/* the key, after key id and reserved */
	size_t		 gtk_len;
	uint8_t		 gtk_id;
	const uint8_t	*igtk;		/* after key id and IPN */
	size_t		 igtk_len;
	uint16_t	 igtk_id;
};
/* The GTK and IGTK KDEs of decrypted key data (stops at padding). */
void	 ks_find_kdes(const uint8_t *p, size_t len, struct ks_kdes *);

/* ------------------------------------------------------------------------
 * decrypt.c -- the CCMP/GCMP frame layer (12.5.3, 12.5.5).
 */
/* Build a protected frame from a plain one (tests, seeds, benches). */
int	 ks_encrypt_frame(uint32_t cipher, const uint8_t *tk, size_t tklen,
	    const uint8_t *plain, size_t len, size_t hdrlen, uint64_t pn,
	    uint8_t key_id, uint8_t *out, size_t cap, size_t *outlen);
/*
 * Decrypt with one TK: the layer under ks_decrypt.  hdr is the MAC header
 * (hdrlen bytes), body the security header, ciphertext and MIC (after any
 * radiotap data padding).  out gets the header and the plaintext.
 */
enum ks_dec ks_decrypt_tk(uint32_t cipher, const uint8_t *tk, size_t tklen,
	    const uint8_t *hdr, size_t hdrlen, const uint8_t *body,
	    size_t bodylen, uint8_t *out, size_t cap, size_t *outlen,
	    uint64_t *pn);
/* The key ID of a protected frame's security header, -1 if none. */
int	 ks_frame_key_id(const struct d11_frame *f);
/* Length of the MAC header of frame f (without padding), 0 if unknown. */
size_t	 ks_mac_hdr_len(const struct d11_frame *f);

#endif /* KEYS_INT_H */
