/*
 * nl80211.c -- monitor interfaces on a radio (-m) and the radio list
 * (--list) through nl80211, with libnl-3's generic netlink.
 *
 * Requests are sent one at a time and answered before the next; errors
 * carry the kernel's extended ACK message (NETLINK_EXT_ACK), which libnl
 * does not parse, so the error callback walks the ACK's TLVs itself.
 * Interfaces we create are registered in a small static table with a
 * prebuilt NL80211_CMD_DEL_INTERFACE message each, so that the fatal path
 * can delete them with nothing but socket() and sendto().
 */
#include <sys/ioctl.h>
#include <sys/socket.h>

#include <linux/netlink.h>
#include <linux/genetlink.h>
#include <linux/nl80211.h>

#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>

#include "cap/nl80211.h"
#include "dot11/dot11.h"
#include "rs.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK	270
#endif

struct nlctx {
	struct nl_sock	*sk;
	int		 fam;
};

struct nlreq {
	int		 err;		/* 0, or -errno from the kernel */
	int		 done;
	char		 kmsg[200];	/* NLMSGERR_ATTR_MSG */
	int		 (*valid)(struct nl_msg *, void *);
	void		*arg;
};

/* ------------------------------------------------------------------------
 * Emergency table.
 */
#define EMERG_MAX	16

struct emerg {
	volatile int	 used;
	int		 ifindex;
	uint32_t	 msg[(NLMSG_HDRLEN + GENL_HDRLEN + 8) / 4];
	size_t		 len;
};
static struct emerg	 emerg[EMERG_MAX];

static void
emerg_add(int fam, int ifindex)
{
	struct nlmsghdr		*nh;
	struct genlmsghdr	*gh;
	struct nlattr		*na;
	int			 i;

	for (i = 0; i < EMERG_MAX; i++) {
		if (emerg[i].used)
			continue;
		memset(emerg[i].msg, 0, sizeof emerg[i].msg);
		nh = (struct nlmsghdr *)emerg[i].msg;
		nh->nlmsg_len = NLMSG_HDRLEN + GENL_HDRLEN + 8;
		nh->nlmsg_type = (uint16_t)fam;
		nh->nlmsg_flags = NLM_F_REQUEST;
		nh->nlmsg_seq = 1;
		gh = (struct genlmsghdr *)((char *)nh + NLMSG_HDRLEN);
		gh->cmd = NL80211_CMD_DEL_INTERFACE;
		na = (struct nlattr *)((char *)gh + GENL_HDRLEN);
		na->nla_len = 8;
		na->nla_type = NL80211_ATTR_IFINDEX;
		memcpy((char *)na + 4, &ifindex, 4);
		emerg[i].len = nh->nlmsg_len;
		emerg[i].ifindex = ifindex;
		emerg[i].used = 1;
		return;
	}
}

static void
emerg_del(int ifindex)
{
	int	 i;

	for (i = 0; i < EMERG_MAX; i++)
		if (emerg[i].used && emerg[i].ifindex == ifindex)
			emerg[i].used = 0;
}

void
nl80211_emergency_cleanup(void)
{
	struct sockaddr_nl	 sa;
	int			 fd = -1, i, saved = errno;

	for (i = 0; i < EMERG_MAX; i++) {
		if (!emerg[i].used)
			continue;
		if (fd == -1 &&
		    (fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC,
		    NETLINK_GENERIC)) == -1)
			break;
		memset(&sa, 0, sizeof sa);
		sa.nl_family = AF_NETLINK;
		if (sendto(fd, emerg[i].msg, emerg[i].len, 0,
		    (struct sockaddr *)&sa, sizeof sa) >= 0)
			emerg[i].used = 0;
	}
	if (fd != -1)
		close(fd);
	errno = saved;
}

/* ------------------------------------------------------------------------
 * Requests.
 */
static int
nlc_open(struct nlctx *nc, char *err, size_t errlen)
{
	int	 one = 1;

	memset(nc, 0, sizeof *nc);
	if ((nc->sk = nl_socket_alloc()) == NULL) {
		snprintf(err, errlen, "out of memory");
		return RS_EXIT_INTERNAL;
	}
	if (genl_connect(nc->sk) != 0) {
		snprintf(err, errlen, "cannot open a generic netlink socket: "
		    "%s", strerror(errno));
		nl_socket_free(nc->sk);
		return RS_EXIT_NETLINK;
	}
	/* Ask for the kernel's error strings, without the echoed request. */
	setsockopt(nl_socket_get_fd(nc->sk), SOL_NETLINK, NETLINK_EXT_ACK,
	    &one, sizeof one);
	setsockopt(nl_socket_get_fd(nc->sk), SOL_NETLINK, NETLINK_CAP_ACK,
	    &one, sizeof one);
	if ((nc->fam = genl_ctrl_resolve(nc->sk, "nl80211")) < 0) {
		snprintf(err, errlen, "nl80211 is not available: no "
		    "cfg80211 wireless driver is loaded on this machine");
		nl_socket_free(nc->sk);
		return RS_EXIT_NETLINK;
	}
	return 0;
}

