/* The indicator engine: one pass per source over the in-memory timelines
 * for each period, counting units into the LA and one breakdown. */
#include "indicators/kpi.h"
#include "indicators/kpi_int.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/returns.h"

/* --- loading ---------------------------------------------------------------- */

static int cmp_sector(const void *a, const void *b)
{
	return strcmp((const char *)a, (const char *)b);
}

struct sectors {
	struct kpi_data *d;
	size_t cap;
};

static int add_la_sector(void *ctx, const char *area, struct cf_error *err)
{
	struct sectors *x = ctx;
	struct kpi_data *d = x->d;
	char sector[10];
	if (postcode_sector(area, sector) != 0)
		return CF_OK;   /* ward codes and other areas are not sectors */
	if (d->nla_sectors == x->cap) {
		size_t cap = x->cap ? x->cap * 2 : 256;
		char(*n)[10] = realloc(d->la_sectors, cap * sizeof *n);
		if (!n)
			return cf_error_set(err, CF_EIO, "out of memory");
		d->la_sectors = n;
		x->cap = cap;
	}
	memcpy(d->la_sectors[d->nla_sectors++], sector, sizeof sector);
	return CF_OK;
}

static int load_la_sectors(struct store *st, struct kpi_data *d, struct cf_error *err)
{
	struct sectors x = { d, 0 };
	int rc = returns_locality_areas(st, add_la_sector, &x, err);
	if (rc)
		return rc;
	if (d->nla_sectors)
		qsort(d->la_sectors, d->nla_sectors, sizeof *d->la_sectors, cmp_sector);
	return CF_OK;
}

static void see(cf_date *end, cf_date d)
{
	if (d != CF_DATE_NONE && (*end == CF_DATE_NONE || d > *end))
		*end = d;
}

static void find_data_end(struct kpi_data *d)
{
	d->data_end = CF_DATE_NONE;
	for (size_t i = 0; i < d->cla.neps; i++) {
		see(&d->data_end, d->cla.eps[i].start);
		see(&d->data_end, d->cla.eps[i].end);
	}
	for (size_t i = 0; i < d->cin.n_referrals; i++)
		see(&d->data_end, d->cin.referrals[i].date);
	for (size_t i = 0; i < d->cin.n_contacts; i++)
		see(&d->data_end, d->cin.contacts[i].date);
	for (size_t i = 0; i < d->cin.n_cpp; i++)
		see(&d->data_end, d->cin.cpp[i].start);
}

int kpi_data_load(struct store *st, struct kpi_data *d, struct cf_error *err)
{
	memset(d, 0, sizeof *d);
	int rc = children_load(st, &d->reg, err);
	if (rc)
		return rc;
	if ((rc = cla_load(st, &d->cla, err))) {
		children_release(&d->reg);
		return rc;
	}
	d->cla_reg = malloc((d->cla.nchildren + 1) * sizeof *d->cla_reg);
	if (!d->cla_reg) {
		rc = cf_error_set(err, CF_EIO, "out of memory");
		goto fail;
	}
	for (size_t i = 0; i < d->cla.nchildren; i++) {
		const struct cla_child *c = &d->cla.children[i];
		int k = children_intern(&d->reg, c->id);
		if (k < 0) {
			rc = cf_error_set(err, CF_EIO, "out of memory");
			goto fail;
		}
		struct child_info *ci = &d->reg.children[k];
		if (ci->dob == CF_DATE_NONE)
			ci->dob = c->dob;
		if (ci->sex == SEX_UNKNOWN)
			ci->sex = (unsigned char)child_sex_parse((char[]){ c->sex, 0 });
		d->cla_reg[i] = k;
	}
	if ((rc = cin_load(st, &d->reg, &d->cin, err)))
		goto fail;
	if ((rc = cla_outcomes_load(st, &d->reg, &d->outcomes, err)))
		goto fail;
	if ((rc = workforce_load(st, &d->workforce, err)))
		goto fail;
	if ((rc = population_load(st, &d->population, err)))
		goto fail;
	if ((rc = load_la_sectors(st, d, err)))
		goto fail;
	if ((rc = families_data_load(st, &d->families, err)))
		goto fail;
	/* The years the child-level returns cover. The workforce census is left
	 * out: its year is DfE's (a census on 30 September 2021 is "2021"),
	 * which would reach back a year before the children's returns. */
	if ((rc = returns_year_range(st, RETURN_KINDS_CHILD_LEVEL, &d->first_year, &d->last_year, err)))
		goto fail;
	find_data_end(d);
	for (size_t i = 0; i < d->reg.n; i++)
		d->with_decile += d->reg.children[i].imd_decile > 0;
	return CF_OK;
fail:
	kpi_data_release(d);
	return rc;
}

void kpi_data_release(struct kpi_data *d)
{
	cla_release(&d->cla);
	cin_release(&d->cin);
	cla_outcomes_release(&d->outcomes);
	workforce_release(&d->workforce);
	population_release(&d->population);
	children_release(&d->reg);
	free(d->cla_reg);
	free(d->la_sectors);
	free(d->referral_source);
	free(d->assessment_factors);
	free(d->sources);
	free(d->factors);
	families_data_free(d->families);
	memset(d, 0, sizeof *d);
}

void kpi_default_period(const struct kpi_data *d, struct kpi_period *out)
{
	if (d->last_year > 0) {
		kpi_period_year(d->last_year - 1, out);
		return;
	}
	cf_date end = d->data_end;
	if (end == CF_DATE_NONE) {
		kpi_period_year(2023, out);
		return;
	}
	int fy = cf_date_fy(end);
	kpi_period_year(end == cf_date_fy_end(fy) ? fy : fy - 1, out);
}

int kpi_all_periods(const struct kpi_data *d, struct kpi_period **out, int *n, struct cf_error *err)
{
	struct kpi_period last;
	kpi_default_period(d, &last);
	int fy1 = cf_date_fy(last.from);
	int fy0 = d->first_year > 0 ? d->first_year - 1 : fy1;
	if (fy0 > fy1)
		fy0 = fy1;
	if (fy1 - fy0 > 30)
		fy0 = fy1 - 30;
	int total = (fy1 - fy0 + 1) * 17;
	*out = malloc((size_t)total * sizeof **out);
	if (!*out)
		return cf_error_set(err, CF_EIO, "out of memory");
	int k = 0;
	for (int fy = fy0; fy <= fy1; fy++) {
		kpi_period_year(fy, &(*out)[k++]);
		for (int q = 1; q <= 4; q++)
			kpi_period_quarter(fy, q, &(*out)[k++]);
		for (int m = 0; m < 12; m++)
			kpi_period_month(m < 9 ? fy : fy + 1, m < 9 ? m + 4 : m - 8, &(*out)[k++]);
	}
	*n = k;
	return CF_OK;
}

/* --- counting ---------------------------------------------------------------- */

