/* Loading SSDA903 returns (CSV tables or XML) into the ssda903_* tables. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "formats/ssda903.h"
#include "store/ingest_int.h"
#include "store/load_common.h"

/* Writes normalised rows of any 903 table; one per return being loaded. */
struct s903_sink {
	struct ingest_ctx *ctx;
	sqlite3_stmt *ins[S903_NTABLES];
	long long return_id;                 /* the file the rows come from */
	struct ingest_entry *entry;
	struct ingest_entry *entries[S903_NTABLES]; /* XML: one summary line per table */
	const char *path;
	struct episode_packer *packer;       /* the load's episode packs (not owned) */
	int epcol[EPC_N];                    /* each packed column's index in the episodes table */
};

static int sink_prepare(struct s903_sink *k, enum ssda903_table t, struct cf_error *err)
{
	if (k->ins[t])
		return CF_OK;
	const struct ssda903_table_def *d = &ssda903_tables[t];
	char sql[1024], cols[600] = "", qs[200] = "";
	size_t cn = 0, qn = 0;
	for (int c = 0; c < d->ncols; c++) {
		char lower[64];
		size_t i;
		for (i = 0; d->cols[c].name[i] && i < sizeof lower - 1; i++)
			lower[i] = (char)tolower((unsigned char)d->cols[c].name[i]);
		lower[i] = '\0';
		cn += (size_t)snprintf(cols + cn, sizeof cols - cn, ", %s", lower);
		qn += (size_t)snprintf(qs + qn, sizeof qs - qn, ", ?");
	}
	snprintf(sql, sizeof sql, "INSERT INTO ssda903_%s (return_id, row%s) VALUES (?, ?%s)", d->name, cols, qs);
	if (t == S903_EPISODES) {
		static const char *const packed[EPC_N] = { "CHILD", "DECOM", "DEC", "RNE", "LS", "CIN", "PLACE",
							   "PLACE_PROVIDER", "REC", "HOME_POST", "PL_POST" };
		for (int c = 0; c < EPC_N; c++)
			if ((k->epcol[c] = ssda903_column_index(t, packed[c], strlen(packed[c]))) < 0)
				return cf_error_set(err, CF_EIO, "episodes have no %s column", packed[c]);
	}
	return store_prepare(k->ctx->st, sql, &k->ins[t], err);
}

static void sink_release(struct s903_sink *k)
{
	for (int t = 0; t < S903_NTABLES; t++)
		sqlite3_finalize(k->ins[t]);
	memset(k->ins, 0, sizeof k->ins);
}

static const char *issue_kind(const struct ssda903_column *col)
{
	switch (col->type) {
	case S903_DATE:
	case S903_PARTDATE: return "bad_date";
	case S903_CODE: return "unknown_code";
	case S903_INT: return "bad_number";
	case S903_POSTCODE: return "bad_postcode";
	default: return "bad_value";
	}
}

