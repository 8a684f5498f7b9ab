/* Result tables. */
#include "base/table.h"

#include <stdlib.h>
#include <string.h>

struct cf_table *cf_table_new(const char *name)
{
	struct cf_table *t = calloc(1, sizeof *t);
	if (!t)
		return NULL;
	arena_init(&t->arena, 16 * 1024);
	t->name = arena_strdup(&t->arena, name ? name : "table");
	if (!t->name) {
		cf_table_free(t);
		return NULL;
	}
	return t;
}

struct cf_table *cf_table_new_columns(const char *name, const char *const *cols, const enum cf_cell_type *types,
				      int n)
{
	struct cf_table *t = cf_table_new(name);
	for (int i = 0; t && i < n; i++)
		if (cf_table_add_column(t, cols[i], types[i], types[i] == CF_CELL_REAL ? 1 : 0) < 0) {
			cf_table_free(t);
			return NULL;
		}
	return t;
}

void cf_table_free(struct cf_table *t)
{
	if (!t)
		return;
	free(t->cells);
	arena_release(&t->arena);
	free(t);
}

int cf_table_add_column(struct cf_table *t, const char *name, enum cf_cell_type type, int decimals)
{
	if (t->ncols >= 64 || t->nrows > 0)
		return -1;
	const char *n = arena_strdup(&t->arena, name);
	if (!n)
		return -1;
	t->cols[t->ncols].name = n;
	t->cols[t->ncols].type = type;
	t->cols[t->ncols].decimals = decimals;
	return t->ncols++;
}

int cf_table_column(const struct cf_table *t, const char *name)
{
	for (int i = 0; i < t->ncols; i++)
		if (strcmp(t->cols[i].name, name) == 0)
			return i;
	return -1;
}

long cf_table_add_row(struct cf_table *t)
{
	if (t->fill)
		return -1;
	if (t->nrows == t->cap) {
		size_t nc = t->cap ? t->cap * 2 : 64;
		struct cf_cell *c = realloc(t->cells, nc * (size_t)(t->ncols ? t->ncols : 1) * sizeof *c);
		if (!c)
			return -1;
		t->cells = c;
		t->cap = nc;
	}
	memset(t->cells + t->nrows * (size_t)t->ncols, 0, sizeof *t->cells * (size_t)t->ncols);
	return (long)t->nrows++;
}

struct cf_cell *cf_table_cell(struct cf_table *t, size_t row, int col)
{
	if (t->fill) {
		if (t->filled != row + 1) {
			memset(t->cells, 0, sizeof *t->cells * (size_t)t->ncols);
			t->fill(t->fill_arg, row, t->cells);
			t->filled = row + 1;
		}
		return &t->cells[col];
	}
	return &t->cells[row * (size_t)t->ncols + (size_t)col];
}

/* Reading a made-on-demand row changes which row the one-row buffer holds,
 * not the table's contents. */
const struct cf_cell *cf_table_cell_const(const struct cf_table *t, size_t row, int col)
{
	return cf_table_cell((struct cf_table *)t, row, col);
}

int cf_table_set_rows(struct cf_table *t, size_t nrows, cf_table_fill_fn fill, void *arg)
{
	if (t->nrows || !fill)
		return -1;
	struct cf_cell *c = calloc((size_t)(t->ncols ? t->ncols : 1), sizeof *c);
	if (!c)
		return -1;
	free(t->cells);
	t->cells = c;
	t->cap = 1;
	t->nrows = nrows;
	t->fill = fill;
	t->fill_arg = arg;
	t->filled = 0;
	return 0;
}

void cf_table_set_int(struct cf_table *t, size_t row, int col, long long v)
{
	struct cf_cell *c = cf_table_cell(t, row, col);
	c->type = CF_CELL_INT;
	c->v.i = v;
}

void cf_table_set_real(struct cf_table *t, size_t row, int col, double v)
{
	struct cf_cell *c = cf_table_cell(t, row, col);
	c->type = CF_CELL_REAL;
	c->v.d = v;
}

void cf_table_set_bool(struct cf_table *t, size_t row, int col, int v)
{
	struct cf_cell *c = cf_table_cell(t, row, col);
	c->type = CF_CELL_BOOL;
	c->v.i = v != 0;
}

int cf_table_set_text(struct cf_table *t, size_t row, int col, const char *s)
{
	struct cf_cell *c = cf_table_cell(t, row, col);
	if (!s) {
		c->type = CF_CELL_NULL;
		return 0;
	}
	const char *p = arena_strdup(&t->arena, s);
	if (!p)
		return -1;
	c->type = CF_CELL_TEXT;
	c->v.s = p;
	return 0;
}

int cf_table_set_json(struct cf_table *t, size_t row, int col, const char *json)
{
	if (cf_table_set_text(t, row, col, json))
		return -1;
	if (json)
		cf_table_cell(t, row, col)->type = CF_CELL_JSON;
	return 0;
}

void cf_table_set_null(struct cf_table *t, size_t row, int col)
{
	cf_table_cell(t, row, col)->type = CF_CELL_NULL;
}

struct cf_table *cf_table_copy(const struct cf_table *t)
{
	struct cf_table *o = cf_table_new(t->name);
	if (!o)
		return NULL;
	for (int c = 0; c < t->ncols; c++)
		cf_table_add_column(o, t->cols[c].name, t->cols[c].type, t->cols[c].decimals);
	for (size_t r = 0; r < t->nrows; r++) {
		long row = cf_table_add_row(o);
		if (row < 0) {
			cf_table_free(o);
			return NULL;
		}
		for (int c = 0; c < t->ncols; c++) {
			const struct cf_cell *x = cf_table_cell_const(t, r, c);
			int bad = 0;
			switch (x->type) {
			case CF_CELL_TEXT: bad = cf_table_set_text(o, (size_t)row, c, x->v.s); break;
			case CF_CELL_JSON: bad = cf_table_set_json(o, (size_t)row, c, x->v.s); break;
			case CF_CELL_INT: cf_table_set_int(o, (size_t)row, c, x->v.i); break;
			case CF_CELL_BOOL: cf_table_set_bool(o, (size_t)row, c, (int)x->v.i); break;
			case CF_CELL_REAL: cf_table_set_real(o, (size_t)row, c, x->v.d); break;
			case CF_CELL_NULL: break;
			}
			if (bad) {
				cf_table_free(o);
				return NULL;
			}
		}
	}
	return o;
}
