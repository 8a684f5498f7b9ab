/* Reading the English Indices of Deprivation (imd.h): the published LSOA
 * file or a council's short lookup, by the header. */
#include "formats/imd.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "base/csv.h"
#include "formats/postcode.h"

struct imd_layout {
	int area, decile;
};

static int starts_with(const char *s, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);
	while (len && isspace((unsigned char)*s))
		s++, len--;
	return len >= n && strncasecmp(s, prefix, n) == 0;
}

static int is_exactly(const char *s, size_t len, const char *name)
{
	while (len && isspace((unsigned char)*s))
		s++, len--;
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	return len == strlen(name) && strncasecmp(s, name, len) == 0;
}

static int layout_of(char *const *fields, const size_t *lens, int n, struct imd_layout *l)
{
	l->area = l->decile = -1;
	for (int i = 0; i < n; i++) {
		if (l->area < 0 && (starts_with(fields[i], lens[i], "LSOA code") || is_exactly(fields[i], lens[i], "area")))
			l->area = i;
		/* the published file has the IMD's decile first, then each domain's */
		else if (l->decile < 0 && (starts_with(fields[i], lens[i], "Index of Multiple Deprivation (IMD) Decile") ||
					   is_exactly(fields[i], lens[i], "imd_decile")))
			l->decile = i;
	}
	return l->area >= 0 && l->decile >= 0;
}

int imd_is_header(char *const *fields, const size_t *lens, int n)
{
	struct imd_layout l;
	return layout_of(fields, lens, n, &l);
}

static int read_decile(const char *s, size_t len)
{
	char *v = csv_trim((char *)s, &len);
	if (len == 1 && v[0] >= '1' && v[0] <= '9')
		return v[0] - '0';
	if (len == 2 && v[0] == '1' && v[1] == '0')
		return 10;
	return -1;
}

int imd_read(const char *path, imd_row_fn fn, imd_issue_fn issue, void *ctx, long *rows, struct cf_error *err)
{
	struct csv_reader r;
	*rows = 0;
	int rc = csv_reader_open(&r, path, err);
	if (rc)
		return rc;
	struct imd_layout l;
	int got = csv_reader_next(&r, err);
	if (got <= 0 || !layout_of(r.fields, r.lens, r.nfields, &l)) {
		csv_reader_close(&r);
		return got < 0 ? CF_EINPUT
			       : cf_error_at(err, CF_EINPUT, path, 1, NULL, NULL,
					     "not a deprivation lookup: no 'LSOA code' and 'Index of Multiple Deprivation "
					     "(IMD) Decile' columns, nor area and imd_decile");
	}
	while (!rc && (got = csv_reader_next(&r, err)) > 0) {
		if (csv_row_is_blank(&r))
			continue;
		(*rows)++;
		size_t alen = l.area < r.nfields ? r.lens[l.area] : 0;
		char *area = l.area < r.nfields ? csv_trim(r.fields[l.area], &alen) : "";
		int decile = l.decile < r.nfields ? read_decile(r.fields[l.decile], r.lens[l.decile]) : -1;
		char sector[10];
		if (!alen) {
			rc = issue(ctx, r.record, r.line, "area", NULL, "missing_value", "no area: row skipped", err);
			continue;
		}
		/* a postcode is kept as its sector, whatever form it came in */
		int postcode = postcode_sector_of(area, alen, POSTCODE_FULL | POSTCODE_SECTOR, sector, sizeof sector) == 0;
		if (decile < 0) {
			rc = issue(ctx, r.record, r.line, "imd_decile", l.decile < r.nfields ? r.fields[l.decile] : NULL,
				   "bad_number", "not a decile from 1 to 10: row skipped", err);
			continue;
		}
		if (!postcode)   /* ONS codes are upper case, as the local extracts store them */
			for (size_t i = 0; i < alen; i++)
				area[i] = (char)toupper((unsigned char)area[i]);
		struct imd_row row = { r.record, r.line, postcode ? sector : area, decile };
		rc = fn(ctx, &row, err);
	}
	if (!rc && got < 0)
		rc = CF_EINPUT;
	csv_reader_close(&r);
	return rc;
}
