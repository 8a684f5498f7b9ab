/* The one writer of CIN census XML, in the layout of the census year's DfE
 * schema (CIN_schema_<year>.xsd): it takes the reader's own records
 * (formats/cin_census.h), so what synth simulates and what export reads
 * from the store are written by the same code. */
#ifndef CF_FORMATS_CIN_CENSUS_WRITE_H
#define CF_FORMATS_CIN_CENSUS_WRITE_H

#include "base/error.h"
#include "formats/cin_census.h"
#include "formats/xml_write.h"

/* The Header's values; NULL leaves an element out. */
struct cin_census_head {
	int census;                  /* census year: 2024 for 2023-24; chooses the layout */
	const char *reference_date;  /* yyyy-mm-dd */
	const char *lea;             /* three digits */
	const char *software_code, *release, *serial_no, *date_time;
};

struct cin_census_writer {
	struct xml_out xml;
	int census;
	char path[4096];
};

/* Create path and write the Header; CF_EIO naming path. */
int cin_census_writer_open(struct cin_census_writer *w, const char *path, const struct cin_census_head *h,
			   struct cf_error *err);

/* One <Child>: every field whose text is not NULL, in the schema's order
 * (the UPN only when c->upn.text is given; FormerUPN never). The sex is
 * written as the year's element: GenderCurrent 1/2 to 2024, Sex M/F from
 * 2025 (either spelling given is turned into the other); CIN plan dates
 * only from 2022, as the schemas have them. Disabilities and assessment
 * factors are the space-separated codes; factors.text "" writes an empty
 * FactorsIdentifiedAtAssessment. */
void cin_census_writer_child(struct cin_census_writer *w, const struct cin_child *c);

/* End the document; CF_EIO naming the file when any write failed. */
int cin_census_writer_close(struct cin_census_writer *w, struct cf_error *err);

#endif
