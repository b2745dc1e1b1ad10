/*
 * record.h -- one captured frame on its way from a source to the engine.
 *
 * A capture thread reads a record and copies its captured bytes into its
 * ring; the consumer (main thread) runs the shared parser on that copy as
 * it hands the record out (cap_next), so the decoded frame's pointers point
 * into the ring (rec->raw).  It hands the record to the roam engine, the
 * --frames printer or the TUI, and releases the slot at its next
 * cap_next().  Nothing may keep a pointer into a record after release: the
 * engine copies what it keeps.
 */
#ifndef RECORD_H
#define RECORD_H

#include <stdbool.h>
#include <stdint.h>

#include "dot11/dot11.h"

/* longer records are cut (and flagged) */
#define RS_REC_MAX_BYTES	4096

struct rs_rec {
	uint64_t	 n;		/* frame number, 1-based, every record
					   counted in merge order (a single file:
					   its record number, as tshark counts) */
	int64_t		 ts_ns;		/* capture time, ns since the epoch */
	uint16_t	 src;		/* source index (pcapng interface id) */
	int		 dlt;		/* link type of the source */
	uint32_t	 caplen;	/* bytes in raw */
	uint32_t	 origlen;	/* bytes on the wire */
	uint8_t		 cut;		/* caplen was clipped to
					   RS_REC_MAX_BYTES */
	bool		 decrypted;	/* the plaintext of a protected frame
					   (raw: the plain 802.11 frame) */
	const uint8_t	*raw;		/* the record as captured */
	struct d11_frame f;		/* d11_parse(dlt, raw, caplen) */
};

/* Shorter than on the air (the capture's snaplen, or our limit): its own
 * lengths overrun what is there by design, which is not malformed. */
static inline bool
rs_rec_clipped(const struct rs_rec *r)
{
	return r->cut || r->origlen > r->caplen;
}

#endif /* RECORD_H */
