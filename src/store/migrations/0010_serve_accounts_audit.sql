-- caseflow serve: its users (Argon2id hashes, never passwords), their
-- localities, sessions (a hash of the token, never the token), failed
-- logins for throttling, and the audit log, which nothing may change or
-- delete once written (the triggers refuse UPDATE and DELETE).
CREATE TABLE serve_users (
	name TEXT PRIMARY KEY,
	role TEXT NOT NULL CHECK (role IN ('admin', 'analyst', 'manager', 'locality', 'viewer')),
	pwhash TEXT NOT NULL,
	disabled INTEGER NOT NULL DEFAULT 0,
	created_at TEXT NOT NULL,
	changed_at TEXT NOT NULL
);
CREATE TABLE serve_user_localities (
	user TEXT NOT NULL REFERENCES serve_users(name),
	locality TEXT NOT NULL,
	PRIMARY KEY (user, locality)
);
CREATE TABLE serve_sessions (
	token_hash TEXT PRIMARY KEY,      -- hex SHA-256 of the cookie's token
	user TEXT NOT NULL REFERENCES serve_users(name),
	csrf TEXT NOT NULL,
	created_at INTEGER NOT NULL,      -- Unix seconds
	last_seen INTEGER NOT NULL
);
CREATE INDEX serve_sessions_user ON serve_sessions(user);
CREATE TABLE serve_login_failures (
	user TEXT NOT NULL,               -- as typed ('' when not a possible name)
	addr TEXT NOT NULL,               -- the client's address
	at INTEGER NOT NULL               -- Unix seconds
);
CREATE INDEX serve_login_failures_user ON serve_login_failures(user, at);
CREATE INDEX serve_login_failures_addr ON serve_login_failures(addr, at);
CREATE TABLE audit_log (
	id INTEGER PRIMARY KEY,
	at TEXT NOT NULL,                 -- UTC, ISO 8601
	user TEXT,                        -- NULL before login
	addr TEXT,                        -- the client's address
	action TEXT NOT NULL,             -- login, login_failed, forbidden, view_child, export, user_add ...
	target TEXT,                      -- the page, or the user changed
	detail TEXT,                      -- which children and how many, the role given ...
	status INTEGER                    -- the HTTP status answered
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
