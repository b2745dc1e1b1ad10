/*
 * fuzz_capfile.c -- libFuzzer target for the capture-file readers on whole
 * (mutated) files.
 *
 * Input: 1 mode byte, then the file.
 *   mode bit 0 clear: the -r FILE path, unchanged: the bytes go to a memfd,
 *	and cap_add_file / cap_start / cap_next (libpcap in a capture thread,
 *	the ring, the merge) feed the roam engine; then the report.  Bit 1
 *	adds -w /dev/null (the pcapng writer sees every record).
 *   mode bit 0 set: the reader itself (capread.c, which -r, -r - and
 *	--follow share) in-process, record by record over an exactly sized
 *	copy of the file, as a growing file would hand it over: first in
 *	pieces of mode >> 2 bytes (CAPR_MORE asks for more), then whole.
 *	Each record is parsed and fed to the engine.
 *
 * Build: ./configure CC=clang --enable-fuzzing && make fuzz/fuzz_capfile
 * Seeds: fuzz/mkcorpus.sh (capfile/ corpus: the files of tests/data).
 */
#include <sys/mman.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cap/cap.h"
#include "cap/pcapng.h"
#include "engine/engine.h"
#include "record.h"
#include "report.h"
#include "rs.h"

#define FUZZ_MAX_FILE	65536	/* a few thousand records at most */

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static FILE		*devnull;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* A small ring: the reader thread really waits for the consumer. */
	setenv("ROAMSCOPE_RING_SLOTS", "64", 0);
	if ((devnull = fopen("/dev/null", "w")) == NULL)
		abort();
	return (0);
}

static void
check_msg(const char *msg, size_t len)
{
	if (memchr(msg, '\0', len) == NULL || strchr(msg, '\n') != NULL)
		abort();	/* one terminated line */
}

static void
feed(struct eng *e, const struct rs_rec *rec)
{
	if (rec->caplen > RS_REC_MAX_BYTES ||
	    (rec->cut && rec->caplen != RS_REC_MAX_BYTES))
		abort();
	eng_feed(e, rec);
}

/*
 * The reader over data[0..size), offered avail bytes at a time (step, then
 * all): what CAPR_MORE asks for must be past what was offered, a record
 * must lie inside the bytes, and the same file read in pieces must give
 * the same records as read whole.
 */
static uint64_t
read_all(struct eng *e, const uint8_t *data, size_t size, size_t step)
{
	static struct rs_rec	 rec;
	struct capr		 rd;
	struct capr_rec		 r;
	char			 err[128];
	size_t			 off = 0, avail, used, need;
	uint64_t		 n = 0;
	int			 rc;

	capr_init(&rd);
	avail = step != 0 && step < size ? step : size;
	for (;;) {
		memset(err, 'x', sizeof err);
		err[sizeof err - 1] = '\0';
		rc = capr_next(&rd, data + off, avail - off, &used, &need, &r,
		    err, sizeof err);
		if (rc == CAPR_MORE) {
			if (need <= avail - off)
				abort();	/* asked for what it had */
			if (avail == size)
				break;		/* the end: truncated */
			avail = avail + step < size ? avail + step : size;
			continue;
		}
		if (rc == CAPR_BAD || rc == CAPR_NOTCAP) {
			check_msg(err, sizeof err);
			break;
		}
		if (used == 0 || used > avail - off)
			abort();	/* no progress, or past the end */
		if (rc == CAPR_REC) {
			if (r.data < data + off || r.caplen > used ||
			    r.data + r.caplen > data + off + used)
				abort();	/* a record outside its block */
			memset(&rec, 0, sizeof rec);
			rec.n = ++n;
			rec.ts_ns = r.ts_ns;
			rec.dlt = r.dlt;
			rec.caplen = r.caplen < RS_REC_MAX_BYTES ? r.caplen :
			    RS_REC_MAX_BYTES;
			rec.cut = rec.caplen < r.caplen;
			rec.origlen = r.origlen;
			rec.raw = r.data;
			if (e != NULL) {
				d11_parse(rec.dlt, rec.raw, rec.caplen, &rec.f);
				feed(e, &rec);
			}
		}
		off += used;
	}
	capr_free(&rd);
	return n;
}

static void
run_reader(struct eng *e, const uint8_t *data, size_t size, size_t step)
{
	uint8_t		*copy;
	uint64_t	 whole, pieces;

	/* an exactly sized copy: ASan sees a read past the end */
	if ((copy = malloc(size)) == NULL)
		return;
	memcpy(copy, data, size);
	whole = read_all(e, copy, size, 0);
	pieces = read_all(NULL, copy, size, step);
	if (pieces != whole)
		abort();	/* a growing file would read otherwise */
	free(copy);
}

static void
run_file(struct eng *e, const uint8_t *data, size_t size, bool writer)
{
	struct cap_source_info	 si;
	const struct rs_rec	*rec;
	struct cap		*c;
	char			 path[64], err[512];
	uint64_t		 last = 0;
	size_t			 off;
	ssize_t			 w;
	int			 fd, rc, idle = 0;

	if ((fd = memfd_create("capfile", MFD_CLOEXEC)) == -1)
		abort();
	for (off = 0; off < size; off += (size_t)w)
		if ((w = write(fd, data + off, size - off)) <= 0)
			abort();
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);

	if ((c = cap_new()) == NULL)
		abort();
	memset(err, 'x', sizeof err);
	err[sizeof err - 1] = '\0';
	if ((rc = cap_add_file(c, path, false, err, sizeof err)) != 0) {
		check_msg(err, sizeof err);
		if (rc != RS_EXIT_FORMAT && rc != RS_EXIT_LINKTYPE &&
		    rc != RS_EXIT_NOFILE)
			abort();	/* undocumented code for a bad file */
		goto out;
	}
	if (writer && cap_set_writer(c, "/dev/null", err, sizeof err) != 0)
		abort();
	if (cap_start(c, err, sizeof err) != 0)
		abort();
	while ((rc = cap_next(c, &rec, 1000)) != -1) {
		if (rc == 0) {
			if (++idle == 10)
				abort();	/* a file source hangs */
			continue;
		}
		if (rec->n != last + 1)
			abort();	/* numbered 1, 2, 3 ... */
		last = rec->n;
		feed(e, rec);
	}
	cap_stop(c);
	cap_source_info(c, 0, &si);
	if (!si.ended || si.received != last)
		abort();	/* a file's record was lost */
	if (si.error != 0)
		check_msg(si.errmsg, sizeof si.errmsg);
	(void)report_write(devnull, e, c, REPORT_JSON);
out:
	cap_free(c);
	close(fd);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct eng	*e;
	char		 err[256];
	uint8_t		 mode;

	if (size < 1 || size > FUZZ_MAX_FILE + 1)
		return (-1);	/* keep it out of the corpus */
	mode = data[0];
	data++;
	size--;
	if ((e = eng_new(NULL, err, sizeof err)) == NULL)
		abort();
	if (mode & 0x01) {
		if (size > 0)
			run_reader(e, data, size, (size_t)(mode >> 2) + 1);
	} else
		run_file(e, data, size, (mode & 0x02) != 0);
	eng_finish(e);
	(void)report_write(devnull, e, NULL, REPORT_TEXT);
	eng_free(e);
	return (0);
}
