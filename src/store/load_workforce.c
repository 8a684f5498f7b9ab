/* Loading a social work workforce census XML into workforce_workers and
 * workforce_la (one return per file; row = the line a worker starts on).
 * Workers' dates of birth, ethnicity and qualifications are not kept: the
 * store needs roles, contracts, FTE, dates and caseloads. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "formats/workforce.h"
#include "store/ingest_int.h"
#include "store/load_common.h"

#define ROLE_CODES "1 2 3 4 5 6"
#define LEAVE_CODES "1 2 3 4 5 6 7 8 9 10"

struct csww_load {
	struct ingest_ctx *ctx;
	const char *path;
	long long return_id;
	struct ingest_entry *entry;
	sqlite3_stmt *ins_worker;
	char census_date[16];
	long workers;
};

enum how { H_DATE, H_FLAG, H_CODE, H_COUNT, H_DECIMAL, H_TEXT };

/* Normalise element name of r, bind it to idx of s, record any issue. */
static int put(struct csww_load *ld, struct load_site *at, sqlite3_stmt *s, int idx, const struct csww_record *r,
	       const char *name, enum how how, const char *codes, struct cf_error *err)
{
	long line = 0;
	const char *t = csww_get(r, name, &line);
	size_t n = t ? strlen(t) : 0;
	struct value v;
	switch (how) {
	case H_DATE: value_date(t, n, &v); break;
	case H_FLAG: value_flag(t, n, 1, &v); break;
	case H_CODE: value_code(t, n, codes, &v); break;
	case H_COUNT: value_count(t, n, &v); break;
	case H_DECIMAL: value_decimal(t, n, &v); break;
	case H_TEXT: value_text(t, n, &v); break;
	}
	long keep = at->line;
	if (line)
		at->line = line;
	int rc = load_bind(at, s, idx, &v, name, t, n, err);
	at->line = keep;
	return rc;
}

static int on_header(void *vctx, const struct csww_record *h, struct cf_error *err)
{
	struct csww_load *ld = vctx;
	long ref_line = 0, year_line = 0;
	const char *ref = csww_get(h, "ReferenceDate", &ref_line);
	const char *year_s = csww_get(h, "Year", &year_line);
	cf_date d;
	int ref_year = 0, year = 0;
	if (ref && cf_date_parse_datetime(ref, strlen(ref), &d) == 0) {
		int m, dd;
		cf_date_to_ymd(d, &ref_year, &m, &dd);
		cf_date_format(d, ld->census_date);
	}
	if (year_s) {
		char *end;
		long y = strtol(year_s, &end, 10);
		if (*end == '\0' && y >= 1990 && y <= 2100)
			year = (int)y;
	}
	if (!ld->census_date[0] && year)
		snprintf(ld->census_date, sizeof ld->census_date, "%04d-09-30", year);
	/* DfE publishes the census of 30 September 2022 as time_period 2022 */
	int collection = ld->ctx->opt->collection_year > 0 ? ld->ctx->opt->collection_year
			 : ref_year ? ref_year : year ? year : ingest_year_from_path(ld->path);
	int rc = ingest_add_return(ld->ctx, ld->path, RETURN_CSWW_CENSUS, collection, &ld->return_id, &ld->entry, err);
	if (rc)
		return rc;
	if (!ld->return_id)
		return CSWW_STOP;
	struct load_site at = { ld->ctx, ld->entry, ld->return_id, "header", ref_line, ref_line, NULL };
	sqlite3_stmt *s;
	if ((rc = store_prepare(ld->ctx->st,
				"INSERT INTO return_headers (return_id, collection, year, reference_date, la) VALUES (?, ?, ?, ?, ?)",
				&s, err)))
		return rc;
	sqlite3_bind_int64(s, 1, ld->return_id);
	const char *coll = csww_get(h, "Collection", NULL), *lea = csww_get(h, "LEA", NULL);
	if (coll)
		sqlite3_bind_text(s, 2, coll, -1, SQLITE_TRANSIENT);
	if (year_s)
		sqlite3_bind_text(s, 3, year_s, -1, SQLITE_TRANSIENT);
	if (lea)
		sqlite3_bind_text(s, 5, lea, -1, SQLITE_TRANSIENT);
	rc = put(ld, &at, s, 4, h, "ReferenceDate", H_DATE, NULL, err);
	if (!rc)
		rc = load_step(&at, s, err);
	sqlite3_finalize(s);
	if (!rc && ref_year && year && ref_year != year) {
		char why[160];
		at.row = at.line = year_line;
		snprintf(why, sizeof why, "Year disagrees with ReferenceDate %s: the collection year is taken as %d", ref,
			 collection);
		rc = load_issue(&at, "Year", year_s, "header_mismatch", why, err);
	}
	if (!rc)
		rc = store_prepare(ld->ctx->st,
				   "INSERT INTO workforce_workers (return_id, row, census_date, worker, role, agency, fte, fte30, "
				   "start_date, end_date, leave_reason, cases, absent) "
				   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
				   &ld->ins_worker, err);
	return rc;
}

