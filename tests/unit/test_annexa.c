/* Annex A: list names, codes inside labels, header and label matching
 * (standard names, and the built-in spellings from Ofsted's schema). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "formats/annexa.h"

static void test_list_names(void **state)
{
	assert_int_equal(annexa_list_of_name("List 1"), 1);
	assert_int_equal(annexa_list_of_name("list10"), 10);
	assert_int_equal(annexa_list_of_name("List 3 - Referrals"), 3);
	assert_int_equal(annexa_list_of_name("/data/Annex_A_List_11.csv"), 11);
	assert_int_equal(annexa_list_of_name("List 12"), 0);
	assert_int_equal(annexa_list_of_name("Checklist 3"), 0);
	assert_int_equal(annexa_list_of_name("Sheet1"), 0);
	assert_int_equal(annexa_list_ncols(1), 7);
	assert_int_equal(annexa_list_ncols(7), 17);
	assert_int_equal(annexa_list_ncols(11), 19);
}

static void test_codes_in_labels(void **state)
{
	char c[16];
	assert_int_equal(annexa_code_in_label("q) 6: Police", c, sizeof c), 0);
	assert_string_equal(c, "6");
	assert_int_equal(annexa_code_in_label("e) 2A: Schools", c, sizeof c), 0);
	assert_string_equal(c, "2A");
	assert_int_equal(annexa_code_in_label("N1 - Abuse or Neglect", c, sizeof c), 0);
	assert_string_equal(c, "N1");
	assert_int_equal(annexa_code_in_label("U1: Foster placement with relative or friend", c, sizeof c), 0);
	assert_string_equal(c, "U1");
	assert_int_equal(annexa_code_in_label("p1) 5D: LA services", c, sizeof c), 0);
	assert_string_equal(c, "5D");
	assert_int_equal(annexa_code_in_label("a) WBRI", c, sizeof c), 0);
	assert_string_equal(c, "WBRI");
	assert_int_equal(annexa_code_in_label("RC1 Adopted", c, sizeof c), 0);
	assert_string_equal(c, "RC1");
	assert_int_equal(annexa_code_in_label("a) Yes", c, sizeof c), -1);
	assert_int_equal(annexa_code_in_label("Female", c, sizeof c), -1);
	assert_int_equal(annexa_code_in_label("Early Help Service", c, sizeof c), -1);
}

static void test_builtin_headers(void **state)
{
	/* no schema: standard names only, any case and spacing */
	assert_int_equal(annexa_match_header(NULL, 3, "  date OF   referral ", NULL), 5);
	assert_int_equal(annexa_match_header(NULL, 3, "Date of the referral", NULL), -1);
	assert_null(annexa_match_label(NULL, 1, 1, "Female"));
}

/* The spellings are built in: nothing is read from any file, so this
 * holds in any working directory. */
static void test_spellings(void **state)
{
	struct annexa_schema *s;
	struct cf_error err;
	cf_error_clear(&err);
	assert_int_equal(annexa_schema_load(&s, &err), CF_OK);
	int columns, regexes;
	long labels;
	annexa_schema_counts(s, &columns, &labels, &regexes);
	assert_true(columns > 100);      /* most columns of the 11 lists have spellings */
	assert_true(labels > 5000);
	assert_true(regexes >= 14);
	/* header spellings (header_regex) */
	assert_int_equal(annexa_match_header(s, 1, "Age", NULL), 4);
	assert_int_equal(annexa_match_header(s, 1, "CHILD ID", NULL), 0);
	assert_int_equal(annexa_match_header(s, 3, "Date of the referral", NULL), 5);
	assert_int_equal(annexa_match_header(s, 3, "Referral source (DfE code)", NULL), 6);
	assert_int_equal(annexa_match_header(s, 8,
		"Number of Episodes the Child has been Missing from their Placement in the last 12 months", NULL), 28);
	/* a taken column is not matched twice */
	unsigned char taken[ANNEXA_MAXCOLS] = { 0 };
	taken[4] = 1;
	assert_int_equal(annexa_match_header(s, 1, "Age", taken), -1);
	/* value spellings (category names), case and spaces ignored */
	assert_string_equal(annexa_match_label(s, 1, 1, "female"), "b) Female");
	assert_string_equal(annexa_match_label(s, 1, 1, "2"), "b) Female");
	assert_string_equal(annexa_match_label(s, 3, 7, "  NFA "), "Yes");
	assert_string_equal(annexa_match_label(s, 3, 7, "b) No"), "No");
	assert_string_equal(annexa_match_label(s, 1, 6, "q) 6: Police"), annexa_match_label(s, 3, 6, "q) 6: Police"));
	assert_null(annexa_match_label(s, 1, 1, "not a gender"));
	/* wrapped names and quoted codes */
	assert_non_null(annexa_match_label(s, 1, 6, "1B - Acquaintance (including friends, neighbours and child minders)"));
	annexa_schema_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_list_names), cmocka_unit_test(test_codes_in_labels),
		cmocka_unit_test(test_builtin_headers), cmocka_unit_test(test_spellings),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
