/*
 * write.c -- -w: every record of every source into one pcapng (see cap.h).
 *
 * The capture threads write before the ring (w_record), under one lock,
 * so the file holds every record read, dropped ones included, whole;
 * a flusher thread puts the blocks on disk at least every FLUSH_MS.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cap/cap_int.h"
#include "rs.h"

void
w_check(struct cap *c)
{
	const char	*e;

	if (!atomic_load_explicit(&c->wfailed, memory_order_relaxed) &&
	    (e = pcapng_error(c->w)) != NULL) {
		snprintf(c->werr, sizeof c->werr, "%s", e);
		atomic_store(&c->wfailed, 1);
		cap_poke(c);
	}
}

/*
 * The writer's interface for interface ifc of source s (under wlock): one
 * per source and input interface, each with its own link type, added when
 * its first record comes.  All with the same snaplen (what live capture
 * asks for, else 0: no limit), which libpcap requires to read the file.
 */
int
w_iface(struct cap_src *s, uint32_t ifc, int dlt)
{
	struct cap		*c = s->cap;
	char			 name[80];
	size_t			 n, i;
	int			*v;

	if (s->new_file) {
		/* --follow started over: its interfaces are new ones */
		for (i = 0; i < s->nw_if; i++)
			s->w_if[i] = -1;
		s->new_file = 0;
	}
	if (ifc >= s->nw_if) {
		n = s->nw_if != 0 ? s->nw_if : 4;
		while (n <= ifc)
			n *= 2;
		if ((v = realloc(s->w_if, n * sizeof *v)) == NULL)
			return -1;
		for (i = s->nw_if; i < n; i++)
			v[i] = -1;
		s->w_if = v;
		s->nw_if = n;
	}
	if (s->w_if[ifc] >= 0)
		return s->w_if[ifc];
	if (ifc == 0)
		snprintf(name, sizeof name, "%s", s->name);
	else
		snprintf(name, sizeof name, "%s#%u", s->name, ifc);
	s->w_if[ifc] = pcapng_add_iface(c->w, dlt, name, c->w_snaplen);
	w_check(c);
	return s->w_if[ifc];
}

/* -w first, from the reader's buffer: nothing is lost from the file, even
 * a record the ring has no room for, nor its bytes past the slot size. */
void
w_record(struct cap_src *s, const struct capr_rec *in)
{
	struct cap	*c = s->cap;
	int		 id;

	if (c->w == NULL || atomic_load_explicit(&c->wfailed,
	    memory_order_relaxed))
		return;
	pthread_mutex_lock(&c->wlock);
	if ((id = w_iface(s, in->iface, in->dlt)) >= 0)
		pcapng_write(c->w, id, in->ts_ns, in->data, in->caplen,
		    in->origlen);
	w_check(c);
	pthread_mutex_unlock(&c->wlock);
}

static void *
flush_thread(void *arg)
{
	struct cap	*c = arg;
	sigset_t	 all;

	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, NULL);
	while (!atomic_load(&c->stop)) {
		cap_nap(c, FLUSH_MS);
		pthread_mutex_lock(&c->wlock);
		pcapng_flush(c->w);
		w_check(c);
		pthread_mutex_unlock(&c->wlock);
	}
	return NULL;
}

/* A name for where path would be: its directory resolved, then its base. */
static bool
canonical(const char *path, char *out, size_t len)
{
	char		 dir[PATH_MAX], real[PATH_MAX];
	const char	*b = strrchr(path, '/');

	if (realpath(path, real) != NULL) {
		snprintf(out, len, "%s", real);
		return true;
	}
	if (b == NULL)
		snprintf(dir, sizeof dir, ".");
	else if (b == path)
		snprintf(dir, sizeof dir, "/");
	else
		snprintf(dir, sizeof dir, "%.*s", (int)(b - path), path);
	if (realpath(dir, real) == NULL)
		return false;
	return snprintf(out, len, "%s/%s", strcmp(real, "/") == 0 ? "" :
	    real, b != NULL ? b + 1 : path) < (int)len;
}

/* -w onto one of our own sources would destroy it (or feed on itself). */
static int
w_names_source(struct cap *c, const char *path, char *err, size_t errlen)
{
	struct cap_src	*s;
	struct stat	 st;
	char		 wc[PATH_MAX], sc[PATH_MAX];
	size_t		 i;
	bool		 exists = stat(path, &st) == 0, named;

	named = canonical(path, wc, sizeof wc);
	for (i = 0; i < c->nsrc; i++) {
		s = c->src[i];
		if (s->fin.fd == -1)
			continue;
		if ((exists && st.st_dev == s->fin.dev &&
		    st.st_ino == s->fin.ino && !S_ISCHR(st.st_mode)) ||
		    (named && strcmp(s->fin.path, "-") != 0 &&
		    canonical(s->fin.path, sc, sizeof sc) &&
		    strcmp(sc, wc) == 0)) {
			snprintf(err, errlen, "-w %s is a source being read "
			    "(%s): writing it would destroy it; write to "
			    "another file", path, s->name);
			return RS_EXIT_USAGE;
		}
	}
	return 0;
}

