/* Text, CSV, JSON and xlsx rendering of cf_tables. */
#include "outputs/render.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <xlsxwriter.h>

#include "base/csv.h"

int render_format_parse(const char *s, enum render_format *out)
{
	static const char *names[] = { "table", "csv", "json", "xlsx" };
	for (int i = 0; i < 4; i++)
		if (strcmp(s, names[i]) == 0) {
			*out = (enum render_format)i;
			return 0;
		}
	return -1;
}

static void cell_text(const struct cf_column *col, const struct cf_cell *c, char *buf, size_t size, int for_table)
{
	switch (c->type) {
	case CF_CELL_NULL: snprintf(buf, size, "%s", for_table ? "-" : ""); break;
	case CF_CELL_INT: snprintf(buf, size, "%lld", c->v.i); break;
	case CF_CELL_BOOL: snprintf(buf, size, "%s", c->v.i ? "true" : "false"); break;
	case CF_CELL_REAL:
		if (!isfinite(c->v.d))
			snprintf(buf, size, "%s", for_table ? "-" : "");
		else if (for_table)
			snprintf(buf, size, "%.*f", col->decimals, c->v.d);
		else
			snprintf(buf, size, "%.10g", c->v.d);
		break;
	case CF_CELL_TEXT:
	case CF_CELL_JSON: snprintf(buf, size, "%s", c->v.s); break;
	}
}

void render_table_text(const struct cf_table *t, FILE *fp)
{
	size_t width[64];
	char buf[512];
	for (int j = 0; j < t->ncols; j++)
		width[j] = strlen(t->cols[j].name);
	for (size_t i = 0; i < t->nrows; i++)
		for (int j = 0; j < t->ncols; j++) {
			cell_text(&t->cols[j], cf_table_cell_const(t, i, j), buf, sizeof buf, 1);
			size_t w = strlen(buf);
			if (w > width[j])
				width[j] = w;
		}
	for (int j = 0; j < t->ncols; j++) {
		int right = t->cols[j].type != CF_CELL_TEXT && t->cols[j].type != CF_CELL_JSON;
		fprintf(fp, right ? "%*s" : "%-*s", (int)width[j], t->cols[j].name);
		fputs(j + 1 < t->ncols ? "  " : "\n", fp);
	}
	for (int j = 0; j < t->ncols; j++) {
		for (size_t k = 0; k < width[j]; k++)
			fputc('-', fp);
		fputs(j + 1 < t->ncols ? "  " : "\n", fp);
	}
	for (size_t i = 0; i < t->nrows; i++)
		for (int j = 0; j < t->ncols; j++) {
			cell_text(&t->cols[j], cf_table_cell_const(t, i, j), buf, sizeof buf, 1);
			int right = t->cols[j].type != CF_CELL_TEXT && t->cols[j].type != CF_CELL_JSON;
			if (j + 1 == t->ncols && !right)
				fputs(buf, fp);
			else
				fprintf(fp, right ? "%*s" : "%-*s", (int)width[j], buf);
			fputs(j + 1 < t->ncols ? "  " : "\n", fp);
		}
}

void render_table_csv(const struct cf_table *t, FILE *fp)
{
	char buf[512];
	for (int j = 0; j < t->ncols; j++) {
		csv_write_field(fp, t->cols[j].name);
		fputc(j + 1 < t->ncols ? ',' : '\n', fp);
	}
	for (size_t i = 0; i < t->nrows; i++)
		for (int j = 0; j < t->ncols; j++) {
			const struct cf_cell *c = cf_table_cell_const(t, i, j);
			if (c->type == CF_CELL_TEXT || c->type == CF_CELL_JSON)
				csv_write_field(fp, c->v.s);
			else {
				cell_text(&t->cols[j], c, buf, sizeof buf, 0);
				fputs(buf, fp);
			}
			fputc(j + 1 < t->ncols ? ',' : '\n', fp);
		}
}

