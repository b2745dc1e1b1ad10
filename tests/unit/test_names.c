/*
 * test_names.c -- cmocka tests for src/dot11/names.c: the known pitfalls,
 * a sample of every table, and that nothing returns NULL or "".
 */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "names.h"

#define IEEE(n)	(0x000fac00u | (uint32_t)(n))
#define WPA(n)	(0x0050f200u | (uint32_t)(n))
#define WFA(n)	(0x506f9a00u | (uint32_t)(n))

static void
assert_str(const char *got, const char *want)
{
	assert_non_null(got);
	assert_string_equal(got, want);
}

static void
assert_valid(const char *s)
{
	assert_non_null(s);
	assert_true(s[0] != '\0');
}

static void
test_status_pitfalls(void **state)
{
	(void)state;
	assert_str(d11_status_name(52), "INVALID_FT_ACTION_FRAME_COUNT");
	assert_str(d11_status_name(53), "INVALID_PMKID");
	assert_str(d11_status_name(54), "INVALID_MDE");
	assert_str(d11_status_name(55), "INVALID_FTE");
	assert_str(d11_status_name(32), "UNSPECIFIED_QOS_FAILURE");
	assert_str(d11_status_name(30), "REFUSED_TEMPORARILY");
	assert_str(d11_status_name(17), "DENIED_NO_MORE_STAS");
	assert_str(d11_status_name(13), "UNSUPPORTED_AUTH_ALGORITHM");
	assert_str(d11_status_name(43), "STATUS_INVALID_AKMP");
	assert_str(d11_status_name(28), "R0KH_UNREACHABLE");

	/* 53 is about the PMKID, never about QoS. */
	assert_non_null(strstr(d11_status_desc(53), "PMKID"));
	assert_null(strstr(d11_status_desc(53), "QoS"));
	assert_non_null(strstr(d11_status_desc(32), "QoS"));
	assert_non_null(strstr(d11_status_desc(30), "comeback"));
}

static void
test_status_sample(void **state)
{
	(void)state;
	assert_str(d11_status_name(0), "SUCCESS");
	assert_str(d11_status_name(1), "REFUSED_REASON_UNSPECIFIED");
	assert_str(d11_status_name(12), "DENIED_OTHER_REASON");
	assert_str(d11_status_name(31), "ROBUST_MANAGEMENT_POLICY_VIOLATION");
	assert_str(d11_status_name(76), "ANTI_CLOGGING_TOKEN_REQUIRED");
	assert_str(d11_status_name(77), "UNSUPPORTED_FINITE_CYCLIC_GROUP");
	assert_str(d11_status_name(82),
	    "REJECTED_WITH_SUGGESTED_BSS_TRANSITION");
	assert_str(d11_status_name(93), "REFUSED_AP_OUT_OF_MEMORY");
	assert_str(d11_status_name(123), "UNKNOWN_PASSWORD_IDENTIFIER");
	assert_str(d11_status_name(124), "DENIED_HE_NOT_SUPPORTED");
	assert_str(d11_status_name(126), "SAE_HASH_TO_ELEMENT");
	assert_str(d11_status_name(127), "SAE_PK");
	assert_str(d11_status_name(135), "DENIED_EHT_NOT_SUPPORTED");
	assert_str(d11_status_name(138), "OCI_MISMATCH");
	/* Reserved values. */
	assert_str(d11_status_name(4), "Reserved");
	assert_str(d11_status_name(36), "Reserved");
	assert_str(d11_status_name(66), "Reserved");
	assert_str(d11_status_name(114), "Reserved");
	assert_str(d11_status_name(65535), "Reserved");
	assert_str(d11_status_desc(65535), "Reserved");
}

