/* The Standard Safeguarding Dataset reader: which table a header is, rows
 * in caseflow's column order, refused headers, and the SSD's JSON fields. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "formats/ssd.h"

static int recognise(const char *const *names, int n, enum ssd_table *t)
{
	char *fields[16];
	size_t lens[16];
	for (int i = 0; i < n; i++) {
		fields[i] = (char *)names[i];
		lens[i] = strlen(names[i]);
	}
	return ssd_recognise(fields, lens, n, t);
}

static void test_recognise(void **state)
{
	(void)state;
	enum ssd_table t;
	const char *person[] = { "PERS_PERSON_ID ", "pers_forename", "pers_sex" };
	assert_true(recognise(person, 3, &t));
	assert_int_equal(t, SSD_PERSON);
	/* the row identifier decides, wherever it stands */
	const char *cla[] = { "clae_person_id", "clae_cla_episode_id" };
	assert_true(recognise(cla, 2, &t));
	assert_int_equal(t, SSD_CLA_EPISODES);
	/* a local contacts extract and a table caseflow does not read are not SSD tables */
	const char *local[] = { "child_id", "contact_date", "source", "outcome" };
	assert_false(recognise(local, 4, &t));
	const char *send[] = { "send_table_id", "send_person_id" };
	assert_false(recognise(send, 2, &t));
	/* every table's identifier is its own */
	for (int a = 0; a < SSD_NTABLES; a++)
		for (int b = 0; b < a; b++)
			assert_string_not_equal(ssd_tables[a].cols[0].name, ssd_tables[b].cols[0].name);
}

struct got {
	int rows;
	char first[SSD_MAXCOLS][32];
	int absent[SSD_MAXCOLS];   /* the column is not in the file */
	long row;
};

static int on_row(void *ctx, enum ssd_table t, const char *const *vals, const size_t *lens, long row, long line,
		  struct cf_error *err)
{
	(void)line;
	(void)err;
	struct got *g = ctx;
	if (g->rows++ == 0) {
		for (int c = 0; c < ssd_tables[t].ncols; c++) {
			g->absent[c] = vals[c] == NULL;
			snprintf(g->first[c], sizeof g->first[c], "%.*s", vals[c] ? (int)lens[c] : 0, vals[c] ? vals[c] : "");
		}
	}
	g->row = row;
	return CF_OK;
}

static const char *write_file(const char *text)
{
	static char path[64];
	snprintf(path, sizeof path, "/tmp/test_ssd_%d.csv", (int)getpid());
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	return path;
}

static void test_read(void **state)
{
	(void)state;
	/* columns in another order, one extra, one optional missing, a blank line */
	const char *path = write_file("cont_person_id,extra,cont_contact_id,Cont_Contact_Date\r\nP1,x,K1,2024-01-02\r\n\r\nP2,y,K2,2024-02-03\r\n");
	struct got g;
	memset(&g, 0, sizeof g);
	enum ssd_table t;
	long rows;
	struct cf_error err;
	cf_error_clear(&err);
	assert_int_equal(ssd_csv_read(path, &t, &rows, on_row, &g, &err), CF_OK);
	assert_int_equal(t, SSD_CONTACTS);
	assert_int_equal(rows, 2);
	assert_string_equal(g.first[0], "K1");
	assert_string_equal(g.first[1], "P1");
	assert_string_equal(g.first[2], "2024-01-02");
	assert_true(g.absent[3]);   /* cont_contact_source_code */
	assert_int_equal(g.row, 4);  /* the header is row 1; the blank row counts as analysts see it */
	unlink(path);
}

static void test_refused(void **state)
{
	(void)state;
	struct got g;
	enum ssd_table t;
	long rows;
	struct cf_error err;
	/* cla episodes without the person */
	const char *path = write_file("clae_cla_episode_id,clae_cla_episode_start_date\nE1,2024-01-01\n");
	memset(&g, 0, sizeof g);
	cf_error_clear(&err);
	assert_int_equal(ssd_csv_read(path, &t, &rows, on_row, &g, &err), CF_EINPUT);
	assert_non_null(strstr(err.msg, "clae_person_id"));
	assert_int_equal(g.rows, 0);
	/* a column twice */
	path = write_file("pers_person_id,pers_dob,PERS_DOB\nP1,2020-01-01,2020-01-02\n");
	cf_error_clear(&err);
	assert_int_equal(ssd_csv_read(path, &t, &rows, on_row, &g, &err), CF_EINPUT);
	assert_non_null(strstr(err.msg, "twice"));
	/* no SSD table */
	path = write_file("a,b\n1,2\n");
	cf_error_clear(&err);
	assert_int_equal(ssd_csv_read(path, &t, &rows, on_row, &g, &err), CF_EINPUT);
	unlink(path);
}

static void test_json(void **state)
{
	(void)state;
	const char *o = "{ NEW_REFERRAL_FLAG: \"\", NFA_FLAG: \"y\", \"CP_CONFERENCE_FLAG\": \"N\" }";
	assert_int_equal(ssd_json_flag(o, strlen(o), "NFA_FLAG"), 'Y');
	assert_int_equal(ssd_json_flag(o, strlen(o), "CP_CONFERENCE_FLAG"), 'N');
	assert_int_equal(ssd_json_flag(o, strlen(o), "NEW_REFERRAL_FLAG"), 0);   /* empty */
	assert_int_equal(ssd_json_flag(o, strlen(o), "ADVICE_FLAG"), 0);         /* absent */
	/* a key that ends another is not it: OLA_CP_FLAG is not CP_FLAG */
	const char *p = "{\"OLA_CP_FLAG\": \"Y\"}";
	assert_int_equal(ssd_json_flag(p, strlen(p), "CP_FLAG"), 0);

	char out[64];
	const char *arr = "[\"1a\", \"2B\", \"21\", \"24A\"]";
	ssd_factor_codes(arr, strlen(arr), out, sizeof out);
	assert_string_equal(out, "1A 2B 21 24A");
	const char *obj = "{\"1A\": \"Yes\", \"2B\": \"No\", \"3C\": \"Y\"}";
	ssd_factor_codes(obj, strlen(obj), out, sizeof out);
	assert_string_equal(out, "1A 3C");
	ssd_factor_codes("[]", 2, out, sizeof out);
	assert_string_equal(out, "");
	/* a list too long for the buffer is cut, never overrun */
	char small[8];
	ssd_factor_codes(arr, strlen(arr), small, sizeof small);
	assert_true(strlen(small) < sizeof small);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_recognise),
		cmocka_unit_test(test_read),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_json),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
