-- DfE published statistics in long form, the statistical-neighbour
-- groupings and the ONS district-to-upper-tier lookup: the comparators for
-- `caseflow benchmark`. One row per published cell: a table's measure
-- columns become rows, its filter columns are joined into `breakdown`.

-- Every cell of a DfE tidy table (and the ONS child population, which DfE
-- republishes in the same layout). value is NULL when the cell is
-- suppressed or blank; raw keeps what was written ('c', 'x', 'z', 'u',
-- 'k', 'low', or the number as given), so a missing value is never read
-- as zero and the reason is kept.
CREATE TABLE published (
	return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE,
	row INTEGER NOT NULL,            -- the file's row (header = 1)
	source TEXT NOT NULL,            -- the table: file name without extension and year range
	time_period INTEGER NOT NULL,    -- end year: 2024 for 2023-24
	geographic_level TEXT NOT NULL,  -- 'National', 'Regional', 'Local authority', ...
	la_code TEXT,                    -- DfE three-digit LA number (old_la_code)
	ons_code TEXT,                   -- E06/E08/E09/E10 (new_la_code)
	la_name TEXT,
	region_code TEXT,
	region_name TEXT,
	measure TEXT NOT NULL,           -- the measure column's name
	breakdown TEXT NOT NULL,         -- the row's filter values joined by '|'; 'Total' when the table has none
	value REAL,
	raw TEXT
);
CREATE INDEX published_measure ON published(measure, breakdown, source, time_period);
CREATE INDEX published_la ON published(la_code, time_period);

-- Where several releases of a table hold the same cell, the latest load wins.
CREATE VIEW published_current AS
SELECT * FROM (SELECT p.*, row_number() OVER (
		PARTITION BY p.source, p.time_period, p.geographic_level, coalesce(p.la_code, p.ons_code, ''),
		             coalesce(p.region_code, ''), p.measure, p.breakdown
		ORDER BY p.return_id DESC) AS version
	FROM published p)
WHERE version = 1;

-- Statistical neighbours: each LA's ten nearest LAs under a model ('2025'
-- from sn_model_2025_wide.csv, '2021' from the April 2021 groupings).
CREATE TABLE sn_groups (
	return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE,
	row INTEGER NOT NULL,
	model TEXT NOT NULL,
	la_code TEXT NOT NULL,
	la_name TEXT,
	neighbour_code TEXT NOT NULL,
	rank INTEGER NOT NULL,           -- 1 = closest
	closeness TEXT                   -- 'Extremely close', 'Very close', 'Close', 'Somewhat close', 'Not close'
);
CREATE INDEX sn_groups_la ON sn_groups(model, la_code, rank);

-- ONS lower-tier (district) to upper-tier (county or unitary) lookup, so an
-- LA can be named by a district's code.
CREATE TABLE la_lookup (
	return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE,
	row INTEGER NOT NULL,
	year INTEGER,                    -- the lookup's vintage (2023 for LTLA23CD)
	ltla_code TEXT NOT NULL, ltla_name TEXT,
	utla_code TEXT NOT NULL, utla_name TEXT
);
CREATE INDEX la_lookup_ltla ON la_lookup(ltla_code);
