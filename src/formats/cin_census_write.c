/* Writing a CIN census in DfE's XML layout (formats/cin_census_write.h). */
#include "formats/cin_census_write.h"

#include <stdio.h>
#include <string.h>

static void el(struct cin_census_writer *w, const char *name, const struct cin_field *f)
{
	if (f->text)
		xml_out_el(&w->xml, name, f->text);
}

static void el_text(struct cin_census_writer *w, const char *name, const char *v)
{
	if (v)
		xml_out_el(&w->xml, name, v);
}

/* Each space-separated code of list as its own element. */
static void codes(struct cin_census_writer *w, const char *name, const char *list)
{
	char code[16];
	for (const char *p = list; *p;) {
		while (*p == ' ')
			p++;
		size_t n = strcspn(p, " ");
		if (n && n < sizeof code) {
			memcpy(code, p, n);
			code[n] = '\0';
			xml_out_el(&w->xml, name, code);
		}
		p += n;
	}
}

int cin_census_writer_open(struct cin_census_writer *w, const char *path, const struct cin_census_head *h,
			   struct cf_error *err)
{
	char year[8];
	memset(w, 0, sizeof *w);
	w->census = h->census;
	snprintf(w->path, sizeof w->path, "%s", path);
	int rc = xml_out_open(&w->xml, path, err);
	if (rc)
		return rc;
	snprintf(year, sizeof year, "%d", h->census);
	xml_out_start(&w->xml, "Message");
	xml_out_start(&w->xml, "Header");
	xml_out_start(&w->xml, "CollectionDetails");
	xml_out_el(&w->xml, "Collection", "CIN");
	xml_out_el(&w->xml, "Year", year);
	el_text(w, "ReferenceDate", h->reference_date);
	xml_out_end(&w->xml);
	xml_out_start(&w->xml, "Source");
	xml_out_el(&w->xml, "SourceLevel", "L");
	el_text(w, "LEA", h->lea);
	el_text(w, "SoftwareCode", h->software_code);
	el_text(w, "Release", h->release);
	el_text(w, "SerialNo", h->serial_no);
	el_text(w, "DateTime", h->date_time);
	xml_out_end(&w->xml);
	xml_out_end(&w->xml);
	xml_out_start(&w->xml, "Children");
	return CF_OK;
}

static void write_episode(struct cin_census_writer *w, const struct cin_episode *e)
{
	xml_out_start(&w->xml, "CINdetails");
	el(w, "CINreferralDate", &e->referral_date);
	el(w, "ReferralSource", &e->referral_source);
	el(w, "PrimaryNeedCode", &e->primary_need);
	el(w, "CINclosureDate", &e->closure_date);
	el(w, "ReasonForClosure", &e->closure_reason);
	el(w, "DateOfInitialCPC", &e->icpc_date);
	for (const struct cin_assessment *a = e->assessments; a; a = a->next) {
		xml_out_start(&w->xml, "Assessments");
		el(w, "AssessmentActualStartDate", &a->start);
		el(w, "AssessmentInternalReviewDate", &a->internal_review);
		el(w, "AssessmentAuthorisationDate", &a->authorised);
		if (a->factors.text) {
			xml_out_start(&w->xml, "FactorsIdentifiedAtAssessment");
			codes(w, "AssessmentFactors", a->factors.text);
			xml_out_end(&w->xml);
		}
		xml_out_end(&w->xml);
	}
	for (const struct cin_plan_dates *p = e->plans; p && w->census >= 2022; p = p->next) {
		xml_out_start(&w->xml, "CINPlanDates");
		el(w, "CINPlanStartDate", &p->start);
		el(w, "CINPlanEndDate", &p->end);
		xml_out_end(&w->xml);
	}
	for (const struct cin_s47 *s = e->s47s; s; s = s->next) {
		xml_out_start(&w->xml, "Section47");
		el(w, "S47ActualStartDate", &s->start);
		el(w, "InitialCPCtarget", &s->icpc_target);
		el(w, "DateOfInitialCPC", &s->icpc_date);
		el(w, "ICPCnotRequired", &s->icpc_not_required);
		xml_out_end(&w->xml);
	}
	el(w, "ReferralNFA", &e->nfa);
	for (const struct cin_cp_plan *p = e->cp_plans; p; p = p->next) {
		xml_out_start(&w->xml, "ChildProtectionPlans");
		el(w, "CPPstartDate", &p->start);
		el(w, "CPPendDate", &p->end);
		el(w, "InitialCategoryOfAbuse", &p->initial_category);
		el(w, "LatestCategoryOfAbuse", &p->latest_category);
		el(w, "NumberOfPreviousCPP", &p->previous_plans);
		if (p->reviews) {
			xml_out_start(&w->xml, "Reviews");
			for (const struct cin_review *r = p->reviews; r; r = r->next)
				el(w, "CPPreviewDate", &r->date);
			xml_out_end(&w->xml);
		}
		xml_out_end(&w->xml);
	}
	xml_out_end(&w->xml);
}

void cin_census_writer_child(struct cin_census_writer *w, const struct cin_child *c)
{
	xml_out_start(&w->xml, "Child");
	xml_out_start(&w->xml, "ChildIdentifiers");
	el(w, "LAchildID", &c->la_child_id);
	if (c->upn.text && c->upn.text[0])
		el(w, "UPN", &c->upn);
	el(w, "UPNunknown", &c->upn_unknown);
	el(w, "PersonBirthDate", &c->dob);
	el(w, "ExpectedPersonBirthDate", &c->expected_dob);
	if (c->sex.text) {
		const char *s = c->sex.text;
		if (w->census >= 2025)
			el_text(w, "Sex", !strcmp(s, "1") ? "M" : !strcmp(s, "2") ? "F" : s);
		else
			el_text(w, "GenderCurrent", !strcmp(s, "M") ? "1" : !strcmp(s, "F") ? "2" : s);
	}
	el(w, "PersonDeathDate", &c->death_date);
	xml_out_end(&w->xml);
	xml_out_start(&w->xml, "ChildCharacteristics");
	el(w, "Ethnicity", &c->ethnicity);
	if (c->disabilities.text && c->disabilities.text[0]) {
		xml_out_start(&w->xml, "Disabilities");
		codes(w, "Disability", c->disabilities.text);
		xml_out_end(&w->xml);
	}
	xml_out_end(&w->xml);
	for (const struct cin_episode *e = c->episodes; e; e = e->next)
		write_episode(w, e);
	xml_out_end(&w->xml);
}

int cin_census_writer_close(struct cin_census_writer *w, struct cf_error *err)
{
	xml_out_end(&w->xml);   /* Children */
	xml_out_end(&w->xml);   /* Message */
	return xml_out_close(&w->xml, w->path, err);
}
