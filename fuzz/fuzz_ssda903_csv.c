/* libFuzzer target for the SSDA903 CSV reader (formats/ssda903_csv.c and
 * the value normaliser in formats/ssda903.c): any bytes give either rows
 * whose every value normalises, or a located CF_EINPUT error. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "formats/ssda903.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int on_row(void *ctx, enum ssda903_table t, const char *const *vals, const size_t *lens,
		  long row, long line, struct cf_error *err)
{
	long *seen = ctx;  /* [0] rows delivered, [1] the last row number */
	if ((int)t < 0 || t >= S903_NTABLES || row <= seen[1] || row < 2 || line < 2 || line < row)
		abort();
	seen[0]++;
	seen[1] = row;
	const struct ssda903_table_def *d = &ssda903_tables[t];
	for (int c = 0; c < d->ncols; c++) {
		if (!vals[c])
			continue;
		char out[160];
		const char *why;
		enum s903_norm r = ssda903_normalise(&d->cols[c], vals[c], lens[c], out, sizeof out, &why);
		if (strlen(out) >= sizeof out || (r == S903_NORM_ISSUE || r == S903_NORM_MAPPED) != (why != NULL))
			abort();
		if (d->cols[c].type == S903_POSTCODE && r == S903_NORM_OK && strlen(out) > 6)
			abort();  /* a sector, never a full postcode */
	}
	return CF_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	if (!path[0])
		snprintf(path, sizeof path, "/tmp/fuzz-ssda903-%ld.csv", (long)getpid());
	FILE *fp = fopen(path, "wb");
	if (!fp || fwrite(data, 1, size, fp) != size)
		abort();
	fclose(fp);
	enum ssda903_table t = S903_NTABLES, t2;
	long rows = 0, seen[2] = { 0, 1 };
	struct cf_error err;
	cf_error_clear(&err);
	int rc = ssda903_csv_read(path, &t, &rows, on_row, seen, &err);
	if (rc != CF_OK && (rc != CF_EINPUT || !err.msg[0] || strcmp(err.file, path)))
		abort();
	if (rc == CF_OK && rows != seen[0])
		abort();
	/* sniffing agrees with reading about which table it is */
	struct cf_error err2;
	cf_error_clear(&err2);
	if (rc == CF_OK && (ssda903_csv_sniff(path, &t2, &err2) != CF_OK || t2 != t))
		abort();
	return 0;
}
