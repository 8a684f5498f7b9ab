/* How the drivers of demand are shown: conversion by source, the factors
 * of assessments and the toxic trio as tables, and the findings in words. */
#include "explore/explore.h"
#include "explore/show_int.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const trio_names[8] = {
	"none of the three", "domestic abuse only", "adult mental ill health only", "domestic abuse and mental ill health",
	"adult substance misuse only", "domestic abuse and substance misuse", "mental ill health and substance misuse",
	"all three",
};



/* The row's figure columns from `col`: numerator, denominator, value, interval. */
static void figure_cells(struct cf_table *t, size_t row, int col, const struct compare_row *r)
{
	cf_table_set_int(t, row, col, (long long)llround(r->den));
	cf_table_set_int(t, row, col + 1, (long long)llround(r->num));
	explore_set_real(t, row, col + 2, r->has_value ? r->value : NAN, 1);
	explore_set_real(t, row, col + 3, r->has_value ? r->lo : NAN, 1);
	explore_set_real(t, row, col + 4, r->has_value ? r->hi : NAN, 1);
}

static struct cf_table *source_table(const struct drivers_result *r)
{
	static const char *const cols[] = { "period", "source", "label", "outcome", "referrals", "converted", "percent",
					    "lower_95", "upper_95", "ratio_to_all", "p", "p_holm", "too_few" };
	static const enum cf_cell_type types[] = { CF_CELL_TEXT, CF_CELL_TEXT, CF_CELL_TEXT, CF_CELL_TEXT, CF_CELL_INT,
						   CF_CELL_INT, CF_CELL_REAL, CF_CELL_REAL, CF_CELL_REAL, CF_CELL_REAL,
						   CF_CELL_REAL, CF_CELL_REAL, CF_CELL_BOOL };
	static const int decimals[] = { 0, 0, 0, 0, 0, 0, 1, 1, 1, 2, 4, 4, 0 };
	struct cf_table *t = explore_table_new("conversion_by_source", cols, types, decimals, 13);
	for (int i = 0; t && i < r->nsources; i++)
		for (int o = 0; o < DRIVERS_NOUTCOMES; o++) {
			const struct drivers_source *s = &r->sources[i];
			const struct compare_row *c = &s->to[o];
			long row = cf_table_add_row(t);
			if (row < 0 || cf_table_set_text(t, (size_t)row, 0, r->period) ||
			    cf_table_set_text(t, (size_t)row, 1, s->code) || cf_table_set_text(t, (size_t)row, 2, s->label) ||
			    cf_table_set_text(t, (size_t)row, 3, drivers_outcome_names[o])) {
				cf_table_free(t);
				return NULL;
			}
			figure_cells(t, (size_t)row, 4, c);
			explore_set_real(t, (size_t)row, 9, c->has_ratio ? c->ratio : NAN, 1);
			explore_set_real(t, (size_t)row, 10, c->has_p ? c->p : NAN, 1);
			explore_set_real(t, (size_t)row, 11, c->has_p ? c->p_holm : NAN, 1);
			cf_table_set_bool(t, (size_t)row, 12, c->few);
		}
	return t;
}

static struct cf_table *factor_table(const struct drivers_result *r)
{
	static const char *const cols[] = { "period", "factor", "label", "assessments", "with_factor", "percent",
					    "lower_95", "upper_95", "previous_year_percent", "change_points",
					    "percent_of_recorded", "england_percent", "p_vs_england", "p_holm_vs_england" };
	static const enum cf_cell_type types[] = { CF_CELL_TEXT, CF_CELL_TEXT, CF_CELL_TEXT, CF_CELL_INT, CF_CELL_INT,
						   CF_CELL_REAL, CF_CELL_REAL, CF_CELL_REAL, CF_CELL_REAL, CF_CELL_REAL,
						   CF_CELL_REAL, CF_CELL_REAL, CF_CELL_REAL, CF_CELL_REAL };
	static const int decimals[] = { 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 4, 4 };
	struct cf_table *t = explore_table_new("assessment_factors", cols, types, decimals, 14);
	for (int i = 0; t && i < r->nfactors; i++) {
		const struct drivers_factor *f = &r->factors[i];
		long row = cf_table_add_row(t);
		if (row < 0 || cf_table_set_text(t, (size_t)row, 0, r->period) ||
		    cf_table_set_text(t, (size_t)row, 1, f->code) || cf_table_set_text(t, (size_t)row, 2, f->label)) {
			cf_table_free(t);
			return NULL;
		}
		figure_cells(t, (size_t)row, 3, &f->share);
		explore_set_real(t, (size_t)row, 8, f->previous, 1);
		explore_set_real(t, (size_t)row, 9, f->share.has_value ? f->share.value - f->previous : NAN, 1);
		/* against England: as DfE counts, of assessments that record a factor */
		if (strcmp(f->code, "21") != 0)
			explore_set_real(t, (size_t)row, 10, f->of_recorded.has_value ? f->of_recorded.value : NAN, 1);
		explore_set_real(t, (size_t)row, 11, f->england, 1);
		explore_set_real(t, (size_t)row, 12, f->of_recorded.has_p ? f->of_recorded.p : NAN, 4);
		explore_set_real(t, (size_t)row, 13, f->of_recorded.has_p ? f->of_recorded.p_holm : NAN, 4);
	}
	return t;
}

