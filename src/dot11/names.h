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
/* IEEE 802.11-2020 Table 9-50 status code: symbolic name as the standard writes it
 * (e.g. 53 -> "INVALID_PMKID"), and a short human description
 * (e.g. "Invalid PMKID: no PMKSA/PMK-R1 for the PMKID the client presented"). */
const char *d11_status_name(uint16_t code);
const char *d11_status_desc(uint16_t code);
/* Table 9-49 reason codes, same two forms (e.g. 15 -> "4WAY_HANDSHAKE_TIMEOUT"). */
const char *d11_reason_name(uint16_t code);
const char *d11_reason_desc(uint16_t code);
/* BSS Transition Management status (Table 9-428), e.g. 7 -> "Reject: no suitable candidates". */
const char *d11_btm_status_name(uint8_t code);
/* BTM Query reason (Table 9-427 transition and transition query reasons). */
const char *d11_btm_reason_name(uint8_t code);
/* Action frame category (Table 9-51), e.g. 5 -> "Radio Measurement", 6 -> "Fast BSS Transition", 10 -> "WNM". Categories 128-255 (error bit) get their own text. */
const char *d11_category_name(uint8_t category);
/* Action code within a category, e.g. (5,4) -> "Neighbor Report Request", (10,8) -> "BSS Transition Management Response", (6,1) -> "FT Request". Cover every category whose action field is defined (Spectrum mgmt, QoS, DLS, Block Ack, Public (all public actions incl. GAS, FTM), Radio Measurement, FT, HT, SA Query, Protected Dual of Public (same codes as Public), WNM, Unprotected WNM, TDLS, Mesh, Multihop, Self-protected, DMG, WMM/QoS-ish 17, FST, Robust AV streaming, Unprotected DMG, VHT, Unprotected S1G, S1G, Flow control, Control response MCS negotiation, FILS, CDMG, CMMG, GLK, HE, Protected HE, WUR, Protected FTM, EHT, Protected EHT, vendor specific 126/127). Unknown action: "Reserved". */
const char *d11_action_name(uint8_t category, uint8_t action);
/* Authentication algorithm number: 0 "Open System", 1 "Shared Key", 2 "FT", 3 "SAE", 4 "FILS SK", 5 "FILS SK PFS", 6 "FILS PK", 7 "PASN"(check), 65535 "Vendor specific". */
const char *d11_auth_alg_name(uint16_t alg);
/* AKM suite selector as 32-bit OUI<<8|type (00-0F-AC:N -> 0x000FAC00|N): IEEE names, e.g. 1 "802.1X", 2 "PSK", 3 "FT-802.1X", 4 "FT-PSK", 5 "802.1X-SHA256", 6 "PSK-SHA256", 8 "SAE", 9 "FT-SAE", 12 "802.1X-SUITE-B-192", 13 "FT-802.1X-SHA384", 18 "OWE", 19 "FT-PSK-SHA384", 20 "PSK-SHA384", 24 "SAE-EXT-KEY", 25 "FT-SAE-EXT-KEY" ... all of 00-0F-AC 0..25+; 00-50-F2 (WPA1) 1/2 and Wi-Fi Alliance 50-6F-9A known ones (e.g. DPP 2, OSEN 1). Unknown: "Unknown". */
const char *d11_akm_name(uint32_t suite);
/* Whether an AKM is an FT AKM (3, 4, 9, 13, 16, 17, 19, 25 of 00-0F-AC ...), and the FTE MIC length it implies (16, or 24 for the SHA-384 FT AKMs; for FT-SAE-EXT-KEY return 0 meaning "taken from the MIC Length subfield of the MIC Control field"). */
int d11_akm_is_ft(uint32_t suite);
int d11_akm_fte_mic_len(uint32_t suite);
/* Cipher suite (OUI<<8|type), e.g. 00-0F-AC:4 "CCMP-128", 8 "GCMP-128", 9 "GCMP-256", 10 "CCMP-256", 6 "BIP-CMAC-128", 11 "BIP-GMAC-128", 12 "BIP-GMAC-256", 13 "BIP-CMAC-256", 7 "Group addressed traffic not allowed", 1 "WEP-40", 2 "TKIP", 5 "WEP-104", 0 "Use group cipher". WPA1 00-50-F2 too. */
const char *d11_cipher_name(uint32_t suite);
/* Element ID names (Table 9-92), and extension element IDs (ID 255 + ext id). */
const char *d11_element_name(uint8_t id);
const char *d11_ext_element_name(uint8_t ext_id);
/* EAP codes (1 Request 2 Response 3 Success 4 Failure 5 Initiate 6 Finish) and EAP method types (IANA: 1 Identity, 2 Notification, 3 Nak, 4 MD5, 13 TLS, 17 LEAP, 18 SIM, 21 TTLS, 23 AKA, 25 PEAP, 26 MSCHAPv2, 43 FAST, 50 AKA', 52 pwd, 55 TEAP, 254 Expanded ...). */
const char *d11_eap_code_name(uint8_t code);
const char *d11_eap_type_name(uint8_t type);
/* Frame type/subtype name, e.g. (0,11) "Authentication", (0,13) "Action", (2,8) "QoS Data", (1,11) "RTS". */
const char *d11_subtype_name(uint8_t type, uint8_t subtype);
/* Neighbor report PHY type (Table 9-209/ PHY type: 4 DSSS? verify: 2 DSSS, 4 OFDM, 5 HRDSSS, 6 ERP, 7 HT, 8 DMG, 9 VHT, 14 HE, 15 EHT ...). */
const char *d11_phy_type_name(uint8_t phy);
#endif
