/* One child's journey through children's services: concerns reaching the
 * front door, referrals and what follows them (assessment, s47 enquiry,
 * conference, child protection or child in need plan, early help), and
 * periods of care with their legal statuses, placements, moves, missing
 * episodes, adoption and endings. Probabilities are tuned so that the
 * authority's figures sit near England's (docs/synth.md gives each source). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "synth/sim_internal.h"

#define NONE CF_DATE_NONE

/* --- small helpers ------------------------------------------------------------ */

static int age_on(const struct syn_child *c, cf_date d) { return cf_date_age(c->dob, d); }

static cf_date birthday(const struct syn_child *c, int years) { return cf_date_add_years(c->dob, years); }

static cf_date days_lognormal(struct cf_rng *r, double median, double sigma, int min_days)
{
	double v = cf_rng_lognormal(r, median, sigma);
	if (v < min_days)
		v = min_days;
	if (v > 40 * SYN_YEAR)
		v = 40 * SYN_YEAR;
	return (cf_date)v;
}

/* England 2023-24, referrals by source (CIN census, Characteristics of
 * children in need 2024): police 29%, schools 21%, health 15%, LA 13%,
 * individuals 8%, other 14% */
static const double source_w[] = {
	4.5, 1.2, 1.3, 0.8, 19.5, 1.4, 1.6, 3.2, 1.4, 3.0, 3.0, 2.6,
	1.6, 6.0, 2.0, 3.0, 2.0, 29.0, 2.5, 6.8, 1.5, 1.6,
};
/* factors identified at the end of assessment, England 2024
 * (c3_factors_identified_at_end_of_assessment: counts per factor) */
static const double factor_w[] = {
	10770, 72410, 11360, 25190, 70940, 16230, 55040, 160600, 24990, 86260, 165480, 22200,
	59670, 14580, 7180, 23210, 25730, 5110, 17900, 2040, 0, 17860, 13860, 2590,
	10180, 38720, 26170, 83380, 97670, 15350, 58160, 11960, 17840, 93860, 750, 2180,
	15750, 0,
};
#define FACTOR_UASC 20
#define FACTOR_NONE 37
/* initial category of abuse of CP plans, England 2024: neglect 51%,
 * emotional 36%, physical 7%, sexual 4%, multiple 2% */
static const double abuse_w[SYN_NABUSE] = { 51, 36, 7, 4, 2 };
/* primary need at assessment, England 2024 CIN at 31 March */
static const double need_w[] = { 0, 57, 10, 3, 16, 8, 2, 0.3, 0.5, 0.2 };
/* reasons for placement change, England 2024 (la_cla_during_year_new_placements) */
static const double rpc_w[] = { 31, 22, 25, 8, 6, 3, 1.4, 1, 0.7, 0.8, 0.3, 0.2 };

struct jstate {
	struct synth_world *w;
	int ci;
	struct cf_rng r;
	cf_date in_care_until;     /* set while a period of care runs */
	int cpps_so_far;
	int periods;
	char last_perm[3];         /* permanence order a previous period ended in */
	cf_date last_perm_date;
};

static struct syn_child *child(struct jstate *s) { return &s->w->children[s->ci]; }

/* --- care ------------------------------------------------------------------- */

enum exit_kind { EX_HOME, EX_ADOPT, EX_SGO, EX_CAO, EX_EIGHTEEN, EX_OTHER, EX_REMAND };
enum route { RT_CP, RT_CIN, RT_EMERGENCY, RT_UASC, RT_REMAND };

struct placement {
	char place[3], provider[4], pl_post[9], urn[9];
};

enum ev_kind { EV_LS, EV_MOVE, EV_SAME_CARER };
struct care_event {
	cf_date t;
	int kind;
	char code[3];          /* new LS, or new placement type */
};

/* A foster or similar placement: a postcode inside the authority for own
 * carers, often outside for agency carers. */
static void place_in_family(struct jstate *s, struct placement *p, const char *type, int in_house_p100)
{
	struct synth_world *w = s->w;
	struct cf_rng *r = &s->r;
	snprintf(p->place, sizeof p->place, "%s", type);
	int own = cf_rng_below(r, 100) < in_house_p100;
	snprintf(p->provider, sizeof p->provider, "%s", own ? "PR1" : cf_rng_chance(r, 0.9) ? "PR4" : "PR5");
	int sector = (own || cf_rng_chance(r, 0.55)) ? cf_rng_below(r, w->nlocal_sectors)
						      : w->nlocal_sectors + cf_rng_below(r, (int)w->n_sectors - w->nlocal_sectors);
	static const char ok[] = "ABDEFGHJLNPQRSTUWXYZ";
	snprintf(p->pl_post, sizeof p->pl_post, "%s%c%c", w->sectors[sector].name, ok[cf_rng_below(r, 20)],
		 ok[cf_rng_below(r, 20)]);
	p->urn[0] = '\0';
}

static void place_in_home(struct jstate *s, struct placement *p, const char *type)
{
	struct synth_world *w = s->w;
	int n = (int)w->n_homes, pick = -1;
	for (int tries = 0; tries < 32 && pick < 0; tries++) {
		int i = cf_rng_below(&s->r, n);
		if (!strcmp(w->homes[i].place, type))
			pick = i;
	}
	if (pick < 0)
		pick = cf_rng_below(&s->r, n);
	const struct syn_home *h = &w->homes[pick];
	snprintf(p->place, sizeof p->place, "%s", h->place);
	snprintf(p->provider, sizeof p->provider, "%s", h->provider);
	snprintf(p->pl_post, sizeof p->pl_post, "%s", h->postcode);
	snprintf(p->urn, sizeof p->urn, "%s", h->urn);
}

