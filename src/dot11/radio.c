/*
 * radio.c -- the radio headers in front of an 802.11 frame: radiotap,
 * PPI (802.11-common field), Prism and AVS.  Each is skipped to the 802.11
 * frame; on the way the parser keeps what the screens need (TSFT, channel,
 * signal, noise, rate/MCS) and the flags that change how the frame itself
 * must be read (FCS at the end, header padding, bad FCS).
 */
#include <string.h>

#include "dot11.h"

/* Radiotap Flags field (bit 1). */
#define RT_F_FCS		0x10	/* 4 bytes of FCS end the frame */
#define RT_F_DATAPAD		0x20	/* 802.11 header padded to 32 bits */
#define RT_F_BADFCS		0x40

/* Presence bits with a meaning in every namespace. */
#define RT_TLV			28
#define RT_NS_RADIOTAP		29
#define RT_NS_VENDOR		30
#define RT_EXT			31

/* Fields 0 to 3 (TSFT, Flags, Rate, Channel): 8 + 1 + 1 + 4 bytes from
 * the TSFT's 8-byte boundary, no padding between them. */
#define RT_COMMON		0x0000000fU
#define RT_COMMON_LEN		14

/*
 * Alignment and size of the radiotap-namespace fields 0..27
 * (radiotap.org "defined fields").  Alignment is counted from the start of
 * the radiotap header.
 */
static const struct {
	uint8_t	align, size;
} rt_fields[RT_TLV] = {
	{ 8, 8 },	/*  0 TSFT */
	{ 1, 1 },	/*  1 Flags */
	{ 1, 1 },	/*  2 Rate */
	{ 2, 4 },	/*  3 Channel: freq, flags */
	{ 1, 2 },	/*  4 FHSS */
	{ 1, 1 },	/*  5 antenna signal, dBm */
	{ 1, 1 },	/*  6 antenna noise, dBm */
	{ 2, 2 },	/*  7 lock quality */
	{ 2, 2 },	/*  8 TX attenuation */
	{ 2, 2 },	/*  9 dB TX attenuation */
	{ 1, 1 },	/* 10 dBm TX power */
	{ 1, 1 },	/* 11 antenna */
	{ 1, 1 },	/* 12 dB antenna signal */
	{ 1, 1 },	/* 13 dB antenna noise */
	{ 2, 2 },	/* 14 RX flags */
	{ 2, 2 },	/* 15 TX flags */
	{ 1, 1 },	/* 16 RTS retries */
	{ 1, 1 },	/* 17 data retries */
	{ 4, 8 },	/* 18 XChannel: flags, freq, channel, max power */
	{ 1, 3 },	/* 19 MCS: known, flags, index */
	{ 4, 8 },	/* 20 A-MPDU status */
	{ 2, 12 },	/* 21 VHT */
	{ 8, 12 },	/* 22 timestamp */
	{ 2, 12 },	/* 23 HE: data1..data6 */
	{ 2, 12 },	/* 24 HE-MU */
	{ 2, 6 },	/* 25 HE-MU-other-user */
	{ 1, 1 },	/* 26 0-length PSDU */
	{ 2, 4 },	/* 27 L-SIG */
};

#define RT_MAX_WORDS	64	/* present words we accept before giving up */

bool
d11_dlt_supported(int dlt)
{
	switch (dlt) {
	case D11_DLT_IEEE802_11:
	case D11_DLT_PRISM:
	case D11_DLT_RADIOTAP:
	case D11_DLT_AVS:
	case D11_DLT_PPI:
		return true;
	}
	return false;
}

const char *
d11_dlt_name(int dlt)
{
	switch (dlt) {
	case D11_DLT_IEEE802_11:
		return "802.11";
	case D11_DLT_PRISM:
		return "Prism";
	case D11_DLT_RADIOTAP:
		return "radiotap";
	case D11_DLT_AVS:
		return "AVS";
	case D11_DLT_PPI:
		return "PPI";
	}
	return "unknown";
}

/* Bandwidth in units of 10 MHz from radiotap's VHT bandwidth code. */
static uint8_t
vht_bw(uint8_t code)
{
	if (code == 0)
		return 2;
	if (code <= 3)
		return 4;
	if (code <= 10)
		return 8;
	if (code <= 25)
		return 16;
	return 0;
}

