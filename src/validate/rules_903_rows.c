/* SSDA903 rules that are row patterns over one table or a pair of tables
 * joined on CHILD: this year against last year's Header, episodes against
 * the child's Header, adoption and placement decisions, previous permanence,
 * the data integrity checks (INT) and social worker episodes (SW). */
#include <string.h>

#include "validate/rules.h"
#include "validate/rules_903.h"

#define BASE VR_BASE_YEAR
#define ROWS(e) .check = vp_rows, .expr = (e)
#define R(code_, since_, until_, tabs, flds, msg, ...) \
	{ .code = code_, .ret = VR_903, .since = since_, .until = until_, .message = msg, \
	  .tables = tabs, .fields = flds, __VA_ARGS__ }
/* rows of a, each with each row of b for its child (a left merge on CHILD) */
#define PAIRS(a, b, e) .check = vp_pairs, .arg = (a), .pair = (b), .expr = (e)
/* likewise, but a row whose child has no row in b is not tested (inner merge) */
/* expr holds and the child is looked after continuously for 12 months */
#define CLA(e) .check = vp_rows_cla, .expr = (e)
#define PAIRS_IN(a, b, e) .check = vp_pairs, .arg = (a), .pair = (b), .pair_inner = 1, .expr = (e)

#define TEMP_PLACES "T0 T1 T2 T3 T4"
#define AD1_ANY(p) OR(NOTNA(p "DATE_INT"), NOTNA(p "DATE_MATCH"), NOTNA(p "FOSTER_CARE"), NOTNA(p "NB_ADOPTR"), \
		      NOTNA(p "SEX_ADOPTR"), NOTNA(p "LS_ADOPTR"))
#define OC3_ANY(p) OR(NOTNA(p "IN_TOUCH"), NOTNA(p "ACTIV"), NOTNA(p "ACCOM"))
#define OC2_ANY8(p) OR(NOTNA(p "CONVICTED"), NOTNA(p "HEALTH_CHECK"), NOTNA(p "IMMUNISATIONS"), \
		       NOTNA(p "TEETH_CHECK"), NOTNA(p "HEALTH_ASSESSMENT"), NOTNA(p "SUBSTANCE_MISUSE"), \
		       NOTNA(p "INTERVENTION_RECEIVED"), NOTNA(p "INTERVENTION_OFFERED"))
/* a date that is there and is a date */
#define DATE_OK(c) NOT(DATE_BAD(c))
/* INT01-09: a child in table t must have a Header row */
#define INT_IN_HEADER(code_, t, msg) \
	R(code_, BASE, 0, t, "CHILD", msg, .need = "Header " t, ROWS(NOT(HAS("Header"))))
/* INT11-18: DOB in table t agrees with the child's Header */
#define INT_DOB(code_, t, msg) \
	R(code_, BASE, 0, t, "DOB", msg, .need = "Header " t, \
	  PAIRS(t, "Header", AND(DATE_OK("DOB"), DATE_OK("Header:DOB"), NOT(SAMEDATE("DOB", "Header:DOB")))))
/* INT31-36: a child appears once in table t */
#define INT_ONCE(code_, t, msg) R(code_, BASE, 0, t, "CHILD", msg, ROWS(COUNT(t, NOTNA("CHILD"), VX_GT, 1)))

/* 576: a child's missing periods with no start date sort as the same
 * (far future) date, so the first of them is the child's first. */
static int first_of_child(struct vrun *run, struct vframe *f, long r)
{
	struct vcol *cc = vframe_col(f, "CHILD");
	return cc && cc->v[r] && vframe_find(f, cc->v[r], -1) == r;
}

/* 230: a placement LA starting N, W or S (NaN reads "NAN") is outside England, as DfE's tool has it. */
static int pl_la_outside_england(struct vrun *run, struct vframe *f, long r)
{
	struct vcol *c = vframe_col(f, "PL_LA");
	const char *v = c ? vcol_asstr(c, r) : "nan";
	return strchr("NWSnws", v[0]) != NULL && v[0];
}

static int sw_id_prefix(struct vrun *run, struct vframe *f, long r)
{
	struct vcol *c = vframe_col(f, "SW_ID");
	const char *v = c ? c->v[r] : NULL;
	return v && !(c->num && c->num[r]) && (strncmp(v, "SW", 2) == 0 || strncmp(v, "XX", 2) == 0);
}

static int sw_decom_zz_date(struct vrun *run, struct vframe *f, long r)
{
	cf_date d;
	struct vcol *c = vframe_col(f, "SW_DECOM");
	return c && vdate_parse_zz(c->v[r], &d) == 0;
}

static int sw_dec_zz_date(struct vrun *run, struct vframe *f, long r)
{
	cf_date d;
	struct vcol *c = vframe_col(f, "SW_DEC");
	return c && vdate_parse_zz(c->v[r], &d) == 0;
}

/* numpy's timedelta64(1, "Y") is a mean Gregorian year, 365.2425 days: a
 * date at midnight is on or after (start - 1 year) when its seconds are. */
static int within_mean_year(struct vrun *run, struct vframe *f, long r, const char *col)
{
	struct vcol *c = vframe_col(f, col);
	cf_date d = c ? vcol_date(f, c, r) : CF_DATE_NONE, cs = run->vd->meta.collection_start;
	if (d == CF_DATE_NONE || cs == CF_DATE_NONE)
		return 0;
	return (long long)d * 86400 >= (long long)cs * 86400 - 31556952LL;
}

static int sw_dec_within_mean_year(struct vrun *run, struct vframe *f, long r)
{
	return within_mean_year(run, f, r, "SW_DEC");
}

static int sw_decom_within_mean_year(struct vrun *run, struct vframe *f, long r)
{
	return within_mean_year(run, f, r, "SW_DECOM");
}

#define SW_REASONS "MANAGE FCONTA LEFTRL ORGRST TSPROC ABSENC CHCHAN PCCHAN SWDIED OTHERS"
/* SW16a-c: the child's first social worker episode this year against last
 * year's latest, still open (both in date order, undated ones last) */
#define SW_MATCHES_LAST(code_, field, differs, msg) \
	R(code_, 2025, 0, "SWEpisodes", field, msg, .need = "SWEpisodes SWEpisodes_last", .order = "SW_DECOM", \
	  PAIRS_IN("SWEpisodes", "SWEpisodes_last", \
		   AND(NOT(HAS("-1")), SW_LAST_OPEN, differs)))
#define SW_LAST_OPEN \
	AND(LAST("SWEpisodes_last:SW_DECOM"), DATE_BAD("SWEpisodes_last:SW_DEC"))
/* 709, 710: the episode and the DoLO overlap */
#define DOLO_OVERLAPS \
	AND(NOTNA("DoLo:DOLO_START"), NOTNA("DoLo:DOLO_END"), \
	    OR(DLE(D("DoLo:DOLO_START"), D("DEC")), DATE_BAD("DEC")), DGE(D("DoLo:DOLO_END"), D("DECOM")))

/* 503D: DfE allowed the move from H5 to K3 in 2023-24 and 2024-25, and from Z1 to Z11-Z14 in 2025-26. */
static int year_2024_or_2025(struct vrun *run, struct vframe *f, long r)
{
	return run->vd->meta.year == 2024 || run->vd->meta.year == 2025;
}

static int year_2026(struct vrun *run, struct vframe *f, long r)
{
	return run->vd->meta.year == 2026;
}

/* 503A-J: the child's first episode this year and last year's last, still open, disagree on field */
#define PREV_OPEN_EXPR(field) \
	AND(FIRST("DECOM"), LAST("Episodes_last:DECOM"), DATE_BAD("Episodes_last:DEC"), \
	    NOT(SAMESTR(field, "Episodes_last:" field)))
#define PREV_OPEN(code_, field, msg, needs_) \
	R(code_, BASE, 0, "Episodes", field, msg, .need = "Episodes Episodes_last", .needs = (needs_), \
	  PAIRS_IN("Episodes", "Episodes_last", PREV_OPEN_EXPR(field)))
