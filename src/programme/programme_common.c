/* Helpers for the programme analyses' tables. */
#include "programme/programme_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct cf_table *ptable_new(const char *name, const char *spec, struct cf_error *err)
{
	struct cf_table *t = cf_table_new(name);
	if (!t) {
		cf_error_set(err, CF_EIO, "out of memory");
		return NULL;
	}
	const char *p = spec;
	while (*p) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		size_t n = strcspn(p, ":");
		char col[64];
		snprintf(col, sizeof col, "%.*s", (int)n, p);
		p += n + (p[n] == ':');
		enum cf_cell_type type = CF_CELL_TEXT;
		int decimals = 0;
		switch (*p) {
		case 'i': type = CF_CELL_INT; break;
		case 'b': type = CF_CELL_BOOL; break;
		case 'r': type = CF_CELL_REAL; decimals = p[1] >= '0' && p[1] <= '9' ? p[1] - '0' : 2; break;
		default: break;
		}
		while (*p && *p != ' ')
			p++;
		if (cf_table_add_column(t, col, type, decimals) < 0) {
			cf_table_free(t);
			cf_error_set(err, CF_EIO, "out of memory");
			return NULL;
		}
	}
	return t;
}

long ptable_row(struct cf_table *t) { return cf_table_add_row(t); }

/* Decimals needed to show m exactly: 0 to 4. */
static int decimals_of(prog_money m)
{
	int d = 4;
	for (long long frac = llabs(m % PROG_SCALE); d > 0 && frac % 10 == 0; frac /= 10)
		d--;
	return m % PROG_SCALE ? d : 0;
}

int programme_money_decimals(const struct programme *p)
{
	int dp = 0;
	for (int i = 0; i < p->ncosts; i++)
		if (decimals_of(p->costs[i].amount) > dp)
			dp = decimals_of(p->costs[i].amount);
	for (int i = 0; i < p->nsavings; i++)
		if (decimals_of(p->savings[i].amount) > dp)
			dp = decimals_of(p->savings[i].amount);
	return dp;
}

const char *programme_unit_label(const struct programme *p)
{
	return p->unit == PROG_THOUSANDS ? "\xc2\xa3" "000" : "\xc2\xa3";
}

void ptables_free(struct cf_table **tables, int *n)
{
	for (int i = 0; i < *n; i++)
		cf_table_free(tables[i]);
	*n = 0;
}

int ptable_set_date(struct cf_table *t, long row, int col, cf_date d)
{
	char buf[11];
	if (d == CF_DATE_NONE)
		return 0;
	cf_date_format(d, buf);
	return cf_table_set_text(t, (size_t)row, col, buf);
}

int programme_last_year(const struct programme *p)
{
	int last = -1;
	for (int i = 0; i < p->ncosts; i++)
		if (p->costs[i].year > last)
			last = p->costs[i].year;
	for (int i = 0; i < p->nsavings; i++)
		if (!p->savings[i].pending && p->savings[i].year > last)
			last = p->savings[i].year;
	return last;
}