/* One radiotap-namespace field at p (size checked by the caller). */
static void
rt_field(unsigned bit, const uint8_t *p, struct d11_radio *r)
{
	uint16_t	 v, known;

	switch (bit) {
	case 0:
		r->tsft = d11_le64(p);
		r->present |= D11_RADIO_TSFT;
		break;
	case 1:
		r->flags = p[0];
		r->present |= D11_RADIO_FLAGS;
		break;
	case 2:
		r->rate = p[0];
		r->present |= D11_RADIO_RATE;
		break;
	case 3:
		if (r->present & D11_RADIO_FREQ)
			break;
		r->freq = d11_le16(p);
		r->chan_flags = d11_le16(p + 2);
		if (r->freq != 0)
			r->present |= D11_RADIO_FREQ;
		break;
	case 5:
		/* Several antennas repeat the field: the first is the
		 * combined signal. */
		if (r->present & D11_RADIO_SIGNAL)
			break;
		r->signal = (int8_t)p[0];
		r->present |= D11_RADIO_SIGNAL;
		break;
	case 6:
		if (r->present & D11_RADIO_NOISE)
			break;
		r->noise = (int8_t)p[0];
		r->present |= D11_RADIO_NOISE;
		break;
	case 11:
		if (r->present & D11_RADIO_ANTENNA)
			break;
		r->antenna = p[0];
		r->present |= D11_RADIO_ANTENNA;
		break;
	case 18:
		/* XChannel: only when the plain Channel field is absent. */
		if (r->present & D11_RADIO_FREQ)
			break;
		r->freq = d11_le16(p + 4);
		r->chan_flags = (uint16_t)d11_le32(p);
		if (r->freq != 0)
			r->present |= D11_RADIO_FREQ;
		break;
	case 19:
		/* known, flags, index; bandwidth known = bit 0. */
		r->mcs = p[2];
		if (p[0] & 0x01)
			r->bw = (p[1] & 0x03) == 1 ? 4 : 2;
		r->present |= D11_RADIO_MCS;
		break;
	case 21:
		/* known u16, flags, bandwidth, mcs_nss[4] (user 0 first). */
		known = d11_le16(p);
		if (known & 0x0040)
			r->bw = vht_bw(p[3] & 0x1f);
		r->mcs = p[4] >> 4;
		r->nss = p[4] & 0x0f;
		r->present |= D11_RADIO_VHT;
		break;
	case 23:
		/* data1 says which of data2..6 are known. */
		v = d11_le16(p);
		if (v & 0x0020)
			r->mcs = (d11_le16(p + 4) >> 8) & 0x0f;
		if (v & 0x4000) {
			switch (d11_le16(p + 8) & 0x0f) {
			case 0:
				r->bw = 2;
				break;
			case 1:
				r->bw = 4;
				break;
			case 2:
				r->bw = 8;
				break;
			case 3:
				r->bw = 16;
				break;
			}
		}
		if ((d11_le16(p + 10) & 0x0f) != 0)
			r->nss = d11_le16(p + 10) & 0x0f;
		r->present |= D11_RADIO_HE;
		break;
	default:
		break;	/* known size, nothing the screens need */
	}
}

/*
 * Radiotap.  Fields follow the present words in bit order, each aligned
 * to its natural size from the start of the header.  A vendor namespace is
 * skipped whole by its skip_length; the TLV list (bit 28) ends the fixed
 * fields.  A field we do not know the size of, or that runs past it_len,
 * stops the walk: what was read stays, the 802.11 frame still starts at
 * it_len.
 */
