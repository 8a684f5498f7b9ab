/* SSDA903 tables: recognising a table from its CSV header, and how each raw
 * value is normalised. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "formats/postcode.h"
#include "formats/ssda903.h"
#include "formats/ssda903_write.h"

/* Split a header line into fields (no quotes in these). */
struct header {
	char buf[512];
	char *fields[64];
	size_t lens[64];
	int n;
};

static void split(struct header *h, const char *line)
{
	snprintf(h->buf, sizeof h->buf, "%s", line);
	h->n = 0;
	for (char *p = h->buf;;) {
		char *c = strchr(p, ',');
		if (c)
			*c = '\0';
		h->fields[h->n] = p;
		h->lens[h->n] = strlen(p);
		h->n++;
		if (!c)
			break;
		p = c + 1;
	}
}

static int recognise(const char *line, enum ssda903_table *t, int *colmap, struct cf_error *err)
{
	struct header h;
	split(&h, line);
	cf_error_clear(err);
	return ssda903_recognise("t.csv", h.fields, h.lens, h.n, t, colmap, err);
}

static void test_recognise_each_table(void **state)
{
	static const struct {
		const char *header;
		enum ssda903_table table;
	} cases[] = {
		{ "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB", S903_HEADER },
		{ "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN", S903_EPISODES },
		{ "CHILD,DOB,REVIEW,REVIEW_CODE", S903_REVIEWS },
		{ "CHILD,SEX,DOB,DUC", S903_UASC },
		{ "CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,HEALTH_ASSESSMENT,"
		  "SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED", S903_OC2 },
		{ "CHILD,DOB,IN_TOUCH,ACTIV,ACCOM", S903_OC3 },
		{ "CHILD,DOB,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR", S903_AD1 },
		{ "CHILD,DOB,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED", S903_PLACED_ADOPTION },
		{ "CHILD,DOB,PREV_PERM,LA_PERM,DATE_PERM", S903_PREV_PERM },
		{ "CHILD,DOB,MISSING,MIS_START,MIS_END", S903_MISSING },
		{ "CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON", S903_SW_EPISODES },
		/* messy spellings: case, spaces, column order, the XML's PL, an extra column */
		{ " child , Decom,rne,ls,cin,PL,dec,rec,Notes", S903_EPISODES },
		{ "review_code,review,child", S903_REVIEWS },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		enum ssda903_table t;
		int colmap[64];
		struct cf_error err;
		if (recognise(cases[i].header, &t, colmap, &err) != CF_OK)
			fail_msg("'%s' not recognised: %s", cases[i].header, err.msg);
		if (t != cases[i].table)
			fail_msg("'%s' recognised as %s", cases[i].header, ssda903_tables[t].name);
	}
}

static void test_colmap(void **state)
{
	enum ssda903_table t;
	int colmap[64];
	struct cf_error err;
	assert_int_equal(recognise("Notes,child,DECOM,RNE,LS,CIN,PL,DEC,REC", &t, colmap, &err), CF_OK);
	assert_int_equal(t, S903_EPISODES);
	assert_int_equal(colmap[0], -1);   /* not an episodes column */
	assert_int_equal(colmap[1], 0);    /* CHILD */
	assert_int_equal(colmap[6], 5);    /* PL is PLACE */
	assert_string_equal(ssda903_tables[t].cols[colmap[8]].name, "REC");
}

static void test_missing_required_column(void **state)
{
	enum ssda903_table t;
	int colmap[64];
	struct cf_error err;
	/* episodes without LS */
	assert_int_equal(recognise("CHILD,DECOM,RNE,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN",
				   &t, colmap, &err), CF_EINPUT);
	assert_string_equal(err.column, "LS");
	assert_string_equal(err.file, "t.csv");
	assert_int_equal(err.line, 1);
	assert_non_null(strstr(err.msg, "episodes"));
	/* reviews without CHILD */
	assert_int_equal(recognise("DOB,REVIEW,REVIEW_CODE", &t, colmap, &err), CF_EINPUT);
	assert_string_equal(err.column, "CHILD");
}

