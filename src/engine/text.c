/*
 * text.c -- every name and every sentence the engine writes: the report's
 * strings for its enumerations, and the text of each diagnosis and finding
 * from its code and arguments (judge.c and ess.c only pick codes).
 */
#include <stdarg.h>

#include "engine_int.h"

static const char *verdict_names[] = { "", "ok", "warn", "fail" };
static const char *method_names[] = {
	[ENG_M_UNKNOWN] = "unknown", [ENG_M_FT_OVER_AIR] = "ft-over-air",
	[ENG_M_FT_OVER_DS] = "ft-over-ds", [ENG_M_PMKSA_CACHE] = "pmksa-cache",
	[ENG_M_FULL_8021X] = "full-8021x", [ENG_M_PSK] = "psk",
	[ENG_M_SAE] = "sae", [ENG_M_OPEN] = "open", [ENG_M_OWE] = "owe",
	[ENG_M_FILS] = "fils",
};
static const char *result_names[] = {
	[ENG_R_PENDING] = "pending", [ENG_R_OK] = "ok",
	[ENG_R_FAILED] = "failed", [ENG_R_FALLBACK] = "fallback",
	[ENG_R_RETURNED] = "returned", [ENG_R_INCOMPLETE] = "incomplete",
};
static const char *phase_names[ENG_P_NKINDS] = {
	[ENG_P_NEIGHBOR_REPORT] = "neighbor_report", [ENG_P_BTM] = "btm",
	[ENG_P_FT_AUTH] = "ft_auth", [ENG_P_FT_ACTION] = "ft_action",
	[ENG_P_AUTH] = "auth", [ENG_P_REASSOC] = "reassoc",
	[ENG_P_ASSOC] = "assoc", [ENG_P_EAP] = "eap", [ENG_P_4WAY] = "4way",
	[ENG_P_DATA] = "data", [ENG_P_DHCP] = "dhcp",
};
static const char *phase_titles[ENG_P_NKINDS] = {
	[ENG_P_NEIGHBOR_REPORT] = "the neighbor report exchange",
	[ENG_P_BTM] = "the BTM exchange",
	[ENG_P_FT_AUTH] = "FT authentication",
	[ENG_P_FT_ACTION] = "the FT action exchange",
	[ENG_P_AUTH] = "authentication", [ENG_P_REASSOC] = "reassociation",
	[ENG_P_ASSOC] = "association", [ENG_P_EAP] = "802.1X",
	[ENG_P_4WAY] = "the 4-way handshake",
	[ENG_P_DATA] = "the first data frame",
	[ENG_P_DHCP] = "DHCP",
};
static const char *state_names[ENG_S_NSTATES] = {
	[ENG_S_PROBING] = "probing", [ENG_S_STEERED] = "steered",
	[ENG_S_AUTHENTICATING] = "authenticating",
	[ENG_S_ASSOCIATING] = "associating", [ENG_S_KEYING] = "keying",
	[ENG_S_WAITING_DATA] = "waiting-for-data",
	[ENG_S_RECOVERING] = "recovering", [ENG_S_DONE] = "done",
	[ENG_S_FAILED] = "failed", [ENG_S_RETURNED] = "returned",
};
static const char *trigger_names[] = {
	[ENG_T_CLIENT] = "client", [ENG_T_STEERED] = "steered",
	[ENG_T_FORCED] = "forced", [ENG_T_ASSISTED] = "assisted",
};
static const char *field_names[ENG_AF_NFIELDS] = {
	[ENG_AF_SSID] = "ssid", [ENG_AF_CHANNEL] = "channel",
	[ENG_AF_MDID] = "mdid", [ENG_AF_FT_OVER_DS] = "ft_over_ds",
	[ENG_AF_AKMS] = "akms", [ENG_AF_NR] = "nr", [ENG_AF_BTM] = "btm",
	[ENG_AF_RSN] = "rsn",
};
static const char *code_names[ENG_C_NCODES] = {
	[ENG_C_FT_INVALID_PMKID] = "ft-invalid-pmkid",
	[ENG_C_MIXED_MDID] = "mixed-mdid",
	[ENG_C_FT_INVALID_MDE] = "ft-invalid-mde",
	[ENG_C_FT_INVALID_FTE] = "ft-invalid-fte",
	[ENG_C_FT_ACTION_COUNT] = "ft-action-count",
	[ENG_C_AUTH_ALG_UNSUPPORTED] = "auth-alg-unsupported",
	[ENG_C_AKM_REJECTED] = "akm-rejected",
	[ENG_C_ASSOC_COMEBACK] = "assoc-comeback",
	[ENG_C_AP_FULL] = "ap-full",
	[ENG_C_STATUS] = "status",
	[ENG_C_4WAY_NO_M3] = "4way-no-m3",
	[ENG_C_4WAY_NO_M2] = "4way-no-m2",
	[ENG_C_4WAY_NO_M4] = "4way-no-m4",
	[ENG_C_EAP_FAILURE] = "eap-failure",
	[ENG_C_EAP_INCOMPLETE] = "eap-incomplete",
	[ENG_C_NO_4WAY] = "no-4way",
	[ENG_C_NO_RESPONSE] = "no-response",
	[ENG_C_LATE_ANSWER] = "late-answer",
	[ENG_C_DEAUTH_BY_AP] = "deauth-by-ap",
	[ENG_C_DEAUTH_BY_CLIENT] = "deauth-by-client",
	[ENG_C_RETRY_LOOP] = "retry-loop",
	[ENG_C_FT_FALLBACK] = "ft-fallback",
	[ENG_C_RETURNED] = "returned",
	[ENG_C_BTM_REJECT] = "btm-reject",
	[ENG_C_BTM_OTHER_TARGET] = "btm-other-target",
	[ENG_C_BTM_UNADVERTISED] = "btm-unadvertised",
	[ENG_C_NR_UNADVERTISED] = "nr-unadvertised",
	[ENG_C_PMF_INFERRED] = "pmf-inferred",
	[ENG_C_SLOW_PHASE] = "slow-phase",
	[ENG_C_SLOW_ROAM] = "slow-roam",
	[ENG_C_SLOW_GAP] = "slow-gap",
	[ENG_C_STALLED] = "stalled",
	[ENG_C_RSSI_DROP] = "rssi-drop",
	[ENG_C_RSSI_LOW] = "rssi-low",
	[ENG_C_FT_PARTIAL] = "ft-partial",
	[ENG_C_FT_OVER_DS_MIXED] = "ft-over-ds-mixed",
	[ENG_C_AKM_MIXED] = "akm-mixed",
	[ENG_C_BTM_NO_ROAM] = "btm-no-roam",
	[ENG_C_AP_CHANGE] = "ap-change",
	[ENG_C_LOG_KEY_CACHE] = "log-key-cache",
	[ENG_C_LOG_NOT_ON_AIR] = "log-sent-not-on-air",
	[ENG_C_LOG_OK_AIR_FAILED] = "log-ok-air-failed",
	[ENG_C_LOG_STATUS_DIFFERS] = "log-status-differs",
	[ENG_C_LOG_AP_NO_ANSWER] = "log-ap-no-answer",
	[ENG_C_LOG_UNLOGGED] = "log-unlogged",
	[ENG_C_LOG_LOOP] = "log-loop",
	[ENG_C_LOG_WRONG_PSK] = "log-wrong-psk",
	[ENG_C_KEY_WRONG] = "wrong-passphrase",
	[ENG_C_KEY_VERIFIES] = "key-verifies",
	[ENG_C_FT_TARGET_LACKS_R1] = "ft-target-lacks-r1",
	[ENG_C_FT_KEY_STALE] = "ft-key-stale",
	[ENG_C_FT_KEY_WRONG] = "ft-key-wrong",
	[ENG_C_FT_MIC_BAD] = "ft-mic-bad",
	[ENG_C_FT_MIC_VERIFIES] = "ft-mic-verifies",
	[ENG_C_PMKID_BAD] = "pmkid-bad",
};

