/*
 * engine_int.h -- the roam engine's private state and every internal entry
 * point, one section per file.
 *
 *   store.c	the tables (clients, APs, attempts by id, frame store, AP
 *		pairs), the one lookup of each, bounded with O(1) eviction
 *   attempt.c	the attempt lifecycle: opening, continuing and closing
 *		joins and roams; the one function that moves their state
 *   mgmt.c	frames in: eng_feed, management frames, EAPOL/EAP, data
 *   action.c	11k, 11v, FT and SA Query action frames
 *   judge.c	an attempt's phases, method, result, verdicts, diagnoses
 *   roamctx.c	roam context: channel/band, RSSI, trigger, sticky clients,
 *		ping-pong, per AP pair statistics
 *   ess.c	per-ESS index, incremental ESS findings, AP capability
 *		changes, client events
 *   text.c	every name and sentence the engine writes
 *   sla.c	SLA profiles
 *   logs.c	logged events on attempts, and where the log and the air
 *		disagree
 *   cold.c	settled attempts kept packed, read through views, thawed
 *		back exactly for a change, bounded by roam_store_bytes
 *   mld.c	Multi-Link Operation: STA link addresses to their MLD, AP
 *		links to their AP MLD, the links of each attempt
 */
#ifndef ENGINE_INT_H
#define ENGINE_INT_H

#include <string.h>

#include "engine.h"

#define NS_PER_MS	1000000LL
#define NS_PER_S	1000000000LL
#define EI_NONE		(-1)
/* Data via the old AP older than this before a roam measures idleness, not
 * an outage (gap_ms, outage_ms), and data later than this after the keys
 * measures idleness, not the join (no data phase). */
#define EI_IDLE_NS	(2 * NS_PER_S)
/* A BTM request with Disassociation Imminent keeps the client steered this
 * long, waiting for the AP's disassociation. */
#define EI_DISASSOC_WAIT_NS	(60 * NS_PER_S)
#define EI_MAX_PROBES	4	/* probe frames kept for an attempt */
#define EI_MAX_EVENTS	256	/* client events (findings) kept */
#define EI_ESS_KEYS	16	/* distinct MDIDs / AKM sets counted */
#define EI_PAIR_SAMPLES	16	/* recent times per AP pair */
#define EI_VIEWS	64	/* packed attempts unpacked for reading */

static inline bool
mac_eq(const uint8_t *a, const uint8_t *b)
{
	return memcmp(a, b, 6) == 0;
}

struct ap;
struct ess;
struct client;
struct att;

/* ------------------------------------------------------------------------
 * Attempts.
 */

/* One request/response exchange at one AP: a phase of the attempt. */
struct xch {
	enum eng_phase_kind kind;
	uint8_t		 ap[6];
	int64_t		 start_ns;	/* first request of this try */
	int64_t		 end_ns;	/* its answer / completion, 0 none */
	int64_t		 mid_ns;	/* SAE: the AP's commit */
	bool		 no_req;	/* answered, request not captured */
	bool		 protected_;	/* inferred from PMF frames */
	bool		 late;		/* answered after the client gave up */
	bool		 decrypted;	/* its request was a decrypted frame */
	int		 status;	/* EI_NONE until answered */
	uint16_t	 retries;
	uint16_t	 tries;
	int		 req_seq;	/* last request's sequence number */
	int		 resp_seq;	/* last answer's, -1 */
	unsigned	 tseq;		/* the try it belongs to */
	int64_t		 last_req_ns;
};

/* Key setup of the current association: 802.1X and the 4-way. */
struct keying {
	int64_t		 eap_first, eap_last;
	bool		 eap_success, eap_failure;
	int64_t		 m_ns[5];	/* M1..M4 first seen, index 1..4 */
	unsigned	 m1_after_m2;	/* M1 resent after an M2 */
	unsigned	 m1_sent, m3_sent;	/* not counting 802.11 retries */
	unsigned	 retries;	/* EAPOL-Key frames with the retry bit */
	bool		 saw_m2;
	int		 x4;		/* index of the 4way exchange, -1 */
	int		 xeap;		/* index of the eap exchange, -1 */
};

