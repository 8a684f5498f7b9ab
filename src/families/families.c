/* Households and the help they get on a day: members, services, workers and
 * plans open at once; one worker and one plan; three or more services. */
#include "families/families.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "families/families_int.h"
#include "formats/local_csv.h"
#include "store/families_records.h"

int families_open_on(cf_date from, cf_date to, cf_date d)
{
	return (from == CF_DATE_NONE || from <= d) && (to == CF_DATE_NONE || to >= d);
}

static const char *dup(struct extracts *x, const char *s)
{
	if (!s || !*s)
		return NULL;
	char *c = arena_strdup(&x->a, s);
	x->oom |= !c;
	return c;
}

/* Room for one more in *v (n used, cap allocated, size bytes each). */
static void *grow(void **v, size_t *n, size_t *cap, size_t size)
{
	if (*n == *cap) {
		size_t c = *cap ? *cap * 2 : 64;
		void *nv = realloc(*v, c * size);
		if (!nv)
			return NULL;
		*v = nv;
		*cap = c;
	}
	return (char *)*v + (*n)++ * size;
}

static void seen(struct extracts *x, cf_date d)
{
	if (d != CF_DATE_NONE && (x->latest == CF_DATE_NONE || d > x->latest))
		x->latest = d;
}

static int on_member(void *ctx, const struct family_member_record *r)
{
	struct extracts *x = ctx;
	struct member *m = grow((void **)&x->m, &x->nm, &x->capm, sizeof *m);
	if (!m)
		return CF_EIO;
	*m = (struct member){ dup(x, r->family_id), dup(x, r->person_id ? r->person_id : r->child), dup(x, r->child),
			      r->role && !strcmp(r->role, local_roles[0]), r->from, r->to,
			      { r->return_id, (int)r->row } };
	seen(x, r->from);
	seen(x, r->to);
	return x->oom ? CF_EIO : CF_OK;
}

static int on_alloc(void *ctx, const struct allocation_record *r)
{
	struct extracts *x = ctx;
	struct alloc *a = grow((void **)&x->al, &x->nal, &x->capal, sizeof *a);
	if (!a)
		return CF_EIO;
	*a = (struct alloc){ dup(x, r->worker_id), dup(x, r->child), dup(x, r->family_id), dup(x, r->service), dup(x, r->team),
			     r->from, r->to };
	seen(x, r->from);
	seen(x, r->to);
	return x->oom ? CF_EIO : CF_OK;
}

static int on_plan(void *ctx, const struct family_plan_record *r)
{
	struct extracts *x = ctx;
	struct plan *p = grow((void **)&x->p, &x->np, &x->capp, sizeof *p);
	if (!p)
		return CF_EIO;
	*p = (struct plan){ dup(x, r->family_id), dup(x, r->lead_practitioner), r->start, r->end, r->assessed,
			    { r->return_id, (int)r->row } };
	seen(x, r->start);
	seen(x, r->end);
	return x->oom ? CF_EIO : CF_OK;
}

static int on_audit(void *ctx, const struct audit_record *r)
{
	struct extracts *x = ctx;
	struct audit *a = grow((void **)&x->au, &x->nau, &x->capau, sizeof *a);
	if (!a)
		return CF_EIO;
	int g = r->grade ? local_code(r->grade, strlen(r->grade), local_grades, LOCAL_NGRADES) : -1;
	*a = (struct audit){ dup(x, r->theme), dup(x, r->child), g, r->date, r->actions_completed_by, r->actions_raised,
			     { r->return_id, (int)r->row } };
	seen(x, r->date);
	return x->oom ? CF_EIO : CF_OK;
}

static int on_partner(void *ctx, const struct partner_record *r)
{
	struct extracts *x = ctx;
	struct partner *p = grow((void **)&x->pr, &x->npr, &x->cappr, sizeof *p);
	if (!p)
		return CF_EIO;
	*p = (struct partner){ dup(x, r->family_id), dup(x, r->person_id), dup(x, r->child), dup(x, r->measure),
			       dup(x, r->value_text), r->date, r->has_value, r->value };
	return x->oom ? CF_EIO : CF_OK;
}

