# lab.sh - guest-side helpers, sourced by /out/scenario.sh inside the qemu
# guest (busybox sh). Copied to the per-run dir by run-scenario.sh, so
# changing it needs no new initramfs.
#
# Layout made by lab_setup (mac80211_hwsim radios=$RADIOS, default 5):
#   wlan0/phy0  AP1 02:00:00:00:00:00 (hostapd1.conf, bridge br-ap1)
#   wlan1/phy1  AP2 02:00:00:00:01:00 (hostapd2.conf, bridge br-ap2)
#   wlan2/phy2  client 02:00:00:00:02:00 (wpas.conf)
#   phy3, phy4  spare radios (their wlan3/wlan4 are deleted) for roamscope -m
#   hwsim0      global monitor, captured with tcpdump to /out/$SCENARIO.pcap
# The DS: br-ap1 <-veth-ds1==veth-ds2-> br-ap2.

: "${SCENARIO:=unnamed}" "${RADIOS:=5}" "${LAB_ROAMSCOPE:=auto}" "${LAB_TUI:=0}"
: "${RS_ARGS:=-m phy3:1 -m phy4:6}" "${RS_TUI_ARGS:=-m phy3:1 -m phy4:6}"
: "${RS_SETTLE:=3}" "${LAB_GUEST_TIMEOUT:=120}" "${RS_MAIN:=1}"
# TCG-speed SLA (tests/lab/tcg.sla, copied to /out by run-scenario.sh)
[ -f /out/tcg.sla ] && : "${RS_SLA:=--sla /out/tcg.sla}"
AP1=02:00:00:00:00:00 AP2=02:00:00:00:01:00 STA=02:00:00:00:02:00
STA_IF=wlan2
W=/tmp/lab            # working dir in guest RAM (fast); copied to /out at the end
EV=$W/events.log
mkdir -p $W

# Debian's busybox-static runs its own applets before $PATH (standalone
# shell), so the real iproute2 ip (veth, bridge) and coreutils date (%N)
# must be called by absolute path.
ip() { /usr/sbin/ip "$@"; }
date() { /usr/bin/date "$@"; }
now() { date +%s.%6N; }
# One line per scenario event: "<epoch> KIND detail" (same clock as the pcap
# and the daemons' -t logs), also echoed to the console.
ev() { _k=$1; shift; echo "$(now) $_k $*" >> $EV; echo "LAB: $_k $*"; }
# Failures go to a file: steps() runs in a subshell, variables would be lost.
fail() { echo "$*" >> $W/fails; ev STEP_FAIL "$*"; }

sta_status() { wpa_cli -p /var/run/wpa_supplicant -i $STA_IF status 2>/dev/null; }
sta_field() { sta_status | sed -n "s/^$1=//p"; }

# wait_connected BSSID TIMEOUT_S -> 0 when COMPLETED on BSSID
wait_connected() {
    _end=$(( $(date +%s) + $2 ))
    while [ "$(date +%s)" -le $_end ]; do
        _s=$(sta_status)
        if echo "$_s" | grep -q '^wpa_state=COMPLETED' && echo "$_s" | grep -qi "^bssid=$1"; then
            return 0
        fi
        sleep 0.1
    done
    return 1
}