#define NAME(tab, i, dflt) ((unsigned)(i) < sizeof(tab) / sizeof((tab)[0]) && \
	(tab)[i] != NULL ? (tab)[i] : (dflt))

const char *
eng_verdict_name(enum eng_verdict v)
{
	return NAME(verdict_names, v, "");
}

const char *
eng_method_name(enum eng_method m)
{
	return NAME(method_names, m, "unknown");
}

const char *
eng_result_name(enum eng_result r)
{
	return NAME(result_names, r, "pending");
}

const char *
eng_phase_name(enum eng_phase_kind k)
{
	return NAME(phase_names, k, "");
}

const char *
eng_state_name(enum eng_state s)
{
	return NAME(state_names, s, "");
}

const char *
eng_trigger_name(enum eng_trigger t)
{
	return NAME(trigger_names, t, "client");
}

const char *
eng_event_name(enum eng_event_kind k)
{
	return k == ENG_E_DISASSOC ? "disassoc" : "deauth";
}

const char *
eng_band_name(uint8_t band)
{
	switch (band) {
	case ENG_BAND_2G:
		return "2.4";
	case ENG_BAND_5G:
		return "5";
	case ENG_BAND_6G:
		return "6";
	default:
		return "";
	}
}

const char *
eng_ap_field_name(enum eng_ap_field f)
{
	return NAME(field_names, f, "");
}

