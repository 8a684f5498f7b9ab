/* Reading a programme workbook or CSV folder: one sheet definition per
 * sheet (its columns and a row parser), fed by either backend. */
#include "formats/programme.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "base/csv.h"
#include "base/dir.h"
#include "base/strbuf.h"
#include "formats/xlsx.h"

#define MAXCOLS 24

void programme_init(struct programme *p)
{
	memset(p, 0, sizeof *p);
	arena_init(&p->arena, 16 * 1024);
	p->cba.discount_rate = 0.035;
	p->workforce.agency_cap = -1;   /* "not given", told apart from a cap of 0 */
}

void programme_release(struct programme *p)
{
	free(p->workstreams);
	free(p->forecasts);
	free(p->costs);
	free(p->savings);
	free(p->benefits);
	free(p->actuals);
	free(p->milestones);
	free(p->cba.outcomes);
	free(p->cba.costs);
	free(p->workforce.demand);
	arena_release(&p->arena);
	programme_init(p);
}

const char *programme_unit_name(enum prog_unit u) { return u == PROG_THOUSANDS ? "thousands" : "pounds"; }

double prog_money_to_double(prog_money m) { return (double)m / (double)PROG_SCALE; }

int programme_workstream_known(const struct programme *p, const char *id)
{
	for (int i = 0; i < p->nworkstreams; i++)
		if (strcasecmp(p->workstreams[i].id, id) == 0)
			return 1;
	return 0;
}

const struct prog_forecast *programme_forecast_find(const struct programme *p, const char *id)
{
	for (int i = 0; i < p->nforecasts; i++)
		if (strcasecmp(p->forecasts[i].id, id) == 0)
			return &p->forecasts[i];
	return NULL;
}

/* --- values ---------------------------------------------------------------- */

int prog_money_parse(const char *s, prog_money *out)
{
	int neg = 0, paren = 0;
	while (isspace((unsigned char)*s))
		s++;
	if (*s == '(') {
		paren = 1;
		s++;
	}
	if (*s == '-' || *s == '+') {
		neg = *s == '-';
		s++;
	} else if (!strncmp(s, "\xe2\x88\x92", 3)) {   /* U+2212 MINUS SIGN, as typeset papers print it */
		neg = 1;
		s += 3;
	}
	if (!strncmp(s, "\xc2\xa3", 2))                 /* £ */
		s += 2;
	/* digits with thousands commas, then an optional fraction */
	char digits[64];
	size_t nd = 0;
	int seen_digit = 0;
	const char *p = s;
	for (; *p; p++) {
		if (isdigit((unsigned char)*p)) {
			if (nd + 1 >= sizeof digits)
				return -1;
			digits[nd++] = *p;
			seen_digit = 1;
		} else if (*p == ',' && seen_digit && isdigit((unsigned char)p[1])) {
			continue;
		} else {
			break;
		}
	}
	if (!seen_digit && *p != '.')
		return -1;
	long long whole = 0;
	for (size_t i = 0; i < nd; i++) {
		if (whole > 900000000000000LL / PROG_SCALE)
			return -1;
		whole = whole * 10 + (digits[i] - '0');
	}
	long long frac = 0;
	int nf = 0, round_up = 0;
	if (*p == '.') {
		p++;
		for (; isdigit((unsigned char)*p); p++, nf++) {
			if (nf < 4)
				frac = frac * 10 + (*p - '0');
			else if (nf == 4)
				round_up = *p >= '5';
		}
		if (!seen_digit && nf == 0)
			return -1;
	}
	for (int k = nf; k < 4; k++)
		frac *= 10;
	long long v = whole * PROG_SCALE + frac + round_up;
	if (*p == 'e' || *p == 'E') {
		/* Excel writes very large or small numbers in exponent form */
		char *end;
		errno = 0;
		double d = strtod(s, &end);
		if (errno || end == s || !isfinite(d) || fabs(d) > 9e13)
			return -1;
		p = end;
		v = llround(d * (double)PROG_SCALE);
	}
	if (paren) {
		if (*p != ')' || neg)
			return -1;
		p++;
		neg = 1;
	}
	while (isspace((unsigned char)*p))
		p++;
	if (*p)
		return -1;
	*out = neg ? -v : v;
	return 0;
}

static int parse_double(const char *s, double *out, int *percent)
{
	char *end;
	errno = 0;
	double d = strtod(s, &end);
	if (errno || end == s || !isfinite(d))
		return -1;
	*percent = 0;
	while (isspace((unsigned char)*end))
		end++;
	if (*end == '%') {
		*percent = 1;
		end++;
		while (isspace((unsigned char)*end))
			end++;
	}
	if (*end)
		return -1;
	*out = d;
	return 0;
}

/* --- reading rows from either backend ---------------------------------------- */

struct rd;

struct sheet_def {
	const char *name;
	const char *const *cols;     /* "*name|alias": * marks a column the header must have */
	int (*row)(struct rd *rd);
};

struct rd {
	struct programme *p;
	struct cf_error *err;
	const char *file;            /* named in messages */
	const struct sheet_def *def;
	int ncols;
	int map[MAXCOLS * 2];        /* input column -> sheet column, -1 when none */
	int nmap;
	int have_header;
	long row;                    /* current row, as analysts count it */
	const char *val[MAXCOLS];    /* current row's trimmed values by sheet column ("" when absent) */
	struct strbuf scratch;       /* holds the trimmed values */
	char colname[64];
};

static const char *col_canonical(const struct rd *rd, int c, char *buf, size_t size)
{
	const char *s = rd->def->cols[c];
	if (*s == '*')
		s++;
	size_t n = strcspn(s, "|");
	snprintf(buf, size, "%.*s", (int)n, s);
	return buf;
}

static int fail(struct rd *rd, int col, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fail(struct rd *rd, int col, const char *fmt, ...)
{
	char why[700];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	char name[64] = "";
	if (col >= 0)
		col_canonical(rd, col, name, sizeof name);
	return cf_error_at(rd->err, CF_EINPUT, rd->file, rd->row, col >= 0 ? name : NULL,
			   col >= 0 ? rd->val[col] : NULL, "sheet %s: %s", rd->def->name, why);
}

/* "Funding source (£000)" -> "funding_source" */
static void header_key(const char *s, char *out, size_t size)
{
	size_t n = 0;
	int under = 0;
	for (; *s && n + 1 < size; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '(')
			break;
		if (isalnum(c)) {
			if (under && n)
				out[n++] = '_';
			under = 0;
			if (n + 1 < size)
				out[n++] = (char)tolower(c);
		} else {
			under = 1;
		}
	}
	out[n] = '\0';
}

