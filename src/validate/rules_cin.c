/* CIN census rules on one table's rows, or a row against its CIN episode or
 * the child's identifiers: each is data for the row patterns (vp_rows,
 * vp_pairs). CIN frames carry CHILD (a copy of LAchildID) so the patterns'
 * per-child joins work; the census period is the Header's ReferenceDate and
 * the day a year before it (validate/vload_cin.h). */
#include <ctype.h>
#include <string.h>

#include "validate/rules_cin.h"
#include "formats/cin_census.h"

/* the tested row with each row of b for its child and the same CIN episode */
#define EPISODE(a, b, e) .check = vp_pairs, .arg = (a), .pair = (b), \
	.expr = AND(SAMESTR("CINdetailsID", b ":CINdetailsID"), e)
#define EPISODE_IN(a, b, e) .check = vp_pairs, .arg = (a), .pair = (b), .pair_inner = 1, \
	.expr = AND(SAMESTR("CINdetailsID", b ":CINdetailsID"), e)
#define CHILD_PAIRS(a, b, e) .check = vp_pairs, .arg = (a), .pair = (b), .expr = (e)
/* outside the census period: before a year before ReferenceDate or after it */
#define OUTSIDE_PERIOD(c) OR(DLT(D(c), CSTART), DGT(D(c), CEND))
#define CODE_OR_NA(c, list) NOT(OR(IN(c, list), NA(c)))
/* ReferralNFA (or another flag) true: "true" in any case, or 1 */
#define TRUE_FLAG(c) OR(INU(c, "TRUE"), INS(c, "1"))

/* The UPN check letter (character 1) of a 13-character UPN of digits. */
static int upn_check_letter_bad(struct vrun *run, struct vframe *f, long r)
{
	(void)run;
	const char *v = vh_str(f, "UPN", r);
	if (!v || strlen(v) != 13)
		return 0;
	int sum = 0;
	for (int i = 1; i < 13; i++) {
		if (!isdigit((unsigned char)v[i]))
			return 0;
		sum = (sum + (v[i] - '0') * (i + 1)) % 23;
	}
	return "ABCDEFGHJKLMNPQRTUVWXYZ"[sum] != v[0];
}

/* Characters 2-4: a post-1998 LA code or a pseudo-LA code (DfE's list). */
static int upn_la_bad(struct vrun *run, struct vframe *f, long r)
{
	static const int ranges[][2] = {
		{ 1, 5 }, { 201, 213 }, { 301, 320 }, { 330, 336 }, { 340, 344 }, { 350, 359 },
		{ 370, 373 }, { 380, 384 }, { 390, 394 }, { 420, 420 }, { 660, 681 }, { 701, 708 },
		{ 800, 803 }, { 805, 808 }, { 810, 813 }, { 815, 816 }, { 820, 823 }, { 825, 826 },
		{ 830, 831 }, { 835, 841 }, { 845, 846 }, { 850, 852 }, { 855, 857 }, { 860, 861 },
		{ 865, 896 }, { 908, 909 }, { 916, 916 }, { 919, 919 }, { 921, 921 }, { 925, 926 },
		{ 928, 929 }, { 931, 931 }, { 933, 933 }, { 935, 938 }, { 940, 941 },
	};
	(void)run;
	const char *v = vh_str(f, "UPN", r);
	if (!v || strlen(v) != 13)
		return 0;
	if (!isdigit((unsigned char)v[1]) || !isdigit((unsigned char)v[2]) || !isdigit((unsigned char)v[3]))
		return 1;
	int la = (v[1] - '0') * 100 + (v[2] - '0') * 10 + (v[3] - '0');
	for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++)
		if (la >= ranges[i][0] && la <= ranges[i][1])
			return 0;
	return 1;
}

/* Characters 5-12 are not all digits (a shorter UPN fails too). */
static int upn_digits_bad(struct vrun *run, struct vframe *f, long r)
{
	(void)run;
	const char *v = vh_str(f, "UPN", r);
	if (!v)
		return 0;
	size_t n = strlen(v);
	if (n <= 4)
		return 1;
	for (size_t i = 4; i < 12 && i < n; i++)
		if (!isdigit((unsigned char)v[i]))
			return 1;
	return 0;
}

static int upn_last_bad(struct vrun *run, struct vframe *f, long r)
{
	(void)run;
	const char *v = vh_str(f, "UPN", r);
	if (!v || strlen(v) != 13)
		return 0;
	return !(isdigit((unsigned char)v[12]) || (v[12] && strchr("ABCDEFGHJKLMNPQRTUVWXYZ", v[12])));
}

/* A former UPN: 13 characters, a letter then digits. */
static int former_upn_bad(struct vrun *run, struct vframe *f, long r)
{
	(void)run;
	const char *v = vh_str(f, "FormerUPN", r);
	if (!v)
		return 0;
	if (strlen(v) != 13 || !isalpha((unsigned char)v[0]))
		return 1;
	for (int i = 1; i < 13; i++)
		if (!isdigit((unsigned char)v[i]))
			return 1;
	return 0;
}

static int weekend(struct vframe *f, const char *col, long r)
{
	cf_date d = vh_date(f, col, r);
	return d != CF_DATE_NONE && cf_date_weekday(d) >= 5;
}

