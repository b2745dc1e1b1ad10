/*
 * test_keys.c -- the key subsystem against published vectors and values
 * that other implementations documented:
 *
 *  - PBKDF2 passphrase -> PSK and the PRF: IEEE 802.11-2020 Annex J (J.4,
 *    J.3); HMAC-SHA1/256/384: RFC 2202 / RFC 4231 case 1; AES-CMAC:
 *    RFC 4493 (as NIST SP 800-38B); AES key wrap: RFC 3394 4.1-4.3;
 *  - CCMP-128, CCMP-256, GCMP-128, GCMP-256 MPDUs: the Annex J vectors as
 *    hostapd's wlantest/test_vectors.c carries them;
 *  - KDF-SHA256 and the FT key hierarchy: the PMKR0Name and PMKR1Names
 *    hostapd logged in the lab (tests/data/lab/ft-ota-ok.hostapd1.log),
 *    and the TKs Wireshark's test suite (suite_decryption.py) asserts for
 *    wpa2-ft-psk.pcapng and wpa2-psk-mfp.pcapng, from the nonces on the
 *    air (tshark); the GTK of wpa2-psk-mfp's M3 likewise;
 *  - the key file: every form, every error, the PBKDF2 cache.
 */
#include <sys/stat.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "dot11.h"
#include "keys/keys_int.h"

/* Hex (spaces allowed anywhere) into a fresh buffer; *n its length. */
static uint8_t *
hx(const char *s, size_t *n)
{
	uint8_t	*b = malloc(strlen(s) / 2 + 1);
	size_t	 o = 0, d = 0;
	unsigned v = 0;
	int	 c;

	assert_non_null(b);
	for (; *s; s++) {
		if (*s == ' ' || *s == '\n')
			continue;
		c = *s >= 'a' ? *s - 'a' + 10 : *s >= 'A' ? *s - 'A' + 10 :
		    *s - '0';
		assert_true(c >= 0 && c < 16);
		v = v << 4 | (unsigned)c;
		if (++d % 2 == 0) {
			b[o++] = (uint8_t)v;
			v = 0;
		}
	}
	assert_int_equal(d % 2, 0);
	if (n)
		*n = o;
	return b;
}

static void
assert_hex(const uint8_t *got, const char *want)
{
	size_t	 n;
	uint8_t	*w = hx(want, &n);

	assert_memory_equal(got, w, n);
	free(w);
}

/* ---- J.4: passphrase to PSK ---------------------------------------------- */
static void
test_pbkdf2(void **st)
{
	uint8_t	 psk[32];

	(void)st;
	assert_int_equal(ks_pbkdf2_sha1("password", 8, (const uint8_t *)"IEEE",
	    4, psk), 0);
	assert_hex(psk, "f42c6fc52df0ebef9ebb4b90b38a5f90"
	    "2e83fe1b135a70e23aed762e9710a12e");
	assert_int_equal(ks_pbkdf2_sha1("ThisIsAPassword", 15,
	    (const uint8_t *)"ThisIsASSID", 11, psk), 0);
	assert_hex(psk, "0dc0d6eb90555ed6419756b9a15ec3e3"
	    "209b63df707dd508d14581f8982721af");
	assert_int_equal(ks_pbkdf2_sha1("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 32,
	    (const uint8_t *)"ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ", 32, psk), 0);
	assert_hex(psk, "becb93866bb8c3832cb777c2f559807c"
	    "8c59afcb6eae734885001300a981cc62");
}