static void
nlc_close(struct nlctx *nc)
{
	if (nc->sk != NULL)
		nl_socket_free(nc->sk);
	nc->sk = NULL;
}

static int
cb_error(struct sockaddr_nl *nla, struct nlmsgerr *e, void *arg)
{
	struct nlreq		*rq = arg;
	struct nlmsghdr		*nh = (struct nlmsghdr *)e - 1;
	const uint8_t		*p, *end;
	size_t			 off;
	struct nlattr		*a;

	(void)nla;
	rq->err = e->error;
	rq->done = 1;
	if (!(nh->nlmsg_flags & NLM_F_ACK_TLVS))
		return NL_STOP;
	off = NLMSG_HDRLEN + sizeof *e;
	if (!(nh->nlmsg_flags & NLM_F_CAPPED))
		off += e->msg.nlmsg_len - NLMSG_HDRLEN;
	if (off >= nh->nlmsg_len)
		return NL_STOP;
	p = (const uint8_t *)nh + off;
	end = (const uint8_t *)nh + nh->nlmsg_len;
	while (p + NLA_HDRLEN <= end) {
		a = (struct nlattr *)p;
		if (a->nla_len < NLA_HDRLEN || p + a->nla_len > end)
			break;
		if ((a->nla_type & NLA_TYPE_MASK) == NLMSGERR_ATTR_MSG &&
		    a->nla_len > NLA_HDRLEN) {
			snprintf(rq->kmsg, sizeof rq->kmsg, "%.*s",
			    (int)(a->nla_len - NLA_HDRLEN),
			    (const char *)p + NLA_HDRLEN);
			break;
		}
		p += NLA_ALIGN(a->nla_len);
	}
	return NL_STOP;
}

static int
cb_finish(struct nl_msg *msg, void *arg)
{
	struct nlreq	*rq = arg;

	(void)msg;
	rq->done = 1;
	return NL_SKIP;
}

static int
cb_ack(struct nl_msg *msg, void *arg)
{
	struct nlreq	*rq = arg;

	(void)msg;
	rq->done = 1;
	return NL_STOP;
}

static int
cb_valid(struct nl_msg *msg, void *arg)
{
	struct nlreq	*rq = arg;

	if (rq->valid != NULL)
		return rq->valid(msg, rq->arg);
	return NL_SKIP;
}

/* Send msg (freed here) and read the answer.  Returns 0 or -errno. */
static int
nl_exec(struct nlctx *nc, struct nl_msg *msg,
    int (*valid)(struct nl_msg *, void *), void *arg, char *kmsg,
    size_t kmsglen)
{
	struct nl_cb	*cb;
	struct nlreq	 rq;
	int		 rc;

	memset(&rq, 0, sizeof rq);
	rq.valid = valid;
	rq.arg = arg;
	if ((cb = nl_cb_alloc(NL_CB_DEFAULT)) == NULL) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	nl_cb_err(cb, NL_CB_CUSTOM, cb_error, &rq);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, cb_finish, &rq);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, cb_ack, &rq);
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, cb_valid, &rq);
	rc = nl_send_auto(nc->sk, msg);
	nlmsg_free(msg);
	if (rc < 0) {
		nl_cb_put(cb);
		return -EIO;
	}
	while (!rq.done) {
		rc = nl_recvmsgs(nc->sk, cb);
		if (rc < 0 && !rq.done) {
			rq.err = -EIO;
			break;
		}
	}
	nl_cb_put(cb);
	if (kmsg != NULL && kmsglen != 0)
		snprintf(kmsg, kmsglen, "%s", rq.kmsg);
	return rq.err;
}

static struct nl_msg *
nl_new(struct nlctx *nc, int cmd, int flags)
{
	struct nl_msg	*msg;

	if ((msg = nlmsg_alloc()) == NULL)
		return NULL;
	if (genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, nc->fam, 0, flags,
	    (uint8_t)cmd, 0) == NULL) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

/* "what: kernel message" or "what: strerror". */
static int
nl_fail(int rc, const char *kmsg, const char *what, char *err,
    size_t errlen)
{
	if (rc == -EPERM || rc == -EACCES) {
		snprintf(err, errlen, "%s needs CAP_NET_ADMIN: run as root, "
		    "or 'setcap cap_net_raw,cap_net_admin+ep' on roamscope",
		    what);
		return RS_EXIT_PERM;
	}
	if (kmsg != NULL && *kmsg != '\0')
		snprintf(err, errlen, "%s: %s (%s)", what, kmsg,
		    strerror(-rc));
	else
		snprintf(err, errlen, "%s: %s", what, strerror(-rc));
	return RS_EXIT_NETLINK;
}

static struct nlattr **
parse_attrs(struct nl_msg *msg, struct nlattr **tb)
{
	struct genlmsghdr	*gh = nlmsg_data(nlmsg_hdr(msg));

	nla_parse(tb, NL80211_ATTR_MAX, genlmsg_attrdata(gh, 0),
	    genlmsg_attrlen(gh, 0), NULL);
	return tb;
}