bool
cap_writer_waits(struct cap *c, const char *path)
{
	struct stat	 st;
	int		 fd, fl;

	if (c->wfd_fifo != -1 || strcmp(path, "-") == 0 ||
	    stat(path, &st) == -1 || !S_ISFIFO(st.st_mode))
		return false;
	if ((fd = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC)) != -1) {
		/*
		 * A reader is there.  Keep this descriptor for the writer:
		 * closing it would leave the FIFO without a writer, and a
		 * reader blocked in read() would take that as the end.
		 */
		if ((fl = fcntl(fd, F_GETFL)) == -1 ||
		    fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) == -1) {
			close(fd);
			return false;
		}
		c->wfd_fifo = fd;
		return false;
	}
	return errno == ENXIO;
}

int
cap_set_writer(struct cap *c, const char *path, char *err, size_t errlen)
{
	char	 e[256];
	int	 rc;

	if (c->w != NULL) {
		snprintf(err, errlen, "-w given twice: give one file");
		return RS_EXIT_USAGE;
	}
	if ((rc = w_names_source(c, path, err, errlen)) != 0)
		return rc;
	if (strcmp(path, "-") == 0) {
		c->w = pcapng_fdopen(STDOUT_FILENO, 0, "stdout", e,
		    sizeof e);
		c->wfd_stdout = STDOUT_FILENO;
	} else if (c->wfd_fifo != -1) {
		c->w = pcapng_fdopen(c->wfd_fifo, 1, path, e, sizeof e);
		if (c->w == NULL)
			close(c->wfd_fifo);
		c->wfd_fifo = -1;
	} else
		c->w = pcapng_open(path, e, sizeof e);
	if (c->w == NULL) {
		snprintf(err, errlen, "%s", e);
		return RS_EXIT_WRITE;
	}
	snprintf(c->wpath, sizeof c->wpath, "%s", path);
	return 0;
}

bool
cap_write_failed(struct cap *c, char *msg, size_t len)
{
	if (!atomic_load(&c->wfailed))
		return false;
	if (msg != NULL) {
		pthread_mutex_lock(&c->wlock);
		snprintf(msg, len, "%s", c->werr);
		pthread_mutex_unlock(&c->wlock);
	}
	return true;
}

int
w_start(struct cap *c, char *err, size_t errlen)
{
	struct cap_src		*s;
	const struct capr_iface	*in0;
	size_t			 i;
	int			 rc;

	if (c->w == NULL)
		return 0;
	for (i = 0; i < c->nsrc; i++)
		if (c->src[i]->pcap != NULL)
			c->w_snaplen = LIVE_SNAPLEN;
	/* first interfaces known now, in order (-w's 0, 1, ...) */
	for (i = 0; i < c->nsrc; i++) {
		s = c->src[i];
		if (s->dlt < 0)
			continue;
		in0 = capr_iface(&s->fin.rd, 0);
		pthread_mutex_lock(&c->wlock);
		rc = w_iface(s, 0, s->pcap == NULL && in0 != NULL ?
		    in0->dlt : s->dlt);
		pthread_mutex_unlock(&c->wlock);
		if (rc < 0) {
			snprintf(err, errlen, "%s", c->werr[0] != '\0' ?
			    c->werr : "out of memory");
			return RS_EXIT_WRITE;
		}
	}
	if (pcapng_flush(c->w) == -1) {
		snprintf(err, errlen, "%s", pcapng_error(c->w));
		return RS_EXIT_WRITE;
	}
	if (pthread_create(&c->flusher, NULL, flush_thread, c) == 0)
		c->flusher_on = 1;
	return 0;
}

void
w_stop(struct cap *c)
{
	char	 e[256];

	if (c->flusher_on) {
		pthread_join(c->flusher, NULL);
		c->flusher_on = 0;
	}
	/* -w is complete now: flush and close it, and keep what failed. */
	if (c->w != NULL) {
		pthread_mutex_lock(&c->wlock);
		pcapng_flush(c->w);
		w_check(c);
		if (pcapng_close(c->w, e, sizeof e) != 0 &&
		    !atomic_load(&c->wfailed)) {
			snprintf(c->werr, sizeof c->werr, "%s", e);
			atomic_store(&c->wfailed, 1);
		}
		c->w = NULL;
		pthread_mutex_unlock(&c->wlock);
	}
}
