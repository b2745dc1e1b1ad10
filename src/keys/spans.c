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
	size_t	 off = 0, el, i;

	memset(s, 0, sizeof(*s));
	while (off + 2 <= len) {
		el = (size_t)p[off + 1] + 2;
		if (off + el > len)
			break;		/* a cut element: the MIC cannot hold */
		for (i = 0; i < sizeof(want) / sizeof(want[0]); i++)
			if (p[off] == want[i].eid && *want[i].at == NULL) {
				*want[i].at = p + off;	/* the first one */
				*want[i].len = el;
			}
		/* The RIC runs from the first RDE to the end. */
		if (p[off] == EID_RIC_DATA && s->ric == NULL)
			s->ric = p + off;
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
