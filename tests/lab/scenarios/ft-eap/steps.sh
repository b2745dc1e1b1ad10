# shellcheck shell=sh disable=SC2034  # sourced by the guest after lab.sh; variables are read there
# ft-eap: FT-802.1X with hostapd's own EAP server (EAP-pwd): a join with
# EAP and the 4-way handshake, then FT roams AP1 -> AP2 -> AP1 with pings.
# Both daemons log keys (-K): the MSK in their logs is the key for the
# FT-802.1X key hierarchy (PMK-R0 from the MSK's second 256 bits).
HOSTAPD_ARGS=-K
WPAS_ARGS=-K
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
