#!/bin/sh
# Development time: write data/dfe/ from DfE's and ONS's published tables
# (a folder of the CSVs as published), keeping of each table only what
# caseflow reads: the rows and measure columns of the terms the benchmarks
# use (tools/dfe-terms.c prints them from indicators/indicator_map.c), every
# year and area; the statistical-neighbour groupings and the LTLA-UTLA
# lookup whole. caseflow itself decides which columns are filters and
# measures (it ingests the folder into a scratch store first), so the
# trimmed tables read back to the same figures.
# Usage: tools/bundle-dfe.sh CASEFLOW DFE-TERMS SOURCE-DIR OUT-DIR
set -eu
cf=$1 terms=$2 src=$3 out=$4
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$cf" ingest --db "$tmp/full.db" "$src" > /dev/null
"$terms" > "$tmp/terms.tsv"
sqlite3 "$tmp/full.db" "CREATE TABLE terms (source TEXT, measure TEXT, breakdown TEXT)"
sqlite3 -cmd ".mode tabs" "$tmp/full.db" ".import $tmp/terms.tsv terms"
mkdir -p "$out"
# the tables the benchmarks read, trimmed
sqlite3 "$tmp/full.db" "SELECT id, path FROM returns WHERE kind = 'dfe.published' ORDER BY id" |
while IFS='|' read -r id path; do
	used=$(sqlite3 "$tmp/full.db" "SELECT count(*) FROM published p JOIN terms t ON p.measure = t.measure
		AND p.breakdown = t.breakdown AND substr(p.source, 1, length(t.source)) = t.source WHERE p.return_id = $id")
	[ "$used" -gt 0 ] || continue
	name=$(basename "$path")
	db="$tmp/t.db"
	rm -f "$db"
	sqlite3 "$db" ".import --csv '$path' t"
	sqlite3 "$db" "ATTACH '$tmp/full.db' AS f;
		CREATE TABLE keep_rows AS SELECT DISTINCT p.row FROM f.published p JOIN f.terms t ON p.measure = t.measure
			AND p.breakdown = t.breakdown AND substr(p.source, 1, length(t.source)) = t.source WHERE p.return_id = $id;
		CREATE TABLE drop_cols AS SELECT DISTINCT measure AS name FROM f.published WHERE return_id = $id
			EXCEPT SELECT t.measure FROM f.published p JOIN f.terms t ON p.measure = t.measure
			AND p.breakdown = t.breakdown AND substr(p.source, 1, length(t.source)) = t.source WHERE p.return_id = $id"
	# the columns kept, CSV with quotes only where a value needs them; a
	# leading byte-order mark stays on the first column's name: matched
	# without; time_identifier and the country columns are the same on
	# every row and caseflow does not read them
	cat > "$tmp/cols.sql" <<'SQL'
CREATE TEMP VIEW kept AS SELECT cid, replace(name, char(65279), '') AS name, '"' || replace(name, '"', '""') || '"' AS q
	FROM pragma_table_info('t') WHERE replace(name, char(65279), '') NOT IN (SELECT name FROM drop_cols)
	AND replace(name, char(65279), '') NOT IN ('time_identifier', 'country_code', 'country_name');
SELECT group_concat(name, ',') FROM (SELECT name FROM kept ORDER BY cid);
SELECT 'SELECT ' || group_concat(format('CASE WHEN %s LIKE ''%%,%%'' OR %s LIKE ''%%"%%'' THEN ''"'' || replace(%s, ''"'', ''""'') || ''"'' ELSE %s END', q, q, q, q), ' || '','' || ') || ' FROM t WHERE rowid + 1 IN (SELECT row FROM keep_rows) ORDER BY rowid'
	FROM (SELECT q FROM kept ORDER BY cid);
SQL
	sqlite3 "$db" < "$tmp/cols.sql" > "$tmp/cols.out"
	{ head -1 "$tmp/cols.out"; sed -n 2p "$tmp/cols.out" | sqlite3 "$db"; } | tr -d '\r' > "$out/$name"
	echo "$name: $(($(wc -l < "$out/$name") - 1)) rows, $(wc -c < "$out/$name") bytes" >&2
done
# the groupings and the lookup, whole
sqlite3 "$tmp/full.db" "SELECT path FROM returns WHERE kind IN ('dfe.sn_groups', 'ons.la_lookup') ORDER BY id" |
while read -r path; do
	tr -d '\r' < "$path" | sed '1s/^\xef\xbb\xbf//' > "$out/$(basename "$path")"
	echo "$(basename "$path"): whole, $(wc -c < "$path") bytes" >&2
done