static int sink_row(void *vctx, enum ssda903_table t, const char *const *vals, const size_t *lens,
		    long row, long line, struct cf_error *err)
{
	struct s903_sink *k = vctx;
	const struct ssda903_table_def *d = &ssda903_tables[t];
	struct ingest_entry *entry = k->entry ? k->entry : k->entries[t];
	int rc = sink_prepare(k, t, err);
	if (rc)
		return rc;
	sqlite3_stmt *s = k->ins[t];
	char norm[S903_MAXCOLS][160];
	const char *bound[S903_MAXCOLS];     /* what each column was written as: NULL or norm[c] */
	char child[160] = "";
	int short_row = 0;
	sqlite3_reset(s);
	sqlite3_bind_int64(s, 1, k->return_id);
	sqlite3_bind_int64(s, 2, row);
	/* CHILD first, so issues can name the child */
	if (vals[0]) {
		const char *why;
		if (ssda903_normalise(&d->cols[0], vals[0], lens[0], child, sizeof child, &why) != S903_NORM_OK)
			child[0] = '\0';
	}
	for (int c = 0; c < d->ncols; c++) {
		const struct ssda903_column *col = &d->cols[c];
		bound[c] = NULL;
		if (!vals[c]) {
			sqlite3_bind_null(s, 3 + c);
			if (lens[c] == (size_t)-1)
				short_row = 1;
			continue;
		}
		const char *why = NULL;
		enum s903_norm r = ssda903_normalise(col, vals[c], lens[c], norm[c], sizeof norm[c], &why);
		if (r == S903_NORM_EMPTY || (r == S903_NORM_ISSUE && !norm[c][0]))
			sqlite3_bind_null(s, 3 + c);
		else
			sqlite3_bind_text(s, 3 + c, bound[c] = norm[c], -1, SQLITE_STATIC);
		if (r == S903_NORM_MAPPED) {
			/* never silently: the label and the code it was read as are recorded */
			char raw[160];
			snprintf(raw, sizeof raw, "%.*s", (int)(lens[c] < 150 ? lens[c] : 150), vals[c]);
			char msg[200];
			snprintf(msg, sizeof msg, "read as %s (%s)", norm[c], why);
			rc = ingest_issue(k->ctx, entry, k->return_id, d->name, row, line, child, col->name, raw,
					  "label_mapped", msg, err);
			if (rc)
				return rc;
		} else if (r == S903_NORM_ISSUE) {
			char raw[160];
			int withheld = col->type == S903_POSTCODE;
			snprintf(raw, sizeof raw, "%.*s", (int)(lens[c] < 150 ? lens[c] : 150), vals[c]);
			rc = ingest_issue(k->ctx, entry, k->return_id, d->name, row, line, child, col->name,
					  withheld ? "(withheld: possibly a full postcode)" : raw, issue_kind(col), why, err);
			if (rc)
				return rc;
		} else if (r == S903_NORM_EMPTY && c == 0) {
			rc = ingest_issue(k->ctx, entry, k->return_id, d->name, row, line, NULL, col->name, NULL,
					  "missing_value", "CHILD is blank: the row cannot be linked to a child", err);
			if (rc)
				return rc;
		}
	}
	if (short_row &&
	    (rc = ingest_issue(k->ctx, entry, k->return_id, d->name, row, line, child, NULL, NULL, "short_row",
			       "the row has fewer fields than the header (truncated line?); missing fields stored as blank",
			       err)))
		return rc;
	if (sqlite3_step(s) != SQLITE_DONE)
		return store_error(k->ctx->st, err, "writing a row");
	if (t == S903_EPISODES && k->packer) {
		/* the row as stored, for the return's episode pack */
		const char *cols[EPC_N];
		for (int c = 0; c < EPC_N; c++)
			cols[c] = bound[k->epcol[c]];
		if ((rc = episode_packer_add(k->packer, k->return_id, cols, err)))
			return rc;
	}
	/* release bound buffers now: norm[] goes out of scope */
	sqlite3_clear_bindings(s);
	if (entry) {
		entry->rows_read++;
		entry->rows_stored++;
	}
	return ingest_row_written(k->ctx, err);
}

/* Where the header and episodes tables ended before a return's rows went
 * in (load_rowid_mark), so finishing it reads only its own rows. */
struct s903_marks {
	long long header, episodes;
};

static int take_marks(struct ingest_ctx *ctx, struct s903_marks *m, struct cf_error *err)
{
	int rc = load_rowid_mark(ctx, "ssda903_header", &m->header, err);
	return rc ? rc : load_rowid_mark(ctx, "ssda903_episodes", &m->episodes, err);
}

/* After a return's rows are in: work out its collection year when nobody
 * said, bring the children table up to date, and pack its episodes for the
 * bulk reader. */
