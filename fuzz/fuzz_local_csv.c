/* libFuzzer target for the local extracts reader (formats/local_csv.c: the
 * contacts ... population layouts and the money and sufficiency extracts)
 * and the money values the loader reads from it (value_money, financial
 * years, provider and household types), then the same bytes as a
 * placement-shift file (formats/placement_shift.c). Any bytes give rows
 * that keep their promises or a located CF_EINPUT error naming the file. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/date.h"
#include "formats/local_csv.h"
#include "formats/placement_shift.h"
#include "formats/value.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct seen {
	long rows, last_row;
	enum local_kind kind;
	int began;
};

static int on_begin(void *ctx, enum local_kind kind, struct cf_error *err)
{
	struct seen *s = ctx;
	if (s->began || kind < 0 || kind >= LOCAL_NKINDS)
		abort();
	s->began = 1;
	s->kind = kind;
	return CF_OK;
}

static int on_row(void *ctx, enum local_kind kind, const char *const *vals, const size_t *lens, long row, long line,
		  struct cf_error *err)
{
	struct seen *s = ctx;
	if (!s->began || kind != s->kind || row <= s->last_row || line < row)
		abort();
	s->last_row = row;
	s->rows++;
	for (int c = 0; c < LC_NCOLS; c++) {
		if (!vals[c])
			continue;
		size_t n = lens[c] == (size_t)-1 ? 0 : lens[c];
		struct value v;
		value_money(vals[c], n, 1, &v);
		if (v.status == VALUE_OK && !isfinite(strtod(v.out, NULL)))
			abort();
		if ((v.status == VALUE_ISSUE) != (v.why != NULL))
			abort();
		int fy;
		if (cf_date_fy_parse(vals[c], n, &fy) == 0 && (fy < 0 || fy > 9999))
			abort();
		int t = local_provider_type(vals[c], n), h = local_household_type(vals[c], n);
		if (t < -1 || t >= LOCAL_NPROVIDER_TYPES || h < -1 || h >= LOCAL_NHOUSEHOLD_TYPES)
			abort();
	}
	return CF_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	if (!path[0])
		snprintf(path, sizeof path, "/tmp/fuzz-local-%ld.csv", (long)getpid());
	FILE *fp = fopen(path, "wb");
	if (!fp || fwrite(data, 1, size, fp) != size)
		abort();
	fclose(fp);
	static const struct local_csv_handler h = { on_begin, NULL, on_row };
	struct seen s = { 0, 0, LOCAL_CONTACTS, 0 };
	struct cf_error err;
	cf_error_clear(&err);
	long rows = 0;
	int rc = local_csv_read(path, &h, &s, &rows, &err);
	if (rc != CF_OK && (rc != CF_EINPUT || !err.msg[0] || strcmp(err.file, path)))
		abort();
	if (rc == CF_OK && rows != s.rows)
		abort();
	struct placement_shift sh;
	cf_error_clear(&err);
	rc = placement_shift_load(path, &sh, &err);
	if (rc != CF_OK && (rc != CF_EINPUT || !err.msg[0] || strcmp(err.file, path)))
		abort();
	if (rc == CF_OK && (sh.from_type < 0 || sh.per_year <= 0 || sh.years < 1 || sh.start == CF_DATE_NONE))
		abort();
	return 0;
}
