#!/bin/sh
# tui_wide.sh -- SSIDs of wide characters (CJK: two columns each) and of
# emoji (4-byte UTF-8) keep the TUI's columns where they belong and are
# shown, not turned into "????"; an SSID of escape sequences is shown
# neutralised.  Captures: tests/data/crafted/make_odd_captures.py.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
. "$top_srcdir/tests/tui_lib.sh"

command -v python3 >/dev/null 2>&1 || { echo "1..0 # SKIP no python3"; exit 77; }
python3 "$top_srcdir/tests/data/crafted/make_odd_captures.py" "$T/odd" \
    >/dev/null || { echo "Bail out! make_odd_captures.py"; exit 99; }

# cols SCREEN LINES NEEDLE...: on the lines matching the regex LINES, the
# terminal column where each NEEDLE starts, one number a line (east-asian
# wide characters take 2)
cols() {
	python3 - "$@" <<'PY'
import re, sys, unicodedata
lines = open(sys.argv[1], encoding="utf-8", errors="replace").read().split("\n")
def width(s):
    return sum(0 if unicodedata.combining(c) else
               2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
for needle in sys.argv[3:]:
    for ln in lines:
        i = ln.find(needle)
        if i >= 0 and re.search(sys.argv[2], ln):
            print(width(ln[:i]))
PY
}

for name in cjk emoji; do
	case $name in
	cjk)	ssid=$(printf '\346\274\253\346\270\270\345\256\236\351\252\214\345\256\244') ;;
	emoji)	ssid=$(printf '\360\237\223\266 roam \360\237\232\200') ;;
	esac
	tui_start 120 40 "'$ROAMSCOPE' -r '$T/odd/ssid-$name.pcap'; echo rs-exit=\$?; sleep 60"
	tui_check "$name: client row" "02:00:00:00:02:00"
	tui_keys a
	tui_check "$name: AP view" "ACCESS POINTS"
	# the BSSID column starts at the same column as its title
	c=$(cols "$T/screen" '(SSID +BSSID| [0-9]+ (a1b2|c3d4) )' BSSID \
	    02:00:00:00:00:00 \
	    02:00:00:00:01:00 | sort -u)
	if [ "$(echo "$c" | wc -l)" -eq 1 ]; then
		t_ok "$name: AP view columns aligned (BSSID at column $c)"
	else
		t_fail "$name: AP view columns aligned" "BSSID at columns $(echo $c)"
		sed 's/^/#   | /' "$T/screen"
	fi
	if grep -F -q "$ssid" "$T/screen" && ! grep -q '????' "$T/screen"; then
		t_ok "$name: the SSID is shown as it is"
	else
		t_fail "$name: the SSID is shown" "not found, or ????"
		sed 's/^/#   | /' "$T/screen"
	fi
	tui_keys a
	tui_check "$name: back to the clients" "LAST ROAM"
	# the client row: its last roam starts under its title, past the SSID
	c=$(cols "$T/screen" '^( CLIENT|>02:00:00:00:02:00)' "LAST ROAM" \
	    FT-OTA | sort -u)
	if [ "$(echo "$c" | wc -l)" -eq 1 ]; then
		t_ok "$name: client row columns aligned (last roam at column $c)"
	else
		t_fail "$name: client row columns aligned" "at columns $(echo $c)"
		sed 's/^/#   | /' "$T/screen"
	fi
	tui_keys q
	tui_check "$name: q quits" "rs-exit=0"
done

# escape sequences in an SSID: neutralised on the screen too
tui_start 120 40 "'$ROAMSCOPE' -r '$T/odd/ssid-esc.pcap'; echo rs-exit=\$?; sleep 60"
tui_check "esc: client row" "02:00:00:00:02:00"
tui_keys a
tui_check "esc: AP view" "ACCESS POINTS"
if grep -F -q "]52;c;cm9vdA==" "$T/screen"; then
	t_ok "esc: the SSID's text shown, its controls replaced"
else
	t_fail "esc: the SSID shown" "not there"
	sed 's/^/#   | /' "$T/screen"
fi
tui_keys q
tui_check "esc: q quits" "rs-exit=0"
t_done
