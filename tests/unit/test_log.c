/*
 * test_log.c -- the log readers line by line, streaming, following a file,
 * format detection, and the alignment on made-up event sets whose offset is
 * known.  The lines are copied from real logs: the AireOS ones from the two
 * controller logs in tests/data/logs/, hostapd and wpa_supplicant ones from
 * the lab's logs in tests/data/lab/ (or, for events the lab never shows,
 * printed with the format strings of wpa_supplicant 2.10's events.c), the
 * 9800 ones from the RA trace forms in doc/logs.md.  Whole files are
 * tested by tests/test_logs.py.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "log/log.h"

#define NS	1000000000LL
/* 2014-05-07 00:00:00 UTC, near the AireOS guide's logs */
#define REF_2014	(1399420800LL * NS)

static struct log *
parse(enum log_format f, const char *text, int64_t ref)
{
	struct log_opts	 o;
	struct log	*l;

	memset(&o, 0, sizeof(o));
	o.ref_ns = ref;
	l = log_new(f, &o);
	assert_non_null(l);
	assert_int_equal(log_feed(l, text, strlen(text)), 0);
	assert_int_equal(log_finish(l), 0);
	return (l);
}

static const struct log_event *
only(struct log *l)
{
	assert_int_equal(log_nevents(l), 1);
	return (&log_events(l)[0]);
}

static void
assert_mac(const uint8_t *m, const char *s)
{
	uint8_t	 want[6];

	assert_int_equal(log_mac(s, strlen(s), want), strlen(s));
	assert_memory_equal(m, want, 6);
}

/* ------------------------------------------------------------------------ */

static void
test_mac(void **state)
{
	uint8_t	 m[6];

	(void)state;
	assert_int_equal(log_mac("cc:20:e8:7f:64:8c", 17, m), 17);
	assert_int_equal(m[0], 0xcc);
	assert_int_equal(m[5], 0x8c);
	assert_int_equal(log_mac("845f.04e7.d557", 14, m), 14);
	assert_int_equal(m[0], 0x84);
	assert_int_equal(m[5], 0x57);
	assert_int_equal(log_mac("00-13-CE-1A-92-41", 17, m), 17);
	assert_int_equal(m[2], 0xce);
	/* masked, short, mixed separators, a longer hex run */
	assert_int_equal(log_mac("1x:xx:1x:xx:xx:xx", 17, m), 0);
	assert_int_equal(log_mac("cc:20:e8:7f:64", 14, m), 0);
	assert_int_equal(log_mac("cc:20-e8:7f:64:8c", 17, m), 0);
	assert_int_equal(log_mac("cc:20:e8:7f:64:8c:00", 20, m), 0);
	assert_int_equal(log_mac("845f.04e7.d557.0001", 19, m), 0);
	/* text run into the MAC, as in the AireOS guide ("...:5cPMK:",
	 * "...fb:70Client Username") */
	assert_int_equal(log_mac("00:40:96:b7:ab:5cPMK", 20, m), 17);
	assert_int_equal(log_mac("24:77:03:19:fb:70Client", 23, m), 17);
}

static void
test_time(void **state)
{
	int64_t	 t;

	(void)state;
	assert_int_equal(log_civil_ns(1970, 1, 1, 0, 0, 0, 0), 0);
	assert_int_equal(log_civil_ns(2014, 5, 7, 17, 3, 56, 60000000),
	    (1399482236LL * NS) + 60000000);
	assert_int_equal(log_civil_ns(2023, 2, 29, 0, 0, 0, 0), -1);
	assert_true(log_civil_ns(2024, 2, 29, 0, 0, 0, 0) > 0);
	/* AireOS "May 07 17:03:56.060": the year nearest the reference */
	t = log_yearless_ns(REF_2014, 5, 7, 17, 3, 56, 60000000);
	assert_int_equal(t, 1399482236LL * NS + 60000000);
	/* a December log read with a January capture: the year before */
	t = log_yearless_ns(log_civil_ns(2015, 1, 2, 0, 0, 0, 0), 12, 31,
	    23, 59, 0, 0);
	assert_int_equal(t, log_civil_ns(2014, 12, 31, 23, 59, 0, 0));
	/* and a January log with a December capture: the year after */
	t = log_yearless_ns(log_civil_ns(2014, 12, 31, 22, 0, 0, 0), 1, 1,
	    3, 0, 0, 0);
	assert_int_equal(t, log_civil_ns(2015, 1, 1, 3, 0, 0, 0));
	/* Feb 29 only exists in the leap year next to 2023 */
	t = log_yearless_ns(log_civil_ns(2023, 9, 1, 0, 0, 0, 0), 2, 29,
	    0, 0, 0, 0);
	assert_int_equal(t, log_civil_ns(2024, 2, 29, 0, 0, 0, 0));
}

