/* CIN census rules over groups of rows: a child's or a CIN episode's rows
 * counted (more than one open plan, duplicate IDs), activity recorded in an
 * episode, and the rules about the return as a whole (flagging frame "LA").
 * The group count is one pattern (vp_cin_groups) that the rules give as data. */
#include <stdlib.h>
#include <string.h>

#include "validate/rules_cin.h"
#include "base/strbuf.h"

/* Rows grouped on the key columns; a group where `count` holds for more
 * than one row fails, and its rows where `mark` holds are flagged (NULL:
 * every row). Keys compare as text, missing values equal (pandas' groupby
 * and duplicated with NaN keys). */
struct cin_group {
	const char *keys;
	const struct vx *count;
	const struct vx *mark;
};
#define GROUPS(k, c, m) .check = vp_cin_groups, .arg = &(const struct cin_group){ (k), (c), (m) }

struct keyed {
	char *key;
	long row;
};

static int keyed_cmp(const void *pa, const void *pb)
{
	const struct keyed *a = pa, *b = pb;
	int c = strcmp(a->key, b->key);
	return c ? c : (a->row > b->row) - (a->row < b->row);
}

/* Each row's key: the key columns' text joined by \x1f ("nan" = missing). */
static struct keyed *keys_of(struct vframe *f, const char *keys)
{
	struct keyed *k = calloc((size_t)(f->nrows ? f->nrows : 1), sizeof *k);
	struct strbuf sb = STRBUF_INIT;
	if (!k)
		return NULL;
	for (long r = 0; r < f->nrows; r++) {
		char name[64];
		strbuf_reset(&sb);
		for (const char *p = keys; *p;) {
			while (*p == ' ')
				p++;
			size_t n = strcspn(p, " ");
			if (!n || n >= sizeof name)
				break;
			memcpy(name, p, n);
			name[n] = 0;
			p += n;
			struct vcol *c = vframe_col(f, name);
			strbuf_addf(&sb, "%s\x1f", c ? vcol_asstr(c, r) : "nan");
		}
		k[r].row = r;
		if (!(k[r].key = strdup(strbuf_str(&sb)))) {
			while (r--)
				free(k[r].key);
			free(k);
			strbuf_release(&sb);
			return NULL;
		}
	}
	strbuf_release(&sb);
	qsort(k, (size_t)f->nrows, sizeof *k, keyed_cmp);
	return k;
}

static void keys_free(struct keyed *k, long n)
{
	for (long i = 0; k && i < n; i++)
		free(k[i].key);
	free(k);
}

static int vp_cin_groups(struct vrun *run)
{
	const struct cin_group *g = run->rule->arg;
	char first[64];
	size_t n = strcspn(run->rule->tables, " ");
	if (n >= sizeof first)
		return VCHECK_SKIP;
	memcpy(first, run->rule->tables, n);
	first[n] = 0;
	struct vframe *f = vrun_frame(run, first);
	if (!f)
		return VCHECK_SKIP;
	unsigned char *cnt = calloc((size_t)(f->nrows ? f->nrows : 1), 1);
	unsigned char *mark = calloc((size_t)(f->nrows ? f->nrows : 1), 1);
	struct keyed *k = keys_of(f, g->keys);
	int rc = VCHECK_OOM;
	if (!cnt || !mark || !k)
		goto out;
	if (g->count ? vx_eval_frame(run, f, g->count, cnt) : (memset(cnt, 1, (size_t)f->nrows), 0))
		goto out;
	if (g->mark ? vx_eval_frame(run, f, g->mark, mark) : (memset(mark, 1, (size_t)f->nrows), 0))
		goto out;
	for (long i = 0, j; i < f->nrows; i = j) {
		long c = 0;
		for (j = i; j < f->nrows && strcmp(k[j].key, k[i].key) == 0; j++)
			c += cnt[k[j].row];
		if (c < 2)
			continue;
		for (long m = i; m < j; m++)
			if (mark[k[m].row] && vrun_flag(run, f, k[m].row))
				goto out;
	}
	rc = VCHECK_RAN;
out:
	keys_free(k, f->nrows);
	free(cnt);
	free(mark);
	return rc;
}

