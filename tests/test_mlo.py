#!/usr/bin/env python3
"""The Wi-Fi 7 elements roamscope --frames decodes, against the truth.

The truth, per capture:

* tests/data/mlo/*: the ML-SUMMARY.txt of each run (the Basic Multi-Link
  element of every authentication and (re)association frame, listed by an
  independent small decoder) and the daemons' own logs: hostapd prints each
  AP MLD link's address and MLD address ("MLD: Set link_id=..."), every
  per-STA profile it accepts from a (re)association request ("MLD: assoc:
  link id=..., addr=...") and every link status it answers ("MLD: link:
  status=..."), and the STA MLD address of each message 4/4 (MAC Address
  KDE); wpa_supplicant prints each AP link's BSSID, frequency and MLD
  address ("BSS: Add new id ..."), and the link IDs of each AP MLD ("MLD:
  link=L, bssid=B").
* The Reduced Neighbor Report, which tshark 4.0 does decode: NAME.rnr.tsv
  (made with the tshark command in tests/data/mlo/RNR-ORACLE below).
* public/wlanpi-profiler/*: the capabilities wlanpi-profiler's own
  regression test expects from the Multi-Link element of those real
  devices' association requests (tests/test_wifi7_regression.py upstream:
  Multi-Link element present and Basic, no EML Capabilities, Maximum Number
  Of Simultaneous Links 1, TID-to-link mapping negotiation 1, link
  reconfiguration 0; none from Pixel 8 and Netgear A9000).
* public/lswifi/wifi7unifi.pcapng: a commercial Wi-Fi 7 AP's beacon, whose
  Multi-Link, EHT Capabilities and EHT Operation bytes tshark shows raw
  (ext tag data b0010d942a6f42e477007501402100 etc.).

Exits 1 on any disagreement, 77 when there is no program to run.
"""

import ast
import json
import os
import re
import subprocess
import sys

SKIP = 77
HERE = os.path.dirname(os.path.abspath(__file__))
SRCDIR = os.environ.get('top_srcdir') or os.path.dirname(HERE)
DATA = os.path.join(SRCDIR, 'tests', 'data')
MLO = os.path.join(DATA, 'mlo')
RUNS = ('mlo-assoc', 'mlo-roam-2g', 'mlo-roam-2g5g', 'mlo-ft-sae-55')

# The tshark 4.0.17 command behind NAME.rnr.tsv (LC_ALL=C, empty $HOME).
RNR_ORACLE = (
    "tshark -n -r F -Y wlan.rnr.tbtt_info.info_len -T fields -E header=y "
    "-E separator=/t -E occurrence=a -E aggregator=, -E quote=n "
    "-e frame.number -e wlan.rnr.tbtt_info.operating_class "
    "-e wlan.rnr.tbtt_info.channel_num -e wlan.rnr.tbtt_info.info_count "
    "-e wlan.rnr.tbtt_info.info_len -e wlan.rnr.tbtt_info.tbtt_offset "
    "-e wlan.rnr.tbtt_info.bssid -e wlan.rnr.tbtt_info.sh_ssid "
    "-e wlan.rnr.tbtt_info.bss_parameters -e wlan.rnr.tbt_info.psd_subfield "
    "-e wlan.rnr.tbtt_info.mld_parameters.mld_id "
    "-e wlan.rnr.tbtt_info.mld_parameters.link_id "
    "-e wlan.rnr.tbtt_info.mld_parameters.bss_params_change_count")

failures = []
checked = {}


def check(what, cond, detail):
    checked[what] = checked.get(what, 0) + 1
    if not cond:
        failures.append('%s: %s' % (what, detail))


def program():
    rs = os.environ.get('ROAMSCOPE')
    if rs and os.access(rs, os.X_OK):
        return [rs, '--frames=all', '-r']
    return None


def frames(cmd, path):
    out = subprocess.run(cmd + [path], capture_output=True,
                         timeout=300).stdout
    return [json.loads(raw) for raw in out.splitlines()]


