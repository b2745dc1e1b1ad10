/*
 * scr_matrix.c -- the roam matrix: old AP (rows) x new AP (columns), each
 * cell the roams between the two, how many failed and the median time of
 * the successful ones; below it every pair as a list, busiest first (the
 * grid shows as many APs as the width allows).  From the engine's per-pair
 * statistics.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "text.h"
#include "tui_int.h"

#define LABEL_W		22	/* "A  02:00:00:00:00:00  " */
#define CELL_W		12	/* "123/45 678ms" */
#define MAX_GRID	52	/* A-Z, a-z */

static int
cmp_pair(const void *a, const void *b)
{
	const struct eng_pair	*x = a, *y = b;
	int			 d;

	if (x->roams != y->roams)
		return (x->roams > y->roams ? -1 : 1);
	if ((d = memcmp(x->from, y->from, 6)) != 0)
		return (d);
	return (memcmp(x->to, y->to, 6));
}

void
matrix_model(struct tui *t)
{
	const struct eng_pair	*p;
	struct eng_pair		*np;
	size_t			 i, n, k = 0, cap;

	n = eng_npairs(t->eng);
	if (n > t->pairs_cap) {
		cap = t->pairs_cap == 0 ? 64 : t->pairs_cap;
		while (cap < n)
			cap *= 2;
		if ((np = reallocarray(t->pairs, cap, sizeof *np)) == NULL) {
			t->npairs = 0;
			return;
		}
		t->pairs = np;
		t->pairs_cap = cap;
	}
	for (i = 0; i < n; i++)
		if ((p = eng_pair(t->eng, i)) != NULL)
			t->pairs[k++] = *p;
	t->npairs = k;
	qsort(t->pairs, k, sizeof *t->pairs, cmp_pair);
}

void
matrix_move(struct tui *t, long d, bool absolute)
{
	t->mx_sel = tui_move(t->mx_sel, t->npairs, d, absolute);
}

/* The APs that take part in a pair, in address order; returns how many. */
static size_t
grid_aps(const struct tui *t, uint8_t (*ap)[6], size_t max, size_t *all)
{
	size_t	 i, j, k, n = 0;
	const uint8_t *m[2];

	*all = 0;
	for (i = 0; i < t->npairs; i++) {
		m[0] = t->pairs[i].from;
		m[1] = t->pairs[i].to;
		for (k = 0; k < 2; k++) {
			for (j = 0; j < n; j++)
				if (memcmp(ap[j], m[k], 6) == 0)
					break;
			if (j < n)
				continue;
			(*all)++;
			if (n == max)
				continue;
			/* insert in order */
			for (j = n; j > 0 && memcmp(ap[j - 1], m[k], 6) > 0;
			    j--)
				memcpy(ap[j], ap[j - 1], 6);
			memcpy(ap[j], m[k], 6);
			n++;
		}
	}
	return (n);
}

static char
letter(size_t i)
{
	return (i < 26 ? (char)('A' + i) : (char)('a' + (i - 26)));
}

static const struct eng_pair *
pair_of(const struct tui *t, const uint8_t *from, const uint8_t *to)
{
	size_t	i;

	for (i = 0; i < t->npairs; i++)
		if (memcmp(t->pairs[i].from, from, 6) == 0 &&
		    memcmp(t->pairs[i].to, to, 6) == 0)
			return (&t->pairs[i]);
	return (NULL);
}

static void
ms_text(double ms, char *out, size_t len)
{
	if (ms < 0)
		snprintf(out, len, "-");
	else if (ms < 10000)
		snprintf(out, len, "%.0fms", ms);
	else
		snprintf(out, len, "%.0fs", ms / 1000);
}

static void
ms1_text(double ms, char *out, size_t len)
{
	if (ms < 0)
		snprintf(out, len, "-");
	else
		snprintf(out, len, "%.1f ms", ms);
}