static int header_match(const char *key, const char *spec)
{
	if (*spec == '*')
		spec++;
	while (*spec) {
		size_t n = strcspn(spec, "|");
		if (strlen(key) == n && strncmp(key, spec, n) == 0)
			return 1;
		spec += n + (spec[n] == '|');
	}
	return 0;
}

static int on_header(struct rd *rd, char *const *fields, int n)
{
	int seen[MAXCOLS] = { 0 };
	rd->nmap = n < MAXCOLS * 2 ? n : MAXCOLS * 2;
	for (int i = 0; i < rd->nmap; i++) {
		char key[64];
		header_key(fields[i], key, sizeof key);
		rd->map[i] = -1;
		if (!key[0])
			continue;
		int c;
		for (c = 0; c < rd->ncols; c++)
			if (header_match(key, rd->def->cols[c]))
				break;
		if (c == rd->ncols) {
			struct strbuf sb = STRBUF_INIT;
			for (int k = 0; k < rd->ncols; k++) {
				char nm[64];
				strbuf_addf(&sb, "%s%s", k ? ", " : "", col_canonical(rd, k, nm, sizeof nm));
			}
			cf_error_at(rd->err, CF_EINPUT, rd->file, rd->row, fields[i], NULL,
				    "sheet %s: not a column of this sheet (its columns are %s; see docs/programme.md)",
				    rd->def->name, strbuf_str(&sb));
			strbuf_release(&sb);
			return CF_EINPUT;
		}
		if (seen[c])
			return cf_error_at(rd->err, CF_EINPUT, rd->file, rd->row, fields[i], NULL,
					   "sheet %s: the column is given twice", rd->def->name);
		seen[c] = 1;
		rd->map[i] = c;
	}
	for (int c = 0; c < rd->ncols; c++)
		if (rd->def->cols[c][0] == '*' && !seen[c]) {
			char nm[64];
			return cf_error_at(rd->err, CF_EINPUT, rd->file, rd->row, col_canonical(rd, c, nm, sizeof nm),
					   NULL, "sheet %s: the header has no such column, and the sheet needs it",
					   rd->def->name);
		}
	rd->have_header = 1;
	return CF_OK;
}

static int on_row(struct rd *rd, long row, char *const *fields, int n)
{
	int blank = 1;
	for (int i = 0; i < n && blank; i++)
		for (const char *s = fields[i]; *s && blank; s++)
			blank = isspace((unsigned char)*s) != 0;
	if (blank)
		return CF_OK;
	rd->row = row;
	if (!rd->have_header)
		return on_header(rd, fields, n);
	/* trimmed copies, each NUL-terminated in scratch; offsets first, then pointers */
	size_t off[MAXCOLS];
	int has[MAXCOLS] = { 0 };
	strbuf_reset(&rd->scratch);
	for (int i = 0; i < n; i++) {
		const char *s = fields[i];
		while (isspace((unsigned char)*s))
			s++;
		size_t len = strlen(s);
		while (len && isspace((unsigned char)s[len - 1]))
			len--;
		int c = i < rd->nmap ? rd->map[i] : -1;
		if (c < 0) {
			if (len)
				return cf_error_at(rd->err, CF_EINPUT, rd->file, row, NULL, s,
						   "sheet %s: a value in column %d, which has no header", rd->def->name, i + 1);
			continue;
		}
		off[c] = rd->scratch.len;
		has[c] = 1;
		if (strbuf_add(&rd->scratch, s, len) || strbuf_addc(&rd->scratch, '\0'))
			return cf_error_at(rd->err, CF_EINPUT, rd->file, row, NULL, NULL, "sheet %s: the row is too long",
					   rd->def->name);
	}
	for (int c = 0; c < rd->ncols; c++)
		rd->val[c] = has[c] ? rd->scratch.buf + off[c] : "";
	return rd->def->row(rd);
}

static int read_csv(struct rd *rd, const char *path)
{
	struct csv_reader r;
	int rc = csv_reader_open(&r, path, rd->err);
	if (rc)
		return rc;
	while ((rc = csv_reader_next(&r, rd->err)) == 1) {
		if ((rc = on_row(rd, r.record, r.fields, r.nfields)))
			break;
	}
	csv_reader_close(&r);
	return rc < 0 ? CF_EINPUT : rc;
}

struct xrow_ctx {
	struct rd *rd;
	char **fields;         /* owned */
	int cap;
	char (*dates)[11];     /* owned: ISO text of date cells */
};

static int xlsx_row(void *ctx, long row, const struct xlsx_cell *cells, int ncells, struct cf_error *err)
{
	struct xrow_ctx *x = ctx;
	if (ncells > x->cap) {
		int nc = ncells < 64 ? 64 : ncells;
		char **f = realloc(x->fields, sizeof *f * (size_t)nc);
		char (*d)[11] = f ? realloc(x->dates, sizeof *d * (size_t)nc) : NULL;
		if (f)
			x->fields = f;
		if (!f || !d)
			return cf_error_set(err, CF_EIO, "out of memory");
		x->dates = d;
		x->cap = nc;
	}
	for (int i = 0; i < ncells; i++) {
		cf_date d;
		x->fields[i] = (char *)cells[i].text;
		if (cells[i].is_date && cells[i].is_number && xlsx_serial_to_date(strtod(cells[i].text, NULL), &d) == 0) {
			cf_date_format(d, x->dates[i]);
			x->fields[i] = x->dates[i];
		}
	}
	return on_row(x->rd, row, x->fields, ncells);
}

/* --- the sheets ------------------------------------------------------------------- */

#define V(c) (rd->val[c])
#define PUSH(arr, n, item) push((void **)&(arr), &(n), sizeof *(arr), &(item))

static int push(void **arr, int *n, size_t size, const void *item)
{
	/* capacity doubles at powers of two */
	if ((*n & (*n - 1)) == 0) {
		size_t cap = *n ? (size_t)*n * 2 : 1;
		void *v = realloc(*arr, cap * size);
		if (!v)
			return -1;
		*arr = v;
	}
	memcpy((char *)*arr + (size_t)*n * size, item, size);
	(*n)++;
	return 0;
}

