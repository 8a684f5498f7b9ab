/* caseflow export: the SSDA903 return (CSV tables or XML), CIN census or
 * Annex A workbook of a year rebuilt from the store's rows, written by the
 * format's one writer, then (the returns DfE's rules cover) validated as a file. */
#include "outputs/export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/arena.h"
#include "base/dir.h"
#include "formats/annexa_write.h"
#include "formats/cin_census_write.h"
#include "outputs/export_annexa.h"
#include "formats/ssda903_write.h"
#include "store/annexa_records.h"
#include "store/return_kinds.h"
#include "store/returns.h"
#include "store/validation_rows.h"

/* The folders above a file to be written. */
static int make_parent(const char *file, struct cf_error *err)
{
	char dir[4096];
	snprintf(dir, sizeof dir, "%s", file);
	char *slash = strrchr(dir, '/');
	if (!slash || slash == dir)
		return CF_OK;
	*slash = '\0';
	return dir_make(dir, err);
}

/* A line of the written table: the file's name (without its folder) and rows. */
static int written_add(struct export_result *r, const char *path, long rows, struct cf_error *err)
{
	const char *base = strrchr(path, '/');
	long i = cf_table_add_row(r->written);
	if (i < 0 || cf_table_set_text(r->written, (size_t)i, 0, base ? base + 1 : path))
		return cf_error_set(err, CF_EIO, "out of memory");
	cf_table_set_int(r->written, (size_t)i, 1, rows);
	return CF_OK;
}

struct table_copy {
	struct ssda903_writer *w;
	enum ssda903_table t;
};

/* One stored row as DfE's file gives it. The store keeps no full postcode
 * (HOME_POST and PL_POST are sectors, written as such) and the UPN is never
 * written: no output of caseflow holds one. */
static int copy_row(void *ctx, long long row, const char *const *vals, struct cf_error *err)
{
	(void)row;
	(void)err;
	struct table_copy *c = ctx;
	const struct ssda903_table_def *d = &ssda903_tables[c->t];
	char buf[S903_MAXCOLS][160];
	const char *out[S903_MAXCOLS];
	for (int k = 0; k < d->ncols; k++) {
		int upn = c->t == S903_HEADER && strcmp(d->cols[k].name, "UPN") == 0;
		ssda903_value_out(&d->cols[k], upn ? NULL : vals[k], buf[k], sizeof buf[k]);
		out[k] = buf[k];
	}
	ssda903_writer_row(c->w, c->t, out);
	return CF_OK;
}

static int export_ssda903(const struct export_request *q, struct export_result *r, struct cf_error *err)
{
	struct ssda903_writer w;
	int rc = dir_make(q->out, err);
	if (rc || (rc = ssda903_writer_open(&w, q->out, err)))
		return rc;
	for (int t = 0; t < S903_NTABLES && !rc; t++) {
		struct table_copy c = { &w, (enum ssda903_table)t };
		rc = validation_rows_903(q->st, c.t, q->year, copy_row, &c, err);
	}
	struct cf_error ignored;   /* the first failure is the one reported */
	int close_rc = ssda903_writer_close(&w, rc ? &ignored : err);
	if (rc || (rc = close_rc))
		return rc;
	for (int t = 0; t < S903_NTABLES && !rc; t++) {
		rc = written_add(r, ssda903_file_names[t], w.rows[t], err);
		r->rows += w.rows[t];
	}
	if (rc)
		return rc;
	if (w.rows[S903_HEADER] == 0 && w.rows[S903_EPISODES] == 0)
		return cf_error_at(err, CF_EINPUT, store_path(q->st), 0, NULL, NULL,
				   "the store holds no SSDA903 return for %d-%02d to export (caseflow ingest one)",
				   q->year - 1, q->year % 100);
	return CF_OK;
}

/* --- the SSDA903 XML layout ---------------------------------------------- */

/* Every row of the year's tables in DfE's form, sorted by child (then load
 * order) so that each child's rows can be handed to the XML writer together. */
struct held_row {
	const char *child;
	long order;
	const char **v;
};

struct held {
	struct arena arena;
	struct held_row *rows[S903_NTABLES];
	size_t n[S903_NTABLES], cap[S903_NTABLES];
	enum ssda903_table t;
	int oom;
};

