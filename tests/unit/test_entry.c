/* The library's entry points, called as the CLI and the server call them:
 * forecast_run over a store (typed results that agree with its tables;
 * withdrawn episodes left out unless asked) and validate_returns over files
 * and over the store. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "forecast/forecast.h"
#include "store/ingest.h"
#include "validate/validate.h"

static char dir[64];

static void write_file(const char *name, const char *text)
{
	char path[256];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

/* Two years of returns. W's episode is open at the end of 2022-23 and the
 * 2023-24 return does not hold it: withdrawn. In care on 31 March 2024: A
 * and C (and W, were it kept). */
static struct store *two_years(void)
{
	snprintf(dir, sizeof dir, "/tmp/cf_test_entry_XXXXXX");
	assert_non_null(mkdtemp(dir));
	char sub[128];
	snprintf(sub, sizeof sub, "%s/2022_23", dir);
	mkdir(sub, 0777);
	snprintf(sub, sizeof sub, "%s/2023_24", dir);
	mkdir(sub, 0777);
	const char *hdr = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n";
	const char *eps = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n";
	char buf[1024];
	snprintf(buf, sizeof buf, "%sA,1,15/04/2010,WBRI,,,\nB,2,01/04/2012,WBRI,,,\nW,1,01/01/2009,WBRI,,,\n", hdr);
	write_file("2022_23/header.csv", buf);
	snprintf(buf, sizeof buf, "%sA,01/05/2022,S,C2,N1,U1,PR1,,,,,,\nB,01/06/2022,S,C2,N1,U1,PR1,01/12/2022,E13,,,,\n"
		 "W,01/07/2022,S,C2,N1,K2,PR4,,,,,,\n", eps);
	write_file("2022_23/episodes.csv", buf);
	snprintf(buf, sizeof buf, "%sA,1,15/04/2010,WBRI,,,\nC,2,01/06/2015,WBRI,,,\nD,1,01/02/2016,WBRI,,,\n", hdr);
	write_file("2023_24/header.csv", buf);
	snprintf(buf, sizeof buf, "%sA,01/05/2022,S,C2,N1,U1,PR1,,,,,,\nC,01/08/2023,S,C2,N1,U3,PR1,,,,,,\n"
		 "D,01/09/2023,S,C2,N1,U1,PR1,01/02/2024,E13,,,,\n", eps);
	write_file("2023_24/episodes.csv", buf);
	char db[128];
	snprintf(db, sizeof db, "%s/t.db", dir);
	struct store *st;
	struct cf_error err;
	cf_error_clear(&err);
	assert_int_equal(store_open(&st, db, 0, &err), CF_OK);
	char p1[128], p2[128];
	snprintf(p1, sizeof p1, "%s/2022_23", dir);
	snprintf(p2, sizeof p2, "%s/2023_24", dir);
	char *paths[] = { p1, p2 };
	struct ingest_options io = { .quiet = 1, .loaded_by = "test" };
	struct ingest_report rep = { 0 };
	if (ingest_paths(st, paths, 2, &io, &rep, &err) != CF_OK)
		fail_msg("ingest: %s", err.msg);
	ingest_report_release(&rep);
	return st;
}