static int on_claim(void *ctx, const struct sf_claim_record *r)
{
	struct extracts *x = ctx;
	struct claim *c = grow((void **)&x->cl, &x->ncl, &x->capcl, sizeof *c);
	if (!c)
		return CF_EIO;
	*c = (struct claim){ dup(x, r->family_id), dup(x, r->phase), r->date };
	return x->oom ? CF_EIO : CF_OK;
}

static int cmp_keyed(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c ? c : (x->at > y->at) - (x->at < y->at);   /* ties in file order */
}

/* Index n records whose key (NULL: left out) key_of gives. */
static int index_build(struct index *ix, size_t n, const char *(*key_of)(const struct extracts *, size_t),
		       const struct extracts *x)
{
	ix->k = malloc((n ? n : 1) * sizeof *ix->k);
	ix->n = 0;
	if (!ix->k)
		return -1;
	for (size_t i = 0; i < n; i++) {
		const char *k = key_of(x, i);
		if (k)
			ix->k[ix->n++] = (struct keyed){ k, i };
	}
	qsort(ix->k, ix->n, sizeof *ix->k, cmp_keyed);
	return 0;
}

size_t index_range(const struct index *ix, const char *key, size_t *first)
{
	size_t lo = 0, hi = ix->n;
	*first = 0;
	if (!key)
		return 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(ix->k[mid].key, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t end = lo;
	while (end < ix->n && !strcmp(ix->k[end].key, key))
		end++;
	*first = lo;
	return end - lo;
}

static const char *m_family(const struct extracts *x, size_t i) { return x->m[i].family; }
static const char *m_child(const struct extracts *x, size_t i) { return x->m[i].child; }
static const char *m_person(const struct extracts *x, size_t i) { return x->m[i].person; }
static const char *al_family(const struct extracts *x, size_t i) { return x->al[i].family; }
static const char *al_child(const struct extracts *x, size_t i) { return x->al[i].child; }
static const char *p_family(const struct extracts *x, size_t i) { return x->p[i].family; }

/* The family a member's id (person or child) belongs to on day d, or NULL. */
static const char *family_of(const struct extracts *x, const struct index *ix, const char *id, cf_date d)
{
	size_t first, n = index_range(ix, id, &first);
	for (size_t k = first; k < first + n; k++) {
		const struct member *m = &x->m[ix->k[k].at];
		if (families_open_on(m->from, m->to, d))
			return m->family;
	}
	return NULL;
}

/* A partner record's family: named, or its person's or child's on its date. */
static const char *pr_family(const struct extracts *x, size_t i)
{
	const struct partner *r = &x->pr[i];
	if (r->family)
		return r->family;
	const char *f = family_of(x, &x->m_person, r->person, r->date);
	if (!f)
		f = family_of(x, &x->m_child, r->child, r->date);
	if (!f)
		f = family_of(x, &x->m_person, r->child, r->date);
	return f;
}

void extracts_release(struct extracts *x)
{
	struct index *ix[] = { &x->m_family, &x->m_child, &x->m_person, &x->al_family, &x->al_child, &x->p_family,
			       &x->pr_family };
	for (size_t i = 0; i < sizeof ix / sizeof ix[0]; i++)
		free(ix[i]->k);
	free(x->pr);
	free(x->m);
	free(x->al);
	free(x->p);
	free(x->au);
	free(x->cl);
	arena_release(&x->a);
}

int extracts_read(struct store *st, struct extracts *x, struct cf_error *err)
{
	memset(x, 0, sizeof *x);
	arena_init(&x->a, 0);
	x->latest = CF_DATE_NONE;
	int rc;
	if ((rc = family_members_each(st, on_member, x, err)) || (rc = allocations_each(st, on_alloc, x, err)) ||
	    (rc = family_plans_each(st, on_plan, x, err)) || (rc = audits_each(st, on_audit, x, err)) ||
	    (rc = partner_records_each(st, on_partner, x, err)) || (rc = sf_claims_made_each(st, on_claim, x, err))) {
		if (rc == CF_EIO && !err->msg[0])
			cf_error_set(err, CF_EIO, "out of memory reading the families extracts");
		return rc;
	}
	if (index_build(&x->m_family, x->nm, m_family, x) || index_build(&x->m_child, x->nm, m_child, x) ||
	    index_build(&x->m_person, x->nm, m_person, x) || index_build(&x->al_family, x->nal, al_family, x) ||
	    index_build(&x->al_child, x->nal, al_child, x) || index_build(&x->p_family, x->np, p_family, x) ||
	    index_build(&x->pr_family, x->npr, pr_family, x))
		return cf_error_set(err, CF_EIO, "out of memory indexing the families extracts");
	return CF_OK;
}

int families_latest_date(struct store *st, cf_date *out, struct cf_error *err)
{
	struct extracts x;
	int rc = extracts_read(st, &x, err);
	*out = x.latest;
	extracts_release(&x);
	return rc;
}

int families_same(const char *a, const char *b) { return a && b && !strcmp(a, b); }

static void names_add(struct names *s, const char *v)
{
	if (!v)
		return;
	for (int i = 0; i < s->n; i++)
		if (!strcmp(s->v[i], v))
			return;
	if (s->n < 64)
		s->v[s->n++] = v;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(const char *const *)a, *(const char *const *)b); }