static void
test_daemon_prefix(void **state)
{
	const char	*prog, *s;
	size_t		 plen, k;
	int64_t		 t;
	bool		 yg;

	(void)state;
	s = "1795240868.709084: 1795240868.709110: wlan0: STA 02:00:00:00:02:00"
	    " IEEE 802.11: authentication OK (open system)";
	k = log_daemon_prefix(s, strlen(s), 0, &t, &yg, &prog, &plen);
	assert_int_equal(k, strlen("1795240868.709084: 1795240868.709110: "));
	assert_int_equal(t, 1795240868LL * NS + 709084000);
	assert_false(yg);
	s = "Jan  5 09:12:01 ap1 hostapd[812]: wlan0: AP-STA-CONNECTED "
	    "02:00:00:00:02:00";
	k = log_daemon_prefix(s, strlen(s), log_civil_ns(2024, 1, 20, 0, 0, 0,
	    0), &t, &yg, &prog, &plen);
	assert_int_equal(k, strlen("Jan  5 09:12:01 ap1 hostapd[812]: "));
	assert_int_equal(t, log_civil_ns(2024, 1, 5, 9, 12, 1, 0));
	assert_true(yg);
	assert_int_equal(plen, 7);
	assert_memory_equal(prog, "hostapd", 7);
	s = "2024-03-02T10:00:00.250+02:00 host wpa_supplicant[9]: wlan0: "
	    "CTRL-EVENT-CONNECTED - Connection to 02:00:00:00:00:00 completed";
	k = log_daemon_prefix(s, strlen(s), 0, &t, &yg, &prog, &plen);
	assert_true(k > 0);
	/* the zone is a real offset: read as UTC */
	assert_int_equal(t, log_civil_ns(2024, 3, 2, 8, 0, 0, 250000000));
	assert_int_equal(plen, 14);
	s = "     72 6f 61 6d 6c 61 62                              roamlab";
	assert_int_equal(log_daemon_prefix(s, strlen(s), 0, &t, &yg, &prog,
	    &plen), 0);
}

/* ---- AireOS ------------------------------------------------------------ */

static void
test_aireos_lines(void **state)
{
	struct log		*l;
	const struct log_event	*e;

	(void)state;
	l = parse(LOG_FMT_AIREOS, "*spamApTask0: Aug 13 00:50:21.189: "
	    "cc:20:e8:7f:64:8c Association Failed on REAP AP BSSID "
	    "44:ad:d9:8e:8b:fe (slot 1), status 11 0 802.11r Key Cache look "
	    "up failed in (re)-assoc req\n", log_civil_ns(2016, 8, 1, 0, 0, 0,
	    0));
	e = only(l);
	assert_int_equal(e->kind, LOG_EV_NO_PMK);
	assert_int_equal(e->t_ns, log_civil_ns(2016, 8, 13, 0, 50, 21,
	    189000000));
	assert_true(e->flags & LOG_F_YEAR);
	assert_mac(e->mac, "cc:20:e8:7f:64:8c");
	assert_mac(e->bssid, "44:ad:d9:8e:8b:fe");
	assert_int_equal(e->status, 11);
	assert_true(log_event_failed(e));
	log_close(l);

	l = parse(LOG_FMT_AIREOS, "*apfMsConnTask_4: May 07 17:03:56.062: "
	    "24:77:03:19:fb:70 Sending Assoc Response to station on BSSID "
	    "08:cc:68:67:1f:fb (status 0) ApVapId 5 Slot 1\n", REF_2014);
	e = only(l);
	assert_int_equal(e->kind, LOG_EV_ASSOC_RESP);
	assert_int_equal(e->dir, LOG_DIR_TX);
	assert_int_equal(e->status, 0);
	assert_true(e->flags & LOG_F_IEEE);
	assert_mac(e->bssid, "08:cc:68:67:1f:fb");
	log_close(l);

	/* PEM state, with the bold markers and annotation of the guide */
	l = parse(LOG_FMT_AIREOS, "***apfMsConnTask_4: May 07 17:03:56.061: "
	    "24:77:03:19:fb:70 0.0.0.0 AUTHCHECK (2) Change state to 8021X_REQD"
	    " (3) last state AUTHCHECK (2)//**\n", REF_2014);
	e = only(l);
	assert_int_equal(e->kind, LOG_EV_PEM);
	assert_int_equal(e->pem, LOG_PEM_8021X_REQD);
	assert_int_equal(log_stats(l)->annotations, 1);
	log_close(l);

	l = parse(LOG_FMT_AIREOS, "*osapiBsnTimer: May 07 17:03:56.364: "
	    "24:77:03:19:fb:70 802.1x 'timeoutEvt' Timer expired for station "
	    "24:77:03:19:fb:70 and for message = M2\n", REF_2014);
	e = only(l);
	assert_int_equal(e->kind, LOG_EV_EAP_TIMEOUT);
	assert_int_equal(e->msg, 2);
	log_close(l);

	/* "Wed Oct 26 20:08:50 2011:" records, run together, with a year */
	l = parse(LOG_FMT_AIREOS, "Wed Oct 26 20:08:50 2011: 00:13:ce:1a:92:41"
	    " Returning AAA Error 'Timeout' (-5) for mobile 00:13:ce:1a:92:41"
	    "Wed Oct 26 20:08:50 2011: 00:13:ce:1a:92:41 Sent Deauthenticate to"
	    " mobile on BSSID 00:0b:85:76:d3:e0 slot 1(caller 1x_auth_pae.c:"
	    "1033)\n", REF_2014);
	assert_int_equal(log_nevents(l), 2);
	e = &log_events(l)[0];
	assert_int_equal(e->kind, LOG_EV_AAA);
	assert_int_equal(e->status, -5);
	assert_false(e->flags & LOG_F_YEAR);
	assert_int_equal(e->t_ns, log_civil_ns(2011, 10, 26, 20, 8, 50, 0));
	e = &log_events(l)[1];
	assert_int_equal(e->kind, LOG_EV_DEAUTH);
	assert_mac(e->bssid, "00:0b:85:76:d3:e0");
	log_close(l);
}

/* A record header cut by a line break, records run together, pager and
 * prompt lines: the guide's text as pasted. */
