/* Flows between services: step-up from early help to social care and
 * step-down back, child protection to child in need or to care, care back to
 * child protection, and repeat early help, by month and financial year
 * (explore.h). A flow is a pair of records of one child with the second
 * near the first; early help is matched by the child's ID, the rest through
 * the indicators' data. */
#include "explore/explore.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/stats.h"
#include "explore/care_int.h"
#include "store/demand_records.h"

const char *const flow_names[FLOW_N] = { "early_help_to_social_care", "social_care_to_early_help", "cp_to_cin",
					 "cp_to_care", "care_to_cp", "repeat_early_help_12m" };
const char *const flow_bases[FLOW_N] = { "referrals", "cin_closures", "cp_plans_ended", "care_started",
					 "care_ended", "early_help_started" };

struct eh {
	char *child;
	cf_date start, end;
};

struct eh_list {
	struct eh *v;
	size_t n, cap;
};

static int on_early_help(void *ctx, const struct early_help_record *r)
{
	struct eh_list *l = ctx;
	if (r->start == CF_DATE_NONE)
		return CF_OK;
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 1024;
		struct eh *v = realloc(l->v, cap * sizeof *v);
		if (!v)
			return CF_EIO;
		l->v = v, l->cap = cap;
	}
	char *id = strdup(r->child);
	if (!id)
		return CF_EIO;
	l->v[l->n++] = (struct eh){ id, r->start, r->end };
	return CF_OK;
}

static int by_child_start(const void *a, const void *b)
{
	const struct eh *x = a, *y = b;
	int c = strcmp(x->child, y->child);
	return c ? c : (x->start > y->start) - (x->start < y->start);
}

/* The child's early help episodes: [*lo, *hi) of the sorted list. */
static void eh_of(const struct eh_list *l, const char *child, size_t *lo, size_t *hi)
{
	size_t a = 0, b = l->n;
	while (a < b) {
		size_t m = (a + b) / 2;
		if (strcmp(l->v[m].child, child) < 0)
			a = m + 1;
		else
			b = m;
	}
	*lo = a;
	while (a < l->n && strcmp(l->v[a].child, child) == 0)
		a++;
	*hi = a;
}

struct counter {
	struct flows_result *r;
	cf_date from, to;
	int first_year, first_month;
};

static void tally(struct counter *k, int flow, cf_date on, int hit)
{
	if (on == CF_DATE_NONE || on < k->from || on > k->to)
		return;
	int y, m, d;
	cf_date_to_ymd(on, &y, &m, &d);
	int month = (y - k->first_year) * 12 + (m - k->first_month);
	int fy = (m >= 4 ? y : y - 1) - k->r->first_fy;
	k->r->base[month][flow]++;
	k->r->year_base[fy][flow]++;
	if (hit) {
		k->r->count[month][flow]++;
		k->r->year_count[fy][flow]++;
	}
}

static int alloc_result(struct flows_result *r, cf_date from, cf_date to, struct counter *k)
{
	int y0, m0, d0, y1, m1, d1;
	cf_date_to_ymd(from, &y0, &m0, &d0);
	cf_date_to_ymd(to, &y1, &m1, &d1);
	r->nmonths = (y1 - y0) * 12 + (m1 - m0) + 1;
	r->first_fy = m0 >= 4 ? y0 : y0 - 1;
	r->nyears = (m1 >= 4 ? y1 : y1 - 1) - r->first_fy + 1;
	r->months = calloc((size_t)r->nmonths, sizeof *r->months);
	r->count = calloc((size_t)r->nmonths, sizeof *r->count);
	r->base = calloc((size_t)r->nmonths, sizeof *r->base);
	r->year_count = calloc((size_t)r->nyears, sizeof *r->year_count);
	r->year_base = calloc((size_t)r->nyears, sizeof *r->year_base);
	if (!r->months || !r->count || !r->base || !r->year_count || !r->year_base)
		return -1;
	for (int i = 0; i < r->nmonths; i++)
		snprintf(r->months[i], sizeof r->months[i], "%04d-%02d", y0 + (m0 - 1 + i) / 12, (m0 - 1 + i) % 12 + 1);
	*k = (struct counter){ r, from, to, y0, m0 };
	return 0;
}

