/*
 * engine.h -- the roam engine: frames in, in time order; state out.
 *
 * No I/O and no UI: the TUI, live capture and the headless report all feed
 * it the same way (eng_feed per record, eng_finish at the end) and read its
 * state through the accessors below.
 *
 * Everything returned by an accessor is owned by the engine and stays valid
 * until the next eng_feed/eng_finish/eng_free call (an entry may age out or
 * move on the next feed).  Readers (the TUI) compare eng_generation() with the
 * value they last drew and redraw only when it changed.
 *
 * MAC addresses are 6 raw bytes; an MDID is its 2 octets in wire order (show
 * as %02x%02x, "a1b2"); times are ns since the epoch; durations in ms as
 * doubles, -1 when unknown.
 *
 * Every join and roam is an attempt with a lifecycle (enum eng_state) and
 * a stable id; eng_roam_by_id() and eng_roam_at() find one again, for the
 * subsystems that attach their own results to attempts.  Clients and APs
 * are looked up by address through one function each (eng_find_client,
 * eng_find_ap).  What the engine keeps is bounded (clients, APs, attempts
 * per client, AP pairs, events, raw frames), evicting what was heard least
 * recently, and each frame costs O(1) amortised.
 */
#ifndef ENGINE_H
#define ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "record.h"

struct eng;

/* ------------------------------------------------------------------------
 * SLA profile: WARN above warn_ms, FAIL above fail_ms (ms); a limit < 0 is
 * "none".  The built-in profile is the common roaming timing table; --sla
 * FILE loads another (format in doc/sla.md).
 */
enum eng_sla_key {
	ENG_SLA_NEIGHBOR_REPORT,	/* NR request -> response */
	ENG_SLA_BTM,			/* BTM request -> response */
	ENG_SLA_FT_AUTH,		/* FT auth request -> response */
	ENG_SLA_FT_REASSOC,		/* FT reassoc request -> response */
	ENG_SLA_FT_TOTAL,		/* full FT roam: auth + reassoc */
	ENG_SLA_REASSOC,		/* (re)association without FT */
	ENG_SLA_4WAY,			/* 4-way handshake (M1 -> M4) */
	ENG_SLA_DHCP,			/* DHCP after roam (decrypted or open) */
	ENG_SLA_VOIP_TOTAL,		/* FT roam total, voice grade */
	ENG_SLA_EAP,			/* 802.1X exchange */
	ENG_SLA_TOTAL,			/* any non-FT roam, total */
	ENG_SLA_GAP,			/* data gap old AP -> new AP */
	ENG_SLA_NKEYS
};

/* "none" for a dBm limit (real ones are negative). */
#define ENG_SLA_NO_DBM		1000.0

struct eng_sla {
	double		 warn_ms[ENG_SLA_NKEYS];
	double		 fail_ms[ENG_SLA_NKEYS];
	/* roam RF quality: WARN/FAIL when the RSSI drops by more than
	 * rssi_drop_db (dB, < 0 none) or the new AP is heard below
	 * rssi_low_dbm (ENG_SLA_NO_DBM none); built-in: none */
	double		 rssi_drop_db[2];
	double		 rssi_low_dbm[2];
	/* sticky client: its AP below sticky_rssi_dbm and at least
	 * sticky_db[0] (WARN) / [1] (FAIL) dB below another AP of the ESS,
	 * for longer than sticky_ms (-70 dBm, 8/12 dB, 5000 ms) */
	double		 sticky_rssi_dbm;
	double		 sticky_db[2];
	double		 sticky_ms;
	/* ping-pong: back to the AP it left within ping_pong_ms (10000) */
	double		 ping_pong_ms;
};

void		 eng_sla_defaults(struct eng_sla *);
/* Parse key = value text (doc/sla.md) over *sla.  fname names the source
 * in errors: "FILE:LINE: unknown key 'x'".  Returns 0, or -1 with err set.
 * No file is opened by the engine: the caller reads the profile and hands
 * its text in (eng_conf.sla_text). */
int		 eng_sla_parse(struct eng_sla *, const char *text,
		    const char *fname, char *err, size_t errlen);
/* The same from a stream the caller opened and reads. */
int		 eng_sla_read(struct eng_sla *, FILE *, const char *fname,
		    char *err, size_t errlen);
const char	*eng_sla_key_name(enum eng_sla_key);

/* ------------------------------------------------------------------------
 * Configuration.
 */
struct eng_conf {
	int64_t		 hard_roam_window_ns;	/* default 10 s */
	int64_t		 kv_window_ns;		/* NR/BTM before a roam, 10 s */
	unsigned	 max_clients;		/* age out beyond this (4096) */
	unsigned	 max_roams_per_client;	/* oldest dropped (256) */
	int64_t		 client_idle_ns;	/* age out idle clients (24 h) */
	const char	*sla_path;		/* names sla_text in errors */
	const char	*sla_text;		/* profile text (NULL: built-in) */
	int64_t		 roam_max_age_ns;	/* drop older roams (0: never) */
	unsigned	 max_aps;		/* BSSIDs kept (4096) */
	size_t		 frame_store_bytes;	/* raw frames kept (16 MiB) */
	/* settled roams and joins kept, packed; the oldest dropped beyond
	 * (counted in roams_aged; the counters stay exact) (24 MiB) */
	size_t		 roam_store_bytes;
	/* a client's newest roams kept unpacked (1; more trades memory for
	 * fewer thaws; max_roams_per_client: none packed) */
	unsigned	 hot_roams;
	int64_t		 response_timeout_ns;	/* no response after (1 s) */
	int64_t		 loop_window_ns;	/* same failing roam again (5 s) */
	unsigned	 loop_min;		/* attempts that make a loop (3) */
	unsigned	 max_pairs;		/* AP pairs with stats (4096) */
};

