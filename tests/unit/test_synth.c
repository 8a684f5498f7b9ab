/* The synthetic authority: the generator's pieces on hand-checked cases,
 * and invariants every simulated child's records must keep. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "synth/rng.h"
#include "synth/synth.h"
#include "synth/write.h"

#define NONE CF_DATE_NONE

static struct synth_world *world;   /* one simulation shared by the invariant tests */

static int setup(void **state)
{
	struct synth_options opt = { .children = 20000, .years = 3, .first_year = 2021, .seed = 42, .la_code = 999 };
	struct cf_error err;
	cf_error_clear(&err);
	(void)state;
	return synth_simulate(&opt, &world, &err);
}

static int teardown(void **state)
{
	(void)state;
	synth_free(world);
	return 0;
}

static void test_rng_streams(void **state)
{
	(void)state;
	struct cf_rng a, b, c;
	syn_rng_seed(&a, 7, 1);
	syn_rng_seed(&b, 7, 1);
	syn_rng_seed(&c, 7, 2);
	int same = 1, differ = 0;
	for (int i = 0; i < 100; i++) {
		uint64_t x = cf_rng_next(&a), y = cf_rng_next(&b), z = cf_rng_next(&c);
		same &= x == y;
		differ |= x != z;
	}
	assert_true(same);
	assert_true(differ);
	for (int i = 0; i < 1000; i++) {
		int v = cf_rng_below(&a, 7);
		assert_true(v >= 0 && v < 7);
		assert_int_equal(cf_rng_pick(&a, (const double[]){ 0, 1, 0 }, 3), 1);
		double u = cf_rng_unit(&a);
		assert_true(u >= 0 && u < 1);
	}
	assert_int_equal(cf_rng_range(&a, 5, 5), 5);
}

static void test_rng_mean(void **state)
{
	(void)state;
	struct cf_rng r;
	syn_rng_seed(&r, 1, 99);
	double sum = 0;
	int hits = 0;
	for (int i = 0; i < 100000; i++) {
		sum += cf_rng_exp(&r, 10.0);
		hits += cf_rng_chance(&r, 0.25);
	}
	assert_true(sum / 100000 > 9.8 && sum / 100000 < 10.2);
	assert_true(hits > 24500 && hits < 25500);
}

static void test_names_and_dates(void **state)
{
	(void)state;
	char buf[11], y[8];
	synth_date_dmy(cf_date_from_ymd(2024, 3, 1), buf);
	assert_string_equal(buf, "01/03/2024");
	synth_date_dmy(NONE, buf);
	assert_string_equal(buf, "");
	synth_year_name(2023, y);
	assert_string_equal(y, "2023-24");
	synth_year_name(2099, y);
	assert_string_equal(y, "2099-00");
}

/* DfE's UPN check letter: characters 2-13 weighted 2..13, summed, mod 23,
 * indexing ABCDEFGHJKLMNPQRTUVWXYZ. For 999451427005 the sum is 323,
 * 323 mod 23 = 1, so the letter is B. */
static void test_upn_check_letter(void **state)
{
	(void)state;
	struct synth_world w;
	memset(&w, 0, sizeof w);
	w.opt.la_code = 999;
	struct syn_child c;
	memset(&c, 0, sizeof c);
	c.dob = cf_date_from_ymd(2022, 12, 18);
	/* find a child whose UPN body is known: compute it and check the letter */
	for (int id = 1000000; id < 1000050; id++) {
		c.id = id;
		char upn[14];
		synth_upn(&w, &c, upn);
		assert_int_equal(strlen(upn), 13);
		int sum = 0;
		for (int i = 1; i < 13; i++) {
			assert_true(upn[i] >= '0' && upn[i] <= '9');
			sum += (upn[i] - '0') * (i + 1);
		}
		assert_int_equal(upn[0], "ABCDEFGHJKLMNPQRTUVWXYZ"[sum % 23]);
		assert_memory_equal(upn + 1, "999", 3);
	}
	int sum = 0;
	const char *body = "999451427005";
	for (int i = 0; i < 12; i++)
		sum += (body[i] - '0') * (i + 2);
	assert_int_equal(sum, 323);
	assert_int_equal("ABCDEFGHJKLMNPQRTUVWXYZ"[sum % 23], 'B');
}

