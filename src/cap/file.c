/*
 * file.c -- files, streams ("-r -") and --follow: our reader (capread.c,
 * pcapng.h) over read(2), in the source's thread.
 *
 * A regular file is read in chunks of READ_CHUNK; a stream is polled
 * beside the stop eventfd, so that a stop is seen within FOLLOW_POLL_MS;
 * a followed file is waited for with inotify.  Whatever was read is handed
 * on before any wait (src_publish).  Files wait for room in the ring: they
 * never drop.
 */
#include <sys/inotify.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cap/cap_int.h"
#include "rs.h"

/* Read what is there now into fi's buffer.  Returns the bytes read, 0 at
 * (the current) end, -1 on error (errno).  A stream is polled, so that a
 * stop is seen within FOLLOW_POLL_MS: -2 when nothing came in that time. */
static ssize_t
fin_fill(struct fin *fi, size_t need, struct cap *c)
{
	struct pollfd	 pfd[2];
	ssize_t		 n;
	size_t		 want;
	uint8_t		*nb;

	if (fi->off != 0) {
		memmove(fi->buf, fi->buf + fi->off, fi->len - fi->off);
		fi->len -= fi->off;
		fi->off = 0;
	}
	want = need > READ_CHUNK ? need : READ_CHUNK;
	if (fi->size - fi->len < want) {
		if ((nb = realloc(fi->buf, fi->len + want)) == NULL)
			return -1;
		fi->buf = nb;
		fi->size = fi->len + want;
	}
	if (!fi->regular) {
		pfd[0].fd = fi->fd;
		pfd[0].events = POLLIN;
		pfd[1].fd = c->stopfd;
		pfd[1].events = POLLIN;
		do
			n = poll(pfd, 2, FOLLOW_POLL_MS);
		while (n == -1 && errno == EINTR && !atomic_load(&c->stop));
		if (n == 0 || atomic_load(&c->stop))
			return -2;
	}
	do
		n = read(fi->fd, fi->buf + fi->len, fi->size - fi->len);
	while (n == -1 && errno == EINTR);
	if (n > 0) {
		/* the file's first bytes: to tell it was written anew */
		if (fi->pos < sizeof fi->head) {
			want = sizeof fi->head - (size_t)fi->pos;
			if (want > (size_t)n)
				want = (size_t)n;
			memcpy(fi->head + fi->pos, fi->buf + fi->len, want);
			fi->headlen += want;
		}
		fi->pos += (uint64_t)n;
		fi->len += (size_t)n;
	}
	return n;
}

/* Start over on a new file (or the same one, from its start). */
static void
fin_reset(struct fin *fi)
{
	fi->len = fi->off = 0;
	fi->consumed = fi->pos = 0;
	fi->headlen = 0;
	capr_free(&fi->rd);
}

static int
fin_open(struct cap_src *s, const char *path, char *err, size_t errlen)
{
	struct fin	*fi = &s->fin;
	struct stat	 st;

	if (strcmp(path, "-") == 0)
		fi->fd = dup(STDIN_FILENO);
	else
		fi->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fi->fd == -1) {
		if (errno == EACCES)
			snprintf(err, errlen, "%s: permission denied: make it "
			    "readable (chmod o+r) or run as its owner", path);
		else
			snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return RS_EXIT_NOFILE;
	}
	if (fstat(fi->fd, &st) == 0) {
		fi->regular = S_ISREG(st.st_mode);
		fi->dev = st.st_dev;
		fi->ino = st.st_ino;
	}
	snprintf(fi->path, sizeof fi->path, "%s", path);
	capr_init(&fi->rd);
	if ((fi->buf = malloc(READ_CHUNK)) == NULL) {
		snprintf(err, errlen, "out of memory");
		return RS_EXIT_INTERNAL;
	}
	fi->size = READ_CHUNK;
	return 0;
}

/*
 * The source's link type: the file's (pcap), else its first 802.11
 * interface's.  A file of none but other link types is refused (a pcapng
 * may mix them: its other interfaces' records are decoded as "linktype").
 */
static int
fin_linktype(struct cap_src *s, const char *what, char *err, size_t errlen)
{
	const struct capr_iface	*ifc;
	struct fin		*fi = &s->fin;
	uint32_t		 i;

	s->dlt = -1;
	if (fi->rd.fmt == CAPR_PCAP)
		s->dlt = fi->rd.dlt;
	for (i = 0; s->dlt == -1 && (ifc = capr_iface(&fi->rd, i)) != NULL;
	    i++)
		if (d11_dlt_supported(ifc->dlt))
			s->dlt = ifc->dlt;
	if (s->dlt == -1 && (ifc = capr_iface(&fi->rd, 0)) != NULL)
		s->dlt = ifc->dlt;
	if (s->dlt != -1 && !d11_dlt_supported(s->dlt))
		return cap_linktype_error(what, s->dlt, err, errlen);
	s->dlt_known = s->dlt != -1;
	return 0;
}

