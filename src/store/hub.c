/* The regional hub's schema, councils, consent, retention and audit on
 * PostgreSQL (store/hub.h; docs/hub.md). Pushing is hub_push.c, reading a
 * council back into a store is hub_pull.c. */
#include "store/hub.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/hub_int.h"
#include "store/hub_migrations.h"
#include "store/store_int.h"

int hub_is_uri(const char *db)
{
	if (!db)
		return 0;
	return !strncmp(db, "postgresql://", 13) || !strncmp(db, "postgres://", 11) || !strncmp(db, "service=", 8) ||
	       (strchr(db, '=') && (strstr(db, "dbname=") || strstr(db, "host=")));
}

int hub_fail(struct hub *h, const PGresult *res, const char *what, struct cf_error *err)
{
	const char *m = res ? PQresultErrorMessage(res) : "";
	if (!m || !*m)
		m = h && h->conn ? PQerrorMessage(h->conn) : "no connection";
	char msg[600];
	snprintf(msg, sizeof msg, "%s", m);
	msg[strcspn(msg, "\n")] = 0;   /* libpq adds a newline and sometimes a DETAIL line */
	return cf_error_at(err, CF_EIO, h ? h->where : "", 0, NULL, NULL, "%s: %s", what, msg);
}

int hub_exec(struct hub *h, const char *sql, struct cf_error *err)
{
	PGresult *r = PQexec(h->conn, sql);
	ExecStatusType s = PQresultStatus(r);
	int rc = s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK ? CF_OK : hub_fail(h, r, "the hub", err);
	PQclear(r);
	return rc;
}

int hub_query(struct hub *h, const char *sql, int n, const char *const *params, PGresult **res,
	      struct cf_error *err)
{
	PGresult *r = PQexecParams(h->conn, sql, n, NULL, params, NULL, NULL, 0);
	ExecStatusType s = PQresultStatus(r);
	if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK) {
		int rc = hub_fail(h, r, "the hub", err);
		PQclear(r);
		if (res)
			*res = NULL;
		return rc;
	}
	if (res)
		*res = r;
	else
		PQclear(r);
	return CF_OK;
}

int hub_end(struct hub *h, int rc, struct cf_error *err)
{
	if (!rc)
		return hub_exec(h, "COMMIT", err);
	hub_exec(h, "ROLLBACK", &(struct cf_error){ 0 });   /* keep the first error */
	return rc;
}

int hub_audit(struct hub *h, const char *action, const char *la, const char *detail, struct cf_error *err)
{
	const char *p[3] = { action, la, detail };
	return hub_query(h, "INSERT INTO hub.audit (action, la_code, detail) VALUES ($1, $2, $3)", 3, p, NULL, err);
}

int hub_connect(struct hub **out, const char *uri, struct cf_error *err)
{
	*out = NULL;
	struct hub *h = calloc(1, sizeof *h);
	if (!h)
		return cf_error_set(err, CF_EIO, "out of memory");
	h->conn = PQconnectdb(uri);
	if (PQstatus(h->conn) != CONNECTION_OK) {
		/* name the place from the connection (never the URI, which may
		 * hold a password) */
		snprintf(h->where, sizeof h->where, "hub");
		int rc = hub_fail(h, NULL, "cannot connect to the hub", err);
		hub_close(h);
		return rc;
	}
	const char *host = PQhost(h->conn);
	snprintf(h->where, sizeof h->where, "%s/%s", host && *host != '/' ? host : "localhost", PQdb(h->conn));
	/* messages in English whatever the server's locale; quiet notices */
	int rc = hub_exec(h, "SET client_min_messages = warning; SET lc_messages = 'C'", err);
	if (rc)
		rc = hub_exec(h, "SET client_min_messages = warning", err);
	if (rc) {
		hub_close(h);
		return rc;
	}
	*out = h;
	return CF_OK;
}

void hub_close(struct hub *h)
{
	if (!h)
		return;
	PQfinish(h->conn);
	free(h);
}

