/*
 * eapol.c -- EAPOL (IEEE 802.1X-2020) after LLC/SNAP 88-8E: EAPOL-Key
 * frames of the 4-way and group key handshakes, and EAP packets.
 *
 * EAPOL-Key body (IEEE 802.11-2020 12.7.2), all big-endian:
 *   descriptor type 1, key information 2, key length 2, replay counter 8,
 *   nonce 32, IV 16, RSC 8, reserved 8         = 77 bytes,
 *   then MIC (0, 16, 24 or 32), key data length 2, key data.
 */
#include <string.h>

#include "dot11.h"

#define EAPOL_HDR		4	/* version, type, body length */
#define KEY_FIXED		77	/* up to the MIC */
#define KEY_NONCE_OFF		13
#define KEY_REPLAY_OFF		5


#define KDE_TYPE		0xdd
#define KDE_PMKID		4

/* Key data length right after a MIC of mic_len bytes, if it all fits. */
static bool
mic_fits(const uint8_t *k, size_t klen, size_t mic_len)
{
	size_t	 off = KEY_FIXED + mic_len;

	if (klen < off + 2)
		return false;
	return off + 2 + d11_be16(k + off) == klen;
}

/* Key data length right after a MIC of mic_len bytes fits in the body
 * (octets may follow it: hostapd pads a FILS message 3 of 4). */
static bool
mic_room(const uint8_t *k, size_t klen, size_t mic_len)
{
	size_t	 off = KEY_FIXED + mic_len;

	return klen >= off + 2 && off + 2 + d11_be16(k + off) <= klen;
}

/*
 * The MIC length depends on the AKM, which a lone frame does not say.
 * Infer it from the lengths instead: the one for which key data length
 * ends the body exactly.  16 (every AKM but the SHA-384 ones and FILS)
 * is tried first, then 24 (SHA-384: 802.1X Suite B 192, FT-802.1X-SHA384),
 * then 0 (FILS: AEAD, no MIC field), then 32 (SAE with a 512-bit group).
 * Encrypted key data without a MIC, which only FILS sends, may be followed
 * by padding (hostapd pads message 3 of 4): no MIC field then either.
 */
static uint8_t
infer_mic_len(const uint8_t *k, size_t klen, uint16_t ki, bool *ok)
{
	static const uint8_t	 try[] = { 16, 24, 0, 32 };
	size_t			 i;

	*ok = true;
	for (i = 0; i < sizeof(try); i++)
		if (mic_fits(k, klen, try[i]))
			return try[i];
	if (!(ki & D11_KI_MIC) && (ki & D11_KI_ENCR_DATA) && mic_room(k, klen, 0))
		return 0;
	*ok = false;
	return 16;
}

/*
 * Whether clear key data holds KDEs only, no element: message 4 of an MLO
 * handshake carries a MAC Address KDE (the STA MLD's address), while
 * message 2 always carries the STA's RSNE (or WPA element).  NULL (key
 * data encrypted or cut) is not KDEs only.
 */
static bool
kdes_only(const uint8_t *p, size_t len)
{
	struct d11_tlv_iter	 it;
	struct d11_tlv		 t;

	if (p == NULL)
		return false;
	D11_FOR_EACH_SUB(it, t, p, len) {
		if (t.id != KDE_TYPE)
			return false;
		if (t.len == 0)
			return true;	/* padding starts */
		if (t.len < 4 || t.body[0] != 0x00 || t.body[1] != 0x0f ||
		    t.body[2] != 0xac)
			return false;	/* a vendor element (WPA1) */
	}
	return d11_tlv_left(&it) == 0;
}

/*
 * hostapd wlantest's rule (rx_eapol.c), on the key information bits; a
 * Secure frame without Ack whose key data is KDEs only is message 4 (MLO).
 * With an AEAD AKM (FILS: no MIC field, Key MIC bit clear, key data AES-SIV
 * encrypted) M2 and M4 both carry key data (at least the 16-octet SIV), so
 * they are told apart by the Secure bit alone (12.7.6.3, 12.7.6.5).
 */
static uint8_t
classify(uint16_t ki, uint16_t key_data_len, const uint8_t *key_data,
    uint8_t mic_len)
{
	if (ki & (D11_KI_ERROR | D11_KI_REQUEST))
		return D11_EAPOL_REQ;
	if (ki & D11_KI_SMK)
		return D11_EAPOL_M_UNKNOWN;
	if ((ki & D11_KI_PAIRWISE) && mic_len == 0 && !(ki & D11_KI_MIC) &&
	    (ki & D11_KI_ENCR_DATA) && !(ki & D11_KI_ACK))
		return (ki & D11_KI_SECURE) ? D11_EAPOL_M4 : D11_EAPOL_M2;
	if (ki & D11_KI_PAIRWISE) {
		switch (ki & (D11_KI_SECURE | D11_KI_MIC | D11_KI_ACK |
		    D11_KI_INSTALL)) {
		case D11_KI_ACK:
			return D11_EAPOL_M1;
		case D11_KI_MIC:
			/* M4 carries no key data; M2 carries the RSNE. */
			return key_data_len == 0 ? D11_EAPOL_M4 : D11_EAPOL_M2;
		case D11_KI_SECURE | D11_KI_MIC:
		case D11_KI_SECURE:
			return key_data_len == 0 || kdes_only(key_data,
			    key_data_len) ? D11_EAPOL_M4 : D11_EAPOL_M2;
		case D11_KI_MIC | D11_KI_ACK | D11_KI_INSTALL:	/* WPA1 */
		case D11_KI_SECURE | D11_KI_MIC | D11_KI_ACK | D11_KI_INSTALL:
		case D11_KI_SECURE | D11_KI_ACK | D11_KI_INSTALL:
			return D11_EAPOL_M3;
		}
		return D11_EAPOL_M_UNKNOWN;
	}
	switch (ki & (D11_KI_SECURE | D11_KI_MIC | D11_KI_ACK)) {
	case D11_KI_SECURE | D11_KI_MIC | D11_KI_ACK:
	case D11_KI_SECURE | D11_KI_ACK:
		return D11_EAPOL_G1;
	case D11_KI_SECURE | D11_KI_MIC:
	case D11_KI_SECURE:
		return D11_EAPOL_G2;
	}
	return D11_EAPOL_M_UNKNOWN;
}

