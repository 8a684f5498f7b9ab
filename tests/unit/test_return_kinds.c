/* Return kinds as an enum, and the returns register's queries: every kind
 * a loader writes is one the enum knows (a synthetic authority of every
 * format, loaded), and the years, counts and lists the store gives back
 * are the ones written. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "formats/local_csv.h"
#include "formats/ssda903.h"
#include "store/ingest.h"
#include "store/returns.h"
#include "synth/synth.h"

static void test_names_round_trip(void **state)
{
	for (int k = RETURN_UNKNOWN + 1; k < RETURN_KIND_N; k++) {
		const char *name = return_kind_name((enum return_kind)k);
		assert_true(name[0]);
		if (k == RETURN_PROGRAMME)
			continue;   /* a programme's kind carries its sheet and name */
		assert_int_equal(return_kind_parse(name), k);
	}
	assert_int_equal(return_kind_parse("programme.costs@Edge of care"), RETURN_PROGRAMME);
	assert_int_equal(return_kind_parse("programme.forecast.f1.scenario@X"), RETURN_PROGRAMME);
	assert_int_equal(return_kind_parse("programme"), RETURN_UNKNOWN);
	assert_int_equal(return_kind_parse("ssda903.nonsense"), RETURN_UNKNOWN);
	assert_int_equal(return_kind_parse("SSDA903.EPISODES"), RETURN_UNKNOWN);   /* stored text is exact */
	assert_int_equal(return_kind_parse(""), RETURN_UNKNOWN);
	assert_int_equal(return_kind_parse(NULL), RETURN_UNKNOWN);
	assert_string_equal(return_kind_name(RETURN_KIND_N), "");
}

/* The kinds follow the formats' own table lists, in their order. */
static void test_names_follow_formats(void **state)
{
	char want[64];
	for (int t = 0; t < S903_NTABLES; t++) {
		snprintf(want, sizeof want, "ssda903.%s", ssda903_tables[t].name);
		assert_string_equal(return_kind_name((enum return_kind)(RETURN_SSDA903_HEADER + t)), want);
		assert_true(return_kind_is_ssda903((enum return_kind)(RETURN_SSDA903_HEADER + t)));
		assert_true(RETURN_KINDS_SSDA903 & RETURN_KIND_BIT(RETURN_SSDA903_HEADER + t));
	}
	assert_true(return_kind_is_ssda903(RETURN_SSDA903_XML));
	assert_false(return_kind_is_ssda903(RETURN_CIN_CENSUS));
	assert_false(RETURN_KINDS_SSDA903 & RETURN_KIND_BIT(RETURN_UNKNOWN));
	assert_false(RETURN_KINDS_SSDA903 & RETURN_KIND_BIT(RETURN_CIN_CENSUS));
	for (int k = 0; k < LOCAL_NKINDS; k++) {
		snprintf(want, sizeof want, "local.%s", local_kind_names[k]);
		assert_string_equal(return_kind_name((enum return_kind)(RETURN_LOCAL_CONTACTS + k)), want);
	}
	assert_false(RETURN_KINDS_CHILD_LEVEL & RETURN_KIND_BIT(RETURN_CSWW_CENSUS));
	assert_false(RETURN_KINDS_CHILD_LEVEL & RETURN_KIND_BIT(RETURN_LOCAL_POPULATION));
	assert_true(RETURN_KINDS_CHILD_LEVEL & RETURN_KIND_BIT(RETURN_ANNEXA_XLSX));
}

static char dir[64], db[80];

static int fail_area(void *ctx, const char *area, struct cf_error *err)
{
	++*(int *)ctx;
	return cf_error_set(err, CF_EINPUT, "stop at %s", area);
}

static int count_area(void *ctx, const char *area, struct cf_error *err)
{
	++*(int *)ctx;
	return CF_OK;
}

/* A synthetic authority of every format, 2021-22 and 2022-23 (and the
 * SSDA903 XML layout), loaded into a fresh store. */
