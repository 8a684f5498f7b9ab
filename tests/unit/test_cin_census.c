/* The CIN census reader on small hand-written documents: every field, lists
 * in order, remarks for what is off, errors for what is not XML. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "formats/cin_census.h"

static char *write_temp(const char *text)
{
	static char path[64];
	snprintf(path, sizeof path, "/tmp/cf_test_cin_XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return path;
}

struct seen {
	int headers, children;
	char year[16], ref[16], lea[16];
	char ids[4][32];
	int upn_present[4];
	char disabilities[64], factors[64], reviews[128], nfa[8], icpc_cin[16], s47_notreq[8];
	int episodes, plans, s47s, cpps, remarks, child_remarks;
	char remark_kinds[256];
	long remark_lines[8];
	long child_line;
};

static int on_header(void *ctx, const struct cin_header *h, struct cf_error *err)
{
	struct seen *s = ctx;
	s->headers++;
	snprintf(s->year, sizeof s->year, "%s", h->year.text ? h->year.text : "-");
	snprintf(s->ref, sizeof s->ref, "%s", h->reference_date.text ? h->reference_date.text : "-");
	snprintf(s->lea, sizeof s->lea, "%s", h->lea.text ? h->lea.text : "-");
	return CF_OK;
}

static int on_child(void *ctx, const struct cin_child *c, struct cf_error *err)
{
	struct seen *s = ctx;
	int i = s->children++;
	if (i < 4) {
		snprintf(s->ids[i], sizeof s->ids[i], "%s", c->la_child_id.text ? c->la_child_id.text : "-");
		s->upn_present[i] = c->upn_present;
	}
	if (i == 0) {
		s->child_line = c->line;
		snprintf(s->disabilities, sizeof s->disabilities, "%s", c->disabilities.text ? c->disabilities.text : "-");
		for (const struct cin_remark *r = c->remarks; r; r = r->next) {
			if (s->child_remarks < 8)
				s->remark_lines[s->child_remarks] = r->line;
			s->child_remarks++;
			strcat(s->remark_kinds, r->kind);
			strcat(s->remark_kinds, " ");
		}
		for (const struct cin_episode *e = c->episodes; e; e = e->next) {
			s->episodes++;
			if (s->episodes == 1) {
				snprintf(s->nfa, sizeof s->nfa, "%s", e->nfa.text ? e->nfa.text : "-");
				snprintf(s->icpc_cin, sizeof s->icpc_cin, "%s", e->icpc_date.text ? e->icpc_date.text : "-");
			}
			for (const struct cin_assessment *a = e->assessments; a; a = a->next)
				snprintf(s->factors, sizeof s->factors, "%s", a->factors.text ? a->factors.text : "-");
			for (const struct cin_plan_dates *p = e->plans; p; p = p->next)
				s->plans++;
			for (const struct cin_s47 *x = e->s47s; x; x = x->next) {
				s->s47s++;
				snprintf(s->s47_notreq, sizeof s->s47_notreq, "%s", x->icpc_not_required.text);
			}
			for (const struct cin_cp_plan *p = e->cp_plans; p; p = p->next) {
				s->cpps++;
				for (const struct cin_review *r = p->reviews; r; r = r->next) {
					strcat(s->reviews, r->date.text);
					strcat(s->reviews, " ");
				}
			}
		}
	}
	return CF_OK;
}

static int on_remark(void *ctx, const struct cin_remark *r, struct cf_error *err)
{
	struct seen *s = ctx;
	s->remarks++;
	return CF_OK;
}

static const struct cin_census_handler handler = { on_header, on_child, on_remark, 0 };

static const char census[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                        /* 1 */
	"<Message>\n"                                                         /* 2 */
	"  <Header><CollectionDetails><Collection>CIN</Collection><Year>2024</Year>\n"  /* 3 */
	"    <ReferenceDate>2024-03-31</ReferenceDate></CollectionDetails>\n"          /* 4 */
	"    <Source><LEA>201</LEA></Source></Header>\n"                      /* 5 */
	"  <Children>\n"                                                      /* 6 */
	"    <Child>\n"                                                       /* 7 */
	"      <ChildIdentifiers><LAchildID> A1 </LAchildID><UPN>A123456789012</UPN>\n"   /* 8 */
	"        <UPNunknown>UN3</UPNunknown>Stray\n"                         /* 9 */
	"        <PersonBirthDate>2015-03-27</PersonBirthDate><Sex>F</Sex></ChildIdentifiers>\n" /* 10 */
	"      <ChildCharacteristics><Ethnicity>WBRI</Ethnicity>\n"          /* 11 */
	"        <Disabilities><Disability>HAND</Disability><Disability>HEAR</Disability></Disabilities>\n" /* 12 */
	"      </ChildCharacteristics>\n"                                     /* 13 */
	"      <CINdetails><CINreferralDate>2023-10-06</CINreferralDate><ReferralSource>1A</ReferralSource>\n" /* 14 */
	"        <DateOfInitialCPC>2023-12-06</DateOfInitialCPC>\n"           /* 15 */
	"        <Assessments><AssessmentActualStartDate>2023-10-07</AssessmentActualStartDate>\n" /* 16 */
	"          <FactorsIdentifiedAtAssessment><AssessmentFactors>2A</AssessmentFactors>"
	"<AssessmentFactors>3B</AssessmentFactors></FactorsIdentifiedAtAssessment></Assessments>\n" /* 17 */
	"        <CINPlanDates><CINPlanStartDate>2023-11-01</CINPlanStartDate></CINPlanDates>\n" /* 18 */
	"        <Section47><S47ActualStartDate>2023-10-08</S47ActualStartDate><ICPCnotRequired>true</ICPCnotRequired></Section47>\n" /* 19 */
	"        <ReferralNFA>0</ReferralNFA>\n"                                /* 20 */
	"        <ChildProtectionPlans><CPPstartDate>2023-12-06</CPPstartDate>\n" /* 21 */
	"          <Reviews><CPPreviewDate>2024-01-01</CPPreviewDate><CPPreviewDate>2024-03-01</CPPreviewDate></Reviews>\n" /* 22 */
	"        </ChildProtectionPlans>\n"                                   /* 23 */
	"        <PreProceedings><Anything>1</Anything></PreProceedings>\n"   /* 24 */
	"      </CINdetails>\n"                                               /* 25 */
	"      <CINdetails><CINreferralDate>2024-02-01</CINreferralDate><ReferralNFA>1</ReferralNFA></CINdetails>\n" /* 26 */
	"    </Child>\n"                                                      /* 27 */
	"    <Child><ChildIdentifiers><LAchildID>B2</LAchildID><UPN></UPN></ChildIdentifiers><CINdetails/></Child>\n" /* 28 */
	"  </Children>\n"
	"</Message>\n";

