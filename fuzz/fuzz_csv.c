/* libFuzzer target for the streaming CSV reader (base/csv.c): any bytes
 * must give rows or a located error, never a crash; and what the reader
 * returns must survive a write with csv_write_field and a second read. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Read every record of fp; write them to out when out is not NULL.
 * Returns the number of records, or -1 on a reader error. */
static long read_all(FILE *fp, FILE *out, size_t limit)
{
	struct csv_reader r;
	struct cf_error err;
	cf_error_clear(&err);
	if (csv_reader_init_fp(&r, fp, "fuzz.csv", &err) != CF_OK)
		abort();
	long n = 0, last_line = 0;
	int got;
	while ((got = csv_reader_next(&r, &err)) == 1) {
		n++;
		if (r.record != n || r.line <= last_line || r.nfields < 1)
			abort();
		last_line = r.line;
		for (int i = 0; i < r.nfields; i++) {
			if (r.fields[i][r.lens[i]] != '\0' || memchr(r.fields[i], '\0', r.lens[i]))
				abort();
			if (out) {
				if (i)
					fputc(',', out);
				csv_write_field(out, r.fields[i]);
			}
		}
		if (out)
			fputc('\n', out);
		if (csv_reader_bytes(&r) > (long long)limit)
			abort();
	}
	if (got < 0 && (err.status == CF_OK || err.msg[0] == '\0' || err.line < 1))
		abort();  /* an error must say what and where */
	csv_reader_close(&r);
	return got < 0 ? -1 : n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	FILE *fp = fmemopen((void *)data, size, "rb");
	if (!fp)
		return 0;
	char *copy = NULL;
	size_t copy_len = 0;
	FILE *out = open_memstream(&copy, &copy_len);
	long n = read_all(fp, out, size);
	fclose(fp);
	fclose(out);
	/* round trip: rows written back out read back the same (skipped when
	 * the rewrite could pass the row cap by doubling quotes) */
	if (n > 0 && copy_len < CSV_MAX_ROW / 2) {
		char *again = NULL;
		size_t again_len = 0;
		FILE *in2 = fmemopen(copy, copy_len, "rb");
		FILE *out2 = open_memstream(&again, &again_len);
		long n2 = read_all(in2, out2, copy_len);
		fclose(in2);
		fclose(out2);
		if (n2 != n || again_len != copy_len || memcmp(again, copy, copy_len))
			abort();
		free(again);
	}
	free(copy);
	return 0;
}
