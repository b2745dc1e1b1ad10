#!/usr/bin/env python3
"""The key subsystem against tshark's own decryption and the APs' logs.

For each capture below and the keys that open it (the lab's passphrases
from its configs; the public captures' keys as Wireshark's test suite,
test/suite_decryption.py and test/config/80211_keys*.tmpl, documents
them), tests/keys_driver decrypts every protected frame it can and checks
every handshake.  Asserted:

 - agreement with tshark 4.0's decryption (-o wlan.enable_decryption:TRUE,
   the same keys in its 80211_keys table): the same frames decrypted, and
   byte-identical plaintext (tshark's "Decrypted CCMP/GCMP data");
 - the decrypted action frames' fields (category, action, dialog token,
   BTM mode/timer/validity/status/target, neighbor BSSIDs and channels,
   FT STA/target/status) equal tshark's on the decrypted frame;
 - each handshake's checks (M2 MIC, PMKID, PMKR0Name, PMKR1Name, FTE
   MICs, the key line that verified, status-53 diagnosis): exactly the
   verdicts listed in the case, and no others;
 - on the lab's FT runs, every PMKR0Name/PMKR1Name derived is one hostapd
   logged (hostapd -dd), and every one it logged for the client is derived.

tshark's answers are stored in tests/data/keys/NAME.tshark (made by
`tests/test_keys.py --regen` with tshark 4.0.17; see tests/data/PROVENANCE)
so the test runs without tshark.  A disagreement that no named exception
below explains is a failure; every exception applied is counted.
Exit 0 pass, 1 fail, 77 skipped (no driver).
"""

import json
import os
import re
import subprocess
import sys
import tempfile

SKIP = 77
HERE = os.path.dirname(os.path.abspath(__file__))
SRCDIR = os.environ.get('top_srcdir') or os.path.dirname(HERE)
BUILDDIR = os.environ.get('top_builddir') or SRCDIR
DATA = os.path.join(SRCDIR, 'tests', 'data')
ORACLE = os.path.join(DATA, 'keys')
DRIVER = os.path.join(BUILDDIR, 'tests', 'keys_driver')

LAB_KEY = 'wpa-pwd:roamlab-secret-1'
# the wrong-psk scenario's client passphrase (tests/data/lab/wrong-psk.wpas.conf)
LAB_CLIENT_KEY = 'wpa-pwd:not-the-right-passphrase'
# Wireshark's test suite: the passphrase of its hwsim captures, and
# wpa-eap-tls.pcap's three PMKs (80211_keys.tmpl); the user TKs (TK and
# GTK) of its captures whose PMK comes from SAE, OWE or an EAP session
# (suite_decryption.py, 80211_keys.user_tk_tmpl).
WS_PWD = 'wpa-pwd:12345678'
EAP_TLS_PMKS = [
    'wpa-psk:a5001e18e0b3f792278825bc3abff72d7021d7c157b600470ef730e2490835d4',
    'wpa-psk:79258f6ceeecedd3482b92deaabdb675f09bcb4003ef5074f5ddb10a94ebe00a',
    'wpa-psk:23a9ee58c7810546ae3e7509fda9f97435778d689e53a54891c56d02f18ca162',
]

ALL_OK_FT = 'ft pmkr0name=ok pmkr1name=ok fte_mic=ok key=1 ptk gtk'
JOIN_FT = 'assoc m2_mic=ok pmkr1name=ok key=1 ptk gtk'