static struct cf_table *trio_table(const struct drivers_result *r)
{
	static const char *const cols[] = { "period", "toxic_trio", "assessments", "percent" };
	static const enum cf_cell_type types[] = { CF_CELL_TEXT, CF_CELL_TEXT, CF_CELL_INT, CF_CELL_REAL };
	static const int decimals[] = { 0, 0, 0, 1 };
	struct cf_table *t = explore_table_new("toxic_trio", cols, types, decimals, 4);
	static const int order[8] = { 7, 3, 5, 6, 1, 2, 4, 0 };   /* all three first, none last */
	for (int k = 0; t && k < 8; k++) {
		int m = order[k];
		long row = cf_table_add_row(t);
		if (row < 0 || cf_table_set_text(t, (size_t)row, 0, r->period) ||
		    cf_table_set_text(t, (size_t)row, 1, trio_names[m])) {
			cf_table_free(t);
			return NULL;
		}
		cf_table_set_int(t, (size_t)row, 2, r->trio[m]);
		explore_set_real(t, (size_t)row, 3, r->assessments ? 100.0 * (double)r->trio[m] / (double)r->assessments : NAN, 1);
	}
	return t;
}

int drivers_tables(const struct drivers_result *r, struct cf_table *out[3], struct cf_error *err)
{
	out[0] = source_table(r);
	out[1] = factor_table(r);
	out[2] = trio_table(r);
	if (out[0] && out[1] && out[2])
		return CF_OK;
	for (int i = 0; i < 3; i++)
		cf_table_free(out[i]), out[i] = NULL;
	return cf_error_set(err, CF_EIO, "out of memory");
}


void drivers_words(const struct drivers_result *r, char *buf, size_t size)
{
	static const char *const led_to[DRIVERS_NOUTCOMES] = { "an assessment", "a section 47 enquiry",
							       "a child protection plan", "care" };
	buf[0] = '\0';
	explore_say(buf, size, "%s: %ld referrals, of which %ld have 12 months of data after them and are counted here", r->period,
	    r->referrals, r->referrals - r->left_out);
	explore_say(buf, size, "%s.\n", r->left_out ? " (the rest are too recent to know what they led to)" : "");
	int said = 0;
	for (int o = 0; o < DRIVERS_NOUTCOMES && r->nsources > 0; o++) {
		const struct compare_row *all = &r->sources[0].to[o];
		for (int i = 1; i < r->nsources; i++) {
			const struct compare_row *c = &r->sources[i].to[o];
			if (!c->has_p || c->p_holm >= 0.05)
				continue;
			explore_say(buf, size,
			    "Referrals from %s led to %s within 12 months at %.1f%% (%.1f–%.1f%%) against %.1f%% for all "
			    "sources (%s after Holm's adjustment).\n",
			    r->sources[i].label, led_to[o], c->value, c->lo, c->hi, all->value,
			    c->p_holm < 0.001 ? "p < 0.001" : "p < 0.05");
			said++;
		}
	}
	if (r->nsources > 1 && !said)
		explore_say(buf, size, "No source's referrals lead to any of the four outcomes at a rate different from the other "
			       "sources' at the 5%% level, after Holm's adjustment.\n");
	if (r->assessments) {
		explore_say(buf, size, "%ld assessments started in %s; %ld recorded factors.", r->assessments, r->period,
		    r->with_factors);
		for (int i = 0, named = 0; i < r->nfactors && named < 3; i++) {
			if (strcmp(r->factors[i].code, "21") == 0)
				continue;
			explore_say(buf, size, "%s %s %.1f%%", named ? ";" : " The most frequent:", r->factors[i].label,
			    r->factors[i].share.value);
			named++;
		}
		explore_say(buf, size, ". The toxic trio (domestic abuse, adult mental ill health and substance misuse) all "
			       "together in %.1f%% of assessments, at least one in %.1f%%.\n",
		    100.0 * (double)r->trio[7] / (double)r->assessments,
		    100.0 * (double)(r->assessments - r->trio[0]) / (double)r->assessments);
	}
	if (!r->england_year) {
		if (r->assessments)
			explore_say(buf, size, "No national comparison: DfE's table of factors (Children in need, "
				       "c3_factors_identified_at_end_of_assessment) is not loaded; caseflow ingest reads it "
				       "as published.\n");
		return;
	}
	int differ = 0;
	for (int i = 0; i < r->nfactors; i++) {
		const struct drivers_factor *f = &r->factors[i];
		if (!f->of_recorded.has_p || f->of_recorded.p_holm >= 0.05)
			continue;
		if (!differ)
			explore_say(buf, size, "Against England (DfE's table of factors, year to 31 March %d), of "
				       "assessments with a factor:", r->england_year);
		explore_say(buf, size, "%s %s %.1f%% (%.1f–%.1f%%) against %.1f%%", differ ? ";" : "", f->label,
		    f->of_recorded.value, f->of_recorded.lo, f->of_recorded.hi, f->england);
		differ++;
	}
	if (differ)
		explore_say(buf, size, " (each p < 0.05 after Holm's adjustment).\n");
	else
		explore_say(buf, size, "No factor's share differs from England's (DfE's table, year to 31 March %d) at the "
			       "5%% level after Holm's adjustment.\n", r->england_year);
}