def by_n(lines):
    return {d['n']: d for d in lines}


# ---- ML-SUMMARY.txt ---------------------------------------------------------

SUMMARY_LINE = re.compile(r'^\s*(\d+)\s+\S+\s+\d+\s+(\S+)\s+.*\|\s*(\{.*\})\s*$')


def summary(path):
    rows = {}
    with open(path) as f:
        for line in f:
            m = SUMMARY_LINE.match(line)
            if m:
                rows[int(m.group(1))] = (m.group(2),
                                         ast.literal_eval(m.group(3)))
    return rows


def check_summary(run, ours):
    rows = summary(os.path.join(MLO, run + '.ML-SUMMARY.txt'))
    check('summary rows', len(rows) > 0, '%s: no rows' % run)
    kinds = ('auth', 'assoc_req', 'assoc_resp', 'reassoc_req',
             'reassoc_resp')
    with_ml = [d['n'] for d in ours.values()
               if d.get('type') in kinds and 'ml' in d]
    check('summary frame set', sorted(with_ml) == sorted(rows),
          '%s: ML in frames %s, summary lists %s' %
          (run, sorted(set(with_ml) ^ set(rows)), ''))
    for n, (_, want) in sorted(rows.items()):
        ml = ours.get(n, {}).get('ml')
        where = '%s frame %d' % (run, n)
        if ml is None:
            check('summary ml', False, where + ': no ml')
            continue
        check('summary type', ml.get('type_name') == want['type'],
              '%s: type %s, want %s' % (where, ml.get('type_name'),
                                       want['type']))
        check('summary control', ml.get('control') ==
              int(want['control'], 16), '%s: control %s, want %s' %
              (where, ml.get('control'), want['control']))
        check('summary mld_addr', ml.get('mld_addr') == want['mld_addr'],
              '%s: MLD %s, want %s' % (where, ml.get('mld_addr'),
                                       want['mld_addr']))
        for key, ours_key, conv in (
                ('link_id', 'link_id', int),
                ('bss_param_chg', 'bss_params_change_count', int),
                ('eml_capa', 'eml_capa', lambda v: int(v, 16)),
                ('mld_capa', 'mld_capa', lambda v: int(v, 16))):
            check('summary ' + ours_key, ml.get(ours_key) ==
                  (conv(want[key]) if key in want else None),
                  '%s: %s %s, want %s' % (where, ours_key,
                                          ml.get(ours_key), want.get(key)))
        profs = ml.get('profiles', [])
        check('summary profiles', len(profs) == len(want['per_sta_profiles']),
              '%s: %d profiles, want %d' % (where, len(profs),
                                            len(want['per_sta_profiles'])))
        for p, w in zip(profs, want['per_sta_profiles']):
            check('summary profile link_id', p.get('link_id') ==
                  w['link_id'], '%s: link %s, want %s' %
                  (where, p.get('link_id'), w['link_id']))
            check('summary profile complete', p.get('complete') ==
                  w['complete'], '%s: complete %s' % (where,
                                                      p.get('complete')))
            check('summary profile sta_mac', p.get('sta_mac') ==
                  w['sta_mac'], '%s: STA %s, want %s' %
                  (where, p.get('sta_mac'), w['sta_mac']))


# ---- the daemons' logs ------------------------------------------------------

SET_LINK = re.compile(r'MLD: Set link_id=(\d+), mld_addr=(\S+), '
                      r'own_addr=(\S+)')
ASSOC_LINK = re.compile(r'MLD: assoc: link id=(\d+), addr=(\S+)')
LINK_STATUS = re.compile(r'MLD: link: status=(\d+)')
M4_MLD = re.compile(r'MLD: MLD address in EAPOL-Key msg 4/4: (\S+)')
BSS_ADD = re.compile(r'^\S+ wlan\d+: BSS: Add new id \d+ BSSID (\S+) '
                     r'SSID .* freq (\d+) MLD ADDR (\S+)')
