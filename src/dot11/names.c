/*
 * names.c -- every name table roamscope prints: status and reason codes,
 * BTM status and reasons, action categories and action codes, auth
 * algorithms, AKM and cipher suites, element IDs, EAP codes and types,
 * frame subtypes and PHY types.
 *
 * Facts were taken from IEEE Std 802.11-2020 as carried by Wireshark's
 * epan/dissectors/packet-ieee80211.c and hostapd's
 * src/common/ieee802_11_defs.h and wpa_common.h, with the 802.11ax/be and
 * REVme additions found there.  Descriptions are our own wording.
 *
 * All lookups are O(1): sparse arrays with designated initializers, or a
 * switch for the few 32-bit suite selectors.  Nothing returns NULL.
 */

#include <stddef.h>
#include <stdint.h>

#include "dot11.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static const char	 RESERVED[] = "Reserved";
static const char	 UNKNOWN[] = "Unknown";

static const char *
pick(const char *const *tab, size_t n, unsigned int i, const char *dflt)
{
	if (i < n && tab[i] != NULL)
		return tab[i];
	return dflt;
}

/* ---- Status codes (802.11-2020 Table 9-50, plus ax/be/REVme) ----------- */

struct code_name {
	const char	*name;
	const char	*desc;
};

/*
 * Names are the standard's.  Two deliberate choices:
 * - 52..55 are written here without the STATUS_ prefix the table uses
 *   (INVALID_PMKID, not STATUS_INVALID_PMKID), as the rest of roamscope
 *   refers to them; 40..43 and 46 keep it.
 * - 29 and 48 were dropped to "Reserved" in 802.11-2020 but old APs still
 *   send them, so their 802.11-2016 names are kept.
 */
