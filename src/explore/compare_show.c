/* How a comparison is shown: its tables (one row a group, a period or a
 * coefficient) and its findings in plain words. */
#include "explore/explore.h"
#include "explore/show_int.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>



int compare_groups_table(const struct compare_groups_result *g, struct cf_table **out, struct cf_error *err)
{
	static const char *const cols[] = { "indicator", "period", "group_by", "group", "numerator", "denominator",
					    "value", "lower_95", "upper_95", "ratio", "ratio_lower_95", "ratio_upper_95",
					    "p", "p_holm", "too_few" };
	static const enum cf_cell_type types[] = { CF_CELL_TEXT, CF_CELL_TEXT, CF_CELL_TEXT, CF_CELL_TEXT, CF_CELL_INT,
						   CF_CELL_INT, CF_CELL_REAL, CF_CELL_REAL, CF_CELL_REAL, CF_CELL_REAL,
						   CF_CELL_REAL, CF_CELL_REAL, CF_CELL_REAL, CF_CELL_REAL, CF_CELL_BOOL };
	static const int decimals[] = { 0, 0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 4, 4, 0 };
	struct cf_table *t = explore_table_new("comparison", cols, types, decimals, 15);
	for (int i = 0; t && i < g->nrows; i++) {
		const struct compare_row *r = &g->rows[i];
		long row = cf_table_add_row(t);
		if (row < 0 || cf_table_set_text(t, (size_t)row, 0, kpi_defs[g->indicator].id) ||
		    cf_table_set_text(t, (size_t)row, 1, g->period) ||
		    cf_table_set_text(t, (size_t)row, 2, i == 0 ? "all" : kpi_dim_names[g->by]) ||
		    cf_table_set_text(t, (size_t)row, 3, r->name)) {
			cf_table_free(t);
			t = NULL;
			break;
		}
		size_t w = (size_t)row;
		if (r->has_value) {
			cf_table_set_int(t, w, 4, (long long)llround(r->num));
			cf_table_set_int(t, w, 5, (long long)llround(r->den));
		} else {
			cf_table_set_null(t, w, 4), cf_table_set_null(t, w, 5);
		}
		explore_set_real(t, w, 6, r->value, r->has_value);
		explore_set_real(t, w, 7, r->lo, r->has_value);
		explore_set_real(t, w, 8, r->hi, r->has_value);
		explore_set_real(t, w, 9, r->ratio, r->has_ratio);
		explore_set_real(t, w, 10, r->ratio_lo, r->has_ratio);
		explore_set_real(t, w, 11, r->ratio_hi, r->has_ratio);
		explore_set_real(t, w, 12, r->p, r->has_p);
		explore_set_real(t, w, 13, r->p_holm, r->has_p);
		cf_table_set_bool(t, w, 14, r->few);
	}
	if (!t)
		return cf_error_set(err, CF_EIO, "out of memory");
	*out = t;
	return CF_OK;
}

int compare_periods_table(const struct compare_periods_result *c, struct cf_table **out, struct cf_error *err)
{
	static const char *const cols[] = { "indicator", "period", "numerator", "denominator", "value", "lower_95",
					    "upper_95", "change", "change_lower_95", "change_upper_95", "ratio", "p",
					    "too_few" };
	static const enum cf_cell_type types[] = { CF_CELL_TEXT, CF_CELL_TEXT, CF_CELL_INT, CF_CELL_INT, CF_CELL_REAL,
						   CF_CELL_REAL, CF_CELL_REAL, CF_CELL_REAL, CF_CELL_REAL, CF_CELL_REAL,
						   CF_CELL_REAL, CF_CELL_REAL, CF_CELL_BOOL };
	static const int decimals[] = { 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 4, 0 };
	struct cf_table *t = explore_table_new("before_after", cols, types, decimals, 13);
	for (int i = 0; t && i < 2; i++) {
		const struct compare_row *r = i ? &c->after : &c->before;
		long row = cf_table_add_row(t);
		if (row < 0 || cf_table_set_text(t, (size_t)row, 0, kpi_defs[c->indicator].id) ||
		    cf_table_set_text(t, (size_t)row, 1, r->name)) {
			cf_table_free(t);
			t = NULL;
			break;
		}
		size_t w = (size_t)row;
		cf_table_set_int(t, w, 2, (long long)llround(r->num));
		cf_table_set_int(t, w, 3, (long long)llround(r->den));
		explore_set_real(t, w, 4, r->value, 1);
		explore_set_real(t, w, 5, r->lo, 1);
		explore_set_real(t, w, 6, r->hi, 1);
		explore_set_real(t, w, 7, c->difference, i);
		explore_set_real(t, w, 8, c->diff_lo, i);
		explore_set_real(t, w, 9, c->diff_hi, i);
		explore_set_real(t, w, 10, r->ratio, i && r->has_ratio);
		explore_set_real(t, w, 11, r->p, i && r->has_p);
		cf_table_set_bool(t, w, 12, r->few);
	}
	if (!t)
		return cf_error_set(err, CF_EIO, "out of memory");
	*out = t;
	return CF_OK;
}

