/* libFuzzer target for the DfE and ONS published-statistics readers
 * (formats/dfe_tidy.c, formats/dfe_groupings.c, formats/ons_projection.c): any bytes give figures
 * that keep their promises (a missing value is flagged, never a number; a
 * value is finite; rows count up from 2), or a located CF_EINPUT error. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "formats/dfe_tidy.h"
#include "formats/ons_projection.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int on_figure(void *ctx, const struct dfe_figure *f, struct cf_error *err)
{
	long *last = ctx;
	if (f->row < 2 || f->row < *last || f->line < 2 || f->time_period < 1990 || f->time_period > 2100 ||
	    !f->measure || !f->breakdown || !f->geographic_level)
		abort();
	*last = f->row;
	if (!f->missing && !isfinite(f->value))
		abort();
	/* a suppression marker is never a value */
	if (f->raw && !f->missing) {
		double v;
		if (dfe_parse_value(f->raw, strlen(f->raw), &v) != 0 || v != f->value)
			abort();
	}
	return CF_OK;
}

static int on_neighbour(void *ctx, const struct dfe_neighbour *n, struct cf_error *err)
{
	if (!n->la_code || !n->neighbour_code || n->rank < 1 || n->row < 2)
		abort();
	return CF_OK;
}

static int on_lookup(void *ctx, const struct dfe_lookup_row *r, struct cf_error *err)
{
	if (!r->ltla_code || !r->utla_code || r->row < 2)
		abort();
	return CF_OK;
}

static int on_projection(void *ctx, const struct ons_projection_figure *f, struct cf_error *err)
{
	if (f->row < 2 || !f->area_code || !f->area_code[0] || f->age < 0 || f->age > ONS_PROJECTION_MAX_AGE ||
	    (f->sex && f->sex != 'F' && f->sex != 'M') || !isfinite(f->count) || f->count < 0 || f->year < 1900 ||
	    f->year > 2200)
		abort();
	return CF_OK;
}

static int on_issue(void *ctx, long row, long line, const char *column, const char *value, const char *kind,
		    const char *why, struct cf_error *err)
{
	if (row < 2 || !kind || !why)
		abort();
	return CF_OK;
}

static void check(int rc, const struct cf_error *err, const char *path)
{
	if (rc != CF_OK && (rc != CF_EINPUT || !err->msg[0] || strcmp(err->file, path)))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	if (!path[0])
		snprintf(path, sizeof path, "/tmp/fuzz-dfe-%ld.csv", (long)getpid());
	FILE *fp = fopen(path, "wb");
	if (!fp || fwrite(data, 1, size, fp) != size)
		abort();
	fclose(fp);
	struct cf_error err;
	long rows, last = 0;
	cf_error_clear(&err);
	check(dfe_tidy_read(path, on_figure, on_issue, &last, &rows, &err), &err, path);
	cf_error_clear(&err);
	check(dfe_sn_read(path, on_neighbour, on_issue, NULL, &rows, &err), &err, path);
	cf_error_clear(&err);
	check(dfe_lookup_read(path, on_lookup, on_issue, NULL, &rows, &err), &err, path);
	cf_error_clear(&err);
	check(ons_projection_read(path, on_projection, on_issue, NULL, &rows, &err), &err, path);
	return 0;
}
