# shellcheck shell=sh disable=SC2034  # sourced by the guest after lab.sh; variables are read there
# iface-hwsim0: roamscope on an existing monitor interface (-i) instead of
# creating its own: hwsim0, the global hwsim monitor, sees every channel.
# Same roams as two-channel: FT over the air and over the DS, both ways.
RS_ARGS="-i hwsim0"
steps() {
    sleep 1
    roam "$AP2"; roam "$AP1"; ft_ds "$AP2"; ft_ds "$AP1"
}
