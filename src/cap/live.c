/*
 * live.c -- monitor interfaces: an existing one (-i) or one created on a
 * radio through nl80211 (-m), read with libpcap in the source's thread.
 *
 * libpcap in immediate, non-blocking mode, polled beside the stop eventfd;
 * every record is handed on at once (live sources never wait: a full ring
 * drops and counts).
 */
#include <errno.h>
#include <poll.h>
#include <string.h>

#include "cap/cap_int.h"
#include "rs.h"

static int
live_open(struct cap_src *s, const char *ifname, char *err, size_t errlen)
{
	char		 ebuf[PCAP_ERRBUF_SIZE] = "";
	int		*dlts = NULL, n, i, rc, pick = -1;
	const char	*dn;

	if ((s->pcap = pcap_create(ifname, ebuf)) == NULL) {
		snprintf(err, errlen, "%s: %s", ifname, ebuf);
		return RS_EXIT_IFACE;
	}
	pcap_set_snaplen(s->pcap, LIVE_SNAPLEN);
	pcap_set_immediate_mode(s->pcap, 1);
	pcap_set_buffer_size(s->pcap, LIVE_BUFSIZE);
	pcap_set_tstamp_precision(s->pcap, PCAP_TSTAMP_PRECISION_NANO);
	rc = pcap_activate(s->pcap);
	if (rc < 0) {
		switch (rc) {
		case PCAP_ERROR_NO_SUCH_DEVICE:
			snprintf(err, errlen, "%s: no such interface (see "
			    "'ip link' or 'roamscope --list')", ifname);
			return RS_EXIT_IFACE;
		case PCAP_ERROR_PERM_DENIED:
			snprintf(err, errlen, "capturing on %s needs "
			    "CAP_NET_RAW: run as root, or 'setcap "
			    "cap_net_raw,cap_net_admin+ep' on roamscope",
			    ifname);
			return RS_EXIT_PERM;
		case PCAP_ERROR_IFACE_NOT_UP:
			snprintf(err, errlen, "%s is down: bring it up with "
			    "'ip link set %s up'", ifname, ifname);
			return RS_EXIT_IFACE;
		default:
			snprintf(err, errlen, "%s: %s", ifname,
			    pcap_geterr(s->pcap));
			return RS_EXIT_IFACE;
		}
	}
	s->dlt = pcap_datalink(s->pcap);
	if (!d11_dlt_supported(s->dlt)) {
		/* Some drivers offer radiotap beside 802.11 or Ethernet. */
		n = pcap_list_datalinks(s->pcap, &dlts);
		for (i = 0; i < n; i++) {
			if (dlts[i] == D11_DLT_RADIOTAP)
				pick = dlts[i];
			else if (pick == -1 && d11_dlt_supported(dlts[i]))
				pick = dlts[i];
		}
		if (dlts != NULL)
			pcap_free_datalinks(dlts);
		if (pick != -1 && pcap_set_datalink(s->pcap, pick) == 0)
			s->dlt = pick;
	}
	if (!d11_dlt_supported(s->dlt)) {
		dn = pcap_datalink_val_to_name(s->dlt);
		snprintf(err, errlen, "%s is not in monitor mode (link type "
		    "%s): create a monitor interface with -m phyN[:channel], "
		    "or 'iw dev %s set type monitor'", ifname,
		    dn != NULL ? dn : "unknown", ifname);
		return RS_EXIT_IFACE;
	}
	if (pcap_setnonblock(s->pcap, 1, ebuf) == -1) {
		snprintf(err, errlen, "%s: %s", ifname, ebuf);
		return RS_EXIT_IFACE;
	}
	s->live = 1;
	return 0;
}

int
cap_add_iface(struct cap *c, const char *ifname, char *err, size_t errlen)
{
	struct cap_src	*s;
	int		 rc;

	if ((s = cap_src_new(c, CAP_IFACE, ifname, err, errlen)) == NULL)
		return RS_EXIT_INTERNAL;
	if ((rc = live_open(s, ifname, err, errlen)) != 0) {
		cap_src_free(s);
		return rc;
	}
	cap_src_attach(c, s);
	return 0;
}

