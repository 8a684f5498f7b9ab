/* Recognising local CSV layouts by header. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "formats/local_csv.h"

static int recognise(const char *const *names, int n, enum local_kind *kind, int *colmap)
{
	char *fields[16];
	size_t lens[16];
	for (int i = 0; i < n; i++) {
		fields[i] = (char *)names[i];
		lens[i] = strlen(names[i]);
	}
	return local_csv_recognise(fields, lens, n, kind, colmap);
}

static void test_layouts(void **state)
{
	enum local_kind k;
	int map[16];
	const char *contacts[] = { " Child_ID", "CONTACT DATE ", "source", "outcome" };
	assert_true(recognise(contacts, 4, &k, map));
	assert_int_equal(k, LOCAL_CONTACTS);
	assert_int_equal(map[0], LC_CHILD_ID);
	assert_int_equal(map[1], LC_CONTACT_DATE);

	const char *eh[] = { "family_id", "start_date", "end_date", "lead_practitioner", "outcome" };
	assert_true(recognise(eh, 5, &k, map));
	assert_int_equal(k, LOCAL_EARLY_HELP);

	const char *loc[] = { "area", "locality" };
	assert_true(recognise(loc, 2, &k, map));
	assert_int_equal(k, LOCAL_LOCALITIES);

	const char *ca[] = { "child_id", "ward", "extra" };
	assert_true(recognise(ca, 3, &k, map));
	assert_int_equal(k, LOCAL_CHILD_AREAS);
	assert_int_equal(map[1], LC_WARD);
	assert_int_equal(map[2], -1);

	const char *pop[] = { "year", "area", "age", "count" };
	assert_true(recognise(pop, 4, &k, map));
	assert_int_equal(k, LOCAL_POPULATION);
	/* a column of another layout is not this layout's */
	const char *pop2[] = { "year", "area", "age", "count", "locality" };
	assert_true(recognise(pop2, 5, &k, map));
	assert_int_equal(k, LOCAL_POPULATION);
	assert_int_equal(map[4], -1);
}

static void test_not_local(void **state)
{
	enum local_kind k;
	/* DfE tidy data belongs to the benchmark reader */
	const char *dfe[] = { "time_period", "area", "age", "count", "year" };
	assert_false(recognise(dfe, 5, &k, NULL));
	const char *s903[] = { "CHILD", "DECOM", "RNE", "LS" };
	assert_false(recognise(s903, 4, &k, NULL));
	const char *half[] = { "child_id", "source" };        /* no contact_date */
	assert_false(recognise(half, 2, &k, NULL));
	const char *eh_no_detail[] = { "child_id", "start_date" };  /* early help needs an end, lead or outcome */
	assert_false(recognise(eh_no_detail, 2, &k, NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = { cmocka_unit_test(test_layouts), cmocka_unit_test(test_not_local) };
	return cmocka_run_group_tests(tests, NULL, NULL);
}