static const char guide[] =
    "(Cisco Controller) >debug client 24:77:03:19:fb:70 *apfMsConnTask_4:"
    " May 07 17:03:56.060:\n"
    "24:77:03:19:fb:70 Association received from mobile on BSSID "
    "08:cc:68:67:1f:fb //Client has\n"
    "initiated association for AP with BSSID 08:cc:68:67:1f:fb*Dot1x_NW_"
    "MsgTask_0: May 07\n"
    "17:03:56.069: 24:77:03:19:fb:70 Received EAPOL-key M2 with invalid MIC"
    " from mobile\n"
    "24:77:03:19:fb:70 version 2*dot1xMsgTask: May 07 17:03:56.364: "
    "24:77:03:19:fb:70\n"
    "Retransmit 1 of EAPOL-Key M1 (length 121) for mobile 24:77:03:19:fb:70"
    "\n"
    "--More-- or (q)uit\n"
    "\n"
    "plain prose between the logs\n";

static void
test_aireos_stream(void **state)
{
	struct log_opts		 o;
	struct log		*l, *w;
	const struct log_event	*e;
	size_t			 i, k;

	(void)state;
	w = parse(LOG_FMT_AIREOS, guide, REF_2014);
	assert_int_equal(log_nevents(w), 3);
	e = log_events(w);
	assert_int_equal(e[0].kind, LOG_EV_ASSOC_REQ);
	assert_mac(e[0].bssid, "08:cc:68:67:1f:fb");
	assert_int_equal(e[0].line, 1);
	assert_int_equal(e[1].kind, LOG_EV_MIC_FAIL);
	assert_int_equal(e[1].msg, 2);
	assert_int_equal(e[1].t_ns, log_civil_ns(2014, 5, 7, 17, 3, 56,
	    69000000));
	assert_int_equal(e[1].line, 3);	/* its header starts on line 3 */
	assert_int_equal(e[2].kind, LOG_EV_EAPOL_RETRY);
	assert_int_equal(e[2].msg, 1);
	assert_int_equal(e[2].num, 1);
	assert_int_equal(log_stats(w)->records, 3);
	assert_int_equal(log_stats(w)->pager, 1);
	assert_int_equal(log_stats(w)->text, 1);
	assert_int_equal(log_stats(w)->annotations, 1);

	/* the same text fed one byte at a time, and in odd pieces */
	for (k = 1; k <= 7; k += 6) {
		memset(&o, 0, sizeof(o));
		o.ref_ns = REF_2014;
		l = log_new(LOG_FMT_AIREOS, &o);
		for (i = 0; i < sizeof(guide) - 1; i += k)
			log_feed(l, guide + i, sizeof(guide) - 1 - i < k ?
			    sizeof(guide) - 1 - i : k);
		log_finish(l);
		assert_int_equal(log_nevents(l), log_nevents(w));
		for (i = 0; i < log_nevents(l); i++) {
			assert_int_equal(log_events(l)[i].kind, e[i].kind);
			assert_int_equal(log_events(l)[i].t_ns, e[i].t_ns);
			assert_int_equal(log_events(l)[i].off, e[i].off);
			assert_int_equal(log_events(l)[i].len, e[i].len);
		}
		log_close(l);
	}
	log_close(w);
}

static void
test_aireos_detail(void **state)
{
	struct log		*l;
	const struct log_event	*e;

	(void)state;
	l = parse(LOG_FMT_AIREOS, "(Cisco Controller) >show client detail "
	    "24:77:03:19:fb:70Client MAC\n"
	    "Address..... 24:77:03:19:fb:70Client Username\n"
	    "..... N/AAP MAC Address.....\n"
	    "ec:c8:82:a4:5b:c0AP Name..... Shankar_AP_1042 AP radio\n"
	    "SupportedBSSID..... ec:c8:82:a4:5b:cb Connected For\n"
	    "SystemReason Code..... 1 Status\n"
	    "Code..... 0 Session Timeout..... 0\n"
	    "Mobility Move Count.....\n"
	    "0Security Policy Completed..... NoPolicy Manager\n"
	    "State..... 8021X_REQD\n"
	    "//This proves client is struggling to clear Layer-2 "
	    "authentication.\n"
	    "\n", REF_2014);
	e = only(l);
	assert_int_equal(e->kind, LOG_EV_CLIENT_DETAIL);
	assert_false(e->flags & LOG_F_TIME);
	assert_mac(e->mac, "24:77:03:19:fb:70");
	assert_mac(e->ap, "ec:c8:82:a4:5b:c0");
	assert_mac(e->bssid, "ec:c8:82:a4:5b:cb");
	assert_int_equal(e->pem, LOG_PEM_8021X_REQD);
	assert_int_equal(e->status, 0);
	assert_int_equal(e->reason, 1);
	assert_int_equal(log_stats(l)->details, 1);
	log_close(l);
}

static void
test_aireos_masked(void **state)
{
	struct log		*l;
	const struct log_event	*e;

	(void)state;
	/* the guide's anonymised 7925G log: no time, no MAC, still a status */
	l = parse(LOG_FMT_AIREOS, "*apfMsConnTask_1: xx xx xx:50:xx.xxx: "
	    "1x:xx:1x:xx:xx:xx Sending Assoc Response to station on BSSID "
	    "3x:xx:cx:9x:x0:x0 (status 201) ApVapId 1 Slot 0\n", REF_2014);
	e = only(l);
	assert_int_equal(e->kind, LOG_EV_ASSOC_RESP);
	assert_false(e->flags & (LOG_F_TIME | LOG_F_MAC | LOG_F_BSSID));
	assert_int_equal(e->status, 201);
	assert_int_equal(log_stats(l)->untimed, 1);
	log_close(l);
}

/* ---- Catalyst 9800 ------------------------------------------------------ */

