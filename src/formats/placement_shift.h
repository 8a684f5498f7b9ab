/* A placement-shift scenario file: move children from agency fostering (or
 * residential) to in-house carers, so many a year over some years. Plain
 * text, one "key: value" a line ("=" also), "#" comments:
 *     from: IFA                       a provider type (docs/money.md)
 *     children_per_year: 10
 *     years: 3
 *     start: 2025-04-01               the first move
 *     places_per_household: 1.5       optional; default: the carers' mean
 * Every problem names the file, line and key. */
#ifndef CF_FORMATS_PLACEMENT_SHIFT_H
#define CF_FORMATS_PLACEMENT_SHIFT_H

#include "base/date.h"
#include "base/error.h"

struct placement_shift {
	int from_type;               /* index into local_provider_types */
	double per_year;             /* children moved a year, > 0 */
	int years;                   /* 1..50 */
	cf_date start;
	double places_per_household; /* 0: not given */
};

int placement_shift_load(const char *path, struct placement_shift *out, struct cf_error *err);

#endif
