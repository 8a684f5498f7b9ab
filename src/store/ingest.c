/* The ingest driver: expand paths, recognise each file, group the files of
 * one return, and load each return in its own transaction. */
#include "store/ingest_int.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "base/csv.h"
#include "base/dir.h"
#include "base/progress.h"
#include "base/sha256.h"
#include "formats/ssda903.h"
#include "formats/xlsx.h"

/* --- report ---------------------------------------------------------------- */

void ingest_report_release(struct ingest_report *rep)
{
	free(rep->entries);
	memset(rep, 0, sizeof *rep);
}

static struct ingest_entry *report_add(struct ingest_report *rep, const char *path, const char *kind,
				       const char *status)
{
	if (rep->nentries == rep->cap) {
		int nc = rep->cap ? rep->cap * 2 : 32;
		struct ingest_entry *e = realloc(rep->entries, sizeof *e * (size_t)nc);
		if (!e)
			return NULL;
		rep->entries = e;
		rep->cap = nc;
	}
	struct ingest_entry *e = &rep->entries[rep->nentries++];
	memset(e, 0, sizeof *e);
	snprintf(e->path, sizeof e->path, "%s", path);
	snprintf(e->kind, sizeof e->kind, "%s", kind);
	snprintf(e->status, sizeof e->status, "%s", status);
	return e;
}

static void count_issue_kind(struct ingest_report *rep, const char *kind)
{
	for (int i = 0; i < rep->nissue_kinds; i++)
		if (strcmp(rep->issue_kinds[i].kind, kind) == 0) {
			rep->issue_kinds[i].count++;
			return;
		}
	if (rep->nissue_kinds < 16) {
		snprintf(rep->issue_kinds[rep->nissue_kinds].kind, sizeof rep->issue_kinds[0].kind, "%s", kind);
		rep->issue_kinds[rep->nissue_kinds++].count = 1;
	}
}

/* --- helpers for loaders ------------------------------------------------- */

int ingest_year_from_path(const char *path)
{
	/* the last match wins: the innermost folder or the file name */
	int found = 0;
	for (const char *p = path; *p; p++) {
		if (p[0] != '2' || p[1] != '0' || !isdigit((unsigned char)p[2]) || !isdigit((unsigned char)p[3]))
			continue;
		if (p > path && isdigit((unsigned char)p[-1]))
			continue;
		int y = (p[2] - '0') * 10 + (p[3] - '0') + 2000;
		const char *q = p + 4;
		if (*q == '-' || *q == '_' || *q == '/' || *q == ' ')
			q++;
		if (isdigit((unsigned char)q[0]) && isdigit((unsigned char)q[1]) && !isdigit((unsigned char)q[2])) {
			int yy = (q[0] - '0') * 10 + (q[1] - '0');
			if (yy == (y + 1) % 100)
				found = y + 1;
		}
	}
	return found;
}

struct ingest_entry *ingest_add_entry(struct ingest_ctx *ctx, const char *path, const char *kind,
				      const char *status)
{
	return report_add(ctx->rep, path, kind, status);
}

int ingest_row_written(struct ingest_ctx *ctx, struct cf_error *err)
{
	ctx->rows_written++;
	if (ctx->opt->fail_after_rows > 0 && ctx->rows_written >= ctx->opt->fail_after_rows)
		return cf_error_set(err, CF_EIO, "simulated failure after %ld rows (CASEFLOW_FAIL_AFTER_ROWS)",
				    ctx->rows_written);
	return CF_OK;
}

