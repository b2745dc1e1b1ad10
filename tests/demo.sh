#!/bin/sh
# tests/demo.sh -- the bundled demo capture (data/demo.pcap, built by
# tests/mkdemo.py) is found from the build tree, tells its story (FT roams,
# a neighbor report, a BTM exchange, status 53) and replays at the asked
# speed.  Frame counts are checked against tshark when it is installed.
set -u
. "$(dirname "$0")/lib.sh"

DEMO="$top_srcdir/data/demo.pcap"

# found without ROAMSCOPE_DEMO, from the build tree
unset ROAMSCOPE_DEMO
t_run --demo --frames=all
if [ "$rc" -eq 0 ] && [ "$(lines "$T/out")" -gt 1000 ]; then
	t_ok "--demo finds data/demo.pcap from the build tree"
else
	t_fail "--demo finds data/demo.pcap from the build tree" \
	    "want exit 0 and more than 1000 frames"
fi
cp "$T/out" "$T/demo.frames"

if [ -n "${TSHARK:-}" ] && [ -x "$TSHARK" ]; then
	want=$("$TSHARK" -r "$DEMO" -T fields -e frame.number 2>/dev/null |
	    wc -l)
	if [ "$(lines "$T/demo.frames")" -eq "$want" ]; then
		t_ok "--demo --frames=all: as many frames as tshark ($want)"
	else
		t_fail "--demo --frames=all: as many frames as tshark ($want)" \
		    "got $(lines "$T/demo.frames")"
	fi
	# the story: what tshark sees, roamscope must see too
	for f in "wlan.fixed.status_code == 53:\"status\":53" \
	    "wlan.fixed.action_code == 7 && wlan.fixed.category_code == 10:\"category\":10,.*\"action\":7[,}]" \
	    "wlan.fixed.action_code == 4 && wlan.fixed.category_code == 5:\"category\":5,.*\"action\":4[,}]" \
	    "wlan.fixed.auth.alg == 2:\"auth_alg\":2"; do
		filt=${f%%:*} key=${f#*:}
		n=$("$TSHARK" -r "$DEMO" -Y "$filt" 2>/dev/null | wc -l)
		m=$(grep -cE "$key" "$T/demo.frames")
		if [ "$n" -gt 0 ] && [ "$m" -ge "$n" ]; then
			t_ok "demo has $filt ($n frames)"
		else
			t_fail "demo has $filt" "tshark $n frames, roamscope $m lines with $key"
		fi
	done
else
	t_skip "--demo frame counts against tshark" "no tshark"
fi

# the story ends with a failed roam: --report says so in its exit code
t_run --demo --report
if [ "$rc" -eq 3 ] && [ -s "$T/out" ]; then
	t_ok "--demo --report: exit 3, the demo's FT roam fails"
else
	t_fail "--demo --report: exit 3, the demo's FT roam fails" "want 3"
fi

# ROAMSCOPE_DEMO wins; a missing demo is exit 4 with one line
ROAMSCOPE_DEMO="$T/none.pcap" t_run --demo --report
if [ "$rc" -eq 4 ] && [ "$(lines "$T/err")" -eq 1 ] &&
    grep -q none.pcap "$T/err"; then
	t_ok "ROAMSCOPE_DEMO is used, a missing demo says so"
else
	t_fail "ROAMSCOPE_DEMO is used, a missing demo says so" "want exit 4"
fi

# --replay paces by timestamps: the demo lasts ~81 s, so 40x takes >= 2 s
start=$(date +%s.%N)
t_run --demo --replay=40 --report
end=$(date +%s.%N)
el=$(echo "$end - $start" | awk '{ split($0, a, " - "); print a[1] - a[2] }')
if awk "BEGIN { exit !($el >= 1.8 && $el < 10) }"; then
	t_ok "--replay=40 paces the demo (${el} s)"
else
	t_fail "--replay=40 paces the demo" "took ${el} s, want about 2"
fi

t_done
