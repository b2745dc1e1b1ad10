# shellcheck shell=sh disable=SC2034  # sourced by the guest after lab.sh; variables are read there
# ft-r0kh-wrong-key: AP2 knows AP1 as R0KH and R1KH, but with the wrong
# shared key: AP1's PMK-R1 push and AP2's pull fail to decrypt, so AP2 has
# no PMK-R1 for the client's (correct) PMKR0Name and answers the FT
# authentication with status 53 once its pull times out.  With the
# passphrase, keys proves "client correct, target lacks PMK-R1".
steps() {
    sleep 1
    roam "$AP2" fail 10
    sleep 3
}
