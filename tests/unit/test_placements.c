/* Pricing a placement night by night, and who counts on a day (placements room). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "base/date.h"
#include "formats/value.h"
#include "placements/placements.h"

static cf_date D(int y, int m, int d) { return cf_date_from_ymd(y, m, d); }

static struct placement_cost placement(cf_date start, cf_date end, double weekly, double contrib)
{
	struct placement_cost p;
	memset(&p, 0, sizeof p);
	p.child = "C";
	p.provider_id = p.provider_name = p.placement_type = p.cost_centre = "";
	p.start = start;
	p.end = end;
	p.weekly_gbp = weekly;
	p.health_gbp_week = contrib;
	return p;
}

static void test_year_end_and_leap_year(void **state)
{
	(void)state;
	struct placement_price pr;
	/* open through 2023-24, which has 29 February: 366 nights */
	struct placement_cost p = placement(D(2023, 1, 1), CF_DATE_NONE, 70, 0);
	placement_price(&p, cf_date_fy_start(2023), cf_date_fy_end(2023), cf_date_fy_end(2023), &pr);
	assert_int_equal(pr.nights_to_date, 366);
	assert_int_equal(pr.nights_committed, 0);
	assert_true(pr.gross_to_date == 3660.0);
	/* 2024-25 has 365 nights: as of 30 September, 183 to date and 182 to come */
	placement_price(&p, cf_date_fy_start(2024), D(2024, 9, 30), cf_date_fy_end(2024), &pr);
	assert_int_equal(pr.nights_to_date, 183);
	assert_int_equal(pr.nights_committed, 182);
	/* crossing the year end: the night of 31 March is the old year's */
	p = placement(D(2024, 3, 31), D(2024, 4, 2), 700, 0);
	assert_int_equal(placement_nights(&p, cf_date_fy_start(2023), cf_date_fy_end(2023)), 1);
	assert_int_equal(placement_nights(&p, cf_date_fy_start(2024), cf_date_fy_end(2024)), 1);
}

static void test_part_week_and_contributions(void **state)
{
	(void)state;
	struct placement_price pr;
	struct placement_cost p = placement(D(2024, 5, 6), D(2024, 5, 9), 1400, 70);
	placement_price(&p, cf_date_fy_start(2024), D(2025, 3, 31), cf_date_fy_end(2024), &pr);
	assert_int_equal(pr.nights_to_date, 3);
	assert_true(pr.gross_to_date == 600.0);
	assert_true(pr.contrib_to_date == 30.0);
	/* a placement that ends the day it starts costs nothing and is never open */
	p = placement(D(2024, 5, 6), D(2024, 5, 6), 1400, 0);
	assert_int_equal(placement_nights(&p, D(2024, 1, 1), D(2025, 1, 1)), 0);
	assert_false(placement_open_on(&p, D(2024, 5, 6)));
	/* open on its first day, not on its last */
	p = placement(D(2024, 5, 6), D(2024, 5, 9), 1400, 0);
	assert_true(placement_open_on(&p, D(2024, 5, 6)));
	assert_true(placement_open_on(&p, D(2024, 5, 8)));
	assert_false(placement_open_on(&p, D(2024, 5, 9)));
}

static void test_household_days(void **state)
{
	(void)state;
	struct foster_household h = { "FH", D(2024, 6, 1), D(2024, 9, 1), 1, "", "", "" };
	assert_false(household_approved_on(&h, D(2024, 5, 31)));
	assert_true(household_approved_on(&h, D(2024, 6, 1)));
	assert_true(household_approved_on(&h, D(2024, 8, 31)));
	assert_false(household_approved_on(&h, D(2024, 9, 1)));
	struct children_home home = { "H", "", 3, D(2020, 1, 1), D(2020, 12, 31), 1 };
	assert_true(home_registered_on(&home, D(2020, 12, 31)));
	assert_false(home_registered_on(&home, D(2021, 1, 1)));
}

