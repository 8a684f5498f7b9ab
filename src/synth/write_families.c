/* The synthetic authority's families extracts, coherent with its children
 * and early help: each family of siblings and a parent (members), early
 * help and social workers (allocations), a plan per early help episode,
 * partners' records that make some families eligible for Supporting
 * Families (and show progress, or a relapse), and audits of open cases. */
#include <stdio.h>
#include <stdlib.h>

#include "base/csv.h"
#include "synth/rng.h"
#include "synth/synth.h"
#include "synth/write.h"

#define NONE CF_DATE_NONE

static int appears(const struct syn_child *c) { return c->ncontacts || c->nreferrals || c->nepisodes; }

static int members(const struct synth_world *w, const char *dir, const char *known, struct cf_error *err)
{
	char path[4200], d1[11], d2[11];
	snprintf(path, sizeof path, "%s/family_members.csv", dir);
	FILE *fp = synth_csv_create(path, "family_id,person_id,child_id,role,from_date,to_date", err);
	if (!fp)
		return CF_EIO;
	for (size_t i = 0; i < w->n_children;) {
		int fam = w->children[i].family;
		size_t end = i;
		while (end < w->n_children && w->children[end].family == fam)
			end++;
		const struct syn_family *f = &w->families[fam];
		if (known[fam]) {
			int id = synth_family_id(w, fam);
			synth_iso(f->arrive, d1);
			synth_iso(f->leave, d2);
			fprintf(fp, "F%d,A%d,,parent,%s,%s\n", id, id, d1, d2);
			for (size_t c = i; c < end; c++) {
				const struct syn_child *ch = &w->children[c];
				if (!appears(ch) || ch->dob > w->end)
					continue;
				synth_iso(ch->dob > f->arrive ? ch->dob : f->arrive, d1);
				fprintf(fp, "F%d,P%d,%d,child,%s,%s\n", id, ch->id, ch->id, d1, d2);
			}
		}
		i = end;
	}
	return synth_csv_finish(fp, path, err);
}

/* A family's early help episode starts at row i of early_help (one row per
 * child), and is open in the years written (the history before is not). */
static int episode_start(const struct synth_world *w, size_t i)
{
	const struct syn_early_help *e = &w->early_help[i];
	if (e->end != NONE && e->end < w->start)
		return 0;
	return i == 0 || w->early_help[i - 1].family != w->early_help[i].family ||
	       w->early_help[i - 1].start != w->early_help[i].start;
}

static int allocations(const struct synth_world *w, const char *dir, struct cf_error *err)
{
	char path[4200], d1[11], d2[11];
	snprintf(path, sizeof path, "%s/allocations.csv", dir);
	FILE *fp = synth_csv_create(path, "worker_id,team,child_id,family_id,service,from_date,to_date", err);
	if (!fp)
		return CF_EIO;
	for (size_t i = 0; i < w->n_early_help; i++) {
		const struct syn_early_help *e = &w->early_help[i];
		if (!episode_start(w, i))
			continue;
		int loc = w->sectors[w->families[e->family].sector].locality;
		int id = synth_family_id(w, e->family);
		synth_iso(e->start, d1);
		synth_iso(e->end, d2);
		fprintf(fp, "EH%03d,%s early help,,F%d,early help,%s,%s\n", id % 40, loc >= 0 ? w->localities[loc].name : "Out of area",
			id, d1, d2);
	}
	for (size_t i = 0; i < w->n_allocs; i++) {
		const struct syn_alloc *a = &w->allocs[i];
		const struct syn_child *c = &w->children[a->child];
		int loc = w->sectors[w->families[c->family].sector].locality;
		synth_iso(a->start, d1);
		synth_iso(a->end, d2);
		fprintf(fp, "%s,%s social work,%d,,children's social care,%s,%s\n", w->workers[a->worker].id,
			loc >= 0 ? w->localities[loc].name : "Out of area", c->id, d1, d2);
	}
	return synth_csv_finish(fp, path, err);
}

/* Early help episode i has a plan (from 14 days after it starts): an episode too short has none. */
static int has_plan(const struct synth_world *w, size_t i)
{
	const struct syn_early_help *e = &w->early_help[i];
	return episode_start(w, i) && !(e->end != NONE && e->end < e->start + 14) && e->start + 14 <= w->end;
}