void		 eng_conf_defaults(struct eng_conf *);
/* NULL on error with a one-line message (e.g. the bad --sla line) in err.
 * The engine does no I/O: the caller reads the SLA profile into sla_text. */
struct eng	*eng_new(const struct eng_conf *, char *err, size_t errlen);
void		 eng_feed(struct eng *, const struct rs_rec *);
/* The capture ended (or the user asked for the report): close what is open
 * (incomplete roams) as of the newest frame's time. */
void		 eng_finish(struct eng *);
void		 eng_free(struct eng *);

/* Bumped on every state change a reader could see. */
uint64_t	 eng_generation(const struct eng *);
const struct eng_sla *eng_get_sla(const struct eng *);

/* ------------------------------------------------------------------------
 * Enumerations and their names (the report's strings).
 */
enum eng_verdict {
	ENG_V_NONE = 0,		/* not judged (no threshold, or not ended) */
	ENG_V_OK,
	ENG_V_WARN,
	ENG_V_FAIL,
};
const char	*eng_verdict_name(enum eng_verdict);	/* "", "ok", "warn", "fail" */

enum eng_method {
	ENG_M_UNKNOWN = 0,
	ENG_M_FT_OVER_AIR,
	ENG_M_FT_OVER_DS,
	ENG_M_PMKSA_CACHE,
	ENG_M_FULL_8021X,
	ENG_M_PSK,
	ENG_M_SAE,
	ENG_M_OPEN,
	/* named by the AKM the client chose */
	ENG_M_OWE,		/* AKM 18, opportunistic wireless encryption */
	ENG_M_FILS,		/* AKMs 14-17 / FILS auth algorithms 4-6 */
};
const char	*eng_method_name(enum eng_method);	/* "ft-over-air", ... */

enum eng_result {
	ENG_R_PENDING = 0,	/* still going (live); eng_finish -> incomplete */
	ENG_R_OK,
	ENG_R_FAILED,
	ENG_R_FALLBACK,		/* FT refused, full auth to the same target */
	ENG_R_RETURNED,		/* went back to the old AP */
	ENG_R_INCOMPLETE,	/* the capture ended first */
};
const char	*eng_result_name(enum eng_result);	/* "pending", "ok", ... */

enum eng_phase_kind {
	ENG_P_NEIGHBOR_REPORT = 0,
	ENG_P_BTM,
	ENG_P_FT_AUTH,
	ENG_P_FT_ACTION,
	ENG_P_AUTH,		/* open, shared key, SAE, FILS authentication:
				   a non-FT roam's timeline is whole */
	ENG_P_REASSOC,
	ENG_P_ASSOC,
	ENG_P_EAP,
	ENG_P_4WAY,
	ENG_P_DATA,
	ENG_P_DHCP,		/* the client's first DHCP DISCOVER/REQUEST
				   via the new AP -> the server's ACK/NAK */
	ENG_P_NKINDS
};
const char	*eng_phase_name(enum eng_phase_kind);	/* "neighbor_report", ... */

/* ------------------------------------------------------------------------
 * Roams and joins (one struct; is_join tells them apart).
 */
#define ENG_STATUS_NONE		(-1)
#define ENG_MAX_PHASES		16
#define ENG_MAX_DIAGS		6
#define ENG_MAX_ROAM_FRAMES	64
#define ENG_DIAG_TEXT		240
#define ENG_MAX_EVENTS		8
#define ENG_MAX_HIST		16

struct eng_phase {
	enum eng_phase_kind kind;
	int64_t		 start_ns;
	int64_t		 end_ns;	/* 0 while open / never answered */
	double		 ms;		/* -1 when it never ended */
	enum eng_verdict verdict;
	int		 status;	/* IEEE status, BTM status for btm, 6
					   (NAK) for dhcp; or ENG_STATUS_NONE */
	uint16_t	 retries;	/* retransmissions seen (retry bit, same
					   sequence number, or the request again
					   before any answer) */
	bool		 protected_;	/* inferred from PMF-protected frames */
	uint8_t		 ap[6];		/* the AP of the exchange (the target,
					   or the old AP when the client goes
					   back; the old AP for 11k/11v/FT over
					   the DS) */
	uint16_t	 tries;		/* new requests after an answer (1) */
	bool		 late;		/* answered after the client had given
					   up on it and gone back */
	bool		 decrypted;	/* measured from decrypted frames */
};
/* The status' name: IEEE status name, or the BTM status name for btm;
 * "" when there is no status. */
const char	*eng_phase_status_name(const struct eng_phase *);

/* Diagnosis and finding codes; their names ("ft-invalid-pmkid") and
 * sentences come from one table (text.c) and the arguments below. */