int compare_change_table(const struct compare_change_result *c, struct cf_table **out, struct cf_error *err)
{
	static const char *const cols[] = { "indicator", "term", "estimate", "lower_95", "upper_95", "p" };
	static const enum cf_cell_type types[] = { CF_CELL_TEXT, CF_CELL_TEXT, CF_CELL_REAL, CF_CELL_REAL, CF_CELL_REAL,
						   CF_CELL_REAL };
	static const int decimals[] = { 0, 0, 3, 3, 3, 4 };
	struct cf_table *t = explore_table_new("segmented_regression", cols, types, decimals, 6);
	const struct {
		const char *term;
		double est, lo, hi, p;
		int has_ci;
	} terms[] = {
		{ "level_at_start", c->level, NAN, NAN, NAN, 0 },
		{ "slope_before_per_month", c->slope, c->slope_lo, c->slope_hi, NAN, 1 },
		{ "step_at_change", c->step, c->step_lo, c->step_hi, c->step_p, 1 },
		{ "slope_change_per_month", c->turn, c->turn_lo, c->turn_hi, c->turn_p, 1 },
		{ "residual_sd", c->sd, NAN, NAN, NAN, 0 },
	};
	for (size_t i = 0; t && i < sizeof terms / sizeof terms[0]; i++) {
		long row = cf_table_add_row(t);
		if (row < 0 || cf_table_set_text(t, (size_t)row, 0, kpi_defs[c->indicator].id) ||
		    cf_table_set_text(t, (size_t)row, 1, terms[i].term)) {
			cf_table_free(t);
			t = NULL;
			break;
		}
		explore_set_real(t, (size_t)row, 2, terms[i].est, 1);
		explore_set_real(t, (size_t)row, 3, terms[i].lo, terms[i].has_ci);
		explore_set_real(t, (size_t)row, 4, terms[i].hi, terms[i].has_ci);
		explore_set_real(t, (size_t)row, 5, terms[i].p, 1);
	}
	if (!t)
		return cf_error_set(err, CF_EIO, "out of memory");
	*out = t;
	return CF_OK;
}

/* --- words ------------------------------------------------------------------ */


/* "9.1%" or "41.2 per 10,000" */
static void figure(char *out, size_t size, int indicator, double v)
{
	if (kpi_defs[indicator].unit == KPI_UNIT_PER_10K)
		snprintf(out, size, "%.1f per 10,000", v);
	else
		snprintf(out, size, "%.1f%%", v);
}

static void figure_ci(char *out, size_t size, int indicator, const struct compare_row *r)
{
	char v[48];
	figure(v, sizeof v, indicator, r->value);
	if (isfinite(r->lo))
		snprintf(out, size, "%s (%.1f–%.1f)", v, r->lo, r->hi);
	else
		snprintf(out, size, "%s", v);
}

static const char *p_text(double p, char *buf, size_t size)
{
	if (p < 0.001)
		snprintf(buf, size, "p < 0.001");
	else
		snprintf(buf, size, "p = %.3f", p);
	return buf;
}

