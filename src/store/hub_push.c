/* Pushing a council's returns from its store to the regional hub
 * (store/hub.h, docs/hub.md "Push").
 *
 * Each return goes in one transaction: its row in hub.returns (unique by
 * council, SHA-256 and kind, so a return already there is skipped) and the
 * rows of every table holding its records, streamed with COPY into a
 * staging table and moved into hub.r_<table> by one INSERT that puts the
 * hub's pseudonyms in place of identifiers. The degrading that needs the
 * full values is done here, in SQL on the council's own store, before
 * anything leaves it:
 *   - a date of birth goes to its month. The day kept is the first of the
 *     month, moved later only as far as the child's own dates need for
 *     every age at them to stay exact (an event on the 9th of the birth
 *     month before a birthday on the 20th keeps the day at 10), and to the
 *     2nd when the birthday is not the 1st, so ages at the start of every
 *     month hold too. That is the "age at each event, computed before
 *     degrading": the hub's figures for a council equal its own.
 *   - postcodes to their sector; free text and UPNs are not sent;
 *   - a file's folder is not sent, only its name. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/progress.h"
#include "base/strbuf.h"
#include "store/hub.h"
#include "store/hub_int.h"
#include "store/store_int.h"

/* The day of every dated record of each child, for degrading its date of
 * birth (temp.hub_days; the store itself is not written). */
static int index_days(struct store *st, const struct hub_table *t, int n, struct cf_error *err)
{
	struct strbuf sql = { 0 };
	int rc = store_exec(st,
			    "DROP TABLE IF EXISTS temp.hub_days;"
			    "CREATE TEMP TABLE hub_days (child TEXT, m INTEGER, d INTEGER)", err);
	for (int i = 0; i < n && !rc; i++) {
		if (!t[i].has_child)
			continue;
		for (int c = 0; c < t[i].ncols && !rc; c++) {
			const struct hub_col *pc = &t[i].cols[c];
			if (pc->rule != HUB_KEEP || pc->is_child)
				continue;
			strbuf_reset(&sql);
			strbuf_addf(&sql,
				      "INSERT INTO temp.hub_days SELECT DISTINCT child, substr(\"%s\", 6, 2) + 0, "
				      "substr(\"%s\", 9, 2) + 0 FROM main.\"%s\" WHERE child IS NOT NULL AND typeof(\"%s\") = 'text' "
				      "AND \"%s\" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'",
				      pc->name, pc->name, t[i].name, pc->name, pc->name);
			rc = strbuf_ok(&sql) ? store_exec(st, strbuf_str(&sql), err) : cf_error_set(err, CF_EIO, "out of memory");
		}
	}
	strbuf_release(&sql);
	return rc ? rc : store_exec(st, "CREATE INDEX temp.hub_days_i ON hub_days (child, m, d)", err);
}

/* SQL for a date of birth X of child C, degraded as the file's comment says. */
static void dob_expr(struct strbuf *b, const char *x, const char *child, int exact)
{
	if (exact) {
		strbuf_addf(b, "%s", x);
		return;
	}
	strbuf_addf(b,
		      "CASE WHEN %s GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' THEN substr(%s, 1, 8) || "
		      "printf('%%02d', max(min(2, substr(%s, 9, 2) + 0), coalesce((SELECT max(e.d) + 1 FROM temp.hub_days e "
		      "WHERE e.child = %s AND e.m = substr(%s, 6, 2) + 0 AND e.d < substr(%s, 9, 2) + 0), 1))) END",
		      x, x, x, child, x, x);
}

static void select_col(struct strbuf *b, const struct hub_table *t, const struct hub_col *c, int exact)
{
	char q[80];
	snprintf(q, sizeof q, "o.\"%s\"", c->name);
	switch (c->rule) {
	case HUB_DOB:
		dob_expr(b, q, t->has_child ? "o.child" : "NULL", exact);
		break;
	case HUB_DOB_JSON:
		strbuf_addf(b,
			      "CASE WHEN json_valid(%s) AND json_type(%s, '$.\"Date of Birth\"') = 'text' THEN "
			      "json_set(%s, '$.\"Date of Birth\"', ", q, q, q);
		dob_expr(b, "json_extract(o.\"data\", '$.\"Date of Birth\"')", t->has_child ? "o.child" : "NULL", exact);
		strbuf_addf(b, ") ELSE %s END", q);
		break;
	case HUB_SECTOR:
		strbuf_addf(b,
			      "CASE WHEN instr(trim(%s), ' ') > 0 THEN substr(trim(%s), 1, instr(trim(%s), ' ')) || "
			      "substr(trim(substr(trim(%s), instr(trim(%s), ' ') + 1)), 1, 1) ELSE %s END",
			      q, q, q, q, q, q);
		break;
	case HUB_DROP:
		strbuf_addf(b, "%s", c->notnull ? "''" : "NULL");
		break;
	default:
		strbuf_addf(b, "%s", q);
	}
}

