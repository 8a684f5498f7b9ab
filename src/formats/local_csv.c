/* Local CSV extracts (contacts, early help, localities, child areas,
 * population), recognised by header. */
#include "formats/local_csv.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/csv.h"

const char *const local_kind_names[LOCAL_NKINDS] = { "contacts", "early_help", "localities", "child_areas",
						     "population" };
const char *const local_col_names[LC_NCOLS] = {
	"child_id", "contact_date", "source", "outcome", "family_id", "start_date", "end_date", "lead_practitioner",
	"area", "locality", "postcode_sector", "postcode", "ward", "from_date", "year", "age", "count", "sex",
};

#define BIT(c) (1u << (c))

/* A layout: columns it may have, all of `required`, and at least one of
 * each non-zero `one_of` group. */
struct layout {
	unsigned allowed, required, one_of[2];
};

static const struct layout layouts[LOCAL_NKINDS] = {
	[LOCAL_CONTACTS] = { BIT(LC_CHILD_ID) | BIT(LC_CONTACT_DATE) | BIT(LC_SOURCE) | BIT(LC_OUTCOME),
			     BIT(LC_CHILD_ID) | BIT(LC_CONTACT_DATE), { 0, 0 } },
	[LOCAL_EARLY_HELP] = { BIT(LC_FAMILY_ID) | BIT(LC_CHILD_ID) | BIT(LC_START_DATE) | BIT(LC_END_DATE) |
				       BIT(LC_LEAD_PRACTITIONER) | BIT(LC_OUTCOME),
			       BIT(LC_START_DATE),
			       { BIT(LC_FAMILY_ID) | BIT(LC_CHILD_ID), BIT(LC_END_DATE) | BIT(LC_LEAD_PRACTITIONER) | BIT(LC_OUTCOME) } },
	[LOCAL_LOCALITIES] = { BIT(LC_AREA) | BIT(LC_LOCALITY), BIT(LC_AREA) | BIT(LC_LOCALITY), { 0, 0 } },
	[LOCAL_CHILD_AREAS] = { BIT(LC_CHILD_ID) | BIT(LC_POSTCODE_SECTOR) | BIT(LC_POSTCODE) | BIT(LC_WARD) | BIT(LC_FROM_DATE),
				BIT(LC_CHILD_ID), { BIT(LC_POSTCODE_SECTOR) | BIT(LC_POSTCODE) | BIT(LC_WARD), 0 } },
	[LOCAL_POPULATION] = { BIT(LC_YEAR) | BIT(LC_AREA) | BIT(LC_AGE) | BIT(LC_COUNT) | BIT(LC_SEX),
			       BIT(LC_YEAR) | BIT(LC_AREA) | BIT(LC_AGE) | BIT(LC_COUNT), { 0, 0 } },
};

/* The canonical column a header field names, or -1. "Child ID" = child_id. */
static int column_of(const char *s, size_t n)
{
	while (n && isspace((unsigned char)*s))
		s++, n--;
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	char name[40];
	if (n >= sizeof name)
		return -1;
	for (size_t i = 0; i < n; i++) {
		char c = (char)tolower((unsigned char)s[i]);
		name[i] = c == ' ' || c == '-' ? '_' : c;
	}
	name[n] = '\0';
	for (int c = 0; c < LC_NCOLS; c++)
		if (!strcmp(name, local_col_names[c]))
			return c;
	return -1;
}

static int is_time_period(const char *s, size_t n)
{
	while (n && isspace((unsigned char)*s))
		s++, n--;
	return n >= 11 && strncasecmp(s, "time_period", 11) == 0;
}

