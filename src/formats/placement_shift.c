/* Reading a placement-shift scenario file (placement_shift.h). */
#include "formats/placement_shift.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "formats/local_csv.h"

static char *trim(char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	return s;
}

static int number(const char *v, double lo, double hi, double *out)
{
	char *end;
	errno = 0;
	double d = strtod(v, &end);
	if (end == v || *end || errno || !isfinite(d) || d < lo || d > hi)
		return -1;
	*out = d;
	return 0;
}

int placement_shift_load(const char *path, struct placement_shift *out, struct cf_error *err)
{
	memset(out, 0, sizeof *out);
	out->from_type = -1;
	out->start = CF_DATE_NONE;
	FILE *fp = fopen(path, "r");
	if (!fp)
		return cf_error_at(err, CF_EINPUT, path, 0, NULL, NULL, "cannot open: %s", strerror(errno));
	char line[512];
	long ln = 0;
	int rc = CF_OK;
	while (!rc && fgets(line, sizeof line, fp)) {
		ln++;
		char *hash = strchr(line, '#');
		if (hash)
			*hash = '\0';
		char *s = trim(line);
		if (!*s)
			continue;
		char *sep = strpbrk(s, ":=");
		if (!sep) {
			rc = cf_error_at(err, CF_EINPUT, path, ln, NULL, s, "expected 'key: value'");
			break;
		}
		*sep = '\0';
		char *key = trim(s), *v = trim(sep + 1);
		double d;
		if (!strcasecmp(key, "from")) {
			out->from_type = local_provider_type(v, strlen(v));
			if (out->from_type < 0 || !strcmp(local_provider_types[out->from_type], "in-house fostering"))
				rc = cf_error_at(err, CF_EINPUT, path, ln, key, v,
						 "a provider type to move children from (IFA, private residential ...)");
		} else if (!strcasecmp(key, "children_per_year")) {
			if (number(v, 0.001, 100000, &out->per_year))
				rc = cf_error_at(err, CF_EINPUT, path, ln, key, v, "a number of children above 0");
		} else if (!strcasecmp(key, "years")) {
			if (number(v, 1, 50, &d) || d != floor(d))
				rc = cf_error_at(err, CF_EINPUT, path, ln, key, v, "a whole number of years, 1 to 50");
			else
				out->years = (int)d;
		} else if (!strcasecmp(key, "start")) {
			if (cf_date_parse(v, strlen(v), &out->start))
				rc = cf_error_at(err, CF_EINPUT, path, ln, key, v, "a date (yyyy-mm-dd or dd/mm/yyyy)");
		} else if (!strcasecmp(key, "places_per_household")) {
			if (number(v, 0.1, 20, &out->places_per_household))
				rc = cf_error_at(err, CF_EINPUT, path, ln, key, v, "a number of places, 0.1 to 20");
		} else
			rc = cf_error_at(err, CF_EINPUT, path, ln, key, NULL,
					 "unknown key (from, children_per_year, years, start, places_per_household)");
	}
	fclose(fp);
	if (rc)
		return rc;
	const char *missing = out->from_type < 0 ? "from" : out->per_year <= 0 ? "children_per_year"
			      : !out->years ? "years" : out->start == CF_DATE_NONE ? "start" : NULL;
	if (missing)
		return cf_error_at(err, CF_EINPUT, path, 0, missing, NULL, "%s is not given", missing);
	return CF_OK;
}
