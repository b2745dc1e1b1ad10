/*
 * track.c -- per client, in time order: (re)associations, 4-way
 * handshakes and FT roams, the keys they derive, and the checks against
 * the key store; and ks_decrypt, which picks the key for a frame.
 *
 * State per client: the association context (AP, SSID, AKM, ciphers,
 * MDID, the key holders of the association response's FTE), the key that
 * verified and the PMK-R0 of its mobility domain, a 4-way handshake and an
 * FT exchange in progress, the PTKs of the last few (client, AP) pairs
 * (each roam brings a new one; the old stays for late frames), and the
 * result of the current handshake.  Per AP: its SSID and group keys.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "dot11.h"
#include "keys_int.h"

#define MAC_LEN		6
#define PTK_SLOTS	8	/* per client, newest first */
#define SSIDS_MAX	64	/* SSIDs seen, for keys without one */
#define M2_MAX		1024	/* an M2 kept until its ANonce is seen */
#define EAPOL_MAX	2048	/* longest EAPOL-Key frame checked */
#define LLC_LEN		8
#define EAPOL_HDR	4
#define KEY_MIC_OFF	77	/* in the EAPOL-Key body */
#define KEY_NONCE_OFF	13
#define KEY_INFO_OFF	1
#define KI_KEYID_SHIFT	4	/* WPA1 group key index */
#define ASSOC_REQ_FIXED	4
#define REASSOC_REQ_FIXED 10
#define ASSOC_RESP_FIXED 6
#define FTE_MIC_OFF	4	/* element ID, length, MIC Control */
#define FTE_GTK_FIXED	11	/* key info (2), key length, RSC (8) */
#define FTE_IGTK_FIXED	9	/* key id (2), IPN (6), key length */
#define WRAP_MAX	(KS_GTK_MAX + 16)
#define DEFAULT_CLIENTS	4096
#define WATCH_NS	60000000000LL	/* ks_want: DHCP after a PTK, 60 s */
#define WATCH_FIRST_NS	10000000000LL	/* ... and its first frames, 10 s */
#define WATCH_FIRST	8	/* ... at most this many */
#define WATCH_AFTER_ACK_NS 1000000000LL	/* ... and 1 s after the DHCP ACK */
#define BOOTP_FIXED	240	/* BOOTP fields and the magic cookie */
/* DHCP plaintext: LLC, IPv4, UDP, BOOTP, cookie, options; at most what a
 * client says it accepts (576 by default) plus headers, generously. */
#define DHCP_PLAIN_MIN	(LLC_LEN + 20 + 8 + BOOTP_FIXED + 4)
#define DHCP_PLAIN_MAX	1024
#define ETH_P_IP	0x0800
/* EAPOL-Key plaintext: LLC, EAPOL header, the body up to the key data
 * length, and (generously) its key data. */
#define EAPOL_KEY_MIN	(LLC_LEN + EAPOL_HDR + KEY_MIC_OFF + 16 + 2)
#define EAPOL_KEY_MAX	1024
#define SEC_OVERHEAD	16	/* security header + the shortest MIC */
#define QOS_TID_MASK	0x000f
#define TID_VOICE	6	/* TIDs 6 and 7: access category voice */
#define DEFAULT_APS	4096

struct ptk {
	uint8_t		 ap[MAC_LEN];
	uint32_t	 cipher;
	struct ks_ptk_keys k;
	bool		 used;
};

/* A 4-way handshake in progress. */
struct hs4 {
	uint8_t		 ap[MAC_LEN];
	uint8_t		 anonce[KS_NONCE_LEN];
	bool		 has_anonce;
	uint8_t		 snonce[KS_NONCE_LEN];
	bool		 verified;	/* an M2 MIC verified with key */
	int		 key;
	struct ks_ptk_keys k;
	uint32_t	 cipher;
	/* An M2 seen without its M1, kept whole until M3 brings the
	 * ANonce. */
	uint8_t		 m2[M2_MAX];
	size_t		 m2_len;
	uint8_t		 m2_kdv, m2_mic_len;
	uint8_t		 m2_r1name[KS_PMKID_LEN];
	bool		 m2_has_r1name;
	bool		 m2_pending;
};

/*
 * An FT exchange (auth or action) towards a target AP: active from the
 * request, answered by the response; an unanswered one outlives the next
 * handshake, so that a late answer (a target that first tried to pull the
 * PMK-R1) lands on its own result.
 */
struct ftx {
	bool		 active, answered;
	uint64_t	 res_n;		/* n_first of its result */
	uint8_t		 target[MAC_LEN];
	uint8_t		 snonce[KS_NONCE_LEN];
	uint8_t		 anonce[KS_NONCE_LEN];
	bool		 has_anonce;
	uint8_t		 r0kh[KS_R0KH_MAX];
	uint8_t		 r0kh_len;
	uint8_t		 r1kh[MAC_LEN];
	bool		 has_r1kh;
	uint8_t		 mdid[2];
	bool		 has_mdid;
	uint8_t		 r0name[KS_PMKID_LEN];	/* as the client presents */
	bool		 has_r0name;
	uint32_t	 akm, cipher, group;
	bool		 r0_ok;		/* r0 derived and matched */
	int		 key;
	struct ks_ft_r0	 r0;
	bool		 ptk_ok;
	struct ks_ptk_keys k;
	uint8_t		 r1name[KS_PMKID_LEN];
};

struct ess {
	uint8_t		 ssid[KS_SSID_MAX];
	uint8_t		 ssid_len;
	uint8_t		 mdid[2];
	uint8_t		 r0kh[KS_R0KH_MAX];
	uint8_t		 r0kh_len;
};

/* struct sta and struct bss start with the address, then "seen": the
 * table code (entry()) reads both at those offsets. */
struct sta {
	uint8_t		 addr[MAC_LEN];
	uint64_t	 seen;		/* feed counter, for eviction */
	/* association context */
	uint8_t		 ap[MAC_LEN];
	struct ess	 ess;		/* SSID, MDID, R0KH-ID now */
	bool		 has_ssid, has_mdid;
	uint32_t	 akm, pairwise, group;
	uint8_t		 r1kh[MAC_LEN];
	bool		 has_r1kh;
	bool		 has_first;	/* ESS of the first FT association */
	struct ess	 first;
	/* the key that verified, and the PMK-R0 of the mobility domain */
	int		 key;
	bool		 has_r0;
	struct ks_ft_r0	 r0;
	struct hs4	 hs;
	struct ftx	 ft;
	struct ks_result old;	/* an FT result a newer handshake displaced */
	struct ptk	 ptk[PTK_SLOTS];
	int64_t		 watch_until;	/* ks_want window, 0 closed */
	unsigned	 watch_first;	/* its first frames left to want */
	int64_t		 watch_first_until;
	struct ks_result res;
};

struct gkey {
	uint8_t		 key[KS_GTK_MAX];
	uint8_t		 len;
	uint32_t	 cipher;
};

struct bss {
	uint8_t		 addr[MAC_LEN];
	uint64_t	 seen;
	uint8_t		 ssid[KS_SSID_MAX];
	uint8_t		 ssid_len;
	bool		 has_ssid;
	uint32_t	 group, pairwise, akm;	/* from its RSNE, if one */
	struct gkey	 gtk[4];
	struct gkey	 igtk[2];	/* key IDs 4 and 5 */
	int64_t		 watch_until;	/* a client's ks_want window */
};

_Static_assert(offsetof(struct sta, seen) == sizeof(uint64_t), "sta");
_Static_assert(offsetof(struct bss, seen) == sizeof(uint64_t), "bss");

/* MAC address -> array index, linear probing; rebuilt after eviction. */
struct mtab {
	int32_t		*slot;
	size_t		 size;		/* power of two, > 2 * capacity */
};

struct ks {
	struct ks_store	*store;
	struct ks_conf	 conf;
	struct sta	*sta;
	size_t		 n_sta;
	struct mtab	 sta_idx;
	struct bss	*bss;
	size_t		 n_bss;
	struct mtab	 bss_idx;
	struct ess	 ssids[SSIDS_MAX];
	size_t		 n_ssids;
	uint64_t	 counter;
	uint64_t	 n;		/* frame being fed */
	int64_t		 ts;
	struct ks_result *changed;
	uint8_t		 buf[EAPOL_MAX];
};

/* ------------------------------------------------------------------------
 * Tables.
 */
static uint32_t
mac_hash(const uint8_t *m)
{
	uint32_t	 h = 2166136261u;
	int		 i;

	for (i = 0; i < MAC_LEN; i++)
		h = (h ^ m[i]) * 16777619u;
	return h;
}

static int
mtab_init(struct mtab *t, size_t cap)
{
	size_t	 i;

	for (t->size = 16; t->size < 2 * cap + 1; t->size <<= 1)
		;
	if ((t->slot = malloc(t->size * sizeof(*t->slot))) == NULL)
		return -1;
	for (i = 0; i < t->size; i++)
		t->slot[i] = -1;
	return 0;
}

/* The slot of m: its index if present, or the empty slot to put it in. */
static size_t
mtab_probe(const struct mtab *t, const uint8_t *m, const void *base,
    size_t stride)
{
	size_t	 i = mac_hash(m) & (t->size - 1);

	while (t->slot[i] >= 0 && memcmp((const uint8_t *)base +
	    (size_t)t->slot[i] * stride, m, MAC_LEN) != 0)
		i = (i + 1) & (t->size - 1);
	return i;
}

