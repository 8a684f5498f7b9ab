/* The families and practice extracts as stored (the *_current views: the
 * latest extract of each loaded). Strings are valid only during the
 * callback (NULL when not given); a callback's non-zero status stops the
 * walk and is returned. Dates are CF_DATE_NONE when not given. Each record
 * names its file and row (as analysts count rows: the header is row 1) and,
 * but for partner records, its return (the returns register's id). */
#ifndef CF_STORE_FAMILIES_RECORDS_H
#define CF_STORE_FAMILIES_RECORDS_H

#include "base/date.h"
#include "base/error.h"
#include "store/store.h"

/* A person's membership of a family over time (to inclusive). */
struct family_member_record {
	const char *family_id, *person_id, *child, *role;
	cf_date from, to;
	const char *file;
	long row;
	int return_id;
};
int family_members_each(struct store *st, int (*fn)(void *ctx, const struct family_member_record *r), void *ctx,
			struct cf_error *err);

/* A worker allocated to a child or a family (to inclusive). */
struct allocation_record {
	const char *worker_id, *team, *child, *family_id, *service;
	cf_date from, to;
	const char *file;
	long row;
	int return_id;
};
int allocations_each(struct store *st, int (*fn)(void *ctx, const struct allocation_record *r), void *ctx,
		     struct cf_error *err);

/* A family plan (end inclusive). */
struct family_plan_record {
	const char *family_id, *lead_practitioner, *outcome;
	cf_date assessed, start, end;
	const char *file;
	long row;
	int return_id;
};
int family_plans_each(struct store *st, int (*fn)(void *ctx, const struct family_plan_record *r), void *ctx,
		      struct cf_error *err);

/* A partner's record about a family, a person or a child. */
struct partner_record {
	const char *family_id, *person_id, *child, *source, *measure, *value_text;
	cf_date date;
	int has_value;            /* value is a number (yes/no as 1/0) */
	double value;
	const char *file;
	long row;
};
int partner_records_each(struct store *st, int (*fn)(void *ctx, const struct partner_record *r), void *ctx,
			 struct cf_error *err);

/* A case audit; grade is formats/local_csv.h's local_grades spelling. */
struct audit_record {
	const char *audit_id, *child, *audit_type, *theme, *grade;
	cf_date date, actions_completed_by;
	int actions_raised;       /* -1 when not given */
	const char *file;
	long row;
	int return_id;
};
int audits_each(struct store *st, int (*fn)(void *ctx, const struct audit_record *r), void *ctx,
		struct cf_error *err);

/* A family programme claim the council made (migration 0023). */
struct sf_claim_record {
	const char *family_id, *phase;
	cf_date date;
	int has_amount;
	double amount;
	const char *file;
	long row;
};
int sf_claims_made_each(struct store *st, int (*fn)(void *ctx, const struct sf_claim_record *r), void *ctx,
			struct cf_error *err);

#endif
