/*
 * dot11.h -- the shared 802.11 parser.
 *
 * One parser for everything roamscope reads: live capture, files, the roam
 * engine, tests, benchmarks and fuzzers all call d11_parse().  It does no I/O,
 * no allocation and knows nothing of the UI.
 *
 * Style (after hostapd's src/common): the caller owns a struct d11_frame; the
 * parser fills it with values and with pointers *into the caller's buffer*
 * (const uint8_t *, plus a length where it varies).  The frame is only valid
 * while that buffer is.  Wire bytes are read with the explicit little/big
 * endian getters below, never by casting structs over the buffer.
 *
 * Everything on the air is untrusted: every length is checked against the
 * bytes that are really there, and a field that does not fit is reported as
 * absent (and counted as malformed), never read past.
 */
#ifndef DOT11_H
#define DOT11_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "names.h"

/* ------------------------------------------------------------------------
 * Byte getters.  Callers must have checked the length.
 */
static inline uint16_t
d11_le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | (p[1] << 8));
}

static inline uint32_t
d11_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | ((uint32_t)p[1] << 8) |
	    ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static inline uint64_t
d11_le64(const uint8_t *p)
{
	return (uint64_t)d11_le32(p) | ((uint64_t)d11_le32(p + 4) << 32);
}

static inline uint16_t
d11_be16(const uint8_t *p)
{
	return (uint16_t)((p[0] << 8) | p[1]);
}

static inline uint32_t
d11_be32(const uint8_t *p)
{
	return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) |
	    ((uint32_t)p[2] << 8) | (uint32_t)p[3];
}

static inline uint64_t
d11_be64(const uint8_t *p)
{
	return ((uint64_t)d11_be32(p) << 32) | (uint64_t)d11_be32(p + 4);
}

/* A suite selector (cipher or AKM) as OUI << 8 | type, e.g. 00-0F-AC:4. */
#define D11_SUITE(oui, type)	(((uint32_t)(oui) << 8) | (uint8_t)(type))
#define D11_OUI_IEEE		0x000fac
#define D11_OUI_MS		0x0050f2	/* WPA1, WMM */
#define D11_OUI_WFA		0x506f9a

static inline uint32_t
d11_suite(const uint8_t *p)
{
	return d11_be32(p);	/* OUI is big-endian on the wire, then type */
}

/* ------------------------------------------------------------------------
 * Link types (pcap DLT values) the parser accepts.
 */
#define D11_DLT_IEEE802_11	105
#define D11_DLT_PRISM		119
#define D11_DLT_RADIOTAP	127
#define D11_DLT_AVS		163
#define D11_DLT_PPI		192

bool		 d11_dlt_supported(int dlt);
const char	*d11_dlt_name(int dlt);	/* "radiotap", "802.11", ... */
#define D11_DLT_LIST	"802.11 (105), Prism (119), radiotap (127), AVS (163), PPI (192)"

/* ------------------------------------------------------------------------
 * Radio metadata (radiotap, PPI 802.11-common, Prism, AVS).
 */
#define D11_RADIO_TSFT		0x0001
#define D11_RADIO_FREQ		0x0002
#define D11_RADIO_SIGNAL	0x0004
#define D11_RADIO_NOISE		0x0008
#define D11_RADIO_RATE		0x0010	/* legacy rate, 500 kb/s units */
#define D11_RADIO_MCS		0x0020	/* HT MCS index */
#define D11_RADIO_VHT		0x0040
#define D11_RADIO_HE		0x0080
#define D11_RADIO_FLAGS		0x0100
#define D11_RADIO_ANTENNA	0x0200

struct d11_radio {
	uint32_t	 present;	/* D11_RADIO_* */
	uint64_t	 tsft;		/* microseconds, MAC clock */
	uint16_t	 freq;		/* MHz */
	uint16_t	 chan_flags;	/* radiotap channel flags */
	int8_t		 signal;	/* dBm */
	int8_t		 noise;		/* dBm */
	uint8_t		 rate;		/* 500 kb/s units */
	uint8_t		 mcs;		/* HT/VHT/HE MCS index */
	uint8_t		 nss;		/* VHT/HE spatial streams, 0 = unknown */
	uint8_t		 bw;		/* MHz / 10: 2, 4, 8, 16; 0 = unknown */
	uint8_t		 flags;		/* radiotap Flags field */
	uint8_t		 antenna;
	uint16_t	 hdr_len;	/* bytes of the radio header */
};

