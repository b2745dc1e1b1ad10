#!/bin/sh
# tests/bad_input.sh -- every bad input of doc/exit-codes.md that needs
# neither radio hardware nor a terminal: the exit code, exactly one
# line on stderr naming the problem, and the frames before the problem
# still coming out.  The bad files are built here, in a temp dir, from a
# real lab capture and hand-built 802.11 frames.
set -u
. "$(dirname "$0")/lib.sh"

LAB="$DATA/lab/ft-invalid-pmkid.pcap"
[ -r "$LAB" ] || { echo "Bail out! $LAB missing"; exit 99; }
command -v python3 >/dev/null || { echo "Bail out! no python3"; exit 99; }

# --- build the bad files ---------------------------------------------------
python3 - "$LAB" "$T" "$top_srcdir/tests" \
    <<'EOF' || { echo "Bail out! mkbad failed"; exit 99; }
import struct, sys, os
lab, out = sys.argv[1], sys.argv[2]
sys.path.insert(0, sys.argv[3])
from pcaplib import block as blk, epb as epb_us, file_header as hdr, \
    read_pcap, record as rec, shb, idb

h, rs = read_pcap(lab)
assert h.endian == "<" and not h.nanosecond
recs = [(r.sec, r.frac, r.data) for r in rs]   # of the real capture
GOOD = 40          # real frames before (and after) a bad one

def write(name, body):
    with open(os.path.join(out, name), "wb") as f:
        f.write(body)

def count(name, n):
    with open(os.path.join(out, name + ".n"), "w") as f:
        f.write("%d\n" % n)

RT = struct.pack("<BBHI", 0, 0, 8, 0)            # radiotap, no fields
STA = bytes.fromhex("020000000200")
AP2 = bytes.fromhex("020000000100")

def mgmt(subtype, body, a1=AP2, a2=STA, a3=AP2):
    fc = struct.pack("<H", subtype << 4)
    return fc + b"\0\0" + a1 + a2 + a3 + b"\x10\x00" + body

def sandwich(name, bad_frames):
    """GOOD real frames, the bad ones (at the time of the last good one),
    GOOD more real frames."""
    s, u, _ = recs[GOOD - 1]
    body = hdr()
    for r in recs[:GOOD]:
        body += rec(*r)
    for b in bad_frames:
        body += rec(s, u, b)
    for r in recs[GOOD:2 * GOOD]:
        body += rec(*r)
    write(name, body)
    count(name, 2 * GOOD + len(bad_frames))

# empty file, text file, a directory
write("empty.pcap", b"")
write("text.pcap", b"this is not a capture file, it is a note\n" * 20)
os.mkdir(os.path.join(out, "dir.pcap"))

# a good capture (for the unreadable, tty and --sla cases)
body = hdr()
for r in recs[:GOOD]:
    body += rec(*r)
write("good.pcap", body)
count("good.pcap", GOOD)

# truncated last record: header says 100 bytes, 30 are there
write("trunc.pcap", body + rec(recs[GOOD][0], recs[GOOD][1], b"\xaa" * 30,
                                caplen=100, origlen=100))
