/* Forecast model: the daily step on hand-worked cases, cleaning and rate
 * estimation on a tiny episode set, scenario parsing and clamping, and
 * simulation determinism for a seed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "forecast/forecast.h"

static cf_date D(const char *s)
{
	cf_date d;
	assert_int_equal(cf_date_parse(s, strlen(s), &d), 0);
	return d;
}

static struct fc_rates zero_rates(void)
{
	struct fc_rates r;
	memset(&r, 0, sizeof r);
	r.nrate = FC_NSTATES;
	return r;
}

/* One state leaving care at 1% a day: 100 → 99 → 98.01; after n days 100·0.99^n. */
static void step_single_state_draining(void **state)
{
	(void)state;
	struct fc_rates r = zero_rates();
	int s = FC_STATE(3, FC_FOSTERING);
	r.exit[s] = 0.01;
	struct fc_schedule sched;
	struct cf_error err;
	assert_int_equal(fc_schedule_build(&r, NULL, NULL, 0, 30, &sched, &err), CF_OK);
	double stock0[FC_NSTATES] = { 0 }, *out = malloc(31 * FC_NSTATES * sizeof *out);
	stock0[s] = 100;
	fc_project(&sched, stock0, out);
	assert_float_equal(out[1 * FC_NSTATES + s], 99, 1e-12);
	assert_float_equal(out[2 * FC_NSTATES + s], 98.01, 1e-12);
	assert_float_equal(out[30 * FC_NSTATES + s], 100 * pow(0.99, 30), 1e-9);
	double total = 0;
	for (int i = 0; i < FC_NSTATES; i++)
		total += out[30 * FC_NSTATES + i];
	assert_float_equal(total, out[30 * FC_NSTATES + s], 1e-12);   /* nobody went anywhere else */
	free(out);
	fc_schedule_release(&sched);
}

/* Ageing 5-10 → 10-16 at 10% a day: (100, 0) → (90, 10) → (81, 19). */
static void step_ageing_between_bands(void **state)
{
	(void)state;
	struct fc_rates r = zero_rates();
	int a = FC_STATE(2, FC_RESIDENTIAL), b = FC_STATE(3, FC_RESIDENTIAL);
	r.move[a][b] = 0.1;
	double now[FC_NSTATES] = { 0 }, next[FC_NSTATES], after[FC_NSTATES];
	now[a] = 100;
	fc_step(&r, 1, now, next);
	assert_float_equal(next[a], 90, 1e-12);
	assert_float_equal(next[b], 10, 1e-12);
	fc_step(&r, 1, next, after);
	assert_float_equal(after[a], 81, 1e-12);
	assert_float_equal(after[b], 19, 1e-12);
}

/* Entrants into an empty system: 2 a day, half leave each day:
 * 0 → 2 → 3 → 3.5 → 3.75, tending to 4. Without exits, 2 a day for 10 days is 20. */
static void step_entrants_into_empty_system(void **state)
{
	(void)state;
	struct fc_rates r = zero_rates();
	int s = FC_STATE(4, FC_SUPPORTED);
	r.entry[s] = 2;
	r.exit[s] = 0.5;
	double x[FC_NSTATES] = { 0 }, y[FC_NSTATES];
	const double want[] = { 2, 3, 3.5, 3.75 };
	for (int t = 0; t < 4; t++) {
		fc_step(&r, 1, x, y);
		assert_float_equal(y[s], want[t], 1e-12);
		memcpy(x, y, sizeof x);
	}
	r.exit[s] = 0;
	memset(x, 0, sizeof x);
	for (int t = 0; t < 10; t++) {
		fc_step(&r, 1, x, y);
		memcpy(x, y, sizeof x);
	}
	assert_float_equal(x[s], 20, 1e-12);
	fc_step(&r, 0.5, x, y);   /* an entrants profile scales them */
	assert_float_equal(y[s], 21, 1e-12);
}

/* A tiny authority (cla_data built by hand). */
struct tiny {
	struct cla_data cla;
	struct cla_child kids[8];
	struct cla_episode eps[16];
};

