#!/bin/sh
# Pause freezes the view, not the capture: during a real-time replay the
# header's arrived-while-paused counter grows, the frame count stays, and
# resume jumps back to live.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
. "$top_srcdir/tests/tui_lib.sh"
rc=0
CAP="$DATA/lab/ft-invalid-pmkid.pcap"	# ~20 s of capture time

tui_start 120 40 "'$ROAMSCOPE' -r '$CAP' --replay=1; echo rs-exit=\$?; sleep 60"
tui_check "replay starts" "REPLAY"
tui_wait "02:00:00:00:0" 10
tui_keys p
tui_check "paused" "PAUSED +"
first=$(sed -n '1s/.*PAUSED +\([0-9,]*\) frame.*/\1/p' "$T/screen" | tr -d ,)
frames1=$(sed -n '1s/.* frames \([0-9,]*\) .*/\1/p' "$T/screen" | tr -d ,)
grew=no
i=0
while [ $i -lt 80 ]; do
	sleep 0.1
	tui_screen >/dev/null
	now=$(sed -n '1s/.*PAUSED +\([0-9,]*\) frame.*/\1/p' "$T/screen" | tr -d ,)
	if [ -n "$now" ] && [ -n "$first" ] && [ "$now" -gt "$first" ]; then
		grew=yes
		break
	fi
	i=$((i + 1))
done
frames2=$(sed -n '1s/.* frames \([0-9,]*\) .*/\1/p' "$T/screen" | tr -d ,)
if [ "$grew" = yes ]; then
	t_ok "arrived-while-paused counter grows ($first -> $now)"
else
	t_fail "arrived-while-paused counter grows" "stayed at '$first'"
	sed 's/^/#   | /' "$T/screen"
fi
if [ -n "$frames1" ] && [ "$frames1" = "$frames2" ]; then
	t_ok "frame count frozen while paused ($frames1)"
else
	t_fail "frame count frozen while paused" "'$frames1' then '$frames2'"
fi
# Drill-down works while paused.
tui_keys Tab Enter
tui_check "drill-down while paused" "FRAMES of"
tui_keys Escape Escape
tui_keys p
tui_check "resume" "REPLAY "
frames3=$(sed -n '1s/.* frames \([0-9,]*\) .*/\1/p' "$T/screen" | tr -d ,)
if [ -n "$frames3" ] && [ "$frames3" -gt "$frames2" ]; then
	t_ok "resume jumps to live ($frames2 -> $frames3 frames)"
else
	t_fail "resume jumps to live" "'$frames2' then '$frames3'"
fi
if grep -q PAUSED "$T/screen"; then
	t_fail "PAUSED gone after resume" "still paused"
else
	t_ok "PAUSED gone after resume"
fi
tui_keys q
tui_check "q quits" "rs-exit=0"
t_done
