#!/bin/sh
# The TUI with --log: the lab's failed FT roam (status 53) with the target
# AP's hostapd log of the same run.  The swimlane's log lane marks the
# logged events and names the first failure logged; the diagnosis that the
# log's missing PMK-R1 is the air's 53 is shown first; the drill-down lists
# the logged lines among the frames, in time order (the refusal logged
# after the FT authentication request, before its response on the air);
# live, the lane fills while the log is being written.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
. "$top_srcdir/tests/tui_lib.sh"
rc=0
CAP="$DATA/lab/ft-invalid-pmkid.pcap"
LOG="$DATA/lab/ft-invalid-pmkid.hostapd2.log"

tui_start_shell 140 45
tui_keys "'$ROAMSCOPE' -r '$CAP' --log '$LOG'; echo rs-exit=\$?" Enter

tui_check "client row" "02:00:00:00:02:00"
if tui_wait "logged, first failure" && grep -E -q '^ log +.*X.* [0-9]+ logged, first failure: hostapd no-pmk' "$T/screen"; then
	t_ok "log lane with its marks and the first failure logged"
else
	t_fail "log lane with its marks and the first failure logged" "no such lane"
	sed 's/^/#   | /' "$T/screen"
fi
tui_check "the log's diagnosis first" "why: the log's missing key"

tui_keys Enter
tui_keys Enter
tui_check "frames view" "FRAMES of roam"
tui_check "a logged line in the frames view" "no-pmk: "
# the logged refusal sits between the FT request and the 53 on the air
req=$(grep -n 'Authentication FT' "$T/screen" | head -1 | cut -d: -f1)
lg=$(grep -n 'no-pmk: ' "$T/screen" | head -1 | cut -d: -f1)
resp=$(grep -n '53 INVALID_PMKID' "$T/screen" | head -1 | cut -d: -f1)
if [ -n "$req" ] && [ -n "$lg" ] && [ -n "$resp" ] && [ "$req" -lt "$lg" ] && [ "$lg" -lt "$resp" ]; then
	t_ok "logged line between the request and the refusal on the air"
else
	t_fail "logged line between the request and the refusal on the air" "rows req=$req log=$lg resp=$resp"
	sed 's/^/#   | /' "$T/screen"
fi
# the selection still moves over frames only: End selects the last frame
tui_keys G
if tui_wait "FRAMES of roam" && grep -E -q '^>' "$T/screen"; then
	t_ok "a frame is selected"
else
	t_fail "a frame is selected" "no selection"
fi
tui_keys Escape
tui_keys q
tui_check "q exits with 0" "rs-exit=0"

# Live: a followed capture and a log written while the screen is up (as a
# controller's syslog): the lane fills without the capture ending.
cp "$CAP" "$T/live.pcap"
: >"$T/live.log"
tui_keys "clear; '$ROAMSCOPE' --follow '$T/live.pcap' --log-follow '$T/live.log'; echo rs-exit=\$?" Enter
tui_check "live: client row" "02:00:00:00:02:00"
if grep -q 'logged, first failure' "$T/screen"; then
	t_fail "live: no log lane before the log has lines" "lane already there"
else
	t_ok "live: no log lane before the log has lines"
fi
cat "$LOG" >>"$T/live.log"
tui_check "live: the log lane fills as the log is written" "logged, first failure: hostapd no-pmk"
tui_check "live: the log's diagnosis" "why: the log's missing key"
tui_keys q
tui_check "live: q exits with 0" "rs-exit=0"
t_done