/*
 * The first records' link types, and a file that is no capture, before any
 * screen is drawn: read and parse the header and the blocks before the
 * first record (pcapng: the interfaces), and leave that record unread.
 * Returns 0 or an RS_EXIT_* code with err set.
 */
static int
fin_prime(struct cap_src *s, const char *what, char *err, size_t errlen)
{
	struct fin		*fi = &s->fin;
	struct capr_rec		 rec;
	char			 e[128];
	size_t			 used, need = 0;
	ssize_t			 n;
	int			 rc;

	for (;;) {
		rc = capr_next(&fi->rd, fi->buf + fi->off, fi->len - fi->off,
		    &used, &need, &rec, e, sizeof e);
		if (rc == CAPR_BLOCK) {
			fi->off += used;
			fi->consumed += used;
			continue;
		}
		if (rc == CAPR_NOTCAP) {
			snprintf(err, errlen, "%s %s", what, e);
			return RS_EXIT_FORMAT;
		}
		if (rc == CAPR_BAD) {
			snprintf(err, errlen, "%s: %s", what, e);
			return RS_EXIT_FORMAT;
		}
		if (rc == CAPR_REC)
			break;
		/* CAPR_MORE: a followed file may be empty so far */
		n = fin_fill(fi, need, s->cap);
		if (n > 0)
			continue;
		if (n == -2 || s->kind == CAP_FOLLOW)
			break;
		if (n == -1) {
			snprintf(err, errlen, "%s: %s", what, strerror(errno));
			return RS_EXIT_NOFILE;
		}
		if (fi->rd.fmt == CAPR_UNKNOWN) {
			if (fi->len == 0)
				snprintf(err, errlen, "%s is empty: it holds "
				    "no capture header", what);
			else
				snprintf(err, errlen, "%s is too short to be "
				    "a pcap or pcapng capture (its header is "
				    "cut short)", what);
			return RS_EXIT_FORMAT;
		}
		break;	/* a header and no record: fine, or truncated */
	}
	return fin_linktype(s, what, err, errlen);
}

static void	follow_watch(struct fin *);

int
cap_add_file(struct cap *c, const char *path, bool follow, char *err,
    size_t errlen)
{
	struct cap_src	*s;
	struct stat	 st;
	int		 rc, isstdin = strcmp(path, "-") == 0;
	const char	*what = isstdin ? "stdin" : path;
	const char	*b;

	if (follow && isstdin) {
		snprintf(err, errlen, "--follow needs a file name; a stream "
		    "(-r -) is followed anyway");
		return RS_EXIT_USAGE;
	}
	if ((s = cap_src_new(c, follow ? CAP_FOLLOW : CAP_FILE, what, err,
	    errlen)) == NULL)
		return RS_EXIT_INTERNAL;
	if (isstdin)
		snprintf(s->desc, sizeof s->desc, "stdin");
	else {
		b = strrchr(path, '/');
		snprintf(s->desc, sizeof s->desc, "%s%s",
		    b != NULL && b[1] != '\0' ? b + 1 : path,
		    follow ? " (follow)" : "");
		if (stat(path, &st) == -1) {
			rc = RS_EXIT_NOFILE;
			if (errno == ENOENT)
				snprintf(err, errlen, "%s: no such file "
				    "(check the path)", path);
			else if (errno == EACCES)
				snprintf(err, errlen, "%s: permission denied "
				    "(check the directories' permissions, or "
				    "run as a user who can read it)", path);
			else
				snprintf(err, errlen, "%s: %s", path,
				    strerror(errno));
			goto fail;
		}
		if (S_ISDIR(st.st_mode)) {
			snprintf(err, errlen, "%s is a directory: give a "
			    "capture file inside it", path);
			rc = RS_EXIT_NOFILE;
			goto fail;
		}
		if (S_ISREG(st.st_mode) && st.st_size == 0 && !follow) {
			snprintf(err, errlen, "%s is empty: it holds no "
			    "capture header (was the capture stopped before "
			    "it started?)", path);
			rc = RS_EXIT_FORMAT;
			goto fail;
		}
	}
	if ((rc = fin_open(s, path, err, errlen)) != 0)
		goto fail;
	/* before the first read: nothing written after it is missed */
	if (follow)
		follow_watch(&s->fin);
	if ((rc = fin_prime(s, what, err, errlen)) != 0)
		goto fail;
	/* -r of a file: its size, for cap_progress */
	if (!follow && s->fin.regular && fstat(s->fin.fd, &st) == 0)
		s->size = (uint64_t)st.st_size;
	/* A followed file may stall like an adapter: the reorder window. */
	s->live = follow;
	/* Dropping is for live sources only: files wait for ring space. */
	s->wait_full = 1;
	cap_src_attach(c, s);
	return 0;

fail:
	cap_src_free(s);
	return rc;
}

