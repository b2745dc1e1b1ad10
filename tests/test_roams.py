#!/usr/bin/env python3
"""test_roams.py -- the roam engine against real captures.

Runs `$ROAMSCOPE -r FILE --report=json` and checks:

1. Every lab capture (tests/data/lab/NAME.pcap, real hostapd/wpa_supplicant on
   mac80211_hwsim) gives exactly the roams and joins of NAME.truth.json, which
   was built from the daemons' own logs, never from our output.

   Mapping truth -> our records.  The truth lists per scripted action the
   client's attempts (`actions[].sta_attempts[]`), each with the BSSID it
   tried.  We walk them in order keeping the client's current BSS (None until
   the first attempt that ends "connected"):
     - an attempt at the current BSS is NOT a roam: FT or reassociation with
       the current AP after a refused roam is that roam's aftermath
       (ft-invalid-pmkid: FT to AP2 refused, then FT with AP1), and the roam's
       result is then "returned" when that attempt connected;
     - an attempt at another BSS while the client has none is a join, else a
       roam from the current BSS;
     - result: outcome "connected" -> ok, anything else -> failed (or
       returned, above);
     - status: the first non-zero of the attempt's auth statuses, FT action
       response status and (re)association status, else 0 (a wrong passphrase
       fails in the 4-way handshake after association status 0);
     - method: "FT over-the-air" -> ft-over-air, "FT over-the-DS" ->
       ft-over-da, open/association + 4-way with a PSK network -> psk;
     - channel and band of both sides: the APs' configured channel and
       frequency (truth["aps"]);
     - trigger: the scripted action (a BTM request: steered; a neighbor
       report requested in the 10 s before a roam: assisted; else client).
   Our roams and joins are compared in start order: same count, same fields.

2. The public wireshark FT capture gives one join and one ft-over-air roam.

3. Client capabilities (wlanpi-profiler rules) agree with an independent
   extraction by tshark over every association request in tests/data/public.

4. One test per diagnosis on a real capture, and none on a clean roam.  Codes
   no capture covers are tested on synthetic captures built here from a real
   lab capture by patching bytes or repeating frames (each says how).
"""
import glob
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import unittest

SRC = os.environ.get("top_srcdir", os.path.join(os.path.dirname(
    os.path.abspath(__file__)), ".."))
DATA = os.path.join(SRC, "tests", "data")
LAB = os.path.join(DATA, "lab")
ROAMSCOPE = os.environ.get("ROAMSCOPE", "")
TSHARK = os.environ.get("TSHARK") or shutil.which("tshark") or ""

sys.path.insert(0, os.path.join(SRC, "tests"))
import pcaplib  # noqa: E402

CLIENT = "02:00:00:00:02:00"
AP1 = "02:00:00:00:00:00"
AP2 = "02:00:00:00:01:00"


def report(path, extra=()):
    p = subprocess.run([ROAMSCOPE, "-r", path, "--report=json", *extra],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=120)
    # 7: the last record was cut short; the frames before it still count
    if p.returncode not in (0, 3, 7):
        raise AssertionError("%s exited %d: %s" % (path, p.returncode,
                             p.stderr.decode(errors="replace")))
    doc = json.loads(p.stdout.decode())
    doc["_rc"] = p.returncode
    return doc


def truth_method(m, key_mgmt):
    if m.startswith("FT over-the-air"):
        return "ft-over-air"
    if m.startswith("FT over-the-DS"):
        return "ft-over-ds"
    if "SAE" in m or "SAE" in key_mgmt.split():
        return "sae"
    if "4-way" in m:
        # these lab networks are PSK (WPA-PSK / FT-PSK), no 802.1X
        assert "PSK" in key_mgmt, key_mgmt
        return "psk"
    raise AssertionError("unmapped truth method %r" % m)


def band(freq):
    return "2.4" if freq < 3000 else "6" if freq >= 5925 else "5"


def trigger(actions, k):
    """The trigger of the attempts of action k: a BTM request (steered),
    else a neighbor report requested in the 10 s before (assisted), else
    the client's own (wpa_cli roam / ft_ds, the first connection)."""
    act = actions[k]
    if act["action"] == "btm_request":
        return "steered"
    for prev in actions[:k]:
        if prev["action"] == "neighbor_report_request" and \
                0 <= act["t"] - prev["t"] <= 10 and not prev["sta_attempts"]:
            return "assisted"
    return "client"


