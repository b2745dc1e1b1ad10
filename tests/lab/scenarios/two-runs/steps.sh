# shellcheck shell=sh disable=SC2034  # sourced by the guest after lab.sh; variables are read there
# two-runs: two roamscope runs on the same radios at once.  Run A
# (-m phy3:1 -m phy4:6) starts; run B, given the same radios, starts while
# A captures: it must leave A's monitor interfaces alone (they are not
# leftovers: their creator runs), and both capture side by side.  The
# client roams AP1 -> AP2 -> AP1 while both run (they joined it to AP1
# unseen, so the first is a join to AP2 for them); B is stopped, then A,
# and each must report the roam back to AP1, exit as a normal end and take
# only its own interfaces away.  In /out/two/: a.* and b.* (pid, json, err, rc), iw-a
# (A alone), iw-both, iw-a-after-b (B gone), iw-after (both gone).
RS_MAIN=0
RS_ARGS="-m phy3:1 -m phy4:6"
two_stop() {
    kill -INT "$1" 2>/dev/null
    _ti=0
    while kill -0 "$1" 2>/dev/null && [ $_ti -lt 100 ]; do sleep 0.1; _ti=$((_ti + 1)); done
    kill -0 "$1" 2>/dev/null && { ev RS_TWO_KILL "pid $1 no exit 10 s after SIGINT"; kill -KILL "$1"; }
    wait "$1"
}
steps() {
    rs_enabled || { ev ROAMSCOPE_SKIP "not in initramfs or disabled"; return 0; }
    mkdir -p /out/two
    # shellcheck disable=SC2086
    roamscope $RS_ARGS --report=json > /out/two/a.json 2> /out/two/a.err &
    _ta=$!
    echo "$_ta" > /out/two/a.pid
    sleep "$RS_SETTLE"
    iw dev > /out/two/iw-a 2>&1
    # shellcheck disable=SC2086
    roamscope $RS_ARGS --report=json > /out/two/b.json 2> /out/two/b.err &
    _tb=$!
    echo "$_tb" > /out/two/b.pid
    sleep "$RS_SETTLE"
    iw dev > /out/two/iw-both 2>&1
    ev RS_TWO_BOTH "a=$_ta b=$_tb"
    roam "$AP2"
    sleep 1
    roam "$AP1"
    sleep 1
    two_stop $_tb; echo "$?" > /out/two/b.rc
    iw dev > /out/two/iw-a-after-b 2>&1
    two_stop $_ta; echo "$?" > /out/two/a.rc
    iw dev > /out/two/iw-after 2>&1
    ev RS_TWO_DONE "a_rc=$(cat /out/two/a.rc) b_rc=$(cat /out/two/b.rc)"
}
