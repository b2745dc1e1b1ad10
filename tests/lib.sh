# tests/lib.sh -- helpers for the shell tests that run the real binary.
# shellcheck shell=sh
# POSIX sh.  Source it, then call t_run/t_ok/t_fail; end with t_done.
#
# Environment (set by `make check`, guessed otherwise):
#   ROAMSCOPE   the binary under test
#   top_srcdir  the source tree (test data is in $top_srcdir/tests/data)

: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${ROAMSCOPE:=$top_srcdir/src/roamscope}"
DATA="$top_srcdir/tests/data"

t_n=0
t_failed=0
T=$(mktemp -d "${TMPDIR:-/tmp}/rs-test.XXXXXX")
[ -n "${KEEP_T:-}" ] || trap 'rm -rf "$T"' EXIT INT TERM

if [ ! -x "$ROAMSCOPE" ]; then
	echo "Bail out! $ROAMSCOPE is not built"
	exit 99
fi

# t_run ARGS...: run the binary (stdin from /dev/null unless redirected by
# the caller); sets $rc, and $T/out, $T/err.
t_run() {
	rc=0
	"$ROAMSCOPE" "$@" >"$T/out" 2>"$T/err" </dev/null || rc=$?
}

t_ok() {
	t_n=$((t_n + 1))
	echo "ok $t_n - $1"
}

t_skip() {
	t_n=$((t_n + 1))
	echo "ok $t_n - $1 # SKIP $2"
}

# t_fail NAME WHY: also shows what the binary said.
t_fail() {
	t_n=$((t_n + 1))
	t_failed=$((t_failed + 1))
	echo "not ok $t_n - $1"
	echo "#   $2"
	echo "#   exit code: $rc"
	sed 's/^/#   stderr: /' "$T/err" | head -5
	sed 's/^/#   stdout: /' "$T/out" | head -3
}

# lines FILE: number of lines (a last line without newline counts).
lines() {
	awk 'END { print NR }' "$1"
}

t_done() {
	echo "1..$t_n"
	if [ "$t_failed" -ne 0 ]; then
		echo "# $t_failed of $t_n failed"
		exit 1
	fi
	exit 0
}
