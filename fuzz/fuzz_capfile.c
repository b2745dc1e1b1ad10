/*
 * fuzz_capfile.c -- libFuzzer target for the capture-file readers on whole
 * (mutated) files.
 *
 * Input: 1 mode byte, then the file.
 *   mode bit 0 clear: the -r FILE path, unchanged: the bytes go to a memfd,
 *	and cap_add_file / cap_start / cap_next (libpcap in a capture thread,
 *	the ring, the merge) feed the roam engine; then the report.  Bit 1
 *	adds -w /dev/null (the pcapng writer sees every record).
 *   mode bit 0 set: the --follow reader (our own pcap/pcapng parser),
 *	called in-process on an exactly sized copy of the file, because the
 *	real --follow thread polls a growing file every 100 ms, far too slow
 *	to fuzz.  cap.c is included below for that: its static reader is
 *	what is tested, not a copy.
 *
 * Build: ./configure CC=clang --enable-fuzzing && make fuzz/fuzz_capfile
 * Seeds: fuzz/mkcorpus.sh (capfile/ corpus: the files of tests/data).
 */
#include "cap/cap.c"

#include <sys/mman.h>

#include "engine/engine.h"
#include "report.h"

#define FUZZ_MAX_FILE	65536	/* ≤ 4096 records: the follow ring holds all */

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static FILE		*devnull;
static struct cap	 fcap;		/* the --follow rig, made once */
static struct cap_src	 fsrc;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* A small ring: the reader thread really waits for the consumer. */
	setenv("ROAMSCOPE_RING_SLOTS", "64", 0);
	if ((devnull = fopen("/dev/null", "w")) == NULL)
		abort();
	fcap.efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	pthread_mutex_init(&fcap.wlock, NULL);
	fsrc.cap = &fcap;
	fsrc.kind = CAP_FOLLOW;
	snprintf(fsrc.name, sizeof fsrc.name, "fuzz.pcap");
	fsrc.wait_full = 0;	/* never block: a full ring drops */
	if (fcap.efd == -1 || (fsrc.ring = ring_new(4096)) == NULL)
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

static void
run_follow(struct eng *e, const uint8_t *data, size_t size)
{
	struct follow		*fo = &fsrc.fol;
	struct ring_slot	*slot;
	uint64_t		 n = 0;
	int			 rc;

	memset(fo, 0, sizeof *fo);
	fo->fd = -1;
	if ((fo->buf = malloc(size)) == NULL)
		return;
	memcpy(fo->buf, data, size);
	fo->size = fo->len = size;
	fsrc.dlt = -1;
	fsrc.error = 0;
	fsrc.errmsg[0] = '\0';
	atomic_store(&fsrc.received, 0);

	/* follow_run's steps, minus the polling. */
	rc = follow_header(fo);
	if (rc == 1 && fo->fmt == 1) {
		fsrc.dlt = fo->dlt;
		if (!dlt_ok(fsrc.dlt)) {
			rc = linktype_error(fsrc.name, fsrc.dlt, fsrc.errmsg,
			    sizeof fsrc.errmsg);
			check_msg(fsrc.errmsg, sizeof fsrc.errmsg);
			rc = 0;
		}
	}
	if (rc == 1 && follow_records(&fsrc) == -1)
		check_msg(fsrc.errmsg, sizeof fsrc.errmsg);
	if (fo->off > fo->len || fo->consumed > size)
		abort();	/* the reader walked past the file */
	while ((slot = ring_peek(fsrc.ring)) != NULL) {
		slot->rec.n = ++n;
		feed(e, &slot->rec);
		ring_release(fsrc.ring);
	}
	free(fo->buf);
	fo->buf = NULL;
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
			run_follow(e, data, size);
	} else
		run_file(e, data, size, (mode & 0x02) != 0);
	eng_finish(e);
	(void)report_write(devnull, e, NULL, REPORT_TEXT);
	eng_free(e);
	return (0);
}
