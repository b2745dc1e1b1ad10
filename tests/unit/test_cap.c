/*
 * test_cap.c -- file sources, the merge, the error codes and the pcapng
 * writer, on the captures in tests/data/ and on small files made here.
 *
 * Counts and times are checked against an independent reader (libpcap's
 * pcap_next_ex loop) and against tshark's frame numbers in the
 * .tshark.tsv oracle files (frame.number, frame.time_relative).
 */
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <pcap/pcap.h>

#include "cap/cap.h"
#include "cap/cap_int.h"
#include "cap/nl80211.h"
#include "cap/pcapng.h"
#include "pcapw.h"
#include "rs.h"

static char	 tmpdir[256];

static const char *
data(const char *rel)
{
	static char	 buf[4][1024];
	static int	 k;
	const char	*top = getenv("top_srcdir");

	k = (k + 1) % 4;
	snprintf(buf[k], sizeof buf[k], "%s/tests/data/%s",
	    top != NULL ? top : ".", rel);
	return buf[k];
}

static const char *
tmp(const char *name)
{
	static char	 buf[4][512];
	static int	 k;

	k = (k + 1) % 4;
	snprintf(buf[k], sizeof buf[k], "%s/%s", tmpdir, name);
	return buf[k];
}

/* The independent reader: record count and times straight from libpcap. */
static size_t
pcap_times(const char *path, int64_t *ts, size_t max)
{
	char			 eb[PCAP_ERRBUF_SIZE];
	pcap_t			*p;
	struct pcap_pkthdr	*h;
	const u_char		*d;
	size_t			 n = 0;

	p = pcap_open_offline_with_tstamp_precision(path,
	    PCAP_TSTAMP_PRECISION_NANO, eb);
	assert_non_null(p);
	while (pcap_next_ex(p, &h, &d) == 1) {
		if (ts != NULL && n < max)
			ts[n] = (int64_t)h->ts.tv_sec * 1000000000LL +
			    h->ts.tv_usec;
		n++;
	}
	pcap_close(p);
	return n;
}

static void
copy_prefix(const char *from, const char *to, long cut)
{
	FILE	*in = fopen(from, "rb"), *out = fopen(to, "wb");
	long	 size, i;
	int	 c;

	assert_non_null(in);
	assert_non_null(out);
	fseek(in, 0, SEEK_END);
	size = ftell(in);
	rewind(in);
	for (i = 0; i < size - cut && (c = fgetc(in)) != EOF; i++)
		fputc(c, out);
	fclose(in);
	fclose(out);
}

static void
write_file(const char *path, const void *p, size_t n)
{
	FILE	*f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(p, 1, n, f), n);
	fclose(f);
}

/* Drain a started cap; returns the records, checks n runs 1, 2, 3... */
static size_t
drain(struct cap *c, int64_t *ts, uint16_t *src, size_t max)
{
	const struct rs_rec	*r;
	size_t			 n = 0;
	int			 rc;

	while ((rc = cap_next(c, &r, 5000)) != -1) {
		assert_int_equal(rc, 1);	/* files never stall 5 s */
		assert_int_equal(r->n, n + 1);
		assert_true(r->raw != NULL);
		assert_true(r->caplen <= RS_REC_MAX_BYTES);
		if (n < max) {
			if (ts != NULL)
				ts[n] = r->ts_ns;
			if (src != NULL)
				src[n] = r->src;
		}
		n++;
	}
	return n;
}

static int
add_rc(const char *path, char *err, size_t errlen)
{
	struct cap	*c = cap_new();
	int		 rc;

	rc = cap_add_file(c, path, false, err, errlen);
	cap_free(c);
	return rc;
}

/* ------------------------------------------------------------------------ */

#define MAXREC	30000

static void
check_against_tsv(const char *rel)
{
	struct cap	*c = cap_new();
	char		 err[512], line[4096], tsv[1100];
	int64_t		*ts = calloc(MAXREC, sizeof *ts);
	int64_t		*ref = calloc(MAXREC, sizeof *ref);
	size_t		 n, nref, rows = 0, i;
	unsigned long	 num;
	double		 rel_t;
	FILE		*f;

	assert_int_equal(cap_add_file(c, data(rel), false, err, sizeof err),
	    0);
	assert_int_equal(cap_start(c, err, sizeof err), 0);
	n = drain(c, ts, NULL, MAXREC);
	nref = pcap_times(data(rel), ref, MAXREC);
	assert_int_equal(n, nref);
	for (i = 0; i < n && i < MAXREC; i++)
		assert_int_equal(ts[i], ref[i]);

	/* tshark's frame numbers: record n has the oracle row's time */
	snprintf(tsv, sizeof tsv, "%s.tshark.tsv", data(rel));
	f = fopen(tsv, "r");
	assert_non_null(f);
	assert_non_null(fgets(line, sizeof line, f));	/* header */
	while (fgets(line, sizeof line, f) != NULL) {
		assert_int_equal(sscanf(line, "%lu\t%lf", &num, &rel_t), 2);
		assert_true(num >= 1 && num <= n);
		assert_true(llabs((ts[num - 1] - ts[0]) -
		    (int64_t)(rel_t * 1e9)) < 2000);
		rows++;
	}
	fclose(f);
	assert_true(rows > 0);
	cap_stop(c);
	cap_free(c);
	free(ts);
	free(ref);
}

static void
test_counts_match_tshark(void **state)
{
	(void)state;
	check_against_tsv("lab/ft-ota-ok.pcap");
	check_against_tsv("lab/btm-steer.pcap");
	check_against_tsv("public/wireshark/wpa2-ft-psk.pcapng");
	check_against_tsv("public/aircrack-ng/pmkid-not-recognized.cap");
}

static void
test_merge_three(void **state)
{
	const char	*f[3] = { "lab/ft-ota-ok.pcap",
			    "public/wireshark/wpa2-ft-psk.pcapng",
			    "lab/btm-steer.pcap" };
	struct cap	*c = cap_new();
	struct cap_source_info in;
	char		 err[512];
	int64_t		*ts = calloc(MAXREC, sizeof *ts);
	uint16_t	*src = calloc(MAXREC, sizeof *src);
	size_t		 want = 0, n, i, k, per[3] = { 0, 0, 0 };

	(void)state;
	for (k = 0; k < 3; k++) {
		assert_int_equal(cap_add_file(c, data(f[k]), false, err,
		    sizeof err), 0);
		want += pcap_times(data(f[k]), NULL, 0);
	}
	assert_int_equal(cap_nsources(c), 3);
	assert_false(cap_live(c));
	assert_int_equal(cap_start(c, err, sizeof err), 0);
	n = drain(c, ts, src, MAXREC);
	assert_int_equal(n, want);
	for (i = 0; i < n; i++) {
		if (i > 0)
			assert_true(ts[i] >= ts[i - 1]);
		per[src[i]]++;
	}
	for (k = 0; k < 3; k++) {
		cap_source_info(c, k, &in);
		assert_int_equal(in.received, per[k]);
		assert_int_equal(in.ring_drops, 0);
		assert_true(in.ended);
		assert_int_equal(in.error, 0);
		assert_int_equal(in.dlt, 127);
	}
	cap_stop(c);
	cap_free(c);
	free(ts);
	free(src);
}

/* A ring much smaller than the file: files wait, never drop. */
static void
test_small_ring_no_loss(void **state)
{
	struct cap	*c;
	struct cap_source_info in;
	char		 err[512];
	const char	*f = data("public/aircrack-ng/pmkid-not-recognized.cap");
	size_t		 n;

	(void)state;
	setenv("ROAMSCOPE_RING_SLOTS", "4", 1);
	c = cap_new();
	unsetenv("ROAMSCOPE_RING_SLOTS");
	assert_int_equal(cap_add_file(c, f, false, err, sizeof err), 0);
	assert_int_equal(cap_start(c, err, sizeof err), 0);
	n = drain(c, NULL, NULL, 0);
	assert_int_equal(n, pcap_times(f, NULL, 0));
	cap_source_info(c, 0, &in);
	assert_int_equal(in.ring_drops, 0);
	cap_free(c);
}

/*
 * A live source whose consumer is slower than its offer: a 4-slot ring
 * overflows, and every record read is either handed out or counted as
 * dropped, exactly (the ring publishes in batches).
 */
static void
test_live_drops_exact(void **state)
{
	const char		*f = data("lab/ft-ota-ok.pcap");
	const struct rs_rec	*r;
	struct cap_source_info	 in;
	struct cap		*c;
	char			 eb[PCAP_ERRBUF_SIZE], err[512];
	pcap_t			*p;
	uint64_t		 n = 0;
	int			 rc;

	(void)state;
	setenv("ROAMSCOPE_RING_SLOTS", "4", 1);
	c = cap_new();
	unsetenv("ROAMSCOPE_RING_SLOTS");
	assert_non_null(p = pcap_open_offline(f, eb));
	assert_int_equal(live_add_handle(c, p, "slow", err, sizeof err), 0);
	assert_int_equal(cap_start(c, err, sizeof err), 0);
	while ((rc = cap_next(c, &r, 5000)) != -1) {
		assert_int_equal(rc, 1);
		assert_int_equal(r->n, n + 1);
		n++;
		usleep(2000);
	}
	cap_source_info(c, 0, &in);
	assert_int_equal(in.received, pcap_times(f, NULL, 0));
	assert_true(in.ring_drops > 0);		/* the ring did overflow */
	assert_int_equal(in.received, n + in.ring_drops);
	cap_free(c);
}

