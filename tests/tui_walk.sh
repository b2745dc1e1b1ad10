#!/bin/sh
# The screen a walk-tester keeps open: a capture piped in (keys from the
# terminal), two streams at once, 80x24, the recent roams of every client,
# n/N to failures, collapsed identical failures, the filter as it is typed,
# f to follow a client, paused counters, LANG=C words, the bell.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
. "$top_srcdir/tests/tui_lib.sh"
rc=0
DEMO="$top_srcdir/data/demo.pcap"
PMKID="$DATA/lab/ft-invalid-pmkid.pcap"
MK="python3 $top_srcdir/tests/mkcapture.py"

# row_of STRING: the screen's line holding STRING
row_of() {
	grep -F -- "$1" "$T/screen" | head -1
}

# --- --help fits a 24-line, 80-column terminal; --help=all has the rest ---
t_run --help
lines=$(wc -l <"$T/out")
wide=$(awk 'length($0) > 80' "$T/out" | wc -l)
if [ "$rc" = 0 ] && [ "$lines" -le 23 ] && [ "$wide" = 0 ] &&
    grep -q -- '--help=all' "$T/out"; then
	t_ok "--help: $lines lines, none over 80 columns, names --help=all"
else
	t_fail "--help fits 24 lines" "rc $rc, $lines lines, $wide too wide"
fi
t_run --help=all
if [ "$rc" = 0 ] && grep -q -- '--max-roams N' "$T/out"; then
	t_ok "--help=all: every option"
else
	t_fail "--help=all: every option" "rc $rc"
fi
# the man page's -m line (when man can render it here)
if command -v man >/dev/null 2>&1 &&
    man -l "$top_srcdir/doc/roamscope.1" >"$T/man" 2>/dev/null; then
	if grep -q -- '-m radio\[:channel\[:width\]\], --monitor spec' "$T/man"; then
		t_ok "man: the -m line"
	else
		t_fail "man: the -m line" "$(grep -- '^ *-m ' "$T/man")"
	fi
else
	t_skip "man: the -m line" "no man here"
fi

# --- a capture on stdin, at 80x24: keys from /dev/tty, q restores ---
tui_start_shell 80 24
tui_keys "cat '$DEMO' | '$ROAMSCOPE' -r -; echo rs-exit=\$?; stty -a | grep -q ' icanon' && echo tty-sane" Enter
tui_check "pipe: the clients show" "02:00:00:00:02:06"
tui_check "80x24: AP NOW stays" "AP NOW"
if head -1 "$T/screen" | grep -q 'frames 1,487 drops 0 clients 7 roams 16 FAIL 1 WARN 4'; then
	t_ok "80x24: the header's words, not fr/dr/cl/ro"
else
	t_fail "80x24: the header's words" "$(head -1 "$T/screen")"
fi
tui_check "several clients roam: recent roams is the lower pane" "RECENT ROAMS"
# newest first: the row under the title is the last roam of the capture
sed -n '/RECENT ROAMS/{n;p;}' "$T/screen" >"$T/first"
if grep -q '02:00:00:00:02:06 00:00:00->00:01:00\|02:00:00:00:02:06 00:00:00.00:01:00' "$T/first" &&
    grep -q FAIL "$T/first"; then
	t_ok "recent: newest first (02:06's failed FT roam on top)"
else
	t_fail "recent: newest first" "$(cat "$T/first")"
fi
tui_keys n
tui_wait "roam #4 " 5
tui_keys n
tui_check "n: the next failed or WARN roam of another client" "02:00:00:00:02:01 · roam #3" 5
if row_of "RECENT ROAMS" >/dev/null && grep -q '^>.*02:00:00:00:02:01.*WARN' "$T/screen"; then
	t_ok "n: the WARN row is selected"
else
	t_fail "n: the WARN row is selected" "no '>' WARN row"
	sed 's/^/#   | /' "$T/screen"
fi
tui_keys N N
tui_check "N: back to the failed roam" "02:00:00:00:02:06 · roam #1" 5
tui_keys f
tui_check "f: follows the client" "following 02:00:00:00:02:06"
tui_check "f: its roams, numbered apart from its join" "J#1" 3
tui_keys f
tui_check "f again: recent roams again" "RECENT ROAMS"
tui_keys / F T - O D S
tui_check "/ filters as it is typed" "filter: FT-ODS" 3
if ! grep -q '02:00:00:00:02:00 .*FT-OTA' "$T/screen" && grep -q '02:00:00:00:02:01 .*FT-ODS' "$T/screen"; then
	t_ok "filter by method: only FT-ODS roams"
else
	t_fail "filter by method" "other rows shown"
	sed 's/^/#   | /' "$T/screen"
