/* caseflow serve's store API: users and their localities, sessions kept
 * by token hash, failed-login counts, and the audit log that refuses
 * UPDATE and DELETE (store/accounts.h, store/audit.h, migration 0010), and
 * the forecast scenarios users save (store/scenarios.h, migration 0015). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "serve/serve.h"
#include "store/store_int.h"
#include "store/accounts.h"
#include "store/store_int.h"
#include "store/audit.h"
#include "store/scenarios.h"

static struct store *open_temp(char *path, size_t size)
{
	snprintf(path, size, "/tmp/cf_accounts_XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	unlink(path);
	struct store *st;
	struct cf_error err;
	cf_error_clear(&err);
	assert_int_equal(store_open(&st, path, 0, &err), CF_OK);
	return st;
}

static void close_temp(struct store *st, const char *path)
{
	store_close(st);
	unlink(path);
	char wal[600];
	snprintf(wal, sizeof wal, "%s-wal", path);
	unlink(wal);
	snprintf(wal, sizeof wal, "%s-shm", path);
	unlink(wal);
}

static void test_users(void **state)
{
	char path[64];
	struct store *st = open_temp(path, sizeof path);
	struct cf_error err;
	cf_error_clear(&err);
	struct account a = { .name = "nora", .role = "locality", .nlocalities = 2 };
	snprintf(a.localities[0], ACCOUNT_NAME_MAX, "North");
	snprintf(a.localities[1], ACCOUNT_NAME_MAX, "East");
	assert_int_equal(serve_password_hash("a long password", a.pwhash, &err), CF_OK);
	assert_int_equal(account_add(st, &a, &err), CF_OK);
	assert_int_equal(account_add(st, &a, &err), CF_EINPUT);          /* the name is taken */
	struct account b = { .name = "bob", .role = "superuser" };
	snprintf(b.pwhash, sizeof b.pwhash, "x");
	assert_int_equal(account_add(st, &b, &err), CF_EIO);             /* the schema's CHECK refuses the role */
	struct account got;
	int found;
	assert_int_equal(account_get(st, "nora", &got, &found, &err), CF_OK);
	assert_int_equal(found, 1);
	assert_string_equal(got.role, "locality");
	assert_int_equal(got.nlocalities, 2);
	assert_string_equal(got.localities[0], "East");                  /* sorted */
	assert_true(strncmp(got.pwhash, "$argon2id$", 10) == 0);
	assert_int_equal(account_get(st, "nobody", &got, &found, &err), CF_OK);
	assert_int_equal(found, 0);
	struct account *list;
	int n;
	assert_int_equal(account_list(st, &list, &n, &err), CF_OK);
	assert_int_equal(n, 1);
	assert_string_equal(list[0].pwhash, "");                         /* lists carry no hashes */
	free(list);
	assert_int_equal(account_set_disabled(st, "nobody", 1, &err), CF_EINPUT);
	assert_int_equal(account_set_password(st, "nobody", "x", &err), CF_EINPUT);
	close_temp(st, path);
}

static void test_sessions_end_with_the_user(void **state)
{
	char path[64];
	struct store *st = open_temp(path, sizeof path);
	struct cf_error err;
	cf_error_clear(&err);
	struct account a = { .name = "ann", .role = "analyst" };
	snprintf(a.pwhash, sizeof a.pwhash, "h");
	assert_int_equal(account_add(st, &a, &err), CF_OK);
	assert_int_equal(session_add(st, "hash1", "ann", "csrf1", 1000, &err), CF_OK);
	assert_int_equal(session_add(st, "hash2", "ann", "csrf2", 1000, &err), CF_OK);
	struct session s;
	int found;
	assert_int_equal(session_get(st, "hash1", &s, &found, &err), CF_OK);
	assert_int_equal(found, 1);
	assert_string_equal(s.csrf, "csrf1");
	assert_int_equal(session_touch(st, "hash1", 5000, &err), CF_OK);
	assert_int_equal(session_expire(st, 2000, 0, &err), CF_OK);       /* hash2 was idle */
	assert_int_equal(session_get(st, "hash2", &s, &found, &err), CF_OK);
	assert_int_equal(found, 0);
	assert_int_equal(session_get(st, "hash1", &s, &found, &err), CF_OK);
	assert_int_equal(found, 1);
	assert_int_equal(account_set_password(st, "ann", "h2", &err), CF_OK);
	assert_int_equal(session_get(st, "hash1", &s, &found, &err), CF_OK);
	assert_int_equal(found, 0);                                       /* a new password ends sessions */
	assert_int_equal(session_add(st, "hash3", "ann", "c", 6000, &err), CF_OK);
	assert_int_equal(account_set_disabled(st, "ann", 1, &err), CF_OK);
	assert_int_equal(session_get(st, "hash3", &s, &found, &err), CF_OK);
	assert_int_equal(found, 0);                                       /* so does disabling */
	close_temp(st, path);
}

