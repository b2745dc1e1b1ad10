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
#include <string.h>

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

/*
 * Zero n bytes at p, for the decoder's per-frame clearing.  In pieces of
 * 64 bytes: compilers inline those as a few vector stores, where one
 * memset of a few hundred bytes becomes a rep stos whose start-up costs
 * more than the stores (several such clears run for every frame).
 */
#define D11_ZERO_PIECE		64
static inline void
d11_zero(void *p, size_t n)
{
	uint8_t	*b = p;

	while (n >= D11_ZERO_PIECE) {
		memset(b, 0, D11_ZERO_PIECE);
		b += D11_ZERO_PIECE;
		n -= D11_ZERO_PIECE;
	}
	memset(b, 0, n);
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
 * Protocol numbers (IEEE 802.11-2020 and amendments, RFC 3748/6696).  Names
 * are the standard's; names.c keys its tables by these, and no code uses
 * the bare numbers.
 */

/* Authentication algorithm numbers (9.4.1.1). */
#define D11_AUTH_OPEN		0
#define D11_AUTH_SHARED_KEY	1
#define D11_AUTH_FT		2
#define D11_AUTH_SAE		3
#define D11_AUTH_FILS_SK	4
#define D11_AUTH_FILS_SK_PFS	5
#define D11_AUTH_FILS_PK	6
#define D11_AUTH_PASN		7
#define D11_AUTH_8021X		8	/* draft, as hostapd defines it */
#define D11_AUTH_EPPKE		9	/* draft */
#define D11_AUTH_LEAP		128	/* Cisco Network EAP, not IEEE */
#define D11_AUTH_VENDOR		65535

/* Authentication transaction sequence numbers of SAE (12.4.7). */
#define D11_SAE_COMMIT		1
#define D11_SAE_CONFIRM		2

/* FILS authentication algorithms (4, 5, 6). */
static inline bool
d11_auth_is_fils(unsigned alg)
{
	return alg == D11_AUTH_FILS_SK || alg == D11_AUTH_FILS_SK_PFS ||
	    alg == D11_AUTH_FILS_PK;
}

/* Status codes (Table 9-50). */
#define D11_ST_SUCCESS			0
#define D11_ST_REFUSED_REASON_UNSPECIFIED	1
#define D11_ST_TDLS_REJECTED_ALTERNATIVE_PROVIDED	2
#define D11_ST_TDLS_REJECTED		3
#define D11_ST_SECURITY_DISABLED	5
#define D11_ST_UNACCEPTABLE_LIFETIME	6
#define D11_ST_NOT_IN_SAME_BSS		7
#define D11_ST_REFUSED_CAPABILITIES_MISMATCH	10
#define D11_ST_DENIED_NO_ASSOCIATION_EXISTS	11
#define D11_ST_DENIED_OTHER_REASON	12
#define D11_ST_UNSUPPORTED_AUTH_ALGORITHM	13
#define D11_ST_TRANSACTION_SEQUENCE_ERROR	14
#define D11_ST_CHALLENGE_FAILURE	15
#define D11_ST_REJECTED_SEQUENCE_TIMEOUT	16
#define D11_ST_DENIED_NO_MORE_STAS	17
#define D11_ST_REFUSED_BASIC_RATES_MISMATCH	18
#define D11_ST_DENIED_NO_SHORT_PREAMBLE_SUPPORT	19
#define D11_ST_REJECTED_SPECTRUM_MANAGEMENT_REQUIRED	22
#define D11_ST_REJECTED_BAD_POWER_CAPABILITY	23
#define D11_ST_REJECTED_BAD_SUPPORTED_CHANNELS	24
#define D11_ST_DENIED_NO_SHORT_SLOT_TIME_SUPPORT	25
#define D11_ST_DENIED_NO_HT_SUPPORT	27
#define D11_ST_R0KH_UNREACHABLE		28
#define D11_ST_DENIED_PCO_TIME_NOT_SUPPORTED	29
#define D11_ST_REFUSED_TEMPORARILY	30
#define D11_ST_ROBUST_MANAGEMENT_POLICY_VIOLATION	31
#define D11_ST_UNSPECIFIED_QOS_FAILURE	32
#define D11_ST_DENIED_INSUFFICIENT_BANDWIDTH	33
#define D11_ST_DENIED_POOR_CHANNEL_CONDITIONS	34
#define D11_ST_DENIED_QOS_NOT_SUPPORTED	35
#define D11_ST_REQUEST_DECLINED		37
#define D11_ST_INVALID_PARAMETERS	38
#define D11_ST_REJECTED_WITH_SUGGESTED_CHANGES	39
#define D11_ST_INVALID_ELEMENT		40
#define D11_ST_INVALID_GROUP_CIPHER	41
#define D11_ST_INVALID_PAIRWISE_CIPHER	42
#define D11_ST_INVALID_AKMP		43
#define D11_ST_UNSUPPORTED_RSNE_VERSION	44
#define D11_ST_INVALID_RSNE_CAPABILITIES	45
#define D11_ST_CIPHER_OUT_OF_POLICY	46
#define D11_ST_REJECTED_FOR_DELAY_PERIOD	47
#define D11_ST_DLS_NOT_ALLOWED		48
#define D11_ST_NOT_PRESENT		49
#define D11_ST_NOT_QOS_STA		50
#define D11_ST_DENIED_LISTEN_INTERVAL_TOO_LARGE	51
#define D11_ST_INVALID_FT_ACTION_FRAME_COUNT	52
#define D11_ST_INVALID_PMKID		53
#define D11_ST_INVALID_MDE		54
#define D11_ST_INVALID_FTE		55
#define D11_ST_REQUESTED_TCLAS_NOT_SUPPORTED	56
#define D11_ST_INSUFFICIENT_TCLAS_PROCESSING_RESOURCES	57
#define D11_ST_TRY_ANOTHER_BSS		58
#define D11_ST_GAS_ADVERTISEMENT_PROTOCOL_NOT_SUPPORTED	59
#define D11_ST_NO_OUTSTANDING_GAS_REQUEST	60
#define D11_ST_GAS_RESPONSE_NOT_RECEIVED_FROM_SERVER	61
#define D11_ST_GAS_QUERY_TIMEOUT	62
#define D11_ST_GAS_QUERY_RESPONSE_TOO_LARGE	63
#define D11_ST_REJECTED_HOME_WITH_SUGGESTED_CHANGES	64
#define D11_ST_SERVER_UNREACHABLE	65
#define D11_ST_REJECTED_FOR_SSP_PERMISSIONS	67
#define D11_ST_REFUSED_UNAUTHENTICATED_ACCESS_NOT_SUPPORTED	68
#define D11_ST_INVALID_RSNE		72
#define D11_ST_U_APSD_COEXISTENCE_NOT_SUPPORTED	73
#define D11_ST_U_APSD_COEX_MODE_NOT_SUPPORTED	74
#define D11_ST_BAD_INTERVAL_WITH_U_APSD_COEX	75
#define D11_ST_ANTI_CLOGGING_TOKEN_REQUIRED	76
#define D11_ST_UNSUPPORTED_FINITE_CYCLIC_GROUP	77
#define D11_ST_CANNOT_FIND_ALTERNATIVE_TBTT	78
#define D11_ST_TRANSMISSION_FAILURE	79
#define D11_ST_REQUESTED_TCLAS_NOT_SUPPORTED_80	80
#define D11_ST_TCLAS_RESOURCES_EXHAUSTED	81
#define D11_ST_REJECTED_WITH_SUGGESTED_BSS_TRANSITION	82
#define D11_ST_REJECT_WITH_SCHEDULE	83
#define D11_ST_REJECT_NO_WAKEUP_SPECIFIED	84
#define D11_ST_SUCCESS_POWER_SAVE_MODE	85
#define D11_ST_PENDING_ADMITTING_FST_SESSION	86
#define D11_ST_PERFORMING_FST_NOW	87
#define D11_ST_PENDING_GAP_IN_BA_WINDOW	88
#define D11_ST_REJECT_U_PID_SETTING	89
#define D11_ST_REFUSED_EXTERNAL_REASON	92
#define D11_ST_REFUSED_AP_OUT_OF_MEMORY	93
#define D11_ST_REJECTED_EMERGENCY_SERVICES_NOT_SUPPORTED	94
#define D11_ST_QUERY_RESP_OUTSTANDING	95
#define D11_ST_REJECT_DSE_BAND		96
#define D11_ST_TCLAS_PROCESSING_TERMINATED	97
#define D11_ST_TS_SCHEDULE_CONFLICT	98
#define D11_ST_DENIED_WITH_SUGGESTED_BAND_AND_CHANNEL	99
#define D11_ST_MCCAOP_RESERVATION_CONFLICT	100
#define D11_ST_MAF_LIMIT_EXCEEDED	101
#define D11_ST_MCCA_TRACK_LIMIT_EXCEEDED	102
#define D11_ST_DENIED_DUE_TO_SPECTRUM_MANAGEMENT	103
#define D11_ST_DENIED_VHT_NOT_SUPPORTED	104
#define D11_ST_ENABLEMENT_DENIED	105
#define D11_ST_RESTRICTION_FROM_AUTHORIZED_GDB	106
#define D11_ST_AUTHORIZATION_DEENABLED	107
#define D11_ST_ENERGY_LIMITED_OPERATION_NOT_SUPPORTED	108
#define D11_ST_REJECTED_NDP_BLOCK_ACK_SUGGESTED	109
#define D11_ST_REJECTED_MAX_AWAY_DURATION_UNACCEPTABLE	110
#define D11_ST_FLOW_CONTROL_OPERATION_SUPPORTED	111
#define D11_ST_FILS_AUTHENTICATION_FAILURE	112
#define D11_ST_UNKNOWN_AUTHENTICATION_SERVER	113
#define D11_ST_DENIED_NOTIFICATION_PERIOD_ALLOCATION	116
#define D11_ST_DENIED_CHANNEL_SPLITTING	117
#define D11_ST_DENIED_ALLOCATION	118
#define D11_ST_CMMG_FEATURES_NOT_SUPPORTED	119
#define D11_ST_GAS_FRAGMENT_NOT_AVAILABLE	120
#define D11_ST_SUCCESS_CAG_VERSIONS_MATCH	121
#define D11_ST_GLK_NOT_AUTHORIZED	122
#define D11_ST_UNKNOWN_PASSWORD_IDENTIFIER	123
#define D11_ST_DENIED_HE_NOT_SUPPORTED	124
#define D11_ST_DENIED_LOCAL_MAC_ADDRESS_POLICY_VIOLATION	125
#define D11_ST_SAE_HASH_TO_ELEMENT	126
#define D11_ST_SAE_PK			127
#define D11_ST_TCLAS_PROCESSING_TERMINATED_INSUFFICIENT_QOS	128
#define D11_ST_TCLAS_PROCESSING_TERMINATED_POLICY_CONFLICT	129
#define D11_ST_EPCS_DENIED_UNAUTHORIZED	131
#define D11_ST_EPCS_DENIED		132
#define D11_ST_DENIED_TID_TO_LINK_MAPPING	133
#define D11_ST_PREFERRED_TID_TO_LINK_MAPPING_SUGGESTED	134
#define D11_ST_DENIED_EHT_NOT_SUPPORTED	135
#define D11_ST_INVALID_PUBLIC_KEY	136
#define D11_ST_PASN_BASE_AKMP_FAILED	137
#define D11_ST_OCI_MISMATCH		138
#define D11_ST_DENIED_TX_LINK_NOT_ACCEPTED	139
#define D11_ST_EPCS_DENIED_VERIFICATION_FAILURE	140
#define D11_ST_DENIED_OPERATION_PARAMETER_UPDATE	141
#define D11_ST_8021X_AUTH_FAILED	152
#define D11_ST_8021X_AUTH_SUCCESS	153

/* SAE authentication statuses that are steps, not refusals: send the
 * anti-clogging token back, or the commit uses hash-to-element / SAE-PK. */
static inline bool
d11_status_sae_step(unsigned alg, unsigned status)
{
	return alg == D11_AUTH_SAE &&
	    (status == D11_ST_ANTI_CLOGGING_TOKEN_REQUIRED ||
	    status == D11_ST_SAE_HASH_TO_ELEMENT || status == D11_ST_SAE_PK);
}

/* Reason codes (Table 9-49). */
#define D11_RS_UNSPECIFIED_REASON	1
#define D11_RS_INVALID_AUTHENTICATION	2
#define D11_RS_LEAVING_NETWORK_DEAUTH	3
#define D11_RS_INACTIVITY		4
#define D11_RS_NO_MORE_STAS		5
#define D11_RS_INVALID_CLASS2_FRAME	6
#define D11_RS_INVALID_CLASS3_FRAME	7
#define D11_RS_LEAVING_NETWORK_DISASSOC	8
#define D11_RS_NOT_AUTHENTICATED	9
#define D11_RS_UNACCEPTABLE_POWER_CAPABILITY	10
#define D11_RS_UNACCEPTABLE_SUPPORTED_CHANNELS	11
#define D11_RS_BSS_TRANSITION_DISASSOC	12
#define D11_RS_INVALID_ELEMENT		13
#define D11_RS_MIC_FAILURE		14
#define D11_RS_4WAY_HANDSHAKE_TIMEOUT	15
#define D11_RS_GK_HANDSHAKE_TIMEOUT	16
#define D11_RS_HANDSHAKE_ELEMENT_MISMATCH	17
#define D11_RS_INVALID_GROUP_CIPHER	18
#define D11_RS_INVALID_PAIRWISE_CIPHER	19
#define D11_RS_INVALID_AKMP		20
#define D11_RS_UNSUPPORTED_RSNE_VERSION	21
#define D11_RS_INVALID_RSNE_CAPABILITIES	22
#define D11_RS_8021X_AUTH_FAILED	23
#define D11_RS_CIPHER_OUT_OF_POLICY	24
#define D11_RS_TDLS_PEER_UNREACHABLE	25
#define D11_RS_TDLS_UNSPECIFIED_REASON	26
#define D11_RS_SSP_REQUESTED_DISASSOC	27
#define D11_RS_NO_SSP_ROAMING_AGREEMENT	28
#define D11_RS_BAD_CIPHER_OR_AKM	29
#define D11_RS_NOT_AUTHORIZED_THIS_LOCATION	30
#define D11_RS_SERVICE_CHANGE_PRECLUDES_TS	31
#define D11_RS_UNSPECIFIED_QOS_REASON	32
#define D11_RS_NOT_ENOUGH_BANDWIDTH	33
#define D11_RS_MISSING_ACKS		34
#define D11_RS_EXCEEDED_TXOP		35
#define D11_RS_STA_LEAVING		36
#define D11_RS_END_TS_END_BA_END_DLS	37
#define D11_RS_UNKNOWN_TS_UNKNOWN_BA	38
#define D11_RS_TIMEOUT			39
#define D11_RS_PEERKEY_MISMATCH		45
#define D11_RS_PEER_INITIATED		46
#define D11_RS_AP_INITIATED		47
#define D11_RS_INVALID_FT_ACTION_FRAME_COUNT	48
#define D11_RS_INVALID_PMKID		49
#define D11_RS_INVALID_MDE		50
#define D11_RS_INVALID_FTE		51
#define D11_RS_MESH_PEERING_CANCELED	52
#define D11_RS_MESH_MAX_PEERS		53
#define D11_RS_MESH_CONFIGURATION_POLICY_VIOLATION	54
#define D11_RS_MESH_CLOSE_RCVD		55
#define D11_RS_MESH_MAX_RETRIES		56
#define D11_RS_MESH_CONFIRM_TIMEOUT	57
#define D11_RS_MESH_INVALID_GTK		58
#define D11_RS_MESH_INCONSISTENT_PARAMETERS	59
#define D11_RS_MESH_INVALID_SECURITY_CAPABILITY	60
#define D11_RS_MESH_PATH_ERROR_NO_PROXY_INFORMATION	61
#define D11_RS_MESH_PATH_ERROR_NO_FORWARDING_INFORMATION	62
#define D11_RS_MESH_PATH_ERROR_DESTINATION_UNREACHABLE	63
#define D11_RS_MAC_ADDRESS_ALREADY_EXISTS_IN_MBSS	64
#define D11_RS_MESH_CHANNEL_SWITCH_REGULATORY_REQUIREMENTS	65
#define D11_RS_MESH_CHANNEL_SWITCH_UNSPECIFIED	66
#define D11_RS_TRANSMISSION_LINK_ESTABLISHMENT_FAILED	67
#define D11_RS_ALTERATIVE_CHANNEL_OCCUPIED	68
#define D11_RS_POOR_RSSI_CONDITIONS	71

/* Timeout Interval element types (Table 9-247). */
#define D11_TIE_REASSOC_DEADLINE	1
#define D11_TIE_KEY_LIFETIME		2
#define D11_TIE_ASSOC_COMEBACK		3
#define D11_TIE_PASN_COMEBACK		4

/* BSS Transition Management status codes (Table 9-428). */
#define D11_BTM_ACCEPT			0
#define D11_BTM_REJECT_UNSPECIFIED	1
#define D11_BTM_REJECT_INSUFF_BEACONS	2
#define D11_BTM_REJECT_INSUFF_CAPACITY	3
#define D11_BTM_REJECT_TERM_UNDESIRED	4
#define D11_BTM_REJECT_TERM_DELAY	5
#define D11_BTM_REJECT_CANDIDATE_LIST	6
#define D11_BTM_REJECT_NO_CANDIDATE	7
#define D11_BTM_REJECT_LEAVING_ESS	8

/* EAP codes (RFC 3748, RFC 6696). */
#define D11_EAP_REQUEST		1
#define D11_EAP_RESPONSE	2
#define D11_EAP_SUCCESS		3
#define D11_EAP_FAILURE		4
#define D11_EAP_INITIATE	5
#define D11_EAP_FINISH		6
#define D11_EAP_TYPE_IDENTITY	1

/* AKM suite types of OUI 00-0F-AC (Table 9-151); D11_SUITE(D11_OUI_IEEE, x). */
#define D11_AKM_8021X			1
#define D11_AKM_PSK			2
#define D11_AKM_FT_8021X		3
#define D11_AKM_FT_PSK			4
#define D11_AKM_8021X_SHA256		5
#define D11_AKM_PSK_SHA256		6
#define D11_AKM_TDLS			7
#define D11_AKM_SAE			8
#define D11_AKM_FT_SAE			9
#define D11_AKM_AP_PEERKEY		10
#define D11_AKM_8021X_SUITE_B		11
#define D11_AKM_8021X_SUITE_B_192	12
#define D11_AKM_FT_8021X_SHA384		13
#define D11_AKM_FILS_SHA256		14
#define D11_AKM_FILS_SHA384		15
#define D11_AKM_FT_FILS_SHA256		16
#define D11_AKM_FT_FILS_SHA384		17
#define D11_AKM_OWE			18
#define D11_AKM_FT_PSK_SHA384		19
#define D11_AKM_PSK_SHA384		20
#define D11_AKM_PASN			21
#define D11_AKM_FT_8021X_SHA384_UNRESTRICTED	22
#define D11_AKM_8021X_SHA384		23
#define D11_AKM_SAE_EXT_KEY		24
#define D11_AKM_FT_SAE_EXT_KEY		25
#define D11_AKM_EPPKE			29
/* WPA1 (00-50-F2) AKM types */
#define D11_WPA_AKM_8021X		1
#define D11_WPA_AKM_PSK			2
/* The suite selectors of these types, as an RSNE or WPA element lists them */
#define D11_AKM_SUITE(type)		D11_SUITE(D11_OUI_IEEE, (type))
#define D11_WPA_AKM_SUITE(type)		D11_SUITE(D11_OUI_MS, (type))

/* AKM classes (a suite selector, OUI << 8 | type), in names.c beside
 * d11_akm_is_ft(): 802.1X (EAP), PSK, SAE, FILS, OWE. */
bool	 d11_akm_is_8021x(uint32_t suite);
bool	 d11_akm_is_psk(uint32_t suite);
bool	 d11_akm_is_sae(uint32_t suite);
bool	 d11_akm_is_fils(uint32_t suite);
bool	 d11_akm_is_owe(uint32_t suite);

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
#define D11_EXT_FILS_KEY_CONFIRM	3
#define D11_EXT_FILS_SESSION	4
#define D11_EXT_FILS_WRAPPED	8
#define D11_EXT_FILS_NONCE	13
#define D11_EXT_HE_CAP		35
#define D11_EXT_EHT_CAP		108

/* ------------------------------------------------------------------------
 * The TLV walker: elements, subelements and KDEs, in the manner of hostapd's
 * for_each_element.  Each TLV is a one-octet ID, a one-octet length and that
 * many octets.  The bounds are checked here, once: d11_tlv_next() yields a
 * TLV only when all of it lies inside the buffer, and stops at the first one
 * that does not (or at a lone trailing octet).  After the walk,
 * d11_tlv_left() is 0 when the buffer was consumed exactly; otherwise the
 * caller counts the element malformed (nothing after it can be found) and
 * d11_tlv_stop() says where the walk stopped.
 *
 *	struct d11_tlv_iter	 it;
 *	struct d11_tlv		 t;
 *
 *	D11_FOR_EACH_ELEM(it, t, buf, len)
 *		switch (t.id) ...
 *	if (d11_tlv_left(&it) != 0)
 *		malformed++;
 */
struct d11_tlv {
	const uint8_t	*hdr;		/* the ID octet, in the buffer */
	uint8_t		 id;
	uint8_t		 ext;		/* Element ID Extension, 0 without */
	bool		 has_ext;	/* id 255 with its extension ID */
	const uint8_t	*body;		/* after the length (and extension) */
	size_t		 len;		/* octets at body */
};

struct d11_tlv_iter {
	const uint8_t	*p;		/* next TLV */
	const uint8_t	*end;
	bool		 elems;		/* elements: read the extension ID */
};

static inline void
d11_tlv_init(struct d11_tlv_iter *it, const uint8_t *buf, size_t len,
    bool elems)
{
	it->p = buf;
	it->end = buf + len;
	it->elems = elems;
}

static inline bool
d11_tlv_next(struct d11_tlv_iter *it, struct d11_tlv *t)
{
	const uint8_t	*p = it->p;
	size_t		 left = (size_t)(it->end - p);

	if (left < 2 || p[1] > left - 2)
		return (false);
	t->hdr = p;
	t->id = p[0];
	t->body = p + 2;
	t->len = p[1];
	t->ext = 0;
	t->has_ext = false;
	if (it->elems && t->id == D11_EID_EXTENSION && t->len >= 1) {
		t->ext = t->body[0];
		t->has_ext = true;
		t->body++;
		t->len--;
	}
	it->p = p + 2 + p[1];
	return (true);
}

/* Octets not walked: 0 when the TLVs filled the buffer exactly. */
static inline size_t
d11_tlv_left(const struct d11_tlv_iter *it)
{
	return ((size_t)(it->end - it->p));
}

/* Where the walk stopped: the TLV that overran, or the end. */
static inline const uint8_t *
d11_tlv_stop(const struct d11_tlv_iter *it)
{
	return (it->p);
}

#define D11_FOR_EACH_ELEM(it, t, buf, len)				\
	for (d11_tlv_init(&(it), (buf), (len), true);			\
	    d11_tlv_next(&(it), &(t)); )
#define D11_FOR_EACH_SUB(it, t, buf, len)				\
	for (d11_tlv_init(&(it), (buf), (len), false);			\
	    d11_tlv_next(&(it), &(t)); )

/* RSN capabilities bits */
#define D11_RSN_CAP_MFPR	0x0040
#define D11_RSN_CAP_MFPC	0x0080

#define D11_RSN_MAX_LIST	8	/* suites/PMKIDs kept; the count is exact */

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

/* ------------------------------------------------------------------------
 * Wi-Fi 7 elements (mlo.c), IEEE 802.11be-2024 clause 9.4.2: the
 * Multi-Link element, EHT Capabilities and Operation, and the Reduced
 * Neighbor Report's TBTT Information with its MLD Parameters.
 */
#define D11_EID_RNR		201
#define D11_EID_FRAGMENT	242	/* continues the element before it */
#define D11_EXT_HE_OP		36
#define D11_EXT_NON_INHERIT	56
#define D11_EXT_EHT_OP		106
#define D11_EXT_ML		107

/* Multi-Link Control: the Type subfield and, per type, the presence bits. */
#define D11_ML_TYPE_MASK	0x0007
#define D11_ML_BASIC		0
#define D11_ML_PREQ		1	/* Probe Request */
#define D11_ML_RECONF		2	/* Reconfiguration */
#define D11_ML_TDLS		3
#define D11_ML_PRIO		4	/* Priority Access (EPCS) */
#define D11_ML_BASIC_LINK_ID	0x0010	/* Link ID Info */
#define D11_ML_BASIC_BPCC	0x0020	/* BSS Parameters Change Count */
#define D11_ML_BASIC_MSD	0x0040	/* Medium Synchronization Delay */
#define D11_ML_BASIC_EML	0x0080	/* EML Capabilities */
#define D11_ML_BASIC_MLD_CAPA	0x0100	/* MLD Capabilities and Operations */
#define D11_ML_BASIC_MLD_ID	0x0200	/* AP MLD ID */
#define D11_ML_BASIC_EXT_CAPA	0x0400	/* Extended MLD Capabilities */
#define D11_ML_PREQ_MLD_ID	0x0010	/* AP MLD ID */
#define D11_ML_RECONF_MLD_ADDR	0x0010	/* MLD MAC Address */
#define D11_ML_RECONF_EML	0x0020
#define D11_ML_RECONF_MLD_CAPA	0x0040
#define D11_ML_RECONF_EXT_CAPA	0x0080
#define D11_ML_PRIO_MLD_ADDR	0x0010	/* AP MLD MAC Address */
#define D11_ML_LINK_ID_MASK	0x0f	/* in Link ID Info */

/* Link Info subelements. */
#define D11_ML_SUB_PROFILE	0	/* Per-STA Profile */
#define D11_ML_SUB_VENDOR	221
#define D11_ML_SUB_FRAGMENT	254	/* continues the subelement before */

/* STA Control of a Basic per-STA profile. */
#define D11_ML_STA_LINK_ID	0x000f
#define D11_ML_STA_COMPLETE	0x0010	/* Complete Profile */
#define D11_ML_STA_MAC		0x0020	/* STA MAC Address Present */
#define D11_ML_STA_BI		0x0040	/* Beacon Interval Present */
#define D11_ML_STA_TSF		0x0080	/* TSF Offset Present */
#define D11_ML_STA_DTIM		0x0100	/* DTIM Info Present */
#define D11_ML_STA_NSTR		0x0200	/* NSTR Link Pair Present */
#define D11_ML_STA_NSTR_WIDE	0x0400	/* NSTR Bitmap Size: 2 octets */
#define D11_ML_STA_BPCC		0x0800	/* BSS Parameters Change Count */
/* STA Control of a Reconfiguration per-STA profile. */
#define D11_ML_RSTA_TIMER	0x0040	/* AP Removal Timer Present */
#define D11_ML_RSTA_OP_MASK	0x0780	/* Reconfiguration Operation Type */
#define D11_ML_RSTA_OP_SHIFT	7
#define D11_ML_RSTA_OP_PARAMS	0x0800	/* Operation Parameters Present */
#define D11_ML_RSTA_NSTR_WIDE	0x1000	/* NSTR Bitmap Size: 2 octets */
#define D11_ML_RSTA_NSTR	0x2000	/* NSTR Indication Bitmap Present */
#define D11_ML_RSTA_OP_PARAMS_LEN 3
/* Reconfiguration Operation Type values. */
#define D11_RECONF_AP_REMOVAL	0
#define D11_RECONF_OP_UPDATE	1
#define D11_RECONF_ADD_LINK	2
#define D11_RECONF_DELETE_LINK	3
#define D11_RECONF_NSTR_UPDATE	4

/* MLD Capabilities and Operations / EML Capabilities subfields. */
#define D11_MLD_CAPA_MAX_LINKS	0x000f	/* Maximum Number Of Simultaneous
					   Links, minus one */
#define D11_EML_EMLSR		0x0001	/* EMLSR Support */
#define D11_EML_EMLMR		0x0080	/* EMLMR Support */

#define D11_ML_MAX_STA		4	/* per-STA profiles kept; count exact */
#define D11_ML_MAX_IDS		16	/* Element IDs kept per list */
#define D11_ML_MAX_EXT		12	/* extension IDs kept per list */
#define D11_ML_MAX_NONINH	8	/* Non-Inheritance IDs kept per list */

/*
 * A list of elements as the Non-Inheritance element writes one: Element
 * IDs, and the Element ID Extensions of the elements 255.  The counts are
 * exact; the lists keep the first ones.
 */
struct d11_idlist {
	uint8_t		 n_ids, n_ext;
	uint8_t		 ids[D11_ML_MAX_IDS];
	uint8_t		 ext[D11_ML_MAX_EXT];
};

/*
 * SAE Authentication frames carry their elements (the Multi-Link element
 * among them) after the SAE fields: an H2E commit after the group, scalar
 * and element of its ECC group; a confirm after the send-confirm and the
 * confirm, as long as the group's hash.
 */
#define D11_SAE_GROUP_P256	19	/* IANA group numbers (ECC) */
#define D11_SAE_GROUP_P384	20
#define D11_SAE_GROUP_P521	21
#define D11_SAE_GROUP_P192	25
#define D11_SAE_GROUP_P224	26
#define D11_SAE_GROUP_BP256	28
#define D11_SAE_GROUP_BP384	29
#define D11_SAE_GROUP_BP512	30

/* Per-STA profile fixed fields before its elements, by the frame. */
enum d11_prof {
	D11_PROF_ELEMS = 0,	/* none: elements only */
	D11_PROF_CAPAB,		/* Capability Information: (re)association
				   request, beacon, probe response */
	D11_PROF_CAPAB_STATUS,	/* Capability, Status Code: (re)association
				   response */
};

/*
 * One per-STA profile: what the STA Control, the STA Info, the fixed fields
 * and the inner elements say.  Values only (a fragmented profile is joined
 * on the stack and forgotten); off/len locate it in the element's joined
 * content for d11_ml_sta_at().
 */
struct d11_ml_sta {
	uint16_t	 ctrl;		/* STA Control */
	uint8_t		 link_id;
	uint8_t		 info_len;	/* STA Info Length (counts itself) */
	uint8_t		 mac[6];	/* STA MAC Address, when has_mac */
	uint16_t	 beacon_int;	/* TUs */
	uint64_t	 tsf_offset;
	uint8_t		 dtim_count;
	uint8_t		 dtim_period;
	uint16_t	 nstr_bitmap;	/* NSTR Indication Bitmap */
	uint8_t		 bpcc;		/* BSS Parameters Change Count */
	uint8_t		 reconf_op;	/* Reconfiguration Operation Type */
	uint16_t	 removal_timer;	/* AP Removal Timer, TBTTs */
	uint8_t		 op_params[D11_ML_RSTA_OP_PARAMS_LEN];
	uint16_t	 capab;		/* Capability Information */
	uint16_t	 status;	/* Status Code (responses) */
	int16_t		 channel;	/* primary channel from its own DS
					   Parameter Set, HT or HE 6 GHz
					   Operation; -1 absent */
	uint32_t	 akm;		/* first AKM of its own RSNE, 0 none */
	unsigned	 complete:1, has_mac:1, has_bi:1, has_tsf:1,
			 has_dtim:1, has_nstr:1, has_bpcc:1, has_timer:1,
			 has_op_params:1, has_capab:1, has_status:1,
			 has_rsn:1, has_noninh:1, malformed:1;
	uint8_t		 n_frags;	/* Fragment subelements joined */
	uint16_t	 off;		/* subelement header, in the content */
	uint16_t	 len;		/* joined subelement body length */
	struct d11_idlist elems;	/* its own elements */
	struct d11_idlist inherited;	/* the reporting frame's it takes */
	uint8_t		 n_noninh_ids, n_noninh_ext;	/* Non-Inheritance */
	uint8_t		 noninh_ids[D11_ML_MAX_NONINH];
	uint8_t		 noninh_ext[D11_ML_MAX_NONINH];
};

/*
 * A Multi-Link element.  hdr points at its Element ID in the frame; the
 * element and the Fragment elements after it (n_frags) span span octets
 * there, and their joined content (after the Element ID Extension) is len
 * octets, read through d11_ml_at().
 */
struct d11_ml {
	const uint8_t	*hdr;
	uint16_t	 span;
	uint16_t	 len;
	uint8_t		 n_frags;
	uint16_t	 ctrl;		/* Multi-Link Control */
	uint8_t		 type;		/* D11_ML_BASIC ... */
	uint8_t		 common_len;	/* Common Info Length (counts itself) */
	uint8_t		 mld_addr[6];
	uint8_t		 link_id_info;	/* Link ID Info (low 4 bits: link ID) */
	uint8_t		 bpcc;
	uint16_t	 msd;		/* Medium Synchronization Delay Info */
	uint16_t	 eml_capa;
	uint16_t	 mld_capa;	/* MLD Capabilities and Operations */
	uint8_t		 ap_mld_id;
	uint16_t	 ext_mld_capa;
	unsigned	 has_mld_addr:1, has_link_id:1, has_bpcc:1, has_msd:1,
			 has_eml:1, has_mld_capa:1, has_mld_id:1,
			 has_ext_capa:1, cut:1, malformed:1;
	uint8_t		 n_sta;		/* per-STA profiles, exact */
	uint8_t		 first_sta;	/* its first in elems->ml_sta */
	uint8_t		 n_sub_other;	/* vendor and unknown subelements */
};

/* EHT Capabilities element (after the Element ID Extension). */
struct d11_eht_cap {
	uint16_t	 mac_capa;
	const uint8_t	*phy_capa;	/* 9 octets */
	const uint8_t	*mcs_nss;	/* Supported EHT-MCS And NSS Set */
	uint8_t		 mcs_nss_len;	/* 4 (20 MHz-only), 3, 6 or 9 */
	bool		 ppe;		/* EHT PPE Thresholds present */
};
#define D11_EHT_PHY0_320MHZ	0x02	/* 320 MHz in 6 GHz (octet 0) */
#define D11_EHT_PHY5_PPE	0x08	/* PPE Thresholds Present (octet 5) */
#define D11_EHT_MCS_20ONLY	4
#define D11_EHT_MCS_PER_BW	3

/* EHT Operation element. */
struct d11_eht_op {
	uint8_t		 params;	/* EHT Operation Parameters */
	uint32_t	 basic_mcs_nss;	/* Basic EHT-MCS And NSS Set */
	bool		 has_info;	/* EHT Operation Information */
	uint8_t		 width;		/* Channel Width subfield */
	uint8_t		 ccfs0, ccfs1;
	bool		 has_disabled;
	uint16_t	 disabled;	/* Disabled Subchannel Bitmap */
};
#define D11_EHT_OP_INFO		0x01	/* EHT Operation Information Present */
#define D11_EHT_OP_DISABLED	0x02	/* Disabled Subchannel Bitmap Present */
#define D11_EHT_OP_WIDTH_MASK	0x07
#define D11_EHT_WIDTH_20	0
#define D11_EHT_WIDTH_40	1
#define D11_EHT_WIDTH_80	2
#define D11_EHT_WIDTH_160	3
#define D11_EHT_WIDTH_320	4

/* One TBTT Information field of a Reduced Neighbor Report. */
struct d11_rnr {
	const uint8_t	*tbtt;		/* the field, in the frame */
	uint8_t		 op_class;
	uint8_t		 channel;
	uint8_t		 info_type;	/* TBTT Information Field Type */
	uint8_t		 info_len;	/* TBTT Information Length */
	uint8_t		 tbtt_offset;	/* TUs; 255 unknown */
	/* the BSSID, when has_bssid, is at tbtt + 1 */
	uint32_t	 short_ssid;
	uint8_t		 bss_params;
	int8_t		 psd;		/* 20 MHz PSD, 0.5 dBm/MHz units */
	uint8_t		 mld_id;	/* MLD Parameters */
	uint8_t		 link_id;
	uint8_t		 bpcc;
	unsigned	 filtered:1, has_bssid:1, has_short_ssid:1,
			 has_bss_params:1, has_psd:1, has_mld:1,
			 all_updates:1, disabled:1, unknown_len:1;
};
#define D11_RNR_HDR_TYPE	0x03	/* TBTT Information Header */
#define D11_RNR_HDR_FILTERED	0x04
#define D11_RNR_HDR_COUNT_SHIFT	4
#define D11_RNR_BSS_SAME_SSID	0x02	/* BSS Parameters */
#define D11_RNR_BSS_MULTI_BSSID	0x04
#define D11_RNR_BSS_TX_BSSID	0x08
#define D11_RNR_BSS_COLOCATED	0x40
#define D11_RNR_MLD2_ALL_UPDATES 0x10	/* MLD Parameters, third octet */
#define D11_RNR_MLD2_DISABLED	0x20
#define D11_MAX_RNR		8	/* TBTT fields kept; count is exact */
#define D11_MLD_ID_NONE		255	/* MLD ID of a BSS of no known MLD */

/*
 * Parts of the element walk (elems.c calls them): a Multi-Link element t
 * of the walk over the frame's elements (outer, olen), whose per-STA
 * profiles have the fixed fields prof says; a Reduced Neighbor Report body.
 * Both fill e and count what is malformed in it.
 */
struct d11_elems;
void	 d11_parse_ml(const struct d11_tlv *t, const uint8_t *outer,
	    size_t olen, enum d11_prof prof, struct d11_elems *e);
void	 d11_parse_rnr(const uint8_t *body, size_t len, struct d11_elems *e);
/* Single-element decoders (body after the Element ID Extension); 0 or -1.
 * he_phy0 is octet 0 of the frame's HE PHY Capabilities (0 without). */
int	 d11_parse_eht_cap(const uint8_t *body, size_t len, uint8_t he_phy0,
	    struct d11_eht_cap *);
int	 d11_parse_eht_op(const uint8_t *body, size_t len, struct d11_eht_op *);
/*
 * Reading the results.  d11_ml_profile(): the i-th per-STA profile of ml
 * that was kept (NULL past them; ml->n_sta is the exact count).
 * d11_ml_at(): the frame's bytes for n octets at off in ml's joined content
 * (NULL when they straddle fragments or lie outside); d11_ml_sta_at(): the
 * same for an offset in a per-STA profile's joined body.
 */
const struct d11_ml_sta *d11_ml_profile(const struct d11_elems *,
	    const struct d11_ml *ml, unsigned i);
const uint8_t	*d11_ml_at(const struct d11_ml *ml, size_t off, size_t n);
const uint8_t	*d11_ml_sta_at(const struct d11_ml *ml,
	    const struct d11_ml_sta *s, size_t off, size_t n);

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

	/*
	 * Wi-Fi 7, not cleared for every frame: each is valid only when its
	 * has_* bit below is set (the arrays up to their counts).
	 */
	struct d11_ml	 ml;		/* first Multi-Link but Reconf */
	struct d11_ml	 ml_reconf;	/* Reconfiguration Multi-Link element */
	struct d11_ml_sta ml_sta[D11_ML_MAX_STA]; /* both elements' profiles */
	struct d11_eht_cap eht_cap;
	struct d11_eht_op eht_op;
	struct d11_rnr	 rnr[D11_MAX_RNR];

	const uint8_t	*rm_enabled;	/* RM Enabled Capabilities body (5) */
	uint8_t		 rm_enabled_len;
	const uint8_t	*ext_capab;	/* Extended Capabilities body */
	uint8_t		 ext_capab_len;

	unsigned	 has_ht:1, has_vht:1, has_he:1, has_eht:1, has_wmm:1,
			 has_supp_rates:1;
	unsigned	 has_ml:1, has_ml_reconf:1, has_eht_op:1, has_rnr:1;
	uint8_t		 n_ml_sta;	/* ml_sta[] entries in use */
	uint8_t		 n_rnr;		/* TBTT Information fields, exact */
	uint8_t		 he_phy0;	/* HE PHY Capabilities octet 0 */
	const uint8_t	*eht_cap_ie;	/* EHT Capabilities body after the
					   extension ID; eht_cap when has_eht */
	uint8_t		 eht_cap_ie_len;

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
/* The same for the elements of a frame whose per-STA profiles (in its
 * Multi-Link elements) start with the fixed fields prof names. */
void	 d11_parse_elems_prof(const uint8_t *buf, size_t len,
	    uint32_t akm_hint, enum d11_prof prof, struct d11_elems *out);
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
#define D11_BTM_LINK_REMOVAL	0x20	/* Link Removal Imminent (802.11be) */

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
 * DHCP in a plain data frame: LLC/SNAP 08-00, IPv4, UDP 67/68, BOOTP
 * (RFC 2131), the message type option (RFC 2132).
 */
#define D11_LLC_SNAP_LEN	8
#define D11_ETH_P_IPV4		0x0800
#define D11_IPV4_MIN_HDR	20
#define D11_IP_PROTO_UDP	17
#define D11_UDP_HDR		8
#define D11_DHCP_SERVER_PORT	67
#define D11_DHCP_CLIENT_PORT	68
#define D11_BOOTP_FIXED		236	/* op .. file */
#define D11_BOOTP_CHADDR	28
#define D11_BOOTP_HTYPE_ETHER	1
#define D11_DHCP_COOKIE		0x63825363
#define D11_DHCP_OPT_PAD	0
#define D11_DHCP_OPT_MSG_TYPE	53
#define D11_DHCP_OPT_END	255
#define D11_DHCP_DISCOVER	1
#define D11_DHCP_OFFER		2
#define D11_DHCP_REQUEST	3
#define D11_DHCP_DECLINE	4
#define D11_DHCP_ACK		5
#define D11_DHCP_NAK		6
#define D11_DHCP_RELEASE	7
#define D11_DHCP_INFORM		8

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

/* KDEs in clear key data (00-0F-AC types) for MLO. */
#define D11_KDE_MAC_ADDR	3	/* MAC Address KDE */
#define D11_KDE_MLO_LINK	19	/* MLO Link KDE */
#define D11_KDE_LINK_ID_MASK	0x0f	/* MLO Link KDE Link Information */
#define D11_KDE_LINK_RSNE	0x10	/* ... an RSNE follows */
#define D11_KDE_LINK_RSNXE	0x20	/* ... an RSNXE follows */
#define D11_EAPOL_MAX_LINKS	4	/* MLO Link KDEs kept */

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
	const uint8_t	*mac_kde;	/* MAC Address KDE (an MLD's), 6 */
	uint8_t		 n_mlo_links;	/* MLO Link KDEs, exact */
	struct {
		uint8_t		 info;	/* Link Information */
		const uint8_t	*addr;	/* the link's MAC address */
	} mlo_link[D11_EAPOL_MAX_LINKS];

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
	/* an FCS follows the frame (mac + mac_len): d11_fcs_ok() checks it */
	bool		 fcs_at_end;

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
	/* FILS (re)association: the FILS Session element's 8 octets, and the
	 * AES-SIV ciphertext that follows it (not elements, 12.11.2.6) */
	const uint8_t	*fils_session;
	const uint8_t	*fils_sealed;
	size_t		 fils_sealed_len;

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

/*
 * Whether the FCS after a frame d11_parse() decoded is its CRC-32 (the
 * FCS field, IEEE 802.11-2020 9.2.4.8); true when the capture carries none
 * (or the radio padded the frame, which the FCS does not cover).  Not done
 * for every frame: the caller asks when a frame's contents would change
 * what it keeps.
 */
bool		 d11_fcs_ok(const struct d11_frame *f);

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
/* The DHCP message type (D11_DHCP_*) of a parsed, unprotected data frame:
 * IPv4, UDP between ports 67 and 68, BOOTP with the magic cookie, option
 * 53; 0 when it is not DHCP.  chaddr (may be NULL) gets the client's MAC
 * address from BOOTP (a server's broadcast answer names it only there),
 * NULL when it is not an Ethernet one. */
int	 d11_dhcp_type(const struct d11_frame *, const uint8_t **chaddr);

/* EAPOL PDU (after LLC/SNAP 88-8E); sets e and returns D11_K_EAPOL or
 * D11_K_EAP (D11_K_DATA when it is not EAPOL at all). */
enum d11_kind	 d11_parse_eapol(const uint8_t *p, size_t len,
		    struct d11_eapol *e);

/* "aa:bb:cc:dd:ee:ff" into out (18 bytes). */
char		*d11_mac_str(const uint8_t *mac, char out[18]);
bool		 d11_is_group(const uint8_t *mac);

#endif /* DOT11_H */
