/* The family programmes (Troubled Families, Supporting Families): each
 * family's headline needs from its partners' records, eligibility, the
 * outcome test for each need (progress sustained six months), claims by
 * quarter with the records that meet each test. Rules: sf_rules.c. A
 * record is the family's when it names the family, or a person or child
 * who is its member on the record's date. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "families/families_int.h"
#include "families/sf_rules.h"

static cf_date ymd(long v) { return cf_date_from_ymd((int)(v / 10000), (int)(v / 100 % 100), (int)(v % 100)); }

/* The rule of phase ph that reads record r, or NULL. */
static const struct sf_measure *rule_of(const struct sf_phase *ph, const struct partner *r)
{
	for (int k = 0; k < ph->nmeasures; k++)
		if (r->measure && !strcmp(ph->measures[k].measure, r->measure))
			return &ph->measures[k];
	return NULL;
}

/* 1 a problem, 0 progress, -1 neither (a value that cannot be read). */
static int problem(const struct sf_measure *m, const struct partner *r)
{
	switch (m->test) {
	case SF_EVENT: return !r->has_value || r->value != 0;
	case SF_FLAG: return r->has_value ? r->value != 0 : -1;
	case SF_BELOW: return r->has_value ? r->value < m->threshold : -1;
	}
	return -1;
}

struct need_state {
	cf_date identified;       /* the first problem record in the window, CF_DATE_NONE when none */
	const char *identified_by;
	int problems_in_plan;     /* problem records on or after the plan's start */
	cf_date since;            /* progress counted from: the plan's start, or the day after its last problem */
	int progress;             /* progress records from `since` on */
	int needs_progress;       /* an event measure's absence is progress; a flag or level must show it */
	cf_date achieved;         /* since + months_sustained, when on or before the last day; else NONE */
};

static void quarter_label(cf_date d, char out[16])
{
	int y, m, dd;
	cf_date_to_ymd(d, &y, &m, &dd);
	int fy = m >= 4 ? y : y - 1, q = m >= 4 ? (m - 4) / 3 + 1 : 4;
	snprintf(out, 16, "%d-%02dQ%d", fy, (fy + 1) % 100, q);
}

static int add_text(struct cf_table *t, long r, int c, const char *s) { return cf_table_set_text(t, (size_t)r, c, s); }

static void set_date(struct cf_table *t, long r, int c, cf_date d)
{
	char buf[11];
	if (d == CF_DATE_NONE)
		return;
	cf_date_format(d, buf);
	cf_table_set_text(t, (size_t)r, c, buf);
}

static int add_columns(struct cf_table *t, const char *const *names, const enum cf_cell_type *types, int n)
{
	for (int c = 0; c < n; c++)
		if (cf_table_add_column(t, names[c], types[c], 0) < 0)
			return -1;
	return 0;
}

/* One family's plan in phase ph, assessed on day d: its rows of sf_needs
 * and sf_families. Returns -1 on OOM; *claim the claim's date or NONE,
 * *eligible. */
