#!/usr/bin/env python3
"""compare.py RUNDIR SCENARIODIR - the checks of one lab run (used by check.sh).

Prints one line per check: `PASS name`, `FAIL name: why`, `SKIP name: why`
(or `WARN name: why` for roamscope mismatches when LAB_RS_STRICT=0).

Checks:
  lab:NAME:run       qemu and the guest scenario finished, all output files there
  lab:NAME:truth     truth.py (daemon logs) found exactly the joins/roams of
                     SCENARIODIR/expect.json (from, to, method, result, status)
  lab:NAME:pcap:*    the capture holds the frames expect.json names (tshark)
  lab:NAME:btm       BTM response statuses (btm-steer)
  rs:NAME:*          roamscope's report (roamscope.json) against the truth:
                     every truth roam/join found (same client, from, to, start
                     within 2 s) with the same method, result and status; no
                     extra roams. Skipped when roamscope was not in the guest.
  rs:NAME:keys-*     with expect.json "keys": roamscope --keys on hwsim0: the
                     diagnoses the keys prove, the DHCP phases against the
                     server's wired capture
  rs:NAME:tui        tui-*.txt captured and roamscope still running in them
"""
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True   # no __pycache__ in the source tree
import truth as truthmod  # noqa: E402

STRICT = os.environ.get('LAB_RS_STRICT', '1') != '0'
# truth "failed" (target not reached) may be told by roamscope as one of these
FAILED_LIKE = {'failed', 'returned', 'fallback'}


def out(kind, name, why=''):
    print('%s %s%s' % (kind, name, (': ' + why) if why else ''), flush=True)


def rs_out(ok, name, why=''):
    if ok:
        out('PASS', name, why if why and not why.startswith('!') else '')
    else:
        out('FAIL' if STRICT else 'WARN', name, why)


def norm_mac(m):
    return m.lower() if isinstance(m, str) else m


