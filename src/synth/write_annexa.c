/* The synthetic authority's Annex A: per collection year, the workbook of
 * Ofsted's ILACS child-level lists (List 1 ... List 11) as the council would
 * give it for an inspection on 31 March, from the same simulated records as
 * the CIN census and the SSDA903 return (docs/synth.md: which records each
 * list holds). Headers and values are spelt as Annex_A_schema.yml gives
 * Ofsted's template; dates are Excel dates; names are never written. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <xlsxwriter.h>

#include "synth/rng.h"
#include "synth/synth.h"
#include "synth/write.h"

#define NONE CF_DATE_NONE
#define NLISTS 11

/* Ofsted's headers, in template order (Annex_A_schema.yml column_map). */
#define PERSON "Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)"
#define DISABILITY "Does the Child have a Disability"
#define ALLOCATED "Allocated Team", "Allocated Worker"
static const char *const headers[NLISTS][40] = {
	{ PERSON, "Date of Contact", "Contact Source" },
	{ PERSON, "Assessment start date", "Assessment completion date", "Organisation completing assessment" },
	{ PERSON, "Date of referral", "Referral Source", "Referral NFA?", "Number of Referrals in Last 12 Months",
	  ALLOCATED },
	{ PERSON, DISABILITY, "Continuous Assessment Start Date", "Child Seen During Continuous Assessment",
	  "Continuous Assessment Date of Authorisation",
	  "Was the child assessed as requiring LA children's social care support?", ALLOCATED },
	{ PERSON, DISABILITY, "Strategy discussion initiating Section 47 Enquiry Start Date",
	  "Was an Initial Child Protection Conference deemed unnecessary?", "Date of Initial Child Protection Conference",
	  "Did the Initial Child Protection Conference Result in a Child Protection Plan",
	  "Number of Section 47 Enquiries in the last 12 months", "Number of ICPCs in the last 12 months", ALLOCATED },
	{ PERSON, DISABILITY, "CIN Start Date", "Primary Need Code", "Date Child Was Last Seen", "CIN Closure Date",
	  "Reason for Closure", "Case Status", ALLOCATED },
	{ PERSON, DISABILITY, "Child Protection Plan Start Date", "Initial Category of Abuse", "Latest Category of Abuse",
	  "Date of the Last Statutory Visit", "Was the Child Seen Alone?", "Date of latest review conference",
	  "Child Protection Plan End Date",
	  "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)",
	  "Number of Previous Child Protection Plans", ALLOCATED },
	{ PERSON, "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)", DISABILITY,
	  "Date Started to be Looked After", "Child's Category of Need",
	  "Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)",
	  "Start date of current legal status", "Child's Legal Status", "Date of Latest Statutory Review",
	  "Date of Last Social Work Visit", "What is the permanence plan for this child?",
	  "Date of Last IRO Visit / Contact to the Child", "Date of Last Health Assessment", "Date of Last Dental Check",
	  "Number of Placements in the Last 12 months", "Date Ceased to be Looked After",
	  "Reason Ceased to be Looked After", "Start Date of Most Recent Placement", "Placement Type",
	  "Placement Provider", "Placement postcode", "URN of Placement", "Placement Location", "LA of Placement",
	  "Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months",
	  "Number of Episodes the Child has been 'Absent' from their Placement in the last 12 months",
	  "Was the child offered a Return Interview after their last missing episode (Y/N)?",
	  "Did the child accept a Return Interview after their last missing episode (Y/N)?", ALLOCATED },
	{ PERSON, "Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)", DISABILITY,
	  ALLOCATED, "Allocated Personal Advisor", "Eligibility Category", "Latest Pathway Plan Review Date",
	  "LA in Touch", "Latest Date of Contact", "Type of Accommodation", "Suitability of Accommodation",
	  "Activity Status" },
	{ "Child Unique ID", "Family identifier", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)",
	  DISABILITY, "Date the Child Entered Care", "Date of Decision that Child Should be Placed for Adoption",
	  "Date of Placement Order", "Date of Matching Child and Prospective Adopters", "Date Placed for Adoption",
	  "Date of Adoption Order", "Date of Decision that Child Should No Longer be Placed for Adoption",
	  "Reason Why Child No Longer Placed for Adoption",
	  "Date the child was placed for fostering in FFA or concurrent planning placement" },
	{ "Individual adopter identifier", "Family identifier", "Gender", "Ethnicity", "Disability",
	  "Is the (prospective) adopter fostering for adoption?", "Date enquiry received", "Date Stage 1 started",
	  "Date Stage 1 ended", "Date Stage 2 started", "Date Stage 2 ended", "Date application submitted",
	  "Date application approved", "Date adopter matched with child(ren)",
	  "Date child/children placed with adopter(s)", "No. of children placed", "Date of Adoption Order",
	  "Date of leaving adoption process", "Reason for leaving adoption process" },
};

