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

# The synthetic census: leavers carry their FTE in FTE30, as DfE's census
# (and the sample above) do, so turnover is counted; it was 0.0% every year
# when the writer left it out.
"$cf" synth --children 3000 --years 3 --first-year 2021 --seed 5 --out "$work/syn" --quiet
"$cf" ingest --db "$work/syn.db" "$work/syn" >/dev/null 2>&1
leavers=$(grep -c '<RoleEndDate>' "$work"/syn/*/workforce*.xml | awk -F: '{ s += $2 } END { print s }')
no_fte=$(for f in "$work"/syn/*/workforce*.xml; do
	awk '/<CSWWWorker>/ { end = 0; fte = 0 } /<RoleEndDate>/ { end = 1 } /<FTE30>/ { fte = 1 }
	     /<\/CSWWWorker>/ && end && !fte { n++ } END { print n + 0 }' "$f"; done | awk '{ s += $1 } END { print s }')
check "synthetic census: every leaver ($leavers) carries FTE30 ($no_fte without)" [ "$leavers" -gt 0 -a "$no_fte" = 0 ]
turnover=$("$cf" kpi --db "$work/syn.db" --period all --indicator sw_turnover --format csv 2>/dev/null |
	awk -F, '$1 == "sw_turnover" && $5 > 0 { n++ } END { print n + 0 }')
check "synthetic census: turnover is above 0 in some period ($turnover)" [ "$turnover" -gt 0 ]
echo "1..$n"
