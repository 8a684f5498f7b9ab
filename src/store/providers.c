/* Reading Ofsted's provider list back as typed rows (store/providers.h),
 * with each provider's LA code found from its LA's name where the list
 * gives none (the ONS lookup's and the statistical neighbours' names, the
 * store's or else the built-in lookup's). */
#include "store/providers.h"
#include "store/store_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/csv.h"
#include "store/bundled.h"

static const char *text_at(struct arena *a, sqlite3_stmt *s, int i)
{
	const char *v = (const char *)sqlite3_column_text(s, i);
	return arena_strdup(a, v ? v : "");
}

static cf_date date_at(sqlite3_stmt *s, int i)
{
	const char *v = (const char *)sqlite3_column_text(s, i);
	cf_date d;
	return v && cf_date_parse(v, strlen(v), &d) == 0 ? d : CF_DATE_NONE;
}

/* Room for one more element in *items (cap of them), growing it by doubling. 0, or -1 on OOM. */
static int grow(void **items, size_t *cap, size_t n, size_t elem)
{
	if (n < *cap)
		return 0;
	size_t nc = *cap ? *cap * 2 : 256;
	void *g = realloc(*items, nc * elem);
	if (!g)
		return -1;
	*items = g;
	*cap = nc;
	return 0;
}

static int by_urn(const void *pa, const void *pb)
{
	const struct ofsted_provider *a = pa, *b = pb;
	return strcasecmp(a->urn, b->urn);
}

/* The LA name a lookup gives ("Bristol, City of") names the LA the list
 * gives: the same, any case, or the list's is the part before the comma. */
static int same_la(const char *lookup, const char *listed)
{
	if (!strcasecmp(lookup, listed))
		return 1;
	const char *comma = strchr(lookup, ',');
	size_t n = comma ? (size_t)(comma - lookup) : 0;
	return comma && strlen(listed) == n && !strncasecmp(lookup, listed, n);
}

/* Give code to every provider without one whose LA is name. -1 on OOM. */
static int give_code(struct ofsted_providers *p, const char *name, const char *code)
{
	const char *kept = NULL;
	for (size_t i = 0; i < p->n; i++) {
		struct ofsted_provider *o = &p->items[i];
		if (o->la_code[0] || !o->local_authority[0] || !same_la(name, o->local_authority))
			continue;
		if (!kept && !(kept = arena_strdup(&p->arena, code)))
			return -1;
		o->la_code = kept;
	}
	return 0;
}

/* The built-in ONS LTLA-UTLA lookup's upper-tier names and codes. */
static int resolve_built_in(struct ofsted_providers *p, struct cf_error *err)
{
	for (int f = 0; f < store_bundled_file_count; f++) {
		const struct store_bundled_file *b = &store_bundled_files[f];
		if (strncmp(b->name, "LTLA-UTLA", 9) != 0)
			continue;
		FILE *fp = fmemopen((void *)b->text, b->len, "r");
		struct csv_reader r;
		if (!fp)
			return cf_error_set(err, CF_EIO, "out of memory");
		if (csv_reader_init_fp(&r, fp, b->name, err)) {
			fclose(fp);
			return err->status;
		}
		int code_col = -1, name_col = -1, got, rc = CF_OK;
		while (!rc && (got = csv_reader_next(&r, err)) == 1) {
			if (code_col < 0) {   /* the header: UTLA23CD, UTLA23NM */
				for (int i = 0; i < r.nfields; i++)
					if (r.lens[i] == 8 && !strncasecmp(r.fields[i], "UTLA", 4))
						*(toupper((unsigned char)r.fields[i][6]) == 'C' ? &code_col : &name_col) = i;
				if (code_col < 0 || name_col < 0)
					break;
				continue;
			}
			if (r.nfields > code_col && r.nfields > name_col && give_code(p, r.fields[name_col], r.fields[code_col]))
				rc = cf_error_set(err, CF_EIO, "out of memory");
		}
		csv_reader_close(&r);
		fclose(fp);
		return rc;
	}
	return CF_OK;
}

/* LA names to ONS codes, for providers the list names only by their LA:
 * the store's LA lookup and neighbour groupings first (what the user
 * loaded), then the built-in lookup. */
static int resolve_la_codes(struct store *st, struct ofsted_providers *p, struct cf_error *err)
{
	sqlite3_stmt *s;
	int rc = store_prepare(st,
			       "SELECT utla_name, utla_code FROM la_lookup WHERE utla_name IS NOT NULL "
			       "UNION SELECT la_name, la_code FROM sn_groups WHERE la_name IS NOT NULL AND la_code LIKE 'E%'",
			       &s, err);
	if (rc)
		return rc;
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(s, 0), *code = (const char *)sqlite3_column_text(s, 1);
		if (name && code && give_code(p, name, code)) {
			sqlite3_finalize(s);
			return cf_error_set(err, CF_EIO, "out of memory");
		}
	}
	sqlite3_finalize(s);
	if (step != SQLITE_DONE)
		return store_error(st, err, "reading LA names");
	return resolve_built_in(p, err);
}