enum eng_code {
	ENG_C_FT_INVALID_PMKID = 0,	/* status 53 */
	ENG_C_MIXED_MDID,		/* the ESS has several MDIDs */
	ENG_C_FT_INVALID_MDE,		/* 54; arg0/1: requested/target MDID */
	ENG_C_FT_INVALID_FTE,		/* 55 */
	ENG_C_FT_ACTION_COUNT,		/* 52 */
	ENG_C_AUTH_ALG_UNSUPPORTED,	/* 13 */
	ENG_C_AKM_REJECTED,		/* 43 */
	ENG_C_ASSOC_COMEBACK,		/* 30; arg0: comeback TU (0 none) */
	ENG_C_AP_FULL,			/* 17 */
	ENG_C_STATUS,			/* other refusals; arg0: status */
	ENG_C_4WAY_NO_M3,		/* arg0: M1 resent after M2 */
	ENG_C_4WAY_NO_M2,		/* arg0: M1 sent */
	ENG_C_4WAY_NO_M4,		/* arg0: M3 sent */
	ENG_C_EAP_FAILURE,
	ENG_C_EAP_INCOMPLETE,		/* val0: ms of EAP seen */
	ENG_C_NO_4WAY,
	ENG_C_NO_RESPONSE,		/* arg0: phase kind, arg1: retries */
	ENG_C_LATE_ANSWER,		/* arg0: phase kind, arg1: status,
					   v0: ms after the request */
	ENG_C_DEAUTH_BY_AP,		/* arg0: reason, arg1: 1 disassoc */
	ENG_C_DEAUTH_BY_CLIENT,		/* the same */
	ENG_C_RETRY_LOOP,		/* arg0: tries, val0: period ms */
	ENG_C_FT_FALLBACK,
	ENG_C_RETURNED,
	ENG_C_BTM_REJECT,		/* arg0: BTM status */
	ENG_C_BTM_OTHER_TARGET,		/* mac0: the suggested BSS */
	ENG_C_BTM_UNADVERTISED,
	ENG_C_NR_UNADVERTISED,		/* arg0: 0 AP, 1 client, 2 unsolicited */
	ENG_C_PMF_INFERRED,		/* arg0: protected action frames */
	ENG_C_SLOW_PHASE,		/* arg0: phase, arg1: verdict, val0 ms,
					   val1 limit */
	ENG_C_SLOW_ROAM,		/* arg1: verdict, val0 ms, val1 limit */
	ENG_C_SLOW_GAP,			/* val0 ms, val1 limit */
	ENG_C_STALLED,			/* arg0: last phase (-1 none), arg1: 1
					   unanswered, val0: its ms */
	ENG_C_RSSI_DROP,		/* arg0: dB, arg1: verdict, val1 limit */
	ENG_C_RSSI_LOW,			/* arg0: dBm, arg1: verdict, val1 limit */
	/* findings */
	ENG_C_FT_PARTIAL,
	ENG_C_FT_OVER_DS_MIXED,
	ENG_C_AKM_MIXED,
	ENG_C_BTM_NO_ROAM,		/* arg0: BTM status (-1 none), arg1 s */
	ENG_C_AP_CHANGE,		/* arg0: enum eng_ap_field */
	/* a log beside the air (logs.c) */
	ENG_C_LOG_KEY_CACHE,		/* the log's missing key = the air's 53;
					   arg0: the air's status, arg1: 1 the
					   ESS has several MDIDs */
	ENG_C_LOG_NOT_ON_AIR,		/* logged as sent, never on the air;
					   arg0: phase, arg1: status logged,
					   val0: 1 the logger saw it acked */
	ENG_C_LOG_OK_AIR_FAILED,	/* logged success, the air shows none;
					   arg0: enum eng_log_ok */
	ENG_C_LOG_STATUS_DIFFERS,	/* arg0: logged, arg1: the air's status,
					   val0: phase */
	ENG_C_LOG_AP_NO_ANSWER,		/* logged the request, no answer; arg0:
					   phase, arg1: requests logged */
	ENG_C_LOG_UNLOGGED,		/* the log has nothing of the attempt */
	ENG_C_LOG_LOOP,			/* the log's failure loop; arg0:
					   failures, arg1: 1 key cache, val0:
					   period ms, mac: the target */
	ENG_C_LOG_WRONG_PSK,		/* arg0: failures, arg1: retries */
	/* proofs with the network's keys (the roam's keys say more) */
	ENG_C_KEY_WRONG,		/* M2 MIC verifies with no key; arg0:
					   keys tried, arg1: 1 the AP accepted
					   the client (the key is not the
					   network's) */
	ENG_C_KEY_VERIFIES,		/* M2 MIC verifies, the attempt failed */
	ENG_C_FT_TARGET_LACKS_R1,	/* 53, the PMKR0Name is correct */
	ENG_C_FT_KEY_STALE,		/* arg0: ENG_KS_* that differ */
	ENG_C_FT_KEY_WRONG,		/* the PMKR0Name matches no key; arg0:
					   keys tried */
	ENG_C_FT_MIC_BAD,		/* arg0: 0 the client's, 1 the AP's */
	ENG_C_FT_MIC_VERIFIES,		/* 55, the client's FTE MIC verifies */
	ENG_C_PMKID_BAD,		/* the PMKID is not this AP's */
	ENG_C_NCODES
};
const char	*eng_code_name(enum eng_code);

