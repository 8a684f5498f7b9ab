/* The records behind a figure, for the roles that may see child-level data:
 * on /indicator/ID under its trend, and as JSON at /api/records (the same
 * rows as `caseflow kpi --records --format json`). The locality role sees
 * only its own localities' records. Every listing is audited with how many
 * rows it showed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "indicators/indicators.h"
#include "outputs/html.h"
#include "outputs/render.h"
#include "serve/serve_int.h"

/* Rows shown on the page; the API gives them all. */
#define PAGE_ROWS 200

/* The records of indicator k for period p in group (NULL: the authority,
 * unless by is a breakdown) as a table; CF_EINPUT with why in err. */
static int records_table(struct request *rq, const struct kpi_data *d, int k, const struct kpi_period *p, enum kpi_dim by,
			 const char *group, struct cf_table **t, char *note, size_t nsize, struct cf_error *err)
{
	struct kpi_options opt = { .by = by };
	struct kpi_records *r = NULL;
	int rc = kpi_records(rq->srv->st, d, k, p, &opt, group, &r, err);
	if (!rc) {
		snprintf(note, nsize, "%s", r->note);
		rc = kpi_records_table(r, t, err);
	}
	kpi_records_free(r);
	return rc;
}

static void audit_rows(struct request *rq, const char *target, int k, const struct kpi_period *p, const char *group,
		       size_t rows, int status)
{
	char detail[200];
	snprintf(detail, sizeof detail, "%s %s%s%s: %zu rows", kpi_defs[k].id, p->label, group ? ", " : "",
		 group ? group : "", rows);
	audit(rq, "view_records", target, detail, status);
}

/* Under the trend on /indicator/ID: the period's records (the locality
 * role: one table for each of its localities). 0, or -1 out of memory. */
int serve_records_section(struct request *rq, const struct kpi_data *d, int k, const struct kpi_period *p,
			  struct strbuf *sb)
{
	int bad = strbuf_adds(sb, "<h3>The records behind the figure</h3>");
	int n = rq->role == R_LOCALITY ? rq->acct.nlocalities : 1;
	for (int i = 0; i < n && !bad; i++) {
		const char *group = rq->role == R_LOCALITY ? rq->acct.localities[i] : NULL;
		struct cf_table *t = NULL;
		struct cf_error err;
		cf_error_clear(&err);
		char note[640] = "";
		if (records_table(rq, d, k, p, group ? KPI_BY_LOCALITY : KPI_BY_ALL, group, &t, note, sizeof note, &err)) {
			bad |= strbuf_adds(sb, "<p class=\"note\">") | html_text(sb, err.msg) | strbuf_adds(sb, "</p>");
			continue;
		}
		size_t all = t->nrows;
		if (t->nrows > PAGE_ROWS)
			t->nrows = PAGE_ROWS;   /* the first rows; the table's arena still owns them all */
		char cap[160];
		snprintf(cap, sizeof cap, "%s, %s%s%s: %zu rows%s", kpi_defs[k].id, p->label, group ? ", " : "",
			 group ? group : "", all, all > PAGE_ROWS ? " (the first 200 shown; all at /api/records)" : "");
		bad |= strbuf_adds(sb, "<p class=\"note\">") | html_text(sb, note) |
		       strbuf_adds(sb, " Child-level data: this view is recorded in the audit log.</p>");
		bad |= html_table(sb, t, cap, "");
		audit_rows(rq, "/indicator/ID", k, p, group, all, 200);
		cf_table_free(t);
	}
	return bad ? -1 : 0;
}

int page_api_records(struct request *rq)
{
	const struct kpi_data *d = serve_data(rq);
	if (!d)
		return REPLIED;
	const char *id = req_query(rq, "indicator"), *ps = req_query(rq, "period"), *by_s = req_query(rq, "by");
	const char *group = req_query(rq, "group");
	int k = id ? kpi_find(id) : -1;
	if (k < 0)
		return api_error(rq, 400, "indicator= names one indicator (ids: docs/definitions.md)");
	struct kpi_period p;
	struct cf_error err;
	cf_error_clear(&err);
	if (!ps || !*ps)
		kpi_default_period(d, &p);
	else if (strlen(ps) > 40 || kpi_period_parse(ps, &p))
		return api_error(rq, 400, "not a period: use 2023-24, 2023-24Q1, 2024-03 or r12:2024-03-31");
	else if (kpi_period_check(d, &p, &err))
		return api_error(rq, 400, "no data for that period");
	enum kpi_dim by = KPI_BY_ALL;
	if (by_s && *by_s && kpi_dim_parse(by_s, &by))
		return api_error(rq, 400, "by must be locality, age_band, sex, ethnicity, category_of_need, disability or "
				 "deprivation");
	if (by == KPI_BY_SOURCE || by == KPI_BY_FACTOR)   /* each referral's and assessment's records: not loaded here */
		return api_error(rq, 400, "by source and by factor are caseflow kpi's, not the server's");
	if (group && (!*group || strlen(group) > 100))
		group = NULL;
	if (rq->role == R_LOCALITY) {
		/* the locality role: one of its own localities, named or its only one */
		if (!group && rq->acct.nlocalities == 1)
			group = rq->acct.localities[0];
		if (!group || !user_has_locality(rq, group) || (by != KPI_BY_ALL && by != KPI_BY_LOCALITY)) {
			audit(rq, "forbidden", "/api/records", "records outside the user's localities", 403);
			return api_error(rq, 403, "name one of your localities with by=locality&group=NAME");
		}
		by = KPI_BY_LOCALITY;
	}
	if (group && by == KPI_BY_ALL)
		return api_error(rq, 400, "group= needs by=");
	struct cf_table *t = NULL;
	char note[640];
	int rc = records_table(rq, d, k, &p, by, group, &t, note, sizeof note, &err);
	if (rc == CF_EINPUT) {
		audit_rows(rq, "/api/records", k, &p, group, 0, 400);
		return api_error(rq, 400, err.msg);
	}
	if (rc) {
		cf_error_print(&err);
		return api_error(rq, 500, "the records could not be listed");
	}
	audit_rows(rq, "/api/records", k, &p, group, t->nrows, 200);
	int ret = reply_json_tables(rq, &t, 1);
	cf_table_free(t);
	return ret;
}
