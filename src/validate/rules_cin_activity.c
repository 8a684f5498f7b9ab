/* CIN census rules on what a CIN episode records against its other modules
 * (activity after closure, on a case closed after assessment, CP plans
 * against conference dates), on a child's disabilities, and on an
 * assessment's factor list. Written by hand: each compares an episode's
 * rows across several tables, joined on CHILD and CINdetailsID.
 *
 * Assessment factors are a list per assessment, as the census gives them
 * (AssessmentFactors, space-separated); a conformance case that gives one
 * factor per row is read the same way, each row its own list. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "validate/rules_cin.h"
#include "formats/cin_census.h"

long cin_episode_next(struct vframe *f, long r, struct vframe *t, long q)
{
	const char *child = vh_str(f, "CHILD", r);
	if (!t || !child)
		return -1;
	const char *id = vcol_asstr(vframe_col(f, "CINdetailsID"), r);
	struct vcol *tid = vframe_col(t, "CINdetailsID");
	while ((q = vframe_find(t, child, q)) >= 0)
		if (strcmp(vcol_asstr(tid, q), id) == 0)
			return q;
	return -1;
}

/* Flag every row of table t in row r's episode. */
static int flag_episode(struct vrun *run, struct vframe *f, long r, struct vframe *t)
{
	for (long q = cin_episode_next(f, r, t, -1); q >= 0; q = cin_episode_next(f, r, t, q))
		if (vrun_flag(run, t, q))
			return -1;
	return 0;
}

/* ICPCnotRequired true: "1", or "true" in any case. */
static int icpc_not_required(struct vframe *f, long r)
{
	const char *v = vh_str(f, "ICPCnotRequired", r);
	return v && (strcmp(v, "1") == 0 || strcasecmp(v, "true") == 0);
}

/* ---- 2885: a CP plan starts on the day of its initial conference -------------- */

/* Row r of frame t (a S47 enquiry or the CIN episode) counts for 2885: a S47
 * enquiry whose conference was not marked as not required, or the episode. */
static int conference_row(struct vframe *t, long q, int s47)
{
	return !s47 || !icpc_not_required(t, q);
}

/* The episode of CP plan p has a row of t that counts (a conference record). */
static int has_conference_rows(struct vframe *cp, long p, struct vframe *t, int s47)
{
	for (long q = cin_episode_next(cp, p, t, -1); q >= 0; q = cin_episode_next(cp, p, t, q))
		if (conference_row(t, q, s47))
			return 1;
	return 0;
}

/* CP plan p's start matches a conference date among t's rows in its episode. */
static int plan_matches(struct vframe *cp, long p, struct vframe *t, int s47)
{
	cf_date d = vh_date(cp, "CPPstartDate", p);
	for (long q = cin_episode_next(cp, p, t, -1); q >= 0; q = cin_episode_next(cp, p, t, q))
		if (conference_row(t, q, s47) && d != CF_DATE_NONE && vh_date(t, "DateOfInitialCPC", q) == d)
			return 1;
	return 0;
}

/* A plan starting in the census year must start on the date of an initial
 * conference: a S47 enquiry's of its episode (those not marked ICPC not
 * required), or the episode's own when it has no such enquiry. The plan is
 * flagged when no date matches; the conference rows when no plan of the
 * episode (starting in the year) matches any of them. */
