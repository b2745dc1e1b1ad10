/*
 * json.c -- a tiny streaming JSON writer.
 *
 * A top-level object or array holds the FILE's lock from its first byte
 * to its last (flockfile), and bytes go out with putc_unlocked (long runs
 * with fwrite, whose lock is then the one already held):
 * a program with capture threads would otherwise take and drop the lock
 * for each of the hundreds of characters of a --frames line.
 */
#include <inttypes.h>
#include <string.h>

#include "json.h"
#include "text.h"

static const char hexdig[] = "0123456789abcdef";

static void
outs(FILE *f, const char *s)
{
	while (*s != '\0')
		putc_unlocked(*s++, f);
}

static void
outn(FILE *f, const void *p, size_t n)
{
	const uint8_t	*s = p;

	/* fwrite's lock is the one the caller holds; its own cost is that
	 * of a few dozen bytes one by one */
	if (n >= 32) {
		(void)fwrite(s, 1, n, f);
		return;
	}
	while (n-- > 0)
		putc_unlocked(*s++, f);
}

/* v in decimal, without printf's format parsing. */
static void
outu(FILE *f, unsigned long long v)
{
	char	 b[24];
	int	 i = sizeof b;

	do
		b[--i] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	outn(f, b + i, sizeof b - (size_t)i);
}

void
json_init(struct json *j, FILE *f)
{
	j->f = f;
	j->depth = 0;
	j->after_key = false;
	j->locked = false;
	j->first[0] = true;
}

static void	write_string(FILE *, const void *, size_t);

/* Separator before a value: none after a key, a comma between items. */
static void
sep(struct json *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (!j->first[j->depth])
		putc_unlocked(',', j->f);
	j->first[j->depth] = false;
}

static void
jopen(struct json *j, int c)
{
	if (j->depth == 0 && !j->locked) {
		flockfile(j->f);
		j->locked = true;
	}
	sep(j);
	putc_unlocked(c, j->f);
	if (j->depth < JSON_MAX_DEPTH - 1)
		j->depth++;
	j->first[j->depth] = true;
}

static void
jclose(struct json *j, int c)
{
	putc_unlocked(c, j->f);
	if (j->depth > 0)
		j->depth--;
	if (j->depth == 0 && j->locked) {
		funlockfile(j->f);
		j->locked = false;
	}
}

void
json_obj_begin(struct json *j)
{
	jopen(j, '{');
}

void
json_obj_end(struct json *j)
{
	jclose(j, '}');
}

void
json_arr_begin(struct json *j)
{
	jopen(j, '[');
}

void
json_arr_end(struct json *j)
{
	jclose(j, ']');
}

void
json_key(struct json *j, const char *key)
{
	sep(j);
	write_string(j->f, key, strlen(key));
	putc_unlocked(':', j->f);
	j->after_key = true;
}

static void
put_u(FILE *f, uint32_t c)
{
	putc_unlocked('\\', f);
	putc_unlocked('u', f);
	putc_unlocked(hexdig[c >> 12 & 0xf], f);
	putc_unlocked(hexdig[c >> 8 & 0xf], f);
	putc_unlocked(hexdig[c >> 4 & 0xf], f);
	putc_unlocked(hexdig[c & 0xf], f);
}

/*
 * Code points written escaped although JSON allows them raw: C1 controls,
 * bidirectional controls and line separators, so that a terminal showing
 * the output (cat, less -r, a log viewer) never acts on them.
 */
static bool
escaped_cp(uint32_t c)
{
	return (c >= 0x80 && c <= 0x9f) || c == 0x061c || c == 0x200e ||
	    c == 0x200f || (c >= 0x2028 && c <= 0x202e) ||
	    (c >= 0x2066 && c <= 0x2069);
}

/* Bytes a JSON string holds as they are: printable ASCII but " and \\. */
#define PLAIN8(c)	((c) >= 0x20 && (c) < 0x7f && (c) != '"' && (c) != '\\')
#define PLAIN_ROW(r)	PLAIN8(r), PLAIN8(r + 1), PLAIN8(r + 2), PLAIN8(r + 3), \
	PLAIN8(r + 4), PLAIN8(r + 5), PLAIN8(r + 6), PLAIN8(r + 7)
static const bool plain[256] = {
	PLAIN_ROW(0x00), PLAIN_ROW(0x08), PLAIN_ROW(0x10), PLAIN_ROW(0x18),
	PLAIN_ROW(0x20), PLAIN_ROW(0x28), PLAIN_ROW(0x30), PLAIN_ROW(0x38),
	PLAIN_ROW(0x40), PLAIN_ROW(0x48), PLAIN_ROW(0x50), PLAIN_ROW(0x58),
	PLAIN_ROW(0x60), PLAIN_ROW(0x68), PLAIN_ROW(0x70), PLAIN_ROW(0x78),
};

