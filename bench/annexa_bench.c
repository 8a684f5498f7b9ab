/* Benchmark helper: write a synthetic Annex A workbook for an authority of
 * N children (libxlsxwriter), then parse it with libcaseflow's Annex A
 * reader and print rows/s, MB/s and peak RSS. Built and run by
 * bench/cin.sh; not part of the library or the tests.
 *   annexa_bench N OUT.xlsx */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <xlsxwriter.h>

#include "formats/annexa.h"

/* rows per list for N children, roughly an English authority's year */
static const struct { int list; double per_child; } volumes[] = {
	{ 1, 1.00 }, { 2, 0.20 }, { 3, 0.50 }, { 4, 0.45 }, { 5, 0.15 }, { 6, 0.30 }, { 7, 0.05 }, { 8, 0.07 },
	{ 9, 0.03 }, { 10, 0.005 }, { 11, 0.002 },
};

static void write_book(long n, const char *path)
{
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE, .tmpdir = NULL };
	lxw_workbook *wb = workbook_new_opt(path, &opt);
	lxw_format *date = workbook_add_format(wb);
	format_set_num_format(date, "dd/mm/yyyy");
	static const char *const sources[] = { "q) 6: Police", "e) 2A: Schools", "j) 3D: Health services", "a) 1A: Individual" };
	for (size_t v = 0; v < sizeof volumes / sizeof volumes[0]; v++) {
		int l = volumes[v].list;
		char name[16];
		snprintf(name, sizeof name, "List %d", l);
		lxw_worksheet *ws = workbook_add_worksheet(wb, name);
		int ncols = annexa_list_ncols(l);
		for (int c = 0; c < ncols; c++)
			worksheet_write_string(ws, 0, (lxw_col_t)c, annexa_lists[l - 1].cols[c].name, NULL);
		long rows = (long)(n * volumes[v].per_child);
		for (long r = 1; r <= rows; r++) {
			for (int c = 0; c < ncols; c++) {
				const struct annexa_column *col = &annexa_lists[l - 1].cols[c];
				char buf[32];
				if (c == 0) {
					snprintf(buf, sizeof buf, "C%07ld", (r * 7919) % n);
					worksheet_write_string(ws, (lxw_row_t)r, 0, buf, NULL);
				} else if (col->type == AX_DATE) {
					worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)c, 44927 + (double)(r % 365), date);
				} else if (col->type == AX_INT || col->type == AX_DECIMAL) {
					worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)c, (double)(r % 17), NULL);
				} else if (col->field == AXF_GENDER) {
					worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, r % 2 ? "a) Male" : "b) Female", NULL);
				} else if (col->field == AXF_ETHNICITY) {
					worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, "a) WBRI", NULL);
				} else if (col->field == AXF_CONTACT_SOURCE || col->field == AXF_REFERRAL_SOURCE) {
					worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, sources[r % 4], NULL);
				} else if (col->type == AX_CATEGORY && (strstr(col->name, "(Y/N)") || strchr(col->name, '?'))) {
					worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, r % 3 ? "b) No" : "a) Yes", NULL);
				} else if (col->type == AX_CATEGORY) {
					continue;   /* other coded columns left blank */
				} else if (col->type == AX_POSTCODE) {
					worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, "EG1 1AA", NULL);
				} else {
					worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, "Team 1", NULL);
				}
			}
		}
	}
	workbook_close(wb);
}

static long rows;
static int on_row(void *ctx, const struct annexa_row *r, struct cf_error *err)
{
	rows++;
	return CF_OK;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: annexa_bench CHILDREN OUT.xlsx\n");
		return 2;
	}
	long n = atol(argv[1]);
	write_book(n, argv[2]);
	struct stat sb;
	stat(argv[2], &sb);
	struct annexa_schema *s;
	struct cf_error err;
	cf_error_clear(&err);
	struct timespec a, b, c;
	struct rusage r0;
	getrusage(RUSAGE_SELF, &r0);
	clock_gettime(CLOCK_MONOTONIC, &a);
	if (annexa_schema_load(&s, &err)) {
		cf_error_print(&err);
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	struct annexa_handler h = { NULL, on_row };
	int rc = annexa_read_xlsx(argv[2], s, &h, NULL, &err);
	clock_gettime(CLOCK_MONOTONIC, &c);
	if (rc) {
		cf_error_print(&err);
		return rc;
	}
	double ts = (double)(b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9;
	double tp = (double)(c.tv_sec - b.tv_sec) + (c.tv_nsec - b.tv_nsec) / 1e9;
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	double cpu = (ru.ru_utime.tv_sec - r0.ru_utime.tv_sec) + (ru.ru_utime.tv_usec - r0.ru_utime.tv_usec) / 1e6 +
		     (ru.ru_stime.tv_sec - r0.ru_stime.tv_sec) + (ru.ru_stime.tv_usec - r0.ru_stime.tv_usec) / 1e6;
	printf("schema (built-in spellings): %.3f s\n", ts);
	printf("workbook %.1f MB, %ld rows in %.2f s elapsed, %.2f s CPU: %.0f rows/s, %.1f MB/s of xlsx (per CPU second), "
	       "peak RSS %.1f MB (writing the workbook included)\n",
	       sb.st_size / 1e6, rows, tp, cpu, rows / cpu, sb.st_size / 1e6 / cpu, ru.ru_maxrss / 1024.0);
	annexa_schema_free(s);
	return 0;
}
