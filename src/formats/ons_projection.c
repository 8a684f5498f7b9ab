/* Reading ONS's subnational population projection CSV (ons_projection.h):
 * find the columns by name, then turn each child row's year columns into
 * figures. */
#include "formats/ons_projection.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/csv.h"

enum { MAX_YEARS = 128 };

struct layout {
	int area, component, sex, age;
	int nyears;
	int year_col[MAX_YEARS], year[MAX_YEARS];
};

/* "2018" (trimmed): the year, or 0. */
static int year_of(const char *s, size_t len)
{
	while (len && isspace((unsigned char)*s))
		s++, len--;
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	if (len != 4)
		return 0;
	for (size_t i = 0; i < 4; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	int y = atoi(s);
	return y >= 1900 && y <= 2200 ? y : 0;
}

static int named(const char *s, size_t len, const char *name)
{
	while (len && isspace((unsigned char)*s))
		s++, len--;
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	return len == strlen(name) && strncasecmp(s, name, len) == 0;
}

static int find_layout(char *const *fields, const size_t *lens, int n, struct layout *l)
{
	l->area = l->component = l->sex = l->age = -1;
	l->nyears = 0;
	for (int i = 0; i < n; i++) {
		/* the first column may carry a UTF-8 byte-order mark */
		const char *f = fields[i];
		size_t len = lens[i];
		if (i == 0 && len >= 3 && memcmp(f, "\xEF\xBB\xBF", 3) == 0)
			f += 3, len -= 3;
		int y = year_of(f, len);
		if (y && l->nyears < MAX_YEARS) {
			l->year_col[l->nyears] = i;
			l->year[l->nyears++] = y;
		} else if (named(f, len, "AREA_CODE")) {
			l->area = i;
		} else if (named(f, len, "COMPONENT")) {
			l->component = i;
		} else if (named(f, len, "SEX")) {
			l->sex = i;
		} else if (named(f, len, "AGE_GROUP")) {
			l->age = i;
		}
	}
	return l->area >= 0 && l->component >= 0 && l->sex >= 0 && l->age >= 0 && l->nyears > 0;
}

int ons_projection_is_header(char *const *fields, const size_t *lens, int n)
{
	struct layout l;
	return find_layout(fields, lens, n, &l);
}

/* The field in column c of the current row, trimmed; "" when the row is short. */
static const char *field(struct csv_reader *r, int c, size_t *len)
{
	if (c >= r->nfields) {
		*len = 0;
		return "";
	}
	*len = r->lens[c];
	return csv_trim(r->fields[c], len);
}

/* "persons" (or "all"), "females", "males" as ONS writes them: 0, 'F',
 * 'M'; -1 for anything else. */
static int sex_of(const char *s, size_t len)
{
	if (named(s, len, "persons") || named(s, len, "all") || named(s, len, "all persons"))
		return 0;
	if (named(s, len, "females") || named(s, len, "female") || named(s, len, "F") || named(s, len, "2"))
		return 'F';
	if (named(s, len, "males") || named(s, len, "male") || named(s, len, "M") || named(s, len, "1"))
		return 'M';
	return -1;
}

/* A single year of age 0..999 as written ("0", "17"), or -1 ("All ages",
 * "90 and over"). */
static int age_of(const char *s, size_t len)
{
	if (len == 0 || len > 3)
		return -1;
	for (size_t i = 0; i < len; i++)
		if (!isdigit((unsigned char)s[i]))
			return -1;
	return atoi(s);
}

static int read_row(struct csv_reader *r, const struct layout *l, ons_projection_fn fn, ons_projection_issue_fn issue,
		    void *ctx, struct cf_error *err)
{
	size_t len;
	const char *comp = field(r, l->component, &len);
	if (!named(comp, len, "Population"))
		return CF_OK;
	const char *age_text = field(r, l->age, &len);
	int age = age_of(age_text, len);
	if (age < 0 || age > ONS_PROJECTION_MAX_AGE) {
		if (age < 0 && !named(age_text, len, "All ages") && !strstr(age_text, "over"))
			return issue(ctx, r->record, r->line, "AGE_GROUP", age_text, "bad_value",
				     "not a single year of age: row skipped", err);
		return CF_OK;
	}
	const char *sex_text = field(r, l->sex, &len);
	int sex = sex_of(sex_text, len);
	if (sex < 0)
		return issue(ctx, r->record, r->line, "SEX", sex_text, "bad_value",
			     "not persons, females or males: row skipped", err);
	const char *area = field(r, l->area, &len);
	if (!len)
		return issue(ctx, r->record, r->line, "AREA_CODE", NULL, "missing_value", "no area code: row skipped",
			     err);
	struct ons_projection_figure f = { r->record, r->line, area, (char)sex, age, 0, 0 };
	for (int i = 0; i < l->nyears; i++) {
		const char *v = field(r, l->year_col[i], &len);
		char *end;
		double x = len ? strtod(v, &end) : 0;
		char col[8];
		snprintf(col, sizeof col, "%d", l->year[i]);
		int rc;
		if (!len)
			rc = issue(ctx, r->record, r->line, col, NULL, "missing_value", "no figure for this year", err);
		else if (end != v + len || x < 0)
			rc = issue(ctx, r->record, r->line, col, v, "bad_value", "not a number of children", err);
		else {
			f.year = l->year[i], f.count = x;
			rc = fn(ctx, &f, err);
		}
		if (rc)
			return rc;
	}
	return CF_OK;
}

int ons_projection_read(const char *path, ons_projection_fn fn, ons_projection_issue_fn issue, void *ctx,
			long *rows, struct cf_error *err)
{
	struct csv_reader r;
	*rows = 0;
	int rc = csv_reader_open(&r, path, err);
	if (rc)
		return rc;
	struct layout l;
	int got;
	while ((got = csv_reader_next(&r, err)) == 1 && csv_row_is_blank(&r))
		;
	if (got == 1 && !find_layout(r.fields, r.lens, r.nfields, &l))
		rc = cf_error_at(err, CF_EINPUT, path, 1, NULL, NULL,
				 "not an ONS population projection: no AREA_CODE, COMPONENT, SEX, AGE_GROUP and year columns");
	else if (got < 0)
		rc = CF_EINPUT;
	while (!rc && got == 1 && (got = csv_reader_next(&r, err)) == 1) {
		if (csv_row_is_blank(&r))
			continue;
		(*rows)++;
		rc = read_row(&r, &l, fn, issue, ctx, err);
	}
	if (!rc && got < 0)
		rc = CF_EINPUT;
	csv_reader_close(&r);
	return rc;
}
