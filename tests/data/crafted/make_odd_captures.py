#!/usr/bin/env python3
"""make_odd_captures.py OUTDIR -- the hostile and odd captures the
robustness tests read, built at test time from the lab captures in
tests/data/lab (deterministic: the same bytes every run).

  ssid-NAME.pcap   lab/mdid-mismatch.pcap (a join, a roam, two APs, an ESS
                   finding that quotes the SSID) with the SSID "roamlab"
                   replaced in every frame by one of SSIDS below
  zero-ts.pcap     lab/ft-ota-ok.pcap with every time stamp 0
  spb.pcapng       the same frames as Simple Packet Blocks (no time stamp)
  clipped.pcap     lab/ft-ota-ok.pcap as captured with -s 150: records cut
                   to 150 bytes, their original lengths kept
  snaplen-lie.pcap lab/ft-ota-ok.pcap whose header says snaplen 16
  y2046.pcap       lab/ft-ota-ok.pcap moved to seconds past 2^31 (2046)
  flood-N.pcap     N access points (distinct BSSIDs, one SSID) beaconing,
                   N given with --flood N (0: none), 10 beacons a second
                   each, and the lab roam in the middle
"""
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', '..'))
import pcaplib  # noqa: E402

LAB = os.path.join(HERE, '..', 'lab')

# name -> SSID bytes (at most 32)
SSIDS = {
    # OSC 52 (write the clipboard), clear the screen, ring the bell
    'esc': b'\x1b]52;c;cm9vdA==\x07\x1b[2J\x07',
    # a spreadsheet formula, and the other starts CSV injection uses
    'formula': b'=HYPERLINK("http://x/","a")',
    'plus': b'+1+1',
    'minus': b'-1+1',
    'at': b'@SUM(1)',
    'tab': b'\tTAB',
    # UTF-8 CSI (a C1 control), a right-to-left override
    'c1': b'\xc2\x9b2J roam',
    'bidi': 'roam\u202egnp.exe'.encode(),
    # CJK (2 columns each), emoji (4-byte UTF-8, 2 columns)
    'cjk': '漫游实验室'.encode(),
    'emoji': '\U0001F4F6 roam \U0001F680'.encode(),
    # not UTF-8
    'badutf8': b'ro\xffam\xc3',
}

MGMT_FIXED = {0: 4, 1: 6, 2: 10, 3: 6, 4: 0, 5: 12, 8: 12}


def rt_len(d):
    return struct.unpack('<H', d[2:4])[0]


def new_ssid(d, ssid):
    """Frame bytes (radiotap) with the SSID element's contents replaced."""
    o = rt_len(d)
    if len(d) < o + 24:
        return d
    fc = d[o]
    ftype, sub = (fc >> 2) & 3, fc >> 4
    if ftype != 0 or sub not in MGMT_FIXED:
        return d
    p = o + 24 + MGMT_FIXED[sub]
    while p + 2 <= len(d):
        eid, elen = d[p], d[p + 1]
        if p + 2 + elen > len(d):
            break
        if eid == 0:
            return d[:p] + bytes([0, len(ssid)]) + ssid + d[p + 2 + elen:]
        p += 2 + elen
    return d


def lab(name):
    return pcaplib.read_pcap(os.path.join(LAB, name))


def write(out, name, hdr, recs):
    with open(os.path.join(out, name), 'wb') as f:
        f.write(hdr)
        for sec, frac, data, origlen in recs:
            f.write(pcaplib.record(sec, frac, data, origlen=origlen))


def beacon(bssid, ssid, seq):
    rt = struct.pack('<BBHI', 0, 0, 8, 0)
    hdr = struct.pack('<HH', 0x0080, 0) + b'\xff' * 6 + bssid + bssid + \
        struct.pack('<H', (seq & 0xfff) << 4)
    body = struct.pack('<QHH', 0, 100, 0x0411)
    body += bytes([0, len(ssid)]) + ssid + bytes([3, 1, 6])
    return rt + hdr + body


def flood(out, n):
    """n APs beaconing 10 times a second for as long as the lab roam."""
    hdr, recs = lab('ft-ota-ok.pcap')
    t0 = recs[0].sec * 10**6 + recs[0].frac
    t1 = recs[-1].sec * 10**6 + recs[-1].frac
    rows = [(r.sec * 10**6 + r.frac, r.data, r.origlen) for r in recs]
    period = 100000           # us
    k = 0
    for i in range(n):
        bssid = bytes([0x06, (i >> 24) & 0xff, (i >> 16) & 0xff,
                       (i >> 8) & 0xff, i & 0xff, 0x01])
        t = t0 + (i * 7919) % period
        seq = 0
        # at least one beacon each, then every period until the roam ends
        while True:
            rows.append((t, beacon(bssid, b'flood', seq), 0))
            k += 1
            seq += 1
            t += period
            if t > t1 or (n > 2000 and seq >= 1):
                break
    rows.sort(key=lambda r: r[0])
    write(out, 'flood-%d.pcap' % n, hdr.raw,
          [(t // 10**6, t % 10**6, d, max(o, len(d))) for t, d, o in rows])


def main():
    args = sys.argv[1:]
    n_flood = 0
    if len(args) >= 2 and args[0] == '--flood':
        n_flood = int(args[1])
        args = args[2:]
    if len(args) != 1:
        sys.exit('usage: make_odd_captures.py [--flood N] OUTDIR')
    out = args[0]
    os.makedirs(out, exist_ok=True)

    hdr, recs = lab('mdid-mismatch.pcap')
    for name, ssid in SSIDS.items():
        assert len(ssid) <= 32, name
        write(out, 'ssid-%s.pcap' % name, hdr.raw,
              [(r.sec, r.frac, new_ssid(r.data, ssid), 0) for r in recs])

    hdr, recs = lab('ft-ota-ok.pcap')
    write(out, 'zero-ts.pcap', hdr.raw,
          [(0, 0, r.data, r.origlen) for r in recs])
    ng = pcaplib.shb() + pcaplib.idb(hdr.linktype)
    for r in recs:
        d = r.data
        ng += pcaplib.block(pcaplib.PCAPNG_SPB,
                            struct.pack('<I', len(d)) + d)
    with open(os.path.join(out, 'spb.pcapng'), 'wb') as f:
        f.write(ng)
    write(out, 'clipped.pcap', pcaplib.file_header(hdr.linktype, 150),
          [(r.sec, r.frac, r.data[:150], r.origlen) for r in recs])
    write(out, 'snaplen-lie.pcap', pcaplib.file_header(hdr.linktype, 16),
          [(r.sec, r.frac, r.data, r.origlen) for r in recs])
    shift = 0x90000000 - recs[0].sec
    write(out, 'y2046.pcap', hdr.raw,
          [(r.sec + shift, r.frac, r.data, r.origlen) for r in recs])
    if n_flood:
        flood(out, n_flood)


if __name__ == '__main__':
    main()
