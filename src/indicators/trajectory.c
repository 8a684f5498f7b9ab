/* Trajectories: path arithmetic, RAG, storage, and the month-by-month table. */
#include "indicators/trajectory.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "indicators/benchmark_kpi.h"
#include "indicators/kpi.h"
#include "store/trajectories.h"

enum ind_polarity trajectory_polarity(const char *indicator)
{
	int i = indicator_map_find(indicator);
	if (i >= 0)
		return indicator_map[i].polarity;
	const char *kid = benchmark_kpi_id(indicator);
	int k = kid ? kpi_find(kid) : -1;
	if (k < 0)
		return POL_NONE;
	return kpi_defs[k].polarity == KPI_LOWER_BETTER ? POL_LOWER_BETTER
	       : kpi_defs[k].polarity == KPI_HIGHER_BETTER ? POL_HIGHER_BETTER : POL_NONE;
}

int trajectory_validate(const struct trajectory *t, struct cf_error *err)
{
	if (!t->name[0])
		return cf_error_at(err, CF_EINPUT, NULL, 0, "--name", NULL, "a trajectory needs a name");
	if (indicator_map_find(t->indicator) < 0 && !benchmark_kpi_id(t->indicator))
		return cf_error_at(err, CF_EINPUT, NULL, 0, "--indicator", t->indicator,
				   "not an indicator caseflow computes or benchmarks (see 'caseflow benchmark --list' and "
				   "the ids of 'caseflow kpi')");
	if (t->from == CF_DATE_NONE || t->to == CF_DATE_NONE || t->to <= t->from)
		return cf_error_at(err, CF_EINPUT, NULL, 0, "--to", NULL, "the target date must be after the start date");
	if (!isfinite(t->from_value) || !isfinite(t->to_value))
		return cf_error_set(err, CF_EINPUT, "the start and target values must be numbers");
	if (t->shape == TRAJ_GEOMETRIC && (t->from_value <= 0 || t->to_value <= 0))
		return cf_error_at(err, CF_EINPUT, NULL, 0, "--shape", "geometric",
				   "a geometric path needs positive start and target values (it changes by a constant "
				   "rate each month)");
	if (!(t->tolerance_pct >= 0 && t->tolerance_pct <= 100))
		return cf_error_at(err, CF_EINPUT, NULL, 0, "--tolerance", NULL, "the tolerance must be 0 to 100 percent");
	return CF_OK;
}

cf_date trajectory_month(cf_date from, int k)
{
	int y, m, d;
	cf_date_to_ymd(from, &y, &m, &d);
	if (d == cf_date_days_in_month(y, m)) {
		int months = y * 12 + (m - 1) + k;
		int ny = months / 12, nm = months % 12 + 1;
		return cf_date_from_ymd(ny, nm, cf_date_days_in_month(ny, nm));
	}
	return cf_date_add_months(from, k);
}

double trajectory_months_between(cf_date a, cf_date b)
{
	if (b <= a)
		return 0;
	int k = 0;
	while (trajectory_month(a, k + 1) <= b)
		k++;
	cf_date p = trajectory_month(a, k), q = trajectory_month(a, k + 1);
	return k + (double)(b - p) / (double)(q - p);
}

double trajectory_value_at(const struct trajectory *t, cf_date d)
{
	double f = trajectory_months_between(t->from, d) / trajectory_months_between(t->from, t->to);
	if (t->shape == TRAJ_GEOMETRIC)
		return t->from_value * pow(t->to_value / t->from_value, f);
	return t->from_value + (t->to_value - t->from_value) * f;
}

enum rag trajectory_rag(double target, double actual, enum ind_polarity pol, double tolerance_pct)
{
	if (isnan(target) || isnan(actual))
		return RAG_NONE;
	double adverse = pol == POL_LOWER_BETTER ? actual - target
			 : pol == POL_HIGHER_BETTER ? target - actual
						    : fabs(actual - target);
	if (adverse <= 0)
		return RAG_GREEN;
	if (target == 0)
		return RAG_RED;
	double pct = adverse / fabs(target) * 100;
	/* a hair of rounding must not turn a value on the boundary amber */
	if (pct <= tolerance_pct + 1e-9)
		return RAG_GREEN;
	return pct <= 2 * tolerance_pct + 1e-9 ? RAG_AMBER : RAG_RED;
}

