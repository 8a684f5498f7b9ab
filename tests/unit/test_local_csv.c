/* Recognising local CSV layouts by header; the same layouts in a workbook. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <xlsxwriter.h>

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

static void test_money_layouts(void **state)
{
	enum local_kind k;
	int map[16];
	const char *pc[] = { "Child ID", "Placement Start", "Provider Type", "Weekly Cost", "cost center" };
	assert_true(recognise(pc, 5, &k, map));
	assert_int_equal(k, LOCAL_PLACEMENT_COSTS);
	assert_int_equal(map[4], LC_COST_CENTRE);
	/* start_date and end_date are early help's, not a placement's */
	const char *eh[] = { "child_id", "start_date", "end_date", "weekly_cost", "provider_type" };
	assert_true(recognise(eh, 5, &k, map));
	assert_int_equal(k, LOCAL_EARLY_HELP);
	const char *b[] = { "financial_year", "cost_centre", "budget" };
	assert_true(recognise(b, 3, &k, map));
	assert_int_equal(k, LOCAL_BUDGETS);
	const char *l[] = { "period", "cost_centre", "amount" };
	assert_true(recognise(l, 3, &k, map));
	assert_int_equal(k, LOCAL_LEDGER);
	const char *fh[] = { "household_id", "approved_from", "approved_places", "type" };
	assert_true(recognise(fh, 4, &k, map));
	assert_int_equal(k, LOCAL_FOSTER_HOUSEHOLDS);
	assert_int_equal(map[3], LC_HOUSEHOLD_TYPE);
	const char *h[] = { "home_id", "name", "places", "urn" };
	assert_true(recognise(h, 4, &k, map));
	assert_int_equal(k, LOCAL_HOMES);
	assert_int_equal(local_provider_type(" independent-fostering_agency ", 30), 1);
	assert_int_equal(local_provider_type("la residential", 14), 3);
	assert_int_equal(local_provider_type("spaceship", 9), -1);
}

/* The families extracts: "type" is an audit's type in audits, a household's
 * elsewhere; plan_start is a plan's, start_date early help's. */
static void test_families_layouts(void **state)
{
	(void)state;
	enum local_kind k;
	int map[8];
	const char *fm[] = { "Family ID", "Person ID", "Child ID", "Role", "From", "To" };
	assert_true(recognise(fm, 6, &k, map));
	assert_int_equal(k, LOCAL_FAMILY_MEMBERS);
	assert_int_equal(map[4], LC_FROM_DATE);
	assert_int_equal(map[5], LC_TO_DATE);
	const char *al[] = { "worker_id", "team", "family_id", "service", "from_date" };
	assert_true(recognise(al, 5, &k, map));
	assert_int_equal(k, LOCAL_ALLOCATIONS);
	const char *pr[] = { "person_id", "date", "source", "measure", "value" };
	assert_true(recognise(pr, 5, &k, map));
	assert_int_equal(k, LOCAL_PARTNER_RECORDS);
	const char *fp[] = { "family_id", "lead_practitioner", "assessment_date", "plan_start", "outcome" };
	assert_true(recognise(fp, 5, &k, map));
	assert_int_equal(k, LOCAL_FAMILY_PLANS);
	const char *au[] = { "audit_id", "child_id", "date", "type", "grade" };
	assert_true(recognise(au, 5, &k, map));
	assert_int_equal(k, LOCAL_AUDITS);
	assert_int_equal(map[3], LC_AUDIT_TYPE);
	/* a family's members need a person or a child */
	const char *nobody[] = { "family_id", "role" };
	assert_false(recognise(nobody, 2, &k, map));
	assert_int_equal(local_code("Requires_Improvement", 20, local_grades, LOCAL_NGRADES), 2);
	assert_int_equal(local_code("dwp", 3, local_partner_sources, LOCAL_NPARTNER_SOURCES), 3);
	assert_int_equal(local_code("aunt", 4, local_roles, LOCAL_NROLES), -1);
}

struct got {
	enum local_kind kind;
	long n;
	char child[16], start[16], cost[16];
};

