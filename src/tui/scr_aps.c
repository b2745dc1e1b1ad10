/*
 * scr_aps.c -- every BSS seen, grouped by SSID, with what roaming depends
 * on (channel, MDID, FT over DS, AKMs, 11k/11v, RSSI) and the engine's ESS
 * findings (mixed MDIDs and so on) marked on the rows they name.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "text.h"
#include "tui_int.h"

static int
cmp_ap(const void *a, const void *b, void *arg)
{
	const struct tui	*t = arg;
	const struct eng_ap	*x = &t->aps[*(const size_t *)a];
	const struct eng_ap	*y = &t->aps[*(const size_t *)b];
	int			 d;

	if ((d = strcmp(x->ssid, y->ssid)) != 0)
		return (d);
	/* the links of an AP MLD together, by link ID, after the others */
	if (x->has_mld != y->has_mld)
		return (x->has_mld ? 1 : -1);
	if (x->has_mld && (d = memcmp(x->mld, y->mld, 6)) != 0)
		return (d);
	if (x->has_mld && x->link_id != y->link_id)
		return (x->link_id < y->link_id ? -1 : 1);
	if (x->channel != y->channel)
		return (x->channel < y->channel ? -1 : 1);
	return (memcmp(x->bssid, y->bssid, 6));
}

/* Is code one of the comma-separated list's? */
static bool
has_code(const char *list, const char *code)
{
	size_t	n = strlen(code);

	while (*list != '\0') {
		if (strncmp(list, code, n) == 0 &&
		    (list[n] == ',' || list[n] == '\0'))
			return (true);
		if ((list = strchr(list, ',')) == NULL)
			break;
		list++;
	}
	return (false);
}

/* The codes of the findings that name this BSS, each once, "" when none. */
void
aps_issues(const struct tui *t, const uint8_t *bssid, char *out, size_t len)
{
	size_t	f, i, o = 0;

	out[0] = '\0';
	for (f = 0; f < t->nfnd; f++)
		for (i = 0; i < t->fnd[f].nbssids; i++)
			if (memcmp(t->fnd[f].bssids[i], bssid, 6) == 0 &&
			    o + 1 < len && !has_code(out, t->fnd[f].code)) {
				o += (size_t)snprintf(out + o, len - o, "%s%s",
				    o ? "," : "", t->fnd[f].code);
				break;
			}
}

void
aps_move(struct tui *t, long d, bool absolute)
{
	if (t->naps == 0)
		return;
	t->ap_sel = tui_move(t->ap_sel, t->naps, d, absolute);
	memcpy(t->ap_cur, t->aps[t->ap_order[t->ap_sel]].bssid, 6);
	t->has_ap_cur = true;
}

/* The BSS under the cursor (in the list's order), NULL when none. */
const struct eng_ap *
aps_selected(const struct tui *t)
{
	if (t->naps == 0 || t->ap_sel >= t->naps)
		return (NULL);
	return (&t->aps[t->ap_order[t->ap_sel]]);
}

static void
akm_list(const struct eng_ap *ap, char *out, size_t len)
{
	size_t	i, o = 0;

	out[0] = '\0';
	if (!ap->has_rsn) {
		snprintf(out, len, "open/WEP/WPA1");
		return;
	}
	for (i = 0; i < ap->nakms && o + 1 < len; i++)
		o += (size_t)snprintf(out + o, len - o, "%s%s", i ? "," : "",
		    d11_akm_name(ap->akms[i]));
}

