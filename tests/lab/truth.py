#!/usr/bin/env python3
"""truth.py - ground truth of a lab run, from the daemons' own logs.

hostapd and wpa_supplicant run with `-dd -t`: every line has an epoch
timestamp on the same clock as the capture. What the client did (which BSS it
tried, how, what answer it got, whether it connected) comes from wpas.log; what
each AP sent (auth/reassoc/FT-action/BTM status codes) from hostapdN.log. No
packet capture is parsed here on purpose: the truth must not share bugs with
roamscope's own frame parsing.

Usage:
  truth.py RUNDIR                  run dir of run-scenario.sh (hostapd1.log,
                                   hostapd2.log, wpas.log, [events.log, *.pcap])
  truth.py --ref DIR NAME          reference capture set DIR/NAME.{hostapd1,
                                   hostapd2,wpas}.log
  truth.py --validate DIR [NAME..] compare with DIR/NAME.truth.json (the
                                   reference truth files); exit 1 on mismatch

Output (JSON on stdout):
  aps[]       name, bssid, iface, ssid, freq (from the hostapd logs)
  attempts[]  every client attempt at a BSS: t_start, t_end, client, from,
              to, kind (auth | ft-ota | ft-ods), auth_alg, auth_statuses,
              ftact_status, assoc, assoc_status, key_handshake, outcome,
              ap_sent (statuses the target AP logged as sent), method, result,
              status
  roams[]     attempts made while connected (roamscope's "roams" shape:
              client, from, to, ssid, start, end, method, result, status,
              total_ms, same_bssid, trigger)
  joins[]     attempts made while not connected (same shape)
  btm[]       BSS Transition Management requests/responses
  events[]    the scenario's own events.log, when present
"""
import glob
import json
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                '..'))
import pcaplib  # noqa: E402

MAC = r'([0-9a-f]{2}(?::[0-9a-f]{2}){5})'
LINE = re.compile(r'^(\d+\.\d+): (?:\d+\.\d+: )?(.*)$')

STATUS_NAMES = {
    0: 'SUCCESS', 1: 'UNSPECIFIED_FAILURE', 2: 'TDLS_WAKEUP_ALTERNATE',
    7: 'REJECT_NO_SUITABLE_CANDIDATES (BTM) / CLASS3', 10: 'CAPS_UNSUPPORTED',
    12: 'ASSOC_DENIED_UNSPEC', 13: 'NOT_SUPPORTED_AUTH_ALG',
    14: 'UNKNOWN_AUTH_TRANSACTION', 15: 'CHALLENGE_FAIL', 16: 'AUTH_TIMEOUT',
    17: 'AP_UNABLE_TO_HANDLE_NEW_STA', 30: 'ASSOC_REJECTED_TEMPORARILY',
    31: 'ROBUST_MGMT_FRAME_POLICY_VIOLATION', 40: 'INVALID_IE',
    41: 'GROUP_CIPHER_NOT_VALID', 42: 'PAIRWISE_CIPHER_NOT_VALID',
    43: 'AKMP_NOT_VALID', 52: 'INVALID_FTIE / INVALID_MDIE',
    53: 'INVALID_PMKID', 54: 'INVALID_MDIE', 55: 'INVALID_FTIE',
    72: 'UNKNOWN_PASSWORD_IDENTIFIER', 77: 'UNSUPPORTED_FINITE_CYCLIC_GROUP',
    126: 'SAE_HASH_TO_ELEMENT',
}


def read_lines(path):
    """Yield (t, msg) for each timestamped line; hexdump continuation lines
    (no timestamp) are skipped."""
    if not path or not os.path.exists(path):
        return
    with open(path, errors='replace') as f:
        for raw in f:
            m = LINE.match(raw.rstrip('\n'))
            if m:
                yield float(m.group(1)), m.group(2)