static int oom(struct rd *rd) { return cf_error_set(rd->err, CF_EIO, "out of memory"); }

static const char *text(struct rd *rd, int c)
{
	return V(c)[0] ? arena_strdup(&rd->p->arena, V(c)) : NULL;
}

static int need(struct rd *rd, int c)
{
	return V(c)[0] ? CF_OK : fail(rd, c, "a value is needed here");
}

static int get_int(struct rd *rd, int c, int required, long dflt, long min, long max, int *out)
{
	if (!V(c)[0]) {
		if (required)
			return need(rd, c);
		*out = (int)dflt;
		return CF_OK;
	}
	char *end;
	errno = 0;
	double d = strtod(V(c), &end);
	while (isspace((unsigned char)*end))
		end++;
	if (errno || end == V(c) || *end || d != floor(d))
		return fail(rd, c, "must be a whole number");
	if (d < (double)min || d > (double)max)
		return fail(rd, c, "must be from %ld to %ld", min, max);
	*out = (int)d;
	return CF_OK;
}

/* A financial-year label: "2017-18", "2017/18", "2017-2018" (any spaces
 * around the dash) -> 2017, the year it starts; -1 when s is none. */
static int fy_label(const char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	int y1 = 0, n = 0;
	for (; n < 4 && isdigit((unsigned char)s[n]); n++)
		y1 = y1 * 10 + (s[n] - '0');
	if (n != 4)
		return -1;
	s += 4;
	while (isspace((unsigned char)*s))
		s++;
	if (*s != '-' && *s != '/')
		return -1;
	s++;
	while (isspace((unsigned char)*s))
		s++;
	int y2 = 0, m = 0;
	for (; m < 4 && isdigit((unsigned char)s[m]); m++)
		y2 = y2 * 10 + (s[m] - '0');
	s += m;
	while (isspace((unsigned char)*s))
		s++;
	if (*s || !((m == 2 && y2 == (y1 + 1) % 100) || (m == 4 && y2 == y1 + 1)))
		return -1;
	return y1;
}

/* first_year: a year (2024) or a financial-year label (2024-25, 2024/25). */
static int get_first_year(struct rd *rd, int c, int *out)
{
	int fy = V(c)[0] ? fy_label(V(c)) : -1;
	if (fy < 0)
		return get_int(rd, c, 1, 0, 1990, 2100, out);
	if (fy < 1990 || fy > 2100)
		return fail(rd, c, "must be from 1990 to 2100");
	*out = fy;
	return CF_OK;
}

/* A programme year: the number of years from first_year (0 = the first), or
 * a financial-year label (2025-26, 2025/26), which needs first_year. */
static int get_year(struct rd *rd, int c, int required, int *out)
{
	int fy = V(c)[0] ? fy_label(V(c)) : -1;
	if (fy < 0)
		return get_int(rd, c, required, 0, 0, PROG_MAX_YEAR, out);
	if (!rd->p->first_year)
		return fail(rd, c, "a financial year (%s) needs first_year in the programme sheet: it gives year 0", V(c));
	if (fy - rd->p->first_year < 0 || fy - rd->p->first_year > PROG_MAX_YEAR)
		return fail(rd, c, "must be a financial year from %d-%02d to %d-%02d (first_year %d and the %d years after it)",
			    rd->p->first_year, (rd->p->first_year + 1) % 100, rd->p->first_year + PROG_MAX_YEAR,
			    (rd->p->first_year + PROG_MAX_YEAR + 1) % 100, rd->p->first_year, PROG_MAX_YEAR);
	*out = fy - rd->p->first_year;
	return CF_OK;
}

static int get_money(struct rd *rd, int c, prog_money *out)
{
	if (!V(c)[0])
		return need(rd, c);
	if (prog_money_parse(V(c), out))
		return fail(rd, c, "must be an amount of money (digits, optionally with a sign, £, thousands commas and decimals)");
	return CF_OK;
}

static int get_real(struct rd *rd, int c, int required, double dflt, double min, double max, double *out)
{
	int pct;
	if (!V(c)[0]) {
		if (required)
			return need(rd, c);
		*out = dflt;
		return CF_OK;
	}
	if (parse_double(V(c), out, &pct) || pct)
		return fail(rd, c, "must be a number");
	if (*out < min || *out > max)
		return fail(rd, c, "must be from %g to %g", min, max);
	return CF_OK;
}

/* A share from 0 to 1, also accepted as a percentage ("35%"). */
static int get_rate(struct rd *rd, int c, int required, double dflt, double *out)
{
	int pct;
	if (!V(c)[0]) {
		if (required)
			return need(rd, c);
		*out = dflt;
		return CF_OK;
	}
	if (parse_double(V(c), out, &pct))
		return fail(rd, c, "must be a rate from 0 to 1 (or a percentage such as 35%%)");
	if (pct)
		*out /= 100.0;
	if (*out < 0 || *out > 1)
		return fail(rd, c, "must be a rate from 0 to 1 (or 0%% to 100%%)");
	return CF_OK;
}

static int get_date(struct rd *rd, int c, int required, cf_date *out)
{
	if (!V(c)[0]) {
		if (required)
			return need(rd, c);
		*out = CF_DATE_NONE;
		return CF_OK;
	}
	if (cf_date_parse_datetime(V(c), strlen(V(c)), out))
		return fail(rd, c, "must be a date (dd/mm/yyyy or yyyy-mm-dd)");
	return CF_OK;
}

/* One of a list of "word|alias" choices, compared like headers. Returns its index. */
static int get_choice(struct rd *rd, int c, int required, int dflt, const char *const *choices, int n, int *out)
{
	if (!V(c)[0]) {
		if (required)
			return need(rd, c);
		*out = dflt;
		return CF_OK;
	}
	char key[64];
	header_key(V(c), key, sizeof key);
	for (int i = 0; i < n; i++)
		if (header_match(key, choices[i])) {
			*out = i;
			return CF_OK;
		}
	struct strbuf sb = STRBUF_INIT;
	for (int i = 0; i < n; i++)
		strbuf_addf(&sb, "%s%.*s", i ? ", " : "", (int)strcspn(choices[i], "|"), choices[i]);
	int rc = fail(rd, c, "must be one of: %s", strbuf_str(&sb));
	strbuf_release(&sb);
	return rc;
}

static const char *const yes_no[] = { "no|n|false|0", "yes|y|true|1" };

