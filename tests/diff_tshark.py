#!/usr/bin/env python3
"""Differential test: roamscope --frames against tshark 4.0.

For every capture in tests/data/ with a NAME.tshark.tsv beside it (made by
tshark 4.0.17 with the command in tests/data/public/INDEX.md), every tshark
row is compared with roamscope's --frames line of the same frame number on:
type (from the subtype), sa, da, bssid, auth algorithm, status, reason, auth
sequence, MDID, PMKIDs (wlan.pmkid.akms), category, action, BTM status,
EAPOL message number, PMKID KDE and retry.

tshark is an oracle with quirks of its own.  Each one is handled below by a
named, commented rule in EXCEPTIONS; a disagreement that no rule explains is
a failure.  Every exception applied is counted and printed, so nothing is
hidden.  The test prints one line per capture and a summary, and exits 1 on
any unexplained disagreement (77, "skipped", when there is nothing to run).

Which program is tested: $ROAMSCOPE (src/roamscope) when it exists and
prints --frames lines; otherwise tests/frames_driver (same parser, same
printer, a plain libpcap loop), and the line says so.
"""

import json
import os
import subprocess
import sys

SKIP = 77

HERE = os.path.dirname(os.path.abspath(__file__))
SRCDIR = os.environ.get('top_srcdir') or os.path.dirname(HERE)
BUILDDIR = os.environ.get('top_builddir') or SRCDIR
DATA = os.path.join(SRCDIR, 'tests', 'data')

# tshark's wlan.fc.type_subtype -> our "type" (data rows come from the
# "eapol" filter, so they must be EAPOL or EAP frames).
SUBTYPE_KIND = {
    0x00: 'assoc_req', 0x01: 'assoc_resp', 0x02: 'reassoc_req',
    0x03: 'reassoc_resp', 0x04: 'probe_req', 0x05: 'probe_resp',
    0x08: 'beacon', 0x0a: 'disassoc', 0x0b: 'auth', 0x0c: 'deauth',
    0x0d: 'action', 0x0e: 'action_noack',
}
DATA_KINDS = ('eapol', 'eap')

# --------------------------------------------------------------------------
# Named exceptions: tshark 4.0's quirks.  Each is a function that gets the
# field, tshark's raw value, roamscope's value and the whole line, and
# returns True when the difference is that quirk (and only that quirk).
# --------------------------------------------------------------------------


def swap_mdid(v):
    """tshark prints the 2-octet MDID as a little-endian uint16: wire
    a1 b2 is "0xb2a1".  We print the wire order, "a1b2"."""
    v = v[2:] if v.startswith('0x') else v
    v = v.zfill(4)
    return v[2:4] + v[0:2]


def tshark_msgnr(ki, kdl):
    """tshark 4.0's guess, established by running it over every Key
    Information combination (tests/data/crafted/eapol-keyinfo.pcap):
    Request bit -> no number; pairwise: ACK ? (Install ? 3 : 1) :
    (key data length 0 ? 4 : 2); group: ACK ? 1 : 2.  MIC, Secure, Error
    and SMK are not looked at."""
    if ki & 0x0800:
        return None
    if ki & 0x0008:
        if ki & 0x0080:
            return '3' if ki & 0x0040 else '1'
        return '4' if kdl == 0 else '2'
    return '1' if ki & 0x0080 else '2'


def exc_msgnr_loose(field, ts, ours, line):
    """TSHARK_MSGNR_LOOSE: hostapd wlantest's rule (ours) classifies a
    pairwise frame only for the Secure/MIC/ACK/Install combinations the
    handshake uses, and calls Error/Request frames "req"; tshark numbers
    any frame by ACK, Install and key data length alone (see
    tshark_msgnr).  Accepted only when we printed no number 1-4 and
    tshark's value is exactly its rule's for this frame's key info.  Where
    both give a number they agree (checked on every combination)."""
    if field != 'msgnr' or isinstance(ours, int):
        return False
    ki = line.get('key_info')
    if ki is None or not ki & 0x0008:
        return False
    return ts == tshark_msgnr(ki, line.get('key_data_len', 0))


