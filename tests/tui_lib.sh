# tests/tui_lib.sh -- drive the real binary in a private tmux server and
# look at the screen.  Source after tests/lib.sh.  POSIX sh.
#
#   tui_start W H CMD...   a new detached session W x H running CMD in sh
#   tui_wait STRING [SECS] poll the pane until STRING shows (fixed string)
#   tui_screen             print the pane (also kept in $T/screen)
#   tui_keys KEYS...       tmux send-keys
#   tui_check NAME STRING  a test line: STRING shows (fixed string)
#   tui_grep NAME ERE      a test line: the screen last captured matches

command -v tmux >/dev/null 2>&1 || { echo "# SKIP: tmux not installed"; exit 77; }

TUI_SOCK="rs-test-$$"
: >"$T/out"
: >"$T/err"
TUI_TMUX="tmux -f /dev/null -L $TUI_SOCK"
# The screen under test is UTF-8 unless a test says otherwise.
: "${TUI_LANG:=C.UTF-8}"
LC_ALL=$TUI_LANG
export LC_ALL
trap '$TUI_TMUX kill-server 2>/dev/null; [ -n "${KEEP_T:-}" ] || rm -rf "$T"' EXIT
trap 'exit 1' INT TERM

# Stop the previous test's server and wait until it has gone (a new
# session started while it shuts down dies with it).
tui_kill_server() {
	$TUI_TMUX kill-server 2>/dev/null
	_i=0
	while $TUI_TMUX list-sessions >/dev/null 2>&1 && [ "$_i" -lt 50 ]; do
		sleep 0.1
		_i=$((_i + 1))
	done
}

tui_start() {
	_w=$1 _h=$2
	shift 2
	tui_kill_server
	# remain-on-exit keeps the pane (and what the program left on it).
	# A client can still reach a server that is going away ("server
	# exited unexpectedly"): try again.
	_i=0
	until $TUI_TMUX new-session -d -x "$_w" -y "$_h" -c "$T" "$*"; do
		_i=$((_i + 1))
		[ "$_i" -lt 10 ] || return 1
		sleep 0.2
	done
	$TUI_TMUX set-option -g remain-on-exit on >/dev/null 2>&1
	return 0
}

# A shell in the pane (for tests that look at the terminal after exit).
tui_start_shell() {
	tui_kill_server
	$TUI_TMUX new-session -d -x "$1" -y "$2" -c "$T" "env PS1='rs-prompt\$ ' sh"
}

tui_screen() {
	$TUI_TMUX capture-pane -p >"$T/screen" 2>/dev/null
	cat "$T/screen"
}

tui_keys() {
	$TUI_TMUX send-keys "$@"
}

tui_wait() {
	_s=$1 _secs=${2:-10} _i=0
	while [ "$_i" -lt $((_secs * 10)) ]; do
		if $TUI_TMUX capture-pane -p 2>/dev/null | grep -F -q -- "$_s"; then
			$TUI_TMUX capture-pane -p >"$T/screen" 2>/dev/null
			return 0
		fi
		sleep 0.1
		_i=$((_i + 1))
	done
	$TUI_TMUX capture-pane -p >"$T/screen" 2>/dev/null
	return 1
}

# tui_check NAME STRING [SECS]: one test line for a string on the screen.
tui_check() {
	if tui_wait "$2" "${3:-10}"; then
		t_ok "$1"
	else
		t_fail "$1" "'$2' not on the screen; the screen was:"
		sed 's/^/#   | /' "$T/screen"
	fi
}

# tui_grep NAME ERE: one test line for a regular expression on the screen
# as last captured.
tui_grep() {
	if grep -E -q -- "$2" "$T/screen"; then
		t_ok "$1"
	else
		t_fail "$1" "/$2/ not on the screen; the screen was:"
		sed 's/^/#   | /' "$T/screen"
	fi
}