static const struct code_name status_tab[] = {
	[D11_ST_SUCCESS] = { "SUCCESS", "Success" },
	[D11_ST_REFUSED_REASON_UNSPECIFIED] = { "REFUSED_REASON_UNSPECIFIED",
	    "Refused, reason unspecified" },
	[D11_ST_TDLS_REJECTED_ALTERNATIVE_PROVIDED] =
	    { "TDLS_REJECTED_ALTERNATIVE_PROVIDED",
	    "TDLS wakeup schedule rejected; an alternative is offered" },
	[D11_ST_TDLS_REJECTED] = { "TDLS_REJECTED",
	    "TDLS wakeup schedule rejected" },
	[D11_ST_SECURITY_DISABLED] = { "SECURITY_DISABLED",
	    "Security disabled" },
	[D11_ST_UNACCEPTABLE_LIFETIME] = { "UNACCEPTABLE_LIFETIME",
	    "Unacceptable key lifetime" },
	[D11_ST_NOT_IN_SAME_BSS] = { "NOT_IN_SAME_BSS",
	    "Peer is not in the same BSS" },
	[D11_ST_REFUSED_CAPABILITIES_MISMATCH] =
	    { "REFUSED_CAPABILITIES_MISMATCH",
	    "Requested Capability Information bits not supported" },
	[D11_ST_DENIED_NO_ASSOCIATION_EXISTS] =
	    { "DENIED_NO_ASSOCIATION_EXISTS",
	    "Reassociation denied: AP cannot confirm an existing association" },
	[D11_ST_DENIED_OTHER_REASON] = { "DENIED_OTHER_REASON",
	    "Association denied for a reason outside the standard" },
	[D11_ST_UNSUPPORTED_AUTH_ALGORITHM] = { "UNSUPPORTED_AUTH_ALGORITHM",
	    "Authentication algorithm not supported by the responder" },
	[D11_ST_TRANSACTION_SEQUENCE_ERROR] = { "TRANSACTION_SEQUENCE_ERROR",
	    "Authentication transaction sequence number out of order" },
	[D11_ST_CHALLENGE_FAILURE] = { "CHALLENGE_FAILURE",
	    "Authentication rejected: shared-key challenge failed" },
	[D11_ST_REJECTED_SEQUENCE_TIMEOUT] = { "REJECTED_SEQUENCE_TIMEOUT",
	    "Authentication rejected: timed out waiting for the next frame" },
	[D11_ST_DENIED_NO_MORE_STAS] = { "DENIED_NO_MORE_STAS",
	    "Association denied: AP cannot accept more stations (AP full)" },
	[D11_ST_REFUSED_BASIC_RATES_MISMATCH] =
	    { "REFUSED_BASIC_RATES_MISMATCH",
	    "Association denied: STA lacks a basic rate or MCS of the BSS" },
	[D11_ST_DENIED_NO_SHORT_PREAMBLE_SUPPORT] =
	    { "DENIED_NO_SHORT_PREAMBLE_SUPPORT",
	    "Association denied: short preamble not supported" },
	[20] = { RESERVED,
	    "Reserved (before 802.11-2012: PBCC not supported)" },
	[21] = { RESERVED,
	    "Reserved (before 802.11-2012: channel agility not supported)" },
	[D11_ST_REJECTED_SPECTRUM_MANAGEMENT_REQUIRED] =
	    { "REJECTED_SPECTRUM_MANAGEMENT_REQUIRED",
	    "Association rejected: spectrum management capability required" },
	[D11_ST_REJECTED_BAD_POWER_CAPABILITY] =
	    { "REJECTED_BAD_POWER_CAPABILITY",
	    "Association rejected: Power Capability element unacceptable" },
	[D11_ST_REJECTED_BAD_SUPPORTED_CHANNELS] =
	    { "REJECTED_BAD_SUPPORTED_CHANNELS",
	    "Association rejected: Supported Channels element unacceptable" },
	[D11_ST_DENIED_NO_SHORT_SLOT_TIME_SUPPORT] =
	    { "DENIED_NO_SHORT_SLOT_TIME_SUPPORT",
	    "Association denied: short slot time not supported" },
	[26] = { RESERVED,
	    "Reserved (before 802.11-2012: DSSS-OFDM not supported)" },
	[D11_ST_DENIED_NO_HT_SUPPORT] = { "DENIED_NO_HT_SUPPORT",
	    "Association denied: STA does not support HT" },
	[D11_ST_R0KH_UNREACHABLE] = { "R0KH_UNREACHABLE",
	    "FT: R0KH unreachable, the target AP cannot obtain a PMK-R1" },
	[D11_ST_DENIED_PCO_TIME_NOT_SUPPORTED] =
	    { "DENIED_PCO_TIME_NOT_SUPPORTED",
	    "Association denied: PCO transition time not supported "
	    "(reserved since 802.11-2020)" },
	[D11_ST_REFUSED_TEMPORARILY] = { "REFUSED_TEMPORARILY",
	    "Refused temporarily: retry after the association comeback time "
	    "(PMF SA Query running)" },
	[D11_ST_ROBUST_MANAGEMENT_POLICY_VIOLATION] =
	    { "ROBUST_MANAGEMENT_POLICY_VIOLATION",
	    "Robust management frame (PMF) policy violation" },
	[D11_ST_UNSPECIFIED_QOS_FAILURE] = { "UNSPECIFIED_QOS_FAILURE",
	    "Unspecified QoS-related failure" },
	[D11_ST_DENIED_INSUFFICIENT_BANDWIDTH] =
	    { "DENIED_INSUFFICIENT_BANDWIDTH",
	    "Denied: AP lacks bandwidth for another QoS STA" },
	[D11_ST_DENIED_POOR_CHANNEL_CONDITIONS] =
	    { "DENIED_POOR_CHANNEL_CONDITIONS",
	    "Denied: excessive frame loss or poor channel conditions" },
	[D11_ST_DENIED_QOS_NOT_SUPPORTED] = { "DENIED_QOS_NOT_SUPPORTED",
	    "Denied: STA does not support QoS in a QoS BSS" },
	[D11_ST_REQUEST_DECLINED] = { "REQUEST_DECLINED", "Request declined" },
	[D11_ST_INVALID_PARAMETERS] = { "INVALID_PARAMETERS",
	    "Request has invalid parameters" },
	[D11_ST_REJECTED_WITH_SUGGESTED_CHANGES] =
	    { "REJECTED_WITH_SUGGESTED_CHANGES",
	    "TS or allocation not created; a changed TSPEC is suggested" },
	[D11_ST_INVALID_ELEMENT] = { "STATUS_INVALID_ELEMENT",
	    "Invalid element (contents break its definition)" },
	[D11_ST_INVALID_GROUP_CIPHER] = { "STATUS_INVALID_GROUP_CIPHER",
	    "Invalid group cipher" },
	[D11_ST_INVALID_PAIRWISE_CIPHER] = { "STATUS_INVALID_PAIRWISE_CIPHER",
	    "Invalid pairwise cipher" },
	[D11_ST_INVALID_AKMP] = { "STATUS_INVALID_AKMP", "Invalid AKM suite" },
	[D11_ST_UNSUPPORTED_RSNE_VERSION] = { "UNSUPPORTED_RSNE_VERSION",
	    "Unsupported RSNE version" },
	[D11_ST_INVALID_RSNE_CAPABILITIES] = { "INVALID_RSNE_CAPABILITIES",
	    "Invalid RSN capabilities" },
	[D11_ST_CIPHER_OUT_OF_POLICY] = { "STATUS_CIPHER_OUT_OF_POLICY",
	    "Cipher suite rejected by security policy" },
	[D11_ST_REJECTED_FOR_DELAY_PERIOD] = { "REJECTED_FOR_DELAY_PERIOD",
	    "TS or allocation not created; may succeed after the TS delay" },
	[D11_ST_DLS_NOT_ALLOWED] = { "DLS_NOT_ALLOWED",
	    "Direct link not allowed in the BSS by policy "
	    "(reserved since 802.11-2020)" },
	[D11_ST_NOT_PRESENT] = { "NOT_PRESENT",
	    "Destination STA is not present in this BSS" },
	[D11_ST_NOT_QOS_STA] = { "NOT_QOS_STA",
	    "Destination STA is not a QoS STA" },
	[D11_ST_DENIED_LISTEN_INTERVAL_TOO_LARGE] =
	    { "DENIED_LISTEN_INTERVAL_TOO_LARGE",
	    "Association denied: listen interval too large" },
	[D11_ST_INVALID_FT_ACTION_FRAME_COUNT] =
	    { "INVALID_FT_ACTION_FRAME_COUNT",
	    "Invalid FT Action frame count" },
	[D11_ST_INVALID_PMKID] = { "INVALID_PMKID",
	    "Invalid PMKID: no PMKSA/PMK-R1 for the PMKID the client "
	    "presented" },
	[D11_ST_INVALID_MDE] = { "INVALID_MDE",
	    "Invalid MDE: mobility domain element missing or not matching" },
	[D11_ST_INVALID_FTE] = { "INVALID_FTE",
	    "Invalid FTE: fast BSS transition element missing or wrong" },
	[D11_ST_REQUESTED_TCLAS_NOT_SUPPORTED] =
	    { "REQUESTED_TCLAS_NOT_SUPPORTED",
	    "Requested TCLAS processing not supported by the AP" },
	[D11_ST_INSUFFICIENT_TCLAS_PROCESSING_RESOURCES] =
	    { "INSUFFICIENT_TCLAS_PROCESSING_RESOURCES",
	    "AP lacks TCLAS processing resources" },
	[D11_ST_TRY_ANOTHER_BSS] = { "TRY_ANOTHER_BSS",
	    "TS not created; the AP suggests moving to another BSS" },
	[D11_ST_GAS_ADVERTISEMENT_PROTOCOL_NOT_SUPPORTED] =
	    { "GAS_ADVERTISEMENT_PROTOCOL_NOT_SUPPORTED",
	    "GAS advertisement protocol not supported" },
	[D11_ST_NO_OUTSTANDING_GAS_REQUEST] = { "NO_OUTSTANDING_GAS_REQUEST",
	    "No outstanding GAS request" },
	[D11_ST_GAS_RESPONSE_NOT_RECEIVED_FROM_SERVER] =
	    { "GAS_RESPONSE_NOT_RECEIVED_FROM_SERVER",
	    "GAS response not received from the advertisement server" },
	[D11_ST_GAS_QUERY_TIMEOUT] = { "GAS_QUERY_TIMEOUT",
	    "Timed out waiting for the GAS query response" },
	[D11_ST_GAS_QUERY_RESPONSE_TOO_LARGE] =
	    { "GAS_QUERY_RESPONSE_TOO_LARGE",
	    "GAS response exceeds the query response length limit" },
	[D11_ST_REJECTED_HOME_WITH_SUGGESTED_CHANGES] =
	    { "REJECTED_HOME_WITH_SUGGESTED_CHANGES",
	    "Refused: the home network does not support the request" },
	[D11_ST_SERVER_UNREACHABLE] = { "SERVER_UNREACHABLE",
	    "Advertisement server unreachable" },
	[D11_ST_REJECTED_FOR_SSP_PERMISSIONS] =
	    { "REJECTED_FOR_SSP_PERMISSIONS",
	    "Refused by permissions from the SSPN interface" },
	[D11_ST_REFUSED_UNAUTHENTICATED_ACCESS_NOT_SUPPORTED] =
	    { "REFUSED_UNAUTHENTICATED_ACCESS_NOT_SUPPORTED",
	    "Refused: unauthenticated access not supported" },
	[D11_ST_INVALID_RSNE] = { "INVALID_RSNE", "Invalid RSNE contents" },
	[D11_ST_U_APSD_COEXISTENCE_NOT_SUPPORTED] =
	    { "U_APSD_COEXISTENCE_NOT_SUPPORTED",
	    "U-APSD coexistence not supported" },
	[D11_ST_U_APSD_COEX_MODE_NOT_SUPPORTED] =
	    { "U_APSD_COEX_MODE_NOT_SUPPORTED",
	    "Requested U-APSD coexistence mode not supported" },
	[D11_ST_BAD_INTERVAL_WITH_U_APSD_COEX] =
	    { "BAD_INTERVAL_WITH_U_APSD_COEX",
	    "Interval or duration not supported with U-APSD coexistence" },
	[D11_ST_ANTI_CLOGGING_TOKEN_REQUIRED] =
	    { "ANTI_CLOGGING_TOKEN_REQUIRED",
	    "SAE: anti-clogging token required; resend the commit with it" },
	[D11_ST_UNSUPPORTED_FINITE_CYCLIC_GROUP] =
	    { "UNSUPPORTED_FINITE_CYCLIC_GROUP",
	    "SAE/OWE: offered finite cyclic group not supported" },
	[D11_ST_CANNOT_FIND_ALTERNATIVE_TBTT] =
	    { "CANNOT_FIND_ALTERNATIVE_TBTT",
	    "TBTT adjustment failed: no alternative TBTT" },
	[D11_ST_TRANSMISSION_FAILURE] = { "TRANSMISSION_FAILURE",
	    "Transmission failure" },
	[D11_ST_REQUESTED_TCLAS_NOT_SUPPORTED_80] =
	    { "REQUESTED_TCLAS_NOT_SUPPORTED",
	    "Requested TCLAS not supported" },
	[D11_ST_TCLAS_RESOURCES_EXHAUSTED] = { "TCLAS_RESOURCES_EXHAUSTED",
	    "TCLAS resources exhausted" },
	[D11_ST_REJECTED_WITH_SUGGESTED_BSS_TRANSITION] =
	    { "REJECTED_WITH_SUGGESTED_BSS_TRANSITION",
	    "Rejected with a suggested BSS transition" },
	[D11_ST_REJECT_WITH_SCHEDULE] = { "REJECT_WITH_SCHEDULE",
	    "Rejected; a recommended schedule is given" },
	[D11_ST_REJECT_NO_WAKEUP_SPECIFIED] = { "REJECT_NO_WAKEUP_SPECIFIED",
	    "Rejected: no wakeup schedule specified" },
	[D11_ST_SUCCESS_POWER_SAVE_MODE] = { "SUCCESS_POWER_SAVE_MODE",
	    "Success; the destination STA is in power save mode" },
	[D11_ST_PENDING_ADMITTING_FST_SESSION] =
	    { "PENDING_ADMITTING_FST_SESSION",
	    "FST pending: admitting the FST session" },
	[D11_ST_PERFORMING_FST_NOW] = { "PERFORMING_FST_NOW",
	    "Performing FST now" },
	[D11_ST_PENDING_GAP_IN_BA_WINDOW] = { "PENDING_GAP_IN_BA_WINDOW",
	    "FST pending: gap in the block ack window" },
	[D11_ST_REJECT_U_PID_SETTING] = { "REJECT_U_PID_SETTING",
	    "Rejected because of the U-PID setting" },
	[D11_ST_REFUSED_EXTERNAL_REASON] = { "REFUSED_EXTERNAL_REASON",
	    "(Re)association refused for an external reason" },
	[D11_ST_REFUSED_AP_OUT_OF_MEMORY] = { "REFUSED_AP_OUT_OF_MEMORY",
	    "(Re)association refused: AP out of memory" },
	[D11_ST_REJECTED_EMERGENCY_SERVICES_NOT_SUPPORTED] =
	    { "REJECTED_EMERGENCY_SERVICES_NOT_SUPPORTED",
	    "(Re)association refused: emergency services not supported" },
	[D11_ST_QUERY_RESP_OUTSTANDING] = { "QUERY_RESP_OUTSTANDING",
	    "GAS query response not yet received" },
	[D11_ST_REJECT_DSE_BAND] = { "REJECT_DSE_BAND",
	    "Rejected: FST to a DSE band requested by a dependent STA" },
	[D11_ST_TCLAS_PROCESSING_TERMINATED] = { "TCLAS_PROCESSING_TERMINATED",
	    "TCLAS processing terminated by the AP" },
	[D11_ST_TS_SCHEDULE_CONFLICT] = { "TS_SCHEDULE_CONFLICT",
	    "TS schedule conflict; an alternative schedule is given" },
	[D11_ST_DENIED_WITH_SUGGESTED_BAND_AND_CHANNEL] =
	    { "DENIED_WITH_SUGGESTED_BAND_AND_CHANNEL",
	    "Association denied; a Multi-band element suggests another "
	    "band/channel" },
	[D11_ST_MCCAOP_RESERVATION_CONFLICT] = { "MCCAOP_RESERVATION_CONFLICT",
	    "MCCAOP reservation conflict" },
	[D11_ST_MAF_LIMIT_EXCEEDED] = { "MAF_LIMIT_EXCEEDED",
	    "MAF limit exceeded" },
	[D11_ST_MCCA_TRACK_LIMIT_EXCEEDED] = { "MCCA_TRACK_LIMIT_EXCEEDED",
	    "MCCA track limit exceeded" },
	[D11_ST_DENIED_DUE_TO_SPECTRUM_MANAGEMENT] =
	    { "DENIED_DUE_TO_SPECTRUM_MANAGEMENT",
	    "Association denied: Spectrum Management field unacceptable" },
	[D11_ST_DENIED_VHT_NOT_SUPPORTED] = { "DENIED_VHT_NOT_SUPPORTED",
	    "Association denied: STA does not support VHT" },
	[D11_ST_ENABLEMENT_DENIED] = { "ENABLEMENT_DENIED",
	    "Enablement denied" },
	[D11_ST_RESTRICTION_FROM_AUTHORIZED_GDB] =
	    { "RESTRICTION_FROM_AUTHORIZED_GDB",
	    "Enablement denied by an authorized geolocation database" },
	[D11_ST_AUTHORIZATION_DEENABLED] = { "AUTHORIZATION_DEENABLED",
	    "Authorization de-enabled" },
	[D11_ST_ENERGY_LIMITED_OPERATION_NOT_SUPPORTED] =
	    { "ENERGY_LIMITED_OPERATION_NOT_SUPPORTED",
	    "Refused: energy-limited operation not supported by the AP" },
	[D11_ST_REJECTED_NDP_BLOCK_ACK_SUGGESTED] =
	    { "REJECTED_NDP_BLOCK_ACK_SUGGESTED",
	    "Block Ack refused; the recipient wants NDP Block Ack" },
	[D11_ST_REJECTED_MAX_AWAY_DURATION_UNACCEPTABLE] =
	    { "REJECTED_MAX_AWAY_DURATION_UNACCEPTABLE",
	    "Denied: suggested maximum away duration unacceptable" },
	[D11_ST_FLOW_CONTROL_OPERATION_SUPPORTED] =
	    { "FLOW_CONTROL_OPERATION_SUPPORTED",
	    "Refused: the non-AP STA does not support flow control operation" },
	[D11_ST_FILS_AUTHENTICATION_FAILURE] = { "FILS_AUTHENTICATION_FAILURE",
	    "FILS authentication failure" },
	[D11_ST_UNKNOWN_AUTHENTICATION_SERVER] =
	    { "UNKNOWN_AUTHENTICATION_SERVER",
	    "FILS: unknown authentication server" },
	[D11_ST_DENIED_NOTIFICATION_PERIOD_ALLOCATION] =
	    { "DENIED_NOTIFICATION_PERIOD_ALLOCATION",
	    "Denied: notification period allocation failed" },
	[D11_ST_DENIED_CHANNEL_SPLITTING] = { "DENIED_CHANNEL_SPLITTING",
	    "Denied: channel splitting request failed" },
	[D11_ST_DENIED_ALLOCATION] = { "DENIED_ALLOCATION",
	    "Denied: allocation request failed" },
	[D11_ST_CMMG_FEATURES_NOT_SUPPORTED] = { "CMMG_FEATURES_NOT_SUPPORTED",
	    "Association denied: STA does not support CMMG" },
	[D11_ST_GAS_FRAGMENT_NOT_AVAILABLE] = { "GAS_FRAGMENT_NOT_AVAILABLE",
	    "Requested GAS fragment not available" },
	[D11_ST_SUCCESS_CAG_VERSIONS_MATCH] = { "SUCCESS_CAG_VERSIONS_MATCH",
	    "Success; the CAG version matches the server's" },
	[D11_ST_GLK_NOT_AUTHORIZED] = { "GLK_NOT_AUTHORIZED",
	    "STA not authorized to use GLK" },
	[D11_ST_UNKNOWN_PASSWORD_IDENTIFIER] = { "UNKNOWN_PASSWORD_IDENTIFIER",
	    "SAE: unknown password identifier" },
	[D11_ST_DENIED_HE_NOT_SUPPORTED] = { "DENIED_HE_NOT_SUPPORTED",
	    "Association denied: STA does not support HE (802.11ax)" },
	[D11_ST_DENIED_LOCAL_MAC_ADDRESS_POLICY_VIOLATION] =
	    { "DENIED_LOCAL_MAC_ADDRESS_POLICY_VIOLATION",
	    "Denied: source address breaks the local MAC address policy" },
	[D11_ST_SAE_HASH_TO_ELEMENT] = { "SAE_HASH_TO_ELEMENT",
	    "SAE commit uses hash-to-element (H2E) to derive the PWE" },
	[D11_ST_SAE_PK] = { "SAE_PK", "SAE commit uses SAE-PK" },
	[D11_ST_TCLAS_PROCESSING_TERMINATED_INSUFFICIENT_QOS] =
	    { "TCLAS_PROCESSING_TERMINATED_INSUFFICIENT_QOS",
	    "TCLAS processing terminated: insufficient QoS capacity" },
	[D11_ST_TCLAS_PROCESSING_TERMINATED_POLICY_CONFLICT] =
	    { "TCLAS_PROCESSING_TERMINATED_POLICY_CONFLICT",
	    "TCLAS processing terminated: conflicts with higher-layer QoS "
	    "policy" },
	[130] = {
	    "DENIED_STA_AFFILIATED_WITH_MLD_WITH_EXISTING_MLD_ASSOCIATION",
	    "Denied: the STA's non-AP MLD is already associated with this "
	    "AP MLD" },
	[D11_ST_EPCS_DENIED_UNAUTHORIZED] = { "EPCS_DENIED_UNAUTHORIZED",
	    "EPCS priority access denied: non-AP MLD not authorized" },
	[D11_ST_EPCS_DENIED] = { "EPCS_DENIED",
	    "EPCS priority access denied (other reason)" },
	[D11_ST_DENIED_TID_TO_LINK_MAPPING] = { "DENIED_TID_TO_LINK_MAPPING",
	    "Denied: requested TID-to-link mapping unacceptable" },
	[D11_ST_PREFERRED_TID_TO_LINK_MAPPING_SUGGESTED] =
	    { "PREFERRED_TID_TO_LINK_MAPPING_SUGGESTED",
	    "A preferred TID-to-link mapping is suggested" },
	[D11_ST_DENIED_EHT_NOT_SUPPORTED] = { "DENIED_EHT_NOT_SUPPORTED",
	    "Association denied: STA does not support EHT (802.11be)" },
	[D11_ST_INVALID_PUBLIC_KEY] = { "INVALID_PUBLIC_KEY",
	    "Invalid public key" },
	[D11_ST_PASN_BASE_AKMP_FAILED] = { "PASN_BASE_AKMP_FAILED",
	    "PASN: the base AKM authentication failed" },
	[D11_ST_OCI_MISMATCH] = { "OCI_MISMATCH",
	    "Operating channel information does not match (OCV)" },
	[D11_ST_DENIED_TX_LINK_NOT_ACCEPTED] = { "DENIED_TX_LINK_NOT_ACCEPTED",
	    "Denied: the link carrying the (Re)Association Request is not "
	    "accepted" },
	[D11_ST_EPCS_DENIED_VERIFICATION_FAILURE] =
	    { "EPCS_DENIED_VERIFICATION_FAILURE",
	    "EPCS priority access denied for now: authorization not verified" },
	[D11_ST_DENIED_OPERATION_PARAMETER_UPDATE] =
	    { "DENIED_OPERATION_PARAMETER_UPDATE",
	    "Operation parameter update denied" },
	/* IEEE 802.1X carried in Authentication frames (draft, in hostapd). */
	[D11_ST_8021X_AUTH_FAILED] = { "802_1_X_AUTH_FAILED",
	    "IEEE 802.1X authentication in Authentication frames failed" },
	[D11_ST_8021X_AUTH_SUCCESS] = { "802_1_X_AUTH_SUCCESS",
	    "IEEE 802.1X authentication in Authentication frames succeeded" },
};

