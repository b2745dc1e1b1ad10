/*
 * pcapng.c -- pcapng writer (see pcapng.h).  Block layouts after the pcapng
 * specification (draft-ietf-opsawg-pcapng): every block is type, total
 * length, body padded to 32 bits, total length again; written in host byte
 * order, which the Section Header's byte-order magic announces.
 *
 * Blocks are built in our own buffer and reach the file only in whole
 * blocks, with write(2), at pcapng_flush (or when the buffer passes
 * W_FLUSH_AT): a capture killed with SIGKILL leaves a file that ends on a
 * block boundary, readable up to the last flush.  A write that fails
 * part-way (ENOSPC after some bytes) leaves a block cut short: the file is
 * truncated back to the end of the last whole block, and nothing more is
 * written (a pipe cannot be cut back, but its reader has gone).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#ifndef PACKAGE_STRING
#define PACKAGE_STRING "roamscope"
#endif

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cap/pcapng.h"

#define W_FLUSH_AT	(1024 * 1024)	/* flush early past this many bytes */

struct pcapng_w {
	int		 fd;
	int		 own;		/* we opened fd */
	int		 nifaces;
	int		 failed;
	char		 name[128];	/* for messages */
	char		 err[256];
	uint8_t		*buf;		/* whole blocks not yet written */
	size_t		 len, size;
	uint64_t	 written;	/* bytes in the file, whole blocks */
};

static size_t
pad4(size_t n)
{
	return (n + 3) & ~(size_t)3;
}

static void
w_fail(struct pcapng_w *w, const char *what)
{
	if (w->failed)
		return;
	w->failed = 1;
	if (errno == ENOSPC)
		snprintf(w->err, sizeof w->err, "%s: the disk is full: "
		    "nothing more is written to it (the file holds what came "
		    "before, in whole blocks)", w->name);
	else if (errno == EPIPE)
		snprintf(w->err, sizeof w->err, "%s: its reader went away: "
		    "nothing more is written to it", w->name);
	else
		snprintf(w->err, sizeof w->err, "%s: %s failed: %s", w->name,
		    what, strerror(errno));
}

static void
w_bytes(struct pcapng_w *w, const void *p, size_t n)
{
	uint8_t	*nb;
	size_t	 ns;

	/* After a write error, stop growing: the error is reported. */
	if (n == 0 || w->failed)
		return;
	if (w->size - w->len < n) {
		ns = w->size != 0 ? w->size : 65536;
		while (ns - w->len < n)
			ns *= 2;
		if ((nb = realloc(w->buf, ns)) == NULL) {
			errno = ENOMEM;
			w_fail(w, "write");
			return;
		}
		w->buf = nb;
		w->size = ns;
	}
	memcpy(w->buf + w->len, p, n);
	w->len += n;
}

static void
w_u32(struct pcapng_w *w, uint32_t v)
{
	w_bytes(w, &v, 4);
}

static void
w_u16(struct pcapng_w *w, uint16_t v)
{
	w_bytes(w, &v, 2);
}

static void
w_pad(struct pcapng_w *w, size_t n)
{
	static const uint8_t zero[4];

	w_bytes(w, zero, pad4(n) - n);
}

static void
w_opt(struct pcapng_w *w, uint16_t code, const void *p, size_t n)
{
	w_u16(w, code);
	w_u16(w, (uint16_t)n);
	w_bytes(w, p, n);
	w_pad(w, n);
}

static size_t
opt_len(size_t n)
{
	return 4 + pad4(n);
}

static struct pcapng_w *
w_start(int fd, int own, const char *name, char *err, size_t errlen)
{
	static const char	 appl[] = PACKAGE_STRING;
	struct pcapng_w		*w;
	uint32_t		 len;

	if ((w = calloc(1, sizeof *w)) == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	w->fd = fd;
	w->own = own;
	snprintf(w->name, sizeof w->name, "%s", name);

	/* SHB: BOM, version 1.0, section length unknown (-1), userappl. */
	len = 12 + 4 + 4 + 8 + opt_len(sizeof appl - 1) + opt_len(0);
	w_u32(w, PCAPNG_BT_SHB);
	w_u32(w, len);
	w_u32(w, PCAPNG_BOM);
	w_u16(w, 1);
	w_u16(w, 0);
	w_u32(w, 0xffffffff);
	w_u32(w, 0xffffffff);
	w_opt(w, PCAPNG_OPT_SHB_USERAPPL, appl, sizeof appl - 1);
	w_opt(w, PCAPNG_OPT_ENDOFOPT, NULL, 0);
	w_u32(w, len);
	if (w->failed) {
		snprintf(err, errlen, "%s", w->err);
		free(w->buf);
		free(w);
		return NULL;
	}
	return w;
}

struct pcapng_w *
pcapng_open(const char *path, char *err, size_t errlen)
{
	struct pcapng_w	*w;
	int		 fd;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0666)) == -1) {
		if (errno == EINTR)
			snprintf(err, errlen, "%s: interrupted while opening "
			    "it", path);
		else
			snprintf(err, errlen, "%s: cannot write: %s (check "
			    "the directory exists and is writable)", path,
			    strerror(errno));
		return NULL;
	}
	if ((w = w_start(fd, 1, path, err, errlen)) == NULL)
		close(fd);
	return w;
}

