/* The synthetic authority's places, population and workforce, and the
 * driver that runs every child's journey. Rates and their published
 * sources are listed in docs/synth.md. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "synth/sim_internal.h"

/* --- code lists (DfE codes) -------------------------------------------------- */

const char *const synth_ethnic_codes[] = {
	"WBRI", "WIRI", "WOTH", "WIRT", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND",
	"APKN", "ABAN", "AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT",
};
const int synth_nethnic = 20;
/* England's children by ethnicity, roughly (ONS 2021 census, ages 0-17) */
static const double ethnic_weights[] = {
	68.0, 0.4, 6.5, 0.2, 0.5, 1.6, 0.9, 1.6, 2.0, 2.8,
	4.2, 1.7, 1.6, 0.7, 3.6, 0.6, 0.4, 1.8, 0.3, 0.6,
};

const char *const synth_source_codes[] = {
	"1A", "1B", "1C", "1D", "2A", "2B", "3A", "3B", "3C", "3D", "3E", "3F",
	"4", "5A", "5B", "5C", "5D", "6", "7", "8", "9", "10",
};
const int synth_nsources = 22;

const char *const synth_need_codes[] = { "", "N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8", "N9" };

const char *const synth_factor_codes[] = {
	"1A", "1B", "1C", "2A", "2B", "2C", "3A", "3B", "3C", "4A", "4B", "4C",
	"5A", "5B", "5C", "6A", "6B", "6C", "7A", "8E", "9A", "10A", "11A", "12A",
	"13A", "14A", "15A", "16A", "17A", "18B", "18C", "19B", "19C", "20", "22A", "23A",
	"24A", "21",
};
const int synth_nfactors = 38;

const char *const synth_abuse_codes[SYN_NABUSE] = { "NEG", "EMO", "PHY", "SAB", "MUL" };

const char *const synth_rpc_codes[] = {
	"CARPL", "OTHER", "PLACE", "CREQB", "CREQO", "CHILD", "LAREQ", "STAND", "ALLEG", "CLOSE", "APPRR", "CUSTOD",
};
const int synth_nrpc = 12;

const char *const synth_disability_codes[] = {
	"NONE", "MOB", "HAND", "PC", "INC", "COMM", "LD", "HEAR", "VIS", "BEH", "CON", "AUT", "DDA",
};
const int synth_ndisability = 13;

const char *const synth_contact_outcomes[SYN_CO_N] = {
	"No further action", "Information and advice", "Early help", "Referral to children's social care",
};

const char *const synth_eh_leads[] = {
	"Family support worker", "School", "Health visitor", "Family hub", "Youth worker", "Voluntary sector",
};
const int synth_neh_leads = 6;
const char *const synth_eh_outcomes[] = {
	"Needs met", "Stepped up to children's social care", "Family disengaged", "Moved away",
};
const int synth_neh_outcomes = 4;

/* workforce census OrgRole 1..6 */
const char *const synth_worker_roles[] = { "1", "2", "3", "4", "5", "6" };
const int synth_nroles = 6;
/* SSDA903 reason for social worker change */
const char *const synth_sw_reasons[] = {
	"CHCHAN", "MANAGE", "LEFTRL", "ORGRST", "ABSENC", "FCONTA", "PCCHAN", "TSPROC", "OTHERS",
};
const int synth_nsw_reasons = 9;
/* workforce census ReasonLeave */
const char *const synth_leave_reasons[] = { "1", "5", "7", "8", "2", "4" };
const int synth_nleave_reasons = 6;

/* --- storage ---------------------------------------------------------------- */

void *syn_vec_push(struct synth_world *w, void *slot, size_t *n, size_t *cap, size_t size)
{
	static _Alignas(16) unsigned char scratch[256];
	void *p;
	memcpy(&p, slot, sizeof p);
	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 256;
		void *q = realloc(p, nc * size);
		if (!q || size > sizeof scratch) {
			if (q)
				memcpy(slot, &q, sizeof q);
			w->oom = 1;
			memset(scratch, 0, sizeof scratch);
			return scratch;
		}
		p = q;
		memcpy(slot, &p, sizeof p);
		*cap = nc;
	}
	char *e = (char *)p + (*n)++ * size;
	memset(e, 0, size);
	return e;
}

