-- caseflow core schema: provenance (returns, issues), children, and the
-- eleven SSDA903 tables. Every source table carries return_id and row so a
-- figure can be traced to the file and row it came from. Later sources
-- (CIN census, Annex A, workforce, localities, finance) add their own
-- tables in later migrations, keyed on the same child ID.

-- Each loaded file. kind is e.g. 'ssda903.episodes', 'ssda903.xml'.
-- collection_year is the year the collection ends (2024 for 2023-24), as
-- DfE's time_period; NULL when unknown.
CREATE TABLE returns (
	id INTEGER PRIMARY KEY,
	path TEXT NOT NULL,
	kind TEXT NOT NULL,
	collection_year INTEGER,
	sha256 TEXT NOT NULL,
	bytes INTEGER NOT NULL,
	rows INTEGER NOT NULL,
	issues INTEGER NOT NULL DEFAULT 0,
	loaded_at TEXT NOT NULL,
	loaded_by TEXT,
	UNIQUE (sha256, kind)
);

-- Every row-level problem found on load: the row is kept with its raw value.
CREATE TABLE issues (
	id INTEGER PRIMARY KEY,
	return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE,
	tbl TEXT NOT NULL,
	row INTEGER,             -- as analysts count it: the header is row 1
	line INTEGER,            -- physical line in the file
	child TEXT,
	column_name TEXT,
	value TEXT,
	kind TEXT NOT NULL,      -- 'bad_date', 'unknown_code', 'bad_number', 'bad_postcode', 'short_row', 'missing_value'
	message TEXT NOT NULL
);
CREATE INDEX issues_return ON issues(return_id);

-- One row per child seen in any source: the link between sources. The
-- characteristics are those of the most recent return that gave them.
CREATE TABLE children (
	child TEXT PRIMARY KEY,
	sex TEXT,
	dob TEXT,
	ethnicity TEXT,
	source_year INTEGER,
	first_return_id INTEGER REFERENCES returns(id),
	last_return_id INTEGER REFERENCES returns(id)
) WITHOUT ROWID;

CREATE TABLE ssda903_header (
	return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE, row INTEGER NOT NULL,
	child TEXT, sex TEXT, dob TEXT, ethnic TEXT, upn TEXT, mother TEXT, mc_dob TEXT);
CREATE TABLE ssda903_episodes (
	return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE, row INTEGER NOT NULL,
	child TEXT, decom TEXT, rne TEXT, ls TEXT, cin TEXT, place TEXT, place_provider TEXT,
	dec TEXT, rec TEXT, reason_place_change TEXT,
	home_post TEXT, pl_post TEXT,   -- postcode sectors only, never full postcodes
	urn TEXT);
CREATE TABLE ssda903_reviews (
	return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE, row INTEGER NOT NULL,
	child TEXT, dob TEXT, review TEXT, review_code TEXT);
CREATE TABLE ssda903_uasc (
	return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE, row INTEGER NOT NULL,
	child TEXT, sex TEXT, dob TEXT, duc TEXT);
CREATE TABLE ssda903_oc2 (
	return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE, row INTEGER NOT NULL,
	child TEXT, dob TEXT, sdq_score TEXT, sdq_reason TEXT, convicted TEXT, health_check TEXT,
	immunisations TEXT, teeth_check TEXT, health_assessment TEXT, substance_misuse TEXT,
	intervention_received TEXT, intervention_offered TEXT);
CREATE TABLE ssda903_oc3 (
	return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE, row INTEGER NOT NULL,
	child TEXT, dob TEXT, in_touch TEXT, activ TEXT, accom TEXT);
CREATE TABLE ssda903_ad1 (
	return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE, row INTEGER NOT NULL,
	child TEXT, dob TEXT, date_int TEXT, date_match TEXT, foster_care TEXT, nb_adoptr TEXT,
	sex_adoptr TEXT, ls_adoptr TEXT);
CREATE TABLE ssda903_placed_for_adoption (
	return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE, row INTEGER NOT NULL,
	child TEXT, dob TEXT, date_placed TEXT, date_placed_ceased TEXT, reason_placed_ceased TEXT);
CREATE TABLE ssda903_previous_permanence (
	return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE, row INTEGER NOT NULL,
	child TEXT, dob TEXT, prev_perm TEXT, la_perm TEXT, date_perm TEXT);
CREATE TABLE ssda903_missing (
	return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE, row INTEGER NOT NULL,
	child TEXT, dob TEXT, missing TEXT, mis_start TEXT, mis_end TEXT);
CREATE TABLE ssda903_social_worker_episodes (
	return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE, row INTEGER NOT NULL,
	child TEXT, dob TEXT, sw_id TEXT, sw_decom TEXT, sw_dec TEXT, sw_reason TEXT);

CREATE INDEX ssda903_episodes_key ON ssda903_episodes(child, decom);
CREATE INDEX ssda903_header_child ON ssda903_header(child);

-- The current version of each episode: several returns hold the same
-- episode (CHILD, DECOM); the one from the latest collection year wins
-- (the later load of that year on a tie). Older versions stay in
-- ssda903_episodes as history.
CREATE VIEW episodes AS
SELECT child, decom, rne, ls, cin, place, place_provider, dec, rec, reason_place_change,
       home_post, pl_post, urn, return_id, row, collection_year
FROM (SELECT e.*, r.collection_year,
             row_number() OVER (PARTITION BY e.child, e.decom
                                ORDER BY r.collection_year DESC, e.return_id DESC) AS version
      FROM ssda903_episodes e JOIN returns r ON r.id = e.return_id
      WHERE e.child IS NOT NULL AND e.decom IS NOT NULL)
WHERE version = 1;