/* ---- J.3: the PRF ----------------------------------------------------------- */
static void
test_prf(void **st)
{
	uint8_t	 key[20], out[64], dd[50];

	(void)st;
	memset(key, 0x0b, sizeof(key));
	assert_int_equal(ks_prf_sha1(key, 20, "prefix",
	    (const uint8_t *)"Hi There", 8, out, 64), 0);
	assert_hex(out, "bcd4c650b30b9684951829e0d75f9d54"
	    "b862175ed9f00606e17d8da35402ffee75df78c3d31e0f889f012120c0862beb"
	    "67753e7439ae242edb8373698356cf5a");
	/* a shorter output is a prefix (PRF-192) */
	assert_int_equal(ks_prf_sha1(key, 20, "prefix",
	    (const uint8_t *)"Hi There", 8, out, 24), 0);
	assert_hex(out, "bcd4c650b30b9684951829e0d75f9d54b862175ed9f00606");
	assert_int_equal(ks_prf_sha1((const uint8_t *)"Jefe", 4, "prefix",
	    (const uint8_t *)"what do ya want for nothing?", 28, out, 64), 0);
	assert_hex(out, "51f4de5b33f249adf81aeb713a3c20f4"
	    "fe631446fabdfa58244759ae58ef9009a99abf4eac2ca5fa87e692c440eb4002"
	    "3e7babb206d61de7b92f41529092b8fc");
	memset(key, 0xaa, sizeof(key));
	memset(dd, 0xdd, sizeof(dd));
	assert_int_equal(ks_prf_sha1(key, 20, "prefix", dd, 50, out, 64), 0);
	assert_hex(out, "e1ac546ec4cb636f9976487be5c86be1"
	    "7a0252ca5d8d8df12cfb0473525249ce9dd8d177ead710bc9b590547239107ae"
	    "f7b4abd43d87f0a68f1cbd9e2b6f7607");
}

/* ---- HMACs: RFC 2202 and RFC 4231 case 1 ----------------------------------- */
static void
test_hmac(void **st)
{
	uint8_t		 key[20], out[64];
	const uint8_t	*p[2] = { (const uint8_t *)"Hi ", (const uint8_t *)
			    "There" };
	size_t		 l[2] = { 3, 5 };

	(void)st;
	memset(key, 0x0b, sizeof(key));
	assert_int_equal(ks_hmac(KS_H_SHA1, key, 20, 2, p, l, out), 0);
	assert_hex(out, "b617318655057264e28bc0b6fb378c8ef146be00");
	assert_int_equal(ks_hmac(KS_H_SHA256, key, 20, 2, p, l, out), 0);
	assert_hex(out, "b0344c61d8db38535ca8afceaf0bf12b"
	    "881dc200c9833da726e9376c2e32cff7");
	assert_int_equal(ks_hmac(KS_H_SHA384, key, 20, 2, p, l, out), 0);
	assert_hex(out, "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec6"
	    "82aa034c7cebc59cfaea9ea9076ede7f4af152e8b2fa9cb6");
}

/* ---- AES-CMAC: RFC 4493 ------------------------------------------------------ */
static void
test_cmac(void **st)
{
	static const char *msg = "6bc1bee22e409f96e93d7e117393172a"
	    "ae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411"
	    "e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710";
	static const struct {
		size_t	 len;
		const char *tag;
	} v[] = {
		{ 0, "bb1d6929e95937287fa37d129b756746" },
		{ 16, "070a16b46b4d4144f79bdd9dd04a287c" },
		{ 40, "dfa66747de9ae63030ca32611497c827" },
		{ 64, "51f0bebf7e3b9d92fc49741779363cfe" },
	};
	uint8_t		*k = hx("2b7e151628aed2a6abf7158809cf4f3c", NULL);
	uint8_t		*m = hx(msg, NULL), out[16];
	const uint8_t	*p[2];
	size_t		 l[2], i;

	(void)st;
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		/* two pieces, split anywhere, are one message */
		p[0] = m;
		l[0] = v[i].len / 3;
		p[1] = m + l[0];
		l[1] = v[i].len - l[0];
		assert_int_equal(ks_aes_cmac(k, 2, p, l, out), 0);
		assert_hex(out, v[i].tag);
	}
	free(k);
	free(m);
}

