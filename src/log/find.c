/*
 * find.c -- what a log alone says: failure loops and wrong passphrases.
 *
 * A loop is LOG_LOOP_MIN or more of the same failure of one client to one
 * BSS (a refused or unanswered authentication, association, FT or BTM
 * step), each within LOG_LOOP_GAP_NS of the one before; its period is the
 * median time between them.  A wrong passphrase is an
 * association attempt in which M2 came with an invalid MIC (or the logger
 * said the PSK may not match) and M1 was sent again, or the failure
 * repeated, or a key timer expired.
 */
#include <stdlib.h>
#include <string.h>

#include "log/log.h"

#define NRUNS	64

static const char *const find_names[LOG_FIND_N] = {
	[LOG_FIND_LOOP] = "failure-loop",
	[LOG_FIND_WRONG_PSK] = "wrong-psk",
};

const char *
log_find_name(enum log_find_kind k)
{
	return ((unsigned)k < LOG_FIND_N ? find_names[k] : "unknown");
}

static int
cmp_i64(const void *a, const void *b)
{
	int64_t	 x = *(const int64_t *)a, y = *(const int64_t *)b;

	return ((x > y) - (x < y));
}

/* Failures of a step towards a BSS (the key handshake has its own). */
static bool
loop_kind(const struct log_event *e)
{
	switch (e->kind) {
	case LOG_EV_AUTH_RESP:
	case LOG_EV_AUTH_TIMEOUT:
	case LOG_EV_ASSOC_RESP:
	case LOG_EV_ASSOC_TIMEOUT:
	case LOG_EV_ASSOC_FAIL:
	case LOG_EV_NO_PMK:
	case LOG_EV_FT_ACTION:
	case LOG_EV_BTM_RESP:
		return (log_event_failed(e));
	default:
		return (false);
	}
}

static bool
timed_client(const struct log_event *e)
{
	return ((e->flags & (LOG_F_TIME | LOG_F_MAC)) ==
	    (LOG_F_TIME | LOG_F_MAC));
}

/* Same loop key: client, kind and target. */
static bool
same_key(const struct log_event *a, const struct log_event *b)
{
	if (a->kind != b->kind || memcmp(a->mac, b->mac, 6) != 0 ||
	    (a->flags & LOG_F_BSSID) != (b->flags & LOG_F_BSSID))
		return (false);
	return (!(a->flags & LOG_F_BSSID) || memcmp(a->bssid, b->bssid, 6)
	    == 0);
}

/* Median gap between the events of a loop (rescanned from first to last). */
static int64_t
loop_period(const struct log_event *ev, const struct log_finding *f)
{
	int64_t		*gaps, prev = -1, med;
	size_t		 i, n = 0;

	if ((gaps = malloc(f->count * sizeof(*gaps))) == NULL)
		return (0);
	for (i = f->first_ev; i <= f->last_ev; i++) {
		if (!timed_client(&ev[i]) ||
		    !same_key(&ev[i], &ev[f->first_ev]))
			continue;
		if (prev >= 0 && n < f->count)
			gaps[n++] = ev[i].t_ns - prev;
		prev = ev[i].t_ns;
	}
	if (n == 0) {
		free(gaps);
		return (0);
	}
	qsort(gaps, n, sizeof(*gaps), cmp_i64);
	med = gaps[(n - 1) / 2];
	free(gaps);
	return (med);
}

static size_t
emit(struct log_finding *out, size_t max, size_t k,
    const struct log_finding *f)
{
	if (k < max)
		out[k] = *f;
	return (k + 1);
}

static size_t
loops(const struct log_event *ev, size_t n, struct log_finding *out,
    size_t max, size_t k)
{
	struct log_finding	 run[NRUNS];
	size_t			 nrun = 0, i, r;
	const struct log_event	*e;

	for (i = 0; i < n; i++) {
		e = &ev[i];
		if (!timed_client(e) || !loop_kind(e))
			continue;
		for (r = 0; r < nrun; r++)
			if (same_key(e, &ev[run[r].first_ev]))
				break;
		/* the same failure at the same instant is one failure logged
		 * (or pasted) twice */
		if (r < nrun && e->t_ns == run[r].last_ns)
			continue;
		if (r < nrun && (e->t_ns - run[r].last_ns > LOG_LOOP_GAP_NS ||
		    e->t_ns < run[r].last_ns)) {
			if (run[r].count >= LOG_LOOP_MIN) {
				run[r].period_ns = loop_period(ev, &run[r]);
				k = emit(out, max, k, &run[r]);
			}
			run[r] = run[--nrun];
			r = nrun;
		}
		if (r == nrun) {
			if (nrun == NRUNS) {
				/* forget the oldest run */
				if (run[0].count >= LOG_LOOP_MIN) {
					run[0].period_ns = loop_period(ev,
					    &run[0]);
					k = emit(out, max, k, &run[0]);
				}
				memmove(run, run + 1, --nrun * sizeof(run[0]));
				r = nrun;
			}
			memset(&run[r], 0, sizeof(run[r]));
			run[r].kind = LOG_FIND_LOOP;
			run[r].ev_kind = (enum log_kind)e->kind;
			memcpy(run[r].mac, e->mac, 6);
			if (e->flags & LOG_F_BSSID) {
				memcpy(run[r].bssid, e->bssid, 6);
				run[r].has_bssid = true;
			}
			run[r].first_ev = i;
			run[r].first_ns = e->t_ns;
			nrun++;
		}
		run[r].count++;
		run[r].last_ev = i;
		run[r].last_ns = e->t_ns;
	}
	for (r = 0; r < nrun; r++)
		if (run[r].count >= LOG_LOOP_MIN) {
			run[r].period_ns = loop_period(ev, &run[r]);
			k = emit(out, max, k, &run[r]);
		}
	return (k);
}