/* Placement codes changed on 28 October 2023: supported accommodation is
 * K3 from then on instead of H5 (and P2 went). */
static const char *semi_independent_code(cf_date t)
{
	return t >= cf_date_from_ymd(2023, 10, 28) ? "K3" : "H5";
}

/* A placement chosen for the child's age (England 2024 placement mix:
 * about 70% foster, 17% residential and supported, 7% with parents). */
static void choose_placement(struct jstate *s, struct placement *p, int age, int uasc, cf_date t, int kin_p100)
{
	struct cf_rng *r = &s->r;
	double u = cf_rng_unit(r);
	if (uasc) {
		if (age >= 16 && u < 0.55)
			place_in_home(s, p, "H5");
		else
			place_in_family(s, p, "U6", 30);
	} else if (age >= 16 && u < 0.45) {
		place_in_home(s, p, "H5");
	} else if (age >= 11 && u < (age >= 16 ? 0.62 : 0.28)) {
		place_in_home(s, p, cf_rng_chance(r, 0.04) ? "K1" : "K2");
	} else {
		int kin = cf_rng_below(r, 100) < kin_p100;
		place_in_family(s, p, kin ? "U3" : "U6", kin ? 100 : 55);
	}
	if (!strcmp(p->place, "H5"))
		snprintf(p->place, sizeof p->place, "%s", semi_independent_code(t));
}

static int cmp_event(const void *a, const void *b)
{
	const struct care_event *x = a, *y = b;
	return x->t != y->t ? (x->t < y->t ? -1 : 1) : x->kind - y->kind;
}

/* An episode's legal status, placement and what does not change within a
 * period, from t (H5 takes the semi-independent code in force on t). */
static void episode_set(struct syn_episode *e, const char *ls, const struct placement *cur, cf_date t,
			int cin, int home, uint8_t uasc)
{
	memcpy(e->ls, ls, 3);
	memcpy(e->place, cur->place, 3);
	if (!strcmp(e->place, "H5"))
		memcpy(e->place, semi_independent_code(t), 3);
	memcpy(e->provider, cur->provider, 4);
	memcpy(e->pl_post, cur->pl_post, 9);
	memcpy(e->urn, cur->urn, 9);
	e->cin = (uint8_t)cin;
	e->home = (int16_t)home;
	e->uasc = uasc;
}

/* Write the episodes of one period of care from its events. */
static void write_episodes(struct jstate *s, cf_date t0, cf_date end, const char *exit_rec,
			   const char *ls0, const struct placement *p0, struct care_event *ev, int nev, int cin)
{
	struct synth_world *w = s->w;
	struct syn_child *c = child(s);
	int home = w->families[c->family].sector;
	qsort(ev, (size_t)nev, sizeof *ev, cmp_event);
	struct placement cur = *p0;
	char ls[3];
	snprintf(ls, sizeof ls, "%s", ls0);
	int ep = (int)w->n_episodes;
	struct syn_episode *e = SYN_PUSH(w, episodes);
	e->child = s->ci;
	e->start = t0;
	e->rne = 'S';
	episode_set(e, ls, &cur, t0, cin, home, c->uasc);
	for (int i = 0; i < nev;) {
		cf_date t = ev[i].t;
		if (t <= t0 || (end != NONE && t >= end)) {
			i++;
			continue;
		}
		int ls_changed = 0, moved = 0, same_carer = 0;
		const char *move_code = NULL;
		struct placement next = cur;
		char nls[3];
		memcpy(nls, ls, 3);
		for (; i < nev && ev[i].t == t; i++) {
			if (ev[i].kind == EV_LS && strcmp(ev[i].code, nls)) {
				memcpy(nls, ev[i].code, 3);
				ls_changed = 1;
			} else if (ev[i].kind == EV_MOVE) {
				moved = 1;
			} else if (ev[i].kind == EV_SAME_CARER && strcmp(next.place, ev[i].code)) {
				if (cur.place[0] == 'U') {
					snprintf(next.place, sizeof next.place, "%s", ev[i].code);
					same_carer = 1;
				} else {
					/* not with foster carers: it is a move after all */
					move_code = ev[i].code[0] == 'A' ? "A6" : "U";
					moved = 1;
				}
			}
		}
		if (moved)
			same_carer = 0;   /* a move replaces the placement whole */
		if (!ls_changed && !moved && !same_carer)
			continue;
		if (moved) {
			struct care_event forced = { t, EV_MOVE, "" };
			const struct care_event *m = NULL;
			for (int k = 0; k < nev; k++)
				if (ev[k].t == t && ev[k].kind == EV_MOVE)
					m = &ev[k];
			if (!m && move_code) {
				snprintf(forced.code, sizeof forced.code, "%s", move_code);
				m = &forced;
			}
			int age = age_on(c, t);
			if (m && m->code[0] == 'A') {
				place_in_family(s, &next, m->code, 100);
				snprintf(next.provider, sizeof next.provider, "%s", cf_rng_chance(&s->r, 0.7) ? "PR1" : "PR5");
			} else if (m && m->code[0] == 'P') {
				snprintf(next.place, sizeof next.place, "P1");
				snprintf(next.provider, sizeof next.provider, "PR0");
				synth_home_postcode(w, c, next.pl_post);
				next.urn[0] = '\0';
			} else if (m && m->code[0] == 'H') {
				place_in_home(s, &next, "H5");
				snprintf(next.place, sizeof next.place, "%s", semi_independent_code(t));
			} else {
				choose_placement(s, &next, age, c->uasc, t, 15);
			}
		}
		/* close the current episode with X1 */
		struct syn_episode *prev = &w->episodes[ep];
		prev->end = t;
		memcpy(prev->rec, "X1", 3);
		if (moved || same_carer)
			prev->rpc = (uint8_t)(same_carer && !moved ? 3 : 1 + cf_rng_pick(&s->r, rpc_w, synth_nrpc));
		if (prev->place[0] == 'T')
			prev->rpc = 0;
		ep = (int)w->n_episodes;
		e = SYN_PUSH(w, episodes);
		e->child = s->ci;
		e->start = t;
		e->rne = ls_changed ? (moved ? 'B' : same_carer ? 'U' : 'L') : (moved ? 'P' : 'T');
		cur = next;
		memcpy(ls, nls, 3);
		episode_set(e, ls, &cur, t, cin, home, c->uasc);
	}
	struct syn_episode *last = &w->episodes[ep];
	last->end = end;
	if (end != NONE)
		snprintf(last->rec, sizeof last->rec, "%s", exit_rec);
}

