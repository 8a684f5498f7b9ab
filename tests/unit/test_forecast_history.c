/* The aggregate forecasts of caseflow calibrate, worked by hand
 * (forecast/forecast_history.h), and the calibration tables on councils
 * whose figures never move. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "forecast/forecast.h"

static void blank(struct history_series *s)
{
	memset(s, 0, sizeof *s);
	strcpy(s->la_code, "999");
	s->first_year = 2012, s->nyears = HISTORY_MAX_YEARS;
	for (int i = 0; i < HISTORY_MAX_YEARS; i++)
		s->stock[i] = s->starts[i] = s->ceased[i] = s->population[i] = NAN;
}
#define Y(y) ((y) - 2012)

/* 2020: 96 in care; 2021: 100; 2022: 110, with 40 started, 30 ceased and
 * 10,000 children in the year ending 31 March 2022. */
static void worked_council(struct history_series *s)
{
	blank(s);
	s->stock[Y(2020)] = 96, s->stock[Y(2021)] = 100, s->stock[Y(2022)] = 110;
	s->starts[Y(2022)] = 40, s->ceased[Y(2022)] = 30, s->population[Y(2022)] = 10000;
}

static void test_last(void **state)
{
	(void)state;
	struct history_series s;
	worked_council(&s);
	assert_float_equal(history_forecast(&s, HISTORY_CLA, HISTORY_LAST, 2022, 1), 110, 1e-9);
	assert_float_equal(history_forecast(&s, HISTORY_CLA, HISTORY_LAST, 2022, 3), 110, 1e-9);
	assert_true(isnan(history_forecast(&s, HISTORY_CLA, HISTORY_LAST, 2023, 1)));
}

static void test_trend(void **state)
{
	(void)state;
	struct history_series s;
	worked_council(&s);
	/* three points at x = -2, -1, 0: mean 102, slope ((-1)(-6) + (1)(8)) / 2 = 7,
	 * so a year on: 102 + 7 * (1 - (-1)) = 116; two years on 123 */
	assert_float_equal(history_forecast(&s, HISTORY_CLA, HISTORY_TREND, 2022, 1), 116, 1e-9);
	assert_float_equal(history_forecast(&s, HISTORY_CLA, HISTORY_TREND, 2022, 2), 123, 1e-9);
	/* two points (2020 unknown): 100 then 110, so 120 a year on */
	s.stock[Y(2020)] = NAN;
	assert_float_equal(history_forecast(&s, HISTORY_CLA, HISTORY_TREND, 2022, 1), 120, 1e-9);
	/* one point is no trend */
	s.stock[Y(2021)] = NAN;
	assert_true(isnan(history_forecast(&s, HISTORY_CLA, HISTORY_TREND, 2022, 1)));
	/* a falling line stops at zero */
	blank(&s);
	s.stock[Y(2021)] = 10, s.stock[Y(2022)] = 2;
	assert_float_equal(history_forecast(&s, HISTORY_CLA, HISTORY_TREND, 2022, 1), 0, 1e-9);
}

static void test_stock_flow(void **state)
{
	(void)state;
	struct history_series s;
	worked_council(&s);
	/* entry: 40 / 10,000 children, so 40 a year with the population flat;
	 * exit: 30 / (100 + 40) = 3/14 of those at risk.
	 * a year on:  110 + 40 - (3/14)(150)        = 117.857142857...
	 * two years:  117.857 + 40 - (3/14)(157.857) = 124.030612244... */
	assert_float_equal(history_forecast(&s, HISTORY_CLA, HISTORY_STOCK_FLOW, 2022, 1), 110 + 40 - 150.0 * 3 / 14, 1e-9);
	double one = 110 + 40 - 150.0 * 3 / 14;
	assert_float_equal(history_forecast(&s, HISTORY_CLA, HISTORY_STOCK_FLOW, 2022, 2),
			   (one + 40) * (1 - 3.0 / 14), 1e-9);
	assert_float_equal(history_forecast(&s, HISTORY_CLA, HISTORY_STOCK_FLOW, 2022, 2), 124.030612244898, 1e-9);
	/* referrals have no stock to flow */
	assert_true(isnan(history_forecast(&s, HISTORY_REFERRALS, HISTORY_STOCK_FLOW, 2022, 1)));
	/* no figure a year before the cut-off: no exit rate */
	s.stock[Y(2021)] = NAN;
	assert_true(isnan(history_forecast(&s, HISTORY_CLA, HISTORY_STOCK_FLOW, 2022, 1)));
}

static void test_names(void **state)
{
	(void)state;
	enum history_measure m;
	assert_int_equal(history_measure_parse("referrals", &m), 0);
	assert_int_equal(m, HISTORY_REFERRALS);
	assert_int_equal(history_measure_parse("cla", &m), 0);
	assert_int_equal(m, HISTORY_CLA);
	assert_int_equal(history_measure_parse("CLA", &m), -1);
	assert_string_equal(history_method_name(HISTORY_STOCK_FLOW), "stock-flow");
}

