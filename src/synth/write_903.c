/* The synthetic authority's SSDA903 returns: per collection year, the 11
 * DfE CSV tables (and the XML layout with --xml), holding what a real
 * return holds — every child looked after at any time in the year, as the
 * council knew it on 31 March (later end dates are not yet known). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "formats/ssda903.h"
#include "formats/ssda903_write.h"
#include "synth/rng.h"
#include "synth/synth.h"
#include "synth/write.h"

#define NONE CF_DATE_NONE

struct year_out {
	const struct synth_world *w;
	int fy;
	cf_date from, to;
	struct ssda903_writer csv;
	struct ssda903_xml_writer xml;   /* with --xml */
	int with_xml;
	struct ssda903_child_rows child; /* the child being written: its rows of each table */
	struct arena arena;              /* their values, reset per child */
	int oom;
};

/* A date as the council knew it on 31 March: later dates are not yet known. */
static void known_dmy(const struct year_out *y, cf_date d, char buf[11])
{
	synth_date_dmy(d != NONE && d <= y->to ? d : NONE, buf);
}

/* One row of table t for the child being written: its columns' values in
 * order, as DfE writes them (copied: callers reuse their buffers). */
static void csv_row(struct year_out *y, enum ssda903_table t, ...)
{
	int ncols = ssda903_tables[t].ncols;
	const char **v = arena_alloc(&y->arena, (size_t)ncols * sizeof *v);
	if (!v || y->child.n[t] == SSDA903_CHILD_MAXROWS) {
		y->oom = 1;
		return;
	}
	va_list ap;
	va_start(ap, t);
	for (int c = 0; c < ncols && v; c++)
		if (!(v[c] = arena_strdup(&y->arena, va_arg(ap, const char *))))
			y->oom = 1;
	va_end(ap);
	y->child.rows[t][y->child.n[t]++] = v;
}

/* The child's rows to each table, and its <CHILD> with --xml. */
static void child_flush(struct year_out *y)
{
	for (int t = 0; t < S903_NTABLES && !y->oom; t++)
		for (int i = 0; i < y->child.n[t]; i++)
			ssda903_writer_row(&y->csv, (enum ssda903_table)t, y->child.rows[t][i]);
	if (y->with_xml && !y->oom)
		ssda903_xml_child(&y->xml, &y->child);
	memset(y->child.n, 0, sizeof y->child.n);
	arena_reset(&y->arena);
}

static int in_year(const struct year_out *y, cf_date start, cf_date end)
{
	return start <= y->to && (end == NONE || end >= y->from);
}