/* Channel number for a frequency in MHz (2.4, 5, 6 GHz), 0 if none. */
int	 d11_freq_to_channel(unsigned freq);

/* ------------------------------------------------------------------------
 * Elements.
 */
#define D11_EID_SSID		0
#define D11_EID_SUPP_RATES	1
#define D11_EID_DS_PARAMS	3
#define D11_EID_TIM		5
#define D11_EID_COUNTRY		7
#define D11_EID_HT_CAP		45
#define D11_EID_RSN		48
#define D11_EID_EXT_RATES	50
#define D11_EID_MDE		54
#define D11_EID_FTE		55
#define D11_EID_TIMEOUT		56
#define D11_EID_RIC_DATA	57
#define D11_EID_HT_OP		61
#define D11_EID_RM_ENABLED	70
#define D11_EID_NEIGHBOR	52
#define D11_EID_EXT_CAPAB	127
#define D11_EID_VHT_CAP		191
#define D11_EID_VENDOR		221
#define D11_EID_EXTENSION	255
#define D11_EXT_HE_CAP		35
#define D11_EXT_EHT_CAP		108

/* RSN capabilities bits */
#define D11_RSN_CAP_MFPR	0x0040
#define D11_RSN_CAP_MFPC	0x0080

#define D11_RSN_MAX_LIST	8	/* suites/PMKIDs kept; the count is exact */

/* AKM suites (IEEE 802.11-2020 Table 9-151), as D11_SUITE values. */
#define D11_AKM_8021X		D11_SUITE(D11_OUI_IEEE, 1)
#define D11_AKM_PSK		D11_SUITE(D11_OUI_IEEE, 2)
#define D11_AKM_FT_8021X	D11_SUITE(D11_OUI_IEEE, 3)
#define D11_AKM_FT_PSK		D11_SUITE(D11_OUI_IEEE, 4)
#define D11_AKM_8021X_SHA256	D11_SUITE(D11_OUI_IEEE, 5)
#define D11_AKM_PSK_SHA256	D11_SUITE(D11_OUI_IEEE, 6)
#define D11_AKM_SAE		D11_SUITE(D11_OUI_IEEE, 8)
#define D11_AKM_FT_SAE		D11_SUITE(D11_OUI_IEEE, 9)
#define D11_AKM_SUITE_B		D11_SUITE(D11_OUI_IEEE, 11)
#define D11_AKM_SUITE_B_192	D11_SUITE(D11_OUI_IEEE, 12)
#define D11_AKM_FT_8021X_SHA384	D11_SUITE(D11_OUI_IEEE, 13)
#define D11_AKM_OWE		D11_SUITE(D11_OUI_IEEE, 18)
#define D11_AKM_FT_PSK_SHA384	D11_SUITE(D11_OUI_IEEE, 19)
#define D11_AKM_PSK_SHA384	D11_SUITE(D11_OUI_IEEE, 20)
#define D11_AKM_WPA_8021X	D11_SUITE(D11_OUI_MS, 1)
#define D11_AKM_WPA_PSK		D11_SUITE(D11_OUI_MS, 2)

/* Cipher suites (Table 9-149). */
#define D11_CIPHER_USE_GROUP	D11_SUITE(D11_OUI_IEEE, 0)
#define D11_CIPHER_WEP40	D11_SUITE(D11_OUI_IEEE, 1)
#define D11_CIPHER_TKIP		D11_SUITE(D11_OUI_IEEE, 2)
#define D11_CIPHER_CCMP		D11_SUITE(D11_OUI_IEEE, 4)
#define D11_CIPHER_WEP104	D11_SUITE(D11_OUI_IEEE, 5)
#define D11_CIPHER_BIP_CMAC	D11_SUITE(D11_OUI_IEEE, 6)
#define D11_CIPHER_GCMP		D11_SUITE(D11_OUI_IEEE, 8)
#define D11_CIPHER_GCMP_256	D11_SUITE(D11_OUI_IEEE, 9)
#define D11_CIPHER_CCMP_256	D11_SUITE(D11_OUI_IEEE, 10)
#define D11_CIPHER_BIP_GMAC	D11_SUITE(D11_OUI_IEEE, 11)
#define D11_CIPHER_BIP_GMAC_256	D11_SUITE(D11_OUI_IEEE, 12)
#define D11_CIPHER_BIP_CMAC_256	D11_SUITE(D11_OUI_IEEE, 13)
#define D11_CIPHER_WPA_TKIP	D11_SUITE(D11_OUI_MS, 2)
#define D11_CIPHER_WPA_CCMP	D11_SUITE(D11_OUI_MS, 4)

