#!/usr/bin/env python3
"""log_convert.py - write a controller log DERIVED from a lab run's hostapd logs.

The lab has real hostapd logs beside real captures of the same roams, but no
Cisco controller.  To test the AireOS and Catalyst 9800 readers and the clock
alignment on them, this writes what those controllers log for the same
events, in the line forms of real logs (AireOS `debug client`: the forms of
tests/data/logs/; 9800 RA trace: the forms quoted in doc/logs.md), at the times
hostapd logged them shifted by a clock offset (controllers log local time).
These logs are derived, not recorded: only the events, their order and their
times come from the lab; the words come from the real forms.

usage: log_convert.py aireos|c9800 OFFSET_SECONDS OUT HOSTAPD_LOG...

AireOS output has no year (as the real thing), records of one burst run
together on a line now and then and a pager line comes every 40 records, as
pasted logs do.  Prints one line per event written to stderr with -v.
"""
import re
import sys
import time

MAC = r'([0-9a-f]{2}(?::[0-9a-f]{2}){5})'
LINE = re.compile(r'^(\d+\.\d+): (?:\d+\.\d+: )?(?:(\w+\d): )?(.*)$')


def dotted(m):
    h = m.replace(':', '')
    return '%s.%s.%s' % (h[0:4], h[4:8], h[8:12])


def ap_radio(bssid):
    """The AP's radio MAC as AireOS names it (the BSSID with its low nibble 0)."""
    return bssid[:-1] + '0'


def events(paths):
    """(t, kind, sta, bssid, extra) from hostapd logs, in time order."""
    out = []
    for path in paths:
        bssid = None
        reassoc = {}
        for raw in open(path, errors='replace'):
            m = LINE.match(raw.rstrip('\n'))
            if not m:
                continue
            t, msg = float(m.group(1)), m.group(3)
            g = re.match(r'Using interface \S+ with hwaddr ' + MAC, msg)
            if g:
                bssid = g.group(1)
                continue
            g = re.match(r'authentication: STA=' + MAC + r' auth_alg=(\d+) auth_transaction=1 ', msg)
            if g and g.group(2) == '2':
                out.append((t, 'ft-auth', g.group(1), bssid, None))
                continue
            g = re.match(r'authentication reply: STA=' + MAC + r' auth_alg=(\d+) .*resp=(\d+)', msg)
            if g and g.group(3) != '0':
                out.append((t, 'auth-refused', g.group(1), bssid, int(g.group(3))))
                continue
            g = re.match(r'(re)?association request: STA=' + MAC + r'(?:.*current_ap=' + MAC + ')?', msg)
            if g:
                reassoc[g.group(2)] = bool(g.group(1))
                out.append((t, 'reassoc' if g.group(1) else 'assoc', g.group(2), bssid, g.group(3)))
                continue
            g = re.match(r'STA ' + MAC + r' IEEE 802\.11: association OK \(aid (\d+)\)', msg)
            if g:
                out.append((t, 'assoc-ok', g.group(1), bssid,
                            (int(g.group(2)), reassoc.get(g.group(1), False))))
                continue
            g = re.match(r'STA ' + MAC + r' WPA: sending ([13])/4 msg of 4-Way Handshake', msg)
            if g:
                out.append((t, 'm' + g.group(2), g.group(1), bssid, None))
                continue
            g = re.match(r'STA ' + MAC + r' WPA: received EAPOL-Key frame \(([24])/4 Pairwise\)', msg)
            if g:
                out.append((t, 'm' + g.group(2), g.group(1), bssid, None))
                continue
            g = re.match(r'STA ' + MAC + r' WPA: invalid MIC in msg 2/4', msg)
            if g:
                out.append((t, 'mic', g.group(1), bssid, None))
                continue
            g = re.match(r'STA ' + MAC + r' WPA: EAPOL-Key timeout', msg)
            if g:
                out.append((t, 'timeout', g.group(1), bssid, None))
                continue
            g = re.match(r'EAPOL-4WAY-HS-COMPLETED ' + MAC, msg)
            if g:
                out.append((t, 'keys-done', g.group(1), bssid, None))
                continue
            g = re.match(r'AP-STA-CONNECTED ' + MAC, msg)
            if g:
                out.append((t, 'run', g.group(1), bssid, None))
                continue
            g = re.match(r'ap_sta_disconnect addr ' + MAC + r' reason=(\d+)', msg) or \
                re.match(r'Timeout, sending deauthentication info to STA ' + MAC + r'()', msg)
            if g:
                out.append((t, 'deauth', g.group(1), bssid, g.group(2) or None))
                continue
    out.sort(key=lambda e: e[0])
    return out


