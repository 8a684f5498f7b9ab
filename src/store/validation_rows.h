/* The stored rows validate loads into its frames: an SSDA903 return's
 * tables for a collection year, and a CIN census return's records, each
 * row with its place in the file so findings point back to it. */
#ifndef CF_STORE_VALIDATION_ROWS_H
#define CF_STORE_VALIDATION_ROWS_H

#include "base/error.h"
#include "formats/ssda903.h"
#include "store/store.h"

/* A row: its row (CSV; the header is row 1) or line (XML) in the file, and
 * its values as text, NULL where none, valid until the callback returns.
 * Dates are the store's yyyy-mm-dd. fn returning non-zero stops the walk
 * and returns that. */
typedef int (*validation_row_fn)(void *ctx, long long row, const char *const *vals, struct cf_error *err);

/* Every row of SSDA903 table t from the returns of collection year `year`,
 * by return then row; vals in ssda903_tables[t].cols order. */
int validation_rows_903(struct store *st, enum ssda903_table t, int year, validation_row_fn fn, void *ctx,
			struct cf_error *err);

/* The CIN census records, one set per frame of DfE's tool. */
enum validation_cin_table {
	VROWS_CIN_HEADER,       /* Collection, Year, ReferenceDate, LEA */
	VROWS_CIN_IDENT,        /* LAchildID, UPNunknown, PersonBirthDate, ExpectedPersonBirthDate, GenderCurrent,
				 * Sex (GenderCurrent again), PersonDeathDate, UPNgiven ("1" when a UPN was given) */
	VROWS_CIN_CHARAC,       /* LAchildID, Ethnicity */
	VROWS_CIN_DISAB,        /* LAchildID, the child's disability codes separated by spaces */
	VROWS_CIN_CIN,          /* LAchildID, CINreferralDate, ReferralSource, PrimaryNeedCode, CINclosureDate,
				 * ReasonForClosure, DateOfInitialCPC, ReferralNFA */
	VROWS_CIN_ASS,          /* LAchildID, AssessmentActualStartDate, AssessmentAuthorisationDate,
				 * AssessmentFactors, then the referral date it belongs to */
	VROWS_CIN_PLAN,         /* LAchildID, CINPlanStartDate, CINPlanEndDate, referral date */
	VROWS_CIN_S47,          /* LAchildID, S47ActualStartDate, InitialCPCtarget, DateOfInitialCPC,
				 * ICPCnotRequired, referral date */
	VROWS_CIN_CPP,          /* LAchildID, CPPstartDate, CPPendDate, InitialCategoryOfAbuse,
				 * LatestCategoryOfAbuse, NumberOfPreviousCPP, referral date */
	VROWS_CIN_REVIEW,       /* LAchildID, CPPreviewDate, the plan's start date */
	VROWS_CIN_N
};

/* How many values each row of table t carries (the columns listed above). */
int validation_rows_cin_ncols(enum validation_cin_table t);

/* Every row of table t of the CIN census return return_id, in load order;
 * row is the line of the record's element in the file. */
int validation_rows_cin(struct store *st, long long return_id, enum validation_cin_table t, validation_row_fn fn,
			void *ctx, struct cf_error *err);

/* CF_EINPUT (with why) when the store is too old to validate CIN censuses
 * from: schema 0008 keeps UPNunknown and the lines findings point to. */
int validation_rows_cin_supported(struct store *st, struct cf_error *err);

#endif
