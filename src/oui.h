/*
 * oui.h -- a small built-in table of Wi-Fi vendors by OUI (the first three
 * octets of a MAC address), for the TUI's client list.
 */
#ifndef OUI_H
#define OUI_H

#include <stdint.h>

/*
 * The vendor of mac (6 bytes): a short name ("Apple"), "(random)" for a
 * locally administered address, or NULL when the OUI is not in the table.
 */
const char	*oui_vendor(const uint8_t *mac);

#endif /* OUI_H */