def expected_from_truth(truth):
    key_mgmt = truth["aps"][0]["wpa_key_mgmt"]
    ap = {a["bssid"]: a for a in truth["aps"]}
    cur = None
    out = []
    for k, act in enumerate(truth["actions"]):
        for at in act["sta_attempts"]:
            if at["bssid"] == cur:
                # with the current AP: the failed roam's aftermath
                if out and out[-1]["result"] == "failed" and \
                        at["outcome"] == "connected" and \
                        out[-1]["from"] == cur:
                    out[-1]["result"] = "returned"
                continue
            statuses = list(at.get("auth_statuses") or [])
            ftact = at.get("ft_action_response_status")
            if isinstance(ftact, dict):
                ftact = ftact.get("code")
            if ftact is not None:
                statuses.append(ftact)
            a = at.get("assoc_status")
            if isinstance(a, dict):
                statuses.append(a["code"])
            nz = [s for s in statuses if s]
            ok = at["outcome"] == "connected"
            out.append({
                "kind": "join" if cur is None else "roam",
                "client": truth["sta"]["mac"],
                "from": cur,
                "to": at["bssid"],
                "method": truth_method(at["method"], key_mgmt),
                "result": "ok" if ok else "failed",
                "status": nz[0] if nz else 0,
                # the APs' configured channels and frequencies
                "from_channel": ap[cur]["channel"] if cur else None,
                "to_channel": ap[at["bssid"]]["channel"],
                "from_band": band(ap[cur]["freq"]) if cur else None,
                "to_band": band(ap[at["bssid"]]["freq"]),
                "trigger": trigger(truth["actions"], k),
            })
            if ok:
                cur = at["bssid"]
    return out


KEYS = ("kind", "client", "from", "to", "method", "result", "status",
        "from_channel", "to_channel", "from_band", "to_band", "trigger")


def ours(doc):
    recs = [dict(r, kind="roam") for r in doc["roams"]] + \
           [dict(r, kind="join") for r in doc["joins"]]
    recs.sort(key=lambda r: r["start"])
    return [{k: r[k] for k in KEYS} for r in recs]


def all_diag_codes(doc):
    return [d["code"] for r in doc["roams"] + doc["joins"]
            for d in r["diagnoses"]]


def finding_codes(doc):
    return [f["code"] for f in doc["findings"]]


# --- classic pcap surgery for synthetic captures ---------------------------

def read_pcap(path):
    """(file header bytes, [[sec, usec, bytearray, origlen]]): records to
    patch in place, for write_pcap."""
    hdr, recs = pcaplib.read_pcap(path)
    assert hdr.endian == "<", "classic LE pcap expected"
    return hdr.raw, [[r.sec, r.frac, bytearray(r.data), r.origlen]
                     for r in recs]


write_pcap = pcaplib.write_pcap


def rt_len(b):
    return struct.unpack("<H", b[2:4])[0]


def fc(b):
    """(type, subtype) of the 802.11 frame after radiotap."""
    v = b[rt_len(b)]
    return (v >> 2) & 3, (v >> 4) & 15


def addr(b, i):
    o = rt_len(b) + 4 + 6 * (i - 1)
    return ":".join("%02x" % x for x in b[o:o + 6])


def find(recs, ftype, sub, a2=None, a1=None, alg=None):
    out = []
    for i, r in enumerate(recs):
        b = r[2]
        if fc(b) != (ftype, sub):
            continue
        if a2 and addr(b, 2) != a2:
            continue
        if a1 and addr(b, 1) != a1:
            continue
        if alg is not None and struct.unpack(
                "<H", b[rt_len(b) + 24:rt_len(b) + 26])[0] != alg:
            continue
        out.append(i)
    return out


def elements(b, fixed):
    """[(offset of id, id, len)] of the elements after fixed bytes."""
    o = rt_len(b) + 24 + fixed
    out = []
    while o + 2 <= len(b):
        out.append((o, b[o], b[o + 1]))
        o += 2 + b[o + 1]
    return out


