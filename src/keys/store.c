/*
 * store.c -- the key file and the PMK cache.
 *
 * One key per line, in Wireshark's key types and spellings:
 *
 *	wpa-pwd:PASSPHRASE[:SSID]	passphrase (8..63), SSID optional
 *	wpa-psk:HEX			256-bit PSK / PMK (64 hex digits)
 *	msk:HEX				802.1X MSK, 64..128 bytes
 *	tk:HEX				temporal key, 16 or 32 bytes
 *
 * or the rows of Wireshark's own 80211_keys table, "wpa-pwd","PASS:SSID".
 * In a passphrase and an SSID, %XX stands for the byte XX, as in
 * Wireshark ("%3a" is a colon inside the passphrase, "%20" a space).  Hex
 * may have spaces, colons or dashes between bytes (as hostapd prints
 * them).  '#' starts a comment line.  wep: lines are valid but unused.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <stdarg.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <openssl/crypto.h>

#include "keys_int.h"

#define PASS_MIN	8
#define PASS_MAX	63
#define PSK_LEN		32
#define LINE_MAX_LEN	4096
#define CACHE_MAX	64	/* PMKs kept per passphrase (one per SSID) */

struct psk_cache {
	uint8_t		 ssid[KS_SSID_MAX];
	size_t		 ssid_len;
	uint8_t		 psk[PSK_LEN];
};

struct skey {
	struct ks_key	 k;
	struct psk_cache *cache;
	size_t		 n_cache, next;	/* ring once full */
};

struct ks_store {
	struct skey	*keys;
	size_t		 n, cap;
	unsigned long	 pbkdf2_runs;
};

struct ks_store *
ks_store_new(void)
{
	return calloc(1, sizeof(struct ks_store));
}

void
ks_store_free(struct ks_store *s)
{
	size_t	 i;

	if (s == NULL)
		return;
	for (i = 0; i < s->n; i++) {
		if (s->keys[i].cache != NULL) {
			OPENSSL_cleanse(s->keys[i].cache, CACHE_MAX *
			    sizeof(struct psk_cache));
			free(s->keys[i].cache);
		}
	}
	if (s->keys != NULL) {
		OPENSSL_cleanse(s->keys, s->cap * sizeof(*s->keys));
		free(s->keys);
	}
	free(s);
}

unsigned
ks_store_count(const struct ks_store *s)
{
	return s ? (unsigned)s->n : 0;
}

const struct ks_key *
ks_store_key(const struct ks_store *s, int key)
{
	if (s == NULL || key < 0 || (size_t)key >= s->n)
		return NULL;
	return &s->keys[key].k;
}

enum ks_key_type
ks_store_type(const struct ks_store *s, int key)
{
	const struct ks_key *k = ks_store_key(s, key);

	return k ? k->type : 0;
}

const char *
ks_store_label(const struct ks_store *s, int key)
{
	const struct ks_key *k = ks_store_key(s, key);

	return k ? k->label : "";
}

