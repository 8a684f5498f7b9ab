/* How an evaluation is shown: the effect on each outcome, the groups it
 * rests on, the matching balance, and the finding in plain words. */
#include "explore/explore.h"
#include "explore/show_int.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* shares as percentages, days as days */
static double shown(int o, double v)
{
	return o == EVAL_DAYS_IN_CARE ? v : 100 * v;
}

static const char *method(const struct eval_result *r)
{
	return r->opt.comparison == EVAL_MATCHED ? "difference from matched children"
	     : r->opt.comparison == EVAL_LOCALITY ? "difference in differences against the locality"
						  : "difference from the cohort's year before";
}



int eval_tables(const struct eval_result *r, struct cf_table *out[3], struct cf_error *err)
{
	static const char *const ecols[] = { "outcome", "unit", "cohort", "comparison", "cohort_before",
					     "comparison_before", "effect", "lower_95", "upper_95", "method" };
	static const enum cf_cell_type etypes[] = { CF_CELL_TEXT, CF_CELL_TEXT, CF_CELL_REAL, CF_CELL_REAL, CF_CELL_REAL,
						    CF_CELL_REAL, CF_CELL_REAL, CF_CELL_REAL, CF_CELL_REAL, CF_CELL_TEXT };
	static const char *const gcols[] = { "group", "outcome", "children", "with_outcome", "value" };
	static const enum cf_cell_type gtypes[] = { CF_CELL_TEXT, CF_CELL_TEXT, CF_CELL_INT, CF_CELL_INT, CF_CELL_REAL };
	static const char *const bcols[] = { "characteristic", "cohort_percent", "comparison_percent" };
	static const enum cf_cell_type btypes[] = { CF_CELL_TEXT, CF_CELL_REAL, CF_CELL_REAL };
	out[0] = explore_table_new("effects", ecols, etypes, NULL, 10);
	out[1] = explore_table_new("groups", gcols, gtypes, NULL, 5);
	out[2] = explore_table_new("balance", bcols, btypes, NULL, 3);
	int bad = !out[0] || !out[1] || !out[2];
	for (int o = 0; !bad && o < EVAL_NOUTCOMES; o++) {
		if (!(r->opt.outcomes & (1u << o)))
			continue;
		long row = cf_table_add_row(out[0]);
		bad = row < 0 || cf_table_set_text(out[0], (size_t)row, 0, eval_outcome_names[o]) ||
		      cf_table_set_text(out[0], (size_t)row, 1, o == EVAL_DAYS_IN_CARE ? "days a child" : "percent of children") ||
		      cf_table_set_text(out[0], (size_t)row, 9, method(r));
		if (bad)
			break;
		size_t w = (size_t)row;
		explore_set_real(out[0], w, 2, shown(o, r->cohort.mean[o]), 1);
		explore_set_real(out[0], w, 3, shown(o, r->comparison.mean[o]), 1);
		explore_set_real(out[0], w, 4, r->has_before ? shown(o, r->cohort_before.mean[o]) : NAN, 1);
		explore_set_real(out[0], w, 5, r->has_before ? shown(o, r->comparison_before.mean[o]) : NAN, 1);
		explore_set_real(out[0], w, 6, shown(o, r->effect[o]), 1);
		explore_set_real(out[0], w, 7, shown(o, r->lo[o]), 1);
		explore_set_real(out[0], w, 8, shown(o, r->hi[o]), 1);
	}
	const struct {
		const char *name;
		const struct eval_group *g;
	} groups[] = { { "cohort", &r->cohort },
		       { "comparison", &r->comparison },
		       { "cohort_before", &r->cohort_before },
		       { "comparison_before", &r->comparison_before } };
	for (int k = 0; !bad && k < (r->has_before ? 4 : 2); k++)
		for (int o = 0; !bad && o < EVAL_NOUTCOMES; o++) {
			if (!(r->opt.outcomes & (1u << o)))
				continue;
			long row = cf_table_add_row(out[1]);
			bad = row < 0 || cf_table_set_text(out[1], (size_t)row, 0, groups[k].name) ||
			      cf_table_set_text(out[1], (size_t)row, 1, eval_outcome_names[o]);
			if (bad)
				break;
			cf_table_set_int(out[1], (size_t)row, 2, groups[k].g->children);
			cf_table_set_int(out[1], (size_t)row, 3, groups[k].g->events[o]);
			explore_set_real(out[1], (size_t)row, 4, shown(o, groups[k].g->mean[o]), 1);
		}
	for (int i = 0; !bad && i < r->nbalance; i++) {
		long row = cf_table_add_row(out[2]);
		bad = row < 0 || cf_table_set_text(out[2], (size_t)row, 0, r->balance[i].what);
		if (bad)
			break;
		explore_set_real(out[2], (size_t)row, 1, r->balance[i].cohort, 1);
		explore_set_real(out[2], (size_t)row, 2, r->balance[i].comparison, 1);
	}
	if (!bad)
		return CF_OK;
	for (int i = 0; i < 3; i++)
		cf_table_free(out[i]), out[i] = NULL;
	return cf_error_set(err, CF_EIO, "out of memory");
}


void eval_words(const struct eval_result *r, char *buf, size_t size)
{
	buf[0] = '\0';
	explore_say(buf, size, "%ld children in the cohort against %ld in the comparison (%s)", r->cohort.children,
	    r->comparison.children, method(r));
	if (r->opt.comparison == EVAL_MATCHED && r->unmatched)
		explore_say(buf, size, "; %ld cohort children had no comparison child like them and are left out", r->unmatched);
	if (r->followed_short)
		explore_say(buf, size, "; %ld children referred too recently to follow for %d months are left out", r->followed_short,
		    r->opt.window_months);
	explore_say(buf, size, ".\n");
	for (int o = 0; o < EVAL_NOUTCOMES; o++) {
		if (!(r->opt.outcomes & (1u << o)))
			continue;
		const char *unit = o == EVAL_DAYS_IN_CARE ? " days a child" : " points";
		int clear = r->lo[o] > 0 || r->hi[o] < 0;
		explore_say(buf, size, "%s within %d months: %+.1f%s (%.1f to %.1f), %s.\n", eval_outcome_names[o],
		    r->opt.window_months, shown(o, r->effect[o]), unit, shown(o, r->lo[o]), shown(o, r->hi[o]),
		    clear ? (r->effect[o] < 0 ? "lower, beyond what chance would give" : "higher, beyond what chance would give")
			  : "no difference that chance alone could not give");
	}
	if (r->caution[0])
		explore_say(buf, size, "%s\n", r->caution);
}
