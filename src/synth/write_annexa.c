/* The synthetic authority's Annex A: per collection year, the workbook of
 * Ofsted's ILACS child-level lists (List 1 ... List 11) as the council would
 * give it for an inspection on 31 March, from the same simulated records as
 * the CIN census and the SSDA903 return (docs/synth.md: which records each
 * list holds). Headers and values are spelt as Annex_A_schema.yml gives
 * Ofsted's template; dates are Excel dates; names are never written. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "formats/annexa_write.h"
#include "synth/rng.h"
#include "synth/synth.h"
#include "synth/write.h"

#define NONE CF_DATE_NONE
#define LABEL annexa_label

static const char *yes_no(int yes) { return yes ? "a) Yes" : "b) No"; }

/* --- writing cells ------------------------------------------------------------ */

struct ax_out {
	const struct synth_world *w;
	struct annexa_writer aw;
	int fy, census;           /* collection year (2023 for 2023-24); census year 2024 */
	cf_date from, to;         /* the collection year: the inspection falls on `to` */
	cf_date six;              /* the first day of the six months before `to` */
};

/* Start the next row of list l (1..11). */
static lxw_row_t next_row(struct ax_out *o, int l)
{
	return annexa_writer_next(&o->aw, l);
}

static void text(struct ax_out *o, int l, lxw_row_t r, int col, const char *s)
{
	annexa_writer_text(&o->aw, l, r, col, s);
}

static void number(struct ax_out *o, int l, lxw_row_t r, int col, long v)
{
	annexa_writer_number(&o->aw, l, r, col, (double)v);
}

/* Dates after the inspection are not known yet and stay blank. */
static void date(struct ax_out *o, int l, lxw_row_t r, int col, cf_date d)
{
	if (d != NONE && d <= o->to)
		annexa_writer_date(&o->aw, l, r, col, d);
}

/* Child Unique ID, Gender, Ethnicity, Date of Birth, Age (on 31 March). */
static int person(struct ax_out *o, int l, lxw_row_t r, const struct syn_child *c)
{
	char id[16];
	snprintf(id, sizeof id, "%d", c->id);
	text(o, l, r, 0, id);
	text(o, l, r, 1, c->sex == 1 ? "a) Male" : "b) Female");
	text(o, l, r, 2, LABEL(AXC_ETHNIC, synth_ethnic_codes[c->ethnic]));
	date(o, l, r, 3, c->dob);
	if (c->dob <= o->to)
		number(o, l, r, 4, cf_date_age(c->dob, o->to));
	return 5;
}

/* The team holding the child's case: teams are named after places and
 * services, never after people. */
static void team(struct ax_out *o, int l, lxw_row_t r, int col, const struct syn_child *c, const char *service)
{
	const struct synth_world *w = o->w;
	int loc = w->sectors[w->families[c->family].sector].locality;
	char buf[64];
	if (loc >= 0 && loc < w->nlocalities)
		snprintf(buf, sizeof buf, "%s %s", w->localities[loc].name, service);
	else
		snprintf(buf, sizeof buf, "%s", service);
	text(o, l, r, col, buf);
}

/* A stream for the facts Annex A holds that no other return does (visits,
 * checks): per child, year and list, apart from the simulation's streams. */
static void stream(const struct ax_out *o, struct cf_rng *r, int ci, int l)
{
	syn_rng_seed(r, o->w->opt.seed,
		     (5ULL << 56) | ((uint64_t)(unsigned)l << 48) | ((uint64_t)(unsigned)o->fy << 32) | (uint64_t)(unsigned)ci);
}

/* A day up to `days` before d, but not before floor (else NONE). */
static cf_date before(struct cf_rng *r, cf_date d, int days, cf_date floor)
{
	cf_date t = d - cf_rng_range(r, 0, days);
	return t >= floor ? t : NONE;
}

static int open_in(cf_date start, cf_date end, cf_date from, cf_date to)
{
	return start <= to && (end == NONE || end >= from);
}

/* --- the lists --------------------------------------------------------------- */

/* The source code as that year's CIN census spells it (5D from 2022-23). */
static const char *source_label(const struct ax_out *o, int source)
{
	const char *code = synth_source_codes[source];
	return LABEL(AXC_SOURCE, o->census < 2023 && !strcmp(code, "5D") ? "5C" : code);
}

