/* Loading a CIN census into validator frames: XML through the streaming
 * CIN reader, one row per element, and preparing frames for the CIN rules. */
#include "analyses/vload_cin.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "formats/cin_census.h"

static const char *const header_cols[] = { "Collection", "Year", "ReferenceDate", "LEA", NULL };
static const char *const ident_cols[] = { "LAchildID", "UPN", "UPNunknown", "PersonBirthDate",
	"ExpectedPersonBirthDate", "GenderCurrent", "Sex", "PersonDeathDate", "UPNgiven", NULL };
static const char *const charac_cols[] = { "LAchildID", "Ethnicity", NULL };
static const char *const disab_cols[] = { "LAchildID", "Disability", NULL };
static const char *const cin_cols[] = { "LAchildID", "CINdetailsID", "CINreferralDate", "ReferralSource",
	"PrimaryNeedCode", "CINclosureDate", "ReasonForClosure", "DateOfInitialCPC", "ReferralNFA", NULL };
static const char *const ass_cols[] = { "LAchildID", "CINdetailsID", "AssessmentID", "AssessmentActualStartDate",
	"AssessmentInternalReviewDate", "AssessmentAuthorisationDate", "AssessmentFactors", NULL };
static const char *const plan_cols[] = { "LAchildID", "CINdetailsID", "CINPlanStartDate", "CINPlanEndDate", NULL };
static const char *const s47_cols[] = { "LAchildID", "CINdetailsID", "S47ActualStartDate", "InitialCPCtarget",
	"DateOfInitialCPC", "ICPCnotRequired", NULL };
static const char *const cpp_cols[] = { "LAchildID", "CINdetailsID", "CPPID", "CPPstartDate", "CPPendDate",
	"InitialCategoryOfAbuse", "LatestCategoryOfAbuse", "NumberOfPreviousCPP", NULL };
static const char *const review_cols[] = { "LAchildID", "CINdetailsID", "CPPID", "CPPreviewDate", NULL };

enum { T_HEADER, T_IDENT, T_CHARAC, T_DISAB, T_CIN, T_ASS, T_PLAN, T_S47, T_CPP, T_REVIEW, T_N };
static const struct {
	const char *name;
	const char *const *cols;
} tables[T_N] = {
	{ "Header", header_cols }, { "ChildIdentifiers", ident_cols },
	{ "ChildCharacteristics", charac_cols }, { "Disabilities", disab_cols },
	{ "CINdetails", cin_cols }, { "Assessments", ass_cols }, { "CINplanDates", plan_cols },
	{ "Section47", s47_cols }, { "ChildProtectionPlans", cpp_cols }, { "Reviews", review_cols },
};

struct loader {
	struct vdata *vd;
	struct vframe *f[T_N];
	const char *path;
};

/* A row of table t at line; its values are set with put(). */
static long add_row(struct loader *l, int t, long line)
{
	struct vframe *f = l->f[t];
	return vframe_add_row_at(f, f->nrows, line > 0 ? line : f->nrows + 2);
}

/* The value of a field, dates as dd/mm/yyyy. Missing elements and empty
 * text stay missing. */