WPAS_LINK = re.compile(r'MLD: link=(\d+), bssid=(\S+)')
ASSOC_REJECT = re.compile(r'CTRL-EVENT-ASSOC-REJECT bssid=(\S+) '
                          r'status_code=(\d+)')


def grep(path, rx):
    with open(path, errors='replace') as f:
        return [m.groups() for m in map(rx.search, f) if m]


def first_sent(lines, pred):
    """Frames matching pred, retransmissions (retry bit, same sequence
    number and addresses as the frame before) left out: a daemon handles
    a frame once."""
    out, last = [], None
    for d in lines:
        if not pred(d):
            continue
        key = (d.get('sa'), d.get('da'), d.get('seq'))
        if d.get('retry') and key == last:
            continue
        last = key
        out.append(d)
    return out


def check_logs(run, lines):
    hostapd = sorted(f for f in os.listdir(MLO)
                     if f.startswith(run + '.hostapd') and f.endswith('.log'))
    link_of = {}
    for log in hostapd:
        path = os.path.join(MLO, log)
        links = grep(path, SET_LINK)
        check('hostapd links', len(links) >= 2, '%s: %s' % (log, links))
        bssids = set()
        for link, mld, own in links:
            link_of[own] = (int(link), mld)
            bssids.add(own)
            beacons = [d for d in lines if d.get('type') == 'beacon' and
                       d.get('bssid') == own]
            check('beacons of a link', len(beacons) > 0, '%s %s' % (log, own))
            for d in beacons:
                ml = d.get('ml', {})
                check('beacon mld_addr', ml.get('mld_addr') == mld,
                      '%s frame %d: %s, hostapd %s' %
                      (run, d['n'], ml.get('mld_addr'), mld))
                check('beacon link_id', ml.get('link_id') == int(link),
                      '%s frame %d: %s, hostapd %s' %
                      (run, d['n'], ml.get('link_id'), link))
        # Per-STA profiles of the (re)association requests it accepted,
        # in order, and the link statuses it answered.
        reqs = first_sent(lines, lambda d: d.get('type') in
                          ('assoc_req', 'reassoc_req') and
                          d.get('da') in bssids and 'ml' in d)
        got = [(p['link_id'], p.get('sta_mac')) for d in reqs
               for p in d['ml'].get('profiles', [])]
        want = [(int(l), a) for l, a in grep(path, ASSOC_LINK)]
        check('hostapd per-STA profiles', got == want,
              '%s: ours %s, hostapd %s' % (log, got, want))
        resps = first_sent(lines, lambda d: d.get('type') in
                           ('assoc_resp', 'reassoc_resp') and
                           d.get('sa') in bssids and 'ml' in d and
                           d.get('status') == 0)
        got = [p.get('status') for d in resps
               for p in d['ml'].get('profiles', [])]
        want = [int(s) for (s,) in grep(path, LINK_STATUS)]
        check('hostapd link statuses', got == want,
              '%s: ours %s, hostapd %s' % (log, got, want))
        m4 = [d for d in lines if d.get('eapol_msg') == 4 and
              d.get('da') in [m for _, m, _ in links]]
        got = [d.get('mac_kde') for d in first_sent(m4, lambda d: True)]
        want = [a for (a,) in grep(path, M4_MLD)]
        check('message 4 STA MLD', got == want,
              '%s: ours %s, hostapd %s' % (log, got, want))

    # Every (re)association response names its own link and the other's.
    for d in lines:
        if d.get('type') not in ('assoc_resp', 'reassoc_resp') or \
                'ml' not in d or d.get('sa') not in link_of:
            continue
        link, mld = link_of[d['sa']]
        ml = d['ml']
        check('response mld_addr', ml.get('mld_addr') == mld,
              '%s frame %d' % (run, d['n']))
        check('response link_id', ml.get('link_id') == link,
              '%s frame %d: %s, hostapd %s' % (run, d['n'],
                                               ml.get('link_id'), link))
        for p in ml.get('profiles', []):
            other = [b for b, (l, m) in link_of.items()
                     if m == mld and l == p['link_id']]
            check('response profile link BSSID', [p.get('sta_mac')] ==
                  other, '%s frame %d: link %d %s, hostapd %s' %
                  (run, d['n'], p['link_id'], p.get('sta_mac'), other))

    wpas = os.path.join(MLO, run + '.wpas.log')
    bss = {b: (int(f), m) for b, f, m in grep(wpas, BSS_ADD)}
    check('wpa_supplicant BSSs', len(bss) >= 2, '%s: %s' % (run, bss))
    for b, (freq, mld) in bss.items():
        for d in lines:
            if d.get('type') == 'beacon' and d.get('bssid') == b:
                check('beacon freq and MLD (wpa_supplicant)',
                      d.get('freq') == freq and
                      d.get('ml', {}).get('mld_addr') == mld,
                      '%s frame %d' % (run, d['n']))
    # Link IDs of each AP MLD's BSSIDs, as wpa_supplicant resolved them
    # (from the RNR): the RNR of every beacon agrees.
    wlink = {b: int(l) for l, b in grep(wpas, WPAS_LINK)}
    check('wpa_supplicant links', len(wlink) >= 2, run)
    for d in lines:
        for r in d.get('rnr', []) if d.get('type') == 'beacon' else []:
            if r.get('bssid') in wlink:
                check('RNR link_id (wpa_supplicant)', r.get('link_id') ==
                      wlink[r['bssid']], '%s frame %d: %s link %s' %
                      (run, d['n'], r['bssid'], r.get('link_id')))
    for b, status in grep(wpas, ASSOC_REJECT):
        rej = [d for d in lines if d.get('type') in ('assoc_resp',
               'reassoc_resp') and d.get('status') == int(status) and
               d.get('ml', {}).get('mld_addr') == b]
        check('rejected (re)association', len(rej) >= 1,
              '%s: status %s from %s' % (run, status, b))


