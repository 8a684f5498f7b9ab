/* Children-in-need records as the store holds them: the current version of
 * each contact, referral (CIN episode), assessment, section 47 enquiry and
 * child protection plan, by the *_current views' rule. Those views are the
 * one definition of "current" (the latest collection year, then the later
 * load; for a referral given by both List 3 and List 6 of one Annex A
 * workbook, the row with a source: docs/definitions.md), so summary's
 * funnel, journey and the model read the same rows; these walks apply it in
 * C over one scan of each table (the views' window functions cost three
 * times as much), and tests/unit/test_cin_records.c holds them to the views. */
#ifndef CF_STORE_CIN_RECORDS_H
#define CF_STORE_CIN_RECORDS_H

#include "base/date.h"
#include "base/error.h"
#include "store/record_sources.h"
#include "store/store.h"

/* Strings in a record are valid only during the callback. A callback's
 * non-zero status stops the walk and is returned. Rows with no child are
 * left out; dates that cannot be read are CF_DATE_NONE. Each record names the
 * return and row of the version kept (src). */
struct cin_contact_record {
	const char *child;
	struct record_source src;
	cf_date date;
	const char *source;       /* NULL when not given */
};

struct cin_referral_record {
	const char *child;
	struct record_source src;
	cf_date date;             /* referral date */
	cf_date closed;           /* closure date */
	cf_date icpc;             /* an ICPC recorded on the CIN episode */
	int nfa;                  /* referral_nfa as stored: 1 yes, 0 no or not given */
	const char *primary_need; /* as stored, NULL when not given */
};

struct cin_assessment_record {
	const char *child;
	struct record_source src;
	cf_date start, authorised;
};

struct cin_s47_record {
	const char *child;
	struct record_source src;
	cf_date start, icpc;
};

struct cin_cpp_record {
	const char *child;
	struct record_source src;
	cf_date start, end;
	int previous_plans;       /* -1 when not given */
};

int cin_records_contacts(struct store *st, int (*fn)(void *ctx, const struct cin_contact_record *r), void *ctx,
			 struct cf_error *err);
int cin_records_referrals(struct store *st, int (*fn)(void *ctx, const struct cin_referral_record *r), void *ctx,
			  struct cf_error *err);
int cin_records_assessments(struct store *st, int (*fn)(void *ctx, const struct cin_assessment_record *r),
			    void *ctx, struct cf_error *err);
int cin_records_s47(struct store *st, int (*fn)(void *ctx, const struct cin_s47_record *r), void *ctx,
		    struct cf_error *err);
int cin_records_cp_plans(struct store *st, int (*fn)(void *ctx, const struct cin_cpp_record *r), void *ctx,
			 struct cf_error *err);

/* Child protection review conferences: each child's plan (by its start) and
 * review date once, however many returns hold it (CIN census, Annex A), in
 * order of child, plan start and review date. */
struct cin_cp_review_record {
	const char *child;
	cf_date plan_start, review;
};
int cin_records_cp_reviews(struct store *st, int (*fn)(void *ctx, const struct cin_cp_review_record *r), void *ctx,
			   struct cf_error *err);

#endif
