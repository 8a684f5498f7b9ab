-- Transformation programmes (caseflow programme --load): the business case,
-- benefits register and actuals, milestones, cost-benefit analysis and the
-- workforce model, as loaded from a workbook or CSV folder. Each loaded file
-- is a row in returns (kind 'programme.xlsx@NAME' or 'programme.<sheet>@NAME'), and
-- every row below keeps return_id and row (header = 1) to trace it back.
-- Loading a programme again under the same name replaces it: its returns
-- are deleted and everything here goes with them (ON DELETE CASCADE).
-- Money in programme_costs and programme_savings is exact: amount_e4 is the
-- amount × 10,000 in the programme's unit (pounds or thousands).

CREATE TABLE programmes (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE,
	unit TEXT NOT NULL CHECK (unit IN ('pounds', 'thousands')),
	first_year INTEGER,              -- year 0 starts 1 April first_year; NULL when not given
	source TEXT NOT NULL,            -- the file or folder loaded
	cba_present INTEGER NOT NULL DEFAULT 0,
	discount_rate REAL NOT NULL DEFAULT 0.035,
	appraisal_years INTEGER,         -- NULL: to the last year with a flow
	workforce_present INTEGER NOT NULL DEFAULT 0,
	caseload_standard REAL,
	span_of_control REAL,
	agency_cap REAL,
	loaded_at TEXT NOT NULL,
	loaded_by TEXT
);

-- The files a programme came from (one for a workbook, one per CSV).
CREATE TABLE programme_sources (
	programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
	return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE,
	sheet TEXT                       -- NULL for a workbook (all sheets)
);

CREATE TABLE programme_workstreams (
	programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
	return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE, row INTEGER NOT NULL,
	workstream TEXT NOT NULL, name TEXT, lead TEXT
);

CREATE TABLE programme_costs (
	programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
	return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE, row INTEGER NOT NULL,
	year INTEGER NOT NULL, workstream TEXT,
	kind TEXT NOT NULL CHECK (kind IN ('one-off', 'ongoing')),
	amount_e4 INTEGER NOT NULL, funding_source TEXT
);

CREATE TABLE programme_savings (
	programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
	return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE, row INTEGER NOT NULL,
	year INTEGER NOT NULL, workstream TEXT NOT NULL,
	amount_e4 INTEGER NOT NULL       -- the incremental saving that year
);

CREATE TABLE programme_benefits (
	programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
	return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE, row INTEGER NOT NULL,
	benefit TEXT NOT NULL, name TEXT NOT NULL, financial INTEGER NOT NULL,
	measure TEXT NOT NULL,           -- 'manual' or an indicator id
	unit TEXT, baseline_date TEXT NOT NULL, baseline_value REAL NOT NULL,
	target_date TEXT NOT NULL, target_value REAL NOT NULL,
	trajectory TEXT NOT NULL CHECK (trajectory IN ('linear', 'geometric')),
	tolerance REAL NOT NULL, owner TEXT, workstream TEXT
);

CREATE TABLE programme_actuals (
	programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
	return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE, row INTEGER NOT NULL,
	benefit TEXT NOT NULL, date TEXT NOT NULL, value REAL NOT NULL
);

CREATE TABLE programme_milestones (
	programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
	return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE, row INTEGER NOT NULL,
	milestone TEXT NOT NULL, workstream TEXT, due TEXT NOT NULL, done TEXT, owner TEXT
);

CREATE TABLE programme_cba_outcomes (
	programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
	return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE, row INTEGER NOT NULL,
	name TEXT NOT NULL, agency TEXT NOT NULL, year INTEGER NOT NULL,
	cohort REAL NOT NULL, engagement REAL NOT NULL, impact REAL NOT NULL,
	deadweight REAL NOT NULL, attribution REAL NOT NULL, unit_value REAL NOT NULL,
	value_type TEXT NOT NULL CHECK (value_type IN ('fiscal', 'economic', 'social')),
	cashable INTEGER NOT NULL, drop_off REAL NOT NULL, lag INTEGER NOT NULL,
	duration INTEGER NOT NULL, optimism_bias REAL NOT NULL
);

CREATE TABLE programme_cba_costs (
	programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
	return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE, row INTEGER NOT NULL,
	name TEXT NOT NULL, agency TEXT NOT NULL, year INTEGER NOT NULL,
	amount REAL NOT NULL, optimism_bias REAL NOT NULL
);

-- Workforce model rows other than the three standards kept on programmes.
CREATE TABLE programme_workforce (
	programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
	return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE, row INTEGER,
	item TEXT NOT NULL CHECK (item IN ('cost_per_fte', 'establishment', 'cases')),
	role TEXT CHECK (role IN ('social_worker', 'manager')),
	contract TEXT CHECK (contract IN ('permanent', 'agency')),
	date TEXT,                       -- cases: the month, NULL for one undated figure
	value REAL NOT NULL
);
