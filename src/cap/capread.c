/*
 * capread.c -- the pcap and pcapng reader (see pcapng.h).
 *
 * Every length is checked against the bytes given before it is used; a
 * block is only parsed once it is there whole (CAPR_MORE asks for it), so
 * the same code reads a file, a pipe and a file still growing.  What is
 * read follows what tshark reads: every section in its own byte order, an
 * interface's link type per record, if_tsresol and if_tsoffset applied,
 * classic pcap seconds unsigned (past 2038), and records longer than a
 * pcap header's snaplen kept whole (the header is what is wrong; noted).
 */
#include <stdlib.h>
#include <string.h>

#include "cap/pcapng.h"

static uint32_t
rd32(const struct capr *r, const uint8_t *p)
{
	uint32_t	 v;

	memcpy(&v, p, 4);
	return r->swap ? __builtin_bswap32(v) : v;
}

static uint16_t
rd16(const struct capr *r, const uint8_t *p)
{
	uint16_t	 v;

	memcpy(&v, p, 2);
	return r->swap ? __builtin_bswap16(v) : v;
}

static uint64_t
rd64(const struct capr *r, const uint8_t *p)
{
	uint64_t	 v;

	memcpy(&v, p, 8);
	return r->swap ? __builtin_bswap64(v) : v;
}

static size_t
pad4(size_t n)
{
	return (n + 3) & ~(size_t)3;
}

void
capr_init(struct capr *r)
{
	memset(r, 0, sizeof *r);
	r->dlt = -1;
}

void
capr_free(struct capr *r)
{
	free(r->ifs);
	capr_init(r);
}

const struct capr_iface *
capr_iface(const struct capr *r, uint32_t i)
{
	return i < r->nif ? &r->ifs[i] : NULL;
}

/*
 * pcapng time stamp units to ns: if_tsresol is 10^-v, or 2^-v with bit 7.
 * Unsigned arithmetic throughout: a file's stamps can be anything.
 */
static uint64_t
units_ns(uint64_t t, uint8_t res)
{
	unsigned	 v = res & 0x7f;
	uint64_t	 m = 1;

	if (res & 0x80)
		return (uint64_t)(((unsigned __int128)t * 1000000000u) >> v);
	if (v <= 9) {
		while (v++ < 9)
			m *= 10;
		return t * m;
	}
	/* 10^20 > 2^64: any count of such units is 0 ns */
	if (v - 9 > 19)
		return 0;
	while (v-- > 9)
		m *= 10;
	return t / m;
}

static int
bad(char *err, size_t errlen, const char *fmt, uint32_t a, uint32_t b)
{
	snprintf(err, errlen, fmt, a, b);
	return CAPR_BAD;
}

/* The first bytes of something that is not a capture: name what it is. */
static int
not_capture(const uint8_t *p, size_t avail, char *err, size_t errlen)
{
	static const struct {
		const char	*magic;
		size_t		 len;
		const char	*what, *tool;
	} packed[] = {
		{ "\x1f\x8b", 2, "gzip", "gunzip" },
		{ "\x28\xb5\x2f\xfd", 4, "zstd", "unzstd" },
		{ "\xfd" "7zXZ", 5, "xz", "unxz" },
		{ "BZh", 3, "bzip2", "bunzip2" },
		{ "\x04\x22\x4d\x18", 4, "lz4", "unlz4" },
	};
	size_t		 i;

	for (i = 0; i < sizeof packed / sizeof packed[0]; i++)
		if (avail >= packed[i].len &&
		    memcmp(p, packed[i].magic, packed[i].len) == 0) {
			snprintf(err, errlen, "is compressed (%s): %s it "
			    "first, or pipe it in (%s -c FILE | roamscope "
			    "-r -)", packed[i].what, packed[i].tool,
			    packed[i].tool);
			return CAPR_NOTCAP;
		}
	snprintf(err, errlen, "is not a pcap or pcapng capture");
	return CAPR_NOTCAP;
}

static int
pcap_header(struct capr *r, const uint8_t *p, size_t avail, size_t *used,
    size_t *need, char *err, size_t errlen)
{
	uint32_t	 m;

	memcpy(&m, p, 4);
	r->swap = m == __builtin_bswap32(PCAP_MAGIC_US) ||
	    m == __builtin_bswap32(PCAP_MAGIC_NS) ||
	    m == __builtin_bswap32(PCAP_MAGIC_MODIFIED);
	if (r->swap)
		m = __builtin_bswap32(m);
	if (avail < PCAP_HDR_LEN) {
		*need = PCAP_HDR_LEN;
		return CAPR_MORE;
	}
	if (rd16(r, p + 4) != 2) {
		snprintf(err, errlen, "is a pcap file of version %u.%u, which "
		    "is not known (2.4 is)", rd16(r, p + 4), rd16(r, p + 6));
		return CAPR_NOTCAP;
	}
	r->fmt = CAPR_PCAP;
	r->nsec = m == PCAP_MAGIC_NS;
	r->modified = m == PCAP_MAGIC_MODIFIED;
	r->snaplen = rd32(r, p + 16);
	/* low 16 bits: the link type; above: FCS length and reserved */
	r->dlt = (int)(rd32(r, p + 20) & 0xffff);
	*used = PCAP_HDR_LEN;
	return CAPR_BLOCK;
}