static void
mtab_rebuild(struct mtab *t, const void *base, size_t stride, size_t n)
{
	size_t	 i, j;

	for (i = 0; i < t->size; i++)
		t->slot[i] = -1;
	for (i = 0; i < n; i++) {
		j = mtab_probe(t, (const uint8_t *)base + i * stride, base,
		    stride);
		t->slot[j] = (int32_t)i;
	}
}

/*
 * Find or make the entry for m in an array of n of max entries (each
 * starting with its address and then a "seen" counter).  A full array
 * gives up its least recently seen entry.  *fresh says it was made.
 */
static void *
entry(struct ks *ks, struct mtab *t, void *base, size_t stride, size_t *n,
    size_t max, const uint8_t *m, bool create, bool *fresh)
{
	size_t		 i = mtab_probe(t, m, base, stride), j, old = 0;
	uint8_t		*e;
	uint64_t	 least = UINT64_MAX, s;

	*fresh = false;
	if (t->slot[i] >= 0) {
		e = (uint8_t *)base + (size_t)t->slot[i] * stride;
		memcpy(&s, e + sizeof(uint64_t), sizeof(s));
		s = ++ks->counter;
		memcpy(e + sizeof(uint64_t), &s, sizeof(s));
		return e;
	}
	if (!create)
		return NULL;
	if (*n < max) {
		j = (*n)++;
		t->slot[i] = (int32_t)j;
	} else {
		for (j = 0; j < *n; j++) {
			memcpy(&s, (uint8_t *)base + j * stride +
			    sizeof(uint64_t), sizeof(s));
			if (s < least) {
				least = s;
				old = j;
			}
		}
		j = old;
	}
	e = (uint8_t *)base + j * stride;
	OPENSSL_cleanse(e, stride);
	memcpy(e, m, MAC_LEN);
	s = ++ks->counter;
	memcpy(e + sizeof(uint64_t), &s, sizeof(s));
	if (*n == max && t->slot[i] != (int32_t)j)
		mtab_rebuild(t, base, stride, *n);
	*fresh = true;
	return e;
}

static struct sta *
sta_get(struct ks *ks, const uint8_t *m, bool create)
{
	struct sta	*s;
	bool		 fresh;

	if (m == NULL || d11_is_group(m))
		return NULL;
	s = entry(ks, &ks->sta_idx, ks->sta, sizeof(*ks->sta), &ks->n_sta,
	    ks->conf.max_clients, m, create, &fresh);
	if (s != NULL && fresh) {
		s->key = -1;
		s->res.key = -1;
		s->hs.key = -1;
		s->ft.key = -1;
	}
	return s;
}

static struct bss *
bss_get(struct ks *ks, const uint8_t *m, bool create)
{
	bool	 fresh;

	if (m == NULL || d11_is_group(m))
		return NULL;
	return entry(ks, &ks->bss_idx, ks->bss, sizeof(*ks->bss), &ks->n_bss,
	    ks->conf.max_aps, m, create, &fresh);
}

static void
ssid_seen(struct ks *ks, const uint8_t *ssid, size_t len)
{
	size_t	 i;

	if (ssid == NULL || len == 0 || len > KS_SSID_MAX)
		return;
	for (i = 0; i < len && ssid[i] == 0; i++)
		;
	if (i == len)
		return;		/* a hidden SSID */
	for (i = 0; i < ks->n_ssids; i++)
		if (ks->ssids[i].ssid_len == len &&
		    memcmp(ks->ssids[i].ssid, ssid, len) == 0)
			return;
	if (ks->n_ssids == SSIDS_MAX)
		return;
	memcpy(ks->ssids[ks->n_ssids].ssid, ssid, len);
	ks->ssids[ks->n_ssids++].ssid_len = (uint8_t)len;
}

struct ks *
ks_new(struct ks_store *store, const struct ks_conf *conf)
{
	struct ks	*ks;

	if ((ks = calloc(1, sizeof(*ks))) == NULL)
		return NULL;
	ks->store = store;
	if (conf != NULL)
		ks->conf = *conf;
	if (ks->conf.max_clients == 0)
		ks->conf.max_clients = DEFAULT_CLIENTS;
	if (ks->conf.max_aps == 0)
		ks->conf.max_aps = DEFAULT_APS;
	ks->sta = calloc(ks->conf.max_clients, sizeof(*ks->sta));
	ks->bss = calloc(ks->conf.max_aps, sizeof(*ks->bss));
	if (ks->sta == NULL || ks->bss == NULL ||
	    mtab_init(&ks->sta_idx, ks->conf.max_clients) != 0 ||
	    mtab_init(&ks->bss_idx, ks->conf.max_aps) != 0) {
		ks_free(ks);
		return NULL;
	}
	return ks;
}

void
ks_free(struct ks *ks)
{
	if (ks == NULL)
		return;
	/* Keys live in the entries in use; the rest were never touched. */
	if (ks->sta != NULL) {
		OPENSSL_cleanse(ks->sta, ks->n_sta * sizeof(*ks->sta));
		free(ks->sta);
	}
	if (ks->bss != NULL) {
		OPENSSL_cleanse(ks->bss, ks->n_bss * sizeof(*ks->bss));
		free(ks->bss);
	}
	free(ks->sta_idx.slot);
	free(ks->bss_idx.slot);
	OPENSSL_cleanse(ks->buf, sizeof(ks->buf));
	free(ks);
	ks_crypto_forget();
}

const struct ks_result *
ks_current(const struct ks *ks, const uint8_t sta[6])
{
	size_t	 i;

	if (ks == NULL || sta == NULL)
		return NULL;
	i = mtab_probe(&ks->sta_idx, sta, ks->sta, sizeof(*ks->sta));
	if (ks->sta_idx.slot[i] < 0 ||
	    ks->sta[ks->sta_idx.slot[i]].res.kind == KS_HS_NONE)
		return NULL;
	return &ks->sta[ks->sta_idx.slot[i]].res;
}

/* ------------------------------------------------------------------------
 * Results.
 */
static void
touch(struct ks *ks, struct sta *s)
{
	if (s->res.kind == KS_HS_NONE)
		return;
	s->res.n_last = ks->n;
	s->res.ts_last = ks->ts;
	ks->changed = &s->res;
}

static void
begin(struct ks *ks, struct sta *s, enum ks_hs_kind kind, const uint8_t *ap)
{
	if (s->res.kind == KS_HS_FT && s->ft.active && !s->ft.answered &&
	    s->ft.res_n == s->res.n_first)
		s->old = s->res;	/* its answer may still come */
	memset(&s->res, 0, sizeof(s->res));
	memcpy(s->res.sta, s->addr, MAC_LEN);
	memcpy(s->res.ap, ap, MAC_LEN);
	s->res.kind = kind;
	s->res.n_first = ks->n;
	s->res.ts_first = ks->ts;
	s->res.key = -1;
	touch(ks, s);
}

/* Set a verdict; key is the key index that verified, or -1. */
static void
verdict(struct ks *ks, struct sta *s, enum ks_verdict *field,
    enum ks_verdict v, int key, unsigned tried)
{
	if (s->res.kind == KS_HS_NONE)
		return;
	*field = v;
	if (v == KS_V_OK && s->res.key < 0)
		s->res.key = key;
	if (v == KS_V_BAD && tried > s->res.n_tried)
		s->res.n_tried = tried;
	/* Either FTE MIC bad makes the roam's bad; ok needs no bad one. */
	if (s->res.fte_mic_req == KS_V_BAD || s->res.fte_mic_resp == KS_V_BAD)
		s->res.fte_mic = KS_V_BAD;
	else if (s->res.fte_mic_req == KS_V_OK ||
	    s->res.fte_mic_resp == KS_V_OK)
		s->res.fte_mic = KS_V_OK;
	touch(ks, s);
}

const char *
ks_verdict_name(enum ks_verdict v)
{
	switch (v) {
	case KS_V_OK:
		return "ok";
	case KS_V_BAD:
		return "bad";
	case KS_V_NONE:
		break;
	}
	return NULL;
}

/* ------------------------------------------------------------------------
 * Keys to try.  A candidate carries the PMK for the 4-way handshake and
 * PMKIDs, and the XXKey for the FT key hierarchy.
 */
struct cand {
	int		 key;
	const uint8_t	*pmk;
	size_t		 pmk_len;
	const uint8_t	*xx;
	size_t		 xx_len;
};

/* Return true when the candidate matched (stops the walk). */
typedef bool (*try_fn)(struct ks *, struct sta *, const struct cand *,
    void *);

/* The SSID the client's PMK is bound to, if known. */
static bool
sta_ssid(struct ks *ks, struct sta *s, const uint8_t *ap, const uint8_t **ssid,
    size_t *len)
{
	struct bss	*b;

	if (s->has_ssid) {
		*ssid = s->ess.ssid;
		*len = s->ess.ssid_len;
		return true;
	}
	if ((b = bss_get(ks, ap, false)) != NULL && b->has_ssid) {
		*ssid = b->ssid;
		*len = b->ssid_len;
		return true;
	}
	return false;
}

/*
 * Try fn on key kk with PMK pmk and XXKey xx (NULL: the PMK); counts the
 * try.  A NULL pmk (no PSK for that SSID) is no try.
 */
