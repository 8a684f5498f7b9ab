/* The synthetic authority's local extracts: contacts and early help per
 * collection year; once for the authority, its localities (postcode
 * sector -> locality), each child's home sector, the child population
 * by locality and single year of age (as at 30 June), and a deprivation
 * lookup (postcode sector -> IMD decile) that agrees with each locality's
 * risk. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "base/csv.h"
#include "synth/synth.h"
#include "synth/write.h"

#define NONE CF_DATE_NONE

int synth_family_id(const struct synth_world *w, int family)
{
	return 100000 + (int)(((long long)family * 48271LL + (long long)(w->opt.seed % 800000)) % 800000);
}

static int write_year(const struct synth_world *w, const char *dir, int fy, struct cf_error *err)
{
	char ydir[4096], path[4200], yname[8], d1[11], d2[11];
	synth_year_name(fy, yname);
	snprintf(ydir, sizeof ydir, "%s/%s", dir, yname);
	int rc = dir_make(ydir, err);
	if (rc)
		return rc;
	cf_date from = cf_date_fy_start(fy), to = cf_date_fy_end(fy);

	snprintf(path, sizeof path, "%s/contacts.csv", ydir);
	FILE *fp = synth_csv_create(path, "child_id,contact_date,source,outcome", err);
	if (!fp)
		return CF_EIO;
	for (size_t i = 0; i < w->n_contacts; i++) {
		const struct syn_contact *k = &w->contacts[i];
		if (k->date < from || k->date > to)
			continue;
		synth_iso(k->date, d1);
		fprintf(fp, "%d,%s,%s,", w->children[k->child].id, d1, synth_source_codes[k->source]);
		csv_write_field(fp, synth_contact_outcomes[k->outcome]);
		fputc('\n', fp);
	}
	if ((rc = synth_csv_finish(fp, path, err)))
		return rc;

	snprintf(path, sizeof path, "%s/early_help.csv", ydir);
	if (!(fp = synth_csv_create(path, "family_id,child_id,start_date,end_date,lead_practitioner,outcome", err)))
		return CF_EIO;
	for (size_t i = 0; i < w->n_early_help; i++) {
		const struct syn_early_help *e = &w->early_help[i];
		if (e->start > to || (e->end != NONE && e->end < from))
			continue;
		int ended = e->end != NONE && e->end <= to;
		synth_iso(e->start, d1);
		synth_iso(ended ? e->end : NONE, d2);
		fprintf(fp, "F%d,%d,%s,%s,", synth_family_id(w, e->family), w->children[e->child].id, d1, d2);
		csv_write_field(fp, synth_eh_leads[e->lead]);
		fputc(',', fp);
		if (ended)
			csv_write_field(fp, synth_eh_outcomes[e->outcome]);
		fputc('\n', fp);
	}
	return synth_csv_finish(fp, path, err);
}

/* Children who appear in any return or extract. */
static int appears(const struct syn_child *c)
{
	return c->ncontacts || c->nreferrals || c->nepisodes;
}

static int write_authority(const struct synth_world *w, const char *dir, struct cf_error *err)
{
	char path[4200];
	int rc = dir_make(dir, err);
	if (rc)
		return rc;
	snprintf(path, sizeof path, "%s/localities.csv", dir);
	FILE *fp = synth_csv_create(path, "area,locality", err);
	if (!fp)
		return CF_EIO;
	for (int s = 0; s < w->nlocal_sectors; s++)
		fprintf(fp, "%s,%s\n", w->sectors[s].name, w->localities[w->sectors[s].locality].name);
	if ((rc = synth_csv_finish(fp, path, err)))
		return rc;

	snprintf(path, sizeof path, "%s/child_areas.csv", dir);
	if (!(fp = synth_csv_create(path, "child_id,postcode_sector", err)))
		return CF_EIO;
	for (size_t i = 0; i < w->n_children; i++) {
		const struct syn_child *c = &w->children[i];
		if (appears(c))
			fprintf(fp, "%d,%s\n", c->id, w->sectors[w->families[c->family].sector].name);
	}
	if ((rc = synth_csv_finish(fp, path, err)))
		return rc;

	snprintf(path, sizeof path, "%s/population.csv", dir);
	if (!(fp = synth_csv_create(path, "year,area,age,count", err)))
		return CF_EIO;
	for (int k = 0; k < w->opt.years; k++) {
		int year = w->opt.first_year + k;
		cf_date mid = cf_date_from_ymd(year, 6, 30);
		long counts[SYN_MAX_LOCALITIES + 1][18];
		memset(counts, 0, sizeof counts);
		for (size_t i = 0; i < w->n_children; i++) {
			const struct syn_child *c = &w->children[i];
			const struct syn_family *f = &w->families[c->family];
			if (c->uasc || c->dob > mid || f->arrive > mid || (f->leave != NONE && f->leave <= mid))
				continue;
			int age = cf_date_age(c->dob, mid);
			if (age >= 18)
				continue;
			counts[0][age]++;
			counts[1 + w->sectors[f->sector].locality][age]++;
		}
		for (int a = 0; a <= w->nlocalities; a++)
			for (int age = 0; age < 18; age++)
				fprintf(fp, "%d,%s,%d,%ld\n", year, a ? w->localities[a - 1].name : "LA", age, counts[a][age]);
	}
	return synth_csv_finish(fp, path, err);
}

/* Each in-LA sector's IMD decile, in the short form caseflow ingest reads
 * (formats/imd.h): the riskiest locality's sectors are the most deprived,
 * the safest's the least, and sectors of one locality spread a decile
 * either side. Worked from the world alone, drawing no random numbers, so
 * every other file of a seed stays as it was. */
static int write_deprivation(const struct synth_world *w, const char *dir, struct cf_error *err)
{
	char path[4200];
	snprintf(path, sizeof path, "%s/deprivation.csv", dir);
	FILE *fp = synth_csv_create(path, "area,imd_decile", err);
	if (!fp)
		return CF_EIO;
	double lo = 0, hi = 0;
	for (int l = 0; l < w->nlocalities; l++) {
		double r = w->localities[l].risk;
		if (l == 0 || r < lo)
			lo = r;
		if (l == 0 || r > hi)
			hi = r;
	}
	for (int s = 0; s < w->nlocal_sectors; s++) {
		double r = w->localities[w->sectors[s].locality].risk;
		/* risk hi -> decile 2, lo -> 9, leaving room for the spread */
		int base = hi > lo ? 2 + (int)(7.0 * (hi - r) / (hi - lo) + 0.5) : 5;
		int decile = base + s % 3 - 1;
		fprintf(fp, "%s,%d\n", w->sectors[s].name, decile < 1 ? 1 : decile > 10 ? 10 : decile);
	}
	return synth_csv_finish(fp, path, err);
}

int synth_write_local(const struct synth_world *w, const char *dir, struct cf_error *err)
{
	int rc = write_authority(w, dir, err);
	if (!rc)
		rc = write_deprivation(w, dir, err);
	for (int k = 0; k < w->opt.years && !rc; k++)
		rc = write_year(w, dir, w->opt.first_year + k, err);
	return rc;
}