fi
tui_keys Escape
tui_wait "02:00:00:00:02:00 " 3
tui_keys q
tui_check "pipe: q quits" "rs-exit=0"
tui_check "pipe: the terminal is restored" "tty-sane"

# --- the footer at 80x24 (no failure, so no status line over it) ---
tui_start 80 24 "'$ROAMSCOPE' -r '$DATA/lab/ft-ods-ok.pcap'; echo rs-exit=\$?; sleep 60"
tui_check "80x24: client row" "02:00:00:00:02:00"
last=$(sed -n 24p "$T/screen")
case $last in
"? help  q quit  n/N failures  Enter drill  Tab pane"*)
	t_ok "80x24: the footer's keys fit" ;;
*)	t_fail "80x24: the footer fits" "'$last'" ;;
esac
tui_keys q

# --- two streams at once (as -r <(ssh s1 ...) -r <(ssh s2 ...)) ---
mkfifo "$T/s1" "$T/s2"
tui_start 120 40 "(cat '$PMKID' >'$T/s1' &); (cat '$DATA/lab/ft-ods-ok.pcap' >'$T/s2' &); '$ROAMSCOPE' -r '$T/s1' -r '$T/s2'; echo rs-exit=\$?; sleep 60"
tui_check "two streams: each source with its drops" "s1 drops 0, s2 drops 0"
tui_check "two streams: a client from the first" "INVALID_PMKID"
if tui_wait "FT-ODS" 5; then
	t_ok "two streams: a roam from the second"
else
	t_fail "two streams: a roam from the second" "no FT-ODS"
	sed 's/^/#   | /' "$T/screen"
fi
tui_keys q
tui_check "two streams: q quits" "rs-exit=0"

# --- identical failures collapse; Enter expands ---
$MK repeat "$PMKID" "$T/rep.pcap" 3
tui_start 120 40 "'$ROAMSCOPE' -r '$T/rep.pcap'; echo rs-exit=\$?; sleep 60"
tui_check "repeat: client row" "02:00:00:00:02:00"
tui_keys r
tui_check "r: recent roams" "RECENT ROAMS"
tui_keys / f a i l Enter
tui_check "three identical failures: one row, counted" "×3 (Enter expands)" 5
tui_keys Tab Enter
tui_check "Enter expands the run" "3 identical failures expanded" 5
n=$(grep -c 'FT-OTA .*FAIL' "$T/screen")
if [ "$n" -ge 3 ]; then
	t_ok "expanded: $n rows"
else
	t_fail "expanded: three rows" "$n rows"
	sed 's/^/#   | /' "$T/screen"
fi
tui_keys q
tui_check "repeat: q quits" "rs-exit=0"

# --- an answer the sniffer missed (the reassociation proves it came) ---
$MK drop "$DATA/lab/ft-ota-ok.pcap" "$T/drop.pcap" 82
tui_start 120 40 "'$ROAMSCOPE' -r '$T/drop.pcap'; echo rs-exit=\$?; sleep 60"
tui_check "drop: client row" "02:00:00:00:02:00"
tui_keys n
tui_check "FT auth answer not captured says so" "response not captured" 5
tui_keys q

# --- reassociation never answered: no response (the client went on) ---
tui_start 120 40 "'$ROAMSCOPE' -r '$DATA/lab/reassoc-no-answer.pcap'; echo rs-exit=\$?; sleep 60"
tui_check "no answer: client row" "02:00:00:00:02:00"
if tui_wait "response not captured" 2; then
	t_fail "an unanswered reassociation is not 'not captured'" "it says so"
else
	t_ok "an unanswered reassociation is not 'not captured'"
fi
tui_keys q

# --- a status in the detail: the IEEE words, the enum on its own line ---
tui_start 120 40 "'$ROAMSCOPE' -r '$PMKID'; echo rs-exit=\$?; sleep 60"
tui_check "detail: client row" "02:00:00:00:02:00"
tui_check "120 columns: the CAPS letters explained in a title" "CAPS: k 11k, v 11v, r 11r, w PMF"
if grep -q ' HEARD ' "$T/screen" && grep -E -q '^>02:00:00:00:02:00 .* [0-9]+s ' "$T/screen"; then
	t_ok "120 columns: seconds since last heard"
else
	t_fail "120 columns: seconds since last heard" "no HEARD column"
	sed 's/^/#   | /' "$T/screen"