/* 453, 503G: placement distance moved by 0.2 miles or more, or newly given */
#define DISTANCE_CHANGED \
	OR(NUMDIFF("PL_DISTANCE", "Episodes_last:PL_DISTANCE", VX_GE, 0.2), \
	   AND(NA("Episodes_last:PL_DISTANCE"), NOTNA("PL_DISTANCE")))

const struct vrule rules_903_more[] = {
	/* ---- this year's Header against last year's ---- */
	R("202", BASE, 0, "Header", "SEX", "The gender code conflicts with the gender already recorded for this child.",
	  .need = "Header Header_last", ROWS(AND(HAS("Header_last"), NOT(SAMESTR("SEX", "Header_last:SEX"))))),
	R("203", BASE, 0, "Header", "DOB", "Date of birth disagrees with the date of birth already recorded for this child.",
	  .need = "Header Header_last", ROWS(AND(HAS("Header_last"), NOT(SAMEDATE("DOB", "Header_last:DOB"))))),
	R("204", BASE, 0, "Header", "ETHNIC",
	  "Ethnic origin code disagrees with the ethnic origin already recorded for this child.",
	  .need = "Header Header_last", ROWS(AND(HAS("Header_last"), NOT(SAMESTRU("ETHNIC", "Header_last:ETHNIC"))))),
	R("207", BASE, 0, "Header", "MOTHER",
	  "Mother status for the current year disagrees with the mother status already recorded for this child.",
	  .need = "Header Header_last Episodes",
	  ROWS(AND(HAS("Header_last"), HAS("Episodes"), NOT(SAMESTR("MOTHER", "Header_last:MOTHER")),
		   INS("Header_last:MOTHER", "1")))),
	R("624", BASE, 0, "Header", "MC_DOB",
	  "Date of birth of the first child contradicts the date of birth of the first child previously recorded.",
	  .need = "Header Header_last",
	  PAIRS_IN("Header", "Header_last", AND(NOTNA("Header_last:MC_DOB"), NOT(EQCOL("MC_DOB", "Header_last:MC_DOB"))))),
	R("626", BASE, 0, "Header", "MOTHER MC_DOB",
	  "Child was reported as a mother but the date of birth of the first child is before the current year which contradicts with the mother status recorded last year.",
	  .need = "Header Header_last",
	  PAIRS_IN("Header", "Header_last", AND(DATE_OK("MC_DOB"), INNUM("MOTHER", "1"), INNUM("Header_last:MOTHER", "0"),
						DLT(D("MC_DOB"), CSTART)))),

	/* ---- episodes and the child's Header ---- */
	R("210", BASE, 0, "Episodes Header", "UPN DECOM",
	  "Children looked after for more than a week at 31 March should not have an unknown Unique Pupil Number (UPN) code of UN4.",
	  .need = "Header Episodes",
	  PAIRS("Episodes", "Header", AND(EQ("Header:UPN", "UN4"), DGE(D("DECOM"), CEND_D(-7))))),
	R("352", BASE, 0, "Episodes", "DECOM RNE", "Child who started to be looked after was aged 18 or over.",
	  .need = "Header Episodes", PAIRS("Episodes", "Header", AND(INU("RNE", "S"), DLE(DY("Header:DOB", 18), D("DECOM"))))),
	R("358", BASE, 0, "Episodes Header", "DECOM DOB LS", "Child with this legal status should not be under 10.",
	  .need = "Header Episodes",
	  PAIRS("Episodes", "Header", AND(IN("LS", "J1 J2 J3"), DGE(DY("Header:DOB", 10), D("DECOM"))))),
	R("359", BASE, 0, "Episodes", "DEC LS PLACE",
	  "Child being looked after following 18th birthday must be accommodated under section 20(5) of the Children Act 1989 in a community home.",
	  .need = "Header Episodes",
	  PAIRS("Episodes", "Header", AND(DLT(DY("Header:DOB", 18), CEND), NA("DEC"),
					  NOT(AND(EQ("LS", "V2"), EQ("PLACE", "K2")))))),
	R("379", BASE, 0, "Episodes", "DECOM PLACE",
	  "Temporary placements for unspecified reason (placement code T4) cannot exceed seven days.",
	  .need = "Header Episodes",
	  PAIRS_IN("Episodes", "Header", AND(EQ("PLACE", "T4"), DATE_OK("DECOM"), DATE_OK("DEC"), DATE_OK("Header:DOB"),
					     DGT(D("DEC"), DD("DECOM", 7))))),
	R("386", BASE, 0, "Episodes", "REC", "Reason episode ceased is adopted but child has reached age 18.",
	  .need = "Header Episodes",
	  PAIRS("Episodes", "Header", AND(INU("REC", "E11 E12"), DLE(DY("Header:DOB", 18), D("DEC"))))),
	R("387", BASE, 0, "Episodes", "REC",
	  "Reason episode ceased is child moved into independent living arrangement, but the child is aged under 14.",
	  .need = "Header Episodes",
	  PAIRS("Episodes", "Header", AND(INU("REC", "E5 E6"), DATE_OK("DEC"), NOT(DLE(DY("Header:DOB", 14), D("DEC")))))),
	R("389", BASE, 0, "Episodes", "REC",
	  "Reason episode ceased is that child transferred to care of adult social care services, but child is aged under 16.",
	  .need = "Header Episodes",
	  PAIRS("Episodes", "Header", AND(INU("REC", "E7"), NOT(DLE(DY("Header:DOB", 16), D("DEC")))))),
	R("407", BASE, 0, "Episodes Header", "DEC DOB REC",
	  "Reason episode ceased is Special Guardianship Order, but child has reached age 18.",
	  .need = "Header Episodes",
	  PAIRS("Episodes", "Header", AND(IN("REC", "E45 E46 E47 E48"), DLT(DY("Header:DOB", 18), D("DEC"))))),
	R("442", BASE, 0, "Header", "UPN", "Unique Pupil Number (UPN) field is not completed.",
	  .need = "Header Episodes",
	  PAIRS_IN("Episodes", "Header", AND(NOT(IN("LS", "V3 V4")), NA("Header:UPN")))),
	R("460", BASE, 0, "Episodes", "DEC REC",
	  "Reason episode ceased is that child stayed with current carers at age 18 (or above), but child is aged under 18.",
	  .need = "Header Episodes", PAIRS("Episodes", "Header", AND(EQ("REC", "E17"), DGT(DY("Header:DOB", 18), D("DEC"))))),
	R("607", BASE, 2024, "Episodes Header", "DEC REC MOTHER LS SEX",
	  "Child ceased to be looked after in the year, but mother field has not been completed.",
	  .need = "Header Episodes",
	  PAIRS("Episodes", "Header", AND(DATE_OK("DEC"), NOT(EQ("REC", "X1")), NOTNA("REC"), NOT(IN("LS", "V3 V4")),
					  DLE(CSTART, D("DEC")), DLE(D("DEC"), CEND), EQ("Header:SEX", "2"),
					  NA("Header:MOTHER")))),
	R("607", 2025, 0, "Episodes Header", "DEC REC MOTHER LS SEX",
	  "Child ceased to be looked after in the year, but mother field has not been completed.",
	  .need = "Header Episodes",
	  PAIRS("Episodes", "Header", AND(DATE_OK("DEC"), NOT(EQ("REC", "X1")), NOTNA("REC"), NOT(IN("LS", "V3 V4")),
					  DLE(CSTART, D("DEC")), DLE(D("DEC"), CEND), EQ("Header:SEX", "F"),
					  NA("Header:MOTHER")))),
	R("625", BASE, 0, "Header Episodes", "MC_DOB DEC",
	  "Date of birth of the first child is beyond the end of this reporting year or the date the child ceased to be looked after.",
	  .need = "Header Episodes",
	  PAIRS("Episodes", "Header", AND(LAST("DEC"), OR(DGT(D("Header:MC_DOB"), CEND), DGT(D("Header:MC_DOB"), D("DEC")))))),
	R("302", BASE, 0, "Episodes Header", "DECOM DOB", "First episode starts before child was born.",
	  .need = "Header Episodes", PAIRS("Episodes", "Header", AND(FIRST("DECOM"), DGT(D("Header:DOB"), D("DECOM"))))),
	R("393", BASE, 2024, "Header", "MOTHER", "Child is looked after but mother field is not completed.",
	  .need = "Header Episodes",
	  ROWS(AND(INS("SEX", "2"), NA("MOTHER"), ANY("Episodes", NOT(INU("LS", "V3 V4")))))),
	R("393", 2025, 0, "Header", "MOTHER", "Child is looked after but mother field is not completed.",
	  .need = "Header Episodes",
	  ROWS(AND(INS("SEX", "F"), NA("MOTHER"), ANY("Episodes", NOT(INU("LS", "V3 V4")))))),
	R("EPI", BASE, 0, "Header", "CHILD",
	  "WARNING: Episodes need to be loaded for this child before further validation is possible [NOTE: This refers to the DfE portal - here, all checks that can be performed with only the available data will be.]",
	  ROWS(AND(NOT(HAS("Episodes")), NOT(HAS("OC3"))))),
	R("628", BASE, 0, "Header", "MOTHER",
	  "Motherhood details are not required for care leavers who have not been looked after during the year.",
	  .need = "Header Episodes OC3",
	  ROWS(AND(NOT(HAS("Episodes")), NOTNA("MOTHER"), ANY("OC3", OC3_ANY(""))))),
	R("3001", BASE, 0, "OC3", "REC",
	  "Where care leavers information is being returned for a young person around their 17th birthday, the accommodation cannot be with their former foster carer(s).",
	  .need = "Header OC3",
	  ROWS(AND(INU("ACCOM", "Z1 Z2"), DLE(DY("Header:DOB", 17), CEND), DGE(DY("Header:DOB", 17), CSTART)))),

	/* ---- one row ---- */
	R("217", BASE, 0, "Episodes", "PLACE DECOM RNE",
	  "Children who are placed for adoption with current foster carers (placement types A3 or A5) must have a reason for new episode of S, T or U.",
	  ROWS(AND(IN("PLACE", "A3 A5"), DGE(D("DECOM"), YMD(2015, 4, 1)), NOT(IN("RNE", "S T U"))))),
	R("222", BASE, 2023, "Episodes", "URN",
	  "Ofsted Unique reference number (URN) should not be recorded for this placement type.",
	  ROWS(AND(IN("PLACE", "H5 P1 P2 P3 R1 R2 R5 T0 T1 T2 T3 T4 Z1"), NOTNA("URN"), NOT(EQ("URN", URN_NOT_REGISTERED))))),
	R("222", 2024, 2024, "Episodes", "URN",
	  "Ofsted Unique reference number (URN) should not be recorded for this placement type.",
	  ROWS(AND(IN("PLACE", "P1 P2 P3 R1 R2 R5 T0 T1 T2 T3 T4 Z1"), NOTNA("URN"), NOT(EQ("URN", URN_NOT_REGISTERED))))),
	R("222", 2025, 2025, "Episodes", "URN",
	  "Ofsted Unique reference number (URN) should not be recorded for this placement type.",
	  ROWS(AND(IN("PLACE", "P1 P3 R1 R2 R5 T0 T1 T2 T3 T4 Z1"), NOTNA("URN"), NOT(EQ("URN", URN_NOT_REGISTERED))))),
	R("222", 2026, 0, "Episodes", "URN",
	  "Ofsted Unique reference number (URN) should not be recorded for this placement type.",
	  ROWS(AND(IN("PLACE", "P1 P3 R1 R2 R5 T0 T1 T2 T3 T4 Z11 Z12 Z13 Z14"), NOTNA("URN"), NOT(EQ("URN", URN_NOT_REGISTERED))))),
	R("333", BASE, 0, "AD1", "DATE_INT",
	  "Date should be placed for adoption must be on or prior to the date of matching child with adopter(s).",
	  ROWS(AND(DATE_OK("DATE_MATCH"), OR(DATE_BAD("DATE_INT"), DGT(D("DATE_INT"), D("DATE_MATCH")))))),
	R("344", BASE, 0, "OC3", "IN_TOUCH ACTIV ACCOM",
	  "The record shows the young person has died or returned home to live with parent(s) or someone with parental responsibility for a continuous period of 6 months or more, but activity and/or accommodation on leaving care have been completed.",
	  ROWS(AND(IN("IN_TOUCH", "DIED RHOM"), OR(NOT(INS("ACTIV", "0")), NOT(INS("ACCOM", "0")))))),
	R("355", BASE, 0, "Episodes", "DECOM DEC", "Episode appears to have lasted for less than 24 hours",
	  ROWS(SAMESTR("DECOM", "DEC"))),
	R("390", BASE, 0, "Episodes", "PLACE REC",
	  "Reason episode ceased is adopted but child has not been previously placed for adoption.",
	  ROWS(AND(IN("REC", "E11 E12"), NOT(IN("PLACE", "A3 A4 A5 A6"))))),
	R("408", BASE, 0, "Episodes", "PLACE LS",
	  "Child is placed for adoption with a placement order, but no placement order has been recorded.",
	  ROWS(AND(IN("PLACE", "A5 A6"), NOT(EQ("LS", "E1"))))),
	R("445", BASE, 0, "Episodes", "LS DECOM", "D1 is not a valid code for episodes starting after December 2005.",
	  ROWS(AND(EQ("LS", "D1"), DGT(D("DECOM"), YMD(2005, 12, 31))))),
	R("446", BASE, 0, "Episodes", "LS DECOM", "E1 is not a valid code for episodes starting before December 2005.",
	  ROWS(AND(EQ("LS", "E1"), DLT(D("DECOM"), YMD(2005, 12, 1))))),
	R("451", BASE, 0, "Episodes", "DEC REC LS",
	  "Child is still freed for adoption, but freeing orders could not be applied for since 30 December 2005.",
	  ROWS(AND(NA("DEC"), NA("REC"), EQ("LS", "D1")))),
	R("514", BASE, 0, "AD1", "LS_ADOPTR SEX_ADOPTR",
	  "Data entry on the legal status of adopters shows a single adopter but data entry for the numbers of adopters shows it as a couple.",
	  ROWS(AND(EQ("LS_ADOPTR", "L0"), NOT(IN("SEX_ADOPTR", "M1 F1"))))),
	R("516", BASE, 0, "Episodes", "REC PLACE",
	  "The episode data submitted for this child does not show that he/she was with their former foster carer(s) during the year.If the code in the reason episode ceased is E45 or E46 the child must have a placement code of U1 to U6.",
	  ROWS(AND(IN("REC", "E45 E46"), NOT(IN("PLACE", "U1 U2 U3 U4 U5 U6"))))),
	R("522", BASE, 0, "PlacedAdoption", "DATE_PLACED DATE_PLACED_CEASED",
	  "Date of decision that the child should be placed for adoption must be on or before the date that a child should no longer be placed for adoption.",
	  ROWS(DLT(D("DATE_PLACED_CEASED"), D("DATE_PLACED")))),
	R("526", BASE, 2025, "Episodes", "PLACE PLACE_PROVIDER",
	  "Child is missing a placement provider code for at least one episode.",
	  ROWS(AND(NOT(IN("PLACE", "T0 T1 T2 T3 T4 Z1")), NA("PLACE_PROVIDER")))),
	R("526", 2026, 0, "Episodes", "PLACE PLACE_PROVIDER",
	  "Child is missing a placement provider code for at least one episode.",
	  ROWS(AND(NOT(IN("PLACE", "T0 T1 T2 T3 T4 Z11 Z12 Z13 Z14")), NA("PLACE_PROVIDER")))),
	R("563", BASE, 0, "PlacedAdoption", "DATE_PLACED REASON_PLACED_CEASED DATE_PLACED_CEASED",
	  "The child should no longer be placed for adoption but the date of the decision that the child should be placed for adoption is blank",
	  ROWS(AND(NOTNA("REASON_PLACED_CEASED"), NOTNA("DATE_PLACED_CEASED"), NA("DATE_PLACED")))),
	R("635", BASE, 0, "PrevPerm", "LA_PERM DATE_PERM PREV_PERM",
	  "There are entries for date of order and local authority code where previous permanence option was arranged but previous permanence code is Z1",
	  ROWS(AND(OR(NOTNA("LA_PERM"), NOTNA("DATE_PERM")), NA("PREV_PERM")))),

	/* ---- a child's episodes in date order ---- */
	R("225", BASE, 0, "Episodes", "REASON_PLACE_CHANGE", "Reason for placement change must be recorded.",
	  ROWS(AND(HAS("+1"), EQ("REC", "X1"), NA("REASON_PLACE_CHANGE"), NOT(IN("PLACE", TEMP_PLACES)),
		   IN("+1:RNE", "P B T U"), NOT(IN("+1:PLACE", TEMP_PLACES))))),
	R("226", BASE, 0, "Episodes", "REASON_PLACE_CHANGE PLACE", "Reason for placement change is not required.",
	  ROWS(AND(IN("PLACE", TEMP_PLACES), OR(NOTNA("REASON_PLACE_CHANGE"), NOTNA("-1:REASON_PLACE_CHANGE"))))),
	R("336", BASE, 0, "Episodes", "PLACE",
	  "Child does not have a foster placement immediately prior to being placed for adoption.",
	  ROWS(AND(IN("PLACE", "A3 A4"), HAS("-1"), NOT(IN("-1:PLACE", "A3 A4 A5 A6 U1 U2 U3 U4 U5 U6"))))),
	R("357", BASE, 0, "Episodes", "RNE",
	  "If this is the first episode ever for this child, reason for new episode must be S.  Check whether there is an episode immediately preceding this one, which has been left out.  If not the reason for new episode code must be amended to S.",
	  ROWS(AND(FIRST("DECOM"), DGE(D("DECOM"), CSTART), NOT(EQ("RNE", "S"))))),
	R("383", BASE, 2025, "Episodes", "PLACE",
	  "A child in a temporary placement must subsequently return to his/her normal placement.",
	  ROWS(AND(HAS("-2"), IN("-1:PLACE", TEMP_PLACES), OR(NOT(EQ("RNE", "P")), NOT(EQCOL("PLACE", "-2:PLACE")))))),
	R("383", 2026, 0, "Episodes", "PLACE PL_POST RNE",
	  "A child in a temporary placement must subsequently return to his/her normal placement.",
	  ROWS(AND(HAS("-2"), IN("-1:PLACE", TEMP_PLACES),
		   OR(NOT(EQ("RNE", "P")), NOT(EQCOL("PLACE", "-2:PLACE")), NOT(EQCOL("PL_POST", "-2:PL_POST")))))),
	R("388", BASE, 0, "Episodes", "REC", "Reason episode ceased is coded new episode begins, but there is no continuation episode.",
	  ROWS(OR(AND(HAS("+1"), EQ("REC", "X1"), DATE_OK("DEC"), NOT(DEQ(D("DEC"), D("+1:DECOM")))),
		  AND(HAS("+1"), NOT(EQ("REC", "X1")), NOTNA("REC"), DEQ(D("DEC"), D("+1:DECOM"))),
		  AND(NOT(HAS("+1")), DATE_OK("DEC"), EQ("REC", "X1"))))),
	R("431", BASE, 0, "Episodes", "RNE DECOM",
	  "The reason for new episode is started to be looked after, but the previous episode ended on the same day.",
	  ROWS(AND(HAS("-1"), EQ("RNE", "S"), DLE(D("DECOM"), D("-1:DEC"))))),
	R("432", BASE, 0, "Episodes", "RNE",
	  "The child ceased to be looked after at the end of the previous episode but the reason for the new episode is not started to be looked after.",
	  ROWS(AND(HAS("-1"), IN("-1:REC", "E2 E3 E4A E4B E5 E6 E7 E8 E9 E11 E12 E13 E14 E15 E16 E17 E41 E45 E46 E47 E48"),
		   NOT(EQ("RNE", "S"))))),
	R("437", BASE, 0, "Episodes", "REC",
	  "Reason episode ceased is child has died or is aged 18 or over but there are further episodes.",
	  ROWS(AND(DATE_OK("DECOM"), HAS("+1"), INU("REC", "E2 E15")))),
	R("501", BASE, 0, "Episodes", "DECOM DEC", "A new episode has started before the end date of the previous episode.",
	  ROWS(AND(HAS("-1"), DLT(D("DECOM"), D("-1:DEC"))))),
	R("504", BASE, 0, "Episodes", "CIN",
	  "The category of need code differs from that reported at start of current period of being looked after",
	  ROWS(AND(HAS("-1"), EQ("-1:REC", "X1"), DEQ(D("-1:DEC"), D("DECOM")), NOT(EQCOL("CIN", "-1:CIN"))))),


	R("377", BASE, 0, "Episodes", "PLACE",
	  "Only two temporary placements coded as being due to holiday of usual foster carer(s) are allowed in any 12- month period.",
	  ROWS(AND(EQ("PLACE", "T3"), COUNT("Episodes", EQ("PLACE", "T3"), VX_GT, 2)))),
	R("426", BASE, 0, "Episodes", "LS",
	  "A child receiving respite care cannot be recorded under a legal status of V3 and V4 in the same year.",
	  ROWS(AND(IN("LS", "V3 V4"), ANY("Episodes", EQ("LS", "V3")), ANY("Episodes", EQ("LS", "V4"))))),
	R("433", BASE, 0, "Episodes", "RNE DECOM",
	  "The reason for new episode suggests that this is a continuation episode, but the episode does not start on the same day as the last episode finished.",
	  .order = "DECOM DEC", ROWS(AND(HAS("-1"), INU("RNE", "P L T U B"), NOT(EQCOL("-1:DEC", "DECOM"))))),
	R("434", BASE, 0, "Episodes", "RNE LS PLACE PL_POST URN PLACE_PROVIDER",
	  "Reason for new episode is that child's legal status has changed but not the placement, but this is not reflected in the episode data.",
	  ROWS(AND(HAS("-1"), EQ("RNE", "L"),
		   OR(EQCOL("LS", "-1:LS"), NOT(SAMESTR("PLACE", "-1:PLACE")), NOT(SAMESTR("PL_POST", "-1:PL_POST")),
		      NOT(SAMESTR("URN", "-1:URN")), NOT(SAMESTR("PLACE_PROVIDER", "-1:PLACE_PROVIDER")))))),
	R("435", BASE, 0, "Episodes", "LS PLACE PL_POST URN PLACE_PROVIDER",
	  "Reason for new episode is that child\u2019s placement has changed but not the legal status, but this is not reflected in the episode data recorded.",
	  ROWS(AND(HAS("-1"), IN("RNE", "P T"),
		   OR(NOT(EQCOL("LS", "-1:LS")),
		      AND(EQCOL("PLACE", "-1:PLACE"), EQCOL("PL_POST", "-1:PL_POST"), EQCOL("URN", "-1:URN"),
			  EQCOL("PLACE_PROVIDER", "-1:PLACE_PROVIDER")))))),
	R("436", BASE, 0, "Episodes", "RNE LS PLACE PL_POST URN PLACE_PROVIDER",
	  "Reason for new episode is that both child\u2019s placement and legal status have changed, but this is not reflected in the episode data.",
	  ROWS(AND(HAS("-1"), IN("RNE", "U B"),
		   OR(SAMESTR("LS", "-1:LS"),
		      AND(SAMESTR("PLACE", "-1:PLACE"), SAMESTR("PL_POST", "-1:PL_POST"), SAMESTR("URN", "-1:URN"),
			  SAMESTR("PLACE_PROVIDER", "-1:PLACE_PROVIDER")))))),

	/* ---- the first episode this year against last year's last ---- */
	R("452", BASE, 0, "Episodes", "PL_LA",
	  "Contradiction between local authority of placement code in the last episode of the previous year and in the first episode of the current year.",
	  .need = "Episodes Episodes_last", .needs = VN_POSTCODES,
	  PAIRS_IN("Episodes", "Episodes_last",
		   AND(FIRST("DECOM"), LAST("Episodes_last:DECOM"), EQCOL("RNE", "Episodes_last:RNE"),
		       NA("Episodes_last:DEC"), NOT(SAMESTR("PL_LA", "Episodes_last:PL_LA"))))),
	R("453", BASE, 0, "Episodes", "PL_DISTANCE",
	  "Contradiction between placement distance in the last episode of the previous year and in the first episode of the current year.",
	  .need = "Episodes Episodes_last", .needs = VN_POSTCODES,
	  PAIRS_IN("Episodes", "Episodes_last",
		   AND(FIRST("DECOM"), LAST("Episodes_last:DECOM"), EQCOL("RNE", "Episodes_last:RNE"),
		       DATE_BAD("Episodes_last:DEC"), DISTANCE_CHANGED))),
	PREV_OPEN("503A", "RNE", "The reason for new episode in the first episode does not match open episode at end of last year.", 0),
	PREV_OPEN("503B", "LS", "The legal status in the first episode does not match open episode at end of last year.", 0),
	PREV_OPEN("503C", "CIN", "The category of need in the first episode does not match open episode at end of last year.", 0),
	R("503D", BASE, 0, "Episodes", "PLACE",
	  "The placement type in the first episode does not match open episode at end of last year",
	  .need = "Episodes Episodes_last",
	  PAIRS_IN("Episodes", "Episodes_last",
		   AND(PREV_OPEN_EXPR("PLACE"),
		       NOT(AND(FN(year_2024_or_2025), EQ("PLACE", "K3"), EQ("Episodes_last:PLACE", "H5"))),
		       NOT(AND(FN(year_2026), IN("PLACE", "Z11 Z12 Z13 Z14"), EQ("Episodes_last:PLACE", "Z1")))))),
	PREV_OPEN("503E", "PLACE_PROVIDER", "The placement provider in the first episode does not match open episode at end of last year.", 0),
	PREV_OPEN("503F", "URN", "The Ofsted URN in the  first episode does not match open episode at end of last year.", 0),
	R("503G", BASE, 0, "Episodes", "PL_DISTANCE",
	  "The distance in first episode does not match open episode at end of last year.",
	  .need = "Episodes Episodes_last", .needs = VN_POSTCODES,
	  PAIRS_IN("Episodes", "Episodes_last",
		   AND(FIRST("DECOM"), LAST("Episodes_last:DECOM"), DATE_BAD("Episodes_last:DEC"), DISTANCE_CHANGED))),
	PREV_OPEN("503H", "PL_LA", "The placement LA in first episode does not match open episode at end of last year.", VN_POSTCODES),
	PREV_OPEN("503J", "PL_LOCATION", "The placement location in first episode does not match open episode at end of last year.", VN_POSTCODES),

	/* ---- missing periods ---- */
	R("575", BASE, 0, "Missing", "MIS_END",
	  "If the placement from which the child goes missing/away from placement without authorisation ends, the missing/away from placement without authorisation period in the missing module must also have an end date.",
	  .need = "Episodes Missing",
	  PAIRS_IN("Missing", "Episodes", AND(DGE(D("MIS_START"), D("Episodes:DECOM")), DLE(D("MIS_START"), D("Episodes:DEC")),
					      NA("MIS_END")))),
	R("576", BASE, 0, "Missing", "CHILD",
	  "There is an open missing/away from placement without authorisation period in last year\u2019s return and there is no corresponding period recorded at the start of this year.",
	  .need = "Missing Missing_last",
	  PAIRS_IN("Missing", "Missing_last", AND(OR(FIRST("MIS_START"), AND(NOT(ANY("Missing", DATE_OK("MIS_START"))),
										       FN(first_of_child))), NA("Missing_last:MIS_END"), DATE_OK("Missing_last:MIS_START"),
						  NOT(DEQ(D("MIS_START"), D("Missing_last:MIS_START")))))),
	R("580", BASE, 0, "Episodes", "REC",
	  "Child is missing when cease being looked after but reason episode ceased not \u2018E8\u2019.",
	  .need = "Episodes Missing",
	  PAIRS_IN("Episodes", "Missing", AND(DEQ(DY("Missing:DOB", 18), D("Missing:MIS_END")), DEQ(D("Missing:MIS_END"), D("DEC")),
					      NOT(EQ("REC", "E8"))))),

	/* ---- placement decisions in date order ---- */
	R("579", BASE, 0, "PlacedAdoption", "DATE_PLACED DATE_PLACED_CEASED",
	  "A new decision that the child should be placed for adoption this year cannot start when the previous decision is still open. Decisions to place the child for adoption should also not overlap. The date of any new decision to place the child for adoption must not be before the date placed ceased of previous decisions.",
	  .order = "DATE_PLACED",
	  ROWS(AND(HAS("-1"), OR(DATE_BAD("-1:DATE_PLACED_CEASED"), DLT(D("DATE_PLACED"), D("-1:DATE_PLACED_CEASED")))))),
	R("583", BASE, 0, "PlacedAdoption", "DATE_PLACED DATE_PLACED_CEASED",
	  "More than one date the child should be placed for adoption has been reported, but an earlier decision has not been revoked. Check that both dates are required and add in the date the earlier decision was revoked. Note this may be in a previous year.",
	  ROWS(AND(NA("DATE_PLACED_CEASED"), NOT(LAST("DATE_PLACED"))))),
	R("584", BASE, 0, "PlacedAdoption", "DATE_PLACED",
	  "Date of decision that the child should be placed for adoption this year is different from that recorded last year, but the decision to placed the child for adoption changed and the child should no longer be placed for adoption.",
	  .need = "PlacedAdoption PlacedAdoption_last",
	  PAIRS_IN("PlacedAdoption", "PlacedAdoption_last",
		   AND(OR(NOTNA("PlacedAdoption_last:DATE_PLACED_CEASED"), NOTNA("PlacedAdoption_last:REASON_PLACED_CEASED")),
		       OR(NA("DATE_PLACED"), DLE(D("DATE_PLACED"), D("PlacedAdoption_last:DATE_PLACED")))))),

	/* ---- adoption ---- */
	R("331", BASE, 0, "AD1 Episodes", "DATE_MATCH DECOM REC",
	  "Date of matching child and adopter(s) should be the same as, or prior to, the date of placement of adoption.",
	  .need = "AD1 Episodes", PAIRS_IN("Episodes", "AD1", AND(IN("REC", "E11 E12"), DGT(D("AD1:DATE_MATCH"), D("DECOM"))))),
	R("334", BASE, 0, "Episodes AD1", "DATE_INT DECOM RNE",
	  "Date child started to be looked after in latest period of care must be on or prior to the date should be placed for adoption. ",
	  .need = "AD1 Episodes",
	  PAIRS("Episodes", "AD1", AND(LAST_OF("DECOM", EQ("RNE", "S")), DLT(D("AD1:DATE_INT"), D("DECOM"))))),
	R("335", BASE, 0, "Episodes AD1", "PLACE FOSTER_CARE",
	  "The current foster value (0) suggests that child is not adopted by current foster carer, but last placement is A2, A3, or A5. Or the current foster value (1) suggests that child is adopted by current foster carer, but last placement is A1, A4 or A6.",
	  .need = "AD1 Episodes",
	  PAIRS("Episodes", "AD1", AND(IN("REC", "E1 E11 E12"),
				       OR(AND(IN("PLACE", "A2 A3 A5"), INS("AD1:FOSTER_CARE", "0")),
					  AND(IN("PLACE", "A1 A4 A6"), INS("AD1:FOSTER_CARE", "1")))))),
	R("521", BASE, 0, "Episodes AD1", "PLACE DECOM DATE_INT",
	  "Date of local authority's decision (LA) that adoption is in the best interests of the child (date should be placed) must be on or prior to the date the child is placed for adoption.",
	  .need = "AD1 Episodes",
	  PAIRS("Episodes", "AD1", AND(IN("PLACE", "A3 A4 A5 A6"), DGT(D("AD1:DATE_INT"), D("DECOM"))))),
	R("523", BASE, 0, "PlacedAdoption AD1", "DATE_PLACED DATE_INT",
	  "Date of decision that the child should be placed for adoption should be the same date as the decision that adoption is in the best interest (date should be placed).",
	  .need = "AD1 PlacedAdoption",
	  PAIRS_IN("PlacedAdoption", "AD1", AND(DATE_OK("DATE_PLACED"), DATE_OK("AD1:DATE_INT"),
						NOT(DEQ(D("AD1:DATE_INT"), D("DATE_PLACED")))))),
	R("525", BASE, 0, "PlacedAdoption AD1",
	  "DATE_PLACED_CEASED DATE_INT DATE_MATCH FOSTER_CARE NB_ADOPTR SEX_ADOPTR LS_ADOPTR",
	  "A child for whom the decision to be placed for adoption has been reversed cannot be adopted during the year.",
	  .need = "AD1 PlacedAdoption",
	  PAIRS("PlacedAdoption", "AD1", AND(NOTNA("DATE_PLACED_CEASED"), AD1_ANY("AD1:")))),
	R("551", BASE, 0, "Episodes", "DATE_PLACED PLACE",
	  "Child has been placed for adoption but there is no date of the decision that the child should be placed for adoption.",
	  .need = "Episodes PlacedAdoption",
	  PAIRS("Episodes", "PlacedAdoption", AND(IN("PLACE", "A3 A4 A5 A6"), NA("PlacedAdoption:DATE_PLACED")))),
	R("552", BASE, 0, "Episodes PlacedAdoption", "DATE_PLACED DECOM",
	  "Date of Decision to place a child for adoption should be on or prior to the date that the child was placed for adoption.",
	  .need = "Episodes PlacedAdoption",
	  PAIRS("Episodes", "PlacedAdoption",
		AND(FIRST_OF("DECOM", IN("PLACE", "A3 A4 A5 A6")), LAST("PlacedAdoption:DATE_PLACED"),
		    DLT(D("DECOM"), D("PlacedAdoption:DATE_PLACED"))))),
	R("554", BASE, 0, "Episodes PlacedAdoption", "DATE_PLACED DECOM LS",
	  "Date of decision that the child should be placed for adoption should be on or prior to the date that the placement order was granted. [NOTE: This rule may result in false positives or false negatives if relevant episodes are in previous years; please check carefully!]",
	  .need = "Episodes PlacedAdoption",
	  PAIRS("Episodes", "PlacedAdoption",
		AND(FIRST_OF("DECOM", EQ("LS", "E1")), DGT(D("PlacedAdoption:DATE_PLACED"), D("DECOM"))))),
	R("556", BASE, 0, "Episodes", "DATE_PLACED DECOM",
	  "Date of decision that the child should be placed for adoption should be on or prior to the date that the freeing order was granted.",
	  .need = "Episodes PlacedAdoption",
	  PAIRS("Episodes", "PlacedAdoption", AND(EQ("LS", "D1"), DGT(D("PlacedAdoption:DATE_PLACED"), D("DECOM"))))),
	R("557", BASE, 2024, "Episodes PlacedAdoption", "DATE_PLACED_CEASED REASON_PLACED_CEASED PLACE LS REC",
	  "Child for whom the decision was made that they should be placed for adoption has left care but was not adopted and information on the decision that they should no longer be placed for adoption items has not been completed.",
	  .need = "Episodes PlacedAdoption",
	  PAIRS("Episodes", "PlacedAdoption",
		AND(OR(IN("PLACE", "A3 A4 A5 A6"), IN("LS", "D1 E1")), NOT(IN("REC", "E11 E12")), NOTNA("REC"),
		    NOT(EQ("REC", "X1")),
		    OR(NOT(HAS("PlacedAdoption")), NA("PlacedAdoption:DATE_PLACED_CEASED"),
		       NA("PlacedAdoption:REASON_PLACED_CEASED"))))),
	R("557", 2025, 0, "Episodes PlacedAdoption", "DATE_PLACED_CEASED REASON_PLACED_CEASED PLACE LS REC",
	  "Child for whom the decision was made that they should be placed for adoption has left care but was not adopted and information on the decision that they should no longer be placed for adoption items has not been completed.",
	  .need = "Episodes PlacedAdoption",
	  PAIRS("Episodes", "PlacedAdoption",
		AND(OR(IN("PLACE", "A3 A4 A5 A6"), EQ("LS", "E1")), NOT(IN("REC", "E11 E12")), NOTNA("REC"),
		    NOT(EQ("REC", "X1")),
		    OR(NOT(HAS("PlacedAdoption")), NA("PlacedAdoption:DATE_PLACED_CEASED"),
		       NA("PlacedAdoption:REASON_PLACED_CEASED"))))),
	R("582", BASE, 0, "Episodes", "DEC DATE_MATCH",
	  "Child is showing as ceasing to be looked after due to adoption, but the date of adoption is the same as the date reported for being matched with adopters. In most circumstances we expect the date the child is matched with adopters to be before the date of adoption.",
	  .need = "Episodes AD1",
	  PAIRS("Episodes", "AD1", AND(IN("REC", "E11 E12"), NOTNA("DEC"), EQCOL("DEC", "AD1:DATE_MATCH")))),
	R("601", BASE, 0, "AD1 Episodes", "REC DATE_INT DATE_MATCH FOSTER_CARE NB_ADOPTR SEX_ADOPTR LS_ADOPTR",
	  "The additional fields relating to adoption have not been completed although the episode data shows that the child was adopted during the year.",
	  .need = "Episodes AD1",
	  PAIRS_IN("Episodes", "AD1", AND(DGE(D("DEC"), CSTART), DLE(D("DEC"), CEND), IN("REC", "E11 E12"),
					  OR(NA("AD1:DATE_INT"), NA("AD1:DATE_MATCH"), NA("AD1:FOSTER_CARE"),
					     NA("AD1:NB_ADOPTR"), NA("AD1:SEX_ADOPTR"), NA("AD1:LS_ADOPTR"))))),
	R("602", BASE, 0, "AD1", "CHILD",
	  "The episode data submitted for this child does not show that he/she was adopted during the year.",
	  .need = "Episodes AD1",
	  ROWS(AND(AD1_ANY(""), NOT(ANY("Episodes", AND(DLE(D("DEC"), CEND), DGE(D("DEC"), CSTART),
							IN("REC", "E11 E12"))))))),

	/* ---- placement decisions this year and last ---- */
	R("559", BASE, 0, "PlacedAdoption", "DATE_PLACED",
	  "Date of decision that a child should be placed for adoption was not in the current year but the date of the decision that the child should be placed for adoption was not completed in a previous return.",
	  .need = "PlacedAdoption PlacedAdoption_last",
	  PAIRS("PlacedAdoption", "PlacedAdoption_last",
		AND(DLT(D("DATE_PLACED"), CSTART), DATE_BAD("PlacedAdoption_last:DATE_PLACED")))),
	R("560", BASE, 0, "PlacedAdoption", "DATE_PLACED DATE_PLACED_CEASED",
	  "Date of decision that the child should be placed for adoption this year is different from that recorded last year but the decision to place the child for adoption did not change.",
	  .need = "PlacedAdoption PlacedAdoption_last",
	  PAIRS_IN("PlacedAdoption", "PlacedAdoption_last",
		   AND(NOTNA("PlacedAdoption_last:DATE_PLACED"), NA("PlacedAdoption_last:DATE_PLACED_CEASED"),
		       NOT(AND(NOTNA("DATE_PLACED"), EQCOL("DATE_PLACED", "PlacedAdoption_last:DATE_PLACED")))))),
	R("561", BASE, 0, "PlacedAdoption", "DATE_PLACED",
	  "Date of the decision that the child should be placed for adoption this year is the same as that recorded last year but records show that the decision changed, and the child should no longer be placed for adoption last year.",
	  .need = "PlacedAdoption PlacedAdoption_last",
	  PAIRS_IN("PlacedAdoption", "PlacedAdoption_last",
		   AND(EQCOL("DATE_PLACED", "PlacedAdoption_last:DATE_PLACED"),
		       OR(NOTNA("PlacedAdoption_last:REASON_PLACED_CEASED"),
			  NOTNA("PlacedAdoption_last:DATE_PLACED_CEASED"))))),

	/* ---- previous permanence ---- */
	R("630", BASE, 0, "Episodes", "RNE", "Information on previous permanence option should be returned.",
	  .need = "PrevPerm Episodes",
	  PAIRS("Episodes", "PrevPerm",
		AND(EQ("RNE", "S"), DGE(D("DECOM"), CSTART),
		    OR(NOT(HAS("PrevPerm")),
		       AND(NOT(EQ("PrevPerm:PREV_PERM", "Z1")), OR(NA("PrevPerm:LA_PERM"), NA("PrevPerm:DATE_PERM"))),
		       NA("PrevPerm:PREV_PERM"))))),
	R("634", BASE, 0, "Episodes PrevPerm", "LA_PERM PREV_PERM DATE_PERM DECOM",
	  "There are entries for previous permanence options, but child has not started to be looked after from 1 April 2016 onwards.",
	  .need = "PrevPerm Episodes",
	  PAIRS("PrevPerm", "Episodes",
		AND(OR(NOTNA("PREV_PERM"), NOTNA("DATE_PERM"), NOTNA("LA_PERM")),
		    NOT(ANY("Episodes", DGE(D("DECOM"), CSTART))), ANY("Episodes", DATE_OK("DECOM"))))),

	/* ---- leaving care and the 12-month cohort ---- */
	R("215", BASE, 0, "OC3 OC2",
	  "IN_TOUCH ACTIV ACCOM CONVICTED HEALTH_CHECK IMMUNISATIONS TEETH_CHECK HEALTH_ASSESSMENT SUBSTANCE_MISUSE INTERVENTION_RECEIVED INTERVENTION_OFFERED",
	  "Child has care leaver information but one or more data items relating to children looked after for 12 months have been completed.",
	  .need = "OC3 OC2", PAIRS("OC3", "OC2", AND(OC3_ANY(""), OC2_ANY8("OC2:")))),


	/* ---- later additions ---- */
	R("502", BASE, 0, "Episodes", "DECOM",
	  "Last year's record ended with an open episode. The date on which that episode started does not match the start date of the first episode on this year\u2019s record.",
	  .need = "Episodes Episodes_last",
	  PAIRS_IN("Episodes", "Episodes_last", AND(FIRST("DECOM"), NA("Episodes_last:DEC"),
						    NOT(DEQ(D("DECOM"), D("Episodes_last:DECOM")))))),
	R("NoE", BASE, 0, "Episodes", "DECOM",
	  "This child has no episodes loaded for previous year even though child started to be looked after before this current year.",
	  .need = "Episodes Episodes_last", ROWS(AND(DLT(D("DECOM"), CSTART), NOT(HAS("Episodes_last"))))),
	R("543", BASE, 0, "OC2", "DOB CONVICTED",
	  "Child is aged 10 or over at 31 March and has been looked after continuously for 12 months yet conviction information has not been completed.",
	  .need = "OC2 Episodes", CLA(AND(DLT(DY("DOB", 10), CEND), NA("CONVICTED")))),
	R("545", BASE, 0, "OC2", "DOB HEALTH_CHECK",
	  "Child is aged under 5 at 31 March and has been looked after continuously for 12 months yet health promotion information has not been completed.",
	  .need = "OC2 Episodes", CLA(AND(DGT(DY("DOB", 5), CEND), NA("HEALTH_CHECK")))),
	R("546", BASE, 0, "OC2", "DOB HEALTH_CHECK",
	  "Children aged 5 or over at 31 March should not have health promotion information completed.",
	  .need = "OC2 Episodes", CLA(AND(DLE(DY("DOB", 5), CEND), NOTNA("HEALTH_CHECK")))),
	R("230", 2024, 2024, "Episodes", "PLACE DEC URN",
	  "Ofsted Unique reference number (URN) is required for any English H5 placements from 28 October 2023.",
	  .needs = VN_POSTCODES,
	  ROWS(AND(EQ("PLACE", "H5"), OR(DGE(D("DEC"), YMD(2023, 10, 29)), NA("DEC")), OR(NA("URN"), EQ("URN", URN_NOT_REGISTERED)),
		   NOT(FN(pl_la_outside_england))))),
	R("231", 2025, 0, "Header", "DOB UASC_STATUS",
	  "We expect that unaccompanied asylum seeking children are generally older young people. Please check the date of birth is correct. If the date of birth is correct then please provide details in a bypass request.",
	  ROWS(AND(DGT(D("DOB"), CENDY(-11)), INS("UASC_STATUS", "1")))),
	R("233", 2026, 0, "Episodes", "REASON_PLACE_CHANGE",
	  "Reason for placement change is not required when the episode has not ceased.",
	  ROWS(AND(NA("DATE_EPISODE_CEASED"), NOTNA("REASON_PLACE_CHANGE")))),
	R("234", 2026, 0, "Episodes Header", "REASON_PLACE_CHANGE DOB",
	  "A child aged under 10 can not change placement due to being admitted to custody",
	  .need = "Episodes Header",
	  PAIRS("Episodes", "Header", AND(DGT(DY("Header:DOB", 10), D("DECOM")), EQ("REASON_PLACE_CHANGE", "CUSTOD")))),
	R("348", 2026, 0, "OC3", "IN_TOUCH", "Care leaver has previously been reported as having died. ",
	  .need = "OC3 OC3_last",
	  PAIRS("OC3", "OC3_last", AND(EQ("OC3_last:IN_TOUCH", "DIED"), NOT(EQ("IN_TOUCH", "DIED"))))),
	R("454", 2026, 0, "Episodes", "PL_DISTANCE",
	  "Placement distance from home is over 350 miles. [NOTE: This check will result in false positives for children formerly UASC not identified as such in loaded data]",
	  .needs = VN_POSTCODES, ROWS(AND(NUMCMP("PL_DISTANCE", VX_GT, 350), NOT(NUMCMP("PL_DISTANCE", VX_EQ, 999.9))))),

	/* ---- social worker episodes (2023-24 on) ---- */
	R("SW02STG1", 2024, 0, "SWEpisodes", "SW_ID", "Social worker ID does not begin with the characters \u2018SW\u2019 or \u2018XX\u2019.",
	  ROWS(NOT(FN(sw_id_prefix)))),
	R("SW03STG1", 2024, 2024, "SWEpisodes", "SW_ID SW_DECOM SW_REASON",
	  "For each social worker episode, information should be complete.",
	  ROWS(OR(NA("SW_ID"), NA("SW_DECOM"), NA("SW_REASON")))),
	R("SW01aSTG1", 2025, 0, "SWEpisodes", "SW_DECOM SW_ID", "For each social worker episode, information should be complete",
	  ROWS(OR(AND(DLT(D("SW_DECOM"), YMD(2023, 4, 1)), NA("SW_ID")), DATE_BAD("SW_DECOM")))),
	R("SW01bSTG1", 2025, 0, "SWEpisodes", "SW_DECOM SW_ID SW_REASON", "For each social worker episode, information should be complete",
	  ROWS(OR(AND(DGE(D("SW_DECOM"), YMD(2023, 4, 1)), OR(NA("SW_ID"), NA("SW_REASON"))), DATE_BAD("SW_DECOM")))),
	R("SW04STG1", 2024, 0, "SWEpisodes", "SW_DECOM", "Date social worker episode began is not a valid date..",
	  ROWS(AND(NOTNA("SW_DECOM"), NOT(FN(sw_decom_zz_date))))),
	R("SW05STG1", 2024, 0, "SWEpisodes", "SW_DEC", "Date social worker episode began is not a valid date.",
	  ROWS(AND(NOTNA("SW_DEC"), NOT(FN(sw_dec_zz_date))))),
	R("SW06STG2", 2024, 0, "SWEpisodes", "SW_DECOM",
	  "Social worker episode data should be within the social worker data reporting year.",
	  ROWS(DGT(D("SW_DECOM"), CEND))),
	R("SW07STG2", 2024, 2024, "SWEpisodes", "SW_DEC",
	  "Social worker episode end date should be on or after the start of the social worker reporting period, and should be on or before the collection end date.",
	  ROWS(OR(DLT(D("SW_DEC"), CSTART), DGT(D("SW_DEC"), CEND)))),
	R("SW07STG2", 2025, 0, "SWEpisodes", "SW_DEC",
	  "Social worker episode end date should be on or after the start of the social worker reporting period, and should be on or before the collection end date.",
	  ROWS(AND(DATE_OK("SW_DEC"), OR(NOT(FN(sw_dec_within_mean_year)), DGT(D("SW_DEC"), CEND))))),
	R("SW08STG2", 2024, 0, "SWEpisodes", "SW_DEC",
	  "A new social worker episode has started, but the previous episode has not ended.",
	  .order = "SW_DECOM",
	  ROWS(AND(HAS("+1"), DATE_BAD("SW_DEC"), NOTNA("CHILD"), DATE_OK("SW_DECOM")))),
	R("SW09STG2", 2024, 0, "SWEpisodes", "SW_DECOM SW_DEC",
	  "Social worker episode appears to have lasted for less than 24 hours.", ROWS(EQCOL("SW_DEC", "SW_DECOM"))),
	R("SW10STG2", 2024, 2024, "SWEpisodes", "SW_DECOM",
	  "A new social worker episode has started before the end date of the previous social worker episode.",
	  .order = "SW_DECOM SW_DEC",
	  ROWS(AND(HAS("-1"), NOT(AND(DGE(D("SW_DECOM"), DD("-1:SW_DEC", -7)), DLE(D("SW_DECOM"), DD("-1:SW_DEC", 7))))))),
	R("SW10STG2", 2025, 0, "SWEpisodes", "SW_DECOM",
	  "A new social worker episode has started before the end date of the previous social worker episode.",
	  .order = "SW_DECOM SW_DEC",
	  ROWS(AND(HAS("-1"), NOT(EQ("SW_REASON", "FCONTA")),
		   NOT(AND(DGE(D("SW_DECOM"), DD("-1:SW_DEC", -7)), DLE(D("SW_DECOM"), DD("-1:SW_DEC", 7))))))),
	R("SW11aSTG2", 2024, 0, "SWEpisodes", "SW_DEC",
	  "Social worker episode has ended before 31 March and no subsequent social worker episode has been provided.",
	  .order = "SW_DECOM",
	  ROWS(AND(HAS("-1"), DLE(D("-1:SW_DEC"), CEND_D(-5)),
		   OR(DATE_BAD("SW_DECOM"), NOT(AND(DGE(D("SW_DECOM"), DD("-1:SW_DEC", -5)),
						    DLE(D("SW_DECOM"), DD("-1:SW_DEC", 5)))))))),
	R("SW13STG1", 2024, 2024, "SWEpisodes", "SW_REASON",
	  "The reason for social worker change is either not valid or has not been entered.",
	  ROWS(NOT(IN("SW_REASON", SW_REASONS)))),
	R("SW13STG1", 2025, 0, "SWEpisodes", "SW_REASON", "The reason for social worker change is not valid.",
	  ROWS(OR(AND(NA("SW_REASON"), DGE(D("SW_DECOM"), YMD(2023, 4, 1))),
		  AND(NOTNA("SW_REASON"), NOT(IN("SW_REASON", SW_REASONS)))))),
	R("SW14STG2", 2024, 0, "SWEpisodes", "SW_DEC", "Social worker episode date ceased is blank.",
	  .order = "SW_DECOM", ROWS(AND(DATE_BAD("SW_DEC"), HAS("+1")))),
	R("SW15STG2", 2025, 0, "SWEpisodes", "SW_REASON", "Reason for social worker change is missing.",
	  ROWS(AND(NA("SW_REASON"), NOT(AND(DATE_OK("SW_DECOM"), NOT(FN(sw_decom_within_mean_year))))))),
	SW_MATCHES_LAST("SW16aSTG2", "SW_ID", NOT(EQCOL("SW_ID", "SWEpisodes_last:SW_ID")),
			"The social worker reason episode changed does not match the open episode at the end of last year."),
	SW_MATCHES_LAST("SW16bSTG2", "SW_DECOM", NOT(DEQ(D("SW_DECOM"), D("SWEpisodes_last:SW_DECOM"))),
			"The social worker episode start date does not match the open episode at the end of last year."),
	SW_MATCHES_LAST("SW16cSTG2", "SW_REASON", NOT(EQCOL("SW_REASON", "SWEpisodes_last:SW_REASON")),
			"The social worker reason episode changed does not match the open episode at the end of last year."),
	R("SW17STG2", 2026, 0, "SWEpisodes", "SW_DEC SW_DECOM", "There is no social worker episode open at 31 March",
	  ROWS(AND(OR(LAST("SW_DECOM"), AND(NOT(ANY("SWEpisodes", DATE_OK("SW_DECOM"))), FN(first_of_child))),
		   NOTNA("SW_DEC")))),

	/* ---- deprivation of liberty orders (2026-27 on) ---- */
	R("709", 2027, 0, "DoLo Episodes", "DOLO_START PLACEMENT", "Child with a DoLO is in an unexpected placement type.",
	  .need = "DoLo Episodes",
	  PAIRS_IN("Episodes", "DoLo", AND(DOLO_OVERLAPS, NOT(IN("PLACEMENT", "K2 Z12 Z13"))))),
	R("710", 2027, 0, "DoLo Episodes", "DOLO_START PLACEMENT",
	  "Child with a DoLO can not be placed in secure children's homes, with parents, young offender institutions, or supported accommodation.",
	  .need = "DoLo Episodes", PAIRS_IN("Episodes", "DoLo", AND(DOLO_OVERLAPS, IN("PLACEMENT", "K1 P1 R5 K3")))),

	/* ---- data integrity ---- */
	INT_IN_HEADER("INT01", "AD1", "Data Integrity Check: Child in AD1 does not exist in Header."),
	INT_IN_HEADER("INT02", "PlacedAdoption", "Internal Check: Child in PlacedAdoption does not exist in Header."),
	INT_IN_HEADER("INT03", "Episodes", "Internal Check: Child in Episodes does not exist in Header."),
	INT_IN_HEADER("INT04", "Missing", "Internal Check: Child in Missing does not exist in Header."),
	INT_IN_HEADER("INT05", "OC2", "Internal Check: Child in OC2 does not exist in Header."),
	INT_IN_HEADER("INT06", "OC3", "Internal Check: Child in OC3 does not exist in Header."),
	INT_IN_HEADER("INT07", "PrevPerm", "Internal Check: Child in PrevPerm does not exist in Header."),
	INT_IN_HEADER("INT08", "Reviews", "Internal Check: Child in Reviews does not exist in Header."),
	INT_IN_HEADER("INT09", "UASC", "Internal Check: Child in UASC does not exist in Header."),
	INT_DOB("INT11", "AD1", "Internal Check: DOB in AD1 is different to DOB in Header."),
	INT_DOB("INT12", "PlacedAdoption", "Internal Check: DOB in PlacedAdoption is different to DOB in Header."),
	INT_DOB("INT13", "Missing", "Internal Check: DOB in Missing is different to DOB in Header."),
	INT_DOB("INT14", "OC2", "Internal Check: DOB in OC2 is different to DOB in Header."),
	INT_DOB("INT15", "OC3", "Internal Check: DOB in OC3 is different to DOB in Header."),
	INT_DOB("INT16", "PrevPerm", "Internal Check: DOB in PrevPerm is different to DOB in Header."),
	INT_DOB("INT17", "Reviews", "Internal Check: DOB in Reviews is different to DOB in Header."),
	INT_DOB("INT18", "UASC", "Internal Check: DOB in UASC is different to DOB in Header."),
	R("INT21", BASE, 0, "UASC", "SEX", "Internal Check: SEX in UASC is different to SEX in Header.",
	  .need = "Header UASC",
	  PAIRS("UASC", "Header", AND(NOTNA("SEX"), NOTNA("Header:SEX"), NOT(EQCOL("SEX", "Header:SEX"))))),
	INT_ONCE("INT31", "AD1", "Internal Check: Child should only exist once in AD1."),
	INT_ONCE("INT32", "Header", "Internal Check: Child should only exist once in Header."),
	INT_ONCE("INT33", "OC2", "Internal Check: Child should only exist once in OC2."),
	INT_ONCE("INT34", "OC3", "Internal Check: Child should only exist once in OC3."),
	INT_ONCE("INT35", "PrevPerm", "Internal Check: Child should only exist once in PrevPerm."),
	INT_ONCE("INT36", "UASC", "Internal Check: Child should only exist once in UASC."),
};
VRULES_COUNT(rules_903_more);
