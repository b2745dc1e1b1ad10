/*
 * judge.c -- an attempt's public record from its facts: phases, method,
 * result, status, timings, verdicts against the SLA profile, and the
 * diagnosis codes with their arguments (text.c writes the sentences).
 * Idempotent: jd_judge() rebuilds everything each time.
 */
#include <stdlib.h>

#include "engine_int.h"

/* The method from what the client did and the AKM it chose (the first AKM
 * of its (re)association request, never the AP's list). */
static enum eng_method
method_of(const struct att *a)
{
	if (a->ft_ds)
		return ENG_M_FT_OVER_DS;
	if (a->ft)
		return ENG_M_FT_OVER_AIR;
	if (a->has_auth && a->auth_alg == D11_AUTH_SAE)
		return ENG_M_SAE;
	/* An SAE AKM after open authentication reuses a cached PMKSA (the
	 * request names its PMKID); without the authentication seen it is
	 * taken for SAE. */
	if (d11_akm_is_sae(a->req_akm))
		return a->has_auth && a->auth_alg == D11_AUTH_OPEN &&
		    a->req_pmkid ? ENG_M_PMKSA_CACHE : ENG_M_SAE;
	/* A FILS AKM after open authentication is EAP (or PMKSA caching) and
	 * a 4-way handshake, keyed the FILS way: it is told by what ran. */
	if (a->has_auth ? d11_auth_is_fils(a->auth_alg)
			: d11_akm_is_fils(a->req_akm) && a->k.eap_first == 0)
		return ENG_M_FILS;
	if (d11_akm_is_owe(a->req_akm))
		return ENG_M_OWE;
	if (a->k.eap_first != 0)
		return ENG_M_FULL_8021X;
	if (a->req_seen && !a->req_rsn)
		return ENG_M_OPEN;
	if (d11_akm_is_8021x(a->req_akm) || d11_akm_is_fils(a->req_akm))
		return a->req_pmkid ? ENG_M_PMKSA_CACHE : ENG_M_FULL_8021X;
	if (a->req_akm != 0)
		return ENG_M_PSK;
	return ENG_M_UNKNOWN;
}

static enum eng_verdict
sla_verdict(const struct eng_sla *s, enum eng_sla_key k, double ms)
{
	if (ms < 0)
		return ENG_V_NONE;
	if (s->fail_ms[k] >= 0 && ms > s->fail_ms[k])
		return ENG_V_FAIL;
	if (s->warn_ms[k] >= 0 && ms > s->warn_ms[k])
		return ENG_V_WARN;
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
	case ENG_P_ASSOC:
		return ft ? ENG_SLA_FT_REASSOC : ENG_SLA_REASSOC;
	case ENG_P_EAP:			return ENG_SLA_EAP;
	case ENG_P_4WAY:		return ENG_SLA_4WAY;
	case ENG_P_DHCP:		return ENG_SLA_DHCP;
	default:			return -1;
	}
}

static double
ms_between(int64_t a, int64_t b)
{
	if (a == 0 || b == 0 || b < a)
		return -1;
	return (double)(b - a) / (double)NS_PER_MS;
}

static struct eng_phase *
add_phase(struct eng_roam *p, enum eng_phase_kind k, const uint8_t *ap,
    int64_t start, int64_t end, bool no_req, int status, unsigned retries,
    unsigned tries, bool prot)
{
	struct eng_phase *ph;

	/* an answer whose request the capture lost: the phase is there,
	 * its duration unknown */
	if (no_req || start == 0)
		start = end;
	if (start == 0 || p->nphases >= ENG_MAX_PHASES)
		return NULL;
	ph = &p->phases[p->nphases++];
	memset(ph, 0, sizeof *ph);
	ph->kind = k;
	memcpy(ph->ap, ap, 6);
	ph->start_ns = start;
	ph->end_ns = end;
	ph->ms = no_req ? -1 : ms_between(start, end);
	ph->status = status >= 0 ? status : ENG_STATUS_NONE;
	ph->retries = (uint16_t)retries;
	ph->tries = (uint16_t)(tries ? tries : 1);
	ph->protected_ = prot;
	p->retries += retries;
	return ph;
}