static void test_reads_every_field(void **state)
{
	struct seen s;
	memset(&s, 0, sizeof s);
	struct cf_error err;
	cf_error_clear(&err);
	struct cin_census_stats st;
	char *path = write_temp(census);
	int rc = cin_census_read(path, &handler, &s, &st, &err);
	unlink(path);
	assert_int_equal(rc, CF_OK);
	assert_int_equal(s.headers, 1);
	assert_string_equal(s.year, "2024");
	assert_string_equal(s.ref, "2024-03-31");
	assert_string_equal(s.lea, "201");
	assert_int_equal(s.children, 2);
	assert_int_equal(st.children, 2);
	assert_string_equal(s.ids[0], "A1");          /* trimmed */
	assert_string_equal(s.ids[1], "B2");
	assert_int_equal(s.upn_present[0], 1);
	assert_int_equal(s.upn_present[1], 0);        /* an empty UPN is no UPN */
	assert_int_equal(s.child_line, 7);
	assert_string_equal(s.disabilities, "HAND HEAR");
	assert_string_equal(s.factors, "2A 3B");
	assert_string_equal(s.reviews, "2024-01-01 2024-03-01 ");   /* every review, in order */
	assert_string_equal(s.nfa, "0");
	assert_string_equal(s.icpc_cin, "2023-12-06");
	assert_string_equal(s.s47_notreq, "true");    /* as given: the loader judges it */
	assert_int_equal(s.episodes, 2);
	assert_int_equal(s.plans, 1);
	assert_int_equal(s.s47s, 1);
	assert_int_equal(s.cpps, 1);
	/* stray text at line 9, one unknown element at line 24 (its inside not repeated) */
	assert_int_equal(s.child_remarks, 2);
	assert_string_equal(s.remark_kinds, "stray_text unknown_element ");
	assert_int_equal(s.remark_lines[0], 9);
	assert_int_equal(s.remark_lines[1], 24);
	assert_int_equal(s.remarks, 0);
}

static void expect_error(const char *doc, long line, const char *words)
{
	struct seen s;
	memset(&s, 0, sizeof s);
	struct cf_error err;
	cf_error_clear(&err);
	char *path = write_temp(doc);
	int rc = cin_census_read(path, &handler, &s, NULL, &err);
	unlink(path);
	assert_int_equal(rc, CF_EINPUT);
	assert_non_null(strstr(err.msg, words));
	assert_non_null(strstr(err.file, "cf_test_cin_"));
	if (line)
		assert_int_equal(err.line, line);
}

static void test_rejects_what_is_not_a_census(void **state)
{
	/* truncated inside a child */
	expect_error("<Message>\n<Children>\n<Child>\n<ChildIdentifiers><LAchildID>A</LAchildID>\n", 0, "malformed XML");
	/* mismatched tags, at line 3 */
	expect_error("<Message>\n<Children>\n<Child></Chld>\n</Children></Message>\n", 3, "malformed XML");
	expect_error("<EXPSSDA903><CHILD/></EXPSSDA903>\n", 1, "root element is <EXPSSDA903>");
	expect_error("<Message><Header/></Message>\n", 0, "no <Children>");
	expect_error("", 0, "");
}

static int stop_at_header(void *ctx, const struct cin_header *h, struct cf_error *err)
{
	return CIN_STOP;
}

static void test_stop(void **state)
{
	struct seen s;
	memset(&s, 0, sizeof s);
	struct cf_error err;
	cf_error_clear(&err);
	static const struct cin_census_handler h = { stop_at_header, on_child, NULL, 0 };
	char *path = write_temp(census);
	assert_int_equal(cin_census_read(path, &h, &s, NULL, &err), CF_OK);
	unlink(path);
	assert_int_equal(s.children, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reads_every_field),
		cmocka_unit_test(test_rejects_what_is_not_a_census),
		cmocka_unit_test(test_stop),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