static void add_episode(struct tiny *t, const char *start, const char *end, const char *rne, const char *place)
{
	struct cla_episode *e = &t->eps[t->cla.neps++];
	memset(e, 0, sizeof *e);
	e->start = D(start);
	e->end = end ? D(end) : CF_DATE_NONE;
	e->child = (int)t->cla.nchildren - 1;
	snprintf(e->rne, sizeof e->rne, "%s", rne);
	snprintf(e->place, sizeof e->place, "%s", place);
	snprintf(e->provider, sizeof e->provider, "PR1");
	t->kids[t->cla.nchildren - 1].n++;
}

static void add_child(struct tiny *t, const char *dob)
{
	struct cla_child *c = &t->kids[t->cla.nchildren++];
	memset(c, 0, sizeof *c);
	c->id = "x";
	c->dob = D(dob);
	c->first = (int)t->cla.neps;
}

/* Window 1–10 January 2024; children aged 8 (5-10):
 *   A fostered from 1 Dec, leaves 5 Jan;  B fostered from 1 Dec, still there;
 *   C fostered from 1 Dec, moves to residential (K2) on 8 Jan;
 *   D enters foster care on 3 Jan.
 * Fostering stock at the end of each day: 31 Dec–2 Jan 3, 3–4 Jan 4,
 * 5–7 Jan 3, 8–10 Jan 2. Exit rate = (1/4) / 10 days, move rate = (1/3) /
 * 10, entrants 1 / 10 days. */
static void tiny_build(struct tiny *t)
{
	memset(t, 0, sizeof *t);
	t->cla.children = t->kids;
	t->cla.eps = t->eps;
	t->cla.years[0] = 2024;
	t->cla.nyears = 1;
	add_child(t, "2015-06-01");
	add_episode(t, "2023-12-01", "2024-01-05", "S", "U4");
	add_child(t, "2015-06-01");
	add_episode(t, "2023-12-01", NULL, "S", "U4");
	add_child(t, "2015-06-01");
	add_episode(t, "2023-12-01", "2024-01-08", "S", "U4");
	add_episode(t, "2024-01-08", NULL, "P", "K2");
	add_child(t, "2015-06-01");
	add_episode(t, "2024-01-03", NULL, "S", "U5");
}

static void rates_on_tiny_episode_set(void **state)
{
	(void)state;
	struct tiny t;
	tiny_build(&t);
	struct fc_placemap map;
	fc_placemap_default(&map);
	struct fc_history h;
	struct cf_error err;
	assert_int_equal(fc_history_build(&t.cla, &map, FC_MERGE_RNE, CF_DATE_NONE, &h, &err), CF_OK);
	assert_int_equal(h.data_start, D("2023-04-01"));
	assert_int_equal(h.data_end, D("2024-03-31"));
	assert_int_equal((int)h.nseg, 5);
	struct fc_rates r;
	assert_int_equal(fc_rates_estimate(&h, FC_METHOD_MARKOV, D("2024-01-01"), D("2024-01-10"), &r, &err), CF_OK);
	int fo = FC_STATE(2, FC_FOSTERING), re = FC_STATE(2, FC_RESIDENTIAL);
	assert_float_equal(r.exit[fo], 0.25 / 10, 1e-12);
	assert_float_equal(r.move[fo][re], (1.0 / 3) / 10, 1e-12);
	assert_float_equal(r.entry[fo], 0.1, 1e-12);
	assert_float_equal(r.entry[re], 0, 1e-12);   /* C's move is not an entry */
	assert_float_equal(r.exit[re], 0, 1e-12);
	assert_float_equal(r.stock_days[fo], 3 + 3 + 3 + 4 + 4 + 3 + 3 + 3 + 2 + 2, 1e-12);
	double stock[FC_NSTATES];
	fc_history_stock(&h, D("2024-01-10"), stock);
	assert_float_equal(stock[fo], 2, 0);
	assert_float_equal(stock[re], 1, 0);
	/* weights: count child A twice — its exit now weighs 2 / 5 on 5 Jan */
	struct fc_estimator *e;
	assert_int_equal(fc_estimator_new(&h, FC_METHOD_MARKOV, D("2024-01-01"), D("2024-01-10"), &e, &err), CF_OK);
	unsigned w[4] = { 2, 1, 1, 1 };
	assert_int_equal(fc_estimator_run(e, w, &r), CF_OK);
	assert_float_equal(r.exit[fo], (2.0 / 5) / 10, 1e-12);
	fc_estimator_free(e);
	fc_history_release(&h);
}

