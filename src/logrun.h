/*
 * logrun.h -- the --log files of a run: opened at the start, read (and
 * followed) beside the capture, aligned with the air the capture showed,
 * and attached to the engine's attempts; then shown by the report.
 */
#ifndef LOGRUN_H
#define LOGRUN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct eng;
struct eng_roam;
struct json;
struct log;
struct log_event;
struct eng_logref;
struct rs_rec;

#define LOGRUN_MAX	16	/* --log files */

struct logrun;

struct logrun	*logrun_new(void);
void		 logrun_free(struct logrun *);
/*
 * A --log SPEC ("FILE", "FORMAT:FILE") or --log-follow FILE: opened now to
 * say at once when it cannot be; returns RS_EXIT_OK, or an exit code with a
 * one-line message in err.
 */
int		 logrun_add(struct logrun *, const char *spec, bool follow,
		    char *err, size_t errlen);
size_t		 logrun_count(const struct logrun *);
/* --log-offset: the log clock minus the capture's, for every log. */
void		 logrun_set_offset(struct logrun *, int64_t offset_ns);
/* Each frame of the capture, as it is fed (what a log line can match). */
void		 logrun_frame(struct logrun *, const struct rs_rec *);
/* Read what the followed logs have now (between feed slices). */
void		 logrun_poll(struct logrun *);
/* Live (the screen): every 2 s at most (now_ns: a monotonic clock), when
 * the logs or the capture grew, attach the logs again as they are. */
void		 logrun_refresh(struct logrun *, struct eng *, int64_t now_ns);
/*
 * The capture is done (eng_finish): read the logs to their end, align
 * each with the air, attach their events to the engine's attempts.  Notes
 * for the user (one line each: a file that is no log, a log with no client
 * of the capture, a clock that cannot be aligned) go to note (may be NULL)
 * and are kept for logrun_note().  Once: later calls do nothing.
 */
void		 logrun_finish(struct logrun *, struct eng *,
		    void (*note)(void *, const char *), void *arg);
/* The k-th note logrun_finish() made, NULL past the last. */
const char	*logrun_note(const struct logrun *, size_t k);

/* The report's parts: a roam's logged events, and the logs section. */
void		 logrun_json_roam(struct json *, struct logrun *,
		    const struct eng *, const struct eng_roam *);
void		 logrun_json(struct json *, struct logrun *);
void		 logrun_text_roam(FILE *, struct logrun *, const struct eng *,
		    const struct eng_roam *, int64_t t0);
void		 logrun_text(FILE *, struct logrun *);
/* The logged event a reference names, and the name of its log's format;
 * NULL when it is gone.  For the screen. */
const struct log_event *logrun_event(struct logrun *,
		    const struct eng_logref *, const char **format);
/* The first line of the event's record, made safe for a terminal. */
void		 logrun_event_text(struct logrun *, const struct eng_logref *,
		    char *buf, size_t len);
/* Events of the roam from every log (the CSV's count). */
size_t		 logrun_roam_count(const struct eng *, const struct eng_roam *);

#endif /* LOGRUN_H */
