/* Conformance to DfE's reference validators: every case in
 * $CASEFLOW_SHARED/conformance/{ssda903,cin}-rules/ is loaded into frames,
 * the rule version in force for the case's year is run, and the rows it
 * flags are compared, table by table, with the rows the reference flags.
 * Cases whose rule has no implementation are counted and listed, never
 * passed; cases where the reference is wrong by DfE's rule are listed with
 * the reason (docs/validation.md) and not counted as failures. */
#include <dirent.h>
#include <jansson.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "validate/validate.h"
#include "validate/vframe.h"
#include "validate/vload_cin.h"

/* Cases where caseflow follows DfE's rule and the reference does not. */
struct disputed {
	const char *file;
	int case_no;       /* 0-based case in the file, -1 for all */
	const char *why;
};
static const struct disputed disputed[] = {
	{ "lac2023_24__SW01STG1.json", -1,
	  "DfE's tool reports the rows of Episodes (children looked after on 31 March) as rows of SWEpisodes" },
	{ "lac2026_27__706.json", -1,
	  "DfE's tool reports last year's open DoLO rows as rows of this year's DoLo table" },
	{ NULL, 0, NULL },
};

static const char *disputed_reason(const char *file, int case_no)
{
	for (const struct disputed *d = disputed; d->file; d++)
		if (strcmp(d->file, file) == 0 && (d->case_no < 0 || d->case_no == case_no))
			return d->why;
	return NULL;
}

/* Python's repr of a float: the shortest text that reads back the same. */
static void real_text(double v, char *buf, size_t sz)
{
	for (int p = 1; p <= 17; p++) {
		snprintf(buf, sz, "%.*g", p, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	if (!strpbrk(buf, ".eEn"))
		strncat(buf, ".0", sz - strlen(buf) - 1);
}

/* The 903 cases hold pandas Timestamps as "2020-01-01T00:00:00": the
 * reference saw a date there, which caseflow's frames hold as dd/mm/yyyy. */
static int iso_timestamp(const char *s, char out[11])
{
	int y, m, d, hh, mm, ss, n = 0;
	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &m, &d, &hh, &mm, &ss, &n) != 6 || s[n])
		return 0;
	snprintf(out, 11, "%02d/%02d/%04d", d % 100, m % 100, y % 10000);
	return 1;
}

static int convert_timestamps;

static int set_json_value(struct vframe *f, int col, long row, json_t *v)
{
	char buf[256];
	if (json_is_null(v))
		return vframe_set(f, col, row, NULL, 0, 0);
	if (json_is_string(v)) {
		if (convert_timestamps && iso_timestamp(json_string_value(v), buf))
			return vframe_set(f, col, row, buf, 10, 0);
		return vframe_set(f, col, row, json_string_value(v), json_string_length(v), 0);
	}
	if (json_is_integer(v)) {
		snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(v));
		return vframe_set(f, col, row, buf, strlen(buf), 1);
	}
	if (json_is_real(v)) {
		double d = json_real_value(v);
		if (isnan(d))
			return vframe_set(f, col, row, NULL, 0, 0);
		real_text(d, buf, sizeof buf);
		return vframe_set(f, col, row, buf, strlen(buf), 1);
	}
	if (json_is_boolean(v))
		return vframe_set(f, col, row, json_is_true(v) ? "True" : "False", json_is_true(v) ? 4 : 5, 1);
	if (json_is_array(v)) {   /* a list cell (assessment factors): as the census writes it, space-separated */
		size_t n = 0, i;
		json_t *e;
		buf[0] = 0;
		json_array_foreach(v, i, e) {
			n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", i ? " " : "",
					      json_is_string(e) ? json_string_value(e) : "");
			if (n >= sizeof buf - 1)
				return -1;
		}
		return vframe_set(f, col, row, buf, n, 0);
	}
	return vframe_set(f, col, row, NULL, 0, 0);
}

static int load_frame(struct vdata *vd, const char *name, json_t *tab)
{
	json_t *cols = json_object_get(tab, "columns"), *index = json_object_get(tab, "index"),
	       *rows = json_object_get(tab, "rows");
	struct vframe *f = vdata_add_frame(vd, name);
	if (!f || !json_is_array(cols) || !json_is_array(rows))
		return -1;
	size_t i, j;
	json_t *c, *row;
	json_array_foreach(cols, i, c)
		if (vframe_add_col(f, json_string_value(c)) < 0)
			return -1;
	json_array_foreach(rows, i, row) {
		json_t *lab = json_array_get(index, i);
		/* labels are numbers, or numbers as text ("1022") where a case appended rows */
		long label = json_is_integer(lab) ? (long)json_integer_value(lab)
			     : json_is_string(lab) ? atol(json_string_value(lab)) : (long)i;
		long r = vframe_add_row(f, label);
		if (r < 0)
			return -1;
		json_t *v;
		json_array_foreach(row, j, v)
			if ((int)j < f->ncols && set_json_value(f, (int)j, r, v))
				return -1;
	}
	return 0;
}

