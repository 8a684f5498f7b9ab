/* A programme loaded back from the store (saved by store/programme.h) into
 * the same struct programme formats/programme.c reads, with the current
 * establishment from the workforce census when one is loaded. */
#ifndef CF_MODEL_PROGRAMME_H
#define CF_MODEL_PROGRAMME_H

#include "formats/programme.h"
#include "store/store.h"

/* Load the programme called `name`, or the only one when name is NULL.
 * `p` must be initialised (programme_init); release it after. CF_EINPUT
 * when there is no such programme, none at all, or several and no name. */
int programme_load(struct store *st, const char *name, struct programme *p, struct cf_error *err);

/* A stored programme, as listed by programme_list(). */
struct programme_entry {
	char *name;                     /* owned by the list */
	char loaded_at[20];             /* "yyyy-mm-ddThh:mm:ss" (UTC) */
};

/* The stored programmes, the most recently loaded first. *out is malloc'd
 * (none: NULL and *n = 0); free it with programme_list_free(). */
int programme_list(struct store *st, struct programme_entry **out, int *n, struct cf_error *err);
void programme_list_free(struct programme_entry *list, int n);

/* Fill p->workforce.census* from the latest workforce census in the store:
 * FTE in post on the census date, social workers (OrgRole 4 senior
 * practitioner, 5 case holder) and managers (3 first line manager), by
 * agency or not. has_census stays 0 when no census is loaded. */
int programme_load_census(struct store *st, struct programme *p, struct cf_error *err);

#endif