static void
test_errors(void **state)
{
	uint8_t		 eth_hdr[PCAPW_HDR_LEN];
	char		 err[512];
	int		 rc;

	(void)state;
	pcapw_header(eth_hdr, 65535, DLT_EN10MB);
	rc = add_rc(tmp("nope.pcap"), err, sizeof err);
	assert_int_equal(rc, RS_EXIT_NOFILE);
	assert_non_null(strstr(err, "no such file"));

	rc = add_rc(tmpdir, err, sizeof err);
	assert_int_equal(rc, RS_EXIT_NOFILE);
	assert_non_null(strstr(err, "is a directory"));

	write_file(tmp("empty.pcap"), "", 0);
	rc = add_rc(tmp("empty.pcap"), err, sizeof err);
	assert_int_equal(rc, RS_EXIT_FORMAT);
	assert_non_null(strstr(err, "is empty"));

	write_file(tmp("text.pcap"), "this is some text, not a capture\n", 33);
	rc = add_rc(tmp("text.pcap"), err, sizeof err);
	assert_int_equal(rc, RS_EXIT_FORMAT);
	assert_non_null(strstr(err, "is not a pcap or pcapng capture"));

	copy_prefix(data("lab/ft-ota-ok.pcap"), tmp("short.pcap"), 0);
	assert_int_equal(truncate(tmp("short.pcap"), 10), 0);
	rc = add_rc(tmp("short.pcap"), err, sizeof err);
	assert_int_equal(rc, RS_EXIT_FORMAT);

	write_file(tmp("eth.pcap"), eth_hdr, sizeof eth_hdr);
	rc = add_rc(tmp("eth.pcap"), err, sizeof err);
	assert_int_equal(rc, RS_EXIT_LINKTYPE);
	assert_non_null(strstr(err, "EN10MB"));
	assert_non_null(strstr(err, D11_DLT_LIST));

	if (geteuid() != 0) {
		write_file(tmp("secret.pcap"), eth_hdr, sizeof eth_hdr);
		chmod(tmp("secret.pcap"), 0);
		rc = add_rc(tmp("secret.pcap"), err, sizeof err);
		assert_int_equal(rc, RS_EXIT_NOFILE);
		assert_non_null(strstr(err, "permission denied"));
	}
}

static void
test_truncated_last_record(void **state)
{
	struct cap	*c = cap_new();
	struct cap_source_info in;
	const char	*orig = data("lab/ft-ota-ok.pcap");
	char		 err[512], want[128];
	size_t		 total = pcap_times(orig, NULL, 0), n;

	(void)state;
	copy_prefix(orig, tmp("trunc.pcap"), 20);
	assert_int_equal(cap_add_file(c, tmp("trunc.pcap"), false, err,
	    sizeof err), 0);
	assert_int_equal(cap_start(c, err, sizeof err), 0);
	n = drain(c, NULL, NULL, 0);
	assert_int_equal(n, total - 1);
	cap_source_info(c, 0, &in);
	assert_true(in.ended);
	assert_int_equal(in.error, RS_EXIT_TRUNCATED);
	snprintf(want, sizeof want, "last record truncated after %zu frames",
	    total - 1);
	assert_non_null(strstr(in.errmsg, want));
	cap_free(c);
}

static uint8_t *
put32(uint8_t *p, uint32_t v)
{
	memcpy(p, &v, 4);
	return p + 4;
}

/* A hand-built pcapng block: type, length, body padded, length. */
static size_t
block(uint8_t *out, uint32_t type, const void *body, size_t n)
{
	size_t	 pad = (4 - n % 4) % 4, len = 12 + n + pad;
	uint8_t	*p = out;

	p = put32(p, type);
	p = put32(p, (uint32_t)len);
	memcpy(p, body, n);
	memset(p + n, 0, pad);
	p += n + pad;
	put32(p, (uint32_t)len);
	return len;
}

/* libpcap skips blocks it does not know; we must read straight past. */
static void
test_pcapng_unknown_block(void **state)
{
	/* radiotap (8 bytes) + a 24-byte beacon header + 12 fixed bytes */
	uint8_t		 pkt[44] = { 0, 0, 8, 0, 0, 0, 0, 0, 0x80, 0 };
	uint8_t		 buf[1024], body[128], *p;
	size_t		 len = 0, n;
	struct cap	*c = cap_new();
	char		 err[512];
	uint32_t	 i;
	int		 k;

	(void)state;
	memset(pkt + 12, 0xff, 6);
	p = put32(body, 0x1a2b3c4d);		/* SHB */
	p = put32(p, 1);			/* version 1.0 */
	p = put32(p, 0xffffffff);
	p = put32(p, 0xffffffff);
	len += block(buf + len, 0x0a0d0d0a, body, (size_t)(p - body));
	p = put32(body, 127);			/* IDB: radiotap */
	p = put32(p, 0);
	len += block(buf + len, 1, body, (size_t)(p - body));
	for (k = 0; k < 3; k++) {
		p = put32(body, 0);		/* EPB */
		p = put32(p, 0);
		p = put32(p, (uint32_t)k + 1);
		p = put32(p, sizeof pkt);
		p = put32(p, sizeof pkt);
		memcpy(p, pkt, sizeof pkt);
		p += sizeof pkt;
		len += block(buf + len, 6, body, (size_t)(p - body));
		/* an unknown block type between the packets */
		len += block(buf + len, 0x0bad0bad + (uint32_t)k,
		    "unknown block!", 14);
	}
	write_file(tmp("unknown.pcapng"), buf, len);
	assert_int_equal(cap_add_file(c, tmp("unknown.pcapng"), false, err,
	    sizeof err), 0);
	assert_int_equal(cap_start(c, err, sizeof err), 0);
	n = drain(c, NULL, NULL, 0);
	assert_int_equal(n, 3);
	for (i = 0; i < 1; i++) {
		struct cap_source_info in;

		cap_source_info(c, i, &in);
		assert_int_equal(in.error, 0);
	}
	cap_free(c);
}

/* The writer API: records from a real capture, read back by libpcap. */
static void
test_pcapng_writer(void **state)
{
	const char		*f = data("lab/btm-steer.pcap");
	char			 eb[PCAP_ERRBUF_SIZE], err[256], cmd[1200];
	pcap_t			*in, *back;
	struct pcap_pkthdr	*h, *h2;
	const u_char		*d, *d2;
	struct pcapng_w		*w;
	size_t			 n = 0, m = 0;
	FILE			*pp;

	(void)state;
	in = pcap_open_offline_with_tstamp_precision(f,
	    PCAP_TSTAMP_PRECISION_NANO, eb);
	assert_non_null(in);
	w = pcapng_open(tmp("w.pcapng"), err, sizeof err);
	assert_non_null(w);
	assert_int_equal(pcapng_add_iface(w, 127, "mon0", 0), 0);
	assert_int_equal(pcapng_add_iface(w, 127, "mon1", 0), 1);
	while (pcap_next_ex(in, &h, &d) == 1) {
		assert_int_equal(pcapng_write(w, (int)(n % 2),
		    (int64_t)h->ts.tv_sec * 1000000000LL + h->ts.tv_usec, d,
		    h->caplen, h->len), 0);
		n++;
	}
	assert_int_equal(pcapng_write(w, 2, 0, d, 1, 1), -1);
	assert_int_equal(pcapng_close(w, err, sizeof err), 0);
	pcap_close(in);

	in = pcap_open_offline_with_tstamp_precision(f,
	    PCAP_TSTAMP_PRECISION_NANO, eb);
	back = pcap_open_offline_with_tstamp_precision(tmp("w.pcapng"),
	    PCAP_TSTAMP_PRECISION_NANO, eb);
	assert_non_null(back);
	assert_int_equal(pcap_datalink(back), 127);
	while (pcap_next_ex(back, &h2, &d2) == 1) {
		assert_int_equal(pcap_next_ex(in, &h, &d), 1);
		assert_int_equal(h2->caplen, h->caplen);
		assert_int_equal(h2->len, h->len);
		assert_int_equal(h2->ts.tv_sec, h->ts.tv_sec);
		assert_int_equal(h2->ts.tv_usec, h->ts.tv_usec);
		assert_memory_equal(d2, d, h->caplen);
		m++;
	}
	assert_int_equal(m, n);
	pcap_close(in);
	pcap_close(back);

	/* Different link types per interface: tshark, when we have it. */
	if (getenv("TSHARK") != NULL && *getenv("TSHARK") != '\0') {
		static const uint8_t beacon[36] = { 0x80, 0 };
		char	 line[64];

		w = pcapng_open(tmp("mixed.pcapng"), err, sizeof err);
		assert_non_null(w);
		assert_int_equal(pcapng_add_iface(w, 105, "plain", 0), 0);
		assert_int_equal(pcapng_add_iface(w, 127, "rt", 0), 1);
		pcapng_write(w, 0, 1000, beacon, sizeof beacon, sizeof beacon);
		pcapng_write(w, 1, 2000, d, 0, 0);
		assert_int_equal(pcapng_close(w, err, sizeof err), 0);
		snprintf(cmd, sizeof cmd, "'%s' -r '%s' -T fields -e "
		    "frame.interface_id 2>/dev/null | tr '\\n' ' '",
		    getenv("TSHARK"), tmp("mixed.pcapng"));
		pp = popen(cmd, "r");
		assert_non_null(pp);
		assert_non_null(fgets(line, sizeof line, pp));
		assert_string_equal(line, "0 1 ");
		assert_int_equal(pclose(pp), 0);
	}
}