const char *
d11_status_name(uint16_t code)
{
	if (code < NELEM(status_tab) && status_tab[code].name != NULL)
		return status_tab[code].name;
	return RESERVED;
}

const char *
d11_status_desc(uint16_t code)
{
	if (code < NELEM(status_tab) && status_tab[code].desc != NULL)
		return status_tab[code].desc;
	return RESERVED;
}

/* ---- Reason codes (802.11-2020 Table 9-49) ----------------------------- */

static const struct code_name reason_tab[] = {
	[D11_RS_UNSPECIFIED_REASON] = { "UNSPECIFIED_REASON",
	    "Unspecified reason" },
	[D11_RS_INVALID_AUTHENTICATION] = { "INVALID_AUTHENTICATION",
	    "Previous authentication no longer valid" },
	[D11_RS_LEAVING_NETWORK_DEAUTH] = { "LEAVING_NETWORK_DEAUTH",
	    "Deauthenticated: the sender is leaving (or has left) the BSS" },
	[D11_RS_INACTIVITY] = { "REASON_INACTIVITY",
	    "Disassociated due to inactivity" },
	[D11_RS_NO_MORE_STAS] = { "NO_MORE_STAS",
	    "Disassociated: AP cannot handle all associated STAs" },
	[D11_RS_INVALID_CLASS2_FRAME] = { "INVALID_CLASS2_FRAME",
	    "Class 2 frame received from a non-authenticated STA" },
	[D11_RS_INVALID_CLASS3_FRAME] = { "INVALID_CLASS3_FRAME",
	    "Class 3 frame received from a non-associated STA" },
	[D11_RS_LEAVING_NETWORK_DISASSOC] = { "LEAVING_NETWORK_DISASSOC",
	    "Disassociated: the sender is leaving (or has left) the BSS" },
	[D11_RS_NOT_AUTHENTICATED] = { "NOT_AUTHENTICATED",
	    "(Re)association request from a STA that is not authenticated" },
	[D11_RS_UNACCEPTABLE_POWER_CAPABILITY] =
	    { "UNACCEPTABLE_POWER_CAPABILITY",
	    "Disassociated: Power Capability element unacceptable" },
	[D11_RS_UNACCEPTABLE_SUPPORTED_CHANNELS] =
	    { "UNACCEPTABLE_SUPPORTED_CHANNELS",
	    "Disassociated: Supported Channels element unacceptable" },
	[D11_RS_BSS_TRANSITION_DISASSOC] = { "BSS_TRANSITION_DISASSOC",
	    "Disassociated by BSS transition management" },
	[D11_RS_INVALID_ELEMENT] = { "REASON_INVALID_ELEMENT",
	    "Invalid element" },
	[D11_RS_MIC_FAILURE] = { "MIC_FAILURE",
	    "Message integrity code (Michael MIC) failure" },
	[D11_RS_4WAY_HANDSHAKE_TIMEOUT] = { "4WAY_HANDSHAKE_TIMEOUT",
	    "4-way handshake timeout (often a wrong passphrase)" },
	[D11_RS_GK_HANDSHAKE_TIMEOUT] = { "GK_HANDSHAKE_TIMEOUT",
	    "Group key handshake timeout" },
	[D11_RS_HANDSHAKE_ELEMENT_MISMATCH] = { "HANDSHAKE_ELEMENT_MISMATCH",
	    "RSNE in the 4-way handshake differs from the one in the "
	    "(Re)Association Request, Beacon or Probe Response" },
	[D11_RS_INVALID_GROUP_CIPHER] = { "REASON_INVALID_GROUP_CIPHER",
	    "Invalid group cipher" },
	[D11_RS_INVALID_PAIRWISE_CIPHER] = { "REASON_INVALID_PAIRWISE_CIPHER",
	    "Invalid pairwise cipher" },
	[D11_RS_INVALID_AKMP] = { "REASON_INVALID_AKMP", "Invalid AKM suite" },
	[D11_RS_UNSUPPORTED_RSNE_VERSION] = { "UNSUPPORTED_RSNE_VERSION",
	    "Unsupported RSNE version" },
	[D11_RS_INVALID_RSNE_CAPABILITIES] = { "INVALID_RSNE_CAPABILITIES",
	    "Invalid RSN capabilities" },
	[D11_RS_8021X_AUTH_FAILED] = { "802_1_X_AUTH_FAILED",
	    "IEEE 802.1X authentication failed" },
	[D11_RS_CIPHER_OUT_OF_POLICY] = { "REASON_CIPHER_OUT_OF_POLICY",
	    "Cipher suite rejected by security policy" },
	[D11_RS_TDLS_PEER_UNREACHABLE] = { "TDLS_PEER_UNREACHABLE",
	    "TDLS teardown: peer unreachable over the direct link" },
	[D11_RS_TDLS_UNSPECIFIED_REASON] = { "TDLS_UNSPECIFIED_REASON",
	    "TDLS teardown, reason unspecified" },
	[D11_RS_SSP_REQUESTED_DISASSOC] = { "SSP_REQUESTED_DISASSOC",
	    "Disassociated: session terminated by SSP request" },
	[D11_RS_NO_SSP_ROAMING_AGREEMENT] = { "NO_SSP_ROAMING_AGREEMENT",
	    "Disassociated: no SSP roaming agreement" },
	[D11_RS_BAD_CIPHER_OR_AKM] = { "BAD_CIPHER_OR_AKM",
	    "Service refused: SSP cipher suite or AKM requirement" },
	[D11_RS_NOT_AUTHORIZED_THIS_LOCATION] =
	    { "NOT_AUTHORIZED_THIS_LOCATION",
	    "Service not authorized at this location" },
	[D11_RS_SERVICE_CHANGE_PRECLUDES_TS] = { "SERVICE_CHANGE_PRECLUDES_TS",
	    "TS deleted: BSS service change leaves too little bandwidth" },
	[D11_RS_UNSPECIFIED_QOS_REASON] = { "UNSPECIFIED_QOS_REASON",
	    "Disassociated for an unspecified QoS reason" },
	[D11_RS_NOT_ENOUGH_BANDWIDTH] = { "NOT_ENOUGH_BANDWIDTH",
	    "Disassociated: QoS AP lacks bandwidth for this STA" },
	[D11_RS_MISSING_ACKS] = { "MISSING_ACKS",
	    "Disassociated: too many frames left unacknowledged" },
	[D11_RS_EXCEEDED_TXOP] = { "EXCEEDED_TXOP",
	    "Disassociated: STA transmits beyond its TXOP limits" },
	[D11_RS_STA_LEAVING] = { "STA_LEAVING",
	    "Peer STA is leaving the BSS (or resetting)" },
	[D11_RS_END_TS_END_BA_END_DLS] = { "END_TS/END_BA/END_DLS",
	    "Peer no longer uses the stream or session" },
	[D11_RS_UNKNOWN_TS_UNKNOWN_BA] = { "UNKNOWN_TS/UNKNOWN_BA",
	    "Frames received for a mechanism that was never set up" },
	[D11_RS_TIMEOUT] = { "TIMEOUT", "Peer request timed out" },
	[D11_RS_PEERKEY_MISMATCH] = { "PEERKEY_MISMATCH",
	    "Peer does not support the requested cipher suite "
	    "(PeerKey, obsolete)" },
	[D11_RS_PEER_INITIATED] = { "PEER_INITIATED",
	    "Disassociated: authorized access limit reached" },
	[D11_RS_AP_INITIATED] = { "AP_INITIATED",
	    "Disassociated due to external service requirements" },
	[D11_RS_INVALID_FT_ACTION_FRAME_COUNT] =
	    { "REASON_INVALID_FT_ACTION_FRAME_COUNT",
	    "Invalid FT Action frame count" },
	[D11_RS_INVALID_PMKID] = { "REASON_INVALID_PMKID", "Invalid PMKID" },
	[D11_RS_INVALID_MDE] = { "REASON_INVALID_MDE", "Invalid MDE" },
	[D11_RS_INVALID_FTE] = { "REASON_INVALID_FTE", "Invalid FTE" },
	[D11_RS_MESH_PEERING_CANCELED] = { "MESH_PEERING_CANCELED",
	    "Mesh peering canceled" },
	[D11_RS_MESH_MAX_PEERS] = { "MESH_MAX_PEERS",
	    "Mesh STA reached its maximum number of peers" },
	[D11_RS_MESH_CONFIGURATION_POLICY_VIOLATION] =
	    { "MESH_CONFIGURATION_POLICY_VIOLATION",
	    "Mesh configuration policy violation" },
	[D11_RS_MESH_CLOSE_RCVD] = { "MESH_CLOSE_RCVD",
	    "Mesh Peering Close received" },
	[D11_RS_MESH_MAX_RETRIES] = { "MESH_MAX_RETRIES",
	    "Mesh Peering Open retried too often without a Confirm" },
	[D11_RS_MESH_CONFIRM_TIMEOUT] = { "MESH_CONFIRM_TIMEOUT",
	    "Mesh peering confirm timeout" },
	[D11_RS_MESH_INVALID_GTK] = { "MESH_INVALID_GTK",
	    "Mesh GTK unwrap failed or invalid" },
	[D11_RS_MESH_INCONSISTENT_PARAMETERS] =
	    { "MESH_INCONSISTENT_PARAMETERS",
	    "Inconsistent mesh parameters between peering frames" },
	[D11_RS_MESH_INVALID_SECURITY_CAPABILITY] =
	    { "MESH_INVALID_SECURITY_CAPABILITY",
	    "Mesh AMPE failed: no usable pairwise or group cipher" },
	[D11_RS_MESH_PATH_ERROR_NO_PROXY_INFORMATION] =
	    { "MESH_PATH_ERROR_NO_PROXY_INFORMATION",
	    "Mesh path error: no proxy information" },
	[D11_RS_MESH_PATH_ERROR_NO_FORWARDING_INFORMATION] =
	    { "MESH_PATH_ERROR_NO_FORWARDING_INFORMATION",
	    "Mesh path error: no forwarding information" },
	[D11_RS_MESH_PATH_ERROR_DESTINATION_UNREACHABLE] =
	    { "MESH_PATH_ERROR_DESTINATION_UNREACHABLE",
	    "Mesh path error: destination unreachable" },
	[D11_RS_MAC_ADDRESS_ALREADY_EXISTS_IN_MBSS] =
	    { "MAC_ADDRESS_ALREADY_EXISTS_IN_MBSS",
	    "MAC address already exists in the mesh BSS" },
	[D11_RS_MESH_CHANNEL_SWITCH_REGULATORY_REQUIREMENTS] =
	    { "MESH_CHANNEL_SWITCH_REGULATORY_REQUIREMENTS",
	    "Mesh channel switch for regulatory requirements" },
	[D11_RS_MESH_CHANNEL_SWITCH_UNSPECIFIED] =
	    { "MESH_CHANNEL_SWITCH_UNSPECIFIED",
	    "Mesh channel switch, reason unspecified" },
	[D11_RS_TRANSMISSION_LINK_ESTABLISHMENT_FAILED] =
	    { "TRANSMISSION_LINK_ESTABLISHMENT_FAILED",
	    "Link establishment on the alternative channel failed" },
	/* The standard spells it ALTERATIVE. */
	[D11_RS_ALTERATIVE_CHANNEL_OCCUPIED] = { "ALTERATIVE_CHANNEL_OCCUPIED",
	    "Alternative channel occupied" },
	[D11_RS_POOR_RSSI_CONDITIONS] = { "POOR_RSSI_CONDITIONS",
	    "Disassociated due to poor RSSI" },
};

