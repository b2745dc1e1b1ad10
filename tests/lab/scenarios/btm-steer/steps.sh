# shellcheck shell=sh disable=SC2034  # sourced by the guest after lab.sh; variables are read there
# btm-steer: AP1 sends a BSS Transition Management Request naming AP2; the
# client accepts (BTM Response status 0) and FT-roams; then AP2 steers it
# back. Configs from captures/lab/btm-steer (bss_transition=1).
steps() {
    sleep 1
    btm 1 "$AP2" 6 ok
    btm 2 "$AP1" 1 ok
}