const char *rag_name(enum rag r)
{
	switch (r) {
	case RAG_GREEN: return "green";
	case RAG_AMBER: return "amber";
	case RAG_RED: return "red";
	case RAG_NONE: break;
	}
	return "";
}

int trajectory_save(struct store *st, struct trajectory *t, struct cf_error *err)
{
	int rc = trajectory_validate(t, err);
	if (rc)
		return rc;
	const char *who = getenv("USER");
	snprintf(t->set_by, sizeof t->set_by, "%s", who && *who ? who : "unknown");
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(t->set_at, sizeof t->set_at, "%Y-%m-%dT%H:%M:%SZ", &tm);
	struct trajectory_row r = { .from_date = t->from, .to_date = t->to, .from_value = t->from_value,
				    .to_value = t->to_value, .tolerance_pct = t->tolerance_pct };
	snprintf(r.name, sizeof r.name, "%s", t->name);
	snprintf(r.indicator, sizeof r.indicator, "%s", t->indicator);
	snprintf(r.la_code, sizeof r.la_code, "%s", t->la_code);
	snprintf(r.shape, sizeof r.shape, "%s", t->shape == TRAJ_GEOMETRIC ? "geometric" : "linear");
	snprintf(r.basis, sizeof r.basis, "%s", t->basis[0] ? t->basis : "set by hand");
	snprintf(r.set_by, sizeof r.set_by, "%s", t->set_by);
	snprintf(r.set_at, sizeof r.set_at, "%s", t->set_at);
	if ((rc = trajectories_insert(st, &r, err)))
		return rc;
	t->id = r.id;
	return CF_OK;
}

int trajectory_list(struct store *st, const char *name, struct trajectory **out, int *n, struct cf_error *err)
{
	*out = NULL;
	*n = 0;
	struct trajectory_row *rows;
	int nrows, rc = trajectories_latest(st, name, &rows, &nrows, err);
	if (rc)
		return rc;
	if (nrows && !(*out = calloc((size_t)nrows, sizeof **out))) {
		free(rows);
		return cf_error_set(err, CF_EIO, "out of memory");
	}
	for (int i = 0; i < nrows; i++) {
		const struct trajectory_row *r = &rows[i];
		struct trajectory *t = &(*out)[i];
		t->id = r->id;
		snprintf(t->name, sizeof t->name, "%s", r->name);
		snprintf(t->indicator, sizeof t->indicator, "%s", r->indicator);
		snprintf(t->la_code, sizeof t->la_code, "%s", r->la_code);
		t->from = r->from_date;
		t->from_value = r->from_value;
		t->to = r->to_date;
		t->to_value = r->to_value;
		t->shape = !strcmp(r->shape, "geometric") ? TRAJ_GEOMETRIC : TRAJ_LINEAR;
		t->tolerance_pct = r->tolerance_pct;
		snprintf(t->basis, sizeof t->basis, "%s", r->basis);
		snprintf(t->set_by, sizeof t->set_by, "%s", r->set_by);
		snprintf(t->set_at, sizeof t->set_at, "%s", r->set_at);
	}
	*n = nrows;
	free(rows);
	if (name && *n == 0)
		return cf_error_at(err, CF_EINPUT, NULL, 0, "--name", name,
				   "no trajectory of that name in the store (set one with 'caseflow trajectory set')");
	return CF_OK;
}

int trajectory_from_gap(struct trajectory *t, const struct benchmark_data *d, enum benchmark_comparator cmp,
			cf_date by, struct cf_error *err)
{
	int i = indicator_map_find(t->indicator);
	if (i < 0)
		return cf_error_at(err, CF_EINPUT, NULL, 0, "--indicator", t->indicator,
				   "a gap to a comparator needs an indicator DfE publishes (see 'caseflow benchmark --list'); "
				   "set a path for this one with --from DATE:VALUE --to DATE:VALUE");
	struct benchmark_gap g;
	int rc = benchmark_gap(d, t->la_code, i, cmp, cf_date_fy(by) + 1, NAN, &g, err);
	if (rc)
		return rc;
	int y, m, day;
	indicator_ref_date(&indicator_map[i], g.base_year, &y, &m, &day);
	t->from = cf_date_from_ymd(y, m, day);
	t->from_value = g.la_value;
	t->to = by;
	t->to_value = g.comparator_value;
	snprintf(t->basis, sizeof t->basis, "gap to %s: %.10g in %d (held flat), from the LA's %.10g in %d",
		 benchmark_comparator_name(cmp), g.comparator_value, g.base_year, g.la_value, g.base_year);
	if (t->to <= t->from)
		return cf_error_at(err, CF_EINPUT, NULL, 0, "--by", NULL,
				   "the target date must be after the latest published figure (%04d-%02d-%02d)", y, m, day);
	return CF_OK;
}

