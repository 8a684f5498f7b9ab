/* The synthetic local authority: a simulation of children's journeys
 * (population, front door, child protection, care, leaving care, the
 * workforce that holds their cases), kept as one set of records that each
 * writer turns into a statutory format. Every format therefore tells the
 * same story about the same children.
 *
 * synth_simulate() builds a world from options; synth_write_*() write it.
 * Everything is deterministic for a seed: no clock, no rand(). */
#ifndef CF_SYNTH_SYNTH_H
#define CF_SYNTH_SYNTH_H

#include <stddef.h>
#include <stdint.h>

#include "base/date.h"
#include "base/error.h"

struct synth_options {
	long children;        /* children aged 0-17 living in the LA at the start */
	int years;            /* collection years simulated and written */
	int first_year;       /* the first collection year starts 1 April first_year */
	uint64_t seed;
	int xml;              /* also write the SSDA903 XML layout */
	int la_code;          /* DfE three-digit LA number for headers and UPNs */
	/* Year-to-year drift: the standard deviation of each year's change in
	 * ln(rate) of referrals (the share of concerns taken on as one), of children
	 * starting to be looked after per child and of leaving care; 0 for none
	 * (the default: rates that hold). Each is a random walk from the second
	 * collection year. synth_drift_history sets what every council's
	 * published history shows (docs/synth.md, "Drift"). */
	double drift_referral, drift_entry, drift_exit;
	/* Known effects planted so that compare, drivers and evaluate can be
	 * checked against them (docs/synth.md, "Planted effects"). A ratio of 0
	 * plants nothing, and then no random number is drawn differently. */
	const char *plant_source;      /* a referral source code (synth_source_codes) ... */
	double plant_source_s47;       /* ... whose referrals lead to a section 47 enquiry this many times
	                                * as often (capped at 95%) */
	const char *plant_locality;    /* a locality (Central, Riverside ...) running a pilot ... */
	cf_date plant_from;            /* ... from this day, under which a concern about one of its children
	                                * within a year of their case closing ... */
	double plant_rereferral;       /* ... becomes a referral this many times as often (0.5: half) */
};

/* The drift of every council's published history (caseflow calibrate's
 * drift table, all councils): referral rate 20.9%, entry rate to care
 * 18.1%, exit rate 6.9% a year. */
void synth_drift_history(struct synth_options *opt);

enum syn_drift_kind { SYN_DRIFT_REFERRAL, SYN_DRIFT_ENTRY, SYN_DRIFT_EXIT, SYN_NDRIFT };
#define SYN_MAX_YEARS 21

/* --- places ---------------------------------------------------------------- */

#define SYN_MAX_LOCALITIES 6

struct syn_locality {
	const char *name;
	double risk;          /* multiplies the concern rate of families living there */
	double share;         /* share of the authority's families */
};

struct syn_sector {
	char name[8];         /* "XS4 7": outward code, space, sector digit */
	int locality;         /* index into localities; -1 outside the authority */
};

/* A registered provider (children's home, supported accommodation) with an
 * Ofsted URN and a fixed postcode, so URN and PL_POST agree. */
struct syn_home {
	char urn[9];          /* "SC123456" */
	char postcode[9];
	char place[3];        /* K2, K1, H5 ... */
	char provider[4];     /* PR1 own LA, PR4 private, PR5 voluntary */
};

/* The multiplier of rate `kind` on day d (1 without drift). */
struct synth_world;
double synth_drift_on(const struct synth_world *w, enum syn_drift_kind kind, cf_date d);

/* --- people ---------------------------------------------------------------- */

struct syn_family {
	cf_date arrive;       /* moved in (or formed here) */
	cf_date leave;        /* moved out; CF_DATE_NONE when they stay */
	int sector;           /* home postcode sector */
	char unit[3];         /* inward-code letters of the home postcode */
	float risk;           /* shared part of the children's risk */
	uint8_t ethnic;       /* index into synth_ethnic_codes */
};

