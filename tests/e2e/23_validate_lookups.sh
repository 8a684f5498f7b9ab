#!/bin/sh
# The lookup rules' findings for each case of tests/cases/validate_lookups/
# are compared by 70_cases.sh (args, expected). Here: the errors a bad lookup
# file or option gives, and that no full postcode reaches the findings in
# any format. Needs nothing from ../shared.
. "$CASEFLOW_TOP/tests/e2e/lib.sh"
cases="$CASEFLOW_TOP/tests/cases/validate_lookups"
p="$cases/placements"
run() { # run NAME ARGS...: exit status in $work/NAME.rc, stderr in $work/NAME.err
	name=$1; shift
	(cd "$p" && "$cf" validate "$@" --year 2023-24 in > /dev/null 2> "$work/$name.err")
	echo $? > "$work/$name.rc"
}
run nola --postcodes postcodes.csv --authorities authorities.csv
check "--postcodes without --la: usage error" [ "$(cat "$work/nola.rc")" -eq 2 ]
check "--postcodes without --la: says the return does not name its LA" grep -q "does not name its LA" "$work/nola.err"
run noauth --postcodes postcodes.csv --la E08000001
check "--postcodes without --authorities: usage error" [ "$(cat "$work/noauth.rc")" -eq 2 ]
run badla --postcodes postcodes.csv --authorities authorities.csv --la E09999999
check "an LA the lookup does not have: usage error" [ "$(cat "$work/badla.rc")" -eq 2 ]
check "an LA the lookup does not have: named" grep -q "E09999999" "$work/badla.err"
run district --postcodes postcodes.csv --authorities authorities.csv --la e07000001
check "a district's code stands for its upper tier" grep -q "LA E10000001" "$work/district.err"

printf 'pcd,oseast1m,osnrth1m,laua\nAA1 1AA,400000,300000,E08000001\nAA1 1AB,4O3000,304000,E08000001\n' > "$work/badcoord.csv"
run badcoord --postcodes "$work/badcoord.csv" --authorities authorities.csv --la E08000001
check "a grid reference that is not a number: exit 1" [ "$(cat "$work/badcoord.rc")" -eq 1 ]
check "... naming file, row, column and value" \
	grep -q "badcoord.csv:3: column oseast1m: value '4O3000': not a grid reference" "$work/badcoord.err"
printf 'pcd,easting,northing,laua\nAA1 1AA,400000,300000,E08000001\n' > "$work/nocol.csv"
run nocol --postcodes "$work/nocol.csv" --authorities authorities.csv --la E08000001
check "a file without the directory's columns: exit 1" [ "$(cat "$work/nocol.rc")" -eq 1 ]
check "... saying which column is missing" grep -q "no easting (oseast1m, east1m) column" "$work/nocol.err"
printf 'LTLA23CD,UTLA23CD\nE08000001,E08000001\nE07000001,\n' > "$work/blankauth.csv"
run blankauth --postcodes postcodes.csv --authorities "$work/blankauth.csv" --la E08000001
check "an LA lookup row with a blank code: exit 1" [ "$(cat "$work/blankauth.rc")" -eq 1 ]
check "... naming the row and column" grep -q "blankauth.csv:3: column UTLA code" "$work/blankauth.err"
run missing --postcodes "$work/nothere.csv" --authorities authorities.csv --la E08000001
check "a directory that is not there: an error naming it" grep -q "nothere.csv" "$work/missing.err"

(cd "$p" && "$cf" validate --year 2023-24 --la E08000001 --previous prev in --rules 164,392c,1015 --table findings --format csv \
	> "$work/none.csv" 2>/dev/null)
check "without the lookups the lookup rules are skipped, not run" sh -c "! grep -qE '^(164|392c|1015),' '$work/none.csv'"

# Findings show a postcode's sector, never the whole postcode, in any format.
for fmt in csv json xlsx; do
	# the case's own command line, then another --format and --out (the last one given
	# wins); a CSV file holds one table: the findings
	tbl=; [ $fmt = csv ] && tbl="--table findings"
	(cd "$p" && WORK=$work && eval "set -- $(cat args)" && "$cf" "$@" --format $fmt $tbl --out "$work/priv.$fmt" 2>/dev/null)
done
unzip -p "$work/priv.xlsx" > "$work/priv.xlsx.txt" 2>/dev/null
check "the xlsx findings were written" test -s "$work/priv.xlsx.txt"
full=$(cut -d, -f11,12 "$p/in/episodes.csv" | tr ',' '\n' | grep -E '^[A-Za-z]+[0-9][0-9A-Za-z]? ?[0-9][A-Za-z]{2}$' | sort -u)
check "the case has full postcodes to withhold" test -n "$full"
for fmt in csv json xlsx.txt; do
	leaked=$(printf '%s\n' "$full" | while IFS= read -r pc; do grep -qiF "$pc" "$work/priv.$fmt" && echo "$pc"; done)
	check "validate --format ${fmt%.txt}: no full postcode in the output${leaked:+ (found: $leaked)}" test -z "$leaked"
done
check "... the sector is shown instead" grep -q "AA1 1 (sector; full postcode withheld)" "$work/priv.csv"
echo "1..$n"
