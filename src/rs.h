/*
 * rs.h -- what every part of the program shares: the exit codes and the
 * monotonic clock.
 */
#ifndef RS_H
#define RS_H

#include <stdint.h>
#include <time.h>

/* Exit codes (documented in doc/exit-codes.md and doc/roamscope.1). */
#define RS_EXIT_OK		0
#define RS_EXIT_USAGE		1	/* bad option, or no terminal for the TUI */
#define RS_EXIT_PERM		2	/* missing capability / privilege */
#define RS_EXIT_ROAM_FAILED	3	/* --report: at least one roam failed */
#define RS_EXIT_NOFILE		4	/* missing, unreadable or a directory */
#define RS_EXIT_FORMAT		5	/* not a capture, empty, bad block */
#define RS_EXIT_LINKTYPE	6	/* unsupported link type */
#define RS_EXIT_TRUNCATED	7	/* last record cut short (frames kept) */
#define RS_EXIT_IFACE		8	/* no such interface, not monitor mode */
#define RS_EXIT_NETLINK		9	/* nl80211 refused (message given) */
#define RS_EXIT_SLA		10	/* --sla file has a bad line */
#define RS_EXIT_WRITE		11	/* -w file cannot be written */
#define RS_EXIT_LOG		12	/* a --log file cannot be opened */
#define RS_EXIT_KEYS		13	/* --keys file has a bad line */
#define RS_EXIT_INTERNAL	70

/* Nanoseconds on CLOCK_MONOTONIC: for intervals and deadlines only. */
static inline int64_t
rs_mono_ns(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

#endif /* RS_H */
