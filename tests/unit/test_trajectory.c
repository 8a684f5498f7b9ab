/* Trajectories worked by hand: the programme's 684 -> 519 children in care
 * over 60 months (72.5 -> 55.7 per 10,000), linear and geometric; month
 * stepping; RAG with polarity; storage; actuals only where there are data. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "indicators/trajectory.h"

static cf_date ymd(int y, int m, int d) { return cf_date_from_ymd(y, m, d); }

static struct trajectory path(double from, double to, enum traj_shape shape)
{
	struct trajectory t;
	memset(&t, 0, sizeof t);
	snprintf(t.name, sizeof t.name, "cla");
	snprintf(t.indicator, sizeof t.indicator, "cla_31mar");
	t.from = ymd(2024, 3, 31);
	t.to = ymd(2029, 3, 31);
	t.from_value = from;
	t.to_value = to;
	t.shape = shape;
	t.tolerance_pct = 5;
	return t;
}

static double at_month(const struct trajectory *t, int k)
{
	return trajectory_value_at(t, trajectory_month(t->from, k));
}

/* Linear: (519 - 684) / 60 = -2.75 children a month, so month k is 684 - 2.75k. */
static void linear_684_to_519(void **state)
{
	(void)state;
	struct trajectory t = path(684, 519, TRAJ_LINEAR);
	assert_true(fabs(at_month(&t, 0) - 684) < 1e-9);
	assert_true(fabs(at_month(&t, 1) - 681.25) < 1e-9);     /* 30 April 2024 */
	assert_true(fabs(at_month(&t, 12) - 651) < 1e-9);       /* 31 March 2025: 684 - 33 */
	assert_true(fabs(at_month(&t, 30) - 601.5) < 1e-9);     /* 30 September 2026: 684 - 82.5 */
	assert_true(fabs(at_month(&t, 59) - 521.75) < 1e-9);    /* 28 February 2029 */
	assert_true(fabs(at_month(&t, 60) - 519) < 1e-9);
	/* per 10,000: (55.7 - 72.5) / 60 = -0.28 a month */
	struct trajectory r = path(72.5, 55.7, TRAJ_LINEAR);
	assert_true(fabs(at_month(&r, 12) - 69.14) < 1e-9);
	assert_true(fabs(at_month(&r, 30) - 64.1) < 1e-9);
}

/* Geometric: a constant factor q = (519/684)^(1/60) = 0.99541 a month
 * (ln(519/684) = -0.276054, /60 = -0.0046009, e^ = 0.9954097).
 * Month 1: 684q = 680.860; month 12: 684 e^(12 x -0.0046009) = 684 x 0.9462857
 * = 647.259; month 30 is the geometric mean sqrt(684 x 519) = sqrt(354996) = 595.815. */
static void geometric_684_to_519(void **state)
{
	(void)state;
	struct trajectory t = path(684, 519, TRAJ_GEOMETRIC);
	assert_true(fabs(at_month(&t, 0) - 684) < 1e-9);
	assert_true(fabs(at_month(&t, 1) - 680.860) < 1e-3);
	assert_true(fabs(at_month(&t, 12) - 647.259) < 1e-3);
	assert_true(fabs(at_month(&t, 30) - 595.815) < 1e-3);
	assert_true(fabs(at_month(&t, 60) - 519) < 1e-9);
	/* each month is q times the last */
	double q = at_month(&t, 1) / 684;
	for (int k = 1; k <= 60; k++)
		assert_true(fabs(at_month(&t, k) / at_month(&t, k - 1) - q) < 1e-12);
	/* per 10,000: month 30 = sqrt(72.5 x 55.7) = sqrt(4038.25) = 63.547 */
	struct trajectory r = path(72.5, 55.7, TRAJ_GEOMETRIC);
	assert_true(fabs(at_month(&r, 30) - 63.547) < 1e-3);
}

static void month_steps(void **state)
{
	(void)state;
	/* from a month end: every later month end */
	assert_int_equal(trajectory_month(ymd(2024, 3, 31), 1), ymd(2024, 4, 30));
	assert_int_equal(trajectory_month(ymd(2024, 4, 30), 1), ymd(2024, 5, 31));
	assert_int_equal(trajectory_month(ymd(2024, 1, 31), 1), ymd(2024, 2, 29));
	assert_int_equal(trajectory_month(ymd(2024, 3, 31), 60), ymd(2029, 3, 31));
	/* from mid-month: the same day */
	assert_int_equal(trajectory_month(ymd(2024, 3, 15), 1), ymd(2024, 4, 15));
	assert_true(fabs(trajectory_months_between(ymd(2024, 3, 31), ymd(2029, 3, 31)) - 60) < 1e-12);
	/* half of April 2024's 30 days */
	assert_true(fabs(trajectory_months_between(ymd(2024, 3, 31), ymd(2024, 4, 15)) - 0.5) < 1e-12);
}