struct eng_diag {
	char		 code[24];	/* short, stable: "ft-invalid-pmkid" */
	char		 text[ENG_DIAG_TEXT];
	enum eng_code	 id;
	int32_t		 arg[2];	/* by code, see enum eng_code */
	double		 val[2];
	uint8_t		 mac[6];
};

/* Lifecycle states of an attempt (join or roam); moved in one place. */
enum eng_state {
	ENG_S_PROBING = 0,	/* directed probes or a neighbor report */
	ENG_S_STEERED,		/* a BTM request came first */
	ENG_S_AUTHENTICATING,	/* auth, FT auth, FT action, SAE, FILS */
	ENG_S_ASSOCIATING,	/* (re)association request sent */
	ENG_S_KEYING,		/* associated: 802.1X, 4-way handshake */
	ENG_S_WAITING_DATA,	/* keys in place, no data yet */
	ENG_S_RECOVERING,	/* a try failed: retry, fallback, return to
				   the old AP, reconnect, or give up */
	ENG_S_DONE,		/* data flowed via the target */
	ENG_S_FAILED,		/* gave up */
	ENG_S_RETURNED,		/* data flowed via the old AP again */
	ENG_S_NSTATES
};
/* "probing", "steered", "authenticating", "associating", "keying",
 * "waiting-for-data", "recovering", "done", "failed", "returned" */
const char	*eng_state_name(enum eng_state);

/* What set the roam off: the first that applies, in this order. */
enum eng_trigger {
	ENG_T_CLIENT = 0,	/* the client's own decision */
	ENG_T_STEERED,		/* a BTM request shortly before */
	ENG_T_FORCED,		/* deauth/disassoc by the AP */
	ENG_T_ASSISTED,		/* a neighbor report shortly before */
};
const char	*eng_trigger_name(enum eng_trigger);	/* "client", ... */

/* Deauthentication and disassociation, as events of an attempt. */
enum eng_event_kind {
	ENG_E_DEAUTH = 0,
	ENG_E_DISASSOC,
};
const char	*eng_event_name(enum eng_event_kind);	/* "deauth", ... */

struct eng_event {
	int64_t		 ts_ns;
	enum eng_event_kind kind;
	bool		 by_ap;		/* sent by the AP (else the client) */
	uint16_t	 reason;
	uint8_t		 ap[6];
	uint64_t	 frame;		/* rs_rec.n */
};

struct eng_state_at {
	enum eng_state	 state;
	int64_t		 ts_ns;
};

/* One side (old or new AP) of a roam, as the sniffer heard it. */
struct eng_side {
	uint16_t	 freq;		/* MHz, 0 unknown */
	uint8_t		 channel;	/* 0 unknown */
	uint8_t		 band;		/* ENG_BAND_*, 0 unknown */
	uint16_t	 width_mhz;	/* from radiotap, 0 unknown */
	bool		 has_rssi;	/* the AP's frame used */
	int8_t		 rssi;		/* dBm */
	uint64_t	 rssi_frame;	/* rs_rec.n of that frame */
	bool		 has_client_rssi;	/* the client's frame used */
	int8_t		 client_rssi;
	uint64_t	 client_rssi_frame;
};

/* ------------------------------------------------------------------------
 * With the network's keys: what the key checks proved about an attempt's
 * handshake (the caller runs them and hands them in, eng_key_check).
 */
enum eng_kv {
	ENG_KV_NONE = 0,	/* not checkable */
	ENG_KV_OK,
	ENG_KV_BAD,
};
const char	*eng_kv_name(enum eng_kv);	/* NULL, "ok", "bad" */

/* What a status 53 or 55 on an FT roam is, when the keys settle it. */
enum eng_key_diag {
	ENG_KD_NONE = 0,
	ENG_KD_TARGET_LACKS_R1,	/* the client's PMKR0Name is correct */
	ENG_KD_CLIENT_STALE,	/* it is from the first association's ESS */
	ENG_KD_CLIENT_WRONG,	/* it matches no key */
	ENG_KD_MIC_CLIENT,	/* the reassociation request's FTE MIC fails */
	ENG_KD_MIC_AP,		/* the reassociation response's fails */
};

/* What differs from the client's first association (CLIENT_STALE). */
#define ENG_KS_SSID	0x01
#define ENG_KS_MDID	0x02
#define ENG_KS_R0KH	0x04

#define ENG_KEY_LABEL	64
#define ENG_R0KH_MAX	48