int ingest_add_return(struct ingest_ctx *ctx, const char *path, enum return_kind k, int collection_year,
		      long long *return_id, struct ingest_entry **entry, struct cf_error *err)
{
	const char *kind = return_kind_name(k);
	char hex[65];
	long long bytes;
	int rc = sha256_file(path, hex, &bytes, err);
	*return_id = 0;
	*entry = NULL;
	if (rc)
		return rc;
	ctx->rep->bytes += bytes;
	sqlite3_stmt *s;
	if ((rc = store_prepare(ctx->st, "SELECT id, loaded_at FROM returns WHERE sha256 = ? AND kind = ?", &s, err)))
		return rc;
	sqlite3_bind_text(s, 1, hex, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, kind, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW) {
		struct ingest_entry *e = report_add(ctx->rep, path, kind, "skipped");
		if (e) {
			e->return_id = sqlite3_column_int64(s, 0);
			snprintf(e->note, sizeof e->note, "already loaded as return %lld on %s (same SHA-256)",
				 e->return_id, (const char *)sqlite3_column_text(s, 1));
		}
		sqlite3_finalize(s);
		*entry = e;
		return e ? CF_OK : cf_error_set(err, CF_EIO, "out of memory");
	}
	sqlite3_finalize(s);
	if ((rc = store_prepare(ctx->st,
				"INSERT INTO returns (path, kind, collection_year, sha256, bytes, rows, loaded_at, loaded_by) "
				"VALUES (?, ?, ?, ?, ?, 0, strftime('%Y-%m-%dT%H:%M:%S', 'now'), ?)", &s, err)))
		return rc;
	const char *who = ctx->opt->loaded_by ? ctx->opt->loaded_by : getenv("USER");
	sqlite3_bind_text(s, 1, path, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, kind, -1, SQLITE_STATIC);
	if (collection_year > 0)
		sqlite3_bind_int(s, 3, collection_year);
	sqlite3_bind_text(s, 4, hex, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 5, bytes);
	if (who)
		sqlite3_bind_text(s, 6, who, -1, SQLITE_STATIC);
	int step = sqlite3_step(s);
	sqlite3_finalize(s);
	if (step != SQLITE_DONE)
		return store_error(ctx->st, err, "recording a return");
	*return_id = sqlite3_last_insert_rowid(ctx->st->db);
	struct ingest_entry *e = report_add(ctx->rep, path, kind, "loaded");
	if (!e)
		return cf_error_set(err, CF_EIO, "out of memory");
	e->return_id = *return_id;
	*entry = e;
	return CF_OK;
}

int ingest_issue(struct ingest_ctx *ctx, struct ingest_entry *entry, long long return_id, const char *tbl,
		 long row, long line, const char *child, const char *column, const char *value,
		 const char *kind, const char *message, struct cf_error *err)
{
	static const char sql[] = "INSERT INTO issues (return_id, tbl, row, line, child, column_name, value, kind, message) "
				  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
	if (!ctx->issue_stmt && store_prepare(ctx->st, sql, &ctx->issue_stmt, err))
		return CF_EIO;
	sqlite3_stmt *s = ctx->issue_stmt;
	sqlite3_reset(s);
	sqlite3_bind_int64(s, 1, return_id);
	sqlite3_bind_text(s, 2, tbl, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, row);
	sqlite3_bind_int64(s, 4, line);
	if (child && *child)
		sqlite3_bind_text(s, 5, child, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, 5);
	sqlite3_bind_text(s, 6, column, -1, SQLITE_STATIC);
	if (value)
		sqlite3_bind_text(s, 7, value, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, 7);
	sqlite3_bind_text(s, 8, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 9, message, -1, SQLITE_STATIC);
	int step = sqlite3_step(s);
	sqlite3_bind_null(s, 5);  /* drop references to caller's buffers */
	sqlite3_reset(s);
	if (step != SQLITE_DONE)
		return store_error(ctx->st, err, "recording an issue");
	if (entry)
		entry->issues++;
	count_issue_kind(ctx->rep, kind);
	return CF_OK;
}

/* --- finding files ------------------------------------------------------- */

struct file_list {
	char **paths;
	int n, cap;
};

static int list_add(struct file_list *l, const char *p)
{
	if (l->n == l->cap) {
		int nc = l->cap ? l->cap * 2 : 64;
		char **np = realloc(l->paths, sizeof *np * (size_t)nc);
		if (!np)
			return -1;
		l->paths = np;
		l->cap = nc;
	}
	if (!(l->paths[l->n] = strdup(p)))
		return -1;
	l->n++;
	return 0;
}

