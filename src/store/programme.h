/* Keeping programmes in the store: save one read by formats/programme.c
 * (replacing any programme of the same name) in one transaction, load one
 * back (store/programme_read.c) and list what is there. */
#ifndef CF_STORE_PROGRAMME_H
#define CF_STORE_PROGRAMME_H

#include "formats/programme.h"
#include "store/store.h"

struct programme_save_options {
	const char *loaded_by;     /* NULL = $USER */
	long fail_after_rows;      /* fault injection for tests: fail once this many rows are written; 0 = off */
};

struct programme_save_report {
	long long programme_id;
	int replaced;              /* a programme of the same name was there and is replaced */
	long rows;                 /* rows written, all tables */
};

/* Save p, read from `source` (the path given to programme_read). Runs in its
 * own transaction: on any failure nothing changes. Lines that name a
 * forecast must have been computed (programme/programme_model.h) first:
 * their figures are stored like any other, each with the row that named the
 * forecast, and the forecasts' scenario and cost files are recorded too. Each file becomes a
 * return of kind "programme.<sheet>@<name>" ("programme.xlsx@<name>"), so
 * two programmes may share an identical file. */
int programme_save(struct store *st, const struct programme *p, const char *source,
		   const struct programme_save_options *opt, struct programme_save_report *rep,
		   struct cf_error *err);

/* Load the programme called `name`, or the only one when name is NULL, as
 * it was saved (model/programme.h's programme_load adds the workforce
 * census). `p` must be initialised (programme_init); release it after.
 * CF_EINPUT when there is no such programme, none at all, or several and no
 * name. */
int programme_load_stored(struct store *st, const char *name, struct programme *p, struct cf_error *err);

/* A stored programme, as listed by programme_list(). */
struct programme_entry {
	char *name;                     /* owned by the list */
	char loaded_at[20];             /* "yyyy-mm-ddThh:mm:ss" (UTC) */
};

/* The stored programmes, the most recently loaded first. *out is malloc'd
 * (none: NULL and *n = 0); free it with programme_list_free(). */
int programme_list(struct store *st, struct programme_entry **out, int *n, struct cf_error *err);
void programme_list_free(struct programme_entry *list, int n);

#endif