static int get_flag(struct rd *rd, int c, int required, int dflt, int *out)
{
	return get_choice(rd, c, required, dflt, yes_no, 2, out);
}

static int get_workstream(struct rd *rd, int c, int required, const char **out)
{
	if (!V(c)[0]) {
		*out = NULL;
		return required ? need(rd, c) : CF_OK;
	}
	for (int i = 0; i < rd->p->nworkstreams; i++)
		if (strcasecmp(rd->p->workstreams[i].id, V(c)) == 0) {
			*out = rd->p->workstreams[i].id;
			return CF_OK;
		}
	return fail(rd, c, "not a workstream of this programme (the workstreams sheet lists %d)",
		    rd->p->nworkstreams);
}

static int get_forecast(struct rd *rd, int c, const struct prog_forecast **out)
{
	*out = V(c)[0] ? programme_forecast_find(rd->p, V(c)) : NULL;
	if (V(c)[0] && !*out)
		return fail(rd, c, "not a forecast of this programme (the forecasts sheet lists %d)", rd->p->nforecasts);
	return CF_OK;
}

/* A file named in a cell, relative to the folder the sheet's file is in
 * (the CSV folder, or the workbook's); it must be there to read. */
static int get_path(struct rd *rd, int c, const char **out)
{
	*out = NULL;
	if (!V(c)[0])
		return CF_OK;
	struct strbuf sb = STRBUF_INIT;
	const char *slash = strrchr(rd->file, '/');
	if (V(c)[0] != '/' && slash)
		strbuf_add(&sb, rd->file, (size_t)(slash - rd->file + 1));
	strbuf_addf(&sb, "%s", V(c));
	struct stat st;
	int rc = CF_OK;
	if (stat(strbuf_str(&sb), &st) != 0 || !S_ISREG(st.st_mode))
		rc = fail(rd, c, "no such file: %s (a file here is found from the folder the sheet is in)", strbuf_str(&sb));
	else if (!(*out = arena_strdup(&rd->p->arena, strbuf_str(&sb))))
		rc = oom(rd);
	strbuf_release(&sb);
	return rc;
}

/* programme: setting, value */
static const char *const programme_cols[] = { "*setting|item|key", "*value" };
enum { PG_SETTING, PG_VALUE };
static const char *const programme_settings[] = { "name", "unit|units", "first_year|start_year" };
static const char *const units[] = { "pounds|pound|gbp", "thousands|000s|000|gbp000|gbp000s|k" };

static int programme_row(struct rd *rd)
{
	int which, rc;
	if ((rc = get_choice(rd, PG_SETTING, 1, 0, programme_settings, 3, &which)) || (rc = need(rd, PG_VALUE)))
		return rc;
	switch (which) {
	case 0: return (rd->p->name = text(rd, PG_VALUE)) ? CF_OK : oom(rd);
	case 1: {
		int u = 0;
		/* header_key drops the £: "£000" is "000"; "£" alone is pounds */
		if (strcmp(V(PG_VALUE), "\xc2\xa3") && (rc = get_choice(rd, PG_VALUE, 1, 0, units, 2, &u)))
			return rc;
		rd->p->unit = u ? PROG_THOUSANDS : PROG_POUNDS;
		return CF_OK;
	}
	default:
		return get_first_year(rd, PG_VALUE, &rd->p->first_year);
	}
}

/* workstreams: workstream, name, lead */
static const char *const workstream_cols[] = { "*workstream|id", "name|description", "lead|owner" };

static int workstream_row(struct rd *rd)
{
	int rc = need(rd, 0);
	if (rc)
		return rc;
	if (programme_workstream_known(rd->p, V(0)))
		return fail(rd, 0, "the workstream is listed twice");
	struct prog_workstream w = { text(rd, 0), text(rd, 1), text(rd, 2), rd->row };
	return !w.id || PUSH(rd->p->workstreams, rd->p->nworkstreams, w) ? oom(rd) : CF_OK;
}

/* costs: year, workstream, kind, amount, funding_source */
static const char *const cost_cols[] = { "*year", "workstream", "*kind|type", "*amount|cost", "funding_source|funding" };
static const char *const cost_kinds[] = { "one_off|oneoff|one_time", "ongoing|recurring|revenue" };

static int cost_row(struct rd *rd)
{
	struct prog_cost c = { .row = rd->row };
	int rc;
	if ((rc = get_year(rd, 0, 1, &c.year)) || (rc = get_workstream(rd, 1, 0, &c.workstream)) ||
	    (rc = get_choice(rd, 2, 1, 0, cost_kinds, 2, &c.ongoing)) || (rc = get_money(rd, 3, &c.amount)))
		return rc;
	c.funding = text(rd, 4);
	return PUSH(rd->p->costs, rd->p->ncosts, c) ? oom(rd) : CF_OK;
}

/* forecasts: forecast, scenario, ref_start, ref_end, start, months, method, entrants, costs, inflation */
static const char *const forecast_cols[] = { "*forecast|id", "scenario|scenario_file", "ref_start", "ref_end",
					     "start", "months", "method", "entrants", "costs|unit_costs",
					     "inflation" };
enum { FC_ID, FC_SCENARIO, FC_REF_START, FC_REF_END, FC_START, FC_MONTHS, FC_METHOD, FC_ENTRANTS, FC_COSTS,
       FC_INFLATION };
/* the forecast engine's names (analyses/forecast_*.h), as header_key spells them */
static const char *const fc_methods[] = { "markov", "exact_age", "duration" };
static const char *const fc_methods_canon[] = { "markov", "exact-age", "duration" };
static const char *const fc_entrants[] = { "constant", "trend", "seasonal", "trend_seasonal" };
static const char *const fc_entrants_canon[] = { "constant", "trend", "seasonal", "trend+seasonal" };

