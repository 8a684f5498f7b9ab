/* DfE tidy tables: classify the columns in a first pass, then stream one
 * figure per row and measure column. */
#include "formats/dfe_tidy.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/csv.h"
#include "base/strbuf.h"

/* Columns that place a row in time or space: neither filters nor measures.
 * From DfE's open-data standard for the geographic levels it publishes. */
static const char *const geo_columns[] = {
	"time_period", "time_identifier", "geographic_level", "country_code", "country_name",
	"region_code", "region_name", "old_la_code", "new_la_code", "la_name", "la_code",
	"lad_code", "lad_name", "pcon_code", "pcon_name", "ward_code", "ward_name",
	"rsc_region_lead_name", "opportunity_area_code", "opportunity_area_name",
	"local_enterprise_partnership_code", "local_enterprise_partnership_name",
	"english_devolved_area_code", "english_devolved_area_name", "lsip_code", "lsip_name",
	"local_skills_improvement_plan_code", "local_skills_improvement_plan_name",
	"mayoral_combined_authority_code", "mayoral_combined_authority_name",
	"police_force_area_code", "police_force_area_name",
};

static const char *const markers[] = { "c", "x", "z", "u", "k", "low" };

enum col_role { ROLE_GEO, ROLE_FILTER, ROLE_MEASURE };

static int is_geo(const char *name)
{
	for (size_t i = 0; i < sizeof geo_columns / sizeof geo_columns[0]; i++)
		if (!strcasecmp(name, geo_columns[i]))
			return 1;
	return 0;
}

int dfe_parse_value(const char *s, size_t len, double *value)
{
	while (len && isspace((unsigned char)*s)) {
		s++;
		len--;
	}
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	if (len == 0)
		return 1;
	for (size_t i = 0; i < sizeof markers / sizeof markers[0]; i++)
		if (strlen(markers[i]) == len && !strncasecmp(s, markers[i], len))
			return 1;
	char buf[64];
	if (len >= sizeof buf)
		return -1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	/* "YY:MM": a duration in years and months */
	char *colon = strchr(buf, ':');
	if (colon) {
		size_t a = (size_t)(colon - buf), b = len - a - 1;
		if (a < 1 || a > 3 || b != 2)
			return -1;
		for (size_t i = 0; i < len; i++)
			if (i != a && !isdigit((unsigned char)buf[i]))
				return -1;
		int months = atoi(colon + 1);
		if (months > 11)
			return -1;
		*value = atoi(buf) * 12.0 + months;
		return 0;
	}
	/* a plain decimal: strtod alone would also take "nan", "inf" and hex */
	const char *p = buf;
	if (*p == '-' || *p == '+')
		p++;
	int digits = 0, dots = 0;
	for (; *p; p++) {
		if (isdigit((unsigned char)*p))
			digits++;
		else if (*p == '.' && !dots)
			dots++;
		else if ((*p == 'e' || *p == 'E') && digits)
			break;
		else
			return -1;
	}
	if (!digits)
		return -1;
	char *end;
	errno = 0;
	double v = strtod(buf, &end);
	if (*end || errno || !isfinite(v))
		return -1;
	*value = v;
	return 0;
}

static int is_time_period(const char *s, int *year)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]) && !((n == 7) && i == 4 && (s[i] == '/' || s[i] == '-')))
			return 0;
	int y;
	if (n == 4) {
		y = atoi(s);
	} else if (n == 6 || n == 7) {
		/* 202324, 2023/24, 2023-24: the year that ends the period */
		int first = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
		int second = (s[n - 2] - '0') * 10 + (s[n - 1] - '0');
		if (second != (first + 1) % 100)
			return 0;
		y = first + 1;
	} else {
		return 0;
	}
	if (y < 1990 || y > 2100)
		return 0;
	*year = y;
	return 1;
}

void dfe_table_name(const char *path, char *out, size_t size)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	snprintf(out, size, "%s", base);
	char *dot = strrchr(out, '.');
	if (dot && dot != out)
		*dot = '\0';
	/* strip "_2013_to_2025" (and "_2013-2025") at the end */
	size_t n = strlen(out);
	const char *forms[] = { "_dddd_to_dddd", "_dddd-dddd" };
	for (int f = 0; f < 2; f++) {
		size_t k = strlen(forms[f]);
		if (n <= k)
			continue;
		const char *t = out + n - k;
		int match = 1;
		for (size_t i = 0; i < k && match; i++)
			match = forms[f][i] == 'd' ? isdigit((unsigned char)t[i]) : forms[f][i] == t[i];
		if (match) {
			out[n - k] = '\0';
			break;
		}
	}
}

