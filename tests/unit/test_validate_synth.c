/* End to end against DfE's tool on whole returns: the two years in
 * $CASEFLOW_SHARED/data/ssda903-synth/ with the reference's findings
 * (expected_errors_*.json, rows counted from 0 = first data row). For every
 * rule caseflow implements that the reference ran and that needs no
 * postcode, LA or provider lookups, the flagged rows must be the same. */
#include <jansson.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "validate/validate.h"
#include "validate/vload.h"

/* Rules whose findings differ from the reference's for a reason given in
 * docs/validation.md ("Known differences"). */
static const struct {
	const char *year, *code, *why;
} disputed[] = {
	{ "2023_24", "199", "an episode in both years' returns sorts by an unstable sort in DfE's tool" },
	{ "2023_24", "1001", "DfE's tool drops episodes by row label after joining both years, so another child's respite episode with the same row number drops this child's" },
};

static int is_disputed(const char *year, const char *code)
{
	for (size_t i = 0; i < sizeof disputed / sizeof disputed[0]; i++)
		if (strcmp(disputed[i].year, year) == 0 && strcmp(disputed[i].code, code) == 0) {
			print_message("# %s %s not compared: %s\n", year, code, disputed[i].why);
			return 1;
		}
	return 0;
}

static int label_cmp(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return x < y ? -1 : x > y;
}

/* "Table:1 Table:4 ..." from a rule's result in the reference file. */
static void want_text(json_t *tables, char *buf, size_t sz)
{
	size_t n = 0;
	buf[0] = 0;
	const char *table;
	json_t *rows;
	json_object_foreach(tables, table, rows) {
		size_t cnt = json_array_size(rows), i;
		long *v = malloc((cnt ? cnt : 1) * sizeof *v);
		json_t *e;
		json_array_foreach(rows, i, e)
			v[i] = (long)json_integer_value(e);
		qsort(v, cnt, sizeof *v, label_cmp);
		for (i = 0; i < cnt && n < sz; i++)
			if (i == 0 || v[i] != v[i - 1])
				n += (size_t)snprintf(buf + n, sz - n, "%s%s:%ld", n ? " " : "", table, v[i]);
		free(v);
	}
}

