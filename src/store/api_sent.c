/* The register of what caseflow api-payload has sent (api_sent). */
#include "store/api_sent.h"

#include "store/store_int.h"

static int sent_row(void *arg, sqlite3_stmt *s)
{
	struct store_walk *w = arg;
	struct api_sent_record r = { store_col_text(s, 0), store_col_text(s, 1), store_col_text(s, 2),
				     sqlite3_column_int(s, 3) };
	if (!r.episodes)
		r.episodes = "";
	return ((int (*)(void *, const struct api_sent_record *))w->fn)(w->ctx, &r);
}

int api_sent_each(struct store *st, int la_code, int (*fn)(void *ctx, const struct api_sent_record *r), void *ctx,
		  struct cf_error *err)
{
	sqlite3_stmt *s;
	int rc = store_prepare(st, "SELECT child, digest, episodes, purged FROM api_sent WHERE la_code = ?1 ORDER BY child",
			       &s, err);
	if (rc)
		return rc;
	sqlite3_bind_int(s, 1, la_code);
	struct store_walk w = { (void (*)(void))fn, ctx };
	return store_each_row(st, s, "what was sent to the API", sent_row, &w, err);
}

int api_sent_put(struct store *st, int la_code, const struct api_sent_record *r, const char *sent_at,
		 struct cf_error *err)
{
	sqlite3_stmt *s;
	int rc = store_prepare(st,
			       "INSERT INTO api_sent (la_code, child, digest, episodes, sent_at, purged) "
			       "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (la_code, child) DO UPDATE SET "
			       "digest = excluded.digest, episodes = excluded.episodes, sent_at = excluded.sent_at, "
			       "purged = excluded.purged",
			       &s, err);
	if (rc)
		return rc;
	sqlite3_bind_int(s, 1, la_code);
	sqlite3_bind_text(s, 2, r->child, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, r->digest, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, r->episodes ? r->episodes : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, sent_at, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 6, r->purged);
	int step = sqlite3_step(s);
	sqlite3_finalize(s);
	return step == SQLITE_DONE ? CF_OK : store_error(st, err, "recording what was sent to the API");
}