/* List 1: contacts in the six months. */
static void list1(struct ax_out *o, const struct syn_child *c)
{
	for (int k = 0; k < c->ncontacts; k++) {
		const struct syn_contact *x = &o->w->contacts[c->contact0 + k];
		if (x->date < o->six || x->date > o->to)
			continue;
		lxw_row_t r = next_row(o, 1);
		int col = person(o, 1, r, c);
		date(o, 1, r, col++, x->date);
		text(o, 1, r, col, source_label(o, x->source));
	}
}

/* List 2: early help open at any time in the six months (the episode's
 * start and end stand for the assessment's, as in early_help.csv). */
static void list2(struct ax_out *o)
{
	const struct synth_world *w = o->w;
	for (size_t i = 0; i < w->n_early_help; i++) {
		const struct syn_early_help *e = &w->early_help[i];
		if (!open_in(e->start, e->end, o->six, o->to))
			continue;
		lxw_row_t r = next_row(o, 2);
		int col = person(o, 2, r, &w->children[e->child]);
		date(o, 2, r, col++, e->start);
		date(o, 2, r, col++, e->end);
		text(o, 2, r, col, synth_eh_leads[e->lead]);
	}
}

/* List 3: referrals in the six months; the count is of the child's earlier
 * referrals in the 12 months before this one (DfE's re-referral window). */
static void list3(struct ax_out *o, const struct syn_child *c)
{
	const struct synth_world *w = o->w;
	for (int k = 0; k < c->nreferrals; k++) {
		const struct syn_referral *x = &w->referrals[c->referral0 + k];
		if (x->date < o->six || x->date > o->to)
			continue;
		cf_date year_before = cf_date_add_months(x->date, -12);
		long earlier = 0;
		for (int j = 0; j < k; j++) {
			cf_date d = w->referrals[c->referral0 + j].date;
			earlier += d >= year_before && d < x->date;
		}
		lxw_row_t r = next_row(o, 3);
		int col = person(o, 3, r, c);
		date(o, 3, r, col++, x->date);
		text(o, 3, r, col++, source_label(o, x->source));
		text(o, 3, r, col++, yes_no(x->nfa));
		number(o, 3, r, col++, earlier);
		team(o, 3, r, col, c, "Assessment Team");
	}
}

/* List 4: assessments open at any time in the six months. */
static void list4(struct ax_out *o, const struct syn_child *c, int ci)
{
	const struct synth_world *w = o->w;
	struct cf_rng rng;
	stream(o, &rng, ci, 4);
	for (int k = 0; k < c->nreferrals; k++) {
		const struct syn_referral *ref = &w->referrals[c->referral0 + k];
		for (int a = 0; a < ref->nassess; a++) {
			const struct syn_assessment *x = &w->assessments[ref->assess0 + a];
			int seen = cf_rng_chance(&rng, 0.96);
			if (!open_in(x->start, x->authorised, o->six, o->to))
				continue;
			lxw_row_t r = next_row(o, 4);
			int col = person(o, 4, r, c);
			text(o, 4, r, col++, yes_no(c->disability != 0));
			date(o, 4, r, col++, x->start);
			text(o, 4, r, col++, yes_no(seen));
			date(o, 4, r, col++, x->authorised);
			if (x->authorised != NONE && x->authorised <= o->to)
				text(o, 4, r, col, yes_no(ref->need >= 1 && ref->need <= 8));
			col++;
			team(o, 4, r, col, c, "Assessment Team");
		}
	}
}

/* List 5: section 47 enquiries starting in the six months; the counts are
 * of the child's earlier enquiries and conferences in the 12 months before. */
