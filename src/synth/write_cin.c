/* The synthetic authority's CIN census: one XML file per collection year,
 * in that year's DfE layout (CIN_schema_<year>.xsd: CIN plan dates from
 * 2022, Sex M/F instead of GenderCurrent 1/2 from 2025, code lists as
 * they stood), holding every CIN episode open at any time in the year as
 * the council knew it on 31 March. synth fills the census reader's records
 * (formats/cin_census.h) and formats/cin_census_write.c writes them. */
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "formats/cin_census_write.h"
#include "synth/synth.h"
#include "synth/write.h"

#define NONE CF_DATE_NONE

struct cin_out {
	const struct synth_world *w;
	struct cin_census_writer out;
	int census;            /* census year: 2024 for 2023-24 */
	cf_date from, to;
	struct arena arena;    /* one child's records, reset per child */
	int oom;
};

static int known(const struct cin_out *o, cf_date d) { return d != NONE && d <= o->to; }

/* A code as that year's schema spells it: codes added later fall back to
 * the one they were split from. */
static const char *factor_code(const struct cin_out *o, int i)
{
	const char *f = synth_factor_codes[i];
	if (o->census < 2021 && (!strcmp(f, "18B") || !strcmp(f, "18C")))
		return "18A";
	if (o->census < 2021 && (!strcmp(f, "19B") || !strcmp(f, "19C")))
		return "19A";
	if (o->census < 2022 && !strcmp(f, "24A"))
		return "20";
	return f;
}

/* A date as the census writes it (yyyy-mm-dd), kept in the child's arena. */
static const char *iso(struct cin_out *o, cf_date d)
{
	char buf[11];
	cf_date_format(d, buf);
	return arena_strdup(&o->arena, buf);
}

static const char *text(struct cin_out *o, const char *s)
{
	return arena_strdup(&o->arena, s);
}

/* A zeroed record in the child's arena; NULL (and o->oom) when out of memory. */
static void *record(struct cin_out *o, size_t size)
{
	void *x = arena_alloc(&o->arena, size);
	if (x)
		memset(x, 0, size);
	else
		o->oom = 1;
	return x;
}

static struct cin_episode *fill_referral(struct cin_out *o, const struct syn_referral *r, struct cin_episode **tail)
{
	const struct synth_world *w = o->w;
	char buf[16];
	struct cin_episode *e = record(o, sizeof *e);
	if (!e)
		return NULL;
	*tail = e;
	e->referral_date.text = iso(o, r->date);
	const char *src = synth_source_codes[r->source];
	e->referral_source.text = o->census < 2023 && !strcmp(src, "5D") ? "5C" : src;
	if (!r->nfa)
		e->primary_need.text = r->need ? synth_need_codes[r->need] : "N9";
	if (known(o, r->closed)) {
		e->closure_date.text = iso(o, r->closed);
		snprintf(buf, sizeof buf, "RC%d", o->census < 2023 && r->closure == 9 ? 8 : r->closure);
		e->closure_reason.text = text(o, buf);
	}
	struct cin_assessment **at = &e->assessments;
	for (int a = 0; a < r->nassess; a++) {
		const struct syn_assessment *x = &w->assessments[r->assess0 + a];
		int done = known(o, x->authorised);
		if (x->start > o->to || (done && x->authorised < o->from) || (!done && x->start < o->from))
			continue;
		struct cin_assessment *y = record(o, sizeof *y);
		if (!y)
			return NULL;
		*at = y;
		at = &y->next;
		y->start.text = iso(o, x->start);
		if (done) {
			y->authorised.text = iso(o, x->authorised);
			char list[256] = "";
			size_t len = 0;
			const char *seen[40];
			int nseen = 0;
			for (int i = 0; i < synth_nfactors; i++) {
				if (!(x->factors & (1ULL << i)))
					continue;
				const char *code = factor_code(o, i);
				int dup = 0;
				for (int k = 0; k < nseen; k++)
					dup |= !strcmp(seen[k], code);
				if (dup)
					continue;
				seen[nseen++] = code;
				len += (size_t)snprintf(list + len, sizeof list - len, "%s%s", len ? " " : "", code);
			}
			y->factors.text = text(o, list);
		}
	}
	struct cin_plan_dates **pt = &e->plans;
	for (int p = 0; p < r->ncinplans; p++) {
		const struct syn_cinplan *x = &w->cinplans[r->cinplan0 + p];
		if (x->start > o->to || (x->end != NONE && x->end < o->from))
			continue;
		struct cin_plan_dates *y = record(o, sizeof *y);
		if (!y)
			return NULL;
		*pt = y;
		pt = &y->next;
		y->start.text = iso(o, x->start);
		if (known(o, x->end))
			y->end.text = iso(o, x->end);
	}
	struct cin_s47 **st = &e->s47s;
	for (int q = 0; q < r->ns47; q++) {
		const struct syn_s47 *x = &w->s47s[r->s470 + q];
		int held = known(o, x->icpc);
		if (x->start > o->to || (held && x->icpc < o->from) || (!held && x->start < o->from))
			continue;
		struct cin_s47 *y = record(o, sizeof *y);
		if (!y)
			return NULL;
		*st = y;
		st = &y->next;
		y->start.text = iso(o, x->start);
		y->icpc_target.text = iso(o, cf_date_add_working_days(x->start, 15));
		if (held)
			y->icpc_date.text = iso(o, x->icpc);
		y->icpc_not_required.text = x->icpc_not_required ? "1" : "0";
	}
	e->nfa.text = r->nfa ? "1" : "0";
	struct cin_cp_plan **ct = &e->cp_plans;
	for (int p = 0; p < r->ncpps; p++) {
		const struct syn_cpp *x = &w->cpps[r->cpp0 + p];
		if (x->start > o->to || (x->end != NONE && x->end < o->from))
			continue;
		struct cin_cp_plan *y = record(o, sizeof *y);
		if (!y)
			return NULL;
		*ct = y;
		ct = &y->next;
		y->start.text = iso(o, x->start);
		if (known(o, x->end))
			y->end.text = iso(o, x->end);
		y->initial_category.text = synth_abuse_codes[x->initial_cat];
		y->latest_category.text = synth_abuse_codes[x->latest_cat];
		snprintf(buf, sizeof buf, "%d", x->previous);
		y->previous_plans.text = text(o, buf);
		/* reviews three months after the start, then every six months */
		cf_date rv = cf_date_add_months(x->start, 3) - 3;
		struct cin_review **rt = &y->reviews;
		for (int i = 0; rv <= o->to && (x->end == NONE || rv < x->end); i++) {
			if (rv >= o->from) {
				struct cin_review *z = record(o, sizeof *z);
				if (!z)
					return NULL;
				*rt = z;
				rt = &z->next;
				z->date.text = iso(o, rv);
			}
			rv = cf_date_add_months(rv, 6);
		}
	}
	return e;
}