static int
phase_cmp(const void *a, const void *b)
{
	const struct eng_phase *x = a, *y = b;

	if (x->start_ns != y->start_ns)
		return x->start_ns < y->start_ns ? -1 : 1;
	return (int)x->kind - (int)y->kind;
}

/* The last exchange of kind k. */
static const struct xch *
xch_last(const struct att *a, enum eng_phase_kind k)
{
	unsigned i;

	for (i = a->nx; i-- > 0;)
		if (a->x[i].kind == k)
			return &a->x[i];
	return NULL;
}

/* The last exchange of kind k answered in time (at ap when not NULL). */
static const struct xch *
xch_answered(const struct att *a, enum eng_phase_kind k, const uint8_t *ap)
{
	unsigned i;

	for (i = a->nx; i-- > 0;)
		if (a->x[i].kind == k && a->x[i].end_ns != 0 &&
		    !a->x[i].late && (ap == NULL || mac_eq(a->x[i].ap, ap)))
			return &a->x[i];
	return NULL;
}

/* The target's exchange the client gave up on: unanswered, or answered
 * late. */
static const struct xch *
given_up(const struct att *a)
{
	unsigned i;

	for (i = a->nx; i-- > 0;) {
		const struct xch *x = &a->x[i];

		if (!mac_eq(x->ap, a->pub.to) || x->no_req ||
		    (x->kind != ENG_P_AUTH && x->kind != ENG_P_FT_AUTH &&
		    x->kind != ENG_P_ASSOC && x->kind != ENG_P_REASSOC))
			continue;
		return x->end_ns == 0 || x->late ? x : NULL;
	}
	return NULL;
}

static struct eng_diag *
diag(struct eng_roam *p, enum eng_code id, int32_t a0, int32_t a1,
    double v0, double v1)
{
	struct eng_diag *d;

	if (p->ndiags >= ENG_MAX_DIAGS)
		return NULL;
	d = &p->diags[p->ndiags++];
	memset(d, 0, sizeof *d);
	d->id = id;
	d->arg[0] = a0;
	d->arg[1] = a1;
	d->val[0] = v0;
	d->val[1] = v1;
	return d;
}

struct eng_diag *
jd_diag(struct eng_roam *p, enum eng_code id, int32_t a0, int32_t a1,
    double v0, double v1)
{
	return diag(p, id, a0, a1, v0, v1);
}

static void
status_diag(struct eng *e, struct att *a)
{
	struct eng_roam *p = &a->pub;
	struct eng_diag *d;
	struct ap *t;
	enum eng_code id;

	switch (a->refused) {
	case D11_ST_INVALID_PMKID:
		id = ENG_C_FT_INVALID_PMKID;
		break;
	case D11_ST_INVALID_MDE:
		id = ENG_C_FT_INVALID_MDE;
		break;
	case D11_ST_INVALID_FTE:
		id = ENG_C_FT_INVALID_FTE;
		break;
	case D11_ST_INVALID_FT_ACTION_FRAME_COUNT:
		id = ENG_C_FT_ACTION_COUNT;
		break;
	case D11_ST_UNSUPPORTED_AUTH_ALGORITHM:
		id = ENG_C_AUTH_ALG_UNSUPPORTED;
		break;
	case D11_ST_INVALID_AKMP:
		id = ENG_C_AKM_REJECTED;
		break;
	case D11_ST_REFUSED_TEMPORARILY:
		id = ENG_C_ASSOC_COMEBACK;
		break;
	case D11_ST_DENIED_NO_MORE_STAS:
		id = ENG_C_AP_FULL;
		break;
	default:
		id = ENG_C_STATUS;
		break;
	}
	if ((d = diag(p, id, a->refused, a->refused_kind, 0, 0)) == NULL)
		return;
	if (id == ENG_C_ASSOC_COMEBACK)
		d->arg[1] = (int32_t)a->comeback_tu;
	if (id == ENG_C_FT_INVALID_FTE)
		mld_ft55(a, d);		/* a multi-link FT reassociation */
	if (id == ENG_C_FT_INVALID_MDE) {
		/* arg: requested and advertised MDIDs, -1 unknown */
		t = st_ap(e, p->to);
		d->val[0] = a->has_req_mdid ? (a->req_mdid[0] << 8 |
		    a->req_mdid[1]) : -1;
		d->val[1] = t != NULL && t->pub.has_mde ? (t->pub.mdid[0] <<
		    8 | t->pub.mdid[1]) : -1;
	}
	tx_diag(d, p, NULL);
	if (id == ENG_C_FT_INVALID_PMKID && p->ssid[0] != '\0' &&
	    ess_nmdids(e, p->ssid) > 1 &&
	    (d = diag(p, ENG_C_MIXED_MDID, 0, 0, 0, 0)) != NULL)
		tx_diag(d, p, ess_mdid_summary(e, p->ssid));
}