static void test_not_a_903_table(void **state)
{
	enum ssda903_table t;
	int colmap[64];
	struct cf_error err;
	assert_int_equal(recognise("name,address,phone", &t, colmap, &err), CF_EINPUT);
	assert_non_null(strstr(err.msg, "not an SSDA903 table"));
	assert_string_equal(err.value, "name");
	assert_int_equal(recognise("CHILD", &t, colmap, &err), CF_EINPUT);   /* one column says nothing */
	assert_int_equal(recognise("CHILD,DOB,REVIEW,REVIEW_CODE,REVIEW", &t, colmap, &err), CF_EINPUT);
	assert_non_null(strstr(err.msg, "twice"));
}

/* normalise raw for column `name` of table t */
static enum s903_norm norm(enum ssda903_table t, const char *name, const char *raw, char *out, const char **why)
{
	int c = ssda903_column_index(t, name, strlen(name));
	assert_true(c >= 0);
	return ssda903_normalise(&ssda903_tables[t].cols[c], raw, strlen(raw), out, 160, why);
}

static void expect_ok(enum ssda903_table t, const char *name, const char *raw, const char *want)
{
	char out[160];
	const char *why;
	enum s903_norm r = norm(t, name, raw, out, &why);
	if (r != S903_NORM_OK || strcmp(out, want))
		fail_msg("%s '%s': got %d '%s', want '%s'", name, raw, r, out, want);
	assert_null(why);
}

static void expect_issue(enum ssda903_table t, const char *name, const char *raw, const char *stored)
{
	char out[160];
	const char *why;
	enum s903_norm r = norm(t, name, raw, out, &why);
	if (r != S903_NORM_ISSUE || strcmp(out, stored))
		fail_msg("%s '%s': got %d '%s', want an issue storing '%s'", name, raw, r, out, stored);
	assert_non_null(why);
}

static void test_normalise_codes(void **state)
{
	expect_ok(S903_EPISODES, "PLACE", "u1", "U1");
	expect_ok(S903_EPISODES, "PLACE", " U1 ", "U1");
	expect_ok(S903_EPISODES, "PLACE", "U1: Foster placement with relative or friend", "U1");
	expect_ok(S903_EPISODES, "PLACE", "u1 : foster", "U1");
	expect_ok(S903_EPISODES, "REC", "e4a", "E4A");
	expect_ok(S903_EPISODES, "LS", "c2", "C2");
	expect_ok(S903_HEADER, "SEX", "1.0", "1");    /* Excel's 1 */
	expect_ok(S903_OC2, "CONVICTED", "0.0", "0");
	expect_ok(S903_EPISODES, "URN", "SC123456", "SC123456");
	expect_issue(S903_EPISODES, "PLACE", "X9", "X9");
	expect_issue(S903_EPISODES, "PLACE", "x9: something", "X9");
	expect_issue(S903_HEADER, "SEX", "3", "3");
	expect_issue(S903_HEADER, "ETHNIC", "White British", "WHITE BRITISH");
}

static void test_normalise_dates(void **state)
{
	expect_ok(S903_EPISODES, "DECOM", "01/04/2023", "2023-04-01");
	expect_ok(S903_EPISODES, "DECOM", "1/4/2023", "2023-04-01");
	expect_ok(S903_EPISODES, "DECOM", "2023-04-01", "2023-04-01");
	expect_ok(S903_EPISODES, "DECOM", "2023-04-01T00:00:00", "2023-04-01");
	expect_issue(S903_EPISODES, "DECOM", "31/02/2023", "31/02/2023");   /* the raw value is kept */
	expect_issue(S903_EPISODES, "DEC", "soon", "soon");
	expect_ok(S903_PREV_PERM, "DATE_PERM", "zz/zz/2015", "ZZ/ZZ/2015");
	expect_ok(S903_PREV_PERM, "DATE_PERM", "01/zz/2015", "01/ZZ/2015");
	expect_ok(S903_PREV_PERM, "DATE_PERM", "15/06/2015", "2015-06-15");
	expect_issue(S903_PREV_PERM, "DATE_PERM", "2015", "2015");
}

