/* `caseflow journey --family ID`: one family's events in date order from
 * the families extracts: who joined and left, the services allocated, the
 * assessment and plans, partners' records and the audits of its children,
 * each with the file and row it came from. A child's or person's records
 * belong to the family while they are its member. Workers' and lead
 * practitioners' identities are not shown: a service and team say enough. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "families/families.h"
#include "store/families_records.h"

struct event {
	cf_date date;
	int order;                /* the order read: ties keep it */
	char event[32], detail[200], source[32], *file;
	long row;
};

struct walk {
	const char *family;
	struct event *ev;
	size_t n, cap;
	struct { char id[64]; cf_date from, to; } members[128];   /* memberships of the family */
	int nmembers;
	int oom;
};

static void add(struct walk *w, cf_date d, const char *event, const char *source, const char *file, long row,
		const char *detail)
{
	if (d == CF_DATE_NONE || w->oom)
		return;
	if (w->n == w->cap) {
		size_t c = w->cap ? w->cap * 2 : 32;
		struct event *e = realloc(w->ev, c * sizeof *e);
		if (!e) {
			w->oom = 1;
			return;
		}
		w->ev = e;
		w->cap = c;
	}
	struct event *e = &w->ev[w->n];
	e->date = d;
	e->order = (int)w->n;
	snprintf(e->event, sizeof e->event, "%s", event);
	snprintf(e->detail, sizeof e->detail, "%s", detail);
	snprintf(e->source, sizeof e->source, "%s", source);
	e->file = strdup(file ? file : "");
	e->row = row;
	if (!e->file) {
		w->oom = 1;
		return;
	}
	w->n++;
}

/* id was a member of the family at some time in [from, to] (to NONE: open). */
static int is_member(const struct walk *w, const char *id, cf_date from, cf_date to)
{
	for (int i = 0; id && i < w->nmembers; i++)
		if (!strcmp(w->members[i].id, id) && (w->members[i].from == CF_DATE_NONE || to == CF_DATE_NONE ||
						      w->members[i].from <= to) &&
		    (w->members[i].to == CF_DATE_NONE || w->members[i].to >= from))
			return 1;
	return 0;
}

static int on_member(void *ctx, const struct family_member_record *r)
{
	struct walk *w = ctx;
	if (!r->family_id || strcmp(r->family_id, w->family))
		return CF_OK;
	const char *who = r->child ? r->child : r->person_id;
	for (int k = 0; k < 2; k++) {
		const char *id = k ? r->child : r->person_id;
		if (id && w->nmembers < 128) {
			snprintf(w->members[w->nmembers].id, sizeof w->members[0].id, "%s", id);
			w->members[w->nmembers].from = r->from;
			w->members[w->nmembers++].to = r->to;
		}
	}
	char d[200];
	snprintf(d, sizeof d, "%s %s", r->role, who ? who : "");
	add(w, r->from, "joined", "family_members", r->file, r->row, d);
	add(w, r->to, "left", "family_members", r->file, r->row, d);
	return CF_OK;
}

static int on_alloc(void *ctx, const struct allocation_record *r)
{
	struct walk *w = ctx;
	if (!(r->family_id && !strcmp(r->family_id, w->family)) && !is_member(w, r->child, r->from, r->to))
		return CF_OK;
	char d[200];
	snprintf(d, sizeof d, "%s%s%s%s%s", r->service ? r->service : "", r->team ? ", " : "", r->team ? r->team : "",
		 r->child ? ", for " : "", r->child ? r->child : "");
	add(w, r->from, "allocated", "allocations", r->file, r->row, d);
	add(w, r->to, "allocation ended", "allocations", r->file, r->row, d);
	return CF_OK;
}

static int on_plan(void *ctx, const struct family_plan_record *r)
{
	struct walk *w = ctx;
	if (!r->family_id || strcmp(r->family_id, w->family))
		return CF_OK;
	add(w, r->assessed, "whole-family assessment", "family_plans", r->file, r->row, "");
	add(w, r->start, "plan started", "family_plans", r->file, r->row,
	    r->lead_practitioner ? "lead practitioner named" : "no lead practitioner");
	add(w, r->end, "plan ended", "family_plans", r->file, r->row, r->outcome ? r->outcome : "");
	return CF_OK;
}