count("trunc.pcap", GOOD)
# a stream cut mid-record: the same file cut inside its last real record
nxt = rec(*recs[GOOD])
write("cut-stream.pcap", body + nxt[:len(nxt) // 2])
count("cut-stream.pcap", GOOD)

# unsupported link type: Ethernet (DLT 1), a real-looking frame
eth = bytes.fromhex("ffffffffffff020000000200 0806".replace(" ", "")) + \
    b"\0" * 28
write("ether.pcap", hdr(1) + rec(1, 0, eth))

# pcapng with a block of an unknown type between the packets
ng = shb() + idb(127)
def epb(s, u, data):
    return epb_us(s * 1000000 + u, data)
for r in recs[:GOOD]:
    ng += epb(*r)
ng += blk(0x0BAD0BAD, b"an unknown block: readers must skip it")
for r in recs[GOOD:2 * GOOD]:
    ng += epb(*r)
write("unknown-block.pcapng", ng)
count("unknown-block.pcapng", 2 * GOOD)

# radiotap whose length field is longer than the whole record
sandwich("rt-long.pcap", [struct.pack("<BBHI", 0, 0, 200, 0) +
                          mgmt(11, struct.pack("<HHH", 2, 1, 0))])

# elements whose lengths overrun the frame: SSID claims 200 bytes
reassoc = struct.pack("<HH", 0x0431, 10) + bytes.fromhex("020000000000")
sandwich("ie-overrun.pcap", [RT + mgmt(2, reassoc + b"\x00\xc8roam")])

# an RSNE (FT-PSK) claiming 65,535 PMKIDs and carrying one
rsne = struct.pack("<H", 1) + bytes.fromhex("000fac04") + \
    struct.pack("<H", 1) + bytes.fromhex("000fac04") + \
    struct.pack("<H", 1) + bytes.fromhex("000fac04") + \
    struct.pack("<H", 0x00c0) + struct.pack("<H", 65535) + \
    bytes.fromhex("5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a")
sandwich("rsne-pmkids.pcap", [RT + mgmt(2, reassoc + b"\x30" +
                                        bytes([len(rsne)]) + rsne)])

# a record of zero bytes
sandwich("zero.pcap", [b""])

# timestamps going backwards: the real frames, the second half 10 s earlier
body = hdr()
for i, (s, u, d) in enumerate(recs[:2 * GOOD]):
    body += rec(s - 10 if i >= GOOD else s, u, d)
write("backwards.pcap", body)
count("backwards.pcap", 2 * GOOD)

write("bad.sla", b"ft_auth = 50 100\nthis line is not key = value\n")
EOF

n_of() { cat "$T/$1.n"; }

# check NAME CODE REGEX [FRAMES]: exit code CODE; stderr exactly one line,
# matching REGEX (grep -E -i); with FRAMES, that many --frames=all lines.
check() {
	name=$1 code=$2 re=$3
	if [ "$rc" -ne "$code" ]; then
		t_fail "$name" "exit code $rc, want $code"
		return
	fi
	if [ "$(lines "$T/err")" -ne 1 ]; then
		t_fail "$name" "stderr has $(lines "$T/err") lines, want 1"
		return
	fi
	if ! grep -Eiq "^roamscope: .*($re)" "$T/err"; then
		t_fail "$name" "stderr does not match /roamscope: .*$re/"
		return
	fi
	if [ $# -ge 4 ] && [ "$(lines "$T/out")" -ne "$4" ]; then
		t_fail "$name" "$(lines "$T/out") frame lines, want $4"
		return
	fi
	t_ok "$name"
}

# --- files that cannot be read ----------------------------------------------
t_run -r "$T/nosuch.pcap" --report
check "missing file" 4 "nosuch\.pcap"

cp "$T/good.pcap" "$T/secret.pcap"
chmod 000 "$T/secret.pcap"
chmod 755 "$T"
if [ "$(id -u)" -ne 0 ]; then
	t_run -r "$T/secret.pcap" --report
	check "unreadable file" 4 "secret\.pcap"
elif command -v setpriv >/dev/null &&
    setpriv --reuid=65534 --regid=65534 --clear-groups test -x "$ROAMSCOPE"
then
	# root reads anything: ask as nobody
	rc=0
	setpriv --reuid=65534 --regid=65534 --clear-groups \
	    "$ROAMSCOPE" -r "$T/secret.pcap" --report \
	    >"$T/out" 2>"$T/err" </dev/null || rc=$?
	check "unreadable file (as nobody)" 4 "secret\.pcap"
else
	t_skip "unreadable file" "root, and no setpriv or binary not reachable as nobody"
fi

t_run -r "$T/dir.pcap" --report
check "a directory" 4 "dir\.pcap.*director"

t_run -r "$T/empty.pcap" --report
check "an empty file" 5 "empty\.pcap"

t_run -r "$T/text.pcap" --report
check "not a capture" 5 "text\.pcap"

# --- broken captures: what came before the break is kept --------------------
t_run -r "$T/trunc.pcap" --frames=all
check "truncated last record" 7 "trunc\.pcap.*truncated" "$(n_of trunc.pcap)"

t_run -r "$T/trunc.pcap" --report
if [ "$rc" -eq 7 ] && [ -s "$T/out" ]; then
	t_ok "truncated last record: the report still comes out"
else
	t_fail "truncated last record: the report still comes out" \
	    "want exit 7 and a report on stdout"
fi

rc=0
"$ROAMSCOPE" -r - --frames=all <"$T/cut-stream.pcap" >"$T/out" \
    2>"$T/err" || rc=$?
check "stdin stream stopping mid-record" 7 "truncated|mid-record" \
    "$(n_of cut-stream.pcap)"

t_run -r "$T/unknown-block.pcapng" --frames=all
# pcapng says readers skip blocks they do not know: nothing is wrong
if [ "$rc" -eq 0 ] && [ "$(lines "$T/out")" -eq "$(n_of unknown-block.pcapng)" ] &&
    [ "$(lines "$T/err")" -le 1 ]; then
	t_ok "pcapng with an unknown block (skipped, every packet used)"
else
	t_fail "pcapng with an unknown block (skipped, every packet used)" \
	    "want exit 0, $(n_of unknown-block.pcapng) frame lines, at most one stderr line"
fi

t_run -r "$T/ether.pcap" --report
check "unsupported link type (Ethernet)" 6 "ether\.pcap.*(link|ethernet)"

# --- frames that lie: decoded as far as their bytes go, nothing lost --------
for f in rt-long ie-overrun rsne-pmkids zero; do
	case $f in
	rt-long)	what="radiotap length longer than the frame" ;;
	ie-overrun)	what="elements whose lengths overrun" ;;
	rsne-pmkids)	what="an RSNE claiming 65,535 PMKIDs" ;;
	zero)		what="a frame of zero length" ;;
	esac
	t_run -r "$T/$f.pcap" --frames=all
	check "$what" 0 "malformed" "$(n_of $f.pcap)"
