# shellcheck shell=sh disable=SC2034  # sourced by the guest after lab.sh; variables are read there
# gcmp-128: both APs use GCMP-128; pings every 200 ms, one FT roam and back.
steps() {
    srv_start || return 1
    sta_ip 192.168.77.10
    ping_start 0.2
    sleep 2
    roam "$AP2"
    sleep 1
    roam "$AP1"
    sleep 1
}
