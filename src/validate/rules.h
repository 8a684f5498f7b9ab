/* Private to the validation engine: the rule tables each rules_*.c file
 * declares, and helpers the hand-written checks share. */
#ifndef CF_VALIDATE_RULES_H
#define CF_VALIDATE_RULES_H

#include <stddef.h>

#include "validate/validate.h"
#include "validate/validate_patterns.h"

/* The URN DfE's return uses for a placement with no Ofsted registration:
 * the letter X seven times (a real code, not a placeholder). */
#define URN_NOT_REGISTERED "XXXXXXX"

struct vrule_set {
	enum vreturn ret;
	const struct vrule *rules;
	const size_t *n;
};

/* Every rules_*.c file's table, NULL-terminated (validate.c). */
extern const struct vrule_set vrule_sets[];

#define VRULES_DECLARE(name) \
	extern const struct vrule name[]; \
	extern const size_t name##_n
VRULES_DECLARE(rules_903_fields);
VRULES_DECLARE(rules_903_children);
VRULES_DECLARE(rules_903_more);
VRULES_DECLARE(rules_903_episodes);
VRULES_DECLARE(rules_903_status);
VRULES_DECLARE(rules_cin_fields);
VRULES_DECLARE(rules_cin_groups);
VRULES_DECLARE(rules_cin_activity);

#define VRULES_COUNT(name) const size_t name##_n = sizeof name / sizeof name[0]

/* ---- helpers for hand-written checks ---------------------------------------- */

/* The row of f with the earliest (latest) date in datecol among rows with
 * that child for which keep(f, row) holds (NULL: all), ignoring rows whose
 * date is missing; ties go to the first row, as pandas' idxmin/idxmax.
 * Returns an array over f's rows: out[r] = 1 where r is that row. NULL on OOM. */
unsigned char *vh_first_per_child(struct vframe *f, const char *datecol, int latest,
				  int (*keep)(struct vframe *f, long row));

/* Per child ordering: positions sorted by (CHILD, date) (vframe_order) and
 * the start of each child's group: group g spans order[start[g]..start[g+1]). */
struct vgroups {
	long *order;
	long *start;
	long ngroups;
};
int vgroups_init(struct vgroups *g, struct vframe *f, const char *datecol);
void vgroups_release(struct vgroups *g);

/* The date in col of row r, or CF_DATE_NONE. */
cf_date vh_date(struct vframe *f, const char *col, long r);
/* The value of col at row r (NULL = missing). */
const char *vh_str(struct vframe *f, const char *col, long r);

/* Per row of f: 1 when its child was looked after continuously for 12
 * months at the collection end (from Episodes). NULL on OOM or no Episodes. */
unsigned char *vh_cla(struct vrun *run, struct vframe *f);
/* Row pattern plus that: expr holds and the child is continuously looked
 * after (rule->arg NULL) or is not (rule->arg non-NULL). Needs Episodes. */
int vp_rows_cla(struct vrun *run);

/* The rows of table t in the CIN episode of row r of f (same CHILD and
 * CINdetailsID): call with q = -1, then the previous result; -1 at the end. */
long cin_episode_next(struct vframe *f, long r, struct vframe *t, long q);

/* Flag every row of f where hit[r]. Returns VCHECK_RAN or VCHECK_OOM. */
int vh_flag_rows(struct vrun *run, struct vframe *f, const unsigned char *hit);

#endif