void render_json_string(FILE *fp, const char *s)
{
	fputc('"', fp);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': fputs("\\\"", fp); break;
		case '\\': fputs("\\\\", fp); break;
		case '\n': fputs("\\n", fp); break;
		case '\r': fputs("\\r", fp); break;
		case '\t': fputs("\\t", fp); break;
		default:
			if (*p < 0x20)
				fprintf(fp, "\\u%04x", *p);
			else
				fputc(*p, fp);
		}
	}
	fputc('"', fp);
}

void render_table_json_rows(const struct cf_table *t, FILE *fp, int *first)
{
	char buf[512];
	for (size_t i = 0; i < t->nrows; i++) {
		fputs(*first ? "\n  {" : ",\n  {", fp);
		*first = 0;
		for (int j = 0; j < t->ncols; j++) {
			const struct cf_cell *c = cf_table_cell_const(t, i, j);
			if (j)
				fputs(", ", fp);
			render_json_string(fp, t->cols[j].name);
			fputs(": ", fp);
			if (c->type == CF_CELL_TEXT)
				render_json_string(fp, c->v.s);
			else if (c->type == CF_CELL_JSON)
				fputs(c->v.s, fp);
			else if (c->type == CF_CELL_NULL || (c->type == CF_CELL_REAL && !isfinite(c->v.d)))
				fputs("null", fp);
			else {
				cell_text(&t->cols[j], c, buf, sizeof buf, 0);
				fputs(buf, fp);
			}
		}
		fputc('}', fp);
	}
}

/* Sheet names in one style, whatever the table is called in JSON:
 * sentence case with spaces ("business_case" and "Business case" are both
 * "Business case"), the usual abbreviations in capitals, at most 31
 * characters and none of []:*?/\ (Excel's rules). */
void render_sheet_name(const char *name, char out[32])
{
	static const char *const upper[] = { "cba", "cla", "cin", "cp", "la", "sn", "fte", "ofsted", "csv", "ssda903", "uasc" };
	size_t o = 0;
	for (const char *p = name; *p && o < 31;) {
		size_t w = strcspn(p, "_ ");
		char word[64];
		snprintf(word, sizeof word, "%.*s", (int)(w < 63 ? w : 63), p);
		int caps = 0;
		for (size_t k = 0; k < sizeof upper / sizeof upper[0]; k++)
			if (strcasecmp(word, upper[k]) == 0)
				caps = 1;
		for (size_t i = 0; word[i] && o < 31; i++) {
			char c = word[i];
			if (caps)
				c = (char)toupper((unsigned char)c);
			else if (o == 0)
				c = (char)toupper((unsigned char)c);
			out[o++] = strchr("[]:*?/\\", c) ? '_' : c;
		}
		p += w;
		if (*p) {
			p++;
			if (o > 0 && o < 31 && *p)
				out[o++] = ' ';
		}
	}
	out[o] = 0;
	if (o == 0)
		snprintf(out, 32, "Sheet");
}

/* A number format for a column, from its unit as its name gives it:
 * pounds ("£", "_gbp"), percentages ("%", "_pct", "rate"), else the column's
 * decimals; thousands separated. */
static const char *number_format(const struct cf_column *col, char *buf, size_t size)
{
	const char *n = col->name;
	int dec = col->type == CF_CELL_REAL ? col->decimals : 0;
	if (dec > 4)
		dec = 4;
	char digits[8] = "";
	if (dec > 0)
		snprintf(digits, sizeof digits, ".%.*s", dec, "0000");
	if (strstr(n, "£000") || strstr(n, "_k_gbp") || strstr(n, "gbp_000"))   /* thousands: the header says so */
		snprintf(buf, size, "#,##0%s", digits);
	else if (strstr(n, "£") || strstr(n, "gbp") || strstr(n, "_cost") || strstr(n, "spend"))
		snprintf(buf, size, "\"£\"#,##0%s;-\"£\"#,##0%s", digits, digits);
	else if (strstr(n, "%") || strstr(n, "_pct") || strstr(n, "pct_"))
		snprintf(buf, size, "0%s\"%%\"", digits[0] ? digits : ".0");
	else
		snprintf(buf, size, "#,##0%s", digits);
	return buf;
}