/* An MLO FT exchange's FTEs, for a status 55 (mld.c). */
struct mld_ft {
	bool		 auth;		/* the FT authentication answer seen */
	uint8_t		 anonce[32], snonce[32];
	bool		 req;		/* an FT reassociation request seen */
	bool		 r0kh, r1kh;	/* its FTE names them */
	bool		 nonces;	/* ... and the FT authentication's */
	uint8_t		 mic_count;	/* its MIC Element Count */
	uint8_t		 links;		/* links it asked for */
};

/* Why the last try failed (RECOVERING / FAILED). */
enum att_fail {
	AF_NONE = 0,
	AF_REFUSED,		/* a non-zero status */
	AF_NO_RESPONSE,		/* a request never answered */
	AF_KEYS,		/* the 4-way or 802.1X did not finish */
	AF_LEFT,		/* deauthenticated / disassociated */
};

/* DHCP via the target after the attempt (dhcp.c). */
struct att_dhcp {
	int64_t		 start_ns;	/* the client's first DISCOVER/REQUEST */
	int64_t		 end_ns;	/* the server's ACK or NAK, 0 none */
	int		 status;	/* D11_DHCP_NAK, or EI_NONE */
	int		 last_type;	/* the client's last message type */
	uint16_t	 retries;	/* the same message sent again */
	bool		 decrypted;	/* seen in decrypted frames */
	uint8_t		 ap[6];
};

/*
 * A reported attempt, as the client's ring and the id hash hold it (store.c,
 * cold.c).  Hot, it is the struct att the engine works on.  Cold (settled,
 * not among its client's newest), it is that struct's bytes with the runs of
 * zeros squeezed out, a few times smaller, read through a view and thawed
 * back exactly when something changes it; what the lookups need is copied
 * out beside it.
 */
struct cchunk;

struct kept {
	struct kept	*idnext;	/* id hash chain */
	struct kept	*cnext, *cprev;	/* cold ones, oldest frozen first */
	struct client	*cl;
	struct att	*hot;		/* NULL when cold */
	uint8_t		*z;		/* cold: the packed bytes */
	struct cchunk	*chunk;		/* ... in this chunk */
	uint32_t	 zlen;
	int16_t		 view;		/* cold: the view slot holding it, -1 */
	bool		 thawed;	/* thawed for a change: cool it after */
	uint64_t	 id;
	int64_t		 start_ns;	/* cold: pub.start_ns */
	int64_t		 end_ns;	/* cold: the later of its last frame
					   and its end */
	uint8_t		 to[6];		/* cold: pub.to */
	bool		 is_join;	/* cold: pub.is_join */
};

struct att {
	struct eng_roam	 pub;
	struct client	*cl;
	struct kept	*kept;		/* store: its place once reported */
	struct att	*onext, *oprev;	/* store: the open attempts */
	bool		 in_open;
	bool		 reported;	/* a join or roam (has an id) */
	bool		 closed;	/* settled: no frame belongs to it */
	enum eng_state	 st;
	int64_t		 st_ns;
	int64_t		 open_ns;
	int64_t		 last_ns;	/* its last frame */
	uint8_t		 cur[6];	/* the AP of the current try */
	bool		 has_cur;
	bool		 returning;	/* the current try is at the old AP */
	uint8_t		 nx;
	struct xch	 x[ENG_MAX_PHASES];
	bool		 x_over;	/* exchanges not kept */
	struct keying	 k;

	/* the client's requests */
	uint16_t	 auth_alg;
	bool		 has_auth;
	bool		 ft;		/* an FT exchange was tried */
	bool		 ft_ds;		/* over the DS */
	bool		 fils;
	bool		 is_reassoc;
	bool		 req_seen;	/* a (re)association request seen */
	bool		 req_rsn, req_pmkid;
	uint32_t	 req_akm;
	bool		 has_req_mdid;
	uint8_t		 req_mdid[2];
	uint32_t	 comeback_tu;

