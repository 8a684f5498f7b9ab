/* Deriving PL_LA, PL_LOCATION and PL_DISTANCE from the ONS lookups. */
#include "validate/vlookup.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/dfe_tidy.h"

/* The frames whose episodes DfE's tool derives the fields for. */
static const char *const episode_frames[] = { "Episodes", "Episodes_last" };

void vlookup_init(struct vlookup *lk)
{
	memset(lk, 0, sizeof *lk);
	pcdir_init(&lk->dir);
	arena_init(&lk->arena, 0);
}

void vlookup_release(struct vlookup *lk)
{
	pcdir_release(&lk->dir);
	arena_release(&lk->arena);
	free(lk->auth);
	free(lk->utla_of);
	memset(lk, 0, sizeof *lk);
}

struct auth_read {
	struct vlookup *lk;
	const char *path;
};

static int auth_row(void *ctx, const struct dfe_lookup_row *r, struct cf_error *err)
{
	struct auth_read *a = ctx;
	struct vlookup *lk = a->lk;
	if (lk->nauth == lk->capauth) {
		size_t cap = lk->capauth ? lk->capauth * 2 : 512;
		struct vlookup_auth *p = realloc(lk->auth, cap * sizeof *p);
		if (!p)
			return cf_error_set(err, CF_EIO, "out of memory reading %s", a->path);
		lk->auth = p;
		lk->capauth = cap;
	}
	struct vlookup_auth *e = &lk->auth[lk->nauth];
	if (!(e->ltla = arena_strdup(&lk->arena, r->ltla_code)) || !(e->utla = arena_strdup(&lk->arena, r->utla_code)))
		return cf_error_set(err, CF_EIO, "out of memory reading %s", a->path);
	lk->nauth++;
	return CF_OK;
}

/* A blank code in the LA lookup: an error here, since the row's district
 * would silently have no LA. */
static int auth_issue(void *ctx, long row, long line, const char *column, const char *value, const char *kind,
		      const char *why, struct cf_error *err)
{
	struct auth_read *a = ctx;
	(void)line;
	(void)kind;
	(void)why;
	return cf_error_at(err, CF_EINPUT, a->path, row, column, value ? value : "",
			   "blank code: every row of the LA lookup needs its district and upper-tier codes");
}

static int auth_cmp(const void *pa, const void *pb)
{
	return strcmp(((const struct vlookup_auth *)pa)->ltla, ((const struct vlookup_auth *)pb)->ltla);
}

/* The upper tier of a district, or NULL. The first row of a district given
 * twice counts (the sort is made stable by row below). */
static const char *utla_of(const struct vlookup *lk, const char *ltla)
{
	struct vlookup_auth key = { ltla, NULL };
	const struct vlookup_auth *e = bsearch(&key, lk->auth, lk->nauth, sizeof key, auth_cmp);
	if (!e)
		return NULL;
	while (e > lk->auth && strcmp(e[-1].ltla, ltla) == 0)
		e--;
	return e->utla;
}

static int read_authorities(struct vlookup *lk, const char *path, struct cf_error *err)
{
	struct auth_read a = { lk, path };
	long rows;
	int rc = dfe_lookup_read(path, auth_row, auth_issue, &a, &rows, err);
	if (rc)
		return rc;
	if (!lk->nauth)
		return cf_error_at(err, CF_EINPUT, path, 0, NULL, NULL, "the LA lookup has no rows");
	/* an insertion sort (a few hundred rows): a district given twice keeps its rows' order */
	for (size_t i = 1; i < lk->nauth; i++) {
		struct vlookup_auth x = lk->auth[i];
		size_t j = i;
		while (j > 0 && strcmp(lk->auth[j - 1].ltla, x.ltla) > 0)
			lk->auth[j] = lk->auth[j - 1], j--;
		lk->auth[j] = x;
	}
	return CF_OK;
}

static int resolve_la(struct vlookup *lk, const char *la, const char *path, struct cf_error *err)
{
	char code[16];
	size_t n = 0;
	for (const char *p = la; *p && n + 1 < sizeof code; p++)
		if (!isspace((unsigned char)*p))
			code[n++] = (char)toupper((unsigned char)*p);
	code[n] = 0;
	for (size_t i = 0; i < lk->nauth; i++)
		if (strcmp(lk->auth[i].utla, code) == 0) {
			snprintf(lk->la, sizeof lk->la, "%s", code);
			return CF_OK;
		}
	const char *u = utla_of(lk, code);
	if (u) {
		snprintf(lk->la, sizeof lk->la, "%s", u);
		return CF_OK;
	}
	return cf_error_set(err, CF_EUSAGE,
			    "--la %s: not an upper-tier LA or district code in %s (give the ONS code, such as E08000035)",
			    la, path);
}

