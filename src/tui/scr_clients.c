/*
 * scr_clients.c -- the clients pane: one row per client, sorted and
 * filtered, with the selection held on the same client as rows move.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curses.h>

#include "oui.h"
#include "text.h"
#include "tui_int.h"

const char *
clients_sort_name(enum tui_sort s)
{
	switch (s) {
	case TS_FIRST_SEEN:
		return ("first-seen");
	case TS_RECENT:
		return ("recent");
	case TS_MAC:
		return ("mac");
	case TS_ROAMS:
		return ("roams");
	case TS_FAILS:
		return ("failures");
	case TS_RSSI:
		return ("rssi");
	default:
		return ("?");
	}
}

static bool
client_failed(const struct eng_client *c)
{
	return (c->nfailed != 0 || c->nfail != 0);
}

static bool
matches(const struct tui *t, size_t i)
{
	const struct eng_client	*c = &t->cl[i];
	const char		*v;
	char			 m[18];

	if (t->filter[0] == '\0')
		return (true);
	if (strcasecmp(t->filter, "failed") == 0 ||
	    strcasecmp(t->filter, "fail") == 0)
		return (client_failed(c));
	if (strcasecmp(t->filter, "warn") == 0)
		return (c->nwarn != 0 || client_failed(c));
	tui_mac(c->mac, m);
	if (strcasestr(m, t->filter) != NULL)
		return (true);
	if (c->has_bss && strcasestr(tui_mac(c->bss, m), t->filter) != NULL)
		return (true);
	if (strcasestr(c->ssid, t->filter) != NULL)
		return (true);
	if ((v = oui_vendor(c->mac)) != NULL &&
	    strcasestr(v, t->filter) != NULL)
		return (true);
	return (false);
}

static int
cmp_rows(const void *a, const void *b, void *arg)
{
	const struct tui	*t = arg;
	const struct eng_client	*x = &t->cl[*(const size_t *)a];
	const struct eng_client	*y = &t->cl[*(const size_t *)b];
	int			 d = 0, rx, ry;

	switch (t->sort) {
	case TS_RECENT:
		d = (x->last_ns < y->last_ns) - (x->last_ns > y->last_ns);
		break;
	case TS_MAC:
		d = memcmp(x->mac, y->mac, 6);
		break;
	case TS_ROAMS:
		d = (x->nroams < y->nroams) - (x->nroams > y->nroams);
		break;
	case TS_FAILS:
		rx = (int)(x->nfailed + x->nfail);
		ry = (int)(y->nfailed + y->nfail);
		d = (rx < ry) - (rx > ry);
		if (d == 0)
			d = (x->nwarn < y->nwarn) - (x->nwarn > y->nwarn);
		break;
	case TS_RSSI:
		rx = x->has_rssi ? x->rssi : -200;
		ry = y->has_rssi ? y->rssi : -200;
		d = (rx < ry) - (rx > ry);
		break;
	default:
		break;
	}
	if (d == 0)	/* stable: first seen first */
		d = (*(const size_t *)a > *(const size_t *)b) -
		    (*(const size_t *)a < *(const size_t *)b);
	return (d);
}

void
clients_rebuild(struct tui *t)
{
	size_t	 i, n = 0;
	bool	 found = false;

	for (i = 0; i < t->ncl; i++)
		if (matches(t, i))
			t->order[n++] = i;
	t->nrows = n;
	if (t->sort != TS_FIRST_SEEN)
		qsort_r(t->order, n, sizeof *t->order, cmp_rows, t);
	if (t->has_sel)
		for (i = 0; i < n && !found; i++)
			if (memcmp(t->cl[t->order[i]].mac, t->sel_mac, 6) == 0)
				found = true;
	if (!found) {
		t->has_sel = n != 0;
		if (n != 0)
			memcpy(t->sel_mac, t->cl[t->order[0]].mac, 6);
		t->sel_roam = 0;
	}
}

static size_t
sel_row(const struct tui *t)
{
	size_t	i;

	for (i = 0; i < t->nrows; i++)
		if (memcmp(t->cl[t->order[i]].mac, t->sel_mac, 6) == 0)
			return (i);
	return (0);
}

const struct eng_client *
clients_selected(const struct tui *t)
{
	if (!t->has_sel || t->nrows == 0)
		return (NULL);
	return (&t->cl[t->order[sel_row(t)]]);
}

