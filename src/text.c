/*
 * text.c -- terminal-safe strings and their widths (see text.h).
 */
#include <langinfo.h>
#include <locale.h>
#include <string.h>
#include <wchar.h>

#include "text.h"

#define REPL_UTF8	"\xef\xbf\xbd"	/* U+FFFD REPLACEMENT CHARACTER */

static bool	 utf8;

bool
text_locale_utf8(void)
{
	const char	*cs;

	setlocale(LC_CTYPE, "");
	cs = nl_langinfo(CODESET);
	utf8 = cs != NULL && (strcmp(cs, "UTF-8") == 0 ||
	    strcmp(cs, "utf8") == 0);
	return utf8;
}

void
text_set_utf8(bool on)
{
	utf8 = on;
}

size_t
text_utf8_next(const uint8_t *s, size_t n, uint32_t *cp)
{
	uint32_t	 c;
	size_t		 len, i;

	if (n == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2;
		c = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		c = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		c = s[0] & 0x07;
	} else
		return 0;	/* a continuation byte, C0/C1 lead, F5-FF */
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	/* overlong, surrogates, past U+10FFFF */
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		return 0;
	*cp = c;
	return len;
}

/* Characters no terminal should get from the air. */
static bool
printable(uint32_t c)
{
	if (c < 0x20 || (c >= 0x7f && c <= 0x9f))
		return false;
	/* bidirectional marks, embeddings, overrides and isolates */
	if (c == 0x061c || c == 0x200e || c == 0x200f ||
	    (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))
		return false;
	if (c == 0x2028 || c == 0x2029)		/* line, paragraph sep. */
		return false;
	if (c < 0x80)
		return true;
	return wcwidth((wchar_t)c) >= 0;
}

void
text_safen(char *dst, size_t len, const void *src, size_t srclen)
{
	const uint8_t	*s = src;
	const char	*rep = utf8 ? REPL_UTF8 : "?";
	size_t		 o = 0, i = 0, k, rl = strlen(rep);
	uint32_t	 cp;

	if (len == 0)
		return;
	while (i < srclen && s[i] != '\0') {
		k = text_utf8_next(s + i, srclen - i, &cp);
		if (k != 0 && printable(cp) && (cp < 0x80 || utf8)) {
			if (o + k >= len)
				break;
			memcpy(dst + o, s + i, k);
			o += k;
			i += k;
			continue;
		}
		/* one glyph for a character, or for a byte that is none */
		if (o + rl >= len)
			break;
		memcpy(dst + o, rep, rl);
		o += rl;
		i += k != 0 ? k : 1;
	}
	dst[o] = '\0';
}

void
text_safe(char *dst, size_t len, const char *src)
{
	text_safen(dst, len, src, strlen(src));
}

/* Columns of the character at s (k bytes of it, code point cp). */
static int
char_cols(uint32_t cp, size_t k)
{
	int	 w;

	if (k == 0 || !utf8)
		return 1;
	if (cp < 0x80)
		return 1;
	w = wcwidth((wchar_t)cp);
	return w < 0 ? 1 : w;
}

size_t
text_fit(const char *str, int cols, int *used)
{
	const uint8_t	*s = (const uint8_t *)str;
	size_t		 n = strlen(str), i = 0, k;
	uint32_t	 cp = 0;
	int		 w, col = 0;

	while (i < n) {
		k = text_utf8_next(s + i, n - i, &cp);
		w = char_cols(cp, k);
		if (col + w > cols)
			break;
		col += w;
		i += k != 0 ? k : 1;
	}
	if (used != NULL)
		*used = col;
	return i;
}

int
text_width(const char *s)
{
	int	 used;

	text_fit(s, 1 << 30, &used);
	return used;
}

void
text_pad(char *dst, size_t len, const char *s, int cols)
{
	size_t	 n;
	int	 used;

	if (len == 0)
		return;
	n = text_fit(s, cols, &used);
	if (n >= len)
		n = len - 1;
	memcpy(dst, s, n);
	while (used < cols && n + 1 < len) {
		dst[n++] = ' ';
		used++;
	}
	dst[n] = '\0';
}
