#!/bin/sh
# Local CSV extracts: recognised by header, values normalised, problems
# recorded with row and column, sectors only, DfE tidy files left alone.
. "$CASEFLOW_TOP/tests/e2e/lib.sh"
db="$work/l.db"
q() { sqlite3 "$db" "$1"; }
mkdir -p "$work/in"
printf '\357\273\277Child ID , Contact Date,SOURCE,outcome,notes\r\nC1,01/05/2023,6,Referral,x\r\nC1,2023-13-01,2A,NFA,y\r\n,02/05/2023,,,\r\nC2,03/05/2023\r\n\r\n' > "$work/in/contacts.csv"
printf 'area,locality\nLS1 4AB,North\nls2 7,South\nE05001234,West\nnot a postcode,East\n' > "$work/in/localities.csv"
printf 'child_id,postcode\nC1,LS1 4AB\nC2,nonsense\n' > "$work/in/child_areas.csv"
printf 'year,area,age,count\n2024,LA,0,3000\n2024,North,0-4,1200.5\n,LA,1,5\n' > "$work/in/population.csv"
"$cf" ingest --db "$db" "$work/in" > "$work/out.txt" 2>&1
check "local extracts load" [ $? -eq 0 ]
check "contacts: 4 rows (BOM, CRLF, spaced and cased header, blank last line)" [ "$(q 'SELECT count(*) FROM contacts')" = 4 ]
check "contacts: dd/mm/yyyy stored as ISO" [ "$(q "SELECT contact_date FROM contacts WHERE row = 2")" = 2023-05-01 ]
check "contacts: a bad date kept as given, with an issue at row 3" \
	[ "$(q "SELECT row || ',' || column_name || ',' || value FROM issues WHERE kind = 'bad_date'")" = "3,contact_date,2023-13-01" ]
check "contacts: a blank child is an issue" [ "$(q "SELECT row FROM issues WHERE kind = 'missing_value' AND tbl = 'contacts'")" = 4 ]
check "contacts: a short row is an issue" [ "$(q "SELECT row FROM issues WHERE kind = 'short_row'")" = 5 ]
check "contacts: an unknown column is noted" [ "$(q "SELECT column_name FROM issues WHERE kind = 'unknown_column'")" = notes ]
check "localities: full postcodes become sectors, ward codes kept" \
	[ "$(q "SELECT group_concat(area, '|') FROM (SELECT area FROM localities ORDER BY row)")" = "LS1 4|LS2 7|E05001234" ]
check "child areas: sector stored, never the postcode" [ "$(q "SELECT area FROM child_areas")" = "LS1 4" ]
check "no full postcode anywhere in the store" sh -c "! sqlite3 '$db' .dump | grep -qi 'LS1 4AB'"
check "population: a single year of age and a band" \
	[ "$(q "SELECT count(age) || ',' || count(age_band) FROM population")" = "1,1" ]
check "population: a row with no year is not stored, and says why" \
	[ "$(q "SELECT count(*) FROM issues WHERE tbl = 'population' AND kind = 'missing_value' AND row = 4")" = 1 ]
check "children linked from contacts" [ "$(q "SELECT count(*) FROM children WHERE child IN ('C1','C2')")" = 2 ]
"$cf" ingest --db "$db" "$work/in" > /dev/null 2>&1
check "loading again adds nothing" [ "$(q 'SELECT count(*) FROM contacts')" = 4 ]
# a DfE tidy file is not a local extract
printf 'time_period,geographic_level,area,age,count,year\n2024,National,LA,0,1,2024\n' > "$work/dfe.csv"
"$cf" ingest --db "$db" "$work/dfe.csv" > /dev/null 2>&1
check "a DfE tidy file (time_period) is not read as a local extract" \
	[ "$(q "SELECT count(*) FROM returns WHERE path LIKE '%dfe.csv' AND kind LIKE 'local%'")" = 0 ]
# structural problems reject the file
printf 'child_id,contact_date,source,outcome\nC9,01/01/2024,"unterminated,x\n' > "$work/bad.csv"
"$cf" ingest --db "$db" "$work/bad.csv" > /dev/null 2> "$work/err.txt"
check "unterminated quote: rejected" [ $? -eq 1 ]
check "unterminated quote: nothing stored" [ "$(q "SELECT count(*) FROM contacts WHERE child = 'C9'")" = 0 ]
printf 'child_id,contact_date,contact_date\nC8,01/01/2024,02/01/2024\n' > "$work/dup.csv"
"$cf" ingest --db "$db" "$work/dup.csv" > /dev/null 2> "$work/err.txt"
check "a column twice: rejected" [ $? -eq 1 ]
check "a column twice: named" grep -q "contact_date appears twice" "$work/err.txt"
echo "1..$n"
