/* Private to src/store/: what a source loader uses while `caseflow ingest`
 * loads a return (the public side is store/ingest.h). */
#ifndef CF_STORE_INGEST_INT_H
#define CF_STORE_INGEST_INT_H

#include <stddef.h>

#include "base/error.h"
#include "store/ingest.h"
#include "store/store_int.h"

struct ingest_ctx {
	struct store *st;
	const struct ingest_options *opt;
	struct ingest_report *rep;
	long rows_written;              /* for fault injection and progress */
	sqlite3_stmt *issue_stmt;       /* owned; prepared on first issue */
};

/* Record a file as a return of kind k (inside the current transaction); the
 * store keeps return_kind_name(k). Sets *return_id and returns CF_OK;
 * returns CF_OK with *return_id = 0 when a file with the same SHA-256 and
 * kind is already in the store (nothing should be loaded). */
int ingest_add_return(struct ingest_ctx *ctx, const char *path, enum return_kind k, int collection_year,
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
int sniff_ssda903_xlsx(const struct ingest_sniff *info);
int load_ssda903_xlsx(struct ingest_ctx *ctx, char **paths, int n, struct cf_error *err);
int sniff_cin_census(const struct ingest_sniff *info);
int load_cin_census(struct ingest_ctx *ctx, char **paths, int n, struct cf_error *err);
int sniff_csww_census(const struct ingest_sniff *info);
int load_csww_census(struct ingest_ctx *ctx, char **paths, int n, struct cf_error *err);
/* a Standard Safeguarding Dataset extract: the ssd_* tables of one folder form one return (load_ssd.c) */
int sniff_ssd_csv(const struct ingest_sniff *info);
int load_ssd_csv(struct ingest_ctx *ctx, char **paths, int n, struct cf_error *err);
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
/* the English Indices of Deprivation, published or a council's lookup (load_deprivation.c) */
int sniff_imd_lookup(const struct ingest_sniff *info);
int load_imd_lookup(struct ingest_ctx *ctx, char **paths, int n, struct cf_error *err);
/* ONS's subnational population projection, its children into population (load_ons_projection.c) */
int sniff_ons_projection(const struct ingest_sniff *info);
int load_ons_projection(struct ingest_ctx *ctx, char **paths, int n, struct cf_error *err);
/* The ONS postcode directory (load_postcodes.c): loaded after every other
 * file of the same ingest, as it keeps only the sectors the store's data uses. */
int sniff_ons_postcodes(const struct ingest_sniff *info);
int load_ons_postcodes(struct ingest_ctx *ctx, char **paths, int n, struct cf_error *err);

#endif
