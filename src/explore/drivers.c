/* Where demand comes from: for each referral source, the share of referrals
 * that led to an assessment, a section 47 enquiry, a child protection plan or
 * care within 12 months, with intervals and tests against the other
 * sources; and how often each factor is recorded at the end of assessment,
 * alone and as the "toxic trio" (explore.h). */
#include "explore/explore.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "explore/care_int.h"
#include "explore/compare_int.h"
#include "formats/cin_codes.h"
#include "store/demand_records.h"
#include "store/published.h"
#include "base/stats.h"

const char *const drivers_outcome_names[DRIVERS_NOUTCOMES] = { "assessment", "s47", "cp_plan", "care" };

#define MAX_CODES 64   /* DfE lists 22 sources and 44 factors; others are kept as written, up to this */

struct tally {
	char code[8];
	long n, to[DRIVERS_NOUTCOMES], previous;
};

struct walk {
	const struct kpi_data *d;
	const struct kpi_period *p;
	struct kpi_period prev;
	struct care_periods care;
	struct tally *t;
	int nt;
	long referrals, left_out, assessments, with_factors, previous_assessments;
	long trio[8];
	int overflow;
};

static struct tally *tally_of(struct walk *w, const char *code)
{
	char key[8];
	snprintf(key, sizeof key, "%s", code && *code ? code : "not recorded");
	for (int i = 0; i < w->nt; i++)
		if (strcmp(w->t[i].code, key) == 0)
			return &w->t[i];
	if (w->nt == MAX_CODES) {
		w->overflow = 1;
		return NULL;
	}
	struct tally *t = &w->t[w->nt++];
	memset(t, 0, sizeof *t);
	memcpy(t->code, key, sizeof key);
	return t;
}

/* Whether any of dates[lo, hi) (one child's records, in date order) falls in [from, to]. */
#define ANY_IN(arr, field, lo, hi, from, to, out)                                   \
	do {                                                                        \
		out = 0;                                                            \
		for (int i_ = (lo); i_ < (hi) && !out; i_++)                        \
			out = (arr)[i_].field >= (from) && (arr)[i_].field <= (to); \
	} while (0)

static int on_referral(void *ctx, const struct referral_source_record *r)
{
	struct walk *w = ctx;
	if (r->date == CF_DATE_NONE || r->date < w->p->from || r->date > w->p->to)
		return CF_OK;
	int c = children_find(&w->d->reg, r->child);
	if (c < 0)
		return CF_OK;
	w->referrals++;
	cf_date until = cf_date_add_months(r->date, 12);
	if (w->d->data_end == CF_DATE_NONE || until > w->d->data_end) {
		w->left_out++;   /* its 12 months run past the data: what it led to is not yet known */
		return CF_OK;
	}
	struct tally *t = tally_of(w, r->source);
	if (!t)
		return CF_OK;
	const struct cin_data *cin = &w->d->cin;
	int got[DRIVERS_NOUTCOMES] = { 0 };
	if ((size_t)c < cin->nchildren) {
		ANY_IN(cin->assessments, start, cin->assessments_first[c], cin->assessments_first[c + 1], r->date, until,
		       got[DRIVERS_ASSESSMENT]);
		ANY_IN(cin->s47, start, cin->s47_first[c], cin->s47_first[c + 1], r->date, until, got[DRIVERS_S47]);
		ANY_IN(cin->cpp, start, cin->cpp_first[c], cin->cpp_first[c + 1], r->date, until, got[DRIVERS_CP_PLAN]);
	}
	for (int i = w->care.first[c]; i < w->care.first[c + 1] && !got[DRIVERS_CARE]; i++)
		got[DRIVERS_CARE] = w->care.period[i][0] >= r->date && w->care.period[i][0] <= until;
	t->n++;
	for (int o = 0; o < DRIVERS_NOUTCOMES; o++)
		t->to[o] += got[o];
	return CF_OK;
}

static int on_assessment(void *ctx, const struct assessment_factors_record *r)
{
	struct walk *w = ctx;
	int now = r->start != CF_DATE_NONE && r->start >= w->p->from && r->start <= w->p->to;
	int before = r->start != CF_DATE_NONE && r->start >= w->prev.from && r->start <= w->prev.to;
	if (!now && !before)
		return CF_OK;
	now ? w->assessments++ : w->previous_assessments++;
	/* each code once an assessment, however often it is written */
	char seen[MAX_CODES][8];
	int nseen = 0, named = 0;
	unsigned trio = 0;
	const char *s = r->factors ? r->factors : "";
	while (*s) {
		size_t len = strcspn(s, " ,;");
		if (len > 0 && len < 8) {
			char code[8];
			memcpy(code, s, len);
			code[len] = '\0';
			int dup = 0;
			for (int i = 0; i < nseen && !dup; i++)
				dup = strcmp(seen[i], code) == 0;
			if (!dup && nseen < MAX_CODES) {
				memcpy(seen[nseen++], code, sizeof code);
				named += strcmp(code, "21") != 0;   /* 21: "no factors identified" */
				trio |= cin_factor_trio(code);
				struct tally *t = tally_of(w, code);
				if (t)
					now ? t->n++ : t->previous++;
			}
		}
		s += len;
		s += strspn(s, " ,;");
	}
	if (now) {
		w->with_factors += named > 0;
		w->trio[trio]++;
	}
	return CF_OK;
}

