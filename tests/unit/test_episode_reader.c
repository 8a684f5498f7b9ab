/* store/episode_reader.c applies the `episodes` view's rule for the current
 * version of an episode in C, for speed. These cases hold the two to the
 * same rows: versions across years and loads, a withdrawn episode, one ended
 * before the later year, a tie within one load, unreadable and missing
 * starts, children in byte order, and the children table's columns; each
 * with the rows read from the table (a store loaded before migration 0012),
 * from the returns' episode packs (as a load now writes them), and from
 * both at once. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/episode_reader.h"
#include "store/store_int.h"

#define RET(id, year, kind) \
	"INSERT INTO returns(id, path, kind, collection_year, sha256, bytes, rows, loaded_at) VALUES (" \
	#id ", 'f" #id "', '" kind "', " #year ", 'h" #id "', 1, 1, '2024-01-01');"
#define EP(ret, row, child, decom, dec, place) \
	"INSERT INTO ssda903_episodes(return_id, row, child, decom, dec, place, rec) VALUES (" \
	#ret ", " #row ", " child ", " decom ", " dec ", '" place "', 'E11');"

static const char *fixture_sql =
	RET(1, 2022, "ssda903.episodes") RET(2, 2023, "ssda903.episodes") RET(3, 2023, "ssda903.episodes")
	RET(4, NULL, "ssda903.episodes")
	/* A: in 2022 and 2023: 2023's version (U1) wins */
	EP(1, 2, "'A'", "'2021-05-01'", "NULL", "R1") EP(2, 2, "'A'", "'2021-05-01'", "'2022-06-01'", "U1")
	/* B9, B10: the 2023 year loaded twice: the later load (3) wins; B10 sorts before B9 */
	EP(2, 3, "'B9'", "'2022-09-01'", "NULL", "U2") EP(3, 2, "'B9'", "'2022-09-01'", "NULL", "U3")
	EP(3, 3, "'B10'", "'2022-10-01'", "NULL", "U4")
	/* C: open in 2022's return, absent from 2023's: withdrawn */
	EP(1, 3, "'C'", "'2021-12-01'", "NULL", "U5")
	/* D: ended before 2023's year began: kept though 2023 lacks it */
	EP(1, 4, "'D'", "'2021-07-01'", "'2022-02-01'", "U6")
	/* E: open in 2022, but 2023 ends it: the 2023 version */
	EP(1, 5, "'E'", "'2021-08-01'", "NULL", "R2") EP(2, 4, "'E'", "'2021-08-01'", "'2023-01-01'", "R2")
	/* F: no start, an unreadable start, no child: left out */
	EP(2, 5, "'F'", "NULL", "NULL", "U1") EP(2, 6, "'F'", "'2023-02-30'", "NULL", "U1")
	EP(2, 7, "NULL", "'2023-01-01'", "NULL", "U1")
	/* G: a return with no year: its versions are the oldest */
	EP(4, 2, "'G'", "'2022-11-01'", "NULL", "S1") EP(2, 8, "'G'", "'2022-11-01'", "NULL", "K1")
	"INSERT INTO children(child, sex, dob, ethnicity) VALUES ('A', '2', '2010-03-04', 'WBRI'), ('B9', '1', NULL, NULL);";

static struct store *st;
static char path[64];
/* which returns get an episode pack: none, all, or the first two */
static int npacked;
static void describe_sql(const char *sql, char *out, size_t size);

static int setup(void **state)
{
	(void)state;
	strcpy(path, "/tmp/cf_test_episodes_XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	unlink(path);
	struct cf_error err;
	cf_error_clear(&err);
	assert_int_equal(store_open(&st, path, 0, &err), CF_OK);
	if (store_exec(st, fixture_sql, &err) != CF_OK)
		fail_msg("fixture SQL: %s", err.msg);
	static const long long ids[] = { 1, 2, 3, 4 };
	if (npacked && episode_packs_write(st, ids, npacked, 0, &err) != CF_OK)
		fail_msg("packing: %s", err.msg);
	/* with every return packed, many more children than have episodes (a
	 * council's CIN children): the reader looks each one up by ID instead */
	if (npacked == 4 &&
	    store_exec(st, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60) "
			   "INSERT INTO children(child, sex) SELECT 'Z' || i, '1' FROM n", &err) != CF_OK)
		fail_msg("children: %s", err.msg);
	return 0;
}

