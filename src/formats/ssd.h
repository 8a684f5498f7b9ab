/* The Standard Safeguarding Dataset (SSD, data-to-insight's ssd-data-model)
 * as its CSV extract: a folder of ssd_* tables, one file each, recognised by
 * the SSD's own column names. This is caseflow's own list of the tables and
 * fields it reads (docs/ssd.md maps each to the store); other tables and
 * columns of an extract are ignored. */
#ifndef CF_FORMATS_SSD_H
#define CF_FORMATS_SSD_H

#include <stddef.h>

#include "base/error.h"

enum ssd_table {
	SSD_PERSON, SSD_ADDRESS, SSD_CONTACTS, SSD_CIN_EPISODES, SSD_ASSESSMENTS, SSD_ASSESSMENT_FACTORS,
	SSD_CIN_PLANS, SSD_S47, SSD_ICPC, SSD_CP_PLANS, SSD_CP_REVIEWS, SSD_CLA_EPISODES, SSD_LEGAL_STATUS,
	SSD_PLACEMENTS, SSD_CLA_REVIEWS, SSD_MISSING, SSD_CARE_LEAVERS, SSD_INVOLVEMENTS, SSD_NTABLES
};

/* How a column is read (formats/value.h does the normalising). */
enum ssd_type {
	SSD_ID,        /* an identifier, trimmed */
	SSD_DATE,      /* datetime: yyyy-mm-dd with or without a time, or dd/mm/yyyy */
	SSD_CODE,      /* a code, upper-cased */
	SSD_FLAG,      /* Y/N (or 1/0, yes/no) */
	SSD_TEXT,      /* free text kept as given (categories of abuse, outcomes) */
	SSD_POSTCODE,  /* reduced to its sector: a full postcode is never kept */
	SSD_JSON       /* the SSD's "combined dictionary" fields, read by the loader */
};

#define SSD_MAXCOLS 12

struct ssd_column {
	const char *name;          /* as the SSD spells it: "pers_person_id" */
	enum ssd_type type;
	int required;              /* the file is refused without this column */
};

struct ssd_table_def {
	const char *name;          /* "ssd_person": the SSD's table name */
	const char *store;         /* the short name used in the store and issues: "person" */
	int ncols;
	struct ssd_column cols[SSD_MAXCOLS];   /* cols[0] is the table's row identifier */
};

extern const struct ssd_table_def ssd_tables[SSD_NTABLES];

/* The table a CSV header is: the one whose row identifier (cols[0]) it
 * names, matched case-insensitively and trimmed. Returns 1 and sets *t, or
 * 0 when the header is no SSD table caseflow reads. */
int ssd_recognise(char *const *fields, const size_t *lens, int nfields, enum ssd_table *t);

/* Called per data row with the table's columns in ssd_tables[t] order:
 * vals[c] NULL when the file has no such column or the row ends before it.
 * row counts as analysts do (the header is row 1); line is physical. */
typedef int (*ssd_row_fn)(void *ctx, enum ssd_table t, const char *const *vals, const size_t *lens, long row,
			  long line, struct cf_error *err);

/* Stream one SSD table's CSV. Fails with CF_EINPUT naming the file when
 * the header is no SSD table or lacks a required column, or on a
 * structural CSV error; *rows is the data rows read. */
int ssd_csv_read(const char *path, enum ssd_table *t, long *rows, ssd_row_fn fn, void *ctx, struct cf_error *err);

/* The SSD's "combined dictionary" fields ({ KEY: "Y", ... }, keys quoted
 * or not): the first letter, upper-cased, of key's value in s[0..len);
 * 0 when the key or its value is absent. */
char ssd_json_flag(const char *s, size_t len, const char *key);

/* Assessment factors from cinf_assessment_factors_json: an array
 * ["1A", "2B"], an object {"1A": "Yes", "2B": "No"} (the codes whose value
 * is yes) or a plain list; the codes upper-cased and space-separated into
 * out[size] ("" when none). */
void ssd_factor_codes(const char *s, size_t len, char *out, size_t size);

#endif
