/* Loading a CIN census XML into cin_children, cin_referrals, assessments,
 * cin_plans, s47_enquiries, cp_plans and cp_reviews (one return per file).
 * XML has no rows: each table's row is the line its record starts on. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "formats/cin_census.h"
#include "store/ingest_int.h"
#include "store/load_common.h"

enum { S_CHILD, S_REFERRAL, S_ASSESSMENT, S_PLAN, S_S47, S_CPP, S_REVIEW, S_N };

static const char *const insert_sql[S_N] = {
	"INSERT INTO cin_children (return_id, row, child, sex, dob, expected_dob, death_date, ethnicity, upn_present, "
	"disabilities, upn_unknown, id_row, ethnicity_row, disabilities_row) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
	"INSERT INTO cin_referrals (return_id, row, child, referral_date, referral_source, primary_need, closure_date, "
	"closure_reason, referral_nfa, icpc_date) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
	"INSERT INTO assessments (return_id, row, child, referral_date, start_date, authorised_date, factors) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	"INSERT INTO cin_plans (return_id, row, child, referral_date, start_date, end_date) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	"INSERT INTO s47_enquiries (return_id, row, child, referral_date, start_date, icpc_target_date, icpc_date, "
	"icpc_not_required) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	"INSERT INTO cp_plans (return_id, row, child, referral_date, start_date, end_date, initial_category, "
	"latest_category, previous_plans) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	"INSERT INTO cp_reviews (return_id, row, child, plan_start_date, review_date) VALUES (?1, ?2, ?3, ?4, ?5)",
};
static const char *const table_name[S_N] = {
	"cin_children", "cin_referrals", "assessments", "cin_plans", "s47_enquiries", "cp_plans", "cp_reviews",
};

struct cin_load {
	struct ingest_ctx *ctx;
	const char *path;
	long long return_id;
	struct ingest_entry *entry;
	sqlite3_stmt *ins[S_N];
	long children;
	int year;
	long long mark_children, mark_referrals;   /* load_rowid_mark() before the census's rows */
};

/* How one field is normalised. */
enum how { H_DATE, H_FLAG, H_CODE, H_CODES, H_COUNT, H_TEXT };

static void normalise(enum how how, const char *codes, const struct cin_field *f, struct value *v)
{
	const char *t = f->text;
	size_t n = t ? strlen(t) : 0;
	switch (how) {
	case H_DATE: value_date(t, n, v); break;
	case H_FLAG: value_flag(t, n, 1, v); break;
	case H_CODE: value_code(t, n, codes, v); break;
	case H_CODES: value_codes(t, n, codes, v); break;
	case H_COUNT: value_count(t, n, v); break;
	case H_TEXT: value_text(t, n, v); break;
	}
}

/* Normalise f, bind it to parameter idx and record any issue at f's line. */
static int put(struct cin_load *ld, struct load_site *at, int stmt, int idx, const char *element, enum how how,
	       const char *codes, const struct cin_field *f, struct value *v, struct cf_error *err)
{
	normalise(how, codes, f, v);
	long row = at->row, line = at->line;
	if (f->text && f->line) {
		at->line = f->line;
	}
	at->tbl = table_name[stmt];
	int rc = load_bind(at, ld->ins[stmt], idx, v, element, f->text, f->text ? strlen(f->text) : 0, err);
	at->row = row;
	at->line = line;
	return rc;
}

/* A field the census requires is missing. */
static int required(struct load_site *at, const struct cin_field *f, const char *element, struct cf_error *err)
{
	if (f->text && f->text[0])
		return CF_OK;
	return load_issue(at, element, NULL, "missing_value", "a required element is missing or empty", err);
}

static int begin_row(struct cin_load *ld, struct load_site *at, int stmt, long line, const char *child)
{
	at->tbl = table_name[stmt];
	at->row = line;
	at->line = line;
	sqlite3_bind_int64(ld->ins[stmt], 1, ld->return_id);
	sqlite3_bind_int64(ld->ins[stmt], 2, line);
	if (child)
		sqlite3_bind_text(ld->ins[stmt], 3, child, -1, SQLITE_TRANSIENT);
	return CF_OK;
}

