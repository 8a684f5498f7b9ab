/* Reading Annex A rows back out of the store, list by list: the shared
 * table's columns and the row's annexa_rows JSON, merged by sheet row. */
#include "store/annexa_records.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/strbuf.h"
#include "store/return_kinds.h"
#include "store/returns.h"
#include "store/store_int.h"

int annexa_records_returns(struct store *st, int year, long long **ids, int *n, struct cf_error *err)
{
	*ids = NULL;
	*n = 0;
	struct return_entry *list = NULL;
	int nlist = 0;
	int rc = returns_list(st, RETURN_ANNEXA_XLSX, year, &list, &nlist, err);
	if (!rc && nlist == 0) {
		free(list);
		list = NULL;
		rc = returns_list(st, RETURN_ANNEXA_CSV, year, &list, &nlist, err);
	} else if (!rc) {
		list[0] = list[nlist - 1];   /* the latest workbook */
		nlist = 1;
	}
	if (rc || nlist == 0) {
		free(list);
		return rc;
	}
	if (!(*ids = malloc((size_t)nlist * sizeof **ids))) {
		free(list);
		return cf_error_set(err, CF_EIO, "out of memory");
	}
	for (int i = 0; i < nlist; i++)
		(*ids)[i] = list[i].id;
	*n = nlist;
	free(list);
	return CF_OK;
}

/* What each list keeps in a shared table: its columns by field. */
struct kept {
	const char *column;
	enum annexa_field field;
};

struct list_table {
	const char *table;       /* NULL: the list is all in annexa_rows */
	const char *filter;      /* more of the WHERE, on x */
	struct kept cols[6];
};

#define IN_ANNEXA_ROWS(l) \
	"EXISTS (SELECT 1 FROM annexa_rows a WHERE a.return_id = x.return_id AND a.row = x.row AND a.list = " #l ")"
#define IS_LIST6                                                                                          \
	"(x.primary_need IS NOT NULL OR x.closure_date IS NOT NULL OR x.closure_reason IS NOT NULL OR "   \
	"(x.referral_source IS NULL AND x.referral_nfa IS NULL AND " IN_ANNEXA_ROWS(6) " AND NOT " \
	IN_ANNEXA_ROWS(3) "))"

static const struct list_table tables[ANNEXA_NLISTS] = {
	{ "contacts", "", { { "contact_date", AXF_CONTACT_DATE }, { "source", AXF_CONTACT_SOURCE } } },
	{ "early_help", "", { { "start_date", AXF_EH_START }, { "end_date", AXF_EH_END },
			      { "lead_practitioner", AXF_EH_ORGANISATION } } },
	{ "cin_referrals", " AND NOT " IS_LIST6, { { "referral_date", AXF_REFERRAL_DATE },
						  { "referral_source", AXF_REFERRAL_SOURCE },
						  { "referral_nfa", AXF_REFERRAL_NFA } } },
	{ "assessments", "", { { "start_date", AXF_ASSESSMENT_START }, { "authorised_date", AXF_ASSESSMENT_AUTHORISED } } },
	{ "s47_enquiries", "", { { "start_date", AXF_S47_START }, { "icpc_date", AXF_ICPC_DATE },
				 { "icpc_not_required", AXF_ICPC_UNNECESSARY } } },
	{ "cin_referrals", " AND " IS_LIST6, { { "referral_date", AXF_CIN_START }, { "primary_need", AXF_PRIMARY_NEED },
					       { "closure_date", AXF_CIN_CLOSURE },
					       { "closure_reason", AXF_CLOSURE_REASON } } },
	{ "cp_plans", "", { { "start_date", AXF_CPP_START }, { "end_date", AXF_CPP_END },
			    { "initial_category", AXF_CPP_INITIAL }, { "latest_category", AXF_CPP_LATEST },
			    { "previous_plans", AXF_CPP_PREVIOUS } } },
	{ NULL, NULL, { { 0 } } }, { NULL, NULL, { { 0 } } }, { NULL, NULL, { { 0 } } }, { NULL, NULL, { { 0 } } },
};

/* The column of list that has field, or -1. */
static int column_of(int list, enum annexa_field field)
{
	for (int c = 0; c < annexa_list_ncols(list); c++)
		if (annexa_lists[list - 1].cols[c].field == field)
			return c;
	return -1;
}

/* One statement per list: (row, child, list column or -1 for the row
 * itself or -2 for a JSON member, JSON key, value), in row order. */