static void list5(struct ax_out *o, const struct syn_child *c)
{
	const struct synth_world *w = o->w;
	for (int k = 0; k < c->nreferrals; k++) {
		const struct syn_referral *ref = &w->referrals[c->referral0 + k];
		for (int q = 0; q < ref->ns47; q++) {
			const struct syn_s47 *x = &w->s47s[ref->s470 + q];
			if (x->start < o->six || x->start > o->to)
				continue;
			cf_date year_before = cf_date_add_months(x->start, -12);
			long s47s = 0, icpcs = 0;
			for (int j = 0; j < c->nreferrals; j++) {
				const struct syn_referral *rj = &w->referrals[c->referral0 + j];
				for (int p = 0; p < rj->ns47; p++) {
					const struct syn_s47 *y = &w->s47s[rj->s470 + p];
					s47s += y->start >= year_before && y->start < x->start;
					icpcs += y->icpc != NONE && y->icpc >= year_before && y->icpc < x->start;
				}
			}
			int held = x->icpc != NONE && x->icpc <= o->to, plan = 0;
			for (int p = 0; held && p < ref->ncpps; p++)
				plan |= w->cpps[ref->cpp0 + p].start == x->icpc;
			lxw_row_t r = next_row(o, 5);
			int col = person(o, 5, r, c);
			text(o, 5, r, col++, yes_no(c->disability != 0));
			date(o, 5, r, col++, x->start);
			text(o, 5, r, col++, yes_no(x->icpc_not_required));
			date(o, 5, r, col++, x->icpc);
			if (held)
				text(o, 5, r, col, yes_no(plan));
			col++;
			number(o, 5, r, col++, s47s);
			number(o, 5, r, col++, icpcs);
			team(o, 5, r, col, c, "Assessment Team");
		}
	}
}

static int looked_after_on(const struct synth_world *w, const struct syn_child *c, cf_date d)
{
	for (int k = 0; k < c->nepisodes; k++) {
		const struct syn_episode *e = &w->episodes[c->episode0 + k];
		if (e->start <= d && (e->end == NONE || e->end > d))
			return 1;
	}
	return 0;
}

/* List 6: children in need: CIN episodes (referrals that were not NFA)
 * open at any time in the six months, with their status on 31 March. */
static void list6(struct ax_out *o, const struct syn_child *c, int ci)
{
	const struct synth_world *w = o->w;
	struct cf_rng rng;
	stream(o, &rng, ci, 6);
	for (int k = 0; k < c->nreferrals; k++) {
		const struct syn_referral *x = &w->referrals[c->referral0 + k];
		cf_date seen = before(&rng, x->closed != NONE && x->closed <= o->to ? x->closed : o->to, 28, x->date);
		if (x->nfa || !open_in(x->date, x->closed, o->six, o->to))
			continue;
		int closed = x->closed != NONE && x->closed <= o->to;
		const char *status = "e) Closed episode";
		if (!closed) {
			int cpp = 0, plan = 0, assessing = 0;
			for (int p = 0; p < x->ncpps; p++)
				cpp |= open_in(w->cpps[x->cpp0 + p].start, w->cpps[x->cpp0 + p].end, o->to + 1, o->to);
			for (int p = 0; p < x->ncinplans; p++)
				plan |= open_in(w->cinplans[x->cinplan0 + p].start, w->cinplans[x->cinplan0 + p].end, o->to + 1, o->to);
			for (int a = 0; a < x->nassess; a++)
				assessing |= open_in(w->assessments[x->assess0 + a].start, w->assessments[x->assess0 + a].authorised,
						     o->to + 1, o->to);
			status = looked_after_on(w, c, o->to) ? "a) Looked after child"
				 : cpp			       ? "b) Child Protection plan"
				 : assessing && !plan	       ? "d) Open assessment"
							       : "c) Child in need plan";
		}
		int rc = x->closure;
		if (o->census < 2023 && rc == 9)
			rc = 8;
		lxw_row_t r = next_row(o, 6);
		int col = person(o, 6, r, c);
		text(o, 6, r, col++, yes_no(c->disability != 0));
		date(o, 6, r, col++, x->date);
		text(o, 6, r, col++, LABEL(AXC_NEED, x->need ? synth_need_codes[x->need] : "N9"));
		date(o, 6, r, col++, seen);
		if (closed) {
			date(o, 6, r, col, x->closed);
			if (rc >= 1 && rc <= 9) {
				char code[8];
				snprintf(code, sizeof code, "RC%d", rc);
				text(o, 6, r, col + 1, LABEL(AXC_CLOSURE, code));
			}
		}
		col += 2;
		text(o, 6, r, col++, status);
		team(o, 6, r, col, c, closed ? "Assessment Team" : "Safeguarding Team");
	}
}

