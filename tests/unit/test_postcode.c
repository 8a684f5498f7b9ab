/* formats/postcode: the three forms a postcode is read in, and what is refused. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "formats/postcode.h"

static const char *sector(const char *s, unsigned forms)
{
	static char out[16];
	if (postcode_sector_of(s, strlen(s), forms, out, sizeof out) != 0)
		return "-";
	return out;
}

static void test_full(void **state)
{
	(void)state;
	assert_string_equal(sector("LS1 4AB", POSTCODE_FULL), "LS1 4");
	assert_string_equal(sector(" ls14ab ", POSTCODE_FULL), "LS1 4");
	assert_string_equal(sector("EC1A 1BB", POSTCODE_FULL), "EC1A 1");
	assert_string_equal(sector("M1 1AE", POSTCODE_FULL), "M1 1");
	assert_string_equal(sector("LS1 4", POSTCODE_FULL), "-");       /* a sector is not a postcode */
	assert_string_equal(sector("12345", POSTCODE_FULL), "-");
	assert_string_equal(sector("LS1 4AP 9", POSTCODE_FULL), "-");
	assert_string_equal(sector("LS1-4AB", POSTCODE_FULL), "-");
	assert_string_equal(sector("", POSTCODE_FULL), "-");
}

static void test_sector(void **state)
{
	(void)state;
	unsigned f = POSTCODE_FULL | POSTCODE_SECTOR;
	assert_string_equal(sector("ls1 4ab", f), "LS1 4");
	assert_string_equal(sector("LS1 4", f), "LS1 4");
	assert_string_equal(sector("LS14", f), "-");                   /* an outward code */
	assert_string_equal(sector("L S14", f), "-");
	assert_string_equal(sector("1S1 4", f), "-");
	f = POSTCODE_FULL | POSTCODE_SECTOR_NOSPACE;
	assert_string_equal(sector("LS14", f), "LS1 4");
	assert_string_equal(sector("ls1 4", f), "LS1 4");
	assert_string_equal(sector("LS1 4AB", f), "LS1 4");
	assert_string_equal(sector("LS", f), "-");
}

static void test_lookup_form(void **state)
{
	(void)state;
	char out[10];
	assert_int_equal(postcode_sector("SW1A 2AA", out), 0);
	assert_string_equal(out, "SW1A 2");
	assert_int_equal(postcode_sector("SW1A2", out), 0);
	assert_string_equal(out, "SW1A 2");
	assert_int_equal(postcode_sector(NULL, out), -1);
	assert_int_equal(postcode_sector("NOT A POSTCODE", out), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_full),
		cmocka_unit_test(test_sector),
		cmocka_unit_test(test_lookup_form),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
