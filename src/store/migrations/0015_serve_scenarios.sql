-- caseflow serve: forecast scenarios saved from /forecast, each its
-- owner's, or shared with the council (every user who may see /forecast).
-- params is the forecast's parameters as the server writes them, one
-- name=value a line; the server checks them again whenever it runs one.
CREATE TABLE serve_scenarios (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	owner TEXT NOT NULL REFERENCES serve_users(name),
	shared INTEGER NOT NULL DEFAULT 0 CHECK (shared IN (0, 1)),
	params TEXT NOT NULL,
	saved_at TEXT NOT NULL,           -- UTC, ISO 8601
	UNIQUE (owner, name)
);