/* One value in COPY's text format. */
static void copy_value(struct strbuf *b, sqlite3_stmt *s, int col)
{
	switch (sqlite3_column_type(s, col)) {
	case SQLITE_NULL:
		strbuf_addf(b, "\\N");
		break;
	case SQLITE_INTEGER:
		strbuf_addf(b, "%lld", (long long)sqlite3_column_int64(s, col));
		break;
	case SQLITE_FLOAT:
		strbuf_addf(b, "%.17g", sqlite3_column_double(s, col));
		break;
	default: {
		const unsigned char *v = sqlite3_column_text(s, col);
		for (; v && *v; v++) {
			switch (*v) {
			case '\\': strbuf_addf(b, "\\\\"); break;
			case '\t': strbuf_addf(b, "\\t"); break;
			case '\n': strbuf_addf(b, "\\n"); break;
			case '\r': strbuf_addf(b, "\\r"); break;
			default: strbuf_addc(b, (char)*v);
			}
		}
	}
	}
}

static int copy_put(struct hub *h, struct strbuf *b, struct cf_error *err)
{
	if (!strbuf_ok(b))
		return cf_error_set(err, CF_EIO, "out of memory");
	if (b->len && PQputCopyData(h->conn, strbuf_str(b), (int)b->len) != 1)
		return hub_fail(h, NULL, "sending rows to the hub", err);
	strbuf_reset(b);
	return CF_OK;
}

static int copy_end(struct hub *h, struct cf_error *err)
{
	if (PQputCopyEnd(h->conn, NULL) != 1)
		return hub_fail(h, NULL, "sending rows to the hub", err);
	PGresult *r = PQgetResult(h->conn);
	int rc = PQresultStatus(r) == PGRES_COMMAND_OK ? CF_OK : hub_fail(h, r, "sending rows to the hub", err);
	PQclear(r);
	while ((r = PQgetResult(h->conn)))
		PQclear(r);
	return rc;
}

/* Stream `select` (bound to the store's return id lid, when lid >= 0)
 * into the council's staging table for t, then have the hub take the rows
 * in as return hid (hub.take: pseudonyms on the way). *rows counts them. */
static int send_rows(struct hub *h, struct store *st, const char *t, const char *select, long long lid,
		     const char *copy_sql, const char *hid, const char *la, long long *rows, struct progress *bar,
		     long long *done, struct cf_error *err)
{
	sqlite3_stmt *s;
	int rc = store_prepare(st, select, &s, err);
	if (rc)
		return rc;
	if (lid >= 0)
		sqlite3_bind_int64(s, 1, lid);
	PGresult *r = PQexec(h->conn, copy_sql);
	if (PQresultStatus(r) != PGRES_COPY_IN) {
		rc = hub_fail(h, r, "starting to send rows", err);
		PQclear(r);
		sqlite3_finalize(s);
		return rc;
	}
	PQclear(r);
	struct strbuf b = { 0 };
	int ncol = sqlite3_column_count(s), step;
	long long n = 0;
	while (!rc && (step = sqlite3_step(s)) == SQLITE_ROW) {
		for (int c = 0; c < ncol; c++) {
			if (c)
				strbuf_addc(&b, '\t');
			copy_value(&b, s, c);
		}
		strbuf_addc(&b, '\n');
		n++;
		if (b.len > (1 << 16))
			rc = copy_put(h, &b, err);
		if (bar && !(n & 1023))
			progress_update(bar, *done + n);
	}
	if (!rc && step != SQLITE_DONE)
		rc = store_error(st, err, "reading the store");
	if (!rc)
		rc = copy_put(h, &b, err);
	if (rc)
		PQputCopyEnd(h->conn, "caseflow stopped");
	int end = copy_end(h, rc ? &(struct cf_error){ 0 } : err);
	rc = rc ? rc : end;
	strbuf_release(&b);
	sqlite3_finalize(s);
	const char *p[3] = { t, hid, la };
	if (!rc)
		rc = hub_query(h, "SELECT hub.take($1, $2::bigint, $3)", 3, p, NULL, err);
	if (!rc)
		*rows += n, *done += n;
	return rc;
}

/* The store's SELECT of table t (degraded) and the COPY into its staging
 * table. */
