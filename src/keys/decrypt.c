/*
 * decrypt.c -- CCMP (IEEE 802.11-2020 12.5.3) and GCMP (12.5.5) on one
 * frame: the AAD and nonce from the MAC header, the 8-byte security
 * header, the AEAD from libcrypto; the result is the same header with the
 * Protected bit clear, followed by the plaintext.
 */
#include <string.h>

#include "dot11.h"
#include "keys_int.h"

#define FC_SUBTYPE_LOW	0x0070	/* subtype bits 4-6, masked in data */
#define FC_RETRY	0x0800
#define FC_PWR_MGT	0x1000
#define FC_MORE_DATA	0x2000
#define FC_PROTECTED	0x4000
#define FC_ORDER	0x8000
#define FC_TO_DS	0x0100
#define FC_FROM_DS	0x0200
#define SC_FRAG_MASK	0x000f
#define QC_TID_MASK	0x0f
#define HDR_3ADDR	24
#define HDR_4ADDR	30
#define QC_LEN		2
#define HTC_LEN		4
#define SEC_HDR		8	/* PN0 PN1 rsvd keyid/ExtIV PN2..PN5 */
#define EXT_IV		0x20
#define CCMP_MIC	8
#define CCMP256_MIC	16
#define GCMP_MIC	16
#define NONCE_MGMT	0x10	/* CCM nonce flags: management frame */
#define AAD_MAX		(2 + 6 + 6 + 6 + 2 + 6 + 2)

size_t
ks_mac_hdr_len(const struct d11_frame *f)
{
	size_t	 h;

	if (f->mac == NULL || f->mac_len < 2)
		return 0;
	switch (f->type) {
	case D11_FC_TYPE_MGMT:
		h = HDR_3ADDR + (f->order ? HTC_LEN : 0);
		break;
	case D11_FC_TYPE_DATA:
		h = (f->to_ds && f->from_ds) ? HDR_4ADDR : HDR_3ADDR;
		if (f->subtype & 0x08)		/* QoS */
			h += QC_LEN + (f->order ? HTC_LEN : 0);
		break;
	default:
		return 0;
	}
	return h <= f->mac_len ? h : 0;
}

int
ks_frame_key_id(const struct d11_frame *f)
{
	if (!f->protected || f->body == NULL || f->body_len < SEC_HDR ||
	    !(f->body[3] & EXT_IV))
		return -1;
	return f->body[3] >> 6;
}

static size_t
mic_len(uint32_t cipher)
{
	switch (cipher) {
	case D11_CIPHER_CCMP:
	case D11_CIPHER_WPA_CCMP:
		return CCMP_MIC;
	case D11_CIPHER_CCMP_256:
		return CCMP256_MIC;
	case D11_CIPHER_GCMP:
	case D11_CIPHER_GCMP_256:
		return GCMP_MIC;
	}
	return 0;
}

static bool
is_gcmp(uint32_t cipher)
{
	return cipher == D11_CIPHER_GCMP || cipher == D11_CIPHER_GCMP_256;
}

/*
 * AAD (12.5.3.3.3) and nonce (12.5.3.3.4; GCMP 12.5.5.3.4) of a header.
 * Returns the AAD length, 0 when the header is not one CCMP protects.
 */
static size_t
aad_nonce(const uint8_t *h, size_t hl, uint64_t pn, bool gcm, uint8_t *aad,
    uint8_t *nonce)
{
	uint16_t	 fc = d11_le16(h), sc;
	unsigned	 type = (fc >> 2) & 0x03, subtype = (fc >> 4) & 0x0f;
	bool		 qos = type == D11_FC_TYPE_DATA && (subtype & 0x08);
	bool		 a4 = type == D11_FC_TYPE_DATA &&
			    (fc & (FC_TO_DS | FC_FROM_DS)) ==
			    (FC_TO_DS | FC_FROM_DS);
	size_t		 n = 0, qoff;
	uint8_t		 prio = 0;
	int		 i;

	if (hl < HDR_3ADDR)
		return 0;
	if (type == D11_FC_TYPE_DATA) {
		fc &= ~FC_SUBTYPE_LOW;
		if (qos)
			fc &= ~FC_ORDER;
	}
	fc &= ~(FC_RETRY | FC_PWR_MGT | FC_MORE_DATA);
	fc |= FC_PROTECTED;
	aad[n++] = (uint8_t)(fc & 0xff);
	aad[n++] = (uint8_t)(fc >> 8);
	memcpy(aad + n, h + 4, 18);		/* A1, A2, A3 */
	n += 18;
	sc = d11_le16(h + 22) & SC_FRAG_MASK;
	aad[n++] = (uint8_t)(sc & 0xff);
	aad[n++] = (uint8_t)(sc >> 8);
	qoff = HDR_3ADDR;
	if (a4) {
		if (hl < HDR_4ADDR)
			return 0;
		memcpy(aad + n, h + HDR_3ADDR, 6);
		n += 6;
		qoff = HDR_4ADDR;
	}
	if (qos) {
		if (hl < qoff + QC_LEN)
			return 0;
		prio = h[qoff] & QC_TID_MASK;
		aad[n++] = prio;
		aad[n++] = 0;
	}
	i = 0;
	if (!gcm)
		nonce[i++] = prio | (type == D11_FC_TYPE_MGMT ? NONCE_MGMT : 0);
	memcpy(nonce + i, h + 10, 6);		/* A2 */
	i += 6;
	nonce[i++] = (uint8_t)(pn >> 40);
	nonce[i++] = (uint8_t)(pn >> 32);
	nonce[i++] = (uint8_t)(pn >> 24);
	nonce[i++] = (uint8_t)(pn >> 16);
	nonce[i++] = (uint8_t)(pn >> 8);
	nonce[i++] = (uint8_t)pn;
	return n;
}

