/* The synthetic Annex A writer on a hand-built world: one child whose
 * contacts, referrals, assessment, s47, conference, plan and care episode
 * are placed either side of the six-month window (1 October - 31 March),
 * read back with the xlsx reader and checked cell by cell. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "formats/xlsx.h"
#include "synth/synth.h"

#define NONE CF_DATE_NONE

static char tmpdir[256];

static int setup_dir(void **state)
{
	snprintf(tmpdir, sizeof tmpdir, "/tmp/cf_synth_annexa_XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown_dir(void **state)
{
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

/* One sheet read back: cell text by row and column ('@' appended to dates). */
struct sheet {
	char cells[8][40][120];
	int nrows;
};

static int collect(void *ctx, long row, const struct xlsx_cell *cells, int ncells, struct cf_error *err)
{
	struct sheet *s = ctx;
	if (s->nrows >= 8 || ncells > 40)
		return cf_error_set(err, CF_EIO, "more than the test expects");
	for (int c = 0; c < ncells; c++)
		snprintf(s->cells[s->nrows][c], sizeof s->cells[0][0], "%s%s", cells[c].text, cells[c].is_date ? "@" : "");
	s->nrows++;
	return CF_OK;
}

static cf_date ymd(int y, int m, int d) { return cf_date_from_ymd(y, m, d); }

static struct sheet sheets[11];

/* The world: child 1000001, a girl born 1 June 2015, of 2023-24.
 *   contacts 30 September (outside) and 1 October 2023 (police, inside);
 *   referral 10 January 2023, NFA (outside, but within 12 months of the next);
 *   referral 1 November 2023 from a school, N1, open: assessment 2-15 December...
 *   s47 20 November, ICPC 8 December, CP plan from 8 December (neglect);
 *   looked after from 1 February 2024 (C1, U6 in XS1 1AB). */
static int setup_world(void **state)
{
	if (setup_dir(state))
		return -1;
	static struct syn_locality localities[1] = { { "Central", 1, 1 } };
	static struct syn_sector sectors[1] = { { "XS1 1", 0 } };
	static struct syn_family families[1];
	static struct syn_child children[1];
	static struct syn_contact contacts[2];
	static struct syn_referral referrals[2];
	static struct syn_assessment assessments[1];
	static struct syn_s47 s47s[1];
	static struct syn_cpp cpps[1];
	static struct syn_episode episodes[1];
	static struct synth_world w;
	memset(&w, 0, sizeof w);
	w.opt = (struct synth_options){ .children = 1, .years = 1, .first_year = 2023, .seed = 1, .la_code = 999 };
	w.start = cf_date_fy_start(2023);
	w.end = cf_date_fy_end(2023);
	w.nlocalities = 1;
	w.localities[0] = localities[0];
	w.sectors = sectors, w.n_sectors = 1, w.nlocal_sectors = 1;
	families[0] = (struct syn_family){ ymd(2010, 1, 1), NONE, 0, "AB", 1, 0 };
	w.families = families, w.n_families = 1;
	struct syn_child *c = &children[0];
	memset(c, 0, sizeof *c);
	c->id = 1000001, c->dob = ymd(2015, 6, 1), c->sex = 2, c->ethnic = 0;
	c->contact0 = 0, c->ncontacts = 2, c->referral0 = 0, c->nreferrals = 2, c->episode0 = 0, c->nepisodes = 1;
	w.children = children, w.n_children = 1;
	contacts[0] = (struct syn_contact){ 0, ymd(2023, 9, 30), 4, SYN_CO_REFERRAL };
	contacts[1] = (struct syn_contact){ 0, ymd(2023, 10, 1), 17, SYN_CO_REFERRAL };   /* "6": police */
	w.contacts = contacts, w.n_contacts = 2;
	memset(referrals, 0, sizeof referrals);
	referrals[0] = (struct syn_referral){ .child = 0, .date = ymd(2023, 1, 10), .closed = ymd(2023, 1, 10),
					      .source = 4, .closure = 7, .nfa = 1 };
	referrals[1] = (struct syn_referral){ .child = 0, .date = ymd(2023, 11, 1), .closed = NONE, .source = 4,
					      .need = 1, .assess0 = 0, .nassess = 1, .s470 = 0, .ns47 = 1, .cpp0 = 0,
					      .ncpps = 1 };
	w.referrals = referrals, w.n_referrals = 2;
	assessments[0] = (struct syn_assessment){ 1, ymd(2023, 11, 2), ymd(2023, 12, 15), 1 };
	w.assessments = assessments, w.n_assessments = 1;
	s47s[0] = (struct syn_s47){ 1, ymd(2023, 11, 20), ymd(2023, 12, 8), 0 };
	w.s47s = s47s, w.n_s47s = 1;
	cpps[0] = (struct syn_cpp){ 1, ymd(2023, 12, 8), NONE, SYN_NEG, SYN_NEG, 0 };
	w.cpps = cpps, w.n_cpps = 1;
	memset(episodes, 0, sizeof episodes);
	episodes[0] = (struct syn_episode){ .child = 0, .start = ymd(2024, 2, 1), .end = NONE, .rne = 'S', .ls = "C1",
					    .place = "U6", .provider = "PR1", .cin = 1, .home = 0, .pl_post = "XS1 1AB" };
	w.episodes = episodes, w.n_episodes = 1;

	struct cf_error err;
	cf_error_clear(&err);
	if (synth_write_annexa(&w, tmpdir, &err) != CF_OK)
		return -1;
	char path[400];
	snprintf(path, sizeof path, "%s/2023-24/annex_a.xlsx", tmpdir);
	struct xlsx_book *b;
	if (xlsx_open(&b, path, &err) != CF_OK || xlsx_sheet_count(b) != 11)
		return -1;
	for (int i = 0; i < 11; i++) {
		char name[16];
		snprintf(name, sizeof name, "List %d", i + 1);
		if (xlsx_sheet_find(b, name) != i || xlsx_sheet_read(b, i, collect, &sheets[i], &err) != CF_OK) {
			xlsx_close(b);
			return -1;
		}
	}
	xlsx_close(b);
	return 0;
}