static void
test_c9800(void **state)
{
	struct log		*l;
	const struct log_event	*e;

	(void)state;
	l = parse(LOG_FMT_C9800, "2023/09/19 15:57:23.471484913 {wncd_x_R0-0}"
	    "{1}: [client-orch-sm] [17435]: (note): MAC: 845f.04e7.d557  "
	    "Re-Association received. BSSID 1484.7340.ec6d, WLAN MOBILE, "
	    "Slot 1 AP 1484.7340.ec60, mon-1b-ap-172, old BSSID "
	    "1484.7340.a8cd\n"
	    "2023/09/19 15:56:05.773374970 {wncd_x_R0-0}{1}: [dot11] [17435]: "
	    "(ERR): MAC: 845f.04e7.d557  Dot11 update co assoc fail. Sent "
	    "assoc failure to CO. delete reason: 54, CO_CLIENT_DELETE_REASON_"
	    "DOT11_INVALID_PMKID\n"
	    "2023/02/27 14:42:04.171522 {wncd_x_R0-0}{1}: [client-keymgmt] "
	    "[16602]: (info): MAC: c81c.fe19.f2e5  Keymgmt: resend eapol key "
	    "m3. Retrasmitting EAP key packet M3\n"
	    "2023/09/19 15:49:47.171926572 {wncd_x_R0-0}{1}: [errmsg] [17435]: "
	    "(debug): %CLIENT_ORCH_LOG-7-CLIENT_MOVED_TO_RUN_STATE: R0/0: "
	    "wncd: Username (null), MAC: 845f.04e7.d557, IP 10.0.0.145 "
	    "associated to AP (mon-0b-ap-164) with SSID (MOBILE)\n"
	    "2023/09/19 15:49:46.982424869 {wncd_x_R0-0}{1}: [client-keymgmt] "
	    "[17435]: (info): MAC: 845f.04e7.d557   M2 Status: EAP key M2 "
	    "validation success\n"
	    "2023/09/19 15:49:46.971710520 {mobilityd_R0-0}{1}: [mm-dgram-io] "
	    "[17992]: (debug): MAC: 0000.0000.0000 Sending message: pmk_update "
	    "to group: default\n", 0);
	assert_int_equal(log_nevents(l), 5);
	e = log_events(l);
	assert_int_equal(e[0].kind, LOG_EV_REASSOC_REQ);
	assert_int_equal(e[0].t_ns, log_civil_ns(2023, 9, 19, 15, 57, 23,
	    471484913));
	assert_mac(e[0].mac, "84:5f:04:e7:d5:57");
	assert_mac(e[0].bssid, "14:84:73:40:ec:6d");
	assert_mac(e[0].ap, "14:84:73:40:ec:60");
	assert_mac(e[0].old_bssid, "14:84:73:40:a8:cd");
	assert_int_equal(e[1].kind, LOG_EV_NO_PMK);
	assert_int_equal(e[1].reason, 54);
	assert_int_equal(e[2].kind, LOG_EV_EAPOL_RETRY);
	assert_int_equal(e[2].msg, 3);
	assert_int_equal(e[2].t_ns, log_civil_ns(2023, 2, 27, 14, 42, 4,
	    171522000));
	assert_int_equal(e[3].kind, LOG_EV_CONNECTED);
	assert_mac(e[3].mac, "84:5f:04:e7:d5:57");
	assert_int_equal(e[4].kind, LOG_EV_EAPOL);
	assert_int_equal(e[4].msg, 2);
	assert_int_equal(e[4].dir, LOG_DIR_RX);
	assert_int_equal(log_stats(l)->unrecognised, 1);
	log_close(l);
}

/* ---- hostapd and wpa_supplicant ------------------------------------------ */

static void
test_hostapd(void **state)
{
	struct log		*l;
	const struct log_event	*e;

	(void)state;
	l = parse(LOG_FMT_HOSTAPD,
	    "1795240683.890365: Using interface wlan1 with hwaddr "
	    "02:00:00:00:01:00 and ssid \"roamlab\"\n"
	    "1795240725.255594: FT: Received authentication frame: "
	    "STA=02:00:00:00:02:00 BSSID=02:00:00:00:01:00 transaction=1\n"
	    "1795240725.264339: FT: Did not have matching PMK-R1 and either "
	    "unknown or blocked R0KH-ID or NAK from R0KH\n"
	    "1795240725.264757: authentication reply: STA=02:00:00:00:02:00 "
	    "auth_alg=2 auth_transaction=2 resp=53 (IE len=0) "
	    "(dbg=auth-ft-finish)\n"
	    "1795240868.782883: 1795240868.782887: wlan1: STA 02:00:00:00:02:00"
	    " WPA: invalid MIC in msg 2/4 of 4-Way Handshake\n"
	    "1795240868.782936: wlan1: AP-STA-POSSIBLE-PSK-MISMATCH "
	    "02:00:00:00:02:00\n"
	    "     72 6f 61 6d 6c 61 62                              roamlab\n"
	    "Jan  5 09:12:01 ap1 hostapd[812]: wlan1: BSS-TM-RESP "
	    "02:00:00:00:02:00 status_code=7 bss_termination_delay=0\n", 0);
	assert_int_equal(log_nevents(l), 5);
	e = log_events(l);
	assert_int_equal(e[0].kind, LOG_EV_NO_PMK);
	assert_mac(e[0].mac, "02:00:00:00:02:00");
	assert_mac(e[0].bssid, "02:00:00:00:01:00");
	assert_int_equal(e[1].kind, LOG_EV_AUTH_RESP);
	assert_int_equal(e[1].status, 53);
	assert_int_equal(e[1].alg, 2);
	assert_true(log_event_failed(&e[1]));
	assert_int_equal(e[1].t_ns, 1795240725LL * NS + 264757000);
	assert_int_equal(e[2].kind, LOG_EV_MIC_FAIL);
	assert_int_equal(e[2].msg, 2);
	assert_int_equal(e[3].kind, LOG_EV_PSK_MISMATCH);
	assert_int_equal(e[4].kind, LOG_EV_BTM_RESP);
	assert_int_equal(e[4].status, 7);
	assert_true(e[4].flags & LOG_F_YEAR);
	/* the hexdump continuation is neither a record nor text */
	assert_int_equal(log_stats(l)->records, 7);
	assert_int_equal(log_stats(l)->text, 0);
	log_close(l);
}

