/* Counts of front-door events (contacts to child protection plans) between
 * two dates, from the current version of each record. */
#ifndef CF_STORE_FRONT_DOOR_H
#define CF_STORE_FRONT_DOOR_H

#include "base/date.h"
#include "base/error.h"
#include "store/store.h"

enum front_door_measure {
	FRONT_DOOR_CONTACTS,        /* contacts (local extracts, Annex A) */
	FRONT_DOOR_REFERRALS,       /* referrals, by referral date */
	FRONT_DOOR_REFERRALS_NFA,   /* of them, no further action */
	FRONT_DOOR_ASSESSMENTS,     /* assessments, by authorisation date */
	FRONT_DOOR_S47,             /* section 47 enquiries started */
	FRONT_DOOR_ICPC,            /* initial conferences: one per child and date, from s47s and referrals */
	FRONT_DOOR_CPP_STARTED,     /* child protection plans started */
	FRONT_DOOR_N
};

/* For each of the n spans [from[i], to[i]] (both days in), the events of
 * each measure dated in it: counts[i][m]. A date kept raw at load (not a
 * valid date) counts in no span. */
int front_door_counts(struct store *st, const cf_date *from, const cf_date *to, int n, long long (*counts)[FRONT_DOOR_N],
		      struct cf_error *err);

#endif