/* Missing and away-from-placement episodes for a child in care aged 11+:
 * about one in five is prone to going missing, a few times a year. */
static void missing_episodes(struct jstate *s, cf_date from, cf_date to)
{
	struct synth_world *w = s->w;
	struct syn_child *c = child(s);
	cf_date eleven = birthday(c, 11);
	if (from < eleven)
		from = eleven;
	if (to == NONE || to > w->end)
		to = w->end;
	if (from >= to || !cf_rng_chance(&s->r, 0.2))
		return;
	double rate = 2.0 + 6.0 * cf_rng_unit(&s->r);   /* incidents a year */
	for (cf_date t = from + (cf_date)cf_rng_exp(&s->r, SYN_YEAR / rate); t < to;
	     t += 1 + (cf_date)cf_rng_exp(&s->r, SYN_YEAR / rate)) {
		struct syn_missing *m = SYN_PUSH(w, missing);
		m->child = s->ci;
		m->start = t;
		m->type = cf_rng_chance(&s->r, 0.25) ? 'A' : 'M';
		cf_date back = t + (cf_rng_chance(&s->r, 0.7) ? cf_rng_below(&s->r, 2) : cf_rng_range(&s->r, 2, 14));
		m->end = back > w->end ? NONE : back;
		t = back;
	}
}

/* Exit plan by age at entry (England 2024, ceased by reason and age):
 * returns home dominate under-10s' short stays; adoption and special
 * guardianship are for the youngest; most teenagers stay to 18. */
static enum exit_kind choose_exit(struct jstate *s, int age, enum route route)
{
	if (route == RT_UASC)
		return cf_rng_chance(&s->r, 0.95) ? EX_EIGHTEEN : EX_OTHER;
	if (route == RT_REMAND)
		return EX_REMAND;
	static const double w0[] = { 25, 33, 25, 4, 10, 3 };  /* home adopt sgo cao 18 other: under 1 */
	static const double w1[] = { 30, 22, 25, 5, 15, 3 };  /* 1-4 */
	static const double w5[] = { 40, 2, 20, 5, 30, 3 };   /* 5-9 */
	static const double w10[] = { 45, 0, 6, 3, 42, 4 };   /* 10-15 */
	static const double w16[] = { 30, 0, 1, 1, 63, 5 };   /* 16-17 */
	const double *wt = age < 1 ? w0 : age < 5 ? w1 : age < 10 ? w5 : age < 16 ? w10 : w16;
	static const enum exit_kind kinds[] = { EX_HOME, EX_ADOPT, EX_SGO, EX_CAO, EX_EIGHTEEN, EX_OTHER };
	return kinds[cf_rng_pick(&s->r, wt, 6)];
}

/* A period of care from t0. Returns the day it ends, or NONE when the
 * child is still looked after at the end of the simulation. */