/* List 7: child protection plans open at any time in the six months. */
static void list7(struct ax_out *o, const struct syn_child *c, int ci)
{
	const struct synth_world *w = o->w;
	struct cf_rng rng;
	stream(o, &rng, ci, 7);
	for (int k = 0; k < c->nreferrals; k++) {
		const struct syn_referral *ref = &w->referrals[c->referral0 + k];
		for (int p = 0; p < ref->ncpps; p++) {
			const struct syn_cpp *x = &w->cpps[ref->cpp0 + p];
			int ended = x->end != NONE && x->end <= o->to;
			cf_date last = ended ? x->end : o->to;
			cf_date visit = before(&rng, last, 14, x->start);
			int alone = cf_rng_chance(&rng, 0.8) && cf_date_age(c->dob, last) >= 4;
			if (!open_in(x->start, x->end, o->six, o->to))
				continue;
			/* review conferences as in the CIN census: three months in, then six-monthly */
			cf_date review = NONE;
			for (cf_date rv = cf_date_add_months(x->start, 3) - 3; rv <= o->to && (x->end == NONE || rv < x->end);
			     rv = cf_date_add_months(rv, 6))
				review = rv;
			/* police protection or an EPO in the six months before the plan ended (or 31 March) */
			int epo = 0;
			for (int e = 0; e < c->nepisodes; e++) {
				const struct syn_episode *ep = &w->episodes[c->episode0 + e];
				epo |= ep->ls[0] == 'L' && ep->start <= last && ep->start > cf_date_add_months(last, -6);
			}
			lxw_row_t r = next_row(o, 7);
			int col = person(o, 7, r, c);
			text(o, 7, r, col++, yes_no(c->disability != 0));
			date(o, 7, r, col++, x->start);
			text(o, 7, r, col++, LABEL(AXC_ABUSE, synth_abuse_codes[x->initial_cat]));
			text(o, 7, r, col++, LABEL(AXC_ABUSE, synth_abuse_codes[x->latest_cat]));
			date(o, 7, r, col++, visit);
			if (visit != NONE)
				text(o, 7, r, col, yes_no(alone));
			col++;
			date(o, 7, r, col++, review);
			date(o, 7, r, col++, x->end);
			text(o, 7, r, col++, yes_no(epo));
			number(o, 7, r, col++, x->previous);
			team(o, 7, r, col, c, "Safeguarding Team");
		}
	}
}

/* The plan for a period of care: how it ended when it has (in the
 * simulation's whole span), else what the placement on day d says. */
static const char *permanence_plan(const struct synth_world *w, const struct syn_child *c, int first, cf_date d)
{
	int k = first;
	while (k + 1 < c->nepisodes && w->episodes[c->episode0 + k + 1].rne != 'S')
		k++;
	const struct syn_episode *end = &w->episodes[c->episode0 + k];
	if (end->end != NONE && end->rec[0]) {
		const char *rec = end->rec;
		if (!strcmp(rec, "E11") || !strcmp(rec, "E12"))
			return "b) Adoption";
		if (!strcmp(rec, "E41") || !strcmp(rec, "E45") || !strcmp(rec, "E46") || !strcmp(rec, "E47") ||
		    !strcmp(rec, "E48"))
			return "c) SGO/CAO";
		if (!strcmp(rec, "E4A") || !strcmp(rec, "E4B") || !strcmp(rec, "E13"))
			return "a) Return to family";
		if (!strcmp(rec, "E17"))
			return "f) Long-term fostering";
		if (!strcmp(rec, "E5") || !strcmp(rec, "E6"))
			return "d) Supported living in the community";
		return "g) Other";
	}
	const struct syn_episode *now = NULL;
	for (int j = first; j <= k; j++)
		if (w->episodes[c->episode0 + j].start <= d)
			now = &w->episodes[c->episode0 + j];
	if (!now)
		return "";
	const char *pl = now->place;
	if (!strcmp(now->ls, "E1") || pl[0] == 'A')
		return "b) Adoption";
	if (!strcmp(pl, "U1") || !strcmp(pl, "U4"))
		return "f) Long-term fostering";
	if (!strcmp(pl, "K1") || !strcmp(pl, "K2"))
		return "e) Long-term residential placement";
	if (!strcmp(pl, "H5") || !strcmp(pl, "K3"))
		return "d) Supported living in the community";
	if (!strcmp(pl, "P1"))
		return "a) Return to family";
	return d - w->episodes[c->episode0 + first].start > 365 ? "f) Long-term fostering" : "a) Return to family";
}