/* --- helpers ------------------------------------------------------------------ */

void synth_year_bounds(const struct synth_world *w, int fy, cf_date *from, cf_date *to)
{
	(void)w;
	*from = cf_date_fy_start(fy);
	*to = cf_date_fy_end(fy);
}

void synth_year_name(int fy, char buf[8])
{
	snprintf(buf, 8, "%04d-%02d", fy % 10000, (fy + 1) % 100);
}

void synth_date_dmy(cf_date d, char buf[11])
{
	if (d == CF_DATE_NONE) {
		buf[0] = '\0';
		return;
	}
	int y, m, dd;
	cf_date_to_ymd(d, &y, &m, &dd);
	snprintf(buf, 11, "%02d/%02d/%04d", dd % 100, m % 100, y % 10000);
}

void synth_home_postcode(const struct synth_world *w, const struct syn_child *c, char buf[9])
{
	const struct syn_family *f = &w->families[c->family];
	snprintf(buf, 9, "%s%.2s", w->sectors[f->sector].name, f->unit);
}

void synth_upn(const struct synth_world *w, const struct syn_child *c, char buf[14])
{
	/* LA number, school (4), year of allocation (2), serial (3); the check
	 * letter is DfE's: weights 2..13 over characters 2-13, mod 23. */
	char body[13];
	int y, m, d;
	cf_date_to_ymd(c->dob, &y, &m, &d);
	unsigned h = (unsigned)c->id * 2654435761u;
	snprintf(body, sizeof body, "%03d%04u%02d%03u", w->opt.la_code % 1000, 2000 + (h >> 8) % 8000,
		 (y + 5) % 100, (unsigned)c->id % 1000);
	int sum = 0;
	for (int i = 0; i < 12; i++)
		sum += (body[i] - '0') * (i + 2);
	static const char letters[] = "ABCDEFGHJKLMNPQRTUVWXYZ";
	snprintf(buf, 14, "%c%s", letters[sum % 23], body);
}

static cf_date uniform_date(struct cf_rng *r, cf_date from, cf_date to)
{
	return to <= from ? from : from + cf_rng_below(r, to - from + 1);
}

static void random_unit(struct cf_rng *r, char unit[3])
{
	static const char ok[] = "ABDEFGHJLNPQRSTUWXYZ";   /* letters used in inward codes */
	unit[0] = ok[cf_rng_below(r, (int)sizeof ok - 1)];
	unit[1] = ok[cf_rng_below(r, (int)sizeof ok - 1)];
	unit[2] = '\0';
}

/* --- places ------------------------------------------------------------------ */

static const struct syn_locality locality_defs[] = {
	{ "Central", 1.45, 0.22 },
	{ "Riverside", 1.25, 0.20 },
	{ "Eastfield", 1.00, 0.20 },
	{ "Northgate", 0.80, 0.18 },
	{ "Westholme", 0.60, 0.20 },
};

