/* caseflow export: the SSDA903 return or CIN census of a year rebuilt from
 * the store's rows, written by the format's one writer, then validated as a
 * file. */
#include "outputs/export.h"

#include <stdio.h>
#include <string.h>

#include <stdlib.h>

#include "base/arena.h"
#include "base/dir.h"
#include "formats/cin_census_write.h"
#include "formats/ssda903_write.h"
#include "store/return_kinds.h"
#include "store/returns.h"
#include "store/validation_rows.h"

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
	for (int t = 0; t < S903_NTABLES; t++) {
		long i = cf_table_add_row(r->written);
		if (i < 0 || cf_table_set_text(r->written, (size_t)i, 0, ssda903_file_names[t]))
			return cf_error_set(err, CF_EIO, "out of memory");
		cf_table_set_int(r->written, (size_t)i, 1, w.rows[t]);
		r->rows += w.rows[t];
	}
	if (w.rows[S903_HEADER] == 0 && w.rows[S903_EPISODES] == 0)
		return cf_error_at(err, CF_EINPUT, store_path(q->st), 0, NULL, NULL,
				   "the store holds no SSDA903 return for %d-%02d to export (caseflow ingest one)",
				   q->year - 1, q->year % 100);
	return CF_OK;
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
	char dir[4096];
	snprintf(dir, sizeof dir, "%s", q->out);
	char *slash = strrchr(dir, '/');
	if (!rc && slash && slash != dir) {
		*slash = '\0';
		rc = dir_make(dir, err);
	}
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
	if (!rc) {
		const char *base = strrchr(q->out, '/');
		long i = cf_table_add_row(r->written);
		if (i < 0 || cf_table_set_text(r->written, (size_t)i, 0, base ? base + 1 : q->out))
			rc = cf_error_set(err, CF_EIO, "out of memory");
		else
			cf_table_set_int(r->written, (size_t)i, 1, (long long)b.n);
		r->rows = (long)b.n;
	}
	free(b.kids);
	free(b.by_id);
	arena_release(&b.arena);
	return rc;
}

int export_returns(const struct export_request *q, struct export_result *out, struct cf_error *err)
{
	memset(out, 0, sizeof *out);
	if (!(out->written = cf_table_new("written")) ||
	    cf_table_add_column(out->written, "file", CF_CELL_TEXT, 0) < 0 ||
	    cf_table_add_column(out->written, "rows", CF_CELL_INT, 0) < 0)
		return cf_error_set(err, CF_EIO, "out of memory");
	int rc = q->as == EXPORT_CIN_CENSUS ? export_cin(q, out, err) : export_ssda903(q, out, err);
	if (rc)
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