static void test_login_failures(void **state)
{
	char path[64];
	struct store *st = open_temp(path, sizeof path);
	struct cf_error err;
	cf_error_clear(&err);
	for (int i = 0; i < 5; i++)
		assert_int_equal(login_failure_add(st, "thr", i < 2 ? "10.0.0.1" : "10.0.0.2", 100 + i * 100, &err), CF_OK);
	int n;
	assert_int_equal(login_failure_count(st, "thr", 0, &n, &err), CF_OK);
	assert_int_equal(n, 5);
	assert_int_equal(login_failure_count(st, "thr", 300, &n, &err), CF_OK);
	assert_int_equal(n, 3);
	assert_int_equal(login_failure_count(st, "other", 0, &n, &err), CF_OK);
	assert_int_equal(n, 0);
	assert_int_equal(login_failure_count_addr(st, "10.0.0.2", 0, &n, &err), CF_OK);
	assert_int_equal(n, 3);
	assert_int_equal(login_failure_count_addr(st, "10.0.0.1", 200, &n, &err), CF_OK);
	assert_int_equal(n, 1);
	assert_int_equal(session_expire(st, 0, 450, &err), CF_OK);        /* failures before 450 forgotten */
	assert_int_equal(login_failure_count(st, "thr", 0, &n, &err), CF_OK);
	assert_int_equal(n, 1);
	close_temp(st, path);
}

static void test_audit_append_only(void **state)
{
	char path[64];
	struct store *st = open_temp(path, sizeof path);
	struct cf_error err;
	cf_error_clear(&err);
	struct audit_entry e = { "ann", "127.0.0.1", "view_child", "/child/ID", "1 child (A), 3 events", 200 };
	assert_int_equal(audit_append(st, &e, &err), CF_OK);
	struct audit_entry f = { NULL, "10.0.0.1", "login_failed", "/login", NULL, 401 };
	assert_int_equal(audit_append(st, &f, &err), CF_OK);
	assert_int_equal(store_exec(st, "UPDATE audit_log SET user = 'x'", &err), CF_EIO);
	assert_non_null(strstr(err.msg, "append-only"));
	assert_int_equal(store_exec(st, "DELETE FROM audit_log", &err), CF_EIO);
	struct cf_table *t;
	assert_int_equal(audit_table(st, 0, &t, &err), CF_OK);
	assert_int_equal(t->nrows, 2);
	const struct cf_cell *c = cf_table_cell_const(t, 0, cf_table_column(t, "action"));
	assert_string_equal(c->v.s, "login_failed");                       /* newest first */
	assert_int_equal(cf_table_cell_const(t, 0, cf_table_column(t, "user"))->type, CF_CELL_NULL);
	assert_string_equal(cf_table_cell_const(t, 1, cf_table_column(t, "detail"))->v.s, "1 child (A), 3 events");
	cf_table_free(t);
	assert_int_equal(audit_table(st, 1, &t, &err), CF_OK);
	assert_int_equal(t->nrows, 1);
	cf_table_free(t);
	close_temp(st, path);
}

static void test_names_and_roles(void **state)
{
	assert_true(serve_user_name_valid("alice.smith@council-1"));
	assert_false(serve_user_name_valid(""));
	assert_false(serve_user_name_valid("a b"));
	assert_false(serve_user_name_valid("x' OR '1'='1"));
	assert_false(serve_user_name_valid("1234567890123456789012345678901234567890123456789012345678901234"));
	assert_true(serve_role_valid("viewer"));
	assert_false(serve_role_valid("root"));
}

static void add_user(struct store *st, const char *name)
{
	struct cf_error err;
	cf_error_clear(&err);
	struct account a = { .role = "manager", .pwhash = "x" };
	snprintf(a.name, sizeof a.name, "%s", name);
	assert_int_equal(account_add(st, &a, &err), CF_OK);
}