static void
test_reason(void **state)
{
	(void)state;
	assert_str(d11_reason_name(1), "UNSPECIFIED_REASON");
	assert_str(d11_reason_name(2), "INVALID_AUTHENTICATION");
	assert_str(d11_reason_name(3), "LEAVING_NETWORK_DEAUTH");
	assert_str(d11_reason_name(8), "LEAVING_NETWORK_DISASSOC");
	assert_str(d11_reason_name(12), "BSS_TRANSITION_DISASSOC");
	assert_str(d11_reason_name(14), "MIC_FAILURE");
	assert_str(d11_reason_name(15), "4WAY_HANDSHAKE_TIMEOUT");
	assert_str(d11_reason_name(16), "GK_HANDSHAKE_TIMEOUT");
	assert_str(d11_reason_name(23), "802_1_X_AUTH_FAILED");
	assert_str(d11_reason_name(34), "MISSING_ACKS");
	assert_str(d11_reason_name(49), "REASON_INVALID_PMKID");
	assert_str(d11_reason_name(71), "POOR_RSSI_CONDITIONS");
	assert_non_null(strstr(d11_reason_desc(15), "4-way"));
	assert_str(d11_reason_name(0), "Reserved");
	assert_str(d11_reason_name(40), "Reserved");
	assert_str(d11_reason_name(70), "Reserved");
	assert_str(d11_reason_name(72), "Reserved");
	assert_str(d11_reason_desc(9999), "Reserved");
}

static void
test_btm(void **state)
{
	(void)state;
	assert_str(d11_btm_status_name(0), "Accept");
	assert_str(d11_btm_status_name(1), "Reject: unspecified");
	assert_str(d11_btm_status_name(2),
	    "Reject: insufficient beacon/probe responses");
	assert_str(d11_btm_status_name(3), "Reject: insufficient capacity");
	assert_str(d11_btm_status_name(4), "Reject: BSS termination undesired");
	assert_str(d11_btm_status_name(5),
	    "Reject: BSS termination delay requested");
	assert_str(d11_btm_status_name(6),
	    "Reject: STA candidate list provided");
	assert_str(d11_btm_status_name(7), "Reject: no suitable candidates");
	assert_str(d11_btm_status_name(8), "Reject: leaving ESS");
	assert_str(d11_btm_status_name(9), "Reserved");
	assert_str(d11_btm_status_name(255), "Reserved");

	assert_str(d11_btm_reason_name(0), "Unspecified");
	assert_str(d11_btm_reason_name(6), "Better AP found");
	assert_str(d11_btm_reason_name(16), "Low RSSI");
	assert_str(d11_btm_reason_name(20), "Leaving ESS");
	assert_str(d11_btm_reason_name(21), "Reserved");
}

static void
test_category(void **state)
{
	(void)state;
	assert_str(d11_category_name(0), "Spectrum Management");
	assert_str(d11_category_name(3), "Block Ack");
	assert_str(d11_category_name(4), "Public");
	assert_str(d11_category_name(5), "Radio Measurement");
	assert_str(d11_category_name(6), "Fast BSS Transition");
	assert_str(d11_category_name(8), "SA Query");
	assert_str(d11_category_name(10), "WNM");
	assert_str(d11_category_name(22), "Unprotected S1G");
	assert_str(d11_category_name(23), "S1G");
	assert_str(d11_category_name(30), "HE");
	assert_str(d11_category_name(37), "Protected EHT");
	assert_str(d11_category_name(127), "Vendor Specific");
	assert_str(d11_category_name(33), "Reserved");
	assert_str(d11_category_name(100), "Reserved");
	/* Error bit. */
	assert_str(d11_category_name(0x80 | 5), "Radio Measurement (error)");
	assert_str(d11_category_name(0x80 | 10), "WNM (error)");
	assert_str(d11_category_name(0x80 | 100), "Reserved (error)");
	assert_str(d11_category_name(255), "Vendor Specific (error)");
}

