-- The hub's own tables (PostgreSQL). The record tables (hub.r_<table>: a
-- row number hub_seq, return_id, the council hub_la, then the store's own
-- columns) are not written here: hub_init derives them from the store's
-- migrations, so a council's store and the hub hold the same columns. Roles and policies
-- that name the region are made in hub.c.
CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA hub;

CREATE TABLE hub.settings (
	key text PRIMARY KEY,
	value text NOT NULL
);

-- the key of the pseudonyms: read by hub.pseudonym() alone (SECURITY DEFINER)
CREATE TABLE hub.secret (
	id int PRIMARY KEY CHECK (id = 1),
	pseudonym_key bytea NOT NULL
);
INSERT INTO hub.secret VALUES (1, hub.gen_random_bytes(32));

CREATE TABLE hub.councils (
	la_code text PRIMARY KEY CHECK (la_code ~ '^[0-9]{3}$'),
	name text NOT NULL,
	role_name text NOT NULL UNIQUE,
	added_at timestamptz NOT NULL DEFAULT now()
);

-- a row while a use is consented to; deleted when it is turned off
CREATE TABLE hub.consents (
	la_code text NOT NULL REFERENCES hub.councils ON DELETE CASCADE,
	use text NOT NULL CHECK (use IN ('benchmarking', 'forecasting', 'sufficiency', 'research')),
	since timestamptz NOT NULL DEFAULT now(),
	retention interval,            -- NULL: kept until consent is withdrawn
	PRIMARY KEY (la_code, use)
);

CREATE TABLE hub.returns (
	id bigserial PRIMARY KEY,
	la_code text NOT NULL REFERENCES hub.councils,
	kind text NOT NULL,
	collection_year int,
	file text NOT NULL,            -- the file's own name, never its folder
	sha256 text NOT NULL,
	bytes bigint NOT NULL,
	rows bigint NOT NULL,
	issues int NOT NULL,
	loaded_at text NOT NULL,
	pushed_at timestamptz NOT NULL DEFAULT now(),
	uses text[] NOT NULL,          -- the consented uses it serves
	UNIQUE (la_code, sha256, kind)
);

-- each council's children, as its store's children table (degraded)
CREATE TABLE hub.children (
	la_code text NOT NULL REFERENCES hub.councils,
	child text NOT NULL,
	sex text, dob text, ethnicity text, source_year int,
	first_return_id bigint, last_return_id bigint,
	PRIMARY KEY (la_code, child)
);

CREATE TABLE hub.audit (
	id bigserial PRIMARY KEY,
	at timestamptz NOT NULL DEFAULT clock_timestamp(),
	by_role name NOT NULL DEFAULT session_user,
	la_code text,
	action text NOT NULL CHECK (action IN ('init', 'la add', 'consent', 'push', 'purge', 'read', 'publish')),
	detail text NOT NULL
);

-- Figures computed from children (caseflow hub publish): each council's
-- and the region's ('region'), every indicator and period published.
CREATE TABLE hub.figures (
	la_code text NOT NULL,
	indicator text NOT NULL,
	period text NOT NULL,
	numerator double precision,
	denominator double precision,
	value double precision,
	computed_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (la_code, indicator, period)
);

-- What the regional role (and every council) reads: a count from 1 to 4,
-- and what is derived from it, is suppressed.
CREATE VIEW hub.region_figures AS
SELECT la_code, indicator, period,
       CASE WHEN small THEN NULL ELSE numerator END AS numerator,
       CASE WHEN small THEN NULL ELSE denominator END AS denominator,
       CASE WHEN small THEN NULL ELSE value END AS value,
       small AS suppressed, computed_at
  FROM (SELECT *, coalesce((numerator > 0 AND numerator < 5) OR (denominator > 0 AND denominator < 5), false) AS small
	  FROM hub.figures) f;

-- A return's records go with it. The record tables have no foreign key to
-- hub.returns (checking one per row would cost more than the row's insert:
-- a push writes only through hub.take, which the return's row precedes in
-- the same transaction); this trigger deletes them instead, once per
-- statement, from every hub.r_ table.
CREATE FUNCTION hub.returns_gone() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog AS $$
DECLARE
	t name;