# --------------------------------------------------------------------------
# hostapd logs
# --------------------------------------------------------------------------
def parse_hostapd(path, name):
    ap = {'name': name, 'bssid': None, 'iface': None, 'ssid': None,
          'freq': None, 'log': os.path.basename(path)}
    ev = []
    last_req = {}   # sta -> 'association' | 'reassociation'
    for t, msg in read_lines(path):
        m = re.match(r'Using interface (\S+) with hwaddr ' + MAC + r' and ssid "(.*)"', msg)
        if m:
            ap['iface'], ap['bssid'], ap['ssid'] = m.group(1), m.group(2), m.group(3)
            continue
        m = re.match(r'(?:\S+: )?nl80211: Set freq (\d+)', msg)
        if m and ap['freq'] is None:
            ap['freq'] = int(m.group(1))
            continue
        m = re.match(r'authentication reply: STA=' + MAC +
                     r' auth_alg=(\d+) auth_transaction=(\d+) resp=(\d+)', msg)
        if m:
            ev.append({'t': t, 'ap': name, 'ev': 'auth_response_tx', 'sta': m.group(1),
                       'auth_alg': int(m.group(2)), 'auth_transaction': int(m.group(3)),
                       'status': int(m.group(4))})
            continue
        m = re.match(r'(association|reassociation) request: STA=' + MAC, msg)
        if m:
            last_req[m.group(2)] = m.group(1)
            ev.append({'t': t, 'ap': name, 'ev': m.group(1) + '_request_rx', 'sta': m.group(2)})
            continue
        m = re.match(r'\S+: STA ' + MAC + r' IEEE 802\.11: association OK', msg)
        if m:
            kind = last_req.get(m.group(1), 'association')
            ev.append({'t': t, 'ap': name, 'ev': kind + '_response_tx', 'sta': m.group(1),
                       'status': 0})
            continue
        # hostapd 2.10 logs a refused (re)association like this
        m = re.match(r'\S+: STA ' + MAC + r' IEEE 802\.11: (?:assoc|reassoc)\w* .*(?:status|resp)[ =](\d+)', msg)
        if m:
            kind = last_req.get(m.group(1), 'association')
            ev.append({'t': t, 'ap': name, 'ev': kind + '_response_tx', 'sta': m.group(1),
                       'status': int(m.group(2))})
            continue
        m = re.match(r'FT: Received FT Action frame \(STA=' + MAC + r' Target AP=' + MAC, msg)
        if m:
            ev.append({'t': t, 'ap': name, 'ev': 'ft_action_request_rx', 'sta': m.group(1),
                       'target': m.group(2)})
            continue
        m = re.match(r'FT: FT Packet Type - Response \(status_code=(\d+)\)', msg)
        if m:
            ev.append({'t': t, 'ap': name, 'ev': 'ft_action_response_relay',
                       'status': int(m.group(1))})
            continue
        m = re.match(r'WNM: Send BSS Transition Management Request to ' + MAC +
                     r' req_mode=(\S+) disassoc_timer=(\d+)', msg)
        if m:
            ev.append({'t': t, 'ap': name, 'ev': 'btm_request_tx', 'sta': m.group(1),
                       'req_mode': m.group(2), 'disassoc_timer': int(m.group(3))})
            continue
        m = re.match(r'WNM: BSS Transition Management Response from ' + MAC +
                     r' dialog_token=(\d+) status_code=(\d+)', msg)
        if m:
            ev.append({'t': t, 'ap': name, 'ev': 'btm_response_rx', 'sta': m.group(1),
                       'status': int(m.group(3))})
            continue
        m = re.match(r'WNM: Target BSSID: ' + MAC, msg)
        if m and ev and ev[-1]['ev'] == 'btm_response_rx':
            ev[-1]['target'] = m.group(1)
            continue
        m = re.match(r'\S+: STA ' + MAC + r' IEEE 802\.11: (disassociated|deauthenticated)(.*)', msg)
        if m:
            ev.append({'t': t, 'ap': name, 'ev': m.group(2), 'sta': m.group(1),
                       'detail': m.group(3).strip()})
            continue
        m = re.match(r'\S+: AP-STA-(CONNECTED|DISCONNECTED) ' + MAC, msg)
        if m:
            ev.append({'t': t, 'ap': name, 'ev': 'ap_sta_' + m.group(1).lower(),
                       'sta': m.group(2)})
            continue
    return ap, ev


def ap_freq_from_conf(rundir, idx):
    """channel= of hostapdN.conf -> MHz (2.4 and 5 GHz)."""
    for p in (os.path.join(rundir, 'hostapd%d.conf' % idx),):
        if os.path.exists(p):
            with open(p) as f:
                for line in f:
                    if line.startswith('channel='):
                        ch = int(line.split('=', 1)[1])
                        if ch == 14:
                            return 2484
                        return 2407 + 5 * ch if ch <= 13 else 5000 + 5 * ch
    return None


