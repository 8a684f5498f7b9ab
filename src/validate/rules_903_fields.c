/* SSDA903 rules on the values of one row: code lists by year, valid dates,
 * fields required together, dates against the collection year and the
 * child's date of birth. Each is data for the row pattern (vp_rows). */
#include <ctype.h>
#include <string.h>

#include "validate/rules.h"
#include "validate/rules_903.h"

/* UPN: a letter other than I, O or S then 12 digits, or 11 digits and a
 * letter; or an unknown code UN1-UN5. */
static int upn_bad(struct vrun *run, struct vframe *f, long r)
{
	struct vcol *c = vframe_col(f, "UPN");
	const char *v = c->v[r];
	if (!v)
		return 0;
	if (c->num && c->num[r])
		return 1;
	if (strlen(v) == 3 && strncmp(v, "UN", 2) == 0 && v[2] >= '1' && v[2] <= '5')
		return 0;
	if (strlen(v) != 13 || !isupper((unsigned char)v[0]) || strchr("IOS", v[0]))
		return 1;
	for (int i = 1; i < 12; i++)
		if (!isdigit((unsigned char)v[i]))
			return 1;
	return !(isdigit((unsigned char)v[12]) || isupper((unsigned char)v[12]));
}

/* 209: school age means 4 or over on 31 August before the collection year. */
static int school_age_un1(struct vrun *run, struct vframe *f, long r)
{
	int y, m, d;
	cf_date start = run->vd->meta.collection_start;
	if (start == CF_DATE_NONE)
		return 0;
	cf_date_to_ymd(start, &y, &m, &d);
	cf_date ref = cf_date_from_ymd(y - 1, 8, 31);
	cf_date dob = vh_date(f, "DOB", r);
	return dob != CF_DATE_NONE && ref >= cf_date_add_years(dob, 4) && vcol_eq(vframe_col(f, "UPN"), r, "UN1");
}

/* Placement LA derived from postcodes: NaN reads as "NAN", so a missing
 * PL_LA counts as outside England, as DfE's tool has it. */
static int pl_la_out_of_england(struct vrun *run, struct vframe *f, long r)
{
	const char *v = vh_str(f, "PL_LA", r);
	if (!v)
		return 1;
	return strchr("NWSCnwsc", v[0]) != NULL && v[0];
}

static int pl_la_not_uk_code(struct vrun *run, struct vframe *f, long r)
{
	const char *v = vh_str(f, "PL_LA", r);
	char up[8];
	size_t i;
	if (!v)
		return 0;
	for (i = 0; v[i] && i < sizeof up - 1; i++)
		up[i] = (char)toupper((unsigned char)v[i]);
	up[i] = 0;
	return !v[i] && vlist_has("CON NIR SCO WAL NUK", up);
}

static int pl_la_is_own(struct vrun *run, struct vframe *f, long r)
{
	const char *la = run->vd->meta.la_code;
	const char *v = vh_str(f, "PL_LA", r);
	return la && v && strcmp(la, v) == 0;
}

static int c105(struct vrun *run)
{
	const char *fmt = run->vd->meta.file_format;
	if (fmt && strcmp(fmt, "csv") == 0)
		return VCHECK_SKIP;   /* a CSV return has no UASC field to check */
	return vp_rows(run);
}

static int under18_at_start(struct vrun *run, struct vframe *f, long r)
{
	/* numpy's timedelta64(18, "Y") is 18 mean Gregorian years: 6574.365 days */
	cf_date dob = vh_date(f, "DOB", r), cs = run->vd->meta.collection_start;
	if (dob == CF_DATE_NONE || cs == CF_DATE_NONE)
		return 0;
	return (double)(cs - dob) < 18 * 365.2425;
}

#define BASE VR_BASE_YEAR
#define ROWS(e) .check = vp_rows, .expr = (e)
#define R(code_, since_, until_, tabs, flds, msg, ...) \
	{ .code = code_, .ret = VR_903, .since = since_, .until = until_, .message = msg, \
	  .tables = tabs, .fields = flds, __VA_ARGS__ }
#define VALID_OR_NA(col, list) NOT(OR(IN(col, list), NA(col)))
#define BAD_DATE_IF_GIVEN(col) AND(NOTNA(col), DATE_BAD(col))
#define MIN_AGE_AT_DECOM(place, years) \
	AND(EQ("PLACE", place), NOT(DATE_BAD("DEC")), DLT(D("DECOM"), DY("Header:DOB", years)))
#define MAX_DAYS(place, days) \
	AND(EQ("PLACE", place), NOT(DATE_BAD("Header:DOB")), DGT(D("DEC"), DD("DECOM", days)))

