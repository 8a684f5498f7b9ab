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
	xmlTextWriterPtr x;
	int census;            /* census year: 2024 for 2023-24 */
	cf_date from, to;
	int failed;
};

static void el(struct cin_out *o, const char *name, const char *value)
{
	if (xmlTextWriterWriteElement(o->x, BAD_CAST name, BAD_CAST value) < 0)
		o->failed = 1;
}

static void el_date(struct cin_out *o, const char *name, cf_date d)
{
	char buf[11];
	cf_date_format(d, buf);
	el(o, name, buf);
}

static void start(struct cin_out *o, const char *name)
{
	if (xmlTextWriterStartElement(o->x, BAD_CAST name) < 0)
		o->failed = 1;
}

static void end(struct cin_out *o)
{
	if (xmlTextWriterEndElement(o->x) < 0)
		o->failed = 1;
}

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
	start(o, "CINdetails");
	el_date(o, "CINreferralDate", r->date);
	const char *src = synth_source_codes[r->source];
	el(o, "ReferralSource", o->census < 2023 && !strcmp(src, "5D") ? "5C" : src);
	if (!r->nfa)
		el(o, "PrimaryNeedCode", r->need ? synth_need_codes[r->need] : "N9");
	if (known(o, r->closed)) {
		el_date(o, "CINclosureDate", r->closed);
		snprintf(buf, sizeof buf, "RC%d", o->census < 2023 && r->closure == 9 ? 8 : r->closure);
		el(o, "ReasonForClosure", buf);
	}
	for (int a = 0; a < r->nassess; a++) {
		const struct syn_assessment *x = &w->assessments[r->assess0 + a];
		int done = known(o, x->authorised);
		if (x->start > o->to || (done && x->authorised < o->from) || (!done && x->start < o->from))
			continue;
		start(o, "Assessments");
		el_date(o, "AssessmentActualStartDate", x->start);
		if (done) {
			el_date(o, "AssessmentAuthorisationDate", x->authorised);
			start(o, "FactorsIdentifiedAtAssessment");
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
				el(o, "AssessmentFactors", code);
			}
			end(o);
		}
		end(o);
	}
	if (o->census >= 2022)
		for (int p = 0; p < r->ncinplans; p++) {
			const struct syn_cinplan *x = &w->cinplans[r->cinplan0 + p];
			if (x->start > o->to || (x->end != NONE && x->end < o->from))
				continue;
			start(o, "CINPlanDates");
			el_date(o, "CINPlanStartDate", x->start);
			if (known(o, x->end))
				el_date(o, "CINPlanEndDate", x->end);
			end(o);
		}
	for (int q = 0; q < r->ns47; q++) {
		const struct syn_s47 *x = &w->s47s[r->s470 + q];
		int held = known(o, x->icpc);
		if (x->start > o->to || (held && x->icpc < o->from) || (!held && x->start < o->from))
			continue;
		start(o, "Section47");
		el_date(o, "S47ActualStartDate", x->start);
		el_date(o, "InitialCPCtarget", cf_date_add_working_days(x->start, 15));
		if (held)
			el_date(o, "DateOfInitialCPC", x->icpc);
		el(o, "ICPCnotRequired", x->icpc_not_required ? "1" : "0");
		end(o);
	}
	el(o, "ReferralNFA", r->nfa ? "1" : "0");
	for (int p = 0; p < r->ncpps; p++) {
		const struct syn_cpp *x = &w->cpps[r->cpp0 + p];
		if (x->start > o->to || (x->end != NONE && x->end < o->from))
			continue;
		start(o, "ChildProtectionPlans");
		el_date(o, "CPPstartDate", x->start);
		if (known(o, x->end))
			el_date(o, "CPPendDate", x->end);
		el(o, "InitialCategoryOfAbuse", synth_abuse_codes[x->initial_cat]);
		el(o, "LatestCategoryOfAbuse", synth_abuse_codes[x->latest_cat]);
		snprintf(buf, sizeof buf, "%d", x->previous);
		el(o, "NumberOfPreviousCPP", buf);
		/* reviews three months after the start, then every six months */
		cf_date rv = cf_date_add_months(x->start, 3) - 3;
		int any = 0;
		for (int i = 0; rv <= o->to && (x->end == NONE || rv < x->end); i++) {
			if (rv >= o->from) {
				if (!any++)
					start(o, "Reviews");
				el_date(o, "CPPreviewDate", rv);
			}
			rv = cf_date_add_months(rv, 6);
		}
		if (any)
			end(o);
		end(o);
	}
	end(o);
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
	start(o, "Child");
	start(o, "ChildIdentifiers");
	snprintf(buf, sizeof buf, "%d", c->id);
	el(o, "LAchildID", buf);
	if (c->uasc) {
		el(o, "UPNunknown", "UN2");
	} else if (cf_date_age(c->dob, o->to) < 5) {
		el(o, "UPNunknown", "UN1");
	} else {
		char upn[14];
		synth_upn(w, c, upn);
		el(o, "UPN", upn);
	}
	el_date(o, "PersonBirthDate", c->dob);
	if (o->census >= 2025)
		el(o, "Sex", c->sex == 1 ? "M" : "F");
	else
		el(o, "GenderCurrent", c->sex == 1 ? "1" : "2");
	end(o);
	start(o, "ChildCharacteristics");
	el(o, "Ethnicity", synth_ethnic_codes[c->ethnic]);
	start(o, "Disabilities");
	el(o, "Disability", synth_disability_codes[c->disability]);
	end(o);
	end(o);
	for (int k = 0; k < c->nreferrals; k++) {
		const struct syn_referral *r = &w->referrals[c->referral0 + k];
		if (r->date <= o->to && (r->closed == NONE || r->closed >= o->from))
			write_referral(o, r);
	}
	end(o);
}

