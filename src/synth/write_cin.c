/* The synthetic authority's CIN census: one XML file per collection year,
 * in that year's DfE layout (CIN_schema_<year>.xsd: CIN plan dates from
 * 2022, Sex M/F instead of GenderCurrent 1/2 from 2025, code lists as
 * they stood), holding every CIN episode open at any time in the year as
 * the council knew it on 31 March. Written with libxml2's xmlTextWriter. */
#include <stdio.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "synth/synth.h"
#include "synth/write.h"

#define NONE CF_DATE_NONE

struct cin_out {
	const struct synth_world *w;
	struct syn_xml xml;
	int census;            /* census year: 2024 for 2023-24 */
	cf_date from, to;
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

static void write_referral(struct cin_out *o, const struct syn_referral *r)
{
	const struct synth_world *w = o->w;
	char buf[16];
	syn_xml_start(&o->xml, "CINdetails");
	syn_xml_el_date(&o->xml, "CINreferralDate", r->date);
	const char *src = synth_source_codes[r->source];
	syn_xml_el(&o->xml, "ReferralSource", o->census < 2023 && !strcmp(src, "5D") ? "5C" : src);
	if (!r->nfa)
		syn_xml_el(&o->xml, "PrimaryNeedCode", r->need ? synth_need_codes[r->need] : "N9");
	if (known(o, r->closed)) {
		syn_xml_el_date(&o->xml, "CINclosureDate", r->closed);
		snprintf(buf, sizeof buf, "RC%d", o->census < 2023 && r->closure == 9 ? 8 : r->closure);
		syn_xml_el(&o->xml, "ReasonForClosure", buf);
	}
	for (int a = 0; a < r->nassess; a++) {
		const struct syn_assessment *x = &w->assessments[r->assess0 + a];
		int done = known(o, x->authorised);
		if (x->start > o->to || (done && x->authorised < o->from) || (!done && x->start < o->from))
			continue;
		syn_xml_start(&o->xml, "Assessments");
		syn_xml_el_date(&o->xml, "AssessmentActualStartDate", x->start);
		if (done) {
			syn_xml_el_date(&o->xml, "AssessmentAuthorisationDate", x->authorised);
			syn_xml_start(&o->xml, "FactorsIdentifiedAtAssessment");
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
				syn_xml_el(&o->xml, "AssessmentFactors", code);
			}
			syn_xml_end(&o->xml);
		}
		syn_xml_end(&o->xml);
	}
	if (o->census >= 2022)
		for (int p = 0; p < r->ncinplans; p++) {
			const struct syn_cinplan *x = &w->cinplans[r->cinplan0 + p];
			if (x->start > o->to || (x->end != NONE && x->end < o->from))
				continue;
			syn_xml_start(&o->xml, "CINPlanDates");
			syn_xml_el_date(&o->xml, "CINPlanStartDate", x->start);
			if (known(o, x->end))
				syn_xml_el_date(&o->xml, "CINPlanEndDate", x->end);
			syn_xml_end(&o->xml);
		}
	for (int q = 0; q < r->ns47; q++) {
		const struct syn_s47 *x = &w->s47s[r->s470 + q];
		int held = known(o, x->icpc);
		if (x->start > o->to || (held && x->icpc < o->from) || (!held && x->start < o->from))
			continue;
		syn_xml_start(&o->xml, "Section47");
		syn_xml_el_date(&o->xml, "S47ActualStartDate", x->start);
		syn_xml_el_date(&o->xml, "InitialCPCtarget", cf_date_add_working_days(x->start, 15));
		if (held)
			syn_xml_el_date(&o->xml, "DateOfInitialCPC", x->icpc);
		syn_xml_el(&o->xml, "ICPCnotRequired", x->icpc_not_required ? "1" : "0");
		syn_xml_end(&o->xml);
	}
	syn_xml_el(&o->xml, "ReferralNFA", r->nfa ? "1" : "0");
	for (int p = 0; p < r->ncpps; p++) {
		const struct syn_cpp *x = &w->cpps[r->cpp0 + p];
		if (x->start > o->to || (x->end != NONE && x->end < o->from))
			continue;
		syn_xml_start(&o->xml, "ChildProtectionPlans");
		syn_xml_el_date(&o->xml, "CPPstartDate", x->start);
		if (known(o, x->end))
			syn_xml_el_date(&o->xml, "CPPendDate", x->end);
		syn_xml_el(&o->xml, "InitialCategoryOfAbuse", synth_abuse_codes[x->initial_cat]);
		syn_xml_el(&o->xml, "LatestCategoryOfAbuse", synth_abuse_codes[x->latest_cat]);
		snprintf(buf, sizeof buf, "%d", x->previous);
		syn_xml_el(&o->xml, "NumberOfPreviousCPP", buf);
		/* reviews three months after the start, then every six months */
		cf_date rv = cf_date_add_months(x->start, 3) - 3;
		int any = 0;
		for (int i = 0; rv <= o->to && (x->end == NONE || rv < x->end); i++) {
			if (rv >= o->from) {
				if (!any++)
					syn_xml_start(&o->xml, "Reviews");
				syn_xml_el_date(&o->xml, "CPPreviewDate", rv);
			}
			rv = cf_date_add_months(rv, 6);
		}
		if (any)
			syn_xml_end(&o->xml);
		syn_xml_end(&o->xml);
	}
	syn_xml_end(&o->xml);
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
	syn_xml_start(&o->xml, "Child");
	syn_xml_start(&o->xml, "ChildIdentifiers");
	snprintf(buf, sizeof buf, "%d", c->id);
	syn_xml_el(&o->xml, "LAchildID", buf);
	if (c->uasc) {
		syn_xml_el(&o->xml, "UPNunknown", "UN2");
	} else if (cf_date_age(c->dob, o->to) < 5) {
		syn_xml_el(&o->xml, "UPNunknown", "UN1");
	} else {
		char upn[14];
		synth_upn(w, c, upn);
		syn_xml_el(&o->xml, "UPN", upn);
	}
	syn_xml_el_date(&o->xml, "PersonBirthDate", c->dob);
	if (o->census >= 2025)
		syn_xml_el(&o->xml, "Sex", c->sex == 1 ? "M" : "F");
	else
		syn_xml_el(&o->xml, "GenderCurrent", c->sex == 1 ? "1" : "2");
	syn_xml_end(&o->xml);
	syn_xml_start(&o->xml, "ChildCharacteristics");
	syn_xml_el(&o->xml, "Ethnicity", synth_ethnic_codes[c->ethnic]);
	syn_xml_start(&o->xml, "Disabilities");
	syn_xml_el(&o->xml, "Disability", synth_disability_codes[c->disability]);
	syn_xml_end(&o->xml);
	syn_xml_end(&o->xml);
	for (int k = 0; k < c->nreferrals; k++) {
		const struct syn_referral *r = &w->referrals[c->referral0 + k];
		if (r->date <= o->to && (r->closed == NONE || r->closed >= o->from))
			write_referral(o, r);
	}
	syn_xml_end(&o->xml);
}