static int new_carer(char rne) { return rne == 'S' || rne == 'P' || rne == 'B'; }

/* List 8: children looked after at any time in the six months, one row
 * each, as their care stood on 31 March (or when it ceased). */
static void list8(struct ax_out *o, const struct syn_child *c, int ci)
{
	const struct synth_world *w = o->w;
	const struct syn_episode *eps = &w->episodes[c->episode0];
	int last = -1;
	for (int k = 0; k < c->nepisodes; k++)
		if (open_in(eps[k].start, eps[k].end, o->six, o->to))
			last = k;
	if (last < 0)
		return;
	struct cf_rng rng;
	stream(o, &rng, ci, 8);
	const struct syn_episode *e = &eps[last];
	int first = last, ls0 = last, place0 = last;
	while (first > 0 && eps[first].rne != 'S')
		first--;
	while (ls0 > first && !strcmp(eps[ls0 - 1].ls, e->ls))
		ls0--;
	while (place0 > first && !new_carer(eps[place0].rne))
		place0--;
	int ceased = e->end != NONE && e->end <= o->to;
	cf_date until = ceased ? e->end : o->to, start = eps[first].start;
	int again = first > 0 && eps[first - 1].end != NONE && eps[first - 1].end >= cf_date_add_months(start, -12);

	cf_date rv[128], review = NONE;
	int nrv = synth_review_dates(w, c, rv, 128);
	for (int i = 0; i < nrv; i++)
		if (rv[i] >= start && rv[i] <= until)
			review = rv[i];

	/* placements (carers) in the 12 months to 31 March */
	cf_date year_before = cf_date_add_months(o->to, -12);
	long placements = 0, missing = 0, absent = 0;
	int counted = 0;
	for (int k = 0; k < c->nepisodes; k++)
		if (open_in(eps[k].start, eps[k].end, year_before + 1, o->to) && (!counted++ || new_carer(eps[k].rne)))
			placements++;
	for (int k = 0; k < c->nmissing; k++) {
		const struct syn_missing *m = &w->missing[c->missing0 + k];
		if (m->start > year_before && m->start <= o->to) {
			missing += m->type == 'M';
			absent += m->type == 'A';
		}
	}
	cf_date sw_visit = before(&rng, until, 42, start), iro = before(&rng, until, 90, start),
		health = before(&rng, until, 330, start + 20), dental = before(&rng, until, 330, start + 20);
	int offered = cf_rng_chance(&rng, 0.9), accepted = cf_rng_chance(&rng, 0.6);

	lxw_row_t r = next_row(o, 8);
	char cin[3] = { 'N', (char)('0' + e->cin), 0 };
	int col = person(o, 8, r, c);
	text(o, 8, r, col++, yes_no(c->uasc));
	text(o, 8, r, col++, yes_no(c->disability != 0));
	date(o, 8, r, col++, start);
	text(o, 8, r, col++, LABEL(AXC_NEED, cin));
	text(o, 8, r, col++, yes_no(again));
	date(o, 8, r, col++, eps[ls0].start);
	text(o, 8, r, col++, LABEL(AXC_LEGAL, e->ls));
	date(o, 8, r, col++, review);
	date(o, 8, r, col++, sw_visit);
	text(o, 8, r, col++, permanence_plan(w, c, first, until));
	date(o, 8, r, col++, iro);
	date(o, 8, r, col++, health);
	date(o, 8, r, col++, dental);
	number(o, 8, r, col++, placements);
	if (ceased) {
		date(o, 8, r, col, e->end);
		text(o, 8, r, col + 1, LABEL(AXC_REASON_CEASED, e->rec));
	}
	col += 2;
	date(o, 8, r, col++, eps[place0].start);
	text(o, 8, r, col++, LABEL(AXC_PLACEMENT, e->place));
	if (e->provider[0])
		text(o, 8, r, col, LABEL(AXC_PROVIDER, e->provider));
	col++;
	text(o, 8, r, col++, e->pl_post);
	text(o, 8, r, col++, e->urn);
	if (e->pl_post[0])
		text(o, 8, r, col, !strncmp(e->pl_post, "XS", 2) ? "a) In" : "b) Out");
	col += 2;   /* LA of Placement: left blank, as no real authority is named */
	number(o, 8, r, col++, missing);
	number(o, 8, r, col++, absent);
	if (missing) {
		text(o, 8, r, col, yes_no(offered));
		text(o, 8, r, col + 1, yes_no(offered && accepted));
	}
	col += 2;
	text(o, 8, r, col, "Children in Care Team");
}

