/* Queries over the returns register (the returns table) and localities. */
#include "store/returns.h"

#include "store/store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* " AND kind IN (...)" for a set of kinds ("" for all), into buf. */
static const char *kind_clause(return_kinds kinds, char *buf, size_t size)
{
	if (kinds == RETURN_KINDS_ALL) {
		buf[0] = 0;
		return buf;
	}
	size_t len = (size_t)snprintf(buf, size, " AND (kind IN (''");
	for (int k = RETURN_UNKNOWN + 1; k < RETURN_KIND_N && len < size; k++) {
		if (!(kinds & RETURN_KIND_BIT(k)) || k == RETURN_PROGRAMME)
			continue;
		len += (size_t)snprintf(buf + len, size - len, ", '%s'", return_kind_name((enum return_kind)k));
	}
	if (len < size)
		snprintf(buf + len, size - len, ")%s)",
			 kinds & RETURN_KIND_BIT(RETURN_PROGRAMME) ? " OR kind LIKE 'programme.%'" : "");
	return buf;
}

/* Prepares HEAD, the clause that keeps KINDS' returns, then TAIL. */
static int prepare_for_kinds(struct store *st, const char *head, return_kinds kinds, const char *tail,
			     sqlite3_stmt **s, struct cf_error *err)
{
	char clause[2048], sql[2200];
	snprintf(sql, sizeof sql, "%s%s%s", head, kind_clause(kinds, clause, sizeof clause), tail);
	return store_prepare(st, sql, s, err);
}

int returns_years(struct store *st, return_kinds kinds, int *years, int cap, int *n, struct cf_error *err)
{
	sqlite3_stmt *s;
	*n = 0;
	int rc = prepare_for_kinds(st, "SELECT DISTINCT collection_year FROM returns WHERE collection_year IS NOT NULL",
				   kinds, " ORDER BY 1", &s, err);
	if (rc)
		return rc;
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW)
		if (*n < cap)
			years[(*n)++] = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return step == SQLITE_DONE ? CF_OK : store_error(st, err, "reading the years of the returns");
}

int returns_year_range(struct store *st, return_kinds kinds, int *first, int *last, struct cf_error *err)
{
	sqlite3_stmt *s;
	*first = *last = 0;
	/* an SSD extract covers the years of ssd_years, not only the one it was loaded as */
	int ssd = kinds == RETURN_KINDS_ALL || (kinds & RETURN_KIND_BIT(RETURN_SSD));
	int rc = prepare_for_kinds(st, "SELECT min(y), max(y) FROM (SELECT collection_year y FROM returns WHERE collection_year > 0",
				   kinds, ssd ? " UNION ALL SELECT collection_year FROM ssd_years)" : ")", &s, err);
	if (rc)
		return rc;
	int step = sqlite3_step(s);
	if (step == SQLITE_ROW) {
		*first = sqlite3_column_int(s, 0);
		*last = sqlite3_column_int(s, 1);
	}
	sqlite3_finalize(s);
	return step == SQLITE_ROW ? CF_OK : store_error(st, err, "reading the years of the returns");
}

int returns_count(struct store *st, enum return_kind k, int year, long *n, struct cf_error *err)
{
	sqlite3_stmt *s;
	*n = 0;
	int rc = store_prepare(st, "SELECT count(*) FROM returns WHERE collection_year = ?1 AND kind = ?2", &s, err);
	if (rc)
		return rc;
	sqlite3_bind_int(s, 1, year);
	sqlite3_bind_text(s, 2, return_kind_name(k), -1, SQLITE_STATIC);
	int step = sqlite3_step(s);
	if (step == SQLITE_ROW)
		*n = (long)sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return step == SQLITE_ROW ? CF_OK : store_error(st, err, "counting returns");
}

