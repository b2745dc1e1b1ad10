#!/bin/sh
# valgrind.sh -- the headless report over every capture in tests/data/ under
# valgrind: no invalid read or write, no use of uninitialised memory, no
# leak "definitely lost".  Skips (77) without valgrind, and on a
# sanitizer build (ASan and valgrind do not mix).
#
# The exit code of each run must still be a documented one for that file
# (0, 3 a failed roam, 5/6/7 for the deliberately broken captures): a run
# that valgrind aborts or that crashes is a failure, not a skip.
. "${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}/tests/lib.sh"

VG=${VALGRIND:-valgrind}
if ! command -v "$VG" >/dev/null 2>&1; then
	echo "1..0 # SKIP valgrind is not installed"
	exit 77
fi
if ldd "$ROAMSCOPE" 2>/dev/null | grep -q 'lib[at]san'; then
	echo "1..0 # SKIP $ROAMSCOPE is built with sanitizers"
	exit 77
fi

VGE=97	# valgrind's --error-exitcode: no program code collides with it

# vg NAME ARGS...: run the binary under valgrind, t_ok/t_fail on the result.
vg() {
	name=$1
	shift
	rc=0
	"$VG" -q --error-exitcode=$VGE --leak-check=full \
	    --errors-for-leak-kinds=definite --show-leak-kinds=definite \
	    --track-origins=no --num-callers=30 --log-file="$T/vg" \
	    "$ROAMSCOPE" "$@" >"$T/out" 2>"$T/err" <"$vg_in" || rc=$?
	case $rc in
	0|3|5|6|7)
		if [ -s "$T/vg" ]; then
			cp "$T/vg" "$T/err"
			t_fail "$name" "valgrind reported (exit $rc)"
		else
			t_ok "$name (exit $rc)"
		fi ;;
	*)
		cat "$T/vg" >>"$T/err"
		t_fail "$name" "exit $rc under valgrind" ;;
	esac
}

vg_in=/dev/null
n=0
# Every capture file, as the README's headless command reads it.
for f in $(find "$DATA" -type f \( -name '*.pcap' -o -name '*.pcapng' \
    -o -name '*.cap' \) | LC_ALL=C sort); do
	vg "--report=json ${f#"$DATA"/}" -r "$f" --report=json
	n=$((n + 1))
done
if [ "$n" -lt 10 ]; then
	rc=0
	t_fail "captures found" "only $n captures under $DATA"
fi
# The other outputs, on one lab capture with roams: every frame as JSON,
# the text and CSV reports, two sources merged, and -w.
lab=$DATA/lab/ft-invalid-pmkid.pcap
vg "--frames=all lab" -r "$lab" --frames=all
vg "--report text, two sources merged" -r "$lab" \
    -r "$DATA/lab/ft-ota-ok.pcap" --report
vg "--report=csv -w" -r "$lab" --report=csv -w "$T/w.pcapng"
vg_in=$lab
vg "stdin (-r -)" -r - --report
t_done