int dfe_tidy_is_header(char *const *fields, const size_t *lens, int n)
{
	int tp = 0, gl = 0;
	for (int i = 0; i < n; i++) {
		char name[64];
		size_t len = lens[i];
		const char *s = fields[i];
		while (len && isspace((unsigned char)*s)) {
			s++;
			len--;
		}
		snprintf(name, sizeof name, "%.*s", (int)(len < 63 ? len : 63), s);
		for (char *p = name + strlen(name); p > name && isspace((unsigned char)p[-1]); p--)
			p[-1] = '\0';
		tp |= !strcasecmp(name, "time_period");
		gl |= !strcasecmp(name, "geographic_level");
	}
	return tp && gl;
}

struct tidy_cols {
	int n;
	enum col_role *role;
	char **name;          /* owned copies of the header names */
	int time_period, level, la_code, ons_code, la_name, region_code, region_name;
	int nfilters, nmeasures;
};

static void cols_release(struct tidy_cols *c)
{
	for (int i = 0; i < c->n; i++)
		free(c->name[i]);
	free(c->name);
	free(c->role);
	memset(c, 0, sizeof *c);
}

static int find(const struct tidy_cols *c, const char *name)
{
	for (int i = 0; i < c->n; i++)
		if (!strcasecmp(c->name[i], name))
			return i;
	return -1;
}

static int blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!isspace((unsigned char)s[i]))
			return 0;
	return 1;
}

/* Pass 1: read the header and count what each column holds. */
static int classify_columns(const char *path, struct tidy_cols *c, struct cf_error *err)
{
	struct csv_reader r;
	int rc = csv_reader_open(&r, path, err);
	if (rc)
		return rc;
	int got;
	while ((got = csv_reader_next(&r, err)) == 1 && csv_row_is_blank(&r))
		;
	if (got != 1) {
		csv_reader_close(&r);
		return got < 0 ? CF_EINPUT : cf_error_at(err, CF_EINPUT, path, 0, NULL, NULL, "empty file: no header");
	}
	if (!dfe_tidy_is_header(r.fields, r.lens, r.nfields)) {
		csv_reader_close(&r);
		return cf_error_at(err, CF_EINPUT, path, 1, NULL, NULL,
				   "not a DfE tidy table: the header has no time_period and geographic_level");
	}
	memset(c, 0, sizeof *c);
	c->n = r.nfields;
	c->role = calloc((size_t)c->n, sizeof *c->role);
	c->name = calloc((size_t)c->n, sizeof *c->name);
	long *numeric = calloc((size_t)c->n, sizeof *numeric), *text = calloc((size_t)c->n, sizeof *text);
	if (!c->role || !c->name || !numeric || !text) {
		free(numeric);
		free(text);
		csv_reader_close(&r);
		cols_release(c);
		return cf_error_set(err, CF_EIO, "out of memory");
	}
	for (int i = 0; i < c->n; i++) {
		size_t len = r.lens[i];
		char *s = csv_trim(r.fields[i], &len);
		if (!(c->name[i] = strdup(s))) {
			free(numeric);
			free(text);
			csv_reader_close(&r);
			cols_release(c);
			return cf_error_set(err, CF_EIO, "out of memory");
		}
	}
	while ((got = csv_reader_next(&r, err)) == 1) {
		for (int i = 0; i < c->n && i < r.nfields; i++) {
			double v;
			int k = dfe_parse_value(r.fields[i], r.lens[i], &v);
			if (k == 0)
				numeric[i]++;
			else if (k < 0)
				text[i]++;
			else if (!blank(r.fields[i], r.lens[i]))
				numeric[i]++;   /* a suppression marker stands in for a number */
		}
	}
	csv_reader_close(&r);
	if (got < 0) {
		free(numeric);
		free(text);
		cols_release(c);
		return CF_EINPUT;
	}
	for (int i = 0; i < c->n; i++) {
		if (is_geo(c->name[i]) || !c->name[i][0])
			c->role[i] = ROLE_GEO;
		else if (text[i] > numeric[i])
			c->role[i] = ROLE_FILTER, c->nfilters++;
		else
			c->role[i] = ROLE_MEASURE, c->nmeasures++;
	}
	free(numeric);
	free(text);
	c->time_period = find(c, "time_period");
	c->level = find(c, "geographic_level");
	c->la_code = find(c, "old_la_code");
	if (c->la_code < 0)
		c->la_code = find(c, "la_code");
	c->ons_code = find(c, "new_la_code");
	c->la_name = find(c, "la_name");
	c->region_code = find(c, "region_code");
	c->region_name = find(c, "region_name");
	if (c->nmeasures == 0) {
		cols_release(c);
		return cf_error_at(err, CF_EINPUT, path, 1, NULL, NULL, "a DfE table with no measure columns (no numbers in any column)");
	}
	return CF_OK;
}