static cf_date care_period(struct jstate *s, cf_date t0, enum route route, int cin)
{
	struct synth_world *w = s->w;
	struct syn_child *c = child(s);
	struct cf_rng *r = &s->r;
	int age = age_on(c, t0);
	cf_date eighteen = birthday(c, 18);
	if (t0 >= eighteen)
		return t0;
	enum exit_kind exit = choose_exit(s, age, route);
	struct care_event ev[96];
	int nev = 0;
#define ADD_EV(T, K, CODE)                                                             \
	do {                                                                            \
		if (nev < 96) {                                                         \
			ev[nev].t = (T);                                                \
			ev[nev].kind = (K);                                             \
			snprintf(ev[nev].code, sizeof ev[nev].code, "%s", (CODE));       \
			nev++;                                                          \
		}                                                                       \
	} while (0)

	/* previous permanence, recorded at the start of each period */
	struct syn_period *per = SYN_PUSH(w, periods);
	per->child = s->ci;
	per->start = t0;
	if (s->last_perm[0]) {
		memcpy(per->prev_perm, s->last_perm, 3);
		synth_date_dmy(s->last_perm_date, per->date_perm);
		if (cf_rng_chance(r, 0.2))
			memcpy(per->date_perm, "zz", 2);   /* day not known */
		snprintf(per->la_perm, sizeof per->la_perm, "%03d", w->opt.la_code % 1000);
	} else {
		memcpy(per->prev_perm, "Z1", 3);
	}
	s->periods++;

	/* when and how it ends */
	cf_date end;
	const char *rec = "E8";
	int adoption = -1;
	switch (exit) {
	case EX_HOME:
		end = t0 + days_lognormal(r, age < 10 ? 260 : 200, 1.05, 1);
		rec = cf_rng_chance(r, 0.88) ? "E4A" : cf_rng_chance(r, 0.5) ? "E4B" : "E13";
		break;
	case EX_SGO:
		end = t0 + days_lognormal(r, 560, 0.45, 120);
		rec = cf_rng_chance(r, 0.3) ? "E45" : "E46";
		break;
	case EX_CAO:
		end = t0 + days_lognormal(r, 450, 0.5, 90);
		rec = cf_rng_chance(r, 0.4) ? "E47" : "E48";
		break;
	case EX_REMAND:
		end = t0 + days_lognormal(r, 45, 0.7, 2);
		rec = cf_rng_chance(r, 0.8) ? "E14" : "E9";
		break;
	case EX_OTHER: {
		end = t0 + days_lognormal(r, 400, 1.0, 7);
		static const char *const other[] = { "E3", "E8", "E16", "E7", "E2" };
		static const double ow[] = { 30, 55, 6, 6, 0.5 };
		rec = c->uasc && cf_rng_chance(r, 0.5) ? "E15" : other[cf_rng_pick(r, ow, 5)];
		break;
	}
	case EX_ADOPT: {
		adoption = (int)w->n_adoptions;
		struct syn_adoption *a = SYN_PUSH(w, adoptions);
		a->child = s->ci;
		a->match = a->placed = a->adopted = a->reversed = NONE;
		a->decision = t0 + days_lognormal(r, 270, 0.35, 60);
		cf_date order = a->decision + cf_rng_range(r, 30, 120);
		if (cf_rng_chance(r, 0.1)) {
			/* the plan changes: special guardianship or long-term fostering */
			a->reversed = a->decision + cf_rng_range(r, 150, 500);
			a->reverse_reason = (uint8_t)(1 + cf_rng_pick(r, (const double[]){ 40, 10, 25, 25 }, 4));
			if (cf_rng_chance(r, 0.6)) {
				exit = EX_SGO;
				end = a->reversed + days_lognormal(r, 200, 0.4, 30);
				rec = "E46";
			} else {
				exit = EX_EIGHTEEN;
				end = eighteen;
			}
			if (order < a->reversed)
				ADD_EV(order, EV_LS, "E1");
			break;
		}
		a->match = order + days_lognormal(r, 240, 0.5, 14);
		a->placed = a->match + cf_rng_range(r, 7, 60);
		a->adopted = a->placed + cf_rng_range(r, 120, 330);
		a->foster_carer = (uint8_t)cf_rng_chance(r, 0.12);
		a->nb_adopters = (uint8_t)(cf_rng_chance(r, 0.85) ? 2 : 1);
		if (a->nb_adopters == 2) {
			double u = cf_rng_unit(r);
			memcpy(a->sex_adopters, u < 0.85 ? "MF" : u < 0.93 ? "MM" : "FF", 3);
			snprintf(a->ls_adopters, sizeof a->ls_adopters, "%s",
				 u < 0.85 ? (cf_rng_chance(r, 0.75) ? "L0" : "L2") : "L11");
		} else {
			memcpy(a->sex_adopters, cf_rng_chance(r, 0.85) ? "F1" : "M1", 3);
			snprintf(a->ls_adopters, sizeof a->ls_adopters, "L3");
		}
		ADD_EV(order, EV_LS, "E1");
		/* placed with their foster carers (A5) is a change of placement
		 * with the same carers; with new adopters (A6) a move */
		if (a->foster_carer)
			ADD_EV(a->placed, EV_SAME_CARER, "A5");
		else
			ADD_EV(a->placed, EV_MOVE, "A6");
		end = a->adopted;
		rec = cf_rng_chance(r, 0.8) ? "E12" : "E11";
		break;
	}
	case EX_EIGHTEEN:
	default:
		end = eighteen;
		break;
	}
	/* drift in the exit rate: stays that end by a decision shorten or
	 * lengthen with the rate in the year the period began */
	double mx = synth_drift_on(w, SYN_DRIFT_EXIT, t0);
	if (mx != 1.0 && (exit == EX_HOME || exit == EX_SGO || exit == EX_CAO || exit == EX_OTHER) && end > t0 + 1)
		end = t0 + 1 + (cf_date)((end - t0 - 1) / mx);
	if (end >= eighteen) {
		end = eighteen;
		exit = EX_EIGHTEEN;
	}
	if (exit == EX_EIGHTEEN) {
		/* at 18: staying put with foster carers, supported or independent
		 * living, adult services, or other */
		static const char *const at18[] = { "E17", "E5", "E6", "E7", "E8" };
		static const double w18[] = { 18, 30, 12, 3, 37 };
		rec = at18[cf_rng_pick(r, w18, 5)];
	}
	if (adoption >= 0 && exit != EX_ADOPT && w->adoptions[adoption].reversed == NONE)
		w->adoptions[adoption].reversed = end;

	/* legal status */
	const char *ls0;
	double u = cf_rng_unit(r);
	switch (route) {
	case RT_UASC: ls0 = "V2"; break;
	case RT_REMAND: ls0 = cf_rng_chance(r, 0.7) ? "J1" : "J2"; break;
	case RT_EMERGENCY: ls0 = u < 0.75 ? "L1" : "L2"; break;
	case RT_CP: ls0 = u < 0.62 ? "C1" : "V2"; break;
	case RT_CIN:
	default: ls0 = age >= 10 ? (u < 0.8 ? "V2" : "C1") : (u < 0.5 ? "V2" : "C1"); break;
	}
	cf_date t_ls = t0;
	const char *ls = ls0;
	if (ls[0] == 'L') {
		t_ls = t0 + cf_rng_range(r, 1, ls[1] == '1' ? 3 : 8);
		ls = (exit == EX_HOME && end - t0 < 30) ? "V2" : cf_rng_chance(r, 0.7) ? "C1" : "V2";
		ADD_EV(t_ls, EV_LS, ls);
	}
	if (!strcmp(ls, "V2") && exit != EX_HOME && exit != EX_OTHER && route != RT_UASC && cf_rng_chance(r, 0.55)) {
		t_ls += cf_rng_range(r, 30, 200);
		ls = "C1";
		ADD_EV(t_ls, EV_LS, ls);
	}
	if (!strcmp(ls, "C1") && exit != EX_ADOPT) {
		/* care proceedings last about 40 weeks: then a full care order,
		 * unless the child went home or to guardians first */
		cf_date final_hearing = t_ls + days_lognormal(r, 280, 0.3, 60);
		if (exit == EX_EIGHTEEN || exit == EX_OTHER || final_hearing < end - 30)
			ADD_EV(final_hearing, EV_LS, "C2");
	}
	/* placements: the first, moves (more for teenagers), planned changes */
	struct placement p0;
	int kin = exit == EX_SGO ? 55 : exit == EX_CAO ? 45 : 15;
	if (route == RT_REMAND) {
		place_in_home(s, &p0, age >= 15 && cf_rng_chance(r, 0.3) ? "K1" : "K2");
	} else if (route == RT_EMERGENCY && cf_rng_chance(r, 0.3)) {
		memcpy(p0.place, "T4", 3);   /* a temporary placement first */
		p0.provider[0] = p0.pl_post[0] = p0.urn[0] = '\0';
		ADD_EV(t0 + cf_rng_range(r, 1, 6), EV_MOVE, "U");
	} else {
		choose_placement(s, &p0, age, c->uasc, t0, kin);
	}
	cf_date horizon = end == NONE || end > w->end ? w->end : end;
	double move_rate = age < 5 ? 0.22 : age < 10 ? 0.3 : age < 16 ? 0.5 : 0.4;   /* moves a year */
	for (cf_date t = t0 + (cf_date)cf_rng_exp(r, SYN_YEAR / move_rate); t < horizon;
	     t += 14 + (cf_date)cf_rng_exp(r, SYN_YEAR / move_rate))
		if (exit != EX_ADOPT || w->adoptions[adoption].placed == NONE || t < w->adoptions[adoption].placed)
			ADD_EV(t, EV_MOVE, "U");
	if ((exit == EX_EIGHTEEN || exit == EX_OTHER) && p0.place[0] == 'U' && end - t0 > 540 && cf_rng_chance(r, 0.7))
		ADD_EV(t0 + cf_rng_range(r, 365, 540), EV_SAME_CARER, p0.place[1] == '3' ? "U1" : "U4");
	if (exit == EX_HOME && end - t0 > 120 && cf_rng_chance(r, 0.6))
		ADD_EV(end - cf_rng_range(r, 60, (int)(end - t0) - 30 < 240 ? (int)(end - t0) - 30 : 240), EV_MOVE, "P");
	if (exit == EX_EIGHTEEN && age < 16 && cf_rng_chance(r, 0.55))
		ADD_EV(birthday(c, 16) + cf_rng_range(r, 30, 600), EV_MOVE, "H");
	/* some children on care orders live with their parents for years */
	if ((exit == EX_EIGHTEEN || exit == EX_OTHER) && route != RT_UASC && end - t0 > 900 && cf_rng_chance(r, 0.12))
		ADD_EV(t0 + cf_rng_range(r, 365, 900), EV_MOVE, "P");

	cf_date out_end = end > w->end ? NONE : end;
	write_episodes(s, t0, out_end, rec, ls0, &p0, ev, nev, cin);
	missing_episodes(s, t0, out_end);

	if (out_end != NONE) {
		if (!strcmp(rec, "E45") || !strcmp(rec, "E46")) {
			memcpy(s->last_perm, "P2", 3);
			s->last_perm_date = end;
		} else if (!strcmp(rec, "E47") || !strcmp(rec, "E48")) {
			memcpy(s->last_perm, "P3", 3);
			s->last_perm_date = end;
		} else if (!strcmp(rec, "E11") || !strcmp(rec, "E12")) {
			memcpy(s->last_perm, "P1", 3);
			s->last_perm_date = end;
		}
	}
	return out_end;
#undef ADD_EV
}

