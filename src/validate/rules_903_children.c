/* SSDA903 rules across a child's tables: adoption decisions against the
 * episodes, care leavers (OC3) against care history, the 12-month cohort
 * (OC2) against continuous care. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "validate/rules.h"
#include "validate/rules_903.h"

#define BASE VR_BASE_YEAR
#define ROWS(e) .check = vp_rows, .expr = (e)
#define R(code_, since_, until_, tabs, flds, msg, ...) \
	{ .code = code_, .ret = VR_903, .since = since_, .until = until_, .message = msg, \
	  .tables = tabs, .fields = flds, __VA_ARGS__ }
#define CLA(e) .check = vp_rows_cla, .expr = (e)
#define NOT_CLA(e) .check = vp_rows_cla, .expr = (e), .arg = "not"

#define OC3_ANY OR(NOTNA("IN_TOUCH"), NOTNA("ACTIV"), NOTNA("ACCOM"))
#define AD1_ANY OR(NOTNA("DATE_INT"), NOTNA("DATE_MATCH"), NOTNA("FOSTER_CARE"), NOTNA("NB_ADOPTR"), \
		   NOTNA("SEX_ADOPTR"), NOTNA("LS_ADOPTR"))
#define OC2_ANY8 OR(NOTNA("CONVICTED"), NOTNA("HEALTH_CHECK"), NOTNA("IMMUNISATIONS"), NOTNA("TEETH_CHECK"), \
		    NOTNA("HEALTH_ASSESSMENT"), NOTNA("SUBSTANCE_MISUSE"), NOTNA("INTERVENTION_RECEIVED"), \
		    NOTNA("INTERVENTION_OFFERED"))
#define NOT01(f) AND(NOTNA(f), NOT(INS(f, "0 1")))

static int oc3_any(struct vframe *f, long r)
{
	return vh_str(f, "IN_TOUCH", r) || vh_str(f, "ACTIV", r) || vh_str(f, "ACCOM", r);
}

static int rne_s(struct vframe *f, long r) { return vcol_eq(vframe_col(f, "RNE"), r, "S"); }
static int rec_not_x1(struct vframe *f, long r) { return !vcol_eq(vframe_col(f, "REC"), r, "X1"); }
static int ls_not_v3v4(struct vframe *f, long r) { return !vcol_in(vframe_col(f, "LS"), r, "V3 V4"); }

/* The shape of 1003, 117 and 118: each child's first episode (last, when
 * LAST) that passes KEEP, against each of the child's PlacedAdoption rows;
 * where BAD holds, both rows are flagged. */
typedef int (*adoption_test)(struct vrun *run, struct vframe *ep, long e, struct vframe *pa, long p);

static int episode_against_adoptions(struct vrun *run, int last, int (*keep)(struct vframe *, long), adoption_test bad)
{
	struct vframe *ep = vrun_frame(run, "Episodes"), *pa = vrun_frame(run, "PlacedAdoption");
	unsigned char *pick = vh_first_per_child(ep, "DECOM", last, keep);
	if (!pick)
		return VCHECK_OOM;
	int rc = 0;
	for (long e = 0; e < ep->nrows && !rc; e++) {
		if (!pick[e])
			continue;
		const char *child = vh_str(ep, "CHILD", e);
		for (long p = vframe_find(pa, child, -1); p >= 0 && !rc; p = vframe_find(pa, child, p))
			if (bad(run, ep, e, pa, p))
				rc = vrun_flag(run, ep, e) || vrun_flag(run, pa, p);
	}
	free(pick);
	return rc ? VCHECK_OOM : VCHECK_RAN;
}

/* 1003: DATE_PLACED before the start of the first period of care (RNE S). */
static int placed_before_care(struct vrun *run, struct vframe *ep, long e, struct vframe *pa, long p)
{
	(void)run;
	cf_date dp = vh_date(pa, "DATE_PLACED", p);
	return dp != CF_DATE_NONE && dp < vh_date(ep, "DECOM", e);
}

static int c1003(struct vrun *run) { return episode_against_adoptions(run, 0, rne_s, placed_before_care); }

