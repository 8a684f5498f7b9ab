-- Each SSDA903 return's episode rows again, packed into one blob per return
-- (the columns the bulk episode reader needs, src/store/episode_reader.c),
-- written by the load in the same transaction as the rows. Reading five
-- blobs costs a fraction of stepping every row of ssda903_episodes, which
-- stays the record and what the `episodes` view reads; a return loaded
-- before this migration has no pack and its rows are read from the table.
CREATE TABLE ssda903_episode_packs (
	return_id INTEGER PRIMARY KEY REFERENCES returns(id) ON DELETE CASCADE,
	rows INTEGER NOT NULL,     -- rows packed: those with a child and a DECOM
	data BLOB NOT NULL);
