/* Benefit trajectories, RAG by month, and savings landing. */
#include "programme/programme_benefits.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "programme/programme_business_case.h"
#include "programme/programme_common.h"

const char *const benefit_rag_names[3] = { "green", "amber", "red" };

double benefit_plan(const struct prog_benefit *b, cf_date d)
{
	if (d <= b->baseline_date)
		return b->baseline;
	if (d >= b->target_date)
		return b->target;
	double f = (double)(d - b->baseline_date) / (double)(b->target_date - b->baseline_date);
	if (b->shape == PROG_GEOMETRIC)
		return b->baseline * pow(b->target / b->baseline, f);
	return b->baseline + (b->target - b->baseline) * f;
}

enum benefit_rag benefit_rag(const struct prog_benefit *b, double plan, double actual)
{
	double dir = b->target >= b->baseline ? 1 : -1;
	double behind = (plan - actual) * dir;   /* > 0: short of plan */
	double change = fabs(b->target - b->baseline);
	/* Past the target by more than the whole planned change is no success:
	 * the actual and the baseline do not measure the same thing (a baseline
	 * of 684 children beside an actual of 69), so it is an exception too. */
	if (change > 0 && (actual - b->target) * dir > change + 1e-9)
		return BENEFIT_RAG_RED;
	if (behind <= 1e-9)
		return BENEFIT_RAG_GREEN;
	return behind <= b->tolerance * fabs(b->target - b->baseline) + 1e-9 ? BENEFIT_RAG_AMBER : BENEFIT_RAG_RED;
}

static cf_date month_end(cf_date d)
{
	int y, m, day;
	cf_date_to_ymd(d, &y, &m, &day);
	return cf_date_from_ymd(y, m, cf_date_days_in_month(y, m));
}

/* The actuals: the actuals sheet's, and those computed from the store. */
struct actuals {
	const struct prog_actual *sheet, *computed;
	int nsheet, ncomputed;
};

static const struct prog_actual *latest_in(const struct prog_actual *v, int n, const struct prog_benefit *b,
					    cf_date from, cf_date to)
{
	const struct prog_actual *best = NULL;
	for (int i = 0; i < n; i++) {
		const struct prog_actual *a = &v[i];
		if (a->benefit != b->id && strcmp(a->benefit, b->id))
			continue;
		if (a->date < from || a->date > to)
			continue;
		if (!best || a->date >= best->date)
			best = &v[i];
	}
	return best;
}

/* The latest actual of benefit b dated from..to, or NULL: one computed
 * from the store wins over the sheet's in the same span. */
static const struct prog_actual *latest_actual(const struct actuals *ac, const struct prog_benefit *b, cf_date from,
					       cf_date to)
{
	const struct prog_actual *a = latest_in(ac->computed, ac->ncomputed, b, from, to);
	return a ? a : latest_in(ac->sheet, ac->nsheet, b, from, to);
}

static int count_for(const struct prog_actual *v, int n, const struct prog_benefit *b)
{
	int k = 0;
	for (int i = 0; i < n; i++)
		k += v[i].benefit == b->id || !strcmp(v[i].benefit, b->id);
	return k;
}

/* Where a benefit's actuals came from, for the register. */
static const char *actuals_from(const struct actuals *ac, const struct prog_benefit *b)
{
	int computed = count_for(ac->computed, ac->ncomputed, b), sheet = count_for(ac->sheet, ac->nsheet, b);
	if (!strcmp(b->measure, "manual"))
		return "actuals sheet";
	if (computed)
		return sheet ? "store (indicator), actuals sheet where the store has none" : "store (indicator)";
	return "actuals sheet (the store has no data for the indicator)";
}

static int set_date(struct cf_table *t, long r, int c, cf_date d)
{
	char buf[11];
	cf_date_format(d, buf);
	return cf_table_set_text(t, (size_t)r, c, buf);
}

void benefits_result_release(struct benefits_result *r)
{
	free(r->benefits);
	free(r->months);
	free(r->landing);
	memset(r, 0, sizeof *r);
}

/* Room for one more month; NULL on OOM. */
static struct benefit_month *month_add(struct benefits_result *r, size_t *cap)
{
	if (r->nmonths == *cap) {
		size_t n = *cap ? *cap * 2 : 64;
		struct benefit_month *m = realloc(r->months, n * sizeof *m);
		if (!m)
			return NULL;
		r->months = m;
		*cap = n;
	}
	struct benefit_month *m = &r->months[r->nmonths++];
	memset(m, 0, sizeof *m);
	return m;
}

