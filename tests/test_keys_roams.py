#!/usr/bin/env python3
"""roamscope --keys on lab captures: the key checks attached to the joins and
roams of --report, and the decrypted frames fed back through the engine.

- wrong-psk with the AP's passphrase: the join's M2 MIC is bad with the
  one key, the diagnosis "wrong-passphrase" comes first, and a note says no
  handshake verifies; with the client's passphrase (wrong-psk.wpas.conf)
  the M2 MIC verifies, key line 1 is named, and "key-verifies" says the
  failure has another cause.
- ft-r0kh-wrong-key: the roam to AP2 refused with status 53 is diagnosed
  "ft-target-lacks-r1", naming the R0KH-ID AP1's hostapd config gives
  (nas_identifier), and its PMKR0Name check is ok.
- mdid-mismatch (AP2 in another mobility domain): the roam to AP2 is
  "ft-key-stale" naming the MDID; ft-ota-ok with a wrong key: every roam
  "ft-key-wrong", the successful join "wrong-passphrase" saying the key
  given is not the network's.
- ft-eap (FT-802.1X, the MSKs from the client's key log): the roam back
  refused with status 55 is "ft-mic-verifies" with key line 1: the
  client's FTE MIC verifies.
- pmf-kvr-sequence (PMF: the RM and WNM action frames are encrypted): with
  the key, each roam's neighbor report and BTM phases are decrypted (not
  inferred), start at and last as long as the frames tshark 4.0 decrypted
  (tests/data/keys/lab-pmf-kvr-sequence.tshark: category 5 action 4/5,
  category 10 action 7/8) say, and the roams have the phase kinds of the
  non-PMF kvr-sequence run; without the key they are inferred.  --frames
  marks exactly the frames tshark decrypted among the action frames
  "decrypted": true, with tshark's category and action.
- dhcp-roam (udhcpd behind the APs, the client renewing after each FT
  roam): with the key, the join and both roams have a decrypted dhcp phase
  at their target, from the client's DISCOVER/REQUEST on the air to the
  server's ACK, each bracketing the server's own wired capture of that
  exchange (dhcp-roam.dhcp-srv.tsv: the air request at most 2 ms before
  the wired one, the air ACK at most 5 ms after); without the key, none.
- Bad input: a malformed key line (exit 13, FILE:LINE), a missing key file
  (exit 4), a capture without a handshake (a note, exit 0).
Exit 0 pass, 1 fail, 77 skipped (no binary).
"""

import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SRCDIR = os.environ.get('top_srcdir') or os.path.dirname(HERE)
sys.path.insert(0, os.path.join(SRCDIR, 'tests'))
import pcaplib  # noqa: E402

ROAMSCOPE = os.environ.get('ROAMSCOPE') or os.path.join(SRCDIR, 'build',
                                                        'src', 'roamscope')
LAB = os.path.join(SRCDIR, 'tests', 'data', 'lab')
ORACLE = os.path.join(SRCDIR, 'tests', 'data', 'keys')
AP1 = '02:00:00:00:00:00'
AP2 = '02:00:00:00:01:00'

fails = []


def check(cond, what):
    if not cond:
        fails.append(what)
        print('FAIL: ' + what)


def keyfile(lines):
    fd, path = tempfile.mkstemp(prefix='rs-keys-')
    os.write(fd, ''.join(k + '\n' for k in lines).encode())
    os.close(fd)
    os.chmod(path, 0o600)
    return path


def run(cap, keys, *args):
    cmd = [ROAMSCOPE, '-r', os.path.join(LAB, cap)]
    kf = None
    if keys is not None:
        kf = keyfile(keys)
        cmd += ['--keys', kf]
    p = subprocess.run(cmd + list(args), capture_output=True, text=True,
                       timeout=60)
    if kf:
        os.unlink(kf)
    return p, kf


def report(cap, keys):
    p, kf = run(cap, keys, '--report=json')
    return json.loads(p.stdout), p, kf


def all_attempts(d):
    return d['roams'] + d['joins']


