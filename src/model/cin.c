/* Loading the children-in-need journey from the store into timelines. */
#include "model/cin.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "store/cin_records.h"

/* While loading, each record sits behind a head holding its sort key, so
 * one comparator sorts every kind. The store gives one version of each
 * record (its *_current views decide which); here they are only ordered by
 * child and date. */
struct head {
	int child;
	cf_date date;             /* the record's key date */
	unsigned key2;            /* more key (a contact's source), 0 otherwise */
	unsigned pad;
};

/* A growing array of head + record. */
struct vec {
	char *data;
	size_t n, cap, size;      /* size: sizeof(struct head) + the record's size */
};

static void *vec_push(struct vec *v)
{
	if (v->n == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 1024;
		char *d = realloc(v->data, cap * v->size);
		if (!d)
			return NULL;
		v->data = d;
		v->cap = cap;
	}
	void *p = v->data + v->n++ * v->size;
	memset(p, 0, v->size);
	return p;
}

/* Whether x comes after y: by child, date, then more key. */
static int head_after(const struct head *x, const struct head *y)
{
	if (x->child != y->child)
		return x->child > y->child;
	if (x->date != y->date)
		return x->date > y->date;
	return x->key2 > y->key2;
}

/* Order the records by child, date and more key, equal ones as read, and
 * pack them into *out (malloc'd, rec_size each) with the child index of
 * each; first[c] is where child c's records start, for c in 0..nchildren.
 * The store hands each kind over already sorted by child ID and date, so
 * this is a counting pass by child index, then an insertion sort within
 * each child that seldom moves anything, not a second full sort. */
static int finish_series(struct vec *v, size_t rec_size, size_t nchildren, void **out, size_t *n, int **first)
{
	char *recs = malloc((v->n ? v->n : 1) * rec_size);
	size_t *order = malloc((v->n ? v->n : 1) * sizeof *order);
	*first = calloc(nchildren + 2, sizeof **first);
	if (!recs || !order || !*first) {
		free(recs);
		free(order);
		free(*first);
		*first = NULL;
		return -1;
	}
	const struct head *h0 = (const struct head *)(const void *)v->data;
#define HEAD(i) ((const struct head *)(const void *)((const char *)h0 + (i) * v->size))
	int *at = *first;
	for (size_t i = 0; i < v->n; i++)
		at[HEAD(i)->child + 2]++;
	for (size_t c = 2; c < nchildren + 2; c++)
		at[c] += at[c - 1];
	/* at[c + 1] is child c's next free place while scattering; after it, at[c] its first */
	for (size_t i = 0; i < v->n; i++)
		order[at[HEAD(i)->child + 1]++] = i;
	for (size_t c = 0; c < nchildren; c++)
		for (int k = at[c] + 1; k < at[c + 1]; k++) {
			size_t x = order[k];
			int j = k;
			for (; j > at[c] && head_after(HEAD(order[j - 1]), HEAD(x)); j--)
				order[j] = order[j - 1];
			order[j] = x;
		}
	for (size_t i = 0; i < v->n; i++) {
		const struct head *h = HEAD(order[i]);
		memcpy(recs + i * rec_size, (const char *)h + sizeof *h, rec_size);
		memcpy(recs + i * rec_size, &h->child, sizeof h->child);   /* records begin with the child index */
	}
#undef HEAD
	free(order);
	*out = recs;
	*n = v->n;
	return 0;
}

/* One kind being read: where its records go and the registry. */
struct reading {
	struct vec v;
	struct child_registry *reg;
	struct cf_error *err;
	const char *last_id;      /* the previous record's child and its index: the store gives */
	int last_child;           /* a child's records together, so most need no lookup */
};

/* A head + record for a row of child `id` keyed on `date`, or NULL to skip
 * it (no readable date); *rc is set on OOM. */
static void *add(struct reading *r, const char *id, cf_date date, unsigned key2, int *rc)
{
	*rc = CF_OK;
	if (date == CF_DATE_NONE)
		return NULL;
	struct head *h = vec_push(&r->v);
	if (h && r->last_id && id && strcmp(id, r->last_id) == 0)
		h->child = r->last_child;
	else if (!h || (h->child = children_intern(r->reg, id)) < 0) {
		*rc = cf_error_set(r->err, CF_EIO, "out of memory loading the journey");
		return NULL;
	} else {
		r->last_id = r->reg->children[h->child].id;
		r->last_child = h->child;
	}
	h->date = date;
	h->key2 = key2;
	return (char *)h + sizeof *h;
}

static unsigned hash_text(const unsigned char *s)
{
	unsigned h = 2166136261u;
	for (; s && *s; s++)
		h = (h ^ *s) * 16777619u;
	return h;
}

