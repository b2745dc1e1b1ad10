/*
 * dhcp.c -- DHCP after a roam or join: a phase of the attempt.
 *
 * An L3 roam (or a renewal right after one) sends DHCP through the new AP.
 * The engine sees it in open networks and, with the network's keys, in the
 * plaintext of protected data (the caller decrypts it).  The phase runs from
 * the client's first DISCOVER or REQUEST via the attempt's target, within
 * DH_WINDOW_NS of the attempt's start, to the server's ACK or NAK; the same
 * message sent again before the answer is a retry.
 */
#include <string.h>

#include "engine_int.h"

#define DH_WINDOW_NS	(60 * NS_PER_S)

void
dh_data(struct eng *e, struct client *c, const uint8_t *bss,
    bool from_client, const struct d11_frame *f)
{
	struct att_dhcp *d;
	struct att *a;
	int t;

	if ((t = d11_dhcp_type(f, NULL)) == 0)
		return;
	if ((a = st_newest(c)) == NULL || !a->reported ||
	    !mac_eq(a->pub.to, bss) || a->assoc_ok_ns == 0 ||
	    e->now - a->pub.start_ns > DH_WINDOW_NS)
		return;
	d = &a->dhcp;
	if (from_client && (t == D11_DHCP_DISCOVER || t == D11_DHCP_REQUEST)) {
		if (d->start_ns == 0) {
			d->start_ns = e->now;
			d->status = EI_NONE;
			d->decrypted = e->plain;
			memcpy(d->ap, bss, 6);
		} else if (d->end_ns != 0)
			return;
		else if (t == d->last_type)
			d->retries++;
		d->last_type = t;
	} else if (!from_client && (t == D11_DHCP_ACK || t == D11_DHCP_NAK) &&
	    d->start_ns != 0 && d->end_ns == 0) {
		d->end_ns = e->now;
		if (t == D11_DHCP_NAK)
			d->status = D11_DHCP_NAK;
	} else
		return;
	att_judge(e, a);
}

/* A server's answer to every station (a client without an address asked
 * for a broadcast one): the client is the one BOOTP names. */
void
dh_group(struct eng *e, const struct d11_frame *f)
{
	const uint8_t *ch;
	struct client *c;

	if (f->from_ds && !f->to_ds && f->addr2 != NULL &&
	    d11_dhcp_type(f, &ch) != 0 && ch != NULL &&
	    (c = st_client(e, ch)) != NULL)
		dh_data(e, c, f->addr2, false, f);
}
