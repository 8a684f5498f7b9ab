/* Loading SSDA903 returns into validator frames, from disk or the store. */
#include "validate/vload.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/dir.h"
#include "formats/ssda903.h"
#include "store/returns.h"
#include "store/validation_rows.h"

const char *const vload_903_names[S903_NTABLES] = {
	[S903_HEADER] = "Header", [S903_EPISODES] = "Episodes", [S903_REVIEWS] = "Reviews",
	[S903_UASC] = "UASC", [S903_OC2] = "OC2", [S903_OC3] = "OC3", [S903_AD1] = "AD1",
	[S903_PLACED_ADOPTION] = "PlacedAdoption", [S903_PREV_PERM] = "PrevPerm",
	[S903_MISSING] = "Missing", [S903_SW_EPISODES] = "SWEpisodes",
};

struct sink {
	struct vdata *vd;
	const char *suffix;
	const char *path;
	struct vframe *f;
	long nrows;
	long expect;         /* rows the file can hold at most (its lines), 0 unknown */
	char *buf;           /* upper-cased copy of one value */
	size_t cap;
};

static struct vframe *table_frame(struct vdata *vd, enum ssda903_table t, const char *suffix,
				  const char *path, struct cf_error *err)
{
	char name[64];
	snprintf(name, sizeof name, "%s%s", vload_903_names[t], suffix);
	if (vdata_frame(vd, name)) {
		cf_error_at(err, CF_EINPUT, path, 0, NULL, NULL,
			    "a second %s table: give each table of a return once", ssda903_tables[t].name);
		return NULL;
	}
	struct vframe *f = vdata_add_frame(vd, name);
	if (!f) {
		cf_error_set(err, CF_EIO, "out of memory");
		return NULL;
	}
	const struct ssda903_table_def *d = &ssda903_tables[t];
	for (int c = 0; c < d->ncols; c++)
		if (vframe_add_col(f, d->cols[c].name) < 0) {
			cf_error_set(err, CF_EIO, "out of memory");
			return NULL;
		}
	return f;
}

/* Upper-case into the sink's buffer, as DfE's tool does to every value. */
static const char *upper(struct sink *s, const char *v, size_t len)
{
	if (len + 1 > s->cap) {
		size_t cap = len + 64;
		char *b = realloc(s->buf, cap);
		if (!b)
			return NULL;
		s->buf = b;
		s->cap = cap;
	}
	for (size_t i = 0; i < len; i++)   /* toupper in the C locale, without a call per byte */
		s->buf[i] = v[i] >= 'a' && v[i] <= 'z' ? (char)(v[i] - 'a' + 'A') : v[i];
	s->buf[len] = 0;
	return s->buf;
}

static int sink_row(void *ctx, enum ssda903_table t, const char *const *vals, const size_t *lens,
		    long row, long line, struct cf_error *err)
{
	struct sink *s = ctx;
	if (!s->f) {
		if (!(s->f = table_frame(s->vd, t, s->suffix, s->path, err)))
			return err->status ? err->status : CF_EIO;
		if (s->expect > 0 && vframe_reserve(s->f, s->expect))
			return cf_error_set(err, CF_EIO, "out of memory");
	}
	long r = vframe_add_row_at(s->f, s->nrows++, row);
	if (r < 0)
		return cf_error_set(err, CF_EIO, "out of memory");
	for (int c = 0; c < ssda903_tables[t].ncols; c++) {
		if (!vals[c] || lens[c] == (size_t)-1 || lens[c] == 0)
			continue;
		const char *u = upper(s, vals[c], lens[c]);
		if (!u || vframe_set(s->f, c, r, u, lens[c], 0))
			return cf_error_set(err, CF_EIO, "out of memory");
	}
	return CF_OK;
}

/* Lines in the file (0 when it cannot be read here: the reader reports
 * that): a table's columns are sized once instead of regrown as it loads. */
static long count_lines(const char *path)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return 0;
	char buf[65536];
	long n = 1;   /* a last line without a newline */
	size_t got;
	while ((got = fread(buf, 1, sizeof buf, fp)) > 0)
		for (const char *p = buf, *e = buf + got; (p = memchr(p, '\n', (size_t)(e - p))); p++)
			n++;
	fclose(fp);
	return n;
}

static int load_csv(struct vdata *vd, const char *path, const char *suffix, struct cf_error *err)
{
	struct sink s = { .vd = vd, .suffix = suffix, .path = path, .expect = count_lines(path) };
	enum ssda903_table t = S903_NTABLES;
	long rows = 0;
	int rc = ssda903_csv_read(path, &t, &rows, sink_row, &s, err);
	/* a header with no rows is an empty table, still present */
	if (!rc && !s.f && t != S903_NTABLES && !table_frame(vd, t, suffix, path, err))
		rc = err->status ? err->status : CF_EIO;
	free(s.buf);
	return rc;
}

