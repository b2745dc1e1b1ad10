#!/bin/sh
# The AP list's cursor and one BSS's screen (roams in and out, the latest
# beacon's capabilities and decoded elements, timed changes), and the roam
# matrix, checked against what --report says of the same capture.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
. "$top_srcdir/tests/tui_lib.sh"


# --- the cursor, one BSS, its beacon, a roam's frames ---
CAP="$DATA/lab/ft-ota-ok.pcap"
"$ROAMSCOPE" -r "$CAP" --report >"$T/report" 2>/dev/null
# the roams into and out of 02:00:00:00:01:00, by the report's AP pairs
in=$(awk '$1 == "02:00:00:00:00:00" && $3 == "02:00:00:00:01:00" { print $4 }' "$T/report")
out=$(awk '$1 == "02:00:00:00:01:00" && $3 == "02:00:00:00:00:00" { print $4 }' "$T/report")
med=$(awk '$1 == "02:00:00:00:00:00" && $3 == "02:00:00:00:01:00" { print $6 }' "$T/report")
[ -n "$in" ] && [ -n "$out" ] && [ -n "$med" ] && t_ok "the report has the AP pairs" ||
    t_fail "the report has the AP pairs" "no AP PAIRS lines"

tui_start 120 40 "'$ROAMSCOPE' -r '$CAP'; echo rs-exit=\$?; sleep 60"
tui_check "client row" "02:00:00:00:02:00"
tui_check "the whole file read" "  END  " 20
tui_keys a
tui_check "AP list" "ACCESS POINTS"
tui_grep "the cursor starts on the first BSS" '^>roamlab +02:00:00:00:00:00'
tui_keys j
tui_wait ">roamlab          02:00:00:00:01:00" 5
tui_grep "j moves the cursor to the second BSS" '^>roamlab +02:00:00:00:01:00'
tui_keys Enter
tui_check "Enter opens the BSS under the cursor" "AP 02:00:00:00:01:00  roamlab  channel 6 (2.4 GHz)"
tui_grep "roams in and out as the report's pairs" \
    "roams in $in \\(0 failed\\)  out $out \\(0 failed\\)  joins 0"
# tshark: wlan.mobility_domain.mdid 0xb2a1, AKMs 2 and 4, group CCMP
tui_grep "capabilities of its latest beacon" \
    'latest beacon: MDID a1b2, FT over DS no  AKMs PSK,FT-PSK  group CCMP-128  MFP no'
tui_grep "a roam in, from the other AP" \
    '^ #[0-9]+ +[0-9:.]+ in   02:00:00:00:02:00 from 02:00:00:00:00:00  FT-OTA'
tui_grep "a roam out, to the other AP" \
    '^ #[0-9]+ +[0-9:.]+ out  02:00:00:00:02:00 to   02:00:00:00:00:00  FT-OTA'
n=$(grep -c -E '^ #[0-9]+ .* (in|out) +02:00:00:00:02:00' "$T/screen")
[ "$n" -eq $((in + out)) ] && t_ok "one row per roam in or out ($n)" ||
    t_fail "one row per roam in or out" "$n rows, the report says $((in + out))"
tui_grep "the beacon row is first, under the cursor" '^>beacon: frame [0-9]+ at '
tui_keys Enter
tui_check "Enter decodes the beacon" "Element: SSID (0)"
tui_grep "the beacon is the BSS's" 'Transmitter address: 02:00:00:00:01:00'
tui_keys G
tui_check "its Mobility Domain element" "Element: Mobility Domain (54)"
tui_grep "its MDID in wire order" 'MDID: a1b2'
tui_keys Escape
tui_check "Esc: back to the BSS" "ROAMS IN AND OUT"
tui_keys j Enter
tui_check "Enter on a roam: its frames" "FRAMES of roam #"
tui_keys Escape
tui_check "Esc from the frames: back to the BSS" "ROAMS IN AND OUT"
tui_keys Escape
tui_check "Esc: back to the list" "ACCESS POINTS"
tui_grep "the cursor stayed on its BSS" '^>roamlab +02:00:00:00:01:00'

