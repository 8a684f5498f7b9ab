/* DfE's and ONS's published tables that ship with caseflow (data/dfe/,
 * embedded in the binary at build time by tools/embed-data.sh), and
 * loading them into a store that has none, so that benchmarks work on a
 * fresh store with no extra step. */
#ifndef CF_STORE_BUNDLED_H
#define CF_STORE_BUNDLED_H

#include <stddef.h>

#include "base/error.h"

struct store;

struct store_bundled_file {
	const char *name;         /* "cla_number_and_rate_per_10k_children.csv" */
	size_t len;
	const char *text;         /* the CSV, as in data/dfe/ */
};

extern const struct store_bundled_file store_bundled_files[];
extern const int store_bundled_file_count;

/* The path a bundled table is recorded under in returns. */
#define STORE_BUNDLED_PREFIX "caseflow built-in: data/dfe/"

/* Load the bundled tables into st when the store holds none of what they
 * fill (published figures, statistical-neighbour groupings, the LTLA-UTLA
 * lookup), each as a return of its own recorded as
 * "caseflow built-in: data/dfe/NAME". A store with any of them is left as
 * it is (what the user loaded is theirs); a newer release ingested later
 * wins as any later load does. *loaded (may be NULL) counts the files loaded. CF_EIO when the
 * store or a scratch file cannot be written. */
int store_load_bundled(struct store *st, int *loaded, struct cf_error *err);

#endif