const char *
d11_reason_name(uint16_t code)
{
	if (code < NELEM(reason_tab) && reason_tab[code].name != NULL)
		return reason_tab[code].name;
	return RESERVED;
}

const char *
d11_reason_desc(uint16_t code)
{
	if (code < NELEM(reason_tab) && reason_tab[code].desc != NULL)
		return reason_tab[code].desc;
	return RESERVED;
}

/* ---- BSS transition management ---------------------------------------- */

static const char *const btm_status_tab[] = {
	[D11_BTM_ACCEPT] = "Accept",
	[D11_BTM_REJECT_UNSPECIFIED] = "Reject: unspecified",
	[D11_BTM_REJECT_INSUFF_BEACONS] = "Reject: insufficient beacon/probe responses",
	[D11_BTM_REJECT_INSUFF_CAPACITY] = "Reject: insufficient capacity",
	[D11_BTM_REJECT_TERM_UNDESIRED] = "Reject: BSS termination undesired",
	[D11_BTM_REJECT_TERM_DELAY] = "Reject: BSS termination delay requested",
	[D11_BTM_REJECT_CANDIDATE_LIST] = "Reject: STA candidate list provided",
	[D11_BTM_REJECT_NO_CANDIDATE] = "Reject: no suitable candidates",
	[D11_BTM_REJECT_LEAVING_ESS] = "Reject: leaving ESS",
};

const char *
d11_btm_status_name(uint8_t code)
{
	return pick(btm_status_tab, NELEM(btm_status_tab), code, RESERVED);
}

static const char *const btm_reason_tab[] = {
	[0] = "Unspecified",
	[1] = "Excessive frame loss or poor conditions",
	[2] = "Excessive delay for current traffic streams",
	[3] = "Insufficient QoS capacity for current traffic streams",
	[4] = "First association to the ESS",
	[5] = "Load balancing",
	[6] = "Better AP found",
	[7] = "Deauthenticated or disassociated by the previous AP",
	[8] = "AP failed IEEE 802.1X EAP authentication",
	[9] = "AP failed 4-way handshake",
	[10] = "Too many replay counter failures",
	[11] = "Too many data MIC failures",
	[12] = "Exceeded maximum retransmissions",
	[13] = "Too many broadcast disassociations",
	[14] = "Too many broadcast deauthentications",
	[15] = "Previous transition failed",
	[16] = "Low RSSI",
	[17] = "Roam from a non-802.11 system",
	[18] = "Transition due to a BTM Request",
	[19] = "Preferred candidate list included",
	[20] = "Leaving ESS",
};

const char *
d11_btm_reason_name(uint8_t code)
{
	return pick(btm_reason_tab, NELEM(btm_reason_tab), code, RESERVED);
}

/* ---- Action categories (802.11-2020 Table 9-51, plus ax/az/ba/be) ------ */

static const char *const category_tab[] = {
	[0] = "Spectrum Management",
	[1] = "QoS",
	[2] = "DLS",
	[3] = "Block Ack",
	[4] = "Public",
	[5] = "Radio Measurement",
	[6] = "Fast BSS Transition",
	[7] = "HT",
	[8] = "SA Query",
	[9] = "Protected Dual of Public Action",
	[10] = "WNM",
	[11] = "Unprotected WNM",
	[12] = "TDLS",
	[13] = "Mesh",
	[14] = "Multihop",
	[15] = "Self-protected",
	[16] = "DMG",
	/* Reserved in the standard; used by WMM for its ADDTS/DELTS. */
	[17] = "WMM",
	[18] = "FST",
	[19] = "Robust AV Streaming",
	[20] = "Unprotected DMG",
	[21] = "VHT",
	[22] = "Unprotected S1G",
	[23] = "S1G",
	[24] = "Flow Control",
	[25] = "Control Response MCS Negotiation",
	[26] = "FILS",
	[27] = "CDMG",
	[28] = "CMMG",
	[29] = "GLK",
	[30] = "HE",
	[31] = "Protected HE",
	[32] = "WUR",
	[34] = "Protected FTM",
	[36] = "EHT",
	[37] = "Protected EHT",
	[126] = "Vendor-specific Protected",
	[127] = "Vendor Specific",
};

/*
 * A responder that rejects an action frame echoes it with bit 7 of the
 * category set; those get their own static strings so the result stays
 * constant.
 */
static const char *const category_err_tab[] = {
	[0] = "Spectrum Management (error)",
	[1] = "QoS (error)",
	[2] = "DLS (error)",
	[3] = "Block Ack (error)",
	[4] = "Public (error)",
	[5] = "Radio Measurement (error)",
	[6] = "Fast BSS Transition (error)",
	[7] = "HT (error)",
	[8] = "SA Query (error)",
	[9] = "Protected Dual of Public Action (error)",
	[10] = "WNM (error)",
	[11] = "Unprotected WNM (error)",
	[12] = "TDLS (error)",
	[13] = "Mesh (error)",
	[14] = "Multihop (error)",
	[15] = "Self-protected (error)",
	[16] = "DMG (error)",
	[17] = "WMM (error)",
	[18] = "FST (error)",
	[19] = "Robust AV Streaming (error)",
	[20] = "Unprotected DMG (error)",
	[21] = "VHT (error)",
	[22] = "Unprotected S1G (error)",
	[23] = "S1G (error)",
	[24] = "Flow Control (error)",
	[25] = "Control Response MCS Negotiation (error)",
	[26] = "FILS (error)",
	[27] = "CDMG (error)",
	[28] = "CMMG (error)",
	[29] = "GLK (error)",
	[30] = "HE (error)",
	[31] = "Protected HE (error)",
	[32] = "WUR (error)",
	[34] = "Protected FTM (error)",
	[36] = "EHT (error)",
	[37] = "Protected EHT (error)",
	[126] = "Vendor-specific Protected (error)",
	[127] = "Vendor Specific (error)",
};

