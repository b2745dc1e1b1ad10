#!/usr/bin/env python3
"""roam_memory.py -- settled roams kept packed, and their bound.

Two lab captures (a plain PSK walk and an FT roam refused with status 53
that returns to the old AP) repeated 300 times each, 60 s apart, into one
file: one client with about 1,500 joins and roams, most of them settled
and packed by the engine.  Read with `roamscope -r FILE --report=json
--max-roams 100000`:

1. With no bound (--roam-memory 0) every roam and join is reported, and
   the report is the same as with the default bound (24 MiB: not reached).
2. With --roam-memory 1 (1 MiB) the oldest are dropped: roams_aged says how
   many, the counts still count every one, and the ones kept are exactly
   the newest of the unbounded run, field by field.
3. A bad --roam-memory is a usage error (exit 1) naming the option.
"""
import json
import os
import subprocess
import sys
import tempfile
import unittest

SRC = os.environ.get("top_srcdir", os.path.join(os.path.dirname(
    os.path.abspath(__file__)), ".."))
sys.path.insert(0, os.path.join(SRC, "tests"))
import pcaplib  # noqa: E402

ROAMSCOPE = os.environ.get("ROAMSCOPE", "")
COPIES = 300


def walk(path):
    """The two captures, each COPIES times, 60 s apart in turn."""
    out = []
    hdr = None
    shift = 0
    caps = [pcaplib.read_pcap(os.path.join(SRC, "tests", "data", "lab", n))
            for n in ("plain-psk-roam.pcap", "ft-invalid-pmkid.pcap")]
    for k in range(COPIES):
        for h, recs in caps:
            hdr = hdr or h
            base = recs[0].sec
            for r in recs:
                out.append((shift + r.sec - base, r.frac, r.data,
                            r.origlen))
            shift += recs[-1].sec - base + 60
    pcaplib.write_pcap(path, hdr.raw, out)


def report(path, *opts):
    p = subprocess.run([ROAMSCOPE, "-r", path, "--report=json",
                        "--max-roams", "100000"] + list(opts),
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode not in (0, 3):
        raise AssertionError("roamscope exit %d: %s" %
                             (p.returncode, p.stderr.decode()))
    return json.loads(p.stdout)


class RoamMemory(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.cap = os.path.join(cls.tmp.name, "walk.pcap")
        walk(cls.cap)
        cls.all = report(cls.cap, "--roam-memory", "0")

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def kept(self, d):
        return d["roams"] + d["joins"]

    def test_unbounded_keeps_all(self):
        s = self.all["summary"]
        self.assertEqual(s["roams_aged"], 0)
        self.assertEqual(len(self.all["roams"]), s["roams"])
        self.assertEqual(len(self.all["joins"]), s["joins"])
        self.assertGreaterEqual(s["roams"] + s["joins"], 4 * COPIES)
        # both kinds of walk, all through: the refused FT roams returned
        res = [r["result"] for r in self.all["roams"]]
        self.assertEqual(res.count("returned"), COPIES)
        self.assertEqual(res.count("ok"), 2 * COPIES)
        self.assertEqual(report(self.cap), self.all)

    def test_bound_drops_oldest(self):
        d = report(self.cap, "--roam-memory", "1")
        s, sa = d["summary"], self.all["summary"]
        kept, every = self.kept(d), self.kept(self.all)
        self.assertGreater(s["roams_aged"], 0)
        self.assertGreater(len(kept), 50)
        self.assertEqual(len(kept) + s["roams_aged"], len(every))
        for k in ("roams", "joins", "failed", "fail", "warn"):
            self.assertEqual(s[k], sa[k], k)
        self.assertEqual(d["clients"], self.all["clients"])
        # the newest, exactly as the unbounded run reported them
        by_id = {r["id"]: r for r in every}
        newest = sorted(by_id)[-len(kept):]
        self.assertEqual(sorted(r["id"] for r in kept), newest)
        for r in kept:
            self.assertEqual(r, by_id[r["id"]])

    def test_bad_value(self):
        for v in ("x", "-1", "2000000"):
            p = subprocess.run([ROAMSCOPE, "-r", self.cap, "--report=json",
                                "--roam-memory", v],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            self.assertEqual(p.returncode, 1, v)
            err = p.stderr.decode()
            self.assertIn("--roam-memory", err)
            self.assertEqual(len(err.strip().splitlines()), 1, err)


if __name__ == "__main__":
    unittest.main(verbosity=2)
