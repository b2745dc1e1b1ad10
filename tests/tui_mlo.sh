#!/bin/sh
# A Wi-Fi 7 client on the screens: the client row shows the STA MLD, the
# bands of its links and its AP MLD; the swimlane header the links before
# and after the roam, the roam list the AP MLDs; the AP view groups the link BSSIDs under their AP MLD.
# Truth: wpa_supplicant's log of the run (tests/data/mlo/README.md).
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
TUI_LANG=C	# ASCII arrows
. "$top_srcdir/tests/tui_lib.sh"

CAP="$DATA/mlo/mlo-roam-2g5g.pcap"
LOG="$DATA/mlo/mlo-roam-2g5g.wpas.log"
# the STA MLD, the AP MLD of the last connection, and its links' channels
# (the link BSSIDs' frequencies in the last "MLD: id=" lines)
sta=$(sed -n 's/.*wlan2: Own MAC address: \([0-9a-f:]*\).*/\1/p' "$LOG" |
    head -n 1)
apm=$(sed -n 's/.*CTRL-EVENT-CONNECTED .*ap_mld_addr=\([0-9a-f:]*\).*/\1/p' \
    "$LOG" | tail -n 1)
prev=$(sed -n 's/.*CTRL-EVENT-CONNECTED .*ap_mld_addr=\([0-9a-f:]*\).*/\1/p' \
    "$LOG" | tail -n 2 | head -n 1)
chs=$(sed -n 's/.*MLD: id=[0-9]*, freq=\([0-9]*\), disabled=0,.*/\1/p' "$LOG" |
    tail -n 2 | while read -r f; do
	if [ "$f" -lt 3000 ]; then echo $(((f - 2407) / 5));
	else echo $(((f - 5000) / 5)); fi; done | sort -n | paste -sd+ -)
[ -n "$sta" ] && [ -n "$apm" ] && [ "$prev" != "$apm" ] && [ -n "$chs" ] || {
	t_fail "truth from the log" "sta '$sta' ap '$prev' '$apm' ch '$chs'"
	t_done
}

tui_start 160 40 "'$ROAMSCOPE' -r '$CAP'; echo rs-exit=\$?; sleep 60"
tui_check "the STA MLD's row" "$sta"
tui_check "its bands" "MLD 2.4+5"
tui_check "the last roam's row: between the AP MLDs" "$prev -> $apm  SAE"
tui_check "the swimlane header: the links of the last roam" " links ch "
tui_check "... and the channels after it" "ch $chs"
tui_keys a
tui_check "AP view" "ACCESS POINTS"
n=$(grep -c -F "MLD $apm link" "$T/screen")
if [ "$n" -eq 2 ]; then
	t_ok "both links of $apm under it"
else
	t_fail "both links of $apm under it" "$n rows"
	sed 's/^/#   | /' "$T/screen"
fi
tui_keys q
t_done
