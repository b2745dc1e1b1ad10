/*
 * diag.c -- judging a roam from its raw facts (phases, method, result,
 * timings, verdicts against the SLA profile, diagnoses) and the ESS-wide
 * findings.  Idempotent: eng_judge() rebuilds everything each time.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "engine_int.h"

#define NS_PER_MS	1000000.0

const struct eng_conf *eng_get_conf(const struct eng *);
int64_t		 eng_now(const struct eng *);
struct ap	**eng_aps_internal(struct eng *, size_t *);
void		 eng_ess_set(struct eng *, struct eng_finding *, size_t);
void		 eng_judge(struct eng *, struct client *, struct roam *);
void		 eng_ess_findings(struct eng *);

static const char *verdict_names[] = { "", "ok", "warn", "fail" };
static const char *method_names[] = {
	"unknown", "ft-over-air", "ft-over-ds", "pmksa-cache", "full-8021x",
	"psk", "sae", "open", "owe", "fils",
};
static const char *result_names[] = {
	"pending", "ok", "failed", "fallback", "returned", "incomplete",
};
static const char *phase_names[ENG_P_NKINDS] = {
	"neighbor_report", "btm", "ft_auth", "ft_action", "auth", "reassoc",
	"assoc", "eap", "4way", "data",
};
static const char *phase_titles[ENG_P_NKINDS] = {
	"the neighbor report exchange", "the BTM exchange",
	"FT authentication", "the FT action exchange", "authentication",
	"reassociation", "association", "802.1X", "the 4-way handshake",
	"the first data frame",
};

const char *
eng_verdict_name(enum eng_verdict v)
{
	return (unsigned)v <= ENG_V_FAIL ? verdict_names[v] : "";
}

const char *
eng_method_name(enum eng_method m)
{
	return (unsigned)m <= ENG_M_FILS ? method_names[m] : "unknown";
}

const char *
eng_result_name(enum eng_result r)
{
	return (unsigned)r <= ENG_R_INCOMPLETE ? result_names[r] : "pending";
}

const char *
eng_phase_name(enum eng_phase_kind k)
{
	return (unsigned)k < ENG_P_NKINDS ? phase_names[k] : "";
}

const char *
eng_phase_status_name(const struct eng_phase *p)
{
	if (p->status < 0)
		return "";
	if (p->kind == ENG_P_BTM)
		return d11_btm_status_name((uint8_t)p->status);
	return d11_status_name((uint16_t)p->status);
}

/* ------------------------------------------------------------------------
 * AKM classes.
 */
static bool
akm_8021x(uint32_t s)
{
	if ((s >> 8) != D11_OUI_IEEE)
		return (s >> 8) == D11_OUI_MS && (s & 0xff) == 1;
	switch (s & 0xff) {
	case 1: case 3: case 5: case 11: case 12: case 13: case 22: case 23:
		return true;
	}
	return false;
}

static bool
akm_sae(uint32_t s)
{
	if ((s >> 8) != D11_OUI_IEEE)
		return false;
	switch (s & 0xff) {
	case 8: case 9: case 24: case 25:
		return true;
	}
	return false;
}

static bool
akm_fils(uint32_t s)
{
	return (s >> 8) == D11_OUI_IEEE && (s & 0xff) >= 14 && (s & 0xff) <= 17;
}

static bool
akm_owe(uint32_t s)
{
	return s == ((uint32_t)D11_OUI_IEEE << 8 | 18);
}

/* The method from what the client did and the AKM it chose (the first AKM
 * of its (re)association request, never the AP's list). */
static enum eng_method
roam_method(const struct roam *r)
{
	if (r->ftact.req_ns != 0)
		return ENG_M_FT_OVER_DS;
	if (r->ftauth.req_ns != 0)
		return ENG_M_FT_OVER_AIR;
	if ((r->has_auth && r->auth_alg == 3) || akm_sae(r->req_akm))
		return ENG_M_SAE;
	/* FILS Shared Key (4), with PFS (5), Public Key (6) */
	if ((r->has_auth && r->auth_alg >= 4 && r->auth_alg <= 6) ||
	    akm_fils(r->req_akm))
		return ENG_M_FILS;
	if (akm_owe(r->req_akm))
		return ENG_M_OWE;
	if (r->eap_first != 0)
		return ENG_M_FULL_8021X;
	if (r->assoc.req_ns != 0 && !r->req_rsn)
		return ENG_M_OPEN;
	if (akm_8021x(r->req_akm))
		return r->req_pmkid ? ENG_M_PMKSA_CACHE : ENG_M_FULL_8021X;
	if (r->req_akm != 0)
		return ENG_M_PSK;
	return ENG_M_UNKNOWN;
}

/* ------------------------------------------------------------------------
 * Verdicts.
 */
