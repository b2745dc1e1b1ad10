/*
 * keys_driver.c -- the key subsystem over a capture file, for the tests
 * and until roamscope takes --keys: every frame goes to ks_feed; every
 * protected one to ks_decrypt, and its plaintext through d11_parse, the
 * --frames printer and ks_feed again.
 *
 * usage: keys_driver [-qw] -k KEYFILE FILE
 *
 * Output, one JSON object per line:
 *   {"dec":N,"ts_ns":T,"cipher":...,"group":bool,"ta":MAC,"tk":LABEL?,"pn":...,
 *    "plain":HEX}
 *	a decrypted frame; "plain" is the frame body after the security
 *	header, without the MIC (tshark's "Decrypted CCMP data"); the
 *	--frames line of the plain frame follows when it prints one
 *   {"nodec":N,"why":...}		a protected frame left as it is
 *   {"res":N_FIRST,...}		each handshake's checks, at the end
 *   {"summary":...}			counts
 * -q prints only the results and the summary; -w decrypts only the frames
 * ks_want asks for (as roamscope will), not every protected one.
 */
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dot11/dot11.h"
#include "frames.h"
#include "json.h"
#include "keys/keys.h"
#include "record.h"

#define MAX_RESULTS	4096

static struct ks_result	 results[MAX_RESULTS];
static size_t		 n_results;

static const char *
kind_name(enum ks_hs_kind k)
{
	switch (k) {
	case KS_HS_ASSOC:
		return "assoc";
	case KS_HS_FT:
		return "ft";
	case KS_HS_4WAY:
		return "4way";
	case KS_HS_NONE:
		break;
	}
	return "none";
}

static const char *
diag_name(enum ks_ft_diag d)
{
	switch (d) {
	case KS_FT_TARGET_LACKS_R1:
		return "target_lacks_pmk_r1";
	case KS_FT_CLIENT_STALE:
		return "client_stale";
	case KS_FT_CLIENT_WRONG:
		return "client_wrong";
	case KS_FT_MIC_CLIENT:
		return "fte_mic_client";
	case KS_FT_MIC_AP:
		return "fte_mic_ap";
	case KS_FT_NONE:
		break;
	}
	return NULL;
}

static const char *
cipher_name(uint32_t c)
{
	return d11_cipher_name(c);
}

/* Keep the latest copy of each handshake result (client, first frame). */
static void
remember(const struct ks_result *r)
{
	size_t	 i;

	for (i = n_results; i-- > 0;)
		if (memcmp(results[i].sta, r->sta, 6) == 0 &&
		    results[i].n_first == r->n_first) {
			results[i] = *r;
			return;
		}
	if (n_results < MAX_RESULTS)
		results[n_results++] = *r;
}

static void
verdict(struct json *j, const char *k, enum ks_verdict v)
{
	const char	*s = ks_verdict_name(v);

	if (s != NULL)
		json_kv_str(j, k, s);
}

static void
print_result(const struct ks_result *r, const struct ks_store *st)
{
	struct json	 j;
	char		 why[1024];

	json_init(&j, stdout);
	json_obj_begin(&j);
	json_kv_uint(&j, "res", r->n_first);
	json_kv_uint(&j, "last", r->n_last);
	json_kv_str(&j, "kind", kind_name(r->kind));
	json_kv_mac(&j, "sta", r->sta);
	json_kv_mac(&j, "ap", r->ap);
	if (r->akm) {
		json_kv_str(&j, "akm", d11_akm_name(r->akm));
	}
	verdict(&j, "m2_mic", r->m2_mic);
	verdict(&j, "pmkid", r->pmkid);
	verdict(&j, "pmkid_kde", r->pmkid_kde);
	verdict(&j, "pmkr0name", r->pmkr0name);
	verdict(&j, "pmkr1name", r->pmkr1name);
	verdict(&j, "fte_mic", r->fte_mic);
	verdict(&j, "fte_mic_req", r->fte_mic_req);
	verdict(&j, "fte_mic_resp", r->fte_mic_resp);
	if (r->key >= 0) {
		json_kv_str(&j, "key", ks_store_label(st, r->key));
	}
	if (r->n_tried) {
		json_kv_uint(&j, "tried", r->n_tried);
	}
	json_kv_bool(&j, "ptk", r->ptk);
	json_kv_bool(&j, "gtk", r->gtk);
	if (r->status) {
		json_kv_uint(&j, "status", r->status);
	}
	if (diag_name(r->ft_diag) != NULL) {
		json_kv_str(&j, "diag", diag_name(r->ft_diag));
	}
	if (r->has_r0name) {
		json_kv_hex(&j, "r0name", r->r0name, 16);
	}
	if (r->has_r1name) {
		json_kv_hex(&j, "r1name", r->r1name, 16);
	}
	if (ks_result_why(r, st, why, sizeof(why)) > 0) {
		json_kv_str(&j, "why", why);
	}
	json_obj_end(&j);
	fputc('\n', stdout);
}