static int list_sql(int list, struct strbuf *sql)
{
	const struct list_table *t = &tables[list - 1];
	int bad = 0;
	if (t->table) {
		bad |= strbuf_addf(sql, "SELECT x.row, x.child, -1, NULL, NULL FROM %s x WHERE x.return_id = ?1%s", t->table,
				   t->filter);
		for (int k = 0; k < 6 && t->cols[k].column; k++)
			bad |= strbuf_addf(sql,
					   " UNION ALL SELECT x.row, x.child, %d, NULL, x.%s FROM %s x "
					   "WHERE x.return_id = ?1 AND x.%s IS NOT NULL%s",
					   column_of(list, t->cols[k].field), t->cols[k].column, t->table, t->cols[k].column,
					   t->filter);
		if (list == 7)
			bad |= strbuf_addf(sql, " UNION ALL SELECT x.row, x.child, %d, NULL, x.review_date FROM cp_reviews x "
					   "WHERE x.return_id = ?1 AND x.review_date IS NOT NULL",
					   column_of(7, AXF_CPP_REVIEW));
		bad |= strbuf_adds(sql, " UNION ALL ");
	}
	bad |= strbuf_addf(sql, "SELECT a.row, a.child, -2, j.key, j.value FROM annexa_rows a, json_each(a.data) j "
			   "WHERE a.return_id = ?1 AND a.list = %d ORDER BY 1", list);
	return bad;
}

struct walk {
	struct annexa_record rec;
	struct arena vals;
	int any;
};

static int flush(struct walk *w, int (*fn)(void *, const struct annexa_record *, struct cf_error *), void *ctx,
		 struct cf_error *err)
{
	int rc = w->any ? fn(ctx, &w->rec, err) : CF_OK;
	int list = w->rec.list;
	long long id = w->rec.return_id;
	memset(&w->rec, 0, sizeof w->rec);
	w->rec.list = list;
	w->rec.return_id = id;
	w->any = 0;
	arena_reset(&w->vals);
	return rc;
}

int annexa_records_walk(struct store *st, long long return_id,
			int (*fn)(void *ctx, const struct annexa_record *r, struct cf_error *err), void *ctx,
			struct cf_error *err)
{
	struct walk w;
	memset(&w, 0, sizeof w);
	arena_init(&w.vals, 0);
	struct strbuf sql;
	strbuf_init(&sql, 64 * 1024);
	int rc = CF_OK;
	for (int list = 1; list <= ANNEXA_NLISTS && !rc; list++) {
		strbuf_reset(&sql);
		if (list_sql(list, &sql)) {
			rc = cf_error_set(err, CF_EIO, "out of memory");
			break;
		}
		sqlite3_stmt *s;
		if ((rc = store_prepare(st, strbuf_str(&sql), &s, err)))
			break;
		sqlite3_bind_int64(s, 1, return_id);
		w.rec.list = list;
		w.rec.return_id = return_id;
		int child_col = column_of(list, AXF_CHILD), step = SQLITE_DONE;
		while (!rc && (step = sqlite3_step(s)) == SQLITE_ROW) {
			long row = (long)sqlite3_column_int64(s, 0);
			if (w.any && row != w.rec.row)
				rc = flush(&w, fn, ctx, err);
			if (rc)
				break;
			w.any = 1;
			w.rec.row = row;
			const char *child = store_col_text(s, 1);
			if (child_col >= 0 && child && !w.rec.vals[child_col] &&
			    !(w.rec.vals[child_col] = arena_strdup(&w.vals, child)))
				rc = cf_error_set(err, CF_EIO, "out of memory");
			int col = sqlite3_column_int(s, 2);
			if (col == -2) {
				const char *key = store_col_text(s, 3);
				col = key ? annexa_match_header(NULL, list, key, NULL) : -1;
				if (col < 0)
					w.rec.nextra++;
			}
			const char *v = store_col_text(s, 4);
			if (col >= 0 && v && !(w.rec.vals[col] = arena_strdup(&w.vals, v)))
				rc = cf_error_set(err, CF_EIO, "out of memory");
		}
		if (!rc && step != SQLITE_DONE)
			rc = store_error(st, err, "reading the Annex A rows");
		sqlite3_finalize(s);
		if (!rc)
			rc = flush(&w, fn, ctx, err);
	}
	strbuf_release(&sql);
	arena_release(&w.vals);
	return rc;
}
