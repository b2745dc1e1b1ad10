#ifndef DOT11_NAMES_H
#define DOT11_NAMES_H
#include <stdint.h>
/*
 * Name tables for printing.  Every function returns a pointer to a static
 * constant string and never returns NULL.  Values with no entry give:
 *   status/reason names and descriptions, BTM status/reason, category,
 *   action, auth algorithm, element, extension element, PHY type and
 *   frame subtype: "Reserved";
 *   AKM, cipher, EAP code and EAP type: "Unknown";
 *   d11_action_name() on a category whose action table is not carried here
 *   (24 Flow Control .. 29 GLK) or on an unassigned category: "Unknown".
 */
/*
 * IEEE 802.11-2020 Table 9-50 status code: the symbolic name as the
 * standard writes it (e.g. 53 -> "INVALID_PMKID"), and a short description
 * (e.g. "Invalid PMKID: no PMKSA/PMK-R1 for the PMKID the client
 * presented").
 */
const char *d11_status_name(uint16_t code);
const char *d11_status_desc(uint16_t code);
/* Table 9-49 reason codes, the same two forms (e.g. 15 ->
 * "4WAY_HANDSHAKE_TIMEOUT"). */
const char *d11_reason_name(uint16_t code);
const char *d11_reason_desc(uint16_t code);
/* BSS Transition Management status (Table 9-428), e.g. 7 -> "Reject: no
 * suitable candidates". */
const char *d11_btm_status_name(uint8_t code);
/* BTM Query reason (Table 9-427, transition and transition query
 * reasons). */
const char *d11_btm_reason_name(uint8_t code);
/* Action frame category (Table 9-51), e.g. 5 -> "Radio Measurement",
 * 6 -> "Fast BSS Transition", 10 -> "WNM".  Categories 128-255 (the error
 * bit set) are named as errors returned for their category. */
const char *d11_category_name(uint8_t category);
/*
 * Action code within a category, e.g. (5, 4) -> "Neighbor Report Request",
 * (10, 8) -> "BSS Transition Management Response", (6, 1) -> "FT Request",
 * for every category with defined action fields except 24-29 (see above);
 * the error bit of the category is ignored, and the vendor-specific
 * categories 126/127 give "Vendor Specific".  An unknown action in a known
 * category: "Reserved".
 */
const char *d11_action_name(uint8_t category, uint8_t action);
/* Authentication algorithm number: 0 "Open System", 1 "Shared Key",
 * 2 "FT", 3 "SAE", 4-6 FILS, 7 "PASN", ..., 65535 "Vendor specific". */
const char *d11_auth_alg_name(uint16_t alg);
/*
 * AKM suite selector as a 32-bit OUI << 8 | type (00-0F-AC:N is
 * 0x000fac00 | N): the IEEE names, e.g. 1 "802.1X", 2 "PSK",
 * 3 "FT-802.1X", 4 "FT-PSK", 8 "SAE", 9 "FT-SAE", 18 "OWE",
 * 24 "SAE-EXT-KEY"; also WPA1 (00-50-F2) 1 and 2, and the Wi-Fi Alliance
 * (50-6F-9A) OSEN and DPP.
 */
const char *d11_akm_name(uint32_t suite);
/*
 * Whether an AKM is an FT AKM (00-0F-AC 3, 4, 9, 13, 16, 17, 19, 22, 25),
 * and the FTE MIC length it implies: 16, or 24 for the SHA-384 FT AKMs;
 * 0 for FT-SAE-EXT-KEY (the length is in the MIC Control field) and for a
 * non-FT AKM.
 */
int d11_akm_is_ft(uint32_t suite);
int d11_akm_fte_mic_len(uint32_t suite);
/* Cipher suite (OUI << 8 | type), e.g. 00-0F-AC:4 "CCMP-128",
 * 8 "GCMP-128", 6 "BIP-CMAC-128", 7 "Group addressed traffic not allowed",
 * 0 "Use group cipher"; the WPA1 (00-50-F2) ones too. */
const char *d11_cipher_name(uint32_t suite);
/* Element ID names (Table 9-92), and extension element IDs (ID 255 and the
 * Element ID Extension). */
const char *d11_element_name(uint8_t id);
const char *d11_ext_element_name(uint8_t ext_id);
/* EAP codes (RFC 3748: 1 Request .. 4 Failure, 5 Initiate, 6 Finish) and
 * EAP method types (IANA, e.g. 1 Identity, 13 TLS, 25 PEAP, 55 TEAP). */
const char *d11_eap_code_name(uint8_t code);
const char *d11_eap_type_name(uint8_t type);
/* Frame type/subtype name, e.g. (0, 11) "Authentication", (0, 13)
 * "Action", (2, 8) "QoS Data", (1, 11) "RTS". */
const char *d11_subtype_name(uint8_t type, uint8_t subtype);
/* Neighbor Report PHY type (dot11PHYType): 2 DSSS, 4 OFDM, 5 HRDSSS,
 * 6 ERP, 7 HT, 8 DMG, 9 VHT, 14 HE, 15 EHT, ... */
const char *d11_phy_type_name(uint8_t phy);
/* Multi-Link element Type (0 "Basic" .. 4 "Priority Access"), the
 * Reconfiguration Operation Type of a Reconfiguration per-STA profile (0 "AP
 * Removal" .. 4 "NSTR Status Update") and the EHT Operation Channel Width
 * (0 "20 MHz" .. 4 "320 MHz"), IEEE 802.11be-2024. */
const char *d11_ml_type_name(uint8_t type);
const char *d11_reconf_op_name(uint8_t op);
const char *d11_eht_width_name(uint8_t width);
#endif
