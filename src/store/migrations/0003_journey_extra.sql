-- What the journey readers need beyond 0002: the header every XML return
-- carries, and the ICPC date the CIN census records on the CIN episode
-- itself (CINdetails/DateOfInitialCPC: a conference not preceded by a
-- section 47 in the same episode).

-- One row per XML return (CIN census, workforce census): its header as given.
CREATE TABLE return_headers (
	return_id INTEGER PRIMARY KEY REFERENCES returns(id) ON DELETE CASCADE,
	collection TEXT,          -- 'CIN', 'CSWW'
	year TEXT,                -- Header/CollectionDetails/Year as given
	reference_date TEXT,      -- ISO when readable, else as given
	la TEXT                   -- Source/LEA: the DfE LA number
);

ALTER TABLE cin_referrals ADD COLUMN icpc_date TEXT;