# --------------------------------------------------------------------------
# wpa_supplicant log: the client's attempts
# --------------------------------------------------------------------------
def akm_method(akm, eap_seen, auth_alg):
    a = (akm or '').upper()
    if auth_alg == 3:
        return 'sae'
    if 'SAE' in a:      # open authentication: a cached PMKSA reused
        return 'pmksa-cache' if auth_alg == 0 else 'sae'
    if auth_alg in (4, 5, 6):
        return 'fils'
    if 'FILS' in a:
        return 'full-8021x' if eap_seen else 'pmksa-cache'
    if '802.1X' in a or 'EAP' in a:
        return 'full-8021x' if eap_seen else 'pmksa-cache'
    if 'PSK' in a:
        return 'psk'
    if a in ('NONE', ''):
        return 'open' if a == 'NONE' else 'psk'
    return a.lower()


def parse_wpas(path):
    client = None
    cur = None              # BSSID we are connected to
    att = None
    attempts = []
    btm = []
    akm = None
    pending_ota = False

    def close(a, outcome, t):
        if a is None or a.get('outcome'):
            return
        a['outcome'] = outcome
        a['t_end'] = t

    for t, msg in read_lines(path):
        msg = re.sub(r'^(?:wlan\d+|p2p-dev-\S+): ', '', msg)
        m = re.match(r'Own MAC address: ' + MAC, msg) or \
            re.match(r'FT: S[01]KH-ID: ' + MAC, msg)
        if m and not client:
            client = m.group(1)
        m = re.match(r'WPA: using KEY_MGMT (\S+)', msg)
        if m:
            akm = m.group(1)
            continue
        if msg.startswith('SME: Trying to use FT over-the-air'):
            pending_ota = True
            continue
        m = re.match(r"SME: Trying to authenticate with " + MAC +
                     r" \(SSID='(.*)' freq=(\d+) MHz\)", msg)
        if m:
            close(att, 'abandoned', t)
            att = {'t_start': t, 'to': m.group(1), 'ssid': m.group(2),
                   'freq': int(m.group(3)), 'from': cur,
                   'kind': 'ft-ota' if pending_ota else 'auth',
                   'auth_statuses': [], 'akm': akm}
            attempts.append(att)
            pending_ota = False
            continue
        m = re.match(r'FT: Request over-the-DS with ' + MAC, msg)
        if m:
            close(att, 'abandoned', t)
            att = {'t_start': t, 'to': m.group(1), 'ssid': None, 'freq': None,
                   'from': cur, 'kind': 'ft-ods', 'auth_statuses': [], 'akm': akm}
            attempts.append(att)
            continue
        m = re.match(r'FT: Received FT Action Response: STA \S+ TargetAP ' + MAC +
                     r' status (\d+)', msg)
        if m and att and att['to'] == m.group(1):
            att['ftact_status'] = int(m.group(2))
            if int(m.group(2)) != 0:
                close(att, 'ft action refused', t)
            continue
        m = re.match(r'SME: Authentication response: peer=' + MAC +
                     r' auth_type=(\d+) auth_transaction=(\d+) status_code=(\d+)', msg)
        if m and att and att['to'] == m.group(1):
            att['auth_alg'] = int(m.group(2))
            att['auth_statuses'].append(int(m.group(4)))
            continue
        m = re.match(r'CTRL-EVENT-AUTH-REJECT ' + MAC + r' auth_type=(\d+) '
                     r'auth_transaction=(\d+) status_code=(\d+)', msg)
        if m and att and att['to'] == m.group(1):
            att['auth_alg'] = int(m.group(2))
            if not att['auth_statuses'] or att['auth_statuses'][-1] != int(m.group(4)):
                att['auth_statuses'].append(int(m.group(4)))
            close(att, 'authentication refused', t)
            continue
        if re.match(r'SME: Authentication timed out|Authentication with ' + MAC + ' timed out', msg):
            close(att, 'authentication timeout', t)
            continue
        if msg.startswith('SME: Association timed out'):
            # the (re)association was never answered: the client has left
            # its old AP and starts again with a plain association
            close(att, 'association timeout', t)
            cur = None
            continue
        m = re.match(r"Trying to associate with " + MAC + r" \(SSID='(.*)' freq=(\d+) MHz\)", msg)
        if m:
            if not att or att['to'] != m.group(1) or att.get('outcome'):
                close(att, 'abandoned', t)
                att = {'t_start': t, 'to': m.group(1), 'from': cur, 'kind': 'assoc',
                       'auth_statuses': [], 'akm': akm}
                attempts.append(att)
            att['ssid'], att['freq'] = m.group(2), int(m.group(3))
            att['assoc'] = 'reassociation' if cur else 'association'
            continue
        m = re.match(r'CTRL-EVENT-ASSOC-REJECT bssid=' + MAC + r' status_code=(\d+)', msg)
        if m and att:
            att['assoc_status'] = int(m.group(2))
            close(att, 'association refused', t)
            continue
        m = re.match(r'Associated with ' + MAC + '$', msg)
        if m and att and att['to'] == m.group(1):
            att['assoc_status'] = 0
            att.setdefault('assoc', 'reassociation' if cur else 'association')
            continue
        m = re.match(r'WPA: RX message (\d) of 4-Way Handshake', msg)
        if m and att and not att.get('outcome'):
            att.setdefault('eapol_4way_rx_msgs', []).append(int(m.group(1)))
            continue
        if msg.startswith('CTRL-EVENT-EAP-STARTED') and att:
            att['eap'] = True
            continue
        if msg.startswith('FT: Completed successfully') and att:
            att['ft_completed'] = True
            continue
        m = re.match(r'WPA: Key negotiation completed with ' + MAC + r' \[(.*)\]', msg)
        if m and att:
            att['keys'] = m.group(2)
            continue
        m = re.match(r'CTRL-EVENT-CONNECTED - Connection to ' + MAC + ' completed', msg)
        if m:
            if att and att['to'] == m.group(1) and not att.get('outcome'):
                close(att, 'connected', t)
                att['connected'] = True
            cur = m.group(1)
            continue
        m = re.match(r'CTRL-EVENT-DISCONNECTED bssid=' + MAC + r' reason=(\d+)', msg)
        if m:
            if att and not att.get('outcome'):
                att['disconnect_reason'] = int(m.group(2))
                close(att, 'failed (disconnected reason %s)' % m.group(2), t)
            if cur == m.group(1) or cur is None:
                cur = None
            continue
        if msg.startswith('CTRL-EVENT-TERMINATING'):
            close(att, 'terminated', t)
            cur = None
            continue
        m = re.match(r'WNM: BSS Transition Management Request: dialog_token=(\d+) '
                     r'request_mode=(\S+) disassoc_timer=(\d+)', msg)
        if m:
            btm.append({'t': t, 'ev': 'btm_request_rx', 'from_ap': cur,
                        'req_mode': m.group(2), 'disassoc_timer': int(m.group(3))})
            continue
        m = re.match(r'WNM: Send BSS Transition Management Response to ' + MAC +
                     r' dialog_token=(\d+) status=(\d+)', msg)
        if m:
            btm.append({'t': t, 'ev': 'btm_response_tx', 'ap': m.group(1),
                        'status': int(m.group(3))})
            continue
        m = re.match(r'WNM: Transition to BSS ' + MAC + ' based on BSS Transition', msg)
        if m:
            btm.append({'t': t, 'ev': 'btm_transition', 'target': m.group(1)})
            continue
    if att and not att.get('outcome'):
        att['outcome'] = 'incomplete'
        att['t_end'] = None
    for a in attempts:
        a['client'] = client
    return client, attempts, btm