/* The field at column i, trimmed; NULL when absent or blank. */
static const char *field(struct csv_reader *r, int i)
{
	if (i < 0 || i >= r->nfields)
		return NULL;
	size_t len = r->lens[i];
	char *s = csv_trim(r->fields[i], &len);
	return len ? s : NULL;
}

int dfe_tidy_read(const char *path, dfe_figure_fn figure, dfe_issue_fn issue, void *ctx, long *rows,
		  struct cf_error *err)
{
	struct tidy_cols c;
	*rows = 0;
	int rc = classify_columns(path, &c, err);
	if (rc)
		return rc;
	struct csv_reader r;
	if ((rc = csv_reader_open(&r, path, err))) {
		cols_release(&c);
		return rc;
	}
	struct strbuf breakdown;
	strbuf_init(&breakdown, 64 * 1024);
	int got = 0, header_seen = 0;
	while (!rc && (got = csv_reader_next(&r, err)) == 1) {
		if (csv_row_is_blank(&r))
			continue;
		if (!header_seen) {
			header_seen = 1;
			continue;
		}
		(*rows)++;
		struct dfe_figure f;
		memset(&f, 0, sizeof f);
		f.row = r.record;
		f.line = r.line;
		const char *tp = field(&r, c.time_period);
		if (!tp || !is_time_period(tp, &f.time_period)) {
			rc = issue(ctx, f.row, f.line, "time_period", tp, "bad_period",
				   "time_period is not a year (2024) or a year pair (202324): row not loaded", err);
			continue;
		}
		f.geographic_level = field(&r, c.level);
		if (!f.geographic_level) {
			rc = issue(ctx, f.row, f.line, "geographic_level", NULL, "missing_value",
				   "geographic_level is blank: row not loaded", err);
			continue;
		}
		f.la_code = field(&r, c.la_code);
		f.ons_code = field(&r, c.ons_code);
		f.la_name = field(&r, c.la_name);
		f.region_code = field(&r, c.region_code);
		f.region_name = field(&r, c.region_name);
		strbuf_reset(&breakdown);
		int bad = 0;
		for (int i = 0; i < c.n; i++)
			if (c.role[i] == ROLE_FILTER) {
				const char *v = field(&r, i);
				if (breakdown.len)
					bad |= strbuf_addc(&breakdown, '|');
				bad |= strbuf_adds(&breakdown, v ? v : "");
			}
		if (c.nfilters == 0)
			bad |= strbuf_adds(&breakdown, "Total");
		if (bad) {
			rc = cf_error_at(err, CF_EINPUT, path, f.line, NULL, NULL, "filter values longer than 64 KiB");
			break;
		}
		f.breakdown = strbuf_str(&breakdown);
		for (int i = 0; i < c.n && !rc; i++) {
			if (c.role[i] != ROLE_MEASURE)
				continue;
			f.measure = c.name[i];
			f.raw = field(&r, i);
			f.value = 0;
			int k = f.raw ? dfe_parse_value(f.raw, strlen(f.raw), &f.value) : 1;
			f.missing = k != 0;
			if (k < 0)
				rc = issue(ctx, f.row, f.line, c.name[i], f.raw, "bad_number",
					   "not a number or a suppression marker (c, x, z, u, k, low): stored as missing", err);
			if (!rc)
				rc = figure(ctx, &f, err);
		}
	}
	if (!rc && got < 0)
		rc = CF_EINPUT;
	strbuf_release(&breakdown);
	csv_reader_close(&r);
	cols_release(&c);
	return rc;
}
