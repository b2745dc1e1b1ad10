#!/bin/sh
# robust_wfail.sh -- a failing -w is never silent, and loses nothing else.
#
# -w onto a full filesystem (a 64 KiB tmpfs: needs root) and into a FIFO
# whose reader goes away: the first failure is said on stderr at once
# (while the capture still runs), capture and analysis go on (the report
# counts every frame), the exit status is 11, and the file on disk still
# ends on a whole pcapng block (tshark reads it without complaint).  The
# TUI says it in red in its header (tmux, when installed).
. "${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}/tests/lib.sh"

[ -n "${TSHARK:-}" ] && [ -x "$TSHARK" ] || TSHARK=$(command -v tshark || :)
command -v python3 >/dev/null 2>&1 || { echo "1..0 # SKIP no python3"; exit 77; }
CAP=$(cd "$DATA/lab" && pwd)/ft-ota-voice.pcap	# 369 KB: > the tmpfs
NFR=$(python3 -c 'import sys; sys.path.insert(0, sys.argv[1])
import pcaplib; print(len(pcaplib.read_pcap(sys.argv[2])[1]))' \
    "$top_srcdir/tests" "$CAP")

# slow FILE: the capture's header, then its records in bursts, 0.1 s apart.
cat >"$T/slow.py" <<'PY'
import os, sys, time
sys.path.insert(0, sys.argv[1])
import pcaplib
hdr, recs = pcaplib.read_pcap(sys.argv[2])
out = sys.stdout.buffer
out.write(hdr.raw)
for i, r in enumerate(recs):
    out.write(pcaplib.record(r.sec, r.frac, r.data, origlen=r.origlen))
    if i % 100 == 99:
        out.flush()
        time.sleep(0.1)
out.flush()
PY

frames_in() {	# frames in a JSON report
	python3 -c 'import json, sys
print(json.load(open(sys.argv[1]))["summary"]["frames"])' "$1" 2>/dev/null ||
	    echo 0
}

whole_blocks() {	# tshark reads the file to its end, no complaint
	[ -n "$TSHARK" ] || return 0
	"$TSHARK" -r "$1" >/dev/null 2>"$T/tserr" &&
	    ! grep -v '^Running as user' "$T/tserr" | grep -q .
}

# --- a full disk ---------------------------------------------------------
FULL=$T/full
mkdir -p "$FULL"
if [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=64k tmpfs "$FULL" 2>/dev/null
then
	mkfifo "$T/in"
	python3 "$T/slow.py" "$top_srcdir/tests" "$CAP" >"$T/in" &
	wpid=$!
	"$ROAMSCOPE" -r - -w "$FULL/w.pcapng" --report=json <"$T/in" \
	    >"$T/out" 2>"$T/err" &
	pid=$!
	# said at once: the message is there while roamscope still reads
	i=0
	while [ $i -lt 100 ] && ! grep -qs "disk is full" "$T/err"; do
		sleep 0.1
		i=$((i + 1))
	done
	if grep -q "disk is full" "$T/err" && kill -0 "$pid" 2>/dev/null; then
		t_ok "full disk: said at once, while the capture goes on"
	else
		t_fail "full disk: said at once" "no message while running"
	fi
	rc=0
	wait "$pid" || rc=$?
	wait "$wpid" 2>/dev/null
	n=$(frames_in "$T/out")
	if [ "$rc" -eq 11 ] && [ "$n" -eq "$NFR" ] &&
	    [ "$(grep -c 'disk is full' "$T/err")" -eq 1 ]; then
		t_ok "full disk: exit 11, the report has all $n frames"
	else
		t_fail "full disk: exit 11 and the whole report" \
		    "exit $rc, $n of $NFR frames"
	fi
	if whole_blocks "$FULL/w.pcapng" &&
	    [ "$(stat -c %s "$FULL/w.pcapng")" -gt 1000 ]; then
		t_ok "full disk: the file ends on a whole block"
	else
		t_fail "full disk: the file ends on a whole block" \
		    "$(head -c 200 "$T/tserr")"
	fi
	rm -f "$FULL/w.pcapng"

	# the TUI: red in its header
	if command -v tmux >/dev/null 2>&1; then
		. "$top_srcdir/tests/tui_lib.sh"
		tui_start 120 30 "'$ROAMSCOPE' -r '$CAP' --replay=20 -w '$FULL/t.pcapng'; echo rs-exit=\$?; sleep 60"
		if tui_wait "-w FAILED" 20; then
			$TUI_TMUX capture-pane -e -p >"$T/escreen"
			e=$(printf '\033')
			if head -1 "$T/escreen" |
			    grep -q "$e\[31m\($e\[[0-9;]*m\)*-w FAILED"; then
				t_ok "TUI: -w FAILED in red in the header"
			else
				t_fail "TUI: red header" "$(head -1 "$T/escreen" | cat -v | cut -c1-200)"
			fi
		else
			t_fail "TUI: -w FAILED in the header" "not shown"
			sed 's/^/#   | /' "$T/screen"
		fi
		tui_keys q
		tui_check "TUI: exit 11 after q" "rs-exit=11"
		$TUI_TMUX kill-server 2>/dev/null
	else
		t_skip "TUI: red header" "no tmux"
	fi
	umount "$FULL"
else
	t_skip "full disk" "needs root to mount a 64 KiB tmpfs"
fi

# --- a FIFO whose reader goes away ---------------------------------------
rm -f "$T/fifo"
mkfifo "$T/fifo"
# the reader takes 20 kB and goes
(head -c 20000 <"$T/fifo" >"$T/got"; :) &
rpid=$!
rc=0
"$ROAMSCOPE" -r "$CAP" -w "$T/fifo" --report=json >"$T/out" 2>"$T/err" ||
    rc=$?
wait "$rpid" 2>/dev/null
n=$(frames_in "$T/out")
if [ "$rc" -eq 11 ] && [ "$n" -eq "$NFR" ] &&
    grep -q "reader went away" "$T/err"; then
	t_ok "FIFO reader gone: said, exit 11, the report has all $n frames"
else
	t_fail "FIFO reader gone" "exit $rc, $n of $NFR frames"
fi
t_done
