/*
 * fuzz_engine.c -- libFuzzer target for the parser and the roam engine over
 * a sequence of frames, so that state-machine bugs show, not only decoding
 * bugs.
 *
 * Input:
 *	1 byte	 configuration: bit 0 small limits (ageing, eviction and
 *		 roam-count paths), bits 1-2 report format, bit 3 read every
 *		 accessor after each frame (as the TUI does)
 *	then records, each:
 *	2 bytes	 record length, little-endian (clipped to what is left)
 *	1 byte	 bits 0-2 link type (as fuzz_parse.c), bit 3 source 1,
 *		 bits 4-7 time step: 0 steps back 0.5 s, s = 1..15 steps
 *		 forward 4^(s-1) us (1 us, 4 us, ... 1 s, 4 s, ... 268 s)
 *	N bytes	 the record
 *
 * Each record is copied to a buffer of exactly its size and freed after
 * eng_feed, so ASan catches the parser reading past a record and the engine
 * keeping a pointer into one.  Then eng_finish, the report, and eng_free.
 *
 * Build: ./configure CC=clang --enable-fuzzing && make fuzz/fuzz_engine
 * Seeds: fuzz/mkcorpus.sh (engine/ corpus from tests/data).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dot11.h"
#include "engine/engine.h"
#include "record.h"
#include "report.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const int dlts[] = {
	D11_DLT_RADIOTAP, D11_DLT_IEEE802_11, D11_DLT_PPI, D11_DLT_PRISM,
	D11_DLT_AVS,
};

static volatile uint8_t sink;

static void
touch(const void *p, size_t n)
{
	const uint8_t	*b = p;
	uint8_t		 x = 0;
	size_t		 i;

	if (b == NULL)
		return;
	for (i = 0; i < n; i++)
		x ^= b[i];
	sink ^= x;
}

static void
touch_str(const char *s)
{
	if (s != NULL)
		touch(s, strlen(s) + 1);
}

static void
touch_roam(const struct eng_roam *r)
{
	unsigned	 i;

	touch(r, sizeof *r);
	if (r->nphases > ENG_MAX_PHASES || r->ndiags > ENG_MAX_DIAGS ||
	    r->nframes > ENG_MAX_ROAM_FRAMES || r->mlo.nto > ENG_MAX_LINKS ||
	    r->mlo.nfrom > ENG_MAX_LINKS || r->mlo.nrefused > r->mlo.nto ||
	    r->mlo.nevents > ENG_MAX_LINK_EVENTS)
		abort();	/* counts must fit their arrays */
	for (i = 0; i < r->mlo.nevents; i++)
		touch_str(eng_link_ev_name(r->mlo.events[i].kind));
	for (i = 0; i < r->nphases; i++) {
		touch_str(eng_phase_name(r->phases[i].kind));
		touch_str(eng_phase_status_name(&r->phases[i]));
		touch_str(eng_verdict_name(r->phases[i].verdict));
	}
	for (i = 0; i < r->ndiags; i++) {
		if (memchr(r->diags[i].code, '\0',
		    sizeof r->diags[i].code) == NULL ||
		    memchr(r->diags[i].text, '\0',
		    sizeof r->diags[i].text) == NULL)
			abort();	/* unterminated string */
	}
	for (i = 1; i < r->nframes; i++)
		if (r->frames[i] < r->frames[i - 1])
			abort();	/* documented ascending */
	touch_str(eng_method_name(r->method));
	touch_str(eng_result_name(r->result));
	touch_str(eng_verdict_name(r->verdict));
}

