/*
 * tui.h -- the ncurses front end.
 *
 * It renders the engine's state; it does not care whether the records come
 * from a file, a replay or live capture.  tui_run() owns the main loop while
 * the screen is up: it feeds the engine in bounded slices (feed.h, the loop
 * the headless path uses too), redraws at most ~30 times a second and only
 * when something changed, and answers keys between slices.
 */
#ifndef TUI_H
#define TUI_H

#include <signal.h>
#include <stdbool.h>

struct cap;
struct eng;
struct feed;
struct logrun;
struct rec;

struct tui_opts {
	bool		 bell;		/* ring on a failed roam */
	bool		 replay;	/* sources are paced files (REPLAY) */
	const char	*write_dir;	/* where `w` writes pcapng (NULL: cwd) */
	struct feed	*feed;		/* the read-and-feed loop */
	struct rec	*rec;		/* the recorder (context of `w`), or NULL */
	/* set by the caller's SIGINT/SIGTERM/SIGHUP handler: quit as q */
	const volatile sig_atomic_t *stop;
	struct logrun	*logs;		/* --log files (NULL: none) */
};

/* Returns an RS_EXIT_* code.  Restores the terminal on every path. */
int	 tui_run(struct cap *, struct eng *, const struct tui_opts *);
/* For fatal paths and signal handlers: put the terminal back. */
void	 tui_emergency_restore(void);

#endif /* TUI_H */