static void write_child(struct cin_out *o, const struct syn_child *c)
{
	const struct synth_world *w = o->w;
	int any = 0;
	for (int k = 0; k < c->nreferrals && !any; k++) {
		const struct syn_referral *r = &w->referrals[c->referral0 + k];
		any = r->date <= o->to && (r->closed == NONE || r->closed >= o->from);
	}
	if (!any)
		return;
	char buf[16];
	struct cin_child ch;
	memset(&ch, 0, sizeof ch);
	arena_reset(&o->arena);
	snprintf(buf, sizeof buf, "%d", c->id);
	ch.la_child_id.text = text(o, buf);
	if (c->uasc) {
		ch.upn_unknown.text = "UN2";
	} else if (cf_date_age(c->dob, o->to) < 5) {
		ch.upn_unknown.text = "UN1";
	} else {
		char upn[14];
		synth_upn(w, c, upn);
		ch.upn.text = text(o, upn);
	}
	ch.dob.text = iso(o, c->dob);
	ch.sex.text = c->sex == 1 ? "1" : "2";
	ch.ethnicity.text = synth_ethnic_codes[c->ethnic];
	ch.disabilities.text = synth_disability_codes[c->disability];
	struct cin_episode **tail = &ch.episodes;
	for (int k = 0; k < c->nreferrals; k++) {
		const struct syn_referral *r = &w->referrals[c->referral0 + k];
		if (r->date <= o->to && (r->closed == NONE || r->closed >= o->from)) {
			struct cin_episode *e = fill_referral(o, r, tail);
			if (!e)
				return;
			tail = &e->next;
		}
	}
	if (!o->oom)
		cin_census_writer_child(&o->out, &ch);
}

static int write_year(const struct synth_world *w, const char *dir, int fy, struct cf_error *err)
{
	char ydir[4096], path[4200], yname[8], lea[8], ref[11], when[32];
	synth_year_name(fy, yname);
	snprintf(ydir, sizeof ydir, "%s/%s", dir, yname);
	int rc = dir_make(ydir, err);
	if (rc)
		return rc;
	snprintf(path, sizeof path, "%s/cin_census.xml", ydir);
	struct cin_out o;
	memset(&o, 0, sizeof o);
	o.w = w;
	o.census = fy + 1;
	o.from = cf_date_fy_start(fy);
	o.to = cf_date_fy_end(fy);
	cf_date_format(o.to, ref);
	snprintf(lea, sizeof lea, "%03d", w->opt.la_code % 1000);
	/* a fixed time after the year end, so the same seed gives the same bytes */
	snprintf(when, sizeof when, "%04d-05-15T09:00:00", o.census);
	struct cin_census_head h = { o.census, ref, lea, "caseflow synth", "1", "001", when };
	if ((rc = cin_census_writer_open(&o.out, path, &h, err)))
		return rc;
	arena_init(&o.arena, 0);
	for (size_t i = 0; i < w->n_children && !o.out.xml.failed && !o.oom; i++)
		write_child(&o, &w->children[i]);
	arena_release(&o.arena);
	rc = cin_census_writer_close(&o.out, err);
	return o.oom && !rc ? cf_error_set(err, CF_EIO, "out of memory") : rc;
}

int synth_write_cin(const struct synth_world *w, const char *dir, struct cf_error *err)
{
	int rc = CF_OK;
	for (int k = 0; k < w->opt.years && !rc; k++)
		rc = write_year(w, dir, w->opt.first_year + k, err);
	return rc;
}
