/* Benchmark helper: parse a CIN census with libcaseflow's streaming reader,
 * touching every record, and print children, MB, seconds and peak RSS.
 * Built and run by bench/cin.sh; not part of the library or the tests. */
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "formats/cin_census.h"

struct tally {
	long episodes, assessments, s47s, plans, reviews;
};

static int on_child(void *ctx, const struct cin_child *c, struct cf_error *err)
{
	struct tally *t = ctx;
	for (const struct cin_episode *e = c->episodes; e; e = e->next) {
		t->episodes++;
		for (const struct cin_assessment *a = e->assessments; a; a = a->next)
			t->assessments++;
		for (const struct cin_s47 *s = e->s47s; s; s = s->next)
			t->s47s++;
		for (const struct cin_cp_plan *p = e->cp_plans; p; p = p->next) {
			t->plans++;
			for (const struct cin_review *r = p->reviews; r; r = r->next)
				t->reviews++;
		}
	}
	return CF_OK;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: cin_parse CENSUS.xml\n");
		return 2;
	}
	struct tally t;
	memset(&t, 0, sizeof t);
	struct cin_census_handler h = { NULL, on_child, NULL };
	struct cin_census_stats st;
	struct cf_error err;
	cf_error_clear(&err);
	struct timespec a, b;
	clock_gettime(CLOCK_MONOTONIC, &a);
	int rc = cin_census_read(argv[1], &h, &t, &st, &err);
	clock_gettime(CLOCK_MONOTONIC, &b);
	if (rc) {
		cf_error_print(&err);
		return rc;
	}
	double s = (double)(b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9;
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	printf("children %ld  episodes %ld  assessments %ld  s47 %ld  cp_plans %ld  reviews %ld\n", st.children,
	       t.episodes, t.assessments, t.s47s, t.plans, t.reviews);
	double cpu = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
	printf("%.1f MB in %.2f s elapsed, %.2f s CPU: %.0f children/s, %.1f MB/s (per CPU second), peak RSS %.1f MB\n",
	       st.bytes / 1e6, s, cpu, st.children / cpu, st.bytes / 1e6 / cpu, ru.ru_maxrss / 1024.0);
	return 0;
}
