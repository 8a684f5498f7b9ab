-- Families and the quality of practice (docs/families.md): the council's
-- local extracts of family membership, workers' allocations, partners'
-- records, family plans and case audits. Dates ISO text; codes as
-- formats/local_csv.h spells them.
CREATE TABLE family_members (
	return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE, row INTEGER NOT NULL,
	family_id TEXT NOT NULL, person_id TEXT, child TEXT,
	role TEXT NOT NULL,                   -- child, parent, carer, other adult (or as given)
	from_date TEXT, to_date TEXT);
CREATE TABLE allocations (
	return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE, row INTEGER NOT NULL,
	worker_id TEXT NOT NULL, team TEXT, child TEXT, family_id TEXT,
	service TEXT NOT NULL,                -- early help, children's social care, youth justice, other
	from_date TEXT NOT NULL, to_date TEXT);
CREATE TABLE partner_records (
	return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE, row INTEGER NOT NULL,
	family_id TEXT, person_id TEXT, child TEXT,
	record_date TEXT NOT NULL, source TEXT NOT NULL,
	measure TEXT NOT NULL,                -- lower case, as given ("attendance %", "crime" ...)
	value REAL,                           -- when the value is a number
	value_text TEXT);                     -- the value as given
CREATE TABLE family_plans (
	return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE, row INTEGER NOT NULL,
	family_id TEXT NOT NULL, lead_practitioner TEXT, assessment_date TEXT,
	plan_start TEXT NOT NULL, plan_end TEXT, outcome TEXT);
CREATE TABLE audits (
	return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE, row INTEGER NOT NULL,
	audit_id TEXT NOT NULL, child TEXT, audit_date TEXT NOT NULL,
	audit_type TEXT, theme TEXT,
	grade TEXT NOT NULL,                  -- outstanding, good, requires improvement, inadequate
	actions_raised INTEGER, actions_completed_by TEXT);

-- Each is a whole extract: the latest one loaded replaces the earlier.
CREATE VIEW family_members_current AS
SELECT * FROM family_members WHERE return_id = (SELECT max(return_id) FROM family_members);
CREATE VIEW allocations_current AS
SELECT * FROM allocations WHERE return_id = (SELECT max(return_id) FROM allocations);
CREATE VIEW partner_records_current AS
SELECT * FROM partner_records WHERE return_id = (SELECT max(return_id) FROM partner_records);
CREATE VIEW family_plans_current AS
SELECT * FROM family_plans WHERE return_id = (SELECT max(return_id) FROM family_plans);
CREATE VIEW audits_current AS
SELECT * FROM audits WHERE return_id = (SELECT max(return_id) FROM audits);