struct eng_keys {
	bool		 checked;	/* a check was handed in */
	enum eng_kv	 m2_mic;	/* EAPOL M2 MIC with the PTK */
	enum eng_kv	 pmkid;		/* PMKID of the (re)association request */
	enum eng_kv	 pmkr0name;	/* of the FT authentication request */
	enum eng_kv	 pmkr1name;	/* of the FT reassociation request */
	enum eng_kv	 fte_mic;	/* both FTE MICs (bad if either is) */
	enum eng_kv	 fte_mic_req, fte_mic_resp;
	char		 key[ENG_KEY_LABEL];	/* the key line that verified
						   ("FILE:LINE"), never the
						   key; "" none */
	unsigned	 tried;		/* keys the failed checks tried */
	bool		 ptk;		/* a PTK derived: its frames decrypt */
	int		 status;	/* the status the checks saw, or -1 */
	enum eng_key_diag diag;
	uint8_t		 stale;		/* ENG_KS_* for CLIENT_STALE */
	uint8_t		 r0kh_id[ENG_R0KH_MAX];	/* the client's R0KH-ID */
	uint8_t		 r0kh_len;
	bool		 has_r0name, has_r1name;
	uint8_t		 r0name[16], r1name[16];	/* derived names (the
							   air carries them) */
};

/*
 * Multi-Link Operation (802.11be).  A link of a multi-link (re)association:
 * the STA's link address, the AP's link BSSID, its channel; status is the
 * per-STA profile's in the AP's answer (the frame's own for the link the
 * exchange ran on), ENG_STATUS_NONE when the answer named no status.
 */
#define ENG_MAX_LINKS		4
#define ENG_MAX_LINK_EVENTS	4

struct eng_link {
	uint8_t		 link_id;
	uint8_t		 sta[6];	/* all zero when not named */
	bool		 has_sta;
	uint8_t		 bssid[6];	/* all zero when not named */
	bool		 has_bssid;
	uint8_t		 channel;	/* 0 unknown */
	uint16_t	 freq;		/* MHz, 0 unknown */
	uint8_t		 band;		/* ENG_BAND_*, 0 unknown */
	int		 status;
	bool		 assoc;		/* the link the frames ran on */
	bool		 refused;	/* requested, refused or not granted */
	bool		 removed;	/* removed later (reconfiguration) */
};

/* A link reconfiguration while the links stood: a Reconfiguration
 * Multi-Link element or a BTM request with Link Removal Imminent. */
enum eng_link_ev {
	ENG_LE_REMOVAL = 0,	/* the AP announced the link's removal */
	ENG_LE_ADDED,		/* a link appeared without reassociation */
};
const char	*eng_link_ev_name(enum eng_link_ev);	/* "removal", "added" */

struct eng_link_event {
	int64_t		 ts_ns;
	enum eng_link_ev kind;
	uint8_t		 link_id;
	uint8_t		 bssid[6];	/* the AP link concerned, or zero */
	int		 timer_tbtt;	/* AP Removal Timer, -1 none */
	uint64_t	 frame;		/* rs_rec.n */
};

struct eng_mlo {
	bool		 is_mlo;	/* the client is a STA MLD */
	bool		 has_from_mld, has_to_mld;
	uint8_t		 from_mld[6];	/* AP MLD addresses */
	uint8_t		 to_mld[6];
	uint8_t		 nfrom, nto;
	struct eng_link	 from_links[ENG_MAX_LINKS];	/* before */
	struct eng_link	 to_links[ENG_MAX_LINKS];	/* asked / after */
	uint8_t		 nrefused;	/* to_links refused */
	uint8_t		 nlost;		/* before, without a link after */
	uint8_t		 nevents;
	struct eng_link_event events[ENG_MAX_LINK_EVENTS];
	uint32_t	 events_total;
};

struct eng_roam {
	uint64_t	 id;		/* engine-wide sequence, 1-based */
	bool		 is_join;
	bool		 hard;		/* after a deauth/disassoc (from = left) */
	uint8_t		 client[6];
	uint8_t		 from[6];	/* all zero for a join */
	bool		 has_from;
	uint8_t		 to[6];
	char		 ssid[33];
	int64_t		 start_ns;
	int64_t		 end_ns;
	enum eng_method	 method;
	enum eng_result	 result;
	int		 status;	/* the refusing status, or ENG_STATUS_NONE */
	double		 total_ms;	/* -1 unknown */
	double		 gap_ms;	/* -1 unknown */
	enum eng_verdict verdict;
	unsigned	 retries;	/* retransmissions, all phases */
	unsigned	 attempts;	/* tries at this target (1, more: a loop) */
	uint8_t		 nphases;
	struct eng_phase phases[ENG_MAX_PHASES];	/* in start order */
	uint8_t		 ndiags;
	struct eng_diag	 diags[ENG_MAX_DIAGS];	/* most specific first */
	uint16_t	 nframes;
	uint64_t	 frames[ENG_MAX_ROAM_FRAMES];	/* rs_rec.n, ascending */
	uint32_t	 frames_over;	/* frame numbers not kept (over max) */

	/* the lifecycle: the final (or, while open, current) state and the
	 * transitions that led there */
	enum eng_state	 state;
	uint8_t		 nhist;
	struct eng_state_at hist[ENG_MAX_HIST];	/* the first ones kept */
	int64_t		 last_frame_ns;	/* the attempt's last frame */
	/* last data via the old AP -> first data on any AP, ms, -1 */
	double		 outage_ms;
	/* context */
	struct eng_side	 old_ap, new_ap;	/* old_ap unset for a join */
	bool		 has_rssi_drop;
	int		 rssi_drop_db;	/* old AP's rssi - new AP's */
	enum eng_trigger trigger;
	int		 trigger_btm_mode;	/* BTM request mode, -1 */
	int		 trigger_reason;	/* deauth/disassoc reason, -1 */
	uint8_t		 nevents;
	struct eng_event events[ENG_MAX_EVENTS];	/* deauth/disassoc */
	struct eng_keys	 keys;		/* with the network's keys */
	/* a STA MLD's join or roam: client is its MLD address; from/to are
	 * the link BSSIDs the exchanges ran on, mlo names the AP MLDs */
	struct eng_mlo	 mlo;
};

