/*
 * wsnames.c -- the Wireshark display-filter name of each field the detail
 * pane shows (the f key), so that what is read here can be looked for in
 * Wireshark.  Names as tshark 4.0 has them (`tshark -G fields`); a field
 * Wireshark has no single name for shows none rather than a guess.
 *
 * Keyed by the field's label (its text up to the first ':'); the few
 * labels whose name depends on where they are (an action's code and
 * dialog token, by category) look at the frame's category field.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui_int.h"

static const struct {
	const char	*label;
	const char	*name;
} names[] = {
	{ "Channel frequency", "radiotap.channel.freq" },
	{ "Antenna signal", "radiotap.dbm_antsignal" },
	{ "Frame Control", "wlan.fc" },
	{ "Duration", "wlan.duration" },
	{ "Receiver address", "wlan.ra" },
	{ "Transmitter address", "wlan.ta" },
	{ "BSS Id", "wlan.bssid" },
	{ "Address 3", "wlan.addr" },
	{ "Address 4", "wlan.addr" },
	{ "Sequence number", "wlan.seq" },
	{ "QoS Control", "wlan.qos" },
	{ "Authentication Algorithm", "wlan.fixed.auth.alg" },
	{ "Authentication SEQ", "wlan.fixed.auth_seq" },
	{ "Status code", "wlan.fixed.status_code" },
	{ "Capabilities Information", "wlan.fixed.capabilities" },
	{ "Listen Interval", "wlan.fixed.listen_ival" },
	{ "Current AP", "wlan.fixed.current_ap" },
	{ "Association ID", "wlan.fixed.aid" },
	{ "Reason code", "wlan.fixed.reason_code" },
	{ "Timestamp", "wlan.fixed.timestamp" },
	{ "Beacon Interval", "wlan.fixed.beacon" },
	{ "SSID", "wlan.ssid" },
	{ "Current Channel", "wlan.ds.current_channel" },
	{ "Version", "wlan.rsn.version" },
	{ "Group Cipher Suite", "wlan.rsn.gcs" },
	{ "Pairwise Cipher Suite Count", "wlan.rsn.pcs.count" },
	{ "Pairwise", "wlan.rsn.pcs" },
	{ "AKM Suite Count", "wlan.rsn.akms.count" },
	{ "AKM", "wlan.rsn.akms" },
	{ "RSN Capabilities", "wlan.rsn.capabilities" },
	{ "PMKID Count", "wlan.rsn.pmkid.count" },
	{ "PMKID", "wlan.pmkid.akms" },
	{ "Group Management Cipher Suite", "wlan.rsn.gmcs" },
	{ "MDID", "wlan.mobility_domain.mdid" },
	{ "FT Capability and Policy", "wlan.mobility_domain.ft_capab" },
	{ "MIC Control", "wlan.ft.mic_control" },
	{ "MIC", "wlan.ft.mic" },
	{ "ANonce", "wlan.ft.anonce" },
	{ "SNonce", "wlan.ft.snonce" },
	{ "R0KH-ID", "wlan.ft.subelem.r0kh_id" },
	{ "R1KH-ID", "wlan.ft.subelem.r1kh_id" },
	{ "Timeout Interval Type", "wlan.timeout_int.type" },
	{ "Timeout Interval Value", "wlan.timeout_int.value" },
	{ "BSSID", "wlan.nreport.bssid" },
	{ "BSSID Information", "wlan.nreport.bssid.info" },
	{ "Operating Class", "wlan.nreport.opeclass" },
	{ "Channel Number", "wlan.nreport.channumber" },
	{ "PHY Type", "wlan.nreport.phytype" },
	{ "Neighbor Report capability", "wlan.rmcap.b1" },
	{ "BSS Transition (bit 19)", "wlan.extcap.b19" },
	{ "OUI", "wlan.tag.oui" },
	{ "Category code", "wlan.fixed.category_code" },
	{ "BSS Transition Query Reason",
	    "wlan.fixed.bss_transition_query_reason" },
	{ "Disassociation Timer", "wlan.fixed.disassoc_timer" },
	{ "Validity Interval", "wlan.fixed.validity_interval" },
	{ "BTM Status Code", "wlan.fixed.bss_transition_status_code" },
	{ "BSS Termination Delay", "wlan.fixed.bss_termination_delay" },
	{ "Target BSSID", "wlan.fixed.bss_transition_target_bss" },
	{ "Candidate list", "wlan.fixed.bss_transition_candidate_list_entries" },
	{ "STA Address", "wlan.fixed.sta_address" },
	{ "Target AP Address", "wlan.fixed.target_ap_address" },
	{ "EAP Code", "eap.code" },
	{ "EAP Id", "eap.id" },
	{ "EAP Length", "eap.len" },
	{ "EAP Type", "eap.type" },
	{ "Identity", "eap.identity" },
	{ "Key Descriptor Type", "eapol.keydes.type" },
	{ "Key Information", "wlan_rsna_eapol.keydes.key_info" },
	{ "Key Descriptor Version",
	    "wlan_rsna_eapol.keydes.key_info.keydes_version" },
	{ "Key Length", "eapol.keydes.key_len" },
	{ "Replay Counter", "eapol.keydes.replay_counter" },
	{ "WPA Key Nonce", "wlan_rsna_eapol.keydes.nonce" },
	{ "WPA Key MIC", "wlan_rsna_eapol.keydes.mic" },
	{ "WPA Key Data Length", "wlan_rsna_eapol.keydes.data_len" },
	{ "PMKID KDE", "wlan.rsn.ie.pmkid" },
};

/* The category of the frame's action field, -1 when it has none. */
static int
category(const struct tui *t)
{
	const char	*p;
	size_t		 i;

	for (i = 0; i < t->nfields; i++)
		if (strncmp(t->fields[i].text, "Category code:", 14) == 0 &&
		    (p = strrchr(t->fields[i].text, '(')) != NULL)
			return (atoi(p + 1));
	return (-1);
}