static int hold_row(void *ctx, long long row, const char *const *vals, struct cf_error *err)
{
	(void)row;
	struct held *h = ctx;
	const struct ssda903_table_def *d = &ssda903_tables[h->t];
	if (h->n[h->t] == h->cap[h->t]) {
		size_t cap = h->cap[h->t] ? 2 * h->cap[h->t] : 256;
		struct held_row *r = realloc(h->rows[h->t], cap * sizeof *r);
		if (!r)
			return cf_error_set(err, CF_EIO, "out of memory");
		h->rows[h->t] = r;
		h->cap[h->t] = cap;
	}
	const char **v = arena_alloc(&h->arena, (size_t)d->ncols * sizeof *v);
	if (!v)
		return cf_error_set(err, CF_EIO, "out of memory");
	for (int k = 0; k < d->ncols; k++) {
		char buf[160];
		int upn = h->t == S903_HEADER && strcmp(d->cols[k].name, "UPN") == 0;
		ssda903_value_out(&d->cols[k], upn ? NULL : vals[k], buf, sizeof buf);
		if (!(v[k] = arena_strdup(&h->arena, buf)))
			return cf_error_set(err, CF_EIO, "out of memory");
	}
	struct held_row *r = &h->rows[h->t][h->n[h->t]];
	r->child = v[0];
	r->order = (long)h->n[h->t]++;
	r->v = v;
	return CF_OK;
}

static int held_cmp(const void *a, const void *b)
{
	const struct held_row *x = a, *y = b;
	int c = strcmp(x->child, y->child);
	return c ? c : (x->order > y->order) - (x->order < y->order);
}

/* The first row of table t for child, or n when there is none. */
static size_t held_first(const struct held *h, enum ssda903_table t, const char *child)
{
	size_t lo = 0, hi = h->n[t];
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(h->rows[t][mid].child, child) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int export_ssda903_xml(const struct export_request *q, struct export_result *r, struct cf_error *err)
{
	struct held h;
	memset(&h, 0, sizeof h);
	arena_init(&h.arena, 0);
	int rc = CF_OK;
	for (int t = 0; t < S903_NTABLES && !rc; t++) {
		h.t = (enum ssda903_table)t;
		rc = validation_rows_903(q->st, h.t, q->year, hold_row, &h, err);
	}
	if (!rc && h.n[S903_HEADER] == 0)
		rc = cf_error_at(err, CF_EINPUT, store_path(q->st), 0, NULL, NULL,
				 "the store holds no SSDA903 return for %d-%02d to export (caseflow ingest one)",
				 q->year - 1, q->year % 100);
	/* the children in the header's order; every other table by child */
	struct held_row *kids = NULL;
	size_t nkids = h.n[S903_HEADER];
	if (!rc && !(kids = malloc(nkids * sizeof *kids)))
		rc = cf_error_set(err, CF_EIO, "out of memory");
	if (!rc) {
		memcpy(kids, h.rows[S903_HEADER], nkids * sizeof *kids);
		for (int t = 0; t < S903_NTABLES; t++)
			if (h.n[t])
				qsort(h.rows[t], h.n[t], sizeof *h.rows[t], held_cmp);
		rc = make_parent(q->out, err);
	}
	struct ssda903_xml_writer w;
	struct ssda903_child_rows *c = NULL;
	if (!rc && !(c = malloc(sizeof *c)))
		rc = cf_error_set(err, CF_EIO, "out of memory");
	if (!rc && !(rc = ssda903_xml_open(&w, q->out, err))) {
		for (size_t i = 0; i < nkids && !rc; i++) {
			const char *id = kids[i].child;
			/* a child given twice in the header is written once, with its first row */
			size_t k = held_first(&h, S903_HEADER, id);
			if (h.rows[S903_HEADER][k].order != kids[i].order)
				continue;
			for (int t = 0; t < S903_NTABLES && !rc; t++) {
				c->n[t] = 0;
				size_t j = t == S903_HEADER ? k : held_first(&h, (enum ssda903_table)t, id);
				for (; j < h.n[t] && !strcmp(h.rows[t][j].child, id) && !rc; j++) {
					if (c->n[t] == SSDA903_CHILD_MAXROWS)
						rc = cf_error_at(err, CF_EINPUT, store_path(q->st), 0, NULL, id,
								 "child %s has more than %d %s rows", id,
								 SSDA903_CHILD_MAXROWS, ssda903_tables[t].name);
					else
						c->rows[t][c->n[t]++] = h.rows[t][j].v;
				}
			}
			if (!rc)
				ssda903_xml_child(&w, c);
			r->rows++;
		}
		struct cf_error ignored;
		int crc = ssda903_xml_close(&w, rc ? &ignored : err);
		if (!rc)
			rc = crc;
	}
	if (!rc)
		rc = written_add(r, q->out, r->rows, err);
	free(c);
	free(kids);
	for (int t = 0; t < S903_NTABLES; t++)
		free(h.rows[t]);
	arena_release(&h.arena);
	return rc;
}

/* --- the CIN census ------------------------------------------------------ */

/* The census return's records put back together as the reader gives them:
 * the children in load order, each with its episodes, and each episode's
 * assessments, plans, enquiries and CP plans matched by the referral date
 * the store keeps with them (a CP review by its plan's start). */
struct cin_build {
	struct arena arena;
	struct cin_child **kids;      /* load order */
	struct cin_child **by_id;     /* sorted by LAchildID, for lookups */
	size_t n, cap, next;          /* next: the row CHARAC and DISAB are at */
	enum validation_cin_table t;
	char ref[11], lea[8];
	int oom;
};

static const char *keep(struct cin_build *b, const char *v)
{
	if (!v)
		return NULL;
	const char *s = arena_strdup(&b->arena, v);
	if (!s)
		b->oom = 1;
	return s;
}

static void *record(struct cin_build *b, size_t size)
{
	void *x = arena_alloc(&b->arena, size);
	if (x)
		memset(x, 0, size);
	else
		b->oom = 1;
	return x;
}

static int by_id_cmp(const void *a, const void *b)
{
	return strcmp((*(struct cin_child *const *)a)->la_child_id.text, (*(struct cin_child *const *)b)->la_child_id.text);
}

static struct cin_child *find_child(struct cin_build *b, const char *id)
{
	if (!id)
		return NULL;
	struct cin_child key = { .la_child_id = { id, 0 } }, *kp = &key;
	struct cin_child **f = bsearch(&kp, b->by_id, b->n, sizeof *b->by_id, by_id_cmp);
	return f ? *f : NULL;
}

/* The child's latest episode with this referral date (as validate numbers them). */
static struct cin_episode *find_episode(struct cin_build *b, const char *child, const char *referral)
{
	struct cin_child *c = find_child(b, child);
	struct cin_episode *found = NULL;
	for (struct cin_episode *e = c ? c->episodes : NULL; e && referral; e = e->next)
		if (e->referral_date.text && !strcmp(e->referral_date.text, referral))
			found = e;
	return found;
}

#define LINK_LAST(head, x) do { \
	__typeof__(head) *t_ = &(head); \
	while (*t_) \
		t_ = &(*t_)->next; \
	*t_ = (x); \
} while (0)