/* ------------------------------------------------------------------------
 * Access points (every BSSID seen transmitting).
 */
#define ENG_MAX_AKMS		8
#define ENG_MAX_AP_CHANGES	8

/* A capability a later beacon changed. */
enum eng_ap_field {
	ENG_AF_SSID = 0,
	ENG_AF_CHANNEL,
	ENG_AF_MDID,		/* the Mobility Domain element or its MDID */
	ENG_AF_FT_OVER_DS,
	ENG_AF_AKMS,
	ENG_AF_NR,		/* 11k neighbor report */
	ENG_AF_BTM,		/* 11v BSS transition */
	ENG_AF_RSN,		/* the RSNE itself */
	ENG_AF_NFIELDS
};
/* "ssid", "channel", "mdid", "ft_over_ds", "akms", "nr", "btm", "rsn" */
const char	*eng_ap_field_name(enum eng_ap_field);

struct eng_ap_change {
	int64_t		 ts_ns;
	enum eng_ap_field field;
	char		 from[40];	/* values as words: "off", "6", "a1b2" */
	char		 to[40];
};
/* "FT over DS turned on", "channel 1 -> 6", into buf. */
void		 eng_ap_change_text(const struct eng_ap_change *, char *buf,
		    size_t len);

struct eng_ap {
	uint8_t		 bssid[6];
	char		 ssid[33];	/* printable-escaped by the reader */
	uint8_t		 ssid_len;
	bool		 has_ssid;	/* false: hidden / not seen yet */
	uint16_t	 freq;		/* MHz, 0 unknown */
	uint8_t		 channel;	/* DS Parameter Set, else from freq */
	bool		 has_mde;
	uint8_t		 mdid[2];	/* wire order */
	bool		 ft_over_ds;
	bool		 has_rsn;
	uint16_t	 rsn_caps;
	uint32_t	 group_cipher;
	uint8_t		 nakms;
	uint32_t	 akms[ENG_MAX_AKMS];	/* D11_SUITE values */
	bool		 ft;		/* an FT AKM is offered */
	bool		 nr;		/* 11k: RM neighbor report bit */
	bool		 btm;		/* 11v: ext capab bit 19 */
	bool		 has_rssi;
	int8_t		 rssi;		/* last beacon/probe resp, dBm */
	int64_t		 first_ns;
	int64_t		 last_ns;
	uint64_t	 beacons;
	unsigned	 nclients;	/* clients whose current BSS this is */
	uint16_t	 width_mhz;	/* radiotap bandwidth of its frames, 0 */
	uint8_t		 band;		/* ENG_BAND_*, 0 unknown */
	/* what the beacons changed, the latest ENG_MAX_AP_CHANGES */
	uint8_t		 nchanges;
	struct eng_ap_change changes[ENG_MAX_AP_CHANGES];
	uint32_t	 changes_total;
	/* a link of an AP MLD (its beacons' Basic Multi-Link element) */
	bool		 has_mld;
	uint8_t		 mld[6];	/* the AP MLD address */
	uint8_t		 link_id;
};

/* ------------------------------------------------------------------------
 * Clients.
 */
#define ENG_BAND_2G	0x01
#define ENG_BAND_5G	0x02
#define ENG_BAND_6G	0x04
/* "2.4", "5", "6" for one ENG_BAND_* bit, "" otherwise. */
const char	*eng_band_name(uint8_t band);

struct eng_caps {
	bool		 known;		/* a (re)association request was seen */
	/* wlanpi-profiler's rules */
	bool		 k;		/* RM Enabled Capabilities present */
	bool		 v;		/* Extended Capabilities bit 19 */
	bool		 r;		/* Mobility Domain element present */
	bool		 w;		/* RSN capabilities MFPC */
	/* the detail behind them */
	bool		 nr;		/* RM neighbor report bit */
	bool		 mfpr;
	bool		 has_mdid;
	uint8_t		 mdid[2];
	uint8_t		 nakms;
	uint32_t	 akms[ENG_MAX_AKMS];	/* from the last request */
	bool		 ft_akm;	/* an FT AKM was offered */
	uint8_t		 bands;		/* ENG_BAND_* the client was seen on */
	bool		 ht, vht, he, eht;
};

#define ENG_MAX_CLIENT_FINDINGS	4

/* Stayed on an AP well below another of the same ESS (doc/sla.md). */
struct eng_sticky {
	int64_t		 start_ns;
	int64_t		 end_ns;	/* last time it held */
	double		 ms;
	bool		 open;		/* still holding */
	uint8_t		 ap[6];
	int8_t		 ap_rssi;	/* the worst seen while it held */
	uint8_t		 better[6];	/* the strongest other AP of the ESS */
	int8_t		 better_rssi;
	int		 delta_db;	/* the largest gap seen */
	enum eng_verdict verdict;	/* warn or fail */
};

