/* Every child the store knows, from any source, with what grouping needs:
 * date of birth, sex, ethnicity and locality. Timelines (cla, cin) refer to
 * children by their index here, so one child is one row whichever return
 * named them. */
#ifndef CF_MODEL_CHILDREN_H
#define CF_MODEL_CHILDREN_H

#include <stddef.h>

#include "base/arena.h"
#include "base/date.h"
#include "base/error.h"
#include "store/store.h"

enum child_sex { SEX_UNKNOWN = 0, SEX_MALE, SEX_FEMALE };

struct child_info {
	const char *id;           /* arena */
	cf_date dob;              /* CF_DATE_NONE when unknown */
	unsigned char sex;        /* enum child_sex */
	short ethnicity;          /* index into child_registry.ethnicities, -1 unknown */
	short locality;           /* index into child_registry.localities, -1 unknown */
	signed char disabled;     /* the latest CIN census or Annex A record: 1 a disability recorded, 0 "NONE",
	                           * -1 not recorded */
	signed char imd_decile;   /* the IMD decile (1 most deprived .. 10) of the area that decides the
	                           * locality, through the deprivation lookup; 0 unknown */
};

/* A hash table slot: the hash's high bits are compared before the ID, so a
 * probe seldom touches the child's row. */
struct child_slot {
	int index;
	unsigned tag;
	const char *id;
};

struct child_registry {
	struct child_info *children;  /* owned */
	size_t n, cap;
	struct child_slot *slots;     /* owned hash table (index -1: empty) */
	size_t nslots;
	const char **localities;      /* owned array of arena strings, sorted */
	int nlocalities;
	const char **ethnicities;     /* owned array of arena strings, in order first seen */
	int nethnicities, cap_eth;
	struct arena arena;
};

/* Load children (SSDA903 header, CIN census children) and each child's
 * locality (the child_locality view) and that area's deprivation decile.
 * The 903 header wins over the census for date of birth, sex and ethnicity;
 * disability comes from the census (and Annex A) alone. */
int children_load(struct store *st, struct child_registry *reg, struct cf_error *err);
void children_release(struct child_registry *reg);

/* Index of child `id`, or -1. */
int children_find(const struct child_registry *reg, const char *id);
/* Index of child `id`, adding it with nothing known when new; -1 on OOM. */
int children_intern(struct child_registry *reg, const char *id);

/* "1", "M", "male" -> SEX_MALE; "2", "F", "female" -> SEX_FEMALE; else unknown. */
enum child_sex child_sex_parse(const char *s);
extern const char *const child_sex_names[3];   /* "unknown", "male", "female" */

#endif