static int plans(const struct synth_world *w, const char *dir, struct cf_error *err)
{
	char path[4200], d1[11], d2[11], d3[11];
	snprintf(path, sizeof path, "%s/family_plans.csv", dir);
	FILE *fp = synth_csv_create(path, "family_id,lead_practitioner,assessment_date,plan_start,plan_end,outcome", err);
	if (!fp)
		return CF_EIO;
	for (size_t i = 0; i < w->n_early_help; i++) {
		const struct syn_early_help *e = &w->early_help[i];
		if (!has_plan(w, i))
			continue;
		synth_iso(e->start + 10, d1);
		synth_iso(e->start + 14, d2);
		synth_iso(e->end, d3);
		fprintf(fp, "F%d,", synth_family_id(w, e->family));
		csv_write_field(fp, synth_eh_leads[e->lead]);
		fprintf(fp, ",%s,%s,%s,", d1, d2, d3);
		if (e->end != NONE)
			csv_write_field(fp, synth_eh_outcomes[e->outcome]);
		fputc('\n', fp);
	}
	return synth_csv_finish(fp, path, err);
}

/* The Supporting Families claims the council made: a plan of the 2022-25
 * phase that ended with needs met is claimed seven months after it began
 * (six months sustained, then the month's claim window), when that day is
 * inside the simulation. Whether the records support each claim is for
 * caseflow families to say (a claim made and not found due is its to check). */
static int claims(const struct synth_world *w, const char *dir, struct cf_error *err)
{
	char path[4200], d[11];
	snprintf(path, sizeof path, "%s/sf_claims.csv", dir);
	FILE *fp = synth_csv_create(path, "family_id,phase,claim_date,amount", err);
	if (!fp)
		return CF_EIO;
	cf_date from = cf_date_from_ymd(2022, 4, 1), to = cf_date_from_ymd(2025, 3, 31);
	for (size_t i = 0; i < w->n_early_help; i++) {
		const struct syn_early_help *e = &w->early_help[i];
		if (!has_plan(w, i))
			continue;
		cf_date start = e->start + 14, claimed = cf_date_add_months(start, 7);
		if (start < from || start > to || e->end == NONE || e->outcome != 0 || claimed > w->end)
			continue;
		synth_iso(claimed, d);
		fprintf(fp, "F%d,sf2022,%s,4000\n", synth_family_id(w, e->family), d);
	}
	return synth_csv_finish(fp, path, err);
}

/* Before the plan: the problems that identify needs; after it, monthly
 * school attendance and the parent's work, which mostly improve (some
 * relapse), and police records for a few. */
static int partner_records(const struct synth_world *w, const char *dir, struct cf_error *err)
{
	char path[4200], d[11];
	snprintf(path, sizeof path, "%s/partner_records.csv", dir);
	FILE *fp = synth_csv_create(path, "family_id,person_id,date,source,measure,value", err);
	if (!fp)
		return CF_EIO;
	for (size_t i = 0; i < w->n_early_help; i++) {
		const struct syn_early_help *e = &w->early_help[i];
		if (!episode_start(w, i) || e->start + 14 > w->end)
			continue;
		struct cf_rng r;
		syn_rng_seed(&r, w->opt.seed, 0x46414d00u + i);
		int id = synth_family_id(w, e->family);
		cf_date plan = e->start + 14;
		int school = cf_rng_chance(&r, 0.7), work = cf_rng_chance(&r, 0.5), crime = cf_rng_chance(&r, 0.3),
		    abuse = cf_rng_chance(&r, 0.2), housing = cf_rng_chance(&r, 0.2);
		int improves = cf_rng_chance(&r, 0.65), relapse_month = improves ? 0 : 2 + cf_rng_below(&r, 6);
		if (school) {
			synth_iso(cf_date_add_months(plan, -1), d);
			fprintf(fp, "F%d,,%s,school,attendance %%,%d\n", id, d, 70 + cf_rng_below(&r, 19));
			for (int m = 1; m <= 9; m++) {
				cf_date on = cf_date_add_months(plan, m);
				if (on > w->end)
					break;
				int pct = m == relapse_month ? 75 + cf_rng_below(&r, 10) : 90 + cf_rng_below(&r, 11);
				synth_iso(on, d);
				fprintf(fp, "F%d,,%s,school,attendance %%,%d\n", id, d, pct);
			}
		}
		if (work) {
			synth_iso(cf_date_add_months(plan, -2), d);
			fprintf(fp, ",A%d,%s,DWP,out of work,yes\n", id, d);
			cf_date on = cf_date_add_months(plan, 3);
			if (improves && on <= w->end) {
				synth_iso(on, d);
				fprintf(fp, ",A%d,%s,DWP,out of work,no\n", id, d);
			}
		}
		if (crime) {
			synth_iso(plan - 30 - cf_rng_below(&r, 200), d);
			fprintf(fp, "F%d,,%s,police,crime,1\n", id, d);
		}
		if (abuse) {
			synth_iso(plan - 10 - cf_rng_below(&r, 150), d);
			fprintf(fp, "F%d,,%s,police,domestic abuse incident,1\n", id, d);
		}
		if (housing) {
			synth_iso(plan - 20, d);
			fprintf(fp, "F%d,,%s,housing,housing risk,yes\n", id, d);
			cf_date on = cf_date_add_months(plan, 4);
			if (improves && on <= w->end) {
				synth_iso(on, d);
				fprintf(fp, "F%d,,%s,housing,housing risk,no\n", id, d);
			}
		}
	}
	return synth_csv_finish(fp, path, err);
}

