/* Summarising workforce census returns per census date. */
#include "model/workforce.h"

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

int workforce_load(struct store *st, struct workforce_data *out, struct cf_error *err)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *s;
	/* LA-level rows first (latest load per census date wins) */
	int rc = store_prepare(st, "SELECT census_date, vacancies_fte, agency_fte FROM workforce_la "
				   "WHERE census_date IS NOT NULL ORDER BY return_id", &s, err);
	if (rc)
		return rc;
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		cf_date d = col_date(s, 0);
		if (d == CF_DATE_NONE)
			continue;
		struct workforce_census *c = census_for(out, d);
		if (!c)
			goto oom;
		if (sqlite3_column_type(s, 1) != SQLITE_NULL)
			c->vacancies_fte = sqlite3_column_double(s, 1);
		if (sqlite3_column_type(s, 2) != SQLITE_NULL)
			c->agency_fte = sqlite3_column_double(s, 2);
	}
	sqlite3_finalize(s);
	if (step != SQLITE_DONE)
		return store_error(st, err, "reading workforce_la");

	/* Worker rows of the latest load of each census date: a reload replaces. */
	if ((rc = store_prepare(st,
				"SELECT w.census_date, w.agency, coalesce(w.fte, w.fte30), coalesce(nullif(w.fte30, 0), w.fte), "
				"w.start_date, w.end_date, w.cases "
				"FROM workforce_workers w JOIN (SELECT census_date AS d, max(return_id) AS latest "
				"FROM workforce_workers GROUP BY census_date) l ON l.d = w.census_date AND l.latest = w.return_id",
				&s, err)))
		goto fail;
	double *agency_rows = NULL;   /* agency FTE from worker rows, per census */
	int nagency = 0;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		cf_date d = col_date(s, 0);
		if (d == CF_DATE_NONE)
			continue;
		struct workforce_census *c = census_for(out, d);
		if (!c)
			goto oom_rows;
		int ci = (int)(c - out->census);
		if (ci >= nagency) {
			double *a = realloc(agency_rows, (size_t)(ci + 1) * sizeof *a);
			if (!a)
				goto oom_rows;
			for (int i = nagency; i <= ci; i++)
				a[i] = 0;
			agency_rows = a;
			nagency = ci + 1;
		}
		int agency = sqlite3_column_int(s, 1) == 1;
		/* FTE is on the census date; a leaver has FTE 0 and their FTE in FTE30 */
		double fte = sqlite3_column_double(s, 2), leaver_fte = sqlite3_column_double(s, 3);
		cf_date start = col_date(s, 4), end = col_date(s, 5);
		double cases = sqlite3_column_double(s, 6);
		int in_post = (start == CF_DATE_NONE || start <= d) && (end == CF_DATE_NONE || end > d);
		if (in_post) {
			if (agency)
				agency_rows[ci] += fte;
			else
				c->inpost_fte += fte;
			if (cases > 0) {
				c->cases += cases;
				c->caseholder_fte += fte;
			}
		} else if (!agency && end != CF_DATE_NONE && end <= d && end > cf_date_add_years(d, -1)) {
			c->leavers_fte += leaver_fte;
		}
	}
	sqlite3_finalize(s);
	for (int i = 0; i < out->n; i++)
		if (out->census[i].agency_fte < 0)
			out->census[i].agency_fte = i < nagency ? agency_rows[i] : 0;
	free(agency_rows);
	if (step != SQLITE_DONE) {
		rc = store_error(st, err, "reading workforce_workers");
		goto fail;
	}
	if (out->n)
		qsort(out->census, (size_t)out->n, sizeof *out->census, cmp_census);
	return CF_OK;
oom_rows:
	free(agency_rows);
oom:
	sqlite3_finalize(s);
	rc = cf_error_set(err, CF_EIO, "out of memory loading the workforce census");
fail:
	workforce_release(out);
	return rc;
}

void workforce_release(struct workforce_data *w)
{
	free(w->census);
	memset(w, 0, sizeof *w);
}

const struct workforce_census *workforce_at(const struct workforce_data *w, cf_date on)
{
	const struct workforce_census *best = NULL;
	for (int i = 0; i < w->n; i++)
		if (w->census[i].date <= on && w->census[i].date > cf_date_add_years(on, -1))
			best = &w->census[i];
	return best;
}
