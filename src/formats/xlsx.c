/* Streaming .xlsx reader: libzip for the package, libxml2's xmlTextReader
 * for each part, one row of cells in memory at a time. */
#include "formats/xlsx.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/xmlreader.h>
#include <zip.h>

#include "base/arena.h"
#include "base/strbuf.h"

#if LIBXML_VERSION >= 21200
typedef const xmlError *xml_error_arg;
#else
typedef xmlErrorPtr xml_error_arg;
#endif

struct xlsx_sheet {
	const char *name;     /* arena */
	const char *part;     /* arena; NULL when the workbook's relationship is missing */
};

struct xlsx_book {
	char *path;                  /* owned */
	zip_t *zip;                  /* owned */
	struct arena arena;          /* names and part paths */
	int nsheets, sheets_cap;
	struct xlsx_sheet *sheets;   /* owned */
	const char *shared_part;     /* arena; NULL when the workbook has no shared strings */
	const char *styles_part;     /* arena; NULL when it has no styles */
	int shared_loaded;
	struct strbuf sst;           /* shared strings, NUL-separated */
	uint32_t *sst_off;           /* owned; offset of each string in sst */
	size_t nsst, sst_cap;
	unsigned char *xf_date;      /* owned; per cellXfs index: 1 when a date format */
	size_t nxf;
};

/* --- a part of the package as an xmlTextReader ------------------------------ */

struct part_reader {
	xmlTextReaderPtr r;
	zip_file_t *zf;
	const char *part;
	int zip_failed;
	char zip_msg[200];
	int xml_failed;
	int xml_line;
	char xml_msg[300];
};

static int part_read_cb(void *ctx, char *buf, int len)
{
	struct part_reader *pr = ctx;
	zip_int64_t n = zip_fread(pr->zf, buf, (zip_uint64_t)len);
	if (n < 0) {
		pr->zip_failed = 1;
		snprintf(pr->zip_msg, sizeof pr->zip_msg, "%s", zip_file_strerror(pr->zf));
		return -1;
	}
	return (int)n;
}

static int part_close_cb(void *ctx) { return 0; }

static void part_error_cb(void *arg, xml_error_arg e)
{
	struct part_reader *pr = arg;
	if (pr->xml_failed || !e || e->level < XML_ERR_ERROR)
		return;
	pr->xml_failed = 1;
	pr->xml_line = e->line;
	snprintf(pr->xml_msg, sizeof pr->xml_msg, "%s", e->message ? e->message : "malformed XML");
	size_t n = strlen(pr->xml_msg);
	while (n && (pr->xml_msg[n - 1] == '\n' || pr->xml_msg[n - 1] == ' '))
		pr->xml_msg[--n] = '\0';
}

/* Returns 1 when opened, 0 when the part is not in the zip, -1 on failure (err set). */
static int part_open(struct xlsx_book *b, const char *part, struct part_reader *pr, struct cf_error *err)
{
	memset(pr, 0, sizeof *pr);
	pr->part = part;
	zip_int64_t idx = zip_name_locate(b->zip, part, ZIP_FL_NOCASE);
	if (idx < 0)
		return 0;
	pr->zf = zip_fopen_index(b->zip, (zip_uint64_t)idx, 0);
	if (!pr->zf) {
		cf_error_at(err, CF_EINPUT, b->path, 0, NULL, NULL, "cannot read part %s of the workbook: %s", part,
			    zip_strerror(b->zip));
		return -1;
	}
	pr->r = xmlReaderForIO(part_read_cb, part_close_cb, pr, part, NULL, XML_PARSE_NONET);
	if (!pr->r) {
		zip_fclose(pr->zf);
		pr->zf = NULL;
		cf_error_set(err, CF_EIO, "out of memory");
		return -1;
	}
	xmlTextReaderSetStructuredErrorHandler(pr->r, part_error_cb, pr);
	return 1;
}

static void part_close(struct part_reader *pr)
{
	if (pr->r)
		xmlFreeTextReader(pr->r);
	if (pr->zf)
		zip_fclose(pr->zf);
	pr->r = NULL;
	pr->zf = NULL;
}

/* The error after xmlTextReaderRead() returned -1. */
static int part_fail(struct xlsx_book *b, struct part_reader *pr, const char *what, struct cf_error *err)
{
	if (pr->zip_failed)
		return cf_error_at(err, CF_EINPUT, b->path, 0, NULL, NULL,
				  "%s: part %s is damaged (%s): the file is truncated or corrupt", what, pr->part,
				  pr->zip_msg);
	if (pr->xml_failed)
		return cf_error_at(err, CF_EINPUT, b->path, 0, NULL, NULL, "%s: part %s, XML line %d: %s", what,
				  pr->part, pr->xml_line, pr->xml_msg);
	return cf_error_at(err, CF_EINPUT, b->path, 0, NULL, NULL, "%s: part %s is not well-formed XML", what,
			  pr->part);
}

static const char *lname(xmlTextReaderPtr r)
{
	const xmlChar *n = xmlTextReaderConstLocalName(r);
	return n ? (const char *)n : "";
}