/*
 * KDEs (dd len 00-0f-ac type data) in clear key data: the PMKID KDE of M1,
 * the MAC Address KDE (an MLD's address) and MLO Link KDEs (link ID and
 * address of each link the STA or AP sets up).  Padding (dd 00) ends them.
 */
static void
find_kdes(const uint8_t *p, size_t len, struct d11_eapol *e)
{
	struct d11_tlv_iter	 it;
	struct d11_tlv		 t;
	const uint8_t		*d;

	D11_FOR_EACH_SUB(it, t, p, len) {
		if (t.id == KDE_TYPE && t.len == 0)
			break;		/* padding starts */
		if (t.id != KDE_TYPE || t.len < 4 || t.body[0] != 0x00 ||
		    t.body[1] != 0x0f || t.body[2] != 0xac)
			continue;
		d = t.body + 4;
		switch (t.body[3]) {
		case KDE_PMKID:
			if (e->msg == D11_EAPOL_M1 && t.len >= 4 + 16 &&
			    e->pmkid_kde == NULL)
				e->pmkid_kde = d;
			break;
		case D11_KDE_MAC_ADDR:
			if (t.len >= 4 + 6 && e->mac_kde == NULL)
				e->mac_kde = d;
			break;
		case D11_KDE_MLO_LINK:
			if (t.len < 4 + 1 + 6)
				break;
			if (e->n_mlo_links < D11_EAPOL_MAX_LINKS) {
				e->mlo_link[e->n_mlo_links].info = d[0];
				e->mlo_link[e->n_mlo_links].addr = d + 1;
			}
			if (e->n_mlo_links < UINT8_MAX)
				e->n_mlo_links++;
			break;
		}
	}
}

static void
parse_key(const uint8_t *k, size_t klen, struct d11_eapol *e)
{
	size_t		 off;
	bool		 ok;

	if (klen < KEY_FIXED) {
		e->malformed = 1;
		if (klen >= 3)
			e->key_info = d11_be16(k + 1);
		if (klen >= 1)
			e->desc_type = k[0];
		return;
	}
	e->desc_type = k[0];
	e->key_info = d11_be16(k + 1);
	e->key_len = d11_be16(k + 3);
	e->replay = d11_be64(k + KEY_REPLAY_OFF);
	e->nonce = k + KEY_NONCE_OFF;
	e->mic_len = infer_mic_len(k, klen, e->key_info, &ok);
	off = KEY_FIXED + e->mic_len;
	if (!ok) {
		e->malformed = 1;
		if (klen < off + 2)
			return;	/* no key data length: leave unclassified */
	}
	e->mic = e->mic_len ? k + KEY_FIXED : NULL;
	e->key_data_len = d11_be16(k + off);
	if (e->key_data_len > 0 && off + 2 + e->key_data_len <= klen &&
	    !(e->key_info & D11_KI_ENCR_DATA) &&
	    !(e->desc_type == 254 && !(e->key_info & D11_KI_PAIRWISE)))
		e->key_data = k + off + 2;
	e->msg = classify(e->key_info, e->key_data_len, e->key_data,
	    e->mic_len);
	if (e->key_data != NULL)
		find_kdes(e->key_data, e->key_data_len, e);
}

static void
parse_eap(const uint8_t *p, size_t len, struct d11_eapol *e)
{
	size_t		 n;

	if (len < 4) {
		e->malformed = 1;
		return;
	}
	e->eap_code = p[0];
	e->eap_id = p[1];
	e->eap_len = d11_be16(p + 2);
	n = e->eap_len;
	if (n > len || n < 4) {
		e->malformed = 1;
		n = len;
	}
	if ((e->eap_code == D11_EAP_REQUEST ||
	    e->eap_code == D11_EAP_RESPONSE) && n >= 5) {
		e->eap_type = p[4];
		if (e->eap_code == D11_EAP_RESPONSE &&
		    e->eap_type == D11_EAP_TYPE_IDENTITY) {
			e->identity = p + 5;
			e->identity_len = (uint16_t)(n - 5);
		}
	}
}

enum d11_kind
d11_parse_eapol(const uint8_t *p, size_t len, struct d11_eapol *e)
{
	size_t		 n;

	memset(e, 0, sizeof(*e));
	if (len < EAPOL_HDR) {
		e->malformed = 1;
		return D11_K_EAPOL;
	}
	e->version = p[0];
	e->type = p[1];
	e->body_len = d11_be16(p + 2);
	/* Trust the claimed length only as far as the bytes go; padding
	 * after it (short frames) is ignored. */
	n = e->body_len;
	if (n > len - EAPOL_HDR) {
		e->malformed = 1;
		n = len - EAPOL_HDR;
	}
	switch (e->type) {
	case D11_EAPOL_EAP:
		parse_eap(p + EAPOL_HDR, n, e);
		return D11_K_EAP;
	case D11_EAPOL_KEY:
		parse_key(p + EAPOL_HDR, n, e);
		break;
	default:
		break;
	}
	return D11_K_EAPOL;
}