static int icpc_weekend(struct vrun *run, struct vframe *f, long r)
{
	(void)run;
	return weekend(f, "DateOfInitialCPC", r);
}

/* The target date as the census gives it (dd/mm/yyyy once loaded), or
 * dd-mm-yyyy as the conformance cases write it. */
static int icpc_target_weekend(struct vrun *run, struct vframe *f, long r)
{
	(void)run;
	const char *v = vh_str(f, "InitialCPCtarget", r);
	char buf[16];
	cf_date d;
	if (!v || strlen(v) >= sizeof buf)
		return 0;
	memcpy(buf, v, strlen(v) + 1);
	for (char *p = buf; *p; p++)
		if (*p == '-')
			*p = '/';
	return vdate_parse(buf, &d) == 0 && cf_date_weekday(d) >= 5;
}

/* Text that is true or false as the census writes it, ignoring case. */
static int flag_is(struct vframe *f, const char *col, long r, int want)
{
	const char *v = vcol_asstr(vframe_col(f, col), r);
	if (want)
		return strcasecmp(v, "true") == 0 || strcmp(v, "1") == 0;
	return strcasecmp(v, "false") == 0 || strcmp(v, "0") == 0;
}

static int nfa_flag_bad(struct vrun *run, struct vframe *f, long r)
{
	(void)run;
	return !flag_is(f, "ReferralNFA", r, 1) && !flag_is(f, "ReferralNFA", r, 0);
}

/* The number of previous plans is missing or negative (or not a number). */
static int previous_cpp_bad(struct vrun *run, struct vframe *f, long r)
{
	(void)run;
	double n;
	struct vcol *c = vframe_col(f, "NumberOfPreviousCPP");
	if (vcol_na(c, r))
		return 1;
	return vcol_num(c, r, &n) != 0 || n < 0;
}

/* 1570, 1580: the LA child ID is over 20 characters, or not alphanumeric. */
static int la_id_long(struct vrun *run, struct vframe *f, long r)
{
	(void)run;
	const char *v = vh_str(f, "LAchildID", r);
	return v && strlen(v) > 20;
}

static int la_id_not_alnum(struct vrun *run, struct vframe *f, long r)
{
	(void)run;
	const char *v = vh_str(f, "LAchildID", r);
	if (!v)
		return 0;
	if (!*v)
		return 1;
	for (; *v; v++)
		if (!isalnum((unsigned char)*v))
			return 1;
	return 0;
}

/* 8530Q: the expected date of birth is from 30 days before the reference
 * date to 9 months after it (both ends excluded). */
static int expected_dob_out_of_range(struct vrun *run, struct vframe *f, long r)
{
	cf_date end = run->vd->meta.collection_end;
	cf_date d = vh_date(f, "ExpectedPersonBirthDate", r);
	if (end == CF_DATE_NONE || d == CF_DATE_NONE)
		return 0;
	return d >= cf_date_add_months(end, 9) || d <= end - 30;
}

/* 8670Q, 8675Q: started more than n working days before the reference date
 * (DfE's n-1 business days back, England's bank holidays). */
static int before_working_days(struct vrun *run, struct vframe *f, const char *col, long r, int n)
{
	cf_date end = run->vd->meta.collection_end;
	cf_date d = vh_date(f, col, r);
	if (end == CF_DATE_NONE || d == CF_DATE_NONE)
		return 0;
	cf_date lim = end;
	for (int k = 0; k < n - 1;)
		if (cf_date_is_working_day(--lim))
			k++;
	return d < lim;
}

static int assessment_45wd(struct vrun *run, struct vframe *f, long r)
{
	return before_working_days(run, f, "AssessmentActualStartDate", r, 45);
}

static int s47_15wd(struct vrun *run, struct vframe *f, long r)
{
	return before_working_days(run, f, "S47ActualStartDate", r, 15);
}

/* The assessment's factors (space-separated from XML) include code, ignoring case. */
static int factors_are(struct vframe *f, long r, const char *code)
{
	const char *v = vh_str(f, "AssessmentFactors", r);
	char up[256];
	size_t i;
	if (!v)
		return 0;
	for (i = 0; v[i] && i < sizeof up - 1; i++)
		up[i] = (char)toupper((unsigned char)v[i]);
	up[i] = 0;
	return vlist_has(up, code);
}

static int factors_18a(struct vrun *run, struct vframe *f, long r)
{
	(void)run;
	return factors_are(f, r, "18A");
}

static int factors_19a(struct vrun *run, struct vframe *f, long r)
{
	(void)run;
	return factors_are(f, r, "19A");
}

#define ICPC_NOT_REQUIRED_FALSE FN(icpc_not_required_false)
static int icpc_not_required_false(struct vrun *run, struct vframe *f, long r)
{
	(void)run;
	return flag_is(f, "ICPCnotRequired", r, 0);
}

/* The child's CIN episode (same LAchildID and CINdetailsID) has a row in
 * table t. */