static const char *const use_names[HUB_NUSES] = { "benchmarking", "forecasting", "sufficiency", "research" };

const char *hub_use_name(enum hub_use u)
{
	return u >= 0 && u < HUB_NUSES ? use_names[u] : "";
}

int hub_use_parse(const char *name)
{
	for (int u = 0; u < HUB_NUSES; u++)
		if (name && !strcmp(name, use_names[u]))
			return u;
	return -1;
}

/* --- what goes to the hub ------------------------------------------------ */

/* Tables with a return_id that stay with the council: derived packs (the
 * pull rebuilds them), the council's programme (not a return the region
 * shares) and the server's own accounts. */
int hub_table_pushed(const char *table)
{
	static const char *const kept[] = { "ssda903_episode_packs", NULL };
	if (!strncmp(table, "programme", 9) || !strncmp(table, "serve_", 6) || !strcmp(table, "audit_log"))
		return 0;
	for (int i = 0; kept[i]; i++)
		if (!strcmp(table, kept[i]))
			return 0;
	return 1;
}

enum hub_col_rule hub_col_rule(const char *table, const char *column)
{
	static const struct {
		const char *table, *column;   /* table NULL: any table */
		enum hub_col_rule rule;
	} rules[] = {
		/* identifiers of people */
		{ NULL, "child", HUB_PSEUDONYM },
		{ NULL, "person_id", HUB_PSEUDONYM },
		{ NULL, "family_id", HUB_PSEUDONYM },
		{ NULL, "worker", HUB_PSEUDONYM },
		{ NULL, "worker_id", HUB_PSEUDONYM },
		{ NULL, "sw_id", HUB_PSEUDONYM },
		/* dates of birth (and of expected birth) */
		{ NULL, "dob", HUB_DOB },
		{ NULL, "mc_dob", HUB_DOB },
		{ NULL, "expected_dob", HUB_DOB },
		{ "annexa_rows", "data", HUB_DOB_JSON },
		/* postcodes: the loaders keep sectors; the hub makes sure */
		{ NULL, "home_post", HUB_SECTOR },
		{ NULL, "pl_post", HUB_SECTOR },
		/* free text, which may name people */
		{ "partner_records", "value_text", HUB_DROP },
		{ "issues", "value", HUB_DROP },
		{ "issues", "message", HUB_DROP },
		{ NULL, "upn", HUB_DROP },
	};
	for (size_t i = 0; i < sizeof rules / sizeof *rules; i++)
		if ((!rules[i].table || !strcmp(rules[i].table, table)) && !strcmp(rules[i].column, column))
			return rules[i].rule;
	return HUB_KEEP;
}

int hub_tables(struct store *st, struct hub_table **out, int *n, struct cf_error *err)
{
	sqlite3_stmt *s;
	*out = NULL;
	*n = 0;
	int rc = store_prepare(st,
			       "SELECT m.name, p.name, p.\"notnull\", p.pk, p.type FROM sqlite_master m, pragma_table_info(m.name) p "
			       "WHERE m.type = 'table' AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) q "
			       "WHERE q.name = 'return_id') ORDER BY m.name, p.cid", &s, err);
	struct hub_table *t = NULL;
	int cap = 0;
	while (!rc && sqlite3_step(s) == SQLITE_ROW) {
		const char *tn = (const char *)sqlite3_column_text(s, 0), *cn = (const char *)sqlite3_column_text(s, 1);
		if (!hub_table_pushed(tn) || !strcmp(cn, "return_id") || sqlite3_column_int(s, 3) == 1)
			continue;   /* a table's own integer key is the store's, not the record's */
		if (!*n || strcmp(t[*n - 1].name, tn)) {
			if (*n == cap) {
				cap = cap ? cap * 2 : 64;
				struct hub_table *g = realloc(t, (size_t)cap * sizeof *g);
				if (!g) {
					rc = cf_error_set(err, CF_EIO, "out of memory");
					break;
				}
				t = g;
			}
			memset(&t[*n], 0, sizeof *t);
			snprintf(t[*n].name, sizeof t->name, "%s", tn);
			(*n)++;
		}
		struct hub_table *pt = &t[*n - 1];
		if (pt->ncols == 64)
			continue;
		struct hub_col *c = &pt->cols[pt->ncols++];
		snprintf(c->name, sizeof c->name, "%s", cn);
		snprintf(c->type, sizeof c->type, "%s", sqlite3_column_text(s, 4) ? (const char *)sqlite3_column_text(s, 4) : "");
		c->rule = hub_col_rule(tn, cn);
		c->notnull = sqlite3_column_int(s, 2);
		c->is_child = !strcmp(cn, "child");
		pt->has_child |= c->is_child;
	}
	sqlite3_finalize(s);
	*out = t;
	return rc;
}