int benefits_compute(const struct programme *p, const struct prog_actual *computed, int ncomputed, cf_date as_of,
		     struct benefits_result *out, struct cf_error *err)
{
	memset(out, 0, sizeof *out);
	const struct actuals ac = { p->actuals, computed, p->nactuals, ncomputed };
	size_t cap = 0;
	if (p->nbenefits && !(out->benefits = calloc((size_t)p->nbenefits, sizeof *out->benefits)))
		goto oom;
	for (int i = 0; i < p->nbenefits; i++) {
		const struct prog_benefit *b = &p->benefits[i];
		struct benefit_status *st = &out->benefits[out->nbenefits++];
		st->benefit = b;
		st->actuals_from = actuals_from(&ac, b);
		/* months from the baseline's to the target's, and on to the last actual */
		cf_date last = month_end(b->target_date);
		for (int k = 0; k < 2; k++) {
			const struct prog_actual *la = k ? latest_in(ac.computed, ac.ncomputed, b, INT32_MIN + 1, INT32_MAX)
							 : latest_in(ac.sheet, ac.nsheet, b, INT32_MIN + 1, INT32_MAX);
			if (la && month_end(la->date) > last)
				last = month_end(la->date);
		}
		for (cf_date m = month_end(b->baseline_date); m <= last; m = month_end(m + 1)) {
			int y, mo, d;
			cf_date_to_ymd(m, &y, &mo, &d);
			cf_date first = cf_date_from_ymd(y, mo, 1);
			struct benefit_month *bm = month_add(out, &cap);
			if (!bm)
				goto oom;
			bm->benefit = b;
			bm->year = y;
			bm->month = mo;
			bm->plan = benefit_plan(b, m);
			const struct prog_actual *a = latest_actual(&ac, b, first, m);
			if (!a)
				continue;
			bm->has_actual = 1;
			bm->actual = a->value;
			bm->actual_date = a->date;
			bm->rag = benefit_rag(b, bm->plan, bm->actual);
			bm->variance = bm->actual - bm->plan;
			if (a->date <= as_of) {   /* the latest actual known on as_of */
				st->has_actual = 1;
				st->rag = bm->rag;
				st->plan_then = bm->plan;
				st->latest_actual = bm->actual;
				st->latest_date = a->date;
				st->variance = bm->actual - bm->plan;
			}
		}
	}

	/* are the savings landing? financial benefits (annual saving at each
	 * year end) against the business case's gross savings that year */
	int nfin = 0;
	for (int i = 0; i < p->nbenefits; i++)
		nfin += p->benefits[i].financial;
	if (nfin && p->nsavings && p->first_year) {
		struct business_case bc;
		business_case_compute(p, NULL, &bc);
		out->has_landing = 1;
		if (bc.nyears && !(out->landing = calloc((size_t)bc.nyears, sizeof *out->landing)))
			goto oom;
		for (int y = 0; y < bc.nyears; y++) {
			cf_date end = cf_date_fy_end(p->first_year + y), start = cf_date_fy_start(p->first_year + y);
			struct savings_landing_year *ly = &out->landing[out->nlanding++];
			ly->year = y;
			ly->year_end = end;
			ly->business_case_savings = prog_money_to_double(-bc.years[y].gross_savings);
			double plan = 0, actual = 0;
			for (int i = 0; i < p->nbenefits; i++) {
				const struct prog_benefit *b = &p->benefits[i];
				if (!b->financial)
					continue;
				plan += benefit_plan(b, end);
				const struct prog_actual *a = latest_actual(&ac, b, start, end);
				if (a) {
					actual += a->value;
					ly->has_actual = 1;
				}
			}
			ly->benefits_plan = plan;
			ly->landed_pct = NAN;
			if (ly->has_actual) {
				ly->benefits_actual = actual;
				ly->variance = actual - ly->business_case_savings;
				if (ly->business_case_savings)
					ly->landed_pct = actual / ly->business_case_savings * 100;
			}
		}
	}
	return CF_OK;
oom:
	benefits_result_release(out);
	return cf_error_set(err, CF_EIO, "out of memory");
}

int benefits_result_tables(const struct benefits_result *res, struct cf_table **out, int *nout,
			   struct cf_error *err)
{
	*nout = 0;
	struct cf_table *reg = ptable_new("benefits",
					  "benefit:t name:t financial:b measure:t unit:t owner:t workstream:t baseline:r2 "
					  "target:r2 target_date:t trajectory:t latest_date:t latest_actual:r2 plan_then:r2 "
					  "variance:r2 rag:t actuals_from:t", err);
	struct cf_table *mon = reg ? ptable_new("benefits_by_month",
						"benefit:t month:t plan:r2 actual:r2 actual_date:t variance:r2 rag:t", err)
				   : NULL;
	if (!mon) {
		cf_table_free(reg);
		return CF_EIO;
	}
	out[(*nout)++] = reg;
	out[(*nout)++] = mon;

