/* Result tables: cf_table_new_columns, the one way an analysis makes a
 * table from a list of column names and types. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "base/table.h"

static void test_new_columns(void **state)
{
	(void)state;
	static const char *const cols[] = { "group", "rows", "share" };
	static const enum cf_cell_type types[] = { CF_CELL_TEXT, CF_CELL_INT, CF_CELL_REAL };
	struct cf_table *t = cf_table_new_columns("quality", cols, types, 3);
	assert_non_null(t);
	assert_string_equal(t->name, "quality");
	assert_int_equal(t->ncols, 3);
	for (int i = 0; i < 3; i++) {
		assert_string_equal(t->cols[i].name, cols[i]);
		assert_int_equal(t->cols[i].type, types[i]);
	}
	/* a REAL column shows one decimal; the others none */
	assert_int_equal(t->cols[0].decimals, 0);
	assert_int_equal(t->cols[1].decimals, 0);
	assert_int_equal(t->cols[2].decimals, 1);
	assert_int_equal(t->nrows, 0);
	cf_table_free(t);
}

static void test_too_many_columns(void **state)
{
	(void)state;
	/* a table holds 64 columns: asking for 65 gives no table at all */
	const char *cols[65];
	enum cf_cell_type types[65];
	for (int i = 0; i < 65; i++) {
		cols[i] = "c";
		types[i] = CF_CELL_INT;
	}
	assert_null(cf_table_new_columns("wide", cols, types, 65));
	struct cf_table *t = cf_table_new_columns("wide", cols, types, 64);
	assert_non_null(t);
	assert_int_equal(t->ncols, 64);
	cf_table_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_new_columns),
		cmocka_unit_test(test_too_many_columns),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
