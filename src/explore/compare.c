/* Does an indicator differ between groups, between two periods, or after a
 * date? Rates with 95% intervals, ratios, chi-square tests with Holm's
 * adjustment, and segmented regression of a monthly series (explore.h). */
#include "explore/explore.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/stats.h"
#include "explore/compare_int.h"

/* Below these a group's figure is shown but called too small to tell. */
#define FEW_DEN 30
#define FEW_NUM 5

static double unit_scale(int indicator)
{
	return kpi_defs[indicator].unit == KPI_UNIT_PER_10K ? 10000 : 100;
}

/* Only proportions and rates over a population have a sampling model. */
static int kind_of(int indicator, enum compare_kind *kind, struct cf_error *err)
{
	const struct kpi_def *def = &kpi_defs[indicator];
	if (def->unit == KPI_UNIT_PERCENT) {
		*kind = COMPARE_PROPORTION;
		return CF_OK;
	}
	if (def->unit == KPI_UNIT_PER_10K) {
		*kind = COMPARE_RATE;
		return CF_OK;
	}
	return cf_error_set(err, CF_EUSAGE,
			    "%s is %s, not a share or a rate: compare needs a denominator to judge a difference by "
			    "(for example cla_started_rate_10k rather than cla_started)",
			    def->id, def->unit == KPI_UNIT_COUNT ? "a count" : "a ratio of cases to staff");
}

void compare_row_fill(struct compare_row *row, const char *name, double num, double den, enum compare_kind kind,
		      double scale)
{
	memset(row, 0, sizeof *row);
	snprintf(row->name, sizeof row->name, "%s", name);
	if (den <= 0)
		return;
	row->num = num;
	row->den = den;
	row->value = scale * num / den;
	row->has_value = 1;
	row->few = den < FEW_DEN || num < FEW_NUM;
	if (kind == COMPARE_PROPORTION && num <= den) {
		stats_wilson(num, den, STATS_Z95, &row->lo, &row->hi);
		row->lo *= scale, row->hi *= scale;
	} else if (kind == COMPARE_RATE) {
		stats_poisson_exact(num, 0.05, &row->lo, &row->hi);
		row->lo *= scale / den, row->hi *= scale / den;
	} else {   /* a "percentage" of events over other events, above 100: no binomial interval */
		row->lo = row->hi = NAN;
	}
}

/* The figure and its interval from a kpi cell. */
static void fill_row(struct compare_row *row, const char *name, const struct kpi_cell *c, int indicator,
		     enum compare_kind kind)
{
	int ok = c && c->has_num && c->has_den && c->den > 0 && !c->suppressed;
	compare_row_fill(row, name, ok ? c->num : 0, ok ? c->den : 0, kind, unit_scale(indicator));
}

/* The group (x1 of n1) against its reference (x2 of n2): ratio with its
 * 95% interval on the log scale (Katz), and the chi-square test's p. */
void compare_row_against(struct compare_row *row, double x2, double n2, enum compare_kind kind)
{
	double x1 = row->num, n1 = row->den;
	if (!row->has_value || n2 <= 0)
		return;
	if (x2 > 0) {
		row->ratio = (x1 / n1) / (x2 / n2);
		row->has_ratio = 1;
		if (x1 > 0) {
			double v = kind == COMPARE_PROPORTION ? 1 / x1 - 1 / n1 + 1 / x2 - 1 / n2 : 1 / x1 + 1 / x2;
			double se = sqrt(v > 0 ? v : 0);
			row->ratio_lo = row->ratio * exp(-STATS_Z95 * se);
			row->ratio_hi = row->ratio * exp(STATS_Z95 * se);
		} else {
			row->ratio_lo = row->ratio_hi = NAN;
		}
	}
	double x[2] = { x1, x2 }, n[2] = { n1, n2 };
	int df;
	double chi2 = kind == COMPARE_PROPORTION ? stats_chi2_proportions(x, n, 2, &df) : stats_chi2_rates(x, n, 2, &df);
	if (df == 1) {
		row->p = stats_chi2_sf(chi2, 1);
		row->has_p = 1;
	}
}