/* --- the front door ------------------------------------------------------------ */

static void add_contact(struct jstate *s, cf_date t, int source, int outcome)
{
	struct syn_contact *k = SYN_PUSH(s->w, contacts);
	k->child = s->ci;
	k->date = t;
	k->source = (uint8_t)source;
	k->outcome = (uint8_t)outcome;
}

/* An early help episode for the whole family (one row per child under 18). */
static void early_help(struct jstate *s, cf_date t)
{
	struct synth_world *w = s->w;
	struct syn_child *c = child(s);
	cf_date end = t + days_lognormal(&s->r, 150, 0.5, 28);
	int lead = cf_rng_below(&s->r, synth_neh_leads);
	int outcome = cf_rng_pick(&s->r, (const double[]){ 62, 12, 20, 6 }, 4);
	/* the family's children are stored together: walk back to the first */
	size_t first = (size_t)s->ci;
	while (first > 0 && w->children[first - 1].family == c->family)
		first--;
	for (size_t i = first; i < w->n_children && w->children[i].family == c->family; i++) {
		const struct syn_child *sib = &w->children[i];
		if (sib->dob > t || cf_date_age(sib->dob, t) >= 18)
			continue;
		struct syn_early_help *e = SYN_PUSH(w, early_help);
		e->family = c->family;
		e->child = (int32_t)i;
		e->start = t;
		e->end = end > w->end ? NONE : end;
		e->lead = (uint8_t)lead;
		e->outcome = (uint8_t)outcome;
	}
}