unsigned long
ks_store_pbkdf2_runs(const struct ks_store *s)
{
	return s ? s->pbkdf2_runs : 0;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

int
ks_unescape(const char *s, size_t n, uint8_t *out, size_t cap,
    size_t *outlen)
{
	size_t	 i, o = 0;
	int	 hi, lo;

	for (i = 0; i < n; i++) {
		if (o == cap)
			return -1;
		if (s[i] != '%') {
			out[o++] = (uint8_t)s[i];
			continue;
		}
		if (i + 2 >= n || (hi = hexval((unsigned char)s[i + 1])) < 0 ||
		    (lo = hexval((unsigned char)s[i + 2])) < 0)
			return -1;
		out[o++] = (uint8_t)(hi << 4 | lo);
		i += 2;
	}
	*outlen = o;
	return 0;
}

/*
 * Hex bytes with optional ' ', ':' or '-' between them.  Returns 0, or -1
 * with *bad the 1-based position of a character that is not a hex digit,
 * or 0 when there are more bytes than cap.  *digits counts hex digits.
 */
static int
unhex(const char *s, size_t n, uint8_t *out, size_t cap, size_t *outlen,
    size_t *digits, size_t *bad)
{
	size_t	 i, o = 0;
	int	 hi, lo;

	*digits = *bad = 0;
	for (i = 0; i < n; i++) {
		if (s[i] == ' ' || s[i] == ':' || s[i] == '-')
			continue;
		if ((hi = hexval((unsigned char)s[i])) < 0) {
			*bad = i + 1;
			return -1;
		}
		if (i + 1 >= n || (lo = hexval((unsigned char)s[i + 1])) < 0) {
			*bad = i + 2;
			return -1;
		}
		*digits += 2;
		if (o < cap)
			out[o] = (uint8_t)(hi << 4 | lo);
		o++;
		i++;
	}
	*outlen = o;
	return o > cap ? -1 : 0;
}

/* A "..." field of a Wireshark table row, with \xHH, \\ and \" escapes. */
static int
uat_field(const char **pp, const char *end, char *out, size_t cap,
    size_t *outlen)
{
	const char	*p = *pp;
	size_t		 o = 0;
	int		 hi, lo;

	if (p == end || *p != '"')
		return -1;
	for (p++; p < end && *p != '"'; p++) {
		if (o + 1 >= cap)
			return -1;
		if (*p != '\\') {
			out[o++] = *p;
			continue;
		}
		if (++p == end)
			return -1;
		if (*p == 'x') {
			if (end - p < 3 || (hi = hexval((unsigned char)p[1])) < 0 ||
			    (lo = hexval((unsigned char)p[2])) < 0)
				return -1;
			out[o++] = (char)(hi << 4 | lo);
			p += 2;
		} else
			out[o++] = *p;
	}
	if (p == end)
		return -1;
	*pp = p + 1;
	out[o] = '\0';
	*outlen = o;
	return 0;
}

static int why(char *, size_t, const char *, ...)
    __attribute__((format(printf, 3, 4)));

/* Say why a line is bad; returns -1 for the caller to return. */
static int
why(char *buf, size_t len, const char *fmt, ...)
{
	va_list	 ap;

	if (buf != NULL && len > 0) {
		va_start(ap, fmt);
		vsnprintf(buf, len, fmt, ap);
		va_end(ap);
	}
	return -1;
}

static int
parse_pwd(struct ks_key *k, const char *v, size_t n, char *w, size_t wl)
{
	const char	*colon = memchr(v, ':', n);
	size_t		 pl = colon ? (size_t)(colon - v) : n;

	if (ks_unescape(v, pl, k->secret, PASS_MAX + 1, &k->secret_len) != 0)
		return why(w, wl, "bad passphrase: a %% must start %%XX with "
		    "two hex digits, and it must be 8 to 63 characters");
	if (k->secret_len < PASS_MIN || k->secret_len > PASS_MAX)
		return why(w, wl, "wpa-pwd passphrase is %zu characters; it "
		    "must be 8 to 63", k->secret_len);
	if (colon == NULL)
		return 0;
	if (ks_unescape(colon + 1, n - pl - 1, k->ssid, KS_SSID_MAX,
	    &k->ssid_len) != 0)
		return why(w, wl, "bad SSID: at most 32 bytes, and a %% must "
		    "start %%XX with two hex digits");
	if (k->ssid_len == 0)
		return why(w, wl, "empty SSID after ':' (leave out ':' to "
		    "try every SSID seen)");
	k->has_ssid = true;
	return 0;
}

static int
parse_hex(struct ks_key *k, const char *v, size_t n, const char *what,
    size_t lo, size_t hi, size_t also, char *w, size_t wl)
{
	size_t	 digits, bad;
	char	 m[48];

	if (also)
		snprintf(m, sizeof(m), "%zu or %zu", 2 * lo, 2 * also);
	else if (lo == hi)
		snprintf(m, sizeof(m), "%zu", 2 * lo);
	else
		snprintf(m, sizeof(m), "%zu to %zu", 2 * lo, 2 * hi);
	if (unhex(v, n, k->secret, sizeof(k->secret), &k->secret_len,
	    &digits, &bad) != 0 && bad != 0)
		return why(w, wl, "%s needs %s hex digits; character %zu of "
		    "the value is not one", what, m, bad);
	if (k->secret_len < lo || k->secret_len > hi ||
	    (also && k->secret_len != lo && k->secret_len != also))
		return why(w, wl, "%s needs %s hex digits, got %zu", what, m,
		    digits);
	return 0;
}

/* Split "TYPE:VALUE" or "TYPE","VALUE" into type and value. */
static int
split_line(const char *line, size_t len, char *type, size_t tcap,
    char *val, size_t vcap, size_t *vlen, char *w, size_t wl)
{
	const char	*end = line + len, *p = line, *c;
	size_t		 tl;

	if (*p == '"') {
		if (uat_field(&p, end, type, tcap, &tl) != 0 || p == end ||
		    *p != ',' || (p++, uat_field(&p, end, val, vcap, vlen)) !=
		    0 || p != end)
			return why(w, wl, "bad table row: expected "
			    "\"TYPE\",\"VALUE\"");
		return 0;
	}
	if ((c = memchr(line, ':', len)) == NULL)
		return why(w, wl, "no ':' after the key type (expected "
		    "TYPE:VALUE, e.g. wpa-pwd:passphrase:SSID)");
	tl = (size_t)(c - line);
	if (tl + 1 > tcap)
		tl = tcap - 1;
	memcpy(type, line, tl);
	type[tl] = '\0';
	*vlen = (size_t)(end - c - 1);
	if (*vlen + 1 > vcap)
		return why(w, wl, "key value too long");
	memcpy(val, c + 1, *vlen);
	val[*vlen] = '\0';
	return 0;
}

int
ks_store_add_line(struct ks_store *s, const char *line, size_t len,
    const char *where, bool *skipped, char *w, size_t wl)
{
	struct ks_key	 k;
	struct skey	*nk;
	char		 type[16], val[LINE_MAX_LEN];
	size_t		 vlen = 0;
	int		 rc;

	*skipped = false;
	while (len > 0 && isspace((unsigned char)*line)) {
		line++;
		len--;
	}
	while (len > 0 && isspace((unsigned char)line[len - 1]))
		len--;
	if (len == 0 || *line == '#')
		return 0;
	if (len >= LINE_MAX_LEN)
		return why(w, wl, "line longer than %d bytes",
		    LINE_MAX_LEN - 1);
	if (split_line(line, len, type, sizeof(type), val, sizeof(val),
	    &vlen, w, wl) != 0)
		return -1;
	memset(&k, 0, sizeof(k));
	if (strcasecmp(type, "wpa-pwd") == 0) {
		k.type = KS_KEY_PWD;
		rc = parse_pwd(&k, val, vlen, w, wl);
	} else if (strcasecmp(type, "wpa-psk") == 0) {
		k.type = KS_KEY_PSK;
		rc = parse_hex(&k, val, vlen, "wpa-psk (a 256-bit PSK)",
		    PSK_LEN, PSK_LEN, 0, w, wl);
	} else if (strcasecmp(type, "msk") == 0) {
		k.type = KS_KEY_MSK;
		rc = parse_hex(&k, val, vlen, "msk", KS_MSK_MIN, KS_MSK_MAX, 0,
		    w, wl);
	} else if (strcasecmp(type, "tk") == 0) {
		k.type = KS_KEY_TK;
		rc = parse_hex(&k, val, vlen, "tk", 16, 32, 32, w, wl);
	} else if (strcasecmp(type, "wep") == 0) {
		*skipped = true;
		return 0;
	} else {
		if (w != NULL && wl > 0)
			snprintf(w, wl, "unknown key type '%.15s' (use wpa-pwd, "
			    "wpa-psk, msk or tk)", type);
		return -1;
	}
	OPENSSL_cleanse(val, sizeof(val));
	if (rc != 0)
		return -1;
	snprintf(k.label, sizeof(k.label), "%s", where ? where : "");
	if (s->n == s->cap) {
		size_t ncap = s->cap ? 2 * s->cap : 8;

		nk = calloc(ncap, sizeof(*nk));
		if (nk == NULL)
			return why(w, wl, "out of memory");
		if (s->n)
			memcpy(nk, s->keys, s->n * sizeof(*nk));
		if (s->keys != NULL) {
			OPENSSL_cleanse(s->keys, s->cap * sizeof(*nk));
			free(s->keys);
		}
		s->keys = nk;
		s->cap = ncap;
	}
	s->keys[s->n].k = k;
	s->keys[s->n].cache = NULL;
	s->keys[s->n].n_cache = s->keys[s->n].next = 0;
	s->n++;
	OPENSSL_cleanse(&k, sizeof(k));
	return 1;
}

int
ks_store_load(struct ks_store *s, const char *path, struct ks_load *l)
{
	struct stat	 st;
	FILE		*fp;
	char		*line = NULL, w[200], where[96];
	size_t		 cap = 0;
	ssize_t		 n;
	unsigned	 lineno = 0;
	bool		 skipped;
	int		 rc = 0, e;

	memset(l, 0, sizeof(*l));
	if ((fp = fopen(path, "r")) == NULL) {
		e = errno;
		if (e == ENOENT)
			snprintf(l->err, sizeof(l->err), "%s: no such file "
			    "(check the path)", path);
		else if (e == EACCES)
			snprintf(l->err, sizeof(l->err), "%s: permission "
			    "denied: make it readable by this user", path);
		else
			snprintf(l->err, sizeof(l->err), "%s: %s", path,
			    strerror(e));
		return -1;
	}
	if (fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
		snprintf(l->err, sizeof(l->err), "%s is a directory: give the "
		    "key file inside it", path);
		fclose(fp);
		return -1;
	}
	if (fstat(fileno(fp), &st) == 0 && (st.st_mode & S_IROTH))
		snprintf(l->warn, sizeof(l->warn), "%s is readable by every "
		    "user: it holds network keys; chmod 600 %s", path, path);
	while ((n = getline(&line, &cap, fp)) != -1) {
		lineno++;
		snprintf(where, sizeof(where), "%s:%u", path, lineno);
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			n--;
		rc = ks_store_add_line(s, line, (size_t)n, where, &skipped, w,
		    sizeof(w));
		if (rc < 0) {
			snprintf(l->err, sizeof(l->err), "%s: %s", where, w);
			break;
		}
		if (rc > 0)
			l->n_keys++;
		if (skipped)
			l->n_skipped++;
		rc = 0;
	}
	if (rc == 0 && ferror(fp)) {
		snprintf(l->err, sizeof(l->err), "%s: read error after line "
		    "%u", path, lineno);
		rc = -1;
	}
	if (line != NULL) {
		OPENSSL_cleanse(line, cap);
		free(line);
	}
	fclose(fp);
	return rc < 0 ? -1 : 0;
}

const uint8_t *
ks_store_psk(struct ks_store *s, int key, const uint8_t *ssid, size_t ssidlen)
{
	struct skey		*k;
	struct psk_cache	*c;
	size_t			 i;

	if (s == NULL || key < 0 || (size_t)key >= s->n)
		return NULL;
	k = &s->keys[key];
	if (k->k.type == KS_KEY_PSK)
		return k->k.secret;
	if (k->k.type != KS_KEY_PWD || ssid == NULL || ssidlen == 0 ||
	    ssidlen > KS_SSID_MAX)
		return NULL;
	if (k->k.has_ssid && (k->k.ssid_len != ssidlen ||
	    memcmp(k->k.ssid, ssid, ssidlen) != 0))
		return NULL;
	for (i = 0; i < k->n_cache; i++)
		if (k->cache[i].ssid_len == ssidlen &&
		    memcmp(k->cache[i].ssid, ssid, ssidlen) == 0)
			return k->cache[i].psk;
	if (k->cache == NULL &&
	    (k->cache = calloc(CACHE_MAX, sizeof(*k->cache))) == NULL)
		return NULL;
	if (k->n_cache < CACHE_MAX)
		c = &k->cache[k->n_cache++];
	else {
		c = &k->cache[k->next];
		k->next = (k->next + 1) % CACHE_MAX;
	}
	memcpy(c->ssid, ssid, ssidlen);
	c->ssid_len = ssidlen;
	s->pbkdf2_runs++;
	if (ks_pbkdf2_sha1((const char *)k->k.secret, k->k.secret_len, ssid,
	    ssidlen, c->psk) != 0) {
		c->ssid_len = 0;	/* never matches again */
		return NULL;
	}
	return c->psk;
}