static int near(cf_date x, cf_date from, cf_date to)
{
	return x != CF_DATE_NONE && x >= from && x <= to;
}

int flows_compute(struct store *st, const struct kpi_data *d, cf_date from, cf_date to, int within,
		  struct flows_result *out, struct cf_error *err)
{
	memset(out, 0, sizeof *out);
	out->within = within;
	struct eh_list eh = { 0 };
	struct care_periods care = { 0 };
	struct counter k;
	int rc = demand_records_early_help(st, on_early_help, &eh, err);
	if (rc == CF_EIO && !err->msg[0])
		rc = cf_error_set(err, CF_EIO, "out of memory");
	if (!rc && (alloc_result(out, from, to, &k) || care_periods_make(d, &care)))
		rc = cf_error_set(err, CF_EIO, "out of memory");
	if (rc)
		goto done;
	if (eh.n)   /* qsort may not be handed NULL, even for none */
		qsort(eh.v, eh.n, sizeof *eh.v, by_child_start);
	const struct cin_data *cin = &d->cin;
	for (size_t c = 0; c < d->reg.n; c++) {
		const char *id = d->reg.children[c].id;
		size_t elo, ehi;
		eh_of(&eh, id, &elo, &ehi);
		int rlo = 0, rhi = 0, plo = 0, phi = 0;
		if (c < cin->nchildren) {
			rlo = cin->referrals_first[c], rhi = cin->referrals_first[c + 1];
			plo = cin->cpp_first[c], phi = cin->cpp_first[c + 1];
		}
		int clo = care.first[c], chi = care.first[c + 1];
		for (int i = rlo; i < rhi; i++) {
			const struct cin_referral *r = &cin->referrals[i];
			int up = 0, down = 0;
			for (size_t e = elo; e < ehi && !up; e++)   /* early help open then, or just closed */
				up = eh.v[e].start <= r->date &&
				     (eh.v[e].end == CF_DATE_NONE || eh.v[e].end >= (r->date - within));
			tally(&k, FLOW_EH_TO_SC, r->date, up);
			if (r->closed == CF_DATE_NONE)
				continue;
			for (size_t e = elo; e < ehi && !down; e++)
				down = near(eh.v[e].start, (r->closed - within), (r->closed + within));
			tally(&k, FLOW_SC_TO_EH, r->closed, down);
		}
		for (int p = plo; p < phi; p++) {
			const struct cin_cpp *plan = &cin->cpp[p];
			if (plan->end != CF_DATE_NONE) {
				int still_cin = 0, to_care = 0;
				for (int i = rlo; i < rhi && !still_cin; i++)
					still_cin = cin->referrals[i].date <= plan->end &&
						    (cin->referrals[i].closed == CF_DATE_NONE || cin->referrals[i].closed > plan->end);
				for (int q = clo; q < chi && !to_care; q++)
					to_care = near(care.period[q][0], plan->end, (plan->end + within));
				tally(&k, FLOW_CP_TO_CIN, plan->end, still_cin && !to_care);
			}
		}
		for (int q = clo; q < chi; q++) {
			cf_date s = care.period[q][0], e = care.period[q][1];
			int from_cp = 0, to_cp = 0;
			for (int p = plo; p < phi && !from_cp; p++)
				from_cp = cin->cpp[p].start <= s &&
					  (cin->cpp[p].end == CF_DATE_NONE || cin->cpp[p].end >= (s - within));
			tally(&k, FLOW_CP_TO_CARE, s, from_cp);
			if (e == CF_DATE_NONE)
				continue;
			for (int p = plo; p < phi && !to_cp; p++)
				to_cp = near(cin->cpp[p].start, e, (e + within));
			tally(&k, FLOW_CARE_TO_CP, e, to_cp);
		}
	}
	/* repeat early help, for every child with early help, known to social care or not */
	for (size_t e = 0; e < eh.n; e++) {
		int repeat = 0;
		for (size_t f = e; f-- > 0 && strcmp(eh.v[f].child, eh.v[e].child) == 0 && !repeat;)
			repeat = near(eh.v[f].end, cf_date_add_months(eh.v[e].start, -12), eh.v[e].start);
		tally(&k, FLOW_REPEAT_EH, eh.v[e].start, repeat);
	}
done:
	for (size_t e = 0; e < eh.n; e++)
		free(eh.v[e].child);
	free(eh.v);
	care_periods_release(&care);
	if (rc)
		flows_free(out);
	return rc;
}

