/* The audit log: the SQL behind store/audit.h. */
#include "store/audit.h"
#include "store/store_int.h"

#include <stdlib.h>

int audit_append(struct store *st, const struct audit_entry *e, struct cf_error *err)
{
	sqlite3_stmt *s;
	int rc = store_prepare(st, "INSERT INTO audit_log (at, user, addr, action, target, detail, status) "
				   "VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?, ?, ?, ?, ?, ?)", &s, err);
	if (rc)
		return rc;
	sqlite3_bind_text(s, 1, e->user, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, e->addr, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, e->action, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, e->target, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, e->detail, -1, SQLITE_STATIC);
	if (e->status)
		sqlite3_bind_int(s, 6, e->status);
	int step = sqlite3_step(s);
	sqlite3_finalize(s);
	return step == SQLITE_DONE ? CF_OK : store_error(st, err, "writing the audit log");
}

int audit_table(struct store *st, long limit, struct cf_table **out, struct cf_error *err)
{
	static const char *const names[] = { "id", "at", "user", "addr", "action", "target", "detail", "status" };
	sqlite3_stmt *s;
	*out = NULL;
	struct cf_table *t = cf_table_new("audit");
	if (!t)
		return cf_error_set(err, CF_EIO, "out of memory");
	for (int c = 0; c < 8; c++)
		if (cf_table_add_column(t, names[c], c == 0 || c == 7 ? CF_CELL_INT : CF_CELL_TEXT, 0) < 0) {
			cf_table_free(t);
			return cf_error_set(err, CF_EIO, "out of memory");
		}
	int rc = store_prepare(st, "SELECT id, at, user, addr, action, target, detail, status FROM audit_log "
				   "ORDER BY id DESC LIMIT ?", &s, err);
	if (rc) {
		cf_table_free(t);
		return rc;
	}
	sqlite3_bind_int64(s, 1, limit > 0 ? limit : -1);
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		long r = cf_table_add_row(t);
		if (r < 0) {
			step = SQLITE_NOMEM;
			break;
		}
		for (int c = 0; c < 8; c++) {
			if (sqlite3_column_type(s, c) == SQLITE_NULL)
				continue;
			if (c == 0 || c == 7)
				cf_table_set_int(t, (size_t)r, c, sqlite3_column_int64(s, c));
			else if (cf_table_set_text(t, (size_t)r, c, (const char *)sqlite3_column_text(s, c))) {
				step = SQLITE_NOMEM;
				break;
			}
		}
		if (step == SQLITE_NOMEM)
			break;
	}
	sqlite3_finalize(s);
	if (step != SQLITE_DONE) {
		cf_table_free(t);
		return step == SQLITE_NOMEM ? cf_error_set(err, CF_EIO, "out of memory") : store_error(st, err, "reading the audit log");
	}
	*out = t;
	return CF_OK;
}
