/* The synthetic authority as a Standard Safeguarding Dataset extract: the
 * ssd_* tables (formats/ssd.h's columns, in the SSD's names) as the
 * council's own database would give them on the last day simulated, holding
 * every record that any of the years' statutory returns holds — so the
 * extract and the returns tell one story (docs/ssd.md says where they
 * cannot). No names, UPNs or addresses beyond the postcode. */
#include <stdio.h>
#include <string.h>

#include "base/csv.h"
#include "synth/synth.h"
#include "synth/write.h"

#define NONE CF_DATE_NONE

enum { F_PERSON, F_ADDRESS, F_CONTACTS, F_CIN, F_ASSESS, F_FACTORS, F_CINPLAN, F_S47, F_ICPC, F_CPP, F_CPREVIEW,
       F_CLA, F_LEGAL, F_PLACE, F_CLAREVIEW, F_MISSING, F_LEAVERS, F_INVOLVE, F_N };

static const char *const files[F_N][2] = {
	{ "ssd_person", "pers_person_id,pers_sex,pers_ethnicity,pers_dob,pers_upn_unknown" },
	{ "ssd_address", "addr_table_id,addr_person_id,addr_address_type,addr_address_start_date,addr_address_end_date,addr_address_postcode" },
	{ "ssd_contacts", "cont_contact_id,cont_person_id,cont_contact_date,cont_contact_source_code,cont_contact_outcome_json" },
	{ "ssd_cin_episodes", "cine_referral_id,cine_person_id,cine_referral_date,cine_cin_primary_need_code,cine_referral_source_code,cine_referral_nfa,cine_close_reason,cine_close_date" },
	{ "ssd_cin_assessments", "cina_assessment_id,cina_person_id,cina_referral_id,cina_assessment_start_date,cina_assessment_auth_date" },
	{ "ssd_assessment_factors", "cinf_table_id,cinf_assessment_id,cinf_assessment_factors_json" },
	{ "ssd_cin_plans", "cinp_cin_plan_id,cinp_referral_id,cinp_person_id,cinp_cin_plan_start_date,cinp_cin_plan_end_date" },
	{ "ssd_s47_enquiry", "s47e_s47_enquiry_id,s47e_referral_id,s47e_person_id,s47e_s47_start_date,s47e_s47_end_date,s47e_s47_outcome_json" },
	{ "ssd_initial_cp_conference", "icpc_icpc_id,icpc_s47_enquiry_id,icpc_person_id,icpc_referral_id,icpc_icpc_target_date,icpc_icpc_date,icpc_icpc_outcome_cp_flag" },
	{ "ssd_cp_plans", "cppl_cp_plan_id,cppl_referral_id,cppl_person_id,cppl_cp_plan_start_date,cppl_cp_plan_end_date,cppl_cp_plan_initial_category,cppl_cp_plan_latest_category" },
	{ "ssd_cp_reviews", "cppr_cp_review_id,cppr_person_id,cppr_cp_plan_id,cppr_cp_review_date" },
	{ "ssd_cla_episodes", "clae_cla_episode_id,clae_person_id,clae_cla_episode_start_date,clae_cla_episode_start_reason,clae_cla_primary_need_code,clae_cla_episode_ceased_date,clae_cla_episode_ceased_reason,clae_cla_id,clae_cla_placement_id" },
	{ "ssd_legal_status", "lega_legal_status_id,lega_person_id,lega_legal_status,lega_legal_status_start_date,lega_legal_status_end_date" },
	{ "ssd_cla_placement", "clap_cla_placement_id,clap_person_id,clap_cla_id,clap_cla_placement_start_date,clap_cla_placement_type,clap_cla_placement_urn,clap_cla_placement_provider,clap_cla_placement_postcode,clap_cla_placement_end_date,clap_cla_placement_change_reason" },
	{ "ssd_cla_reviews", "clar_cla_review_id,clar_cla_id,clar_cla_review_date,clar_cla_review_cancelled,clar_cla_review_participation" },
	{ "ssd_missing", "miss_table_id,miss_person_id,miss_missing_episode_start_date,miss_missing_episode_type,miss_missing_episode_end_date" },
	{ "ssd_care_leavers", "clea_table_id,clea_person_id,clea_care_leaver_in_touch,clea_care_leaver_accommodation,clea_care_leaver_accom_suitable,clea_care_leaver_activity" },
	{ "ssd_involvements", "invo_involvements_id,invo_professional_id,invo_professional_team,invo_involvement_start_date,invo_involvement_end_date,invo_person_id" },
};