const char *
d11_category_name(uint8_t category)
{
	if (category & 0x80)
		return pick(category_err_tab, NELEM(category_err_tab),
		    category & 0x7f, "Reserved (error)");
	return pick(category_tab, NELEM(category_tab), category, RESERVED);
}

/* ---- Action codes per category ----------------------------------------- */

static const char *const act_spectrum[] = {
	[0] = "Measurement Request",
	[1] = "Measurement Report",
	[2] = "TPC Request",
	[3] = "TPC Report",
	[4] = "Channel Switch Announcement",
};

static const char *const act_qos[] = {
	[0] = "ADDTS Request",
	[1] = "ADDTS Response",
	[2] = "DELTS",
	[3] = "Schedule",
	[4] = "QoS Map Configure",
};

static const char *const act_dls[] = {
	[0] = "DLS Request",
	[1] = "DLS Response",
	[2] = "DLS Teardown",
};

static const char *const act_public[] = {
	[0] = "20/40 BSS Coexistence Management",
	[1] = "DSE Enablement",
	[2] = "DSE Deenablement",
	[3] = "DSE Registered Location Announcement",
	[4] = "Extended Channel Switch Announcement",
	[5] = "DSE Measurement Request",
	[6] = "DSE Measurement Report",
	[7] = "Measurement Pilot",
	[8] = "DSE Power Constraint",
	[9] = "Vendor Specific",
	[10] = "GAS Initial Request",
	[11] = "GAS Initial Response",
	[12] = "GAS Comeback Request",
	[13] = "GAS Comeback Response",
	[14] = "TDLS Discovery Response",
	[15] = "Location Track Notification",
	[16] = "QAB Request",
	[17] = "QAB Response",
	[18] = "QMF Policy",
	[19] = "QMF Policy Change",
	[20] = "QLoad Request",
	[21] = "QLoad Report",
	[22] = "HCCA TXOP Advertisement",
	[23] = "HCCA TXOP Response",
	[24] = "Public Key",
	[25] = "Channel Availability Query",
	[26] = "Channel Schedule Management",
	[27] = "Contact Verification Signal",
	[28] = "GDD Enablement Request",
	[29] = "GDD Enablement Response",
	[30] = "Network Channel Control",
	[31] = "White Space Map Announcement",
	[32] = "FTM Request",
	[33] = "FTM",
	[34] = "FILS Discovery",
	[35] = "DCS Measurement Request",
	[36] = "DCS Measurement Report",
	[37] = "DCS Request",
	[38] = "DCS Response",
	[39] = "Extended Notification Period Request",
	[40] = "Extended Notification Period Response",
	[41] = "Extended Channel Splitting Request",
	[42] = "Extended Channel Splitting Response",
	[43] = "Group Addressed GAS Request",
	[44] = "Group Addressed GAS Response",
	[47] = "Location Measurement Report",
	[48] = "ISTA Passive TB Ranging Measurement Report",
	[49] = "Primary RSTA Broadcast Passive TB Ranging Measurement Report",
	[50] = "Secondary RSTA Broadcast Passive TB Ranging Measurement Report",
};

/*
 * Protected Dual of Public Action (802.11-2020 Table 9-404): the Public
 * codes that have a protected dual, with the same numbers.  Codes with no
 * dual (0, 3, 7, 14, 15, 24, 32 and up) are reserved there.
 */
static const char *const act_prot_dual[] = {
	[1] = "DSE Enablement",
	[2] = "DSE Deenablement",
	[4] = "Extended Channel Switch Announcement",
	[5] = "DSE Measurement Request",
	[6] = "DSE Measurement Report",
	[8] = "DSE Power Constraint",
	[9] = "Vendor Specific",
	[10] = "GAS Initial Request",
	[11] = "GAS Initial Response",
	[12] = "GAS Comeback Request",
	[13] = "GAS Comeback Response",
	[16] = "QAB Request",
	[17] = "QAB Response",
	[18] = "QMF Policy",
	[19] = "QMF Policy Change",
	[20] = "QLoad Request",
	[21] = "QLoad Report",
	[22] = "HCCA TXOP Advertisement",
	[23] = "HCCA TXOP Response",
	[25] = "Channel Availability Query",
	[26] = "Channel Schedule Management",
	[27] = "Contact Verification Signal",
	[28] = "GDD Enablement Request",
	[29] = "GDD Enablement Response",
	[30] = "Network Channel Control",
	[31] = "White Space Map Announcement",
};

static const char *const act_rm[] = {
	[0] = "Radio Measurement Request",
	[1] = "Radio Measurement Report",
	[2] = "Link Measurement Request",
	[3] = "Link Measurement Report",
	[4] = "Neighbor Report Request",
	[5] = "Neighbor Report Response",
};

static const char *const act_ft[] = {
	[1] = "FT Request",
	[2] = "FT Response",
	[3] = "FT Confirm",
	[4] = "FT Ack",
};

static const char *const act_ht[] = {
	[0] = "Notify Channel Width",
	[1] = "SM Power Save",
	[2] = "PSMP",
	[3] = "Set PCO Phase",
	[4] = "CSI",
	[5] = "Noncompressed Beamforming",
	[6] = "Compressed Beamforming",
	[7] = "ASEL Indices Feedback",
};

static const char *const act_sa_query[] = {
	[0] = "SA Query Request",
	[1] = "SA Query Response",
};

static const char *const act_wnm[] = {
	[0] = "Event Request",
	[1] = "Event Report",
	[2] = "Diagnostic Request",
	[3] = "Diagnostic Report",
	[4] = "Location Configuration Request",
	[5] = "Location Configuration Response",
	[6] = "BSS Transition Management Query",
	[7] = "BSS Transition Management Request",
	[8] = "BSS Transition Management Response",
	[9] = "FMS Request",
	[10] = "FMS Response",
	[11] = "Collocated Interference Request",
	[12] = "Collocated Interference Report",
	[13] = "TFS Request",
	[14] = "TFS Response",
	[15] = "TFS Notify",
	[16] = "WNM Sleep Mode Request",
	[17] = "WNM Sleep Mode Response",
	[18] = "TIM Broadcast Request",
	[19] = "TIM Broadcast Response",
	[20] = "QoS Traffic Capability Update",
	[21] = "Channel Usage Request",
	[22] = "Channel Usage Response",
	[23] = "DMS Request",
	[24] = "DMS Response",
	[25] = "Timing Measurement Request",
	[26] = "WNM Notification Request",
	[27] = "WNM Notification Response",
};

static const char *const act_uwnm[] = {
	[0] = "TIM",
	[1] = "Timing Measurement",
};

static const char *const act_tdls[] = {
	[0] = "TDLS Setup Request",
	[1] = "TDLS Setup Response",
	[2] = "TDLS Setup Confirm",
	[3] = "TDLS Teardown",
	[4] = "TDLS Peer Traffic Indication",
	[5] = "TDLS Channel Switch Request",
	[6] = "TDLS Channel Switch Response",
	[7] = "TDLS Peer PSM Request",
	[8] = "TDLS Peer PSM Response",
	[9] = "TDLS Peer Traffic Response",
	[10] = "TDLS Discovery Request",
};

static const char *const act_mesh[] = {
	[0] = "Mesh Link Metric Report",
	[1] = "HWMP Mesh Path Selection",
	[2] = "Gate Announcement",
	[3] = "Congestion Control Notification",
	[4] = "MCCA Setup Request",
	[5] = "MCCA Setup Reply",
	[6] = "MCCA Advertisement Request",
	[7] = "MCCA Advertisement",
	[8] = "MCCA Teardown",
	[9] = "TBTT Adjustment Request",
	[10] = "TBTT Adjustment Response",
};

static const char *const act_multihop[] = {
	[0] = "Proxy Update",
	[1] = "Proxy Update Confirmation",
};

static const char *const act_selfprot[] = {
	[1] = "Mesh Peering Open",
	[2] = "Mesh Peering Confirm",
	[3] = "Mesh Peering Close",
	[4] = "Mesh Group Key Inform",
	[5] = "Mesh Group Key Acknowledge",
};

static const char *const act_dmg[] = {
	[0] = "Power Save Configuration Request",
	[1] = "Power Save Configuration Response",
	[2] = "Information Request",
	[3] = "Information Response",
	[4] = "Handover Request",
	[5] = "Handover Response",
	[6] = "DTP Request",
	[7] = "DTP Response",
	[8] = "Relay Search Request",
	[9] = "Relay Search Response",
	[10] = "Multi-Relay Channel Measurement Request",
	[11] = "Multi-Relay Channel Measurement Report",
	[12] = "RLS Request",
	[13] = "RLS Response",
	[14] = "RLS Announcement",
	[15] = "RLS Teardown",
	[16] = "Relay ACK Request",
	[17] = "Relay ACK Response",
	[18] = "TPA Request",
	[19] = "TPA Response",
	[20] = "TPA Report",
	[21] = "ROC Request",
	[22] = "ROC Response",
};

/* WMM specification 1.1: ADDTS/DELTS carried under category 17. */
static const char *const act_wmm[] = {
	[0] = "WMM ADDTS Request",
	[1] = "WMM ADDTS Response",
	[2] = "WMM DELTS",
};

static const char *const act_fst[] = {
	[0] = "FST Setup Request",
	[1] = "FST Setup Response",
	[2] = "FST Teardown",
	[3] = "FST Ack Request",
	[4] = "FST Ack Response",
	[5] = "On-channel Tunnel Request",
};

static const char *const act_rav[] = {
	[0] = "SCS Request",
	[1] = "SCS Response",
	[2] = "Group Membership Request",
	[3] = "Group Membership Response",
	[4] = "MSCS Request",
	[5] = "MSCS Response",
};

static const char *const act_udmg[] = {
	[0] = "Announce",
	[1] = "BRP",
};

static const char *const act_vht[] = {
	[0] = "VHT Compressed Beamforming",
	[1] = "Group ID Management",
	[2] = "Operating Mode Notification",
};

static const char *const act_us1g[] = {
	[0] = "AID Switch Request",
	[1] = "AID Switch Response",
	[2] = "Sync Control",
	[3] = "STA Information Announcement",
	[4] = "EDCA Parameter Set",
	[5] = "EL Operation",
	[6] = "TWT Setup",
	[7] = "TWT Teardown",
	[8] = "Sectorized Group ID List",
	[9] = "Sector ID Feedback",
	[11] = "TWT Information",
};

static const char *const act_s1g[] = {
	[0] = "Reachable Address Update",
	[1] = "Relay Activation Request",
	[2] = "Relay Activation Response",
	[3] = "Header Compression",
	[4] = "Protected TWT Setup",
	[5] = "Protected TWT Teardown",
	[6] = "Protected TWT Information",
	[7] = "Protected AID Switch Request",
	[8] = "Protected AID Switch Response",
	[9] = "Protected Sync Control",
	[10] = "Protected STA Information Announcement",
	[11] = "Protected EDCA Parameter Set",
	[12] = "Protected EL Operation",
	[13] = "Protected Sectorized Group ID List",
	[14] = "Protected Sector ID Feedback",
};