# name, capture, keys, expected results (in order; "xN" repeats), hostapd
# logs to check the FT names against.
CASES = [
    # the BTM requests name no real AP; AP1 disassociates, the client joins
    # AP2 afresh
    ('lab-btm-reject', 'lab/btm-reject.pcap', [LAB_KEY],
     [JOIN_FT + ' x2'], None),
    ('lab-btm-steer', 'lab/btm-steer.pcap', [LAB_KEY],
     [JOIN_FT, ALL_OK_FT + ' x2'], 'btm-steer'),
    ('lab-ft-invalid-pmkid', 'lab/ft-invalid-pmkid.pcap', [LAB_KEY],
     [JOIN_FT,
      'ft pmkr0name=ok key=1 status=53 diag=target_lacks_pmk_r1',
      ALL_OK_FT], 'ft-invalid-pmkid'),
    ('lab-ft-ods-ok', 'lab/ft-ods-ok.pcap', [LAB_KEY],
     [JOIN_FT, ALL_OK_FT + ' x4'], 'ft-ods-ok'),
    ('lab-ft-ota-ok', 'lab/ft-ota-ok.pcap', [LAB_KEY],
     [JOIN_FT, ALL_OK_FT + ' x4'], 'ft-ota-ok'),
    ('lab-ft-ota-voice', 'lab/ft-ota-voice.pcap', [LAB_KEY],
     [JOIN_FT, ALL_OK_FT + ' x4'], 'ft-ota-voice'),
    ('lab-kvr-sequence', 'lab/kvr-sequence.pcap', [LAB_KEY],
     [JOIN_FT, ALL_OK_FT + ' x2'], 'kvr-sequence'),
    # AP2's MDID is c3d4: the client presents the PMKR0Name of its first
    # association's mobility domain (a1b2), and AP2 accepts it.
    ('lab-mdid-mismatch', 'lab/mdid-mismatch.pcap', [LAB_KEY],
     [JOIN_FT,
      'ft pmkr0name=bad pmkr1name=ok fte_mic=ok key=1 tried=1 ptk gtk '
      'diag=client_stale stale=mdid',
      ALL_OK_FT], 'mdid-mismatch'),
    ('lab-neighbor-report', 'lab/neighbor-report.pcap', [LAB_KEY],
     [JOIN_FT, ALL_OK_FT], 'neighbor-report'),
    ('lab-plain-psk-roam', 'lab/plain-psk-roam.pcap', [LAB_KEY],
     ['assoc m2_mic=ok key=1 ptk gtk x3'], None),
    ('lab-pmf-kvr-sequence', 'lab/pmf-kvr-sequence.pcap', [LAB_KEY],
     [JOIN_FT, ALL_OK_FT + ' x2'], 'pmf-kvr-sequence'),
    # AP2 has the wrong R0KH/R1KH key: its answer, status 53, comes 4 s late,
    # after the client fell back to AP1; the client's PMKR0Name is correct
    ('lab-ft-r0kh-wrong-key', 'lab/ft-r0kh-wrong-key.pcap', [LAB_KEY],
     [JOIN_FT, 'ft pmkr0name=ok key=1 status=53 diag=target_lacks_pmk_r1',
      JOIN_FT], 'ft-r0kh-wrong-key'),
    ('lab-dhcp-roam', 'lab/dhcp-roam.pcap', [LAB_KEY],
     [JOIN_FT, ALL_OK_FT + ' x2'], 'dhcp-roam'),
    ('lab-ciphers-256', 'lab/ciphers-256.pcap', [LAB_KEY],
     [JOIN_FT, ALL_OK_FT + ' x2'], 'ciphers-256'),
    ('lab-gcmp-128', 'lab/gcmp-128.pcap', [LAB_KEY],
     [JOIN_FT, ALL_OK_FT + ' x2'], 'gcmp-128'),
    # The wrong-passphrase run: with the AP's passphrase every M2 fails
    # (the client's passphrase is proven wrong), with the client's own
    # every M2 verifies.
    ('lab-wrong-psk', 'lab/wrong-psk.pcap', [LAB_KEY],
     ['assoc m2_mic=bad tried=1'], None),
    ('lab-wrong-psk-client', 'lab/wrong-psk.pcap', [LAB_CLIENT_KEY],
     ['assoc m2_mic=ok key=1 ptk'], None),
    # The wrong key on a good run: nothing verifies, nothing decrypts.
    ('lab-ft-ota-ok-wrong-key', 'lab/ft-ota-ok.pcap',
     ['wpa-pwd:roamlab-secret-2'],
     ['assoc m2_mic=bad tried=1',
      'ft pmkr0name=bad tried=1 diag=client_wrong x4'], None),
    ('ws-wpa-induction', 'public/wireshark/wpa-Induction.pcap',
     ['wpa-pwd:Induction:Coherer'],
     # this AP's PMKID KDE in M1 is not HMAC-SHA1-128(PMK, ...)
     ['assoc m2_mic=ok pmkid_kde=bad key=1 tried=1 ptk gtk'], None),
    ('ws-wpa2-psk-mfp', 'public/wireshark/wpa2-psk-mfp.pcapng', [WS_PWD],
     ['assoc m2_mic=ok key=1 ptk gtk'], None),
    ('ws-wpa2-ft-psk', 'public/wireshark/wpa2-ft-psk.pcapng', [WS_PWD],
     [JOIN_FT, ALL_OK_FT], None),
    ('ws-ptk-extended-key-id', 'public/wireshark/wpa_ptk_extended_key_id.pcap',
     ['wpa-pwd:test0815'],
     ['assoc m2_mic=ok key=1 ptk gtk', '4way m2_mic=ok key=1 ptk gtk x2'],
     None),
    # a rekey with each of the three PMKs
    ('ws-wpa-eap-tls', 'public/wireshark/wpa-eap-tls.pcap', EAP_TLS_PMKS,
     ['4way m2_mic=ok key=1 ptk gtk', '4way m2_mic=ok key=2 ptk gtk',
      '4way m2_mic=ok key=3 ptk gtk'], None),
    # WPA1/TKIP: the M2 MIC (HMAC-MD5) verifies; TKIP is not decrypted
    ('ws-wpa1-gtk-rekey', 'public/wireshark/wpa1-gtk-rekey.pcapng', [WS_PWD],
     ['assoc m2_mic=ok key=1 ptk'], None),
    ('ws-wpa2-ft-eap-tk', 'public/wireshark/wpa2-ft-eap.pcapng',
     ['tk:65471b64605bf2a04af296284cb4ae2a',
      'tk:1783a5c28e046df6fb58cf4406c4b22c'], ['assoc'], None),
    ('ws-wpa3-sae-tk', 'public/wireshark/wpa3-sae.pcapng',
     ['tk:20a2e28f4329208044f4d7edca9e20a6',
      'tk:1fc82f8813160031d6bf87bca22b6354'], ['assoc'], None),
    ('ws-owe-tk', 'public/wireshark/owe.pcapng',
     ['tk:10f3deccc00d5c8f629fba7a0fff34aa',
      'tk:016b04ae9e6050bcc1f940dda9ffff2b'], ['assoc'], None),
    # aircrack-ng's test captures, with the passphrases its tests use
    ('ac-wpa2-psk-linksys', 'public/aircrack-ng/wpa2-psk-linksys.cap',
     ['wpa-pwd:dictionary'],
     ['assoc m2_mic=ok pmkid_kde=ok key=1 ptk gtk x2', 'assoc status=10',
      'assoc m2_mic=ok pmkid_kde=ok key=1 ptk gtk'], None),
    ('ac-wpa', 'public/aircrack-ng/wpa.cap', ['wpa-pwd:biscotte'],
     ['4way m2_mic=ok key=1 ptk'], None),
    ('ac-zn2i', 'public/aircrack-ng/zn2i.pcap', [WS_PWD],
     ['assoc m2_mic=ok key=1 ptk gtk'], None),
]



