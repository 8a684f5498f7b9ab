/* `caseflow ingest`: find files, recognise what each is, and load each
 * return in one transaction, recording provenance and row-level issues.
 *
 * A source kind (SSDA903 CSV, SSDA903 XML, and later CIN census, Annex A,
 * workforce ...) is a sniff function and a load function in the table in
 * ingest.c. A load function registers its file(s) with ingest_add_return(),
 * writes rows, and reports value problems with ingest_issue(); the driver
 * wraps it in a transaction and rolls back on any error. */
#ifndef CF_STORE_INGEST_H
#define CF_STORE_INGEST_H

#include <stddef.h>

#include "base/error.h"
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

/* --- for source loaders ------------------------------------------------- */

struct ingest_ctx {
	struct store *st;
	const struct ingest_options *opt;
	struct ingest_report *rep;
	long rows_written;              /* for fault injection and progress */
	sqlite3_stmt *issue_stmt;       /* owned; prepared on first issue */
};

/* Record a file as a return (inside the current transaction). Sets *return_id
 * and returns CF_OK; returns CF_OK with *return_id = 0 when a file with the
 * same SHA-256 and kind is already in the store (nothing should be loaded). */
int ingest_add_return(struct ingest_ctx *ctx, const char *path, const char *kind, int collection_year,
		      long long *return_id, struct ingest_entry **entry, struct cf_error *err);

/* Add a line to the load summary (one table of a file that holds several).
 * The pointer stays valid until the next line is added (the report grows);
 * NULL when out of memory. */
struct ingest_entry *ingest_add_entry(struct ingest_ctx *ctx, const char *path, const char *kind,
				      const char *status);

/* Record a value problem. value may be NULL. Never fails the load on its own. */
int ingest_issue(struct ingest_ctx *ctx, struct ingest_entry *entry, long long return_id, const char *tbl,
		 long row, long line, const char *child, const char *column, const char *value,
		 const char *kind, const char *message, struct cf_error *err);

/* Count a written row; returns CF_EIO when fault injection says fail now. */
int ingest_row_written(struct ingest_ctx *ctx, struct cf_error *err);

/* Collection year (end year) named in a path: ".../2023-24/...", "2023_24",
 * "lac2023_24", "202324". Returns 0 when none. */
int ingest_year_from_path(const char *path);

/* What the driver read of a file to recognise it. */
struct ingest_sniff {
	const char *path;
	const char *ext;               /* lower-case extension without the dot: "csv", "xml", "xlsx" */
	const char *xml_root;          /* XML: the root element's name; else NULL */
	char *const *csv_fields;       /* CSV: the first non-blank row; else NULL */
	const size_t *csv_lens;
	int csv_nfields;
};

/* A kind of file caseflow can load: add one to the table in ingest.c. */
struct ingest_source {
	const char *name;              /* "ssda903.csv" */
	int (*sniff)(const struct ingest_sniff *info);   /* 1 when the file is this kind */
	/* Load the files (several when group_by_dir: all of this kind in one
	 * folder form one return) inside the driver's transaction. */
	int (*load)(struct ingest_ctx *ctx, char **paths, int n, struct cf_error *err);
	int group_by_dir;
};

/* Source loaders: a sniff and a load function per kind, one file each. */
int sniff_ssda903_csv(const struct ingest_sniff *info);
int load_ssda903_csv_group(struct ingest_ctx *ctx, char **paths, int n, struct cf_error *err);
int sniff_ssda903_xml(const struct ingest_sniff *info);
int load_ssda903_xml(struct ingest_ctx *ctx, char **paths, int n, struct cf_error *err);
int sniff_cin_census(const struct ingest_sniff *info);
int load_cin_census(struct ingest_ctx *ctx, char **paths, int n, struct cf_error *err);
int sniff_csww_census(const struct ingest_sniff *info);
int load_csww_census(struct ingest_ctx *ctx, char **paths, int n, struct cf_error *err);
int sniff_local_csv(const struct ingest_sniff *info);
int load_local_csv(struct ingest_ctx *ctx, char **paths, int n, struct cf_error *err);
int sniff_local_xlsx(const struct ingest_sniff *info);   /* the same layouts, first sheet of a workbook */
int load_local_xlsx(struct ingest_ctx *ctx, char **paths, int n, struct cf_error *err);
int sniff_annexa_xlsx(const struct ingest_sniff *info);
int load_annexa_xlsx(struct ingest_ctx *ctx, char **paths, int n, struct cf_error *err);
int sniff_annexa_csv(const struct ingest_sniff *info);
int load_annexa_csv(struct ingest_ctx *ctx, char **paths, int n, struct cf_error *err);
/* DfE published tables (tidy layout), statistical-neighbour groupings, ONS LTLA-UTLA lookup (load_published.c) */
int sniff_dfe_published(const struct ingest_sniff *info);
int load_dfe_published(struct ingest_ctx *ctx, char **paths, int n, struct cf_error *err);
int sniff_dfe_sn_groups(const struct ingest_sniff *info);
int load_dfe_sn_groups(struct ingest_ctx *ctx, char **paths, int n, struct cf_error *err);
int sniff_ons_la_lookup(const struct ingest_sniff *info);
int load_ons_la_lookup(struct ingest_ctx *ctx, char **paths, int n, struct cf_error *err);

#endif
