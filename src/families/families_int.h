/* The families room's own: the extracts as read once (families.c) for the
 * households (families.c) and the family programmes (supporting.c). */
#ifndef CF_FAMILIES_FAMILIES_INT_H
#define CF_FAMILIES_FAMILIES_INT_H

#include <stddef.h>

#include "base/arena.h"
#include "families/families.h"

struct member { const char *family, *person, *child; int is_child; cf_date from, to; };
struct alloc { const char *worker, *child, *family, *service; cf_date from, to; };
struct plan { const char *family, *lead; cf_date start, end, assessed; };
struct audit { const char *theme; int grade; cf_date date, done; int actions; };
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
	int oom;
	cf_date latest;
	struct index m_family, m_child, m_person, al_family, al_child, p_family, pr_family;
};


/* Read every extract into *x (extracts_release it, whatever the status). */
int extracts_read(struct store *st, struct extracts *x, struct cf_error *err);
void extracts_release(struct extracts *x);
/* 1 when a and b are both given and equal. */
int families_same(const char *a, const char *b);
/* The Supporting Families tables into out (supporting.c); -1 on OOM. */
/* cp_reviews_by_month into out and its totals into out->sum (cp_reviews.c). */
int families_cp_reviews(struct store *st, const struct families_options *o, struct families_result *out,
			struct cf_error *err);
int supporting_tables(const struct extracts *x, const struct families_options *o, struct families_result *out);

#endif