def msks_from_wpas_log(scenario):
    """msk: lines from a wpa_supplicant -K log: the PMK (the MSK's first 256
    bits) and the FT XXKey (its second 256 bits) of each EAP run."""
    pmk, xx = [], []
    with open(os.path.join(DATA, 'lab', scenario + '.wpas.log'),
              errors='replace') as f:
        for line in f:
            m = re.search(r'(WPA: PMK from EAPOL state machines|FT: Cache '
                          r'XXKey/MPMK) - hexdump\(len=32\): '
                          r'((?:[0-9a-f]{2} ?){32})', line)
            if m:
                (pmk if m.group(1).startswith('WPA') else xx).append(
                    m.group(2).replace(' ', ''))
    return ['msk:' + a + b for a, b in zip(pmk, xx)]


# FT-802.1X: hostapd's EAP server (EAP-pwd); the MSKs from the client's
# key log.  The roam back to AP1 is refused with status 55 (TCG: a late
# FT authentication answer made AP1 pick a new ANonce) although the
# client's FTE MIC verifies; the client then authenticates afresh.
CASES.append(('lab-ft-eap', 'lab/ft-eap.pcap', msks_from_wpas_log('ft-eap'),
              ['assoc m2_mic=ok pmkr1name=ok key=1 ptk gtk',
               'ft pmkr0name=ok pmkr1name=ok fte_mic=ok key=1 ptk gtk',
               'ft pmkr0name=ok pmkr1name=ok fte_mic=ok key=1 status=55',
               'assoc',
               'assoc m2_mic=ok pmkr1name=ok key=2 ptk gtk'], 'ft-eap'))