const char *
eng_code_name(enum eng_code c)
{
	return NAME(code_names, c, "");
}

const char *
eng_phase_status_name(const struct eng_phase *p)
{
	if (p->status < 0)
		return "";
	if (p->kind == ENG_P_BTM)
		return d11_btm_status_name((uint8_t)p->status);
	if (p->kind == ENG_P_DHCP)
		return p->status == D11_DHCP_NAK ? "NAK" : "";
	return d11_status_name((uint16_t)p->status);
}

/* ------------------------------------------------------------------------
 * Sentences.
 */
static void
textf(char *buf, size_t len, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Truncating: a sentence may be cut, never overrun. */
static void
textf(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, len, fmt, ap);
	va_end(ap);
}

static const char *
title(int kind)
{
	return kind >= 0 && kind < ENG_P_NKINDS ? phase_titles[kind] : "";
}

/* What a refusal refused, by the phase kind of the answer. */
static const char *
refused_what(int kind)
{
	switch (kind) {
	case ENG_P_FT_AUTH:
		return "FT authentication";
	case ENG_P_FT_ACTION:
		return "the FT action request";
	case ENG_P_AUTH:
		return "authentication";
	case ENG_P_REASSOC:
		return "reassociation";
	default:
		return "association";
	}
}

static const char *
vname(int v)
{
	return v == ENG_V_FAIL ? "FAIL" : "WARN";
}

void
eng_ap_change_text(const struct eng_ap_change *c, char *buf, size_t len)
{
	bool on = strcmp(c->to, "on") == 0;

	switch (c->field) {
	case ENG_AF_SSID:
		textf(buf, len, "SSID '%s' -> '%s'", c->from, c->to);
		break;
	case ENG_AF_CHANNEL:
		textf(buf, len, "channel %s -> %s", c->from, c->to);
		break;
	case ENG_AF_MDID:
		textf(buf, len, "Mobility Domain %s -> %s", c->from, c->to);
		break;
	case ENG_AF_FT_OVER_DS:
		textf(buf, len, "FT over the DS turned %s", on ? "on" : "off");
		break;
	case ENG_AF_AKMS:
		textf(buf, len, "AKMs %s -> %s", c->from, c->to);
		break;
	case ENG_AF_NR:
		textf(buf, len, "11k neighbor reports turned %s", on ? "on" :
		    "off");
		break;
	case ENG_AF_BTM:
		textf(buf, len, "11v BSS transition turned %s", on ? "on" :
		    "off");
		break;
	case ENG_AF_RSN:
		textf(buf, len, "RSN turned %s", on ? "on" : "off");
		break;
	default:
		textf(buf, len, "%s -> %s", c->from, c->to);
		break;
	}
}

static void	diag_text(struct eng_diag *, const struct eng_roam *,
		    const char *);

/* An R0KH-ID as a word: printable ASCII as it is, else hex. */
static void
r0kh_word(const struct eng_keys *k, char *buf, size_t len)
{
	size_t i, o = 0;
	bool text = k->r0kh_len > 0;

	for (i = 0; i < k->r0kh_len; i++)
		if (k->r0kh_id[i] < 0x21 || k->r0kh_id[i] > 0x7e)
			text = false;
	buf[0] = '\0';
	for (i = 0; i < k->r0kh_len && o + 3 < len; i++)
		o += (size_t)snprintf(buf + o, len - o, text ? "%c" : "%02x",
		    k->r0kh_id[i]);
	if (k->r0kh_len == 0)
		snprintf(buf, len, "(none)");
}