static void make_places(struct synth_world *w)
{
	struct cf_rng r;
	syn_rng_seed(&r, w->opt.seed, 1);
	w->nlocalities = (int)(sizeof locality_defs / sizeof locality_defs[0]);
	memcpy(w->localities, locality_defs, sizeof locality_defs);
	/* the authority's postcode area is XS (no real area starts with X);
	 * each locality holds a few districts, each district a few sectors */
	int district = 1;
	for (int l = 0; l < w->nlocalities; l++) {
		int ndistricts = 2 + (l == 0);
		for (int k = 0; k < ndistricts; k++, district++) {
			int used = 0, nsect = cf_rng_range(&r, 3, 6);
			for (int s = 0; s < nsect; s++) {
				int digit;
				do
					digit = cf_rng_below(&r, 10);
				while (used & (1 << digit));
				used |= 1 << digit;
				struct syn_sector *sec = SYN_PUSH(w, sectors);
				snprintf(sec->name, sizeof sec->name, "XS%d %d", district, digit);
				sec->locality = l;
			}
		}
	}
	w->nlocal_sectors = (int)w->n_sectors;
	/* neighbouring authorities, where out-of-area placements are */
	static const char *const areas[] = { "XN", "XE", "XW", "XT", "XB" };
	for (int a = 0; a < 5; a++)
		for (int d = 1; d <= 4; d++)
			for (int s = 0; s < 3; s++) {
				struct syn_sector *sec = SYN_PUSH(w, sectors);
				snprintf(sec->name, sizeof sec->name, "%s%d %d", areas[a], d, (d * 3 + s * 4) % 10);
				sec->locality = -1;
			}
	/* registered providers: children's homes, secure homes, supported
	 * accommodation; a third inside the authority */
	int nhomes = 12 + (int)(w->opt.children / 2500);
	for (int i = 0; i < nhomes; i++) {
		struct syn_home *h = SYN_PUSH(w, homes);
		snprintf(h->urn, sizeof h->urn, "SC%06d", 100000 + (int)((i * 7919L + cf_rng_below(&r, 7919)) % 900000));
		int sector = cf_rng_chance(&r, 0.35) ? cf_rng_below(&r, w->nlocal_sectors)
						      : w->nlocal_sectors + cf_rng_below(&r, (int)w->n_sectors - w->nlocal_sectors);
		char unit[3];
		random_unit(&r, unit);
		snprintf(h->postcode, sizeof h->postcode, "%s%s", w->sectors[sector].name, unit);
		int kind = i % 8;
		snprintf(h->place, sizeof h->place, "%s", kind == 7 ? "K1" : kind >= 5 ? "H5" : "K2");
		double u = cf_rng_unit(&r);
		snprintf(h->provider, sizeof h->provider, "%s", u < 0.2 ? "PR1" : u < 0.9 ? "PR4" : "PR5");
	}
}

/* --- population --------------------------------------------------------------- */

/* Families: 80% formed here (first birth here), 20% move in with children;
 * either may move out (3% a year). Families are added until the number of
 * resident children aged 0-17 on the first 1 April reaches opt.children, so
 * the population is stationary and exactly that size at the start. */
