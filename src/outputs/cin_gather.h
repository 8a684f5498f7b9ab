/* The store's current children-in-need records held in memory by child:
 * each child's characteristics, contacts, referrals (CIN episodes) with
 * their codes, early help episodes, assessments with their factors, section
 * 47 enquiries and CP plans with their categories and latest review. Annex A built from records
 * (export_annexa.c) and DfE's API payloads (api_payload.c) both read them. */
#ifndef CF_OUTPUTS_CIN_GATHER_H
#define CF_OUTPUTS_CIN_GATHER_H

#include <stddef.h>

#include "base/arena.h"
#include "base/date.h"
#include "base/error.h"
#include "store/child_records.h"
#include "store/record_sources.h"
#include "store/store.h"

/* One record. Strings live in the gathered set's arena. */
struct cin_item {
	const char *child;
	struct record_source src;   /* the version kept */
	cf_date a;                  /* contact, referral or start date */
	cf_date b;                  /* closure, authorisation, ICPC or end; CF_DATE_NONE when none */
	cf_date c;                  /* CP plan: its latest review; else CF_DATE_NONE */
	int n;                      /* referral: NFA (1 yes); CP plan: previous plans (-1 unknown) */
	const char *code1;          /* contact, referral: source; assessment: factors (space-separated);
				     * CP plan: initial category; placement: RNE */
	const char *code2;          /* referral: primary need; CP plan: latest category; placement: type */
	const char *code3;          /* referral: closure reason; placement: reason ended */
};

struct cin_items {
	struct cin_item *v;         /* owned; by child, then date a */
	size_t n, cap;
};

struct cin_gathered {
	struct arena arena;
	struct child_record *kids;  /* owned; by child */
	size_t nkids, capkids;
	struct cin_items contacts, early_help, referrals, assessments, s47s, plans;
	cf_date latest;             /* the latest referral or closure date; CF_DATE_NONE when none */
	int oom;
};

/* Read everything; *g is released with cin_gather_release, also after a failure. */
int cin_gather(struct store *st, struct cin_gathered *g, struct cf_error *err);
void cin_gather_release(struct cin_gathered *g);

/* A new item of l for child (its dates CF_DATE_NONE); NULL when out of memory. */
struct cin_item *cin_items_add(struct cin_gathered *g, struct cin_items *l, const char *child);
/* Sort l by child, then date. */
void cin_items_sort(struct cin_items *l);
/* Child's items in l (sorted): the first, and how many in *n. */
const struct cin_item *cin_items_of(const struct cin_items *l, const char *child, size_t *n);
/* The child's characteristics, or NULL. */
const struct child_record *cin_gather_child(const struct cin_gathered *g, const char *child);
/* s copied into the arena (NULL stays NULL; oom noted). */
const char *cin_gather_keep(struct cin_gathered *g, const char *s);

#endif
