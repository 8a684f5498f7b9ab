/* base/stats against published values: Newcombe's (1998) Wilson intervals,
 * Garwood's exact Poisson limits, the chi-square and t tables, Holm's
 * adjustment and a least-squares fit worked by hand. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "base/stats.h"

#define NEAR(a, b, tol) assert_true(fabs((a) - (b)) <= (tol))

/* Newcombe, Statistics in Medicine 17 (1998) 857-872, Table I, method 3 */
static void wilson_newcombe(void **state)
{
	(void)state;
	double lo, hi;
	stats_wilson(81, 263, STATS_Z95, &lo, &hi);
	NEAR(lo, 0.2553, 5e-5), NEAR(hi, 0.3662, 5e-5);
	stats_wilson(15, 148, STATS_Z95, &lo, &hi);
	NEAR(lo, 0.0624, 5e-5), NEAR(hi, 0.1605, 5e-5);
	stats_wilson(0, 20, STATS_Z95, &lo, &hi);
	NEAR(lo, 0.0, 1e-12), NEAR(hi, 0.1611, 5e-5);
	stats_wilson(1, 29, STATS_Z95, &lo, &hi);
	NEAR(lo, 0.0061, 5e-5), NEAR(hi, 0.1718, 5e-5);
	stats_wilson(0, 0, STATS_Z95, &lo, &hi);
	NEAR(lo, 0, 0), NEAR(hi, 1, 0);
}

/* Wilson's 95% interval, z = 1.96, z² = 3.8415:
 * p 0.9, n 10: centre (0.9 + 0.19207) / 1.38415 = 0.78898, half
 * 1.96 / 1.38415 · sqrt(0.009 + 0.0096037) = 0.19314: 0.59585 to 0.98212.
 * p 1, n 1 (one cut-off, all inside): centre 2.92 / 4.84 = 0.6033, half
 * 0.39673: 0.20655 to 1. p 0.5, n 24: 0.31427 to 0.68573. */
static void wilson_by_hand(void **state)
{
	(void)state;
	double lo, hi;
	stats_wilson(9, 10, STATS_Z95, &lo, &hi);
	assert_true(fabs(lo - 0.59585) < 1e-5 && fabs(hi - 0.98212) < 1e-5);
	stats_wilson(1, 1, STATS_Z95, &lo, &hi);
	assert_true(fabs(lo - 0.20655) < 1e-5 && hi == 1);
	stats_wilson(12, 24, STATS_Z95, &lo, &hi);
	assert_true(fabs(lo - 0.31427) < 1e-5 && fabs(hi - 0.68573) < 1e-5);
	stats_wilson(0, 0, STATS_Z95, &lo, &hi);
	assert_true(lo == 0 && hi == 1);
}

/* Garwood's 95% limits for a Poisson count (the usual table) */
static void poisson_garwood(void **state)
{
	(void)state;
	double lo, hi;
	stats_poisson_exact(0, 0.05, &lo, &hi);
	NEAR(lo, 0, 0), NEAR(hi, 3.689, 5e-4);   /* -ln 0.025 */
	stats_poisson_exact(1, 0.05, &lo, &hi);
	NEAR(lo, 0.0253, 5e-4), NEAR(hi, 5.572, 5e-4);
	stats_poisson_exact(10, 0.05, &lo, &hi);
	NEAR(lo, 4.795, 5e-4), NEAR(hi, 18.390, 5e-4);
}

static void chi2_table(void **state)
{
	(void)state;
	NEAR(stats_chi2_quantile(0.95, 1), 3.841459, 1e-5);
	NEAR(stats_chi2_quantile(0.95, 10), 18.307038, 1e-5);
	NEAR(stats_chi2_quantile(0.025, 20), 9.590777, 1e-5);
	NEAR(stats_chi2_sf(3.841459, 1), 0.05, 1e-6);
	NEAR(stats_chi2_sf(12.5, 2), exp(-6.25), 1e-12);   /* df 2: the tail is exp(-x/2) */
	NEAR(stats_chi2_sf(0, 3), 1, 0);
	NEAR(stats_gamma_p(1, 2), 1 - exp(-2), 1e-12);
}