const char **family_ids(const struct extracts *x, size_t *n)
{
	size_t cap = x->nm + x->nal + x->np, k = 0;
	const char **ids = malloc((cap ? cap : 1) * sizeof *ids);
	if (!ids)
		return NULL;
	for (size_t i = 0; i < x->nm; i++)
		if (x->m[i].family)
			ids[k++] = x->m[i].family;
	for (size_t i = 0; i < x->nal; i++)
		if (x->al[i].family)
			ids[k++] = x->al[i].family;
	for (size_t i = 0; i < x->np; i++)
		if (x->p[i].family)
			ids[k++] = x->p[i].family;
	qsort(ids, k, sizeof *ids, cmp_str);
	size_t out = 0;
	for (size_t i = 0; i < k; i++)
		if (!out || strcmp(ids[out - 1], ids[i]))
			ids[out++] = ids[i];
	*n = out;
	return ids;
}

/* A child member of f during [from, to] is also a member of another family then. */
static int moved(const struct extracts *x, const char *f, const char *child, cf_date from, cf_date to)
{
	size_t first, n = index_range(&x->m_child, child, &first);
	for (size_t k = first; k < first + n; k++) {
		const struct member *o = &x->m[x->m_child.k[k].at];
		if (!families_same(o->family, f) && (o->from == CF_DATE_NONE || o->from <= to) &&
		    (o->to == CF_DATE_NONE || o->to >= from))
			return 1;
	}
	return 0;
}

static void count_allocations(const struct extracts *x, const struct index *ix, const char *key, cf_date d,
			      struct names *services, struct names *workers)
{
	size_t first, n = index_range(ix, key, &first);
	for (size_t k = first; k < first + n; k++) {
		const struct alloc *a = &x->al[ix->k[k].at];
		if (families_open_on(a->from, a->to, d)) {
			names_add(services, a->service);
			names_add(workers, a->worker);
		}
	}
}