/* Walk every accessor the TUI walks, and re-parse stored frames. */
static void
touch_engine(const struct eng *e)
{
	const struct eng_client	*c;
	const struct eng_ap	*ap;
	const struct eng_frame	*fr;
	const struct eng_roam	*r;
	struct d11_frame	 f;
	size_t			 i, j, n;

	touch(eng_counters(e), sizeof(struct eng_counters));
	touch(eng_get_sla(e), sizeof(struct eng_sla));
	sink ^= (uint8_t)eng_generation(e);
	for (i = 0; i < eng_naps(e); i++) {
		ap = eng_ap(e, i);
		touch(ap, sizeof *ap);
		if (ap->nakms > ENG_MAX_AKMS || eng_find_ap(e, ap->bssid) ==
		    NULL)
			abort();
	}
	for (i = 0; i < eng_nclients(e); i++) {
		c = eng_client(e, i);
		touch(c, sizeof *c);
		if (c->caps.nakms > ENG_MAX_AKMS || c->nlinks > ENG_MAX_LINKS ||
		    eng_find_client(e, c->mac) == NULL)
			abort();
		n = eng_client_nroams(e, c);
		for (j = 0; j < n; j++) {
			r = eng_client_roam(e, c, j);
			touch_roam(r);
			if (memcmp(r->client, c->mac, 6) != 0)
				abort();	/* another client's roam */
		}
	}
	for (i = 0; i < eng_nroams_all(e); i++) {
		r = eng_roam_all(e, i);
		touch_roam(r);
		for (j = 0; j < r->nframes; j++) {
			if ((fr = eng_frame_by_n(e, r->frames[j])) == NULL)
				continue;
			touch(fr->data, fr->caplen);
			d11_parse(fr->dlt, fr->data, fr->caplen, &f);
		}
	}
	for (i = 0; i < eng_nfindings(e); i++) {
		const struct eng_finding *fd = eng_finding(e, i);

		touch(fd, sizeof *fd);
		if (fd->nbssids > ENG_MAX_FINDING_BSSIDS)
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE		*devnull;
	static const enum report_fmt fmts[] = {
		REPORT_TEXT, REPORT_JSON, REPORT_CSV, REPORT_TEXT,
	};
	struct eng_conf		 conf;
	struct eng		*e;
	struct rs_rec		 r;
	char			 err[256];
	uint8_t			*buf;
	size_t			 off, len;
	uint8_t			 cfg, sel, step;
	int64_t			 ts;
	uint64_t		 n = 0;
	bool			 walk;

	if (size < 1)
		return (0);
	if (devnull == NULL && (devnull = fopen("/dev/null", "w")) == NULL)
		abort();
	cfg = data[0];
	walk = (cfg & 0x08) != 0;

	eng_conf_defaults(&conf);
	if (cfg & 0x01) {
		conf.max_clients = 3;
		conf.max_roams_per_client = 2;
		conf.max_aps = 3;
		conf.frame_store_bytes = 2048;
		conf.roam_max_age_ns = 5000000000LL;
		conf.client_idle_ns = 20000000000LL;
	}
	if ((e = eng_new(&conf, err, sizeof err)) == NULL)
		abort();	/* the built-in profile cannot fail */

	ts = 1700000000LL * 1000000000LL;
	off = 1;
	while (off + 3 <= size) {
		len = d11_le16(data + off);
		sel = data[off + 2];
		off += 3;
		if (len > size - off)
			len = size - off;
		step = sel >> 4;
		if (step == 0)
			ts -= 500000000LL;
		else
			ts += 1000LL << (2 * (step - 1)); /* 1 us .. 268 s */

		/* An exact copy: nothing may read past it or keep it. */
		if ((buf = malloc(len ? len : 1)) == NULL)
			abort();
		memcpy(buf, data + off, len);
		off += len;

		memset(&r, 0, sizeof r);
		r.n = ++n;
		r.ts_ns = ts;
		r.src = (sel & 0x08) ? 1 : 0;
		r.dlt = dlts[(sel & 0x07) % (sizeof dlts / sizeof dlts[0])];
		r.caplen = r.origlen = (uint32_t)len;
		r.raw = buf;
		d11_parse(r.dlt, buf, len, &r.f);
		eng_feed(e, &r);
		/* Poison the record: the engine must have copied. */
		memset(buf, 0xa5, len);
		free(buf);
		if (walk)
			touch_engine(e);
	}
	eng_finish(e);
	touch_engine(e);
	(void)report_write(devnull, e, NULL, fmts[(cfg >> 1) & 3]);
	eng_free(e);
	return (0);
}