/* 1007: 17- or 18-year-olds in care on their birthday this year need no OC3. */
static int c1007(struct vrun *run)
{
	struct vframe *ep = vrun_frame(run, "Episodes"), *oc3 = vrun_frame(run, "OC3");
	cf_date ce = run->vd->meta.collection_end;
	if (ce == CF_DATE_NONE)
		return VCHECK_RAN;
	int cy, cm, cd;
	cf_date_to_ymd(ce, &cy, &cm, &cd);
	for (long o = 0; o < oc3->nrows; o++) {
		cf_date dob = vh_date(oc3, "DOB", o);
		if (dob == CF_DATE_NONE || !oc3_any(oc3, o))
			continue;
		if (!(cf_date_add_years(dob, 17) <= ce && cf_date_add_years(dob, 19) > ce))
			continue;
		int y, m, d;
		cf_date_to_ymd(dob, &y, &m, &d);
		if (m == 2 && d == 29 && !cf_date_valid_ymd(cy, 2, 29))
			d = 28;
		cf_date bday = cf_date_from_ymd(cy, m, d);
		if (bday > ce)
			bday = cf_date_add_years(bday, -1);
		const char *child = vh_str(oc3, "CHILD", o);
		for (long e = vframe_find(ep, child, -1); e >= 0; e = vframe_find(ep, child, e)) {
			cf_date a = vh_date(ep, "DECOM", e), b = vh_date(ep, "DEC", e);
			if (a != CF_DATE_NONE && b != CF_DATE_NONE && a <= bday && b > bday) {
				if (vrun_flag(run, oc3, o))
					return VCHECK_OOM;
				break;
			}
		}
	}
	return VCHECK_RAN;
}

/* 1008: URN must be one of Ofsted's (the provider lists). */
static int c1008(struct vrun *run)
{
	struct vframe *ep = vrun_frame(run, "Episodes"), *pi = vrun_frame(run, "provider_info");
	struct vcol *urn = vframe_col(ep, "URN"), *purn = vframe_col(pi, "URN");
	for (long e = 0; e < ep->nrows; e++) {
		const char *u = urn->v[e];
		if (!u || (!(urn->num && urn->num[e]) && strcmp(u, URN_NOT_REGISTERED) == 0))
			continue;
		int found = 0;
		for (long p = 0; p < pi->nrows && !found; p++)
			found = purn->v[p] && !(purn->num && purn->num[p]) && strcmp(purn->v[p], u) == 0;
		if (!found && vrun_flag(run, ep, e))
			return VCHECK_OOM;
	}
	return VCHECK_RAN;
}

/* 1000: a child who died in care (REC E2, this year or last) has no OC3. */
static int c1000(struct vrun *run)
{
	struct vframe *oc3 = vrun_frame(run, "OC3");
	struct vframe *eps[2] = { vrun_frame(run, "Episodes"), vrun_frame(run, "Episodes_last") };
	for (long o = 0; o < oc3->nrows; o++) {
		const char *child = vh_str(oc3, "CHILD", o);
		int died = 0;
		for (int k = 0; k < 2 && !died; k++)
			for (long e = eps[k] ? vframe_find(eps[k], child, -1) : -1; e >= 0 && !died;
			     e = vframe_find(eps[k], child, e))
				died = vcol_eq(vframe_col(eps[k], "REC"), e, "E2");
		if (died && vrun_flag(run, oc3, o))
			return VCHECK_OOM;
	}
	return VCHECK_RAN;
}

/* 1002: OC3 for a child with no episodes this year or last. */
static int c1002(struct vrun *run)
{
	struct vframe *oc3 = vrun_frame(run, "OC3"), *ep = vrun_frame(run, "Episodes"),
		      *last = vrun_frame(run, "Episodes_last");
	for (long o = 0; o < oc3->nrows; o++) {
		const char *child = vh_str(oc3, "CHILD", o);
		if (!vframe_has_child(ep, child) && !vframe_has_child(last, child) && vrun_flag(run, oc3, o))
			return VCHECK_OOM;
	}
	return VCHECK_RAN;
}

