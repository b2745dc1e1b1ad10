/*
 * report.h -- the headless report (--report, --report=json, --report=csv).
 */
#ifndef REPORT_H
#define REPORT_H

#include <stdio.h>

struct eng;
struct cap;

enum report_fmt {
	REPORT_TEXT,
	REPORT_JSON,
	REPORT_CSV,
};

/* Write the report of everything the engine saw; cap (may be NULL) adds the
 * sources and their drop counters.  Returns RS_EXIT_OK, or
 * RS_EXIT_ROAM_FAILED when at least one roam failed. */
int	 report_write(FILE *, struct eng *, struct cap *, enum report_fmt);
/* The same with the --log files' events and section (logs may be NULL). */
struct logrun;
int	 report_write_logs(FILE *, struct eng *, struct cap *, enum report_fmt,
	    struct logrun *logs);

#endif /* REPORT_H */