static int write_year(const struct synth_world *w, const char *dir, int fy, struct cf_error *err)
{
	char ydir[4096], path[4200], yname[8], buf[32];
	synth_year_name(fy, yname);
	snprintf(ydir, sizeof ydir, "%s/%s", dir, yname);
	int rc = synth_mkdirs(ydir, err);
	if (rc)
		return rc;
	snprintf(path, sizeof path, "%s/cin_census.xml", ydir);
	struct cin_out o = { w, NULL, fy + 1, cf_date_fy_start(fy), cf_date_fy_end(fy), 0 };
	o.x = xmlNewTextWriterFilename(path, 0);
	if (!o.x)
		return cf_error_at(err, CF_EIO, path, 0, NULL, NULL, "cannot create");
	xmlTextWriterSetIndent(o.x, 1);
	xmlTextWriterSetIndentString(o.x, BAD_CAST "  ");
	if (xmlTextWriterStartDocument(o.x, "1.0", "UTF-8", NULL) < 0)
		o.failed = 1;
	start(&o, "Message");
	start(&o, "Header");
	start(&o, "CollectionDetails");
	el(&o, "Collection", "CIN");
	snprintf(buf, sizeof buf, "%d", o.census);
	el(&o, "Year", buf);
	el_date(&o, "ReferenceDate", o.to);
	end(&o);
	start(&o, "Source");
	el(&o, "SourceLevel", "L");
	snprintf(buf, sizeof buf, "%03d", w->opt.la_code % 1000);
	el(&o, "LEA", buf);
	el(&o, "SoftwareCode", "caseflow synth");
	el(&o, "Release", "1");
	el(&o, "SerialNo", "001");
	/* a fixed time after the year end, so the same seed gives the same bytes */
	snprintf(buf, sizeof buf, "%04d-05-15T09:00:00", o.census);
	el(&o, "DateTime", buf);
	end(&o);
	end(&o);
	start(&o, "Children");
	for (size_t i = 0; i < w->n_children && !o.failed; i++)
		write_child(&o, &w->children[i]);
	end(&o);
	end(&o);
	if (xmlTextWriterEndDocument(o.x) < 0)
		o.failed = 1;
	xmlFreeTextWriter(o.x);
	return o.failed ? cf_error_at(err, CF_EIO, path, 0, NULL, NULL, "write failed") : CF_OK;
}

int synth_write_cin(const struct synth_world *w, const char *dir, struct cf_error *err)
{
	int rc = CF_OK;
	for (int k = 0; k < w->opt.years && !rc; k++)
		rc = write_year(w, dir, w->opt.first_year + k, err);
	return rc;
}