# ---- the RNR against tshark -------------------------------------------------

def hx(v):
    return int(v, 16) if v.startswith('0x') else int(v)


def check_rnr(name, ours):
    tsv = os.path.join(DATA, name + '.rnr.tsv')
    with open(tsv) as f:
        head = f.readline().rstrip('\n').split('\t')
        rows = [dict(zip(head, l.rstrip('\n').split('\t'))) for l in f]
    check('rnr rows', len(rows) > 0, name)
    fields = (('wlan.rnr.tbtt_info.tbtt_offset', 'tbtt_offset', int),
              ('wlan.rnr.tbtt_info.bssid', 'bssid',
               lambda v: ':'.join(v[i:i + 2] for i in range(0, 12, 2))),
              ('wlan.rnr.tbtt_info.sh_ssid', 'short_ssid', hx),
              ('wlan.rnr.tbtt_info.bss_parameters', 'bss_params', hx),
              ('wlan.rnr.tbt_info.psd_subfield', 'psd', int),
              ('wlan.rnr.tbtt_info.mld_parameters.mld_id', 'mld_id', hx),
              ('wlan.rnr.tbtt_info.mld_parameters.link_id', 'link_id', hx),
              ('wlan.rnr.tbtt_info.mld_parameters.bss_params_change_count',
               'bss_params_change_count', hx))
    for row in rows:
        n = int(row['frame.number'])
        rnr = ours.get(n, {}).get('rnr', [])
        count = sum(int(c) + 1 for c in
                    row['wlan.rnr.tbtt_info.info_count'].split(','))
        check('rnr count', len(rnr) == count, '%s frame %d: %d, tshark %d'
              % (name, n, len(rnr), count))
        for tkey, okey, conv in fields:
            want = [conv(v) for v in row[tkey].split(',')]
            got = [r.get(okey) for r in rnr]
            check('rnr ' + okey, got == want, '%s frame %d: %s, tshark %s'
                  % (name, n, got, want))
        oc = [int(v) for v in
              row['wlan.rnr.tbtt_info.operating_class'].split(',')]
        check('rnr op_class', sorted(set(r.get('op_class') for r in rnr)) ==
              sorted(set(oc)), '%s frame %d' % (name, n))


