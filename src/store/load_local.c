/* Loading local CSV extracts into contacts, early_help, localities,
 * child_areas and population (one return per file, kind "local.<layout>");
 * the money and sufficiency extracts' rows are load_money.c's, the families
 * and practice extracts' load_families.c's, Ofsted's provider list's
 * load_providers.c's. */
#include <stdio.h>
#include <string.h>

#include "formats/local_csv.h"
#include "store/ingest_int.h"
#include "store/load_common.h"
#include "store/load_families_int.h"
#include "store/load_money_int.h"
#include "store/load_providers_int.h"

struct local_load {
	struct ingest_ctx *ctx;
	const char *path;
	long long return_id;
	struct ingest_entry *entry;
	sqlite3_stmt *ins;
	enum local_kind kind;
	long rows;
	long long mark;               /* load_rowid_mark() of the table linked to children */
};

static const char *const insert_sql[LOCAL_NKINDS] = {
	[LOCAL_CONTACTS] = "INSERT INTO contacts (return_id, row, child, contact_date, source, outcome) "
			   "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[LOCAL_EARLY_HELP] = "INSERT INTO early_help (return_id, row, family_id, child, start_date, end_date, "
			     "lead_practitioner, outcome) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	[LOCAL_LOCALITIES] = "INSERT INTO localities (return_id, row, area, locality) VALUES (?1, ?2, ?3, ?4)",
	[LOCAL_CHILD_AREAS] = "INSERT INTO child_areas (return_id, row, child, area, from_date) VALUES (?1, ?2, ?3, ?4, ?5)",
	[LOCAL_POPULATION] = "INSERT INTO population (return_id, row, year, area, age, age_band, sex, count) "
			     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
};

enum how { H_DATE, H_TEXT, H_CODE, H_COUNT, H_DECIMAL, H_SECTOR, H_AREA };

static void normalise(enum how how, const char *raw, size_t len, struct value *v)
{
	if (len == (size_t)-1)
		len = 0;
	switch (how) {
	case H_DATE: value_date(raw, len, v); break;
	case H_TEXT: value_text(raw, len, v); break;
	case H_CODE: value_code(raw, len, NULL, v); break;
	case H_COUNT: value_count(raw, len, v); break;
	case H_DECIMAL: value_decimal(raw, len, v); break;
	case H_SECTOR: value_sector(raw, len, v); break;
	case H_AREA: value_area(raw, len, v); break;
	}
}

/* Normalise canonical column c and bind it to parameter idx. */
static int put(struct local_load *ld, const struct load_site *at, int idx, const char *const *vals,
	       const size_t *lens, int c, enum how how, struct value *v, struct cf_error *err)
{
	normalise(how, vals[c], lens[c], v);
	return load_bind(at, ld->ins, idx, v, local_col_names[c], vals[c], lens[c] == (size_t)-1 ? 0 : lens[c], err);
}

/* A value the row cannot be stored without is missing or unreadable. */
static int cannot_store(const struct load_site *at, int c, const char *why, struct cf_error *err)
{
	return load_issue(at, local_col_names[c], NULL, "missing_value", why, err);
}

static int on_row(void *vctx, enum local_kind kind, const char *const *vals, const size_t *lens, long row, long line,
		  struct cf_error *err)
{
	struct local_load *ld = vctx;
	struct value v, child;
	normalise(H_TEXT, vals[LC_CHILD_ID], lens[LC_CHILD_ID], &child);
	struct load_site at = { ld->ctx, ld->entry, ld->return_id, local_kind_names[kind], row, line,
				child.status == VALUE_OK ? child.out : NULL };
	sqlite3_stmt *s = ld->ins;
	int rc = CF_OK;
	if (ld->entry)
		ld->entry->rows_read++;
	for (int c = 0; c < LC_NCOLS && !rc; c++)
		if (lens[c] == (size_t)-1) {
			rc = load_issue(&at, NULL, NULL, "short_row",
					"the row has fewer fields than the header (truncated line?); missing fields stored as blank",
					err);
			break;
		}
	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, ld->return_id);
	sqlite3_bind_int64(s, 2, row);
	switch (kind) {
	case LOCAL_CONTACTS:
		if (!at.child && (rc = cannot_store(&at, LC_CHILD_ID, "child_id is blank: the contact cannot be linked to a child", err)))
			break;
		if (!(rc = put(ld, &at, 3, vals, lens, LC_CHILD_ID, H_TEXT, &v, err)) &&
		    !(rc = put(ld, &at, 4, vals, lens, LC_CONTACT_DATE, H_DATE, &v, err)) &&
		    !(rc = put(ld, &at, 5, vals, lens, LC_SOURCE, H_TEXT, &v, err)))
			rc = put(ld, &at, 6, vals, lens, LC_OUTCOME, H_TEXT, &v, err);
		break;
	case LOCAL_EARLY_HELP:
		if (!(rc = put(ld, &at, 3, vals, lens, LC_FAMILY_ID, H_TEXT, &v, err))) {
			if (v.status == VALUE_EMPTY && !at.child)
				rc = cannot_store(&at, LC_CHILD_ID, "neither family_id nor child_id is given", err);
		}
		if (!rc && !(rc = put(ld, &at, 4, vals, lens, LC_CHILD_ID, H_TEXT, &v, err)) &&
		    !(rc = put(ld, &at, 5, vals, lens, LC_START_DATE, H_DATE, &v, err)) &&
		    !(rc = put(ld, &at, 6, vals, lens, LC_END_DATE, H_DATE, &v, err)) &&
		    !(rc = put(ld, &at, 7, vals, lens, LC_LEAD_PRACTITIONER, H_TEXT, &v, err)))
			rc = put(ld, &at, 8, vals, lens, LC_OUTCOME, H_TEXT, &v, err);
		break;
	case LOCAL_LOCALITIES:
		if ((rc = put(ld, &at, 3, vals, lens, LC_AREA, H_AREA, &v, err)))
			break;
		if (!v.out[0]) {
			sqlite3_reset(s);
			sqlite3_clear_bindings(s);
			return cannot_store(&at, LC_AREA, "no usable area (postcode sector or ward code): row not stored", err);
		}
		if ((rc = put(ld, &at, 4, vals, lens, LC_LOCALITY, H_TEXT, &v, err)))
			break;
		if (!v.out[0]) {
			sqlite3_clear_bindings(s);
			return cannot_store(&at, LC_LOCALITY, "locality is blank: row not stored", err);
		}
		break;
	case LOCAL_CHILD_AREAS: {
		int c = vals[LC_POSTCODE_SECTOR] ? LC_POSTCODE_SECTOR : vals[LC_POSTCODE] ? LC_POSTCODE
		      : vals[LC_WARD] ? LC_WARD : LC_LSOA;
		if (!at.child) {
			sqlite3_clear_bindings(s);
			return cannot_store(&at, LC_CHILD_ID, "child_id is blank: row not stored", err);
		}
		if ((rc = put(ld, &at, 3, vals, lens, LC_CHILD_ID, H_TEXT, &v, err)) ||
		    (rc = put(ld, &at, 4, vals, lens, c, c == LC_WARD || c == LC_LSOA ? H_AREA : H_SECTOR, &v, err)))
			break;
		if (!v.out[0]) {
			sqlite3_clear_bindings(s);
			if (v.status == VALUE_EMPTY)
				return cannot_store(&at, c, "no area given: row not stored", err);
			return CF_OK;   /* the unreadable value is already an issue */
		}
		rc = put(ld, &at, 5, vals, lens, LC_FROM_DATE, H_DATE, &v, err);
		break;
	}
	case LOCAL_POPULATION: {
		struct value age;
		if ((rc = put(ld, &at, 3, vals, lens, LC_YEAR, H_COUNT, &v, err)))
			break;
		int ok = v.out[0] != '\0';
		if (!ok) {
			sqlite3_clear_bindings(s);
			return cannot_store(&at, LC_YEAR, "year is blank: row not stored", err);
		}
		if ((rc = put(ld, &at, 4, vals, lens, LC_AREA, H_TEXT, &v, err)))
			break;
		if (!v.out[0]) {
			sqlite3_clear_bindings(s);
			return cannot_store(&at, LC_AREA, "area is blank: row not stored", err);
		}
		/* a single year of age, or a band ("0-4", "under 1") kept as given */
		size_t alen = lens[LC_AGE] == (size_t)-1 ? 0 : lens[LC_AGE];
		value_count(vals[LC_AGE], alen, &age);
		if (age.status == VALUE_OK)
			sqlite3_bind_text(s, 5, age.out, -1, SQLITE_TRANSIENT);
		else if (age.status == VALUE_ISSUE)
			sqlite3_bind_text(s, 6, age.out, -1, SQLITE_TRANSIENT);
		if ((rc = put(ld, &at, 7, vals, lens, LC_SEX, H_CODE, &v, err)) ||
		    (rc = put(ld, &at, 8, vals, lens, LC_COUNT, H_DECIMAL, &v, err)))
			break;
		if (!v.out[0]) {
			sqlite3_clear_bindings(s);
			return cannot_store(&at, LC_COUNT, "count is blank: row not stored", err);
		}
		break;
	}
	default: {
		int stored;
		rc = kind == LOCAL_OFSTED_PROVIDERS ? load_providers_row(&at, s, vals, lens, &stored, err)
		     : kind >= LOCAL_FAMILY_MEMBERS ? load_families_row(&at, s, kind, vals, lens, &stored, err)
						    : load_money_row(&at, s, kind, vals, lens, &stored, err);
		if (rc || !stored)
			return rc;
		break;
	}
	}
	if (rc)
		return rc;
	if ((rc = load_step(&at, s, err)))
		return rc;
	ld->rows++;
	if (ld->entry)
		ld->entry->rows_stored++;
	return CF_OK;
}

