/*
 * keys.h -- with the network's keys: proofs about handshakes, and plaintext.
 *
 * Three parts, used in this order:
 *
 *  1. A key store (ks_store_*): the --keys file, one key per line in
 *     Wireshark's key types (wpa-pwd, wpa-psk, msk, tk).  PBKDF2 runs once
 *     per (passphrase, SSID) and is cached in the store.
 *
 *  2. A tracker (ks_new, ks_feed): fed every parsed frame in time order
 *     (and every frame ks_decrypt turned into plaintext, right after the
 *     protected original), it follows each client's associations, 4-way
 *     handshakes and FT roams, derives the PTK of each one (a roam brings a
 *     new PTK, kept per client and AP) and the GTK/IGTK from M3, the group
 *     key handshake and the FTE of an FT reassociation response, and checks
 *     what the air shows against the keys: the M2 MIC, the PMKID, the
 *     PMKR0Name and PMKR1Name and the FTE MICs.  A check names the key line
 *     that verified, never the key.
 *
 *  3. Decryption (ks_decrypt): a CCMP-128/256 or GCMP-128/256 protected
 *     data or robust management frame becomes a plain 802.11 frame (no
 *     radio header, Protected bit clear, security header and MIC gone) that
 *     d11_parse(D11_DLT_IEEE802_11, ...) parses like any other.
 *
 * No I/O except ks_store_load (which reads the key file), no UI.  MAC
 * addresses are 6 raw bytes.  Everything a call returns stays valid until
 * the next ks_feed/ks_free on the same tracker.
 */
#ifndef KEYS_H
#define KEYS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "record.h"

/* ------------------------------------------------------------------------
 * The key store.
 */
enum ks_key_type {
	KS_KEY_PWD = 1,		/* wpa-pwd:PASSPHRASE[:SSID] */
	KS_KEY_PSK,		/* wpa-psk:HEX, a 256-bit PSK or PMK */
	KS_KEY_MSK,		/* msk:HEX, 64..128 bytes (802.1X) */
	KS_KEY_TK,		/* tk:HEX, a temporal key (16 or 32 bytes) */
};

struct ks_store;

struct ks_load {
	char		 err[320];	/* "FILE:LINE: why" when loading failed */
	char		 warn[320];	/* e.g. "FILE is world-readable: ..." */
	unsigned	 n_keys;	/* keys loaded */
	unsigned	 n_skipped;	/* valid lines of types not used (wep) */
};

struct ks_store	*ks_store_new(void);
void		 ks_store_free(struct ks_store *);
/*
 * One key line (no newline).  where names it in keys' labels and errors
 * ("FILE:LINE").  Accepted forms: TYPE:VALUE, and Wireshark's 80211_keys
 * table row "TYPE","VALUE".  Returns 1 added, 0 nothing (blank, comment,
 * or a type this program does not use: *skipped set), -1 malformed (why).
 */
int		 ks_store_add_line(struct ks_store *, const char *line,
		    size_t len, const char *where, bool *skipped, char *why,
		    size_t whylen);
/* Read a key file.  Returns 0, or -1 with l->err set (the first bad line,
 * or why the file cannot be read).  A world-readable file loads with a
 * warning in l->warn. */
int		 ks_store_load(struct ks_store *, const char *path,
		    struct ks_load *l);
unsigned	 ks_store_count(const struct ks_store *);
enum ks_key_type ks_store_type(const struct ks_store *, int key);
const char	*ks_store_label(const struct ks_store *, int key);
/* PBKDF2 runs so far (one per distinct passphrase and SSID). */
unsigned long	 ks_store_pbkdf2_runs(const struct ks_store *);

/* ------------------------------------------------------------------------
 * Checks.
 */
enum ks_verdict {
	KS_V_NONE = 0,		/* not checkable: no frame, or no usable key */
	KS_V_OK,
	KS_V_BAD,
};
/* "ok", "bad", or NULL for KS_V_NONE (the JSON leaves it out). */
const char	*ks_verdict_name(enum ks_verdict);

enum ks_hs_kind {
	KS_HS_NONE = 0,
	KS_HS_ASSOC,		/* (re)association + 4-way handshake */
	KS_HS_FT,		/* FT auth or FT action, FT reassociation */
	KS_HS_4WAY,		/* a 4-way handshake with no (re)association
				   before it: a rekey, or the capture began
				   after the association */
};

/* What a status 53 or 55 on an FT roam means, when the keys settle it. */
enum ks_ft_diag {
	KS_FT_NONE = 0,
	KS_FT_TARGET_LACKS_R1,	/* 53, the client's PMKR0Name is correct */
	KS_FT_CLIENT_STALE,	/* the PMKR0Name is from the client's first
				   association's SSID/MDID/R0KH-ID */
	KS_FT_CLIENT_WRONG,	/* the PMKR0Name matches no key */
	KS_FT_MIC_CLIENT,	/* the reassociation request's FTE MIC fails */
	KS_FT_MIC_AP,		/* the reassociation response's FTE MIC fails */
};

/* Which ESS parameter differs from the first association (CLIENT_STALE). */
#define KS_ESS_SSID	0x01
#define KS_ESS_MDID	0x02
#define KS_ESS_R0KH	0x04

#define KS_R0KH_MAX	48

