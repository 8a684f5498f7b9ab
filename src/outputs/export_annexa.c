/* Annex A Lists 1 and 3-7 built from the store's current records, whatever
 * return gave them (CIN census, local extracts, an SSD extract), for a
 * store that holds no Annex A of the year: Ofsted's six months before the
 * inspection on 31 March, each child's characteristics from the children
 * table. docs/export.md says which records each list takes. */
#include "outputs/export_annexa.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "store/child_records.h"
#include "store/cin_records.h"
#include "store/record_codes.h"

/* One current record, kept until the lists are written. */
struct rec {
	const char *child;
	struct record_source src;
	cf_date a, b, c;              /* its dates (start, end, ICPC or latest review) */
	int n;                        /* NFA flag or previous plans (-1 unknown) */
	const char *code1, *code2, *code3;   /* source, need, reason; categories */
};

struct recs {
	struct rec *v;
	size_t n, cap;
};

struct build {
	struct arena arena;
	struct child_record *kids;
	size_t nkids, capkids;
	struct recs contacts, referrals, assessments, s47s, plans;
	int oom;
};

static struct rec *rec_add(struct build *b, struct recs *l, const char *child, struct record_source src)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 256;
		struct rec *v = realloc(l->v, cap * sizeof *v);
		if (!v) {
			b->oom = 1;
			return NULL;
		}
		l->v = v;
		l->cap = cap;
	}
	struct rec *r = &l->v[l->n];
	memset(r, 0, sizeof *r);
	r->c = CF_DATE_NONE;
	r->src = src;
	if (!(r->child = arena_strdup(&b->arena, child))) {
		b->oom = 1;
		return NULL;
	}
	l->n++;
	return r;
}

static const char *keep(struct build *b, const char *s)
{
	if (!s)
		return NULL;
	const char *k = arena_strdup(&b->arena, s);
	if (!k)
		b->oom = 1;
	return k;
}

static int on_child(void *ctx, const struct child_record *r)
{
	struct build *b = ctx;
	if (b->nkids == b->capkids) {
		size_t cap = b->capkids ? 2 * b->capkids : 256;
		struct child_record *k = realloc(b->kids, cap * sizeof *k);
		if (!k)
			return CF_EIO;
		b->kids = k;
		b->capkids = cap;
	}
	struct child_record *c = &b->kids[b->nkids++];
	c->child = keep(b, r->child);
	c->sex = keep(b, r->sex);
	c->dob = r->dob;
	c->ethnicity = keep(b, r->ethnicity);
	return b->oom ? CF_EIO : CF_OK;
}

static int on_contact(void *ctx, const struct cin_contact_record *x)
{
	struct build *b = ctx;
	struct rec *r = rec_add(b, &b->contacts, x->child, x->src);
	if (!r)
		return CF_EIO;
	r->a = x->date;
	r->code1 = keep(b, x->source);
	return b->oom ? CF_EIO : CF_OK;
}

static int on_referral(void *ctx, const struct cin_referral_record *x)
{
	struct build *b = ctx;
	struct rec *r = rec_add(b, &b->referrals, x->child, x->src);
	if (!r)
		return CF_EIO;
	r->a = x->date;
	r->b = x->closed;
	r->n = x->nfa;
	r->code2 = keep(b, x->primary_need);
	return b->oom ? CF_EIO : CF_OK;
}

static int on_assessment(void *ctx, const struct cin_assessment_record *x)
{
	struct build *b = ctx;
	struct rec *r = rec_add(b, &b->assessments, x->child, x->src);
	if (!r)
		return CF_EIO;
	r->a = x->start;
	r->b = x->authorised;
	return CF_OK;
}

static int on_s47(void *ctx, const struct cin_s47_record *x)
{
	struct build *b = ctx;
	struct rec *r = rec_add(b, &b->s47s, x->child, x->src);
	if (!r)
		return CF_EIO;
	r->a = x->start;
	r->b = x->icpc;
	return CF_OK;
}