# ---------------------------------------------------------------------------
# Named exceptions, each counted when applied.
# ---------------------------------------------------------------------------
EXC = {
    'TKIP': 'tshark decrypts TKIP; keys does not (CCMP and GCMP only: '
            'TKIP needs RC4 and Michael, which OpenSSL 3 keeps out of its '
            'default provider): "cipher not supported" for pairwise frames, '
            '"no key" for group ones (WPA1 wraps the GTK with RC4)',
    'GTK_OF_LEFT_AP': 'a group-addressed frame from an AP the client has '
                      'FT-roamed away from: keys still holds that AP\'s GTK '
                      '(from the FTE of its reassociation response) and '
                      'the CCMP MIC verifies; tshark 4.0 keeps only the GTK '
                      'of the client\'s latest AP',
}


def uat_of(key):
    t, v = key.split(':', 1)
    return (t, v)


def tshark_run(cap, keys, args):
    tmp = tempfile.mkdtemp()
    os.makedirs(os.path.join(tmp, 'wireshark'))
    with open(os.path.join(tmp, 'wireshark', '80211_keys'), 'w') as f:
        for k in keys:
            f.write('"%s","%s"\n' % uat_of(k))
    env = dict(os.environ, XDG_CONFIG_HOME=tmp, HOME=tmp, LC_ALL='C')
    tshark = os.environ.get('TSHARK') or 'tshark'
    return subprocess.run([tshark, '-n', '-o', 'wlan.enable_decryption:TRUE',
                           '-r', cap] + args, capture_output=True,
                          text=True, env=env, check=True).stdout


ACT_FIELDS = ['wlan.fixed.category_code', 'wlan.fixed.action_code',
              'wlan.fixed.dialog_token', 'wlan.fixed.bss_transition_status_code',
              'wlan.fixed.bss_transition_target_bss', 'wlan.fixed.disassoc_timer',
              'wlan.fixed.validity_interval',
              'wlan.fixed.request_mode.pref_cand',
              'wlan.fixed.request_mode.abridged',
              'wlan.fixed.request_mode.disassoc_imminent',
              'wlan.nreport.bssid', 'wlan.nreport.channumber',
              'wlan.fixed.sta_address', 'wlan.fixed.target_ap_address',
              'wlan.fixed.status_code']