static void test_normalise_postcodes(void **state)
{
	expect_ok(S903_EPISODES, "HOME_POST", "EG19 7TT", "EG19 7");
	expect_ok(S903_EPISODES, "HOME_POST", "eg197tt", "EG19 7");
	expect_ok(S903_EPISODES, "PL_POST", "LS1 4AP", "LS1 4");
	expect_ok(S903_EPISODES, "PL_POST", "W1A 1AA", "W1A 1");
	expect_ok(S903_EPISODES, "PL_POST", " m1  1ae ", "M1 1");
	/* never stored whole: an unreadable postcode is stored as missing */
	expect_issue(S903_EPISODES, "PL_POST", "not known", "");
	expect_issue(S903_EPISODES, "PL_POST", "LS1", "");
	expect_issue(S903_EPISODES, "PL_POST", "LS1 4AP 9", "");
	/* a sector (what caseflow export writes from the store) is read as itself;
	 * without its space "LS14" could be the outward code LS14, so it is not */
	expect_ok(S903_EPISODES, "PL_POST", "LS1 4", "LS1 4");
	expect_ok(S903_EPISODES, "HOME_POST", "xs10 9", "XS10 9");
	expect_issue(S903_EPISODES, "HOME_POST", "LS14", "");
	char out[16];
	assert_int_equal(postcode_sector_of("SW1A 2AA", 8, POSTCODE_FULL, out, sizeof out), 0);
	assert_string_equal(out, "SW1A 2");
	assert_int_equal(postcode_sector_of("12345", 5, POSTCODE_FULL, out, sizeof out), -1);
}

static void test_normalise_numbers_and_text(void **state)
{
	expect_ok(S903_OC2, "SDQ_SCORE", "21", "21");
	expect_ok(S903_OC2, "SDQ_SCORE", "21.0", "21");
	expect_ok(S903_OC2, "SDQ_SCORE", " 7 ", "7");
	expect_issue(S903_OC2, "SDQ_SCORE", "21.5", "21.5");
	expect_issue(S903_OC2, "SDQ_SCORE", "twelve", "twelve");
	expect_ok(S903_HEADER, "CHILD", "  A123 ", "A123");
	expect_ok(S903_HEADER, "UPN", "A123456789012", "A123456789012");
	char out[160];
	const char *why;
	assert_int_equal(norm(S903_EPISODES, "DECOM", "   ", out, &why), S903_NORM_EMPTY);
	assert_int_equal(norm(S903_HEADER, "CHILD", "", out, &why), S903_NORM_EMPTY);
}

static void test_normalise_long_value_is_cut(void **state)
{
	char raw[400];
	memset(raw, 'A', sizeof raw - 1);
	raw[sizeof raw - 1] = '\0';
	char out[160];
	const char *why;
	int c = ssda903_column_index(S903_HEADER, "CHILD", 5);
	assert_int_equal(ssda903_normalise(&ssda903_tables[S903_HEADER].cols[c], raw, strlen(raw), out, sizeof out, &why),
			 S903_NORM_OK);
	assert_int_equal(strlen(out), sizeof out - 1);
}

/* ssda903_csv_read: rows, row numbers and short rows */
struct collected {
	int n;
	long rows[8];
	char child[8][16];
	int short_place[8];
};

static int collect(void *ctx, enum ssda903_table t, const char *const *vals, const size_t *lens,
		   long row, long line, struct cf_error *err)
{
	struct collected *c = ctx;
	assert_int_equal(t, S903_EPISODES);
	if (c->n < 8) {
		c->rows[c->n] = row;
		snprintf(c->child[c->n], sizeof c->child[0], "%.*s", vals[0] ? (int)lens[0] : 0, vals[0] ? vals[0] : "");
		c->short_place[c->n] = !vals[5] && lens[5] == (size_t)-1;
	}
	c->n++;
	return CF_OK;
}

static void test_csv_read_rows(void **state)
{
	char path[] = "/tmp/caseflow-903-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	const char *csv = "\xEF\xBB\xBF" "CHILD,DECOM,RNE,LS,CIN,PLACE,DEC,REC\r\n"
			  "1,01/04/2023,S,C2,N1,U1,,X1\r\n"
			  "\r\n"
			  "2,02/04/2023,S,C2\r\n"
			  ",,,,,,,\r\n";
	assert_int_equal(write(fd, csv, strlen(csv)), (ssize_t)strlen(csv));
	close(fd);
	enum ssda903_table t;
	long rows;
	struct collected c;
	memset(&c, 0, sizeof c);
	struct cf_error err;
	cf_error_clear(&err);
	assert_int_equal(ssda903_csv_read(path, &t, &rows, collect, &c, &err), CF_OK);
	assert_int_equal(t, S903_EPISODES);
	assert_int_equal(rows, 2);            /* blank rows are skipped */
	assert_int_equal(c.n, 2);
	assert_int_equal(c.rows[0], 2);
	assert_int_equal(c.rows[1], 4);       /* the blank row still counts, as in a spreadsheet */
	assert_string_equal(c.child[1], "2");
	assert_false(c.short_place[0]);
	assert_true(c.short_place[1]);        /* PLACE is missing from the short row */
	unlink(path);
}

