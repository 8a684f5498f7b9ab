/* Checking and binding one local extract's row (load_row_int.h). */
#include "store/load_row_int.h"
#include "store/store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t load_row_len(const struct load_row *r, int c)
{
	return r->lens[c] == (size_t)-1 ? 0 : r->lens[c];
}

int load_row_bind(struct load_row *r, int idx, int c, const struct value *v, struct cf_error *err)
{
	return load_bind(r->at, r->s, idx, v, local_col_names[c], r->vals[c], load_row_len(r, c), err);
}

static void shown_value(const struct load_row *r, int c, char *shown, size_t cap)
{
	size_t n = load_row_len(r, c);
	snprintf(shown, cap, "%.*s", (int)(n > 150 ? 150 : n), r->vals[c] ? r->vals[c] : "");
}

int load_row_need(struct load_row *r, int c, const struct value *v, const char *what, struct cf_error *err)
{
	if (v->status == VALUE_OK || v->status == VALUE_NOTE)
		return CF_OK;
	r->skip = 1;
	char why[200];
	if (v->status == VALUE_EMPTY) {
		snprintf(why, sizeof why, "%s is blank: row not stored", local_col_names[c]);
		return load_issue(r->at, local_col_names[c], NULL, "missing_value", why, err);
	}
	snprintf(why, sizeof why, "%s: %s, row not stored", v->why ? v->why : "unreadable", what);
	char shown[160];
	shown_value(r, c, shown, sizeof shown);
	return load_issue(r->at, local_col_names[c], shown, v->kind ? v->kind : "bad_value", why, err);
}

int load_row_text(struct load_row *r, int idx, int c, int required, struct cf_error *err)
{
	struct value v;
	value_text(r->vals[c], load_row_len(r, c), &v);
	int rc = required ? load_row_need(r, c, &v, "needed", err) : CF_OK;
	return rc ? rc : load_row_bind(r, idx, c, &v, err);
}

int load_row_date(struct load_row *r, int idx, int c, int required, cf_date *out, struct cf_error *err)
{
	struct value v;
	value_date(r->vals[c], load_row_len(r, c), &v);
	*out = CF_DATE_NONE;
	int rc;
	if (required || v.status == VALUE_ISSUE) {
		if ((rc = load_row_need(r, c, &v, required ? "needed" : "an unreadable date cannot be taken as blank", err)))
			return rc;
		if (r->skip)
			return CF_OK;
	}
	if (v.status == VALUE_OK || v.status == VALUE_NOTE)
		cf_date_parse(v.out, strlen(v.out), out);
	return load_row_bind(r, idx, c, &v, err);
}

int load_row_money(struct load_row *r, int idx, int c, int required, int signed_ok, struct cf_error *err)
{
	struct value v;
	value_money(r->vals[c], load_row_len(r, c), signed_ok, &v);
	int rc;
	if (required && (rc = load_row_need(r, c, &v, "the row cannot be priced", err)))
		return rc;
	if (v.status == VALUE_OK)
		sqlite3_bind_double(r->s, idx, strtod(v.out, NULL));
	else if (v.status == VALUE_ISSUE && !r->skip)
		return load_issue(r->at, local_col_names[c], v.out, v.kind, "not an amount of money: taken as none", err);
	return CF_OK;
}

int load_row_count(struct load_row *r, int idx, int c, struct cf_error *err)
{
	struct value v;
	value_count(r->vals[c], load_row_len(r, c), &v);
	int rc = load_row_need(r, c, &v, "needed", err);
	if (!rc && v.status == VALUE_OK)
		sqlite3_bind_int64(r->s, idx, strtoll(v.out, NULL, 10));
	return rc;
}

int load_row_code(struct load_row *r, int idx, int c, const char *const *names, int n, int required, const char *doc,
		  int *index, struct cf_error *err)
{
	struct value v;
	value_text(r->vals[c], load_row_len(r, c), &v);
	int t = v.status == VALUE_OK ? local_code(r->vals[c], load_row_len(r, c), names, n) : -1;
	*index = t;
	if (t >= 0) {
		sqlite3_bind_text(r->s, idx, names[t], -1, SQLITE_STATIC);
		return CF_OK;
	}
	if (v.status == VALUE_OK) {
		v.status = VALUE_ISSUE;
		v.kind = "unknown_code";
		v.why = doc;
	}
	if (required)
		return load_row_need(r, c, &v, "needed", err);
	return load_row_bind(r, idx, c, &v, err);   /* blank is NULL; unknown kept as given, with its issue */
}

int load_row_not_before(struct load_row *r, int c, cf_date d, cf_date from, struct cf_error *err)
{
	if (r->skip || d == CF_DATE_NONE || from == CF_DATE_NONE || d >= from)
		return CF_OK;
	r->skip = 1;
	char shown[160];
	shown_value(r, c, shown, sizeof shown);
	return load_issue(r->at, local_col_names[c], shown, "bad_date", "before the row's start: row not stored", err);
}