	for (size_t i = 0; i < res->nmonths; i++) {
		const struct benefit_month *bm = &res->months[i];
		long r = ptable_row(mon);
		char month[8];
		snprintf(month, sizeof month, "%04d-%02d", bm->year, bm->month);
		if (r < 0 || cf_table_set_text(mon, (size_t)r, 0, bm->benefit->id) ||
		    cf_table_set_text(mon, (size_t)r, 1, month))
			goto oom;
		cf_table_set_real(mon, (size_t)r, 2, bm->plan);
		if (!bm->has_actual)
			continue;
		cf_table_set_real(mon, (size_t)r, 3, bm->actual);
		if (set_date(mon, r, 4, bm->actual_date) ||
		    cf_table_set_text(mon, (size_t)r, 6, benefit_rag_names[bm->rag]))
			goto oom;
		cf_table_set_real(mon, (size_t)r, 5, bm->variance);
	}
	for (int i = 0; i < res->nbenefits; i++) {
		const struct benefit_status *st = &res->benefits[i];
		const struct prog_benefit *b = st->benefit;
		long r = ptable_row(reg);
		if (r < 0)
			goto oom;
		const char *txt[] = { b->id, b->name, NULL, b->measure, b->unit, b->owner, b->workstream };
		for (int c = 0; c < 7; c++)
			if (c != 2 && txt[c] && cf_table_set_text(reg, (size_t)r, c, txt[c]))
				goto oom;
		cf_table_set_bool(reg, (size_t)r, 2, b->financial);
		cf_table_set_real(reg, (size_t)r, 7, b->baseline);
		cf_table_set_real(reg, (size_t)r, 8, b->target);
		if (set_date(reg, r, 9, b->target_date) ||
		    cf_table_set_text(reg, (size_t)r, 10, b->shape == PROG_GEOMETRIC ? "geometric" : "linear") ||
		    cf_table_set_text(reg, (size_t)r, 16, st->actuals_from))
			goto oom;
		if (st->has_actual) {
			if (set_date(reg, r, 11, st->latest_date) ||
			    cf_table_set_text(reg, (size_t)r, 15, benefit_rag_names[st->rag]))
				goto oom;
			cf_table_set_real(reg, (size_t)r, 12, st->latest_actual);
			cf_table_set_real(reg, (size_t)r, 13, st->plan_then);
			cf_table_set_real(reg, (size_t)r, 14, st->variance);
		}
	}
	if (res->has_landing) {
		struct cf_table *land = ptable_new("savings_landing",
						   "year:i year_end:t business_case_savings:r2 benefits_plan:r2 "
						   "benefits_actual:r2 variance:r2 landed_pct:r1", err);
		if (!land)
			goto fail;
		out[(*nout)++] = land;
		for (int y = 0; y < res->nlanding; y++) {
			const struct savings_landing_year *ly = &res->landing[y];
			long r = ptable_row(land);
			if (r < 0 || set_date(land, r, 1, ly->year_end))
				goto oom;
			cf_table_set_int(land, (size_t)r, 0, ly->year);
			cf_table_set_real(land, (size_t)r, 2, ly->business_case_savings);
			cf_table_set_real(land, (size_t)r, 3, ly->benefits_plan);
			if (ly->has_actual) {
				cf_table_set_real(land, (size_t)r, 4, ly->benefits_actual);
				cf_table_set_real(land, (size_t)r, 5, ly->variance);
				if (ly->business_case_savings)
					cf_table_set_real(land, (size_t)r, 6, ly->landed_pct);
			}
		}
	}
	return CF_OK;
oom:
	cf_error_set(err, CF_EIO, "out of memory");
fail:
	ptables_free(out, nout);
	return CF_EIO;
}

int benefits_tables(const struct programme *p, const struct prog_actual *computed, int ncomputed, cf_date as_of,
		    struct cf_table **out, int *nout, struct cf_error *err)
{
	struct benefits_result res;
	*nout = 0;
	int r = benefits_compute(p, computed, ncomputed, as_of, &res, err);
	if (!r)
		r = benefits_result_tables(&res, out, nout, err);
	benefits_result_release(&res);
	return r;
}
