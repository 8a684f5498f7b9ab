/* The front-door funnel for `caseflow summary`: for each collection year
 * (1 April to 31 March) the store covers, how many contacts, referrals
 * (and referrals with no further action), assessments, section 47
 * enquiries, initial child protection conferences, child protection plans
 * and periods of care started. Every measure counts events, not children,
 * from the current version of each record (the *_current views):
 *   contacts       contact_date in the year
 *   referrals      referral_date in the year; referrals_nfa those with NFA = 1
 *   assessments    authorised (completed) in the year, as DfE publishes them
 *   s47            started in the year
 *   icpc           conferences held in the year (after a section 47, or
 *                  recorded on the CIN episode), one per child and date
 *   cpp_started    CP plans starting in the year
 *   cla_started    periods of care starting in the year (model/cla.h)
 * Dates that could not be read at load are not counted. */
#ifndef CF_INDICATORS_FUNNEL_H
#define CF_INDICATORS_FUNNEL_H

#include "base/error.h"
#include "base/table.h"
#include "model/cla.h"
#include "store/store.h"

/* Rows shaped as summary_cla's (date, measure, age_band, placement_group,
 * count) with "all" for the two breakdowns. cla may be NULL (no CLA
 * starts counted). *out is the caller's (cf_table_free). */
int funnel_front_door(struct store *st, const struct cla_data *cla, struct cf_table **out, struct cf_error *err);

#endif