static int write_xlsx(struct cf_table *const *tables, int n, const char *path,
		      int (*more)(void *wb, void *ctx, struct cf_error *err), void *ctx, struct cf_error *err)
{
	lxw_workbook *wb = workbook_new(path);
	if (!wb)
		return cf_error_at(err, CF_EIO, path, 0, NULL, NULL, "cannot create workbook");
	lxw_format *bold = workbook_add_format(wb);
	format_set_bold(bold);
	lxw_format *wrap = workbook_add_format(wb);
	format_set_text_wrap(wrap);
	format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
	/* number formats, one lxw_format each, shared by every sheet */
	enum { NFMT = 32 };
	char fmt_text[NFMT][48];
	lxw_format *fmt[NFMT];
	int nfmt = 0;
	for (int k = 0; k < n; k++) {
		const struct cf_table *t = tables[k];
		char sheet[32];
		render_sheet_name(t->name, sheet);
		lxw_worksheet *ws = workbook_add_worksheet(wb, sheet);
		if (!ws) {
			snprintf(sheet, sizeof sheet, "Sheet%d", k + 1);
			ws = workbook_add_worksheet(wb, sheet);
		}
		lxw_format *colfmt[64];
		double width[64];
		int wrapped[64];
		for (int j = 0; j < t->ncols; j++) {
			colfmt[j] = NULL;
			wrapped[j] = 0;
			width[j] = (double)strlen(t->cols[j].name) + 2;
			const struct cf_column *col = &t->cols[j];
			if (col->type != CF_CELL_INT && col->type != CF_CELL_REAL)
				continue;
			char f[48];
			number_format(col, f, sizeof f);
			int i = 0;
			while (i < nfmt && strcmp(fmt_text[i], f) != 0)
				i++;
			if (i == nfmt && nfmt < NFMT) {
				snprintf(fmt_text[nfmt], sizeof fmt_text[nfmt], "%s", f);
				fmt[nfmt] = workbook_add_format(wb);
				format_set_num_format(fmt[nfmt], f);
				nfmt++;
			}
			colfmt[j] = i < nfmt ? fmt[i] : NULL;
		}
		/* a "value" column beside a "unit" column (kpi's tables) is formatted
		 * by each row's unit: a percentage, a rate or a count */
		int value_col = cf_table_column(t, "value"), unit_col = cf_table_column(t, "unit");
		lxw_format *by_unit[3] = { NULL, NULL, NULL };   /* percent, other decimals, count */
		if (value_col >= 0 && unit_col >= 0) {
			static const char *const f[3] = { "0.0\"%\"", "#,##0.0", "#,##0" };
			for (int u = 0; u < 3; u++) {
				by_unit[u] = workbook_add_format(wb);
				format_set_num_format(by_unit[u], f[u]);
			}
		}
		/* widths from the first rows' text, so a note is read whole: a long
		 * text column wraps at word boundaries instead of running on */
		char buf[512];
		for (size_t i = 0; i < t->nrows && i < 1000; i++)
			for (int j = 0; j < t->ncols; j++) {
				const struct cf_cell *c = cf_table_cell_const(t, i, j);
				cell_text(&t->cols[j], c, buf, sizeof buf, 1);
				double w = (double)strlen(buf) + 2;
				if (c->type == CF_CELL_INT || c->type == CF_CELL_REAL)
					w += w / 3;   /* thousands separators and a unit */
				if (w > width[j])
					width[j] = w;
			}
		for (int j = 0; j < t->ncols; j++) {
			worksheet_write_string(ws, 0, (lxw_col_t)j, t->cols[j].name, bold);
			if (width[j] > 80) {
				width[j] = 80;
				wrapped[j] = 1;
			}
			worksheet_set_column(ws, (lxw_col_t)j, (lxw_col_t)j, width[j], wrapped[j] ? wrap : NULL);
		}
		for (size_t i = 0; i < t->nrows && i < 1048575; i++)
			for (int j = 0; j < t->ncols; j++) {
				const struct cf_cell *c = cf_table_cell_const(t, i, j);
				lxw_row_t r = (lxw_row_t)(i + 1);
				switch (c->type) {
				case CF_CELL_INT: worksheet_write_number(ws, r, (lxw_col_t)j, (double)c->v.i, colfmt[j]); break;
				case CF_CELL_BOOL: worksheet_write_number(ws, r, (lxw_col_t)j, (double)c->v.i, NULL); break;
				case CF_CELL_REAL:
					if (!isfinite(c->v.d))
						break;
					if (j == value_col && by_unit[0]) {
						const struct cf_cell *u = cf_table_cell_const(t, i, unit_col);
						const char *unit = u->type == CF_CELL_TEXT ? u->v.s : "";
						int kind = strcmp(unit, "percent") == 0 ? 0 : strcmp(unit, "count") == 0 ? 2 : 1;
						worksheet_write_number(ws, r, (lxw_col_t)j, c->v.d, by_unit[kind]);
					} else {
						worksheet_write_number(ws, r, (lxw_col_t)j, c->v.d, colfmt[j]);
					}
					break;
				case CF_CELL_TEXT:
				case CF_CELL_JSON:
					worksheet_write_string(ws, r, (lxw_col_t)j, c->v.s, wrapped[j] ? wrap : NULL);
					break;
				case CF_CELL_NULL: break;
				}
			}
		worksheet_freeze_panes(ws, 1, 0);
		if (t->nrows > 0 && t->ncols > 0)
			worksheet_autofilter(ws, 0, 0, (lxw_row_t)t->nrows, (lxw_col_t)(t->ncols - 1));
	}
	if (more) {
		int rc = more(wb, ctx, err);
		if (rc) {
			workbook_close(wb);
			return rc;
		}
	}
	lxw_error e = workbook_close(wb);
	if (e != LXW_NO_ERROR)
		return cf_error_at(err, CF_EIO, path, 0, NULL, NULL, "cannot write workbook: %s", lxw_strerror(e));
	return CF_OK;
}

