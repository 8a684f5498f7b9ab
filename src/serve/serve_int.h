/* caseflow serve's insides, shared by its files: the server, a request,
 * responses, the route table and the pages. Private to src/serve/. */
#ifndef CF_SERVE_SERVE_INT_H
#define CF_SERVE_SERVE_INT_H

#include <pthread.h>
#include <time.h>

#include "base/strbuf.h"
#include "indicators/indicators.h"
#include "serve/serve.h"
#include "store/accounts.h"
#include "store/store.h"

struct MHD_Connection;

/* What a page returns when it has already queued its reply (MHD_YES). */
#define REPLIED 1

struct server {
	const struct serve_options *opt;
	int tls;                     /* serving HTTPS itself */
	int https;                   /* users reach it over HTTPS (itself, or a proxy's --base-url https://): Secure cookies, HSTS */
	/* The store's writer connection is single-threaded (SQLITE_OPEN_NOMUTEX):
	 * sessions, users, the audit log, uploads and every page but the hot
	 * ones (dashboard, /api/kpi) run under lock. Those read through their
	 * thread's own read-only connection (serve_reader) and take only
	 * data_lock for reading, so they run in parallel (SQLite's WAL). */
	pthread_mutex_t lock;
	struct store *st;
	/* The figures: data, bench, localities and cache, read under data_lock
	 * held for reading (serve_data), replaced under it held for writing. */
	pthread_rwlock_t data_lock;
	struct kpi_data data;
	int data_loaded;
	char data_stamp[128];        /* the returns register's (returns_stamp) when data was loaded */
	struct benchmark_data *bench; /* DfE's published tables, loaded on first use (under lock) */
	char **localities;           /* the store's, for the dashboard's choice; with data */
	int nlocalities;
	/* Dashboards and /api/kpi answers already made, by period, locality and
	 * suppression: the figures change only when the returns do */
	pthread_mutex_t cache_lock;
	struct { char key[160]; char *html; size_t len; } cache[16];
	int cache_next;
	/* each pool thread's read-only connection, closed when the server stops */
	pthread_mutex_t readers_lock;
	struct store *readers[64];
	int nreaders;
	char dummy_hash[160];        /* verified against for unknown users, so timing says nothing */
	/* Live sessions and their users as the store last gave them, so a page
	 * costs no session queries: emptied when this server changes users or
	 * sessions, and when another process commits to the store (caseflow
	 * user disable, passwd), seen through data_version. */
	struct session_slot { char token_hash[65]; struct session sess; struct account acct; } sessions[64];
	int sessions_next;
	long long sessions_version;
};

enum role_bit { R_ADMIN = 1, R_ANALYST = 2, R_MANAGER = 4, R_LOCALITY = 8, R_VIEWER = 16 };
#define R_ANY (R_ADMIN | R_ANALYST | R_MANAGER | R_LOCALITY | R_VIEWER)
#define R_CHILD_LEVEL (R_ADMIN | R_ANALYST | R_LOCALITY)

struct request {
	struct server *srv;
	struct MHD_Connection *conn;
	const char *method, *url;
	int is_post;
	struct strbuf body;          /* capped at opt->max_body */
	int too_big;
	int responded;
	char addr[64];
	struct timespec start;
	/* who: set when the session cookie names a live session */
	int authed;
	int role;                    /* enum role_bit */
	struct account acct;
	struct session sess;
	char token_hash[65];
	const char *log_path;        /* the route as logged: no child IDs */
	int status;
	int data_held;               /* serve_data took data_lock for reading: dispatch lets it go */
	/* a new session cookie to set on the response */
	char set_cookie[256];
	const char *download;         /* a file name: the response is an attachment */
	/* an upload (multipart): files stream to a private folder, never the store */
	struct MHD_PostProcessor *pp;
	char up_dir[256];             /* "" until the first file */
	int up_fd;                    /* the file being written, -1 when none */
	char up_name[128];            /* its field's file name, as sent */
	int up_nfiles;
	long long up_bytes;
	char up_csrf[80], up_year[16], up_kind[16], up_format[8];
	int up_bad;                   /* a name or size refused: the upload is dropped */
};