	/* the aftermath */
	enum att_fail	 fail;
	int		 fail_phase;	/* the exchange (index) that failed */
	int		 refused;	/* first refusing status, EI_NONE */
	int		 refused_kind;	/* its phase kind */
	bool		 fallback;	/* full auth at the target after FT */
	unsigned	 tries;		/* tries at the target (1...) */
	unsigned	 try_seq;	/* tries and returns so far */
	int64_t		 try_first_ns, try_last_ns;
	bool		 left;		/* the target or old AP let it go */
	bool		 capture_ended;

	/* key setup and data */
	int64_t		 assoc_ok_ns;	/* accepted (re)association */
	int64_t		 key_end;
	int64_t		 data_ns;	/* first data from the client after */
	int64_t		 first_any_ns;	/* first data either way after */
	int64_t		 gap_start;
	int64_t		 depart_ns;	/* left the old AP (request, deauth) */
	int64_t		 out_start;	/* last data via the old AP */
	int64_t		 out_end;	/* first data on any AP after */

	/* before the roam */
	unsigned	 pmf_actions;
	int		 pmf_order;	/* 1 client first, 2 AP first */
	int64_t		 pmf_req_ns, pmf_ap_ns;
	bool		 btm_unadv;
	int		 btm_mode;	/* BTM request mode, -1 */
	uint8_t		 btm_target[6];
	bool		 has_btm_target;
	bool		 nr_seen;
	bool		 nr_unadv;	/* asked an AP without 11k */
	int64_t		 kv_ns;		/* last 11k/11v frame */
	bool		 forced;	/* the old AP let it go first */
	int		 forced_reason;
	int64_t		 probe_ns;	/* the first directed probe toward it */

	struct mld_ft	 mft;

	/* waiting for the new AP's and the client's first frames after */
	bool		 want_after, want_client_after;
	uint8_t		 want_ap[6];
	struct att	*w_prev, *w_next;	/* the AP's waiters */
	int64_t		 loop_period_ns;
	struct att_dhcp	 dhcp;
};

/* ------------------------------------------------------------------------
 * Clients and APs.
 */
struct client {
	/* what most frames touch first, then the public view */
	struct client	*hnext;
	uint8_t		 mac[6];
	bool		 data_hint;	/* its data frames matter to open */
	bool		 rssi_hint;	/* open waits for the client's frame */
	bool		 aprssi_hint;	/* ... and for the new AP's */
	bool		 has_aptx;
	int8_t		 aptx_rssi;
	bool		 has_rssi;	/* its own last frame's signal */
	int8_t		 rssi;
	struct att	*open;		/* its join or roam, or NULL */
	int64_t		 heard_ns;	/* pub.last_ns, copied out on read */
	/* last unicast data either way, for gap and outage */
	int64_t		 data_ns;
	uint8_t		 data_bss[6];
	/* the last frame an AP sent it (data, EAPOL: their AP is not looked
	 * up), and its own last frame at the sniffer */
	uint8_t		 aptx_ap[6];
	uint64_t	 aptx_n;
	int64_t		 aptx_ns;
	uint64_t	 rssi_n;
	int64_t		 rssi_ns;
	struct eng_client pub;
	struct client	*lru_prev, *lru_next;	/* oldest heard first */
	int64_t		 lru_ns;	/* last_ns when put in that line */
	size_t		 slot;		/* in e->clients */
	struct kept	**ring;		/* reported attempts, oldest first */
	unsigned	 rcap, rhead, rcount;
	struct att	*pre;		/* 11k/11v/probes before the next one */
	/* after a deauth/disassoc: the AP it left */
	bool		 left;
	uint8_t		 left_bss[6];
	int64_t		 left_ns;
	bool		 left_by_ap;
	int		 left_reason;
	struct eng_event left_ev;
	/* sticky tracking */
	struct client	*as_prev, *as_next;	/* associated clients */
	bool		 in_as;
	int		 stk;		/* index of the open sticky episode, -1 */
	int64_t		 stk_since;	/* condition holding since, 0 */
	/* ping-pong: the last completed roam */
	bool		 has_last_roam;
	uint8_t		 lr_from[6], lr_to[6];
	uint8_t		 lr_from_band, lr_to_band;
	int64_t		 lr_end_ns;
	uint64_t	 lr_id;
	/* the latest directed probes, for the attempt that may follow */
	struct {
		uint64_t n;
		int64_t	 ns;
		uint8_t	 ap[6];
	}		 probe[EI_MAX_PROBES];
};