def exc_group_msgnr(field, ts, ours, line):
    """TSHARK_GROUP_MSGNR: for a group key handshake frame (Key Type bit
    clear) tshark prints 1 or 2 in the same msgnr field as the 4-way; we
    print "g1" / "g2" (wlantest's 1/2 of the group handshake).  Accepted
    when ours is g<N> for tshark's N, or when wlantest leaves the frame
    unclassified and tshark's value is its rule's."""
    if field != 'msgnr':
        return False
    ki = line.get('key_info')
    if ki is None or ki & 0x0008:
        return False
    if ours in ('g1', 'g2'):
        return ours == 'g' + ts
    return ts == tshark_msgnr(ki, line.get('key_data_len', 0))


def exc_too_short(field, ts, ours, line):
    """TSHARK_SHORT_FRAME: tshark names the subtype of a frame too short
    for its 802.11 header (24 bytes for management) and marks it
    [Malformed Packet]; we do not decode a header that is not there: the
    line (with --frames=all) says type "none", error "too_short"."""
    return field == 'type' and line.get('error') == 'too_short'


EXCEPTIONS = {
    'TSHARK_SHORT_FRAME': exc_too_short,
    'TSHARK_MSGNR_LOOSE': exc_msgnr_loose,
    'TSHARK_GROUP_MSGNR': exc_group_msgnr,
}

# --------------------------------------------------------------------------


def tshark_rows(tsv):
    with open(tsv, encoding='utf-8', errors='replace') as f:
        head = f.readline().rstrip('\n').split('\t')
        for raw in f:
            cols = raw.rstrip('\n').split('\t')
            cols += [''] * (len(head) - len(cols))
            yield dict(zip(head, cols))


def hexint(v):
    return int(v, 16) if v.startswith('0x') else int(v)


def first(v):
    """tshark joins repeated occurrences of a field with commas."""
    return v.split(',')[0] if v else v


def mac(v):
    return v.split(',')[0].lower() if v else None


def compare_row(row, line, counts):
    """Yield (field, tshark, ours) for each unexplained disagreement."""
    st = hexint(row['wlan.fc.type_subtype'])
    kind = line.get('type')
    if kind == 'none':
        if exc_too_short('type', st, None, line):
            counts['TSHARK_SHORT_FRAME'] = \
                counts.get('TSHARK_SHORT_FRAME', 0) + 1
        else:
            yield ('type', hex(st), 'none: %s' % line.get('error'))
        return
    if st in SUBTYPE_KIND:
        want = SUBTYPE_KIND[st]
        if kind != want:
            yield ('type', want, kind)
            return
    elif st >> 4 == 2:
        if kind not in DATA_KINDS:
            yield ('type', 'eapol|eap', kind)
            return
    else:
        yield ('type', hex(st), kind)
        return

    checks = []
    # Addresses: tshark fills wlan.sa/da/bssid from the same To/From DS
    # table as the parser.
    for key, col in (('sa', 'wlan.sa'), ('da', 'wlan.da'),
                     ('bssid', 'wlan.bssid')):
        checks.append((key, mac(row[col]), line.get(key)))
    retry = row['wlan.fc.retry']
    if retry:
        checks.append(('retry', retry in ('1', 'True'), line.get('retry')))

    if row['wlan.fixed.auth.alg']:
        checks.append(('auth_alg', int(first(row['wlan.fixed.auth.alg'])),
                       line.get('auth_alg')))
    if row['wlan.fixed.auth_seq']:
        checks.append(('auth_seq', hexint(first(row['wlan.fixed.auth_seq'])),
                       line.get('auth_seq')))
    if row['wlan.fixed.status_code']:
        checks.append(('status', hexint(first(row['wlan.fixed.status_code'])),
                       line.get('status')))
    if row['wlan.fixed.reason_code']:
        checks.append(('reason', hexint(first(row['wlan.fixed.reason_code'])),
                       line.get('reason')))
    if row['wlan.mobility_domain.mdid']:
        checks.append(('mdid',
                       swap_mdid(first(row['wlan.mobility_domain.mdid'])),
                       line.get('mdid')))
    else:
        checks.append(('mdid', None, line.get('mdid')))
    tsp = row['wlan.pmkid.akms']
    checks.append(('pmkids', tsp.lower().split(',') if tsp else None,
                   line.get('pmkids')))
    if row['wlan.fixed.category_code']:
        checks.append(('category',
                       int(first(row['wlan.fixed.category_code'])),
                       line.get('category')))
    if row['wlan.fixed.action_code']:
        checks.append(('action', hexint(first(row['wlan.fixed.action_code'])),
                       line.get('action')))
    if row['wlan.fixed.bss_transition_status_code']:
        checks.append(('btm_status',
                       hexint(first(row[
                           'wlan.fixed.bss_transition_status_code'])),
                       line.get('btm_status')))
    if row['wlan_rsna_eapol.keydes.msgnr']:
        checks.append(('msgnr', row['wlan_rsna_eapol.keydes.msgnr'],
                       line.get('eapol_msg')))
    kde = row['wlan.rsn.ie.pmkid']
    checks.append(('pmkid_kde', kde.lower() if kde else None,
                   line.get('pmkid_kde')))

    for field, ts, ours in checks:
        if field == 'msgnr':
            if str(ours) == ts:
                continue
        elif ts == ours:
            continue
        for name, rule in EXCEPTIONS.items():
            if rule(field, ts, ours, line):
                counts[name] = counts.get(name, 0) + 1
                break
        else:
            yield (field, ts, ours)


