# shellcheck shell=sh disable=SC2034  # sourced by the guest after lab.sh; variables are read there
# two-channel: AP1 on channel 1 (2412 MHz), AP2 on channel 6 (2437 MHz);
# one FT-over-air and one FT-over-DS roam each way, so that a roamscope with
# two sources (one monitor per channel, on the spare radios phy3 and phy4)
# must merge both channels to see each roam whole.
RS_ARGS="-m phy3:1 -m phy4:6"
steps() {
    sleep 1
    roam "$AP2"; roam "$AP1"; ft_ds "$AP2"; ft_ds "$AP1"
}