static int cin_row(void *ctx, long long row, const char *const *v, struct cf_error *err)
{
	(void)row;
	(void)err;
	struct cin_build *b = ctx;
	switch (b->t) {
	case VROWS_CIN_HEADER:
		snprintf(b->ref, sizeof b->ref, "%s", v[2] ? v[2] : "");
		snprintf(b->lea, sizeof b->lea, "%s", v[3] ? v[3] : "");
		break;
	case VROWS_CIN_IDENT: {
		struct cin_child *c = record(b, sizeof *c);
		if (!c || !v[0])
			break;
		if (b->n == b->cap) {
			size_t cap = b->cap ? 2 * b->cap : 256;
			struct cin_child **k = realloc(b->kids, cap * sizeof *k);
			if (!k) {
				b->oom = 1;
				break;
			}
			b->kids = k;
			b->cap = cap;
		}
		b->kids[b->n++] = c;
		c->la_child_id.text = keep(b, v[0]);
		c->upn_unknown.text = keep(b, v[1]);
		c->dob.text = keep(b, v[2]);
		c->expected_dob.text = keep(b, v[3]);
		c->sex.text = keep(b, v[4]);
		c->death_date.text = keep(b, v[6]);
		break;
	}
	case VROWS_CIN_CHARAC:
	case VROWS_CIN_DISAB:
		/* the same rows as IDENT, in the same order */
		if (v[0] && b->next < b->n && !strcmp(b->kids[b->next]->la_child_id.text, v[0])) {
			struct cin_child *c = b->kids[b->next];
			if (b->t == VROWS_CIN_CHARAC)
				c->ethnicity.text = keep(b, v[1]);
			else
				c->disabilities.text = keep(b, v[1]);
		}
		if (v[0])
			b->next++;
		break;
	case VROWS_CIN_CIN: {
		struct cin_child *c = find_child(b, v[0]);
		struct cin_episode *e = c ? record(b, sizeof *e) : NULL;
		if (!e)
			break;
		e->referral_date.text = keep(b, v[1]);
		e->referral_source.text = keep(b, v[2]);
		e->primary_need.text = keep(b, v[3]);
		e->closure_date.text = keep(b, v[4]);
		e->closure_reason.text = keep(b, v[5]);
		e->icpc_date.text = keep(b, v[6]);
		e->nfa.text = keep(b, v[7]);
		LINK_LAST(c->episodes, e);
		break;
	}
	case VROWS_CIN_ASS: {
		struct cin_episode *e = find_episode(b, v[0], v[4]);
		struct cin_assessment *a = e ? record(b, sizeof *a) : NULL;
		if (!a)
			break;
		a->start.text = keep(b, v[1]);
		a->authorised.text = keep(b, v[2]);
		a->factors.text = keep(b, v[3]);
		LINK_LAST(e->assessments, a);
		break;
	}
	case VROWS_CIN_PLAN: {
		struct cin_episode *e = find_episode(b, v[0], v[3]);
		struct cin_plan_dates *p = e ? record(b, sizeof *p) : NULL;
		if (!p)
			break;
		p->start.text = keep(b, v[1]);
		p->end.text = keep(b, v[2]);
		LINK_LAST(e->plans, p);
		break;
	}
	case VROWS_CIN_S47: {
		struct cin_episode *e = find_episode(b, v[0], v[5]);
		struct cin_s47 *s = e ? record(b, sizeof *s) : NULL;
		if (!s)
			break;
		s->start.text = keep(b, v[1]);
		s->icpc_target.text = keep(b, v[2]);
		s->icpc_date.text = keep(b, v[3]);
		s->icpc_not_required.text = keep(b, v[4]);
		LINK_LAST(e->s47s, s);
		break;
	}
	case VROWS_CIN_CPP: {
		struct cin_episode *e = find_episode(b, v[0], v[6]);
		struct cin_cp_plan *p = e ? record(b, sizeof *p) : NULL;
		if (!p)
			break;
		p->start.text = keep(b, v[1]);
		p->end.text = keep(b, v[2]);
		p->initial_category.text = keep(b, v[3]);
		p->latest_category.text = keep(b, v[4]);
		p->previous_plans.text = keep(b, v[5]);
		LINK_LAST(e->cp_plans, p);
		break;
	}
	case VROWS_CIN_REVIEW: {
		struct cin_child *c = find_child(b, v[0]);
		struct cin_cp_plan *plan = NULL;
		for (struct cin_episode *e = c ? c->episodes : NULL; e && v[2]; e = e->next)
			for (struct cin_cp_plan *p = e->cp_plans; p; p = p->next)
				if (p->start.text && !strcmp(p->start.text, v[2]))
					plan = p;
		struct cin_review *r = plan ? record(b, sizeof *r) : NULL;
		if (!r)
			break;
		r->date.text = keep(b, v[1]);
		LINK_LAST(plan->reviews, r);
		break;
	}
	case VROWS_CIN_N:
		break;
	}
	return b->oom ? cf_error_set(err, CF_EIO, "out of memory") : CF_OK;
}