/* --- schema ---------------------------------------------------------------- */

static int valid_region(const char *r)
{
	size_t n = r ? strlen(r) : 0;
	if (n == 0 || n > 30 || !islower((unsigned char)r[0]))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!islower((unsigned char)r[i]) && !isdigit((unsigned char)r[i]) && r[i] != '_')
			return 0;
	return 1;
}

static const char *pg_type(const char *sqlite_type)
{
	if (!strcasecmp(sqlite_type, "INTEGER"))
		return "bigint";
	if (!strcasecmp(sqlite_type, "REAL"))
		return "double precision";
	if (!strcasecmp(sqlite_type, "BLOB"))
		return "bytea";
	return "text";
}

/* *yes: the connected database has caseflow's hub schema (hub init ran). */
static int has_hub_schema(struct hub *h, int *yes, struct cf_error *err)
{
	PGresult *r;
	int rc = hub_query(h, "SELECT to_regclass('hub.settings') IS NOT NULL", 0, NULL, &r, err);
	if (!rc) {
		*yes = PQgetvalue(r, 0, 0)[0] == 't';
		PQclear(r);
	}
	return rc;
}

/* CREATE or ALTER hub.r_TABLE for each pushed table of a freshly migrated
 * store: the store's migrations are the one definition of the records. */
static int derive_tables(struct hub *h, const char *region, struct cf_error *err)
{
	struct store *mem;
	int rc = store_open(&mem, ":memory:", 0, err);
	if (rc)
		return rc;
	struct hub_table *t = NULL;
	int nt = 0;
	char sql[2048];
	rc = hub_tables(mem, &t, &nt, err);
	for (int i = 0; i < nt && !rc; i++) {
		const char *tn = t[i].name;
		snprintf(sql, sizeof sql,
			 "CREATE TABLE IF NOT EXISTS hub.r_%s (hub_seq bigserial PRIMARY KEY, "
			 "return_id bigint NOT NULL, hub_la text NOT NULL);"
			 "CREATE INDEX IF NOT EXISTS r_%s_return ON hub.r_%s (return_id);"
			 "ALTER TABLE hub.r_%s ENABLE ROW LEVEL SECURITY;"
			 "DROP POLICY IF EXISTS own_council ON hub.r_%s;"
			 "CREATE POLICY own_council ON hub.r_%s USING (hub_la IN (SELECT hub.my_councils()));"
			 "GRANT SELECT ON hub.r_%s TO %s_councils;",
			 tn, tn, tn, tn, tn, tn, tn, region);
		rc = hub_exec(h, sql, err);
		for (int c = 0; c < t[i].ncols && !rc; c++) {
			snprintf(sql, sizeof sql, "ALTER TABLE hub.r_%s ADD COLUMN IF NOT EXISTS \"%s\" %s", tn,
				 t[i].cols[c].name, pg_type(t[i].cols[c].type));
			rc = hub_exec(h, sql, err);
			if (!rc && t[i].cols[c].rule == HUB_PSEUDONYM) {
				const char *p[2] = { tn, t[i].cols[c].name };
				rc = hub_query(h, "INSERT INTO hub.id_columns VALUES ($1, $2) ON CONFLICT DO NOTHING", 2, p,
					       NULL, err);
			}
		}
	}
	if (!rc)
		rc = hub_exec(h, "INSERT INTO hub.id_columns VALUES ('children', 'child') ON CONFLICT DO NOTHING", err);
	free(t);
	store_close(mem);
	return rc;
}

