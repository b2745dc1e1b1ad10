#!/usr/bin/env python3
"""Wi-Fi 7 joins and roams in roamscope --report, against the client's log.

The truth is wpa_supplicant's log of each run in tests/data/mlo: its own
MLD address ("wlan2: Own MAC address"), each (re)association it tried
("Trying to associate with AP-MLD", then one "MLD: id=L, freq=F,
disabled=0, BSSID" line per link it asked for), and how each ended
("CTRL-EVENT-CONNECTED ... ap_mld_addr=M" or "CTRL-EVENT-ASSOC-REJECT
bssid=M status_code=S"), and the authentication algorithm answered
before it ("SME: Authentication response: ... auth_type=A").

Checked: one client, the STA MLD; every connection of the log is a join
(the first) or a roam between AP MLDs, in order, ok (SAE when the log
authenticated with SAE), from the previous AP MLD, with the links asked for before and after (BSSID and frequency); an
AP MLD lists its links; each refusal of an FT reassociation with status 55
is a roam to that AP MLD with a refused reassociation and the
ft-invalid-fte diagnosis (the MIC of a multi-link FTE when hostapd logged
"FT: Invalid MIC in FTIE"); the roam returned when the log went back to the
AP MLD it came from, and when the log's next connection is a full SAE one
with the same AP MLD, it is the same roam's fallback, with its links; the
authentications the log timed out on toward one AP MLD (on any of its
links) are one failed, unanswered attempt with as many tries, and no other
attempt failed.

Exits 1 on any disagreement, 77 when there is no program to run.
"""

import json
import os
import re
import subprocess
import sys

SKIP = 77
HERE = os.path.dirname(os.path.abspath(__file__))
SRCDIR = os.environ.get('top_srcdir') or os.path.dirname(HERE)
MLO = os.path.join(SRCDIR, 'tests', 'data', 'mlo')

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
    return cond


def wpas_truth(name):
    """Own MLD address and the list of (re)association outcomes."""
    own = None
    conns = []
    cur = None
    auth = None
    with open(os.path.join(MLO, name + '.wpas.log'), errors='replace') as f:
        for line in f:
            m = re.search(r'wlan2: Own MAC address: ([0-9a-f:]{17})', line)
            if m and own is None:
                own = m.group(1)
            m = re.search(r'SME: Authentication response: .*auth_type=(\d+)',
                          line)
            if m:
                auth = int(m.group(1))
            m = re.search(r'Trying to associate with ([0-9a-f:]{17})', line)
            if m:
                cur = {'mld': m.group(1), 'links': set(), 'auth': auth}
                continue
            m = re.search(r'MLD: id=(\d+), freq=(\d+), disabled=0, '
                          r'([0-9a-f:]{17})', line)
            if m and cur is not None:
                cur['links'].add((m.group(3), int(m.group(2))))
                continue
            m = re.search(r'CTRL-EVENT-CONNECTED .*ap_mld_addr=([0-9a-f:]{17})',
                          line)
            if m and cur is not None:
                cur['ok'] = True
                cur['status'] = 0
                check(cur['mld'] == m.group(1), name + ': log order')
                conns.append(cur)
                cur = None
                continue
            m = re.search(r'CTRL-EVENT-ASSOC-REJECT bssid=([0-9a-f:]{17}) '
                          r'status_code=(\d+)', line)
            if m and cur is not None:
                cur['ok'] = False
                cur['status'] = int(m.group(2))
                conns.append(cur)
                cur = None
    return own, conns


def report(rs, name):
    p = subprocess.run([rs, '-r', os.path.join(MLO, name + '.pcap'),
                        '--report=json'], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=60)
    # 3: a roam failed (doc/exit-codes.md), as some do in mlo-ft-sae-55
    if p.returncode not in (0, 3):
        failures.append('%s: exit %d: %s' % (name, p.returncode,
                                              p.stderr.decode()[:200]))
        return None
    return json.loads(p.stdout)


def linkset(links):
    return set((l['bssid'], l['freq']) for l in links)


def attempts(doc):
    return sorted(doc['roams'] + doc['joins'], key=lambda r: r['start'])