BEGIN
	FOR t IN SELECT c.relname FROM pg_class c WHERE c.relnamespace = 'hub'::regnamespace AND c.relkind = 'r'
		 AND c.relname LIKE 'r\_%' LOOP
		EXECUTE format('DELETE FROM hub.%I WHERE return_id IN (SELECT id FROM gone)', t);
	END LOOP;
	RETURN NULL;
END
$$;
CREATE TRIGGER returns_gone AFTER DELETE ON hub.returns REFERENCING OLD TABLE AS gone
	FOR EACH STATEMENT EXECUTE FUNCTION hub.returns_gone();

-- The councils whose rows the current role may read: those whose role it
-- is a member of (row-level security's one question).
CREATE FUNCTION hub.my_councils() RETURNS SETOF text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS $$
	SELECT la_code FROM hub.councils WHERE pg_has_role(session_user, role_name, 'MEMBER')
$$;

-- The columns that hold people's identifiers, per record table (written by
-- hub_init from caseflow's rules): hub.take() replaces them on the way in.
CREATE TABLE hub.id_columns (
	tbl text NOT NULL,
	col text NOT NULL,
	PRIMARY KEY (tbl, col)
);

-- Move the rows a council has staged (COPY into its own temporary table
-- pg_temp.stage_<t>) into hub.r_<t> for return rid, or for t = 'children'
-- into hub.children in place of the council's previous ones. Identifiers
-- become pseudonyms on the way: HMAC-SHA-256 with the hub's key over the
-- council's code and the ID, so two councils' local IDs never meet and
-- nobody without the key can link them back. Councils have no INSERT on
-- the record tables: this is their only way in, so no raw ID is stored.
CREATE FUNCTION hub.take(t text, rid bigint, la text) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
DECLARE
	k bytea;
	cols text;
	sel text;
	n bigint;
BEGIN
	IF la NOT IN (SELECT hub.my_councils()) THEN
		RAISE EXCEPTION 'council % is not one this role may push for', la;
	END IF;
	SELECT pseudonym_key INTO k FROM hub.secret;
	SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum),
	       string_agg(CASE WHEN i.col IS NULL THEN quote_ident(a.attname) ELSE
			format('CASE WHEN %1$I IS NULL OR %1$I = '''' THEN %1$I ELSE encode(substr(hub.hmac('
			       'convert_to($2 || '':'' || %1$I, ''UTF8''), $3, ''sha256''), 1, 10), ''hex'') END', a.attname)
			END, ', ' ORDER BY a.attnum)
	  INTO cols, sel
	  FROM pg_attribute a LEFT JOIN hub.id_columns i ON i.tbl = t AND i.col = a.attname
	 WHERE a.attrelid = format('pg_temp.%I', 'stage_' || t)::regclass AND a.attnum > 0 AND NOT a.attisdropped;
	IF t = 'children' THEN
		DELETE FROM hub.children WHERE la_code = la;
		EXECUTE format('INSERT INTO hub.children (la_code, %s) SELECT $2, %s FROM pg_temp.%I', cols, sel, 'stage_' || t)
			USING rid, la, k;
	ELSE
		EXECUTE format('INSERT INTO hub.%I (return_id, hub_la, %s) SELECT $1, $2, %s FROM pg_temp.%I',
			       'r_' || t, cols, sel, 'stage_' || t) USING rid, la, k;
	END IF;
	GET DIAGNOSTICS n = ROW_COUNT;
	EXECUTE format('DELETE FROM pg_temp.%I', 'stage_' || t);
	RETURN n;
END
$$;

ALTER TABLE hub.returns ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_council ON hub.returns USING (la_code IN (SELECT hub.my_councils()));
ALTER TABLE hub.children ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_council ON hub.children USING (la_code IN (SELECT hub.my_councils()));
ALTER TABLE hub.consents ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_council ON hub.consents USING (la_code IN (SELECT hub.my_councils()));