static int got_row(void *ctx, enum local_kind kind, const char *const *vals, const size_t *lens, long row, long line,
		   struct cf_error *err)
{
	struct got *g = ctx;
	g->kind = kind;
	if (g->n++ == 0) {
		assert_int_equal(row, 3);   /* the sheet's row: a blank row 1, the header in row 2 */
		snprintf(g->child, sizeof g->child, "%.*s", (int)lens[LC_CHILD_ID], vals[LC_CHILD_ID]);
		snprintf(g->start, sizeof g->start, "%.*s", (int)lens[LC_PLACEMENT_START], vals[LC_PLACEMENT_START]);
		snprintf(g->cost, sizeof g->cost, "%.*s", (int)lens[LC_WEEKLY_COST], vals[LC_WEEKLY_COST]);
		assert_non_null(vals[LC_PLACEMENT_END]);   /* in the header, blank in the row */
		assert_int_equal(lens[LC_PLACEMENT_END], 0);
		assert_null(vals[LC_HEALTH_CONTRIBUTION]); /* not in the header */
	}
	return CF_OK;
}

static void test_workbook(void **state)
{
	char path[] = "/tmp/test_local_xlsx_XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	lxw_workbook *wb = workbook_new(path);
	lxw_format *date = workbook_add_format(wb);
	format_set_num_format(date, "dd/mm/yyyy");
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Placements");
	const char *head[] = { "child_id", "placement_start", "placement_end", "provider_type", "weekly_cost" };
	for (int c = 0; c < 5; c++)
		worksheet_write_string(ws, 1, (lxw_col_t)c, head[c], NULL);
	worksheet_write_string(ws, 2, 0, "C1", NULL);
	lxw_datetime when = { 2024, 2, 29, 0, 0, 0 };
	worksheet_write_datetime(ws, 2, 1, &when, date);
	worksheet_write_string(ws, 2, 3, "IFA", NULL);
	worksheet_write_number(ws, 2, 4, 812.5, NULL);
	worksheet_write_string(ws, 3, 0, "C2", NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);

	assert_true(local_xlsx_sniff(path));
	struct got g;
	memset(&g, 0, sizeof g);
	const struct local_csv_handler h = { NULL, NULL, got_row };
	long rows;
	struct cf_error err;
	cf_error_clear(&err);
	assert_int_equal(local_xlsx_read(path, &h, &g, &rows, &err), CF_OK);
	assert_int_equal(rows, 2);
	assert_int_equal(g.kind, LOCAL_PLACEMENT_COSTS);
	assert_string_equal(g.child, "C1");
	assert_string_equal(g.start, "2024-02-29");   /* a date cell, as ISO */
	assert_string_equal(g.cost, "812.5");
	unlink(path);
}

struct audit_got {
	enum local_kind kind;
	char date[16], type[16], grade[32];
};

static int audit_row(void *ctx, enum local_kind kind, const char *const *vals, const size_t *lens, long row, long line,
		     struct cf_error *err)
{
	struct audit_got *g = ctx;
	g->kind = kind;
	snprintf(g->date, sizeof g->date, "%.*s", (int)lens[LC_DATE], vals[LC_DATE]);
	snprintf(g->type, sizeof g->type, "%.*s", (int)lens[LC_AUDIT_TYPE], vals[LC_AUDIT_TYPE]);
	snprintf(g->grade, sizeof g->grade, "%.*s", (int)lens[LC_GRADE], vals[LC_GRADE]);
	return CF_OK;
}