def check_timeouts(name, doc):
    """Each run of authentications the client gave up on ("SME:
    Authentication timed out") toward one AP MLD (its BSSIDs' MLD from "BSS:
    Add new id ... MLD ADDR") is one failed attempt to that AP MLD, never
    answered, with as many tries; no other attempt failed."""
    mld_of, target, runs = {}, None, []
    with open(os.path.join(MLO, name + '.wpas.log'), errors='replace') as f:
        for line in f:
            m = re.search(r'BSS: Add new id \d+ BSSID ([0-9a-f:]{17}) .* '
                          r'MLD ADDR ([0-9a-f:]{17})', line)
            if m:
                mld_of[m.group(1)] = m.group(2)
            m = re.search(r'SME: Trying to authenticate with '
                          r'([0-9a-f:]{17})', line)
            if m:
                target = m.group(1)
            if 'SME: Authentication timed out' in line:
                mld = mld_of.get(target)
                if runs and runs[-1][0] == mld:
                    runs[-1][1] += 1
                else:
                    runs.append([mld, 1])
    got = [r for r in attempts(doc) if r['result'] == 'failed']
    check([(r['to'], r['attempts']) for r in got] ==
          [tuple(x) for x in runs], '%s: failed attempts %s, the log\'s '
          'timeouts %s' % (name, [(r['to'], r['attempts']) for r in got],
                           runs))
    for r in got:
        check('no-response' in [d['code'] for d in r['diagnoses']],
              name + ': a timed-out attempt without no-response')


def check_client(name, doc, own):
    macs = [c['mac'] for c in doc['clients']]
    check(macs == [own], '%s: clients %s, the log names one STA MLD %s'
          % (name, macs, own))
    for c in doc['clients']:
        check(c.get('mld') is True, name + ': the client is not a STA MLD')


def check_ap_mlds(name, doc, conns):
    mlds = {m['mld']: linkset(m['links']) for m in doc.get('ap_mlds', [])}
    for c in conns:
        check(c['links'] <= mlds.get(c['mld'], set()),
              '%s: AP MLD %s lists %s, the log %s'
              % (name, c['mld'], mlds.get(c['mld']), c['links']))


def check_roams(name, doc, own, conns):
    """Every connection is ok, a join and then roams between AP MLDs."""
    ok = [c for c in conns if c['ok']]
    check(len(ok) == len(conns) and ok, name + ': the log has refusals')
    got = [r for r in attempts(doc)]
    check(len(got) == len(ok), '%s: %d joins and roams, the log %d'
          % (name, len(got), len(ok)))
    prev = None
    for i, (r, c) in enumerate(zip(got, ok)):
        what = '%s: #%d' % (name, i)
        check(r['client'] == own, what + ': client ' + r['client'])
        check(r['result'] == 'ok', what + ': result ' + r['result'])
        # SAE with MLO: commit and confirm on a link, for the MLD
        if c['auth'] == 3:
            check(r['method'] == 'sae' and [p['phase'] for p in
                  r['phases']][:1] == ['auth'], '%s: SAE in the log, %s %s'
                  % (what, r['method'], [p['phase'] for p in r['phases']]))
        # open authentication on an SAE network: a cached PMKSA reused
        if c['auth'] == 0:
            check(r['method'] == 'pmksa-cache', '%s: PMKSA caching in the '
                  'log (open authentication), %s' % (what, r['method']))
        check(r.get('mlo') is True, what + ': not multi-link')
        check(r['to'] == c['mld'], '%s: to %s, log %s'
              % (what, r['to'], c['mld']))
        check(linkset(r.get('to_links', [])) == c['links'],
              '%s: to_links %s, log %s' % (what, linkset(r.get('to_links', [])),
                                           c['links']))
        check(len(r.get('to_links', [])) == 2, what + ': not both links')
        check(r.get('links_refused') == 0 and r.get('links_lost') == 0,
              what + ': links refused or lost')
        if prev is None:
            check(r in doc['joins'] and r['from'] is None,
                  what + ': the first is not a join')
        else:
            check(r in doc['roams'], what + ': not a roam')
            check(r['from'] == prev['mld'], '%s: from %s, log %s'
                  % (what, r['from'], prev['mld']))
            check(linkset(r.get('from_links', [])) == prev['links'],
                  '%s: from_links %s, log %s'
                  % (what, linkset(r.get('from_links', [])), prev['links']))
        prev = c
    return len(ok)


def mic_failed(name):
    """hostapd of the target AP MLD found the FTE's MIC wrong."""
    n = 0
    for log in ('hostapd1', 'hostapd2'):
        path = os.path.join(MLO, '%s.%s.log' % (name, log))
        if os.path.exists(path):
            with open(path, errors='replace') as f:
                n += sum('FT: Invalid MIC in FTIE' in l for l in f)
    return n > 0


