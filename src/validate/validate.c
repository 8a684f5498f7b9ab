/* The validation engine: the rule registry by year, running rules over a
 * dataset and turning flagged rows into findings and a summary. */
#include "validate/validate.h"

#include "formats/centroids.h"

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "validate/rules.h"
#include "base/strbuf.h"
#include "formats/centroids.h"

const struct vrule_set vrule_sets[] = {
	{ VR_903, rules_903_fields, &rules_903_fields_n },
	{ VR_903, rules_903_children, &rules_903_children_n },
	{ VR_903, rules_903_more, &rules_903_more_n },
	{ VR_903, rules_903_episodes, &rules_903_episodes_n },
	{ VR_903, rules_903_status, &rules_903_status_n },
	{ VR_CIN, rules_cin_fields, &rules_cin_fields_n },
	{ VR_CIN, rules_cin_groups, &rules_cin_groups_n },
	{ VR_CIN, rules_cin_activity, &rules_cin_activity_n },
	{ VR_903, NULL, NULL },
};

/* ---- registry ------------------------------------------------------------ */

static const struct vrule **registry[2];
static size_t registry_n[2];
static pthread_once_t registry_once = PTHREAD_ONCE_INIT;

static void registry_build(void)
{
	for (int ret = 0; ret < 2; ret++) {
		size_t total = 0;
		for (const struct vrule_set *s = vrule_sets; s->rules; s++)
			if ((int)s->ret == ret)
				total += *s->n;
		registry[ret] = malloc((total ? total : 1) * sizeof *registry[ret]);
		if (!registry[ret])
			continue;
		for (const struct vrule_set *s = vrule_sets; s->rules; s++)
			if ((int)s->ret == ret)
				for (size_t i = 0; i < *s->n; i++)
					registry[ret][registry_n[ret]++] = &s->rules[i];
	}
}

const struct vrule *const *validate_rules(enum vreturn ret, size_t *n)
{
	pthread_once(&registry_once, registry_build);
	*n = registry_n[ret];
	return registry[ret];
}

static int in_force(const struct vrule *r, int year)
{
	int y = year < VR_BASE_YEAR ? VR_BASE_YEAR : year;
	return r->since <= y && (!r->until || y <= r->until);
}

const struct vrule *validate_rule_for_year(enum vreturn ret, const char *code, int year)
{
	size_t n;
	const struct vrule *const *all = validate_rules(ret, &n);
	const struct vrule *best = NULL;
	for (size_t i = 0; i < n; i++)
		if (strcmp(all[i]->code, code) == 0 && in_force(all[i], year) &&
		    (!best || all[i]->since > best->since))
			best = all[i];
	return best;
}

int validate_rule_known(enum vreturn ret, const char *code)
{
	size_t n;
	const struct vrule *const *all = validate_rules(ret, &n);
	for (size_t i = 0; i < n; i++)
		if (strcmp(all[i]->code, code) == 0)
			return 1;
	return 0;
}

int validate_parse_year(const char *s)
{
	if (!s)
		return 0;
	while (*s && !isdigit((unsigned char)*s))
		s++;
	int y = 0, digits = 0;
	while (isdigit((unsigned char)*s) && digits < 5)
		y = y * 10 + (*s++ - '0'), digits++;
	if (digits != 4 || y < 2000 || y > 2100)
		return 0;
	if (*s == '-' || *s == '/' || *s == '_') {
		s++;
		int e = 0, ed = 0;
		while (isdigit((unsigned char)*s) && ed < 5)
			e = e * 10 + (*s++ - '0'), ed++;
		if (*s || !((ed == 2 && e == (y + 1) % 100) || (ed == 4 && e == y + 1)))
			return 0;
		return y + 1;
	}
	return *s ? 0 : y;
}

/* ---- running a rule ------------------------------------------------------------ */

struct vframe *vrun_frame(struct vrun *run, const char *name)
{
	return vdata_frame(run->vd, name);
}