void compare_groups_words(const struct compare_groups_result *g, char *buf, size_t size)
{
	buf[0] = '\0';
	const char *title = kpi_defs[g->indicator].title;
	char all[96], ref[96], pb[32];
	figure(all, sizeof all, g->indicator, g->rows[0].value);
	if (g->baseline > 0)
		figure(ref, sizeof ref, g->indicator, g->rows[g->baseline].value);
	if (g->df > 0)
		explore_say(buf, size, "%s, %s, by %s: %s across the %d groups (chi-square %.1f on %d df, %s).\n", title, g->period,
		    kpi_dim_names[g->by], g->p < 0.05 ? "the groups differ" : "no evidence that the groups differ",
		    g->df + 1, g->chi2, g->df, p_text(g->p, pb, sizeof pb));
	int said = 0;
	for (int i = 1; i < g->nrows; i++) {
		const struct compare_row *r = &g->rows[i];
		if (!r->has_p || r->p_holm >= 0.05)
			continue;
		char v[96];
		figure_ci(v, sizeof v, g->indicator, r);
		explore_say(buf, size, "%s: %s at %s against %s for %s (ratio %.2f, %s after Holm's adjustment for %d comparisons)%s.\n",
		    r->name, title, v, g->baseline > 0 ? ref : all,
		    g->baseline > 0 ? g->rows[g->baseline].name : "the whole authority", r->ratio,
		    p_text(r->p_holm, pb, sizeof pb), g->nrows - 1 - (g->baseline > 0), r->few ? "; few children" : "");
		said++;
	}
	if (!said)
		explore_say(buf, size, "No group differs from %s at the 5%% level after Holm's adjustment.\n",
		    g->baseline > 0 ? g->rows[g->baseline].name : "the rest of the authority");
	int few = 0;
	for (int i = 1; i < g->nrows; i++)
		few += g->rows[i].few;
	if (few)
		explore_say(buf, size, "%d group(s) rest on fewer than 30 children or 5 events: too few to tell on their own.\n", few);
}

void compare_periods_words(const struct compare_periods_result *c, char *buf, size_t size)
{
	buf[0] = '\0';
	char a[96], b[96], pb[32];
	figure_ci(b, sizeof b, c->indicator, &c->before);
	figure_ci(a, sizeof a, c->indicator, &c->after);
	const char *unit = kpi_defs[c->indicator].unit == KPI_UNIT_PER_10K ? " per 10,000" : " points";
	explore_say(buf, size, "%s: %s in %s against %s in %s, a change of %+.1f%s (%.1f to %.1f)%s%s.\n",
	    kpi_defs[c->indicator].title, a, c->after.name, b, c->before.name, c->difference, unit, c->diff_lo, c->diff_hi,
	    c->after.has_p ? ", " : "", c->after.has_p ? p_text(c->after.p, pb, sizeof pb) : "");
	explore_say(buf, size, "%s.\n",
	    c->after.has_p && c->after.p < 0.05 ? "The change is larger than chance alone would explain"
						: "The change is within what chance alone could give");
	if (c->before.few || c->after.few)
		explore_say(buf, size, "Fewer than 30 children or 5 events in a period: too few to tell.\n");
}

void compare_change_words(const struct compare_change_result *c, char *buf, size_t size)
{
	buf[0] = '\0';
	char pb[32], pt[32];
	explore_say(buf, size,
	    "%s, %d months (%d before %s): a step of %+.2f (%.2f to %.2f, %s) at the change and a change in "
	    "slope of %+.3f a month (%.3f to %.3f, %s), against a slope of %+.3f a month before.\n",
	    kpi_defs[c->indicator].title, c->nmonths, c->nbefore, c->change_month, c->step, c->step_lo, c->step_hi,
	    p_text(c->step_p, pb, sizeof pb), c->turn, c->turn_lo, c->turn_hi, p_text(c->turn_p, pt, sizeof pt), c->slope);
	explore_say(buf, size, "Months are treated as independent; a series that drifts month to month makes these intervals "
		       "too narrow.\n");
}