static const char *const act_he[] = {
	[0] = "HE Compressed Beamforming And CQI",
	[1] = "Quiet Time Period",
	[2] = "OPS",
};

static const char *const act_prot_he[] = {
	[0] = "HE BSS Color Change Announcement",
};

static const char *const act_wur[] = {
	[0] = "WUR Mode Setup",
	[1] = "WUR Mode Teardown",
};

static const char *const act_prot_ftm[] = {
	[1] = "Protected FTM Request",
	[2] = "Protected FTM",
	[3] = "Protected Location Measurement Report",
};

static const char *const act_eht[] = {
	[0] = "EHT Compressed Beamforming/CQI",
};

static const char *const act_prot_eht[] = {
	[0] = "TID-to-Link Mapping Request",
	[1] = "TID-to-Link Mapping Response",
	[2] = "TID-to-Link Mapping Teardown",
	[3] = "EPCS Priority Access Enable Request",
	[4] = "EPCS Priority Access Enable Response",
	[5] = "EPCS Priority Access Teardown",
	[6] = "EML Operating Mode Notification",
	[7] = "Link Recommendation",
	[8] = "Multi-Link Operation Update Request",
	[9] = "Multi-Link Operation Update Response",
	[10] = "Link Reconfiguration Notify",
	[11] = "Link Reconfiguration Request",
	[12] = "Link Reconfiguration Response",
};

struct act_tab {
	const char *const	*v;
	size_t			 n;
};

#define ACT(t)	{ (t), NELEM(t) }

/*
 * Indexed by category.  An entry with v == NULL is a category whose
 * action field we carry no table for: categories 24..29 (their action
 * values were not in the sources checked) and the unassigned ones.
 */
static const struct act_tab act_by_cat[] = {
	[0] = ACT(act_spectrum),
	[1] = ACT(act_qos),
	[2] = ACT(act_dls),
	[4] = ACT(act_public),
	[5] = ACT(act_rm),
	[6] = ACT(act_ft),
	[7] = ACT(act_ht),
	[8] = ACT(act_sa_query),
	[9] = ACT(act_prot_dual),
	[10] = ACT(act_wnm),
	[11] = ACT(act_uwnm),
	[12] = ACT(act_tdls),
	[13] = ACT(act_mesh),
	[14] = ACT(act_multihop),
	[15] = ACT(act_selfprot),
	[16] = ACT(act_dmg),
	[17] = ACT(act_wmm),
	[18] = ACT(act_fst),
	[19] = ACT(act_rav),
	[20] = ACT(act_udmg),
	[21] = ACT(act_vht),
	[22] = ACT(act_us1g),
	[23] = ACT(act_s1g),
	[30] = ACT(act_he),
	[31] = ACT(act_prot_he),
	[32] = ACT(act_wur),
	[34] = ACT(act_prot_ftm),
	[36] = ACT(act_eht),
	[37] = ACT(act_prot_eht),
};

/* Block Ack: 0..2 plus the S1G NDP and BAT variants up at 128. */
static const char *
ba_action(uint8_t action)
{
	switch (action) {
	case 0:
		return "ADDBA Request";
	case 1:
		return "ADDBA Response";
	case 2:
		return "DELBA";
	case 128:
		return "NDP ADDBA Request";
	case 129:
		return "NDP ADDBA Response";
	case 130:
		return "NDP DELBA";
	case 132:
		return "BAT ADDBA Request";
	case 133:
		return "BAT ADDBA Response";
	case 134:
		return "BAT DELBA";
	default:
		return RESERVED;
	}
}

const char *
d11_action_name(uint8_t category, uint8_t action)
{
	const struct act_tab	*t;

	/* An error-returned frame keeps its original action field. */
	category &= 0x7f;
	if (category == 3)
		return ba_action(action);
	/* Vendor categories: the next octets are an OUI, not an action. */
	if (category == 126 || category == 127)
		return "Vendor Specific";
	if (category >= NELEM(act_by_cat))
		return UNKNOWN;
	t = &act_by_cat[category];
	if (t->v == NULL)
		return UNKNOWN;
	return pick(t->v, t->n, action, RESERVED);
}

/* ---- Authentication algorithm numbers ---------------------------------- */

static const char *const auth_alg_tab[] = {
	[D11_AUTH_OPEN] = "Open System",
	[D11_AUTH_SHARED_KEY] = "Shared Key",
	[D11_AUTH_FT] = "FT",
	[D11_AUTH_SAE] = "SAE",
	[D11_AUTH_FILS_SK] = "FILS SK",
	[D11_AUTH_FILS_SK_PFS] = "FILS SK PFS",
	[D11_AUTH_FILS_PK] = "FILS PK",
	[D11_AUTH_PASN] = "PASN",
	/* The next two are from current drafts, as hostapd defines them. */
	[D11_AUTH_8021X] = "IEEE 802.1X",
	[D11_AUTH_EPPKE] = "EPPKE",
};

const char *
d11_auth_alg_name(uint16_t alg)
{
	if (alg == D11_AUTH_LEAP)
		return "Network EAP (LEAP)";	/* Cisco, not IEEE */
	if (alg == D11_AUTH_VENDOR)
		return "Vendor specific";
	return pick(auth_alg_tab, NELEM(auth_alg_tab), alg, RESERVED);
}

/* ---- AKM and cipher suites --------------------------------------------- */

#define OUI_IEEE	0x000fac00u	/* 00-0F-AC: IEEE 802.11 */
#define OUI_MS		0x0050f200u	/* 00-50-F2: WPA1 */
#define OUI_WFA		0x506f9a00u	/* 50-6F-9A: Wi-Fi Alliance */
#define OUI_CISCO	0x00409600u	/* 00-40-96 */
#define OUI_WAPI	0x00147200u	/* 00-14-72 */

static const char *const akm_ieee_tab[] = {
	[D11_AKM_8021X] = "802.1X",
	[D11_AKM_PSK] = "PSK",
	[D11_AKM_FT_8021X] = "FT-802.1X",
	[D11_AKM_FT_PSK] = "FT-PSK",
	[D11_AKM_8021X_SHA256] = "802.1X-SHA256",
	[D11_AKM_PSK_SHA256] = "PSK-SHA256",
	[D11_AKM_TDLS] = "TDLS",
	[D11_AKM_SAE] = "SAE",
	[D11_AKM_FT_SAE] = "FT-SAE",
	[D11_AKM_AP_PEERKEY] = "APPeerKey",
	[D11_AKM_8021X_SUITE_B] = "802.1X-SUITE-B",
	[D11_AKM_8021X_SUITE_B_192] = "802.1X-SUITE-B-192",
	[D11_AKM_FT_8021X_SHA384] = "FT-802.1X-SHA384",
	[D11_AKM_FILS_SHA256] = "FILS-SHA256",
	[D11_AKM_FILS_SHA384] = "FILS-SHA384",
	[D11_AKM_FT_FILS_SHA256] = "FT-FILS-SHA256",
	[D11_AKM_FT_FILS_SHA384] = "FT-FILS-SHA384",
	[D11_AKM_OWE] = "OWE",
	[D11_AKM_FT_PSK_SHA384] = "FT-PSK-SHA384",
	[D11_AKM_PSK_SHA384] = "PSK-SHA384",
	[D11_AKM_PASN] = "PASN",
	/* 22 is the FT-802.1X-SHA384 not limited to Suite B ciphers. */
	[D11_AKM_FT_8021X_SHA384_UNRESTRICTED] = "FT-802.1X-SHA384-UNRESTRICTED",
	[D11_AKM_8021X_SHA384] = "802.1X-SHA384",
	[D11_AKM_SAE_EXT_KEY] = "SAE-EXT-KEY",
	[D11_AKM_FT_SAE_EXT_KEY] = "FT-SAE-EXT-KEY",
	[D11_AKM_EPPKE] = "EPPKE",
};

const char *
d11_akm_name(uint32_t suite)
{
	if ((suite & 0xffffff00u) == OUI_IEEE)
		return pick(akm_ieee_tab, NELEM(akm_ieee_tab), suite & 0xff,
		    UNKNOWN);
	switch (suite) {
	case OUI_MS | 1:
		return "WPA-802.1X";
	case OUI_MS | 2:
		return "WPA-PSK";
	case OUI_WFA | 1:
		return "OSEN";
	case OUI_WFA | 2:
		return "DPP";
	case OUI_CISCO | 0:
		return "CCKM";
	default:
		return UNKNOWN;
	}
}

int
d11_akm_is_ft(uint32_t suite)
{
	if ((suite & 0xffffff00u) != OUI_IEEE)
		return 0;
	switch (suite & 0xff) {
	case D11_AKM_FT_8021X:
	case D11_AKM_FT_PSK:
	case D11_AKM_FT_SAE:
	case D11_AKM_FT_8021X_SHA384:
	case D11_AKM_FT_FILS_SHA256:
	case D11_AKM_FT_FILS_SHA384:
	case D11_AKM_FT_PSK_SHA384:
	case D11_AKM_FT_8021X_SHA384_UNRESTRICTED:
	case D11_AKM_FT_SAE_EXT_KEY:
		return 1;
	default:
		return 0;
	}
}

/* AKMs that authenticate with EAP (802.1X), including their FT forms. */
bool
d11_akm_is_8021x(uint32_t suite)
{
	if (suite == D11_SUITE(D11_OUI_MS, D11_WPA_AKM_8021X))
		return true;
	if ((suite & 0xffffff00u) != OUI_IEEE)
		return false;
	switch (suite & 0xff) {
	case D11_AKM_8021X:
	case D11_AKM_FT_8021X:
	case D11_AKM_8021X_SHA256:
	case D11_AKM_8021X_SUITE_B:
	case D11_AKM_8021X_SUITE_B_192:
	case D11_AKM_FT_8021X_SHA384:
	case D11_AKM_FT_8021X_SHA384_UNRESTRICTED:
	case D11_AKM_8021X_SHA384:
		return true;
	default:
		return false;
	}
}

/* Pre-shared key AKMs (WPA1 PSK too). */
bool
d11_akm_is_psk(uint32_t suite)
{
	if (suite == D11_SUITE(D11_OUI_MS, D11_WPA_AKM_PSK))
		return true;
	if ((suite & 0xffffff00u) != OUI_IEEE)
		return false;
	switch (suite & 0xff) {
	case D11_AKM_PSK:
	case D11_AKM_FT_PSK:
	case D11_AKM_PSK_SHA256:
	case D11_AKM_FT_PSK_SHA384:
	case D11_AKM_PSK_SHA384:
		return true;
	default:
		return false;
	}
}