int
main(int argc, char **argv)
{
	char			 err[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr	*h;
	const u_char		*data;
	static struct rs_rec	 rec, rec2;
	static uint8_t		 plain[RS_REC_MAX_BYTES + 64];
	struct ks_store		*st;
	struct ks_load		 ld;
	struct ks_dec_info	 di;
	const struct ks_result	*r;
	struct json		 j;
	struct ks		*ks;
	const char		*keyfile = NULL;
	enum ks_dec		 d;
	unsigned long		 n_prot = 0, n_dec = 0, why_n[8] = { 0 };
	size_t			 plen, i;
	pcap_t			*p;
	bool			 quiet = false, want = false;
	int			 c, rc;

	while ((c = getopt(argc, argv, "k:qw")) != -1) {
		switch (c) {
		case 'w':
			want = true;
			break;
		case 'k':
			keyfile = optarg;
			break;
		case 'q':
			quiet = true;
			break;
		default:
			goto usage;
		}
	}
	if (optind + 1 != argc || keyfile == NULL)
		goto usage;
	if ((st = ks_store_new()) == NULL)
		return 70;
	if (ks_store_load(st, keyfile, &ld) != 0) {
		fprintf(stderr, "keys_driver: %s\n", ld.err);
		return 10;
	}
	if (ld.warn[0])
		fprintf(stderr, "keys_driver: warning: %s\n", ld.warn);
	if ((ks = ks_new(st, NULL)) == NULL)
		return 70;
	p = pcap_open_offline_with_tstamp_precision(argv[optind],
	    PCAP_TSTAMP_PRECISION_NANO, err);
	if (p == NULL) {
		fprintf(stderr, "keys_driver: %s\n", err);
		return 4;
	}
	rec.dlt = pcap_datalink(p);
	if (!d11_dlt_supported(rec.dlt)) {
		fprintf(stderr, "keys_driver: link type %d\n", rec.dlt);
		return 6;
	}
	while ((rc = pcap_next_ex(p, &h, &data)) == 1) {
		rec.n++;
		rec.ts_ns = (int64_t)h->ts.tv_sec * 1000000000 + h->ts.tv_usec;
		rec.caplen = h->caplen;
		rec.origlen = h->len;
		rec.raw = data;
		d11_parse(rec.dlt, data, h->caplen, &rec.f);
		if ((r = ks_feed(ks, &rec)) != NULL)
			remember(r);
		if (rec.f.error != D11_OK || !rec.f.protected ||
		    (rec.f.type != D11_FC_TYPE_DATA &&
		    rec.f.type != D11_FC_TYPE_MGMT))
			continue;
		n_prot++;
		if (want && !ks_want(ks, &rec.f))
			continue;
		d = ks_decrypt(ks, &rec.f, plain, sizeof(plain), &plen, &di);
		if (d != KS_DEC_OK) {
			why_n[d < 8 ? d : 7]++;
			if (!quiet)
				printf("{\"nodec\":%llu,\"why\":\"%s\"}\n",
				    (unsigned long long)rec.n, ks_dec_name(d));
			continue;
		}
		n_dec++;
		ks_plain_rec(&rec, plain, plen, &rec2);
		if ((r = ks_feed(ks, &rec2)) != NULL)
			remember(r);
		if (quiet)
			continue;
		json_init(&j, stdout);
		json_obj_begin(&j);
		json_kv_uint(&j, "dec", rec.n);
		json_kv_int(&j, "ts_ns", rec.ts_ns);
		json_kv_str(&j, "cipher", cipher_name(di.cipher));
		json_kv_bool(&j, "group", di.group);
		if (rec.f.ta != NULL) {
			json_kv_mac(&j, "ta", rec.f.ta);
		}
		if (di.user_tk >= 0) {
			json_kv_str(&j, "tk", ks_store_label(st, di.user_tk));
		}
		json_kv_uint(&j, "pn", di.pn);
		json_kv_hex(&j, "plain", rec2.f.body, rec2.f.body_len);
		json_obj_end(&j);
		fputc('\n', stdout);
		frames_print(stdout, &rec2, false);
	}
	pcap_close(p);
	for (i = 0; i < n_results; i++)
		print_result(&results[i], st);
	json_init(&j, stdout);
	json_obj_begin(&j);
	json_kv_uint(&j, "summary", rec.n);
	json_kv_uint(&j, "protected", n_prot);
	json_kv_uint(&j, "decrypted", n_dec);
	json_kv_uint(&j, "no_key", why_n[KS_DEC_NO_KEY]);
	json_kv_uint(&j, "bad_mic", why_n[KS_DEC_BAD_MIC]);
	json_kv_uint(&j, "unsupported", why_n[KS_DEC_UNSUPPORTED]);
	json_kv_uint(&j, "pbkdf2", ks_store_pbkdf2_runs(st));
	json_obj_end(&j);
	fputc('\n', stdout);
	ks_free(ks);
	ks_store_free(st);
	return rc == -1 ? 7 : 0;
usage:
	fprintf(stderr, "usage: keys_driver [-qw] -k KEYFILE FILE\n");
	return 1;
}