static int on_plan(void *ctx, const struct cin_cpp_record *x)
{
	struct build *b = ctx;
	struct rec *r = rec_add(b, &b->plans, x->child, x->src);
	if (!r)
		return CF_EIO;
	r->a = x->start;
	r->b = x->end;
	r->n = x->previous_plans;
	return CF_OK;
}

static int by_source(const void *x, const void *y)
{
	const struct rec *a = x, *b = y;
	if (a->src.return_id != b->src.return_id)
		return a->src.return_id < b->src.return_id ? -1 : 1;
	return (a->src.row > b->src.row) - (a->src.row < b->src.row);
}

static int by_child(const void *x, const void *y)
{
	const struct rec *a = x, *b = y;
	int c = strcmp(a->child, b->child);
	return c ? c : (a->a > b->a) - (a->a < b->a);
}

struct codes_ctx {
	struct build *b;
	struct recs *l;
	int plans;                /* 1: categories, else source and reason */
};

static int on_codes(void *ctx, const struct record_codes *c)
{
	struct codes_ctx *k = ctx;
	struct rec key = { .src = { c->return_id, c->row } };
	struct rec *r = k->l->n ? bsearch(&key, k->l->v, k->l->n, sizeof *k->l->v, by_source) : NULL;
	if (!r)
		return CF_OK;
	r->code1 = keep(k->b, c->code1);
	if (k->plans)
		r->code2 = keep(k->b, c->code2);
	else
		r->code3 = keep(k->b, c->code2);
	return k->b->oom ? CF_EIO : CF_OK;
}

static int on_review(void *ctx, const struct cin_cp_review_record *x)
{
	struct build *b = ctx;
	/* the plan's latest review: reviews come in order of child, plan and date */
	for (size_t i = 0; i < b->plans.n; i++) {
		struct rec *p = &b->plans.v[i];
		if (p->a == x->plan_start && !strcmp(p->child, x->child) && (p->c == CF_DATE_NONE || x->review > p->c))
			p->c = x->review;
	}
	return CF_OK;
}