class Base(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not ROAMSCOPE or not os.access(ROAMSCOPE, os.X_OK):
            raise unittest.SkipTest("ROAMSCOPE not built")
        cls.tmp = tempfile.mkdtemp(prefix="roams-")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def check_capture(self, name, exp):
        """LAB/name.pcap tells exp (ours()), exits 3 when a roam failed,
        and each record's final lifecycle state follows its result."""
        doc = report(os.path.join(LAB, name + ".pcap"))
        self.assertEqual(ours(doc), exp)
        failed = any(e["result"] in ("failed", "returned") for e in exp)
        self.assertEqual(doc["_rc"], 3 if failed else 0)
        state = {"ok": "done", "failed": "failed", "returned": "returned",
                 "fallback": "done"}
        for r in doc["roams"] + doc["joins"]:
            self.assertEqual(r["state"], state[r["result"]])

    def synth(self, name, recs, hdr):
        p = os.path.join(self.tmp, name + ".pcap")
        write_pcap(p, hdr, recs)
        return report(p)


class LabTruth(Base):
    def test_every_lab_capture_matches_truth(self):
        truths = sorted(glob.glob(os.path.join(LAB, "*.truth.json")))
        self.assertGreaterEqual(len(truths), 12)
        for t in truths:
            name = os.path.basename(t)[:-len(".truth.json")]
            with self.subTest(capture=name):
                with open(t) as f:
                    truth = json.load(f)
                self.check_capture(name, expected_from_truth(truth))

    def test_voice_gap_matches_the_clients_ping_outage(self):
        # ft-ota-voice: the client's own ping log says 124-173 ms between
        # replies around each roam; our air-side gap must fall in that band
        with open(os.path.join(LAB, "ft-ota-voice.truth.json")) as f:
            truth = json.load(f)
        doc = report(os.path.join(LAB, "ft-ota-voice.pcap"))
        self.assertEqual(len(doc["roams"]), 4)
        for r in doc["roams"]:
            self.assertIsNotNone(r["gap_ms"])
            self.assertGreater(r["gap_ms"], 100)
            self.assertLess(r["gap_ms"], 200)
            self.assertLessEqual(r["total_ms"], r["gap_ms"])
        self.assertIn("ping", json.dumps(truth))

    def test_kvr_phases(self):
        doc = report(os.path.join(LAB, "kvr-sequence.pcap"))
        for r in doc["roams"]:
            names = [p["phase"] for p in r["phases"]]
            self.assertEqual(names[:4], ["neighbor_report", "btm", "ft_auth",
                                         "reassoc"])
            btm = r["phases"][1]
            self.assertEqual(btm["status"], 0)
            self.assertTrue(all(p["verdict"] for p in r["phases"]))

    def test_public_ft_capture(self):
        doc = report(os.path.join(DATA, "public", "wireshark",
                                  "wpa2-ft-psk.pcapng"))
        self.assertEqual(len(doc["joins"]), 1)
        self.assertEqual(len(doc["roams"]), 1)
        self.assertEqual(doc["roams"][0]["method"], "ft-over-air")
        self.assertEqual(doc["roams"][0]["result"], "ok")
        self.assertEqual(doc["joins"][0]["result"], "ok")


def with_signal(recs, sig_of):
    """hwsim0's radiotap (TSFT, Flags, Rate, Channel: 22 bytes) with a dBm
    antenna signal appended: sig_of(index, frame after radiotap) or None to
    leave the frame as it is."""
    out = []
    for i, r in enumerate(recs):
        b = r[2]
        present = struct.unpack("<I", b[4:8])[0]
        sig = sig_of(i, b[22:]) if rt_len(b) == 22 and present == 0xf \
            else None
        if sig is not None:
            b = b[:2] + struct.pack("<HI", 23, 0x2f) + b[8:22] + \
                struct.pack("<b", sig) + b[22:]
        out.append([r[0], r[1], b, max(r[3], len(b)) if sig is not None
                    else r[3]])
    return out


class RoamContext(Base):
    """ft-ota-voice (a real lab run: FT roams AP1 -> AP2 -> AP1 -> AP2 ->
    AP1 with voice traffic) with the signal hwsim0 does not record added
    to radiotap: AP1 heard weak (-75 .. -82 dBm), AP2 strong (-50 .. -57),
    the client -60 .. -64, each frame's value by its index so that a value
    names the frame it came from.  The expected values are picked here from
    the capture by the rules of doc/report.md, never from our output."""

    def signals(self, recs):
        def sig_of(i, m):
            if len(m) < 16:
                return None
            ta = ":".join("%02x" % x for x in m[10:16])
            if ta == AP1:
                return -75 - i % 8
            if ta == AP2:
                return -50 - i % 8
            if ta == CLIENT:
                return -60 - i % 5
            return None
        return sig_of

    def setUp(self):
        hdr, recs = read_pcap(os.path.join(LAB, "ft-ota-voice.pcap"))
        self.hdr = hdr
        self.recs = with_signal(recs, self.signals(recs))
        # (time, index, sig, ta, ra, type, subtype, to/from DS, status)
        self.frames = []
        for i, r in enumerate(self.recs):
            b = r[2]
            if len(b) < rt_len(b) + 24:
                continue
            t, st = fc(b)
            sig = struct.unpack("<b", b[22:23])[0] if rt_len(b) == 23 \
                else None
            status = None
            if t == 0 and st in (1, 3):
                status = struct.unpack("<H", b[rt_len(b) + 26:
                                               rt_len(b) + 28])[0]
            self.frames.append((r[0] + r[1] / 1e6, i + 1, sig, addr(b, 2),
                                addr(b, 1), t, st, b[rt_len(b) + 1] & 3,
                                status))

    def heard(self, ap, f):
        # a beacon or probe response of ap, or a frame it sent the client
        # (management, or data from the DS)
        _, _, sig, ta, ra, t, st, ds, _ = f
        if ta != ap or sig is None:
            return False
        return (t == 0 and st in (5, 8)) or (ra == CLIENT and (
            t == 0 or (t == 2 and ds == 2)))

    def test_rssi_channels_bands(self):
        doc = self.synth("voice-signal", self.recs, self.hdr)
        self.assertEqual(len(doc["roams"]), 4)
        for r in doc["roams"]:
            with self.subTest(start=r["start"]):
                before = [f for f in self.frames if f[0] < r["start"] and
                          self.heard(r["from"], f)]
                self.assertTrue(before)
                self.assertLessEqual(r["start"] - before[-1][0], 10)
                self.assertEqual(r["rssi_before_frame"], before[-1][1])
                self.assertEqual(r["rssi_before_dbm"], before[-1][2])
                # the accepted reassociation response of this roam
                resp = [f for f in self.frames if f[1] in r["frames"] and
                        f[5] == 0 and f[6] == 3 and f[3] == r["to"] and
                        f[8] == 0]
                self.assertTrue(resp)
                after = [f for f in self.frames if f[1] > resp[-1][1] and
                         self.heard(r["to"], f)]
                self.assertEqual(r["rssi_after_frame"], after[0][1])
                self.assertEqual(r["rssi_after_dbm"], after[0][2])
                self.assertEqual(r["rssi_drop_db"],
                                 before[-1][2] - after[0][2])
                mine = [f for f in self.frames if f[3] == CLIENT and
                        f[2] is not None]
                cb = [f for f in mine if f[0] < r["start"]]
                ca = [f for f in mine if f[1] > resp[-1][1]]
                self.assertEqual(r["client_rssi_before_dbm"], cb[-1][2])
                self.assertEqual(r["client_rssi_after_dbm"], ca[0][2])
                weak = r["from"] == AP1
                self.assertEqual(r["rssi_drop_db"] > 0, not weak)
                self.assertEqual((r["from_channel"], r["to_channel"]),
                                 (1, 6) if weak else (6, 1))
                self.assertEqual((r["from_band"], r["to_band"]),
                                 ("2.4", "2.4"))
                self.assertEqual(r["trigger"], "client")
                self.assertIsNotNone(r["outage_ms"])

    def test_sticky_client(self):
        # on AP1 (heard below -70 dBm, 18 dB or more under AP2) for 3 s
        # after the join: sticky once the profile's time is 1 s, not with
        # the built-in 5 s; never on AP2
        p = os.path.join(self.tmp, "voice-signal.pcap")
        write_pcap(p, self.hdr, self.recs)
        doc = report(p)
        self.assertEqual(doc["clients"][0]["sticky"], [])
        sla = os.path.join(self.tmp, "sticky.sla")
        with open(sla, "w") as f:
            f.write("sticky_time = 1000\n")
        doc = report(p, ["--sla", sla])
        st = doc["clients"][0]["sticky"]
        self.assertTrue(st)
        join = doc["joins"][0]
        for k in st:
            self.assertEqual(k["ap"], AP1)
            self.assertEqual(k["better"], AP2)
            self.assertEqual(k["verdict"], "fail")
            self.assertGreaterEqual(k["delta_db"], 18)
            self.assertLessEqual(k["ap_rssi_dbm"], -75)
            self.assertGreaterEqual(k["ms"], 1000)
        self.assertGreaterEqual(st[0]["start"], join["start"])
        self.assertLess(st[0]["start"], doc["roams"][0]["start"])
        self.assertEqual(doc["clients"][0]["sticky_total"], len(st))


def lab_run_truth(name):
    """The truth of a capture made by tests/lab (run-scenario.sh), as
    tests/lab/truth.py builds it from the daemons' logs (NAME.truth-lab.json,
    or the logs themselves), mapped to our records: an attempt at the
    client's own AP after a refused roam is that roam's aftermath
    ("returned" when it connected), and so is a join within 10 s after it,
    to the roam's target ("fallback": the client reached it another way) or
    back to the old AP ("returned")."""
    path = os.path.join(LAB, name + ".truth-lab.json")
    if os.path.exists(path):
        with open(path) as f:
            tr = json.load(f)
    else:
        sys.path.insert(0, os.path.join(SRC, "tests", "lab"))
        import truth as labtruth  # noqa: E402
        tr = labtruth.build([os.path.join(LAB, name + ".hostapd%d.log" % i)
                             for i in (1, 2)],
                            os.path.join(LAB, name + ".wpas.log"))
    freq = {a["bssid"]: a["freq"] for a in tr["aps"]}
    out = []
    failed = None       # the last failed roam, while its aftermath lasts
    for r in sorted([dict(r, kind="join") for r in tr["joins"]] +
                    [dict(r, kind="roam") for r in tr["roams"]],
                    key=lambda r: r["start"]):
        if failed is not None and r["start"] - failed["end"] > 10:
            failed = None
        if failed is not None and r["same_bssid"]:
            if r["result"] == "ok" and r["to"] == failed["rec"]["from"]:
                failed["rec"]["result"] = "returned"
                failed = None
            continue
        if failed is not None and r["kind"] == "join" and \
                r["result"] == "ok" and r["to"] in (failed["rec"]["to"],
                                                    failed["rec"]["from"]):
            failed["rec"]["result"] = "fallback" if \
                r["to"] == failed["rec"]["to"] else "returned"
            failed = None
            continue
        rec = {
            "kind": r["kind"], "client": tr["client"], "from": r["from"],
            "to": r["to"], "method": r["method"], "result": r["result"],
            "status": r["status"],
            "from_channel": chan(freq[r["from"]]) if r["from"] else None,
            "to_channel": chan(freq[r["to"]]),
            "from_band": band(freq[r["from"]]) if r["from"] else None,
            "to_band": band(freq[r["to"]]),
            "trigger": "steered" if r["trigger"] == "btm" else "client",
        }
        out.append(rec)
        if r["kind"] == "roam" and r["result"] == "failed":
            failed = {"rec": rec, "end": r["end"] or r["start"]}
    return out


def chan(freq):
    return (freq - 2407) // 5 if freq < 2484 else (freq - 5000) // 5


class LabRuns(Base):
    """Captures made by tests/lab: daemon logs beside NAME.pcap and no
    reference NAME.truth.json."""

    def test_every_lab_run_matches_its_logs(self):
        names = sorted(os.path.basename(p)[:-len(".wpas.log")]
                       for p in glob.glob(os.path.join(LAB, "*.wpas.log")))
        names = [n for n in names if not os.path.exists(
            os.path.join(LAB, n + ".truth.json"))]
        self.assertIn("fils", names)
        for name in names:
            with self.subTest(capture=name):
                self.check_capture(name, lab_run_truth(name))

    def test_fils(self):
        # fils (tests/lab/scenarios/fils): a FILS-SHA256 network; join with
        # open auth + EAP-pwd + a 4-way handshake without MIC fields; join
        # again with FILS Shared Key auth (PMKSA); FILS toward AP2 refused
        # (status 1), back to AP1 with FILS.
        p = subprocess.run([ROAMSCOPE, "-r", os.path.join(LAB, "fils.pcap"),
                            "--report=json"], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=60)
        # hostapd pads the AES-SIV key data of message 3/4: not malformed
        self.assertNotIn(b"malformed", p.stderr)
        doc = json.loads(p.stdout)
        j1, j2 = doc["joins"]
        self.assertEqual([ph["phase"] for ph in j1["phases"]],
                         ["auth", "assoc", "eap", "4way", "data"])
        self.assertEqual(j1["state"], "done")
        # FILS: key setup ends with the association response
        self.assertEqual([ph["phase"] for ph in j2["phases"]],
                         ["auth", "assoc", "data"])
        self.assertEqual([s["state"] for s in j2["states"]],
                         ["authenticating", "associating",
                          "waiting-for-data", "done"])
        # the disconnect before it: the client's deauthentication, reason 3
        self.assertEqual([(e["type"], e["by"], e["reason"])
                          for e in j2["events"]], [("deauth", "client", 3)])
        (r,) = doc["roams"]
        self.assertEqual((r["method"], r["result"], r["status"], r["state"]),
                         ("fils", "returned", 1, "returned"))
        self.assertIn("recovering", [s["state"] for s in r["states"]])
        self.assertEqual([(ph["phase"], ph["ap"], ph["status"])
                          for ph in r["phases"]],
                         [("auth", AP2, 1), ("auth", AP1, 0),
                          ("reassoc", AP1, 0), ("data", AP1, None)])
        self.assertEqual(p.returncode, 3)


class CorruptFrames(Base):
    def test_corrupted_beacons_make_no_ap_and_no_change(self):
        # Wireshark_802_11.pcap carries an FCS on every frame, and tshark
        # (FCS checking on) finds 97 of them wrong while the radio header
        # does not say so.  A corrupted beacon makes no AP (its BSSID is
        # garbled) and changes no AP's SSID or channel: the APs are those
        # of the beacons and probe responses whose FCS is good, with their
        # SSIDs, and none has a change.
        if not TSHARK:
            self.skipTest("tshark not installed")
        path = os.path.join(DATA, "public",
                            "Computer-Networking-A-Top-Down-Approach-NOTES",
                            "Wireshark_802_11.pcap")

        def fields(flt, *keys):
            p = subprocess.run(
                [TSHARK, "-o", "wlan.check_checksum:TRUE", "-r", path, "-Y",
                 flt, "-T", "fields"] + [x for k in keys for x in ("-e", k)],
                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                timeout=120)
            return [ln.split("\t") for ln in p.stdout.decode().splitlines()]
        self.assertEqual(len(fields("wlan.fcs.status == 0",
                                    "frame.number")), 97)
        good = fields("(wlan.fc.type_subtype == 8 || wlan.fc.type_subtype "
                      "== 5) && wlan.fcs.status == 1", "wlan.bssid",
                      "wlan.ssid")
        exp = {}
        for bssid, ssid in good:
            exp.setdefault(bssid, set()).add(bytes.fromhex(ssid).decode())
        self.assertEqual(len(exp), 3)
        doc = report(path)
        got = dict((a["bssid"], a["ssid"]) for a in doc["aps"])
        self.assertEqual(set(got), set(exp))
        for bssid, ssid in got.items():
            self.assertEqual(exp[bssid], {ssid})
        for a in doc["aps"]:
            self.assertEqual(a["changes"], [], a["bssid"])
            self.assertEqual(a["changes_total"], 0)


class Caps(Base):
    def test_caps_match_tshark_on_public_assoc_requests(self):
        if not TSHARK:
            self.skipTest("tshark not installed")
        files = []
        for ext in ("pcap", "pcapng", "cap"):
            files += glob.glob(os.path.join(DATA, "public", "**", "*." + ext),
                               recursive=True)
        checked = 0
        for path in sorted(files):
            p = subprocess.run(
                [TSHARK, "-r", path, "-Y",
                 # a request whose BSSID is not its receiver is corrupt
                 # (Wireshark_802_11.pcap frame 1227): not a client's
                 "(wlan.fc.type_subtype == 0 || wlan.fc.type_subtype == 2)"
                 " && wlan.ra == wlan.bssid",
                 "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=,",
                 "-e", "wlan.sa", "-e", "wlan.tag.number",
                 "-e", "wlan.extcap.b19",
                 "-e", "wlan.rsn.capabilities.mfpc"],
                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=300)
            exp = {}
            for line in p.stdout.decode().splitlines():
                f = line.split("\t")
                if len(f) < 4 or not f[0]:
                    continue
                tags = set(x for x in f[1].split(",") if x)
                exp[f[0]] = {
                    "k": "70" in tags,
                    "r": "54" in tags,
                    "v": f[2].split(",")[0] in ("1", "True"),
                    "w": f[3].split(",")[0] in ("1", "True"),
                }
            if not exp:
                continue
            doc = report(path)
            got = {c["mac"]: c["caps"] for c in doc["clients"]
                   if c["caps"]["known"]}
            for mac, caps in exp.items():
                with self.subTest(file=os.path.relpath(path, DATA), sta=mac):
                    self.assertIn(mac, got)
                    self.assertEqual({k: got[mac][k] for k in "kvrw"}, caps)
                    checked += 1
        self.assertGreater(checked, 0)


class Diagnoses(Base):
    def test_clean_roam_has_no_diagnosis(self):
        doc = report(os.path.join(LAB, "ft-ota-ok.pcap"))
        self.assertEqual(all_diag_codes(doc), [])
        self.assertEqual(finding_codes(doc), [])
        self.assertEqual(doc["_rc"], 0)

    def test_status_53_invalid_pmkid(self):
        doc = report(os.path.join(LAB, "ft-invalid-pmkid.pcap"))
        r = doc["roams"][0]
        self.assertEqual(r["diagnoses"][0]["code"], "ft-invalid-pmkid")
        self.assertIn("R0KH/R1KH", r["diagnoses"][0]["text"])
        self.assertEqual(r["verdict"], "fail")

    def test_mixed_mdid_finding(self):
        doc = report(os.path.join(LAB, "mdid-mismatch.pcap"))
        f = [x for x in doc["findings"] if x["code"] == "mixed-mdid"]
        self.assertEqual(len(f), 1)
        self.assertIn("a1b2", f[0]["text"])
        self.assertIn("c3d4", f[0]["text"])
        self.assertEqual(sorted(f[0]["bssids"]), [AP1, AP2])

    def test_btm_reject(self):
        doc = report(os.path.join(LAB, "btm-reject.pcap"))
        self.assertIn("btm-reject", finding_codes(doc))
        self.assertIn("btm-reject", all_diag_codes(doc))
        self.assertTrue(doc["roams"][0]["hard"])

    def test_wrong_passphrase(self):
        doc = report(os.path.join(LAB, "wrong-psk.pcap"))
        j = doc["joins"][0]
        self.assertEqual(j["result"], "failed")
        self.assertEqual(j["diagnoses"][0]["code"], "4way-no-m3")
        self.assertEqual(doc["_rc"], 3)

    def test_pmf_protected_actions_inferred(self):
        doc = report(os.path.join(LAB, "pmf-kvr-sequence.pcap"))
        for r in doc["roams"]:
            self.assertIn("pmf-inferred", [d["code"] for d in r["diagnoses"]])
            inf = [p for p in r["phases"] if p["inferred"]]
            self.assertEqual([p["phase"] for p in inf],
                             ["neighbor_report", "btm"])

    # --- synthetic: ft-invalid-pmkid.pcap with the FT auth response status
    # patched from 53 to another code (the status is the 3rd fixed field of
    # the authentication frame, bytes 4-5 after the header)
    def patched_status(self, code, extra_elem=b""):
        hdr, recs = read_pcap(os.path.join(LAB, "ft-invalid-pmkid.pcap"))
        resp = find(recs, 0, 11, a2=AP2, alg=2)
        self.assertEqual(len(resp), 1)
        b = recs[resp[0]][2]
        o = rt_len(b) + 24 + 4
        self.assertEqual(struct.unpack("<H", b[o:o + 2])[0], 53)
        b[o:o + 2] = struct.pack("<H", code)
        if extra_elem:
            b += extra_elem
        return self.synth("status-%d" % code, recs, hdr)

    def test_synthetic_statuses(self):
        # the client then runs FT with its own AP again (as in the real
        # capture): the refused roam's result is "returned"
        cases = {54: "ft-invalid-mde", 55: "ft-invalid-fte",
                 13: "auth-alg-unsupported", 43: "akm-rejected",
                 17: "ap-full", 1: "status"}
        for code, diag in cases.items():
            with self.subTest(status=code):
                doc = self.patched_status(code)
                self.assertEqual(len(doc["roams"]), 1)
                r = doc["roams"][0]
                self.assertEqual(r["status"], code)
                self.assertEqual(r["result"], "returned")
                self.assertEqual(r["state"], "returned")
                self.assertEqual(r["verdict"], "fail")
                self.assertEqual(r["diagnoses"][0]["code"], diag)
        doc = self.patched_status(54)
        self.assertIn("a1b2", doc["roams"][0]["diagnoses"][0]["text"])

    def test_synthetic_comeback(self):
        # status 30 with a Timeout Interval element (56), type 3
        # (association comeback), 1000 TU, appended to the response
        doc = self.patched_status(30, bytes([56, 5, 3]) +
                                  struct.pack("<I", 1000))
        d = doc["roams"][0]["diagnoses"][0]
        self.assertEqual(d["code"], "assoc-comeback")
        self.assertIn("1000 TU", d["text"])

    def test_synthetic_retry_loop(self):
        # the refused FT exchange with AP2 repeated 4 more times, 340 ms
        # apart (new sequence numbers, so not retransmissions), then the
        # capture ends: a client stuck retrying a refused roam, one roam whose
        # aftermath is four more tries at the same target
        hdr, recs = read_pcap(os.path.join(LAB, "ft-invalid-pmkid.pcap"))
        req = find(recs, 0, 11, a2=CLIENT, a1=AP2, alg=2)[0]
        resp = find(recs, 0, 11, a2=AP2, alg=2)[0]
        base = recs[:resp + 1]
        pair = [recs[req], recs[resp]]
        out = list(base)
        for k in range(1, 5):
            for r in pair:
                s, us, b, orig = r
                t = s * 1000000 + us + k * 340000
                b = bytearray(b)
                o = rt_len(b) + 22
                seq = (struct.unpack("<H", b[o:o + 2])[0] >> 4) + k
                b[o:o + 2] = struct.pack("<H", (seq & 0xfff) << 4)
                out.append([t // 1000000, t % 1000000, b, orig])
        doc = self.synth("loop", out, hdr)
        self.assertEqual(len(doc["roams"]), 1)
        r = doc["roams"][0]
        codes = [d["code"] for d in r["diagnoses"]]
        self.assertEqual(codes[:2], ["ft-invalid-pmkid", "retry-loop"])
        self.assertEqual(r["attempts"], 5)
        self.assertEqual(r["result"], "failed")
        self.assertEqual(r["state"], "failed")
        self.assertIn("~340 ms", r["diagnoses"][1]["text"])
        ft = [p for p in r["phases"] if p["phase"] == "ft_auth"]
        self.assertEqual(len(ft), 5)
        self.assertTrue(all(p["status"] == 53 for p in ft))
        # every request and answer is in the one roam
        self.assertEqual(len([n for n in r["frames"]
                              if n > len(base)]), 8)

    def test_synthetic_no_response(self):
        # ft-ota-ok up to the first FT authentication request to AP2, then
        # only the beacons that followed: the request is never answered
        hdr, recs = read_pcap(os.path.join(LAB, "ft-ota-ok.pcap"))
        req = find(recs, 0, 11, a2=CLIENT, a1=AP2, alg=2)[0]
        out = recs[:req + 1] + [r for r in recs[req + 1:]
                                if fc(r[2]) == (0, 8)]
        doc = self.synth("noresp", out, hdr)
        r = doc["roams"][0]
        self.assertEqual(r["result"], "failed")
        self.assertIn("no-response", [d["code"] for d in r["diagnoses"]])

    def test_synthetic_btm_without_roam(self):
        # btm-steer cut right after the first BTM response (accept): the
        # roam that followed is removed, beacons kept
        hdr, recs = read_pcap(os.path.join(LAB, "btm-steer.pcap"))
        acts = find(recs, 0, 13, a2=CLIENT)
        self.assertTrue(acts)
        cut = acts[0]
        out = recs[:cut + 1] + [r for r in recs[cut + 1:]
                                if fc(r[2]) == (0, 8)]
        doc = self.synth("btm-noroam", out, hdr)
        self.assertEqual(doc["roams"], [])
        self.assertIn("btm-no-roam", finding_codes(doc))

    def test_synthetic_btm_to_client_without_11v(self):
        # btm-steer with bit 19 (BSS Transition) of the client's Extended
        # Capabilities cleared in its association request: the AP's BTM
        # request then goes to a client that does not advertise 11v
        hdr, recs = read_pcap(os.path.join(LAB, "btm-steer.pcap"))
        areq = find(recs, 0, 0, a2=CLIENT)[0]
        b = recs[areq][2]
        ext = [e for e in elements(b, 4) if e[1] == 127]
        self.assertEqual(len(ext), 1)
        o = ext[0][0] + 2 + 2
        self.assertTrue(b[o] & 0x08)
        b[o] &= ~0x08
        doc = self.synth("no11v", recs, hdr)
        self.assertIn("btm-unadvertised", finding_codes(doc))
        self.assertIn("btm-unadvertised", all_diag_codes(doc))
        f = [x for x in doc["findings"] if x["code"] == "btm-unadvertised"]
        self.assertIn(CLIENT, f[0]["text"])
        # the clean capture has neither
        clean = report(os.path.join(LAB, "btm-steer.pcap"))
        self.assertNotIn("btm-unadvertised", finding_codes(clean))


if __name__ == "__main__":
    unittest.main(verbosity=2)
