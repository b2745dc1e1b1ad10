/*
 * engine_int.h -- the engine's private state, shared by engine.c and diag.c.
 */
#ifndef ENGINE_INT_H
#define ENGINE_INT_H

#include "engine.h"

#define EI_NONE		(-1)
/* Data via the old AP older than this before a roam measures idleness, not
 * an outage: gap_ms is then unknown (doc/report.md). */
#define EI_GAP_IDLE_NS	(2000000000LL)

/* One request/response exchange as seen on the air. */
struct ex {
	int64_t		 req_ns;	/* first request, 0 none */
	int64_t		 resp_ns;	/* first response, 0 none */
	int		 status;	/* EI_NONE until a response */
	uint16_t	 retries;
	int		 req_seq;	/* last request seq, -1 */
	bool		 protected_;	/* inferred from PMF frames */
	uint8_t		 target[6];	/* BTM target / FT target */
	bool		 has_target;
};

struct roam {
	struct eng_roam	 pub;
	struct roam	*next_all;	/* unused */

	/* raw facts; eng_judge() builds pub from them */
	struct ex	 nr, btm, ftauth, ftact, auth, assoc;
	uint16_t	 auth_alg;
	bool		 has_auth;
	bool		 is_reassoc;
	uint32_t	 comeback_tu;	/* timeout interval type 3, 0 none */
	int64_t		 eap_first, eap_last;
	bool		 eap_success, eap_failure;
	int64_t		 m_ns[5];	/* M1..M4 first seen, index 1..4 */
	int64_t		 m4_last;
	unsigned	 m1_after_m2;	/* M1 resent after an M2 */
	unsigned	 m1_sent, m3_sent;	/* not counting 802.11 retries */
	bool		 saw_m2;
	int64_t		 data_ns;	/* first data from the client, new AP */
	int64_t		 first_any_ns;	/* first unicast data either way */
	int64_t		 gap_start;	/* last unicast data via old AP */
	int64_t		 deauth_ns;
	int		 deauth_reason;
	bool		 deauth_by_ap;
	int		 refused;	/* first non-zero status at target */
	int		 refused_phase;	/* ENG_P_* */
	bool		 fallback;	/* full auth after refused FT */
	bool		 back_to_old;	/* (re)associated to the old AP */
	bool		 has_req_mdid;
	uint8_t		 req_mdid[2];
	bool		 req_pmkid;
	uint32_t	 req_akm;
	bool		 req_rsn;
	bool		 final;		/* settled: no more frames expected */
	bool		 capture_ended;
	unsigned	 pmf_actions;	/* protected action frames before */
	bool		 btm_unadvertised, nr_unadvertised;
	bool		 loop;
	int64_t		 loop_period_ns;
};

/* Authentication statuses that are steps of SAE, not refusals: 76 (send the
 * anti-clogging token back), 126/127 (commit uses hash-to-element / SAE-PK). */
static inline bool
ei_auth_benign(unsigned alg, int status)
{
	return alg == 3 && (status == 76 || status == 126 || status == 127);
}

struct ap;
struct client {
	struct eng_client pub;
	struct client	*hnext;
	struct roam	**roams;	/* ring, oldest first from rhead */
	unsigned	 rcap, rhead, rcount;

	/* pending 11k/11v exchanges, attached to the next roam */
	struct ex	 nr, btm;
	uint64_t	 kv_frames[8];
	unsigned	 nkv_frames;
	bool		 btm_judged;	/* its no-roam finding was made */
	bool		 btm_unadv;	/* sent to a client without 11v */
	int64_t		 pmf_req_ns;	/* last protected action, client->AP */
	int64_t		 pmf_ap_ns;	/* last protected action, AP->client */
	unsigned	 pmf_count;
	int		 pmf_order;	/* 1: client first, 2: AP first */
	struct ex	 pnr, pbtm;	/* inferred from protected frames */

	/* for hard roams */
	bool		 left;
	uint8_t		 left_bss[6];
	int64_t		 left_ns;

	/* last unicast data, for gap */
	uint8_t		 data_bss[6];
	int64_t		 data_ns;

	/* loop detection: last failed target */
	uint8_t		 fail_to[6];
	int64_t		 fail_ns;
	unsigned	 fail_count;
	int64_t		 fail_first_ns;
};

struct ap {
	struct eng_ap	 pub;
	struct ap	*hnext;
	bool		 adv;		/* a beacon or probe response seen */
};

#endif /* ENGINE_INT_H */