/* List 9: care leavers (left care at 16 or 17 after 13 weeks in care since
 * their 14th birthday) aged 16 to 21 on 31 March; OC3's in-touch,
 * activity and accommodation for the year. */
static void list9(struct ax_out *o, const struct syn_child *c, int ci)
{
	const struct synth_world *w = o->w;
	cf_date left = synth_care_leaver_since(w, c);
	if (left == NONE || left > o->to)
		return;
	int age = cf_date_age(c->dob, o->to);
	if (age < 16 || age > 21)
		return;
	struct synth_oc3 oc3;
	synth_oc3(w, ci, o->fy, age < 17 ? 17 : age, &oc3);
	int in_touch = !strcmp(oc3.in_touch, "YES") || !strcmp(oc3.in_touch, "RHOM");
	struct cf_rng rng;
	stream(o, &rng, ci, 9);
	cf_date pathway = before(&rng, o->to, 180, left), contact = before(&rng, o->to, 56, left);
	char accom[2] = { oc3.accom[0], 0 };

	lxw_row_t r = next_row(o, 9);
	int col = person(o, 9, r, c);
	text(o, 9, r, col++, yes_no(c->uasc));
	text(o, 9, r, col++, yes_no(c->disability != 0));
	text(o, 9, r, col, "Care Leavers Team");
	col += 3;   /* Allocated Worker and Personal Advisor: people's names, left blank */
	text(o, 9, r, col++, age >= 18 ? "b) Former relevant child" : "a) Relevant child");
	date(o, 9, r, col++, pathway);
	text(o, 9, r, col++, LABEL(AXC_IN_TOUCH, oc3.in_touch));
	if (in_touch)
		date(o, 9, r, col, contact);
	col++;
	if (accom[0]) {
		text(o, 9, r, col, LABEL(AXC_ACCOMMODATION, accom));
		text(o, 9, r, col + 1, oc3.accom[1] == '1' ? "a) Suitable" : "b) Unsuitable");
	}
	col += 2;
	if (oc3.activ[0])
		text(o, 9, r, col, LABEL(AXC_ACTIVITY, oc3.activ));
}

/* The first episode of the period of care that holds day d, or -1. */
static int period_start(const struct synth_world *w, const struct syn_child *c, cf_date d)
{
	int first = -1;
	for (int k = 0; k < c->nepisodes && w->episodes[c->episode0 + k].start <= d; k++)
		if (w->episodes[c->episode0 + k].rne == 'S')
			first = k;
	return first;
}

/* List 10: children whose adoption decision was in force at any time in
 * the twelve months while they were looked after (the SSDA903's placed
 * for adoption rows). */