static void rag_with_polarity(void **state)
{
	(void)state;
	/* lower is better, tolerance 5%: above target by <= 5 green, <= 10 amber, beyond red */
	assert_int_equal(trajectory_rag(100, 90, POL_LOWER_BETTER, 5), RAG_GREEN);
	assert_int_equal(trajectory_rag(100, 105, POL_LOWER_BETTER, 5), RAG_GREEN);
	assert_int_equal(trajectory_rag(100, 107, POL_LOWER_BETTER, 5), RAG_AMBER);
	assert_int_equal(trajectory_rag(100, 110, POL_LOWER_BETTER, 5), RAG_AMBER);
	assert_int_equal(trajectory_rag(100, 111, POL_LOWER_BETTER, 5), RAG_RED);
	/* higher is better: below target is the bad side */
	assert_int_equal(trajectory_rag(100, 120, POL_HIGHER_BETTER, 5), RAG_GREEN);
	assert_int_equal(trajectory_rag(100, 96, POL_HIGHER_BETTER, 5), RAG_GREEN);
	assert_int_equal(trajectory_rag(100, 92, POL_HIGHER_BETTER, 5), RAG_AMBER);
	assert_int_equal(trajectory_rag(100, 80, POL_HIGHER_BETTER, 5), RAG_RED);
	/* no polarity: either side */
	assert_int_equal(trajectory_rag(100, 94, POL_NONE, 5), RAG_AMBER);
	assert_int_equal(trajectory_rag(100, 106, POL_NONE, 5), RAG_AMBER);
	assert_int_equal(trajectory_rag(100, NAN, POL_NONE, 5), RAG_NONE);
}

static void bad_paths(void **state)
{
	(void)state;
	struct cf_error err;
	cf_error_clear(&err);
	struct trajectory t = path(684, 0, TRAJ_GEOMETRIC);
	assert_int_equal(trajectory_validate(&t, &err), CF_EINPUT);
	t = path(684, 519, TRAJ_LINEAR);
	t.to = t.from;
	assert_int_equal(trajectory_validate(&t, &err), CF_EINPUT);
	t = path(684, 519, TRAJ_LINEAR);
	snprintf(t.indicator, sizeof t.indicator, "no_such_thing");
	assert_int_equal(trajectory_validate(&t, &err), CF_EINPUT);
	t = path(684, 519, TRAJ_LINEAR);
	t.tolerance_pct = -1;
	assert_int_equal(trajectory_validate(&t, &err), CF_EINPUT);
	t = path(684, 519, TRAJ_LINEAR);
	assert_int_equal(trajectory_validate(&t, &err), CF_OK);
}

/* A stand-in for the indicators engine: values for the first three months only. */
static int three_months(void *ctx, const char *indicator, cf_date month_end, double *value, struct cf_error *err)
{
	(void)err;
	const struct trajectory *t = ctx;
	if (strcmp(indicator, "cla_31mar") != 0 || month_end > trajectory_month(t->from, 2))
		return 0;
	*value = 700;  /* above a falling target: lower is better */
	return 1;
}

static void actuals_only_where_known(void **state)
{
	(void)state;
	struct trajectory t = path(684, 519, TRAJ_LINEAR);
	struct benchmark_local local = { NULL, three_months, &t };
	struct cf_table *sum, *months;
	struct cf_error err;
	cf_error_clear(&err);
	assert_int_equal(trajectory_tables(&t, 1, NULL, &local, &sum, &months, &err), CF_OK);
	assert_int_equal(sum->nrows, 1);
	assert_int_equal(months->nrows, 61);   /* 31 March 2024 .. 31 March 2029 */
	int actual = cf_table_column(months, "actual"), rag = cf_table_column(months, "rag");
	/* month 0: 700 vs 684 is 2.3% over: green; month 2: 700 vs 678.5 is 3.2% over: green */
	assert_int_equal(cf_table_cell(months, 0, actual)->type, CF_CELL_REAL);
	assert_string_equal(cf_table_cell(months, 2, rag)->v.s, "green");
	for (size_t r = 3; r < months->nrows; r++) {
		assert_int_equal(cf_table_cell(months, r, actual)->type, CF_CELL_NULL);
		assert_int_equal(cf_table_cell(months, r, rag)->type, CF_CELL_NULL);
	}
	cf_table_free(sum);
	cf_table_free(months);
}

static void store_keeps_versions(void **state)
{
	(void)state;
	char path_db[] = "/tmp/cf-test-trajectory-XXXXXX";
	int fd = mkstemp(path_db);
	assert_true(fd >= 0);
	close(fd);
	unlink(path_db);
	struct cf_error err;
	cf_error_clear(&err);
	struct store *st;
	assert_int_equal(store_open(&st, path_db, 0, &err), CF_OK);
	setenv("USER", "analyst1", 1);
	struct trajectory a = path(684, 519, TRAJ_LINEAR);
	assert_int_equal(trajectory_save(st, &a, &err), CF_OK);
	struct trajectory b = path(684, 500, TRAJ_GEOMETRIC);
	assert_int_equal(trajectory_save(st, &b, &err), CF_OK);
	struct trajectory *ts;
	int n;
	assert_int_equal(trajectory_list(st, NULL, &ts, &n, &err), CF_OK);
	assert_int_equal(n, 1);
	assert_true(ts[0].to_value == 500 && ts[0].shape == TRAJ_GEOMETRIC);
	assert_string_equal(ts[0].set_by, "analyst1");
	assert_int_equal(ts[0].from, ymd(2024, 3, 31));
	free(ts);
	assert_int_equal(trajectory_list(st, "other", &ts, &n, &err), CF_EINPUT);
	store_close(st);
	unlink(path_db);
	char side[64];
	snprintf(side, sizeof side, "%s-wal", path_db);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path_db);
	unlink(side);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(linear_684_to_519),
		cmocka_unit_test(geometric_684_to_519),
		cmocka_unit_test(month_steps),
		cmocka_unit_test(rag_with_polarity),
		cmocka_unit_test(bad_paths),
		cmocka_unit_test(actuals_only_where_known),
		cmocka_unit_test(store_keeps_versions),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
