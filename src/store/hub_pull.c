/* A council's rows from the hub, read into a private in-memory store
 * (store_open_hub, store/hub.h). The analyses then run on it exactly as on
 * the council's own file: one engine, whatever the backend, and figures
 * that match byte for byte (tests/e2e/90_hub.sh).
 *
 * What the connecting role may read is PostgreSQL's decision (row-level
 * security): a council's role gets its own council only, whatever --la
 * says. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/progress.h"
#include "base/strbuf.h"
#include "store/hub.h"
#include "store/hub_int.h"
#include "store/store_int.h"

/* Split one line of COPY's text format in place into fields (NULL for \N),
 * undoing its escapes. Returns the number of fields, or -1 past max. */
static int copy_fields(char *line, int len, char **f, int max)
{
	int n = 0;
	if (len > 0 && line[len - 1] == '\n')
		line[--len] = 0;
	char *w = line, *start = line;
	for (int i = 0; i <= len; i++) {
		char c = line[i];
		if (c == '\t' || i == len) {
			*w++ = 0;
			if (n == max)
				return -1;
			f[n++] = strcmp(start, "\\N") ? start : NULL;
			start = w;
			continue;
		}
		if (c == '\\' && i + 1 < len) {
			char e = line[++i];
			switch (e) {
			case 'N': *w++ = '\\'; *w++ = 'N'; continue;   /* only whole-field \N means NULL */
			case 't': c = '\t'; break;
			case 'n': c = '\n'; break;
			case 'r': c = '\r'; break;
			case 'b': c = '\b'; break;
			case 'f': c = '\f'; break;
			case 'v': c = '\v'; break;
			default: c = e;
			}
		}
		*w++ = c;
	}
	return n;
}

/* Run COPY (query) TO STDOUT on the hub and insert each row into the store
 * with ins (one text parameter per field; the columns' affinity types
 * them, as a load's own bindings did). */
static int copy_into(struct hub *h, struct store *st, const char *query, const char *ins, int nf, long long *rows,
		     struct progress *bar, struct cf_error *err)
{
	sqlite3_stmt *s;
	int rc = store_prepare(st, ins, &s, err);
	if (rc)
		return rc;
	struct strbuf q = { 0 };
	strbuf_addf(&q, "COPY (%s) TO STDOUT", query);
	PGresult *r = strbuf_ok(&q) ? PQexec(h->conn, strbuf_str(&q)) : NULL;
	strbuf_release(&q);
	if (PQresultStatus(r) != PGRES_COPY_OUT) {
		rc = hub_fail(h, r, "reading the hub", err);
		PQclear(r);
		sqlite3_finalize(s);
		return rc;
	}
	PQclear(r);
	char *line, *f[72];
	int len;
	while ((len = PQgetCopyData(h->conn, &line, 0)) > 0) {
		int n = rc ? 0 : copy_fields(line, len, f, 72);
		if (!rc && n != nf)
			rc = cf_error_at(err, CF_EIO, h->where, 0, NULL, NULL,
					 "the hub sent %d fields where %d were expected: run 'caseflow hub init' "
					 "with this version of caseflow", n, nf);
		for (int i = 0; !rc && i < n; i++)
			if (f[i])
				sqlite3_bind_text(s, i + 1, f[i], -1, SQLITE_TRANSIENT);
			else
				sqlite3_bind_null(s, i + 1);
		if (!rc && sqlite3_step(s) != SQLITE_DONE)
			rc = store_error(st, err, "copying the hub's rows");
		sqlite3_reset(s);
		PQfreemem(line);
		if (!rc && !(++*rows & 4095) && bar)
			progress_update(bar, *rows);
	}
	if (len == -2 && !rc)
		rc = hub_fail(h, NULL, "reading the hub", err);
	while ((r = PQgetResult(h->conn))) {
		if (!rc && PQresultStatus(r) != PGRES_COMMAND_OK)
			rc = hub_fail(h, r, "reading the hub", err);
		PQclear(r);
	}
	sqlite3_finalize(s);
	return rc;
}