/* Councils whose figures never move: every method is exact, every band
 * holds, and the drift table finds no change. */
static void test_calibrate_steady(void **state)
{
	(void)state;
	enum { N = 60 };
	static struct history_series v[N];
	for (int i = 0; i < N; i++) {
		blank(&v[i]);
		snprintf(v[i].la_code, sizeof v[i].la_code, "%03d", 100 + i);
		double stock = 50 + 10 * i, flow = stock / 2;
		for (int y = Y(2016); y <= Y(2025); y++) {
			v[i].stock[y] = stock;
			v[i].starts[y] = flow;
			/* ceased = exit rate x (stock a year before + started) = flow */
			v[i].ceased[y] = flow;
			v[i].population[y] = 100 * stock;
		}
	}
	struct cf_table *t[2];
	struct cf_error err;
	cf_error_clear(&err);
	assert_int_equal(history_calibrate(v, N, HISTORY_CLA, 2, t, &err), 0);
	int method = cf_table_column(t[0], "method"), mape = cf_table_column(t[0], "mean_abs_error_pct");
	int cov = cf_table_column(t[0], "band90_coverage_pct"), size = cf_table_column(t[0], "council_size");
	int nfc = cf_table_column(t[0], "forecasts");
	assert_true(method >= 0 && mape >= 0 && cov >= 0 && size >= 0 && nfc >= 0);
	/* 4 methods x 2 horizons x (3 size bands + all) */
	assert_int_equal((int)t[0]->nrows, 4 * 2 * 4);
	for (size_t r = 0; r < t[0]->nrows; r++) {
		const struct cf_cell *c = cf_table_cell_const(t[0], r, mape);
		assert_int_equal(c->type, CF_CELL_REAL);
		assert_float_equal(c->v.d, 0, 1e-9);
		c = cf_table_cell_const(t[0], r, cov);
		if (c->type == CF_CELL_REAL)
			assert_float_equal(c->v.d, 100, 1e-9);
	}
	/* the "all" row of last, one year ahead: 60 councils x cut-offs 2016..2024 */
	const struct cf_cell *c = cf_table_cell_const(t[0], 3, nfc);
	assert_string_equal(cf_table_cell_const(t[0], 3, size)->v.s, "all");
	assert_int_equal(c->v.i, 60 * 9);
	int drift = cf_table_column(t[1], "sd_yearly_change_pct");
	assert_true(t[1]->nrows > 0);
	for (size_t r = 0; r < t[1]->nrows; r++)
		assert_float_equal(cf_table_cell_const(t[1], r, drift)->v.d, 0, 1e-9);
	cf_table_free(t[0]);
	cf_table_free(t[1]);
}

/* The blend's weight, worked backwards: 40 councils whose every year ends
 * at last x (stock-flow / last)^0.5 exactly, so ln(actual / last) is half
 * of ln(stock-flow / last) for every forecast a year ahead and the fitted
 * slope is 0.5. Stock-flow needs the year before, so the first forecasts
 * are from 2017 and come true in 2018: from cut-off 2018, 40 are known
 * (the blend learns), at 2017 none (it is the last value, weight 0). */
static void test_blend_weight(void **state)
{
	(void)state;
	enum { N = 40 };
	static struct history_series v[N];
	for (int i = 0; i < N; i++) {
		blank(&v[i]);
		v[i].stock[Y(2016)] = 100 + 7 * i;
		v[i].stock[Y(2017)] = 110 + 5 * i;
		for (int y = Y(2016); y <= Y(2025); y++) {
			v[i].starts[y] = 30 + (i * 7 + y * 3) % 20;
			v[i].ceased[y] = 25 + (i * 3 + y * 5) % 20;
			v[i].population[y] = 10000 + 100 * i;
		}
		for (int y = Y(2017); y < Y(2025); y++) {
			double sf = history_forecast(&v[i], HISTORY_CLA, HISTORY_STOCK_FLOW, 2012 + y, 1);
			v[i].stock[y + 1] = v[i].stock[y] * sqrt(sf / v[i].stock[y]);
		}
	}
	assert_float_equal(history_blend_weight(v, N, HISTORY_CLA, 2018, 1), 0.5, 1e-9);
	assert_float_equal(history_blend_weight(v, N, HISTORY_CLA, 2024, 1), 0.5, 1e-9);
	assert_float_equal(history_blend_weight(v, N, HISTORY_CLA, 2017, 1), 0, 0);
	assert_float_equal(history_blend_weight(v, N, HISTORY_REFERRALS, 2024, 1), 0, 0);
	assert_string_equal(history_method_name(HISTORY_BLEND), "blend");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_last),
		cmocka_unit_test(test_trend),
		cmocka_unit_test(test_stock_flow),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_calibrate_steady),
		cmocka_unit_test(test_blend_weight),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