/* ---- AES key wrap: RFC 3394 4.1, 4.2, 4.3 --------------------------------- */
static void
test_keywrap(void **st)
{
	static const struct {
		const char *kek, *wrapped;
	} v[] = {
		{ "000102030405060708090a0b0c0d0e0f",
		    "1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5" },
		{ "000102030405060708090a0b0c0d0e0f1011121314151617",
		    "96778b25ae6ca435f92b5b97c050aed2468ab8a17ad84e5d" },
		{ "000102030405060708090a0b0c0d0e0f"
		    "101112131415161718191a1b1c1d1e1f",
		    "64e8c3f9ce0f5ba263e9777905818a2a93c8191e7d6e8ae7" },
	};
	uint8_t	*kd = hx("00112233445566778899aabbccddeeff", NULL);
	uint8_t	*kek, *w, out[32];
	size_t	 i, kl;

	(void)st;
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		kek = hx(v[i].kek, &kl);
		w = hx(v[i].wrapped, NULL);
		assert_int_equal(ks_aes_wrap(kek, kl, kd, 16, out), 0);
		assert_memory_equal(out, w, 24);
		assert_int_equal(ks_aes_unwrap(kek, kl, w, 24, out), 0);
		assert_memory_equal(out, kd, 16);
		/* one flipped bit: the integrity check fails */
		w[5] ^= 0x10;
		assert_int_equal(ks_aes_unwrap(kek, kl, w, 24, out), -1);
		/* not a multiple of 8, too short */
		assert_int_equal(ks_aes_unwrap(kek, kl, w, 23, out), -1);
		assert_int_equal(ks_aes_unwrap(kek, kl, w, 16, out), -1);
		free(kek);
		free(w);
	}
	free(kd);
}

/* ---- CCMP/GCMP MPDUs ------------------------------------------------------ */

/* Encrypt plain, compare with the vector, decrypt it back. */
static void
mpdu(uint32_t cipher, const char *tk_hex, uint64_t pn, const char *plain_hex,
    size_t hdrlen, const char *enc_hex, size_t enc_off)
{
	uint8_t	*tk, *plain, *enc, out[512], back[512];
	size_t	 tkl, pl, el, ol, bl;
	uint64_t got_pn;

	tk = hx(tk_hex, &tkl);
	plain = hx(plain_hex, &pl);
	enc = hx(enc_hex, &el);
	assert_int_equal(ks_encrypt_frame(cipher, tk, tkl, plain, pl, hdrlen,
	    pn, 0, out, sizeof(out), &ol), 0);
	assert_true(ol >= enc_off + el);
	assert_memory_equal(out + enc_off, enc, el);
	assert_int_equal(ks_decrypt_tk(cipher, tk, tkl, out, hdrlen,
	    out + hdrlen, ol - hdrlen, back, sizeof(back), &bl, &got_pn),
	    KS_DEC_OK);
	assert_int_equal(got_pn, pn);
	assert_int_equal(bl, pl);
	/* the header comes back with the Protected bit clear */
	assert_memory_equal(back + 2, plain + 2, pl - 2);
	assert_int_equal(back[1] & 0x40, 0);
	/* a flipped ciphertext bit, a wrong key, a cut frame */
	out[ol - 1] ^= 1;
	assert_int_equal(ks_decrypt_tk(cipher, tk, tkl, out, hdrlen,
	    out + hdrlen, ol - hdrlen, back, sizeof(back), &bl, &got_pn),
	    KS_DEC_BAD_MIC);
	out[ol - 1] ^= 1;
	tk[0] ^= 1;
	assert_int_equal(ks_decrypt_tk(cipher, tk, tkl, out, hdrlen,
	    out + hdrlen, ol - hdrlen, back, sizeof(back), &bl, &got_pn),
	    KS_DEC_BAD_MIC);
	assert_int_equal(ks_decrypt_tk(cipher, tk, tkl, out, hdrlen,
	    out + hdrlen, 12, back, sizeof(back), &bl, &got_pn),
	    KS_DEC_MALFORMED);
	assert_int_equal(ks_decrypt_tk(cipher, tk, tkl, out, hdrlen,
	    out + hdrlen, ol - hdrlen, back, 10, &bl, &got_pn),
	    KS_DEC_NOSPACE);
	free(tk);
	free(plain);
	free(enc);
}

/* The plaintext MPDU of the CCMP vectors (J.6.4). */
#define CCMP_PLAIN "0848c32c0fd2e128a57c5030f1844408abaea5b8fcba8033" \
	"f8ba1a55d02f85ae967bb62fb6cda8eb7e78a050"
#define CCMP_PN	0xb5039776e70cULL