/* ------------------------------------------------------------------------
 * Channels.
 */
static unsigned
chan_to_freq(unsigned ch, int band)
{
	switch (band) {
	case 2:
		if (ch >= 1 && ch <= 13)
			return 2407 + 5 * ch;
		if (ch == 14)
			return 2484;
		return 0;
	case 5:
		return ch >= 32 && ch <= 177 ? 5000 + 5 * ch : 0;
	case 6:
		if (ch == 2)
			return 5935;
		return ch >= 1 && ch <= 233 ? 5950 + 5 * ch : 0;
	}
	return 0;
}

static int
freq_band(unsigned f, unsigned *ch)
{
	if (f >= 2412 && f <= 2472 && (f - 2407) % 5 == 0) {
		*ch = (f - 2407) / 5;
		return 2;
	}
	if (f == 2484) {
		*ch = 14;
		return 2;
	}
	if (f == 5935) {
		*ch = 2;
		return 6;
	}
	if (f >= 5160 && f <= 5925 && f % 5 == 0) {
		*ch = (f - 5000) / 5;
		return 5;
	}
	if (f >= 5955 && f <= 7115 && (f - 5950) % 5 == 0) {
		*ch = (f - 5950) / 5;
		return 6;
	}
	return 0;
}

/* Center of the width-MHz block holding channel ch, in MHz; 0 if none. */
static unsigned
center_freq(unsigned ch, int band, unsigned freq, unsigned width)
{
	unsigned	 k = width / 20, base, c;

	if (width == 20)
		return freq;
	if (band == 2) {
		if (width != 40 || ch == 14)
			return 0;
		/* HT40+ up to channel 7, HT40- above (as iw picks) */
		return ch <= 7 ? freq + 10 : freq - 10;
	}
	if (band == 5) {
		base = ch >= 149 ? 149 : 36;
		if (ch < 36 || (ch - base) % 4 != 0)
			return 0;
		c = base + ((ch - base) / (4 * k)) * (4 * k) + 2 * (k - 1);
		return 5000 + 5 * c;
	}
	if (band == 6) {
		if (ch < 1 || (ch - 1) % 4 != 0)
			return 0;
		c = ((ch - 1) / (4 * k)) * (4 * k) + 1 + 2 * (k - 1);
		return 5950 + 5 * c;
	}
	return 0;
}

int
nl80211_parse_spec(const char *spec, char *radio, size_t radiolen,
    unsigned *freq, unsigned *width, unsigned *center1, char *err,
    size_t errlen)
{
	const char	*c1, *c2;
	char		*end;
	unsigned long	 v;
	unsigned	 ch = 0;
	int		 band = 0;
	size_t		 n;

	*freq = *width = *center1 = 0;
	c1 = strchr(spec, ':');
	n = c1 != NULL ? (size_t)(c1 - spec) : strlen(spec);
	if (n == 0 || n >= radiolen || n >= IFNAMSIZ) {
		snprintf(err, errlen, "-m %s: expected RADIO[:CHANNEL[:WIDTH]]"
		    " with RADIO phyN or an interface on it", spec);
		return RS_EXIT_USAGE;
	}
	memcpy(radio, spec, n);
	radio[n] = '\0';
	if (c1 == NULL)
		return 0;
	errno = 0;
	v = strtoul(c1 + 1, &end, 10);
	if (end == c1 + 1 || errno != 0 || v == 0)
		goto badchan;
	if (*end == '/') {
		if (strncmp(end, "/2g", 3) == 0)
			band = 2;
		else if (strncmp(end, "/5g", 3) == 0)
			band = 5;
		else if (strncmp(end, "/6g", 3) == 0)
			band = 6;
		else
			goto badchan;
		end += 3;
	}
	if (*end != '\0' && *end != ':')
		goto badchan;
	c2 = *end == ':' ? end + 1 : NULL;
	if (v >= 2400 && band == 0) {
		*freq = (unsigned)v;
		if ((band = freq_band(*freq, &ch)) == 0)
			goto badchan;
	} else {
		ch = (unsigned)v;
		if (band == 0)
			band = ch <= 14 ? 2 : 5;
		if ((*freq = chan_to_freq(ch, band)) == 0)
			goto badchan;
	}
	if (c2 == NULL)
		return 0;
	v = strtoul(c2, &end, 10);
	if (*end != '\0' || (v != 20 && v != 40 && v != 80 && v != 160)) {
		snprintf(err, errlen, "-m %s: width must be 20, 40, 80 or 160 "
		    "(MHz)", spec);
		return RS_EXIT_USAGE;
	}
	*width = (unsigned)v;
	if ((*center1 = center_freq(ch, band, *freq, *width)) == 0) {
		snprintf(err, errlen, "-m %s: no %u MHz channel contains "
		    "channel %u in the %s GHz band", spec, *width, ch,
		    band == 2 ? "2.4" : band == 5 ? "5" : "6");
		return RS_EXIT_USAGE;
	}
	return 0;

badchan:
	snprintf(err, errlen, "-m %s: bad channel: give a number (1-14 for "
	    "2.4 GHz, 32-177 for 5 GHz, N/6g for 6 GHz) or a frequency in "
	    "MHz", spec);
	return RS_EXIT_USAGE;
}