def main(rundir, sdir):
    name = os.path.basename(os.path.abspath(sdir))
    with open(os.path.join(sdir, 'expect.json')) as f:
        exp = json.load(f)

    # ---- the run itself --------------------------------------------------
    try:
        with open(os.path.join(rundir, 'run.json')) as f:
            run = json.load(f)
    except (OSError, ValueError) as e:
        out('FAIL', 'lab:%s:run' % name, 'no run.json (%s)' % e)
        return
    need = ['%s.pcap' % name, 'hostapd1.log', 'hostapd2.log', 'wpas.log', 'console.log',
            'events.log']
    missing = [n for n in need if not os.path.exists(os.path.join(rundir, n))
               or os.path.getsize(os.path.join(rundir, n)) == 0]
    why = []
    if run.get('qemu_rc') != 0:
        why.append('qemu rc %s%s' % (run.get('qemu_rc'), ' (timeout)' if run.get('qemu_rc') == 124 else ''))
    if str(run.get('scenario_rc')) != '0':
        why.append('scenario rc %s (see events.log STEP_FAIL)' % run.get('scenario_rc'))
    if missing:
        why.append('missing ' + ' '.join(missing))
    out('FAIL' if why else 'PASS', 'lab:%s:run' % name,
        '; '.join(why) if why else '')
    if missing and 'wpas.log' in missing:
        return

    # ---- ground truth from the daemons' logs ------------------------------
    pcap = os.path.join(rundir, '%s.pcap' % name)
    tr = truthmod.build([os.path.join(rundir, 'hostapd1.log'), os.path.join(rundir, 'hostapd2.log')],
                        os.path.join(rundir, 'wpas.log'), rundir=rundir,
                        pcap=pcap if os.path.exists(pcap) else None,
                        events=os.path.join(rundir, 'events.log'))
    names = {a['bssid']: a['name'] for a in tr['aps'] if a['bssid']}
    bssid_of = {v: k for k, v in names.items()}

    def t_tuple(r):
        return (names.get(r['from'], r['from']), names.get(r['to'], r['to']),
                r['method'], r['result'], r['status'])

    def e_tuple(r):
        return (r['from'], r['to'], r['method'], r['result'], r['status'])

    why = []
    for kind in ('joins', 'roams'):
        got = [t_tuple(r) for r in tr[kind]]
        want = [e_tuple(r) for r in exp.get(kind, [])]
        if got != want:
            why.append('%s: truth %s != expected %s' % (kind, got, want))
    if 'btm_response_statuses' in exp:
        got = [b['status'] for b in tr['btm'] if b['ev'] == 'btm_response_rx']
        if got != exp['btm_response_statuses']:
            why.append('BTM response statuses %s != %s' % (got, exp['btm_response_statuses']))
    out('FAIL' if why else 'PASS', 'lab:%s:truth' % name,
        '; '.join(why) if why else '')

    # ---- the capture (tshark, when installed) -----------------------------
    for i, pc in enumerate(exp.get('pcap', []), 1):
        cname = 'lab:%s:pcap:%d' % (name, i)
        try:
            p = subprocess.run(['tshark', '-r', pcap, '-Y', pc['filter'], '-T', 'fields',
                                '-e', 'frame.number'], capture_output=True, text=True,
                               timeout=60)
        except FileNotFoundError:
            out('SKIP', cname, 'no tshark')
            continue
        except subprocess.TimeoutExpired:
            out('FAIL', cname, 'tshark timeout')
            continue
        n = len([ln for ln in p.stdout.splitlines() if ln.strip()])
        bad = p.returncode != 0 or n < pc.get('min', 0) or \
            ('max' in pc and n > pc['max'])
        out('FAIL' if bad else 'PASS', cname,
            '%s: %d frames (min %s max %s)%s' % (pc['what'], n, pc.get('min', 0), pc.get('max', '-'),
                                                 (' tshark: ' + p.stderr.strip()[:200]) if p.returncode else '')
            if bad else '')

    # ---- roamscope ---------------------------------------------------------
    rs_bin = run.get('roamscope') or ''
    if 'tui' in exp:
        tui_checks(rundir, name, exp, rs_bin)
        return
    if exp.get('two_runs'):
        if not rs_bin:
            out('SKIP', 'rs:%s:two-runs' % name, 'roamscope not built')
            return
        two_run_checks(rundir, name, tr)
        return
    if 'rec_walk' in exp:
        if not rs_bin:
            out('SKIP', 'rs:%s:rec' % name, 'roamscope not built')
            return
        rec_checks(rundir, name, exp['rec_walk'])
        return
    if 'signal_runs' in exp or 'leftovers' in exp:
        if not rs_bin:
            out('SKIP', 'rs:%s:signals' % name, 'roamscope not built')
            return
        if exp.get('leftovers'):
            leftover_checks(rundir, name)
        if 'signal_runs' in exp:
            signal_checks(rundir, name, exp['signal_runs'])
        return
    if not rs_bin:
        out('SKIP', 'rs:%s:report' % name, 'roamscope not built (no src/roamscope)')
        return
    rep_path = os.path.join(rundir, 'roamscope.json')
    err = ''
    try:
        with open(os.path.join(rundir, 'roamscope.err'), errors='replace') as f:
            err = f.read().strip().replace('\n', ' | ')[:300]
    except OSError:
        pass
    rc = None
    try:
        with open(os.path.join(rundir, 'roamscope.rc')) as f:
            rc = f.read().strip()
    except OSError:
        pass
    try:
        with open(rep_path) as f:
            rep = json.load(f)
        if not isinstance(rep, dict) or not isinstance(rep.get('roams'), list):
            raise ValueError('no "roams" array')
    except (OSError, ValueError) as e:
        rs_out(False, 'rs:%s:report' % name,
               'no valid JSON report (%s); rc=%s stderr: %s' % (e, rc, err or '-'))
        return
    rs_out(True, 'rs:%s:report' % name)
    live_cli_checks(rundir, name)
    # exit status: 3 when a roam failed (--report), else 0
    want_rc = '3' if any(r['result'] != 'ok' and not r['same_bssid'] for r in tr['roams']) else '0'
    rs_out(rc == want_rc, 'rs:%s:exit' % name,
           '' if rc == want_rc else 'exit status %s after SIGINT, expected %s%s' % (
               rc, want_rc, (' stderr: ' + err) if err else ''))

    client = norm_mac(tr['client'])
    # A client refused (e.g. FT status 53) that re-runs FT with its own AP:
    # that is part of the failed roam, not a roam of its own.
    # (truth index of such a return -> the failed roam it belongs to)
    part_of = {}
    for i, t in enumerate(tr['roams']):
        if i and t['same_bssid']:
            p = tr['roams'][i - 1]
            if p['result'] != 'ok' and not p['same_bssid'] and p['from'] == t['to'] \
                    and t['start'] - p['end'] < 10:
                part_of[i] = i - 1
    # A join to the failed roam's target or back to its old AP shortly
    # after (the client was left with no AP): the roam's aftermath too,
    # its fallback or return.  (truth join index -> the failed roam)
    join_part_of = {}
    for i, t in enumerate(tr['joins']):
        for k, p in enumerate(tr['roams']):
            if p['result'] != 'ok' and not p['same_bssid'] and p.get('end') and \
                    t['result'] == 'ok' and t['to'] in (p['to'], p['from']) and \
                    0 <= t['start'] - p['end'] < 10:
                join_part_of[i] = k
    pending_part = []
    failed_rep = {}   # truth index of a failed roam -> the report's roam
    for kind in ('joins', 'roams'):
        if kind == 'joins' and 'joins' not in rep:
            out('SKIP', 'rs:%s:joins' % name, 'report has no "joins"')
            continue
        theirs = [r for r in rep.get(kind, []) if isinstance(r, dict)]
        used = set()
        for i, t in enumerate(tr[kind], 1):
            cname = 'rs:%s:%s%d' % (name, kind[:-1], i)
            label = '%s->%s %s %s' % (names.get(t['from'], t['from']), names.get(t['to'], t['to']),
                                       t['method'], t['result'])
            best = None
            for j, r in enumerate(theirs):
                if j in used:
                    continue
                if norm_mac(r.get('client')) != client or norm_mac(r.get('to')) != t['to']:
                    continue
                if kind == 'roams' and norm_mac(r.get('from')) != t['from']:
                    continue
                st = r.get('start')
                if isinstance(st, (int, float)) and abs(st - t['start']) > 2.0:
                    continue
                best = j
                break
            parts = part_of if kind == 'roams' else join_part_of
            if i - 1 in parts:
                # must not be a record of its own; checked with the failed roam below
                if best is not None:
                    rs_out(False, cname, '%s reported as a %s of its own; it belongs to the '
                           'failed roam before it: %s' % (label, kind[:-1],
                                                           json.dumps(theirs[best])[:200]))
                    used.add(best)
                else:
                    pending_part.append((cname, label, t, parts[i - 1]))
                continue
            if best is None:
                if t['same_bssid']:
                    out('PASS', cname, 'optional %s not reported (same BSS)' % label)
                    continue
                rs_out(False, cname, 'missing %s at %.3f' % (label, t['start']))
                continue
            used.add(best)
            r = theirs[best]
            if kind == 'roams':
                failed_rep[i - 1] = r
            why = []
            if r.get('method') != t['method']:
                why.append('method %s, truth %s' % (r.get('method'), t['method']))
            res = r.get('result')
            if t['result'] == 'ok' and res != 'ok':
                why.append('result %s, truth ok' % res)
            if t['result'] == 'failed' and res not in FAILED_LIKE:
                why.append('result %s, truth failed' % res)
            if r.get('status') != t['status']:
                why.append('status %s, truth %s' % (r.get('status'), t['status']))
            rs_out(not why, cname, ('%s: ' % label + '; '.join(why)) if why else '')
        extra = [r for j, r in enumerate(theirs) if j not in used
                 and (kind == 'joins' or norm_mac(r.get('from')) != norm_mac(r.get('to')))]
        if extra:
            rs_out(False, 'rs:%s:%s-extra' % (name, kind),
                   '%d not in truth: %s' % (len(extra), json.dumps(extra)[:300]))
    _ = bssid_of

    # findings: none of the lab scenarios should raise any (expect.json
    # "rs_findings" lists the codes a scenario must raise, default none)
    got_f = sorted(f.get('code') for f in rep.get('findings', []) if isinstance(f, dict))
    want_f = sorted(exp.get('rs_findings', []))
    rs_out(got_f == want_f, 'rs:%s:findings' % name,
           '' if got_f == want_f else 'findings %s, expected %s: %s' % (
               got_f, want_f, json.dumps(rep.get('findings'))[:300]))

    # live vs air: the same binary on the hwsim0 capture (every channel, no
    # duplicates) must tell the same roams and findings as it did live from
    # its own monitor interfaces; a difference is a live-capture problem
    # (missed frames, frames counted twice across sources, ordering).
    air = None
    if os.path.exists(rs_bin) and os.path.exists(pcap):
        try:
            p = subprocess.run([rs_bin, '-r', pcap, '--report=json'], capture_output=True,
                               text=True, timeout=120)
            air = json.loads(p.stdout)
        except (OSError, ValueError, subprocess.TimeoutExpired) as e:
            out('SKIP', 'rs:%s:live-vs-air' % name, 'offline run failed: %s' % e)
            air = None
        if air is not None:
            why = []
            for k in ('joins', 'roams'):
                a_ = [rkey(r) for r in air.get(k, [])]
                l_ = [rkey(r) for r in rep.get(k, [])]
                if a_ != l_:
                    why.append('%s: air %s live %s' % (k, a_, l_))
            fa = sorted(f.get('code') for f in air.get('findings', []))
            if fa != got_f:
                why.append('findings: air %s live %s' % (fa, got_f))
            rs_out(not why, 'rs:%s:live-vs-air' % name, '; '.join(why)[:600])

    # the return to the old AP after a refusal: in the failed roam. Live frame
    # numbers are roamscope's own merge order, so this is checked on the
    # offline run over hwsim0 (frame numbers = the pcap's, mapped to times
    # with tshark), whose roams live-vs-air found equal to the live ones.
    for cname, label, t, fi in pending_part:
        ft = tr['roams'][fi]
        fr = [r for r in (air or {}).get('roams', []) if norm_mac(r.get('to')) == ft['to']
              and norm_mac(r.get('from')) == ft['from'] and r.get('result') in FAILED_LIKE]
        if fi not in failed_rep or not fr:
            rs_out(False, cname, '%s: no failed roam %s->%s in the report to hold it' % (
                label, names.get(ft['from']), names.get(ft['to'])))
            continue
        times = frame_times(pcap, fr[0].get('frames') or [])
        inside = [x for x in times if t['start'] - 0.5 <= x <= t['end'] + 0.5]
        rs_out(bool(inside), cname, '%s: part of the failed roam (%d of its frames)' % (label, len(inside))
               if inside else '%s: not among the failed roam\'s frames (%s)' % (label, fr[0].get('frames')))

    if 'keys' in exp and os.path.exists(rs_bin) and os.path.exists(pcap):
        keys_checks(rs_bin, pcap, rundir, name, exp['keys'], bssid_of)

    # -w: the file roamscope wrote (every copy from every source, one pcapng
    # interface each, in arrival order) read back tells what it told live
    wfile = os.path.join(rundir, 'roamscope.pcapng')
    if os.path.exists(rs_bin) and os.path.exists(wfile):
        try:
            p = subprocess.run([rs_bin, '-r', wfile, '--report=json', '--sla',
                                os.path.join(HERE, 'tcg.sla')], capture_output=True,
                               text=True, timeout=120)
            wrep = json.loads(p.stdout)
        except (OSError, ValueError, subprocess.TimeoutExpired) as e:
            wrep = None
            rs_out(False, 'rs:%s:live-vs-w' % name, 'replay of roamscope.pcapng failed: %s' % e)
        if wrep is not None:
            why = []
            for k in ('joins', 'roams'):
                a_ = [rkey(r) for r in wrep.get(k, [])]
                l_ = [rkey(r) for r in rep.get(k, [])]
                if a_ != l_:
                    why.append('%s: -w %s live %s' % (k, a_, l_))
            fw = sorted(f.get('code') for f in wrep.get('findings', []))
            if fw != got_f:
                why.append('findings: -w %s live %s' % (fw, got_f))
            bad = [ln for ln in p.stderr.splitlines() if ln.strip() and 'note:' not in ln]
            if bad:
                why.append('stderr: %s' % ' | '.join(bad)[:200])
            rs_out(not why, 'rs:%s:live-vs-w' % name, '; '.join(why)[:600])

    # retries: hwsim has no retransmissions on the air (its ack is simulated),
    # so retries reported by roamscope normally mean frames counted twice
    # (e.g. the same frame heard by two monitor radios), unless the client
    # sent the same request again before any answer (mac80211 tries an
    # authentication or association 3 times). Informational: WARN.
    n_rs = sum(int(r.get('retries') or 0) for k in ('joins', 'roams')
               for r in rep.get(k, []) if isinstance(r, dict))
    if n_rs:
        try:
            p = subprocess.run(['tshark', '-r', pcap, '-Y', 'wlan.fc.retry == 1 && wlan.fc.type == 0',
                                '-T', 'fields', '-e', 'frame.number'],
                               capture_output=True, text=True, timeout=60)
            n_air = len(p.stdout.split())
            n_again = requests_again(pcap, client)
        except (OSError, subprocess.TimeoutExpired):
            n_air = n_again = None
        if n_air == 0 and n_again is not None and n_rs > n_again:
            out('WARN', 'rs:%s:retries' % name,
                'roamscope reports %d retries, hwsim0 has no retransmitted management frame '
                'and %d requests sent again (duplicates across sources?)' % (n_rs, n_again))