static int remarks(struct cin_load *ld, struct load_site *at, const struct cin_remark *r, struct cf_error *err)
{
	int rc = CF_OK;
	for (; r && !rc; r = r->next) {
		long line = at->line;
		at->line = r->line;
		at->row = r->line;
		rc = load_issue(at, r->element, r->value, r->kind, r->why, err);
		at->line = line;
	}
	return rc;
}

/* The collection year: --year, else the reference date's year (the census
 * date is 31 March of the year the collection ends), else Year, else the
 * path. Disagreements are issues. */
static int header_year(struct cin_load *ld, const struct cin_header *h, int *year)
{
	cf_date ref = CF_DATE_NONE;
	int from_ref = 0, from_year = 0;
	if (h->reference_date.text && cf_date_parse_datetime(h->reference_date.text, strlen(h->reference_date.text), &ref) == 0) {
		int y, m, d;
		cf_date_to_ymd(ref, &y, &m, &d);
		from_ref = y;
	}
	if (h->year.text) {
		char *end;
		long y = strtol(h->year.text, &end, 10);
		if (*end == '\0' && y >= 1990 && y <= 2100)
			from_year = (int)y;
	}
	if (ld->ctx->opt->collection_year > 0)
		*year = ld->ctx->opt->collection_year;
	else if (from_ref)
		*year = from_ref;
	else if (from_year)
		*year = from_year;
	else
		*year = ingest_year_from_path(ld->path);
	return from_ref && from_year && from_ref != from_year;
}

static int on_header(void *vctx, const struct cin_header *h, struct cf_error *err)
{
	struct cin_load *ld = vctx;
	int year;
	int mismatch = header_year(ld, h, &year);
	int rc = ingest_add_return(ld->ctx, ld->path, RETURN_CIN_CENSUS, year, &ld->return_id, &ld->entry, err);
	if (rc)
		return rc;
	if (ld->return_id == 0)
		return CIN_STOP;      /* already loaded: nothing to do */
	ld->year = year;
	if ((rc = load_rowid_mark(ld->ctx, "cin_children", &ld->mark_children, err)) ||
	    (rc = load_rowid_mark(ld->ctx, "cin_referrals", &ld->mark_referrals, err)))
		return rc;
	struct load_site at = { ld->ctx, ld->entry, ld->return_id, "header", 0, 0, NULL };
	sqlite3_stmt *s;
	if ((rc = store_prepare(ld->ctx->st,
				"INSERT INTO return_headers (return_id, collection, year, reference_date, la, row) VALUES (?, ?, ?, ?, ?, ?)",
				&s, err)))
		return rc;
	struct value v;
	sqlite3_bind_int64(s, 1, ld->return_id);
	const struct cin_field *texts[] = { &h->collection, &h->year };
	for (int i = 0; i < 2; i++)
		if (texts[i]->text)
			sqlite3_bind_text(s, 2 + i, texts[i]->text, -1, SQLITE_TRANSIENT);
	at.row = at.line = h->reference_date.line;
	value_date(h->reference_date.text, h->reference_date.text ? strlen(h->reference_date.text) : 0, &v);
	rc = load_bind(&at, s, 4, &v, "ReferenceDate", h->reference_date.text,
		       h->reference_date.text ? strlen(h->reference_date.text) : 0, err);
	if (h->lea.text)
		sqlite3_bind_text(s, 5, h->lea.text, -1, SQLITE_TRANSIENT);
	if (h->collection.line)   /* where the validator's Header findings point */
		sqlite3_bind_int64(s, 6, h->collection.line);
	if (!rc)
		rc = load_step(&at, s, err);
	sqlite3_finalize(s);
	if (!rc && mismatch) {
		char why[200];
		at.row = at.line = h->year.line;
		snprintf(why, sizeof why, "Year disagrees with ReferenceDate %s: the collection year is taken as %d",
			 h->reference_date.text, year);
		rc = load_issue(&at, "Year", h->year.text, "header_mismatch", why, err);
	}
	if (!rc && h->collection.text && strcmp(h->collection.text, "CIN") != 0) {
		at.row = at.line = h->collection.line;
		rc = load_issue(&at, "Collection", h->collection.text, "bad_value", "Collection is not CIN", err);
	}
	if (!rc)
		rc = remarks(ld, &at, h->remarks, err);
	for (int i = 0; i < S_N && !rc; i++)
		rc = store_prepare(ld->ctx->st, insert_sql[i], &ld->ins[i], err);
	return rc;
}