static void list_free(struct file_list *l)
{
	for (int i = 0; i < l->n; i++)
		free(l->paths[i]);
	free(l->paths);
}

static const char *extension(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(slash ? slash : path, '.');
	return dot ? dot + 1 : "";
}

static int loadable_extension(const char *path)
{
	const char *e = extension(path);
	return !strcasecmp(e, "csv") || !strcasecmp(e, "xml") || !strcasecmp(e, "xlsx");
}

/* Files under path into out; in folders, files whose extension caseflow
 * does not read into skipped (reported by name, never passed over in silence). */
static int walk(const char *path, int top, struct file_list *out, struct file_list *skipped, struct cf_error *err)
{
	struct stat sb;
	if (stat(path, &sb) != 0)
		return cf_error_at(err, CF_EINPUT, path, 0, NULL, NULL, "no such file or directory");
	if (!S_ISDIR(sb.st_mode)) {
		if ((top || loadable_extension(path)) ? list_add(out, path) : list_add(skipped, path))
			return cf_error_set(err, CF_EIO, "out of memory");
		return CF_OK;
	}
	struct dir_list here;
	if (dir_list(path, NULL, &here) != 0)
		return errno == ENOMEM ? cf_error_set(err, CF_EIO, "out of memory")
				       : cf_error_at(err, CF_EIO, path, 0, NULL, NULL, "cannot read directory");
	int rc = CF_OK;
	for (size_t i = 0; i < here.n && !rc; i++)
		rc = walk(here.paths[i], 0, out, skipped, err);
	dir_list_release(&here);
	return rc;
}

/* --- recognising files ---------------------------------------------------- */

/* Every kind of file ingest reads, in the order they are tried. */
static const struct ingest_source sources[] = {
	{ "ssda903.csv", sniff_ssda903_csv, load_ssda903_csv_group, 1 },
	{ "ssda903.xml", sniff_ssda903_xml, load_ssda903_xml, 0 },
	{ "cin.census", sniff_cin_census, load_cin_census, 0 },
	{ "csww.census", sniff_csww_census, load_csww_census, 0 },
	{ "ssd.csv", sniff_ssd_csv, load_ssd_csv, 1 },
	{ "local.csv", sniff_local_csv, load_local_csv, 0 },
	{ "annexa.xlsx", sniff_annexa_xlsx, load_annexa_xlsx, 0 },
	{ "ssda903.xlsx", sniff_ssda903_xlsx, load_ssda903_xlsx, 0 },
	{ "annexa.csv", sniff_annexa_csv, load_annexa_csv, 0 },
	{ "local.xlsx", sniff_local_xlsx, load_local_xlsx, 0 },
	{ "dfe.published", sniff_dfe_published, load_dfe_published, 0 },
	{ "dfe.sn_groups", sniff_dfe_sn_groups, load_dfe_sn_groups, 0 },
	{ "ons.la_lookup", sniff_ons_la_lookup, load_ons_la_lookup, 0 },
	{ "mhclg.imd", sniff_imd_lookup, load_imd_lookup, 0 },
	{ "ons.population_projection", sniff_ons_projection, load_ons_projection, 0 },
	{ "ons.postcode_directory", sniff_ons_postcodes, load_ons_postcodes, 0 },
};
#define NSOURCES ((int)(sizeof sources / sizeof sources[0]))
#define SOURCE_EMPTY (-1)
#define SOURCE_UNKNOWN (-2)
#define SOURCE_DONE (-3)

/* First element name of an XML document, skipping the prolog and comments. */
static int xml_root(const char *path, char *name, size_t size)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return -1;
	char buf[8192];
	size_t n = fread(buf, 1, sizeof buf - 1, fp);
	fclose(fp);
	buf[n] = '\0';
	for (char *p = buf; (p = strchr(p, '<')); p++) {
		if (p[1] == '?' || p[1] == '!')
			continue;
		size_t k = 0;
		p++;
		while (*p && !isspace((unsigned char)*p) && *p != '>' && *p != '/' && k + 1 < size)
			name[k++] = *p++;
		name[k] = '\0';
		return k ? 0 : -1;
	}
	return -1;
}

