#!/bin/sh
# The detail pane's Wireshark names (f), the display filter of a roam (c)
# and relative times (t), each checked with tshark: every name shown is a
# field tshark 4.0 knows and has a value in that very frame, and the filter
# selects every frame of the roam.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
. "$top_srcdir/tests/tui_lib.sh"
command -v tshark >/dev/null 2>&1 || { echo "# SKIP: tshark not installed"; exit 77; }


# names FRAME: the [names] on the screen, one "FRAME<TAB>name" a line
names() {
	grep -o '\[[a-z_.0-9A-Z]*\( == [0-9]*\)\?\]' "$T/screen" |
	    tr -d '[]' | sed "s/^/$1	/" >>"$T/names"
}

# walk CAP NFRAMES: open the newest roam, then each of its frames with the
# names on; pages through each frame's fields
walk() {
	tui_start 140 50 "'$ROAMSCOPE' -r '$1'; echo rs-exit=\$?; sleep 60"
	_step=start
	tui_wait "LAST ROAM" 20 || return 1
	# the whole file read: the roams are all there
	tui_wait "  END  " 20 || return 1
	tui_keys Tab Enter
	_step=frames
	tui_wait "FRAMES of roam" 20 || return 1
	_k=0
	while [ "$_k" -lt "$2" ]; do
		tui_keys Enter
		_step="frame $_k"
		tui_wait "── FRAME " 20 || return 1
		[ "$_k" -eq 0 ] && tui_keys f && tui_wait "f: Wireshark names"
		_n=$(sed -n 's/^── FRAME \([0-9]*\) of.*/\1/p' "$T/screen")
		names "$_n"
		for _p in NPage NPage End; do
			tui_keys "$_p"
			sleep 0.3
			tui_screen >/dev/null
			names "$_n"
		done
		tui_keys Left j
		_step="back from frame $_k"
		tui_wait "FRAMES of roam" 20 || return 1
		_k=$((_k + 1))
	done
	tui_keys q
}

# check_names CAP WHAT: each name in $T/names against tshark's decode of CAP
cat >"$T/check.py" <<'PY'
import subprocess, sys
cap, path = sys.argv[1], sys.argv[2]
pairs = sorted({tuple(l.rstrip("\n").split("\t", 1)) for l in open(path) if "\t" in l})
plain = sorted({n for f, n in pairs if " == " not in n})
cols = ["frame.number", "wlan.tag.number", "wlan.ext_tag.number"] + plain
out = subprocess.run(["tshark", "-r", cap, "-T", "fields"] +
                     [a for c in cols for a in ("-e", c)],
                     capture_output=True, text=True)
if out.returncode != 0:
    print("tshark refused a name:", out.stderr.strip()); sys.exit(1)
rows = {}
for line in out.stdout.splitlines():
    v = line.split("\t")
    rows[v[0]] = dict(zip(cols, v))
bad = 0
for f, n in pairs:
    r = rows.get(f)
    if r is None:
        print("no frame", f); bad += 1; continue
    if n.startswith("frame.number == "):
        ok = n == "frame.number == " + f
    elif " == " in n:
        k, v = n.split(" == ")
        ok = v in r.get(k, "").split(",")
    else:
        ok = r.get(n, "") != ""
    if not ok:
        print("frame %s: %s has no value in tshark" % (f, n)); bad += 1
print("%d names over %d frames checked" % (len(pairs), len({f for f, n in pairs})))
sys.exit(1 if bad or len(pairs) < 40 else 0)
PY
check_names() {
	if python3 "$T/check.py" "$1" "$T/names" >"$T/check" 2>&1; then
		t_ok "$2: every Wireshark name shown has a value in its frame ($(tail -1 "$T/check"))"
	else
		t_fail "$2: every Wireshark name shown has a value in its frame" "$(cat "$T/check")"
	fi
}

: >"$T/names"
walk "$DATA/lab/ft-ods-ok.pcap" 4 && t_ok "walked the FT over the DS roam's frames" ||
    { t_fail "walked the FT over the DS roam's frames" "stuck at $_step"; sed 's/^/#   | /' "$T/screen"; }
check_names "$DATA/lab/ft-ods-ok.pcap" "FT over the DS"

: >"$T/names"
walk "$DATA/lab/plain-psk-roam.pcap" 6 && t_ok "walked the PSK roam's frames" ||
    { t_fail "walked the PSK roam's frames" "stuck at $_step"; sed 's/^/#   | /' "$T/screen"; }
grep -q 'wlan_rsna_eapol.keydes.nonce' "$T/names" && t_ok "EAPOL-Key fields named" ||
    t_fail "EAPOL-Key fields named" "no EAPOL-Key names seen"
check_names "$DATA/lab/plain-psk-roam.pcap" "PSK roam"

# --- c: the roam's display filter selects its frames ---
CAP="$DATA/lab/ft-ods-ok.pcap"
"$ROAMSCOPE" -r "$CAP" --report=json 2>/dev/null | python3 -c '
import json, sys
r = json.load(sys.stdin)["roams"][-1]
print(" ".join(str(f) for f in r["frames"]))' >"$T/frames"
tui_start 200 40 "'$ROAMSCOPE' -r '$CAP'; echo rs-exit=\$?; sleep 60"
tui_check "client row" "LAST ROAM"
tui_check "the whole file read" "  END  " 20
tui_keys Tab c
tui_check "c prints a display filter" "wlan.addr == 02:00:00:00:02:00 && (wlan.addr =="
filt=$(grep -o 'wlan\.addr == .*frame\.time_epoch <= [0-9.]*' "$T/screen" | head -1)
tshark -r "$CAP" -Y "$filt" -T fields -e frame.number >"$T/sel" 2>"$T/tserr"
miss=0
for f in $(cat "$T/frames"); do
	grep -qx "$f" "$T/sel" || miss=$((miss + 1))
done
total=$(tshark -r "$CAP" -T fields -e frame.number 2>/dev/null | wc -l)
if [ -s "$T/frames" ] && [ "$miss" -eq 0 ] && [ "$(wc -l <"$T/sel")" -lt "$total" ]; then
	t_ok "tshark takes the filter; it selects all $(wc -w <"$T/frames") frames of the roam and $(wc -l <"$T/sel") of $total"
else
	t_fail "the filter selects the roam's frames" "missing $miss; filter '$filt': $(cat "$T/tserr")"
fi

# --- t: times from the roam's start ---
tui_keys Enter
tui_check "the roam's frames" "FRAMES of roam"
tui_keys t
tui_check "t: times relative to the roam's start" "FROM START s"
tui_grep "the first frame at +0" '^> ?[0-9]+ +\+0\.000000 '
tui_keys t
tui_check "t again: the wall clock" "TIME"
tui_keys q
tui_check "q quits" "rs-exit=0"
t_done