static int assess(const struct extracts *x, const struct sf_phase *ph, const struct plan *p, cf_date d,
		  struct families_result *out, int *eligible, cf_date *claim)
{
	struct need_state ns[16];
	int nn = ph->nneeds < 16 ? ph->nneeds : 16;
	for (int n = 0; n < nn; n++)
		ns[n] = (struct need_state){ CF_DATE_NONE, NULL, 0, p->start, 0, 0, CF_DATE_NONE };
	cf_date window = cf_date_add_months(p->start, -ph->months_before_plan);
	/* the records in date order: partner_records are read in file order, so
	 * walk the days by picking the earliest unread each time */
	size_t nrec = 0, first, nfam = index_range(&x->pr_family, p->family, &first);
	const struct partner **recs = malloc((nfam ? nfam : 1) * sizeof *recs);
	if (!recs)
		return -1;
	for (size_t k = first; k < first + nfam; k++) {
		const struct partner *r = &x->pr[x->pr_family.k[k].at];
		if (r->date != CF_DATE_NONE && r->date >= window && r->date <= d && rule_of(ph, r))
			recs[nrec++] = r;
	}
	for (size_t i = 1; i < nrec; i++)   /* insertion sort by date, stable */
		for (size_t j = i; j > 0 && recs[j - 1]->date > recs[j]->date; j--) {
			const struct partner *t = recs[j];
			recs[j] = recs[j - 1];
			recs[j - 1] = t;
		}
	for (size_t i = 0; i < nrec; i++) {
		const struct sf_measure *m = rule_of(ph, recs[i]);
		struct need_state *s = &ns[m->need];
		int pb = problem(m, recs[i]);
		s->needs_progress |= m->test != SF_EVENT;
		if (pb == 1) {
			if (s->identified == CF_DATE_NONE) {
				s->identified = recs[i]->date;
				s->identified_by = recs[i]->measure;
			}
			if (recs[i]->date >= p->start) {
				s->problems_in_plan++;
				s->since = recs[i]->date + 1;   /* a relapse starts the six months again */
				s->progress = 0;
			}
		} else if (pb == 0 && recs[i]->date >= s->since)
			s->progress++;
	}
	free(recs);
	int needs = 0, achieved = 0;
	cf_date last = CF_DATE_NONE;
	for (int n = 0; n < nn; n++) {
		struct need_state *s = &ns[n];
		if (s->identified == CF_DATE_NONE)
			continue;
		needs++;
		cf_date due = cf_date_add_months(s->since, ph->months_sustained);
		if (due <= d && (!s->needs_progress || s->progress > 0)) {
			s->achieved = due;
			achieved++;
			if (last == CF_DATE_NONE || due > last)
				last = due;
		}
		struct cf_table *t = out->sf_needs;
		long r = cf_table_add_row(t);
		if (r < 0 || add_text(t, r, 0, p->family) || add_text(t, r, 1, ph->id) || add_text(t, r, 2, ph->needs[n]) ||
		    add_text(t, r, 3, s->identified_by))
			return -1;
		set_date(t, r, 4, s->identified);
		cf_table_set_int(t, (size_t)r, 5, s->problems_in_plan);
		set_date(t, r, 6, s->since);
		cf_table_set_int(t, (size_t)r, 7, s->progress);
		set_date(t, r, 8, s->achieved);
	}
	*eligible = needs >= ph->min_needs;
	int lead_ok = !ph->needs_lead_and_assessment || (p->lead && p->assessed != CF_DATE_NONE);
	*claim = CF_DATE_NONE;
	const char *why;
	if (!*eligible)
		why = "not eligible: too few needs";
	else if (!lead_ok)
		why = "no lead practitioner or whole-family assessment";
	else if (achieved == needs) {
		*claim = last;
		why = "every need sustained";
	} else if (ph->work_need >= 0 && ph->work_need < nn && ns[ph->work_need].achieved != CF_DATE_NONE) {
		*claim = ns[ph->work_need].achieved;
		why = "continuous employment";
	} else
		why = "outstanding: a need not yet sustained";
	struct cf_table *t = out->sf_families;
	long r = cf_table_add_row(t);
	if (r < 0 || add_text(t, r, 0, p->family) || add_text(t, r, 1, ph->id))
		return -1;
	set_date(t, r, 2, p->start);
	cf_table_set_int(t, (size_t)r, 3, needs);
	cf_table_set_bool(t, (size_t)r, 4, *eligible);
	cf_table_set_bool(t, (size_t)r, 5, lead_ok);
	cf_table_set_int(t, (size_t)r, 6, achieved);
	if (*claim != CF_DATE_NONE) {
		char q[16];
		quarter_label(*claim, q);
		set_date(t, r, 7, *claim);
		if (add_text(t, r, 8, q))
			return -1;
	}
	return add_text(t, r, 9, why);
}

/* The claims ledger of one phase: counts by quarter ("2024-25Q2"). */
enum { L_DUE, L_MADE, L_DUE_NOT_MADE, L_MADE_NOT_DUE, L_N };
struct ledger {
	char quarter[64][16];
	int n[64][L_N];
	int nq;
};

/* The counts of d's quarter, added when new; NULL past 64 quarters. */
static int *ledger_quarter(struct ledger *l, cf_date d)
{
	char q[16];
	quarter_label(d, q);
	int at = 0;
	while (at < l->nq && strcmp(l->quarter[at], q))
		at++;
	if (at == l->nq) {
		if (l->nq == 64)
			return NULL;
		memcpy(l->quarter[at], q, sizeof q);
		memset(l->n[at], 0, sizeof l->n[at]);
		l->nq++;
	}
	return l->n[at];
}

static void ledger_sort(struct ledger *l)
{
	for (int i = 1; i < l->nq; i++)
		for (int j = i; j > 0 && strcmp(l->quarter[j - 1], l->quarter[j]) > 0; j--) {
			char tq[16];
			int tn[L_N];
			memcpy(tq, l->quarter[j], 16);
			memcpy(l->quarter[j], l->quarter[j - 1], 16);
			memcpy(l->quarter[j - 1], tq, 16);
			memcpy(tn, l->n[j], sizeof tn);
			memcpy(l->n[j], l->n[j - 1], sizeof tn);
			memcpy(l->n[j - 1], tn, sizeof tn);
		}
}

/* The first day family claimed in phase by `to` (the sf_claims extract), or CF_DATE_NONE. */
static cf_date claim_made(const struct extracts *x, const char *family, const char *phase, cf_date to)
{
	cf_date first = CF_DATE_NONE;
	for (size_t i = 0; i < x->ncl; i++) {
		const struct claim *c = &x->cl[i];
		if (families_same(c->family, family) && families_same(c->phase, phase) && c->date != CF_DATE_NONE &&
		    c->date <= to && (first == CF_DATE_NONE || c->date < first))
			first = c->date;
	}
	return first;
}

