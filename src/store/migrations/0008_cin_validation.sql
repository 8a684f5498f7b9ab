-- What validating a CIN census from the store needs beyond 0002/0003: the
-- UPNunknown reason (a code, UN1-UN7, never the UPN itself) and the lines
-- of the elements the validator's findings point to, so that findings from
-- the store name the rows the census file's do. NULL in returns loaded
-- before this migration (the child's row stands in for the lines).
ALTER TABLE cin_children ADD COLUMN upn_unknown TEXT;
ALTER TABLE cin_children ADD COLUMN id_row INTEGER;            -- line of <LAchildID>
ALTER TABLE cin_children ADD COLUMN ethnicity_row INTEGER;     -- line of <Ethnicity>
ALTER TABLE cin_children ADD COLUMN disabilities_row INTEGER;  -- line of the first <Disability>
ALTER TABLE return_headers ADD COLUMN row INTEGER;             -- line of <Collection>