/* --- responses (serve.c) ---------------------------------------------------- */
/* Queue body (copied) with the security headers; records the status. */
int reply(struct request *rq, int status, const char *content_type, const char *body, size_t len);
int reply_redirect(struct request *rq, const char *location);
/* An HTML page with the site's frame: title, nav for rq's role, body. */
int reply_page(struct request *rq, int status, const char *title, const struct strbuf *body);
/* The page made (rc 0), or a 500 saying the log has why (err printed there). */
int reply_made(struct request *rq, int rc, struct cf_error *err, const char *title, const struct strbuf *body);
/* A short message page (escaped). */
int reply_message(struct request *rq, int status, const char *title, const char *msg);

/* --- requests (serve.c) ------------------------------------------------------ */
const char *req_query(struct request *rq, const char *name);          /* NULL when absent */
/* The value of name in the urlencoded body, decoded into buf; 0 when found. */
int req_form(struct request *rq, const char *name, char *buf, size_t size);
const char *req_cookie(struct request *rq, const char *name);

/* --- sessions and users (serve_auth.c) ------------------------------------- */
void auth_load_session(struct request *rq);
void auth_forget_sessions(struct server *srv);   /* after a change to users or sessions */
int auth_csrf_ok(struct request *rq);            /* the form's csrf matches the session's */
int auth_role_bit(const char *role);
int page_login_get(struct request *rq);
int page_login_post(struct request *rq);
int page_logout(struct request *rq);
void hex_random(char *out, size_t nbytes);       /* 2*nbytes hex digits + NUL */
/* Write an audit row; a failure is logged to stderr (the request goes on). */
void audit(struct request *rq, const char *action, const char *target, const char *detail, int status);

/* --- pages (serve_pages.c, serve_admin.c) ---------------------------------------------------- */
int page_dashboard(struct request *rq);
int page_indicator(struct request *rq, const char *id);
int page_child(struct request *rq, const char *id);
int page_api_kpi(struct request *rq);
int page_api_summary(struct request *rq);
int page_admin_users(struct request *rq);
int page_admin_users_post(struct request *rq);
int page_admin_audit(struct request *rq);
int page_admin_audit_csv(struct request *rq);
int page_upload(struct request *rq);
int page_upload_post(struct request *rq);
int page_benchmark(struct request *rq);
int page_forecast(struct request *rq);
int page_programme(struct request *rq);
int page_api_programme(struct request *rq);   /* serve_programme.c */
int page_api_benchmark(struct request *rq);
int page_validate(struct request *rq);
int page_quality(struct request *rq);
int page_api_quality(struct request *rq);
int page_api_forecast(struct request *rq);
int page_forecast_post(struct request *rq);
/* One of the report's panels for ?period= appended to sb (serve_pages.c);
 * 0, or REPLIED with an error page sent. */
int serve_panel(struct request *rq, const char *id, struct strbuf *sb);
/* 1 when loc is one of the signed-in user's localities (serve_pages.c). */
int user_has_locality(const struct request *rq, const char *loc);
/* {"error": msg} with status (serve_pages.c); msg is caseflow's own text. */
int api_error(struct request *rq, int status, const char *msg);
/* The records behind a figure (serve_records.c): the section under
 * /indicator/ID's trend for roles that see child-level data (0, or -1 out
 * of memory), and /api/records. Both audit what they listed. */
int serve_records_section(struct request *rq, const struct kpi_data *d, int k, const struct kpi_period *p,
			  struct strbuf *sb);
int page_api_records(struct request *rq);
/* Tables as the CLI's --format json writes them, 200 (serve_pages.c). */
int reply_json_tables(struct request *rq, struct cf_table *const *t, int n);
int page_validate_post(struct request *rq);
/* upload plumbing for serve.c: start (first call), feed, and clean up */
int upload_begin(struct request *rq);
int upload_feed(struct request *rq, const char *data, size_t size);
void upload_release(struct request *rq);
/* Forget the loaded figures (takes data_lock for writing: never call it
 * holding serve_data's read lock). */
void serve_data_forget(struct server *srv);
/* The loaded indicators' data, loaded on first use and again when the
 * returns register changes; NULL with a reply sent on failure. Holds
 * data_lock for reading until the request's page returns. */
const struct kpi_data *serve_data(struct request *rq);
/* This thread's read-only connection to the store (opened on first use);
 * NULL with err set. */
struct store *serve_reader(struct server *srv, struct cf_error *err);

#endif