static void list10(struct ax_out *o, const struct syn_child *c)
{
	const struct synth_world *w = o->w;
	if (!c->nadoptions)
		return;
	const struct syn_adoption *ad = &w->adoptions[c->adoption0 + c->nadoptions - 1];
	int looked_after = 0;
	for (int k = 0; k < c->nepisodes; k++)
		looked_after |= open_in(w->episodes[c->episode0 + k].start, w->episodes[c->episode0 + k].end, o->from, o->to);
	if (!looked_after || ad->decision > o->to || (ad->reversed != NONE && ad->reversed < o->from) ||
	    (ad->adopted != NONE && ad->adopted < o->from))
		return;
	int first = period_start(w, c, ad->decision);
	cf_date entered = first >= 0 ? w->episodes[c->episode0 + first].start : NONE, order = NONE;
	for (int k = first < 0 ? c->nepisodes : first; k < c->nepisodes && order == NONE; k++) {
		const struct syn_episode *e = &w->episodes[c->episode0 + k];
		if (k > first && e->rne == 'S')
			break;
		if (!strcmp(e->ls, "E1"))
			order = e->start;
	}
	lxw_row_t r = next_row(o, 10);
	char id[16];
	snprintf(id, sizeof id, "%d", c->id);
	text(o, 10, r, 0, id);
	text(o, 10, r, 2, c->sex == 1 ? "a) Male" : "b) Female");
	text(o, 10, r, 3, LABEL(AXC_ETHNIC, synth_ethnic_codes[c->ethnic]));
	date(o, 10, r, 4, c->dob);
	number(o, 10, r, 5, cf_date_age(c->dob, o->to));
	text(o, 10, r, 6, yes_no(c->disability != 0));
	date(o, 10, r, 7, entered);
	date(o, 10, r, 8, ad->decision);
	date(o, 10, r, 9, order);
	date(o, 10, r, 10, ad->match);
	date(o, 10, r, 11, ad->placed);
	date(o, 10, r, 12, ad->adopted);
	date(o, 10, r, 13, ad->reversed);
	if (ad->reversed != NONE && ad->reversed <= o->to) {
		char code[8];
		snprintf(code, sizeof code, "RD%d", ad->reverse_reason >= 1 && ad->reverse_reason <= 4 ? ad->reverse_reason : 4);
		text(o, 10, r, 14, LABEL(AXC_REVERSAL, code));
	}
}

/* List 11: the adopters of children matched, placed or adopted in the
 * twelve months, one row per adopter. Their journey through assessment
 * is drawn back from the match; adopters who left the process are not
 * simulated. */
static void list11(struct ax_out *o, const struct syn_child *c, int ci)
{
	const struct synth_world *w = o->w;
	for (int a = 0; a < c->nadoptions; a++) {
		const struct syn_adoption *ad = &w->adoptions[c->adoption0 + a];
		if (ad->match == NONE || ad->match > o->to)
			continue;
		int active = ad->match >= o->from || (ad->placed != NONE && ad->placed >= o->from && ad->placed <= o->to) ||
			     (ad->adopted != NONE && ad->adopted >= o->from && ad->adopted <= o->to);
		if (!active)
			continue;
		struct cf_rng rng;
		/* the same family the same each year: a stream of its own, not the year's */
		syn_rng_seed(&rng, w->opt.seed, (7ULL << 56) | ((uint64_t)(unsigned)a << 32) | (uint64_t)(unsigned)ci);
		cf_date approved = ad->match - cf_rng_range(&rng, 30, 240);
		cf_date s2_end = approved - cf_rng_range(&rng, 7, 28);
		cf_date s2_start = s2_end - cf_rng_range(&rng, 100, 130);
		cf_date s1_end = s2_start - cf_rng_range(&rng, 0, 30);
		cf_date s1_start = s1_end - cf_rng_range(&rng, 55, 65);
		cf_date enquiry = s1_start - cf_rng_range(&rng, 7, 60);
		static const double eth_w[] = { 80, 2, 5, 2, 4, 3, 2, 2 };
		static const char *const eth[] = { "a) WBRI", "b) WIRI", "d) WOTH", "i) MOTH", "j) AIND", "n) BCRB",
						   "o) BAFR", "r) OOTH" };
		long family = 500000 + (long)((ci * 7919L + a * 104729L + (long)(w->opt.seed % 1000)) % 400000);
		int nadopters = ad->nb_adopters == 2 ? 2 : 1;
		for (int k = 0; k < nadopters; k++) {
			char id[16], fam[16];
			snprintf(id, sizeof id, "AD%07ld", family * 2 + k);
			snprintf(fam, sizeof fam, "AF%06ld", family);
			/* SEX_ADOPTR: M1/F1 one adopter, MM/FF/MF a couple */
			char s = ad->sex_adopters[nadopters == 2 ? k : 0];
			lxw_row_t r = next_row(o, 11);
			text(o, 11, r, 0, id);
			text(o, 11, r, 1, fam);
			text(o, 11, r, 2, s == 'M' ? "a) Male" : s == 'F' ? "b) Female" : "c) Not stated/recorded");
			text(o, 11, r, 3, eth[cf_rng_pick(&rng, eth_w, 8)]);
			text(o, 11, r, 4, yes_no(cf_rng_chance(&rng, 0.04)));
			text(o, 11, r, 5, ad->foster_carer ? "Yes" : "No");
			date(o, 11, r, 6, enquiry);
			date(o, 11, r, 7, s1_start);
			date(o, 11, r, 8, s1_end);
			date(o, 11, r, 9, s2_start);
			date(o, 11, r, 10, s2_end);
			date(o, 11, r, 11, s2_start);
			date(o, 11, r, 12, approved);
			date(o, 11, r, 13, ad->match);
			date(o, 11, r, 14, ad->placed);
			if (ad->placed != NONE && ad->placed <= o->to)
				number(o, 11, r, 15, 1);
			date(o, 11, r, 16, ad->adopted);
		}
	}
}