def roamscope_cmd():
    """$ROAMSCOPE when it works on a capture, else the test driver."""
    rs = os.environ.get('ROAMSCOPE')
    probe = os.path.join(DATA, 'lab', 'kvr-sequence.pcap')
    if rs and os.access(rs, os.X_OK) and os.path.exists(probe):
        try:
            out = subprocess.run([rs, '-r', probe, '--frames'],
                                 capture_output=True, timeout=60).stdout
            first_line = out.split(b'\n', 1)[0]
            if first_line and 'n' in json.loads(first_line):
                return [rs, '--frames=all', '-r'], 'roamscope'
        except (OSError, ValueError, subprocess.SubprocessError):
            pass
    drv = os.environ.get('FRAMES_DRIVER') or os.path.join(
        BUILDDIR, 'tests', 'frames_driver')
    if os.access(drv, os.X_OK):
        return [drv, '-a'], 'frames_driver'
    return None, None


def our_lines(cmd, path):
    p = subprocess.run(cmd + [path], capture_output=True, timeout=300)
    lines = {}
    for raw in p.stdout.splitlines():
        d = json.loads(raw)
        lines[d['n']] = d
    return lines, p.returncode


def main():
    cmd, what = roamscope_cmd()
    if cmd is None:
        print('SKIP: neither $ROAMSCOPE nor tests/frames_driver runs')
        return SKIP
    caps = []
    for root, _dirs, files in os.walk(DATA):
        for f in files:
            if f.endswith('.tshark.tsv'):
                cap = os.path.join(root, f[:-len('.tshark.tsv')])
                if os.path.exists(cap):
                    caps.append(cap)
    caps.sort()
    if not caps:
        print('SKIP: no capture with a .tshark.tsv in', DATA)
        return SKIP
    print('# testing', what, '(%s)' % ' '.join(cmd))

    total_rows = total_bad = failed = 0
    all_counts = {}
    verbose = os.environ.get('DIFF_VERBOSE')
    for cap in caps:
        rel = os.path.relpath(cap, DATA)
        rows = list(tshark_rows(cap + '.tshark.tsv'))
        try:
            lines, _rc = our_lines(cmd, cap)
        except (ValueError, subprocess.SubprocessError) as e:
            print('FAIL %s: cannot read our output: %s' % (rel, e))
            failed += 1
            continue
        counts = {}
        bad = []
        for row in rows:
            n = int(row['frame.number'])
            line = lines.get(n)
            if line is None:
                bad.append((n, 'line', 'a --frames line', 'none'))
                continue
            for field, ts, ours in compare_row(row, line, counts):
                bad.append((n, field, ts, ours))
        total_rows += len(rows)
        total_bad += len(bad)
        for k, v in counts.items():
            all_counts[k] = all_counts.get(k, 0) + v
        exc = ''.join(' %s=%d' % kv for kv in sorted(counts.items()))
        if bad:
            failed += 1
            print('FAIL %s: %d rows, %d disagreements%s' %
                  (rel, len(rows), len(bad), exc))
            for b in bad[:None if verbose else 5]:
                print('    frame %d %s: tshark %r, roamscope %r' % b)
        else:
            print('PASS %s: %d rows agree%s' % (rel, len(rows), exc))
    print('# summary: %d captures, %d failed; %d tshark rows, %d '
          'disagreements; exceptions applied: %s' %
          (len(caps), failed, total_rows, total_bad,
           ', '.join('%s=%d' % kv for kv in sorted(all_counts.items()))
           or 'none'))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
