/* Ofsted's provider list: the postcode district and grade read from it
 * (store/load_providers.c), the SSDA903 codes its types and sectors stand
 * for (validate/vproviders.c), and rule 221 matching a placement's postcode
 * by district when the list gives no more. Each case worked by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "store/load_providers_int.h"
#include "validate/validate.h"

static int district(const char *s, char out[8]) { return load_providers_district(s, strlen(s), out); }
static int grade(const char *s) { return load_providers_rating(s, strlen(s)); }

static void test_district(void **state)
{
	(void)state;
	char d[8];
	assert_int_equal(district("LS1 4AB", d), 0);
	assert_string_equal(d, "LS1");
	assert_int_equal(district(" ls14ab ", d), 0);   /* no space: the inward code is the last three */
	assert_string_equal(d, "LS1");
	assert_int_equal(district("SW1A 1AA", d), 0);
	assert_string_equal(d, "SW1A");
	assert_int_equal(district("LS1 4", d), 0);       /* a sector */
	assert_string_equal(d, "LS1");
	assert_int_equal(district("M1", d), 0);          /* a district */
	assert_string_equal(d, "M1");
	assert_int_equal(district("not a postcode", d), -1);
	assert_int_equal(district("12345", d), -1);
	assert_int_equal(district("ABCDE", d), -1);
}

static void test_grade(void **state)
{
	(void)state;
	assert_int_equal(grade("Outstanding"), 1);
	assert_int_equal(grade("good"), 2);
	assert_int_equal(grade("Requires improvement to be good"), 3);
	assert_int_equal(grade("Inadequate"), 4);
	assert_int_equal(grade("2"), 2);
	assert_int_equal(grade("5"), -1);
	assert_int_equal(grade("Not yet inspected"), 0);
	assert_int_equal(grade("  "), 0);
	assert_int_equal(grade("Excellent"), -1);
}

static void test_codes(void **state)
{
	(void)state;
	assert_string_equal(vproviders_place_codes("Children's home", ""), "K2");
	assert_string_equal(vproviders_place_codes("Secure children's home", NULL), "K1");
	/* the subtype first: a school registered as a children's home is one */
	assert_string_equal(vproviders_place_codes("Residential special school",
						   "Residential special school (registered as a children's home)"),
			    "K2");
	assert_string_equal(vproviders_place_codes("Residential special school", ""), "S1");
	assert_string_equal(vproviders_place_codes("Independent fostering agency", ""), "U1,U2,U3,U4,U5,U6");
	assert_string_equal(vproviders_place_codes("Residential family centre", ""), "R3");
	assert_string_equal(vproviders_place_codes("Supported accommodation", ""), "H5,K3");
	assert_null(vproviders_place_codes("Residential holiday scheme for disabled children", ""));
	assert_string_equal(vproviders_provider_codes("Local authority"), "PR1,PR2");
	assert_string_equal(vproviders_provider_codes("Private"), "PR4");
	assert_string_equal(vproviders_provider_codes("Voluntary"), "PR5");
	assert_string_equal(vproviders_provider_codes("Health authority"), "PR3");
	assert_null(vproviders_provider_codes(""));
}

static void set_row(struct vframe *f, const char *const *vals)
{
	long r = vframe_add_row(f, f->nrows);
	assert_true(r >= 0);
	for (int c = 0; c < f->ncols; c++)
		if (vals[c])
			assert_int_equal(vframe_set(f, c, r, vals[c], strlen(vals[c]), 0), 0);
}

/* 221 in 2023-24 on K2 placements at URN 1 (district LS1) and URN 2 (a full
 * postcode LS14AB): "LS1 4XY" and the sector "LS1 4" are in LS1; "LS2 1AA"
 * is not; at URN 2 the full postcode must match: "LS1 4AB" does, "LS1 4XY"
 * does not. Flagged: rows 2 and 4. */
static void test_221_district(void **state)
{
	(void)state;
	struct vdata vd;
	vdata_init(&vd);
	vdata_set_year(&vd, 2024);
	struct vframe *ep = vdata_add_frame(&vd, "Episodes"), *pi = vdata_add_frame(&vd, "provider_info");
	static const char *const ecols[] = { "CHILD", "LS", "PLACE", "PL_POST", "URN" };
	for (int c = 0; c < 5; c++)
		assert_int_equal(vframe_add_col(ep, ecols[c]), c);
	assert_int_equal(vframe_add_col(pi, "URN"), 0);
	assert_int_equal(vframe_add_col(pi, "POSTCODE"), 1);
	set_row(ep, (const char *[]){ "A", "C2", "K2", "LS1 4XY", "1" });
	set_row(ep, (const char *[]){ "B", "C2", "K2", "LS1 4", "1" });
	set_row(ep, (const char *[]){ "C", "C2", "K2", "LS2 1AA", "1" });
	set_row(ep, (const char *[]){ "D", "C2", "K2", "LS1 4AB", "2" });
	set_row(ep, (const char *[]){ "E", "C2", "K2", "LS1 4XY", "2" });
	set_row(pi, (const char *[]){ "1", "LS1" });
	set_row(pi, (const char *[]){ "2", "LS14AB" });
	const struct vrule *rule = validate_rule_for_year(VR_903, "221", 2024);
	assert_non_null(rule);
	struct vrun run;
	assert_int_equal(vrun_exec(&run, &vd, rule, 2024), VCHECK_RAN);
	int fi = -1;
	for (int i = 0; i < vd.nframes; i++)
		if (vd.frames[i] == ep)
			fi = i;
	assert_true(fi >= 0 && run.hits[fi]);
	const unsigned char want[5] = { 0, 0, 1, 0, 1 };
	for (int r = 0; r < 5; r++)
		assert_int_equal(run.hits[fi][r] != 0, want[r]);
	vrun_release(&run);
	vdata_release(&vd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_district),
		cmocka_unit_test(test_grade),
		cmocka_unit_test(test_codes),
		cmocka_unit_test(test_221_district),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