static int role_exists(struct hub *h, const char *role, int *yes, struct cf_error *err)
{
	PGresult *r;
	const char *p[1] = { role };
	int rc = hub_query(h, "SELECT 1 FROM pg_roles WHERE rolname = $1", 1, p, &r, err);
	if (!rc) {
		*yes = PQntuples(r) > 0;
		PQclear(r);
	}
	return rc;
}

static int make_role(struct hub *h, const char *role, struct cf_error *err)
{
	int yes, rc = role_exists(h, role, &yes, err);
	if (rc || yes)
		return rc;
	char sql[160];
	snprintf(sql, sizeof sql, "CREATE ROLE %s NOLOGIN", role);
	return hub_exec(h, sql, err);
}

static int setting(struct hub *h, const char *key, char *out, size_t size, struct cf_error *err)
{
	PGresult *r;
	const char *p[1] = { key };
	*out = 0;
	int rc = hub_query(h, "SELECT value FROM hub.settings WHERE key = $1", 1, p, &r, err);
	if (!rc) {
		if (PQntuples(r))
			snprintf(out, size, "%s", PQgetvalue(r, 0, 0));
		PQclear(r);
	}
	return rc;
}

int hub_region(struct hub *h, char *region, size_t size, struct cf_error *err)
{
	int is_hub, rc = has_hub_schema(h, &is_hub, err);
	if (rc)
		return rc;
	if (!is_hub)
		return cf_error_at(err, CF_EINPUT, h->where, 0, NULL, NULL,
				   "not a caseflow hub (no hub schema): create one with 'caseflow hub init --db URI "
				   "--region NAME'");
	return setting(h, "region", region, size, err);
}

static int apply_hub_migrations(struct hub *h, struct cf_error *err)
{
	int exists, have = 0, rc = has_hub_schema(h, &exists, err);
	if (rc)
		return rc;
	if (exists) {
		char v[32];
		if ((rc = setting(h, "schema_version", v, sizeof v, err)))
			return rc;
		have = atoi(v);
	}
	for (int i = 0; i < hub_migration_count && !rc; i++) {
		if (hub_migrations[i].version <= have)
			continue;
		rc = hub_exec(h, hub_migrations[i].sql, err);
		if (!rc) {
			char v[16];
			snprintf(v, sizeof v, "%d", hub_migrations[i].version);
			const char *p[1] = { v };
			rc = hub_query(h,
				       "INSERT INTO hub.settings VALUES ('schema_version', $1) "
				       "ON CONFLICT (key) DO UPDATE SET value = excluded.value", 1, p, NULL, err);
		}
	}
	return rc;
}

