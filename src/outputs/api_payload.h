/* caseflow api-payload: the request bodies of DfE's daily children's social
 * care data API (openapi.json, POST /children_social_care_data/{la_code}/
 * children: arrays of at most 100 child records) built from the store,
 * each record checked against the contract's constraints before it is
 * written, with caseflow's own checks on what the schema cannot see
 * (duplicates, historic records, identifiers that must not leave, purges),
 * and optionally sent (api_send.c). docs/api-payload.md. */
#ifndef CF_OUTPUTS_API_PAYLOAD_H
#define CF_OUTPUTS_API_PAYLOAD_H

#include "base/date.h"
#include "base/error.h"
#include "base/table.h"
#include "store/store.h"

#define API_BATCH_MAX 100         /* the contract's maxItems */

struct api_payload_request {
	struct store *st;
	int la_code;              /* DfE's 3-digit code, 1..999 */
	cf_date since;            /* only children with a record dated on or after it; CF_DATE_NONE: any */
	cf_date from;             /* episodes closed (placements ended) before it are historic and not sent;
				   * CF_DATE_NONE: 1 April two financial years before the latest date held */
	int all;                  /* 1: every child, not only those changed since the last payload sent */
	const char *out;          /* folder for payload-NNNN.json and report.csv; NULL: none written */
	const char *send_url;     /* NULL: nothing sent */
	const char *credentials;  /* the OAuth2 client credentials file (needed with send_url) */
};

/* One record to send: a child's, or a purge. */
struct api_record {
	char *child;              /* owned */
	char *json;               /* owned: the record as sent */
	char digest[65];          /* hex SHA-256 of json */
	char *episodes;           /* owned: its social_care_episode_ids, space-separated */
	int purge;                /* 1: the child's purge record */
};

struct api_payload_result {
	struct cf_table *report;  /* owned: child, status, why: every child considered */
	struct api_record *records;   /* owned: what is to be sent, in order */
	long nrecords;
	int batches;              /* request bodies written (or to send) */
	long counts[6];           /* by enum api_status */
	long sent;                /* records the API accepted */
	cf_date from;             /* the historic cut-off used */
};

enum api_status { API_INCLUDED, API_HELD_BACK, API_UNCHANGED, API_HISTORIC, API_PURGE, API_NOT_SENT };

/* Build (and with q->send_url, send) the payloads. CF_EINPUT for a code
 * outside 1..999; CF_EIO naming the file or the answer that stopped a send
 * (what was accepted before it stays recorded). *out is released with
 * api_payload_result_release, also after a failure. */
int api_payload_build(const struct api_payload_request *q, struct api_payload_result *out, struct cf_error *err);
void api_payload_result_release(struct api_payload_result *r);

/* --- sending (api_send.c) ------------------------------------------------ */

/* POST each batch of r's records to url's /children_social_care_data/{la}/
 * children with a bearer token from the OAuth2 client credentials in the
 * file (token_url=, client_id=, client_secret=, scope=, one a line; or
 * token= for a token already issued). An answer 429 is retried after its
 * Retry-After (else 1, 2, 4 ... s, at most 6 tries); 413 halves the batch.
 * Each accepted record is recorded in the store (store/api_sent.h). */
int api_payload_send(struct store *st, int la_code, const char *url, const char *credentials,
		     struct api_payload_result *r, struct cf_error *err);

#endif