struct syn_child {
	int32_t id;           /* LA child ID (7 digits) */
	int32_t family;
	cf_date dob;
	float risk;           /* concern rate multiplier (family x child x locality) */
	uint8_t sex;          /* 1 male, 2 female */
	uint8_t ethnic;
	uint8_t disability;   /* 0 none, else index into synth_disability_codes */
	uint8_t uasc;         /* arrived as an unaccompanied asylum-seeking child */
	/* first record of each kind for this child, and how many (records are
	 * stored grouped by child, in date order) */
	int32_t contact0, ncontacts;
	int32_t referral0, nreferrals;
	int32_t episode0, nepisodes;
	int32_t missing0, nmissing;
	int32_t alloc0, nallocs;
	int32_t adoption0, nadoptions;
	int32_t period0, nperiods;
};

/* --- the front door ---------------------------------------------------------- */

enum syn_contact_outcome { SYN_CO_NFA, SYN_CO_ADVICE, SYN_CO_EARLY_HELP, SYN_CO_REFERRAL, SYN_CO_N };

struct syn_contact {
	int32_t child;
	cf_date date;
	uint8_t source;       /* index into synth_source_codes */
	uint8_t outcome;      /* enum syn_contact_outcome */
};

/* A CIN episode: from referral to closure, with what happened inside it.
 * The indexes point at the first record of each kind for this referral. */
struct syn_referral {
	int32_t child;
	cf_date date;
	cf_date closed;       /* CF_DATE_NONE while open at the end of the simulation */
	uint8_t source;
	uint8_t need;         /* index into synth_need_codes; 0 = none (NFA, not in need) */
	uint8_t closure;      /* 1..9 for RC1..RC9; 0 while open */
	uint8_t nfa;
	int32_t assess0, nassess;
	int32_t cinplan0, ncinplans;
	int32_t s470, ns47;
	int32_t cpp0, ncpps;
};

struct syn_assessment {
	int32_t referral;
	cf_date start, authorised;
	uint64_t factors;     /* bit i = synth_factor_codes[i] */
};

struct syn_cinplan {
	int32_t referral;
	cf_date start, end;   /* end CF_DATE_NONE while open */
};

struct syn_s47 {
	int32_t referral;
	cf_date start;
	cf_date icpc;         /* initial child protection conference, or CF_DATE_NONE */
	uint8_t icpc_not_required;
};

enum syn_abuse { SYN_NEG, SYN_EMO, SYN_PHY, SYN_SAB, SYN_MUL, SYN_NABUSE };

struct syn_cpp {
	int32_t referral;
	cf_date start, end;
	uint8_t initial_cat, latest_cat;   /* enum syn_abuse */
	uint8_t previous;                  /* plans this child had before */
};

struct syn_early_help {
	int32_t family;
	int32_t child;
	cf_date start, end;   /* end CF_DATE_NONE while open */
	uint8_t lead;         /* index into synth_eh_leads */
	uint8_t outcome;      /* index into synth_eh_outcomes */
};

/* --- care ---------------------------------------------------------------- */

struct syn_episode {
	int32_t child;
	cf_date start, end;   /* end CF_DATE_NONE while open at the end */
	char rne;             /* S L P T B U */
	char ls[3], place[3];
	char provider[4];     /* "" where none is recorded (T*, Z1) */
	char rec[4];          /* X1 within a period; the reason the period ended; "" open */
	uint8_t rpc;          /* reason for placement change, index+1 into synth_rpc_codes; 0 none */
	uint8_t cin;          /* category of need 1..8 (N1..N8) */
	int16_t home;         /* -1 when the home postcode is not recorded */
	char pl_post[9];      /* "" when not recorded */
	char urn[9];          /* "" when not applicable */
	/* permanence facts carried on the episode that ends a period */
	uint8_t uasc;
};

struct syn_missing {
	int32_t child;
	cf_date start, end;
	char type;            /* 'M' missing, 'A' away without authorisation */
};

/* One child's adoption journey (AD1, placed for adoption). */
struct syn_adoption {
	int32_t child;
	cf_date decision;     /* DATE_INT: decided the child should be placed for adoption */
	cf_date match;        /* DATE_MATCH, or CF_DATE_NONE */
	cf_date placed;       /* placed with prospective adopters, or CF_DATE_NONE */
	cf_date adopted;      /* adoption order, or CF_DATE_NONE */
	cf_date reversed;     /* decision reversed, or CF_DATE_NONE */
	uint8_t reverse_reason;           /* 1..4 for RD1..RD4 */
	uint8_t foster_carer, nb_adopters;
	char sex_adopters[3], ls_adopters[4];
};