/* What an AP contributes to its ESS's counts. */
struct ess_key {
	bool		 in;		/* counted */
	bool		 has_mde;
	uint8_t		 mdid[2];
	bool		 ods;
	bool		 ft_or_mde;
	uint32_t	 akm_sig;
};

/* What a beacon tells of an AP's capabilities, as the frame says it. */
struct ap_caps {
	uint32_t	 group;
	uint32_t	 akms[ENG_MAX_AKMS];
	uint16_t	 freq;
	uint16_t	 rsn_caps;
	uint8_t		 channel, nakms;
	uint8_t		 mdid[2];
	bool		 has_mde, ods, has_rsn, nr, btm;
};

struct ap {
	/* what every beacon touches, in its first lines; the public view's
	 * counters and SSID are copied out on read (ap_pub) or on change */
	struct ap	*hnext;
	uint8_t		 bssid[6];
	bool		 adv;		/* a beacon or probe response seen */
	bool		 beaconed;	/* capabilities come from beacons */
	/* the last frame it sent, as the sniffer heard it */
	bool		 has_tx_rssi;
	int8_t		 tx_rssi;
	bool		 has_brssi;	/* its last beacon or probe response */
	int8_t		 brssi;
	uint16_t	 width_mhz;
	uint8_t		 ssid_len;	/* pub.ssid's, when has_ssid */
	bool		 has_ssid;
	struct ap_caps	 caps;		/* as the last beacon said them */
	struct ess	*ess;
	struct att	*waiters;	/* attempts waiting for its next frame */
	int64_t		 tx_ns;
	int64_t		 heard_ns;	/* pub.last_ns */
	uint64_t	 beacons;	/* pub.beacons */
	uint64_t	 tx_n;
	char		 ssid[32];	/* pub.ssid without its NUL */
	struct ap	*lru_prev, *lru_next;	/* oldest heard first */
	int64_t		 lru_ns;	/* last_ns when put in that line */
	size_t		 slot;		/* in e->aps */
	struct ap	*ess_prev, *ess_next;
	struct ess_key	 key;
	struct eng_ap	 pub;
};

/* One of an ESS's strongest members, as its last beacon said. */
struct ess_best {
	struct ap	*ap;
	int64_t		 ns;
	int		 rssi;
};

struct ess {
	/* what every beacon of a member reads first */
	unsigned	 n;		/* members */
	struct ess_best	 best[2];	/* the two strongest heard recently
					   (sticky clients) */
	char		 ssid[33];
	struct ess	*hnext;
	struct ess	*prev, *next;	/* all, in creation order */
	struct ap	*head, *tail;	/* members, first seen first */
	unsigned	 n_mde, n_noft, n_ods;
	struct { uint8_t mdid[2]; unsigned n; } md[EI_ESS_KEYS];
	unsigned	 nmd, md_other;
	struct { uint32_t sig; unsigned n; } ak[EI_ESS_KEYS];
	unsigned	 nak, ak_other;
	/* findings, rebuilt on read when dirty */
	bool		 dirty;
	uint8_t		 nf;
	struct eng_finding f[4];
	bool		 summary_ok;
	char		 summary[ENG_DIAG_TEXT];	/* MDIDs and their APs */
};

struct pair {
	struct eng_pair	 pub;
	struct pair	*hnext;
	double		 ms[EI_PAIR_SAMPLES], out[EI_PAIR_SAMPLES];
	unsigned	 nms, nout, ims, iout;
};