int hub_init(struct hub *h, const char *region, enum hub_dob_rule dob, struct cf_error *err)
{
	if (!valid_region(region))
		return cf_error_at(err, CF_EUSAGE, NULL, 0, "--region", region,
				   "a region is a lower-case name of letters, digits and _ (at most 30), "
				   "starting with a letter; it prefixes the hub's roles");
	char sql[2048], have[64] = "";
	/* one database holds one region: say so before making any role */
	int exists, rc = has_hub_schema(h, &exists, err);
	if (rc)
		return rc;
	if (exists && (rc = setting(h, "region", have, sizeof have, err)))
		return rc;
	if (*have && strcmp(have, region))
		return cf_error_at(err, CF_EINPUT, h->where, 0, "--region", region,
				   "this hub is region '%s': one database holds one region", have);
	rc = hub_exec(h, "BEGIN", err);
	/* The roles are the region's; the objects belong to REGION_admin, so
	 * any login role granted it administers the hub, and the one running
	 * this needs CREATEROLE and the database, never superuser. */
	const char *suffix[] = { "admin", "regional", "councils" };
	for (int i = 0; i < 3 && !rc; i++) {
		char role[64];
		snprintf(role, sizeof role, "%s_%s", region, suffix[i]);
		rc = make_role(h, role, err);
	}
	if (!rc) {
		snprintf(sql, sizeof sql,
			 "GRANT %s_admin TO CURRENT_USER;"
			 "DO $$ BEGIN EXECUTE format('GRANT CREATE ON DATABASE %%I TO %s_admin', current_database()); END $$;"
			 "CREATE SCHEMA IF NOT EXISTS hub AUTHORIZATION %s_admin;"
			 "SET LOCAL ROLE %s_admin;",
			 region, region, region, region);
		rc = hub_exec(h, sql, err);
	}
	if (!rc)
		rc = apply_hub_migrations(h, err);
	if (!rc) {
		const char *p[2] = { region, dob == HUB_DOB_EXACT ? "exact" : "month" };
		rc = hub_query(h,
			       "INSERT INTO hub.settings VALUES ('region', $1), ('dob', $2) "
			       "ON CONFLICT (key) DO UPDATE SET value = excluded.value", 2, p, NULL, err);
	}
	if (!rc) {
		snprintf(sql, sizeof sql,
			 "GRANT USAGE ON SCHEMA hub TO %s_councils, %s_regional;"
			 "GRANT SELECT ON hub.councils, hub.settings TO %s_councils, %s_regional;"
			 "GRANT SELECT ON hub.consents TO %s_councils;"
			 "GRANT SELECT ON hub.children TO %s_councils;"
			 "GRANT SELECT, INSERT ON hub.returns TO %s_councils;"
			 "GRANT USAGE ON SEQUENCE hub.returns_id_seq, hub.audit_id_seq TO %s_councils, %s_regional;"
			 "GRANT INSERT ON hub.audit TO %s_councils, %s_regional;"
			 "REVOKE ALL ON hub.secret FROM PUBLIC;"
			 "REVOKE EXECUTE ON FUNCTION hub.take(text, bigint, text) FROM PUBLIC;"
			 "GRANT EXECUTE ON FUNCTION hub.take(text, bigint, text), hub.my_councils() TO %s_councils;",
			 region, region, region, region, region, region, region, region, region, region, region, region);
		rc = hub_exec(h, sql, err);
	}
	if (!rc)
		rc = derive_tables(h, region, err);
	if (!rc) {
		/* What the regional role reads: pooled figures through views that
		 * suppress small numbers (docs/hub.md). */
		snprintf(sql, sizeof sql,
			 "CREATE OR REPLACE VIEW hub.region_returns AS "
			 "SELECT la_code, kind, collection_year, rows, uses, pushed_at::date AS pushed_on FROM hub.returns;"
			 "CREATE OR REPLACE VIEW hub.region_children AS "
			 "SELECT c.la_code, c.sex, date_part('year', age(make_date(y.year, 3, 31), c.dob::date))::int AS age, "
			 "y.year, CASE WHEN count(*) < 5 THEN NULL ELSE count(*) END AS children "
			 "FROM hub.children c CROSS JOIN (SELECT DISTINCT collection_year AS year FROM hub.returns "
			 "WHERE collection_year IS NOT NULL) y "
			 "WHERE c.dob ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' AND c.dob::date <= make_date(y.year, 3, 31) "
			 "AND age(make_date(y.year, 3, 31), c.dob::date) < interval '18 years' "
			 "GROUP BY 1, 2, 3, 4;"
			 "GRANT SELECT ON hub.region_returns, hub.region_children TO %s_regional;"
			 "GRANT SELECT ON hub.region_figures TO %s_regional, %s_councils;",
			 region, region, region);
		rc = hub_exec(h, sql, err);
	}
	if (!rc)
		rc = hub_audit(h, "init", NULL, region, err);
	rc = hub_end(h, rc, err);
	return rc;
}

