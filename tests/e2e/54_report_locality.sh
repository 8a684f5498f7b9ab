# caseflow report --locality NAME: a locality manager's page, the panels
# drawn from the indicators for the children whose home area is in that
# locality, on a hand-made return whose counts are worked out below.
. "$CASEFLOW_TOP/tests/e2e/lib.sh"
db="$work/t.db"
mkdir -p "$work/r/2023-24" "$work/loc"
# North: A (in care on 31 March), D (started and left in the year)
# South: C (in care since 2022), E (started February 2024)
# no known area: B (started May 2023, in care on 31 March)
cat > "$work/r/2023-24/episodes.csv" <<'CSV'
CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN
A,01/06/2023,S,C2,N1,U1,PR1,,,,,,
B,10/05/2023,S,C2,N2,U1,PR1,,,,,,
C,01/01/2022,S,C2,N1,U3,PR1,,,,,,
D,01/05/2023,S,V2,N2,U1,PR1,30/09/2023,E13,,,,
E,01/02/2024,S,C2,N1,U1,PR1,,,,,,
CSV
cat > "$work/r/2023-24/header.csv" <<'CSV'
CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB
A,1,15/04/2010,WBRI,,,
B,2,01/04/2012,WBRI,,,
C,1,31/03/2008,WBRI,,,
D,2,01/06/2011,WBRI,,,
E,1,01/01/2015,WBRI,,,
CSV
printf 'area,locality\nLS1 4AB,North\nLS2 8CD,South\n' > "$work/loc/localities.csv"
printf 'child_id,postcode\nA,LS1 4AB\nD,LS1 4AB\nC,LS2 8CD\nE,LS2 8CD\n' > "$work/loc/child_areas.csv"
"$cf" ingest --db "$db" "$work/r" "$work/loc" >/dev/null 2>&1
check "the store loads" [ $? -eq 0 ]

"$cf" report --db "$db" --out "$work/all" --period 2023-24 >/dev/null 2>&1
"$cf" report --db "$db" --out "$work/north" --period 2023-24 --locality North >"$work/north.out" 2>&1
check "report --locality North exits 0 and says whose it is" sh -c 'grep -q "^Vital Signs for North, 2023-24 written" "$0"' "$work/north.out"
h="$work/north/index.html"
# one indicator's cell of indicators.csv: indicator, group column 4 -> numerator (5) and value (7)
val() { awk -F, -v i="$2" -v g="$3" '$1 == i && $4 == g { print $5 "," $7 }' "$1"; }
# the authority: A, B, C and E in care on 31 March (4); A, B, D and E started (4)
check "the authority's report: 4 in care on 31 March, 4 started" \
	sh -c '[ "$1" = "4,4" ] && [ "$2" = "4,4" ]' _ "$(val "$work/all/indicators.csv" cla_31mar all)" "$(val "$work/all/indicators.csv" cla_started all)"
# North: A in care on 31 March (1); A and D started (2)
check "North's report: 1 in care on 31 March (A), 2 started (A, D)" \
	sh -c '[ "$1" = "1,1" ] && [ "$2" = "2,2" ]' _ "$(val "$work/north/indicators.csv" cla_31mar North)" "$(val "$work/north/indicators.csv" cla_started North)"
"$cf" kpi --db "$db" --period 2023-24 --by locality --format csv >"$work/kpi.csv" 2>/dev/null
# every indicator North's report computes is kpi --by locality's North row
awk -F, 'NR > 1 && $4 == "North" { print $1 "," $5 "," $6 "," $7 }' "$work/kpi.csv" | sort >"$work/kpi.north"
awk -F, 'NR > 1 && $4 == "North" { print $1 "," $5 "," $6 "," $7 }' "$work/north/indicators.csv" | sort >"$work/rep.north"
check "every figure of North's report is kpi --by locality's for North ($(wc -l <"$work/rep.north") indicators)" \
	sh -c 'test "$(wc -l <"$0")" -gt 10 && join -t, "$0" "$1" | awk -F, "{ if (\$2 != \$5 || \$3 != \$6 || \$4 != \$7) bad = 1; n++ } END { exit bad || n < 10 }"' \
	"$work/rep.north" "$work/kpi.north"
check "no other locality in North's indicators" sh -c '! grep -q ",South," "$0"' "$work/north/indicators.csv"
check "the page is North's: its heading, and a note of what it leaves to the authority's report" \
	sh -c 'grep -q "<h1>Children.s services: Vital Signs for North</h1>" "$0" && grep -q "home area is in North" "$0"' "$h"
check "the panels drawn from the indicators are there" \
	sh -c 'for p in headlines funnel placements trends entry-ages notes; do grep -q "<section class=\"panel[^\"]*\" id=\"$p\"" "$0" || exit 1; done' "$h"
check "... and the authority's own are not (localities, forecast, programme, workforce, quality)" \
	sh -c 'for p in localities forecast programme workforce quality money; do ! grep -q "id=\"$p\"" "$0" || exit 1; done' "$h"
# the headline tile of children looked after on 31 March: North's 1, not the authority's 4
tile() { tr -d '\n' <"$1" | sed 's/<div class="tile/\n&/g' | grep "<h3>Children looked after</h3>" | head -1 | sed -n 's/.*<p class="v">\([^<]*\)<.*/\1/p'; }
check "the headline tile: North's 1 in care on 31 March (the authority's page: 4)" \
	sh -c '[ "$1" = 1 ] && [ "$2" = 4 ]' _ "$(tile "$h")" "$(tile "$work/all/index.html")"
"$cf" report --db "$db" --out "$work/x" --locality Nowhere >/dev/null 2>"$work/err"
check "an unknown locality exits 1 and lists the store's" sh -c '[ "$1" -eq 1 ] && grep -q "North, South" "$0"' "$work/err" $?
"$cf" report --db "$db" --out "$work/x" --locality North --la 380 >/dev/null 2>&1
check "--locality with --la (an authority panel) is a usage error" [ $? -eq 2 ]
echo "1..$n"
