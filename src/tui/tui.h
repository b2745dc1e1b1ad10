/*
 * tui.h -- the ncurses front end.
 *
 * It renders the engine's state; it does not care whether the records come
 * from a file, a replay or live capture.  tui_run() owns the main loop while
 * the screen is up: it drains cap_next() into the engine, redraws at most
 * ~30 times a second and only when something changed, and handles keys.
 */
#ifndef TUI_H
#define TUI_H

#include <stdbool.h>

struct cap;
struct eng;

struct tui_opts {
	bool		 bell;		/* ring on a failed roam */
	bool		 replay;	/* sources are paced files (REPLAY) */
	const char	*write_dir;	/* where `w` writes pcapng (NULL: cwd) */
};

/* Returns an RS_EXIT_* code.  Restores the terminal on every path. */
int	 tui_run(struct cap *, struct eng *, const struct tui_opts *);
/* For fatal paths and signal handlers: put the terminal back. */
void	 tui_emergency_restore(void);

#endif /* TUI_H */