# ---- real devices -------------------------------------------------------------

PROFILER = {
    'OnePlus11_Android15': True,
    'Surface_Laptop_7_ARM64_QCA_FC_7800': True,
    'Win11_AMD64_QCA_FC_7800': True,
    'Pixel8_Android16': False,
    'Win11_Netgear_A9000_USB': False,
}


def check_profiler(cmd):
    for dev, has in PROFILER.items():
        path = os.path.join(DATA, 'public', 'wlanpi-profiler',
                            dev + '.pcapng')
        req = [d for d in frames(cmd, path)
               if d.get('type') in ('assoc_req', 'reassoc_req')]
        check('profiler assoc req', len(req) >= 1, dev)
        ml = req[0].get('ml') if req else None
        check('profiler ml present', (ml is not None) == has,
              '%s: ml %s' % (dev, ml))
        if not ml:
            continue
        capa = ml.get('mld_capa', 0)
        check('profiler ml basic', ml.get('type') == 0, dev)
        check('profiler no EML', 'eml_capa' not in ml, dev)
        check('profiler max links', capa & 0x000f == 1,
              '%s: 0x%04x' % (dev, capa))
        check('profiler T2LM', (capa >> 5) & 3 == 1, '%s: 0x%04x' %
              (dev, capa))
        check('profiler link reconfiguration', capa & 0x2000 == 0, dev)
        check('profiler not malformed', 'malformed' not in req[0], dev)


def check_unifi(cmd):
    path = os.path.join(DATA, 'public', 'lswifi', 'wifi7unifi.pcapng')
    lines = frames(cmd, path)
    d = lines[0]
    # tshark's raw ext tag data: ML b0 01 0d 94:2a:6f:42:e4:77 00 75 01 40
    # 21 00; EHT Cap 07 00 e0 1f 1b e0 18 77 80 36 00 44*6; EHT Op 04 11 00
    # 00 00.
    ml = d.get('ml', {})
    check('unifi ml', (ml.get('control'), ml.get('mld_addr'),
                       ml.get('link_id'), ml.get('bss_params_change_count'),
                       ml.get('eml_capa'), ml.get('mld_capa')) ==
          (0x01b0, '94:2a:6f:42:e4:77', 0, 0x75, 0x4001, 0x0021), str(ml))
    cap = d.get('eht_cap', {})
    check('unifi eht_cap', (cap.get('mac_capa'), cap.get('phy_capa'),
                            cap.get('mcs_nss')) ==
          (0x0007, 'e01f1be01877803600', '444444444444'), str(cap))
    op = d.get('eht_op', {})
    check('unifi eht_op', (op.get('params'), op.get('basic_mcs_nss')) ==
          (0x04, 0x00000011) and 'width' not in op, str(op))
    check('unifi not malformed', 'malformed' not in d, str(d.get('malformed')))
    check_rnr('public/lswifi/wifi7unifi.pcapng', by_n(lines))


def main():
    cmd = program()
    if cmd is None:
        print('SKIP: no $ROAMSCOPE')
        return SKIP
    for run in RUNS:
        path = os.path.join(MLO, run + '.pcap')
        lines = frames(cmd, path)
        ours = by_n(lines)
        check_summary(run, ours)
        check_logs(run, lines)
        check_rnr('mlo/' + run + '.pcap', ours)
        check('no malformed', not [d['n'] for d in lines
                                   if 'malformed' in d],
              '%s: %s' % (run, [d['n'] for d in lines
                                if 'malformed' in d][:10]))
    check_profiler(cmd)
    check_unifi(cmd)
    for what, n in sorted(checked.items()):
        print('# %6d  %s' % (n, what))
    for f in failures:
        print('FAIL ' + f)
    print('# summary: %d checks, %d failed' %
          (sum(checked.values()), len(failures)))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