void family_on(const struct extracts *x, const char *f, cf_date from, cf_date d, struct family_day *fd)
{
	memset(fd, 0, sizeof *fd);
	struct names workers = { { 0 }, 0 };
	size_t first, n = index_range(&x->m_family, f, &first);
	for (size_t k = first; k < first + n; k++) {
		const struct member *m = &x->m[x->m_family.k[k].at];
		if (!families_open_on(m->from, m->to, d))
			continue;
		fd->members++;
		if (!fd->first_member || (!fd->first_member->child && m->child))
			fd->first_member = m;   /* a child member where there is one */
		if (m->is_child && m->child) {
			fd->children++;
			fd->children_moved += moved(x, f, m->child, from, d);
		}
		/* allocations to the children who are its members that day */
		if (m->child)
			count_allocations(x, &x->al_child, m->child, d, &fd->service_names, &workers);
	}
	count_allocations(x, &x->al_family, f, d, &fd->service_names, &workers);
	const struct plan *open_plan = NULL;
	n = index_range(&x->p_family, f, &first);
	for (size_t k = first; k < first + n; k++) {
		const struct plan *p = &x->p[x->p_family.k[k].at];
		if (families_open_on(p->start, p->end, d)) {
			fd->plans++;
			fd->leads_named += p->lead != NULL;
			open_plan = p;
		}
	}
	fd->services = fd->service_names.n;
	fd->workers = workers.n;
	/* workers of the family since its plan began, less the one now: a
	 * change of worker mid-plan (the family's own allocations) */
	if (fd->plans == 1) {
		struct names during = { { 0 }, 0 };
		n = index_range(&x->al_family, f, &first);
		for (size_t k = first; k < first + n; k++) {
			const struct alloc *a = &x->al[x->al_family.k[k].at];
			if ((a->from == CF_DATE_NONE || a->from <= d) &&
			    (a->to == CF_DATE_NONE || open_plan->start == CF_DATE_NONE || a->to >= open_plan->start))
				names_add(&during, a->worker);
		}
		fd->worker_changes = during.n > 1 ? during.n - 1 : 0;
	}
	fd->current = fd->members > 0 || fd->plans > 0 || fd->services > 0;
	fd->open_plan = open_plan;
	fd->one_worker_one_plan = fd->plans == 1 && fd->leads_named == 1 && fd->workers == 1;
}

static double pct(int n, int of) { return of ? 100.0 * n / of : 0; }

static int summary_row(struct cf_table *t, const char *measure, int n, int of)
{
	long r = cf_table_add_row(t);
	if (r < 0 || cf_table_set_text(t, (size_t)r, 0, measure))
		return -1;
	cf_table_set_int(t, (size_t)r, 1, n);
	if (of >= 0) {
		cf_table_set_int(t, (size_t)r, 2, of);
		if (of > 0)
			cf_table_set_real(t, (size_t)r, 3, pct(n, of));
	}
	return 0;
}

/* Each family current on o->to, a row each. */
static int families_table(const struct extracts *x, const struct families_options *o, struct families_result *out)
{
	struct cf_table *t = out->families = cf_table_new("families");
	if (!t)
		return -1;
	static const char *const cols[] = { "family_id", "members", "children", "children_moved", "plans_open",
					    "services_open", "workers_open", "worker_changes_in_plan",
					    "one_worker_one_plan", "three_or_more_services", "services" };
	for (int c = 0; c < 11; c++)
		if (cf_table_add_column(t, cols[c], c == 0 || c == 10 ? CF_CELL_TEXT : c >= 8 ? CF_CELL_BOOL : CF_CELL_INT,
					0) < 0)
			return -1;
	size_t n;
	const char **ids = family_ids(x, &n);
	if (!ids)
		return -1;
	struct families_summary *s = &out->sum;
	for (size_t i = 0; i < n; i++) {
		struct family_day fd;
		family_on(x, ids[i], o->from, o->to, &fd);
		if (!fd.current)
			continue;
		int one = fd.one_worker_one_plan;
		s->families++;
		s->with_plan += fd.plans > 0;
		s->one_worker_one_plan += one;
		s->three_services += fd.services >= 3;
		s->children += fd.children;
		s->children_moved += fd.children_moved;
		long r = cf_table_add_row(t);
		if (r < 0 || cf_table_set_text(t, (size_t)r, 0, ids[i])) {
			free(ids);
			return -1;
		}
		int v[] = { fd.members, fd.children, fd.children_moved, fd.plans, fd.services, fd.workers, fd.worker_changes };
		for (int c = 0; c < 7; c++)
			cf_table_set_int(t, (size_t)r, 1 + c, v[c]);
		cf_table_set_bool(t, (size_t)r, 8, one);
		cf_table_set_bool(t, (size_t)r, 9, fd.services >= 3);
		qsort(fd.service_names.v, (size_t)fd.service_names.n, sizeof fd.service_names.v[0], cmp_str);
		char list[512] = "";
		for (int k = 0; k < fd.service_names.n; k++) {
			if (k)
				strncat(list, "; ", sizeof list - strlen(list) - 1);
			strncat(list, fd.service_names.v[k], sizeof list - strlen(list) - 1);
		}
		if (cf_table_set_text(t, (size_t)r, 10, list)) {
			free(ids);
			return -1;
		}
	}
	free(ids);
	return 0;
}

