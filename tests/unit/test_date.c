/* Dates: the forms councils send, ages, statutory years, bank holidays and
 * working days. Expected values are worked by hand from the gov.uk bank
 * holiday list for England and Wales. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "base/date.h"

static cf_date D(int y, int m, int d) { return cf_date_from_ymd(y, m, d); }

static cf_date parse(const char *s)
{
	cf_date d;
	if (cf_date_parse(s, strlen(s), &d) != 0)
		return CF_DATE_NONE;
	return d;
}

static void test_parse_accepted(void **state)
{
	assert_int_equal(parse("01/04/2023"), D(2023, 4, 1));
	assert_int_equal(parse("1/4/2023"), D(2023, 4, 1));
	assert_int_equal(parse("01-04-2023"), D(2023, 4, 1));
	assert_int_equal(parse("01.04.2023"), D(2023, 4, 1));
	assert_int_equal(parse("2023-04-01"), D(2023, 4, 1));
	assert_int_equal(parse("2023/04/01"), D(2023, 4, 1));
	assert_int_equal(parse("  01/04/2023 "), D(2023, 4, 1));
	assert_int_equal(parse("\t2023-04-01\n"), D(2023, 4, 1));
	assert_int_equal(parse("29/02/2024"), D(2024, 2, 29));
	assert_int_equal(parse("29/02/2000"), D(2000, 2, 29));   /* divisible by 400 */
	assert_int_equal(parse("31/12/1969"), -1);
	assert_int_equal(parse("1970-01-01"), 0);
	assert_int_equal(parse("2024-02-29"), D(2024, 2, 29));
	assert_int_equal(parse("2000-02-29"), D(2000, 2, 29));
	/* every day from 1800 to 2200 read back from how it is written */
	for (cf_date d = D(1800, 1, 1); d <= D(2200, 12, 31); d++) {
		char buf[11];
		cf_date_format(d, buf);
		if (parse(buf) != d)
			fail_msg("'%s' did not read back as day %d", buf, (int)d);
	}
}

static void test_parse_rejected(void **state)
{
	const char *bad[] = {
		"", "2023", "01/04/23",          /* two-digit year */
		"32/01/2023", "00/01/2023", "31/04/2023", "01/13/2023", "01/00/2023",
		"29/02/2023", "29/02/1900",      /* not leap years */
		"2023-02-30", "2023-4-1x", "01/04-2023", "01/04/2023x", "01/04/2023 T1",
		"1 April 2023", "yesterday", "zz/zz/2015", "01/04/20233",
		"01/04/1700",                    /* outside 1800-2200 */
		/* the whole string must be the date: trailing garbage or a time is refused */
		"01/04/2023T", "2023-04-01T", "01/04/2023 00:00", "2023-04-01T00:00:00",
		"2023-04-01Z", "01/04/2023 x", "2023-04-011", "2023-04-01-",
		/* yyyy-mm-dd in ten characters, the store's spelling, has its own quick path */
		"2023-02-29", "1900-02-29", "2023-13-01", "2023-00-10", "2023-04-00", "2023-04-31", "1700-04-01",
		"2023-0a-01", "2O23-04-01", "2023-04- 3", "-023-04-01",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		cf_date d;
		if (cf_date_parse(bad[i], strlen(bad[i]), &d) == 0)
			fail_msg("'%s' parsed as a date", bad[i]);
	}
}

static cf_date parse_dt(const char *s)
{
	cf_date d;
	if (cf_date_parse_datetime(s, strlen(s), &d) != 0)
		return CF_DATE_NONE;
	return d;
}

/* Dates with a time of day, as spreadsheets and XML timestamps carry them:
 * the date is kept, the time checked and dropped. */
