/* store/cin_records.c applies the *_current views' rule in C, for speed.
 * These cases hold each walk to its view: versions across years and loads,
 * a return with no year, a referral given twice in one return (with and
 * without a source), contacts told apart by source (one with none), rows
 * with no child, and an unreadable date. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/cin.h"
#include "store/cin_records.h"
#include "store/store_int.h"

#define RET(id, year) \
	"INSERT INTO returns(id, path, kind, collection_year, sha256, bytes, rows, loaded_at) VALUES (" \
	#id ", 'f" #id "', 'cin.census', " #year ", 'h" #id "', 1, 1, '2024-01-01');"

static const char *fixture_sql =
	RET(1, 2022) RET(2, 2023) RET(3, 2023) RET(4, NULL)
	/* contacts: A's 2021-05-01 from source 1A in 2022 and 2023, 2023 wins (no outcome column read, so
	 * the row count is what tells); A again with no source; B in the two loads of 2023; C twice in one return */
	"INSERT INTO contacts(return_id, row, child, contact_date, source) VALUES "
	"(1, 1, 'A', '2021-05-01', '1A'), (2, 1, 'A', '2021-05-01', '1A'), (2, 2, 'A', '2021-05-01', NULL), "
	"(1, 2, 'A', '2021-05-01', NULL), (2, 3, 'B', '2022-01-01', '2B'), (3, 1, 'B', '2022-01-01', '2B'), "
	"(3, 2, 'C', '2022-02-02', '3A'), (3, 3, 'C', '2022-02-02', '3A'), (3, 4, NULL, '2022-02-02', '3A'), "
	"(4, 1, 'D10', '2020-01-01', '1A'), (1, 3, 'D10', '2020-01-01', '1A'), (1, 4, 'D9', 'bad', '1A');"
	/* referrals: A closed in 2023's version; B in one Annex A return twice, the row with a source wins
	 * though it comes second; C: the return with no year is the oldest */
	"INSERT INTO cin_referrals(return_id, row, child, referral_date, referral_source, primary_need, closure_date, "
	"referral_nfa, icpc_date) VALUES "
	"(1, 1, 'A', '2021-05-01', '1A', 'N1', NULL, 0, NULL), (2, 1, 'A', '2021-05-01', '1A', 'N2', '2022-06-01', 1, '2021-06-01'), "
	"(3, 5, 'B', '2022-03-03', NULL, 'N3', NULL, NULL, NULL), (3, 7, 'B', '2022-03-03', '2B', 'N4', '2022-04-04', 0, NULL), "
	"(3, 2, 'B', '2022-05-05', NULL, 'N5', NULL, NULL, NULL), (3, 1, 'B', '2022-05-05', NULL, 'N6', NULL, NULL, NULL), "
	"(4, 1, 'C', '2020-02-02', '1A', 'N7', NULL, 1, NULL), (1, 5, 'C', '2020-02-02', '1A', 'N8', NULL, 0, NULL);"
	"INSERT INTO assessments(return_id, row, child, start_date, authorised_date) VALUES "
	"(1, 1, 'A', '2021-05-02', NULL), (2, 1, 'A', '2021-05-02', '2021-06-02'), (3, 1, 'A', '2021-05-02', '2021-06-03'), "
	"(4, 1, 'B', '2020-01-01', '2020-02-01'), (2, 2, NULL, '2020-01-01', NULL);"
	"INSERT INTO s47_enquiries(return_id, row, child, start_date, icpc_date) VALUES "
	"(2, 1, 'A', '2021-05-03', '2021-05-20'), (1, 1, 'A', '2021-05-03', NULL), (1, 2, 'B', '2021-07-07', 'x');"
	"INSERT INTO cp_plans(return_id, row, child, start_date, end_date, previous_plans) VALUES "
	"(1, 1, 'A', '2021-05-21', NULL, 0), (2, 1, 'A', '2021-05-21', '2022-01-01', 2), (3, 1, 'B', '2021-09-09', NULL, NULL);";

static struct store *st;
static char path[64];

