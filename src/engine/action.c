/*
 * action.c -- action frames between a client and an AP: 11k neighbor
 * reports, 11v BSS transition management, FT over the DS, SA Query, and
 * their PMF-protected forms; and the client events they raise (a request
 * for what the other side does not advertise).
 */
#include "engine_int.h"

static void
event(struct eng *e, enum eng_code id, int32_t arg, const struct ap *a,
    const uint8_t *sta, const uint8_t *bss)
{
	struct eng_finding *fd;

	if ((fd = ess_event(e, id, a != NULL ? a->pub.ssid : "", bss)) != NULL)
		tx_finding(fd, arg, 0, sta, bss, NULL, NULL);
}

static void
radio_kv(struct eng *e, struct client *c, struct ap *a, const uint8_t *bss,
    bool from_ap, const struct d11_frame *f, uint64_t n)
{
	const struct d11_action *act = &f->act;
	bool asked;

	if (act->action == D11_RM_NR_REQ && !from_ap) {
		asked = a != NULL && a->adv && !a->pub.nr;	/* unadvertised */
		att_kv(e, c, bss, ENG_P_NEIGHBOR_REPORT, true, asked, f, n);
		if (f->retry)
			return;
		if (asked)
			event(e, ENG_C_NR_UNADVERTISED, 0, a, c->pub.mac, bss);
		/* the reverse: the client asks for what it does not
		 * advertise */
		if (c->pub.caps.known && !c->pub.caps.k)
			event(e, ENG_C_NR_UNADVERTISED, 1, a, c->pub.mac, bss);
	} else if (act->action == D11_RM_NR_RESP && from_ap) {
		asked = att_kv(e, c, bss, ENG_P_NEIGHBOR_REPORT, false, false,
		    f, n);
		/* an answer to the client's request is no finding; an
		 * unsolicited report to a client without 11k is */
		if (!asked && !f->retry && c->pub.caps.known && !c->pub.caps.k)
			event(e, ENG_C_NR_UNADVERTISED, 2, a, c->pub.mac, bss);
	}
}

static void
wnm_kv(struct eng *e, struct client *c, struct ap *a, const uint8_t *bss,
    bool from_ap, const struct d11_frame *f, uint64_t n)
{
	const struct d11_action *act = &f->act;

	if (act->action == D11_WNM_BTM_REQ && from_ap) {
		att_kv(e, c, bss, ENG_P_BTM, true, false, f, n);
		mld_btm(e, c, bss, f, n);
		if (!f->retry && c->pub.caps.known && !c->pub.caps.v)
			event(e, ENG_C_BTM_UNADVERTISED, 0, a, c->pub.mac, bss);
	} else if (act->action == D11_WNM_BTM_RESP && !from_ap) {
		att_kv(e, c, bss, ENG_P_BTM, false, false, f, n);
	} else if (act->action == D11_WNM_BTM_QUERY && !from_ap) {
		att_kv_frame(e, c, n);
		if (a != NULL && a->adv && !a->pub.btm && !f->retry)
			event(e, ENG_C_BTM_UNADVERTISED, 1, a, c->pub.mac, bss);
	}
}

void
act_frame(struct eng *e, const struct rs_rec *rec)
{
	const struct d11_frame *f = &rec->f;
	const struct d11_action *act = &f->act;
	const uint8_t *sta, *bss;
	struct client *c;
	struct ap *a;
	bool from_ap;

	if (!mg_sides(f, &sta, &bss, &from_ap))
		return;
	if ((sta = mld_sta(e, f, sta, bss, from_ap)) == NULL ||
	    (c = st_client_get(e, sta)) == NULL)
		return;
	st_frame(e, rec);
	st_client_heard(e, c);
	a = st_ap(e, bss);
	if (from_ap && c->aprssi_hint && a != NULL)
		rc_ap_frame(e, a, c, f, rec->n);
	else if (!from_ap && c->rssi_hint)
		rc_client_frame(e, c, f, rec->n);
	if (!act->readable) {
		/* PMF: RM, FT and WNM bodies are encrypted; keep the shape */
		att_protected_action(e, c, bss, from_ap, rec->n);
	} else if (act->has_action) {
		switch (act->category) {
		case D11_CAT_RM:
			radio_kv(e, c, a, bss, from_ap, f, rec->n);
			break;
		case D11_CAT_WNM:
			wnm_kv(e, c, a, bss, from_ap, f, rec->n);
			break;
		case D11_CAT_FT:
			att_ft_action(e, c, bss, from_ap, f, rec->n);
			break;
		case D11_CAT_SA_QUERY:
			att_sa_query(e, c, bss, rec->n);
			break;
		default:
			break;
		}
	}
	mg_sent(e, c, bss, from_ap, f, rec->n);
}
