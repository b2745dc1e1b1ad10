/*
 * action.c -- action frame bodies: category and action code for every
 * category, and the fixed fields of the ones a roam is made of (Radio
 * Measurement neighbor report, WNM BSS Transition Management, FT action,
 * SA Query).  Their trailing elements go through d11_parse_elems into f->ie.
 */

#include <string.h>

#include "dot11.h"

#define MAC_LEN		6
#define BTM_TERM_DUR_LEN 12	/* BSS Termination Duration subelement */

/* Everything from p to the end of the body is elements. */
static void
trailing_elems(const uint8_t *p, size_t left, struct d11_frame *f)
{
	d11_parse_elems(p, left, 0, &f->ie);
	f->has_elems = true;
}

static void
parse_rm(const uint8_t *p, size_t left, struct d11_frame *f)
{
	struct d11_action	*a = &f->act;

	if (left < 1) {
		a->malformed = 1;
		return;
	}
	/* Every Radio Measurement action starts with a dialog token. */
	a->dialog_token = p[0];
	a->has_dialog_token = true;
	p++;
	left--;

	switch (a->action) {
	case D11_RM_NR_REQ:	/* optional SSID, LCI/civic requests */
	case D11_RM_NR_RESP:	/* Neighbor Report elements */
		trailing_elems(p, left, f);
		break;
	}
}

static void
parse_btm_req(const uint8_t *p, size_t left, struct d11_frame *f)
{
	struct d11_action	*a = &f->act;
	uint8_t			 ul;

	if (left < 4) {
		a->malformed = 1;
		return;
	}
	a->btm_mode = p[0];
	a->btm_disassoc_timer = d11_le16(p + 1);
	a->btm_validity = p[3];
	p += 4;
	left -= 4;

	if (a->btm_mode & D11_BTM_TERMINATION) {
		if (left < BTM_TERM_DUR_LEN) {
			a->malformed = 1;
			return;
		}
		a->btm_term_duration = p;
		p += BTM_TERM_DUR_LEN;
		left -= BTM_TERM_DUR_LEN;
	}
	if (a->btm_mode & D11_BTM_ESS_DISASSOC) {
		if (left < 1 || (size_t)p[0] + 1 > left) {
			a->malformed = 1;
			return;
		}
		ul = p[0];
		a->btm_url = p + 1;
		a->btm_url_len = ul;
		p += 1 + ul;
		left -= 1 + (size_t)ul;
	}
	trailing_elems(p, left, f);	/* BSS Transition Candidate List */
}

static void
parse_btm_resp(const uint8_t *p, size_t left, struct d11_frame *f)
{
	struct d11_action	*a = &f->act;

	if (left < 2) {
		a->malformed = 1;
		return;
	}
	a->btm_status = p[0];
	a->has_btm_status = true;
	a->btm_term_delay = p[1];
	p += 2;
	left -= 2;
	/* Target BSSID only with status 0 (hostapd wnm_ap.c, Wireshark). */
	if (a->btm_status == 0) {
		if (left < MAC_LEN) {
			a->malformed = 1;
			return;
		}
		a->btm_target = p;
		p += MAC_LEN;
		left -= MAC_LEN;
	}
	trailing_elems(p, left, f);
}

static void
parse_wnm(const uint8_t *p, size_t left, struct d11_frame *f)
{
	struct d11_action	*a = &f->act;

	switch (a->action) {
	case D11_WNM_BTM_QUERY:
	case D11_WNM_BTM_REQ:
	case D11_WNM_BTM_RESP:
		break;
	default:
		return;
	}
	if (left < 1) {
		a->malformed = 1;
		return;
	}
	a->dialog_token = p[0];
	a->has_dialog_token = true;
	p++;
	left--;

	switch (a->action) {
	case D11_WNM_BTM_QUERY:
		if (left < 1) {
			a->malformed = 1;
			return;
		}
		a->btm_query_reason = p[0];
		trailing_elems(p + 1, left - 1, f);
		break;
	case D11_WNM_BTM_REQ:
		parse_btm_req(p, left, f);
		break;
	case D11_WNM_BTM_RESP:
		parse_btm_resp(p, left, f);
		break;
	}
}

static void
parse_ft(const uint8_t *p, size_t left, struct d11_frame *f)
{
	struct d11_action	*a = &f->act;

	switch (a->action) {
	case D11_FT_REQ:
	case D11_FT_RESP:
	case D11_FT_CONFIRM:
	case D11_FT_ACK:
		break;
	default:
		return;
	}
	if (left < 2 * MAC_LEN) {
		a->malformed = 1;
		return;
	}
	a->ft_sta = p;
	a->ft_target_ap = p + MAC_LEN;
	p += 2 * MAC_LEN;
	left -= 2 * MAC_LEN;
	if (a->action == D11_FT_RESP || a->action == D11_FT_ACK) {
		if (left < 2) {
			a->malformed = 1;
			return;
		}
		a->ft_status = d11_le16(p);
		a->has_ft_status = true;
		p += 2;
		left -= 2;
	}
	trailing_elems(p, left, f);
}

void
d11_parse_action(const uint8_t *body, size_t len, struct d11_frame *f)
{
	struct d11_action	*a = &f->act;

	memset(a, 0, sizeof(*a));
	/*
	 * A protected action frame is a robust one sent under PMF: its body,
	 * category included, is encrypted.  Say so rather than guess.
	 */
	if (f->protected)
		return;
	a->readable = true;
	if (len < 1) {
		a->malformed = 1;
		return;
	}
	a->category = body[0];
	if (a->category == D11_CAT_VENDOR ||
	    a->category == D11_CAT_VENDOR_PROT)
		return;		/* an OUI follows, not an action code */
	if (len < 2) {
		a->malformed = 1;
		return;
	}
	a->action = body[1];
	a->has_action = true;
	body += 2;
	len -= 2;

	switch (a->category) {
	case D11_CAT_RM:
		parse_rm(body, len, f);
		break;
	case D11_CAT_WNM:
		parse_wnm(body, len, f);
		break;
	case D11_CAT_FT:
		parse_ft(body, len, f);
		break;
	case D11_CAT_SA_QUERY:
		if (a->action != D11_SAQ_REQ && a->action != D11_SAQ_RESP)
			break;
		if (len < 2) {
			a->malformed = 1;
			break;
		}
		a->saq_id = body;
		break;
	default:
		break;
	}
}
