/* Estimating daily rates over a reference window (the reference model's
 * estimator; docs/forecast.md "Rates"). */
#include "forecast/forecast_rates.h"

#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

const char *const fc_method_names[FC_NMETHODS] = { "markov", "exact-age", "duration" };

int fc_method_parse(const char *s)
{
	for (int m = 0; m < FC_NMETHODS; m++)
		if (strcmp(s, fc_method_names[m]) == 0)
			return m;
	return -1;
}

double fc_rates_out(const struct fc_rates *r, int i)
{
	double t = r->exit[i];
	for (int j = 0; j < FC_NSTATES; j++)
		t += r->move[i][j];
	return t;
}

/* What one segment in the window adds to an estimate, precomputed so a
 * bootstrap run reads a compact array. */
struct wseg {
	int child;
	int lo, hi;          /* stock days covered, as indexes from base; lo > hi for none */
	int end;             /* index of a counted transition's day, or -1 */
	short rs;            /* rate state */
	short to;            /* destination state, or -1 for an exit */
	short entry;         /* state entered in the window, or -1 */
};

struct fc_estimator {
	enum fc_method method;
	int nrate;
	cf_date base;            /* ref_start - 1: stock index 0 */
	int ndays;               /* days in the window */
	int first_valid;         /* first index whose stock counts (the data's start) */
	struct wseg *w;
	size_t n;
};

int fc_estimator_new(const struct fc_history *h, enum fc_method method, cf_date ref_start, cf_date ref_end,
		     struct fc_estimator **out, struct cf_error *err)
{
	*out = NULL;
	if (ref_end < ref_start)
		return cf_error_set(err, CF_EINPUT, "the reference window ends before it starts");
	struct fc_estimator *e = calloc(1, sizeof *e);
	if (!e || !(e->w = malloc((h->nseg ? h->nseg : 1) * sizeof *e->w))) {
		free(e);
		return cf_error_set(err, CF_EIO, "out of memory");
	}
	mem_prefer_huge(e->w, (h->nseg ? h->nseg : 1) * sizeof *e->w);
	e->method = method;
	e->nrate = method == FC_METHOD_DURATION ? FC_NRATE_STATES : FC_NSTATES;
	e->base = ref_start - 1;
	e->ndays = ref_end - ref_start + 1;
	e->first_valid = h->data_start > e->base ? h->data_start - e->base : 0;
	int age_by_rate = method == FC_METHOD_MARKOV;
	for (size_t i = 0; i < h->nseg; i++) {
		const struct fc_segment *s = &h->seg[i];
		if (s->start > ref_end || s->end <= e->base)
			continue;
		struct wseg *w = &e->w[e->n++];
		w->child = s->child;
		w->rs = (short)(e->nrate == FC_NSTATES ? s->state : s->dur * FC_NSTATES + s->state);
		cf_date lo = s->start > e->base ? s->start : e->base;
		cf_date hi = s->end - 1 < ref_end ? s->end - 1 : ref_end;
		w->lo = lo - e->base;
		w->hi = hi - e->base;
		w->entry = (short)(s->entry && s->start > e->base ? s->state : -1);
		w->end = -1;
		w->to = -1;
		int counted = s->end_kind == FC_END_MOVE || s->end_kind == FC_END_EXIT ||
			      (s->end_kind == FC_END_AGE && age_by_rate);
		if (counted && s->end != FC_OPEN && s->end <= ref_end && s->end - 1 - e->base >= e->first_valid) {
			int to = s->next;
			if (s->end_kind != FC_END_EXIT && !age_by_rate)   /* ageing is exact: a move changes the placement only */
				to = FC_STATE(FC_BAND_OF(s->state), FC_PLACE_OF(s->next));
			if (s->end_kind == FC_END_EXIT || to != s->state) {
				w->end = s->end - e->base;
				w->to = (short)(s->end_kind == FC_END_EXIT ? -1 : to);
			}
		}
	}
	*out = e;
	return CF_OK;
}

void fc_estimator_free(struct fc_estimator *e)
{
	if (!e)
		return;
	free(e->w);
	free(e);
}

int fc_estimator_run(const struct fc_estimator *e, const unsigned *weights, struct fc_rates *out)
{
	memset(out, 0, sizeof *out);
	out->method = e->method;
	out->nrate = e->nrate;
	int ns = out->nrate, W = e->ndays;
	/* stock[k][s] for day base + k, k = 0..W, via a difference array */
	long *stock = calloc((size_t)(W + 2) * (size_t)ns, sizeof *stock);
	if (!stock)
		return CF_EIO;
	for (size_t k = 0; k < e->n; k++) {
		const struct wseg *s = &e->w[k];
		unsigned w = weights ? weights[s->child] : 1;
		if (!w)
			continue;
		if (s->lo <= s->hi) {
			stock[(size_t)s->lo * ns + s->rs] += w;
			stock[(size_t)(s->hi + 1) * ns + s->rs] -= w;
		}
		if (s->entry >= 0)
			out->entry[s->entry] += w;
	}
	for (int k = 1; k <= W; k++)
		for (int s = 0; s < ns; s++)
			stock[(size_t)k * ns + s] += stock[(size_t)(k - 1) * ns + s];
	/* days that count for each state: the previous day is in the data and
	 * had some stock */
	long valid[FC_NRATE_STATES] = { 0 };
	for (int k = 1; k <= W; k++) {
		if (k - 1 < e->first_valid)
			continue;
		for (int s = 0; s < ns; s++) {
			long st = stock[(size_t)(k - 1) * ns + s];
			if (st > 0) {
				valid[s]++;
				out->stock_days[s] += (double)st;
			}
		}
	}
	for (size_t k = 0; k < e->n; k++) {
		const struct wseg *s = &e->w[k];
		if (s->end < 0)
			continue;
		unsigned w = weights ? weights[s->child] : 1;
		if (!w)
			continue;
		long st = stock[(size_t)(s->end - 1) * ns + s->rs];
		if (st <= 0)
			continue;   /* cannot happen: the segment itself was in stock */
		double r = (double)w / (double)st;
		if (s->to < 0)
			out->exit[s->rs] += r;
		else
			out->move[s->rs][s->to] += r;
	}
	for (int s = 0; s < ns; s++) {
		double d = (double)valid[s];
		for (int t = 0; t < FC_NSTATES; t++)
			out->move[s][t] = d > 0 ? out->move[s][t] / d : 0;
		out->exit[s] = d > 0 ? out->exit[s] / d : 0;
	}
	for (int s = 0; s < FC_NSTATES; s++)
		out->entry[s] /= (double)W;
	free(stock);
	return CF_OK;
}

int fc_rates_estimate(const struct fc_history *h, enum fc_method method, cf_date ref_start, cf_date ref_end,
		      struct fc_rates *out, struct cf_error *err)
{
	struct fc_estimator *e;
	int rc = fc_estimator_new(h, method, ref_start, ref_end, &e, err);
	if (rc)
		return rc;
	rc = fc_estimator_run(e, NULL, out);
	fc_estimator_free(e);
	if (rc)
		return cf_error_set(err, CF_EIO, "out of memory estimating rates");
	return CF_OK;
}
