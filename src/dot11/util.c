/*
 * util.c -- small helpers shared by the parser and its callers.
 */
#include "dot11.h"

static const char hexdig[] = "0123456789abcdef";

char *
d11_mac_str(const uint8_t *mac, char out[18])
{
	char	*p = out;
	int	 i;

	/* Called per printed frame: no snprintf. */
	for (i = 0; i < 6; i++) {
		*p++ = hexdig[mac[i] >> 4];
		*p++ = hexdig[mac[i] & 0xf];
		*p++ = (i == 5) ? '\0' : ':';
	}
	return out;
}

bool
d11_is_group(const uint8_t *mac)
{
	return (mac[0] & 0x01) != 0;
}

/*
 * Channel for a centre frequency (IEEE 802.11-2020 annex E):
 * 2.4 GHz 2407 + 5n (n = 1..13) and 2484 = 14; 4.9 GHz 4000 + 5n;
 * 5 GHz 5000 + 5n; 6 GHz 5950 + 5n (n = 1..233) and 5935 = 2.
 */
int
d11_freq_to_channel(unsigned freq)
{
	if (freq == 2484)
		return 14;
	if (freq >= 2412 && freq <= 2472)
		return ((freq - 2407) % 5) ? 0 : (int)(freq - 2407) / 5;
	if (freq == 5935)
		return 2;
	if (freq >= 5955 && freq <= 7115)
		return ((freq - 5950) % 5) ? 0 : (int)(freq - 5950) / 5;
	if (freq >= 5000 && freq < 5925)
		return ((freq - 5000) % 5) ? 0 : (int)(freq - 5000) / 5;
	if (freq >= 4905 && freq < 5000)
		return ((freq - 4000) % 5) ? 0 : (int)(freq - 4000) / 5;
	return 0;
}

const char *
d11_kind_name(enum d11_kind kind)
{
	switch (kind) {
	case D11_K_NONE:
		return "none";
	case D11_K_ASSOC_REQ:
		return "assoc_req";
	case D11_K_ASSOC_RESP:
		return "assoc_resp";
	case D11_K_REASSOC_REQ:
		return "reassoc_req";
	case D11_K_REASSOC_RESP:
		return "reassoc_resp";
	case D11_K_PROBE_REQ:
		return "probe_req";
	case D11_K_PROBE_RESP:
		return "probe_resp";
	case D11_K_BEACON:
		return "beacon";
	case D11_K_DISASSOC:
		return "disassoc";
	case D11_K_AUTH:
		return "auth";
	case D11_K_DEAUTH:
		return "deauth";
	case D11_K_ACTION:
		return "action";
	case D11_K_ACTION_NOACK:
		return "action_noack";
	case D11_K_MGMT_OTHER:
		return "mgmt";
	case D11_K_EAPOL:
		return "eapol";
	case D11_K_EAP:
		return "eap";
	case D11_K_DATA:
		return "data";
	case D11_K_CTRL:
		return "ctrl";
	case D11_K_EXT:
		return "ext";
	}
	return "none";
}

int
d11_dhcp_type(const struct d11_frame *f, const uint8_t **chaddr)
{
	const uint8_t	*ip, *o;
	size_t		 ihl, n, i, fixed;
	uint16_t	 sp, dp;

	if (chaddr != NULL)
		*chaddr = NULL;
	if (f->kind != D11_K_DATA || f->protected || f->body == NULL ||
	    f->ethertype != D11_ETH_P_IPV4 ||
	    f->body_len < D11_LLC_SNAP_LEN + D11_IPV4_MIN_HDR)
		return 0;
	ip = f->body + D11_LLC_SNAP_LEN;
	n = f->body_len - D11_LLC_SNAP_LEN;
	ihl = (size_t)(ip[0] & 0x0f) * 4;
	fixed = ihl + D11_UDP_HDR + D11_BOOTP_FIXED + 4;
	if ((ip[0] >> 4) != 4 || ihl < D11_IPV4_MIN_HDR || fixed > n ||
	    ip[9] != D11_IP_PROTO_UDP)
		return 0;
	sp = d11_be16(ip + ihl);
	dp = d11_be16(ip + ihl + 2);
	if (!((sp == D11_DHCP_SERVER_PORT && dp == D11_DHCP_CLIENT_PORT) ||
	    (sp == D11_DHCP_CLIENT_PORT && dp == D11_DHCP_SERVER_PORT)))
		return 0;
	if (d11_be32(ip + fixed - 4) != D11_DHCP_COOKIE)
		return 0;
	if (chaddr != NULL) {
		o = ip + ihl + D11_UDP_HDR;
		*chaddr = o[1] == D11_BOOTP_HTYPE_ETHER && o[2] == 6 ?
		    o + D11_BOOTP_CHADDR : NULL;
	}
	o = ip + fixed;
	n -= fixed;
	for (i = 0; i < n && o[i] != D11_DHCP_OPT_END;) {
		if (o[i] == D11_DHCP_OPT_PAD) {
			i++;
			continue;
		}
		if (i + 2 > n)
			break;
		if (o[i] == D11_DHCP_OPT_MSG_TYPE && o[i + 1] == 1 &&
		    i + 2 < n)
			return o[i + 2];
		i += 2 + (size_t)o[i + 1];
	}
	return 0;
}