/* A -> B -> A within the ping-pong window; band_loop when A and B are in
 * different bands (band steering that sends it back). */
struct eng_ping_pong {
	int64_t		 ts_ns;		/* the return roam's start */
	uint8_t		 a[6];
	uint8_t		 b[6];
	double		 ms;		/* time spent on B */
	bool		 band_loop;
	uint64_t	 roam_ids[2];	/* A->B and B->A */
};

struct eng_client {
	uint8_t		 mac[6];
	bool		 associated;	/* as far as the air says */
	bool		 has_bss;
	uint8_t		 bss[6];	/* the BSS now (see last_bss) */
	bool		 has_rssi;
	int8_t		 rssi;		/* last frame from the client, dBm */
	int64_t		 first_ns;
	int64_t		 last_ns;
	char		 ssid[33];
	struct eng_caps	 caps;
	/* counts since first seen (aged-out roams still counted) */
	unsigned	 nroams;
	unsigned	 njoins;
	unsigned	 nfailed;	/* roams+joins whose result is failed */
	unsigned	 nwarn;		/* verdict warn */
	unsigned	 nfail;		/* verdict fail */
	uint64_t	 last_roam_id;	/* 0 none */
	/* bss is the AP now (has_bss false after a deauth/disassoc);
	 * last_bss the last one it was associated with */
	bool		 has_last_bss;
	uint8_t		 last_bss[6];
	/* findings about the client, the latest few of each */
	uint8_t		 nsticky;
	struct eng_sticky sticky[ENG_MAX_CLIENT_FINDINGS];
	unsigned	 sticky_total;
	uint8_t		 nping_pong;
	struct eng_ping_pong ping_pong[ENG_MAX_CLIENT_FINDINGS];
	unsigned	 ping_pong_total;
	/* a STA MLD (mac is its MLD address): the links of its last
	 * accepted (re)association, and that AP MLD */
	bool		 mld;
	bool		 has_ap_mld;
	uint8_t		 ap_mld[6];
	uint8_t		 nlinks;
	struct eng_link	 links[ENG_MAX_LINKS];
	uint8_t		 link_bands;	/* ENG_BAND_* of those links */
};

/* ------------------------------------------------------------------------
 * ESS-wide findings (independent of roams).
 */
#define ENG_MAX_FINDING_BSSIDS	16

struct eng_finding {
	char		 code[24];	/* "mixed-mdid", "ft-partial", ... */
	char		 ssid[33];
	uint8_t		 nbssids;
	uint8_t		 bssids[ENG_MAX_FINDING_BSSIDS][6];
	char		 text[ENG_DIAG_TEXT];
	enum eng_code	 id;
	int64_t		 ts_ns;		/* events: when; ESS findings: 0 */
};

/* ------------------------------------------------------------------------
 * Per AP pair (old -> new): roams, failures and the median time of the
 * successful ones (the roam matrix).
 */
struct eng_pair {
	uint8_t		 from[6];
	uint8_t		 to[6];
	unsigned	 roams;		/* closed roams from -> to */
	unsigned	 failed;	/* failed or returned */
	double		 median_ms;	/* total_ms of the recent ok ones, -1 */
	double		 median_outage_ms;	/* -1 */
};
size_t			 eng_npairs(const struct eng *);
const struct eng_pair	*eng_pair(const struct eng *, size_t i);
const struct eng_pair	*eng_find_pair(const struct eng *, const uint8_t *from,
			    const uint8_t *to);

/* ------------------------------------------------------------------------
 * Counters.
 */
struct eng_counters {
	uint64_t	 frames;
	uint64_t	 by_kind[D11_K_EXT + 1];	/* index enum d11_kind */
	uint64_t	 undecoded;	/* f.error != D11_OK */
	uint64_t	 bad_fcs;
	unsigned	 aps;
	unsigned	 clients;	/* now tracked */
	uint64_t	 roams;		/* ever (joins apart) */
	uint64_t	 joins;
	uint64_t	 roams_failed;	/* roams+joins with result failed */
	uint64_t	 fail;		/* verdict fail (roams+joins) */
	uint64_t	 warn;
	uint64_t	 clients_aged;
	uint64_t	 roams_aged;
	uint64_t	 aps_dropped;	/* over max_aps */
	uint64_t	 frames_stored;
	uint64_t	 frames_evicted;
	uint64_t	 pairs_dropped;	/* over max_pairs */
};
const struct eng_counters *eng_counters(const struct eng *);

/* ------------------------------------------------------------------------
 * Iteration.  Indexes are valid until the next feed.  A roam's record
 * (struct eng_roam) is valid until the next call that changes the engine
 * (eng_feed, eng_finish, eng_log_*, eng_key_check), and for at
 * least the next 64 records read: older settled roams are kept packed and
 * each read of one unpacks it into one of 64 views in turn.  Copy what must
 * live longer.
 */
size_t			 eng_naps(const struct eng *);
const struct eng_ap	*eng_ap(const struct eng *, size_t i);	/* first seen first */
const struct eng_ap	*eng_find_ap(const struct eng *, const uint8_t *bssid);

