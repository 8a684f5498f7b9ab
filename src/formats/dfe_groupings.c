/* Statistical-neighbour groupings (wide: one row per LA, SN1..SN10 with a
 * closeness column after each) and the ONS LTLA-UTLA lookup. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/csv.h"
#include "formats/dfe_tidy.h"

#define SN_MAX 20

/* Lower-case letters and digits only: "LA num" -> "lanum", "SN_1P" -> "sn1p". */
static void squash(const char *s, size_t len, char *out, size_t size)
{
	size_t k = 0;
	for (size_t i = 0; i < len && k + 1 < size; i++)
		if (isalnum((unsigned char)s[i]))
			out[k++] = (char)tolower((unsigned char)s[i]);
	out[k] = '\0';
}

/* "sn12" -> 12; "snp", "sn12p" -> 0 (a closeness column); else -1. */
static int sn_rank(const char *sq, int *closeness)
{
	*closeness = 0;
	if (sq[0] != 's' || sq[1] != 'n')
		return -1;
	const char *p = sq + 2;
	int rank = 0;
	while (isdigit((unsigned char)*p)) {
		if (rank > SN_MAX)
			return -1;   /* no grouping has that many neighbours; and no overflow */
		rank = rank * 10 + (*p++ - '0');
	}
	if (*p == 'p' && p[1] == '\0') {
		*closeness = 1;
		return 0;
	}
	return *p == '\0' && rank > 0 ? rank : -1;
}

struct sn_layout {
	int code, name;
	int ncols;
	int rank_col[SN_MAX + 1];      /* rank -> column, -1 when absent */
	int close_col[SN_MAX + 1];
};

static int sn_layout(char *const *fields, const size_t *lens, int n, struct sn_layout *l)
{
	l->code = l->name = -1;
	for (int k = 0; k <= SN_MAX; k++)
		l->rank_col[k] = l->close_col[k] = -1;
	int any = 0;
	for (int i = 0; i < n; i++) {
		char sq[64];
		int closeness;
		squash(fields[i], lens[i], sq, sizeof sq);
		if (l->code < 0 && (!strcmp(sq, "oldlacode") || !strcmp(sq, "lanum") || !strcmp(sq, "lanumber") ||
				    !strcmp(sq, "lacode")))
			l->code = i;
		else if (l->name < 0 && !strcmp(sq, "laname"))
			l->name = i;
		int rank = sn_rank(sq, &closeness);
		if (rank > 0 && rank <= SN_MAX && l->rank_col[rank] < 0) {
			l->rank_col[rank] = i;
			any = 1;
			/* the closeness of SNk is the column after it */
			if (i + 1 < n) {
				char next[64];
				squash(fields[i + 1], lens[i + 1], next, sizeof next);
				if (sn_rank(next, &closeness) >= 0 && closeness)
					l->close_col[rank] = i + 1;
			}
		}
	}
	l->ncols = n;
	return l->code >= 0 && any && l->rank_col[1] >= 0;
}

int dfe_sn_is_header(char *const *fields, const size_t *lens, int n)
{
	struct sn_layout l;
	return !dfe_tidy_is_header(fields, lens, n) && sn_layout(fields, lens, n, &l);
}

int dfe_sn_model_year(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	int year = 0;
	for (const char *p = base; *p; p++)
		if (p[0] == '2' && p[1] == '0' && isdigit((unsigned char)p[2]) && isdigit((unsigned char)p[3]) &&
		    !isdigit((unsigned char)p[4]) && (p == base || !isdigit((unsigned char)p[-1])))
			year = 2000 + (p[2] - '0') * 10 + (p[3] - '0');
	return year;
}

static char *cell(struct csv_reader *r, int i)
{
	if (i < 0 || i >= r->nfields)
		return NULL;
	size_t n = r->lens[i];
	char *s = csv_trim(r->fields[i], &n);
	return n ? s : NULL;
}

static int all_digits(const char *s)
{
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return 0;
	return 1;
}

/* What a reader's rows are handed to, beside its layout. */
struct grouping_sink {
	dfe_neighbour_fn neighbour;   /* the reader's own: one of the two */
	dfe_lookup_fn lookup;
	dfe_issue_fn issue;
	void *ctx;
	long *rows;           /* rows read that are data */
};

/* The loop both readers share: blank rows are skipped; the first other row
 * must be a header (HEADER fills LAYOUT from it, or returns 0 and the file
 * is not WHAT); every later row goes to ROW. */
static int read_grouping(const char *path, int (*header)(struct csv_reader *, void *), void *layout,
			 int (*row)(struct csv_reader *, const void *, const struct grouping_sink *, struct cf_error *),
			 const struct grouping_sink *sink, const char *what, struct cf_error *err)
{
	struct csv_reader r;
	*sink->rows = 0;
	int rc = csv_reader_open(&r, path, err);
	if (rc)
		return rc;
	int got = 0, have_header = 0;
	while (!rc && (got = csv_reader_next(&r, err)) == 1) {
		if (csv_row_is_blank(&r))
			continue;
		if (!have_header) {
			if (!header(&r, layout)) {
				rc = cf_error_at(err, CF_EINPUT, path, r.line, NULL, NULL, "%s", what);
				break;
			}
			have_header = 1;
			continue;
		}
		rc = row(&r, layout, sink, err);
	}
	if (!rc && got < 0)
		rc = CF_EINPUT;
	if (!rc && !have_header)
		rc = cf_error_at(err, CF_EINPUT, path, 0, NULL, NULL, "empty file: no header");
	csv_reader_close(&r);
	return rc;
}