struct ctx {
	const struct kpi_data *d;
	const struct kpi_options *opt;
	cf_date from, to;
	int ngroups;
	struct kpi_cell *cells;       /* this period: [K_N][ngroups] */
	unsigned char *used;
	int nloc, neth;
	int only_loc;                  /* opt->locality's index, or -1: the whole authority */
	/* built once per kpi_compute so each period touches only what it needs */
	const int *ref_children, *cpp_children, *s47_children;   /* children with such records */
	int n_ref_children, n_cpp_children, n_s47_children;
	const int *contacts_by_date;   /* contact indexes in date order */
	struct kpi_trace *trace;       /* NULL, or the indicators whose units are kept as they are counted */
	int failed;                    /* a source's walk ran out of memory */
};

/* The record that decides a unit: a CIN, missing or OC3 record's source, or
 * an episode (whose row is found when the records are listed). */
struct decider {
	const struct record_source *rec;
	const struct cla_episode *ep;
	const char *who;              /* the row's name when not a registry child */
};
#define BY_REC(p) ((struct decider){ (p), NULL, NULL })
#define BY_EP(e) ((struct decider){ NULL, (e), NULL })
#define BY_NONE ((struct decider){ NULL, NULL, NULL })

/* The category of need only matters for that breakdown: skip the look-up otherwise. */
static const char *need_on(const struct ctx *x, int child, cf_date on)
{
	return x->opt->by == KPI_BY_NEED ? cin_need_on(&x->d->cin, child, on) : "";
}

enum { NEED_GROUPS = 10 };   /* N0..N9, then unknown */

static int in_period(const struct ctx *x, cf_date d)
{
	return d != CF_DATE_NONE && d >= x->from && d <= x->to;
}

/* The breakdown group (1..ngroups-1) of a unit: a child, the day its age is
 * taken on, and its category of need ("N1".., or "" unknown). */
static int group_of(const struct ctx *x, int child, cf_date on, const char *need)
{
	const struct child_info *c = child >= 0 ? &x->d->reg.children[child] : NULL;
	switch (x->opt->by) {
	case KPI_BY_LOCALITY: return 1 + (c && c->locality >= 0 ? c->locality : x->nloc);
	case KPI_BY_AGE_BAND:
		return 1 + (int)(c && c->dob != CF_DATE_NONE && on >= c->dob ? age_band_of(cf_date_age(c->dob, on)) : AGE_UNKNOWN);
	case KPI_BY_SEX: return c && c->sex == SEX_MALE ? 1 : c && c->sex == SEX_FEMALE ? 2 : 3;
	case KPI_BY_ETHNICITY: return 1 + (c && c->ethnicity >= 0 ? c->ethnicity : x->neth);
	case KPI_BY_NEED:
		return 1 + (need && need[0] == 'N' && isdigit((unsigned char)need[1]) && !need[2] ? need[1] - '0' : NEED_GROUPS);
	case KPI_BY_SOURCE: {
		int s = kpi_source_on(x->d, child, on);
		return 1 + (s >= 0 ? s : x->d->nsources);
	}
	case KPI_BY_DISABILITY: return c && c->disabled == 1 ? 1 : c && c->disabled == 0 ? 2 : 3;
	case KPI_BY_DEPRIVATION: return c && c->imd_decile > 0 ? c->imd_decile : 11;
	default: return 0;
	}
}

/* The conversions down the funnel: each is one count over another. */
static const int flows[][3] = {
	{ K_CONTACT_TO_REFERRAL, K_REFERRALS, K_CONTACTS },
	{ K_REFERRAL_TO_ASSESSMENT, K_ASSESSMENTS, K_REFERRALS },
	{ K_ASSESSMENT_TO_S47, K_S47, K_ASSESSMENTS },
	{ K_S47_TO_ICPC, K_ICPC, K_S47 },
	{ K_ICPC_TO_CPP, K_CPP_STARTED, K_ICPC },
};

static void trace_keep(struct kpi_trace *t, int id, int child, cf_date on, int g, double num, double den,
		       struct decider by)
{
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 256;
		struct kpi_counted *u = realloc(t->units, cap * sizeof *u);
		if (!u) {
			t->oom = 1;
			return;
		}
		t->units = u;
		t->cap = cap;
	}
	struct kpi_counted *u = &t->units[t->n++];
	*u = (struct kpi_counted){ .id = id, .child = child, .group = g, .on = on, .num = num, .den = den, .ep = by.ep,
				   .who = by.who };
	if (by.rec)
		u->src = *by.rec;
	else if (by.ep)
		u->src.return_id = by.ep->return_id;
}

/* Keep a unit of a traced indicator: what it adds to the figure's numerator
 * and denominator. A conversion's units are those of its two counts. */
static void trace_unit(struct kpi_trace *t, int id, int child, cf_date on, int g, double num, double den,
		       struct decider by)
{
	if (t->traced[id])
		trace_keep(t, id, child, on, g, num, den, by);
	if (!t->feeds[id])
		return;
	for (size_t f = 0; f < sizeof flows / sizeof flows[0]; f++) {
		if (!t->traced[flows[f][0]])
			continue;
		if (flows[f][1] == id)
			trace_keep(t, flows[f][0], child, on, g, num, 0, by);
		else if (flows[f][2] == id)
			trace_keep(t, flows[f][0], child, on, g, 0, num, by);
	}
}

/* A unit into each factor group it falls in (the groups overlap): those of
 * the child's latest assessment on or before the day, else "none recorded"
 * (assessed with no factor given) or "not assessed". row[0], the LA, is
 * counted already. */
static void tally_factors(struct ctx *x, int id, int child, cf_date on, double num, double den, struct decider by,
			  struct kpi_cell *row)
{
	int assessed;
	uint64_t m = kpi_factors_on(x->d, child, on, &assessed);
	int nf = x->d->nfactors, kept = 0;
	for (int g = 1; g < x->ngroups; g++) {
		int f = g - 1;
		int in = f < nf ? (int)(m >> f & 1) : f == nf ? assessed && !m : !assessed;
		if (!in)
			continue;
		row[g].num += num;
		row[g].den += den;
		x->used[g] = 1;
		if (x->trace) {
			size_t before = x->trace->n;
			trace_unit(x->trace, id, child, on, g, num, den, by);
			for (size_t i = before; i < x->trace->n && kept; i++)
				x->trace->units[i].repeat = 1;
		}
		kept = 1;
	}
}

/* Count a unit (a child or an event) of indicator id into the LA and its
 * group; `by` is the record that decided it, kept when id is traced. */