static int table_sql(const struct hub_table *t, int exact, struct strbuf *sel, struct strbuf *copy)
{
	strbuf_reset(sel);
	strbuf_reset(copy);
	strbuf_addf(sel, "SELECT ");
	strbuf_addf(copy, "COPY pg_temp.\"stage_%s\" (", t->name);
	for (int c = 0; c < t->ncols; c++) {
		if (c) {
			strbuf_addf(sel, ", ");
			strbuf_addf(copy, ", ");
		}
		select_col(sel, t, &t->cols[c], exact);
		strbuf_addf(copy, "\"%s\"", t->cols[c].name);
	}
	strbuf_addf(sel, " FROM main.\"%s\" AS o WHERE o.return_id = ?1 ORDER BY o.rowid", t->name);
	strbuf_addf(copy, ") FROM STDIN");
	return strbuf_ok(sel) && strbuf_ok(copy) ? CF_OK : CF_EIO;
}

/* Which tables hold rows of which return: a bit per (return, table), so a
 * return's push reads only the tables it has rows in. */
static int tables_of_returns(struct store *st, const struct hub_table *t, int nt, const long long *ids, int nids,
			     unsigned char *has, struct cf_error *err)
{
	char sql[256];
	int rc = CF_OK;
	for (int k = 0; k < nt && !rc; k++) {
		sqlite3_stmt *s;
		snprintf(sql, sizeof sql, "SELECT DISTINCT return_id FROM main.\"%s\"", t[k].name);
		if ((rc = store_prepare(st, sql, &s, err)))
			break;
		while (sqlite3_step(s) == SQLITE_ROW) {
			long long id = sqlite3_column_int64(s, 0);
			for (int i = 0; i < nids; i++)
				if (ids[i] == id)
					has[(size_t)i * (size_t)nt + (size_t)k] = 1;
		}
		sqlite3_finalize(s);
	}
	return rc;
}

/* The uses a return of this kind serves, of those consented to: the money
 * extracts serve placement sufficiency only. */
static void return_uses(const char *kind, const int consented[HUB_NUSES], char *out, size_t size)
{
	int money = !strcmp(kind, "local.placement_costs") || !strcmp(kind, "local.budgets") ||
		    !strcmp(kind, "local.ledger") || !strcmp(kind, "local.homes") ||
		    !strcmp(kind, "local.foster_households");
	size_t k = 0;
	out[k++] = '{';
	for (int u = 0; u < HUB_NUSES; u++)
		if (consented[u] && (!money || u == HUB_SUFFICIENCY))
			k += (size_t)snprintf(out + k, size - k, "%s%s", k > 1 ? "," : "", hub_use_name((enum hub_use)u));
	snprintf(out + k, size - k, "}");
}

struct local_return {
	long long id, hub_id;
	char kind[64], sha[72];
};