/* Fill st (empty, migrated) with the rows of the councils in `in` (an SQL
 * list of quoted codes); with register_only, the returns register alone. */
static int pull(struct hub *h, struct store *st, const char *in, int pooled, int register_only, long long *rows,
		struct cf_error *err)
{
	struct hub_table *t = NULL;
	int nt = 0, rc = register_only ? CF_OK : hub_tables(st, &t, &nt, err);
	struct strbuf q = { 0 }, ins = { 0 };
	/* one return per file: with councils pooled, a table both pushed (the
	 * DfE tables built into caseflow) is kept once */
	char kept[2600];
	snprintf(kept, sizeof kept,
		 "SELECT min(id) FROM hub.returns WHERE la_code IN (%s) GROUP BY sha256, kind", in);
	/* every table this caseflow's store has must be at the hub: an older
	 * hub (caseflow upgraded since hub init) is brought up by hub init */
	for (int i = 0; i < nt && !rc; i++) {
		char name[80];
		snprintf(name, sizeof name, "hub.r_%s", t[i].name);
		const char *p[1] = { name };
		PGresult *r;
		if ((rc = hub_query(h, "SELECT to_regclass($1) IS NULL", 1, p, &r, err)))
			break;
		if (PQgetvalue(r, 0, 0)[0] == 't')
			rc = cf_error_at(err, CF_EINPUT, h->where, 0, NULL, name,
					 "the hub has no table for this caseflow's %s records: it was set up by an older "
					 "caseflow; run 'caseflow hub init' on it again (its admin) to bring it up to date",
					 t[i].name);
		PQclear(r);
	}
	struct progress bar;
	progress_start(&bar, "reading the hub", 0);
	if (!rc) {
		strbuf_addf(&q,
			    "SELECT id, %s, kind, collection_year, sha256, bytes, rows, issues, loaded_at FROM hub.returns "
			    "WHERE id IN (%s) ORDER BY id", pooled ? "la_code || '/' || file" : "file", kept);
		rc = strbuf_ok(&q) ? copy_into(h, st, strbuf_str(&q),
					       "INSERT INTO returns (id, path, kind, collection_year, sha256, bytes, rows, "
					       "issues, loaded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", 9, rows, &bar, err)
				   : cf_error_set(err, CF_EIO, "out of memory");
	}
	for (int i = 0; i < nt && !rc; i++) {
		strbuf_reset(&q);
		strbuf_reset(&ins);
		strbuf_addf(&q, "SELECT return_id");
		strbuf_addf(&ins, "INSERT INTO main.\"%s\" (return_id", t[i].name);
		for (int c = 0; c < t[i].ncols; c++) {
			strbuf_addf(&q, ", \"%s\"", t[i].cols[c].name);
			strbuf_addf(&ins, ", \"%s\"", t[i].cols[c].name);
		}
		strbuf_addf(&q, " FROM hub.r_%s WHERE return_id IN (%s) ORDER BY hub_seq", t[i].name, kept);
		strbuf_addf(&ins, ") VALUES (?1");
		for (int c = 0; c < t[i].ncols; c++)
			strbuf_addf(&ins, ", ?%d", c + 2);
		strbuf_addf(&ins, ")");
		rc = strbuf_ok(&q) && strbuf_ok(&ins)
			     ? copy_into(h, st, strbuf_str(&q), strbuf_str(&ins), t[i].ncols + 1, rows, &bar, err)
			     : cf_error_set(err, CF_EIO, "out of memory");
	}
	if (!rc && !register_only) {
		strbuf_reset(&q);
		strbuf_addf(&q,
			    "SELECT child, sex, dob, ethnicity, source_year, "
			    "CASE WHEN first_return_id IN (%s) THEN first_return_id END, "
			    "CASE WHEN last_return_id IN (%s) THEN last_return_id END "
			    "FROM hub.children WHERE la_code IN (%s) ORDER BY la_code, child", kept, kept, in);
		rc = strbuf_ok(&q) ? copy_into(h, st, strbuf_str(&q),
					       "INSERT INTO children (child, sex, dob, ethnicity, source_year, first_return_id, "
					       "last_return_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", 7, rows, &bar, err)
				   : cf_error_set(err, CF_EIO, "out of memory");
	}
	progress_finish(&bar);
	strbuf_release(&q);
	strbuf_release(&ins);
	free(t);
	if (rc || register_only)
		return rc;
	/* the episode packs the SSDA903 loader would have written */
	sqlite3_stmt *s;
	long long *ids = NULL;
	int n = 0;
	if ((rc = store_prepare(st, "SELECT id FROM returns WHERE kind LIKE 'ssda903.%' ORDER BY id", &s, err)))
		return rc;
	while (!rc && sqlite3_step(s) == SQLITE_ROW) {
		long long *g = realloc(ids, (size_t)(n + 1) * sizeof *g);
		if (!g)
			rc = cf_error_set(err, CF_EIO, "out of memory");
		else
			(ids = g)[n++] = sqlite3_column_int64(s, 0);
	}
	sqlite3_finalize(s);
	if (!rc)
		rc = episode_packs_write(st, ids, n, 0, err);
	free(ids);
	return rc;
}

