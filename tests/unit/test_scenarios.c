/* caseflow serve's saved forecast scenarios (store/scenarios.h, migration
 * 0015): each its owner's unless shared, saved again under the same name
 * in place, deleted only by its owner (or an admin: owner NULL). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/scenarios.h"

static struct store *open_temp(char *path, size_t size)
{
	snprintf(path, size, "/tmp/cf_scenarios_XXXXXX");
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
	char p[600];
	unlink(path);
	snprintf(p, sizeof p, "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", path);
	unlink(p);
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

static void test_own_and_shared(void **state)
{
	char path[64];
	struct store *st = open_temp(path, sizeof path);
	struct cf_error err;
	cf_error_clear(&err);
	add_user(st, "max");
	add_user(st, "ann");
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

static void test_delete_by_owner(void **state)
{
	char path[64];
	struct store *st = open_temp(path, sizeof path);
	struct cf_error err;
	cf_error_clear(&err);
	add_user(st, "max");
	add_user(st, "ann");
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
		cmocka_unit_test(test_own_and_shared),
		cmocka_unit_test(test_delete_by_owner),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