static void
test_ccmp128(void **st)
{
	(void)st;
	/* CCMP header, encrypted data, MIC */
	mpdu(D11_CIPHER_CCMP, "c97c1f67ce371185514a8a19f2bdd52f", CCMP_PN,
	    CCMP_PLAIN, 24, "0ce7002076970 3b5"
	    "f3d0a2fe9a3dbf2342a643e43246e80c3c04d019" "7845ce0b16f97623", 24);
}

static void
test_ccmp256(void **st)
{
	(void)st;
	mpdu(D11_CIPHER_CCMP_256, "c97c1f67ce371185514a8a19f2bdd52f"
	    "000102030405060708090a0b0c0d0e0f", CCMP_PN, CCMP_PLAIN, 24,
	    "0848c32c0fd2e128a57c5030f1844408abaea5b8fcba8033"
	    "0ce7002076970 3b56d155d8832668256d6a92b78e11d8e54495dd17480aa56c9"
	    "492e882b97642f80d50fe97b", 0);
}

#define GCMP_PLAIN "88480b000fd2e128a57c5030f18444085030f1844408803303 00" \
	"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f" \
	"2021222324252627"

static void
test_gcmp128(void **st)
{
	(void)st;
	/* QoS data; after the 8-byte GCMP header: data, then the MIC */
	mpdu(D11_CIPHER_GCMP, "c97c1f67ce371185514a8a19f2bdd52f",
	    0x00895f5f2b08ULL, GCMP_PLAIN, 26,
	    "60e9700cc4d40ac6d288b201c38f5bf08b807442640a1596e5dbdad41d1f3623"
	    "f45d7a12db7afb23" "def619c2a374b6df66ffa53b6c69d79e", 34);
}

static void
test_gcmp256(void **st)
{
	(void)st;
	mpdu(D11_CIPHER_GCMP_256, "c97c1f67ce371185514a8a19f2bdd52f"
	    "000102030405060708090a0b0c0d0e0f", 0x00895f5f2b08ULL, GCMP_PLAIN,
	    26, "88480b000fd2e128a57c5030f18444085030f184440880330300"
	    "082b00205f5f8900658343c8b14447d9211defd46ad89c710c6fc33333236e39"
	    "97b9176a5a8be779b21266555e70ad79114316859095473d5b1bd596b3dea3bf",
	    0);
}

/* A CCMP-protected management frame: the nonce's management flag. */
static void
test_ccmp_mgmt(void **st)
{
	uint8_t	*tk = hx("66ed21042f9f26d7115706e40414cf2e", NULL);
	uint8_t	*deauth = hx("c0000000020000000100020000000000"
	    "020000000000600002 00", NULL);
	uint8_t	 out[64], back[64], q[64];
	size_t	 ol, bl;
	uint64_t pn;

	(void)st;
	assert_int_equal(ks_encrypt_frame(D11_CIPHER_CCMP, tk, 16, deauth, 26,
	    24, 1, 0, out, sizeof(out), &ol), 0);
	assert_int_equal(ol, 26 + 16);
	assert_int_equal(ks_decrypt_tk(D11_CIPHER_CCMP, tk, 16, out, 24,
	    out + 24, ol - 24, back, sizeof(back), &bl, &pn), KS_DEC_OK);
	assert_memory_equal(back + 24, deauth + 24, 2);
	/* The same bytes as a data frame's nonce do not verify. */
	memcpy(q, out, ol);
	q[0] = 0x08;	/* data */
	assert_int_equal(ks_decrypt_tk(D11_CIPHER_CCMP, tk, 16, q, 24,
	    q + 24, ol - 24, back, sizeof(back), &bl, &pn), KS_DEC_BAD_MIC);
	free(tk);
	free(deauth);
}

/* ---- PTKs, from real handshakes ------------------------------------------ */
static const uint8_t ws_ap1[6] = { 2, 0, 0, 0, 0, 0 };
static const uint8_t ws_ap2[6] = { 2, 0, 0, 0, 1, 0 };
static const uint8_t ws_sta[6] = { 2, 0, 0, 0, 2, 0 };