static int valid_la(const char *la)
{
	return la && strlen(la) == 3 && isdigit((unsigned char)la[0]) && isdigit((unsigned char)la[1]) &&
	       isdigit((unsigned char)la[2]);
}

int hub_la_add(struct hub *h, const char *la, const char *name, struct cf_error *err)
{
	if (!valid_la(la))
		return cf_error_at(err, CF_EUSAGE, NULL, 0, "--la", la, "a council is its three-digit DfE code (e.g. 380)");
	char region[64], role[96], sql[512];
	int rc = hub_region(h, region, sizeof region, err);
	if (rc)
		return rc;
	snprintf(role, sizeof role, "%s_la_%s", region, la);
	if (!(rc = hub_exec(h, "BEGIN", err)))
		rc = make_role(h, role, err);
	if (!rc) {
		snprintf(sql, sizeof sql, "GRANT %s_councils TO %s; SET LOCAL ROLE %s_admin", region, role, region);
		rc = hub_exec(h, sql, err);
	}
	if (!rc) {
		const char *p[3] = { la, name, role };
		rc = hub_query(h,
			       "INSERT INTO hub.councils (la_code, name, role_name) VALUES ($1, $2, $3) "
			       "ON CONFLICT (la_code) DO UPDATE SET name = excluded.name", 3, p, NULL, err);
	}
	if (!rc)
		rc = hub_audit(h, "la add", la, name, err);
	rc = hub_end(h, rc, err);
	return rc;
}

static int known_la(struct hub *h, const char *la, struct cf_error *err)
{
	PGresult *r;
	const char *p[1] = { la };
	int rc = hub_query(h, "SELECT 1 FROM hub.councils WHERE la_code = $1", 1, p, &r, err);
	if (rc)
		return rc;
	int yes = PQntuples(r) > 0;
	PQclear(r);
	return yes ? CF_OK
		   : cf_error_at(err, CF_EINPUT, h->where, 0, "--la", la,
				 "no such council in this hub (or not one this role may see): add it with "
				 "'caseflow hub la add --db URI --la %s --name NAME'", la);
}

/* Take use off returns matching cond ($1 la, $2 use), delete those left
 * with none; *removed counts the returns deleted. */
static int withdraw(struct hub *h, const char *cond, const char *la, const char *use, long *uses_removed,
		    long *removed, struct cf_error *err)
{
	char sql[512];
	PGresult *r;
	const char *p[2] = { la, use };
	snprintf(sql, sizeof sql, "UPDATE hub.returns SET uses = array_remove(uses, $2) WHERE %s", cond);
	int rc = hub_query(h, sql, 2, p, &r, err);
	if (rc)
		return rc;
	if (uses_removed)
		*uses_removed += atol(PQcmdTuples(r));
	PQclear(r);
	rc = hub_query(h, "DELETE FROM hub.returns WHERE la_code = $1 AND cardinality(uses) = 0", 1, p, &r, err);
	if (rc)
		return rc;
	*removed += atol(PQcmdTuples(r));
	PQclear(r);
	/* the council's children go with its last return */
	return hub_query(h,
			 "DELETE FROM hub.children WHERE la_code = $1 AND NOT EXISTS "
			 "(SELECT 1 FROM hub.returns WHERE la_code = $1)", 1, p, NULL, err);
}

