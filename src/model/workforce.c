/* Summarising workforce census returns per census date. */
#include "model/workforce.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/workforce_records.h"

static struct workforce_census *census_for(struct workforce_data *w, cf_date date)
{
	for (int i = 0; i < w->n; i++)
		if (w->census[i].date == date)
			return &w->census[i];
	struct workforce_census *c = realloc(w->census, (size_t)(w->n + 1) * sizeof *c);
	if (!c)
		return NULL;
	w->census = c;
	c = &w->census[w->n++];
	memset(c, 0, sizeof *c);
	c->date = date;
	c->vacancies_fte = -1;
	c->agency_fte = -1;
	return c;
}

static int cmp_census(const void *a, const void *b)
{
	const struct workforce_census *x = a, *y = b;
	return (x->date > y->date) - (x->date < y->date);
}

/* While loading: the censuses, and agency FTE from worker rows per census. */
struct loading {
	struct workforce_data *out;
	double *agency_rows;
	int nagency;
	struct cf_error *err;
};

static int oom(struct loading *l)
{
	return cf_error_set(l->err, CF_EIO, "out of memory loading the workforce census");
}

/* LA-level rows first (the latest load per census date wins) */
static int on_la(void *ctx, const struct workforce_la_record *r)
{
	struct loading *l = ctx;
	if (r->census_date == CF_DATE_NONE)
		return CF_OK;
	struct workforce_census *c = census_for(l->out, r->census_date);
	if (!c)
		return oom(l);
	if (r->has_vacancies)
		c->vacancies_fte = r->vacancies_fte;
	if (r->has_agency)
		c->agency_fte = r->agency_fte;
	return CF_OK;
}

static int on_worker(void *ctx, const struct workforce_worker_record *r)
{
	struct loading *l = ctx;
	cf_date d = r->census_date;
	if (d == CF_DATE_NONE)
		return CF_OK;
	struct workforce_census *c = census_for(l->out, d);
	if (!c)
		return oom(l);
	int ci = (int)(c - l->out->census);
	if (ci >= l->nagency) {
		double *a = realloc(l->agency_rows, (size_t)(ci + 1) * sizeof *a);
		if (!a)
			return oom(l);
		for (int i = l->nagency; i <= ci; i++)
			a[i] = 0;
		l->agency_rows = a;
		l->nagency = ci + 1;
	}
	/* FTE is on the census date; a leaver has FTE 0 and their FTE in FTE30 */
	int in_post = (r->start == CF_DATE_NONE || r->start <= d) && (r->end == CF_DATE_NONE || r->end > d);
	if (in_post) {
		if (r->agency)
			l->agency_rows[ci] += r->fte;
		else
			c->inpost_fte += r->fte;
		if (r->cases > 0) {
			c->cases += r->cases;
			c->caseholder_fte += r->fte;
		}
	} else if (!r->agency && r->end != CF_DATE_NONE && r->end <= d && r->end > cf_date_add_years(d, -1)) {
		c->leavers_fte += r->leaver_fte;
	}
	return CF_OK;
}

int workforce_load(struct store *st, struct workforce_data *out, struct cf_error *err)
{
	memset(out, 0, sizeof *out);
	struct loading l = { out, NULL, 0, err };
	int rc = workforce_la_records_each(st, on_la, &l, err);
	if (rc) {
		workforce_release(out);
		return rc;
	}
	rc = workforce_worker_records_each(st, on_worker, &l, err);
	for (int i = 0; i < out->n; i++)
		if (out->census[i].agency_fte < 0)
			out->census[i].agency_fte = i < l.nagency ? l.agency_rows[i] : 0;
	free(l.agency_rows);
	if (rc) {
		workforce_release(out);
		return rc;
	}
	if (out->n)
		qsort(out->census, (size_t)out->n, sizeof *out->census, cmp_census);
	return CF_OK;
}

void workforce_release(struct workforce_data *w)
{
	free(w->census);
	memset(w, 0, sizeof *w);
}

void workforce_census_label(int census_year, char *buf, size_t size)
{
	snprintf(buf, size, "Sep %04d", census_year);
}

int workforce_census_year_of_fy(int fy)
{
	return fy;
}

const struct workforce_census *workforce_at(const struct workforce_data *w, cf_date on)
{
	const struct workforce_census *best = NULL;
	for (int i = 0; i < w->n; i++)
		if (w->census[i].date <= on && w->census[i].date > cf_date_add_years(on, -1))
			best = &w->census[i];
	return best;
}