struct pcapng_w *
pcapng_fdopen(int fd, int own, const char *name, char *err, size_t errlen)
{
	return w_start(fd, own, name, err, errlen);
}

int
pcapng_add_iface(struct pcapng_w *w, int dlt, const char *name,
    uint32_t snaplen)
{
	static const uint8_t	 tsresol = 9;	/* 10^-9 s */
	size_t			 nlen = 0, len;

	if (name != NULL)
		nlen = strnlen(name, 0xff00);
	len = 12 + 8 + opt_len(1) + opt_len(0);
	if (nlen != 0)
		len += opt_len(nlen);
	w_u32(w, PCAPNG_BT_IDB);
	w_u32(w, (uint32_t)len);
	w_u16(w, (uint16_t)dlt);
	w_u16(w, 0);
	w_u32(w, snaplen);
	if (nlen != 0)
		w_opt(w, PCAPNG_OPT_IF_NAME, name, nlen);
	w_opt(w, PCAPNG_OPT_IF_TSRESOL, &tsresol, 1);
	w_opt(w, PCAPNG_OPT_ENDOFOPT, NULL, 0);
	w_u32(w, (uint32_t)len);
	if (w->failed)
		return -1;
	return w->nifaces++;
}

int
pcapng_write(struct pcapng_w *w, int iface, int64_t ts_ns,
    const uint8_t *buf, uint32_t caplen, uint32_t origlen)
{
	return pcapng_write_comment(w, iface, ts_ns, buf, caplen, origlen,
	    NULL);
}

/* An EPB, with an opt_comment when comment is not NULL or "". */
int
pcapng_write_comment(struct pcapng_w *w, int iface, int64_t ts_ns,
    const uint8_t *buf, uint32_t caplen, uint32_t origlen,
    const char *comment)
{
	uint64_t	 ts = (uint64_t)ts_ns;
	size_t		 clen = comment != NULL ? strnlen(comment, 0xff00) : 0;
	uint32_t	 len;

	if (iface < 0 || iface >= w->nifaces)
		return -1;
	len = (uint32_t)(12 + 20 + pad4(caplen));
	if (clen != 0)
		len += (uint32_t)(opt_len(clen) + opt_len(0));
	w_u32(w, PCAPNG_BT_EPB);
	w_u32(w, len);
	w_u32(w, (uint32_t)iface);
	w_u32(w, (uint32_t)(ts >> 32));
	w_u32(w, (uint32_t)ts);
	w_u32(w, caplen);
	w_u32(w, origlen < caplen ? caplen : origlen);
	w_bytes(w, buf, caplen);
	w_pad(w, caplen);
	if (clen != 0) {
		w_opt(w, PCAPNG_OPT_COMMENT, comment, clen);
		w_opt(w, PCAPNG_OPT_ENDOFOPT, NULL, 0);
	}
	w_u32(w, len);
	if (w->len >= W_FLUSH_AT)
		pcapng_flush(w);
	return w->failed ? -1 : 0;
}

/* The end of the last whole block among the first n bytes of the buffer. */
static size_t
whole_blocks(const struct pcapng_w *w, size_t n)
{
	size_t		 off = 0;
	uint32_t	 blen;

	while (off + 8 <= w->len) {
		memcpy(&blen, w->buf + off + 4, 4);
		if (blen < 12 || off + blen > n)
			break;
		off += blen;
	}
	return off;
}

int
pcapng_flush(struct pcapng_w *w)
{
	size_t	 off = 0;
	ssize_t	 n;

	while (off < w->len && !w->failed) {
		n = write(w->fd, w->buf + off, w->len - off);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = EIO;
			w_fail(w, "write");
			/* a block cut short: back to the last whole one */
			if (off != 0 && whole_blocks(w, off) != off &&
			    ftruncate(w->fd, (off_t)(w->written +
			    whole_blocks(w, off))) == -1) {
				/* a pipe: nothing to cut back */
			}
			break;
		}
		off += (size_t)n;
	}
	if (!w->failed)
		w->written += w->len;
	w->len = 0;
	return w->failed ? -1 : 0;
}

int
pcapng_fd(struct pcapng_w *w)
{
	return w->fd;
}

const char *
pcapng_error(struct pcapng_w *w)
{
	return w->failed ? w->err : NULL;
}

int
pcapng_close(struct pcapng_w *w, char *err, size_t errlen)
{
	int	 rc;

	if (w == NULL)
		return 0;
	pcapng_flush(w);
	if (w->own && close(w->fd) != 0)
		w_fail(w, "close");
	rc = w->failed ? -1 : 0;
	if (rc != 0 && err != NULL)
		snprintf(err, errlen, "%s", w->err);
	free(w->buf);
	free(w);
	return rc;
}