bool
d11_akm_is_sae(uint32_t suite)
{
	if ((suite & 0xffffff00u) != OUI_IEEE)
		return false;
	switch (suite & 0xff) {
	case D11_AKM_SAE:
	case D11_AKM_FT_SAE:
	case D11_AKM_SAE_EXT_KEY:
	case D11_AKM_FT_SAE_EXT_KEY:
		return true;
	default:
		return false;
	}
}

bool
d11_akm_is_fils(uint32_t suite)
{
	if ((suite & 0xffffff00u) != OUI_IEEE)
		return false;
	switch (suite & 0xff) {
	case D11_AKM_FILS_SHA256:
	case D11_AKM_FILS_SHA384:
	case D11_AKM_FT_FILS_SHA256:
	case D11_AKM_FT_FILS_SHA384:
		return true;
	default:
		return false;
	}
}

bool
d11_akm_is_owe(uint32_t suite)
{
	return suite == D11_SUITE(D11_OUI_IEEE, D11_AKM_OWE);
}

/*
 * FTE MIC length by AKM: 24 octets for the SHA-384 FT AKMs, 16 for the
 * others.  FT-SAE-EXT-KEY carries the length in the FTE's MIC Control
 * field, so 0 here; a non-FT AKM gives 0 as well.
 */
int
d11_akm_fte_mic_len(uint32_t suite)
{
	if (!d11_akm_is_ft(suite))
		return 0;
	switch (suite & 0xff) {
	case D11_AKM_FT_8021X_SHA384:
	case D11_AKM_FT_FILS_SHA384:
	case D11_AKM_FT_PSK_SHA384:
	case D11_AKM_FT_8021X_SHA384_UNRESTRICTED:
		return 24;
	case D11_AKM_FT_SAE_EXT_KEY:
		return 0;
	default:
		return 16;
	}
}

static const char *const cipher_ieee_tab[] = {
	[0] = "Use group cipher",
	[1] = "WEP-40",
	[2] = "TKIP",
	[3] = "WRAP (obsolete)",
	[4] = "CCMP-128",
	[5] = "WEP-104",
	[6] = "BIP-CMAC-128",
	[7] = "Group addressed traffic not allowed",
	[8] = "GCMP-128",
	[9] = "GCMP-256",
	[10] = "CCMP-256",
	[11] = "BIP-GMAC-128",
	[12] = "BIP-GMAC-256",
	[13] = "BIP-CMAC-256",
};

const char *
d11_cipher_name(uint32_t suite)
{
	if ((suite & 0xffffff00u) == OUI_IEEE)
		return pick(cipher_ieee_tab, NELEM(cipher_ieee_tab),
		    suite & 0xff, UNKNOWN);
	switch (suite) {
	case OUI_MS | 0:
		return "WPA: Use group cipher";
	case OUI_MS | 1:
		return "WPA: WEP-40";
	case OUI_MS | 2:
		return "WPA: TKIP";
	case OUI_MS | 4:
		return "WPA: CCMP-128";
	case OUI_MS | 5:
		return "WPA: WEP-104";
	case OUI_WAPI | 1:
		return "SMS4 (WAPI)";
	case OUI_CISCO | 0:
		return "CKIP";
	case OUI_CISCO | 1:
		return "CKIP+CMIC";
	case OUI_CISCO | 2:
		return "CMIC";
	default:
		return UNKNOWN;
	}
}

/* ---- Element IDs (802.11-2020 Table 9-92) ------------------------------- */

static const char *const element_tab[256] = {
	[0] = "SSID",
	[1] = "Supported Rates",
	[3] = "DSSS Parameter Set",
	[5] = "TIM",
	[6] = "IBSS Parameter Set",
	[7] = "Country",
	[10] = "Request",
	[11] = "BSS Load",
	[12] = "EDCA Parameter Set",
	[13] = "TSPEC",
	[14] = "TCLAS",
	[15] = "Schedule",
	[16] = "Challenge Text",
	[32] = "Power Constraint",
	[33] = "Power Capability",
	[34] = "TPC Request",
	[35] = "TPC Report",
	[36] = "Supported Channels",
	[37] = "Channel Switch Announcement",
	[38] = "Measurement Request",
	[39] = "Measurement Report",
	[40] = "Quiet",
	[41] = "IBSS DFS",
	[42] = "ERP",
	[43] = "TS Delay",
	[44] = "TCLAS Processing",
	[45] = "HT Capabilities",
	[46] = "QoS Capability",
	[48] = "RSN",
	[50] = "Extended Supported Rates",
	[51] = "AP Channel Report",
	[52] = "Neighbor Report",
	[53] = "RCPI",
	[54] = "Mobility Domain",
	[55] = "Fast BSS Transition",
	[56] = "Timeout Interval",
	[57] = "RIC Data",
	[58] = "DSE Registered Location",
	[59] = "Supported Operating Classes",
	[60] = "Extended Channel Switch Announcement",
	[61] = "HT Operation",
	[62] = "Secondary Channel Offset",
	[63] = "BSS Average Access Delay",
	[64] = "Antenna",
	[65] = "RSNI",
	[66] = "Measurement Pilot Transmission",
	[67] = "BSS Available Admission Capacity",
	/* 68 is also the WAPI parameter set element. */
	[68] = "BSS AC Access Delay",
	[69] = "Time Advertisement",
	[70] = "RM Enabled Capabilities",
	[71] = "Multiple BSSID",
	[72] = "20/40 BSS Coexistence",
	[73] = "20/40 BSS Intolerant Channel Report",
	[74] = "Overlapping BSS Scan Parameters",
	[75] = "RIC Descriptor",
	[76] = "Management MIC",
	[78] = "Event Request",
	[79] = "Event Report",
	[80] = "Diagnostic Request",
	[81] = "Diagnostic Report",
	[82] = "Location Parameters",
	[83] = "Nontransmitted BSSID Capability",
	[84] = "SSID List",
	[85] = "Multiple BSSID-Index",
	[86] = "FMS Descriptor",
	[87] = "FMS Request",
	[88] = "FMS Response",
	[89] = "QoS Traffic Capability",
	[90] = "BSS Max Idle Period",
	[91] = "TFS Request",
	[92] = "TFS Response",
	[93] = "WNM Sleep Mode",
	[94] = "TIM Broadcast Request",
	[95] = "TIM Broadcast Response",
	[96] = "Collocated Interference Report",
	[97] = "Channel Usage",
	[98] = "Time Zone",
	[99] = "DMS Request",
	[100] = "DMS Response",
	[101] = "Link Identifier",
	[102] = "Wakeup Schedule",
	[104] = "Channel Switch Timing",
	[105] = "PTI Control",
	[106] = "TPU Buffer Status",
	[107] = "Interworking",
	[108] = "Advertisement Protocol",
	[109] = "Expedited Bandwidth Request",
	[110] = "QoS Map",
	[111] = "Roaming Consortium",
	[112] = "Emergency Alert Identifier",
	[113] = "Mesh Configuration",
	[114] = "Mesh ID",
	[115] = "Mesh Link Metric Report",
	[116] = "Congestion Notification",
	[117] = "Mesh Peering Management",
	[118] = "Mesh Channel Switch Parameters",
	[119] = "Mesh Awake Window",
	[120] = "Beacon Timing",
	[121] = "MCCAOP Setup Request",
	[122] = "MCCAOP Setup Reply",
	[123] = "MCCAOP Advertisement",
	[124] = "MCCAOP Teardown",
	[125] = "GANN",
	[126] = "RANN",
	[127] = "Extended Capabilities",
	[130] = "PREQ",
	[131] = "PREP",
	[132] = "PERR",
	[137] = "PXU",
	[138] = "PXUC",
	[139] = "Authenticated Mesh Peering Exchange",
	[140] = "MIC",
	[141] = "Destination URI",
	[142] = "U-APSD Coexistence",
	[143] = "DMG Wakeup Schedule",
	[144] = "Extended Schedule",
	[145] = "STA Availability",
	[146] = "DMG TSPEC",
	[147] = "Next DMG ATI",
	[148] = "DMG Capabilities",
	[151] = "DMG Operation",
	[152] = "DMG BSS Parameter Change",
	[153] = "DMG Beam Refinement",
	[154] = "Channel Measurement Feedback",
	[157] = "Awake Window",
	[158] = "Multi-band",
	[159] = "ADDBA Extension",
	[160] = "Next PCP List",
	[161] = "PCP Handover",
	[162] = "DMG Link Margin",
	[163] = "Switching Stream",
	[164] = "Session Transition",
	[165] = "Dynamic Tone Pairing Report",
	[166] = "Cluster Report",
	[167] = "Relay Capabilities",
	[168] = "Relay Transfer Parameter Set",
	[169] = "BeamLink Maintenance",
	[170] = "Multiple MAC Sublayers",
	[171] = "U-PID",
	[172] = "DMG Link Adaptation Acknowledgment",
	[174] = "MCCAOP Advertisement Overview",
	[175] = "Quiet Period Request",
	[177] = "Quiet Period Response",
	[181] = "QMF Policy",
	[182] = "ECAPC Policy",
	[183] = "Cluster Time Offset",
	[184] = "Intra-Access Category Priority",
	[185] = "SCS Descriptor",
	[186] = "QLoad Report",
	[187] = "HCCA TXOP Update Count",
	[188] = "Higher Layer Stream ID",
	[189] = "GCR Group Address",
	[190] = "Antenna Sector ID Pattern",
	[191] = "VHT Capabilities",
	[192] = "VHT Operation",
	[193] = "Extended BSS Load",
	[194] = "Wide Bandwidth Channel Switch",
	[195] = "Transmit Power Envelope",
	[196] = "Channel Switch Wrapper",
	[197] = "AID",
	[198] = "Quiet Channel",
	[199] = "Operating Mode Notification",
	[200] = "UPSIM",
	[201] = "Reduced Neighbor Report",
	[202] = "TVHT Operation",
	[204] = "Device Location",
	[205] = "White Space Map",
	[206] = "Fine Timing Measurement Parameters",
	[207] = "S1G Open-Loop Link Margin Index",
	[208] = "RPS",
	[209] = "Page Slice",
	[210] = "AID Request",
	[211] = "AID Response",
	[212] = "S1G Sector Operation",
	[213] = "S1G Beacon Compatibility",
	[214] = "Short Beacon Interval",
	[215] = "Change Sequence",
	[216] = "TWT",
	[217] = "S1G Capabilities",
	[220] = "Subchannel Selective Transmission",
	[221] = "Vendor Specific",
	[222] = "Authentication Control",
	[223] = "TSF Timer Accuracy",
	[224] = "S1G Relay",
	[225] = "Reachable Address",
	[226] = "S1G Relay Discovery",
	[228] = "AID Announcement",
	[229] = "PV1 Probe Response Option",
	[230] = "EL Operation",
	[231] = "Sectorized Group ID List",
	[232] = "S1G Operation",
	[233] = "Header Compression",
	[234] = "SST Operation",
	[235] = "MAD",
	[236] = "S1G Relay Activation",
	[237] = "CAG Number",
	[239] = "AP-CSN",
	[240] = "FILS Indication",
	[241] = "DILS",
	[242] = "Fragment",
	[244] = "RSN Extension",
	[255] = "Element ID Extension",
};

