/* Loading the children-in-need journey from the store into timelines. */
#include "model/cin.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static cf_date col_date(sqlite3_stmt *s, int i)
{
	const char *v = (const char *)sqlite3_column_text(s, i);
	cf_date d;
	if (!v || cf_date_parse(v, strlen(v), &d) != 0)
		return CF_DATE_NONE;
	return d;
}

/* A growing array of fixed-size records. */
struct vec {
	char *data;
	size_t n, cap, size;
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

/* Each record type starts with (int child, cf_date date): read and write
 * that prefix by copying, whatever the record's type. */
struct keyed {
	int child;
	cf_date date;
};

static struct keyed key_of(const void *rec)
{
	struct keyed k;
	memcpy(&k, rec, sizeof k);
	return k;
}

static int cmp_keyed(const void *a, const void *b)
{
	struct keyed x = key_of(a), y = key_of(b);
	if (x.child != y.child)
		return x.child < y.child ? -1 : 1;
	return (x.date > y.date) - (x.date < y.date);
}

/* Sort v and build first[0..nchildren]: child c's records are [first[c], first[c+1]). */
static int *index_children(struct vec *v, size_t nchildren)
{
	if (v->n)
		qsort(v->data, v->n, v->size, cmp_keyed);
	int *first = malloc((nchildren + 1) * sizeof *first);
	if (!first)
		return NULL;
	size_t k = 0;
	for (size_t c = 0; c <= nchildren; c++) {
		while (k < v->n && (size_t)key_of(v->data + k * v->size).child < c)
			k++;
		first[c] = (int)k;
	}
	return first;
}

typedef int (*fill_fn)(sqlite3_stmt *s, void *rec);

/* Run sql (first column the child ID) and fill one record per row;
 * fill returns 0 to skip the row. */
static int load_series(struct store *st, struct child_registry *reg, const char *sql, struct vec *v, fill_fn fill,
		       struct cf_error *err)
{
	sqlite3_stmt *s;
	int rc = store_prepare(st, sql, &s, err);
	if (rc)
		return rc;
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(s, 0);
		if (!id)
			continue;
		void *rec = vec_push(v);
		if (!rec)
			goto oom;
		if (!fill(s, rec)) {
			v->n--;
			continue;
		}
		int k = children_intern(reg, id);
		if (k < 0)
			goto oom;
		memcpy(rec, &k, sizeof k);
	}
	sqlite3_finalize(s);
	if (step != SQLITE_DONE)
		return store_error(st, err, "reading the journey");
	return CF_OK;
oom:
	sqlite3_finalize(s);
	return cf_error_set(err, CF_EIO, "out of memory loading the journey");
}

static int fill_contact(sqlite3_stmt *s, void *rec)
{
	struct cin_contact *c = rec;
	c->date = col_date(s, 1);
	return c->date != CF_DATE_NONE;
}

static int fill_referral(sqlite3_stmt *s, void *rec)
{
	struct cin_referral *r = rec;
	r->date = col_date(s, 1);
	r->closed = col_date(s, 2);
	r->nfa = sqlite3_column_int(s, 3) == 1;
	const char *need = (const char *)sqlite3_column_text(s, 4);
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
	return r->date != CF_DATE_NONE;
}

static int fill_assessment(sqlite3_stmt *s, void *rec)
{
	struct cin_assessment *a = rec;
	a->start = col_date(s, 1);
	a->authorised = col_date(s, 2);
	return a->start != CF_DATE_NONE;
}

static int fill_s47(sqlite3_stmt *s, void *rec)
{
	struct cin_s47 *x = rec;
	x->start = col_date(s, 1);
	x->icpc = col_date(s, 2);
	return x->start != CF_DATE_NONE;
}

static int fill_cpp(sqlite3_stmt *s, void *rec)
{
	struct cin_cpp *p = rec;
	p->start = col_date(s, 1);
	p->end = col_date(s, 2);
	p->previous_plans = sqlite3_column_type(s, 3) == SQLITE_NULL ? -1 : sqlite3_column_int(s, 3);
	return p->start != CF_DATE_NONE;
}

int cin_load(struct store *st, struct child_registry *reg, struct cin_data *out, struct cf_error *err)
{
	memset(out, 0, sizeof *out);
	struct {
		const char *sql;
		fill_fn fill;
		size_t size;
		struct vec v;
	} kinds[] = {
		{ "SELECT child, contact_date FROM contacts_current", fill_contact, sizeof(struct cin_contact), { 0 } },
		{ "SELECT child, referral_date, closure_date, referral_nfa, primary_need FROM cin_referrals_current",
		  fill_referral, sizeof(struct cin_referral), { 0 } },
		{ "SELECT child, start_date, authorised_date FROM assessments_current", fill_assessment,
		  sizeof(struct cin_assessment), { 0 } },
		{ "SELECT child, start_date, icpc_date FROM s47_enquiries_current", fill_s47, sizeof(struct cin_s47), { 0 } },
		{ "SELECT child, start_date, end_date, previous_plans FROM cp_plans_current", fill_cpp,
		  sizeof(struct cin_cpp), { 0 } },
	};
	enum { NK = sizeof kinds / sizeof kinds[0] };
	int rc = CF_OK;
	for (int k = 0; k < NK && !rc; k++) {
		kinds[k].v.size = kinds[k].size;
		rc = load_series(st, reg, kinds[k].sql, &kinds[k].v, kinds[k].fill, err);
	}
	int *first[NK] = { 0 };
	for (int k = 0; k < NK && !rc; k++)
		if (!(first[k] = index_children(&kinds[k].v, reg->n)))
			rc = cf_error_set(err, CF_EIO, "out of memory indexing the journey");
	out->contacts = (struct cin_contact *)(void *)kinds[0].v.data, out->n_contacts = kinds[0].v.n, out->contacts_first = first[0];
	out->referrals = (struct cin_referral *)(void *)kinds[1].v.data, out->n_referrals = kinds[1].v.n, out->referrals_first = first[1];
	out->assessments = (struct cin_assessment *)(void *)kinds[2].v.data, out->n_assessments = kinds[2].v.n,
	out->assessments_first = first[2];
	out->s47 = (struct cin_s47 *)(void *)kinds[3].v.data, out->n_s47 = kinds[3].v.n, out->s47_first = first[3];
	out->cpp = (struct cin_cpp *)(void *)kinds[4].v.data, out->n_cpp = kinds[4].v.n, out->cpp_first = first[4];
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