/* A birthday crossing a band boundary splits the episode; a legal-status
 * change in the same placement merges; the cutoff rewinds. */
static void cleaning_splits_and_merges(void **state)
{
	(void)state;
	struct tiny t;
	memset(&t, 0, sizeof t);
	t.cla.children = t.kids;
	t.cla.eps = t.eps;
	t.cla.years[0] = 2024;
	t.cla.nyears = 1;
	add_child(&t, "2014-01-06");   /* 10 on 6 January 2024 */
	add_episode(&t, "2023-12-01", "2024-01-02", "S", "U4");
	add_episode(&t, "2024-01-02", "2024-02-01", "L", "U4");   /* legal status only */
	struct fc_placemap map;
	fc_placemap_default(&map);
	struct fc_history h;
	struct cf_error err;
	assert_int_equal(fc_history_build(&t.cla, &map, FC_MERGE_RNE, CF_DATE_NONE, &h, &err), CF_OK);
	assert_int_equal(h.merged, 1);
	/* 1 Dec–6 Jan 5-10; 6 Jan (duration crosses nothing yet) – 1 Feb 10-16 */
	assert_int_equal((int)h.nseg, 2);
	assert_int_equal(h.seg[0].state, FC_STATE(2, FC_FOSTERING));
	assert_int_equal(h.seg[0].end, D("2024-01-06"));
	assert_int_equal(h.seg[0].end_kind, FC_END_AGE);
	assert_int_equal(h.seg[0].entry, 1);
	assert_int_equal(h.seg[1].state, FC_STATE(3, FC_FOSTERING));
	assert_int_equal(h.seg[1].end_kind, FC_END_EXIT);
	assert_int_equal(h.seg[1].entry, 0);
	fc_history_release(&h);
	/* rewound to 10 January: the episode is open, the data end there */
	assert_int_equal(fc_history_build(&t.cla, &map, FC_MERGE_RNE, D("2024-01-10"), &h, &err), CF_OK);
	assert_int_equal(h.data_end, D("2024-01-10"));
	assert_int_equal(h.seg[h.nseg - 1].end, FC_OPEN);
	fc_history_release(&h);
	/* placement map: U4 fostering, K2 residential, H5 supported, T0 other; CSV override */
	assert_int_equal(fc_placemap_of(&map, "U4"), FC_FOSTERING);
	assert_int_equal(fc_placemap_of(&map, "K2"), FC_RESIDENTIAL);
	assert_int_equal(fc_placemap_of(&map, "H5"), FC_SUPPORTED);
	assert_int_equal(fc_placemap_of(&map, "T0"), FC_OTHER);
	assert_int_equal(fc_placemap_of(&map, "zz"), FC_OTHER);
	assert_int_equal(fc_provider_of("PR4"), FC_EXTERNAL);
	assert_int_equal(fc_provider_of("PR1"), FC_IN_HOUSE);
}