static void tally(struct ctx *x, int id, int child, cf_date on, const char *need, double num, double den,
		  struct decider by)
{
	if (x->only_loc >= 0 && (child < 0 || x->d->reg.children[child].locality != x->only_loc))
		return;   /* a child of another locality, or of none known */
	struct kpi_cell *row = &x->cells[(size_t)id * (size_t)x->ngroups];
	row[0].num += num;
	row[0].den += den;
	int g = 0;
	if (x->opt->by == KPI_BY_FACTOR && !(kpi_defs[id].flags & KPI_F_LA_ONLY)) {
		tally_factors(x, id, child, on, num, den, by, row);
		return;
	}
	if (x->opt->by != KPI_BY_ALL && !(kpi_defs[id].flags & KPI_F_LA_ONLY)) {
		g = group_of(x, child, on, need);
		row[g].num += num;
		row[g].den += den;
		x->used[g] = 1;
	}
	if (x->trace)
		trace_unit(x->trace, id, child, on, g, num, den, by);
}

static const char *need_code(const char *cin)
{
	return cin[0] == 'N' && isdigit((unsigned char)cin[1]) ? cin : "";
}

static void count_contacts(struct ctx *x)
{
	const struct cin_data *c = &x->d->cin;
	/* the first contact on or after the period's start, then on to its end */
	size_t lo = 0, hi = c->n_contacts;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (c->contacts[x->contacts_by_date[mid]].date < x->from)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i < c->n_contacts; i++) {
		const struct cin_contact *k = &c->contacts[x->contacts_by_date[i]];
		if (k->date > x->to)
			break;
		tally(x, K_CONTACTS, k->child, k->date, need_on(x, k->child, k->date), 1, 0, BY_REC(&k->src));
	}
}

static void count_referrals(struct ctx *x)
{
	const struct cin_data *c = &x->d->cin;
	cf_date year_before_end = cf_date_add_years(x->to, -1);
	for (int ci = 0; ci < x->n_ref_children; ci++) {
		size_t ch = (size_t)x->ref_children[ci];
		const struct cin_referral *open = NULL;
		for (int k = c->referrals_first[ch]; k < c->referrals_first[ch + 1]; k++) {
			const struct cin_referral *r = &c->referrals[k];
			if (in_period(x, r->date)) {
				tally(x, K_REFERRALS, (int)ch, r->date, r->need, 1, 0, BY_REC(&r->src));
				tally(x, K_REFERRAL_NFA, (int)ch, r->date, r->need, r->nfa, 1, BY_REC(&r->src));
				/* a re-referral: the previous referral was on or after this
				 * date a year earlier (dates are unique per child) */
				int rereferral = k > c->referrals_first[ch] && c->referrals[k - 1].date >= cf_date_add_years(r->date, -1);
				tally(x, K_REREFERRAL_12M, (int)ch, r->date, r->need, rereferral, 1, BY_REC(&r->src));
			}
			if (r->date <= x->to && (r->closed == CF_DATE_NONE || r->closed > x->to)) {
				tally(x, K_CIN_OPEN_1YR, (int)ch, x->to, r->need, r->date < year_before_end, 1, BY_REC(&r->src));
				open = r;
			}
		}
		if (open)
			tally(x, K_CIN_RATE, (int)ch, x->to, open->need, 1, 0, BY_REC(&open->src));
	}
}

static void count_assessments(struct ctx *x)
{
	const struct cin_data *c = &x->d->cin;
	/* as DfE publishes them: assessments completed (authorised) in the period */
	for (size_t i = 0; i < c->n_assessments; i++) {
		const struct cin_assessment *a = &c->assessments[i];
		if (!in_period(x, a->authorised))
			continue;
		const char *need = need_on(x, a->child, a->start);
		int wd = cf_date_working_days(a->start, a->authorised);
		tally(x, K_ASSESSMENTS, a->child, a->authorised, need, 1, 0, BY_REC(&a->src));
		tally(x, K_ASSESSMENT_45WD, a->child, a->authorised, need, wd >= 0 && wd <= 45, 1, BY_REC(&a->src));
	}
}

static void count_s47(struct ctx *x)
{
	const struct cin_data *c = &x->d->cin;
	for (int ci = 0; ci < x->n_s47_children; ci++) {
		size_t ch = (size_t)x->s47_children[ci];
		int s0 = c->s47_first[ch], s1 = c->s47_first[ch + 1];
		for (int k = s0; k < s1; k++) {
			const struct cin_s47 *s = &c->s47[k];
			const char *need = need_on(x, (int)ch, s->start);
			if (in_period(x, s->start))
				tally(x, K_S47, (int)ch, s->start, need, 1, 0, BY_REC(&s->src));
			if (!in_period(x, s->icpc))
				continue;
			/* timeliness only for conferences that follow an s47 */
			int wd = cf_date_working_days(s->start, s->icpc);
			tally(x, K_ICPC_15WD, (int)ch, s->icpc, need, wd >= 0 && wd <= 15, 1, BY_REC(&s->src));
			/* one conference per child and date */
			int seen = 0;
			for (int j = s0; j < k && !seen; j++)
				seen = c->s47[j].icpc == s->icpc;
			if (!seen)
				tally(x, K_ICPC, (int)ch, s->icpc, need, 1, 0, BY_REC(&s->src));
		}
		/* conferences the CIN episode records without an s47 */
		for (int k = c->referrals_first[ch]; k < c->referrals_first[ch + 1]; k++) {
			const struct cin_referral *r = &c->referrals[k];
			if (!in_period(x, r->icpc))
				continue;
			int seen = 0;
			for (int j = s0; j < s1 && !seen; j++)
				seen = c->s47[j].icpc == r->icpc;
			for (int j = c->referrals_first[ch]; j < k && !seen; j++)
				seen = c->referrals[j].icpc == r->icpc;
			if (!seen)
				tally(x, K_ICPC, (int)ch, r->icpc, r->need, 1, 0, BY_REC(&r->src));
		}
	}
}

static void count_cpp(struct ctx *x)
{
	const struct cin_data *c = &x->d->cin;
	cf_date to = x->to;
	cf_date m3 = cf_date_add_months(to, -3), m6 = cf_date_add_months(to, -6);
	cf_date y1 = cf_date_add_years(to, -1), y2 = cf_date_add_years(to, -2);
	for (int ci = 0; ci < x->n_cpp_children; ci++) {
		size_t ch = (size_t)x->cpp_children[ci];
		const struct cin_cpp *open_plan = NULL;   /* the latest plan open at period end */
		for (int k = c->cpp_first[ch]; k < c->cpp_first[ch + 1]; k++) {
			const struct cin_cpp *p = &c->cpp[k];
			const char *need = need_on(x, (int)ch, p->start);
			if (in_period(x, p->start)) {
				tally(x, K_CPP_STARTED, (int)ch, p->start, need, 1, 0, BY_REC(&p->src));
				int later = p->previous_plans > 0 || k > c->cpp_first[ch];
				tally(x, K_CPP_SUBSEQUENT, (int)ch, p->start, need, later, 1, BY_REC(&p->src));
			}
			if (in_period(x, p->end) && p->end >= p->start)
				tally(x, K_CPP_2YR_ENDED, (int)ch, p->end, need, p->end >= cf_date_add_years(p->start, 2), 1, BY_REC(&p->src));
			if (p->start <= to && (p->end == CF_DATE_NONE || p->end > to)) {
				open_plan = p;
				tally(x, K_CPP_OPEN_1YR, (int)ch, to, need, p->start < y1, 1, BY_REC(&p->src));
				/* DfE's duration bands at 31 March */
				int band = p->start >= m3 ? K_CPP_OPEN_3M : p->start >= m6 ? K_CPP_OPEN_3_6M
					 : p->start > y1 ? K_CPP_OPEN_6_12M : p->start > y2 ? K_CPP_OPEN_1_2Y : K_CPP_OPEN_2Y;
				for (int b = K_CPP_OPEN_3M; b <= K_CPP_OPEN_2Y; b++)
					tally(x, b, (int)ch, to, need, b == band, 1, BY_REC(&p->src));
			}
		}
		if (open_plan)
			tally(x, K_CPP_RATE, (int)ch, to, need_on(x, (int)ch, to), 1, 0, BY_REC(&open_plan->src));
	}
}

