#!/usr/bin/env python3
"""Write eapol-keyinfo.pcap (link type 105): one EAPOL-Key frame for every
combination of the Key Type, Secure, MIC, ACK and Install bits, with and
without key data, plus Request, Error and SMK frames and WPA1 (descriptor
254) frames, nonce and MIC zero and not.  Used with its tshark 4.0 oracle
(eapol-keyinfo.pcap.tshark.tsv, made with the command in
../public/INDEX.md) by tests/diff_tshark.py to pin down where tshark's
EAPOL message-number guess and hostapd wlantest's rule differ.
Deterministic: run it again and the bytes are the same."""
import os
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                '..', '..'))
import pcaplib  # noqa: E402

AP = bytes.fromhex('020000000000')
STA = bytes.fromhex('020000000200')


def key(ki, kdl, nonce_zero=False, desc=2, mic_zero=False):
    body = bytes([desc]) + struct.pack('>HHQ', ki, 16, 1)
    body += (b'\0' if nonce_zero else b'\x11') * 32 + b'\0' * 32
    body += (b'\0' if mic_zero else b'\x22') * 16
    body += struct.pack('>H', kdl) + b'\x30' * kdl
    eapol = bytes([1, 3]) + struct.pack('>H', len(body)) + body
    llc = b'\xaa\xaa\x03\x00\x00\x00\x88\x8e'
    if ki & 0x0080:     # ACK: from the AP (FromDS: DA, BSSID, SA)
        hdr = struct.pack('<HH', 0x0208, 0) + STA + AP + AP
    else:               # from the STA (ToDS: BSSID, SA, DA)
        hdr = struct.pack('<HH', 0x0108, 0) + AP + STA + AP
    return hdr + b'\x00\x00' + llc + eapol


frames = []
for pairwise in (0x0008, 0):
    for bits in range(16):
        ki = 0x0002 | pairwise
        ki |= 0x0200 if bits & 1 else 0     # Secure
        ki |= 0x0100 if bits & 2 else 0     # MIC
        ki |= 0x0080 if bits & 4 else 0     # ACK
        ki |= 0x0040 if bits & 8 else 0     # Install
        for kdl in (0, 22):
            frames.append(key(ki, kdl))
for extra in (0x0800, 0x0400, 0x2000):      # Request, Error, SMK
    frames.append(key(0x010a | extra, 0))
for ki in (0x0109, 0x0189, 0x01c9, 0x0089):  # WPA1: no Secure in 3/4
    for kdl in (0, 22):
        for zero in (False, True):
            frames.append(key(ki, kdl, zero, 254, zero))

pcaplib.write_pcap('eapol-keyinfo.pcap',
                   pcaplib.file_header(pcaplib.LINKTYPE_IEEE802_11, 65535),
                   [(1700000000, i, d, len(d)) for i, d in enumerate(frames)])