/* ---- overlapping periods ------------------------------------------------------- */

/* Two rows of a group (same keys) overlap when one starts on or after the
 * other starts and on or before it ends (before, when strict_end), or, the
 * other being open (no end, and `open` holding for it), on or before the
 * reference date (before, when strict_ref). Rows are compared with every
 * other row of the group (different by `distinct`, or by position when
 * NULL); with `dup`, a row with the same start and end (or both open) is
 * the same record and not compared. Both rows of an overlap are flagged. */
struct cin_overlap {
	const char *keys, *start, *end, *distinct;
	int dup, strict_end, strict_ref;
	const struct vx *open;
};
#define OVERLAPS(...) .check = vp_cin_overlaps, .arg = &(const struct cin_overlap){ __VA_ARGS__ }

static int vp_cin_overlaps(struct vrun *run)
{
	const struct cin_overlap *o = run->rule->arg;
	struct vframe *f = vrun_frame(run, run->rule->tables);
	cf_date ref = run->vd->meta.collection_end;
	if (!f)
		return VCHECK_SKIP;
	struct vcol *sc = vframe_col(f, o->start), *ec = vframe_col(f, o->end);
	struct vcol *dc = o->distinct ? vframe_col(f, o->distinct) : NULL;
	unsigned char *open = calloc((size_t)(f->nrows ? f->nrows : 1), 1);
	struct keyed *k = keys_of(f, o->keys);
	int rc = VCHECK_OOM;
	if (!sc || !ec || (o->distinct && !dc) || !open || !k)
		goto out;
	if (o->open ? vx_eval_frame(run, f, o->open, open) : (memset(open, 1, (size_t)f->nrows), 0))
		goto out;
	for (long i = 0, j; i < f->nrows; i = j) {
		for (j = i; j < f->nrows && strcmp(k[j].key, k[i].key) == 0; j++)
			;
		for (long a = i; a < j; a++) {
			long r = k[a].row;
			cf_date s1 = vcol_date(f, sc, r), e1 = vcol_date(f, ec, r);
			if (vcol_na(sc, r))
				continue;
			for (long b = i; b < j; b++) {
				long q = k[b].row;
				if (q == r || vcol_na(sc, q))
					continue;
				if (dc && strcmp(vcol_asstr(dc, r), vcol_asstr(dc, q)) == 0)
					continue;
				cf_date s2 = vcol_date(f, sc, q), e2 = vcol_date(f, ec, q);
				if (o->dup && s1 != CF_DATE_NONE && s1 == s2 &&
				    ((e1 != CF_DATE_NONE && e1 == e2) || (vcol_na(ec, r) && vcol_na(ec, q))))
					continue;
				if (s1 == CF_DATE_NONE || s2 == CF_DATE_NONE || s1 < s2)
					continue;
				int hit;
				if (!vcol_na(ec, q))
					hit = e2 != CF_DATE_NONE && (o->strict_end ? s1 < e2 : s1 <= e2);
				else
					hit = open[q] && ref != CF_DATE_NONE && (o->strict_ref ? s1 < ref : s1 <= ref);
				if (hit && (vrun_flag(run, f, r) || vrun_flag(run, f, q)))
					goto out;
			}
		}
	}
	rc = VCHECK_RAN;
out:
	keys_free(k, f->nrows);
	free(open);
	return rc;
}

/* ---- the return as a whole: flag the one row of frame LA ---------------- */

static int flag_la(struct vrun *run)
{
	struct vframe *la = vrun_frame(run, "LA");
	return la && la->nrows && vrun_flag(run, la, 0) ? VCHECK_OOM : VCHECK_RAN;
}

/* 2886Q: more than 2% of the children (unborn ones counted in the total)
 * born without a sex recorded: GenderCurrent missing or 0 to 2023-24, Sex
 * missing or U from 2024-25. */