int vrun_have(struct vrun *run, const char *names)
{
	char name[64];
	for (const char *p = names; *p;) {
		while (*p == ' ')
			p++;
		size_t n = strcspn(p, " ");
		if (!n)
			break;
		if (n >= sizeof name)
			return 0;
		memcpy(name, p, n);
		name[n] = 0;
		if (!vdata_frame(run->vd, name))
			return 0;
		p += n;
	}
	return 1;
}

static int frame_slot(const struct vrun *run, const struct vframe *f)
{
	for (int i = 0; i < run->vd->nframes; i++)
		if (run->vd->frames[i] == f)
			return i;
	return -1;
}

int vrun_flag(struct vrun *run, struct vframe *f, long row)
{
	int i = frame_slot(run, f);
	if (i < 0 || row < 0 || row >= f->nrows)
		return 0;
	if (!run->hits[i] && !(run->hits[i] = calloc((size_t)(f->nrows ? f->nrows : 1), 1)))
		return -1;
	if (!run->hits[i][row]) {
		run->hits[i][row] = 1;
		run->nhits++;
	}
	return 0;
}

int vrun_flag_child(struct vrun *run, struct vframe *f, const char *child)
{
	for (long r = vframe_find(f, child, -1); r >= 0; r = vframe_find(f, child, r))
		if (vrun_flag(run, f, r))
			return -1;
	return 0;
}

int vrun_exec(struct vrun *run, struct vdata *vd, const struct vrule *rule, int year)
{
	memset(run, 0, sizeof *run);
	run->vd = vd;
	run->rule = rule;
	run->year = year;
	char first[64];
	const char *need = rule->need;
	if (!need) {
		size_t n = strcspn(rule->tables, " ");
		if (n >= sizeof first)
			n = sizeof first - 1;
		memcpy(first, rule->tables, n);
		first[n] = 0;
		need = first;
	}
	if (!vrun_have(run, need))
		return VCHECK_SKIP;
	return rule->check(run);
}

void vrun_release(struct vrun *run)
{
	for (int i = 0; i < VDATA_MAXFRAMES; i++) {
		free(run->hits[i]);
		run->hits[i] = NULL;
	}
}

/* ---- whole validation ------------------------------------------------------------ */

static int selected(const struct validate_options *opt, const char *code)
{
	if (!opt->codes)
		return 1;
	for (int i = 0; i < opt->ncodes; i++)
		if (strcasecmp(opt->codes[i], code) == 0)
			return 1;
	return 0;
}

/* Rule versions in force in year, one per code, in declaration order. */
static const struct vrule **ruleset(enum vreturn ret, int year, size_t *nout)
{
	size_t n;
	const struct vrule *const *all = validate_rules(ret, &n);
	const struct vrule **out = malloc((n ? n : 1) * sizeof *out);
	*nout = 0;
	if (!out)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		const struct vrule *r = validate_rule_for_year(ret, all[i]->code, year);
		if (r != all[i])
			continue;
		out[(*nout)++] = r;
	}
	return out;
}

static const char *kind_name(enum vkind k)
{
	return k == VK_QUERY ? "query" : "error";
}

static const char *version_name(const struct vrule *r, char *buf, size_t sz)
{
	snprintf(buf, sz, "%s%d_%02d", r->ret == VR_CIN ? "cin" : "lac", r->since - 1, r->since % 100);
	return buf;
}

const char *validate_shown(const char *col, const char *v, char *buf, size_t sz)
{
	if (!v || !*v)
		return v;
	if (!strcmp(col, "HOME_POST") || !strcmp(col, "PL_POST")) {
		/* a full postcode can name a household: show its sector, which is
		 * enough to find the record and what the store keeps anyway */
		char sector[10];
		if (postcode_sector(v, sector) == 0 && strcmp(sector, v) != 0)
			snprintf(buf, sz, "%s (sector; full postcode withheld)", sector);
		else if (postcode_sector(v, sector) == 0)
			return v;
		else
			snprintf(buf, sz, "withheld, %zu characters", strlen(v));
		return buf;
	}
	if (strcmp(col, "UPN") != 0 && strcmp(col, "FormerUPN") != 0)
		return v;
	snprintf(buf, sz, "withheld, %zu characters", strlen(v));
	return buf;
}

