/* Benefit trajectories, RAG by month, and savings landing. */
#include "programme/programme_benefits.h"

#include <math.h>
#include <stdio.h>
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

int benefits_tables(const struct programme *p, const struct prog_actual *computed, int ncomputed, cf_date as_of,
		    struct cf_table **out, int *nout, struct cf_error *err)
{
	*nout = 0;
	const struct actuals ac = { p->actuals, computed, p->nactuals, ncomputed };
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

	for (int i = 0; i < p->nbenefits; i++) {
		const struct prog_benefit *b = &p->benefits[i];
		/* months from the baseline's to the target's, and on to the last actual */
		cf_date last = month_end(b->target_date);
		for (int k = 0; k < 2; k++) {
			const struct prog_actual *la = k ? latest_in(ac.computed, ac.ncomputed, b, INT32_MIN + 1, INT32_MAX)
							 : latest_in(ac.sheet, ac.nsheet, b, INT32_MIN + 1, INT32_MAX);
			if (la && month_end(la->date) > last)
				last = month_end(la->date);
		}
		int rag_latest = -1;
		double plan_then = NAN, actual_then = NAN;
		cf_date date_then = CF_DATE_NONE;
		for (cf_date m = month_end(b->baseline_date); m <= last; m = month_end(m + 1)) {
			int y, mo, d;
			cf_date_to_ymd(m, &y, &mo, &d);
			cf_date first = cf_date_from_ymd(y, mo, 1);
			double plan = benefit_plan(b, m);
			const struct prog_actual *a = latest_actual(&ac, b, first, m);
			long r = ptable_row(mon);
			char month[8];
			snprintf(month, sizeof month, "%04d-%02d", y, mo);
			if (r < 0 || cf_table_set_text(mon, (size_t)r, 0, b->id) || cf_table_set_text(mon, (size_t)r, 1, month))
				goto oom;
			cf_table_set_real(mon, (size_t)r, 2, plan);
			if (!a)
				continue;
			double actual = a->value;
			enum benefit_rag rag = benefit_rag(b, plan, actual);
			cf_table_set_real(mon, (size_t)r, 3, actual);
			if (set_date(mon, r, 4, a->date) ||
			    cf_table_set_text(mon, (size_t)r, 6, benefit_rag_names[rag]))
				goto oom;
			cf_table_set_real(mon, (size_t)r, 5, actual - plan);
			if (a->date <= as_of) {   /* the latest actual known on as_of */
				rag_latest = rag;
				plan_then = plan;
				actual_then = actual;
				date_then = a->date;
			}
		}
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
		    cf_table_set_text(reg, (size_t)r, 16, actuals_from(&ac, b)))
			goto oom;
		if (rag_latest >= 0) {
			if (set_date(reg, r, 11, date_then) || cf_table_set_text(reg, (size_t)r, 15, benefit_rag_names[rag_latest]))
				goto oom;
			cf_table_set_real(reg, (size_t)r, 12, actual_then);
			cf_table_set_real(reg, (size_t)r, 13, plan_then);
			cf_table_set_real(reg, (size_t)r, 14, actual_then - plan_then);
		}
	}

	/* are the savings landing? financial benefits (annual saving at each
	 * year end) against the business case's gross savings that year */
	int nfin = 0;
	for (int i = 0; i < p->nbenefits; i++)
		nfin += p->benefits[i].financial;
	if (nfin && p->nsavings && p->first_year) {
		struct cf_table *land = ptable_new("savings_landing",
						   "year:i year_end:t business_case_savings:r2 benefits_plan:r2 "
						   "benefits_actual:r2 variance:r2 landed_pct:r1", err);
		if (!land)
			goto fail;
		out[(*nout)++] = land;
		struct business_case bc;
		business_case_compute(p, NULL, &bc);
		for (int y = 0; y < bc.nyears; y++) {
			cf_date end = cf_date_fy_end(p->first_year + y), start = cf_date_fy_start(p->first_year + y);
			double want = prog_money_to_double(-bc.years[y].gross_savings), plan = 0, actual = 0;
			int have = 0;
			for (int i = 0; i < p->nbenefits; i++) {
				const struct prog_benefit *b = &p->benefits[i];
				if (!b->financial)
					continue;
				plan += benefit_plan(b, end);
				const struct prog_actual *a = latest_actual(&ac, b, start, end);
				if (a) {
					actual += a->value;
					have = 1;
				}
			}
			long r = ptable_row(land);
			if (r < 0 || set_date(land, r, 1, end))
				goto oom;
			cf_table_set_int(land, (size_t)r, 0, y);
			cf_table_set_real(land, (size_t)r, 2, want);
			cf_table_set_real(land, (size_t)r, 3, plan);
			if (have) {
				cf_table_set_real(land, (size_t)r, 4, actual);
				cf_table_set_real(land, (size_t)r, 5, actual - want);
				if (want)
					cf_table_set_real(land, (size_t)r, 6, actual / want * 100);
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
