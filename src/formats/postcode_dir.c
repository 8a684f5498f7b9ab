/* Reading the ONS postcode directory for the postcodes a return uses. */
#include "formats/postcode_dir.h"

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/csv.h"
#include "base/progress.h"
#include "formats/centroids.h"

void pcdir_init(struct pcdir *d)
{
	memset(d, 0, sizeof *d);
}

void pcdir_release(struct pcdir *d)
{
	free(d->slots);
	free(d->las);
	memset(d, 0, sizeof *d);
}

int pcdir_key(const char *postcode, int as_sector, char key[PCDIR_KEY_MAX + 1])
{
	if (!postcode)
		return -1;
	if (as_sector) {
		char sector[10];
		if (postcode_sector(postcode, sector) != 0 || strlen(sector) > PCDIR_KEY_MAX)
			return -1;
		memcpy(key, sector, strlen(sector) + 1);
		return 0;
	}
	/* DfE's tool: str.upper().str.replace(" ", "") */
	size_t n = 0;
	for (const char *p = postcode; *p; p++) {
		if (*p == ' ')
			continue;
		if (n == PCDIR_KEY_MAX)
			return -1;
		key[n++] = (char)toupper((unsigned char)*p);
	}
	key[n] = 0;
	return n ? 0 : -1;
}

static uint64_t key_hash(const char *k)
{
	uint64_t h = 1469598103934665603u;
	for (; *k; k++)
		h = (h ^ (unsigned char)*k) * 1099511628211u;
	return h;
}

/* The slot holding key, or the empty slot where it would go. */
static struct pcdir_entry *slot_for(struct pcdir_entry *slots, size_t nslots, const char *key)
{
	size_t i = (size_t)key_hash(key) & (nslots - 1);
	while (slots[i].key[0] && strcmp(slots[i].key, key) != 0)
		i = (i + 1) & (nslots - 1);
	return &slots[i];
}

static int grow(struct pcdir *d)
{
	size_t nslots = d->nslots ? d->nslots * 2 : 256;
	struct pcdir_entry *slots = calloc(nslots, sizeof *slots);
	if (!slots)
		return -1;
	for (size_t i = 0; i < d->nslots; i++)
		if (d->slots[i].key[0])
			*slot_for(slots, nslots, d->slots[i].key) = d->slots[i];
	free(d->slots);
	d->slots = slots;
	d->nslots = nslots;
	return 0;
}

int pcdir_want(struct pcdir *d, const char *postcode, int as_sector)
{
	char key[PCDIR_KEY_MAX + 1];
	if (pcdir_key(postcode, as_sector, key) != 0)
		return 0;
	if ((d->n + 1) * 2 > d->nslots && grow(d))
		return -1;
	struct pcdir_entry *e = slot_for(d->slots, d->nslots, key);
	if (e->key[0])
		return 0;
	memcpy(e->key, key, strlen(key) + 1);
	e->is_sector = as_sector;
	e->east = e->north = NAN;
	e->la = -1;
	d->n++;
	d->nsectors += as_sector != 0;
	return 0;
}

const struct pcdir_entry *pcdir_find(const struct pcdir *d, const char *postcode, int as_sector)
{
	char key[PCDIR_KEY_MAX + 1];
	if (!d->nslots || pcdir_key(postcode, as_sector, key) != 0)
		return NULL;
	const struct pcdir_entry *e = slot_for(d->slots, d->nslots, key);
	return e->key[0] && e->is_sector == (as_sector != 0) ? e : NULL;
}

const char *pcdir_la(const struct pcdir *d, int la)
{
	return la >= 0 && la < d->nlas ? d->las[la] : NULL;
}

/* The district's index, adding it when new (a few hundred at most). */
static int la_index(struct pcdir *d, const char *code)
{
	for (int i = d->nlas - 1; i >= 0; i--)
		if (strcmp(d->las[i], code) == 0)
			return i;
	if (d->nlas == d->caplas) {
		int cap = d->caplas ? d->caplas * 2 : 64;
		char (*las)[16] = realloc(d->las, (size_t)cap * sizeof *las);
		if (!las)
			return -2;
		d->las = las;
		d->caplas = cap;
	}
	snprintf(d->las[d->nlas], sizeof d->las[0], "%s", code);
	return d->nlas++;
}

