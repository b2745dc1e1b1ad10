#!/bin/sh
# `w` writes the selected roam's frames and +-10 s of context (the client's
# frames, both APs' beacons) to a pcapng that tshark reads, each frame with
# its number in the original in a comment.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
. "$top_srcdir/tests/tui_lib.sh"
rc=0
CAP="$DATA/lab/ft-invalid-pmkid.pcap"
[ -n "${TSHARK:-}" ] && [ -x "$TSHARK" ] || TSHARK=$(command -v tshark)
if [ -z "$TSHARK" ]; then
	echo "# SKIP: tshark not installed"
	exit 77
fi

tui_start 120 40 "'$ROAMSCOPE' -r '$CAP'; echo rs-exit=\$?; sleep 60"
tui_check "client row" "02:00:00:00:02:00"
tui_check "the whole file read" "  END  " 20
tui_keys Tab
tui_keys w
tui_check "status line names the file" "roamscope-020000000200-"
path=$(grep -o '/[^ ]*roamscope-020000000200-[0-9-]*\.pcapng' "$T/screen" | head -1)
nw=$(grep -o '([0-9]* frames:' "$T/screen" | tr -dc '0-9')
if [ -n "$path" ] && [ -s "$path" ] && [ "$(dirname "$path")" = "$(cd "$T" && pwd -P)" ]; then
	t_ok "pcapng written in the working directory"
else
	t_fail "pcapng written in the working directory" "path '$path'"
fi
# The frames view lists the roam's frames by their number in the file.
tui_keys Enter
tui_check "frames view" "FRAMES of roam"
nums=$(awk '/^[ >][0-9]+ /{ sub(/^>/, " "); print $1 }' "$T/screen" | tr '\n' ' ')
cnt=$(echo $nums | wc -w)
# Each written frame names its original in a comment ("frame N").
"$TSHARK" -r "$path" -T fields -e frame.comment -e frame.len -e frame.time_epoch -e wlan.fc.type_subtype -e wlan.seq -e wlan.fixed.status_code >"$T/written" 2>"$T/tserr"
trc=$?
"$TSHARK" -r "$CAP" -T fields -e frame.number -e frame.len -e frame.time_epoch -e wlan.fc.type_subtype -e wlan.seq -e wlan.fixed.status_code >"$T/orig" 2>/dev/null
if [ $trc -eq 0 ] && [ "$(lines "$T/written")" -eq "$nw" ] && [ "$nw" -gt "$cnt" ] && [ "$cnt" -gt 0 ]; then
	t_ok "tshark reads the pcapng: $nw frames, the roam's $cnt and their context"
else
	t_fail "tshark reads the pcapng" "tshark rc $trc, $(lines "$T/written") frames, status says '$nw', view lists $cnt ($nums)"
	sed 's/^/#   tshark: /' "$T/tserr" | head -3
fi
sed -n 's/^frame \([0-9]*\)\t/\1\t/p' "$T/written" >"$T/bynum"
if [ "$(lines "$T/bynum")" -eq "$nw" ] && awk -F'\t' 'NR == FNR { o[$1] = $0; next } o[$1] != $0 { bad++ } END { exit bad }' "$T/orig" "$T/bynum"; then
	t_ok "every frame's comment names its original (length, time, type, seq, status the same)"
else
	t_fail "every frame's comment names its original" "differ"
	head -3 "$T/written" | sed 's/^/#   /'
fi
miss=0
for n in $nums; do
	grep -q "^$n	" "$T/bynum" || miss=$((miss + 1))
done
[ "$miss" -eq 0 ] && t_ok "the roam's frames are all in it" ||
    t_fail "the roam's frames are all in it" "$miss of $cnt missing"
# the context: both APs' beacons, from 10 s before the roam to 10 s after
"$TSHARK" -r "$path" -Y "wlan.fc.type_subtype == 8" -T fields -e wlan.ta 2>/dev/null | sort -u >"$T/beacons"
if grep -qx 02:00:00:00:00:00 "$T/beacons" && grep -qx 02:00:00:00:01:00 "$T/beacons"; then
	t_ok "both APs' beacons are in the context"
else
	t_fail "both APs' beacons are in the context" "beacons of: $(cat "$T/beacons")"
fi
tui_keys q
tui_check "q quits" "rs-exit=0"

# --- recording: the header says where, the status line the failed file ---
tui_start 160 30 "'$ROAMSCOPE' -r '$CAP' --record-dir '$T/rec'; echo rs-exit=\$?; sleep 60"
tui_check "the header says where the walk is kept" "REC $T/rec  END REC" 20
tui_check "the status line names the failed roam's file" "failed roam saved: $T/rec/failed-"
f=$(ls "$T"/rec/failed-*-status53.pcapng 2>/dev/null)
[ -n "$f" ] && "$TSHARK" -r "$f" >/dev/null 2>&1 && t_ok "tshark reads it" ||
    t_fail "tshark reads it" "$(ls "$T/rec")"
tui_keys q
tui_check "q quits" "rs-exit=0"
t_done