static int forecast_row(struct rd *rd)
{
	struct prog_forecast f = { .row = rd->row };
	int rc, method, entrants;
	if ((rc = need(rd, FC_ID)))
		return rc;
	if (programme_forecast_find(rd->p, V(FC_ID)))
		return fail(rd, FC_ID, "the forecast is listed twice");
	if ((rc = get_path(rd, FC_SCENARIO, &f.scenario)) || (rc = get_path(rd, FC_COSTS, &f.costs)) ||
	    (rc = get_date(rd, FC_REF_START, 0, &f.ref_start)) || (rc = get_date(rd, FC_REF_END, 0, &f.ref_end)) ||
	    (rc = get_date(rd, FC_START, 0, &f.start)) || (rc = get_int(rd, FC_MONTHS, 0, 0, 1, 120, &f.months)) ||
	    (rc = get_choice(rd, FC_METHOD, 0, 0, fc_methods, 3, &method)) ||
	    (rc = get_choice(rd, FC_ENTRANTS, 0, 0, fc_entrants, 4, &entrants)) ||
	    (rc = get_rate(rd, FC_INFLATION, 0, 0, &f.inflation)))
		return rc;
	if (f.ref_start != CF_DATE_NONE && f.ref_end != CF_DATE_NONE && f.ref_start >= f.ref_end)
		return fail(rd, FC_REF_END, "the reference window must end after it starts");
	f.method = fc_methods_canon[method];
	f.entrants = fc_entrants_canon[entrants];
	f.id = text(rd, FC_ID);
	return !f.id || PUSH(rd->p->forecasts, rd->p->nforecasts, f) ? oom(rd) : CF_OK;
}

/* savings: year, workstream, saving; or workstream and forecast; or workstream and shift */
static const char *const saving_cols[] = { "year", "*workstream", "saving|incremental_saving|amount", "forecast",
					   "shift|placement_shift" };
enum { SV_YEAR, SV_WS, SV_SAVING, SV_FORECAST, SV_SHIFT };

static int saving_row(struct rd *rd)
{
	struct prog_saving s = { .row = rd->row };
	const struct prog_forecast *f;
	int rc;
	if ((rc = get_workstream(rd, SV_WS, 1, &s.workstream)) || (rc = get_forecast(rd, SV_FORECAST, &f)) ||
	    (rc = get_path(rd, SV_SHIFT, &s.shift)))
		return rc;
	if (f && s.shift)
		return fail(rd, SV_SHIFT, "a line takes its savings from a forecast or from a shift, not both");
	if (f || s.shift) {
		/* a modelled line: its years and amounts come from the forecast or the shift at load */
		int c = f ? SV_FORECAST : SV_SHIFT;
		const char *what = f ? "forecast" : "shift";
		if (V(SV_YEAR)[0])
			return fail(rd, SV_YEAR, "a line that names a %s takes its years from it: leave year blank", what);
		if (V(SV_SAVING)[0])
			return fail(rd, SV_SAVING, "a line that names a %s takes its savings from it: leave saving blank", what);
		if (f && !f->scenario)
			return fail(rd, SV_FORECAST, "the forecast has no scenario: a saving is a scenario's cost "
				    "difference from the base forecast");
		if (!rd->p->first_year)
			return fail(rd, c, "set first_year in the programme sheet, so the %s's financial "
				    "years can be put against the business case's", what);
		s.forecast = f ? f->id : NULL;
		s.pending = 1;
		s.year = -1;
	} else if ((rc = get_year(rd, SV_YEAR, 1, &s.year)) || (rc = get_money(rd, SV_SAVING, &s.amount))) {
		return rc;
	}
	return PUSH(rd->p->savings, rd->p->nsavings, s) ? oom(rd) : CF_OK;
}

/* benefits */
static const char *const benefit_cols[] = {
	"*benefit|id", "*name", "*financial", "measure|indicator", "unit", "*baseline_date", "*baseline_value|baseline",
	"*target_date", "*target_value|target", "trajectory|shape", "tolerance", "owner", "workstream",
};
enum { BN_ID, BN_NAME, BN_FIN, BN_MEASURE, BN_UNIT, BN_BDATE, BN_BVAL, BN_TDATE, BN_TVAL, BN_SHAPE, BN_TOL,
       BN_OWNER, BN_WS };
static const char *const shapes[] = { "linear|straight_line", "geometric|exponential" };

static int benefit_row(struct rd *rd)
{
	struct prog_benefit b = { .row = rd->row };
	int rc, shape;
	if ((rc = need(rd, BN_ID)) || (rc = need(rd, BN_NAME)) || (rc = get_flag(rd, BN_FIN, 1, 0, &b.financial)) ||
	    (rc = get_date(rd, BN_BDATE, 1, &b.baseline_date)) ||
	    (rc = get_real(rd, BN_BVAL, 1, 0, -1e15, 1e15, &b.baseline)) ||
	    (rc = get_date(rd, BN_TDATE, 1, &b.target_date)) ||
	    (rc = get_real(rd, BN_TVAL, 1, 0, -1e15, 1e15, &b.target)) ||
	    (rc = get_choice(rd, BN_SHAPE, 0, PROG_LINEAR, shapes, 2, &shape)) ||
	    (rc = get_rate(rd, BN_TOL, 0, 0.1, &b.tolerance)) || (rc = get_workstream(rd, BN_WS, 0, &b.workstream)))
		return rc;
	for (int i = 0; i < rd->p->nbenefits; i++)
		if (strcasecmp(rd->p->benefits[i].id, V(BN_ID)) == 0)
			return fail(rd, BN_ID, "the benefit is listed twice");
	if (b.target_date <= b.baseline_date)
		return fail(rd, BN_TDATE, "the target date must come after the baseline date");
	b.shape = (enum prog_shape)shape;
	if (b.shape == PROG_GEOMETRIC && (b.baseline <= 0 || b.target <= 0))
		return fail(rd, BN_SHAPE, "a geometric trajectory needs a baseline and a target above zero");
	b.id = text(rd, BN_ID);
	b.name = text(rd, BN_NAME);
	b.measure = V(BN_MEASURE)[0] ? text(rd, BN_MEASURE) : "manual";
	b.unit = text(rd, BN_UNIT);
	b.owner = text(rd, BN_OWNER);
	if (!b.id || !b.name || !b.measure)
		return oom(rd);
	return PUSH(rd->p->benefits, rd->p->nbenefits, b) ? oom(rd) : CF_OK;
}

/* actuals: benefit, date, value */
static const char *const actual_cols[] = { "*benefit|id", "*date", "*value|actual" };

static int actual_row(struct rd *rd)
{
	struct prog_actual a = { .row = rd->row };
	int rc;
	if ((rc = need(rd, 0)) || (rc = get_date(rd, 1, 1, &a.date)) || (rc = get_real(rd, 2, 1, 0, -1e15, 1e15, &a.value)))
		return rc;
	for (int i = 0; i < rd->p->nbenefits; i++)
		if (strcasecmp(rd->p->benefits[i].id, V(0)) == 0)
			a.benefit = rd->p->benefits[i].id;
	if (!a.benefit)
		return fail(rd, 0, "not a benefit of this programme (the benefits sheet lists %d)", rd->p->nbenefits);
	return PUSH(rd->p->actuals, rd->p->nactuals, a) ? oom(rd) : CF_OK;
}