static int
pcap_record(struct capr *r, const uint8_t *p, size_t avail, size_t *used,
    size_t *need, struct capr_rec *rec, char *err, size_t errlen)
{
	size_t		 hl = r->modified ? PCAP_MODREC_LEN : PCAP_REC_LEN;
	uint32_t	 caplen, frac;

	if (avail < hl) {
		*need = hl;
		return CAPR_MORE;
	}
	caplen = rd32(r, p + 8);
	if (caplen > CAPR_MAX_BLOCK)
		return bad(err, errlen, "bad record (it claims %u bytes)",
		    caplen, 0);
	if (avail < hl + caplen) {
		*need = hl + caplen;
		return CAPR_MORE;
	}
	if (r->snaplen != 0 && caplen > r->snaplen && !r->snaplen_lie) {
		r->snaplen_lie = true;
		r->lie_caplen = caplen;
		r->lie_record = r->records + 1;
	}
	frac = rd32(r, p + 4);
	memset(rec, 0, sizeof *rec);
	rec->data = p + hl;
	rec->caplen = caplen;
	rec->origlen = rd32(r, p + 12);
	rec->has_ts = true;
	rec->ts_ns = (int64_t)((uint64_t)rd32(r, p) * 1000000000u +
	    (uint64_t)frac * (r->nsec ? 1u : 1000u));
	rec->dlt = r->dlt;
	r->records++;
	*used = hl + caplen;
	return CAPR_REC;
}

/* Interface Description Block: link type, snaplen, options. */
static int
pcapng_idb(struct capr *r, const uint8_t *p, uint32_t blen, char *err,
    size_t errlen)
{
	struct capr_iface	*ifc, *nv;
	size_t			 o = 16, ns;
	uint16_t		 code, olen;

	if (blen < 20)
		return bad(err, errlen, "bad pcapng interface block (%u "
		    "bytes)", blen, 0);
	if (r->nif >= CAPR_MAX_IFACES)
		return bad(err, errlen, "more than %u interfaces", r->nif, 0);
	if (r->nif == r->ifcap) {
		ns = r->ifcap != 0 ? r->ifcap * 2 : 8;
		if ((nv = realloc(r->ifs, ns * sizeof *nv)) == NULL)
			return bad(err, errlen, "out of memory", 0, 0);
		r->ifs = nv;
		r->ifcap = ns;
	}
	ifc = &r->ifs[r->nif];
	ifc->dlt = rd16(r, p + 8);
	ifc->snaplen = rd32(r, p + 12);
	ifc->tsresol = PCAPNG_TSRESOL_DEFAULT;
	ifc->tsoffset = 0;
	/* options: code, length, value padded to 32 bits; a lie ends them */
	while (o + 4 <= (size_t)blen - 4) {
		code = rd16(r, p + o);
		olen = rd16(r, p + o + 2);
		if (code == PCAPNG_OPT_ENDOFOPT || o + 4 + olen > blen - 4)
			break;
		if (code == PCAPNG_OPT_IF_TSRESOL && olen == 1)
			ifc->tsresol = p[o + 4];
		else if (code == PCAPNG_OPT_IF_TSOFFSET && olen == 8)
			ifc->tsoffset = (int64_t)rd64(r, p + o + 4);
		o += 4 + pad4(olen);
	}
	r->nif++;
	return CAPR_BLOCK;
}

static void
pcapng_time(const struct capr_iface *ifc, uint64_t units,
    struct capr_rec *rec)
{
	rec->has_ts = true;
	rec->ts_ns = (int64_t)(units_ns(units, ifc->tsresol) +
	    (uint64_t)ifc->tsoffset * 1000000000u);
}

