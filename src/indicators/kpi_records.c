/* The records behind a figure: the counting pass run once with the
 * indicator traced, each unit it counted named by child and by the record
 * (return, file, row or line) that decided it. */
#include "indicators/kpi.h"
#include "indicators/kpi_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/record_sources.h"

/* What one unit of indicator id is. */
static const char *unit_of(int id)
{
	switch (id) {
	case K_CONTACTS: return "contact";
	case K_REFERRALS: case K_REFERRAL_NFA: case K_REREFERRAL_12M: return "referral";
	case K_ASSESSMENTS: case K_ASSESSMENT_45WD: return "assessment";
	case K_S47: return "section 47 enquiry";
	case K_ICPC: case K_ICPC_15WD: return "conference";
	case K_CPP_STARTED: case K_CPP_SUBSEQUENT: case K_CPP_2YR_ENDED: case K_CPP_OPEN_1YR: case K_CPP_OPEN_3M:
	case K_CPP_OPEN_3_6M: case K_CPP_OPEN_6_12M: case K_CPP_OPEN_1_2Y: case K_CPP_OPEN_2Y:
		return "CP plan";
	case K_CIN_OPEN_1YR: return "CIN episode";
	case K_CARE_LEAVERS_EET: return "care leaver";
	case K_FAMILIES_ONE_PLAN: return "family";
	case K_AUDITS_GOOD: return "audit";
	case K_CP_REVIEWS_ON_TIME: return "CP review";
	case K_VISITS_ON_TIME: return "child on an extract";
	case K_CONTACT_TO_REFERRAL: return "contact or referral";
	case K_REFERRAL_TO_ASSESSMENT: return "referral or assessment";
	case K_ASSESSMENT_TO_S47: return "assessment or section 47 enquiry";
	case K_S47_TO_ICPC: return "section 47 enquiry or conference";
	case K_ICPC_TO_CPP: return "conference or CP plan";
	default: return "child";
	}
}

static void format_number(double v, char *buf, size_t size)
{
	if (fabs(v - nearbyint(v)) < 1e-9)
		snprintf(buf, size, "%.0f", v);
	else
		snprintf(buf, size, "%.1f", v);
}

/* What the rows count and how they add up to the figure. */
static void write_note(struct kpi_records *r, const struct kpi_data *d)
{
	const struct kpi_def *def = &kpi_defs[r->id];
	char num[32], den[32];
	format_number(r->cell.num, num, sizeof num);
	format_number(r->cell.den, den, sizeof den);
	int num_id, den_id;
	if (def->flags & KPI_F_LA_ONLY) {
		const struct workforce_census *w = workforce_at(&d->workforce, r->period.to);
		char on[11] = "";
		if (w)
			cf_date_format(w->date, on);
		snprintf(r->note, sizeof r->note,
			 "%s is a workforce figure (%s over %s FTE, from the census of %s), not a count of children or "
			 "events: it has no records to list",
			 def->id, num, den, w ? on : "no census in the year to period end");
	} else if (def->flags & KPI_F_POPULATION) {
		snprintf(r->note, sizeof r->note,
			 "a row per child in the numerator (%s); the denominator (%s) is the population aged 0-17, "
			 "not a list of children, so every row's denominator is 0",
			 num, r->cell.has_den ? den : "none: no population loaded");
	} else if (kpi_flow_parts(r->id, &num_id, &den_id)) {
		snprintf(r->note, sizeof r->note,
			 "a conversion of two counts of events: the rows with numerator 1 are the %ss (%s), those "
			 "with denominator 1 the %ss (%s)",
			 unit_of(num_id), num, unit_of(den_id), den);
	} else if (r->id == K_FAMILIES_ONE_PLAN) {
		snprintf(r->note, sizeof r->note,
			 "a row per family current at period end (%s), named by the family's id in the child column, "
			 "numerator 1 for the %s with one worker and one plan; the return is the family plan (or, with "
			 "no plan open, the membership) extract",
			 den, num);
	} else if (r->id == K_CP_REVIEWS_ON_TIME) {
		snprintf(r->note, sizeof r->note,
			 "a row per child protection review falling due in the period (%s), dated the day it was due, "
			 "numerator 1 for the %s held on or before it; the file and row are the plan's, whose review "
			 "dates decide it",
			 den, num);
	} else if (def->unit == KPI_UNIT_COUNT) {
		snprintf(r->note, sizeof r->note, "a row per %s counted (%s)%s", r->unit, num,
			 r->per_child ? "" : "; a child may have several");
	} else {
		snprintf(r->note, sizeof r->note,
			 "a row per %s in the denominator (%s), numerator 1 for the %s in the numerator%s", r->unit,
			 den, num, r->per_child ? "" : "; a child may have several");
	}
}