struct layout {
	int postcode, east, north, la;
};

static int name_is(const char *field, const char *name)
{
	return strcasecmp(field, name) == 0;
}

/* ladYYcd: the ONS district code column of a dated directory */
static int is_lad_col(const char *f)
{
	return strlen(f) == 7 && strncasecmp(f, "lad", 3) == 0 && isdigit((unsigned char)f[3]) &&
	       isdigit((unsigned char)f[4]) && strcasecmp(f + 5, "cd") == 0;
}

static void find_layout(struct pcdir *d, struct csv_reader *r, struct layout *l)
{
	static const char *const postcode_names[] = { "pcd", "pcd7", "pcds", "pcd2", "pcd8" };
	l->postcode = l->east = l->north = l->la = -1;
	for (size_t k = 0; k < sizeof postcode_names / sizeof *postcode_names && l->postcode < 0; k++)
		for (int i = 0; i < r->nfields; i++)
			if (name_is(r->fields[i], postcode_names[k])) {
				l->postcode = i;
				d->col_postcode = postcode_names[k];
				break;
			}
	for (int i = 0; i < r->nfields; i++) {
		const char *f = r->fields[i];
		if (l->east < 0 && (name_is(f, "oseast1m") || name_is(f, "east1m")))
			l->east = i, d->col_east = name_is(f, "east1m") ? "east1m" : "oseast1m";
		else if (l->north < 0 && (name_is(f, "osnrth1m") || name_is(f, "north1m")))
			l->north = i, d->col_north = name_is(f, "north1m") ? "north1m" : "osnrth1m";
		else if (l->la < 0 && (name_is(f, "laua") || name_is(f, "oslaua") || is_lad_col(f)))
			l->la = i, d->col_la = name_is(f, "laua") ? "laua" : name_is(f, "oslaua") ? "oslaua" : "ladYYcd";
	}
}

int pcdir_is_header(char *const *fields, int nfields)
{
	struct pcdir d;
	struct csv_reader r;
	struct layout l;
	memset(&r, 0, sizeof r);
	r.fields = (char **)fields;
	r.nfields = nfields;
	find_layout(&d, &r, &l);
	return l.postcode >= 0 && l.east >= 0 && l.north >= 0 && l.la >= 0;
}

/* A grid reference in metres; blank is none (NAN). -1 when not a number. */
static int parse_metres(const char *s, double *out)
{
	while (*s == ' ')
		s++;
	if (!*s) {
		*out = NAN;
		return 0;
	}
	char *end;
	double v = strtod(s, &end);
	while (*end == ' ')
		end++;
	if (*end || !isfinite(v))
		return -1;
	*out = v;
	return 0;
}

static void trim_copy(const char *s, size_t len, char *out, size_t size)
{
	while (len && *s == ' ')
		s++, len--;
	while (len && s[len - 1] == ' ')
		len--;
	if (len >= size)
		len = size - 1;
	memcpy(out, s, len);
	out[len] = 0;
}

static void sector_add(struct pcdir_entry *s, double east, double north, int la)
{
	s->found = 1;
	if (!isnan(east) && !isnan(north)) {
		s->sum_east += east;
		s->sum_north += north;
		s->ncoords++;
	}
	if (la < 0)
		return;
	for (int i = 0; i < s->nla; i++)
		if (s->la_of[i] == la) {
			s->la_count[i]++;
			return;
		}
	if (s->nla < PCDIR_SECTOR_LAS) {
		s->la_of[s->nla] = la;
		s->la_count[s->nla++] = 1;
	}
}

static void sectors_finish(struct pcdir *d)
{
	for (size_t i = 0; i < d->nslots; i++) {
		struct pcdir_entry *s = &d->slots[i];
		if (!s->key[0] || !s->is_sector)
			continue;
		if (s->ncoords) {
			s->east = s->sum_east / (double)s->ncoords;
			s->north = s->sum_north / (double)s->ncoords;
		}
		long best = 0;
		for (int k = 0; k < s->nla; k++)   /* ties: the district seen first */
			if (s->la_count[k] > best)
				best = s->la_count[k], s->la = s->la_of[k];
	}
}