static void scenario_parse_and_clamp(void **state)
{
	(void)state;
	struct fc_scenario sc;
	struct cf_error err;
	/* exit 0.6 and a move 0.3 out of one state; doubling exit asks for 1.2 + 0.3 */
	struct fc_rates base = zero_rates(), out;
	int s = FC_STATE(3, FC_RESIDENTIAL), to = FC_STATE(3, FC_FOSTERING);
	base.exit[s] = 0.6;
	base.move[s][to] = 0.3;
	assert_int_equal(fc_scenario_parse("multiply exit 2 age 10-16 placement residential\n", "t", &sc, &err), CF_OK);
	assert_int_equal(fc_scenario_apply(&sc, &base, 0, &out), 1);
	assert_float_equal(out.exit[s], 1, 1e-12);          /* the adjusted rate fills it */
	assert_float_equal(out.move[s][to], 0, 1e-12);
	assert_float_equal(fc_rates_out(&out, s), 1, 1e-12);
	fc_scenario_release(&sc);
	/* adding 0.2 to exit: 0.8 kept, the move scaled to the 0.2 left */
	assert_int_equal(fc_scenario_parse("# comment\n\nadd exit 0.2\n", "t", &sc, &err), CF_OK);
	assert_int_equal(fc_scenario_apply(&sc, &base, 0, &out), 1);
	assert_float_equal(out.exit[s], 0.8, 1e-12);
	assert_float_equal(out.move[s][to], 0.2, 1e-12);
	fc_scenario_release(&sc);
	/* doubling the move: 0.6 kept, the unadjusted exit scaled from 0.6 to 0.4;
	 * moves only to the placements named */
	assert_int_equal(fc_scenario_parse("multiply move 2 placement residential to fostering\n", "t", &sc, &err), CF_OK);
	base.move[s][FC_STATE(3, FC_OTHER)] = 0;
	assert_int_equal(fc_scenario_apply(&sc, &base, 0, &out), 1);
	assert_float_equal(out.move[s][to], 0.6, 1e-12);
	assert_float_equal(out.exit[s], 0.4, 1e-12);
	fc_scenario_release(&sc);
	/* within 1: nothing clamped, and other states untouched */
	assert_int_equal(fc_scenario_parse("multiply exit 1.5 placement residential\n", "t", &sc, &err), CF_OK);
	base.exit[s] = 0.2;
	base.exit[FC_STATE(3, FC_FOSTERING)] = 0.2;
	assert_int_equal(fc_scenario_apply(&sc, &base, 0, &out), 0);
	assert_float_equal(out.exit[s], 0.3, 1e-12);
	assert_float_equal(out.exit[FC_STATE(3, FC_FOSTERING)], 0.2, 1e-12);
	fc_scenario_release(&sc);
	/* phased in over 4 months from 1 January; entry per year */
	assert_int_equal(fc_scenario_parse("add entry 36.525/year age 0-1 from 2024-01-01 phase 4", "t", &sc, &err), CF_OK);
	assert_float_equal(fc_adjustment_strength(&sc.adj[0], D("2023-12-31")), 0, 0);
	assert_float_equal(fc_adjustment_strength(&sc.adj[0], D("2024-01-15")), 0.25, 1e-12);
	assert_float_equal(fc_adjustment_strength(&sc.adj[0], D("2024-02-01")), 0.5, 1e-12);
	assert_float_equal(fc_adjustment_strength(&sc.adj[0], D("2024-05-01")), 1, 1e-12);
	assert_int_equal(fc_scenario_apply(&sc, &base, D("2024-06-01"), &out), 0);
	assert_float_equal(out.entry[FC_STATE(0, FC_OTHER)], 0.1, 1e-12);
	cf_date days[8];
	assert_int_equal(fc_scenario_change_days(&sc, D("2023-01-01"), D("2025-01-01"), days, 8), 5);
	assert_int_equal(days[4], D("2024-05-01"));
	fc_scenario_release(&sc);
	/* errors name the line */
	assert_int_not_equal(fc_scenario_parse("add exit 0.1\nmultiply entry -1\n", "s.txt", &sc, &err), CF_OK);
	assert_int_equal(err.line, 2);
	assert_int_not_equal(fc_scenario_parse("multiply exit 2 to fostering\n", "s.txt", &sc, &err), CF_OK);
	assert_int_not_equal(fc_scenario_parse("add exit 0.1 age 3-4\n", "s.txt", &sc, &err), CF_OK);
	assert_int_not_equal(fc_scenario_parse("# nothing\n", "s.txt", &sc, &err), CF_OK);
}