static enum eng_verdict
sla_verdict(const struct eng_sla *s, enum eng_sla_key k, double ms)
{
	if (ms < 0)
		return ENG_V_NONE;
	if (s->fail_ms[k] >= 0 && ms > s->fail_ms[k])
		return ENG_V_FAIL;
	if (s->warn_ms[k] >= 0 && ms > s->warn_ms[k])
		return ENG_V_WARN;
	if (s->fail_ms[k] < 0 && s->warn_ms[k] < 0)
		return ENG_V_OK;
	return ENG_V_OK;
}

static int
phase_sla(enum eng_phase_kind k, bool ft)
{
	switch (k) {
	case ENG_P_NEIGHBOR_REPORT:	return ENG_SLA_NEIGHBOR_REPORT;
	case ENG_P_BTM:			return ENG_SLA_BTM;
	case ENG_P_FT_AUTH:		return ENG_SLA_FT_AUTH;
	case ENG_P_FT_ACTION:		return ENG_SLA_FT_AUTH;
	case ENG_P_REASSOC:
		return ft ? ENG_SLA_FT_REASSOC : ENG_SLA_REASSOC;
	case ENG_P_ASSOC:
		return ft ? ENG_SLA_FT_REASSOC : ENG_SLA_REASSOC;
	case ENG_P_EAP:			return ENG_SLA_EAP;
	case ENG_P_4WAY:		return ENG_SLA_4WAY;
	default:			return -1;
	}
}

static double
ms_between(int64_t a, int64_t b)
{
	if (a == 0 || b == 0 || b < a)
		return -1;
	return (double)(b - a) / NS_PER_MS;
}

static void
add_phase(struct eng_roam *p, enum eng_phase_kind k, int64_t start,
    int64_t end, int status, unsigned retries, bool prot)
{
	struct eng_phase *ph;

	bool no_req = start == 0 && end != 0;

	/* an answer whose request the capture lost: the phase is there,
	 * its duration unknown */
	if (no_req)
		start = end;
	if (start == 0 || p->nphases >= ENG_MAX_PHASES)
		return;
	ph = &p->phases[p->nphases++];
	memset(ph, 0, sizeof *ph);
	ph->kind = k;
	ph->start_ns = start;
	ph->end_ns = end;
	ph->ms = no_req ? -1 : ms_between(start, end);
	ph->status = status >= 0 ? status : ENG_STATUS_NONE;
	ph->retries = (uint16_t)retries;
	ph->protected_ = prot;
	p->retries += retries;
}

static int
phase_cmp(const void *a, const void *b)
{
	const struct eng_phase *x = a, *y = b;

	if (x->start_ns != y->start_ns)
		return x->start_ns < y->start_ns ? -1 : 1;
	return (int)x->kind - (int)y->kind;
}

