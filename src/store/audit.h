/* The audit log (migration 0010): one row per login, refused request, view
 * of child-level data, export, upload and user change. Append-only: the
 * store's triggers refuse UPDATE and DELETE, so this API has no other verb. */
#ifndef CF_STORE_AUDIT_H
#define CF_STORE_AUDIT_H

#include "base/error.h"
#include "base/table.h"
#include "store/store.h"

struct audit_entry {
	const char *user;     /* NULL before login */
	const char *addr;     /* the client's address */
	const char *action;   /* login, login_failed, login_throttled, logout, forbidden, view_child,
			       * view_records, export, upload, user_add, user_disable, user_passwd */
	const char *target;   /* the route, or the user changed; NULL: none */
	const char *detail;   /* which children and how many, the role given...; NULL: none */
	int status;           /* HTTP status answered (0: not a request, e.g. the CLI) */
};

/* Append one row, timed now (UTC). */
int audit_append(struct store *st, const struct audit_entry *e, struct cf_error *err);
/* The newest `limit` rows (0: all), newest first, as a table (id, at, user,
 * addr, action, target, detail, status); *out is the caller's. */
int audit_table(struct store *st, long limit, struct cf_table **out, struct cf_error *err);

#endif
