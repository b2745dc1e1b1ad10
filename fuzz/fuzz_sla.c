/*
 * fuzz_sla.c -- libFuzzer target for the --sla profile reader.
 *
 * The input is the file's text.  It goes through eng_sla_parse (as a C
 * string: cut at the first NUL, as a file read into memory would be) and
 * through eng_sla_read (as a stream, every byte, via fmemopen), which is the
 * path eng_new takes for --sla FILE.  Both must agree, an error must be one
 * terminated line naming the source, and a profile that was accepted must
 * hold only "none" (-1) or finite non-negative limits, warn <= fail.
 *
 * Build: ./configure CC=clang --enable-fuzzing && make fuzz/fuzz_sla
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/engine.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check_err(int rc, const char *err, size_t errlen)
{
	if (rc == 0)
		return;
	if (rc != -1 || memchr(err, '\0', errlen) == NULL)
		abort();
	if (strchr(err, '\n') != NULL || strncmp(err, "t.sla", 5) != 0)
		abort();	/* one line, naming the file */
}

static void
check_sla(const struct eng_sla *s)
{
	int	 k;

	for (k = 0; k < ENG_SLA_NKEYS; k++) {
		if (!isfinite(s->warn_ms[k]) || !isfinite(s->fail_ms[k]))
			abort();
		if ((s->warn_ms[k] < 0 && s->warn_ms[k] != -1) ||
		    (s->fail_ms[k] < 0 && s->fail_ms[k] != -1))
			abort();
		if (s->warn_ms[k] >= 0 && s->fail_ms[k] >= 0 &&
		    s->warn_ms[k] > s->fail_ms[k])
			abort();	/* doc/sla.md: refused */
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct eng_sla	 a, b;
	char		 ea[512], eb[512], *text;
	FILE		*f;
	int		 ra, rb;

	if ((text = malloc(size + 1)) == NULL)
		return (0);
	memcpy(text, data, size);
	text[size] = '\0';

	eng_sla_defaults(&a);
	memset(ea, 'x', sizeof ea);
	ra = eng_sla_parse(&a, text, "t.sla", ea, sizeof ea);
	check_err(ra, ea, sizeof ea);
	if (ra == 0)
		check_sla(&a);

	/* The same bytes as a stream; up to the first NUL it must agree. */
	if (size > 0 && memchr(data, '\0', size) == NULL &&
	    (f = fmemopen(text, size, "r")) != NULL) {
		eng_sla_defaults(&b);
		memset(eb, 'x', sizeof eb);
		rb = eng_sla_read(&b, f, "t.sla", eb, sizeof eb);
		fclose(f);
		check_err(rb, eb, sizeof eb);
		if (rb == 0)
			check_sla(&b);
		if (ra != rb)
			abort();	/* text and stream disagree */
		if (ra == 0 && memcmp(&a, &b, sizeof a) != 0)
			abort();
	}
	/* And a tiny error buffer: never written past. */
	eng_sla_defaults(&a);
	(void)eng_sla_parse(&a, text, "t.sla", ea, 8);
	free(text);
	return (0);
}