static bool
try_key(struct ks *ks, struct sta *s, int kk, const uint8_t *pmk,
    size_t pmklen, const uint8_t *xx, size_t xxlen, try_fn fn, void *arg,
    unsigned *tried)
{
	struct cand	 c;

	if (pmk == NULL)
		return false;
	c.key = kk;
	c.pmk = pmk;
	c.pmk_len = pmklen;
	c.xx = xx ? xx : pmk;
	c.xx_len = xx ? xxlen : pmklen;
	(*tried)++;
	return fn(ks, s, &c, arg);
}

/*
 * Walk the keys that can make a PMK/XXKey for AKM a, trying fn on each.
 * Returns the key that matched, -1 when none did (*tried counts them),
 * -2 when no key applies.
 */
static int
each_key(struct ks *ks, struct sta *s, const struct ks_akm *a,
    const uint8_t *ap, try_fn fn, void *arg, unsigned *tried)
{
	const struct ks_key	*k;
	const uint8_t		*ssid = NULL;
	size_t			 ssidlen = 0, i;
	unsigned		 nk = ks_store_count(ks->store);
	bool			 known;
	int			 key, kk, first = s->key;

	*tried = 0;
	if (a == NULL || nk == 0)
		return -2;
	known = sta_ssid(ks, s, ap, &ssid, &ssidlen);
	/* The key that verified last time goes first. */
	for (key = -1; key < (int)nk; key++) {
		kk = key < 0 ? first : key;
		if (kk < 0 || (key >= 0 && kk == first) ||
		    (k = ks_store_key(ks->store, kk)) == NULL)
			continue;
		switch (k->type) {
		case KS_KEY_PWD:
			if (!a->psk)
				break;
			if (known) {
				if (try_key(ks, s, kk, ks_store_psk(ks->store,
				    kk, ssid, ssidlen), 32, NULL, 0, fn, arg,
				    tried))
					return kk;
				break;
			}
			/* No SSID known: every SSID seen (or the key's). */
			for (i = 0; i < ks->n_ssids; i++)
				if (try_key(ks, s, kk, ks_store_psk(ks->store,
				    kk, ks->ssids[i].ssid,
				    ks->ssids[i].ssid_len), 32, NULL, 0, fn,
				    arg, tried))
					return kk;
			if (k->has_ssid && ks->n_ssids == 0 &&
			    try_key(ks, s, kk, ks_store_psk(ks->store, kk,
			    k->ssid, k->ssid_len), 32, NULL, 0, fn, arg, tried))
				return kk;
			break;
		case KS_KEY_PSK:
			/* A PSK, or a PMK given directly (802.1X, SAE). */
			if (a->ft && !a->psk && !a->sae)
				break;
			if (try_key(ks, s, kk, k->secret, 32, NULL, 0, fn, arg,
			    tried))
				return kk;
			break;
		case KS_KEY_MSK:
			if (a->psk || a->sae || k->secret_len < a->pmk_len)
				break;
			/* XXKey: the second 256 bits of the MSK, or the
			 * first 384 for FT-802.1X-SHA384. */
			if (try_key(ks, s, kk, k->secret, a->pmk_len,
			    a->pmk_len == 48 ? k->secret : k->secret + 32,
			    a->pmk_len == 48 ? 48 : 32, fn, arg, tried))
				return kk;
			break;
		case KS_KEY_TK:
			break;
		}
	}
	return *tried ? -1 : -2;
}

static enum ks_verdict
outcome(int rc)
{
	return rc >= 0 ? KS_V_OK : rc == -1 ? KS_V_BAD : KS_V_NONE;
}

/* ------------------------------------------------------------------------
 * PTKs and group keys.
 */
/* A client's new association keys: open its ks_want window. */
static void
watch_open(struct ks *ks, struct sta *s, const uint8_t *ap)
{
	struct bss	*b = bss_get(ks, ap, true);

	s->watch_until = ks->ts + WATCH_NS;
	s->watch_first = WATCH_FIRST;
	s->watch_first_until = ks->ts + WATCH_FIRST_NS;
	if (b != NULL)
		b->watch_until = s->watch_until;
}

static void
ptk_install(struct ks *ks, struct sta *s, const uint8_t *ap, uint32_t cipher,
    const struct ks_ptk_keys *k)
{
	watch_open(ks, s, ap);
	if (s->ptk[0].used && memcmp(s->ptk[0].ap, ap, MAC_LEN) == 0 &&
	    memcmp(s->ptk[0].k.tk, k->tk, k->tk_len) == 0)
		return;		/* the same one again */
	memmove(&s->ptk[1], &s->ptk[0], (PTK_SLOTS - 1) * sizeof(s->ptk[0]));
	memcpy(s->ptk[0].ap, ap, MAC_LEN);
	s->ptk[0].cipher = cipher;
	s->ptk[0].k = *k;
	s->ptk[0].used = true;
}

static const struct ptk *
ptk_find(const struct sta *s, const uint8_t *ap, size_t from)
{
	size_t	 i;

	for (i = from; i < PTK_SLOTS; i++)
		if (s->ptk[i].used && memcmp(s->ptk[i].ap, ap, MAC_LEN) == 0)
			return &s->ptk[i];
	return NULL;
}

static void
gkey_set(struct gkey *g, const uint8_t *key, size_t len, uint32_t cipher)
{
	if (len > KS_GTK_MAX)
		return;
	memcpy(g->key, key, len);
	g->len = (uint8_t)len;
	g->cipher = cipher;
}

/* The cipher a client uses with an AP: its own RSNE's, else the AP's. */
static uint32_t
pair_cipher(struct ks *ks, const struct sta *s, const uint8_t *ap)
{
	struct bss	*b;

	if (s->pairwise != 0 && ks_cipher_tk_len(s->pairwise) != 0)
		return s->pairwise;
	if ((b = bss_get(ks, ap, false)) != NULL && b->pairwise != 0)
		return b->pairwise;
	return D11_CIPHER_CCMP;
}

/* An AP's group cipher: its beacon's, else the client's request to it. */
static uint32_t
group_cipher(struct ks *ks, const struct sta *s, const uint8_t *ap)
{
	struct bss	*b;

	if ((b = bss_get(ks, ap, false)) != NULL && b->group != 0)
		return b->group;
	if (s->ft.active && s->ft.group != 0 &&
	    memcmp(s->ft.target, ap, MAC_LEN) == 0)
		return s->ft.group;
	if (s->group != 0 && memcmp(s->ap, ap, MAC_LEN) == 0)
		return s->group;
	return D11_CIPHER_CCMP;
}

static void
install_gtk(struct ks *ks, struct sta *s, const uint8_t *ap, unsigned id,
    const uint8_t *key, size_t len)
{
	struct bss	*b = bss_get(ks, ap, true);

	if (b == NULL || id > 3 || len == 0)
		return;
	gkey_set(&b->gtk[id], key, len, group_cipher(ks, s, ap));
	s->res.gtk = true;
}

static void
install_igtk(struct ks *ks, const uint8_t *ap, unsigned id,
    const uint8_t *key, size_t len)
{
	struct bss	*b = bss_get(ks, ap, true);

	if (b == NULL || (id != 4 && id != 5) || len == 0)
		return;
	gkey_set(&b->igtk[id - 4], key, len, D11_CIPHER_BIP_CMAC);
}

/* ------------------------------------------------------------------------
 * Beacons and probe responses: an AP's SSID and ciphers.
 */
static void
on_bss(struct ks *ks, const struct d11_frame *f)
{
	struct bss	*b;
	const struct d11_rsne *r = &f->ie.rsn;

	if (!f->has_elems || f->bssid == NULL)
		return;
	ssid_seen(ks, f->ie.ssid, f->ie.ssid_len);
	if ((b = bss_get(ks, f->bssid, true)) == NULL)
		return;
	if (f->ie.ssid != NULL && f->ie.ssid_len > 0 &&
	    f->ie.ssid_len <= KS_SSID_MAX && f->ie.ssid[0] != 0) {
		memcpy(b->ssid, f->ie.ssid, f->ie.ssid_len);
		b->ssid_len = f->ie.ssid_len;
		b->has_ssid = true;
	}
	if (f->ie.rsn_ie != NULL && r->has_group)
		b->group = r->group;
	if (f->ie.rsn_ie != NULL && r->has_pairwise && r->n_pairwise == 1)
		b->pairwise = d11_suite(r->pairwise);
	if (f->ie.rsn_ie != NULL && r->has_akm && r->n_akm == 1)
		b->akm = d11_suite(r->akm);
}

/* ------------------------------------------------------------------------
 * PMKID check (non-FT PMKSA caching / OKC).
 */
struct pmkid_arg {
	const uint8_t	*ap;
	const uint8_t	*list;
	size_t		 n;
	const struct ks_akm *a;
};

static bool
try_pmkid(struct ks *ks, struct sta *s, const struct cand *c, void *arg)
{
	struct pmkid_arg *p = arg;
	uint8_t		 id[KS_PMKID_LEN];
	size_t		 i;

	(void)ks;
	if (ks_pmkid(p->a, c->pmk, c->pmk_len, p->ap, s->addr, id) != 0)
		return false;
	for (i = 0; i < p->n; i++)
		if (ks_equal(id, p->list + i * KS_PMKID_LEN, KS_PMKID_LEN))
			return true;
	return false;
}