int compare_groups(const struct kpi_result *r, int period, int indicator, const char *baseline,
		   struct compare_groups_result *out, struct cf_error *err)
{
	memset(out, 0, sizeof *out);
	out->indicator = indicator;
	out->by = r->by;
	snprintf(out->period, sizeof out->period, "%s", r->periods[period].label);
	int rc = kind_of(indicator, &out->kind, err);
	if (rc)
		return rc;
	if (r->by == KPI_BY_ALL || r->ngroups < 2)
		return cf_error_set(err, CF_EUSAGE, "no groups to compare: name a breakdown with --by");
	if (r->by == KPI_BY_FACTOR)   /* the chi-square test needs groups that partition the authority */
		return cf_error_set(err, CF_EUSAGE, "the factor groups overlap (a child counts under each factor): no test "
				    "of no difference between them holds");
	if (r->omitted[indicator])
		return cf_error_set(err, CF_EINPUT, "%s was not computed for %s: %s", kpi_defs[indicator].id, out->period,
				    r->notes[0] ? r->notes : "its source is not loaded");
	if (!(out->rows = calloc((size_t)r->ngroups, sizeof *out->rows)))
		return cf_error_set(err, CF_EIO, "out of memory");
	int base = -1;
	for (int g = 0; g < r->ngroups; g++) {
		if (g > 0 && !r->group_used[g])
			continue;
		struct compare_row *row = &out->rows[out->nrows];
		fill_row(row, g == 0 ? "all" : r->groups[g], kpi_result_cell(r, period, indicator, g), indicator, out->kind);
		if (baseline && g > 0 && strcmp(r->groups[g], baseline) == 0)
			base = out->nrows;
		out->nrows++;
	}
	if (baseline && base < 0) {
		char names[512] = "";
		for (int i = 1; i < out->nrows; i++)
			snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s", i > 1 ? ", " : "",
				 out->rows[i].name);
		compare_groups_free(out);
		return cf_error_at(err, CF_EINPUT, NULL, 0, "--baseline", baseline, "not one of the groups (%s)", names);
	}
	out->baseline = base < 0 ? 0 : base;
	rc = compare_rows_test(out->rows, out->nrows, out->baseline, out->kind, &out->chi2, &out->df, &out->p, err);
	if (rc)
		compare_groups_free(out);
	return rc;
}

int compare_rows_test(struct compare_row *rows, int nrows, int base, enum compare_kind kind, double *chi2, int *df,
		      double *p_all, struct cf_error *err)
{
	const struct compare_row *all = &rows[0];
	double *x = malloc((size_t)nrows * sizeof *x), *n = malloc((size_t)nrows * sizeof *n);
	double *p = malloc((size_t)nrows * sizeof *p);
	int *who = malloc((size_t)nrows * sizeof *who);
	int rc = CF_OK;
	if (!x || !n || !p || !who) {
		free(x), free(n), free(p), free(who);
		return cf_error_set(err, CF_EIO, "out of memory");
	}
	int k = 0, m = 0;
	for (int i = 1; i < nrows; i++) {
		struct compare_row *row = &rows[i];
		if (!row->has_value)
			continue;
		x[k] = row->num, n[k] = row->den, k++;
		if (i == base)
			continue;
		if (base > 0) {
			compare_row_against(row, rows[base].num, rows[base].den, kind);
		} else {
			/* tested against the rest of the authority (every other group together), as a
			 * group is part of the whole; the ratio is to the whole, as the papers
			 * quote it, with no interval since the two overlap */
			compare_row_against(row, all->num - row->num, all->den - row->den, kind);
			row->has_ratio = all->has_value && all->num > 0;
			row->ratio = row->has_ratio ? row->value / all->value : 0;
			row->ratio_lo = row->ratio_hi = NAN;
		}
		if (row->has_p)
			p[m] = row->p, who[m++] = i;
	}
	*chi2 = kind == COMPARE_PROPORTION ? stats_chi2_proportions(x, n, k, df) : stats_chi2_rates(x, n, k, df);
	*p_all = *df > 0 ? stats_chi2_sf(*chi2, *df) : NAN;
	if (stats_holm(p, p, m) == 0)
		for (int j = 0; j < m; j++)
			rows[who[j]].p_holm = p[j];
	else
		rc = cf_error_set(err, CF_EIO, "out of memory");
	if (base > 0) {
		rows[base].ratio = 1;
		rows[base].ratio_lo = rows[base].ratio_hi = NAN;
		rows[base].has_ratio = rows[base].has_value;
	}
	free(x), free(n), free(p), free(who);
	return rc;
}

void compare_groups_free(struct compare_groups_result *g)
{
	free(g->rows);
	g->rows = NULL;
	g->nrows = 0;
}