/* A STA link address and the STA MLD it belongs to (mld.c). */
struct mld_map {
	uint8_t		 link[6];
	uint8_t		 mld[6];
	bool		 used;
};
#define EI_MLD_MAP	4096	/* link addresses kept, direct mapped */

struct fs_ent {
	struct eng_frame pub;
	uint8_t		*buf;
};

struct eng {
	/* what every frame touches */
	int64_t		 now;
	int64_t		 last_sweep;
	int		 sticky_dbm;	/* sla.sticky_rssi_dbm, rounded up */
	/* sticky: APs heard below it, clients whose condition holds
	 * (stk_since set); none of either, no sweep */
	unsigned	 nweak, nstk;
	struct eng_conf	 conf;
	struct eng_sla	 sla;
	uint64_t	 gen;
	struct eng_counters cnt;
	uint64_t	 next_id;
	bool		 finished;
	bool		 plain;		/* the frame fed is a decrypted one */

	/* APs: hash, LRU, slots in first-seen order (NULL holes) */
	struct ap	**aph;
	unsigned	 ap_hmask;
	struct ap	*ap_lru, *ap_mru;
	struct ap	**aps;
	size_t		 naps_slots, naps, apcap;

	struct client	**clh;
	unsigned	 cl_hmask;
	struct client	*cl_lru, *cl_mru;
	struct client	**clients;
	size_t		 ncl_slots, nclients, clcap;
	struct client	*as_head;	/* associated clients */

	/* attempts: by id, and the open ones */
	struct kept	**idh;
	unsigned	 id_hmask;
	size_t		 nids;
	struct att	*open_head, *open_tail;
	struct att	*att_free;	/* freed ones, for reuse */
	unsigned	 natt_free;

	/* ESSs */
	struct ess	**essh;
	unsigned	 ess_hmask;
	struct ess	*ess_head, *ess_tail;
	bool		 ess_dirty;

	/* findings: ESS ones flattened on read, then the events ring */
	struct eng_finding *fl;
	size_t		 nfl, flcap;
	bool		 fl_valid;
	struct eng_finding events[EI_MAX_EVENTS];
	size_t		 nevents, evhead;

	/* settled attempts kept packed (cold.c): oldest frozen first, their
	 * bytes, views to read them through, the ones thawed for a change */
	struct kept	*cold_head, *cold_tail;
	size_t		 ncold;		/* kepts packed */
	struct cchunk	*cc_head, *cc_tail;	/* the chunks they are in */
	size_t		 cc_bytes;		/* ... their size, all told */
	struct att	*views;		/* EI_VIEWS, allocated on first read */
	struct kept	*view_of[EI_VIEWS];
	unsigned	 view_next;
	struct kept	**thawed;
	size_t		 nthawed, thawcap;
	uint8_t		*zbuf;		/* packing scratch */

	/* every kept attempt in start order, built on read */
	struct kept	**all;
	size_t		 nall, allcap;
	bool		 all_valid;

	/* AP pairs */
	struct pair	**pairh;
	unsigned	 pair_hmask;
	struct pair	**pairs;
	size_t		 npairs, paircap;

	/* frame store: a ring */
	struct fs_ent	*fs;
	size_t		 fscap, fshead, fscount, fsbytes;

	/* logged events on attempts (logs.c), by attempt then time */
	struct eng_logref *lrefs;
	size_t		 nlrefs, lrcap;

	/* STA link addresses to their MLD, for the life of a connection */
	struct mld_map	 mldmap[EI_MLD_MAP];
	unsigned	 nmldmap;	/* slots in use */
};

/* ------------------------------------------------------------------------
 * store.c (the lookups are here, inline: they run for most frames)
 */

/* All six octets mixed into every bit (the 32-bit finalizer of
 * MurmurHash3), so that any mask of low bits spreads addresses that differ
 * only in their last octets. */