int vlookup_load(struct vlookup *lk, const struct vdata *vd, const char *postcodes_path,
		 const char *authorities_path, const char *la, int sectors, struct cf_error *err)
{
	int rc = read_authorities(lk, authorities_path, err);
	if (!rc)
		rc = resolve_la(lk, la, authorities_path, err);
	if (rc)
		return rc;
	lk->sectors = sectors;
	for (size_t t = 0; t < sizeof episode_frames / sizeof *episode_frames; t++) {
		struct vframe *f = vdata_frame(vd, episode_frames[t]);
		static const char *const cols[] = { "HOME_POST", "PL_POST" };
		for (int k = 0; f && k < 2; k++) {
			int c = vframe_colno(f, cols[k]);
			for (long r = 0; c >= 0 && r < f->nrows; r++)
				if (f->cols[c]->v[r] && pcdir_want(&lk->dir, f->cols[c]->v[r], sectors))
					return cf_error_set(err, CF_EIO, "out of memory");
		}
	}
	lk->nwanted = (long)lk->dir.n;
	/* read even when nothing is wanted, so a wrong file is still reported */
	if ((rc = pcdir_read(&lk->dir, postcodes_path, err)))
		return rc;
	for (size_t i = 0; i < lk->dir.nslots; i++)
		lk->nfound += lk->dir.slots[i].key[0] && lk->dir.slots[i].found;
	if (lk->dir.nlas && !(lk->utla_of = calloc((size_t)lk->dir.nlas, sizeof *lk->utla_of)))
		return cf_error_set(err, CF_EIO, "out of memory");
	for (int i = 0; i < lk->dir.nlas; i++)
		lk->utla_of[i] = utla_of(lk, pcdir_la(&lk->dir, i));
	return CF_OK;
}

double vlookup_miles(double east1, double north1, double east2, double north2)
{
	if (isnan(east1) || isnan(north1) || isnan(east2) || isnan(north2))
		return NAN;
	double de = east1 - east2, dn = north1 - north2;
	double miles = sqrt(de * de + dn * dn) / 1000 / 1.6093;
	return rint(miles * 10) / 10;   /* numpy's round(1): scale, round half to even, unscale */
}

static const struct pcdir_entry *found(const struct vlookup *lk, const char *postcode)
{
	const struct pcdir_entry *e = postcode ? pcdir_find(&lk->dir, postcode, lk->sectors) : NULL;
	return e && e->found ? e : NULL;
}

int vlookup_known(const struct vlookup *lk, const char *postcode)
{
	return found(lk, postcode) != NULL;
}

/* A column to fill: added, or emptied when the return gave it. */
static int fresh_col(struct vframe *f, const char *name)
{
	int c = vframe_colno(f, name);
	if (c < 0)
		return vframe_add_col(f, name);
	for (long r = 0; r < f->nrows; r++)
		if (vframe_set(f, c, r, NULL, 0, 0))
			return -1;
	return c;
}

/* The three fields of one episode, as DfE's tool's datastore sets them. */
static int derive_row(struct vlookup *lk, struct vframe *f, long r, int c_home, int c_pl, int c_la, int c_loc,
		      int c_dist)
{
	const char *pl_post = c_pl >= 0 ? f->cols[c_pl]->v[r] : NULL;
	const struct pcdir_entry *home = found(lk, c_home >= 0 ? f->cols[c_home]->v[r] : NULL);
	const struct pcdir_entry *pl = found(lk, pl_post);
	const char *district = pl ? pcdir_la(&lk->dir, pl->la) : NULL;
	const char *pl_la = pl && pl->la >= 0 ? lk->utla_of[pl->la] : NULL;
	const char *loc = NULL;
	if (district) {
		/* IN when the placement's upper tier is the LA's own, else OUT
		 * (also when the district has no upper tier in the lookup) */
		loc = pl_la && strcmp(pl_la, lk->la) == 0 ? "IN" : "OUT";
		/* outside England: the nation instead of an LA */
		switch (toupper((unsigned char)district[0])) {
		case 'S': pl_la = "SCO", loc = "OUT"; break;
		case 'N': pl_la = "NIR", loc = "OUT"; break;
		case 'W': pl_la = "WAL", loc = "OUT"; break;
		}
	}
	if (pl_la && vframe_set(f, c_la, r, pl_la, strlen(pl_la), 0))
		return -1;
	if (loc && vframe_set(f, c_loc, r, loc, strlen(loc), 0))
		return -1;
	double miles = home && pl ? vlookup_miles(home->east, home->north, pl->east, pl->north) : NAN;
	if (!isnan(miles)) {
		char buf[32];
		int n = snprintf(buf, sizeof buf, "%.1f", miles);
		if (vframe_set(f, c_dist, r, buf, (size_t)n, 1))
			return -1;
	}
	return 0;
}

int vlookup_derive(struct vlookup *lk, struct vdata *vd)
{
	for (size_t t = 0; t < sizeof episode_frames / sizeof *episode_frames; t++) {
		struct vframe *f = vdata_frame(vd, episode_frames[t]);
		if (!f)
			continue;
		int c_la = fresh_col(f, "PL_LA"), c_loc = fresh_col(f, "PL_LOCATION"), c_dist = fresh_col(f, "PL_DISTANCE");
		if (c_la < 0 || c_loc < 0 || c_dist < 0)
			return -1;
		int c_home = vframe_colno(f, "HOME_POST"), c_pl = vframe_colno(f, "PL_POST");
		for (long r = 0; r < f->nrows; r++)
			if (derive_row(lk, f, r, c_home, c_pl, c_la, c_loc, c_dist))
				return -1;
	}
	vd->meta.la_code = lk->la;
	vd->meta.lookup = lk;
	return 0;
}
