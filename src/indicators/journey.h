/* `caseflow journey`: one child's events in date order across every source
 * in the store — contacts, early help, referrals, assessments, section 47s,
 * conferences, CP and CIN plans, episodes of care, placement changes,
 * reviews, missing episodes, home areas — each with the file (and row or
 * line) it came from. Where several returns hold the same record (a CIN
 * episode open across two census years) the current version is shown.
 * Never shows UPNs, names (lead practitioners, workers) or full postcodes. */
#ifndef CF_INDICATORS_JOURNEY_H
#define CF_INDICATORS_JOURNEY_H

#include "base/error.h"
#include "base/table.h"
#include "store/store.h"

/* Build the table (date, event, detail, source, file, row) for child. A
 * child the store has never seen is CF_EINPUT. *out is the caller's
 * (cf_table_free). */
int journey_child(struct store *st, const char *child, struct cf_table **out, struct cf_error *err);

#endif
