/* Milestone status as of a day, and counts by workstream. */
#include "programme/programme_milestones.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "programme/programme_common.h"

const char *const milestone_status_names[MS_NSTATUS] = { "done", "done_late", "overdue", "due_next_90_days",
							 "later" };

enum milestone_status milestone_status(const struct prog_milestone *m, cf_date as_of)
{
	if (m->done != CF_DATE_NONE && m->done <= as_of)
		return m->done > m->due ? MS_DONE_LATE : MS_DONE;
	if (m->due < as_of)
		return MS_OVERDUE;
	return m->due <= as_of + 90 ? MS_DUE_90 : MS_LATER;
}

void milestones_result_release(struct milestones_result *r)
{
	free(r->rows);
	free(r->by);
	memset(r, 0, sizeof *r);
}

int milestones_compute(const struct programme *p, cf_date as_of, struct milestones_result *out, struct cf_error *err)
{
	memset(out, 0, sizeof *out);
	out->rows = calloc((size_t)p->nmilestones + 1, sizeof *out->rows);
	out->by = calloc((size_t)p->nworkstreams + 2, sizeof *out->by);
	if (!out->rows || !out->by) {
		milestones_result_release(out);
		return cf_error_set(err, CF_EIO, "out of memory");
	}
	for (int i = 0; i < p->nmilestones; i++) {
		const struct prog_milestone *m = &p->milestones[i];
		struct milestone_row *row = &out->rows[out->nrows++];
		row->milestone = m;
		row->status = milestone_status(m, as_of);
		if (row->status == MS_OVERDUE)
			row->days_late = as_of - m->due;
		else if (row->status == MS_DONE_LATE)
			row->days_late = m->done - m->due;
		if (row->status == MS_DUE_90 || row->status == MS_LATER)
			row->days_to_due = m->due - as_of;
	}
	/* workstreams in register order, then milestones with none, then all */
	for (int k = -1; k <= p->nworkstreams; k++) {
		const char *ws = k < 0 ? NULL : k < p->nworkstreams ? p->workstreams[k].id : "";
		struct milestone_counts c = { .workstream = k < 0 ? "(programme)" : k < p->nworkstreams ? ws : "all" };
		for (int i = 0; i < p->nmilestones; i++) {
			const struct prog_milestone *m = &p->milestones[i];
			int in = k < 0 ? !m->workstream
				       : k < p->nworkstreams ? m->workstream && !strcasecmp(m->workstream, ws) : 1;
			if (!in)
				continue;
			c.n[out->rows[i].status]++;
			c.milestones++;
		}
		if (!c.milestones && k < p->nworkstreams)
			continue;
		out->by[out->nby++] = c;
	}
	return CF_OK;
}

int milestones_result_tables(const struct milestones_result *res, struct cf_table **out, int *nout,
			     struct cf_error *err)
{
	*nout = 0;
	struct cf_table *list = ptable_new("milestones",
					   "milestone:t workstream:t owner:t due:t done:t status:t days_late:i "
					   "days_to_due:i", err);
	struct cf_table *by = list ? ptable_new("milestones_by_workstream",
						"workstream:t milestones:i done:i done_late:i overdue:i "
						"due_next_90_days:i later:i", err) : NULL;
	if (!by) {
		cf_table_free(list);
		return CF_EIO;
	}
	out[(*nout)++] = list;
	out[(*nout)++] = by;
	for (int i = 0; i < res->nrows; i++) {
		const struct milestone_row *row = &res->rows[i];
		const struct prog_milestone *m = row->milestone;
		enum milestone_status st = row->status;
		long r = ptable_row(list);
		if (r < 0 || cf_table_set_text(list, (size_t)r, 0, m->name) ||
		    (m->workstream && cf_table_set_text(list, (size_t)r, 1, m->workstream)) ||
		    (m->owner && cf_table_set_text(list, (size_t)r, 2, m->owner)) || ptable_set_date(list, r, 3, m->due) ||
		    (st <= MS_DONE_LATE && ptable_set_date(list, r, 4, m->done)) ||
		    cf_table_set_text(list, (size_t)r, 5, milestone_status_names[st]))
			goto oom;
		if (st == MS_OVERDUE || st == MS_DONE_LATE)
			cf_table_set_int(list, (size_t)r, 6, row->days_late);
		if (st == MS_DUE_90 || st == MS_LATER)
			cf_table_set_int(list, (size_t)r, 7, row->days_to_due);
	}
	for (int k = 0; k < res->nby; k++) {
		const struct milestone_counts *c = &res->by[k];
		long r = ptable_row(by);
		if (r < 0 || cf_table_set_text(by, (size_t)r, 0, c->workstream))
			goto oom;
		cf_table_set_int(by, (size_t)r, 1, c->milestones);
		for (int s = 0; s < MS_NSTATUS; s++)
			cf_table_set_int(by, (size_t)r, 2 + s, c->n[s]);
	}
	return CF_OK;
oom:
	ptables_free(out, nout);
	return cf_error_set(err, CF_EIO, "out of memory");
}

int milestones_tables(const struct programme *p, cf_date as_of, struct cf_table **out, int *nout,
		      struct cf_error *err)
{
	struct milestones_result res;
	*nout = 0;
	int r = milestones_compute(p, as_of, &res, err);
	if (!r)
		r = milestones_result_tables(&res, out, nout, err);
	milestones_result_release(&res);
	return r;
}