static int on_extra(void *vctx, const char *field, struct cf_error *err)
{
	struct local_load *ld = vctx;
	struct load_site at = { ld->ctx, ld->entry, ld->return_id, "header", 1, 1, NULL };
	return load_issue(&at, field, NULL, "unknown_column", "a column this layout does not have: ignored", err);
}

int sniff_local_csv(const struct ingest_sniff *info)
{
	enum local_kind k;
	return info->csv_fields && local_csv_recognise(info->csv_fields, info->csv_lens, info->csv_nfields, &k, NULL);
}

static const char *const link_table[LOCAL_NKINDS] = {
	[LOCAL_CONTACTS] = "contacts", [LOCAL_EARLY_HELP] = "early_help", [LOCAL_CHILD_AREAS] = "child_areas",
	[LOCAL_PLACEMENT_COSTS] = "placement_costs",
};

static int on_begin(void *vctx, enum local_kind kind, struct cf_error *err)
{
	struct local_load *ld = vctx;
	struct ingest_ctx *ctx = ld->ctx;
	int year = ctx->opt->collection_year > 0 ? ctx->opt->collection_year : ingest_year_from_path(ld->path);
	int rc = ingest_add_return(ctx, ld->path, (enum return_kind)(RETURN_LOCAL_CONTACTS + kind), year, &ld->return_id,
				   &ld->entry, err);
	if (rc)
		return rc;
	if (!ld->return_id)
		return LOCAL_STOP;   /* already loaded */
	ld->kind = kind;
	if (link_table[kind] && (rc = load_rowid_mark(ctx, link_table[kind], &ld->mark, err)))
		return rc;
	const char *sql = insert_sql[kind]			  ? insert_sql[kind]
			  : kind == LOCAL_OFSTED_PROVIDERS ? load_providers_insert_sql()
			  : kind >= LOCAL_FAMILY_MEMBERS   ? load_families_insert_sql(kind)
							   : load_money_insert_sql(kind);
	return store_prepare(ctx->st, sql, &ld->ins, err);
}

