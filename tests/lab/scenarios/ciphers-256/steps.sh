# shellcheck shell=sh disable=SC2034  # sourced by the guest after lab.sh; variables are read there
# ciphers-256: AP1 uses GCMP-256, AP2 CCMP-256 (pairwise and group); the
# client pings the host behind the APs every 200 ms and FT-roams AP1 ->
# AP2 -> AP1, so the capture holds both ciphers' unicast and group frames.
steps() {
    ping_roams
}