/* --- the workbook ------------------------------------------------------------ */

static int write_year(const struct synth_world *w, const char *dir, int fy, struct cf_error *err)
{
	char ydir[4096], path[4200], yname[8];
	synth_year_name(fy, yname);
	snprintf(ydir, sizeof ydir, "%s/%s", dir, yname);
	int rc = dir_make(ydir, err);
	if (rc)
		return rc;
	snprintf(path, sizeof path, "%s/annex_a.xlsx", ydir);
	struct ax_out o;
	memset(&o, 0, sizeof o);
	o.w = w;
	o.fy = fy;
	o.census = fy + 1;
	synth_year_bounds(w, fy, &o.from, &o.to);
	o.six = cf_date_add_months(o.to + 1, -6);
	/* a fixed creation time (9am on the day after the year ends) so that the
	 * same seed gives the same bytes */
	struct annexa_head head = { "caseflow synth", "Synthetic data: no real child is described",
				    (time_t)(o.to + 1) * 86400 + 9 * 3600 };
	if ((rc = annexa_writer_open(&o.aw, path, &head, err)))
		return rc;
	for (size_t i = 0; i < w->n_children && o.aw.failed == LXW_NO_ERROR; i++)
		list1(&o, &w->children[i]);
	if (o.aw.failed == LXW_NO_ERROR)
		list2(&o);
	for (size_t i = 0; i < w->n_children && o.aw.failed == LXW_NO_ERROR; i++)
		list3(&o, &w->children[i]);
	for (size_t i = 0; i < w->n_children && o.aw.failed == LXW_NO_ERROR; i++)
		list4(&o, &w->children[i], (int)i);
	for (size_t i = 0; i < w->n_children && o.aw.failed == LXW_NO_ERROR; i++)
		list5(&o, &w->children[i]);
	for (size_t i = 0; i < w->n_children && o.aw.failed == LXW_NO_ERROR; i++)
		list6(&o, &w->children[i], (int)i);
	for (size_t i = 0; i < w->n_children && o.aw.failed == LXW_NO_ERROR; i++)
		list7(&o, &w->children[i], (int)i);
	for (size_t i = 0; i < w->n_children && o.aw.failed == LXW_NO_ERROR; i++)
		list8(&o, &w->children[i], (int)i);
	for (size_t i = 0; i < w->n_children && o.aw.failed == LXW_NO_ERROR; i++)
		list9(&o, &w->children[i], (int)i);
	for (size_t i = 0; i < w->n_children && o.aw.failed == LXW_NO_ERROR; i++)
		list10(&o, &w->children[i]);
	for (size_t i = 0; i < w->n_children && o.aw.failed == LXW_NO_ERROR; i++)
		list11(&o, &w->children[i], (int)i);
	return annexa_writer_close(&o.aw, err);
}

int synth_write_annexa(const struct synth_world *w, const char *dir, struct cf_error *err)
{
	int rc = CF_OK;
	for (int k = 0; k < w->opt.years && !rc; k++)
		rc = write_year(w, dir, w->opt.first_year + k, err);
	return rc;
}