/* An XML return delivers its tables' rows child by child, interleaved. */
struct xml_sink {
	struct sink t[S903_NTABLES];
};

static int xml_row(void *ctx, enum ssda903_table t, const char *const *vals, const size_t *lens, long row,
		   long line, struct cf_error *err)
{
	struct xml_sink *x = ctx;
	return sink_row(&x->t[t], t, vals, lens, row, line, err);
}

/* Every table of an XML return is present, empty when it has no records,
 * as DfE's tool reads one. Rows are numbered as the XML reader numbers them:
 * the record's place in its table + 1, as in the table's CSV. */
static int load_xml(struct vdata *vd, const char *path, const char *suffix, struct cf_error *err)
{
	struct xml_sink x;
	memset(&x, 0, sizeof x);
	for (int t = 0; t < S903_NTABLES; t++) {
		x.t[t].vd = vd;
		x.t[t].suffix = suffix;
		x.t[t].path = path;
	}
	long rows[S903_NTABLES];
	int rc = ssda903_xml_read(path, rows, xml_row, &x, err);
	for (int t = 0; t < S903_NTABLES; t++) {
		if (!rc && !x.t[t].f && !table_frame(vd, (enum ssda903_table)t, suffix, path, err))
			rc = err->status ? err->status : CF_EIO;
		free(x.t[t].buf);
	}
	if (!rc)
		vd->meta.file_format = "xml";
	return rc;
}

static int has_ext(const char *name, const char *ext)
{
	size_t n = strlen(name), e = strlen(ext);
	return n > e && strcasecmp(name + n - e, ext) == 0;
}

static int load_dir(struct vdata *vd, const char *dir, const char *suffix, struct cf_error *err)
{
	struct dir_list csvs;
	if (dir_list(dir, ".csv", &csvs) != 0)
		return errno == ENOMEM ? cf_error_set(err, CF_EIO, "out of memory")
				       : cf_error_at(err, CF_EINPUT, dir, 0, NULL, NULL, "cannot read this folder");
	int rc = CF_OK;
	if (csvs.n == 0)
		rc = cf_error_at(err, CF_EINPUT, dir, 0, NULL, NULL, "no .csv tables in this folder");
	for (size_t i = 0; i < csvs.n && !rc; i++)
		rc = load_csv(vd, csvs.paths[i], suffix, err);
	dir_list_release(&csvs);
	return rc;
}

/* DfE's tool marks each Header row UASC "1" when the child is in the UASC
 * table and "0" otherwise (CSV returns carry no UASC field of their own). */
static int derive_uasc(struct vdata *vd, const char *suffix)
{
	char hn[32], un[32];
	snprintf(hn, sizeof hn, "Header%s", suffix);
	snprintf(un, sizeof un, "UASC%s", suffix);
	struct vframe *h = vdata_frame(vd, hn), *u = vdata_frame(vd, un);
	if (!h || !u || vframe_colno(h, "UASC") >= 0)
		return 0;
	int c = vframe_add_col(h, "UASC");
	struct vcol *child = vframe_col(h, "CHILD");
	if (c < 0 || !child)
		return -1;
	for (long r = 0; r < h->nrows; r++)
		if (vframe_set(h, c, r, vframe_has_child(u, child->v[r]) ? "1" : "0", 1, 0))
			return -1;
	return 0;
}

int vload_903_paths(struct vdata *vd, char *const *paths, int npaths, const char *suffix,
		    struct cf_error *err)
{
	for (int i = 0; i < npaths; i++) {
		struct stat sb;
		int rc;
		if (stat(paths[i], &sb) != 0)
			return cf_error_at(err, CF_EINPUT, paths[i], 0, NULL, NULL, "no such file or folder");
		if (S_ISDIR(sb.st_mode))
			rc = load_dir(vd, paths[i], suffix, err);
		else if (has_ext(paths[i], ".csv"))
			rc = load_csv(vd, paths[i], suffix, err);
		else if (has_ext(paths[i], ".xml"))
			rc = load_xml(vd, paths[i], suffix, err);
		else
			rc = cf_error_at(err, CF_EINPUT, paths[i], 0, NULL, NULL,
					 "not a DfE return (give the return's XML file, its .csv tables or their folder)");
		if (rc)
			return rc;
	}
	if (derive_uasc(vd, suffix))
		return cf_error_set(err, CF_EIO, "out of memory");
	return CF_OK;
}