static void test_parse_datetime(void **state)
{
	assert_int_equal(parse_dt("01/04/2023"), D(2023, 4, 1));
	assert_int_equal(parse_dt("2023-04-01"), D(2023, 4, 1));
	assert_int_equal(parse_dt("2020-01-01T00:00:00"), D(2020, 1, 1));   /* pandas' Timestamp */
	assert_int_equal(parse_dt("2022-07-21T10:12:28Z"), D(2022, 7, 21));   /* CIN header DateTime */
	assert_int_equal(parse_dt("2023-04-01T23:59:60.123+01:00"), D(2023, 4, 1));
	assert_int_equal(parse_dt("2023-04-01T09:30-0500"), D(2023, 4, 1));
	assert_int_equal(parse_dt("2023-04-01 00:00:00"), D(2023, 4, 1));
	assert_int_equal(parse_dt("01/04/2023 9:30"), D(2023, 4, 1));
	assert_int_equal(parse_dt(" 01/04/2023 00:00 "), D(2023, 4, 1));
	const char *bad[] = {
		"01/04/2023T", "2023-04-01T", "01/04/2023 T1", "2023-04-01Tfoo",
		"2023-04-01T24:00", "2023-04-01T10:60", "2023-04-01T10:6", "2023-04-01T10:00:61",
		"2023-04-01T10", "2023-04-01T10:00:", "2023-04-01T10:00:00.", "2023-04-01T10:00+",
		"2023-04-01T10:00+1", "2023-04-01T10:00Zx", "2023-04-01  10:00", "2023-04-01x10:00",
		"31/04/2023 00:00", "01/04/2023 00:00 junk",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		cf_date d;
		if (cf_date_parse_datetime(bad[i], strlen(bad[i]), &d) == 0)
			fail_msg("'%s' parsed as a date and time", bad[i]);
	}
}

static void test_format_roundtrip(void **state)
{
	char buf[11];
	cf_date_format(D(2024, 2, 29), buf);
	assert_string_equal(buf, "2024-02-29");
	cf_date_format(CF_DATE_NONE, buf);
	assert_string_equal(buf, "");
	for (cf_date d = D(1899, 12, 25); d < D(2101, 1, 10); d += 17) {
		int y, m, dd;
		cf_date_to_ymd(d, &y, &m, &dd);
		assert_int_equal(cf_date_from_ymd(y, m, dd), d);
		cf_date_format(d, buf);
		assert_int_equal(parse(buf), d);
	}
}

static void test_leap_years(void **state)
{
	assert_int_equal(cf_date_days_in_month(2024, 2), 29);
	assert_int_equal(cf_date_days_in_month(2023, 2), 28);
	assert_int_equal(cf_date_days_in_month(1900, 2), 28);
	assert_int_equal(cf_date_days_in_month(2000, 2), 29);
	assert_int_equal(D(2025, 1, 1) - D(2024, 1, 1), 366);
	assert_int_equal(D(2024, 1, 1) - D(2023, 1, 1), 365);
	assert_int_equal(cf_date_add_years(D(2024, 2, 29), 1), D(2025, 2, 28));
	assert_int_equal(cf_date_add_years(D(2024, 2, 29), 4), D(2028, 2, 29));
	assert_int_equal(cf_date_add_months(D(2023, 1, 31), 1), D(2023, 2, 28));
	assert_int_equal(cf_date_add_months(D(2023, 3, 31), -1), D(2023, 2, 28));
	assert_int_equal(cf_date_add_months(D(2023, 12, 15), 2), D(2024, 2, 15));
}

static void test_weekday(void **state)
{
	assert_int_equal(cf_date_weekday(D(1970, 1, 1)), 3);   /* Thursday */
	assert_int_equal(cf_date_weekday(D(2024, 3, 31)), 6);  /* Sunday */
	assert_int_equal(cf_date_weekday(D(2023, 5, 8)), 0);   /* Monday */
	assert_int_equal(cf_date_weekday(D(1969, 12, 31)), 2); /* before the epoch */
}

