-- What caseflow api-payload has sent to DfE's children's social care data
-- API (docs/api-payload.md), per local authority code and child: the
-- digest of the record last sent, so that only changed records go again,
-- and the ids of its social care episodes, so that a record or episode no
-- longer in the store is sent with its purge flag.
CREATE TABLE api_sent (
	la_code INTEGER NOT NULL,
	child TEXT NOT NULL,
	digest TEXT NOT NULL,                 -- SHA-256 of the record's JSON as sent (hex)
	episodes TEXT NOT NULL,               -- its social_care_episode_ids, space-separated
	sent_at TEXT NOT NULL,                -- UTC, ISO 8601
	purged INTEGER NOT NULL DEFAULT 0,    -- 1: the last record sent was the purge
	PRIMARY KEY (la_code, child)
);