static int bad_cell(struct cf_error *err, const char *path, const struct csv_reader *r, const char *col,
		    int i, const char *why)
{
	return cf_error_at(err, CF_EINPUT, path, r->record, col, i < r->nfields ? r->fields[i] : "", "%s", why);
}

int pcdir_read(struct pcdir *d, const char *path, struct cf_error *err)
{
	struct csv_reader r;
	int rc = csv_reader_open(&r, path, err);
	if (rc)
		return rc;
	struct layout l = { -1, -1, -1, -1 };
	struct progress pr;
	int got, have_header = 0;
	progress_start(&pr, "postcode directory", 0);
	while ((got = csv_reader_next(&r, err)) == 1) {
		if (!have_header) {
			find_layout(d, &r, &l);
			if (l.postcode < 0 || l.east < 0 || l.north < 0 || l.la < 0) {
				rc = cf_error_at(err, CF_EINPUT, path, r.record,
						 l.postcode < 0 ? "pcd" : l.east < 0 ? "oseast1m" : l.north < 0 ? "osnrth1m" : "laua",
						 NULL,
						 "not an ONS postcode directory (ONSPD or NSPL CSV): the header has no %s column",
						 l.postcode < 0 ? "postcode (pcd, pcd7, pcds)"
						 : l.east < 0  ? "easting (oseast1m, east1m)"
						 : l.north < 0 ? "northing (osnrth1m, north1m)"
							       : "district (laua, oslaua, ladYYcd)");
				goto out;
			}
			have_header = 1;
			continue;
		}
		if ((++d->rows & 0xffff) == 0)
			progress_update(&pr, d->rows);
		if (csv_row_is_blank(&r))
			continue;
		if (l.postcode >= r.nfields || !r.lens[l.postcode]) {
			rc = bad_cell(err, path, &r, d->col_postcode, l.postcode, "blank postcode");
			goto out;
		}
		char key[PCDIR_KEY_MAX + 1], sector[PCDIR_KEY_MAX + 1];
		int have_key = pcdir_key(r.fields[l.postcode], 0, key) == 0;
		struct pcdir_entry *e = have_key && d->n - d->nsectors ? slot_for(d->slots, d->nslots, key) : NULL;
		if (e && (!e->key[0] || e->is_sector || e->found))
			e = NULL;   /* not wanted, or a postcode given twice (the first counts) */
		struct pcdir_entry *s = NULL;
		if (d->nsectors && pcdir_key(r.fields[l.postcode], 1, sector) == 0) {
			s = slot_for(d->slots, d->nslots, sector);
			if (!s->key[0] || !s->is_sector)
				s = NULL;
		}
		if (!e && !s)
			continue;
		double east, north;
		if (l.east >= r.nfields || parse_metres(r.fields[l.east], &east)) {
			rc = bad_cell(err, path, &r, d->col_east, l.east, "not a grid reference in metres");
			goto out;
		}
		if (l.north >= r.nfields || parse_metres(r.fields[l.north], &north)) {
			rc = bad_cell(err, path, &r, d->col_north, l.north, "not a grid reference in metres");
			goto out;
		}
		char code[16];
		int la = -1;
		if (l.la < r.nfields) {
			trim_copy(r.fields[l.la], r.lens[l.la], code, sizeof code);
			if (code[0] && (la = la_index(d, code)) == -2) {
				rc = cf_error_set(err, CF_EIO, "out of memory reading %s", path);
				goto out;
			}
		}
		if (e) {
			e->found = 1;
			e->east = east;
			e->north = north;
			e->la = la;
		}
		if (s)
			sector_add(s, east, north, la);
	}
	if (got < 0)
		rc = err->status ? err->status : CF_EINPUT;
	else if (!have_header)
		rc = cf_error_at(err, CF_EINPUT, path, 0, NULL, NULL, "empty file: no header");
	else
		sectors_finish(d);
out:
	progress_finish(&pr);
	csv_reader_close(&r);
	return rc;
}
