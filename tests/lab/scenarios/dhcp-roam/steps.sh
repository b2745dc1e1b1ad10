# shellcheck shell=sh disable=SC2034  # sourced by the guest after lab.sh; variables are read there
# dhcp-roam: a DHCP server (busybox udhcpd) behind the APs, in namespace
# srv on the DS bridge; the client takes a lease with udhcpc after its
# join, pings the server every 200 ms, FT-roams to AP2 and renews its lease
# there, then roams back to AP1 and renews again.  dhcpd.log (the server's
# own log, time-stamped) and dhcp-srv.pcap (the wired side) are the truth
# for the DHCP phase after each roam.
steps() {
    srv_start || return 1
    dhcpd_start 600
    dhcpc_start
    ping_start 0.2
    sleep 2
    roam "$AP2"
    dhcp_renew
    sleep 2
    roam "$AP1"
    dhcp_renew
    sleep 2
}