static enum d11_error
parse_radiotap(const uint8_t *buf, size_t len, struct d11_radio *r,
    size_t *hdr_len, bool *fcs, bool *bad_fcs)
{
	size_t		 it_len, nwords, w, pos, off;
	uint32_t	 word, bits;
	unsigned	 bit, k;
	bool		 vendor;

	if (len < 8)
		return D11_E_RADIO_TRUNC;
	if (buf[0] != 0)
		return D11_E_RADIO_BAD;
	it_len = d11_le16(buf + 2);
	if (it_len < 8)
		return D11_E_RADIO_BAD;
	if (it_len > len)
		return D11_E_RADIO_TRUNC;

	/* Count the present words: each one with bit 31 has a successor. */
	nwords = 1;
	while (d11_le32(buf + 4 + 4 * (nwords - 1)) & (1U << RT_EXT)) {
		if (4 + 4 * (nwords + 1) > it_len || nwords == RT_MAX_WORDS)
			return D11_E_RADIO_BAD;
		nwords++;
	}
	*hdr_len = it_len;
	r->hdr_len = (uint16_t)it_len;

	pos = 4 + 4 * nwords;
	vendor = false;
	k = 0;			/* word index inside the current namespace */
	for (w = 0; w < nwords; w++) {
		word = d11_le32(buf + 4 + 4 * w);
		/* Visit only the set bits below 29, lowest first. */
		bits = vendor ? 0 : word & ((1U << RT_NS_RADIOTAP) - 1);
		/*
		 * TSFT, Flags, Rate and Channel start most headers (Linux
		 * writes them so): at known offsets from the first field,
		 * read at once when they all fit.
		 */
		off = (pos + 7) & ~(size_t)7;
		if (w == 0 && (bits & RT_COMMON) == RT_COMMON &&
		    off + RT_COMMON_LEN <= it_len) {
			r->tsft = d11_le64(buf + off);
			r->flags = buf[off + 8];
			r->rate = buf[off + 9];
			r->freq = d11_le16(buf + off + 10);
			r->chan_flags = d11_le16(buf + off + 12);
			r->present |= D11_RADIO_TSFT | D11_RADIO_FLAGS |
			    D11_RADIO_RATE | (r->freq != 0 ? D11_RADIO_FREQ : 0);
			pos = off + RT_COMMON_LEN;
			bits &= ~RT_COMMON;
		}
		for (; bits != 0; bits &= bits - 1) {
			bit = (unsigned)__builtin_ctz(bits);
			if (k != 0 || bit == RT_TLV)
				goto done;	/* unknown size, or TLVs */
			off = (pos + rt_fields[bit].align - 1) &
			    ~(size_t)(rt_fields[bit].align - 1);
			if (off + rt_fields[bit].size > it_len)
				goto done;	/* the header lies */
			rt_field(bit, buf + off, r);
			pos = off + rt_fields[bit].size;
		}
		if (word & (1U << RT_NS_VENDOR)) {
			/* OUI[3], sub-namespace, skip_length (LE16). */
			off = (pos + 1) & ~(size_t)1;
			if (off + 6 > it_len)
				goto done;
			pos = off + 6 + d11_le16(buf + off + 4);
			if (pos > it_len)
				goto done;
			vendor = true;
			k = 0;
		} else if (word & (1U << RT_NS_RADIOTAP)) {
			vendor = false;
			k = 0;
		} else
			k++;
	}
done:
	if (r->present & D11_RADIO_FLAGS) {
		*fcs = (r->flags & RT_F_FCS) != 0;
		*bad_fcs = (r->flags & RT_F_BADFCS) != 0;
	}
	return D11_OK;
}

/* PPI: header, then TLV fields; only 802.11-common (type 2) is read. */
#define PPI_ALIGNED		0x01	/* pph_flags: fields 32-bit aligned */
#define PPI_80211_COMMON	2
#define PPI_C_FCS		0x0001
#define PPI_C_BADFCS		0x0004

