/* What happens to children looked after besides their episodes: missing
 * and away-without-authorisation incidents (SSDA903 missing table) and care
 * leavers' activity at ages 17-21 (OC3), by child in the child registry. */
#ifndef CF_MODEL_CLA_OUTCOMES_H
#define CF_MODEL_CLA_OUTCOMES_H

#include <stddef.h>

#include "base/date.h"
#include "base/error.h"
#include "model/children.h"
#include "store/record_sources.h"
#include "store/store.h"

struct cla_missing {
	int child;                /* registry index */
	cf_date start;            /* MIS_START */
	char away;                /* 1: away without authorisation (MISSING = A); 0: missing (M) */
	struct record_source src; /* the latest return holding the incident, and its row */
};

struct cla_oc3 {
	int child;                /* registry index */
	int collection_year;      /* year the return ends (2024 = 2023-24) */
	cf_date dob;              /* from the OC3 row, else the registry; NONE when unknown */
	char in_touch[5];         /* YES, NO, DIED, REFU, NREQ, RHOM, "" */
	char activ[3];            /* F1..P5 in EET, G4..G6 not, 0 not known, "" */
	struct record_source src;
};

struct cla_outcomes {
	struct cla_missing *missing;  /* owned, by child then start; one per (child, start, kind) */
	size_t nmissing;
	int *missing_first;           /* child c's incidents: [missing_first[c], missing_first[c + 1]) */
	size_t nchildren;             /* children covered by missing_first */
	struct cla_oc3 *oc3;          /* owned; one row per child and collection year (latest load) */
	size_t noc3;
};

int cla_outcomes_load(struct store *st, struct child_registry *reg, struct cla_outcomes *out, struct cf_error *err);
void cla_outcomes_release(struct cla_outcomes *o);

/* 1 when an OC3 activity code means in education, employment or training. */
int oc3_activity_is_eet(const char *activ);
/* 1 when the LA is not required to be in touch (died, returned home, no longer requires services). */
int oc3_not_required(const char *in_touch);

#endif