static void
check_pmkid(struct ks *ks, struct sta *s, const uint8_t *ap,
    const uint8_t *list, size_t n, enum ks_verdict *field)
{
	struct pmkid_arg p = { ap, list, n, ks_akm(s->akm) };
	unsigned	 tried;
	int		 rc;

	if (p.a == NULL || p.a->ft || p.a->pmkid == KS_H_MD5 || n == 0)
		return;
	rc = each_key(ks, s, p.a, ap, try_pmkid, &p, &tried);
	if (rc == -2)
		return;
	verdict(ks, s, field, outcome(rc), rc, tried);
}

/* ------------------------------------------------------------------------
 * (Re)association.
 */
static void
set_context(struct ks *ks, struct sta *s, const struct d11_frame *f,
    const uint8_t *ap)
{
	const struct d11_rsne *r = NULL;

	memcpy(s->ap, ap, MAC_LEN);
	if (f->ie.ssid != NULL && f->ie.ssid_len > 0 &&
	    f->ie.ssid_len <= KS_SSID_MAX && f->ie.ssid[0] != 0) {
		memcpy(s->ess.ssid, f->ie.ssid, f->ie.ssid_len);
		s->ess.ssid_len = f->ie.ssid_len;
		s->has_ssid = true;
		ssid_seen(ks, f->ie.ssid, f->ie.ssid_len);
	}
	if (f->ie.rsn_ie != NULL)
		r = &f->ie.rsn;
	else if (f->ie.wpa_ie != NULL)
		r = &f->ie.wpa;
	s->akm = s->pairwise = s->group = 0;
	if (r != NULL) {
		if (r->has_akm && r->n_akm >= 1)
			s->akm = d11_suite(r->akm);
		if (r->has_pairwise && r->n_pairwise >= 1)
			s->pairwise = d11_suite(r->pairwise);
		if (r->has_group)
			s->group = r->group;
	}
	s->has_mdid = f->ie.has_mde;
	if (s->has_mdid)
		memcpy(s->ess.mdid, f->ie.mde.mdid, 2);
}

static const struct ks_akm *
ft_akm(uint32_t suite)
{
	const struct ks_akm *a = ks_akm(suite);

	return a != NULL && a->ft ? a : NULL;
}

static void on_ft_reassoc_req(struct ks *, struct sta *,
    const struct d11_frame *);
static void on_ft_reassoc_resp(struct ks *, struct sta *,
    const struct d11_frame *);

static void
on_assoc_req(struct ks *ks, const struct d11_frame *f)
{
	struct sta	*s;
	const uint8_t	*ap = f->bssid;

	if (ap == NULL || !f->has_elems ||
	    (s = sta_get(ks, f->sa, true)) == NULL)
		return;
	if (f->kind == D11_K_REASSOC_REQ && s->ft.active && s->ft.answered &&
	    memcmp(s->ft.target, ap, MAC_LEN) == 0 && f->ie.fte_ie != NULL) {
		on_ft_reassoc_req(ks, s, f);
		return;
	}
	if (s->ft.answered)
		s->ft.active = false;
	begin(ks, s, KS_HS_ASSOC, ap);
	memset(&s->hs, 0, sizeof(s->hs));
	s->hs.key = -1;
	s->has_r1kh = false;
	s->ess.r0kh_len = 0;
	set_context(ks, s, f, ap);
	s->res.akm = s->akm;
	s->res.pairwise = s->pairwise;
	if (f->ie.rsn_ie != NULL && f->ie.rsn.has_pmkid)
		check_pmkid(ks, s, ap, f->ie.rsn.pmkid,
		    f->ie.rsn.n_pmkid < D11_RSN_MAX_LIST ? f->ie.rsn.n_pmkid :
		    D11_RSN_MAX_LIST, &s->res.pmkid);
}

static void
on_assoc_resp(struct ks *ks, const struct d11_frame *f)
{
	struct sta		*s;
	const struct d11_fte	*fte = &f->ie.fte;

	if (f->bssid == NULL || (s = sta_get(ks, f->da, false)) == NULL ||
	    memcmp(s->res.ap, f->bssid, MAC_LEN) != 0)
		return;
	if (f->kind == D11_K_REASSOC_RESP && s->ft.active && s->ft.answered &&
	    s->ft.res_n == s->res.n_first &&
	    memcmp(s->ft.target, f->bssid, MAC_LEN) == 0) {
		on_ft_reassoc_resp(ks, s, f);
		return;
	}
	if (f->has_status && f->status != 0) {
		if (s->res.status == 0)
			s->res.status = f->status;
		touch(ks, s);
		return;
	}
	/* An initial mobility domain association: the key holders. */
	if (f->has_elems && f->ie.fte_ie != NULL) {
		if (fte->r0kh_id != NULL) {
			memcpy(s->ess.r0kh, fte->r0kh_id, fte->r0kh_id_len);
			s->ess.r0kh_len = fte->r0kh_id_len;
		}
		if (fte->r1kh_id != NULL) {
			memcpy(s->r1kh, fte->r1kh_id, MAC_LEN);
			s->has_r1kh = true;
		}
	}
}

/* ------------------------------------------------------------------------
 * The 4-way handshake and the group key handshake.
 */
struct m2_arg {
	const struct ks_akm *a;
	unsigned	 kdv;
	const uint8_t	*eapol;		/* MIC zeroed */
	size_t		 len;
	const uint8_t	*mic;
	size_t		 mic_len;
	uint32_t	 cipher;
	struct ks_ptk_keys k;
	bool		 ft;
	struct ks_ft_r0	 r0;
	uint8_t		 r1name[KS_PMKID_LEN];
};

static bool
mic_ok(const struct m2_arg *m, const struct ks_ptk_keys *k)
{
	uint8_t	 mic[32];
	size_t	 ml = 0;

	if (ks_eapol_mic(m->a, m->kdv, k->kck, k->kck_len, m->eapol, m->len,
	    mic, &ml) != 0 || ml != m->mic_len)
		return false;
	return ks_equal(mic, m->mic, ml);
}

static bool
try_m2(struct ks *ks, struct sta *s, const struct cand *c, void *arg)
{
	struct m2_arg	*m = arg;
	uint8_t		 r1[KS_PMK_MAX];
	const uint8_t	*ssid;
	size_t		 ssidlen;

	if (!m->ft)
		return ks_ptk_derive(m->a, m->cipher, c->pmk, c->pmk_len, s->ap,
		    s->addr, s->hs.anonce, s->hs.snonce, &m->k) == 0 &&
		    mic_ok(m, &m->k);
	/* FT initial mobility domain association: PMK-R0, R1, PTK. */
	if (!sta_ssid(ks, s, s->ap, &ssid, &ssidlen))
		return false;
	if (ks_ft_r0(m->a, c->xx, c->xx_len, ssid, ssidlen, s->ess.mdid,
	    s->ess.r0kh, s->ess.r0kh_len, s->addr, &m->r0) != 0 ||
	    ks_ft_r1(m->a, &m->r0, s->r1kh, s->addr, r1, m->r1name) != 0 ||
	    ks_ft_ptk(m->a, m->cipher, r1, m->r0.pmk_r0_len, s->hs.snonce,
	    s->hs.anonce, s->ap, s->addr, &m->k) != 0)
		return false;
	OPENSSL_cleanse(r1, sizeof(r1));
	return mic_ok(m, &m->k);
}

/* The EAPOL-Key PDU of f, copied with its MIC zeroed. */
static bool
eapol_copy(struct ks *ks, const struct d11_frame *f, const uint8_t **mic,
    size_t *len)
{
	const struct d11_eapol *e = &f->eapol;
	size_t		 n;

	if (f->body_len < LLC_LEN + EAPOL_HDR || e->mic == NULL ||
	    e->mic_len == 0)
		return false;
	n = EAPOL_HDR + (size_t)e->body_len;
	if (n > f->body_len - LLC_LEN || n > sizeof(ks->buf) ||
	    n < (size_t)EAPOL_HDR + KEY_MIC_OFF + e->mic_len)
		return false;
	memcpy(ks->buf, f->body + LLC_LEN, n);
	memset(ks->buf + EAPOL_HDR + KEY_MIC_OFF, 0, e->mic_len);
	*mic = e->mic;
	*len = n;
	return true;
}

/*
 * Check an M2's MIC (eapol: the PDU with its MIC zeroed) against every
 * key; r1name is the PMKR1Name in its RSNE, NULL when none.
 */
