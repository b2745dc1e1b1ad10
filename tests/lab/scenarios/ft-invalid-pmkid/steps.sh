# shellcheck shell=sh disable=SC2034  # sourced by the guest after lab.sh; variables are read there
# ft-invalid-pmkid: AP2 has no r0kh/r1kh for AP1, so the FT authentication
# to AP2 is answered with status 53 (INVALID_PMKID); the client then re-runs
# FT with AP1 and stays there. Configs from captures/lab/ft-invalid-pmkid.
steps() {
    sleep 1
    roam "$AP2" fail 5
    sleep 1
}