/* The SSD's words for the CIN census's categories of abuse. */
static const char *const abuse_words[SYN_NABUSE] = { "Neglect", "Emotional abuse", "Physical abuse", "Sexual abuse",
						     "Multiple" };

struct ssd_out {
	const struct synth_world *w;
	FILE *fp[F_N];
	int first_fy, last_fy;
	cf_date from, to;          /* the window the returns cover */
	long next[F_N];            /* each table's row identifiers */
};

/* A date as known on the extract's day (later dates are not yet known). */
static const char *known(const struct ssd_out *o, cf_date d, char buf[11])
{
	synth_iso(d != NONE && d <= o->to ? d : NONE, buf);
	return buf;
}

static int overlaps(cf_date start, cf_date end, cf_date from, cf_date to)
{
	return start <= to && (end == NONE || end >= from);
}

/* Whether any year's CIN census holds the referral, and a record of it
 * that census year fy would hold (write_cin.c's rules, year by year). */
static int referral_in(const struct ssd_out *o, const struct syn_referral *r, int fy)
{
	return overlaps(r->date, r->closed, cf_date_fy_start(fy), cf_date_fy_end(fy));
}

static int assessment_in(const struct ssd_out *o, const struct syn_referral *r, const struct syn_assessment *x)
{
	for (int fy = o->first_fy; fy <= o->last_fy; fy++) {
		cf_date from = cf_date_fy_start(fy), to = cf_date_fy_end(fy);
		int done = x->authorised != NONE && x->authorised <= to;
		if (referral_in(o, r, fy) && !(x->start > to || (done && x->authorised < from) || (!done && x->start < from)))
			return 1;
	}
	return 0;
}

static int s47_in(const struct ssd_out *o, const struct syn_referral *r, const struct syn_s47 *x)
{
	for (int fy = o->first_fy; fy <= o->last_fy; fy++) {
		cf_date from = cf_date_fy_start(fy), to = cf_date_fy_end(fy);
		int held = x->icpc != NONE && x->icpc <= to;
		if (referral_in(o, r, fy) && !(x->start > to || (held && x->icpc < from) || (!held && x->start < from)))
			return 1;
	}
	return 0;
}

static int span_in(const struct ssd_out *o, const struct syn_referral *r, cf_date start, cf_date end)
{
	for (int fy = o->first_fy; fy <= o->last_fy; fy++)
		if (referral_in(o, r, fy) && overlaps(start, end, cf_date_fy_start(fy), cf_date_fy_end(fy)))
			return 1;
	return 0;
}