static void simulation_is_deterministic_for_a_seed(void **state)
{
	(void)state;
	struct tiny t;
	tiny_build(&t);
	struct fc_placemap map;
	fc_placemap_default(&map);
	struct fc_history h;
	struct cf_error err;
	assert_int_equal(fc_history_build(&t.cla, &map, FC_MERGE_RNE, CF_DATE_NONE, &h, &err), CF_OK);
	int sample[3] = { 10, 100, 365 };
	struct fc_sim_config c = {
		.h = &h, .method = FC_METHOD_EXACT_AGE, .ref_start = D("2024-01-01"), .ref_end = D("2024-01-10"),
		.start = D("2024-01-10"), .days = 365, .runs = 40, .threads = 1, .seed = 42, .bootstrap = 1,
		.sample_days = sample, .nsample = 3,
	};
	struct fc_sim_result a, b, d;
	assert_int_equal(fc_simulate(&c, &a, &err), CF_OK);
	c.threads = 3;
	assert_int_equal(fc_simulate(&c, &b, &err), CF_OK);
	size_t n = (size_t)40 * 3 * FC_NSTATES;
	assert_memory_equal(a.stock, b.stock, n * sizeof *a.stock);
	assert_memory_equal(a.mean, b.mean, (size_t)366 * FC_NSTATES * sizeof *a.mean);
	c.seed = 43;
	assert_int_equal(fc_simulate(&c, &d, &err), CF_OK);
	assert_true(memcmp(a.stock, d.stock, n * sizeof *a.stock) != 0);
	/* day 0 is the observed stock in every run: 2 fostered, 1 in residential */
	assert_float_equal(a.mean[FC_STATE(2, FC_FOSTERING)], 2, 0);
	assert_float_equal(a.mean[FC_STATE(2, FC_RESIDENTIAL)], 1, 0);
	fc_sim_result_release(&a);
	fc_sim_result_release(&b);
	fc_sim_result_release(&d);
	fc_history_release(&h);
}

/* Without bootstrap the simulation mean converges on the deterministic projection. */
static void simulation_mean_matches_projection(void **state)
{
	(void)state;
	struct tiny t;
	tiny_build(&t);
	struct fc_placemap map;
	fc_placemap_default(&map);
	struct fc_history h;
	struct cf_error err;
	assert_int_equal(fc_history_build(&t.cla, &map, FC_MERGE_RNE, CF_DATE_NONE, &h, &err), CF_OK);
	cf_date rs = D("2024-01-01"), re = D("2024-01-10"), start = D("2024-01-10");
	int days = 60, sample[1] = { 60 };
	struct fc_rates r;
	assert_int_equal(fc_rates_estimate(&h, FC_METHOD_MARKOV, rs, re, &r, &err), CF_OK);
	struct fc_schedule sched;
	assert_int_equal(fc_schedule_build(&r, NULL, NULL, start, days, &sched, &err), CF_OK);
	double stock0[FC_NSTATES], *det = malloc((size_t)(days + 1) * FC_NSTATES * sizeof *det);
	fc_history_stock(&h, start, stock0);
	fc_project(&sched, stock0, det);
	struct fc_sim_config c = {
		.h = &h, .method = FC_METHOD_MARKOV, .ref_start = rs, .ref_end = re, .start = start, .days = days,
		.runs = 4000, .threads = 2, .seed = 7, .bootstrap = 0, .sample_days = sample, .nsample = 1,
	};
	struct fc_sim_result s;
	assert_int_equal(fc_simulate(&c, &s, &err), CF_OK);
	double dt = 0, st = 0;
	for (int i = 0; i < FC_NSTATES; i++) {
		dt += det[(size_t)days * FC_NSTATES + i];
		st += s.mean[(size_t)days * FC_NSTATES + i];
	}
	assert_true(fabs(dt - st) < 0.03 * dt);
	fc_sim_result_release(&s);
	fc_schedule_release(&sched);
	free(det);
	fc_history_release(&h);
}

/* The backtest's typed points are its table's rows. On the tiny authority
 * and a child E fostered from 1 June to 1 September 2023, from a cut-off of
 * 30 Sep 2023 with the window 2-30 September (no one in care, no one
 * entering or leaving: every rate 0), the forecast 6 months on (31 Mar
 * 2024) is 0 children in every run; 3 were in care that day (B and D
 * fostered, C in residential), so the error is |0 - 3| / 3 = 100%, 2 of 2
 * fostered, 1 of 1 residential, and the p5-p95 band (0 to 0) misses each;
 * supported and other had none (no error: a percentage of 0). */