static uint64_t choose_factors(struct jstate *s, int age, int nfa)
{
	if (nfa)
		return 1ULL << FACTOR_NONE;
	if (child(s)->uasc)
		return 1ULL << FACTOR_UASC;
	uint64_t f = 0;
	int k = 1 + (int)cf_rng_exp(&s->r, 1.6);
	if (k > 8)
		k = 8;
	double wt[38];
	memcpy(wt, factor_w, sizeof wt);
	if (age < 10)   /* exploitation, gangs, self-harm are adolescents' factors */
		wt[0] = wt[3] = wt[22] = wt[23] = wt[24] = wt[25] = wt[26] = wt[36] = wt[21] = 0;
	for (int i = 0; i < k; i++) {
		int p = cf_rng_pick(&s->r, wt, 38);
		f |= 1ULL << p;
		wt[p] = 0;
	}
	return f;
}

/* Probability a child in care follows a CP plan, by age (teenagers more
 * often come in through s20 from a CIN plan or an emergency). */
static double p_care_from_cp(int age) { return age < 1 ? 0.39 : age < 5 ? 0.16 : age < 10 ? 0.12 : age < 16 ? 0.12 : 0.065; }
static double p_care_from_cin(int age) { return age < 1 ? 0.037 : age < 10 ? 0.016 : age < 16 ? 0.069 : 0.092; }

/* A referral and everything in its CIN episode. Returns the day the
 * episode closed, or NONE when it is still open at the end. */
