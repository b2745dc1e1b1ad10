/*
 * frames.h -- the --frames dump: one JSON object per line per record.
 * The keys are a contract for scripts and tests; doc/frames.md lists them.
 */
#ifndef FRAMES_H
#define FRAMES_H

#include <stdbool.h>
#include <stdio.h>

#include "record.h"

/* Whether --frames (all = false) prints this record at all. */
bool	frames_wanted(const struct rs_rec *rec, bool all);
/* Print rec's line to out if frames_wanted(rec, all). */
void	frames_print(FILE *out, const struct rs_rec *rec, bool all);

#endif /* FRAMES_H */