static void
test_action(void **state)
{
	(void)state;
	assert_str(d11_action_name(5, 4), "Neighbor Report Request");
	assert_str(d11_action_name(5, 5), "Neighbor Report Response");
	assert_str(d11_action_name(10, 6), "BSS Transition Management Query");
	assert_str(d11_action_name(10, 7),
	    "BSS Transition Management Request");
	assert_str(d11_action_name(10, 8),
	    "BSS Transition Management Response");
	assert_str(d11_action_name(6, 1), "FT Request");
	assert_str(d11_action_name(6, 2), "FT Response");
	assert_str(d11_action_name(6, 0), "Reserved");
	assert_str(d11_action_name(3, 0), "ADDBA Request");
	assert_str(d11_action_name(3, 2), "DELBA");
	assert_str(d11_action_name(3, 128), "NDP ADDBA Request");
	assert_str(d11_action_name(3, 3), "Reserved");
	assert_str(d11_action_name(4, 10), "GAS Initial Request");
	assert_str(d11_action_name(4, 33), "FTM");
	assert_str(d11_action_name(4, 34), "FILS Discovery");
	assert_str(d11_action_name(9, 10), "GAS Initial Request");
	assert_str(d11_action_name(9, 0), "Reserved");
	assert_str(d11_action_name(8, 0), "SA Query Request");
	assert_str(d11_action_name(8, 1), "SA Query Response");
	assert_str(d11_action_name(11, 1), "Timing Measurement");
	assert_str(d11_action_name(12, 10), "TDLS Discovery Request");
	assert_str(d11_action_name(15, 1), "Mesh Peering Open");
	assert_str(d11_action_name(17, 0), "WMM ADDTS Request");
	assert_str(d11_action_name(19, 4), "MSCS Request");
	assert_str(d11_action_name(21, 2), "Operating Mode Notification");
	assert_str(d11_action_name(30, 0), "HE Compressed Beamforming And CQI");
	assert_str(d11_action_name(32, 1), "WUR Mode Teardown");
	assert_str(d11_action_name(34, 1), "Protected FTM Request");
	assert_str(d11_action_name(37, 0), "TID-to-Link Mapping Request");
	assert_str(d11_action_name(37, 12), "Link Reconfiguration Response");
	assert_str(d11_action_name(126, 0), "Vendor Specific");
	assert_str(d11_action_name(127, 42), "Vendor Specific");
	/* Error-returned frame keeps its action meaning. */
	assert_str(d11_action_name(0x80 | 10, 8),
	    "BSS Transition Management Response");
	/* Categories with no table here, and unassigned ones. */
	assert_str(d11_action_name(26, 0), "Unknown");
	assert_str(d11_action_name(33, 0), "Unknown");
	assert_str(d11_action_name(100, 0), "Unknown");
	assert_str(d11_action_name(10, 200), "Reserved");
}

static void
test_auth_alg(void **state)
{
	(void)state;
	assert_str(d11_auth_alg_name(0), "Open System");
	assert_str(d11_auth_alg_name(1), "Shared Key");
	assert_str(d11_auth_alg_name(2), "FT");
	assert_str(d11_auth_alg_name(3), "SAE");
	assert_str(d11_auth_alg_name(4), "FILS SK");
	assert_str(d11_auth_alg_name(5), "FILS SK PFS");
	assert_str(d11_auth_alg_name(6), "FILS PK");
	assert_str(d11_auth_alg_name(7), "PASN");
	assert_str(d11_auth_alg_name(65535), "Vendor specific");
	assert_str(d11_auth_alg_name(10), "Reserved");
	assert_str(d11_auth_alg_name(1000), "Reserved");
}