/* ------------------------------------------------------------------------
 * Radios and interfaces.
 */
struct find_phy {
	const char	*name;
	int		 wiphy;
};

static int
cb_find_phy(struct nl_msg *msg, void *arg)
{
	struct find_phy	*fp = arg;
	struct nlattr	*tb[NL80211_ATTR_MAX + 1];

	parse_attrs(msg, tb);
	if (tb[NL80211_ATTR_WIPHY_NAME] != NULL &&
	    tb[NL80211_ATTR_WIPHY] != NULL &&
	    strcmp(nla_get_string(tb[NL80211_ATTR_WIPHY_NAME]),
	    fp->name) == 0)
		fp->wiphy = (int)nla_get_u32(tb[NL80211_ATTR_WIPHY]);
	return NL_SKIP;
}

static int
cb_iface_wiphy(struct nl_msg *msg, void *arg)
{
	int		*wiphy = arg;
	struct nlattr	*tb[NL80211_ATTR_MAX + 1];

	parse_attrs(msg, tb);
	if (tb[NL80211_ATTR_WIPHY] != NULL)
		*wiphy = (int)nla_get_u32(tb[NL80211_ATTR_WIPHY]);
	return NL_SKIP;
}

static int
resolve_radio(struct nlctx *nc, const char *radio, int *wiphy, char *err,
    size_t errlen)
{
	struct find_phy	 fp = { radio, -1 };
	struct nl_msg	*msg;
	char		 kmsg[200];
	unsigned	 ifindex;
	int		 rc;

	if ((msg = nl_new(nc, NL80211_CMD_GET_WIPHY, NLM_F_DUMP)) == NULL)
		goto nomem;
	nla_put_flag(msg, NL80211_ATTR_SPLIT_WIPHY_DUMP);
	if ((rc = nl_exec(nc, msg, cb_find_phy, &fp, kmsg, sizeof kmsg)) != 0)
		return nl_fail(rc, kmsg, "listing radios", err, errlen);
	if (fp.wiphy >= 0) {
		*wiphy = fp.wiphy;
		return 0;
	}
	if ((ifindex = if_nametoindex(radio)) == 0) {
		snprintf(err, errlen, "-m %s: no such radio or interface (see "
		    "'roamscope --list')", radio);
		return RS_EXIT_IFACE;
	}
	if ((msg = nl_new(nc, NL80211_CMD_GET_INTERFACE, 0)) == NULL)
		goto nomem;
	nla_put_u32(msg, NL80211_ATTR_IFINDEX, ifindex);
	*wiphy = -1;
	rc = nl_exec(nc, msg, cb_iface_wiphy, wiphy, kmsg, sizeof kmsg);
	if (rc != 0 || *wiphy < 0) {
		snprintf(err, errlen, "-m %s: not a wireless interface (see "
		    "'roamscope --list')", radio);
		return RS_EXIT_IFACE;
	}
	return 0;
nomem:
	snprintf(err, errlen, "out of memory");
	return RS_EXIT_INTERNAL;
}

static int
cb_new_iface(struct nl_msg *msg, void *arg)
{
	int		*ifindex = arg;
	struct nlattr	*tb[NL80211_ATTR_MAX + 1];

	parse_attrs(msg, tb);
	if (tb[NL80211_ATTR_IFINDEX] != NULL)
		*ifindex = (int)nla_get_u32(tb[NL80211_ATTR_IFINDEX]);
	return NL_SKIP;
}

static int
set_up(const char *ifname, char *err, size_t errlen)
{
	struct ifreq	 ifr;
	int		 fd, rc = 0;

	if ((fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0)) == -1) {
		snprintf(err, errlen, "socket: %s", strerror(errno));
		return RS_EXIT_INTERNAL;
	}
	memset(&ifr, 0, sizeof ifr);
	snprintf(ifr.ifr_name, sizeof ifr.ifr_name, "%s", ifname);
	if (ioctl(fd, SIOCGIFFLAGS, &ifr) == -1)
		goto fail;
	ifr.ifr_flags |= IFF_UP;
	if (ioctl(fd, SIOCSIFFLAGS, &ifr) == -1)
		goto fail;
	close(fd);
	return 0;
fail:
	if (errno == EPERM || errno == EACCES) {
		snprintf(err, errlen, "bringing %s up needs CAP_NET_ADMIN: "
		    "run as root", ifname);
		rc = RS_EXIT_PERM;
	} else {
		snprintf(err, errlen, "cannot bring %s up: %s (is "
		    "rfkill blocking the radio? see 'rfkill list')", ifname,
		    strerror(errno));
		rc = RS_EXIT_NETLINK;
	}
	close(fd);
	return rc;
}

