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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_year_end_and_leap_year),
		cmocka_unit_test(test_part_week_and_contributions),
		cmocka_unit_test(test_household_days),
		cmocka_unit_test(test_money_and_years),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