static void write_referral(struct ssd_out *o, const struct syn_child *c, const struct syn_referral *r, long rid)
{
	const struct synth_world *w = o->w;
	char d1[11], d2[11];
	FILE **f = o->fp;
	const char *need = r->nfa ? "" : r->need ? synth_need_codes[r->need] : "N9";
	char closure[8] = "";
	if (r->closed != NONE && r->closed <= o->to)
		snprintf(closure, sizeof closure, "RC%d", r->closure);
	fprintf(f[F_CIN], "R%ld,%d,%s,%s,%s,%s,%s,%s\n", rid, c->id, known(o, r->date, d1), need,
		synth_source_codes[r->source], r->nfa ? "Y" : "N", closure, known(o, r->closed, d2));
	for (int a = 0; a < r->nassess; a++) {
		const struct syn_assessment *x = &w->assessments[r->assess0 + a];
		if (!assessment_in(o, r, x))
			continue;
		long id = ++o->next[F_ASSESS];
		fprintf(f[F_ASSESS], "A%ld,%d,R%ld,%s,%s\n", id, c->id, rid, known(o, x->start, d1),
			known(o, x->authorised, d2));
		if (x->authorised == NONE || x->authorised > o->to || !x->factors)
			continue;
		/* the factors as the SSD's JSON array: ["1A", "2B"] */
		char json[400] = "[";
		size_t n = 1;
		for (int i = 0; i < synth_nfactors; i++)
			if (x->factors & (1ULL << i))
				n += (size_t)snprintf(json + n, sizeof json - n, "%s\"%s\"", n > 1 ? ", " : "",
						      synth_factor_codes[i]);
		snprintf(json + n, sizeof json - n, "]");
		fprintf(f[F_FACTORS], "F%ld,A%ld,", ++o->next[F_FACTORS], id);
		csv_write_field(f[F_FACTORS], json);
		fputc('\n', f[F_FACTORS]);
	}
	for (int p = 0; p < r->ncinplans; p++) {
		const struct syn_cinplan *x = &w->cinplans[r->cinplan0 + p];
		if (span_in(o, r, x->start, x->end))
			fprintf(f[F_CINPLAN], "P%ld,R%ld,%d,%s,%s\n", ++o->next[F_CINPLAN], rid, c->id,
				known(o, x->start, d1), known(o, x->end, d2));
	}
	for (int q = 0; q < r->ns47; q++) {
		const struct syn_s47 *x = &w->s47s[r->s470 + q];
		if (!s47_in(o, r, x))
			continue;
		long id = ++o->next[F_S47];
		int held = x->icpc != NONE && x->icpc <= o->to;
		char json[80];
		snprintf(json, sizeof json, "{\"CP_CONFERENCE_FLAG\": \"%s\"}", x->icpc_not_required ? "N" : "Y");
		/* the census has no end date: the enquiry is taken to end at its conference */
		fprintf(f[F_S47], "S%ld,R%ld,%d,%s,%s,", id, rid, c->id, known(o, x->start, d1), known(o, held ? x->icpc : NONE, d2));
		csv_write_field(f[F_S47], json);
		fputc('\n', f[F_S47]);
		if (held)
			fprintf(f[F_ICPC], "I%ld,S%ld,%d,R%ld,%s,%s,Y\n", ++o->next[F_ICPC], id, c->id, rid,
				known(o, cf_date_add_working_days(x->start, 15), d1), known(o, x->icpc, d2));
	}
	for (int p = 0; p < r->ncpps; p++) {
		const struct syn_cpp *x = &w->cpps[r->cpp0 + p];
		if (!span_in(o, r, x->start, x->end))
			continue;
		long id = ++o->next[F_CPP];
		fprintf(f[F_CPP], "C%ld,R%ld,%d,%s,%s,%s,%s\n", id, rid, c->id, known(o, x->start, d1),
			known(o, x->end, d2), abuse_words[x->initial_cat], abuse_words[x->latest_cat]);
		/* reviews three months after the start, then every six months (write_cin.c) */
		for (cf_date rv = cf_date_add_months(x->start, 3) - 3; rv <= o->to && (x->end == NONE || rv < x->end);
		     rv = cf_date_add_months(rv, 6))
			if (rv >= o->from && span_in(o, r, rv, rv))
				fprintf(f[F_CPREVIEW], "V%ld,%d,C%ld,%s\n", ++o->next[F_CPREVIEW], c->id, id, known(o, rv, d1));
	}
}

/* The child's episodes of care in the window, with their periods of care
 * (a new one at each S), placements (a new one unless only the legal status
 * changed) and runs of one legal status. */