/* Audits by month of the period against the target, and by theme. */
static int audit_tables(const struct extracts *x, const struct families_options *o, struct families_result *out)
{
	struct cf_table *t = out->audits_month = cf_table_new("audits_by_month");
	struct cf_table *th = out->audit_themes = cf_table_new("audit_themes");
	if (!t || !th)
		return -1;
	static const char *const cols[] = { "month", "audits", "target", "target_met", "outstanding", "good",
					    "requires_improvement", "inadequate", "good_or_better_pct" };
	for (int c = 0; c < 9; c++)
		if (cf_table_add_column(t, cols[c], c == 0 ? CF_CELL_TEXT : c == 3 ? CF_CELL_BOOL : c == 8 ? CF_CELL_REAL : CF_CELL_INT,
					1) < 0)
			return -1;
	if (cf_table_add_column(th, "theme", CF_CELL_TEXT, 0) < 0 || cf_table_add_column(th, "audits", CF_CELL_INT, 0) < 0 ||
	    cf_table_add_column(th, "good_or_better", CF_CELL_INT, 0) < 0 ||
	    cf_table_add_column(th, "good_or_better_pct", CF_CELL_REAL, 1) < 0)
		return -1;
	struct families_summary *s = &out->sum;
	int y, m, dd;
	cf_date_to_ymd(o->from, &y, &m, &dd);
	for (cf_date start = cf_date_from_ymd(y, m, 1); start <= o->to; start = cf_date_add_months(start, 1)) {
		int yy, mm, d1;
		cf_date_to_ymd(start, &yy, &mm, &d1);
		cf_date end = cf_date_from_ymd(yy, mm, cf_date_days_in_month(yy, mm));
		int by_grade[LOCAL_NGRADES] = { 0 }, n = 0;
		for (size_t i = 0; i < x->nau; i++) {
			const struct audit *a = &x->au[i];
			if (a->date < start || a->date > end || a->date < o->from || a->date > o->to)
				continue;
			n++;
			if (a->grade >= 0)
				by_grade[a->grade]++;
		}
		char label[8];
		snprintf(label, sizeof label, "%04d-%02d", yy, mm);
		long r = cf_table_add_row(t);
		if (r < 0 || cf_table_set_text(t, (size_t)r, 0, label))
			return -1;
		cf_table_set_int(t, (size_t)r, 1, n);
		cf_table_set_int(t, (size_t)r, 2, o->audit_target);
		cf_table_set_bool(t, (size_t)r, 3, n >= o->audit_target);
		for (int g = 0; g < LOCAL_NGRADES; g++)
			cf_table_set_int(t, (size_t)r, 4 + g, by_grade[g]);
		if (n)
			cf_table_set_real(t, (size_t)r, 8, pct(by_grade[0] + by_grade[1], n));
		s->audits += n;
		s->audits_good_or_better += by_grade[0] + by_grade[1];
	}
	/* themes, in order of first appearance; actions outstanding on the last day */
	struct names themes = { { 0 }, 0 };
	for (size_t i = 0; i < x->nau; i++) {
		const struct audit *a = &x->au[i];
		if (a->date < o->from || a->date > o->to)
			continue;
		names_add(&themes, a->theme ? a->theme : "(none)");
		if (a->actions > 0 && (a->done == CF_DATE_NONE || a->done > o->to)) {
			s->actions_outstanding_audits++;
			s->actions_outstanding += a->actions;
		}
	}
	for (int k = 0; k < themes.n; k++) {
		int n = 0, good = 0;
		for (size_t i = 0; i < x->nau; i++) {
			const struct audit *a = &x->au[i];
			if (a->date < o->from || a->date > o->to || strcmp(a->theme ? a->theme : "(none)", themes.v[k]))
				continue;
			n++;
			good += a->grade == 0 || a->grade == 1;
		}
		long r = cf_table_add_row(th);
		if (r < 0 || cf_table_set_text(th, (size_t)r, 0, themes.v[k]))
			return -1;
		cf_table_set_int(th, (size_t)r, 1, n);
		cf_table_set_int(th, (size_t)r, 2, good);
		cf_table_set_real(th, (size_t)r, 3, pct(good, n));
	}
	return 0;
}

