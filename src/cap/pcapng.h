/*
 * pcapng.h -- a small pcapng writer (for -w and the TUI's "write these
 * frames" key).
 *
 * One Section Header Block, one Interface Description Block per
 * pcapng_add_iface() (its own link type, if_name and if_tsresol = 9, i.e.
 * timestamps in ns), then Enhanced Packet Blocks.  Blocks are written with
 * stdio; pcapng_flush() pushes them to the kernel so that a kill -9 after
 * it leaves a file tshark reads in full.  Not thread-safe: callers lock.
 */
#ifndef PCAPNG_H
#define PCAPNG_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct pcapng_w;

/* Create (truncate) path; NULL with a one-line message in err. */
struct pcapng_w	*pcapng_open(const char *path, char *err, size_t errlen);
/* Write to an open stream (e.g. stdout); the stream stays the caller's. */
struct pcapng_w	*pcapng_fopen(FILE *f, char *err, size_t errlen);
/* Returns the interface id (0, 1, ...) or -1. name may be NULL. */
int		 pcapng_add_iface(struct pcapng_w *, int dlt, const char *name,
		    uint32_t snaplen);
int		 pcapng_write(struct pcapng_w *, int iface, int64_t ts_ns,
		    const uint8_t *buf, uint32_t caplen, uint32_t origlen);
int		 pcapng_flush(struct pcapng_w *);
/* Flush and close; returns -1 when any write failed (err set). */
int		 pcapng_close(struct pcapng_w *, char *err, size_t errlen);
/* The first write error seen, or NULL. */
const char	*pcapng_error(struct pcapng_w *);
int		 pcapng_fd(struct pcapng_w *);

#endif /* PCAPNG_H */
