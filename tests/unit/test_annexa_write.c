/* The Annex A writer: Ofsted's spellings of stored codes, and a row of
 * stored values written and read back by the Annex A reader cell by cell. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "formats/annexa.h"
#include "formats/annexa_write.h"

static void test_labels(void **state)
{
	assert_string_equal(annexa_label(AXC_SOURCE, "6"), "q) 6: Police");
	assert_string_equal(annexa_label(AXC_SOURCE, "5D"), "p1) 5D: LA services");
	assert_string_equal(annexa_label(AXC_ETHNIC, "WBRI"), "a) WBRI");
	assert_string_equal(annexa_label(AXC_ABUSE, "NEG"), "a) Neglect");
	assert_string_equal(annexa_label(AXC_CLOSURE, "RC8"), "RC8 - Case closed after assessment, no further action");
	assert_string_equal(annexa_label(AXC_LEGAL, "C2"), "C2: FCO");
	/* a code the template has no label for stays the code: nothing dropped */
	assert_string_equal(annexa_label(AXC_SOURCE, "ZZ"), "ZZ");
	assert_null(annexa_label(AXC_SOURCE, NULL));
}

struct got {
	int rows;
	char vals[ANNEXA_MAXCOLS][128];
	int present[ANNEXA_MAXCOLS];
};

static int on_row(void *ctx, const struct annexa_row *r, struct cf_error *err)
{
	struct got *g = ctx;
	if (r->list != 3)
		return CF_OK;
	g->rows++;
	for (int c = 0; c < annexa_list_ncols(3); c++)
		if (r->vals[c] && r->vals[c][0]) {
			snprintf(g->vals[c], sizeof g->vals[c], "%s", r->vals[c]);
			g->present[c] = 1;
		}
	return CF_OK;
}

/* List 3 from stored values: child, gender (a category), ethnicity (a
 * code), birth, age, referral date, source "1A", NFA 1, count 2, team. */
static void test_row_round_trip(void **state)
{
	char path[] = "/tmp/test_annexa_write_XXXXXX.xlsx";
	int fd = mkstemps(path, 5);
	assert_true(fd >= 0);
	close(fd);
	struct annexa_writer w;
	struct annexa_head head = { "test", NULL, 0 };
	struct cf_error err;
	cf_error_clear(&err);
	assert_int_equal(annexa_writer_open(&w, path, &head, &err), CF_OK);
	const char *vals[ANNEXA_MAXCOLS] = { "C1", "b) Female", "WBRI", "2015-06-30", "8", "2023-11-02", "1A", "1", "2",
					     "North Team", NULL };
	annexa_writer_stored_row(&w, 3, vals);
	assert_int_equal(annexa_writer_close(&w, &err), CF_OK);

	struct got g;
	memset(&g, 0, sizeof g);
	struct annexa_handler h = { NULL, on_row };
	assert_int_equal(annexa_read_xlsx(path, NULL, &h, &g, &err), CF_OK);
	unlink(path);
	assert_int_equal(g.rows, 1);
	assert_string_equal(g.vals[0], "C1");
	assert_string_equal(g.vals[1], "b) Female");
	assert_string_equal(g.vals[2], "a) WBRI");          /* the code in Ofsted's spelling */
	assert_string_equal(g.vals[3], "2015-06-30");       /* an Excel date, read back as ISO */
	assert_string_equal(g.vals[4], "8");
	assert_string_equal(g.vals[5], "2023-11-02");
	assert_string_equal(g.vals[6], "a) 1A: Individual");
	assert_string_equal(g.vals[7], "a) Yes");           /* the stored flag 1 */
	assert_string_equal(g.vals[8], "2");
	assert_string_equal(g.vals[9], "North Team");
	assert_false(g.present[10]);                        /* a blank stays blank */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_labels),
		cmocka_unit_test(test_row_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
