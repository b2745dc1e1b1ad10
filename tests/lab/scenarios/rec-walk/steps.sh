# shellcheck shell=sh disable=SC2034  # sourced by the guest after lab.sh; variables are read there
# rec-walk: the walk is kept.  As ft-r0kh-wrong-key (AP2 cannot get a
# PMK-R1: the roam to it fails, AP2's status 53 comes late), with roamscope
# live WITHOUT -w and with no recording option but the ring's size and
# count: it records on its own into $XDG_STATE_HOME/roamscope, writes the
# failed roam's own pcapng once the capture is 10 s past it (while still
# running: listed in rec-ls-live.txt), and keeps only the newest 2 ring
# files of 64 kB.
RS_MAIN=0
steps() {
    mkdir -p /out/state
    # shellcheck disable=SC2086
    XDG_STATE_HOME=/out/state roamscope $RS_ARGS ${RS_SLA:-} --record-size 64k \
        --record-files 2 --report=json > /out/rec.json 2> /out/rec.err &
    _rp=$!
    ev REC_START "pid=$_rp"
    sleep "$RS_SETTLE"
    roam "$AP2" fail 10
    # the failed roam's file is due 10 s after its last frame
    sleep 14
    ls -l /out/state/roamscope > /out/rec-ls-live.txt 2>&1
    kill -INT $_rp
    _i=0
    while kill -0 $_rp 2>/dev/null && [ $_i -lt 100 ]; do sleep 0.1; _i=$((_i + 1)); done
    kill -0 $_rp 2>/dev/null && { ev REC_KILL "no exit 10 s after SIGINT"; kill -KILL $_rp; }
    wait $_rp; echo "$?" > /out/rec.rc
    ls -l /out/state/roamscope > /out/rec-ls.txt 2>&1
}