/* --- Ofsted's value spellings (the template's, as the schema lists them) --- */

struct label {
	const char *code, *text;
};

static const struct label ethnic_labels[] = {
	{ "WBRI", "a) WBRI" }, { "WIRI", "b) WIRI" }, { "WIRT", "c) WIRT" }, { "WOTH", "d) WOTH" }, { "WROM", "e) WROM" },
	{ "MWBC", "f) MWBC" }, { "MWBA", "g) MWBA" }, { "MWAS", "h) MWAS" }, { "MOTH", "i) MOTH" }, { "AIND", "j) AIND" },
	{ "APKN", "k) APKN" }, { "ABAN", "l) ABAN" }, { "AOTH", "m) AOTH" }, { "BCRB", "n) BCRB" }, { "BAFR", "o) BAFR" },
	{ "BOTH", "p) BOTH" }, { "CHNE", "q) CHNE" }, { "OOTH", "r) OOTH" }, { "REFU", "s) REFU" }, { "NOBT", "s) NOBT" },
};

static const struct label source_labels[] = {
	{ "1A", "a) 1A: Individual" }, { "1B", "b) 1B: Individual" }, { "1C", "c) 1C: Individual" },
	{ "1D", "d) 1D: Individual" }, { "2A", "e) 2A: Schools" }, { "2B", "f) 2B: Education services" },
	{ "3A", "g) 3A: Health services" }, { "3B", "h) 3B: Health services" }, { "3C", "i) 3C: Health services" },
	{ "3D", "j) 3D: Health services" }, { "3E", "k) 3E: Health services" }, { "3F", "l) 3F: Health services" },
	{ "4", "m) 4: Housing" }, { "5A", "n) 5A: LA services" }, { "5B", "o) 5B: LA services" },
	{ "5C", "p) 5C: LA services" }, { "5D", "p1) 5D: LA services" }, { "6", "q) 6: Police" },
	{ "7", "r) 7: Other legal agency" }, { "8", "s) 8: Other" }, { "9", "t) 9: Anonymous" }, { "10", "u) 10: Unknown" },
};

static const struct label need_labels[] = {
	{ "N1", "N1 - Abuse or neglect" }, { "N2", "N2 - Child\u2019s disability" },
	{ "N3", "N3 - Parental disability or illness" }, { "N4", "N4 - Family in acute stress" },
	{ "N5", "N5 - Family dysfunction" }, { "N6", "N6 - Socially unacceptable behaviour" },
	{ "N7", "N7 - Low income" }, { "N8", "N8 - Absent parenting" },
	{ "N9", "N9 - Cases other than children in need" },
};

static const char *const closure_labels[10] = {
	"", "RC1 - Adopted", "RC2 - Died", "RC3 - Child arrangements order", "RC4 - Special guardianship order",
	"RC5 - Transferred to services of another local authority", "RC6 - Transferred to adult social care services",
	"RC7 - Services ceased for any other reason, including child no longer in need",
	"RC8 - Case closed after assessment, no further action",
	"RC9 - Case closed after assessment, referred to early help",
};

/* by enum syn_abuse: NEG, EMO, PHY, SAB, MUL */
static const char *const abuse_labels[SYN_NABUSE] = {
	"a) Neglect", "d) Emotional abuse", "b) Physical abuse", "c) Sexual abuse", "e) Multiple/not recommended",
};