/* -w through the capture threads: every record of every source. */
static void
test_cap_writer(void **state)
{
	const char	*f1 = data("lab/ft-ota-ok.pcap");
	const char	*f2 = data("lab/btm-steer.pcap");
	struct cap	*c = cap_new();
	char		 err[512];
	size_t		 n;

	(void)state;
	assert_int_equal(cap_set_writer(c, tmp("all.pcapng"), err,
	    sizeof err), 0);
	assert_int_equal(cap_add_file(c, f1, false, err, sizeof err), 0);
	assert_int_equal(cap_add_file(c, f2, false, err, sizeof err), 0);
	assert_int_equal(cap_start(c, err, sizeof err), 0);
	n = drain(c, NULL, NULL, 0);
	cap_stop(c);
	assert_int_equal(n, pcap_times(tmp("all.pcapng"), NULL, 0));
	assert_int_equal(n, pcap_times(f1, NULL, 0) + pcap_times(f2, NULL, 0));
	cap_free(c);

	assert_int_equal(cap_set_writer(c = cap_new(),
	    "/nonexistent-dir/x.pcapng", err, sizeof err), RS_EXIT_WRITE);
	cap_free(c);
}

/* Replay at 20x: a capture spanning S seconds takes about S/20. */
static void
test_replay_pacing(void **state)
{
	const char	*f = data("lab/ft-ota-ok.pcap");
	struct cap	*c = cap_new();
	char		 err[512];
	int64_t		 ts[2];
	int64_t		 a;
	double		 span, took;
	int64_t		*all = calloc(MAXREC, sizeof *all);
	size_t		 n;

	(void)state;
	n = pcap_times(f, all, MAXREC);
	ts[0] = all[0];
	ts[1] = all[n - 1];
	span = (double)(ts[1] - ts[0]) / 1e9;
	assert_int_equal(cap_add_file(c, f, false, err, sizeof err), 0);
	cap_set_replay(c, 20);
	assert_int_equal(cap_start(c, err, sizeof err), 0);
	a = rs_mono_ns();
	assert_int_equal(drain(c, NULL, NULL, 0), n);
	took = (double)(rs_mono_ns() - a) / 1e9;
	assert_true(took >= span / 20 * 0.95);
	assert_true(took < span / 20 + 2.0);
	cap_free(c);
	free(all);
}

struct grower {
	const char	*from;
	const char	*to;
	size_t		 chunk;
};

static void *
grow(void *arg)
{
	struct grower	*g = arg;
	FILE		*in = fopen(g->from, "rb");
	int		 fd = open(g->to, O_WRONLY | O_APPEND);
	char		 buf[4096];
	size_t		 n;
	struct timespec	 ts = { 0, 5000000 };

	while ((n = fread(buf, 1, g->chunk, in)) > 0) {
		if (write(fd, buf, n) != (ssize_t)n)
			break;
		nanosleep(&ts, NULL);
	}
	fclose(in);
	close(fd);
	return NULL;
}

/* --follow: a file written in odd-sized pieces while we read it. */
static void
follow_one(const char *rel)
{
	struct grower	 g = { data(rel), tmp("growing"), 1000 };
	struct cap	*c = cap_new();
	const struct rs_rec *r;
	char		 err[512];
	int64_t		*ref = calloc(MAXREC, sizeof *ref);
	size_t		 want = pcap_times(g.from, ref, MAXREC), n = 0;
	pthread_t	 t;
	int		 rc, idle = 0;

	write_file(g.to, "", 0);
	assert_int_equal(cap_add_file(c, g.to, true, err, sizeof err), 0);
	assert_int_equal(cap_start(c, err, sizeof err), 0);
	pthread_create(&t, NULL, grow, &g);
	while (n < want && idle < 50) {
		rc = cap_next(c, &r, 100);
		assert_int_not_equal(rc, -1);	/* follow never ends */
		if (rc == 0) {
			idle++;
			continue;
		}
		assert_int_equal(r->n, n + 1);
		assert_int_equal(r->ts_ns, ref[n]);
		n++;
	}
	pthread_join(t, NULL);
	assert_int_equal(n, want);
	assert_int_equal(cap_next(c, &r, 300), 0);
	cap_stop(c);
	cap_free(c);
	free(ref);
}

static void
test_follow(void **state)
{
	(void)state;
	follow_one("lab/ft-ota-ok.pcap");
	follow_one("public/wireshark/wpa2-ft-psk.pcapng");
}

/* ------------------------------------------------------------------------
 * Several sources hearing the same frames (two adapters on overlapping
 * channels): built from a lab capture, checked with our own reading of the
 * radiotap length and the Frame Control field, not with the parser.
 */
struct prec {
	int64_t		 ts;
	uint32_t	 len;
	uint8_t		*d;
};

static size_t
load_recs(const char *path, struct prec *r, size_t max, int *dlt)
{
	char			 eb[PCAP_ERRBUF_SIZE];
	pcap_t			*p;
	struct pcap_pkthdr	*h;
	const u_char		*d;
	size_t			 n = 0;

	p = pcap_open_offline_with_tstamp_precision(path,
	    PCAP_TSTAMP_PRECISION_NANO, eb);
	assert_non_null(p);
	*dlt = pcap_datalink(p);
	while (n < max && pcap_next_ex(p, &h, &d) == 1) {
		assert_int_equal(h->caplen, h->len);
		r[n].ts = (int64_t)h->ts.tv_sec * 1000000000LL +
		    h->ts.tv_usec;
		r[n].len = h->caplen;
		r[n].d = malloc(h->caplen);
		assert_non_null(r[n].d);
		memcpy(r[n].d, d, h->caplen);
		n++;
	}
	pcap_close(p);
	return n;
}

static int
prec_cmp(const void *a, const void *b)
{
	const struct prec	*x = a, *y = b;

	return x->ts < y->ts ? -1 : x->ts > y->ts;
}

static void
save_recs(const char *path, struct prec *r, size_t n, int dlt)
{
	pcap_t			*p;
	pcap_dumper_t		*w;
	struct pcap_pkthdr	 h;
	size_t			 i;

	qsort(r, n, sizeof *r, prec_cmp);
	p = pcap_open_dead_with_tstamp_precision(dlt, 65535,
	    PCAP_TSTAMP_PRECISION_NANO);
	assert_non_null(p);
	assert_non_null(w = pcap_dump_open(p, path));
	for (i = 0; i < n; i++) {
		memset(&h, 0, sizeof h);
		h.ts.tv_sec = r[i].ts / 1000000000LL;
		h.ts.tv_usec = r[i].ts % 1000000000LL;	/* ns: NANO */
		h.caplen = h.len = r[i].len;
		pcap_dump((u_char *)w, &h, r[i].d);
	}
	pcap_dump_close(w);
	pcap_close(p);
}

/* Radiotap: its length at offset 2; Frame Control flags right after. */
static size_t
rt_len(const uint8_t *d)
{
	return (size_t)d[2] | (size_t)d[3] << 8;
}

static bool
rt_retry(const uint8_t *d, size_t len)
{
	size_t	 o = rt_len(d);

	return o + 2 <= len && (d[o + 1] & 0x08) != 0;
}

static uint8_t *
dupbytes(const struct prec *r)
{
	uint8_t	*d = malloc(r->len);

	assert_non_null(d);
	memcpy(d, r->d, r->len);
	return d;
}

/* Two interfaces, as -w writes two adapters: in (simulated) arrival order. */
static void
arrival_file(const char *path, const struct prec *a, size_t na,
    const struct prec *b, size_t nb, int dlt)
{
	struct pcapng_w	*w;
	char		 err[256];
	size_t		 i = 0, k = 0;

	assert_non_null(w = pcapng_open(path, err, sizeof err));
	assert_int_equal(pcapng_add_iface(w, dlt, "mon0", 65535), 0);
	assert_int_equal(pcapng_add_iface(w, dlt, "mon1", 65535), 1);
	while (i < na || k < nb) {
		if (k == nb || (i < na && a[i].ts < b[k].ts - 5000000)) {
			pcapng_write(w, 0, a[i].ts, a[i].d, a[i].len,
			    a[i].len);
			i++;
		} else {
			pcapng_write(w, 1, b[k].ts, b[k].d, b[k].len,
			    b[k].len);
			k++;
		}
	}
	assert_int_equal(pcapng_close(w, err, sizeof err), 0);
}

/*
 * A has every frame; B has two thirds of them 3 ms later, a retransmission
 * (Retry set) of one of them, and a copy of another 50 ms later (outside
 * the window: a frame of its own).  The merge must give A, plus those two,
 * in time order; B's copies count as its dups.
 */