/* milestones: milestone, workstream, due, done, owner */
static const char *const milestone_cols[] = { "*milestone|name", "workstream", "*due|due_date", "done|done_date|completed",
					      "owner" };

static int milestone_row(struct rd *rd)
{
	struct prog_milestone m = { .row = rd->row };
	int rc;
	if ((rc = need(rd, 0)) || (rc = get_workstream(rd, 1, 0, &m.workstream)) || (rc = get_date(rd, 2, 1, &m.due)) ||
	    (rc = get_date(rd, 3, 0, &m.done)))
		return rc;
	m.name = text(rd, 0);
	m.owner = text(rd, 4);
	return !m.name || PUSH(rd->p->milestones, rd->p->nmilestones, m) ? oom(rd) : CF_OK;
}

/* cba: one row per setting, cost or outcome */
static const char *const cba_cols[] = {
	"*record|type", "name", "agency", "year", "value|amount", "cohort", "engagement", "impact", "deadweight",
	"attribution", "unit_value", "value_type|benefit_type", "cashable", "drop_off", "lag", "duration",
	"optimism_bias",
};
enum { CB_RECORD, CB_NAME, CB_AGENCY, CB_YEAR, CB_VALUE, CB_COHORT, CB_ENGAGE, CB_IMPACT, CB_DEADWEIGHT,
       CB_ATTRIB, CB_UNIT_VALUE, CB_TYPE, CB_CASHABLE, CB_DROP, CB_LAG, CB_DURATION, CB_OB };
static const char *const cba_records[] = { "setting", "cost", "outcome|benefit" };
static const char *const cba_settings[] = { "discount_rate", "appraisal_years|appraisal_period" };
static const char *const value_types[] = { "fiscal", "economic", "social" };

static int cba_row(struct rd *rd)
{
	struct prog_cba *cba = &rd->p->cba;
	int rec, rc;
	if ((rc = get_choice(rd, CB_RECORD, 1, 0, cba_records, 3, &rec)))
		return rc;
	cba->present = 1;
	if (rec == 0) {
		int which;
		if ((rc = get_choice(rd, CB_NAME, 1, 0, cba_settings, 2, &which)))
			return rc;
		if (which == 0)
			return get_rate(rd, CB_VALUE, 1, 0, &cba->discount_rate);
		return get_int(rd, CB_VALUE, 1, 0, 1, PROG_MAX_YEAR + 1, &cba->appraisal_years);
	}
	if (rec == 1) {
		struct prog_cba_cost c = { .row = rd->row };
		if ((rc = need(rd, CB_AGENCY)) || (rc = get_year(rd, CB_YEAR, 1, &c.year)) ||
		    (rc = get_real(rd, CB_VALUE, 1, 0, -1e15, 1e15, &c.amount)) || (rc = get_rate(rd, CB_OB, 0, 0, &c.optimism_bias)))
			return rc;
		c.name = V(CB_NAME)[0] ? text(rd, CB_NAME) : "cost";
		c.agency = text(rd, CB_AGENCY);
		return !c.name || !c.agency || PUSH(cba->costs, cba->ncosts, c) ? oom(rd) : CF_OK;
	}
	struct prog_outcome o = { .row = rd->row };
	int type;
	if ((rc = need(rd, CB_NAME)) || (rc = need(rd, CB_AGENCY)) ||
	    (rc = get_year(rd, CB_YEAR, 0, &o.year)) ||
	    (rc = get_real(rd, CB_COHORT, 1, 0, 0, 1e12, &o.cohort)) || (rc = get_rate(rd, CB_ENGAGE, 1, 0, &o.engagement)) ||
	    (rc = get_rate(rd, CB_IMPACT, 1, 0, &o.impact)) || (rc = get_rate(rd, CB_DEADWEIGHT, 0, 0, &o.deadweight)) ||
	    (rc = get_rate(rd, CB_ATTRIB, 0, 1, &o.attribution)) ||
	    (rc = get_real(rd, CB_UNIT_VALUE, 1, 0, -1e12, 1e12, &o.unit_value)) ||
	    (rc = get_choice(rd, CB_TYPE, 1, 0, value_types, 3, &type)) || (rc = get_flag(rd, CB_CASHABLE, 0, 0, &o.cashable)) ||
	    (rc = get_rate(rd, CB_DROP, 0, 0, &o.drop_off)) || (rc = get_int(rd, CB_LAG, 0, 0, 0, PROG_MAX_YEAR, &o.lag)) ||
	    (rc = get_int(rd, CB_DURATION, 0, 1, 1, PROG_MAX_YEAR + 1, &o.duration)) ||
	    (rc = get_rate(rd, CB_OB, 0, 0, &o.optimism_bias)))
		return rc;
	o.type = (enum prog_value_type)type;
	if (o.cashable && o.type != PROG_FISCAL)
		return fail(rd, CB_CASHABLE, "only a fiscal benefit can be cashable");
	o.name = text(rd, CB_NAME);
	o.agency = text(rd, CB_AGENCY);
	return !o.name || !o.agency || PUSH(cba->outcomes, cba->noutcomes, o) ? oom(rd) : CF_OK;
}

/* workforce: item, role, contract, date, value, forecast, indicator */
static const char *const workforce_cols[] = { "*item|setting", "role", "contract|contract_type", "date|month", "*value",
					      "forecast", "indicator|measure" };
enum { WF_ITEM, WF_ROLE, WF_CONTRACT, WF_DATE, WF_VALUE, WF_FORECAST, WF_INDICATOR };
static const char *const wf_items[] = { "caseload_standard|caseload|max_caseload", "span_of_control|span|max_span",
					"agency_cap", "cost_per_fte|cost", "cases|demand", "establishment|establishment_fte" };
static const char *const roles[] = { "social_worker|social_workers|sw", "manager|managers|team_manager" };
static const char *const contracts[] = { "permanent|employed|perm", "agency|locum" };

