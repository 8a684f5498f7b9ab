/* Gathering the store's current CIN records by child, with the codes of
 * the version kept (store/record_codes.h) and each CP plan's latest review. */
#include "outputs/cin_gather.h"

#include <stdlib.h>
#include <string.h>

#include "store/cin_records.h"
#include "store/demand_records.h"
#include "store/record_codes.h"

const char *cin_gather_keep(struct cin_gathered *g, const char *s)
{
	if (!s)
		return NULL;
	const char *k = arena_strdup(&g->arena, s);
	if (!k)
		g->oom = 1;
	return k;
}

struct cin_item *cin_items_add(struct cin_gathered *g, struct cin_items *l, const char *child)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 256;
		struct cin_item *v = realloc(l->v, cap * sizeof *v);
		if (!v) {
			g->oom = 1;
			return NULL;
		}
		l->v = v;
		l->cap = cap;
	}
	struct cin_item *r = &l->v[l->n];
	memset(r, 0, sizeof *r);
	r->a = r->b = r->c = CF_DATE_NONE;
	if (!(r->child = cin_gather_keep(g, child)))
		return NULL;
	l->n++;
	return r;
}

static int on_child(void *ctx, const struct child_record *r)
{
	struct cin_gathered *g = ctx;
	if (g->nkids == g->capkids) {
		size_t cap = g->capkids ? 2 * g->capkids : 256;
		struct child_record *k = realloc(g->kids, cap * sizeof *k);
		if (!k)
			return CF_EIO;
		g->kids = k;
		g->capkids = cap;
	}
	struct child_record *c = &g->kids[g->nkids++];
	c->child = cin_gather_keep(g, r->child);
	c->sex = cin_gather_keep(g, r->sex);
	c->dob = r->dob;
	c->ethnicity = cin_gather_keep(g, r->ethnicity);
	return g->oom ? CF_EIO : CF_OK;
}

static int on_contact(void *ctx, const struct cin_contact_record *x)
{
	struct cin_gathered *g = ctx;
	struct cin_item *r = cin_items_add(g, &g->contacts, x->child);
	if (!r)
		return CF_EIO;
	r->src = x->src;
	r->a = x->date;
	r->code1 = cin_gather_keep(g, x->source);
	return g->oom ? CF_EIO : CF_OK;
}

static void note_latest(struct cin_gathered *g, cf_date d)
{
	if (d != CF_DATE_NONE && (g->latest == CF_DATE_NONE || d > g->latest))
		g->latest = d;
}

static int on_referral(void *ctx, const struct cin_referral_record *x)
{
	struct cin_gathered *g = ctx;
	struct cin_item *r = cin_items_add(g, &g->referrals, x->child);
	if (!r)
		return CF_EIO;
	r->src = x->src;
	r->a = x->date;
	r->b = x->closed;
	r->n = x->nfa;
	r->code2 = cin_gather_keep(g, x->primary_need);
	note_latest(g, x->date);
	note_latest(g, x->closed);
	return g->oom ? CF_EIO : CF_OK;
}

static int on_assessment(void *ctx, const struct cin_assessment_record *x)
{
	struct cin_gathered *g = ctx;
	struct cin_item *r = cin_items_add(g, &g->assessments, x->child);
	if (!r)
		return CF_EIO;
	r->src = x->src;
	r->a = x->start;
	r->b = x->authorised;
	return CF_OK;
}

static int on_s47(void *ctx, const struct cin_s47_record *x)
{
	struct cin_gathered *g = ctx;
	struct cin_item *r = cin_items_add(g, &g->s47s, x->child);
	if (!r)
		return CF_EIO;
	r->src = x->src;
	r->a = x->start;
	r->b = x->icpc;
	return CF_OK;
}

static int on_plan(void *ctx, const struct cin_cpp_record *x)
{
	struct cin_gathered *g = ctx;
	struct cin_item *r = cin_items_add(g, &g->plans, x->child);
	if (!r)
		return CF_EIO;
	r->src = x->src;
	r->a = x->start;
	r->b = x->end;
	r->n = x->previous_plans;
	return CF_OK;
}

static int on_early_help(void *ctx, const struct early_help_record *x)
{
	struct cin_gathered *g = ctx;
	struct cin_item *r = cin_items_add(g, &g->early_help, x->child);
	if (!r)
		return CF_EIO;
	r->a = x->start;
	r->b = x->end;
	return CF_OK;
}

static int by_source(const void *x, const void *y)
{
	const struct cin_item *a = x, *b = y;
	if (a->src.return_id != b->src.return_id)
		return a->src.return_id < b->src.return_id ? -1 : 1;
	return (a->src.row > b->src.row) - (a->src.row < b->src.row);
}

static int by_child(const void *x, const void *y)
{
	const struct cin_item *a = x, *b = y;
	int c = strcmp(a->child, b->child);
	return c ? c : (a->a > b->a) - (a->a < b->a);
}

void cin_items_sort(struct cin_items *l)
{
	if (l->n)
		qsort(l->v, l->n, sizeof *l->v, by_child);
}

