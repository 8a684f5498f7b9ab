/* Small helpers shared by the synthetic authority's writers. */
#include "synth/write.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "synth/rng.h"

#define NONE CF_DATE_NONE

/* The day a child became a care leaver (ceased care aged 16 or 17 after 13
 * weeks in care since their 14th birthday), or NONE. */
cf_date synth_care_leaver_since(const struct synth_world *w, const struct syn_child *c)
{
	cf_date fourteen = cf_date_add_years(c->dob, 14), sixteen = cf_date_add_years(c->dob, 16),
		eighteen = cf_date_add_years(c->dob, 18);
	long days = 0;
	cf_date left = NONE;
	for (int k = 0; k < c->nepisodes; k++) {
		const struct syn_episode *e = &w->episodes[c->episode0 + k];
		cf_date a = e->start > fourteen ? e->start : fourteen;
		cf_date b = e->end == NONE ? w->end : e->end;
		if (b > a)
			days += b - a;
		if (e->end != NONE && strcmp(e->rec, "X1") && e->end >= sixteen && e->end <= eighteen)
			left = e->end;
	}
	return days >= 91 ? left : NONE;
}


int synth_review_dates(const struct synth_world *w, const struct syn_child *c, cf_date *out, int max)
{
	int n = 0;
	for (int k = 0; k < c->nepisodes; k++) {
		const struct syn_episode *e = &w->episodes[c->episode0 + k];
		if (e->rne != 'S')
			continue;
		cf_date pend = NONE;
		for (int j = k; j < c->nepisodes; j++) {
			const struct syn_episode *x = &w->episodes[c->episode0 + j];
			if (j > k && x->rne == 'S')
				break;
			pend = x->end;
		}
		cf_date t = cf_date_add_working_days(e->start, 15 + (int)((unsigned)c->id % 5));
		for (int i = 0; n < max && t <= w->end && (pend == NONE || t < pend); i++) {
			out[n++] = t;
			t = i == 0 ? cf_date_add_months(t, 3) - (int)((unsigned)(c->id + i) % 10)
				   : cf_date_add_months(t, 6) - (int)((unsigned)(c->id + i) % 20);
		}
	}
	return n;
}

void synth_oc3(const struct synth_world *w, int ci, int fy, int age, struct synth_oc3 *out)
{
	static const char *const touch[] = { "YES", "NO", "REFU", "NREQ", "RHOM", "DIED" };
	static const double touch_w[] = { 88, 4.5, 2, 3, 2.3, 0.2 };
	struct cf_rng r;
	/* a stream of its own (tag 6 in the top bits), apart from the simulation's */
	syn_rng_seed(&r, w->opt.seed, (6ULL << 56) | ((uint64_t)(unsigned)fy << 32) | (uint64_t)(unsigned)ci);
	memset(out, 0, sizeof *out);
	snprintf(out->in_touch, sizeof out->in_touch, "%s", touch[cf_rng_pick(&r, touch_w, 6)]);
	if (strcmp(out->in_touch, "YES") && strcmp(out->in_touch, "RHOM"))
		return;
	/* care leavers' activity, England 2024 (la_care_leavers_activity) */
	static const char *const act[] = { "F1", "P1", "F2", "P2", "F5", "P5", "F3", "P3", "G4", "G5", "G6" };
	static const double a17[] = { 2.5, 0.5, 42, 6, 1.6, 0.4, 8, 3, 3, 25, 2 };
	static const double a19[] = { 5, 1, 17, 4, 1.6, 0.4, 16, 9, 8, 26, 5 };
	snprintf(out->activ, sizeof out->activ, "%s", act[cf_rng_pick(&r, age <= 18 ? a17 : a19, 11)]);
	static const char acc[] = "SDYBEKTUWXV";
	static const double acc_w[] = { 30, 20, 10, 15, 8, 5, 3, 2, 2, 3, 1 };
	char kind;
	do
		kind = acc[cf_rng_pick(&r, acc_w, 11)];
	while (kind == 'T' && age < 18);
	out->accom[0] = kind;
	out->accom[1] = cf_rng_chance(&r, 0.9) ? '1' : '2';
	out->accom[2] = '\0';
}


int synth_write_all(const struct synth_world *w, const char *dir, struct cf_error *err)
{
	int rc = synth_write_ssda903(w, dir, err);
	if (!rc)
		rc = synth_write_cin(w, dir, err);
	if (!rc)
		rc = synth_write_local(w, dir, err);
	if (!rc)
		rc = synth_write_money(w, dir, err);
	if (!rc)
		rc = synth_write_families(w, dir, err);
	if (!rc)
		rc = synth_write_annexa(w, dir, err);
	if (!rc)
		rc = synth_write_workforce(w, dir, err);
	return rc;
}

FILE *synth_csv_create(const char *path, const char *header, struct cf_error *err)
{
	FILE *fp = fopen(path, "w");
	if (!fp) {
		cf_error_at(err, CF_EIO, path, 0, NULL, NULL, "cannot create: %s", strerror(errno));
		return NULL;
	}
	fprintf(fp, "%s\n", header);
	return fp;
}

int synth_csv_finish(FILE *fp, const char *path, struct cf_error *err)
{
	if ((ferror(fp) | fclose(fp)) != 0)
		return cf_error_at(err, CF_EIO, path, 0, NULL, NULL, "write failed: %s", strerror(errno));
	return CF_OK;
}

void synth_iso(cf_date d, char buf[11])
{
	if (d == CF_DATE_NONE)
		buf[0] = '\0';
	else
		cf_date_format(d, buf);
}
