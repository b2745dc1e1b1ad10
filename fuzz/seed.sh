#!/bin/sh
# seed.sh -- build the fuzz_parse seed corpus from the test captures.
#
# usage: fuzz/seed.sh [OUTDIR] [MAX_PER_FILE]
#
# Every record of tests/data/**/*.pcap and *.pcapng (read with
# tests/pcaplib.py, no third-party modules) becomes one corpus file: the
# link-type selector byte fuzz_parse.c expects, then the record's bytes.
# Identical inputs are stored once (files are named by their SHA-1).
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-fuzz-corpus}	# relative to the current (build) directory
max=${2:-400}
mkdir -p "$out"

exec python3 - "$top" "$top/tests/data" "$out" "$max" <<'EOF'
import os, struct, sys

sys.path[:0] = [os.path.join(sys.argv[1], 'fuzz'),
                os.path.join(sys.argv[1], 'tests')]
from corpus import put
from pcaplib import read_records

data, out, maxper = sys.argv[2], sys.argv[3], int(sys.argv[4])
# Selector byte -> link type, in fuzz_parse.c's order.
SEL = {127: 0, 105: 1, 192: 2, 119: 3, 163: 4}

total = files = 0
for root, _, names in sorted(os.walk(data)):
    for name in sorted(names):
        if not (name.endswith('.pcap') or name.endswith('.pcapng')):
            continue
        kept = 0
        for dlt, _, rec in read_records(os.path.join(root, name)):
            if dlt not in SEL or kept >= maxper:
                continue
            if put(out, bytes([SEL[dlt]]) + rec):
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
        for i, (dlt, _, rec) in enumerate(
                read_records(os.path.join(root, name))):
            if dlt != 127 or i % 7 or len(rec) < 4:
                continue
            rtlen = struct.unpack('<H', rec[2:4])[0]
            for sel, blob in wrappers(rec[rtlen:]):
                wrapped += put(out, bytes([sel]) + blob)

# Wi-Fi 7 shapes the captures lack: a Multi-Link element long enough to be
# fragmented (Fragment elements) with a per-STA profile that is itself
# fragmented (Fragment subelements) and a Non-Inheritance element; a
# Reconfiguration element with AP Removal Timers; a Probe Request one; an
# RNR with MLD Parameters; EHT Operation with its Information; a BTM Request
# with Link Removal Imminent.  All as raw 802.11 (selector 1).
def tlv(i, body):
    return bytes([i, len(body)]) + body

def frag(i, ext, frag_id, content):
    first = 254 if ext is not None else 255
    head = (bytes([ext]) if ext is not None else b'') + content[:first]
    outb, rest = tlv(i, head), content[first:]
    while rest:
        outb += tlv(frag_id, rest[:255])
        rest = rest[255:]
    return outb

def mgmt(fc, body):
    a, b = b'\x02\x00\x00\x00\x02\x01', b'\x02\x00\x00\x00\x00\x10'
    return struct.pack('<HH', fc, 0) + a + b + b + b'\x00\x00' + body

mld = b'\x02\x00\x00\x00\x00\x10'
inner = tlv(1, b'\x82\x84') + tlv(3, b'\x06') + \
    tlv(255, b'\x38\x01\x2d\x01\x23') + tlv(221, bytes(200)) + \
    tlv(61, bytes([6]) + bytes(21))
prof = struct.pack('<H', 0x09f1) + b'\x14' + b'\x02\x11\x22\x33\x44\x55' + \
    struct.pack('<HQBBB', 100, 0, 0, 2, 1) + struct.pack('<HH', 0x0411, 0) + \
    inner
ml = struct.pack('<H', 0x01b0) + b'\x0d' + mld + b'\x00\x01' + \
    struct.pack('<HH', 0x0081, 0x2001) + frag(0, None, 254, prof)
resp = mgmt(0x0010, struct.pack('<HHH', 0x0411, 0, 0xc001) +
    tlv(0, b'lab') + tlv(45, bytes(26)) + frag(255, 107, 242, ml))
reconf = struct.pack('<H', 0x0072) + b'\x0b' + mld + \
    struct.pack('<HH', 0x81, 0x2001) + \
    tlv(0, struct.pack('<HBH', 0x0041, 3, 50)) + \
    tlv(0, struct.pack('<HB', 0x3863, 14) + mld + b'\x10\x00\x01\x02\x03\x02\x04')
rnr = bytes([0x10, 16, 131, 5]) + \
    bytes([84]) + mld + b'\x04\xe1\x89\xde\x4a\x22\x00\xd1\x00' + \
    bytes([84]) + mld + b'\x04\xe1\x89\xde\x48\x22\xff\xff\x0f'
beacon = mgmt(0x0080, bytes(8) + struct.pack('<HH', 100, 0x0411) +
    tlv(0, b'lab') + tlv(201, rnr) +
    tlv(255, b'\x23' + bytes(6) + b'\x0c' + bytes(14)) +
    tlv(255, b'\x6c\x07\x00' + bytes(9) + b'\x44' * 6) +
    tlv(255, b'\x6a\x03\x11\x00\x00\x00\x04\x1f\x3f\x03\x00') +
    tlv(255, b'\x6b' + struct.pack('<H', 0x01b0) + b'\x0d' + mld +
        b'\x01\x01\x81\x00\x01\x20') +
    tlv(255, b'\x6b' + reconf))
preq = mgmt(0x0040, tlv(0, b'') + tlv(255, b'\x6b' +
    struct.pack('<H', 0x0011) + b'\x02\x00' + tlv(0, b'\x10\x00') +
    tlv(0, b'\x11\x00' + tlv(1, b'\x82'))))
btm = mgmt(0x00d0, bytes([10, 7, 1, 0x25]) + struct.pack('<HB', 10, 255) +
    tlv(52, mld + bytes(7) + tlv(3, b'\xff')))
synth = 0
for rec in (resp, beacon, preq, btm):
    synth += put(out, bytes([1]) + rec)
print('%d seeds from %d captures, %d re-wrapped, %d Wi-Fi 7 shapes, in %s' %
    (total, files, wrapped, synth, out))
EOF