static int c2885(struct vrun *run)
{
	struct vframe *cp = vrun_frame(run, "ChildProtectionPlans"), *s47 = vrun_frame(run, "Section47"),
		      *cin = vrun_frame(run, "CINdetails");
	cf_date start = run->vd->meta.collection_start, end = run->vd->meta.collection_end;
	unsigned char *in_year = calloc((size_t)(cp->nrows ? cp->nrows : 1), 1);
	unsigned char *match = calloc((size_t)(cp->nrows ? cp->nrows : 1), 1);
	int rc = VCHECK_OOM;
	if (!in_year || !match)
		goto out;
	for (long p = 0; p < cp->nrows; p++) {
		cf_date d = vh_date(cp, "CPPstartDate", p);
		in_year[p] = d != CF_DATE_NONE && start != CF_DATE_NONE && d >= start && d <= end;
		if (!in_year[p])
			continue;
		int via47 = has_conference_rows(cp, p, s47, 1);
		match[p] = plan_matches(cp, p, via47 ? s47 : cin, via47);
	}
	struct vcol *cpid = vframe_col(cp, "CINdetailsID");
	if (!cpid)
		goto out;
	for (long p = 0; p < cp->nrows; p++) {
		if (!in_year[p])
			continue;
		if (!match[p] && vrun_flag(run, cp, p))
			goto out;
		/* does any plan of the episode starting in the year match? */
		int episode_ok = 0;
		const char *child = vh_str(cp, "CHILD", p);
		for (long o = child ? vframe_find(cp, child, -1) : -1; o >= 0 && !episode_ok; o = vframe_find(cp, child, o))
			episode_ok = in_year[o] && match[o] && strcmp(vcol_asstr(cpid, o), vcol_asstr(cpid, p)) == 0;
		if (episode_ok)
			continue;
		int via47 = has_conference_rows(cp, p, s47, 1);
		struct vframe *t = via47 ? s47 : cin;
		for (long q = cin_episode_next(cp, p, t, -1); q >= 0; q = cin_episode_next(cp, p, t, q))
			if (conference_row(t, q, via47) && vrun_flag(run, t, q))
				goto out;
	}
	rc = VCHECK_RAN;
out:
	free(in_year);
	free(match);
	return rc;
}

/* ---- 2990: activity on a case closed after assessment --------------------------- */

/* An episode closed with RC8 or RC9 (after assessment, no further action or
 * referred to early help) must have no S47 enquiry, CP plan, CIN plan, nor
 * initial conference date: the episode and each such module are flagged. */
static int c2990(struct vrun *run)
{
	struct vframe *cin = vrun_frame(run, "CINdetails");
	struct vframe *mods[] = { vrun_frame(run, "Section47"), vrun_frame(run, "ChildProtectionPlans"),
				  vrun_frame(run, "CINplanDates") };
	struct vcol *reason = vframe_col(cin, "ReasonForClosure");
	if (!reason)
		return VCHECK_OOM;
	for (long r = 0; r < cin->nrows; r++) {
		if (!vcol_in(reason, r, "RC8 RC9"))
			continue;
		int any = vh_str(cin, "DateOfInitialCPC", r) != NULL;
		for (size_t m = 0; m < sizeof mods / sizeof mods[0] && !any; m++)
			any = cin_episode_next(cin, r, mods[m], -1) >= 0;
		if (!any)
			continue;
		if (vrun_flag(run, cin, r))
			return VCHECK_OOM;
		for (size_t m = 0; m < sizeof mods / sizeof mods[0]; m++)
			if (flag_episode(run, cin, r, mods[m]))
				return VCHECK_OOM;
	}
	return VCHECK_RAN;
}

/* ---- 8565: activity after closure ----------------------------------------------- */

/* Rows of t in episode r of cin with a date in one of cols after `closed`
 * are flagged; returns how many, or -1 on OOM. */
static long flag_after(struct vrun *run, struct vframe *cin, long r, struct vframe *t, const char *const *cols,
		       cf_date closed)
{
	long n = 0;
	for (long q = cin_episode_next(cin, r, t, -1); q >= 0; q = cin_episode_next(cin, r, t, q))
		for (const char *const *c = cols; *c; c++) {
			cf_date d = vh_date(t, *c, q);
			if (d != CF_DATE_NONE && d > closed) {
				if (vrun_flag(run, t, q))
					return -1;
				n++;
				break;
			}
		}
	return n;
}

/* A closed episode's closure date must be on or after every date recorded
 * in it: assessment start and authorisation, S47 start, initial conference
 * (episode or S47), CP plan end, CIN plan start and end. */
