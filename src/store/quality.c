/* The issues table grouped for the data-quality view (store/quality.h). */
#include "store/quality.h"
#include "store/store_int.h"

#include <stdio.h>
#include <string.h>

#include "store/store.h"

static const char *text(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	return t ? (const char *)t : "";
}

/* Rows of the store table an issue's tbl names, from one return: tbl itself
 * or ssda903_tbl, when sqlite_master has it (so the name is never trusted
 * into SQL); -1 when neither is a table with a return_id. */
static long table_rows(struct store *st, long long return_id, const char *tbl, struct cf_error *err)
{
	static const char find_sql[] =
		"SELECT m.name FROM sqlite_master m WHERE m.type = 'table' AND m.name IN (?1, 'ssda903_' || ?1) "
		"AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) WHERE name = 'return_id') ORDER BY m.name = ?1 DESC LIMIT 1";
	sqlite3_stmt *s;
	if (store_prepare(st, find_sql, &s, err))
		return -2;
	sqlite3_bind_text(s, 1, tbl, -1, SQLITE_STATIC);
	char name[128] = "";
	if (sqlite3_step(s) == SQLITE_ROW)
		snprintf(name, sizeof name, "%s", text(s, 0));
	sqlite3_finalize(s);
	if (!name[0])
		return -1;
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM \"%s\" WHERE return_id = ?1", name);
	if (store_prepare(st, sql, &s, err))
		return -2;
	sqlite3_bind_int64(s, 1, return_id);
	long n = sqlite3_step(s) == SQLITE_ROW ? (long)sqlite3_column_int64(s, 0) : -1;
	sqlite3_finalize(s);
	return n;
}

int store_issue_groups(struct store *st, long long return_id, store_issue_group_fn fn, void *ctx,
		       struct cf_error *err)
{
	sqlite3_stmt *s;
	int rc;
	if (return_id > 0) {
		if ((rc = store_prepare(st, "SELECT 1 FROM returns WHERE id = ?1", &s, err)))
			return rc;
		sqlite3_bind_int64(s, 1, return_id);
		int found = sqlite3_step(s) == SQLITE_ROW;
		sqlite3_finalize(s);
		if (!found)
			return cf_error_set(err, CF_EINPUT,
					    "--return %lld: no such return in the store (caseflow quality lists the "
					    "returns with problems, the id first)", return_id);
	}
	static const char sql[] =
		"SELECT g.return_id, r.path, r.kind, coalesce(r.collection_year, 0), coalesce(r.rows, 0), g.tbl, g.col, g.kind, g.n, "
		"  (SELECT group_concat(e, '; ') FROM (SELECT 'row ' || coalesce(j.row, j.line, '?') || "
		"     coalesce(' ''' || j.value || '''', '') AS e FROM issues j "
		"     WHERE j.return_id = g.return_id AND j.tbl = g.tbl AND coalesce(j.column_name, '') = g.col "
		"     AND j.kind = g.kind ORDER BY j.row, j.id LIMIT 3)), "
		"  (SELECT j.message FROM issues j WHERE j.return_id = g.return_id AND j.tbl = g.tbl "
		"     AND coalesce(j.column_name, '') = g.col AND j.kind = g.kind ORDER BY j.row, j.id LIMIT 1) "
		"FROM (SELECT return_id, tbl, coalesce(column_name, '') AS col, kind, count(*) AS n FROM issues "
		"      WHERE ?1 = 0 OR return_id = ?1 GROUP BY return_id, tbl, coalesce(column_name, ''), kind) g "
		"JOIN returns r ON r.id = g.return_id "
		"ORDER BY g.return_id, g.n DESC, g.tbl, g.col, g.kind";
	if ((rc = store_prepare(st, sql, &s, err)))
		return rc;
	sqlite3_bind_int64(s, 1, return_id > 0 ? return_id : 0);
	int step;
	while (!rc && (step = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_issue_group g = {
			.return_id = sqlite3_column_int64(s, 0), .path = text(s, 1), .return_kind = text(s, 2),
			.collection_year = sqlite3_column_int(s, 3), .tbl = text(s, 5), .column = text(s, 6),
			.reason = text(s, 7), .count = (long)sqlite3_column_int64(s, 8), .examples = text(s, 9),
			.message = text(s, 10),
		};
		long n = table_rows(st, g.return_id, g.tbl, err);
		if (n == -2) {
			rc = CF_EIO;
			break;
		}
		g.rows = n >= 0 ? n : (long)sqlite3_column_int64(s, 4);
		rc = fn(ctx, &g, err);
	}
	if (!rc && step != SQLITE_DONE)
		rc = store_error(st, err, "reading the issues");
	sqlite3_finalize(s);
	return rc;
}