static void test_loaded_kinds(void **state)
{
	struct cf_error err;
	cf_error_clear(&err);
	strcpy(dir, "/tmp/cf_test_kinds_XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(db, sizeof db, "%s/s.db", dir);
	char data[80];
	snprintf(data, sizeof data, "%s/data", dir);
	struct synth_options opt = { .children = 400, .years = 2, .first_year = 2021, .seed = 7, .xml = 1, .la_code = 999 };
	struct synth_world *w;
	assert_int_equal(synth_simulate(&opt, &w, &err), CF_OK);
	assert_int_equal(synth_write_all(w, data, &err), CF_OK);
	synth_free(w);
	struct store *st;
	assert_int_equal(store_open(&st, db, 0, &err), CF_OK);
	struct ingest_options io = { .quiet = 1, .loaded_by = "test" };
	struct ingest_report rep;
	memset(&rep, 0, sizeof rep);
	char *paths[] = { data };
	assert_int_equal(ingest_paths(st, paths, 1, &io, &rep, &err), CF_OK);
	int seen[RETURN_KIND_N] = { 0 };
	for (int i = 0; i < rep.nentries; i++) {
		enum return_kind k = return_kind_parse(rep.entries[i].kind);
		if (k == RETURN_UNKNOWN)
			fail_msg("ingest wrote kind '%s', which the enum does not know", rep.entries[i].kind);
		seen[k]++;
	}
	ingest_report_release(&rep);
	assert_true(seen[RETURN_SSDA903_EPISODES] && seen[RETURN_SSDA903_XML] && seen[RETURN_CIN_CENSUS] &&
		    seen[RETURN_ANNEXA_XLSX] && seen[RETURN_CSWW_CENSUS] && seen[RETURN_LOCAL_CONTACTS]);

	/* what the register gives back */
	struct return_kind_total *tot;
	int ntot;
	assert_int_equal(returns_kind_totals(st, &tot, &ntot, &err), CF_OK);
	assert_true(ntot > 5);
	for (int i = 0; i < ntot; i++) {
		assert_int_not_equal(return_kind_parse(tot[i].kind), RETURN_UNKNOWN);
		assert_true(tot[i].files > 0);
		if (i)
			assert_true(strcmp(tot[i - 1].kind, tot[i].kind) < 0);
	}
	returns_kind_totals_free(tot, ntot);

	int years[8], n;
	assert_int_equal(returns_years(st, RETURN_KINDS_SSDA903, years, 8, &n, &err), CF_OK);
	assert_int_equal(n, 2);
	assert_int_equal(years[0], 2022);
	assert_int_equal(years[1], 2023);
	assert_int_equal(returns_years(st, RETURN_KINDS_SSDA903, years, 1, &n, &err), CF_OK);   /* capped */
	assert_int_equal(n, 1);
	/* every kind named one by one (the longest filter) finds what no filter finds */
	int all[8], nall;
	assert_int_equal(returns_years(st, RETURN_KINDS_ALL, all, 8, &nall, &err), CF_OK);
	assert_int_equal(returns_years(st, (RETURN_KIND_BIT(RETURN_KIND_N) - 1) & ~1ull, years, 8, &n, &err), CF_OK);
	assert_int_equal(n, nall);
	assert_true(nall >= 2);
	assert_int_equal(returns_years(st, RETURN_KIND_BIT(RETURN_DFE_PUBLISHED), years, 8, &n, &err), CF_OK);
	assert_int_equal(n, 0);
	int first, last;
	assert_int_equal(returns_year_range(st, RETURN_KINDS_CHILD_LEVEL, &first, &last, &err), CF_OK);
	assert_int_equal(first, 2022);
	assert_int_equal(last, 2023);
	assert_int_equal(returns_year_range(st, RETURN_KIND_BIT(RETURN_PROGRAMME), &first, &last, &err), CF_OK);
	assert_int_equal(first, 0);
	assert_int_equal(last, 0);
	long count;
	assert_int_equal(returns_count(st, RETURN_SSDA903_XML, 2023, &count, &err), CF_OK);
	assert_int_equal(count, 1);
	assert_int_equal(returns_count(st, RETURN_SSDA903_XML, 2021, &count, &err), CF_OK);
	assert_int_equal(count, 0);
	struct return_entry *list;
	assert_int_equal(returns_list(st, RETURN_CIN_CENSUS, 0, &list, &n, &err), CF_OK);
	assert_int_equal(n, 2);
	assert_int_equal(list[0].year, 2022);
	assert_int_equal(list[1].year, 2023);
	assert_non_null(strstr(list[1].path, "cin_census.xml"));
	free(list);
	assert_int_equal(returns_list(st, RETURN_CIN_CENSUS, 2023, &list, &n, &err), CF_OK);
	assert_int_equal(n, 1);
	free(list);

	/* the walk over localities' areas stops when told to, with its status */
	int areas = 0;
	assert_int_equal(returns_locality_areas(st, count_area, &areas, &err), CF_OK);
	assert_true(areas > 0);
	areas = 0;
	assert_int_equal(returns_locality_areas(st, fail_area, &areas, &err), CF_EINPUT);
	assert_int_equal(areas, 1);
	store_close(st);
	char cmd[200];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names_round_trip),
		cmocka_unit_test(test_names_follow_formats),
		cmocka_unit_test(test_loaded_kinds),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