/* An attribute by local name, ignoring any namespace. Caller frees (xmlFree). */
static char *attr(xmlTextReaderPtr r, const char *name)
{
	char *v = (char *)xmlTextReaderGetAttribute(r, (const xmlChar *)name);
	if (v)
		return v;
	if (xmlTextReaderMoveToFirstAttribute(r) != 1)
		return NULL;
	do {
		const xmlChar *ln = xmlTextReaderConstLocalName(r);
		if (ln && strcmp((const char *)ln, name) == 0) {
			v = (char *)xmlTextReaderValue(r);
			break;
		}
	} while (xmlTextReaderMoveToNextAttribute(r) == 1);
	xmlTextReaderMoveToElement(r);
	return v;
}

/* --- part names ---------------------------------------------------------- */

/* Resolve a relationship target against the folder of its source part
 * ("xl/"), folding "." and ".." segments; "/xl/x.xml" is absolute. */
static const char *resolve_target(struct arena *a, const char *dir, const char *target)
{
	char buf[1024];
	if (target[0] == '/')
		snprintf(buf, sizeof buf, "%s", target + 1);
	else
		snprintf(buf, sizeof buf, "%s%s", dir, target);
	char out[1024];
	size_t n = 0;
	const char *p = buf;
	while (*p) {
		const char *slash = strchr(p, '/');
		size_t len = slash ? (size_t)(slash - p) : strlen(p);
		if ((len == 1 && p[0] == '.') || len == 0) {
			/* skip */
		} else if (len == 2 && p[0] == '.' && p[1] == '.') {
			while (n > 0 && out[n - 1] != '/')
				n--;
			if (n > 0)
				n--;
			while (n > 0 && out[n - 1] != '/')
				n--;
		} else if (n + len + 1 < sizeof out) {
			memcpy(out + n, p, len);
			n += len;
			if (slash)
				out[n++] = '/';
		}
		p += len + (slash ? 1 : 0);
	}
	out[n] = '\0';
	return arena_strdup(a, out);
}

/* The folder of a part, with its trailing slash ("xl/" for xl/workbook.xml). */
static void part_dir(const char *part, char *dir, size_t size)
{
	const char *slash = strrchr(part, '/');
	size_t n = slash ? (size_t)(slash - part + 1) : 0;
	if (n >= size)
		n = size - 1;
	memcpy(dir, part, n);
	dir[n] = '\0';
}

/* The relationships part of a part: xl/workbook.xml -> xl/_rels/workbook.xml.rels */
static void rels_of(const char *part, char *out, size_t size)
{
	const char *slash = strrchr(part, '/');
	if (slash)
		snprintf(out, size, "%.*s_rels/%s.rels", (int)(slash - part + 1), part, slash + 1);
	else
		snprintf(out, size, "_rels/%s.rels", part);
}

/* --- relationships --------------------------------------------------------- */

struct rel {
	const char *id, *type, *target;  /* arena; target resolved to a part name */
};

struct rels {
	struct rel *v;      /* owned */
	int n, cap;
};

static void rels_release(struct rels *rs)
{
	free(rs->v);
	memset(rs, 0, sizeof *rs);
}

/* Read rels_part (relationships of a part in folder dir). Returns 1 when
 * read, 0 when absent, -1 on error. */
static int rels_read(struct xlsx_book *b, const char *rels_part, const char *dir, struct rels *rs,
		     struct cf_error *err)
{
	struct part_reader pr;
	int o = part_open(b, rels_part, &pr, err);
	if (o <= 0)
		return o;
	int rc;
	while ((rc = xmlTextReaderRead(pr.r)) == 1) {
		if (xmlTextReaderNodeType(pr.r) != XML_READER_TYPE_ELEMENT || strcmp(lname(pr.r), "Relationship"))
			continue;
		char *id = attr(pr.r, "Id"), *type = attr(pr.r, "Type"), *target = attr(pr.r, "Target");
		char *mode = attr(pr.r, "TargetMode");
		int ok = 1;
		if (id && type && target && !(mode && !strcasecmp(mode, "External"))) {
			if (rs->n == rs->cap) {
				int nc = rs->cap ? rs->cap * 2 : 16;
				struct rel *v = realloc(rs->v, sizeof *v * (size_t)nc);
				if (v) {
					rs->v = v;
					rs->cap = nc;
				}
			}
			if (rs->n < rs->cap) {
				struct rel *r = &rs->v[rs->n];
				r->id = arena_strdup(&b->arena, id);
				const char *slash = strrchr(type, '/');
				r->type = arena_strdup(&b->arena, slash ? slash + 1 : type);
				r->target = resolve_target(&b->arena, dir, target);
				ok = r->id && r->type && r->target;
				rs->n += ok;
			} else {
				ok = 0;
			}
		}
		xmlFree(id);
		xmlFree(type);
		xmlFree(target);
		xmlFree(mode);
		if (!ok) {
			part_close(&pr);
			cf_error_set(err, CF_EIO, "out of memory");
			return -1;
		}
	}
	if (rc < 0) {
		part_fail(b, &pr, "cannot read the workbook's relationships", err);
		part_close(&pr);
		return -1;
	}
	part_close(&pr);
	return 1;
}

static const struct rel *rels_find(const struct rels *rs, const char *field, const char *want)
{
	for (int i = 0; i < rs->n; i++) {
		const char *v = strcmp(field, "id") == 0 ? rs->v[i].id : rs->v[i].type;
		if (strcmp(v, want) == 0)
			return &rs->v[i];
	}
	return NULL;
}

