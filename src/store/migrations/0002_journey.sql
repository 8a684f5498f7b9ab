-- The whole journey: the CIN census, Annex A, local contacts and early
-- help, the social work workforce census, localities and population.
-- Sources that describe the same thing share one table (a referral from
-- the CIN census and from Annex A List 3 are both rows of cin_referrals),
-- told apart by returns.kind. The *_current views pick one version of each
-- record where several returns hold it (a CIN episode open across two
-- census years): the latest collection year wins, then the later load.
-- Dates are ISO yyyy-mm-dd text; a value that could not be read is kept
-- as given and has a row in issues.

-- Children known to children's social care (CIN census Child, Annex A).
CREATE TABLE cin_children (
	return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE, row INTEGER NOT NULL,
	child TEXT, sex TEXT, dob TEXT, expected_dob TEXT, death_date TEXT, ethnicity TEXT,
	upn_present INTEGER,         -- 1 when a UPN was given; the UPN itself is not kept
	disabilities TEXT            -- space-separated codes, as given in the census
);
CREATE INDEX cin_children_child ON cin_children(child);

-- A CIN episode: from referral to closure (CIN census CINdetails; Annex A List 3/6).
CREATE TABLE cin_referrals (
	return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE, row INTEGER NOT NULL,
	child TEXT, referral_date TEXT, referral_source TEXT, primary_need TEXT,
	closure_date TEXT, closure_reason TEXT, referral_nfa INTEGER   -- 1 no further action
);
CREATE INDEX cin_referrals_key ON cin_referrals(child, referral_date);

-- Assessments (CIN census Assessments; Annex A List 4). factors: space-separated codes (1A..24A).
CREATE TABLE assessments (
	return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE, row INTEGER NOT NULL,
	child TEXT, referral_date TEXT, start_date TEXT, authorised_date TEXT, factors TEXT
);
CREATE INDEX assessments_key ON assessments(child, start_date);

CREATE TABLE cin_plans (
	return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE, row INTEGER NOT NULL,
	child TEXT, referral_date TEXT, start_date TEXT, end_date TEXT
);
CREATE INDEX cin_plans_key ON cin_plans(child, start_date);

-- Section 47 enquiries and their initial child protection conference.
CREATE TABLE s47_enquiries (
	return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE, row INTEGER NOT NULL,
	child TEXT, referral_date TEXT, start_date TEXT, icpc_target_date TEXT, icpc_date TEXT,
	icpc_not_required INTEGER
);
CREATE INDEX s47_enquiries_key ON s47_enquiries(child, start_date);

CREATE TABLE cp_plans (
	return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE, row INTEGER NOT NULL,
	child TEXT, referral_date TEXT, start_date TEXT, end_date TEXT,
	initial_category TEXT, latest_category TEXT, previous_plans INTEGER
);
CREATE INDEX cp_plans_key ON cp_plans(child, start_date);

CREATE TABLE cp_reviews (
	return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE, row INTEGER NOT NULL,
	child TEXT, plan_start_date TEXT, review_date TEXT
);

-- Contacts at the front door (local extract; Annex A List 1).
CREATE TABLE contacts (
	return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE, row INTEGER NOT NULL,
	child TEXT, contact_date TEXT, source TEXT, outcome TEXT
);
CREATE INDEX contacts_key ON contacts(child, contact_date);

-- Early help episodes (local extract; Annex A List 2).
CREATE TABLE early_help (
	return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE, row INTEGER NOT NULL,
	family_id TEXT, child TEXT, start_date TEXT, end_date TEXT, lead_practitioner TEXT, outcome TEXT
);
CREATE INDEX early_help_key ON early_help(child, start_date);

-- Annex A lists with no shared table above (8 CLA, 9 care leavers,
-- 10 adoption, 11 adopters, and columns of 1-7 not mapped): the row as
-- JSON of canonical column -> value.
CREATE TABLE annexa_rows (
	return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE, row INTEGER NOT NULL,
	list INTEGER NOT NULL, child TEXT, data TEXT NOT NULL
);
CREATE INDEX annexa_rows_list ON annexa_rows(list, child);

-- Children's social work workforce census (reference date 30 September).
CREATE TABLE workforce_workers (
	return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE, row INTEGER NOT NULL,
	census_date TEXT, worker TEXT,         -- SWENo, already pseudonymous in the census
	role TEXT, agency INTEGER, fte REAL, fte30 REAL, start_date TEXT, end_date TEXT,
	leave_reason TEXT, cases INTEGER, team TEXT, absent INTEGER
);
CREATE TABLE workforce_la (
	return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE,
	census_date TEXT, vacancies_fte REAL, agency_fte REAL, agency_headcount INTEGER
);