void flows_free(struct flows_result *r)
{
	free(r->months);
	free(r->count);
	free(r->base);
	free(r->year_count);
	free(r->year_base);
	memset(r, 0, sizeof *r);
}

int flows_tables(const struct flows_result *r, struct cf_table *out[2], struct cf_error *err)
{
	out[0] = cf_table_new("flows_by_year");
	out[1] = cf_table_new("flows_by_month");
	int bad = !out[0] || !out[1];
	static const char *const ycols[] = { "year", "flow", "children", "of", "base", "percent", "lower_95", "upper_95" };
	static const enum cf_cell_type ytypes[] = { CF_CELL_TEXT, CF_CELL_TEXT, CF_CELL_INT, CF_CELL_TEXT,
						    CF_CELL_INT,  CF_CELL_REAL, CF_CELL_REAL, CF_CELL_REAL };
	for (int i = 0; !bad && i < 8; i++)
		bad = cf_table_add_column(out[0], ycols[i], ytypes[i], i >= 5 ? 1 : 0) < 0;
	static const char *const mcols[] = { "month", "flow", "children", "base" };
	static const enum cf_cell_type mtypes[] = { CF_CELL_TEXT, CF_CELL_TEXT, CF_CELL_INT, CF_CELL_INT };
	for (int i = 0; !bad && i < 4; i++)
		bad = cf_table_add_column(out[1], mcols[i], mtypes[i], 0) < 0;
	for (int y = 0; !bad && y < r->nyears; y++)
		for (int f = 0; !bad && f < FLOW_N; f++) {
			char label[16];
			snprintf(label, sizeof label, "%d-%02d", r->first_fy + y, (r->first_fy + y + 1) % 100);
			long row = cf_table_add_row(out[0]);
			long n = r->year_count[y][f], b = r->year_base[y][f];
			bad = row < 0 || cf_table_set_text(out[0], (size_t)row, 0, label) ||
			      cf_table_set_text(out[0], (size_t)row, 1, flow_names[f]) ||
			      cf_table_set_text(out[0], (size_t)row, 3, flow_bases[f]);
			if (bad)
				break;
			cf_table_set_int(out[0], (size_t)row, 2, n);
			cf_table_set_int(out[0], (size_t)row, 4, b);
			if (b > 0) {
				double lo, hi;
				stats_wilson((double)n, (double)b, STATS_Z95, &lo, &hi);
				cf_table_set_real(out[0], (size_t)row, 5, 100.0 * (double)n / (double)b);
				cf_table_set_real(out[0], (size_t)row, 6, 100 * lo);
				cf_table_set_real(out[0], (size_t)row, 7, 100 * hi);
			} else {
				for (int c = 5; c < 8; c++)
					cf_table_set_null(out[0], (size_t)row, c);
			}
		}
	for (int m = 0; !bad && m < r->nmonths; m++)
		for (int f = 0; !bad && f < FLOW_N; f++) {
			long row = cf_table_add_row(out[1]);
			bad = row < 0 || cf_table_set_text(out[1], (size_t)row, 0, r->months[m]) ||
			      cf_table_set_text(out[1], (size_t)row, 1, flow_names[f]);
			if (bad)
				break;
			cf_table_set_int(out[1], (size_t)row, 2, r->count[m][f]);
			cf_table_set_int(out[1], (size_t)row, 3, r->base[m][f]);
		}
	if (!bad)
		return CF_OK;
	cf_table_free(out[0]);
	cf_table_free(out[1]);
	out[0] = out[1] = NULL;
	return cf_error_set(err, CF_EIO, "out of memory");
}