def regen(name, cap, keys):
    """tshark's decryption of cap with keys, into tests/data/keys/NAME."""
    out = tshark_run(cap, keys, ['-P', '-x', '-o',
                                 'gui.column.format:"No.","%m"'])
    dec = {}
    cur = blk = None
    for line in out.split('\n'):
        m = re.match(r'^\s+(\d+)\s*$', line)
        if m:
            cur, blk = int(m.group(1)), None
            continue
        m = re.match(r'^Decrypted (CCMP|GCMP|TKIP) data \(\d+ bytes\):$', line)
        if m:
            blk = m.group(1)
            dec[cur] = [blk, b'']
            continue
        if re.match(r'^[A-Za-z].*\(\d+ bytes\):$', line):
            blk = None
            continue
        if blk and re.match(r'^[0-9a-f]{4}  ', line):
            dec[cur][1] += bytes(int(x, 16) for x in line[6:6 + 48].split())
    acts = tshark_run(cap, keys, [
        '-Y', 'wlan.fc.type_subtype == 0x000d && wlan.fixed.category_code',
        '-T', 'fields', '-E', 'separator=/t', '-E', 'occurrence=a',
        '-E', 'aggregator=,', '-e', 'frame.number'] +
        sum([['-e', f] for f in ACT_FIELDS], []))
    os.makedirs(ORACLE, exist_ok=True)
    with open(os.path.join(ORACLE, name + '.tshark'), 'w') as f:
        f.write('# tshark 4.0 decryption of %s with %d key(s); made by '
                'tests/test_keys.py --regen\n' % (os.path.relpath(cap, DATA),
                                                  len(keys)))
        for n in sorted(dec):
            f.write('D\t%d\t%s\t%s\n' % (n, dec[n][0], dec[n][1].hex()))
        for line in acts.split('\n'):
            if line.strip():
                f.write('A\t%s\n' % line)


def load_oracle(name):
    dec, acts = {}, {}
    with open(os.path.join(ORACLE, name + '.tshark')) as f:
        for line in f:
            line = line.rstrip('\n')
            if not line or line.startswith('#'):
                continue
            p = line.split('\t')
            if p[0] == 'D':
                dec[int(p[1])] = (p[2], bytes.fromhex(p[3]))
            elif p[0] == 'A':
                v = p[1:] + [''] * (1 + len(ACT_FIELDS) - len(p[1:]))
                acts[int(v[0])] = dict(zip(ACT_FIELDS, v[1:]))
    return dec, acts


def run_driver(cap, keys, want=False):
    fd, kf = tempfile.mkstemp()
    os.write(fd, ''.join(k + '\n' for k in keys).encode())
    os.close(fd)
    try:
        p = subprocess.run([DRIVER] + (['-w'] if want else []) +
                           ['-k', kf, cap], capture_output=True, text=True)
    finally:
        os.unlink(kf)
    if p.returncode != 0:
        raise RuntimeError('keys_driver exit %d: %s' % (p.returncode,
                                                         p.stderr.strip()))
    dec, frames, res, nodec, summ = {}, {}, [], {}, None
    last = None
    for line in p.stdout.split('\n'):
        if not line:
            continue
        j = json.loads(line)
        if 'dec' in j:
            dec[j['dec']] = (j['cipher'], bytes.fromhex(j['plain']), j)
            last = j['dec']
        elif 'n' in j and j['n'] == last:
            frames[last] = j
        elif 'res' in j:
            res.append(j)
        elif 'nodec' in j:
            nodec[j['nodec']] = j['why']
        elif 'summary' in j:
            summ = j
    return dec, frames, res, nodec, summ


def expand(spec):
    out = []
    for s in spec:
        m = re.match(r'^(.*) x(\d+)$', s)
        out += [m.group(1)] * int(m.group(2)) if m else [s]
    return out


def result_line(r):
    """A result as the spec's words, for comparison."""
    w = [r['kind']]
    for k in ('m2_mic', 'pmkid', 'pmkid_kde', 'pmkr0name', 'pmkr1name',
              'fte_mic'):
        if k in r:
            w.append('%s=%s' % (k, r[k]))
    if 'key' in r:
        w.append('key=' + r['key'].rsplit(':', 1)[1])
    if 'tried' in r:
        w.append('tried=%d' % r['tried'])
    if r.get('ptk'):
        w.append('ptk')
    if r.get('gtk'):
        w.append('gtk')
    if 'status' in r:
        w.append('status=%d' % r['status'])
    if 'diag' in r:
        w.append('diag=' + r['diag'])
    if r.get('diag') == 'client_stale' and 'mdid' in r.get('why', '').lower():
        w.append('stale=mdid')
    return w


def norm_spec(s):
    w = s.split()
    return [w[0]] + sorted(w[1:])