/* Where a failed or judged record with no more specific reason stopped. */
static void
stalled_diag(struct eng_roam *p)
{
	const struct eng_phase *last = NULL;
	struct eng_diag *d;
	unsigned i;

	for (i = 0; i < p->nphases; i++)
		if (last == NULL || p->phases[i].start_ns >= last->start_ns)
			last = &p->phases[i];
	d = diag(p, ENG_C_STALLED, last != NULL ? (int32_t)last->kind : -1,
	    last != NULL && last->end_ns == 0, last != NULL ? last->ms : -1,
	    0);
	if (d != NULL)
		tx_diag(d, p, NULL);
}

static enum eng_result
result_of(const struct att *a)
{
	switch (a->st) {
	case ENG_S_DONE:
		return a->fallback ? ENG_R_FALLBACK : ENG_R_OK;
	case ENG_S_RETURNED:
		return ENG_R_RETURNED;
	case ENG_S_FAILED:
		return ENG_R_FAILED;
	case ENG_S_WAITING_DATA:
		/* keys are in place: the roam worked, data may follow */
		if (a->returning)
			return a->closed ? ENG_R_RETURNED : ENG_R_PENDING;
		return a->fallback ? ENG_R_FALLBACK : ENG_R_OK;
	default:
		return a->closed ? ENG_R_INCOMPLETE : ENG_R_PENDING;
	}
}