/* Key Descriptor Version (Key Information bits 0-2). */
#define D11_KDV_AKM		0	/* AKM-defined MIC and key wrap */
#define D11_KDV_HMAC_MD5	1	/* HMAC-MD5 MIC, RC4 key data */
#define D11_KDV_HMAC_SHA1	2	/* HMAC-SHA1-128 MIC, AES key wrap */
#define D11_KDV_AES_CMAC	3	/* AES-128-CMAC MIC, AES key wrap */

/* EAPOL-Key descriptor types. */
#define D11_EAPOL_DESC_RSN	2
#define D11_EAPOL_DESC_WPA	254

/* Key data encapsulations (KDE, Table 12-9): 00-0F-AC data types. */
#define D11_KDE_GTK		1
#define D11_KDE_PMKID		4
#define D11_KDE_IGTK		9

/* FT authentication transaction numbers in the FTE MIC (13.8.4, 13.8.5). */
#define D11_FT_MIC_SEQ_REASSOC_REQ	5
#define D11_FT_MIC_SEQ_REASSOC_RESP	6

/* Authentication algorithm numbers (9.4.1.1). */
#define D11_AUTH_OPEN		0
#define D11_AUTH_FT		2
#define D11_AUTH_SAE		3

/* Status codes the key checks diagnose (Table 9-50). */
#define D11_STATUS_INVALID_PMKID	53
#define D11_STATUS_INVALID_FTE		55

#define D11_EID_RSNX		244

/* RSNE (also used for the WPA1 vendor element, same layout after OUI+type). */
struct d11_rsne {
	uint16_t	 version;
	uint32_t	 group;		/* suite; 0 when absent */
	uint16_t	 n_pairwise;	/* as claimed and present in the element */
	const uint8_t	*pairwise;	/* n_pairwise * 4 bytes */
	uint16_t	 n_akm;
	const uint8_t	*akm;		/* n_akm * 4 bytes */
	uint16_t	 caps;
	uint16_t	 n_pmkid;
	const uint8_t	*pmkid;		/* n_pmkid * 16 bytes */
	uint32_t	 group_mgmt;	/* group management cipher; 0 absent */
	/* which optional fields were present and whole */
	unsigned	 has_group:1, has_pairwise:1, has_akm:1, has_caps:1,
			 has_pmkid:1, has_group_mgmt:1;
	unsigned	 malformed:1;	/* a field was cut short or lied */
};

/* Mobility Domain element. */
struct d11_mde {
	uint8_t		 mdid[2];	/* wire order: show as %02x%02x */
	uint8_t		 ft_capab;	/* bit 0 FT over DS, bit 1 resource req */
};
#define D11_MDE_FT_OVER_DS	0x01
#define D11_MDE_RESOURCE_REQ	0x02

/* Fast BSS Transition element. */
struct d11_fte {
	uint16_t	 mic_control;	/* bits 8-15 element count */
	uint8_t		 mic_len;	/* 16, 24 or 32 */
	const uint8_t	*mic;
	const uint8_t	*anonce;	/* 32 bytes */
	const uint8_t	*snonce;	/* 32 bytes */
	const uint8_t	*r1kh_id;	/* 6 bytes, NULL when absent */
	const uint8_t	*r0kh_id;	/* 1..48 bytes */
	uint8_t		 r0kh_id_len;
	const uint8_t	*gtk;		/* subelement bodies, NULL when absent */
	uint8_t		 gtk_len;
	const uint8_t	*igtk;
	uint8_t		 igtk_len;
	const uint8_t	*oci;
	uint8_t		 oci_len;
	const uint8_t	*bigtk;
	uint8_t		 bigtk_len;
	uint8_t		 n_subelems;
	unsigned	 malformed:1;
};

/* One neighbor, from a Neighbor Report element (RM response or BTM list). */
struct d11_neighbor {
	const uint8_t	*bssid;
	uint32_t	 bssid_info;
	uint8_t		 op_class;
	uint8_t		 channel;
	uint8_t		 phy_type;
	int16_t		 preference;	/* candidate preference, -1 absent */
};
#define D11_MAX_NEIGHBORS	16	/* kept in the struct; count is exact */

struct d11_elems {
	const uint8_t	*ssid;		/* NULL when no SSID element */
	uint8_t		 ssid_len;
	int16_t		 ds_channel;	/* -1 when absent */

