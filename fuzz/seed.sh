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
print('%d seeds from %d captures, %d re-wrapped, in %s' %
    (total, files, wrapped, out))
EOF
