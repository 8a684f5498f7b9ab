/* /validate: DfE's validation rules on an uploaded SSDA903 return (CSV
 * tables or XML) or CIN census, as `caseflow validate FILES` runs them: the
 * findings on the page, or the workbook to download. Nothing is stored;
 * the files are removed with the request, and the run is audited. */
#include "serve/serve_int.h"

#include <dirent.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "outputs/html.h"
#include "outputs/render.h"
#include "outputs/validate_xlsx.h"
#include "store/ingest.h"
#include "validate/validate.h"

#define VALIDATE_PAGE_ROWS 500

int page_validate(struct request *rq)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "<section class=\"panel\"><h2>Validate a return</h2><p class=\"note\">DfE's validation rules for "
			 "the collection year, as 'caseflow validate' runs them. Nothing is stored. UPNs are withheld and "
			 "postcodes shown as sectors.</p>"
			 "<form class=\"login\" method=\"post\" action=\"/validate\" enctype=\"multipart/form-data\">"
			 "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
			 "<label for=\"return\">Return</label><select id=\"return\" name=\"return\"><option value=\"ssda903\">"
			 "SSDA903 (CSV tables or XML)</option><option value=\"cin\">CIN census (XML)</option></select>"
			 "<label for=\"year\">Collection year (e.g. 2023-24; blank: the census's reference date, a year in a file's name, else the return's latest dates)</label>"
			 "<input id=\"year\" name=\"year\">"
			 "<label for=\"format\">Findings</label><select id=\"format\" name=\"format\"><option value=\"html\">on this "
			 "page</option><option value=\"xlsx\">as a workbook</option></select>"
			 "<label for=\"files\">Files</label><input id=\"files\" name=\"files\" type=\"file\" multiple required>"
			 "<button type=\"submit\">Validate</button></form></section>",
		    rq->sess.csrf);
	int ret = reply_page(rq, 200, "Validate a return", &sb);
	strbuf_release(&sb);
	return ret;
}

/* The uploaded files' paths (sorted); *paths is the caller's (free each and it). */
static int list_files(const char *dir, char ***paths, int *n)
{
	*paths = NULL;
	*n = 0;
	DIR *d = opendir(dir);
	if (!d)
		return -1;
	struct dirent *e;
	int cap = 0;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			char **p = realloc(*paths, (size_t)cap * sizeof *p);
			if (!p)
				break;
			*paths = p;
		}
		size_t len = strlen(dir) + strlen(e->d_name) + 2;
		if (!((*paths)[*n] = malloc(len)))
			break;
		snprintf((*paths)[*n], len, "%s/%s", dir, e->d_name);
		(*n)++;
	}
	closedir(d);
	for (int i = 1; i < *n; i++)   /* few files: insertion sort */
		for (int j = i; j > 0 && strcmp((*paths)[j - 1], (*paths)[j]) > 0; j--) {
			char *t = (*paths)[j];
			(*paths)[j] = (*paths)[j - 1];
			(*paths)[j - 1] = t;
		}
	return 0;
}