static void test_money_and_years(void **state)
{
	(void)state;
	struct value v;
	value_money("£1,234.50", strlen("£1,234.50"), 0, &v);
	assert_int_equal(v.status, VALUE_OK);
	assert_string_equal(v.out, "1234.50");
	value_money("-12", 3, 0, &v);
	assert_int_equal(v.status, VALUE_ISSUE);
	value_money("-12", 3, 1, &v);
	assert_string_equal(v.out, "-12");
	value_money("12 pounds", 9, 1, &v);
	assert_int_equal(v.status, VALUE_ISSUE);
	value_money(",5", 2, 1, &v);
	assert_int_equal(v.status, VALUE_ISSUE);
	int fy = 0;
	assert_int_equal(cf_date_fy_parse("2024-25", 7, &fy), 0);
	assert_int_equal(fy, 2024);
	assert_int_equal(cf_date_fy_parse(" FY1999/2000 ", 13, &fy), 0);
	assert_int_equal(fy, 1999);
	assert_int_equal(cf_date_fy_parse("2024-26", 7, &fy), -1);
	assert_int_equal(cf_date_fy_parse("2024", 4, &fy), -1);
}

/* money_centres_make: per cost centre (a blank one named), sorted, "all"
 * last, the derived figures, budget only where one is given; and the
 * money_by_cost_centre table lays out the same numbers. */
static void test_money_centres(void **state)
{
	(void)state;
	struct placement_cost ps[3];
	ps[0] = placement(D(2024, 4, 1), CF_DATE_NONE, 700, 0);      /* A: 183 nights to date, 182 to come */
	ps[0].cost_centre = "A";
	ps[1] = placement(D(2024, 9, 1), D(2024, 10, 1), 1400, 70);  /* B: 30 nights, £10 a night contributed */
	ps[1].cost_centre = "B";
	ps[2] = placement(D(2023, 1, 1), D(2024, 4, 11), 350, 0);    /* blank: 10 nights this year */
	struct budget_line b;
	memset(&b, 0, sizeof b);
	b.fy = 2024;
	b.cost_centre = "A";
	b.budget_gbp = 36600;
	struct ledger_line l = { D(2024, 5, 1), "B", 5000 };
	struct placements_data d;
	memset(&d, 0, sizeof d);
	d.placements = ps;
	d.nplacements = 3;
	d.budgets = &b;
	d.nbudgets = 1;
	d.ledger = &l;
	d.nledger = 1;
	struct money_options o = { 2024, D(2024, 9, 30), 10, 0 };
	struct money_centres cs;
	struct cf_error err;
	cf_error_clear(&err);
	assert_int_equal(money_centres_make(&d, &o, &cs, &err), CF_OK);
	assert_int_equal(cs.n, 4);
	assert_true(cs.any_budget && cs.any_ledger);
	assert_string_equal(cs.items[0].name, "(none given)");
	assert_string_equal(cs.items[1].name, "A");
	assert_string_equal(cs.items[2].name, "B");
	assert_string_equal(cs.items[3].name, "all");
	const struct money_centre *a = &cs.items[1], *bb = &cs.items[2], *all = &cs.items[3];
	assert_true(a->net_to_date == 18300.0 && a->net_committed == 18200.0 && a->net_year == 36500.0);
	assert_true(a->has_budget && a->variance == -100.0);
	assert_float_equal(a->variance_to_date, 18300.0 - 36600.0 * 183 / 365, 1e-9);
	assert_true(a->ledger_minus_net == -18300.0);
	assert_true(!bb->has_budget && bb->has_ledger);
	assert_true(bb->gross_to_date == 6000.0 && bb->contrib_to_date == 300.0 && bb->net_to_date == 5700.0);
	assert_true(bb->ledger_minus_net == -700.0);
	assert_true(cs.items[0].net_to_date == 500.0 && cs.items[0].placements == 1);
	assert_int_equal(all->placements, 3);
	assert_true(all->net_to_date == 24500.0 && all->budget == 36600.0 && all->ledger == 5000.0);
	struct cf_table *t[MONEY_NTABLES];
	assert_int_equal(money_tables(&d, &o, t, &err), CF_OK);
	assert_int_equal(t[0]->nrows, cs.n);
	for (size_t r = 0; r < cs.n; r++) {
		assert_string_equal(cf_table_cell_const(t[0], r, 0)->v.s, cs.items[r].name);
		assert_true(cf_table_cell_const(t[0], r, 6)->v.d == cs.items[r].net_year);
		assert_int_equal(cf_table_cell_const(t[0], r, 8)->type, cs.items[r].has_budget ? CF_CELL_REAL : CF_CELL_NULL);
		assert_true(cf_table_cell_const(t[0], r, 12)->v.d == cs.items[r].ledger_minus_net);
	}
	for (int i = 0; i < MONEY_NTABLES; i++)
		cf_table_free(t[i]);
	money_centres_release(&cs);
	assert_null(cs.items);

	/* unit costs: by placement type (sorted), then provider type, then provider */
	ps[0].placement_type = ps[1].placement_type = "U1";
	ps[2].placement_type = "K1";
	struct money_unit_costs u;
	assert_int_equal(money_unit_costs_make(&d, &o, &u, &err), CF_OK);
	assert_true(u.n >= 4);
	assert_string_equal(u.items[0].by, "placement_type");
	assert_string_equal(u.items[0].group, "K1");
	assert_string_equal(u.items[1].group, "U1");
	assert_int_equal(u.items[1].children, 1);
	assert_int_equal(u.items[1].placements, 2);
	assert_true(u.items[1].weekly_mean == 1050.0 && u.items[1].weekly_median == 1050.0);
	assert_true(u.items[1].weekly_p90 == 1400.0);
	assert_null(u.items[1].provider_name);
	assert_string_equal(u.items[2].by, "provider_type");
	assert_string_equal(u.items[u.n - 1].by, "provider");
	assert_non_null(u.items[u.n - 1].provider_name);
	money_unit_costs_release(&u);

	/* top providers by gross spend to date, cut at o.top */
	ps[0].provider_id = "P1";
	ps[1].provider_id = "P2";
	ps[2].provider_id = "P3";
	o.top = 2;
	struct money_providers mp;
	assert_int_equal(money_providers_make(&d, &o, &mp, &err), CF_OK);
	assert_int_equal(mp.n, 2);
	assert_string_equal(mp.items[0].id, "P1");
	assert_true(mp.items[0].gross_to_date == 18300.0);
	assert_string_equal(mp.items[1].id, "P2");
	assert_true(mp.items[1].gross_to_date == 6000.0 && mp.items[1].children == 1);
	money_providers_release(&mp);
	o.top = 0;
	assert_int_equal(money_providers_make(&d, &o, &mp, &err), CF_OK);
	assert_int_equal(mp.n, 0);
	money_providers_release(&mp);
}

