/* Helpers shared by the synthetic authority's writers (private to synth/). */
#ifndef CF_SYNTH_WRITE_UTIL_H
#define CF_SYNTH_WRITE_UTIL_H

#include <stdio.h>

#include "base/dir.h"   /* dir_make: the writers' mkdir -p */
#include "base/error.h"
#include "formats/xml_write.h"   /* struct xml_out: the CIN and workforce censuses */
#include "synth/synth.h"


/* The day a child became a care leaver (ceased care aged 16 or 17 after 13
 * weeks in care since their 14th birthday), or CF_DATE_NONE. */
cf_date synth_care_leaver_since(const struct synth_world *w, const struct syn_child *c);

/* The child's statutory review dates (within 20 working days of entering
 * care, three months later, then every six months while the period lasts),
 * up to the end of the simulation, into out[max]; returns how many. The
 * SSDA903 reviews table and Annex A's latest review come from here. */
int synth_review_dates(const struct synth_world *w, const struct syn_child *c, cf_date *out, int max);

/* What a care leaver's OC3 says in collection year fy at age (17..21; the
 * 16-year-olds of Annex A List 9 are drawn like 17-year-olds): IN_TOUCH,
 * and ACTIV and ACCOM ("" unless in touch). Drawn from the child's own
 * stream for that year, so the SSDA903 OC3 and Annex A agree. */
struct synth_oc3 {
	char in_touch[5];     /* YES NO REFU NREQ RHOM DIED */
	char activ[3];        /* F1 .. G6, or "" */
	char accom[3];        /* accommodation letter and suitability 1/2, or "" */
};
void synth_oc3(const struct synth_world *w, int ci, int fy, int age, struct synth_oc3 *out);

/* A CSV file at path with its header line written; NULL with err set
 * (the path named) when it cannot be created. */
FILE *synth_csv_create(const char *path, const char *header, struct cf_error *err);
/* Close fp, CF_EIO naming path when anything written was lost. */
int synth_csv_finish(FILE *fp, const char *path, struct cf_error *err);
/* d as yyyy-mm-dd, or "" for CF_DATE_NONE. */
void synth_iso(cf_date d, char buf[11]);
/* The number in a family's ID ("F" and it), as early_help.csv and the
 * families extracts write it. */
int synth_family_id(const struct synth_world *w, int family);

#endif