void
clients_move(struct tui *t, long d, bool absolute)
{
	long	r;

	if ((r = tui_pick((long)sel_row(t), d, absolute, t->nrows)) < 0)
		return;
	memcpy(t->sel_mac, t->cl[t->order[r]].mac, 6);
	t->has_sel = true;
	t->sel_roam = 0;
	t->roam_top = 0;
	tui_model_roams(t);
}

/* Column widths for the screen width; 0 drops a column.  What a
 * walk-tester watches (the client, the AP it is on now, its last roam)
 * stays at 80 columns; CAPS, when last heard and the vendor go first. */
struct ccols {
	int	 mac, vendor, ap, ssid, rssi, heard, roams, fail, last, caps;
};

static void
layout(int w, struct ccols *c)
{
	int	 n;

	c->mac = 17;
	c->vendor = w >= 110 ? 10 : 0;
	c->ap = w >= 80 ? 17 : 0;
	c->ssid = w >= 140 ? 16 : w >= 90 ? 12 : w >= 80 ? 8 : 10;
	c->rssi = 4;
	c->heard = w >= 100 ? 5 : 0;
	c->roams = 5;
	c->fail = 4;
	c->caps = w >= 100 ? 7 : w >= 90 ? 4 : 0;
	/* LAST gets what is left (1 leading mark, 1 space after each). */
	n = 1 + c->mac + 1 + c->ssid + 1 + c->rssi + 1 + c->roams + 1 +
	    c->fail + 1 + (c->vendor ? c->vendor + 1 : 0) +
	    (c->ap ? c->ap + 1 : 0) + (c->heard ? c->heard + 1 : 0) +
	    (c->caps ? c->caps + 1 : 0);
	c->last = w - n;
	if (c->last > 36 && c->vendor == 0 && w >= 90) {
		c->vendor = 10;
		c->last -= 11;
	}
	if (c->last < 8)
		c->last = 8;
}

/* Seconds since the client was last heard, as of the newest frame. */
static void
heard_text(const struct tui *t, const struct eng_client *c, char *out,
    size_t len)
{
	int64_t	 s;

	if (t->newest_ns == 0 || c->last_ns == 0 || c->last_ns > t->newest_ns)
		s = 0;
	else
		s = (t->newest_ns - c->last_ns) / 1000000000;
	if (s < 100)
		snprintf(out, len, "%3llds", (long long)s);
	else if (s < 6000)
		snprintf(out, len, "%3lldm", (long long)(s / 60));
	else
		snprintf(out, len, "%3lldh", (long long)(s / 3600));
}

static int
col(struct tui *t, int y, int x, int w, int attr, const char *s)
{
	if (w <= 0)
		return (x);
	tui_put(t, y, x, w, attr, s);
	return (x + w + 1);
}

/* A STA MLD in the vendor cell (10 columns): "MLD 2.4+5", the bands of
 * its links ("2.4+5+6" alone). */
static const char *
mld_bands(const struct eng_client *c, char *buf, size_t len)
{
	static const uint8_t bands[] = { ENG_BAND_2G, ENG_BAND_5G,
	    ENG_BAND_6G };
	char b[16];
	size_t i, o = 0;

	b[0] = '\0';
	for (i = 0; i < sizeof bands && o < sizeof b; i++)
		if (c->link_bands & bands[i])
			o += (size_t)snprintf(b + o, sizeof b - o, "%s%s",
			    o ? "+" : "", eng_band_name(bands[i]));
	snprintf(buf, len, "%s%s", o <= 6 ? "MLD " : "", b);
	return (buf);
}