static int finish_return(struct ingest_ctx *ctx, const long long *ids, int n, int year_hint,
			 const struct s903_marks *m, struct episode_packer *packer, struct cf_error *err)
{
	char list[2048] = "";
	size_t ln = 0;
	for (int i = 0; i < n && ln < sizeof list - 32; i++)
		ln += (size_t)snprintf(list + ln, sizeof list - ln, "%s%lld", i ? "," : "", ids[i]);
	if (n == 0)
		return CF_OK;
	char sql[4096];
	int year = year_hint;
	if (year <= 0) {
		/* the latest start or end date in the return lies in its collection year */
		snprintf(sql, sizeof sql,
			 "SELECT max(d) FROM (SELECT max(decom) d FROM ssda903_episodes NOT INDEXED "
			 "WHERE rowid > %lld AND return_id IN (%s) AND decom GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' "
			 "UNION ALL SELECT max(dec) FROM ssda903_episodes NOT INDEXED WHERE rowid > %lld AND return_id IN (%s) "
			 "AND dec GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')", m->episodes, list, m->episodes, list);
		int rc = load_year_of_latest(ctx, sql, &year, err);
		if (rc)
			return rc;
	}
	if (year > 0) {
		snprintf(sql, sizeof sql, "UPDATE returns SET collection_year = %d WHERE id IN (%s) AND collection_year IS NULL",
			 year, list);
		int rc = store_exec(ctx->st, sql, err);
		if (rc)
			return rc;
	}
	snprintf(sql, sizeof sql,
		 "UPDATE returns SET issues = (SELECT count(*) FROM issues i WHERE i.return_id = returns.id) WHERE id IN (%s);"
		 LOAD_CHILDREN_INSERT "(child, sex, dob, ethnicity, source_year, first_return_id, last_return_id) "
		 "SELECT h.child, h.sex, h.dob, h.ethnic, r.collection_year, h.return_id, h.return_id "
		 "FROM ssda903_header h NOT INDEXED JOIN returns r ON r.id = h.return_id "
		 "WHERE h.rowid > %lld AND h.return_id IN (%s) AND h.child IS NOT NULL "
		 LOAD_CHILDREN_UPSERT ";"
		 "INSERT OR IGNORE INTO children (child, first_return_id, last_return_id) "
		 "SELECT child, min(return_id), max(return_id) FROM ssda903_episodes NOT INDEXED "
		 "WHERE rowid > %lld AND return_id IN (%s) AND child IS NOT NULL GROUP BY child;",
		 list, m->header, list, m->episodes, list);
	int rc = store_exec(ctx->st, sql, err);
	return rc ? rc : episode_packer_write(ctx->st, packer, ids, n, err);
}

static int set_rows(struct ingest_ctx *ctx, long long id, long rows, struct cf_error *err)
{
	char sql[128];
	snprintf(sql, sizeof sql, "UPDATE returns SET rows = %ld WHERE id = %lld", rows, id);
	return store_exec(ctx->st, sql, err);
}

int sniff_ssda903_csv(const struct ingest_sniff *info)
{
	if (!info->csv_fields || info->csv_nfields > 4096)
		return 0;
	enum ssda903_table t;
	int colmap[4096];
	struct cf_error e;
	cf_error_clear(&e);
	return ssda903_recognise(info->path, info->csv_fields, info->csv_lens, info->csv_nfields, &t, colmap, &e) == CF_OK;
}

int load_ssda903_csv_group(struct ingest_ctx *ctx, char **paths, int n, struct cf_error *err)
{
	struct s903_sink sink;
	memset(&sink, 0, sizeof sink);
	sink.ctx = ctx;
	struct episode_packer packer = { 0 };
	sink.packer = &packer;
	long long ids[64];
	int nids = 0, rc = CF_OK;
	int year = ctx->opt->collection_year > 0 ? ctx->opt->collection_year : ingest_year_from_path(paths[0]);
	struct s903_marks marks;
	rc = take_marks(ctx, &marks, err);
	for (int i = 0; i < n && !rc; i++) {
		enum ssda903_table t;
		rc = ssda903_csv_sniff(paths[i], &t, err);
		if (rc)
			break;
		long long rid;
		struct ingest_entry *entry;
		if ((rc = ingest_add_return(ctx, paths[i], (enum return_kind)(RETURN_SSDA903_HEADER + t), year, &rid, &entry,
					    err)))
			break;
		if (rid == 0)
			continue;  /* already loaded */
		sink.return_id = rid;
		sink.entry = entry;
		sink.path = paths[i];
		long rows;
		rc = ssda903_csv_read(paths[i], &t, &rows, sink_row, &sink, err);
		if (!rc)
			rc = set_rows(ctx, rid, rows, err);
		ids[nids++] = rid;
	}
	if (!rc)
		rc = finish_return(ctx, ids, nids, year, &marks, &packer, err);
	sink_release(&sink);
	episode_packer_release(&packer);
	return rc;
}

int sniff_ssda903_xlsx(const struct ingest_sniff *info)
{
	return info->ext && !strcmp(info->ext, "xlsx") && ssda903_xlsx_sniff(info->path);
}

int sniff_ssda903_xml(const struct ingest_sniff *info)
{
	return info->xml_root && !strcmp(info->xml_root, "EXPSSDA903");
}