/* Care leavers: left care aged 16-18 after 13 weeks in care since 14. */
static void test_care_leaver(void **state)
{
	(void)state;
	struct synth_world w;
	memset(&w, 0, sizeof w);
	w.end = cf_date_from_ymd(2024, 3, 31);
	struct syn_episode eps[2];
	memset(eps, 0, sizeof eps);
	w.episodes = eps;
	struct syn_child c;
	memset(&c, 0, sizeof c);
	c.dob = cf_date_from_ymd(2000, 1, 1);
	c.nepisodes = 1;
	/* in care from 14.5 to 16.6: a care leaver from the day care ended */
	eps[0].start = cf_date_from_ymd(2014, 6, 1);
	eps[0].end = cf_date_from_ymd(2016, 8, 1);
	memcpy(eps[0].rec, "E8", 3);
	assert_int_equal(synth_care_leaver_since(&w, &c), cf_date_from_ymd(2016, 8, 1));
	/* left at 15: not a care leaver */
	eps[0].end = cf_date_from_ymd(2015, 8, 1);
	assert_int_equal(synth_care_leaver_since(&w, &c), NONE);
	/* 10 weeks in care at 17: too short */
	eps[0].start = cf_date_from_ymd(2017, 3, 1);
	eps[0].end = eps[0].start + 70;
	assert_int_equal(synth_care_leaver_since(&w, &c), NONE);
	/* two episodes joined by X1, ending at 17 after 14 weeks */
	c.nepisodes = 2;
	eps[0].end = eps[0].start + 50;
	memcpy(eps[0].rec, "X1", 3);
	eps[1].start = eps[0].end;
	eps[1].end = eps[1].start + 48;
	memcpy(eps[1].rec, "E4A", 4);
	assert_int_equal(synth_care_leaver_since(&w, &c), eps[1].end);
}

/* Every period of care is a chain of episodes: each ends where the next
 * begins with X1, a new period starts with S, codes come from DfE's lists,
 * and URN and provider are there exactly where the placement needs them. */
static void test_episode_invariants(void **state)
{
	(void)state;
	const struct synth_world *w = world;
	long checked = 0;
	for (size_t i = 0; i < w->n_children; i++) {
		const struct syn_child *c = &w->children[i];
		for (int k = 0; k < c->nepisodes; k++) {
			const struct syn_episode *e = &w->episodes[c->episode0 + k];
			const struct syn_episode *prev = k ? e - 1 : NULL;
			assert_int_equal(e->child, (int)i);
			assert_true(e->end == NONE || e->end > e->start);
			if (prev && !strcmp(prev->rec, "X1")) {
				assert_int_equal(prev->end, e->start);
				assert_true(e->rne != 'S');
			} else {
				assert_int_equal(e->rne, 'S');
				if (prev)
					assert_true(prev->end != NONE && prev->end <= e->start);
			}
			if (e->end == NONE)
				assert_int_equal(k, c->nepisodes - 1);
			int needs_urn = !strcmp(e->place, "K1") || !strcmp(e->place, "K2") || !strcmp(e->place, "H5") ||
					!strcmp(e->place, "K3");
			assert_int_equal(needs_urn, e->urn[0] != 0);
			int no_provider = e->place[0] == 'T' || e->place[0] == 'Z';
			assert_int_equal(no_provider, e->provider[0] == 0);
			if (!strcmp(e->place, "P1"))
				assert_string_equal(e->provider, "PR0");
			assert_true(strstr(" C1 C2 E1 J1 J2 L1 L2 V2 ", e->ls) != NULL);
			assert_true(e->cin >= 1 && e->cin <= 8);
			if (e->end != NONE)
				assert_true(strstr(" X1 E11 E12 E13 E14 E15 E16 E17 E2 E3 E4A E4B E45 E46 E47 E48 E5 E6 E7 E8 E9 ",
						   e->rec) != NULL);
			/* supported accommodation is K3 from 28 October 2023 */
			if (e->start >= cf_date_from_ymd(2023, 10, 28))
				assert_string_not_equal(e->place, "H5");
			checked++;
		}
	}
	assert_true(checked > 100);
}

