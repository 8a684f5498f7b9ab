/* The SSDA903 XML reader: which rows each element gives, their numbers and
 * lines, and the files it must refuse. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "formats/ssda903.h"

#define MAXROWS 64

/* Every row delivered, as "table|row|line|COL=value;COL=value..." */
struct got {
	int n;
	char rows[MAXROWS][512];
	int stop_after;          /* return CF_EINPUT after this many rows; 0 = never */
};

static int collect(void *ctx, enum ssda903_table t, const char *const *vals, const size_t *lens,
		   long row, long line, struct cf_error *err)
{
	struct got *g = ctx;
	if (g->stop_after && g->n >= g->stop_after)
		return cf_error_set(err, CF_EINPUT, "stopped by the callback");
	if (g->n >= MAXROWS)
		return CF_OK;
	char *p = g->rows[g->n];
	size_t left = sizeof g->rows[0];
	int k = snprintf(p, left, "%s|%ld|%ld|", ssda903_tables[t].name, row, line);
	const struct ssda903_table_def *d = &ssda903_tables[t];
	for (int c = 0; c < d->ncols && k > 0 && (size_t)k < left; c++)
		if (vals[c])
			k += snprintf(p + k, left - (size_t)k, "%s=%.*s;", d->cols[c].name, (int)lens[c], vals[c]);
	g->n++;
	return CF_OK;
}

static char path[64];

static int setup(void **state)
{
	snprintf(path, sizeof path, "/tmp/caseflow-xml-%ld.xml", (long)getpid());
	return 0;
}

static int teardown(void **state)
{
	unlink(path);
	return 0;
}

static int read_text(const char *xml, struct got *g, long rows[S903_NTABLES], struct cf_error *err)
{
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	fputs(xml, fp);
	fclose(fp);
	cf_error_clear(err);
	return ssda903_xml_read(path, rows, collect, g, err);
}

static void expect_row(const struct got *g, int i, const char *want)
{
	if (i >= g->n)
		fail_msg("row %d missing; want %s", i, want);
	if (strcmp(g->rows[i], want))
		fail_msg("row %d:\n got  %s\n want %s", i, g->rows[i], want);
}

/* One child with every kind of record, one with the bare minimum. */
static const char full[] =
	"<?xml version='1.0' encoding='us-ascii'?>\n"                          /* 1 */
	"<EXPSSDA903>\n"                                                        /* 2 */
	"<CHILD>\n"                                                             /* 3 */
	" <HEADER>\n"                                                           /* 4 */
	"  <CHILDID>C1</CHILDID><UPN>A1</UPN><SEX>2</SEX><DOB>28/07/2010</DOB><ETHNIC>WBRI</ETHNIC>\n" /* 5 */
	"  <UASC>1</UASC><DUC>01/01/2028</DUC>\n"                               /* 6 */
	"  <IN_TOUCH>YES</IN_TOUCH><ACTIV>F1</ACTIV><ACCOM>V1</ACCOM>\n"        /* 7 */
	"  <DATE_INT>01/02/2015</DATE_INT><DATE_MATCH>02/02/2015</DATE_MATCH><FOSTER_CARE>1</FOSTER_CARE>"
	"<NB_ADOPTR>2</NB_ADOPTR><SEX_ADOPTR>MF</SEX_ADOPTR><LS_ADOPTR>L0</LS_ADOPTR>\n" /* 8 */
	"  <AREVIEW><REVIEW>27/09/2015</REVIEW><REVIEW_CODE>PN0</REVIEW_CODE></AREVIEW>\n" /* 9 */
	"  <AREVIEW>\n"                                                         /* 10 */
	"   <REVIEW>14/07/2016</REVIEW><REVIEW_CODE>PN1</REVIEW_CODE></AREVIEW>\n" /* 11 */
	"  <AMISSING><MISSING>M</MISSING><MIS_START>01/01/2017</MIS_START><MIS_END /></AMISSING>\n" /* 12 */
	"  <MOTHER /><MC_DOB />\n"                                              /* 13 */
	"  <PERMANENCE><PREV_PERM>Z1</PREV_PERM></PERMANENCE>\n"                /* 14 */
	"  <OC2><SDQ_SCORE>21</SDQ_SCORE><CONVICTED>1</CONVICTED></OC2>\n"      /* 15 */
	"  <AD_PLACED><DATE_PLACED>03/05/2015</DATE_PLACED></AD_PLACED>\n"      /* 16 */
	"  <SW_EPISODE><SW_ID>SW9</SW_ID><SW_DECOM>01/01/2020</SW_DECOM></SW_EPISODE>\n" /* 17 */
	" </HEADER>\n"                                                          /* 18 */
	" <EPISODE><DECOM>06/01/2017</DECOM><RNE>T</RNE><LS>J3</LS><CIN>N4</CIN><PL>R5</PL>"
	"<PL_POST>E7 5YR</PL_POST><PL_LA>E09000001</PL_LA><DEC /><REC>X1</REC></EPISODE>\n" /* 19 */
	"</CHILD>\n"                                                            /* 20 */
	"<CHILD><HEADER><CHILDID>C2</CHILDID><SEX>1</SEX><DOB>2011-01-02</DOB><UASC /><AREVIEW/></HEADER>\n" /* 21 */
	"<EPISODE><DECOM>01/04/2023</DECOM><PL>u1: Foster</PL></EPISODE></CHILD>\n" /* 22 */
	"</EXPSSDA903>\n";

