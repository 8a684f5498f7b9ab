/* Sending the API payloads with libcurl: an OAuth2 client-credentials
 * token, then each batch POSTed, 429 retried after a wait, 413 answered by
 * halving the batch, and each accepted record recorded in the store. */
#include "outputs/api_payload.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>

#include "base/strbuf.h"
#include "store/api_sent.h"

#define SEND_TRIES 6

struct creds {
	char token_url[1024], client_id[256], client_secret[512], scope[512], token[4096];
};

/* Read key=value lines; the file is the only place a secret is given. */
static int creds_read(const char *path, struct creds *c, struct cf_error *err)
{
	memset(c, 0, sizeof *c);
	if (!path)
		return cf_error_set(err, CF_EUSAGE,
				    "sending needs the OAuth2 client credentials: --credentials FILE or "
				    "CASEFLOW_API_CREDENTIALS (never on the command line)");
	FILE *fp = fopen(path, "r");
	if (!fp)
		return cf_error_at(err, CF_EIO, path, 0, NULL, NULL, "cannot read the credentials file");
	char line[4200];
	long n = 0;
	while (fgets(line, sizeof line, fp)) {
		n++;
		line[strcspn(line, "\r\n")] = '\0';
		char *eq = strchr(line, '=');
		if (!eq || line[0] == '#')
			continue;
		*eq = '\0';
		const char *k = line, *v = eq + 1;
		struct { const char *k; char *dst; size_t size; } keys[] = {
			{ "token_url", c->token_url, sizeof c->token_url }, { "client_id", c->client_id, sizeof c->client_id },
			{ "client_secret", c->client_secret, sizeof c->client_secret }, { "scope", c->scope, sizeof c->scope },
			{ "token", c->token, sizeof c->token },
		};
		for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
			if (!strcmp(k, keys[i].k))
				snprintf(keys[i].dst, keys[i].size, "%s", v);
	}
	fclose(fp);
	if (!c->token[0] && !(c->token_url[0] && c->client_id[0] && c->client_secret[0]))
		return cf_error_at(err, CF_EINPUT, path, n, NULL, NULL,
				   "give token_url=, client_id= and client_secret= (or token=) in the credentials file");
	return CF_OK;
}

static size_t collect(char *data, size_t size, size_t n, void *ctx)
{
	struct strbuf *sb = ctx;
	return strbuf_add(sb, data, size * n) ? 0 : size * n;
}

struct answer {
	long status;
	long retry_after;         /* seconds; -1 when not given */
	struct strbuf body;
};

static size_t header(char *data, size_t size, size_t n, void *ctx)
{
	struct answer *a = ctx;
	size_t len = size * n;
	if (len > 12 && !strncasecmp(data, "Retry-After:", 12))
		a->retry_after = strtol(data + 12, NULL, 10);
	return len;
}

/* One POST; the status and body in *a. CF_EIO when no answer came. */
static int post(CURL *h, const char *url, const char *type, const char *bearer, const char *body, size_t len,
		struct answer *a, struct cf_error *err)
{
	struct curl_slist *hdr = NULL;
	char auth[4200];
	hdr = curl_slist_append(hdr, type);
	if (bearer) {
		snprintf(auth, sizeof auth, "Authorization: Bearer %s", bearer);
		hdr = curl_slist_append(hdr, auth);
	}
	strbuf_reset(&a->body);
	a->status = 0;
	a->retry_after = -1;
	curl_easy_reset(h);
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdr);
	curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, collect);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, &a->body);
	curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, header);
	curl_easy_setopt(h, CURLOPT_HEADERDATA, a);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, 120L);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	CURLcode c = curl_easy_perform(h);
	curl_slist_free_all(hdr);
	if (c != CURLE_OK)
		return cf_error_set(err, CF_EIO, "%s: %s", url, curl_easy_strerror(c));
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &a->status);
	return CF_OK;
}

/* The access_token of an OAuth2 token answer (a JSON object). */
static int token_of(const char *json, char *out, size_t size)
{
	const char *p = strstr(json, "\"access_token\"");
	if (!p || !(p = strchr(p + 14, ':')))
		return -1;
	p++;
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	if (*p++ != '"')
		return -1;
	size_t n = strcspn(p, "\"\\");
	if (p[n] != '"' || n == 0 || n + 1 > size)
		return -1;
	memcpy(out, p, n);
	out[n] = '\0';
	return 0;
}

/* Form-encode s onto sb. */
static void form(CURL *h, struct strbuf *sb, const char *k, const char *v)
{
	char *e = curl_easy_escape(h, v, 0);
	strbuf_addf(sb, "%s%s=%s", sb->len ? "&" : "", k, e ? e : "");
	curl_free(e);
}