static int push_children(struct hub *h, struct store *st, const char *la, int exact, const struct local_return *lr,
			 int nlr, struct cf_error *err)
{
	/* first and last return as the hub numbers them (NULL when that return
	 * did not go) */
	int rc = store_exec(st, "DROP TABLE IF EXISTS temp.hub_ids; CREATE TEMP TABLE hub_ids (id INTEGER PRIMARY KEY, hub_id INTEGER)",
			    err);
	sqlite3_stmt *s = NULL;
	if (!rc)
		rc = store_prepare(st, "INSERT INTO temp.hub_ids VALUES (?1, ?2)", &s, err);
	for (int i = 0; !rc && i < nlr; i++) {
		if (!lr[i].hub_id)
			continue;
		sqlite3_bind_int64(s, 1, lr[i].id);
		sqlite3_bind_int64(s, 2, lr[i].hub_id);
		if (sqlite3_step(s) != SQLITE_DONE)
			rc = store_error(st, err, "numbering returns");
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	if (rc)
		return rc;
	struct strbuf sel = { 0 };
	strbuf_addf(&sel, "SELECT child, sex, ");
	dob_expr(&sel, "o.dob", "o.child", exact);
	strbuf_addf(&sel, ", ethnicity, source_year, (SELECT hub_id FROM temp.hub_ids h WHERE h.id = o.first_return_id), "
			    "(SELECT hub_id FROM temp.hub_ids h WHERE h.id = o.last_return_id) FROM main.children o ORDER BY o.child");
	long long rows = 0, done = 0;
	rc = hub_exec(h, "BEGIN", err);
	if (!rc)
		rc = strbuf_ok(&sel) ? send_rows(h, st, "children", strbuf_str(&sel), -1,
					       "COPY pg_temp.stage_children FROM STDIN", "0", la, &rows, NULL, &done, err)
				     : cf_error_set(err, CF_EIO, "out of memory");
	strbuf_release(&sel);
	rc = hub_end(h, rc, err);
	return rc;
}

int hub_push(struct hub *h, struct store *st, const char *la, struct hub_push_stats *stats, struct cf_error *err)
{
	memset(stats, 0, sizeof *stats);
	char (*mine)[8] = NULL;
	int nmine = 0, rc = hub_councils(h, &mine, &nmine, err), allowed = 0;
	for (int i = 0; !rc && i < nmine; i++)
		allowed |= !strcmp(mine[i], la);
	free(mine);
	if (rc)
		return rc;
	if (!allowed)
		return cf_error_at(err, CF_EINPUT, h->where, 0, "--la", la,
				   "this role may not push for council %s: connect as a member of its role "
				   "(REGION_la_%s), or add the council with 'caseflow hub la add'", la, la);
	/* the uses consented to, and how dates of birth are kept */
	int consented[HUB_NUSES] = { 0 }, exact = 0, any = 0;
	PGresult *r;
	const char *p1[1] = { la };
	if ((rc = hub_query(h, "SELECT use FROM hub.consents WHERE la_code = $1", 1, p1, &r, err)))
		return rc;
	for (int i = 0; i < PQntuples(r); i++) {
		int u = hub_use_parse(PQgetvalue(r, i, 0));
		if (u >= 0)
			consented[u] = any = 1;
	}
	PQclear(r);
	if ((rc = hub_query(h, "SELECT value FROM hub.settings WHERE key = 'dob'", 0, NULL, &r, err)))
		return rc;
	exact = PQntuples(r) && !strcmp(PQgetvalue(r, 0, 0), "exact");
	PQclear(r);
	if (!any)
		return cf_error_at(err, CF_EINPUT, h->where, 0, "--la", la,
				   "council %s has consented to no use, so nothing may be pushed: record its consent "
				   "with 'caseflow hub consent --db URI --la %s --use benchmarking --on'", la, la);

	struct hub_table *t = NULL;
	int nt = 0;
	struct local_return *lr = NULL;
	int nlr = 0;
	struct strbuf sel = { 0 }, copy = { 0 };
	sqlite3_stmt *s = NULL;
	struct progress bar;
	long long total = 0, done = 0, *ids = NULL;
	unsigned char *has = NULL;
	char region[64];
	if ((rc = hub_region(h, region, sizeof region, err)) || (rc = hub_tables(st, &t, &nt, err)) ||
	    (!exact && (rc = index_days(st, t, nt, err))))
		goto out;
	/* this session's staging tables, which hub.take (run as the hub's
	 * admin) reads and empties */
	for (int i = 0; i <= nt && !rc; i++) {
		strbuf_reset(&sel);
		if (i == nt)
			strbuf_addf(&sel, "CREATE TEMP TABLE IF NOT EXISTS stage_children AS SELECT child, sex, dob, "
					  "ethnicity, source_year, first_return_id, last_return_id FROM hub.children WITH NO DATA;"
					  "GRANT SELECT, DELETE ON pg_temp.stage_children TO %s_admin", region);
		else {
			strbuf_addf(&sel, "CREATE TEMP TABLE IF NOT EXISTS \"stage_%s\" AS SELECT ", t[i].name);
			for (int c = 0; c < t[i].ncols; c++)
				strbuf_addf(&sel, "%s\"%s\"", c ? ", " : "", t[i].cols[c].name);
			strbuf_addf(&sel, " FROM hub.\"r_%s\" WITH NO DATA; GRANT SELECT, DELETE ON pg_temp.\"stage_%s\" TO %s_admin",
				    t[i].name, t[i].name, region);
		}
		rc = strbuf_ok(&sel) ? hub_exec(h, strbuf_str(&sel), err) : cf_error_set(err, CF_EIO, "out of memory");
	}
	if (rc)
		goto out;
	if ((rc = store_prepare(st, "SELECT id, kind, sha256, rows FROM returns ORDER BY id", &s, err)))
		goto out;
	while (sqlite3_step(s) == SQLITE_ROW) {
		struct local_return *g = realloc(lr, (size_t)(nlr + 1) * sizeof *g);
		if (!g) {
			rc = cf_error_set(err, CF_EIO, "out of memory");
			goto out;
		}
		lr = g;
		memset(&lr[nlr], 0, sizeof *lr);
		lr[nlr].id = sqlite3_column_int64(s, 0);
		store_col_code(s, 1, lr[nlr].kind, sizeof lr->kind);
		store_col_code(s, 2, lr[nlr].sha, sizeof lr->sha);
		total += sqlite3_column_int64(s, 3);
		nlr++;
	}
	sqlite3_finalize(s);
	s = NULL;
	if (!(ids = malloc((size_t)(nlr ? nlr : 1) * sizeof *ids)) ||
	    !(has = calloc((size_t)(nlr ? nlr : 1) * (size_t)(nt ? nt : 1), 1))) {
		rc = cf_error_set(err, CF_EIO, "out of memory");
		goto out;
	}
	for (int i = 0; i < nlr; i++)
		ids[i] = lr[i].id;
	if ((rc = tables_of_returns(st, t, nt, ids, nlr, has, err)))
		goto out;
	progress_start(&bar, "pushing", total);
	for (int i = 0; i < nlr && !rc; i++) {
		char uses[96], hid[24];
		return_uses(lr[i].kind, consented, uses, sizeof uses);
		if (!strcmp(uses, "{}")) {
			stats->returns_refused++;
			continue;
		}
		if ((rc = hub_exec(h, "BEGIN", err)))
			break;
		/* the return's row; nothing comes back when it is already held */
		if ((rc = store_prepare(st,
					"SELECT kind, collection_year, replace(path, rtrim(path, replace(path, '/', '')), ''), "
					"sha256, bytes, rows, issues, loaded_at FROM returns WHERE id = ?1", &s, err)))
			break;
		sqlite3_bind_int64(s, 1, lr[i].id);
		if (sqlite3_step(s) != SQLITE_ROW) {
			rc = store_error(st, err, "reading the returns");
			break;
		}
		const char *p[10] = { la };
		for (int c = 0; c < 8; c++)
			p[1 + c] = store_col_text(s, c);
		p[9] = uses;
		rc = hub_query(h,
			       "INSERT INTO hub.returns (la_code, kind, collection_year, file, sha256, bytes, rows, issues, "
			       "loaded_at, uses) VALUES ($1, $2, $3::int, $4, $5, $6::bigint, $7::bigint, $8::int, $9, $10::text[]) "
			       "ON CONFLICT (la_code, sha256, kind) DO NOTHING RETURNING id", 10, p, &r, err);
		sqlite3_finalize(s);
		s = NULL;
		if (rc)
			break;
		if (!PQntuples(r)) {
			PQclear(r);
			stats->returns_held++;
			rc = hub_exec(h, "ROLLBACK", err);
			continue;
		}
		snprintf(hid, sizeof hid, "%s", PQgetvalue(r, 0, 0));
		PQclear(r);
		long long before = stats->rows;
		for (int k = 0; k < nt && !rc; k++) {
			if (!has[(size_t)i * (size_t)nt + (size_t)k])
				continue;
			if ((rc = table_sql(&t[k], exact, &sel, &copy)))
				rc = cf_error_set(err, CF_EIO, "out of memory");
			else
				rc = send_rows(h, st, t[k].name, strbuf_str(&sel), lr[i].id, strbuf_str(&copy), hid, la,
					       &stats->rows, &bar, &done, err);
		}
		if (!rc) {
			char detail[256];
			snprintf(detail, sizeof detail, "%s %.16s: %lld rows, for %s", lr[i].kind, lr[i].sha,
				 stats->rows - before, uses);
			rc = hub_audit(h, "push", la, detail, err);
		}
		if (!rc)
			rc = hub_exec(h, "COMMIT", err);
		if (rc) {
			hub_exec(h, "ROLLBACK", &(struct cf_error){ 0 });
			break;
		}
		stats->returns_sent++;
	}
	progress_finish(&bar);
	if (rc)
		goto out;
	/* the hub's numbers for every return it holds of ours, then the children */
	if ((rc = hub_query(h, "SELECT id, sha256, kind FROM hub.returns WHERE la_code = $1", 1, p1, &r, err)))
		goto out;
	for (int i = 0; i < PQntuples(r); i++)
		for (int k = 0; k < nlr; k++)
			if (!strcmp(lr[k].sha, PQgetvalue(r, i, 1)) && !strcmp(lr[k].kind, PQgetvalue(r, i, 2)))
				lr[k].hub_id = atoll(PQgetvalue(r, i, 0));
	PQclear(r);
	rc = push_children(h, st, la, exact, lr, nlr, err);
out:
	sqlite3_finalize(s);
	store_exec(st, "DROP TABLE IF EXISTS temp.hub_days; DROP TABLE IF EXISTS temp.hub_ids", &(struct cf_error){ 0 });
	strbuf_release(&sel);
	strbuf_release(&copy);
	free(ids);
	free(has);
	free(t);
	free(lr);
	return rc;
}
