/*
 * bench_tui.c -- the time of one full TUI redraw with 1,000 clients and
 * 10,000 roams in the engine (target: 2 ms).
 *
 * The engine is fed hand-built 802.11 frames (a join, then ten
 * reassociations per client across 20 APs); the screen is a newterm() on
 * /dev/null at 160x50.  One redraw = refresh the view model from the engine
 * (copy clients, APs and findings, sort, the selected client's roams) +
 * draw every pane + doupdate() of the whole screen (redrawwin, so that
 * ncurses emits every cell, not a diff).  Every client roams, so the lower
 * pane is the recent roams of all clients (its rows rebuilt each time).
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curses.h>

#include "engine/engine.h"
#include "rs.h"
#include "tui/tui_int.h"

#define NCLIENTS	1000
#define NROAMS		10
#define NAPS		20
#define ITER		200

static uint64_t	 recno;

static void
feed(struct eng *e, const uint8_t *buf, size_t len, int64_t ts)
{
	struct rs_rec	r;

	memset(&r, 0, sizeof r);
	r.n = ++recno;
	r.ts_ns = ts;
	r.dlt = D11_DLT_IEEE802_11;
	r.caplen = r.origlen = (uint32_t)len;
	r.raw = buf;
	d11_parse(r.dlt, buf, len, &r.f);
	eng_feed(e, &r);
}

static void
mac_client(uint8_t *m, int c)
{
	m[0] = 0xcc; m[1] = 0x20; m[2] = 0xe8;	/* an Apple OUI */
	m[3] = 0; m[4] = (uint8_t)(c >> 8); m[5] = (uint8_t)c;
}

static void
mac_ap(uint8_t *m, int a)
{
	m[0] = 0x44; m[1] = 0xad; m[2] = 0xd9;
	m[3] = 0x8e; m[4] = 0x8b; m[5] = (uint8_t)a;
}

/* A management frame: fc subtype, from, to, bssid, body. */
static size_t
mgmt(uint8_t *b, uint8_t subtype, const uint8_t *ta, const uint8_t *ra,
    const uint8_t *bssid, uint16_t seq)
{
	b[0] = (uint8_t)(subtype << 4);
	b[1] = 0;
	b[2] = 0x3a; b[3] = 0x01;
	memcpy(b + 4, ra, 6);
	memcpy(b + 10, ta, 6);
	memcpy(b + 16, bssid, 6);
	b[22] = (uint8_t)(seq << 4);
	b[23] = (uint8_t)(seq >> 4);
	return (24);
}

static size_t
ssid(uint8_t *b)
{
	b[0] = 0;
	b[1] = 8;
	memcpy(b + 2, "voice-5g", 8);
	return (10);
}

int
main(void)
{
	struct eng_conf	 ec;
	struct eng	*e;
	struct tui	 t;
	uint8_t		 buf[256], cm[6], ap[6], prev[6];
	char		 err[256];
	SCREEN		*scr;
	FILE		*out, *in;
	int64_t		 ts = 1700000000LL * 1000000000, t0, dt[ITER], sum;
	size_t		 n;
	int		 c, r, i, a;

	setlocale(LC_ALL, "C.UTF-8");
	eng_conf_defaults(&ec);
	if ((e = eng_new(&ec, err, sizeof err)) == NULL) {
		fprintf(stderr, "bench_tui: %s\n", err);
		return (1);
	}
	/* Beacons, so that the AP view has its rows. */
	for (a = 0; a < NAPS; a++) {
		uint8_t	bc[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

		mac_ap(ap, a);
		n = mgmt(buf, 8, ap, bc, ap, 1);
		memset(buf + n, 0, 12);
		buf[n + 8] = 100;
		n += 12;
		n += ssid(buf + n);
		feed(e, buf, n, ts += 1000000);
	}
	for (c = 0; c < NCLIENTS; c++) {
		mac_client(cm, c);
		mac_ap(ap, c % NAPS);
		n = mgmt(buf, 0, cm, ap, ap, 1);
		memset(buf + n, 0, 4);
		n += 4;
		n += ssid(buf + n);
		feed(e, buf, n, ts += 1000000);
		n = mgmt(buf, 1, ap, cm, ap, 1);
		memset(buf + n, 0, 6);
		n += 6;
		feed(e, buf, n, ts += 1000000);
	}
	for (r = 0; r < NROAMS; r++) {
		for (c = 0; c < NCLIENTS; c++) {
			mac_client(cm, c);
			mac_ap(prev, (c + r) % NAPS);
			mac_ap(ap, (c + r + 1) % NAPS);
			n = mgmt(buf, 2, cm, ap, ap, (uint16_t)(r + 2));
			memset(buf + n, 0, 4);
			memcpy(buf + n + 4, prev, 6);
			n += 10;
			n += ssid(buf + n);
			feed(e, buf, n, ts += 3000000);
			n = mgmt(buf, 3, ap, cm, ap, (uint16_t)(r + 2));
			memset(buf + n, 0, 6);
			/* every 7th roam refused: 53 INVALID_PMKID */
			if ((c + r) % 7 == 0)
				buf[n + 2] = 53;
			n += 6;
			feed(e, buf, n, ts += 5000000);
		}
	}
	eng_finish(e);

	if ((out = fopen("/dev/null", "w")) == NULL ||
	    (in = fopen("/dev/null", "r")) == NULL) {
		perror("bench_tui: /dev/null");
		return (1);
	}
	if ((scr = newterm("xterm-256color", out, in)) == NULL) {
		fprintf(stderr, "bench_tui: no terminfo for xterm-256color\n");
		return (1);
	}
	set_term(scr);
	resize_term(50, 160);
	tui_bench_init(&t, e, 50, 160);
	t.ended = true;
	/* The selected client: one in the middle, with roams. */
	clients_move(&t, NCLIENTS / 2, true);

	for (i = 0; i < ITER; i++) {
		t0 = rs_mono_ns();
		tui_model_refresh(&t);
		redrawwin(stdscr);
		tui_draw(&t);
		dt[i] = rs_mono_ns() - t0;
	}
	endwin();
	delscreen(scr);

	/* median and mean */
	for (i = 1; i < ITER; i++) {
		int64_t	v = dt[i];
		int	j = i - 1;

		while (j >= 0 && dt[j] > v) {
			dt[j + 1] = dt[j];
			j--;
		}
		dt[j + 1] = v;
	}
	for (sum = 0, i = 0; i < ITER; i++)
		sum += dt[i];
	printf("bench_tui: %zu clients, %llu roams, %zu APs in the engine; "
	    "160x50 screen\n", eng_nclients(e),
	    (unsigned long long)(eng_counters(e)->roams +
	    eng_counters(e)->joins), eng_naps(e));
	printf("bench_tui: lower pane: %s, %zu rows\n", tui_lower_recent(&t) ?
	    "recent roams of every client" : "the client's roams", t.nrc);
	printf("bench_tui: full redraw (model + draw + output): median %.3f "
	    "ms, mean %.3f ms, max %.3f ms over %d (target <= 2 ms): %s\n",
	    (double)dt[ITER / 2] / 1e6, (double)sum / ITER / 1e6,
	    (double)dt[ITER - 1] / 1e6, ITER,
	    dt[ITER / 2] <= 2000000 ? "ok" : "OVER");
	tui_bench_free(&t);
	eng_free(e);
	return (0);
}