static const struct label legal_labels[] = {
	{ "C1", "C1: ICO" }, { "C2", "C2: FCO" }, { "D1", "D1: Freeing order" }, { "E1", "E1: Placement order" },
	{ "V2", "V2: Single period under S20" }, { "V3", "V3: Short term breaks, episodes recorded" },
	{ "V4", "V4: Short term breaks, agreements recorded" }, { "L1", "L1: Police protection LA accommodation" },
	{ "L2", "L2: EPO" }, { "L3", "L3: Child assessment order LA accommodation" },
	{ "J1", "J1: Remanded to LA or youth detention" }, { "J2", "J2: LA accommodation under PACE" },
	{ "J3", "J3: Youth rehabilitation order" },
};

static const struct label rec_labels[] = {
	{ "E11", "a) E11: Adopted - application unopposed" }, { "E12", "b) E12: Adopted - consent dispensed" },
	{ "E2", "c) E2: Died" }, { "E3", "d) E3: Care taken by another LA" },
	{ "E4A", "e) E4A: Returned home to live with parents or relatives - part of planning" },
	{ "E4B", "f) E4B: Returned home to live with parents or relatives - not part of planning" },
	{ "E13", "g) E13: Parents, relatives or other with no parental responsibility" },
	{ "E41", "h) E41: Residence order granted" },
	{ "E45", "i) E45: Special Guardianship Orders - former carer relative/friend" },
	{ "E46", "j) E46: Special Guardianship Orders - former carer other" },
	{ "E47", "k) E47: Special Guardianship Orders - relative/friend" },
	{ "E48", "l) E48: Special Guardianship Orders - other" },
	{ "E5", "m) E5: Moved into independent living - supported" },
	{ "E6", "n) E6: Moved into independent living - no support" },
	{ "E7", "o) E7: Transferred to residential care funded by adult social services" },
	{ "E9", "p) E9: Sentenced to custody" }, { "E14", "q) E14: Accommodation on remand ended" },
	{ "E15", "r) E15: Age assessment determined child was 18 or over" }, { "E16", "s) E16: Child moved abroad" },
	{ "E8", "t) E8: Care ceased for any other reason" },
	{ "E17", "v) E17: Aged 18 (or over) and remained with current carers (inc under staying put arrangements)" },
};

/* K3 (supported accommodation, from 28 October 2023) is newer than the
 * template: written as DfE spells it. */
static const struct label place_labels[] = {
	{ "U1", "a) U1: Foster placement - relatives - long term" }, { "U2", "b) U2: Foster placement - relative - FFA" },
	{ "U3", "c) U3: Foster placement - relative - not FFA" }, { "U4", "d) U4: Foster placement - long term" },
	{ "U5", "e) U5: Foster placement - FFA" }, { "U6", "f) U6: Foster placement - not FFA" },
	{ "A3", "g) A3: Placed for adoption - consent - current foster" },
	{ "A4", "h) A4: Placed for adoption - consent - not foster" },
	{ "A5", "i) A5: Placed for adoption - order - foster" }, { "A6", "j) A6: Placed for adoption - order - not foster" },
	{ "P1", "k) P1: Placed with parents" }, { "P2", "l) P2: Independent living" },
	{ "P3", "m) P3: Residential employment" }, { "H5", "n) H5: Residential accommodation" },
	{ "K1", "o) K1: Secure Children\u2019s Homes" }, { "K2", "p) K2: Children\u2019s Homes" },
	{ "K3", "K3: Supported accommodation" },
	{ "R1", "q) R1: Residential Care Home" }, { "R2", "r) R2: NHS/Health Trust" },
	{ "R3", "s) R3: Family Centre or Mother and Baby Unit" }, { "R5", "t) R5: Young Offender Institution" },
	{ "S1", "u) S1: Residential school" }, { "Z1", "v) Z1: Other placements" }, { "T0", "w) T0: Temporary placement" },
	{ "T1", "x) T1: Temporary placement - hospital" }, { "T2", "y) T2: Temporary placement - holiday" },
	{ "T3", "z) T3: Temporary placement - carer holiday" },
	{ "T4", "zz) T4: Temporary placement - seven days or less" },
};

