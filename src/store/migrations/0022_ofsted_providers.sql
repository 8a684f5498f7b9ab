-- Ofsted's published list of children's social care providers (docs/money.md):
-- one row per provider as the list gives it, for sufficiency (places and
-- ratings) and for validate --providers (SSDA903 rules 1008, 219, 221, 224,
-- 227, 228, 229). Postcodes as districts only (the outward code); dates ISO.
CREATE TABLE ofsted_providers (
	return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE, row INTEGER NOT NULL,
	urn TEXT NOT NULL,                    -- upper case, as Ofsted writes it (SC123456, 1234567)
	provider_type TEXT NOT NULL,          -- as given: "Children's home", "Independent fostering agency" ...
	provider_subtype TEXT, sector TEXT,   -- sector: Local authority, Private, Voluntary, Health authority
	local_authority TEXT, la_code TEXT,   -- the LA the provider is in: name, ONS code when given
	registration_status TEXT,             -- as given: Active, Closed, Resigned, Cancelled, Suspended
	registered_from TEXT, registered_to TEXT,
	places INTEGER,
	overall_rating INTEGER,               -- 1 outstanding, 2 good, 3 requires improvement, 4 inadequate
	postcode_district TEXT,               -- "LS1"; never a full postcode
	inspection_date TEXT);
-- A list is a whole snapshot: the latest one loaded replaces the earlier.
CREATE VIEW ofsted_providers_current AS
SELECT * FROM ofsted_providers WHERE return_id = (SELECT max(return_id) FROM ofsted_providers);

-- The ONS postcode directory kept for the sectors the council's data uses
-- (placements' home and placement sectors, localities, providers): each
-- sector's mean grid reference and the district most of its postcodes are
-- in, so distances and out of area need no directory after ingest.
CREATE TABLE postcode_sectors (
	return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE, row INTEGER NOT NULL,
	sector TEXT NOT NULL,                 -- "LS1 4"
	east REAL, north REAL,                -- metres (OSGB), NULL when the directory gives none
	ltla TEXT,                            -- district code (E08000035)
	postcodes INTEGER NOT NULL);          -- the directory's postcodes in the sector with a grid reference
CREATE VIEW postcode_sectors_current AS
SELECT * FROM postcode_sectors WHERE return_id = (SELECT max(return_id) FROM postcode_sectors);