static int missing_sex_share(struct vrun *run, const char *col, const char *unknown)
{
	struct vframe *f = vrun_frame(run, "ChildIdentifiers");
	struct vcol *sex = vframe_col(f, col), *exp = vframe_col(f, "ExpectedPersonBirthDate");
	if (!sex || !exp)
		return VCHECK_OOM;
	long miss = 0;
	for (long r = 0; r < f->nrows; r++)
		if ((vcol_na(sex, r) || strcmp(vcol_asstr(sex, r), unknown) == 0) && vcol_na(exp, r))
			miss++;
	if (f->nrows && (double)miss / (double)f->nrows > 0.02)
		return flag_la(run);
	return VCHECK_RAN;
}

static int c2886_gender(struct vrun *run)
{
	return missing_sex_share(run, "GenderCurrent", "0");
}

static int c2886_sex(struct vrun *run)
{
	return missing_sex_share(run, "Sex", "U");
}

/* 2887Q: as DfE's tool counts it, fewer than 8 rows of Disability NONE. */
static int c2887(struct vrun *run)
{
	struct vframe *f = vrun_frame(run, "Disabilities");
	struct vcol *d = vframe_col(f, "Disability");
	long n = 0;
	if (!d)
		return VCHECK_OOM;
	for (long r = 0; r < f->nrows; r++)
		n += vcol_eq(d, r, "NONE");
	return n <= 7 ? flag_la(run) : VCHECK_RAN;
}

/* 2888Q: some child has a disability other than NONE, but none has two. */
static int c2888(struct vrun *run)
{
	struct vframe *f = vrun_frame(run, "Disabilities");
	struct keyed *k = keys_of(f, "LAchildID");
	struct vcol *d = vframe_col(f, "Disability");
	if (!k || !d) {
		keys_free(k, f->nrows);
		return VCHECK_OOM;
	}
	long most = -1;
	for (long i = 0, j; i < f->nrows; i = j) {
		long c = 0;
		for (j = i; j < f->nrows && strcmp(k[j].key, k[i].key) == 0; j++)
			c += !vcol_eq(d, k[j].row, "NONE") && !vcol_na(d, k[j].row);
		if (c > 0 && c > most)   /* a child with only NONE is not counted, as in DfE's tool */
			most = c;
	}
	keys_free(k, f->nrows);
	return most >= 0 && most <= 1 ? flag_la(run) : VCHECK_RAN;
}

/* ---- hand-written ------------------------------------------------------------ */

static int nfa_false(struct vframe *f, long r)
{
	return vcol_in(vframe_col(f, "ReferralNFA"), r, "false 0");
}

static int keep_referred(struct vframe *f, long r)
{
	(void)f;
	(void)r;
	return 1;
}

/* 8816: an open episode going on to further action that is not the child's
 * latest referral (the first with the latest date); that one is flagged too. */
static int c8816(struct vrun *run)
{
	struct vframe *f = vrun_frame(run, "CINdetails");
	unsigned char *latest = vh_first_per_child(f, "CINreferralDate", 1, keep_referred);
	struct vcol *ref = vframe_col(f, "CINreferralDate"), *clo = vframe_col(f, "CINclosureDate");
	if (!latest || !ref || !clo) {
		free(latest);
		return VCHECK_OOM;
	}
	int rc = VCHECK_RAN;
	for (long r = 0; r < f->nrows && rc == VCHECK_RAN; r++) {
		if (vcol_na(ref, r) || !vcol_na(clo, r) || !nfa_false(f, r) || latest[r])
			continue;
		if (vrun_flag(run, f, r))
			rc = VCHECK_OOM;
		const char *child = vh_str(f, "CHILD", r);
		for (long q = child ? vframe_find(f, child, -1) : -1; q >= 0 && rc == VCHECK_RAN; q = vframe_find(f, child, q))
			if (latest[q] && vrun_flag(run, f, q))
				rc = VCHECK_OOM;
	}
	free(latest);
	return rc;
}

/* Rows of f with a date in col within the census year. */
static long in_year(struct vrun *run, struct vframe *f, const char *col)
{
	cf_date s = run->vd->meta.collection_start, e = run->vd->meta.collection_end;
	long n = 0;
	for (long r = 0; f && r < f->nrows; r++) {
		cf_date d = vh_date(f, col, r);
		n += d != CF_DATE_NONE && d >= s && d <= e;
	}
	return n;
}