static void
test_akm(void **state)
{
	(void)state;
	assert_str(d11_akm_name(IEEE(1)), "802.1X");
	assert_str(d11_akm_name(IEEE(2)), "PSK");
	assert_str(d11_akm_name(IEEE(3)), "FT-802.1X");
	assert_str(d11_akm_name(IEEE(4)), "FT-PSK");
	assert_str(d11_akm_name(IEEE(5)), "802.1X-SHA256");
	assert_str(d11_akm_name(IEEE(6)), "PSK-SHA256");
	assert_str(d11_akm_name(IEEE(8)), "SAE");
	assert_str(d11_akm_name(IEEE(9)), "FT-SAE");
	assert_str(d11_akm_name(IEEE(12)), "802.1X-SUITE-B-192");
	assert_str(d11_akm_name(IEEE(13)), "FT-802.1X-SHA384");
	assert_str(d11_akm_name(IEEE(18)), "OWE");
	assert_str(d11_akm_name(IEEE(19)), "FT-PSK-SHA384");
	assert_str(d11_akm_name(IEEE(20)), "PSK-SHA384");
	assert_str(d11_akm_name(IEEE(24)), "SAE-EXT-KEY");
	assert_str(d11_akm_name(IEEE(25)), "FT-SAE-EXT-KEY");
	assert_str(d11_akm_name(WPA(1)), "WPA-802.1X");
	assert_str(d11_akm_name(WPA(2)), "WPA-PSK");
	assert_str(d11_akm_name(WFA(1)), "OSEN");
	assert_str(d11_akm_name(WFA(2)), "DPP");
	assert_str(d11_akm_name(IEEE(0)), "Unknown");
	assert_str(d11_akm_name(IEEE(200)), "Unknown");
	assert_str(d11_akm_name(0x12345678u), "Unknown");
	/* The byte order matters: 02-AC-0F-00 is not PSK. */
	assert_str(d11_akm_name(0x02ac0f00u), "Unknown");
}

static void
test_akm_ft(void **state)
{
	static const unsigned int ft[] = { 3, 4, 9, 13, 16, 17, 19, 22, 25 };
	unsigned int	i, n;
	int		is_ft;

	(void)state;
	for (n = 0; n < 256; n++) {
		is_ft = 0;
		for (i = 0; i < sizeof(ft) / sizeof(ft[0]); i++)
			if (ft[i] == n)
				is_ft = 1;
		assert_int_equal(d11_akm_is_ft(IEEE(n)), is_ft);
		if (!is_ft)
			assert_int_equal(d11_akm_fte_mic_len(IEEE(n)), 0);
	}
	assert_int_equal(d11_akm_fte_mic_len(IEEE(3)), 16);
	assert_int_equal(d11_akm_fte_mic_len(IEEE(4)), 16);
	assert_int_equal(d11_akm_fte_mic_len(IEEE(9)), 16);
	assert_int_equal(d11_akm_fte_mic_len(IEEE(16)), 16);
	assert_int_equal(d11_akm_fte_mic_len(IEEE(13)), 24);
	assert_int_equal(d11_akm_fte_mic_len(IEEE(17)), 24);
	assert_int_equal(d11_akm_fte_mic_len(IEEE(19)), 24);
	assert_int_equal(d11_akm_fte_mic_len(IEEE(22)), 24);
	assert_int_equal(d11_akm_fte_mic_len(IEEE(25)), 0);
	/* WPA1 and vendor AKMs are never FT. */
	assert_int_equal(d11_akm_is_ft(WPA(4)), 0);
	assert_int_equal(d11_akm_is_ft(WFA(3)), 0);
}

static void
test_cipher(void **state)
{
	(void)state;
	assert_str(d11_cipher_name(IEEE(0)), "Use group cipher");
	assert_str(d11_cipher_name(IEEE(1)), "WEP-40");
	assert_str(d11_cipher_name(IEEE(2)), "TKIP");
	assert_str(d11_cipher_name(IEEE(4)), "CCMP-128");
	assert_str(d11_cipher_name(IEEE(5)), "WEP-104");
	assert_str(d11_cipher_name(IEEE(6)), "BIP-CMAC-128");
	assert_str(d11_cipher_name(IEEE(7)),
	    "Group addressed traffic not allowed");
	assert_str(d11_cipher_name(IEEE(8)), "GCMP-128");
	assert_str(d11_cipher_name(IEEE(9)), "GCMP-256");
	assert_str(d11_cipher_name(IEEE(10)), "CCMP-256");
	assert_str(d11_cipher_name(IEEE(11)), "BIP-GMAC-128");
	assert_str(d11_cipher_name(IEEE(12)), "BIP-GMAC-256");
	assert_str(d11_cipher_name(IEEE(13)), "BIP-CMAC-256");
	assert_str(d11_cipher_name(IEEE(14)), "Unknown");
	assert_str(d11_cipher_name(WPA(2)), "WPA: TKIP");
	assert_str(d11_cipher_name(WPA(4)), "WPA: CCMP-128");
	assert_str(d11_cipher_name(0xdeadbeefu), "Unknown");
}

