/* explore/compare on a breakdown worked by hand: re-referrals in three
 * localities, 30 of 100, 20 of 100 and 10 of 100 (60 of 300 in all). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "explore/explore.h"

#define NEAR(a, b, tol) assert_true(fabs((a) - (b)) <= (tol))

static const char *names[4] = { "all", "A", "B", "C" };
static unsigned char used[4] = { 1, 1, 1, 1 };

/* A kpi_result of one period (or two) holding only K_REREFERRAL_12M. */
static struct kpi_result *fake(int nperiods, const double (*nd)[4][2])
{
	struct kpi_result *r = calloc(1, sizeof *r);
	r->nperiods = nperiods;
	r->periods = calloc((size_t)nperiods, sizeof *r->periods);
	for (int p = 0; p < nperiods; p++)
		kpi_period_year(2022 + p, &r->periods[p]);
	r->by = KPI_BY_LOCALITY;
	r->ngroups = 4;
	r->groups = names;
	r->group_used = used;
	r->cells = calloc((size_t)nperiods * K_N * 4, sizeof *r->cells);
	for (int p = 0; p < nperiods; p++)
		for (int g = 0; g < 4; g++) {
			struct kpi_cell *c = &r->cells[((size_t)p * K_N + K_REREFERRAL_12M) * 4 + (size_t)g];
			c->num = nd[p][g][0], c->den = nd[p][g][1];
			c->has_num = c->has_den = c->has_value = 1;
			c->value = 100 * c->num / c->den;
		}
	return r;
}

static void unfake(struct kpi_result *r)
{
	free(r->cells);
	free(r->periods);
	free(r);
}

static const double three[1][4][2] = { { { 60, 300 }, { 30, 100 }, { 20, 100 }, { 10, 100 } } };

/* All groups: pooled 0.2, expected 20 and 80 a group; A and C each give
 * 100/20 + 100/80 = 6.25, B 0: chi-square 12.5 on 2 df, p = exp(-6.25).
 * A against the rest (30 of 200): pooled 60/300, chi-square 100/20 + 100/80
 * + 100/40 + 100/160 = 9.375 on 1 df, p = erfc(sqrt(9.375 / 2)) = 0.0022;
 * C likewise; B equals the rest: chi-square 0, p 1. Holm: A and C 3p, B 1. */
static void groups_against_the_rest(void **state)
{
	(void)state;
	struct kpi_result *r = fake(1, three);
	struct compare_groups_result g;
	struct cf_error err;
	cf_error_clear(&err);
	assert_int_equal(compare_groups(r, 0, K_REREFERRAL_12M, NULL, &g, &err), CF_OK);
	assert_int_equal(g.nrows, 4);
	assert_int_equal(g.df, 2);
	NEAR(g.chi2, 12.5, 1e-9);
	NEAR(g.p, exp(-6.25), 1e-9);
	double pa = erfc(sqrt(9.375 / 2));
	NEAR(g.rows[1].p, pa, 1e-9);
	NEAR(g.rows[1].p_holm, 3 * pa, 1e-9);
	NEAR(g.rows[2].p, 1, 1e-12);
	NEAR(g.rows[2].p_holm, 1, 1e-12);
	NEAR(g.rows[3].p_holm, 3 * pa, 1e-9);
	NEAR(g.rows[1].ratio, 1.5, 1e-12);   /* 30% against 20% for the whole */
	assert_true(isnan(g.rows[1].ratio_lo));
	NEAR(g.rows[1].value, 30, 1e-12);
	NEAR(g.rows[1].lo, 21.894885, 1e-5);   /* Wilson, 30 of 100 */
	NEAR(g.rows[1].hi, 39.584855, 1e-5);
	char words[2048];
	compare_groups_words(&g, words, sizeof words);
	assert_non_null(strstr(words, "the groups differ"));
	assert_non_null(strstr(words, "A: Re-referrals"));
	assert_null(strstr(words, "B: "));
	compare_groups_free(&g);
	unfake(r);
}

/* A against B: pooled 0.25, chi-square 2 (25/25 + 25/75) = 8/3 on 1 df, p =
 * erfc(sqrt(4/3)) = 0.1025; ratio 1.5 with Katz's se sqrt(1/30 - 1/100 +
 * 1/20 - 1/100): 0.916 to 2.456. */
