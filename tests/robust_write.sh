#!/bin/sh
# robust_write.sh -- SIGKILL during -w: the pcapng stays readable up to the
# last flush (flushes are at least once a second).
#
# A slow writer feeds a lab capture into `-r -` (about 400 records a
# second); roamscope writes -w and prints --frames=all.  Every record is
# written to -w before it is handed on, so the frames printed by a moment T
# are in the file once the flush after T is done.  We note that count 1.5 s
# before kill -9, and tshark must then read at least as many packets.
. "${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}/tests/lib.sh"

[ -n "${TSHARK:-}" ] && [ -x "$TSHARK" ] || TSHARK=$(command -v tshark || :)
if [ -z "$TSHARK" ] || ! command -v python3 >/dev/null 2>&1; then
	echo "1..0 # SKIP tshark or python3 is not installed"
	exit 77
fi
CAP=$DATA/lab/ft-ota-voice.pcap

# slow FILE TESTSDIR: a pcap's header, then its records in bursts of 40,
# 0.1 s apart (read with TESTSDIR/pcaplib.py).
cat >"$T/slow.py" <<'PY'
import sys, time
sys.path.insert(0, sys.argv[2])
import pcaplib
b = open(sys.argv[1], 'rb').read()
h = pcaplib.pcap_header(b)
out = sys.stdout.buffer
out.write(h.raw); out.flush()
for n, r in enumerate(pcaplib.pcap_records(b, h), 1):
    out.write(b[r.off:r.off + 16 + r.caplen])
    if n % 40 == 0:
        out.flush()
        time.sleep(0.1)
out.flush()
time.sleep(30)		# keep the pipe open: roamscope is killed first
PY

mkfifo "$T/fifo"
python3 "$T/slow.py" "$CAP" "$top_srcdir/tests" >"$T/fifo" 2>/dev/null &
wpid=$!
"$ROAMSCOPE" -r - -w "$T/w.pcapng" --frames=all <"$T/fifo" >"$T/out" \
    2>"$T/err" &
pid=$!
sleep 3
before=$(lines "$T/out")
sleep 1.5
kill -9 "$pid" 2>/dev/null
rc=0
wait "$pid" 2>/dev/null || rc=$?
got=$(lines "$T/out")
kill "$wpid" 2>/dev/null
wait "$wpid" 2>/dev/null

if [ "$rc" -eq 137 ]; then
	t_ok "roamscope was killed by SIGKILL mid-capture"
else
	t_fail "roamscope was killed by SIGKILL mid-capture" "wait said $rc"
fi
if [ "$before" -gt 0 ] && [ "$got" -gt "$before" ]; then
	t_ok "frames were flowing: $before then $got printed"
else
	t_fail "frames were flowing" "$before then $got frames printed"
fi
trc=0
"$TSHARK" -r "$T/w.pcapng" -T fields -e frame.number >"$T/ts" \
    2>"$T/tserr" || trc=$?
n=$(lines "$T/ts")
if [ "$n" -ge "$before" ] && [ "$before" -gt 0 ]; then
	t_ok "tshark reads $n frames, >= the $before printed 1.5 s before the kill"
else
	rc=$trc
	cp "$T/tserr" "$T/err"
	t_fail "tshark reads what was flushed" "$n frames read, $before printed 1.5 s before the kill"
fi
# Whatever was read must be the capture's own first n frames, in order.
"$TSHARK" -r "$CAP" -c "$n" -T fields -e frame.len -e frame.time_epoch \
    >"$T/orig" 2>/dev/null
"$TSHARK" -r "$T/w.pcapng" -T fields -e frame.len -e frame.time_epoch \
    >"$T/mine" 2>/dev/null
if [ "$n" -gt 0 ] && cmp -s "$T/orig" "$T/mine"; then
	t_ok "the $n frames are the capture's first $n (length, time)"
else
	t_fail "the frames are the capture's first ones" "differ"
	diff "$T/orig" "$T/mine" | head -5 | sed 's/^/#   /'
fi
# (checked last, see below)
trc_kill=$trc

# Headless SIGINT, SIGTERM, SIGHUP mid-stream: the report of what was seen
# is printed, the exit code is the report's (0, or 3 for a failed roam), and
# -w is closed whole.
for sig in INT TERM HUP; do
	rm -f "$T/fifo" "$T/s.pcapng"
	mkfifo "$T/fifo"
	python3 "$T/slow.py" "$CAP" "$top_srcdir/tests" >"$T/fifo" 2>/dev/null &
	wpid=$!
	"$ROAMSCOPE" -r - -w "$T/s.pcapng" --report=json <"$T/fifo" \
	    >"$T/out" 2>"$T/err" &
	pid=$!
	sleep 2
	kill -s "$sig" "$pid"
	rc=0
	wait "$pid" || rc=$?
	kill "$wpid" 2>/dev/null
	wait "$wpid" 2>/dev/null
	nrep=$(python3 -c 'import json, sys
print(json.load(open(sys.argv[1]))["summary"]["frames"])' "$T/out" \
	    2>/dev/null || echo 0)
	src=0
	nw=$("$TSHARK" -r "$T/s.pcapng" -T fields -e frame.number \
	    2>/dev/null | awk 'END { print NR }') || src=$?
	if { [ "$rc" -eq 0 ] || [ "$rc" -eq 3 ]; } && [ "$nrep" -gt 0 ] &&
	    [ "$src" -eq 0 ] && [ "$nw" -eq "$nrep" ]; then
		t_ok "headless SIG$sig: report of $nrep frames, exit $rc, -w holds them all"
	else
		t_fail "headless SIG$sig" "exit $rc, report says $nrep frames, -w has $nw (tshark $src)"
	fi
done

# The file ends where a flush ended: on a block boundary, so readers do
# not report a packet cut short.
"$TSHARK" -r "$T/w.pcapng" >/dev/null 2>"$T/tserr" || trc=$?
if [ "$trc_kill" -eq 0 ] && ! grep -q 'cut short' "$T/tserr"; then
	t_ok "the file ends on a whole block (tshark exit 0)"
else
	rc=$trc
	cp "$T/tserr" "$T/err"
	t_fail "the file ends on a whole block" "tshark exit $trc"
fi
t_done