static int export_cin(const struct export_request *q, struct export_result *r, struct cf_error *err)
{
	struct return_entry *list = NULL;
	int nlist = 0;
	int rc = returns_list(q->st, RETURN_CIN_CENSUS, q->year, &list, &nlist, err);
	if (rc)
		return rc;
	if (nlist == 0) {
		free(list);
		return cf_error_at(err, CF_EINPUT, store_path(q->st), 0, NULL, NULL,
				   "the store holds no CIN census for %d-%02d to export (caseflow ingest one)", q->year - 1,
				   q->year % 100);
	}
	long long rid = list[nlist - 1].id;   /* the latest load of the year */
	free(list);
	if ((rc = validation_rows_cin_supported(q->st, err)))
		return rc;
	struct cin_build b;
	memset(&b, 0, sizeof b);
	arena_init(&b.arena, 0);
	for (int t = 0; t < VROWS_CIN_N && !rc; t++) {
		b.t = (enum validation_cin_table)t;
		b.next = 0;
		rc = validation_rows_cin(q->st, rid, b.t, cin_row, &b, err);
		if (!rc && b.t == VROWS_CIN_IDENT && b.n) {
			if (!(b.by_id = malloc(b.n * sizeof *b.by_id)))
				rc = cf_error_set(err, CF_EIO, "out of memory");
			else {
				memcpy(b.by_id, b.kids, b.n * sizeof *b.by_id);
				qsort(b.by_id, b.n, sizeof *b.by_id, by_id_cmp);
			}
		}
	}
	if (!rc)
		rc = make_parent(q->out, err);
	if (!rc) {
		struct cin_census_head h = { q->year, b.ref[0] ? b.ref : NULL, b.lea[0] ? b.lea : NULL,
					     "caseflow export", "1", "001", NULL };
		struct cin_census_writer w;
		rc = cin_census_writer_open(&w, q->out, &h, err);
		if (!rc) {
			for (size_t i = 0; i < b.n; i++)
				cin_census_writer_child(&w, b.kids[i]);
			rc = cin_census_writer_close(&w, err);
		}
	}
	r->rows = (long)b.n;
	if (!rc)
		rc = written_add(r, q->out, r->rows, err);
	free(b.kids);
	free(b.by_id);
	arena_release(&b.arena);
	return rc;
}