static int c8565(struct vrun *run)
{
	static const char *const ass[] = { "AssessmentActualStartDate", "AssessmentAuthorisationDate", NULL };
	static const char *const s47[] = { "S47ActualStartDate", "DateOfInitialCPC", NULL };
	static const char *const cpp[] = { "CPPendDate", NULL };
	static const char *const plan[] = { "CINPlanStartDate", "CINPlanEndDate", NULL };
	struct {
		const char *table;
		const char *const *cols;
	} mods[] = { { "Assessments", ass }, { "Section47", s47 }, { "ChildProtectionPlans", cpp },
		     { "CINplanDates", plan } };
	struct vframe *cin = vrun_frame(run, "CINdetails");
	for (long r = 0; r < cin->nrows; r++) {
		cf_date closed = vh_date(cin, "CINclosureDate", r);
		if (closed == CF_DATE_NONE)
			continue;
		cf_date icpc = vh_date(cin, "DateOfInitialCPC", r);
		long n = icpc != CF_DATE_NONE && icpc > closed;
		for (size_t m = 0; m < sizeof mods / sizeof mods[0]; m++) {
			long k = flag_after(run, cin, r, vrun_frame(run, mods[m].table), mods[m].cols, closed);
			if (k < 0)
				return VCHECK_OOM;
			n += k;
		}
		if (n && vrun_flag(run, cin, r))
			return VCHECK_OOM;
	}
	return VCHECK_RAN;
}

/* ---- 8540: disabilities of a child with further action ------------------------ */

static int nfa_false(struct vframe *f, long r)
{
	return vcol_in(vframe_col(f, "ReferralNFA"), r, "false 0");
}

/* A child with a date of birth and an episode going on to further action
 * (ReferralNFA false or 0) must have a disability recorded, every one a
 * valid code. The child, the invalid disability rows and those episodes
 * are flagged. */
static int c8540(struct vrun *run)
{
	struct vframe *ci = vrun_frame(run, "ChildIdentifiers"), *dis = vrun_frame(run, "Disabilities"),
		      *cin = vrun_frame(run, "CINdetails");
	struct vcol *dc = vframe_col(dis, "Disability");
	if (!dc)
		return VCHECK_OOM;
	for (long r = 0; r < ci->nrows; r++) {
		const char *child = vh_str(ci, "CHILD", r);
		if (!child || !vh_str(ci, "PersonBirthDate", r))
			continue;
		int further = 0;
		for (long q = vframe_find(cin, child, -1); q >= 0 && !further; q = vframe_find(cin, child, q))
			further = nfa_false(cin, q);
		if (!further)
			continue;
		int recorded = 0, bad = 0;
		for (long q = vframe_find(dis, child, -1); q >= 0; q = vframe_find(dis, child, q)) {
			recorded = 1;
			if (vcol_na(dc, q) || !vcol_in(dc, q, CIN_DISABILITY_CODES)) {
				bad = 1;
				if (vrun_flag(run, dis, q))
					return VCHECK_OOM;
			}
		}
		if (recorded && !bad)
			continue;
		if (vrun_flag(run, ci, r))
			return VCHECK_OOM;
		for (long q = vframe_find(cin, child, -1); q >= 0; q = vframe_find(cin, child, q))
			if (nfa_false(cin, q) && vrun_flag(run, cin, q))
				return VCHECK_OOM;
	}
	return VCHECK_RAN;
}

/* ---- assessment factors -------------------------------------------------------------- */

/* The i-th code (0-based) of a space-separated factor list into buf; 0 when
 * there is none. */
static int factor_at(const char *list, int i, char *buf, size_t sz)
{
	const char *p = list ? list : "";
	for (int k = 0;; k++) {
		while (*p == ' ')
			p++;
		size_t n = strcspn(p, " ");
		if (!n)
			return 0;
		if (k == i) {
			if (n >= sz)
				n = sz - 1;
			memcpy(buf, p, n);
			buf[n] = 0;
			return 1;
		}
		p += n;
	}
}

/* 8897Q: no factor, or a code not in DfE's list. */
static int factors_missing_or_bad(struct vrun *run, struct vframe *f, long r)
{
	(void)run;
	const char *v = vh_str(f, "AssessmentFactors", r);
	char code[32];
	if (!factor_at(v, 0, code, sizeof code))
		return 1;
	for (int i = 0; factor_at(v, i, code, sizeof code); i++)
		if (!vlist_has(CIN_FACTOR_CODES, code))
			return 1;
	return 0;
}

/* 8898: a code given twice in one assessment's list. */
static int factors_repeated(struct vrun *run, struct vframe *f, long r)
{
	(void)run;
	const char *v = vh_str(f, "AssessmentFactors", r);
	char a[32], b[32];
	for (int i = 0; factor_at(v, i, a, sizeof a); i++)
		for (int j = i + 1; factor_at(v, j, b, sizeof b); j++)
			if (strcmp(a, b) == 0)
				return 1;
	return 0;
}