void
clients_draw(struct tui *t, int y, int h)
{
	const struct eng_client	*c;
	struct ccols		 cc;
	const char		*v;
	char			 buf[96], m[18], ssid[40], mb[24];
	size_t			 i, sel, row;
	int			 x, attr, rows = h - 1;

	layout(t->cols, &cc);
	tui_fill(t, y, 0, t->cols, TA_TITLE);
	x = 1;
	x = col(t, y, x, cc.mac, TA_TITLE, t->sort == TS_MAC ? "CLIENT v" :
	    "CLIENT");
	x = col(t, y, x, cc.vendor, TA_TITLE, "VENDOR");
	x = col(t, y, x, cc.ap, TA_TITLE, "AP NOW");
	x = col(t, y, x, cc.ssid, TA_TITLE, "SSID");
	x = col(t, y, x, cc.rssi, TA_TITLE, t->sort == TS_RSSI ? "RSS~" :
	    "RSSI");
	x = col(t, y, x, cc.heard, TA_TITLE, "HEARD");
	x = col(t, y, x, cc.roams, TA_TITLE, t->sort == TS_ROAMS ? "ROAM~" :
	    "ROAMS");
	x = col(t, y, x, cc.fail, TA_TITLE, t->sort == TS_FAILS ? "FAI~" :
	    "FAIL");
	snprintf(buf, sizeof buf, "LAST ROAM%s%s", t->filter[0] ?
	    "  filter: " : "", t->filter);
	x = col(t, y, x, cc.last, TA_TITLE, buf);
	col(t, y, x, cc.caps, TA_TITLE, "CAPS");
	if (t->nrows == 0) {
		tui_put(t, y + 1, 1, t->cols - 1, TA_DIM, t->ncl == 0 ?
		    "(no clients yet)" : "(no client matches the filter; "
		    "Esc clears it)");
		return;
	}

	sel = sel_row(t);
	if (sel < t->cl_top)
		t->cl_top = sel;
	if (rows > 0 && sel >= t->cl_top + (size_t)rows)
		t->cl_top = sel - (size_t)rows + 1;
	if (t->cl_top + (size_t)rows > t->nrows)
		t->cl_top = t->nrows > (size_t)rows ?
		    t->nrows - (size_t)rows : 0;

	for (row = 0; (int)row < rows; row++) {
		i = t->cl_top + row;
		if (i >= t->nrows)
			break;
		c = &t->cl[t->order[i]];
		if (client_failed(c))
			attr = TA_FAIL;
		else if (c->nwarn != 0)
			attr = TA_WARN;
		else
			attr = TA_NORMAL;
		if (i == sel) {
			attr = t->pane == 0 && t->view == TV_MAIN ? TA_SEL :
			    TA_SEL_DIM;
			tui_fill(t, y + 1 + (int)row, 0, t->cols, attr);
			tui_put(t, y + 1 + (int)row, 0, 1, attr, ">");
		}
		x = 1;
		x = col(t, y + 1 + (int)row, x, cc.mac, attr,
		    tui_mac(c->mac, m));
		v = c->mld ? mld_bands(c, mb, sizeof mb) : oui_vendor(c->mac);
		x = col(t, y + 1 + (int)row, x, cc.vendor, attr,
		    v != NULL ? v : "");
		/* a STA MLD's AP is the AP MLD */
		x = col(t, y + 1 + (int)row, x, cc.ap, attr,
		    c->has_bss ? tui_mac(c->mld && c->has_ap_mld ? c->ap_mld :
		    c->bss, m) : "-");
		text_safe(ssid, sizeof ssid, c->ssid);
		x = col(t, y + 1 + (int)row, x, cc.ssid, attr, ssid);
		if (c->has_rssi)
			snprintf(buf, sizeof buf, "%4d", c->rssi);
		else
			snprintf(buf, sizeof buf, "   -");
		x = col(t, y + 1 + (int)row, x, cc.rssi, attr, buf);
		heard_text(t, c, buf, sizeof buf);
		x = col(t, y + 1 + (int)row, x, cc.heard, attr, buf);
		snprintf(buf, sizeof buf, "%5u", c->nroams);
		x = col(t, y + 1 + (int)row, x, cc.roams, attr, buf);
		snprintf(buf, sizeof buf, "%4u", c->nfailed > c->nfail ?
		    c->nfailed : c->nfail);
		x = col(t, y + 1 + (int)row, x, cc.fail, attr, buf);
		x = col(t, y + 1 + (int)row, x, cc.last,
		    i == sel ? attr : t->last_v[t->order[i]] != TA_NORMAL ?
		    t->last_v[t->order[i]] : attr, t->last[t->order[i]]);
		if (c->caps.known && cc.caps < 7)
			snprintf(buf, sizeof buf, "%c%c%c%c",
			    c->caps.k ? 'k' : '-', c->caps.v ? 'v' : '-',
			    c->caps.r ? 'r' : '-', c->caps.w ? 'w' : '-');
		else if (c->caps.known)
			snprintf(buf, sizeof buf, "%c %c %c %c",
			    c->caps.k ? 'k' : '-', c->caps.v ? 'v' : '-',
			    c->caps.r ? 'r' : '-', c->caps.w ? 'w' : '-');
		else
			snprintf(buf, sizeof buf, "?");
		col(t, y + 1 + (int)row, x, cc.caps, attr, buf);
	}
}