static int sn_header(struct csv_reader *r, void *l) { return sn_layout(r->fields, r->lens, r->nfields, l); }

static int sn_row(struct csv_reader *r, const void *layout, const struct grouping_sink *sink, struct cf_error *err)
{
	const struct sn_layout *l = layout;
	struct dfe_neighbour nb;
	memset(&nb, 0, sizeof nb);
	nb.row = r->record;
	nb.line = r->line;
	nb.la_code = cell(r, l->code);
	nb.la_name = cell(r, l->name);
	if (!nb.la_code)
		return sink->issue(sink->ctx, nb.row, nb.line, "LA number", nb.la_name, "not_data",
				   "no LA number: not a grouping row (a section heading?), skipped", err);
	(*sink->rows)++;
	if (!all_digits(nb.la_code))
		return sink->issue(sink->ctx, nb.row, nb.line, "LA number", nb.la_code, "bad_value",
				   "the LA number is not a DfE three-digit number: row skipped", err);
	int rc = 0;
	for (int k = 1; k <= SN_MAX && !rc; k++) {
		if (l->rank_col[k] < 0)
			continue;
		nb.rank = k;
		nb.neighbour_code = cell(r, l->rank_col[k]);
		nb.closeness = cell(r, l->close_col[k]);
		if (!nb.neighbour_code)
			rc = sink->issue(sink->ctx, nb.row, nb.line, "neighbour", NULL, "missing_value",
					 "a neighbour's LA number is blank: that neighbour is left out", err);
		else if (!all_digits(nb.neighbour_code))
			rc = sink->issue(sink->ctx, nb.row, nb.line, "neighbour", nb.neighbour_code, "bad_value",
					 "a neighbour's LA number is not a DfE three-digit number: left out", err);
		else
			rc = sink->neighbour(sink->ctx, &nb, err);
	}
	return rc;
}

int dfe_sn_read(const char *path, dfe_neighbour_fn fn, dfe_issue_fn issue, void *ctx, long *rows,
		struct cf_error *err)
{
	struct sn_layout l;
	struct grouping_sink sink = { .neighbour = fn, .issue = issue, .ctx = ctx, .rows = rows };
	return read_grouping(path, sn_header, &l, sn_row, &sink,
			     "not a statistical-neighbour grouping: no LA number and SN1.. columns", err);
}

/* "ltla23cd" -> 2023 when prefix is "ltla" and suffix "cd" */
static int geo_col(const char *sq, const char *prefix, const char *suffix, int *year)
{
	size_t p = strlen(prefix);
	if (strncmp(sq, prefix, p) || !isdigit((unsigned char)sq[p]) || !isdigit((unsigned char)sq[p + 1]) ||
	    strcmp(sq + p + 2, suffix))
		return 0;
	*year = 2000 + (sq[p] - '0') * 10 + (sq[p + 1] - '0');
	return 1;
}

struct lookup_layout {
	int ltla_cd, ltla_nm, utla_cd, utla_nm, year;
};

static int lookup_layout(char *const *fields, const size_t *lens, int n, struct lookup_layout *l)
{
	l->ltla_cd = l->ltla_nm = l->utla_cd = l->utla_nm = -1;
	l->year = 0;
	for (int i = 0; i < n; i++) {
		char sq[64];
		int y;
		squash(fields[i], lens[i], sq, sizeof sq);
		if (l->ltla_cd < 0 && geo_col(sq, "ltla", "cd", &y))
			l->ltla_cd = i, l->year = y;
		else if (l->ltla_nm < 0 && geo_col(sq, "ltla", "nm", &y))
			l->ltla_nm = i;
		else if (l->utla_cd < 0 && geo_col(sq, "utla", "cd", &y))
			l->utla_cd = i;
		else if (l->utla_nm < 0 && geo_col(sq, "utla", "nm", &y))
			l->utla_nm = i;
	}
	return l->ltla_cd >= 0 && l->utla_cd >= 0;
}

int dfe_lookup_is_header(char *const *fields, const size_t *lens, int n)
{
	struct lookup_layout l;
	return lookup_layout(fields, lens, n, &l);
}

static int lookup_header(struct csv_reader *r, void *l) { return lookup_layout(r->fields, r->lens, r->nfields, l); }

static int lookup_row(struct csv_reader *r, const void *layout, const struct grouping_sink *sink, struct cf_error *err)
{
	const struct lookup_layout *l = layout;
	(*sink->rows)++;
	struct dfe_lookup_row lr = { r->record, r->line, l->year, cell(r, l->ltla_cd), cell(r, l->ltla_nm),
				     cell(r, l->utla_cd), cell(r, l->utla_nm) };
	if (!lr.ltla_code || !lr.utla_code)
		return sink->issue(sink->ctx, lr.row, lr.line, lr.ltla_code ? "UTLA code" : "LTLA code", NULL,
				   "missing_value", "a code is blank: row skipped", err);
	return sink->lookup(sink->ctx, &lr, err);
}

int dfe_lookup_read(const char *path, dfe_lookup_fn fn, dfe_issue_fn issue, void *ctx, long *rows,
		    struct cf_error *err)
{
	struct lookup_layout l;
	struct grouping_sink sink = { .lookup = fn, .issue = issue, .ctx = ctx, .rows = rows };
	return read_grouping(path, lookup_header, &l, lookup_row, &sink,
			     "not an LTLA-UTLA lookup: no LTLAyyCD and UTLAyyCD columns", err);
}