def aireos(evs, offset):
    """Records (t, text) in AireOS debug client forms."""
    recs = []
    for t, kind, sta, bssid, x in evs:
        lt = t + offset

        def r(task, text, lt=lt):
            tm = time.gmtime(lt)
            stamp = '%s %02d %02d:%02d:%02d.%03d' % (
                time.strftime('%b', tm), tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                int(round((lt - int(lt)) * 1000)) % 1000)
            recs.append('*%s: %s: %s %s' % (task, stamp, sta, text))
        if kind == 'ft-auth':
            r('apfMsConnTask_5', 'Doing preauth for this client over the Air')
            r('apfMsConnTask_5', 'Doing local roaming for destination address %s' % bssid)
            r('apfMsConnTask_5', 'Got 1 AKMs in RSNIE')
        elif kind == 'auth-refused':
            r('spamApTask0', 'Association Failed on REAP AP BSSID %s (slot 0), status 11 0 '
              '802.11r Key Cache look up failed in (re)-assoc req' % bssid)
            r('spamApTask0', 'Scheduling deletion of Mobile Station:  (callerId: 30) in 1 seconds')
        elif kind in ('assoc', 'reassoc'):
            r('apfMsConnTask_4', '%s received from mobile on BSSID %s' % (
                'Reassociation' if kind == 'reassoc' else 'Association', bssid))
            r('apfMsConnTask_4', 'Global 200 Clients are allowed to AP radio')
            r('apfMsConnTask_4', '0.0.0.0 START (0) Change state to AUTHCHECK (2) last state START (0)')
        elif kind == 'assoc-ok':
            r('apfMsConnTask_4', 'Sending Assoc Response to station on BSSID %s (status 0) '
              'ApVapId 1 Slot 0' % bssid)
            r('apfMsConnTask_4', 'apfProcessAssocReq (apf_80211.c:8292) Changing state for mobile '
              '%s on AP %s from Associated to Associated' % (sta, ap_radio(bssid)))
        elif kind == 'm1':
            r('dot1xMsgTask', 'Sending EAPOL-Key Message to mobile %s state INITPMK (message 1), '
              'replay counter 00.00.00.00.00.00.00.00' % sta)
        elif kind == 'm3':
            r('Dot1x_NW_MsgTask_0', 'Sending EAPOL-Key Message to mobile %s state PTKINITNEGOTIATING '
              '(message 3), replay counter 00.00.00.00.00.00.00.01' % sta)
        elif kind == 'm2':
            r('Dot1x_NW_MsgTask_0', 'Received EAPOL-Key from mobile %s' % sta)
            r('Dot1x_NW_MsgTask_0', 'Received EAPOL-key in PTK_START state (message 2) from mobile %s' % sta)
        elif kind == 'm4':
            r('Dot1x_NW_MsgTask_0', 'Received EAPOL-key in PTKINITNEGOTIATING state (message 4) '
              'from mobile %s' % sta)
        elif kind == 'mic':
            r('Dot1x_NW_MsgTask_0', 'Received EAPOL-key M2 with invalid MIC from mobile %s version 2' % sta)
        elif kind == 'timeout':
            r('osapiBsnTimer', "802.1x 'timeoutEvt' Timer expired for station %s and for message = M2" % sta)
        elif kind == 'run':
            r('apfReceiveTask', '0.0.0.0 L2AUTHCOMPLETE (4) Change state to RUN (20) last state '
              'L2AUTHCOMPLETE (4)')
        elif kind == 'deauth':
            r('apfReceiveTask', 'Sent Deauthenticate to mobile on BSSID %s slot 0(caller '
              'apf_ms.c:5094)' % bssid)
    return recs


