/* /upload: returns loaded into the store through the ingest API, one
 * transaction per return. The files stream to a private folder as they
 * arrive (capped by --max-upload); nothing reaches the store until the
 * whole request is in and its CSRF token checked, so a refused, oversized
 * or interrupted upload changes nothing. */
#include "serve/serve_int.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "outputs/html.h"
#include "store/ingest.h"

#define UPLOAD_MAX_FILES 64

/* A file name safe in our folder: the last path part, letters, digits, . _ -
 * only, not starting with a dot. 0, or -1 when nothing is left. */
static int safe_name(const char *sent, char *out, size_t size)
{
	const char *base = sent;
	for (const char *p = sent; *p; p++)
		if (*p == '/' || *p == '\\')
			base = p + 1;
	size_t o = 0;
	for (const char *p = base; *p && o + 1 < size; p++) {
		char c = *p;
		out[o++] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ? c : '_';
	}
	out[o] = '\0';
	while (out[0] == '.')
		memmove(out, out + 1, strlen(out));
	return out[0] ? 0 : -1;
}

static void close_file(struct request *rq)
{
	if (rq->up_fd >= 0)
		close(rq->up_fd);
	rq->up_fd = -1;
}

static enum MHD_Result on_field(void *cls, enum MHD_ValueKind kind, const char *key, const char *filename,
				const char *content_type, const char *transfer_encoding, const char *data, uint64_t off,
				size_t size)
{
	struct request *rq = cls;
	if (!key || rq->up_bad)
		return MHD_NO;
	if (!filename) {
		char *dst = !strcmp(key, "csrf") ? rq->up_csrf : !strcmp(key, "year") ? rq->up_year
			  : !strcmp(key, "return") ? rq->up_kind : !strcmp(key, "format") ? rq->up_format : NULL;
		size_t cap = !strcmp(key, "csrf") ? sizeof rq->up_csrf : !strcmp(key, "year") ? sizeof rq->up_year
			   : !strcmp(key, "return") ? sizeof rq->up_kind : sizeof rq->up_format;
		if (dst) {
			size_t have = strlen(dst);
			if (have + size >= cap)
				return MHD_NO;
			memcpy(dst + have, data, size);
			dst[have + size] = '\0';
		}
		return MHD_YES;
	}
	if (strcmp(key, "files") != 0)
		return MHD_YES;
	if (off == 0 || strcmp(filename, rq->up_name) != 0) {
		close_file(rq);
		char name[100], path[400];
		if (rq->up_nfiles == UPLOAD_MAX_FILES || safe_name(filename, name, sizeof name)) {
			rq->up_bad = 1;
			return MHD_NO;
		}
		if (!rq->up_dir[0]) {
			const char *tmp = getenv("TMPDIR");
			snprintf(rq->up_dir, sizeof rq->up_dir, "%s/caseflow-upload-XXXXXX", tmp && *tmp ? tmp : "/tmp");
			if (!mkdtemp(rq->up_dir)) {
				rq->up_dir[0] = '\0';
				rq->up_bad = 1;
				return MHD_NO;
			}
		}
		/* two files of one name keep both: the second gets a number */
		snprintf(path, sizeof path, "%s/%s", rq->up_dir, name);
		rq->up_fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0600);
		if (rq->up_fd < 0 && errno == EEXIST) {
			snprintf(path, sizeof path, "%s/%d-%s", rq->up_dir, rq->up_nfiles, name);
			rq->up_fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0600);
		}
		if (rq->up_fd < 0) {
			rq->up_bad = 1;
			return MHD_NO;
		}
		snprintf(rq->up_name, sizeof rq->up_name, "%s", filename);
		rq->up_nfiles++;
	}
	rq->up_bytes += (long long)size;
	if (rq->up_bytes > rq->srv->opt->max_upload) {
		rq->too_big = 1;
		return MHD_NO;
	}
	for (size_t done = 0; done < size;) {
		ssize_t w = write(rq->up_fd, data + done, size - done);
		if (w <= 0) {
			rq->up_bad = 1;
			return MHD_NO;
		}
		done += (size_t)w;
	}
	return MHD_YES;
}

int upload_begin(struct request *rq)
{
	rq->up_fd = -1;
	rq->pp = MHD_create_post_processor(rq->conn, 64 * 1024, on_field, rq);
	return rq->pp ? 0 : -1;    /* NULL: not multipart/form-data (or urlencoded) */
}

int upload_feed(struct request *rq, const char *data, size_t size)
{
	if (!rq->pp || rq->up_bad || rq->too_big)
		return -1;
	return MHD_post_process(rq->pp, data, size) == MHD_YES ? 0 : -1;
}

void upload_release(struct request *rq)
{
	close_file(rq);
	if (rq->pp)
		MHD_destroy_post_processor(rq->pp);
	rq->pp = NULL;
	if (!rq->up_dir[0])
		return;
	DIR *d = opendir(rq->up_dir);
	if (d) {
		struct dirent *e;
		char path[600];
		while ((e = readdir(d)))
			if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
				snprintf(path, sizeof path, "%s/%s", rq->up_dir, e->d_name);
				unlink(path);
			}
		closedir(d);
	}
	rmdir(rq->up_dir);
	rq->up_dir[0] = '\0';
}