/* Which source reads path: an index into sources[], SOURCE_EMPTY for an
 * empty file, or SOURCE_UNKNOWN with why filled in. */
static int classify(const char *path, char *why, size_t whysize)
{
	char ext[16];
	snprintf(ext, sizeof ext, "%s", extension(path));
	for (char *p = ext; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	struct stat sb;
	if (stat(path, &sb) != 0) {
		snprintf(why, whysize, "%s: cannot read the file", path);
		return SOURCE_UNKNOWN;
	}
	if (sb.st_size <= 2)
		return SOURCE_EMPTY;
	struct ingest_sniff info = { path, ext, NULL, NULL, NULL, 0 };
	char root[64];
	struct csv_reader r;
	int have_csv = 0, got = 0;
	struct cf_error e;
	cf_error_clear(&e);
	if (!strcmp(ext, "xml")) {
		if (xml_root(path, root, sizeof root) != 0) {
			snprintf(why, whysize, "%s: not an XML document (no root element in the first 8 KB)", path);
			return SOURCE_UNKNOWN;
		}
		info.xml_root = root;
	} else if (strcmp(ext, "xlsx") != 0) {
		if (csv_reader_open(&r, path, &e) == CF_OK) {
			have_csv = 1;
			while ((got = csv_reader_next(&r, &e)) == 1 && csv_row_is_blank(&r))
				;
			if (got == 1) {
				info.csv_fields = r.fields;
				info.csv_lens = r.lens;
				info.csv_nfields = r.nfields;
			}
		}
	}
	int found = SOURCE_UNKNOWN;
	for (int i = 0; i < NSOURCES && found == SOURCE_UNKNOWN; i++)
		if (sources[i].sniff(&info))
			found = i;
	if (found == SOURCE_UNKNOWN) {
		if (info.xml_root)
			snprintf(why, whysize, "%s: XML with root element <%s> is not a return caseflow reads", path, root);
		else if (!strcmp(ext, "xlsx")) {
			/* a damaged workbook says so whatever it is called */
			struct xlsx_book *b = NULL;
			if (xlsx_open(&b, path, &e) != CF_OK)
				cf_error_format(&e, why, whysize);
			else
				snprintf(why, whysize, "%s: not a workbook caseflow reads", path);
			xlsx_close(b);
		}
		else if (have_csv && got == 0)
			found = SOURCE_EMPTY;
		else if (have_csv && got == 1) {
			/* say why it is not a 903 table, the most common intent */
			enum ssda903_table t;
			int colmap[4096];
			if (r.nfields <= 4096 &&
			    ssda903_recognise(path, r.fields, r.lens, r.nfields, &t, colmap, &e) != CF_OK)
				cf_error_format(&e, why, whysize);
			else
				snprintf(why, whysize, "%s: not a table caseflow reads", path);
		} else
			cf_error_format(&e, why, whysize);
	}
	if (have_csv)
		csv_reader_close(&r);
	return found;
}

static char *dirname_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? strndup(path, (size_t)(slash - path)) : strdup(".");
}

/* --- the driver ---------------------------------------------------------- */

