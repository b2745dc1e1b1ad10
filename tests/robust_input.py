#!/usr/bin/env python3
"""robust_input.py -- odd captures and odd command lines, through the real
binary: what each gets (exit code, one clear line on stderr, the frames
that are there).

Captures (tests/data/crafted/make_odd_captures.py, from lab captures):
zero time stamps and Simple Packet Blocks (no false "failed [stalled]",
the same roams as the original), records clipped by a 150-byte snaplen
("clipped", not "malformed"), a header lying about its snaplen (said;
records read whole, as tshark reads them), seconds past 2^31 (as tshark),
gzip.  Command lines: --sla missing / a directory / with a BOM / a NUL, an
ambiguous long option, --help and --version to a full disk, --replay with a
tiny speed, -r - from a terminal, -w twice / onto a source / - / a FIFO.
"""
import json
import os
import pty
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest

SRC = os.environ.get("top_srcdir", os.path.join(os.path.dirname(
    os.path.abspath(__file__)), ".."))
ROAMSCOPE = os.environ.get("ROAMSCOPE", "")
TSHARK = os.environ.get("TSHARK") or shutil.which("tshark") or ""
LAB = os.path.join(SRC, "tests", "data", "lab")
FT = os.path.join(LAB, "ft-ota-ok.pcap")
TMP = tempfile.mkdtemp(prefix="rs-input.")
sys.path.insert(0, os.path.join(SRC, "tests"))
import pcaplib  # noqa: E402


def rs(*args, stdin=subprocess.DEVNULL, timeout=60, stdout=None):
    return subprocess.run([ROAMSCOPE] + list(args), stdin=stdin,
                          stdout=stdout or subprocess.PIPE,
                          stderr=subprocess.PIPE, timeout=timeout)


def tmp(name):
    return os.path.join(TMP, name)


def summary(p):
    rep = json.loads(p.stdout)
    return [(r["method"], r["result"]) for r in rep["roams"] + rep["joins"]]


