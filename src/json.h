/*
 * json.h -- a tiny streaming JSON writer to a FILE *.
 *
 * No allocation; nesting is tracked in the struct.  Strings are written as
 * valid JSON in valid UTF-8 whatever the bytes: control characters are
 * escaped (C1 and bidirectional controls too, so that a terminal showing
 * the output never acts on one), and a byte that is not well-formed UTF-8
 * becomes U+FFFD.  json_kv_air() adds the raw bytes as hex beside such a
 * string (key_hex), so that nothing is lost and nothing is ambiguous.
 */
#ifndef JSON_H
#define JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define JSON_MAX_DEPTH	16

struct json {
	FILE		*f;
	int		 depth;
	bool		 after_key;
	bool		 locked;	/* flockfile, in a top-level value */
	bool		 first[JSON_MAX_DEPTH];
};

void	json_init(struct json *, FILE *);
void	json_obj_begin(struct json *);
void	json_obj_end(struct json *);
void	json_arr_begin(struct json *);
void	json_arr_end(struct json *);
void	json_key(struct json *, const char *key);

/* Values: inside an array each adds its own comma; after a key none. */
void	json_str(struct json *, const char *s);
void	json_strn(struct json *, const void *s, size_t len);
void	json_int(struct json *, long long v);
void	json_uint(struct json *, unsigned long long v);
void	json_bool(struct json *, bool v);
void	json_null(struct json *);
void	json_hex(struct json *, const uint8_t *p, size_t len);
void	json_mac(struct json *, const uint8_t *mac);
void	json_raw(struct json *, const char *text);	/* a literal as is */

/* A key and its value in one call: json_key() then the value. */
void	json_kv_str(struct json *, const char *key, const char *s);
void	json_kv_strn(struct json *, const char *key, const void *s,
	    size_t len);
void	json_kv_int(struct json *, const char *key, long long v);
void	json_kv_uint(struct json *, const char *key, unsigned long long v);
void	json_kv_bool(struct json *, const char *key, bool v);
void	json_kv_null(struct json *, const char *key);
void	json_kv_hex(struct json *, const char *key, const uint8_t *p,
	    size_t len);
void	json_kv_mac(struct json *, const char *key, const uint8_t *mac);
void	json_kv_raw(struct json *, const char *key, const char *text);

/* A string from the air (SSID, identity, URL): key, and key_hex with the
 * raw bytes when they are not all well-formed UTF-8. */
void	json_kv_air(struct json *, const char *key, const void *s,
	    size_t len);
bool	json_utf8_valid(const void *s, size_t len);

/* The same, with null for a value that is not there. */
void	json_kv_str_or_null(struct json *, const char *key, const char *s);
void	json_kv_int_or_null(struct json *, const char *key, bool have,
	    long long v);
void	json_kv_mac_or_null(struct json *, const char *key,
	    const uint8_t *mac);

/* The escaped string with its quotes, for callers without a struct json. */
void	json_write_string(FILE *, const void *s, size_t len);

#endif /* JSON_H */
