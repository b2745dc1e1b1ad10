# bench/tmuxlib.sh -- for the benchmarks that time a screen in tmux.
# Source after setting TM (the tmux command line with its private socket).
# POSIX sh.
#
#   ms               the monotonic-enough wall clock in ms
#   median           the median of the numbers on stdin, one a line
#   wait_pane STRING poll the pane every 5 ms until STRING shows (20 s)

ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
wait_pane() {
	_t=$(ms)
	while ! $TM capture-pane -p 2>/dev/null | grep -F -q -- "$1"; do
		[ $(( $(ms) - _t )) -lt 20000 ] || return 1
		sleep 0.005
	done
}
