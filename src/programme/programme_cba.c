/* CBA: flows by year, present values, returns by agency, sensitivity. */
#include "programme/programme_cba.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "programme/programme_common.h"

const char *const cba_assumption_names[CBA_NASSUMPTIONS] = {
	"costs", "optimism_bias_costs", "cohort", "engagement", "impact", "deadweight", "attribution",
	"unit_value", "drop_off", "optimism_bias_benefits", "discount_rate",
};

static double rate(double v, const double *mult, int which)
{
	v *= mult ? mult[which] : 1.0;
	return v > 1 ? 1 : v < 0 ? 0 : v;
}

static double scale(double v, const double *mult, int which) { return v * (mult ? mult[which] : 1.0); }

static int horizon(const struct prog_cba *cba)
{
	if (cba->appraisal_years > 0)
		return cba->appraisal_years;
	int last = 0;
	for (int i = 0; i < cba->ncosts; i++)
		if (cba->costs[i].year > last)
			last = cba->costs[i].year;
	for (int i = 0; i < cba->noutcomes; i++) {
		const struct prog_outcome *o = &cba->outcomes[i];
		int end = o->year + o->lag + o->duration - 1;
		if (end > last)
			last = end;
	}
	return last + 1 < CBA_MAX_YEARS ? last + 1 : CBA_MAX_YEARS;
}

void cba_compute(const struct prog_cba *cba, const double *mult, const char *agency, struct cba_result *r)
{
	memset(r, 0, sizeof *r);
	r->nyears = horizon(cba);
	double disc = scale(cba->discount_rate, mult, CBA_DISCOUNT_RATE);
	for (int t = 0; t < r->nyears; t++)
		r->df[t] = 1.0 / pow(1.0 + disc, t);
	for (int i = 0; i < cba->ncosts; i++) {
		const struct prog_cba_cost *c = &cba->costs[i];
		if ((agency && strcasecmp(agency, c->agency)) || c->year >= r->nyears)
			continue;
		/* C' = C x (1 + OB) */
		r->costs[c->year] += scale(c->amount, mult, CBA_COSTS) * (1 + rate(c->optimism_bias, mult, CBA_COST_OB));
	}
	for (int i = 0; i < cba->noutcomes; i++) {
		const struct prog_outcome *o = &cba->outcomes[i];
		if (agency && strcasecmp(agency, o->agency))
			continue;
		/* people affected, net of deadweight and attribution */
		double n = scale(o->cohort, mult, CBA_COHORT) * rate(o->engagement, mult, CBA_ENGAGEMENT) *
			   rate(o->impact, mult, CBA_IMPACT);
		double net = n * (1 - rate(o->deadweight, mult, CBA_DEADWEIGHT)) * rate(o->attribution, mult, CBA_ATTRIBUTION);
		double first = net * scale(o->unit_value, mult, CBA_UNIT_VALUE) *
			       (1 - rate(o->optimism_bias, mult, CBA_BENEFIT_OB));
		double keep = 1 - rate(o->drop_off, mult, CBA_DROP_OFF);
		int start = o->year + o->lag;
		for (int k = 0; k < o->duration; k++) {
			int t = start + k;
			if (t >= r->nyears)
				break;
			double b = first * pow(keep, k);
			r->benefit[o->type][t] += b;
			if (o->cashable)
				r->cashable[t] += b;
		}
	}
	double cum = 0, cum_costs = 0;
	r->payback_year = -1;
	for (int t = 0; t < r->nyears; t++) {
		r->pv_costs += r->costs[t] * r->df[t];
		for (int k = 0; k < 3; k++)
			r->pv_benefit[k] += r->benefit[k][t] * r->df[t];
		r->pv_cashable += r->cashable[t] * r->df[t];
		cum += (r->benefit[PROG_FISCAL][t] - r->costs[t]) * r->df[t];
		cum_costs += r->costs[t] * r->df[t];
		if (r->payback_year < 0 && cum_costs > 0 && cum >= 0)
			r->payback_year = t;
	}
	r->pv_benefits = r->pv_benefit[0] + r->pv_benefit[1] + r->pv_benefit[2];
	r->financial_roi = r->pv_costs ? r->pv_benefit[PROG_FISCAL] / r->pv_costs : NAN;
	r->npbi = r->pv_benefit[PROG_FISCAL] - r->pv_costs;
	r->bcr = r->pv_costs ? r->pv_benefits / r->pv_costs : NAN;
	r->npv = r->pv_benefits - r->pv_costs;
	r->cashable_share = r->pv_benefit[PROG_FISCAL] ? r->pv_cashable / r->pv_benefit[PROG_FISCAL] : NAN;
}

static void set_real(struct cf_table *t, long r, int c, double v)
{
	if (isfinite(v))
		cf_table_set_real(t, (size_t)r, c, v);
}

/* The multiplier on one assumption at which the measure (0 public value
 * NPV, 1 net present budget impact) is zero, searched from 0 to 10 times
 * the estimate on the side where the sign changes. NaN when it never is. */