/* 2883: more CP plans starting in the year than initial conferences held
 * (recorded on the CIN episode or on a S47 enquiry). */
static int c2883(struct vrun *run)
{
	long plans = in_year(run, vrun_frame(run, "ChildProtectionPlans"), "CPPstartDate");
	long icpc = in_year(run, vrun_frame(run, "CINdetails"), "DateOfInitialCPC") +
		    in_year(run, vrun_frame(run, "Section47"), "DateOfInitialCPC");
	return plans > icpc ? flag_la(run) : VCHECK_RAN;
}

/* 8869: factor 21 (no factors identified) with other factors: in one
 * assessment's list (as the census gives it), or, with one row per factor,
 * the other rows of the assessment (child, episode, authorisation date). */
static int c8869(struct vrun *run)
{
	struct vframe *f = vrun_frame(run, "Assessments");
	struct vcol *fc = vframe_col(f, "AssessmentFactors");
	struct keyed *k = keys_of(f, "LAchildID CINdetailsID AssessmentAuthorisationDate");
	if (!fc || !k) {
		keys_free(k, f->nrows);
		return VCHECK_OOM;
	}
	int rc = VCHECK_RAN;
	for (long i = 0, j; i < f->nrows && rc == VCHECK_RAN; i = j) {
		int has21 = 0;
		for (j = i; j < f->nrows && strcmp(k[j].key, k[i].key) == 0; j++)
			has21 |= strcmp(vcol_asstr(fc, k[j].row), "21") == 0;
		for (long m = i; m < j; m++) {
			long r = k[m].row;
			const char *v = vcol_asstr(fc, r);
			int mixed = strchr(v, ' ') && vlist_has(v, "21");
			if (((has21 && strcmp(v, "21") != 0) || mixed) && vrun_flag(run, f, r)) {
				rc = VCHECK_OOM;
				break;
			}
		}
	}
	keys_free(k, f->nrows);
	return rc;
}

/* 4003: a CP plan review held while a CIN plan was open (on or after its
 * start, before its end) for a plan that has ended, unless the review is
 * the plan's end date. The review, its plan and the CIN plan are flagged. */
static int c4003(struct vrun *run)
{
	struct vframe *rv = vrun_frame(run, "Reviews"), *cp = vrun_frame(run, "ChildProtectionPlans"),
		      *pl = vrun_frame(run, "CINplanDates");
	if (!rv || !cp || !pl)
		return VCHECK_SKIP;
	for (long r = 0; r < rv->nrows; r++) {
		const char *child = vh_str(rv, "CHILD", r);
		cf_date d = vh_date(rv, "CPPreviewDate", r);
		if (!child || d == CF_DATE_NONE)
			continue;
		const char *cppid = vcol_asstr(vframe_col(rv, "CPPID"), r);
		for (long c = vframe_find(cp, child, -1); c >= 0; c = vframe_find(cp, child, c)) {
			if (strcmp(vcol_asstr(vframe_col(cp, "CPPID"), c), cppid) != 0)
				continue;
			cf_date end = vh_date(cp, "CPPendDate", c);
			if (vh_str(cp, "CPPendDate", c) == NULL || d == end)
				continue;
			for (long p = vframe_find(pl, child, -1); p >= 0; p = vframe_find(pl, child, p)) {
				cf_date ps = vh_date(pl, "CINPlanStartDate", p), pe = vh_date(pl, "CINPlanEndDate", p);
				if (ps == CF_DATE_NONE || pe == CF_DATE_NONE || d < ps || d >= pe)
					continue;
				if (vrun_flag(run, rv, r) || vrun_flag(run, cp, c) || vrun_flag(run, pl, p))
					return VCHECK_OOM;
			}
		}
	}
	return VCHECK_RAN;
}

/* 8831: a referral with no further action (true or 1) with activity: an
 * initial conference on the episode, a S47 enquiry started, or an assessment
 * started or authorised. The episode and the rows showing activity are flagged. */