def check_ft55(name, doc, own, conns):
    """Each FT refusal with 55, and what the log did next: back to the
    AP MLD it came from (returned), or a full SAE with the same AP MLD
    (fallback)."""
    rej = [i for i, c in enumerate(conns)
           if not c['ok'] and c['status'] == 55]
    check(len(rej) > 0, name + ': no status 55 in the log')
    nxt = [conns[i + 1] if i + 1 < len(conns) else None for i in rej]
    sae = [c for i, c in zip(rej, nxt) if c is not None and c['ok'] and
           c['auth'] == 3 and c['mld'] == conns[i]['mld']]
    check(len(sae) > 0, name + ': no SAE after the refusals in the log')
    refused = [(r, p) for r in doc['roams'] for p in r['phases']
               if p['phase'] == 'reassoc' and p['status'] == 55]
    check(len(refused) == len(rej), '%s: %d reassociations refused with '
          '55, the log %d' % (name, len(refused), len(rej)))
    for (r, p), i, c in zip(refused, rej, nxt):
        if c is None or not c['ok']:
            want = None
        elif c['mld'] == conns[i]['mld'] and c['auth'] == 3:
            want = 'fallback'
        elif i > 0 and c['mld'] == conns[i - 1]['mld']:
            want = 'returned'
        else:
            want = None
        check(want is not None, '%s: the log after refusal %d' % (name, i))
        check(r['result'] == want, '%s: result %s, the log has %s after it'
              % (name, r['result'], want))
        check(r['to'] == conns[i]['mld'], '%s: refused roam to %s'
              % (name, r['to']))
        mld = [m for m in doc.get('ap_mlds', []) if m['mld'] == r['to']]
        check(any(p['ap'] == l['bssid'] for m in mld for l in m['links']),
              name + ': refused by no link of the roam\'s AP MLD')
        check(r['client'] == own and r.get('mlo'), name + ': not the STA MLD')
        fte = [d['text'] for d in r['diagnoses']
               if d['code'] == 'ft-invalid-fte']
        check(len(fte) == 1, name + ': no ft-invalid-fte diagnosis')
        # hostapd logged why: the MIC (the FTE was whole), and the
        # rejected request asked for the log's links
        if mic_failed(name):
            n = len(conns[i]['links'])
            check(fte and ('%d-link MLO FT' % n) in fte[0] and
                  'the MIC failed' in fte[0],
                  '%s: the diagnosis is not the MLO MIC over %d links: %s'
                  % (name, n, fte))
        if want == 'returned':
            check(r.get('links_refused') == 0, name + ': links refused '
                  'counted on a refused reassociation')
            continue
        # the fallback: after the last refusal, an authentication and an
        # association accepted by a link of the same AP MLD
        last = max(k for k, q in enumerate(r['phases'])
                   if q['status'] == 55)
        after = [q['phase'] for q in r['phases'][last + 1:]
                 if q['status'] == 0]
        check(after[:2] == ['auth', 'assoc'], '%s: after the refusal %s'
              % (name, after))
        check(linkset(r.get('to_links', [])) == c['links'],
              '%s: links %s after the fallback, the log %s'
              % (name, linkset(r.get('to_links', [])), c['links']))
    # every connection of the log: an attempt that ended connected (to
    # its target, or back to the old AP MLD)
    done = [r for r in attempts(doc)
            if r['result'] in ('ok', 'fallback', 'returned')]
    ok = [c for c in conns if c['ok']]
    check(len(done) == len(ok), '%s: %d attempts ended connected, the log '
          'has %d connections' % (name, len(done), len(ok)))
    check(done and done[-1]['to'] == ok[-1]['mld'] and
          linkset(done[-1].get('to_links', [])) == ok[-1]['links'],
          '%s: the last connection is not to %s with %s'
          % (name, ok[-1]['mld'], ok[-1]['links']))
    print('%s: %d FT refusals with 55 as in the log, %d then full SAE'
          % (name, len(rej), len(sae)))


def main():
    rs = os.environ.get('ROAMSCOPE')
    if not rs:
        build = os.environ.get('top_builddir') or os.getcwd()
        rs = os.path.join(build, 'src', 'roamscope')
    if not os.access(rs, os.X_OK):
        print('SKIP: no roamscope')
        return SKIP
    for name in ('mlo-assoc', 'mlo-roam-2g', 'mlo-roam-2g5g',
                 'mlo-ft-sae-55'):
        own, conns = wpas_truth(name)
        doc = report(rs, name)
        if doc is None or not check(own and conns, name + ': no truth'):
            continue
        check_client(name, doc, own)
        check_ap_mlds(name, doc, conns)
        check_timeouts(name, doc)
        if name == 'mlo-ft-sae-55':
            check_ft55(name, doc, own, conns)
        else:
            n = check_roams(name, doc, own, conns)
            print('%s: %d join(s) and roams as in the log' % (name, n))
    for f in failures:
        print('FAIL: ' + f)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