/* wpa2-psk-mfp.pcapng: PSK-SHA256, the KDF; TK from Wireshark's suite. */
static void
test_ptk_psk_sha256(void **st)
{
	struct ks_ptk_keys	 k;
	struct ks_kdes		 kd;
	uint8_t			 psk[32], plain[80];
	uint8_t			*an = hx("d68cc9cb94b995a174a8f6d270b330c0"
				    "87d4eea657d2586f89e3b724f15e9411", NULL);
	uint8_t			*sn = hx("c89b73d93ee6a79cfa7f911510959e61"
				    "c547325326f6f4863bf87e5ba9b21741", NULL);
	uint8_t			*m3 = hx("0bb13c39c7c352ccb33517a41c8295cf"
				    "141e7707f3dd2ca1eccdfe7f4708042dc140a7d2"
				    "d13d86d940fe34656ca6b2775c508acb0b0cb5d9"
				    "50702ffb0a4192f7d0c5c8bb2a52df3656a799ac"
				    "6388b7ec9d42ea2c1092a661", NULL);

	(void)st;
	assert_int_equal(ks_pbkdf2_sha1("12345678", 8,
	    (const uint8_t *)"Wireshark-pmf", 13, psk), 0);
	assert_int_equal(ks_ptk_derive(ks_akm(D11_AKM_SUITE(D11_AKM_PSK_SHA256)),
	    D11_CIPHER_CCMP, psk, 32, ws_ap1, ws_sta, an, sn, &k), 0);
	assert_int_equal(k.tk_len, 16);
	assert_hex(k.tk, "4e30e8c019bea43ea5262b10853b818d");
	/* M3's key data, unwrapped with the KEK: the GTK KDE */
	assert_int_equal(ks_aes_unwrap(k.kek, k.kek_len, m3, 88, plain), 0);
	ks_find_kdes(plain, 80, &kd);
	assert_non_null(kd.gtk);
	assert_int_equal(kd.gtk_len, 16);
	assert_hex(kd.gtk, "70cdbf2e5bc0ca22e53930818a5d80e4");
	free(an);
	free(sn);
	free(m3);
}

/* wpa2-ft-psk.pcapng: FT-PSK, initial association and one roam. */
static void
test_ft_wireshark(void **st)
{
	const struct ks_akm	*a = ks_akm(D11_AKM_SUITE(D11_AKM_FT_PSK));
	static const uint8_t	 mdid[2] = { 0x01, 0x02 };
	struct ks_ft_r0		 r0;
	struct ks_ptk_keys	 k;
	uint8_t			 psk[32], r1[48], r1name[16];
	uint8_t			*an1 = hx("f81b3ec23bbb36bcb0abe8ea8873667d"
				    "4fd7e9b9cf2f6021003b91075eba21d9", NULL);
	uint8_t			*sn1 = hx("19f19721a13d50a66725eca2d90f3589"
				    "ffc675e317b66b8b0cbe02fe0774cb22", NULL);
	uint8_t			*an2 = hx("f4bbc882a577bff008b9931915555310"
				    "74af3125c034addeb2605f89b0286461", NULL);
	uint8_t			*sn2 = hx("bc89c2f487a4e4a9dafa0c748f0e8f15"
				    "03ab57fcacc623d6cce33c13ecdb826f", NULL);

	(void)st;
	assert_non_null(a);
	assert_int_equal(ks_pbkdf2_sha1("12345678", 8,
	    (const uint8_t *)"wireshark-ft-psk", 16, psk), 0);
	assert_int_equal(ks_ft_r0(a, psk, 32,
	    (const uint8_t *)"wireshark-ft-psk", 16, mdid,
	    (const uint8_t *)"kanstrup-ft", 11, ws_sta, &r0), 0);
	assert_int_equal(ks_ft_r1(a, &r0, ws_ap1, ws_sta, r1, r1name), 0);
	assert_int_equal(ks_ft_ptk(a, D11_CIPHER_CCMP, r1, 32, sn1, an1,
	    ws_ap1, ws_sta, &k), 0);
	assert_hex(k.tk, "ba60c7be2944e18f31949508a53ee9d6");
	/* the roam: PMK-R1 for the target's R1KH-ID, the new nonces */
	assert_int_equal(ks_ft_r1(a, &r0, ws_ap2, ws_sta, r1, r1name), 0);
	assert_int_equal(ks_ft_ptk(a, D11_CIPHER_CCMP, r1, 32, sn2, an2,
	    ws_ap2, ws_sta, &k), 0);
	assert_hex(k.tk, "a6a3304e5a8fabe0dc427cc41a707858");
	free(an1);
	free(sn1);
	free(an2);
	free(sn2);
}

