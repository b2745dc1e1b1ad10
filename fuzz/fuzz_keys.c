/*
 * fuzz_keys.c -- libFuzzer target for the key subsystem: the key-file
 * parser, and the tracker and decryptor over a sequence of frames.
 *
 * Input:
 *	1 byte	 configuration: bit 7 set: the rest is a key file (each line
 *		 through ks_store_add_line with a short and a long message
 *		 buffer, then the whole through ks_store_load); clear: frames,
 *		 bit 0 tiny tracker limits (eviction paths)
 *	then, for frames, records as fuzz_engine.c reads them:
 *	2 bytes	 record length, little-endian (clipped to what is left)
 *	1 byte	 bits 0-2 link type (fuzz_engine.c's order), rest unused
 *	N bytes	 the record
 *
 * The key store holds the passphrases and keys of the bundled captures
 * (lab and Wireshark's), so seeds made from tests/data (fuzz/mkcorpus.sh)
 * verify real MICs and decrypt real frames, and mutations go from there.
 * Every record, and every plaintext, sits in a buffer of exactly its size,
 * freed right after use: ASan catches a read past either, or a pointer
 * kept into one.  Invariants checked: a decrypted frame is shorter than
 * the protected one, parses again, and is no longer marked protected.
 *
 * Build: ./configure CC=clang --enable-fuzzing && make fuzz/fuzz_keys
 */
#include <sys/mman.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dot11.h"
#include "keys/keys.h"
#include "record.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const int dlts[] = {
	D11_DLT_RADIOTAP, D11_DLT_IEEE802_11, D11_DLT_PPI, D11_DLT_PRISM,
	D11_DLT_AVS,
};

static const char *const keys[] = {
	"wpa-pwd:roamlab-secret-1",
	"wpa-pwd:12345678",
	"wpa-pwd:Induction:Coherer",
	"wpa-pwd:test0815",
	"wpa-psk:a5001e18e0b3f792278825bc3abff72d7021d7c157b600470ef730e2"
	    "490835d4",
	"msk:00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
	    "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
	"tk:65471b64605bf2a04af296284cb4ae2a",
	"tk:1783a5c28e046df6fb58cf4406c4b22c",
};

/* Read n bytes at p whole (ASan checks the range a memcpy reads). */
static void
use(const void *p, size_t n)
{
	static uint8_t	 scratch[4096];

	if (p != NULL && n > 0)
		memcpy(scratch, p, n < sizeof(scratch) ? n : sizeof(scratch));
}

static void
check_result(const struct ks_result *r, const struct ks_store *st)
{
	char	 small[24], big[1024];
	size_t	 n;

	use(r, sizeof(*r));
	if (r->r0kh_id_len > sizeof(r->r0kh_id))
		abort();
	n = ks_result_why(r, st, small, sizeof(small));
	if (n >= sizeof(small) || strlen(small) != n)
		abort();
	n = ks_result_why(r, st, big, sizeof(big));
	if (n >= sizeof(big) || strlen(big) != n)
		abort();
	use(ks_verdict_name(r->m2_mic), 1);
}

static void
keyfile(const uint8_t *data, size_t size)
{
	struct ks_store	*st = ks_store_new();
	struct ks_load	 l;
	char		 w1[8], w2[256], path[64];
	const uint8_t	*p = data, *e = data + size, *nl;
	bool		 skipped;
	int		 fd, i;

	if (st == NULL)
		return;
	while (p < e) {
		nl = memchr(p, '\n', (size_t)(e - p));
		if (nl == NULL)
			nl = e;
		(void)ks_store_add_line(st, (const char *)p, (size_t)(nl - p),
		    "f:1", &skipped, w1, sizeof(w1));
		if (ks_store_add_line(st, (const char *)p, (size_t)(nl - p),
		    "f:1", &skipped, w2, sizeof(w2)) < 0 &&
		    strlen(w2) >= sizeof(w2))
			abort();
		p = nl + 1;
	}
	for (i = 0; i < (int)ks_store_count(st); i++)
		use(ks_store_label(st, i), 3);
	ks_store_free(st);
	/* the same bytes as a file */
	if ((fd = memfd_create("keys", 0)) < 0)
		return;
	if (write(fd, data, size) == (ssize_t)size) {
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
		st = ks_store_new();
		if (st != NULL && ks_store_load(st, path, &l) != 0 &&
		    l.err[0] == '\0')
			abort();	/* a failure always says why */
		ks_store_free(st);
	}
	close(fd);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct ks_store	*st;
	struct ks_conf		 conf;
	struct ks_dec_info	 di;
	const struct ks_result	*r;
	struct rs_rec		 rec, rec2;
	struct ks		*ks;
	enum ks_dec		 d;
	uint8_t			*buf, *plain, *copy;
	size_t			 off = 1, len, plen, i;
	bool			 skipped;
	char			 why[128];

	if (size < 1)
		return 0;
	if (data[0] & 0x80) {
		keyfile(data + 1, size - 1);
		return 0;
	}
	if (st == NULL) {
		st = ks_store_new();
		for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
			if (ks_store_add_line(st, keys[i], strlen(keys[i]),
			    "fuzz:1", &skipped, why, sizeof(why)) != 1)
				abort();
	}
	memset(&conf, 0, sizeof(conf));
	if (data[0] & 0x01)
		conf.max_clients = conf.max_aps = 2;
	if ((ks = ks_new(st, &conf)) == NULL)
		return 0;
	memset(&rec, 0, sizeof(rec));
	while (off + 3 <= size) {
		len = (size_t)data[off] | (size_t)data[off + 1] << 8;
		rec.dlt = dlts[(data[off + 2] & 0x07) % 5];
		off += 3;
		if (len > size - off)
			len = size - off;
		if ((buf = malloc(len ? len : 1)) == NULL)
			break;
		memcpy(buf, data + off, len);
		off += len;
		rec.n++;
		rec.ts_ns += 1000;
		rec.raw = buf;
		rec.caplen = rec.origlen = (uint32_t)len;
		d11_parse(rec.dlt, buf, len, &rec.f);
		if ((r = ks_feed(ks, &rec)) != NULL)
			check_result(r, st);
		if (rec.f.error == D11_OK && rec.f.protected) {
			plen = 0;
			plain = malloc(rec.f.mac_len ? rec.f.mac_len : 1);
			d = plain ? ks_decrypt(ks, &rec.f, plain, rec.f.mac_len,
			    &plen, &di) : KS_DEC_NOSPACE;
			use(ks_dec_name(d), 1);
			if (d == KS_DEC_OK) {
				if (plen > rec.f.mac_len)
					abort();
				copy = malloc(plen ? plen : 1);
				memcpy(copy, plain, plen);
				ks_plain_rec(&rec, copy, plen, &rec2);
				if (rec2.f.error != D11_OK || rec2.f.protected)
					abort();
				if ((r = ks_feed(ks, &rec2)) != NULL)
					check_result(r, st);
				free(copy);
			}
			free(plain);
		}
		free(buf);
	}
	ks_free(ks);
	return 0;
}
