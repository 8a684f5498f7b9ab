/* Loading Ofsted's published list of children's social care providers
 * (URN, type, sector, LA, registration, places, latest overall grade,
 * postcode district): one row each; a full postcode is cut to its district
 * before it is stored, so none is kept. */
#include "store/load_providers_int.h"
#include "store/load_row_int.h"
#include "store/store_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *load_providers_insert_sql(void)
{
	return "INSERT INTO ofsted_providers (return_id, row, urn, provider_type, provider_subtype, sector, "
	       "local_authority, la_code, registration_status, registered_from, registered_to, places, overall_rating, "
	       "postcode_district, inspection_date) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)";
}

int load_providers_rating(const char *s, size_t len)
{
	static const struct {
		const char *prefix;
		int grade;
	} grades[] = {
		{ "outstanding", 1 }, { "good", 2 }, { "requires improvement", 3 }, { "adequate", 3 },
		{ "satisfactory", 3 }, { "inadequate", 4 }, { "not yet inspected", 0 }, { "not judged", 0 },
		{ "no judgement", 0 }, { "n/a", 0 }, { "-", 0 }, { ".", 0 },
	};
	while (len && isspace((unsigned char)*s))
		s++, len--;
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	if (!len)
		return 0;
	if (len == 1 && *s >= '1' && *s <= '4')   /* the official statistics' 1 = Outstanding .. 4 = Inadequate */
		return *s - '0';
	for (size_t i = 0; i < sizeof grades / sizeof grades[0]; i++) {
		size_t n = strlen(grades[i].prefix);
		if (len >= n && strncasecmp(s, grades[i].prefix, n) == 0)
			return grades[i].grade;
	}
	return -1;
}

/* An outward code: 2-4 letters and digits, a letter first, a digit second or third. */
static int outward(const char *s, size_t n)
{
	if (n < 2 || n > 4 || !isalpha((unsigned char)s[0]))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]))
			return 0;
	return isdigit((unsigned char)s[1]) || isdigit((unsigned char)s[2]);
}

int load_providers_district(const char *s, size_t len, char out[8])
{
	char buf[16];
	size_t n = 0;
	const char *space = NULL;
	while (len && isspace((unsigned char)*s))
		s++, len--;
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	for (size_t i = 0; i < len; i++) {
		if (isspace((unsigned char)s[i])) {
			if (!space)
				space = s + i;
			continue;
		}
		if (n >= sizeof buf - 1)
			return -1;
		buf[n++] = (char)toupper((unsigned char)s[i]);
	}
	buf[n] = 0;
	size_t out_len;
	if (space)
		out_len = (size_t)(space - s);   /* "LS1 4AB", "LS1 4": before the space */
	else if (n >= 5 && isdigit((unsigned char)buf[n - 3]) && isalpha((unsigned char)buf[n - 2]) &&
		 isalpha((unsigned char)buf[n - 1]))
		out_len = n - 3;                 /* "LS14AB": the inward code is the last three */
	else
		out_len = n;                     /* "LS1" */
	if (!outward(buf, out_len))
		return -1;
	memcpy(out, buf, out_len);
	out[out_len] = 0;
	return 0;
}

int load_providers_row(const struct load_site *at, sqlite3_stmt *s, const char *const *vals, const size_t *lens,
		       int *stored, struct cf_error *err)
{
	struct load_row r = { at, s, vals, lens, 0 };
	struct value v;
	cf_date from, to, inspected;
	int rc;
	value_code(vals[LC_OFSTED_URN], load_row_len(&r, LC_OFSTED_URN), NULL, &v);
	if ((rc = load_row_need(&r, LC_OFSTED_URN, &v, "a provider is known by its URN", err)) || r.skip ||
	    (rc = load_row_bind(&r, 3, LC_OFSTED_URN, &v, err)) || (rc = load_row_text(&r, 4, LC_PROVIDER_TYPE, 1, err)) ||
	    r.skip || (rc = load_row_text(&r, 5, LC_PROVIDER_SUBTYPE, 0, err)) ||
	    (rc = load_row_text(&r, 6, LC_SECTOR, 0, err)) || (rc = load_row_text(&r, 7, LC_LOCAL_AUTHORITY, 0, err)))
		goto out;
	value_code(vals[LC_LA_CODE], load_row_len(&r, LC_LA_CODE), NULL, &v);
	if ((rc = load_row_bind(&r, 8, LC_LA_CODE, &v, err)) || (rc = load_row_text(&r, 9, LC_REGISTRATION_STATUS, 0, err)) ||
	    (rc = load_row_date(&r, 10, LC_REGISTRATION_DATE, 0, &from, err)) ||
	    (rc = load_row_date(&r, 11, LC_REGISTRATION_END, 0, &to, err)) ||
	    (rc = load_row_not_before(&r, LC_REGISTRATION_END, to, from, err)) || r.skip)
		goto out;
	value_count(vals[LC_PLACES], load_row_len(&r, LC_PLACES), &v);
	if (v.status == VALUE_OK)
		sqlite3_bind_int64(s, 12, strtoll(v.out, NULL, 10));
	else if (v.status == VALUE_ISSUE &&
		 (rc = load_issue(at, local_col_names[LC_PLACES], v.out, "bad_number", "not a whole number: places stored blank", err)))
		goto out;
	int c = vals[LC_OVERALL_RATING] ? LC_OVERALL_RATING : -1;
	if (c >= 0) {
		int g = load_providers_rating(vals[c], load_row_len(&r, c));
		if (g > 0)
			sqlite3_bind_int(s, 13, g);
		else if (g < 0) {
			value_text(vals[c], load_row_len(&r, c), &v);
			if ((rc = load_issue(at, local_col_names[c], v.out, "unknown_code",
					     "not one of Ofsted's grades (outstanding, good, requires improvement, inadequate or 1-4): "
					     "stored blank",
					     err)))
				goto out;
		}
	}
	c = vals[LC_POSTCODE_DISTRICT] ? LC_POSTCODE_DISTRICT : vals[LC_POSTCODE] ? LC_POSTCODE : -1;
	if (c >= 0 && load_row_len(&r, c)) {
		char district[8];
		value_text(vals[c], load_row_len(&r, c), &v);
		if (v.status == VALUE_OK && load_providers_district(vals[c], load_row_len(&r, c), district) == 0)
			sqlite3_bind_text(s, 14, district, -1, SQLITE_TRANSIENT);
		else if (v.status == VALUE_OK &&
			 (rc = load_issue(at, local_col_names[c], NULL, "bad_postcode",
					  "not a postcode or postcode district: stored blank (the value is not shown, as it may "
					  "be a postcode)",
					  err)))
			goto out;
	}
	rc = load_row_date(&r, 15, LC_INSPECTION_DATE, 0, &inspected, err);
out:
	*stored = !rc && !r.skip;
	if (rc || r.skip) {
		sqlite3_reset(s);
		sqlite3_clear_bindings(s);
	}
	return rc;
}