static void
test_wpas(void **state)
{
	struct log		*l;
	const struct log_event	*e;

	(void)state;
	/* DO-ROAM, SKIP-ROAM and ASSOC-REJECT never happen in the lab: as
	 * wpa_supplicant 2.10 prints them */
	l = parse(LOG_FMT_WPAS,
	    "1795240725.200000: wlan2: CTRL-EVENT-DO-ROAM cur_bssid="
	    "02:00:00:00:00:00 cur_freq=2412 cur_level=-78 cur_est=6000 "
	    "sel_bssid=02:00:00:00:01:00 sel_freq=2437 sel_level=-52 "
	    "sel_est=65000\n"
	    "1795240725.210000: wlan2: CTRL-EVENT-SKIP-ROAM cur_bssid="
	    "02:00:00:00:00:00 cur_freq=2412 cur_level=-60 cur_est=30000 "
	    "sel_bssid=02:00:00:00:01:00 sel_freq=2437 sel_level=-58 "
	    "sel_est=32000\n"
	    "1795240725.255000: wlan2: Own MAC address: 02:00:00:00:02:00\n"
	    "1795240725.264000: wlan2: CTRL-EVENT-ASSOC-REJECT bssid="
	    "02:00:00:00:01:00 status_code=53\n"
	    "1795240725.266049: wlan2: SME: Authentication response: "
	    "peer=02:00:00:00:01:00 auth_type=2 auth_transaction=2 "
	    "status_code=53\n"
	    "1795240725.266204: wlan2: CTRL-EVENT-AUTH-REJECT "
	    "02:00:00:00:01:00 auth_type=2 auth_transaction=2 "
	    "status_code=53\n"
	    "1795240870.802000: wlan2: CTRL-EVENT-DISCONNECTED bssid="
	    "02:00:00:00:00:00 reason=15\n", 0);
	assert_int_equal(log_nevents(l), 5);
	e = log_events(l);
	assert_int_equal(e[0].kind, LOG_EV_DO_ROAM);
	assert_int_equal(e[0].cur_level, -78);
	assert_int_equal(e[0].sel_level, -52);
	assert_mac(e[0].bssid, "02:00:00:00:01:00");
	assert_mac(e[0].old_bssid, "02:00:00:00:00:00");
	/* the client's address, learnt after, is given to earlier events */
	assert_mac(e[0].mac, "02:00:00:00:02:00");
	assert_int_equal(e[0].side, LOG_SIDE_CLIENT);
	assert_int_equal(e[1].kind, LOG_EV_SKIP_ROAM);
	assert_int_equal(e[1].sel_level, -58);
	assert_int_equal(e[2].kind, LOG_EV_ASSOC_RESP);
	assert_int_equal(e[2].status, 53);
	assert_int_equal(e[3].kind, LOG_EV_AUTH_RESP);
	assert_int_equal(e[3].status, 53);
	/* AUTH-REJECT repeated the response: one event, two records */
	assert_int_equal(e[4].kind, LOG_EV_DISCONNECTED);
	assert_int_equal(e[4].reason, 15);
	assert_int_equal(log_stats(l)->recognised, 6);
	log_close(l);
}

/* ---- detection, raw text, limits --------------------------------------- */

static void
test_detect(void **state)
{
	struct log	*l;
	static const char pcap[] = "\xd4\xc3\xb2\xa1\x02\x00\x04\x00";

	(void)state;
	l = parse(LOG_FMT_AUTO, guide, REF_2014);
	assert_int_equal(log_format(l), LOG_FMT_AIREOS);
	log_close(l);
	l = parse(LOG_FMT_AUTO, "1795240684.316838: wpa_supplicant v2.10\n"
	    "1795240684.319203: Successfully initialized wpa_supplicant\n", 0);
	assert_int_equal(log_format(l), LOG_FMT_WPAS);
	log_close(l);
	l = parse(LOG_FMT_AUTO, "1795240683.314202: Configuration file: "
	    "/tmp/lab/hostapd1.conf\n1795240684.150368: wlan1: AP-ENABLED\n",
	    0);
	assert_int_equal(log_format(l), LOG_FMT_HOSTAPD);
	log_close(l);
	l = parse(LOG_FMT_AUTO, "2023/09/19 15:49:46.962897741 {wncd_x_R0-0}"
	    "{1}: [client-orch-sm] [17435]: (note): MAC: 845f.04e7.d557  "
	    "Association received. BSSID 1484.7340.a8cd\n", 0);
	assert_int_equal(log_format(l), LOG_FMT_C9800);
	log_close(l);

	l = log_new(LOG_FMT_AUTO, NULL);
	assert_int_equal(log_feed(l, "just some text\nand more\n", 24), 0);
	assert_int_equal(log_finish(l), -1);
	assert_non_null(strstr(log_error(l), "not a log roamscope reads"));
	assert_non_null(strstr(log_error(l), "FORMAT:"));
	assert_null(strchr(log_error(l), '\n'));
	log_close(l);
	l = log_new(LOG_FMT_AUTO, NULL);
	log_feed(l, pcap, sizeof(pcap) - 1);
	assert_int_equal(log_finish(l), -1);
	assert_non_null(strstr(log_error(l), "packet capture"));
	log_close(l);
}