static inline unsigned
st_mac_hash(const uint8_t *m, unsigned mask)
{
	uint32_t h = d11_le32(m + 2) ^ ((uint32_t)m[0] << 8 | m[1]) * 31u;

	h ^= h >> 16;
	h *= 0x85ebca6bu;
	h ^= h >> 13;
	h *= 0xc2b2ae35u;
	h ^= h >> 16;
	return h & mask;
}

/* The one lookup of a client and of an AP by address. */
static inline struct client *
st_client(const struct eng *e, const uint8_t *mac)
{
	struct client *c;

	for (c = e->clh[st_mac_hash(mac, e->cl_hmask)]; c != NULL;
	    c = c->hnext)
		if (mac_eq(c->mac, mac))
			return c;
	return NULL;
}

static inline struct ap *
st_ap(const struct eng *e, const uint8_t *bssid)
{
	struct ap *a;

	for (a = e->aph[st_mac_hash(bssid, e->ap_hmask)]; a != NULL;
	    a = a->hnext)
		if (mac_eq(a->bssid, bssid))
			return a;
	return NULL;
}

void		 st_bump(struct eng *);
struct client	*st_client_get(struct eng *, const uint8_t *mac);
struct ap	*st_ap_new(struct eng *, const uint8_t *bssid);

/* The AP of this BSSID, a new one if need be (NULL for a group address or
 * out of memory). */
static inline struct ap *
st_ap_get(struct eng *e, const uint8_t *bssid)
{
	struct ap *a = st_ap(e, bssid);

	return a != NULL ? a : st_ap_new(e, bssid);
}
/* Heard now (the eviction order follows, lazily: store.c). */
static inline void
st_ap_heard(struct eng *e, struct ap *a)
{
	a->heard_ns = e->now;
}

static inline void
st_client_heard(struct eng *e, struct client *c)
{
	c->heard_ns = e->now;
}
void		 st_age(struct eng *);
void		 st_frame(struct eng *, const struct rs_rec *);
struct att	*st_att_new(struct eng *, struct client *);
struct att	*st_att_get(struct eng *);	/* memory only */
void		 st_att_put(struct eng *, struct att *);
void		 st_att_report(struct eng *, struct att *);
void		 st_att_free(struct eng *, struct att *);
void		 st_open_add(struct eng *, struct att *);
void		 st_open_del(struct eng *, struct att *);
void		 st_open_touch(struct eng *, struct att *);
struct att	*st_newest(const struct client *);
void		 st_kept_drop(struct eng *, struct kept *);
struct kept	*st_kept_by_id(const struct eng *, uint64_t id);

/* What a lookup needs of a kept attempt, hot or cold. */
static inline int64_t
st_kept_start(const struct kept *k)
{
	return k->hot != NULL ? k->hot->pub.start_ns : k->start_ns;
}

static inline int64_t
st_kept_end(const struct kept *k)
{
	const struct eng_roam *p;

	if (k->hot == NULL)
		return k->end_ns;
	p = &k->hot->pub;
	return p->last_frame_ns > p->end_ns ? p->last_frame_ns : p->end_ns;
}

static inline const uint8_t *
st_kept_to(const struct kept *k)
{
	return k->hot != NULL ? k->hot->pub.to : k->to;
}

static inline bool
st_kept_closed(const struct kept *k)
{
	return k->hot == NULL || k->hot->closed;
}

/* ------------------------------------------------------------------------
 * cold.c: settled attempts packed, read through views, thawed for changes.
 */
/* The client's attempts older than its newest ones, settled: packed (the
 * oldest packed of all dropped beyond roam_store_bytes). */
void		 cd_settle(struct eng *, struct client *);
/* The public record of a kept attempt (a view of a cold one). */
const struct eng_roam *cd_view(struct eng *, struct kept *);
/* The attempt, hot, to change (cd_cool() packs it again). */
struct att	*cd_thaw(struct eng *, struct kept *);
/* The writable record behind a public one (a view: its attempt thawed). */
struct eng_roam	*cd_mut(struct eng *, const struct eng_roam *);
void		 cd_cool(struct eng *);
/* A cold attempt's bytes freed (the kept is the caller's). */
void		 cd_forget(struct eng *, struct kept *);
void		 cd_free(struct eng *);
void		 st_assoc_list(struct eng *, struct client *, bool in);
struct pair	*st_pair_get(struct eng *, const uint8_t *from,
		    const uint8_t *to);