int
cap_add_monitor(struct cap *c, const char *spec, char *err, size_t errlen)
{
	struct cap_src	*s;
	char		 e2[256];
	int		 rc, ch;

	if ((s = cap_src_new(c, CAP_MONITOR, spec, err, errlen)) == NULL)
		return RS_EXIT_INTERNAL;
	if ((rc = nl80211_create_monitor(spec, &s->mon, err, errlen)) != 0) {
		cap_src_free(s);
		return rc;
	}
	s->have_mon = 1;
	if (s->mon.removed[0] != '\0')
		cap_note(c, "removed leftover monitor interface%s %s on the "
		    "radio of -m %s, left by an earlier run that was killed",
		    strchr(s->mon.removed, ' ') != NULL ? "s" : "",
		    s->mon.removed, spec);
	s->freq = s->mon.freq;
	snprintf(s->name, sizeof s->name, "%s", s->mon.ifname);
	ch = d11_freq_to_channel(s->freq);
	if (s->freq != 0)
		snprintf(s->desc, sizeof s->desc, "%s ch%d", s->mon.ifname,
		    ch);
	else
		snprintf(s->desc, sizeof s->desc, "%s", s->mon.ifname);
	if ((rc = live_open(s, s->mon.ifname, err, errlen)) != 0) {
		nl80211_delete_monitor(&s->mon, e2, sizeof e2);
		s->have_mon = 0;
		cap_src_free(s);
		return rc;
	}
	cap_src_attach(c, s);
	return 0;
}

static void
pcap_cb(u_char *user, const struct pcap_pkthdr *h, const u_char *data)
{
	struct cap_src	*s = (struct cap_src *)user;
	struct capr_rec	 rec;

	memset(&rec, 0, sizeof rec);
	rec.data = data;
	rec.caplen = h->caplen;
	rec.origlen = h->len;
	rec.has_ts = true;
	/* tv_usec holds ns (PCAP_TSTAMP_PRECISION_NANO) */
	rec.ts_ns = (int64_t)((uint64_t)h->ts.tv_sec * 1000000000u +
	    (uint64_t)h->ts.tv_usec);
	rec.dlt = s->dlt;
	src_push(s, &rec);
}

void
live_stats(struct cap_src *s)
{
	struct pcap_stat	 ps;

	if (pcap_stats(s->pcap, &ps) == 0)
		atomic_store(&s->kdrops, (uint64_t)ps.ps_drop + ps.ps_ifdrop);
}

/*
 * A savefile read as an interface (live_add_handle): as fast as libpcap
 * reads it, dropping when the ring is full, until its end.
 */
static void
offline_run(struct cap_src *s)
{
	int	 rc;

	while (!atomic_load(&s->cap->stop)) {
		s->batch_ns = rs_mono_ns();
		rc = pcap_dispatch(s->pcap, SRC_BATCH_MAX, pcap_cb,
		    (u_char *)s);
		src_publish(s);
		if (rc <= 0)
			break;
	}
}

void
live_run(struct cap_src *s)
{
	struct pollfd	 pfd[2];
	int64_t		 last = rs_mono_ns();
	int		 rc;

	if (s->offline) {
		offline_run(s);
		return;
	}
	pfd[0].fd = pcap_get_selectable_fd(s->pcap);
	pfd[0].events = POLLIN;
	pfd[1].fd = s->cap->stopfd;
	pfd[1].events = POLLIN;
	while (!atomic_load(&s->cap->stop)) {
		rc = poll(pfd, 2, LIVE_POLL_MS);
		if (rc == -1 && errno != EINTR)
			break;
		if (atomic_load(&s->cap->stop))
			break;
		if (rc > 0 && (pfd[0].revents & (POLLERR | POLLHUP |
		    POLLNVAL)) && !(pfd[0].revents & POLLIN)) {
			s->error = RS_EXIT_IFACE;
			snprintf(s->errmsg, sizeof s->errmsg, "%s went away "
			    "(interface removed or down)", s->name);
			break;
		}
		/* what the kernel holds now, stamped once, handed on at once */
		s->batch_ns = rs_mono_ns();
		rc = pcap_dispatch(s->pcap, -1, pcap_cb, (u_char *)s);
		src_publish(s);
		if (rc == PCAP_ERROR) {
			s->error = RS_EXIT_IFACE;
			snprintf(s->errmsg, sizeof s->errmsg, "%s: %s (the "
			    "interface went away?)", s->name,
			    pcap_geterr(s->pcap));
			break;
		}
		if (s->batch_ns - last > 1000000000LL) {
			live_stats(s);
			last = s->batch_ns;
		}
	}
	live_stats(s);
}

int
live_add_handle(struct cap *c, pcap_t *p, const char *name, char *err,
    size_t errlen)
{
	struct cap_src	*s;

	if ((s = cap_src_new(c, CAP_IFACE, name, err, errlen)) == NULL)
		return RS_EXIT_INTERNAL;
	s->pcap = p;
	s->offline = 1;
	s->live = 1;
	s->dlt = pcap_datalink(p);
	if (!d11_dlt_supported(s->dlt)) {
		s->pcap = NULL;
		cap_src_free(s);
		return cap_linktype_error(name, pcap_datalink(p), err, errlen);
	}
	cap_src_attach(c, s);
	return 0;
}