/* Short breaks (an agreed series of short-term placements, V3/V4) are not
 * counted as looked after in DfE's figures. */
static int respite(const struct cla_episode *e)
{
	return e->ls[0] == 'V' && (e->ls[1] == '3' || e->ls[1] == '4');
}

/* Reasons for a new episode that keep the child with the same carer:
 * L legal status only, T placement but not carer, U both but not carer. */
static int same_carer(const struct cla_episode *e)
{
	return e->rne[0] == 'L' || e->rne[0] == 'T' || e->rne[0] == 'U';
}

static int la_sector(const struct kpi_data *d, const char *sector)
{
	char s[10];
	return postcode_sector(sector, s) == 0 &&
	       bsearch(s, d->la_sectors, d->nla_sectors, sizeof *d->la_sectors, cmp_sector) != NULL;
}

/* One looked-after child, open at period end in episode k (index within the child). */
static void count_cla_open(struct ctx *x, const struct cla_child *c, int rc, const struct cla_episode *eps, int k)
{
	const struct kpi_data *d = x->d;
	const struct cla_episode *e = &eps[k];
	cf_date to = x->to;
	const char *need = need_code(e->cin);
	tally(x, K_CLA_31MAR, rc, to, need, 1, 0, BY_EP(e));
	tally(x, K_CLA_RATE, rc, to, need, 1, 0, BY_EP(e));

	enum placement_group pg = placement_group_of(e->place);
	for (int g = 0; g < PG_NGROUPS; g++)
		tally(x, K_MIX_FOSTER + g, rc, to, need, (int)pg == g, 1, BY_EP(e));
	int inhouse = strcmp(e->provider, "PR1") == 0;
	int external = e->provider[0] == 'P' && e->provider[1] == 'R' && e->provider[2] >= '2' && e->provider[2] <= '5' &&
		       !e->provider[3];
	tally(x, K_MIX_INHOUSE, rc, to, need, inhouse, 1, BY_EP(e));
	tally(x, K_MIX_EXTERNAL, rc, to, need, external, 1, BY_EP(e));

	/* placements during the period: the first one the child is in, then
	 * every new episode with a change of carer */
	int placements = 0, seen = 0;
	for (int j = 0; j <= k; j++) {
		const struct cla_episode *p = &eps[j];
		if (respite(p) || p->start > to || (p->end != CF_DATE_NONE && p->end < x->from))
			continue;
		if (!seen || !same_carer(p) || p->period_start)
			placements++;
		seen = 1;
	}
	tally(x, K_PLACEMENT_3PLUS, rc, to, need, placements >= 3, 1, BY_EP(e));

	/* long-term stability: under 16, in care continuously 2.5 years */
	int k0 = k;
	while (k0 > 0 && !eps[k0].period_start)
		k0--;
	if (c->dob != CF_DATE_NONE && cf_date_age(c->dob, to) < 16 && eps[k0].start <= cf_date_add_months(to, -30)) {
		int p = k;
		while (p > k0 && same_carer(&eps[p]))
			p--;
		if (e->place[0] == 'A' && p > k0) {   /* placed for adoption: the placement before counts too */
			p--;
			while (p > k0 && same_carer(&eps[p]))
				p--;
		}
		tally(x, K_PLACEMENT_LONG_TERM, rc, to, need, eps[p].start <= cf_date_add_years(to, -2), 1, BY_EP(&eps[p]));
	}

	/* interim care order held continuously */
	if (strcmp(e->ls, "C1") == 0) {
		int j = k;
		while (j > 0 && eps[j - 1].end == eps[j].start && strcmp(eps[j - 1].ls, "C1") == 0)
			j--;
		tally(x, K_ICO_26WK, rc, to, need, to - eps[j].start > 182, 1, BY_EP(&eps[j]));
	}

	if (x->opt->centroids) {
		const struct centroid *home = centroids_find(x->opt->centroids, e->home_sector);
		const struct centroid *placed = centroids_find(x->opt->centroids, e->pl_sector);
		if (home && placed)
			tally(x, K_PLACED_20MI, rc, to, need, centroids_miles(home, placed) > 20.0, 1, BY_EP(e));
		char s[10];
		if (d->nla_sectors && e->pl_sector && postcode_sector(e->pl_sector, s) == 0)
			tally(x, K_PLACED_OUTSIDE_LA, rc, to, need, !la_sector(d, e->pl_sector), 1, BY_EP(e));
	}
}

