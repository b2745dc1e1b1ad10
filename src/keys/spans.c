/*
 * spans.c -- whole elements as the FTE MIC covers them (ID, length and
 * body, in frame order), and the KDEs of decrypted EAPOL key data.
 *
 * The shared parser decodes element bodies; the MIC needs the raw bytes of
 * a few elements: the parser's TLV walker over the same body, keeping them.
 */
#include <string.h>

#include "dot11.h"
#include "keys_int.h"

#define EID_RIC_DATA	D11_EID_RIC_DATA
#define KDE_HDR		6	/* dd, len, OUI (3), data type */
#define GTK_KDE_FIXED	2	/* key id/Tx, reserved */
#define IGTK_KDE_FIXED	8	/* key id (2), IPN (6) */

void
ks_find_spans(const uint8_t *p, size_t len, struct ks_spans *s)
{
	const struct {
		uint8_t		  eid;
		const uint8_t	**at;
		size_t		 *len;
	} want[] = {
		{ D11_EID_RSN, &s->rsne, &s->rsne_len },
		{ D11_EID_MDE, &s->mde, &s->mde_len },
		{ D11_EID_FTE, &s->fte, &s->fte_len },
		{ D11_EID_RSNX, &s->rsnxe, &s->rsnxe_len },
	};
	struct d11_tlv_iter	 it;
	struct d11_tlv		 t;
	size_t			 i;

	memset(s, 0, sizeof(*s));
	/* the walk stops at a cut element: the MIC cannot hold past it */
	D11_FOR_EACH_SUB(it, t, p, len) {
		for (i = 0; i < sizeof(want) / sizeof(want[0]); i++)
			if (t.id == want[i].eid && *want[i].at == NULL) {
				*want[i].at = t.hdr;	/* the first one */
				*want[i].len = t.len + 2;
			}
		/* The RIC runs from the first RDE to the end. */
		if (t.id == EID_RIC_DATA && s->ric == NULL)
			s->ric = t.hdr;
	}
	if (s->ric != NULL)
		s->ric_len = (size_t)(d11_tlv_stop(&it) - s->ric);
}

void
ks_find_kdes(const uint8_t *p, size_t len, struct ks_kdes *k)
{
	struct d11_tlv_iter	 it;
	struct d11_tlv		 t;
	const uint8_t		*d;
	size_t			 dl;
	uint32_t		 suite;

	memset(k, 0, sizeof(*k));
	D11_FOR_EACH_SUB(it, t, p, len) {
		if (t.id != D11_EID_VENDOR)
			continue;
		if (t.len == 0)
			break;		/* padding: dd 00 ... */
		if (t.len + 2 < KDE_HDR)
			continue;
		d = t.body + KDE_HDR - 2;
		dl = t.len + 2 - KDE_HDR;
		suite = d11_suite(t.body);
		if (suite == D11_SUITE(D11_OUI_IEEE, D11_KDE_GTK) &&
		    dl > GTK_KDE_FIXED && k->gtk == NULL) {
			k->gtk_id = d[0] & 0x03;
			k->gtk = d + GTK_KDE_FIXED;
			k->gtk_len = dl - GTK_KDE_FIXED;
		} else if (suite == D11_SUITE(D11_OUI_IEEE, D11_KDE_IGTK) &&
		    dl > IGTK_KDE_FIXED && k->igtk == NULL) {
			k->igtk_id = d11_le16(d);
			k->igtk = d + IGTK_KDE_FIXED;
			k->igtk_len = dl - IGTK_KDE_FIXED;
		}
	}
}
