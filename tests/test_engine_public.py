#!/usr/bin/env python3
"""test_engine_public.py -- the roam engine over the public captures.

What a review of every report over tests/data/public found, each checked
against tshark's view of the same frames (never against our own output):

- every failed, warn or fail record carries a diagnosis; no negative times;
- every (re)association request is in exactly one roam or join; a failed
  join followed by a new (re)association is a new join (LG G4);
- the method follows the AKM the client chose in its own request (OWE,
  WPA1 PSK, ...);
- gap_ms is null when the last data via the old AP is older than 2 s;
- 11k/11v findings say who asked for what (HTC One M9, Samsung S8);
- retransmissions (same sequence number) are retries, not attempts; a
  new request after a refusal is the attempt's next try;
- the RSSI before and after a roam is tshark's radiotap signal of the
  frames the engine's rule picks; SAE's authentication phase covers its
  four frames.
"""
import glob
import json
import os
import shutil
import subprocess
import unittest

SRC = os.environ.get("top_srcdir", os.path.join(os.path.dirname(
    os.path.abspath(__file__)), ".."))
DATA = os.path.join(SRC, "tests", "data")
PUB = os.path.join(DATA, "public")
ROAMSCOPE = os.environ.get("ROAMSCOPE", "")
TSHARK = os.environ.get("TSHARK") or shutil.which("tshark") or ""

LG = os.path.join(PUB, "wifi_taxonomy",
                  "LG_G4_5GHz_GFRG210_An6.0_LG-H815_Specific_Probe_"
                  "Reassociation.pcap")
HTC = os.path.join(PUB, "wifi_taxonomy",
                   "HTC_One_M9_2.4GHz_GFRG210_Specific_Probe.pcap")
PMKID = os.path.join(PUB, "aircrack-ng", "pmkid-not-recognized.cap")

_cache = {}


def report(path):
    if path in _cache:
        return _cache[path]
    p = subprocess.run([ROAMSCOPE, "-r", path, "--report=json"],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=120)
    if p.returncode not in (0, 3, 7):
        raise AssertionError("%s exited %d: %s" % (path, p.returncode,
                             p.stderr.decode(errors="replace")))
    doc = json.loads(p.stdout.decode())
    _cache[path] = doc
    return doc


_tcache = {}


def tshark(path, dfilter, fields):
    """Rows of the fields tshark gives for the frames matching dfilter."""
    key = (path, dfilter, tuple(fields))
    if key not in _tcache:
        _tcache[key] = _tshark(path, dfilter, fields)
    return _tcache[key]


def _tshark(path, dfilter, fields):
    args = [TSHARK, "-r", path, "-Y", dfilter, "-T", "fields",
            "-E", "occurrence=f"]
    for f in fields:
        args += ["-e", f]
    p = subprocess.run(args, stdout=subprocess.PIPE,
                       stderr=subprocess.DEVNULL, timeout=300)
    return [line.split("\t") for line in p.stdout.decode().splitlines()
            if line]


def captures():
    out = []
    for ext in ("pcap", "pcapng", "cap"):
        out += glob.glob(os.path.join(PUB, "**", "*." + ext), recursive=True)
    return sorted(out)


def records(doc):
    return doc["roams"] + doc["joins"]


def record_of(doc, n):
    got = [r for r in records(doc) if n in r["frames"]]
    return got


# (re)association requests from a client: receiver is the BSSID, and the
# BSSID is an individual address (an anonymised capture uses 11:11:..)
REQ = ("(wlan.fc.type_subtype == 0 || wlan.fc.type_subtype == 2) && "
       "wlan.ra == wlan.bssid && !(wlan.bssid[0:1] & 01)")
REQ_FIELDS = ["frame.number", "wlan.rsn.akms", "wlan.wfa.ie.wpa.akms"]