const struct vrule rules_903_fields[] = {
	R("101", BASE, 2024, "Header", "SEX", "Gender code is not valid.",
	  ROWS(NOT(INS("SEX", "1 2")))),
	R("101", 2025, 0, "Header", "SEX", "The child or young person\u2019s reported sex is not valid.",
	  ROWS(NOT(INS("SEX", "M F U")))),
	R("102", BASE, 0, "Header", "DOB", "Date of birth is not a valid date.", ROWS(DATE_BAD("DOB"))),
	R("103", BASE, 0, "Header", "ETHNIC", "The ethnicity code is either not valid or has not been entered.",
	  ROWS(NOT(IN("ETHNIC", ETHNIC_CODES)))),
	R("104", BASE, 0, "UASC", "DUC",
	  "Date for Unaccompanied Asylum-Seeking Children (UASC) status ceased is not a valid date.",
	  ROWS(OR(BAD_DATE_IF_GIVEN("DUC"), DLT(D("DUC"), CSTART)))),
	R("105", BASE, 0, "Header", "UASC",
	  "Data entry for Unaccompanied Asylum-Seeking Children (UASC) status of child is invalid or has not been completed.",
	  .check = c105, .expr = NOT(INNUM("UASC", "0 1"))),
	R("112", BASE, 0, "AD1", "DATE_INT", "Date should be placed for adoption is not a valid date.",
	  ROWS(BAD_DATE_IF_GIVEN("DATE_INT"))),
	R("113", BASE, 0, "AD1", "DATE_MATCH", "Date matching child and adopter(s) is not a valid date.",
	  ROWS(BAD_DATE_IF_GIVEN("DATE_MATCH"))),
	R("114", BASE, 0, "AD1", "FOSTER_CARE",
	  "Data entry to record the status of former carer(s) of an adopted child is invalid.",
	  ROWS(NOT(OR(INS("FOSTER_CARE", "0 1"), NA("FOSTER_CARE"))))),
	R("115", BASE, 0, "PlacedAdoption", "DATE_PLACED",
	  "Date of Local Authority's (LA) decision that a child should be placed for adoption is not a valid date.",
	  ROWS(BAD_DATE_IF_GIVEN("DATE_PLACED"))),
	R("116", BASE, 0, "PlacedAdoption", "DATE_PLACED_CEASED",
	  "Date of Local Authority's (LA) decision that a child should no longer be placed for adoption is not a valid date.",
	  ROWS(BAD_DATE_IF_GIVEN("DATE_PLACED_CEASED"))),
	R("141", BASE, 0, "Episodes", "DECOM", "Date episode began is not a valid date.",
	  ROWS(BAD_DATE_IF_GIVEN("DECOM"))),
	R("144", BASE, 0, "Episodes", "LS", "The legal status code is not a valid code.",
	  ROWS(VALID_OR_NA("LS", LS_CODES))),
	R("145", BASE, 0, "Episodes", "CIN", "Category of need code is not a valid code.",
	  ROWS(VALID_OR_NA("CIN", "N1 N2 N3 N4 N5 N6 N7 N8"))),
	R("146", BASE, 2024, "Episodes", "PLACE", "Placement type code is not a valid code.",
	  ROWS(VALID_OR_NA("PLACE", PLACE_CODES_2023))),
	R("146", 2025, 2025, "Episodes", "PLACE", "Placement type code is not a valid code.",
	  ROWS(VALID_OR_NA("PLACE", PLACE_CODES_2025))),
	R("146", 2026, 0, "Episodes", "PLACE", "Placement type code is not a valid code.",
	  ROWS(VALID_OR_NA("PLACE", PLACE_CODES_2026))),
	R("147", BASE, 0, "Episodes", "DEC", "Date episode ceased is not a valid date.",
	  ROWS(BAD_DATE_IF_GIVEN("DEC"))),
	R("148", BASE, 0, "Episodes", "DEC REC",
	  "Date episode ceased and reason episode ceased must both be coded, or both left blank.",
	  ROWS(OR(AND(NA("DEC"), NOTNA("REC")), AND(NOTNA("DEC"), NA("REC"))))),
	R("149", BASE, 0, "Episodes", "REC", "Reason episode ceased code is not valid. ",
	  ROWS(VALID_OR_NA("REC", REC_CODES))),
	R("151", BASE, 0, "AD1", "DATE_INT DATE_MATCH FOSTER_CARE NB_ADOPTR SEX_ADOPTR LS_ADOPTR",
	  "All data items relating to a childs adoption must be coded or left blank.",
	  ROWS(AND(OR(NOTNA("DATE_INT"), NOTNA("DATE_MATCH"), NOTNA("FOSTER_CARE"), NOTNA("NB_ADOPTR"),
		      NOTNA("SEX_ADOPTR"), NOTNA("LS_ADOPTR")),
		   NOT(AND(NOTNA("DATE_INT"), NOTNA("DATE_MATCH"), NOTNA("FOSTER_CARE"), NOTNA("NB_ADOPTR"),
			   NOTNA("SEX_ADOPTR"), NOTNA("LS_ADOPTR")))))),
	R("153", BASE, 0, "OC3", "IN_TOUCH ACTIV ACCOM",
	  "All data items relating to a child's activity or accommodation after leaving care must be coded or left blank.",
	  ROWS(AND(NOT(AND(NOTNA("IN_TOUCH"), NOTNA("ACTIV"), NOTNA("ACCOM"))),
		   NOT(AND(NA("IN_TOUCH"), NA("ACTIV"), NA("ACCOM")))))),
	R("158", BASE, 0, "OC2", "INTERVENTION_RECEIVED INTERVENTION_OFFERED",
	  "If a child has been recorded as receiving an intervention for their substance misuse problem, then the additional item on whether an intervention was offered should be left blank.",
	  ROWS(AND(INS("INTERVENTION_RECEIVED", "1"), NOTNA("INTERVENTION_OFFERED")))),
	R("159", BASE, 0, "OC2", "SUBSTANCE_MISUSE INTERVENTION_RECEIVED INTERVENTION_OFFERED",
	  "If a child has been recorded as not receiving an intervention for their substance misuse problem, then the additional item on whether an intervention was offered should be completed as well.",
	  ROWS(AND(INS("SUBSTANCE_MISUSE", "1"), INS("INTERVENTION_RECEIVED", "0"), NA("INTERVENTION_OFFERED")))),
	R("166", BASE, 0, "Reviews", "REVIEW", "Date of review is invalid or blank.", ROWS(DATE_BAD("REVIEW"))),
	R("167", BASE, 0, "Reviews", "REVIEW_CODE", "Data entry for participation is invalid or blank.",
	  ROWS(NOT(OR(AND(NOTNA("REVIEW"), IN("REVIEW_CODE", "PN0 PN1 PN2 PN3 PN4 PN5 PN6 PN7")),
		      AND(NA("REVIEW"), NA("REVIEW_CODE")))))),
	R("168", BASE, 0, "Header", "UPN",
	  "Unique Pupil Number (UPN) is not valid. If unknown, default codes should be UN1, UN2, UN3, UN4 or UN5.",
	  ROWS(FN(upn_bad))),
	R("169", BASE, 0, "Episodes", "PL_LA",
	  "Local Authority (LA) of placement is not valid or is missing. Please check a valid postcode has been entered.",
	  .needs = VN_POSTCODES, ROWS(AND(NOT(IN("LS", "V3 V4")), NA("PL_LA")))),
	R("171", BASE, 0, "Header", "MC_DOB", "Date of birth of mother's child is not a valid date.",
	  ROWS(BAD_DATE_IF_GIVEN("MC_DOB"))),
	R("174", BASE, 2024, "Header", "SEX MC_DOB",
	  "Mother's child date of birth is recorded but gender shows that the child is a male.",
	  ROWS(AND(INS("SEX", "1"), NOTNA("MC_DOB")))),
	R("174", 2025, 0, "Header", "SEX MC_DOB",
	  "Mother's child date of birth is recorded but sex shows that the child is a male.",
	  ROWS(AND(EQ("SEX", "M"), NOTNA("MC_DOB")))),
	R("175", BASE, 0, "AD1", "NB_ADOPTR", "The number of adopter(s) code is not a valid code.",
	  ROWS(NOT(OR(INS("NB_ADOPTR", "1 2"), NA("NB_ADOPTR"))))),
	R("176", BASE, 0, "AD1", "SEX_ADOPTR",
	  "The gender of adopter(s) at the date of adoption code is not a valid code.",
	  ROWS(VALID_OR_NA("SEX_ADOPTR", "M1 F1 MM FF MF"))),
	R("177", BASE, 0, "AD1", "LS_ADOPTR", "The legal status of adopter(s) code is not a valid code.",
	  ROWS(VALID_OR_NA("LS_ADOPTR", "L0 L11 L12 L2 L3 L4"))),
	R("178", BASE, 2025, "Episodes", "PLACE_PROVIDER", "Placement provider code is not a valid code.",
	  ROWS(NOT(OR(AND(IN("PLACE_PROVIDER", PROVIDER_CODES), NOT(IN("PLACE", "T0 T1 T2 T3 T4 Z1"))),
		      NA("PLACE_PROVIDER"))))),
	R("178", 2026, 0, "Episodes", "PLACE_PROVIDER", "Placement provider code is not a valid code.",
	  ROWS(NOT(OR(AND(IN("PLACE_PROVIDER", PROVIDER_CODES),
			  NOT(IN("PLACE", "T0 T1 T2 T3 Z11 Z12 Z13 Z14"))),
		      NA("PLACE_PROVIDER"))))),
	R("179", BASE, 0, "Episodes", "PL_LOCATION", "Placement location code is not a valid code.",
	  .needs = VN_POSTCODES, ROWS(AND(NOT(IN("LS", "V3 V4")), NA("PL_LOCATION")))),
	R("182", BASE, 0, "OC2",
	  "IMMUNISATIONS TEETH_CHECK HEALTH_ASSESSMENT SUBSTANCE_MISUSE CONVICTED HEALTH_CHECK INTERVENTION_RECEIVED INTERVENTION_OFFERED",
	  "Data entries on immunisations, teeth checks, health assessments and substance misuse problem identified should be completed or all OC2 fields should be left blank.",
	  ROWS(AND(OR(NA("IMMUNISATIONS"), NA("TEETH_CHECK"), NA("HEALTH_ASSESSMENT"), NA("SUBSTANCE_MISUSE")),
		   NOT(AND(NA("CONVICTED"), NA("HEALTH_CHECK"), NA("INTERVENTION_RECEIVED"),
			   NA("INTERVENTION_OFFERED")))))),
	R("192", BASE, 0, "OC2", "SUBSTANCE_MISUSE INTERVENTION_RECEIVED",
	  "Child has been identified as having a substance misuse problem but the additional item on whether an intervention was received has been left blank.",
	  ROWS(AND(INS("SUBSTANCE_MISUSE", "1"), NA("INTERVENTION_RECEIVED")))),
	R("193", BASE, 0, "OC2", "SUBSTANCE_MISUSE INTERVENTION_RECEIVED INTERVENTION_OFFERED",
	  "Child not identified as having a substance misuse problem but at least one of the two additional items on whether an intervention were offered and received have been completed.",
	  ROWS(AND(OR(NA("SUBSTANCE_MISUSE"), INS("SUBSTANCE_MISUSE", "0")),
		   OR(NOTNA("INTERVENTION_RECEIVED"), NOTNA("INTERVENTION_OFFERED"))))),
	R("196", BASE, 0, "OC2", "SDQ_REASON", "Strengths and Difficulties (SDQ) reason is not a valid code.",
	  ROWS(VALID_OR_NA("SDQ_REASON", "SDQ1 SDQ2 SDQ3 SDQ4 SDQ5"))),
	R("209", BASE, 0, "Header", "UPN DOB",
	  "Child looked after is of school age and should not have an unknown Unique Pupil Number (UPN) code of UN1.",
	  ROWS(FN(school_age_un1))),
	R("213", BASE, 2025, "Episodes", "PLACE_PROVIDER", "Placement provider information not required.",
	  ROWS(AND(IN("PLACE", "T0 T1 T2 T3 T4"), NOTNA("PLACE_PROVIDER")))),
	R("213", 2026, 0, "Episodes", "PLACE_PROVIDER", "Placement provider information not required.",
	  ROWS(AND(IN("PLACE", "T0 T1 T2 T3 T4 Z11 Z12 Z13 Z14"), NOTNA("PLACE_PROVIDER")))),
	R("214", BASE, 0, "Episodes", "PL_POST URN", "Placement location information not required.",
	  ROWS(AND(IN("LS", "V3 V4"), OR(NOTNA("PL_POST"), NOTNA("URN"))))),
	R("217t", 2024, 2024, "Episodes", "PLACE DECOM",
	  "Placement type 'P2' is not a valid placement type from 28 October 2023.",
	  ROWS(AND(EQ("PLACE", "P2"), OR(DGT(D("DEC"), YMD(2023, 10, 28)), NA("DEC"))))),
	R("218", BASE, 2024, "Episodes", "URN", "Ofsted Unique reference number (URN) is required.",
	  .needs = VN_POSTCODES,
	  ROWS(AND(OR(DGE(D("DEC"), CSTART), NA("DEC")), NA("URN"),
		   NOT(IN("PLACE", "H5 P1 P2 P3 R1 R2 R5 T0 T1 T2 T3 T4 Z1")), NOT(FN(pl_la_out_of_england))))),
	R("218", 2025, 2025, "Episodes", "URN", "Ofsted Unique reference number (URN) is required.",
	  .needs = VN_POSTCODES,
	  ROWS(AND(OR(DGE(D("DEC"), CSTART), NA("DEC")), NA("URN"),
		   NOT(IN("PLACE", "P1 P3 R1 R2 R5 T0 T1 T2 T3 T4 Z1")), NOT(FN(pl_la_out_of_england))))),
	R("218", 2026, 0, "Episodes", "URN", "Ofsted Unique reference number (URN) is required.",
	  .needs = VN_POSTCODES,
	  ROWS(AND(OR(DGE(D("DEC"), CSTART), NA("DEC")), NA("URN"),
		   NOT(IN("PLACE", "P1 P3 R1 R2 R5 T0 T1 T2 T3 T4 Z11 Z12 Z13 Z14")),
		   NOT(FN(pl_la_not_uk_code))))),
	R("232", 2025, 0, "Header", "SEX", "Sex of the child/young person has been reported as unknown.",
	  ROWS(IN("SEX", "U u"))),
	R("301", BASE, 0, "Header", "DOB", "Date of birth falls after the year ended.",
	  ROWS(DGT(D("DOB"), CEND))),
	R("304", BASE, 0, "UASC", "DUC",
	  "Date unaccompanied asylum-seeking child (UASC) status ceased must be on or before the 18th birthday of a child.",
	  ROWS(DGT(D("DUC"), DY("DOB", 18)))),
	R("345", BASE, 0, "OC3", "IN_TOUCH ACTIV ACCOM",
	  "The data collection record shows the local authority is in touch with this young person, but activity and/or accommodation data items are zero.",
	  ROWS(AND(EQ("IN_TOUCH", "YES"), OR(INS("ACTIV", "0"), INS("ACCOM", "0"))))),
	R("347", 2024, 0, "OC3", "ACCOM DOB", "Care leavers aged under 18 years, can not be accommodated in a Foyer.",
	  ROWS(AND(EQ("ACCOM", "T"), FN(under18_at_start)))),
	R("351", BASE, 0, "Header", "DOB", "Child was over 25 at the start of the current collection year.",
	  ROWS(DGT(CSTART, DY("DOB", 25)))),
	R("353", BASE, 0, "Episodes", "DECOM", "No episode submitted can start before 14 October 1991.",
	  ROWS(DLT(D("DECOM"), YMD(1991, 10, 14)))),
	R("354", BASE, 0, "Episodes", "DECOM",
	  "Date episode ceased must be on or before the end of the current collection year.",
	  ROWS(DGT(D("DECOM"), CEND))),
	R("356", BASE, 0, "Episodes", "DECOM DEC",
	  "The date the episode ceased is before the date the same episode started.",
	  ROWS(DLT(D("DEC"), D("DECOM")))),
	R("365", BASE, 0, "Episodes", "LS DECOM DEC",
	  "Any individual short- term respite placement must not exceed 17 days.",
	  ROWS(AND(EQ("LS", "V3"), DGT(DOREND("DEC"), DD("DECOM", 17))))),
	R("366", BASE, 0, "Episodes", "LS RNE",
	  "A child cannot change placement during the course of an individual short-term respite break.",
	  ROWS(AND(EQ("LS", "V3"), NOT(EQ("RNE", "S"))))),
	R("370", BASE, 2023, "Episodes Header", "DECOM PLACE", "Child in independent living should be at least 15.",
	  .need = "Episodes Header", ROWS(MIN_AGE_AT_DECOM("P2", 15))),
	R("370", 2024, 2024, "Episodes Header", "DECOM PLACE", "Child in independent living should be at least 16.",
	  .need = "Episodes Header", ROWS(MIN_AGE_AT_DECOM("P2", 16))),
	R("371", BASE, 2023, "Episodes Header", "DECOM PLACE",
	  "Child in semi-independent living accommodation not subject to children\u2019s homes regulations should be at least 14.",
	  .need = "Episodes Header", ROWS(MIN_AGE_AT_DECOM("H5", 14))),
	R("371", 2024, 2024, "Episodes Header", "DECOM PLACE",
	  "Child in semi-independent living accommodation not subject to children\u2019s homes regulations should be at least 16.",
	  .need = "Episodes Header", ROWS(MIN_AGE_AT_DECOM("H5", 16))),
	R("371", 2025, 0, "Episodes Header", "DECOM PLACE",
	  "Child in supported accomodation not subject to children\u2019s homes regulations should be at least 16.",
	  .need = "Episodes Header", ROWS(MIN_AGE_AT_DECOM("K3", 16))),
	R("372", BASE, 0, "Episodes Header", "DECOM PLACE", "Child in youth custody or prison should be at least 10.",
	  .need = "Episodes Header", ROWS(MIN_AGE_AT_DECOM("R5", 10))),
	R("373", BASE, 0, "Episodes Header", "DECOM PLACE", "Child placed in a school should be at least 4 years old.",
	  .need = "Episodes Header", ROWS(MIN_AGE_AT_DECOM("S1", 4))),
	R("374", BASE, 0, "Episodes Header", "DECOM PLACE",
	  "Child in residential employment should be at least 14 years old.",
	  .need = "Episodes Header", ROWS(MIN_AGE_AT_DECOM("P3", 14))),
	R("375", BASE, 0, "Episodes Header", "DECOM PLACE",
	  "Hospitalisation coded as a temporary placement exceeds six weeks.",
	  .need = "Episodes Header", ROWS(MAX_DAYS("T1", 42))),
	R("376", BASE, 0, "Episodes Header", "DECOM PLACE",
	  "Temporary placements coded as being due to holiday of usual foster carer(s) cannot exceed three weeks.",
	  .need = "Episodes Header", ROWS(MAX_DAYS("T3", 21))),
	R("378", BASE, 0, "Episodes", "PLACE LS",
	  "A child who is placed with parent(s) cannot be looked after under a single period of accommodation under Section 20 of the Children Act 1989.",
	  ROWS(AND(EQ("PLACE", "P1"), EQ("LS", "V2")))),
	R("380", BASE, 0, "Episodes", "PLACE RNE", "A period of care cannot start with a temporary placement.",
	  ROWS(AND(IN("PLACE", "T0 T1 T2 T3 T4"), NOT(IN("RNE", "P B"))))),
	R("381", BASE, 0, "Episodes", "PLACE REC", "A period of care cannot end with a temporary placement.",
	  ROWS(AND(IN("PLACE", "T0 T1 T2 T3 T4"), NOT(EQ("REC", "X1")), NOTNA("REC")))),
	R("382", BASE, 0, "Episodes", "LS PLACE", "A child receiving respite care cannot be in a temporary placement.",
	  ROWS(AND(IN("LS", "V3 V4"), IN("PLACE", "T0 T1 T2 T3 T4")))),
	R("384", BASE, 0, "Episodes", "PLACE LS",
	  "A child receiving respite care cannot be in a long-term foster placement ",
	  ROWS(AND(IN("LS", "V3 V4"), IN("PLACE", "U1 U4")))),
	R("385", BASE, 0, "Episodes", "DEC",
	  "Date episode ceased must be on or before the end of the current collection year.",
	  ROWS(DGT(D("DEC"), CEND))),
	R("391", BASE, 0, "OC3", "DOB IN_TOUCH ACTIV ACCOM",
	  "Young person was not 17, 18, 19, 20 or 21 during the current collection year. ",
	  ROWS(AND(DGT(DY("DOB", 17), CEND), OR(NOTNA("IN_TOUCH"), NOTNA("ACTIV"), NOTNA("ACCOM"))))),
	R("392d", BASE, 0, "Episodes", "HOME_POST PL_POST PLACE",
	  "Home and placement postcodes should not be same unless the placement type is P1.",
	  ROWS(AND(NOT(EQ("PLACE", "P1")), EQCOL("HOME_POST", "PL_POST")))),
	R("398", BASE, 0, "Episodes", "LS HOME_POST PL_POST",
	  "Distance field completed but child looked after under legal status V3 or V4.",
	  ROWS(AND(IN("LS", "V3 V4"), OR(NOTNA("HOME_POST"), NOTNA("PL_POST"))))),
	R("411", BASE, 0, "Episodes", "PL_LOCATION", "Placement location code disagrees with LA of placement.",
	  .needs = VN_POSTCODES, ROWS(AND(EQ("PL_LOCATION", "IN"), NOT(FN(pl_la_is_own))))),
	R("420", BASE, 0, "Episodes", "PL_LA",
	  "LA of placement completed but child is looked after under legal status V3 or V4.",
	  .needs = VN_POSTCODES, ROWS(AND(IN("LS", "V3 V4"), NOTNA("PL_LA")))),
	R("440", BASE, 0, "Reviews", "DOB REVIEW REVIEW_CODE",
	  "Participation method indicates child was under 4 years old at the time of the review, but date of birth and review date indicates the child was 4 years old or over.",
	  ROWS(AND(EQ("REVIEW_CODE", "PN0"), DGT(D("REVIEW"), DY("DOB", 4))))),
	R("441", BASE, 0, "Reviews", "DOB REVIEW REVIEW_CODE",
	  "Participation method indicates child was 4 years old or over at the time of the review, but the date of birth and review date indicates the child was under 4 years old.",
	  ROWS(AND(IN("REVIEW_CODE", "PN1 PN2 PN3 PN4 PN5 PN6 PN7"), DLT(D("REVIEW"), DY("DOB", 4))))),
	R("511", BASE, 0, "AD1", "NB_ADOPTR SEX_ADOPTR",
	  "If reporting that the number of person(s) adopting the looked after child is two adopters then the code should only be MM, FF or MF. MM = the adopting couple are both males; FF = the adopting couple are both females; MF = The adopting couple are male and female.",
	  ROWS(AND(INS("NB_ADOPTR", "2"), IN("SEX_ADOPTR", "M1 F1")))),
	R("517", BASE, 0, "AD1", "LS_ADOPTR SEX_ADOPTR",
	  "If reporting legal status of adopters is L3 then the genders of adopters should be coded as MF. MF = the adopting couple are male and female.",
	  ROWS(AND(EQ("LS_ADOPTR", "L3"), NOT(EQ("SEX_ADOPTR", "MF"))))),
	R("518", BASE, 0, "AD1", "LS_ADOPTR SEX_ADOPTR",
	  "If reporting legal status of adopters is L4 then the genders of adopters should be coded as MM or FF. MM = the adopting couple are both males. FF = the adopting couple are both females.",
	  ROWS(AND(EQ("LS_ADOPTR", "L4"), NOT(IN("SEX_ADOPTR", "MM FF"))))),
	R("519", BASE, 0, "AD1", "LS_ADOPTR SEX_ADOPTR",
	  "Data entered on the legal status of adopters shows civil partnership couple, but data entered on genders of adopters does not show it as a couple.",
	  ROWS(AND(EQ("LS_ADOPTR", "L2"), NOT(IN("SEX_ADOPTR", "MM FF MF"))))),
	R("520", BASE, 0, "AD1", "LS_ADOPTR SEX_ADOPTR",
	  "Data entry on the legal status of adopters shows different gender married couple but data entry on genders of adopters shows it as a same gender couple.",
	  ROWS(AND(EQ("LS_ADOPTR", "L11"), NOT(EQ("SEX_ADOPTR", "MF"))))),
	R("524", BASE, 0, "AD1", "LS_ADOPTR SEX_ADOPTR",
	  "If reporting legal status of adopters is L12 then the genders of adopters should be coded as MM or FF. MM = the adopting couple are both males. FF = the adopting couple are both females",
	  ROWS(AND(EQ("LS_ADOPTR", "L12"), NOT(IN("SEX_ADOPTR", "MM FF"))))),
	R("527", BASE, 0, "Episodes", "PLACE PLACE_PROVIDER",
	  "A placement provider code of PR1 cannot be associated with placements P1, R2 or R5.",
	  ROWS(AND(IN("PLACE", "P1 R2 R5"), EQ("PLACE_PROVIDER", "PR1")))),
	R("528", BASE, 0, "Episodes", "PLACE PLACE_PROVIDER",
	  "A placement provider code of PR2 cannot be associated with placements P1, R2 or R5.",
	  ROWS(AND(IN("PLACE", "P1 R2 R5"), EQ("PLACE_PROVIDER", "PR2")))),
	R("529", BASE, 0, "Episodes", "PLACE PLACE_PROVIDER",
	  "Placement provider code of PR3 cannot be associated with placements P1, A3 to A6, K1, K2 and U1 to U6 as these placements cannot be provided by other public organisations.",
	  ROWS(AND(IN("PLACE", "A3 A4 A5 A6 K1 K2 P1 U1 U2 U3 U4 U5 U6"), EQ("PLACE_PROVIDER", "PR3")))),
	R("530", BASE, 0, "Episodes", "PLACE PLACE_PROVIDER",
	  "A placement provider code of PR4 cannot be associated with placement P1.",
	  ROWS(AND(EQ("PLACE", "P1"), EQ("PLACE_PROVIDER", "PR4")))),
	R("531", BASE, 0, "Episodes", "PLACE PLACE_PROVIDER",
	  "A placement provider code of PR5 cannot be associated with placements P1.",
	  ROWS(AND(EQ("PLACE", "P1"), EQ("PLACE_PROVIDER", "PR5")))),
	R("542", BASE, 0, "OC2", "CONVICTED",
	  "A child aged under 10 at 31 March should not have conviction information completed.",
	  ROWS(AND(DGT(DY("DOB", 10), CEND), NOTNA("CONVICTED")))),
	R("544", BASE, 0, "OC2", "CONVICTED IMMUNISATIONS TEETH_CHECK HEALTH_ASSESSMENT SUBSTANCE_MISUSE",
	  "Any child who has conviction information completed must also have immunisation, teeth check, health assessment and substance misuse problem identified fields completed.",
	  ROWS(AND(INS("CONVICTED", "1"), OR(NA("IMMUNISATIONS"), NA("TEETH_CHECK"), NA("HEALTH_ASSESSMENT"),
					      NA("SUBSTANCE_MISUSE"))))),
	R("547", BASE, 0, "OC2", "HEALTH_CHECK IMMUNISATIONS TEETH_CHECK HEALTH_ASSESSMENT SUBSTANCE_MISUSE",
	  "Any child who has health promotion information completed must also have immunisation, teeth check, health assessment and substance misuse problem identified fields completed.",
	  ROWS(AND(INS("HEALTH_CHECK", "1"), OR(NA("IMMUNISATIONS"), NA("TEETH_CHECK"), NA("HEALTH_ASSESSMENT"),
						 NA("SUBSTANCE_MISUSE"))))),
	R("550", BASE, 0, "Episodes", "PLACE PLACE_PROVIDER",
	  "A placement provider code of PR0 can only be associated with placement P1.",
	  ROWS(AND(NOT(EQ("PLACE", "P1")), EQ("PLACE_PROVIDER", "PR0")))),
	R("564", BASE, 0, "Missing", "MISSING MIS_START",
	  "Child was missing or away from placement without authorisation and the date started is blank.",
	  ROWS(AND(IN("MISSING", "M A m a"), NA("MIS_START")))),
	R("565", BASE, 0, "Missing", "MISSING MIS_START",
	  "The date that the child started to be missing or away from placement without authorisation has been completed but whether the child was missing or away from placement without authorisation has not been completed.",
	  ROWS(AND(NOTNA("MIS_START"), NA("MISSING")))),
	R("566", BASE, 0, "Missing", "MISSING MIS_END",
	  "The date that the child's episode of being missing or away from placement without authorisation ended has been completed but whether the child was missing or away without authorisation has not been completed.",
	  ROWS(AND(NA("MISSING"), NOTNA("MIS_END")))),
	R("567", BASE, 0, "Missing", "MIS_START MIS_END",
	  "The date that the missing episode or episode that the child was away from placement without authorisation ended is before the date that it started.",
	  ROWS(DGT(D("MIS_START"), D("MIS_END")))),
	R("570", BASE, 0, "Missing", "MIS_START",
	  "The date that the child started to be missing or away from placement without authorisation is after the end of the collection year.",
	  ROWS(DGT(D("MIS_START"), CEND))),
	R("571", BASE, 0, "Missing", "MIS_END",
	  "The date that the child ceased to be missing or away from placement without authorisation is before the start or after the end of the collection year.",
	  ROWS(OR(DLT(D("MIS_END"), CSTART), DGT(D("MIS_END"), CEND)))),
	R("586", BASE, 0, "Missing", "MIS_START", "Dates of missing periods are before child\u2019s date of birth.",
	  ROWS(DLE(D("MIS_START"), D("DOB")))),
	R("611", BASE, 0, "Header", "MOTHER MC_DOB", "Date of birth field is blank, but child is a mother.",
	  ROWS(AND(INS("MOTHER", "1"), NA("MC_DOB")))),
	R("612", BASE, 2024, "Header", "SEX MOTHER MC_DOB",
	  "Date of birth field has been completed but mother field indicates child is not a mother.",
	  ROWS(AND(OR(INS("MOTHER", "0"), NA("MOTHER")), INS("SEX", "2"), NOTNA("MC_DOB")))),
	R("612", 2025, 0, "Header", "SEX MOTHER MC_DOB",
	  "Date of birth field has been completed but mother field indicates child is not a mother.",
	  ROWS(AND(OR(INS("MOTHER", "0"), NA("MOTHER")), INS("SEX", "F"), NOTNA("MC_DOB")))),
	R("620", BASE, 0, "Header", "DOB MOTHER",
	  "Child has been recorded as a mother, but date of birth shows that the mother is under 11 years of age.",
	  ROWS(AND(INS("MOTHER", "1"), DGT(DY("DOB", 11), CSTART)))),
	R("621", BASE, 0, "Header", "DOB MC_DOB",
	  "Mother\u2019s field has been completed but date of birth shows that the mother is younger than her child.",
	  ROWS(NOT(OR(DGT(D("MC_DOB"), D("DOB")), NA("MC_DOB"))))),
	R("631", BASE, 0, "PrevPerm", "PREV_PERM", "Previous permanence option not a valid value.",
	  ROWS(VALID_OR_NA("PREV_PERM", "P1 P2 P3 P4 Z1"))),
	R("633", BASE, 0, "PrevPerm", "LA_PERM",
	  "Local authority code where previous permanence option was arranged is not a valid value.",
	  ROWS(AND(NOTNA("LA_PERM"), NOT(INS("LA_PERM", LA_PERM_CODES))))),
	R("700", 2027, 0, "DoLo", "DOLO_START", "The start date of the DoLO is not a valid date.",
	  ROWS(DATE_BAD("DOLO_START"))),
	R("701", 2027, 0, "DoLo", "DOLO_END", "The end date of the DoLO is not a valid date.",
	  ROWS(BAD_DATE_IF_GIVEN("DOLO_END"))),
	R("702", 2027, 0, "DoLo", "DOLO_START DOLO_END",
	  "The date that the DoLO ended is before the date that it started.",
	  ROWS(DLE(D("DOLO_END"), D("DOLO_START")))),
	R("703", 2027, 0, "DoLo", "DOLO_START",
	  "The date that the DoLO started is after the end of the collection year.",
	  ROWS(DGT(D("DOLO_START"), CEND))),
	R("704", 2027, 0, "DoLo", "DOLO_END",
	  "The date that the DoLO ended is before the start or after the end of the collection year.",
	  ROWS(OR(DGT(D("DOLO_END"), CEND), DLT(D("DOLO_END"), CSTART)))),
	R("708", 2027, 0, "DoLo", "DOLO_START", "Dates of DoLOs are before child\u2019s date of birth.",
	  ROWS(DLE(D("DOLO_START"), D("DOB")))),
	R("1004", BASE, 0, "Missing", "MIS_START",
	  "The start date of the missing episode or episode that the child was away from placement without authorisation is not a valid date.",
	  ROWS(DATE_BAD("MIS_START"))),
	R("1005", BASE, 0, "Missing", "MIS_END",
	  "The end date of the missing episode or episode that the child was away from placement without authorisation is not a valid date.",
	  ROWS(BAD_DATE_IF_GIVEN("MIS_END"))),
	R("1006", BASE, 0, "Missing", "MISSING", "Missing type invalid.", ROWS(VALID_OR_NA("MISSING", "M A"))),
	R("1009", BASE, 0, "Episodes", "REASON_PLACE_CHANGE", "Reason for placement change is not a valid code.",
	  ROWS(VALID_OR_NA("REASON_PLACE_CHANGE", RPC_CODES_2023))),
	R("1015", BASE, 0, "Episodes", "PL_LA", "Placement provider is own provision but child not placed in own LA.",
	  .needs = VN_POSTCODES,
	  ROWS(AND(NOT(IN("PLACE", "A3 A4 A5 A6 U1 U2 U3 U4 U5 U6")), NOT(IN("LS", "V3 V4")),
		   EQ("PLACE_PROVIDER", "PR1"), NOTNA("LS"), NOTNA("PLACE"), NOT(FN(pl_la_is_own))))),
};
VRULES_COUNT(rules_903_fields);
