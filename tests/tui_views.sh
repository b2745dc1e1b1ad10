#!/bin/sh
# The AP view marks mixed MDIDs; the screen survives 60x15, says plainly
# when it is too small, and comes back; ASCII and monochrome fallbacks.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
. "$top_srcdir/tests/tui_lib.sh"
rc=0

# --- AP view on the mixed-MDID lab capture ---
CAP="$DATA/lab/mdid-mismatch.pcap"
tui_start 120 40 "'$ROAMSCOPE' -r '$CAP'; echo rs-exit=\$?; sleep 60"
tui_check "client row" "02:00:00:00:02:00"
tui_keys a
tui_check "AP view" "ACCESS POINTS"
if grep -E -q '02:00:00:00:00:00 +[0-9]+ a1b2 .*! mixed-mdid' "$T/screen" &&
    grep -E -q '02:00:00:00:01:00 +[0-9]+ c3d4 .*! mixed-mdid' "$T/screen"; then
	t_ok "both BSSes marked mixed-mdid with their MDIDs in wire order"
else
	t_fail "both BSSes marked mixed-mdid" "rows not marked"
	sed 's/^/#   | /' "$T/screen"
fi
tui_check "ESS inconsistency spelled out" "[mixed-mdid]"
tui_keys '?'
tui_check "help lists the keys" "write the selected roam's frames"
tui_keys Escape Escape
tui_check "back to the clients" "LAST ROAM"

# --- resizes ---
$TUI_TMUX resize-window -x 60 -y 15
tui_check "60x15: still the client row" "02:00:00:00:02:00"
if grep -q "too small" "$T/screen"; then
	t_fail "60x15 is usable" "said too small"
else
	t_ok "60x15 is usable"
fi
$TUI_TMUX resize-window -x 20 -y 5
tui_check "20x5: says the terminal is too small" "too small"
$TUI_TMUX resize-window -x 120 -y 40
tui_check "back at 120x40: the swimlane" "11r FT auth"
tui_check "back at 120x40: the header" "clients 1"
tui_keys q
tui_check "q quits after resizes" "rs-exit=0"

# --- no UTF-8, no colour: ASCII bars and arrows, attributes only ---
CAP="$DATA/lab/ft-invalid-pmkid.pcap"
tui_start 100 30 "env LC_ALL=C LANG=C NO_COLOR=1 '$ROAMSCOPE' -r '$CAP'; echo rs-exit=\$?; sleep 60"
tui_check "C locale: client row" "02:00:00:00:02:00"
if tui_wait "INVALID_PMKID" && grep -E -q '^ 11r FT auth +[#X]+ .*x 53 INVALID_PMKID' "$T/screen" &&
    grep -q -- '-> 02:00:00:00:01:00' "$T/screen" && ! grep -q "$(printf '\342\226\210')" "$T/screen"; then
	t_ok "C locale: ASCII bars, arrows and marks"
else
	t_fail "C locale: ASCII bars, arrows and marks" "not ASCII"
	sed 's/^/#   | /' "$T/screen"
fi
tui_keys q
tui_check "q quits" "rs-exit=0"
t_done