static int run_group(struct ingest_ctx *ctx, const struct ingest_source *src, char **paths, int n,
		     struct cf_error *err)
{
	int first = ctx->rep->nentries;
	/* Referential integrity during a load holds by construction, so SQLite
	 * need not check it row by row (a parent look-up per row): loaders only
	 * insert, every row they write carries the return_id that
	 * ingest_add_return() inserted earlier in the same transaction, and the
	 * children table's return ids are the same. Outside loads (deleting a
	 * programme's returns, say) the store keeps foreign_keys on. */
	int rc = store_exec(ctx->st, "PRAGMA foreign_keys = OFF", err);
	if (!rc)
		rc = store_begin(ctx->st, err);
	if (!rc)
		rc = src->load(ctx, paths, n, err);
	if (!rc)
		rc = store_commit(ctx->st, err);
	if (rc)
		store_rollback(ctx->st);
	/* the pragma is a no-op inside a transaction: on again once it is over */
	struct cf_error fk_err;
	if (store_exec(ctx->st, "PRAGMA foreign_keys = ON", &fk_err) && !rc)
		rc = cf_error_set(err, CF_EIO, "%s", fk_err.msg);
	if (rc) {
		char msg[2048];
		cf_error_format(err, msg, sizeof msg);
		for (int i = first; i < ctx->rep->nentries; i++) {
			struct ingest_entry *e = &ctx->rep->entries[i];
			snprintf(e->status, sizeof e->status, "rejected");
			e->rows_stored = 0;
			e->return_id = 0;
		}
		/* files of the group with no entry yet */
		for (int k = 0; k < n; k++) {
			int seen = 0;
			for (int i = first; i < ctx->rep->nentries && !seen; i++)
				seen = !strcmp(ctx->rep->entries[i].path, paths[k]);
			if (!seen) {
				struct ingest_entry *e = report_add(ctx->rep, paths[k], src->name, "rejected");
				if (e)
					snprintf(e->note, sizeof e->note, "not loaded: another file of the same return failed");
			}
		}
		for (int i = first; i < ctx->rep->nentries; i++)
			if (!ctx->rep->entries[i].note[0])
				snprintf(ctx->rep->entries[i].note, sizeof ctx->rep->entries[i].note, "%s", msg);
		ctx->rep->rejected++;
		cf_error_print(err);
	}
	return rc;
}

int ingest_paths(struct store *st, char *const *paths, int npaths, const struct ingest_options *opt,
		 struct ingest_report *rep, struct cf_error *err)
{
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	memset(rep, 0, sizeof *rep);
	struct file_list files = { 0 }, skipped = { 0 };
	int rc = CF_OK;
	for (int i = 0; i < npaths && !rc; i++)
		rc = walk(paths[i], 1, &files, &skipped, err);
	if (!rc && files.n == 0)
		rc = skipped.n ? cf_error_at(err, CF_EINPUT, skipped.paths[0], 0, NULL, NULL,
					     "no .csv, .xml or .xlsx files found in the paths given (%d file%s of other kinds, "
					     "this one first: caseflow reads .csv, .xml and .xlsx)", skipped.n,
					     skipped.n == 1 ? "" : "s")
			       : cf_error_set(err, CF_EINPUT, "no .csv, .xml or .xlsx files found in the paths given");
	if (rc) {
		list_free(&files);
		list_free(&skipped);
		return rc;
	}
	/* a file in a return's folder that caseflow cannot read is named, so a
	 * return does not load without its episodes unnoticed */
	for (int i = 0; i < skipped.n; i++) {
		struct ingest_entry *e = report_add(rep, skipped.paths[i], "unknown", "skipped");
		if (e)
			snprintf(e->note, sizeof e->note,
				 "not read: caseflow reads .csv, .xml and .xlsx files (if this is a table, give it one of those extensions)");
		fprintf(stderr, "caseflow: %s: skipped: caseflow reads .csv, .xml and .xlsx files (if this is a table, "
				"give it one of those extensions)\n", skipped.paths[i]);
	}
	list_free(&skipped);

	struct ingest_ctx ctx = { st, opt, rep, 0, NULL };
	int *kinds = calloc((size_t)files.n, sizeof *kinds);
	char *unreadable = calloc((size_t)files.n, 1);
	char **dirs = calloc((size_t)files.n, sizeof *dirs);
	if (!kinds || !dirs || !unreadable) {
		free(unreadable);
		free(kinds);
		free(dirs);
		list_free(&files);
		return cf_error_set(err, CF_EIO, "out of memory");
	}
	int any_rejected = 0;
	for (int i = 0; i < files.n; i++) {
		char why[1024] = "";
		kinds[i] = classify(files.paths[i], why, sizeof why);
		dirs[i] = dirname_of(files.paths[i]);
		if (kinds[i] == SOURCE_EMPTY) {
			struct ingest_entry *e = report_add(rep, files.paths[i], "empty", "empty");
			if (e)
				snprintf(e->note, sizeof e->note, "no header and no rows (an empty table): nothing to load");
		} else if (kinds[i] == SOURCE_UNKNOWN) {
			struct ingest_entry *e = report_add(rep, files.paths[i], "unknown", "rejected");
			if (e)
				snprintf(e->note, sizeof e->note, "%s", why);
			fprintf(stderr, "caseflow: %s\n", why);
			unreadable[i] = 1;   /* counted as a rejected return below, once per folder */
			any_rejected = 1;
		}
	}

