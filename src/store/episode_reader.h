/* SSDA903 episodes of care read in bulk: the current version of each
 * episode (CHILD, DECOM), grouped by child, with each child's date of birth,
 * sex and ethnicity. The rule for "current" is the `episodes` view's
 * (migrations 0001 and 0007): the latest collection year, then the later
 * load, and by default not an episode a later return withdrew. It is applied
 * here in C, over the returns' episode packs (one sorted blob per return that
 * each SSDA903 load writes, migration 0012) or, for a return loaded before
 * them, over the table, because the view's window function costs several
 * times as much on a large store; tests/unit/test_episode_reader.c holds the
 * two to the same rows. */
#ifndef CF_STORE_EPISODE_READER_H
#define CF_STORE_EPISODE_READER_H

#include <stddef.h>

#include "base/arena.h"
#include "base/date.h"
#include "base/error.h"
#include "store/store.h"

struct episode_row {
	cf_date start;            /* DECOM, always readable */
	cf_date end;              /* DEC, CF_DATE_NONE while open or unreadable */
	int child;                /* index into episode_set.children */
	int collection_year;      /* of the version kept; 0 when unknown */
	int return_id;            /* the return of the version kept (its row: record_sources_episode_row) */
	char rne[2], ls[3], cin[3], place[3], provider[4], rec[4];  /* "" when not given */
	const char *home_post;    /* postcode sectors; owned by the set, NULL when not given */
	const char *pl_post;
};

struct episode_child {
	const char *id;           /* owned by the set */
	cf_date dob;              /* from the children table; CF_DATE_NONE when unknown */
	char sex;                 /* the first character of its sex code, 0 when unknown */
	const char *ethnicity;    /* owned by the set; NULL when unknown */
	size_t first, n;          /* its episodes: rows[first] .. rows[first + n - 1] */
};

struct episode_set {
	struct episode_child *children;  /* owned; by child ID in byte order */
	size_t nchildren;
	struct episode_row *rows;        /* owned; by child, then start date */
	size_t n;
	int years[64];                   /* collection years with episodes loaded, ascending */
	int nyears;
	struct arena arena;              /* the strings */
};

/* Which versions to keep. A later return that should hold an episode (it
 * was open when that return's year began) and does not withdraws it; DfE's
 * figures drop it, the reference forecasting model keeps it. */
enum episode_versions { EPISODES_CURRENT = 0, EPISODES_KEEP_WITHDRAWN };

/* Fill *out (released with episode_set_release, also after a failure).
 * Rows with no child or no readable DECOM are left out. */
int episode_set_read(struct store *st, enum episode_versions versions, struct episode_set *out,
		     struct cf_error *err);
void episode_set_release(struct episode_set *s);

/* 1 when an episode of `version_year` ending on `end` (CF_DATE_NONE: open)
 * is withdrawn by a later year in years[0..nyears). */
int episode_withdrawn(const int *years, int nyears, int version_year, cf_date end);

#endif
