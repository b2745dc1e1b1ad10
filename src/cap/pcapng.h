/*
 * pcapng.h -- capture files: the pcap and pcapng formats, our pcapng
 * writer (-w, the TUI's "write these frames" key) and our reader of both
 * formats (-r, -r -, --follow).  Internal to src/cap/.
 */
#ifndef PCAPNG_H
#define PCAPNG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* --- the formats (pcapng: draft-ietf-opsawg-pcapng; pcap: its header) --- */

#define PCAP_MAGIC_US		0xa1b2c3d4	/* classic pcap, microseconds */
#define PCAP_MAGIC_NS		0xa1b23c4d	/* classic pcap, nanoseconds */
#define PCAP_MAGIC_MODIFIED	0xa1b2cd34	/* Kuznetzov: 24-byte records */
#define PCAP_HDR_LEN		24
#define PCAP_REC_LEN		16
#define PCAP_MODREC_LEN		24

#define PCAPNG_BT_SHB		0x0a0d0d0a	/* Section Header */
#define PCAPNG_BT_IDB		0x00000001	/* Interface Description */
#define PCAPNG_BT_PB		0x00000002	/* Packet (obsolete) */
#define PCAPNG_BT_SPB		0x00000003	/* Simple Packet */
#define PCAPNG_BT_EPB		0x00000006	/* Enhanced Packet */
#define PCAPNG_BOM		0x1a2b3c4d	/* byte-order magic */
#define PCAPNG_BOM_SWAPPED	0x4d3c2b1a
#define PCAPNG_MAJOR		1

#define PCAPNG_OPT_ENDOFOPT	0
#define PCAPNG_OPT_COMMENT	1	/* opt_comment, any block */
#define PCAPNG_OPT_SHB_USERAPPL	4
#define PCAPNG_OPT_IF_NAME	2
#define PCAPNG_OPT_IF_TSRESOL	9
#define PCAPNG_OPT_IF_TSOFFSET	14

#define PCAPNG_TSRESOL_DEFAULT	6		/* 10^-6 s */

/* --- writer (pcapng.c) -----------------------------------------------------
 *
 * One Section Header Block, one Interface Description Block per
 * pcapng_add_iface() (its own link type, if_name and if_tsresol = 9, i.e.
 * timestamps in ns; interfaces may be added between packets), then
 * Enhanced Packet Blocks.  Blocks are built in memory and reach the file
 * only in whole blocks at pcapng_flush(): a kill -9 after it leaves a file
 * tshark reads in full, and a write that fails part-way (a full disk) is
 * cut back to the last whole block.  The first failure stops every later
 * write and is kept (pcapng_error).  Not thread-safe: callers lock.
 */
struct pcapng_w;

/* Create (truncate) path; NULL with a one-line message in err. */
struct pcapng_w	*pcapng_open(const char *path, char *err, size_t errlen);
/* Write to an open descriptor (e.g. stdout); own: closed with the writer,
 * else it stays the caller's. */
struct pcapng_w	*pcapng_fdopen(int fd, int own, const char *name, char *err,
		    size_t errlen);
/* Returns the interface id (0, 1, ...) or -1. name may be NULL. */
int		 pcapng_add_iface(struct pcapng_w *, int dlt, const char *name,
		    uint32_t snaplen);
int		 pcapng_write(struct pcapng_w *, int iface, int64_t ts_ns,
		    const uint8_t *buf, uint32_t caplen, uint32_t origlen);
/* An Enhanced Packet Block with an opt_comment (UTF-8, may be NULL). */
int		 pcapng_write_comment(struct pcapng_w *, int iface,
		    int64_t ts_ns, const uint8_t *buf, uint32_t caplen,
		    uint32_t origlen, const char *comment);
int		 pcapng_flush(struct pcapng_w *);
/* Flush and close (checked); returns -1 when any write failed (err set). */
int		 pcapng_close(struct pcapng_w *, char *err, size_t errlen);
/* The first write error seen, or NULL. */
const char	*pcapng_error(struct pcapng_w *);
int		 pcapng_fd(struct pcapng_w *);

/* --- reader (capread.c) ----------------------------------------------------
 *
 * Classic pcap (micro- or nanoseconds, either byte order, Kuznetzov's
 * modified records) and pcapng (every section in its own byte order; Enhanced,
 * Simple and obsolete Packet Blocks; each interface's link type, if_tsresol
 * and if_tsoffset), read from bytes the caller supplies: it does no I/O, so
 * one reader serves files, streams and files still being written.
 * Interfaces are numbered across sections (the second section's first
 * interface follows the first section's last).  Compressed files are named.
 */
#define CAPR_MAX_BLOCK		(16u * 1024 * 1024)	/* larger: a lie */
#define CAPR_MAX_IFACES		4096

struct capr_iface {
	int		 dlt;
	uint8_t		 tsresol;	/* if_tsresol */
	int64_t		 tsoffset;	/* if_tsoffset, seconds */
	uint32_t	 snaplen;
};

enum capr_fmt {
	CAPR_UNKNOWN,
	CAPR_PCAP,
	CAPR_PCAPNG,
};

struct capr {
	enum capr_fmt	 fmt;
	bool		 swap;		/* this section's byte order */
	bool		 nsec;		/* pcap: nanosecond stamps */
	bool		 modified;	/* pcap: 24-byte record headers */
	uint32_t	 snaplen;	/* pcap header */
	int		 dlt;		/* pcap: the file's link type */
	uint32_t	 sections;
	uint32_t	 if_base;	/* this section's first interface */
	uint32_t	 nif;		/* interfaces of every section */
	struct capr_iface *ifs;
	size_t		 ifcap;
	uint64_t	 records;
	/* pcap: the first record longer than the header's snaplen */
	bool		 snaplen_lie;
	uint32_t	 lie_caplen;
	uint64_t	 lie_record;
};

struct capr_rec {
	const uint8_t	*data;		/* into the caller's bytes */
	uint32_t	 caplen;
	uint32_t	 origlen;
	int64_t		 ts_ns;		/* 0 when !has_ts */
	bool		 has_ts;	/* a Simple Packet Block has none */
	uint32_t	 iface;		/* across sections; 0 for pcap */
	int		 dlt;
};

enum {
	CAPR_NOTCAP = -2,	/* the start is not a capture (err says what) */
	CAPR_BAD = -1,		/* a block or record lies (err says how) */
	CAPR_MORE = 0,		/* *need bytes from p are needed */
	CAPR_REC = 1,		/* *rec, *used bytes */
	CAPR_BLOCK = 2,		/* a block without a record, *used bytes */
};

void		 capr_init(struct capr *);
void		 capr_free(struct capr *);
/*
 * One step over p[0..avail): the file header, a block or a record.  err
 * gets a phrase without the file's name: "is not a pcap or pcapng
 * capture", "is compressed (gzip): ...", "bad pcapng block (...)".
 */
int		 capr_next(struct capr *, const uint8_t *p, size_t avail,
		    size_t *used, size_t *need, struct capr_rec *,
		    char *err, size_t errlen);
/* Interface i (0 .. nif-1), or NULL. */
const struct capr_iface *capr_iface(const struct capr *, uint32_t i);

#endif /* PCAPNG_H */