def wrong_psk():
    d, p, kf = report('wrong-psk.pcap', ['wpa-pwd:roamlab-secret-1'])
    j = d['joins']
    check(len(j) == 1 and j[0]['result'] == 'failed',
          'wrong-psk: one failed join')
    k = j[0]['keys']
    check(k is not None and k.get('m2_mic') == 'bad' and k['key'] is None
          and k['tried'] == 1, 'wrong-psk: M2 MIC bad with the one key: %s'
          % k)
    codes = [x['code'] for x in j[0]['diagnoses']]
    check(codes[:1] == ['wrong-passphrase'],
          'wrong-psk: wrong-passphrase first: %s' % codes)
    check('no handshake verifies with any key' in p.stderr and
          p.stderr.count('\n') == 1, 'wrong-psk: one note: %r' % p.stderr)
    check(p.returncode == 3, 'wrong-psk: exit 3 (a failed join)')

    d, p, kf = report('wrong-psk.pcap', ['wpa-pwd:not-the-right-passphrase'])
    k = d['joins'][0]['keys']
    check(k is not None and k.get('m2_mic') == 'ok' and
          k['key'] == kf + ':1', 'wrong-psk, client key: M2 MIC ok: %s' % k)
    codes = [x['code'] for x in d['joins'][0]['diagnoses']]
    check('key-verifies' in codes and 'wrong-passphrase' not in codes,
          'wrong-psk, client key: key-verifies: %s' % codes)
    check(p.stderr == '', 'wrong-psk, client key: no note: %r' % p.stderr)


def r0kh():
    d, p, kf = report('ft-r0kh-wrong-key.pcap', ['wpa-pwd:roamlab-secret-1'])
    rs = [r for r in d['roams'] if r['to'] == AP2]
    check(len(rs) == 1, 'r0kh: one roam to AP2')
    if not rs:
        return
    r = rs[0]
    check([ph['status'] for ph in r['phases'] if ph['phase'] == 'ft_auth']
          == [53], 'r0kh: FT authentication answered with status 53')
    check(r['keys'] is not None and r['keys'].get('pmkr0name') == 'ok',
          'r0kh: PMKR0Name ok: %s' % r['keys'])
    ds = [x for x in r['diagnoses'] if x['code'] == 'ft-target-lacks-r1']
    check(len(ds) == 1 and 'R0KH ap1.roamlab' in ds[0]['text'] and
          AP2 in ds[0]['text'], 'r0kh: ft-target-lacks-r1 naming '
          'ap1.roamlab: %s' % r['diagnoses'])


def codes_of(r):
    return [x['code'] for x in r['diagnoses']]


def ft_checks():
    d, p, kf = report('mdid-mismatch.pcap', ['wpa-pwd:roamlab-secret-1'])
    r = [r for r in d['roams'] if r['to'] == AP2]
    check(len(r) == 1 and codes_of(r[0])[:1] == ['ft-key-stale'] and
          'MDID differs' in r[0]['diagnoses'][0]['text'] and
          r[0]['keys']['pmkr0name'] == 'bad' and
          r[0]['keys']['pmkr1name'] == 'ok',
          'mdid-mismatch: ft-key-stale, the MDID: %s' % r)

    d, p, kf = report('ft-ota-ok.pcap', ['wpa-pwd:roamlab-secret-2'])
    check(len(d['roams']) == 4 and all(
        codes_of(r)[:1] == ['ft-key-wrong'] and
        r['keys']['pmkr0name'] == 'bad' and r['keys']['key'] is None
        for r in d['roams']), 'ft-ota-ok, wrong key: ft-key-wrong')
    j = d['joins']
    check(len(j) == 1 and j[0]['result'] == 'ok' and
          codes_of(j[0])[:1] == ['wrong-passphrase'] and
          "not this network's" in j[0]['diagnoses'][0]['text'],
          'ft-ota-ok, wrong key: the join says the key is not the '
          'network\'s: %s' % j)

    import test_keys
    d, p, kf = report('ft-eap.pcap', test_keys.msks_from_wpas_log('ft-eap'))
    r = [r for r in d['roams'] if r['status'] == 55]
    check(len(r) == 1 and codes_of(r[0])[:1] == ['ft-mic-verifies'] and
          r[0]['keys']['fte_mic'] == 'ok' and
          r[0]['keys']['key'] == kf + ':1',
          'ft-eap: status 55, ft-mic-verifies with key 1: %s' % r)