static uint64_t
sec_pn(const uint8_t *s)
{
	return (uint64_t)s[0] | (uint64_t)s[1] << 8 | (uint64_t)s[4] << 16 |
	    (uint64_t)s[5] << 24 | (uint64_t)s[6] << 32 |
	    (uint64_t)s[7] << 40;
}

enum ks_dec
ks_decrypt_tk(uint32_t cipher, const uint8_t *tk, size_t tklen,
    const uint8_t *hdr, size_t hdrlen, const uint8_t *body, size_t bodylen,
    uint8_t *out, size_t cap, size_t *outlen, uint64_t *pn)
{
	uint8_t		 aad[AAD_MAX], nonce[13];
	size_t		 ml = mic_len(cipher), al, ctlen;
	uint16_t	 fc;
	int		 rc;

	if (ml == 0 || tklen != ks_cipher_tk_len(cipher))
		return KS_DEC_UNSUPPORTED;
	if (bodylen < SEC_HDR + ml || !(body[3] & EXT_IV))
		return KS_DEC_MALFORMED;
	ctlen = bodylen - SEC_HDR - ml;
	if (hdrlen + ctlen > cap)
		return KS_DEC_NOSPACE;
	*pn = sec_pn(body);
	if ((al = aad_nonce(hdr, hdrlen, *pn, is_gcmp(cipher), aad,
	    nonce)) == 0)
		return KS_DEC_MALFORMED;
	if (is_gcmp(cipher))
		rc = ks_gcm_decrypt(tk, tklen, nonce, aad, al, body + SEC_HDR,
		    ctlen, body + SEC_HDR + ctlen, out + hdrlen);
	else
		rc = ks_ccm_decrypt(tk, tklen, nonce, aad, al, body + SEC_HDR,
		    ctlen, body + SEC_HDR + ctlen, ml, out + hdrlen);
	if (rc != 0)
		return KS_DEC_BAD_MIC;
	memcpy(out, hdr, hdrlen);
	fc = d11_le16(hdr) & ~FC_PROTECTED;
	out[0] = (uint8_t)(fc & 0xff);
	out[1] = (uint8_t)(fc >> 8);
	*outlen = hdrlen + ctlen;
	return KS_DEC_OK;
}

int
ks_encrypt_frame(uint32_t cipher, const uint8_t *tk, size_t tklen,
    const uint8_t *plain, size_t len, size_t hdrlen, uint64_t pn,
    uint8_t key_id, uint8_t *out, size_t cap, size_t *outlen)
{
	uint8_t		 aad[AAD_MAX], nonce[13], *s;
	size_t		 ml = mic_len(cipher), al, ptlen;
	uint16_t	 fc;
	int		 rc;

	if (ml == 0 || tklen != ks_cipher_tk_len(cipher) || len < hdrlen ||
	    len + SEC_HDR + ml > cap)
		return -1;
	ptlen = len - hdrlen;
	memcpy(out, plain, hdrlen);
	fc = d11_le16(plain) | FC_PROTECTED;
	out[0] = (uint8_t)(fc & 0xff);
	out[1] = (uint8_t)(fc >> 8);
	if ((al = aad_nonce(out, hdrlen, pn, is_gcmp(cipher), aad,
	    nonce)) == 0)
		return -1;
	s = out + hdrlen;
	s[0] = (uint8_t)pn;
	s[1] = (uint8_t)(pn >> 8);
	s[2] = 0;
	s[3] = (uint8_t)(EXT_IV | (key_id & 0x03) << 6);
	s[4] = (uint8_t)(pn >> 16);
	s[5] = (uint8_t)(pn >> 24);
	s[6] = (uint8_t)(pn >> 32);
	s[7] = (uint8_t)(pn >> 40);
	if (is_gcmp(cipher))
		rc = ks_gcm_encrypt(tk, tklen, nonce, aad, al, plain + hdrlen,
		    ptlen, s + SEC_HDR, s + SEC_HDR + ptlen);
	else
		rc = ks_ccm_encrypt(tk, tklen, nonce, aad, al, plain + hdrlen,
		    ptlen, s + SEC_HDR, s + SEC_HDR + ptlen, ml);
	if (rc != 0)
		return -1;
	*outlen = hdrlen + SEC_HDR + ptlen + ml;
	return 0;
}