/* Records of the buffer to the ring; stops at CAPR_MORE (*need set). */
static int
fin_records(struct cap_src *s, size_t *need)
{
	struct fin	*fi = &s->fin;
	struct capr_rec	 rec;
	char		 e[128];
	size_t		 used;
	int		 rc;

	for (;;) {
		if (atomic_load_explicit(&s->cap->stop, memory_order_relaxed))
			return 0;
		rc = capr_next(&fi->rd, fi->buf + fi->off, fi->len - fi->off,
		    &used, need, &rec, e, sizeof e);
		if (rc == CAPR_MORE)
			return 0;
		if (rc == CAPR_NOTCAP) {
			s->error = RS_EXIT_FORMAT;
			snprintf(s->errmsg, sizeof s->errmsg, "%s %s", s->name,
			    e);
			return -1;
		}
		if (rc == CAPR_BAD) {
			s->error = RS_EXIT_FORMAT;
			snprintf(s->errmsg, sizeof s->errmsg, "%s: %s after "
			    "%ju frames", s->name, e, (uintmax_t)
			    s->nread);
			return -1;
		}
		if (rc == CAPR_REC) {
			if (!s->dlt_known && (rc = fin_linktype(s, s->name,
			    s->errmsg, sizeof s->errmsg)) != 0) {
				s->error = rc;
				return -1;
			}
			/* no stamp (Simple Packet Block): the one before's */
			if (!rec.has_ts)
				rec.ts_ns = s->last_ts;
			s->last_ts = rec.ts_ns;
			if (fi->rd.snaplen_lie && !s->said_snaplen) {
				s->said_snaplen = 1;
				cap_note(s->cap, "%s lies about its snaplen: "
				    "its header says %u bytes, record %ju "
				    "holds %u; records are read whole",
				    s->name, fi->rd.snaplen, (uintmax_t)
				    fi->rd.lie_record, fi->rd.lie_caplen);
			}
			src_push(s, &rec);
		}
		fi->off += used;
		fi->consumed += used;
	}
}

/*
 * --follow: inotify on the file (written, moved, deleted) and on new names
 * in its directory (a rotation's new file), so that what is written is read
 * at once; the name is still looked at every FOLLOW_POLL_MS.  Without
 * inotify, that look is all there is.
 */
static void
follow_watch(struct fin *fi)
{
	char	 dir[PATH_MAX];
	char	*sl;

	if (fi->ino_fd == -1 &&
	    (fi->ino_fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) == -1)
		return;
	if (fi->wd_file != -1)
		inotify_rm_watch(fi->ino_fd, fi->wd_file);
	fi->wd_file = inotify_add_watch(fi->ino_fd, fi->path, IN_MODIFY |
	    IN_ATTRIB | IN_MOVE_SELF | IN_DELETE_SELF);
	if (fi->wd_dir == -1) {
		snprintf(dir, sizeof dir, "%s", fi->path);
		if ((sl = strrchr(dir, '/')) == NULL)
			snprintf(dir, sizeof dir, ".");
		else if (sl == dir)
			dir[1] = '\0';
		else
			*sl = '\0';
		fi->wd_dir = inotify_add_watch(fi->ino_fd, dir, IN_CREATE |
		    IN_MOVED_TO);
	}
}

/* At the end of a followed file: until it changes, or FOLLOW_POLL_MS. */
static void
follow_wait(struct cap_src *s)
{
	struct fin	*fi = &s->fin;
	struct pollfd	 pfd[2];
	char		 ev[4096];

	if (fi->ino_fd == -1) {
		cap_nap(s->cap, FOLLOW_POLL_MS);
		return;
	}
	pfd[0].fd = fi->ino_fd;
	pfd[0].events = POLLIN;
	pfd[1].fd = s->cap->stopfd;
	pfd[1].events = POLLIN;
	if (!atomic_load(&s->cap->stop))
		poll(pfd, 2, FOLLOW_POLL_MS);
	while (read(fi->ino_fd, ev, sizeof ev) > 0)
		;
}