int returns_stamp(struct store *st, char *out, size_t size, struct cf_error *err)
{
	sqlite3_stmt *s;
	out[0] = '\0';
	int rc = store_prepare(st, "SELECT printf('%d|%d|%s|%d', coalesce(max(id), 0), count(*), coalesce(max(loaded_at), ''), "
				   "coalesce(sum(rows), 0)) FROM returns", &s, err);
	if (rc)
		return rc;
	int step = sqlite3_step(s);
	if (step == SQLITE_ROW)
		snprintf(out, size, "%s", (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	return step == SQLITE_ROW ? CF_OK : store_error(st, err, "reading the returns register");
}

int returns_list(struct store *st, enum return_kind k, int year, struct return_entry **out, int *n,
		 struct cf_error *err)
{
	sqlite3_stmt *s;
	*out = NULL;
	*n = 0;
	int rc = store_prepare(st, "SELECT id, coalesce(collection_year, 0), path FROM returns WHERE kind = ?2 "
				   "AND (?1 = 0 OR collection_year = ?1) ORDER BY collection_year, id", &s, err);
	if (rc)
		return rc;
	sqlite3_bind_int(s, 1, year);
	sqlite3_bind_text(s, 2, return_kind_name(k), -1, SQLITE_STATIC);
	int cap = 0, step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			struct return_entry *p = realloc(*out, (size_t)cap * sizeof *p);
			if (!p) {
				sqlite3_finalize(s);
				free(*out);
				*out = NULL;
				*n = 0;
				return cf_error_set(err, CF_EIO, "out of memory");
			}
			*out = p;
		}
		struct return_entry *r = &(*out)[(*n)++];
		r->id = sqlite3_column_int64(s, 0);
		r->year = sqlite3_column_int(s, 1);
		snprintf(r->path, sizeof r->path, "%s", (const char *)sqlite3_column_text(s, 2));
	}
	sqlite3_finalize(s);
	if (step != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return store_error(st, err, "listing returns");
	}
	return CF_OK;
}

void returns_kind_totals_free(struct return_kind_total *t, int n)
{
	for (int i = 0; t && i < n; i++)
		free(t[i].kind);
	free(t);
}

int returns_kind_totals(struct store *st, struct return_kind_total **out, int *n, struct cf_error *err)
{
	sqlite3_stmt *s;
	*out = NULL;
	*n = 0;
	int rc = store_prepare(st, "SELECT kind, min(collection_year), max(collection_year), count(*), sum(rows) FROM returns "
				   "GROUP BY 1 ORDER BY 1", &s, err);
	if (rc)
		return rc;
	int cap = 0, step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 32;
			struct return_kind_total *p = realloc(*out, (size_t)cap * sizeof *p);
			if (!p)
				goto oom;
			*out = p;
		}
		struct return_kind_total *t = &(*out)[*n];
		const char *kind = (const char *)sqlite3_column_text(s, 0);
		if (!(t->kind = strdup(kind ? kind : "")))
			goto oom;
		(*n)++;
		t->first_year = sqlite3_column_int(s, 1);
		t->last_year = sqlite3_column_int(s, 2);
		t->files = sqlite3_column_int64(s, 3);
		t->rows = sqlite3_column_int64(s, 4);
	}
	sqlite3_finalize(s);
	if (step != SQLITE_DONE) {
		returns_kind_totals_free(*out, *n);
		*out = NULL;
		*n = 0;
		return store_error(st, err, "reading the returns held");
	}
	return CF_OK;
oom:
	sqlite3_finalize(s);
	returns_kind_totals_free(*out, *n);
	*out = NULL;
	*n = 0;
	return cf_error_set(err, CF_EIO, "out of memory");
}

int returns_locality_areas(struct store *st, int (*fn)(void *ctx, const char *area, struct cf_error *err),
			   void *ctx, struct cf_error *err)
{
	sqlite3_stmt *s;
	int rc = store_prepare(st, "SELECT DISTINCT area FROM localities", &s, err);
	if (rc)
		return rc;
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW)
		if ((rc = fn(ctx, (const char *)sqlite3_column_text(s, 0), err))) {
			sqlite3_finalize(s);
			return rc;
		}
	sqlite3_finalize(s);
	return step == SQLITE_DONE ? CF_OK : store_error(st, err, "reading localities");
}
