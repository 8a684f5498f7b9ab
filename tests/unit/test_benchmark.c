/* Benchmark arithmetic (medians, quartile boundaries, ranks with ties and
 * polarity, annual rates of change) and the DfE tidy reader (suppression
 * markers are missing, never zero; filters become the breakdown). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "indicators/benchmark.h"
#include "formats/dfe_tidy.h"

static void medians_and_quantiles(void **state)
{
	(void)state;
	double odd[] = { 3, NAN, 1, 2 };
	assert_true(bm_median(odd, 4) == 2);
	double even[] = { 4, 1, 3, 2 };
	assert_true(bm_median(even, 4) == 2.5);
	double none[] = { NAN, NAN };
	assert_true(isnan(bm_median(none, 2)));
	double five[] = { 5, 4, 3, 2, 1 };
	assert_true(bm_quantile(five, 5, 0.25) == 2);
	double four[] = { 40, 10, 30, 20 };
	/* position 0.75 x 3 = 2.25: 30 + 0.25 x (40 - 30) */
	assert_true(fabs(bm_quantile(four, 4, 0.75) - 32.5) < 1e-12);
}

static void ranks_ties_and_polarity(void **state)
{
	(void)state;
	double v[] = { 5, 3, 3, 8, NAN };
	int rank, of, q;
	bm_rank(v, 5, 3, POL_LOWER_BETTER, &rank, &of, &q);
	assert_int_equal(rank, 1);     /* both 3s share the best rank */
	assert_int_equal(of, 4);       /* the missing value is not ranked */
	assert_int_equal(q, 1);
	bm_rank(v, 5, 5, POL_LOWER_BETTER, &rank, &of, &q);
	assert_int_equal(rank, 3);     /* two are better */
	assert_int_equal(q, 3);        /* 1 + 4 x 2 / 4 */
	bm_rank(v, 5, 8, POL_LOWER_BETTER, &rank, &of, &q);
	assert_int_equal(rank, 4);
	assert_int_equal(q, 4);
	bm_rank(v, 5, 3, POL_HIGHER_BETTER, &rank, &of, &q);
	assert_int_equal(rank, 3);     /* 5 and 8 are better */
	bm_rank(v, 5, 8, POL_NONE, &rank, &of, &q);
	assert_int_equal(rank, 1);     /* no polarity: from the highest */
	bm_rank(v, 5, NAN, POL_LOWER_BETTER, &rank, &of, &q);
	assert_int_equal(rank, 0);
}

static void annual_change(void **state)
{
	(void)state;
	/* 125 -> 64 over 3 years: (64/125)^(1/3) = 0.8, so -20% a year */
	assert_true(fabs(bm_annual_change(125, 64, 3) + 20) < 1e-9);
	/* 100 -> 121 over 2 years: +10% a year */
	assert_true(fabs(bm_annual_change(100, 121, 2) - 10) < 1e-9);
	assert_true(isnan(bm_annual_change(0, 5, 3)));
	assert_true(isnan(bm_annual_change(NAN, 5, 3)));
}

static void suppression_markers_are_missing(void **state)
{
	(void)state;
	const char *markers[] = { "c", "x", "z", "u", "k", "low", "LOW", " c ", "" };
	for (size_t i = 0; i < sizeof markers / sizeof markers[0]; i++) {
		double v = 12345;
		assert_int_equal(dfe_parse_value(markers[i], strlen(markers[i]), &v), 1);
		assert_true(v == 12345);   /* untouched: never a zero */
	}
	double v;
	assert_int_equal(dfe_parse_value("0", 1, &v), 0);   /* a real zero is zero */
	assert_true(v == 0);
	assert_int_equal(dfe_parse_value("22.6", 4, &v), 0);
	assert_true(v == 22.6);
	assert_int_equal(dfe_parse_value("01:06", 5, &v), 0);  /* a year and six months */
	assert_true(v == 18);
	assert_int_equal(dfe_parse_value("nan", 3, &v), -1);
	assert_int_equal(dfe_parse_value("inf", 3, &v), -1);
	assert_int_equal(dfe_parse_value("12%", 3, &v), -1);
	assert_int_equal(dfe_parse_value("n/a", 3, &v), -1);
	assert_int_equal(dfe_parse_value("00:13", 5, &v), -1);
}

static void table_names(void **state)
{
	(void)state;
	char n[128];
	dfe_table_name("/x/b1_children_in_need_2013_to_2026.csv", n, sizeof n);
	assert_string_equal(n, "b1_children_in_need");
	dfe_table_name("cla_number_and_rate_per_10k_children.csv", n, sizeof n);
	assert_string_equal(n, "cla_number_and_rate_per_10k_children");
}

