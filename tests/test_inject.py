#!/usr/bin/env python3
"""test_inject.py -- SSIDs that try to reach the user's terminal or
spreadsheet, through every output: --report (text, CSV, JSON) and --frames.

The captures are lab/mdid-mismatch.pcap (a join, a roam, two APs and an
ESS finding that quotes the SSID) with its SSID replaced in every frame
(tests/data/crafted/make_odd_captures.py): OSC 52 + clear screen + BEL, a
UTF-8 CSI (C1), a right-to-left override, spreadsheet formulas, CJK, emoji
and bytes that are not UTF-8.  What is asserted:

- text and CSV: no control character of any kind (C0 but newline, DEL, C1
  raw or UTF-8 encoded, bidi controls) reaches stdout; in a UTF-8 locale
  the output is valid UTF-8 and CJK/emoji are kept; in the C locale it is
  ASCII;
- CSV: RFC 4180 quoting (the csv module reads back the header's fields a
  row) and formula cells (=, +, -, @) start with a ';
- JSON: strict UTF-8, no raw control character, the SSID exactly the bytes
  on the air when they are UTF-8, else U+FFFD for each bad byte and the raw
  bytes in ssid_hex (--report and --frames);
- the text report's AP lines put the channel at the same terminal column
  whatever the SSID's width.
"""
import csv
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
import unittest

SRC = os.environ.get("top_srcdir", os.path.join(os.path.dirname(
    os.path.abspath(__file__)), ".."))
ROAMSCOPE = os.environ.get("ROAMSCOPE", "")
sys.path.insert(0, os.path.join(SRC, "tests", "data", "crafted"))
sys.dont_write_bytecode = True
import make_odd_captures as odd  # noqa: E402

TMP = tempfile.mkdtemp(prefix="rs-inject.")
# every C0 control but newline, DEL, C1 (raw or UTF-8), bidi controls
BAD_BYTES = re.compile(rb"[\x00-\x09\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|"
                       rb"\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]|"
                       rb"\xd8\x9c|\xe2\x80[\x8e\x8f]")


def run(name, *args, lang="C.UTF-8"):
    env = dict(os.environ, LC_ALL=lang)
    p = subprocess.run([ROAMSCOPE, "-r", os.path.join(TMP, "ssid-%s.pcap"
                                                      % name)] + list(args),
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       env=env, timeout=60)
    return p


def width(s):
    return sum(0 if unicodedata.combining(c) else
               2 if unicodedata.east_asian_width(c) in "WF" else 1
               for c in s)


class Inject(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not ROAMSCOPE:
            raise unittest.SkipTest("ROAMSCOPE not set")
        subprocess.run([sys.executable, os.path.join(
            SRC, "tests", "data", "crafted", "make_odd_captures.py"), TMP],
            check=True)

    def clean(self, out, what):
        m = BAD_BYTES.search(out)
        self.assertIsNone(m, "%s: control bytes %r reach the terminal" %
                          (what, m.group(0) if m else b""))

    def test_text_and_csv_neutralised(self):
        for name in odd.SSIDS:
            for fmt in ("--report", "--report=csv"):
                p = run(name, fmt)
                self.assertIn(p.returncode, (0, 3), p.stderr)
                self.clean(p.stdout, "%s %s" % (name, fmt))
                p.stdout.decode("utf-8")        # strict: valid UTF-8
                a = run(name, fmt, lang="C")
                self.clean(a.stdout, "%s %s (C locale)" % (name, fmt))
                self.assertTrue(all(b < 0x80 for b in a.stdout),
                                "%s %s: non-ASCII in the C locale" %
                                (name, fmt))

    def test_text_keeps_cjk_and_emoji(self):
        for name in ("cjk", "emoji"):
            ssid = odd.SSIDS[name].decode()
            out = run(name, "--report").stdout.decode()
            self.assertIn("in '%s'" % ssid, out)     # the finding's text
            self.assertNotIn("?", ssid)

    def test_text_columns_aligned(self):
        for name in ("cjk", "emoji", "esc", "badutf8"):
            out = run(name, "--report").stdout.decode()
            aps = [ln for ln in out.splitlines()
                   if re.match(r"  02:00:00:00:0[01]:00  ", ln)]
            self.assertEqual(len(aps), 2, out)
            cols = {width(ln[:ln.index(" ch ")]) for ln in aps}
            self.assertEqual(len(cols), 1, "%s: %r" % (name, aps))

    def test_csv_quoting_and_formulas(self):
        for name in odd.SSIDS:
            out = run(name, "--report=csv").stdout.decode()
            rows = list(csv.reader(io.StringIO(out)))
            rep = json.loads(run(name, "--report=json").stdout)
            self.assertEqual(rows[0][4], "ssid")
            self.assertEqual(len(rows), 1 + len(rep["roams"]) +
                             len(rep["joins"]), out)
            self.assertGreaterEqual(len(rows), 3)
            for r in rows[1:]:
                # as many fields as the header names (columns are only
                # ever added, at the end)
                self.assertEqual(len(r), len(rows[0]), r)
                self.assertGreaterEqual(len(r), 17, r)
                cell = r[4]
                if name in ("formula", "plus", "minus", "at"):
                    self.assertTrue(cell.startswith("'"), cell)
                    self.assertEqual(cell[1:].encode(), odd.SSIDS[name])
                self.assertFalse(cell[:1] in ("=", "+", "-", "@", "\t",
                                              "\r"), cell)

    def test_json_lossless(self):
        for name, raw in odd.SSIDS.items():
            p = run(name, "--report=json")
            self.assertIn(p.returncode, (0, 3))
            self.assertIsNone(re.search(rb"[\x00-\x1f\x7f]",
                                        p.stdout.rstrip(b"\n")))
            self.clean(p.stdout, name + " json")
            rep = json.loads(p.stdout.decode("utf-8"))
            objs = rep["aps"] + rep["roams"] + rep["joins"] + \
                rep["findings"] + rep["clients"]
            try:
                want = raw.decode("utf-8")
                valid = True
            except UnicodeDecodeError:
                want = raw.decode("utf-8", "replace")
                valid = False
            for o in objs:
                self.assertEqual(o["ssid"], want, name)
                if valid:
                    self.assertNotIn("ssid_hex", o)
                else:
                    self.assertEqual(o["ssid_hex"], raw.hex())

    def test_frames_lossless(self):
        raw = odd.SSIDS["badutf8"]
        p = run("badutf8", "--frames")
        n = 0
        for ln in p.stdout.decode("utf-8").splitlines():
            f = json.loads(ln)
            if "ssid" in f:
                self.assertEqual(f["ssid"], raw.decode("utf-8", "replace"))
                self.assertEqual(f["ssid_hex"], raw.hex())
                n += 1
        self.assertGreater(n, 10)
        for ln in run("esc", "--frames").stdout.decode().splitlines():
            f = json.loads(ln)
            if "ssid" in f:
                self.assertEqual(f["ssid"].encode(), odd.SSIDS["esc"])
                self.assertNotIn("ssid_hex", f)


if __name__ == "__main__":
    unittest.main(verbosity=2)