static int on_remark(void *vctx, const struct cin_remark *r, struct cf_error *err)
{
	struct cin_load *ld = vctx;
	struct load_site at = { ld->ctx, ld->entry, ld->return_id, "cin_children", r->line, r->line, NULL };
	return load_issue(&at, r->element, r->value, r->kind, r->why, err);
}

static int load_episode(struct cin_load *ld, struct load_site *at, const char *child, const struct cin_episode *e,
			struct cf_error *err)
{
	struct value v, ref;
	int rc;
	/* the referral date as stored links the episode's other records to it */
	normalise(H_DATE, NULL, &e->referral_date, &ref);
	const char *ref_s = ref.status == VALUE_EMPTY ? NULL : ref.out;

	begin_row(ld, at, S_REFERRAL, e->line, child);
	if ((rc = required(at, &e->referral_date, "CINreferralDate", err)) ||
	    (rc = put(ld, at, S_REFERRAL, 4, "CINreferralDate", H_DATE, NULL, &e->referral_date, &v, err)) ||
	    (rc = put(ld, at, S_REFERRAL, 5, "ReferralSource", H_CODE, CIN_REFERRAL_SOURCE_CODES, &e->referral_source, &v, err)) ||
	    (rc = put(ld, at, S_REFERRAL, 6, "PrimaryNeedCode", H_CODE, CIN_PRIMARY_NEED_CODES, &e->primary_need, &v, err)) ||
	    (rc = put(ld, at, S_REFERRAL, 7, "CINclosureDate", H_DATE, NULL, &e->closure_date, &v, err)) ||
	    (rc = put(ld, at, S_REFERRAL, 8, "ReasonForClosure", H_CODE, CIN_CLOSURE_CODES, &e->closure_reason, &v, err)) ||
	    (rc = put(ld, at, S_REFERRAL, 9, "ReferralNFA", H_FLAG, NULL, &e->nfa, &v, err)) ||
	    (rc = put(ld, at, S_REFERRAL, 10, "DateOfInitialCPC", H_DATE, NULL, &e->icpc_date, &v, err)) ||
	    (rc = load_step(at, ld->ins[S_REFERRAL], err)))
		return rc;