def act_compare(tf, ours):
    """tshark's fields against our --frames line; returns the mismatches."""
    bad = []

    def want(field, ours_v, conv=lambda x: x):
        tv = tf.get(field, '')
        if tv == '':
            return
        if conv(tv) != ours_v:
            bad.append('%s: tshark %r, ours %r' % (field, tv, ours_v))

    def num(x):
        return int(x, 16) if x.startswith('0x') else int(x)
    want('wlan.fixed.category_code', ours.get('category'), num)
    want('wlan.fixed.action_code', ours.get('action'), num)
    want('wlan.fixed.dialog_token', ours.get('dialog_token'), num)
    want('wlan.fixed.bss_transition_status_code', ours.get('btm_status'), num)
    want('wlan.fixed.bss_transition_target_bss', ours.get('btm_target'))
    want('wlan.fixed.disassoc_timer', ours.get('btm_disassoc_timer'), num)
    want('wlan.fixed.validity_interval', ours.get('btm_validity'), num)
    if tf.get('wlan.fixed.request_mode.pref_cand'):
        mode = ((1 if tf['wlan.fixed.request_mode.pref_cand'] in ('1', 'True') else 0) |
                (2 if tf['wlan.fixed.request_mode.abridged'] in ('1', 'True') else 0) |
                (4 if tf['wlan.fixed.request_mode.disassoc_imminent'] in ('1', 'True') else 0))
        if (ours.get('btm_mode', 0) & 7) != mode:
            bad.append('btm_mode: tshark %d, ours %r' % (mode, ours.get('btm_mode')))
    nb = [n['bssid'] for n in ours.get('neighbors', [])]
    want('wlan.nreport.bssid', nb, lambda x: x.split(','))
    nc = [n['channel'] for n in ours.get('neighbors', [])]
    want('wlan.nreport.channumber', nc, lambda x: [num(v) for v in x.split(',')])
    want('wlan.fixed.sta_address', ours.get('ft_sta'))
    want('wlan.fixed.target_ap_address', ours.get('ft_target_ap'))
    want('wlan.fixed.status_code', ours.get('status'), num)
    return bad


def hostapd_names(scenario):
    """PMKR0Names and PMKR1Names hostapd logged (hex): all of them, and the
    ones the client presented (Requested PMKR0Name, PMKR1Name from
    Supplicant)."""
    names = {'r0': set(), 'r1': set(), 'r0c': set(), 'r1c': set()}
    for i in (1, 2):
        path = os.path.join(DATA, 'lab', '%s.hostapd%d.log' % (scenario, i))
        if not os.path.exists(path):
            continue
        with open(path, errors='replace') as f:
            for line in f:
                m = re.search(r'FT: (Requested )?PMKR([01])Name( from '
                              r'Supplicant| for Assoc Resp RSNE)? - '
                              r'hexdump\(len=16\): ((?:[0-9a-f]{2} ?){16})',
                              line)
                if not m:
                    continue
                v = m.group(4).replace(' ', '')
                names['r' + m.group(2)].add(v)
                if m.group(1) or (m.group(3) or '').startswith(' from'):
                    names['r' + m.group(2) + 'c'].add(v)
    return names


DHCP_TYPES = {1: 'DISCOVER', 2: 'OFFER', 3: 'REQUEST', 5: 'ACK', 6: 'NAK'}


def dhcp_messages(dec, with_frame=False):
    """(time, type[, frame]) of each DHCP message in decrypted frames, in
    order."""
    out = []
    for n in sorted(dec):
        p = dec[n][1]
        # LLC/SNAP IPv4, IP header, UDP 67/68, BOOTP, magic cookie, options
        if len(p) < 8 + 20 + 8 + 240 or p[:8] != bytes.fromhex('aaaa030000000800'):
            continue
        ip = p[8:]
        ihl = (ip[0] & 0x0f) * 4
        if ip[9] != 17:
            continue
        udp = ip[ihl:]
        if {int.from_bytes(udp[0:2], 'big'), int.from_bytes(udp[2:4], 'big')} \
                != {67, 68}:
            continue
        opts = udp[8 + 240:]
        i = 0
        while i + 2 <= len(opts) and opts[i] != 255:
            if opts[i] == 0:
                i += 1
                continue
            if opts[i] == 53 and opts[i + 1] == 1 and i + 2 < len(opts):
                m = (dec[n][2]['ts_ns'] / 1e9,
                     DHCP_TYPES.get(opts[i + 2], str(opts[i + 2])))
                out.append(m + (n,) if with_frame else m)
                break
            i += 2 + opts[i + 1]
    return out