class Captures(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not ROAMSCOPE:
            raise unittest.SkipTest("ROAMSCOPE not set")
        subprocess.run([sys.executable, os.path.join(
            SRC, "tests", "data", "crafted", "make_odd_captures.py"), TMP],
            check=True)
        cls.want = summary(rs("-r", FT, "--report=json"))

    def test_zero_and_absent_stamps_are_no_failure(self):
        for f in ("zero-ts.pcap", "spb.pcapng"):
            p = rs("-r", tmp(f), "--report=json")
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertEqual(summary(p), self.want, f)
            self.assertNotIn(b"stalled", p.stdout)

    def test_clipped_is_not_malformed(self):
        p = rs("-r", tmp("clipped.pcap"), "--report")
        # 0, or 3: a 4-way handshake cut at 150 bytes may not be seen whole
        self.assertIn(p.returncode, (0, 3), p.stderr)
        self.assertIn(b"clipped by the capture's snaplen", p.stderr)
        self.assertNotIn(b"malformed", p.stderr)
        n = 0
        for ln in rs("-r", tmp("clipped.pcap"), "--frames=all").stdout \
                .splitlines():
            f = json.loads(ln)
            if f.get("clipped"):
                self.assertNotIn("malformed", f)
                n += 1
        self.assertEqual(n, 211)    # those longer than 150 bytes

    def test_snaplen_lie_said_and_read_whole(self):
        p = rs("-r", tmp("snaplen-lie.pcap"), "--frames=all")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn(b"lies about its snaplen: its header says 16 bytes",
                      p.stderr)
        q = rs("-r", FT, "--frames=all")
        self.assertEqual(p.stdout, q.stdout)    # every frame, whole
        self.assertNotIn(b"malformed", p.stderr)

    def test_seconds_past_2038(self):
        p = rs("-r", tmp("y2046.pcap"), "--frames=all")
        self.assertEqual(p.returncode, 0, p.stderr)
        ts = [json.loads(ln)["ts"] for ln in p.stdout.splitlines()]
        self.assertTrue(all(t > 2**31 for t in ts), ts[:3])
        if TSHARK:
            t = subprocess.run([TSHARK, "-r", tmp("y2046.pcap"), "-T",
                                "fields", "-e", "frame.time_epoch"],
                               stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, check=True)
            want = [float(x) for x in t.stdout.split()]
            self.assertEqual(len(want), len(ts))
            for a, b in zip(ts, want):
                self.assertAlmostEqual(a, b, places=5)

    def test_gzip_named(self):
        with open(FT, "rb") as f, open(tmp("c.pcap.gz"), "wb") as g:
            subprocess.run(["gzip", "-c"], stdin=f, stdout=g, check=True)
        p = rs("-r", tmp("c.pcap.gz"), "--report")
        self.assertEqual(p.returncode, 5)
        self.assertEqual(p.stderr.count(b"\n"), 1, p.stderr)
        self.assertIn(b"is compressed (gzip): gunzip it first", p.stderr)


class CommandLine(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not ROAMSCOPE:
            raise unittest.SkipTest("ROAMSCOPE not set")

    def one_line(self, p, code, *words):
        self.assertEqual(p.returncode, code, p.stderr)
        self.assertEqual(p.stderr.count(b"\n"), 1, p.stderr)
        for w in words:
            self.assertIn(w, p.stderr)

    def test_sla_files(self):
        self.one_line(rs("-r", FT, "--report", "--sla", TMP), 4,
                      b"is a directory")
        self.one_line(rs("-r", FT, "--report", "--sla", tmp("no.sla")), 4,
                      b"No such file or directory")
        with open(tmp("bom.sla"), "wb") as f:
            f.write(b"\xef\xbb\xbfft_auth = 50 100\n")
        self.one_line(rs("-r", FT, "--report", "--sla", tmp("bom.sla")), 10,
                      b"byte order mark")
        with open(tmp("nul.sla"), "wb") as f:
            f.write(b"ft_auth = 50 100\n\0reassoc = 1 2\n")
        self.one_line(rs("-r", FT, "--report", "--sla", tmp("nul.sla")), 10,
                      b"nul.sla:2: a NUL byte")

    def test_ambiguous_option(self):
        self.one_line(rs("-r", FT, "--rep"), 1, b"--rep is ambiguous",
                      b"--report", b"--replay")

    def test_full_disk_help_version(self):
        if not os.path.exists("/dev/full"):
            self.skipTest("no /dev/full")
        for a in ("--help", "--version"):
            with open("/dev/full", "wb") as full:
                p = rs(a, stdout=full)
            self.one_line(p, 11, b"cannot write the output")

    def test_tiny_replay(self):
        # 1e-300 as 1e-6: the first frame at once, then nothing due
        for speed in ("1e-6", "1e-300"):
            t0 = time.monotonic()
            p = rs("-r", FT, "--replay=" + speed, "--duration", "0.5",
                   "--frames=all")
            took = time.monotonic() - t0
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertEqual(len(p.stdout.splitlines()), 1, speed)
            self.assertLess(took, 5, speed)

    def test_stdin_terminal_says_it_waits(self):
        pid, fd = pty.fork()
        if pid == 0:
            os.execv(ROAMSCOPE, [ROAMSCOPE, "-r", "-", "--report"])
        out = b""
        end = time.monotonic() + 5
        while b"waiting" not in out and time.monotonic() < end:
            r, _, _ = select.select([fd], [], [], 0.2)
            if r:
                try:
                    out += os.read(fd, 4096)
                except OSError:
                    break
        os.kill(pid, signal.SIGTERM)
        os.waitpid(pid, 0)
        os.close(fd)
        self.assertIn(b"stdin, which is a terminal: waiting", out)

    def test_write_twice_and_onto_a_source(self):
        self.one_line(rs("-r", FT, "-w", tmp("a"), "-w", tmp("b"),
                         "--report"), 1, b"-w given twice")
        shutil.copy(FT, tmp("in.pcap"))
        size = os.path.getsize(tmp("in.pcap"))
        for args in (["-r", tmp("in.pcap")], ["--follow", tmp("in.pcap")]):
            alias = os.path.join(TMP, ".", "..", os.path.basename(TMP),
                                 "in.pcap")
            for w in (tmp("in.pcap"), alias):
                p = rs(*args, "-w", w, "--report", "--duration", "1")
                self.one_line(p, 1, b"is a source being read")
                self.assertEqual(os.path.getsize(tmp("in.pcap")), size)

    def test_write_stdout(self):
        p = rs("-r", FT, "-w", "-")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(p.stdout[:4], b"\x0a\x0d\x0d\x0a")
        q = subprocess.run([ROAMSCOPE, "-r", "-", "--report=json"],
                           input=p.stdout, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=60)
        self.assertEqual(json.loads(q.stdout)["summary"]["frames"], 247)
        self.one_line(rs("-r", FT, "-w", "-", "--report"), 1,
                      b"-w - writes the capture to stdout")

    def test_write_fifo_without_reader(self):
        fifo = tmp("fifo")
        os.mkfifo(fifo)
        p = subprocess.Popen([ROAMSCOPE, "-r", FT, "-w", fifo,
                              "--report=json"], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)
        err = b""
        end = time.monotonic() + 5
        while b"\n" not in err and time.monotonic() < end:
            r, _, _ = select.select([p.stderr], [], [], 0.2)
            if r:
                err += os.read(p.stderr.fileno(), 4096)
        self.assertIn(b"FIFO with no reader yet: waiting", err)
        with open(fifo, "rb") as f:
            data = f.read()
        out, rest = p.communicate(timeout=30)
        self.assertEqual(p.returncode, 0, err + rest)
        self.assertEqual(data[:4], b"\x0a\x0d\x0d\x0a")
        self.assertEqual(json.loads(out)["summary"]["frames"], 247)

    def test_write_fifo_reader_already_there(self):
        # A reader blocked on the FIFO before the run starts gets the
        # whole pcapng: the check for a reader must not end its read.
        import threading
        fifo = tmp("fifo2")
        os.mkfifo(fifo)
        got = []

        def reader():
            with open(fifo, "rb") as f:
                got.append(f.read())
        t = threading.Thread(target=reader, daemon=True)
        t.start()
        time.sleep(0.2)         # the reader waits in open()
        # Under strace, every close() returns 0.1 s late: a reader that
        # sees the FIFO without a writer in that time reads its end.
        slow = []
        env = dict(os.environ)
        if shutil.which("strace"):
            slow = ["strace", "-f", "-qq", "-o", os.devnull, "-e",
                    "trace=close", "-e", "inject=close:delay_exit=100000"]
            # LeakSanitizer cannot run under ptrace
            env["ASAN_OPTIONS"] = (env.get("ASAN_OPTIONS", "") +
                                   ":detect_leaks=0").lstrip(":")
        p = subprocess.Popen(slow + [ROAMSCOPE, "-r", FT, "-w", fifo,
                                     "--report=json"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             start_new_session=True, env=env)
        try:
            out, err = p.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.communicate()
            self.fail("roamscope -w FIFO hung with its reader gone")
        t.join(10)
        self.assertEqual(p.returncode, 0, err)
        self.assertNotIn(b"waiting", err)
        self.assertEqual(json.loads(out)["summary"]["frames"], 247)
        self.assertTrue(got, "the reader got nothing")
        self.assertEqual(got[0][:4], b"\x0a\x0d\x0d\x0a")
        self.assertEqual(len(list(pcaplib.records(got[0]))), 247)


if __name__ == "__main__":
    unittest.main(verbosity=2)
