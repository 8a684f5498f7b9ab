/* formats/imd: the English Indices of Deprivation read by their header, as
 * MHCLG publishes them or as a council's short lookup; postcodes kept as
 * sectors, ONS codes upper case, bad deciles reported and skipped. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "formats/imd.h"

struct got {
	char rows[8][32];
	int n;
	char issues[4][64];
	int nissues;
};

static int on_row(void *ctx, const struct imd_row *r, struct cf_error *err)
{
	struct got *g = ctx;
	if (g->n < 8)
		snprintf(g->rows[g->n++], sizeof g->rows[0], "%ld:%s=%d", r->row, r->area, r->decile);
	return CF_OK;
}

static int on_issue(void *ctx, long row, long line, const char *column, const char *value, const char *kind,
		    const char *why, struct cf_error *err)
{
	struct got *g = ctx;
	if (g->nissues < 4)
		snprintf(g->issues[g->nissues++], sizeof g->issues[0], "%ld:%s:%s", row, column, kind);
	return CF_OK;
}

/* Write text to a temporary file and read it. */
static int read_text(const char *text, struct got *g, long *rows, struct cf_error *err)
{
	char path[] = "/tmp/caseflow_test_imd_XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	memset(g, 0, sizeof *g);
	cf_error_clear(err);
	int rc = imd_read(path, on_row, on_issue, g, rows, err);
	unlink(path);
	return rc;
}

static void test_published(void **state)
{
	(void)state;
	struct got g;
	long rows;
	struct cf_error err;
	/* IoD 2019 File 7's first columns and the IMD's decile (then a domain's, not read) */
	int rc = read_text("LSOA code (2011),LSOA name (2011),Local Authority District code (2019),"
			   "Index of Multiple Deprivation (IMD) Score,Index of Multiple Deprivation (IMD) Rank (where 1 is most deprived),"
			   "Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOAs),"
			   "Income Decile (where 1 is most deprived 10% of LSOAs)\n"
			   "E01000001,City of London 001A,E09000001,6.2,29199,9,10\n"
			   "e01000002,City of London 001B,E09000001,5.1,30379,10,1\n"
			   "E01000003,City of London 001C,E09000001,19.4,14915,11,5\n"
			   "E01000005,City of London 001E,E09000001,28.6,8678,3,2\n",
			   &g, &rows, &err);
	assert_int_equal(rc, CF_OK);
	assert_int_equal(rows, 4);
	assert_int_equal(g.n, 3);
	assert_string_equal(g.rows[0], "2:E01000001=9");
	assert_string_equal(g.rows[1], "3:E01000002=10");   /* upper case, as the local extracts store ONS codes */
	assert_string_equal(g.rows[2], "5:E01000005=3");
	assert_int_equal(g.nissues, 1);
	assert_string_equal(g.issues[0], "4:imd_decile:bad_number");   /* 11 is no decile */
}

static void test_short_form(void **state)
{
	(void)state;
	struct got g;
	long rows;
	struct cf_error err;
	int rc = read_text("area,imd_decile\nLS1 4,2\nls14ab,5\nE05001234,7\n,3\nLS2 7, x\n", &g, &rows, &err);
	assert_int_equal(rc, CF_OK);
	assert_int_equal(rows, 5);
	assert_int_equal(g.n, 3);
	assert_string_equal(g.rows[0], "2:LS1 4=2");
	assert_string_equal(g.rows[1], "3:LS1 4=5");   /* a full postcode is kept as its sector */
	assert_string_equal(g.rows[2], "4:E05001234=7");
	assert_int_equal(g.nissues, 2);
	assert_string_equal(g.issues[0], "5:area:missing_value");
	assert_string_equal(g.issues[1], "6:imd_decile:bad_number");
}

static void test_not_a_lookup(void **state)
{
	(void)state;
	struct got g;
	long rows;
	struct cf_error err;
	char *f1[] = { "area", "locality" }, *f2[] = { "LSOA code (2021)", "Index of Multiple Deprivation (IMD) Decile" };
	size_t l1[] = { 4, 8 }, l2[] = { strlen(f2[0]), strlen(f2[1]) };
	assert_false(imd_is_header(f1, l1, 2));
	assert_true(imd_is_header(f2, l2, 2));
	assert_int_equal(read_text("area,locality\nLS1 4,Central\n", &g, &rows, &err), CF_EINPUT);
	assert_non_null(strstr(err.msg, "not a deprivation lookup"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_published),
		cmocka_unit_test(test_short_form),
		cmocka_unit_test(test_not_a_lookup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
