# shellcheck shell=sh disable=SC2034  # sourced by the guest after lab.sh; variables are read there
# reassoc-no-answer: AP2 answers the FT authentication but never the
# reassociation request (hostapd2.conf: ignore_reassoc_probability=1.0, a
# hostapd test option): the client's reassociation times out on the air.
steps() {
    sleep 1
    roam "$AP2" fail 8
    sleep 2
}