/* An audits extract as a workbook: a date cell as ISO, "Type" the audit's. */
static void test_audits_workbook(void **state)
{
	(void)state;
	char path[] = "/tmp/test_local_audits_XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	lxw_workbook *wb = workbook_new(path);
	lxw_format *date = workbook_add_format(wb);
	format_set_num_format(date, "dd/mm/yyyy");
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Audits");
	const char *head[] = { "Audit ID", "Child ID", "Date", "Type", "Grade" };
	for (int c = 0; c < 5; c++)
		worksheet_write_string(ws, 0, (lxw_col_t)c, head[c], NULL);
	worksheet_write_string(ws, 1, 0, "A1", NULL);
	worksheet_write_string(ws, 1, 1, "C1", NULL);
	lxw_datetime when = { 2024, 5, 31, 0, 0, 0 };
	worksheet_write_datetime(ws, 1, 2, &when, date);
	worksheet_write_string(ws, 1, 3, "dip sample", NULL);
	worksheet_write_string(ws, 1, 4, "Good", NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	struct audit_got g;
	memset(&g, 0, sizeof g);
	const struct local_csv_handler h = { NULL, NULL, audit_row };
	long rows;
	struct cf_error err;
	cf_error_clear(&err);
	assert_int_equal(local_xlsx_read(path, &h, &g, &rows, &err), CF_OK);
	assert_int_equal(rows, 1);
	assert_int_equal(g.kind, LOCAL_AUDITS);
	assert_string_equal(g.date, "2024-05-31");
	assert_string_equal(g.type, "dip sample");
	assert_string_equal(g.grade, "Good");
	unlink(path);
}

struct provider_got {
	enum local_kind kind;
	long first_row;
	char urn[16], grade[48], places[8];
};

static int provider_row(void *ctx, enum local_kind kind, const char *const *vals, const size_t *lens, long row,
			long line, struct cf_error *err)
{
	struct provider_got *g = ctx;
	g->kind = kind;
	g->first_row = row;
	snprintf(g->urn, sizeof g->urn, "%.*s", (int)lens[LC_OFSTED_URN], vals[LC_OFSTED_URN]);
	snprintf(g->grade, sizeof g->grade, "%.*s", (int)lens[LC_OVERALL_RATING], vals[LC_OVERALL_RATING]);
	snprintf(g->places, sizeof g->places, "%.*s", (int)lens[LC_PLACES], vals[LC_PLACES]);
	return CF_OK;
}

/* Ofsted's provider list as a published workbook: a title and a source
 * line above the header (rows 1 and 2; row 3 blank), Ofsted's column names;
 * the one provider is in row 5. */
static void test_ofsted_workbook(void **state)
{
	(void)state;
	char path[] = "/tmp/test_local_ofsted_XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Providers");
	worksheet_write_string(ws, 0, 0, "Children's social care providers in England at 31 March (synthetic)", NULL);
	worksheet_write_string(ws, 1, 0, "Source: a test", NULL);
	const char *head[] = { "Provider URN", "Provider type", "Sector", "Max users",
			       "Overall experiences and progress of children and young people" };
	for (int c = 0; c < 5; c++)
		worksheet_write_string(ws, 3, (lxw_col_t)c, head[c], NULL);
	worksheet_write_string(ws, 4, 0, "SC000001", NULL);
	worksheet_write_string(ws, 4, 1, "Children's home", NULL);
	worksheet_write_string(ws, 4, 2, "Private", NULL);
	worksheet_write_number(ws, 4, 3, 4, NULL);
	worksheet_write_string(ws, 4, 4, "Good", NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	assert_true(local_xlsx_sniff(path));
	struct provider_got g;
	memset(&g, 0, sizeof g);
	const struct local_csv_handler h = { NULL, NULL, provider_row };
	long rows;
	struct cf_error err;
	cf_error_clear(&err);
	assert_int_equal(local_xlsx_read(path, &h, &g, &rows, &err), CF_OK);
	assert_int_equal(rows, 1);
	assert_int_equal(g.kind, LOCAL_OFSTED_PROVIDERS);
	assert_int_equal(g.first_row, 5);
	assert_string_equal(g.urn, "SC000001");
	assert_string_equal(g.grade, "Good");
	assert_string_equal(g.places, "4");
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = { cmocka_unit_test(test_layouts), cmocka_unit_test(test_not_local),
					    cmocka_unit_test(test_money_layouts), cmocka_unit_test(test_families_layouts),
					    cmocka_unit_test(test_workbook), cmocka_unit_test(test_audits_workbook),
					    cmocka_unit_test(test_ofsted_workbook) };
	return cmocka_run_group_tests(tests, NULL, NULL);
}