static void
test_elements(void **state)
{
	(void)state;
	assert_str(d11_element_name(0), "SSID");
	assert_str(d11_element_name(48), "RSN");
	assert_str(d11_element_name(52), "Neighbor Report");
	assert_str(d11_element_name(54), "Mobility Domain");
	assert_str(d11_element_name(55), "Fast BSS Transition");
	assert_str(d11_element_name(56), "Timeout Interval");
	assert_str(d11_element_name(70), "RM Enabled Capabilities");
	assert_str(d11_element_name(127), "Extended Capabilities");
	assert_str(d11_element_name(191), "VHT Capabilities");
	assert_str(d11_element_name(201), "Reduced Neighbor Report");
	assert_str(d11_element_name(221), "Vendor Specific");
	assert_str(d11_element_name(244), "RSN Extension");
	assert_str(d11_element_name(255), "Element ID Extension");
	assert_str(d11_element_name(2), "Reserved");
	assert_str(d11_element_name(47), "Reserved");
	assert_str(d11_element_name(250), "Reserved");

	assert_str(d11_ext_element_name(35), "HE Capabilities");
	assert_str(d11_ext_element_name(36), "HE Operation");
	assert_str(d11_ext_element_name(54), "OCI");
	assert_str(d11_ext_element_name(59), "HE 6 GHz Band Capabilities");
	assert_str(d11_ext_element_name(93), "Anti-Clogging Token Container");
	assert_str(d11_ext_element_name(106), "EHT Operation");
	assert_str(d11_ext_element_name(107), "Multi-Link");
	assert_str(d11_ext_element_name(108), "EHT Capabilities");
	assert_str(d11_ext_element_name(0), "Reserved");
	assert_str(d11_ext_element_name(255), "Reserved");
}

static void
test_eap(void **state)
{
	(void)state;
	assert_str(d11_eap_code_name(1), "Request");
	assert_str(d11_eap_code_name(2), "Response");
	assert_str(d11_eap_code_name(3), "Success");
	assert_str(d11_eap_code_name(4), "Failure");
	assert_str(d11_eap_code_name(5), "Initiate");
	assert_str(d11_eap_code_name(6), "Finish");
	assert_str(d11_eap_code_name(0), "Unknown");
	assert_str(d11_eap_code_name(7), "Unknown");

	assert_str(d11_eap_type_name(1), "Identity");
	assert_str(d11_eap_type_name(3), "Nak");
	assert_str(d11_eap_type_name(13), "TLS");
	assert_str(d11_eap_type_name(25), "PEAP");
	assert_str(d11_eap_type_name(26), "MSCHAPv2");
	assert_str(d11_eap_type_name(50), "AKA'");
	assert_str(d11_eap_type_name(52), "pwd");
	assert_str(d11_eap_type_name(55), "TEAP");
	assert_str(d11_eap_type_name(254), "Expanded");
	assert_str(d11_eap_type_name(0), "Unknown");
	assert_str(d11_eap_type_name(100), "Unknown");
}