static int summary_table(const struct families_options *o, struct families_result *out)
{
	struct cf_table *t = out->summary = cf_table_new("families_summary");
	if (!t || cf_table_add_column(t, "measure", CF_CELL_TEXT, 0) < 0 || cf_table_add_column(t, "count", CF_CELL_INT, 0) < 0 ||
	    cf_table_add_column(t, "of", CF_CELL_INT, 0) < 0 || cf_table_add_column(t, "percent", CF_CELL_REAL, 1) < 0)
		return -1;
	const struct families_summary *s = &out->sum;
	char day[11], what[96];
	cf_date_format(o->to, day);
	snprintf(what, sizeof what, "families on %s", day);
	if (summary_row(t, what, s->families, -1) || summary_row(t, "with a plan open", s->with_plan, s->families) ||
	    summary_row(t, "one worker and one plan", s->one_worker_one_plan, s->families) ||
	    summary_row(t, "known to three or more services", s->three_services, s->families) ||
	    summary_row(t, "children in these families", s->children, -1) ||
	    summary_row(t, "children in another family too in the period", s->children_moved, s->children) ||
	    summary_row(t, "audits in the period", s->audits, -1) ||
	    summary_row(t, "audits graded good or outstanding", s->audits_good_or_better, s->audits) ||
	    summary_row(t, "audits with actions outstanding", s->actions_outstanding_audits, s->audits) ||
	    summary_row(t, "actions outstanding", s->actions_outstanding, -1) ||
	    summary_row(t, "child protection reviews due", s->cp_reviews_due, -1) ||
	    summary_row(t, "child protection reviews on time", s->cp_reviews_on_time, s->cp_reviews_due) ||
	    summary_row(t, "children open on Annex A extracts (visits due)", s->visits_due, -1) ||
	    summary_row(t, "visited within timescale", s->visits_on_time, s->visits_due))
		return -1;
	return 0;
}

static int count_visit(void *ctx, const struct visit *v, int on_time)
{
	(void)v;
	struct families_summary *s = ctx;
	s->visits_due++;
	s->visits_on_time += on_time;
	return 0;
}

int families_compute(struct store *st, const struct families_options *o, struct families_result *out,
		     struct cf_error *err)
{
	memset(out, 0, sizeof *out);
	struct families_data *d;
	int rc = families_data_load(st, &d, err);
	if (rc)
		return rc;
	if (families_table(&d->x, o, out) || audit_tables(&d->x, o, out) || supporting_tables(&d->x, o, out))
		rc = cf_error_set(err, CF_EIO, "out of memory laying out the families tables");
	if (!rc)
		rc = families_cp_reviews(&d->cp, o, out, err);
	if (!rc)
		visits_due_each(&d->visits, o->from, o->to, count_visit, &out->sum);
	if (!rc)
		rc = families_trends(st, d, o, out, err);
	if (!rc && summary_table(o, out))
		rc = cf_error_set(err, CF_EIO, "out of memory laying out the families tables");
	families_data_free(d);
	if (rc)
		families_result_release(out);
	return rc;
}

void families_result_release(struct families_result *r)
{
	cf_table_free(r->summary);
	cf_table_free(r->families);
	cf_table_free(r->audits_month);
	cf_table_free(r->audit_themes);
	cf_table_free(r->cp_reviews);
	cf_table_free(r->sf_families);
	cf_table_free(r->sf_needs);
	cf_table_free(r->sf_claims);
	cf_table_free(r->quality_trend);
	memset(r, 0, sizeof *r);
}