def oracle_actions(name):
    """frame number -> (category, action) of the action frames tshark
    decrypted."""
    acts = {}
    with open(os.path.join(ORACLE, name + '.tshark')) as f:
        for line in f:
            p = line.rstrip('\n').split('\t')
            if p[0] == 'A':
                acts[int(p[1])] = (int(p[2]), int(p[3]))
    return acts


def pmf():
    acts = oracle_actions('lab-pmf-kvr-sequence')
    ts = [t for _, t, _ in pcaplib.read_records(
        os.path.join(LAB, 'pmf-kvr-sequence.pcap'))]
    # (request, response) frame pairs of each kind, in time order
    pairs = {'neighbor_report': [], 'btm': []}
    order = sorted(acts)
    for i, n in enumerate(order):
        cat, act = acts[n]
        kind = {(5, 4): 'neighbor_report', (10, 7): 'btm'}.get((cat, act))
        if kind is None:
            continue
        want = (5, 5) if kind == 'neighbor_report' else (10, 8)
        resp = next(m for m in order[i + 1:] if acts[m] == want)
        pairs[kind].append((n, resp))

    d, p, kf = report('pmf-kvr-sequence.pcap', ['wpa-pwd:roamlab-secret-1'])
    ref, _, _ = report('kvr-sequence.pcap', None)
    bare, _, _ = report('pmf-kvr-sequence.pcap', None)
    roams = d['roams']
    check(len(roams) == 2, 'pmf: two roams')
    check([[ph['phase'] for ph in r['phases']] for r in roams] ==
          [[ph['phase'] for ph in r['phases']] for r in ref['roams']],
          'pmf: the phases of the non-PMF run')
    for kind in pairs:
        got = [ph for r in roams for ph in r['phases'] if ph['phase'] == kind]
        check(len(got) == len(pairs[kind]) == 2, 'pmf: two %s phases' % kind)
        for ph, (q, a) in zip(got, pairs[kind]):
            check(ph['decrypted'] and not ph['inferred'],
                  'pmf: %s decrypted, not inferred' % kind)
            ms = (ts[a - 1] - ts[q - 1]) / 1e6
            check(abs(ph['ms'] - ms) < 0.001, 'pmf: %s %.3f ms, frames '
                  '%d->%d %.3f ms' % (kind, ph['ms'], q, a, ms))
            check(abs(ph['start'] - ts[q - 1] / 1e9) < 1e-6,
                  'pmf: %s starts at frame %d' % (kind, q))
        for r in roams:
            check(r['keys'] is not None and r['keys'].get('fte_mic') == 'ok',
                  'pmf: FTE MIC ok')
    codes = [x['code'] for r in roams for x in r['diagnoses']]
    check('pmf-inferred' not in codes, 'pmf: nothing inferred: %s' % codes)
    bare_ph = [ph for r in bare['roams'] for ph in r['phases']
               if ph['phase'] in pairs]
    check(len(bare_ph) == 4 and all(ph['inferred'] and not ph['decrypted']
                                    for ph in bare_ph),
          'pmf without keys: the phases are inferred')

    p, _ = run('pmf-kvr-sequence.pcap', ['wpa-pwd:roamlab-secret-1'],
               '--frames')
    dec = {}
    for line in p.stdout.splitlines():
        f = json.loads(line)
        if f['type'] == 'action' and f.get('decrypted'):
            dec[f['n']] = (f['category'], f['action'])
    check(dec == acts, 'pmf --frames: the decrypted action frames are '
          'tshark\'s: %s vs %s' % (sorted(dec), sorted(acts)))