static void count_cla(struct ctx *x)
{
	const struct kpi_data *d = x->d;
	cf_date from = x->from, to = x->to;
	for (size_t i = 0; i < d->cla.nchildren; i++) {
		const struct cla_child *c = &d->cla.children[i];
		const struct cla_episode *eps = &d->cla.eps[c->first];
		int rc = d->cla_reg[i];
		int open = -1, last_during = -1;
		for (int k = 0; k < c->n; k++) {
			const struct cla_episode *e = &eps[k];
			if (respite(e) || e->start > to)
				continue;
			if (e->end == CF_DATE_NONE || e->end >= from)
				last_during = k;
			if (e->end == CF_DATE_NONE || e->end > to)
				open = k;
		}
		if (open >= 0)
			count_cla_open(x, c, rc, eps, open);

		/* started: the first period of care starting in the period */
		for (int k = 0; k < c->n; k++) {
			const struct cla_episode *e = &eps[k];
			if (e->period_start && !respite(e) && in_period(x, e->start)) {
				const char *need = need_code(e->cin);
				tally(x, K_CLA_STARTED, rc, e->start, need, 1, 0, BY_EP(e));
				tally(x, K_CLA_STARTED_RATE, rc, e->start, need, 1, 0, BY_EP(e));
				int age = c->dob != CF_DATE_NONE && e->start >= c->dob ? cf_date_age(c->dob, e->start) : -1;
				if (age >= 0 && age <= 17) {
					int band = age < 1 ? K_ENTRY_UNDER1 : age < 5 ? K_ENTRY_1_4 : age < 10 ? K_ENTRY_5_9
						 : age < 16 ? K_ENTRY_10_15 : K_ENTRY_16_17;
					for (int b = K_ENTRY_UNDER1; b <= K_ENTRY_16_17; b++)
						tally(x, b, rc, e->start, need, b == band, 1, BY_EP(e));
				}
				break;
			}
		}
		/* ceased: the last period of care ending in the period */
		for (int k = c->n - 1; k >= 0; k--) {
			const struct cla_episode *e = &eps[k];
			if (e->period_end && !respite(e) && in_period(x, e->end)) {
				const char *need = need_code(e->cin);
				tally(x, K_CLA_CEASED, rc, e->end, need, 1, 0, BY_EP(e));
				tally(x, K_CLA_CEASED_RATE, rc, e->end, need, 1, 0, BY_EP(e));
				break;
			}
		}

		/* missing: looked after at any time in the period */
		if (last_during >= 0) {
			const char *need = need_code(eps[last_during].cin);
			int missing = 0, away = 0;
			/* the deciding record: the first incident of the kind in the period, else the episode */
			struct decider missing_by = BY_EP(&eps[last_during]), away_by = missing_by;
			const struct cla_outcomes *o = &d->outcomes;
			if ((size_t)rc < o->nchildren)
				for (int m = o->missing_first[rc]; m < o->missing_first[rc + 1]; m++)
					if (in_period(x, o->missing[m].start)) {
						if (o->missing[m].away && !away)
							away = 1, away_by = BY_REC(&o->missing[m].src);
						else if (!o->missing[m].away && !missing)
							missing = 1, missing_by = BY_REC(&o->missing[m].src);
					}
			tally(x, K_MISSING_CLA, rc, to, need, missing, 1, missing_by);
			tally(x, K_AWAY_CLA, rc, to, need, away, 1, away_by);
		}
	}
}

static void count_care_leavers(struct ctx *x)
{
	const struct cla_outcomes *o = &x->d->outcomes;
	/* OC3 is annual: the return for the collection year holding period end */
	int cy = cf_date_fy(x->to) + 1;
	cf_date year_end = cf_date_fy_end(cy - 1);
	for (size_t i = 0; i < o->noc3; i++) {
		const struct cla_oc3 *r = &o->oc3[i];
		if (r->collection_year != cy || r->dob == CF_DATE_NONE || oc3_not_required(r->in_touch))
			continue;
		int age = cf_date_age(r->dob, year_end);
		if (age < 19 || age > 21)
			continue;
		tally(x, K_CARE_LEAVERS_EET, r->child, year_end, "", oc3_activity_is_eet(r->activ), 1, BY_REC(&r->src));
	}
}

static void count_workforce(struct ctx *x)
{
	const struct workforce_census *w = workforce_at(&x->d->workforce, x->to);
	if (!w)
		return;
	tally(x, K_SW_CASELOAD, -1, x->to, "", w->cases, w->caseholder_fte, BY_NONE);
	tally(x, K_SW_AGENCY_RATE, -1, x->to, "", w->agency_fte, w->agency_fte + w->inpost_fte, BY_NONE);
	tally(x, K_SW_TURNOVER, -1, x->to, "", w->leavers_fte, w->inpost_fte, BY_NONE);
	if (w->vacancies_fte >= 0)
		tally(x, K_SW_VACANCY, -1, x->to, "", w->vacancies_fte, w->vacancies_fte + w->inpost_fte, BY_NONE);
}

/* The families room's units: families on period end, audits, CP reviews due. */
static int count_family_unit(void *ctx, const struct families_unit *u)
{
	static const int ids[FAMILIES_NMEASURES] = {
		[FAMILIES_ONE_PLAN] = K_FAMILIES_ONE_PLAN,
		[FAMILIES_AUDIT_GOOD] = K_AUDITS_GOOD,
		[FAMILIES_CP_REVIEW] = K_CP_REVIEWS_ON_TIME,
		[FAMILIES_VISIT] = K_VISITS_ON_TIME,
	};
	struct ctx *x = ctx;
	int child = u->child ? children_find(&x->d->reg, u->child) : -1;
	/* a family's row is named by the family; a child the returns do not hold, by its ID */
	const char *who = u->family ? u->family : child < 0 ? u->child : NULL;
	tally(x, ids[u->measure], child, u->on, child >= 0 ? need_on(x, child, u->on) : "", u->num, u->den,
	      (struct decider){ &u->src, NULL, who });
	return 0;
}

static void count_families(struct ctx *x)
{
	if (x->d->families && families_units(x->d->families, x->from, x->to, count_family_unit, x))
		x->failed = 1;
}

/* Children aged 0-17 in group g at period end, or -1 when unknown. */
static double group_population(const struct ctx *x, int g)
{
	const struct population_data *p = &x->d->population;
	if (g == 0)
		return population_count(p, x->only_loc >= 0 ? x->d->reg.localities[x->only_loc] : NULL, 0, 17, 0, x->to);
	switch (x->opt->by) {
	case KPI_BY_LOCALITY:
		return g - 1 < x->nloc ? population_count(p, x->d->reg.localities[g - 1], 0, 17, 0, x->to) : -1;
	case KPI_BY_AGE_BAND: {
		static const int lo[] = { 0, 1, 5, 10, 16 }, hi[] = { 0, 4, 9, 15, 17 };
		return g - 1 < AGE_NBANDS ? population_count(p, NULL, lo[g - 1], hi[g - 1], 0, x->to) : -1;
	}
	case KPI_BY_SEX: return g <= 2 ? population_count(p, NULL, 0, 17, g, x->to) : -1;
	default: return -1;
	}
}

/* Which source each indicator needs, to tell "none loaded" from "zero". */
enum { SRC_CONTACTS = 1, SRC_REFERRALS = 2, SRC_ASSESSMENTS = 4, SRC_S47 = 8, SRC_CPP = 16, SRC_CLA = 32,
       SRC_OC3 = 64, SRC_WORKFORCE = 128, SRC_FAMILIES = 256, SRC_AUDITS = 512,
       SRC_VISITS = 1024 };