static int
pcapng_block(struct capr *r, const uint8_t *p, size_t avail, size_t *used,
    size_t *need, struct capr_rec *rec, char *err, size_t errlen)
{
	const struct capr_iface	*ifc;
	uint32_t		 type, blen, bom, ifid, caplen, origlen;
	bool			 swap = r->swap;

	if (avail < 12) {
		*need = 12;
		return CAPR_MORE;
	}
	memcpy(&type, p, 4);
	if (type == PCAPNG_BT_SHB) {
		/* a new section: its own byte order, its own interfaces */
		memcpy(&bom, p + 8, 4);
		if (bom != PCAPNG_BOM && bom != PCAPNG_BOM_SWAPPED)
			return r->fmt == CAPR_UNKNOWN ?
			    not_capture(p, avail, err, errlen) :
			    bad(err, errlen, "bad pcapng section header (byte "
			    "order magic 0x%08x)", bom, 0);
		r->swap = bom == PCAPNG_BOM_SWAPPED;
	}
	type = rd32(r, p);
	blen = rd32(r, p + 4);
	if (blen < 12 || (blen & 3) != 0 || blen > CAPR_MAX_BLOCK) {
		r->swap = swap;
		return bad(err, errlen, "bad pcapng block (type 0x%x, length "
		    "%u)", type, blen);
	}
	if (avail < blen) {
		r->swap = swap;
		*need = blen;
		return CAPR_MORE;
	}
	if (rd32(r, p + blen - 4) != blen) {
		r->swap = swap;
		return bad(err, errlen, "bad pcapng block (type 0x%x: its two "
		    "lengths differ, %u)", type, blen);
	}
	*used = blen;
	switch (type) {
	case PCAPNG_BT_SHB:
		if (blen < 28)
			return bad(err, errlen, "bad pcapng section header (%u "
			    "bytes)", blen, 0);
		if (rd16(r, p + 12) != PCAPNG_MAJOR)
			return bad(err, errlen, "pcapng version %u.%u is not "
			    "known (1.0 is)", rd16(r, p + 12),
			    rd16(r, p + 14));
		r->fmt = CAPR_PCAPNG;
		r->sections++;
		r->if_base = r->nif;
		return CAPR_BLOCK;
	case PCAPNG_BT_IDB:
		return pcapng_idb(r, p, blen, err, errlen);
	case PCAPNG_BT_EPB:
	case PCAPNG_BT_PB:
		if (blen < 32)
			return bad(err, errlen, "bad pcapng packet block (%u "
			    "bytes)", blen, 0);
		ifid = type == PCAPNG_BT_EPB ? rd32(r, p + 8) :
		    rd16(r, p + 8);
		caplen = rd32(r, p + 20);
		origlen = rd32(r, p + 24);
		if (caplen > blen - 32)
			return bad(err, errlen, "bad pcapng packet block (%u "
			    "bytes captured in a block of %u)", caplen, blen);
		if (ifid >= r->nif - r->if_base ||
		    (ifc = capr_iface(r, r->if_base + ifid)) == NULL)
			return bad(err, errlen, "pcapng packet for interface "
			    "%u, which no interface block describes", ifid,
			    0);
		memset(rec, 0, sizeof *rec);
		pcapng_time(ifc, (uint64_t)rd32(r, p + 12) << 32 |
		    rd32(r, p + 16), rec);
		break;
	case PCAPNG_BT_SPB:
		/* interface 0 of the section; no time stamp */
		if (blen < 16)
			return bad(err, errlen, "bad pcapng simple packet "
			    "block (%u bytes)", blen, 0);
		if ((ifc = capr_iface(r, r->if_base)) == NULL)
			return bad(err, errlen, "pcapng simple packet before "
			    "any interface block", 0, 0);
		ifid = 0;
		origlen = rd32(r, p + 8);
		caplen = origlen < blen - 16 ? origlen : blen - 16;
		if (ifc->snaplen != 0 && caplen > ifc->snaplen)
			caplen = ifc->snaplen;
		memset(rec, 0, sizeof *rec);
		break;
	default:
		/* NRB, ISB, DSB, custom, unknown: readers skip them */
		return CAPR_BLOCK;
	}
	rec->data = p + (type == PCAPNG_BT_SPB ? 12 : 28);
	rec->caplen = caplen;
	rec->origlen = origlen;
	rec->iface = r->if_base + ifid;
	rec->dlt = ifc->dlt;
	r->records++;
	return CAPR_REC;
}

int
capr_next(struct capr *r, const uint8_t *p, size_t avail, size_t *used,
    size_t *need, struct capr_rec *rec, char *err, size_t errlen)
{
	uint32_t	 m;

	*used = 0;
	*need = 0;
	if (r->fmt == CAPR_PCAP)
		return pcap_record(r, p, avail, used, need, rec, err, errlen);
	if (r->fmt == CAPR_PCAPNG)
		return pcapng_block(r, p, avail, used, need, rec, err,
		    errlen);
	if (avail < 4) {
		*need = 4;
		return CAPR_MORE;
	}
	memcpy(&m, p, 4);
	if (m == PCAP_MAGIC_US || m == PCAP_MAGIC_NS ||
	    m == PCAP_MAGIC_MODIFIED || m == __builtin_bswap32(PCAP_MAGIC_US) ||
	    m == __builtin_bswap32(PCAP_MAGIC_NS) ||
	    m == __builtin_bswap32(PCAP_MAGIC_MODIFIED))
		return pcap_header(r, p, avail, used, need, err, errlen);
	if (m == PCAPNG_BT_SHB) {
		if (avail < 12) {
			*need = 12;
			return CAPR_MORE;
		}
		return pcapng_block(r, p, avail, used, need, rec, err,
		    errlen);
	}
	return not_capture(p, avail, err, errlen);
}
