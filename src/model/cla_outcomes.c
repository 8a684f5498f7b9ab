/* Loading missing incidents and care leavers' OC3 rows. */
#include "model/cla_outcomes.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/care_records.h"

/* A code trimmed of spaces and upper-cased into out (size bytes). */
static void normalise_code(const char *v, char *out, size_t size)
{
	size_t n = 0;
	for (; v && *v && n + 1 < size; v++)
		if (!isspace((unsigned char)*v))
			out[n++] = (char)toupper((unsigned char)*v);
	out[n] = 0;
}

int oc3_activity_is_eet(const char *a)
{
	/* F1/P1 higher education, F2/P2 other education, F4/P4 training or
	 * employment, F5/P5 (later years' split of F4/P4): full- or part-time */
	return (a[0] == 'F' || a[0] == 'P') && isdigit((unsigned char)a[1]);
}

int oc3_not_required(const char *t)
{
	return strcmp(t, "DIED") == 0 || strcmp(t, "NREQ") == 0 || strcmp(t, "RHOM") == 0;
}

static int cmp_missing(const void *a, const void *b)
{
	const struct cla_missing *x = a, *y = b;
	if (x->child != y->child)
		return x->child < y->child ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->away - y->away;
}

/* The same order, the latest return's copy of an incident first: the one kept. */
static int cmp_missing_source(const void *a, const void *b)
{
	int c = cmp_missing(a, b);
	if (c)
		return c;
	const struct cla_missing *x = a, *y = b;
	if (x->src.return_id != y->src.return_id)
		return x->src.return_id > y->src.return_id ? -1 : 1;
	return (x->src.row > y->src.row) - (x->src.row < y->src.row);
}

/* While loading: where the rows go. */
struct loading {
	struct child_registry *reg;
	struct cla_outcomes *o;
	size_t cap;
	struct cf_error *err;
};

static int on_missing(void *ctx, const struct missing_record *r)
{
	struct loading *x = ctx;
	struct cla_outcomes *o = x->o;
	char kind[4];
	normalise_code(r->kind, kind, sizeof kind);
	if (r->start == CF_DATE_NONE || (strcmp(kind, "M") != 0 && strcmp(kind, "A") != 0))
		return CF_OK;
	int k = children_intern(x->reg, r->child);
	if (k < 0)
		return cf_error_set(x->err, CF_EIO, "out of memory loading missing incidents");
	if (o->nmissing == x->cap) {
		x->cap = x->cap ? x->cap * 2 : 1024;
		struct cla_missing *m = realloc(o->missing, x->cap * sizeof *m);
		if (!m)
			return cf_error_set(x->err, CF_EIO, "out of memory loading missing incidents");
		o->missing = m;
	}
	o->missing[o->nmissing++] = (struct cla_missing){ .child = k, .start = r->start, .away = kind[0] == 'A', .src = r->src };
	return CF_OK;
}

static int load_missing(struct store *st, struct child_registry *reg, struct cla_outcomes *o, struct cf_error *err)
{
	struct loading x = { reg, o, 0, err };
	int rc = missing_records_each(st, on_missing, &x, err);
	if (rc)
		return rc;
	/* the same incident arrives in each year's return that covers it */
	if (o->nmissing)
		qsort(o->missing, o->nmissing, sizeof *o->missing, cmp_missing_source);
	size_t w = 0;
	for (size_t i = 0; i < o->nmissing; i++)
		if (!w || cmp_missing(&o->missing[w - 1], &o->missing[i]) != 0)
			o->missing[w++] = o->missing[i];
	o->nmissing = w;
	return CF_OK;
}

static int on_oc3(void *ctx, const struct oc3_record *x3)
{
	struct loading *x = ctx;
	struct cla_outcomes *o = x->o;
	int k = children_intern(x->reg, x3->child);
	if (k < 0)
		return cf_error_set(x->err, CF_EIO, "out of memory loading OC3");
	if (o->noc3 == x->cap) {
		x->cap = x->cap ? x->cap * 2 : 256;
		struct cla_oc3 *n = realloc(o->oc3, x->cap * sizeof *n);
		if (!n)
			return cf_error_set(x->err, CF_EIO, "out of memory loading OC3");
		o->oc3 = n;
	}
	struct cla_oc3 *r = &o->oc3[o->noc3++];
	memset(r, 0, sizeof *r);
	r->child = k;
	r->collection_year = x3->collection_year;
	r->src = x3->src;
	r->dob = x3->dob;
	if (r->dob == CF_DATE_NONE)
		r->dob = x->reg->children[k].dob;
	normalise_code(x3->in_touch, r->in_touch, sizeof r->in_touch);
	normalise_code(x3->activ, r->activ, sizeof r->activ);
	return CF_OK;
}

static int load_oc3(struct store *st, struct child_registry *reg, struct cla_outcomes *o, struct cf_error *err)
{
	struct loading x = { reg, o, 0, err };
	return oc3_records_each(st, on_oc3, &x, err);
}

int cla_outcomes_load(struct store *st, struct child_registry *reg, struct cla_outcomes *out, struct cf_error *err)
{
	memset(out, 0, sizeof *out);
	int rc = load_missing(st, reg, out, err);
	if (!rc)
		rc = load_oc3(st, reg, out, err);
	if (!rc) {
		out->nchildren = reg->n;
		out->missing_first = malloc((reg->n + 1) * sizeof *out->missing_first);
		if (!out->missing_first)
			rc = cf_error_set(err, CF_EIO, "out of memory");
		else
			for (size_t c = 0, k = 0; c <= reg->n; c++) {
				while (k < out->nmissing && (size_t)out->missing[k].child < c)
					k++;
				out->missing_first[c] = (int)k;
			}
	}
	if (rc)
		cla_outcomes_release(out);
	return rc;
}

void cla_outcomes_release(struct cla_outcomes *o)
{
	free(o->missing);
	free(o->missing_first);
	free(o->oc3);
	memset(o, 0, sizeof *o);
}