static void
diag(struct eng_roam *p, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
diag(struct eng_roam *p, const char *code, const char *fmt, ...)
{
	struct eng_diag *d;
	va_list ap;

	if (p->ndiags >= ENG_MAX_DIAGS)
		return;
	d = &p->diags[p->ndiags++];
	snprintf(d->code, sizeof d->code, "%s", code);
	va_start(ap, fmt);
	vsnprintf(d->text, sizeof d->text, fmt, ap);
	va_end(ap);
}

/* Truncating format into a fixed buffer (sentences may be cut, never
 * overrun). */
static void
textf(char *buf, size_t len, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void
textf(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, len, fmt, ap);
	va_end(ap);
}

static struct ap *
find_ap(struct eng *e, const uint8_t *bssid)
{
	struct ap **aps;
	size_t n, i;

	aps = eng_aps_internal(e, &n);
	for (i = 0; i < n; i++) {
		if (memcmp(aps[i]->pub.bssid, bssid, 6) == 0)
			return aps[i];
	}
	return NULL;
}

/* "MDID a1b2 on aa:.., bb:..; c3d4 on cc:.." for an SSID, into buf; returns
 * the number of distinct MDIDs. */
static int
mdid_summary(struct eng *e, const char *ssid, char *buf, size_t len)
{
	struct ap **aps;
	size_t n, i, j, used = 0;
	uint8_t md[16][2];
	int nmd = 0, k;
	char m[18];

	aps = eng_aps_internal(e, &n);
	for (i = 0; i < n; i++) {
		if (!aps[i]->pub.has_mde || strcmp(aps[i]->pub.ssid, ssid) != 0)
			continue;
		for (k = 0; k < nmd; k++)
			if (memcmp(md[k], aps[i]->pub.mdid, 2) == 0)
				break;
		if (k == nmd && nmd < 16)
			memcpy(md[nmd++], aps[i]->pub.mdid, 2);
	}
	if (buf == NULL || len == 0)
		return nmd;
	buf[0] = '\0';
	for (k = 0; k < nmd; k++) {
		used += snprintf(buf + used, used < len ? len - used : 0,
		    "%sMDID %02x%02x on", k ? "; " : "", md[k][0], md[k][1]);
		for (i = 0, j = 0; i < n; i++) {
			if (!aps[i]->pub.has_mde || strcmp(aps[i]->pub.ssid,
			    ssid) != 0 || memcmp(aps[i]->pub.mdid, md[k], 2))
				continue;
			used += snprintf(buf + used, used < len ? len - used :
			    0, "%s %s", j++ ? "," : "",
			    d11_mac_str(aps[i]->pub.bssid, m));
		}
		if (used >= len)
			break;
	}
	return nmd;
}

static void
status_diag(struct eng *e, struct roam *r, const char *tm, const char *fm)
{
	struct eng_roam *p = &r->pub;
	int st = r->refused;
	const char *what = r->refused_phase == ENG_P_FT_AUTH ?
	    "FT authentication" : r->refused_phase == ENG_P_FT_ACTION ?
	    "the FT action request" : r->refused_phase == ENG_P_AUTH ?
	    "authentication" : r->refused_phase == ENG_P_REASSOC ?
	    "reassociation" : "association";
	struct ap *a;
	char buf[ENG_DIAG_TEXT];

	switch (st) {
	case 53:
		diag(p, "ft-invalid-pmkid", "%s refused %s with status 53 "
		    "(INVALID_PMKID): it had no PMK-R1 for the PMKR0Name the "
		    "client presented; check R0KH/R1KH key distribution "
		    "between %s and %s", tm, what, p->has_from ? fm :
		    "the client's first AP", tm);
		if (p->ssid[0] != '\0' && mdid_summary(e, p->ssid, buf,
		    sizeof buf) > 1)
			diag(p, "mixed-mdid", "the ESS '%s' mixes mobility "
			    "domains: %s; FT works only within one", p->ssid,
			    buf);
		break;
	case 54:
		a = find_ap(e, p->to);
		if (r->has_req_mdid && a != NULL && a->pub.has_mde)
			diag(p, "ft-invalid-mde", "%s refused %s with status "
			    "54 (INVALID_MDE): the client asked for MDID "
			    "%02x%02x, %s advertises %02x%02x", tm, what,
			    r->req_mdid[0], r->req_mdid[1], tm,
			    a->pub.mdid[0], a->pub.mdid[1]);
		else
			diag(p, "ft-invalid-mde", "%s refused %s with status "
			    "54 (INVALID_MDE): the Mobility Domain element "
			    "was missing or its MDID differs from the "
			    "target's", tm, what);
		break;
	case 55:
		diag(p, "ft-invalid-fte", "%s refused %s with status 55 "
		    "(INVALID_FTE): FT element missing or wrong (no "
		    "R0KH-ID, bad MIC, or ANonce/SNonce mismatch)", tm, what);
		break;
	case 52:
		diag(p, "ft-action-count", "%s refused %s with status 52 "
		    "(INVALID_FT_ACTION_FRAME_COUNT)", tm, what);
		break;
	case 13:
		diag(p, "auth-alg-unsupported", "%s refused %s with status 13 "
		    "(%s): the target does not support this authentication "
		    "algorithm (FT not enabled there?)", tm, what,
		    d11_status_name(13));
		break;
	case 43:
		diag(p, "akm-rejected", "%s refused %s with status 43 "
		    "(INVALID_AKMP): the AKM the client chose is not "
		    "accepted there; compare the AKM suites the APs offer",
		    tm, what);
		break;
	case 30:
		if (r->comeback_tu > 0)
			diag(p, "assoc-comeback", "%s answered %s with status "
			    "30 (temporarily rejected, try again in %u TU): "
			    "PMF association comeback, the AP still holds a "
			    "protected association for the client", tm, what,
			    r->comeback_tu);
		else
			diag(p, "assoc-comeback", "%s answered %s with status "
			    "30 (temporarily rejected): PMF association "
			    "comeback", tm, what);
		break;
	case 17:
		diag(p, "ap-full", "%s refused %s with status 17 (AP unable "
		    "to handle additional associated stations): the AP is "
		    "full", tm, what);
		break;
	default:
		diag(p, "status", "%s refused %s with status %d (%s)", tm,
		    what, st, d11_status_name((uint16_t)st));
		break;
	}
}

/* The last exchange the air shows for a record that failed with no more
 * specific reason: where it stopped. */
static void
stalled_diag(struct roam *r, const char *tm)
{
	struct eng_roam *p = &r->pub;
	const struct eng_phase *last = NULL;
	unsigned i;

	for (i = 0; i < p->nphases; i++)
		if (last == NULL || p->phases[i].start_ns >= last->start_ns)
			last = &p->phases[i];
	if (last == NULL)
		diag(p, "stalled", "the %s toward %s shows no exchange the "
		    "engine could time", p->is_join ? "join" : "roam", tm);
	else if (last->end_ns == 0)
		diag(p, "stalled", "the %s toward %s stopped in %s: it "
		    "started and no answer or next step followed", p->is_join ?
		    "join" : "roam", tm, phase_titles[last->kind]);
	else
		diag(p, "stalled", "the %s toward %s stopped after %s "
		    "(%.0f ms): no next step followed", p->is_join ? "join" :
		    "roam", tm, phase_titles[last->kind], last->ms);
}

void
eng_judge(struct eng *e, struct client *c, struct roam *r)
{
	const struct eng_conf *conf = eng_get_conf(e);
	const struct eng_sla *sla = eng_get_sla(e);
	struct eng_roam *p = &r->pub;
	bool ft, done = false, unanswered = false;
	int64_t key_end = 0, start = 0, now = eng_now(e);
	enum eng_verdict v;
	char tm[18], fm[18];
	unsigned i;
	int k, last;

	(void)c;
	d11_mac_str(p->to, tm);
	d11_mac_str(p->from, fm);
	ft = r->ftauth.req_ns != 0 || r->ftact.req_ns != 0;

	p->method = roam_method(r);

	/* phases */
	p->nphases = 0;
	p->retries = 0;
	add_phase(p, ENG_P_NEIGHBOR_REPORT, r->nr.req_ns, r->nr.resp_ns,
	    EI_NONE, r->nr.retries, r->nr.protected_);
	add_phase(p, ENG_P_BTM, r->btm.req_ns, r->btm.resp_ns, r->btm.status,
	    r->btm.retries, r->btm.protected_);
	add_phase(p, ENG_P_FT_ACTION, r->ftact.req_ns, r->ftact.resp_ns,
	    r->ftact.status, r->ftact.retries, false);
	add_phase(p, ENG_P_FT_AUTH, r->ftauth.req_ns, r->ftauth.resp_ns,
	    r->ftauth.status, r->ftauth.retries, false);
	add_phase(p, ENG_P_AUTH, r->auth.req_ns, r->auth.resp_ns,
	    r->auth.status, r->auth.retries, false);
	add_phase(p, r->is_reassoc ? ENG_P_REASSOC : ENG_P_ASSOC,
	    r->assoc.req_ns, r->assoc.resp_ns, r->assoc.status,
	    r->assoc.retries, false);
	add_phase(p, ENG_P_EAP, r->eap_first, r->eap_success ? r->eap_last :
	    0, EI_NONE, 0, false);
	add_phase(p, ENG_P_4WAY, r->m_ns[1], r->m_ns[4], EI_NONE,
	    r->m1_after_m2, false);

	/* end of key setup */
	if (ft && !r->fallback && r->assoc.resp_ns != 0 &&
	    r->assoc.status == 0)
		key_end = r->assoc.resp_ns;
	else if (r->m_ns[4] != 0)
		key_end = r->m_ns[4];
	else if (r->assoc.resp_ns != 0 && r->assoc.status == 0 &&
	    !r->req_rsn && r->assoc.req_ns != 0)
		key_end = r->assoc.resp_ns;
	done = key_end != 0 || r->data_ns != 0;
	if (key_end != 0 && r->data_ns != 0)
		add_phase(p, ENG_P_DATA, key_end, r->data_ns, EI_NONE, 0,
		    false);
	qsort(p->phases, p->nphases, sizeof p->phases[0], phase_cmp);

	/* total: first frame at the target (FT request for over-DS) to the
	 * end of key setup */
	if (r->ftact.req_ns != 0)
		start = r->ftact.req_ns;
	else {
		int64_t cand[3] = { r->ftauth.req_ns, r->auth.req_ns,
		    r->assoc.req_ns };

		for (k = 0; k < 3; k++)
			if (cand[k] != 0 && (start == 0 || cand[k] < start))
				start = cand[k];
	}
	p->total_ms = done && key_end ? ms_between(start, key_end) : -1;
	/* the gap is an outage only when the client was talking through the
	 * old AP as the roam began; older data measures idleness */
	p->gap_ms = (r->gap_start != 0 && r->first_any_ns != 0 &&
	    p->start_ns - r->gap_start <= EI_GAP_IDLE_NS) ?
	    ms_between(r->gap_start, r->first_any_ns) : -1;
	p->end_ns = key_end ? key_end : 0;
	if (r->data_ns > p->end_ns)
		p->end_ns = r->data_ns;
	if (p->end_ns == 0) {
		int64_t t = p->start_ns;

		for (i = 0; i < p->nphases; i++) {
			if (p->phases[i].end_ns > t)
				t = p->phases[i].end_ns;
			if (p->phases[i].start_ns > t)
				t = p->phases[i].start_ns;
		}
		if (r->deauth_ns > t)
			t = r->deauth_ns;
		p->end_ns = t;
	}

	/* unanswered request at the target: the last step the client took
	 * had no answer (an earlier one did, or the client would not have
	 * gone on: the capture missed that answer) */
	last = -1;
	for (i = 0; i < p->nphases; i++) {
		k = p->phases[i].kind;
		if (k == ENG_P_DATA || k == ENG_P_NEIGHBOR_REPORT ||
		    k == ENG_P_BTM)
			continue;
		if (last < 0 || p->phases[i].start_ns >=
		    p->phases[last].start_ns)
			last = (int)i;
	}
	if (last >= 0 && p->phases[last].end_ns == 0) {
		k = p->phases[last].kind;
		unanswered = k == ENG_P_FT_AUTH || k == ENG_P_FT_ACTION ||
		    k == ENG_P_AUTH || k == ENG_P_REASSOC || k == ENG_P_ASSOC;
	}

	/* result, from the air */
	if (done && r->fallback)
		p->result = ENG_R_FALLBACK;
	else if (done && !(r->deauth_ns && r->m_ns[4] == 0 && !ft))
		p->result = ENG_R_OK;
	else if (r->refused != EI_NONE)
		p->result = ENG_R_FAILED;
	else if (r->back_to_old)
		p->result = ENG_R_RETURNED;
	else if (r->deauth_ns != 0 || r->eap_failure)
		p->result = ENG_R_FAILED;
	else if (r->final && r->capture_ended && !(unanswered && now -
	    p->end_ns > conf->response_timeout_ns) && r->m1_after_m2 == 0)
		p->result = ENG_R_INCOMPLETE;
	else if (r->final)
		p->result = ENG_R_FAILED;
	else
		p->result = ENG_R_PENDING;

	/* status: the refusing one, else the last the target answered */
	if (r->refused != EI_NONE)
		p->status = r->refused;
	else if (r->assoc.status != EI_NONE)
		p->status = r->assoc.status;
	else if (r->ftauth.status != EI_NONE)
		p->status = r->ftauth.status;
	else if (r->ftact.status != EI_NONE)
		p->status = r->ftact.status;
	else if (r->auth.status != EI_NONE)
		p->status = r->auth.status;
	else
		p->status = ENG_STATUS_NONE;

	/* verdicts */
	p->verdict = ENG_V_NONE;
	for (i = 0; i < p->nphases; i++) {
		struct eng_phase *ph = &p->phases[i];

		k = phase_sla(ph->kind, ft);
		if (ph->kind == ENG_P_AUTH && ei_auth_benign(r->auth_alg,
		    ph->status))
			v = ph->end_ns ? ENG_V_OK : ENG_V_NONE;
		else if (ph->status > 0 && ph->kind != ENG_P_BTM)
			v = ENG_V_FAIL;
		else if (ph->status > 0)
			v = ENG_V_WARN;
		else if (ph->end_ns == 0)
			/* never ended: a failure only when the roam failed;
			 * if it went on, the capture missed the answer */
			v = (r->final && (int)i == last && p->result ==
			    ENG_R_FAILED) ? ENG_V_FAIL : ENG_V_NONE;
		else if (k >= 0)
			v = sla_verdict(sla, k, ph->ms);
		else
			v = ENG_V_OK;
		ph->verdict = v;
		if (v > p->verdict)
			p->verdict = v;
	}
	if (p->total_ms >= 0) {
		if (ft) {
			v = sla_verdict(sla, ENG_SLA_FT_TOTAL, p->total_ms);
			if (v > p->verdict)
				p->verdict = v;
			v = sla_verdict(sla, ENG_SLA_VOIP_TOTAL, p->total_ms);
		} else
			v = sla_verdict(sla, ENG_SLA_TOTAL, p->total_ms);
		if (v > p->verdict)
			p->verdict = v;
	}
	if (p->gap_ms >= 0) {
		v = sla_verdict(sla, ENG_SLA_GAP, p->gap_ms);
		if (v > p->verdict)
			p->verdict = v;
	}
	if (p->result == ENG_R_FAILED)
		p->verdict = ENG_V_FAIL;
	else if (p->result == ENG_R_FALLBACK && p->verdict < ENG_V_WARN)
		p->verdict = ENG_V_WARN;
	if (p->verdict == ENG_V_NONE && p->result == ENG_R_OK)
		p->verdict = ENG_V_OK;

	/* diagnoses, most specific first */
	p->ndiags = 0;
	if (r->refused != EI_NONE)
		status_diag(e, r, tm, fm);
	if (r->m1_after_m2 > 0 && r->m_ns[3] == 0)
		diag(p, "4way-no-m3", "the 4-way handshake with %s never "
		    "reached M3: M1 was sent again after the client's M2 "
		    "(%u times), so the AP could not verify the M2 MIC; most "
		    "often a wrong passphrase", tm, r->m1_after_m2);
	if (p->result == ENG_R_FAILED && r->m_ns[1] != 0 && !r->saw_m2 &&
	    r->m_ns[2] == 0)
		diag(p, "4way-no-m2", "%s sent EAPOL M1 %u time%s and the "
		    "client never answered with M2: the client did not take "
		    "the 4-way handshake (it may have lost the frames, or "
		    "given up)", tm, r->m1_sent ? r->m1_sent : 1,
		    r->m1_sent > 1 ? "s" : "");
	if (p->result == ENG_R_FAILED && r->m_ns[3] != 0 && r->m_ns[4] == 0)
		diag(p, "4way-no-m4", "%s sent EAPOL M3 %u time%s and the "
		    "client never answered with M4: it did not install the "
		    "keys (M3 lost, or refused for a bad MIC or an RSNE "
		    "mismatch)", tm, r->m3_sent ? r->m3_sent : 1,
		    r->m3_sent > 1 ? "s" : "");
	if (r->eap_failure)
		diag(p, "eap-failure", "802.1X authentication through %s "
		    "ended with EAP-Failure", tm);
	else if (p->result == ENG_R_FAILED && r->eap_first != 0 &&
	    !r->eap_success && r->m_ns[1] == 0)
		diag(p, "eap-incomplete", "802.1X through %s started but "
		    "never ended with EAP-Success or EAP-Failure (%.0f ms of "
		    "EAP seen): the RADIUS server or the client stopped "
		    "answering", tm, (double)(r->eap_last - r->eap_first) /
		    NS_PER_MS);
	if (p->result == ENG_R_FAILED && r->refused == EI_NONE &&
	    r->assoc.resp_ns != 0 && r->assoc.status == 0 && r->req_rsn &&
	    !ft && r->m_ns[1] == 0 && r->m_ns[2] == 0 &&
	    r->eap_first == 0 && r->deauth_ns == 0)
		diag(p, "no-4way", "%s accepted the %s but never started "
		    "the 4-way handshake (no EAPOL M1 seen)", tm,
		    r->is_reassoc ? "reassociation" : "association");
	if (r->final && unanswered && p->result == ENG_R_FAILED) {
		const struct ex *x;
		const char *what;

		switch (p->phases[last].kind) {
		case ENG_P_FT_AUTH:
			x = &r->ftauth;
			what = "FT authentication";
			break;
		case ENG_P_FT_ACTION:
			x = &r->ftact;
			what = "FT action";
			break;
		case ENG_P_AUTH:
			x = &r->auth;
			what = "authentication";
			break;
		default:
			x = &r->assoc;
			what = r->is_reassoc ? "reassociation" : "association";
			break;
		}
		diag(p, "no-response", "%s never answered the client's %s "
		    "request (%u retries seen)", tm, what, x->retries);
	}
	if (r->deauth_ns != 0 && p->result == ENG_R_FAILED)
		diag(p, r->deauth_by_ap ? "deauth-by-ap" : "deauth-by-client",
		    "%s during the %s: reason %d (%s)", r->deauth_by_ap ?
		    "the AP dropped the client" : "the client gave up",
		    p->is_join ? "join" : "roam", r->deauth_reason, d11_reason_name(
		    (uint16_t)(r->deauth_reason < 0 ? 0 : r->deauth_reason)));
	if (p->attempts >= conf->loop_min && p->result == ENG_R_FAILED &&
	    p->is_join)
		diag(p, "retry-loop", "attempt %u at %s in a row, every "
		    "~%.0f ms: the client keeps retrying the same failing "
		    "join", p->attempts, tm,
		    (double)r->loop_period_ns / NS_PER_MS);
	else if (p->attempts >= conf->loop_min && p->result == ENG_R_FAILED)
		diag(p, "retry-loop", "attempt %u at %s in a row, every "
		    "~%.0f ms: the client keeps retrying the same failing "
		    "roam (a loop like Cisco's '802.11r Key Cache look up "
		    "failed')", p->attempts, tm,
		    (double)r->loop_period_ns / NS_PER_MS);
	if (p->result == ENG_R_FALLBACK)
		diag(p, "ft-fallback", "FT was refused, then the client "
		    "joined %s with a full authentication", tm);
	if (p->result == ENG_R_RETURNED)
		diag(p, "returned", "the client went back to %s", fm);
	if (r->btm.req_ns != 0 && r->btm.status > 0)
		diag(p, "btm-reject", "the client rejected the BTM request "
		    "with status %d (%s)", r->btm.status,
		    d11_btm_status_name((uint8_t)r->btm.status));
	else if (r->btm.req_ns != 0 && r->btm.has_target && !r->btm.protected_ &&
	    memcmp(r->btm.target, p->to, 6) != 0 && r->btm.status == 0) {
		char bt[18];

		diag(p, "btm-other-target", "the BTM request suggested %s "
		    "but the client went to %s",
		    d11_mac_str(r->btm.target, bt), tm);
	}
	if (r->btm.req_ns != 0 && r->btm_unadvertised)
		diag(p, "btm-unadvertised", "the AP sent a BTM request "
		    "though the client does not advertise 11v BSS transition");
	if (r->nr.req_ns != 0 && !r->nr.protected_ && p->has_from) {
		struct ap *a = find_ap(e, p->from);

		if (a != NULL && a->adv && !a->pub.nr)
			diag(p, "nr-unadvertised", "the client asked %s for a "
			    "neighbor report though it does not advertise "
			    "11k neighbor reports", fm);
	}
	if (r->pmf_actions > 0)
		diag(p, "pmf-inferred", "%u protected (PMF) action frames "
		    "before the roam: their 11k/11v/FT content is encrypted, "
		    "so the neighbor report/BTM phases are inferred from "
		    "their direction and timing", r->pmf_actions);
	for (i = 0; i < p->nphases; i++) {
		struct eng_phase *ph = &p->phases[i];

		k = phase_sla(ph->kind, ft);
		if (ph->status > 0 || ph->end_ns == 0 || k < 0 ||
		    (ph->verdict != ENG_V_WARN && ph->verdict != ENG_V_FAIL))
			continue;
		diag(p, "slow-phase", "%s took %.0f ms (%s above %.0f ms)",
		    phase_titles[ph->kind], ph->ms, ph->verdict == ENG_V_FAIL ?
		    "FAIL" : "WARN", ph->verdict == ENG_V_FAIL ?
		    sla->fail_ms[k] : sla->warn_ms[k]);
	}
	if (p->total_ms >= 0) {
		k = ft ? ENG_SLA_FT_TOTAL : ENG_SLA_TOTAL;
		v = sla_verdict(sla, k, p->total_ms);
		if (ft && sla_verdict(sla, ENG_SLA_VOIP_TOTAL, p->total_ms) >
		    v) {
			k = ENG_SLA_VOIP_TOTAL;
			v = ENG_V_FAIL;
		}
		if (v >= ENG_V_WARN)
			diag(p, "slow-roam", "the roam took %.0f ms in all (%s "
			    "above %.0f ms)", p->total_ms, v == ENG_V_FAIL ?
			    "FAIL" : "WARN", v == ENG_V_FAIL ? sla->fail_ms[k] :
			    sla->warn_ms[k]);
	}
	if (p->gap_ms >= 0 && sla_verdict(sla, ENG_SLA_GAP, p->gap_ms) >=
	    ENG_V_WARN)
		diag(p, "slow-gap", "no data for %.0f ms between the old and "
		    "the new AP (WARN above %.0f ms)", p->gap_ms,
		    sla->warn_ms[ENG_SLA_GAP]);
	/* whatever failed or was judged must say why */
	if (p->ndiags == 0 && (p->result == ENG_R_FAILED ||
	    p->verdict >= ENG_V_WARN))
		stalled_diag(r, tm);
}

/* ------------------------------------------------------------------------
 * ESS-wide findings: per SSID, compare what the APs advertise.
 */
static bool
akm_set_eq(const struct eng_ap *a, const struct eng_ap *b)
{
	unsigned i, j;

	if (a->nakms != b->nakms)
		return false;
	for (i = 0; i < a->nakms; i++) {
		for (j = 0; j < b->nakms; j++)
			if (a->akms[i] == b->akms[j])
				break;
		if (j == b->nakms)
			return false;
	}
	return true;
}

static void
akm_list(const struct eng_ap *a, char *buf, size_t len)
{
	size_t used = 0;
	unsigned i;

	buf[0] = '\0';
	for (i = 0; i < a->nakms && used < len; i++)
		used += snprintf(buf + used, len - used, "%s%s", i ? " " : "",
		    d11_akm_name(a->akms[i]));
	if (a->nakms == 0)
		snprintf(buf, len, "%s", a->has_rsn ? "none" : "open");
}

static void
finding_add(struct eng_finding **fs, size_t *n, size_t *cap,
    const char *code, const char *ssid, struct ap **set, size_t nset,
    const char *text)
{
	struct eng_finding *x, *nf;
	size_t i;

	if (*n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 8;

		if ((nf = realloc(*fs, ncap * sizeof *nf)) == NULL)
			return;
		*fs = nf;
		*cap = ncap;
	}
	x = &(*fs)[(*n)++];
	memset(x, 0, sizeof *x);
	snprintf(x->code, sizeof x->code, "%s", code);
	snprintf(x->ssid, sizeof x->ssid, "%s", ssid);
	for (i = 0; i < nset && i < ENG_MAX_FINDING_BSSIDS; i++)
		memcpy(x->bssids[i], set[i]->pub.bssid, 6);
	x->nbssids = (uint8_t)i;
	snprintf(x->text, sizeof x->text, "%s", text);
}

static size_t
list_macs(struct ap **set, size_t n, char *buf, size_t len)
{
	size_t used = 0, i;
	char m[18];

	buf[0] = '\0';
	for (i = 0; i < n && used < len; i++)
		used += snprintf(buf + used, len - used, "%s%s", i ? ", " : "",
		    d11_mac_str(set[i]->pub.bssid, m));
	return used;
}

void
eng_ess_findings(struct eng *e)
{
	struct ap **aps, **grp = NULL, **sub = NULL;
	struct eng_finding *fs = NULL;
	size_t n, i, j, ng, ns, nf = 0, cap = 0;
	char text[ENG_DIAG_TEXT], l1[160], l2[160];
	const char *ssid;
	bool done_ssid;

	aps = eng_aps_internal(e, &n);
	if (n == 0 || (grp = calloc(n, sizeof *grp)) == NULL ||
	    (sub = calloc(n, sizeof *sub)) == NULL) {
		free(grp);
		eng_ess_set(e, NULL, 0);
		return;
	}
	for (i = 0; i < n; i++) {
		if (!aps[i]->pub.has_ssid)
			continue;
		ssid = aps[i]->pub.ssid;
		done_ssid = false;
		for (j = 0; j < i; j++)
			if (aps[j]->pub.has_ssid &&
			    strcmp(aps[j]->pub.ssid, ssid) == 0)
				done_ssid = true;
		if (done_ssid)
			continue;
		ng = 0;
		for (j = i; j < n; j++)
			if (aps[j]->pub.has_ssid &&
			    strcmp(aps[j]->pub.ssid, ssid) == 0)
				grp[ng++] = aps[j];
		if (ng < 2)
			continue;
		/* mixed MDIDs */
		if (mdid_summary(e, ssid, text, sizeof text) > 1) {
			char t2[ENG_DIAG_TEXT];

			ns = 0;
			for (j = 0; j < ng; j++)
				if (grp[j]->pub.has_mde)
					sub[ns++] = grp[j];
			textf(t2, sizeof t2, "mixed mobility domains in "
			    "'%s': %s", ssid, text);
			finding_add(&fs, &nf, &cap, "mixed-mdid", ssid, sub,
			    ns, t2);
		}
		/* FT on some APs, not on others */
		ns = 0;
		for (j = 0; j < ng; j++)
			if (!grp[j]->pub.has_mde && !grp[j]->pub.ft)
				sub[ns++] = grp[j];
		if (ns > 0 && ns < ng) {
			list_macs(sub, ns, l1, sizeof l1);
			textf(text, sizeof text, "FT (802.11r) is enabled on "
			    "some APs of '%s' but not on %s: roams to them "
			    "need a full authentication", ssid, l1);
			finding_add(&fs, &nf, &cap, "ft-partial", ssid, sub, ns,
			    text);
		}
		/* FT over-DS mixed */
		ns = 0;
		{
			size_t nmde = 0;

			for (j = 0; j < ng; j++) {
				if (!grp[j]->pub.has_mde)
					continue;
				nmde++;
				if (grp[j]->pub.ft_over_ds)
					sub[ns++] = grp[j];
			}
			if (ns > 0 && ns < nmde) {
				list_macs(sub, ns, l1, sizeof l1);
				textf(text, sizeof text, "FT over the DS is "
				    "advertised only by some APs of '%s' (%s): "
				    "over-DS roams to the others will fail or "
				    "go over the air", ssid, l1);
				finding_add(&fs, &nf, &cap, "ft-over-ds-mixed",
				    ssid, sub, ns, text);
			}
		}
		/* AKM sets */
		ns = 0;
		for (j = 1; j < ng; j++)
			if (!akm_set_eq(&grp[0]->pub, &grp[j]->pub))
				sub[ns++] = grp[j];
		if (ns > 0) {
			akm_list(&grp[0]->pub, l1, sizeof l1);
			akm_list(&sub[0]->pub, l2, sizeof l2);
			sub[ns++] = grp[0];
			textf(text, sizeof text, "APs of '%s' offer different "
			    "AKM sets: %s on %s, %s on %s%s", ssid, l1,
			    d11_mac_str(grp[0]->pub.bssid, (char[18]){0}), l2,
			    d11_mac_str(sub[0]->pub.bssid, (char[18]){0}),
			    ns > 2 ? " (and others)" : "");
			finding_add(&fs, &nf, &cap, "akm-mixed", ssid, sub, ns,
			    text);
		}
	}
	free(grp);
	free(sub);
	eng_ess_set(e, fs, nf);
}