static void
verify_m2(struct ks *ks, struct sta *s, const uint8_t *eapol, size_t len,
    const uint8_t *mic, size_t mic_len, unsigned kdv, const uint8_t *r1name)
{
	struct m2_arg	 m;
	struct bss	*b;
	unsigned	 tried;
	int		 rc;

	memset(&m, 0, sizeof(m));
	if ((m.a = ks_akm(s->akm)) == NULL &&
	    (b = bss_get(ks, s->ap, false)) != NULL)
		m.a = ks_akm(b->akm);	/* no association: the AP's AKM */
	if (m.a == NULL) {
		/* Nor a beacon: the AKM the descriptor version implies. */
		switch (kdv) {
		case D11_KDV_AES_CMAC:
			m.a = ks_akm(D11_AKM_SUITE(D11_AKM_PSK_SHA256));
			break;
		case D11_KDV_AKM:
			m.a = ks_akm(D11_AKM_SUITE(D11_AKM_SAE));
			break;
		default:
			m.a = ks_akm(D11_AKM_SUITE(D11_AKM_PSK));
			break;
		}
	}
	if (s->pairwise == 0 && kdv == D11_KDV_HMAC_MD5 &&
	    ((b = bss_get(ks, s->ap, false)) == NULL || b->pairwise == 0))
		s->pairwise = D11_CIPHER_TKIP;	/* version 1 means TKIP */
	m.kdv = kdv;
	m.eapol = eapol;
	m.len = len;
	m.mic = mic;
	m.mic_len = mic_len;
	m.cipher = pair_cipher(ks, s, s->ap);
	m.ft = m.a->ft;
	if (m.ft && (!s->has_mdid || s->ess.r0kh_len == 0 || !s->has_r1kh))
		return;		/* the key holders are unknown */
	rc = each_key(ks, s, m.a, s->ap, try_m2, &m, &tried);
	if (rc == -2)
		return;
	verdict(ks, s, &s->res.m2_mic, outcome(rc), rc, tried);
	if (rc < 0)
		return;
	s->key = rc;
	s->hs.verified = true;
	s->hs.key = rc;
	s->hs.k = m.k;
	s->hs.cipher = m.cipher;
	ptk_install(ks, s, s->ap, m.cipher, &m.k);
	s->res.ptk = true;
	if (!m.ft)
		return;
	s->r0 = m.r0;
	s->has_r0 = true;
	memcpy(s->res.r0name, m.r0.name, KS_PMKID_LEN);
	memcpy(s->res.r1name, m.r1name, KS_PMKID_LEN);
	s->res.has_r0name = s->res.has_r1name = true;
	if (!s->has_first) {
		s->first = s->ess;
		s->has_first = true;
	}
	/* M2's RSNE carries the PMKR1Name on an FT initial association. */
	if (r1name != NULL)
		verdict(ks, s, &s->res.pmkr1name, ks_equal(r1name, m.r1name,
		    KS_PMKID_LEN) ? KS_V_OK : KS_V_BAD, rc, 1);
}

/* Unwrap EAPOL key data with the KEK; returns its length, 0 on failure. */
static size_t
unwrap_key_data(struct ks *ks, const struct ks_ptk_keys *k,
    const struct d11_frame *f, uint8_t *out, size_t cap)
{
	const struct d11_eapol *e = &f->eapol;
	const uint8_t	*kd;
	size_t		 kdl, off;
	unsigned	 kdv = e->key_info & D11_KI_TYPE_MASK;

	(void)ks;
	if (e->mic == NULL || kdv == D11_KDV_HMAC_MD5)
		return 0;	/* RC4-wrapped key data is not handled */
	off = (size_t)(e->mic - f->body) + e->mic_len;
	if (off + 2 > f->body_len)
		return 0;
	kdl = d11_be16(f->body + off);
	kd = f->body + off + 2;
	if (off + 2 + kdl > f->body_len || kdl < 24 || kdl % 8 != 0 ||
	    kdl - 8 > cap)
		return 0;
	if (ks_aes_unwrap(k->kek, k->kek_len, kd, kdl, out) != 0)
		return 0;
	return kdl - 8;
}

static void
group_keys(struct ks *ks, struct sta *s, const uint8_t *ap,
    const struct ks_ptk_keys *k, const struct d11_frame *f)
{
	uint8_t		 kd[EAPOL_MAX];
	struct ks_kdes	 kdes;
	size_t		 n;

	if ((n = unwrap_key_data(ks, k, f, kd, sizeof(kd))) == 0)
		return;
	if (f->eapol.desc_type == D11_EAPOL_DESC_WPA) {
		/* WPA1 group key: the key data is the GTK itself. */
		install_gtk(ks, s, ap, (f->eapol.key_info >> KI_KEYID_SHIFT) &
		    0x03, kd, n < f->eapol.key_len ? n : f->eapol.key_len);
	} else {
		ks_find_kdes(kd, n, &kdes);
		if (kdes.gtk != NULL)
			install_gtk(ks, s, ap, kdes.gtk_id, kdes.gtk,
			    kdes.gtk_len);
		if (kdes.igtk != NULL)
			install_igtk(ks, ap, kdes.igtk_id, kdes.igtk,
			    kdes.igtk_len);
	}
	OPENSSL_cleanse(kd, sizeof(kd));
	touch(ks, s);
}

static void
on_eapol_key(struct ks *ks, const struct d11_frame *f)
{
	const struct d11_eapol *e = &f->eapol;
	const uint8_t	*sta_mac, *ap, *mic, *r1name;
	const struct ptk *p;
	struct sta	*s;
	size_t		 len;
	unsigned	 kdv = e->key_info & D11_KI_TYPE_MASK;
	bool		 from_ap = (e->key_info & D11_KI_ACK) != 0;

	if (f->to_ds == f->from_ds || f->bssid == NULL || e->nonce == NULL)
		return;
	sta_mac = f->from_ds ? f->da : f->sa;
	ap = f->bssid;
	if ((s = sta_get(ks, sta_mac, true)) == NULL)
		return;
	switch (e->msg) {
	case D11_EAPOL_M1:
		if (!from_ap)
			return;
		/* A new 4-way after a verified one (a new ANonce, not a
		 * retransmitted M1), or with another AP: a rekey. */
		if (s->res.kind == KS_HS_NONE || memcmp(s->res.ap, ap,
		    MAC_LEN) != 0 || (s->hs.verified &&
		    memcmp(s->hs.anonce, e->nonce, KS_NONCE_LEN) != 0)) {
			begin(ks, s, KS_HS_4WAY, ap);
			s->res.akm = s->akm;
			s->res.pairwise = s->pairwise;
		}
		if (memcmp(s->ap, ap, MAC_LEN) != 0)
			memcpy(s->ap, ap, MAC_LEN);
		memcpy(s->hs.ap, ap, MAC_LEN);
		memcpy(s->hs.anonce, e->nonce, KS_NONCE_LEN);
		s->hs.has_anonce = true;
		s->hs.verified = false;
		touch(ks, s);
		s->hs.m2_pending = false;
		if (e->pmkid_kde != NULL)
			check_pmkid(ks, s, ap, e->pmkid_kde, 1,
			    &s->res.pmkid_kde);
		break;
	case D11_EAPOL_M2:
		if (from_ap || !eapol_copy(ks, f, &mic, &len))
			return;
		if (s->res.kind == KS_HS_NONE)
			begin(ks, s, KS_HS_4WAY, ap);
		if (memcmp(s->ap, ap, MAC_LEN) != 0)
			memcpy(s->ap, ap, MAC_LEN);
		if (s->hs.verified && memcmp(s->hs.snonce, e->nonce,
		    KS_NONCE_LEN) == 0) {
			touch(ks, s);	/* a retransmission */
			return;
		}
		memcpy(s->hs.snonce, e->nonce, KS_NONCE_LEN);
		r1name = f->has_elems && f->ie.rsn.has_pmkid &&
		    f->ie.rsn.n_pmkid >= 1 ? f->ie.rsn.pmkid : NULL;
		if (!s->hs.has_anonce) {
			/* No M1 seen: M3 brings the ANonce. */
			if (len > sizeof(s->hs.m2))
				return;
			memcpy(s->hs.m2, f->body + LLC_LEN, len);
			s->hs.m2_len = len;
			s->hs.m2_kdv = (uint8_t)kdv;
			s->hs.m2_mic_len = e->mic_len;
			s->hs.m2_has_r1name = r1name != NULL;
			if (r1name != NULL)
				memcpy(s->hs.m2_r1name, r1name, KS_PMKID_LEN);
			s->hs.m2_pending = true;
			touch(ks, s);
			return;
		}
		verify_m2(ks, s, ks->buf, len, mic, e->mic_len, kdv, r1name);
		break;
	case D11_EAPOL_M3:
		if (!from_ap)
			return;
		if (!s->hs.has_anonce || s->hs.m2_pending) {
			memcpy(s->hs.anonce, e->nonce, KS_NONCE_LEN);
			s->hs.has_anonce = true;
		}
		if (s->hs.m2_pending) {
			/* The M2 that came without an M1, now. */
			s->hs.m2_pending = false;
			memcpy(ks->buf, s->hs.m2, s->hs.m2_len);
			memset(ks->buf + EAPOL_HDR + KEY_MIC_OFF, 0,
			    s->hs.m2_mic_len);
			verify_m2(ks, s, ks->buf, s->hs.m2_len, s->hs.m2 +
			    EAPOL_HDR + KEY_MIC_OFF, s->hs.m2_mic_len,
			    s->hs.m2_kdv, s->hs.m2_has_r1name ?
			    s->hs.m2_r1name : NULL);
		}
		if (s->hs.verified)
			group_keys(ks, s, ap, &s->hs.k, f);
		break;
	case D11_EAPOL_M4:
		/* the handshake is done, keys derived or not (tk: lines) */
		if (!s->hs.verified)
			watch_open(ks, s, ap);
		touch(ks, s);
		break;
	case D11_EAPOL_G1:
		if (!from_ap || (p = ptk_find(s, ap, 0)) == NULL)
			return;
		group_keys(ks, s, ap, &p->k, f);
		break;
	default:
		break;
	}
}

/* ------------------------------------------------------------------------
 * FT: authentication or action request and response, reassociation.
 */
struct r0_arg {
	const struct ks_akm *a;
	const struct ess *e;		/* SSID, MDID, R0KH-ID to derive with */
	const uint8_t	*name;		/* the PMKR0Name to match */
	struct ks_ft_r0	 r0;
};