static unsigned sources_of(int id)
{
	switch (id) {
	case K_CONTACTS: return SRC_CONTACTS;
	case K_CONTACT_TO_REFERRAL: return SRC_CONTACTS | SRC_REFERRALS;
	case K_REFERRALS: case K_REFERRAL_NFA: case K_REREFERRAL_12M: case K_CIN_OPEN_1YR: case K_CIN_RATE:
		return SRC_REFERRALS;
	case K_REFERRAL_TO_ASSESSMENT: return SRC_REFERRALS | SRC_ASSESSMENTS;
	case K_ASSESSMENTS: case K_ASSESSMENT_45WD: return SRC_ASSESSMENTS;
	case K_ASSESSMENT_TO_S47: return SRC_ASSESSMENTS | SRC_S47;
	case K_S47: case K_ICPC: case K_S47_TO_ICPC: case K_ICPC_15WD: return SRC_S47;
	case K_ICPC_TO_CPP: return SRC_S47 | SRC_CPP;
	case K_CPP_STARTED: case K_CPP_SUBSEQUENT: case K_CPP_2YR_ENDED: case K_CPP_OPEN_1YR: case K_CPP_OPEN_3M:
	case K_CPP_OPEN_3_6M: case K_CPP_OPEN_6_12M: case K_CPP_OPEN_1_2Y: case K_CPP_OPEN_2Y: case K_CPP_RATE:
		return SRC_CPP;
	case K_CARE_LEAVERS_EET: return SRC_OC3;
	case K_SW_CASELOAD: case K_SW_AGENCY_RATE: case K_SW_TURNOVER: case K_SW_VACANCY: return SRC_WORKFORCE;
	case K_FAMILIES_ONE_PLAN: return SRC_FAMILIES;
	case K_AUDITS_GOOD: return SRC_AUDITS;
	case K_CP_REVIEWS_ON_TIME: return SRC_CPP;
	case K_VISITS_ON_TIME: return SRC_VISITS;
	default: return SRC_CLA;
	}
}

static unsigned sources_loaded(const struct kpi_data *d)
{
	unsigned s = 0;
	if (d->cin.n_contacts)
		s |= SRC_CONTACTS;
	if (d->cin.n_referrals)
		s |= SRC_REFERRALS;
	if (d->cin.n_assessments)
		s |= SRC_ASSESSMENTS;
	if (d->cin.n_s47)
		s |= SRC_S47;
	if (d->cin.n_cpp)
		s |= SRC_CPP;
	if (d->cla.neps)
		s |= SRC_CLA;
	if (d->outcomes.noc3)
		s |= SRC_OC3;
	if (d->workforce.n)
		s |= SRC_WORKFORCE;
	if (d->families && families_data_has(d->families, FAMILIES_ONE_PLAN))
		s |= SRC_FAMILIES;
	if (d->families && families_data_has(d->families, FAMILIES_AUDIT_GOOD))
		s |= SRC_AUDITS;
	if (d->families && families_data_has(d->families, FAMILIES_VISIT))
		s |= SRC_VISITS;
	return s;
}

int kpi_flow_parts(int id, int *num_id, int *den_id)
{
	for (size_t f = 0; f < sizeof flows / sizeof flows[0]; f++)
		if (flows[f][0] == id) {
			*num_id = flows[f][1];
			*den_id = flows[f][2];
			return 1;
		}
	*num_id = *den_id = -1;
	return 0;
}

/* Numerators, denominators and values from the tallies. */
static void finish_period(struct ctx *x, const struct kpi_result *r)
{
	int G = x->ngroups;
	struct kpi_cell *cells = x->cells;
#define CELL(id, g) cells[(size_t)(id) * (size_t)G + (size_t)(g)]
	for (size_t f = 0; f < sizeof flows / sizeof flows[0]; f++)
		for (int g = 0; g < G; g++) {
			CELL(flows[f][0], g).num = CELL(flows[f][1], g).num;
			CELL(flows[f][0], g).den = CELL(flows[f][2], g).num;
		}
	int have_workforce = workforce_at(&x->d->workforce, x->to) != NULL;
	for (int g = 0; g < G; g++) {
		double pop = group_population(x, g);
		for (int id = 0; id < K_N; id++) {
			const struct kpi_def *def = &kpi_defs[id];
			struct kpi_cell *cell = &CELL(id, g);
			if (r->omitted[id] || (g > 0 && def->flags & KPI_F_LA_ONLY))
				continue;
			if (sources_of(id) == SRC_WORKFORCE && (!have_workforce || (id == K_SW_VACANCY && cell->den <= 0)))
				continue;
			cell->has_num = 1;
			if (def->unit == KPI_UNIT_COUNT) {
				cell->value = cell->num;
				cell->has_value = 1;
				continue;
			}
			if (def->flags & KPI_F_POPULATION) {
				cell->den = pop;
				if (pop < 0)
					continue;
			}
			cell->has_den = 1;
			if (cell->den > 0) {
				double scale = def->unit == KPI_UNIT_PERCENT ? 100 : def->unit == KPI_UNIT_PER_10K ? 10000 : 1;
				cell->value = scale * cell->num / cell->den;
				cell->has_value = 1;
			}
		}
	}
#undef CELL
}

static int setup_groups(struct kpi_result *r, const struct kpi_data *d, enum kpi_dim by, struct cf_error *err)
{
	const char *fixed_age[] = { "under 1", "1-4", "5-9", "10-15", "16+", "unknown" };
	const char *fixed_sex[] = { "male", "female", "unknown" };
	const char *fixed_need[] = { "N0", "N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8", "N9", "unknown" };
	const char *const *names = NULL;
	int n = 0;
	switch (by) {
	case KPI_BY_ALL: break;
	case KPI_BY_LOCALITY: names = d->reg.localities, n = d->reg.nlocalities; break;
	case KPI_BY_AGE_BAND: names = fixed_age, n = 6; break;
	case KPI_BY_SEX: names = fixed_sex, n = 3; break;
	case KPI_BY_ETHNICITY: names = d->reg.ethnicities, n = d->reg.nethnicities; break;
	case KPI_BY_NEED: names = fixed_need, n = 11; break;
	case KPI_BY_SOURCE: names = d->sources, n = d->nsources; break;
	case KPI_BY_FACTOR: names = d->factors, n = d->nfactors; break;
	case KPI_BY_DISABILITY: names = kpi_disability_groups, n = 3; break;
	case KPI_BY_DEPRIVATION: names = kpi_deprivation_groups, n = 11; break;
	default: break;
	}
	/* lists that come from the data: add "unknown" (source: "not recorded";
	 * factor: "none recorded" and "not assessed") */
	int extra = by == KPI_BY_LOCALITY || by == KPI_BY_ETHNICITY || by == KPI_BY_SOURCE ? 1 : by == KPI_BY_FACTOR ? 2 : 0;
	r->ngroups = by == KPI_BY_ALL ? 1 : 1 + n + extra;
	r->groups = arena_alloc(&r->arena, (size_t)r->ngroups * sizeof *r->groups);
	r->group_used = arena_alloc(&r->arena, (size_t)r->ngroups);
	if (!r->groups || !r->group_used)
		return cf_error_set(err, CF_EIO, "out of memory");
	memset(r->group_used, 0, (size_t)r->ngroups);
	r->groups[0] = "all";
	r->group_used[0] = 1;
	for (int i = 0; i < n; i++)
		r->groups[1 + i] = names[i];
	if (extra)
		r->groups[1 + n] = by == KPI_BY_SOURCE ? "not recorded" : by == KPI_BY_FACTOR ? "none recorded" : "unknown";
	if (extra == 2)
		r->groups[2 + n] = "not assessed";
	return CF_OK;
}

