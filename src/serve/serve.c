/* caseflow serve: the daemon (libmicrohttpd), one request's life (body with
 * a cap, session, route and role check, reply with the security headers,
 * one log line) and the route table. */
#include "serve/serve_int.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "outputs/html.h"
#include "outputs/report.h"
#include "store/audit.h"

void serve_options_init(struct serve_options *o)
{
	memset(o, 0, sizeof *o);
	o->listen = "127.0.0.1:8080";
	o->idle_timeout_s = 30 * 60;
	o->conn_timeout_s = 10;
	o->suppress = 5;
	o->max_body = 64 * 1024;
	o->max_upload = 64L * 1024 * 1024;
	o->threads = 4;
}

/* --- responses ---------------------------------------------------------------- */

static const char csp[] = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
			  "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

int reply(struct request *rq, int status, const char *content_type, const char *body, size_t len)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(len, (void *)body, MHD_RESPMEM_MUST_COPY);
	if (!r)
		return MHD_NO;
	MHD_add_response_header(r, "Content-Type", content_type);
	MHD_add_response_header(r, "Content-Security-Policy", csp);
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	MHD_add_response_header(r, "Referrer-Policy", "same-origin");
	MHD_add_response_header(r, "Cache-Control", "no-store");
	if (rq->srv->https)
		MHD_add_response_header(r, "Strict-Transport-Security", "max-age=31536000");
	if (rq->set_cookie[0])
		MHD_add_response_header(r, "Set-Cookie", rq->set_cookie);
	if (rq->download) {
		char cd[128];
		snprintf(cd, sizeof cd, "attachment; filename=\"%s\"", rq->download);
		MHD_add_response_header(r, "Content-Disposition", cd);
	}
	if (status == 303)
		MHD_add_response_header(r, "Location", body);
	int ret = MHD_queue_response(rq->conn, (unsigned)status, r);
	MHD_destroy_response(r);
	rq->status = status;
	rq->responded = 1;
	return ret;
}

int reply_redirect(struct request *rq, const char *location)
{
	/* reply() sends the body as the Location too: a body of the bare path */
	return reply(rq, 303, "text/plain; charset=utf-8", location, strlen(location));
}

int reply_page(struct request *rq, int status, const char *title, const struct strbuf *body)
{
	struct strbuf sb = STRBUF_INIT;
	int bad = strbuf_adds(&sb, "<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\">"
				  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><link rel=\"icon\" href=\"data:,\"><title>");
	bad |= html_text(&sb, title);
	bad |= strbuf_adds(&sb, " · caseflow</title><link rel=\"stylesheet\" href=\"/static/report.css\"></head><body>"
				"<header class=\"top\"><h1>Children's services: Vital Signs</h1>");
	if (rq->authed) {
		bad |= strbuf_adds(&sb, "<p>");
		bad |= html_textf(&sb, "%s (%s)", rq->acct.name, rq->acct.role);
		bad |= strbuf_adds(&sb, "</p>");
		bad |= strbuf_adds(&sb, "</header><nav class=\"site\"><a href=\"/\">Vital Signs</a><a href=\"/benchmark\">Benchmarks</a>");
		if (rq->role != R_LOCALITY)
			bad |= strbuf_adds(&sb, "<a href=\"/forecast\">Forecast</a><a href=\"/programme\">Programme</a>"
						"<a href=\"/quality\">Data quality</a>");
		if (rq->role & (R_ADMIN | R_ANALYST))
			bad |= strbuf_adds(&sb, "<a href=\"/upload\">Load returns</a><a href=\"/validate\">Validate</a>");
		if (rq->role & R_ADMIN)
			bad |= strbuf_adds(&sb, "<a href=\"/admin/users\">Users</a><a href=\"/admin/audit\">Audit log</a>");
		bad |= strbuf_addf(&sb, "<form method=\"post\" action=\"/logout\" class=\"inline\">"
					"<input type=\"hidden\" name=\"csrf\" value=\"%s\"><button type=\"submit\">Log out</button></form>",
				   rq->sess.csrf);
		bad |= strbuf_adds(&sb, "</nav>");
	} else {
		bad |= strbuf_adds(&sb, "</header>");
	}
	bad |= strbuf_adds(&sb, "<main>");
	bad |= strbuf_add(&sb, strbuf_str(body), body->len);
	bad |= strbuf_adds(&sb, "</main><footer>caseflow serve · aggregate figures unless your role allows child-level "
				"records; every view of them is audited.</footer></body></html>\n");
	int ret = bad ? reply(rq, 500, "text/plain; charset=utf-8", "out of memory\n", 14)
		      : reply(rq, status, "text/html; charset=utf-8", sb.buf, sb.len);
	strbuf_release(&sb);
	return ret;
}