static double switching_value(const struct prog_cba *cba, int which, int measure)
{
	double mult[CBA_NASSUMPTIONS];
	for (int i = 0; i < CBA_NASSUMPTIONS; i++)
		mult[i] = 1;
	struct cba_result r;
#define F(m) (mult[which] = (m), cba_compute(cba, mult, NULL, &r), measure ? r.npbi : r.npv)
	double base = F(1.0);
	if (base == 0)
		return 1.0;
	double lo, hi;
	if ((F(0.0) > 0) != (base > 0)) {
		lo = 0;
		hi = 1;
	} else if ((F(10.0) > 0) != (base > 0)) {
		lo = 1;
		hi = 10;
	} else {
		return NAN;
	}
	double flo = F(lo);
	for (int it = 0; it < 80 && hi - lo > 1e-9; it++) {
		double mid = (lo + hi) / 2, fm = F(mid);
		if ((fm > 0) == (flo > 0)) {
			lo = mid;
			flo = fm;
		} else {
			hi = mid;
		}
	}
#undef F
	return (lo + hi) / 2;
}

void cba_sensitivity_compute(const struct prog_cba *cba, struct cba_sensitivity out[CBA_NASSUMPTIONS])
{
	struct cba_result r;
	cba_compute(cba, NULL, NULL, &r);
	for (int s = 0; s < CBA_NASSUMPTIONS; s++) {
		double mult[CBA_NASSUMPTIONS];
		for (int i = 0; i < CBA_NASSUMPTIONS; i++)
			mult[i] = 1;
		struct cba_result lo, hi;
		mult[s] = 0.8;
		cba_compute(cba, mult, NULL, &lo);
		mult[s] = 1.2;
		cba_compute(cba, mult, NULL, &hi);
		double sw = switching_value(cba, s, 0), bsw = switching_value(cba, s, 1);
		out[s] = (struct cba_sensitivity){ lo.bcr, r.bcr, hi.bcr, lo.npbi, hi.npbi, sw,
						   isfinite(sw) ? (sw - 1) * 100 : NAN, bsw };
	}
}

static int agency_seen(const char *const *agencies, int n, const char *a)
{
	for (int i = 0; i < n; i++)
		if (!strcasecmp(agencies[i], a))
			return 1;
	return 0;
}

void cba_analysis_release(struct cba_analysis *a)
{
	free(a->by_agency);
	memset(a, 0, sizeof *a);
}

int cba_analyse(const struct prog_cba *cba, struct cba_analysis *out, struct cf_error *err)
{
	memset(out, 0, sizeof *out);
	out->discount_rate = cba->discount_rate;
	cba_compute(cba, NULL, NULL, &out->all);
	/* agencies in the order they first appear: costs, then outcomes */
	for (int i = 0; i < cba->ncosts && out->nagencies < CBA_MAX_AGENCIES; i++)
		if (!agency_seen(out->agencies, out->nagencies, cba->costs[i].agency))
			out->agencies[out->nagencies++] = cba->costs[i].agency;
	for (int i = 0; i < cba->noutcomes && out->nagencies < CBA_MAX_AGENCIES; i++)
		if (!agency_seen(out->agencies, out->nagencies, cba->outcomes[i].agency))
			out->agencies[out->nagencies++] = cba->outcomes[i].agency;
	if (!(out->by_agency = malloc(((size_t)out->nagencies + 1) * sizeof *out->by_agency))) {
		out->nagencies = 0;
		return cf_error_set(err, CF_EIO, "out of memory");
	}
	for (int a = 0; a < out->nagencies; a++)
		cba_compute(cba, NULL, out->agencies[a], &out->by_agency[a]);
	cba_sensitivity_compute(cba, out->sensitivity);
	return CF_OK;
}