/* The lab: hostapd's own log of the names (ft-ota-ok.hostapd1.log). */
static void
test_ft_hostapd(void **st)
{
	const struct ks_akm	*a = ks_akm(D11_AKM_SUITE(D11_AKM_FT_PSK));
	static const uint8_t	 mdid[2] = { 0xa1, 0xb2 };
	struct ks_ft_r0		 r0;
	uint8_t			 psk[32], r1[48], name[16];

	(void)st;
	assert_int_equal(ks_pbkdf2_sha1("roamlab-secret-1", 16,
	    (const uint8_t *)"roamlab", 7, psk), 0);
	assert_int_equal(ks_ft_r0(a, psk, 32, (const uint8_t *)"roamlab", 7,
	    mdid, (const uint8_t *)"ap1.roamlab", 11, ws_sta, &r0), 0);
	assert_hex(r0.name, "e7e55f148e389b838967598bdc21cc83");
	assert_int_equal(ks_ft_r1(a, &r0, ws_ap1, ws_sta, r1, name), 0);
	assert_hex(name, "3a07f1742436bb782028e3bb1d913f1f");
	assert_int_equal(ks_ft_r1(a, &r0, ws_ap2, ws_sta, r1, name), 0);
	assert_hex(name, "32357586d36d057ffdb570db9bd75d39");
	/* Another MDID is another PMK-R0 */
	assert_int_equal(ks_ft_r0(a, psk, 32, (const uint8_t *)"roamlab", 7,
	    (const uint8_t *)"\xc3\xd4", (const uint8_t *)"ap1.roamlab", 11,
	    ws_sta, &r0), 0);
	assert_memory_not_equal(r0.name,
	    "\xe7\xe5\x5f\x14\x8e\x38\x9b\x83\x89\x67\x59\x8b\xdc\x21\xcc\x83",
	    16);
}

/* PMKID = HMAC-SHA1-128(PMK, "PMK Name" || AA || SPA), and SHA-256. */
static void
test_pmkid(void **st)
{
	uint8_t	 pmk[32], id[16], h[64];
	const uint8_t *p[3] = { (const uint8_t *)"PMK Name", ws_ap1, ws_sta };
	size_t	 l[3] = { 8, 6, 6 };

	(void)st;
	memset(pmk, 0x42, sizeof(pmk));
	assert_int_equal(ks_pmkid(ks_akm(D11_AKM_SUITE(D11_AKM_PSK)),
	    pmk, 32, ws_ap1, ws_sta, id), 0);
	assert_int_equal(ks_hmac(KS_H_SHA1, pmk, 32, 3, p, l, h), 0);
	assert_memory_equal(id, h, 16);
	assert_int_equal(ks_pmkid(ks_akm(D11_AKM_SUITE(D11_AKM_PSK_SHA256)),
	    pmk, 32, ws_ap1, ws_sta, id), 0);
	assert_int_equal(ks_hmac(KS_H_SHA256, pmk, 32, 3, p, l, h), 0);
	assert_memory_equal(id, h, 16);
	/* SAE's PMKID is not a function of the PMK */
	assert_int_equal(ks_pmkid(ks_akm(D11_AKM_SUITE(D11_AKM_SAE)),
	    pmk, 32, ws_ap1, ws_sta, id), -1);
}

/* ---- the key file -------------------------------------------------------- */
static int
add(struct ks_store *s, const char *line, char *why)
{
	bool	 skipped;

	why[0] = '\0';
	return ks_store_add_line(s, line, strlen(line), "keys:1", &skipped,
	    why, 200);
}