const struct cin_item *cin_items_of(const struct cin_items *l, const char *child, size_t *n)
{
	size_t lo = 0, hi = l->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(l->v[mid].child, child) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t end = lo;
	while (end < l->n && !strcmp(l->v[end].child, child))
		end++;
	*n = end - lo;
	return l->v ? l->v + lo : NULL;
}

struct codes_ctx {
	struct cin_gathered *g;
	struct cin_items *l;
	int plans;                /* 1: categories into code1, code2; else source and reason into code1, code3 */
};

static int on_codes(void *ctx, const struct record_codes *c)
{
	struct codes_ctx *k = ctx;
	struct cin_item key = { .src = { c->return_id, c->row } };
	struct cin_item *r = k->l->n ? bsearch(&key, k->l->v, k->l->n, sizeof *k->l->v, by_source) : NULL;
	if (!r)
		return CF_OK;   /* a version the current rule did not keep */
	r->code1 = cin_gather_keep(k->g, c->code1);
	if (k->plans)
		r->code2 = cin_gather_keep(k->g, c->code2);
	else
		r->code3 = cin_gather_keep(k->g, c->code2);
	return k->g->oom ? CF_EIO : CF_OK;
}

static int on_review(void *ctx, const struct cin_cp_review_record *x)
{
	struct cin_gathered *g = ctx;
	size_t n;
	const struct cin_item *first = cin_items_of(&g->plans, x->child, &n);
	for (size_t i = 0; i < n; i++) {
		struct cin_item *p = (struct cin_item *)&first[i];   /* g->plans is ours */
		if (p->a == x->plan_start && (p->c == CF_DATE_NONE || x->review > p->c))
			p->c = x->review;
	}
	return CF_OK;
}

/* An assessment's factors, onto the assessment of that child and start. */
static int on_factors(void *ctx, const struct assessment_factors_record *x)
{
	struct cin_gathered *g = ctx;
	size_t n;
	const struct cin_item *first = cin_items_of(&g->assessments, x->child, &n);
	for (size_t i = 0; i < n && x->factors; i++)
		if (first[i].a == x->start)
			((struct cin_item *)&first[i])->code1 = cin_gather_keep(g, x->factors);   /* ours */
	return g->oom ? CF_EIO : CF_OK;
}

static int kid_cmp(const void *x, const void *y)
{
	return strcmp(((const struct child_record *)x)->child, ((const struct child_record *)y)->child);
}

const struct child_record *cin_gather_child(const struct cin_gathered *g, const char *child)
{
	struct child_record key = { .child = child };
	return g->nkids ? bsearch(&key, g->kids, g->nkids, sizeof *g->kids, kid_cmp) : NULL;
}

int cin_gather(struct store *st, struct cin_gathered *g, struct cf_error *err)
{
	memset(g, 0, sizeof *g);
	arena_init(&g->arena, 0);
	g->latest = CF_DATE_NONE;
	int rc = child_records_each(st, CHILDREN_LINKED, on_child, g, err);
	if (!rc)
		rc = cin_records_contacts(st, on_contact, g, err);
	if (!rc)
		rc = demand_records_early_help(st, on_early_help, g, err);
	if (!rc)
		rc = cin_records_referrals(st, on_referral, g, err);
	if (!rc)
		rc = cin_records_assessments(st, on_assessment, g, err);
	if (!rc)
		rc = cin_records_s47(st, on_s47, g, err);
	if (!rc)
		rc = cin_records_cp_plans(st, on_plan, g, err);
	struct codes_ctx k = { g, &g->referrals, 0 };
	if (!rc && g->referrals.n) {
		qsort(g->referrals.v, g->referrals.n, sizeof *g->referrals.v, by_source);
		rc = record_codes_referrals(st, on_codes, &k, err);
	}
	if (!rc && g->plans.n) {
		k.l = &g->plans;
		k.plans = 1;
		qsort(g->plans.v, g->plans.n, sizeof *g->plans.v, by_source);
		rc = record_codes_cp_plans(st, on_codes, &k, err);
	}
	if (!rc) {
		if (g->nkids)
			qsort(g->kids, g->nkids, sizeof *g->kids, kid_cmp);
		cin_items_sort(&g->contacts);
		cin_items_sort(&g->early_help);
		cin_items_sort(&g->referrals);
		cin_items_sort(&g->assessments);
		cin_items_sort(&g->s47s);
		cin_items_sort(&g->plans);
		rc = cin_records_cp_reviews(st, on_review, g, err);
	}
	if (!rc)
		rc = demand_records_assessment_factors(st, on_factors, g, err);
	if ((rc == CF_EIO && !err->msg[0]) || (!rc && g->oom))
		rc = cf_error_set(err, CF_EIO, "out of memory");
	return rc;
}

void cin_gather_release(struct cin_gathered *g)
{
	free(g->kids);
	free(g->contacts.v);
	free(g->early_help.v);
	free(g->referrals.v);
	free(g->assessments.v);
	free(g->s47s.v);
	free(g->plans.v);
	arena_release(&g->arena);
	memset(g, 0, sizeof *g);
}