static int workforce_row(struct rd *rd)
{
	struct prog_workforce *wf = &rd->p->workforce;
	int item, role = 0, contract = 0, rc;
	if ((rc = get_choice(rd, 0, 1, 0, wf_items, 6, &item)))
		return rc;
	if (item == 3 || item == 5) {
		if ((rc = get_choice(rd, 1, 1, 0, roles, 2, &role)) || (rc = get_choice(rd, 2, 1, 0, contracts, 2, &contract)))
			return rc;
	}
	switch (item) {
	case 0: return get_real(rd, 4, 1, 0, 1, 1000, &wf->caseload_standard);
	case 1: return get_real(rd, 4, 1, 0, 1, 1000, &wf->span);
	case 2: return get_rate(rd, 4, 1, 0, &wf->agency_cap);
	case 3:
		wf->has_cost[role][contract] = 1;
		return get_real(rd, 4, 1, 0, 0, 1e12, &wf->cost_per_fte[role][contract]);
	case 5:
		wf->has_establishment = 1;
		return get_real(rd, 4, 1, 0, 0, 1e7, &wf->establishment[role][contract]);
	default: {
		struct prog_demand d = { .row = rd->row };
		const struct prog_forecast *f;
		if ((rc = get_forecast(rd, WF_FORECAST, &f)))
			return rc;
		if (wf->demand_pending)
			return fail(rd, WF_ITEM, "the demand is already given as a series by row %ld", wf->demand_row);
		if (f || V(WF_INDICATOR)[0]) {
			/* a series computed at load: value is cases per unit of it */
			if (f && V(WF_INDICATOR)[0])
				return fail(rd, WF_INDICATOR, "give the demand as a forecast or an indicator, not both");
			if (V(WF_DATE)[0])
				return fail(rd, WF_DATE, "a demand series has its own months: leave date blank");
			if (wf->ndemand)
				return fail(rd, f ? WF_FORECAST : WF_INDICATOR,
					    "cases are already given as figures (row %ld): give figures or a series, not both",
					    wf->demand[0].row);
			if ((rc = get_real(rd, WF_VALUE, 0, 1, 0, 1e6, &wf->cases_per_unit)))
				return rc;
			if (!wf->cases_per_unit)
				return fail(rd, WF_VALUE, "cases per unit of the series must be above 0");
			wf->demand_forecast = f ? f->id : NULL;
			wf->demand_indicator = f ? NULL : text(rd, WF_INDICATOR);
			wf->demand_row = rd->row;
			wf->demand_pending = 1;
			return f || wf->demand_indicator ? CF_OK : oom(rd);
		}
		if ((rc = get_date(rd, 3, 0, &d.date)) || (rc = get_real(rd, 4, 1, 0, 0, 1e9, &d.cases)))
			return rc;
		for (int i = 0; i < wf->ndemand; i++)
			if ((wf->demand[i].date == CF_DATE_NONE) != (d.date == CF_DATE_NONE))
				return fail(rd, 3, "give cases either as one undated figure or as a dated series, not both");
			else if (wf->demand[i].date == d.date)
				return fail(rd, 3, "cases are given twice for this date");
		return PUSH(wf->demand, wf->ndemand, d) ? oom(rd) : CF_OK;
	}
	}
}

#define NCOLS(a) ((int)(sizeof a / sizeof a[0]))
static const struct sheet_def sheets[] = {
	{ "programme", programme_cols, programme_row },
	{ "workstreams", workstream_cols, workstream_row },
	{ "forecasts", forecast_cols, forecast_row },
	{ "costs", cost_cols, cost_row },
	{ "savings", saving_cols, saving_row },
	{ "benefits", benefit_cols, benefit_row },
	{ "actuals", actual_cols, actual_row },
	{ "milestones", milestone_cols, milestone_row },
	{ "cba", cba_cols, cba_row },
	{ "workforce", workforce_cols, workforce_row },
};
static const int sheet_ncols[] = { NCOLS(programme_cols), NCOLS(workstream_cols), NCOLS(forecast_cols), NCOLS(cost_cols),
				   NCOLS(saving_cols), NCOLS(benefit_cols), NCOLS(actual_cols),
				   NCOLS(milestone_cols), NCOLS(cba_cols), NCOLS(workforce_cols) };
#define NSHEETS ((int)(sizeof sheets / sizeof sheets[0]))
_Static_assert(NSHEETS == PROG_NSHEETS, "one definition per sheet, in enum prog_sheet order");
const char *const prog_sheet_names[PROG_NSHEETS] = {
	"programme", "workstreams", "forecasts", "costs", "savings", "benefits", "actuals", "milestones", "cba", "workforce",
};

static int sheet_index(const char *name)
{
	char key[64];
	header_key(name, key, sizeof key);
	for (int i = 0; i < NSHEETS; i++)
		if (!strcmp(key, sheets[i].name))
			return i;
	return -1;
}

/* Sheets a workbook may carry for people, not for caseflow. */
static int sheet_ignored(const char *name)
{
	while (isspace((unsigned char)*name))
		name++;
	return name[0] == '_' || !strncasecmp(name, "readme", 6) || !strncasecmp(name, "notes", 5);
}

static const char *sheet_list(void)
{
	return "programme, workstreams, forecasts, costs, savings, benefits, actuals, milestones, cba, workforce";
}

/* After every sheet: what needs more than one row to check. */
static int check_whole(struct programme *p, const char *file, const int *present, struct cf_error *err)
{
	struct prog_workforce *wf = &p->workforce;
	wf->present = present[PROG_SHEET_WORKFORCE];
	if (wf->present) {
		const char *missing = !wf->caseload_standard ? "caseload_standard"
				      : !wf->span		 ? "span_of_control"
				      : wf->agency_cap < 0	 ? "agency_cap"
							 : NULL;
		if (missing)
			return cf_error_at(err, CF_EINPUT, file, 0, "item", missing,
					   "sheet workforce: the %s row is missing (see docs/programme.md)", missing);
		if (wf->ndemand == 0 && !wf->demand_pending)
			return cf_error_at(err, CF_EINPUT, file, 0, "item", "cases",
					   "sheet workforce: no cases row: the model needs the demand to staff");
	}
	return CF_OK;
}

static void default_name(struct programme *p, const char *path)
{
	char buf[256];
	size_t n = strlen(path);
	while (n > 1 && path[n - 1] == '/')
		n--;
	size_t start = n;
	while (start > 0 && path[start - 1] != '/')
		start--;
	snprintf(buf, sizeof buf, "%.*s", (int)(n - start), path + start);
	char *dot = strrchr(buf, '.');
	if (dot && dot != buf && !strcasecmp(dot, ".xlsx"))
		*dot = '\0';
	p->name = arena_strdup(&p->arena, buf);
}

