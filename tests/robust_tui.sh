#!/bin/sh
# robust_tui.sh -- the TUI under a 20x5 terminal and under SIGINT, SIGTERM
# and SIGHUP while it redraws: a plain "too small" screen that
# recovers when the terminal grows, the documented exit code, and after
# every exit a terminal in its normal state (icanon, echo; the cursor back).
#
# Each run is `sh -c 'sh -c "echo $$ >pid; exec roamscope ..."; echo $? >exit;
# stty -a >stty'` in a private tmux server: the inner shell leaves the
# binary's pid, and stty reads the very terminal the TUI let go of.
. "${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}/tests/lib.sh"
. "$top_srcdir/tests/tui_lib.sh"
rc=0

# run_tui W H NAME ARGS...: start the binary in a W x H pane.
run_tui() {
	_w=$1 _h=$2 _n=$3
	shift 3
	rm -f "$T/$_n.pid" "$T/$_n.exit" "$T/$_n.stty"
	cat >"$T/$_n.sh" <<SH
sh -c 'echo \$\$ >"$T/$_n.pid"; exec "$ROAMSCOPE" $*'
echo \$? >"$T/$_n.exit"
stty -a >"$T/$_n.stty"
sleep 60
SH
	# a server that was just killed may still be going away
	$TUI_TMUX kill-server 2>/dev/null
	sleep 0.3
	tui_start "$_w" "$_h" "sh '$T/$_n.sh'" || {
		sleep 1
		tui_start "$_w" "$_h" "sh '$T/$_n.sh'"
	}
}

# wait_file FILE [SECS]
wait_file() {
	_i=0
	while [ ! -s "$1" ] && [ "$_i" -lt $((${2:-10} * 10)) ]; do
		sleep 0.1
		_i=$((_i + 1))
	done
	[ -s "$1" ]
}

# check_restored NAME WANT_EXIT
check_restored() {
	if ! wait_file "$T/$1.exit" 10; then
		t_fail "$1: the program exits" "still running after 10 s"
		tui_screen | sed 's/^/#   | /'
		return
	fi
	wait_file "$T/$1.stty" 5
	got=$(cat "$T/$1.exit")
	if [ "$got" = "$2" ]; then
		t_ok "$1: exit $got"
	else
		rc=$got
		t_fail "$1: exit $2" "exited $got"
	fi
	# stty -a lists a cleared flag as -flag: want them set.
	if grep -Eq '(^|[ ;])icanon([ ;]|$)' "$T/$1.stty" &&
	    grep -Eq '(^|[ ;])echo([ ;]|$)' "$T/$1.stty" &&
	    grep -Eq '(^|[ ;])icrnl([ ;]|$)' "$T/$1.stty"; then
		t_ok "$1: terminal restored (icanon echo icrnl)"
	else
		t_fail "$1: terminal restored" "stty -a says: $(tr '\n' ' ' <"$T/$1.stty")"
	fi
	# Not left on the alternate screen: the shell's lines are visible.
	tui_screen >/dev/null
	if $TUI_TMUX display -p '#{alternate_on}' | grep -q '^0$'; then
		t_ok "$1: back on the normal screen"
	else
		t_fail "$1: back on the normal screen" "alternate screen still on"
	fi
}

CAP=$DATA/lab/ft-invalid-pmkid.pcap
VOICE=$DATA/lab/ft-ota-voice.pcap

# --- a 20x5 terminal ---------------------------------------------------------
run_tui 20 5 small -r "'$CAP'"
tui_check "20x5: says the terminal is too small" "too small"
if grep -q 'need 60x15' "$T/screen" 2>/dev/null ||
    tui_wait "need" 2; then
	t_ok "20x5: says what size it needs"
else
	t_fail "20x5: says what size it needs" "no 'need WxH' on the screen"
	sed 's/^/#   | /' "$T/screen"
fi
$TUI_TMUX resize-window -x 120 -y 40 2>/dev/null ||
    $TUI_TMUX resize-window -t 0 -x 120 -y 40
tui_check "grown to 120x40: the normal screen comes back" "02:00:00:00:02:00"
$TUI_TMUX resize-window -x 20 -y 5 2>/dev/null
tui_check "shrunk again: too small again" "too small"
tui_keys q
check_restored small 0

# --- SIGINT, SIGTERM, SIGHUP in the middle of redraws -------------------------
# A capture replayed at 50x real time: frames arrive all the time and the
# screen redraws many times a second.  Resizes add full redraws.
for sig in INT TERM HUP; do
	run_tui 100 30 "sig$sig" --replay=50 -r "'$VOICE'"
	if ! wait_file "$T/sig$sig.pid" 10 || ! tui_wait "02:00:00" 10; then
		t_fail "SIG$sig: the TUI starts" "no client on the screen"
		tui_screen | sed 's/^/#   | /'
		continue
	fi
	pid=$(cat "$T/sig$sig.pid")
	sleep 1
	$TUI_TMUX resize-window -x 90 -y 28 2>/dev/null
	kill -s "$sig" "$pid"
	check_restored "sig$sig" 0
done
t_done