/* The checks of one handshake: a join, an FT roam, a rekey. */
struct ks_result {
	uint8_t		 sta[6];
	uint8_t		 ap[6];		/* the AP it (re)associates with */
	enum ks_hs_kind	 kind;
	uint64_t	 n_first, n_last;	/* frame numbers it was built of */
	int64_t		 ts_first, ts_last;
	uint32_t	 akm, pairwise;	/* suites, 0 unknown */

	enum ks_verdict	 m2_mic;	/* EAPOL M2 MIC with the PTK */
	enum ks_verdict	 pmkid;		/* PMKID in the (re)assoc request */
	enum ks_verdict	 pmkid_kde;	/* the AP's PMKID KDE in M1 */
	enum ks_verdict	 pmkr0name;	/* RSNE PMKID of FT auth / FT request */
	enum ks_verdict	 pmkr1name;	/* RSNE PMKID of FT reassoc request,
					   or of M2 on an FT initial join */
	enum ks_verdict	 fte_mic;	/* both FTE MICs (bad if either is) */
	enum ks_verdict	 fte_mic_req, fte_mic_resp;

	int		 key;		/* key index that verified, -1 none */
	unsigned	 n_tried;	/* keys tried by the failed checks */
	bool		 ptk;		/* a PTK was derived: decryptable */
	bool		 gtk;		/* a GTK came with it (M3, FTE) */
	uint16_t	 status;	/* first non-zero FT/assoc status */
	enum ks_ft_diag	 ft_diag;
	uint8_t		 stale_what;	/* KS_ESS_* for KS_FT_CLIENT_STALE */
	uint8_t		 r0kh_id[KS_R0KH_MAX];	/* the client's R0KH-ID */
	uint8_t		 r0kh_id_len;
	/* The names derived with the verifying key (names, not keys: the
	 * air carries them in clear), to compare with the AP's log. */
	uint8_t		 r0name[16], r1name[16];
	bool		 has_r0name, has_r1name;
};

/*
 * One sentence on what the keys prove about r, for notes and drivers
 * ("the client's passphrase is not the one given: ..."); empty when they
 * prove nothing.  Names key lines by their labels.
 */
size_t		 ks_result_why(const struct ks_result *r,
		    const struct ks_store *, char *buf, size_t len);

/* ------------------------------------------------------------------------
 * The tracker.
 */
struct ks;

struct ks_conf {
	unsigned	 max_clients;	/* the least recently seen go (4096) */
	unsigned	 max_aps;	/* BSSIDs with group keys kept (4096) */
};

/* store may be NULL (nothing is checkable then); it must outlive ks. */
struct ks	*ks_new(struct ks_store *, const struct ks_conf *);
void		 ks_free(struct ks *);
/*
 * Feed one record.  Returns the client's handshake result when this frame
 * changed it (a check settled, a status, a diagnosis), else NULL.
 */
const struct ks_result *ks_feed(struct ks *, const struct rs_rec *);
/* The latest handshake result of a client, NULL when none. */
const struct ks_result *ks_current(const struct ks *, const uint8_t sta[6]);

/* ------------------------------------------------------------------------
 * Decryption.
 */
enum ks_dec {
	KS_DEC_OK = 0,
	KS_DEC_NOT_PROTECTED,	/* nothing to do */
	KS_DEC_NO_KEY,		/* no PTK/GTK/TK known for this frame */
	KS_DEC_BAD_MIC,		/* every key known for it failed */
	KS_DEC_UNSUPPORTED,	/* WEP/TKIP, or another cipher */
	KS_DEC_MALFORMED,	/* too short, or no extended IV */
	KS_DEC_NOSPACE,		/* out is smaller than the frame */
};
const char	*ks_dec_name(enum ks_dec);

struct ks_dec_info {
	uint32_t	 cipher;	/* suite, e.g. 00-0F-AC:4 */
	uint8_t		 key_id;
	bool		 group;		/* GTK (group-addressed) */
	int		 user_tk;	/* index of the tk: line used, else -1 */
	uint64_t	 pn;
};

/*
 * Whether the analysis needs f's plaintext (call it after ks_feed(f)):
 * every protected management frame (robust action frames); every data
 * frame at voice priority, or without QoS of an EAPOL-Key frame's length
 * (EAPOL travels so: the tracker follows rekeys); and, after a client's
 * new PTK, its first 8 data frames within 10 s (its first ARP and IP
 * packets) and, for 60 s or until its DHCP ACK, those whose length fits a
 * DHCP message.  Bulk data stays encrypted; a caller that wants everything
 * decrypts every protected frame.
 */
bool		 ks_want(struct ks *, const struct d11_frame *f);

/*
 * Decrypt frame f into out (cap bytes; f->mac_len is always enough).
 * *outlen is the plain frame's length.  Uses what ks_feed learned so far:
 * call it after feeding f.
 */
enum ks_dec	 ks_decrypt(struct ks *, const struct d11_frame *f,
		    uint8_t *out, size_t cap, size_t *outlen,
		    struct ks_dec_info *info);

/*
 * The record of a decrypted frame: rec's number, time and source, link
 * type 802.11, the plaintext (len bytes of plain, which it points into) as
 * the raw bytes, parsed by d11_parse.  What ks_feed and the engine get.
 */
void		 ks_plain_rec(const struct rs_rec *rec, const uint8_t *plain,
		    size_t len, struct rs_rec *out);

#endif /* KEYS_H */
