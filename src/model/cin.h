/* Children in need as in-memory timelines: each child's contacts,
 * referrals (CIN episodes), assessments, section 47 enquiries and child
 * protection plans, from the store's *_current views, ordered by child and
 * date. Children are indexes into a child_registry. */
#ifndef CF_MODEL_CIN_H
#define CF_MODEL_CIN_H

#include <stddef.h>

#include "base/date.h"
#include "base/error.h"
#include "model/children.h"
#include "store/record_sources.h"
#include "store/store.h"

struct cin_contact {
	int child;
	struct record_source src;   /* the return and row it was read from */
	cf_date date;
};

struct cin_referral {
	int child;
	struct record_source src;   /* the return and row it was read from */
	cf_date date;             /* referral date: the CIN episode starts */
	cf_date closed;           /* closure date, CF_DATE_NONE while open */
	cf_date icpc;             /* an ICPC recorded on the episode itself (no s47 before it), or NONE */
	unsigned char nfa;        /* 1 when the referral led to no further action */
	char need[3];             /* primary need code "N1".."N9", "" unknown */
};

struct cin_assessment {
	int child;
	struct record_source src;   /* the return and row it was read from */
	cf_date start;
	cf_date authorised;       /* CF_DATE_NONE while not authorised */
};

struct cin_s47 {
	int child;
	struct record_source src;   /* the return and row it was read from */
	cf_date start;            /* strategy discussion */
	cf_date icpc;             /* initial child protection conference, or NONE */
};

struct cin_cpp {
	int child;
	struct record_source src;   /* the return and row it was read from */
	cf_date start;
	cf_date end;              /* CF_DATE_NONE while open */
	int previous_plans;       /* as recorded; -1 when not given */
};

/* A kind of record: an array sorted by (child, date) and, for each child,
 * where its records start: child c's are [first[c], first[c + 1]). */
#define CIN_SERIES(type, name) \
	struct type *name; size_t n_##name; int *name##_first

struct cin_data {
	CIN_SERIES(cin_contact, contacts);
	CIN_SERIES(cin_referral, referrals);
	CIN_SERIES(cin_assessment, assessments);
	CIN_SERIES(cin_s47, s47);
	CIN_SERIES(cin_cpp, cpp);
	size_t nchildren;         /* registry size the index arrays cover */
};

/* Load from the *_current views; children not yet in reg are added. Rows
 * whose key date cannot be read are skipped (ingest recorded them as
 * issues). Owns its arrays; reg must outlive it. */
int cin_load(struct store *st, struct child_registry *reg, struct cin_data *out, struct cf_error *err);
void cin_release(struct cin_data *d);

/* The primary need of child c's latest referral on or before `on`, or "". */
const char *cin_need_on(const struct cin_data *d, int child, cf_date on);

#endif