static int load_case(struct vdata *vd, json_t *input, int year)
{
	const char *key;
	json_t *val;
	vdata_init(vd);
	vdata_set_year(vd, year);
	json_object_foreach(input, key, val) {
		if (strcmp(key, "metadata") == 0)
			continue;
		if (load_frame(vd, key, val))
			return -1;
	}
	json_t *meta = json_object_get(input, "metadata");
	if (!meta)
		return 0;
	json_object_foreach(meta, key, val) {
		const char *s = json_string_value(val);
		char conv[11];
		cf_date d;
		if (s && iso_timestamp(s, conv))
			s = conv;
		if (strcmp(key, "collection_start") == 0 && s && vdate_parse(s, &d) == 0)
			vd->meta.collection_start = d;
		else if (strcmp(key, "collection_end") == 0 && s && vdate_parse(s, &d) == 0)
			vd->meta.collection_end = d;
		else if (strcmp(key, "collectionYear") == 0 && s) {
			vd->meta.year = atoi(s);
			vd->meta.year_known = 1;
		} else if (strcmp(key, "file_format") == 0 && s)
			vd->meta.file_format = arena_strdup(&vd->arena, s);
		else if (strcmp(key, "localAuthority") == 0 && s)
			vd->meta.la_code = arena_strdup(&vd->arena, s);
		else if (strcmp(key, "provider_info") == 0 && json_is_object(val)) {
			if (load_frame(vd, "provider_info", val))
				return -1;
		}
	}
	return 0;
}

/* Expected flagged rows as "Table:label" strings, sorted. */
struct rowset {
	size_t n, cap;
	char **v;
};

static void rowset_add(struct rowset *s, const char *table, long label)
{
	char buf[128];
	snprintf(buf, sizeof buf, "%s:%ld", table, label);
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->v[i], buf) == 0)
			return;
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		s->v = realloc(s->v, s->cap * sizeof *s->v);
	}
	s->v[s->n++] = strdup(buf);
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void rowset_free(struct rowset *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	memset(s, 0, sizeof *s);
}

static void rowset_text(struct rowset *s, char *buf, size_t sz)
{
	size_t n = 0;
	buf[0] = 0;
	if (s->n)
		qsort(s->v, s->n, sizeof *s->v, str_cmp);
	for (size_t i = 0; i < s->n && n < sz; i++)
		n += (size_t)snprintf(buf + n, sz - n, "%s%s", i ? " " : "", s->v[i]);
}

static void expected_903(json_t *result, struct rowset *s)
{
	const char *table;
	json_t *rows;
	json_object_foreach(result, table, rows) {
		size_t i;
		json_t *v;
		json_array_foreach(rows, i, v)
			if (json_is_integer(v))
				rowset_add(s, table, (long)json_integer_value(v));
			else if (json_is_real(v))   /* pandas gives 2.0 for a label after a merge */
				rowset_add(s, table, (long)json_real_value(v));
			else if (json_is_string(v))
				rowset_add(s, table, atol(json_string_value(v)));
	}
}

static void expected_cin_issue(json_t *issue, struct rowset *s)
{
	const char *table = json_string_value(json_object_get(issue, "table"));
	json_t *row = json_object_get(issue, "row");
	if (!table)
		return;
	if (json_is_integer(row)) {
		rowset_add(s, table, (long)json_integer_value(row));
		return;
	}
	json_t *rows = json_object_get(json_object_get(issue, "rows"), "rows");
	size_t i, j;
	json_t *r, *id;
	json_array_foreach(rows, i, r) {
		json_array_foreach(json_array_get(r, 1), j, id)
			if (json_is_integer(id))
				rowset_add(s, table, (long)json_integer_value(id));
	}
}

static void expected_cin(json_t *issues, struct rowset *s)
{
	const char *type;
	json_t *v;
	json_object_foreach(issues, type, v) {
		if (strcmp(type, "la_level") == 0) {
			if (json_array_size(v) > 0)
				rowset_add(s, "LA", 0);
			continue;
		}
		if (json_is_object(v)) {
			expected_cin_issue(v, s);
		} else {
			size_t i;
			json_t *e;
			json_array_foreach(v, i, e)
				expected_cin_issue(e, s);
		}
	}
}

struct tally {
	int passed, failed, disputed, unimplemented_cases;
	char unimplemented[32768];
	char failures[16384];
};

static void add_word(char *buf, size_t sz, const char *w)
{
	size_t n = strlen(buf);
	snprintf(buf + n, sz - n, "%s%s", n ? " " : "", w);
}

