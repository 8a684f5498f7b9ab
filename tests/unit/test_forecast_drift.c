/* Rate drift in the forecast's bands: the shipped constants are what
 * calibrate's fit gives on the tables built into the binary, a council's
 * size picks its band, and one run's drift is a mean-one random walk in
 * ln(rate), a step a year, splitting the schedule at each year's start. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "forecast/forecast.h"
#include "forecast/forecast_drift.h"
#include "store/bundled.h"

/* history_drift_fit on the bundled children-looked-after table (counts,
 * with ONS's population for the year before) gives the constants the
 * forecast ships, to the six decimals they are written with. */
static void constants_match_bundled_history(void **state)
{
	(void)state;
	char path[] = "/tmp/cf-test-drift-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	unlink(path);
	struct store *st;
	struct cf_error err;
	cf_error_clear(&err);
	assert_int_equal(store_open(&st, path, 0, &err), CF_OK);
	int loaded = 0;
	assert_int_equal(store_load_bundled(st, &loaded, &err), CF_OK);
	assert_true(loaded > 0);
	struct history_series *v = NULL;
	int n = 0;
	assert_int_equal(history_load(st, HISTORY_CLA, &v, &n, &err), CF_OK);
	store_close(st);
	unlink(path);
	struct history_drift d;
	history_drift_fit(v, n, HISTORY_CLA, &d);
	free(v);
	assert_true(n >= 150);
	assert_true(fabs(d.cuts[0] - fc_drift_cuts[0]) < 1e-9);
	assert_true(fabs(d.cuts[1] - fc_drift_cuts[1]) < 1e-9);
	for (int b = 0; b < 3; b++) {
		assert_true(d.rows[0][b].pairs >= 100);
		assert_true(d.rows[1][b].pairs >= 100);
		if (fabs(d.rows[0][b].drift_sd - fc_drift_by_size[b].entry) > 1e-6 ||
		    fabs(d.rows[1][b].drift_sd - fc_drift_by_size[b].exit) > 1e-6)
			fail_msg("size band %d: history gives entry %.6f exit %.6f, forecast_drift.c has %.6f %.6f", b,
				 d.rows[0][b].drift_sd, d.rows[1][b].drift_sd, fc_drift_by_size[b].entry,
				 fc_drift_by_size[b].exit);
	}
}

static void size_bands(void **state)
{
	(void)state;
	assert_int_equal(fc_drift_size_band(0), 0);
	assert_int_equal(fc_drift_size_band(351), 0);
	assert_int_equal(fc_drift_size_band(352), 1);
	assert_int_equal(fc_drift_size_band(577), 1);
	assert_int_equal(fc_drift_size_band(578), 2);
	assert_true(fc_drift_for(100).entry == fc_drift_by_size[0].entry);
	assert_true(fc_drift_for(5000).exit == fc_drift_by_size[2].exit);
}

/* 800 days: pieces from days 1, 366 and 731 (three forecast years); a
 * scenario-free schedule's one piece becomes three. Within a year every
 * day's entry multiplier is the same and every state's exit rate is
 * scaled by the same factor; with sd 0 nothing changes. */
static void drift_splits_years(void **state)
{
	(void)state;
	struct fc_rates r;
	memset(&r, 0, sizeof r);
	r.nrate = FC_NSTATES;
	int a = FC_STATE(2, FC_FOSTERING), b = FC_STATE(4, FC_RESIDENTIAL);
	r.exit[a] = 0.002, r.exit[b] = 0.004, r.move[a][b] = 0.001, r.entry[a] = 0.5;
	struct fc_schedule s;
	struct cf_error err;
	struct cf_rng rng;
	cf_rng_seed(&rng, 7, 0);
	assert_int_equal(fc_schedule_build(&r, NULL, NULL, 0, 800, &s, &err), CF_OK);
	assert_int_equal(fc_schedule_drift(&s, (struct fc_drift_sd){ 0, 0 }, &rng, &err), CF_OK);
	assert_int_equal(s.npieces, 3);
	assert_int_equal(s.first_day[1], 366);
	assert_int_equal(s.first_day[2], 731);
	for (int p = 0; p < 3; p++)
		assert_true(s.rates[p].exit[a] == 0.002 && s.rates[p].exit[b] == 0.004);
	for (int t = 1; t <= 800; t++)
		assert_true(s.entry_mult[t] == 1.0);
	fc_schedule_release(&s);

	assert_int_equal(fc_schedule_build(&r, NULL, NULL, 0, 800, &s, &err), CF_OK);
	assert_int_equal(fc_schedule_drift(&s, (struct fc_drift_sd){ 0.2, 0.1 }, &rng, &err), CF_OK);
	assert_int_equal(s.npieces, 3);
	for (int p = 0; p < 3; p++) {
		double k = s.rates[p].exit[a] / 0.002;
		assert_true(fabs(s.rates[p].exit[b] / 0.004 - k) < 1e-12);
		assert_true(s.rates[p].move[a][b] == 0.001);   /* moves do not drift */
		assert_true(k != 1.0);
	}
	for (int t = 2; t <= 800; t++)
		if (t != 366 && t != 731)
			assert_true(s.entry_mult[t] == s.entry_mult[t - 1]);
	assert_true(s.entry_mult[366] != s.entry_mult[365]);
	fc_schedule_release(&s);
}

/* Over many runs the multipliers have mean 1 (the drift widens, it does
 * not move the mean) and a year's step in ln has sd as given: with sd 0.2,
 * year 2's multiplier exp(z1 + z2 − 2·0.02) has mean 1 and sd
 * sqrt(exp(0.08) − 1) = 0.2899; ln(year 2 / year 1) has sd 0.2. Over
 * 20,000 draws the mean's standard error is 0.002, so 0.01 is 5 of them. */
static void drift_is_mean_one_random_walk(void **state)
{
	(void)state;
	struct fc_rates r;
	memset(&r, 0, sizeof r);
	r.nrate = FC_NSTATES;
	r.exit[0] = 0.001, r.entry[0] = 1;
	struct cf_rng rng;
	cf_rng_seed(&rng, 11, 0);
	struct cf_error err;
	double sum2 = 0, sumsq2 = 0, step = 0, stepsq = 0, xsum = 0;
	int n = 20000;
	for (int i = 0; i < n; i++) {
		struct fc_schedule s;
		assert_int_equal(fc_schedule_build(&r, NULL, NULL, 0, 730, &s, &err), CF_OK);
		assert_int_equal(fc_schedule_drift(&s, (struct fc_drift_sd){ 0.2, 0.05 }, &rng, &err), CF_OK);
		double m1 = s.entry_mult[1], m2 = s.entry_mult[400];
		sum2 += m2, sumsq2 += m2 * m2;
		double l = log(m2 / m1);
		step += l, stepsq += l * l;
		xsum += s.rates[1].exit[0] / 0.001;
		fc_schedule_release(&s);
	}
	double mean2 = sum2 / n, sd2 = sqrt(sumsq2 / n - mean2 * mean2);
	double sdstep = sqrt(stepsq / n - (step / n) * (step / n));
	assert_true(fabs(mean2 - 1) < 0.01);
	assert_true(fabs(sd2 - 0.2899) < 0.01);
	assert_true(fabs(sdstep - 0.2) < 0.005);
	assert_true(fabs(xsum / n - 1) < 0.005);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(constants_match_bundled_history),
		cmocka_unit_test(size_bands),
		cmocka_unit_test(drift_splits_years),
		cmocka_unit_test(drift_is_mean_one_random_walk),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
