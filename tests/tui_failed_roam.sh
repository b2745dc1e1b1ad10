#!/bin/sh
# The TUI on the lab's failed FT roam (status 53): the client row, the
# swimlane's FT auth lane with the status by name, drill-down to the frame
# with the PMKID and the MDID in wire order, and q restoring the terminal.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
. "$top_srcdir/tests/tui_lib.sh"
rc=0
CAP="$DATA/lab/ft-invalid-pmkid.pcap"

tui_start_shell 120 40
tui_keys "'$ROAMSCOPE' -r '$CAP'; echo rs-exit=\$?" Enter

tui_check "client row" "02:00:00:00:02:00"
tui_check "last roam failed with 53 in the client row" "FAIL 53 INVALID_PMKID"
# The swimlane: the FT auth lane carries the refusal by name.
if tui_wait "INVALID_PMKID" && grep -E -q '^ 11r FT auth .*53 INVALID_PMKID' "$T/screen"; then
	t_ok "swimlane FT auth lane shows 53 INVALID_PMKID"
else
	t_fail "swimlane FT auth lane shows 53 INVALID_PMKID" "no such lane"
	sed 's/^/#   | /' "$T/screen"
fi
tui_check "diagnosis under the swimlane" "why: "
# Header: end of file, one failure counted.
tui_check "header END and FAIL count" "FAIL 1"

# Drill down: roams pane, the roam's frames, then the refused frame's
# request (the first FT auth, which carries the PMKR0Name and the MDE).
tui_keys Enter
tui_keys Enter
tui_check "frames view" "FRAMES of roam"
tui_check "frames view lists the refusal" "53 INVALID_PMKID"
tui_keys Enter
tui_check "frame detail" "Authentication Algorithm: FT (2)"
# The oracle: tshark's own decoding of the same frame.
n=$(grep -E -o 'FRAME [0-9]+ of roam' "$T/screen" | awk '{print $2}')
if [ -n "${TSHARK:-}" ] && [ -x "$TSHARK" ] && [ -n "$n" ]; then
	"$TSHARK" -r "$CAP" -Y "frame.number==$n" -T pdml >"$T/pdml" 2>/dev/null
	pmkid=$(grep -o 'name="wlan.pmkid.akms"[^>]*value="[0-9a-f]*"' "$T/pdml" | sed 's/.*value="//; s/"$//' | head -1)
	mdid=$(grep -o 'name="wlan.mobility_domain.mdid"[^>]*value="[0-9a-f]*"' "$T/pdml" | sed 's/.*value="//; s/"$//' | head -1)
	r0=$(grep -o 'name="wlan.ft.subelem.r0kh_id"[^>]*' "$T/pdml" | head -1)
	r0pos=$(printf '%s' "$r0" | sed 's/.* pos="\([0-9]*\)".*/\1/')
	r0size=$(printf '%s' "$r0" | sed 's/.* size="\([0-9]*\)".*/\1/')
	if [ -z "$pmkid" ] || [ -z "$mdid" ] || [ -z "$r0pos" ]; then
		t_fail "tshark oracle for frame $n" "no PMKID/MDID/R0KH-ID in tshark's tree"
	fi
	# value= is the wire bytes: the MDID as configured on the APs (a1b2),
	# which Wireshark's own label shows byte-swapped (0xb2a1).
	tui_keys G
	tui_check "PMKID as tshark reads it ($pmkid)" "PMKID: $pmkid"
	tui_check "MDID in wire order ($mdid)" "MDID: $mdid"
	tui_check "FTE R0KH-ID" "R0KH-ID: "
	# The last field (R0KH-ID) is selected: its bytes are tshark's.
	tui_check "R0KH-ID highlighted at tshark's offset" "bytes $r0pos-$((r0pos + r0size - 1)) of"
else
	tui_keys G
	tui_check "PMKID shown" "PMKID: "
	tui_check "MDID in wire order" "MDID: a1b2"
	tui_check "FTE R0KH-ID" "R0KH-ID: "
fi
# Esc goes back a level at a time.
tui_keys Escape
tui_check "Esc back to the frames" "FRAMES of roam"
tui_keys Escape
tui_check "Esc back to the swimlane" "11r FT auth"

# q: asks nothing, leaves the terminal as it was.
tui_keys q
tui_check "q exits with 0 and the shell prompt is back" "rs-exit=0"
alt=$($TUI_TMUX display -p '#{alternate_on}')
cur=$($TUI_TMUX display -p '#{cursor_flag}')
if [ "$alt" = 0 ] && [ "$cur" = 1 ]; then
	t_ok "alternate screen gone, cursor visible"
else
	t_fail "alternate screen gone, cursor visible" "alternate_on=$alt cursor_flag=$cur"
fi
tui_keys "stty -a | tr ' ;' '\\n\\n' | grep -x -e icanon -e -icanon -e echo -e -echo | tr '\\n' ' '; echo :tty" Enter
if tui_wait "icanon echo :tty" 5 && grep -q '^icanon echo :tty' "$T/screen"; then
	t_ok "tty back in canonical mode with echo"
else
	t_fail "tty back in canonical mode with echo" "stty state"
	sed 's/^/#   | /' "$T/screen"
fi
t_done
