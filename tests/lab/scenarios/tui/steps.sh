# shellcheck shell=sh disable=SC2034  # sourced by the guest after lab.sh; variables are read there
# tui: roamscope's TUI in a detached tmux pane in the guest (run-scenario.sh
# --tui, or LAB_TUI=1 here); pane snapshots go to /out/tui-*.txt.
# FT-over-air roams as in ft-ota.
LAB_TUI=1
# both channels: with only phy3 (channel 1) the TUI never sees the FT
# authentication to AP2 on channel 6, so it shows the join and no roam.
RS_TUI_ARGS="-m phy3:1 -m phy4:6"
steps() {
    sleep 1
    roam "$AP2"; tui_snap roam1
    roam "$AP1"; tui_snap roam2
}