static int cmp_record(const void *a, const void *b)
{
	const struct kpi_record *x = a, *y = b;
	int c = strcmp(x->child, y->child);
	if (c)
		return c;
	if (x->on != y->on)
		return x->on < y->on ? -1 : 1;
	return (x->num < y->num) - (x->num > y->num);
}

/* The index of group `name` of r's breakdown; -1 when it has none such. */
static int find_group(const struct kpi_result *res, const char *name)
{
	if (!name || strcmp(name, "all") == 0)
		return 0;
	for (int g = 1; g < res->ngroups; g++)
		if (strcmp(res->groups[g], name) == 0)
			return g;
	return -1;
}

/* Fill r's rows from the traced units of r->id in group g. */
static int list_units(struct kpi_records *r, struct store *st, const struct kpi_data *d, const struct kpi_trace *t,
		      int g, const struct return_source *returns, int nreturns, struct cf_error *err)
{
	size_t n = 0;
	for (size_t i = 0; i < t->n; i++)
		n += t->units[i].id == r->id && (g == 0 ? !t->units[i].repeat : t->units[i].group == g);
	r->rows = malloc((n ? n : 1) * sizeof *r->rows);
	if (!r->rows)
		return cf_error_set(err, CF_EIO, "out of memory listing records");
	int rc = CF_OK;
	for (size_t i = 0; i < t->n && !rc; i++) {
		const struct kpi_counted *u = &t->units[i];
		if (u->id != r->id || (g > 0 ? u->group != g : u->repeat))
			continue;
		const char *child = u->who ? u->who : u->child >= 0 ? d->reg.children[u->child].id : "";
		struct record_source src = u->src;
		if (u->ep && src.return_id && !src.row)
			rc = record_sources_episode_row(st, src.return_id, child, u->ep->start, &src.row, err);
		const struct return_source *ret = record_sources_find(returns, nreturns, src.return_id);
		struct kpi_record *k = &r->rows[r->n++];
		*k = (struct kpi_record){ .child = child, .on = u->on, .num = u->num, .den = u->den, .kind = "",
					  .file = "", .row = src.row };
		if (ret) {
			k->kind = arena_strdup(&r->arena, ret->kind_text);
			k->file = arena_strdup(&r->arena, ret->path);
			k->year = ret->year;
			k->by_line = ret->by_line;
			if (!k->kind || !k->file)
				rc = cf_error_set(err, CF_EIO, "out of memory listing records");
		}
	}
	size_t unrecorded = 0;
	for (size_t i = 0; i < r->n; i++)
		unrecorded += r->rows[i].row == 0;
	if (unrecorded) {
		size_t len = strlen(r->note);
		snprintf(r->note + len, sizeof r->note - len, "; %zu with no row recorded in the store (row not recorded)",
			 unrecorded);
	}
	if (!rc && r->n > 1)
		qsort(r->rows, r->n, sizeof *r->rows, cmp_record);
	return rc;
}

/* One indicator's records from the traced pass res, or an error saying why none. */
static int make_records(struct store *st, const struct kpi_data *d, const struct kpi_result *res,
			const struct kpi_trace *t, int id, int g, const struct kpi_options *opt,
			const struct return_source *returns, int nreturns, struct kpi_records **out, struct cf_error *err)
{
	*out = NULL;
	if (res->omitted[id]) {
		const char *why = res->notes[0] ? res->notes : "its source is not loaded";
		return cf_error_set(err, CF_EINPUT, "%s is not computed, so it has no records: %.*s", kpi_defs[id].id,
				    (int)strcspn(why, "\n"), why);
	}
	if (g > 0 && kpi_defs[id].flags & KPI_F_LA_ONLY)
		return cf_error_set(err, CF_EINPUT, "%s is not computed by group: it is a figure for the LA only",
				    kpi_defs[id].id);
	struct kpi_records *r = calloc(1, sizeof *r);
	if (!r)
		return cf_error_set(err, CF_EIO, "out of memory listing records");
	arena_init(&r->arena, 16 * 1024);
	r->id = id;
	r->period = res->periods[0];
	r->by = g ? opt->by : KPI_BY_ALL;
	r->group = arena_strdup(&r->arena, g ? res->groups[g] : "all");
	r->cell = *kpi_result_cell(res, 0, id, g);
	r->unit = unit_of(id);
	r->per_child = strcmp(r->unit, "child") == 0 || strcmp(r->unit, "care leaver") == 0;
	r->listed = !(kpi_defs[id].flags & KPI_F_LA_ONLY);
	write_note(r, d);
	int rc = CF_OK;
	if (!r->group)
		rc = cf_error_set(err, CF_EIO, "out of memory listing records");
	else if (r->listed)
		rc = list_units(r, st, d, t, g, returns, nreturns, err);
	if (rc) {
		kpi_records_free(r);
		return rc;
	}
	*out = r;
	return CF_OK;
}