/* Findings are made into text only when the output reads them: a run over
 * a large return keeps one vhit per finding, and one group per rule and
 * frame with the columns the frame had when the rule ran (a later rule may
 * add an all-missing column a finding must not show). */
struct vgroup {
	long first;              /* index of the group's first hit */
	int ncols;               /* the frame's columns when the rule ran */
};

struct vfindings {
	struct vdata *vd;
	const struct vhit *hits;
	struct vgroup *groups;
	long ngroups, cap;
	long cur;                /* group of the row last made */
	int *cols;               /* its fields' columns (-1: not shown) */
	int ncols, capcols;
	int child;               /* its frame's CHILD column, or -1 */
	long resolved;           /* group cols/child belong to, -1 none */
	struct strbuf text;      /* fields text of the row last made */
};

static int findings_group(struct vfindings *fs, long first, int ncols)
{
	if (fs->ngroups == fs->cap) {
		long cap = fs->cap ? fs->cap * 2 : 64;
		struct vgroup *g = realloc(fs->groups, (size_t)cap * sizeof *g);
		if (!g)
			return -1;
		fs->groups = g;
		fs->cap = cap;
	}
	fs->groups[fs->ngroups].first = first;
	fs->groups[fs->ngroups].ncols = ncols;
	fs->ngroups++;
	return 0;
}

/* The rule's fields that the frame had, as columns: once per group. */
static void findings_resolve(struct vfindings *fs, long g)
{
	const struct vhit *h = &fs->hits[fs->groups[g].first];
	struct vframe *f = fs->vd->frames[h->frame];
	int limit = fs->groups[g].ncols;
	char name[64];
	fs->ncols = 0;
	for (const char *p = h->rule->fields ? h->rule->fields : ""; *p;) {
		while (*p == ' ')
			p++;
		size_t n = strcspn(p, " ");
		if (!n)
			break;
		int c = -1;
		if (n < sizeof name) {
			memcpy(name, p, n);
			name[n] = 0;
			c = vframe_colno(f, name);
		}
		if (fs->ncols == fs->capcols) {
			int cap = fs->capcols ? fs->capcols * 2 : 16;
			int *cols = realloc(fs->cols, (size_t)cap * sizeof *cols);
			if (!cols)
				break;   /* OOM: the fields text shows fewer fields */
			fs->cols = cols;
			fs->capcols = cap;
		}
		fs->cols[fs->ncols++] = c < limit ? c : -1;
		p += n;
	}
	int cc = vframe_colno(f, "CHILD");
	fs->child = cc < limit ? cc : -1;
	fs->resolved = g;
}

/* One findings row: rule, type, table, row, child, "DECOM=01/04/2020, DOB=..."
 * for the rule's fields that the frame has, message. */
