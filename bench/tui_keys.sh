#!/bin/sh
# tui_keys.sh -- keypress to redraw in the TUI while it reads a
# 1,000,000-frame file (target: < 50 ms): ? (help), Esc (back to the clients
# and the recent roams), r (the lower pane switched), n (the next failure),
# each the median of 10, measured from tmux send-keys until the pane shows
# the answer (tmux's pane is polled every 5 ms: figures include that).
#
# usage: bench/tui_keys.sh ROAMSCOPE FILE
set -u
RS=$1 F=$2
T=$(mktemp -d "${TMPDIR:-/tmp}/rs-bench-keys.XXXXXX")
TM="tmux -f /dev/null -L rs-bench-keys-$$"
trap '$TM kill-server 2>/dev/null; rm -rf "$T"' EXIT
. "$(dirname "$0")/tmuxlib.sh"
key() {	# key NAME KEY STRING-THEN
	_t=$(ms); $TM send-keys "$2" 2>/dev/null; wait_pane "$3"
	echo $(( $(ms) - _t )) >>"$T/$1"
}

$TM new-session -d -x 160 -y 50 "'$RS' -r '$F'; echo rs-exit; sleep 60"
wait_pane "READ"
key first '?' "HELP: keys"
first=$($TM capture-pane -p | head -1 | grep -o 'READ\|END' | head -1)
$TM send-keys Escape
wait_pane "LAST ROAM"
for i in 1 2 3 4 5 6 7 8 9 10; do
	key help '?' "HELP: keys"
	key back Escape "LAST ROAM"
	key lower r "lower pane: the selected"
	key lower2 r "lower pane: recent"
done
key n n "roam #"
state=$($TM capture-pane -p | head -1 | grep -o 'READ\|END' | head -1)
$TM send-keys q
printf 'tui keys on %s: the first ? while %s %s ms; then (%s): ? %s ms, Esc %s ms (25 ms of it the Esc delay), r %s ms / %s ms, n %s ms (median of 10; target < 50 ms)\n' \
    "$(basename "$F")" "$first" "$(cat "$T/first")" "$state" \
    "$(median <"$T/help")" "$(median <"$T/back")" \
    "$(median <"$T/lower")" "$(median <"$T/lower2")" "$(cat "$T/n")"