const char *
d11_element_name(uint8_t id)
{
	return element_tab[id] != NULL ? element_tab[id] : RESERVED;
}

/* Extension element IDs (element 255), 802.11-2020 plus ax/ay/az/be. */
static const char *const ext_element_tab[256] = {
	[1] = "Association Delay Info",
	[2] = "FILS Request Parameters",
	[3] = "FILS Key Confirmation",
	[4] = "FILS Session",
	[5] = "FILS HLP Container",
	[6] = "FILS IP Address Assignment",
	[7] = "Key Delivery",
	[8] = "Wrapped Data",
	[9] = "FTM Synchronization Information",
	[10] = "Extended Request",
	[11] = "Estimated Service Parameters Inbound",
	[12] = "FILS Public Key",
	[13] = "FILS Nonce",
	[14] = "Future Channel Guidance",
	[15] = "Service Hint",
	[16] = "Service Hash",
	[17] = "CDMG Capabilities",
	[18] = "Dynamic Bandwidth Control",
	[19] = "CDMG Extended Schedule",
	[20] = "SSW Report",
	[21] = "Cluster Probe",
	[22] = "Extended Cluster Report",
	[23] = "Cluster Switch Announcement",
	[24] = "Enhanced Beam Tracking",
	[25] = "SPSH Report",
	[26] = "Clustering Interference Assessment",
	[27] = "CMMG Capabilities",
	[28] = "CMMG Operation",
	[29] = "CMMG Operating Mode Notification",
	[30] = "CMMG Link Margin",
	[31] = "CMMG Link Adaptation Acknowledgment",
	/* 32 is assigned by RFC 8110 (OWE), not listed in Table 9-92. */
	[32] = "Diffie-Hellman Parameter",
	[33] = "Password Identifier",
	[34] = "GLK-GCR Parameter Set",
	[35] = "HE Capabilities",
	[36] = "HE Operation",
	[37] = "UORA Parameter Set",
	[38] = "MU EDCA Parameter Set",
	[39] = "Spatial Reuse Parameter Set",
	[40] = "GAS Extension",
	[41] = "NDP Feedback Report Parameter Set",
	[42] = "BSS Color Change Announcement",
	[43] = "Quiet Time Period Setup",
	[44] = "Vendor Specific Request",
	[45] = "ESS Report",
	[46] = "OPS",
	[47] = "HE BSS Load",
	[52] = "Max Channel Switch Time",
	[53] = "Estimated Service Parameters Outbound",
	[54] = "OCI",
	[55] = "Multiple BSSID Configuration",
	[56] = "Non-Inheritance",
	[57] = "Known BSSID",
	[58] = "Short SSID List",
	[59] = "HE 6 GHz Band Capabilities",
	[60] = "UL MU Power Capabilities",
	[61] = "EDMG Capabilities",
	[62] = "EDMG Operation",
	[88] = "MSCS Descriptor",
	[89] = "TCLAS Mask",
	[90] = "Supplemental Class 2 Capabilities",
	[91] = "OCT Source",
	[92] = "Rejected Groups",
	[93] = "Anti-Clogging Token Container",
	[94] = "Secure LTF Parameters",
	[95] = "ISTA Passive TB Ranging Measurement Report",
	[96] = "RSTA Passive TB Ranging Measurement Report",
	[97] = "Passive TB Ranging LCI Table",
	[98] = "ISTA Availability Window",
	[99] = "RSTA Availability Window",
	[100] = "PASN Parameters",
	[101] = "Ranging Parameters",
	[102] = "Direction Measurement Results",
	[103] = "Multiple AOD Feedback",
	[104] = "Multiple Best AWV ID",
	[105] = "LOS Likelihood",
	[106] = "EHT Operation",
	[107] = "Multi-Link",
	[108] = "EHT Capabilities",
	[109] = "TID-to-Link Mapping",
	[110] = "Multi-Link Traffic Indication",
	[113] = "QoS Characteristics",
	[114] = "AKM Suite Selector",
	[133] = "MLO Link Information",
	[134] = "AID Bitmap",
	[135] = "Bandwidth Indication",
	[136] = "Known STA Identification",
	[137] = "Non-AP STA Regulatory Connectivity",
};

const char *
d11_ext_element_name(uint8_t ext_id)
{
	return ext_element_tab[ext_id] != NULL ? ext_element_tab[ext_id] :
	    RESERVED;
}

/* ---- EAP (RFC 3748 codes, IANA method types) ---------------------------- */

static const char *const eap_code_tab[] = {
	[D11_EAP_REQUEST] = "Request",
	[D11_EAP_RESPONSE] = "Response",
	[D11_EAP_SUCCESS] = "Success",
	[D11_EAP_FAILURE] = "Failure",
	[D11_EAP_INITIATE] = "Initiate",	/* RFC 6696 (ERP) */
	[D11_EAP_FINISH] = "Finish",
};

const char *
d11_eap_code_name(uint8_t code)
{
	return pick(eap_code_tab, NELEM(eap_code_tab), code, UNKNOWN);
}

static const char *const eap_type_tab[256] = {
	[1] = "Identity",
	[2] = "Notification",
	[3] = "Nak",
	[4] = "MD5",
	[5] = "OTP",
	[6] = "GTC",
	[13] = "TLS",
	[17] = "LEAP",
	[18] = "SIM",
	[21] = "TTLS",
	[23] = "AKA",
	[25] = "PEAP",
	[26] = "MSCHAPv2",
	[33] = "TLV",
	[38] = "TNC",
	[43] = "FAST",
	[46] = "PAX",
	[47] = "PSK",
	[48] = "SAKE",
	[49] = "IKEv2",
	[50] = "AKA'",
	[51] = "GPSK",
	[52] = "pwd",
	[53] = "EKE",
	[55] = "TEAP",
	[254] = "Expanded",
	[255] = "Experimental",
};

const char *
d11_eap_type_name(uint8_t type)
{
	return eap_type_tab[type] != NULL ? eap_type_tab[type] : UNKNOWN;
}

/* ---- Frame type/subtype (802.11-2020 Table 9-1) ------------------------ */

static const char *const subtype_tab[4][16] = {
	[0] = {		/* management */
		[0] = "Association Request",
		[1] = "Association Response",
		[2] = "Reassociation Request",
		[3] = "Reassociation Response",
		[4] = "Probe Request",
		[5] = "Probe Response",
		[6] = "Timing Advertisement",
		[8] = "Beacon",
		[9] = "ATIM",
		[10] = "Disassociation",
		[11] = "Authentication",
		[12] = "Deauthentication",
		[13] = "Action",
		[14] = "Action No Ack",
	},
	[1] = {		/* control */
		[2] = "Trigger",
		[3] = "TACK",
		[4] = "Beamforming Report Poll",
		[5] = "NDP Announcement",
		[6] = "Control Frame Extension",
		[7] = "Control Wrapper",
		[8] = "Block Ack Request",
		[9] = "Block Ack",
		[10] = "PS-Poll",
		[11] = "RTS",
		[12] = "CTS",
		[13] = "Ack",
		[14] = "CF-End",
		[15] = "CF-End+CF-Ack",
	},
	[2] = {		/* data */
		[0] = "Data",
		[1] = "Data+CF-Ack",
		[2] = "Data+CF-Poll",
		[3] = "Data+CF-Ack+CF-Poll",
		[4] = "Null",
		[5] = "CF-Ack",
		[6] = "CF-Poll",
		[7] = "CF-Ack+CF-Poll",
		[8] = "QoS Data",
		[9] = "QoS Data+CF-Ack",
		[10] = "QoS Data+CF-Poll",
		[11] = "QoS Data+CF-Ack+CF-Poll",
		[12] = "QoS Null",
		[14] = "QoS CF-Poll",
		[15] = "QoS CF-Ack+CF-Poll",
	},
	[3] = {		/* extension */
		[0] = "DMG Beacon",
		[1] = "S1G Beacon",
	},
};

const char *
d11_subtype_name(uint8_t type, uint8_t subtype)
{
	if (type > 3 || subtype > 15 || subtype_tab[type][subtype] == NULL)
		return RESERVED;
	return subtype_tab[type][subtype];
}

/* ---- PHY type (dot11PHYType, as used in the Neighbor Report) ------------ */

static const char *const phy_type_tab[] = {
	[0] = "Unspecified",
	[1] = "FHSS",
	[2] = "DSSS",
	[3] = "IR baseband",
	[4] = "OFDM",
	[5] = "HRDSSS",
	[6] = "ERP",
	[7] = "HT",
	[8] = "DMG",
	[9] = "VHT",
	[10] = "TVHT",
	[11] = "S1G",
	[12] = "CDMG",
	[13] = "CMMG",
	[14] = "HE",
	[15] = "EHT",	/* 802.11be; not yet in hostapd's enum */
};

const char *
d11_phy_type_name(uint8_t phy)
{
	return pick(phy_type_tab, NELEM(phy_type_tab), phy, RESERVED);
}

/* ---- Wi-Fi 7: Multi-Link element type, Reconfiguration operation ------- */

static const char *const ml_type_tab[] = {
	[D11_ML_BASIC] = "Basic",
	[D11_ML_PREQ] = "Probe Request",
	[D11_ML_RECONF] = "Reconfiguration",
	[D11_ML_TDLS] = "TDLS",
	[D11_ML_PRIO] = "Priority Access",
};

const char *
d11_ml_type_name(uint8_t type)
{
	return pick(ml_type_tab, NELEM(ml_type_tab), type, RESERVED);
}

static const char *const reconf_op_tab[] = {
	[D11_RECONF_AP_REMOVAL] = "AP Removal",
	[D11_RECONF_OP_UPDATE] = "Operation Parameter Update",
	[D11_RECONF_ADD_LINK] = "Add Link",
	[D11_RECONF_DELETE_LINK] = "Delete Link",
	[D11_RECONF_NSTR_UPDATE] = "NSTR Status Update",
};

const char *
d11_reconf_op_name(uint8_t op)
{
	return pick(reconf_op_tab, NELEM(reconf_op_tab), op, RESERVED);
}

static const char *const eht_width_tab[] = {
	[D11_EHT_WIDTH_20] = "20 MHz",
	[D11_EHT_WIDTH_40] = "40 MHz",
	[D11_EHT_WIDTH_80] = "80 MHz",
	[D11_EHT_WIDTH_160] = "160 MHz",
	[D11_EHT_WIDTH_320] = "320 MHz",
};

const char *
d11_eht_width_name(uint8_t width)
{
	return pick(eht_width_tab, NELEM(eht_width_tab), width, RESERVED);
}