static void findings_fill(void *arg, size_t row, struct cf_cell *cells)
{
	struct vfindings *fs = arg;
	long i = (long)row;
	if (fs->cur >= fs->ngroups || fs->groups[fs->cur].first > i)
		fs->cur = 0;
	while (fs->cur + 1 < fs->ngroups && fs->groups[fs->cur + 1].first <= i)
		fs->cur++;
	if (fs->resolved != fs->cur)
		findings_resolve(fs, fs->cur);
	const struct vhit *h = &fs->hits[i];
	struct vframe *f = fs->vd->frames[h->frame];
	strbuf_reset(&fs->text);
	for (int k = 0; k < fs->ncols; k++) {
		struct vcol *c = fs->cols[k] >= 0 ? f->cols[fs->cols[k]] : NULL;
		if (!c)
			continue;
		char shown[64];
		const char *v = validate_shown(c->name, c->v[h->row], shown, sizeof shown);
		if (fs->text.len)
			strbuf_add(&fs->text, ", ", 2);
		strbuf_adds(&fs->text, c->name);
		strbuf_addc(&fs->text, '=');
		if (v)
			strbuf_adds(&fs->text, v);
	}
	const char *child = fs->child >= 0 ? f->cols[fs->child]->v[h->row] : NULL;
	cells[0].type = CF_CELL_TEXT;
	cells[0].v.s = h->rule->code;
	cells[1].type = CF_CELL_TEXT;
	cells[1].v.s = kind_name(h->rule->kind);
	cells[2].type = CF_CELL_TEXT;
	cells[2].v.s = f->name;
	cells[3].type = CF_CELL_INT;
	cells[3].v.i = f->rownum[h->row];
	if (child) {
		cells[4].type = CF_CELL_TEXT;
		cells[4].v.s = child;
	}
	cells[5].type = CF_CELL_TEXT;
	cells[5].v.s = strbuf_str(&fs->text);
	cells[6].type = CF_CELL_TEXT;
	cells[6].v.s = h->rule->message;
}

static void findings_free(struct vfindings *fs)
{
	if (fs) {
		free(fs->groups);
		free(fs->cols);
		strbuf_release(&fs->text);
		free(fs);
	}
}

struct sum_item {
	const struct vrule *rule;
	long rows;
	char tables[128];
};

static int sum_cmp(const void *pa, const void *pb)
{
	const struct sum_item *a = pa, *b = pb;
	if (a->rows != b->rows)
		return a->rows > b->rows ? -1 : 1;
	return strcmp(a->rule->code, b->rule->code);
}