static void
test_dedup_two_sources(void **state)
{
	struct prec	*a = calloc(MAXREC, sizeof *a);
	struct prec	*b = calloc(MAXREC, sizeof *b);
	struct cap	*c;
	struct cap_source_info ia, ib;
	const struct rs_rec *r;
	char		 err[512];
	size_t		 na, nb = 0, i, n = 0, subset = 0, retries = 0;
	size_t		 got_retries = 0, kr = 0, kf = 0;
	int64_t		 last = INT64_MIN;
	int		 dlt, rc;

	(void)state;
	na = load_recs(data("lab/ft-ota-ok.pcap"), a, MAXREC, &dlt);
	assert_true(na > 100);
	assert_int_equal(dlt, 127);
	for (i = 0; i < na; i++) {
		if (rt_retry(a[i].d, a[i].len))
			retries++;
		if (i % 3 == 0) {
			if (kf == 0 && i > 20)
				kf = i;
			continue;
		}
		b[nb] = a[i];
		b[nb].d = dupbytes(&a[i]);
		b[nb++].ts += 3000000;
		subset++;
		if (kr == 0 && i > 20 && !rt_retry(a[i].d, a[i].len))
			kr = i;
	}
	assert_true(kr != 0 && kf != 0);
	/* The retransmission: same bytes but the Retry bit, 4 ms later. */
	b[nb] = a[kr];
	b[nb].d = dupbytes(&a[kr]);
	b[nb].d[rt_len(b[nb].d) + 1] |= 0x08;
	b[nb++].ts += 4000000;
	/* The same bytes again, 50 ms later: not a copy. */
	b[nb] = a[kf];
	b[nb].d = dupbytes(&a[kf]);
	b[nb++].ts += 50000000;
	save_recs(tmp("dd-b.pcap"), b, nb, dlt);

	c = cap_new();
	assert_int_equal(cap_add_file(c, data("lab/ft-ota-ok.pcap"), false,
	    err, sizeof err), 0);
	assert_int_equal(cap_add_file(c, tmp("dd-b.pcap"), false, err,
	    sizeof err), 0);
	assert_int_equal(cap_set_writer(c, tmp("dd-w.pcapng"), err,
	    sizeof err), 0);
	assert_int_equal(cap_start(c, err, sizeof err), 0);
	while ((rc = cap_next(c, &r, 5000)) != -1) {
		assert_int_equal(rc, 1);
		assert_int_equal(r->n, n + 1);
		assert_true(r->ts_ns >= last);
		last = r->ts_ns;
		if (rt_retry(r->raw, r->caplen))
			got_retries++;
		n++;
	}
	assert_int_equal(n, na + 2);
	assert_int_equal(got_retries, retries + 1);
	cap_source_info(c, 0, &ia);
	cap_source_info(c, 1, &ib);
	assert_int_equal(ia.received, na);
	assert_int_equal(ib.received, nb);
	assert_int_equal(ia.dups, 0);		/* A's copies came first */
	assert_int_equal(ib.dups, subset);
	cap_free(c);

	/*
	 * -w kept every copy, one pcapng interface per source, in arrival
	 * order (live: about time order, B's copies 5 ms early here, so
	 * either copy may come first): read back as one file, it tells the
	 * same frames.
	 */
	assert_int_equal(pcap_times(tmp("dd-w.pcapng"), NULL, 0), na + nb);
	arrival_file(tmp("dd-arr.pcapng"), a, na, b, nb, dlt);
	c = cap_new();
	assert_int_equal(cap_add_file(c, tmp("dd-arr.pcapng"), false, err,
	    sizeof err), 0);
	assert_int_equal(cap_start(c, err, sizeof err), 0);
	n = got_retries = 0;
	while ((rc = cap_next(c, &r, 5000)) != -1) {
		assert_int_equal(rc, 1);
		if (rt_retry(r->raw, r->caplen))
			got_retries++;
		n++;
	}
	assert_int_equal(n, na + 2);
	assert_int_equal(got_retries, retries + 1);
	cap_source_info(c, 0, &ia);
	assert_int_equal(ia.received, na + nb);
	assert_int_equal(ia.dups, subset);
	assert_int_equal(ia.error, 0);
	cap_free(c);
	/* ...and cut mid-record, it says so, as libpcap would. */
	copy_prefix(tmp("dd-arr.pcapng"), tmp("dd-cut.pcapng"), 10);
	c = cap_new();
	assert_int_equal(cap_add_file(c, tmp("dd-cut.pcapng"), false, err,
	    sizeof err), 0);
	assert_int_equal(cap_start(c, err, sizeof err), 0);
	n = drain(c, NULL, NULL, 0);
	assert_true(n >= na && n <= na + 2);
	cap_source_info(c, 0, &ia);
	assert_int_equal(ia.received, na + nb - 1);
	assert_int_equal(ia.error, RS_EXIT_TRUNCATED);
	cap_free(c);

	/* One source: identical frames are its own business, no work. */
	a[na] = a[kf];
	a[na].d = dupbytes(&a[kf]);
	a[na++].ts += 1000000;
	save_recs(tmp("dd-a.pcap"), a, na, dlt);
	c = cap_new();
	assert_int_equal(cap_add_file(c, tmp("dd-a.pcap"), false, err,
	    sizeof err), 0);
	assert_int_equal(cap_start(c, err, sizeof err), 0);
	assert_int_equal(drain(c, NULL, NULL, 0), na);
	cap_source_info(c, 0, &ia);
	assert_int_equal(ia.dups, 0);
	cap_free(c);

	for (i = 0; i < na; i++)
		free(a[i].d);
	for (i = 0; i < nb; i++)
		free(b[i].d);
	free(a);
	free(b);
}

/*
 * Two followed files (sources that may stall, like live adapters), one
 * idle, and a ring of 4 slots: the busy one must flow at once, not one
 * reorder window (100 ms) per ring-full, and lose nothing.
 */
static void
test_idle_source_no_stall(void **state)
{
	struct cap	*c;
	const struct rs_rec *r;
	struct cap_source_info in;
	char		 err[512];
	const char	*f = data("lab/ft-ota-ok.pcap");
	size_t		 want = pcap_times(f, NULL, 0), n = 0;
	int64_t		 t0;
	double		 secs;
	int		 rc, idle = 0;
	uint8_t		 hdr[PCAPW_HDR_LEN];	/* radiotap, no records */

	(void)state;
	pcapw_header(hdr, 65535, D11_DLT_RADIOTAP);
	write_file(tmp("idle.pcap"), hdr, sizeof hdr);
	copy_prefix(f, tmp("busy.pcap"), 0);
	setenv("ROAMSCOPE_RING_SLOTS", "4", 1);
	c = cap_new();
	unsetenv("ROAMSCOPE_RING_SLOTS");
	assert_int_equal(cap_add_file(c, tmp("idle.pcap"), true, err,
	    sizeof err), 0);
	assert_int_equal(cap_add_file(c, tmp("busy.pcap"), true, err,
	    sizeof err), 0);
	t0 = rs_mono_ns();
	assert_int_equal(cap_start(c, err, sizeof err), 0);
	while (n < want && idle < 30) {
		rc = cap_next(c, &r, 100);
		assert_int_not_equal(rc, -1);
		if (rc == 0) {
			idle++;
			continue;
		}
		assert_int_equal(r->src, 1);
		n++;
	}
	secs = (double)(rs_mono_ns() - t0) / 1e9;
	assert_int_equal(n, want);
	/* 247 records, 4 slots: a window per ring-full would be 6 s. */
	assert_true(secs < 1.5);
	cap_source_info(c, 1, &in);
	assert_int_equal(in.ring_drops, 0);
	assert_int_equal(in.dups, 0);
	cap_stop(c);
	cap_free(c);
}

/*
 * A record written to a followed file or into a pipe is handed out at once,
 * not when a batch fills: well within 100 ms of its write, each of five
 * written 150 ms apart (what the TUI shows follows within a frame).
 */
#define LAT_N	5

struct lat_writer {
	FILE		*out;
	const char	*from;
	int64_t		 sent[LAT_N];
};