int local_csv_recognise(char *const *fields, const size_t *lens, int nfields, enum local_kind *kind, int *colmap)
{
	unsigned have = 0;
	for (int i = 0; i < nfields; i++) {
		if (is_time_period(fields[i], lens[i]))
			return 0;   /* DfE tidy data: another reader's */
		int c = column_of(fields[i], lens[i]);
		if (colmap)
			colmap[i] = c;
		if (c >= 0)
			have |= BIT(c);
	}
	/* the layout with the most recognised columns wins; every one of its
	 * required columns must be there */
	int best = -1, best_hits = 0;
	for (int k = 0; k < LOCAL_NKINDS; k++) {
		const struct layout *l = &layouts[k];
		if ((have & l->required) != l->required)
			continue;
		if ((l->one_of[0] && !(have & l->one_of[0])) || (l->one_of[1] && !(have & l->one_of[1])))
			continue;
		int hits = __builtin_popcount(have & l->allowed);
		if (hits > best_hits) {
			best = k;
			best_hits = hits;
		}
	}
	if (best < 0)
		return 0;
	if (colmap)
		for (int i = 0; i < nfields; i++)
			if (colmap[i] >= 0 && !(layouts[best].allowed & BIT(colmap[i])))
				colmap[i] = -1;
	*kind = (enum local_kind)best;
	return 1;
}

int local_csv_read(const char *path, const struct local_csv_handler *h, void *ctx, long *rows, struct cf_error *err)
{
	enum local_kind kind;
	struct csv_reader r;
	*rows = 0;
	int rc = csv_reader_open(&r, path, err);
	if (rc)
		return rc;
	int got;
	while ((got = csv_reader_next(&r, err)) == 1 && csv_row_is_blank(&r))
		;
	if (got != 1) {
		csv_reader_close(&r);
		return got < 0 ? CF_EINPUT : cf_error_at(err, CF_EINPUT, path, 1, NULL, NULL, "the file has no header");
	}
	int nh = r.nfields;
	int *colmap = malloc(sizeof *colmap * (size_t)nh);
	if (!colmap) {
		csv_reader_close(&r);
		return cf_error_set(err, CF_EIO, "out of memory");
	}
	if (!local_csv_recognise(r.fields, r.lens, nh, &kind, colmap)) {
		csv_reader_close(&r);
		free(colmap);
		return cf_error_at(err, CF_EINPUT, path, r.line, NULL, NULL,
				   "the header is not one of the local layouts (contacts, early_help, localities, "
				   "child_areas, population)");
	}
	for (int i = 0; i < nh && !rc; i++)
		for (int j = 0; j < i && !rc; j++)
			if (colmap[i] >= 0 && colmap[j] == colmap[i])
				rc = cf_error_at(err, CF_EINPUT, path, r.line, local_col_names[colmap[i]], NULL,
						 "column %s appears twice in the header", local_col_names[colmap[i]]);
	if (!rc && h->begin)
		rc = h->begin(ctx, kind, err);
	for (int i = 0; i < nh && !rc; i++) {
		if (colmap[i] < 0 && h->extra) {
			char name[128];
			snprintf(name, sizeof name, "%.*s", (int)(r.lens[i] > 100 ? 100 : r.lens[i]), r.fields[i]);
			rc = h->extra(ctx, name, err);
		}
	}
	const char *vals[LC_NCOLS];
	size_t lens[LC_NCOLS];
	while (!rc && (got = csv_reader_next(&r, err)) == 1) {
		if (csv_row_is_blank(&r))
			continue;
		for (int c = 0; c < LC_NCOLS; c++) {
			vals[c] = NULL;
			lens[c] = 0;
		}
		for (int i = 0; i < nh; i++) {
			if (colmap[i] < 0)
				continue;
			if (i < r.nfields) {
				vals[colmap[i]] = r.fields[i];
				lens[colmap[i]] = r.lens[i];
			} else
				lens[colmap[i]] = (size_t)-1;
		}
		(*rows)++;
		rc = h->row(ctx, kind, vals, lens, r.record, r.line, err);
	}
	if (!rc && got < 0)
		rc = CF_EINPUT;
	if (rc == LOCAL_STOP)
		rc = CF_OK;
	free(colmap);
	csv_reader_close(&r);
	return rc;
}