static void rd_start(struct rd *rd, struct programme *p, int sheet, const char *file, struct cf_error *err)
{
	memset(rd, 0, sizeof *rd);
	rd->p = p;
	rd->err = err;
	rd->file = file;
	rd->def = &sheets[sheet];
	rd->ncols = sheet_ncols[sheet];
	strbuf_init(&rd->scratch, (size_t)1 << 20);
}

static int same_file(const struct stat *a, const char *path)
{
	struct stat b;
	return path && stat(path, &b) == 0 && a->st_dev == b.st_dev && a->st_ino == b.st_ino;
}

/* A forecast's unit costs (or scenario) may sit in the folder as a CSV that is not a sheet. */
static int forecast_file(const struct programme *p, const char *path)
{
	struct stat a;
	if (stat(path, &a) != 0)
		return 0;
	for (int i = 0; i < p->nforecasts; i++)
		if (same_file(&a, p->forecasts[i].costs) || same_file(&a, p->forecasts[i].scenario))
			return 1;
	return 0;
}

static int read_folder(const char *dir, struct programme *p, int *present, struct cf_error *err)
{
	char *files[NSHEETS] = { 0 };
	struct strbuf others = STRBUF_INIT;   /* CSVs that are not sheets, NUL-separated */
	struct dir_list csvs;
	if (dir_list(dir, ".csv", &csvs) != 0)
		return errno == ENOMEM ? cf_error_set(err, CF_EIO, "out of memory")
				       : cf_error_at(err, CF_EIO, dir, 0, NULL, NULL, "cannot read the folder");
	int rc = CF_OK;
	for (size_t i = 0; i < csvs.n && !rc; i++) {
		const char *path = csvs.paths[i], *name = strrchr(path, '/') + 1;
		char base[256];
		snprintf(base, sizeof base, "%.*s", (int)(strlen(name) - 4), name);
		int s = sheet_index(base);
		if (s < 0 && !sheet_ignored(base)) {
			if (strbuf_adds(&others, path) || strbuf_addc(&others, '\0'))
				rc = cf_error_set(err, CF_EIO, "out of memory");
		} else if (s >= 0 && files[s])
			rc = cf_error_at(err, CF_EINPUT, path, 0, NULL, NULL, "sheet %s is given twice (also %s)",
					 sheets[s].name, files[s]);
		else if (s >= 0 && !(files[s] = strdup(path)))
			rc = cf_error_set(err, CF_EIO, "out of memory");
	}
	dir_list_release(&csvs);
	for (int s = 0; s < NSHEETS && !rc; s++) {
		if (!files[s])
			continue;
		struct rd rd;
		rd_start(&rd, p, s, files[s], err);
		present[s] = 1;
		if (!(p->sheet_file[s] = arena_strdup(&p->arena, files[s]))) {
			rc = cf_error_set(err, CF_EIO, "out of memory");
			break;
		}
		rc = read_csv(&rd, files[s]);
		strbuf_release(&rd.scratch);
	}
	for (size_t off = 0; !rc && off < others.len; off += strlen(others.buf + off) + 1)
		if (!forecast_file(p, others.buf + off))
			rc = cf_error_at(err, CF_EINPUT, others.buf + off, 0, NULL, NULL,
					 "not a programme sheet: the CSV files are named after the sheets (%s), "
					 "or are unit costs a forecast names", sheet_list());
	strbuf_release(&others);
	int any = 0;
	for (int s = 0; s < NSHEETS; s++) {
		any |= files[s] != NULL;
		free(files[s]);
	}
	if (!rc && !any)
		rc = cf_error_at(err, CF_EINPUT, dir, 0, NULL, NULL, "no programme sheets here: expected CSV files named %s",
				 sheet_list());
	return rc;
}

static int read_workbook(const char *path, struct programme *p, int *present, struct cf_error *err)
{
	struct xlsx_book *b;
	int rc = xlsx_open(&b, path, err);
	if (rc)
		return rc;
	int idx[NSHEETS], any = 0;
	for (int s = 0; s < NSHEETS; s++)
		idx[s] = -1;
	for (int i = 0; i < xlsx_sheet_count(b) && !rc; i++) {
		const char *name = xlsx_sheet_name(b, i);
		int s = sheet_index(name);
		if (s < 0 && !sheet_ignored(name))
			rc = cf_error_at(err, CF_EINPUT, path, 0, NULL, name,
					 "not a programme sheet: the sheets are %s (sheets named _..., readme or notes are ignored)",
					 sheet_list());
		else if (s >= 0 && idx[s] >= 0)
			rc = cf_error_at(err, CF_EINPUT, path, 0, NULL, name, "sheet %s is given twice", sheets[s].name);
		else if (s >= 0)
			idx[s] = i;
	}
	for (int s = 0; s < NSHEETS && !rc; s++) {
		if (idx[s] < 0)
			continue;
		any = 1;
		present[s] = 1;
		p->from_workbook = 1;
		if (!(p->sheet_file[s] = arena_strdup(&p->arena, path))) {
			rc = cf_error_set(err, CF_EIO, "out of memory");
			break;
		}
		struct rd rd;
		struct xrow_ctx x = { &rd, NULL, 0, NULL };
		rd_start(&rd, p, s, path, err);
		rc = xlsx_sheet_read(b, idx[s], xlsx_row, &x, err);
		free(x.fields);
		free(x.dates);
		strbuf_release(&rd.scratch);
	}
	xlsx_close(b);
	if (!rc && !any)
		rc = cf_error_at(err, CF_EINPUT, path, 0, NULL, NULL, "no programme sheets in the workbook: expected %s",
				 sheet_list());
	return rc;
}

int programme_read(const char *path, struct programme *p, struct cf_error *err)
{
	struct stat sb;
	int present[NSHEETS] = { 0 };
	int rc;
	if (stat(path, &sb) != 0)
		return cf_error_at(err, CF_EINPUT, path, 0, NULL, NULL, "no such file or folder");
	if (S_ISDIR(sb.st_mode))
		rc = read_folder(path, p, present, err);
	else
		rc = read_workbook(path, p, present, err);
	if (!rc)
		rc = check_whole(p, path, present, err);
	if (!rc && !p->name)
		default_name(p, path);
	if (!rc && !p->name)
		rc = cf_error_set(err, CF_EIO, "out of memory");
	return rc;
}