static void
write_string(FILE *f, const void *s, size_t len)
{
	const uint8_t	*p = s;
	size_t		 i = 0, n;
	uint32_t	 cp;
	uint8_t		 c;

	putc_unlocked('"', f);
	while (i < len) {
		c = p[i];
		if (c >= 0x20 && c < 0x7f) {
			if (c == '"' || c == '\\') {
				putc_unlocked('\\', f);
				putc_unlocked(c, f);
				i++;
				continue;
			}
			/* a run of plain characters at once */
			for (n = i + 1; n < len && plain[p[n]]; n++)
				;
			outn(f, p + i, n - i);
			i = n;
			continue;
		}
		if (c >= 0x80) {
			if ((n = text_utf8_next(p + i, len - i, &cp)) == 0) {
				/* not UTF-8: one U+FFFD per byte (the bytes
				 * go in a _hex key, json_kv_air) */
				outs(f, "\xef\xbf\xbd");
				i++;
			} else if (escaped_cp(cp)) {
				put_u(f, cp);
				i += n;
			} else {
				outn(f, p + i, n);
				i += n;
			}
			continue;
		}
		switch (c) {
		case '\n':
			outs(f, "\\n");
			break;
		case '\r':
			outs(f, "\\r");
			break;
		case '\t':
			outs(f, "\\t");
			break;
		case '\b':
			outs(f, "\\b");
			break;
		case '\f':
			outs(f, "\\f");
			break;
		default:
			put_u(f, c);	/* other controls, DEL */
			break;
		}
		i++;
	}
	putc_unlocked('"', f);
}

void
json_write_string(FILE *f, const void *s, size_t len)
{
	flockfile(f);
	write_string(f, s, len);
	funlockfile(f);
}

bool
json_utf8_valid(const void *s, size_t len)
{
	const uint8_t	*p = s;
	size_t		 i = 0, n;
	uint32_t	 cp;

	while (i < len) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		if ((n = text_utf8_next(p + i, len - i, &cp)) == 0)
			return false;
		i += n;
	}
	return true;
}

void
json_str(struct json *j, const char *s)
{
	sep(j);
	write_string(j->f, s, strlen(s));
}

void
json_strn(struct json *j, const void *s, size_t len)
{
	sep(j);
	write_string(j->f, s, len);
}

void
json_int(struct json *j, long long v)
{
	sep(j);
	if (v < 0) {
		putc_unlocked('-', j->f);
		outu(j->f, 0 - (unsigned long long)v);
	} else
		outu(j->f, (unsigned long long)v);
}

void
json_uint(struct json *j, unsigned long long v)
{
	sep(j);
	outu(j->f, v);
}

void
json_bool(struct json *j, bool v)
{
	sep(j);
	outs(j->f, v ? "true" : "false");
}

void
json_null(struct json *j)
{
	sep(j);
	outs(j->f, "null");
}

void
json_hex(struct json *j, const uint8_t *p, size_t len)
{
	size_t	 i;

	sep(j);
	putc_unlocked('"', j->f);
	for (i = 0; i < len; i++) {
		putc_unlocked(hexdig[p[i] >> 4], j->f);
		putc_unlocked(hexdig[p[i] & 0xf], j->f);
	}
	putc_unlocked('"', j->f);
}

void
json_mac(struct json *j, const uint8_t *mac)
{
	int	 i;

	sep(j);
	putc_unlocked('"', j->f);
	for (i = 0; i < 6; i++) {
		if (i)
			putc_unlocked(':', j->f);
		putc_unlocked(hexdig[mac[i] >> 4], j->f);
		putc_unlocked(hexdig[mac[i] & 0xf], j->f);
	}
	putc_unlocked('"', j->f);
}

void
json_raw(struct json *j, const char *text)
{
	sep(j);
	outs(j->f, text);
}

void
json_kv_str(struct json *j, const char *key, const char *s)
{
	json_key(j, key);
	json_str(j, s);
}

void
json_kv_strn(struct json *j, const char *key, const void *s, size_t len)
{
	json_key(j, key);
	json_strn(j, s, len);
}

void
json_kv_air(struct json *j, const char *key, const void *s, size_t len)
{
	char	 hk[64];

	json_kv_strn(j, key, s, len);
	if (json_utf8_valid(s, len))
		return;
	snprintf(hk, sizeof hk, "%s_hex", key);
	json_kv_hex(j, hk, s, len);
}

void
json_kv_int(struct json *j, const char *key, long long v)
{
	json_key(j, key);
	json_int(j, v);
}

void
json_kv_uint(struct json *j, const char *key, unsigned long long v)
{
	json_key(j, key);
	json_uint(j, v);
}

void
json_kv_bool(struct json *j, const char *key, bool v)
{
	json_key(j, key);
	json_bool(j, v);
}

void
json_kv_null(struct json *j, const char *key)
{
	json_key(j, key);
	json_null(j);
}

void
json_kv_hex(struct json *j, const char *key, const uint8_t *p, size_t len)
{
	json_key(j, key);
	json_hex(j, p, len);
}

void
json_kv_mac(struct json *j, const char *key, const uint8_t *mac)
{
	json_key(j, key);
	json_mac(j, mac);
}

void
json_kv_raw(struct json *j, const char *key, const char *text)
{
	json_key(j, key);
	json_raw(j, text);
}

void
json_kv_str_or_null(struct json *j, const char *key, const char *s)
{
	json_key(j, key);
	if (s != NULL)
		json_str(j, s);
	else
		json_null(j);
}

void
json_kv_int_or_null(struct json *j, const char *key, bool have, long long v)
{
	json_key(j, key);
	if (have)
		json_int(j, v);
	else
		json_null(j);
}

void
json_kv_mac_or_null(struct json *j, const char *key, const uint8_t *mac)
{
	json_key(j, key);
	if (mac != NULL)
		json_mac(j, mac);
	else
		json_null(j);
}