static void test_every_record_kind(void **state)
{
	struct got g = { 0 };
	long rows[S903_NTABLES];
	struct cf_error err;
	assert_int_equal(read_text(full, &g, rows, &err), CF_OK);
	int i = 0;
	/* child 1, in document order */
	expect_row(&g, i++, "reviews|2|9|CHILD=C1;DOB=28/07/2010;REVIEW=27/09/2015;REVIEW_CODE=PN0;");
	expect_row(&g, i++, "reviews|3|10|CHILD=C1;DOB=28/07/2010;REVIEW=14/07/2016;REVIEW_CODE=PN1;");
	expect_row(&g, i++, "missing|2|12|CHILD=C1;DOB=28/07/2010;MISSING=M;MIS_START=01/01/2017;MIS_END=;");
	expect_row(&g, i++, "previous_permanence|2|14|CHILD=C1;DOB=28/07/2010;PREV_PERM=Z1;");
	expect_row(&g, i++, "oc2|2|15|CHILD=C1;DOB=28/07/2010;SDQ_SCORE=21;CONVICTED=1;");
	expect_row(&g, i++, "placed_for_adoption|2|16|CHILD=C1;DOB=28/07/2010;DATE_PLACED=03/05/2015;");
	expect_row(&g, i++, "social_worker_episodes|2|17|CHILD=C1;DOB=28/07/2010;SW_ID=SW9;SW_DECOM=01/01/2020;");
	expect_row(&g, i++, "header|2|4|CHILD=C1;SEX=2;DOB=28/07/2010;ETHNIC=WBRI;UPN=A1;MOTHER=;MC_DOB=;");
	expect_row(&g, i++, "uasc|2|4|CHILD=C1;SEX=2;DOB=28/07/2010;DUC=01/01/2028;");
	expect_row(&g, i++, "oc3|2|4|CHILD=C1;DOB=28/07/2010;IN_TOUCH=YES;ACTIV=F1;ACCOM=V1;");
	expect_row(&g, i++, "ad1|2|4|CHILD=C1;DOB=28/07/2010;DATE_INT=01/02/2015;DATE_MATCH=02/02/2015;"
			    "FOSTER_CARE=1;NB_ADOPTR=2;SEX_ADOPTR=MF;LS_ADOPTR=L0;");
	/* PL is PLACE; PL_LA is not stored; DOB is not an episodes column */
	expect_row(&g, i++, "episodes|2|19|CHILD=C1;DECOM=06/01/2017;RNE=T;LS=J3;CIN=N4;PLACE=R5;DEC=;REC=X1;PL_POST=E7 5YR;");
	/* child 2: an empty <AREVIEW/> is a (blank) review; <UASC /> alone is no UASC row */
	expect_row(&g, i++, "reviews|4|21|CHILD=C2;DOB=2011-01-02;");
	expect_row(&g, i++, "header|3|21|CHILD=C2;SEX=1;DOB=2011-01-02;");
	expect_row(&g, i++, "episodes|3|22|CHILD=C2;DECOM=01/04/2023;PLACE=u1: Foster;");
	assert_int_equal(g.n, i);
	assert_int_equal(rows[S903_HEADER], 2);
	assert_int_equal(rows[S903_EPISODES], 2);
	assert_int_equal(rows[S903_REVIEWS], 3);
	assert_int_equal(rows[S903_UASC], 1);
	assert_int_equal(rows[S903_SW_EPISODES], 1);
}

static void test_order_and_odd_shapes(void **state)
{
	/* an EPISODE before the HEADER, a UASC of 0, a leaf inside an unknown
	 * wrapper, comments, CDATA, entities, and text split around a comment */
	const char *xml =
		"<EXPSSDA903><!-- export -->\n"
		"<FILEHEADER><CHILDID>not a child</CHILDID></FILEHEADER>\n"
		"<CHILD><EPISODE><DECOM>01/04/2023</DECOM><RNE>S</RNE></EPISODE>\n"
		"<HEADER><CHILDID>A&amp;B</CHILDID><UASC>0</UASC><EXTRA><DOB>01/02/2010</DOB></EXTRA>"
		"<ETHNIC><![CDATA[WB]]>RI</ETHNIC><SEX>1<!-- x -->2</SEX></HEADER></CHILD>\n"
		"</EXPSSDA903>";
	struct got g = { 0 };
	long rows[S903_NTABLES];
	struct cf_error err;
	assert_int_equal(read_text(xml, &g, rows, &err), CF_OK);
	expect_row(&g, 0, "episodes|2|3|CHILD=A&B;DECOM=01/04/2023;RNE=S;");
	expect_row(&g, 1, "header|2|4|CHILD=A&B;SEX=12;DOB=01/02/2010;ETHNIC=WBRI;");
	assert_int_equal(g.n, 2);
	assert_int_equal(rows[S903_UASC], 0);
}