#define CELL(list, row, col) sheets[(list) - 1].cells[row][col]

static void test_person_and_contacts(void **state)
{
	assert_int_equal(sheets[0].nrows, 2);   /* header, and the 1 October contact only */
	assert_string_equal(CELL(1, 0, 0), "Child Unique ID");
	assert_string_equal(CELL(1, 0, 6), "Contact Source");
	assert_string_equal(CELL(1, 1, 0), "1000001");
	assert_string_equal(CELL(1, 1, 1), "b) Female");
	assert_string_equal(CELL(1, 1, 2), "a) WBRI");
	assert_string_equal(CELL(1, 1, 3), "42156@");   /* 1 June 2015 */
	assert_string_equal(CELL(1, 1, 4), "8");        /* age on 31 March 2024 */
	assert_string_equal(CELL(1, 1, 5), "45200@");   /* 1 October 2023 */
	assert_string_equal(CELL(1, 1, 6), "q) 6: Police");
	assert_int_equal(sheets[1].nrows, 1);   /* no early help: the header only */
}

static void test_referral_assessment_s47(void **state)
{
	assert_int_equal(sheets[2].nrows, 2);   /* the January referral is before the window */
	assert_string_equal(CELL(3, 1, 5), "45231@");
	assert_string_equal(CELL(3, 1, 6), "e) 2A: Schools");
	assert_string_equal(CELL(3, 1, 7), "b) No");
	assert_string_equal(CELL(3, 1, 8), "1");   /* January's referral is within 12 months */
	assert_string_equal(CELL(3, 1, 9), "Central Assessment Team");
	assert_string_equal(CELL(3, 1, 10), "");   /* no worker's name */

	assert_int_equal(sheets[3].nrows, 2);
	assert_string_equal(CELL(4, 1, 5), "b) No");
	assert_string_equal(CELL(4, 1, 6), "45232@");
	assert_string_equal(CELL(4, 1, 8), "45275@");
	assert_string_equal(CELL(4, 1, 9), "a) Yes");   /* need N1: requires support */

	assert_int_equal(sheets[4].nrows, 2);
	assert_string_equal(CELL(5, 1, 6), "45250@");
	assert_string_equal(CELL(5, 1, 7), "b) No");
	assert_string_equal(CELL(5, 1, 8), "45268@");
	assert_string_equal(CELL(5, 1, 9), "a) Yes");   /* the plan started at the conference */
	assert_string_equal(CELL(5, 1, 10), "0");
	assert_string_equal(CELL(5, 1, 11), "0");
}

static void test_cin_and_cp(void **state)
{
	assert_int_equal(sheets[5].nrows, 2);   /* the NFA referral is not a CIN episode */
	assert_string_equal(CELL(6, 1, 6), "45231@");
	assert_string_equal(CELL(6, 1, 7), "N1 - Abuse or neglect");
	assert_string_equal(CELL(6, 1, 9), "");   /* open: no closure */
	assert_string_equal(CELL(6, 1, 11), "a) Looked after child");

	assert_int_equal(sheets[6].nrows, 2);
	assert_string_equal(CELL(7, 1, 6), "45268@");
	assert_string_equal(CELL(7, 1, 7), "a) Neglect");
	assert_string_equal(CELL(7, 1, 11), "45356@");   /* review three months in, less 3 days: 5 March */
	assert_string_equal(CELL(7, 1, 12), "");
	assert_string_equal(CELL(7, 1, 14), "0");
}

static void test_looked_after(void **state)
{
	assert_int_equal(sheets[7].nrows, 2);
	assert_string_equal(CELL(8, 1, 5), "b) No");      /* not UASC */
	assert_string_equal(CELL(8, 1, 7), "45323@");    /* 1 February 2024 */
	assert_string_equal(CELL(8, 1, 8), "N1 - Abuse or neglect");
	assert_string_equal(CELL(8, 1, 9), "b) No");      /* a first period */
	assert_string_equal(CELL(8, 1, 10), "45323@");
	assert_string_equal(CELL(8, 1, 11), "C1: ICO");
	assert_string_equal(CELL(8, 1, 12), "45345@");   /* 16 working days in (child ID mod 5 = 1) */
	assert_string_equal(CELL(8, 1, 18), "1");
	assert_string_equal(CELL(8, 1, 19), "");
	assert_string_equal(CELL(8, 1, 21), "45323@");
	assert_string_equal(CELL(8, 1, 22), "f) U6: Foster placement - not FFA");
	assert_string_equal(CELL(8, 1, 23), "b) PR1: Own provision");
	assert_string_equal(CELL(8, 1, 24), "XS1 1AB");
	assert_string_equal(CELL(8, 1, 26), "a) In");
	assert_string_equal(CELL(8, 1, 28), "0");
	assert_string_equal(CELL(8, 1, 29), "0");
	assert_string_equal(CELL(8, 1, 32), "Children in Care Team");
	for (int l = 9; l <= 11; l++)
		assert_int_equal(sheets[l - 1].nrows, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_person_and_contacts),
		cmocka_unit_test(test_referral_assessment_s47),
		cmocka_unit_test(test_cin_and_cp),
		cmocka_unit_test(test_looked_after),
	};
	return cmocka_run_group_tests(tests, setup_world, teardown_dir);
}