static void make_population(struct synth_world *w)
{
	struct cf_rng r;
	syn_rng_seed(&r, w->opt.seed, 2);
	const double move_out_per_year = 0.03, p_move_in = 0.2;
	static const double size_w[] = { 0.40, 0.35, 0.17, 0.08 };
	cf_date formed_from = cf_date_add_years(w->history, -12);
	long resident = 0;
	while (resident < w->opt.children && !w->oom) {
		int fi = (int)w->n_families;
		struct syn_family *f = SYN_PUSH(w, families);
		cf_date first_dob;
		if (cf_rng_chance(&r, p_move_in)) {
			f->arrive = uniform_date(&r, w->history, w->end);
			first_dob = f->arrive - (cf_date)(cf_rng_unit(&r) * 17.9 * SYN_YEAR);
		} else {
			f->arrive = first_dob = uniform_date(&r, formed_from, w->end);
		}
		double stay = cf_rng_exp(&r, SYN_YEAR / move_out_per_year);
		f->leave = f->arrive + stay > w->end ? CF_DATE_NONE : f->arrive + (cf_date)stay;
		/* a locality by its share, then one of its sectors */
		double shares[SYN_MAX_LOCALITIES];
		for (int l = 0; l < w->nlocalities; l++)
			shares[l] = w->localities[l].share;
		int loc = cf_rng_pick(&r, shares, w->nlocalities);
		int nin = 0, pick;
		for (int s = 0; s < w->nlocal_sectors; s++)
			nin += w->sectors[s].locality == loc;
		pick = cf_rng_below(&r, nin);
		for (int s = 0; s < w->nlocal_sectors; s++)
			if (w->sectors[s].locality == loc && pick-- == 0) {
				f->sector = s;
				break;
			}
		random_unit(&r, f->unit);
		/* risk: lognormal with mean 1 (sigma 1.3), times the locality's */
		f->risk = (float)(cf_rng_lognormal(&r, exp(-0.605), 1.1) * w->localities[loc].risk);
		f->ethnic = (uint8_t)cf_rng_pick(&r, ethnic_weights, synth_nethnic);
		int size = 1 + cf_rng_pick(&r, size_w, 4);
		cf_date dob = first_dob;
		for (int k = 0; k < size; k++) {
			if (k)
				dob += (cf_date)(SYN_YEAR * (1.2 + 3.5 * cf_rng_unit(&r)));
			if (dob > w->end || (f->leave != CF_DATE_NONE && dob >= f->leave))
				break;                 /* not born yet, or born after the family left */
			if (dob < w->history)
				continue;              /* too old to appear in any return */
			struct syn_child *c = SYN_PUSH(w, children);
			c->family = fi;
			c->dob = dob;
			c->sex = (uint8_t)(cf_rng_chance(&r, 0.512) ? 1 : 2);
			c->ethnic = cf_rng_chance(&r, 0.93) ? f->ethnic : (uint8_t)cf_rng_pick(&r, ethnic_weights, synth_nethnic);
			c->risk = f->risk * (float)cf_rng_lognormal(&r, exp(-0.06), 0.35);
			c->disability = (uint8_t)(cf_rng_chance(&r, 0.05) ? 1 + cf_rng_below(&r, synth_ndisability - 1) : 0);
			cf_date ref = w->start;
			if (f->arrive <= ref && (f->leave == CF_DATE_NONE || f->leave > ref) && dob <= ref &&
			    cf_date_age(dob, ref) < 18)
				resident++;
		}
	}
	/* unaccompanied asylum-seeking children: 3 a year per 10,000 children,
	 * arriving aged 14-17, mostly boys; each is a family of one */
	double per_year = w->opt.children * 3.0 / 10000.0;
	double span_years = (w->end - w->history) / SYN_YEAR;
	long n = lround(per_year * span_years);
	static const uint8_t uasc_ethnic[] = { 14, 12, 17, 15, 8 };   /* BAFR AOTH OOTH BOTH MOTH */
	for (long i = 0; i < n && !w->oom; i++) {
		int fi = (int)w->n_families;
		struct syn_family *f = SYN_PUSH(w, families);
		f->arrive = uniform_date(&r, w->history, w->end);
		f->leave = f->arrive;      /* never part of the resident population */
		f->sector = cf_rng_below(&r, w->nlocal_sectors);
		random_unit(&r, f->unit);
		f->ethnic = uasc_ethnic[cf_rng_below(&r, 5)];
		struct syn_child *c = SYN_PUSH(w, children);
		c->family = fi;
		double age = cf_rng_chance(&r, 0.85) ? 16.0 + 1.9 * cf_rng_unit(&r) : 14.0 + 2.0 * cf_rng_unit(&r);
		c->dob = f->arrive - (cf_date)(age * SYN_YEAR);
		c->sex = (uint8_t)(cf_rng_chance(&r, 0.92) ? 1 : 2);
		c->ethnic = f->ethnic;
		c->uasc = 1;
	}
	/* IDs: an affine permutation of the index, so they look assigned, not counted */
	for (size_t i = 0; i < w->n_children; i++)
		w->children[i].id = (int32_t)(1000000 + ((long long)i * 7654321LL + (long long)(w->opt.seed % 9000000)) % 9000000);
}

/* --- workforce ----------------------------------------------------------------- */

/* Posts: 28 social worker posts per 10,000 children (CSWW 2024: 34,328 FTE
 * for 12.18m children), 60% case holders. Each post is filled by a chain of
 * workers; agency workers stay about a year, employees about seven
 * (turnover 14%). A post stays empty for one to three months between. */