static int upload_form(struct request *rq, struct strbuf *sb)
{
	return strbuf_addf(sb, "<section class=\"panel\"><h2>Load returns</h2><p class=\"note\">SSDA903 (CSV or XML), CIN "
			       "census, Annex A, workforce and local extracts, as 'caseflow ingest' loads them: each return in "
			       "one transaction, so a return that fails changes nothing. At most %ld MB in all.</p>"
			       "<form class=\"login\" method=\"post\" action=\"/upload\" enctype=\"multipart/form-data\">"
			       "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
			       "<label for=\"year\">Collection year (e.g. 2023-24; blank: from the files)</label>"
			       "<input id=\"year\" name=\"year\">"
			       "<label for=\"files\">Files</label><input id=\"files\" name=\"files\" type=\"file\" multiple required>"
			       "<button type=\"submit\">Load</button></form></section>",
			   rq->srv->opt->max_upload / (1024 * 1024), rq->sess.csrf);
}

int page_upload(struct request *rq)
{
	struct strbuf sb = STRBUF_INIT;
	upload_form(rq, &sb);
	int ret = reply_page(rq, 200, "Load returns", &sb);
	strbuf_release(&sb);
	return ret;
}

/* "2023-24" or "2024" as the year a collection ends; 0 when blank, -1 when neither. */
static int parse_year(const char *s)
{
	int a, b;
	char end;
	if (!*s)
		return 0;
	if (sscanf(s, "%4d-%2d%c", &a, &b, &end) == 2 && a > 1990 && a < 2100 && (a + 1) % 100 == b)
		return a + 1;
	if (sscanf(s, "%4d%c", &a, &end) == 1 && a > 1990 && a < 2100)
		return a;
	return -1;
}

int page_upload_post(struct request *rq)
{
	if (strlen(rq->up_csrf) != 64 || sodium_memcmp(rq->up_csrf, rq->sess.csrf, 64) != 0) {
		audit(rq, "csrf_refused", "/upload", "upload dropped", 403);
		return reply_message(rq, 403, "Forbidden", "The form's security token is missing or wrong: reload the page and try again.");
	}
	int year = parse_year(rq->up_year);
	if (rq->up_bad || year < 0 || !rq->up_nfiles)
		return reply_message(rq, 400, "Bad request",
				     year < 0 ? "The collection year is 2023-24 or 2024." : "Send one or more files, with plain names.");
	close_file(rq);
	struct ingest_options opt = { .collection_year = year, .loaded_by = rq->acct.name, .quiet = 1 };
	struct ingest_report rep = { 0 };
	struct cf_error err;
	cf_error_clear(&err);
	char *paths[1] = { rq->up_dir };
	int rc = ingest_paths(rq->srv->st, paths, 1, &opt, &rep, &err);
	/* the figures are made again on the next page: the returns register changed (serve_data) */
	long loaded = 0, rows = 0;
	struct strbuf sb = STRBUF_INIT;
	strbuf_adds(&sb, "<section class=\"panel\"><h2>What was loaded</h2><table class=\"data\"><thead><tr>"
			 "<th scope=\"col\">file</th><th scope=\"col\">kind</th><th scope=\"col\">status</th>"
			 "<th scope=\"col\" class=\"num\">rows stored</th><th scope=\"col\" class=\"num\">issues</th>"
			 "<th scope=\"col\">note</th></tr></thead><tbody>");
	for (int i = 0; i < rep.nentries; i++) {
		const struct ingest_entry *e = &rep.entries[i];
		const char *base = strrchr(e->path, '/');
		loaded += strcmp(e->status, "loaded") == 0;
		rows += e->rows_stored;
		strbuf_adds(&sb, "<tr><td>");
		html_text(&sb, base ? base + 1 : e->path);
		strbuf_adds(&sb, "</td><td>");
		html_text(&sb, e->kind);
		strbuf_adds(&sb, "</td><td>");
		html_text(&sb, e->status);
		strbuf_addf(&sb, "</td><td class=\"num\">%ld</td><td class=\"num\">%ld</td><td>", e->rows_stored, e->issues);
		html_text(&sb, e->note);
		strbuf_adds(&sb, "</td></tr>");
	}
	strbuf_adds(&sb, "</tbody></table>");
	if (rc) {
		strbuf_adds(&sb, "<p class=\"note\" role=\"alert\">");
		html_text(&sb, rc == CF_EINPUT ? "A return was rejected: nothing of it was stored (the others were)."
					       : "The store failed: the return being loaded was rolled back.");
		strbuf_adds(&sb, "</p>");
		if (rc != CF_EINPUT)
			cf_error_print(&err);
	}
	strbuf_adds(&sb, "</section>");
	char detail[200];
	snprintf(detail, sizeof detail, "%d files, %lld bytes; %ld tables loaded, %d returns rejected, %ld rows",
		 rq->up_nfiles, rq->up_bytes, loaded, rep.rejected, rows);
	int status = rc == CF_OK ? 200 : rc == CF_EINPUT ? 422 : 500;
	audit(rq, "upload", "/upload", detail, status);
	ingest_report_release(&rep);
	int ret = reply_page(rq, status, "Load returns", &sb);
	strbuf_release(&sb);
	return ret;
}