/* The published figure describing the month of day d, if any. */
static double published_actual(const struct benchmark_data *d, int i, const char *la, cf_date day)
{
	int y, m, dd;
	cf_date_to_ymd(day, &y, &m, &dd);
	/* the candidate time periods whose reference day falls in this month */
	for (int tp = y - 1; tp <= y + 1; tp++) {
		int ry, rm, rd;
		indicator_ref_date(&indicator_map[i], tp, &ry, &rm, &rd);
		if (ry == y && rm == m)
			return benchmark_value(d, i, tp, la);
	}
	return NAN;
}

static int summary_row(struct cf_table *t, const struct trajectory *tr)
{
	long r = cf_table_add_row(t);
	char from[11], to[11];
	cf_date_format(tr->from, from);
	cf_date_format(tr->to, to);
	if (r < 0)
		return -1;
	size_t row = (size_t)r;
	int bad = cf_table_set_text(t, row, 0, tr->name) || cf_table_set_text(t, row, 1, tr->indicator) ||
		  cf_table_set_text(t, row, 2, tr->la_code[0] ? tr->la_code : NULL) ||
		  cf_table_set_text(t, row, 3, from) || cf_table_set_text(t, row, 5, to) ||
		  cf_table_set_text(t, row, 7, tr->shape == TRAJ_GEOMETRIC ? "geometric" : "linear") ||
		  cf_table_set_text(t, row, 9, tr->basis) || cf_table_set_text(t, row, 10, tr->set_by) ||
		  cf_table_set_text(t, row, 11, tr->set_at);
	cf_table_set_real(t, row, 4, tr->from_value);
	cf_table_set_real(t, row, 6, tr->to_value);
	cf_table_set_real(t, row, 8, tr->tolerance_pct);
	return bad ? -1 : 0;
}

/* Append tr's months (tr is ts[k]) to *pts. */
static int month_points(const struct trajectory *tr, int k, const struct benchmark_data *published,
			const struct benchmark_local *local, struct trajectory_point **pts, size_t *n, size_t *cap,
			struct cf_error *err)
{
	int i = indicator_map_find(tr->indicator);   /* -1: the kpi engine's alone, no published actuals */
	if (i < 0 && !benchmark_kpi_id(tr->indicator))
		return cf_error_at(err, CF_EINPUT, NULL, 0, "indicator", tr->indicator, "trajectory %s: unknown indicator",
				   tr->name);
	enum ind_polarity pol = trajectory_polarity(tr->indicator);
	for (int m = 0;; m++) {
		cf_date day = trajectory_month(tr->from, m);
		if (day > tr->to)
			day = tr->to;   /* a target date that is not a whole number of months on */
		double target = trajectory_value_at(tr, day), actual = NAN;
		const char *source = NULL;
		if (local && local->monthly) {
			int got = local->monthly(local->ctx, tr->indicator, day, &actual, err);
			if (got < 0)
				return -got;
			if (got == 1)
				source = "kpi";
			else
				actual = NAN;
		}
		if (!source && published && tr->la_code[0] && i >= 0) {
			actual = published_actual(published, i, tr->la_code, day);
			if (!isnan(actual))
				source = "published";
		}
		if (*n == *cap) {
			struct trajectory_point *grown = realloc(*pts, 2 * *cap * sizeof *grown);
			if (!grown)
				return cf_error_set(err, CF_EIO, "out of memory");
			*pts = grown;
			*cap *= 2;
		}
		struct trajectory_point *p = &(*pts)[(*n)++];
		*p = (struct trajectory_point){ .trajectory = k, .day = day, .target = target, .actual = actual,
						.source = source, .variance = NAN, .variance_pct = NAN, .rag = RAG_NONE };
		if (source) {
			p->rag = trajectory_rag(target, actual, pol, tr->tolerance_pct);
			p->variance = actual - target;
			if (target != 0)
				p->variance_pct = (actual - target) / fabs(target) * 100;
		}
		if (day == tr->to)
			break;
	}
	return CF_OK;
}

