#!/bin/sh
# Ofsted's provider list end to end (docs/money.md): ingested by its header,
# kept with postcodes as districts only, graded placements and places in
# `sufficiency`, and `validate --providers`. The return and the synthetic
# list are tests/cases/validate/providers/in and _providers/providers.csv
# (worked there in README); localities: AA1 1, AA1 4, AA2 2 (districts AA1,
# AA2). On 2023-10-01 every episode is open:
#   C1 SC000001 good, AA2 2 in;   C2 C3 SC000002 outstanding, AA1 4 in;
#   C4 SC000003 inadequate, out;  C5 SC000004 requires improvement, out;
#   C6 SC000005 good, out;        C7 SC999999 not listed, AA2 2 in;
#   C9 SC000006 not inspected, out; C8 XXXXXXX and C10 (no URN) not counted.
# Providers registered that day in AA1/AA2: SC000002 outstanding 3 places,
# SC000001 good 4 places (SC000003 closed 30/06/2023 and is in BB1 anyway).
# So: outstanding 2 0 1 3; good 2 1 1 4; requires improvement 1 1 0 0;
# inadequate 1 1 0 0; not inspected 1 1 0 0; not listed 1 0; all 8 4 2 7.
# On 2023-06-01 SC000003 is still registered but outside the LA, C4 not
# yet placed: all 7 3 2 7.
. "$CASEFLOW_TOP/tests/e2e/lib.sh"
cases="$CASEFLOW_TOP/tests/cases/validate"
db="$work/p.db"
printf 'area,locality\nAA1 1,North\nAA1 4,North\nAA2 2,South\n' > "$work/localities.csv"
"$cf" ingest --db "$db" "$cases/providers/in" "$cases/_providers/providers.csv" "$work/localities.csv" > "$work/ingest.out" 2>&1
check "the provider list is ingested as local.ofsted_providers" \
	grep -q 'providers.csv *local.ofsted_providers *loaded *6 *6 *0' "$work/ingest.out"
check "no full postcode is kept: SC000006's AA3 2XY is stored as AA3" \
	[ "$(sqlite3 "$db" "SELECT group_concat(postcode_district, ' ') FROM ofsted_providers ORDER BY row")" = "AA2 AA1 BB1 BB2 BB3 AA3" ]

