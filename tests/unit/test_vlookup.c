/* The placement fields derived from the ONS lookups: distances as DfE's
 * tool rounds them, and every episode's PL_LA, PL_LOCATION and PL_DISTANCE
 * in the hand-worked cases of tests/cases/validate_lookups/ (derived.csv). */
#include <dirent.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "validate/vload.h"
#include "validate/vlookup.h"
#include "base/csv.h"

static void test_miles(void **state)
{
	(void)state;
	/* 5 km is 3.1069 miles; 16.093 km exactly 10 */
	assert_true(vlookup_miles(400000, 300000, 403000, 304000) == 3.1);
	assert_true(vlookup_miles(400000, 300000, 400000, 316093) == 10.0);
	assert_true(vlookup_miles(1, 1, 1, 1) == 0.0);
	/* numpy rounds x * 10 half to even: 0.25 miles (402.325 m) gives 0.2 */
	assert_true(vlookup_miles(0, 0, 402.325, 0) == 0.2);
	assert_true(isnan(vlookup_miles(NAN, 300000, 403000, 304000)));
	assert_true(isnan(vlookup_miles(400000, 300000, 403000, NAN)));
}

static void test_keys(void **state)
{
	(void)state;
	char k[PCDIR_KEY_MAX + 1];
	assert_int_equal(pcdir_key("ls1 4ab", 0, k), 0);
	assert_string_equal(k, "LS14AB");
	assert_int_equal(pcdir_key("LS1 4", 0, k), 0);
	assert_string_equal(k, "LS14");   /* a sector matched as DfE's tool does: no postcode */
	assert_int_equal(pcdir_key("LS1 4AB", 1, k), 0);
	assert_string_equal(k, "LS1 4");
	assert_int_equal(pcdir_key("   ", 0, k), -1);
	assert_int_equal(pcdir_key("NOT A POSTCODE", 0, k), -1);
	assert_int_equal(pcdir_key("NOT A POSTCODE", 1, k), -1);
}

static const char *value_of(struct vframe *f, const char *col, long r)
{
	int c = vframe_colno(f, col);
	const char *v = c >= 0 ? f->cols[c]->v[r] : NULL;
	return v ? v : "";
}

/* One case: derive the fields and compare every row of derived.csv. */
static void check_case(const char *dir)
{
	char in[1024], prev[1024], pc[1024], auth[1024], want[1024], args[1024];
	snprintf(in, sizeof in, "%s/in", dir);
	snprintf(prev, sizeof prev, "%s/prev", dir);
	snprintf(pc, sizeof pc, "%s/postcodes.csv", dir);
	snprintf(auth, sizeof auth, "%s/authorities.csv", dir);
	snprintf(want, sizeof want, "%s/derived.csv", dir);
	snprintf(args, sizeof args, "%s/args", dir);
	/* the LA is the word after --la in args; a case that validates the
	 * store (--db) has postcodes as sectors only */
	char la[32] = "";
	int sectors = 0;
	FILE *fa = fopen(args, "r");
	assert_non_null(fa);
	char word[256], last[256] = "";
	while (fscanf(fa, "%255s", word) == 1) {
		if (strcmp(last, "--la") == 0)
			snprintf(la, sizeof la, "%s", word);
		sectors |= strcmp(word, "--db") == 0;
		snprintf(last, sizeof last, "%s", word);
	}
	fclose(fa);
	assert_true(la[0]);

	struct vdata vd;
	struct vlookup lk;
	struct cf_error err;
	cf_error_clear(&err);
	vdata_init(&vd);
	vlookup_init(&lk);
	char *paths[] = { in };
	assert_int_equal(vload_903_paths(&vd, paths, 1, "", &err), CF_OK);
	struct stat sb;
	if (stat(prev, &sb) == 0) {
		char *pp[] = { prev };
		assert_int_equal(vload_903_paths(&vd, pp, 1, "_last", &err), CF_OK);
	}
	int rc = vlookup_load(&lk, &vd, pc, auth, la, sectors, &err);
	if (rc)
		cf_error_print(&err);
	assert_int_equal(rc, CF_OK);
	assert_int_equal(vlookup_derive(&lk, &vd), 0);

	struct csv_reader r;
	assert_int_equal(csv_reader_open(&r, want, &err), CF_OK);
	long checked = 0;
	while (csv_reader_next(&r, &err) == 1) {
		if (r.record == 1)
			continue;
		assert_int_equal(r.nfields, 6);
		struct vframe *f = vdata_frame(&vd, r.fields[0]);
		assert_non_null(f);
		long row = atol(r.fields[1]), at = -1;
		for (long i = 0; i < f->nrows; i++)
			if (f->rownum[i] == row)
				at = i;
		assert_true(at >= 0);
		print_message("# %s %s row %ld %s: %s %s %s\n", dir + strlen(dir) - 10, r.fields[0], row, r.fields[2],
			      value_of(f, "PL_LA", at), value_of(f, "PL_LOCATION", at), value_of(f, "PL_DISTANCE", at));
		assert_string_equal(value_of(f, "CHILD", at), r.fields[2]);
		assert_string_equal(value_of(f, "PL_LA", at), r.fields[3]);
		assert_string_equal(value_of(f, "PL_LOCATION", at), r.fields[4]);
		assert_string_equal(value_of(f, "PL_DISTANCE", at), r.fields[5]);
		checked++;
	}
	csv_reader_close(&r);
	assert_true(checked > 0);
	/* every episode is in derived.csv */
	long rows = 0;
	for (int i = 0; i < vd.nframes; i++)
		if (strncmp(vd.frames[i]->name, "Episodes", 8) == 0)
			rows += vd.frames[i]->nrows;
	assert_int_equal(checked, rows);
	vdata_release(&vd);
	vlookup_release(&lk);
}