static cf_date referral(struct jstate *s, cf_date t, int source)
{
	struct synth_world *w = s->w;
	struct syn_child *c = child(s);
	struct cf_rng *r = &s->r;
	int ri = (int)w->n_referrals;
	struct syn_referral *ref = SYN_PUSH(w, referrals);
	ref->child = s->ci;
	ref->date = t;
	ref->source = (uint8_t)source;
	ref->assess0 = (int32_t)w->n_assessments;
	ref->cinplan0 = (int32_t)w->n_cinplans;
	ref->s470 = (int32_t)w->n_s47s;
	ref->cpp0 = (int32_t)w->n_cpps;
	int age = age_on(c, t);
	cf_date closed;
	int closure;
	double risk = c->risk;

	if (!c->uasc && cf_rng_chance(r, 0.063)) {
		/* no further action on the referral itself (England 2024: 6.3%) */
		ref = &w->referrals[ri];
		ref->nfa = 1;
		ref->closed = t;
		ref->closure = 7;
		return t;
	}
	/* police protection at the point of referral */
	int emergency = !c->uasc && cf_rng_chance(r, 0.008);
	cf_date a_start = c->uasc ? t : t + cf_rng_range(r, 0, 4);
	int wd = (int)cf_rng_lognormal(r, 22, 0.78);
	if (wd < 1)
		wd = 1;
	cf_date a_auth = cf_date_add_working_days(a_start, wd);
	/* s47: about a third of referrals (England 2024: 210k s47s for 622k referrals) */
	double p_s47 = c->uasc ? 0 : 0.25 + 0.25 * risk / (risk + 4.0);
	if (source == w->plant_source && p_s47 > 0) {   /* a planted effect (synth.h) */
		p_s47 *= w->opt.plant_source_s47;
		if (p_s47 > 0.95)
			p_s47 = 0.95;
	}
	int has_s47 = emergency || cf_rng_chance(r, p_s47);
	int in_need = c->uasc || emergency || cf_rng_chance(r, has_s47 ? 0.88 : 0.58);
	struct syn_assessment *a = SYN_PUSH(w, assessments);
	a->referral = ri;
	a->start = a_start;
	a->authorised = a_auth;
	a->factors = choose_factors(s, age, !in_need && cf_rng_chance(r, 0.35));
	w->referrals[ri].nassess = 1;

	cf_date episode_end = NONE;     /* set where the episode's work ends */
	cf_date care_start = NONE;
	enum route route = RT_CIN;
	int need = c->uasc ? 8 : 1 + cf_rng_pick(r, need_w + 1, 9);
	if (c->uasc) {
		care_start = t;
		route = RT_UASC;
	} else if (emergency) {
		care_start = t;
		route = RT_EMERGENCY;
		need = 1;
	}
	cf_date cpp_start = NONE;
	if (has_s47) {
		struct syn_s47 *q = SYN_PUSH(w, s47s);
		q->referral = ri;
		q->start = a_start + cf_rng_range(r, 0, 3);
		w->referrals[ri].ns47 = 1;
		/* conferences follow about 38% of s47s, 78% within 15 working days */
		if (!emergency && cf_rng_chance(r, 0.3 + 0.12 * risk / (risk + 3.0) + (s->cpps_so_far ? 0.2 : 0))) {
			int days = cf_rng_chance(r, 0.78) ? cf_rng_range(r, 5, 15) : cf_rng_range(r, 16, 35);
			q->icpc = cf_date_add_working_days(q->start, days);
			if (cf_rng_chance(r, 0.83))
				cpp_start = q->icpc;
		} else {
			q->icpc = NONE;
			q->icpc_not_required = 1;
		}
		if (q->start < t)
			q->start = t;
		need = 1;
	}
	if (!in_need && cpp_start == NONE && care_start == NONE) {
		/* closed after assessment: no further action, or to early help */
		closed = a_auth + cf_rng_range(r, 0, 10);
		closure = 8;
		if (cf_rng_chance(r, 0.3)) {
			closure = 9;
			early_help(s, closed);
		}
		ref = &w->referrals[ri];
		ref->closed = closed > w->end ? NONE : closed;
		ref->closure = ref->closed == NONE ? 0 : (uint8_t)closure;
		return ref->closed;
	}
	w->referrals[ri].need = (uint8_t)need;
	cf_date work_from = a_auth;
	if (cpp_start != NONE) {
		/* child protection plan: durations give England's mix of plans
		 * open at 31 March (30% under 3 months ... 2.6% two years or more) */
		static const double dur_w[] = { 12, 21, 38, 25, 4 };
		static const int dur_lo[] = { 20, 92, 183, 366, 731 }, dur_hi[] = { 91, 182, 365, 730, 1100 };
		int band = cf_rng_pick(r, dur_w, 5);
		cf_date cpp_end = cpp_start + cf_rng_range(r, dur_lo[band], dur_hi[band]);
		if (cf_rng_chance(r, p_care_from_cp(age) * synth_drift_on(w, SYN_DRIFT_ENTRY, cpp_start))) {
			care_start = cpp_start + cf_rng_range(r, 5, (int)(cpp_end - cpp_start));
			route = RT_CP;
			cpp_end = care_start;
		}
		struct syn_cpp *p = SYN_PUSH(w, cpps);
		p->referral = ri;
		p->start = cpp_start;
		p->end = cpp_end > w->end ? NONE : cpp_end;
		p->initial_cat = (uint8_t)cf_rng_pick(r, abuse_w, SYN_NABUSE);
		p->latest_cat = cf_rng_chance(r, 0.9) ? p->initial_cat : (uint8_t)cf_rng_pick(r, abuse_w, SYN_NABUSE);
		p->previous = (uint8_t)(s->cpps_so_far > 20 ? 20 : s->cpps_so_far);
		s->cpps_so_far++;
		w->referrals[ri].ncpps = 1;
		work_from = cpp_end;
		if (care_start == NONE && cpp_end <= w->end && cf_rng_chance(r, 0.6)) {
			/* stepped down to a CIN plan */
			struct syn_cinplan *pl = SYN_PUSH(w, cinplans);
			pl->referral = ri;
			pl->start = cpp_end;
			cf_date pe = cpp_end + days_lognormal(r, 190, 0.5, 30);
			pl->end = pe > w->end ? NONE : pe;
			w->referrals[ri].ncinplans = 1;
			work_from = pe;
		}
	} else if (care_start == NONE) {
		/* child in need: a CIN plan for most, with some teenagers coming into care */
		if (cf_rng_chance(r, 0.62)) {
			struct syn_cinplan *pl = SYN_PUSH(w, cinplans);
			pl->referral = ri;
			pl->start = a_auth + cf_rng_range(r, 0, 15);
			cf_date pe = pl->start + days_lognormal(r, 230, 0.6, 30);
			if (cf_rng_chance(r, p_care_from_cin(age) * 1.6 * synth_drift_on(w, SYN_DRIFT_ENTRY, pl->start))) {
				care_start = pl->start + cf_rng_range(r, 1, (int)(pe - pl->start));
				pe = care_start;
				if (age >= 14 && need == 6 && cf_rng_chance(r, 0.25))
					route = RT_REMAND;
			}
			pl->end = pe > w->end ? NONE : pe;
			w->referrals[ri].ncinplans = 1;
			work_from = pe;
		} else {
			work_from = a_auth + days_lognormal(r, 90, 0.6, 5);
		}
	}
	if (care_start != NONE && care_start <= w->end && care_start < birthday(c, 18)) {
		cf_date care_end = care_period(s, care_start, route, need > 8 ? 1 : need);
		s->in_care_until = care_end;
		if (care_end == NONE) {
			episode_end = NONE;
		} else {
			const struct syn_episode *last = &w->episodes[w->n_episodes - 1];
			closure = !strcmp(last->rec, "E11") || !strcmp(last->rec, "E12") ? 1
				: !strcmp(last->rec, "E45") || !strcmp(last->rec, "E46") ? 4
				: !strcmp(last->rec, "E47") || !strcmp(last->rec, "E48") ? 3
				: !strcmp(last->rec, "E7") ? 6 : !strcmp(last->rec, "E3") ? 5
				: !strcmp(last->rec, "E2") ? 2 : 7;
			episode_end = care_end;
			if (closure == 7 && care_end < birthday(c, 18) && cf_rng_chance(r, 0.5)) {
				/* home with a CIN plan for a while */
				struct syn_cinplan *pl = SYN_PUSH(w, cinplans);
				pl->referral = ri;
				pl->start = care_end;
				cf_date pe = care_end + days_lognormal(r, 120, 0.4, 30);
				pl->end = pe > w->end ? NONE : pe;
				w->referrals[ri].ncinplans++;
				episode_end = pe;
			}
			ref = &w->referrals[ri];
			if (episode_end != NONE && episode_end <= w->end) {
				ref->closed = episode_end;
				ref->closure = (uint8_t)closure;
			} else {
				ref->closed = NONE;
			}
			return ref->closed;
		}
		ref = &w->referrals[ri];
		ref->closed = NONE;
		return NONE;
	}
	closed = work_from + cf_rng_range(r, 0, 20);
	ref = &w->referrals[ri];
	if (closed > w->end) {
		ref->closed = NONE;
		return NONE;
	}
	ref->closed = closed;
	ref->closure = 7;
	return closed;
}

/* Concerns reach the front door at a rate set by age and risk, higher for
 * a year after a case closes (which gives re-referrals); each becomes one
 * or two contacts, and some become referrals. */
