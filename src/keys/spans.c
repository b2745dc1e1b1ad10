/*
 * spans.c -- whole elements as the FTE MIC covers them (ID, length and
 * body, in frame order), and the KDEs of decrypted EAPOL key data.
 *
 * The shared parser decodes element bodies; the MIC needs the raw bytes of
 * a few elements, so this is a short walk of its own over the same body.
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
	size_t	 off = 0, el;

	memset(s, 0, sizeof(*s));
	while (off + 2 <= len) {
		el = (size_t)p[off + 1] + 2;
		if (off + el > len)
			break;		/* a cut element: the MIC cannot hold */
		switch (p[off]) {
		case D11_EID_RSN:
			if (s->rsne == NULL) {
				s->rsne = p + off;
				s->rsne_len = el;
			}
			break;
		case D11_EID_MDE:
			if (s->mde == NULL) {
				s->mde = p + off;
				s->mde_len = el;
			}
			break;
		case D11_EID_FTE:
			if (s->fte == NULL) {
				s->fte = p + off;
				s->fte_len = el;
			}
			break;
		case D11_EID_RSNX:
			if (s->rsnxe == NULL) {
				s->rsnxe = p + off;
				s->rsnxe_len = el;
			}
			break;
		case EID_RIC_DATA:
			/* The RIC runs from the first RDE to the end. */
			if (s->ric == NULL)
				s->ric = p + off;
			break;
		}
		off += el;
	}
	if (s->ric != NULL)
		s->ric_len = (size_t)(p + off - s->ric);
}

void
ks_find_kdes(const uint8_t *p, size_t len, struct ks_kdes *k)
{
	size_t	 off = 0, el;

	memset(k, 0, sizeof(*k));
	while (off + 2 <= len) {
		el = (size_t)p[off + 1] + 2;
		if (p[off] == D11_EID_VENDOR && p[off + 1] == 0)
			break;		/* padding: dd 00 ... */
		if (off + el > len)
			break;
		if (p[off] == D11_EID_VENDOR && el >= KDE_HDR) {
			const uint8_t	*d = p + off + KDE_HDR;
			size_t		 dl = el - KDE_HDR;
			uint32_t	 t = d11_suite(p + off + 2);

			if (t == D11_SUITE(D11_OUI_IEEE, D11_KDE_GTK) &&
			    dl > GTK_KDE_FIXED && k->gtk == NULL) {
				k->gtk_id = d[0] & 0x03;
				k->gtk = d + GTK_KDE_FIXED;
				k->gtk_len = dl - GTK_KDE_FIXED;
			} else if (t == D11_SUITE(D11_OUI_IEEE, D11_KDE_IGTK) &&
			    dl > IGTK_KDE_FIXED && k->igtk == NULL) {
				k->igtk_id = d11_le16(d);
				k->igtk = d + IGTK_KDE_FIXED;
				k->igtk_len = dl - IGTK_KDE_FIXED;
			}
		}
		off += el;
	}
}