/* ------------------------------------------------------------------------
 * attempt.c: every entry moves or opens attempts through att_move().
 */
void		 att_auth(struct eng *, struct client *, const uint8_t *ap,
		    bool from_ap, const struct d11_frame *, uint64_t n);
void		 att_assoc(struct eng *, struct client *, const uint8_t *ap,
		    bool from_ap, const struct d11_frame *, uint64_t n);
void		 att_leave(struct eng *, struct client *, const uint8_t *ap,
		    bool from_ap, const struct d11_frame *, uint64_t n);
void		 att_ft_action(struct eng *, struct client *,
		    const uint8_t *via, bool from_ap,
		    const struct d11_frame *, uint64_t n);
/* 11k/11v: kind ENG_P_NEIGHBOR_REPORT or ENG_P_BTM, request or answer */
bool		 att_kv(struct eng *, struct client *, const uint8_t *ap,
		    enum eng_phase_kind, bool request, bool unadvertised,
		    const struct d11_frame *, uint64_t n);
void		 att_protected_action(struct eng *, struct client *,
		    const uint8_t *ap, bool from_ap, uint64_t n);
bool		 att_probe(struct eng *, struct client *, const uint8_t *ap,
		    bool from_ap, uint64_t n);
void		 att_kv_frame(struct eng *, struct client *, uint64_t n);
void		 att_sa_query(struct eng *, struct client *, const uint8_t *ap,
		    uint64_t n);
void		 att_eapol(struct eng *, struct client *, const uint8_t *ap,
		    const struct d11_frame *, uint64_t n);
void		 att_data(struct eng *, struct client *, const uint8_t *ap,
		    bool from_client, const struct d11_frame *, uint64_t n);
void		 att_sweep(struct eng *);
void		 att_finish(struct eng *);
void		 att_client_gone(struct eng *, struct client *);
void		 att_hints(struct att *);
void		 att_judge(struct eng *, struct att *);

/* ------------------------------------------------------------------------
 * mgmt.c
 */
bool		 mg_sides(const struct d11_frame *, const uint8_t **sta,
		    const uint8_t **bss, bool *from_ap);
void		 mg_sent(struct eng *, struct client *, const uint8_t *bss,
		    bool from_ap, const struct d11_frame *, uint64_t n);
bool		 mg_fcs_bad(struct eng *, const struct d11_frame *);

/* ------------------------------------------------------------------------
 * action.c
 */
void		 act_frame(struct eng *, const struct rs_rec *);

/* ------------------------------------------------------------------------
 * judge.c
 */
void		 jd_judge(struct eng *, struct att *);
void		 jd_count(struct eng *, struct att *, int sign);
struct eng_diag	*jd_diag(struct eng_roam *, enum eng_code, int32_t a0,
		    int32_t a1, double v0, double v1);

/* ------------------------------------------------------------------------
 * keycheck.c
 */
void		 kc_diags(struct eng *, struct att *);

/* ------------------------------------------------------------------------
 * dhcp.c
 */
void		 dh_data(struct eng *, struct client *, const uint8_t *bss,
		    bool from_client, const struct d11_frame *);
void		 dh_group(struct eng *, const struct d11_frame *);

/* ------------------------------------------------------------------------
 * roamctx.c
 */
uint8_t		 rc_band(unsigned freq, unsigned channel);
void		 rc_open(struct eng *, struct att *);
void		 rc_new_side(struct eng *, struct att *);
void		 rc_trigger(struct eng *, struct att *);
void		 rc_closed(struct eng *, struct att *);
void		 rc_ap_frame(struct eng *, struct ap *, struct client *,
		    const struct d11_frame *, uint64_t n);
