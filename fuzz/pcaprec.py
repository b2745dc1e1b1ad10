"""pcaprec.py -- the one small pcap/pcapng record reader the corpus builders
(fuzz/seed.sh, fuzz/mkcorpus.sh) share.  Standard library only; lenient, as
it only reads our own test captures: a record that does not fit ends the
walk."""
import hashlib
import os
import struct

PCAPNG_SHB = b'\x0a\x0d\x0d\x0a'


def _pcap(b):
    m = b[:4]
    if m in (b'\xd4\xc3\xb2\xa1', b'\x4d\x3c\xb2\xa1'):
        e = '<'
    elif m in (b'\xa1\xb2\xc3\xd4', b'\xa1\xb2\x3c\x4d'):
        e = '>'
    else:
        return
    if len(b) < 24:
        return
    ns = m in (b'\x4d\x3c\xb2\xa1', b'\xa1\xb2\x3c\x4d')
    dlt = struct.unpack(e + 'I', b[20:24])[0] & 0x0fffffff
    off = 24
    while off + 16 <= len(b):
        sec, frac, incl = struct.unpack(e + 'III', b[off:off + 12])
        rec = b[off + 16:off + 16 + incl]
        off += 16 + incl
        yield dlt, sec * 10**9 + frac * (1 if ns else 1000), rec


def _pcapng(b):
    off, e, ifs = 0, '<', []
    while off + 12 <= len(b):
        if b[off:off + 4] == PCAPNG_SHB:
            e = '<' if b[off + 8:off + 12] == b'\x4d\x3c\x2b\x1a' else '>'
            ifs = []
        btype, blen = struct.unpack(e + 'II', b[off:off + 8])
        if blen < 12 or off + blen > len(b):
            return
        body = b[off + 8:off + blen - 4]
        if btype == 1:
            ifs.append(struct.unpack(e + 'H', body[:2])[0])
        elif btype == 6 and len(body) >= 20:
            ifid, hi, lo, cap = struct.unpack(e + 'IIII', body[:16])
            if ifid < len(ifs):
                # microseconds, the default if_tsresol
                yield ifs[ifid], ((hi << 32) | lo) * 1000, body[20:20 + cap]
        elif btype == 3 and ifs:
            yield ifs[0], None, body[4:]	# Simple Packet: no time
        off += blen


def records(b):
    """(link type, time in ns or None, record bytes) for each record."""
    if b[:4] == PCAPNG_SHB:
        return _pcapng(b)
    return _pcap(b)


def read_records(path):
    with open(path, 'rb') as f:
        return records(f.read())


def put(directory, blob):
    """Store blob under its SHA-1 in directory; 1 if new, 0 if there."""
    p = os.path.join(directory, hashlib.sha1(blob).hexdigest())
    if os.path.exists(p):
        return 0
    with open(p, 'wb') as f:
        f.write(blob)
    return 1