static bool
try_r0(struct ks *ks, struct sta *s, const struct cand *c, void *arg)
{
	struct r0_arg	*r = arg;

	(void)ks;
	if (ks_ft_r0(r->a, c->xx, c->xx_len, r->e->ssid, r->e->ssid_len,
	    r->e->mdid, r->e->r0kh, r->e->r0kh_len, s->addr, &r->r0) != 0)
		return false;
	return ks_equal(r->r0.name, r->name, KS_PMKID_LEN);
}

/* Which of SSID, MDID, R0KH-ID differ between two ESS descriptions. */
static uint8_t
ess_diff(const struct ess *a, const struct ess *b)
{
	uint8_t	 d = 0;

	if (a->ssid_len != b->ssid_len ||
	    memcmp(a->ssid, b->ssid, a->ssid_len) != 0)
		d |= KS_ESS_SSID;
	if (memcmp(a->mdid, b->mdid, 2) != 0)
		d |= KS_ESS_MDID;
	if (a->r0kh_len != b->r0kh_len ||
	    memcmp(a->r0kh, b->r0kh, a->r0kh_len) != 0)
		d |= KS_ESS_R0KH;
	return d;
}

static void
check_r0name(struct ks *ks, struct sta *s)
{
	struct ftx	*x = &s->ft;
	struct r0_arg	 r;
	struct ess	 now;
	const uint8_t	*ssid;
	size_t		 ssidlen;
	unsigned	 tried;
	int		 rc;

	memset(&r, 0, sizeof(r));
	if ((r.a = ft_akm(x->akm)) == NULL || !x->has_r0name ||
	    !x->has_mdid || x->r0kh_len == 0 ||
	    !sta_ssid(ks, s, x->target, &ssid, &ssidlen))
		return;
	memset(&now, 0, sizeof(now));
	memcpy(now.ssid, ssid, ssidlen);
	now.ssid_len = (uint8_t)ssidlen;
	memcpy(now.mdid, x->mdid, 2);
	memcpy(now.r0kh, x->r0kh, x->r0kh_len);
	now.r0kh_len = x->r0kh_len;
	r.e = &now;
	r.name = x->r0name;
	rc = each_key(ks, s, r.a, x->target, try_r0, &r, &tried);
	if (rc == -2)
		return;
	verdict(ks, s, &s->res.pmkr0name, outcome(rc), rc, tried);
	if (rc >= 0) {
		x->r0_ok = true;
		x->key = rc;
		x->r0 = r.r0;
		s->key = rc;
		memcpy(s->res.r0name, r.r0.name, KS_PMKID_LEN);
		s->res.has_r0name = true;
		return;
	}
	/*
	 * Wrong for the ESS on the air: right for the first association?
	 * Then the client (and the target, if it accepts) use that PMK-R0:
	 * the chain goes on with it.
	 */
	if (s->has_first && ess_diff(&s->first, &now) != 0) {
		r.e = &s->first;
		if ((rc = each_key(ks, s, r.a, x->target, try_r0, &r,
		    &tried)) >= 0) {
			s->res.ft_diag = KS_FT_CLIENT_STALE;
			s->res.stale_what = ess_diff(&s->first, &now);
			x->r0_ok = true;
			x->key = rc;
			x->r0 = r.r0;
			memcpy(s->res.r0name, r.r0.name, KS_PMKID_LEN);
			s->res.has_r0name = true;
			touch(ks, s);
			return;
		}
	}
	s->res.ft_diag = KS_FT_CLIENT_WRONG;
}

/* An FT authentication request, or an FT Request action frame. */
static void
ft_request(struct ks *ks, struct sta *s, const uint8_t *target,
    const struct d11_frame *f)
{
	struct ftx		*x = &s->ft;
	const struct d11_fte	*fte = &f->ie.fte;
	const struct d11_rsne	*r = &f->ie.rsn;

	if (!f->has_elems || f->ie.fte_ie == NULL || fte->snonce == NULL)
		return;
	if (x->active && memcmp(x->target, target, MAC_LEN) == 0 &&
	    memcmp(x->snonce, fte->snonce, KS_NONCE_LEN) == 0) {
		touch(ks, s);	/* a retransmission */
		return;
	}
	memset(x, 0, sizeof(*x));
	x->key = -1;
	x->active = true;
	memcpy(x->target, target, MAC_LEN);
	memcpy(x->snonce, fte->snonce, KS_NONCE_LEN);
	if (fte->r0kh_id != NULL) {
		memcpy(x->r0kh, fte->r0kh_id, fte->r0kh_id_len);
		x->r0kh_len = fte->r0kh_id_len;
	}
	if (f->ie.has_mde) {
		memcpy(x->mdid, f->ie.mde.mdid, 2);
		x->has_mdid = true;
	}
	if (f->ie.rsn_ie != NULL) {
		if (r->has_pmkid && r->n_pmkid >= 1) {
			memcpy(x->r0name, r->pmkid, KS_PMKID_LEN);
			x->has_r0name = true;
		}
		if (r->has_akm && r->n_akm >= 1)
			x->akm = d11_suite(r->akm);
		if (r->has_pairwise && r->n_pairwise >= 1)
			x->cipher = d11_suite(r->pairwise);
		if (r->has_group)
			x->group = r->group;
	}
	if (x->akm == 0)
		x->akm = s->akm;
	if (x->cipher == 0)
		x->cipher = pair_cipher(ks, s, target);
	begin(ks, s, KS_HS_FT, target);
	x->res_n = s->res.n_first;
	s->res.akm = x->akm;
	s->res.pairwise = x->cipher;
	memcpy(s->res.r0kh_id, x->r0kh, x->r0kh_len);
	s->res.r0kh_id_len = x->r0kh_len;
	check_r0name(ks, s);
}

/* An FT authentication response, or an FT Response action frame. */
static void
ft_response(struct ks *ks, struct sta *s, const uint8_t *target,
    uint16_t status, const struct d11_frame *f)
{
	struct ftx		*x = &s->ft;
	const struct d11_fte	*fte = &f->ie.fte;
	const struct ks_akm	*a = ft_akm(x->akm);
	uint8_t			 r1[KS_PMK_MAX];

	if (!x->active || memcmp(x->target, target, MAC_LEN) != 0)
		return;
	if (s->res.n_first != x->res_n) {
		/* A late answer, after the client moved on: its own result,
		 * if still known; a late success starts nothing. */
		x->answered = true;
		x->active = false;
		if (s->old.kind != KS_HS_FT || s->old.n_first != x->res_n ||
		    status == 0)
			return;
		if (s->old.status == 0)
			s->old.status = status;
		if (status == D11_ST_INVALID_PMKID &&
		    s->old.pmkr0name == KS_V_OK)
			s->old.ft_diag = KS_FT_TARGET_LACKS_R1;
		s->old.n_last = ks->n;
		s->old.ts_last = ks->ts;
		ks->changed = &s->old;
		return;
	}
	x->answered = true;
	if (status != 0) {
		if (s->res.status == 0)
			s->res.status = status;
		if (status == D11_ST_INVALID_PMKID &&
		    s->res.pmkr0name == KS_V_OK)
			s->res.ft_diag = KS_FT_TARGET_LACKS_R1;
		x->active = false;
		touch(ks, s);
		return;
	}
	if (!f->has_elems || f->ie.fte_ie == NULL || fte->anonce == NULL ||
	    fte->r1kh_id == NULL)
		return;
	memcpy(x->anonce, fte->anonce, KS_NONCE_LEN);
	x->has_anonce = true;
	memcpy(x->r1kh, fte->r1kh_id, MAC_LEN);
	x->has_r1kh = true;
	touch(ks, s);
	if (a == NULL || !x->r0_ok)
		return;
	if (ks_ft_r1(a, &x->r0, x->r1kh, s->addr, r1, x->r1name) != 0 ||
	    ks_ft_ptk(a, x->cipher, r1, x->r0.pmk_r0_len, x->snonce,
	    x->anonce, x->target, s->addr, &x->k) != 0) {
		OPENSSL_cleanse(r1, sizeof(r1));
		return;
	}
	OPENSSL_cleanse(r1, sizeof(r1));
	x->ptk_ok = true;
	memcpy(s->res.r1name, x->r1name, KS_PMKID_LEN);
	s->res.has_r1name = true;
}

/* The FTE MIC of a reassociation frame's elements, against its own. */
static enum ks_verdict
fte_mic(const struct ftx *x, const struct ks_akm *a, const uint8_t *sta,
    const uint8_t *elems, size_t len, const struct d11_fte *fte, uint8_t seq)
{
	struct ks_spans	 sp;
	uint8_t		 mic[32];

	ks_find_spans(elems, len, &sp);
	if (sp.fte == NULL || fte->mic == NULL || fte->mic_len == 0 ||
	    sp.fte_len < (size_t)FTE_MIC_OFF + fte->mic_len)
		return KS_V_NONE;
	if (ks_fte_mic(a, x->k.kck, x->k.kck_len, sta, x->target, seq,
	    sp.rsne, sp.rsne_len, sp.mde, sp.mde_len, sp.fte, sp.fte_len,
	    FTE_MIC_OFF, fte->mic_len, sp.ric, sp.ric_len, sp.rsnxe,
	    sp.rsnxe_len, mic) != 0)
		return KS_V_NONE;
	return ks_equal(mic, fte->mic, fte->mic_len) ? KS_V_OK : KS_V_BAD;
}

