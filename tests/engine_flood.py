#!/usr/bin/env python3
"""engine_flood.py -- a beacon flood must not freeze the engine.

Crafted captures, written here at test time (nothing in tests/data), read
with `roamscope -r FILE --report=json`:

1. 50,000 BSSIDs of one SSID beaconing (two beacons each, the MDID and FT
   over-DS bit alternating between APs, so the ESS checks have work to do):
   the report must come within the time bound, keep at most max_aps (4096)
   APs, and still name the ESS's mixed mobility domains.
2. 1,000 APs of one SSID and one of them flapping its channel (DS Parameter
   Set 1 <-> 6) on each of its ~5,000 beacons: the flaps are timed changes of
   that AP, kept bounded, and the run stays within the bound.

The bound is 2 s of wall time per run (10 times that for a sanitizer
build): the engine's per-frame work must be O(1) amortised.  Before the
ESS findings were made incremental, case 1 did not finish within 30 s and
case 2 took 6.4 s.
"""
import json
import os
import struct
import subprocess
import sys
import tempfile
import time
import unittest

SRC = os.environ.get("top_srcdir", os.path.join(os.path.dirname(
    os.path.abspath(__file__)), ".."))
sys.path.insert(0, os.path.join(SRC, "tests"))
import pcaplib  # noqa: E402

ROAMSCOPE = os.environ.get("ROAMSCOPE", "")
SSID = b"flood"


def sanitized():
    try:
        out = subprocess.run(["ldd", ROAMSCOPE], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL).stdout.decode()
    except OSError:
        return False
    return "libasan" in out or "libubsan" in out


BOUND = 2.0 * (10 if sanitized() else 1)


def radiotap(freq, signal):
    # it_version 0, pad, it_len 13, present: channel (3) + dBm signal (5)
    return struct.pack("<BBHIHHb", 0, 0, 13, (1 << 3) | (1 << 5), freq,
                       0x00a0, signal)


def beacon(bssid, seq, channel, mdid, ods, signal=-50):
    freq = 2407 + 5 * channel
    hdr = struct.pack("<HH6s6s6sH", 0x0080, 0, b"\xff" * 6, bssid, bssid,
                      (seq & 0xfff) << 4)
    body = struct.pack("<QHH", seq * 102400, 100, 0x0411)
    body += bytes([0, len(SSID)]) + SSID
    body += bytes([1, 4, 0x82, 0x84, 0x8b, 0x96])
    body += bytes([3, 1, channel])
    # RSNE: CCMP, AKMs PSK and FT-PSK
    rsne = struct.pack("<H", 1) + b"\x00\x0f\xac\x04" + \
        struct.pack("<H", 1) + b"\x00\x0f\xac\x04" + \
        struct.pack("<H", 2) + b"\x00\x0f\xac\x02" + b"\x00\x0f\xac\x04" + \
        struct.pack("<H", 0)
    body += bytes([48, len(rsne)]) + rsne
    body += bytes([54, 3]) + mdid + bytes([1 if ods else 0])
    return radiotap(freq, signal) + hdr + body


def write_pcap(path, frames):
    pcaplib.write_pcap(path, pcaplib.file_header(), (
        (t_us // 1000000, t_us % 1000000, b, len(b)) for t_us, b in frames))


def bssid(i):
    return bytes([0x02, 0x10, (i >> 24) & 0xff, (i >> 16) & 0xff,
                  (i >> 8) & 0xff, i & 0xff])


def run(path):
    t0 = time.monotonic()
    try:
        p = subprocess.run([ROAMSCOPE, "-r", path, "--report=json"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=max(BOUND * 5, 30))
    except subprocess.TimeoutExpired:
        raise AssertionError("no report within %.0f s" % max(BOUND * 5, 30))
    dt = time.monotonic() - t0
    if p.returncode != 0:
        raise AssertionError("exit %d: %s" % (p.returncode,
                             p.stderr.decode(errors="replace")))
    return json.loads(p.stdout.decode()), dt


class Flood(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not ROAMSCOPE or not os.access(ROAMSCOPE, os.X_OK):
            raise unittest.SkipTest("ROAMSCOPE not built")
        cls.tmp = tempfile.TemporaryDirectory(prefix="flood-")

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_50000_bssids(self):
        n = 50000
        frames = []
        t = 1700000000 * 1000000
        for rnd in range(2):
            for i in range(n):
                frames.append((t, beacon(bssid(i), rnd, 1 + i % 11,
                                         b"\xa1\xb2" if i % 2 else
                                         b"\xc3\xd4", i % 3 == 0)))
                t += 20
        path = os.path.join(self.tmp.name, "flood.pcap")
        write_pcap(path, frames)
        doc, dt = run(path)
        self.assertLess(dt, BOUND, "%.2f s for %d frames" % (dt, len(frames)))
        self.assertEqual(doc["summary"]["frames"], len(frames))
        self.assertLessEqual(len(doc["aps"]), 4096)
        self.assertGreater(len(doc["aps"]), 1000)
        self.assertEqual(doc["summary"]["aps"], len(doc["aps"]))
        codes = [f["code"] for f in doc["findings"] if f["ssid"] == "flood"]
        self.assertIn("mixed-mdid", codes)
        self.assertIn("ft-over-ds-mixed", codes)
        f = [x for x in doc["findings"] if x["code"] == "mixed-mdid"][0]
        self.assertIn("a1b2", f["text"])
        self.assertIn("c3d4", f["text"])
        kept = set(a["bssid"] for a in doc["aps"])
        self.assertTrue(set(f["bssids"]) <= kept)

    def test_channel_flapping_among_1000(self):
        # the flapper beacons between every two beacons of the others
        n, rounds, flaps = 1000, 5, 0
        frames = []
        t = 1700000000 * 1000000
        for rnd in range(rounds):
            for i in range(1, n):
                frames.append((t, beacon(bssid(i), rnd, 1, b"\xa1\xb2",
                                         False)))
                t += 100
                frames.append((t, beacon(bssid(0), flaps, 6 if flaps % 2
                                         else 1, b"\xa1\xb2", False)))
                flaps += 1
                t += 100
        path = os.path.join(self.tmp.name, "flap.pcap")
        write_pcap(path, frames)
        doc, dt = run(path)
        self.assertLess(dt, BOUND, "%.2f s for %d frames" % (dt, len(frames)))
        self.assertEqual(len(doc["aps"]), n)
        flapper = [a for a in doc["aps"] if a["bssid"] == "02:10:00:00:00:00"]
        self.assertEqual(len(flapper), 1)
        ch = [c for c in flapper[0]["changes"] if c["field"] == "channel"]
        # every beacon after the first is a change; the list is bounded
        self.assertGreater(len(ch), 0)
        self.assertLessEqual(len(flapper[0]["changes"]), 16)
        self.assertEqual(flapper[0]["changes_total"], flaps - 1)
        self.assertEqual(flapper[0]["channel"], 6 if (flaps - 1) % 2 else 1)
        others = [a for a in doc["aps"] if a["bssid"] != "02:10:00:00:00:00"]
        self.assertTrue(all(a["changes"] == [] for a in others))


if __name__ == "__main__":
    unittest.main(verbosity=2)
