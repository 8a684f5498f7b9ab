/* Normalising raw values: dates, flags, codes, numbers, postcode sectors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "formats/value.h"

#define S(x) x, strlen(x)

static void test_dates(void **state)
{
	struct value v;
	value_date(S(" 01/05/2023 "), &v);
	assert_int_equal(v.status, VALUE_OK);
	assert_string_equal(v.out, "2023-05-01");
	value_date(S("2024-03-31T00:00:00"), &v);
	assert_string_equal(v.out, "2024-03-31");
	value_date(S("01/04/2023T"), &v);              /* trailing garbage is not a time */
	assert_int_equal(v.status, VALUE_ISSUE);
	assert_string_equal(v.kind, "bad_date");
	assert_string_equal(v.out, "01/04/2023T");
	value_date(S("01/04/2023 25:00"), &v);
	assert_int_equal(v.status, VALUE_ISSUE);
	value_date(S("2023-13-01"), &v);
	assert_int_equal(v.status, VALUE_ISSUE);
	assert_string_equal(v.kind, "bad_date");
	assert_string_equal(v.out, "2023-13-01");      /* kept as given */
	value_date(S("   "), &v);
	assert_int_equal(v.status, VALUE_EMPTY);
	value_date(NULL, 0, &v);
	assert_int_equal(v.status, VALUE_EMPTY);
}

static void test_flags(void **state)
{
	struct value v;
	value_flag(S("1"), 1, &v);
	assert_int_equal(v.status, VALUE_OK);
	assert_string_equal(v.out, "1");
	value_flag(S("false"), 1, &v);              /* readable, but not as the XSD says */
	assert_int_equal(v.status, VALUE_NOTE);
	assert_string_equal(v.out, "0");
	assert_string_equal(v.kind, "nonstandard_value");
	value_flag(S("false"), 0, &v);              /* a local CSV may say so */
	assert_int_equal(v.status, VALUE_OK);
	value_flag(S("a) Yes"), 0, &v);
	assert_string_equal(v.out, "1");
	value_flag(S("b) No"), 0, &v);
	assert_string_equal(v.out, "0");
	value_flag(S("maybe"), 0, &v);
	assert_int_equal(v.status, VALUE_ISSUE);
	assert_string_equal(v.out, "maybe");
}

static void test_codes(void **state)
{
	struct value v;
	value_code(S(" n4 "), "N1 N4", &v);
	assert_int_equal(v.status, VALUE_OK);
	assert_string_equal(v.out, "N4");
	value_code(S("N10"), "N1 N4", &v);
	assert_int_equal(v.status, VALUE_ISSUE);
	assert_string_equal(v.kind, "unknown_code");
	value_code(S("anything"), NULL, &v);
	assert_string_equal(v.out, "ANYTHING");
	value_codes(S("2a   3B\n"), "2A 3B", &v);
	assert_int_equal(v.status, VALUE_OK);
	assert_string_equal(v.out, "2A 3B");
	value_codes(S("1C RB 6B"), "1C 6B", &v);
	assert_int_equal(v.status, VALUE_ISSUE);
	assert_string_equal(v.out, "1C RB 6B");
	assert_true(value_in_list("RC9", 3, "RC1 RC9"));
	assert_false(value_in_list("RC", 2, "RC1 RC9"));
}

static void test_numbers(void **state)
{
	struct value v;
	value_count(S("10"), &v);
	assert_string_equal(v.out, "10");
	value_count(S("3.0"), &v);                   /* spreadsheets */
	assert_int_equal(v.status, VALUE_OK);
	assert_string_equal(v.out, "3");
	value_count(S("3.5"), &v);
	assert_int_equal(v.status, VALUE_ISSUE);
	value_count(S("-1"), &v);
	assert_int_equal(v.status, VALUE_ISSUE);
	value_decimal(S("0.521371"), &v);
	assert_int_equal(v.status, VALUE_OK);
	value_decimal(S("1e"), &v);
	assert_int_equal(v.status, VALUE_ISSUE);
	assert_string_equal(v.kind, "bad_number");
}

static void test_areas(void **state)
{
	struct value v;
	value_sector(S("ls1 4ab"), &v);
	assert_int_equal(v.status, VALUE_OK);
	assert_string_equal(v.out, "LS1 4");
	value_sector(S("LS1 4"), &v);                 /* already a sector */
	assert_string_equal(v.out, "LS1 4");
	value_sector(S("EC1A 1BB"), &v);
	assert_string_equal(v.out, "EC1A 1");
	value_sector(S("LS14"), &v);                  /* an outward code, not a sector */
	assert_int_equal(v.status, VALUE_ISSUE);
	assert_string_equal(v.out, "");               /* never stored as given */
	value_area(S("e05001234"), &v);
	assert_string_equal(v.out, "E05001234");
	value_area(S("M1 1AE"), &v);
	assert_string_equal(v.out, "M1 1");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dates), cmocka_unit_test(test_flags), cmocka_unit_test(test_codes),
		cmocka_unit_test(test_numbers), cmocka_unit_test(test_areas),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
