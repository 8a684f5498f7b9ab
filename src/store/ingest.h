/* `caseflow ingest`: find files, recognise what each is, and load each
 * return in one transaction, recording provenance and row-level issues.
 *
 * A source kind (SSDA903 CSV, SSDA903 XML, and later CIN census, Annex A,
 * workforce ...) is a sniff function and a load function in the table in
 * ingest.c. A load function registers its file(s) with ingest_add_return(),
 * writes rows, and reports value problems with ingest_issue(); the driver
 * wraps it in a transaction and rolls back on any error. What loaders use
 * is in store/ingest_int.h, private to src/store/. */
#ifndef CF_STORE_INGEST_H
#define CF_STORE_INGEST_H

#include <stddef.h>

#include "base/error.h"
#include "store/return_kinds.h"
#include "store/store.h"

struct ingest_options {
	int collection_year;      /* year the collection ends (2024 = 2023-24); 0 = infer */
	const char *loaded_by;    /* recorded in returns.loaded_by; NULL = $USER */
	int quiet;                /* no progress bar */
	long fail_after_rows;     /* fault injection for tests: fail once this many rows are written; 0 = off */
};

/* One line of the load summary: a file (or a table within it). */
struct ingest_entry {
	char path[512];
	char kind[48];            /* "ssda903.episodes" */
	char status[16];          /* "loaded", "skipped", "rejected", "empty" */
	char note[256];           /* why skipped/rejected */
	long rows_read, rows_stored, issues;
	long long return_id;
};

struct ingest_issue_count {
	char kind[32];
	long count;
};

struct ingest_report {
	struct ingest_entry *entries;   /* owned; free with ingest_report_release */
	int nentries, cap;
	struct ingest_issue_count issue_kinds[16];
	int nissue_kinds;
	int rejected;                   /* returns rejected */
	long long bytes;
	double seconds;
};

void ingest_report_release(struct ingest_report *rep);

/* Load every file under paths. Returns CF_OK when everything given loaded
 * (or was already loaded), CF_EINPUT when at least one return was rejected
 * (the others are still loaded; the report says which), CF_EIO on a store
 * failure (the return being loaded is rolled back). */
int ingest_paths(struct store *st, char *const *paths, int npaths, const struct ingest_options *opt,
		 struct ingest_report *rep, struct cf_error *err);

/* Collection year (end year) named in a path: ".../2023-24/...", "2023_24",
 * "lac2023_24", "202324". Returns 0 when none. */
int ingest_year_from_path(const char *path);

#endif