/* 1010: OC3 but no episodes this year though last year's last episode was open. */
static int c1010(struct vrun *run)
{
	struct vframe *oc3 = vrun_frame(run, "OC3"), *ep = vrun_frame(run, "Episodes"),
		      *last = vrun_frame(run, "Episodes_last");
	unsigned char *fin = vh_first_per_child(last, "DECOM", 1, NULL);
	if (!fin)
		return VCHECK_OOM;
	/* the last of a child's episodes in (CHILD, DECOM) order: for ties the
	 * later row, as a stable sort then shift(-1) keeps */
	struct vgroups g;
	if (vgroups_init(&g, last, "DECOM")) {
		free(fin);
		return VCHECK_OOM;
	}
	memset(fin, 0, (size_t)(last->nrows ? last->nrows : 1));
	for (long k = 0; k < g.ngroups; k++) {
		long lastpos = -1;
		for (long i = g.start[k]; i < g.start[k + 1]; i++)
			if (vh_date(last, "DECOM", g.order[i]) != CF_DATE_NONE)
				lastpos = g.order[i];
		if (lastpos >= 0 && !vh_str(last, "DEC", lastpos))
			fin[lastpos] = 1;
	}
	int rc = 0;
	for (long o = 0; o < oc3->nrows && !rc; o++) {
		const char *child = vh_str(oc3, "CHILD", o);
		if (vframe_has_child(ep, child))
			continue;
		for (long e = vframe_find(last, child, -1); e >= 0; e = vframe_find(last, child, e))
			if (fin[e]) {
				rc = vrun_flag(run, oc3, o);
				break;
			}
	}
	vgroups_release(&g);
	free(fin);
	return rc ? VCHECK_OOM : VCHECK_RAN;
}

/* 1011: the final episode ended E3 (care transferred): no OC3. */
static int c1011(struct vrun *run)
{
	struct vframe *ep = vrun_frame(run, "Episodes"), *oc3 = vrun_frame(run, "OC3");
	unsigned char *fin = vh_first_per_child(ep, "DECOM", 1, NULL);
	if (!fin)
		return VCHECK_OOM;
	int rc = 0;
	for (long o = 0; o < oc3->nrows && !rc; o++) {
		if (!oc3_any(oc3, o))
			continue;
		const char *child = vh_str(oc3, "CHILD", o);
		for (long e = vframe_find(ep, child, -1); e >= 0; e = vframe_find(ep, child, e))
			if (fin[e] && vcol_eq(vframe_col(ep, "REC"), e, "E3")) {
				rc = vrun_flag(run, oc3, o);
				break;
			}
	}
	free(fin);
	return rc ? VCHECK_OOM : VCHECK_RAN;
}

/* 1012: other tables' rows for a child with no episodes this year. */
static int c1012(struct vrun *run)
{
	static const char *const tables[] = { "PlacedAdoption", "Missing", "Reviews", "AD1", "PrevPerm", "OC2" };
	struct vframe *ep = vrun_frame(run, "Episodes");
	for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++) {
		struct vframe *f = vrun_frame(run, tables[t]);
		for (long r = 0; f && r < f->nrows; r++)
			if (!vframe_has_child(ep, vh_str(f, "CHILD", r)) && vrun_flag(run, f, r))
				return VCHECK_OOM;
	}
	return VCHECK_RAN;
}

/* 1014: a UASC child with no episode in the year should have no OC3. */
static int c1014(struct vrun *run)
{
	struct vframe *ep = vrun_frame(run, "Episodes"), *uasc = vrun_frame(run, "UASC"),
		      *oc3 = vrun_frame(run, "OC3");
	cf_date cs = run->vd->meta.collection_start, ce = run->vd->meta.collection_end;
	for (long u = 0; u < uasc->nrows; u++) {
		const char *child = vh_str(uasc, "CHILD", u);
		long e = vframe_find(ep, child, -1);
		if (e < 0)
			continue;
		int count = 0;
		for (; e >= 0; e = vframe_find(ep, child, e)) {
			cf_date a = vh_date(ep, "DECOM", e), b = vh_date(ep, "DEC", e);
			count += a != CF_DATE_NONE && a <= ce && (b == CF_DATE_NONE || b >= cs);
		}
		if (count)
			continue;
		for (long o = vframe_find(oc3, child, -1); o >= 0; o = vframe_find(oc3, child, o))
			if (oc3_any(oc3, o) && (vrun_flag(run, oc3, o) || vrun_flag(run, uasc, u)))
				return VCHECK_OOM;
	}
	return VCHECK_RAN;
}

