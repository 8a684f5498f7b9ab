/* What the synthetic authority holds, year by year, in DfE's definitions:
 * printed by `caseflow synth` and used by tests to check the simulation
 * stays near England's published rates. */
#include "synth/synth.h"

#include <string.h>

#define NONE CF_DATE_NONE

static int open_on(cf_date start, cf_date end, cf_date d) { return start <= d && (end == NONE || end > d); }

/* Children aged 0-17 living in the authority on day d. */
static long population_on(const struct synth_world *w, cf_date d)
{
	long n = 0;
	for (size_t i = 0; i < w->n_children; i++) {
		const struct syn_child *c = &w->children[i];
		const struct syn_family *f = &w->families[c->family];
		if (c->uasc || c->dob > d || f->arrive > d || (f->leave != NONE && f->leave <= d))
			continue;
		if (cf_date_age(c->dob, d) < 18)
			n++;
	}
	return n;
}

int synth_year_stats(const struct synth_world *w, int fy, struct synth_year_stats *s)
{
	memset(s, 0, sizeof *s);
	cf_date from = cf_date_fy_start(fy), to = cf_date_fy_end(fy);
	s->fy = fy;
	s->population = population_on(w, cf_date_from_ymd(fy, 6, 30));
	for (size_t i = 0; i < w->n_contacts; i++)
		s->contacts += w->contacts[i].date >= from && w->contacts[i].date <= to;
	for (size_t i = 0; i < w->n_children; i++) {
		const struct syn_child *c = &w->children[i];
		cf_date prev_ref = NONE;
		int cpps_before = 0;
		for (int k = 0; k < c->nreferrals; k++) {
			const struct syn_referral *r = &w->referrals[c->referral0 + k];
			if (r->date >= from && r->date <= to) {
				s->referrals++;
				if (prev_ref != NONE && r->date - prev_ref <= 365)
					s->rereferrals++;
				s->referrals_nfa += r->nfa;
			}
			prev_ref = r->date;
			if (open_on(r->date, r->closed, to))
				s->cin_at_31march++;
			for (int a = 0; a < r->nassess; a++) {
				const struct syn_assessment *x = &w->assessments[r->assess0 + a];
				if (x->authorised >= from && x->authorised <= to) {
					s->assessments++;
					s->assessments_45wd += cf_date_working_days(x->start, x->authorised) <= 45;
				}
			}
			for (int q = 0; q < r->ns47; q++) {
				const struct syn_s47 *x = &w->s47s[r->s470 + q];
				if (x->start >= from && x->start <= to)
					s->s47++;
				if (x->icpc != NONE && x->icpc >= from && x->icpc <= to) {
					s->icpc++;
					s->icpc_15wd += cf_date_working_days(x->start, x->icpc) <= 15;
				}
			}
			for (int p = 0; p < r->ncpps; p++) {
				const struct syn_cpp *x = &w->cpps[r->cpp0 + p];
				if (x->start >= from && x->start <= to) {
					s->cpp_started++;
					s->cpp_second += cpps_before > 0;
				}
				if (x->end != NONE && x->end >= from && x->end <= to) {
					s->cpp_ended++;
					s->cpp_ended_2y += x->end - x->start >= 730;
				}
				if (open_on(x->start, x->end, to))
					s->cpp_at_31march++;
				cpps_before++;
			}
		}
		/* looked after: on 31 March, periods started and ended in the year */
		int started = 0, ceased = 0, cla = 0;
		for (int k = 0; k < c->nepisodes; k++) {
			const struct syn_episode *e = &w->episodes[c->episode0 + k];
			if (open_on(e->start, e->end, to) || (e->start <= to && e->end == NONE))
				cla = 1;
			if (e->rne == 'S' && e->start >= from && e->start <= to)
				started = 1;
			if (e->end != NONE && strcmp(e->rec, "X1") && e->end >= from && e->end <= to)
				ceased = 1;
		}
		if (cla) {
			s->cla_at_31march++;
			const struct syn_episode *e = NULL;
			for (int k = 0; k < c->nepisodes; k++) {
				const struct syn_episode *x = &w->episodes[c->episode0 + k];
				if (open_on(x->start, x->end, to))
					e = x;
			}
			if (e && e->place[0] == 'U')
				s->cla_foster++;
		}
		s->cla_started += started;
		s->cla_ceased += ceased;
	}
	return 0;
}
