-- The English Indices of Deprivation: each area's IMD decile (1 the most
-- deprived tenth of England's LSOAs, 10 the least), from MHCLG's published
-- file (LSOA code -> decile) or a council's own lookup of the areas it
-- records children by (LSOA, postcode sector or ward -> decile). Areas are
-- kept as given, postcode sectors normalised ("LS1 4"); never a full postcode.
CREATE TABLE deprivation (
	return_id INTEGER NOT NULL REFERENCES returns(id) ON DELETE CASCADE, row INTEGER NOT NULL,
	area TEXT NOT NULL,
	decile INTEGER NOT NULL CHECK (decile BETWEEN 1 AND 10)
);
CREATE INDEX deprivation_area ON deprivation(area);