/* --- styles: which cell formats are dates ---------------------------------- */

/* Built-in number formats that show a date (ECMA-376 18.8.30; 27-36 and
 * 50-58 are the East Asian date forms). 18-21 and 45-47 are times only. */
static int builtin_is_date(long id)
{
	return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58);
}

/* A custom format code shows a date when its first section has a day, month
 * or year token outside quoted text, escapes and [..] modifiers; "mm" with
 * hours or seconds is minutes, so h:mm:ss is a time, not a date. */
static int format_is_date(const char *code)
{
	int d = 0, y = 0, m = 0, hs = 0;
	for (const char *p = code; *p; p++) {
		char c = *p;
		if (c == '"') {
			while (p[1] && p[1] != '"')
				p++;
			if (p[1])
				p++;
			continue;
		}
		if (c == '\\' || c == '_' || c == '*') {
			if (p[1])
				p++;
			continue;
		}
		if (c == '[') {
			char k = (char)tolower((unsigned char)p[1]);
			if (k == 'h' || k == 'm' || k == 's')
				hs = 1;     /* [h] elapsed hours: a duration */
			while (p[1] && p[1] != ']')
				p++;
			if (p[1])
				p++;
			continue;
		}
		if (c == ';')
			break;
		switch (tolower((unsigned char)c)) {
		case 'd': d = 1; break;
		case 'y': y = 1; break;
		case 'm': m = 1; break;
		case 'h': case 's': hs = 1; break;
		default: break;
		}
	}
	return d || y || (m && !hs);
}

struct custom_fmt {
	long id;
	int is_date;
};

static int styles_read(struct xlsx_book *b, struct cf_error *err)
{
	if (!b->styles_part)
		return CF_OK;
	struct part_reader pr;
	int o = part_open(b, b->styles_part, &pr, err);
	if (o < 0)
		return err->status;
	if (o == 0)
		return CF_OK;   /* a dangling styles relationship: no dates flagged, values still read */
	struct custom_fmt *fmts = NULL;
	size_t nfmts = 0, fmts_cap = 0;
	long *xf_fmt = NULL;
	size_t nxf = 0, xf_cap = 0;
	int in_xfs = 0, rc, status = CF_OK;
	while ((rc = xmlTextReaderRead(pr.r)) == 1) {
		int type = xmlTextReaderNodeType(pr.r);
		const char *n = lname(pr.r);
		if (type == XML_READER_TYPE_END_ELEMENT) {
			if (!strcmp(n, "cellXfs"))
				in_xfs = 0;
			continue;
		}
		if (type != XML_READER_TYPE_ELEMENT)
			continue;
		if (!strcmp(n, "cellXfs")) {
			in_xfs = !xmlTextReaderIsEmptyElement(pr.r);
		} else if (!strcmp(n, "numFmt")) {
			char *id = attr(pr.r, "numFmtId"), *code = attr(pr.r, "formatCode");
			if (id && code && nfmts < 4096) {
				if (nfmts == fmts_cap) {
					size_t nc = fmts_cap ? fmts_cap * 2 : 16;
					struct custom_fmt *v = realloc(fmts, sizeof *v * nc);
					if (v) {
						fmts = v;
						fmts_cap = nc;
					}
				}
				if (nfmts < fmts_cap) {
					fmts[nfmts].id = strtol(id, NULL, 10);
					fmts[nfmts++].is_date = format_is_date(code);
				} else {
					status = CF_EIO;
				}
			}
			xmlFree(id);
			xmlFree(code);
		} else if (in_xfs && !strcmp(n, "xf") && nxf < 65536) {
			char *id = attr(pr.r, "numFmtId");
			if (nxf == xf_cap) {
				size_t nc = xf_cap ? xf_cap * 2 : 32;
				long *v = realloc(xf_fmt, sizeof *v * nc);
				if (v) {
					xf_fmt = v;
					xf_cap = nc;
				}
			}
			if (nxf < xf_cap)
				xf_fmt[nxf++] = id ? strtol(id, NULL, 10) : 0;
			else
				status = CF_EIO;
			xmlFree(id);
		}
		if (status)
			break;
	}
	if (status)
		cf_error_set(err, CF_EIO, "out of memory");
	else if (rc < 0)
		status = part_fail(b, &pr, "cannot read the workbook's styles", err);
	part_close(&pr);
	if (!status && nxf) {
		b->xf_date = calloc(nxf, 1);
		if (!b->xf_date) {
			status = cf_error_set(err, CF_EIO, "out of memory");
		} else {
			b->nxf = nxf;
			for (size_t i = 0; i < nxf; i++) {
				int is_date = builtin_is_date(xf_fmt[i]);
				for (size_t k = 0; k < nfmts; k++)
					if (fmts[k].id == xf_fmt[i])
						is_date = fmts[k].is_date;
				b->xf_date[i] = (unsigned char)is_date;
			}
		}
	}
	free(fmts);
	free(xf_fmt);
	return status;
}

/* --- opening a workbook ---------------------------------------------------- */