static int on_la(void *vctx, const struct csww_record *r, struct cf_error *err)
{
	struct csww_load *ld = vctx;
	struct load_site at = { ld->ctx, ld->entry, ld->return_id, "workforce_la", r->line, r->line, NULL };
	sqlite3_stmt *s;
	int rc = store_prepare(ld->ctx->st,
			       "INSERT INTO workforce_la (return_id, census_date, vacancies_fte, agency_fte, agency_headcount) "
			       "VALUES (?, ?, ?, ?, ?)", &s, err);
	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, ld->return_id);
	if (ld->census_date[0])
		sqlite3_bind_text(s, 2, ld->census_date, -1, SQLITE_TRANSIENT);
	if (!(rc = put(ld, &at, s, 3, r, "NumberOfVacancies", H_DECIMAL, NULL, err)) &&
	    !(rc = put(ld, &at, s, 4, r, "NoAgencyFTE", H_DECIMAL, NULL, err)) &&
	    !(rc = put(ld, &at, s, 5, r, "NoAgencyHeadcount", H_COUNT, NULL, err)))
		rc = load_step(&at, s, err);
	sqlite3_finalize(s);
	return rc;
}

static int on_worker(void *vctx, const struct csww_record *r, struct cf_error *err)
{
	struct csww_load *ld = vctx;
	sqlite3_stmt *s = ld->ins_worker;
	const char *swe = csww_get(r, "SWENo", NULL);
	struct load_site at = { ld->ctx, ld->entry, ld->return_id, "workforce_workers", r->line, r->line, swe };
	int rc;
	sqlite3_bind_int64(s, 1, ld->return_id);
	sqlite3_bind_int64(s, 2, r->line);
	if (ld->census_date[0])
		sqlite3_bind_text(s, 3, ld->census_date, -1, SQLITE_TRANSIENT);
	if ((!swe || !*swe) &&
	    (rc = load_issue(&at, "SWENo", NULL, "missing_value", "SWENo is missing: the worker cannot be followed", err)))
		return rc;
	if ((rc = put(ld, &at, s, 4, r, "SWENo", H_TEXT, NULL, err)) ||
	    (rc = put(ld, &at, s, 5, r, "OrgRole", H_CODE, ROLE_CODES, err)) ||
	    (rc = put(ld, &at, s, 6, r, "AgencyWorker", H_FLAG, NULL, err)) ||
	    (rc = put(ld, &at, s, 7, r, "FTE", H_DECIMAL, NULL, err)) ||
	    (rc = put(ld, &at, s, 8, r, "FTE30", H_DECIMAL, NULL, err)) ||
	    (rc = put(ld, &at, s, 9, r, "RoleStartDate", H_DATE, NULL, err)) ||
	    (rc = put(ld, &at, s, 10, r, "RoleEndDate", H_DATE, NULL, err)) ||
	    (rc = put(ld, &at, s, 11, r, "ReasonLeave", H_CODE, LEAVE_CODES, err)) ||
	    (rc = put(ld, &at, s, 12, r, "Cases30", H_COUNT, NULL, err)) ||
	    (rc = put(ld, &at, s, 13, r, "Absat30Sept", H_FLAG, NULL, err)) ||
	    (rc = load_step(&at, s, err)))
		return rc;
	ld->workers++;
	if (ld->entry) {
		ld->entry->rows_read++;
		ld->entry->rows_stored++;
	}
	return CF_OK;
}

static int on_remark(void *vctx, const struct csww_remark *r, struct cf_error *err)
{
	struct csww_load *ld = vctx;
	struct load_site at = { ld->ctx, ld->entry, ld->return_id, "workforce_workers", r->line, r->line, NULL };
	return load_issue(&at, r->element, r->value, r->kind, r->why, err);
}

int sniff_csww_census(const struct ingest_sniff *info)
{
	return info->xml_root && !strcmp(info->xml_root, "Message") && csww_sniff(info->path);
}

int load_csww_census(struct ingest_ctx *ctx, char **paths, int n, struct cf_error *err)
{
	int rc = CF_OK;
	static const struct csww_handler h = { on_header, on_la, on_worker, on_remark };
	for (int i = 0; i < n && !rc; i++) {
		struct csww_load ld;
		memset(&ld, 0, sizeof ld);
		ld.ctx = ctx;
		ld.path = paths[i];
		rc = csww_read(paths[i], &h, &ld, NULL, err);
		if (!rc && ld.return_id)
			rc = load_finish_return(ctx, ld.return_id, ld.workers, err);
		sqlite3_finalize(ld.ins_worker);
	}
	return rc;
}
