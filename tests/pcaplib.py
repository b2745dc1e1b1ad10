"""pcaplib.py -- reading and writing pcap and pcapng, for the test scripts,
the lab's truth.py and the fuzz corpus builders.  Standard library only.

Reading is lenient unless asked otherwise: these are our own captures and
the bad files built from them, so a last record cut short comes back as far
as its bytes go, and a walk that meets something it cannot read ends there.
Import it with tests/ on sys.path:

    sys.path.insert(0, os.path.join(TOP, "tests"))
    import pcaplib
"""
import collections
import struct

MAGIC_US = 0xa1b2c3d4           # classic pcap, microsecond time stamps
MAGIC_NS = 0xa1b23c4d           # classic pcap, nanosecond time stamps
LINKTYPE_IEEE802_11 = 105
LINKTYPE_RADIOTAP = 127

PCAPNG_SHB = b"\x0a\x0d\x0d\x0a"
PCAPNG_BOM = 0x1a2b3c4d
PCAPNG_IDB = 1
PCAPNG_SPB = 3
PCAPNG_EPB = 6

_MAGICS = {                     # first four bytes -> (byte order, ns)
    b"\xd4\xc3\xb2\xa1": ("<", False), b"\xa1\xb2\xc3\xd4": (">", False),
    b"\x4d\x3c\xb2\xa1": ("<", True), b"\xa1\xb2\x3c\x4d": (">", True),
}


class PcapError(ValueError):
    """Not a classic pcap file, or (when strict) a record cut short."""


# The file header: endian is '<' or '>', raw its 24 bytes as they are.
Pcap = collections.namedtuple("Pcap", "endian nanosecond snaplen linktype raw")
# One record: time as the file has it (sec, and usec or nsec in frac),
# caplen as its header says (data may be shorter at the end of the file),
# off where its 16-byte header starts.
Rec = collections.namedtuple("Rec", "sec frac caplen origlen data off")


def ts_ns(hdr, rec):
    """A record's time stamp in nanoseconds."""
    return rec.sec * 10**9 + rec.frac * (1 if hdr.nanosecond else 1000)


def pcap_header(buf):
    """The Pcap header of a classic pcap file's bytes; PcapError if none."""
    if buf[:4] not in _MAGICS:
        raise PcapError("not a classic pcap file")
    if len(buf) < 24:
        raise PcapError("too short for a pcap header")
    e, ns = _MAGICS[buf[:4]]
    snaplen, linktype = struct.unpack(e + "II", buf[16:24])
    return Pcap(e, ns, snaplen, linktype & 0x0fffffff, bytes(buf[:24]))


def pcap_records(buf, hdr, strict=False):
    """Each record of a classic pcap file's bytes, as a Rec.  A last record
    shorter than its caplen comes back cut, or raises PcapError if strict."""
    off = 24
    while off + 16 <= len(buf):
        sec, frac, caplen, origlen = struct.unpack(hdr.endian + "IIII",
                                                   buf[off:off + 16])
        data = buf[off + 16:off + 16 + caplen]
        if strict and len(data) != caplen:
            raise PcapError(f"truncated record at {off}")
        yield Rec(sec, frac, caplen, origlen, data, off)
        off += 16 + caplen


def read_pcap(path, strict=False):
    """(Pcap, [Rec]) of a classic pcap file."""
    with open(path, "rb") as f:
        buf = f.read()
    hdr = pcap_header(buf)
    return hdr, list(pcap_records(buf, hdr, strict))


def _pcapng(b):
    off, e, ifs = 0, "<", []
    while off + 12 <= len(b):
        if b[off:off + 4] == PCAPNG_SHB:
            bom = struct.pack("<I", PCAPNG_BOM)
            e = "<" if b[off + 8:off + 12] == bom else ">"
            ifs = []
        btype, blen = struct.unpack(e + "II", b[off:off + 8])
        if blen < 12 or off + blen > len(b):
            return
        body = b[off + 8:off + blen - 4]
        if btype == PCAPNG_IDB:
            ifs.append(struct.unpack(e + "H", body[:2])[0])
        elif btype == PCAPNG_EPB and len(body) >= 20:
            ifid, hi, lo, cap = struct.unpack(e + "IIII", body[:16])
            if ifid < len(ifs):
                # microseconds, the default if_tsresol
                yield ifs[ifid], ((hi << 32) | lo) * 1000, body[20:20 + cap]
        elif btype == PCAPNG_SPB and ifs:
            yield ifs[0], None, body[4:]        # no time stamp
        off += blen


def records(b):
    """(link type, time in ns or None, record bytes) for each record of a
    pcap or pcapng file's bytes; nothing for anything else."""
    if b[:4] == PCAPNG_SHB:
        return _pcapng(b)
    try:
        hdr = pcap_header(b)
    except PcapError:
        return iter(())
    return ((hdr.linktype, ts_ns(hdr, r), r.data)
            for r in pcap_records(b, hdr))


def read_records(path):
    with open(path, "rb") as f:
        return records(f.read())


def first_ts(path):
    """Seconds (a float) of the first record of a classic pcap file, None
    if it has none or cannot be read."""
    try:
        with open(path, "rb") as f:
            buf = f.read()
        hdr = pcap_header(buf)
    except (OSError, PcapError):
        return None
    r = next(pcap_records(buf, hdr), None)
    if r is None:
        return None
    return r.sec + r.frac / (1e9 if hdr.nanosecond else 1e6)


# --- writing ---------------------------------------------------------------

def file_header(linktype=LINKTYPE_RADIOTAP, snaplen=262144, magic=MAGIC_US):
    """A little-endian classic pcap file header, version 2.4."""
    return struct.pack("<IHHiIII", magic, 2, 4, 0, 0, snaplen, linktype)


def record(sec, frac, data, caplen=None, origlen=None):
    """A record: its header (caplen and origlen the data's length unless
    given, to build bad files) and the data."""
    return struct.pack("<IIII", sec, frac,
                       len(data) if caplen is None else caplen,
                       len(data) if origlen is None else origlen) + data


def write_pcap(path, header, recs):
    """header (bytes), then each (sec, frac, data, origlen) record; origlen
    is raised to the data's length where it is less."""
    with open(path, "wb") as f:
        f.write(header)
        for sec, frac, data, origlen in recs:
            f.write(record(sec, frac, bytes(data),
                           origlen=max(origlen, len(data))))


def block(btype, payload):
    """A little-endian pcapng block: the payload padded to 32 bits."""
    payload += b"\0" * (-len(payload) % 4)
    n = 12 + len(payload)
    return struct.pack("<II", btype, n) + payload + struct.pack("<I", n)


def shb():
    """A Section Header Block, version 1.0, section length unknown."""
    return block(0x0a0d0d0a, struct.pack("<IHHq", PCAPNG_BOM, 1, 0, -1))


def idb(linktype=LINKTYPE_RADIOTAP, snaplen=0):
    """An Interface Description Block without options (microseconds)."""
    return block(PCAPNG_IDB, struct.pack("<HHI", linktype, 0, snaplen))


def epb(ts_us, data, ifid=0):
    """An Enhanced Packet Block, time stamp in microseconds."""
    return block(PCAPNG_EPB, struct.pack("<IIIII", ifid, ts_us >> 32,
                                         ts_us & 0xffffffff, len(data),
                                         len(data)) + data)
