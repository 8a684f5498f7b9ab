/* Loading children looked after from the store into timelines. */
#include "model/cla.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const age_band_names[AGE_NBANDS + 1] = { "under 1", "1-4", "5-9", "10-15", "16+", "unknown" };
const char *const placement_group_names[PG_NGROUPS] = {
	"foster", "residential", "placed_for_adoption", "placed_with_parents", "independent", "other"
};

enum age_band age_band_of(int age)
{
	if (age < 0)
		return AGE_UNKNOWN;
	return age < 1 ? AGE_UNDER1 : age < 5 ? AGE_1_4 : age < 10 ? AGE_5_9 : age < 16 ? AGE_10_15 : AGE_16PLUS;
}

/* Groups follow DfE's published placement categories, folded to six
 * (docs/definitions.md): U foster; A placed for adoption; P1 with parents;
 * H5, P2, K3 independent and semi-independent / supported; K1, K2, R, S1,
 * P3 residential; T, Z1 and anything else other. */
enum placement_group placement_group_of(const char *p)
{
	if (!p || !p[0])
		return PG_OTHER;
	switch (p[0]) {
	case 'U': return PG_FOSTER;
	case 'A': return PG_ADOPTION;
	case 'R': return PG_RESIDENTIAL;
	case 'S': return PG_RESIDENTIAL;
	case 'H': return PG_INDEPENDENT;
	case 'K': return p[1] == '3' ? PG_INDEPENDENT : PG_RESIDENTIAL;
	case 'P':
		if (p[1] == '1')
			return PG_PARENTS;
		if (p[1] == '2')
			return PG_INDEPENDENT;
		if (p[1] == '3')
			return PG_RESIDENTIAL;
		return PG_OTHER;
	default: return PG_OTHER;
	}
}

static cf_date col_date(sqlite3_stmt *s, int i)
{
	const unsigned char *v = sqlite3_column_text(s, i);
	cf_date d;
	if (!v || cf_date_parse((const char *)v, strlen((const char *)v), &d) != 0)
		return CF_DATE_NONE;
	return d;
}

static void col_code(sqlite3_stmt *s, int i, char *out, size_t size)
{
	const unsigned char *v = sqlite3_column_text(s, i);
	snprintf(out, size, "%s", v ? (const char *)v : "");
}

int cla_load(struct store *st, struct cla_data *out, struct cf_error *err)
{
	return cla_load_versions(st, out, CLA_DROP_WITHDRAWN, err);
}

/* Withdrawn: a later collection year's episodes are loaded, the episode was
 * still open when that year began (so that return had to hold it), and it
 * does not: the later return is the authority's word that it ended or never
 * was. */
static int withdrawn_by_later_return(const struct cla_data *d, int version_year, cf_date end)
{
	if (version_year <= 0)
		return 0;
	for (int i = 0; i < d->nyears; i++) {
		int y = d->years[i];
		if (y > version_year && (end == CF_DATE_NONE || end >= cf_date_fy_start(y - 1)))
			return 1;
	}
	return 0;
}