static void *
lat_write(void *arg)
{
	struct lat_writer	*w = arg;
	char			 eb[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr	*h;
	const u_char		*d;
	struct timespec		 ts = { 0, 150000000 };
	pcap_t			*p;
	int			 i;

	p = pcap_open_offline(w->from, eb);
	for (i = 0; p != NULL && i < LAT_N && pcap_next_ex(p, &h, &d) == 1;
	    i++) {
		nanosleep(&ts, NULL);
		w->sent[i] = rs_mono_ns();
		pcapw_write_record(w->out, (uint32_t)h->ts.tv_sec,
		    (uint32_t)h->ts.tv_usec, d, h->caplen);
		fflush(w->out);
	}
	if (p != NULL)
		pcap_close(p);
	fclose(w->out);
	return NULL;
}

static void
latency_of(bool follow)
{
	struct lat_writer	 w;
	struct cap		*c;
	const struct rs_rec	*r;
	char			 err[512];
	int64_t			 got[LAT_N], lat;
	pthread_t		 t;
	int			 p[2], saved = dup(0), k = 0, idle = 0, i;

	memset(&w, 0, sizeof w);
	w.from = data("lab/ft-ota-ok.pcap");
	if (follow) {
		w.out = fopen(tmp("followed.pcap"), "wb");
		assert_non_null(w.out);
		pcapw_write_header(w.out, 65535, D11_DLT_RADIOTAP);
		fflush(w.out);
	} else {
		assert_int_equal(pipe(p), 0);
		dup2(p[0], 0);
		close(p[0]);
		w.out = fdopen(p[1], "wb");
		assert_non_null(w.out);
		pcapw_write_header(w.out, 65535, D11_DLT_RADIOTAP);
		fflush(w.out);
	}
	c = cap_new();
	assert_int_equal(cap_add_file(c, follow ? tmp("followed.pcap") : "-",
	    follow, err, sizeof err), 0);
	assert_int_equal(cap_start(c, err, sizeof err), 0);
	assert_int_equal(pthread_create(&t, NULL, lat_write, &w), 0);
	while (k < LAT_N && idle < 5) {
		if (cap_next(c, &r, 1000) != 1) {
			idle++;
			continue;
		}
		got[k++] = rs_mono_ns();
	}
	pthread_join(t, NULL);
	assert_int_equal(k, LAT_N);
	for (i = 0; i < LAT_N; i++) {
		lat = got[i] - w.sent[i];
		print_message("%s record %d: handed out %.1f ms after its "
		    "write\n", follow ? "--follow" : "-r -", i + 1, lat / 1e6);
		assert_true(lat >= 0);
		assert_true(lat < 100 * 1000000LL);
	}
	cap_free(c);
	dup2(saved, 0);
	close(saved);
}

static void
test_latency(void **state)
{
	(void)state;
	latency_of(true);
	latency_of(false);
}

/*
 * A caller that polls cap_wakeup_fd itself and takes records with timeout
 * 0 (the TUI): the fd is readable when a record came, and not once that
 * record is taken and nothing else came (it stayed readable, and the TUI
 * spun on its poll at full speed).
 */
static void
test_wakeup_fd_quiet(void **state)
{
	const char		*f = data("lab/ft-ota-ok.pcap");
	char			 eb[PCAP_ERRBUF_SIZE], err[512];
	struct pcap_pkthdr	*h;
	const struct rs_rec	*r;
	const u_char		*d;
	struct pollfd		 pfd;
	struct cap		*c;
	pcap_t			*p;
	FILE			*out;
	int			 i, rc;

	(void)state;
	assert_non_null(out = fopen(tmp("quiet.pcap"), "wb"));
	pcapw_write_header(out, 65535, D11_DLT_RADIOTAP);
	fflush(out);
	c = cap_new();
	assert_int_equal(cap_add_file(c, tmp("quiet.pcap"), true, err,
	    sizeof err), 0);
	assert_int_equal(cap_start(c, err, sizeof err), 0);
	pfd.fd = cap_wakeup_fd(c);
	pfd.events = POLLIN;
	assert_non_null(p = pcap_open_offline(f, eb));
	for (i = 0; i < 3; i++) {
		assert_int_equal(cap_next(c, &r, 0), 0);	/* caught up */
		assert_int_equal(pcap_next_ex(p, &h, &d), 1);
		pcapw_write_record(out, (uint32_t)h->ts.tv_sec,
		    (uint32_t)h->ts.tv_usec, d, h->caplen);
		fflush(out);
		assert_int_equal(poll(&pfd, 1, 2000), 1);	/* it came */
		while ((rc = cap_next(c, &r, 0)) == 0)
			;
		assert_int_equal(rc, 1);
		assert_int_equal(r->n, (uint64_t)i + 1);
		assert_int_equal(cap_next(c, &r, 0), 0);
		assert_int_equal(poll(&pfd, 1, 0), 0);		/* quiet */
	}
	pcap_close(p);
	fclose(out);
	cap_free(c);
}

/* -r -: a stream on stdin, also cut mid-record. */
static size_t
stdin_run(const char *path, long cut, struct cap_source_info *in)
{
	struct cap	*c;
	char		 err[512];
	int		 saved = dup(0), fd;
	size_t		 n;

	copy_prefix(path, tmp("stream"), cut);
	fd = open(tmp("stream"), O_RDONLY);
	assert_true(fd >= 0);
	dup2(fd, 0);
	close(fd);
	c = cap_new();
	assert_int_equal(cap_add_file(c, "-", false, err, sizeof err), 0);
	assert_int_equal(cap_start(c, err, sizeof err), 0);
	n = drain(c, NULL, NULL, 0);
	cap_source_info(c, 0, in);
	cap_free(c);
	dup2(saved, 0);
	close(saved);
	return n;
}

static void
test_stdin(void **state)
{
	const char		*f = data("lab/btm-steer.pcap");
	struct cap_source_info	 in;
	size_t			 want = pcap_times(f, NULL, 0);

	(void)state;
	assert_int_equal(stdin_run(f, 0, &in), want);
	assert_int_equal(in.error, 0);
	assert_string_equal(in.desc, "stdin");
	assert_int_equal(stdin_run(f, 7, &in), want - 1);
	assert_int_equal(in.error, RS_EXIT_TRUNCATED);
	assert_non_null(strstr(in.errmsg, "stopped mid-record"));
}

/*
 * -w and kill -9: a child captures (following a file) into a pcapng and is
 * killed without warning 1.5 s after its last frame; the writer flushes at
 * least every second, so the file must hold every frame and read cleanly.
 */
static void
test_writer_kill9(void **state)
{
	const char	*f = data("lab/ft-ota-ok.pcap");
	char		 eb[PCAP_ERRBUF_SIZE], err[512];
	struct pcap_pkthdr *h;
	const u_char	*d;
	pcap_t		*p;
	pid_t		 pid;
	size_t		 n = 0;
	int		 status, rc;

	(void)state;
	write_file(tmp("feed.pcap"), "", 0);
	unlink(tmp("k9.pcapng"));
	if ((pid = fork()) == 0) {
		struct cap		*c = cap_new();
		const struct rs_rec	*r;

		/* gone with this test, should it fail before its kill */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (cap_set_writer(c, tmp("k9.pcapng"), err, sizeof err) ||
		    cap_add_file(c, tmp("feed.pcap"), true, err, sizeof err) ||
		    cap_start(c, err, sizeof err))
			_exit(99);
		for (;;)
			cap_next(c, &r, 1000);
	}
	assert_true(pid > 0);
	usleep(200000);
	copy_prefix(f, tmp("feed.pcap"), 0);	/* the whole capture arrives */
	usleep(1500000);
	assert_int_equal(kill(pid, SIGKILL), 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status));

	p = pcap_open_offline(tmp("k9.pcapng"), eb);
	assert_non_null(p);
	while ((rc = pcap_next_ex(p, &h, &d)) == 1)
		n++;
	assert_int_equal(rc, PCAP_ERROR_BREAK);	/* clean end, no torn block */
	pcap_close(p);
	assert_int_equal(n, pcap_times(f, NULL, 0));
}

/*
 * Monitor names carry their creator's pid, and only a gone creator's are
 * leftovers: a roamscope still running keeps its interfaces; a pid that
 * exited, or that another program uses now, does not.
 */
static void
test_monitor_names(void **state)
{
	char	 name[16];
	pid_t	 pid;
	int	 status, p[2];
	char	 c;

	(void)state;
	mon_name(name, sizeof name, 3, 4711);
	assert_string_equal(name, "rsmon3-4711");
	assert_int_equal(mon_owner(name), 4711);
	mon_name(name, sizeof name, 123, 4194303);	/* 16 with the phy */
	assert_string_equal(name, "rsmon-4194303");
	assert_int_equal(mon_owner(name), 4194303);
	assert_int_equal(mon_owner("rsmon3-4711b"), 4711);
	/* an earlier version's, and others' */
	assert_int_equal(mon_owner("rsmon3"), 0);
	assert_int_equal(mon_owner("rsmon3-"), 0);
	assert_int_equal(mon_owner("rsmon3-0"), 0);
	assert_int_equal(mon_owner("rsmon3-12x4"), 0);
	assert_int_equal(mon_owner("mon0-4711"), 0);
	assert_false(mon_owner_alive(0));

	/* a roamscope that runs, then is gone */
	assert_int_equal(pipe(p), 0);
	if ((pid = fork()) == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		prctl(PR_SET_NAME, "roamscope");
		close(p[0]);
		if (write(p[1], "x", 1) != 1)
			_exit(1);
		pause();
		_exit(0);
	}
	assert_true(pid > 0);
	close(p[1]);
	assert_int_equal(read(p[0], &c, 1), 1);
	close(p[0]);
	assert_true(mon_owner_alive(pid));
	kill(pid, SIGKILL);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_false(mon_owner_alive(pid));
	/* alive, but not a roamscope (this test): as a pid used again */
	assert_false(mon_owner_alive(getpid()));
}

/* -m RADIO[:CHANNEL[:WIDTH]]: frequencies and center frequencies after
 * IEEE 802.11-2020 Annex E (5 GHz 80 MHz centers 42, 58, 106, ... 155;
 * 6 GHz 160 MHz channel 33-61 centered on 47). */