/* --- Annex A ---------------------------------------------------------------- */

struct annexa_copy {
	struct annexa_writer *w;
	long rows[ANNEXA_NLISTS];
	long extra;               /* values under headers no list has, left out */
};

static int annexa_copy_row(void *ctx, const struct annexa_record *r, struct cf_error *err)
{
	(void)err;
	struct annexa_copy *c = ctx;
	annexa_writer_stored_row(c->w, r->list, r->vals);
	c->rows[r->list - 1]++;
	c->extra += r->nextra;
	return CF_OK;
}

static int export_annexa(const struct export_request *q, struct export_result *r, struct cf_error *err)
{
	long long *ids = NULL;
	int nids = 0;
	int rc = annexa_records_returns(q->st, q->year, &ids, &nids, err);
	if (!rc)
		rc = make_parent(q->out, err);
	struct annexa_writer w;
	struct annexa_copy c = { &w, { 0 }, 0 };
	/* created at 9am on the day after the year ends: the same rows give the same bytes */
	struct annexa_head head = { "caseflow export", NULL,
				    (time_t)(cf_date_fy_end(q->year - 1) + 1) * 86400 + 9 * 3600 };
	if (!rc && !(rc = annexa_writer_open(&w, q->out, &head, err))) {
		for (int i = 0; i < nids && !rc; i++)
			rc = annexa_records_walk(q->st, ids[i], annexa_copy_row, &c, err);
		/* no Annex A of the year: the lists the store's records give */
		if (!rc && nids == 0) {
			r->annexa_from_records = 1;
			rc = export_annexa_from_records(q->st, q->year, &w, c.rows, err);
		}
		struct cf_error ignored;   /* the first failure is the one reported */
		int crc = annexa_writer_close(&w, rc ? &ignored : err);
		if (!rc)
			rc = crc;
	}
	free(ids);
	for (int l = 1; l <= ANNEXA_NLISTS && !rc; l++) {
		char name[16];
		snprintf(name, sizeof name, "List %d", l);
		rc = written_add(r, name, c.rows[l - 1], err);
		r->rows += c.rows[l - 1];
	}
	r->extra_values = c.extra;
	if (!rc && r->rows == 0)
		rc = cf_error_at(err, CF_EINPUT, store_path(q->st), 0, NULL, NULL,
				 "the store holds no Annex A for %d-%02d, nor any record of its six months, to export",
				 q->year - 1, q->year % 100);
	return rc;
}

int export_returns(const struct export_request *q, struct export_result *out, struct cf_error *err)
{
	memset(out, 0, sizeof *out);
	if (!(out->written = cf_table_new("written")) ||
	    cf_table_add_column(out->written, "file", CF_CELL_TEXT, 0) < 0 ||
	    cf_table_add_column(out->written, "rows", CF_CELL_INT, 0) < 0)
		return cf_error_set(err, CF_EIO, "out of memory");
	int rc = q->as == EXPORT_CIN_CENSUS  ? export_cin(q, out, err)
		 : q->as == EXPORT_SSDA903_XML ? export_ssda903_xml(q, out, err)
		 : q->as == EXPORT_ANNEXA      ? export_annexa(q, out, err)
					       : export_ssda903(q, out, err);
	/* DfE's rules are for the SSDA903 and the census; Ofsted sets none for Annex A */
	if (rc || q->as == EXPORT_ANNEXA)
		return rc;
	char *paths[1] = { (char *)q->out };
	struct validate_request v = { .paths = paths, .npaths = 1, .year = q->year,
				      .ret = q->as == EXPORT_CIN_CENSUS ? VR_CIN : VR_903 };
	return validate_returns(&v, &out->checked, err);
}

void export_result_release(struct export_result *r)
{
	cf_table_free(r->written);
	validate_outcome_free(r->checked);
	memset(r, 0, sizeof *r);
}