def c9800(evs, offset):
    recs = []
    names = {}
    # an M2 with an invalid MIC did not validate: no "validation success"
    # line for it (and no failure line either: no real 9800 form of it is
    # at hand)
    bad_m2 = [(sta, t) for t, kind, sta, _, _ in evs if kind == 'mic']
    for t, kind, sta, bssid, x in evs:
        if kind == 'm2' and any(s == sta and 0 <= bt - t < 0.05 for s, bt in bad_m2):
            continue
        lt = t + offset
        names.setdefault(bssid, 'lab-ap%d' % (len(names) + 1))

        def r(cat, sev, text, lt=lt, mac=True):
            tm = time.gmtime(lt)
            us = int(round((lt - int(lt)) * 1e6)) % 1000000
            recs.append('%s.%06d {wncd_x_R0-0}{1}: [%s] [17435]: (%s): %s%s' % (
                time.strftime('%Y/%m/%d %H:%M:%S', tm), us, cat, sev,
                ('MAC: %s  ' % dotted(sta)) if mac else '', text))
        where = 'BSSID %s, WLAN roamlab, Slot 0 AP %s, %s' % (
            dotted(bssid), dotted(ap_radio(bssid)), names[bssid])
        if kind == 'assoc':
            r('client-orch-sm', 'note', 'Association received. ' + where)
        elif kind == 'reassoc':
            r('client-orch-sm', 'note', 'Re-Association received. %s, old BSSID %s' % (
                where, dotted(x) if x else '0000.0000.0000'))
        elif kind == 'assoc-ok':
            r('dot11', 'note', 'Association success. AID %d, Roaming = %s, WGB = False, 11r = True, '
              '11w = False Fast roam = %s' % (x[0], x[1], x[1]))
        elif kind in ('m1', 'm3'):
            r('client-keymgmt', 'info', 'EAP key M%s Sent successfully' % kind[1])
        elif kind == 'm2':
            r('client-keymgmt', 'info', ' M2 Status: EAP key M2 validation success')
        elif kind == 'm4':
            r('client-keymgmt', 'info', ' M4 Status: EAP key M4 validation is successful')
        elif kind == 'keys-done':
            r('client-keymgmt', 'note', 'EAP Key management successful. AKM:FT-PSK Cipher:CCMP '
              'WPA Version: WPA2')
        elif kind == 'auth-refused':
            r('dot11', 'ERR', 'Dot11 update co assoc fail. Sent assoc failure to CO. delete reason: '
              '54, CO_CLIENT_DELETE_REASON_DOT11_INVALID_PMKID')
            r('client-orch-sm', 'info', 'Deleting the client, reason: 54, '
              'CO_CLIENT_DELETE_REASON_DOT11_INVALID_PMKID, Client state S_CO_ASSOCIATING')
        elif kind == 'run':
            recs.append('%s {wncd_x_R0-0}{1}: [errmsg] [17435]: (debug): '
                        '%%CLIENT_ORCH_LOG-7-CLIENT_MOVED_TO_RUN_STATE: R0/0: wncd: Username (null), '
                        'MAC: %s, IP 10.0.0.2 associated to AP (%s) with SSID (roamlab)' % (
                            time.strftime('%Y/%m/%d %H:%M:%S', time.gmtime(lt)) +
                            '.%06d' % (int(round((lt - int(lt)) * 1e6)) % 1000000),
                            dotted(sta), names[bssid]))
        elif kind == 'deauth':
            r('client-orch-sm', 'info', 'Deleting the client, reason: 2, '
              'CO_CLIENT_DELETE_REASON_DEAUTH_OR_DISASSOC_REQ, Client state S_CO_RUN')
    return recs


def main(argv):
    if len(argv) < 5 or argv[1] not in ('aireos', 'c9800'):
        sys.stderr.write(__doc__)
        return 2
    fmt, offset, out, logs = argv[1], float(argv[2]), argv[3], argv[4:]
    evs = events(logs)
    with open(out, 'w') as f:
        if fmt == 'aireos':
            recs = aireos(evs, offset)
            f.write('(Cisco Controller) >debug client %s\n' % (evs[0][2] if evs else ''))
            prev_t = None
            for i, rec in enumerate(recs):
                if i and i % 40 == 0:
                    f.write('\n--More-- or (q)uit\n')
                # records of one millisecond run together, as pasted logs do
                t = rec.split(': ', 2)[1]
                if prev_t == t and i % 3 == 0:
                    f.write(rec)
                else:
                    f.write(('\n' if i else '') + rec)
                prev_t = t
            f.write('\n')
        else:
            for rec in c9800(evs, offset):
                f.write(rec + '\n')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
