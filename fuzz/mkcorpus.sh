#!/bin/sh
# mkcorpus.sh -- seed corpora for every fuzz target, from tests/data.
#
# usage: fuzz/mkcorpus.sh OUTDIR	(outside the source tree: `make fuzz-smoke`
#				 uses fuzz/corpus in the build directory)
#
# OUTDIR/parse	  fuzz/seed.sh's records (fuzz_parse's format)
# OUTDIR/engine	  each capture as a record sequence in fuzz_engine.c's format
#		  (beacons thinned so the roam frames fit in 60 KB), with the
#		  real time steps mapped onto the target's step codes
# OUTDIR/capfile  each capture file whole (the -r path) and as --follow input
#		  (a few also with -w),
#		  cut at 64 KB (larger ones then end mid-record, also a case)
# OUTDIR/sla	  small --sla profiles, good and bad
# OUTDIR/keys	  fuzz_keys.c: the engine sequences (frame mode, whole
#		  captures up to 60 KB, beacons thinned) and key files
# OUTDIR/log	  the controller and daemon logs of tests/data (logs/, lab/),
#		  cut into pieces of up to 4 KiB, each with a few of
#		  fuzz_log.c's control bytes
# OUTDIR/dedup	  lab captures' frames spread over 2, 9 and 17 sources
#		  (fuzz_dedup.c's format), each heard again by one or two
#		  other sources a moment later
# Files are named by their SHA-1, so re-running adds nothing twice.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
if [ $# -ne 1 ]; then
	echo "usage: fuzz/mkcorpus.sh OUTDIR" >&2
	exit 2
fi
out=$1
mkdir -p "$out/parse" "$out/engine" "$out/capfile" "$out/sla" "$out/keys" \
    "$out/log" "$out/dedup"

sh "$top/fuzz/seed.sh" "$out/parse" 100 >/dev/null

exec python3 - "$top" "$top/tests/data" "$out" <<'PY'
import os, struct, sys

sys.path[:0] = [os.path.join(sys.argv[1], 'fuzz'),
                os.path.join(sys.argv[1], 'tests')]
from corpus import put as put_in
from pcaplib import records

data, out = sys.argv[2], sys.argv[3]
SEL = {127: 0, 105: 1, 192: 2, 119: 3, 163: 4}	# fuzz_engine.c's order
MAXF = 65536


def put(sub, blob):
    return put_in(os.path.join(out, sub), blob)

def step_code(dt):
    # fuzz_engine.c: 0 = back 0.5 s, s = 1000 << 2(s-1) ns forward
    if dt < 0:
        return 0
    best, bd = 1, None
    for s in range(1, 16):
        d = abs((1000 << (2 * (s - 1))) - dt)
        if bd is None or d < bd:
            best, bd = s, d
    return best

def is_beacon(dlt, rec):
    if dlt == 127 and len(rec) >= 4:
        rt = struct.unpack('<H', rec[2:4])[0]
        return len(rec) > rt and rec[rt] == 0x80
    if dlt == 105:
        return len(rec) > 0 and rec[0] == 0x80
    return False

n = {'engine': 0, 'capfile': 0, 'keys': 0, 'dedup': 0}


def dedup_seed(b, nsrc):
    """fuzz_dedup.c: sources, then (source | interface | copy, step, len,
    802.11 frame) records; the radiotap header is the target's own."""
    seq, last, i = bytearray([(nsrc - 1) | 0x20 * (nsrc == 9)]), None, 0
    for dlt, ts, rec in records(b):
        if dlt != 127 or len(rec) < 4:
            break
        rt = struct.unpack('<H', rec[2:4])[0]
        frame = rec[rt:rt + 255]
        if ts is None:
            ts = 0 if last is None else last
        step = 0 if last is None else min(239, max(0, ts - last) // 250000)
        last = ts
        if len(seq) + 3 + len(frame) + 6 > 16000:
            break
        seq += bytes([i % nsrc, step, len(frame)]) + frame
        for k in range(1, 1 + i % 3):		# heard again, 0-2 times
            seq += bytes([0x80 | ((i + k * 5) % nsrc) | (k << 5), 1, 0])
        i += 1
    return bytes(seq) if i else None

nw = 0
for root, _, names in sorted(os.walk(data)):
    for name in sorted(names):
        if not (name.endswith('.pcap') or name.endswith('.pcapng') or
                name.endswith('.cap')):
            continue
        with open(os.path.join(root, name), 'rb') as f:
            b = f.read()
        # capfile: mode 0 (-r), 1 (--follow reader); mode 2 (-r with -w)
        # for a few files only: cap_stop waits up to 50 ms for the -w
        # flusher, which would make it most of the fuzzing time
        modes = (0, 1, 2) if nw < 4 else (0, 1)
        nw += 1
        for mode in modes:
            n['capfile'] += put('capfile', bytes([mode]) + b[:MAXF])
        if root.endswith('lab'):
            for nsrc in (2, 9, 17):
                seed = dedup_seed(b, nsrc)
                if seed:
                    n['dedup'] += put('dedup', seed)
        # engine: cfg 0x08 (walk every accessor) and 0x01 (small limits)
        for cfg in (0x08, 0x01):
            seq, last, beacons = bytearray([cfg]), None, 0
            for dlt, ts, rec in records(b):
                if dlt not in SEL:
                    break
                if is_beacon(dlt, rec):
                    beacons += 1
                    if beacons > 4:
                        continue
                if ts is None:		# pcapng Simple Packet Block
                    ts = 0 if last is None else last + 1000
                dt = 1000 if last is None else ts - last
                last = ts
                rec = rec[:4096]
                if len(seq) + 3 + len(rec) > 60000:
                    break
                seq += struct.pack('<HB', len(rec),
                    SEL[dlt] | (step_code(dt) << 4)) + rec
            if len(seq) > 1:
                n['engine'] += put('engine', bytes(seq))
                # fuzz_keys: the same records, config 0 / 1 (tiny limits)
                n['keys'] += put('keys', bytes([cfg & 0x01]) + bytes(seq[1:]))

SLA = [
    b'',
    b'# comment only\n',
    b'ft_total = 80 150\nreassoc.warn = 100\nreassoc.fail = 300ms\n',
    b'neighbor_report = none 500\r\nbtm = 1000, 3000\r\n',
    b'4way.fail = none\ngap = - -\nvoip_total.warn = 20\n',
    b'eap = 10 5\n',			# warn above fail
    b'unknown = 1 2\n',
    b'ft_auth.warn 50\n',			# no '='
    b'ft_auth.max = 50\n',
    b'total = abc\n',
    b'dhcp = 1e9 1e9\n',
    b'x' * 600 + b' = 1\n',		# line too long
]
ns = sum(put('sla', s) for s in SLA)
KEYFILES = [
    b'wpa-pwd:roamlab-secret-1\n',
    b'# lab\r\nwpa-pwd:roamlab-secret-1:roamlab\r\n\nwep:0102030405\n',
    b'"wpa-pwd","12345678:Wireshark-pmf"\n"tk","4e30e8c019bea43ea5262b10853b818d"\n',
    b'wpa-pwd:pass%3aword:my%20net\nwpa-psk:a5001e18e0b3f792278825bc3abff72d'
    b'7021d7c157b600470ef730e2490835d4\n',
    b'msk:' + b'00112233445566778899aabbccddeeff' * 4 + b'\n',
    b'tk:4e 30 e8 c0 19 be a4 3e a5 26 2b 10 85 3b 81 8d\n',
    b'wpa-pwd:short\n', b'wpa-psk:zz\n', b'"wpa-pwd","unterminated\n',
    b'wpa-pwd:bad%2\n', b'nocolon\n', b'x' * 5000 + b'\n',
]
nk = sum(put('keys', b'\x80' + k) for k in KEYFILES)

# log: control byte = format (0 detected, 1-4 forced) | piece size << 3
nl = 0
for sub in ('logs', 'lab'):
    d = os.path.join(data, sub)
    for name in sorted(os.listdir(d)) if os.path.isdir(d) else []:
        if not (name.endswith('.log') or name.endswith('.txt')):
            continue
        with open(os.path.join(d, name), 'rb') as f:
            b = f.read()
        fmt = 1 if sub == 'logs' else 4 if 'wpas' in name else 3
        for i, off in enumerate(range(0, min(len(b), 32 * 1024), 4 * 1024)):
            piece = b[off:off + 4 * 1024]
            for ctl in (0, fmt | (i % 7) << 3, 0x80 | 7 << 3):
                nl += put('log', bytes([ctl]) + piece)
print('corpora in %s: %d engine, %d capfile, %d dedup, %d sla, %d keys, %d '
    'log (parse: fuzz/seed.sh)' % (out, n['engine'], n['capfile'], n['dedup'],
    ns, n['keys'] + nk, nl))
PY