/* 117: placement for adoption decisions after the end of the year or of care. */
static int decided_after_year_or_care(struct vrun *run, struct vframe *ep, long e, struct vframe *pa, long p)
{
	cf_date ce = run->vd->meta.collection_end, dec = vh_date(ep, "DEC", e);
	cf_date dp = vh_date(pa, "DATE_PLACED", p), dpc = vh_date(pa, "DATE_PLACED_CEASED", p);
	return (dp != CF_DATE_NONE && ((ce != CF_DATE_NONE && dp > ce) || (dec != CF_DATE_NONE && dp > dec))) ||
	       (dpc != CF_DATE_NONE && ((ce != CF_DATE_NONE && dpc > ce) || (dec != CF_DATE_NONE && dpc > dec)));
}

static int c117(struct vrun *run) { return episode_against_adoptions(run, 1, rec_not_x1, decided_after_year_or_care); }

/* 118: decision to stop placing for adoption before the year or before care began. */
static int stopped_before_year_or_care(struct vrun *run, struct vframe *ep, long e, struct vframe *pa, long p)
{
	cf_date cs = run->vd->meta.collection_start, decom = vh_date(ep, "DECOM", e);
	cf_date dpc = vh_date(pa, "DATE_PLACED_CEASED", p);
	return dpc != CF_DATE_NONE && ((decom != CF_DATE_NONE && dpc < decom) || (cs != CF_DATE_NONE && dpc < cs));
}

static int c118(struct vrun *run) { return episode_against_adoptions(run, 0, ls_not_v3v4, stopped_before_year_or_care); }

/* 134: adoption data for a child in the OC3 cohort. */
static int c134(struct vrun *run)
{
	struct vframe *ad1 = vrun_frame(run, "AD1"), *oc3 = vrun_frame(run, "OC3");
	static const char *const f6[] = { "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR" };
	for (long a = 0; a < ad1->nrows; a++) {
		int any = 0;
		for (int k = 0; k < 6 && !any; k++)
			any = vh_str(ad1, f6[k], a) != NULL;
		if (!any)
			continue;
		const char *child = vh_str(ad1, "CHILD", a);
		for (long o = vframe_find(oc3, child, -1); o >= 0; o = vframe_find(oc3, child, o))
			if (oc3_any(oc3, o)) {
				if (vrun_flag(run, ad1, a))
					return VCHECK_OOM;
				break;
			}
	}
	return VCHECK_RAN;
}

/* 142: every episode but a child's last must have ended. DfE's tool sorts
 * by DECOM with missing dates last, so a child's undated episode counts as
 * the last one. */
static int c142(struct vrun *run)
{
	struct vframe *ep = vrun_frame(run, "Episodes");
	struct vgroups g;
	if (vgroups_init(&g, ep, "DECOM"))
		return VCHECK_OOM;
	int rc = 0;
	for (long k = 0; k < g.ngroups && !rc; k++) {
		long lastpos = g.order[g.start[k + 1] - 1];
		for (long i = g.start[k]; i < g.start[k + 1] && !rc; i++) {
			long r = g.order[i];
			if (r == lastpos || !vh_str(ep, "CHILD", r) || vh_date(ep, "DECOM", r) == CF_DATE_NONE)
				continue;
			if (vh_date(ep, "DEC", r) == CF_DATE_NONE || !vh_str(ep, "REC", r))
				rc = vrun_flag(run, ep, r);
		}
	}
	vgroups_release(&g);
	return rc ? VCHECK_OOM : VCHECK_RAN;
}

static int sdq_bad(struct vrun *run, struct vframe *f, long r)
{
	struct vcol *c = vframe_col(f, "SDQ_SCORE");
	double v;
	if (!c->v[r])
		return 0;
	if (vcol_num(c, r, &v))
		return 1;
	return !(v >= 0 && v <= 40 && v == floor(v));
}