static void make_workforce(struct synth_world *w)
{
	struct cf_rng r;
	syn_rng_seed(&r, w->opt.seed, 3);
	int posts = (int)lround(w->opt.children * 28.0 / 10000.0);
	if (posts < 6)
		posts = 6;
	static const double role_w[] = { 0.03, 0.07, 0.12, 0.12, 0.60, 0.06 };
	cf_date from = cf_date_add_years(w->history, 0);
	long serial = 1000000000L + (long)(w->opt.seed % 1000000);
	for (int p = 0; p < posts && !w->oom; p++) {
		int role = cf_rng_pick(&r, role_w, 6);
		cf_date t = from - (cf_date)cf_rng_below(&r, (int)(8 * SYN_YEAR));
		while (t <= w->end && !w->oom) {
			struct syn_worker *k = SYN_PUSH(w, workers);
			snprintf(k->id, sizeof k->id, "SW%010ld", serial + (long)w->n_workers * 7919L % 899999999L);
			k->role = (uint8_t)role;
			k->post = p;
			/* 55% of hires to practitioner posts are agency staff, who stay
			 * a year: about 17% of those posts are agency-filled at any time */
			k->agency = (uint8_t)(role >= 3 && cf_rng_chance(&r, 0.55));
			k->fte = cf_rng_chance(&r, 0.85) ? 1.0f : (float)(0.5 + 0.1 * cf_rng_below(&r, 5));
			k->start = t;
			double stay = cf_rng_exp(&r, k->agency ? 1.2 * SYN_YEAR : 7.0 * SYN_YEAR);
			k->leave = t + stay > w->end + 400 ? CF_DATE_NONE : t + (cf_date)stay;
			k->leave_reason = (uint8_t)cf_rng_below(&r, synth_nleave_reasons);
			if (k->leave == CF_DATE_NONE)
				break;
			t = k->leave + 30 + cf_rng_below(&r, 60);
		}
	}
}

int syn_pick_worker(const struct synth_world *w, struct cf_rng *r, cf_date d)
{
	int n = (int)w->n_workers, any = -1;
	for (int tries = 0; tries < 64; tries++) {
		int i = cf_rng_below(r, n);
		const struct syn_worker *k = &w->workers[i];
		if (k->role < 2 || k->role == 5)
			continue;        /* managers above first line and those without cases */
		if (any < 0)
			any = i;
		if (k->start <= d && (k->leave == CF_DATE_NONE || k->leave > d))
			return i;
	}
	return any < 0 ? 0 : any;
}

/* --- the driver --------------------------------------------------------------- */

void synth_free(struct synth_world *w)
{
	if (!w)
		return;
	free(w->sectors);
	free(w->homes);
	free(w->families);
	free(w->children);
	free(w->contacts);
	free(w->referrals);
	free(w->assessments);
	free(w->cinplans);
	free(w->s47s);
	free(w->cpps);
	free(w->early_help);
	free(w->episodes);
	free(w->missing);
	free(w->adoptions);
	free(w->periods);
	free(w->workers);
	free(w->allocs);
	free(w);
}

void synth_drift_history(struct synth_options *opt)
{
	opt->drift_referral = 0.208904;
	opt->drift_entry = 0.180658;
	opt->drift_exit = 0.068742;
}

/* Each rate's yearly multipliers, from a generator of their own so that
 * drift changes no other draw's stream. */
static void make_drift(struct synth_world *w)
{
	const double sd[SYN_NDRIFT] = { w->opt.drift_referral, w->opt.drift_entry, w->opt.drift_exit };
	struct cf_rng r;
	syn_rng_seed(&r, w->opt.seed, 7);
	for (int k = 0; k < SYN_NDRIFT; k++) {
		double lm = 0;
		for (int y = 0; y < SYN_MAX_YEARS; y++) {
			if (y > 0)
				lm += sd[k] * cf_rng_normal(&r);
			w->drift[k][y] = exp(lm);
		}
		w->drifting |= sd[k] > 0;
	}
}