static void
test_monitor_spec(void **state)
{
	static const struct {
		const char	*spec;
		const char	*radio;
		unsigned	 freq, width, center1;
	} ok[] = {
		{ "phy0", "phy0", 0, 0, 0 },
		{ "phy1:6", "phy1", 2437, 0, 0 },
		{ "wlan0:1:40", "wlan0", 2412, 40, 2422 },
		{ "phy0:11:40", "phy0", 2462, 40, 2452 },
		{ "phy0:36:80", "phy0", 5180, 80, 5210 },
		{ "phy0:48:80", "phy0", 5240, 80, 5210 },
		{ "phy0:44:40", "phy0", 5220, 40, 5230 },
		{ "phy0:100:160", "phy0", 5500, 160, 5570 },
		{ "phy0:149:80", "phy0", 5745, 80, 5775 },
		{ "phy0:144:20", "phy0", 5720, 20, 5720 },
		{ "phy0:37/6g:160", "phy0", 6135, 160, 6185 },
		{ "phy0:6135:80", "phy0", 6135, 80, 6145 },
		{ "phy0:1/6g", "phy0", 5955, 0, 0 },
	};
	static const char *bad[] = {
		"", ":6", "phy0:", "phy0:999", "phy0:6:30", "phy0:1:80",
		"phy0:36x", "phy0:37/7g", "phy0:14:40", "phy0:6:40:1", "phy0:5000",
	};
	char		 radio[32], err[256];
	unsigned	 f, w, c1;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		assert_int_equal(nl80211_parse_spec(ok[i].spec, radio,
		    sizeof radio, &f, &w, &c1, err, sizeof err), 0);
		assert_string_equal(radio, ok[i].radio);
		assert_int_equal(f, ok[i].freq);
		assert_int_equal(w, ok[i].width);
		assert_int_equal(c1, ok[i].center1);
	}
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(nl80211_parse_spec(bad[i], radio,
		    sizeof radio, &f, &w, &c1, err, sizeof err),
		    RS_EXIT_USAGE);
}

/* ------------------------------------------------------------------------
 * Odd files, built here byte by byte: pcapng of several sections and byte
 * orders, interfaces of other link types, if_tsoffset, Simple Packet
 * Blocks; classic pcap past 2038 and lying about its snaplen.  The values
 * asserted are what tshark 4.0 shows for the same bytes (frame.time_epoch,
 * frame.interface_id, frame.encap_type), checked by hand once and, when
 * $TSHARK is set, again here.
 */
struct bb {
	uint8_t		 b[8192];
	size_t		 n;
	int		 be;	/* write big-endian (a byte-swapped section) */
};

static void
bb_put(struct bb *bb, const void *p, size_t n)
{
	assert_true(bb->n + n <= sizeof bb->b);
	memcpy(bb->b + bb->n, p, n);
	bb->n += n;
}

static void
bb_u32(struct bb *bb, uint32_t v)
{
	if (bb->be)
		v = __builtin_bswap32(v);
	bb_put(bb, &v, 4);
}

static void
bb_u16(struct bb *bb, uint16_t v)
{
	if (bb->be)
		v = __builtin_bswap16(v);
	bb_put(bb, &v, 2);
}

/* Block: type, length, body (padded), length. */
static void
bb_block(struct bb *bb, uint32_t type, const struct bb *body)
{
	static const uint8_t	 zero[4];
	size_t			 pad = (4 - body->n % 4) % 4;

	bb_u32(bb, type);
	bb_u32(bb, (uint32_t)(12 + body->n + pad));
	bb_put(bb, body->b, body->n);
	bb_put(bb, zero, pad);
	bb_u32(bb, (uint32_t)(12 + body->n + pad));
}

static void
bb_shb(struct bb *bb)
{
	struct bb	 body = { .be = bb->be };

	bb_u32(&body, 0x1a2b3c4d);
	bb_u16(&body, 1);
	bb_u16(&body, 0);
	bb_u32(&body, 0xffffffff);
	bb_u32(&body, 0xffffffff);
	bb_block(bb, 0x0a0d0d0a, &body);
}

/* IDB; tsresol < 0: none; with_off: if_tsoffset of off seconds. */
static void
bb_idb(struct bb *bb, uint16_t dlt, int tsresol, int with_off, int64_t off)
{
	struct bb	 body = { .be = bb->be };
	uint8_t		 r = (uint8_t)tsresol;
	uint64_t	 o = (uint64_t)off;

	bb_u16(&body, dlt);
	bb_u16(&body, 0);
	bb_u32(&body, 0);
	if (tsresol >= 0) {
		bb_u16(&body, 9);
		bb_u16(&body, 1);
		bb_put(&body, &r, 1);
		bb_put(&body, "\0\0\0", 3);
	}
	if (with_off) {
		bb_u16(&body, 14);
		bb_u16(&body, 8);
		if (bb->be)
			o = __builtin_bswap64(o);
		bb_put(&body, &o, 8);
	}
	if (tsresol >= 0 || with_off) {
		bb_u16(&body, 0);
		bb_u16(&body, 0);
	}
	bb_block(bb, 1, &body);
}

static void
bb_epb(struct bb *bb, uint32_t ifid, uint64_t ts, const void *d, size_t n)
{
	struct bb	 body = { .be = bb->be };

	bb_u32(&body, ifid);
	bb_u32(&body, (uint32_t)(ts >> 32));
	bb_u32(&body, (uint32_t)ts);
	bb_u32(&body, (uint32_t)n);
	bb_u32(&body, (uint32_t)n);
	bb_put(&body, d, n);
	bb_block(bb, 6, &body);
}

static void
bb_spb(struct bb *bb, const void *d, size_t n)
{
	struct bb	 body = { .be = bb->be };

	bb_u32(&body, (uint32_t)n);
	bb_put(&body, d, n);
	bb_block(bb, 3, &body);
}

/* A beacon from 02:00:00:00:00:00 (SSID "test"), radiotap or plain. */
static const uint8_t	 rt_hdr[8] = { 0, 0, 8, 0, 0, 0, 0, 0 };
static const uint8_t	 beacon[42] = {
	0x80, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	2, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0x10, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 100, 0, 0x11, 0,
	0, 4, 't', 'e', 's', 't'
};
static const uint8_t	 ether[42] = {
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 2, 0, 0, 0, 2, 0, 0x08, 0x06
};

static void
rt_beacon(uint8_t *out)
{
	memcpy(out, rt_hdr, sizeof rt_hdr);
	memcpy(out + sizeof rt_hdr, beacon, sizeof beacon);
}

struct got {
	int64_t		 ts[16];
	int		 dlt[16];
	uint32_t	 len[16];
	size_t		 n;
	struct cap_source_info in;
	char		 notes[4][256];
	size_t		 nnotes;
};

/* Read a file as -r (or --follow, until idle) and keep what came out. */
static void
read_as(const char *path, bool follow, struct got *g)
{
	struct cap		*c = cap_new();
	const struct rs_rec	*r;
	char			 err[512];
	uint64_t		 seen = 0;
	int			 rc, idle = 0;

	memset(g, 0, sizeof *g);
	assert_int_equal(cap_add_file(c, path, follow, err, sizeof err), 0);
	assert_int_equal(cap_start(c, err, sizeof err), 0);
	while ((rc = cap_next(c, &r, 100)) != -1 && idle < 5) {
		if (rc == 0) {
			idle++;
			continue;
		}
		if (g->n < 16) {
			g->ts[g->n] = r->ts_ns;
			g->dlt[g->n] = r->dlt;
			g->len[g->n] = r->caplen;
		}
		g->n++;
	}
	cap_stop(c);
	while (g->nnotes < 4 && cap_note_next(c, &seen, g->notes[g->nnotes],
	    sizeof g->notes[0]))
		g->nnotes++;
	cap_source_info(c, 0, &g->in);
	cap_free(c);
}

/* tshark's frame.time_epoch of each record, in ns (when we have tshark). */
static size_t
tshark_epochs(const char *path, int64_t *ts, size_t max)
{
	char		 cmd[1200], line[128];
	const char	*t = getenv("TSHARK");
	size_t		 n = 0;
	long long	 sec, frac;
	FILE		*pp;

	if (t == NULL || *t == '\0')
		return SIZE_MAX;
	snprintf(cmd, sizeof cmd, "'%s' -r '%s' -T fields -e "
	    "frame.time_epoch 2>/dev/null", t, path);
	assert_non_null(pp = popen(cmd, "r"));
	while (n < max && fgets(line, sizeof line, pp) != NULL) {
		assert_int_equal(sscanf(line, "%lld.%9lld", &sec, &frac), 2);
		ts[n++] = sec * 1000000000LL + frac;
	}
	pclose(pp);
	return n;
}

static void
same_as_tshark(const char *path, const struct got *g)
{
	int64_t	 ts[16];
	size_t	 n = tshark_epochs(path, ts, 16), i;

	if (n == SIZE_MAX)
		return;
	assert_int_equal(n, g->n);
	for (i = 0; i < n; i++)
		assert_int_equal(ts[i], g->ts[i]);
}

/* Two sections, the second big-endian with another link type. */
static void
test_pcapng_sections(void **state)
{
	struct bb	 bb = { .be = 0 };
	uint8_t		 rb[50];
	struct got	 g;

	(void)state;
	rt_beacon(rb);
	bb_shb(&bb);
	bb_idb(&bb, 127, -1, 0, 0);
	bb_epb(&bb, 0, 1700000000000000ULL, rb, sizeof rb);
	bb.be = 1;
	bb_shb(&bb);
	bb_idb(&bb, 105, 9, 0, 0);
	bb_epb(&bb, 0, 1700000001000000123ULL, beacon, sizeof beacon);
	write_file(tmp("sections.pcapng"), bb.b, bb.n);
	read_as(tmp("sections.pcapng"), false, &g);
	assert_int_equal(g.in.error, 0);
	assert_int_equal(g.n, 2);
	assert_int_equal(g.dlt[0], 127);
	assert_int_equal(g.dlt[1], 105);
	assert_int_equal(g.ts[0], 1700000000000000000LL);
	assert_int_equal(g.ts[1], 1700000001000000123LL);
	same_as_tshark(tmp("sections.pcapng"), &g);
	/* --follow reads it the same */
	read_as(tmp("sections.pcapng"), true, &g);
	assert_int_equal(g.n, 2);
	assert_int_equal(g.dlt[1], 105);
	assert_int_equal(g.ts[1], 1700000001000000123LL);
}