static int on_partner(void *ctx, const struct partner_record *r)
{
	struct walk *w = ctx;
	if (!(r->family_id && !strcmp(r->family_id, w->family)) && !is_member(w, r->person_id, r->date, r->date) &&
	    !is_member(w, r->child, r->date, r->date))
		return CF_OK;
	char d[200];
	snprintf(d, sizeof d, "%s: %s%s%s", r->source ? r->source : "", r->measure ? r->measure : "",
		 r->value_text ? " = " : "", r->value_text ? r->value_text : "");
	add(w, r->date, "partner record", "partner_records", r->file, r->row, d);
	return CF_OK;
}

static int on_audit(void *ctx, const struct audit_record *r)
{
	struct walk *w = ctx;
	if (!is_member(w, r->child, r->date, r->date))
		return CF_OK;
	char d[200];
	snprintf(d, sizeof d, "%s, %s%s%s, for %s", r->audit_type ? r->audit_type : "audit", r->grade,
		 r->theme ? ", " : "", r->theme ? r->theme : "", r->child);
	add(w, r->date, "case audit", "audits", r->file, r->row, d);
	return CF_OK;
}

static int by_date(const void *a, const void *b)
{
	const struct event *x = a, *y = b;
	return x->date != y->date ? (x->date < y->date ? -1 : 1) : x->order - y->order;
}

int families_journey(struct store *st, const char *family, struct cf_table **out, struct cf_error *err)
{
	*out = NULL;
	struct walk w;
	memset(&w, 0, sizeof w);
	w.family = family;
	/* members first: the others are matched to them */
	int rc;
	if ((rc = family_members_each(st, on_member, &w, err)) || (rc = allocations_each(st, on_alloc, &w, err)) ||
	    (rc = family_plans_each(st, on_plan, &w, err)) || (rc = partner_records_each(st, on_partner, &w, err)) ||
	    (rc = audits_each(st, on_audit, &w, err)))
		goto done;
	if (w.oom) {
		rc = cf_error_set(err, CF_EIO, "out of memory");
		goto done;
	}
	if (!w.n) {
		rc = cf_error_set(err, CF_EINPUT, "no family '%s' in the families extracts (family_members, allocations, "
				  "family_plans, partner_records)", family);
		goto done;
	}
	qsort(w.ev, w.n, sizeof *w.ev, by_date);
	struct cf_table *t = cf_table_new("family_journey");
	static const char *const cols[] = { "date", "event", "detail", "source", "file", "row" };
	for (int c = 0; t && c < 6; c++)
		if (cf_table_add_column(t, cols[c], c == 5 ? CF_CELL_INT : CF_CELL_TEXT, 0) < 0) {
			cf_table_free(t);
			t = NULL;
		}
	for (size_t i = 0; t && i < w.n; i++) {
		char day[11];
		cf_date_format(w.ev[i].date, day);
		long r = cf_table_add_row(t);
		if (r < 0 || cf_table_set_text(t, (size_t)r, 0, day) || cf_table_set_text(t, (size_t)r, 1, w.ev[i].event) ||
		    cf_table_set_text(t, (size_t)r, 2, w.ev[i].detail) || cf_table_set_text(t, (size_t)r, 3, w.ev[i].source) ||
		    cf_table_set_text(t, (size_t)r, 4, w.ev[i].file)) {
			cf_table_free(t);
			t = NULL;
			break;
		}
		cf_table_set_int(t, (size_t)r, 5, w.ev[i].row);
	}
	if (!t)
		rc = cf_error_set(err, CF_EIO, "out of memory");
	*out = t;
done:
	for (size_t i = 0; i < w.n; i++)
		free(w.ev[i].file);
	free(w.ev);
	return rc;
}