static const struct cin_contact *sort_contacts;

static int cmp_contact_date(const void *a, const void *b)
{
	cf_date x = sort_contacts[*(const int *)a].date, y = sort_contacts[*(const int *)b].date;
	return (x > y) - (x < y);
}

/* The children with records of a kind (first[c] < first[c + 1]). */
static int *children_with(const int *first, size_t nchildren, int *n)
{
	int *list = malloc((nchildren ? nchildren : 1) * sizeof *list);
	*n = 0;
	if (!list || !first)
		return list;
	for (size_t c = 0; c < nchildren; c++)
		if (first[c] < first[c + 1])
			list[(*n)++] = (int)c;
	return list;
}

static int index_sources(struct ctx *x, struct cf_error *err)
{
	const struct cin_data *c = &x->d->cin;
	int *ref = children_with(c->referrals_first, c->nchildren, &x->n_ref_children);
	int *cpp = children_with(c->cpp_first, c->nchildren, &x->n_cpp_children);
	/* children with an s47, or with a conference on a referral */
	int *s47 = malloc((c->nchildren ? c->nchildren : 1) * sizeof *s47);
	int *by_date = malloc((c->n_contacts ? c->n_contacts : 1) * sizeof *by_date);
	x->ref_children = ref, x->cpp_children = cpp, x->s47_children = s47, x->contacts_by_date = by_date;
	if (!ref || !cpp || !s47 || !by_date)
		return cf_error_set(err, CF_EIO, "out of memory");
	x->n_s47_children = 0;
	for (size_t ch = 0; ch < c->nchildren; ch++) {
		int any = c->s47_first[ch] < c->s47_first[ch + 1];
		for (int k = c->referrals_first[ch]; k < c->referrals_first[ch + 1] && !any; k++)
			any = c->referrals[k].icpc != CF_DATE_NONE;
		if (any)
			s47[x->n_s47_children++] = (int)ch;
	}
	for (size_t i = 0; i < c->n_contacts; i++)
		by_date[i] = (int)i;
	sort_contacts = c->contacts;
	if (c->n_contacts)
		qsort(by_date, c->n_contacts, sizeof *by_date, cmp_contact_date);
	return CF_OK;
}

static void release_indexes(struct ctx *x)
{
	free((void *)x->ref_children);
	free((void *)x->cpp_children);
	free((void *)x->s47_children);
	free((void *)x->contacts_by_date);
	x->ref_children = x->cpp_children = x->s47_children = x->contacts_by_date = NULL;
}

static void add_note(struct kpi_result *r, const char *text)
{
	size_t len = strlen(r->notes);
	snprintf(r->notes + len, sizeof r->notes - len, "%s%s", len ? "\n" : "", text);
}

int kpi_compute(const struct kpi_data *d, const struct kpi_period *periods, int nperiods, const struct kpi_options *opt,
		struct kpi_result **out, struct cf_error *err)
{
	return kpi_compute_traced(d, periods, nperiods, opt, NULL, out, err);
}

int kpi_compute_traced(const struct kpi_data *d, const struct kpi_period *periods, int nperiods,
		       const struct kpi_options *opt, struct kpi_trace *trace, struct kpi_result **out,
		       struct cf_error *err)
{
	*out = NULL;
	struct ctx x = { .d = d, .opt = opt, .nloc = d->reg.nlocalities, .neth = d->reg.nethnicities, .trace = trace,
			 .only_loc = -1 };
	if (opt->locality) {
		for (int i = 0; i < d->reg.nlocalities && x.only_loc < 0; i++)
			if (strcmp(d->reg.localities[i], opt->locality) == 0)
				x.only_loc = i;
		if (x.only_loc < 0) {
			char names[512] = "";
			for (int i = 0; i < d->reg.nlocalities; i++) {
				size_t len = strlen(names);
				snprintf(names + len, sizeof names - len, "%s%s", i ? ", " : "", d->reg.localities[i]);
			}
			return cf_error_at(err, CF_EINPUT, NULL, 0, NULL, opt->locality, "not a locality of the store's%s%s",
					   names[0] ? ": " : " (none is loaded: ingest a localities table)", names);
		}
	}
	struct kpi_result *r = calloc(1, sizeof *r);
	if (!r)
		return cf_error_set(err, CF_EIO, "out of memory");
	arena_init(&r->arena, 16 * 1024);
	r->by = opt->by;
	if ((opt->by == KPI_BY_SOURCE || opt->by == KPI_BY_FACTOR) && !d->demand_loaded) {
		kpi_result_free(r);
		return cf_error_set(err, CF_EUSAGE, "the breakdown by %s needs kpi_data_load_breakdown first",
				    kpi_dim_names[opt->by]);
	}
	r->nperiods = nperiods;
	int rc = setup_groups(r, d, opt->by, err);
	if (rc)
		goto fail;
	r->periods = malloc((size_t)(nperiods ? nperiods : 1) * sizeof *r->periods);
	size_t per_period = (size_t)K_N * (size_t)r->ngroups;
	r->cells = calloc((size_t)(nperiods ? nperiods : 1) * per_period, sizeof *r->cells);
	if (!r->periods || !r->cells) {
		rc = cf_error_set(err, CF_EIO, "out of memory computing indicators");
		goto fail;
	}
	memcpy(r->periods, periods, (size_t)nperiods * sizeof *periods);