lab_hwsim() {
    # shellcheck disable=SC2086  # HWSIM_ARGS: extra module parameters, split
    insmod /lib/modules/mac80211_hwsim.ko radios="$RADIOS" ${HWSIM_ARGS:-} || { ev HWSIM_FAIL; return 1; }
    _i=0
    while [ ! -e /sys/class/net/wlan$((RADIOS - 1)) ] && [ $_i -lt 50 ]; do sleep 0.1; _i=$((_i + 1)); done
    # Spare radios: remove their managed interfaces so roamscope finds the
    # phys free and owns them completely (it creates its own monitor vif).
    _r=3
    while [ $_r -lt "$RADIOS" ]; do iw dev wlan$_r del 2>/dev/null; _r=$((_r + 1)); done
    { iw dev; echo; for p in /sys/class/ieee80211/*; do
        echo "$(basename "$p") $(cat "$p/macaddress") index=$(cat "$p/index")"; done; } > $W/hwsim.txt 2>&1
    ev HWSIM "radios=$RADIOS ${HWSIM_ARGS:-}ap1_if=wlan0 ap1=$AP1 ap2_if=wlan1 ap2=$AP2 sta_if=$STA_IF sta=$STA spare=$(cd /sys/class/ieee80211 && echo phy[3-9]*)"
}

lab_ds() {
    ip link add br-ap1 type bridge && ip link add br-ap2 type bridge &&
    ip link add veth-ds1 type veth peer name veth-ds2 &&
    ip link set veth-ds1 master br-ap1 && ip link set veth-ds2 master br-ap2 &&
    for _l in br-ap1 br-ap2 veth-ds1 veth-ds2; do ip link set $_l up; done &&
    # no STP delay: forward at once
    echo 0 > /sys/class/net/br-ap1/bridge/forward_delay
    echo 0 > /sys/class/net/br-ap2/bridge/forward_delay
    ev DS_UP "br-ap1(veth-ds1)<->br-ap2(veth-ds2)"
}

lab_capture_start() {
    ip link set hwsim0 up
    # -U: packet-buffered so the file is complete even if we are cut short.
    # -Z root: there is no unprivileged user to drop to in the initramfs.
    tcpdump -i hwsim0 -U -Z root -w $W/capture.pcap > $W/tcpdump.log 2>&1 &
    TCPDUMP_PID=$!
    _i=0
    while ! grep -q 'listening on' $W/tcpdump.log 2>/dev/null && [ $_i -lt 50 ]; do sleep 0.1; _i=$((_i + 1)); done
    ev CAPTURE_START "iface=hwsim0 pid=$TCPDUMP_PID"
}

# ap_start IDX: hostapd on wlan(IDX-1) with /out/hostapdIDX.conf
ap_start() {
    _if=wlan$(($1 - 1)) _h=$W/hostapd$1
    cp "/out/hostapd$1.conf" "$_h.conf"
    # shellcheck disable=SC2086  # HOSTAPD_ARGS: extra options (-K: log keys)
    hostapd -dd -t ${HOSTAPD_ARGS:-} -B -P "$_h.pid" -f "$_h.log" "$_h.conf" || { fail "hostapd$1 did not start"; return 1; }
    _i=0
    while [ $_i -lt 100 ]; do
        hostapd_cli -p /var/run/hostapd -i $_if status 2>/dev/null | grep -q '^state=ENABLED' && break
        sleep 0.1; _i=$((_i + 1))
    done
    _st=$(hostapd_cli -p /var/run/hostapd -i $_if status 2>/dev/null)
    ev AP_UP "idx=$1 iface=$_if bssid=$(echo "$_st" | sed -n 's/^bssid\[0\]=//p') freq=$(echo "$_st" | sed -n 's/^freq=//p') state=$(echo "$_st" | sed -n 's/^state=//p')"
}

# sta_start: wpa_supplicant on wlan2; waits (STA_CONNECT_TIMEOUT s) for the first connection
sta_start() {
    cp /out/wpas.conf $W/wpas.conf
    # shellcheck disable=SC2086  # WPAS_ARGS: extra options (-K: log keys)
    wpa_supplicant -dd -t ${WPAS_ARGS:-} -B -D nl80211 -i $STA_IF -c $W/wpas.conf -P $W/wpas.pid -f $W/wpas.log ||
        { fail "wpa_supplicant did not start"; return 1; }
    ev STA_UP "iface=$STA_IF mac=$STA"
    _target=$(sed -n 's/^[[:space:]]*bssid=//p' $W/wpas.conf | head -n1)
    ev CONNECT "target=${_target:-any}"
    if wait_connected "${_target:-..:..:..:..:..:..}" "${STA_CONNECT_TIMEOUT:-15}"; then
        ev CONNECTED "bssid=$(sta_field bssid) key_mgmt=$(sta_field key_mgmt) freq=$(sta_field freq)"
        # wpas.conf pins bssid= for a deterministic join on AP1; lift the pin
        # so BTM candidates (and reconnects) may use the other AP, as the
        # reference captures did.
        wpa_cli -p /var/run/wpa_supplicant -i $STA_IF set_network 0 bssid any > /dev/null
    else
        fail "initial connection to ${_target:-any} timed out ($(sta_field wpa_state))"
    fi
}

# _roam_cmd METHOD TARGET EXPECT TIMEOUT  (METHOD = roam | ft_ds)
_roam_cmd() {
    _from=$(sta_field bssid)
    ev ROAM_CMD "method=$1 from=$_from to=$2 expect=$3"
    _rep=$(wpa_cli -p /var/run/wpa_supplicant -i $STA_IF "$1" "$2" 2>&1)
    ev ROAM_CMD_REPLY "method=$1 reply=$_rep"
    if wait_connected "$2" "$4"; then _res=connected; else _res=not_connected_to_target; fi
    ev ROAM_RESULT "method=$1 from=$_from to=$2 result=$_res now=$(sta_field bssid) state=$(sta_field wpa_state)"
    case "$3:$_res" in
        ok:connected|fail:not_connected_to_target) ;;
        *) fail "$1 to $2 expected $3 got $_res" ;;
    esac
    sleep "${SETTLE:-1}"
}
# roam TARGET [ok|fail] [TIMEOUT]: wpa_cli roam (FT over the air with FT AKM)
roam() { _roam_cmd roam "$1" "${2:-ok}" "${3:-8}"; }
# ft_ds TARGET [ok|fail] [TIMEOUT]: FT over the DS through the current AP
ft_ds() { _roam_cmd ft_ds "$1" "${2:-ok}" "${3:-8}"; }

# btm AP_IDX CANDIDATE CHANNEL [ok|reject] [extra bss_tm_req args...]
# Sends a BSS Transition Management Request from AP_IDX to the client naming
# CANDIDATE (op class 81 = 2.4 GHz), as the reference btm-steer capture did.
btm() {
    _ap=$1 _cand=$2 _ch=$3 _exp=${4:-ok}; shift 4 2>/dev/null || shift $#
    _from=$(sta_field bssid)
    ev BTM_REQ "ap=$_ap sta=$STA candidate=$_cand expect=$_exp $*"
    # shellcheck disable=SC2086
    _rep=$(hostapd_cli -p /var/run/hostapd -i wlan$((_ap - 1)) bss_tm_req $STA pref=1 abridged=1 \
        valid_int=255 neighbor=$_cand,0x0caf,81,$_ch,7,0301ff "$@" 2>&1)
    ev BTM_REQ_REPLY "reply=$_rep"
    if [ "$_exp" = ok ]; then
        if wait_connected "$_cand" 8; then _res=connected; else _res=not_connected_to_target; fi
        ev ROAM_RESULT "method=btm from=$_from to=$_cand result=$_res now=$(sta_field bssid)"
        [ $_res = connected ] || fail "btm to $_cand not followed"
    else
        sleep 2
        ev STATE_AFTER "bssid=$(sta_field bssid) state=$(sta_field wpa_state)"
    fi
    sleep "${SETTLE:-1}"
}

# ---- a host behind the APs (IP traffic, DHCP) ------------------------------
# The client's IP lives in the root namespace on wlan2; the host "behind the
# APs" lives in its own namespace (srv) on a veth into br-ap1, so traffic
# between them really crosses the air and the DS (one kernel would
# otherwise deliver it locally).
SRV_IP=192.168.77.1 SRV_NET=192.168.77
srv() { ip netns exec srv "$@"; }
# srv_start: namespace srv with veth-srv (192.168.77.1/24) bridged to br-ap1
srv_start() {
    ip netns add srv && ip link add veth-srvb type veth peer name veth-srv &&
    ip link set veth-srv netns srv && ip link set veth-srvb master br-ap1 &&
    ip link set veth-srvb up && srv ip link set lo up &&
    srv ip addr add $SRV_IP/24 dev veth-srv && srv ip link set veth-srv up ||
        { fail "srv namespace"; return 1; }
    ev SRV_UP "netns=srv ip=$SRV_IP/24 bridge=br-ap1"
}
# stamp: prefix each line with the epoch time (the capture's clock)
stamp() { while IFS= read -r _l; do echo "$(now) $_l"; done; }
# dhcpd_start [LEASE_S]: busybox udhcpd in srv, log and wired-side capture
dhcpd_start() {
    cat > $W/udhcpd.conf <<CONF
start $SRV_NET.100
end $SRV_NET.150
interface veth-srv
lease_file $W/udhcpd.leases
option subnet 255.255.255.0
option router $SRV_IP
option lease ${1:-600}
CONF
    touch $W/udhcpd.leases
    srv tcpdump -i veth-srv -U -Z root -w $W/dhcp-srv.pcap 'port 67 or port 68' \
        > $W/dhcp-srv-tcpdump.log 2>&1 &
    DHCP_TCPDUMP_PID=$!
    ( srv udhcpd -f $W/udhcpd.conf 2>&1 | stamp > $W/dhcpd.log ) &
    DHCPD_PID=$!
    sleep 0.5
    ev DHCPD_UP "server=$SRV_IP pool=$SRV_NET.100-150 lease=${1:-600}"
}
# dhcpc_start: busybox udhcpc on the client; waits for the first lease
dhcpc_start() {
    cat > $W/udhcpc.script <<'SCRIPT'
#!/bin/sh
# udhcpc event script: bind the address, log every event
echo "udhcpc event=$1 ip=$ip server=$serverid lease=$lease"
case $1 in
bound|renew) /usr/sbin/ip addr flush dev "$interface"
    /usr/sbin/ip addr add "$ip/${mask:-24}" dev "$interface" ;;
deconfig) /usr/sbin/ip addr flush dev "$interface" ;;
esac
SCRIPT
    chmod +x $W/udhcpc.script
    ( udhcpc -f -i $STA_IF -s $W/udhcpc.script -t 10 -T 2 -A 3 2>&1 |
        stamp > $W/dhcpc.log ) &
    _i=0
    while ! grep -q 'event=bound' $W/dhcpc.log 2>/dev/null && [ $_i -lt 200 ]; do
        sleep 0.1; _i=$((_i + 1)); done
    DHCPC_PID=$(pidof udhcpc)
    if grep -q 'event=bound' $W/dhcpc.log; then
        ev DHCP_BOUND "$(sed -n 's/.*event=bound //p' $W/dhcpc.log | tail -n1) pid=$DHCPC_PID"
    else
        fail "no DHCP lease"
    fi
}
# dhcp_renew: ask udhcpc to renew now (SIGUSR1) and wait for the ACK
dhcp_renew() {
    _n=$(grep -c 'event=renew\|event=bound' $W/dhcpc.log)
    ev DHCP_RENEW_CMD "pid=$DHCPC_PID"
    kill -USR1 "$DHCPC_PID"
    _i=0
    while [ "$(grep -c 'event=renew\|event=bound' $W/dhcpc.log)" -le "$_n" ] && [ $_i -lt 100 ]; do
        sleep 0.1; _i=$((_i + 1)); done
    if [ "$(grep -c 'event=renew\|event=bound' $W/dhcpc.log)" -gt "$_n" ]; then
        ev DHCP_RENEWED "$(grep 'event=renew\|event=bound' $W/dhcpc.log | tail -n1 | cut -d' ' -f2-)"
    else
        fail "DHCP renewal not answered"
    fi
}
# sta_ip ADDR: a static address on the client
sta_ip() { ip addr add "$1/24" dev $STA_IF && ev STA_IP "ip=$1"; }
# ping_start INTERVAL_S: the client pings the host behind the APs
ping_start() {
    ( ping -i "${1:-0.2}" $SRV_IP 2>&1 | stamp > $W/ping.log ) &
    PING_PID=$!
    ev PING_START "to=$SRV_IP interval=${1:-0.2}"
}
# ping_roams: a static address, pings every 200 ms, FT roams to AP2 and back
ping_roams() {
    srv_start || return 1
    sta_ip 192.168.77.10
    ping_start 0.2
    sleep 2
    roam "$AP2"
    sleep 1
    roam "$AP1"
    sleep 1
}
net_stop() {
    for _p in $(pidof ping) $(pidof udhcpc) $(pidof udhcpd); do kill "$_p" 2>/dev/null; done
    [ -n "${DHCP_TCPDUMP_PID:-}" ] && kill -INT "$DHCP_TCPDUMP_PID" 2>/dev/null
    sleep 0.3
}

# ---- roamscope hooks -------------------------------------------------------
# Enabled when /usr/bin/roamscope is in the initramfs and LAB_ROAMSCOPE is not
# 0. Failures are recorded in /out (roamscope.rc, .err) but never stop the
# scenario: the capture and the daemons' logs are the lab's ground truth.
rs_enabled() { [ "$LAB_ROAMSCOPE" != 0 ] && command -v roamscope >/dev/null 2>&1; }

rs_start() {
    rs_enabled || { ev ROAMSCOPE_SKIP "not in initramfs or disabled"; return 0; }
    roamscope --list > /out/roamscope-list.txt 2>&1; echo "$?" > /out/roamscope-list.rc
    # wlan0 is AP1's interface (type AP, link type Ethernet): roamscope must
    # refuse it as "not in monitor mode" and say how to get one.
    roamscope -i wlan0 --report > /dev/null 2> /out/roamscope-notmon.err
    echo "$?" > /out/roamscope-notmon.rc
    # shellcheck disable=SC2086
    # -w: roamscope's own view of the air, to diff against hwsim0's pcap
    roamscope $RS_ARGS ${RS_SLA:-} -w /out/roamscope.pcapng --report=json > /out/roamscope.json 2> /out/roamscope.err &
    RS_PID=$!
    ev ROAMSCOPE_START "pid=$RS_PID args=$RS_ARGS ${RS_SLA:-} -w /out/roamscope.pcapng --report=json"
    sleep "$RS_SETTLE"   # let it create its monitor vifs and tune before roams
    if ! kill -0 $RS_PID 2>/dev/null; then
        wait $RS_PID; _rc=$?; echo "$_rc" > /out/roamscope.rc
        ev ROAMSCOPE_EXITED_EARLY "rc=$_rc"; RS_PID=
    fi
    { iw dev; } > /out/roamscope-iw-dev.txt 2>&1
}

rs_stop() {
    [ -n "${RS_PID:-}" ] || return 0
    kill -INT "$RS_PID" 2>/dev/null
    _i=0
    while kill -0 "$RS_PID" 2>/dev/null && [ $_i -lt 100 ]; do sleep 0.1; _i=$((_i + 1)); done
    if kill -0 "$RS_PID" 2>/dev/null; then
        ev ROAMSCOPE_KILL "no exit 10 s after SIGINT"; kill -KILL "$RS_PID"
    fi
    wait "$RS_PID"; _rc=$?; echo "$_rc" > /out/roamscope.rc
    ev ROAMSCOPE_STOP "rc=$_rc"
    RS_PID=
}

# TUI variant: roamscope in a detached tmux pane; tui_snap NAME saves the pane.
tui_start() {
    rs_enabled || { ev TUI_SKIP "roamscope not in initramfs or disabled"; return 0; }
    export TERM=screen
    tmux new-session -d -s rs -x 120 -y 40 \
        "roamscope $RS_TUI_ARGS ${RS_SLA:-} 2>/out/tui.err; echo \"[roamscope exited rc=\$?]\"; sleep 3600"
    TUI_ON=1
    ev TUI_START "args=$RS_TUI_ARGS"
    sleep "$RS_SETTLE"
    tui_snap start
}
tui_snap() {
    [ -n "${TUI_ON:-}" ] || return 0
    tmux capture-pane -p -t rs > "/out/tui-$1.txt" 2>&1
    ev TUI_SNAP "name=$1 lines=$(grep -c . "/out/tui-$1.txt")"
}
tui_stop() {
    [ -n "${TUI_ON:-}" ] || return 0
    tui_snap end
    tmux send-keys -t rs q 2>/dev/null; sleep 1
    tui_snap after-q
    tmux kill-server 2>/dev/null
    TUI_ON=
}

# rs_signal_runs N SIG...: N runs of `roamscope $RS_ARGS --report=json`, each
# sent one of SIGs (in turn) at a random moment from 0 to 4 s after it
# started (0: while it is still creating its monitor interfaces).  Per run
# k, in /out/sig/: k.json, k.err, k.rc, k.at ("SIG DELAY_MS"), k.setup (ms
# from the fork to its handlers), k.iw (`iw dev` after the exit: nothing
# of roamscope's may be left).
rs_signal_runs() {
    _sn=$1; shift
    mkdir -p /out/sig
    _sr=1
    while [ $_sr -le "$_sn" ]; do
        # the signals in turn
        _ss=$(( (_sr - 1) % $# + 1 ))
        _sig=$(echo "$@" | cut -d' ' -f$_ss)
        _ms=$(awk -v s="$_sr$(date +%N)" 'BEGIN { srand(s); printf "%d", rand() * 4000 }')
        # shellcheck disable=SC2086
        roamscope $RS_ARGS --report=json > /out/sig/$_sr.json 2> /out/sig/$_sr.err &
        _sp=$!
        # from the moment it catches SIGINT (SigCgt): a signal sent before
        # its first instruction, while the disposition is the ignore it
        # inherits as a background job, is dropped by the kernel
        _st=$(date +%s%N)
        while kill -0 $_sp 2>/dev/null; do
            _cg=$(awk '/^SigCgt/ { print $2 }' /proc/$_sp/status 2>/dev/null)
            [ -n "$_cg" ] && [ $((0x$_cg & 2)) -ne 0 ] && break
            sleep 0.005
        done
        echo $(( ($(date +%s%N) - _st) / 1000000 )) > /out/sig/$_sr.setup
        sleep "$(awk -v m="$_ms" 'BEGIN { printf "%.3f", m / 1000 }')"
        kill -s "$_sig" $_sp 2>/dev/null
        _si=0
        while kill -0 $_sp 2>/dev/null && [ $_si -lt 100 ]; do sleep 0.1; _si=$((_si + 1)); done
        kill -0 $_sp 2>/dev/null && { ev RS_SIG_KILL "run $_sr no exit 10 s after $_sig"; kill -KILL $_sp; }
        wait $_sp; echo "$?" > /out/sig/$_sr.rc
        echo "$_sig $_ms" > /out/sig/$_sr.at
        iw dev > /out/sig/$_sr.iw 2>&1
        ev RS_SIG_RUN "run=$_sr sig=$_sig after_ms=$_ms rc=$(cat /out/sig/$_sr.rc)"
        _sr=$((_sr + 1))
    done
}

# rs_kill_leftovers: roamscope killed with SIGKILL leaves its monitor
# interfaces; the next start on the same radios must remove them (and say
# so) and run with exactly one interface per -m.  /out/leftover/: iw-killed
# (after the kill), 2.err, 2.json, 2.rc, iw-running, iw-after.
rs_kill_leftovers() {
    mkdir -p /out/leftover
    # shellcheck disable=SC2086
    roamscope $RS_ARGS --report=json > /out/leftover/1.json 2> /out/leftover/1.err &
    _lp=$!
    sleep "$RS_SETTLE"
    kill -KILL $_lp; wait $_lp; echo "$?" > /out/leftover/1.rc
    iw dev > /out/leftover/iw-killed 2>&1
    # shellcheck disable=SC2086
    roamscope $RS_ARGS --report=json > /out/leftover/2.json 2> /out/leftover/2.err &
    _lp=$!
    sleep "$RS_SETTLE"
    iw dev > /out/leftover/iw-running 2>&1
    kill -INT $_lp
    _li=0
    while kill -0 $_lp 2>/dev/null && [ $_li -lt 100 ]; do sleep 0.1; _li=$((_li + 1)); done
    kill -0 $_lp 2>/dev/null && kill -KILL $_lp
    wait $_lp; echo "$?" > /out/leftover/2.rc
    iw dev > /out/leftover/iw-after 2>&1
    ev RS_LEFTOVERS "killed_rc=$(cat /out/leftover/1.rc) second_rc=$(cat /out/leftover/2.rc)"
}

# ---- driver ----------------------------------------------------------------
lab_stop_all() {
    net_stop
    for _p in $W/wpas.pid $W/hostapd2.pid $W/hostapd1.pid; do
        [ -f "$_p" ] && kill "$(cat "$_p")" 2>/dev/null
    done
    sleep 0.5
    ev SCENARIO_END ""
    sleep 0.3   # last frames (deauth) reach the capture
    kill -INT "$TCPDUMP_PID" 2>/dev/null; wait "$TCPDUMP_PID" 2>/dev/null
    ev CAPTURE_STOP "$(grep -E 'packets (captured|received|dropped)' $W/tcpdump.log | tr '\n' ' ')"
}

lab_collect() {
    cp $W/capture.pcap "/out/$SCENARIO.pcap" 2>/dev/null
    for _f in hostapd1.log hostapd2.log wpas.log events.log hwsim.txt tcpdump.log \
        dhcpd.log dhcpc.log dhcp-srv.pcap udhcpd.conf ping.log; do
        [ -f $W/$_f ] && cp $W/$_f /out/$_f
    done
    sync
}

# lab_main: the fixed frame around a scenario's steps() function.
lab_main() {
    ev SCENARIO_START "name=$SCENARIO kernel=$(uname -r) out_mode=9p"
    if ! { lab_hwsim && lab_ds && lab_capture_start; }; then lab_collect; return 1; fi
    ap_start 1; ap_start 2
    # roamscope starts before the client joins, so it sees the join too.
    # The TUI variant uses the same spare radios, so it replaces the JSON run.
    # RS_MAIN=0: the scenario runs roamscope itself (in steps).
    if [ "$LAB_TUI" = 1 ]; then tui_start; elif [ "$RS_MAIN" = 1 ]; then rs_start; fi
    sta_start
    # steps run in the background under a watchdog so that logs are always
    # collected even if a step hangs.
    ( steps ) &
    _sp=$!
    ( sleep "$LAB_GUEST_TIMEOUT"; kill "$_sp" 2>/dev/null ) &
    _wd=$!
    wait $_sp; _src=$?
    kill $_wd 2>/dev/null
    _nf=$(cat $W/fails 2>/dev/null | grep -c .)
    ev SCENARIO_RC "rc=$_src step_failures=$_nf"
    rs_stop
    tui_stop
    lab_stop_all
    lab_collect
    [ "$_src" = 0 ] && [ "$_nf" = 0 ]
}