static void test_empty_return(void **state)
{
	struct got g = { 0 };
	long rows[S903_NTABLES];
	struct cf_error err;
	assert_int_equal(read_text("<?xml version='1.0'?><EXPSSDA903/>", &g, rows, &err), CF_OK);
	assert_int_equal(g.n, 0);
	assert_int_equal(read_text("<EXPSSDA903><CHILD/></EXPSSDA903>", &g, rows, &err), CF_OK);
	assert_int_equal(g.n, 0);
}

static void expect_refused(const char *xml, long line, const char *why)
{
	struct got g = { 0 };
	long rows[S903_NTABLES];
	struct cf_error err;
	assert_int_equal(read_text(xml, &g, rows, &err), CF_EINPUT);
	assert_string_equal(err.file, path);
	if (err.line != line || !strstr(err.msg, why))
		fail_msg("got line %ld '%s'; want line %ld and '%s'", err.line, err.msg, line, why);
}

static void test_refused(void **state)
{
	expect_refused("<?xml version='1.0'?>\n<EXPSSDA903>\n<CHILD><HEADER><CHILDID>1</CHILDID>\n<DOB>01/01",
		       4, "truncated");
	expect_refused("<?xml version='1.0'?>\n<EXPSSDA903>\n<CHILD></CHILD>\n", 3, "truncated");
	expect_refused("<?xml version='1.0'?>\n<EXPSSDA903>\n<CHILD><HEADER><CHILDID>1</CHILD>\n</EXPSSDA903>\n",
		       3, "not well-formed");
	expect_refused("<?xml version='1.0'?>\n\n<CIN_Census><CHILD/></CIN_Census>\n", 3, "not <EXPSSDA903>");
	expect_refused("", 1, "");
	expect_refused("CHILD,DOB\n1,01/01/2020\n", 1, "not well-formed");
	expect_refused("<EXPSSDA903>\n<CHILD>\x01</CHILD></EXPSSDA903>", 2, "not well-formed");
}

static void test_callback_stops_the_read(void **state)
{
	struct got g = { 0 };
	g.stop_after = 3;
	long rows[S903_NTABLES];
	struct cf_error err;
	assert_int_equal(read_text(full, &g, rows, &err), CF_EINPUT);
	assert_string_equal(err.msg, "stopped by the callback");
	assert_int_equal(g.n, 3);
}

static void test_no_external_entities(void **state)
{
	/* the file is all that is read: no DTD, no external entity, no network */
	const char *xml =
		"<?xml version='1.0'?>\n"
		"<!DOCTYPE EXPSSDA903 [<!ENTITY secret SYSTEM \"/etc/hostname\">"
		"<!ENTITY remote SYSTEM \"http://127.0.0.1:9/x\">]>\n"
		"<EXPSSDA903><CHILD><HEADER><CHILDID>&secret;</CHILDID><UPN>&remote;</UPN></HEADER></CHILD></EXPSSDA903>";
	struct got g = { 0 };
	long rows[S903_NTABLES];
	struct cf_error err;
	assert_int_equal(read_text(xml, &g, rows, &err), CF_OK);
	expect_row(&g, 0, "header|2|3|CHILD=;UPN=;");
}

static void test_child_too_big(void **state)
{
	/* a child with more records than any real one could have is refused,
	 * so memory stays bounded */
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	fputs("<EXPSSDA903><CHILD><HEADER><CHILDID>1</CHILDID>\n", fp);
	for (int i = 0; i < 20001; i++)
		fputs("<AREVIEW/>\n", fp);
	fputs("</HEADER></CHILD></EXPSSDA903>\n", fp);
	fclose(fp);
	struct got g = { 0 };
	long rows[S903_NTABLES];
	struct cf_error err;
	cf_error_clear(&err);
	assert_int_equal(ssda903_xml_read(path, rows, collect, &g, &err), CF_EINPUT);
	assert_non_null(strstr(err.msg, "more than"));
	assert_string_equal(err.value, "1");
	assert_int_equal(g.n, 0);
}

static void test_missing_file(void **state)
{
	long rows[S903_NTABLES];
	struct cf_error err;
	cf_error_clear(&err);
	assert_int_equal(ssda903_xml_read("/nonexistent/r.xml", rows, collect, NULL, &err), CF_EIO);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_record_kind),
		cmocka_unit_test(test_order_and_odd_shapes),
		cmocka_unit_test(test_empty_return),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_callback_stops_the_read),
		cmocka_unit_test(test_no_external_entities),
		cmocka_unit_test(test_child_too_big),
		cmocka_unit_test(test_missing_file),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