/* Front door: dates in order, conferences on working days, child
 * protection plans starting on the conference, CIN and CP plans apart. */
static void test_front_door_invariants(void **state)
{
	(void)state;
	const struct synth_world *w = world;
	for (size_t i = 0; i < w->n_referrals; i++) {
		const struct syn_referral *r = &w->referrals[i];
		assert_true(r->closed == NONE || r->closed >= r->date);
		if (r->nfa)
			assert_int_equal(r->nassess + r->ns47 + r->ncpps + r->ncinplans, 0);
		for (int a = 0; a < r->nassess; a++) {
			const struct syn_assessment *x = &w->assessments[r->assess0 + a];
			assert_int_equal(x->referral, (int)i);
			assert_true(x->start >= r->date && x->authorised > x->start);
			assert_true(x->factors != 0);
		}
		for (int q = 0; q < r->ns47; q++) {
			const struct syn_s47 *x = &w->s47s[r->s470 + q];
			assert_true(x->start >= r->date);
			if (x->icpc != NONE) {
				assert_true(x->icpc > x->start);
				assert_true(cf_date_is_working_day(x->icpc));
				assert_int_equal(x->icpc_not_required, 0);
			} else {
				assert_int_equal(x->icpc_not_required, 1);
			}
		}
		for (int p = 0; p < r->ncpps; p++) {
			const struct syn_cpp *x = &w->cpps[r->cpp0 + p];
			assert_true(r->ns47 == 1 && w->s47s[r->s470].icpc == x->start);
			assert_true(x->end == NONE || x->end > x->start);
			for (int k = 0; k < r->ncinplans; k++) {
				const struct syn_cinplan *pl = &w->cinplans[r->cinplan0 + k];
				assert_true(x->end != NONE && pl->start >= x->end);
			}
		}
	}
}

/* The authority's rates stay near England's (docs/synth.md): loose bounds
 * that a broken simulation would leave, not the targets themselves. */
static void test_rates_plausible(void **state)
{
	(void)state;
	for (int k = 0; k < world->opt.years; k++) {
		struct synth_year_stats s;
		synth_year_stats(world, world->opt.first_year + k, &s);
		double pop = (double)s.population;
		assert_true(pop > 19000 && pop < 21000);
		double cla = 10000.0 * s.cla_at_31march / pop, ref = 10000.0 * s.referrals / pop;
		assert_true(cla > 45 && cla < 100);
		assert_true(ref > 380 && ref < 650);
		double rr = 100.0 * s.rereferrals / s.referrals, second = 100.0 * s.cpp_second / s.cpp_started;
		assert_true(rr > 12 && rr < 32);
		assert_true(second > 12 && second < 40);
		double in45 = 100.0 * s.assessments_45wd / s.assessments, foster = 100.0 * s.cla_foster / s.cla_at_31march;
		assert_true(in45 > 72 && in45 < 92);
		assert_true(foster > 60 && foster < 88);
		assert_true(s.cla_started > 0 && s.cla_ceased > 0 && s.cpp_at_31march > 0);
	}
}

static void test_options_checked(void **state)
{
	(void)state;
	struct synth_options opt = { .children = 10, .years = 3, .first_year = 2021, .seed = 1, .la_code = 999 };
	struct synth_world *w = NULL;
	struct cf_error err;
	cf_error_clear(&err);
	assert_int_equal(synth_simulate(&opt, &w, &err), CF_EUSAGE);
	assert_null(w);
	opt.children = 1000;
	opt.years = 0;
	assert_int_equal(synth_simulate(&opt, &w, &err), CF_EUSAGE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rng_streams),
		cmocka_unit_test(test_rng_mean),
		cmocka_unit_test(test_names_and_dates),
		cmocka_unit_test(test_upn_check_letter),
		cmocka_unit_test(test_care_leaver),
		cmocka_unit_test(test_episode_invariants),
		cmocka_unit_test(test_front_door_invariants),
		cmocka_unit_test(test_rates_plausible),
		cmocka_unit_test(test_options_checked),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