/* The name of field i into buf, or NULL when Wireshark has none for it. */
const char *
ws_field_name(const struct tui *t, size_t i, char *buf, size_t len)
{
	const char	*txt, *c, *p;
	size_t		 n, k;
	unsigned	 id, ext;

	if (i >= t->nfields)
		return (NULL);
	txt = t->fields[i].text;
	/* the layers */
	if (strncmp(txt, "Frame ", 6) == 0 && t->fields[i].depth == 0)
		return (snprintf(buf, len, "frame.number == %llu",
		    (unsigned long long)t->df_n), buf);
	if (strncmp(txt, "Radio header (radiotap)", 23) == 0)
		return (snprintf(buf, len, "radiotap"), buf);
	if (strncmp(txt, "IEEE 802.11 ", 12) == 0)
		return (snprintf(buf, len, "wlan"), buf);
	if (strncmp(txt, "Management body", 15) == 0)
		return (snprintf(buf, len, "wlan.mgt"), buf);
	if (strncmp(txt, "LLC/SNAP", 8) == 0)
		return (snprintf(buf, len, "llc"), buf);
	if (strncmp(txt, "802.1X", 6) == 0)
		return (snprintf(buf, len, "eapol"), buf);
	/* an element: the filter for its number */
	if (sscanf(txt, "Element: %*[^(](255/%u)", &ext) == 1)
		return (snprintf(buf, len, "wlan.ext_tag.number == %u", ext),
		    buf);
	if (strncmp(txt, "Element: ", 9) == 0 &&
	    (p = strchr(txt, '(')) != NULL && sscanf(p, "(%u)", &id) == 1)
		return (snprintf(buf, len, "wlan.tag.number == %u", id), buf);
	if ((c = strchr(txt, ':')) == NULL)
		return (NULL);
	n = (size_t)(c - txt);
	if (n == 11 && strncmp(txt, "Action code", 11) == 0)
		return (snprintf(buf, len, "wlan.fixed.action_code"), buf);
	if (n == 12 && strncmp(txt, "Dialog token", 12) == 0)
		return (snprintf(buf, len, category(t) == D11_CAT_RM ?
		    "wlan.rm.dialog_token" : "wlan.fixed.dialog_token"), buf);
	for (k = 0; k < sizeof names / sizeof names[0]; k++)
		if (strlen(names[k].label) == n &&
		    strncmp(names[k].label, txt, n) == 0)
			return (snprintf(buf, len, "%s", names[k].name), buf);
	return (NULL);
}

