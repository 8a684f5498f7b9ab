/* Keeping programmes in the store: save one read by formats/programme.c
 * (replacing any programme of the same name) in one transaction, and list
 * what is there. model/programme.c loads one back. */
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

#endif
