/* Loading a CIN census into validator frames: XML through the streaming
 * CIN reader, one row per element, or a census held in the store, and
 * preparing frames for the CIN rules. */
#include "validate/vload_cin.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/cin_census.h"
#include "store/returns.h"
#include "store/validation_rows.h"

static const char *const header_cols[] = { "Collection", "Year", "ReferenceDate", "LEA", NULL };
static const char *const ident_cols[] = { "LAchildID", "UPN", "FormerUPN", "UPNunknown", "PersonBirthDate",
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

/* text, or the date it holds as yyyy-mm-dd written dd/mm/yyyy into buf. */
static const char *as_given(const char *text, char buf[16])
{
	int y, m, d, n = 0;
	if (text && strlen(text) == 10 && sscanf(text, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 && n == 10 &&
	    isdigit((unsigned char)text[9])) {
		snprintf(buf, 16, "%02d/%02d/%04d", d, m, y);
		return buf;
	}
	return text;
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
	text = as_given(text, buf);
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
	    (c->upn_present && put(l, T_IDENT, r, "UPNgiven", "1")) ||
	    put_field(l, T_IDENT, r, "UPN", &c->upn) || put_field(l, T_IDENT, r, "FormerUPN", &c->former_upn))
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

/* The census's empty frames, with their columns. */
static int loader_init(struct loader *l, struct vdata *vd, const char *path, struct cf_error *err)
{
	memset(l, 0, sizeof *l);
	l->vd = vd;
	l->path = path;
	for (int t = 0; t < T_N; t++) {
		if (vdata_frame(vd, tables[t].name))
			return cf_error_at(err, CF_EINPUT, path, 0, 0, NULL, "a second CIN census: validate one at a time");
		if (!(l->f[t] = vdata_add_frame(vd, tables[t].name)))
			return oom(err);
		for (const char *const *c = tables[t].cols; *c; c++)
			if (vframe_add_col(l->f[t], *c) < 0)
				return oom(err);
	}
	return CF_OK;
}

int vload_cin_path(struct vdata *vd, const char *path, struct cf_error *err)
{
	struct loader l;
	int rc = loader_init(&l, vd, path, err);
	if (rc)
		return rc;
	/* the UPN stays in memory: findings show it withheld (validate_shown) */
	struct cin_census_handler h = { .header = on_header, .child = on_child, .want_upn = 1 };
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

/* ---- from the store ------------------------------------------------------------- */

/* What each frame is read from: the stored table, the frame's columns in
 * the order it gives its values, then (link) whether a last value is the
 * key that ties the record to its episode or plan: the referral date, or
 * the plan's start date. */
static const struct {
	int t;
	enum validation_cin_table stored;
	const char *const *cols;
	int link;
} from_store[] = {
	{ T_HEADER, VROWS_CIN_HEADER, (const char *const[]){ "Collection", "Year", "ReferenceDate", "LEA", NULL }, 0 },
	{ T_IDENT, VROWS_CIN_IDENT,
	  (const char *const[]){ "LAchildID", "UPNunknown", "PersonBirthDate", "ExpectedPersonBirthDate", "GenderCurrent",
				 "Sex", "PersonDeathDate", "UPNgiven", NULL }, 0 },
	{ T_CHARAC, VROWS_CIN_CHARAC, (const char *const[]){ "LAchildID", "Ethnicity", NULL }, 0 },
	{ T_DISAB, VROWS_CIN_DISAB, (const char *const[]){ "LAchildID", "Disability", NULL }, 0 },
	{ T_CIN, VROWS_CIN_CIN,
	  (const char *const[]){ "LAchildID", "CINreferralDate", "ReferralSource", "PrimaryNeedCode", "CINclosureDate",
				 "ReasonForClosure", "DateOfInitialCPC", "ReferralNFA", NULL }, 0 },
	{ T_ASS, VROWS_CIN_ASS,
	  (const char *const[]){ "LAchildID", "AssessmentActualStartDate", "AssessmentAuthorisationDate",
				 "AssessmentFactors", NULL }, 1 },
	{ T_PLAN, VROWS_CIN_PLAN, (const char *const[]){ "LAchildID", "CINPlanStartDate", "CINPlanEndDate", NULL }, 1 },
	{ T_S47, VROWS_CIN_S47,
	  (const char *const[]){ "LAchildID", "S47ActualStartDate", "InitialCPCtarget", "DateOfInitialCPC",
				 "ICPCnotRequired", NULL }, 1 },
	{ T_CPP, VROWS_CIN_CPP,
	  (const char *const[]){ "LAchildID", "CPPstartDate", "CPPendDate", "InitialCategoryOfAbuse",
				 "LatestCategoryOfAbuse", "NumberOfPreviousCPP", NULL }, 1 },
	{ T_REVIEW, VROWS_CIN_REVIEW, (const char *const[]){ "LAchildID", "CPPreviewDate", NULL }, 1 },
};

/* The store's link keys of each frame's rows (NULL where none), in the
 * form the frames hold dates, so they compare with the frames' values. */
struct links {
	const char **key[T_N];
};

struct table_read {
	struct loader *l;
	struct links *lk;
	size_t i;
	int ncols;
	size_t cap;
};

static int read_row(void *ctx, long long row, const char *const *vals, struct cf_error *err)
{
	struct table_read *x = ctx;
	struct loader *l = x->l;
	size_t i = x->i;
	int t = from_store[i].t, ncols = x->ncols;
	long line = (long)row;
	char buf[16];
	if (t == T_DISAB) {   /* a row per code, as from the file */
		if (vals[1] && put_words(l, t, line, vals[0], "Disability", vals[1]))
			return oom(err);
		return CF_OK;
	}
	long r = add_row(l, t, line);
	if (r < 0)
		return oom(err);
	for (int c = 0; c < ncols; c++)
		if (put(l, t, r, from_store[i].cols[c], vals[c]))
			return oom(err);
	if (!from_store[i].link)
		return CF_OK;
	if ((size_t)r >= x->cap) {
		x->cap = x->cap ? x->cap * 2 : 256;
		const char **k = realloc(x->lk->key[t], x->cap * sizeof *k);
		if (!k)
			return oom(err);
		x->lk->key[t] = k;
	}
	const char *v = as_given(vals[ncols], buf);
	x->lk->key[t][r] = v ? arena_strdup(&l->vd->arena, v) : NULL;
	if (v && !x->lk->key[t][r])
		return oom(err);
	return CF_OK;
}

static int read_table(struct loader *l, struct store *st, long long rid, size_t i, struct links *lk,
		      struct cf_error *err)
{
	struct table_read x = { l, lk, i, 0, 0 };
	while (from_store[i].cols[x.ncols])
		x.ncols++;
	return validation_rows_cin(st, rid, from_store[i].stored, read_row, &x, err);
}

/* Records passed so far in file order, per child: head[slot] is the latest,
 * prev[] the one before it of the same child. Slot n holds the records
 * without a child ID. */
struct seen {
	long *head, *prev;
	long nslots;
};

/* Each row's child slot: its child's number in the dataset, or n when it
 * has no child ID. Taken before any ID is set (setting a value drops the
 * frame's child index). NULL on OOM. */
static long *child_slots(struct vframe *f, long n)
{
	long *slot = malloc((size_t)(f->nrows ? f->nrows : 1) * sizeof *slot);
	for (long r = 0; slot && r < f->nrows; r++) {
		long id = vframe_child_id(f, r);
		slot[r] = id < 0 ? n : id;
	}
	return slot;
}

/* Push the rows of owner starting on or before `line` (from *next on). */
static void seen_pass(struct seen *sn, struct vframe *owner, const long *slots, long *next, long line)
{
	for (; *next < owner->nrows && owner->rownum[*next] <= line; (*next)++) {
		sn->prev[*next] = sn->head[slots[*next]];
		sn->head[slots[*next]] = *next;
	}
}

/* Row r of f belongs to the latest row of owner passed for its child whose
 * column `col` holds f's link key (the latest of the child when none does). */
static long seen_owner(struct seen *sn, long slot, const char *key, struct vframe *owner, const char *col)
{
	long first = sn->head[slot];
	struct vcol *c = vframe_col(owner, col);
	for (long o = first; o >= 0 && c; o = sn->prev[o])
		if ((key == NULL) == (c->v[o] == NULL) && (!key || strcmp(key, c->v[o]) == 0))
			return o;
	return first;
}

static int seen_reset(struct seen *sn, long nslots, long nrows)
{
	free(sn->head);
	free(sn->prev);
	sn->nslots = nslots;
	sn->head = malloc((size_t)nslots * sizeof *sn->head);
	sn->prev = malloc((size_t)(nrows ? nrows : 1) * sizeof *sn->prev);
	if (!sn->head || !sn->prev)
		return -1;
	for (long i = 0; i < nslots; i++)
		sn->head[i] = -1;
	return 0;
}

static const char *col_str(struct vframe *f, const char *col, long r)
{
	int c = vframe_colno(f, col);
	return c < 0 ? NULL : f->cols[c]->v[r];
}

/* The IDs the file loader numbers as it reads (CINdetailsID per child,
 * AssessmentID and CPPID per episode), from the records' lines and links:
 * each record belongs to the latest episode (plan) before it in the file
 * of the same child with the same referral (start) date. */
static int number_records(struct loader *l, struct links *lk)
{
	struct vframe *ci = l->f[T_IDENT], *cin = l->f[T_CIN], *cpp = l->f[T_CPP];
	long n = l->vd->intern.n, nslots = n + 1;
	struct seen sn = { 0 };
	long *slots[T_N] = { 0 };
	long *count = calloc((size_t)(ci->nrows + nslots + cin->nrows + 1), sizeof *count);
	int rc = -1;
	char num[24];
	if (!count || seen_reset(&sn, nslots, ci->nrows))
		goto out;
	for (int t = T_IDENT; t < T_N; t++)
		if (t != T_CHARAC && t != T_DISAB && !(slots[t] = child_slots(l->f[t], n)))
			goto out;
	/* episodes: numbered within their <Child> (the latest of that ID before them) */
	long next = 0;
	for (long r = 0; r < cin->nrows; r++) {
		seen_pass(&sn, ci, slots[T_IDENT], &next, cin->rownum[r]);
		long owner = sn.head[slots[T_CIN][r]];
		long k = owner >= 0 ? owner : ci->nrows + slots[T_CIN][r];
		snprintf(num, sizeof num, "%ld", ++count[k]);
		if (put(l, T_CIN, r, "CINdetailsID", num))
			goto out;
	}
	/* an episode's assessments, plans, enquiries and CP plans */
	static const int subs[] = { T_ASS, T_PLAN, T_S47, T_CPP };
	long *ep_count = count + ci->nrows + nslots;   /* per episode: records numbered so far */
	for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++) {
		int t = subs[i];
		struct vframe *f = l->f[t];
		if (seen_reset(&sn, nslots, cin->nrows))
			goto out;
		next = 0;
		for (long r = 0; r < cin->nrows; r++)
			ep_count[r] = 0;
		for (long r = 0; r < f->nrows; r++) {
			seen_pass(&sn, cin, slots[T_CIN], &next, f->rownum[r]);
			long e = seen_owner(&sn, slots[t][r], lk->key[t] ? lk->key[t][r] : NULL, cin, "CINreferralDate");
			if (e < 0)
				continue;
			if (put(l, t, r, "CINdetailsID", col_str(cin, "CINdetailsID", e)))
				goto out;
			snprintf(num, sizeof num, "%ld", ++ep_count[e]);
			if ((t == T_ASS && put(l, t, r, "AssessmentID", num)) || (t == T_CPP && put(l, t, r, "CPPID", num)))
				goto out;
		}
	}
	/* reviews: of the latest CP plan before them with their plan's start date */
	if (seen_reset(&sn, nslots, cpp->nrows))
		goto out;
	next = 0;
	struct vframe *rv = l->f[T_REVIEW];
	for (long r = 0; r < rv->nrows; r++) {
		seen_pass(&sn, cpp, slots[T_CPP], &next, rv->rownum[r]);
		long p = seen_owner(&sn, slots[T_REVIEW][r], lk->key[T_REVIEW] ? lk->key[T_REVIEW][r] : NULL, cpp,
				    "CPPstartDate");
		if (p >= 0 && (put(l, T_REVIEW, r, "CINdetailsID", col_str(cpp, "CINdetailsID", p)) ||
			       put(l, T_REVIEW, r, "CPPID", col_str(cpp, "CPPID", p))))
			goto out;
	}
	rc = 0;
out:
	for (int t = 0; t < T_N; t++)
		free(slots[t]);
	free(sn.head);
	free(sn.prev);
	free(count);
	return rc;
}

int vload_cin_store(struct vdata *vd, struct store *st, long long return_id, struct cf_error *err)
{
	struct loader l;
	struct links lk = { 0 };
	int rc = loader_init(&l, vd, "store", err);
	for (size_t i = 0; !rc && i < sizeof from_store / sizeof from_store[0]; i++)
		rc = read_table(&l, st, return_id, i, &lk, err);
	vd->meta.file_format = "xml";
	if (!rc && (vload_cin_prepare(vd) || number_records(&l, &lk)))
		rc = oom(err);
	for (int t = 0; t < T_N; t++)
		free(lk.key[t]);
	return rc;
}

int vload_cin_store_list(struct store *st, int year, struct vload_cin_return **out, int *n, struct cf_error *err)
{
	*out = NULL;
	*n = 0;
	struct return_entry *held;
	int nheld, rc = returns_list(st, RETURN_CIN_CENSUS, year, &held, &nheld, err);
	if (rc)
		return rc;
	if (nheld && !(*out = calloc((size_t)nheld, sizeof **out))) {
		free(held);
		return oom(err);
	}
	for (int i = 0; i < nheld; i++) {
		(*out)[i].id = held[i].id;
		(*out)[i].year = held[i].year;
		snprintf((*out)[i].path, sizeof (*out)[i].path, "%s", held[i].path);
	}
	*n = nheld;
	free(held);
	if (*n)   /* 0008 keeps UPNunknown and the lines findings point to */
		return validation_rows_cin_supported(st, err);
	return CF_OK;
}

int vload_cin_year(struct vdata *vd)
{
	struct vframe *h = vdata_frame(vd, "Header");
	if (!h || h->nrows < 1)
		return 0;
	cf_date d = vcol_date(h, vframe_col(h, "ReferenceDate"), 0);
	int y, m, dd;
	if (d == CF_DATE_NONE)
		return 0;
	cf_date_to_ymd(d, &y, &m, &dd);
	return m >= 4 ? y + 1 : y;
}