static void write_child(struct year_out *y, int ci)
{
	const struct synth_world *w = y->w;
	const struct syn_child *c = &w->children[ci];
	int first = -1, last = -1;
	for (int k = 0; k < c->nepisodes; k++) {
		const struct syn_episode *e = &w->episodes[c->episode0 + k];
		if (in_year(y, e->start, e->end)) {
			if (first < 0)
				first = k;
			last = k;
		}
	}
	/* care leavers with a 17th-21st birthday in the year */
	cf_date leaver = synth_care_leaver_since(w, c);
	int oc3_age = 0;
	for (int a = 17; a <= 21 && leaver != NONE; a++) {
		cf_date b = cf_date_add_years(c->dob, a);
		if (b >= y->from && b <= y->to && b > leaver)
			oc3_age = a;
	}
	if (first < 0 && !oc3_age)
		return;
	struct cf_rng r;
	syn_rng_seed(&r, w->opt.seed, 90000000ULL + (uint64_t)ci * 64 + (uint64_t)(y->fy % 64));
	char id[16], dob[11], upn[14], d1[11], d2[11], d3[11];
	snprintf(id, sizeof id, "%d", c->id);
	synth_date_dmy(c->dob, dob);
	synth_upn(w, c, upn);
	int age_end = cf_date_age(c->dob, y->to);

	/* header */
	char mother[2] = "", mc_dob[11] = "";
	if (c->sex == 2 && age_end >= 12 && first >= 0) {
		int is_mother = age_end >= 15 && cf_rng_chance(&r, 0.03);
		mother[0] = is_mother ? '1' : '0';
		if (is_mother)
			known_dmy(y, y->to - cf_rng_range(&r, 30, 700), mc_dob);
	}
	char sex[2] = { c->sex == 1 ? '1' : '2', 0 };
	csv_row(y, S903_HEADER, id, sex, dob, synth_ethnic_codes[c->ethnic], upn, mother, mc_dob);

	/* UASC */
	cf_date duc = cf_date_add_years(c->dob, 18);
	synth_date_dmy(duc, d1);
	if (c->uasc && first >= 0) {
		csv_row(y, S903_UASC, id, sex, dob, d1);
	}

	/* OC3 */
	if (oc3_age) {
		struct synth_oc3 o;
		synth_oc3(w, ci, y->fy, oc3_age, &o);
		csv_row(y, S903_OC3, id, dob, o.in_touch, o.activ, o.accom);
	}

	/* adoption: AD1 for children adopted in the year; placed for adoption
	 * for children with a decision in force during it */
	const struct syn_adoption *ad = c->nadoptions ? &w->adoptions[c->adoption0 + c->nadoptions - 1] : NULL;
	if (ad && ad->adopted != NONE && ad->adopted >= y->from && ad->adopted <= y->to) {
		synth_date_dmy(ad->decision, d1);
		synth_date_dmy(ad->match, d2);
		char nb[2] = { (char)('0' + ad->nb_adopters), 0 };
		csv_row(y, S903_AD1, id, dob, d1, d2, ad->foster_carer ? "1" : "0", nb, ad->sex_adopters,
			ad->ls_adopters);
	}

	/* missing */
	for (int k = 0; k < c->nmissing && first >= 0; k++) {
		const struct syn_missing *m = &w->missing[c->missing0 + k];
		if (!in_year(y, m->start, m->end))
			continue;
		synth_date_dmy(m->start, d1);
		known_dmy(y, m->end, d2);
		char type[2] = { m->type, 0 };
		csv_row(y, S903_MISSING, id, dob, type, d1, d2);
	}

	/* reviews */
	cf_date rv[128];
	int nrv = first >= 0 ? synth_review_dates(w, c, rv, 128) : 0;
	for (int k = 0; k < nrv; k++) {
		if (rv[k] < y->from || rv[k] > y->to)
			continue;
		static const double pn_w[] = { 45, 5, 5, 10, 22, 6, 7 };
		char code[4] = "PN0";
		if (cf_date_age(c->dob, rv[k]) >= 4)
			code[2] = (char)('1' + cf_rng_pick(&r, pn_w, 7));
		synth_date_dmy(rv[k], d1);
		csv_row(y, S903_REVIEWS, id, dob, d1, code);
	}

	/* previous permanence: for each period of care starting in the year */
	for (int i = 0; i < c->nperiods && first >= 0; i++) {
		const struct syn_period *p = &w->periods[c->period0 + i];
		if (p->start < y->from || p->start > y->to)
			continue;
		csv_row(y, S903_PREV_PERM, id, dob, p->prev_perm, p->la_perm, p->date_perm);
	}

	/* OC2: looked after continuously for 12 months at 31 March */
	int oc2 = 0;
	if (last >= 0) {
		const struct syn_episode *e = &w->episodes[c->episode0 + last];
		if (e->end == NONE || e->end > y->to) {
			int k = last;
			while (k > 0 && w->episodes[c->episode0 + k].rne != 'S')
				k--;
			oc2 = w->episodes[c->episode0 + k].start <= y->to - 365;
		}
	}
	if (oc2) {
		char sdq[4] = "", sdq_reason[5] = "";
		if (age_end >= 4 && age_end <= 16 && cf_rng_chance(&r, 0.8)) {
			int v = (int)(14 + 7 * cf_rng_normal(&r));
			snprintf(sdq, sizeof sdq, "%d", v < 0 ? 0 : v > 40 ? 40 : v);
		} else {
			snprintf(sdq_reason, sizeof sdq_reason, "SDQ%d",
				 age_end < 4 || age_end > 16 ? 1 : 2 + cf_rng_below(&r, 4));
		}
		int conv = age_end >= 10 && cf_rng_chance(&r, 0.03);
		int subst = age_end >= 10 && cf_rng_chance(&r, 0.04);
		int recv = subst && cf_rng_chance(&r, 0.6), offered = subst && (recv || cf_rng_chance(&r, 0.5));
		int hc = cf_rng_chance(&r, 0.9), imm = cf_rng_chance(&r, 0.85), teeth = cf_rng_chance(&r, 0.8),
		    ha = cf_rng_chance(&r, 0.9);
		static const char *const b01[2] = { "0", "1" };
		csv_row(y, S903_OC2, id, dob, sdq, sdq_reason, b01[conv], b01[hc], b01[imm], b01[teeth], b01[ha],
			b01[subst], b01[recv], b01[offered]);
	}

	if (ad && first >= 0 && ad->decision <= y->to && (ad->reversed == NONE || ad->reversed >= y->from) &&
	    (ad->adopted == NONE || ad->adopted >= y->from)) {
		synth_date_dmy(ad->decision, d1);
		known_dmy(y, ad->reversed, d2);
		char reason[4] = "";
		if (d2[0])
			snprintf(reason, sizeof reason, "RD%d", ad->reverse_reason ? ad->reverse_reason : 4);
		csv_row(y, S903_PLACED_ADOPTION, id, dob, d1, d2, reason);
	}

	/* episodes */
	for (int k = first; k >= 0 && k <= last; k++) {
		const struct syn_episode *e = &w->episodes[c->episode0 + k];
		char home[9] = "", rne[2] = { e->rne, 0 }, cin[3] = { 'N', (char)('0' + e->cin), 0 };
		int ended = e->end != NONE && e->end <= y->to;
		synth_date_dmy(e->start, d1);
		known_dmy(y, e->end, d2);
		if (e->home >= 0)
			synth_home_postcode(w, c, home);
		const char *rec = ended ? e->rec : "";
		const char *rpc = ended && e->rpc ? synth_rpc_codes[e->rpc - 1] : "";
		csv_row(y, S903_EPISODES, id, d1, rne, e->ls, cin, e->place, e->provider, d2, rec, rpc, home,
			e->pl_post, e->urn);
	}

	/* social worker episodes (collected from 2023-24): every allocation in
	 * the year for a child looked after during it */
	if (first >= 0 && y->fy >= 2023) {
		for (int k = 0; k < c->nallocs; k++) {
			const struct syn_alloc *al = &w->allocs[c->alloc0 + k];
			if (!in_year(y, al->start, al->end) || (al->end != NONE && al->end == y->from && al->start < y->from))
				continue;
			synth_date_dmy(al->start, d1);
			known_dmy(y, al->end, d3);
			csv_row(y, S903_SW_EPISODES, id, dob, w->workers[al->worker].id, d1, d3,
				synth_sw_reasons[al->reason]);
		}
	}
	child_flush(y);
}

