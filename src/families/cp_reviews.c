/* Child protection reviews on time (Working Together: the first review
 * conference within three months of the plan's start, then at most six
 * months apart), by the month each review fell due, from the CIN census's
 * and Annex A's plans and review dates. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "families/families_int.h"
#include "store/cin_records.h"

static int on_plan(void *ctx, const struct cin_cpp_record *r)
{
	struct cp_plans *x = ctx;
	if (!r->child || r->start == CF_DATE_NONE)
		return CF_OK;
	if (x->np == x->capp) {
		size_t c = x->capp ? x->capp * 2 : 64;
		void *v = realloc(x->p, c * sizeof *x->p);
		if (!v)
			return CF_EIO;
		x->p = v;
		x->capp = c;
	}
	const char *child = arena_strdup(&x->a, r->child);
	if (!child)
		return CF_EIO;
	x->p[x->np++] = (struct cp_plan){ child, r->start, r->end, r->src };
	return CF_OK;
}

static int on_review(void *ctx, const struct cin_cp_review_record *r)
{
	struct cp_plans *x = ctx;
	if (x->nr == x->capr) {
		size_t c = x->capr ? x->capr * 2 : 64;
		void *v = realloc(x->r, c * sizeof *x->r);
		if (!v)
			return CF_EIO;
		x->r = v;
		x->capr = c;
	}
	const char *child = arena_strdup(&x->a, r->child);
	if (!child)
		return CF_EIO;
	x->r[x->nr++] = (struct cp_review){ child, r->plan_start, r->review };
	return CF_OK;
}

int cp_plans_read(struct store *st, struct cp_plans *x, struct cf_error *err)
{
	memset(x, 0, sizeof *x);
	arena_init(&x->a, 0);
	int rc = cin_records_cp_plans(st, on_plan, x, err);
	if (!rc)
		rc = cin_records_cp_reviews(st, on_review, x, err);
	if (rc == CF_EIO && !err->msg[0])
		cf_error_set(err, CF_EIO, "out of memory reading child protection plans");
	return rc;
}

void cp_plans_release(struct cp_plans *x)
{
	free(x->p);
	free(x->r);
	arena_release(&x->a);
	memset(x, 0, sizeof *x);
}

static int in_range(cf_date d, cf_date from, cf_date to) { return d != CF_DATE_NONE && d >= from && d <= to; }

int cp_reviews_due_each(const struct cp_plans *x, cf_date from, cf_date to,
			int (*fn)(void *ctx, const struct cp_plan *p, cf_date due, int on_time), void *ctx)
{
	int rc = 0;
	for (size_t i = 0; !rc && i < x->np; i++) {
		const struct cp_plan *p = &x->p[i];
		cf_date start = p->start, end = p->end;
		cf_date next = cf_date_add_months(start, 3);
		/* the plan's reviews are consecutive: sorted by child, plan start, date */
		size_t lo = 0, hi = x->nr;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			int c = strcmp(x->r[mid].child, p->child);
			if (c < 0 || (c == 0 && x->r[mid].plan_start < start))
				lo = mid + 1;
			else
				hi = mid;
		}
		for (size_t j = lo; !rc && j < x->nr; j++) {
			if (x->r[j].plan_start != start || strcmp(x->r[j].child, p->child))
				break;
			if (end != CF_DATE_NONE && x->r[j].review > end)
				break;
			if (in_range(next, from, to))
				rc = fn(ctx, p, next, x->r[j].review <= next);   /* on the day it is due is on time */
			next = cf_date_add_months(x->r[j].review, 6);
		}
		/* a review due while the plan is open and not held: late */
		if (!rc && in_range(next, from, to) && (end == CF_DATE_NONE || end > next))
			rc = fn(ctx, p, next, 0);
	}
	return rc;
}

/* Month index of d from the period's first month, or -1 outside [from, to]. */
static int month_of(cf_date d, cf_date from, cf_date to)
{
	if (d < from || d > to)
		return -1;
	int y0, m0, y, m, dd;
	cf_date_to_ymd(from, &y0, &m0, &dd);
	cf_date_to_ymd(d, &y, &m, &dd);
	return (y - y0) * 12 + (m - m0);
}

struct by_month {
	cf_date from, to;
	int nmonths, due[240], on_time[240];
};

static int tally_month(void *ctx, const struct cp_plan *p, cf_date due, int on_time)
{
	(void)p;
	struct by_month *b = ctx;
	int m = month_of(due, b->from, b->to);
	if (m >= 0 && m < b->nmonths) {
		b->due[m]++;
		b->on_time[m] += on_time;
	}
	return 0;
}

int families_cp_reviews(const struct cp_plans *x, const struct families_options *o, struct families_result *out,
			struct cf_error *err)
{
	struct by_month b = { .from = o->from, .to = o->to, .nmonths = month_of(o->to, o->from, o->to) + 1 };
	if (b.nmonths > 240)
		b.nmonths = 240;
	cp_reviews_due_each(x, o->from, o->to, tally_month, &b);
	int *due = b.due, *on_time = b.on_time, nmonths = b.nmonths;
	struct cf_table *t = out->cp_reviews = cf_table_new("cp_reviews_by_month");
	if (!t || cf_table_add_column(t, "month", CF_CELL_TEXT, 0) < 0 || cf_table_add_column(t, "reviews_due", CF_CELL_INT, 0) < 0 ||
	    cf_table_add_column(t, "on_time", CF_CELL_INT, 0) < 0 || cf_table_add_column(t, "on_time_pct", CF_CELL_REAL, 1) < 0)
		return cf_error_set(err, CF_EIO, "out of memory");
	int y, mo, dd;
	cf_date_to_ymd(o->from, &y, &mo, &dd);
	for (int m = 0; m < nmonths; m++) {
		char label[8];
		int yy = y + (mo - 1 + m) / 12, mm = (mo - 1 + m) % 12 + 1;
		snprintf(label, sizeof label, "%04d-%02d", yy, mm);
		long r = cf_table_add_row(t);
		if (r < 0 || cf_table_set_text(t, (size_t)r, 0, label))
			return cf_error_set(err, CF_EIO, "out of memory");
		cf_table_set_int(t, (size_t)r, 1, due[m]);
		cf_table_set_int(t, (size_t)r, 2, on_time[m]);
		if (due[m])
			cf_table_set_real(t, (size_t)r, 3, 100.0 * on_time[m] / due[m]);
		out->sum.cp_reviews_due += due[m];
		out->sum.cp_reviews_on_time += on_time[m];
	}
	return CF_OK;
}