def check_dhcp(scen, dec):
    """The DHCP exchange decrypted from the air against the server: its
    wired side, message for message within 100 ms; its own log, every OFFER
    and ACK it logged on the air in order within 1 s (the log's time stamps
    come through a pipe), and every one on the air logged; each answering a
    DISCOVER/REQUEST on the air before it."""
    fails = []
    logged = []
    with open(os.path.join(DATA, 'lab', scen + '.dhcpd.log')) as f:
        for line in f:
            m = re.match(r'^(\d+\.\d+) udhcpd: sending (OFFER|ACK|NAK)', line)
            if m:
                logged.append((float(m.group(1)), m.group(2)))
    air = dhcp_messages(dec)
    answers = [a for a in air if a[1] in ('OFFER', 'ACK', 'NAK')]
    if [a[1] for a in answers] != [lg[1] for lg in logged]:
        fails.append('DHCP answers on the air %s, server log %s' % (
            [a[1] for a in answers], [lg[1] for lg in logged]))
    # the server's wired side (its tcpdump): every message there is on
    # the air in the same order, within 100 ms (one air copy per message:
    # retransmissions and the AP's group copy within 50 ms are one)
    wired = []
    with open(os.path.join(DATA, 'lab', scen + '.dhcp-srv.tsv')) as f:
        for line in f:
            if line.startswith('#') or not line.strip():
                continue
            t, _, _, ty = line.rstrip('\n').split('\t')
            wired.append((float(t), DHCP_TYPES.get(int(ty), ty)))
    once = []
    for a in air:
        if not once or once[-1][1] != a[1] or a[0] - once[-1][0] > 0.05:
            once.append(a)
    if [a[1] for a in once] != [w[1] for w in wired]:
        fails.append('DHCP on the air %s, on the server\'s wire %s' % (
            [a[1] for a in once], [w[1] for w in wired]))
    for a, w in zip(once, wired):
        if abs(a[0] - w[0]) > 0.1:
            fails.append('DHCP %s on the air at %.3f, on the wire at %.3f'
                         % (a[1], a[0], w[0]))
    for a, lg in zip(answers, logged):
        if not lg[0] - 1.0 <= a[0] <= lg[0] + 1.0:
            fails.append('DHCP %s on the air at %.3f, logged at %.3f' % (
                a[1], a[0], lg[0]))
        asks = [q for q in air if q[0] < a[0] and q[1] in ('DISCOVER',
                                                          'REQUEST')]
        if not asks:
            fails.append('DHCP %s at %.3f answers nothing' % (a[1], a[0]))
    return fails, len(air)


