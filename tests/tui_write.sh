#!/bin/sh
# `w` writes the selected roam's frames to a pcapng that tshark reads, with
# the very frames the frames view lists (same numbers in the original).
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
tui_keys Tab
tui_keys w
tui_check "status line names the file" "roamscope-020000000200-"
path=$(grep -o '/[^ ]*roamscope-020000000200-[0-9-]*\.pcapng' "$T/screen" | head -1)
nw=$(grep -o 'wrote [0-9]* frame' "$T/screen" | awk '{print $2}')
if [ -n "$path" ] && [ -s "$path" ] && [ "$(dirname "$path")" = "$(cd "$T" && pwd -P)" ]; then
	t_ok "pcapng written in the working directory"
else
	t_fail "pcapng written in the working directory" "path '$path'"
fi
# The frames view lists the roam's frames by their number in the file.
tui_keys Enter
tui_check "frames view" "FRAMES of roam"
nums=$(awk '/^[ >][0-9]+ /{ sub(/^>/, " "); print $1 }' "$T/screen" | tr '\n' ' ')
filter=$(echo $nums | sed 's/ /,/g')
cnt=$(echo $nums | wc -w)
"$TSHARK" -r "$path" -T fields -e frame.len -e frame.time_epoch -e wlan.fc.type_subtype -e wlan.seq -e wlan.fixed.status_code >"$T/written" 2>"$T/tserr"
trc=$?
"$TSHARK" -r "$CAP" -Y "frame.number in {$filter}" -T fields -e frame.len -e frame.time_epoch -e wlan.fc.type_subtype -e wlan.seq -e wlan.fixed.status_code >"$T/orig" 2>/dev/null
if [ $trc -eq 0 ] && [ "$(lines "$T/written")" -eq "$nw" ] && [ "$nw" -eq "$cnt" ] && [ "$cnt" -gt 0 ]; then
	t_ok "tshark reads the pcapng: $nw frames, as many as the roam lists"
else
	t_fail "tshark reads the pcapng" "tshark rc $trc, $(lines "$T/written") frames, status says '$nw', view lists $cnt ($nums)"
	sed 's/^/#   tshark: /' "$T/tserr" | head -3
fi
if cmp -s "$T/written" "$T/orig"; then
	t_ok "same frames as the original (length, time, type, seq, status)"
else
	t_fail "same frames as the original" "differ"
	diff "$T/orig" "$T/written" | sed 's/^/#   /' | head -10
fi
tui_keys q
tui_check "q quits" "rs-exit=0"
t_done
