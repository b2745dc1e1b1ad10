/*
 * beacons.c -- the latest beacon of each BSS, for the AP screen's decoded
 * elements (the engine keeps no beacons' bytes).
 *
 * An open-addressed table of TUI_BEACONS slots keyed by BSSID; a slot's
 * buffer is reused and only grows.  Once the table is full, the BSSes
 * beyond it have no beacon to show (the AP screen says so).  Each beacon
 * costs a hash, a probe and a copy of its bytes.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tui_int.h"

static size_t
slot_of(const uint8_t *b)
{
	uint32_t	h = 2166136261u;
	int		i;

	for (i = 0; i < 6; i++)
		h = (h ^ b[i]) * 16777619u;
	return (h % TUI_BEACONS);
}

static struct tui_beacon *
lookup(const struct tui *t, const uint8_t *bssid, bool *found)
{
	size_t	 i, k;

	*found = false;
	if (t->bc == NULL)
		return (NULL);
	for (k = 0, i = slot_of(bssid); k < TUI_BEACONS; k++,
	    i = (i + 1) % TUI_BEACONS) {
		if (t->bc[i].data == NULL)
			return (&t->bc[i]);
		if (memcmp(t->bc[i].bssid, bssid, 6) == 0) {
			*found = true;
			return (&t->bc[i]);
		}
	}
	return (NULL);
}

void
beacons_note(struct tui *t, const struct rs_rec *rec)
{
	struct tui_beacon	*b;
	uint8_t			*np;
	bool			 found;

	if (rec->f.kind != D11_K_BEACON || rec->f.bssid == NULL ||
	    rec->caplen == 0)
		return;
	if (t->bc == NULL &&
	    (t->bc = calloc(TUI_BEACONS, sizeof *t->bc)) == NULL)
		return;
	if ((b = lookup(t, rec->f.bssid, &found)) == NULL)
		return;
	if (b->size < rec->caplen) {
		if ((np = realloc(b->data, rec->caplen)) == NULL)
			return;
		b->data = np;
		b->size = rec->caplen;
	}
	if (!found) {
		memcpy(b->bssid, rec->f.bssid, 6);
		t->nbc++;
	}
	memcpy(b->data, rec->raw, rec->caplen);
	b->len = rec->caplen;
	b->n = rec->n;
	b->ts_ns = rec->ts_ns;
	b->dlt = rec->dlt;
}

const struct tui_beacon *
beacons_find(const struct tui *t, const uint8_t *bssid)
{
	struct tui_beacon	*b;
	bool			 found;

	b = lookup(t, bssid, &found);
	return (found ? b : NULL);
}

void
beacons_free(struct tui *t)
{
	size_t	i;

	if (t->bc == NULL)
		return;
	for (i = 0; i < TUI_BEACONS; i++)
		free(t->bc[i].data);
	free(t->bc);
	t->bc = NULL;
	t->nbc = 0;
}
