#!/bin/sh
# The workforce census sample loads with xmllint's counts; malformed or
# foreign XML is rejected with a clear message and no change to the store.
. "$CASEFLOW_TOP/tests/e2e/lib.sh"
need_shared "workforce census sample" || exit 0
command -v xmllint >/dev/null 2>&1 || { notok "xmllint (libxml2-utils) is needed for the independent counts"; exit 0; }
f="$shared/data/samples/workforce/social_work_workforce_2022.xml"
db="$work/w.db"
q() { sqlite3 "$db" "$1"; }
"$cf" ingest --db "$db" "$shared/data/samples/workforce/" > "$work/out.txt" 2>&1
check "the workforce folder loads (the .xsd beside it is not a return)" [ $? -eq 0 ]
want=$(xmllint --xpath 'count(//CSWWWorker)' "$f")
check "one row per CSWWWorker ($want)" [ "$(q 'SELECT count(*) FROM workforce_workers')" = "$want" ]
want=$(xmllint --xpath 'count(//CSWWWorker[AgencyWorker=1])' "$f")
check "agency workers as xmllint counts ($want)" [ "$(q 'SELECT count(*) FROM workforce_workers WHERE agency = 1')" = "$want" ]
want=$(xmllint --xpath 'count(//CSWWWorker[Cases30])' "$f")
check "caseloads where given ($want)" [ "$(q 'SELECT count(*) FROM workforce_workers WHERE cases IS NOT NULL')" = "$want" ]
want=$(xmllint --xpath 'sum(//CSWWWorker/Cases30)' "$f")
check "total cases held ($want)" [ "$(q 'SELECT sum(cases) FROM workforce_workers')" = "$want" ]
check "LA record: vacancies, agency FTE and headcount" \
	[ "$(q "SELECT vacancies_fte || ',' || agency_fte || ',' || agency_headcount FROM workforce_la")" = "79.68,59.82,71" ]
check "census date 30 September 2022" [ "$(q 'SELECT DISTINCT census_date FROM workforce_workers')" = 2022-09-30 ]
check "collection year 2022" [ "$(q 'SELECT collection_year FROM returns')" = 2022 ]
check "workers' dates of birth are not kept" sh -c "! sqlite3 '$db' .dump | grep -q 1967-01-04"
snap=$(q "SELECT count(*) FROM returns; SELECT count(*) FROM workforce_workers")
head -c 3000 "$f" > "$work/cut.xml"
"$cf" ingest --db "$db" "$work/cut.xml" > /dev/null 2> "$work/err.txt"
check "truncated census: rejected" [ $? -eq 1 ]
check "truncated census: file and line named" grep -q "cut.xml:[0-9][0-9]*: .*malformed XML" "$work/err.txt"
printf '<Message><Header><CollectionDetails><Collection>CSWW</Collection></CollectionDetails></Header></Message>\n' > "$work/empty.xml"
"$cf" ingest --db "$db" "$work/empty.xml" > /dev/null 2> "$work/err.txt"
check "no workers and no LA record: rejected" [ $? -eq 1 ]
check "no workers: says so" grep -q "no <CSWWWorker>" "$work/err.txt"
printf '<Other><x/></Other>\n' > "$work/other.xml"
"$cf" ingest --db "$db" "$work/other.xml" > /dev/null 2> "$work/err.txt"
check "unknown XML: rejected" [ $? -eq 1 ]
check "unknown XML: names its root" grep -q "root element <Other>" "$work/err.txt"
check "store unchanged" [ "$(q "SELECT count(*) FROM returns; SELECT count(*) FROM workforce_workers")" = "$snap" ]
echo "1..$n"
