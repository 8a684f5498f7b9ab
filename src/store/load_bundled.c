/* Loading the published tables built into caseflow (store/bundled.h): each
 * is written to a scratch folder under its own name, ingested like any
 * file the user gives, and recorded as built in. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/bundled.h"
#include "store/store_int.h"
#include "store/ingest.h"
#include "store/store.h"

enum { K_PUBLISHED, K_SN_GROUPS, K_LOOKUP };

static int table_empty(struct store *st, const char *sql, int *empty, struct cf_error *err)
{
	sqlite3_stmt *s;
	int rc = store_prepare(st, sql, &s, err);
	if (rc)
		return rc;
	int step = sqlite3_step(s);
	*empty = step != SQLITE_ROW;
	sqlite3_finalize(s);
	return step == SQLITE_ROW || step == SQLITE_DONE ? CF_OK : store_error(st, err, "reading the store");
}

static int write_file(const char *path, const struct store_bundled_file *f, struct cf_error *err)
{
	FILE *fp = fopen(path, "wb");
	if (!fp)
		return cf_error_at(err, CF_EIO, path, 0, NULL, NULL, "cannot write a scratch copy of a built-in table");
	size_t n = fwrite(f->text, 1, f->len, fp);
	if (fclose(fp) != 0 || n != f->len)
		return cf_error_at(err, CF_EIO, path, 0, NULL, NULL, "cannot write a scratch copy of a built-in table");
	return CF_OK;
}

int store_load_bundled(struct store *st, int *loaded, struct cf_error *err)
{
	static const char *const probe[] = {
		[K_PUBLISHED] = "SELECT 1 FROM published LIMIT 1",
		[K_SN_GROUPS] = "SELECT 1 FROM sn_groups LIMIT 1",
		[K_LOOKUP] = "SELECT 1 FROM la_lookup LIMIT 1",
	};
	int empty[3];
	if (loaded)
		*loaded = 0;
	for (int k = 0; k < 3; k++) {
		int rc = table_empty(st, probe[k], &empty[k], err);
		if (rc)
			return rc;
	}
	/* published tables the user loaded, even in part, are the user's choice */
	if (!empty[K_PUBLISHED] || !empty[K_SN_GROUPS] || !empty[K_LOOKUP])
		return CF_OK;
	const char *tmp = getenv("TMPDIR");
	char dir[512];
	snprintf(dir, sizeof dir, "%s/caseflow-dfe-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir))
		return cf_error_at(err, CF_EIO, dir, 0, NULL, NULL, "cannot make a scratch folder for the built-in tables");
	char **paths = calloc((size_t)store_bundled_file_count, sizeof *paths);
	int n = 0, rc = paths ? CF_OK : cf_error_set(err, CF_EIO, "out of memory");
	for (int i = 0; i < store_bundled_file_count && !rc; i++) {
		const struct store_bundled_file *f = &store_bundled_files[i];
		size_t len = strlen(dir) + strlen(f->name) + 2;
		if (!(paths[n] = malloc(len))) {
			rc = cf_error_set(err, CF_EIO, "out of memory");
			break;
		}
		snprintf(paths[n], len, "%s/%s", dir, f->name);
		rc = write_file(paths[n++], f, err);
	}
	if (!rc && n) {
		struct ingest_options opt = { .loaded_by = "caseflow", .quiet = 1 };
		struct ingest_report rep;
		memset(&rep, 0, sizeof rep);
		rc = ingest_paths(st, paths, n, &opt, &rep, err);
		ingest_report_release(&rep);
		/* the scratch path means nothing later: say where the table came from */
		sqlite3_stmt *s = NULL;
		if (!rc)
			rc = store_prepare(st, "UPDATE returns SET path = ?1 || substr(path, length(?2) + 2) "
					       "WHERE substr(path, 1, length(?2) + 1) = ?2 || '/'", &s, err);
		if (!rc) {
			sqlite3_bind_text(s, 1, STORE_BUNDLED_PREFIX, -1, SQLITE_STATIC);
			sqlite3_bind_text(s, 2, dir, -1, SQLITE_STATIC);
			if (sqlite3_step(s) != SQLITE_DONE)
				rc = store_error(st, err, "recording the built-in tables");
		}
		sqlite3_finalize(s);
		if (!rc && loaded)
			*loaded = n;
	}
	for (int i = 0; i < n; i++) {
		unlink(paths[i]);
		free(paths[i]);
	}
	free(paths);
	rmdir(dir);
	return rc;
}
