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

/* While loading, each record sits behind a head holding its sort key and
 * version, so one comparator sorts every kind. The views' choice of one
 * version per record (latest collection year, then the later load) is made
 * here in C: the window functions in the *_current views cost about a
 * second per 100,000 rows, the sort a few milliseconds. */
struct head {
	int child;
	cf_date date;             /* the record's key date */
	unsigned key2;            /* more key (a contact's source), 0 otherwise */
	unsigned pad;
	long long version;        /* collection year << 32 | return id: higher wins */
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

static int cmp_head(const void *a, const void *b)
{
	const struct head *x = a, *y = b;
	if (x->child != y->child)
		return x->child < y->child ? -1 : 1;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	if (x->key2 != y->key2)
		return x->key2 < y->key2 ? -1 : 1;
	return (x->version < y->version) - (x->version > y->version);
}

/* Sort, keep the current version of each record, and pack the records into
 * *out (malloc'd, rec_size each) with the child index of each; first[c] is
 * where child c's records start, for c in 0..nchildren. */
static int finish_series(struct vec *v, size_t rec_size, size_t nchildren, void **out, size_t *n, int **first)
{
	if (v->n)
		qsort(v->data, v->n, v->size, cmp_head);
	char *recs = malloc((v->n ? v->n : 1) * rec_size);
	*first = malloc((nchildren + 1) * sizeof **first);
	if (!recs || !*first) {
		free(recs);
		free(*first);
		*first = NULL;
		return -1;
	}
	size_t w = 0;
	const struct head *prev = NULL;
	for (size_t i = 0; i < v->n; i++) {
		const struct head *h = (const struct head *)(const void *)(v->data + i * v->size);
		if (prev && prev->child == h->child && prev->date == h->date && prev->key2 == h->key2)
			continue;   /* an older version of the record before */
		memcpy(recs + w * rec_size, (const char *)h + sizeof *h, rec_size);
		memcpy(recs + w * rec_size, &h->child, sizeof h->child);   /* records begin with the child index */
		w++;
		prev = h;
	}
	size_t k = 0;
	for (size_t c = 0; c <= nchildren; c++) {
		while (k < w) {
			int child;
			memcpy(&child, recs + k * rec_size, sizeof child);
			if ((size_t)child >= c)
				break;
			k++;
		}
		(*first)[c] = (int)k;
	}
	*out = recs;
	*n = w;
	return 0;
}

/* Fill the record from the row; return its key date, CF_DATE_NONE to skip the row. */
typedef cf_date (*fill_fn)(sqlite3_stmt *s, void *rec, unsigned *key2);

/* Run sql (the child ID first, collection year and return id last) and
 * fill one head + record per row. */
static int load_series(struct store *st, struct child_registry *reg, const char *sql, struct vec *v, fill_fn fill,
		       struct cf_error *err)
{
	sqlite3_stmt *s;
	int rc = store_prepare(st, sql, &s, err);
	if (rc)
		return rc;
	int ncol = sqlite3_column_count(s), step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(s, 0);
		if (!id)
			continue;
		struct head *h = vec_push(v);
		if (!h)
			goto oom;
		h->date = fill(s, (char *)h + sizeof *h, &h->key2);
		if (h->date == CF_DATE_NONE) {
			v->n--;
			continue;
		}
		h->version = (long long)sqlite3_column_int64(s, ncol - 2) << 32 | (sqlite3_column_int64(s, ncol - 1) & 0xffffffff);
		if ((h->child = children_intern(reg, id)) < 0)
			goto oom;
	}
	sqlite3_finalize(s);
	if (step != SQLITE_DONE)
		return store_error(st, err, "reading the journey");
	return CF_OK;
oom:
	sqlite3_finalize(s);
	return cf_error_set(err, CF_EIO, "out of memory loading the journey");
}

static unsigned hash_text(const unsigned char *s)
{
	unsigned h = 2166136261u;
	for (; s && *s; s++)
		h = (h ^ *s) * 16777619u;
	return h;
}