int hub_consent(struct hub *h, const char *la, enum hub_use use, int on, int retention_days, long *removed,
		struct cf_error *err)
{
	*removed = 0;
	char region[64], sql[128], days[32], detail[128];
	int rc = hub_region(h, region, sizeof region, err);
	if (!rc)
		rc = known_la(h, la, err);
	if (rc)
		return rc;
	snprintf(days, sizeof days, "%d days", retention_days);
	snprintf(sql, sizeof sql, "BEGIN; SET LOCAL ROLE %s_admin", region);
	if ((rc = hub_exec(h, sql, err)))
		return rc;
	const char *p[3] = { la, hub_use_name(use), retention_days > 0 ? days : NULL };
	if (on)
		rc = hub_query(h,
			       "INSERT INTO hub.consents (la_code, use, retention) VALUES ($1, $2, $3::interval) "
			       "ON CONFLICT (la_code, use) DO UPDATE SET retention = excluded.retention", 3, p, NULL, err);
	else if (!(rc = hub_query(h, "DELETE FROM hub.consents WHERE la_code = $1 AND use = $2", 2, p, NULL, err)))
		rc = withdraw(h, "la_code = $1 AND $2 = ANY (uses)", la, hub_use_name(use), NULL, removed, err);
	if (!rc) {
		snprintf(detail, sizeof detail, "%s %s%s%s; %ld returns removed", hub_use_name(use), on ? "on" : "off",
			 on && retention_days > 0 ? ", retention " : "", on && retention_days > 0 ? days : "", *removed);
		rc = hub_audit(h, "consent", la, detail, err);
	}
	rc = hub_end(h, rc, err);
	return rc;
}

int hub_purge(struct hub *h, long *uses_removed, long *returns_deleted, struct cf_error *err)
{
	*uses_removed = *returns_deleted = 0;
	char region[64], sql[128];
	int rc = hub_region(h, region, sizeof region, err);
	if (rc)
		return rc;
	snprintf(sql, sizeof sql, "BEGIN; SET LOCAL ROLE %s_admin", region);
	if ((rc = hub_exec(h, sql, err)))
		return rc;
	PGresult *r;
	rc = hub_query(h, "SELECT la_code, use FROM hub.consents WHERE retention IS NOT NULL ORDER BY 1, 2", 0, NULL,
		       &r, err);
	for (int i = 0; !rc && r && i < PQntuples(r); i++) {
		const char *la = PQgetvalue(r, i, 0), *use = PQgetvalue(r, i, 1);
		long before = *returns_deleted;
		rc = withdraw(h,
			      "la_code = $1 AND $2 = ANY (uses) AND pushed_at < now() - (SELECT retention FROM "
			      "hub.consents c WHERE c.la_code = $1 AND c.use = $2)",
			      la, use, uses_removed, returns_deleted, err);
		if (!rc && *returns_deleted > before) {
			char detail[96];
			snprintf(detail, sizeof detail, "%s: %ld returns past retention", use, *returns_deleted - before);
			rc = hub_audit(h, "purge", la, detail, err);
		}
	}
	PQclear(r);
	if (!rc)
		rc = hub_audit(h, "purge", NULL, "retention applied", err);
	rc = hub_end(h, rc, err);
	return rc;
}

int hub_status(struct hub *h, int (*fn)(void *ctx, const struct hub_council_status *c), void *ctx,
	       struct cf_error *err)
{
	char region[64];
	int rc = hub_region(h, region, sizeof region, err);
	if (rc)
		return rc;
	PGresult *r;
	rc = hub_query(h,
		       "SELECT c.la_code, c.name, (SELECT count(*) FROM hub.returns r WHERE r.la_code = c.la_code), "
		       "(SELECT coalesce(sum(rows), 0) FROM hub.returns r WHERE r.la_code = c.la_code), "
		       "coalesce((SELECT string_agg(use, ',' ORDER BY array_position(ARRAY['benchmarking', "
		       "'forecasting', 'sufficiency', 'research'], use)) FROM hub.consents k "
		       "WHERE k.la_code = c.la_code), '') FROM hub.councils c ORDER BY 1", 0, NULL, &r, err);
	for (int i = 0; !rc && i < PQntuples(r); i++) {
		struct hub_council_status c;
		snprintf(c.la, sizeof c.la, "%s", PQgetvalue(r, i, 0));
		snprintf(c.name, sizeof c.name, "%s", PQgetvalue(r, i, 1));
		c.returns = atol(PQgetvalue(r, i, 2));
		c.rows = atoll(PQgetvalue(r, i, 3));
		snprintf(c.uses, sizeof c.uses, "%s", PQgetvalue(r, i, 4));
		rc = fn(ctx, &c);
	}
	PQclear(r);
	return rc;
}

