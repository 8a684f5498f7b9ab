/* Loading children looked after from the store into timelines. */
#include "model/cla.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/episode_reader.h"

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

/* strcmp(rec, "X1") == 0, spelt out: twice per episode, it showed in profiles */
static int rec_is_x1(const char *rec)
{
	return rec[0] == 'X' && rec[1] == '1' && !rec[2];
}

int cla_load(struct store *st, struct cla_data *out, struct cf_error *err)
{
	return cla_load_versions(st, out, CLA_DROP_WITHDRAWN, err);
}

int cla_load_versions(struct store *st, struct cla_data *out, enum cla_withdrawn withdrawn, struct cf_error *err)
{
	memset(out, 0, sizeof *out);
	struct episode_set set;
	int rc = episode_set_read(st, withdrawn == CLA_KEEP_WITHDRAWN ? EPISODES_KEEP_WITHDRAWN : EPISODES_CURRENT,
				  &set, err);
	if (rc) {
		episode_set_release(&set);
		arena_init(&out->arena, 256 * 1024);
		return rc;
	}
	/* the set's arrays become ours, each entry rewritten in place (read
	 * whole, then written): a second copy of 300,000 episodes costs more in
	 * page faults than the conversion itself */
	_Static_assert(sizeof(struct cla_episode) <= sizeof(struct episode_row), "cla_episode fits in episode_row");
	_Static_assert(_Alignof(struct cla_episode) <= _Alignof(struct episode_row), "and is no more aligned");
	_Static_assert(sizeof(struct cla_child) <= sizeof(struct episode_child), "cla_child fits in episode_child");
	_Static_assert(_Alignof(struct cla_child) <= _Alignof(struct episode_child), "and is no more aligned");
	void *eps_mem = set.rows, *children_mem = set.children;
	if (!eps_mem)
		eps_mem = malloc(sizeof *out->eps);
	if (!children_mem)
		children_mem = malloc(sizeof *out->children);
	if (!eps_mem || !children_mem) {
		free(eps_mem);
		free(children_mem);
		arena_release(&set.arena);
		memset(out, 0, sizeof *out);
		arena_init(&out->arena, 256 * 1024);
		return cf_error_set(err, CF_EIO, "out of memory loading episodes");
	}
	memcpy(out->years, set.years, sizeof out->years);
	out->nyears = set.nyears;
	out->children = children_mem;
	for (size_t i = 0; i < set.nchildren; i++) {
		const struct episode_child sc = set.children[i];
		out->children[i] = (struct cla_child){ .id = sc.id, .dob = sc.dob, .sex = sc.sex,
						       .ethnicity = sc.ethnicity, .first = (int)sc.first, .n = (int)sc.n };
	}
	out->nchildren = set.nchildren;
	out->eps = eps_mem;
	for (size_t i = 0; i < set.n; i++) {
		const struct episode_row r = set.rows[i];
		struct cla_episode e = { .start = r.start, .end = r.end, .child = r.child, .return_id = r.return_id,
					 .home_sector = r.home_post, .pl_sector = r.pl_post };
		memcpy(e.rne, r.rne, sizeof e.rne);
		memcpy(e.ls, r.ls, sizeof e.ls);
		memcpy(e.cin, r.cin, sizeof e.cin);
		memcpy(e.place, r.place, sizeof e.place);
		memcpy(e.provider, r.provider, sizeof e.provider);
		memcpy(e.rec, r.rec, sizeof e.rec);
		out->eps[i] = e;
	}
	out->neps = set.n;
	/* the strings stay where the set put them: take its arena */
	out->arena = set.arena;
	/* periods of care: a new one begins where the previous episode did not
	 * end with X1 on the very day this one starts */
	for (size_t i = 0; i < out->nchildren; i++) {
		struct cla_child *c = &out->children[i];
		for (int k = 0; k < c->n; k++) {
			struct cla_episode *e = &out->eps[c->first + k];
			struct cla_episode *prev = k ? e - 1 : NULL;
			e->period_start = !prev || !rec_is_x1(prev->rec) || prev->end != e->start;
			e->period_end = e->end != CF_DATE_NONE && !rec_is_x1(e->rec);
		}
	}
	return CF_OK;
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