static void got_text(struct vdata *vd, struct vrun *run, char *buf, size_t sz)
{
	size_t n = 0;
	buf[0] = 0;
	/* tables in the reference's order is not known; compare sorted by table name */
	int order[VDATA_MAXFRAMES];
	for (int i = 0; i < vd->nframes; i++)
		order[i] = i;
	for (int i = 1; i < vd->nframes; i++)
		for (int j = i; j > 0 && strcmp(vd->frames[order[j - 1]]->name, vd->frames[order[j]]->name) > 0; j--) {
			int t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	for (int k = 0; k < vd->nframes; k++) {
		int fi = order[k];
		for (long r = 0; run->hits[fi] && r < vd->frames[fi]->nrows && n < sz; r++)
			if (run->hits[fi][r])
				n += (size_t)snprintf(buf + n, sz - n, "%s%s:%ld", n ? " " : "", vd->frames[fi]->name,
						      vd->frames[fi]->index[r]);
	}
}

/* Sort the words of "T:n" by table name then number, to compare with got_text. */
static int word_cmp(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;
	size_t lx = strcspn(x, ":"), ly = strcspn(y, ":");
	int c = strncmp(x, y, lx < ly ? lx : ly);
	if (c || lx != ly)
		return c ? c : (lx < ly ? -1 : 1);
	long nx = atol(x + lx + 1), ny = atol(y + ly + 1);
	return nx < ny ? -1 : nx > ny;
}

static void sort_words(char *buf, size_t sz)
{
	char *copy = strdup(buf);
	char *words[20000];
	size_t n = 0;
	for (char *p = strtok(copy, " "); p && n < 20000; p = strtok(NULL, " "))
		words[n++] = p;
	qsort(words, n, sizeof *words, word_cmp);
	size_t len = 0;
	buf[0] = 0;
	for (size_t i = 0; i < n && len < sz; i++)
		len += (size_t)snprintf(buf + len, sz - len, "%s%s", i ? " " : "", words[i]);
	free(copy);
}

/* DfE's tool runs its rules, in the order its files are listed ("done"), on
 * shallow copies of the same tables, and rule 365 writes the collection end
 * into every missing DEC of the shared Episodes table: every rule after it
 * sees open episodes as ending on 31 March (docs/validation.md). caseflow's
 * rules never modify the data; to compare with the reference, the test does
 * what 365 does at the point the reference ran it. */
static void emulate_365(struct vdata *vd)
{
	struct vframe *ep = vdata_frame(vd, "Episodes");
	char end[16];
	int y, m, d;
	if (!ep)
		return;
	cf_date_to_ymd(vd->meta.collection_end, &y, &m, &d);
	snprintf(end, sizeof end, "%02d/%02d/%04d", d, m, y);
	int c = vframe_colno(ep, "DEC");
	for (long r = 0; c >= 0 && r < ep->nrows; r++)
		if (!ep->cols[c]->v[r])
			assert_int_equal(vframe_set(ep, c, r, end, strlen(end), 0), 0);
}

static void check_year(const char *sub, const char *prev_sub, int year)
{
	const char *shared = getenv("CASEFLOW_SHARED");
	char dir[1024], prev[1024], exp[1024];
	snprintf(dir, sizeof dir, "%s/data/ssda903-synth/%s/csv", shared ? shared : "../shared", sub);
	snprintf(prev, sizeof prev, "%s/data/ssda903-synth/%s/csv", shared ? shared : "../shared",
		 prev_sub ? prev_sub : "");
	snprintf(exp, sizeof exp, "%s/data/ssda903-synth/%s/expected_errors_lac%s.json",
		 shared ? shared : "../shared", sub, sub);
	json_error_t jerr;
	json_t *doc = json_load_file(exp, 0, &jerr);
	if (!doc) {
		const char *ci = getenv("CI");
		if (ci && strcmp(ci, "true") == 0)
			fail_msg("%s: missing, and CI must have it", exp);
		print_message("ok - # SKIP synthetic %s: %s not found\n", sub, exp);
		skip();
	}
	struct vdata vd;
	struct cf_error err;
	vdata_init(&vd);
	char *paths[] = { dir };
	assert_int_equal(vload_903_paths(&vd, paths, 1, "", &err), CF_OK);
	if (prev_sub) {
		char *pp[] = { prev };
		assert_int_equal(vload_903_paths(&vd, pp, 1, "_last", &err), CF_OK);
	}
	vdata_set_year(&vd, year);
	vd.meta.file_format = "csv";
	json_t *failing = json_object_get(doc, "failing_rows");
	json_t *done = json_object_get(doc, "done");
	int passed = 0, failed = 0, compared = 0;
	char *want = malloc(1 << 20), *got = malloc(1 << 20);
	char mism[8192] = "";
	size_t i;
	json_t *code_j;
	json_array_foreach(done, i, code_j) {
		const char *code = json_string_value(code_j);
		if (strcmp(code, "365") == 0)
			emulate_365(&vd);
		const struct vrule *rule = validate_rule_for_year(VR_903, code, year);
		if (!rule || rule->needs != VN_NONE || is_disputed(sub, code))
			continue;
		compared++;
		struct vrun run;
		int rc = vrun_exec(&run, &vd, rule, year);
		assert_true(rc >= 0);
		want_text(json_object_get(failing, code), want, 1 << 20);
		sort_words(want, 1 << 20);
		got[0] = 0;
		if (rc == VCHECK_RAN)
			got_text(&vd, &run, got, 1 << 20);
		sort_words(got, 1 << 20);
		vrun_release(&run);
		if (strcmp(want, got) == 0) {
			passed++;
		} else {
			failed++;
			size_t l = strlen(mism);
			snprintf(mism + l, sizeof mism - l, "#   %s: want [%.150s] got [%.150s]\n", code, want, got);
		}
	}
	print_message("%s - synthetic %s vs DfE's tool: %d rules agree, %d differ (of %d compared)\n",
		      failed ? "not ok" : "ok", sub, passed, failed, compared);
	if (mism[0])
		print_message("%s", mism);
	free(want);
	free(got);
	vdata_release(&vd);
	json_decref(doc);
	assert_int_equal(failed, 0);
}

static void test_2022_23(void **state)
{
	(void)state;
	check_year("2022_23", NULL, 2023);
}

static void test_2023_24(void **state)
{
	(void)state;
	check_year("2023_24", "2022_23", 2024);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_2022_23),
		cmocka_unit_test(test_2023_24),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
