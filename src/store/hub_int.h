/* Private to src/store/: the hub's PostgreSQL connection and the helpers
 * its three files share (hub.c: schema, councils, consent; hub_push.c;
 * hub_pull.c). */
#ifndef CF_STORE_HUB_INT_H
#define CF_STORE_HUB_INT_H

#include <libpq-fe.h>

#include "base/error.h"
#include "store/hub.h"

struct hub {
	PGconn *conn;       /* owned */
	char where[256];    /* host/db for messages: never the password */
};

/* Run sql (no parameters, any number of statements); CF_EIO with the
 * server's message in err on failure. */
int hub_exec(struct hub *h, const char *sql, struct cf_error *err);
/* Run one statement with text parameters; on success *res holds the result
 * (PQclear it), NULL when res is NULL. */
int hub_query(struct hub *h, const char *sql, int n, const char *const *params, PGresult **res,
	      struct cf_error *err);
/* Set err from the connection (or res) and return CF_EIO. */
int hub_fail(struct hub *h, const PGresult *res, const char *what, struct cf_error *err);
/* End the open transaction: COMMIT when rc is CF_OK, else ROLLBACK and
 * return rc with err as it was. */
int hub_end(struct hub *h, int rc, struct cf_error *err);
/* Write an audit row (action, la or NULL, detail). */
int hub_audit(struct hub *h, const char *action, const char *la, const char *detail, struct cf_error *err);

/* The store's tables that hold a return's records and go to the hub, as
 * hub.r_<name>; and whether a column of them is degraded on the way. */
int hub_table_pushed(const char *table);
enum hub_col_rule {
	HUB_KEEP,
	HUB_PSEUDONYM,   /* an identifier: replaced by the hub's keyed hash */
	HUB_DOB,         /* a date of birth: to the month (hub_dob_degrade) */
	HUB_SECTOR,      /* a postcode: to its sector */
	HUB_DROP,        /* free text: not sent */
	HUB_DOB_JSON,    /* Annex A's row JSON: its "Date of Birth" degraded */
};
enum hub_col_rule hub_col_rule(const char *table, const char *column);

/* A pushed table of a store and its columns (not return_id, nor a table's
 * own integer key, which is the store's and not the record's). */
struct hub_col {
	char name[64];
	char type[16];     /* as the store declares it: INTEGER, REAL, TEXT */
	enum hub_col_rule rule;
	int notnull, is_child;
};
struct hub_table {
	char name[64];
	struct hub_col cols[64];
	int ncols, has_child;
};

struct store;
/* The pushed tables of st, in name order; free(*out). */
int hub_tables(struct store *st, struct hub_table **out, int *n, struct cf_error *err);
/* The hub's region (from hub.settings); err when the database is no hub. */
int hub_region(struct hub *h, char *region, size_t size, struct cf_error *err);

#endif