int validate_run(struct vdata *vd, const struct validate_options *opt, struct validate_report *rep,
		 struct cf_error *err)
{
	memset(rep, 0, sizeof *rep);
	size_t nrules;
	const struct vrule **rules = ruleset(opt->ret, opt->year, &nrules);
	struct sum_item *sums = calloc(nrules ? nrules : 1, sizeof *sums);
	struct vfindings *fs = rep->fill = calloc(1, sizeof *rep->fill);
	rep->findings = cf_table_new("findings");
	rep->summary = cf_table_new("summary");
	rep->rules = cf_table_new("rules");
	if (!rules || !sums || !fs || !rep->findings || !rep->summary || !rep->rules)
		goto oom;
	fs->vd = vd;
	fs->resolved = -1;
	struct cf_table *F = rep->findings, *S = rep->summary, *R = rep->rules;
	/* the columns findings_fill makes, in this order */
	cf_table_add_column(F, "rule", CF_CELL_TEXT, 0);
	cf_table_add_column(F, "type", CF_CELL_TEXT, 0);
	cf_table_add_column(F, "table", CF_CELL_TEXT, 0);
	cf_table_add_column(F, "row", CF_CELL_INT, 0);
	cf_table_add_column(F, "child", CF_CELL_TEXT, 0);
	cf_table_add_column(F, "fields", CF_CELL_TEXT, 0);
	int fc_msg = cf_table_add_column(F, "message", CF_CELL_TEXT, 0);
	int sc_rule = cf_table_add_column(S, "rule", CF_CELL_TEXT, 0);
	int sc_type = cf_table_add_column(S, "type", CF_CELL_TEXT, 0);
	int sc_rows = cf_table_add_column(S, "rows", CF_CELL_INT, 0);
	int sc_tables = cf_table_add_column(S, "tables", CF_CELL_TEXT, 0);
	int sc_msg = cf_table_add_column(S, "message", CF_CELL_TEXT, 0);
	int rc_rule = cf_table_add_column(R, "rule", CF_CELL_TEXT, 0);
	int rc_ver = cf_table_add_column(R, "version", CF_CELL_TEXT, 0);
	int rc_status = cf_table_add_column(R, "status", CF_CELL_TEXT, 0);
	int rc_rows = cf_table_add_column(R, "rows", CF_CELL_INT, 0);
	if (fc_msg < 0 || sc_msg < 0 || rc_rows < 0)
		goto oom;
	size_t nsum = 0, hits_cap = 0;
	for (size_t i = 0; i < nrules; i++) {
		const struct vrule *rule = rules[i];
		if (!selected(opt, rule->code))
			continue;
		const char *status = "ran";
		struct vrun run;
		int rc;
		if ((rule->needs & VN_POSTCODES) && !opt->have_postcodes) {
			rc = VCHECK_SKIP;
			status = "skipped: needs --postcodes and --authorities";
			memset(&run, 0, sizeof run);
		} else if ((rule->needs & VN_PROVIDERS) && !opt->have_providers) {
			rc = VCHECK_SKIP;
			status = "skipped: needs --providers (Ofsted's provider list, ingested)";
			memset(&run, 0, sizeof run);
		} else if ((rule->needs & VN_LA) && opt->la_absent) {
			rc = VCHECK_SKIP;
			status = "skipped: needs --la CODE (the return does not name its LA)";
			memset(&run, 0, sizeof run);
		} else if ((rule->needs & VN_UPN) && opt->upn_absent) {
			rc = VCHECK_SKIP;
			status = "skipped: needs the UPN, which the store never keeps (validate the census file)";
			memset(&run, 0, sizeof run);
		} else {
			rc = vrun_exec(&run, vd, rule, opt->year);
			if (rc == VCHECK_SKIP)
				status = "skipped: tables absent";
		}
		if (rc < 0) {
			vrun_release(&run);
			goto oom;
		}
		char ver[32];
		long rrow = cf_table_add_row(R);
		if (rrow < 0 || cf_table_set_text(R, (size_t)rrow, rc_rule, rule->code) ||
		    cf_table_set_text(R, (size_t)rrow, rc_ver, version_name(rule, ver, sizeof ver)) ||
		    cf_table_set_text(R, (size_t)rrow, rc_status, status)) {
			vrun_release(&run);
			goto oom;
		}
		cf_table_set_int(R, (size_t)rrow, rc_rows, rc == VCHECK_RAN ? run.nhits : 0);
		if (rc == VCHECK_SKIP) {
			rep->nskipped++;
			continue;
		}
		rep->nran++;
		struct sum_item *si = &sums[nsum];
		si->rule = rule;
		for (int fi = 0; fi < vd->nframes; fi++) {
			if (!run.hits[fi])
				continue;
			struct vframe *f = vd->frames[fi];
			int any = 0;
			for (long r = 0; r < f->nrows; r++) {
				if (!run.hits[fi][r])
					continue;
				if (!any && findings_group(fs, rep->nfindings, f->ncols)) {
					vrun_release(&run);
					goto oom;
				}
				any = 1;
				if ((size_t)rep->nfindings == hits_cap) {
					hits_cap = hits_cap ? hits_cap * 2 : 256;
					struct vhit *h = realloc(rep->hits, hits_cap * sizeof *h);
					if (!h) {
						vrun_release(&run);
						goto oom;
					}
					rep->hits = h;
				}
				rep->hits[rep->nfindings].rule = rule;
				rep->hits[rep->nfindings].frame = fi;
				rep->hits[rep->nfindings].row = r;
				rep->nfindings++;
				si->rows++;
			}
			if (any) {
				size_t l = strlen(si->tables);
				snprintf(si->tables + l, sizeof si->tables - l, "%s%s", l ? " " : "", f->name);
			}
		}
		vrun_release(&run);
		if (si->rows)
			nsum++;
	}
	qsort(sums, nsum, sizeof *sums, sum_cmp);
	for (size_t i = 0; i < nsum; i++) {
		long r = cf_table_add_row(S);
		if (r < 0 || cf_table_set_text(S, (size_t)r, sc_rule, sums[i].rule->code) ||
		    cf_table_set_text(S, (size_t)r, sc_type, kind_name(sums[i].rule->kind)) ||
		    cf_table_set_text(S, (size_t)r, sc_tables, sums[i].tables) ||
		    cf_table_set_text(S, (size_t)r, sc_msg, sums[i].rule->message))
			goto oom;
		cf_table_set_int(S, (size_t)r, sc_rows, sums[i].rows);
	}
	fs->hits = rep->hits;
	if (cf_table_set_rows(F, (size_t)rep->nfindings, findings_fill, fs))
		goto oom;
	free(rules);
	free(sums);
	return CF_OK;
oom:
	free(rules);
	free(sums);
	validate_report_release(rep);
	return cf_error_set(err, CF_EIO, "out of memory while validating");
}