static int reply_workbook(struct request *rq, struct vdata *vd, struct validate_report *rep, struct cf_error *err)
{
	char path[300];
	snprintf(path, sizeof path, "%s/.findings.xlsx", rq->up_dir);
	struct cf_table *tables[] = { rep->summary, rep->findings, rep->rules };
	struct validate_xlsx_ctx x = { vd, rep, NULL };
	int rc = render_tables_xlsx(tables, 3, path, validate_xlsx_sheets, &x, err);
	FILE *fp = rc ? NULL : fopen(path, "rb");
	struct strbuf sb;
	strbuf_init(&sb, 256u * 1024 * 1024);
	char buf[65536];
	size_t got;
	while (fp && (got = fread(buf, 1, sizeof buf, fp)) > 0)
		if (strbuf_add(&sb, buf, got))
			rc = cf_error_set(err, CF_EIO, "the workbook is too large");
	if (fp)
		fclose(fp);
	unlink(path);
	rq->download = "findings.xlsx";
	int ret = rc ? -1
		     : reply(rq, 200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", sb.buf, sb.len);
	strbuf_release(&sb);
	return ret;
}

int page_validate_post(struct request *rq)
{
	if (strlen(rq->up_csrf) != 64 || sodium_memcmp(rq->up_csrf, rq->sess.csrf, 64) != 0) {
		audit(rq, "csrf_refused", "/validate", "validation dropped", 403);
		return reply_message(rq, 403, "Forbidden", "The form's security token is missing or wrong: reload the page and try again.");
	}
	int cin = strcmp(rq->up_kind, "cin") == 0, xlsx = strcmp(rq->up_format, "xlsx") == 0;
	int year = rq->up_year[0] ? validate_parse_year(rq->up_year) : 0;
	if (rq->up_bad || year < 0 || !rq->up_nfiles || (cin && rq->up_nfiles != 1))
		return reply_message(rq, 400, "Bad request",
				     year < 0 ? "The collection year is written 2023-24."
					      : cin ? "Send one CIN census file." : "Send the return's files, with plain names.");
	char **paths;
	int n;
	if (list_files(rq->up_dir, &paths, &n) || n != rq->up_nfiles) {
		for (int i = 0; i < n; i++)
			free(paths[i]);
		free(paths);
		return reply_message(rq, 500, "Server error", "The uploaded files could not be read back.");
	}
	struct cf_error err;
	struct vdata vd;
	struct validate_report rep;
	memset(&rep, 0, sizeof rep);
	cf_error_clear(&err);
	vdata_init(&vd);
	int rc = cin ? vload_cin_path(&vd, paths[0], &err) : vload_903_paths(&vd, paths, n, "", &err);
	/* as caseflow validate: the census's reference date; else a year in a
	 * file's name (ssda903_2023_24.xml), else the return's latest dates */
	if (!rc && !year && cin)
		year = vload_cin_year(&vd);
	for (int i = 0; !rc && !year && !cin && i < n; i++)
		year = ingest_year_from_path(strrchr(paths[i], '/') + 1);
	if (!rc && !year && !cin)
		year = vload_infer_year(&vd);
	if (!rc && !year)
		rc = cf_error_set(&err, CF_EINPUT, "cannot tell the collection year: give it (e.g. 2024-25)");
	if (!rc) {
		if (!cin && !vd.meta.file_format)
			vd.meta.file_format = "csv";
		vdata_set_year(&vd, year);
		if (cin && vload_cin_prepare(&vd))
			rc = cf_error_set(&err, CF_EIO, "out of memory");
	}
	struct validate_options opt = { .ret = cin ? VR_CIN : VR_903, .year = year };
	if (!rc)
		rc = validate_run(&vd, &opt, &rep, &err);
	char detail[200];
	int ret;
	if (rc) {
		/* the message names the upload's file, never a value from it beyond what the CLI shows */
		const char *why = err.msg[0] ? err.msg : "the return could not be read";
		snprintf(detail, sizeof detail, "%s, %d files: not read", cin ? "CIN census" : "SSDA903", n);
		audit(rq, "validate", "/validate", detail, 422);
		ret = reply_message(rq, 422, "The return could not be read", why);
	} else {
		snprintf(detail, sizeof detail, "%s %d-%02d, %d files: %d rules ran, %ld findings%s", cin ? "CIN census" : "SSDA903",
			 year - 1, year % 100, n, rep.nran, rep.nfindings, xlsx ? ", workbook downloaded" : "");
		audit(rq, xlsx ? "export" : "validate", "/validate", detail, 200);
		if (xlsx) {
			ret = reply_workbook(rq, &vd, &rep, &err);
			if (ret < 0) {
				cf_error_print(&err);
				ret = reply_message(rq, 500, "Server error", "The workbook could not be made.");
			}
		} else {
			struct strbuf sb = STRBUF_INIT;
			strbuf_adds(&sb, "<section class=\"panel\"><h2>Findings</h2><p class=\"note\">");
			html_textf(&sb, "%d-%02d rules: %d ran, %d skipped; %ld findings%s.", year - 1, year % 100, rep.nran,
				   rep.nskipped, rep.nfindings,
				   rep.nfindings > VALIDATE_PAGE_ROWS ? "; the first 500 are shown, the workbook has all" : "");
			strbuf_adds(&sb, "</p><div class=\"tbl\">");
			html_table(&sb, rep.summary, "Rows failing each rule", "");
			strbuf_adds(&sb, "</div><div class=\"tbl\">");
			struct cf_table *shown = rep.findings;
			size_t all = shown->nrows;
			if (all > VALIDATE_PAGE_ROWS)
				shown->nrows = VALIDATE_PAGE_ROWS;   /* rows are made when read: fewer are read */
			html_table(&sb, shown, "Findings", "");
			shown->nrows = all;
			strbuf_adds(&sb, "</div></section>");
			ret = reply_page(rq, 200, "Findings", &sb);
			strbuf_release(&sb);
		}
	}
	validate_report_release(&rep);
	vdata_release(&vd);
	for (int i = 0; i < n; i++)
		free(paths[i]);
	free(paths);
	return ret;
}