static void
test_keyfile_forms(void **st)
{
	struct ks_store		*s = ks_store_new();
	const struct ks_key	*k;
	char			 why[200];
	bool			 skipped;

	(void)st;
	assert_int_equal(add(s, "wpa-pwd:roamlab-secret-1", why), 1);
	assert_int_equal(add(s, "wpa-pwd:pass%3aword:my%20net", why), 1);
	assert_int_equal(add(s, "\"wpa-pwd\",\"12345678:Wireshark-pmf\"",
	    why), 1);
	assert_int_equal(add(s, "WPA-PSK:a5001e18e0b3f792278825bc3abff72d"
	    "7021d7c157b600470ef730e2490835d4", why), 1);
	assert_int_equal(add(s, "msk:" "00112233445566778899aabbccddeeff"
	    "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
	    "00112233445566778899aabbccddeeff", why), 1);
	assert_int_equal(add(s, "tk:4e 30 e8 c0 19 be a4 3e a5 26 2b 10 85 3b "
	    "81 8d", why), 1);
	assert_int_equal(add(s, "  # a comment", why), 0);
	assert_int_equal(add(s, "", why), 0);
	assert_int_equal(ks_store_add_line(s, "wep:0102030405", 14, "k:9",
	    &skipped, why, sizeof(why)), 0);
	assert_true(skipped);
	assert_int_equal(ks_store_count(s), 6);
	k = ks_store_key(s, 1);
	assert_int_equal(k->secret_len, 9);
	assert_memory_equal(k->secret, "pass:word", 9);
	assert_true(k->has_ssid);
	assert_int_equal(k->ssid_len, 6);
	assert_memory_equal(k->ssid, "my net", 6);
	k = ks_store_key(s, 0);
	assert_false(k->has_ssid);
	k = ks_store_key(s, 2);
	assert_int_equal(k->type, KS_KEY_PWD);
	assert_memory_equal(k->ssid, "Wireshark-pmf", 13);
	assert_int_equal(ks_store_type(s, 3), KS_KEY_PSK);
	assert_int_equal(ks_store_type(s, 4), KS_KEY_MSK);
	assert_int_equal(ks_store_key(s, 4)->secret_len, 64);
	assert_int_equal(ks_store_key(s, 5)->secret_len, 16);
	assert_string_equal(ks_store_label(s, 5), "keys:1");
	assert_null(ks_store_key(s, 6));
	ks_store_free(s);
}

static void
test_keyfile_errors(void **st)
{
	static const struct {
		const char *line, *why;
	} bad[] = {
		{ "wpa-pwd:short", "wpa-pwd passphrase is 5 characters; it "
		    "must be 8 to 63" },
		{ "wpa-pwd:0123456789012345678901234567890123456789012345678901"
		    "234567890123", "wpa-pwd passphrase is 64" },
		{ "wpa-pwd:good-passphrase:", "empty SSID after ':'" },
		{ "wpa-pwd:bad%2passphrase", "bad passphrase: a % must start "
		    "%XX" },
		{ "wpa-pwd:passphrase:0123456789012345678901234567890123",
		    "bad SSID: at most 32 bytes" },
		{ "wpa-psk:abcd", "wpa-psk (a 256-bit PSK) needs 64 hex "
		    "digits, got 4" },
		{ "wpa-psk:zz01", "character 1 of the value is not one" },
		{ "tk:0011223344556677889900112233", "tk needs 32 or 64 hex "
		    "digits, got 28" },
		{ "msk:00", "msk needs 128 to 256 hex digits, got 2" },
		{ "wpa-pmk:00", "unknown key type 'wpa-pmk' (use wpa-pwd, "
		    "wpa-psk, msk or tk)" },
		{ "roamlab-secret-1", "no ':' after the key type" },
		{ "\"wpa-pwd\",\"unterminated", "bad table row" },
	};
	struct ks_store	*s = ks_store_new();
	char		 why[200];
	size_t		 i;

	(void)st;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (add(s, bad[i].line, why) != -1)
			fail_msg("line %zu accepted", i);
		if (strstr(why, bad[i].why) == NULL)
			fail_msg("line %zu: '%s' lacks '%s'", i, why,
			    bad[i].why);
	}
	assert_int_equal(ks_store_count(s), 0);
	ks_store_free(s);
}