	const uint8_t	*rsn_ie;	/* the RSNE body, NULL when absent */
	uint8_t		 rsn_ie_len;
	struct d11_rsne	 rsn;
	const uint8_t	*wpa_ie;	/* WPA1 vendor element body after OUI+type */
	uint8_t		 wpa_ie_len;
	struct d11_rsne	 wpa;

	bool		 has_mde;
	struct d11_mde	 mde;

	const uint8_t	*fte_ie;	/* FTE body, NULL when absent */
	uint8_t		 fte_ie_len;
	struct d11_fte	 fte;

	bool		 has_timeout;
	uint8_t		 timeout_type;	/* 2 key lifetime, 3 assoc comeback */
	uint32_t	 timeout_value;
	uint8_t		 n_ric_data;

	uint8_t		 n_neighbors;	/* exact count of Neighbor Report elems */
	struct d11_neighbor neighbors[D11_MAX_NEIGHBORS];

	const uint8_t	*rm_enabled;	/* RM Enabled Capabilities body (5) */
	uint8_t		 rm_enabled_len;
	const uint8_t	*ext_capab;	/* Extended Capabilities body */
	uint8_t		 ext_capab_len;

	unsigned	 has_ht:1, has_vht:1, has_he:1, has_eht:1, has_wmm:1,
			 has_supp_rates:1;

	uint16_t	 n_elems;	/* elements walked */
	uint16_t	 n_malformed;	/* overran the body, or bad content */
	uint16_t	 n_duplicate;	/* a once-only element seen twice */
};

/* Capability tests used by the engine (wlanpi-profiler's rules). */
bool	 d11_elems_rm_neighbor_report(const struct d11_elems *);	/* RM bit 1 */
bool	 d11_elems_bss_transition(const struct d11_elems *);	/* ext bit 19 */

/*
 * Walk the elements in (buf, len).  Counts malformed and duplicate ones.
 * akm_hint (an AKM suite, 0 if unknown) decides the FTE MIC length when the
 * frame carries an FTE but no RSNE; otherwise the RSNE's first AKM does.
 */
void	 d11_parse_elems(const uint8_t *buf, size_t len, uint32_t akm_hint,
	    struct d11_elems *out);
/* Single-element decoders (body without ID and length). Return 0 or -1. */
int	 d11_parse_rsne(const uint8_t *body, size_t len, struct d11_rsne *);
int	 d11_parse_fte(const uint8_t *body, size_t len, uint32_t akm,
	    struct d11_fte *);
int	 d11_parse_neighbor(const uint8_t *body, size_t len,
	    struct d11_neighbor *);

/* ------------------------------------------------------------------------
 * Action frames.
 */
#define D11_CAT_SPECTRUM	0
#define D11_CAT_QOS		1
#define D11_CAT_PUBLIC		4
#define D11_CAT_RM		5
#define D11_CAT_FT		6
#define D11_CAT_SA_QUERY	8
#define D11_CAT_PROT_DUAL	9
#define D11_CAT_WNM		10
#define D11_CAT_UNPROT_WNM	11
#define D11_CAT_VENDOR_PROT	126
#define D11_CAT_VENDOR		127

#define D11_RM_NR_REQ		4
#define D11_RM_NR_RESP		5
#define D11_FT_REQ		1
#define D11_FT_RESP		2
#define D11_FT_CONFIRM		3
#define D11_FT_ACK		4
#define D11_WNM_BTM_QUERY	6
#define D11_WNM_BTM_REQ		7
#define D11_WNM_BTM_RESP	8
#define D11_SAQ_REQ		0
#define D11_SAQ_RESP		1

/* BTM Request mode bits */
#define D11_BTM_PREF_LIST	0x01
#define D11_BTM_ABRIDGED	0x02
#define D11_BTM_DISASSOC_IMM	0x04
#define D11_BTM_TERMINATION	0x08
#define D11_BTM_ESS_DISASSOC	0x10

struct d11_action {
	bool		 readable;	/* false: protected (PMF), body encrypted */
	uint8_t		 category;
	uint8_t		 action;
	bool		 has_action;
	uint8_t		 dialog_token;
	bool		 has_dialog_token;

	/* WNM BSS Transition Management (query/request/response) */
	uint8_t		 btm_mode;	/* request mode */
	uint16_t	 btm_disassoc_timer;
	uint8_t		 btm_validity;
	uint8_t		 btm_query_reason;
	bool		 has_btm_status;
	uint8_t		 btm_status;
	uint8_t		 btm_term_delay;
	const uint8_t	*btm_target;	/* target BSSID, NULL when absent */
	const uint8_t	*btm_term_duration; /* 12 bytes when mode bit 3 */
	const uint8_t	*btm_url;	/* session information URL */
	uint8_t		 btm_url_len;