static void
test_raw_and_unrec(void **state)
{
	struct log		*l;
	char			 buf[512];
	const struct log_unrec	*u;

	(void)state;
	l = parse(LOG_FMT_AIREOS, guide, REF_2014);
	/* fed bytes cannot be read again: the record's text is kept */
	assert_true(log_raw(l, &log_events(l)[1], buf, sizeof(buf)) > 0);
	assert_non_null(strstr(buf, "M2 with invalid MIC"));
	assert_true(strncmp(buf, "*Dot1x_NW_MsgTask_0: May 07", 27) == 0);
	assert_int_equal(log_raw(l, &log_events(l)[1], buf, 8), 7);
	log_close(l);

	l = parse(LOG_FMT_AIREOS, "*apfMsConnTask_5: Aug 13 00:50:21.187: "
	    "cc:20:e8:7f:64:8c Got 1 AKMs in RSNIE\n", REF_2014);
	assert_int_equal(log_nevents(l), 0);
	assert_int_equal(log_nunrec(l), 1);
	u = log_unrec(l, 0);
	assert_int_equal(u->line, 1);
	assert_non_null(strstr(u->text, "Got 1 AKMs"));
	assert_null(log_unrec(l, 1));
	log_close(l);
}

static void
test_limits(void **state)
{
	static const char line[] = "1795240868.782936: wlan0: "
			    "AP-STA-CONNECTED 02:00:00:00:02:00\n",
			 noise[] = "1795240868.782936: random: noise\n";
	struct log_opts	 o;
	struct log	*l;
	char		*big;
	size_t		 i, n = 3 * LOG_LINE_MAX;
	int		 k;

	(void)state;
	/* a line longer than LOG_LINE_MAX is cut, counted, and harmless */
	big = malloc(n + 1);
	assert_non_null(big);
	memset(big, 'A', n);
	memcpy(big, "1795240684.316838: ", 19);
	big[n] = '\n';
	l = log_new(LOG_FMT_WPAS, NULL);
	log_feed(l, big, n + 1);
	log_finish(l);
	assert_int_equal(log_stats(l)->cut, 1);
	assert_int_equal(log_stats(l)->lines, 1);
	log_close(l);
	free(big);

	/* events beyond max_events are counted, not kept */
	memset(&o, 0, sizeof(o));
	o.max_events = 2;
	l = log_new(LOG_FMT_HOSTAPD, &o);
	for (k = 0; k < 5; k++)
		log_feed(l, line, strlen(line));
	log_finish(l);
	assert_int_equal(log_nevents(l), 2);
	assert_int_equal(log_stats(l)->dropped, 3);
	assert_int_equal(log_stats(l)->recognised, 5);
	log_close(l);

	/* more unrecognised records than are kept: the last ones stay */
	l = log_new(LOG_FMT_HOSTAPD, NULL);
	for (i = 0; i < LOG_MAX_UNREC + 10; i++)
		log_feed(l, noise, strlen(noise));
	log_finish(l);
	assert_int_equal(log_nunrec(l), LOG_MAX_UNREC);
	assert_int_equal(log_unrec(l, 0)->line, 11);
	assert_int_equal(log_stats(l)->unrecognised, LOG_MAX_UNREC + 10);
	log_close(l);
}

/* ---- following a growing file ------------------------------------------- */

static void
test_follow(void **state)
{
	char		 path[] = "/tmp/test_log_followXXXXXX", err[256],
			 buf[256];
	struct log_opts	 o;
	struct log	*l;
	FILE		*f;
	int		 fd;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	fputs("1795240868.782936: wlan0: AP-STA-CONNECTED 02:00:00:00:02:00\n"
	    "1795240868.790000: wlan0: AP-STA-DISCON", f);
	fflush(f);
	memset(&o, 0, sizeof(o));
	o.follow = true;
	l = log_open(path, &o, err, sizeof(err));
	assert_non_null(l);
	/* no format yet: too little to decide, it waits */
	assert_int_equal(log_read(l, 0), 1);
	assert_int_equal(log_nevents(l), 0);
	fputs("NECTED 02:00:00:00:02:00\n", f);
	for (fd = 0; fd < 200; fd++)
		fputs("1795240868.800000: hostapd: a line of the daemon\n", f);
	fflush(f);
	assert_int_equal(log_read(l, 0), 1);
	assert_int_equal(log_format(l), LOG_FMT_HOSTAPD);
	assert_int_equal(log_nevents(l), 2);
	assert_int_equal(log_events(l)[1].kind, LOG_EV_DISCONNECTED);
	/* a file read again on demand gives the raw line */
	assert_int_equal(log_raw(l, &log_events(l)[1], buf, sizeof(buf)),
	    strlen("1795240868.790000: wlan0: AP-STA-DISCONNECTED "
	    "02:00:00:00:02:00"));
	/* truncated (rotated): read from the start again */
	assert_int_equal(ftruncate(fileno(f), 0), 0);
	rewind(f);
	fputs("1795240869.000000: wlan0: AP-STA-CONNECTED 02:00:00:00:02:00\n",
	    f);
	fflush(f);
	assert_int_equal(log_read(l, 0), 1);
	assert_int_equal(log_read(l, 0), 1);
	assert_int_equal(log_stats(l)->rotations, 1);
	assert_int_equal(log_nevents(l), 3);
	log_close(l);
	fclose(f);
	unlink(path);
}

/* ---- alignment --------------------------------------------------------- */

static struct log_event
ev(const char *mac, enum log_kind k, int64_t t, int msg)
{
	struct log_event	 e;

	memset(&e, 0, sizeof(e));
	e.kind = (uint16_t)k;
	e.t_ns = t;
	e.flags = LOG_F_TIME | LOG_F_MAC;
	log_mac(mac, 17, e.mac);
	if (msg > 0) {
		e.msg = (uint8_t)msg;
		e.flags |= LOG_F_MSG;
	}
	return (e);
}