static int open_hub(struct store **out, const char *uri, const char *la, int register_only, struct cf_error *err)
{
	*out = NULL;
	if (!la || !*la)
		return cf_error_at(err, CF_EUSAGE, NULL, 0, "--la", NULL,
				   "on a hub, name the council with --la CODE (or --la all for every council you may read)");
	struct hub *h;
	int rc = hub_connect(&h, uri, err);
	if (rc)
		return rc;
	char (*codes)[8] = NULL, in[2048] = "";
	int n = 0, pooled = !strcmp(la, "all");
	if ((rc = hub_councils(h, &codes, &n, err)))
		goto out;
	size_t k = 0;
	for (int i = 0; i < n; i++)
		if (pooled || !strcmp(codes[i], la))
			k += (size_t)snprintf(in + k, sizeof in - k, "%s'%s'", k ? "," : "", codes[i]);
	if (!k) {
		rc = cf_error_at(err, CF_EINPUT, h->where, 0, "--la", la,
				 pooled ? "this role may read no council of the hub"
					: "no council %s in this hub that this role may read (a council's role reads "
					  "only its own; 'caseflow hub status' lists them)", la);
		goto out;
	}
	struct store *st;
	if ((rc = store_open(&st, ":memory:", 0, err)))
		goto out;
	size_t size = strlen(h->where) + strlen(la) + 32;
	char *name = malloc(size);
	if (name)
		snprintf(name, size, "hub %s, council %s", h->where, la);
	else {
		store_close(st);
		rc = cf_error_set(err, CF_EIO, "out of memory");
		goto out;
	}
	free(st->path);
	st->path = name;
	long long rows = 0;
	/* one snapshot of the hub for the whole read */
	rc = hub_exec(h, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", err);
	if (!rc && !(rc = store_begin(st, err))) {
		rc = pull(h, st, in, pooled, register_only, &rows, err);
		if (!rc)
			rc = store_commit(st, err);
		else
			store_rollback(st);
	}
	hub_exec(h, "COMMIT", &(struct cf_error){ 0 });
	if (!rc && !register_only) {
		char detail[128];
		snprintf(detail, sizeof detail, "read %lld rows of %s", rows, pooled ? "every council it may" : la);
		rc = hub_audit(h, "read", pooled ? NULL : la, detail, err);
	}
	if (rc)
		store_close(st);
	else
		*out = st;
out:
	free(codes);
	hub_close(h);
	return rc;
}

int store_open_hub(struct store **out, const char *uri, const char *la, struct cf_error *err)
{
	return open_hub(out, uri, la, 0, err);
}

int store_open_hub_register(struct store **out, const char *uri, const char *la, struct cf_error *err)
{
	return open_hub(out, uri, la, 1, err);
}