	/* FT action (request/response/confirm/ack) */
	const uint8_t	*ft_sta;
	const uint8_t	*ft_target_ap;
	bool		 has_ft_status;
	uint16_t	 ft_status;

	/* SA Query */
	const uint8_t	*saq_id;	/* 2-byte transaction identifier */

	/* RM/BTM/FT bodies carry elements, parsed into frame->ie */
	unsigned	 malformed:1;
};

/* ------------------------------------------------------------------------
 * EAPOL and EAP (data frames with LLC/SNAP 88-8E).
 */
#define D11_EAPOL_EAP		0
#define D11_EAPOL_START		1
#define D11_EAPOL_LOGOFF	2
#define D11_EAPOL_KEY		3

/* Key Information bits (big-endian on the wire) */
#define D11_KI_TYPE_MASK	0x0007
#define D11_KI_PAIRWISE		0x0008
#define D11_KI_INSTALL		0x0040
#define D11_KI_ACK		0x0080
#define D11_KI_MIC		0x0100
#define D11_KI_SECURE		0x0200
#define D11_KI_ERROR		0x0400
#define D11_KI_REQUEST		0x0800
#define D11_KI_ENCR_DATA	0x1000
#define D11_KI_SMK		0x2000

/* eapol_msg values */
#define D11_EAPOL_M_UNKNOWN	0
#define D11_EAPOL_M1		1
#define D11_EAPOL_M2		2
#define D11_EAPOL_M3		3
#define D11_EAPOL_M4		4
#define D11_EAPOL_G1		5
#define D11_EAPOL_G2		6
#define D11_EAPOL_REQ		7	/* Request bit set */

struct d11_eapol {
	uint8_t		 version;
	uint8_t		 type;		/* D11_EAPOL_* */
	uint16_t	 body_len;	/* as claimed */

	/* EAPOL-Key */
	uint8_t		 desc_type;	/* 2 RSN, 254 WPA */
	uint16_t	 key_info;
	uint16_t	 key_len;
	uint64_t	 replay;
	const uint8_t	*nonce;		/* 32 bytes */
	const uint8_t	*mic;
	uint8_t		 mic_len;	/* 16, 24 or 0, inferred from lengths */
	uint16_t	 key_data_len;
	const uint8_t	*key_data;	/* NULL when encrypted or absent */
	uint8_t		 msg;		/* D11_EAPOL_M* */
	const uint8_t	*pmkid_kde;	/* 16 bytes, M1 only */

	/* EAP */
	uint8_t		 eap_code;
	uint8_t		 eap_id;
	uint16_t	 eap_len;
	uint8_t		 eap_type;	/* 0 when none (Success/Failure) */
	const uint8_t	*identity;	/* EAP-Response/Identity */
	uint16_t	 identity_len;

	unsigned	 malformed:1;
};

/* ------------------------------------------------------------------------
 * The frame.
 */
enum d11_kind {
	D11_K_NONE = 0,		/* not decoded (see d11_frame.error) */
	D11_K_ASSOC_REQ,
	D11_K_ASSOC_RESP,
	D11_K_REASSOC_REQ,
	D11_K_REASSOC_RESP,
	D11_K_PROBE_REQ,
	D11_K_PROBE_RESP,
	D11_K_BEACON,
	D11_K_DISASSOC,
	D11_K_AUTH,
	D11_K_DEAUTH,
	D11_K_ACTION,
	D11_K_ACTION_NOACK,
	D11_K_MGMT_OTHER,	/* timing advertisement, ATIM, reserved */
	D11_K_EAPOL,		/* EAPOL other than EAP: key, start, logoff */
	D11_K_EAP,		/* EAPOL packet type 0 */
	D11_K_DATA,
	D11_K_CTRL,
	D11_K_EXT,		/* type 3 (extension, e.g. DMG beacon) */
};

/* The --frames "type" string for a kind: "assoc_req", ... "ctrl". */
const char	*d11_kind_name(enum d11_kind);

enum d11_error {
	D11_OK = 0,
	D11_E_RADIO_TRUNC,	/* radio header longer than the frame */
	D11_E_RADIO_BAD,	/* radio header malformed */
	D11_E_SHORT,		/* too short for an 802.11 header */
	D11_E_LINKTYPE,		/* unsupported link type */
	D11_E_BODY_TRUNC,	/* fixed fields cut short */
};