static void
verdicts(struct eng *e, struct att *a, bool ft, int last)
{
	const struct eng_sla *sla = &e->sla;
	struct eng_roam *p = &a->pub;
	enum eng_verdict v;
	unsigned i;
	int k;

	p->verdict = ENG_V_NONE;
	for (i = 0; i < p->nphases; i++) {
		struct eng_phase *ph = &p->phases[i];

		k = phase_sla(ph->kind, ft);
		if (ph->kind == ENG_P_AUTH && ph->status > 0 &&
		    d11_status_sae_step(a->auth_alg, (unsigned)ph->status))
			v = ph->end_ns ? ENG_V_OK : ENG_V_NONE;
		else if (ph->status > 0 && ph->kind != ENG_P_BTM)
			v = ENG_V_FAIL;
		else if (ph->status > 0)
			v = ENG_V_WARN;
		else if (ph->end_ns == 0)
			/* never ended: a failure only when the attempt failed
			 * there; if it went on, the capture missed the answer */
			v = (a->closed && (int)i == last && p->result ==
			    ENG_R_FAILED) ? ENG_V_FAIL : ENG_V_NONE;
		else if (ph->ms < 0)
			v = ENG_V_NONE;
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
	if (p->result == ENG_R_FAILED || p->result == ENG_R_RETURNED)
		p->verdict = ENG_V_FAIL;
	else if (p->result == ENG_R_FALLBACK && p->verdict < ENG_V_WARN)
		p->verdict = ENG_V_WARN;
	if (p->verdict == ENG_V_NONE && p->result == ENG_R_OK)
		p->verdict = ENG_V_OK;
}

/* RSSI quality of the roam against the profile (none by default). */
static enum eng_verdict
rssi_verdict(const struct eng_sla *s, struct eng_roam *p)
{
	enum eng_verdict v = ENG_V_NONE, w;
	struct eng_diag *d;

	if (p->has_rssi_drop) {
		w = s->rssi_drop_db[1] >= 0 && p->rssi_drop_db >
		    s->rssi_drop_db[1] ? ENG_V_FAIL : s->rssi_drop_db[0] >= 0 &&
		    p->rssi_drop_db > s->rssi_drop_db[0] ? ENG_V_WARN :
		    ENG_V_NONE;
		if (w != ENG_V_NONE && (d = diag(p, ENG_C_RSSI_DROP,
		    p->rssi_drop_db, w, 0, s->rssi_drop_db[w ==
		    ENG_V_FAIL])) != NULL) {
			tx_diag(d, p, NULL);
			v = w;
		}
	}
	if (p->new_ap.has_rssi) {
		w = s->rssi_low_dbm[1] < ENG_SLA_NO_DBM && p->new_ap.rssi <
		    s->rssi_low_dbm[1] ? ENG_V_FAIL :
		    s->rssi_low_dbm[0] < ENG_SLA_NO_DBM && p->new_ap.rssi <
		    s->rssi_low_dbm[0] ? ENG_V_WARN : ENG_V_NONE;
		if (w != ENG_V_NONE && (d = diag(p, ENG_C_RSSI_LOW,
		    p->new_ap.rssi, w, 0, s->rssi_low_dbm[w == ENG_V_FAIL])) !=
		    NULL) {
			tx_diag(d, p, NULL);
			if (w > v)
				v = w;
		}
	}
	return v;
}

void
jd_judge(struct eng *e, struct att *a)
{
	const struct eng_conf *conf = &e->conf;
	const struct eng_sla *sla = &e->sla;
	struct eng_roam *p = &a->pub;
	struct eng_diag *d;
	enum eng_verdict v;
	int64_t start, data_end = 0;
	const struct xch *x, *lx = NULL;
	struct eng_phase *ph;
	bool ft, unanswered = false;
	unsigned i;
	int k, last;

	ft = a->ft && !(a->fallback && !a->returning);
	p->method = method_of(a);

	/* phases: the exchanges, then the first data after the keys when it
	 * came before the client would count as idle */
	p->nphases = 0;
	p->retries = 0;
	for (i = 0; i < a->nx; i++) {
		x = &a->x[i];
		if ((ph = add_phase(p, x->kind, x->ap, x->start_ns, x->end_ns,
		    x->no_req, x->kind == ENG_P_NEIGHBOR_REPORT ? EI_NONE :
		    x->status, x->retries, x->tries, x->protected_)) != NULL) {
			ph->late = x->late;
			ph->decrypted = x->decrypted;
		}
	}
	if (a->key_end != 0 && a->data_ns != 0 && a->data_ns - a->key_end <=
	    EI_IDLE_NS) {
		add_phase(p, ENG_P_DATA, a->cur, a->key_end, a->data_ns, false,
		    EI_NONE, 0, 1, false);
		data_end = a->data_ns;
	} else if (a->key_end == 0 && a->data_ns != 0)
		data_end = a->data_ns;	/* keys proven by the data itself */
	if (a->dhcp.start_ns != 0 && (ph = add_phase(p, ENG_P_DHCP,
	    a->dhcp.ap, a->dhcp.start_ns, a->dhcp.end_ns, false,
	    a->dhcp.status, a->dhcp.retries, 1, false)) != NULL)
		ph->decrypted = a->dhcp.decrypted;
	qsort(p->phases, p->nphases, sizeof p->phases[0], phase_cmp);

	/* total: the first exchange at the target (the FT Action request
	 * over the DS) to the end of key setup; unknown when that first
	 * request was not captured */
	lx = NULL;
	for (i = 0; i < a->nx; i++) {
		x = &a->x[i];
		if (x->kind == ENG_P_NEIGHBOR_REPORT || x->kind == ENG_P_BTM ||
		    x->kind == ENG_P_EAP || x->kind == ENG_P_4WAY)
			continue;
		if (lx == NULL || x->start_ns < lx->start_ns)
			lx = x;
	}
	start = lx != NULL && !lx->no_req ? lx->start_ns : 0;
	lx = NULL;
	p->total_ms = start > 0 && a->key_end != 0 ? ms_between(start,
	    a->key_end) : -1;
	/* gap and outage are outages only when the client was talking
	 * through the old AP as it left; older data measures idleness */
	p->gap_ms = a->gap_start != 0 && a->first_any_ns != 0 &&
	    p->start_ns - a->gap_start <= EI_IDLE_NS ?
	    ms_between(a->gap_start, a->first_any_ns) : -1;
	p->outage_ms = a->out_start != 0 && a->out_end != 0 &&
	    a->depart_ns != 0 && a->depart_ns - a->out_start <= EI_IDLE_NS ?
	    ms_between(a->out_start, a->out_end) : -1;
	p->end_ns = a->key_end;
	if (data_end > p->end_ns)
		p->end_ns = data_end;
	if (p->end_ns == 0) {
		int64_t t = p->start_ns;

		for (i = 0; i < p->nphases; i++) {
			if (p->phases[i].end_ns > t)
				t = p->phases[i].end_ns;
			if (p->phases[i].start_ns > t)
				t = p->phases[i].start_ns;
		}
		for (i = 0; i < p->nevents; i++)
			if (p->events[i].ts_ns > t)
				t = p->events[i].ts_ns;
		p->end_ns = t;
	}

	/* the last step toward a target (not 11k/11v, data): unanswered? */
	last = -1;
	for (i = 0; i < p->nphases; i++) {
		k = p->phases[i].kind;
		if (k == ENG_P_DATA || k == ENG_P_NEIGHBOR_REPORT ||
		    k == ENG_P_BTM || k == ENG_P_DHCP)
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
	if (a->fail_phase >= 0 && a->fail_phase < a->nx)
		lx = &a->x[a->fail_phase];

	p->has_rssi_drop = p->old_ap.has_rssi && p->new_ap.has_rssi;
	p->rssi_drop_db = p->has_rssi_drop ? p->old_ap.rssi - p->new_ap.rssi :
	    0;
	p->result = result_of(a);
	p->state = a->st;
	p->attempts = a->tries ? a->tries : 1;

	/* status: the refusing one, else the last the target answered (the
	 * old AP's answers after a return are not the target's) */
	p->status = ENG_STATUS_NONE;
	if (a->refused != EI_NONE)
		p->status = a->refused;
	else {
		static const enum eng_phase_kind order[] = { ENG_P_REASSOC,
		    ENG_P_ASSOC, ENG_P_FT_AUTH, ENG_P_FT_ACTION, ENG_P_AUTH };

		for (k = 0; k < 5 && p->status == ENG_STATUS_NONE; k++)
			if ((x = xch_answered(a, order[k], a->returning ?
			    p->to : NULL)) != NULL)
				p->status = x->status;
	}

	verdicts(e, a, ft, last);

	/* diagnoses, most specific first */
	p->ndiags = 0;
	kc_diags(e, a);
	if (a->refused != EI_NONE)
		status_diag(e, a);
	if (a->k.m1_after_m2 > 0 && a->k.m_ns[3] == 0 &&
	    (d = diag(p, ENG_C_4WAY_NO_M3, (int32_t)a->k.m1_after_m2, 0, 0,
	    0)) != NULL)
		tx_diag(d, p, NULL);
	if (p->result == ENG_R_FAILED && a->k.m_ns[1] != 0 &&
	    !a->k.saw_m2 && (d = diag(p, ENG_C_4WAY_NO_M2, (int32_t)(
	    a->k.m1_sent ? a->k.m1_sent : 1), 0, 0, 0)) != NULL)
		tx_diag(d, p, NULL);
	if (p->result == ENG_R_FAILED && a->k.m_ns[3] != 0 &&
	    a->k.m_ns[4] == 0 && (d = diag(p, ENG_C_4WAY_NO_M4, (int32_t)(
	    a->k.m3_sent ? a->k.m3_sent : 1), 0, 0, 0)) != NULL)
		tx_diag(d, p, NULL);
	if (a->k.eap_failure) {
		if ((d = diag(p, ENG_C_EAP_FAILURE, 0, 0, 0, 0)) != NULL)
			tx_diag(d, p, NULL);
	} else if (p->result == ENG_R_FAILED && a->k.eap_first != 0 &&
	    !a->k.eap_success && a->k.m_ns[1] == 0 && (d = diag(p,
	    ENG_C_EAP_INCOMPLETE, 0, 0, ms_between(a->k.eap_first,
	    a->k.eap_last), 0)) != NULL)
		tx_diag(d, p, NULL);
	if (p->result == ENG_R_FAILED && a->refused == EI_NONE &&
	    a->assoc_ok_ns != 0 && a->req_rsn && !ft && !a->fils &&
	    a->k.m_ns[1] == 0 && a->k.m_ns[2] == 0 && a->k.eap_first == 0 &&
	    !a->left && (d = diag(p, ENG_C_NO_4WAY, a->is_reassoc, 0, 0,
	    0)) != NULL)
		tx_diag(d, p, NULL);
	if (a->closed && p->result == ENG_R_FAILED && (unanswered ||
	    (lx != NULL && a->fail == AF_NO_RESPONSE)) &&
	    (d = diag(p, ENG_C_NO_RESPONSE, unanswered ?
	    (int32_t)p->phases[last].kind : (int32_t)lx->kind,
	    unanswered ? p->phases[last].retries : lx->retries, 0, 0)) !=
	    NULL) {
		if (unanswered && p->phases[last].kind == ENG_P_ASSOC &&
		    a->is_reassoc)
			d->arg[0] = ENG_P_REASSOC;
		tx_diag(d, p, NULL);
	}
	if (a->left && (p->result == ENG_R_FAILED ||
	    p->result == ENG_R_RETURNED)) {
		/* deauthenticated or disassociated by the target (or the AP
		 * of the current try) during the attempt */
		for (i = 0; i < p->nevents; i++) {
			const struct eng_event *ev = &p->events[i];

			if (!mac_eq(ev->ap, p->to) && !(a->has_cur &&
			    mac_eq(ev->ap, a->cur)))
				continue;
			if ((d = diag(p, ev->by_ap ? ENG_C_DEAUTH_BY_AP :
			    ENG_C_DEAUTH_BY_CLIENT, ev->reason,
			    ev->kind == ENG_E_DISASSOC, 0, 0)) != NULL)
				tx_diag(d, p, NULL);
			break;
		}
	}
	if (p->attempts >= conf->loop_min && p->result == ENG_R_FAILED &&
	    (d = diag(p, ENG_C_RETRY_LOOP, (int32_t)p->attempts, 0,
	    p->attempts > 1 ? ms_between(a->try_first_ns, a->try_last_ns) /
	    (p->attempts - 1) : 0, 0)) != NULL)
		tx_diag(d, p, NULL);
	if (p->result == ENG_R_FALLBACK &&
	    (d = diag(p, ENG_C_FT_FALLBACK, 0, 0, 0, 0)) != NULL)
		tx_diag(d, p, NULL);
	if (p->result == ENG_R_RETURNED && a->refused == EI_NONE &&
	    (x = given_up(a)) != NULL) {
		/* the client went back before the target answered */
		if (x->late)
			d = diag(p, ENG_C_LATE_ANSWER, (int32_t)x->kind,
			    x->status, ms_between(x->last_req_ns ?
			    x->last_req_ns : x->start_ns, x->end_ns), 0);
		else
			d = diag(p, ENG_C_NO_RESPONSE, (int32_t)x->kind,
			    x->retries, 0, 0);
		if (d != NULL)
			tx_diag(d, p, NULL);
	}
	if (p->result == ENG_R_RETURNED &&
	    (d = diag(p, ENG_C_RETURNED, 0, 0, 0, 0)) != NULL)
		tx_diag(d, p, NULL);
	if ((x = xch_answered(a, ENG_P_BTM, NULL)) != NULL && x->status > 0) {
		if ((d = diag(p, ENG_C_BTM_REJECT, x->status, 0, 0, 0)) !=
		    NULL)
			tx_diag(d, p, NULL);
	} else if (x != NULL && a->has_btm_target && !x->protected_ &&
	    !mac_eq(a->btm_target, p->to) && x->status == 0 &&
	    (d = diag(p, ENG_C_BTM_OTHER_TARGET, 0, 0, 0, 0)) != NULL) {
		memcpy(d->mac, a->btm_target, 6);
		tx_diag(d, p, NULL);
	}
	if (xch_last(a, ENG_P_BTM) != NULL && a->btm_unadv &&
	    (d = diag(p, ENG_C_BTM_UNADVERTISED, 0, 0, 0, 0)) != NULL)
		tx_diag(d, p, NULL);
	if (a->nr_unadv && p->has_from &&
	    (d = diag(p, ENG_C_NR_UNADVERTISED, 0, 0, 0, 0)) != NULL)
		tx_diag(d, p, NULL);
	if (a->pmf_actions > 0 && (d = diag(p, ENG_C_PMF_INFERRED,
	    (int32_t)a->pmf_actions, 0, 0, 0)) != NULL)
		tx_diag(d, p, NULL);
	for (i = 0; i < p->nphases; i++) {
		ph = &p->phases[i];
		k = phase_sla(ph->kind, ft);
		if (ph->status > 0 || ph->end_ns == 0 || k < 0 ||
		    (ph->verdict != ENG_V_WARN && ph->verdict != ENG_V_FAIL))
			continue;
		if ((d = diag(p, ENG_C_SLOW_PHASE, ph->kind, ph->verdict,
		    ph->ms, ph->verdict == ENG_V_FAIL ? sla->fail_ms[k] :
		    sla->warn_ms[k])) != NULL)
			tx_diag(d, p, NULL);
	}
	if (p->total_ms >= 0) {
		k = ft ? ENG_SLA_FT_TOTAL : ENG_SLA_TOTAL;
		v = sla_verdict(sla, k, p->total_ms);
		if (ft && sla_verdict(sla, ENG_SLA_VOIP_TOTAL, p->total_ms) >
		    v) {
			k = ENG_SLA_VOIP_TOTAL;
			v = ENG_V_FAIL;
		}
		if (v >= ENG_V_WARN && (d = diag(p, ENG_C_SLOW_ROAM, 0, v,
		    p->total_ms, v == ENG_V_FAIL ? sla->fail_ms[k] :
		    sla->warn_ms[k])) != NULL)
			tx_diag(d, p, NULL);
	}
	if (p->gap_ms >= 0 && sla_verdict(sla, ENG_SLA_GAP, p->gap_ms) >=
	    ENG_V_WARN && (d = diag(p, ENG_C_SLOW_GAP, 0, 0, p->gap_ms,
	    sla->warn_ms[ENG_SLA_GAP])) != NULL)
		tx_diag(d, p, NULL);
	/* RF quality of a roam that worked */
	if (!p->is_join && (p->result == ENG_R_OK ||
	    p->result == ENG_R_FALLBACK) &&
	    (v = rssi_verdict(sla, p)) > p->verdict)
		p->verdict = v;
	/* whatever failed or was judged must say why */
	if (p->ndiags == 0 && (p->result == ENG_R_FAILED ||
	    p->verdict >= ENG_V_WARN))
		stalled_diag(p);
}

void
jd_count(struct eng *e, struct att *a, int sign)
{
	const struct eng_roam *p = &a->pub;
	struct client *c = a->cl;

	/* counters follow the judged result; -1 removes, +1 adds */
	if (p->result == ENG_R_FAILED || p->result == ENG_R_RETURNED) {
		e->cnt.roams_failed += sign;
		c->pub.nfailed += sign;
	}
	if (p->verdict == ENG_V_FAIL) {
		e->cnt.fail += sign;
		c->pub.nfail += sign;
	} else if (p->verdict == ENG_V_WARN) {
		e->cnt.warn += sign;
		c->pub.nwarn += sign;
	}
}