def requests_again(pcap, client):
    """What the client's exchanges sent again before an answer (tshark): its
    authentication and (re)association requests to the same AP before that
    AP answered, and the AP's EAPOL-Key message 1 sent again after the
    client's message 2 and before any message 3 (a 4-way that did not take:
    a wrong passphrase)."""
    p = subprocess.run(['tshark', '-r', pcap, '-Y', 'wlan.fc.type_subtype == 0x0000 || '
                        'wlan.fc.type_subtype == 0x0001 || wlan.fc.type_subtype == 0x0002 || '
                        'wlan.fc.type_subtype == 0x0003 || wlan.fc.type_subtype == 0x000b || '
                        'wlan_rsna_eapol.keydes.msgnr',
                        '-T', 'fields', '-e', 'wlan.fc.type_subtype', '-e', 'wlan.sa',
                        '-e', 'wlan.da', '-e', 'wlan.fixed.auth_seq',
                        '-e', 'wlan_rsna_eapol.keydes.msgnr'],
                       capture_output=True, text=True, timeout=60)
    pending, m2, n = set(), set(), 0
    for ln in p.stdout.splitlines():
        f = (ln.split('\t') + ['', '', '', '', ''])[:5]
        st, sa, da, seq, msg = int(f[0], 0), f[1].lower(), f[2].lower(), f[3], f[4]
        if msg:
            if sa == client and msg == '2':
                m2.add(da)
            elif da == client and msg == '1':
                n += sa in m2
                m2.discard(sa)
            elif da == client and msg == '3':
                m2.discard(sa)
        elif sa == client and (st in (0, 2) or (seq and int(seq, 0) == 1)):
            key = (da, 'auth' if st == 11 else 'assoc')
            n += key in pending
            pending.add(key)
        elif da == client:
            pending.discard((sa, 'auth' if st == 11 else 'assoc'))
    return n