static int setup_packed(void **state)
{
	npacked = 4;
	return setup(state);
}

static int setup_mixed(void **state)
{
	npacked = 2;
	return setup(state);
}

/* a pack holds the rows the reader can use, sorted, the unreadable start left out */
static void pack_rows_counted(void **state)
{
	(void)state;
	char got[200];
	describe_sql("SELECT return_id, rows, length(data) > 0, 0 FROM ssda903_episode_packs ORDER BY 1", got, sizeof got);
	if (npacked == 4)
		assert_string_equal(got, "1 4 1 0;2 4 1 0;3 2 1 0;4 1 1 0;");
	else
		assert_string_equal(got, "1 4 1 0;2 4 1 0;");
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

/* "child decom place year;" for each row of the set */
static void describe_set(const struct episode_set *s, char *out, size_t size)
{
	size_t n = 0;
	out[0] = 0;
	for (size_t i = 0; i < s->n; i++) {
		const struct episode_row *e = &s->rows[i];
		char d[11];
		cf_date_format(e->start, d);
		n += (size_t)snprintf(out + n, size - n, "%s %s %s %d;", s->children[e->child].id, d, e->place,
				      e->collection_year);
	}
}

/* the same from the view (or any query giving child, decom, place, year) */
static void describe_sql(const char *sql, char *out, size_t size)
{
	sqlite3_stmt *s;
	struct cf_error err;
	cf_error_clear(&err);
	assert_int_equal(store_prepare(st, sql, &s, &err), CF_OK);
	size_t n = 0;
	out[0] = 0;
	while (sqlite3_step(s) == SQLITE_ROW)
		n += (size_t)snprintf(out + n, size - n, "%s %s %s %d;", sqlite3_column_text(s, 0),
				      sqlite3_column_text(s, 1), sqlite3_column_text(s, 2), sqlite3_column_int(s, 3));
	sqlite3_finalize(s);
}

static void current_is_the_view(void **state)
{
	(void)state;
	struct episode_set set;
	struct cf_error err;
	cf_error_clear(&err);
	assert_int_equal(episode_set_read(st, EPISODES_CURRENT, &set, &err), CF_OK);
	char got[2000], want[2000];
	describe_set(&set, got, sizeof got);
	/* the view keeps F's unreadable start; the reader cannot place it in time */
	describe_sql("SELECT child, decom, place, coalesce(collection_year, 0) FROM episodes "
		     "WHERE decom <> '2023-02-30' ORDER BY child, decom", want, sizeof want);
	assert_string_equal(got, want);
	assert_string_equal(got, "A 2021-05-01 U1 2023;B10 2022-10-01 U4 2023;B9 2022-09-01 U3 2023;"
				 "D 2021-07-01 U6 2022;E 2021-08-01 R2 2023;G 2022-11-01 K1 2023;");
	assert_int_equal(set.nyears, 2);
	assert_int_equal(set.years[0], 2022);
	assert_int_equal(set.years[1], 2023);
	episode_set_release(&set);
}

/* each row names the return of the version kept, as the view does (kpi
 * --records finds the episode's row there) */
static void rows_name_their_return(void **state)
{
	(void)state;
	struct episode_set set;
	struct cf_error err;
	cf_error_clear(&err);
	assert_int_equal(episode_set_read(st, EPISODES_CURRENT, &set, &err), CF_OK);
	char got[2000], want[2000];
	size_t n = 0;
	got[0] = 0;
	for (size_t i = 0; i < set.n; i++) {
		char d[11];
		cf_date_format(set.rows[i].start, d);
		n += (size_t)snprintf(got + n, sizeof got - n, "%s %s %d;", set.children[set.rows[i].child].id, d,
				      set.rows[i].return_id);
	}
	sqlite3_stmt *s;
	assert_int_equal(store_prepare(st, "SELECT child, decom, return_id FROM episodes WHERE decom <> '2023-02-30' "
					   "ORDER BY child, decom", &s, &err), CF_OK);
	n = 0;
	want[0] = 0;
	while (sqlite3_step(s) == SQLITE_ROW)
		n += (size_t)snprintf(want + n, sizeof want - n, "%s %s %d;", sqlite3_column_text(s, 0),
				      sqlite3_column_text(s, 1), sqlite3_column_int(s, 2));
	sqlite3_finalize(s);
	assert_string_equal(got, want);
	assert_true(set.n > 0);
	for (size_t i = 0; i < set.n; i++)
		assert_true(set.rows[i].return_id > 0);
	episode_set_release(&set);
}

static void keep_withdrawn_adds_them(void **state)
{
	(void)state;
	struct episode_set set;
	struct cf_error err;
	cf_error_clear(&err);
	assert_int_equal(episode_set_read(st, EPISODES_KEEP_WITHDRAWN, &set, &err), CF_OK);
	char got[2000];
	describe_set(&set, got, sizeof got);
	assert_string_equal(got, "A 2021-05-01 U1 2023;B10 2022-10-01 U4 2023;B9 2022-09-01 U3 2023;"
				 "C 2021-12-01 U5 2022;D 2021-07-01 U6 2022;E 2021-08-01 R2 2023;G 2022-11-01 K1 2023;");
	episode_set_release(&set);
}

static void children_and_their_characteristics(void **state)
{
	(void)state;
	struct episode_set set;
	struct cf_error err;
	cf_error_clear(&err);
	assert_int_equal(episode_set_read(st, EPISODES_CURRENT, &set, &err), CF_OK);
	assert_int_equal(set.nchildren, 6);
	const struct episode_child *a = &set.children[0];
	assert_string_equal(a->id, "A");
	assert_int_equal(a->dob, cf_date_from_ymd(2010, 3, 4));
	assert_int_equal(a->sex, '2');
	assert_string_equal(a->ethnicity, "WBRI");
	assert_int_equal(a->first, 0);
	assert_int_equal(a->n, 1);
	const struct episode_child *b9 = &set.children[2];
	assert_string_equal(b9->id, "B9");
	assert_int_equal(b9->dob, CF_DATE_NONE);
	assert_int_equal(b9->sex, '1');
	assert_null(b9->ethnicity);
	const struct episode_child *d = &set.children[3];
	assert_string_equal(d->id, "D");
	assert_int_equal(d->sex, 0);
	assert_int_equal(set.rows[d->first].end, cf_date_from_ymd(2022, 2, 1));
	assert_int_equal(set.rows[d->first].child, 3);
	episode_set_release(&set);
}

static long long cache_size(void)
{
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(st->db, "PRAGMA cache_size", -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	long long n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

/* the packs are read through a small page cache; the connection's own is put back */
static void page_cache_put_back(void **state)
{
	(void)state;
	long long before = cache_size();
	assert_true(before != 64);
	struct episode_set set;
	struct cf_error err;
	cf_error_clear(&err);
	assert_int_equal(episode_set_read(st, EPISODES_CURRENT, &set, &err), CF_OK);
	episode_set_release(&set);
	assert_int_equal(cache_size(), before);
}

static void withdrawn_rule(void **state)
{
	(void)state;
	int years[] = { 2022, 2023 };
	assert_int_equal(episode_withdrawn(years, 2, 2022, CF_DATE_NONE), 1);
	assert_int_equal(episode_withdrawn(years, 2, 2022, cf_date_from_ymd(2022, 4, 1)), 1);
	assert_int_equal(episode_withdrawn(years, 2, 2022, cf_date_from_ymd(2022, 3, 31)), 0);
	assert_int_equal(episode_withdrawn(years, 2, 2023, CF_DATE_NONE), 0);
	assert_int_equal(episode_withdrawn(years, 2, 0, CF_DATE_NONE), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(current_is_the_view),
		cmocka_unit_test(rows_name_their_return),
		cmocka_unit_test(keep_withdrawn_adds_them),
		cmocka_unit_test(children_and_their_characteristics),
		cmocka_unit_test(withdrawn_rule),
	};
	const struct CMUnitTest packed[] = {
		cmocka_unit_test(current_is_the_view),
		cmocka_unit_test(rows_name_their_return),
		cmocka_unit_test(keep_withdrawn_adds_them),
		cmocka_unit_test(children_and_their_characteristics),
		cmocka_unit_test(pack_rows_counted),
		cmocka_unit_test(page_cache_put_back),
	};
	int failed = cmocka_run_group_tests_name("rows from the table", tests, setup, teardown);
	failed += cmocka_run_group_tests_name("rows from the packs", packed, setup_packed, teardown);
	failed += cmocka_run_group_tests_name("rows from packs and table", packed, setup_mixed, teardown);
	return failed;
}