void
aps_draw(struct tui *t, int y, int h)
{
	const struct eng_ap	*ap;
	char			 title[96], m[18], akms[96], iss[96];
	char			 ssid[140], cell[140];
	char			 mdid[8], rssi[8];
	size_t			 i, f, nf = 0, row;
	int			 rows, attr, wakm, xs, w;

	for (i = 0; i < t->naps; i++)
		t->ap_order[i] = i;
	qsort_r(t->ap_order, t->naps, sizeof *t->ap_order, cmp_ap, t);
	/* the cursor stays on its BSS while new ones sort in */
	for (i = 0; t->has_ap_cur && i < t->naps; i++)
		if (memcmp(t->aps[t->ap_order[i]].bssid, t->ap_cur, 6) == 0) {
			t->ap_sel = i;
			break;
		}
	snprintf(title, sizeof title, "ACCESS POINTS  %zu BSS%s, %zu ESS "
	    "finding%s", t->naps, t->naps == 1 ? "" : "es", t->nfnd,
	    t->nfnd == 1 ? "" : "s");
	tui_hline(t, y, 0, t->cols, TA_TITLE, title);

	/* Findings at the bottom, most of the screen for the list. */
	nf = t->nfnd < (size_t)(h / 3) ? t->nfnd : (size_t)(h / 3);
	rows = h - 2 - (nf ? (int)nf + 1 : 0);
	wakm = t->cols >= 120 ? 30 : t->cols >= 100 ? 20 : 12;
	xs = t->cols >= 100 ? 16 : 11;
	tui_fill(t, y + 1, 0, t->cols, TA_TITLE);
	tui_putf(t, y + 1, 1, t->cols - 1, TA_TITLE, "%-*s %-17s %3s %-4s "
	    "%-3s %-*s %-3s %-3s %4s %3s %s", xs, "SSID", "BSSID", "CH",
	    "MDID", "ODS", wakm, "AKMS", "11k", "11v", "RSSI", "CL", "ISSUES");
	if (t->naps == 0) {
		tui_put(t, y + 2, 1, t->cols - 1, TA_DIM, "(no APs seen yet)");
		return;
	}
	if (t->ap_sel >= t->naps)
		t->ap_sel = t->naps - 1;
	if (t->ap_sel < t->ap_top)
		t->ap_top = t->ap_sel;
	if (rows > 0 && t->ap_sel >= t->ap_top + (size_t)rows)
		t->ap_top = t->ap_sel - (size_t)rows + 1;
	for (row = 0; (int)row < rows; row++) {
		i = t->ap_top + row;
		if (i >= t->naps)
			break;
		ap = &t->aps[t->ap_order[i]];
		aps_issues(t, ap->bssid, iss, sizeof iss);
		attr = iss[0] ? TA_WARN : TA_NORMAL;
		if (i == t->ap_sel) {
			attr = TA_SEL;
			tui_fill(t, y + 2 + (int)row, 0, t->cols, attr);
			tui_put(t, y + 2 + (int)row, 0, 1, attr, ">");
		}
		if (ap->has_ssid)
			text_safe(cell, sizeof cell, ap->ssid);
		else
			snprintf(cell, sizeof cell, "(hidden)");
		/* by columns: a CJK SSID takes two per character */
		text_pad(ssid, sizeof ssid, cell, xs);
		if (ap->has_mde)
			snprintf(mdid, sizeof mdid, "%02x%02x", ap->mdid[0],
			    ap->mdid[1]);
		else
			snprintf(mdid, sizeof mdid, "-");
		if (ap->has_rssi)
			snprintf(rssi, sizeof rssi, "%d", ap->rssi);
		else
			snprintf(rssi, sizeof rssi, "-");
		akm_list(ap, akms, sizeof akms);
		w = tui_putf(t, y + 2 + (int)row, 1, t->cols - 1, attr, "%s "
		    "%-17s %3u %-4s %-3s %-*.*s %-3s %-3s %4s %3u %s%s",
		    ssid, tui_mac(ap->bssid, m), ap->channel, mdid,
		    ap->has_mde ? (ap->ft_over_ds ? "yes" : "no") : "-", wakm,
		    wakm, akms, ap->nr ? "yes" : "no", ap->btm ? "yes" : "no",
		    rssi, ap->nclients, iss[0] ? "! " : "", iss);
		/* a link of an AP MLD: which, after the row */
		if (ap->has_mld && 2 + w < t->cols)
			tui_putf(t, y + 2 + (int)row, 2 + w, t->cols - 2 - w,
			    attr, "%sMLD %s link %u", iss[0] ? " " : "",
			    tui_mac(ap->mld, m), ap->link_id);
	}
	if (nf == 0)
		return;
	row = (size_t)(y + h - (int)nf - 1);
	tui_hline(t, (int)row, 0, t->cols, TA_WARN, "ESS inconsistencies");
	for (f = 0; f < nf; f++) {
		char	txt[ENG_DIAG_TEXT];

		text_safe(ssid, sizeof ssid, t->fnd[f].ssid);
		text_safe(txt, sizeof txt, t->fnd[f].text);
		tui_putf(t, (int)row + 1 + (int)f, 1, t->cols - 1, TA_WARN,
		    "%s %s [%s] %s", t->g.mark, ssid, t->fnd[f].code, txt);
	}
}