/* Each month, a sample of the children's cases open on its 15th. */
static int audits(const struct synth_world *w, const char *dir, struct cf_error *err)
{
	char path[4200], d1[11], d2[11];
	snprintf(path, sizeof path, "%s/audits.csv", dir);
	FILE *fp = synth_csv_create(path, "audit_id,child_id,date,type,theme,grade,actions_raised,actions_completed_by", err);
	if (!fp)
		return CF_EIO;
	static const double grade_w[] = { 8, 47, 35, 10 }, type_w[] = { 80, 15, 5 };
	static const char *const grades[] = { "outstanding", "good", "requires improvement", "inadequate" };
	static const char *const types[] = { "regular", "thematic", "dip sample" };
	static const char *const themes[] = { "neglect", "exploitation", "domestic abuse", "neglect" };
	struct cf_rng r;
	syn_rng_seed(&r, w->opt.seed, 0x41554400u);
	long n = 0;
	for (cf_date month = cf_date_from_ymd(w->opt.first_year, 4, 15); month <= w->end; month = cf_date_add_months(month, 1))
		for (size_t i = 0; i < w->n_referrals; i++) {
			const struct syn_referral *f = &w->referrals[i];
			if (f->date > month || (f->closed != NONE && f->closed <= month) || !cf_rng_chance(&r, 0.04))
				continue;
			cf_date on = month - 14 + cf_rng_below(&r, 28);
			if (on > w->end)
				continue;
			int type = cf_rng_pick(&r, type_w, 3), grade = cf_rng_pick(&r, grade_w, 4);
			int actions = grade >= 2 ? 1 + cf_rng_below(&r, 3) : cf_rng_below(&r, 2);
			cf_date done = actions && cf_rng_chance(&r, 0.75) ? on + 20 + cf_rng_below(&r, 40) : NONE;
			synth_iso(on, d1);
			synth_iso(done != NONE && done <= w->end ? done : NONE, d2);
			fprintf(fp, "AU%06ld,%d,%s,%s,%s,%s,%d,%s\n", ++n, w->children[f->child].id, d1, types[type],
				type == 1 ? themes[cf_rng_below(&r, 4)] : "", grades[grade], actions, d2);
		}
	return synth_csv_finish(fp, path, err);
}

int synth_write_families(const struct synth_world *w, const char *dir, struct cf_error *err)
{
	char *known = calloc(w->n_families ? w->n_families : 1, 1);
	if (!known)
		return cf_error_set(err, CF_EIO, "out of memory");
	/* a family the council knows: it had early help, or a child of it is in a return */
	for (size_t i = 0; i < w->n_early_help; i++)
		known[w->early_help[i].family] = 1;
	for (size_t i = 0; i < w->n_children; i++)
		if (appears(&w->children[i]))
			known[w->children[i].family] = 1;
	int rc = members(w, dir, known, err);
	free(known);
	if (!rc)
		rc = allocations(w, dir, err);
	if (!rc)
		rc = plans(w, dir, err);
	if (!rc)
		rc = partner_records(w, dir, err);
	if (!rc)
		rc = audits(w, dir, err);
	if (!rc)
		rc = claims(w, dir, err);
	return rc;
}