static int load_local(struct ingest_ctx *ctx, char **paths, int n, int xlsx, struct cf_error *err)
{
	static const struct local_csv_handler h = { on_begin, on_extra, on_row };
	int rc = CF_OK;
	for (int i = 0; i < n && !rc; i++) {
		struct local_load ld;
		memset(&ld, 0, sizeof ld);
		ld.ctx = ctx;
		ld.path = paths[i];
		long rows;
		rc = xlsx ? local_xlsx_read(paths[i], &h, &ld, &rows, err) : local_csv_read(paths[i], &h, &ld, &rows, err);
		sqlite3_finalize(ld.ins);
		if (!rc && ld.return_id)
			rc = load_finish_return(ctx, ld.return_id, ld.rows, err);
		if (!rc && ld.return_id && link_table[ld.kind])
			rc = load_link_children(ctx, link_table[ld.kind], ld.return_id, ld.mark, err);
	}
	return rc;
}

int load_local_csv(struct ingest_ctx *ctx, char **paths, int n, struct cf_error *err)
{
	return load_local(ctx, paths, n, 0, err);
}

int sniff_local_xlsx(const struct ingest_sniff *info)
{
	return info->ext && !strcmp(info->ext, "xlsx") && local_xlsx_sniff(info->path);
}

int load_local_xlsx(struct ingest_ctx *ctx, char **paths, int n, struct cf_error *err)
{
	return load_local(ctx, paths, n, 1, err);
}