/* 187: the 12-month cohort has no adoption or care leaver data. */
static int c187(struct vrun *run)
{
	struct vframe *ad1 = vrun_frame(run, "AD1"), *oc3 = vrun_frame(run, "OC3");
	unsigned char *cla_a = vh_cla(run, ad1), *cla_o = vh_cla(run, oc3);
	static const char *const f6[] = { "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR" };
	int rc = !cla_a || !cla_o;
	for (long o = 0; !rc && o < oc3->nrows; o++)
		if (cla_o[o] && oc3_any(oc3, o))
			rc = vrun_flag(run, oc3, o);
	for (long a = 0; !rc && a < ad1->nrows; a++) {
		int any = 0;
		for (int k = 0; k < 6 && !any; k++)
			any = vh_str(ad1, f6[k], a) != NULL;
		if (cla_a[a] && any)
			rc = vrun_flag(run, ad1, a);
	}
	free(cla_a);
	free(cla_o);
	return rc ? VCHECK_OOM : VCHECK_RAN;
}

/* 191: the 12-month cohort must have OC2 filled in, and an OC2 row. */
static int c191(struct vrun *run)
{
	struct vframe *oc2 = vrun_frame(run, "OC2"), *ep = vrun_frame(run, "Episodes");
	unsigned char *cla2 = vh_cla(run, oc2), *clae = vh_cla(run, ep);
	unsigned char *first = vh_first_per_child(ep, "DECOM", 0, NULL);
	static const char *const f4[] = { "IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE" };
	int rc = !cla2 || !clae || !first;
	for (long o = 0; !rc && o < oc2->nrows; o++) {
		int na = 0;
		for (int k = 0; k < 4 && !na; k++)
			na = vh_str(oc2, f4[k], o) == NULL;
		if (cla2[o] && na)
			rc = vrun_flag(run, oc2, o);
	}
	for (long e = 0; !rc && e < ep->nrows; e++)
		if (first[e] && clae[e] && !vframe_has_child(oc2, vh_str(ep, "CHILD", e)))
			rc = vrun_flag(run, ep, e);
	free(cla2);
	free(clae);
	free(first);
	return rc ? VCHECK_OOM : VCHECK_RAN;
}

struct dated_row {
	long child;     /* the child's number (vframe_child_id): rows are grouped by it */
	cf_date decom;
	long seq;       /* tie order: this year's rows first, then last year's */
	long row;       /* position in this year's Episodes, -1 for last year's */
	int adopted;
};

