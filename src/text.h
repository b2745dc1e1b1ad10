/*
 * text.h -- strings from the air (SSIDs, names, the engine's text that
 * quotes them) made safe for a terminal, and their width on it.
 *
 * One function for every output that a terminal may show: the TUI, the
 * text report and CSV.  What it keeps: printable ASCII, and in a UTF-8
 * locale well-formed UTF-8 of printable characters.  What it replaces,
 * each by one replacement glyph (U+FFFD in UTF-8, "?" otherwise): control
 * characters (C0, DEL, C1: ESC [ 2 J, ESC ] 52, BEL can reach no
 * terminal), bidirectional overrides and isolates (they reorder what
 * follows on the line), line and paragraph separators, characters the
 * locale cannot print, and bytes that are not well-formed UTF-8 (in a
 * non-UTF-8 locale, every byte above 0x7f: a Latin-1 terminal reads 0x9b
 * as CSI).  JSON has its own escaping (json.c), which never loses a byte.
 */
#ifndef TEXT_H
#define TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Set LC_CTYPE from the environment once; true when it is UTF-8. */
bool		 text_locale_utf8(void);
/* Force the mode (tests, and the TUI, which sets the locale itself). */
void		 text_set_utf8(bool);

/* The next code point of well-formed UTF-8 at s (n bytes): its length,
 * or 0 when s does not start one (overlong, surrogate, past U+10FFFF,
 * cut short). */
size_t		 text_utf8_next(const uint8_t *s, size_t n, uint32_t *cp);

/* dst (len bytes, NUL-terminated) from src: safe for a terminal. */
void		 text_safe(char *dst, size_t len, const char *src);
void		 text_safen(char *dst, size_t len, const void *src,
		    size_t srclen);

/* Columns a safe string takes (wide characters 2, combining 0). */
int		 text_width(const char *s);
/* The bytes of s that fit in cols columns (a wide character that would
 * straddle the edge is left out); *used gets their columns. */
size_t		 text_fit(const char *s, int cols, int *used);
/* s clipped or padded with spaces to exactly cols columns, into dst. */
void		 text_pad(char *dst, size_t len, const char *s, int cols);

#endif /* TEXT_H */