def check_case(case, counts):
    name, rel, keys, spec, scen = case
    cap = os.path.join(DATA, rel)
    fails = []
    tdec, tact = load_oracle(name)
    dec, frames, res, nodec, summ = run_driver(cap, keys)
    exc = {}
    same = 0
    for n in sorted(set(tdec) | set(dec)):
        if n in tdec and n in dec:
            if tdec[n][1] != dec[n][1]:
                fails.append('frame %d: plaintext differs' % n)
            else:
                same += 1
        elif n in tdec:
            if tdec[n][0] == 'TKIP' and nodec.get(n) in (
                    'cipher not supported', 'no key'):
                exc['TKIP'] = exc.get('TKIP', 0) + 1
            else:
                fails.append('frame %d: tshark decrypts it, keys does not (%s)'
                             % (n, nodec.get(n)))
        else:
            # the client's AP at frame n: that of its latest handshake
            # with a PTK before n
            cur = [r['ap'] for r in res if r['res'] < n and r.get('ptk')]
            if dec[n][2].get('group') and cur and \
                    dec[n][2].get('ta') != cur[-1]:
                exc['GTK_OF_LEFT_AP'] = exc.get('GTK_OF_LEFT_AP', 0) + 1
            else:
                fails.append('frame %d: keys decrypts it, tshark does not' % n)
    acts = 0
    for n, tf in sorted(tact.items()):
        if n not in dec:
            continue		# not a decrypted frame
        if n not in frames:
            fails.append('frame %d: decrypted action frame not parsed' % n)
            continue
        acts += 1
        for b in act_compare(tf, frames[n]):
            fails.append('frame %d: %s' % (n, b))
    # ks_want (what roamscope will decrypt): every plaintext the analysis
    # needs (management frames, EAPOL, DHCP) and the same verdicts
    wdec, _, wres, _, _ = run_driver(cap, keys, want=True)
    for n in sorted(dec):
        p = dec[n][1]
        needed = n in frames or p[:8] == bytes.fromhex('aaaa03000000888e') \
            or n in {m[2] for m in dhcp_messages(dec, with_frame=True)}
        if needed and n not in wdec:
            fails.append('frame %d: needed, but ks_want left it' % n)
        elif n in wdec and wdec[n][1] != p:
            fails.append('frame %d: ks_want plaintext differs' % n)
    if [result_line(r) for r in wres] != [result_line(r) for r in res]:
        fails.append('results with ks_want differ')
    wanted = len(wdec)
    got = [result_line(r) for r in res]
    want = [norm_spec(s) for s in expand(spec)]
    gotn = [[g[0]] + sorted(g[1:]) for g in got]
    if gotn != want:
        fails.append('results: got %s, want %s' % (
            [' '.join(g) for g in gotn], [' '.join(w) for w in want]))
    names = ''
    if scen and os.path.exists(os.path.join(DATA, 'lab', scen + '.dhcpd.log')):
        f2, nd = check_dhcp(scen, dec)
        fails += f2
        names += ', DHCP messages %d = server log' % nd
    if scen:
        logged = hostapd_names(scen)
        ours0 = {r['r0name'] for r in res if 'r0name' in r}
        ours1 = {r['r1name'] for r in res if 'r1name' in r}
        # every name derived is one hostapd logged, and every name the
        # client presented to hostapd is derived
        for k, ours in (('r0', ours0), ('r1', ours1)):
            if not ours or not ours <= logged[k] or \
                    not logged[k + 'c'] <= ours:
                fails.append('PMK%sNames: ours %s, hostapd %s, presented %s'
                             % (k.upper(), sorted(ours), sorted(logged[k]),
                                sorted(logged[k + 'c'])))
        names += ', names = hostapd (%d R0, %d R1)' % (len(ours0), len(ours1))
    for k, v in exc.items():
        counts[k] = counts.get(k, 0) + v
    print('%s %s: tshark %d, keys %d, identical %d, ks_want %d, action '
          'frames %d%s%s' % (
              'FAIL' if fails else 'ok', name, len(tdec), len(dec), same,
              wanted, acts, names,
              ''.join(', %s %d' % kv for kv in sorted(exc.items()))))
    for f in fails[:12]:
        print('   ', f)
    return not fails, len(tdec), same


def main():
    if '--regen' in sys.argv:
        only = sys.argv[sys.argv.index('--regen') + 1:]
        for name, rel, keys, _, _ in CASES:
            if only and name not in only:
                continue
            regen(name, os.path.join(DATA, rel), keys)
            print('wrote', name)
        return 0
    if not os.access(DRIVER, os.X_OK):
        print('skip: no', DRIVER)
        return SKIP
    counts = {}
    ok = True
    tot_t = tot_same = 0
    for case in CASES:
        good, nt, same = check_case(case, counts)
        ok &= good
        tot_t += nt
        tot_same += same
    print('%d captures: tshark decrypted %d frames, keys the same %d '
          'byte-identical' % (len(CASES), tot_t, tot_same))
    for k, v in sorted(counts.items()):
        print('exception %s applied %d times: %s' % (k, v, EXC[k]))
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