void validate_report_release(struct validate_report *rep)
{
	cf_table_free(rep->findings);
	cf_table_free(rep->summary);
	cf_table_free(rep->rules);
	free(rep->hits);
	findings_free(rep->fill);
	memset(rep, 0, sizeof *rep);
}

int validate_list_rules(enum vreturn ret, int year, struct cf_table **out, struct cf_error *err)
{
	size_t n;
	const struct vrule **rules;
	const struct vrule *const *all = validate_rules(ret, &n);
	if (year)
		rules = ruleset(ret, year, &n);
	else {
		rules = malloc((n ? n : 1) * sizeof *rules);
		if (rules)
			memcpy(rules, all, n * sizeof *rules);
	}
	struct cf_table *t = cf_table_new("rules");
	if (!rules || !t)
		goto oom;
	int c_rule = cf_table_add_column(t, "rule", CF_CELL_TEXT, 0);
	int c_type = cf_table_add_column(t, "type", CF_CELL_TEXT, 0);
	int c_years = cf_table_add_column(t, "years", CF_CELL_TEXT, 0);
	int c_tables = cf_table_add_column(t, "tables", CF_CELL_TEXT, 0);
	int c_fields = cf_table_add_column(t, "fields", CF_CELL_TEXT, 0);
	int c_needs = cf_table_add_column(t, "needs", CF_CELL_TEXT, 0);
	int c_msg = cf_table_add_column(t, "message", CF_CELL_TEXT, 0);
	if (c_msg < 0)
		goto oom;
	for (size_t i = 0; i < n; i++) {
		const struct vrule *r = rules[i];
		char years[48];
		int from = r->since;
		if (from <= VR_BASE_YEAR)
			snprintf(years, sizeof years, "up to ");
		else
			snprintf(years, sizeof years, "%d-%02d to ", from - 1, from % 100);
		size_t l = strlen(years);
		if (r->until)
			snprintf(years + l, sizeof years - l, "%d-%02d", r->until - 1, r->until % 100);
		else
			snprintf(years + l, sizeof years - l, "now");
		long row = cf_table_add_row(t);
		const char *needs = r->needs & VN_POSTCODES ? "postcode and LA lookups"
				    : r->needs & VN_PROVIDERS ? "Ofsted provider lists"
				    : r->needs & VN_UPN ? "the UPN (census file, not the store)" : "";
		if (row < 0 || cf_table_set_text(t, (size_t)row, c_rule, r->code) ||
		    cf_table_set_text(t, (size_t)row, c_type, kind_name(r->kind)) ||
		    cf_table_set_text(t, (size_t)row, c_years, years) ||
		    cf_table_set_text(t, (size_t)row, c_tables, r->tables) ||
		    cf_table_set_text(t, (size_t)row, c_fields, r->fields ? r->fields : "") ||
		    cf_table_set_text(t, (size_t)row, c_needs, needs) ||
		    cf_table_set_text(t, (size_t)row, c_msg, r->message))
			goto oom;
	}
	free(rules);
	*out = t;
	return CF_OK;
oom:
	free(rules);
	cf_table_free(t);
	return cf_error_set(err, CF_EIO, "out of memory listing rules");
}
