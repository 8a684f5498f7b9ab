/* The indicators engine (indicators/kpi.h) as the benchmark_local hook: the
 * LA's own values, computed from the child-level data in the store, beside
 * its published ones (benchmark la_value) and as trajectory actuals.
 *
 * The store is taken to hold one LA's own data: callers attach the hook
 * only when benchmarking a single LA (the one the analyst names). */
#ifndef CF_INDICATORS_BENCHMARK_KPI_H
#define CF_INDICATORS_BENCHMARK_KPI_H

#include "indicators/benchmark.h"

/* Load the store's child-level data and fill *hook. When the store has none
 * (only published tables), hook->annual and hook->monthly are NULL and
 * hook->ctx is NULL. Values come only from periods the loaded returns
 * cover: a year outside them, or a month whose 12 months run outside them,
 * has no value (never extrapolated).
 *   annual(year): the financial year to 31 March `year`; for the workforce
 *                 census, whose DfE time_period Y is the census of 30
 *                 September Y, the financial year to 31 March Y + 1, which
 *                 holds that census;
 *   monthly(day): the 12 months to `day` (a stock such as cla_31mar is its
 *                 value on `day`; a flow or a percentage covers the 12
 *                 months, so it compares with an annual target).
 * Release with benchmark_kpi_close(). */
int benchmark_kpi_open(struct store *st, struct benchmark_local *hook, struct cf_error *err);
void benchmark_kpi_close(struct benchmark_local *hook);
/* The same over data the caller has loaded already (borrowed: it must
 * outlive the hook), with cells suppressed below `suppress` (0 = off)
 * answering "no value", as a report with --suppress shows them. */
struct kpi_data;
int benchmark_kpi_attach(const struct kpi_data *data, long suppress, struct benchmark_local *hook,
			 struct cf_error *err);

/* The kpi engine's id for a benchmark indicator id ("cpp_open_2yr" ->
 * "cpp_open_2y_plus"), or NULL when it computes no such indicator. */
const char *benchmark_kpi_id(const char *indicator);

#endif
