-- Visits to children (docs/families.md "Visits within timescale"): from
-- Annex A's List 6 (the date a child in need was last seen), List 7 (a child
-- protection plan's last statutory visit) and List 8 (a looked-after child's
-- last social work visit), with the list's start and end dates and the
-- allocated team; and the day each Annex A extract describes (its latest
-- key date, as ingest takes its collection year), which visits are timed to.
CREATE TABLE annexa_visits (
	return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE, row INTEGER NOT NULL,
	list INTEGER NOT NULL,                -- 6, 7 or 8
	child TEXT NOT NULL,
	start_date TEXT, end_date TEXT,       -- CIN start and closure, plan start and end, care start and end
	visit_date TEXT,                      -- blank: no visit recorded
	team TEXT);
CREATE INDEX annexa_visits_return ON annexa_visits(return_id);
CREATE TABLE annexa_extracts (
	return_id INTEGER PRIMARY KEY REFERENCES returns(id) ON DELETE CASCADE,
	as_at TEXT NOT NULL);

-- The family programmes' claims the council has made (the sf_claims
-- extract: family, phase as sf_rules.c names it, the day claimed, the
-- amount), beside the claims caseflow finds due: the ledger's made and
-- outstanding. A whole extract: the latest loaded replaces the earlier.
CREATE TABLE sf_claims_made (
	return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE, row INTEGER NOT NULL,
	family_id TEXT NOT NULL, phase TEXT NOT NULL, claim_date TEXT NOT NULL, amount REAL);
CREATE VIEW sf_claims_made_current AS
SELECT * FROM sf_claims_made WHERE return_id = (SELECT max(return_id) FROM sf_claims_made);