static void write_care(struct ssd_out *o, const struct syn_child *c, int first, int last)
{
	const struct synth_world *w = o->w;
	FILE **f = o->fp;
	char d1[11], d2[11];
	int cla = 0;     /* the period of care: "CLA<child>-<n>", n from 1 in the window */
	long place = 0;
	for (int k = first; k <= last; k++) {
		const struct syn_episode *e = &w->episodes[c->episode0 + k];
		if (k == first || e->rne == 'S')
			cla++;
		/* a new placement and its row, ending with the last episode of its chain */
		if (k == first || e->rne != 'L') {
			place = ++o->next[F_PLACE];
			int j = k;
			while (j < last && w->episodes[c->episode0 + j + 1].rne == 'L')
				j++;
			const struct syn_episode *z = &w->episodes[c->episode0 + j];
			int ended = z->end != NONE && z->end <= o->to;
			fprintf(f[F_PLACE], "PL%ld,%d,CLA%d-%d,%s,%s,%s,%s,%s,%s,%s\n", place, c->id, c->id, cla, known(o, e->start, d1),
				e->place, e->urn, e->provider, e->pl_post, known(o, z->end, d2),
				ended && z->rpc ? synth_rpc_codes[z->rpc - 1] : "");
		}
		/* a legal status from its first episode to the last one with it */
		const struct syn_episode *prev = k > first ? &w->episodes[c->episode0 + k - 1] : NULL;
		if (!prev || e->rne == 'S' || strcmp(prev->ls, e->ls)) {
			int j = k;
			while (j < last && w->episodes[c->episode0 + j + 1].rne != 'S' &&
			       !strcmp(w->episodes[c->episode0 + j + 1].ls, e->ls))
				j++;
			fprintf(f[F_LEGAL], "LS%ld,%d,%s,%s,%s\n", ++o->next[F_LEGAL], c->id, e->ls, known(o, e->start, d1),
				known(o, w->episodes[c->episode0 + j].end, d2));
		}
		int ended = e->end != NONE && e->end <= o->to;
		fprintf(f[F_CLA], "E%ld,%d,%s,%c,N%d,%s,%s,CLA%d-%d,PL%ld\n", ++o->next[F_CLA], c->id,
			known(o, e->start, d1), e->rne, e->cin, known(o, e->end, d2), ended ? e->rec : "", c->id, cla, place);
	}
}