/* A child's period of care starting: what permanence they had before. */
struct syn_period {
	int32_t child;
	cf_date start;
	char prev_perm[3];    /* P1 adoption, P2 SGO, P3 CAO, Z1 none */
	char date_perm[11];   /* dd/mm/yyyy, zz for unknown parts, "" */
	char la_perm[4];
};

/* --- workforce ------------------------------------------------------------- */

struct syn_worker {
	char id[13];          /* "SW" and 10 digits: the SWENo, also the 903 SW_ID */
	cf_date start, leave; /* leave CF_DATE_NONE while in post */
	uint8_t role;         /* index into synth_worker_roles */
	uint8_t agency;
	float fte;
	int32_t post;         /* the post this worker fills (posts are chains of workers) */
	uint8_t leave_reason; /* index into synth_leave_reasons when left */
};

/* A social worker allocated to a child (SSDA903 social worker episodes,
 * workforce caseloads). */
struct syn_alloc {
	int32_t child;
	int32_t worker;
	cf_date start, end;   /* end CF_DATE_NONE while allocated at the end */
	uint8_t reason;       /* index into synth_sw_reasons */
};

/* --- the world ------------------------------------------------------------- */

#define SYN_VEC(type, name) type *name; size_t n_##name, cap_##name

struct synth_world {
	struct synth_options opt;
	cf_date start, end;         /* 1 April first year .. 31 March of the last */
	cf_date history;            /* simulated from here, so stocks are right at start */
	/* each rate's multiplier by collection year (first year + i): 1 in the
	 * first year and before, then a random walk in ln (opt.drift_*) */
	double drift[SYN_NDRIFT][SYN_MAX_YEARS];
	int drifting;               /* any drift asked for */

	int nlocalities;
	struct syn_locality localities[SYN_MAX_LOCALITIES];
	int plant_source, plant_locality;   /* opt.plant_*'s indexes, -1 when nothing is planted */
	SYN_VEC(struct syn_sector, sectors);   /* in-LA sectors first, then neighbours */
	int nlocal_sectors;
	SYN_VEC(struct syn_home, homes);

	SYN_VEC(struct syn_family, families);
	SYN_VEC(struct syn_child, children);
	SYN_VEC(struct syn_contact, contacts);
	SYN_VEC(struct syn_referral, referrals);
	SYN_VEC(struct syn_assessment, assessments);
	SYN_VEC(struct syn_cinplan, cinplans);
	SYN_VEC(struct syn_s47, s47s);
	SYN_VEC(struct syn_cpp, cpps);
	SYN_VEC(struct syn_early_help, early_help);
	SYN_VEC(struct syn_episode, episodes);
	SYN_VEC(struct syn_missing, missing);
	SYN_VEC(struct syn_adoption, adoptions);
	SYN_VEC(struct syn_period, periods);
	SYN_VEC(struct syn_worker, workers);
	SYN_VEC(struct syn_alloc, allocs);
	int oom;                    /* a record could not be stored */
};

/* Code lists the records index into (DfE codes). */
extern const char *const synth_ethnic_codes[];
extern const int synth_nethnic;
extern const char *const synth_source_codes[];      /* CIN referral sources 1A..10 */
extern const int synth_nsources;
extern const char *const synth_need_codes[];        /* [0] "" then N1..N9 */
extern const char *const synth_factor_codes[];      /* assessment factors 1A..24A, 21 */
extern const int synth_nfactors;
extern const char *const synth_abuse_codes[SYN_NABUSE];
extern const char *const synth_rpc_codes[];         /* REASON_PLACE_CHANGE */
extern const int synth_nrpc;
extern const char *const synth_disability_codes[];  /* [0] NONE */
extern const int synth_ndisability;
extern const char *const synth_contact_outcomes[SYN_CO_N];
extern const char *const synth_eh_leads[];
extern const int synth_neh_leads;
extern const char *const synth_eh_outcomes[];
extern const int synth_neh_outcomes;
extern const char *const synth_worker_roles[];
extern const int synth_nroles;
extern const char *const synth_sw_reasons[];
extern const int synth_nsw_reasons;
extern const char *const synth_leave_reasons[];
extern const int synth_nleave_reasons;