double synth_drift_on(const struct synth_world *w, enum syn_drift_kind kind, cf_date d)
{
	if (!w->drifting)
		return 1.0;
	int y = cf_date_fy(d) - w->opt.first_year;
	if (y <= 0)
		return 1.0;
	if (y >= SYN_MAX_YEARS)
		y = SYN_MAX_YEARS - 1;
	/* children come into care through referrals: the chance of care from a
	 * plan moves by the entry walk over the referral walk, so that entrants
	 * per child drift as the entry walk alone (as published), not both */
	if (kind == SYN_DRIFT_ENTRY)
		return w->drift[SYN_DRIFT_ENTRY][y] / w->drift[SYN_DRIFT_REFERRAL][y];
	return w->drift[kind][y];
}

/* The indexes of the planted source and locality; CF_EUSAGE naming the
 * choices when one is not the world's. */
static int resolve_plants(struct synth_world *w, struct cf_error *err)
{
	const struct synth_options *o = &w->opt;
	w->plant_source = w->plant_locality = -1;
	if (o->plant_source_s47 > 0) {
		for (int i = 0; i < synth_nsources && o->plant_source; i++)
			if (strcmp(synth_source_codes[i], o->plant_source) == 0)
				w->plant_source = i;
		if (w->plant_source < 0)
			return cf_error_set(err, CF_EUSAGE, "no referral source '%s': use a CIN census code, 1A to 10",
					    o->plant_source ? o->plant_source : "");
	}
	if (o->plant_rereferral > 0) {
		for (int l = 0; l < w->nlocalities && o->plant_locality; l++)
			if (strcmp(w->localities[l].name, o->plant_locality) == 0)
				w->plant_locality = l;
		if (w->plant_locality < 0)
			return cf_error_set(err, CF_EUSAGE,
					    "no locality '%s': the synthetic authority's are Central, Riverside, Eastfield, "
					    "Northgate and Westholme", o->plant_locality ? o->plant_locality : "");
	}
	return CF_OK;
}

int synth_simulate(const struct synth_options *opt, struct synth_world **out, struct cf_error *err)
{
	*out = NULL;
	if (opt->children < 100 || opt->children > 5000000)
		return cf_error_set(err, CF_EUSAGE, "--children must be between 100 and 5,000,000 (not %ld)", opt->children);
	if (opt->years < 1 || opt->years > 20)
		return cf_error_set(err, CF_EUSAGE, "--years must be between 1 and 20 (not %d)", opt->years);
	if (opt->first_year < 2000 || opt->first_year + opt->years > 2100)
		return cf_error_set(err, CF_EUSAGE, "--first-year must be between 2000 and 2099 (not %d)", opt->first_year);
	struct synth_world *w = calloc(1, sizeof *w);
	if (!w)
		return cf_error_set(err, CF_EIO, "out of memory");
	int rc;
	w->opt = *opt;
	if (w->opt.la_code <= 0)
		w->opt.la_code = 999;
	w->start = cf_date_fy_start(opt->first_year);
	w->end = cf_date_fy_end(opt->first_year + opt->years - 1);
	/* care leavers are followed to 21 and episodes can be long: start the
	 * clock 22 years early so the first year's stocks are in equilibrium */
	w->history = cf_date_add_years(w->start, -22);
	make_drift(w);
	make_places(w);
	if ((rc = resolve_plants(w, err))) {
		synth_free(w);
		return rc;
	}
	make_population(w);
	make_workforce(w);
	for (size_t i = 0; i < w->n_children && !w->oom; i++)
		syn_journey(w, (int)i);
	for (size_t i = 0; i < w->n_children && !w->oom; i++)
		syn_allocate(w, (int)i);
	if (w->oom) {
		synth_free(w);
		return cf_error_set(err, CF_EIO, "out of memory simulating %ld children", opt->children);
	}
	*out = w;
	return CF_OK;
}