static int c8831(struct vrun *run)
{
	struct vframe *f = vrun_frame(run, "CINdetails"), *s47 = vrun_frame(run, "Section47"),
		      *ass = vrun_frame(run, "Assessments");
	for (long r = 0; r < f->nrows; r++) {
		if (!vcol_in(vframe_col(f, "ReferralNFA"), r, "true 1"))
			continue;
		int any = 0;
		long q = cin_episode_next(f, r, s47, -1);
		if (q < 0 && vh_str(f, "DateOfInitialCPC", r))
			any = 1;
		for (; q >= 0; q = cin_episode_next(f, r, s47, q))
			if (vh_str(f, "DateOfInitialCPC", r) || vh_str(s47, "S47ActualStartDate", q)) {
				any = 1;
				if (vrun_flag(run, s47, q))
					return VCHECK_OOM;
			}
		for (q = cin_episode_next(f, r, ass, -1); q >= 0; q = cin_episode_next(f, r, ass, q))
			if (vh_str(ass, "AssessmentActualStartDate", q) || vh_str(ass, "AssessmentAuthorisationDate", q)) {
				any = 1;
				if (vrun_flag(run, ass, q))
					return VCHECK_OOM;
			}
		if (any && vrun_flag(run, f, r))
			return VCHECK_OOM;
	}
	return VCHECK_RAN;
}