static int fetch_token(CURL *h, struct creds *c, struct answer *a, struct cf_error *err)
{
	if (c->token[0])
		return CF_OK;
	struct strbuf body = STRBUF_INIT;
	form(h, &body, "grant_type", "client_credentials");
	form(h, &body, "client_id", c->client_id);
	form(h, &body, "client_secret", c->client_secret);
	if (c->scope[0])
		form(h, &body, "scope", c->scope);
	int rc = post(h, c->token_url, "Content-Type: application/x-www-form-urlencoded", NULL, strbuf_str(&body), body.len,
		      a, err);
	strbuf_release(&body);
	if (rc)
		return rc;
	if (a->status != 200 || token_of(strbuf_str(&a->body), c->token, sizeof c->token))
		return cf_error_set(err, CF_EIO, "%s: the token service answered %ld without an access_token", c->token_url,
				    a->status);
	return CF_OK;
}

static void now_iso(char out[32])
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Send records [first, first + n) as one body, halving on 413. */
static int send_range(CURL *h, struct store *st, int la_code, const char *url, struct creds *c,
		      struct api_payload_result *r, long first, long n, struct answer *a, struct cf_error *err)
{
	struct strbuf body = STRBUF_INIT;
	strbuf_addc(&body, '[');
	for (long k = first; k < first + n; k++)
		strbuf_addf(&body, "%s%s", k > first ? "," : "", r->records[k].json);
	strbuf_addc(&body, ']');
	int rc = CF_OK, renewed = 0;
	for (int attempt = 0;; attempt++) {
		if ((rc = post(h, url, "Content-Type: application/json", c->token, strbuf_str(&body), body.len, a, err)))
			break;
		/* a token that expired during a long send: a new one, once */
		if (a->status == 401 && c->token_url[0] && !renewed) {
			renewed = 1;
			c->token[0] = '\0';
			if ((rc = fetch_token(h, c, a, err)))
				break;
			continue;
		}
		if (a->status == 429 && attempt + 1 < SEND_TRIES) {
			long wait = a->retry_after >= 0 ? a->retry_after : 1L << attempt;
			struct timespec ts = { wait > 60 ? 60 : wait, 0 };
			nanosleep(&ts, NULL);
			continue;
		}
		break;
	}
	strbuf_release(&body);
	if (rc)
		return rc;
	if (a->status == 413 && n > 1) {
		long half = n / 2;
		rc = send_range(h, st, la_code, url, c, r, first, half, a, err);
		return rc ? rc : send_range(h, st, la_code, url, c, r, first + half, n - half, a, err);
	}
	if (a->status != 200 && a->status != 204)
		return cf_error_set(err, CF_EIO, "%s answered %ld to a batch of %ld records%s", url, a->status, n,
				    a->status == 429 ? " after every retry" : a->status == 401 || a->status == 403
				    ? " (check the credentials)" : "");
	char at[32];
	now_iso(at);
	for (long k = first; k < first + n && !rc; k++) {
		struct api_sent_record s = { r->records[k].child, r->records[k].digest, r->records[k].episodes,
					     r->records[k].purge };
		rc = api_sent_put(st, la_code, &s, at, err);
		r->sent++;
	}
	return rc;
}

int api_payload_send(struct store *st, int la_code, const char *url, const char *credentials,
		     struct api_payload_result *r, struct cf_error *err)
{
	struct creds *c = malloc(sizeof *c);
	if (!c)
		return cf_error_set(err, CF_EIO, "out of memory");
	int rc = creds_read(credentials, c, err);
	if (rc) {
		free(c);
		return rc;
	}
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		free(c);
		return cf_error_set(err, CF_EIO, "cannot start libcurl");
	}
	CURL *h = curl_easy_init();
	struct answer a = { 0, -1, STRBUF_INIT };
	if (!h)
		rc = cf_error_set(err, CF_EIO, "cannot start libcurl");
	if (!rc && r->nrecords)
		rc = fetch_token(h, c, &a, err);
	char endpoint[2048];
	size_t ul = strlen(url);
	snprintf(endpoint, sizeof endpoint, "%.*s/children_social_care_data/%d/children",
		 (int)(ul && url[ul - 1] == '/' ? ul - 1 : ul), url, la_code);
	for (long i = 0; !rc && i < r->nrecords; i += API_BATCH_MAX) {
		long n = r->nrecords - i < API_BATCH_MAX ? r->nrecords - i : API_BATCH_MAX;
		rc = send_range(h, st, la_code, endpoint, c, r, i, n, &a, err);
	}
	memset(c, 0, sizeof *c);   /* the secret does not outlive the send */
	free(c);
	strbuf_release(&a.body);
	if (h)
		curl_easy_cleanup(h);
	curl_global_cleanup();
	return rc;
}
