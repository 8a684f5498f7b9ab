/* DfE's labels for codes: any case, spacing and punctuation; "CODE - label";
 * only among the field's own codes; no label means no code. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "formats/code_labels.h"
#include "formats/value.h"

#define LS "C1 C2 D1 E1 J1 J2 J3 L1 L2 L3 V2 V3 V4"
#define RNE "S P L T B U"
#define PLACE "A3 A4 A5 A6 H5 K1 K2 K3 P1 P2 P3 P4 R1 R2 R3 R5 S1 T0 T1 T2 T3 T4 U1 U2 U3 U4 U5 U6 Z1"

static const char *look(const char *codes, const char *s)
{
	return code_label_lookup(codes, s, strlen(s));
}

static void test_labels(void **state)
{
	assert_string_equal(look(LS, "Full care order"), "C2");
	assert_string_equal(look(LS, "  FULL   CARE ORDER "), "C2");
	assert_string_equal(look(LS, "C2 - Full care order"), "C2");
	assert_null(look(LS, "C1 - Full care order"));          /* a code with another code's label */
	assert_string_equal(look(RNE, "Change of placement"), "P");
	assert_string_equal(look(RNE, "change of placement (but same carer(s)) only"), "T");
	assert_string_equal(look(RNE, "Started to be looked-after"), "S");
	/* an en dash and a curly apostrophe as Word writes them */
	assert_string_equal(look(PLACE, "Foster placement with other foster carer(s) \xe2\x80\x93 long term fostering"), "U4");
	assert_string_equal(look(PLACE, "Children\xe2\x80\x99s homes subject to Children\xe2\x80\x99s Homes Regulations"), "K2");
	/* only the field's own codes: "Died" is E2 for REC and RC2 for CIN closure */
	assert_string_equal(look("E2 E3 X1", "Died"), "E2");
	assert_string_equal(look("RC1 RC2 RC3", "died"), "RC2");
	assert_null(look(LS, "Died"));
	assert_null(look(LS, "Care order (full)"));
	assert_null(look(LS, ""));
	assert_null(look(NULL, "Full care order"));
}

static void test_value_code(void **state)
{
	struct value v;
	value_code("Abuse or neglect", 16, "N1 N2 N3", &v);
	assert_int_equal(v.status, VALUE_NOTE);
	assert_string_equal(v.kind, "label_mapped");
	assert_string_equal(v.out, "N1");
	value_code("N9", 2, "N1 N2 N3", &v);
	assert_int_equal(v.status, VALUE_ISSUE);
	assert_string_equal(v.kind, "unknown_code");
	value_code("n2", 2, "N1 N2 N3", &v);
	assert_int_equal(v.status, VALUE_OK);
	assert_string_equal(v.out, "N2");
}

int main(void)
{
	const struct CMUnitTest tests[] = { cmocka_unit_test(test_labels), cmocka_unit_test(test_value_code) };
	return cmocka_run_group_tests(tests, NULL, NULL);
}