static void cleanup(struct store *st)
{
	store_close(st);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

static const struct cf_table *table(const struct forecast_result *r, const char *name)
{
	for (int i = 0; i < r->ntables; i++)
		if (!strcmp(r->tables[i]->name, name))
			return r->tables[i];
	return NULL;
}

static double cell(const struct cf_table *t, size_t row, const char *col)
{
	const struct cf_cell *c = cf_table_cell_const(t, row, cf_table_column(t, col));
	return c && c->type == CF_CELL_REAL ? c->v.d : NAN;
}

static void forecast_leaves_withdrawn_out(void **state)
{
	struct store *st = two_years();
	struct cf_error err;
	cf_error_clear(&err);
	struct forecast_options o;
	forecast_options_init(&o);
	o.model.months = 6;
	struct forecast_result *drop = NULL, *keep = NULL;
	if (forecast_run(st, &o, &drop, &err) != CF_OK)
		fail_msg("forecast_run: %s", err.msg);
	o.withdrawn = CLA_KEEP_WITHDRAWN;
	if (forecast_run(st, &o, &keep, &err) != CF_OK)
		fail_msg("forecast_run keeping withdrawn: %s", err.msg);
	assert_true(fabs(drop->children_at_start - 2) < 1e-9);   /* A and C */
	assert_true(fabs(keep->children_at_start - 3) < 1e-9);   /* and W */
	/* the typed result is what the tables say: month 1, all children */
	const struct cf_table *fc = table(drop, "forecast");
	assert_non_null(fc);
	assert_int_equal(drop->nmonths, 6);
	assert_int_equal((int)fc->nrows, 6 * FC_NSERIES);
	for (int k = 0; k < drop->nmonths; k++)
		for (int s = 0; s < FC_NSERIES; s++)
			assert_true(forecast_mean(drop, k, s) == cell(fc, (size_t)(k * FC_NSERIES + s), "mean"));
	assert_int_equal(drop->nbands, 0);   /* no runs, no bands */
	assert_true(isnan(forecast_band(drop, 0, 0, 50)));
	/* costs by period: a year's total is its months' */
	double months = 0, year = NAN;
	for (int i = 0; i < drop->ncosts; i++) {
		const struct fc_period_cost *c = &drop->costs[i];
		if (c->period.kind == FC_PERIOD_MONTH && !strncmp(c->period.label, "2024-", 5))
			months += c->total_gbp;
		if (c->period.kind == FC_PERIOD_YEAR && !strcmp(c->period.label, "2024-25"))
			year = c->total_gbp;
	}
	assert_true(months > 0 && fabs(months - year) < 1e-6 * year);
	assert_null(drop->scenario);
	forecast_result_free(drop);
	forecast_result_free(keep);
	cleanup(st);
}

static void forecast_bands_are_typed(void **state)
{
	struct store *st = two_years();
	struct cf_error err;
	cf_error_clear(&err);
	struct forecast_options o;
	forecast_options_init(&o);
	o.model.months = 3;
	o.model.runs = 20;
	o.model.threads = 1;
	struct forecast_result *r = NULL;
	if (forecast_run(st, &o, &r, &err) != CF_OK)
		fail_msg("forecast_run: %s", err.msg);
	const struct cf_table *fc = table(r, "forecast");
	assert_int_equal(r->nbands, 5);
	assert_int_equal(r->runs, 20);
	for (int k = 0; k < r->nmonths; k++) {
		size_t row = (size_t)k * FC_NSERIES;   /* the total */
		assert_true(forecast_band(r, k, 0, 5) == cell(fc, row, "p5"));
		assert_true(forecast_band(r, k, 0, 95) == cell(fc, row, "p95"));
		assert_true(forecast_band(r, k, 0, 5) <= forecast_band(r, k, 0, 95));
	}
	forecast_result_free(r);
	/* a scenario file's error names the file */
	o.scenario_path = "/nonexistent/scenario.txt";
	assert_int_equal(forecast_run(st, &o, &r, &err), CF_EINPUT);
	assert_null(r);
	assert_string_equal(err.file, "/nonexistent/scenario.txt");
	cleanup(st);
}

static void validate_files_and_store(void **state)
{
	struct store *st = two_years();
	struct cf_error err;
	cf_error_clear(&err);
	char p[128];
	snprintf(p, sizeof p, "%s/2023_24", dir);
	char *paths[] = { p };
	struct validate_request q = { .paths = paths, .npaths = 1, .ret = VR_903 };
	struct validate_outcome *o = NULL;
	if (validate_returns(&q, &o, &err) != CF_OK)
		fail_msg("validate_returns (files): %s", err.msg);
	assert_int_equal(o->nreturns, 1);
	assert_int_equal(o->returns[0].year, 2024);   /* from the folder name */
	assert_string_equal(o->returns[0].label, "SSDA903 2023-24");
	assert_true(o->returns[0].nran > 0);
	assert_int_equal((long)o->tables[1]->nrows, o->returns[0].nfindings);
	long from_files = o->returns[0].nfindings;
	validate_outcome_free(o);

	struct validate_request qs = { .st = st, .want_903 = 1, .want_cin = 1 };
	if (validate_returns(&qs, &o, &err) != CF_OK)
		fail_msg("validate_returns (store): %s", err.msg);
	assert_int_equal(o->nreturns, 1);              /* the latest SSDA903 year; no census */
	assert_int_equal(o->returns[0].year, 2024);
	assert_false(o->returns[0].kept);              /* frames released: no workbook asked for */
	assert_int_equal(cf_table_column(o->tables[1], "return"), o->tables[1]->ncols - 1);
	assert_true(o->returns[0].nfindings > 0 && from_files > 0);
	validate_outcome_free(o);

	const char *codes[] = { "nosuch" };
	qs.codes = codes;
	qs.ncodes = 1;
	assert_int_equal(validate_returns(&qs, &o, &err), CF_EUSAGE);
	validate_outcome_free(o);
	qs.ncodes = 0;
	qs.year = 2031;   /* no such return: the message names the years the store holds */
	qs.want_cin = 0;
	assert_int_equal(validate_returns(&qs, &o, &err), CF_EINPUT);   /* err still holds the last call's usage error */
	assert_non_null(strstr(err.msg, "it holds 2022-23, 2023-24"));
	validate_outcome_free(o);
	cleanup(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(forecast_leaves_withdrawn_out),
		cmocka_unit_test(forecast_bands_are_typed),
		cmocka_unit_test(validate_files_and_store),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