-- Localities: postcode sectors ("LS1 4") or ward codes mapped to a council's named areas.
CREATE TABLE localities (
	return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE, row INTEGER NOT NULL,
	area TEXT NOT NULL, locality TEXT NOT NULL
);
CREATE INDEX localities_area ON localities(area);

-- A child's home area (postcode sector or ward) from any source, dated when known.
CREATE TABLE child_areas (
	return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE, row INTEGER NOT NULL,
	child TEXT NOT NULL, area TEXT NOT NULL, from_date TEXT
);
CREATE INDEX child_areas_child ON child_areas(child);

-- Child population: ONS mid-year estimates for the LA ('LA') or a locality, by age.
CREATE TABLE population (
	return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE, row INTEGER NOT NULL,
	year INTEGER NOT NULL, area TEXT NOT NULL, age INTEGER, age_band TEXT, sex TEXT, count REAL NOT NULL
);
CREATE INDEX population_key ON population(year, area);

-- Current versions --------------------------------------------------------
CREATE VIEW cin_referrals_current AS
SELECT * FROM (SELECT x.*, r.collection_year, r.kind AS source_kind,
       row_number() OVER (PARTITION BY x.child, x.referral_date ORDER BY r.collection_year DESC, x.return_id DESC) AS version
  FROM cin_referrals x JOIN returns r ON r.id = x.return_id WHERE x.child IS NOT NULL AND x.referral_date IS NOT NULL)
WHERE version = 1;
CREATE VIEW assessments_current AS
SELECT * FROM (SELECT x.*, r.collection_year, r.kind AS source_kind,
       row_number() OVER (PARTITION BY x.child, x.start_date ORDER BY r.collection_year DESC, x.return_id DESC) AS version
  FROM assessments x JOIN returns r ON r.id = x.return_id WHERE x.child IS NOT NULL AND x.start_date IS NOT NULL)
WHERE version = 1;
CREATE VIEW cin_plans_current AS
SELECT * FROM (SELECT x.*, r.collection_year, r.kind AS source_kind,
       row_number() OVER (PARTITION BY x.child, x.start_date ORDER BY r.collection_year DESC, x.return_id DESC) AS version
  FROM cin_plans x JOIN returns r ON r.id = x.return_id WHERE x.child IS NOT NULL AND x.start_date IS NOT NULL)
WHERE version = 1;
CREATE VIEW s47_enquiries_current AS
SELECT * FROM (SELECT x.*, r.collection_year, r.kind AS source_kind,
       row_number() OVER (PARTITION BY x.child, x.start_date ORDER BY r.collection_year DESC, x.return_id DESC) AS version
  FROM s47_enquiries x JOIN returns r ON r.id = x.return_id WHERE x.child IS NOT NULL AND x.start_date IS NOT NULL)
WHERE version = 1;
CREATE VIEW cp_plans_current AS
SELECT * FROM (SELECT x.*, r.collection_year, r.kind AS source_kind,
       row_number() OVER (PARTITION BY x.child, x.start_date ORDER BY r.collection_year DESC, x.return_id DESC) AS version
  FROM cp_plans x JOIN returns r ON r.id = x.return_id WHERE x.child IS NOT NULL AND x.start_date IS NOT NULL)
WHERE version = 1;
CREATE VIEW contacts_current AS
SELECT * FROM (SELECT x.*, r.collection_year, r.kind AS source_kind,
       row_number() OVER (PARTITION BY x.child, x.contact_date, x.source ORDER BY r.collection_year DESC, x.return_id DESC) AS version
  FROM contacts x JOIN returns r ON r.id = x.return_id WHERE x.child IS NOT NULL AND x.contact_date IS NOT NULL)
WHERE version = 1;
CREATE VIEW early_help_current AS
SELECT * FROM (SELECT x.*, r.collection_year, r.kind AS source_kind,
       row_number() OVER (PARTITION BY coalesce(x.child, x.family_id), x.start_date ORDER BY r.collection_year DESC, x.return_id DESC) AS version
  FROM early_help x JOIN returns r ON r.id = x.return_id WHERE x.start_date IS NOT NULL)
WHERE version = 1;

-- Each child's locality: the most recent area known for the child (a dated
-- child_areas row, else the home postcode sector of the latest episode).
CREATE VIEW child_locality AS
WITH areas AS (
	SELECT child, area, coalesce(from_date, '0000-00-00') AS since, return_id FROM child_areas
	UNION ALL
	SELECT child, home_post, decom, return_id FROM episodes WHERE home_post IS NOT NULL
), latest AS (
	SELECT child, area, row_number() OVER (PARTITION BY child ORDER BY since DESC, return_id DESC) AS v FROM areas
)
SELECT l.child, l.area, (SELECT m.locality FROM localities m WHERE m.area = l.area ORDER BY m.return_id DESC LIMIT 1) AS locality
FROM latest l WHERE l.v = 1;