void drivers_default_period(const struct kpi_data *d, struct kpi_period *out)
{
	kpi_default_period(d, out);
	if (d->data_end == CF_DATE_NONE)
		return;
	/* step back a year at a time until the year's last referral has 12 months after it */
	for (int back = 0; back < 30 && cf_date_add_months(out->to, 12) > d->data_end; back++) {
		struct kpi_period earlier;
		kpi_period_previous_year(out, &earlier);
		*out = earlier;
	}
}

static int by_count(const void *a, const void *b)
{
	const struct tally *x = a, *y = b;
	return x->n != y->n ? (x->n < y->n ? 1 : -1) : strcmp(x->code, y->code);
}

static int sources_make(struct walk *w, struct drivers_result *out, struct cf_error *err)
{
	qsort(w->t, (size_t)w->nt, sizeof *w->t, by_count);
	out->nsources = w->nt + 1;
	if (!(out->sources = calloc((size_t)out->nsources, sizeof *out->sources)))
		return cf_error_set(err, CF_EIO, "out of memory");
	struct drivers_source *all = &out->sources[0];
	snprintf(all->code, sizeof all->code, "all");
	all->label = "Every source";
	long n = 0, to[DRIVERS_NOUTCOMES] = { 0 };
	for (int i = 0; i < w->nt; i++) {
		n += w->t[i].n;
		for (int o = 0; o < DRIVERS_NOUTCOMES; o++)
			to[o] += w->t[i].to[o];
	}
	struct compare_row *rows = malloc((size_t)out->nsources * sizeof *rows);
	if (!rows)
		return cf_error_set(err, CF_EIO, "out of memory");
	int rc = CF_OK;
	for (int o = 0; o < DRIVERS_NOUTCOMES && !rc; o++) {
		compare_row_fill(&rows[0], "all", (double)to[o], (double)n, COMPARE_PROPORTION, 100);
		for (int i = 0; i < w->nt; i++) {
			struct drivers_source *s = &out->sources[i + 1];
			snprintf(s->code, sizeof s->code, "%s", w->t[i].code);
			const char *label = cin_source_label(s->code);
			s->label = label ? label : strcmp(s->code, "not recorded") == 0 ? "Not recorded" : "Not a DfE code";
			compare_row_fill(&rows[i + 1], s->code, (double)w->t[i].to[o], (double)w->t[i].n,
					 COMPARE_PROPORTION, 100);
		}
		rc = compare_rows_test(rows, out->nsources, 0, COMPARE_PROPORTION, &out->chi2[o], &out->df[o], &out->p[o],
				       err);
		for (int i = 0; i < out->nsources; i++)
			out->sources[i].to[o] = rows[i];
	}
	free(rows);
	return rc;
}

static int factors_make(struct walk *w, struct drivers_result *out, struct cf_error *err)
{
	qsort(w->t, (size_t)w->nt, sizeof *w->t, by_count);
	if (!(out->factors = calloc((size_t)(w->nt ? w->nt : 1), sizeof *out->factors)))
		return cf_error_set(err, CF_EIO, "out of memory");
	for (int i = 0; i < w->nt; i++) {
		if (!w->t[i].n)
			continue;   /* recorded only the year before */
		struct drivers_factor *f = &out->factors[out->nfactors++];
		snprintf(f->code, sizeof f->code, "%s", w->t[i].code);
		const char *label = cin_factor_label(f->code);
		f->label = label ? label : "Not a DfE code";
		compare_row_fill(&f->share, f->code, (double)w->t[i].n, (double)w->assessments, COMPARE_PROPORTION, 100);
		f->previous = w->previous_assessments > 0 ? 100.0 * (double)w->t[i].previous / (double)w->previous_assessments
							 : NAN;
	}
	return CF_OK;
}

/* England's figure of one column of DfE's table of factors: the year wanted
 * (the period's end year), else the latest before it, else the earliest. */
struct national {
	int want, year;           /* year: the one chosen, 0 none yet */
	double value;
};