/* One client's attempt, for the wrong passphrase. */
struct attempt {
	uint8_t		 mac[6];
	bool		 used;
	unsigned	 m1, m1_retry, mic, mismatch, timeouts;
	size_t		 first_fail, last_fail;
	int64_t		 first_ns, last_ns;
	uint8_t		 bssid[6];
	bool		 has_bssid;
};

static size_t
psk_close(struct attempt *a, struct log_finding *out, size_t max, size_t k)
{
	struct log_finding	 f;
	unsigned		 fails = a->mic > 0 ? a->mic : a->mismatch;
	unsigned		 retries = a->m1_retry + (a->m1 > 1 ?
				    a->m1 - 1 : 0);

	if (fails > 0 && (retries > 0 || fails > 1 || a->timeouts > 0)) {
		memset(&f, 0, sizeof(f));
		f.kind = LOG_FIND_WRONG_PSK;
		f.ev_kind = a->mic > 0 ? LOG_EV_MIC_FAIL : LOG_EV_PSK_MISMATCH;
		memcpy(f.mac, a->mac, 6);
		memcpy(f.bssid, a->bssid, 6);
		f.has_bssid = a->has_bssid;
		f.count = fails;
		f.retries = retries + a->timeouts;
		f.first_ns = a->first_ns;
		f.last_ns = a->last_ns;
		f.first_ev = a->first_fail;
		f.last_ev = a->last_fail;
		k = emit(out, max, k, &f);
	}
	memset(a, 0, sizeof(*a));
	return (k);
}

static size_t
wrong_psk(const struct log_event *ev, size_t n, struct log_finding *out,
    size_t max, size_t k)
{
	struct attempt		 at[NRUNS];
	struct attempt		*a;
	const struct log_event	*e;
	size_t			 i, r;
	bool			 fail;

	memset(at, 0, sizeof(at));
	for (i = 0; i < n; i++) {
		e = &ev[i];
		if (!(e->flags & LOG_F_MAC))
			continue;
		for (r = 0; r < NRUNS; r++)
			if (at[r].used && memcmp(at[r].mac, e->mac, 6) == 0)
				break;
		if (r == NRUNS) {
			for (r = 0; r < NRUNS && at[r].used; r++)
				;
			if (r == NRUNS)
				k = psk_close(&at[r = e->mac[5] % NRUNS], out,
				    max, k);
			at[r].used = true;
			memcpy(at[r].mac, e->mac, 6);
		}
		a = &at[r];
		switch (e->kind) {
		case LOG_EV_ASSOC_REQ:
		case LOG_EV_REASSOC_REQ:
		case LOG_EV_KEY_DONE:
		case LOG_EV_CONNECTED:
			/* an attempt ends; the next one starts clean */
			k = psk_close(a, out, max, k);
			a->used = true;
			memcpy(a->mac, e->mac, 6);
			continue;
		case LOG_EV_EAPOL:
			if ((e->flags & LOG_F_MSG) && e->msg == 1)
				a->m1++;
			continue;
		case LOG_EV_EAPOL_RETRY:
			if ((e->flags & LOG_F_MSG) && e->msg == 1)
				a->m1_retry++;
			continue;
		case LOG_EV_EAP_TIMEOUT:
			if ((e->flags & LOG_F_MSG) && e->msg >= 1 &&
			    e->msg <= 2)
				a->timeouts++;
			continue;
		case LOG_EV_MIC_FAIL:
			fail = !(e->flags & LOG_F_MSG) || e->msg == 2;
			if (fail)
				a->mic++;
			break;
		case LOG_EV_PSK_MISMATCH:
			fail = true;
			a->mismatch++;
			break;
		default:
			continue;
		}
		if (!fail)
			continue;
		if (a->mic + a->mismatch == 1) {
			a->first_fail = i;
			a->first_ns = e->t_ns;
		}
		a->last_fail = i;
		a->last_ns = e->t_ns;
		if (e->flags & LOG_F_BSSID) {
			memcpy(a->bssid, e->bssid, 6);
			a->has_bssid = true;
		}
	}
	for (r = 0; r < NRUNS; r++)
		if (at[r].used)
			k = psk_close(&at[r], out, max, k);
	return (k);
}

size_t
log_findings(const struct log_event *ev, size_t n, struct log_finding *out,
    size_t max)
{
	size_t	 k;

	k = loops(ev, n, out, max, 0);
	k = wrong_psk(ev, n, out, max, k);
	return (k < max ? k : max);
}
