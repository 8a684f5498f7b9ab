/* The families room's own: the extracts as read once (families.c) for the
 * households (families.c) and the family programmes (supporting.c). */
#ifndef CF_FAMILIES_FAMILIES_INT_H
#define CF_FAMILIES_FAMILIES_INT_H

#include <stddef.h>

#include "base/arena.h"
#include "families/families.h"
#include "store/record_sources.h"

struct member { const char *family, *person, *child; int is_child; cf_date from, to; struct record_source src; };
struct alloc { const char *worker, *child, *family, *service, *team; cf_date from, to; };
struct plan { const char *family, *lead; cf_date start, end, assessed; struct record_source src; };
struct audit { const char *theme, *child; int grade; cf_date date, done; int actions; struct record_source src; };
struct claim { const char *family, *phase; cf_date date; };
struct partner { const char *family, *person, *child, *measure, *value_text; cf_date date; int has_value; double value; };

/* An index: the positions of records sorted by a key (records without the
 * key left out), for the records of one family, child or person at once. */
struct keyed { const char *key; size_t at; };
struct index { struct keyed *k; size_t n; };
/* The first entry with key and how many there are (0 when none). */
size_t index_range(const struct index *ix, const char *key, size_t *first);

/* Everything read, copied into one arena, and its indexes (extracts_read
 * builds them). */
struct extracts {
	struct arena a;
	struct member *m; size_t nm, capm;
	struct alloc *al; size_t nal, capal;
	struct plan *p; size_t np, capp;
	struct audit *au; size_t nau, capau;
	struct partner *pr; size_t npr, cappr;
	struct claim *cl; size_t ncl, capcl;     /* claims made (sf_claims extract), in file order */
	int oom;
	cf_date latest;
	struct index m_family, m_child, m_person, al_family, al_child, p_family, pr_family;
};


/* A small set of distinct strings (services, workers of one family). */
struct names { const char *v[64]; int n; };

/* One family on day d (family_on). */
struct family_day {
	int current, members, children, children_moved, plans, leads_named, services, workers, worker_changes;
	int one_worker_one_plan;                 /* exactly one plan, its lead named, one worker */
	const struct plan *open_plan;            /* the plan open that day (the last when several) */
	const struct member *first_member;       /* a membership open that day, a child's where there is one;
						  * NULL when none */
	struct names service_names;
};
/* Family f on day d; children who moved are counted over [from, d]. */
void family_on(const struct extracts *x, const char *f, cf_date from, cf_date d, struct family_day *fd);
/* The family ids the extracts name, sorted and distinct; malloc'd (free), NULL on OOM. */
const char **family_ids(const struct extracts *x, size_t *n);

/* Child protection plans and their review conferences, read once (cp_reviews.c). */
struct cp_plans {
	struct arena a;
	struct cp_plan { const char *child; cf_date start, end; struct record_source src; } *p;
	size_t np, capp;
	struct cp_review { const char *child; cf_date plan_start, review; } *r;
	size_t nr, capr;
};
int cp_plans_read(struct store *st, struct cp_plans *x, struct cf_error *err);
void cp_plans_release(struct cp_plans *x);
/* Each review that fell due in [from, to] (Working Together: the first within
 * three months of the plan's start, then within six months of the last),
 * with on_time 1 when held on or before the day due; fn's non-zero stops. */
int cp_reviews_due_each(const struct cp_plans *x, cf_date from, cf_date to,
			int (*fn)(void *ctx, const struct cp_plan *p, cf_date due, int on_time), void *ctx);

/* Annex A's visits (visits.c): each list row, read once. */
struct visit { const char *child, *team; int list; cf_date start, end, visit, as_at; struct record_source src; };
struct visits {
	struct arena a;
	struct visit *v;          /* by return, child, list (highest first), row */
	size_t n, cap;
};
int visits_read(struct store *st, struct visits *x, struct cf_error *err);
void visits_release(struct visits *x);
/* Each child open on an Annex A extract describing a day in [from, to]:
 * once per extract, under its most protective list (8 looked after, then
 * 7 child protection, then 6 in need), on_time 1 when last visited (or,
 * with no visit yet, started) within that list's timescale of the day.
 * fn's non-zero stops the walk. */
int visits_due_each(const struct visits *x, cf_date from, cf_date to,
		    int (*fn)(void *ctx, const struct visit *v, int on_time), void *ctx);
/* The timescale of list 6, 7 or 8 in words ("10 working days"). */
const char *visits_timescale(int list);

/* Everything the room reads, once (units.c). */
struct families_data {
	struct extracts x;
	struct cp_plans cp;
	struct visits visits;
};

/* The quality of practice by month and by team and locality (trends.c):
 * out->quality_trend; CF_OK or the store's error. */
int families_trends(struct store *st, const struct families_data *d, const struct families_options *o,
		    struct families_result *out, struct cf_error *err);

/* Read every extract into *x (extracts_release it, whatever the status). */
int extracts_read(struct store *st, struct extracts *x, struct cf_error *err);
void extracts_release(struct extracts *x);
/* 1 when a and b are both given and equal. */
int families_same(const char *a, const char *b);
/* The Supporting Families tables into out (supporting.c); -1 on OOM. */
/* cp_reviews_by_month into out and its totals into out->sum (cp_reviews.c). */
int families_cp_reviews(const struct cp_plans *x, const struct families_options *o, struct families_result *out,
			struct cf_error *err);
int supporting_tables(const struct extracts *x, const struct families_options *o, struct families_result *out);

#endif