static int setup(void **state)
{
	(void)state;
	strcpy(path, "/tmp/cf_test_cin_records_XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	unlink(path);
	struct cf_error err;
	cf_error_clear(&err);
	assert_int_equal(store_open(&st, path, 0, &err), CF_OK);
	if (store_exec(st, fixture_sql, &err) != CF_OK)
		fail_msg("fixture SQL: %s", err.msg);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	store_close(st);
	char side[100];
	unlink(path);
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
	return 0;
}

static char got[4000];
static size_t ngot;

static void add(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ngot += (size_t)vsnprintf(got + ngot, sizeof got - ngot, fmt, ap);
	va_end(ap);
}

static void date(cf_date d)
{
	if (d == CF_DATE_NONE) {
		add(" -");
		return;
	}
	int y, m, dd;
	cf_date_to_ymd(d, &y, &m, &dd);
	add(" %04d-%02d-%02d", y, m, dd);
}

/* the view's rows, one "a b c;" per row, in the order given */
static void view_rows(const char *sql, char *out, size_t size)
{
	sqlite3_stmt *s;
	struct cf_error err;
	cf_error_clear(&err);
	assert_int_equal(store_prepare(st, sql, &s, &err), CF_OK);
	size_t n = 0;
	out[0] = 0;
	while (sqlite3_step(s) == SQLITE_ROW) {
		for (int c = 0; c < sqlite3_column_count(s); c++) {
			const char *v = (const char *)sqlite3_column_text(s, c);
			n += (size_t)snprintf(out + n, size - n, "%s%s", c ? " " : "", v ? v : "-");
		}
		n += (size_t)snprintf(out + n, size - n, ";");
	}
	sqlite3_finalize(s);
}

static int on_contact(void *ctx, const struct cin_contact_record *r)
{
	(void)ctx;
	add("%s", r->child);
	date(r->date);
	add(" %s;", r->source ? r->source : "-");
	return 0;
}

static void contacts_are_the_view(void **state)
{
	(void)state;
	struct cf_error err;
	cf_error_clear(&err);
	ngot = 0;
	got[0] = 0;
	assert_int_equal(cin_records_contacts(st, on_contact, NULL, &err), CF_OK);
	char want[4000];
	view_rows("SELECT child, CASE WHEN contact_date = 'bad' THEN '-' ELSE contact_date END, source "
		  "FROM contacts_current WHERE child IS NOT NULL ORDER BY child, contact_date, source", want, sizeof want);
	assert_string_equal(got, want);
	assert_string_equal(got, "A 2021-05-01 -;A 2021-05-01 1A;B 2022-01-01 2B;C 2022-02-02 3A;"
				 "D10 2020-01-01 1A;D9 - 1A;");
}

static int on_referral(void *ctx, const struct cin_referral_record *r)
{
	(void)ctx;
	add("%s", r->child);
	date(r->date);
	date(r->closed);
	add(" %d %s", r->nfa, r->primary_need ? r->primary_need : "-");
	date(r->icpc);
	add(";");
	return 0;
}

static void referrals_are_the_view(void **state)
{
	(void)state;
	struct cf_error err;
	cf_error_clear(&err);
	ngot = 0;
	got[0] = 0;
	assert_int_equal(cin_records_referrals(st, on_referral, NULL, &err), CF_OK);
	char want[4000];
	view_rows("SELECT child, referral_date, coalesce(closure_date, '-'), coalesce(referral_nfa = 1, 0), primary_need, "
		  "icpc_date FROM cin_referrals_current WHERE child IS NOT NULL ORDER BY child, referral_date", want, sizeof want);
	assert_string_equal(got, want);
	/* B's 2022-03-03: the row with a source; 2022-05-05: neither has one, the first row (row 1) */
	assert_string_equal(got, "A 2021-05-01 2022-06-01 1 N2 2021-06-01;B 2022-03-03 2022-04-04 0 N4 -;"
				 "B 2022-05-05 - 0 N6 -;C 2020-02-02 - 0 N8 -;");
}

static int on_assessment(void *ctx, const struct cin_assessment_record *r)
{
	(void)ctx;
	add("%s", r->child);
	date(r->start);
	date(r->authorised);
	add(";");
	return 0;
}

static int on_s47(void *ctx, const struct cin_s47_record *r)
{
	(void)ctx;
	add("%s", r->child);
	date(r->start);
	date(r->icpc);
	add(";");
	return 0;
}

static int on_cpp(void *ctx, const struct cin_cpp_record *r)
{
	(void)ctx;
	add("%s", r->child);
	date(r->start);
	date(r->end);
	add(" %d;", r->previous_plans);
	return 0;
}

static void the_others_are_their_views(void **state)
{
	(void)state;
	struct cf_error err;
	cf_error_clear(&err);
	char want[4000];
	ngot = 0;
	got[0] = 0;
	assert_int_equal(cin_records_assessments(st, on_assessment, NULL, &err), CF_OK);
	view_rows("SELECT child, start_date, authorised_date FROM assessments_current WHERE child IS NOT NULL "
		  "ORDER BY child, start_date", want, sizeof want);
	assert_string_equal(got, want);
	assert_string_equal(got, "A 2021-05-02 2021-06-03;B 2020-01-01 2020-02-01;");
	ngot = 0;
	got[0] = 0;
	assert_int_equal(cin_records_s47(st, on_s47, NULL, &err), CF_OK);
	assert_string_equal(got, "A 2021-05-03 2021-05-20;B 2021-07-07 -;");
	view_rows("SELECT child, start_date, CASE WHEN icpc_date = 'x' THEN '-' ELSE icpc_date END "
		  "FROM s47_enquiries_current WHERE child IS NOT NULL ORDER BY child, start_date", want, sizeof want);
	assert_string_equal(got, want);
	ngot = 0;
	got[0] = 0;
	assert_int_equal(cin_records_cp_plans(st, on_cpp, NULL, &err), CF_OK);
	view_rows("SELECT child, start_date, end_date, coalesce(previous_plans, -1) FROM cp_plans_current "
		  "WHERE child IS NOT NULL ORDER BY child, start_date", want, sizeof want);
	assert_string_equal(got, want);
	assert_string_equal(got, "A 2021-05-21 2022-01-01 2;B 2021-09-09 - -1;");
}

static int on_referral_source(void *ctx, const struct cin_referral_record *r)
{
	(void)ctx;
	add("%s %d %d;", r->child, r->src.return_id, r->src.row);
	return 0;
}

static int on_assessment_source(void *ctx, const struct cin_assessment_record *r)
{
	(void)ctx;
	add("%s %d %d;", r->child, r->src.return_id, r->src.row);
	return 0;
}

/* each record names the return and row of the version kept, as the view does
 * (kpi --records shows them as the deciding record's file and row) */
static void records_name_their_return_and_row(void **state)
{
	(void)state;
	struct cf_error err;
	cf_error_clear(&err);
	char want[4000];
	ngot = 0;
	got[0] = 0;
	assert_int_equal(cin_records_referrals(st, on_referral_source, NULL, &err), CF_OK);
	view_rows("SELECT child, return_id, row FROM cin_referrals_current WHERE child IS NOT NULL "
		  "ORDER BY child, referral_date", want, sizeof want);
	assert_string_equal(got, want);
	/* A: 2023's return 2, row 1; B 2022-03-03: the row with a source, return 3 row 7;
	 * B 2022-05-05: neither has one, row 1; C: return 1 (2022) beats the one with no year */
	assert_string_equal(got, "A 2 1;B 3 7;B 3 1;C 1 5;");
	ngot = 0;
	got[0] = 0;
	assert_int_equal(cin_records_assessments(st, on_assessment_source, NULL, &err), CF_OK);
	/* A: returns 2 and 3 are both 2023, the later load (3) wins */
	assert_string_equal(got, "A 3 1;B 4 1;");
}

/* a callback's status stops the walk and comes back */
static int stop_at_first(void *ctx, const struct cin_contact_record *r)
{
	(void)r;
	++*(int *)ctx;
	return 7;
}

static void a_callback_stops_the_walk(void **state)
{
	(void)state;
	struct cf_error err;
	cf_error_clear(&err);
	int calls = 0;
	assert_int_equal(cin_records_contacts(st, stop_at_first, &calls, &err), 7);
	assert_int_equal(calls, 1);
}

/* IDs of 8 bytes or more that share their first 8, and a date text of 16
 * or more: the walk's sort keys hold only prefixes, so these must be told
 * apart by the whole strings, in SQLite's (strcmp) order:
 * "LONGCHILD-10" < "LONGCHILD-2", "2021-05-01" < "2021-05-01 (revised)".
 * LONGCHILD-2's contact is in two returns, one version kept. */
/* model/cin.c puts the walks' records in the registry's child order, each
 * child's by date (and contacts of one day by a hash of their source), as
 * they were read where equal. A registry that met D10, C, B, A in that
 * order, the reverse of the walks' ID order, gets them regrouped: the
 * contacts come out D10 (2020-01-01), C, B, then A's two on 2021-05-01 (the
 * current versions: rows 1 and 2 of return 2, in whichever order their
 * sources' hashes put them); the referrals C, B's two by date, then A. */
static void model_orders_by_registry_index(void **state)
{
	(void)state;
	struct child_registry reg;
	memset(&reg, 0, sizeof reg);
	arena_init(&reg.arena, 4096);
	static const char *const met[] = { "D10", "C", "B", "A", "D9" };
	for (int i = 0; i < 5; i++)
		assert_int_equal(children_intern(&reg, met[i]), i);
	struct cin_data d;
	struct cf_error err;
	cf_error_clear(&err);
	assert_int_equal(cin_load(st, &reg, &d, &err), CF_OK);
	assert_int_equal((int)d.nchildren, 5);
	/* contacts: D10 1, C 1, B 1, A 2, D9 none (its date is unreadable) */
	const int want_first[6] = { 0, 1, 2, 3, 5, 5 };
	for (int c = 0; c <= 5; c++)
		assert_int_equal(d.contacts_first[c], want_first[c]);
	assert_int_equal((int)d.n_contacts, 5);
	for (size_t i = 0; i < d.n_contacts; i++)
		assert_int_equal(d.contacts[i].child, i < 3 ? (int)i : 3);
	assert_int_equal(d.contacts[0].date, 18262);   /* 2020-01-01 */
	assert_int_equal(d.contacts[3].src.return_id, 2);
	assert_int_equal(d.contacts[4].src.return_id, 2);
	assert_int_equal(d.contacts[3].src.row + d.contacts[4].src.row, 2 + 1);   /* A's two: rows 1 and 2 of return 2 */
	/* referrals: C's (2020-02-02), B's two by date, A's */
	assert_int_equal((int)d.n_referrals, 4);
	assert_int_equal(d.referrals[0].child, 1);
	assert_int_equal(d.referrals[1].child, 2);
	assert_int_equal(d.referrals[2].child, 2);
	assert_true(d.referrals[1].date < d.referrals[2].date);
	assert_int_equal(d.referrals[3].child, 3);
	assert_int_equal(d.referrals_first[0], 0);
	assert_int_equal(d.referrals_first[1], 0);
	assert_int_equal(d.referrals_first[2], 1);
	assert_int_equal(d.referrals_first[3], 3);
	assert_int_equal(d.referrals_first[5], 4);
	cin_release(&d);
	children_release(&reg);
}

static void long_ids_and_dates_are_the_view(void **state)
{
	(void)state;
	struct cf_error err;
	cf_error_clear(&err);
	assert_int_equal(store_exec(st, "INSERT INTO contacts(return_id, row, child, contact_date, source) VALUES "
				 "(1, 10, 'LONGCHILD-2', '2021-05-01', '1A'), (2, 10, 'LONGCHILD-2', '2021-05-01', '1A'), "
				 "(2, 11, 'LONGCHILD-10', '2021-05-01 (revised)', '1A'), "
				 "(1, 11, 'LONGCHILD-10', '2021-05-01', '1A'), "
				 "(1, 12, 'LONGCHILD-10', '2021-05-01 (revised)', '1A');", &err),
			 CF_OK);
	ngot = 0;
	got[0] = 0;
	assert_int_equal(cin_records_contacts(st, on_contact, NULL, &err), CF_OK);
	char want[4000];
	view_rows("SELECT child, CASE WHEN contact_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' "
		  "THEN contact_date ELSE '-' END, source FROM contacts_current WHERE child IS NOT NULL "
		  "ORDER BY child, contact_date, source", want, sizeof want);
	assert_string_equal(got, want);
	assert_string_equal(got, "A 2021-05-01 -;A 2021-05-01 1A;B 2022-01-01 2B;C 2022-02-02 3A;"
				 "D10 2020-01-01 1A;D9 - 1A;LONGCHILD-10 2021-05-01 1A;LONGCHILD-10 - 1A;"
				 "LONGCHILD-2 2021-05-01 1A;");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(contacts_are_the_view),
		cmocka_unit_test(referrals_are_the_view),
		cmocka_unit_test(the_others_are_their_views),
		cmocka_unit_test(records_name_their_return_and_row),
		cmocka_unit_test(a_callback_stops_the_walk),
		cmocka_unit_test(model_orders_by_registry_index),
		cmocka_unit_test(long_ids_and_dates_are_the_view),   /* last: it adds rows */
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