done

# the 65,535-PMKID frame shows the one PMKID that is there, not more
t_run -r "$T/rsne-pmkids.pcap" --frames=all
pm=$(grep -o 5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a "$T/out" | wc -l)
if [ "$rc" -eq 0 ] && [ "$pm" -le 1 ]; then
	t_ok "RSNE with 65,535 PMKIDs: at most the one present is shown"
else
	t_fail "RSNE with 65,535 PMKIDs: at most the one present is shown" \
	    "PMKID printed $pm times"
fi

t_run -r "$T/backwards.pcap" --frames=all
check "timestamps going backwards" 0 "backwards" "$(n_of backwards.pcap)"

# --- the command line ---------------------------------------------------------
t_run -i nosuch0 --report
check "a nonexistent interface" 8 "nosuch0"

# An interface that is not 802.11: the loopback's link type is EN10MB, as
# a managed-mode Wi-Fi interface's is (a monitor interface gives radiotap).
# Opening it needs CAP_NET_RAW, so as non-root this is the permission case.
if [ "$(id -u)" -eq 0 ]; then
	t_run -i lo --report
	check "an interface not in monitor mode (lo)" 8 \
	    "lo is not in monitor mode.*-m phy"
fi

# No permission to capture: as nobody, with no capability left.
if [ "$(id -u)" -ne 0 ]; then
	t_run -i lo --report
	check "no permission to capture" 2 "needs CAP_NET_RAW"
elif command -v setpriv >/dev/null &&
    setpriv --reuid=65534 --regid=65534 --clear-groups test -x "$ROAMSCOPE"
then
	rc=0
	setpriv --reuid=65534 --regid=65534 --clear-groups \
	    "$ROAMSCOPE" -i lo --report \
	    >"$T/out" 2>"$T/err" </dev/null || rc=$?
	check "no permission to capture (as nobody)" 2 "needs CAP_NET_RAW"
else
	t_skip "no permission to capture" "root, and no setpriv or binary not reachable as nobody"
fi

t_run -r "$T/good.pcap" --report --sla "$T/bad.sla"
check "--sla with a bad line" 10 "bad\.sla:2"

t_run -r "$T/good.pcap"
check "stdout not a terminal without --report/--frames" 1 \
    "stdout is not a terminal; use --report or --frames for headless output"

t_run -r "$T/good.pcap" --report=xml
check "an unknown --report format" 1 "xml"

t_run --frobnicate
check "an unknown option" 1 "frobnicate"

t_done