def summarize_attempt(a, ap_events, aps_by_bssid):
    """Fill method/result/status (roamscope vocabulary) and the AP's view."""
    kind = a['kind']
    alg = a.get('auth_alg')
    if kind == 'ft-ods':
        method = 'ft-over-ds'
    elif kind == 'ft-ota' or alg == 2:
        method = 'ft-over-air'
    else:
        method = akm_method(a.get('akm'), a.get('eap'), alg)
    a['method'] = method
    statuses = list(a['auth_statuses'])
    if 'ftact_status' in a:
        statuses.append(a['ftact_status'])
    if 'assoc_status' in a:
        statuses.append(a['assoc_status'])
    nonzero = [s for s in statuses if s != 0]
    a['status'] = nonzero[0] if nonzero else (0 if statuses else None)
    a['result'] = 'ok' if a.get('connected') else ('incomplete' if a['outcome'] == 'incomplete' else 'failed')
    if a.get('eapol_4way_rx_msgs'):
        a['key_handshake'] = 'EAPOL 4-way handshake'
    elif a.get('ft_completed'):
        a['key_handshake'] = 'FT (keys in FT auth/reassoc, no 4-way)'
    # what the target AP (and, for FT over the DS, the current AP) logged
    t0 = a['t_start'] - 0.05
    t1 = (a['t_end'] or a['t_start'] + 10) + 0.05
    tgt = aps_by_bssid.get(a['to'], {}).get('name')
    cur = aps_by_bssid.get(a['from'], {}).get('name') if a['from'] else None
    sent = []
    for e in ap_events:
        if not t0 <= e['t'] <= t1:
            continue
        if e.get('sta') not in (None, a['client']):
            continue
        if e['ap'] == tgt and e['ev'] in ('auth_response_tx', 'association_response_tx',
                                          'reassociation_response_tx'):
            sent.append({'ap': e['ap'], 'ev': e['ev'], 'status': e['status'],
                         'auth_alg': e.get('auth_alg'), 't': e['t']})
        elif kind == 'ft-ods' and e['ap'] == cur and e['ev'] == 'ft_action_response_relay':
            sent.append({'ap': e['ap'], 'ev': e['ev'], 'status': e['status'], 't': e['t']})
    a['ap_sent'] = sent
    a['from_name'] = cur
    a['to_name'] = tgt


