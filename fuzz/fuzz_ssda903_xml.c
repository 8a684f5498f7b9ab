/* libFuzzer target for the SSDA903 XML reader (formats/ssda903_xml.c):
 * any bytes give rows whose values all normalise, or a located error;
 * never a crash, a leak or unbounded memory. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "formats/ssda903.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct seen {
	long rows[S903_NTABLES];
};

static int on_row(void *ctx, enum ssda903_table t, const char *const *vals, const size_t *lens,
		  long row, long line, struct cf_error *err)
{
	struct seen *s = ctx;
	if ((int)t < 0 || t >= S903_NTABLES || row != s->rows[t] + 2 || line < 1)
		abort();  /* rows of a table are numbered 2, 3, ... as in its CSV */
	s->rows[t]++;
	const struct ssda903_table_def *d = &ssda903_tables[t];
	for (int c = 0; c < S903_MAXCOLS; c++) {
		if (c >= d->ncols) {
			if (vals[c])
				abort();  /* no value past the table's columns */
			continue;
		}
		if (!vals[c])
			continue;
		if (strlen(vals[c]) != lens[c])
			abort();
		char out[160];
		const char *why;
		enum s903_norm r = ssda903_normalise(&d->cols[c], vals[c], lens[c], out, sizeof out, &why);
		if ((r == S903_NORM_ISSUE || r == S903_NORM_MAPPED) != (why != NULL))
			abort();
	}
	return CF_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	if (!path[0])
		snprintf(path, sizeof path, "/tmp/fuzz-ssda903-%ld.xml", (long)getpid());
	FILE *fp = fopen(path, "wb");
	if (!fp || fwrite(data, 1, size, fp) != size)
		abort();
	fclose(fp);
	struct seen s;
	memset(&s, 0, sizeof s);
	long rows[S903_NTABLES];
	struct cf_error err;
	cf_error_clear(&err);
	int rc = ssda903_xml_read(path, rows, on_row, &s, &err);
	if (rc != CF_OK && (rc != CF_EINPUT || !err.msg[0] || strcmp(err.file, path)))
		abort();
	for (int t = 0; t < S903_NTABLES; t++)
		if (rows[t] != s.rows[t])
			abort();
	return 0;
}