static void
test_keyfile_load(void **st)
{
	char		 path[] = "/tmp/test_keys.XXXXXX";
	struct ks_store	*s = ks_store_new();
	struct ks_load	 l;
	FILE		*fp;
	int		 fd;

	(void)st;
	assert_true((fd = mkstemp(path)) >= 0);
	assert_non_null(fp = fdopen(fd, "w"));
	fputs("# lab\r\nwpa-pwd:roamlab-secret-1:roamlab\r\n\n"
	    "wep:0102030405\ntk:nothex\n", fp);
	fclose(fp);
	assert_int_equal(chmod(path, 0600), 0);
	assert_int_equal(ks_store_load(s, path, &l), -1);
	/* FILE:LINE and why */
	assert_non_null(strstr(l.err, ":5: tk needs 32 or 64 hex digits"));
	assert_int_equal(strncmp(l.err, path, strlen(path)), 0);
	assert_string_equal(l.warn, "");
	ks_store_free(s);
	/* a good one, world-readable: loads, with a warning */
	s = ks_store_new();
	assert_non_null(fp = fopen(path, "w"));
	fputs("wpa-pwd:roamlab-secret-1:roamlab\nwep:0102030405\n", fp);
	fclose(fp);
	assert_int_equal(chmod(path, 0644), 0);
	assert_int_equal(ks_store_load(s, path, &l), 0);
	assert_int_equal(l.n_keys, 1);
	assert_int_equal(l.n_skipped, 1);
	assert_non_null(strstr(l.warn, "readable by every user"));
	ks_store_free(s);
	unlink(path);
	s = ks_store_new();
	assert_int_equal(ks_store_load(s, path, &l), -1);
	assert_non_null(strstr(l.err, "no such file"));
	ks_store_free(s);
}

static void
test_pmk_cache(void **st)
{
	struct ks_store	*s = ks_store_new();
	const uint8_t	*a, *b;
	uint8_t		 want[32];
	char		 why[200];

	(void)st;
	assert_int_equal(add(s, "wpa-pwd:roamlab-secret-1", why), 1);
	assert_int_equal(add(s, "wpa-pwd:12345678:Wireshark-pmf", why), 1);
	a = ks_store_psk(s, 0, (const uint8_t *)"roamlab", 7);
	b = ks_store_psk(s, 0, (const uint8_t *)"roamlab", 7);
	assert_non_null(a);
	assert_ptr_equal(a, b);
	assert_int_equal(ks_store_pbkdf2_runs(s), 1);
	assert_int_equal(ks_pbkdf2_sha1("roamlab-secret-1", 16,
	    (const uint8_t *)"roamlab", 7, want), 0);
	assert_memory_equal(a, want, 32);
	assert_non_null(ks_store_psk(s, 0, (const uint8_t *)"other", 5));
	assert_int_equal(ks_store_pbkdf2_runs(s), 2);
	/* a key bound to an SSID is not for another one */
	assert_null(ks_store_psk(s, 1, (const uint8_t *)"roamlab", 7));
	assert_non_null(ks_store_psk(s, 1, (const uint8_t *)"Wireshark-pmf",
	    13));
	assert_int_equal(ks_store_pbkdf2_runs(s), 3);
	ks_store_free(s);
}

static void
test_verdict_names(void **st)
{
	(void)st;
	assert_string_equal(ks_verdict_name(KS_V_OK), "ok");
	assert_string_equal(ks_verdict_name(KS_V_BAD), "bad");
	assert_null(ks_verdict_name(KS_V_NONE));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pbkdf2),
		cmocka_unit_test(test_prf),
		cmocka_unit_test(test_hmac),
		cmocka_unit_test(test_cmac),
		cmocka_unit_test(test_keywrap),
		cmocka_unit_test(test_ccmp128),
		cmocka_unit_test(test_ccmp256),
		cmocka_unit_test(test_gcmp128),
		cmocka_unit_test(test_gcmp256),
		cmocka_unit_test(test_ccmp_mgmt),
		cmocka_unit_test(test_ptk_psk_sha256),
		cmocka_unit_test(test_ft_wireshark),
		cmocka_unit_test(test_ft_hostapd),
		cmocka_unit_test(test_pmkid),
		cmocka_unit_test(test_keyfile_forms),
		cmocka_unit_test(test_keyfile_errors),
		cmocka_unit_test(test_keyfile_load),
		cmocka_unit_test(test_pmk_cache),
		cmocka_unit_test(test_verdict_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