int ofsted_providers_read(struct store *st, struct ofsted_providers *out, struct cf_error *err)
{
	memset(out, 0, sizeof *out);
	arena_init(&out->arena, 0);
	out->path = "";
	sqlite3_stmt *s;
	int rc = store_prepare(st,
			       "SELECT p.urn, p.provider_type, p.provider_subtype, p.sector, p.local_authority, p.la_code, "
			       "p.registration_status, p.registered_from, p.registered_to, p.places, p.overall_rating, "
			       "p.postcode_district, p.inspection_date, p.row, r.path "
			       "FROM ofsted_providers_current p JOIN returns r ON r.id = p.return_id",
			       &s, err);
	if (rc)
		return rc;
	size_t cap = 0;
	int step, unresolved = 0;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		if (grow((void **)&out->items, &cap, out->n, sizeof *out->items)) {
			sqlite3_finalize(s);
			return cf_error_set(err, CF_EIO, "out of memory");
		}
		struct ofsted_provider *o = &out->items[out->n++];
		o->urn = text_at(&out->arena, s, 0);
		o->provider_type = text_at(&out->arena, s, 1);
		o->subtype = text_at(&out->arena, s, 2);
		o->sector = text_at(&out->arena, s, 3);
		o->local_authority = text_at(&out->arena, s, 4);
		o->la_code = text_at(&out->arena, s, 5);
		o->status = text_at(&out->arena, s, 6);
		o->registered_from = date_at(s, 7);
		o->registered_to = date_at(s, 8);
		o->places = sqlite3_column_type(s, 9) == SQLITE_NULL ? -1 : sqlite3_column_int(s, 9);
		o->rating = sqlite3_column_int(s, 10);
		o->district = text_at(&out->arena, s, 11);
		o->inspected = date_at(s, 12);
		o->row = sqlite3_column_int64(s, 13);
		if (out->n == 1)
			out->path = text_at(&out->arena, s, 14);
		if (!o->urn || !o->provider_type || !o->subtype || !o->sector || !o->local_authority || !o->la_code ||
		    !o->status || !o->district || !out->path) {
			sqlite3_finalize(s);
			return cf_error_set(err, CF_EIO, "out of memory");
		}
		unresolved |= !o->la_code[0] && o->local_authority[0];
	}
	sqlite3_finalize(s);
	if (step != SQLITE_DONE)
		return store_error(st, err, "reading Ofsted's provider list");
	if (out->n)
		qsort(out->items, out->n, sizeof *out->items, by_urn);
	return unresolved ? resolve_la_codes(st, out, err) : CF_OK;
}

void ofsted_providers_release(struct ofsted_providers *p)
{
	free(p->items);
	arena_release(&p->arena);
	memset(p, 0, sizeof *p);
}

const struct ofsted_provider *ofsted_providers_find(const struct ofsted_providers *p, const char *urn)
{
	size_t lo = 0, hi = p->n;
	while (urn && lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcasecmp(urn, p->items[mid].urn);
		if (c == 0)
			return &p->items[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const char *ofsted_rating_name(int rating)
{
	static const char *const names[] = { "not inspected", "outstanding", "good", "requires improvement", "inadequate" };
	return rating >= 0 && rating <= 4 ? names[rating] : names[0];
}

int ofsted_placed_read(struct store *st, cf_date on, struct ofsted_placed_list *out, struct cf_error *err)
{
	memset(out, 0, sizeof *out);
	arena_init(&out->arena, 0);
	sqlite3_stmt *s;
	int rc = store_prepare(st,
			       "SELECT child, upper(trim(urn)), coalesce(pl_post, '') FROM episodes "
			       "WHERE decom <= ?1 AND (dec IS NULL OR dec > ?1) AND trim(coalesce(urn, '')) NOT IN ('', 'XXXXXXX') "
			       "ORDER BY child",
			       &s, err);
	if (rc)
		return rc;
	char day[11];
	cf_date_format(on, day);
	sqlite3_bind_text(s, 1, day, -1, SQLITE_TRANSIENT);
	size_t cap = 0;
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		if (grow((void **)&out->items, &cap, out->n, sizeof *out->items)) {
			sqlite3_finalize(s);
			return cf_error_set(err, CF_EIO, "out of memory");
		}
		struct ofsted_placed *o = &out->items[out->n++];
		o->child = text_at(&out->arena, s, 0);
		o->urn = text_at(&out->arena, s, 1);
		o->pl_sector = text_at(&out->arena, s, 2);
		if (!o->child || !o->urn || !o->pl_sector) {
			sqlite3_finalize(s);
			return cf_error_set(err, CF_EIO, "out of memory");
		}
	}
	sqlite3_finalize(s);
	return step == SQLITE_DONE ? CF_OK : store_error(st, err, "reading the placements' URNs");
}

void ofsted_placed_release(struct ofsted_placed_list *p)
{
	free(p->items);
	arena_release(&p->arena);
	memset(p, 0, sizeof *p);
}