static int episode_has(struct vrun *run, struct vframe *f, long r, const char *t)
{
	struct vframe *g = vrun_frame(run, t);
	const char *child = vh_str(f, "CHILD", r);
	if (!g || !child)
		return 0;
	struct vcol *id = vframe_col(f, "CINdetailsID"), *gid = vframe_col(g, "CINdetailsID");
	if (!id || !gid)
		return 0;
	for (long q = vframe_find(g, child, -1); q >= 0; q = vframe_find(g, child, q))
		if (strcmp(vcol_asstr(id, r), vcol_asstr(gid, q)) == 0)
			return 1;
	return 0;
}

static int episode_has_assessment(struct vrun *run, struct vframe *f, long r)
{
	return episode_has(run, f, r, "Assessments");
}

/* 8569Q: referred before the last working day before the census year. */
static int referred_before_year(struct vrun *run, struct vframe *f, long r)
{
	cf_date start = run->vd->meta.collection_start;
	cf_date d = vh_date(f, "CINreferralDate", r);
	if (start == CF_DATE_NONE || d == CF_DATE_NONE)
		return 0;
	cf_date lim = start - 1;
	while (!cf_date_is_working_day(lim))
		lim--;
	return d < lim;
}

/* The UPN is missing: from XML the reader says only whether one was given
 * (UPNgiven), so that counts as the UPN being there. */
static int upn_missing(struct vrun *run, struct vframe *f, long r)
{
	(void)run;
	return vh_str(f, "UPN", r) == NULL && vh_str(f, "UPNgiven", r) == NULL;
}

/* 8770Q: born on or before the reference date 6 years back (to 2023-24),
 * or 31 August of the reference year 6 years back (school age, 2024-25). */
static int dob_school_age(struct vrun *run, struct vframe *f, long r, int august)
{
	cf_date end = run->vd->meta.collection_end;
	cf_date dob = vh_date(f, "PersonBirthDate", r);
	if (end == CF_DATE_NONE || dob == CF_DATE_NONE)
		return 0;
	cf_date lim = august ? cf_date_add_months(end, 4) + 31 : end;
	return dob <= cf_date_add_years(lim, -6);
}

static int dob_6_years(struct vrun *run, struct vframe *f, long r)
{
	return dob_school_age(run, f, r, 0);
}

static int dob_school_age_aug(struct vrun *run, struct vframe *f, long r)
{
	return dob_school_age(run, f, r, 1);
}

/* A date that is no date (a month 13, a 31 February, a word): the census
 * writes yyyy-mm-dd, which the loader gives the rules as dd/mm/yyyy;
 * anything else stays as written. DfE's rules pass such a value over, so
 * caseflow checks it itself (ingest records the same as bad_date). */
static int bad_date(struct vrun *run, struct vframe *f, long r)
{
	for (int c = 0; c < f->ncols; c++) {
		const struct vcol *col = f->cols[c];
		cf_date d;
		if ((strstr(col->name, "Date") || !strcmp(col->name, "InitialCPCtarget")) && !vcol_na(col, r) &&
		    vdate_parse(vcol_str(col, r), &d) != 0)
			return 1;
	}
	return 0;
}

#define CF_DATE_MSG "A date is not a real date (the census writes yyyy-mm-dd): caseflow's own check, not one of DfE's rules"

