/* Annex A from the store's records rather than a loaded Annex A: Lists 1-8
 * from the current contacts, early help, referrals, assessments, section 47
 * enquiries, CP plans and looked-after episodes of any source (export.c
 * uses it when the store holds no Annex A of the year). */
#ifndef CF_OUTPUTS_EXPORT_ANNEXA_H
#define CF_OUTPUTS_EXPORT_ANNEXA_H

#include "base/error.h"
#include "formats/annexa_write.h"
#include "store/store.h"

/* Write the rows of collection year `year` (2025 for 2024-25: the six
 * months to 31 March 2025) into w, adding each list's count to rows[]. */
int export_annexa_from_records(struct store *st, int year, struct annexa_writer *w, long rows[ANNEXA_NLISTS],
			       struct cf_error *err);

#endif
