#!/bin/sh
# stop.sh -- how quickly roamscope answers while a beacon flood keeps the
# engine busy: headless SIGTERM to exit (report written), and in the TUI
# (tmux) a key to its screen and q to exit.  Median of 5 runs each, for
# floods of 4,000 and 50,000 access points
# (tests/data/crafted/make_odd_captures.py --flood).  Figures include
# tmux's own latency (the pane is polled every 5 ms).
#
# usage: bench/stop.sh ROAMSCOPE TOP_SRCDIR
set -u
RS=$1 TOP=$2
T=$(mktemp -d "${TMPDIR:-/tmp}/rs-bench-stop.XXXXXX")
trap 'tmux -f /dev/null -L rs-bench-$$ kill-server 2>/dev/null; rm -rf "$T"' EXIT
TM="tmux -f /dev/null -L rs-bench-$$"
. "$TOP/bench/tmuxlib.sh"

for n in 4000 50000; do
	python3 "$TOP/tests/data/crafted/make_odd_captures.py" --flood "$n" \
	    "$T" >/dev/null
	f=$T/flood-$n.pcap
	: >"$T/term"; : >"$T/key"; : >"$T/q"
	for i in 1 2 3 4 5; do
		"$RS" -r "$f" --report=json >/dev/null 2>&1 &
		p=$!
		sleep 1
		t=$(ms); kill -TERM $p; wait $p
		echo $(( $(ms) - t )) >>"$T/term"

		$TM kill-server 2>/dev/null
		$TM new-session -d -x 120 -y 40 "'$RS' -r '$f'; echo rs-exit; sleep 30" 2>/dev/null
		wait_pane READ
		sleep 1
		t=$(ms); $TM send-keys a 2>/dev/null; wait_pane "ACCESS POINTS"
		echo $(( $(ms) - t )) >>"$T/key"
		t=$(ms); $TM send-keys q 2>/dev/null; wait_pane rs-exit
		echo $(( $(ms) - t )) >>"$T/q"
	done
	$TM kill-server 2>/dev/null
	printf 'stop: flood of %6d APs: SIGTERM to exit %4s ms, key %4s ms, q %4s ms (median of 5)\n' \
	    "$n" "$(median <"$T/term")" "$(median <"$T/key")" "$(median <"$T/q")"
done