int render_tables_xlsx(struct cf_table *const *tables, int n, const char *path,
		       int (*more)(void *wb, void *ctx, struct cf_error *err), void *ctx,
		       struct cf_error *err)
{
	if (!path || strcmp(path, "-") == 0)
		return cf_error_set(err, CF_EUSAGE, "--format xlsx needs --out FILE.xlsx");
	return write_xlsx(tables, n, path, more, ctx, err);
}

void render_tables_json(struct cf_table *const *tables, int n, FILE *fp)
{
	if (n == 1) {
		int first = 1;
		fputc('[', fp);
		render_table_json_rows(tables[0], fp, &first);
		fputs(first ? "]\n" : "\n]\n", fp);
		return;
	}
	/* Several tables have several row shapes: one array each, by name. */
	fputc('{', fp);
	for (int k = 0; k < n; k++) {
		int first = 1;
		fputs(k ? ",\n" : "\n", fp);
		render_json_string(fp, tables[k]->name);
		fputs(": [", fp);
		render_table_json_rows(tables[k], fp, &first);
		fputs(first ? "]" : "\n]", fp);
	}
	fputs(n ? "\n}\n" : "}\n", fp);
}

/* --out names a folder: it exists as one, or ends in '/'. */
void render_table_names(struct cf_table *const *tables, int n, char *buf, size_t size)
{
	buf[0] = '\0';
	for (int k = 0; k < n; k++) {
		size_t len = strlen(buf);
		snprintf(buf + len, size - len, "%s%s", k ? (k == n - 1 ? " and " : ", ") : "", tables[k]->name);
	}
}