static int add_sheet(struct xlsx_book *b, const char *name, const char *part)
{
	if (b->nsheets == b->sheets_cap) {
		int nc = b->sheets_cap ? b->sheets_cap * 2 : 16;
		struct xlsx_sheet *v = realloc(b->sheets, sizeof *v * (size_t)nc);
		if (!v)
			return -1;
		b->sheets = v;
		b->sheets_cap = nc;
	}
	b->sheets[b->nsheets].name = name;
	b->sheets[b->nsheets].part = part;
	b->nsheets++;
	return 0;
}

/* The main part from the package relationships (_rels/.rels), else the
 * conventional xl/workbook.xml. */
static int find_workbook_part(struct xlsx_book *b, const char **part, struct cf_error *err)
{
	struct rels rs = { 0 };
	int o = rels_read(b, "_rels/.rels", "", &rs, err);
	if (o < 0)
		return err->status;
	const struct rel *r = o ? rels_find(&rs, "type", "officeDocument") : NULL;
	*part = r ? r->target : "xl/workbook.xml";
	rels_release(&rs);
	return CF_OK;
}

/* Sheets in workbook order, each mapped through the workbook's relationships. */
static int workbook_read(struct xlsx_book *b, const char *wb_part, struct cf_error *err)
{
	char dir[512], rels_part[600];
	part_dir(wb_part, dir, sizeof dir);
	rels_of(wb_part, rels_part, sizeof rels_part);
	struct rels rs = { 0 };
	int o = rels_read(b, rels_part, dir, &rs, err);
	if (o < 0)
		return err->status;
	if (o == 0)
		return cf_error_at(err, CF_EINPUT, b->path, 0, NULL, NULL,
				  "not a usable Excel workbook: part %s (which says where the sheets are) is missing",
				  rels_part);
	const struct rel *r;
	if ((r = rels_find(&rs, "type", "sharedStrings")))
		b->shared_part = r->target;
	if ((r = rels_find(&rs, "type", "styles")))
		b->styles_part = r->target;

	struct part_reader pr;
	o = part_open(b, wb_part, &pr, err);
	if (o <= 0) {
		rels_release(&rs);
		if (o < 0)
			return err->status;
		return cf_error_at(err, CF_EINPUT, b->path, 0, NULL, NULL,
				  "not an Excel workbook: the zip has no workbook part (%s)", wb_part);
	}
	int rc, status = CF_OK;
	while ((rc = xmlTextReaderRead(pr.r)) == 1) {
		if (xmlTextReaderNodeType(pr.r) != XML_READER_TYPE_ELEMENT || strcmp(lname(pr.r), "sheet"))
			continue;
		char *name = attr(pr.r, "name"), *id = attr(pr.r, "id");
		const struct rel *sr = id ? rels_find(&rs, "id", id) : NULL;
		const char *nm = arena_strdup(&b->arena, name ? name : "");
		if (!nm || add_sheet(b, nm, sr ? sr->target : NULL))
			status = cf_error_set(err, CF_EIO, "out of memory");
		xmlFree(name);
		xmlFree(id);
		if (status)
			break;
	}
	if (!status && rc < 0)
		status = part_fail(b, &pr, "cannot read the workbook's sheet list", err);
	part_close(&pr);
	rels_release(&rs);
	return status;
}

int xlsx_open(struct xlsx_book **out, const char *path, struct cf_error *err)
{
	*out = NULL;
	xmlInitParser();
	struct xlsx_book *b = calloc(1, sizeof *b);
	if (!b || !(b->path = strdup(path))) {
		free(b);
		return cf_error_set(err, CF_EIO, "out of memory");
	}
	arena_init(&b->arena, 16 * 1024);
	strbuf_init(&b->sst, XLSX_MAX_SHARED_BYTES);
	int zerr = 0;
	b->zip = zip_open(path, ZIP_RDONLY, &zerr);
	int rc = CF_OK;
	if (!b->zip) {
		zip_error_t ze;
		zip_error_init_with_code(&ze, zerr);
		if (zerr == ZIP_ER_NOENT || zerr == ZIP_ER_OPEN || zerr == ZIP_ER_READ)
			rc = cf_error_at(err, zerr == ZIP_ER_READ ? CF_EIO : CF_EINPUT, path, 0, NULL, NULL,
					 "cannot open the workbook: %s", zip_error_strerror(&ze));
		else
			rc = cf_error_at(err, CF_EINPUT, path, 0, NULL, NULL,
					 "not an Excel workbook (.xlsx): not a zip archive, or a truncated one (%s)",
					 zip_error_strerror(&ze));
		zip_error_fini(&ze);
	}
	const char *wb_part = NULL;
	if (!rc)
		rc = find_workbook_part(b, &wb_part, err);
	if (!rc)
		rc = workbook_read(b, wb_part, err);
	if (!rc)
		rc = styles_read(b, err);
	if (rc) {
		xlsx_close(b);
		return rc;
	}
	*out = b;
	return CF_OK;
}

void xlsx_close(struct xlsx_book *b)
{
	if (!b)
		return;
	if (b->zip)
		zip_discard(b->zip);
	arena_release(&b->arena);
	strbuf_release(&b->sst);
	free(b->sst_off);
	free(b->sheets);
	free(b->xf_date);
	free(b->path);
	free(b);
}

int xlsx_sheet_count(const struct xlsx_book *b) { return b ? b->nsheets : 0; }

const char *xlsx_sheet_name(const struct xlsx_book *b, int i)
{
	return b && i >= 0 && i < b->nsheets ? b->sheets[i].name : NULL;
}

