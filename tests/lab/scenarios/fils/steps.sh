# shellcheck shell=sh disable=SC2034  # sourced by the guest after lab.sh; variables are read there
# fils: WPA2 with the FILS-SHA256 AKM and hostapd's internal EAP server
# (EAP-pwd). The first join runs open authentication, full EAP and a 4-way
# handshake whose EAPOL-Key frames carry no MIC (AES-SIV key data). After a
# disconnect the client joins again with FILS Shared Key authentication
# using its PMKSA (key confirmation in the (re)association frames, no
# 4-way). Then it tries FILS toward AP2 with that PMKSA (both APs announce
# FILS cache identifier a1b2); AP2 has none and refuses (status 1), and the
# client goes back to AP1 with FILS. (FILS with ERP is not possible here:
# Debian 12's wpa_supplicant is built without CONFIG_ERP, it never keeps
# ERP keys; its hostapd has the ERP server.)
reconnect() {
    _w="wpa_cli -p /var/run/wpa_supplicant -i $STA_IF"
    ev DISCONNECT_CMD "$($_w disconnect 2>&1)"
    sleep 1
    ev RECONNECT_CMD "$($_w reconnect 2>&1)"
    if wait_connected "$AP1" 10; then
        ev RECONNECTED "bssid=$(sta_field bssid) key_mgmt=$(sta_field key_mgmt)"
    else
        fail "reconnect to $AP1 timed out ($(sta_field wpa_state))"
    fi
    sleep 1
}
steps() {
    sleep 1
    wpa_cli -p /var/run/wpa_supplicant -i $STA_IF set_network 0 bssid "$AP1" > /dev/null
    reconnect
    roam "$AP2" fail 5
}
