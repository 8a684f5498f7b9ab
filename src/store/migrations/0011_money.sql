-- Money and placement sufficiency (docs/money.md): the council's local
-- extracts of placement costs, budgets, ledger postings, foster households
-- and children's homes. Money is in pounds (REAL); dates ISO text.
CREATE TABLE placement_costs (
	return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE, row INTEGER NOT NULL,
	child TEXT NOT NULL, start_date TEXT NOT NULL, end_date TEXT,
	provider_id TEXT, provider_name TEXT, provider_type TEXT NOT NULL, placement_type TEXT,
	weekly_cost REAL NOT NULL, cost_centre TEXT,
	health_contribution REAL, education_contribution REAL);
CREATE TABLE budgets (
	return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE, row INTEGER NOT NULL,
	financial_year INTEGER NOT NULL,      -- the year it starts: 2024 = 2024-25
	cost_centre TEXT NOT NULL, budget REAL NOT NULL,
	-- the monthly profile, April to March (all twelve or none)
	apr REAL, may REAL, jun REAL, jul REAL, aug REAL, sep REAL,
	oct REAL, nov REAL, dec REAL, jan REAL, feb REAL, mar REAL);
CREATE TABLE ledger (
	return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE, row INTEGER NOT NULL,
	posted TEXT NOT NULL,                 -- the posting date, or the last day of the period given
	cost_centre TEXT NOT NULL, amount REAL NOT NULL);
CREATE TABLE foster_households (
	return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE, row INTEGER NOT NULL,
	household_id TEXT NOT NULL, approved_from TEXT NOT NULL, deregistered_on TEXT,
	approved_places INTEGER NOT NULL, age_range TEXT, household_type TEXT, locality TEXT);
CREATE TABLE homes (
	return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE, row INTEGER NOT NULL,
	home_id TEXT NOT NULL, name TEXT, places INTEGER NOT NULL,
	registered_from TEXT, registered_to TEXT, ofsted_urn TEXT, in_house INTEGER);

-- Placement costs, households and homes are whole extracts: the latest one
-- loaded replaces the earlier. Budgets: the latest return giving a year.
-- Ledger postings add up across returns (each file a period's postings).
CREATE VIEW placement_costs_current AS
SELECT * FROM placement_costs WHERE return_id = (SELECT max(return_id) FROM placement_costs);
CREATE VIEW foster_households_current AS
SELECT * FROM foster_households WHERE return_id = (SELECT max(return_id) FROM foster_households);
CREATE VIEW homes_current AS
SELECT * FROM homes WHERE return_id = (SELECT max(return_id) FROM homes);
CREATE VIEW budgets_current AS
SELECT b.* FROM budgets b
 WHERE b.return_id = (SELECT max(b2.return_id) FROM budgets b2 WHERE b2.financial_year = b.financial_year);
