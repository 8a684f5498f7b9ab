/* The regional hub: many councils' returns pooled in PostgreSQL, each
 * council's rows its own (docs/hub.md).
 *
 * A hub is a PostgreSQL database reached through libpq with a connection
 * URI (postgresql://host/db) or a service name (service=region); the
 * credentials come from ~/.pgpass, a service file or the environment, as
 * libpq reads them, never from caseflow's command line.
 *
 * What lives there: the councils and their PostgreSQL roles, each
 * council's consent per use, the returns pushed (each once, by SHA-256)
 * with their records in tables derived from the store's own migrations,
 * row-level security so a council's role reads only its own rows, views
 * for the regional role that suppress small numbers, and an audit table.
 *
 * The analyses do not speak PostgreSQL: store_open_hub() reads one
 * council's rows (as the connecting role is allowed to see them) into a
 * private in-memory store, and every command runs on that as it would on
 * the council's own file. */
#ifndef CF_STORE_HUB_H
#define CF_STORE_HUB_H

#include "base/error.h"
#include <stddef.h>

#include "store/store.h"

struct hub;   /* one connection to a hub */

/* 1 when --db names a hub (postgresql://, postgres://, or a libpq
 * "key=value" string such as service=region) rather than a store file. */
int hub_is_uri(const char *db);

/* Connect; on failure *out is NULL and err has libpq's reason (without the
 * password). */
int hub_connect(struct hub **out, const char *uri, struct cf_error *err);
void hub_close(struct hub *h);   /* NULL is fine */

/* The uses a council can consent to, in this order. */
enum hub_use { HUB_BENCHMARKING, HUB_FORECASTING, HUB_SUFFICIENCY, HUB_RESEARCH, HUB_NUSES };
const char *hub_use_name(enum hub_use u);
int hub_use_parse(const char *name);   /* -1 when unknown */

/* How dates of birth are degraded on the way in (hub init --dob). */
enum hub_dob_rule { HUB_DOB_MONTH, HUB_DOB_EXACT };

/* Create (or bring up to date) the hub's schema in the connected database,
 * and its roles: REGION_admin, REGION_regional and, per council,
 * REGION_la_CODE (NOLOGIN groups: grant them to login roles). Needs a role
 * that owns the database and has CREATEROLE; never a superuser. Run again
 * after upgrading caseflow: tables gain the store's new columns. */
int hub_init(struct hub *h, const char *region, enum hub_dob_rule dob, struct cf_error *err);

/* Register a council (a three-digit DfE code) and create its role. */
int hub_la_add(struct hub *h, const char *la, const char *name, struct cf_error *err);

/* Turn a use on (with a retention period in days, 0 for none) or off. Off
 * removes the use from every return of that council, and the returns left
 * with no use, with all their rows. *removed: returns deleted. */
int hub_consent(struct hub *h, const char *la, enum hub_use use, int on, int retention_days, long *removed,
		struct cf_error *err);

/* Apply retention: each council's use whose retention has passed is taken
 * off the returns pushed before it; returns left with no use are deleted. */
int hub_purge(struct hub *h, long *uses_removed, long *returns_deleted, struct cf_error *err);

/* Send a council's returns from a store to the hub (docs/hub.md, "Push").
 * Each return is one transaction, sent once (by SHA-256 and kind): a second
 * push sends nothing new and a push cut off part way is finished by the
 * next. Only returns that serve a use the council has consented to go. */
struct hub_push_stats {
	long returns_sent;       /* new at the hub */
	long returns_held;       /* already there */
	long returns_refused;    /* no consented use */
	long long rows;          /* record rows sent */
};
int hub_push(struct hub *h, struct store *from, const char *la, struct hub_push_stats *stats, struct cf_error *err);

/* What the hub holds: one row per council (code, name, returns, rows,
 * consented uses) written to the callback; for `caseflow hub status`. */
struct hub_council_status {
	char la[8];
	char name[128];
	long returns;
	long long rows;
	char uses[96];        /* "benchmarking,forecasting" or "" */
};
int hub_status(struct hub *h, int (*fn)(void *ctx, const struct hub_council_status *c), void *ctx,
	       struct cf_error *err);

/* The councils the connecting role may read (its own, or every council
 * for the admin role), in code order; *n set. Caller frees with free(). */
int hub_councils(struct hub *h, char (**codes)[8], int *n, struct cf_error *err);

/* A figure computed from children, for hub.figures. */
struct hub_figure {
	const char *la;                  /* a council's code, or "region" */
	const char *indicator, *period;
	double num, den, value;
	int has_num, has_den, has_value;
};
/* Replace the hub's figures with f[0..n) in one transaction (the admin
 * role); the regional role reads them through hub.region_figures. */
int hub_figures_replace(const char *uri, const struct hub_figure *f, size_t n, struct cf_error *err);

/* Open a private in-memory store holding council la's rows from the hub
 * at uri, as the connecting role may see them (store.h's API, read-only in
 * spirit: nothing goes back to the hub). la "all" pools every council the
 * role can read into one store (child IDs never merge across councils: the
 * hub keys them by council). Each read is written to the hub's audit. */
int store_open_hub(struct store **out, const char *uri, const char *la, struct cf_error *err);
/* The same with the returns register alone (what years the councils'
 * returns cover), without their records. */
int store_open_hub_register(struct store **out, const char *uri, const char *la, struct cf_error *err);

#endif
