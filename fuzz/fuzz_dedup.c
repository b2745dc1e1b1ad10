/*
 * fuzz_dedup.c -- libFuzzer target for the merge and the de-duplication of
 * several sources: up to 24 capture files of up to 4 pcapng interfaces
 * each (96 origins: the seen-by bitmaps grow past one word), the same
 * frames heard by several of them, stamps anywhere in the 64-bit range.
 *
 * Input:
 *	1 byte	 bits 0-4 sources - 1 (mod 24), bit 5 -w /dev/null,
 *		 bit 6 start at the lowest int64 stamp (else in 2023)
 *	then records, each:
 *	1 byte	 bits 0-4 source (mod the count), bits 5-6 interface,
 *		 bit 7 a copy of the previous record's frame (another
 *		 adapter heard it; the length and bytes below are not read)
 *	1 byte	 time step: 0-239 that many 0.25 ms forward, 240-255
 *		 2^(4 * (v - 240)) ns forward (up to 2^60), stopping at the
 *		 highest int64 stamp
 *	1 byte	 length (of the 802.11 frame; radiotap is added)
 *	N bytes	 the frame
 *
 * Each source's records are in its own file in time order (per source, as
 * an adapter's), so the merge must come out in time order.  Checked: frame
 * numbers run 1, 2, 3...; times never go backwards; every record read is
 * delivered once or counted as a copy (received = delivered + dups, per
 * run); a file's records are all read.
 *
 * Build: ./configure CC=clang --enable-fuzzing && make fuzz/fuzz_dedup
 * Seeds: fuzz/mkcorpus.sh (dedup/ corpus).
 */
#include <sys/mman.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cap/cap.h"
#include "record.h"

#define MAX_SRC		24
#define MAX_IF		4
#define FILE_MAX	(256 * 1024)

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

struct out {
	uint8_t		*b;
	size_t		 n;
	int64_t		 ts;		/* this source's last stamp, ns */
	uint64_t	 records;
};

static struct out	 outs[MAX_SRC];

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	size_t	 i;

	(void)argc;
	(void)argv;
	setenv("ROAMSCOPE_RING_SLOTS", "16", 0);	/* real waiting */
	for (i = 0; i < MAX_SRC; i++)
		if ((outs[i].b = malloc(FILE_MAX)) == NULL)
			abort();
	return (0);
}

static bool
put(struct out *o, const void *p, size_t n)
{
	if (o->n + n > FILE_MAX)
		return (false);
	memcpy(o->b + o->n, p, n);
	o->n += n;
	return (true);
}

static bool
put32(struct out *o, uint32_t v)
{
	return (put(o, &v, 4));
}

/* Section Header, then MAX_IF radiotap interfaces with ns stamps. */
static void
start(struct out *o)
{
	static const uint8_t	 shb[28] = {
		0x0a, 0x0d, 0x0d, 0x0a, 28, 0, 0, 0, 0x4d, 0x3c, 0x2b, 0x1a,
		1, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		28, 0, 0, 0
	};
	static const uint8_t	 idb[32] = {
		1, 0, 0, 0, 32, 0, 0, 0, 127, 0, 0, 0, 0, 0, 0, 0,
		9, 0, 1, 0, 9, 0, 0, 0, 0, 0, 0, 0, 32, 0, 0, 0
	};
	int			 i;

	o->n = 0;
	o->ts = INT64_MIN;
	o->records = 0;
	put(o, shb, sizeof shb);
	for (i = 0; i < MAX_IF; i++)
		put(o, idb, sizeof idb);
}

