/* caseflow serve's saved forecast scenarios (migration 0015): a name, its
 * owner, whether it is shared with the council, and the forecast's
 * parameters as text the server made and checks again on every run. */
#ifndef CF_STORE_SCENARIOS_H
#define CF_STORE_SCENARIOS_H

#include "base/error.h"
#include "store/accounts.h"
#include "store/store.h"

#define SCENARIO_NAME_MAX 64
#define SCENARIO_PARAMS_MAX 512

struct scenario {
	long long id;
	char name[SCENARIO_NAME_MAX];
	char owner[ACCOUNT_NAME_MAX];
	int shared;
	char params[SCENARIO_PARAMS_MAX];
	char saved_at[24];
};

/* Save s (its id is ignored) as a new scenario, or over the owner's one of
 * the same name; *id is the scenario's. */
int scenario_save(struct store *st, const struct scenario *s, long long *id, struct cf_error *err);
/* The scenarios user may run: their own and the shared ones, by name then
 * owner. *out is the caller's (free); *n may be 0. */
int scenario_list(struct store *st, const char *user, struct scenario **out, int *n, struct cf_error *err);
/* Scenario id if user may run it (their own, or shared); *found 0 when not. */
int scenario_get(struct store *st, long long id, const char *user, struct scenario *out, int *found, struct cf_error *err);
/* Delete scenario id when owner owns it (any owner's when owner is NULL:
 * an admin); *deleted 0 when there was none to delete. */
int scenario_delete(struct store *st, long long id, const char *owner, int *deleted, struct cf_error *err);

#endif
