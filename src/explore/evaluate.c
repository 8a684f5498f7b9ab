/* Did a pilot work? A cohort of children referred after its start, a
 * comparison group (matched children, another locality, or the cohort's own
 * year before), each child's outcomes over a window after its referral, and
 * the difference (or difference in differences) with a bootstrap 95%
 * interval (explore.h). */
#include "explore/explore.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/rng.h"

const char *const eval_outcome_names[EVAL_NOUTCOMES] = { "rereferral", "assessment", "s47",
							 "cp_plan",    "care",       "days_in_care" };

/* below these the words say the numbers are too small to tell */
#define FEW_CHILDREN 30
#define FEW_EVENTS 5

/* One child in a group: its outcomes and what matching looks at. */
struct member {
	int child;
	double y[EVAL_NOUTCOMES];
	int age_band, need, prior;   /* need: 0..9 for N0..N9, 10 unknown; prior: a referral in the 2 years before */
};

struct group {
	struct member *m;
	size_t n, cap;
};

struct ctx {
	const struct kpi_data *d;
	const struct eval_options *opt;
	int *cla_of;                 /* registry index -> cla child index, -1 none */
	long followed_short;
};

static int group_add(struct group *g, const struct member *m)
{
	if (g->n == g->cap) {
		size_t cap = g->cap ? 2 * g->cap : 256;
		struct member *v = realloc(g->m, cap * sizeof *v);
		if (!v)
			return -1;
		g->m = v, g->cap = cap;
	}
	g->m[g->n++] = *m;
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int need_index(const char *need)
{
	return need && need[0] == 'N' && need[1] >= '0' && need[1] <= '9' && !need[2] ? need[1] - '0' : 10;
}

static int any_in(cf_date d, cf_date from, cf_date to)
{
	return d != CF_DATE_NONE && d >= from && d <= to;
}

/* The child's outcomes over [i, i + window] after its index referral i. */
static void outcomes(const struct ctx *x, int c, int ref, struct member *m)
{
	const struct cin_data *cin = &x->d->cin;
	cf_date i = cin->referrals[ref].date, end = cf_date_add_months(i, x->opt->window_months);
	memset(m->y, 0, sizeof m->y);
	for (int k = cin->referrals_first[c]; k < cin->referrals_first[c + 1]; k++)
		if (k != ref && cin->referrals[k].date > i && cin->referrals[k].date <= end)
			m->y[EVAL_REREFERRAL] = 1;
	for (int k = cin->assessments_first[c]; k < cin->assessments_first[c + 1]; k++)
		m->y[EVAL_ASSESSMENT] = m->y[EVAL_ASSESSMENT] || any_in(cin->assessments[k].start, i, end);
	for (int k = cin->s47_first[c]; k < cin->s47_first[c + 1]; k++)
		m->y[EVAL_S47] = m->y[EVAL_S47] || any_in(cin->s47[k].start, i, end);
	for (int k = cin->cpp_first[c]; k < cin->cpp_first[c + 1]; k++)
		m->y[EVAL_CP_PLAN] = m->y[EVAL_CP_PLAN] || any_in(cin->cpp[k].start, i, end);
	int cc = x->cla_of[c];
	if (cc >= 0) {
		const struct cla_child *ch = &x->d->cla.children[cc];
		for (int e = ch->first; e < ch->first + ch->n; e++) {
			const struct cla_episode *ep = &x->d->cla.eps[e];
			if (ep->period_start && any_in(ep->start, i, end))
				m->y[EVAL_CARE] = 1;
			cf_date a = ep->start > i ? ep->start : i;
			cf_date b = ep->end == CF_DATE_NONE || ep->end > end ? end : ep->end;
			if (b >= a)   /* nights looked after in the window */
				m->y[EVAL_DAYS_IN_CARE] += b - a;
		}
	}
}

/* The child's first referral in [from, to), or -1. */
static int index_referral(const struct cin_data *cin, int c, cf_date from, cf_date to)
{
	for (int k = cin->referrals_first[c]; k < cin->referrals_first[c + 1]; k++)
		if (cin->referrals[k].date >= from && cin->referrals[k].date < to)
			return k;
	return -1;
}

enum who { WHO_COHORT, WHO_LOCALITY, WHO_OTHERS };

static int matches(const struct ctx *x, const struct eval_filter *f, int c, const struct member *m, const char *locality)
{
	const struct child_info *ci = &x->d->reg.children[c];
	const char *loc = ci->locality >= 0 ? x->d->reg.localities[ci->locality] : NULL;
	if (locality && (!loc || strcmp(loc, locality) != 0))
		return 0;
	if (f->age_band >= 0 && m->age_band != f->age_band)
		return 0;
	if (f->need && m->need != need_index(f->need))
		return 0;
	if (f->ids && !bsearch(&ci->id, f->ids, f->nids, sizeof *f->ids, cmp_str))
		return 0;
	return 1;
}

/* Every child whose first referral in the intake [from, from + intake) makes
 * them `who`, followed for the window (those whose window runs past the data
 * are counted in followed_short and left out). */
static int collect(struct ctx *x, enum who who, cf_date from, struct group *g)
{
	const struct cin_data *cin = &x->d->cin;
	const struct eval_options *o = x->opt;
	cf_date to = cf_date_add_months(from, o->intake_months);
	for (size_t c = 0; c < cin->nchildren; c++) {
		int ref = index_referral(cin, (int)c, from, to);
		if (ref < 0)
			continue;
		const struct child_info *ci = &x->d->reg.children[c];
		cf_date i = cin->referrals[ref].date;
		struct member m = { .child = (int)c };
		m.age_band = ci->dob != CF_DATE_NONE && i >= ci->dob ? (int)age_band_of(cf_date_age(ci->dob, i)) : AGE_UNKNOWN;
		m.need = need_index(cin->referrals[ref].need);
		for (int k = cin->referrals_first[c]; k < ref && !m.prior; k++)
			m.prior = cin->referrals[k].date >= cf_date_add_months(i, -24);
		int in_cohort = matches(x, &o->cohort, (int)c, &m, o->cohort.locality);
		int keep = who == WHO_COHORT ? in_cohort
			 : who == WHO_LOCALITY ? !in_cohort && matches(x, &(struct eval_filter){ .age_band = o->cohort.age_band,
										   .need = o->cohort.need },
								   (int)c, &m, o->comparison_locality)
					       : !in_cohort;
		if (!keep)
			continue;
		if (x->d->data_end == CF_DATE_NONE || cf_date_add_months(i, o->window_months) > x->d->data_end) {
			x->followed_short++;
			continue;
		}
		outcomes(x, (int)c, ref, &m);
		if (group_add(g, &m))
			return -1;
	}
	return 0;
}

/* Greedy 1:1 matching without replacement on age band, need and prior
 * referrals, exactly: each cohort child takes the first unused pool child
 * like it. Unmatched cohort children are dropped from both. */
static int match(struct group *cohort, const struct group *pool, struct group *out, long *unmatched)
{
	unsigned char *used = calloc(pool->n ? pool->n : 1, 1);
	if (!used)
		return -1;
	size_t kept = 0;
	for (size_t i = 0; i < cohort->n; i++) {
		const struct member *a = &cohort->m[i];
		size_t j = 0;
		while (j < pool->n && (used[j] || pool->m[j].age_band != a->age_band || pool->m[j].need != a->need ||
				       pool->m[j].prior != a->prior))
			j++;
		if (j == pool->n) {
			(*unmatched)++;
			continue;
		}
		used[j] = 1;
		if (group_add(out, &pool->m[j])) {
			free(used);
			return -1;
		}
		cohort->m[kept++] = *a;
	}
	cohort->n = kept;
	free(used);
	return 0;
}

static void summarise(const struct group *g, struct eval_group *s)
{
	memset(s, 0, sizeof *s);
	s->children = (long)g->n;
	for (size_t i = 0; i < g->n; i++)
		for (int o = 0; o < EVAL_NOUTCOMES; o++) {
			s->mean[o] += g->m[i].y[o];
			s->events[o] += g->m[i].y[o] > 0;
		}
	for (int o = 0; o < EVAL_NOUTCOMES; o++)
		s->mean[o] = g->n ? s->mean[o] / (double)g->n : NAN;
}

static double mean_resampled(const struct group *g, int o, struct cf_rng *rng)
{
	double sum = 0;
	for (size_t i = 0; i < g->n; i++)
		sum += g->m[(size_t)(cf_rng_unit(rng) * (double)g->n)].y[o];
	return g->n ? sum / (double)g->n : NAN;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* effect = (A - B) - (C - D) where present; the interval from resampling
 * the children of each group independently (percentile bootstrap). */
static int bootstrap(const struct group *g[4], int four, int boots, uint64_t seed, int o, double *lo, double *hi)
{
	double *est = malloc((size_t)boots * sizeof *est);
	if (!est)
		return -1;
	struct cf_rng rng;
	cf_rng_seed(&rng, seed, (uint64_t)o);
	for (int b = 0; b < boots; b++) {
		double e = mean_resampled(g[0], o, &rng) - mean_resampled(g[1], o, &rng);
		if (four)
			e -= mean_resampled(g[2], o, &rng) - mean_resampled(g[3], o, &rng);
		est[b] = e;
	}
	qsort(est, (size_t)boots, sizeof *est, cmp_double);
	*lo = est[(int)floor(0.025 * (boots - 1))];
	*hi = est[(int)ceil(0.975 * (boots - 1))];
	free(est);
	return 0;
}

static void balance(struct eval_result *r, const struct group *a, const struct group *b)
{
	static const char *const bands[] = { "age under 1", "age 1-4", "age 5-9", "age 10-15", "age 16+", "age unknown" };
	for (int k = 0; k <= AGE_UNKNOWN && r->nbalance < 24; k++) {
		long na = 0, nb = 0;
		for (size_t i = 0; i < a->n; i++)
			na += a->m[i].age_band == k;
		for (size_t i = 0; i < b->n; i++)
			nb += b->m[i].age_band == k;
		if (!na && !nb)
			continue;
		struct eval_balance *x = &r->balance[r->nbalance++];
		snprintf(x->what, sizeof x->what, "%s", bands[k]);
		x->cohort = a->n ? 100.0 * (double)na / (double)a->n : NAN;
		x->comparison = b->n ? 100.0 * (double)nb / (double)b->n : NAN;
	}
	for (int k = 0; k <= 11 && r->nbalance < 24; k++) {   /* needs N0..N9, unknown, then prior referral */
		long na = 0, nb = 0;
		for (size_t i = 0; i < a->n; i++)
			na += k == 11 ? a->m[i].prior : a->m[i].need == k;
		for (size_t i = 0; i < b->n; i++)
			nb += k == 11 ? b->m[i].prior : b->m[i].need == k;
		if (!na && !nb)
			continue;
		struct eval_balance *x = &r->balance[r->nbalance++];
		if (k == 11)
			snprintf(x->what, sizeof x->what, "referred in the 2 years before");
		else if (k == 10)
			snprintf(x->what, sizeof x->what, "need unknown");
		else
			snprintf(x->what, sizeof x->what, "need N%d", k);
		x->cohort = a->n ? 100.0 * (double)na / (double)a->n : NAN;
		x->comparison = b->n ? 100.0 * (double)nb / (double)b->n : NAN;
	}
}

int eval_run(const struct kpi_data *d, const struct eval_options *opt, struct eval_result *out, struct cf_error *err)
{
	memset(out, 0, sizeof *out);
	out->opt = *opt;
	struct ctx x = { .d = d, .opt = opt };
	struct group g[4] = { { 0 } }, pool = { 0 };   /* cohort, comparison, cohort before, comparison before */
	int rc = CF_OK;
	if (!(x.cla_of = malloc((d->reg.n ? d->reg.n : 1) * sizeof *x.cla_of)))
		return cf_error_set(err, CF_EIO, "out of memory");
	for (size_t c = 0; c < d->reg.n; c++)
		x.cla_of[c] = -1;
	for (size_t c = 0; c < d->cla.nchildren; c++)
		x.cla_of[d->cla_reg[c]] = (int)c;
	cf_date before = cf_date_add_months(opt->start, -12);
	int bad = collect(&x, WHO_COHORT, opt->start, &g[0]);
	switch (opt->comparison) {
	case EVAL_MATCHED:
		bad = bad || collect(&x, WHO_OTHERS, opt->start, &pool) || match(&g[0], &pool, &g[1], &out->unmatched);
		break;
	case EVAL_LOCALITY:
		bad = bad || collect(&x, WHO_LOCALITY, opt->start, &g[1]) || collect(&x, WHO_COHORT, before, &g[2]) ||
		      collect(&x, WHO_LOCALITY, before, &g[3]);
		out->has_before = 1;
		break;
	case EVAL_BEFORE:
		bad = bad || collect(&x, WHO_COHORT, before, &g[1]);
		break;
	}
	out->followed_short = x.followed_short;
	if (bad) {
		rc = cf_error_set(err, CF_EIO, "out of memory");
		goto done;
	}
	if (!g[0].n || !g[1].n || (out->has_before && (!g[2].n || !g[3].n))) {
		rc = cf_error_set(err, CF_EINPUT,
				  "%s has no children referred in the intake and followed for %d months (%ld left out because "
				  "their window runs past the data): widen the cohort, or choose an earlier --start",
				  !g[0].n ? "the cohort" : "the comparison group", opt->window_months, x.followed_short);
		goto done;
	}
	summarise(&g[0], &out->cohort);
	summarise(&g[1], &out->comparison);
	if (out->has_before) {
		summarise(&g[2], &out->cohort_before);
		summarise(&g[3], &out->comparison_before);
	}
	if (opt->comparison == EVAL_MATCHED)
		balance(out, &g[0], &g[1]);
	/* the estimate's groups in the order (A - B) - (C - D) */
	const struct group *est[4] = { &g[0], &g[1], NULL, NULL };
	if (out->has_before)   /* (cohort after - cohort before) - (comparison after - comparison before) */
		est[0] = &g[0], est[1] = &g[2], est[2] = &g[1], est[3] = &g[3];
	for (int o = 0; o < EVAL_NOUTCOMES; o++) {
		if (!(opt->outcomes & (1u << o)))
			continue;
		out->effect[o] = out->has_before ? (out->cohort.mean[o] - out->cohort_before.mean[o]) -
							   (out->comparison.mean[o] - out->comparison_before.mean[o])
						 : out->cohort.mean[o] - out->comparison.mean[o];
		if (bootstrap(est, out->has_before, opt->boots, opt->seed, o, &out->lo[o], &out->hi[o])) {
			rc = cf_error_set(err, CF_EIO, "out of memory");
			goto done;
		}
	}
	/* a caution in plain words when a group is too small to tell */
	const struct eval_group *all[4] = { &out->cohort, &out->comparison, &out->cohort_before, &out->comparison_before };
	for (int k = 0; k < (out->has_before ? 4 : 2); k++) {
		int few_events = 0;
		for (int o = 0; o < EVAL_DAYS_IN_CARE; o++)
			few_events |= (opt->outcomes & (1u << o)) && all[k]->events[o] < FEW_EVENTS;
		if (all[k]->children < FEW_CHILDREN || few_events) {
			snprintf(out->caution, sizeof out->caution,
				 "Too few to tell: a group rests on %ld children%s; an effect this size could be chance.",
				 all[k]->children, few_events ? " or fewer than 5 events of an outcome" : "");
			break;
		}
	}
done:
	for (int k = 0; k < 4; k++)
		free(g[k].m);
	free(pool.m);
	free(x.cla_of);
	return rc;
}