def wired_dhcp():
    """[(request time, ack time)] of the server's wired side, in s."""
    ex, start = [], None
    with open(os.path.join(LAB, 'dhcp-roam.dhcp-srv.tsv')) as f:
        for line in f:
            if line.startswith('#'):
                continue
            t, _, _, typ = line.split()
            if typ in ('1', '3') and start is None:
                start = float(t)
            elif typ == '5' and start is not None:
                ex.append((start, float(t)))
                start = None
    return ex


def dhcp():
    wired = wired_dhcp()
    d, p, kf = report('dhcp-roam.pcap', ['wpa-pwd:roamlab-secret-1'])
    got = sorted((ph['start'], ph, r) for r in all_attempts(d)
                 for ph in r['phases'] if ph['phase'] == 'dhcp')
    check(len(got) == len(wired) == 3, 'dhcp: three phases: %d' % len(got))
    for (start, ph, r), (wq, wa) in zip(got, wired):
        check(ph['decrypted'] and ph['ap'] == r['to'],
              'dhcp: decrypted, at the target')
        end = start + ph['ms'] / 1e3
        check(wq - 0.002 <= start <= wq and wa <= end <= wa + 0.005,
              'dhcp: air %.6f..%.6f brackets the wire %.6f..%.6f'
              % (start, end, wq, wa))
    bare, _, _ = report('dhcp-roam.pcap', None)
    check(not [ph for r in all_attempts(bare) for ph in r['phases']
               if ph['phase'] == 'dhcp'], 'dhcp: none without the key')


def bad_input():
    kf = keyfile(['wpa-pwd:roamlab-secret-1', 'wpa-psk:00zz'])
    p = subprocess.run([ROAMSCOPE, '-r', os.path.join(LAB, 'wrong-psk.pcap'),
                        '--keys', kf, '--report'], capture_output=True,
                       text=True, timeout=60)
    os.unlink(kf)
    check(p.returncode == 13 and p.stderr.count('\n') == 1 and
          (kf + ':2:') in p.stderr and p.stdout == '',
          'bad key line: exit 13, FILE:2: %d %r' % (p.returncode, p.stderr))
    p = subprocess.run([ROAMSCOPE, '-r', os.path.join(LAB, 'wrong-psk.pcap'),
                        '--keys', '/nonexistent/keys', '--report'],
                       capture_output=True, text=True, timeout=60)
    check(p.returncode == 4 and p.stderr.count('\n') == 1 and
          'no such file' in p.stderr, 'missing key file: exit 4: %d %r'
          % (p.returncode, p.stderr))
    # the first 20 frames of a capture: beacons, no handshake
    recs = list(pcaplib.read_records(os.path.join(LAB, 'wrong-psk.pcap')))
    fd, cap = tempfile.mkstemp(suffix='.pcap')
    os.close(fd)
    pcaplib.write_pcap(cap, pcaplib.file_header(),
                       [(t // 10**9, t % 10**9 // 1000, b, len(b))
                        for _, t, b in recs[:20]])
    kf = keyfile(['wpa-pwd:roamlab-secret-1'])
    p = subprocess.run([ROAMSCOPE, '-r', cap, '--keys', kf, '--report'],
                       capture_output=True, text=True, timeout=60)
    os.unlink(kf)
    os.unlink(cap)
    check(p.returncode == 0 and 'no handshake to check the keys against'
          in p.stderr and 'roamscope report' in p.stdout,
          'no handshake: a note, the report: %d %r' % (p.returncode,
                                                       p.stderr))


def main():
    if not os.access(ROAMSCOPE, os.X_OK):
        print('skip: no %s' % ROAMSCOPE)
        return 77
    wrong_psk()
    r0kh()
    ft_checks()
    pmf()
    dhcp()
    bad_input()
    print('%d failure(s)' % len(fails))
    return 1 if fails else 0


if __name__ == '__main__':
    sys.exit(main())