int cba_analysis_tables(const struct cba_analysis *an, struct cf_table **out, int *nout, struct cf_error *err)
{
	*nout = 0;
	struct cf_table *sum = ptable_new("cba_summary", "measure:t value:r4", err);
	struct cf_table *yr = sum ? ptable_new("cba_by_year",
					       "year:i discount_factor:r4 costs:r2 fiscal_benefits:r2 economic_benefits:r2 "
					       "social_benefits:r2 pv_costs:r2 pv_fiscal:r2 pv_economic:r2 pv_social:r2 "
					       "cumulative_pv_fiscal_net:r2", err) : NULL;
	struct cf_table *ag = yr ? ptable_new("cba_by_agency",
					      "agency:t pv_costs:r2 pv_fiscal:r2 pv_economic:r2 pv_social:r2 pv_cashable:r2 "
					      "financial_roi:r2 net_present_budget_impact:r2 public_value_bcr:r2", err) : NULL;
	struct cf_table *ya = ag ? ptable_new("cba_by_year_agency",
					      "year:i agency:t costs:r2 fiscal_benefits:r2 economic_benefits:r2 "
					      "social_benefits:r2 pv_costs:r2 pv_benefits:r2", err) : NULL;
	struct cf_table *sens = ya ? ptable_new("cba_sensitivity",
						"assumption:t bcr_minus_20pct:r2 bcr:r2 bcr_plus_20pct:r2 "
						"npbi_minus_20pct:r2 npbi_plus_20pct:r2 switching_value:r3 "
						"switching_change_pct:r1 budget_switching_value:r3", err) : NULL;
	if (!sens) {
		cf_table_free(sum);
		cf_table_free(yr);
		cf_table_free(ag);
		cf_table_free(ya);
		return CF_EIO;
	}
	out[0] = sum;
	out[1] = yr;
	out[2] = ag;
	out[3] = ya;
	out[4] = sens;
	*nout = 5;

	const struct cba_result r = an->all;
	struct {
		const char *m;
		double v;
	} rows[] = {
		{ "pv_costs", r.pv_costs },
		{ "pv_fiscal_benefits", r.pv_benefit[PROG_FISCAL] },
		{ "pv_economic_benefits", r.pv_benefit[PROG_ECONOMIC] },
		{ "pv_social_benefits", r.pv_benefit[PROG_SOCIAL] },
		{ "pv_all_benefits", r.pv_benefits },
		{ "pv_cashable_benefits", r.pv_cashable },
		{ "financial_roi", r.financial_roi },
		{ "net_present_budget_impact", r.npbi },
		{ "public_value_bcr", r.bcr },
		{ "net_present_public_value", r.npv },
		{ "payback_year", r.payback_year >= 0 ? r.payback_year : NAN },
		{ "cashable_share", r.cashable_share },
		{ "discount_rate", an->discount_rate },
		{ "appraisal_years", r.nyears },
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		long k = ptable_row(sum);
		if (k < 0 || cf_table_set_text(sum, (size_t)k, 0, rows[i].m))
			goto oom;
		set_real(sum, k, 1, rows[i].v);
	}
	double cum = 0;
	for (int t = 0; t < r.nyears; t++) {
		long k = ptable_row(yr);
		if (k < 0)
			goto oom;
		cum += (r.benefit[PROG_FISCAL][t] - r.costs[t]) * r.df[t];
		cf_table_set_int(yr, (size_t)k, 0, t);
		double v[] = { r.df[t], r.costs[t], r.benefit[0][t], r.benefit[1][t], r.benefit[2][t],
			       r.costs[t] * r.df[t], r.benefit[0][t] * r.df[t], r.benefit[1][t] * r.df[t],
			       r.benefit[2][t] * r.df[t], cum };
		for (int c = 0; c < 10; c++)
			set_real(yr, k, c + 1, v[c]);
	}

	for (int a = 0; a < an->nagencies; a++) {
		const struct cba_result ra = an->by_agency[a];
		long k = ptable_row(ag);
		if (k < 0 || cf_table_set_text(ag, (size_t)k, 0, an->agencies[a]))
			goto oom;
		double v[] = { ra.pv_costs, ra.pv_benefit[0], ra.pv_benefit[1], ra.pv_benefit[2], ra.pv_cashable,
			       ra.financial_roi, ra.npbi, ra.bcr };
		for (int c = 0; c < 8; c++)
			set_real(ag, k, c + 1, v[c]);
		for (int t = 0; t < ra.nyears; t++) {
			double b = ra.benefit[0][t] + ra.benefit[1][t] + ra.benefit[2][t];
			if (!ra.costs[t] && !b)
				continue;
			long j = ptable_row(ya);
			if (j < 0 || cf_table_set_text(ya, (size_t)j, 1, an->agencies[a]))
				goto oom;
			cf_table_set_int(ya, (size_t)j, 0, t);
			double w[] = { ra.costs[t], ra.benefit[0][t], ra.benefit[1][t], ra.benefit[2][t],
				       ra.costs[t] * ra.df[t], b * ra.df[t] };
			for (int c = 0; c < 6; c++)
				set_real(ya, j, c + 2, w[c]);
		}
	}

	for (int s = 0; s < CBA_NASSUMPTIONS; s++) {
		long k = ptable_row(sens);
		if (k < 0 || cf_table_set_text(sens, (size_t)k, 0, cba_assumption_names[s]))
			goto oom;
		const struct cba_sensitivity *x = &an->sensitivity[s];
		double v[] = { x->bcr_minus_20pct, x->bcr, x->bcr_plus_20pct, x->npbi_minus_20pct, x->npbi_plus_20pct,
			       x->switching_value, x->switching_change_pct, x->budget_switching_value };
		for (int c = 0; c < 8; c++)
			set_real(sens, k, c + 1, v[c]);
	}
	return CF_OK;
oom:
	ptables_free(out, nout);
	return cf_error_set(err, CF_EIO, "out of memory");
}

int cba_tables(const struct programme *p, struct cf_table **out, int *nout, struct cf_error *err)
{
	struct cba_analysis an;
	*nout = 0;
	int r = cba_analyse(&p->cba, &an, err);
	if (!r)
		r = cba_analysis_tables(&an, out, nout, err);
	cba_analysis_release(&an);
	return r;
}