int trajectory_points(const struct trajectory *ts, int n, const struct benchmark_data *published,
		      const struct benchmark_local *local, struct trajectory_point **out, size_t *npoints,
		      struct cf_error *err)
{
	size_t cap = 64;
	*npoints = 0;
	*out = malloc(cap * sizeof **out);
	if (!*out)
		return cf_error_set(err, CF_EIO, "out of memory");
	int rc = CF_OK;
	for (int k = 0; k < n && !rc; k++)
		rc = month_points(&ts[k], k, published, local, out, npoints, &cap, err);
	if (rc) {
		free(*out);
		*out = NULL;
		*npoints = 0;
	}
	return rc;
}

static int month_row(struct cf_table *t, const struct trajectory *tr, const struct trajectory_point *p)
{
	long r = cf_table_add_row(t);
	char date[11];
	cf_date_format(p->day, date);
	if (r < 0 || cf_table_set_text(t, (size_t)r, 0, tr->name) || cf_table_set_text(t, (size_t)r, 1, date) ||
	    cf_table_set_text(t, (size_t)r, 4, p->source))
		return -1;
	size_t row = (size_t)r;
	cf_table_set_real(t, row, 2, p->target);
	if (p->source) {
		cf_table_set_real(t, row, 3, p->actual);
		cf_table_set_real(t, row, 5, p->variance);
		if (p->target != 0)
			cf_table_set_real(t, row, 6, p->variance_pct);
		if (cf_table_set_text(t, row, 7, rag_name(p->rag)))
			return -1;
	}
	return 0;
}

int trajectory_points_tables(const struct trajectory *ts, int n, const struct trajectory_point *pts, size_t npts,
			     struct cf_table **summary, struct cf_table **months, struct cf_error *err)
{
	static const char *const snames[] = { "name", "indicator", "la_code", "from", "from_value", "to", "to_value",
		"shape", "tolerance_pct", "basis", "set_by", "set_at" };
	static const enum cf_cell_type stypes[] = { CF_CELL_TEXT, CF_CELL_TEXT, CF_CELL_TEXT, CF_CELL_TEXT,
		CF_CELL_REAL, CF_CELL_TEXT, CF_CELL_REAL, CF_CELL_TEXT, CF_CELL_REAL, CF_CELL_TEXT, CF_CELL_TEXT,
		CF_CELL_TEXT };
	static const char *const mnames[] = { "name", "month", "target", "actual", "actual_source", "variance",
		"variance_pct", "rag" };
	static const enum cf_cell_type mtypes[] = { CF_CELL_TEXT, CF_CELL_TEXT, CF_CELL_REAL, CF_CELL_REAL,
		CF_CELL_TEXT, CF_CELL_REAL, CF_CELL_REAL, CF_CELL_TEXT };
	*summary = cf_table_new("trajectories");
	*months = cf_table_new("trajectory_months");
	int bad = !*summary || !*months;
	for (int c = 0; c < 12 && !bad; c++)
		bad = cf_table_add_column(*summary, snames[c], stypes[c], stypes[c] == CF_CELL_REAL ? 2 : 0) < 0;
	for (int c = 0; c < 8 && !bad; c++)
		bad = cf_table_add_column(*months, mnames[c], mtypes[c], c == 6 ? 1 : 2) < 0;
	for (int k = 0; k < n && !bad; k++)
		bad = summary_row(*summary, &ts[k]);
	for (size_t i = 0; i < npts && !bad; i++)
		bad = month_row(*months, &ts[pts[i].trajectory], &pts[i]);
	if (bad) {
		cf_table_free(*summary);
		cf_table_free(*months);
		*summary = *months = NULL;
		return cf_error_set(err, CF_EIO, "out of memory");
	}
	return CF_OK;
}

int trajectory_tables(const struct trajectory *ts, int n, const struct benchmark_data *published,
		      const struct benchmark_local *local, struct cf_table **summary, struct cf_table **months,
		      struct cf_error *err)
{
	struct trajectory_point *pts = NULL;
	size_t npts = 0;
	*summary = *months = NULL;
	int rc = trajectory_points(ts, n, published, local, &pts, &npts, err);
	if (!rc)
		rc = trajectory_points_tables(ts, n, pts, npts, summary, months, err);
	free(pts);
	return rc;
}