static void write_child(struct ssd_out *o, int ci)
{
	const struct synth_world *w = o->w;
	const struct syn_child *c = &w->children[ci];
	FILE **f = o->fp;
	char d1[11], d2[11];
	int any = 0;
	/* CIN: every referral some census holds */
	for (int k = 0; k < c->nreferrals; k++) {
		const struct syn_referral *r = &w->referrals[c->referral0 + k];
		int in = 0;
		for (int fy = o->first_fy; fy <= o->last_fy && !in; fy++)
			in = referral_in(o, r, fy);
		if (in) {
			write_referral(o, c, r, ++o->next[F_CIN]);
			any = 1;
		}
	}
	for (int k = 0; k < c->ncontacts; k++) {
		const struct syn_contact *x = &w->contacts[c->contact0 + k];
		if (x->date < o->from || x->date > o->to)
			continue;
		static const char *const flag[SYN_CO_N] = { "NFA_FLAG", "ADVICE_FLAG", "OTHER_OUTCOMES_EXIST_FLAG",
							    "NEW_REFERRAL_FLAG" };
		char json[80];
		snprintf(json, sizeof json, "{\"%s\": \"Y\"}", flag[x->outcome]);
		fprintf(f[F_CONTACTS], "K%ld,%d,%s,%s,", ++o->next[F_CONTACTS], c->id, known(o, x->date, d1),
			synth_source_codes[x->source]);
		csv_write_field(f[F_CONTACTS], json);
		fputc('\n', f[F_CONTACTS]);
		any = 1;
	}
	/* care: the episodes any year's SSDA903 holds */
	int first = -1, last = -1;
	for (int k = 0; k < c->nepisodes; k++) {
		const struct syn_episode *e = &w->episodes[c->episode0 + k];
		if (overlaps(e->start, e->end, o->from, o->to)) {
			if (first < 0)
				first = k;
			last = k;
		}
	}
	if (first >= 0) {
		write_care(o, c, first, last);
		int home = 0;
		for (int k = first; k <= last; k++)
			home |= w->episodes[c->episode0 + k].home >= 0;
		if (home) {
			char post[9];
			synth_home_postcode(w, c, post);
			fprintf(f[F_ADDRESS], "AD%ld,%d,HOME,,,%s\n", ++o->next[F_ADDRESS], c->id, post);
		}
		for (int k = 0; k < c->nmissing; k++) {
			const struct syn_missing *m = &w->missing[c->missing0 + k];
			if (overlaps(m->start, m->end, o->from, o->to))
				fprintf(f[F_MISSING], "M%ld,%d,%s,%c,%s\n", ++o->next[F_MISSING], c->id, known(o, m->start, d1),
					m->type, known(o, m->end, d2));
		}
		/* reviews, each on the period of care it falls in */
		cf_date rv[128];
		int nrv = synth_review_dates(w, c, rv, 128);
		for (int k = 0; k < nrv; k++) {
			if (rv[k] < o->from || rv[k] > o->to)
				continue;
			int cla = 0;
			/* the period's number, as write_care counts them */
			for (int j = first; j <= last; j++)
				if (w->episodes[c->episode0 + j].start <= rv[k] && (j == first || w->episodes[c->episode0 + j].rne == 'S'))
					cla++;
			fprintf(f[F_CLAREVIEW], "RV%ld,CLA%d-%d,%s,N,%s\n", ++o->next[F_CLAREVIEW], c->id, cla,
				known(o, rv[k], d1), cf_date_age(c->dob, rv[k]) >= 4 ? "PN1" : "PN0");
		}
		any = 1;
	}
	/* social workers' allocations to the child in the window (the families extract's allocations) */
	for (int k = 0; k < c->nallocs; k++) {
		const struct syn_alloc *al = &w->allocs[c->alloc0 + k];
		if (!overlaps(al->start, al->end, o->from, o->to))
			continue;
		int loc = w->sectors[w->families[c->family].sector].locality;
		fprintf(f[F_INVOLVE], "IN%ld,%s,%s social work,%s,%s,%d\n", ++o->next[F_INVOLVE], w->workers[al->worker].id,
			loc >= 0 ? w->localities[loc].name : "Out of area", known(o, al->start, d1), known(o, al->end, d2),
			c->id);
		any = 1;
	}
	/* care leavers: those the last year's OC3 holds */
	cf_date leaver = synth_care_leaver_since(w, c), from = cf_date_fy_start(o->last_fy);
	int oc3_age = 0;
	for (int a = 17; a <= 21 && leaver != NONE; a++) {
		cf_date b = cf_date_add_years(c->dob, a);
		if (b >= from && b <= o->to && b > leaver)
			oc3_age = a;
	}
	if (oc3_age) {
		struct synth_oc3 x;
		synth_oc3(w, ci, o->last_fy, oc3_age, &x);
		char accom[2] = { x.accom[0], 0 }, suit[2] = { x.accom[0] ? x.accom[1] : 0, 0 };
		fprintf(f[F_LEAVERS], "CL%ld,%d,%s,%s,%s,%s\n", ++o->next[F_LEAVERS], c->id, x.in_touch, accom, suit,
			x.activ);
		any = 1;
	}
	if (any)
		fprintf(f[F_PERSON], "%d,%s,%s,%s,%s\n", c->id, c->sex == 1 ? "M" : "F", synth_ethnic_codes[c->ethnic],
			known(o, c->dob, d1), c->uasc ? "UN2" : "");
}

int synth_write_ssd(const struct synth_world *w, const char *dir, struct cf_error *err)
{
	char path[4200];
	const char *sdir = dir;
	int rc = dir_make(sdir, err);
	if (rc)
		return rc;
	struct ssd_out o;
	memset(&o, 0, sizeof o);
	o.w = w;
	o.first_fy = w->opt.first_year;
	o.last_fy = w->opt.first_year + w->opt.years - 1;
	o.from = cf_date_fy_start(o.first_fy);
	o.to = cf_date_fy_end(o.last_fy);
	for (int i = 0; i < F_N && !rc; i++) {
		snprintf(path, sizeof path, "%s/%s.csv", sdir, files[i][0]);
		if (!(o.fp[i] = synth_csv_create(path, files[i][1], err)))
			rc = CF_EIO;
	}
	for (size_t i = 0; i < w->n_children && !rc; i++)
		write_child(&o, (int)i);
	for (int i = 0; i < F_N; i++) {
		if (!o.fp[i])
			continue;
		snprintf(path, sizeof path, "%s/%s.csv", sdir, files[i][0]);
		struct cf_error ignored;   /* the first failure is the one reported */
		int frc = synth_csv_finish(o.fp[i], path, rc ? &ignored : err);
		if (!rc)
			rc = frc;
	}
	return rc;
}
