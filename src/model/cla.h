/* Children looked after as in-memory timelines: each child's current
 * episodes (the `episodes` view's rule, read by store/episode_reader.h) in
 * date order, with the periods of care they form. Analyses (summary,
 * indicators, forecasts) read this, not SQL, so one definition of "looked
 * after on a day" serves them all. */
#ifndef CF_MODEL_CLA_H
#define CF_MODEL_CLA_H

#include <stddef.h>

#include "base/arena.h"
#include "base/date.h"
#include "base/error.h"
#include "store/store.h"

struct cla_episode {
	cf_date start;            /* DECOM */
	cf_date end;              /* DEC, or CF_DATE_NONE while open */
	int child;                /* index into cla_data.children */
	unsigned char period_start;  /* 1 when this episode begins a period of care */
	unsigned char period_end;    /* 1 when it ends one (REC other than X1) */
	char rne[2], ls[3], cin[3], place[3], provider[4], rec[4];
	int return_id;            /* the return it was read from (its row: record_sources_episode_row) */
	const char *home_sector;  /* arena; NULL when unknown */
	const char *pl_sector;
};

struct cla_child {
	const char *id;           /* arena */
	cf_date dob;              /* CF_DATE_NONE when unknown */
	char sex;                 /* '1', '2' or 0 */
	const char *ethnicity;    /* arena or NULL */
	int first;                /* index of first episode */
	int n;                    /* number of episodes */
};

struct cla_data {
	struct cla_child *children;   /* owned */
	size_t nchildren;
	struct cla_episode *eps;      /* owned, grouped by child, by start date */
	size_t neps;
	int years[64];                /* collection years (end year) with episodes loaded */
	int nyears;
	struct arena arena;
};

/* What to do with an episode that a later return should hold and does not
 * (it was open when that return's collection year began). DfE's figures for
 * a year come from that year's return, so by default it is dropped; the
 * reference forecasting model keeps it (it concatenates every year's
 * episodes and keeps the latest copy of each), so the forecast does too. */
enum cla_withdrawn { CLA_DROP_WITHDRAWN = 0, CLA_KEEP_WITHDRAWN };

/* Load every child's current episodes. The caller owns *out (cla_release). */
int cla_load(struct store *st, struct cla_data *out, struct cf_error *err);   /* drops withdrawn */
int cla_load_versions(struct store *st, struct cla_data *out, enum cla_withdrawn withdrawn, struct cf_error *err);
void cla_release(struct cla_data *d);

/* The episode of child c open at the end of day `on` (start <= on and end >
 * on or open), or NULL. */
const struct cla_episode *cla_open_on(const struct cla_data *d, const struct cla_child *c, cf_date on);

enum age_band { AGE_UNDER1, AGE_1_4, AGE_5_9, AGE_10_15, AGE_16PLUS, AGE_NBANDS, AGE_UNKNOWN = AGE_NBANDS };
extern const char *const age_band_names[AGE_NBANDS + 1];
enum age_band age_band_of(int age_years);

enum placement_group { PG_FOSTER, PG_RESIDENTIAL, PG_ADOPTION, PG_PARENTS, PG_INDEPENDENT, PG_OTHER, PG_NGROUPS };
extern const char *const placement_group_names[PG_NGROUPS];
enum placement_group placement_group_of(const char *place);

#endif