	for (const struct cin_assessment *a = e->assessments; a; a = a->next) {
		begin_row(ld, at, S_ASSESSMENT, a->line, child);
		if (ref_s)
			sqlite3_bind_text(ld->ins[S_ASSESSMENT], 4, ref_s, -1, SQLITE_TRANSIENT);
		if ((rc = required(at, &a->start, "AssessmentActualStartDate", err)) ||
		    (rc = put(ld, at, S_ASSESSMENT, 5, "AssessmentActualStartDate", H_DATE, NULL, &a->start, &v, err)) ||
		    (rc = put(ld, at, S_ASSESSMENT, 6, "AssessmentAuthorisationDate", H_DATE, NULL, &a->authorised, &v, err)) ||
		    (rc = put(ld, at, S_ASSESSMENT, 7, "AssessmentFactors", H_CODES, CIN_FACTOR_CODES, &a->factors, &v, err)) ||
		    (rc = load_step(at, ld->ins[S_ASSESSMENT], err)))
			return rc;
	}
	for (const struct cin_plan_dates *p = e->plans; p; p = p->next) {
		begin_row(ld, at, S_PLAN, p->line, child);
		if (ref_s)
			sqlite3_bind_text(ld->ins[S_PLAN], 4, ref_s, -1, SQLITE_TRANSIENT);
		if ((rc = required(at, &p->start, "CINPlanStartDate", err)) ||
		    (rc = put(ld, at, S_PLAN, 5, "CINPlanStartDate", H_DATE, NULL, &p->start, &v, err)) ||
		    (rc = put(ld, at, S_PLAN, 6, "CINPlanEndDate", H_DATE, NULL, &p->end, &v, err)) ||
		    (rc = load_step(at, ld->ins[S_PLAN], err)))
			return rc;
	}
	for (const struct cin_s47 *s = e->s47s; s; s = s->next) {
		begin_row(ld, at, S_S47, s->line, child);
		if (ref_s)
			sqlite3_bind_text(ld->ins[S_S47], 4, ref_s, -1, SQLITE_TRANSIENT);
		if ((rc = required(at, &s->start, "S47ActualStartDate", err)) ||
		    (rc = put(ld, at, S_S47, 5, "S47ActualStartDate", H_DATE, NULL, &s->start, &v, err)) ||
		    (rc = put(ld, at, S_S47, 6, "InitialCPCtarget", H_DATE, NULL, &s->icpc_target, &v, err)) ||
		    (rc = put(ld, at, S_S47, 7, "DateOfInitialCPC", H_DATE, NULL, &s->icpc_date, &v, err)) ||
		    (rc = put(ld, at, S_S47, 8, "ICPCnotRequired", H_FLAG, NULL, &s->icpc_not_required, &v, err)) ||
		    (rc = load_step(at, ld->ins[S_S47], err)))
			return rc;
	}
	for (const struct cin_cp_plan *p = e->cp_plans; p; p = p->next) {
		struct value start;
		begin_row(ld, at, S_CPP, p->line, child);
		if (ref_s)
			sqlite3_bind_text(ld->ins[S_CPP], 4, ref_s, -1, SQLITE_TRANSIENT);
		if ((rc = required(at, &p->start, "CPPstartDate", err)) ||
		    (rc = put(ld, at, S_CPP, 5, "CPPstartDate", H_DATE, NULL, &p->start, &start, err)) ||
		    (rc = put(ld, at, S_CPP, 6, "CPPendDate", H_DATE, NULL, &p->end, &v, err)) ||
		    (rc = put(ld, at, S_CPP, 7, "InitialCategoryOfAbuse", H_CODE, CIN_ABUSE_CODES, &p->initial_category, &v, err)) ||
		    (rc = put(ld, at, S_CPP, 8, "LatestCategoryOfAbuse", H_CODE, CIN_ABUSE_CODES, &p->latest_category, &v, err)) ||
		    (rc = put(ld, at, S_CPP, 9, "NumberOfPreviousCPP", H_COUNT, NULL, &p->previous_plans, &v, err)) ||
		    (rc = load_step(at, ld->ins[S_CPP], err)))
			return rc;
		for (const struct cin_review *r = p->reviews; r; r = r->next) {
			begin_row(ld, at, S_REVIEW, r->date.line, child);
			if (start.status != VALUE_EMPTY && start.out[0])
				sqlite3_bind_text(ld->ins[S_REVIEW], 4, start.out, -1, SQLITE_TRANSIENT);
			if ((rc = put(ld, at, S_REVIEW, 5, "CPPreviewDate", H_DATE, NULL, &r->date, &v, err)) ||
			    (rc = load_step(at, ld->ins[S_REVIEW], err)))
				return rc;
		}
	}
	return CF_OK;
}

