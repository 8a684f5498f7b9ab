/* The Annex A rows the store holds, put back together list by list as
 * caseflow ingest stored them: the columns kept in the shared tables
 * (contacts, early_help, cin_referrals, assessments, s47_enquiries,
 * cp_plans, cp_reviews) joined with the rest of the row kept in
 * annexa_rows, by return and sheet row. caseflow export --as annex-a
 * writes a workbook from them. */
#ifndef CF_STORE_ANNEXA_RECORDS_H
#define CF_STORE_ANNEXA_RECORDS_H

#include "base/error.h"
#include "formats/annexa.h"
#include "store/store.h"

/* One row of one list. Strings are valid only during the callback. */
struct annexa_record {
	int list;                            /* 1..11 */
	long long return_id;
	long row;                            /* the row it was loaded from */
	const char *vals[ANNEXA_MAXCOLS];    /* by list column (annexa_lists), as stored; NULL when blank */
	int nextra;                          /* values under headers no list has: not put back */
};

/* The Annex A returns to export for collection year `year`: the latest
 * workbook load of that year, else every CSV list of that year (each the
 * latest of its list). *ids is malloc'd (the caller frees it); *n is 0
 * when the store holds no Annex A of the year. */
int annexa_records_returns(struct store *st, int year, long long **ids, int *n, struct cf_error *err);

/* Each row of return_id, list 1 to 11, in row order. List 3 and List 6
 * rows share cin_referrals: a row is List 6's when it has a primary need,
 * a closure date or a reason, List 3's when it has a source or an NFA
 * flag, and otherwise the list whose annexa_rows row it shares.
 * fn's non-zero status stops the walk and is returned. */
int annexa_records_walk(struct store *st, long long return_id,
			int (*fn)(void *ctx, const struct annexa_record *r, struct cf_error *err), void *ctx,
			struct cf_error *err);

#endif