/* The first interface Ethernet, the second radiotap: read, each its own. */
static void
test_pcapng_ether_first(void **state)
{
	struct bb	 bb = { .be = 0 };
	uint8_t		 rb[50];
	struct got	 g;
	char		 err[512];
	int		 rc;

	(void)state;
	rt_beacon(rb);
	bb_shb(&bb);
	bb_idb(&bb, 1, -1, 0, 0);
	bb_idb(&bb, 127, -1, 0, 0);
	bb_epb(&bb, 0, 1700000000000000ULL, ether, sizeof ether);
	bb_epb(&bb, 1, 1700000000000005ULL, rb, sizeof rb);
	write_file(tmp("ether-first.pcapng"), bb.b, bb.n);
	read_as(tmp("ether-first.pcapng"), false, &g);
	assert_int_equal(g.in.error, 0);
	assert_int_equal(g.in.dlt, 127);	/* the 802.11 one */
	assert_int_equal(g.n, 2);
	assert_int_equal(g.dlt[0], 1);
	assert_int_equal(g.dlt[1], 127);
	same_as_tshark(tmp("ether-first.pcapng"), &g);

	/* Ethernet only: refused, as a pcap of it is */
	bb.n = 0;
	bb_shb(&bb);
	bb_idb(&bb, 1, -1, 0, 0);
	bb_epb(&bb, 0, 1700000000000000ULL, ether, sizeof ether);
	write_file(tmp("ether-only.pcapng"), bb.b, bb.n);
	rc = add_rc(tmp("ether-only.pcapng"), err, sizeof err);
	assert_int_equal(rc, RS_EXIT_LINKTYPE);
	assert_non_null(strstr(err, "EN10MB"));
}

/* if_tsoffset on each of two interfaces, and if_tsresol 10^-9 on one. */
static void
test_pcapng_tsoffset(void **state)
{
	struct bb	 bb = { .be = 0 };
	uint8_t		 rb[50];
	struct got	 g;

	(void)state;
	rt_beacon(rb);
	bb_shb(&bb);
	bb_idb(&bb, 127, -1, 1, 100);
	bb_idb(&bb, 127, 9, 1, -50);
	bb_epb(&bb, 0, 1700000000000000ULL, rb, sizeof rb);
	bb_epb(&bb, 1, 1700000000000000000ULL, rb, sizeof rb);
	write_file(tmp("tsoffset.pcapng"), bb.b, bb.n);
	read_as(tmp("tsoffset.pcapng"), false, &g);
	/* 150 s apart: not copies of each other */
	assert_int_equal(g.n, 2);
	assert_int_equal(g.ts[0], 1700000100000000000LL);
	assert_int_equal(g.ts[1], 1699999950000000000LL);
	same_as_tshark(tmp("tsoffset.pcapng"), &g);
	read_as(tmp("tsoffset.pcapng"), true, &g);
	assert_int_equal(g.n, 2);
	assert_int_equal(g.ts[0], 1700000100000000000LL);
	assert_int_equal(g.ts[1], 1699999950000000000LL);
}

/* Simple Packet Blocks: no time stamp; they take the record before's. */
static void
test_pcapng_simple_packets(void **state)
{
	struct bb	 bb = { .be = 0 };
	uint8_t		 rb[50];
	struct got	 g;

	(void)state;
	rt_beacon(rb);
	bb_shb(&bb);
	bb_idb(&bb, 127, -1, 0, 0);
	bb_epb(&bb, 0, 1700000000000000ULL, rb, sizeof rb);
	bb_spb(&bb, rb, sizeof rb);
	bb_spb(&bb, rb, sizeof rb);
	write_file(tmp("spb.pcapng"), bb.b, bb.n);
	read_as(tmp("spb.pcapng"), false, &g);
	assert_int_equal(g.in.error, 0);
	assert_int_equal(g.n, 3);
	assert_int_equal(g.ts[1], 1700000000000000000LL);
	assert_int_equal(g.ts[2], 1700000000000000000LL);
	assert_int_equal(g.len[2], sizeof rb);
}

/* Classic pcap: seconds past 2^31 are unsigned; a lying snaplen is said. */
static void
test_pcap_odd_header(void **state)
{
	uint8_t		 f[24 + 3 * (16 + 50)], rb[50], *p = f;
	struct got	 g;
	int		 i;

	(void)state;
	rt_beacon(rb);
	p = put32(p, 0xa1b2c3d4);
	p = put32(p, 2 | 4 << 16);
	p = put32(p, 0);
	p = put32(p, 0);
	p = put32(p, 16);			/* snaplen 16: a lie */
	p = put32(p, 127);
	for (i = 0; i < 3; i++) {
		p = put32(p, 0x90000000u + (uint32_t)i);	/* 2046 */
		p = put32(p, 5);
		p = put32(p, sizeof rb);
		p = put32(p, sizeof rb);
		memcpy(p, rb, sizeof rb);
		p += sizeof rb;
	}
	write_file(tmp("y2046.pcap"), f, sizeof f);
	read_as(tmp("y2046.pcap"), false, &g);
	assert_int_equal(g.in.error, 0);
	assert_int_equal(g.n, 3);
	assert_int_equal(g.ts[0], 0x90000000LL * 1000000000LL + 5000);
	assert_int_equal(g.len[0], sizeof rb);	/* whole, as tshark */
	assert_int_equal(g.nnotes, 1);
	assert_non_null(strstr(g.notes[0], "lies about its snaplen"));
	assert_non_null(strstr(g.notes[0], "16 bytes"));
	same_as_tshark(tmp("y2046.pcap"), &g);
}

/* Compressed captures are named, not called "not a capture". */
static void
test_compressed(void **state)
{
	char	 cmd[1200], err[512];
	int	 rc;

	(void)state;
	snprintf(cmd, sizeof cmd, "gzip -c '%s' > '%s'",
	    data("lab/ft-ota-ok.pcap"), tmp("c.pcap.gz"));
	if (system(cmd) != 0)
		skip();
	rc = add_rc(tmp("c.pcap.gz"), err, sizeof err);
	assert_int_equal(rc, RS_EXIT_FORMAT);
	assert_non_null(strstr(err, "is compressed (gzip)"));
	assert_non_null(strstr(err, "gunzip"));
}

/*
 * --follow follows the name (tail -F): rotated (renamed, a new file in
 * its place), truncated in place, deleted and created again.  Every record
 * of each file arrives, and each change is said.
 */
static size_t
follow_drain(struct cap *c, size_t want)
{
	const struct rs_rec	*r;
	size_t			 n = 0;
	int			 rc, idle = 0;

	while (n < want && idle < 40) {
		rc = cap_next(c, &r, 100);
		if (rc == -1) {
			struct cap_source_info	 in;

			cap_source_info(c, 0, &in);
			fprintf(stderr, "# ended: %s\n", in.errmsg);
		}
		assert_int_not_equal(rc, -1);
		if (rc == 0)
			idle++;
		else
			n++;
	}
	return n;
}

static bool
has_note(struct cap *c, uint64_t *seen, const char *what)
{
	char	 buf[256];
	bool	 found = false;

	while (cap_note_next(c, seen, buf, sizeof buf))
		if (strstr(buf, what) != NULL)
			found = true;
	return found;
}

static void
test_follow_rotation(void **state)
{
	const char	*f = data("lab/ft-ota-ok.pcap");
	const char	*g = data("lab/btm-steer.pcap");
	size_t		 nf = pcap_times(f, NULL, 0);
	size_t		 ng = pcap_times(g, NULL, 0);
	struct cap	*c = cap_new();
	char		 err[512];
	uint64_t	 seen = 0;

	(void)state;
	copy_prefix(f, tmp("rot.pcap"), 0);
	assert_int_equal(cap_add_file(c, tmp("rot.pcap"), true, err,
	    sizeof err), 0);
	assert_int_equal(cap_start(c, err, sizeof err), 0);
	assert_int_equal(follow_drain(c, nf), nf);

	/* rotated: renamed away, another capture in its place */
	assert_int_equal(rename(tmp("rot.pcap"), tmp("rot.pcap.1")), 0);
	copy_prefix(g, tmp("rot.pcap"), 0);
	assert_int_equal(follow_drain(c, ng), ng);
	assert_true(has_note(c, &seen, "replaced (rotated)"));

	/* truncated in place, then written again */
	copy_prefix(f, tmp("rot.pcap"), 0);
	assert_int_equal(follow_drain(c, nf), nf);
	assert_true(has_note(c, &seen, "truncated"));

	/* deleted, then created again */
	assert_int_equal(unlink(tmp("rot.pcap")), 0);
	usleep(300000);
	assert_true(has_note(c, &seen, "deleted"));
	copy_prefix(g, tmp("rot.pcap"), 0);
	assert_int_equal(follow_drain(c, ng), ng);
	assert_true(has_note(c, &seen, "created again"));
	cap_stop(c);
	cap_free(c);
}

/*
 * 16 sources hearing the same frames (an earlier seen-by set of 64 bits
 * with 8 per source mixed up sources 0 and 8): each frame once, the 15
 * other copies counted as dups.
 */