static void
test_subtype(void **state)
{
	(void)state;
	assert_str(d11_subtype_name(0, 0), "Association Request");
	assert_str(d11_subtype_name(0, 2), "Reassociation Request");
	assert_str(d11_subtype_name(0, 8), "Beacon");
	assert_str(d11_subtype_name(0, 11), "Authentication");
	assert_str(d11_subtype_name(0, 12), "Deauthentication");
	assert_str(d11_subtype_name(0, 13), "Action");
	assert_str(d11_subtype_name(0, 14), "Action No Ack");
	assert_str(d11_subtype_name(1, 9), "Block Ack");
	assert_str(d11_subtype_name(1, 11), "RTS");
	assert_str(d11_subtype_name(1, 13), "Ack");
	assert_str(d11_subtype_name(2, 0), "Data");
	assert_str(d11_subtype_name(2, 4), "Null");
	assert_str(d11_subtype_name(2, 8), "QoS Data");
	assert_str(d11_subtype_name(2, 12), "QoS Null");
	assert_str(d11_subtype_name(3, 1), "S1G Beacon");
	assert_str(d11_subtype_name(0, 7), "Reserved");
	assert_str(d11_subtype_name(2, 13), "Reserved");
	assert_str(d11_subtype_name(4, 0), "Reserved");
	assert_str(d11_subtype_name(0, 16), "Reserved");
}

static void
test_phy(void **state)
{
	(void)state;
	assert_str(d11_phy_type_name(2), "DSSS");
	assert_str(d11_phy_type_name(4), "OFDM");
	assert_str(d11_phy_type_name(5), "HRDSSS");
	assert_str(d11_phy_type_name(6), "ERP");
	assert_str(d11_phy_type_name(7), "HT");
	assert_str(d11_phy_type_name(8), "DMG");
	assert_str(d11_phy_type_name(9), "VHT");
	assert_str(d11_phy_type_name(14), "HE");
	assert_str(d11_phy_type_name(15), "EHT");
	assert_str(d11_phy_type_name(16), "Reserved");
	assert_str(d11_phy_type_name(255), "Reserved");
}

/* Every input of every table gives a usable string. */
static void
test_never_null(void **state)
{
	unsigned int	i, j;
	uint32_t	oui[] = { 0x000fac00u, 0x0050f200u, 0x506f9a00u,
			    0x00409600u, 0x00147200u, 0xffffff00u, 0 };

	(void)state;
	for (i = 0; i <= 0xffff; i++) {
		assert_valid(d11_status_name((uint16_t)i));
		assert_valid(d11_status_desc((uint16_t)i));
		assert_valid(d11_reason_name((uint16_t)i));
		assert_valid(d11_reason_desc((uint16_t)i));
		assert_valid(d11_auth_alg_name((uint16_t)i));
	}
	for (i = 0; i <= 0xff; i++) {
		assert_valid(d11_btm_status_name((uint8_t)i));
		assert_valid(d11_btm_reason_name((uint8_t)i));
		assert_valid(d11_category_name((uint8_t)i));
		assert_valid(d11_element_name((uint8_t)i));
		assert_valid(d11_ext_element_name((uint8_t)i));
		assert_valid(d11_eap_code_name((uint8_t)i));
		assert_valid(d11_eap_type_name((uint8_t)i));
		assert_valid(d11_phy_type_name((uint8_t)i));
		for (j = 0; j <= 0xff; j++) {
			assert_valid(d11_action_name((uint8_t)i, (uint8_t)j));
			assert_valid(d11_subtype_name((uint8_t)i,
			    (uint8_t)j));
		}
		for (j = 0; j < sizeof(oui) / sizeof(oui[0]); j++) {
			assert_valid(d11_akm_name(oui[j] | i));
			assert_valid(d11_cipher_name(oui[j] | i));
			assert_true(d11_akm_fte_mic_len(oui[j] | i) >= 0);
		}
	}
	assert_valid(d11_akm_name(0xffffffffu));
	assert_valid(d11_cipher_name(0xffffffffu));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_status_pitfalls),
		cmocka_unit_test(test_status_sample),
		cmocka_unit_test(test_reason),
		cmocka_unit_test(test_btm),
		cmocka_unit_test(test_category),
		cmocka_unit_test(test_action),
		cmocka_unit_test(test_auth_alg),
		cmocka_unit_test(test_akm),
		cmocka_unit_test(test_akm_ft),
		cmocka_unit_test(test_cipher),
		cmocka_unit_test(test_elements),
		cmocka_unit_test(test_eap),
		cmocka_unit_test(test_subtype),
		cmocka_unit_test(test_phy),
		cmocka_unit_test(test_never_null),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
