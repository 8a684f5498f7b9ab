/* Indicators and report timings, phase by phase, in one process: open the
 * store, load the timelines, compute every indicator for every period by
 * locality, build the table, and write the whole Vital Signs report. Each
 * phase is timed by the wall clock and by this process's CPU time (the
 * steadier figure on a shared machine). Usage: bench_kpi STORE REPORT_DIR */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include "indicators/kpi.h"
#include "outputs/report.h"

struct stamp {
	double wall, cpu;
};

static struct stamp now(void)
{
	struct timespec w, c;
	clock_gettime(CLOCK_MONOTONIC, &w);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c);
	return (struct stamp){ w.tv_sec + w.tv_nsec / 1e9, c.tv_sec + c.tv_nsec / 1e9 };
}

static void phase(const char *what, struct stamp a, struct stamp b)
{
	printf("%-52s wall %.3f s  cpu %.3f s\n", what, b.wall - a.wall, b.cpu - a.cpu);
}

static int fail(const struct cf_error *err)
{
	cf_error_print(err);
	return 1;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: bench_kpi STORE REPORT_DIR\n");
		return 2;
	}
	struct cf_error err;
	cf_error_clear(&err);
	struct store *st;
	struct stamp t0 = now();
	if (store_open(&st, argv[1], 0, &err))
		return fail(&err);
	struct stamp t1 = now();
	struct kpi_data d;
	if (kpi_data_load(st, &d, &err))
		return fail(&err);
	struct stamp t2 = now();
	struct kpi_period *ps;
	int np;
	if (kpi_all_periods(&d, &ps, &np, &err))
		return fail(&err);
	struct kpi_options opt = { .by = KPI_BY_LOCALITY };
	struct kpi_result *r;
	if (kpi_compute(&d, ps, np, &opt, &r, &err))
		return fail(&err);
	struct stamp t3 = now();
	struct cf_table *t;
	if (kpi_result_table(r, &t, &err))
		return fail(&err);
	struct stamp t4 = now();
	struct report_options ro = { .suppress = 0 };
	kpi_default_period(&d, &ro.period);
	struct stamp t5 = now();
	if (report_write(st, &d, &ro, argv[2], &err))
		return fail(&err);
	struct stamp t6 = now();
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	printf("store: %zu children in the registry, %zu CLA episodes, %zu referrals, %zu contacts, %d localities\n",
	       d.reg.n, d.cla.neps, d.cin.n_referrals, d.cin.n_contacts, d.reg.nlocalities);
	char what[96];
	phase("open store", t0, t1);
	phase("load timelines", t1, t2);
	snprintf(what, sizeof what, "compute (%d periods x %d indicators x %d groups)", np, K_N, r->ngroups);
	phase(what, t2, t3);
	snprintf(what, sizeof what, "indicators table (%zu rows)", t->nrows);
	phase(what, t3, t4);
	phase("=> load + compute + table, after the store is open", t1, t4);
	snprintf(what, sizeof what, "whole report for %s (timelines loaded)", ro.period.label);
	phase(what, t5, t6);
	struct stamp lr = { (t2.wall - t1.wall) + (t6.wall - t5.wall), (t2.cpu - t1.cpu) + (t6.cpu - t5.cpu) };
	printf("%-52s wall %.3f s  cpu %.3f s\n", "=> load + whole report", lr.wall, lr.cpu);
	printf("peak memory %.1f MB\n", ru.ru_maxrss / 1024.0);
	cf_table_free(t);
	kpi_result_free(r);
	free(ps);
	kpi_data_release(&d);
	store_close(st);
	return 0;
}