static void backtest_points_are_typed(void **state)
{
	(void)state;
	struct tiny t;
	tiny_build(&t);
	add_child(&t, "2015-06-01");
	add_episode(&t, "2023-06-01", "2023-09-01", "S", "U4");
	struct fc_placemap map;
	fc_placemap_default(&map);
	struct fc_options o;
	fc_options_init(&o);
	o.map = &map;
	o.months = 6;
	o.runs = 20;
	o.threads = 1;
	o.ref_start = D("2023-09-02"), o.ref_end = D("2023-09-30");
	struct forecast_result *res = calloc(1, sizeof *res);
	struct cf_error err;
	cf_date cut = D("2023-09-30");
	enum fc_method m = FC_METHOD_MARKOV;
	assert_non_null(res);
	int rc = forecast_backtest(&t.cla, &o, &cut, 1, &m, 1, res, &err);
	if (rc)
		fprintf(stderr, "%s\n", err.msg);
	assert_int_equal(rc, CF_OK);
	assert_int_equal(res->npoints, 1 + FC_NPLACE);
	const struct cf_table *bt = res->tables[0];
	assert_string_equal(bt->name, "backtest");
	assert_int_equal((int)bt->nrows, res->npoints);
	const double actual[1 + FC_NPLACE] = { 3, 2, 1, 0, 0 };
	for (int i = 0; i < res->npoints; i++) {
		const struct fc_backtest_point *pt = &res->points[i];
		assert_int_equal(pt->series, i);
		assert_int_equal(pt->horizon_months, 6);
		assert_int_equal(pt->date, D("2024-03-31"));
		assert_int_equal(pt->cutoff, cut);
		assert_int_equal(pt->actual, (long long)actual[i]);
		assert_float_equal(pt->forecast, 0, 1e-12);
		assert_int_equal(pt->inside[0], actual[i] == 0);
		assert_int_equal(pt->inside[1], actual[i] == 0);   /* p25-p75 */
		assert_int_equal(pt->inside[2], -1);               /* no third pair */
		if (actual[i] > 0)
			assert_float_equal(pt->ape_pct, 100, 1e-9);
		else
			assert_true(isnan(pt->ape_pct));
		/* the same as the table's row */
		assert_int_equal(cf_table_cell_const(bt, (size_t)i, 5)->v.i, pt->actual);
		assert_int_equal(cf_table_cell_const(bt, (size_t)i, 8)->v.i, pt->inside[0]);
	}
	assert_int_equal(res->nbands, 5);
	assert_float_equal(res->bands[4], 95, 0);
	forecast_result_free(res);
}

/* --entrants projection: band 3 (10-16) has 100 children at mid-2020 and
 * 200 at mid-2022, 2021 unknown: on 2021-06-30 it is 100 + 365/730 · 100 =
 * 150; before mid-2020 it holds at 100, after mid-2022 at 200. With the
 * window's middle on 2020-06-30 (base 100), the multiplier from 2021-06-30
 * is 1.5 on day 0, 2 from day 365 (2022-06-30) on. Other bands flat at 50. */
static void entrants_follow_population(void **state)
{
	(void)state;
	struct fc_population pop;
	for (int y = 0; y < FC_POP_YEARS; y++)
		for (int b = 0; b < FC_NBANDS; b++)
			pop.count[y][b] = b == 3 ? NAN : 50;
	pop.count[2020 - FC_POP_FIRST_YEAR][3] = 100;
	pop.count[2022 - FC_POP_FIRST_YEAR][3] = 200;
	double *m = malloc(401 * FC_NBANDS * sizeof *m);
	struct cf_error err;
	assert_int_equal(fc_entrants_population(&pop, D("2020-01-01"), D("2020-12-29"), D("2021-06-30"), 400, m, &err),
			 CF_OK);
	assert_true(fabs(m[0 * FC_NBANDS + 3] - 1.5) < 1e-12);
	assert_true(fabs(m[365 * FC_NBANDS + 3] - 2.0) < 1e-12);
	assert_true(fabs(m[400 * FC_NBANDS + 3] - 2.0) < 1e-12);
	assert_true(fabs(m[100 * FC_NBANDS + 3] - (1.5 + 0.5 * 100.0 / 365)) < 1e-12);
	assert_true(m[200 * FC_NBANDS + 0] == 1.0);
	for (int y = 0; y < FC_POP_YEARS; y++)
		pop.count[y][1] = NAN;   /* no 1-5s: an error naming the band */
	assert_int_equal(fc_entrants_population(&pop, D("2020-01-01"), D("2020-12-29"), D("2021-06-30"), 400, m, &err),
			 CF_EINPUT);
	assert_non_null(strstr(err.msg, "1-5"));
	free(m);
}