static void test_ages(void **state)
{
	cf_date dob = D(2010, 6, 15);
	assert_int_equal(cf_date_age(dob, D(2024, 6, 14)), 13);
	assert_int_equal(cf_date_age(dob, D(2024, 6, 15)), 14);   /* on the birthday */
	assert_int_equal(cf_date_age(dob, D(2024, 6, 16)), 14);
	assert_int_equal(cf_date_age(dob, D(2010, 6, 15)), 0);
	assert_int_equal(cf_date_age(dob, D(2011, 6, 14)), 0);
	/* born 29 February: a year older on 1 March in other years */
	cf_date leap = D(2008, 2, 29);
	assert_int_equal(cf_date_age(leap, D(2023, 2, 28)), 14);
	assert_int_equal(cf_date_age(leap, D(2023, 3, 1)), 15);
	assert_int_equal(cf_date_age(leap, D(2024, 2, 28)), 15);
	assert_int_equal(cf_date_age(leap, D(2024, 2, 29)), 16);
	/* age at 31 March for the statutory year */
	assert_int_equal(cf_date_age(D(2006, 4, 1), D(2024, 3, 31)), 17);
	assert_int_equal(cf_date_age(D(2006, 3, 31), D(2024, 3, 31)), 18);
}

static void test_financial_year(void **state)
{
	assert_int_equal(cf_date_fy(D(2023, 4, 1)), 2023);
	assert_int_equal(cf_date_fy(D(2024, 3, 31)), 2023);
	assert_int_equal(cf_date_fy(D(2023, 3, 31)), 2022);
	assert_int_equal(cf_date_fy(D(2024, 1, 1)), 2023);
	assert_int_equal(cf_date_fy_start(2023), D(2023, 4, 1));
	assert_int_equal(cf_date_fy_end(2023), D(2024, 3, 31));
}

/* gov.uk's list for England and Wales, 2019-2024 */
static const char *const holidays[] = {
	"2019-01-01", "2019-04-19", "2019-04-22", "2019-05-06", "2019-05-27", "2019-08-26", "2019-12-25", "2019-12-26",
	"2020-01-01", "2020-04-10", "2020-04-13", "2020-05-08", "2020-05-25", "2020-08-31", "2020-12-25", "2020-12-28",
	"2021-01-01", "2021-04-02", "2021-04-05", "2021-05-03", "2021-05-31", "2021-08-30", "2021-12-27", "2021-12-28",
	"2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02", "2022-06-03", "2022-08-29", "2022-09-19",
	"2022-12-26", "2022-12-27",
	"2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-08", "2023-05-29", "2023-08-28", "2023-12-25",
	"2023-12-26",
	"2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06", "2024-05-27", "2024-08-26", "2024-12-25", "2024-12-26",
};
#define NHOLIDAYS (sizeof holidays / sizeof holidays[0])

static void test_bank_holidays_2019_2024(void **state)
{
	/* exactly these days, no others */
	size_t found = 0;
	for (cf_date d = D(2019, 1, 1); d <= D(2024, 12, 31); d++) {
		char buf[11];
		cf_date_format(d, buf);
		int listed = 0;
		for (size_t i = 0; i < NHOLIDAYS; i++)
			listed |= !strcmp(holidays[i], buf);
		if (listed != cf_date_is_bank_holiday(d))
			fail_msg("%s: expected %s bank holiday", buf, listed ? "a" : "not a");
		found += (size_t)listed;
	}
	assert_int_equal(found, NHOLIDAYS);
	/* the one-off days and the moved ones, by name */
	assert_true(cf_date_is_bank_holiday(D(2020, 5, 8)));    /* VE day, in place of 4 May */
	assert_false(cf_date_is_bank_holiday(D(2020, 5, 4)));
	assert_true(cf_date_is_bank_holiday(D(2022, 6, 2)));    /* jubilee: spring holiday moved */
	assert_true(cf_date_is_bank_holiday(D(2022, 6, 3)));
	assert_false(cf_date_is_bank_holiday(D(2022, 5, 30)));
	assert_true(cf_date_is_bank_holiday(D(2022, 9, 19)));   /* state funeral */
	assert_true(cf_date_is_bank_holiday(D(2023, 5, 8)));    /* coronation */
	assert_true(cf_date_is_bank_holiday(D(2021, 12, 27)));  /* Christmas on a Saturday */
	assert_true(cf_date_is_bank_holiday(D(2021, 12, 28)));  /* Boxing Day on a Sunday */
	assert_false(cf_date_is_bank_holiday(D(2021, 12, 25)));
	assert_true(cf_date_is_bank_holiday(D(2022, 1, 3)));    /* New Year on a Saturday */
}