static int on_contact(void *ctx, const struct cin_contact_record *x)
{
	int rc;
	/* one contact per child, date and source */
	struct cin_contact *c = add(ctx, x->child, x->date, hash_text((const unsigned char *)x->source), &rc);
	if (c) {
		c->date = x->date;
		c->src = x->src;
	}
	return rc;
}

static int on_referral(void *ctx, const struct cin_referral_record *x)
{
	int rc;
	struct cin_referral *r = add(ctx, x->child, x->date, 0, &rc);
	if (!r)
		return rc;
	r->date = x->date;
	r->src = x->src;
	r->closed = x->closed;
	r->nfa = (unsigned char)x->nfa;
	r->icpc = x->icpc;
	const char *need = x->primary_need;
	/* keep only codes of the form N0..N9; anything else groups as unknown */
	if (need) {
		while (isspace((unsigned char)*need))
			need++;
		if (toupper((unsigned char)need[0]) == 'N' && isdigit((unsigned char)need[1]) &&
		    !isalnum((unsigned char)need[2])) {
			r->need[0] = 'N';
			r->need[1] = need[1];
		}
	}
	return CF_OK;
}

static int on_assessment(void *ctx, const struct cin_assessment_record *x)
{
	int rc;
	struct cin_assessment *a = add(ctx, x->child, x->start, 0, &rc);
	if (a) {
		a->start = x->start;
		a->src = x->src;
		a->authorised = x->authorised;
	}
	return rc;
}

static int on_s47(void *ctx, const struct cin_s47_record *x)
{
	int rc;
	struct cin_s47 *e = add(ctx, x->child, x->start, 0, &rc);
	if (e) {
		e->start = x->start;
		e->src = x->src;
		e->icpc = x->icpc;
	}
	return rc;
}

static int on_cpp(void *ctx, const struct cin_cpp_record *x)
{
	int rc;
	struct cin_cpp *p = add(ctx, x->child, x->start, 0, &rc);
	if (p) {
		p->start = x->start;
		p->src = x->src;
		p->end = x->end;
		p->previous_plans = x->previous_plans;
	}
	return rc;
}

int cin_load(struct store *st, struct child_registry *reg, struct cin_data *out, struct cf_error *err)
{
	memset(out, 0, sizeof *out);
	enum { NK = 5 };
	static const size_t size[NK] = { sizeof(struct cin_contact), sizeof(struct cin_referral),
					  sizeof(struct cin_assessment), sizeof(struct cin_s47), sizeof(struct cin_cpp) };
	struct reading kinds[NK];
	for (int k = 0; k < NK; k++)
		kinds[k] = (struct reading){ .v = { .size = sizeof(struct head) + (size[k] + 7) / 8 * 8 }, .reg = reg,
					     .err = err };
	int rc = cin_records_contacts(st, on_contact, &kinds[0], err);
	if (!rc)
		rc = cin_records_referrals(st, on_referral, &kinds[1], err);
	if (!rc)
		rc = cin_records_assessments(st, on_assessment, &kinds[2], err);
	if (!rc)
		rc = cin_records_s47(st, on_s47, &kinds[3], err);
	if (!rc)
		rc = cin_records_cp_plans(st, on_cpp, &kinds[4], err);
	void *recs[NK] = { 0 };
	size_t n[NK] = { 0 };
	int *first[NK] = { 0 };
	for (int k = 0; k < NK && !rc; k++)
		if (finish_series(&kinds[k].v, size[k], reg->n, &recs[k], &n[k], &first[k]))
			rc = cf_error_set(err, CF_EIO, "out of memory indexing the journey");
	for (int k = 0; k < NK; k++)
		free(kinds[k].v.data);
	out->contacts = recs[0], out->n_contacts = n[0], out->contacts_first = first[0];
	out->referrals = recs[1], out->n_referrals = n[1], out->referrals_first = first[1];
	out->assessments = recs[2], out->n_assessments = n[2], out->assessments_first = first[2];
	out->s47 = recs[3], out->n_s47 = n[3], out->s47_first = first[3];
	out->cpp = recs[4], out->n_cpp = n[4], out->cpp_first = first[4];
	out->nchildren = reg->n;
	if (rc)
		cin_release(out);
	return rc;
}

void cin_release(struct cin_data *d)
{
	free(d->contacts);
	free(d->contacts_first);
	free(d->referrals);
	free(d->referrals_first);
	free(d->assessments);
	free(d->assessments_first);
	free(d->s47);
	free(d->s47_first);
	free(d->cpp);
	free(d->cpp_first);
	memset(d, 0, sizeof *d);
}

const char *cin_need_on(const struct cin_data *d, int child, cf_date on)
{
	if (child < 0 || (size_t)child >= d->nchildren)
		return "";
	const char *need = "";
	for (int k = d->referrals_first[child]; k < d->referrals_first[child + 1]; k++) {
		if (d->referrals[k].date > on)
			break;
		need = d->referrals[k].need;
	}
	return need;
}