void syn_journey(struct synth_world *w, int ci)
{
	struct jstate s;
	memset(&s, 0, sizeof s);
	s.w = w;
	s.ci = ci;
	syn_rng_seed(&s.r, w->opt.seed, 1000000ULL + (uint64_t)ci);
	struct syn_child *c = child(&s);
	c->contact0 = (int32_t)w->n_contacts;
	c->referral0 = (int32_t)w->n_referrals;
	c->episode0 = (int32_t)w->n_episodes;
	c->missing0 = (int32_t)w->n_missing;
	c->adoption0 = (int32_t)w->n_adoptions;
	c->period0 = (int32_t)w->n_periods;
	const struct syn_family *f = &w->families[c->family];

	if (c->uasc) {
		add_contact(&s, f->arrive, 13, SYN_CO_REFERRAL);
		referral(&s, f->arrive, 13);
	} else {
		cf_date t = c->dob > f->arrive ? c->dob : f->arrive;
		if (t < w->history)
			t = w->history;
		cf_date stop = birthday(c, 18);
		if (f->leave != NONE && f->leave < stop)
			stop = f->leave;
		if (stop > w->end)
			stop = w->end + 1;
		cf_date last_close = NONE;
		/* concerns a year at average risk, by age (under 1s and teenagers most) */
		const double base = 0.15;
		while (t < stop && !w->oom) {
			int age = age_on(c, t);
			double am = age < 1 ? 2.2 : age < 5 ? 0.8 : age < 10 ? 0.85 : age < 16 ? 1.15 : 0.9;
			double boost = 1.0;
			if (last_close != NONE && t - last_close < 365)
				boost += 2.0 * exp(-(t - last_close) / 120.0);
			double rate = base * am * c->risk * boost;
			if (rate < 1e-6)
				break;
			double dt = cf_rng_exp(&s.r, SYN_YEAR / rate);
			/* a boosted rate holds only briefly: step at most 60 days at a time */
			if (boost > 1.05 && dt > 60) {
				t += 60;
				continue;
			}
			if (dt > (double)(stop - t))
				break;
			t += (cf_date)dt;
			if (t >= stop)
				break;
			int source = cf_rng_pick(&s.r, source_w, synth_nsources);
			double p_ref = 0.08 + 0.5 * c->risk / (c->risk + 2.5);
			if (last_close != NONE && t - last_close < 365) {
				p_ref += 0.05;
				/* a planted pilot (synth.h): fewer re-referrals in its locality from its day */
				if (w->plant_locality >= 0 && t >= w->opt.plant_from &&
				    w->sectors[f->sector].locality == w->plant_locality)
					p_ref *= w->opt.plant_rereferral;
			}
			if (cf_rng_chance(&s.r, 0.2))   /* a second agency about the same worry */
				add_contact(&s, t, cf_rng_pick(&s.r, source_w, synth_nsources), SYN_CO_NFA);
			/* drift in referrals: in the share of concerns taken on, from the
			 * concern's day (the concerns' own rate is set when each is drawn,
			 * years ahead for most children, so it would answer late) */
			if (cf_rng_chance(&s.r, p_ref * synth_drift_on(w, SYN_DRIFT_REFERRAL, t))) {
				add_contact(&s, t, source, SYN_CO_REFERRAL);
				cf_date closed = referral(&s, t, source);
				if (closed == NONE)
					break;
				last_close = closed;
				t = closed + 1;
				if (s.in_care_until != NONE && s.in_care_until > t)
					t = s.in_care_until + 1;
			} else {
				double u = cf_rng_unit(&s.r);
				int outcome = u < 0.45 ? SYN_CO_NFA : u < 0.8 ? SYN_CO_ADVICE : SYN_CO_EARLY_HELP;
				add_contact(&s, t, source, outcome);
				if (outcome == SYN_CO_EARLY_HELP)
					early_help(&s, t + cf_rng_range(&s.r, 3, 20));
			}
		}
	}
	c = child(&s);
	c->ncontacts = (int32_t)w->n_contacts - c->contact0;
	c->nreferrals = (int32_t)w->n_referrals - c->referral0;
	c->nepisodes = (int32_t)w->n_episodes - c->episode0;
	c->nmissing = (int32_t)w->n_missing - c->missing0;
	c->nadoptions = (int32_t)w->n_adoptions - c->adoption0;
	c->nperiods = (int32_t)w->n_periods - c->period0;
}

/* Social workers: one is allocated when a case opens after referral NFA
 * is ruled out, and changes every nine months or so. */
void syn_allocate(struct synth_world *w, int ci)
{
	struct syn_child *c = &w->children[ci];
	struct cf_rng r;
	syn_rng_seed(&r, w->opt.seed, 50000000ULL + (uint64_t)ci);
	c->alloc0 = (int32_t)w->n_allocs;
	for (int k = 0; k < c->nreferrals; k++) {
		const struct syn_referral *ref = &w->referrals[c->referral0 + k];
		if (ref->nfa)
			continue;
		cf_date end = ref->closed;
		/* while looked after past the referral's closure the child keeps a worker */
		for (int e = 0; e < c->nepisodes; e++) {
			const struct syn_episode *ep = &w->episodes[c->episode0 + e];
			if (ep->start >= ref->date && (end == NONE || ep->start <= end)) {
				if (ep->end == NONE)
					end = NONE;
				else if (end != NONE && ep->end > end)
					end = ep->end;
			}
		}
		cf_date t = ref->date;
		int reason = 0;
		while (!w->oom) {
			int wk = syn_pick_worker(w, &r, t);
			cf_date change = t + 30 + (cf_date)cf_rng_exp(&r, 270);
			const struct syn_worker *sw = &w->workers[wk];
			int next_reason = 1 + cf_rng_below(&r, synth_nsw_reasons - 1);
			if (sw->leave != NONE && sw->leave > t && sw->leave < change) {
				change = sw->leave;
				next_reason = 2;   /* LEFTRL */
			}
			struct syn_alloc *al = SYN_PUSH(w, allocs);
			al->child = ci;
			al->worker = wk;
			al->start = t;
			al->reason = (uint8_t)reason;
			if ((end != NONE && change >= end) || change > w->end) {
				al->end = end != NONE && end <= w->end ? end : NONE;
				break;
			}
			al->end = change;
			t = change;
			reason = next_reason;
		}
	}
	c->nallocs = (int32_t)w->n_allocs - c->alloc0;
}
