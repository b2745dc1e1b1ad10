/*
 * rec.h -- the walk is always kept: what a live run records on its own.
 *
 * Three things, fed the same records as the engine (rec_note per record,
 * rec_poll after each slice, rec_finish at the end):
 *  - the recent frames in memory (every frame, up to mem_bytes, oldest
 *    dropped first): the context of an export;
 *  - a ring of pcapng files in dir (like dumpcap's -b filesize -b files):
 *    a file grows to file_bytes, then the next one starts, and only the
 *    newest `files` are kept;
 *  - every failed roam on its own: once the capture is context_ns past
 *    the roam's last frame (or at the end), a pcapng of the client's frames
 *    and both APs' beacons from context_ns before it to context_ns after,
 *    named failed-<time>-<client>-<status>.pcapng.
 * Each exported frame carries its original frame number in an opt_comment
 * ("frame 123").  Files reach the disk in whole blocks at every poll: one
 * cut short by a kill still reads to its last whole block.
 */
#ifndef REC_H
#define REC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct eng;
struct eng_roam;
struct rs_rec;
struct rec;

struct rec_conf {
	const char	*dir;		/* created if missing */
	bool		 ring;		/* keep the ring of files */
	uint64_t	 file_bytes;	/* a ring file's size (16 MiB) */
	unsigned	 files;		/* ring files kept (8) */
	bool		 failed;	/* a file per failed roam */
	int64_t		 context_ns;	/* before/after a failed roam (10 s) */
	size_t		 mem_bytes;	/* recent frames in memory (32 MiB) */
	unsigned	 failed_max;	/* failed-roam files at most (256), and
					   no more bytes than the ring's */
};

void		 rec_conf_defaults(struct rec_conf *);
/* The default directory: $XDG_STATE_HOME/roamscope, else
 * ~/.local/state/roamscope; NULL when neither can be told. */
const char	*rec_default_dir(char *buf, size_t len);

/* NULL with a one-line message in err (the directory cannot be made). */
struct rec	*rec_new(const struct rec_conf *, char *err, size_t errlen);
void		 rec_note(struct rec *, const struct rs_rec *);
void		 rec_poll(struct rec *, const struct eng *);
/* The capture ended: the failed roams still waiting are written with the
 * context there is; the ring's file is closed. */
void		 rec_finish(struct rec *, const struct eng *);
void		 rec_free(struct rec *);

const char	*rec_dir(const struct rec *);
/* What the recorder has to say ("failed roam saved to ..."), oldest
 * first; false when nothing new since *seen. */
bool		 rec_note_next(struct rec *, uint64_t *seen, char *buf,
		    size_t len);
/* Files written so far: ring files made, failed-roam files. */
void		 rec_counts(const struct rec *, unsigned *ring_files,
		    unsigned *failed_files);

/* Write roam r with ctx_ns of context either side to path: the client's
 * frames and both APs' beacons from memory, and the roam's frames the
 * engine still has; *nframes and *nroam (of the roam's own) set.  0, or
 * -1 with err set. */
int		 rec_export(struct rec *, const struct eng *,
		    const struct eng_roam *r, int64_t ctx_ns, const char *path,
		    size_t *nframes, size_t *nroam, char *err, size_t errlen);

#endif /* REC_H */