int kpi_records_many(struct store *st, const struct kpi_data *d, const int *ids, int nids, const struct kpi_period *p,
		     const struct kpi_options *opt, const char *group, struct kpi_records **out, struct cf_error *err)
{
	for (int i = 0; i < nids; i++)
		out[i] = NULL;
	if (opt->suppress > 0)
		return cf_error_set(err, CF_EINPUT,
				    "records name children one by one, which suppression is there to prevent: they are "
				    "not listed with --suppress (or to a viewer)");
	struct kpi_trace t = { 0 };
	for (int i = 0; i < nids; i++) {
		if (ids[i] < 0 || ids[i] >= K_N)
			return cf_error_set(err, CF_EINPUT, "no such indicator");
		t.traced[ids[i]] = 1;
		int num_id, den_id;
		if (kpi_flow_parts(ids[i], &num_id, &den_id))
			t.feeds[num_id] = t.feeds[den_id] = 1;
	}
	struct kpi_result *res = NULL;
	struct return_source *returns = NULL;
	int nreturns = 0;
	int rc = kpi_compute_traced(d, p, 1, opt, &t, &res, err);
	int g = rc ? 0 : find_group(res, group);
	if (!rc && g < 0)
		rc = cf_error_set(err, CF_EINPUT, "no group '%s' of %s in the data", group, kpi_dim_names[opt->by]);
	if (!rc)
		rc = record_sources_returns(st, &returns, &nreturns, err);
	for (int i = 0; i < nids && !rc; i++)
		rc = make_records(st, d, res, &t, ids[i], g, opt, returns, nreturns, &out[i], err);
	if (rc)
		for (int i = 0; i < nids; i++) {
			kpi_records_free(out[i]);
			out[i] = NULL;
		}
	free(returns);
	free(t.units);
	kpi_result_free(res);
	return rc;
}

int kpi_records(struct store *st, const struct kpi_data *d, int id, const struct kpi_period *p,
		const struct kpi_options *opt, const char *group, struct kpi_records **out, struct cf_error *err)
{
	return kpi_records_many(st, d, &id, 1, p, opt, group, out, err);
}

void kpi_records_free(struct kpi_records *r)
{
	if (!r)
		return;
	free(r->rows);
	arena_release(&r->arena);
	free(r);
}

static void set_amount(struct cf_table *t, size_t row, int col, double v)
{
	if (fabs(v - nearbyint(v)) < 1e-9)
		cf_table_set_int(t, row, col, (long long)nearbyint(v));
	else
		cf_table_set_real(t, row, col, v);
}

int kpi_records_table(const struct kpi_records *r, struct cf_table **out, struct cf_error *err)
{
	*out = NULL;
	char name[96];
	snprintf(name, sizeof name, "Records %s", kpi_defs[r->id].id);
	struct cf_table *t = cf_table_new(name);
	if (!t)
		return cf_error_set(err, CF_EIO, "out of memory");
	static const struct {
		const char *name;
		enum cf_cell_type type;
	} cols[] = {
		{ "child", CF_CELL_TEXT }, { "date", CF_CELL_TEXT }, { "numerator", CF_CELL_REAL },
		{ "denominator", CF_CELL_REAL }, { "return", CF_CELL_TEXT }, { "year", CF_CELL_INT },
		{ "file", CF_CELL_TEXT }, { "row", CF_CELL_INT }, { "line", CF_CELL_INT },
	};
	for (size_t c = 0; c < sizeof cols / sizeof cols[0]; c++)
		cf_table_add_column(t, cols[c].name, cols[c].type, 0);
	for (size_t i = 0; i < r->n; i++) {
		const struct kpi_record *k = &r->rows[i];
		char day[11] = "";
		if (k->on != CF_DATE_NONE)
			cf_date_format(k->on, day);
		long row = cf_table_add_row(t);
		if (row < 0 || cf_table_set_text(t, (size_t)row, 0, k->child) || cf_table_set_text(t, (size_t)row, 1, day) ||
		    cf_table_set_text(t, (size_t)row, 4, k->kind) || cf_table_set_text(t, (size_t)row, 6, k->file)) {
			cf_table_free(t);
			return cf_error_set(err, CF_EIO, "out of memory");
		}
		set_amount(t, (size_t)row, 2, k->num);
		set_amount(t, (size_t)row, 3, k->den);
		if (k->year)
			cf_table_set_int(t, (size_t)row, 5, k->year);
		/* row and line both empty: the store holds none for this record */
		if (k->row)
			cf_table_set_int(t, (size_t)row, k->by_line ? 8 : 7, k->row);
	}
	*out = t;
	return CF_OK;
}
