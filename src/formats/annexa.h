/* Ofsted's Annex A (the ILACS inspection lists): a workbook with sheets
 * List 1 ... List 11, or each list as its own CSV.
 *
 * The lists and their standard column names are built in (annexa.c), and
 * so are the header spellings councils use and the many spellings of each
 * value ("Female", "2", "F" for "b) Female"): annexa_spellings.c, written
 * from Ofsted's Annex A schema at development time
 * (tools/gen-annexa-spellings.c). Nothing is read at run time, so every
 * working directory gives the same result.
 *
 * Readers hand over one row at a time: each list column's raw text (dates
 * that Excel stored as serial numbers already as yyyy-mm-dd), plus the
 * columns no list has, under their own header. */
#ifndef CF_FORMATS_ANNEXA_H
#define CF_FORMATS_ANNEXA_H

#include <stddef.h>

#include "base/error.h"

#define ANNEXA_NLISTS 11
#define ANNEXA_MAXCOLS 48

enum annexa_type { AX_TEXT, AX_DATE, AX_INT, AX_DECIMAL, AX_CATEGORY, AX_POSTCODE };

/* What a column feeds in the store beyond annexa_rows. */
enum annexa_field {
	AXF_NONE = 0, AXF_CHILD, AXF_GENDER, AXF_ETHNICITY, AXF_DOB,
	AXF_CONTACT_DATE, AXF_CONTACT_SOURCE,                               /* list 1 */
	AXF_EH_START, AXF_EH_END, AXF_EH_ORGANISATION,                      /* list 2 */
	AXF_REFERRAL_DATE, AXF_REFERRAL_SOURCE, AXF_REFERRAL_NFA,           /* list 3 */
	AXF_ASSESSMENT_START, AXF_ASSESSMENT_AUTHORISED,                    /* list 4 */
	AXF_S47_START, AXF_ICPC_UNNECESSARY, AXF_ICPC_DATE,                 /* list 5 */
	AXF_CIN_START, AXF_PRIMARY_NEED, AXF_CIN_CLOSURE, AXF_CLOSURE_REASON, /* list 6 */
	AXF_CPP_START, AXF_CPP_INITIAL, AXF_CPP_LATEST, AXF_CPP_REVIEW, AXF_CPP_END, AXF_CPP_PREVIOUS, /* list 7 */
	/* visits (lists 6-8) and the allocated team: kept in annexa_rows as well */
	AXF_VISIT, AXF_TEAM, AXF_CLA_START, AXF_CLA_END,
	AXF_NFIELDS
};

struct annexa_column {
	const char *name;           /* the standard header */
	enum annexa_field field;
	enum annexa_type type;
};

struct annexa_list {
	int number;                 /* 1..11 */
	const char *title;          /* "contacts" */
	struct annexa_column cols[ANNEXA_MAXCOLS];   /* up to the first with name NULL */
};

/* The built-in lists, index 0 = List 1. */
extern const struct annexa_list annexa_lists[ANNEXA_NLISTS];
/* The number of columns of list (1..11). */
int annexa_list_ncols(int list);

/* --- the schema (annexa_schema.c) ----------------------------------------- */

struct annexa_schema;   /* opaque */

/* The matcher over the built-in spellings. A NULL schema matches headers
 * by their standard names only. The caller owns *out (annexa_schema_free);
 * CF_EIO when out of memory. */
int annexa_schema_load(struct annexa_schema **out, struct cf_error *err);
void annexa_schema_free(struct annexa_schema *s);
/* Counts, for tests and the load note: columns given spellings, labels known. */
void annexa_schema_counts(const struct annexa_schema *s, int *columns, long *labels, int *regexes);

/* The column of list (1..11) that header text names, or -1: with s NULL
 * the standard name (case-insensitive, spaces collapsed), else the header
 * spellings' patterns. taken[c] != 0 marks columns already matched (skipped). */
int annexa_match_header(const struct annexa_schema *s, int list, const char *text, const unsigned char *taken);

/* The category a value of (list, col) is a spelling of ("Female" ->
 * "b) Female"), or NULL when s is NULL or no spelling matches. */
const char *annexa_match_label(const struct annexa_schema *s, int list, int col, const char *value);

/* 1 when the spellings give value labels for (list, col). */
int annexa_has_labels(const struct annexa_schema *s, int list, int col);

/* --- values --------------------------------------------------------------- */

/* The DfE code inside an Annex A label: "q) 6: Police" -> "6", "e) 2A:
 * Schools" -> "2A", "N1 - Abuse or Neglect" -> "N1", "U1: Foster placement
 * with relative" -> "U1", "a) WBRI" -> "WBRI". Returns 0 with out set, or
 * -1 when the value holds no code in those forms. */
int annexa_code_in_label(const char *value, char *out, size_t size);

/* The list a sheet (or CSV file) name names: "List 3", "list3", "List 3 -
 * Referrals", "Annex_A_List_10.csv" -> 1..11; 0 when none. */
int annexa_list_of_name(const char *name);

/* --- reading ---------------------------------------------------------------- */

struct annexa_row {
	int list;                          /* 1..11 */
	long row;                          /* sheet or CSV row number (header row counts) */
	const char *vals[ANNEXA_MAXCOLS];  /* raw text by list column; NULL when the file lacks the column */
	int nextra;                        /* columns no list has */
	const char *extra_names[64];
	const char *extra_vals[64];
	const char *source;                /* "List 3" (sheet name) or the CSV path */
};

/* Per row with any value; return CF_OK to go on. */
typedef int (*annexa_row_fn)(void *ctx, const struct annexa_row *r, struct cf_error *err);
/* Per list found, before its rows: the header row and columns matched. */
typedef int (*annexa_list_fn)(void *ctx, int list, const char *source, long header_row, int matched,
			      struct cf_error *err);

struct annexa_handler {
	annexa_list_fn list;    /* may be NULL */
	annexa_row_fn row;
};

/* Read a workbook: every sheet named List 1..11 (others are ignored). A
 * workbook with no such sheet, a list sheet whose first 10 rows hold no
 * header naming its child (or adopter) ID column, or a damaged zip, is
 * CF_EINPUT naming file, sheet and row. */
int annexa_read_xlsx(const char *path, const struct annexa_schema *s, const struct annexa_handler *h, void *ctx,
		     struct cf_error *err);

/* Which list a CSV header is (the file name's "List N" breaks ties); 0 when
 * none. Needs the ID column and at least two columns of that list. */
int annexa_csv_list(const struct annexa_schema *s, const char *path, char *const *fields, const size_t *lens,
		    int nfields);

/* Read one list as CSV. CF_EINPUT when the header is not an Annex A list. */
int annexa_read_csv(const char *path, const struct annexa_schema *s, const struct annexa_handler *h, void *ctx,
		    struct cf_error *err);

/* 1 when a workbook is meant as an Annex A: a sheet named List N, or
 * "annex" in the file name (so that a workbook with the wrong sheet names
 * is rejected with a message saying so, not as an unknown file). */
int annexa_sniff_xlsx(const char *path);

#endif