static void test_working_days(void **state)
{
	assert_true(cf_date_is_working_day(D(2023, 5, 9)));
	assert_false(cf_date_is_working_day(D(2023, 5, 8)));   /* coronation */
	assert_false(cf_date_is_working_day(D(2023, 5, 6)));   /* Saturday */
	/* the start day is day 0 */
	assert_int_equal(cf_date_working_days(D(2023, 5, 9), D(2023, 5, 9)), 0);
	assert_int_equal(cf_date_working_days(D(2023, 5, 9), D(2023, 5, 10)), 1);
	/* Wed 1 June 2022 to Mon 6 June: Thu and Fri were the jubilee */
	assert_int_equal(cf_date_working_days(D(2022, 6, 1), D(2022, 6, 6)), 1);
	/* Fri 24 Dec 2021 to Tue 4 Jan 2022: 27, 28 Dec and 3 Jan are holidays */
	assert_int_equal(cf_date_working_days(D(2021, 12, 24), D(2022, 1, 4)), 4);
	assert_int_equal(cf_date_working_days(D(2022, 1, 4), D(2021, 12, 24)), -4);
	/* a whole statutory year, and six years */
	assert_int_equal(cf_date_working_days(D(2023, 4, 1), D(2024, 3, 31)), 250);
	assert_int_equal(cf_date_working_days(D(2019, 1, 1), D(2024, 12, 31)), 1515);
}

static void test_45th_working_day(void **state)
{
	/* from Mon 3 April 2023: Easter (7, 10 Apr), 1, 8 and 29 May fall inside */
	assert_int_equal(cf_date_add_working_days(D(2023, 4, 3), 45), D(2023, 6, 12));
	assert_int_equal(cf_date_working_days(D(2023, 4, 3), D(2023, 6, 12)), 45);
	assert_int_equal(cf_date_working_days(D(2023, 4, 3), D(2023, 6, 9)), 44);
	assert_int_equal(cf_date_add_working_days(D(2022, 5, 20), 45), D(2022, 7, 26));
	assert_int_equal(cf_date_add_working_days(D(2020, 4, 1), 45), D(2020, 6, 9));
	assert_int_equal(cf_date_add_working_days(D(2021, 11, 15), 45), D(2022, 1, 20));
	/* 15 working days, the ICPC target */
	assert_int_equal(cf_date_add_working_days(D(2019, 12, 2), 15), D(2019, 12, 23));
	assert_int_equal(cf_date_add_working_days(D(2024, 3, 1), 15), D(2024, 3, 22));
	assert_int_equal(cf_date_add_working_days(D(2023, 5, 5), 0), D(2023, 5, 5));
	/* working_days and add_working_days agree everywhere in the range */
	for (cf_date d = D(2019, 1, 1); d < D(2024, 11, 1); d += 5) {
		cf_date e = cf_date_add_working_days(d, 45);
		assert_int_equal(cf_date_working_days(d, e), 45);
		assert_true(cf_date_is_working_day(e));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_accepted),
		cmocka_unit_test(test_parse_rejected),
		cmocka_unit_test(test_parse_datetime),
		cmocka_unit_test(test_format_roundtrip),
		cmocka_unit_test(test_leap_years),
		cmocka_unit_test(test_weekday),
		cmocka_unit_test(test_ages),
		cmocka_unit_test(test_financial_year),
		cmocka_unit_test(test_bank_holidays_2019_2024),
		cmocka_unit_test(test_working_days),
		cmocka_unit_test(test_45th_working_day),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