/*
 * --follow at the end of what is there: like tail -F, follow the name.
 * The file truncated in place: read it again from its start.  Renamed
 * away and recreated (rotated): once the old one is read to its end,
 * follow the new one.  Deleted: wait for it to come back.  Each is said
 * once.  Returns 1 when reading goes on from a new start.
 */
static int
follow_name(struct cap_src *s)
{
	struct fin	*fi = &s->fin;
	struct stat	 st, cur;
	uint8_t		 head[sizeof fi->head];
	int		 fd;

	/* shorter than what was read, or its start is not what it was
	 * (truncated and already written again) */
	if (fstat(fi->fd, &cur) == 0 && S_ISREG(cur.st_mode) &&
	    ((uint64_t)cur.st_size < fi->pos ||
	    (fi->headlen != 0 && (pread(fi->fd, head, fi->headlen, 0) !=
	    (ssize_t)fi->headlen || memcmp(head, fi->head, fi->headlen) !=
	    0)))) {
		cap_note(s->cap, "%s was truncated: reading it again from "
		    "its start", s->name);
		lseek(fi->fd, 0, SEEK_SET);
		fin_reset(fi);
		s->dlt_known = 0;
		s->new_file = 1;
		return 1;
	}
	if (stat(fi->path, &st) == -1) {
		/* renamed away (still linked): a rotation whose new file
		 * is not there yet, not a deletion */
		if (fstat(fi->fd, &cur) == 0 && cur.st_nlink > 0)
			return 0;
		if (!s->said_gone) {
			s->said_gone = 1;
			cap_note(s->cap, "%s was deleted: waiting for it to "
			    "come back", s->name);
		}
		return 0;
	}
	if (st.st_dev == fi->dev && st.st_ino == fi->ino) {
		s->said_gone = 0;
		return 0;
	}
	if ((fd = open(fi->path, O_RDONLY | O_CLOEXEC)) == -1)
		return 0;
	if (fi->len > fi->off)
		cap_note(s->cap, "%s was replaced (rotated) with %zu bytes of "
		    "its last record unwritten: following the new file",
		    s->name, fi->len - fi->off);
	else
		cap_note(s->cap, "%s was %s: following the new file", s->name,
		    s->said_gone ? "created again" : "replaced (rotated)");
	close(fi->fd);
	fi->fd = fd;
	fi->dev = st.st_dev;
	fi->ino = st.st_ino;
	fi->regular = S_ISREG(st.st_mode);
	fin_reset(fi);
	follow_watch(fi);
	s->said_gone = 0;
	s->dlt_known = 0;
	s->new_file = 1;
	return 1;
}

void
file_run(struct cap_src *s)
{
	struct fin	*fi = &s->fin;
	size_t		 need = 0;
	ssize_t		 n;

	while (!atomic_load(&s->cap->stop)) {
		if (fin_records(s, &need) == -1) {
			/* written anew under us, mid-read: start over */
			if (s->kind == CAP_FOLLOW && follow_name(s)) {
				s->error = 0;
				continue;
			}
			return;
		}
		if (atomic_load(&s->cap->stop))
			return;
		/* the read may wait: the consumer has what is there first */
		src_publish(s);
		n = fin_fill(fi, need, s->cap);
		if (n > 0 && s->live)
			s->batch_ns = rs_mono_ns();
		if (n > 0 || n == -2)
			continue;
		if (n == -1) {
			s->error = RS_EXIT_NOFILE;
			snprintf(s->errmsg, sizeof s->errmsg, "%s: %s",
			    s->name, strerror(errno));
			return;
		}
		if (s->kind == CAP_FOLLOW) {
			/* look at the name right before reading again */
			follow_wait(s);
			follow_name(s);
			continue;
		}
		/* -r: the end of the file is the end */
		if (fi->len > fi->off) {
			s->error = RS_EXIT_TRUNCATED;
			if (strcmp(s->name, "stdin") == 0)
				snprintf(s->errmsg, sizeof s->errmsg,
				    "stdin: stream stopped mid-record after "
				    "%ju frames", (uintmax_t)
				    s->nread);
			else
				snprintf(s->errmsg, sizeof s->errmsg,
				    "%s: last record truncated after %ju "
				    "frames", s->name, (uintmax_t)
				    s->nread);
		}
		return;
	}
}

void
file_close(struct fin *fi)
{
	if (fi->fd != -1)
		close(fi->fd);
	if (fi->ino_fd != -1)
		close(fi->ino_fd);
	fi->fd = fi->ino_fd = -1;
	free(fi->buf);
	fi->buf = NULL;
	capr_free(&fi->rd);
}