/* "SSID, MDID" -- what ENG_KS_* bits name. */
static void
stale_words(int bits, char *buf, size_t len)
{
	snprintf(buf, len, "%s%s%s%s%s", bits & ENG_KS_SSID ? "SSID" : "",
	    bits & ENG_KS_SSID && bits & (ENG_KS_MDID | ENG_KS_R0KH) ? ", " :
	    "", bits & ENG_KS_MDID ? "MDID" : "", bits & ENG_KS_MDID &&
	    bits & ENG_KS_R0KH ? ", " : "", bits & ENG_KS_R0KH ?
	    "R0KH-ID" : "");
	if (buf[0] == '\0')
		snprintf(buf, len, "ESS");
}

/* The diagnosis d of roam p: its name now, its sentence when the roam is
 * read (tx_texts), but at once when it needs s (the ESS's MDID summary for
 * mixed-mdid, as the ESS is now). */
void
tx_diag(struct eng_diag *d, const struct eng_roam *p, const char *s)
{
	snprintf(d->code, sizeof d->code, "%s", eng_code_name(d->id));
	d->text[0] = '\0';
	if (s != NULL)
		diag_text(d, p, s);
}

/* The sentences of the roam's diagnoses not written yet. */
void
tx_texts(struct eng_roam *p)
{
	unsigned i;

	for (i = 0; i < p->ndiags; i++)
		if (p->diags[i].text[0] == '\0')
			diag_text(&p->diags[i], p, NULL);
}