	unsigned loaded = sources_loaded(d);
	static const struct {
		unsigned src;
		const char *what;
	} missing[] = {
		{ SRC_CONTACTS, "contacts" }, { SRC_REFERRALS, "referrals" }, { SRC_ASSESSMENTS, "assessments" },
		{ SRC_S47, "section 47 enquiries" }, { SRC_CPP, "child protection plans" },
		{ SRC_CLA, "SSDA903 episodes" }, { SRC_OC3, "care leavers (OC3)" }, { SRC_WORKFORCE, "workforce census" },
		{ SRC_FAMILIES, "family extracts" }, { SRC_AUDITS, "case audits" },
		{ SRC_VISITS, "Annex A visits (Lists 6-8)" },
	};
	char line[256] = "";
	for (size_t i = 0; i < sizeof missing / sizeof missing[0]; i++)
		if (!(loaded & missing[i].src)) {
			size_t len = strlen(line);
			snprintf(line + len, sizeof line - len, "%s%s", len ? ", " : "", missing[i].what);
		}
	for (int id = 0; id < K_N; id++)
		if ((sources_of(id) & loaded) != sources_of(id))
			r->omitted[id] = 1;
	if (line[0]) {
		char note[320];
		snprintf(note, sizeof note, "not loaded, so their indicators are omitted: %s", line);
		add_note(r, note);
	}
	if (!opt->centroids) {
		r->omitted[K_PLACED_20MI] = r->omitted[K_PLACED_OUTSIDE_LA] = 1;
		add_note(r, "placed_20mi and placed_outside_la omitted: no postcode centroids given (--centroids FILE)");
	} else if (!d->nla_sectors) {
		r->omitted[K_PLACED_OUTSIDE_LA] = 1;
		add_note(r, "placed_outside_la omitted: the localities table holds no postcode sectors to mark the LA's area");
	}
	if (!d->population.n)
		add_note(r, "rates per 10,000 have no denominator: no population loaded");
	else if (opt->by >= KPI_BY_ETHNICITY && opt->by != KPI_BY_NEED)
		add_note(r, opt->by == KPI_BY_ETHNICITY
			 ? "rates per 10,000 by ethnicity have counts but no denominator: caseflow has no child population "
			   "by ethnicity (docs/definitions.md)"
			 : "rates per 10,000 have counts but no denominator by this breakdown: the population is by age, sex "
			   "and locality only");
	if (opt->by == KPI_BY_DEPRIVATION && !d->with_decile)
		add_note(r, "no child's area has a deprivation decile: load the English Indices of Deprivation (an LSOA "
			    "lookup as published, or area,imd_decile for the areas children are recorded by)");
	if (opt->by == KPI_BY_FACTOR)
		add_note(r, "a child counts under each factor of their latest assessment: the factor groups overlap and "
			    "do not add up to the LA");
	if (x.only_loc >= 0) {
		int any = 0;
		for (int id = 0; id < K_N; id++)
			if (kpi_defs[id].flags & KPI_F_LA_ONLY) {
				any |= !r->omitted[id];
				r->omitted[id] = 1;
			}
		if (any)
			add_note(r, "the workforce's indicators omitted: the census is the authority's, not a locality's");
	}

	x.ngroups = r->ngroups;
	x.used = r->group_used;
	if ((rc = index_sources(&x, err)))
		goto fail;
	for (int p = 0; p < nperiods; p++) {
		x.from = periods[p].from;
		x.to = periods[p].to;
		x.cells = &r->cells[(size_t)p * per_period];
		count_contacts(&x);
		count_referrals(&x);
		count_assessments(&x);
		count_s47(&x);
		count_cpp(&x);
		count_cla(&x);
		count_care_leavers(&x);
		count_workforce(&x);
		count_families(&x);
		finish_period(&x, r);
	}
	/* localities are listed whether or not a unit fell in them */
	if (opt->by == KPI_BY_LOCALITY || opt->by == KPI_BY_AGE_BAND || opt->by == KPI_BY_SEX ||
	    opt->by == KPI_BY_DISABILITY || (opt->by == KPI_BY_DEPRIVATION && d->with_decile))
		for (int g = 1; g < r->ngroups; g++)
			if (strcmp(r->groups[g], "unknown") != 0)
				r->group_used[g] = 1;
	release_indexes(&x);
	if (x.failed) {
		rc = cf_error_set(err, CF_EIO, "out of memory counting the families indicators");
		goto fail;
	}
	if (trace && trace->oom) {
		rc = cf_error_set(err, CF_EIO, "out of memory listing an indicator's records");
		goto fail;
	}
	if (opt->suppress > 0)
		kpi_suppress(r, opt->suppress);
	*out = r;
	return CF_OK;
fail:
	release_indexes(&x);
	kpi_result_free(r);
	return rc;
}

void kpi_result_free(struct kpi_result *r)
{
	if (!r)
		return;
	free(r->periods);
	free(r->cells);
	arena_release(&r->arena);
	free(r);
}

const struct kpi_cell *kpi_result_cell(const struct kpi_result *r, int period, int id, int group)
{
	return &r->cells[((size_t)period * K_N + (size_t)id) * (size_t)r->ngroups + (size_t)group];
}

/* --- the table ---------------------------------------------------------------- */

static void set_number(struct cf_table *t, size_t row, int col, double v)
{
	if (fabs(v - nearbyint(v)) < 1e-9 && fabs(v) < 9e15)
		cf_table_set_int(t, row, col, (long long)nearbyint(v));
	else
		cf_table_set_real(t, row, col, v);
}

int kpi_result_table(const struct kpi_result *r, struct cf_table **out, struct cf_error *err)
{
	struct cf_table *t = cf_table_new("indicators");
	*out = NULL;
	if (!t)
		return cf_error_set(err, CF_EIO, "out of memory");
	cf_table_add_column(t, "indicator", CF_CELL_TEXT, 0);
	cf_table_add_column(t, "period", CF_CELL_TEXT, 0);
	cf_table_add_column(t, "group_by", CF_CELL_TEXT, 0);
	cf_table_add_column(t, "group", CF_CELL_TEXT, 0);
	cf_table_add_column(t, "numerator", CF_CELL_REAL, 1);
	cf_table_add_column(t, "denominator", CF_CELL_REAL, 1);
	cf_table_add_column(t, "value", CF_CELL_REAL, 1);
	cf_table_add_column(t, "unit", CF_CELL_TEXT, 0);
	cf_table_add_column(t, "suppressed", CF_CELL_BOOL, 0);
	for (int p = 0; p < r->nperiods; p++)
		for (int id = 0; id < K_N; id++) {
			if (r->omitted[id])
				continue;
			const struct kpi_def *def = &kpi_defs[id];
			for (int g = 0; g < r->ngroups; g++) {
				if (!r->group_used[g] || (g > 0 && def->flags & KPI_F_LA_ONLY))
					continue;
				const struct kpi_cell *c = kpi_result_cell(r, p, id, g);
				long row = cf_table_add_row(t);
				if (row < 0 || cf_table_set_text(t, (size_t)row, 0, def->id) ||
				    cf_table_set_text(t, (size_t)row, 1, r->periods[p].label) ||
				    cf_table_set_text(t, (size_t)row, 2, g == 0 ? "all" : kpi_dim_names[r->by]) ||
				    cf_table_set_text(t, (size_t)row, 3, r->groups[g]) ||
				    cf_table_set_text(t, (size_t)row, 7, kpi_unit_names[def->unit])) {
					cf_table_free(t);
					return cf_error_set(err, CF_EIO, "out of memory");
				}
				if (c->has_num && !c->num_hidden)
					set_number(t, (size_t)row, 4, c->num);
				if (c->has_den && !c->den_hidden)
					set_number(t, (size_t)row, 5, c->den);
				if (c->has_value && !c->suppressed)
					cf_table_set_real(t, (size_t)row, 6, c->value);
				cf_table_set_bool(t, (size_t)row, 8, c->suppressed);
			}
		}
	*out = t;
	return CF_OK;
}