static void
test_dedup_sixteen(void **state)
{
	struct prec	*a = calloc(MAXREC, sizeof *a);
	struct cap	*c = cap_new();
	struct cap_source_info in;
	const struct rs_rec *r;
	char		 err[512], name[32];
	size_t		 na, i, k, n = 0;
	int		 dlt, rc;

	(void)state;
	na = load_recs(data("lab/ft-ota-ok.pcap"), a, MAXREC, &dlt);
	for (k = 0; k < 16; k++) {
		/* each adapter 0.1 ms after the one before */
		for (i = 0; i < na; i++)
			a[i].ts += k == 0 ? 0 : 100000;
		snprintf(name, sizeof name, "dd16-%zu.pcap", k);
		save_recs(tmp(name), a, na, dlt);
		assert_int_equal(cap_add_file(c, tmp(name), false, err,
		    sizeof err), 0);
	}
	assert_int_equal(cap_start(c, err, sizeof err), 0);
	while ((rc = cap_next(c, &r, 5000)) != -1) {
		assert_int_equal(rc, 1);
		n++;
	}
	assert_int_equal(n, na);
	for (k = 0; k < 16; k++) {
		cap_source_info(c, k, &in);
		assert_int_equal(in.received, na);
		assert_int_equal(in.dups, k == 0 ? 0 : na);
	}
	cap_free(c);
	for (i = 0; i < na; i++)
		free(a[i].d);
	free(a);
}

/*
 * The same frame at two stamps 2^64 ns apart that wrap to 10 ms in int64
 * arithmetic: two frames, not copies (and no signed overflow: UBSan).
 */
static struct cap *
extremes(double replay)
{
	struct bb	 bb = { .be = 0 };
	uint8_t		 rb[50];
	struct cap	*c = cap_new();
	char		 err[512];
	int		 k;

	rt_beacon(rb);
	for (k = 0; k < 2; k++) {
		bb.n = 0;
		bb_shb(&bb);
		bb_idb(&bb, 127, 9, 0, 0);
		bb_epb(&bb, 0, k == 0 ? (uint64_t)INT64_MAX - 5000000 :
		    (uint64_t)INT64_MIN + 5000000, rb, sizeof rb);
		write_file(tmp(k == 0 ? "hi.pcapng" : "lo.pcapng"), bb.b, bb.n);
		assert_int_equal(cap_add_file(c, tmp(k == 0 ? "hi.pcapng" :
		    "lo.pcapng"), false, err, sizeof err), 0);
	}
	cap_set_replay(c, replay);
	assert_int_equal(cap_start(c, err, sizeof err), 0);
	return c;
}

static void
test_dedup_extreme_stamps(void **state)
{
	struct cap	*c;
	const struct rs_rec *r;
	size_t		 n = 0;
	int		 rc;

	(void)state;
	/* pacing at 1e-300: no overflow either; the first comes at once,
	 * the second is due "much later" */
	c = extremes(1e-300);
	while ((rc = cap_next(c, &r, 200)) == 1)
		n++;
	assert_int_equal(n, 1);
	cap_free(c);

	c = extremes(0);
	n = 0;
	while ((rc = cap_next(c, &r, 5000)) != -1) {
		assert_int_equal(rc, 1);
		n++;
	}
	assert_int_equal(n, 2);
	cap_free(c);
}

/* -w: one interface per source and input interface, each its link type. */
static void
test_writer_link_types(void **state)
{
	struct bb	 bb = { .be = 0 };
	uint8_t		 rb[50];
	struct cap	*c = cap_new();
	struct got	 g;
	char		 err[512];
	size_t		 i;

	(void)state;
	rt_beacon(rb);
	bb_shb(&bb);
	bb_idb(&bb, 1, -1, 0, 0);
	bb_idb(&bb, 127, -1, 0, 0);
	bb_epb(&bb, 0, 1700000000000000ULL, ether, sizeof ether);
	bb_epb(&bb, 1, 1700000000000005ULL, rb, sizeof rb);
	write_file(tmp("mix.pcapng"), bb.b, bb.n);
	bb.n = 0;
	bb_shb(&bb);
	bb_idb(&bb, 105, -1, 0, 0);
	/* 1 s later: not a copy of the radiotap one */
	bb_epb(&bb, 0, 1700000001000010ULL, beacon, sizeof beacon);
	write_file(tmp("plain.pcapng"), bb.b, bb.n);
	assert_int_equal(cap_add_file(c, tmp("mix.pcapng"), false, err,
	    sizeof err), 0);
	assert_int_equal(cap_add_file(c, tmp("plain.pcapng"), false, err,
	    sizeof err), 0);
	assert_int_equal(cap_set_writer(c, tmp("mix-w.pcapng"), err,
	    sizeof err), 0);
	assert_int_equal(cap_start(c, err, sizeof err), 0);
	assert_int_equal(drain(c, NULL, NULL, 0), 3);
	cap_free(c);
	/* in arrival order per source: find each by its time */
	read_as(tmp("mix-w.pcapng"), false, &g);
	assert_int_equal(g.n, 3);
	for (i = 0; i < 3; i++) {
		if (g.ts[i] == 1700000000000000000LL)
			assert_int_equal(g.dlt[i], 1);	/* stays Ethernet */
		else if (g.ts[i] == 1700000000000005000LL)
			assert_int_equal(g.dlt[i], 127);
		else {
			assert_int_equal(g.ts[i], 1700000001000010000LL);
			assert_int_equal(g.dlt[i], 105);
		}
	}
	same_as_tshark(tmp("mix-w.pcapng"), &g);
}

/* -w naming a source, however spelled, is refused before it is opened. */
static void
test_writer_not_a_source(void **state)
{
	struct cap	*c = cap_new();
	char		 err[512], alias[600];
	struct stat	 st;

	(void)state;
	copy_prefix(data("lab/ft-ota-ok.pcap"), tmp("in.pcap"), 0);
	assert_int_equal(stat(tmp("in.pcap"), &st), 0);
	assert_int_equal(link(tmp("in.pcap"), tmp("hard.pcap")), 0);
	assert_int_equal(cap_add_file(c, tmp("in.pcap"), false, err,
	    sizeof err), 0);
	assert_int_equal(cap_set_writer(c, tmp("in.pcap"), err, sizeof err),
	    RS_EXIT_USAGE);
	assert_non_null(strstr(err, "would destroy it"));
	snprintf(alias, sizeof alias, "%s/../%s/./in.pcap", tmpdir,
	    strrchr(tmpdir, '/') + 1);
	assert_int_equal(cap_set_writer(c, alias, err, sizeof err),
	    RS_EXIT_USAGE);
	assert_int_equal(cap_set_writer(c, tmp("hard.pcap"), err,
	    sizeof err), RS_EXIT_USAGE);
	cap_free(c);
	/* nothing was truncated */
	assert_int_equal(pcap_times(tmp("in.pcap"), NULL, 0),
	    pcap_times(data("lab/ft-ota-ok.pcap"), NULL, 0));

	c = cap_new();
	assert_int_equal(cap_set_writer(c, tmp("w1.pcapng"), err,
	    sizeof err), 0);
	assert_int_equal(cap_set_writer(c, tmp("w2.pcapng"), err,
	    sizeof err), RS_EXIT_USAGE);
	assert_non_null(strstr(err, "twice"));
	cap_free(c);
}

/* A ring per source sized by what it needs: files wait, so less; slots
 * hold no decoded frame and bytes only what was captured, so a live ring
 * stays in a few MiB. */
static void
test_ring_memory(void **state)
{
	(void)state;
	assert_true(cap_ring_bytes(false) <= 4 * 1024 * 1024);
	assert_true(cap_ring_bytes(true) >= 2 * cap_ring_bytes(false));
	assert_true(cap_ring_bytes(true) <= 12 * 1024 * 1024);
}

static int
setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "/tmp/test_cap.XXXXXX");
	return mkdtemp(tmpdir) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	char	 cmd[300];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return getenv("KEEP_T") ? 0 : system(cmd) == 0 ? 0 : -1;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counts_match_tshark),
		cmocka_unit_test(test_merge_three),
		cmocka_unit_test(test_small_ring_no_loss),
		cmocka_unit_test(test_live_drops_exact),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_truncated_last_record),
		cmocka_unit_test(test_pcapng_unknown_block),
		cmocka_unit_test(test_pcapng_writer),
		cmocka_unit_test(test_cap_writer),
		cmocka_unit_test(test_replay_pacing),
		cmocka_unit_test(test_follow),
		cmocka_unit_test(test_dedup_two_sources),
		cmocka_unit_test(test_idle_source_no_stall),
		cmocka_unit_test(test_stdin),
		cmocka_unit_test(test_latency),
		cmocka_unit_test(test_wakeup_fd_quiet),
		cmocka_unit_test(test_monitor_spec),
		cmocka_unit_test(test_monitor_names),
		cmocka_unit_test(test_writer_kill9),
		cmocka_unit_test(test_pcapng_sections),
		cmocka_unit_test(test_pcapng_ether_first),
		cmocka_unit_test(test_pcapng_tsoffset),
		cmocka_unit_test(test_pcapng_simple_packets),
		cmocka_unit_test(test_pcap_odd_header),
		cmocka_unit_test(test_compressed),
		cmocka_unit_test(test_follow_rotation),
		cmocka_unit_test(test_dedup_sixteen),
		cmocka_unit_test(test_dedup_extreme_stamps),
		cmocka_unit_test(test_writer_link_types),
		cmocka_unit_test(test_writer_not_a_source),
		cmocka_unit_test(test_ring_memory),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