void
matrix_draw(struct tui *t, int y, int h)
{
	static uint8_t		 ap[MAX_GRID][6];
	const struct eng_pair	*p;
	char			 title[160], m[18], b[18], cell[40], ms[16];
	char			 out[16];
	size_t			 n, all, i, j, ncol, nrow, row;
	int			 yy = y, rows, attr, bottom = y + h;

	n = grid_aps(t, ap, MAX_GRID, &all);
	snprintf(title, sizeof title, "ROAM MATRIX  %zu AP pair%s, %zu AP%s  "
	    "(cell: roams/failed median ms; row: from, column: to)",
	    t->npairs, t->npairs == 1 ? "" : "s", all, all == 1 ? "" : "s");
	tui_hline(t, yy++, 0, t->cols, TA_TITLE, title);
	if (t->npairs == 0) {
		tui_put(t, yy, 1, t->cols - 1, TA_DIM, "(no roams between "
		    "APs yet)");
		return;
	}
	ncol = t->cols > LABEL_W ? (size_t)(t->cols - LABEL_W) / CELL_W : 0;
	if (ncol > n)
		ncol = n;
	/* at most half the screen for the grid: the list below matters */
	nrow = n;
	if ((int)nrow > h / 2 - 1)
		nrow = h / 2 > 1 ? (size_t)(h / 2 - 1) : 0;
	tui_fill(t, yy, 0, t->cols, TA_TITLE);
	tui_put(t, yy, 1, LABEL_W - 1, TA_TITLE, "from \\ to");
	for (j = 0; j < ncol; j++)
		tui_putf(t, yy, LABEL_W + (int)(j * CELL_W), CELL_W, TA_TITLE,
		    "%c", letter(j));
	yy++;
	for (i = 0; i < nrow && yy < bottom - 2; i++, yy++) {
		tui_putf(t, yy, 1, LABEL_W - 1, TA_NORMAL, "%c  %s",
		    letter(i), tui_mac(ap[i], m));
		for (j = 0; j < ncol; j++) {
			if (i == j) {
				tui_put(t, yy, LABEL_W + (int)(j * CELL_W),
				    CELL_W, TA_DIM, t->g.dot);
				continue;
			}
			if ((p = pair_of(t, ap[i], ap[j])) == NULL)
				continue;
			ms_text(p->median_ms, ms, sizeof ms);
			snprintf(cell, sizeof cell, "%u/%u %s", p->roams,
			    p->failed, ms);
			attr = p->failed ? TA_FAIL : TA_OK;
			tui_put(t, yy, LABEL_W + (int)(j * CELL_W), CELL_W - 1,
			    attr, cell);
		}
	}
	if (n > nrow || n > ncol || all > n)
		tui_putf(t, yy++, 1, t->cols - 1, TA_DIM, "(the grid shows "
		    "%zu of %zu APs; every pair is in the list)",
		    nrow < ncol ? nrow : ncol, all);

	tui_hline(t, yy++, 0, t->cols, TA_TITLE, "PAIRS, busiest first");
	rows = bottom - yy;
	if (rows <= 0)
		return;
	if (t->mx_sel >= t->npairs)
		t->mx_sel = t->npairs - 1;
	if (t->mx_sel < t->mx_top)
		t->mx_top = t->mx_sel;
	if (t->mx_sel >= t->mx_top + (size_t)rows)
		t->mx_top = t->mx_sel - (size_t)rows + 1;
	for (row = 0; (int)row < rows; row++) {
		i = t->mx_top + row;
		if (i >= t->npairs)
			break;
		p = &t->pairs[i];
		attr = p->failed ? TA_FAIL : TA_NORMAL;
		if (i == t->mx_sel) {
			attr = TA_SEL;
			tui_fill(t, yy + (int)row, 0, t->cols, attr);
			tui_put(t, yy + (int)row, 0, 1, attr, ">");
		}
		ms1_text(p->median_ms, ms, sizeof ms);
		ms1_text(p->median_outage_ms, out, sizeof out);
		tui_putf(t, yy + (int)row, 1, t->cols - 1, attr, "%s %s %s  "
		    "roams %u  failed %u  median %s  outage %s",
		    tui_mac(p->from, m), t->g.arrow, tui_mac(p->to, b),
		    p->roams, p->failed, ms, out);
	}
}
