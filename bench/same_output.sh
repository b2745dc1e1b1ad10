#!/bin/sh
# same_output.sh -- whether two roamscope binaries write the same bytes.
#
# usage: same_output.sh OLD NEW [CAPTURE...]
#
# For every capture given (by default every pcap/pcapng under tests/data),
# runs both binaries with -r CAPTURE --report=json, =text and =csv, and
# with --frames and --frames=all, and compares standard output, standard error and the exit
# status.  Prints each capture that differs and exits 1 if any did.  A
# development check for changes meant to make roamscope faster without
# changing what it says (not in `make check`: a stored expected output
# would only compare the program with itself).
set -u
old=$1
new=$2
shift 2
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ $# -eq 0 ]; then
	set -- $(find "$top/tests/data" -name '*.pcap' -o -name '*.pcapng' |
	    sort)
fi
run() {	# binary capture mode tag
	case $3 in
	report) "$1" -r "$2" --report=json ;;
	text) "$1" -r "$2" --report=text ;;
	csv) "$1" -r "$2" --report=csv ;;
	frames) "$1" -r "$2" --frames ;;
	all) "$1" -r "$2" --frames=all ;;
	esac >"$tmp/$4.out" 2>"$tmp/$4.err" </dev/null
	echo $? >"$tmp/$4.rc"
	sha256sum <"$tmp/$4.out" >"$tmp/$4.sum"
	rm -f "$tmp/$4.out"
}
n=0
bad=0
for f in "$@"; do
	for m in report text csv frames all; do
		run "$old" "$f" $m old
		run "$new" "$f" $m new
		for x in sum err rc; do
			if ! cmp -s "$tmp/old.$x" "$tmp/new.$x"; then
				echo "DIFFERS: $f ($m, $x)"
				bad=$((bad + 1))
				break
			fi
		done
		n=$((n + 1))
	done
done
echo "$n runs, $bad differ"
[ $bad -eq 0 ]
