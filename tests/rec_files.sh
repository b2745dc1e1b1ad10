#!/bin/sh
# The walk kept (--record-dir): a failed roam's own pcapng (+-10 s of the
# client's frames and both APs' beacons, original numbers in comments) read
# back with tshark; the ring of files holds its bound (size and count, also
# counting an earlier run's files); --no-record writes nothing.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
[ -n "${TSHARK:-}" ] && [ -x "$TSHARK" ] || TSHARK=$(command -v tshark)
[ -n "$TSHARK" ] || { echo "# SKIP: tshark not installed"; exit 77; }

# --- the status 53 roam, on its own ---
CAP="$DATA/lab/ft-invalid-pmkid.pcap"
t_run -r "$CAP" --report=json --record-dir "$T/rec"
[ "$rc" -eq 3 ] && t_ok "the report says a roam failed (3)" || t_fail "exit 3" "rc $rc"
set -- "$T"/rec/failed-*-020000000200-status53.pcapng
if [ $# -eq 1 ] && [ -s "$1" ]; then
	t_ok "one failed-roam file, named by time, client and status: $(basename "$1")"
else
	t_fail "one failed-roam file" "$(ls "$T/rec")"
fi
F=$1
grep -q "failed roam saved: $F" "$T/err" && t_ok "stderr says where" ||
    t_fail "stderr says where" "$(cat "$T/err")"
python3 - "$CAP" "$F" "$T/out" "$TSHARK" <<'PY' >"$T/check" 2>&1
import json, subprocess, sys
cap, f, rep, tshark = sys.argv[1:5]
roam = [r for r in json.load(open(rep))["roams"] if r.get("status") == 53][0]
def fields(path, *e):
    out = subprocess.run([tshark, "-r", path, "-T", "fields"] +
                         [a for x in e for a in ("-e", x)],
                         capture_output=True, text=True, check=True)
    return [l.split("\t") for l in out.stdout.splitlines()]
orig = {r[0]: r[1:] for r in fields(cap, "frame.number", "frame.time_epoch",
        "frame.len", "wlan.fc.type_subtype", "wlan.addr", "wlan.ta")}
got = fields(f, "frame.comment", "frame.time_epoch", "frame.len",
             "wlan.fc.type_subtype", "wlan.addr", "wlan.ta")
bad = []
nums = []
client, aps = roam["client"], {roam["from"], roam["to"]}
t0 = roam["start"] - 10
t1 = max(roam["end"] or 0, roam["last_frame"] or 0, roam["start"]) + 10
for g in got:
    if not g[0].startswith("frame "):
        bad.append("no comment: %s" % g); continue
    n = g[0][6:]
    nums.append(int(n))
    if orig.get(n) != g[1:]:
        bad.append("frame %s differs from the original" % n)
    t = float(g[1])
    if t < t0 - 1e-6 or t > t1 + 1e-6:
        bad.append("frame %s at %f outside %f..%f" % (n, t, t0, t1))
    if int(g[3], 0) == 8:
        if g[5] not in aps:
            bad.append("frame %s: a beacon of %s" % (n, g[5]))
    elif client not in g[4].split(","):
        bad.append("frame %s is not the client's" % n)
missing = [n for n in roam["frames"] if n not in nums]
beacons = {g[5] for g in got if int(g[3], 0) == 8}
if missing: bad.append("roam frames missing: %s" % missing)
if beacons != aps: bad.append("beacons of %s" % beacons)
if nums != sorted(nums): bad.append("not in the original order")
print("\n".join(bad[:10]))
print("%d frames, roam's %d, beacons of %d APs, %.1f..%.1f s" %
      (len(got), len(roam["frames"]), len(beacons), t0, t1))
sys.exit(1 if bad or len(got) <= len(roam["frames"]) else 0)
PY
if [ $? -eq 0 ]; then
	t_ok "the file: the client's frames and the APs' beacons +-10 s, each naming its original ($(tail -1 "$T/check"))"
else
	t_fail "the failed-roam file's frames" "$(cat "$T/check")"
fi

# --- the ring's bound: 100 kB files, 3 kept ---
CAP="$DATA/public/Computer-Networking-A-Top-Down-Approach-NOTES/Wireshark_802_11.pcap"
t_run -r "$CAP" --report --record-dir "$T/ring" --record-size 100k --record-files 3
ls "$T/ring" | grep '^ring-' >"$T/files"
n=$(lines "$T/files")
[ "$n" -eq 3 ] && t_ok "3 ring files kept" || t_fail "3 ring files kept" "$(cat "$T/files")"
big=0 tot=0 rcs=0
for f in $(cat "$T/files"); do
	s=$(wc -c <"$T/ring/$f")
	[ "$s" -le 102400 ] || big=$((big + 1))
	c=$("$TSHARK" -r "$T/ring/$f" -T fields -e frame.time_epoch 2>/dev/null | tee -a "$T/ringts" | wc -l)
	"$TSHARK" -r "$T/ring/$f" >/dev/null 2>&1 || rcs=$((rcs + 1))
	tot=$((tot + c))
done
[ "$big" -eq 0 ] && t_ok "each at most 100 kB" || t_fail "each at most 100 kB" "$big larger"
[ "$rcs" -eq 0 ] && t_ok "tshark reads each" || t_fail "tshark reads each" "$rcs not"
# the kept files are the capture's last $tot frames, in order
"$TSHARK" -r "$CAP" -T fields -e frame.time_epoch 2>/dev/null | tail -n "$tot" >"$T/tail"
if [ "$tot" -gt 0 ] && cmp -s "$T/tail" "$T/ringts"; then
	t_ok "they hold the capture's last $tot frames, oldest files removed"
else
	t_fail "they hold the capture's last frames" "$tot frames, differ"
fi
# a second run counts the first one's files in the bound
t_run -r "$CAP" --report --record-dir "$T/ring" --record-size 100k --record-files 3 \
    --record-files 3
[ "$(ls "$T/ring" | grep -c '^ring-')" -eq 3 ] && t_ok "a second run: still 3" ||
    t_fail "a second run: still 3" "$(ls "$T/ring")"

# --- SIGKILL: the ring file read so far is whole ---
CAP2="$DATA/lab/ft-invalid-pmkid.pcap"
mkfifo "$T/fifo"
# the capture, then a writer that stays (the stream goes on)
sh -c 'cat "$1"; exec sleep 30' sh "$CAP2" >"$T/fifo" 2>/dev/null &
wpid=$!
"$ROAMSCOPE" -r - --report --record-dir "$T/kill" <"$T/fifo" >/dev/null 2>&1 &
pid=$!
i=0
until ls "$T"/kill/ring-*.pcapng >/dev/null 2>&1 && [ "$i" -ge 10 ]; do
	sleep 0.1
	i=$((i + 1))
	[ "$i" -lt 100 ] || break
done
sleep 0.5
kill -KILL $pid 2>/dev/null
wait $pid 2>/dev/null
kill $wpid 2>/dev/null
f=$(ls "$T"/kill/ring-*.pcapng 2>/dev/null | head -1)
n=$("$TSHARK" -r "$f" -T fields -e frame.number 2>"$T/tserr" | wc -l)
if [ -n "$f" ] && [ "$n" -eq "$(tshark -r "$CAP2" -T fields -e frame.number 2>/dev/null | wc -l)" ] &&
    ! grep -qi "cut short\|appears to have been cut" "$T/tserr"; then
	t_ok "after SIGKILL the ring file reads whole ($n frames)"
else
	t_fail "after SIGKILL the ring file reads whole" "$f: $n frames; $(cat "$T/tserr")"
fi

# --- --no-record ---
t_run -r "$CAP" --report --record-dir "$T/none" --no-record
[ ! -e "$T/none" ] && t_ok "--no-record writes nothing" || t_fail "--no-record" "$(ls "$T/none")"
XDG_STATE_HOME="$T/state" HOME="$T/home" t_run -r "$CAP" --report --record-size 10
[ ! -e "$T/state" ] && [ ! -e "$T/home" ] && ! grep -q record "$T/err" &&
    t_ok "a file without --record-dir: not recorded" ||
    t_fail "a file without --record-dir: not recorded" "$(ls -R "$T/state" "$T/home" 2>&1)"
t_run -r "$CAP" --report --record-size 12q
[ "$rc" -eq 1 ] && grep -q -- "--record-size 12q: not a size" "$T/err" &&
    t_ok "a bad size: one line, usage (1)" || t_fail "a bad size" "rc $rc $(cat "$T/err")"
t_done