/* One XML return: one `returns` row for the file, and a summary line per
 * table, added when the table's first row arrives. */
struct xml_load {
	struct s903_sink sink;
	int entry_idx[S903_NTABLES];     /* index into the report, -1 before the first row */
};

static int xml_row(void *vctx, enum ssda903_table t, const char *const *vals, const size_t *lens,
		   long row, long line, struct cf_error *err)
{
	struct xml_load *x = vctx;
	struct ingest_report *rep = x->sink.ctx->rep;
	if (x->entry_idx[t] < 0) {
		struct ingest_entry *e = ingest_add_entry(x->sink.ctx, x->sink.path,
							  return_kind_name((enum return_kind)(RETURN_SSDA903_HEADER + t)),
							  "loaded");
		if (!e)
			return cf_error_set(err, CF_EIO, "out of memory");
		e->return_id = x->sink.return_id;
		x->entry_idx[t] = (int)(e - rep->entries);
		/* adding a line may have moved the report */
		for (int k = 0; k < S903_NTABLES; k++)
			x->sink.entries[k] = x->entry_idx[k] >= 0 ? &rep->entries[x->entry_idx[k]] : NULL;
	}
	return sink_row(&x->sink, t, vals, lens, row, line, err);
}

typedef int (*book_read_fn)(const char *path, long rows[S903_NTABLES], ssda903_row_fn fn, void *ctx,
			    struct cf_error *err);

static int load_ssda903_book(struct ingest_ctx *ctx, char **paths, int n, enum return_kind kind, book_read_fn read,
			     struct cf_error *err)
{
	int rc = CF_OK;
	for (int i = 0; i < n && !rc; i++) {
		int year = ctx->opt->collection_year > 0 ? ctx->opt->collection_year : ingest_year_from_path(paths[i]);
		long long rid;
		struct ingest_entry *file_entry;
		if ((rc = ingest_add_return(ctx, paths[i], kind, year, &rid, &file_entry, err)))
			break;
		if (rid == 0)
			continue;  /* already loaded */
		int file_idx = (int)(file_entry - ctx->rep->entries);
		struct s903_marks marks;
		if ((rc = take_marks(ctx, &marks, err)))
			break;
		struct xml_load x;
		memset(&x, 0, sizeof x);
		struct episode_packer packer = { 0 };
		x.sink.packer = &packer;
		x.sink.ctx = ctx;
		x.sink.return_id = rid;
		x.sink.path = paths[i];
		for (int t = 0; t < S903_NTABLES; t++)
			x.entry_idx[t] = -1;
		long rows[S903_NTABLES];
		rc = read(paths[i], rows, xml_row, &x, err);
		sink_release(&x.sink);
		long total = 0;
		int ntables = 0;
		for (int t = 0; t < S903_NTABLES; t++) {
			total += rows[t];
			ntables += rows[t] > 0;
		}
		if (!rc)
			rc = set_rows(ctx, rid, total, err);
		if (!rc)
			rc = finish_return(ctx, &rid, 1, year, &marks, &packer, err);
		episode_packer_release(&packer);
		if (!rc) {
			struct ingest_entry *e = ctx->rep->entries;
			snprintf(e[file_idx].note, sizeof e[file_idx].note, "%ld rows in %d tables, one line each below",
				 total, ntables);
			/* the tables' lines came in first-row order; list them in the DfE order */
			struct ingest_entry sorted[S903_NTABLES];
			int k = 0;
			for (int t = 0; t < S903_NTABLES; t++)
				if (x.entry_idx[t] >= 0)
					sorted[k++] = e[x.entry_idx[t]];
			memcpy(&e[file_idx + 1], sorted, sizeof sorted[0] * (size_t)k);
		}
	}
	return rc;
}

int load_ssda903_xml(struct ingest_ctx *ctx, char **paths, int n, struct cf_error *err)
{
	return load_ssda903_book(ctx, paths, n, RETURN_SSDA903_XML, ssda903_xml_read, err);
}

/* One workbook: one return, a summary line per table, as for XML. */
int load_ssda903_xlsx(struct ingest_ctx *ctx, char **paths, int n, struct cf_error *err)
{
	return load_ssda903_book(ctx, paths, n, RETURN_SSDA903_XLSX, ssda903_xlsx_read, err);
}
