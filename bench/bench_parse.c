/* Parse rate of the SSDA903 episodes table alone: streams a CSV through
 * ssda903_csv_read with a callback that does nothing, as often as needed
 * to run for at least half a second, and reports rows/s, MB/s and peak
 * memory (getrusage). Usage: bench_parse FILE [MIN_SECONDS] */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#include "formats/ssda903.h"

static int count_row(void *ctx, enum ssda903_table t, const char *const *vals, const size_t *lens, long row,
		     long line, struct cf_error *err)
{
	(void)t, (void)vals, (void)lens, (void)row, (void)line, (void)err;
	++*(long *)ctx;
	return CF_OK;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: bench_parse EPISODES.csv [MIN_SECONDS]\n");
		return 2;
	}
	double min_s = argc > 2 ? atof(argv[2]) : 0.5;
	struct stat sb;
	if (stat(argv[1], &sb) != 0) {
		perror(argv[1]);
		return 3;
	}
	long rows = 0, passes = 0;
	double t0 = now(), t;
	do {
		struct cf_error err;
		enum ssda903_table table;
		long n;
		cf_error_clear(&err);
		if (ssda903_csv_read(argv[1], &table, &n, count_row, &rows, &err) != CF_OK) {
			cf_error_print(&err);
			return 1;
		}
		if (table != S903_EPISODES) {
			fprintf(stderr, "%s: not an episodes table\n", argv[1]);
			return 1;
		}
		passes++;
	} while ((t = now() - t0) < min_s);
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	double mb = (double)sb.st_size * passes / 1e6;
	printf("file=%s bytes=%lld rows_per_pass=%ld passes=%ld seconds=%.3f rows_per_s=%.0f mb_per_s=%.1f peak_rss_mb=%.1f\n",
	       argv[1], (long long)sb.st_size, rows / passes, passes, t, rows / t, mb / t, ru.ru_maxrss / 1024.0);
	return 0;
}