/* yyyy-mm-dd (the store's form) back to the return's dd/mm/yyyy. */
static const char *store_value(const char *v, char buf[16])
{
	if (v && strlen(v) == 10 && v[4] == '-' && v[7] == '-' && isdigit((unsigned char)v[0]) &&
	    isdigit((unsigned char)v[9])) {
		snprintf(buf, 16, "%.2s/%.2s/%.4s", v + 8, v + 5, v);
		return buf;
	}
	return v;
}

struct store_sink {
	struct vdata *vd;
	enum ssda903_table t;
	const char *suffix;
	struct vframe *f;
	long label;
};

static int store_row(void *ctx, long long row, const char *const *vals, struct cf_error *err)
{
	struct store_sink *k = ctx;
	const struct ssda903_table_def *d = &ssda903_tables[k->t];
	if (!k->f && !(k->f = table_frame(k->vd, k->t, k->suffix, "store", err)))
		return err->status ? err->status : CF_EIO;
	long r = vframe_add_row_at(k->f, k->label++, row);
	if (r < 0)
		return cf_error_set(err, CF_EIO, "out of memory");
	for (int c = 0; c < d->ncols; c++) {
		char buf[16];
		const char *v = store_value(vals[c], buf);
		if (v && *v && vframe_set(k->f, c, r, v, strlen(v), 0))
			return cf_error_set(err, CF_EIO, "out of memory");
	}
	return CF_OK;
}

static int load_store_year(struct vdata *vd, struct store *st, int year, const char *suffix,
			   int *found, struct cf_error *err)
{
	for (int t = 0; t < S903_NTABLES; t++) {
		struct store_sink k = { vd, (enum ssda903_table)t, suffix, NULL, 0 };
		int rc = validation_rows_903(st, (enum ssda903_table)t, year, store_row, &k, err);
		if (rc)
			return rc;
		if (k.f)
			*found = 1;
	}
	return derive_uasc(vd, suffix) ? cf_error_set(err, CF_EIO, "out of memory") : CF_OK;
}

/* "no return for that year": with the years the store does hold, so the
 * analyst can give one of them to --year. */
static int no_return_error(struct store *st, int year, struct cf_error *err)
{
	char held[160] = "";
	size_t len = 0;
	int years[64], n = 0;
	if (returns_years(st, RETURN_KINDS_SSDA903, years, 64, &n, err) == CF_OK)
		for (int i = 0; i < n && len + 12 < sizeof held; i++) {
			int y = years[i];
			int w = snprintf(held + len, sizeof held - len, "%s%d-%02d", len ? ", " : "", y - 1, y % 100);
			if (w > 0)
				len += (size_t)w;
		}
	cf_error_clear(err);
	if (!held[0])
		return cf_error_set(err, CF_EINPUT, "the store holds no SSDA903 return for %d-%02d (it holds none at all: "
				    "load one with caseflow ingest)", year - 1, year % 100);
	return cf_error_set(err, CF_EINPUT, "the store holds no SSDA903 return for %d-%02d; it holds %s (give one to --year)",
			    year - 1, year % 100, held);
}

int vload_903_store(struct vdata *vd, struct store *st, int year, struct cf_error *err)
{
	int found = 0, found_last = 0;
	int rc = load_store_year(vd, st, year, "", &found, err);
	if (!rc && !found)
		return no_return_error(st, year, err);
	if (!rc)
		rc = load_store_year(vd, st, year - 1, "_last", &found_last, err);
	/* DfE's tool checks the UASC field only in XML returns */
	long nxml = 0;
	if (!rc && !(rc = returns_count(st, RETURN_SSDA903_XML, year, &nxml, err)))
		vd->meta.file_format = nxml > 0 ? "xml" : "csv";
	return rc;
}

int vload_903_store_latest(struct store *st, struct cf_error *err)
{
	int first, last;
	if (returns_year_range(st, RETURN_KINDS_SSDA903, &first, &last, err))
		return 0;
	return last;
}

int vload_infer_year(struct vdata *vd)
{
	static const struct { const char *table, *col; } dates[] = {
		{ "Episodes", "DECOM" }, { "Episodes", "DEC" }, { "Reviews", "REVIEW" },
		{ "Missing", "MIS_START" },
	};
	cf_date latest = CF_DATE_NONE;
	for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++) {
		struct vframe *f = vdata_frame(vd, dates[i].table);
		int c = f ? vframe_colno(f, dates[i].col) : -1;
		for (long r = 0; c >= 0 && r < f->nrows; r++) {
			cf_date d = vcol_date(f, f->cols[c], r);
			if (d != CF_DATE_NONE && (latest == CF_DATE_NONE || d > latest))
				latest = d;
		}
	}
	return latest == CF_DATE_NONE ? 0 : cf_date_fy(latest) + 1;
}