static void sn_headers(void **state)
{
	(void)state;
	char a[] = "LA num", b[] = "SN1", c[] = "SNP", d[] = "SN99999999999";
	char *good[] = { a, b, c };
	size_t good_lens[] = { 6, 3, 3 };
	assert_int_equal(dfe_sn_is_header(good, good_lens, 3), 1);
	/* a rank too long to be one (found by fuzzing: it overflowed an int) */
	char *bad[] = { a, d };
	size_t bad_lens[] = { 6, 13 };
	assert_int_equal(dfe_sn_is_header(bad, bad_lens, 2), 0);
	assert_int_equal(dfe_sn_model_year("/x/sn_model_2025_wide.csv"), 2025);
	assert_int_equal(dfe_sn_model_year("New_Statistical_Neighbour_Groupings_April_2021.csv"), 2021);
	assert_int_equal(dfe_sn_model_year("groupings.csv"), 0);
}

struct seen {
	int n, missing, issues;
	char breakdown[4][128];
	double values[16];
	int periods[16];
	char raw[16][8];
};

static int on_figure(void *ctx, const struct dfe_figure *f, struct cf_error *err)
{
	(void)err;
	struct seen *s = ctx;
	if (s->n < 16) {
		s->values[s->n] = f->missing ? NAN : f->value;
		s->periods[s->n] = f->time_period;
		snprintf(s->raw[s->n], sizeof s->raw[0], "%s", f->raw ? f->raw : "");
		if (s->n < 4)
			snprintf(s->breakdown[s->n], sizeof s->breakdown[0], "%s", f->breakdown);
	}
	s->n++;
	s->missing += f->missing;
	return CF_OK;
}

static int on_issue(void *ctx, long row, long line, const char *column, const char *value, const char *kind,
		    const char *why, struct cf_error *err)
{
	(void)row, (void)line, (void)column, (void)value, (void)why, (void)err;
	struct seen *s = ctx;
	s->issues++;
	assert_true(!strcmp(kind, "bad_number") || !strcmp(kind, "bad_period"));
	return CF_OK;
}

static void tidy_reader(void **state)
{
	(void)state;
	char path[] = "/tmp/cf-test-tidy-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *fp = fdopen(fd, "w");
	/* a BOM, two filter columns (one with a comma inside quotes), two measures */
	fputs("\xEF\xBB\xBFtime_period,time_identifier,geographic_level,old_la_code,new_la_code,la_name,"
	      "care_leaver_age,breakdown,care_leaver_count,care_leaver_percent\r\n"
	      "2025,Reporting year,Local authority,380,E08000032,Bradford,19 to 21 years,\"Not in EET, other\",c,z\r\n"
	      "202324,Financial year,Local authority,380,E08000032,Bradford,19 to 21 years,Total,120,100\r\n"
	      "2025,Reporting year,National,,,,19 to 21 years,Total,n/a,0\r\n"
	      "20XX,Reporting year,National,,,,19 to 21 years,Total,5,1\r\n"
	      ",,,,,,,,,\r\n",
	      fp);
	fclose(fp);
	struct seen s;
	memset(&s, 0, sizeof s);
	struct cf_error err;
	cf_error_clear(&err);
	long rows;
	assert_int_equal(dfe_tidy_read(path, on_figure, on_issue, &s, &rows, &err), CF_OK);
	unlink(path);
	assert_int_equal(rows, 4);              /* the blank row is not a row */
	assert_int_equal(s.n, 6);               /* 3 good rows x 2 measures; the bad period is skipped */
	assert_string_equal(s.breakdown[0], "19 to 21 years|Not in EET, other");
	assert_true(isnan(s.values[0]) && isnan(s.values[1]));   /* 'c' and 'z': missing */
	assert_string_equal(s.raw[0], "c");
	assert_string_equal(s.raw[1], "z");
	assert_int_equal(s.periods[2], 2024);   /* 202324 ends in 2024 */
	assert_true(s.values[2] == 120);
	assert_true(isnan(s.values[4]));        /* 'n/a' is not a number: missing, with an issue */
	assert_true(s.values[5] == 0);          /* a published zero stays zero */
	assert_int_equal(s.missing, 3);
	assert_int_equal(s.issues, 2);          /* n/a, and the bad time_period */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(medians_and_quantiles),
		cmocka_unit_test(ranks_ties_and_polarity),
		cmocka_unit_test(annual_change),
		cmocka_unit_test(suppression_markers_are_missing),
		cmocka_unit_test(table_names),
		cmocka_unit_test(sn_headers),
		cmocka_unit_test(tidy_reader),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