int hub_councils(struct hub *h, char (**codes)[8], int *n, struct cf_error *err)
{
	*codes = NULL;
	*n = 0;
	char region[64];
	int rc = hub_region(h, region, sizeof region, err);
	if (rc)
		return rc;
	PGresult *r;
	/* the admin role reads every council; others those they are members of */
	char sql[256];
	snprintf(sql, sizeof sql,
		 "SELECT la_code FROM hub.councils WHERE pg_has_role(session_user, '%s_admin', 'MEMBER') "
		 "OR la_code IN (SELECT hub.my_councils()) ORDER BY 1", region);
	if ((rc = hub_query(h, sql, 0, NULL, &r, err)))
		return rc;
	int k = PQntuples(r);
	if (k > 0 && !(*codes = calloc((size_t)k, sizeof **codes))) {
		PQclear(r);
		return cf_error_set(err, CF_EIO, "out of memory");
	}
	for (int i = 0; i < k; i++)
		snprintf((*codes)[i], sizeof **codes, "%s", PQgetvalue(r, i, 0));
	*n = k;
	PQclear(r);
	return CF_OK;
}

/* A number in COPY's text format: \\N when there is none. */
static void copy_number(char *out, size_t size, int has, double v)
{
	if (has)
		snprintf(out, size, "%.17g", v);
	else
		snprintf(out, size, "\\N");
}

int hub_figures_replace(const char *uri, const struct hub_figure *f, size_t n, struct cf_error *err)
{
	struct hub *h;
	char region[64], sql[96];
	int rc = hub_connect(&h, uri, err);
	if (rc)
		return rc;
	if (!(rc = hub_region(h, region, sizeof region, err))) {
		snprintf(sql, sizeof sql, "BEGIN; SET LOCAL ROLE %s_admin; DELETE FROM hub.figures", region);
		rc = hub_exec(h, sql, err);
	}
	PGresult *r = rc ? NULL : PQexec(h->conn, "COPY hub.figures (la_code, indicator, period, numerator, "
						 "denominator, value) FROM STDIN");
	if (!rc && PQresultStatus(r) != PGRES_COPY_IN)
		rc = hub_fail(h, r, "publishing figures", err);
	PQclear(r);
	char line[256], num[32], den[32], val[32];
	for (size_t i = 0; i < n && !rc; i++) {
		copy_number(num, sizeof num, f[i].has_num, f[i].num);
		copy_number(den, sizeof den, f[i].has_den, f[i].den);
		copy_number(val, sizeof val, f[i].has_value, f[i].value);
		int len = snprintf(line, sizeof line, "%s\t%s\t%s\t%s\t%s\t%s\n", f[i].la, f[i].indicator, f[i].period,
				   num, den, val);
		if (PQputCopyData(h->conn, line, len) != 1)
			rc = hub_fail(h, NULL, "publishing figures", err);
	}
	if (!rc && PQputCopyEnd(h->conn, NULL) != 1)
		rc = hub_fail(h, NULL, "publishing figures", err);
	while (!rc && (r = PQgetResult(h->conn))) {
		if (PQresultStatus(r) != PGRES_COMMAND_OK)
			rc = hub_fail(h, r, "publishing figures", err);
		PQclear(r);
	}
	if (!rc) {
		char detail[64];
		snprintf(detail, sizeof detail, "%zu figures", n);
		rc = hub_audit(h, "publish", NULL, detail, err);
	}
	rc = hub_end(h, rc, err);
	hub_close(h);
	return rc;
}