static int on_child(void *vctx, const struct cin_child *c, struct cf_error *err)
{
	struct cin_load *ld = vctx;
	struct value v, id;
	int rc;
	normalise(H_TEXT, NULL, &c->la_child_id, &id);
	const char *child = id.status == VALUE_EMPTY ? NULL : id.out;
	char child_buf[sizeof id.out];
	if (child) {
		snprintf(child_buf, sizeof child_buf, "%s", child);
		child = child_buf;
	}
	struct load_site at = { ld->ctx, ld->entry, ld->return_id, "cin_children", c->line, c->line, child };
	begin_row(ld, &at, S_CHILD, c->line, child);
	if (!child && (rc = load_issue(&at, "LAchildID", NULL, "missing_value",
				       "LAchildID is missing: the child cannot be linked to other sources", err)))
		return rc;
	if ((rc = put(ld, &at, S_CHILD, 4, "GenderCurrent/Sex", H_CODE, CIN_SEX_CODES, &c->sex, &v, err)) ||
	    (rc = put(ld, &at, S_CHILD, 5, "PersonBirthDate", H_DATE, NULL, &c->dob, &v, err)) ||
	    (rc = put(ld, &at, S_CHILD, 6, "ExpectedPersonBirthDate", H_DATE, NULL, &c->expected_dob, &v, err)) ||
	    (rc = put(ld, &at, S_CHILD, 7, "PersonDeathDate", H_DATE, NULL, &c->death_date, &v, err)) ||
	    (rc = put(ld, &at, S_CHILD, 8, "Ethnicity", H_CODE, CIN_ETHNIC_CODES, &c->ethnicity, &v, err)) ||
	    (rc = put(ld, &at, S_CHILD, 10, "Disability", H_CODES, CIN_DISABILITY_CODES, &c->disabilities, &v, err)))
		return rc;
	sqlite3_bind_int(ld->ins[S_CHILD], 9, c->upn_present);
	if (c->upn_unknown.text && c->upn_unknown.text[0]) {
		normalise(H_CODE, CIN_UPN_UNKNOWN_CODES, &c->upn_unknown, &v);
		sqlite3_bind_text(ld->ins[S_CHILD], 11, v.out, -1, SQLITE_TRANSIENT);
		if (v.status == VALUE_ISSUE) {
			at.line = at.row = c->upn_unknown.line;
			if ((rc = load_issue(&at, "UPNunknown", c->upn_unknown.text, v.kind, v.why, err)))
				return rc;
			at.line = at.row = c->line;
		}
	}
	/* the lines of the elements validation findings point to (the row is <Child>'s) */
	const struct cin_field *lines[] = { &c->la_child_id, &c->ethnicity, &c->disabilities };
	for (int i = 0; i < 3; i++)
		if (lines[i]->line)
			sqlite3_bind_int64(ld->ins[S_CHILD], 12 + i, lines[i]->line);
	if ((rc = load_step(&at, ld->ins[S_CHILD], err)))
		return rc;
	if ((rc = remarks(ld, &at, c->remarks, err)))
		return rc;
	for (const struct cin_episode *e = c->episodes; e; e = e->next)
		if ((rc = load_episode(ld, &at, child, e, err)))
			return rc;
	ld->children++;
	if (ld->entry) {
		ld->entry->rows_read++;
		ld->entry->rows_stored++;
	}
	return CF_OK;
}

/* Bring the children table up to date from this census: sex in the 903's
 * coding (1 male, 2 female), date of birth and ethnicity, where this
 * return's collection year is at least that of what the table holds. */
static int load_cin_children(struct ingest_ctx *ctx, const struct cin_load *ld, struct cf_error *err)
{
	long long rid = ld->return_id;
	char sql[1536];
	snprintf(sql, sizeof sql,
		 LOAD_CHILDREN_INSERT "(child, sex, dob, ethnicity, source_year, first_return_id, last_return_id) "
		 "SELECT c.child, CASE upper(c.sex) WHEN '1' THEN '1' WHEN 'M' THEN '1' WHEN '2' THEN '2' WHEN 'F' THEN '2' END, "
		 "  CASE WHEN c.dob GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' THEN c.dob END, c.ethnicity, "
		 "  r.collection_year, c.return_id, c.return_id "
		 "FROM cin_children c NOT INDEXED JOIN returns r ON r.id = c.return_id "
		 "WHERE c.rowid > %lld AND c.return_id = %lld AND c.child IS NOT NULL "
		 LOAD_CHILDREN_UPSERT,
		 ld->mark_children, rid);
	int rc = store_exec(ctx->st, sql, err);
	/* children with episodes but no usable identifiers row still link */
	if (!rc)
		rc = load_link_children(ctx, "cin_referrals", rid, ld->mark_referrals, err);
	return rc;
}

int sniff_cin_census(const struct ingest_sniff *info)
{
	return info->xml_root && !strcmp(info->xml_root, "Message") && cin_census_sniff(info->path);
}

int load_cin_census(struct ingest_ctx *ctx, char **paths, int n, struct cf_error *err)
{
	int rc = CF_OK;
	for (int i = 0; i < n && !rc; i++) {
		struct cin_load ld;
		memset(&ld, 0, sizeof ld);
		ld.ctx = ctx;
		ld.path = paths[i];
		static const struct cin_census_handler h = { on_header, on_child, on_remark, 0 };   /* never the UPN */
		rc = cin_census_read(paths[i], &h, &ld, NULL, err);
		if (!rc && ld.return_id) {
			rc = load_finish_return(ctx, ld.return_id, ld.children, err);
			if (!rc)
				rc = load_cin_children(ctx, &ld, err);
		}
		for (int s = 0; s < S_N; s++)
			sqlite3_finalize(ld.ins[s]);
	}
	return rc;
}