static void
diag_text(struct eng_diag *d, const struct eng_roam *p, const char *s)
{
	const char *rec = p->is_join ? "join" : "roam";
	char tm[18], fm[18], om[18];
	int a0 = d->arg[0], a1 = d->arg[1];
	char *t = d->text;
	size_t n = sizeof d->text;

	d11_mac_str(p->to, tm);
	d11_mac_str(p->from, fm);
	switch (d->id) {
	case ENG_C_FT_INVALID_PMKID:
		textf(t, n, "%s refused %s with status 53 (INVALID_PMKID): it "
		    "had no PMK-R1 for the PMKR0Name the client presented; "
		    "check R0KH/R1KH key distribution between %s and %s", tm,
		    refused_what(a1), p->has_from ? fm :
		    "the client's first AP", tm);
		break;
	case ENG_C_MIXED_MDID:
		textf(t, n, "the ESS '%s' mixes mobility domains: %s; FT works "
		    "only within one", p->ssid, s != NULL ? s : "");
		break;
	case ENG_C_FT_INVALID_MDE:
		if (d->val[0] >= 0 && d->val[1] >= 0)
			textf(t, n, "%s refused %s with status 54 "
			    "(INVALID_MDE): the client asked for MDID %04x, "
			    "%s advertises %04x", tm, refused_what(a1),
			    (unsigned)d->val[0], tm, (unsigned)d->val[1]);
		else
			textf(t, n, "%s refused %s with status 54 "
			    "(INVALID_MDE): the Mobility Domain element was "
			    "missing or its MDID differs from the target's", tm,
			    refused_what(a1));
		break;
	case ENG_C_FT_INVALID_FTE:
		if (d->val[0] >= 2 && d->val[1] > 0)
			/* val: links asked for, the FTE whole (mld.c) */
			textf(t, n, "%s refused %s with status 55 "
			    "(INVALID_FTE), %.0f-link MLO FT: FTE whole "
			    "(R0KH-ID, R1KH-ID, the FT auth nonces), so the "
			    "MIC failed; with MLO it covers MLD and link "
			    "addresses: client and AP MLD disagree on them", tm,
			    refused_what(a1), d->val[0]);
		else if (d->val[0] >= 2)
			textf(t, n, "%s refused %s with status 55 "
			    "(INVALID_FTE), %.0f-link MLO FT: its FTE lacked "
			    "the R0KH-ID or R1KH-ID, or the FT "
			    "authentication's nonces", tm, refused_what(a1),
			    d->val[0]);
		else
			textf(t, n, "%s refused %s with status 55 "
			    "(INVALID_FTE): FT element missing or wrong (no "
			    "R0KH-ID, bad MIC, or ANonce/SNonce mismatch)", tm,
			    refused_what(a1));
		break;
	case ENG_C_FT_ACTION_COUNT:
		textf(t, n, "%s refused %s with status 52 "
		    "(INVALID_FT_ACTION_FRAME_COUNT)", tm, refused_what(a1));
		break;
	case ENG_C_AUTH_ALG_UNSUPPORTED:
		textf(t, n, "%s refused %s with status 13 (%s): the target does "
		    "not support this authentication algorithm (FT not enabled "
		    "there?)", tm, refused_what(a1),
		    d11_status_name(D11_ST_UNSUPPORTED_AUTH_ALGORITHM));
		break;
	case ENG_C_AKM_REJECTED:
		textf(t, n, "%s refused %s with status 43 (INVALID_AKMP): the "
		    "AKM the client chose is not accepted there; compare the "
		    "AKM suites the APs offer", tm, refused_what(a1));
		break;
	case ENG_C_ASSOC_COMEBACK:
		if (a1 > 0)
			textf(t, n, "%s answered %s with status 30 (temporarily "
			    "rejected, try again in %d TU): PMF association "
			    "comeback, the AP still holds a protected "
			    "association for the client", tm,
			    refused_what(ENG_P_ASSOC), a1);
		else
			textf(t, n, "%s answered %s with status 30 (temporarily "
			    "rejected): PMF association comeback", tm,
			    refused_what(ENG_P_ASSOC));
		break;
	case ENG_C_AP_FULL:
		textf(t, n, "%s refused %s with status 17 (AP unable to handle "
		    "additional associated stations): the AP is full", tm,
		    refused_what(a1));
		break;
	case ENG_C_STATUS:
		textf(t, n, "%s refused %s with status %d (%s)", tm,
		    refused_what(a1), a0, d11_status_name((uint16_t)a0));
		break;
	case ENG_C_4WAY_NO_M3:
		textf(t, n, "the 4-way handshake with %s never reached M3: M1 "
		    "was sent again after the client's M2 (%d times), so the AP "
		    "could not verify the M2 MIC; most often a wrong "
		    "passphrase", tm, a0);
		break;
	case ENG_C_4WAY_NO_M2:
		textf(t, n, "%s sent EAPOL M1 %d time%s and the client never "
		    "answered with M2: the client did not take the 4-way "
		    "handshake (it may have lost the frames, or given up)", tm,
		    a0, a0 > 1 ? "s" : "");
		break;
	case ENG_C_4WAY_NO_M4:
		textf(t, n, "%s sent EAPOL M3 %d time%s and the client never "
		    "answered with M4: it did not install the keys (M3 lost, "
		    "or refused for a bad MIC or an RSNE mismatch)", tm, a0,
		    a0 > 1 ? "s" : "");
		break;
	case ENG_C_EAP_FAILURE:
		textf(t, n, "802.1X authentication through %s ended with "
		    "EAP-Failure", tm);
		break;
	case ENG_C_EAP_INCOMPLETE:
		textf(t, n, "802.1X through %s started but never ended with "
		    "EAP-Success or EAP-Failure (%.0f ms of EAP seen): the "
		    "RADIUS server or the client stopped answering", tm,
		    d->val[0] < 0 ? 0 : d->val[0]);
		break;
	case ENG_C_NO_4WAY:
		textf(t, n, "%s accepted the %s but never started the 4-way "
		    "handshake (no EAPOL M1 seen)", tm, a0 ? "reassociation" :
		    "association");
		break;
	case ENG_C_NO_RESPONSE:
		textf(t, n, "%s never answered the client's %s request (%d "
		    "retries seen)", tm, a0 == ENG_P_FT_ACTION ? "FT action" :
		    title(a0), a1);
		break;
	case ENG_C_LATE_ANSWER:
		textf(t, n, "%s answered the client's %s request %.0f ms after "
		    "its last retry, with status %d (%s), when the client had "
		    "given up and gone back", tm, a0 == ENG_P_FT_ACTION ? "FT action" : title(a0),
		    d->val[0], a1, d11_status_name((uint16_t)a1));
		break;
	case ENG_C_DEAUTH_BY_AP:
	case ENG_C_DEAUTH_BY_CLIENT:
		textf(t, n, "%s (%s) during the %s: reason %d (%s)",
		    d->id == ENG_C_DEAUTH_BY_AP ? "the AP dropped the client" :
		    "the client gave up", a1 ? "disassociation" :
		    "deauthentication", rec, a0, d11_reason_name((uint16_t)a0));
		break;
	case ENG_C_RETRY_LOOP:
		textf(t, n, "attempt %d at %s in a row, every ~%.0f ms: the "
		    "client keeps retrying the same failing %s%s", a0, tm,
		    d->val[0], rec, p->is_join ? "" : " (a loop like Cisco's "
		    "'802.11r Key Cache look up failed')");
		break;
	case ENG_C_FT_FALLBACK:
		textf(t, n, "FT was refused, then the client joined %s with a "
		    "full authentication", tm);
		break;
	case ENG_C_RETURNED:
		textf(t, n, "the client went back to %s", fm);
		break;
	case ENG_C_BTM_REJECT:
		textf(t, n, "the client rejected the BTM request with status %d "
		    "(%s)", a0, d11_btm_status_name((uint8_t)a0));
		break;
	case ENG_C_BTM_OTHER_TARGET:
		textf(t, n, "the BTM request suggested %s but the client went "
		    "to %s", d11_mac_str(d->mac, om), tm);
		break;
	case ENG_C_BTM_UNADVERTISED:
		textf(t, n, "the AP sent a BTM request though the client does "
		    "not advertise 11v BSS transition");
		break;
	case ENG_C_NR_UNADVERTISED:
		textf(t, n, "the client asked %s for a neighbor report though "
		    "it does not advertise 11k neighbor reports", fm);
		break;
	case ENG_C_PMF_INFERRED:
		textf(t, n, "%d protected (PMF) action frames before the roam: "
		    "their 11k/11v/FT content is encrypted, so the neighbor "
		    "report/BTM phases are inferred from their direction and "
		    "timing", a0);
		break;
	case ENG_C_SLOW_PHASE:
		textf(t, n, "%s took %.0f ms (%s above %.0f ms)", title(a0),
		    d->val[0], vname(a1), d->val[1]);
		break;
	case ENG_C_SLOW_ROAM:
		textf(t, n, "the %s took %.0f ms in all (%s above %.0f ms)",
		    rec, d->val[0], vname(a1), d->val[1]);
		break;
	case ENG_C_SLOW_GAP:
		textf(t, n, "no data for %.0f ms between the old and the new AP "
		    "(WARN above %.0f ms)", d->val[0], d->val[1]);
		break;
	case ENG_C_STALLED:
		if (a0 < 0)
			textf(t, n, "the %s toward %s shows no exchange the "
			    "engine could time", rec, tm);
		else if (a1)
			textf(t, n, "the %s toward %s stopped in %s: it started "
			    "and no answer or next step followed", rec, tm,
			    title(a0));
		else
			textf(t, n, "the %s toward %s stopped after %s (%.0f "
			    "ms): no next step followed", rec, tm, title(a0),
			    d->val[0] < 0 ? 0 : d->val[0]);
		break;
	case ENG_C_RSSI_DROP:
		textf(t, n, "the signal dropped by %d dB from the old AP to %s "
		    "(%s above %.0f dB): a suboptimal roam", a0, tm, vname(a1),
		    d->val[1]);
		break;
	case ENG_C_RSSI_LOW:
		textf(t, n, "%s is heard at %d dBm after the roam (%s below "
		    "%.0f dBm): a suboptimal roam", tm, a0, vname(a1),
		    d->val[1]);
		break;
	case ENG_C_LOG_KEY_CACHE:
		textf(t, n, "the log's missing key for the client (\"802.11r "
		    "Key Cache look up failed\", no PMK-R1, INVALID_PMKID) is "
		    "the air's status %d at %s: one failure under two names, "
		    "the target had no key for the PMKID the client "
		    "presented%s", a0, tm, a1 ? "; the ESS mixes mobility "
		    "domains, so keys made in one are not found in the other" :
		    "");
		break;
	case ENG_C_LOG_NOT_ON_AIR:
		textf(t, n, "the log says %s sent the %s response (status %d) "
		    "but the air never carried it: %s", tm, title(a0), a1,
		    d->val[0] > 0 ? "the logger saw it acknowledged, so the "
		    "sniffer missed it" : "lost on the radio (the client "
		    "never got it)");
		break;
	case ENG_C_LOG_OK_AIR_FAILED:
		textf(t, n, "the log says the %s to %s succeeded (%s) but on "
		    "the air the client did not go on with it", rec, tm,
		    a0 == ENG_LOK_CONNECTED ? "connected" : a0 == ENG_LOK_KEYS ?
		    "keys in place" : "response sent with status 0");
		break;
	case ENG_C_LOG_STATUS_DIFFERS:
		textf(t, n, "the log has status %d for %s at %s, the air "
		    "shows status %d (%s)", a0, title((int)d->val[0]), tm, a1,
		    d11_status_name((uint16_t)a1));
		break;
	case ENG_C_LOG_AP_NO_ANSWER:
		textf(t, n, "the log shows %s got the client's %s request (%d "
		    "time%s) and never answered it: the AP did not answer, "
		    "nothing was lost on the radio", tm, title(a0), a1,
		    a1 == 1 ? "" : "s");
		break;
	case ENG_C_LOG_UNLOGGED:
		textf(t, n, "the air shows this %s to %s but the log, which "
		    "covers this client and AP at that time, has nothing of "
		    "it: another controller or AP took it, or the AP never "
		    "passed it up", rec, tm);
		break;
	case ENG_C_LOG_LOOP:
		d11_mac_str(d->mac, om);
		textf(t, n, "the log shows %d failures in a row to %s, every "
		    "~%.0f ms%s", a0, om, d->val[0], a1 ? ": the client loops "
		    "on \"802.11r Key Cache look up failed\"" : "");
		break;
	case ENG_C_LOG_WRONG_PSK:
		textf(t, n, "the log shows the client's M2 failing its MIC %d "
		    "time%s (M1 sent again, %d retries and timeouts): most "
		    "likely a wrong passphrase on the client", a0, a0 == 1 ?
		    "" : "s", a1);
		break;
	case ENG_C_KEY_WRONG:
		if (a1)
			textf(t, n, "the key given is not this network's: the "
			    "client's message 2 MIC to %s verifies with none "
			    "of the %d key%s tried, yet %s accepted it", tm, a0,
			    a0 == 1 ? "" : "s", tm);
		else
			textf(t, n, "the client's passphrase is not the one "
			    "given: its message 2 MIC to %s verifies with none "
			    "of the %d key%s tried (with the AP's passphrase, "
			    "the client's is wrong: proven)", tm, a0, a0 == 1 ?
			    "" : "s");
		break;
	case ENG_C_KEY_VERIFIES:
		textf(t, n, "the key verifies (%s): the client's message 2 MIC "
		    "is right, so the %s failed for another cause than the "
		    "passphrase", p->keys.key, rec);
		break;
	case ENG_C_FT_TARGET_LACKS_R1: {
		char r0[2 * ENG_R0KH_MAX + 1];

		r0kh_word(&p->keys, r0, sizeof r0);
		textf(t, n, "the client's PMKR0Name is correct (%s): %s lacks "
		    "the PMK-R1; it must get it from R0KH %s (check the "
		    "R0KH/R1KH keys between them)", p->keys.key, tm, r0);
		break;
	}
	case ENG_C_FT_KEY_STALE: {
		char w[48];

		stale_words(a0, w, sizeof w);
		textf(t, n, "the client presented the PMKR0Name of its first "
		    "association, whose %s differ%s from %s's: its key cache "
		    "is stale or the ESS changed", w, a0 == ENG_KS_SSID ||
		    a0 == ENG_KS_MDID || a0 == ENG_KS_R0KH ? "s" : "", tm);
		if (p->keys.key[0] != '\0')
			textf(t + strlen(t), n - strlen(t), " (the name "
			    "verifies with %s for that association)",
			    p->keys.key);
		break;
	}
	case ENG_C_FT_KEY_WRONG:
		textf(t, n, "the client's PMKR0Name toward %s matches none of "
		    "the %d key%s given: its key cache is stale, or its key "
		    "is not the network's", tm, a0, a0 == 1 ? "" : "s");
		break;
	case ENG_C_FT_MIC_BAD:
		textf(t, n, "the FTE MIC of the reassociation %s does not "
		    "verify with the key (%s): the %s's FT keys are wrong",
		    a0 ? "response" : "request", p->keys.key, a0 ? "AP" :
		    "client");
		break;
	case ENG_C_FT_MIC_VERIFIES:
		textf(t, n, "the client's FTE MIC verifies (%s): %s's status "
		    "55 is not the client's keys (a nonce or element "
		    "mismatch on the AP's side)", p->keys.key, tm);
		break;
	case ENG_C_PMKID_BAD:
		textf(t, n, "the PMKID the client presented to %s is not the "
		    "one for its PMK and this AP: its PMKSA is stale or "
		    "wrong", tm);
		break;
	default:
		t[0] = '\0';
		break;
	}
}