static enum d11_error
parse_ppi(const uint8_t *buf, size_t len, struct d11_radio *r,
    size_t *hdr_len, bool *fcs, bool *bad_fcs)
{
	size_t		 pph_len, off, flen;
	uint16_t	 type, flags;
	const uint8_t	*p;

	if (len < 8)
		return D11_E_RADIO_TRUNC;
	if (buf[0] != 0)
		return D11_E_RADIO_BAD;
	pph_len = d11_le16(buf + 2);
	if (pph_len < 8)
		return D11_E_RADIO_BAD;
	if (pph_len > len)
		return D11_E_RADIO_TRUNC;
	if (d11_le32(buf + 4) != D11_DLT_IEEE802_11)
		return D11_E_LINKTYPE;
	*hdr_len = pph_len;
	r->hdr_len = (uint16_t)pph_len;

	for (off = 8; off + 4 <= pph_len; ) {
		type = d11_le16(buf + off);
		flen = d11_le16(buf + off + 2);
		if (off + 4 + flen > pph_len)
			break;		/* the field lies: stop */
		p = buf + off + 4;
		if (type == PPI_80211_COMMON && flen >= 20) {
			r->tsft = d11_le64(p);
			r->present |= D11_RADIO_TSFT;
			flags = d11_le16(p + 8);
			*fcs = (flags & PPI_C_FCS) != 0;
			*bad_fcs = (flags & PPI_C_BADFCS) != 0;
			if (d11_le16(p + 10) != 0) {
				r->rate = (uint8_t)d11_le16(p + 10);
				r->present |= D11_RADIO_RATE;
			}
			r->freq = d11_le16(p + 12);
			r->chan_flags = d11_le16(p + 14);
			if (r->freq != 0)
				r->present |= D11_RADIO_FREQ;
			/* -128 or 0 (unset by most writers) is no value */
			if (p[18] != 0 && p[18] != 0x80) {
				r->signal = (int8_t)p[18];
				r->present |= D11_RADIO_SIGNAL;
			}
			if (p[19] != 0 && p[19] != 0x80) {
				r->noise = (int8_t)p[19];
				r->present |= D11_RADIO_NOISE;
			}
		}
		off += 4 + flen;
		if (buf[1] & PPI_ALIGNED)
			off = (off + 3) & ~(size_t)3;
	}
	return D11_OK;
}

static unsigned
chan_to_freq(uint32_t ch)
{
	if (ch == 14)
		return 2484;
	if (ch >= 1 && ch < 14)
		return 2407 + 5 * ch;
	if (ch >= 15 && ch <= 196)
		return 5000 + 5 * ch;
	return 0;
}

/*
 * AVS (linux-wlan-ng capture header), big-endian: version, length,
 * mactime, hosttime, phytype, channel, datarate (100 kb/s), antenna,
 * priority, ssi_type, ssi_signal, ssi_noise, preamble, encoding.
 */
#define AVS_MAGIC_MASK		0xfffffff0
#define AVS_MAGIC		0x80211000
#define AVS_V1_LEN		64
#define AVS_SSI_DBM		2

static enum d11_error
parse_avs(const uint8_t *buf, size_t len, struct d11_radio *r,
    size_t *hdr_len)
{
	size_t		 hl;
	uint32_t	 ch, rate;
	int32_t		 sig;

	if (len < 8)
		return D11_E_RADIO_TRUNC;
	if ((d11_be32(buf) & AVS_MAGIC_MASK) != AVS_MAGIC)
		return D11_E_RADIO_BAD;
	hl = d11_be32(buf + 4);
	if (hl < 8)
		return D11_E_RADIO_BAD;
	if (hl > len)
		return D11_E_RADIO_TRUNC;
	*hdr_len = hl;
	r->hdr_len = (uint16_t)hl;
	if (hl < AVS_V1_LEN)
		return D11_OK;
	r->tsft = d11_be64(buf + 8);
	r->present |= D11_RADIO_TSFT;
	ch = d11_be32(buf + 28);
	if ((r->freq = (uint16_t)chan_to_freq(ch)) != 0)
		r->present |= D11_RADIO_FREQ;
	rate = d11_be32(buf + 32);
	if (rate != 0 && rate / 5 <= 255) {
		r->rate = (uint8_t)(rate / 5);
		r->present |= D11_RADIO_RATE;
	}
	r->antenna = (uint8_t)d11_be32(buf + 36);
	r->present |= D11_RADIO_ANTENNA;
	if (d11_be32(buf + 44) == AVS_SSI_DBM) {
		sig = (int32_t)d11_be32(buf + 48);
		if (sig >= -127 && sig <= 127) {
			r->signal = (int8_t)sig;
			r->present |= D11_RADIO_SIGNAL;
		}
		sig = (int32_t)d11_be32(buf + 52);
		if (sig >= -127 && sig < 0) {
			r->noise = (int8_t)sig;
			r->present |= D11_RADIO_NOISE;
		}
	}
	return D11_OK;
}

/*
 * Prism (wlan-ng): msgcode, msglen, devname[16], then ten items of
 * { did u32, status u16, len u16, data u32 } in host (little-endian on
 * every capture seen) order: hosttime, mactime, channel, rssi, sq, signal,
 * noise, rate, istx, frmlen.  Item status 0 means the value is there.
 */
