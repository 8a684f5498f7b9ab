-- The collection years a Standard Safeguarding Dataset extract covers. An
-- extract is one set of files, registered under the year it was taken in,
-- but it holds several years: the SSD keeps the records open at any time in
-- its window, and its contacts (front-door events, kept only for the
-- window) say where the window starts. The episode reader counts these
-- years as it counts those of the SSDA903 returns (summary's 31 Marches,
-- the rule that a later year's data withdraws an episode it does not hold).
CREATE TABLE ssd_years (
	return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE,
	collection_year INTEGER NOT NULL,
	PRIMARY KEY (return_id, collection_year)
) WITHOUT ROWID;
