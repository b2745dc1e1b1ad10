# shellcheck shell=sh disable=SC2034  # sourced by the guest after lab.sh; variables are read there
# gcmp-128: both APs use GCMP-128; pings every 200 ms, one FT roam and back.
steps() {
    ping_roams
}