int reply_made(struct request *rq, int rc, struct cf_error *err, const char *title, const struct strbuf *body)
{
	if (!rc)
		return reply_page(rq, 200, title, body);
	cf_error_print(err);
	return reply_message(rq, 500, "Server error", "The page could not be made; the server's log says why.");
}

int reply_message(struct request *rq, int status, const char *title, const char *msg)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_adds(&sb, "<section class=\"panel\"><h2>");
	html_text(&sb, title);
	strbuf_adds(&sb, "</h2><p>");
	html_text(&sb, msg);
	strbuf_adds(&sb, "</p></section>");
	int ret = reply_page(rq, status, title, &sb);
	strbuf_release(&sb);
	return ret;
}

/* --- requests ---------------------------------------------------------------- */

const char *req_query(struct request *rq, const char *name)
{
	return MHD_lookup_connection_value(rq->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *req_cookie(struct request *rq, const char *name)
{
	return MHD_lookup_connection_value(rq->conn, MHD_COOKIE_KIND, name);
}

static int hexval(int c) { return isdigit(c) ? c - '0' : tolower(c) - 'a' + 10; }

/* Decode one urlencoded value [s, s+len) into buf. */
static void url_decode(const char *s, size_t len, char *buf, size_t size)
{
	size_t o = 0;
	for (size_t i = 0; i < len && o + 1 < size; i++) {
		char c = s[i];
		if (c == '+')
			c = ' ';
		else if (c == '%' && i + 2 < len + 0 && isxdigit((unsigned char)s[i + 1]) && isxdigit((unsigned char)s[i + 2])) {
			c = (char)(hexval((unsigned char)s[i + 1]) * 16 + hexval((unsigned char)s[i + 2]));
			i += 2;
		}
		buf[o++] = c;
	}
	buf[o] = '\0';
}

int req_form(struct request *rq, const char *name, char *buf, size_t size)
{
	const char *p = strbuf_str(&rq->body), *end = p + rq->body.len;
	size_t n = strlen(name);
	buf[0] = '\0';
	while (p < end) {
		const char *amp = memchr(p, '&', (size_t)(end - p));
		const char *stop = amp ? amp : end;
		if ((size_t)(stop - p) > n && p[n] == '=' && memcmp(p, name, n) == 0) {
			url_decode(p + n + 1, (size_t)(stop - p - (long)n - 1), buf, size);
			return 0;
		}
		p = stop + 1;
	}
	return -1;
}

/* --- routes ---------------------------------------------------------------- */

struct route {
	const char *method;
	const char *path;         /* exact, or a prefix ending in '/' when prefix */
	int prefix;
	int roles;                /* 0: no login needed */
	int post_csrf;            /* POST: the session's CSRF token is required */
	int api;                  /* JSON: an unauthenticated request is 401, not a redirect */
	const char *log_as;       /* what the log shows for the path (prefix routes hide their tail) */
	int (*page)(struct request *rq);
	int (*page_id)(struct request *rq, const char *id);
	int parallel;             /* runs outside the server's lock, reading through its thread's own connection */
};

/* The report's style sheet, and what the server's own forms and navigation need. */
static const char serve_css[] =
	"nav.site a,nav.site form{margin-right:14px}form.inline{display:inline}"
	"form.choose{grid-column:1/-1;display:flex;gap:10px;align-items:end;flex-wrap:wrap;margin:0 0 8px}"
	"form.choose label,form.login label{display:block;font-size:12px}"
	"form.login{max-width:320px}form.login input{width:100%;margin:2px 0 8px}"
	"main>section.panel{margin-bottom:12px}"
	/* the report lays half panels side by side for 1280 px; below that, one a row */
	"@media (max-width:1180px){section.panel.half{grid-column:1/-1}.fig{flex-wrap:wrap}.fig figure{max-width:100%!important}section.panel{overflow-x:auto}}";

static int page_css(struct request *rq)
{
	struct strbuf sb = STRBUF_INIT;
	int bad = strbuf_adds(&sb, report_css) | strbuf_adds(&sb, serve_css);
	int ret = bad ? reply(rq, 500, "text/plain", "", 0) : reply(rq, 200, "text/css; charset=utf-8", sb.buf, sb.len);
	strbuf_release(&sb);
	return ret;
}

static const struct route routes[] = {
	{ "GET", "/static/report.css", 0, 0, 0, 0, NULL, page_css, NULL, 1 },
	{ "GET", "/login", 0, 0, 0, 0, NULL, page_login_get, NULL, 0 },
	{ "POST", "/login", 0, 0, 0, 0, NULL, page_login_post, NULL, 0 },
	{ "POST", "/logout", 0, R_ANY, 1, 0, NULL, page_logout, NULL, 0 },
	{ "GET", "/", 0, R_ANY, 0, 0, NULL, page_dashboard, NULL, 1 },
	{ "GET", "/indicator/", 1, R_ANY, 0, 0, "/indicator/ID", NULL, page_indicator, 0 },
	{ "GET", "/child/", 1, R_CHILD_LEVEL, 0, 0, "/child/ID", NULL, page_child, 0 },
	{ "GET", "/upload", 0, R_ADMIN | R_ANALYST, 0, 0, NULL, page_upload, NULL, 0 },
	/* multipart: the token is a field of the upload, checked by the page */
	{ "POST", "/upload", 0, R_ADMIN | R_ANALYST, 0, 0, NULL, page_upload_post, NULL, 0 },
	{ "GET", "/validate", 0, R_ADMIN | R_ANALYST, 0, 0, NULL, page_validate, NULL, 0 },
	{ "POST", "/validate", 0, R_ADMIN | R_ANALYST, 0, 0, NULL, page_validate_post, NULL, 0 },
	/* whole-authority figures: not the locality role's */
	/* a run reads through its own connection, outside the lock; saving writes under it */
	{ "GET", "/forecast", 0, R_ANY & ~R_LOCALITY, 0, 0, NULL, page_forecast, NULL, 1 },
	{ "POST", "/forecast", 0, R_ADMIN | R_ANALYST | R_MANAGER, 1, 0, NULL, page_forecast_post, NULL, 0 },
	/* its own connection, outside the lock: a long run holds up no other page */
	{ "GET", "/api/forecast", 0, R_ANY & ~R_LOCALITY, 0, 1, NULL, page_api_forecast, NULL, 1 },
	{ "GET", "/programme", 0, R_ANY & ~R_LOCALITY, 0, 0, NULL, page_programme, NULL, 0 },
	/* its own connection, outside the lock: benefit actuals count the store's data */
	{ "GET", "/api/programme", 0, R_ANY & ~R_LOCALITY, 0, 1, NULL, page_api_programme, NULL, 1 },
	/* whole-authority; the locality role's data quality is the analysts' to chase */
	{ "GET", "/quality", 0, R_ANY & ~R_LOCALITY, 0, 0, NULL, page_quality, NULL, 0 },
	{ "GET", "/api/quality", 0, R_ANY & ~R_LOCALITY, 0, 1, NULL, page_api_quality, NULL, 0 },
	{ "GET", "/benchmark", 0, R_ANY, 0, 0, NULL, page_benchmark, NULL, 0 },
	{ "GET", "/api/benchmark", 0, R_ANY, 0, 1, NULL, page_api_benchmark, NULL, 0 },
	{ "GET", "/api/kpi", 0, R_ANY, 0, 1, NULL, page_api_kpi, NULL, 1 },
	/* child-level: under the lock, as it names files from the store and writes the audit */
	{ "GET", "/api/records", 0, R_CHILD_LEVEL, 0, 1, NULL, page_api_records, NULL, 0 },
	{ "GET", "/api/summary", 0, R_ADMIN | R_ANALYST | R_MANAGER, 0, 1, NULL, page_api_summary, NULL, 0 },
	{ "GET", "/admin/users", 0, R_ADMIN, 0, 0, NULL, page_admin_users, NULL, 0 },
	{ "POST", "/admin/users", 0, R_ADMIN, 1, 0, NULL, page_admin_users_post, NULL, 0 },
	{ "GET", "/admin/audit", 0, R_ADMIN, 0, 0, NULL, page_admin_audit, NULL, 0 },
	{ "GET", "/admin/audit.csv", 0, R_ADMIN, 0, 0, NULL, page_admin_audit_csv, NULL, 0 },
	{ NULL, NULL, 0, 0, 0, 0, NULL, NULL, NULL, 0 },
};

/* Under the server's lock: the session, the role and the CSRF token; -1
 * when the page may run, else the refusal's reply. */
static int access_refused(struct request *rq, const struct route *match)
{
	if (!match->roles)
		return -1;
	auth_load_session(rq);
	if (!rq->authed) {
		if (match->api)
			return reply(rq, 401, "application/json", "{\"error\":\"log in first\"}\n", 24);
		return reply_redirect(rq, "/login");
	}
	if (!(match->roles & rq->role)) {
		audit(rq, "forbidden", rq->url, rq->method, 403);
		return match->api ? reply(rq, 403, "application/json", "{\"error\":\"forbidden\"}\n", 22)
				  : reply_message(rq, 403, "Forbidden", "Your role does not allow this page.");
	}
	if (match->post_csrf && !auth_csrf_ok(rq)) {
		audit(rq, "csrf_refused", rq->log_path, rq->method, 403);
		return reply_message(rq, 403, "Forbidden", "The form's security token is missing or wrong: reload the page and try again.");
	}
	return -1;
}

static int dispatch(struct request *rq)
{
	const struct route *match = NULL;
	int path_known = 0;
	for (const struct route *r = routes; r->method; r++) {
		size_t n = strlen(r->path);
		int hit = r->prefix ? strncmp(rq->url, r->path, n) == 0 && rq->url[n] && !strchr(rq->url + n, '/')
				    : strcmp(rq->url, r->path) == 0;
		if (!hit)
			continue;
		path_known = 1;
		rq->log_path = r->log_as ? r->log_as : r->path;
		if (strcmp(rq->method, r->method) == 0) {
			match = r;
			break;
		}
	}
	if (!match) {
		if (!path_known)
			rq->log_path = "(unknown)";
		return path_known ? reply_message(rq, 405, "Not allowed", "That method is not allowed here.")
				  : reply_message(rq, 404, "Not found", "There is no such page.");
	}
	struct server *srv = rq->srv;
	pthread_mutex_lock(&srv->lock);
	int ret = access_refused(rq, match);
	if (ret < 0) {
		if (match->parallel)
			pthread_mutex_unlock(&srv->lock);
		ret = match->page ? match->page(rq) : match->page_id(rq, rq->url + strlen(match->path));
		if (!match->parallel)
			pthread_mutex_unlock(&srv->lock);
	} else {
		pthread_mutex_unlock(&srv->lock);
	}
	if (rq->data_held) {
		pthread_rwlock_unlock(&srv->data_lock);
		rq->data_held = 0;
	}
	return ret;
}

/* --- the daemon ---------------------------------------------------------------- */

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
				  const char *version, const char *upload_data, size_t *upload_data_size, void **con_cls)
{
	struct server *srv = cls;
	struct request *rq = *con_cls;
	if (!rq) {
		if (!(rq = calloc(1, sizeof *rq)))
			return MHD_NO;
		rq->srv = srv;
		rq->conn = conn;
		rq->method = method;
		rq->url = url;
		rq->is_post = strcmp(method, "POST") == 0;
		/* what the log shows before a route is found (a refused body): never an ID */
		rq->log_path = !strncmp(url, "/child/", 7) ? "/child/ID" : !strncmp(url, "/indicator/", 11) ? "/indicator/ID" : url;
		strbuf_init(&rq->body, (size_t)srv->opt->max_body);
		clock_gettime(CLOCK_MONOTONIC, &rq->start);
		const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
		if (ci && ci->client_addr && ci->client_addr->sa_family == AF_INET)
			inet_ntop(AF_INET, &((const struct sockaddr_in *)ci->client_addr)->sin_addr, rq->addr, sizeof rq->addr);
		else if (ci && ci->client_addr && ci->client_addr->sa_family == AF_INET6)
			inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)ci->client_addr)->sin6_addr, rq->addr, sizeof rq->addr);
		else
			snprintf(rq->addr, sizeof rq->addr, "-");
		/* behind a proxy on this machine: the client is the last address the
		 * proxy appended (earlier ones are whatever the client claimed) */
		const char *xff = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Forwarded-For");
		if (srv->opt->trust_proxy && xff && (!strcmp(rq->addr, "127.0.0.1") || !strcmp(rq->addr, "::1"))) {
			const char *last = strrchr(xff, ',');
			last = last ? last + 1 : xff;
			while (*last == ' ')
				last++;
			unsigned char bin[16];
			char ip[64];
			snprintf(ip, sizeof ip, "%.*s", (int)strcspn(last, " "), last);
			if (inet_pton(AF_INET, ip, bin) == 1 || inet_pton(AF_INET6, ip, bin) == 1)
				snprintf(rq->addr, sizeof rq->addr, "%s", ip);
		}
		*con_cls = rq;
		rq->up_fd = -1;
		int upload = rq->is_post && (strcmp(url, "/upload") == 0 || strcmp(url, "/validate") == 0);
		const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
		if (cl && strtoll(cl, NULL, 10) > (upload ? srv->opt->max_upload : srv->opt->max_body))
			rq->too_big = 1;
		if (upload && !rq->too_big) {
			/* files are kept only for a user who may upload; others' are read and dropped */
			pthread_mutex_lock(&srv->lock);
			auth_load_session(rq);
			pthread_mutex_unlock(&srv->lock);
			if (rq->authed && (rq->role & (R_ADMIN | R_ANALYST)) && upload_begin(rq))
				rq->up_bad = 1;
		}
		return MHD_YES;
	}
	if (*upload_data_size) {
		if (rq->pp)
			upload_feed(rq, upload_data, *upload_data_size);
		else if (rq->is_post && (strcmp(rq->url, "/upload") == 0 || strcmp(rq->url, "/validate") == 0)) {
			/* not someone who may upload: read and dropped, answered at the end */
			if ((rq->up_bytes += (long long)*upload_data_size) > srv->opt->max_upload)
				rq->too_big = 1;
		}
		else if (!rq->too_big && !rq->up_bad && strbuf_add(&rq->body, upload_data, *upload_data_size))
			rq->too_big = 1;
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (rq->responded)
		return MHD_YES;
	if (rq->too_big)
		return reply_message(rq, 413, "Too large", "The request is larger than this server accepts.");
	int ret = dispatch(rq);
	return ret == MHD_YES ? MHD_YES : MHD_NO;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls, enum MHD_RequestTerminationCode toe)
{
	struct request *rq = *con_cls;
	if (!rq)
		return;
	struct timespec end;
	clock_gettime(CLOCK_MONOTONIC, &end);
	double ms = (double)(end.tv_sec - rq->start.tv_sec) * 1e3 + (double)(end.tv_nsec - rq->start.tv_nsec) / 1e6;
	time_t now = time(NULL);
	struct tm tm;
	char when[32];
	gmtime_r(&now, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	/* the route, never a child's ID or the query string */
	fprintf(stderr, "%s %s %s %s %s %d %.1fms%s\n", when, rq->addr, rq->authed ? rq->acct.name : "-", rq->method,
		rq->log_path, rq->status, ms, toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " (connection ended early)");
	upload_release(rq);
	strbuf_release(&rq->body);
	free(rq);
	*con_cls = NULL;
}

/* HOST:PORT, HOST an IPv4 address or an IPv6 one in brackets ([::1]:8080). */
static int parse_listen(const char *s, struct sockaddr_storage *ss, struct cf_error *err)
{
	char host[64];
	const char *colon = strrchr(s, ':'), *h = s;
	size_t hlen = colon ? (size_t)(colon - s) : 0;
	int v6 = s[0] == '[';
	memset(ss, 0, sizeof *ss);
	if (v6) {
		/* the brackets keep the address's own colons apart from the port's */
		if (!colon || hlen < 2 || s[hlen - 1] != ']')
			return cf_error_at(err, CF_EUSAGE, NULL, 0, "--listen", s, "use [ADDRESS]:PORT for IPv6, e.g. [::1]:8080");
		h = s + 1;
		hlen -= 2;
	}
	if (!colon || hlen >= sizeof host)
		return cf_error_at(err, CF_EUSAGE, NULL, 0, "--listen", s, "use HOST:PORT, e.g. 127.0.0.1:8080 or [::1]:8080");
	snprintf(host, sizeof host, "%.*s", (int)hlen, h);
	char *end;
	long port = strtol(colon + 1, &end, 10);
	if (!colon[1] || *end || port < 0 || port > 65535)
		return cf_error_at(err, CF_EUSAGE, NULL, 0, "--listen", s, "the port must be 0 to 65535");
	if (v6) {
		struct sockaddr_in6 *sa = (struct sockaddr_in6 *)ss;
		sa->sin6_family = AF_INET6;
		sa->sin6_port = htons((unsigned short)port);
		if (inet_pton(AF_INET6, host, &sa->sin6_addr) != 1)
			return cf_error_at(err, CF_EUSAGE, NULL, 0, "--listen", s, "not an IPv6 address in the brackets, e.g. [::1] or [::]");
		return CF_OK;
	}
	struct sockaddr_in *sa = (struct sockaddr_in *)ss;
	sa->sin_family = AF_INET;
	sa->sin_port = htons((unsigned short)port);
	if (inet_pton(AF_INET, host, &sa->sin_addr) != 1)
		return cf_error_at(err, CF_EUSAGE, NULL, 0, "--listen", s,
				   "the host must be an IPv4 address (127.0.0.1, 0.0.0.0) or an IPv6 one in brackets ([::1], [::])");
	return CF_OK;
}

/* The connection each pool thread reads through, and the server it is for. */
static _Thread_local struct store *thread_reader;
static _Thread_local const struct server *thread_reader_srv;

struct store *serve_reader(struct server *srv, struct cf_error *err)
{
	if (thread_reader && thread_reader_srv == srv)
		return thread_reader;
	struct store *st = NULL;
	pthread_mutex_lock(&srv->readers_lock);
	if (srv->nreaders >= (int)(sizeof srv->readers / sizeof srv->readers[0]))
		cf_error_set(err, CF_EIO, "more threads than the server keeps connections for");
	else if (!store_open(&st, store_path(srv->st), 1, err))
		srv->readers[srv->nreaders++] = st;
	pthread_mutex_unlock(&srv->readers_lock);
	if (st) {
		thread_reader = st;
		thread_reader_srv = srv;
	}
	return st;
}

static char *read_file(const char *path, struct cf_error *err)
{
	FILE *fp = fopen(path, "rb");
	struct strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t n;
	if (!fp) {
		cf_error_at(err, CF_EINPUT, path, 0, NULL, NULL, "cannot read: %s", strerror(errno));
		return NULL;
	}
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
		if (strbuf_add(&sb, buf, n))
			break;
	fclose(fp);
	return strbuf_detach(&sb, NULL);
}

int serve_run(const struct serve_options *o, struct cf_error *err)
{
	struct sockaddr_storage sa;
	int rc;
	if ((rc = parse_listen(o->listen, &sa, err)))
		return rc;
	if (sodium_init() < 0)
		return cf_error_set(err, CF_EIO, "libsodium cannot start");
	if (!o->tls_cert != !o->tls_key)
		return cf_error_set(err, CF_EUSAGE, "--tls-cert and --tls-key go together");
	struct server srv = { .opt = o, .tls = o->tls_cert != NULL };
	srv.https = srv.tls || (o->base_url && strncmp(o->base_url, "https://", 8) == 0);
	char *cert = NULL, *key = NULL;
	if (srv.tls) {
		if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES)
			return cf_error_set(err, CF_EIO, "this libmicrohttpd has no TLS: run behind a reverse proxy (docs/serve.md)");
		if (!(cert = read_file(o->tls_cert, err)) || !(key = read_file(o->tls_key, err))) {
			free(cert);
			return CF_EINPUT;
		}
	}
	if ((rc = store_open(&srv.st, o->db, 0, err))) {
		free(cert);
		free(key);
		return rc;
	}
	pthread_mutex_init(&srv.lock, NULL);
	pthread_mutex_init(&srv.cache_lock, NULL);
	pthread_mutex_init(&srv.readers_lock, NULL);
	pthread_rwlock_init(&srv.data_lock, NULL);

	/* SIGTERM and SIGINT are waited for by this thread alone: block them
	 * before MHD starts its threads, which inherit the mask */
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);

	/* MHD_USE_AUTO: epoll on Linux, where select() and poll() walk all 200
	 * of a busy pool's connections on every wake-up */
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ERROR_LOG;
	if (srv.tls)
		flags |= MHD_USE_TLS;
	if (sa.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	struct MHD_OptionItem tls_opts[] = {
		{ MHD_OPTION_HTTPS_MEM_CERT, 0, cert },
		{ MHD_OPTION_HTTPS_MEM_KEY, 0, key },
		{ MHD_OPTION_END, 0, NULL },
	};
	struct MHD_Daemon *d = MHD_start_daemon(
		flags, 0, NULL, NULL, on_request, &srv,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned)(o->threads > 0 ? o->threads : 1),
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)o->conn_timeout_s,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)1000,
		MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)400,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, &srv,
		MHD_OPTION_ARRAY, srv.tls ? tls_opts : tls_opts + 2,
		MHD_OPTION_END);
	if (!d) {
		rc = cf_error_at(err, CF_EIO, NULL, 0, "--listen", o->listen,
				 "cannot listen there (in use, or not this machine's address)%s", srv.tls ? ", or the certificate or key is not PEM" : "");
		pthread_sigmask(SIG_UNBLOCK, &stop, NULL);
		goto out_lock;
	}
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	char host[INET6_ADDRSTRLEN + 2], a[INET6_ADDRSTRLEN];
	unsigned port;
	if (sa.ss_family == AF_INET6) {
		const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *)&sa;
		inet_ntop(AF_INET6, &s6->sin6_addr, a, sizeof a);
		snprintf(host, sizeof host, "[%s]", a);   /* as a URL writes it */
		port = ntohs(s6->sin6_port);
	} else {
		const struct sockaddr_in *s4 = (const struct sockaddr_in *)&sa;
		inet_ntop(AF_INET, &s4->sin_addr, host, sizeof host);
		port = ntohs(s4->sin_port);
	}
	fprintf(stderr, "caseflow serve: listening on %s://%s:%u/%s%s\n", srv.tls ? "https" : "http", host,
		di && di->port ? di->port : port, o->base_url ? " as " : "", o->base_url ? o->base_url : "");
	fflush(stderr);
	int sig = 0;
	sigwait(&stop, &sig);
	fprintf(stderr, "caseflow serve: %s: stopping\n", sig == SIGTERM ? "SIGTERM" : "SIGINT");
	MHD_stop_daemon(d);
	pthread_sigmask(SIG_UNBLOCK, &stop, NULL);
	fprintf(stderr, "caseflow serve: stopped\n");
out_lock:
	serve_data_forget(&srv);
	/* the pool's threads have ended: their connections are nobody's */
	for (int i = 0; i < srv.nreaders; i++)
		store_close(srv.readers[i]);
	pthread_rwlock_destroy(&srv.data_lock);
	pthread_mutex_destroy(&srv.readers_lock);
	pthread_mutex_destroy(&srv.cache_lock);
	pthread_mutex_destroy(&srv.lock);
	store_close(srv.st);
	if (key)
		sodium_memzero(key, strlen(key));
	free(cert);
	free(key);
	return rc;
}