static void rng_poisson_mean(void **state)
{
	(void)state;
	struct cf_rng r;
	cf_rng_seed(&r, 1, 0);
	double sum = 0;
	for (int i = 0; i < 20000; i++)
		sum += (double)cf_rng_poisson(&r, 3);
	assert_true(fabs(sum / 20000 - 3) < 0.06);
	sum = 0;
	for (int i = 0; i < 20000; i++)
		sum += (double)cf_rng_poisson(&r, 50);
	assert_true(fabs(sum / 20000 - 50) < 0.3);
}

/* The built-in costs equal data/forecast/unit_costs.csv, and matching
 * prefers a PLACE code over a category and a named provider over any. */
static void costs_default_matches_file(void **state)
{
	(void)state;
	struct fc_placemap map;
	fc_placemap_default(&map);
	struct fc_costs a, b;
	struct cf_error err;
	assert_int_equal(fc_costs_default(&a, &map, &err), CF_OK);
	char path[512];
	snprintf(path, sizeof path, "%s/data/forecast/unit_costs.csv", getenv("CASEFLOW_TOP") ? getenv("CASEFLOW_TOP") : ".");
	assert_int_equal(fc_costs_load(&b, path, &map, &err), CF_OK);
	assert_int_equal(a.n, b.n);
	for (int i = 0; i < a.n; i++) {
		assert_string_equal(a.rows[i].label, b.rows[i].label);
		assert_int_equal(a.rows[i].place_code, b.rows[i].place_code);
		assert_int_equal(a.rows[i].provider, b.rows[i].provider);
		assert_float_equal(a.rows[i].gbp_week, b.rows[i].gbp_week, 0);
	}
	assert_string_equal(fc_costs_match(&a, fc_place_code("U1"), FC_FOSTERING, FC_EXTERNAL)->label,
			    "Fostering (family and friends)");
	assert_string_equal(fc_costs_match(&a, fc_place_code("U4"), FC_FOSTERING, FC_EXTERNAL)->label,
			    "Fostering (independent agency)");
	assert_string_equal(fc_costs_match(&a, fc_place_code("K2"), FC_RESIDENTIAL, FC_IN_HOUSE)->label,
			    "Residential (in-house)");
	a.inflation = 0.1;
	a.inflation_from = D("2024-04-01");
	assert_float_equal(fc_costs_inflation(&a, D("2024-03-31")), 1, 0);
	assert_float_equal(fc_costs_inflation(&a, D("2025-03-31")), 1, 0);
	assert_float_equal(fc_costs_inflation(&a, D("2025-04-01")), 1.1, 1e-12);
	assert_float_equal(fc_costs_inflation(&a, D("2026-04-01")), 1.21, 1e-12);
	fc_costs_release(&a);
	fc_costs_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(step_single_state_draining),
		cmocka_unit_test(step_ageing_between_bands),
		cmocka_unit_test(step_entrants_into_empty_system),
		cmocka_unit_test(rates_on_tiny_episode_set),
		cmocka_unit_test(cleaning_splits_and_merges),
		cmocka_unit_test(scenario_parse_and_clamp),
		cmocka_unit_test(simulation_is_deterministic_for_a_seed),
		cmocka_unit_test(simulation_mean_matches_projection),
		cmocka_unit_test(rng_poisson_mean),
		cmocka_unit_test(entrants_follow_population),
		cmocka_unit_test(costs_default_matches_file),
		cmocka_unit_test(backtest_points_are_typed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
