/* `caseflow summary`: for each 31 March covered by a loaded return, children
 * looked after, started and ceased in the year, by age band and placement
 * group. A child counts once per measure and year. */
#ifndef CF_INDICATORS_SUMMARY_H
#define CF_INDICATORS_SUMMARY_H

#include "base/error.h"
#include "base/table.h"
#include "model/cla.h"

/* Build the summary table (columns date, measure, age_band, placement_group,
 * count; "all" marks totals). Each year's measure cla_short_breaks (all, all)
 * counts the children in cla open that day only under short breaks (LS V3,
 * V4), whom DfE's figures and kpi's cla_31mar do not count as looked after:
 * cla − cla_short_breaks = cla_31mar. *out is owned by the caller (cf_table_free). */
int summary_cla(const struct cla_data *d, struct cf_table **out, struct cf_error *err);
/* An empty table named NAME in the summary's layout, which the front-door
 * funnel's rows share so that the two read together. NULL on OOM. */
struct cf_table *summary_table_new(const char *name);

#endif
