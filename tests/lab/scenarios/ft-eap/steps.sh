# shellcheck shell=sh disable=SC2034  # sourced by the guest after lab.sh; variables are read there
# ft-eap: FT-802.1X with hostapd's own EAP server (EAP-pwd): a join with
# EAP and the 4-way handshake, then FT roams AP1 -> AP2 -> AP1 with pings.
# Both daemons log keys (-K): the MSK in their logs is the key for the
# FT-802.1X key hierarchy (PMK-R0 from the MSK's second 256 bits).
HOSTAPD_ARGS=-K
WPAS_ARGS=-K
steps() {
    ping_roams
}