static void trimmed(const char *s, const char **start, size_t *len)
{
	while (isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	*start = s;
	*len = n;
}

int xlsx_sheet_find(const struct xlsx_book *b, const char *name)
{
	if (!b || !name)
		return -1;
	const char *want;
	size_t wn;
	trimmed(name, &want, &wn);
	for (int i = 0; i < b->nsheets; i++) {
		const char *have;
		size_t hn;
		trimmed(b->sheets[i].name, &have, &hn);
		if (hn == wn && strncasecmp(have, want, wn) == 0)
			return i;
	}
	return -1;
}

/* --- strings ------------------------------------------------------------- */

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)tolower((unsigned char)c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* _xHHHH_ at s (len bytes left): the code unit, or -1. */
static long escape_at(const char *s, size_t len)
{
	if (len < 7 || s[0] != '_' || s[1] != 'x' || s[6] != '_')
		return -1;
	long v = 0;
	for (int i = 2; i < 6; i++) {
		int h = hexval(s[i]);
		if (h < 0)
			return -1;
		v = v * 16 + h;
	}
	return v;
}

static int add_utf8(struct strbuf *sb, unsigned long cp)
{
	char u[4];
	size_t n;
	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xE0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		u[0] = (char)(0xF0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	return strbuf_add(sb, u, n);
}

/* Append s with OOXML's _xHHHH_ escapes decoded (Excel writes a carriage
 * return as _x000D_ and a literal "_x" as _x005F_x). NUL is dropped. */
static int add_decoded(struct strbuf *sb, const char *s, size_t len)
{
	size_t i = 0, run = 0;
	while (i < len) {
		long cu = s[i] == '_' ? escape_at(s + i, len - i) : -1;
		if (cu < 0) {
			i++;
			continue;
		}
		if (strbuf_add(sb, s + run, i - run))
			return -1;
		i += 7;
		unsigned long cp = (unsigned long)cu;
		if (cu >= 0xD800 && cu <= 0xDBFF) {
			long lo = escape_at(s + i, len - i);
			if (lo >= 0xDC00 && lo <= 0xDFFF) {
				cp = 0x10000 + (((unsigned long)cu - 0xD800) << 10) + ((unsigned long)lo - 0xDC00);
				i += 7;
			} else {
				cp = 0xFFFD;
			}
		} else if (cu >= 0xDC00 && cu <= 0xDFFF) {
			cp = 0xFFFD;
		}
		if (cp && add_utf8(sb, cp))
			return -1;
		run = i;
	}
	return strbuf_add(sb, s + run, len - run);
}

static int is_text_node(int type)
{
	return type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
	       type == XML_READER_TYPE_WHITESPACE || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
}

static int sst_push(struct xlsx_book *b, struct strbuf *tmp)
{
	if (b->nsst == b->sst_cap) {
		size_t nc = b->sst_cap ? b->sst_cap * 2 : 1024;
		if ((b->sst.len + nc * sizeof *b->sst_off) > XLSX_MAX_SHARED_BYTES)
			return -1;
		uint32_t *v = realloc(b->sst_off, sizeof *v * nc);
		if (!v)
			return -1;
		b->sst_off = v;
		b->sst_cap = nc;
	}
	b->sst_off[b->nsst] = (uint32_t)b->sst.len;
	if (add_decoded(&b->sst, tmp->buf ? tmp->buf : "", tmp->len) || strbuf_addc(&b->sst, '\0'))
		return -1;
	if (b->sst.len + b->sst_cap * sizeof *b->sst_off > XLSX_MAX_SHARED_BYTES)
		return -1;
	b->nsst++;
	return 0;
}

/* Load xl/sharedStrings.xml: one entry per <si>, its <t> texts joined
 * (plain or rich-text runs), phonetic <rPh> runs left out. */
static int shared_load(struct xlsx_book *b, struct cf_error *err)
{
	if (b->shared_loaded)
		return CF_OK;
	b->shared_loaded = 1;
	if (!b->shared_part)
		return CF_OK;
	struct part_reader pr;
	int o = part_open(b, b->shared_part, &pr, err);
	if (o < 0)
		return err->status;
	if (o == 0)
		return cf_error_at(err, CF_EINPUT, b->path, 0, NULL, NULL,
				  "the workbook's shared strings part (%s) is missing from the zip", b->shared_part);
	struct strbuf tmp;
	strbuf_init(&tmp, XLSX_MAX_ROW_BYTES);
	int rc, in_si = 0, in_t = 0, in_rph = 0, status = CF_OK;
	while ((rc = xmlTextReaderRead(pr.r)) == 1) {
		int type = xmlTextReaderNodeType(pr.r);
		if (type == XML_READER_TYPE_ELEMENT) {
			const char *n = lname(pr.r);
			int empty = xmlTextReaderIsEmptyElement(pr.r);
			if (!strcmp(n, "si")) {
				strbuf_reset(&tmp);
				in_si = !empty;
				if (empty && sst_push(b, &tmp))
					status = CF_EINPUT;
			} else if (in_si && !strcmp(n, "rPh")) {
				in_rph = !empty;
			} else if (in_si && !strcmp(n, "t")) {
				in_t = !empty;
			}
		} else if (type == XML_READER_TYPE_END_ELEMENT) {
			const char *n = lname(pr.r);
			if (!strcmp(n, "t"))
				in_t = 0;
			else if (!strcmp(n, "rPh"))
				in_rph = 0;
			else if (!strcmp(n, "si") && in_si) {
				in_si = 0;
				if (sst_push(b, &tmp))
					status = CF_EINPUT;
			}
		} else if (in_t && !in_rph && is_text_node(type)) {
			const char *v = (const char *)xmlTextReaderConstValue(pr.r);
			if (v && strbuf_adds(&tmp, v))
				status = CF_EINPUT;
		}
		if (status)
			break;
	}
	if (status)
		cf_error_at(err, CF_EINPUT, b->path, 0, NULL, NULL,
			    "the shared strings (%s) exceed %zu MiB or memory ran out after %zu strings: "
			    "the workbook is too large to read; save the sheet as CSV", b->shared_part,
			    XLSX_MAX_SHARED_BYTES >> 20, b->nsst);
	else if (rc < 0)
		status = part_fail(b, &pr, "cannot read the shared strings", err);
	strbuf_release(&tmp);
	part_close(&pr);
	return status;
}

/* --- sheets ---------------------------------------------------------------- */

enum cell_kind { K_NUMBER, K_SHARED, K_STR, K_INLINE, K_BOOL, K_ERROR, K_DATE };

struct pending_cell {
	int col;
	const char *direct;   /* a shared string, or NULL: the text is at off in row text */
	size_t off;
	int is_number, is_date;
};

struct sheet_state {
	struct xlsx_book *b;
	const char *sheet;            /* name, for messages */
	struct strbuf text;           /* this row's copied values */
	struct strbuf val;            /* the current cell's raw <v> or <is> text */
	struct pending_cell *cells;   /* owned */
	int ncells, cells_cap;
	struct xlsx_cell *out;        /* owned */
	int out_cap;
	long row;
	int next_col;
	/* the current cell */
	int col;
	enum cell_kind kind;
	long style;
};

static void col_letters(int col, char buf[8])
{
	char tmp[8];
	int n = 0;
	col++;
	while (col > 0 && n < 7) {
		tmp[n++] = (char)('A' + (col - 1) % 26);
		col = (col - 1) / 26;
	}
	for (int i = 0; i < n; i++)
		buf[i] = tmp[n - 1 - i];
	buf[n] = '\0';
}

/* Column of a cell reference "BC12" (0-based), or -1 when it has no letters. */
static int ref_column(const char *ref)
{
	long col = 0;
	int n = 0;
	for (; isalpha((unsigned char)ref[n]); n++) {
		col = col * 26 + (toupper((unsigned char)ref[n]) - 'A' + 1);
		if (col > XLSX_MAX_COLUMNS)
			return XLSX_MAX_COLUMNS;
	}
	return n ? (int)(col - 1) : -1;
}

static int cell_error(struct sheet_state *s, int col, const char *value, const char *why, struct cf_error *err)
{
	char letters[8];
	col_letters(col, letters);
	return cf_error_at(err, CF_EINPUT, s->b->path, s->row, letters, value, "sheet '%s': %s", s->sheet, why);
}

static int trim_number(const char *v, size_t len, const char **start, size_t *n)
{
	while (len && isspace((unsigned char)*v)) {
		v++;
		len--;
	}
	while (len && isspace((unsigned char)v[len - 1]))
		len--;
	*start = v;
	*n = len;
	return 0;
}

static int cell_finish(struct sheet_state *s, struct cf_error *err)
{
	struct xlsx_book *b = s->b;
	if (s->col >= XLSX_MAX_COLUMNS)
		return cell_error(s, XLSX_MAX_COLUMNS - 1, NULL, "a cell beyond column XFD, Excel's last", err);
	struct pending_cell pc = { s->col, NULL, s->text.len, 0, 0 };
	const char *v = strbuf_str(&s->val);
	int bad = 0;
	switch (s->kind) {
	case K_SHARED: {
		const char *t;
		size_t n;
		trim_number(v, s->val.len, &t, &n);
		char *end;
		errno = 0;
		unsigned long idx = n ? strtoul(t, &end, 10) : 0;
		if (n && (errno || end != t + n || idx >= b->nsst))
			return cell_error(s, s->col, v, "refers to a shared string the workbook does not have", err);
		pc.direct = n ? b->sst.buf + b->sst_off[idx] : "";
		break;
	}
	case K_NUMBER: {
		const char *t;
		size_t n;
		trim_number(v, s->val.len, &t, &n);
		bad = strbuf_add(&s->text, t, n);
		pc.is_number = n > 0;
		pc.is_date = n > 0 && s->style >= 0 && (size_t)s->style < b->nxf && b->xf_date[s->style];
		break;
	}
	case K_BOOL: {
		const char *t;
		size_t n;
		trim_number(v, s->val.len, &t, &n);
		if (n == 1 && (t[0] == '1' || t[0] == '0'))
			bad = strbuf_adds(&s->text, t[0] == '1' ? "TRUE" : "FALSE");
		else
			bad = strbuf_add(&s->text, t, n);
		break;
	}
	case K_DATE:
		pc.is_date = s->val.len > 0;
		bad = strbuf_add(&s->text, v, s->val.len);
		break;
	case K_ERROR:
		bad = strbuf_add(&s->text, v, s->val.len);
		break;
	case K_STR:
	case K_INLINE:
		bad = add_decoded(&s->text, v, s->val.len);
		break;
	}
	if (bad || strbuf_addc(&s->text, '\0'))
		return cell_error(s, s->col, NULL, "the row holds more text than caseflow reads in one row", err);
	if (s->ncells == s->cells_cap) {
		int nc = s->cells_cap ? s->cells_cap * 2 : 64;
		struct pending_cell *c = realloc(s->cells, sizeof *c * (size_t)nc);
		if (!c)
			return cf_error_set(err, CF_EIO, "out of memory");
		s->cells = c;
		s->cells_cap = nc;
	}
	if (s->ncells >= XLSX_MAX_COLUMNS * 2)
		return cell_error(s, s->col, NULL, "the row has more cells than Excel allows", err);
	s->cells[s->ncells++] = pc;
	s->next_col = s->col + 1;
	return CF_OK;
}

static int row_emit(struct sheet_state *s, xlsx_row_fn fn, void *ctx, struct cf_error *err)
{
	int width = 0;
	for (int i = 0; i < s->ncells; i++) {
		const struct pending_cell *pc = &s->cells[i];
		const char *t = pc->direct ? pc->direct : s->text.buf + pc->off;
		if (t[0] && pc->col + 1 > width)
			width = pc->col + 1;
	}
	if (width == 0)
		return CF_OK;   /* a fully empty row */
	if (width > s->out_cap) {
		int nc = s->out_cap ? s->out_cap : 64;
		while (nc < width)
			nc *= 2;
		struct xlsx_cell *o = realloc(s->out, sizeof *o * (size_t)nc);
		if (!o)
			return cf_error_set(err, CF_EIO, "out of memory");
		s->out = o;
		s->out_cap = nc;
	}
	for (int c = 0; c < width; c++)
		s->out[c] = (struct xlsx_cell){ "", 0, 0 };
	for (int i = 0; i < s->ncells; i++) {
		const struct pending_cell *pc = &s->cells[i];
		if (pc->col >= width)
			continue;
		s->out[pc->col].text = pc->direct ? pc->direct : s->text.buf + pc->off;
		s->out[pc->col].is_number = pc->is_number;
		s->out[pc->col].is_date = pc->is_date;
	}
	return fn(ctx, s->row, s->out, width, err);
}

static enum cell_kind kind_of(const char *t)
{
	if (!t || !strcmp(t, "n"))
		return K_NUMBER;
	if (!strcmp(t, "s"))
		return K_SHARED;
	if (!strcmp(t, "inlineStr"))
		return K_INLINE;
	if (!strcmp(t, "b"))
		return K_BOOL;
	if (!strcmp(t, "e"))
		return K_ERROR;
	if (!strcmp(t, "d"))
		return K_DATE;
	return K_STR;
}

/* The r, t and s attributes of a <row> or <c>, copied into short buffers
 * without allocating (this runs for every cell). A value too long for its
 * buffer is cut short, which makes it invalid where it matters (r). */
struct cell_attrs {
	char r[24], t[16], s[16];
	int has_r, has_t, has_s;
};

/* snprintf(dst, size, "%s", v) without the formatting machinery: three
 * attributes of every cell of a sheet come through here. */
static void attr_copy(char *dst, size_t size, const char *v)
{
	size_t n = strnlen(v, size - 1);
	memcpy(dst, v, n);
	dst[n] = '\0';
}

static void cell_attrs_read(xmlTextReaderPtr r, struct cell_attrs *a)
{
	a->has_r = a->has_t = a->has_s = 0;
	if (xmlTextReaderMoveToFirstAttribute(r) != 1)
		return;
	do {
		const char *ln = (const char *)xmlTextReaderConstLocalName(r);
		const char *v = (const char *)xmlTextReaderConstValue(r);
		if (!ln || !v || ln[1])
			continue;
		if (ln[0] == 'r') {
			attr_copy(a->r, sizeof a->r, v);
			a->has_r = 1;
		} else if (ln[0] == 't') {
			attr_copy(a->t, sizeof a->t, v);
			a->has_t = 1;
		} else if (ln[0] == 's') {
			attr_copy(a->s, sizeof a->s, v);
			a->has_s = 1;
		}
	} while (xmlTextReaderMoveToNextAttribute(r) == 1);
	xmlTextReaderMoveToElement(r);
}

/* One element-start in <sheetData>. */
static int on_element(struct sheet_state *s, xmlTextReaderPtr r, const char *n, int *in_row, int *in_cell,
		      int *in_v, int *in_is, int *in_t, int *in_rph, xlsx_row_fn fn, void *ctx, struct cf_error *err)
{
	int empty = xmlTextReaderIsEmptyElement(r);
	if (!strcmp(n, "row")) {
		struct cell_attrs at;
		cell_attrs_read(r, &at);
		const char *rv = at.has_r ? at.r : NULL;
		long row = s->row + 1;
		if (rv) {
			char *end;
			errno = 0;
			row = strtol(rv, &end, 10);
			if (errno || end == rv || *end || row < 1)
				return cf_error_at(err, CF_EINPUT, s->b->path, s->row + 1, NULL, rv,
						   "sheet '%s': a row number that is not a positive whole number", s->sheet);
		}
		s->row = row;
		s->ncells = 0;
		s->next_col = 0;
		strbuf_reset(&s->text);
		*in_row = !empty;
		return empty ? row_emit(s, fn, ctx, err) : CF_OK;
	}
	if (!*in_row)
		return CF_OK;
	if (!strcmp(n, "c")) {
		struct cell_attrs at;
		cell_attrs_read(r, &at);
		int col = at.has_r ? ref_column(at.r) : -1;
		s->col = col >= 0 ? col : s->next_col;
		s->kind = kind_of(at.has_t ? at.t : NULL);
		s->style = at.has_s ? strtol(at.s, NULL, 10) : 0;
		strbuf_reset(&s->val);
		*in_cell = !empty;
		*in_v = *in_is = *in_t = *in_rph = 0;
		return empty ? cell_finish(s, err) : CF_OK;
	}
	if (!*in_cell || empty)
		return CF_OK;
	if (!strcmp(n, "v"))
		*in_v = 1;
	else if (!strcmp(n, "is"))
		*in_is = 1;
	else if (*in_is && !strcmp(n, "rPh"))
		*in_rph = 1;
	else if (*in_is && !strcmp(n, "t"))
		*in_t = 1;
	return CF_OK;
}

int xlsx_sheet_read(struct xlsx_book *b, int sheet, xlsx_row_fn fn, void *ctx, struct cf_error *err)
{
	if (sheet < 0 || sheet >= b->nsheets)
		return cf_error_at(err, CF_EINPUT, b->path, 0, NULL, NULL,
				  "the workbook has no sheet number %d (it has %d)", sheet + 1, b->nsheets);
	const struct xlsx_sheet *sh = &b->sheets[sheet];
	if (!sh->part)
		return cf_error_at(err, CF_EINPUT, b->path, 0, NULL, NULL,
				  "sheet '%s' is listed but the workbook does not say where its data is", sh->name);
	int rc = shared_load(b, err);
	if (rc)
		return rc;
	struct part_reader pr;
	int o = part_open(b, sh->part, &pr, err);
	if (o < 0)
		return err->status;
	if (o == 0)
		return cf_error_at(err, CF_EINPUT, b->path, 0, NULL, NULL,
				  "sheet '%s' is missing: its part %s is not in the zip", sh->name, sh->part);
	struct sheet_state s;
	memset(&s, 0, sizeof s);
	s.b = b;
	s.sheet = sh->name;
	strbuf_init(&s.text, XLSX_MAX_ROW_BYTES);
	strbuf_init(&s.val, XLSX_MAX_ROW_BYTES);
	int in_data = 0, in_row = 0, in_cell = 0, in_v = 0, in_is = 0, in_t = 0, in_rph = 0, xr;
	int status = CF_OK;
	while (!status && (xr = xmlTextReaderRead(pr.r)) == 1) {
		int type = xmlTextReaderNodeType(pr.r);
		if (type == XML_READER_TYPE_ELEMENT) {
			const char *n = lname(pr.r);
			if (!in_data)
				in_data = !strcmp(n, "sheetData") && !xmlTextReaderIsEmptyElement(pr.r);
			else
				status = on_element(&s, pr.r, n, &in_row, &in_cell, &in_v, &in_is, &in_t, &in_rph,
						    fn, ctx, err);
		} else if (type == XML_READER_TYPE_END_ELEMENT && in_data) {
			const char *n = lname(pr.r);
			if (!strcmp(n, "v"))
				in_v = 0;
			else if (!strcmp(n, "t"))
				in_t = 0;
			else if (!strcmp(n, "rPh"))
				in_rph = 0;
			else if (!strcmp(n, "is"))
				in_is = 0;
			else if (!strcmp(n, "c") && in_cell) {
				in_cell = 0;
				status = cell_finish(&s, err);
			} else if (!strcmp(n, "row") && in_row) {
				in_row = 0;
				status = row_emit(&s, fn, ctx, err);
			} else if (!strcmp(n, "sheetData")) {
				break;   /* the rest (merges, print settings) holds no values */
			}
		} else if (in_cell && (in_v || (in_is && in_t && !in_rph)) && is_text_node(type)) {
			const char *v = (const char *)xmlTextReaderConstValue(pr.r);
			if (v && strbuf_adds(&s.val, v))
				status = cell_error(&s, s.col, NULL, "a cell holds more text than caseflow reads", err);
		}
	}
	if (!status && xr < 0) {
		char what[300];
		snprintf(what, sizeof what, "cannot read sheet '%s'", sh->name);
		status = part_fail(b, &pr, what, err);
	}
	part_close(&pr);
	strbuf_release(&s.text);
	strbuf_release(&s.val);
	free(s.cells);
	free(s.out);
	return status;
}

/* --- dates --------------------------------------------------------------- */

int xlsx_serial_to_date(double serial, cf_date *out)
{
	if (!(serial >= 1.0) || serial >= 2958466.0)
		return -1;   /* also NaN */
	long days = (long)floor(serial);
	if (days == 60)
		return -1;   /* 29 February 1900 never happened */
	/* serial 1 = 1900-01-01; from 61 on, one more to undo the phantom leap day */
	cf_date epoch = cf_date_from_ymd(1899, 12, days < 60 ? 31 : 30);
	*out = epoch + (cf_date)days;
	return 0;
}