# sufficiency's tables, one CSV each (one table per CSV file), then together in one file
suff() { # suff DB OUT ARGS...
	_db=$1 _out=$2
	shift 2
	"$cf" sufficiency --db "$_db" "$@" --format csv --out "$_out.d/" >"$_out" 2>&1
	for _f in "$_out.d"/*.csv; do cat "$_f"; echo; done >>"$_out"
}
suff "$db" "$work/s.csv" --as-of 2023-10-01
sed -n '/^ofsted_grade,/,/^$/p' "$work/s.csv" > "$work/grades.csv"
cat > "$work/want.csv" <<'CSV'
ofsted_grade,children_placed,placed_outside_la,providers_in_la,places_in_la
outstanding,2,0,1,3
good,2,1,1,4
requires improvement,1,1,0,0
inadequate,1,1,0,0
not inspected,1,1,0,0
URN not in Ofsted's list,1,0,,
all,8,4,2,7

CSV
check "sufficiency_providers on 2023-10-01 is the hand-worked table" cmp -s "$work/grades.csv" "$work/want.csv"
check "its note counts the URNs not in the list" \
	grep -q '8 children were placed with a URN that day, 1 of them with a URN not in the list' "$work/s.csv"

suff "$db" "$work/s2.csv" --as-of 2023-06-01
check "on 2023-06-01 (before C4's placement) all is 7 3 2 7" grep -qx 'all,7,3,2,7' "$work/s2.csv"

# without a list: the table's cells are blank and a note says what to ingest
edb="$work/e.db"
"$cf" ingest --db "$edb" "$cases/providers/in" "$work/localities.csv" > /dev/null 2>&1
suff "$edb" "$work/e.csv" --as-of 2023-10-01
check "without a list, sufficiency says to ingest Ofsted's list" grep -q 'no Ofsted provider list is loaded' "$work/e.csv"
check "and grades nothing" grep -qx 'all,,,,' "$work/e.csv"

# validate --providers: the findings of tests/cases/validate/providers
"$cf" validate --db "$db" --return 903 --providers --la E06000001 --rules 1008,219,221,224,227,228,229 --format csv --table findings > "$work/v.csv" 2>"$work/v.err"
check "validate --providers finds 1008 229 and the rest (10 findings)" \
	[ "$(grep -c ',error,Episodes,[0-9]*,C' "$work/v.csv")" -eq 10 ]
check "validate --providers names the list's size" grep -q "providers: 6 in Ofsted's list" "$work/v.err"
"$cf" validate --db "$edb" --providers > /dev/null 2>"$work/ve.err"
check "validate --providers without a list exits 1" [ $? -eq 1 ]

# The ONS postcode directory kept in the store (docs/money.md): given first
# on the command line, it is loaded after the return and the localities, and
# keeps only their sectors, as mean grid references:
#   AA1 1 = mean of (400000,300000), (402000,300000) = (401000,300000)
#   AA1 4 (401000,304000): 4,000 m = 2.5 miles from AA1 1
#   AA2 2 (410000,310000): sqrt(9000^2 + 10000^2) = 13,454 m = 8.4 miles
#   BB1 1 (401000,340000): 40,000 m = 24.9 miles, over 20
#   BB2 5 (425000,300000): 24,000 m = 14.9 miles
#   CC1 1 has no grid reference; AA3 2 is not in the directory; ZZ9 9 is
#   not used by the data and not kept. Sectors used: AA1 1 (home), AA2 2,
#   AA1 4, BB1 1, BB2 5, CC1 1, AA3 2: 6 of 7 kept.
# Every child's home is AA1 1; on 2023-10-01 distance is known for C1 C2 C3
# C4 C5 C7 C8 (7), and only C4 (BB1 1) is more than 20 miles away: 14.3%.
# (Placement sector known for all but C10: 9; outside the localities' AA1 1,
# AA1 4, AA2 2: C4 C5 C6 C9 = 4, 44.4%.)
cat > "$work/onspd.csv" <<'CSV'
pcds,oseast1m,osnrth1m,oslaua
AA1 1AA,400000,300000,E06000001
AA1 1AB,402000,300000,E06000001
AA1 4BB,401000,304000,E06000001
AA2 2AD,410000,310000,E06000001
BB1 1AA,401000,340000,E06000002
BB2 5CC,425000,300000,E06000002
CC1 1AA,,,E06000003
ZZ9 9ZZ,1,1,E09000001
CSV
ddb="$work/d.db"
"$cf" ingest --db "$ddb" "$work/onspd.csv" "$cases/providers/in" "$work/localities.csv" > "$work/d.out" 2>&1
check "the directory is loaded after the return, keeping 6 of the 7 sectors the data uses" \
	grep -q 'onspd.csv *ons.postcode_directory *loaded *8 *6 *0 *6 of 7 sectors the data uses' "$work/d.out"
check "only sectors are kept, no postcode" \
	[ "$(sqlite3 "$ddb" "SELECT group_concat(sector || '=' || coalesce(east, '') || ',' || coalesce(north, ''), ' ') FROM (SELECT * FROM postcode_sectors ORDER BY sector)")" = \
	  "AA1 1=401000.0,300000.0 AA1 4=401000.0,304000.0 AA2 2=410000.0,310000.0 BB1 1=401000.0,340000.0 BB2 5=425000.0,300000.0 CC1 1=," ]
suff "$ddb" "$work/d.csv" --as-of 2023-10-01
check "sufficiency measures distance from the stored directory, no --centroids: 7 known, 1 over 20 miles" \
	grep -q '^all,10,9,4,44.4[0-9]*,7,1,14.28[0-9]*$' "$work/d.csv"
check "and says where distance comes from" grep -q 'from the ONS postcode directory kept in the store (6 sectors)' "$work/d.csv"
check "without a directory, sufficiency says to ingest one" grep -q 'ingest the ONS postcode directory' "$work/e.csv"
echo "1..$n"
