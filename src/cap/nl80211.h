/*
 * nl80211.h -- monitor interfaces through nl80211 (libnl-3 genl), for -m
 * and --list.  Internal to src/cap/.
 */
#ifndef CAP_NL80211_H
#define CAP_NL80211_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/*
 * Our monitor interfaces are MON_PREFIX<phy>-<pid>: a later run finds the
 * leftovers of a killed one, and leaves those of a run still going.
 */
#define MON_PREFIX	"rsmon"

struct nl_monitor {
	int		 wiphy;
	int		 ifindex;
	char		 ifname[16];
	unsigned	 freq;		/* MHz, 0 when the channel was left */
	unsigned	 width;		/* MHz */
	unsigned	 center1;	/* MHz */
	char		 removed[64];	/* leftovers of an earlier run that
					   were removed first, or "" */
};

/*
 * Parse RADIO[:CHANNEL[:WIDTH]].  CHANNEL is a channel number (1-14 is
 * 2.4 GHz, 32-177 is 5 GHz), a number with a band suffix ("37/6g"; also
 * "/5g", "/2g") since 6 GHz numbers overlap the others, or a frequency in
 * MHz (2400 and up, e.g. 6135).  WIDTH is 20, 40, 80 or 160 (MHz); without
 * it the channel is 20 MHz without HT.  Returns 0 or RS_EXIT_USAGE.
 */
int	 nl80211_parse_spec(const char *spec, char *radio, size_t radiolen,
	    unsigned *freq, unsigned *width, unsigned *center1,
	    char *err, size_t errlen);
/* Create and bring up a monitor interface on spec's radio, tuned, after
 * removing the radio's leftover MON_PREFIX monitors (named in removed).
 * Returns 0 or an RS_EXIT_* code with err set; on success the interface is
 * also registered for nl80211_emergency_cleanup(). */
int	 nl80211_create_monitor(const char *spec, struct nl_monitor *,
	    char *err, size_t errlen);
/* Delete an interface we created (and unregister it).  0 or -1. */
int	 nl80211_delete_monitor(const struct nl_monitor *, char *err,
	    size_t errlen);
/* Delete every registered interface with raw netlink sends; only
 * async-signal-safe calls (socket, sendto, recv, close). */
void	 nl80211_emergency_cleanup(void);
int	 nl80211_list(FILE *, char *err, size_t errlen);

/* The name of the monitor that process pid creates on radio wiphy. */
void	 mon_name(char *out, size_t len, int wiphy, long pid);
/* The creator's pid in such a name, or 0. */
long	 mon_owner(const char *name);
/* Whether that roamscope still runs (a leftover's does not). */
bool	 mon_owner_alive(long pid);

#endif /* CAP_NL80211_H */