static int dated_cmp(const void *pa, const void *pb)
{
	const struct dated_row *a = pa, *b = pb;
	if (a->child != b->child)
		return a->child < b->child ? -1 : 1;
	if (a->decom != b->decom)
		return a->decom < b->decom ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* 199: an episode after the child was adopted from care (E11/E12), this year or last. */
static int c199(struct vrun *run)
{
	struct vframe *fr[2] = { vrun_frame(run, "Episodes"), vrun_frame(run, "Episodes_last") };
	long n = fr[0]->nrows + (fr[1] ? fr[1]->nrows : 0), m = 0;
	struct dated_row *v = malloc((size_t)(n ? n : 1) * sizeof *v);
	if (!v)
		return VCHECK_OOM;
	/* the same episode in both years is one adoption: this year's copy
	 * sorts first (DfE's tool leaves the order of ties to an unstable sort,
	 * docs/validation.md) */
	for (int k = 0; k < 2; k++)
		for (long r = 0; fr[k] && r < fr[k]->nrows; r++) {
			cf_date d = vh_date(fr[k], "DECOM", r);
			long child = vframe_child_id(fr[k], r);
			if (d == CF_DATE_NONE || child < 0)
				continue;
			v[m].child = child;
			v[m].decom = d;
			v[m].seq = m;
			v[m].row = k == 0 ? r : -1;
			v[m].adopted = vcol_in(vframe_col(fr[k], "REC"), r, "E11 E12");
			m++;
		}
	qsort(v, (size_t)m, sizeof *v, dated_cmp);
	int rc = 0, ads = 0;
	for (long i = 0; i < m && !rc; i++) {
		if (i == 0 || v[i].child != v[i - 1].child)
			ads = 0;
		ads += v[i].adopted;
		if (ads > 0 && !(v[i].adopted && ads == 1) && v[i].row >= 0)
			rc = vrun_flag(run, fr[0], v[i].row);
	}
	free(v);
	return rc ? VCHECK_OOM : VCHECK_RAN;
}

const struct vrule rules_903_children[] = {
	R("117", BASE, 0, "Episodes PlacedAdoption", "DATE_PLACED_CEASED DATE_PLACED DEC REC DECOM",
	  "Date of decision that a child should/should no longer be placed for adoption is beyond the current collection year or after the child ceased to be looked after.",
	  .need = "Episodes PlacedAdoption", .check = c117),
	R("118", BASE, 0, "Episodes PlacedAdoption", "DATE_PLACED_CEASED DECOM LS",
	  "Date of decision that a child should no longer be placed for adoption is before the current collection year or before the date the child started to be looked after.",
	  .need = "Episodes PlacedAdoption", .check = c118),
	R("119", BASE, 0, "PlacedAdoption", "REASON_PLACED_CEASED DATE_PLACED_CEASED",
	  "If the decision is made that a child should no longer be placed for adoption, then the date of this decision and the reason why this decision was made must be completed.",
	  ROWS(OR(AND(NA("DATE_PLACED_CEASED"), NOTNA("REASON_PLACED_CEASED")),
		  AND(NOTNA("DATE_PLACED_CEASED"), NA("REASON_PLACED_CEASED"))))),
	R("120", BASE, 0, "PlacedAdoption", "REASON_PLACED_CEASED",
	  "The reason for the reversal of the decision that the child should be placed for adoption code is not valid.",
	  ROWS(NOT(OR(IN("REASON_PLACED_CEASED", "RD1 RD2 RD3 RD4"), NA("REASON_PLACED_CEASED"))))),
	R("131", BASE, 0, "OC3", "IN_TOUCH", "Data entry for being in touch after leaving care is invalid.",
	  ROWS(NOT(IN("IN_TOUCH", "YES NO DIED REFU NREQ RHOM")))),
	R("132", BASE, 0, "OC3", "ACTIV", "Data entry for activity after leaving care is invalid.",
	  ROWS(NOT(INS("ACTIV", "F1 P1 F2 P2 F4 P4 F5 P5 G4 G5 G6 0")))),
	R("133", BASE, 0, "OC3", "ACCOM",
	  "Data entry for accommodation after leaving care is invalid. If reporting on a childs accommodation after leaving care the data entry must be valid",
	  ROWS(NOT(IN("ACCOM", "B1 B2 C1 C2 D1 D2 E1 E2 G1 G2 H1 H2 K1 K2 R1 R2 S2 T1 T2 U1 U2 V1 V2 W1 W2 X2 Y1 Y2 Z1 Z2 0")))),
	R("134", BASE, 0, "AD1 OC3",
	  "IN_TOUCH ACTIV ACCOM DATE_INT DATE_MATCH FOSTER_CARE NB_ADOPTR SEX_ADOPTR LS_ADOPTR",
	  "Data on adoption should not be entered for the OC3 cohort.", .need = "OC3 AD1", .check = c134),
	R("142", BASE, 0, "Episodes", "DEC REC", "A new episode has started, but the previous episode has not ended.",
	  .check = c142),
	R("143", BASE, 0, "Episodes", "RNE", "The reason for new episode code is not a valid code.",
	  ROWS(NOT(OR(IN("RNE", "S P L T U B"), NA("RNE"))))),
	R("157", BASE, 0, "OC2", "SDQ_REASON DOB",
	  "Child is aged 4 years or over at the beginning of the year or 16 years or under at the end of the year and Strengths and Difficulties Questionnaire (SDQ) 1 has been recorded as the reason for no Strengths and Difficulties Questionnaire (SDQ) score.",
	  .need = "OC2 Episodes",
	  CLA(AND(DLE(DY("DOB", 4), CSTART), DGE(DY("DOB", 16), CEND), NA("SDQ_SCORE"), EQ("SDQ_REASON", "SDQ1")))),
	R("180", BASE, 0, "OC2", "SDQ_SCORE",
	  "Data entry for the strengths and difficulties questionnaire (SDQ) score is invalid.", ROWS(FN(sdq_bad))),
	R("181", BASE, 0, "OC2",
	  "CONVICTED HEALTH_CHECK IMMUNISATIONS TEETH_CHECK HEALTH_ASSESSMENT SUBSTANCE_MISUSE INTERVENTION_RECEIVED INTERVENTION_OFFERED",
	  "Data items relating to children looked after continuously for 12 months should be completed with a 0 or 1.",
	  ROWS(OR(NOT01("CONVICTED"), NOT01("HEALTH_CHECK"), NOT01("IMMUNISATIONS"), NOT01("TEETH_CHECK"),
		  NOT01("HEALTH_ASSESSMENT"), NOT01("SUBSTANCE_MISUSE"), NOT01("INTERVENTION_RECEIVED"),
		  NOT01("INTERVENTION_OFFERED")))),
	R("184", BASE, 0, "PlacedAdoption Header", "DATE_PLACED DOB",
	  "Date of decision that a child should be placed for adoption is before the child was born.",
	  .need = "Header PlacedAdoption",
	  ROWS(AND(NOT(DATE_BAD("DATE_PLACED")), NOT(DGE(D("DATE_PLACED"), D("Header:DOB")))))),
	R("185", BASE, 0, "OC2", "SDQ_SCORE",
	  "Child has not been looked after continuously for at least 12 months at 31 March but a Strengths and Difficulties (SDQ) score has been completed.",
	  .need = "OC2 Episodes", NOT_CLA(NOTNA("SDQ_SCORE"))),
	R("186", BASE, 0, "OC2", "SDQ_SCORE",
	  "Children aged 4 or over at the start of the year and children aged under 17 at the end of the year and who have been looked after for at least 12 months continuously should have a Strengths and Difficulties (SDQ) score completed.",
	  .need = "OC2 Episodes",
	  CLA(AND(DLE(DY("DOB", 4), CSTART), DGT(DY("DOB", 17), CEND), NA("SDQ_SCORE"), NA("SDQ_REASON")))),
	R("187", BASE, 0, "AD1 OC3",
	  "DATE_INT DATE_MATCH FOSTER_CARE NB_ADOPTR SEX_ADOPTR LS_ADOPTR IN_TOUCH ACTIV ACCOM",
	  "Child cannot be looked after continuously for 12 months at 31 March (OC2) and have any of adoption or care leavers returns completed.",
	  .need = "OC3 AD1 Episodes", .check = c187),
	R("188", BASE, 0, "OC2", "SDQ_SCORE SDQ_REASON",
	  "Child is aged under 4 years at the end of the year, but a Strengths and Difficulties (SDQ) score or a reason for no SDQ score has been completed. ",
	  ROWS(AND(DGT(DY("DOB", 4), CEND), OR(NOTNA("SDQ_SCORE"), NOTNA("SDQ_REASON"))))),
	R("189", BASE, 0, "OC2", "DOB SDQ_SCORE SDQ_REASON",
	  "Child is aged 17 years or over at the beginning of the year, but an Strengths and Difficulties (SDQ) score or a reason for no Strengths and Difficulties (SDQ) score has been completed.",
	  ROWS(AND(DLT(DY("DOB", 17), CSTART), OR(NOTNA("SDQ_REASON"), NOTNA("SDQ_SCORE"))))),
	R("190", BASE, 0, "OC2",
	  "CONVICTED HEALTH_CHECK IMMUNISATIONS TEETH_CHECK HEALTH_ASSESSMENT SUBSTANCE_MISUSE INTERVENTION_RECEIVED INTERVENTION_OFFERED",
	  "Child has not been looked after continuously for at least 12 months at 31 March but one or more data items relating to children looked after for 12 months have been completed.",
	  .need = "OC2 Episodes", NOT_CLA(OC2_ANY8)),
	R("191", BASE, 0, "OC2 Episodes", "IMMUNISATIONS TEETH_CHECK HEALTH_ASSESSMENT SUBSTANCE_MISUSE CHILD",
	  "Child has been looked after continuously for at least 12 months at 31 March but one or more data items relating to children looked after for 12 months have been left blank.",
	  .need = "OC2 Episodes", .check = c191),
	R("197B", BASE, 0, "OC2", "SDQ_REASON DOB",
	  "SDQ score or reason for no SDQ should be reported for 4- or 17-year-olds.", .need = "OC2 Episodes",
	  CLA(AND(OR(AND(DGE(DY("DOB", 4), CSTART), DLE(DY("DOB", 4), CEND)),
		     AND(DGE(DY("DOB", 17), CSTART), DLE(DY("DOB", 17), CEND))),
		  NA("SDQ_SCORE"), NA("SDQ_REASON")))),
	R("197a", BASE, 0, "OC2", "SDQ_SCORE SDQ_REASON",
	  "Reason for no Strengths and Difficulties (SDQ) score is not required if Strengths and Difficulties Questionnaire score is filled in.",
	  ROWS(AND(NOTNA("SDQ_SCORE"), NOTNA("SDQ_REASON")))),
	R("198", BASE, 0, "OC2", "SDQ_REASON",
	  "Child has not been looked after continuously for at least 12 months at 31 March but a reason for no Strengths and Difficulties (SDQ) score has been completed. ",
	  .need = "OC2 Episodes", NOT_CLA(NOTNA("SDQ_REASON"))),
	R("199", BASE, 0, "Episodes", "CHILD",
	  "Episode information shows child has been previously adopted from care. [NOTE: This only tests the current and previous year data loaded into the tool]",
	  .check = c199),
	R("1000", BASE, 0, "OC3", "IN_TOUCH ACTIV ACCOM",
	  "This child is recorded as having died in care and therefore should not have the care leaver information completed. [NOTE: This only tests the current and previous year data loaded into the tool]",
	  .need = "Episodes OC3", .check = c1000),
	R("1002", BASE, 0, "OC3", "IN_TOUCH ACTIV ACCOM",
	  "This child has no previous episodes of care, therefore should not have care leaver information recorded. [NOTE: This tool can only test the current and previous year data loaded into the tool - this check may generate false positives if a child had episodes prior to last year's collection.]",
	  .need = "Episodes OC3 Episodes_last", .check = c1002),
	R("1003", BASE, 0, "Episodes PlacedAdoption", "DATE_PLACED DECOM RNE",
	  "Date of LA's decision that a child should be placed for adoption is before the child started to be looked after.",
	  .need = "Episodes PlacedAdoption", .check = c1003),
	R("1007", BASE, 0, "OC3", "IN_TOUCH ACTIV ACCOM",
	  "Care leaver information is not required for 17- or 18-year olds who are still looked after [on their 17th or 18th birthday.]",
	  .need = "Episodes OC3", .check = c1007),
	R("1008", BASE, 0, "Episodes", "URN", "Ofsted Unique Reference Number (URN) is not valid.",
	  .needs = VN_PROVIDERS, .need = "Episodes provider_info", .check = c1008),
	R("1010", BASE, 0, "OC3", "IN_TOUCH ACTIV ACCOM",
	  "This child has no episodes loaded for current year even though there was an open episode of care at the end of the previous year, and care leaver data has been entered.",
	  .need = "Episodes Episodes_last OC3", .check = c1010),
	R("1011", BASE, 0, "OC3", "IN_TOUCH ACTIV ACCOM",
	  "This child is recorded as having his/her care transferred to another local authority for the final episode and therefore should not have the care leaver information completed.",
	  .need = "OC3 Episodes", .check = c1011),
	R("1012", BASE, 0, "Episodes PlacedAdoption Missing Reviews AD1 PrevPerm OC2", "CHILD",
	  "No other data should be returned for OC3 children who had no episodes in the current year",
	  .need = "Episodes", .check = c1012),
	R("1014", BASE, 0, "UASC OC3", "ACTIV ACCOM IN_TOUCH DUC", "UASC information is not required for care leavers",
	  .need = "UASC Episodes OC3", .check = c1014),
};
VRULES_COUNT(rules_903_children);
