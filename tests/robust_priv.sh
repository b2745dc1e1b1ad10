#!/bin/sh
# robust_priv.sh -- -Z USER and the sudo default drop root once the captures
# are open, checked on the running process (/proc/PID/status):
# every uid and gid is the user's, no capability is left, and the headless
# run still reads and reports.  -w is created before the drop and belongs to
# the invoking user.  Needs root (skips otherwise); no radio needed: the
# source is a stream on stdin held open by a fifo.
. "${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}/tests/lib.sh"

if [ "$(id -u)" -ne 0 ] || ! getent passwd nobody >/dev/null; then
	echo "1..0 # SKIP needs root and a 'nobody' user"
	exit 77
fi
NOBODY=$(id -u nobody)
NOGROUP=$(id -g nobody)
CAP=$DATA/lab/ft-invalid-pmkid.pcap	# has a failed roam: --report exits 3
rc=0

# start ARGS...: roamscope reading the capture through a fifo kept open, so
# it is still running when we look at it.  Sets $pid and $hold.
start() {
	rm -f "$T/fifo"
	mkfifo "$T/fifo"
	(cat "$CAP"; sleep 30) >"$T/fifo" &
	hold=$!
	"$ROAMSCOPE" -r - "$@" <"$T/fifo" >"$T/out" 2>"$T/err" &
	pid=$!
	# until it is past the drop (or gone)
	i=0
	while [ "$i" -lt 50 ] && kill -0 "$pid" 2>/dev/null &&
	    grep -q '^Uid:[[:space:]]*0[[:space:]]' "/proc/$pid/status" \
	    2>/dev/null; do
		sleep 0.1
		i=$((i + 1))
	done
	sleep 0.3
}

# finish: end the stream, wait for the report; sets $rc.
finish() {
	kill "$hold" 2>/dev/null
	wait "$hold" 2>/dev/null
	rc=0
	wait "$pid" || rc=$?
}

# dropped NAME UID GID: the running process is UID/GID with no capability.
dropped() {
	st=/proc/$pid/status
	u=$(awk '/^Uid:/ { print $2, $3, $4, $5 }' "$st" 2>/dev/null)
	g=$(awk '/^Gid:/ { print $2, $3, $4, $5 }' "$st" 2>/dev/null)
	gr=$(awk '/^Groups:/ { $1 = ""; print }' "$st" 2>/dev/null)
	ce=$(awk '/^CapEff:/ { print $2 }' "$st" 2>/dev/null)
	cp=$(awk '/^CapPrm:/ { print $2 }' "$st" 2>/dev/null)
	if [ "$u" = "$2 $2 $2 $2" ] && [ "$g" = "$3 $3 $3 $3" ] &&
	    [ "$ce" = 0000000000000000 ] && [ "$cp" = 0000000000000000 ] &&
	    ! echo " $gr " | grep -q ' 0 '; then
		t_ok "$1: running as $2:$3, no capabilities, no root group"
	else
		t_fail "$1: dropped" "Uid $u, Gid $g, Groups$gr, CapEff $ce, CapPrm $cp"
	fi
}

# reported NAME: the report came out whole and the exit code is its own.
reported() {
	if [ "$rc" -eq 3 ] && grep -q '"roams"' "$T/out" &&
	    python3 -c 'import json,sys; json.load(open(sys.argv[1]))' \
	    "$T/out" 2>/dev/null; then
		t_ok "$1: the report is printed after the drop (exit 3)"
	else
		t_fail "$1: the report after the drop" "exit $rc"
	fi
}

# -Z nobody
start -Z nobody --report=json
dropped "-Z nobody" "$NOBODY" "$NOGROUP"
finish
reported "-Z nobody"

# The sudo default: SUDO_USER, without -Z.
SUDO_USER=nobody SUDO_UID=$NOBODY SUDO_GID=$NOGROUP
export SUDO_USER SUDO_UID SUDO_GID
start --report=json -w "$T/sudo.pcapng"
dropped "sudo (SUDO_USER=nobody)" "$NOBODY" "$NOGROUP"
finish
reported "sudo (SUDO_USER=nobody)"
own=$(stat -c '%u:%g' "$T/sudo.pcapng" 2>/dev/null)
if [ "$own" = "$NOBODY:$NOGROUP" ]; then
	t_ok "sudo: -w belongs to the invoking user ($own)"
else
	t_fail "sudo: -w belongs to the invoking user" "owned by $own"
fi
n=$("${TSHARK:-tshark}" -r "$T/sudo.pcapng" 2>/dev/null | awk 'END {print NR}')
want=$(python3 -c 'import json,sys
print(json.load(open(sys.argv[1]))["summary"]["frames"])' "$T/out" 2>/dev/null)
if [ -n "$n" ] && [ "$n" = "$want" ]; then
	t_ok "sudo: -w was still written after the drop: $n frames"
else
	t_fail "sudo: -w written after the drop" "$n frames in it, report says $want"
fi
# SUDO_USER=root is no drop.
SUDO_USER=root
start --report=json
if grep -q '^Uid:[[:space:]]*0[[:space:]]' "/proc/$pid/status"; then
	t_ok "SUDO_USER=root: stays root"
else
	t_fail "SUDO_USER=root: stays root" "$(grep Uid "/proc/$pid/status")"
fi
finish
unset SUDO_USER SUDO_UID SUDO_GID

# -Z as root, not under sudo: the invoking user is root, and -w stays root's.
start -Z nobody --report=json -w "$T/z.pcapng"
finish
own=$(stat -c '%u:%g' "$T/z.pcapng" 2>/dev/null)
if [ "$own" = "0:0" ]; then
	t_ok "-Z nobody as root: -w belongs to the invoking user (root)"
else
	t_fail "-Z nobody as root: -w belongs to the invoking user (root)" \
	    "owned by $own"
fi

# Errors: an unknown user, and a user that is not root asking to switch.
t_run -Z no-such-user-rs -r "$CAP" --report
if [ "$rc" -eq 1 ] && [ "$(lines "$T/err")" -eq 1 ] &&
    grep -q 'no-such-user-rs' "$T/err"; then
	t_ok "-Z unknown user: one line, exit 1"
else
	t_fail "-Z unknown user" "want exit 1 and one line naming the user"
fi
if command -v setpriv >/dev/null 2>&1; then
	rc=0
	setpriv --reuid="$NOBODY" --regid="$NOGROUP" --clear-groups \
	    "$ROAMSCOPE" -Z root -r "$CAP" --report >"$T/out" 2>"$T/err" \
	    </dev/null || rc=$?
	if [ "$rc" -eq 2 ] && [ "$(lines "$T/err")" -eq 1 ]; then
		t_ok "-Z root by a user: refused, one line, exit 2"
	else
		t_fail "-Z root by a user" "want exit 2 and one line"
	fi
else
	t_skip "-Z root by a user" "setpriv is not installed"
fi
t_done