int render_out_is_dir(const char *out)
{
	struct stat sb;
	if (!out || strcmp(out, "-") == 0)
		return 0;
	size_t len = strlen(out);
	if (len && out[len - 1] == '/')
		return 1;
	return stat(out, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* CSV into a folder: NAME.csv per table, so each file holds one table. */
static int write_csv_dir(struct cf_table *const *tables, int n, const char *dir, struct cf_error *err)
{
	if (mkdir(dir, 0777) != 0 && errno != EEXIST)
		return cf_error_at(err, CF_EIO, dir, 0, NULL, NULL, "cannot create folder: %s", strerror(errno));
	size_t len = strlen(dir);
	while (len > 1 && dir[len - 1] == '/')
		len--;
	for (int k = 0; k < n; k++) {
		char path[4096];
		int w = snprintf(path, sizeof path, "%.*s/%s.csv", (int)len, dir, tables[k]->name);
		if (w < 0 || (size_t)w >= sizeof path)
			return cf_error_at(err, CF_EIO, dir, 0, NULL, NULL, "path too long");
		/* a table name is a word, but keep it one file name whatever it is */
		for (char *p = path + len + 1; *p; p++)
			if (*p == '/')
				*p = '_';
		FILE *fp = fopen(path, "w");
		if (!fp)
			return cf_error_at(err, CF_EIO, path, 0, NULL, NULL, "cannot create file");
		render_table_csv(tables[k], fp);
		int bad = ferror(fp);
		if (fclose(fp) != 0 || bad)
			return cf_error_at(err, CF_EIO, path, 0, NULL, NULL, "write error");
	}
	return CF_OK;
}

int render_tables(struct cf_table *const *tables, int n, enum render_format fmt,
		  const char *out, struct cf_error *err)
{
	if (fmt == RENDER_XLSX) {
		if (!out || strcmp(out, "-") == 0)
			return cf_error_set(err, CF_EUSAGE, "--format xlsx needs --out FILE.xlsx");
		return write_xlsx(tables, n, out, NULL, NULL, err);
	}
	if (fmt == RENDER_CSV && render_out_is_dir(out))
		return write_csv_dir(tables, n, out, err);
	if (fmt == RENDER_CSV && n > 1) {
		/* one table per CSV: a reader of the file sees one header and one row shape */
		char names[600];
		render_table_names(tables, n, names, sizeof names);
		return cf_error_set(err, CF_EUSAGE,
				    "a CSV file holds one table and this output has %d (%s): name one with --table NAME, "
				    "or write a file each with --out DIR/", n, names);
	}
	FILE *fp = stdout;
	if (out && strcmp(out, "-") != 0) {
		fp = fopen(out, "w");
		if (!fp)
			return cf_error_at(err, CF_EIO, out, 0, NULL, NULL, "cannot create file");
	}
	if (fmt == RENDER_JSON)
		render_tables_json(tables, n, fp);
	for (int k = 0; k < n && fmt != RENDER_JSON; k++) {
		switch (fmt) {
		case RENDER_TABLE:
			if (k)
				fputc('\n', fp);
			if (n > 1)
				fprintf(fp, "%s\n\n", tables[k]->name);
			render_table_text(tables[k], fp);
			break;
		case RENDER_CSV:
			if (k)
				fputc('\n', fp);
			render_table_csv(tables[k], fp);
			break;
		case RENDER_JSON:
		case RENDER_XLSX: break;
		}
	}
	int bad = ferror(fp);
	if (fp != stdout) {
		if (fclose(fp) != 0)
			bad = 1;
	} else {
		fflush(fp);
	}
	if (bad)
		return cf_error_at(err, CF_EIO, out ? out : "stdout", 0, NULL, NULL, "write error");
	return CF_OK;
}
