/*
 * feed.c -- the read-and-feed loop (see feed.h).
 */
#include <stdio.h>
#include <string.h>

#include "cap/cap.h"
#include "engine/engine.h"
#include "feed.h"
#include "rec/rec.h"
#include "record.h"
#include "rs.h"

/* Records between two looks at the clock while records are cheap: a
 * look costs ~20 ns, a record ~150 ns when the engine is fast. */
#define CLOCK_EVERY	64

void
feed_init(struct feed *f, struct cap *cap, struct eng *eng)
{
	memset(f, 0, sizeof *f);
	f->cap = cap;
	f->eng = eng;
	f->last_ts = INT64_MIN;
}

/*
 * A length in the frame overran its bytes.  Only the parts the parser
 * filled for the frame's kind are looked at: the others hold what an
 * earlier frame left there (the parser clears them only for the kinds
 * that carry them).
 */
static bool
malformed(const struct d11_frame *d)
{
	if (d->error != D11_OK)
		return true;
	if ((d->type == D11_FC_TYPE_MGMT || d->has_elems) &&
	    (d->ie.n_malformed != 0 || d->ie.rsn.malformed ||
	    d->ie.wpa.malformed || d->ie.fte.malformed))
		return true;
	if ((d->kind == D11_K_ACTION || d->kind == D11_K_ACTION_NOACK) &&
	    d->act.malformed)
		return true;
	return (d->kind == D11_K_EAPOL || d->kind == D11_K_EAP) &&
	    d->eapol.malformed;
}

/*
 * What a record says of itself.  A record the capture cut (its snaplen,
 * or our slot) overruns its own lengths by design: clipped, not malformed.
 */
static void
count(struct feed *f, const struct rs_rec *rec)
{
	const struct d11_frame	*d = &rec->f;

	if (d->error == D11_E_LINKTYPE)
		f->nother++;
	else if (rs_rec_clipped(rec))
		f->nclipped++;
	else if (rec->caplen == 0 || malformed(d))
		f->nbad++;
	if (rec->ts_ns < f->last_ts && f->nback++ == 0)
		f->first_back = rec->n;
	f->last_ts = rec->ts_ns;
}

static enum feed_rc
slice(struct feed *f, int wait_ms, int64_t budget_ns)
{
	const struct rs_rec	*rec, *used;
	int64_t			 start = 0, end = 0, now;
	uint64_t		 k, next = 1;
	int			 rc;

	if (f->ended)
		return (FEED_END);
	for (k = 0;; k++) {
		if (f->stop != NULL && *f->stop)
			return (FEED_STOP);
		if (k == next) {
			/*
			 * Out of time?  While records are cheap, look again
			 * CLOCK_EVERY records later; when they are not (a
			 * slow engine), before each one.
			 */
			now = rs_mono_ns();
			if (now >= end)
				return (FEED_MORE);
			next = k + ((now - start) / (int64_t)k *
			    CLOCK_EVERY < budget_ns / 4 ? CLOCK_EVERY : 1);
		}
		rc = cap_next(f->cap, &rec, k == 0 ? wait_ms : 0);
		if (rc < 0) {
			f->ended = true;
			return (FEED_END);
		}
		if (rc == 0)
			return (f->stop != NULL && *f->stop ? FEED_STOP :
			    FEED_IDLE);
		if (k == 0) {
			/* the slice starts with its first record */
			start = rs_mono_ns();
			end = start + budget_ns;
		}
		used = rec;
		if (f->through != NULL)
			used = f->through(f->through_arg, f->eng, rec);
		else
			eng_feed(f->eng, rec);
		f->nrec++;
		count(f, rec);
		if (f->rec != NULL)
			rec_note(f->rec, rec);
		if (f->each != NULL)
			f->each(f->arg, used);
	}
}

enum feed_rc
feed_slice(struct feed *f, int wait_ms, int64_t budget_ns)
{
	enum feed_rc	rc;

	rc = slice(f, wait_ms, budget_ns);
	/* the recorder's files: failed roams now due, whole blocks out */
	if (f->rec != NULL)
		rec_poll(f->rec, f->eng);
	return (rc);
}

void
feed_finish(struct feed *f)
{
	if (!f->finished) {
		eng_finish(f->eng);
		f->finished = true;
		if (f->rec != NULL)
			rec_finish(f->rec, f->eng);
	}
}

const char *
feed_note(struct feed *f, unsigned *k, char *buf, size_t len)
{
	for (;; (*k)++) {
		switch (*k) {
		case 0:
			if (f->nbad == 0)
				continue;
			snprintf(buf, len, "note: %llu of %llu frames were "
			    "malformed (a length overran the bytes captured); "
			    "they were decoded as far as their bytes go",
			    (unsigned long long)f->nbad,
			    (unsigned long long)f->nrec);
			break;
		case 1:
			if (f->nclipped == 0)
				continue;
			snprintf(buf, len, "note: %llu of %llu frames were "
			    "clipped by the capture's snaplen (shorter than "
			    "on the air); they were decoded as far as their "
			    "bytes go", (unsigned long long)f->nclipped,
			    (unsigned long long)f->nrec);
			break;
		case 2:
			if (f->nother == 0)
				continue;
			snprintf(buf, len, "note: %llu of %llu frames were "
			    "of another link type than 802.11 (an interface "
			    "of the file that was not a monitor); they were "
			    "counted, not decoded", (unsigned long long)
			    f->nother, (unsigned long long)f->nrec);
			break;
		case 3:
			if (f->nback == 0)
				continue;
			snprintf(buf, len, "note: timestamps went backwards "
			    "%llu time%s (first at frame %llu); frames were "
			    "used in capture order",
			    (unsigned long long)f->nback, f->nback == 1 ?
			    "" : "s", (unsigned long long)f->first_back);
			break;
		default:
			return (NULL);
		}
		(*k)++;
		return (buf);
	}
}
