#!/usr/bin/env python3
"""Build data/demo.pcap, the capture that `roamscope --demo` replays.

It tells a story in about a minute and a half: clean FT roams over the air
and over the DS, an 802.11k neighbor report, an 802.11v BTM-steered roam, the
full k/v/r sequence, a plain WPA2-PSK roam with its full 4-way handshake, and
last, a failed FT roam refused with status 53 (Invalid PMKID).

The pieces are real lab captures (hostapd + wpa_supplicant on
mac80211_hwsim, tests/data/lab/, see its README.md), used unmodified except
for time: each one is shifted to follow the previous one after a short gap,
and long stretches with nothing but beacons are shortened (the beacons in the
middle of such a stretch are left out).  Every lab capture has the same
client, 02:00:00:00:02:00; so that a piece's first association is not taken
for a roam from where the previous piece's client left off, piece N's client
is renumbered 02:00:00:00:02:0N wherever its address is on the air (the
802.11 header addresses, and the STA Address of FT Action frames).  Nothing
else changes: every other byte of every record kept is the original.

Usage: tests/mkdemo.py [--lab DIR] [-o OUT]      (python3, stdlib only)
"""

import argparse
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pcaplib  # noqa: E402

SEGMENTS = [
    "ft-ota-ok",          # join, four clean FT-over-the-air roams
    "ft-ods-ok",          # four FT-over-the-DS roams (FT Action)
    "neighbor-report",    # 11k neighbor report, then FT roams
    "btm-steer",          # 11v BTM request/response accept, FT roams
    "kvr-sequence",       # k, then v, then r, in one roam
    "plain-psk-roam",     # no FT: open auth + reassoc + full 4-way
    "ft-invalid-pmkid",   # FT auth refused with status 53, falls back
]

GAP_BETWEEN_NS = 4_000_000_000    # silence between two pieces
MAX_IDLE_NS = 4_000_000_000       # a beacons-only stretch is cut to this
DLT_RADIOTAP = pcaplib.LINKTYPE_RADIOTAP


def read_pcap(path):
    """Classic pcap -> (linktype, snaplen, [(ts_ns, origlen, data)])."""
    try:
        hdr, recs = pcaplib.read_pcap(path, strict=True)
    except pcaplib.PcapError as e:
        raise SystemExit(f"{path}: {e}")
    return hdr.linktype, hdr.snaplen, [
        (pcaplib.ts_ns(hdr, r), r.origlen, r.data) for r in recs]


def is_beacon(data):
    """A radiotap record whose 802.11 frame is a beacon."""
    if len(data) < 4:
        return False
    rtlen = struct.unpack("<H", data[2:4])[0]
    if len(data) < rtlen + 1:
        return False
    fc = data[rtlen]
    return (fc >> 2) & 3 == 0 and fc >> 4 == 8


LAB_STA = bytes.fromhex("020000000200")


def renumber(data, new):
    """The lab client's address -> new, in the 802.11 header (and the STA
    Address of FT Action frames); everything else is left alone."""
    rtlen = struct.unpack("<H", data[2:4])[0]
    mac = bytearray(data[rtlen:])
    if len(mac) < 10:
        return data
    fc = mac[0]
    ftype, subtype = (fc >> 2) & 3, fc >> 4
    where = [4, 10, 16]                 # addr1, addr2, addr3
    if ftype == 2 and mac[1] & 3 == 3:
        where.append(24)                # addr4 (To DS and From DS)
    if ftype == 0 and subtype == 13 and len(mac) > 26 and mac[24] == 6:
        where.append(26)                # FT Action: STA Address
    if ftype == 1:
        where = [4, 10]                 # control frames: RA, TA
    for off in where:
        if mac[off:off + 6] == LAB_STA:
            mac[off:off + 6] = new
    return data[:rtlen] + bytes(mac)


def squeeze(recs):
    """Shorten beacons-only stretches to MAX_IDLE_NS; returns new records
    with times relative to the first record."""
    busy = [r[0] for r in recs if not is_beacon(r[2])]
    t0 = recs[0][0]
    # Cuts: (start, end, removed) for each long gap between busy frames.
    cuts = []
    for a, b in zip(busy, busy[1:]):
        if b - a > MAX_IDLE_NS:
            keep = MAX_IDLE_NS // 2
            cuts.append((a + keep, b - keep))
    out = []
    for ts, origlen, data in recs:
        shift = 0
        dropped = False
        for lo, hi in cuts:
            if ts >= hi:
                shift += hi - lo
            elif ts > lo:
                dropped = True
        if not dropped:
            out.append((ts - t0 - shift, origlen, data))
    return out


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lab", default=os.path.join(here, "data", "lab"))
    ap.add_argument("-o", "--output",
                    default=os.path.join(here, "..", "data", "demo.pcap"))
    args = ap.parse_args()

    out = []
    start = None
    cursor = 0
    snap = 0
    for name in SEGMENTS:
        linktype, snaplen, recs = read_pcap(
            os.path.join(args.lab, name + ".pcap"))
        if linktype != DLT_RADIOTAP:
            raise SystemExit(f"{name}: link type {linktype}, want radiotap")
        if not recs:
            continue
        if start is None:
            start = recs[0][0]
        snap = max(snap, snaplen)
        recs = squeeze(recs)
        sta = LAB_STA[:5] + bytes([SEGMENTS.index(name)])
        for rel, origlen, data in recs:
            out.append((start + cursor + rel, origlen, renumber(data, sta)))
        cursor += recs[-1][0] + GAP_BETWEEN_NS
        print(f"{name:18} {len(recs):5} frames  "
              f"{recs[-1][0] / 1e9:6.1f} s", file=sys.stderr)

    os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
    recs = []
    for ts, origlen, data in out:
        us = ts // 1000
        recs.append((us // 1_000_000, us % 1_000_000, data, origlen))
    pcaplib.write_pcap(args.output, pcaplib.file_header(DLT_RADIOTAP, snap),
                       recs)
    total = (out[-1][0] - out[0][0]) / 1e9
    print(f"{args.output}: {len(out)} frames, {total:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