static void run_file(const char *dir, const char *name, enum vreturn ret, struct tally *t)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	json_error_t jerr;
	json_t *doc = json_load_file(path, 0, &jerr);
	assert_non_null(doc);
	const char *code = json_string_value(json_object_get(doc, "rule"));
	int year = validate_parse_year(json_string_value(json_object_get(doc, "year")));
	assert_non_null(code);
	assert_true(year > 0);
	json_t *cases = json_object_get(doc, "cases");
	const struct vrule *rule = validate_rule_for_year(ret, code, year);
	if (!rule) {
		t->unimplemented_cases += (int)json_array_size(cases);
		char w[64];
		snprintf(w, sizeof w, "%s/%d", code, year);
		add_word(t->unimplemented, sizeof t->unimplemented, w);
		json_decref(doc);
		return;
	}
	size_t ci;
	json_t *c;
	json_array_foreach(cases, ci, c) {
		struct vdata vd;
		struct rowset want = { 0 }, got = { 0 };
		assert_int_equal(load_case(&vd, json_object_get(c, "input"), year), 0);
		if (ret == VR_CIN)
			assert_int_equal(vload_cin_prepare(&vd), 0);
		if (ret == VR_903)
			expected_903(json_object_get(c, "result"), &want);
		else
			expected_cin(json_object_get(c, "issues"), &want);
		struct vrun run;
		int rc = vrun_exec(&run, &vd, rule, year);
		assert_true(rc >= 0);
		if (rc == VCHECK_RAN)
			for (int fi = 0; fi < vd.nframes; fi++)
				for (long r = 0; run.hits[fi] && r < vd.frames[fi]->nrows; r++)
					if (run.hits[fi][r])
						rowset_add(&got, vd.frames[fi]->name, vd.frames[fi]->index[r]);
		vrun_release(&run);
		char ws[2048], gs[2048];
		rowset_text(&want, ws, sizeof ws);
		rowset_text(&got, gs, sizeof gs);
		if (strcmp(ws, gs) == 0) {
			t->passed++;
		} else if (disputed_reason(name, (int)ci)) {
			t->disputed++;
		} else {
			t->failed++;
			char line[4600];
			snprintf(line, sizeof line, "#   %s case %zu: want [%s] got [%s]\n", name, ci, ws, gs);
			strncat(t->failures, line, sizeof t->failures - strlen(t->failures) - 1);
		}
		rowset_free(&want);
		rowset_free(&got);
		vdata_release(&vd);
	}
	json_decref(doc);
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void suite(void **state, const char *sub, enum vreturn ret, const char *label)
{
	(void)state;
	const char *shared = getenv("CASEFLOW_SHARED");
	char dir[1024];
	snprintf(dir, sizeof dir, "%s/conformance/%s", shared ? shared : "../shared", sub);
	DIR *d = opendir(dir);
	if (!d) {
		const char *ci = getenv("CI");
		if (ci && strcmp(ci, "true") == 0)
			fail_msg("%s: conformance cases are missing, and CI must have them", dir);
		print_message("ok - # SKIP %s conformance: %s not found\n", label, dir);
		skip();
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t l = strlen(e->d_name);
		if (l < 6 || strcmp(e->d_name + l - 5, ".json") != 0 || e->d_name[0] == '_')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 256;
			names = realloc(names, cap * sizeof *names);
		}
		names[n++] = strdup(e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof *names, name_cmp);
	struct tally *t = calloc(1, sizeof *t);
	convert_timestamps = 1;
	for (size_t i = 0; i < n; i++) {
		run_file(dir, names[i], ret, t);
		free(names[i]);
	}
	free(names);
	/* a TAP line of our own: tests/run.sh counts it (cmocka 1.1.5 prints none per test) */
	/* a rule the reference cases test but caseflow lacks is a failure: deleting
	 * a rule must turn this red, not shorten a list nobody reads */
	print_message("%s - conformance %s: %d passed, %d failed, %d without implementation (%d disputed, see docs/validation.md)\n",
		      t->failed || t->unimplemented_cases ? "not ok" : "ok", label, t->passed, t->failed,
		      t->unimplemented_cases, t->disputed);
	if (t->unimplemented[0])
		print_message("# %s rules without implementation (rule/year): %s\n", label, t->unimplemented);
	if (t->failures[0])
		print_message("# %s failures:\n%s", label, t->failures);
	int failed = t->failed, unimplemented = t->unimplemented_cases;
	free(t);
	assert_int_equal(failed, 0);
	assert_int_equal(unimplemented, 0);
}

static void test_ssda903(void **state)
{
	suite(state, "ssda903-rules", VR_903, "ssda903");
}

static void test_cin(void **state)
{
	suite(state, "cin-rules", VR_CIN, "cin");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ssda903),
		cmocka_unit_test(test_cin),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