const struct vrule rules_cin_fields[] = {
	R("CF01", BASE, 0, "Header", "ReferenceDate", CF_DATE_MSG, ROWS(FN(bad_date))),
	R("CF02", BASE, 0, "ChildIdentifiers", "PersonBirthDate ExpectedPersonBirthDate PersonDeathDate", CF_DATE_MSG,
	  ROWS(FN(bad_date))),
	R("CF03", BASE, 0, "CINdetails", "CINreferralDate CINclosureDate DateOfInitialCPC", CF_DATE_MSG, ROWS(FN(bad_date))),
	R("CF04", BASE, 0, "Assessments", "AssessmentActualStartDate AssessmentInternalReviewDate AssessmentAuthorisationDate",
	  CF_DATE_MSG, ROWS(FN(bad_date))),
	R("CF05", BASE, 0, "CINplanDates", "CINPlanStartDate CINPlanEndDate", CF_DATE_MSG, ROWS(FN(bad_date))),
	R("CF06", BASE, 0, "Section47", "S47ActualStartDate InitialCPCtarget DateOfInitialCPC", CF_DATE_MSG,
	  ROWS(FN(bad_date))),
	R("CF07", BASE, 0, "ChildProtectionPlans", "CPPstartDate CPPendDate", CF_DATE_MSG, ROWS(FN(bad_date))),
	R("CF08", BASE, 0, "Reviews", "CPPreviewDate", CF_DATE_MSG, ROWS(FN(bad_date))),
	R("100", BASE, 0, "Header", "ReferenceDate", "Reference Date is incorrect",
	  ROWS(NOT(DEQ(D("ReferenceDate"), CEND)))),
	R("1510", BASE, 0, "ChildIdentifiers", "UPN", "UPN invalid (wrong check letter at character 1)",
	  .needs = VN_UPN, ROWS(FN(upn_check_letter_bad))),
	R("1530", BASE, 0, "ChildIdentifiers", "UPN", "UPN invalid (characters 2-4 not a recognised LA code)",
	  .needs = VN_UPN, ROWS(FN(upn_la_bad))),
	R("1540", BASE, 0, "ChildIdentifiers", "UPN", "UPN invalid (characters 5-12 not all numeric)",
	  .needs = VN_UPN, ROWS(FN(upn_digits_bad))),
	R("1550", BASE, 0, "ChildIdentifiers", "UPN", "UPN invalid (character 13 not a recognised value)",
	  .needs = VN_UPN, ROWS(FN(upn_last_bad))),
	Q("1560Q", BASE, 0, "ChildIdentifiers", "FormerUPN",
	  "Please check and either amend or provide a reason: Former UPN wrongly formatted",
	  .needs = VN_UPN, ROWS(FN(former_upn_bad))),
	R("1570", 2025, 0, "ChildIdentifiers", "LAchildID", "LA Child ID must not be longer than 20 characters",
	  ROWS(FN(la_id_long))),
	R("1580", 2025, 0, "ChildIdentifiers", "LAchildID", "LA Child ID must not contain any non-alphanumeric characters",
	  ROWS(FN(la_id_not_alnum))),
	R("4010", BASE, 0, "CINplanDates", "CINPlanStartDate", "CIN Plan start date is missing or out of data collection period",
	  ROWS(OR(NA("CINPlanStartDate"), DGT(D("CINPlanStartDate"), CEND)))),
	R("4011", BASE, 0, "CINplanDates", "CINPlanEndDate CINPlanStartDate", "CIN Plan End Date earlier than Start Date",
	  ROWS(DLT(D("CINPlanEndDate"), D("CINPlanStartDate")))),
	Q("4012Q", BASE, 0, "CINplanDates", "CINPlanStartDate CINPlanEndDate",
	  "Please check and either amend or provide a reason: CIN Plan shown as starting and ending on the same day",
	  ROWS(DEQ(D("CINPlanStartDate"), D("CINPlanEndDate")))),
	R("4013", BASE, 0, "CINplanDates", "CINPlanEndDate", "CIN Plan end date must fall within the census year",
	  ROWS(OUTSIDE_PERIOD("CINPlanEndDate"))),
	R("4180", BASE, 2024, "ChildIdentifiers", "GenderCurrent", "Gender is missing",
	  ROWS(OR(NA("GenderCurrent"), NOT(INS("GenderCurrent", "1 2 0 9"))))),
	R("4180", 2025, 0, "ChildIdentifiers", "Sex", "Sex must be provided and equal M, F, or U",
	  ROWS(OR(NA("Sex"), NOT(INS("Sex", "M F U"))))),
	R("4220", BASE, 0, "ChildCharacteristics", "Ethnicity", "Ethnicity is missing or invalid (see Ethnicity table)",
	  ROWS(NOT(IN("Ethnicity", CIN_ETHNIC_CODES)))),
	R("8500", BASE, 0, "ChildIdentifiers", "LAchildID", "LA Child ID missing",
	  ROWS(NA("LAchildID"))),
	R("8520", BASE, 0, "ChildIdentifiers", "PersonBirthDate",
	  "Date of Birth is after data collection period (must be on or before the end of the census period)",
	  ROWS(DGT(D("PersonBirthDate"), CEND))),
	Q("8525Q", BASE, 0, "ChildIdentifiers", "PersonBirthDate ExpectedPersonBirthDate",
	  "Either Date of Birth or Expected Date of Birth must be provided (but not both)",
	  ROWS(OR(AND(NA("PersonBirthDate"), NA("ExpectedPersonBirthDate")),
		  AND(NOTNA("PersonBirthDate"), NOTNA("ExpectedPersonBirthDate"))))),
	Q("8530Q", BASE, 0, "ChildIdentifiers", "ExpectedPersonBirthDate",
	  "Please check and either amend data or provide a reason: Expected Date of Birth is outside the expected range for this census (March to December of the Census Year end)",
	  ROWS(FN(expected_dob_out_of_range))),
	Q("8535Q", BASE, 0, "ChildIdentifiers", "PersonDeathDate PersonBirthDate",
	  "Please check and either amend data or provide a reason: Child\u2019s date of death should not be prior to the date of birth",
	  ROWS(AND(NOTNA("PersonDeathDate"), OR(NA("PersonBirthDate"), DGT(D("PersonBirthDate"), D("PersonDeathDate")))))),
	Q("8545Q", BASE, 0, "ChildIdentifiers", "PersonDeathDate",
	  "Please check and either amend data or provide a reason: Child's date of death should be within the census year",
	  ROWS(AND(NOTNA("PersonDeathDate"), NOT(AND(DGE(D("PersonDeathDate"), CSTART), DLE(D("PersonDeathDate"), CEND)))))),
	R("8568", BASE, 0, "CINdetails", "ReferralNFA", "RNFA flag is missing or invalid",
	  ROWS(FN(nfa_flag_bad))),
	R("8600", BASE, 0, "CINdetails", "CINreferralDate", "Child referral date missing or after data collection period",
	  ROWS(OR(NA("CINreferralDate"), DGT(D("CINreferralDate"), CEND)))),
	R("8608", BASE, 0, "Assessments", "AssessmentActualStartDate AssessmentAuthorisationDate",
	  "Assessment Start Date cannot be later than its End Date",
	  ROWS(DGT(D("AssessmentActualStartDate"), D("AssessmentAuthorisationDate")))),
	R("8610", BASE, 0, "CINdetails", "ReferralNFA PrimaryNeedCode",
	  "Primary Need code is missing for a referral which led to further action.",
	  ROWS(AND(IN("ReferralNFA", "false 0"), NA("PrimaryNeedCode")))),
	R("8614", BASE, 0, "Assessments", "AssessmentAuthorisationDate AssessmentFactors",
	  "Parental or child factors at assessment should only be present for a completed assessment.",
	  ROWS(AND(NA("AssessmentAuthorisationDate"), NOTNA("AssessmentFactors")))),
	R("8615", BASE, 0, "Section47", "S47ActualStartDate DateOfInitialCPC",
	  "Section 47 Enquiry Start Date must be present and cannot be later than the date of the initial Child Protection Conference",
	  ROWS(OR(DGT(D("S47ActualStartDate"), D("DateOfInitialCPC")),
		  AND(NOTNA("DateOfInitialCPC"), NA("S47ActualStartDate"))))),
	R("8620", BASE, 0, "CINdetails", "CINclosureDate", "CIN Closure Date present and does not fall within the Census year",
	  ROWS(AND(NOTNA("CINclosureDate"), NOT(AND(DGE(D("CINclosureDate"), CSTART), DLE(D("CINclosureDate"), CEND)))))),
	R("8630", BASE, 0, "CINdetails", "CINclosureDate CINreferralDate",
	  "CIN Closure Date is before CIN Referral Date for the same CIN episode",
	  ROWS(DLT(D("CINclosureDate"), D("CINreferralDate")))),
	R("8640", BASE, 0, "CINdetails", "ReasonForClosure",
	  "CIN Reason for closure code invalid (see Reason for Closure table in CIN Census code set)",
	  ROWS(CODE_OR_NA("ReasonForClosure", CIN_CLOSURE_CODES))),
	R("8650", BASE, 0, "CINdetails", "PrimaryNeedCode",
	  "Primary Need code invalid (see Primary Need table in CIN census code set)",
	  ROWS(CODE_OR_NA("PrimaryNeedCode", CIN_PRIMARY_NEED_CODES))),
	Q("8670Q", BASE, 0, "Assessments", "AssessmentActualStartDate AssessmentAuthorisationDate",
	  "Please check and either amend data or provide a reason: Assessment started more than 45 working days before the end of the census year. However, there is no Assessment end date.",
	  ROWS(AND(NA("AssessmentAuthorisationDate"), FN(assessment_45wd)))),
	Q("8675Q", BASE, 0, "Section47", "S47ActualStartDate DateOfInitialCPC ICPCnotRequired",
	  "Please check and either amend data or provide a reason: S47 Enquiry started more than 15 working days before the end of the census year. However, there is no date of Initial Child Protection Conference.",
	  ROWS(AND(NA("DateOfInitialCPC"), ICPC_NOT_REQUIRED_FALSE, FN(s47_15wd)))),
	R("8696", BASE, 0, "Assessments", "AssessmentAuthorisationDate", "Assessment end date must fall within the census year",
	  ROWS(OUTSIDE_PERIOD("AssessmentAuthorisationDate"))),
	R("8715", BASE, 0, "Section47", "DateOfInitialCPC",
	  "Date of Initial Child Protection Conference must fall within the census year",
	  ROWS(OUTSIDE_PERIOD("DateOfInitialCPC"))),
	R("8720", BASE, 0, "ChildProtectionPlans", "CPPstartDate",
	  "Child Protection Plan Start Date missing or out of data collection period",
	  ROWS(AND(NOTNA("CPPID"), OR(NA("CPPstartDate"), DGT(D("CPPstartDate"), CEND))))),
	R("8730", BASE, 0, "ChildProtectionPlans", "NumberOfPreviousCPP", "Total Number of previous Child Protection Plans missing",
	  ROWS(FN(previous_cpp_bad))),
	R("8736", BASE, 0, "Assessments", "AssessmentActualStartDate",
	  "For an Assessment that has not been completed, the start date must fall within the census year",
	  ROWS(AND(NOTNA("CINdetailsID"), NA("AssessmentAuthorisationDate"),
		   NOT(AND(DLE(CSTART, D("AssessmentActualStartDate")), DLE(D("AssessmentActualStartDate"), CEND)))))),
	R("8740", BASE, 0, "Section47", "S47ActualStartDate",
	  "For a Section 47 Enquiry that has not held the Initial Child Protection Conference by the end of the census year, the start date must fall within the census year",
	  ROWS(AND(NA("DateOfInitialCPC"), INS("ICPCnotRequired", "0 false"), OUTSIDE_PERIOD("S47ActualStartDate")))),
	R("8750", BASE, 2024, "ChildIdentifiers", "GenderCurrent", "Gender must equal 0 for an unborn child",
	  ROWS(AND(NA("PersonBirthDate"), NOTNA("ExpectedPersonBirthDate"), NOT(INS("GenderCurrent", "0"))))),
	R("8750", 2025, 0, "ChildIdentifiers", "Sex", "Sex must equal U for an unborn child",
	  ROWS(AND(NA("PersonBirthDate"), NOTNA("ExpectedPersonBirthDate"), NOT(INS("Sex", "U"))))),
	R("8805", BASE, 0, "CINdetails", "CINclosureDate ReasonForClosure",
	  "A CIN case cannot have a CIN closure date without a Reason for Closure",
	  ROWS(AND(NOTNA("CINclosureDate"), NA("ReasonForClosure")))),
	R("8810", BASE, 0, "CINdetails", "ReasonForClosure CINclosureDate",
	  "A CIN case cannot have a Reason for Closure without a CIN Closure Date",
	  ROWS(AND(NOTNA("ReasonForClosure"), NA("CINclosureDate")))),
	R("8840", BASE, 0, "ChildProtectionPlans", "CPPstartDate CPPendDate",
	  "Child Protection Plan cannot start and end on the same day",
	  ROWS(DEQ(D("CPPstartDate"), D("CPPendDate")))),
	Q("8842Q", BASE, 0, "Reviews", "CPPreviewDate",
	  "Please check and either amend or provide a reason: Review Record has a missing date",
	  ROWS(NA("CPPreviewDate"))),
	R("8866", BASE, 0, "CINdetails", "CINreferralDate ReferralSource", "Source of Referral is missing or an invalid code",
	  ROWS(AND(DGE(D("CINreferralDate"), YMD(2013, 4, 1)), NOT(IN("ReferralSource", CIN_REFERRAL_SOURCE_CODES))))),
	Q("8870Q", BASE, 0, "Section47", "InitialCPCtarget",
	  "Please check and either amend or provide a reason: The Target Date for Initial Child Protection Conference should not be a weekend",
	  ROWS(FN(icpc_target_weekend))),
	R("8875", BASE, 0, "Section47", "DateOfInitialCPC", "The Date of Initial Child Protection Conference cannot be a weekend",
	  ROWS(FN(icpc_weekend))),
	R("8905", BASE, 0, "ChildProtectionPlans", "InitialCategoryOfAbuse",
	  "Initial Category of Abuse code missing or invalid (see Category of Abuse table in CIN Census code set)",
	  ROWS(NOT(IN("InitialCategoryOfAbuse", CIN_ABUSE_CODES)))),
	R("8910", BASE, 0, "ChildProtectionPlans", "LatestCategoryOfAbuse",
	  "Latest Category of Abuse code missing or invalid (see Category of Abuse table in CIN Census code set)",
	  ROWS(NOT(IN("LatestCategoryOfAbuse", CIN_ABUSE_CODES)))),
	R("8925", BASE, 0, "ChildProtectionPlans", "CPPendDate CPPstartDate", "Child Protection Plan End Date earlier than Start Date",
	  ROWS(DLT(D("CPPendDate"), D("CPPstartDate")))),
	R("8930", BASE, 0, "ChildProtectionPlans", "CPPendDate", "Child Protection Plan End Date must fall within the census year",
	  ROWS(OUTSIDE_PERIOD("CPPendDate"))),
	Q("8945Q", 2025, 0, "Assessments", "AssessmentFactors",
	  "Please check and either amend data or provide a reason: the assessment factors code '18A' should not be used ('18B' or '18C' should be used instead)",
	  ROWS(FN(factors_18a))),
	Q("8950Q", 2025, 0, "Assessments", "AssessmentFactors",
	  "Please check and either amend data or provide a reason: the assessment factors code '19A' should not be used ('19B' or '19C' should be used instead)",
	  ROWS(FN(factors_19a))),

	/* against the CIN episode (CINdetails) or the child's identifiers */
	R("1103", BASE, 0, "Assessments CINdetails", "AssessmentActualStartDate CINreferralDate",
	  "The assessment start date cannot be before the referral date",
	  EPISODE("Assessments", "CINdetails", DLT(D("AssessmentActualStartDate"), D("CINdetails:CINreferralDate")))),
	R("1104", BASE, 0, "Section47 CINdetails", "DateOfInitialCPC CINreferralDate",
	  "The date of the initial child protection conference cannot be before the referral date",
	  EPISODE("Section47", "CINdetails", DLT(D("DateOfInitialCPC"), D("CINdetails:CINreferralDate")))),
	R("1105", BASE, 0, "ChildProtectionPlans CINdetails", "CPPstartDate CINreferralDate",
	  "The child protection plan start date cannot be before the referral date",
	  EPISODE("ChildProtectionPlans", "CINdetails", DLT(D("CPPstartDate"), D("CINdetails:CINreferralDate")))),
	R("2889", BASE, 0, "Section47 CINdetails", "S47ActualStartDate CINreferralDate",
	  "The S47 start date cannot be before the referral date.",
	  EPISODE("Section47", "CINdetails", DLT(D("S47ActualStartDate"), D("CINdetails:CINreferralDate")))),
	R("4015", BASE, 0, "CINplanDates CINdetails", "CINPlanStartDate CINreferralDate",
	  "The CIN Plan start date cannot be before the referral date",
	  EPISODE("CINplanDates", "CINdetails", DLT(D("CINPlanStartDate"), D("CINdetails:CINreferralDate")))),
	R("4008", BASE, 0, "CINplanDates ChildIdentifiers", "CINPlanStartDate PersonDeathDate",
	  "CIN Plan shown as starting after the child\u2019s Date of Death.",
	  CHILD_PAIRS("CINplanDates", "ChildIdentifiers", DLT(D("ChildIdentifiers:PersonDeathDate"), D("CINPlanStartDate")))),
	Q("4009Q", BASE, 0, "CINplanDates ChildIdentifiers", "CINPlanEndDate PersonDeathDate",
	  "CIN Plan cannot end after the child\u2019s Date of Death",
	  CHILD_PAIRS("CINplanDates", "ChildIdentifiers", DLT(D("ChildIdentifiers:PersonDeathDate"), D("CINPlanEndDate")))),
	Q("8555Q", BASE, 0, "CINdetails ChildIdentifiers", "CINreferralDate PersonDeathDate",
	  "Child cannot be referred after its recorded date of death",
	  CHILD_PAIRS("CINdetails", "ChildIdentifiers", DLT(D("ChildIdentifiers:PersonDeathDate"), D("CINreferralDate")))),
	Q("8585Q", BASE, 0, "CINdetails ChildIdentifiers", "ReasonForClosure PersonDeathDate",
	  "Please check and either amend or provide a reason: CIN episode shows Died as the Closure Reason, however child has no recorded Date of Death",
	  CHILD_PAIRS("CINdetails", "ChildIdentifiers", AND(EQ("ReasonForClosure", "RC2"), NA("ChildIdentifiers:PersonDeathDate")))),
	R("8606", BASE, 0, "CINdetails ChildIdentifiers", "CINreferralDate PersonBirthDate ExpectedPersonBirthDate",
	  "Child referral date is more than 40 weeks before DOB or expected DOB",
	  CHILD_PAIRS("CINdetails", "ChildIdentifiers",
		      OR(DLT(D("CINreferralDate"), DD("ChildIdentifiers:PersonBirthDate", -280)),
			 DLT(D("CINreferralDate"), DD("ChildIdentifiers:ExpectedPersonBirthDate", -280))))),
	R("8915", BASE, 0, "ChildProtectionPlans ChildIdentifiers", "CPPstartDate PersonDeathDate",
	  "Child Protection Plan shown as starting after the child\u2019s Date of Death",
	  CHILD_PAIRS("ChildProtectionPlans", "ChildIdentifiers", DGT(D("CPPstartDate"), D("ChildIdentifiers:PersonDeathDate")))),
	R("8920", BASE, 0, "ChildProtectionPlans ChildIdentifiers", "CPPendDate PersonDeathDate",
	  "Child Protection Plan cannot end after the child\u2019s Date of Death",
	  CHILD_PAIRS("ChildProtectionPlans", "ChildIdentifiers", DGT(D("CPPendDate"), D("ChildIdentifiers:PersonDeathDate")))),
	R("8867", BASE, 0, "CINdetails Assessments", "CINclosureDate AssessmentAuthorisationDate",
	  "CIN episode is shown as closed, however Assessment is not shown as completed",
	  .check = vp_pairs, .arg = "CINdetails", .pair = "Assessments", .pair_inner = 1,
	  .expr = AND(SAMESTR("CINdetailsID", "Assessments:CINdetailsID"), NOTNA("CINclosureDate"),
		      NA("Assessments:AssessmentAuthorisationDate"))),
	R("4000", BASE, 0, "CINplanDates CINdetails", "CINPlanStartDate ReferralNFA",
	  "CIN Plan details provided for a referral with no further action",
	  EPISODE_IN("CINdetails", "CINplanDates", TRUE_FLAG("ReferralNFA"))),
	R("8832", BASE, 0, "ChildProtectionPlans CINdetails", "CPPstartDate ReferralNFA",
	  "Child Protection details provided for a referral with no further action.",
	  EPISODE_IN("CINdetails", "ChildProtectionPlans", TRUE_FLAG("ReferralNFA"))),
	R("4001", BASE, 0, "ChildProtectionPlans CINplanDates", "CPPendDate CINPlanStartDate CINPlanEndDate",
	  "A CIN Plan cannot run concurrently with a Child Protection Plan",
	  EPISODE("ChildProtectionPlans", "CINplanDates",
		  AND(NA("CPPendDate"), NOTNA("CINplanDates:CINPlanStartDate"), NA("CINplanDates:CINPlanEndDate")))),
	R("8841", BASE, 0, "ChildProtectionPlans Reviews", "CPPreviewDate CPPstartDate",
	  "The review date cannot be on the same day or before the Child protection Plan start date.",
	  EPISODE("ChildProtectionPlans", "Reviews",
		  AND(SAMESTR("CPPID", "Reviews:CPPID"), DLE(D("Reviews:CPPreviewDate"), D("CPPstartDate"))))),
	R("8868", BASE, 0, "CINdetails Section47", "CINclosureDate DateOfInitialCPC ICPCnotRequired",
	  "CIN episode is shown as closed, however Section 47 enquiry is not shown as completed by ICPC date or ICPC not required flag",
	  EPISODE_IN("CINdetails", "Section47",
		     AND(NOTNA("CINclosureDate"),
			 OR(AND(NA("Section47:DateOfInitialCPC"), NOT(INS("Section47:ICPCnotRequired", "1 true"))),
			    AND(NOTNA("Section47:DateOfInitialCPC"), INS("Section47:ICPCnotRequired", "1 true")))))),
	R("8772", BASE, 0, "ChildIdentifiers CINdetails", "UPNunknown ReferralNFA",
	  "UPN unknown reason is UN7 (Referral with no further action) but at least one CIN details is a referral going on to further action",
	  CHILD_PAIRS("ChildIdentifiers", "CINdetails", AND(EQ("UPNunknown", "UN7"), NOT(TRUE_FLAG("CINdetails:ReferralNFA"))))),
	R("2884", BASE, 0, "Section47 CINdetails", "DateOfInitialCPC",
	  "An initial child protection conference is recorded at both the S47 and CIN Details level and it should only be recorded in one",
	  .check = vp_pairs, .arg = "Section47", .pair = "CINdetails", .pair_inner = 1,
	  .expr = DEQ(D("DateOfInitialCPC"), D("CINdetails:DateOfInitialCPC"))),
	Q("2991Q", BASE, 0, "Section47", "S47ActualStartDate",
	  "Please check and either amend data or provide a reason: A Section 47 module is recorded and there is no assessment on the episode",
	  ROWS(NOT(FN(episode_has_assessment)))),
	Q("8825Q", BASE, 0, "CINdetails", "ReasonForClosure",
	  "Please check and either amend data or provide a reason: Reason for Closure code RC8 (case closed after assessment) or RC9 (case closed after assessment, referred to early help) has been returned but there is no assessment present for the episode.",
	  ROWS(AND(IN("ReasonForClosure", "RC8 RC9"), NOT(FN(episode_has_assessment))))),
	Q("8569Q", BASE, 0, "CINdetails", "CINreferralDate ReferralNFA",
	  "A case with referral date before one working day prior to the collection start date must not be flagged as a no further action case",
	  ROWS(AND(FN(referred_before_year), NOT(IN("ReferralNFA", "false 0"))))),
	R("4016", BASE, 0, "CINplanDates ChildProtectionPlans", "CINPlanStartDate CPPstartDate CPPendDate",
	  "A CIN Plan has been reported as open at the same time as a Child Protection Plan.",
	  .need = "CINplanDates Header",
	  CHILD_PAIRS("CINplanDates", "ChildProtectionPlans",
		      AND(DGE(D("CINPlanStartDate"), D("ChildProtectionPlans:CPPstartDate")),
			  OR(AND(NOTNA("ChildProtectionPlans:CPPendDate"),
				 DLT(D("CINPlanStartDate"), D("ChildProtectionPlans:CPPendDate"))),
			     AND(NA("ChildProtectionPlans:CPPendDate"), DLE(D("CINPlanStartDate"), CEND)))))),
	R("4017", BASE, 0, "ChildProtectionPlans CINplanDates", "CPPstartDate CINPlanStartDate CINPlanEndDate",
	  "A CIN Plan has been reported as open at the same time as a Child Protection Plan.",
	  .need = "ChildProtectionPlans Header",
	  CHILD_PAIRS("ChildProtectionPlans", "CINplanDates",
		      AND(DGE(D("CPPstartDate"), D("CINplanDates:CINPlanStartDate")),
			  OR(AND(NOTNA("CINplanDates:CINPlanEndDate"),
				 DLT(D("CPPstartDate"), D("CINplanDates:CINPlanEndDate"))),
			     AND(NA("CINplanDates:CINPlanEndDate"), DLE(D("CPPstartDate"), CEND)))))),
	Q("8775Q", BASE, 0, "ChildIdentifiers CINdetails", "PersonBirthDate CINclosureDate",
	  "Please check and either amend data or provide a reason: Child is over 25 years old",
	  .need = "ChildIdentifiers Header",
	  .check = vp_pairs, .arg = "ChildIdentifiers", .pair = "CINdetails", .pair_inner = 1,
	  .expr = AND(DLT(D("PersonBirthDate"), CENDY(-25)),
		      OR(DGT(D("CINdetails:CINclosureDate"), DY("PersonBirthDate", 25)),
			 NA("CINdetails:CINclosureDate"), EQ("CINdetails:CINclosureDate", "NULL")))),
	Q("8770Q", BASE, 2024, "ChildIdentifiers", "UPN UPNunknown",
	  "Please check and either amend data or provide a reason: UPN or reason UPN missing expected for a child who is more than 5 years old",
	  .need = "ChildIdentifiers Header",
	  ROWS(AND(FN(dob_6_years), FN(upn_missing), NOT(INU("UPNunknown", "UN2 UN3 UN4 UN5 UN6 UN7")),
		   ANY("CINdetails", OR(EQ("ReferralNFA", "0"), INU("ReferralNFA", "FALSE")))))),
	Q("8770Q", 2025, 0, "ChildIdentifiers", "UPN UPNunknown",
	  "Please check and either amend data or provide a reason: UPN is missing or reason UPN is missing or is UN1 for a child who is of school age.",
	  .need = "ChildIdentifiers Header",
	  ROWS(AND(FN(dob_school_age_aug), FN(upn_missing), NOT(INU("UPNunknown", "UN2 UN3 UN4 UN5 UN6 UN7")),
		   ANY("CINdetails", OR(EQ("ReferralNFA", "0"), INU("ReferralNFA", "FALSE")))))),
};
VRULES_COUNT(rules_cin_fields);
