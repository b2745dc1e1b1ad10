# shellcheck shell=sh disable=SC2034  # sourced by the guest after lab.sh; variables are read there
# stop-signals: roamscope stopped by signals at random moments, and killed.
# While the client roams AP1 -> AP2 (FT over the air, from channel 1 to 6;
# one roam: under TCG a second one is often refused with status 55 while
# monitors come and go), roamscope -m phy3:1 -m phy4:6 --report=json is
# started 20 times and sent SIGINT (mostly), SIGTERM or SIGHUP 0-4 s after
# each start (from when it catches signals): every run must print a valid
# report and exit as a normal end (0, or 3 for a failed roam), leaving no
# monitor interface behind.  Then a run killed
# with SIGKILL leaves its interfaces, and the next run must find and remove
# them.
RS_MAIN=0
RS_ARGS="-m phy3:1 -m phy4:6"
steps() {
    ( sleep 2; roam "$AP2" ) &
    _rp=$!
    rs_signal_runs 20 INT INT INT TERM INT HUP INT
    wait $_rp
    rs_kill_leftovers
}