fi
tui_keys Tab Enter
tui_check "detail: the roam's frames" "FRAMES of roam #1 "
tui_keys j Enter
tui_check "detail: status 53 in IEEE words" "Status code: 53 Invalid PMKID" 3
tui_check "detail: its enum name beside it, whole" "name: INVALID_PMKID" 3
tui_keys Escape Escape
# the swimlane's context line, and the help that explains CAPS
tui_check "context: channels and bands old -> new" "ch 1 (2.4) → 6 (2.4)" 3
tui_keys '?'
tui_check "help: n/N" "the next (older) / previous (newer) failed" 3
tui_keys NPage
tui_check "help: the CAPS letters" "w PMF (802.11w, MFP capable)" 3
tui_keys q

# --- a steered roam: the trigger in the context line ---
tui_start 120 40 "'$ROAMSCOPE' -r '$DATA/lab/btm-steer.pcap'; echo rs-exit=\$?; sleep 60"
tui_check "context: trigger steered" "trigger steered"
tui_keys q

# --- a deauthentication: a mark on the lane, named in the context ---
tui_start 120 40 "'$ROAMSCOPE' -r '$DATA/lab/wrong-psk.pcap'; echo rs-exit=\$?; sleep 60"
tui_check "deauth: named with its reason" "D deauth by AP, reason 15 4WAY_HANDSHAKE_TIMEOUT"
if grep -E -q '^ assoc .* D *$' "$T/screen"; then
	t_ok "deauth: D marked on the (re)association lane"
else
	t_fail "deauth: D marked on the lane" "no D"
	sed 's/^/#   | /' "$T/screen"
fi
tui_keys q

# --- PMF-protected action frames: what the parser decoded, no category ---
tui_start 120 40 "'$ROAMSCOPE' -r '$DATA/lab/pmf-kvr-sequence.pcap'; echo rs-exit=\$?; sleep 60"
tui_check "pmf: client row" "02:00:00:00:02:00"
tui_keys Tab Enter
tui_check "pmf: frames list says encrypted" "Action (PMF: encrypted)" 3
if grep -q "Spectrum Management" "$T/screen"; then
	t_fail "pmf: no category read from the CCMP header" "Spectrum Management shown"
else
	t_ok "pmf: no category read from the CCMP header"
fi
tui_keys Enter
tui_check "pmf: detail says encrypted" "Protected (PMF): category and body encrypted" 3
if grep -q "Category code" "$T/screen"; then
	t_fail "pmf: detail shows no Category code" "it does"
else
	t_ok "pmf: detail shows no Category code"
fi
tui_keys q

# --- LANG=C: words for ok, not a v ---
tui_start 100 30 "env LC_ALL=C LANG=C '$ROAMSCOPE' -r '$PMKID'; echo rs-exit=\$?; sleep 60"
tui_check "C locale: client row" "02:00:00:00:02:00"
if tui_wait "6.3ms ok" 3 && ! grep -q '6.3ms v' "$T/screen"; then
	t_ok "C locale: 'ok', not 'v'"
else
	t_fail "C locale: 'ok', not 'v'" "no '6.3ms ok'"
	sed 's/^/#   | /' "$T/screen"
fi
tui_keys q

# --- paused: the counters stay as shown; the header says what came ---
tui_start 120 40 "'$ROAMSCOPE' -r '$PMKID' --replay=1; echo rs-exit=\$?; sleep 60"
tui_check "replay: the join" "02:00:00:00:02:00" 5
tui_keys p
tui_check "paused" "PAUSED +"
if tui_wait "+1 FAIL" 8 && head -1 "$T/screen" | grep -q 'FAIL 0 '; then
	t_ok "paused: FAIL 0 as shown, '+1 FAIL' arrived ($(head -1 "$T/screen" | sed 's/.*\(PAUSED[^W]*\).*/\1/'))"
else
	t_fail "paused: counters consistent" "$(head -1 "$T/screen")"
fi
if grep -q 'not shown while paused' "$T/screen"; then
	t_ok "paused: the status line says the failure is not shown yet"
else
	t_fail "paused: the status line" "$(tail -1 "$T/screen")"
fi
tui_keys q

# --- the bell: rung with --bell on a failure, silent with --no-bell ---
for b in bell no-bell; do
	tui_start 100 30 "sleep 0.5; '$ROAMSCOPE' --$b -r '$PMKID'; echo rs-exit=\$?; sleep 60"
	$TUI_TMUX set-option -g monitor-bell on >/dev/null 2>&1
	$TUI_TMUX set-option -g bell-action any >/dev/null 2>&1
	tui_wait "INVALID_PMKID" 5
	sleep 0.3
	flag=$($TUI_TMUX display -p '#{window_bell_flag}')
	want=1
	[ "$b" = no-bell ] && want=0
	if [ "$flag" = "$want" ]; then
		t_ok "--$b: tmux's bell flag is $flag"
	else
		t_fail "--$b: tmux's bell flag" "$flag, want $want"
	fi
	tui_keys q
done
t_done
