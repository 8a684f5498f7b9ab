/* Ofsted's provider list's rows (load_providers.c), for the local CSV and
 * workbook loader (load_local.c), which recognises the list by its header. */
#ifndef CF_STORE_LOAD_PROVIDERS_INT_H
#define CF_STORE_LOAD_PROVIDERS_INT_H

#include "formats/local_csv.h"
#include "store/load_common.h"

/* The INSERT into ofsted_providers (parameters 1 and 2 are return_id and row). */
const char *load_providers_insert_sql(void);

/* Check and bind one provider's values to s from parameter 3 on. A row
 * without its URN or provider type is not stored (*stored = 0, s reset,
 * the reason an issue); other unreadable values are stored blank with an
 * issue. Returns CF_OK or CF_EIO. */
int load_providers_row(const struct load_site *at, sqlite3_stmt *s, const char *const *vals, const size_t *lens,
		       int *stored, struct cf_error *err);

/* Ofsted's overall grade as written ("Outstanding", "Requires improvement to
 * be good", "2") -> 1 outstanding .. 4 inadequate; 0 for none given ("Not
 * yet inspected", blank); -1 unreadable. */
int load_providers_rating(const char *s, size_t len);

/* The postcode district (outward code, "LS1") of a district, sector or full
 * postcode, into out: 0, or -1 when s is none of them. */
int load_providers_district(const char *s, size_t len, char out[8]);

#endif
