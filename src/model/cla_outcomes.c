/* Loading missing incidents and care leavers' OC3 rows. */
#include "model/cla_outcomes.h"

#include <ctype.h>
#include <stdio.h>
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

static void col_code(sqlite3_stmt *s, int i, char *out, size_t size)
{
	const char *v = (const char *)sqlite3_column_text(s, i);
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

static int load_missing(struct store *st, struct child_registry *reg, struct cla_outcomes *o, struct cf_error *err)
{
	sqlite3_stmt *s;
	int rc = store_prepare(st, "SELECT child, mis_start, missing FROM ssda903_missing WHERE child IS NOT NULL", &s, err);
	if (rc)
		return rc;
	size_t cap = 0;
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		cf_date start = col_date(s, 1);
		char kind[4];
		col_code(s, 2, kind, sizeof kind);
		if (start == CF_DATE_NONE || (strcmp(kind, "M") != 0 && strcmp(kind, "A") != 0))
			continue;
		int k = children_intern(reg, (const char *)sqlite3_column_text(s, 0));
		if (k < 0)
			goto oom;
		if (o->nmissing == cap) {
			cap = cap ? cap * 2 : 1024;
			struct cla_missing *m = realloc(o->missing, cap * sizeof *m);
			if (!m)
				goto oom;
			o->missing = m;
		}
		o->missing[o->nmissing++] = (struct cla_missing){ .child = k, .start = start, .away = kind[0] == 'A' };
	}
	sqlite3_finalize(s);
	if (step != SQLITE_DONE)
		return store_error(st, err, "reading missing incidents");
	/* the same incident arrives in each year's return that covers it */
	if (o->nmissing)
		qsort(o->missing, o->nmissing, sizeof *o->missing, cmp_missing);
	size_t w = 0;
	for (size_t i = 0; i < o->nmissing; i++)
		if (!w || cmp_missing(&o->missing[w - 1], &o->missing[i]) != 0)
			o->missing[w++] = o->missing[i];
	o->nmissing = w;
	return CF_OK;
oom:
	sqlite3_finalize(s);
	return cf_error_set(err, CF_EIO, "out of memory loading missing incidents");
}

static int load_oc3(struct store *st, struct child_registry *reg, struct cla_outcomes *o, struct cf_error *err)
{
	sqlite3_stmt *s;
	/* one row per child and year: the latest load of that year */
	int rc = store_prepare(st,
			       "SELECT child, collection_year, dob, in_touch, activ FROM ("
			       " SELECT o.child, r.collection_year, o.dob, o.in_touch, o.activ,"
			       "  row_number() OVER (PARTITION BY o.child, r.collection_year ORDER BY o.return_id DESC, o.row DESC) AS v"
			       " FROM ssda903_oc3 o JOIN returns r ON r.id = o.return_id"
			       " WHERE o.child IS NOT NULL AND r.collection_year IS NOT NULL) WHERE v = 1",
			       &s, err);
	if (rc)
		return rc;
	size_t cap = 0;
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		int k = children_intern(reg, (const char *)sqlite3_column_text(s, 0));
		if (k < 0)
			goto oom;
		if (o->noc3 == cap) {
			cap = cap ? cap * 2 : 256;
			struct cla_oc3 *n = realloc(o->oc3, cap * sizeof *n);
			if (!n)
				goto oom;
			o->oc3 = n;
		}
		struct cla_oc3 *r = &o->oc3[o->noc3++];
		memset(r, 0, sizeof *r);
		r->child = k;
		r->collection_year = sqlite3_column_int(s, 1);
		r->dob = col_date(s, 2);
		if (r->dob == CF_DATE_NONE)
			r->dob = reg->children[k].dob;
		col_code(s, 3, r->in_touch, sizeof r->in_touch);
		col_code(s, 4, r->activ, sizeof r->activ);
	}
	sqlite3_finalize(s);
	if (step != SQLITE_DONE)
		return store_error(st, err, "reading OC3");
	return CF_OK;
oom:
	sqlite3_finalize(s);
	return cf_error_set(err, CF_EIO, "out of memory loading OC3");
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
