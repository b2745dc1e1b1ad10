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
 * "none".  The built-in defaults are doc/sla.md's table; --sla FILE loads
 * another (format in doc/sla.md).
 */
enum eng_sla_key {
	ENG_SLA_NEIGHBOR_REPORT,	/* NR request -> response */
	ENG_SLA_BTM,			/* BTM request -> response */
	ENG_SLA_FT_AUTH,		/* FT auth request -> response */
	ENG_SLA_FT_REASSOC,		/* FT reassoc request -> response */
	ENG_SLA_FT_TOTAL,		/* full FT roam: auth + reassoc */
	ENG_SLA_REASSOC,		/* (re)association without FT */
	ENG_SLA_4WAY,			/* 4-way handshake (M1 -> M4) */
	ENG_SLA_DHCP,			/* DHCP after roam (not measured yet) */
	ENG_SLA_VOIP_TOTAL,		/* FT roam total, voice grade */
	ENG_SLA_EAP,			/* 802.1X exchange */
	ENG_SLA_TOTAL,			/* any non-FT roam, total */
	ENG_SLA_GAP,			/* data gap old AP -> new AP */
	ENG_SLA_NKEYS
};

struct eng_sla {
	double		 warn_ms[ENG_SLA_NKEYS];
	double		 fail_ms[ENG_SLA_NKEYS];
};

void		 eng_sla_defaults(struct eng_sla *);
/* Parse key = value text (doc/sla.md) over *sla.  fname names the source
 * in errors: "FILE:LINE: unknown key 'x'".  Returns 0, or -1 with err set. */
int		 eng_sla_parse(struct eng_sla *, const char *text,
		    const char *fname, char *err, size_t errlen);
/* The same from a stream (the caller opened it). */
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
	const char	*sla_path;		/* NULL: built-in profile */
	const char	*sla_text;		/* profile text; wins over sla_path */
	int64_t		 roam_max_age_ns;	/* drop older roams (0: never) */
	unsigned	 max_aps;		/* BSSIDs kept (4096) */
	size_t		 frame_store_bytes;	/* raw frames kept (16 MiB) */
	int64_t		 response_timeout_ns;	/* no response after (1 s) */
	int64_t		 loop_window_ns;	/* same failing roam again (5 s) */
	unsigned	 loop_min;		/* attempts that make a loop (3) */
};

void		 eng_conf_defaults(struct eng_conf *);
/* NULL on error with a one-line message (e.g. the bad --sla line) in err.
 * With sla_path and no sla_text the file is read here, once. */
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
	ENG_P_AUTH,		/* open / SAE authentication: a non-FT
				   roam's timeline is whole with it */
	ENG_P_REASSOC,
	ENG_P_ASSOC,
	ENG_P_EAP,
	ENG_P_4WAY,
	ENG_P_DATA,
	ENG_P_NKINDS
};
const char	*eng_phase_name(enum eng_phase_kind);	/* "neighbor_report", ... */

/* ------------------------------------------------------------------------
 * Roams and joins (one struct; is_join tells them apart).
 */
#define ENG_STATUS_NONE		(-1)
#define ENG_MAX_PHASES		12
#define ENG_MAX_DIAGS		6
#define ENG_MAX_ROAM_FRAMES	64
#define ENG_DIAG_TEXT		240

struct eng_phase {
	enum eng_phase_kind kind;
	int64_t		 start_ns;
	int64_t		 end_ns;	/* 0 while open / never answered */
	double		 ms;		/* -1 when it never ended */
	enum eng_verdict verdict;
	int		 status;	/* IEEE status, BTM status for btm; or
					   ENG_STATUS_NONE */
	uint16_t	 retries;	/* retransmissions seen (retry bit / same
					   sequence number) */
	bool		 protected_;	/* inferred from PMF-protected frames */
};
/* The status' name: IEEE status name, or the BTM status name for btm;
 * "" when there is no status. */
const char	*eng_phase_status_name(const struct eng_phase *);

struct eng_diag {
	char		 code[24];	/* short, stable: "ft-invalid-pmkid" */
	char		 text[ENG_DIAG_TEXT];
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
};

/* ------------------------------------------------------------------------
 * Access points (every BSSID seen transmitting).
 */
#define ENG_MAX_AKMS		8

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
};

/* ------------------------------------------------------------------------
 * Clients.
 */
#define ENG_BAND_2G	0x01
#define ENG_BAND_5G	0x02
#define ENG_BAND_6G	0x04

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

struct eng_client {
	uint8_t		 mac[6];
	bool		 associated;	/* as far as the air says */
	bool		 has_bss;
	uint8_t		 bss[6];	/* current (or last) BSS */
	char		 ssid[33];
	struct eng_caps	 caps;
	bool		 has_rssi;
	int8_t		 rssi;		/* last frame from the client, dBm */
	int64_t		 first_ns;
	int64_t		 last_ns;
	/* counts since first seen (aged-out roams still counted) */
	unsigned	 nroams;
	unsigned	 njoins;
	unsigned	 nfailed;	/* roams+joins whose result is failed */
	unsigned	 nwarn;		/* verdict warn */
	unsigned	 nfail;		/* verdict fail */
	uint64_t	 last_roam_id;	/* 0 none */
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
};

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
};
const struct eng_counters *eng_counters(const struct eng *);

/* ------------------------------------------------------------------------
 * Iteration.  Indexes are valid until the next feed.
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

size_t			 eng_nfindings(const struct eng *);
const struct eng_finding *eng_finding(const struct eng *, size_t i);

/* ------------------------------------------------------------------------
 * Frame store: the raw bytes of management, action and EAPOL/EAP frames that
 * involve a client (not beacons or probes), oldest evicted beyond
 * frame_store_bytes.  For drill-down (re-parse with d11_parse) and export.
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

#endif /* ENGINE_H */