static void t_table(void **state)
{
	(void)state;
	NEAR(stats_t_quantile(0.975, 10), 2.228139, 1e-5);
	NEAR(stats_t_quantile(0.975, 1), 12.706205, 1e-4);
	NEAR(stats_t_quantile(0.975, 30), 2.042272, 1e-5);
	NEAR(stats_t_quantile(0.025, 10), -2.228139, 1e-5);
	NEAR(stats_t_two_sided_p(2.228139, 10), 0.05, 1e-6);
	NEAR(stats_beta_i(2, 3, 0.4), 0.5248, 1e-12);   /* 1 - (0.6^4 + 4(0.4)(0.6^3)) */
}

/* 10 of 100 against 20 of 100: pooled 0.15, expected 15 and 85 in each row,
 * chi-square = 2 (25/15 + 25/85) = 3.9216 on 1 df */
static void chi2_tests(void **state)
{
	(void)state;
	double x[2] = { 10, 20 }, n[2] = { 100, 100 };
	int df;
	NEAR(stats_chi2_proportions(x, n, 2, &df), 2 * (25.0 / 15 + 25.0 / 85), 1e-12);
	assert_int_equal(df, 1);
	/* counts 30 and 10 over exposures 1000 and 1000: expected 20 each, (100 + 100) / 20 = 10 */
	double c[2] = { 30, 10 }, e[2] = { 1000, 1000 };
	NEAR(stats_chi2_rates(c, e, 2, &df), 10, 1e-12);
	/* a group with no denominator is left out of the degrees of freedom */
	double x3[3] = { 10, 20, 0 }, n3[3] = { 100, 100, 0 };
	stats_chi2_proportions(x3, n3, 3, &df);
	assert_int_equal(df, 1);
}

/* p 0.01, 0.04, 0.03, 0.005 → sorted 0.005×4 = 0.02, 0.01×3 = 0.03,
 * 0.03×2 = 0.06, 0.04×1 = 0.04 raised to 0.06 (never below a smaller p's) */
static void holm(void **state)
{
	(void)state;
	double p[4] = { 0.01, 0.04, 0.03, 0.005 }, adj[4];
	assert_int_equal(stats_holm(p, adj, 4), 0);
	NEAR(adj[0], 0.03, 1e-12), NEAR(adj[1], 0.06, 1e-12), NEAR(adj[2], 0.06, 1e-12), NEAR(adj[3], 0.02, 1e-12);
	double big[2] = { 0.6, 0.7 };
	stats_holm(big, big, 2);
	NEAR(big[0], 1, 0), NEAR(big[1], 1, 0);
}

/* y = 2, 4, 5, 4, 5 on x = 1..5: slope 6/10 = 0.6, intercept 4 - 0.6·3 = 2.2,
 * residuals -0.8 0.6 1.0 -0.6 -0.2, RSS 2.4, s² = 0.8, se(slope) =
 * sqrt(0.8 / 10), se(intercept) = sqrt(0.8 (1/5 + 9/10)) */
static void ols_by_hand(void **state)
{
	(void)state;
	double X[10] = { 1, 1, 1, 2, 1, 3, 1, 4, 1, 5 }, y[5] = { 2, 4, 5, 4, 5 }, b[2], se[2], s2;
	assert_int_equal(stats_ols(X, y, 5, 2, b, se, &s2), 0);
	NEAR(b[0], 2.2, 1e-12), NEAR(b[1], 0.6, 1e-12), NEAR(s2, 0.8, 1e-12);
	NEAR(se[1], sqrt(0.08), 1e-12), NEAR(se[0], sqrt(0.88), 1e-12);
	double Xs[6] = { 1, 1, 1, 1, 1, 1 };   /* two equal columns: singular */
	assert_int_equal(stats_ols(Xs, y, 3, 2, b, se, &s2), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(wilson_newcombe), cmocka_unit_test(wilson_by_hand), cmocka_unit_test(poisson_garwood), cmocka_unit_test(chi2_table),
		cmocka_unit_test(t_table),         cmocka_unit_test(chi2_tests),      cmocka_unit_test(holm),
		cmocka_unit_test(ols_by_hand),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