static const struct ssda903_column *column(enum ssda903_table t, const char *name)
{
	int c = ssda903_column_index(t, name, strlen(name));
	assert_true(c >= 0);
	return &ssda903_tables[t].cols[c];
}

/* The store's values back in DfE's form: the inverse of normalising. */
static void test_value_out(void **state)
{
	char out[32];
	ssda903_value_out(column(S903_EPISODES, "DECOM"), "2023-04-01", out, sizeof out);
	assert_string_equal(out, "01/04/2023");
	ssda903_value_out(column(S903_HEADER, "DOB"), "2009-11-18", out, sizeof out);
	assert_string_equal(out, "18/11/2009");
	/* a whole DATE_PERM is a date; a partial one stays as stored */
	ssda903_value_out(column(S903_PREV_PERM, "DATE_PERM"), "2015-06-15", out, sizeof out);
	assert_string_equal(out, "15/06/2015");
	ssda903_value_out(column(S903_PREV_PERM, "DATE_PERM"), "ZZ/06/2015", out, sizeof out);
	assert_string_equal(out, "ZZ/06/2015");
	ssda903_value_out(column(S903_EPISODES, "RNE"), "S", out, sizeof out);
	assert_string_equal(out, "S");
	ssda903_value_out(column(S903_EPISODES, "DEC"), NULL, out, sizeof out);
	assert_string_equal(out, "");
}

/* The writer: every table with its header, a row per call, quoting only
 * what needs it; read back by the reader to the same values. */
static void test_writer_round_trip(void **state)
{
	char dir[] = "/tmp/cf_s903w_XXXXXX";
	assert_non_null(mkdtemp(dir));
	struct ssda903_writer w;
	struct cf_error err;
	cf_error_clear(&err);
	assert_int_equal(ssda903_writer_open(&w, dir, &err), CF_OK);
	const char *row[7] = { "A,1", "1", "18/11/2009", "WBRI", NULL, "say \"no\"", "" };
	ssda903_writer_row(&w, S903_HEADER, row);
	assert_int_equal(w.rows[S903_HEADER], 1);
	assert_int_equal(ssda903_writer_close(&w, &err), CF_OK);
	char path[256], line[256];
	snprintf(path, sizeof path, "%s/header.csv", dir);
	FILE *fp = fopen(path, "r");
	assert_non_null(fp);
	assert_non_null(fgets(line, sizeof line, fp));
	assert_string_equal(line, "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n");
	assert_non_null(fgets(line, sizeof line, fp));
	assert_string_equal(line, "\"A,1\",1,18/11/2009,WBRI,,\"say \"\"no\"\"\",\n");
	fclose(fp);
	for (int t = 0; t < S903_NTABLES; t++) {
		snprintf(path, sizeof path, "%s/%s", dir, ssda903_file_names[t]);
		enum ssda903_table found;
		assert_int_equal(ssda903_csv_sniff(path, &found, &err), CF_OK);
		assert_int_equal(found, t);
		unlink(path);
	}
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_recognise_each_table),
		cmocka_unit_test(test_colmap),
		cmocka_unit_test(test_missing_required_column),
		cmocka_unit_test(test_not_a_903_table),
		cmocka_unit_test(test_normalise_codes),
		cmocka_unit_test(test_normalise_dates),
		cmocka_unit_test(test_normalise_postcodes),
		cmocka_unit_test(test_normalise_numbers_and_text),
		cmocka_unit_test(test_normalise_long_value_is_cut),
		cmocka_unit_test(test_csv_read_rows),
		cmocka_unit_test(test_value_out),
		cmocka_unit_test(test_writer_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