static int put(struct loader *l, int t, long row, const char *col, const char *text)
{
	struct vframe *f = l->f[t];
	int c = vframe_colno(f, col);
	if (c < 0 || !text || !*text)
		return 0;
	char buf[16];
	int y, m, d, n = 0;
	if (strlen(text) == 10 && sscanf(text, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 && n == 10 &&
	    isdigit((unsigned char)text[9])) {
		snprintf(buf, sizeof buf, "%02d/%02d/%04d", d, m, y);
		text = buf;
	}
	return vframe_set(f, c, row, text, strlen(text), 0);
}

static int put_field(struct loader *l, int t, long row, const char *col, const struct cin_field *fld)
{
	return put(l, t, row, col, fld->text);
}

static int put_num(struct loader *l, int t, long row, const char *col, long v)
{
	char buf[24];
	snprintf(buf, sizeof buf, "%ld", v);
	return put(l, t, row, col, buf);
}

static int oom(struct cf_error *err)
{
	return cf_error_set(err, CF_EIO, "out of memory loading the census");
}

static int on_header(void *ctx, const struct cin_header *h, struct cf_error *err)
{
	struct loader *l = ctx;
	long r = add_row(l, T_HEADER, h->collection.line);
	if (r < 0 || put_field(l, T_HEADER, r, "Collection", &h->collection) ||
	    put_field(l, T_HEADER, r, "Year", &h->year) ||
	    put_field(l, T_HEADER, r, "ReferenceDate", &h->reference_date) ||
	    put_field(l, T_HEADER, r, "LEA", &h->lea))
		return oom(err);
	return CF_OK;
}

/* Each space-separated word of list as its own row of table t (Disabilities). */
static int put_words(struct loader *l, int t, long line, const char *id, const char *col, const char *list)
{
	char word[64];
	for (const char *p = list ? list : ""; *p;) {
		while (*p == ' ')
			p++;
		size_t n = strcspn(p, " ");
		if (!n)
			break;
		if (n >= sizeof word)
			n = sizeof word - 1;
		memcpy(word, p, n);
		word[n] = 0;
		p += strcspn(p, " ");
		long r = add_row(l, t, line);
		if (r < 0 || put(l, t, r, "LAchildID", id) || put(l, t, r, col, word))
			return -1;
	}
	return 0;
}

static int on_child(void *ctx, const struct cin_child *c, struct cf_error *err)
{
	struct loader *l = ctx;
	const char *id = c->la_child_id.text;
	long r = add_row(l, T_IDENT, c->la_child_id.line ? c->la_child_id.line : c->line);
	if (r < 0 || put(l, T_IDENT, r, "LAchildID", id) ||
	    put_field(l, T_IDENT, r, "UPNunknown", &c->upn_unknown) ||
	    put_field(l, T_IDENT, r, "PersonBirthDate", &c->dob) ||
	    put_field(l, T_IDENT, r, "ExpectedPersonBirthDate", &c->expected_dob) ||
	    put_field(l, T_IDENT, r, "PersonDeathDate", &c->death_date) ||
	    (c->upn_present && put(l, T_IDENT, r, "UPNgiven", "1")))
		return oom(err);
	/* GenderCurrent to 2023-24, Sex from 2024-25: the reader gives either as sex */
	if (put_field(l, T_IDENT, r, "GenderCurrent", &c->sex) || put_field(l, T_IDENT, r, "Sex", &c->sex))
		return oom(err);
	r = add_row(l, T_CHARAC, c->ethnicity.line ? c->ethnicity.line : c->line);
	if (r < 0 || put(l, T_CHARAC, r, "LAchildID", id) || put_field(l, T_CHARAC, r, "Ethnicity", &c->ethnicity))
		return oom(err);
	if (put_words(l, T_DISAB, c->disabilities.line ? c->disabilities.line : c->line, id, "Disability",
		      c->disabilities.text))
		return oom(err);
	long cin_id = 0;
	for (const struct cin_episode *e = c->episodes; e; e = e->next) {
		cin_id++;
		r = add_row(l, T_CIN, e->line);
		if (r < 0 || put(l, T_CIN, r, "LAchildID", id) || put_num(l, T_CIN, r, "CINdetailsID", cin_id) ||
		    put_field(l, T_CIN, r, "CINreferralDate", &e->referral_date) ||
		    put_field(l, T_CIN, r, "ReferralSource", &e->referral_source) ||
		    put_field(l, T_CIN, r, "PrimaryNeedCode", &e->primary_need) ||
		    put_field(l, T_CIN, r, "CINclosureDate", &e->closure_date) ||
		    put_field(l, T_CIN, r, "ReasonForClosure", &e->closure_reason) ||
		    put_field(l, T_CIN, r, "DateOfInitialCPC", &e->icpc_date) ||
		    put_field(l, T_CIN, r, "ReferralNFA", &e->nfa))
			return oom(err);
		long ass_id = 0;
		for (const struct cin_assessment *a = e->assessments; a; a = a->next) {
			r = add_row(l, T_ASS, a->line);
			if (r < 0 || put(l, T_ASS, r, "LAchildID", id) || put_num(l, T_ASS, r, "CINdetailsID", cin_id) ||
			    put_num(l, T_ASS, r, "AssessmentID", ++ass_id) ||
			    put_field(l, T_ASS, r, "AssessmentActualStartDate", &a->start) ||
			    put_field(l, T_ASS, r, "AssessmentInternalReviewDate", &a->internal_review) ||
			    put_field(l, T_ASS, r, "AssessmentAuthorisationDate", &a->authorised) ||
			    put_field(l, T_ASS, r, "AssessmentFactors", &a->factors))
				return oom(err);
		}
		for (const struct cin_plan_dates *p = e->plans; p; p = p->next) {
			r = add_row(l, T_PLAN, p->line);
			if (r < 0 || put(l, T_PLAN, r, "LAchildID", id) || put_num(l, T_PLAN, r, "CINdetailsID", cin_id) ||
			    put_field(l, T_PLAN, r, "CINPlanStartDate", &p->start) ||
			    put_field(l, T_PLAN, r, "CINPlanEndDate", &p->end))
				return oom(err);
		}
		for (const struct cin_s47 *s = e->s47s; s; s = s->next) {
			r = add_row(l, T_S47, s->line);
			if (r < 0 || put(l, T_S47, r, "LAchildID", id) || put_num(l, T_S47, r, "CINdetailsID", cin_id) ||
			    put_field(l, T_S47, r, "S47ActualStartDate", &s->start) ||
			    put_field(l, T_S47, r, "InitialCPCtarget", &s->icpc_target) ||
			    put_field(l, T_S47, r, "DateOfInitialCPC", &s->icpc_date) ||
			    put_field(l, T_S47, r, "ICPCnotRequired", &s->icpc_not_required))
				return oom(err);
		}
		long cpp_id = 0;
		for (const struct cin_cp_plan *p = e->cp_plans; p; p = p->next) {
			r = add_row(l, T_CPP, p->line);
			cpp_id++;
			if (r < 0 || put(l, T_CPP, r, "LAchildID", id) || put_num(l, T_CPP, r, "CINdetailsID", cin_id) ||
			    put_num(l, T_CPP, r, "CPPID", cpp_id) ||
			    put_field(l, T_CPP, r, "CPPstartDate", &p->start) ||
			    put_field(l, T_CPP, r, "CPPendDate", &p->end) ||
			    put_field(l, T_CPP, r, "InitialCategoryOfAbuse", &p->initial_category) ||
			    put_field(l, T_CPP, r, "LatestCategoryOfAbuse", &p->latest_category) ||
			    put_field(l, T_CPP, r, "NumberOfPreviousCPP", &p->previous_plans))
				return oom(err);
			/* every review date, though DfE's tool reads only the first */
			for (const struct cin_review *v = p->reviews; v; v = v->next) {
				r = add_row(l, T_REVIEW, v->date.line);
				if (r < 0 || put(l, T_REVIEW, r, "LAchildID", id) ||
				    put_num(l, T_REVIEW, r, "CINdetailsID", cin_id) ||
				    put_num(l, T_REVIEW, r, "CPPID", cpp_id) ||
				    put_field(l, T_REVIEW, r, "CPPreviewDate", &v->date))
					return oom(err);
			}
		}
	}
	return CF_OK;
}

int vload_cin_path(struct vdata *vd, const char *path, struct cf_error *err)
{
	struct loader l = { .vd = vd, .path = path };
	for (int t = 0; t < T_N; t++) {
		if (vdata_frame(vd, tables[t].name))
			return cf_error_at(err, CF_EINPUT, path, 0, 0, NULL, "a second CIN census: validate one at a time");
		if (!(l.f[t] = vdata_add_frame(vd, tables[t].name)))
			return oom(err);
		for (const char *const *c = tables[t].cols; *c; c++)
			if (vframe_add_col(l.f[t], *c) < 0)
				return oom(err);
	}
	struct cin_census_handler h = { .header = on_header, .child = on_child };
	vd->meta.file_format = "xml";
	return cin_census_read(path, &h, &l, NULL, err);
}

int vload_cin_prepare(struct vdata *vd)
{
	for (int i = 0; i < vd->nframes; i++) {
		struct vframe *f = vd->frames[i];
		int id = vframe_colno(f, "LAchildID");
		if (id < 0 || vframe_colno(f, "CHILD") >= 0)
			continue;
		int c = vframe_add_col(f, "CHILD");
		if (c < 0)
			return -1;
		struct vcol *src = f->cols[id];
		for (long r = 0; r < f->nrows; r++)
			if (src->v[r] && vframe_set(f, c, r, src->v[r], strlen(src->v[r]), src->num && src->num[r]))
				return -1;
	}
	struct vframe *h = vdata_frame(vd, "Header");
	if (h && h->nrows > 0) {
		struct vcol *rc = vframe_col(h, "ReferenceDate");
		cf_date end = rc ? vcol_date(h, rc, 0) : CF_DATE_NONE;
		if (end != CF_DATE_NONE) {
			vd->meta.collection_end = end;
			vd->meta.collection_start = cf_date_add_years(end, -1) + 1;
		}
	}
	if (!vdata_frame(vd, "LA")) {
		struct vframe *la = vdata_add_frame(vd, "LA");
		if (!la || vframe_add_row_at(la, 0, 0) < 0)
			return -1;
	}
	return 0;
}