static void
on_ft_reassoc_req(struct ks *ks, struct sta *s, const struct d11_frame *f)
{
	struct ftx		*x = &s->ft;
	const struct ks_akm	*a = ft_akm(x->akm);
	const struct d11_rsne	*r = &f->ie.rsn;
	enum ks_verdict		 v;

	touch(ks, s);
	if (a == NULL || !x->ptk_ok || f->body_len < REASSOC_REQ_FIXED)
		return;
	if (f->ie.rsn_ie != NULL && r->has_pmkid && r->n_pmkid >= 1)
		verdict(ks, s, &s->res.pmkr1name, ks_equal(r->pmkid,
		    x->r1name, KS_PMKID_LEN) ? KS_V_OK : KS_V_BAD, x->key, 1);
	v = fte_mic(x, a, s->addr, f->body + REASSOC_REQ_FIXED,
	    f->body_len - REASSOC_REQ_FIXED, &f->ie.fte,
	    D11_FT_MIC_SEQ_REASSOC_REQ);
	if (v != KS_V_NONE)
		verdict(ks, s, &s->res.fte_mic_req, v, x->key, 1);
}

static void
on_ft_reassoc_resp(struct ks *ks, struct sta *s, const struct d11_frame *f)
{
	struct ftx		*x = &s->ft;
	const struct ks_akm	*a = ft_akm(x->akm);
	const struct d11_fte	*fte = &f->ie.fte;
	uint8_t			 key[WRAP_MAX];
	enum ks_verdict		 v;
	size_t			 kl, wl;

	touch(ks, s);
	if (f->has_status && f->status != 0) {
		if (s->res.status == 0)
			s->res.status = f->status;
		if (f->status == D11_ST_INVALID_FTE &&
		    s->res.fte_mic_req == KS_V_BAD)
			s->res.ft_diag = KS_FT_MIC_CLIENT;
		x->active = false;
		return;
	}
	if (a == NULL || !x->ptk_ok || !f->has_elems ||
	    f->body_len < ASSOC_RESP_FIXED) {
		watch_open(ks, s, x->target);	/* the roam is done */
		return;
	}
	v = fte_mic(x, a, s->addr, f->body + ASSOC_RESP_FIXED,
	    f->body_len - ASSOC_RESP_FIXED, fte, D11_FT_MIC_SEQ_REASSOC_RESP);
	if (v != KS_V_NONE)
		verdict(ks, s, &s->res.fte_mic_resp, v, x->key, 1);
	if (v == KS_V_BAD && s->res.ft_diag == KS_FT_NONE)
		s->res.ft_diag = KS_FT_MIC_AP;
	/* The roam is done: the new PTK, and the context moves. */
	ptk_install(ks, s, x->target, x->cipher, &x->k);
	s->res.ptk = true;
	memcpy(s->ap, x->target, MAC_LEN);
	s->pairwise = x->cipher;
	if (x->group != 0)
		s->group = x->group;
	memcpy(s->r1kh, x->r1kh, MAC_LEN);
	s->has_r1kh = true;
	s->key = x->key;
	/* The GTK and IGTK, wrapped with the new KEK (13.8.5). */
	if (fte->gtk != NULL && fte->gtk_len > FTE_GTK_FIXED) {
		kl = fte->gtk[2];
		wl = fte->gtk_len - FTE_GTK_FIXED;
		if (wl >= 24 && wl % 8 == 0 && wl - 8 <= sizeof(key) &&
		    kl <= wl - 8 && ks_aes_unwrap(x->k.kek, x->k.kek_len,
		    fte->gtk + FTE_GTK_FIXED, wl, key) == 0)
			install_gtk(ks, s, x->target, d11_le16(fte->gtk) & 0x03,
			    key, kl);
	}
	if (fte->igtk != NULL && fte->igtk_len > FTE_IGTK_FIXED) {
		kl = fte->igtk[8];
		wl = fte->igtk_len - FTE_IGTK_FIXED;
		if (wl >= 24 && wl % 8 == 0 && wl - 8 <= sizeof(key) &&
		    kl <= wl - 8 && ks_aes_unwrap(x->k.kek, x->k.kek_len,
		    fte->igtk + FTE_IGTK_FIXED, wl, key) == 0)
			install_igtk(ks, x->target, d11_le16(fte->igtk), key,
			    kl);
	}
	OPENSSL_cleanse(key, sizeof(key));
	x->active = false;
}

static void
on_ft_auth(struct ks *ks, const struct d11_frame *f)
{
	struct sta	*s;

	if (f->auth_seq == 1) {
		if ((s = sta_get(ks, f->sa, true)) != NULL && f->bssid != NULL)
			ft_request(ks, s, f->bssid, f);
	} else if (f->auth_seq == 2) {
		if ((s = sta_get(ks, f->da, false)) != NULL && f->sa != NULL)
			ft_response(ks, s, f->sa, f->has_status ? f->status :
			    0, f);
	}
}

static void
on_ft_action(struct ks *ks, const struct d11_frame *f)
{
	const struct d11_action *a = &f->act;
	struct sta	*s;

	if (!a->readable || !a->has_action || a->ft_sta == NULL ||
	    a->ft_target_ap == NULL)
		return;
	if (a->action == D11_FT_REQ) {
		if ((s = sta_get(ks, a->ft_sta, true)) != NULL)
			ft_request(ks, s, a->ft_target_ap, f);
	} else if (a->action == D11_FT_RESP) {
		if ((s = sta_get(ks, a->ft_sta, false)) != NULL)
			ft_response(ks, s, a->ft_target_ap, a->has_ft_status ?
			    a->ft_status : 0, f);
	}
}

/* A DHCP ACK to a client ends its ks_want window (a second later, for
 * retransmissions): the phase is done. */
static void
on_data(struct ks *ks, const struct d11_frame *f)
{
	struct sta	*s;

	if (f->protected || !f->from_ds || f->to_ds || f->da == NULL ||
	    d11_dhcp_type(f, NULL) != D11_DHCP_ACK)
		return;
	if ((s = sta_get(ks, f->da, false)) != NULL &&
	    s->watch_until > ks->ts + WATCH_AFTER_ACK_NS)
		s->watch_until = ks->ts + WATCH_AFTER_ACK_NS;
}

bool
ks_want(struct ks *ks, const struct d11_frame *f)
{
	struct sta	*s = NULL;
	struct bss	*b;
	size_t		 pl;
	bool		 dhcp_len;

	if (f->error != D11_OK || !f->protected)
		return false;
	if (f->type == D11_FC_TYPE_MGMT)
		return true;
	if (f->type != D11_FC_TYPE_DATA || f->is_null)
		return false;
	pl = f->body_len > SEC_OVERHEAD ? f->body_len - SEC_OVERHEAD : 0;
	/*
	 * EAPOL (a rekey, a reauthentication): stacks send it at voice
	 * priority (TID 6/7: mac80211, and the captures in tests/data), so
	 * every voice-priority frame; without QoS, what an EAPOL-Key frame's
	 * length allows.
	 */
	if (f->has_qos ? (f->qos & QOS_TID_MASK) >= TID_VOICE :
	    pl >= EAPOL_KEY_MIN && pl <= EAPOL_KEY_MAX)
		return true;
	dhcp_len = pl >= DHCP_PLAIN_MIN && pl <= DHCP_PLAIN_MAX;
	if (f->addr1 != NULL && d11_is_group(f->addr1)) {
		/* a broadcast DHCP answer, from an AP with a client in its
		 * window */
		b = bss_get(ks, f->addr2, false);
		return dhcp_len && b != NULL && b->watch_until > ks->ts;
	}
	if (f->to_ds != f->from_ds)
		s = sta_get(ks, f->from_ds ? f->addr1 : f->addr2, false);
	if (s == NULL || s->watch_until <= ks->ts)
		return false;
	/* The first packets after the PTK (ARP, the first IP packet), and
	 * what may be DHCP. */
	if (s->watch_first > 0 && ks->ts < s->watch_first_until) {
		s->watch_first--;
		return true;
	}
	return dhcp_len;
}

const struct ks_result *
ks_feed(struct ks *ks, const struct rs_rec *rec)
{
	const struct d11_frame *f = &rec->f;

	ks->changed = NULL;
	ks->n = rec->n;
	ks->ts = rec->ts_ns;
	if (f->error != D11_OK || f->bad_fcs)
		return NULL;
	switch (f->kind) {
	case D11_K_BEACON:
	case D11_K_PROBE_RESP:
		on_bss(ks, f);
		break;
	case D11_K_ASSOC_REQ:
	case D11_K_REASSOC_REQ:
		on_assoc_req(ks, f);
		break;
	case D11_K_ASSOC_RESP:
	case D11_K_REASSOC_RESP:
		on_assoc_resp(ks, f);
		break;
	case D11_K_AUTH:
		if (f->has_auth && f->auth_alg == D11_AUTH_FT)
			on_ft_auth(ks, f);
		break;
	case D11_K_ACTION:
		if (f->act.readable && f->act.category == D11_CAT_FT)
			on_ft_action(ks, f);
		break;
	case D11_K_EAPOL:
		if (f->eapol.type == D11_EAPOL_KEY)
			on_eapol_key(ks, f);
		break;
	case D11_K_DATA:
		on_data(ks, f);
		break;
	default:
		break;
	}
	return ks->changed;
}