int supporting_tables(const struct extracts *x, const struct families_options *o, struct families_result *out)
{
	static const char *const fcols[] = { "family_id", "phase", "plan_start", "needs", "eligible",
					     "lead_and_assessment", "needs_sustained", "claim_date", "claim_quarter", "why" };
	static const enum cf_cell_type ftypes[] = { CF_CELL_TEXT, CF_CELL_TEXT, CF_CELL_TEXT, CF_CELL_INT, CF_CELL_BOOL,
						    CF_CELL_BOOL, CF_CELL_INT, CF_CELL_TEXT, CF_CELL_TEXT, CF_CELL_TEXT };
	static const char *const ncols[] = { "family_id", "phase", "need", "identified_by", "identified_on",
					     "problems_in_plan", "progress_from", "progress_records", "sustained_on" };
	static const enum cf_cell_type ntypes[] = { CF_CELL_TEXT, CF_CELL_TEXT, CF_CELL_TEXT, CF_CELL_TEXT, CF_CELL_TEXT,
						    CF_CELL_INT, CF_CELL_TEXT, CF_CELL_INT, CF_CELL_TEXT };
	static const char *const ccols[] = { "phase", "quarter", "claims_due", "claims_made", "due_not_made",
					     "made_not_due", "eligible_outstanding" };
	static const enum cf_cell_type ctypes[] = { CF_CELL_TEXT, CF_CELL_TEXT, CF_CELL_INT, CF_CELL_INT, CF_CELL_INT,
						    CF_CELL_INT, CF_CELL_INT };
	out->sf_families = cf_table_new("sf_families");
	out->sf_needs = cf_table_new("sf_needs");
	out->sf_claims = cf_table_new("sf_claims");
	if (!out->sf_families || !out->sf_needs || !out->sf_claims || add_columns(out->sf_families, fcols, ftypes, 10) ||
	    add_columns(out->sf_needs, ncols, ntypes, 9) || add_columns(out->sf_claims, ccols, ctypes, 7))
		return -1;
	const char **due_families = malloc((x->np ? x->np : 1) * sizeof *due_families);
	if (!due_families)
		return -1;
	int rc = 0;
	for (int k = 0; k < sf_nphases && !rc; k++) {
		const struct sf_phase *ph = &sf_phases[k];
		cf_date from = ymd(ph->plans_from), to = ymd(ph->plans_to);
		/* the ledger by quarter: claims due (the day every need was
		 * sustained), made (the sf_claims extract, by the day claimed),
		 * due and not made, made and not found due; eligible families
		 * whose needs are not yet sustained counted on the last day */
		struct ledger ld = { .nq = 0 };
		int outstanding = 0;
		size_t ndue = 0;
		for (size_t i = 0; i < x->np && !rc; i++) {
			const struct plan *p = &x->p[i];
			if (p->start == CF_DATE_NONE || p->start < from || p->start > to || p->start > o->to)
				continue;
			/* a family's first plan in the phase (in file order) is the one assessed */
			size_t f0, nf = index_range(&x->p_family, p->family, &f0);
			int first = 1;
			for (size_t j = f0; j < f0 + nf && first; j++) {
				const struct plan *q = &x->p[x->p_family.k[j].at];
				first = !(x->p_family.k[j].at < i && q->start >= from && q->start <= to);
			}
			if (!first)
				continue;
			int eligible;
			cf_date claim;
			if (assess(x, ph, p, o->to, out, &eligible, &claim)) {
				rc = -1;
				break;
			}
			if (eligible && claim == CF_DATE_NONE)
				outstanding++;
			if (claim == CF_DATE_NONE)
				continue;
			due_families[ndue++] = p->family;
			int *q = ledger_quarter(&ld, claim);
			if (q) {
				q[L_DUE]++;
				q[L_DUE_NOT_MADE] += claim_made(x, p->family, ph->id, o->to) == CF_DATE_NONE;
			}
		}
		for (size_t i = 0; i < x->ncl && !rc; i++) {
			const struct claim *c = &x->cl[i];
			if (!families_same(c->phase, ph->id) || c->date == CF_DATE_NONE || c->date > o->to)
				continue;
			int *q = ledger_quarter(&ld, c->date);
			if (!q)
				continue;
			q[L_MADE]++;
			int found = 0;
			for (size_t j = 0; j < ndue && !found; j++)
				found = families_same(due_families[j], c->family);
			q[L_MADE_NOT_DUE] += !found;
		}
		if (rc)
			break;
		ledger_sort(&ld);
		struct cf_table *t = out->sf_claims;
		for (int i = 0; i < ld.nq && !rc; i++) {
			long r = cf_table_add_row(t);
			if (r < 0 || add_text(t, r, 0, ph->id) || add_text(t, r, 1, ld.quarter[i])) {
				rc = -1;
				break;
			}
			for (int c = 0; c < L_N; c++)
				cf_table_set_int(t, (size_t)r, 2 + c, ld.n[i][c]);
		}
		long r = rc ? -1 : cf_table_add_row(t);
		if (r < 0 || add_text(t, r, 0, ph->id) || add_text(t, r, 1, "outstanding"))
			rc = -1;
		else
			cf_table_set_int(t, (size_t)r, 6, outstanding);
	}
	free(due_families);
	return rc;
}