/* An Enhanced Packet Block: radiotap (8 bytes, no fields) + frame. */
static void
epb(struct out *o, uint32_t ifc, int64_t sts, const uint8_t *f, size_t n)
{
	static const uint8_t	 rt[8] = { 0, 0, 8, 0, 0, 0, 0, 0 };
	static const uint8_t	 zero[4];
	uint32_t		 cap = (uint32_t)(sizeof rt + n);
	uint32_t		 len = 32 + ((cap + 3) & ~3u);
	uint64_t		 ts = (uint64_t)sts;

	if (o->n + len > FILE_MAX)
		return;
	put32(o, 6);
	put32(o, len);
	put32(o, ifc);
	put32(o, (uint32_t)(ts >> 32));
	put32(o, (uint32_t)ts);
	put32(o, cap);
	put32(o, cap);
	put(o, rt, sizeof rt);
	put(o, f, n);
	put(o, zero, (4 - cap % 4) % 4);
	put32(o, len);
	o->records++;
}

static uint64_t
step(uint8_t v)
{
	if (v < 240)
		return ((uint64_t)v * 250000);
	return ((uint64_t)1 << (4 * (v - 240)));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cap_source_info	 si;
	const struct rs_rec	*rec;
	struct cap		*c;
	const uint8_t		*prev = NULL;
	size_t			 nsrc, i, off, plen = 0, n;
	uint64_t		 delivered = 0, received = 0, dups = 0, st;
	int64_t			 t, last = INT64_MIN;
	char			 path[64], err[512];
	int			 fds[MAX_SRC], rc, idle = 0;
	bool			 writer;

	if (size < 1 || size > 64 * 1024)
		return (-1);
	nsrc = (size_t)(data[0] & 0x1f) % MAX_SRC + 1;
	writer = (data[0] & 0x20) != 0;
	for (i = 0; i < nsrc; i++)
		start(&outs[i]);
	/* time is global, as on the air; each adapter stamps what it hears */
	t = data[0] & 0x40 ? INT64_MIN : 1700000000LL * 1000000000LL;
	for (off = 1; off + 3 <= size;) {
		struct out	*o = &outs[data[off] % 32 % nsrc];
		uint32_t	 ifc = (data[off] >> 5) & 3;
		bool		 copy = (data[off] & 0x80) != 0 && prev != NULL;

		st = step(data[off + 1]);
		t = st > (uint64_t)INT64_MAX - (uint64_t)t ? INT64_MAX :
		    (int64_t)((uint64_t)t + st);
		n = data[off + 2];
		off += 3;
		if (!copy) {
			if (n > size - off)
				n = size - off;
			prev = data + off;
			plen = n;
			off += n;
		}
		/* a source's own stamps never go backwards */
		if (t < o->ts)
			t = o->ts;
		o->ts = t;
		epb(o, ifc, t, prev, plen);
	}

	for (i = 0; i < nsrc; i++) {
		if ((fds[i] = memfd_create("dedup", MFD_CLOEXEC)) == -1 ||
		    write(fds[i], outs[i].b, outs[i].n) != (ssize_t)outs[i].n)
			abort();
	}
	if ((c = cap_new()) == NULL)
		abort();
	for (i = 0; i < nsrc; i++) {
		snprintf(path, sizeof path, "/proc/self/fd/%d", fds[i]);
		if (cap_add_file(c, path, false, err, sizeof err) != 0)
			abort();	/* every file here is well formed */
	}
	if (writer && cap_set_writer(c, "/dev/null", err, sizeof err) != 0)
		abort();
	if (cap_start(c, err, sizeof err) != 0)
		abort();
	while ((rc = cap_next(c, &rec, 1000)) != -1) {
		if (rc == 0) {
			if (++idle == 10)
				abort();	/* files hang */
			continue;
		}
		if (rec->n != delivered + 1)
			abort();	/* numbered 1, 2, 3 ... */
		if (rec->ts_ns < last)
			abort();	/* the merge went back in time */
		last = rec->ts_ns;
		delivered++;
	}
	cap_stop(c);
	for (i = 0; i < nsrc; i++) {
		cap_source_info(c, i, &si);
		if (!si.ended || si.error != 0 ||
		    si.received != outs[i].records)
			abort();	/* a record was lost */
		received += si.received;
		dups += si.dups;
	}
	if (received != delivered + dups)
		abort();	/* a copy neither delivered nor counted */
	cap_free(c);
	for (i = 0; i < nsrc; i++)
		close(fds[i]);
	return (0);
}