	struct progress bar;
	progress_start(&bar, "ingest", files.n);
	/* the postcode directory keeps the sectors the data uses, so it is
	 * loaded after the rest: its files move to the end, in their order */
	for (int i = 0, moved = 0; i < files.n - moved; i++)
		if (kinds[i] >= 0 && sources[kinds[i]].load == load_ons_postcodes) {
			char *path = files.paths[i], *dir = dirs[i];
			int kind = kinds[i];
			char bad = unreadable[i];
			memmove(&files.paths[i], &files.paths[i + 1], (size_t)(files.n - i - 1) * sizeof *files.paths);
			memmove(&dirs[i], &dirs[i + 1], (size_t)(files.n - i - 1) * sizeof *dirs);
			memmove(&kinds[i], &kinds[i + 1], (size_t)(files.n - i - 1) * sizeof *kinds);
			memmove(&unreadable[i], &unreadable[i + 1], (size_t)(files.n - i - 1));
			files.paths[files.n - 1] = path;
			dirs[files.n - 1] = dir;
			kinds[files.n - 1] = kind;
			unreadable[files.n - 1] = bad;
			moved++;
			i--;
		}
	for (int i = 0; i < files.n && rc != CF_EIO; i++) {
		if (kinds[i] >= 0) {
			const struct ingest_source *src = &sources[kinds[i]];
			/* a grouped source: every file of its kind in the same folder is one return */
			char *group[64];
			int n = 0, k = kinds[i];
			for (int j = i; j < files.n && n < 64; j++)
				if (kinds[j] == k && (j == i || (src->group_by_dir && !strcmp(dirs[j], dirs[i])))) {
					group[n++] = files.paths[j];
					kinds[j] = SOURCE_DONE;
				}
			/* a folder is one return: a file in it that could not be read at
			 * all rejects the whole return, not just that file */
			const char *bad = NULL;
			for (int j = 0; j < files.n && !bad; j++)
				if (unreadable[j] && !strcmp(dirs[j], dirs[i]) && src->group_by_dir)
					bad = files.paths[j];
			if (bad) {
				for (int j = 0; j < files.n; j++)
					if (unreadable[j] && !strcmp(dirs[j], dirs[i]))
						unreadable[j] = 2;   /* this return's rejection covers it */
				for (int g = 0; g < n; g++) {
					struct ingest_entry *e = report_add(rep, group[g], src->name, "rejected");
					if (e)
						snprintf(e->note, sizeof e->note, "not loaded: %s in the same return could not be read", bad);
				}
				rep->rejected++;
				any_rejected = 1;
				progress_update(&bar, i + 1);
				continue;
			}
			int grc = run_group(&ctx, src, group, n, err);
			if (grc == CF_EINPUT)
				any_rejected = 1;
			else if (grc)
				rc = grc;
		}
		progress_update(&bar, i + 1);
	}
	progress_finish(&bar);
	/* unreadable files no return took in: one rejected return per folder */
	for (int i = 0; i < files.n; i++)
		if (unreadable[i] == 1) {
			rep->rejected++;
			for (int j = i; j < files.n; j++)
				if (unreadable[j] == 1 && !strcmp(dirs[j], dirs[i]))
					unreadable[j] = 2;
		}
	sqlite3_finalize(ctx.issue_stmt);
	for (int i = 0; i < files.n; i++)
		free(dirs[i]);
	free(dirs);
	free(kinds);
	free(unreadable);
	list_free(&files);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	rep->seconds = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	if (rc)
		return rc;
	if (any_rejected)
		return cf_error_set(err, CF_EINPUT, "%d return(s) rejected; nothing of them was written", rep->rejected);
	return CF_OK;
}