static void groups_against_a_baseline(void **state)
{
	(void)state;
	struct kpi_result *r = fake(1, three);
	struct compare_groups_result g;
	struct cf_error err;
	cf_error_clear(&err);
	assert_int_equal(compare_groups(r, 0, K_REREFERRAL_12M, "B", &g, &err), CF_OK);
	assert_int_equal(g.baseline, 2);
	NEAR(g.rows[1].p, erfc(sqrt(4.0 / 3)), 1e-9);
	NEAR(g.rows[1].ratio, 1.5, 1e-12);
	NEAR(g.rows[1].ratio_lo, 0.915961, 1e-5);
	NEAR(g.rows[1].ratio_hi, 2.456437, 1e-5);
	assert_false(g.rows[2].has_p);   /* the baseline is not tested against itself */
	compare_groups_free(&g);
	assert_int_equal(compare_groups(r, 0, K_REREFERRAL_12M, "Z", &g, &err), CF_EINPUT);
	assert_non_null(strstr(err.msg, "A, B, C"));
	cf_error_clear(&err);
	assert_int_equal(compare_groups(r, 0, K_CLA_STARTED, NULL, &g, &err), CF_EUSAGE);   /* a count */
	unfake(r);
}

/* 2022-23: 20 of 100; 2023-24: 30 of 100. Change +10 points, Newcombe's
 * interval from the two Wilson intervals: -2.02 to 21.67. */
static void two_periods(void **state)
{
	(void)state;
	static const double nd[2][4][2] = { { { 20, 100 }, { 20, 100 }, { 0, 0 }, { 0, 0 } },
					    { { 30, 100 }, { 30, 100 }, { 0, 0 }, { 0, 0 } } };
	struct kpi_result *r = fake(2, nd);
	struct compare_periods_result c;
	struct cf_error err;
	cf_error_clear(&err);
	assert_int_equal(compare_periods(r, 0, 1, K_REREFERRAL_12M, &c, &err), CF_OK);
	NEAR(c.difference, 10, 1e-9);
	NEAR(c.diff_lo, -2.024936, 1e-5);
	NEAR(c.diff_hi, 21.673435, 1e-5);
	NEAR(c.after.p, erfc(sqrt(4.0 / 3)), 1e-9);
	unfake(r);
}

/* A monthly series on the line 10 + 0.5t, which steps up 3 and turns 0.2 a
 * month steeper from month 6: the fit recovers each term exactly. */
static void segmented(void **state)
{
	(void)state;
	enum { N = 12 };
	struct kpi_result *r = calloc(1, sizeof *r);
	r->nperiods = N;
	r->periods = calloc(N, sizeof *r->periods);
	r->ngroups = 1;
	r->cells = calloc((size_t)N * K_N, sizeof *r->cells);
	for (int t = 0; t < N; t++) {
		kpi_period_month(2023, 1 + t, &r->periods[t]);
		struct kpi_cell *c = &r->cells[(size_t)t * K_N + K_REREFERRAL_12M];
		c->has_value = 1;
		c->value = 10 + 0.5 * t + (t >= 6 ? 3 + 0.2 * (t - 6) : 0);
	}
	struct compare_change_result c;
	struct cf_error err;
	cf_error_clear(&err);
	assert_int_equal(compare_change(r, K_REREFERRAL_12M, cf_date_from_ymd(2023, 7, 1), &c, &err), CF_OK);
	assert_int_equal(c.nmonths, 12);
	assert_int_equal(c.nbefore, 6);
	assert_string_equal(c.change_month, "2023-07");
	NEAR(c.level, 10, 1e-9), NEAR(c.slope, 0.5, 1e-9), NEAR(c.step, 3, 1e-9), NEAR(c.turn, 0.2, 1e-9);
	/* two months after the change is too few */
	assert_int_equal(compare_change(r, K_REREFERRAL_12M, cf_date_from_ymd(2023, 11, 1), &c, &err), CF_EUSAGE);
	free(r->cells);
	free(r->periods);
	free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(groups_against_the_rest),
		cmocka_unit_test(groups_against_a_baseline),
		cmocka_unit_test(two_periods),
		cmocka_unit_test(segmented),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