class Base(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not ROAMSCOPE or not os.access(ROAMSCOPE, os.X_OK):
            raise unittest.SkipTest("ROAMSCOPE not built")

    def need_tshark(self):
        if not TSHARK:
            self.skipTest("tshark not installed")


class Diagnoses(Base):
    def test_every_failed_or_judged_record_says_why(self):
        n = 0
        for path in captures() + sorted(glob.glob(os.path.join(
                DATA, "lab", "*.pcap"))):
            doc = report(path)
            for r in records(doc):
                with self.subTest(file=os.path.relpath(path, DATA),
                                  client=r["client"], start=r["start"]):
                    if r["result"] == "failed" or r["verdict"] in (
                            "warn", "fail"):
                        n += 1
                        self.assertTrue(r["diagnoses"])
                    for k in ("total_ms", "gap_ms"):
                        if r[k] is not None:
                            self.assertGreaterEqual(r[k], 0)
                    for p in r["phases"]:
                        if p["ms"] is not None:
                            self.assertGreaterEqual(p["ms"], 0)
        self.assertGreater(n, 20)

    def test_lg_g4_m1_unanswered_then_a_new_join(self):
        # tshark: the AP's M1s to the client, the client's M2s, and its
        # reassociation request 12 s later
        self.need_tshark()
        sta = "f8:95:c7:00:00:00"
        m1 = tshark(LG, "eapol && wlan.da == %s && "
                    "wlan_rsna_eapol.keydes.msgnr == 1" % sta,
                    ["frame.number", "wlan.fc.retry", "frame.time_epoch"])
        m2 = tshark(LG, "eapol && wlan.sa == %s && "
                    "wlan_rsna_eapol.keydes.msgnr == 2" % sta,
                    ["frame.number", "frame.time_epoch"])
        reassoc = tshark(LG, "wlan.fc.type_subtype == 2 && wlan.sa == %s"
                         % sta, ["frame.number", "frame.time_epoch"])
        self.assertEqual(len(reassoc), 1)
        t_re = float(reassoc[0][1])
        first = [x for x in m1 if float(x[2]) < t_re]
        self.assertEqual(len(first), 3)
        self.assertFalse([x for x in m2 if float(x[1]) < t_re])
        doc = report(LG)
        joins = sorted(doc["joins"], key=lambda r: r["start"])
        self.assertEqual(len(joins), 2)
        self.assertEqual(doc["roams"], [])
        j1, j2 = joins
        self.assertEqual(j1["result"], "failed")
        self.assertEqual(j1["diagnoses"][0]["code"], "4way-no-m2")
        self.assertIn("M1 3 times", j1["diagnoses"][0]["text"])
        self.assertNotIn("4way-no-m3", [d["code"] for d in j1["diagnoses"]])
        self.assertEqual(j2["to"], j1["to"])
        self.assertIn(int(reassoc[0][0]), j2["frames"])
        self.assertEqual(j2["result"], "ok")
        self.assertEqual([p["phase"] for p in j2["phases"]][:3],
                         ["auth", "reassoc", "4way"])

    def test_wrong_passphrase_is_not_no_m2(self):
        # the other 4-way failure: M2 sent, M1 again, never M3
        doc = report(os.path.join(PUB, "john-samples",
                                  "wpa.bad.passphrase.cap"))
        codes = [d["code"] for d in doc["joins"][0]["diagnoses"]]
        self.assertEqual(codes[0], "4way-no-m3")
        self.assertNotIn("4way-no-m2", codes)


class Accounting(Base):
    def test_every_association_request_in_exactly_one_record(self):
        # a record lists at most 64 frames (the first and the latest
        # half): a request of a long retry loop may be left out of the
        # list, but then exactly one record of that client spans it and
        # says how many it left out
        self.need_tshark()
        checked = 0
        for path in captures():
            rows = tshark(path, REQ, ["frame.number", "frame.time_epoch",
                                      "wlan.sa"])
            if not rows:
                continue
            doc = report(path)
            for n, t, sa in rows:
                n, t = int(n), float(t)
                with self.subTest(file=os.path.relpath(path, DATA), frame=n):
                    got = record_of(doc, n)
                    if not got:
                        got = [r for r in records(doc) if r["client"] == sa
                               and r["frames_over"] > 0 and
                               r["start"] - 1e-6 <= t <= r["last_frame"] +
                               1e-6]
                    self.assertEqual(len(got), 1)
                    checked += 1
        self.assertGreater(checked, 100)

    def test_reconnect_to_same_ap_is_a_join_not_a_roam(self):
        # wpa2-psk-linksys: the client authenticates and associates again
        # with the AP it is associated with (tshark: 4 association
        # requests, one BSSID): joins, no roam.  A request after a refused
        # one (tshark: the response before it, status 10, 1.1 s earlier)
        # is that join's next try, not a join of its own.
        self.need_tshark()
        path = os.path.join(PUB, "aircrack-ng", "wpa2-psk-linksys.cap")
        reqs = tshark(path, REQ, ["frame.number", "wlan.bssid",
                                  "frame.time_epoch"])
        resps = tshark(path, "wlan.fc.type_subtype == 1",
                       ["frame.number", "wlan.fixed.status_code",
                        "frame.time_epoch"])
        self.assertEqual(len(reqs), 4)
        self.assertEqual(len(set(x[1] for x in reqs)), 1)
        new, tries = 0, {}
        for n, _, t in reqs:
            before = [r for r in resps if int(r[0]) < int(n)]
            if before and int(before[-1][1], 0) != 0 and \
                    float(t) - float(before[-1][2]) < 10:
                tries[int(n)] = True
            else:
                new += 1
        self.assertEqual(len(tries), 1)
        doc = report(path)
        self.assertEqual(doc["roams"], [])
        self.assertEqual(len(doc["joins"]), new)
        for n in tries:
            r = record_of(doc, n)[0]
            self.assertEqual(r["attempts"], 2)
            self.assertEqual(r["result"], "ok")
            self.assertEqual([p["status"] for p in r["phases"]
                              if p["phase"] == "assoc"], [10, 0])


# AKM suite (as tshark prints wlan.rsn.akms / wlan.wfa.ie.wpa.akms, an
# integer OUI << 8 | type) -> the methods it allows
def allowed_methods(akm):
    if akm is None:
        return {"open"}
    oui, t = akm >> 8, akm & 0xff
    if oui == 0x0050f2:
        return {"psk"} if t == 2 else {"full-8021x", "pmksa-cache"}
    ft = {"ft-over-air", "ft-over-ds"}
    table = {2: {"psk"}, 6: {"psk"}, 20: {"psk"}, 4: {"psk"} | ft,
             19: {"psk"} | ft, 8: {"sae"}, 24: {"sae"}, 9: {"sae"} | ft,
             25: {"sae"} | ft, 18: {"owe"}, 14: {"fils"}, 15: {"fils"},
             16: {"fils"} | ft, 17: {"fils"} | ft,
             1: {"full-8021x", "pmksa-cache"},
             5: {"full-8021x", "pmksa-cache"},
             11: {"full-8021x", "pmksa-cache"},
             12: {"full-8021x", "pmksa-cache"},
             23: {"full-8021x", "pmksa-cache"},
             3: {"full-8021x", "pmksa-cache"} | ft,
             13: {"full-8021x", "pmksa-cache"} | ft,
             22: {"full-8021x", "pmksa-cache"} | ft}
    return table.get(t, set())


class Method(Base):
    def test_method_follows_the_clients_akm(self):
        self.need_tshark()
        checked = 0
        for path in captures():
            rows = tshark(path, REQ, REQ_FIELDS)
            if not rows:
                continue
            doc = report(path)
            last = {}
            for row in rows:
                n = int(row[0])
                akm = row[1] or (row[2] if len(row) > 2 else "")
                for r in record_of(doc, n):
                    last[id(r)] = (r, int(akm, 0) if akm else None)
            for r, akm in last.values():
                with self.subTest(file=os.path.relpath(path, DATA),
                                  client=r["client"], start=r["start"]):
                    self.assertIn(r["method"], allowed_methods(akm))
                    checked += 1
        self.assertGreater(checked, 100)

    def test_owe_and_wpa1(self):
        doc = report(os.path.join(PUB, "wireshark", "owe.pcapng"))
        self.assertEqual([r["method"] for r in records(doc)], ["owe"])
        doc = report(os.path.join(PUB, "wireshark", "wpa1-gtk-rekey.pcapng"))
        self.assertEqual([r["method"] for r in records(doc)], ["psk"])


class Gap(Base):
    def test_idle_client_has_no_gap(self):
        # wpa2-ft-psk: tshark's last unicast data via the old AP is far
        # more than 2 s before the FT authentication request: gap is null
        self.need_tshark()
        path = os.path.join(PUB, "wireshark", "wpa2-ft-psk.pcapng")
        doc = report(path)
        self.assertEqual(len(doc["roams"]), 1)
        r = doc["roams"][0]
        old, sta = r["from"], r["client"]
        data = tshark(path, "wlan.fc.type == 2 && !(wlan.fc.subtype & 4) && "
                      "wlan.bssid == %s && (wlan.sa == %s || wlan.da == %s) "
                      "&& !(wlan.da[0:1] & 01)" % (old, sta, sta),
                      ["frame.time_epoch"])
        ftreq = tshark(path, "wlan.fixed.auth.alg == 2 && wlan.sa == %s"
                       % sta, ["frame.time_epoch"])
        self.assertTrue(data and ftreq)
        last = max(float(x[0]) for x in data
                   if float(x[0]) < float(ftreq[0][0]))
        self.assertGreater(float(ftreq[0][0]) - last, 2.0)
        self.assertIsNone(r["gap_ms"])
        self.assertEqual(r["result"], "ok")


class KV(Base):
    def test_htc_asks_for_a_neighbor_report_without_11k(self):
        # tshark: the client's association request has no RM Enabled
        # Capabilities (70); it sends a Neighbor Report Request (5/4); the
        # AP, which advertises neighbor reports, answers (5/5)
        self.need_tshark()
        sta = "90:e7:c4:00:00:00"
        tags = tshark(HTC, "wlan.fc.type_subtype == 0 && wlan.sa == %s" % sta,
                      ["frame.number"])
        self.assertEqual(len(tags), 1)
        has70 = tshark(HTC, "wlan.fc.type_subtype == 0 && wlan.sa == %s && "
                       "wlan.tag.number == 70" % sta, ["frame.number"])
        self.assertEqual(has70, [])
        req = tshark(HTC, "wlan.fixed.category_code == 5 && "
                     "wlan.fixed.action_code == 4 && wlan.sa == %s" % sta,
                     ["frame.number"])
        resp = tshark(HTC, "wlan.fixed.category_code == 5 && "
                      "wlan.fixed.action_code == 5 && wlan.da == %s" % sta,
                      ["frame.number"])
        self.assertEqual(len(req), 1)
        self.assertTrue(resp)
        doc = report(HTC)
        f = [x for x in doc["findings"] if x["code"] == "nr-unadvertised"]
        self.assertEqual(len(f), 1)
        self.assertIn("client %s sent a Neighbor Report Request" % sta,
                      f[0]["text"])
        self.assertNotIn("sent a Neighbor Report to", f[0]["text"])

    def test_samsung_s8_btm_rejects_name_the_status(self):
        self.need_tshark()
        paths = sorted(glob.glob(os.path.join(PUB, "wifi_taxonomy",
                                              "Samsung_Galaxy_S8_*.pcap")))
        self.assertGreaterEqual(len(paths), 4)
        for path in paths:
            with self.subTest(file=os.path.basename(path)):
                rows = tshark(path, "wlan.fixed.category_code == 10 && "
                              "wlan.fixed.action_code == 8",
                              ["wlan.sa", "wlan.fixed.bss_transition_"
                               "status_code"])
                st = set((x[0], int(x[1])) for x in rows)
                self.assertEqual(len(st), 1)
                sta, code = st.pop()
                self.assertNotEqual(code, 0)
                doc = report(path)
                f = [x for x in doc["findings"] if x["code"] == "btm-reject"]
                self.assertEqual(len(f), 1)
                self.assertIn("client %s rejected" % sta, f[0]["text"])
                self.assertIn("status %d (Reject: " % code, f[0]["text"])


class Retries(Base):
    def test_retransmissions_are_not_attempts(self):
        # pmkid-not-recognized: a client tries again and again, refused
        # (status 31) each time.  tshark's association requests of one
        # sequence number (retransmissions) share a record; a refused try
        # and the next request are one record (the aftermath of a failure
        # stays in its attempt), whose attempts count the tries; the loop
        # is named
        self.need_tshark()
        sta = "24:df:a7:95:54:e6"
        rows = tshark(PMKID, REQ + " && wlan.sa == %s" % sta,
                      ["frame.number", "wlan.seq", "frame.time_epoch"])
        resp = dict((int(x[0]), int(x[1], 0)) for x in tshark(
            PMKID, "(wlan.fc.type_subtype == 1 || wlan.fc.type_subtype == 3)"
            " && wlan.da == %s" % sta, ["frame.number",
                                        "wlan.fixed.status_code"]))
        self.assertGreater(len(rows), 50)
        self.assertTrue(resp and all(v == 31 for v in resp.values()))
        doc = report(PMKID)
        rec_of_seq = {}
        for n, seq, t in rows:
            recs = record_of(doc, int(n))
            if not recs:
                continue    # left out of a long record's frame list
            key = (int(seq), round(float(t)))
            rec_of_seq.setdefault(key, set()).add(recs[0]["id"])
        for key, ids in rec_of_seq.items():
            self.assertEqual(len(ids), 1, key)
        joins = [r for r in doc["joins"] if r["client"] == sta]
        self.assertTrue(joins)
        reqs = set(int(x[0]) for x in rows)
        for r in joins:
            with self.subTest(start=r["start"]):
                # a request after a refusal in the same record: a new try
                fr = sorted(r["frames"])
                again = [n for n in fr if n in reqs and
                         any(m in resp for m in fr if m < n)]
                if again:
                    self.assertGreaterEqual(r["attempts"], 2)
                self.assertEqual(r["result"], "failed")
        self.assertGreater(max(r["attempts"] for r in joins), 3)
        self.assertIn("retry-loop", [d["code"] for r in joins
                                     for d in r["diagnoses"]])

    def test_retry_bit_counted(self):
        # Wireshark_802_11.pcap: association requests with the retry bit
        # and the sequence number of the first (tshark) are retries of it;
        # a record's tries each start with a first transmission
        self.need_tshark()
        path = os.path.join(PUB, "Computer-Networking-A-Top-Down-Approach-"
                            "NOTES", "Wireshark_802_11.pcap")
        rows = tshark(path, REQ, ["frame.number", "wlan.seq",
                                  "wlan.fc.retry", "wlan.sa"])
        doc = report(path)
        for r in records(doc):
            mine = [x for x in rows if int(x[0]) in r["frames"]]
            first = set(x[1] for x in mine if x[2] in ("0", "False"))
            again = [x for x in mine if x[2] not in ("0", "False")
                     and x[1] in first]
            with self.subTest(start=r["start"]):
                self.assertLessEqual(len(first), r["attempts"])
                ph = [p for p in r["phases"] if p["phase"] in ("assoc",
                                                              "reassoc")]
                self.assertGreaterEqual(sum(p["retries"] for p in ph),
                                        len(again))


# every frame of a capture as tshark reads it, for the RSSI checks
FRAME_FIELDS = ["frame.number", "frame.time_epoch", "wlan.fc.type",
                "wlan.fc.type_subtype", "wlan.ta", "wlan.ra", "wlan.fc.ds",
                "radiotap.dbm_antsignal", "radiotap.flags.badfcs"]


def frames_of(path):
    out = []
    for row in tshark(path, "wlan", FRAME_FIELDS):
        row += [""] * (len(FRAME_FIELDS) - len(row))
        n, t, typ, st, ta, ra, ds, sig, bad = row
        if not sig or not typ or not st or bad in ("1", "True") or \
                typ in ("1", "0x1"):
            continue        # no signal, a bad FCS, control frames
        out.append({"n": int(n), "t": float(t), "type": int(typ, 0),
                    "st": int(st, 0), "ta": ta, "ra": ra,
                    "ds": int(ds, 0) if ds else 0,
                    "sig": int(sig.split(",")[0])})
    return out


def sent_by_ap(f, ap, client):
    """A frame the engine takes as the AP's signal: its beacons and probe
    responses, and management or from-the-DS data frames to the client."""
    if f["ta"] != ap:
        return False
    if f["st"] in (0x0008, 0x0005):
        return True
    return f["ra"] == client and (f["type"] == 0 or f["ds"] == 2)


def sent_by_client(f, client):
    return f["ta"] == client and (f["type"] == 0 or f["ds"] == 1)


class Rssi(Base):
    def test_rssi_is_tsharks_radiotap_signal(self):
        # before: the last frame of the old AP before the roam's first
        # frame (within 10 s); after: the first of the new AP after the
        # accepted (re)association response; the client's own the same
        # way.  Each reported value is tshark's radiotap signal of the
        # frame the report names, and that frame is the one these rules
        # pick from tshark's list
        self.need_tshark()
        checked = 0
        for path in captures() + sorted(glob.glob(os.path.join(
                DATA, "lab", "*.pcap"))):
            doc = report(path)
            recs = [r for r in records(doc) if r["rssi_after_frame"] or
                    r["rssi_before_frame"] or r["client_rssi_after_frame"]]
            if not recs:
                continue
            fr = frames_of(path)
            by_n = {f["n"]: f for f in fr}
            resp = dict((int(x[0]), (x[1], x[2], x[3], float(x[4])))
                        for x in tshark(
                path, "(wlan.fc.type_subtype == 1 || wlan.fc.type_subtype "
                "== 3) && wlan.fixed.status_code == 0",
                ["frame.number", "wlan.ta", "wlan.ra", "wlan.seq",
                 "frame.time_epoch"]))
            for r in recs:
                with self.subTest(file=os.path.relpath(path, DATA),
                                  start=r["start"]):
                    cl, to = r["client"], r["to"]
                    # the accepted answers, a repeat of the one before
                    # (its sequence number within 1 s) not counted
                    acc = []
                    for n in r["frames"]:
                        if n not in resp or resp[n][:2] != (to, cl):
                            continue
                        if acc and resp[acc[-1]][2] == resp[n][2] and \
                                resp[n][3] - resp[acc[-1]][3] < 1:
                            continue
                        acc.append(n)
                    if r["rssi_after_frame"]:
                        n = r["rssi_after_frame"]
                        self.assertEqual(by_n[n]["sig"], r["rssi_after_dbm"])
                        self.assertTrue(acc)
                        first = [f["n"] for f in fr if f["n"] > acc[-1] and
                                 sent_by_ap(f, to, cl)]
                        self.assertEqual(first[0], n)
                        checked += 1
                    if r["client_rssi_after_frame"]:
                        n = r["client_rssi_after_frame"]
                        self.assertEqual(by_n[n]["sig"],
                                         r["client_rssi_after_dbm"])
                        first = [f["n"] for f in fr if f["n"] > acc[-1] and
                                 sent_by_client(f, cl)]
                        self.assertEqual(first[0], n)
                        checked += 1
                    if r["rssi_before_frame"]:
                        n = r["rssi_before_frame"]
                        self.assertEqual(by_n[n]["sig"],
                                         r["rssi_before_dbm"])
                        last = [f["n"] for f in fr if f["t"] < r["start"] and
                                sent_by_ap(f, r["from"], cl)]
                        self.assertEqual(last[-1], n)
                        self.assertLessEqual(r["start"] - by_n[n]["t"], 10)
                        self.assertEqual(r["rssi_drop_db"],
                                         r["rssi_before_dbm"] -
                                         r["rssi_after_dbm"]
                                         if r["rssi_after_dbm"] is not None
                                         else None)
                        checked += 1
        self.assertGreater(checked, 30)


class Sae(Base):
    def test_sae_auth_phase_and_time_axis(self):
        # wireshark/wpa3-sae: the authentication phase runs from the
        # client's commit to the AP's confirm (tshark: the four SAE
        # frames), the join ends with M4 and every phase lies within it;
        # the first data, 9.9 s later, is idleness, not the join
        self.need_tshark()
        path = os.path.join(PUB, "wireshark", "wpa3-sae.pcapng")
        sae = tshark(path, "wlan.fixed.auth.alg == 3",
                     ["frame.time_epoch", "wlan.fixed.auth_seq", "wlan.sa"])
        self.assertEqual(len(sae), 4)
        m4 = tshark(path, "wlan_rsna_eapol.keydes.msgnr == 4",
                    ["frame.time_epoch"])
        data = tshark(path, "wlan.fc.type == 2 && !(wlan.fc.subtype & 4) && "
                      "!eapol", ["frame.time_epoch"])
        doc = report(path)
        self.assertEqual(len(doc["joins"]), 1)
        j = doc["joins"][0]
        self.assertEqual(j["method"], "sae")
        self.assertEqual(j["result"], "ok")
        auth = [p for p in j["phases"] if p["phase"] == "auth"]
        self.assertEqual(len(auth), 1)
        t_commit, t_confirm = float(sae[0][0]), float(sae[3][0])
        self.assertAlmostEqual(auth[0]["start"], t_commit, places=5)
        self.assertAlmostEqual(auth[0]["ms"], (t_confirm - t_commit) * 1e3,
                               places=2)
        self.assertAlmostEqual(j["end"], float(m4[0][0]), places=5)
        self.assertAlmostEqual(j["total_ms"], (j["end"] - j["start"]) * 1e3,
                               places=2)
        for p in j["phases"]:
            self.assertLessEqual(p["start"] + (p["ms"] or 0) / 1e3,
                                 j["end"] + 1e-6)
        self.assertNotIn("data", [p["phase"] for p in j["phases"]])
        self.assertGreater(float(data[0][0]) - j["end"], 2)


if __name__ == "__main__":
    unittest.main(verbosity=2)