/* sufficiency_capacity_make on 2024-07-01, by hand:
 *   FH1 0-10 North 2 places, approved 2024-01-01: C1 (in-house, open) in it
 *   FH2 11-17 South 1 place, approved 2024-07-01 (that day counts): C2 in it
 *   FH3 0-10 North 3 places, deregistered 2024-07-01 (that day does not)
 *   C3 in-house placement naming FH3: unmatched (FH3 is not approved)
 *   H1 4 places, in-house: C4 (private residential placement naming H1)
 *   H2 2 places, not in-house, registered to 2024-06-30: not listed
 * fostering: age 0-10 1 household 2 places 1 occupied; 11-17 1/1/1;
 * North 1/2/1; South 1/1/1; all 2 households 3 places 2 occupied.
 * homes: H1 4 places 1 occupied; all in-house 4/1; all 4/1. */
static void test_sufficiency_capacity(void **state)
{
	(void)state;
	struct foster_household hh[3] = { { "FH1", D(2024, 1, 1), CF_DATE_NONE, 2, "0-10", "", "North" },
					  { "FH2", D(2024, 7, 1), CF_DATE_NONE, 1, "11-17", "", "South" },
					  { "FH3", D(2023, 1, 1), D(2024, 7, 1), 3, "0-10", "", "North" } };
	struct children_home homes[2] = { { "H1", "SC1", 4, D(2020, 1, 1), CF_DATE_NONE, 1 },
					  { "H2", "SC2", 2, D(2020, 1, 1), D(2024, 6, 30), 0 } };
	struct placement_cost ps[4];
	const char *ids[4] = { "FH1", "FH2", "FH3", "H1" };
	for (int i = 0; i < 4; i++) {
		ps[i] = placement(D(2024, 6, 1), CF_DATE_NONE, 500, 0);
		ps[i].provider_id = ids[i];
		ps[i].provider_type = i < 3 ? 0 : 2;   /* in-house fostering; private residential */
	}
	struct placements_data d;
	memset(&d, 0, sizeof d);
	d.placements = ps;
	d.nplacements = 4;
	d.households = hh;
	d.nhouseholds = 3;
	d.homes = homes;
	d.nhomes = 2;
	struct sufficiency_capacity c;
	struct cf_error err;
	assert_int_equal(sufficiency_capacity_make(&d, D(2024, 7, 1), &c, &err), CF_OK);
	assert_int_equal(c.nfostering, 5);
	static const char *const by[] = { "age_range", "age_range", "locality", "locality", "all" };
	static const char *const group[] = { "0-10", "11-17", "North", "South", "all" };
	static const long households[] = { 1, 1, 1, 1, 2 }, places[] = { 2, 1, 2, 1, 3 }, occupied[] = { 1, 1, 1, 1, 2 };
	for (int i = 0; i < 5; i++) {
		assert_string_equal(c.fostering[i].by, by[i]);
		assert_string_equal(c.fostering[i].group, group[i]);
		assert_int_equal(c.fostering[i].households, households[i]);
		assert_int_equal(c.fostering[i].places, places[i]);
		assert_int_equal(c.fostering[i].occupied, occupied[i]);
	}
	assert_int_equal(c.unmatched, 1);
	assert_int_equal(c.nhomes, 3);
	assert_string_equal(c.homes[0].home, "H1");
	assert_string_equal(c.homes[0].urn, "SC1");
	assert_int_equal(c.homes[0].places, 4);
	assert_int_equal(c.homes[0].occupied, 1);
	assert_string_equal(c.homes[1].home, "all in-house");
	assert_string_equal(c.homes[2].home, "all");
	assert_int_equal(c.homes[2].in_house, SUFFICIENCY_TOTAL);
	assert_int_equal(c.homes[2].places, 4);
	assert_int_equal(c.homes[2].occupied, 1);
	/* the tables lay out the same numbers: vacant 4 - 1 = 3, occupancy 25% */
	struct cf_table *t = sufficiency_residential_table(&c);
	assert_non_null(t);
	assert_int_equal(t->nrows, 3);
	assert_int_equal(cf_table_cell_const(t, 0, 5)->v.i, 3);
	assert_true(cf_table_cell_const(t, 0, 6)->v.d == 25.0);
	assert_int_equal(cf_table_cell_const(t, 2, 2)->type, CF_CELL_NULL);
	cf_table_free(t);
	t = sufficiency_fostering_table(&c);
	assert_non_null(t);
	assert_int_equal(t->nrows, 5);
	assert_true(cf_table_cell_const(t, 4, 6)->v.d == 100.0 * 2 / 3);
	cf_table_free(t);
	sufficiency_capacity_release(&c);
	assert_null(c.fostering);

	/* the gap without episodes: needed from the placement costs open that
	 * day: fostering C1-C3 (in-house) = 3 against 3 approved places;
	 * residential C4 = 1 against H1's 4 in-house places: -3 */
	struct sufficiency s;
	assert_int_equal(sufficiency_make(&d, NULL, D(2024, 7, 1), NULL, &s, &err), CF_OK);
	assert_int_equal(s.looked_after, 0);
	assert_string_equal(s.gap[0].placements, "fostering");
	assert_int_equal(s.gap[0].needed, 3);
	assert_int_equal(s.gap[0].available, 3);
	assert_int_equal(s.gap[1].needed, 1);
	assert_int_equal(s.gap[1].available, 4);
	assert_false(s.with_distance);
	assert_string_equal(s.location[PG_NGROUPS].group, "all");
	assert_int_equal(s.location[PG_NGROUPS].looked_after, 0);
	t = sufficiency_gap_table(&s);
	assert_non_null(t);
	assert_int_equal(cf_table_cell_const(t, 1, 3)->v.i, -3);
	cf_table_free(t);
	sufficiency_release(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_year_end_and_leap_year),
		cmocka_unit_test(test_part_week_and_contributions),
		cmocka_unit_test(test_household_days),
		cmocka_unit_test(test_money_and_years),
		cmocka_unit_test(test_money_centres),
		cmocka_unit_test(test_sufficiency_capacity),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