static long long save(struct store *st, const char *owner, const char *name, int shared, const char *params)
{
	struct cf_error err;
	cf_error_clear(&err);
	struct scenario s = { .shared = shared };
	snprintf(s.owner, sizeof s.owner, "%s", owner);
	snprintf(s.name, sizeof s.name, "%s", name);
	snprintf(s.params, sizeof s.params, "%s", params);
	long long id = 0;
	assert_int_equal(scenario_save(st, &s, &id, &err), CF_OK);
	assert_true(id > 0);
	return id;
}

/* A store with the users max and ann. */
static struct store *open_two_users(char *path, size_t size)
{
	struct store *st = open_temp(path, size);
	add_user(st, "max");
	add_user(st, "ann");
	return st;
}

/* Saved forecast scenarios (store/scenarios.h, migration 0015): each its
 * owner's unless shared, saved again under the same name in place. */
static void test_scenarios_own_and_shared(void **state)
{
	char path[64];
	struct store *st = open_two_users(path, sizeof path);
	struct cf_error err;
	cf_error_clear(&err);
	long long mine = save(st, "max", "plan", 0, "months=6\n");
	long long council = save(st, "max", "council", 1, "months=12\n");
	long long hers = save(st, "ann", "plan", 0, "");          /* the same name, another owner: its own */
	assert_true(mine != hers && mine != council);
	/* saved again under its name: in place, the same id, the new parameters */
	assert_int_equal(save(st, "max", "plan", 0, "months=9\n"), mine);

	struct scenario *list = NULL;
	int n = 0;
	assert_int_equal(scenario_list(st, "ann", &list, &n, &err), CF_OK);
	/* ann: the council's and her own, by name then owner; not max's plan */
	assert_int_equal(n, 2);
	assert_string_equal(list[0].name, "council");
	assert_int_equal(list[0].shared, 1);
	assert_string_equal(list[1].owner, "ann");
	free(list);
	assert_int_equal(scenario_list(st, "max", &list, &n, &err), CF_OK);
	assert_int_equal(n, 2);
	assert_string_equal(list[1].params, "months=9\n");
	free(list);

	struct scenario s;
	int found = 0;
	assert_int_equal(scenario_get(st, mine, "ann", &s, &found, &err), CF_OK);
	assert_int_equal(found, 0);                               /* not hers, not shared */
	assert_int_equal(scenario_get(st, council, "ann", &s, &found, &err), CF_OK);
	assert_int_equal(found, 1);
	assert_string_equal(s.params, "months=12\n");
	close_temp(st, path);
}

/* A scenario is deleted only by its owner, or by an admin (owner NULL). */
static void test_scenarios_deleted_by_owner(void **state)
{
	char path[64];
	struct store *st = open_two_users(path, sizeof path);
	struct cf_error err;
	cf_error_clear(&err);
	long long id = save(st, "max", "council", 1, "");
	int deleted = -1, found = 0;
	struct scenario s;
	assert_int_equal(scenario_delete(st, id, "ann", &deleted, &err), CF_OK);
	assert_int_equal(deleted, 0);                             /* shared is not hers to delete */
	assert_int_equal(scenario_get(st, id, "ann", &s, &found, &err), CF_OK);
	assert_int_equal(found, 1);
	assert_int_equal(scenario_delete(st, id, "max", &deleted, &err), CF_OK);
	assert_int_equal(deleted, 1);
	assert_int_equal(scenario_delete(st, id, "max", &deleted, &err), CF_OK);
	assert_int_equal(deleted, 0);                             /* gone */
	long long other = save(st, "ann", "x", 0, "");
	assert_int_equal(scenario_delete(st, other, NULL, &deleted, &err), CF_OK);   /* an admin: anyone's */
	assert_int_equal(deleted, 1);
	close_temp(st, path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_users),
		cmocka_unit_test(test_sessions_end_with_the_user),
		cmocka_unit_test(test_login_failures),
		cmocka_unit_test(test_audit_append_only),
		cmocka_unit_test(test_names_and_roles),
		cmocka_unit_test(test_scenarios_own_and_shared),
		cmocka_unit_test(test_scenarios_deleted_by_owner),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
