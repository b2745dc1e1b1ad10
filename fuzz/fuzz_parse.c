/*
 * fuzz_parse.c -- libFuzzer target for the shared parser's entry point.
 *
 * The first input byte picks the link type (one of the five d11_parse
 * accepts), the rest is one captured record.  After parsing, every
 * pointer/length pair the frame hands out is read in full, so that ASan
 * sees any field that claims more bytes than the record holds.
 *
 * Build: ./configure CC=clang --enable-fuzzing && make fuzz/fuzz_parse
 * Run:   $srcdir/fuzz/seed.sh corpus &&
 *        ./fuzz/fuzz_parse -dict=$srcdir/fuzz/dot11.dict corpus
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dot11.h"
#include "frames.h"
#include "record.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const int dlts[] = {
	D11_DLT_RADIOTAP, D11_DLT_IEEE802_11, D11_DLT_PPI, D11_DLT_PRISM,
	D11_DLT_AVS,
};

static volatile uint8_t sink;

/* Read n bytes at p; ASan flags a pointer/length pair that overruns. */
static void
touch(const uint8_t *p, size_t n)
{
	uint8_t	 x = 0;
	size_t	 i;

	if (p == NULL)
		return;
	for (i = 0; i < n; i++)
		x ^= p[i];
	sink ^= x;
}

static void
touch_rsne(const struct d11_rsne *r)
{
	touch(r->pairwise, (size_t)r->n_pairwise * 4);
	touch(r->akm, (size_t)r->n_akm * 4);
	touch(r->pmkid, (size_t)r->n_pmkid * 16);
}

/* A Multi-Link element: its span, and every octet of its joined content
 * and of each profile's, through the offset maps. */
static void
touch_ml(const struct d11_elems *e, const struct d11_ml *ml)
{
	const struct d11_ml_sta	*s;
	size_t			 o;
	unsigned		 i;

	touch(ml->hdr, ml->span);
	for (o = 0; o < ml->len; o++)
		touch(d11_ml_at(ml, o, 1), 1);
	for (i = 0; (s = d11_ml_profile(e, ml, i)) != NULL; i++)
		for (o = 0; o < s->len; o++)
			touch(d11_ml_sta_at(ml, s, o, 1), 1);
}

static void
touch_elems(const struct d11_elems *e)
{
	const struct d11_fte	*fte = &e->fte;
	unsigned		 i, n;

	touch(e->ssid, e->ssid_len);
	touch(e->rsn_ie, e->rsn_ie_len);
	touch_rsne(&e->rsn);
	touch(e->wpa_ie, e->wpa_ie_len);
	touch_rsne(&e->wpa);
	touch(e->fte_ie, e->fte_ie_len);
	touch(fte->mic, fte->mic_len);
	touch(fte->anonce, 32);
	touch(fte->snonce, 32);
	touch(fte->r1kh_id, 6);
	touch(fte->r0kh_id, fte->r0kh_id_len);
	touch(fte->gtk, fte->gtk_len);
	touch(fte->igtk, fte->igtk_len);
	touch(fte->oci, fte->oci_len);
	touch(fte->bigtk, fte->bigtk_len);
	n = e->n_neighbors;
	if (n > D11_MAX_NEIGHBORS)
		n = D11_MAX_NEIGHBORS;
	for (i = 0; i < n; i++)
		touch(e->neighbors[i].bssid, 6);
	touch(e->rm_enabled, e->rm_enabled_len);
	touch(e->ext_capab, e->ext_capab_len);
	if (e->has_ml)
		touch_ml(e, &e->ml);
	if (e->has_ml_reconf)
		touch_ml(e, &e->ml_reconf);
	n = e->n_rnr;
	if (n > D11_MAX_RNR)
		n = D11_MAX_RNR;
	for (i = 0; i < n; i++) {
		touch(e->rnr[i].tbtt, e->rnr[i].info_len);
		if (e->rnr[i].has_bssid)
			touch(e->rnr[i].tbtt + 1, 6);
	}
	if (e->has_eht) {
		touch(e->eht_cap_ie, e->eht_cap_ie_len);
		touch(e->eht_cap.phy_capa, 9);
		touch(e->eht_cap.mcs_nss, e->eht_cap.mcs_nss_len);
	}
	sink ^= (uint8_t)d11_elems_rm_neighbor_report(e);
	sink ^= (uint8_t)d11_elems_bss_transition(e);
}

static void
touch_frame(const struct d11_frame *f)
{
	const struct d11_action	*a = &f->act;
	const struct d11_eapol	*ep = &f->eapol;
	char			 s[18];
	unsigned		 i;

	touch(f->mac, f->mac_len);
	touch(f->addr1, 6);
	touch(f->addr2, 6);
	touch(f->addr3, 6);
	touch(f->addr4, 6);
	touch(f->ra, 6);
	touch(f->ta, 6);
	touch(f->sa, 6);
	touch(f->da, 6);
	touch(f->bssid, 6);
	touch(f->body, f->body_len);
	touch(f->current_ap, 6);
	touch(f->sae_data, f->sae_len);
	if (f->addr2 != NULL)
		touch((const uint8_t *)d11_mac_str(f->addr2, s), sizeof(s));
	sink ^= (uint8_t)d11_kind_name(f->kind)[0];

	if (f->has_elems)
		touch_elems(&f->ie);

	if (f->kind == D11_K_ACTION || f->kind == D11_K_ACTION_NOACK) {
		touch(a->btm_target, 6);
		touch(a->btm_term_duration, 12);
		touch(a->btm_url, a->btm_url_len);
		touch(a->ft_sta, 6);
		touch(a->ft_target_ap, 6);
		touch(a->saq_id, 2);
	}
	if (f->kind == D11_K_EAPOL || f->kind == D11_K_EAP) {
		touch(ep->nonce, 32);
		touch(ep->mic, ep->mic_len);
		touch(ep->key_data, ep->key_data_len);
		touch(ep->pmkid_kde, 16);
		touch(ep->mac_kde, 6);
		for (i = 0; i < ep->n_mlo_links && i < D11_EAPOL_MAX_LINKS;
		    i++)
			touch(ep->mlo_link[i].addr, 6);
		touch(ep->identity, ep->identity_len);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE		*devnull;
	static struct rs_rec	 r;
	struct d11_frame	*f = &r.f;
	const uint8_t		*ch;
	uint8_t			*rec;
	size_t			 n;

	if (size < 1)
		return (0);
	n = size - 1;
	/* An exact copy: the parser must not read past the record. */
	rec = malloc(n ? n : 1);
	if (rec == NULL)
		return (0);
	memcpy(rec, data + 1, n);
	if (devnull == NULL && (devnull = fopen("/dev/null", "w")) == NULL)
		abort();
	/* garbage in f, as a reused ring slot would hold */
	memset(f, data[0], sizeof(*f));
	r.n = 1;
	r.ts_ns = 1700000000LL * 1000000000;
	r.dlt = dlts[data[0] % (sizeof(dlts) / sizeof(dlts[0]))];
	r.caplen = r.origlen = (uint32_t)n;
	r.raw = rec;
	d11_parse(r.dlt, rec, n, f);
	touch_frame(f);
	if (d11_dhcp_type(f, &ch) != 0 && ch != NULL)
		sink ^= ch[0] ^ ch[5];
	frames_print(devnull, &r, true);
	free(rec);
	return (0);
}
