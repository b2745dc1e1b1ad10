# shellcheck shell=sh disable=SC2034  # sourced by the guest after lab.sh; variables are read there
# ft-ota: FT over the air (wpa_cli roam = FT auth alg 2 + reassociation),
# AP1 -> AP2 -> AP1 -> AP2 -> AP1. Configs from captures/lab/ft-ota-ok.
# expect: join AP1 (psk), 4 roams ft-over-air, all status 0, result ok.
steps() {
    sleep 1
    roam "$AP2"; roam "$AP1"; roam "$AP2"; roam "$AP1"
}
