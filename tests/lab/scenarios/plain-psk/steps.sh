# shellcheck shell=sh disable=SC2034  # sourced by the guest after lab.sh; variables are read there
# plain-psk: WPA2-PSK without FT: each roam is open authentication +
# reassociation + a full 4-way handshake. Configs from
# captures/lab/plain-psk-roam.
steps() {
    sleep 1
    roam "$AP2"; roam "$AP1"
}