int cla_load_versions(struct store *st, struct cla_data *out, enum cla_withdrawn withdrawn, struct cf_error *err)
{
	memset(out, 0, sizeof *out);
	arena_init(&out->arena, 256 * 1024);
	sqlite3_stmt *s;
	/* the collection years whose episodes are loaded */
	int rc = store_prepare(st,
			       "SELECT DISTINCT collection_year FROM returns WHERE collection_year IS NOT NULL "
			       "AND (kind = 'ssda903.episodes' OR kind = 'ssda903.xml') ORDER BY 1", &s, err);
	if (rc)
		return rc;
	while (sqlite3_step(s) == SQLITE_ROW && out->nyears < 64)
		out->years[out->nyears++] = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	/* The rows of the `episodes` view (the current version of each CHILD,
	 * DECOM: latest collection year, then latest load), chosen here by
	 * keeping the first row of each (child, decom) in this order: the view's
	 * window function costs three times as much on a large store. */
	rc = store_prepare(st,
			       "SELECT e.child, e.decom, e.dec, e.rne, e.ls, e.cin, e.place, e.place_provider, e.rec, "
			       "e.home_post, e.pl_post, c.dob, c.sex, c.ethnicity, r.collection_year "
			       "FROM ssda903_episodes e JOIN returns r ON r.id = e.return_id "
			       "LEFT JOIN children c ON c.child = e.child "
			       "WHERE e.child IS NOT NULL AND e.decom IS NOT NULL "
			       "ORDER BY e.child, e.decom, r.collection_year DESC, e.return_id DESC", &s, err);
	if (rc)
		return rc;
	size_t cap_e = 1024, cap_c = 256;
	out->eps = malloc(cap_e * sizeof *out->eps);
	out->children = malloc(cap_c * sizeof *out->children);
	if (!out->eps || !out->children) {
		sqlite3_finalize(s);
		cla_release(out);
		return cf_error_set(err, CF_EIO, "out of memory");
	}
	int step;
	char last_id[256] = "";
	cf_date last_start = CF_DATE_NONE;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(s, 0);
		cf_date start = col_date(s, 1);
		if (start == CF_DATE_NONE)
			continue;   /* an episode with no readable start cannot be placed in time */
		if (start == last_start && strcmp(last_id, id) == 0)
			continue;   /* an older version of the episode just seen */
		snprintf(last_id, sizeof last_id, "%s", id);
		last_start = start;
		if (withdrawn == CLA_DROP_WITHDRAWN &&
		    withdrawn_by_later_return(out, sqlite3_column_int(s, 14), col_date(s, 2)))
			continue;
		struct cla_child *c = out->nchildren ? &out->children[out->nchildren - 1] : NULL;
		if (!c || strcmp(c->id, id) != 0) {
			if (out->nchildren == cap_c) {
				cap_c *= 2;
				struct cla_child *nc = realloc(out->children, cap_c * sizeof *nc);
				if (!nc)
					goto oom;
				out->children = nc;
			}
			c = &out->children[out->nchildren++];
			memset(c, 0, sizeof *c);
			c->id = arena_strdup(&out->arena, id);
			c->dob = col_date(s, 11);
			const unsigned char *sex = sqlite3_column_text(s, 12);
			c->sex = sex ? (char)sex[0] : 0;
			const unsigned char *eth = sqlite3_column_text(s, 13);
			c->ethnicity = eth ? arena_strdup(&out->arena, (const char *)eth) : NULL;
			c->first = (int)out->neps;
			if (!c->id)
				goto oom;
		}
		if (out->neps == cap_e) {
			cap_e *= 2;
			struct cla_episode *ne = realloc(out->eps, cap_e * sizeof *ne);
			if (!ne)
				goto oom;
			out->eps = ne;
		}
		struct cla_episode *e = &out->eps[out->neps++];
		memset(e, 0, sizeof *e);
		e->start = start;
		e->end = col_date(s, 2);
		e->child = (int)(out->nchildren - 1);
		col_code(s, 3, e->rne, sizeof e->rne);
		col_code(s, 4, e->ls, sizeof e->ls);
		col_code(s, 5, e->cin, sizeof e->cin);
		col_code(s, 6, e->place, sizeof e->place);
		col_code(s, 7, e->provider, sizeof e->provider);
		col_code(s, 8, e->rec, sizeof e->rec);
		const unsigned char *hp = sqlite3_column_text(s, 9), *pp = sqlite3_column_text(s, 10);
		e->home_sector = hp ? arena_strdup(&out->arena, (const char *)hp) : NULL;
		e->pl_sector = pp ? arena_strdup(&out->arena, (const char *)pp) : NULL;
		c->n++;
	}
	sqlite3_finalize(s);
	if (step != SQLITE_DONE)
		return store_error(st, err, "reading episodes");
	/* periods of care: a new one begins where the previous episode did not
	 * end with X1 on the very day this one starts */
	for (size_t i = 0; i < out->nchildren; i++) {
		struct cla_child *c = &out->children[i];
		for (int k = 0; k < c->n; k++) {
			struct cla_episode *e = &out->eps[c->first + k];
			struct cla_episode *prev = k ? e - 1 : NULL;
			e->period_start = !prev || strcmp(prev->rec, "X1") != 0 || prev->end != e->start;
			e->period_end = e->end != CF_DATE_NONE && strcmp(e->rec, "X1") != 0;
		}
	}
	return CF_OK;
oom:
	sqlite3_finalize(s);
	cla_release(out);
	return cf_error_set(err, CF_EIO, "out of memory loading episodes");
}

void cla_release(struct cla_data *d)
{
	free(d->children);
	free(d->eps);
	arena_release(&d->arena);
	memset(d, 0, sizeof *d);
}

const struct cla_episode *cla_open_on(const struct cla_data *d, const struct cla_child *c, cf_date on)
{
	for (int k = c->n - 1; k >= 0; k--) {
		const struct cla_episode *e = &d->eps[c->first + k];
		if (e->start <= on && (e->end == CF_DATE_NONE || e->end > on))
			return e;
	}
	return NULL;
}