static struct log_air
air(const char *mac, enum log_air_kind k, int64_t t)
{
	struct log_air	 a;

	memset(&a, 0, sizeof(a));
	a.kind = (uint8_t)k;
	a.t_ns = t;
	a.status = LOG_AIR_NO_STATUS;
	log_mac(mac, 17, a.mac);
	return (a);
}

#define STA	"02:00:00:00:02:00"
#define STA2	"02:00:00:00:03:00"

static void
test_align(void **state)
{
	struct log_event	 e[64];
	struct log_air		 a[64];
	struct log_align_opts	 o;
	struct log_align	 r;
	int64_t			 base = 1795240000LL * NS,
				 off = -(5 * 3600LL + 7) * NS, t;
	size_t			 ne = 0, na = 0, i;
	static const int	 lag_ms[] = { 3, 94, 5, 12, 4, 40, 7, 3, 9,
				    61 };

	(void)state;
	memset(&o, 0, sizeof(o));
	/* ten roams: reassociation + M1..M4 on the air; the log has most of
	 * them, logged 3-94 ms late, on a clock 5 h 7 s behind */
	for (i = 0; i < 10; i++) {
		t = base + (int64_t)i * 3 * NS;
		a[na++] = air(STA, LOG_AIR_REASSOC_REQ, t);
		a[na++] = air(STA, LOG_AIR_M1, t + 30000000);
		a[na++] = air(STA, LOG_AIR_M2, t + 40000000);
		if (i % 4 != 3)		/* the log misses some */
			e[ne++] = ev(STA, LOG_EV_REASSOC_REQ, t + off +
			    lag_ms[i] * 1000000LL, 0);
		e[ne++] = ev(STA, LOG_EV_EAPOL, t + 30000000 + off +
		    lag_ms[(i + 3) % 10] * 1000000LL, 1);
	}
	/* events the air cannot have: another client, another kind */
	e[ne++] = ev(STA2, LOG_EV_REASSOC_REQ, base + off, 0);
	e[ne++] = ev(STA, LOG_EV_PEM, base + off, 0);
	assert_int_equal(log_align(e, ne, a, na, &o, &r), 0);
	assert_int_equal(r.status, LOG_ALIGN_OK);
	assert_true(r.offset_ns - off >= 0 && r.offset_ns - off < 50000000);
	assert_int_equal(r.support, 18);
	assert_int_equal(r.candidates, 18);
	assert_int_equal(r.clients, 1);
	assert_int_equal(r.log_clients, 2);
	assert_true(r.runner_up < r.support);
	/* the first logged reassociation lands within 50 ms of its frame */
	t = log_to_capture(&r, e[0].t_ns) - base;
	assert_true(t > -50000000 && t < 50000000);

	/* given: counted at that offset */
	o.given = true;
	o.offset_ns = off + 20000000;
	assert_int_equal(log_align(e, ne, a, na, &o, &r), 0);
	assert_int_equal(r.status, LOG_ALIGN_GIVEN);
	assert_int_equal(r.offset_ns, off + 20000000);
	assert_int_equal(r.support, 18);
	o.given = false;

	/* no client in common */
	for (i = 0; i < na; i++)
		log_mac("0a:0b:0c:0d:0e:0f", 17, a[i].mac);
	assert_int_equal(log_align(e, ne, a, na, &o, &r), -1);
	assert_int_equal(r.status, LOG_ALIGN_NO_CLIENT);

	/* no timed event */
	for (i = 0; i < ne; i++)
		e[i].flags &= ~LOG_F_TIME;
	assert_int_equal(log_align(e, ne, a, na, &o, &r), -1);
	assert_int_equal(r.status, LOG_ALIGN_NO_EVENTS);
}

/* Received frames logged 3 to 94 ms late, spread evenly; sent ones logged
 * up to 8 ms before the air has them.  The offset comes from the bounds
 * the two give, not from where most lags happen to fall. */
static void
test_align_lag(void **state)
{
	struct log_event	 e[96];
	struct log_air		 a[96];
	struct log_align_opts	 o;
	struct log_align	 r;
	int64_t			 base = 1795240000LL * NS, off = -3 * 3600LL * NS,
				 t, lag;
	size_t			 ne = 0, na = 0, i;
	int			 pass;

	(void)state;
	memset(&o, 0, sizeof(o));
	for (pass = 0; pass < 2; pass++) {
		ne = na = 0;
		for (i = 0; i < 40; i++) {
			/* roams 2 to 2.5 s apart: not periodic */
			t = base + (int64_t)i * 2 * NS +
			    (int64_t)(i * i * 7 % 500) * 1000000;
			lag = (3 + (int64_t)(i * 37 % 92)) * 1000000;
			a[na++] = air(STA, LOG_AIR_REASSOC_REQ, t);
			e[ne] = ev(STA, LOG_EV_REASSOC_REQ, t + off + lag, 0);
			e[ne++].dir = LOG_DIR_RX;
			if (pass == 0)
				continue;
			a[na++] = air(STA, LOG_AIR_REASSOC_RESP, t + 10000000);
			e[ne] = ev(STA, LOG_EV_ASSOC_RESP, t + 10000000 + off -
			    (int64_t)(i % 9) * 1000000, 0);
			e[ne++].dir = LOG_DIR_TX;
		}
		assert_int_equal(log_align(e, ne, a, na, &o, &r), 0);
		assert_int_equal(r.support, ne);
		/* received only: within the smallest lags; both: between */
		assert_true(r.offset_ns - off > -10000000 &&
		    r.offset_ns - off < 20000000);
	}
}

