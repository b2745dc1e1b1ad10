# shellcheck shell=sh disable=SC2034  # sourced by the guest after lab.sh; variables are read there
# two-channel-6-11: as two-channel, but AP1 on channel 6 and AP2 on channel
# 11, monitors phy3:6 and phy4:11, and nothing on channel 1. Why: on hwsim a
# spare radio retuned away from channel 1 still hears channel 1 as well, so
# with APs on 1/6 a two-radio roamscope gets every channel-1 frame twice
# (two-channel tests that de-duplication); here the two sources see disjoint
# traffic, which tests the merge of two channels alone.
RS_ARGS="-m phy3:6 -m phy4:11"
steps() {
    sleep 1
    roam "$AP2"; roam "$AP1"; ft_ds "$AP2"; ft_ds "$AP1"
}