void		 rc_unwant(struct eng *, struct att *);
void		 rc_ap_gone(struct eng *, struct ap *);
void		 rc_client_frame(struct eng *, struct client *,
		    const struct d11_frame *, uint64_t n);
void		 rc_sticky(struct eng *);
/* The AP's signal at the sniffer (has: heard now, else it is gone), and
 * the count of APs below the sticky RSSI. */
static inline void
rc_ap_rssi(struct eng *e, struct ap *ap, bool has, int rssi)
{
	bool was = ap->has_tx_rssi && ap->tx_rssi < e->sticky_dbm;
	bool is = has && rssi < e->sticky_dbm;

	if (has) {
		ap->has_tx_rssi = true;
		ap->tx_rssi = (int8_t)rssi;
	}
	if (was && !is)
		e->nweak--;
	else if (is && !was)
		e->nweak++;
}
void		 rc_ess_heard(struct eng *, struct ap *);

/* ------------------------------------------------------------------------
 * ess.c
 */
bool		 ess_beacon(struct eng *, struct ap *,
		    const struct d11_frame *);
void		 ess_ap_gone(struct eng *, struct ap *);
unsigned	 ess_nmdids(const struct eng *, const char *ssid);
const char	*ess_mdid_summary(struct eng *, const char *ssid);
void		 ess_flatten(struct eng *);
struct eng_finding *ess_event(struct eng *, enum eng_code, const char *ssid,
		    const uint8_t *bssid);
void		 ess_free(struct eng *);

/* ------------------------------------------------------------------------
 * mld.c: the hooks frames in (mgmt.c, action.c) call for MLO.
 */
/* The client a management or action frame's STA address stands for: the
 * STA MLD's address for a mapped link address (learned here from the
 * client's own Basic Multi-Link elements toward an AP MLD), else sta.
 * NULL: an AP's multi-link answer to an address no STA MLD named (not a
 * client). */
const uint8_t	*mld_sta(struct eng *, const struct d11_frame *,
		    const uint8_t *sta, const uint8_t *bss, bool from_ap);
/* The same for a data or EAPOL frame (lookup only). */
const uint8_t	*mld_sta_data(const struct eng *, const uint8_t *sta);
/* The BSSID a STA MLD's data or EAPOL frame counts for: the link the
 * (re)association ran on, when bss is another link of that AP MLD or the
 * AP MLD's address. */
const uint8_t	*mld_bss(const struct client *, const uint8_t *bss);
/* Two link BSSIDs of one AP MLD. */
bool		 mld_same_ap(const struct eng *, const uint8_t *x,
		    const uint8_t *y);
/* A beacon or probe response: the AP link's MLD, link reconfiguration. */
void		 mld_beacon(struct eng *, struct ap *, const struct d11_frame *,
		    uint64_t n);
/* A management frame of a client, after the attempts took it in. */
void		 mld_mgmt(struct eng *, struct client *, const uint8_t *sta,
		    const uint8_t *bss, bool from_ap, const struct d11_frame *,
		    uint64_t n);
/* A BTM request with Link Removal Imminent to a STA MLD. */
void		 mld_btm(struct eng *, struct client *, const uint8_t *bss,
		    const struct d11_frame *, uint64_t n);
/* A status 55 diagnosis of a multi-link FT reassociation: val[0] the
 * links asked for, val[1] 1 when its FTE was whole (the MIC failed). */
void		 mld_ft55(const struct att *, struct eng_diag *);

/* ------------------------------------------------------------------------
 * text.c
 */
void		 tx_texts(struct eng_roam *);
void		 tx_diag(struct eng_diag *, const struct eng_roam *,
		    const char *s);
void		 tx_finding(struct eng_finding *, int32_t arg0, int32_t arg1,
		    const uint8_t *mac0, const uint8_t *mac1, const char *s0,
		    const char *s1);

/* ------------------------------------------------------------------------
 * logs.c: eng_log_attach, eng_roam_logs (engine.h); e->lrefs freed with
 * the engine
 */

#endif /* ENGINE_INT_H */
