/* A result table: named, typed columns and rows of cells. Every analysis
 * returns its figures as one or more cf_tables; outputs/render.h turns them
 * into an aligned text table, CSV, JSON or a worksheet. */
#ifndef CF_BASE_TABLE_H
#define CF_BASE_TABLE_H

#include <stddef.h>

#include "base/arena.h"

/* JSON: text that is already a JSON value (an object or array nested in a
 * row); JSON output embeds it as is, the other formats show the text. */
enum cf_cell_type { CF_CELL_NULL = 0, CF_CELL_INT, CF_CELL_REAL, CF_CELL_TEXT, CF_CELL_BOOL, CF_CELL_JSON };

struct cf_cell {
	enum cf_cell_type type;
	union {
		long long i;      /* INT and BOOL */
		double d;         /* REAL */
		const char *s;    /* TEXT and JSON, owned by the table's arena */
	} v;
};

struct cf_column {
	const char *name;     /* owned by the arena */
	enum cf_cell_type type;
	int decimals;         /* REAL: digits shown in the text table (JSON/CSV keep full precision) */
};

/* Makes row `row`'s cells (ncols of them) for a table whose rows are made
 * when read (cf_table_set_rows). Text it points to must stay valid until
 * the next call. */
typedef void (*cf_table_fill_fn)(void *arg, size_t row, struct cf_cell *cells);

struct cf_table {
	const char *name;     /* sheet name / title, owned */
	int ncols;
	struct cf_column cols[64];
	size_t nrows, cap;
	struct cf_cell *cells; /* nrows × ncols, row-major; one row when rows are made on demand */
	struct arena arena;
	cf_table_fill_fn fill; /* NULL: an ordinary table */
	void *fill_arg;
	size_t filled;        /* row + 1 that cells holds (fill); 0 = none */
};

struct cf_table *cf_table_new(const char *name);     /* NULL on OOM */
/* A new table with N columns named COLS, of TYPES (a REAL column shows one
 * decimal). NULL on OOM. */
struct cf_table *cf_table_new_columns(const char *name, const char *const *cols, const enum cf_cell_type *types,
				      int n);
void cf_table_free(struct cf_table *t);
/* A new table with t's name, columns and cells (the caller frees it); NULL on OOM. */
struct cf_table *cf_table_copy(const struct cf_table *t);
/* Returns the column index, or -1 (too many columns / OOM). */
int cf_table_add_column(struct cf_table *t, const char *name, enum cf_cell_type type, int decimals);
int cf_table_column(const struct cf_table *t, const char *name);  /* index or -1 */
/* Append an all-NULL row; returns its index or -1 on OOM. */
long cf_table_add_row(struct cf_table *t);
struct cf_cell *cf_table_cell(struct cf_table *t, size_t row, int col);
const struct cf_cell *cf_table_cell_const(const struct cf_table *t, size_t row, int col);
void cf_table_set_int(struct cf_table *t, size_t row, int col, long long v);
void cf_table_set_real(struct cf_table *t, size_t row, int col, double v);
void cf_table_set_bool(struct cf_table *t, size_t row, int col, int v);
int cf_table_set_text(struct cf_table *t, size_t row, int col, const char *s); /* copies; -1 OOM */
int cf_table_set_json(struct cf_table *t, size_t row, int col, const char *json); /* copies; -1 OOM */
void cf_table_set_null(struct cf_table *t, size_t row, int col);
/* Make t a table of nrows rows whose cells fill makes when a row is read,
 * so a million-row result need not be held as text: readers go row by row
 * (a cell pointer is valid until a cell of another row is read). Call after
 * the columns are added, on a table without rows. Returns 0, -1 on OOM. */
int cf_table_set_rows(struct cf_table *t, size_t nrows, cf_table_fill_fn fill, void *arg);

#endif
