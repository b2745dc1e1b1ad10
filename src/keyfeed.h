/*
 * keyfeed.h -- the network's keys between the capture and the engine.
 *
 * With --keys, each record goes through kf_feed instead of straight to
 * eng_feed: the key tracker (src/keys) follows it; a protected frame the
 * analysis needs is decrypted and the engine gets its plaintext, parsed
 * like any other frame (rs_rec.decrypted set); and each handshake's
 * checks are attached to the engine's attempt (eng_key_check).
 */
#ifndef KEYFEED_H
#define KEYFEED_H

#include <stddef.h>

struct eng;
struct ks_store;
struct rs_rec;
struct keyfeed;

/* NULL when out of memory; store must outlive it.  path names the key
 * file in notes. */
struct keyfeed		*kf_new(struct ks_store *, const char *path);
void			 kf_free(struct keyfeed *);
/* Feed rec (through the keys) to eng; returns the record the engine got:
 * rec, or its plaintext (valid until the next call). */
const struct rs_rec	*kf_feed(void *kf, struct eng *, const struct rs_rec *);
/* One line for stderr about what the keys did, or NULL; call until NULL
 * (k starts at 0). */
const char		*kf_note(struct keyfeed *, unsigned *k, char *buf,
			    size_t len);

#endif /* KEYFEED_H */