static const struct label provider_labels[] = {
	{ "PR0", "a) PR0: Parents/Parental responsibility" }, { "PR1", "b) PR1: Own provision" },
	{ "PR2", "c) PR2: Other LA provision" }, { "PR3", "d) PR3: Other public provision" },
	{ "PR4", "e) PR4: Private provision" }, { "PR5", "f) PR5: Voluntary/third sector" },
};

static const struct label in_touch_labels[] = {
	{ "YES", "a) Yes" }, { "NO", "b) No" }, { "DIED", "c) Died" }, { "REFU", "d) Refu" }, { "NREQ", "e) NREQ" },
	{ "RHOM", "f) Rhom" },
};

static const struct label accom_labels[] = {
	{ "B", "B: Parents/relatives" }, { "C", "C: Community home / residential care" },
	{ "D", "D: Semi-independent, transitional accommodation and self-contained accommodation" },
	{ "E", "E: Supported lodgings" }, { "G", "G: Abroad" }, { "H", "H: Deported" },
	{ "K", "K: Ordinary lodgings, without formal support" }, { "R", "R: Residence not known" },
	{ "S", "S: No fixed abode / homeless" }, { "T", "T: Foyers and similar supported accommodation" },
	{ "U", "U: Independent living" }, { "V", "V: Emergency accommodation" }, { "W", "W: Bed and breakfast" },
	{ "X", "X: In custody" }, { "Y", "Y: Other accommodation" }, { "Z", "Z: With former foster carers" },
};

static const struct label activity_labels[] = {
	{ "F1", "F1: Full time in higher education" }, { "P1", "P1: Part time in higher education" },
	{ "F2", "F2: Full time in education other than higher" }, { "P2", "P2: Part time in education other than higher" },
	{ "F3", "F3: Full time in training or employment" }, { "P3", "P3: Part time in training or employment" },
	{ "F4", "F4: Young person engaged full time in an apprenticeship" },
	{ "P4", "P4: Young person engaged part time in an apprenticeship" },
	{ "F5", "F5: Young person engaged full time in training or employment (not apprenticeship)" },
	{ "P5", "P5: Young person engaged part time in training or employment (not apprenticeship)" },
	{ "G4", "G4: Not in education, employment or training - illness or disability" },
	{ "G5", "G5: Not in education, employment or training - other" },
	{ "G6", "G6: Not in education, employment or training - pregnancy or parenting" },
};

static const char *const reversal_labels[5] = {
	"", "RD1 - The child\u2019s needs changed subsequent to the decision",
	"RD2 - The Court did not make a placement order", "RD3 - Prospective adopters could not be found",
	"RD4 - Any other reason",
};

#define LOOKUP(table, code) lookup(table, sizeof table / sizeof table[0], code)

/* The template's spelling of a DfE code; the code itself when the template
 * has none (so nothing is ever silently dropped). */
static const char *lookup(const struct label *t, size_t n, const char *code)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(t[i].code, code))
			return t[i].text;
	return code;
}

static const char *yes_no(int yes) { return yes ? "a) Yes" : "b) No"; }

/* --- writing cells ------------------------------------------------------------ */

struct ax_out {
	const struct synth_world *w;
	lxw_workbook *wb;
	lxw_worksheet *ws[NLISTS];
	lxw_row_t rows[NLISTS];   /* rows written so far, the header included */
	lxw_format *bold, *date;
	int fy, census;           /* collection year (2023 for 2023-24); census year 2024 */
	cf_date from, to;         /* the collection year: the inspection falls on `to` */
	cf_date six;              /* the first day of the six months before `to` */
	lxw_error failed;
};

static void note(struct ax_out *o, lxw_error e)
{
	if (e != LXW_NO_ERROR && o->failed == LXW_NO_ERROR)
		o->failed = e;
}