/* 8873Q: the only assessment of its episode (no other AssessmentID there)
 * has factor 21 (no factors identified), and the episode is not closed
 * with RC8 or RC9 (a missing reason included). The assessment and the
 * episode are flagged. */
static int c8873(struct vrun *run)
{
	struct vframe *ass = vrun_frame(run, "Assessments"), *cin = vrun_frame(run, "CINdetails");
	struct vcol *aid = vframe_col(ass, "AssessmentID");
	if (!aid)
		return VCHECK_OOM;
	for (long r = 0; r < ass->nrows; r++) {
		const char *v = vh_str(ass, "AssessmentFactors", r);
		if (!v || !vlist_has(v, "21"))
			continue;
		int only = 1;
		for (long q = cin_episode_next(ass, r, ass, -1); q >= 0 && only; q = cin_episode_next(ass, r, ass, q))
			only = strcmp(vcol_asstr(aid, q), vcol_asstr(aid, r)) == 0;
		if (!only)
			continue;
		int fail = 1, fail_rows = 0;
		for (long q = cin_episode_next(ass, r, cin, -1); q >= 0; q = cin_episode_next(ass, r, cin, q)) {
			fail = 0;
			if (!vcol_in(vframe_col(cin, "ReasonForClosure"), q, "RC8 RC9")) {
				fail_rows = 1;
				if (vrun_flag(run, cin, q))
					return VCHECK_OOM;
			}
		}
		if ((fail || fail_rows) && vrun_flag(run, ass, r))
			return VCHECK_OOM;
	}
	return VCHECK_RAN;
}

const struct vrule rules_cin_activity[] = {
	R("2885", BASE, 0, "ChildProtectionPlans Section47 CINdetails", "CPPstartDate DateOfInitialCPC",
	  "Child protection plan shown as starting a different day to the initial child protection conference.",
	  .need = "ChildProtectionPlans Section47 CINdetails", .check = c2885),
	R("2990", BASE, 0, "CINdetails Section47 ChildProtectionPlans CINplanDates", "ReasonForClosure DateOfInitialCPC",
	  "Activity is recorded against a case marked as \u2018Case closed after assessment, no further action\u2019 or 'case closed after assessment, referred to early help'.",
	  .need = "CINdetails Section47 ChildProtectionPlans CINplanDates", .check = c2990),
	R("8565", BASE, 0, "CINdetails Assessments Section47 ChildProtectionPlans CINplanDates",
	  "CINclosureDate DateOfInitialCPC AssessmentActualStartDate AssessmentAuthorisationDate S47ActualStartDate CPPendDate CINPlanStartDate CINPlanEndDate",
	  "Activity shown after a case has been closed",
	  .need = "CINdetails Assessments Section47 ChildProtectionPlans CINplanDates", .check = c8565),
	R("8540", BASE, 0, "ChildIdentifiers Disabilities CINdetails", "PersonBirthDate Disability ReferralNFA",
	  "Child\u2019s disability is missing or invalid (see Disability table)",
	  .need = "ChildIdentifiers Disabilities CINdetails", .check = c8540),
	Q("8873Q", BASE, 0, "Assessments CINdetails", "AssessmentFactors ReasonForClosure",
	  "Please check and either amend data or provide a reason: When there is only one assessment on the episode and the factors code \u201c21 No factors identified\u201d has been used for the completed assessment, the reason for closure \u2018RC8\u2019 or 'RC9' should be used.",
	  .need = "Assessments CINdetails", .check = c8873),
	Q("8897Q", BASE, 0, "Assessments", "AssessmentAuthorisationDate AssessmentFactors",
	  "Parental or child factors at assessment information is missing from a completed assessment",
	  ROWS(AND(DGE(D("AssessmentAuthorisationDate"), CSTART), FN(factors_missing_or_bad)))),
	R("8898", BASE, 0, "Assessments", "AssessmentFactors",
	  "The assessment has more than one parental or child factors with the same code",
	  ROWS(FN(factors_repeated))),
};
VRULES_COUNT(rules_cin_activity);