static int
set_channel(struct nlctx *nc, struct nl_monitor *m, char *err, size_t errlen)
{
	struct nl_msg	*msg;
	char		 kmsg[200], what[96];
	uint32_t	 w;
	int		 rc;

	if ((msg = nl_new(nc, NL80211_CMD_SET_WIPHY, 0)) == NULL) {
		snprintf(err, errlen, "out of memory");
		return RS_EXIT_INTERNAL;
	}
	nla_put_u32(msg, NL80211_ATTR_IFINDEX, (uint32_t)m->ifindex);
	nla_put_u32(msg, NL80211_ATTR_WIPHY_FREQ, m->freq);
	if (m->width != 0) {
		switch (m->width) {
		case 20:
			w = NL80211_CHAN_WIDTH_20;
			break;
		case 40:
			w = NL80211_CHAN_WIDTH_40;
			break;
		case 80:
			w = NL80211_CHAN_WIDTH_80;
			break;
		default:
			w = NL80211_CHAN_WIDTH_160;
			break;
		}
		nla_put_u32(msg, NL80211_ATTR_CHANNEL_WIDTH, w);
		nla_put_u32(msg, NL80211_ATTR_CENTER_FREQ1, m->center1);
	} else
		nla_put_u32(msg, NL80211_ATTR_WIPHY_CHANNEL_TYPE,
		    NL80211_CHAN_NO_HT);
	rc = nl_exec(nc, msg, NULL, NULL, kmsg, sizeof kmsg);
	if (rc == 0)
		return 0;
	snprintf(what, sizeof what, "setting %s to %u MHz%s", m->ifname,
	    m->freq, m->width != 0 ? " (width given)" : "");
	if (m->width != 0)
		snprintf(what, sizeof what, "setting %s to %u MHz, %u MHz wide",
		    m->ifname, m->freq, m->width);
	return nl_fail(rc, kmsg, what, err, errlen);
}

static int
del_iface(struct nlctx *nc, int ifindex, char *kmsg, size_t kmsglen)
{
	struct nl_msg	*msg;

	if ((msg = nl_new(nc, NL80211_CMD_DEL_INTERFACE, 0)) == NULL)
		return -ENOMEM;
	nla_put_u32(msg, NL80211_ATTR_IFINDEX, (uint32_t)ifindex);
	return nl_exec(nc, msg, NULL, NULL, kmsg, kmsglen);
}

static int	 remove_leftovers(struct nlctx *, struct nl_monitor *);

/*
 * Our monitors' names carry their creator: rsmon<phy>-<pid> (rsmon-<pid>
 * when that would not fit IFNAMSIZ), so that a later run can tell the
 * leftovers of a killed run from the interfaces of one still running.
 */
void
mon_name(char *out, size_t len, int wiphy, long pid)
{
	char	 b[32];

	snprintf(b, sizeof b, MON_PREFIX "%d-%ld", wiphy, pid);
	if (strlen(b) + 1 >= IFNAMSIZ || strlen(b) >= len)
		snprintf(b, sizeof b, MON_PREFIX "-%ld", pid);
	snprintf(out, len, "%s", b);
}

/* The creator's pid in one of our names, 0 when it has none (an earlier
 * version's rsmon<phy>, or not ours). */
long
mon_owner(const char *name)
{
	const char	*d, *p;
	long		 pid = 0;

	if (strncmp(name, MON_PREFIX, strlen(MON_PREFIX)) != 0 ||
	    (d = strrchr(name, '-')) == NULL || d[1] < '1' || d[1] > '9')
		return 0;
	for (p = d + 1; *p >= '0' && *p <= '9'; p++)
		if ((pid = pid * 10 + (*p - '0')) > 0x7fffffffL)
			return 0;
	/* one letter: the radio given twice in that run */
	if (*p >= 'a' && *p <= 'z')
		p++;
	return *p == '\0' ? pid : 0;
}

/*
 * Whether the run that made an interface is still there: its pid in use
 * (kill 0: EPERM is another user's process, which is there) by a roamscope
 * (/proc/PID/comm, where there is one: a pid used again by another program
 * does not keep a leftover).
 */
