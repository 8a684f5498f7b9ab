/* /quality and /api/quality: the problems ingest recorded, as caseflow
 * quality lists them. Analysts and admins see the examples (file rows and
 * values as written, which can be a child's ID: their view is audited);
 * managers and viewers see the same groups without examples or messages. */
#include "serve/serve_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "outputs/html.h"
#include "outputs/render.h"

#define QUALITY_PAGE_ROWS 500     /* groups on the page; every one in /api/quality */

static int sees_examples(const struct request *rq) { return (rq->role & (R_ADMIN | R_ANALYST)) != 0; }

/* The groups without the columns that quote the data (examples, message);
 * NULL on OOM. */
static struct cf_table *groups_aggregate(const struct cf_table *g)
{
	struct cf_table *o = cf_table_new(g->name);
	int keep[64], nk = 0;
	for (int c = 0; o && c < g->ncols; c++) {
		if (!strcmp(g->cols[c].name, "examples") || !strcmp(g->cols[c].name, "message"))
			continue;
		keep[nk++] = c;
		if (cf_table_add_column(o, g->cols[c].name, g->cols[c].type, g->cols[c].decimals) < 0)
			goto oom;
	}
	for (size_t r = 0; o && r < g->nrows; r++) {
		long row = cf_table_add_row(o);
		if (row < 0)
			goto oom;
		for (int k = 0; k < nk; k++) {
			const struct cf_cell *x = cf_table_cell_const(g, r, keep[k]);
			if (x->type == CF_CELL_TEXT && cf_table_set_text(o, (size_t)row, k, x->v.s))
				goto oom;
			if (x->type == CF_CELL_INT)
				cf_table_set_int(o, (size_t)row, k, x->v.i);
			else if (x->type == CF_CELL_REAL)
				cf_table_set_real(o, (size_t)row, k, x->v.d);
		}
	}
	return o;
oom:
	cf_table_free(o);
	return NULL;
}

/* ?return=ID: 0 for every return, -1 when it is not a whole number > 0. */
static long long return_param(struct request *rq)
{
	const char *s = req_query(rq, "return");
	if (!s || !*s)
		return 0;
	char *end;
	long long id = strtoll(s, &end, 10);
	return *end || id < 1 || strlen(s) > 18 ? -1 : id;
}

/* Read the quality of return id, and the table the role may see (*shown:
 * q->groups itself, or an aggregate copy the caller frees when it is not). */
static int quality_for(struct request *rq, long long id, struct quality *q, struct cf_table **shown, struct cf_error *err)
{
	int rc = quality_read(rq->srv->st, id, q, err);
	*shown = NULL;
	if (rc || !q->groups)
		return rc;
	*shown = sees_examples(rq) ? q->groups : groups_aggregate(q->groups);
	if (!*shown)
		return cf_error_set(err, CF_EIO, "out of memory");
	if (sees_examples(rq) && q->groups->nrows) {
		char d[96];
		snprintf(d, sizeof d, "%zu groups of problems with examples%s", q->groups->nrows, id ? " (one return)" : "");
		audit(rq, "view_quality", rq->log_path, d, 200);
	}
	return CF_OK;
}

int page_quality(struct request *rq)
{
	long long id = return_param(rq);
	if (id < 0)
		return reply_message(rq, 400, "Bad request", "return is a return's id in the store, a whole number.");
	struct quality q = { 0 };
	struct cf_table *shown = NULL;
	struct cf_error err;
	cf_error_clear(&err);
	int rc = quality_for(rq, id, &q, &shown, &err);
	if (rc == CF_EINPUT) {
		quality_release(&q);
		return reply_message(rq, 404, "Not found", "There is no return of that id in the store.");
	}
	struct strbuf sb = STRBUF_INIT;
	int bad = 0;
	if (!rc) {
		char buf[64], buf2[64], intro[700];
		html_number(buf, sizeof buf, (double)q.problems, 0);
		html_number(buf2, sizeof buf2, (double)q.notes, 0);
		snprintf(intro, sizeof intro,
			 "caseflow ingest recorded %s problem%s in the data loaded%s (values kept as written, which the "
			 "figures that read them may count wrongly or leave out) and %s note%s (values read, with a "
			 "remark: a DfE label read as its code). %s",
			 buf, q.problems == 1 ? "" : "s", id ? " for this return" : "", buf2, q.notes == 1 ? "" : "s",
			 sees_examples(rq) ? "Examples are rows of the files as loaded (the header is row 1): this view is "
					     "recorded in the audit log."
					   : "Your role sees the counts; analysts see the rows and values behind them.");
		bad |= strbuf_adds(&sb, "<section class=\"panel\" id=\"quality\"><h2>Data quality</h2><p class=\"note\">");
		bad |= html_text(&sb, intro);
		bad |= strbuf_adds(&sb, "</p>");
		if (!q.groups) {
			bad |= strbuf_adds(&sb, "<p class=\"note\">No record of problems: the store holds no issues table to read.</p>");
		} else {
			if (q.by_reason && q.by_reason->nrows)
				bad |= html_table(&sb, q.by_reason, "Problems and notes by reason", "–");
			if (shown->nrows) {
				struct cf_table *page = shown;
				size_t all = shown->nrows;
				if (all > QUALITY_PAGE_ROWS)
					shown->nrows = QUALITY_PAGE_ROWS;   /* the first groups, largest first; every one in /api/quality */
				if (all > QUALITY_PAGE_ROWS)
					snprintf(intro, sizeof intro, "The %d largest of %zu groups (every one at /api/quality)",
						 QUALITY_PAGE_ROWS, all);
				else
					snprintf(intro, sizeof intro, "By return, file, table, column and reason");
				bad |= strbuf_adds(&sb, "<div class=\"tbl\">");
				bad |= html_table(&sb, page, intro, "–");
				bad |= strbuf_adds(&sb, "</div>");
				shown->nrows = all;
			}
		}
		bad |= strbuf_adds(&sb, "</section>");
		if (bad)
			rc = cf_error_set(&err, CF_EIO, "out of memory");
	}
	int ret = reply_made(rq, rc, &err, "Data quality", &sb);
	strbuf_release(&sb);
	if (shown != q.groups)
		cf_table_free(shown);
	quality_release(&q);
	return ret;
}

int page_api_quality(struct request *rq)
{
	long long id = return_param(rq);
	if (id < 0)
		return reply(rq, 400, "application/json", "{\"error\":\"return is a return's id, a whole number\"}\n", 53);
	struct quality q = { 0 };
	struct cf_table *shown = NULL;
	struct cf_error err;
	cf_error_clear(&err);
	int rc = quality_for(rq, id, &q, &shown, &err);
	int ret;
	if (rc == CF_EINPUT) {
		ret = reply(rq, 404, "application/json", "{\"error\":\"no return of that id\"}\n", 34);
	} else if (rc) {
		cf_error_print(&err);
		ret = reply(rq, 500, "application/json", "{\"error\":\"the store could not be read\"}\n", 41);
	} else {
		/* as caseflow quality --format json: the groups, the one table it writes */
		ret = reply_json_tables(rq, &shown, shown ? 1 : 0);
	}
	if (shown != q.groups)
		cf_table_free(shown);
	quality_release(&q);
	return ret;
}
