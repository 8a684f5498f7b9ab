-- Trajectories: target paths for an indicator, set by an analyst or from a
-- comparator gap. A name may be set again; every version is kept (who set
-- it and when) and the latest is the one shown.
CREATE TABLE trajectories (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	indicator TEXT NOT NULL,
	la_code TEXT,                    -- whose published figures are the annual actuals
	from_date TEXT NOT NULL,         -- ISO yyyy-mm-dd
	from_value REAL NOT NULL,
	to_date TEXT NOT NULL,
	to_value REAL NOT NULL,
	shape TEXT NOT NULL CHECK (shape IN ('linear', 'geometric')),
	tolerance_pct REAL NOT NULL,     -- green within this % of the target, amber within twice
	basis TEXT NOT NULL,             -- 'set by hand' or the comparator gap it came from
	set_by TEXT,
	set_at TEXT NOT NULL
);
CREATE INDEX trajectories_name ON trajectories(name, id);