static int write_year(const struct synth_world *w, const char *dir, int fy, struct cf_error *err)
{
	char ydir[4096], path[4200], yname[8], buf[32];
	synth_year_name(fy, yname);
	snprintf(ydir, sizeof ydir, "%s/%s", dir, yname);
	int rc = dir_make(ydir, err);
	if (rc)
		return rc;
	snprintf(path, sizeof path, "%s/cin_census.xml", ydir);
	struct cin_out o = { w, { NULL, 0 }, fy + 1, cf_date_fy_start(fy), cf_date_fy_end(fy) };
	if ((rc = syn_xml_open(&o.xml, path, err)))
		return rc;
	syn_xml_start(&o.xml, "Message");
	syn_xml_start(&o.xml, "Header");
	syn_xml_start(&o.xml, "CollectionDetails");
	syn_xml_el(&o.xml, "Collection", "CIN");
	snprintf(buf, sizeof buf, "%d", o.census);
	syn_xml_el(&o.xml, "Year", buf);
	syn_xml_el_date(&o.xml, "ReferenceDate", o.to);
	syn_xml_end(&o.xml);
	syn_xml_start(&o.xml, "Source");
	syn_xml_el(&o.xml, "SourceLevel", "L");
	snprintf(buf, sizeof buf, "%03d", w->opt.la_code % 1000);
	syn_xml_el(&o.xml, "LEA", buf);
	syn_xml_el(&o.xml, "SoftwareCode", "caseflow synth");
	syn_xml_el(&o.xml, "Release", "1");
	syn_xml_el(&o.xml, "SerialNo", "001");
	/* a fixed time after the year end, so the same seed gives the same bytes */
	snprintf(buf, sizeof buf, "%04d-05-15T09:00:00", o.census);
	syn_xml_el(&o.xml, "DateTime", buf);
	syn_xml_end(&o.xml);
	syn_xml_end(&o.xml);
	syn_xml_start(&o.xml, "Children");
	for (size_t i = 0; i < w->n_children && !o.xml.failed; i++)
		write_child(&o, &w->children[i]);
	syn_xml_end(&o.xml);
	syn_xml_end(&o.xml);
	return syn_xml_close(&o.xml, path, err);
}

int synth_write_cin(const struct synth_world *w, const char *dir, struct cf_error *err)
{
	int rc = CF_OK;
	for (int k = 0; k < w->opt.years && !rc; k++)
		rc = write_year(w, dir, w->opt.first_year + k, err);
	return rc;
}
