/* A programme loaded back from the store (store/programme.h keeps it) into
 * the same struct programme formats/programme.c reads, with the current
 * establishment from the workforce census when one is loaded. Listing the
 * stored programmes (programme_list) is store/programme.h's. */
#ifndef CF_MODEL_PROGRAMME_H
#define CF_MODEL_PROGRAMME_H

#include "formats/programme.h"
#include "store/programme.h"
#include "store/store.h"

/* Load the programme called `name`, or the only one when name is NULL
 * (programme_load_stored), and its census (programme_load_census). `p` must
 * be initialised (programme_init); release it after. CF_EINPUT when there is
 * no such programme, none at all, or several and no name. */
int programme_load(struct store *st, const char *name, struct programme *p, struct cf_error *err);

/* Fill p->workforce.census* from the latest workforce census in the store:
 * FTE in post on the census date, social workers (OrgRole 4 senior
 * practitioner, 5 case holder) and managers (3 first line manager), by
 * agency or not. has_census stays 0 when no census is loaded. */
int programme_load_census(struct store *st, struct programme *p, struct cf_error *err);

#endif
