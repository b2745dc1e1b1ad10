#!/bin/sh
# tests/log_bad_input.sh -- logs that cannot be used beside a good capture:
# a file that is no log, a log with no event for any client of the capture,
# a log whose times cannot be aligned, a missing file, an empty one.  Each
# gives exactly one line on stderr naming the problem and what to do, and
# the capture is still read (its air events counted).  Through
# tests/log_driver, the log subsystem on the command line; the bad logs are
# made here, in a temp dir, from the real ones in tests/data.
set -u
: "${top_builddir:=$(cd "$(dirname "$0")/.." && pwd)/build}"
# lib.sh's t_run runs $ROAMSCOPE: here the driver
ROAMSCOPE="$top_builddir/tests/log_driver"
export ROAMSCOPE
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

CAP="$DATA/lab/ft-ota-ok.pcap"
HAPD="$DATA/lab/ft-ota-ok.hostapd1.log"
SEED="$DATA/logs/aireos-ft-keycache-loop.txt"
for f in "$CAP" "$HAPD" "$SEED"; do
	[ -r "$f" ] || { echo "Bail out! $f missing"; exit 99; }
done
command -v python3 >/dev/null || { echo "Bail out! no python3"; exit 99; }

# air_ok: the capture was read whatever the log: "air" > 0 in the JSON
air_ok() {
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1]));
sys.exit(0 if d["air"] > 0 else 1)' "$T/out" 2>/dev/null
}

# check NAME PATTERN: rc 0, one line on stderr matching PATTERN, capture read
check() {
	n=$(wc -l <"$T/err")
	if [ "$rc" -ne 0 ]; then
		t_fail "$1" "exit $rc"
	elif [ "$n" -ne 1 ]; then
		t_fail "$1" "$n lines on stderr, want 1"
	elif ! grep -q -- "$2" "$T/err"; then
		t_fail "$1" "stderr does not say: $2"
	elif ! air_ok; then
		t_fail "$1" "the capture was not read"
	else
		t_ok "$1: $(cat "$T/err")"
	fi
}

# --- no log at all: the capture given as a log, binary noise, empty ---------
t_run -r "$CAP" "$CAP"
check "a capture as a log" "not a log roamscope reads: it is a packet capture"
head -c 3000 /dev/urandom >"$T/noise.bin" 2>/dev/null ||
	python3 -c 'import os; open(os.sys.argv[1], "wb").write(os.urandom(3000))' \
	    "$T/noise.bin"
t_run -r "$CAP" "$T/noise.bin"
check "binary data" "not a log roamscope reads"
: >"$T/empty.log"
t_run -r "$CAP" "$T/empty.log"
check "an empty file" "not a log roamscope reads: it is empty"
sed -n '1,40p' "$DATA/PROVENANCE" >"$T/prose.txt"
t_run -r "$CAP" "$T/prose.txt"
check "plain text" "name the format as FORMAT:"
t_run -r "$CAP" "$T/no-such.log"
check "a missing file" "cannot open the log"

# --- a log, but of other clients: the forum thread's iPhone ---------------
t_run -r "$CAP" "$SEED"
check "no client of the capture in the log" \
    "no logged event for a client of the capture (1 client in the log"

# --- the capture's client, but times all over the place ---------------------
# every line's time moved by its own random amount (up to an hour)
python3 - "$HAPD" "$T/scrambled.log" <<'EOF' || { echo "Bail out! scramble"; exit 99; }
import random, re, sys
random.seed(7)
rx = re.compile(r'^(\d+)\.(\d+): (?:\d+\.\d+: )?')
with open(sys.argv[1], errors='replace') as f, open(sys.argv[2], 'w') as o:
    for line in f:
        m = rx.match(line)
        if m:
            line = '%d.%s: %s' % (int(m.group(1)) + random.randint(-3600, 3600),
                                  m.group(2), line[m.end():])
        o.write(line)
EOF
t_run -r "$CAP" "$T/scrambled.log"
check "times that cannot be aligned" \
    "times cannot be aligned with the capture.*--log-offset SECONDS"

# --- a good log beside a bad one: the good one still aligns -----------------
t_run -r "$CAP" "$T/noise.bin" "$HAPD"
if [ "$rc" -eq 0 ] && [ "$(wc -l <"$T/err")" -eq 1 ] &&
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1]));
a=d["logs"][1]["align"]; sys.exit(0 if a["status"] == "ok" and
abs(a["offset_ns"]) < 50000000 else 1)' "$T/out"; then
	t_ok "a bad log does not stop the next one"
else
	t_fail "a bad log does not stop the next one" "second log not aligned"
fi

t_done