static void
test_align_weak_ambiguous(void **state)
{
	struct log_event	 e[16];
	struct log_air		 a[16];
	struct log_align_opts	 o;
	struct log_align	 r;
	char			 note[256];
	int64_t			 base = 1795240000LL * NS;
	size_t			 i;

	(void)state;
	memset(&o, 0, sizeof(o));
	/* two events only */
	e[0] = ev(STA, LOG_EV_EAPOL, base, 1);
	e[1] = ev(STA, LOG_EV_EAPOL, base + NS, 1);
	a[0] = air(STA, LOG_AIR_M1, base + 7 * NS);
	a[1] = air(STA, LOG_AIR_M1, base + 8 * NS);
	assert_int_equal(log_align(e, 2, a, 2, &o, &r), -1);
	assert_int_equal(r.status, LOG_ALIGN_WEAK);
	log_align_note(&r, "x.log", note, sizeof(note));
	assert_non_null(strstr(note, "cannot be aligned"));
	assert_non_null(strstr(note, "--log-offset"));

	/* M1 every second, exactly, nothing else: any period fits */
	for (i = 0; i < 8; i++) {
		e[i] = ev(STA, LOG_EV_EAPOL, base + (int64_t)i * NS, 1);
		a[i] = air(STA, LOG_AIR_M1, base + (int64_t)(i + 2) * NS);
	}
	for (i = 8; i < 12; i++)
		a[i] = air(STA, LOG_AIR_M1, base + (int64_t)(i + 2) * NS);
	assert_int_equal(log_align(e, 8, a, 12, &o, &r), -1);
	assert_int_equal(r.status, LOG_ALIGN_AMBIGUOUS);
	log_align_note(&r, "x.log", note, sizeof(note));
	assert_non_null(strstr(note, "fit about as well"));
}

/* ---- findings ---------------------------------------------------------- */

static void
test_findings(void **state)
{
	struct log		*l;
	struct log_finding	 f[8];
	size_t			 n;

	(void)state;
	l = parse(LOG_FMT_AIREOS,
	    "*spamApTask0: Aug 13 00:50:21.189: cc:20:e8:7f:64:8c Association "
	    "Failed on REAP AP BSSID 44:ad:d9:8e:8b:fe (slot 1), status 11 0 "
	    "802.11r Key Cache look up failed in (re)-assoc req\n"
	    "*spamApTask0: Aug 13 00:50:21.533: cc:20:e8:7f:64:8c Association "
	    "Failed on REAP AP BSSID 44:ad:d9:8e:8b:fe (slot 1), status 11 0 "
	    "802.11r Key Cache look up failed in (re)-assoc req\n"
	    "*spamApTask0: Aug 13 00:50:21.877: cc:20:e8:7f:64:8c Association "
	    "Failed on REAP AP BSSID 44:ad:d9:8e:8b:fe (slot 1), status 11 0 "
	    "802.11r Key Cache look up failed in (re)-assoc req\n"
	    /* a copy pasted twice is one failure */
	    "*spamApTask0: Aug 13 00:50:21.877: cc:20:e8:7f:64:8c Association "
	    "Failed on REAP AP BSSID 44:ad:d9:8e:8b:fe (slot 1), status 11 0 "
	    "802.11r Key Cache look up failed in (re)-assoc req\n",
	    REF_2014);
	n = log_findings(log_events(l), log_nevents(l), f, 8);
	assert_int_equal(n, 1);
	assert_int_equal(f[0].kind, LOG_FIND_LOOP);
	assert_int_equal(f[0].ev_kind, LOG_EV_NO_PMK);
	assert_int_equal(f[0].count, 3);
	assert_int_equal(f[0].period_ns, 344000000);
	assert_true(f[0].has_bssid);
	log_close(l);

	l = parse(LOG_FMT_AIREOS, guide, REF_2014);
	n = log_findings(log_events(l), log_nevents(l), f, 8);
	assert_int_equal(n, 1);
	assert_int_equal(f[0].kind, LOG_FIND_WRONG_PSK);
	assert_int_equal(f[0].count, 1);
	assert_int_equal(f[0].retries, 1);
	assert_string_equal(log_find_name(f[0].kind), "wrong-psk");
	log_close(l);
}

static void
test_names(void **state)
{
	int	 k;

	(void)state;
	for (k = 0; k < LOG_EV_N; k++)
		assert_string_not_equal(log_kind_name((enum log_kind)k),
		    "unknown");
	assert_string_equal(log_kind_name(LOG_EV_N), "unknown");
	for (k = 0; k < LOG_AIR_N; k++)
		assert_string_not_equal(log_air_kind_name((enum log_air_kind)k),
		    "unknown");
	for (k = 1; k < LOG_FMT_N; k++)
		assert_int_equal(log_format_parse(log_format_name(
		    (enum log_format)k), strlen(log_format_name(
		    (enum log_format)k))), k);
	assert_int_equal(log_format_parse("9800", 4), LOG_FMT_C9800);
	assert_int_equal(log_format_parse("tmp", 3), LOG_FMT_AUTO);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mac),
		cmocka_unit_test(test_time),
		cmocka_unit_test(test_daemon_prefix),
		cmocka_unit_test(test_aireos_lines),
		cmocka_unit_test(test_aireos_stream),
		cmocka_unit_test(test_aireos_detail),
		cmocka_unit_test(test_aireos_masked),
		cmocka_unit_test(test_c9800),
		cmocka_unit_test(test_hostapd),
		cmocka_unit_test(test_wpas),
		cmocka_unit_test(test_detect),
		cmocka_unit_test(test_raw_and_unrec),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_follow),
		cmocka_unit_test(test_align),
		cmocka_unit_test(test_align_lag),
		cmocka_unit_test(test_align_weak_ambiguous),
		cmocka_unit_test(test_findings),
		cmocka_unit_test(test_names),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