def as_roam(a):
    end = a['t_end']
    return {
        'client': a['client'], 'from': a['from'], 'to': a['to'], 'ssid': a.get('ssid'),
        'start': round(a['t_start'], 6), 'end': round(end, 6) if end else None,
        'method': a['method'], 'result': a['result'], 'status': a['status'],
        'total_ms': round((end - a['t_start']) * 1000, 1) if end else None,
        'same_bssid': a['from'] == a['to'],
        'from_name': a.get('from_name'), 'to_name': a.get('to_name'),
        'trigger': a.get('trigger'), 'outcome': a['outcome'],
    }


def build(hostapd_logs, wpas_log, rundir=None, pcap=None, events=None):
    aps, ap_events = [], []
    for i, p in enumerate(hostapd_logs, 1):
        ap, ev = parse_hostapd(p, 'AP%d' % i)
        if ap['freq'] is None and rundir:
            ap['freq'] = ap_freq_from_conf(rundir, i)
        aps.append(ap)
        ap_events.extend(ev)
    ap_events.sort(key=lambda e: e['t'])
    aps_by_bssid = {a['bssid']: a for a in aps if a['bssid']}
    client, attempts, btm = parse_wpas(wpas_log)
    # BTM-triggered attempts: the first attempt after a BTM transition decision
    for b in btm:
        if b['ev'] == 'btm_transition':
            for a in attempts:
                if a['t_start'] >= b['t'] and a['to'] == b['target']:
                    a['trigger'] = 'btm'
                    break
    for a in attempts:
        summarize_attempt(a, ap_events, aps_by_bssid)
        if a.get('freq') is None and a['to'] in aps_by_bssid:
            a['freq'] = aps_by_bssid[a['to']]['freq']
        if a.get('ssid') is None and a['to'] in aps_by_bssid:
            a['ssid'] = aps_by_bssid[a['to']]['ssid']
    btm_all = [dict(e, side='client') for e in btm] + \
        [dict(e, side='ap') for e in ap_events if e['ev'].startswith('btm_')]
    btm_all.sort(key=lambda e: e['t'])
    out = {
        'source': {'hostapd': [os.path.basename(p) for p in hostapd_logs],
                   'wpas': os.path.basename(wpas_log)},
        'client': client,
        'aps': aps,
        'attempts': attempts,
        'roams': [as_roam(a) for a in attempts if a['from']],
        'joins': [as_roam(a) for a in attempts if not a['from']],
        'btm': btm_all,
        'ap_events': ap_events,
    }
    t0 = pcaplib.first_ts(pcap) if pcap else None
    if t0:
        out['pcap_first_ts'] = t0
        for a in attempts:
            a['t_rel'] = round(a['t_start'] - t0, 6)
    if events and os.path.exists(events):
        evl = []
        with open(events) as f:
            for line in f:
                parts = line.rstrip('\n').split(' ', 2)
                if len(parts) >= 2:
                    try:
                        evl.append({'t': float(parts[0]), 'kind': parts[1],
                                    'detail': parts[2] if len(parts) > 2 else ''})
                    except ValueError:
                        pass
        out['events'] = evl
    out['summary'] = [
        '%s %s %s->%s %s status=%s %s' % (
            'roam' if a['from'] else 'join', a['method'],
            a.get('from_name') or a['from'], a.get('to_name') or a['to'],
            a['result'], a['status'], a['outcome'])
        for a in attempts]
    return out


