/*
 * test_sla.c -- the --sla profile parser: defaults, accepted forms, and
 * errors that name the file and line.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "engine/engine.h"

static void
test_defaults(void **state)
{
	struct eng_sla s;

	(void)state;
	eng_sla_defaults(&s);
	/* doc/sla.md's table */
	assert_true(s.warn_ms[ENG_SLA_NEIGHBOR_REPORT] == 200);
	assert_true(s.fail_ms[ENG_SLA_NEIGHBOR_REPORT] == 500);
	assert_true(s.warn_ms[ENG_SLA_BTM] == 1000);
	assert_true(s.fail_ms[ENG_SLA_BTM] == 3000);
	assert_true(s.warn_ms[ENG_SLA_FT_AUTH] == 50);
	assert_true(s.fail_ms[ENG_SLA_FT_REASSOC] == 100);
	assert_true(s.warn_ms[ENG_SLA_FT_TOTAL] == 80);
	assert_true(s.fail_ms[ENG_SLA_FT_TOTAL] == 150);
	assert_true(s.warn_ms[ENG_SLA_REASSOC] == 100);
	assert_true(s.fail_ms[ENG_SLA_REASSOC] == 300);
	assert_true(s.fail_ms[ENG_SLA_4WAY] == 2000);
	assert_true(s.warn_ms[ENG_SLA_VOIP_TOTAL] < 0);
	assert_true(s.fail_ms[ENG_SLA_VOIP_TOTAL] == 150);
}

static void
test_forms(void **state)
{
	struct eng_sla s;
	char err[256] = "";

	(void)state;
	eng_sla_defaults(&s);
	assert_int_equal(eng_sla_parse(&s,
	    "# voice profile\n"
	    "ft_auth = 20 40\n"
	    "ft_total.fail = 90ms   # tighter\n"
	    "\n"
	    "  btm.warn=none\r\n"
	    "gap = 100, 200\n", "voice.sla", err, sizeof err), 0);
	assert_true(s.warn_ms[ENG_SLA_FT_AUTH] == 20);
	assert_true(s.fail_ms[ENG_SLA_FT_AUTH] == 40);
	assert_true(s.fail_ms[ENG_SLA_FT_TOTAL] == 90);
	assert_true(s.warn_ms[ENG_SLA_FT_TOTAL] == 80);
	assert_true(s.warn_ms[ENG_SLA_BTM] < 0);
	assert_true(s.fail_ms[ENG_SLA_GAP] == 200);
}

static void
expect_err(const char *text, const char *msg)
{
	struct eng_sla s;
	char err[256] = "";

	eng_sla_defaults(&s);
	assert_int_equal(eng_sla_parse(&s, text, "p.sla", err, sizeof err),
	    -1);
	assert_string_equal(err, msg);
}

static void
test_errors(void **state)
{
	(void)state;
	expect_err("ft_auth = 10 20\nfoo = 3\n", "p.sla:2: unknown key 'foo'");
	expect_err("\n\nft_auth.max = 3\n",
	    "p.sla:3: unknown key 'ft_auth.max'");
	expect_err("ft_auth 30\n", "p.sla:1: expected 'key = value'");
	expect_err("btm = \n", "p.sla:1: missing value for 'btm'");
	expect_err("btm = fast slow\n",
	    "p.sla:1: bad value for 'btm' (milliseconds, or 'none')");
	expect_err("btm.warn = -5\n",
	    "p.sla:1: bad value for 'btm' (milliseconds, or 'none')");
	expect_err("4way = 300 100\n",
	    "p.sla:1: warn 300 is above fail 100 for '4way'");
	expect_err("reassoc.warn = 900\n",
	    "p.sla: warn 900 is above fail 300 for 'reassoc'");
}

static void
test_eng_new_reports_line(void **state)
{
	struct eng_conf c;
	char err[256] = "";

	(void)state;
	eng_conf_defaults(&c);
	c.sla_text = "ft_auth = 1 2\nbogus = 1\n";
	c.sla_path = "mine.sla";
	assert_null(eng_new(&c, err, sizeof err));
	assert_string_equal(err, "mine.sla:2: unknown key 'bogus'");
}

