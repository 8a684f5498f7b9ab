#!/bin/sh
# Print everything a caseflow store holds, in a form two stores can be
# diffed by: the schema, then every table's rows in rowid order (rowid
# included, values SQL-quoted so types show), minus the columns that only
# say when a load ran (returns.loaded_at, schema_version.applied_at).
# Used to prove that a change to the loaders stores exactly what it stored
# before (bench/loader_compare.sh).
# Usage: tools/store-dump.sh STORE.db
set -eu
db=$1
[ -f "$db" ] || { echo "store-dump: no such store: $db" >&2; exit 2; }
sqlite3 "$db" "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name"
for t in $(sqlite3 "$db" "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"); do
	cols=$(sqlite3 "$db" "SELECT group_concat('\"' || name || '\"', ', ') FROM pragma_table_info('$t')
		WHERE NOT ('$t' = 'returns' AND name = 'loaded_at') AND NOT ('$t' = 'schema_version' AND name = 'applied_at')")
	if [ "$(sqlite3 "$db" "SELECT wr FROM pragma_table_list WHERE name = '$t' AND schema = 'main'")" = 1 ]; then
		pk=$(sqlite3 "$db" "SELECT group_concat('\"' || name || '\"', ', ') FROM (SELECT name FROM pragma_table_info('$t') WHERE pk > 0 ORDER BY pk)")
		query="SELECT $cols FROM \"$t\" ORDER BY $pk"
	else
		query="SELECT rowid, $cols FROM \"$t\" ORDER BY rowid"
	fi
	echo "== $t"
	sqlite3 -cmd ".mode quote" "$db" "$query"
done