/* Start the next row of list l (1..11); cells go to row o->rows[l-1] - 1. */
static lxw_row_t next_row(struct ax_out *o, int l)
{
	return o->rows[l - 1]++;
}

static void text(struct ax_out *o, int l, lxw_row_t r, int col, const char *s)
{
	if (s && s[0])
		note(o, worksheet_write_string(o->ws[l - 1], r, (lxw_col_t)col, s, NULL));
}

static void number(struct ax_out *o, int l, lxw_row_t r, int col, long v)
{
	note(o, worksheet_write_number(o->ws[l - 1], r, (lxw_col_t)col, (double)v, NULL));
}

/* An Excel date (1900 system: serial 25569 is 1 January 1970); dates after
 * the inspection are not known yet and stay blank. */
static void date(struct ax_out *o, int l, lxw_row_t r, int col, cf_date d)
{
	if (d != NONE && d <= o->to)
		note(o, worksheet_write_number(o->ws[l - 1], r, (lxw_col_t)col, (double)d + 25569.0, o->date));
}

/* Child Unique ID, Gender, Ethnicity, Date of Birth, Age (on 31 March). */
static int person(struct ax_out *o, int l, lxw_row_t r, const struct syn_child *c)
{
	char id[16];
	snprintf(id, sizeof id, "%d", c->id);
	text(o, l, r, 0, id);
	text(o, l, r, 1, c->sex == 1 ? "a) Male" : "b) Female");
	text(o, l, r, 2, LOOKUP(ethnic_labels, synth_ethnic_codes[c->ethnic]));
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
	return LOOKUP(source_labels, o->census < 2023 && !strcmp(code, "5D") ? "5C" : code);
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
		text(o, 6, r, col++, LOOKUP(need_labels, x->need ? synth_need_codes[x->need] : "N9"));
		date(o, 6, r, col++, seen);
		if (closed) {
			date(o, 6, r, col, x->closed);
			text(o, 6, r, col + 1, rc >= 1 && rc <= 9 ? closure_labels[rc] : "");
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
			text(o, 7, r, col++, abuse_labels[x->initial_cat]);
			text(o, 7, r, col++, abuse_labels[x->latest_cat]);
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
	text(o, 8, r, col++, LOOKUP(need_labels, cin));
	text(o, 8, r, col++, yes_no(again));
	date(o, 8, r, col++, eps[ls0].start);
	text(o, 8, r, col++, LOOKUP(legal_labels, e->ls));
	date(o, 8, r, col++, review);
	date(o, 8, r, col++, sw_visit);
	text(o, 8, r, col++, permanence_plan(w, c, first, until));
	date(o, 8, r, col++, iro);
	date(o, 8, r, col++, health);
	date(o, 8, r, col++, dental);
	number(o, 8, r, col++, placements);
	if (ceased) {
		date(o, 8, r, col, e->end);
		text(o, 8, r, col + 1, LOOKUP(rec_labels, e->rec));
	}
	col += 2;
	date(o, 8, r, col++, eps[place0].start);
	text(o, 8, r, col++, LOOKUP(place_labels, e->place));
	if (e->provider[0])
		text(o, 8, r, col, LOOKUP(provider_labels, e->provider));
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
	text(o, 9, r, col++, LOOKUP(in_touch_labels, oc3.in_touch));
	if (in_touch)
		date(o, 9, r, col, contact);
	col++;
	if (accom[0]) {
		text(o, 9, r, col, LOOKUP(accom_labels, accom));
		text(o, 9, r, col + 1, oc3.accom[1] == '1' ? "a) Suitable" : "b) Unsuitable");
	}
	col += 2;
	if (oc3.activ[0])
		text(o, 9, r, col, LOOKUP(activity_labels, oc3.activ));
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
	text(o, 10, r, 3, LOOKUP(ethnic_labels, synth_ethnic_codes[c->ethnic]));
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
	if (ad->reversed != NONE && ad->reversed <= o->to)
		text(o, 10, r, 14, reversal_labels[ad->reverse_reason >= 1 && ad->reverse_reason <= 4 ? ad->reverse_reason : 4]);
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
	/* rows go out in order, so a large authority's workbook never sits in memory */
	lxw_workbook_options opts = { .constant_memory = LXW_TRUE, .tmpdir = NULL, .use_zip64 = LXW_FALSE };
	o.wb = workbook_new_opt(path, &opts);
	if (!o.wb)
		return cf_error_at(err, CF_EIO, path, 0, NULL, NULL, "cannot create workbook");
	/* a fixed creation time (9am on the day after the year ends) so that the
	 * same seed gives the same bytes */
	lxw_doc_properties props = { .title = "Annex A", .author = "caseflow synth",
				     .comments = "Synthetic data: no real child is described",
				     .created = (time_t)(o.to + 1) * 86400 + 9 * 3600 };
	note(&o, workbook_set_properties(o.wb, &props));
	o.bold = workbook_add_format(o.wb);
	o.date = workbook_add_format(o.wb);
	format_set_bold(o.bold);
	format_set_num_format(o.date, "dd/mm/yyyy");
	for (int l = 1; l <= NLISTS; l++) {
		char name[16];
		snprintf(name, sizeof name, "List %d", l);
		lxw_worksheet *ws = o.ws[l - 1] = workbook_add_worksheet(o.wb, name);
		if (!ws) {
			note(&o, LXW_ERROR_MEMORY_MALLOC_FAILED);
			break;
		}
		for (int c = 0; headers[l - 1][c]; c++) {
			note(&o, worksheet_write_string(ws, 0, (lxw_col_t)c, headers[l - 1][c], o.bold));
			size_t n = strlen(headers[l - 1][c]);
			note(&o, worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, n > 40 ? 40 : n < 12 ? 12 : (double)n, NULL));
		}
		worksheet_freeze_panes(ws, 1, 0);
		o.rows[l - 1] = 1;
	}
	for (size_t i = 0; i < w->n_children && o.failed == LXW_NO_ERROR; i++)
		list1(&o, &w->children[i]);
	if (o.failed == LXW_NO_ERROR)
		list2(&o);
	for (size_t i = 0; i < w->n_children && o.failed == LXW_NO_ERROR; i++)
		list3(&o, &w->children[i]);
	for (size_t i = 0; i < w->n_children && o.failed == LXW_NO_ERROR; i++)
		list4(&o, &w->children[i], (int)i);
	for (size_t i = 0; i < w->n_children && o.failed == LXW_NO_ERROR; i++)
		list5(&o, &w->children[i]);
	for (size_t i = 0; i < w->n_children && o.failed == LXW_NO_ERROR; i++)
		list6(&o, &w->children[i], (int)i);
	for (size_t i = 0; i < w->n_children && o.failed == LXW_NO_ERROR; i++)
		list7(&o, &w->children[i], (int)i);
	for (size_t i = 0; i < w->n_children && o.failed == LXW_NO_ERROR; i++)
		list8(&o, &w->children[i], (int)i);
	for (size_t i = 0; i < w->n_children && o.failed == LXW_NO_ERROR; i++)
		list9(&o, &w->children[i], (int)i);
	for (size_t i = 0; i < w->n_children && o.failed == LXW_NO_ERROR; i++)
		list10(&o, &w->children[i]);
	for (size_t i = 0; i < w->n_children && o.failed == LXW_NO_ERROR; i++)
		list11(&o, &w->children[i], (int)i);
	lxw_error closed = workbook_close(o.wb);
	if (o.failed != LXW_NO_ERROR || closed != LXW_NO_ERROR)
		return cf_error_at(err, CF_EIO, path, 0, NULL, NULL, "cannot write workbook: %s",
				   lxw_strerror(o.failed != LXW_NO_ERROR ? o.failed : closed));
	return CF_OK;
}

int synth_write_annexa(const struct synth_world *w, const char *dir, struct cf_error *err)
{
	int rc = CF_OK;
	for (int k = 0; k < w->opt.years && !rc; k++)
		rc = write_year(w, dir, w->opt.first_year + k, err);
	return rc;
}
