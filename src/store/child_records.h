/* Children as the store holds them, for the child registry: each child's
 * characteristics as a source gave them, the localities table's areas, and
 * every dated area known for a child. Strings in a record are valid only
 * during the callback; a callback's non-zero status stops the walk and is
 * returned. */
#ifndef CF_STORE_CHILD_RECORDS_H
#define CF_STORE_CHILD_RECORDS_H

#include "base/date.h"
#include "base/error.h"
#include "store/store.h"

struct child_record {
	const char *child;        /* never NULL */
	const char *sex;          /* as stored; NULL when not given */
	cf_date dob;              /* CF_DATE_NONE when not given or unreadable */
	const char *ethnicity;    /* as stored; NULL when not given */
	const char *disabilities; /* the CIN census's codes, space-separated ("NONE" for none); NULL when
	                           * not given, and always from the children table */
};

enum child_source {
	CHILDREN_LINKED,          /* the children table: one row per child, any source (the 903 header wins) */
	CHILDREN_CIN_CENSUS       /* the CIN census's children, the latest load first */
};

int child_records_each(struct store *st, enum child_source source,
		       int (*fn)(void *ctx, const struct child_record *r), void *ctx, struct cf_error *err);

/* A row of the localities table with an area and a locality name. */
struct locality_record {
	const char *area, *locality;
	long long load;           /* the load that gave it: a later load has a higher number */
};

int locality_records_each(struct store *st, int (*fn)(void *ctx, const struct locality_record *r), void *ctx,
			  struct cf_error *err);

/* An area known for a child since a date: each child_areas row (since
 * "0000-00-00" when undated), then the home postcode sector of every stored
 * version of every episode (since its DECOM). */
struct child_area_record {
	const char *child, *area;
	const char *since;        /* "yyyy-mm-dd" as stored */
	long long load;
};

int child_area_records_each(struct store *st, int (*fn)(void *ctx, const struct child_area_record *r), void *ctx,
			    struct cf_error *err);

#endif
