#!/bin/sh
# seed.sh -- build the fuzz_parse seed corpus from the test captures.
#
# usage: fuzz/seed.sh [OUTDIR] [MAX_PER_FILE]
#
# Every record of tests/data/**/*.pcap and *.pcapng (read with a small
# pcap/pcapng reader, no third-party modules) becomes one corpus file: the
# link-type selector byte fuzz_parse.c expects, then the record's bytes.
# Identical inputs are stored once (files are named by their SHA-1).
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-fuzz-corpus}	# relative to the current (build) directory
max=${2:-400}
mkdir -p "$out"

exec python3 - "$top/tests/data" "$out" "$max" <<'EOF'
import hashlib, os, struct, sys

data, out, maxper = sys.argv[1], sys.argv[2], int(sys.argv[3])
# Selector byte -> link type, in fuzz_parse.c's order.
SEL = {127: 0, 105: 1, 192: 2, 119: 3, 163: 4}

def pcap_records(b):
    magic = b[:4]
    if magic in (b'\xd4\xc3\xb2\xa1', b'\x4d\x3c\xb2\xa1'):
        e = '<'
    elif magic in (b'\xa1\xb2\xc3\xd4', b'\xa1\xb2\x3c\x4d'):
        e = '>'
    else:
        return
    if len(b) < 24:
        return
    dlt = struct.unpack(e + 'I', b[20:24])[0] & 0x0fffffff
    off = 24
    while off + 16 <= len(b):
        incl = struct.unpack(e + 'I', b[off + 8:off + 12])[0]
        rec = b[off + 16:off + 16 + incl]
        off += 16 + incl
        yield dlt, rec

def pcapng_records(b):
    off, e, ifs = 0, '<', []
    while off + 12 <= len(b):
        btype = struct.unpack(e + 'I', b[off:off + 4])[0]
        if btype == 0x0a0d0d0a:
            e = '<' if b[off + 8:off + 12] == b'\x4d\x3c\x2b\x1a' else '>'
            ifs = []
        blen = struct.unpack(e + 'I', b[off + 4:off + 8])[0]
        if blen < 12 or off + blen > len(b):
            return
        body = b[off + 8:off + blen - 4]
        if btype == 1:
            ifs.append(struct.unpack(e + 'H', body[:2])[0])
        elif btype == 6 and len(body) >= 20:
            ifid, _, _, cap = struct.unpack(e + 'IIII', body[:16])
            if ifid < len(ifs):
                yield ifs[ifid], body[20:20 + cap]
        elif btype == 3 and ifs:
            yield ifs[0], body[4:]
        off += blen

def records(path):
    with open(path, 'rb') as f:
        b = f.read()
    if b[:4] == b'\x0a\x0d\x0d\x0a':
        return pcapng_records(b)
    return pcap_records(b)

total = files = 0
for root, _, names in sorted(os.walk(data)):
    for name in sorted(names):
        if not (name.endswith('.pcap') or name.endswith('.pcapng')):
            continue
        kept = 0
        for dlt, rec in records(os.path.join(root, name)):
            if dlt not in SEL or kept >= maxper:
                continue
            blob = bytes([SEL[dlt]]) + rec
            h = hashlib.sha1(blob).hexdigest()
            p = os.path.join(out, h)
            if not os.path.exists(p):
                with open(p, 'wb') as f:
                    f.write(blob)
                total += 1
                kept += 1
        files += 1
# The captures hold few non-radiotap records: re-wrap some 802.11 frames
# in minimal PPI (802.11-common field), Prism and AVS headers too.
def wrappers(mac):
    yield 1, mac
    common = bytes(20)
    yield 2, struct.pack('<BBHI', 0, 0, 8 + 4 + len(common), 105) + \
        struct.pack('<HH', 2, len(common)) + common + mac
    yield 3, struct.pack('<II', 0x41, 144) + bytes(136) + mac
    yield 4, struct.pack('>II', 0x80211001, 64) + bytes(56) + mac

wrapped = 0
for root, _, names in sorted(os.walk(os.path.join(data, 'lab'))):
    for name in sorted(names):
        if not name.endswith('.pcap'):
            continue
        for i, (dlt, rec) in enumerate(records(os.path.join(root, name))):
            if dlt != 127 or i % 7 or len(rec) < 4:
                continue
            rtlen = struct.unpack('<H', rec[2:4])[0]
            for sel, blob in wrappers(rec[rtlen:]):
                blob = bytes([sel]) + blob
                p = os.path.join(out, hashlib.sha1(blob).hexdigest())
                if not os.path.exists(p):
                    with open(p, 'wb') as f:
                        f.write(blob)
                    wrapped += 1
print('%d seeds from %d captures, %d re-wrapped, in %s' %
    (total, files, wrapped, out))
EOF