#define D11_FC_TYPE_MGMT	0
#define D11_FC_TYPE_CTRL	1
#define D11_FC_TYPE_DATA	2
#define D11_FC_TYPE_EXT		3

struct d11_frame {
	/* what was decoded */
	enum d11_kind	 kind;
	enum d11_error	 error;		/* D11_OK or why decoding stopped */
	struct d11_radio radio;
	bool		 bad_fcs;	/* radiotap said FCS failed: untrusted */

	/* the 802.11 frame, FCS removed when the radio header said so */
	const uint8_t	*mac;
	size_t		 mac_len;

	uint16_t	 fc;
	uint8_t		 type;		/* D11_FC_TYPE_* */
	uint8_t		 subtype;
	bool		 to_ds, from_ds, more_frag, retry, pwr_mgt, more_data;
	bool		 protected;	/* Protected Frame bit */
	bool		 order;		/* +HTC / Order bit */
	uint16_t	 duration;
	const uint8_t	*addr1, *addr2, *addr3, *addr4;	/* NULL absent */
	/* roles, by To/From DS: NULL when the frame does not carry them */
	const uint8_t	*ra, *ta, *sa, *da, *bssid;
	bool		 has_seq;
	uint16_t	 seq;		/* sequence number (12 bits) */
	uint8_t		 frag;
	bool		 has_qos;
	uint16_t	 qos;
	bool		 has_htc;
	uint32_t	 htc;

	/* the frame body (after header, before FCS) */
	const uint8_t	*body;
	size_t		 body_len;

	/* management fixed fields; has_* says which this subtype carries */
	bool		 has_capab, has_status, has_reason, has_aid,
			 has_auth, has_listen;
	uint16_t	 capab;
	uint16_t	 listen_interval;
	uint16_t	 status;
	uint16_t	 reason;
	uint16_t	 aid;		/* low 14 bits */
	uint16_t	 auth_alg;
	uint16_t	 auth_seq;
	const uint8_t	*current_ap;	/* reassociation request */
	uint64_t	 beacon_tsf;
	uint16_t	 beacon_int;
	const uint8_t	*sae_data;	/* SAE auth body after the fixed fields */
	size_t		 sae_len;

	/* elements of management frames and of action bodies */
	bool		 has_elems;
	struct d11_elems ie;

	/* action frames (kind ACTION or ACTION_NOACK) */
	struct d11_action act;

	/* data frames */
	bool		 is_null;	/* (QoS) Null: no payload */
	uint16_t	 ethertype;	/* from LLC/SNAP, 0 when none/protected */
	struct d11_eapol eapol;		/* kind EAPOL or EAP */
};

/*
 * Parse one captured record of link type dlt.  Always fills f (zeroing what
 * it does not set) and returns f->error: D11_OK when the 802.11 header was
 * decoded.  Body-level problems (short fixed fields, bad elements) still
 * return D11_OK with kind set and malformed counters raised, so that a
 * frame's header is never lost because its body lies.
 */
enum d11_error	 d11_parse(int dlt, const uint8_t *buf, size_t len,
		    struct d11_frame *f);

/* The pieces, for tests and for callers that already hold the 802.11 frame. */
enum d11_error	 d11_parse_radio(int dlt, const uint8_t *buf, size_t len,
		    struct d11_radio *r, size_t *hdr_len, bool *fcs_at_end,
		    bool *bad_fcs);
enum d11_error	 d11_parse_mac(const uint8_t *mac, size_t len,
		    struct d11_frame *f);

/* Action frame body from the Category field on; fills f->act and, for the
 * actions that carry elements (RM, WNM, FT), f->ie.  f->protected must be
 * set first: a protected robust action frame is marked unreadable. */
void		 d11_parse_action(const uint8_t *body, size_t len,
		    struct d11_frame *f);
/* EAPOL PDU (after LLC/SNAP 88-8E); sets e and returns D11_K_EAPOL or
 * D11_K_EAP (D11_K_DATA when it is not EAPOL at all). */
enum d11_kind	 d11_parse_eapol(const uint8_t *p, size_t len,
		    struct d11_eapol *e);

/* "aa:bb:cc:dd:ee:ff" into out (18 bytes). */
char		*d11_mac_str(const uint8_t *mac, char out[18]);
bool		 d11_is_group(const uint8_t *mac);

#endif /* DOT11_H */
