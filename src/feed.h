/*
 * feed.h -- the one loop from the capture into the engine, shared by the
 * TUI and the headless outputs.
 *
 * feed_slice() hands records from cap_next() to the engine (and to the
 * caller's per-record hook: --frames, the TUI's counters) for a bounded
 * time, then returns, so that a key, a signal or a redraw is answered
 * between slices whatever the backlog: the stop flag is looked at before
 * each record, the clock every 16 records while they are cheap and before
 * each one when they are not (a slice overruns by one record at most).
 * It also counts what the input said about itself (malformed, clipped by
 * the capture's snaplen, of another link type, time going backwards) for
 * the end-of-run notes.
 */
#ifndef FEED_H
#define FEED_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

struct cap;
struct eng;
struct rec;
struct rs_rec;

struct feed {
	struct cap	*cap;
	struct eng	*eng;
	void		(*each)(void *, const struct rs_rec *);
	void		*arg;
	/* set: records go through it instead of straight to eng_feed (the
	 * network's keys); it returns the record the engine got, which each
	 * gets too */
	const struct rs_rec *(*through)(void *, struct eng *,
			    const struct rs_rec *);
	void		*through_arg;
	struct rec	*rec;		/* the recorder (rec.h), or NULL */
	/* set by a signal handler: the slice ends before the next record */
	const volatile sig_atomic_t *stop;

	uint64_t	 nrec;
	uint64_t	 nbad;		/* a length lied */
	uint64_t	 nclipped;	/* cut by the capture's snaplen */
	uint64_t	 nother;	/* not 802.11 (a pcapng's Ethernet) */
	uint64_t	 nback;		/* time went backwards */
	uint64_t	 first_back;
	int64_t		 last_ts;
	bool		 ended;		/* every source ended, all fed */
	bool		 finished;	/* eng_finish() done */
};

enum feed_rc {
	FEED_IDLE,	/* nothing waiting now */
	FEED_MORE,	/* the slice is used up: records are waiting */
	FEED_STOP,	/* *stop was set */
	FEED_END,	/* every source ended and every record was fed */
};

void		 feed_init(struct feed *, struct cap *, struct eng *);
/* Feed for at most budget_ns; the first cap_next() may wait wait_ms. */
enum feed_rc	 feed_slice(struct feed *, int wait_ms, int64_t budget_ns);
/* eng_finish() once, whatever path the end took. */
void		 feed_finish(struct feed *);
/* One line for stderr about what the input said of itself, or NULL; call
 * until NULL. */
const char	*feed_note(struct feed *, unsigned *k, char *buf, size_t len);

#endif /* FEED_H */