size_t			 eng_nclients(const struct eng *);
const struct eng_client	*eng_client(const struct eng *, size_t i); /* first seen first */
const struct eng_client	*eng_find_client(const struct eng *, const uint8_t *mac);

/* A client's roams AND joins, OLDEST FIRST (index nroams-1 is the newest,
 * possibly still pending). */
size_t			 eng_client_nroams(const struct eng *,
			    const struct eng_client *);
const struct eng_roam	*eng_client_roam(const struct eng *,
			    const struct eng_client *, size_t i);
/* Every kept roam and join of every client, in start order (for reports). */
size_t			 eng_nroams_all(const struct eng *);
const struct eng_roam	*eng_roam_all(const struct eng *, size_t i);
/* Whether that one is a join, without reading its record (a report's
 * roams, then its joins). */
bool			 eng_roam_all_is_join(const struct eng *, size_t i);

size_t			 eng_nfindings(const struct eng *);
const struct eng_finding *eng_finding(const struct eng *, size_t i);

/* Attempts by their stable id (eng_roam.id), NULL once aged out; and the
 * attempt of a client covering time ts (start - slack .. last frame + slack,
 * or still open), the newest when several do.  For the subsystems that
 * attach their own results (controller logs, key checks) to attempts. */
const struct eng_roam	*eng_roam_by_id(const struct eng *, uint64_t id);
const struct eng_roam	*eng_roam_at(const struct eng *, const uint8_t *client,
			    int64_t ts_ns, int64_t slack_ns);

/*
 * The key checks of one handshake (a join, an FT roam, a rekey) of client
 * sta with ap, built of the frames from ts_first to ts_last: attached to
 * the attempt toward ap that covers them, which is judged again (a proof
 * becomes a diagnosis).  Returns the attempt's id, 0 when none matches.
 */
uint64_t	 eng_key_check(struct eng *, const uint8_t *sta,
		    const uint8_t *ap, int64_t ts_first, int64_t ts_last,
		    const struct eng_keys *);

/* ------------------------------------------------------------------------
 * Frame store: the raw bytes of management, action and EAPOL/EAP frames that
 * involve a client and of directed probes (not beacons), oldest evicted
 * beyond frame_store_bytes.  For drill-down (re-parse with d11_parse) and
 * export.
 */
struct eng_frame {
	uint64_t	 n;
	int64_t		 ts_ns;
	int		 dlt;
	uint16_t	 src;
	uint32_t	 caplen;
	uint32_t	 origlen;
	const uint8_t	*data;		/* caplen bytes */
};
/* NULL when never stored or evicted. */
const struct eng_frame	*eng_frame_by_n(const struct eng *, uint64_t n);

/* ------------------------------------------------------------------------
 * Logs (logs.c): events a controller, an AP or the client logged, put on
 * the attempt they belong to by client, BSS and time on the capture's
 * clock (the caller reads and aligns the log, src/log/), and the
 * diagnoses where the log and the air disagree (ENG_C_LOG_*, in the
 * attempt's diags, most specific first).  The engine keeps references
 * (log index, event index), not the events: the caller keeps its logs.
 */
struct log_event;
struct log_finding;

/* What success a log said (ENG_C_LOG_OK_AIR_FAILED). */
enum eng_log_ok {
	ENG_LOK_RESPONSE = 0,	/* a (re)association response, status 0 */
	ENG_LOK_KEYS,		/* the 4-way handshake done */
	ENG_LOK_CONNECTED,	/* connected, RUN */
};

struct eng_logref {
	uint64_t	 roam_id;
	int64_t		 ts_ns;		/* capture clock */
	uint32_t	 ev;		/* index into the log's events */
	uint16_t	 log;		/* the caller's index of the log */
	bool		 client_side;	/* the client logged it */
};

#define ENG_LOG_SLACK_NS	(1000 * 1000000LL)	/* before a start,
							   after an end */
#define ENG_LOG_MAX_REFS	(1u << 20)

struct eng_log_stats {
	size_t		 attached;	/* events put on an attempt */
	size_t		 unattached;	/* a client's timed events on none */
	size_t		 other;		/* untimed, no client, not captured */
	unsigned	 roams;		/* attempts with an event of this log */
	unsigned	 diags;		/* diagnoses it made */
};

/*
 * Attach the n events (time order) of log number log (offset_ns: log clock
 * minus the capture's, log_align) and the log's own findings (log_findings)
 * to the attempts; then diagnose.  One call per log; st (may be NULL) gets
 * what became of its events.  A finding on no attempt becomes a client
 * event only after eng_finish (live, an attempt may still come).  Returns
 * 0, -1 when out of memory.
 */
int		 eng_log_attach(struct eng *, uint16_t log,
		    const struct log_event *ev, size_t n,
		    const struct log_finding *f, size_t nf, int64_t offset_ns,
		    struct eng_log_stats *st);
/* Take every log's events and diagnoses off the attempts (to attach them
 * again as the logs and the capture grow, live). */
void		 eng_log_clear(struct eng *);
/* The logged events of an attempt, in time order (NULL, 0: none). */
const struct eng_logref	*eng_roam_logs(const struct eng *, uint64_t roam_id,
			    size_t *n);

#endif /* ENGINE_H */