/* The name after a field's text in the detail pane, dim, when known. */
void
detail_ws_name(struct tui *t, size_t i, int y, int x, int attr)
{
	char	buf[96];

	if (ws_field_name(t, i, buf, sizeof buf) != NULL)
		tui_putf(t, y, x, t->cols - x, attr == TA_SEL ? attr : TA_DIM,
		    "  [%s]", buf);
}

/* Seconds from base, "+1.234567" (or "-0.000120" before it). */
void
tui_reltime(int64_t ns, int64_t base, char *out, size_t len)
{
	int64_t	d = ns - base;

	snprintf(out, len, "%c%lld.%06lld", d < 0 ? '-' : '+',
	    (long long)(d < 0 ? -d : d) / 1000000000,
	    (long long)((d < 0 ? -d : d) % 1000000000) / 1000);
}

/* The detail's title: the frame, what it belongs to, its time (absolute,
 * or from the roam's start with t). */
void
detail_title(const struct tui *t, char *buf, size_t len)
{
	char	clk[64], rel[32], m[18];

	if (t->detail_from == TV_AP) {
		snprintf(buf, len, "FRAME %llu, the latest beacon of %s  %s",
		    (unsigned long long)t->df_n, tui_mac(t->ap_bssid, m),
		    tui_clock(t->df_ts, clk, sizeof clk, true));
		return;
	}
	if (t->abs_time || t->dr_roam.start_ns == 0)
		tui_clock(t->df_ts, clk, sizeof clk, true);
	else {
		tui_reltime(t->df_ts, t->dr_roam.start_ns, rel, sizeof rel);
		snprintf(clk, sizeof clk, "%s s from its start", rel);
	}
	snprintf(buf, len, "FRAME %llu of %s #%u  %s%s",
	    (unsigned long long)t->df_n, t->dr_roam.is_join ? "join" : "roam",
	    tui_roam_num(t, &t->dr_roam), clk, t->ws_names ?
	    "  (f: Wireshark names)" : "");
}

/*
 * A Wireshark display filter for a roam: the client's frames with either
 * AP, from a second before the roam began to a second after its last
 * frame, by epoch time (no time zone to get wrong).
 */
void
roam_filter(const struct tui *t, const struct eng_roam *r, char *buf,
    size_t len)
{
	char	 c[18], a[18], b[18];
	int64_t	 s, e;

	(void)t;
	s = r->start_ns - 1000000000LL;
	e = (r->last_frame_ns > r->end_ns ? r->last_frame_ns : r->end_ns);
	if (e < r->start_ns)
		e = r->start_ns;
	e += 1000000000LL;
	if (r->has_from)
		snprintf(buf, len, "wlan.addr == %s && (wlan.addr == %s || "
		    "wlan.addr == %s) && frame.time_epoch >= %lld.%06lld && "
		    "frame.time_epoch <= %lld.%06lld", tui_mac(r->client, c),
		    tui_mac(r->from, a), tui_mac(r->to, b),
		    (long long)(s / 1000000000), (long long)(s % 1000000000 /
		    1000), (long long)(e / 1000000000), (long long)(e %
		    1000000000 / 1000));
	else
		snprintf(buf, len, "wlan.addr == %s && wlan.addr == %s && "
		    "frame.time_epoch >= %lld.%06lld && frame.time_epoch <= "
		    "%lld.%06lld", tui_mac(r->client, c), tui_mac(r->to, b),
		    (long long)(s / 1000000000), (long long)(s % 1000000000 /
		    1000), (long long)(e / 1000000000), (long long)(e %
		    1000000000 / 1000));
}