# --------------------------------------------------------------------------
# validation against the reference truth files
# --------------------------------------------------------------------------
def ref_attempts(ref):
    out = []
    for act in ref.get('actions', []):
        for s in act.get('sta_attempts', []):
            meth = s.get('method', '')
            kind = 'ft-ods' if 'over-the-DS' in meth else \
                'ft-ota' if 'over-the-air' in meth else 'auth'
            out.append({
                'to': s.get('bssid'), 'kind': kind, 'auth_alg': s.get('auth_alg'),
                'auth_status': (s.get('auth_status') or {}).get('code'),
                'ftact_status': (s.get('ft_action_response_status') or {}).get('code'),
                'assoc_status': (s.get('assoc_status') or {}).get('code'),
                'connected': bool(s.get('connected')), 't_rel': s.get('t_rel')})
    return out


def mine_attempts(truth):
    out = []
    for a in truth['attempts']:
        st = a['auth_statuses']
        nz = [x for x in st if x]
        out.append({
            'to': a['to'], 'kind': 'auth' if a['kind'] == 'assoc' else a['kind'],
            'auth_alg': a.get('auth_alg'),
            'auth_status': (nz[0] if nz else (0 if st else None)),
            'ftact_status': a.get('ftact_status'), 'assoc_status': a.get('assoc_status'),
            'connected': bool(a.get('connected')), 't_rel': a.get('t_rel')})
    return out


def validate(refdir, names):
    if not names:
        names = sorted(os.path.basename(p)[:-len('.truth.json')]
                       for p in glob.glob(os.path.join(refdir, '*.truth.json')))
    bad = 0
    for n in names:
        base = os.path.join(refdir, n)
        with open(base + '.truth.json') as f:
            ref = json.load(f)
        mine = build([base + '.hostapd1.log', base + '.hostapd2.log'], base + '.wpas.log',
                     pcap=base + '.pcap')
        r, m = ref_attempts(ref), mine_attempts(mine)
        why = []
        if len(r) != len(m):
            why.append('attempt count ref=%d mine=%d' % (len(r), len(m)))
        for i, (x, y) in enumerate(zip(r, m)):
            for k in ('to', 'kind', 'auth_alg', 'auth_status', 'ftact_status',
                      'assoc_status', 'connected'):
                if x[k] != y[k]:
                    why.append('#%d %s ref=%s mine=%s' % (i + 1, k, x[k], y[k]))
            if x['t_rel'] is not None and y['t_rel'] is not None and abs(x['t_rel'] - y['t_rel']) > 0.05:
                why.append('#%d t_rel ref=%s mine=%s' % (i + 1, x['t_rel'], y['t_rel']))
        if why:
            bad += 1
            print('FAIL truth-validate %s: %s' % (n, '; '.join(why)))
        else:
            print('PASS truth-validate %s (%d attempts)' % (n, len(r)))
    return bad


def main(argv):
    if len(argv) >= 2 and argv[1] == '--validate':
        return 1 if validate(argv[2], argv[3:]) else 0
    if len(argv) == 4 and argv[1] == '--ref':
        base = os.path.join(argv[2], argv[3])
        out = build([base + '.hostapd1.log', base + '.hostapd2.log'], base + '.wpas.log',
                    pcap=base + '.pcap')
        out['scenario'] = argv[3]
    elif len(argv) == 2 and os.path.isdir(argv[1]):
        d = argv[1]
        pcaps = [p for p in glob.glob(os.path.join(d, '*.pcap'))]
        out = build([os.path.join(d, 'hostapd1.log'), os.path.join(d, 'hostapd2.log')],
                    os.path.join(d, 'wpas.log'), rundir=d,
                    pcap=pcaps[0] if pcaps else None,
                    events=os.path.join(d, 'events.log'))
        out['scenario'] = os.path.basename(os.path.abspath(d))
    else:
        sys.stderr.write(__doc__)
        return 2
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write('\n')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