/* Build the world. On success *out is owned by the caller (synth_free).
 * Fails with CF_EUSAGE on options out of range, CF_EIO on memory. */
int synth_simulate(const struct synth_options *opt, struct synth_world **out, struct cf_error *err);
void synth_free(struct synth_world *w);

/* Helpers the writers share. */
void synth_year_bounds(const struct synth_world *w, int fy, cf_date *from, cf_date *to);
/* "2023-24" for fy 2023 */
void synth_year_name(int fy, char buf[8]);
/* The child's home postcode ("XS4 7AB"), written into buf[9]. */
void synth_home_postcode(const struct synth_world *w, const struct syn_child *c, char buf[9]);
/* The child's UPN (13 characters with a valid check letter) into buf[14]. */
void synth_upn(const struct synth_world *w, const struct syn_child *c, char buf[14]);
/* dd/mm/yyyy into buf[11]; "" for CF_DATE_NONE. */
void synth_date_dmy(cf_date d, char buf[11]);

/* A year's figures in DfE's definitions, straight from the simulation. */
struct synth_year_stats {
	int fy;
	long population;                    /* aged 0-17 on 30 June */
	long contacts, referrals, rereferrals, referrals_nfa;
	long assessments, assessments_45wd; /* authorised in the year; within 45 working days */
	long s47, icpc, icpc_15wd;
	long cpp_started, cpp_second, cpp_ended, cpp_ended_2y, cpp_at_31march;
	long cin_at_31march;                /* CIN episodes open on 31 March */
	long cla_at_31march, cla_foster, cla_started, cla_ceased;
};
int synth_year_stats(const struct synth_world *w, int fy, struct synth_year_stats *s);

/* Writers: each writes every collection year under dir/<yyyy-yy>/ (made
 * when missing) and reports the first failure. */
int synth_write_ssda903(const struct synth_world *w, const char *dir, struct cf_error *err);
/* DIR/<yyyy-yy>/cin_census.xml, valid against that year's DfE XSD. */
int synth_write_cin(const struct synth_world *w, const char *dir, struct cf_error *err);
/* DIR/<yyyy-yy>/contacts.csv and early_help.csv; DIR/localities.csv,
 * child_areas.csv and population.csv for the whole authority. */
int synth_write_local(const struct synth_world *w, const char *dir, struct cf_error *err);
/* DIR/placement_costs.csv, foster_households.csv, homes.csv, budgets.csv
 * and ledger.csv for the whole authority (write_money.c; docs/money.md). */
int synth_write_money(const struct synth_world *w, const char *dir, struct cf_error *err);
/* DIR/family_members.csv, allocations.csv, family_plans.csv,
 * partner_records.csv and audits.csv for the whole authority
 * (write_families.c; docs/families.md). */
int synth_write_families(const struct synth_world *w, const char *dir, struct cf_error *err);
/* DIR/<yyyy-yy>/annex_a.xlsx: Ofsted's Annex A (Lists 1-11) as the
 * council would give it for an inspection on 31 March (docs/synth.md says
 * which records each list holds). Byte-identical for the same seed. */
int synth_write_annexa(const struct synth_world *w, const char *dir, struct cf_error *err);
/* DIR/<yyyy-yy>/workforce.xml: the children's social work workforce
 * census at 30 September of the collection year (DfE CSWW layout). */
int synth_write_workforce(const struct synth_world *w, const char *dir, struct cf_error *err);
/* DIR/ssd_*.csv: the authority as a Standard Safeguarding Dataset
 * extract on the last day simulated, holding the records every year's
 * returns hold (write_ssd.c; docs/ssd.md). Not part of synth_write_all:
 * loading it beside the returns would count the same children twice. */
int synth_write_ssd(const struct synth_world *w, const char *dir, struct cf_error *err);
/* Every format above. */
int synth_write_all(const struct synth_world *w, const char *dir, struct cf_error *err);

#endif