int compare_periods(const struct kpi_result *r, int before, int after, int indicator, struct compare_periods_result *out,
		    struct cf_error *err)
{
	memset(out, 0, sizeof *out);
	out->indicator = indicator;
	int rc = kind_of(indicator, &out->kind, err);
	if (rc)
		return rc;
	fill_row(&out->before, r->periods[before].label, kpi_result_cell(r, before, indicator, 0), indicator, out->kind);
	fill_row(&out->after, r->periods[after].label, kpi_result_cell(r, after, indicator, 0), indicator, out->kind);
	if (!out->before.has_value || !out->after.has_value)
		return cf_error_set(err, CF_EINPUT, "%s has no figure for %s: nothing to compare", kpi_defs[indicator].id,
				    out->before.has_value ? r->periods[after].label : r->periods[before].label);
	struct compare_row *a = &out->after, *b = &out->before;
	compare_row_against(a, b->num, b->den, out->kind);
	out->difference = a->value - b->value;
	if (out->kind == COMPARE_PROPORTION && !isnan(a->lo) && !isnan(b->lo)) {
		/* Newcombe (1998) method 10: the Wilson limits of each, combined */
		out->diff_lo = out->difference - sqrt((a->value - a->lo) * (a->value - a->lo) + (b->hi - b->value) * (b->hi - b->value));
		out->diff_hi = out->difference + sqrt((a->hi - a->value) * (a->hi - a->value) + (b->value - b->lo) * (b->value - b->lo));
	} else {
		double scale = unit_scale(indicator);
		double se = scale * sqrt(a->num / (a->den * a->den) + b->num / (b->den * b->den));
		out->diff_lo = out->difference - STATS_Z95 * se;
		out->diff_hi = out->difference + STATS_Z95 * se;
	}
	return CF_OK;
}

int compare_change(const struct kpi_result *r, int indicator, cf_date change_at, struct compare_change_result *out,
		   struct cf_error *err)
{
	memset(out, 0, sizeof *out);
	out->indicator = indicator;
	int n = r->nperiods;
	double *X = malloc((size_t)(n ? n : 1) * 4 * sizeof *X), *y = malloc((size_t)(n ? n : 1) * sizeof *y);
	if (!X || !y) {
		free(X), free(y);
		return cf_error_set(err, CF_EIO, "out of memory");
	}
	int rows = 0, t0 = -1;
	for (int t = 0; t < n; t++) {
		if (t0 < 0 && r->periods[t].from >= change_at) {
			t0 = t;
			snprintf(out->change_month, sizeof out->change_month, "%s", r->periods[t].label);
		}
		const struct kpi_cell *c = kpi_result_cell(r, t, indicator, 0);
		if (!c || !c->has_value || c->suppressed)
			continue;
		int after = t0 >= 0;
		X[rows * 4 + 0] = 1;
		X[rows * 4 + 1] = t;
		X[rows * 4 + 2] = after;
		X[rows * 4 + 3] = after ? t - t0 : 0;
		y[rows] = c->value;
		out->nbefore += !after;
		rows++;
	}
	out->nmonths = rows;
	int rc = CF_OK;
	double b[4], se[4], s2;
	if (out->nbefore < 3 || rows - out->nbefore < 3) {
		rc = cf_error_set(err, CF_EUSAGE,
				  "%d month(s) of %s before the change and %d after: segmented regression needs at least 3 on "
				  "each side (load more months, or move --change-at)",
				  out->nbefore, kpi_defs[indicator].id, rows - out->nbefore);
	} else if (stats_ols(X, y, rows, 4, b, se, &s2) != 0) {
		rc = cf_error_set(err, CF_EINPUT, "the monthly series of %s cannot be fitted (no variation)",
				  kpi_defs[indicator].id);
	} else {
		int df = rows - 4;
		double tq = df > 0 ? stats_t_quantile(0.975, df) : NAN;
		out->level = b[0];
		out->slope = b[1];
		out->slope_lo = b[1] - tq * se[1], out->slope_hi = b[1] + tq * se[1];
		out->step = b[2];
		out->step_lo = b[2] - tq * se[2], out->step_hi = b[2] + tq * se[2];
		out->step_p = se[2] > 0 ? stats_t_two_sided_p(b[2] / se[2], df) : (b[2] == 0 ? 1 : 0);
		out->turn = b[3];
		out->turn_lo = b[3] - tq * se[3], out->turn_hi = b[3] + tq * se[3];
		out->turn_p = se[3] > 0 ? stats_t_two_sided_p(b[3] / se[3], df) : (b[3] == 0 ? 1 : 0);
		out->sd = sqrt(s2);
	}
	free(X), free(y);
	return rc;
}
