/* The synthetic authority's children's social work workforce census, one
 * XML file per collection year at its reference date (30 September), in
 * the DfE CSWW layout: vacancies and agency totals, then every worker in
 * post on the day or who left in the year to it, with cases held. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "synth/rng.h"
#include "synth/synth.h"
#include "synth/write.h"

#define NONE CF_DATE_NONE

static void elf(struct xml_out *o, const char *name, int places, double v)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%.*f", places, v);
	xml_out_el(o, name, buf);
}

static int in_post(const struct syn_worker *k, cf_date d)
{
	return k->start <= d && (k->leave == NONE || k->leave > d);
}

static int write_year(const struct synth_world *w, const char *dir, int fy, int *cases, struct cf_error *err)
{
	char path[4200], yname[8], buf[32];
	synth_year_name(fy, yname);
	snprintf(path, sizeof path, "%s/%s", dir, yname);
	int rc = dir_make(path, err);
	if (rc)
		return rc;
	snprintf(path, sizeof path, "%s/%s/workforce.xml", dir, yname);
	cf_date ref = cf_date_from_ymd(fy, 9, 30), year_ago = cf_date_add_years(ref, -1);

	/* cases held on the reference date */
	memset(cases, 0, sizeof *cases * w->n_workers);
	for (size_t i = 0; i < w->n_allocs; i++) {
		const struct syn_alloc *a = &w->allocs[i];
		if (a->start <= ref && (a->end == NONE || a->end > ref))
			cases[a->worker]++;
	}
	/* vacancies: posts with no employee on the day, empty or covered by
	 * an agency worker (as the census counts them) */
	double vacant = 0, agency_fte = 0;
	long agency_n = 0;
	for (size_t i = 0; i < w->n_workers; i++) {
		const struct syn_worker *k = &w->workers[i];
		const struct syn_worker *next = i + 1 < w->n_workers && w->workers[i + 1].post == k->post ? k + 1 : NULL;
		if (k->leave != NONE && k->leave <= ref && next && next->start > ref)
			vacant += 1.0;
		if (k->agency && in_post(k, ref)) {
			agency_fte += k->fte;
			agency_n++;
			vacant += k->fte;
		}
	}

	struct xml_out o;
	if ((rc = xml_out_open(&o, path, err)))
		return rc;
	xml_out_start(&o, "Message");
	xml_out_start(&o, "Header");
	xml_out_start(&o, "CollectionDetails");
	xml_out_el(&o, "Collection", "CSWW");
	snprintf(buf, sizeof buf, "%d", fy);
	xml_out_el(&o, "Year", buf);
	xml_out_el_date(&o, "ReferenceDate", ref);
	xml_out_end(&o);
	xml_out_start(&o, "Source");
	xml_out_el(&o, "SourceLevel", "L");
	snprintf(buf, sizeof buf, "%03d", w->opt.la_code % 1000);
	xml_out_el(&o, "LEA", buf);
	xml_out_el(&o, "SoftwareCode", "caseflow synth");
	snprintf(buf, sizeof buf, "%04d-11-15T09:00:00Z", fy);
	xml_out_el(&o, "DateTime", buf);
	xml_out_end(&o);
	xml_out_end(&o);
	xml_out_start(&o, "LALevelVacancies");
	elf(&o, "NumberOfVacancies", 2, vacant);
	elf(&o, "NoAgencyFTE", 2, agency_fte);
	snprintf(buf, sizeof buf, "%ld", agency_n);
	xml_out_el(&o, "NoAgencyHeadcount", buf);
	xml_out_end(&o);

	static const char *const eth[] = { "WBRI", "WOTH", "WIRI", "BAFR", "BCRB", "APKN", "AIND", "MWBC", "MOTH", "OOTH", "REFU" };
	static const double eth_w[] = { 64, 6, 1, 9, 4, 3, 3, 2, 2, 2, 4 };
	for (size_t i = 0; i < w->n_workers && !o.failed; i++) {
		const struct syn_worker *k = &w->workers[i];
		int here = in_post(k, ref), left = k->leave != NONE && k->leave > year_ago && k->leave <= ref;
		if (!here && !left)
			continue;
		struct cf_rng r;
		syn_rng_seed(&r, w->opt.seed, 70000000ULL + i);   /* the worker's own facts, the same every year */
		xml_out_start(&o, "CSWWWorker");
		xml_out_el(&o, "AgencyWorker", k->agency ? "1" : "0");
		xml_out_el(&o, "SWENo", k->id);
		elf(&o, "FTE", 6, here ? k->fte : 0.0);
		xml_out_el_date(&o, "PersonBirthDate", k->start - (cf_date)(365.25 * (23 + 20 * cf_rng_unit(&r))));
		xml_out_el(&o, "GenderCurrent", cf_rng_chance(&r, 0.82) ? "2" : "1");
		xml_out_el(&o, "Ethnicity", eth[cf_rng_pick(&r, eth_w, 11)]);
		xml_out_el(&o, "QualInst", cf_rng_chance(&r, 0.5) ? "University of the North" : "Midlands University");
		xml_out_el(&o, "QualLevel", cf_rng_chance(&r, 0.6) ? "1" : "2");
		xml_out_el(&o, "StepUpGrad", cf_rng_chance(&r, 0.05) ? "1" : "0");
		snprintf(buf, sizeof buf, "%s", synth_worker_roles[k->role]);
		xml_out_el(&o, "OrgRole", buf);
		xml_out_el_date(&o, "RoleStartDate", k->start);
		snprintf(buf, sizeof buf, "%d", k->agency ? 4 : 1 + cf_rng_below(&r, 9));
		xml_out_el(&o, "StartOrigin", buf);
		if (left) {
			xml_out_el_date(&o, "RoleEndDate", k->leave);
			snprintf(buf, sizeof buf, "%d", 1 + cf_rng_below(&r, 8));
			xml_out_el(&o, "LeaverDestination", buf);
			xml_out_el(&o, "ReasonLeave", synth_leave_reasons[k->leave_reason]);
		}
		/* FTE30 is the worker's FTE: a leaver carries theirs there (FTE on the
		 * census date is 0), as DfE's census does, so turnover can count it */
		elf(&o, "FTE30", 6, k->fte);
		if (here) {
			snprintf(buf, sizeof buf, "%d", cases[i]);
			xml_out_el(&o, "Cases30", buf);
		}
		elf(&o, "WorkingDaysLost", 2, cf_rng_chance(&r, 0.6) ? cf_rng_exp(&r, 9.0) : 0.0);
		xml_out_el(&o, "FrontlineGrad", cf_rng_chance(&r, 0.06) ? "1" : "0");
		xml_out_end(&o);
	}
	xml_out_end(&o);
	return xml_out_close(&o, path, err);
}

int synth_write_workforce(const struct synth_world *w, const char *dir, struct cf_error *err)
{
	int *cases = calloc(w->n_workers ? w->n_workers : 1, sizeof *cases);
	if (!cases)
		return cf_error_set(err, CF_EIO, "out of memory");
	int rc = CF_OK;
	for (int k = 0; k < w->opt.years && !rc; k++)
		rc = write_year(w, dir, w->opt.first_year + k, cases, err);
	free(cases);
	return rc;
}