static void test_cases(void **state)
{
	(void)state;
	const char *top = getenv("CASEFLOW_TOP");
	char base[1024];
	snprintf(base, sizeof base, "%s/tests/cases/validate_lookups", top ? top : ".");
	DIR *d = opendir(base);
	assert_non_null(d);
	struct dirent *e;
	int n = 0;
	while ((e = readdir(d))) {
		char dir[2048];
		struct stat sb;
		if (e->d_name[0] == '.')
			continue;
		snprintf(dir, sizeof dir, "%s/%s", base, e->d_name);
		if (stat(dir, &sb) == 0 && S_ISDIR(sb.st_mode)) {
			check_case(dir);
			n++;
		}
	}
	closedir(d);
	assert_true(n >= 2);
}

/* A directory row whose grid reference is not a number names where. */
static void test_bad_directory(void **state)
{
	(void)state;
	char path[] = "/tmp/caseflow_pcdir_XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	fputs("pcds,east1m,north1m,lad25cd\nAA1 1AA,1,2,E08000001\nAA1 1AB,x,2,E08000001\n", f);
	fclose(f);
	struct pcdir d;
	struct cf_error err;
	cf_error_clear(&err);
	pcdir_init(&d);
	assert_int_equal(pcdir_want(&d, "AA1 1AB", 0), 0);
	assert_int_equal(pcdir_read(&d, path, &err), CF_EINPUT);
	assert_int_equal(err.line, 3);
	assert_string_equal(err.column, "east1m");
	assert_string_equal(err.value, "x");
	pcdir_release(&d);
	/* a row not asked for is not even parsed */
	pcdir_init(&d);
	cf_error_clear(&err);
	assert_int_equal(pcdir_want(&d, "aa11aa", 0), 0);
	assert_int_equal(pcdir_read(&d, path, &err), CF_OK);
	const struct pcdir_entry *e = pcdir_find(&d, "AA1 1AA", 0);
	assert_non_null(e);
	assert_true(e->found && e->east == 1 && e->north == 2);
	assert_string_equal(pcdir_la(&d, e->la), "E08000001");
	assert_null(pcdir_find(&d, "AA1 1AB", 0));
	assert_int_equal(d.rows, 2);
	pcdir_release(&d);
	remove(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_miles),
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_bad_directory),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