static int on_national(void *ctx, const struct published_figure *f, struct cf_error *err)
{
	struct national *n = ctx;
	if (!f->level || strcmp(f->level, "National") != 0 || isnan(f->value))
		return CF_OK;
	int y = f->time_period > 9999 ? f->time_period / 100 + 1 : f->time_period;   /* 202324 -> 2024 */
	int better = !n->year || (y <= n->want ? n->year > n->want || y >= n->year : n->year > n->want && y < n->year);
	if (better)
		n->year = y, n->value = f->value;
	return CF_OK;
}

static int national(struct store *st, const char *column, int want, struct national *n, struct cf_error *err)
{
	*n = (struct national){ want, 0, NAN };
	return published_figures(st, column, CIN_FACTORS_DFE_BREAKDOWN, CIN_FACTORS_DFE_TABLE, on_national, n, err);
}

/* Each factor against England's share in DfE's table of factors, when it is
 * loaded: a z test of the LA's count among its assessments with a factor
 * recorded against England's proportion, Holm across the factors. */
static int england_compare(struct store *st, const struct kpi_period *p, struct drivers_result *out, struct cf_error *err)
{
	struct national total, f;
	int want = cf_date_fy(p->to) + 1, rc = national(st, CIN_FACTORS_DFE_TOTAL, want, &total, err);
	double *pv = malloc((size_t)(out->nfactors ? out->nfactors : 1) * sizeof *pv);
	double *adj = malloc((size_t)(out->nfactors ? out->nfactors : 1) * sizeof *adj);
	int *which = malloc((size_t)(out->nfactors ? out->nfactors : 1) * sizeof *which);
	int m = 0;
	if (!pv || !adj || !which)
		rc = cf_error_set(err, CF_EIO, "out of memory");
	for (int i = 0; i < out->nfactors; i++)
		out->factors[i].england = NAN;
	if (!rc && total.year && total.value > 0)
		out->england_year = total.year;
	for (int i = 0; !rc && out->england_year && i < out->nfactors; i++) {
		struct drivers_factor *x = &out->factors[i];
		const char *column = cin_factor_dfe_column(x->code);
		if (!column || (rc = national(st, column, total.year, &f, err)) || f.year != total.year || isnan(f.value))
			continue;
		double p0 = f.value / total.value, n = (double)out->with_factors;
		x->england = 100 * p0;
		if (n > 0 && p0 > 0 && p0 < 1) {
			double z = (x->share.num - n * p0) / sqrt(n * p0 * (1 - p0));
			x->of_recorded.p = stats_chi2_sf(z * z, 1);
			x->of_recorded.has_p = 1;
			pv[m] = x->of_recorded.p;
			which[m++] = i;
		}
	}
	if (!rc && m && stats_holm(pv, adj, m) == 0)
		for (int k = 0; k < m; k++)
			out->factors[which[k]].of_recorded.p_holm = adj[k];
	free(pv);
	free(adj);
	free(which);
	return rc;
}

int drivers_compute(struct store *st, const struct kpi_data *d, const struct kpi_period *p, struct drivers_result *out,
		    struct cf_error *err)
{
	memset(out, 0, sizeof *out);
	snprintf(out->period, sizeof out->period, "%s", p->label);
	struct walk w = { .d = d, .p = p };
	kpi_period_previous_year(p, &w.prev);
	int rc = CF_OK;
	if (care_periods_make(d, &w.care) || !(w.t = malloc(MAX_CODES * sizeof *w.t))) {
		rc = cf_error_set(err, CF_EIO, "out of memory");
		goto done;
	}
	if ((rc = demand_records_referral_sources(st, on_referral, &w, err)) || (rc = sources_make(&w, out, err)))
		goto done;
	out->referrals = w.referrals;
	out->left_out = w.left_out;
	w.nt = 0;
	if ((rc = demand_records_assessment_factors(st, on_assessment, &w, err)) || (rc = factors_make(&w, out, err)))
		goto done;
	out->assessments = w.assessments;
	out->with_factors = w.with_factors;
	memcpy(out->trio, w.trio, sizeof out->trio);
	for (int i = 0; i < out->nfactors; i++)
		compare_row_fill(&out->factors[i].of_recorded, out->factors[i].code, out->factors[i].share.num,
				 (double)out->with_factors, COMPARE_PROPORTION, 100);
	if ((rc = england_compare(st, p, out, err)))
		goto done;
	if (w.overflow)
		rc = cf_error_set(err, CF_EINPUT, "more than %d different source or factor codes: are these CIN census codes?",
				  MAX_CODES);
done:
	care_periods_release(&w.care);
	free(w.t);
	if (rc)
		drivers_free(out);
	return rc;
}

void drivers_free(struct drivers_result *r)
{
	free(r->sources);
	free(r->factors);
	r->sources = NULL;
	r->factors = NULL;
	r->nsources = r->nfactors = 0;
}