const struct vrule rules_cin_groups[] = {
	R("8510", BASE, 0, "ChildIdentifiers", "LAchildID", "More than one child record with the same LA Child ID",
	  GROUPS("LAchildID", NULL, NULL)),
	R("1520", BASE, 0, "ChildIdentifiers", "UPN", "More than one record with the same UPN.",
	  .needs = VN_UPN, GROUPS("UPN", NOTNA("UPN"), NOTNA("UPN"))),
	R("4004", BASE, 0, "CINplanDates", "CINPlanEndDate",
	  "This child is showing more than one open CIN Plan, i.e. with no End Date",
	  GROUPS("LAchildID CINdetailsID", NA("CINPlanEndDate"), NULL)),
	R("8896", BASE, 0, "Assessments", "AssessmentAuthorisationDate",
	  "Within one CINDetails group there are 2 or more open Assessments groups",
	  GROUPS("LAchildID CINdetailsID", NA("AssessmentAuthorisationDate"), NULL)),
	R("8935", BASE, 0, "ChildProtectionPlans", "CPPendDate",
	  "This child is showing more than one open Child Protection plan, i.e. with no End Date",
	  GROUPS("LAchildID CPPID", NA("CPPendDate"), NULL)),
	R("8815", BASE, 0, "CINdetails", "CINclosureDate",
	  "More than one open CIN Details episode (a module with no CIN Closure Date) has been provided for this child and case is not a referral with no further action.",
	  GROUPS("LAchildID", AND(NA("CINclosureDate"), IN("ReferralNFA", "false 0")), NA("CINclosureDate"))),
	R("8839", BASE, 0, "Section47", "DateOfInitialCPC",
	  "Within one CINDetails group there are 2 or more open S47 Assessments",
	  GROUPS("LAchildID CINdetailsID", AND(NA("DateOfInitialCPC"), NOT(INS("ICPCnotRequired", "true 1"))),
		 NA("DateOfInitialCPC"))),
	R("8794", BASE, 0, "Disabilities", "Disability", "Child has two or more disabilities with the same code",
	  GROUPS("LAchildID Disability", NULL, NULL)),
	R("8790", BASE, 0, "Disabilities", "Disability", "Disability information includes both None and other values",
	  ROWS(AND(NOT(INU("Disability", "NONE")), ANY("Disabilities", INU("Disability", "NONE"))))),
	R("8590", BASE, 0, "ChildIdentifiers", "LAchildID", "Child does not have a recorded CIN episode.",
	  ROWS(NOT(HAS("CINdetails")))),
	Q("2886Q", BASE, 2024, "LA", "GenderCurrent ExpectedPersonBirthDate",
	  "Please check and either amend or provide a reason: Percentage of children with no gender recorded is more than 2% (excluding unborns)",
	  .need = "ChildIdentifiers", .check = c2886_gender),
	Q("2886Q", 2025, 0, "LA", "Sex ExpectedPersonBirthDate",
	  "Please check and either amend or provide a reason: Percentage of children with no sex recorded is more than 2% (excluding unborns)",
	  .need = "ChildIdentifiers", .check = c2886_sex),
	Q("2887Q", BASE, 0, "LA", "Disability",
	  "Please check and either amend or provide a reason: Less than 8 disability codes have been used in your return",
	  .need = "Disabilities", .check = c2887),
	Q("2888Q", BASE, 0, "LA", "Disability",
	  "Please check and either amend or provide a reason: Only one disability code is recorded per child and multiple disabilities should be recorded where possible.",
	  .need = "Disabilities", .check = c2888),
	R("4014", BASE, 0, "CINplanDates", "CINPlanStartDate CINPlanEndDate", "CIN Plan data contains overlapping dates",
	  .need = "CINplanDates Header",
	  OVERLAPS("LAchildID", "CINPlanStartDate", "CINPlanEndDate", NULL, 0, 0, 0, NULL)),
	R("8820", BASE, 0, "CINdetails", "CINreferralDate CINclosureDate", "The dates on the CIN episodes for this child overlap",
	  .need = "CINdetails Header",
	  OVERLAPS("LAchildID", "CINreferralDate", "CINclosureDate", NULL, 0, 1, 1, INU("ReferralNFA", "FALSE 0"))),
	Q("8863Q", BASE, 0, "Assessments", "AssessmentActualStartDate AssessmentAuthorisationDate",
	  "An Assessment is shown as starting when there is another Assessment ongoing.",
	  .need = "Assessments Header",
	  OVERLAPS("LAchildID CINdetailsID", "AssessmentActualStartDate", "AssessmentAuthorisationDate", NULL, 1, 0, 0, NULL)),
	R("8890", BASE, 0, "Section47", "S47ActualStartDate DateOfInitialCPC",
	  "A Section 47 enquiry is shown as starting when there is another Section 47 Enquiry ongoing",
	  .need = "Section47 Header",
	  OVERLAPS("LAchildID CINdetailsID", "S47ActualStartDate", "DateOfInitialCPC", NULL, 1, 0, 0,
		   NOT(INU("ICPCnotRequired", "1 TRUE")))),
	R("8940", BASE, 0, "ChildProtectionPlans", "CPPstartDate CPPendDate", "Child Protection Plan data contains overlapping dates",
	  .need = "ChildProtectionPlans Header",
	  OVERLAPS("LAchildID", "CPPstartDate", "CPPendDate", "CPPID", 0, 0, 0, NULL)),
	R("8816", BASE, 0, "CINdetails", "CINreferralDate",
	  "An open CIN episode is shown and case is not a referral with no further action, but it is not the latest episode.",
	  .check = c8816),
	R("2883", BASE, 0, "LA", "CPPstartDate DateOfInitialCPC",
	  "There are more child protection plans starting than initial conferences taking place",
	  .need = "ChildProtectionPlans CINdetails Section47 Header", .check = c2883),
	R("8869", BASE, 0, "Assessments", "AssessmentFactors",
	  "The assessment factors code \u201c21\u201d cannot be used in conjunction with any other assessment factors.",
	  .check = c8869),
	R("4003", BASE, 0, "Reviews ChildProtectionPlans CINplanDates", "CPPreviewDate CPPendDate CINPlanStartDate",
	  "A CPP review date is shown as being held at the same time as an open CIN Plan.",
	  .need = "Reviews ChildProtectionPlans CINplanDates", .check = c4003),
	R("8831", BASE, 0, "CINdetails Section47 Assessments", "ReferralNFA DateOfInitialCPC S47ActualStartDate",
	  "Activity is recorded against a case marked as a referral with no further action",
	  .check = c8831),
};
VRULES_COUNT(rules_cin_groups);