bool
mon_owner_alive(long pid)
{
	char	 path[64], comm[64];
	ssize_t	 n;
	int	 fd;

	if (pid <= 0 || (kill((pid_t)pid, 0) == -1 && errno != EPERM))
		return false;
	snprintf(path, sizeof path, "/proc/%ld/comm", pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return true;
	n = read(fd, comm, sizeof comm - 1);
	close(fd);
	if (n <= 0)
		return true;
	comm[n] = '\0';
	return strstr(comm, "roamscope") != NULL;
}

int
nl80211_create_monitor(const char *spec, struct nl_monitor *m, char *err,
    size_t errlen)
{
	struct nlctx	 nc;
	struct nl_msg	*msg;
	char		 radio[IFNAMSIZ + 8], kmsg[200], what[64];
	size_t		 n;
	int		 rc, i;

	memset(m, 0, sizeof *m);
	if ((rc = nl80211_parse_spec(spec, radio, sizeof radio, &m->freq,
	    &m->width, &m->center1, err, errlen)) != 0)
		return rc;
	if ((rc = nlc_open(&nc, err, errlen)) != 0)
		return rc;
	if ((rc = resolve_radio(&nc, radio, &m->wiphy, err, errlen)) != 0)
		goto out;
	remove_leftovers(&nc, m);
	mon_name(m->ifname, sizeof m->ifname, m->wiphy, getpid());
	/* the same radio twice in this run: rsmon<phy>-<pid>b, c, ... */
	for (i = 1; if_nametoindex(m->ifname) != 0 && i < 10; i++) {
		n = strlen(m->ifname);
		if (i > 1)
			n--;
		if (n + 1 < sizeof m->ifname)
			snprintf(m->ifname + n, sizeof m->ifname - n, "%c",
			    'a' + i);
	}
	if ((msg = nl_new(&nc, NL80211_CMD_NEW_INTERFACE, 0)) == NULL) {
		snprintf(err, errlen, "out of memory");
		rc = RS_EXIT_INTERNAL;
		goto out;
	}
	nla_put_u32(msg, NL80211_ATTR_WIPHY, (uint32_t)m->wiphy);
	nla_put_string(msg, NL80211_ATTR_IFNAME, m->ifname);
	nla_put_u32(msg, NL80211_ATTR_IFTYPE, NL80211_IFTYPE_MONITOR);
	m->ifindex = 0;
	rc = nl_exec(&nc, msg, cb_new_iface, &m->ifindex, kmsg, sizeof kmsg);
	if (rc == 0 && m->ifindex == 0)
		m->ifindex = (int)if_nametoindex(m->ifname);
	if (rc != 0 || m->ifindex == 0) {
		snprintf(what, sizeof what, "creating a monitor interface on "
		    "%s", radio);
		rc = nl_fail(rc != 0 ? rc : -ENODEV, kmsg, what, err, errlen);
		goto out;
	}
	emerg_add(nc.fam, m->ifindex);
	if ((rc = set_up(m->ifname, err, errlen)) != 0)
		goto undo;
	if (m->freq != 0 && (rc = set_channel(&nc, m, err, errlen)) != 0)
		goto undo;
	nlc_close(&nc);
	return 0;
undo:
	del_iface(&nc, m->ifindex, NULL, 0);
	emerg_del(m->ifindex);
out:
	nlc_close(&nc);
	return rc;
}

int
nl80211_delete_monitor(const struct nl_monitor *m, char *err, size_t errlen)
{
	struct nlctx	 nc;
	char		 kmsg[200];
	int		 rc;

	if (m->ifindex == 0)
		return 0;
	if (nlc_open(&nc, err, errlen) != 0) {
		nl80211_emergency_cleanup();
		return -1;
	}
	rc = del_iface(&nc, m->ifindex, kmsg, sizeof kmsg);
	nlc_close(&nc);
	if (rc == 0 || rc == -ENODEV) {
		emerg_del(m->ifindex);
		return 0;
	}
	nl_fail(rc, kmsg, "deleting the monitor interface", err, errlen);
	return -1;
}

/* ------------------------------------------------------------------------
 * --list.
 */
#define LIST_MAXIF	64

struct list_if {
	int		 wiphy;
	int		 ifindex;
	uint32_t	 type;
	uint32_t	 freq;
	char		 name[IFNAMSIZ];
};

struct list_ctx {
	FILE		*f;
	struct list_if	 ifs[LIST_MAXIF];
	int		 nif;
	int		 cur_wiphy;
	int		 cur_band;
	int		 col;
	int		 nradios;
	int		 ndisabled;	/* in the current band */
};

static const char *
iftype_name(uint32_t t)
{
	switch (t) {
	case NL80211_IFTYPE_ADHOC:	return "IBSS";
	case NL80211_IFTYPE_STATION:	return "managed";
	case NL80211_IFTYPE_AP:		return "AP";
	case NL80211_IFTYPE_AP_VLAN:	return "AP/VLAN";
	case NL80211_IFTYPE_WDS:	return "WDS";
	case NL80211_IFTYPE_MONITOR:	return "monitor";
	case NL80211_IFTYPE_MESH_POINT:	return "mesh point";
	case NL80211_IFTYPE_P2P_CLIENT:	return "P2P-client";
	case NL80211_IFTYPE_P2P_GO:	return "P2P-GO";
	case NL80211_IFTYPE_P2P_DEVICE:	return "P2P-device";
	case NL80211_IFTYPE_OCB:	return "outside context of a BSS";
	case NL80211_IFTYPE_NAN:	return "NAN";
	}
	return "unknown";
}

static int
cb_list_if(struct nl_msg *msg, void *arg)
{
	struct list_ctx	*lc = arg;
	struct nlattr	*tb[NL80211_ATTR_MAX + 1];
	struct list_if	*li;

	parse_attrs(msg, tb);
	if (lc->nif >= LIST_MAXIF || tb[NL80211_ATTR_WIPHY] == NULL)
		return NL_SKIP;
	li = &lc->ifs[lc->nif++];
	memset(li, 0, sizeof *li);
	li->wiphy = (int)nla_get_u32(tb[NL80211_ATTR_WIPHY]);
	if (tb[NL80211_ATTR_IFINDEX] != NULL)
		li->ifindex = (int)nla_get_u32(tb[NL80211_ATTR_IFINDEX]);
	if (tb[NL80211_ATTR_IFTYPE] != NULL)
		li->type = nla_get_u32(tb[NL80211_ATTR_IFTYPE]);
	if (tb[NL80211_ATTR_WIPHY_FREQ] != NULL)
		li->freq = nla_get_u32(tb[NL80211_ATTR_WIPHY_FREQ]);
	if (tb[NL80211_ATTR_IFNAME] != NULL)
		snprintf(li->name, sizeof li->name, "%s",
		    nla_get_string(tb[NL80211_ATTR_IFNAME]));
	return NL_SKIP;
}

/*
 * A run killed with SIGKILL (no handler runs) leaves its monitor interfaces
 * behind, still tuned.  Ours are monitors named MON_PREFIX on the radio we
 * are asked to use; remove those whose creator is gone (not one of a run
 * still capturing there, nor one this run made: a radio given twice) and
 * tell the caller which, so that it can say so.
 */
static int
remove_leftovers(struct nlctx *nc, struct nl_monitor *m)
{
	struct list_ctx	*lc;
	struct nl_msg	*msg;
	const char	*sep = "";
	size_t		 o = 0;
	int		 i, k, n = 0;

	m->removed[0] = '\0';
	if ((lc = calloc(1, sizeof *lc)) == NULL)
		return 0;
	if ((msg = nl_new(nc, NL80211_CMD_GET_INTERFACE, NLM_F_DUMP)) ==
	    NULL || nl_exec(nc, msg, cb_list_if, lc, NULL, 0) != 0) {
		free(lc);
		return 0;
	}
	for (i = 0; i < lc->nif; i++) {
		if (lc->ifs[i].wiphy != m->wiphy ||
		    lc->ifs[i].type != NL80211_IFTYPE_MONITOR ||
		    strncmp(lc->ifs[i].name, MON_PREFIX,
		    strlen(MON_PREFIX)) != 0)
			continue;
		for (k = 0; k < EMERG_MAX; k++)
			if (emerg[k].used &&
			    emerg[k].ifindex == lc->ifs[i].ifindex)
				break;
		if (k < EMERG_MAX ||
		    mon_owner_alive(mon_owner(lc->ifs[i].name)) ||
		    del_iface(nc, lc->ifs[i].ifindex, NULL, 0) != 0)
			continue;
		if (o + strlen(sep) + strlen(lc->ifs[i].name) + 1 <
		    sizeof m->removed) {
			o += (size_t)snprintf(m->removed + o,
			    sizeof m->removed - o, "%s%s", sep,
			    lc->ifs[i].name);
			sep = " ";
		}
		n++;
	}
	free(lc);
	return n;
}

static const char *
band_name(int band)
{
	switch (band) {
	case NL80211_BAND_2GHZ:	return "2.4 GHz";
	case NL80211_BAND_5GHZ:	return "5 GHz";
	case NL80211_BAND_6GHZ:	return "6 GHz";
	}
	return "other band";
}

static void
list_freq(struct list_ctx *lc, int band, struct nlattr *fa)
{
	struct nlattr	*tf[NL80211_FREQUENCY_ATTR_MAX + 1];
	unsigned	 f, ch = 0;
	char		 item[48];
	const char	*flag = "";
	int		 n;

	nla_parse(tf, NL80211_FREQUENCY_ATTR_MAX, nla_data(fa), nla_len(fa),
	    NULL);
	if (tf[NL80211_FREQUENCY_ATTR_FREQ] == NULL)
		return;
	f = nla_get_u32(tf[NL80211_FREQUENCY_ATTR_FREQ]);
	if (band == NL80211_BAND_6GHZ)
		ch = f == 5935 ? 2 : (f - 5950) / 5;
	else
		freq_band(f, &ch);
	if (tf[NL80211_FREQUENCY_ATTR_DISABLED] != NULL) {
		lc->ndisabled++;	/* counted, not listed */
		return;
	}
	if (tf[NL80211_FREQUENCY_ATTR_NO_IR] != NULL)
		flag = tf[NL80211_FREQUENCY_ATTR_RADAR] != NULL ?
		    " no-IR radar" : " no-IR";
	else if (tf[NL80211_FREQUENCY_ATTR_RADAR] != NULL)
		flag = " radar";
	n = snprintf(item, sizeof item, "%u%s(%u%s)", ch,
	    band == NL80211_BAND_6GHZ ? "/6g" : "", f, flag);
	if (lc->col + n + 1 > 76) {
		fprintf(lc->f, "\n       ");
		lc->col = 7;
	}
	fprintf(lc->f, " %s", item);
	lc->col += n + 1;
}

/* End the current band's line, with the disabled channels' count. */
static void
band_end(struct list_ctx *lc)
{
	if (lc->ndisabled != 0)
		fprintf(lc->f, "%s(%d disabled)", lc->col > 60 ?
		    "\n        " : " ", lc->ndisabled);
	if (lc->col != 0 || lc->ndisabled != 0)
		fputc('\n', lc->f);
	lc->col = 0;
	lc->ndisabled = 0;
}

static int
cb_list_phy(struct nl_msg *msg, void *arg)
{
	struct list_ctx	*lc = arg;
	struct nlattr	*tb[NL80211_ATTR_MAX + 1];
	struct nlattr	*tbb[NL80211_BAND_ATTR_MAX + 1];
	struct nlattr	*band, *fa;
	int		 wiphy, i, rb, rf;

	parse_attrs(msg, tb);
	if (tb[NL80211_ATTR_WIPHY] == NULL)
		return NL_SKIP;
	wiphy = (int)nla_get_u32(tb[NL80211_ATTR_WIPHY]);
	if (wiphy != lc->cur_wiphy) {
		band_end(lc);
		lc->cur_wiphy = wiphy;
		lc->cur_band = -1;
		lc->nradios++;
		fprintf(lc->f, "%s (wiphy %d)\n",
		    tb[NL80211_ATTR_WIPHY_NAME] != NULL ?
		    nla_get_string(tb[NL80211_ATTR_WIPHY_NAME]) : "phy?",
		    wiphy);
		for (i = 0; i < lc->nif; i++) {
			if (lc->ifs[i].wiphy != wiphy)
				continue;
			fprintf(lc->f, "  interface %s  ifindex %d  %s",
			    lc->ifs[i].name, lc->ifs[i].ifindex,
			    iftype_name(lc->ifs[i].type));
			if (lc->ifs[i].freq != 0)
				fprintf(lc->f, "  %u MHz (channel %d)",
				    lc->ifs[i].freq,
				    d11_freq_to_channel(lc->ifs[i].freq));
			fputc('\n', lc->f);
		}
	}
	if (tb[NL80211_ATTR_WIPHY_BANDS] == NULL)
		return NL_SKIP;
	nla_for_each_nested(band, tb[NL80211_ATTR_WIPHY_BANDS], rb) {
		nla_parse(tbb, NL80211_BAND_ATTR_MAX, nla_data(band),
		    nla_len(band), NULL);
		if (tbb[NL80211_BAND_ATTR_FREQS] == NULL)
			continue;
		/* the bands roamscope can tune: not 60 GHz, S1G, ... */
		if (nla_type(band) != NL80211_BAND_2GHZ &&
		    nla_type(band) != NL80211_BAND_5GHZ &&
		    nla_type(band) != NL80211_BAND_6GHZ)
			continue;
		if (nla_type(band) != lc->cur_band) {
			band_end(lc);
			lc->cur_band = nla_type(band);
			lc->col = fprintf(lc->f, "  %s channels, channel(MHz):",
			    band_name(lc->cur_band));
			fprintf(lc->f, "\n       ");
			lc->col = 7;
		}
		nla_for_each_nested(fa, tbb[NL80211_BAND_ATTR_FREQS], rf)
			list_freq(lc, lc->cur_band, fa);
	}
	return NL_SKIP;
}

int
nl80211_list(FILE *f, char *err, size_t errlen)
{
	struct nlctx	 nc;
	struct nl_msg	*msg;
	struct list_ctx	*lc;
	char		 kmsg[200];
	int		 rc;

	if ((rc = nlc_open(&nc, err, errlen)) != 0)
		return rc;
	if ((lc = calloc(1, sizeof *lc)) == NULL) {
		nlc_close(&nc);
		snprintf(err, errlen, "out of memory");
		return RS_EXIT_INTERNAL;
	}
	lc->f = f;
	lc->cur_wiphy = -1;
	if ((msg = nl_new(&nc, NL80211_CMD_GET_INTERFACE, NLM_F_DUMP)) == NULL
	    || (rc = nl_exec(&nc, msg, cb_list_if, lc, kmsg,
	    sizeof kmsg)) != 0) {
		rc = nl_fail(msg == NULL ? -ENOMEM : rc, kmsg,
		    "listing interfaces", err, errlen);
		goto out;
	}
	if ((msg = nl_new(&nc, NL80211_CMD_GET_WIPHY, NLM_F_DUMP)) == NULL) {
		rc = nl_fail(-ENOMEM, NULL, "listing radios", err, errlen);
		goto out;
	}
	nla_put_flag(msg, NL80211_ATTR_SPLIT_WIPHY_DUMP);
	if ((rc = nl_exec(&nc, msg, cb_list_phy, lc, kmsg, sizeof kmsg)) != 0) {
		rc = nl_fail(rc, kmsg, "listing radios", err, errlen);
		goto out;
	}
	band_end(lc);
	if (lc->nradios == 0)
		fprintf(f, "no wireless radios (nl80211 knows none)\n");
	rc = 0;
out:
	free(lc);
	nlc_close(&nc);
	return rc;
}