static const struct child_record *find_kid(const struct build *b, const char *child)
{
	size_t lo = 0, hi = b->nkids;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(b->kids[mid].child, child);
		if (!c)
			return &b->kids[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static int kid_cmp(const void *x, const void *y)
{
	return strcmp(((const struct child_record *)x)->child, ((const struct child_record *)y)->child);
}

/* The values of one row, as annexa_writer_stored_row takes them. */
struct row {
	const char *vals[ANNEXA_MAXCOLS];
	char dates[ANNEXA_MAXCOLS][11];
	char nums[ANNEXA_MAXCOLS][16];
};

static void set_date(struct row *w, int col, cf_date d)
{
	if (col < 0 || d == CF_DATE_NONE)
		return;
	cf_date_format(d, w->dates[col]);
	w->vals[col] = w->dates[col];
}

static void set_num(struct row *w, int col, long n)
{
	if (col < 0 || n < 0)
		return;
	snprintf(w->nums[col], sizeof w->nums[col], "%ld", n);
	w->vals[col] = w->nums[col];
}

static void set_text(struct row *w, int col, const char *s)
{
	if (col >= 0)
		w->vals[col] = s;
}

/* The column of list with that standard name (-1 when none: nothing is set). */
static int col_named(int list, const char *name)
{
	return annexa_match_header(NULL, list, name, NULL);
}

/* Child Unique ID, Gender, Ethnicity, Date of Birth, Age on the inspection day. */
static void person(const struct build *b, struct row *w, int list, const char *child, cf_date on)
{
	memset(w->vals, 0, sizeof w->vals);
	w->vals[0] = child;
	const struct child_record *k = find_kid(b, child);
	if (!k)
		return;
	if (k->sex)
		w->vals[1] = !strcmp(k->sex, "1") || !strcmp(k->sex, "M") ? "a) Male"
			     : !strcmp(k->sex, "2") || !strcmp(k->sex, "F") ? "b) Female" : NULL;
	w->vals[2] = k->ethnicity;
	set_date(w, 3, k->dob);
	if (k->dob != CF_DATE_NONE && k->dob <= on)
		set_num(w, 4, cf_date_age(k->dob, on));
}

/* How many of l's records of child started in the 12 months before d. */
static long earlier(const struct recs *l, size_t first, const char *child, cf_date d, int icpc)
{
	cf_date year_before = cf_date_add_months(d, -12);
	long n = 0;
	for (size_t i = first; i < l->n && !strcmp(l->v[i].child, child); i++) {
		cf_date x = icpc ? l->v[i].b : l->v[i].a;
		n += x != CF_DATE_NONE && x >= year_before && x < d;
	}
	return n;
}

static size_t first_of(const struct recs *l, const char *child)
{
	size_t lo = 0, hi = l->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(l->v[mid].child, child) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int open_in(cf_date start, cf_date end, cf_date from, cf_date to)
{
	return start != CF_DATE_NONE && start <= to && (end == CF_DATE_NONE || end >= from);
}

int export_annexa_from_records(struct store *st, int year, struct annexa_writer *w, long rows[ANNEXA_NLISTS],
			       struct cf_error *err)
{
	struct build b;
	memset(&b, 0, sizeof b);
	arena_init(&b.arena, 0);
	int rc = child_records_each(st, CHILDREN_LINKED, on_child, &b, err);
	if (!rc)
		rc = cin_records_contacts(st, on_contact, &b, err);
	if (!rc)
		rc = cin_records_referrals(st, on_referral, &b, err);
	if (!rc)
		rc = cin_records_assessments(st, on_assessment, &b, err);
	if (!rc)
		rc = cin_records_s47(st, on_s47, &b, err);
	if (!rc)
		rc = cin_records_cp_plans(st, on_plan, &b, err);
	struct codes_ctx k = { &b, &b.referrals, 0 };
	if (!rc && b.referrals.n) {
		qsort(b.referrals.v, b.referrals.n, sizeof *b.referrals.v, by_source);
		rc = record_codes_referrals(st, on_codes, &k, err);
	}
	if (!rc && b.plans.n) {
		k.l = &b.plans;
		k.plans = 1;
		qsort(b.plans.v, b.plans.n, sizeof *b.plans.v, by_source);
		rc = record_codes_cp_plans(st, on_codes, &k, err);
	}
	if (!rc)
		rc = cin_records_cp_reviews(st, on_review, &b, err);
	if (rc == CF_EIO && !err->msg[0])
		cf_error_set(err, CF_EIO, "out of memory");
	if (rc) {
		free(b.kids);
		free(b.contacts.v);
		free(b.referrals.v);
		free(b.assessments.v);
		free(b.s47s.v);
		free(b.plans.v);
		arena_release(&b.arena);
		return rc;
	}
	if (b.nkids)
		qsort(b.kids, b.nkids, sizeof *b.kids, kid_cmp);
	struct recs *all[] = { &b.contacts, &b.referrals, &b.assessments, &b.s47s, &b.plans };
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		if (all[i]->n)
			qsort(all[i]->v, all[i]->n, sizeof *all[i]->v, by_child);

	/* Ofsted's window: the six months to the inspection, 31 March */
	cf_date to = cf_date_fy_end(year - 1), six = cf_date_add_months(to + 1, -6);
	struct row *r = malloc(sizeof *r);
	if (!r)
		rc = cf_error_set(err, CF_EIO, "out of memory");
	for (size_t i = 0; r && i < b.contacts.n; i++) {   /* List 1: contacts in the six months */
		const struct rec *x = &b.contacts.v[i];
		if (x->a < six || x->a > to)
			continue;
		person(&b, r, 1, x->child, to);
		set_date(r, col_named(1, "Date of Contact"), x->a);
		set_text(r, col_named(1, "Contact Source"), x->code1);
		annexa_writer_stored_row(w, 1, r->vals);
		rows[0]++;
	}
	for (size_t i = 0; r && i < b.referrals.n; i++) {   /* List 3: referrals in the six months */
		const struct rec *x = &b.referrals.v[i];
		if (x->a < six || x->a > to)
			continue;
		person(&b, r, 3, x->child, to);
		set_date(r, col_named(3, "Date of referral"), x->a);
		set_text(r, col_named(3, "Referral Source"), x->code1);
		set_text(r, col_named(3, "Referral NFA?"), x->n == 1 ? "1" : "0");
		set_num(r, col_named(3, "Number of Referrals in Last 12 Months"),
			earlier(&b.referrals, first_of(&b.referrals, x->child), x->child, x->a, 0));
		annexa_writer_stored_row(w, 3, r->vals);
		rows[2]++;
	}
	for (size_t i = 0; r && i < b.assessments.n; i++) {   /* List 4: assessments open in the six months */
		const struct rec *x = &b.assessments.v[i];
		if (!open_in(x->a, x->b, six, to))
			continue;
		person(&b, r, 4, x->child, to);
		set_date(r, col_named(4, "Continuous Assessment Start Date"), x->a);
		if (x->b <= to)
			set_date(r, col_named(4, "Continuous Assessment Date of Authorisation"), x->b);
		annexa_writer_stored_row(w, 4, r->vals);
		rows[3]++;
	}
	for (size_t i = 0; r && i < b.s47s.n; i++) {   /* List 5: enquiries starting in the six months */
		const struct rec *x = &b.s47s.v[i];
		if (x->a < six || x->a > to)
			continue;
		person(&b, r, 5, x->child, to);
		set_date(r, col_named(5, "Strategy discussion initiating Section 47 Enquiry Start Date"), x->a);
		if (x->b <= to)
			set_date(r, col_named(5, "Date of Initial Child Protection Conference"), x->b);
		size_t f = first_of(&b.s47s, x->child);
		set_num(r, col_named(5, "Number of Section 47 Enquiries in the last 12 months"),
			earlier(&b.s47s, f, x->child, x->a, 0));
		set_num(r, col_named(5, "Number of ICPCs in the last 12 months"), earlier(&b.s47s, f, x->child, x->a, 1));
		annexa_writer_stored_row(w, 5, r->vals);
		rows[4]++;
	}
	/* List 6: CIN episodes open in the six months (a referral with no
	 * further action never became one) */
	for (size_t i = 0; r && i < b.referrals.n; i++) {
		const struct rec *x = &b.referrals.v[i];
		if (x->n == 1 || !open_in(x->a, x->b, six, to))
			continue;
		person(&b, r, 6, x->child, to);
		set_date(r, col_named(6, "CIN Start Date"), x->a);
		set_text(r, col_named(6, "Primary Need Code"), x->code2);
		if (x->b <= to) {
			set_date(r, col_named(6, "CIN Closure Date"), x->b);
			set_text(r, col_named(6, "Reason for Closure"), x->code3);
		}
		annexa_writer_stored_row(w, 6, r->vals);
		rows[5]++;
	}
	for (size_t i = 0; r && i < b.plans.n; i++) {   /* List 7: CP plans open in the six months */
		const struct rec *x = &b.plans.v[i];
		if (!open_in(x->a, x->b, six, to))
			continue;
		person(&b, r, 7, x->child, to);
		set_date(r, col_named(7, "Child Protection Plan Start Date"), x->a);
		set_text(r, col_named(7, "Initial Category of Abuse"), x->code1);
		set_text(r, col_named(7, "Latest Category of Abuse"), x->code2);
		if (x->c <= to)
			set_date(r, col_named(7, "Date of latest review conference"), x->c);
		if (x->b <= to)
			set_date(r, col_named(7, "Child Protection Plan End Date"), x->b);
		set_num(r, col_named(7, "Number of Previous Child Protection Plans"), x->n);
		annexa_writer_stored_row(w, 7, r->vals);
		rows[6]++;
	}
	free(r);
	free(b.kids);
	free(b.contacts.v);
	free(b.referrals.v);
	free(b.assessments.v);
	free(b.s47s.v);
	free(b.plans.v);
	arena_release(&b.arena);
	return rc;
}