def wired_dhcp(path):
    """[(first DISCOVER/REQUEST, ACK)] times of the DHCP server's wired
    capture, by tshark."""
    try:
        p = subprocess.run(['tshark', '-r', path, '-Y', 'dhcp', '-T', 'fields',
                            '-e', 'frame.time_epoch', '-e', 'dhcp.option.dhcp'],
                           capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return None
    ex, start = [], None
    for ln in p.stdout.splitlines():
        f = ln.split('\t')
        if len(f) < 2 or not f[1]:
            continue
        if f[1] in ('1', '3') and start is None:
            start = float(f[0])
        elif f[1] == '5' and start is not None:
            ex.append((start, float(f[0])))
            start = None
    return ex


def keys_checks(rs_bin, pcap, rundir, name, kexp, bssid_of):
    """roamscope --keys on the hwsim0 capture: the diagnoses the keys prove
    (kexp["roams"]: {to, code}), and the DHCP phases against the server's
    wired side (kexp["dhcp"]: how many; air request before, air ACK after
    the wired ones, within kexp["dhcp_slack_ms"])."""
    kf = os.path.join(rundir, 'keys.txt')
    with open(kf, 'w') as f:
        f.write(''.join(k + '\n' for k in kexp['lines']))
    os.chmod(kf, 0o600)
    try:
        p = subprocess.run([rs_bin, '-r', pcap, '--keys', kf, '--report=json'],
                           capture_output=True, text=True, timeout=120)
        rep = json.loads(p.stdout)
    except (OSError, ValueError, subprocess.TimeoutExpired) as e:
        rs_out(False, 'rs:%s:keys' % name, '--keys run failed: %s' % e)
        return
    atts = rep.get('roams', []) + rep.get('joins', [])
    for i, want in enumerate(kexp.get('roams', [])):
        to = bssid_of.get(want['to'], want['to'])
        got = [r for r in atts if norm_mac(r.get('to')) == to]
        codes = [d['code'] for r in got for d in r.get('diagnoses', [])]
        rs_out(want['code'] in codes, 'rs:%s:keys-%d' % (name, i),
               '' if want['code'] in codes else 'no %s toward %s: %s' % (
                   want['code'], want['to'], codes))
    if 'dhcp' in kexp:
        slack = kexp.get('dhcp_slack_ms', 50) / 1e3
        ph = sorted((x['start'], x['ms']) for r in atts for x in r.get('phases', [])
                    if x.get('phase') == 'dhcp' and x.get('decrypted'))
        wired = wired_dhcp(os.path.join(rundir, 'dhcp-srv.pcap'))
        if wired is None:
            out('SKIP', 'rs:%s:keys-dhcp' % name, 'no tshark')
            return
        why = []
        if len(ph) != kexp['dhcp'] or len(wired) != kexp['dhcp']:
            why.append('%d decrypted dhcp phases, %d wired exchanges, expected %d' % (
                len(ph), len(wired), kexp['dhcp']))
        for (st, ms), (wq, wa) in zip(ph, wired):
            end = st + (ms or 0) / 1e3
            if ms is None or not (wq - slack <= st <= wq + 0.001 and wa - 0.001 <= end <= wa + slack):
                why.append('air %.6f..%.6f, wire %.6f..%.6f' % (st, end, wq, wa))
        rs_out(not why, 'rs:%s:keys-dhcp' % name, '; '.join(why)[:600])


def rs_ifaces(path):
    """roamscope's monitor interfaces (rsmon*) in an `iw dev` listing."""
    return sorted(re.findall(r'Interface (rsmon\S*)', read_text(path) or ''))


def report_ok(path):
    try:
        with open(path) as f:
            rep = json.load(f)
        return isinstance(rep, dict) and isinstance(rep.get('roams'), list)
    except (OSError, ValueError):
        return False


def signal_checks(rundir, name, n):
    """Every signalled run printed a valid JSON report, exited as a normal
    end (0, or 3 when a roam failed) and left no interface behind."""
    d = os.path.join(rundir, 'sig')
    bad = []
    for k in range(1, n + 1):
        rc = (read_text(os.path.join(d, '%d.rc' % k)) or '').strip()
        at = (read_text(os.path.join(d, '%d.at' % k)) or '').strip()
        why = []
        if rc not in ('0', '3'):
            why.append('exit %s' % (rc or 'missing'))
        if not report_ok(os.path.join(d, '%d.json' % k)):
            why.append('no valid report')
        left = rs_ifaces(os.path.join(d, '%d.iw' % k))
        if left:
            why.append('left ' + ' '.join(left))
        if why:
            err = (read_text(os.path.join(d, '%d.err' % k)) or '').strip().replace('\n', ' | ')[:160]
            bad.append('run %d (%s ms): %s%s' % (k, at or '?', ', '.join(why),
                                                 (' stderr: ' + err) if err else ''))
    rs_out(not bad, 'rs:%s:signals' % name,
           '%d of %d runs: %s' % (len(bad), n, '; '.join(bad)[:1500]) if bad else
           '%d runs, each a report and a normal exit' % n)


def leftover_checks(rundir, name):
    """A SIGKILLed run leaves its interfaces; the next one removes them, says
    so, runs with one interface per radio and leaves none behind."""
    d = os.path.join(rundir, 'leftover')
    killed = rs_ifaces(os.path.join(d, 'iw-killed'))
    running = rs_ifaces(os.path.join(d, 'iw-running'))
    after = rs_ifaces(os.path.join(d, 'iw-after'))
    err = read_text(os.path.join(d, '2.err')) or ''
    rc = (read_text(os.path.join(d, '2.rc')) or '').strip()
    why = []
    if len(killed) != 2:
        why.append('after SIGKILL %s left (expected 2)' % (killed or 'none'))
    if len(running) != 2:
        why.append('second run has %s (expected 2)' % running)
    if after:
        why.append('left after the second run: %s' % after)
    if not all(i in err for i in killed) or 'leftover' not in err.lower():
        why.append('second run did not say it removed %s: %s' % (
            killed, err.strip().replace('\n', ' | ')[:200]))
    if rc not in ('0', '3') or not report_ok(os.path.join(d, '2.json')):
        why.append('second run: exit %s, report %s' % (
            rc, 'ok' if report_ok(os.path.join(d, '2.json')) else 'missing'))
    rs_out(not why, 'rs:%s:leftovers' % name, '; '.join(why))


def two_run_checks(rundir, name, tr):
    """Two runs on the same radios: the second leaves the first's monitor
    interfaces (named with the first's pid) alone, each takes only its own
    away, and both report the last roam, made while both ran."""
    d = os.path.join(rundir, 'two')
    pid = {k: (read_text(os.path.join(d, k + '.pid')) or '').strip() for k in 'ab'}
    alone = rs_ifaces(os.path.join(d, 'iw-a'))
    both = rs_ifaces(os.path.join(d, 'iw-both'))
    a_left = rs_ifaces(os.path.join(d, 'iw-a-after-b'))
    after = rs_ifaces(os.path.join(d, 'iw-after'))
    why = []
    if len(alone) != 2 or not all(i.endswith('-' + pid['a']) for i in alone):
        why.append('run A (pid %s) alone: %s, expected 2 named ...-%s' % (pid['a'], alone, pid['a']))
    if len(both) != 4 or not set(alone) <= set(both):
        why.append('with B running: %s, expected A\'s %s and 2 of B\'s' % (both, alone))
    mine_b = sorted(set(both) - set(alone))
    if not all(i.endswith('-' + pid['b']) for i in mine_b):
        why.append('run B (pid %s) made %s' % (pid['b'], mine_b))
    if a_left != alone:
        why.append('after B stopped: %s, expected A\'s %s' % (a_left, alone))
    if after:
        why.append('left after both: %s' % after)
    berr = read_text(os.path.join(d, 'b.err')) or ''
    if 'leftover' in berr.lower():
        why.append('B removed a live run\'s interface: %s' % berr.strip()[:200])
    aerr = read_text(os.path.join(d, 'a.err')) or ''
    if 'went away' in aerr:
        why.append('A lost its interfaces: %s' % aerr.strip()[:200])
    client = norm_mac(tr['client'])
    # the last roam: the runs saw where the client was before it
    want = [t for t in tr['roams'] if not t['same_bssid']][-1:]
    if not want:
        why.append('no roam in the truth')
    for k in 'ab':
        rc = (read_text(os.path.join(d, k + '.rc')) or '').strip()
        if rc not in ('0', '3'):
            why.append('run %s exit %s' % (k.upper(), rc or 'missing'))
        try:
            with open(os.path.join(d, k + '.json')) as f:
                rep = json.load(f)
            got = [r for r in rep.get('roams', []) if isinstance(r, dict)]
        except (OSError, ValueError) as e:
            why.append('run %s: no valid report (%s)' % (k.upper(), e))
            continue
        for t in want:
            if not any(norm_mac(r.get('client')) == client and norm_mac(r.get('from')) == t['from']
                       and norm_mac(r.get('to')) == t['to'] and r.get('result') == t['result']
                       and isinstance(r.get('start'), (int, float))
                       and abs(r['start'] - t['start']) <= 2.0 for r in got):
                why.append('run %s did not report %s->%s %s at %.3f' % (
                    k.upper(), t['from'], t['to'], t['result'], t['start']))
    rs_out(not why, 'rs:%s:two-runs' % name, '; '.join(why)[:1500])


def rec_checks(rundir, name, want):
    """A live run without -w recorded on its own: the failed roam's pcapng,
    written while it still ran, read back with tshark (each frame naming
    its original, the client's FT authentication to AP2 and both APs'
    beacons in it), and the ring of files held to its count and size."""
    d = os.path.join(rundir, 'state', 'roamscope')
    rc = (read_text(os.path.join(rundir, 'rec.rc')) or '').strip()
    err = read_text(os.path.join(rundir, 'rec.err')) or ''
    live = read_text(os.path.join(rundir, 'rec-ls-live.txt')) or ''
    client = want['client'].replace(':', '')
    why = []
    if rc not in ('0', '3') or not report_ok(os.path.join(rundir, 'rec.json')):
        why.append('exit %s, report %s' % (rc or 'missing', 'ok' if report_ok(
            os.path.join(rundir, 'rec.json')) else 'missing'))
    try:
        files = sorted(os.listdir(d))
    except OSError as e:
        files = []
        why.append('no %s (%s)' % (d, e))
    # the roam AP2 refused with its status (other failures may have files too)
    failed = [f for f in files if f.startswith('failed-') and client in f and
              f.endswith('-status%d.pcapng' % want['status'])]
    if len(failed) != 1:
        why.append('status %d roam files: %s of %s' % (want['status'], failed, files))
    elif failed[0] not in live:
        why.append('%s not written while the run went on (rec-ls-live: %s)' % (
            failed[0], live.strip().replace('\n', ' | ')[:200]))
    elif 'saved: ' not in err:
        why.append('stderr does not say where: %s' % err.strip()[:200])
    for f in failed[:1]:
        try:
            p = subprocess.run(['tshark', '-r', os.path.join(d, f), '-T', 'fields', '-e',
                                'frame.comment', '-e', 'wlan.fc.type_subtype', '-e', 'wlan.ta',
                                '-e', 'wlan.ra', '-e', 'wlan.fixed.auth.alg'],
                               capture_output=True, text=True, timeout=60)
            rows = [ln.split('\t') for ln in p.stdout.splitlines()]
        except (OSError, subprocess.TimeoutExpired) as e:
            rows, p = [], None
            why.append('tshark: %s' % e)
        if p is not None and p.returncode != 0:
            why.append('tshark cannot read %s: %s' % (f, p.stderr.strip()[:200]))
        if not rows or any(not r[0].startswith('frame ') for r in rows):
            why.append('%s: a frame without its original number' % f)
        beacons = {r[2] for r in rows if len(r) > 2 and r[1] and int(r[1], 0) == 8}
        if not {'02:00:00:00:00:00', '02:00:00:00:01:00'} <= beacons:
            why.append('%s: beacons of %s' % (f, sorted(beacons)))
        ft = [r for r in rows if len(r) > 4 and r[1] and int(r[1], 0) == 11 and r[4] == '2'
              and r[2] == want['client'] and r[3] == '02:00:00:00:01:00']
        if not ft:
            why.append('%s: no FT authentication from the client to AP2' % f)
    ring = [f for f in files if f.startswith('ring-')]
    big = [f for f in ring if os.path.getsize(os.path.join(d, f)) > want['file_kb'] * 1024]
    m = re.search(r'recorded (\d+) ring files? in .*, the newest (\d+) kept', err)
    if len(ring) != want['files'] or big:
        why.append('ring: %d files (want %d), over %d kB: %s' % (len(ring), want['files'],
                                                              want['file_kb'], big))
    if not m or int(m.group(1)) <= want['files'] or int(m.group(2)) != want['files']:
        why.append('the bound was not exercised: %s' % (m.group(0) if m else err.strip()[:200]))
    for f in ring:
        p = subprocess.run(['tshark', '-r', os.path.join(d, f), '-c', '1'],
                           capture_output=True, text=True, timeout=60)
        if p.returncode != 0:
            why.append('tshark cannot read %s' % f)
    rs_out(not why, 'rs:%s:rec' % name, '; '.join(why)[:1500] if why else
           '%s; %s; %d ring files of at most %d kB' % (failed[0] if failed else '-',
                                                      m.group(0) if m else '', len(ring),
                                                      want['file_kb']))


def read_text(path):
    try:
        with open(path, errors='replace') as f:
            return f.read()
    except OSError:
        return None


def live_cli_checks(rundir, name):
    """--list and -i on an interface that is not in monitor mode, in the guest."""
    rc = (read_text(os.path.join(rundir, 'roamscope-list.rc')) or '').strip()
    lst = read_text(os.path.join(rundir, 'roamscope-list.txt')) or ''
    rs_out(rc == '0' and 'phy3' in lst and 'phy4' in lst,
           'rs:%s:list' % name,
           'rc=%s; lists phy3 and phy4' % rc if rc == '0' else
           'rc=%s: %s' % (rc, lst.strip()[:200]))
    rc = (read_text(os.path.join(rundir, 'roamscope-notmon.rc')) or '').strip()
    err = (read_text(os.path.join(rundir, 'roamscope-notmon.err')) or '').strip()
    lines = err.splitlines()
    ok = (rc == '8' and len(lines) == 1 and 'wlan0' in err and
          'not in monitor mode' in err and '-m' in err)
    rs_out(ok, 'rs:%s:not-monitor' % name,
           '' if ok else 'rc=%s stderr=%r' % (rc, err[:300]))


def rkey(r):
    return (r.get('client'), r.get('from'), r.get('to'), r.get('method'),
            r.get('result'), r.get('status'))


def frame_times(pcap, frames):
    """epoch times of these frame numbers of pcap (tshark)"""
    if not frames:
        return []
    try:
        p = subprocess.run(['tshark', '-r', pcap, '-T', 'fields', '-e', 'frame.number',
                            '-e', 'frame.time_epoch'], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return []
    want = set(int(x) for x in frames if isinstance(x, int))
    out_ = []
    for ln in p.stdout.splitlines():
        f = ln.split('\t')
        if len(f) == 2 and f[0].isdigit() and int(f[0]) in want:
            out_.append(float(f[1]))
    return out_


def tui_checks(rundir, name, exp, rs_bin):
    if not rs_bin:
        out('SKIP', 'rs:%s:tui' % name, 'roamscope not built')
        return
    for snap in exp['tui']:
        p = os.path.join(rundir, 'tui-%s.txt' % snap)
        try:
            with open(p, errors='replace') as f:
                txt = f.read()
        except OSError:
            rs_out(False, 'rs:%s:tui-%s' % (name, snap), 'no tui-%s.txt' % snap)
            continue
        if '[roamscope exited' in txt:
            err = ''
            try:
                with open(os.path.join(rundir, 'tui.err'), errors='replace') as f:
                    err = f.read().strip().replace('\n', ' | ')[:200]
            except OSError:
                pass
            rs_out(False, 'rs:%s:tui-%s' % (name, snap), 'roamscope exited: %s %s' % (
                txt.strip().splitlines()[-1] if txt.strip() else '', err))
        elif len(txt.strip()) == 0:
            rs_out(False, 'rs:%s:tui-%s' % (name, snap), 'empty pane')
        else:
            # header "roams N" (the TUI's own format; lenient when absent)
            m = re.search(r'\broams (\d+)', txt)
            want = exp.get('tui_min_roams', {}).get(snap, 0)
            if m and int(m.group(1)) < want:
                rs_out(False, 'rs:%s:tui-%s' % (name, snap),
                       'header shows roams %s, expected >= %d' % (m.group(1), want))
            else:
                rs_out(True, 'rs:%s:tui-%s' % (name, snap))


if __name__ == '__main__':
    if len(sys.argv) != 3:
        sys.stderr.write(__doc__)
        sys.exit(2)
    main(sys.argv[1], sys.argv[2])