static int write_year(const struct synth_world *w, const char *dir, int fy, struct cf_error *err)
{
	char ydir[4096], path[4200], yname[8];
	synth_year_name(fy, yname);
	snprintf(ydir, sizeof ydir, "%s/%s/ssda903", dir, yname);
	int rc = dir_make(ydir, err);
	if (rc)
		return rc;
	struct year_out y;
	memset(&y, 0, sizeof y);
	y.w = w;
	y.fy = fy;
	synth_year_bounds(w, fy, &y.from, &y.to);
	if ((rc = ssda903_writer_open(&y.csv, ydir, err)))
		return rc;
	if (w->opt.xml) {
		snprintf(path, sizeof path, "%s/%s/ssda903.xml", dir, yname);
		if ((rc = ssda903_xml_open(&y.xml, path, err))) {
			struct cf_error ignored;
			ssda903_writer_close(&y.csv, &ignored);
			return rc;
		}
		y.with_xml = 1;
	}
	arena_init(&y.arena, 0);
	for (size_t i = 0; i < w->n_children && !y.oom; i++)
		write_child(&y, (int)i);
	arena_release(&y.arena);
	if (y.oom)
		rc = cf_error_set(err, CF_EIO, "out of memory");
	if (y.with_xml) {
		struct cf_error ignored;
		int xrc = ssda903_xml_close(&y.xml, rc ? &ignored : err);
		if (!rc)
			rc = xrc;
	}
	struct cf_error ignored;   /* the first failure is the one reported */
	int close_rc = ssda903_writer_close(&y.csv, rc ? &ignored : err);
	return rc ? rc : close_rc;
}

int synth_write_ssda903(const struct synth_world *w, const char *dir, struct cf_error *err)
{
	int rc = CF_OK;
	for (int k = 0; k < w->opt.years && !rc; k++)
		rc = write_year(w, dir, w->opt.first_year + k, err);
	return rc;
}