/* ------------------------------------------------------------------------
 * Decryption: pick the keys for a frame.
 */
const char *
ks_dec_name(enum ks_dec d)
{
	switch (d) {
	case KS_DEC_OK:
		return "ok";
	case KS_DEC_NOT_PROTECTED:
		return "not protected";
	case KS_DEC_NO_KEY:
		return "no key";
	case KS_DEC_BAD_MIC:
		return "MIC fails with every key";
	case KS_DEC_UNSUPPORTED:
		return "cipher not supported";
	case KS_DEC_MALFORMED:
		return "malformed";
	case KS_DEC_NOSPACE:
		return "buffer too small";
	}
	return "?";
}

/* Fold one attempt into the overall answer: OK wins, then BAD_MIC. */
static enum ks_dec
fold(enum ks_dec acc, enum ks_dec d)
{
	if (acc == KS_DEC_OK || d == KS_DEC_OK)
		return KS_DEC_OK;
	if (d == KS_DEC_NOSPACE || d == KS_DEC_MALFORMED)
		return d;
	if (acc == KS_DEC_BAD_MIC || d == KS_DEC_BAD_MIC)
		return KS_DEC_BAD_MIC;
	if (acc == KS_DEC_UNSUPPORTED || d == KS_DEC_UNSUPPORTED)
		return KS_DEC_UNSUPPORTED;
	return KS_DEC_NO_KEY;
}

enum ks_dec
ks_decrypt(struct ks *ks, const struct d11_frame *f, uint8_t *out,
    size_t cap, size_t *outlen, struct ks_dec_info *info)
{
	static const uint32_t try16[] = { D11_CIPHER_CCMP, D11_CIPHER_GCMP };
	static const uint32_t try32[] = { D11_CIPHER_CCMP_256,
	    D11_CIPHER_GCMP_256 };
	struct ks_dec_info	 di;
	const struct ks_key	*k;
	const uint8_t		*sta_mac, *ap;
	const struct ptk	*p;
	const uint32_t		*tries;
	struct bss		*b;
	struct sta		*s;
	enum ks_dec		 acc = KS_DEC_NO_KEY, d;
	size_t			 hl, i, from;
	unsigned		 nk;
	int			 id, kk;

	memset(&di, 0, sizeof(di));
	di.user_tk = -1;
	if (info != NULL)
		*info = di;
	if (f->error != D11_OK || !f->protected ||
	    (f->type != D11_FC_TYPE_DATA && f->type != D11_FC_TYPE_MGMT))
		return KS_DEC_NOT_PROTECTED;
	if ((hl = ks_mac_hdr_len(f)) == 0 || (id = ks_frame_key_id(f)) < 0)
		return KS_DEC_MALFORMED;
	di.key_id = (uint8_t)id;
	ap = f->bssid;
	if (f->addr1 != NULL && d11_is_group(f->addr1)) {
		di.group = true;
		/* Group-addressed: the TA's GTK of this key ID. */
		if ((b = bss_get(ks, f->addr2, false)) != NULL &&
		    b->gtk[id].len > 0) {
			di.cipher = b->gtk[id].cipher;
			d = ks_decrypt_tk(di.cipher, b->gtk[id].key,
			    b->gtk[id].len, f->mac, hl, f->body, f->body_len,
			    out, cap, outlen, &di.pn);
			acc = fold(acc, d);
		}
	} else if (ap != NULL && f->addr2 != NULL) {
		sta_mac = memcmp(f->addr1, ap, MAC_LEN) == 0 ? f->addr2 :
		    f->addr1;
		if ((s = sta_get(ks, sta_mac, false)) != NULL) {
			for (from = 0; acc != KS_DEC_OK &&
			    (p = ptk_find(s, ap, from)) != NULL;
			    from = (size_t)(p - s->ptk) + 1) {
				di.cipher = p->cipher;
				d = ks_decrypt_tk(p->cipher, p->k.tk,
				    p->k.tk_len, f->mac, hl, f->body,
				    f->body_len, out, cap, outlen, &di.pn);
				acc = fold(acc, d);
			}
		}
	}
	/* The tk: lines, for any frame no derived key opens. */
	nk = ks_store_count(ks->store);
	for (kk = 0; acc != KS_DEC_OK && kk < (int)nk; kk++) {
		if ((k = ks_store_key(ks->store, kk)) == NULL ||
		    k->type != KS_KEY_TK)
			continue;
		tries = k->secret_len == 16 ? try16 : try32;
		for (i = 0; i < 2 && acc != KS_DEC_OK; i++) {
			d = ks_decrypt_tk(tries[i], k->secret, k->secret_len,
			    f->mac, hl, f->body, f->body_len, out, cap, outlen,
			    &di.pn);
			if (d == KS_DEC_OK) {
				di.cipher = tries[i];
				di.user_tk = kk;
			}
			acc = fold(acc, d);
		}
	}
	if (info != NULL)
		*info = di;
	return acc;
}

/* ------------------------------------------------------------------------
 * What a result proves, in words.
 */
static void
cat(char *buf, size_t len, size_t *n, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
cat(char *buf, size_t len, size_t *n, const char *fmt, ...)
{
	va_list	 ap;
	int	 w;

	if (*n >= len)
		return;
	if (*n > 0) {
		w = snprintf(buf + *n, len - *n, "; ");
		*n += w > 0 ? (size_t)w : 0;
		if (*n >= len)
			return;
	}
	va_start(ap, fmt);
	w = vsnprintf(buf + *n, len - *n, fmt, ap);
	va_end(ap);
	*n += w > 0 ? (size_t)w : 0;
}

static const char *
label(const struct ks_store *st, int key)
{
	const char	*l = ks_store_label(st, key);

	return *l ? l : "a given key";
}

size_t
ks_result_why(const struct ks_result *r, const struct ks_store *st,
    char *buf, size_t len)
{
	char	 r0kh[2 * KS_R0KH_MAX + 1];
	size_t	 n = 0, i;

	if (len == 0)
		return 0;
	buf[0] = '\0';
	for (i = 0; i < r->r0kh_id_len; i++)
		r0kh[i] = r->r0kh_id[i] >= 0x20 && r->r0kh_id[i] < 0x7f ?
		    (char)r->r0kh_id[i] : '?';
	r0kh[i] = '\0';
	switch (r->ft_diag) {
	case KS_FT_TARGET_LACKS_R1:
		cat(buf, len, &n, "status %u: the client's PMKR0Name is "
		    "correct (%s), so the target AP lacks the PMK-R1: key "
		    "distribution from the R0KH '%s' to the target's R1KH "
		    "is missing or broken", r->status, label(st, r->key),
		    r0kh);
		break;
	case KS_FT_CLIENT_STALE:
		cat(buf, len, &n, "the client's PMKR0Name derives from its "
		    "first association's%s%s%s, which the air no longer shows: "
		    "a stale key cache, or an ESS that changed%s",
		    r->stale_what & KS_ESS_SSID ? " SSID" : "",
		    r->stale_what & KS_ESS_MDID ? " MDID" : "",
		    r->stale_what & KS_ESS_R0KH ? " R0KH-ID" : "",
		    r->status == 0 && r->ptk ? " (the target accepted it)" :
		    "");
		break;
	case KS_FT_CLIENT_WRONG:
		cat(buf, len, &n, "the client's PMKR0Name matches no key "
		    "(%u tried): the client holds another key, or a stale "
		    "key cache", r->n_tried);
		break;
	case KS_FT_MIC_CLIENT:
		cat(buf, len, &n, "status %u: the FTE MIC of the client's "
		    "reassociation request fails: the client's side",
		    r->status);
		break;
	case KS_FT_MIC_AP:
		cat(buf, len, &n, "the FTE MIC of the AP's reassociation "
		    "response fails: the AP's side");
		break;
	case KS_FT_NONE:
		break;
	}
	if (r->m2_mic == KS_V_BAD)
		cat(buf, len, &n, "the M2 MIC fails with every key given (%u "
		    "tried): the client's passphrase is not the one given",
		    r->n_tried);
	else if (r->m2_mic == KS_V_OK)
		cat(buf, len, &n, "the M2 MIC verifies with %s: the client's "
		    "key is right", label(st, r->key));
	if (r->pmkid == KS_V_BAD)
		cat(buf, len, &n, "the PMKID is not the one the given keys "
		    "make for this AP: a stale or wrong PMKSA");
	if (r->pmkid_kde == KS_V_BAD)
		cat(buf, len, &n, "the AP's PMKID KDE in M1 is not the PMKID "
		    "of the given keys");
	if (r->pmkr0name == KS_V_BAD && r->ft_diag == KS_FT_NONE)
		cat(buf, len, &n, "the PMKR0Name matches no key");
	if (r->pmkr1name == KS_V_BAD)
		cat(buf, len, &n, "the PMKR1Name is not the one for the "
		    "target's R1KH-ID");
	return n < len ? n : len - 1;
}

void
ks_plain_rec(const struct rs_rec *rec, const uint8_t *plain, size_t len,
    struct rs_rec *out)
{
	*out = *rec;
	out->dlt = D11_DLT_IEEE802_11;
	out->raw = plain;
	out->caplen = out->origlen = (uint32_t)len;
	out->cut = 0;
	d11_parse(D11_DLT_IEEE802_11, plain, len, &out->f);
}
