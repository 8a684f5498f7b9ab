/* xlsx reader benchmark helper: `write FILE ROWS` makes a workbook of ROWS
 * rows x 10 columns (text, numbers, dates, blanks; shared strings), and
 * `read FILE` streams its first sheet, printing rows, cells, seconds and
 * peak RSS. Built and run by bench/xlsx.sh; not part of libcaseflow. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <xlsxwriter.h>

#include "formats/xlsx.h"

static int count(void *ctx, long row, const struct xlsx_cell *cells, int ncells, struct cf_error *err)
{
	long *n = ctx;
	n[0]++;
	n[1] += ncells;
	return CF_OK;
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "write")) {
		long rows = atol(argv[3]);
		lxw_workbook *wb = workbook_new(argv[2]);
		lxw_format *date = workbook_add_format(wb);
		format_set_num_format(date, "dd/mm/yyyy");
		lxw_worksheet *ws = workbook_add_worksheet(wb, "List 1");
		char buf[64];
		for (long r = 0; r < rows; r++) {
			snprintf(buf, sizeof buf, "child %ld", r);
			worksheet_write_string(ws, (lxw_row_t)r, 0, buf, NULL);
			worksheet_write_string(ws, (lxw_row_t)r, 1, r % 2 ? "Female" : "Male", NULL);
			worksheet_write_number(ws, (lxw_row_t)r, 2, 38000 + r % 6000, date);
			worksheet_write_number(ws, (lxw_row_t)r, 3, (double)(r % 17) / 3.0, NULL);
			worksheet_write_string(ws, (lxw_row_t)r, 5, "q) 6: Police", NULL);
			worksheet_write_number(ws, (lxw_row_t)r, 6, 44000 + r % 700, date);
			worksheet_write_string(ws, (lxw_row_t)r, 9, "Locality 2 Unit 1", NULL);
		}
		return workbook_close(wb) == LXW_NO_ERROR ? 0 : 1;
	}
	if (argc == 3 && !strcmp(argv[1], "read")) {
		struct xlsx_book *b;
		struct cf_error err;
		long n[2] = { 0, 0 };
		struct timespec t0, t1;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		int rc = xlsx_open(&b, argv[2], &err);
		if (!rc) {
			rc = xlsx_sheet_read(b, 0, count, n, &err);
			xlsx_close(b);
		}
		clock_gettime(CLOCK_MONOTONIC, &t1);
		if (rc) {
			cf_error_print(&err);
			return rc;
		}
		double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
		struct rusage ru;
		getrusage(RUSAGE_SELF, &ru);
		printf("%ld rows, %ld cells in %.2f s (%.0f rows/s), peak RSS %.1f MB\n", n[0], n[1], s, n[0] / s,
		       ru.ru_maxrss / 1024.0);
		return 0;
	}
	fprintf(stderr, "usage: xlsx_bench write FILE ROWS | read FILE\n");
	return 2;
}