# --- the roam matrix ---
tui_keys m
tui_check "m: the roam matrix" "ROAM MATRIX  2 AP pairs, 2 APs"
tui_grep "the grid: A to B" "^ A  02:00:00:00:00:00 +. +$in/0 "
tui_grep "the grid: B to A" "^ B  02:00:00:00:01:00 +$out/0 "
tui_grep "the pair list with the report's median" \
    "^>02:00:00:00:00:00 . 02:00:00:00:01:00  roams $in  failed 0  median $med ms"
tui_keys m
tui_check "m again: back to the AP list" "ACCESS POINTS"
tui_keys q
tui_check "q quits" "rs-exit=0"

# --- a failed roam in the matrix (status 53) ---
CAP="$DATA/lab/ft-invalid-pmkid.pcap"
tui_start 80 24 "'$ROAMSCOPE' -r '$CAP'; echo rs-exit=\$?; sleep 60"
tui_check "80x24: client row" "02:00:00:00:02:00"
tui_check "80x24: the whole file read" "END" 20
tui_keys m
tui_check "80x24: the matrix" "ROAM MATRIX  1 AP pair"
tui_grep "the failed roam counted in its cell" '^ A  02:00:00:00:00:00 +. +1/1 -'
tui_grep "and in the list" 'roams 1  failed 1  median -'
tui_keys q
tui_check "q quits" "rs-exit=0"

# --- timed capability changes: the lab capture with AP2's MDE turning FT
# over the DS on halfway (its beacons after that changed, nothing else) ---
python3 - "$DATA/lab/ft-ota-ok.pcap" "$T/changed.pcap" "$top_srcdir/tests" <<'PY'
import struct, sys
sys.path.insert(0, sys.argv[3])
import pcaplib
hdr, recs = pcaplib.read_pcap(sys.argv[1])
half = (recs[0].sec + recs[-1].sec) // 2
out = []
for r in recs:
    d = bytearray(r.data)
    rl = struct.unpack_from("<H", d, 2)[0]
    if r.sec >= half and d[rl] == 0x80 and d[rl + 10:rl + 16] == bytes.fromhex("020000000100"):
        i = rl + 24 + 12
        while i + 2 <= len(d):
            if d[i] == 54 and d[i + 1] == 3:
                d[i + 4] |= 0x01        # FT Capability and Policy: over DS
            i += 2 + d[i + 1]
    out.append((r.sec, r.frac, d, r.origlen))
pcaplib.write_pcap(sys.argv[2], hdr.raw, out)
PY
"$ROAMSCOPE" -r "$T/changed.pcap" --report=json 2>/dev/null | python3 -c '
import json, sys
ap = [a for a in json.load(sys.stdin)["aps"] if a["bssid"] == "02:00:00:00:01:00"][0]
print(" ".join(c["field"] for c in ap["changes"]), ap["changes_total"])' >"$T/changes"
[ "$(cat "$T/changes")" = "ft_over_ds 1" ] && t_ok "the report: one change, FT over the DS" ||
    t_fail "the report: one change, FT over the DS" "$(cat "$T/changes")"
tui_start 120 40 "'$ROAMSCOPE' -r '$T/changed.pcap'; echo rs-exit=\$?; sleep 60"
tui_check "client row" "02:00:00:00:02:00"
tui_check "the whole file read" "  END  " 20
tui_keys a
tui_check "AP list" "ACCESS POINTS"
tui_grep "the BSS marked: FT over the DS on, an ESS inconsistency" '02:00:00:00:01:00 +6 a1b2 yes .* ! ft-over-ds-mixed'
tui_keys j Enter
tui_check "its screen" "AP 02:00:00:00:01:00"
tui_grep "what its beacons changed" '^── changes \(1, latest 1 shown\)'
tui_grep "the change with its time" '^ . [0-9:.]+ FT over the DS turned on'
tui_grep "the latest beacon says so" 'latest beacon: MDID a1b2, FT over DS yes'
tui_grep "the ESS finding that names it" '^ . ESS \[ft-over-ds-mixed\] '
tui_keys q
tui_check "q quits" "rs-exit=0"
t_done
