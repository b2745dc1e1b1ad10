/*
 * engine.h -- the roam engine: frames in, in time order; state out.
 *
 * No I/O and no UI: the TUI, live capture and the headless report all feed
 * it the same way (eng_feed per record, eng_finish at the end) and read its
 * state through the accessors below.
 *
 * (Skeleton by the lead: the engine's author fills in the state structures
 * and accessors; the entry points below are what main.c, the TUI and the
 * report call and should stay as they are.)
 */
#ifndef ENGINE_H
#define ENGINE_H

#include <stdbool.h>
#include <stdint.h>

#include "record.h"

struct eng;

struct eng_conf {
	int64_t		 hard_roam_window_ns;	/* default 10 s */
	int64_t		 kv_window_ns;		/* NR/BTM before a roam */
	unsigned	 max_clients;		/* age out beyond this */
	unsigned	 max_roams_per_client;
	int64_t		 client_idle_ns;	/* age out idle clients */
	const char	*sla_path;		/* NULL: built-in profile */
};

void		 eng_conf_defaults(struct eng_conf *);
/* NULL on error with a one-line message (e.g. the bad --sla line) in err. */
struct eng	*eng_new(const struct eng_conf *, char *err, size_t errlen);
void		 eng_feed(struct eng *, const struct rs_rec *);
/* The capture ended (or the user asked for the report): close what is open
 * (incomplete roams) as of the newest frame's time. */
void		 eng_finish(struct eng *);
void		 eng_free(struct eng *);

#endif /* ENGINE_H */