/* The finding f (ESS-wide or a client event): its name and sentence from
 * the code and arguments: a0/a1 numbers, m0/m1 addresses, s0/s1 strings. */
void
tx_finding(struct eng_finding *f, int32_t a0, int32_t a1, const uint8_t *m0,
    const uint8_t *m1, const char *s0, const char *s1)
{
	char x[18] = "", y[18] = "";
	char *t = f->text;
	size_t n = sizeof f->text;

	snprintf(f->code, sizeof f->code, "%s", eng_code_name(f->id));
	if (m0 != NULL)
		d11_mac_str(m0, x);
	if (m1 != NULL)
		d11_mac_str(m1, y);
	if (s0 == NULL)
		s0 = "";
	if (s1 == NULL)
		s1 = "";
	switch (f->id) {
	case ENG_C_MIXED_MDID:
		textf(t, n, "mixed mobility domains in '%s': %s", f->ssid, s0);
		break;
	case ENG_C_FT_PARTIAL:
		textf(t, n, "FT (802.11r) is enabled on some APs of '%s' but "
		    "not on %s: roams to them need a full authentication",
		    f->ssid, s0);
		break;
	case ENG_C_FT_OVER_DS_MIXED:
		textf(t, n, "FT over the DS is advertised only by some APs of "
		    "'%s' (%s): over-DS roams to the others will fail or go "
		    "over the air", f->ssid, s0);
		break;
	case ENG_C_AKM_MIXED:
		textf(t, n, "APs of '%s' offer different AKM sets: %s on %s, %s "
		    "on %s%s", f->ssid, s0, x, s1, y, a0 > 1 ?
		    " (and others)" : "");
		break;
	case ENG_C_BTM_REJECT:
		textf(t, n, "client %s rejected the BSS Transition Management "
		    "request from %s with status %d (%s) and stayed", x, y, a0,
		    d11_btm_status_name((uint8_t)a0));
		break;
	case ENG_C_BTM_NO_ROAM:
		textf(t, n, "BSS Transition Management request from %s to "
		    "client %s (%s) was not followed by a roam within %d s", y,
		    x, a0 == 0 ? "accepted" : "no response", a1);
		break;
	case ENG_C_BTM_UNADVERTISED:
		if (a0 == 0)
			textf(t, n, "%s sent a BSS Transition Management request "
			    "to client %s, which does not advertise 11v BSS "
			    "transition (Extended Capabilities bit 19)", y, x);
		else
			textf(t, n, "client %s sent a BSS Transition Management "
			    "query to %s, which does not advertise 11v BSS "
			    "transition", x, y);
		break;
	case ENG_C_NR_UNADVERTISED:
		if (a0 == 0)
			textf(t, n, "client %s sent a Neighbor Report Request to "
			    "%s, which does not advertise neighbor report "
			    "support (RM Enabled Capabilities)", x, y);
		else if (a0 == 1)
			textf(t, n, "client %s sent a Neighbor Report Request to "
			    "%s though its association request does not "
			    "advertise 11k (no RM Enabled Capabilities "
			    "element)", x, y);
		else
			textf(t, n, "%s sent an unsolicited Neighbor Report to "
			    "client %s, which does not advertise 11k (no RM "
			    "Enabled Capabilities)", y, x);
		break;
	case ENG_C_AP_CHANGE: {
		struct eng_ap_change c;
		char w[96];

		memset(&c, 0, sizeof c);
		c.field = (enum eng_ap_field)a0;
		snprintf(c.from, sizeof c.from, "%s", s0);
		snprintf(c.to, sizeof c.to, "%s", s1);
		eng_ap_change_text(&c, w, sizeof w);
		textf(t, n, "%s: %s at %lld.%06lld", x, w,
		    (long long)(f->ts_ns / NS_PER_S),
		    (long long)(f->ts_ns % NS_PER_S / 1000));
		break;
	}
	case ENG_C_LOG_LOOP:
		textf(t, n, "the log shows client %s failing %d times in a row "
		    "to %s, every ~%s ms%s", x, a0, m1 != NULL ? y :
		    "the same BSS", s0, a1 ?
		    ", each with \"802.11r Key Cache look up failed\": the "
		    "target has no key for the PMKID the client presents (the "
		    "air would show status 53)" : "");
		break;
	case ENG_C_LOG_WRONG_PSK:
		textf(t, n, "the log shows client %s's M2 failing its MIC %d "
		    "time%s (%d retries and timeouts): most likely a wrong "
		    "passphrase on the client", x, a0, a0 == 1 ? "" : "s", a1);
		break;
	default:
		t[0] = '\0';
		break;
	}
}