static void
test_roam_quality_keys(void **state)
{
	struct eng_sla s;
	char err[256] = "";

	(void)state;
	eng_sla_defaults(&s);
	/* built in: no RSSI limits; sticky -70 dBm, 8/12 dB, 5 s; 10 s */
	assert_true(s.rssi_drop_db[0] < 0 && s.rssi_drop_db[1] < 0);
	assert_true(s.rssi_low_dbm[0] == ENG_SLA_NO_DBM);
	assert_true(s.sticky_rssi_dbm == -70);
	assert_true(s.sticky_db[0] == 8 && s.sticky_db[1] == 12);
	assert_true(s.sticky_ms == 5000);
	assert_true(s.ping_pong_ms == 10000);
	assert_int_equal(eng_sla_parse(&s,
	    "rssi_drop = 6dB 10\n"
	    "rssi_low = -72dBm, -80\n"
	    "rssi_low.warn = -70\n"
	    "sticky_rssi = -75\n"
	    "sticky_delta.fail = 15\n"
	    "sticky_time = 8000ms\n"
	    "ping_pong = 20000\n", "q.sla", err, sizeof err), 0);
	assert_true(s.rssi_drop_db[0] == 6 && s.rssi_drop_db[1] == 10);
	assert_true(s.rssi_low_dbm[0] == -70 && s.rssi_low_dbm[1] == -80);
	assert_true(s.sticky_rssi_dbm == -75);
	assert_true(s.sticky_db[0] == 8 && s.sticky_db[1] == 15);
	assert_true(s.sticky_ms == 8000);
	assert_true(s.ping_pong_ms == 20000);
	expect_err("rssi_low = -72 none\nrssi_low.fail = -60\n",
	    "p.sla: fail -60 dBm is above warn -72 dBm for 'rssi_low' (the "
	    "FAIL level is the weaker signal)");
	expect_err("rssi_low = 5 none\n",
	    "p.sla:1: bad value for 'rssi_low' (dBm, -150 to 0, or 'none')");
	expect_err("sticky_time = none\n",
	    "p.sla:1: bad value for 'sticky_time' (milliseconds)");
	expect_err("ping_pong.warn = 5\n",
	    "p.sla:1: 'ping_pong' takes one value, no .warn or .fail");
	expect_err("rssi_drop = 9 6\n",
	    "p.sla: a warn limit is above its fail limit for 'rssi_drop'");
}

/* The example profile shipped in data/ parses and says what doc/sla.md
 * says it does. */
static void
test_dashboard_profile(void **state)
{
	char path[4096], text[4096], err[256] = "";
	const char *top = getenv("top_srcdir");
	struct eng_sla s;
	size_t n;
	FILE *fp;

	(void)state;
	snprintf(path, sizeof path, "%s/data/dashboard.sla", top != NULL ?
	    top : "..");
	assert_non_null(fp = fopen(path, "r"));
	n = fread(text, 1, sizeof text - 1, fp);
	fclose(fp);
	text[n] = '\0';
	eng_sla_defaults(&s);
	assert_int_equal(eng_sla_parse(&s, text, "dashboard.sla", err,
	    sizeof err), 0);
	assert_true(s.warn_ms[ENG_SLA_FT_TOTAL] == 400);
	assert_true(s.fail_ms[ENG_SLA_FT_TOTAL] < 0);
	assert_true(s.warn_ms[ENG_SLA_TOTAL] == 2000);
	assert_true(s.fail_ms[ENG_SLA_VOIP_TOTAL] < 0);
	assert_true(s.fail_ms[ENG_SLA_FT_AUTH] < 0);
	assert_true(s.rssi_drop_db[0] == 6);
	assert_true(s.rssi_low_dbm[0] == -72);
	assert_true(s.rssi_low_dbm[1] == ENG_SLA_NO_DBM);
	assert_true(s.sticky_db[0] == 8 && s.sticky_db[1] == 12);
	assert_true(s.sticky_rssi_dbm == -70);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_forms),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_eng_new_reports_line),
		cmocka_unit_test(test_roam_quality_keys),
		cmocka_unit_test(test_dashboard_profile),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