static cf_date fill_contact(sqlite3_stmt *s, void *rec, unsigned *key2)
{
	struct cin_contact *c = rec;
	c->date = col_date(s, 1);
	*key2 = hash_text(sqlite3_column_text(s, 2));   /* one contact per child, date and source */
	return c->date;
}

static cf_date fill_referral(sqlite3_stmt *s, void *rec, unsigned *key2)
{
	struct cin_referral *r = rec;
	(void)key2;
	r->date = col_date(s, 1);
	r->closed = col_date(s, 2);
	r->nfa = sqlite3_column_int(s, 3) == 1;
	r->icpc = col_date(s, 5);
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
	return r->date;
}

static cf_date fill_assessment(sqlite3_stmt *s, void *rec, unsigned *key2)
{
	struct cin_assessment *a = rec;
	(void)key2;
	a->start = col_date(s, 1);
	a->authorised = col_date(s, 2);
	return a->start;
}

static cf_date fill_s47(sqlite3_stmt *s, void *rec, unsigned *key2)
{
	struct cin_s47 *x = rec;
	(void)key2;
	x->start = col_date(s, 1);
	x->icpc = col_date(s, 2);
	return x->start;
}

static cf_date fill_cpp(sqlite3_stmt *s, void *rec, unsigned *key2)
{
	struct cin_cpp *p = rec;
	(void)key2;
	p->start = col_date(s, 1);
	p->end = col_date(s, 2);
	p->previous_plans = sqlite3_column_type(s, 3) == SQLITE_NULL ? -1 : sqlite3_column_int(s, 3);
	return p->start;
}

#define FROM(table, key) " FROM " table " x JOIN returns r ON r.id = x.return_id WHERE x.child IS NOT NULL AND x." key " IS NOT NULL"
#define VERSION ", coalesce(r.collection_year, 0), x.return_id"

int cin_load(struct store *st, struct child_registry *reg, struct cin_data *out, struct cf_error *err)
{
	memset(out, 0, sizeof *out);
	struct {
		const char *sql;
		fill_fn fill;
		size_t size;
		struct vec v;
	} kinds[] = {
		{ "SELECT x.child, x.contact_date, x.source" VERSION FROM("contacts", "contact_date"), fill_contact,
		  sizeof(struct cin_contact), { 0 } },
		{ "SELECT x.child, x.referral_date, x.closure_date, x.referral_nfa, x.primary_need, x.icpc_date" VERSION
		  FROM("cin_referrals", "referral_date"), fill_referral, sizeof(struct cin_referral), { 0 } },
		{ "SELECT x.child, x.start_date, x.authorised_date" VERSION FROM("assessments", "start_date"), fill_assessment,
		  sizeof(struct cin_assessment), { 0 } },
		{ "SELECT x.child, x.start_date, x.icpc_date" VERSION FROM("s47_enquiries", "start_date"), fill_s47,
		  sizeof(struct cin_s47), { 0 } },
		{ "SELECT x.child, x.start_date, x.end_date, x.previous_plans" VERSION FROM("cp_plans", "start_date"), fill_cpp,
		  sizeof(struct cin_cpp), { 0 } },
	};
	enum { NK = sizeof kinds / sizeof kinds[0] };
	int rc = CF_OK;
	for (int k = 0; k < NK && !rc; k++) {
		kinds[k].v.size = sizeof(struct head) + (kinds[k].size + 7) / 8 * 8;
		rc = load_series(st, reg, kinds[k].sql, &kinds[k].v, kinds[k].fill, err);
	}
	void *recs[NK] = { 0 };
	size_t n[NK] = { 0 };
	int *first[NK] = { 0 };
	for (int k = 0; k < NK && !rc; k++)
		if (finish_series(&kinds[k].v, kinds[k].size, reg->n, &recs[k], &n[k], &first[k]))
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