#define PRISM_MSG_SNIFF		0x00000044	/* lnxind_wlansniffrm */
#define PRISM_MSG_SNIFF2	0x00000041
#define PRISM_LEN		144
#define PRISM_ITEM(i)		(24 + 12 * (i))
#define PRISM_MACTIME		1
#define PRISM_CHANNEL		2
#define PRISM_SIGNAL		5
#define PRISM_NOISE		6
#define PRISM_RATE		7

static bool
prism_item(const uint8_t *buf, int i, uint32_t *v)
{
	const uint8_t	*p = buf + PRISM_ITEM(i);

	if (d11_le16(p + 4) != 0)
		return false;
	*v = d11_le32(p + 8);
	return true;
}

static enum d11_error
parse_prism(const uint8_t *buf, size_t len, struct d11_radio *r,
    size_t *hdr_len, bool *fcs, bool *bad_fcs)
{
	size_t		 hl;
	uint32_t	 v, msg;

	if (len >= 4 && (d11_be32(buf) & AVS_MAGIC_MASK) == AVS_MAGIC)
		return parse_avs(buf, len, r, hdr_len);	/* AVS in DLT 119 */
	(void)fcs;
	(void)bad_fcs;
	if (len < 8)
		return D11_E_RADIO_TRUNC;
	/*
	 * Not a Prism message code in either byte order: some writers put
	 * bare 802.11 frames under DLT 119 (tshark reads them so too).
	 */
	msg = d11_le32(buf);
	if (msg != PRISM_MSG_SNIFF && msg != PRISM_MSG_SNIFF2 &&
	    d11_be32(buf) != PRISM_MSG_SNIFF &&
	    d11_be32(buf) != PRISM_MSG_SNIFF2)
		return D11_OK;
	hl = d11_le32(buf + 4);
	if (hl != PRISM_LEN && d11_be32(buf + 4) == PRISM_LEN)
		hl = PRISM_LEN;
	if (hl < 8 || hl > 65535)
		return D11_E_RADIO_BAD;
	if (hl > len)
		return D11_E_RADIO_TRUNC;
	*hdr_len = hl;
	r->hdr_len = (uint16_t)hl;
	if (hl < PRISM_LEN)
		return D11_OK;
	if (prism_item(buf, PRISM_MACTIME, &v)) {
		r->tsft = v;
		r->present |= D11_RADIO_TSFT;
	}
	if (prism_item(buf, PRISM_CHANNEL, &v) &&
	    (r->freq = (uint16_t)chan_to_freq(v)) != 0)
		r->present |= D11_RADIO_FREQ;
	if (prism_item(buf, PRISM_SIGNAL, &v) && (int32_t)v < 0 &&
	    (int32_t)v >= -127) {
		r->signal = (int8_t)(int32_t)v;
		r->present |= D11_RADIO_SIGNAL;
	}
	if (prism_item(buf, PRISM_NOISE, &v) && (int32_t)v < 0 &&
	    (int32_t)v >= -127) {
		r->noise = (int8_t)(int32_t)v;
		r->present |= D11_RADIO_NOISE;
	}
	if (prism_item(buf, PRISM_RATE, &v) && v != 0 && v <= 255) {
		r->rate = (uint8_t)v;
		r->present |= D11_RADIO_RATE;
	}
	return D11_OK;
}

enum d11_error
d11_parse_radio(int dlt, const uint8_t *buf, size_t len,
    struct d11_radio *r, size_t *hdr_len, bool *fcs_at_end, bool *bad_fcs)
{
	memset(r, 0, sizeof(*r));
	*hdr_len = 0;
	*fcs_at_end = false;
	*bad_fcs = false;

	switch (dlt) {
	case D11_DLT_RADIOTAP:
		return parse_radiotap(buf, len, r, hdr_len, fcs_at_end,
		    bad_fcs);
	case D11_DLT_IEEE802_11:
		return D11_OK;
	case D11_DLT_PPI:
		return parse_ppi(buf, len, r, hdr_len, fcs_at_end, bad_fcs);
	case D11_DLT_PRISM:
		return parse_prism(buf, len, r, hdr_len, fcs_at_end, bad_fcs);
	case D11_DLT_AVS:
		return parse_avs(buf, len, r, hdr_len);
	}
	return D11_E_LINKTYPE;
}
