#!/bin/sh
# Money and sufficiency on hand-worked extracts (docs/money.md). Every figure
# below is worked by hand: a night costs weekly / 7, from the start to the
# night before the end; FY 2024-25, as of 2024-09-30.
#   A IFA £700/wk 2024-03-01..2024-04-11 (crosses the year end): 10 nights in
#     2024-25 = £1,000 (31 nights = £3,100 in 2023-24)
#   B IFA £1,400/wk Mon 2024-05-06..Thu 2024-05-09 (part week): 3 nights = £600
#   C in-house £70/wk 2023-01-01..2024-06-01: 366 nights in 2023-24 (leap year,
#     2024-02-29) = £3,660; 61 nights in 2024-25 = £610
#   D private residential £3,500/wk from 2024-09-01, open: 30 nights to date =
#     £15,000; 182 nights committed to 31 March = £91,000
#   E private residential £2,000/wk 2024-04-01..2024-04-29 with health £140 and
#     education £70 a week: 28 nights, gross £8,000, contributions £840
#   F IFA "£1,050.00"/wk 2023-04-01..2023-05-01: 30 nights in 2023-24 = £4,500
#   G in-house £210/wk 2024-06-01..2024-09-01 with household FH2: 92 nights = £2,760
. "$CASEFLOW_TOP/tests/e2e/lib.sh"
db="$work/m.db"
q() { sqlite3 "$db" "$1"; }
mkdir -p "$work/in"
cat > "$work/in/placement_costs.csv" <<'CSV'
Child ID,Placement Start,Placement End,Provider ID,Provider Name,Provider Type,Placement Type,Weekly Cost,Cost Centre,Health Contribution,Education Contribution
A,01/03/2024,11/04/2024,P1,Acorn Fostering,IFA,U4,700,CC1,,
B,2024-05-06,2024-05-09,P1,Acorn Fostering,independent fostering agency,U4,"1,400.00",CC1,,
C,2023-01-01,2024-06-01,FH1,,In-house fostering,U4,70,CC1,,
D,2024-09-01,,H1,Oak House,private residential,K2,3500,CC2,,
E,2024-04-01,2024-04-29,H2,Elm House,Private Residential,K2,2000,CC2,140,70
F,2023-04-01,2023-05-01,P2,Birch Fostering,IFA,U4,"£1,050.00",CC1,,
G,2024-06-01,2024-09-01,FH2,,in-house fostering,U4,210,CC1,,
X1,2024-04-01,,P1,Acorn Fostering,IFA,U4,abc,CC1,,
X2,2024-04-01,,S1,,spaceship,U4,100,CC1,,
X3,2024-04-10,2024-04-01,P1,Acorn Fostering,IFA,U4,100,CC1,,
CSV
# CC1 has no profile (straight line: 183 of 365 days to 30 September = £2,506.85);
# CC2's profile gives £48,000 for April to September
cat > "$work/in/budgets.csv" <<'CSV'
financial_year,cost_centre,budget,apr,may,jun,jul,aug,sep,oct,nov,dec,jan,feb,mar
2024-25,CC1,5000,,,,,,,,,,,,
2024/25,CC2,"£100,000",8000,8000,8000,8000,8000,8000,8000,8000,8000,8000,10000,10000
2024,CC3,1,,,,,,,,,,,,
2025-26,CC1,1200,100,100,,,,,,,,,,
CSV
printf 'date,period,cost_centre,amount\n31/05/2024,,CC1,1500\n,2024-06,CC2,7000\n2024-10-15,,CC2,9999\n,June,CC2,5\n' \
	> "$work/in/ledger.csv"
cat > "$work/in/foster_households.csv" <<'CSV'
household_id,approved_from,deregistered_on,approved_places,age_range,type,locality
FH1,2024-01-10,,2,0-10,Mainstream,North
FH2,2024-06-01,2024-09-01,1,11-17,connected-person,South
FH3,2024-07-01,,x,0-17,mainstream,North
CSV
cat > "$work/in/homes.csv" <<'CSV'
home_id,name,places,registered_from,registered_to,urn,in_house
H1,Oak House,4,2019-01-01,,SC000001,no
H3,Ash House,3,2020-01-01,,SC000003,yes
H4,Old House,2,2010-01-01,2020-01-01,SC000004,yes
CSV
"$cf" ingest --db "$db" "$work/in" > "$work/out.txt" 2>&1
check "the five extracts load" [ $? -eq 0 ]
check "each is its own return" [ "$(q "SELECT count(*) FROM returns WHERE kind IN ('local.placement_costs', 'local.budgets', 'local.ledger', 'local.foster_households', 'local.homes')")" = 5 ]
check "placement costs: 7 of 10 rows stored" [ "$(q 'SELECT count(*) FROM placement_costs')" = 7 ]
check "a weekly cost that is not money: named by row and column" \
	[ "$(q "SELECT row || ',' || column_name || ',' || value FROM issues WHERE tbl = 'placement_costs' AND kind = 'bad_number'")" = "9,weekly_cost,abc" ]
check "an unknown provider type: named" \
	[ "$(q "SELECT row || ',' || value FROM issues WHERE column_name = 'provider_type'")" = "10,spaceship" ]
check "an end before the start: named" \
	[ "$(q "SELECT row FROM issues WHERE column_name = 'placement_end' AND kind = 'bad_date'")" = 11 ]
check "provider types stored in one spelling" \
	[ "$(q "SELECT group_concat(DISTINCT provider_type) FROM (SELECT provider_type FROM placement_costs ORDER BY provider_type)")" = "IFA,in-house fostering,private residential" ]
check "£ and thousands commas read" [ "$(q "SELECT weekly_cost FROM placement_costs WHERE child = 'F'")" = 1050.0 ]
check "a bare year is not a financial year" \
	[ "$(q "SELECT row || ',' || column_name FROM issues WHERE tbl = 'budgets' AND column_name = 'financial_year'")" = "4,financial_year" ]
check "part of a monthly profile: named, and not used" \
	[ "$(q "SELECT row || ',' || value FROM issues WHERE tbl = 'budgets' AND column_name = 'apr'")" = "5,2 of 12" ]
check "a whole profile is stored" [ "$(q "SELECT sep || ',' || mar FROM budgets WHERE cost_centre = 'CC2'")" = "8000.0,10000.0" ]
check "a ledger period is posted on its last day" [ "$(q "SELECT posted FROM ledger WHERE cost_centre = 'CC2' AND amount = 7000")" = 2024-06-30 ]
check "an unreadable period: named" [ "$(q "SELECT row || ',' || value FROM issues WHERE tbl = 'ledger'")" = "5,June" ]
check "households: places that are not a number: named" \
	[ "$(q "SELECT row || ',' || column_name FROM issues WHERE tbl = 'foster_households'")" = "4,approved_places" ]
check "household types in one spelling" [ "$(q "SELECT household_type FROM foster_households WHERE household_id = 'FH2'")" = "connected person" ]

csv_tables money --db "$db" --year 2024-25 --as-of 2024-09-30 > "$work/money.csv" 2> "$work/err.txt"
check "money runs" [ $? -eq 0 ]
check "CC1: A £1,000 + B £600 + C £610 + G £2,760 to date; budget £5,000; ledger £1,500" \
	grep -q '^CC1,4,4970,0,4970,0,4970,5000,-30,.*,1500,-3470$' "$work/money.csv"
cents() { awk -F, -v c="$1" '$1 == c { printf "%.2f,%.2f", $10, $11; exit }' "$work/money.csv"; }
check "CC1's budget to date on a straight line: 183/365 of £5,000" [ "$(cents CC1)" = "2506.85,2463.15" ]
check "CC2: D £15,000 + E £8,000 less £840 contributions; D's £91,000 committed; budget to date from its profile; ledger to date only" \
	grep -qx 'CC2,2,23000,840,22160,91000,113160,100000,13160,48000,-25840,7000,-15160' "$work/money.csv"
check "all cost centres" grep -q '^all,6,27970,840,27130,91000,118130,105000,13130,.*,8500,-18630$' "$work/money.csv"
check "all: budget to date and its variance" [ "$(cents all)" = "50506.85,-23376.85" ]
check "unit costs by provider type: IFA mean, median and p90 of 700 and 1,400" \
	grep -qx 'provider_type,IFA,,2,2,1050,1050,1400' "$work/money.csv"
check "unit costs by placement type: U4 of 70, 210, 700, 1,400 (median 455, p90 the 4th)" \
	grep -qx 'placement_type,U4,,4,4,595,455,1400' "$work/money.csv"
check "top provider: Oak House" grep -qx '1,H1,Oak House,private residential,1,15000' "$work/money.csv"
check "top provider with two children: Acorn" grep -qx '4,P1,Acorn Fostering,IFA,2,1600' "$work/money.csv"
check "the open placement at the as-of date is the top placement" \
	grep -qx '1,D,2024-09-01,private residential,K2,3500,0,15000' "$work/money.csv"

csv_tables money --db "$db" --year 2023-24 > "$work/m23.csv" 2>&1
check "2023-24 (a leap year), all of it: A £3,100 + C £3,660 + F £4,500" \
	grep -qx 'CC1,3,11260,0,11260,0,11260,,,,,,' "$work/m23.csv"
check "2023-24 has no budget: said in one sentence" grep -q 'No budget for 2023-24 is loaded' "$work/m23.csv"

"$cf" money --db "$db" --year 2024-25 --as-of 2024-09-30 --format json > "$work/money.json" 2>&1
check "json output" grep -q '"net_committed": *91000' "$work/money.json"
"$cf" money --db "$db" --year 2024-25 --as-of 2024-09-30 --format xlsx --out "$work/money.xlsx" > /dev/null 2>&1
check "xlsx output" [ -s "$work/money.xlsx" ]
"$cf" money --db "$db" --year 2024 > /dev/null 2> "$work/err.txt"
check "--year 2024 is a usage error" [ $? -eq 2 ]

suff() { csv_tables sufficiency --db "$db" --as-of "$1"; }
suff 2024-05-31 > "$work/s1.csv" 2>&1
check "before FH2 is approved: FH1's 2 places, C in one" grep -qx 'all,all,1,2,1,1,50' "$work/s1.csv"
suff 2024-06-01 > "$work/s2.csv" 2>&1
check "the day FH2 is approved: its place counts and G occupies it; C has left FH1" \
	grep -qx 'all,all,2,3,1,2,33.33333333' "$work/s2.csv"
check "by locality" grep -qx 'locality,South,1,1,1,0,100' "$work/s2.csv"
suff 2024-08-31 > "$work/s3.csv" 2>&1
check "the day before FH2 is deregistered" grep -qx 'all,all,2,3,1,2,33.33333333' "$work/s3.csv"
suff 2024-09-01 > "$work/s4.csv" 2>&1
check "the day FH2 is deregistered: its place and G's placement are gone" grep -qx 'all,all,1,2,0,2,0' "$work/s4.csv"
check "homes: D occupies Oak House from its first day" grep -qx 'H1,SC000001,no,4,1,3,25' "$work/s4.csv"
check "homes: one deregistered in 2020 is not shown" sh -c "! grep -q '^H4,' '$work/s4.csv'"
check "in-house homes" grep -qx 'all in-house,,,3,0,3,0' "$work/s4.csv"
check "no SSDA903 episodes: said, and need taken from the placement costs" \
	grep -q 'fostering,0,2,-2,placement costs' "$work/s4.csv"
check "distance: what is missing is said in one sentence" grep -q 'Distance (more than 20 miles from home) is not shown' "$work/s4.csv"

edb="$work/empty.db"
printf 'area,locality\nXS1 2,North\n' > "$work/loc.csv"
"$cf" ingest --db "$edb" "$work/loc.csv" > /dev/null 2>&1
csv_tables money --db "$edb" --year 2024-25 --as-of 2024-09-30 > "$work/e.csv" 2>&1
check "a store with no extracts: money runs and says so" grep -q 'No placement_costs extract is loaded' "$work/e.csv"
csv_tables sufficiency --db "$edb" --as-of 2024-09-30 > "$work/e2.csv" 2>&1
check "and sufficiency says what is missing" grep -q 'No foster_households extract is loaded' "$work/e2.csv"

# The placement-shift scenario, by hand: an IFA placement at £700 a week and an
# in-house one at £210, both open from 2024-01-01 (the extract's last day, so
# its 12 months price them alone). Two children a year for one year from
# 2025-04-01: moves on 2025-04-01 and 182 days later, 2025-09-30.
#   2025-26: 365 + 183 = 548 nights: £54,800 at IFA, £16,440 in-house, saving
#            £38,360; 2 carers of one place, both new
#   2026-27: 730 nights: £73,000, £21,900, saving £51,100; no new carers
sdb="$work/shift.db"
mkdir -p "$work/shift"
printf 'child_id,placement_start,provider_type,weekly_cost\nS1,2024-01-01,IFA,700\nS2,2024-01-01,in-house fostering,210\n' \
	> "$work/shift/placement_costs.csv"
printf 'from: independent fostering agency\nchildren_per_year: 2\nyears: 1\nstart: 2025-04-01\nplaces_per_household = 1  # one each\n' \
	> "$work/shift.txt"
"$cf" ingest --db "$sdb" "$work/shift" > /dev/null 2>&1
csv_tables money --db "$sdb" --year 2025-26 --as-of 2025-04-01 --shift "$work/shift.txt" > "$work/shift.csv" 2>&1
check "money --shift runs" [ $? -eq 0 ]
check "the shift's first year, by hand" grep -qx '2025-26,2,2,548,54800,16440,38360,2,2' "$work/shift.csv"
check "its second year, by hand" grep -qx '2026-27,0,2,730,73000,21900,51100,2,0' "$work/shift.csv"
printf 'from: IFA\nchildren_per_year: 2\nyears: 1\n' > "$work/shift2.txt"
"$cf" money --db "$sdb" --shift "$work/shift2.txt" > /dev/null 2> "$work/err.txt"
check "a scenario without its start: named" grep -q 'start is not given' "$work/err.txt"
printf 'from: in-house fostering\n' > "$work/shift3.txt"
"$cf" money --db "$sdb" --shift "$work/shift3.txt" > /dev/null 2> "$work/err.txt"
check "a shift from in-house: refused at its line" grep -q 'shift3.txt.*1' "$work/err.txt"
printf 'from: secure\nchildren_per_year: 1\nyears: 1\nstart: 2025-04-01\nplaces_per_household: 1\n' > "$work/shift4.txt"
"$cf" money --db "$sdb" --shift "$work/shift4.txt" > /dev/null 2> "$work/err.txt"
check "no placements of the type to price: said" grep -q 'no secure placements' "$work/err.txt"
# The same shift as a programme savings line (docs/programme.md): first_year
# 2025, in pounds. Its savings by year are the shift's, 38,360 in 2025-26
# and 51,100 in 2026-27; the business case stores increments: 38,360 in
# year 0 and 51,100 - 38,360 = 12,740 in year 1 (amount_e4: x 10,000).
mkdir -p "$work/prog"
cp "$work/shift.txt" "$work/prog/shift.txt"
printf 'setting,value\nname,Shift\nunit,pounds\nfirst_year,2025\n' > "$work/prog/programme.csv"
printf 'workstream,name\nsupply,Foster carers\n' > "$work/prog/workstreams.csv"
printf 'year,workstream,saving,forecast,shift\n,supply,,,shift.txt\n0,supply,100,,\n' > "$work/prog/savings.csv"
"$cf" programme --db "$sdb" --load "$work/prog" > "$work/load.txt" 2>&1
check "a programme with a shift savings line loads" [ $? -eq 0 ]
check "the load lists the shift's years, by hand" \
	grep -q '2  supply  *shift.txt  *1  2026-27  *73000  *21900  *51100  *12740$' "$work/load.txt"
check "the business case stores the increments (and the line given as an amount)" \
	[ "$(sqlite3 "$sdb" "SELECT group_concat(year || ':' || amount_e4, ' ') FROM (SELECT year, amount_e4 FROM programme_savings ORDER BY row, year)")" = "0:383600000 1:127400000 0:1000000" ]
check "the shift file is kept as a source of the programme" \
	[ "$(sqlite3 "$sdb" "SELECT count(*) FROM returns WHERE kind = 'programme.shift.2@Shift'")" = 1 ]
csv_tables programme show --db "$sdb" > "$work/show.csv" 2>&1
check "gross savings: 38,460 in year 0 (with the 100 given), 51,200 in year 1" \
	grep -qx 'supply,1,0,0,0,-12740,-51200,-51200,-89660' "$work/show.csv"

printf 'year,workstream,saving,forecast,shift\n,supply,5,,shift.txt\n' > "$work/prog/savings.csv"
"$cf" programme --db "$sdb" --load "$work/prog" > "$work/err.txt" 2>&1
check "a shift line with a saving: exit 1 naming row and column" \
	sh -c '[ $1 -eq 1 ] && grep -q "savings.csv:2: column saving: .*leave saving blank" "$2"' sh $? "$work/err.txt"
printf 'year,workstream,saving,forecast,shift\n,supply,,,shift4.txt\n' > "$work/prog/savings.csv"
cp "$work/shift4.txt" "$work/prog/shift4.txt"
"$cf" programme --db "$sdb" --load "$work/prog" > "$work/err.txt" 2>&1
check "a shift that cannot be priced: exit 1 naming the line, nothing stored" \
	sh -c '[ $1 -eq 1 ] && grep -q "savings.csv:2: column shift: .*no secure placements" "$2" && grep -q "nothing was stored" "$2"' sh $? "$work/err.txt"
printf 'setting,value\nname,Shift3\nunit,pounds\nfirst_year,2026\n' > "$work/prog/programme.csv"
printf 'year,workstream,saving,forecast,shift\n,supply,,,shift.txt\n' > "$work/prog/savings.csv"
"$cf" programme --db "$sdb" --load "$work/prog" > "$work/err.txt" 2>&1
check "a shift saving before year 0: refused" \
	sh -c '[ $1 -eq 1 ] && grep -q "the shift saves 38360 pounds in 2025-26, before the programme.s year 0" "$2"' sh $? "$work/err.txt"
# The forecast outturn by cost centre, and with inflation, on the hand-made
# SSDA903 return of tests/cases/programme/_modelled (its episodes cover
# 2023-10-31). As of 2023-10-31 in 2023-24:
#   Q1 CC1 IFA £700/wk from 2023-09-01, open: to date 61 nights = £6,100;
#     committed 2023-11-01..2024-03-31 = 152 nights (29 February) = £15,200
#   Q2 CC2 in-house £350/wk from 2022-06-01, open: to date 214 nights =
#     £10,700; committed 152 nights = £7,600
# Gross committed 22,800: CC1 has 15,200 / 22,800 = 2/3 of the new
# placements (forecast cost X - 22,800), CC2 1/3; a centre's forecast
# outturn = net to date + gross committed + its share.
# The unit costs' window is the extract's last 12 months, 2022-09-02 to
# 2023-09-01 (Q1's start, the latest): with --inflation 10 every forecast
# day is past its first anniversary (2023-09-02), so X is 1.1 times as much.
odb="$work/outturn.db"
mkdir -p "$work/ot"
printf 'child_id,placement_start,provider_id,provider_type,weekly_cost,cost_centre\nQ1,2023-09-01,P1,IFA,700,CC1\nQ2,2022-06-01,FHA,in-house fostering,350,CC2\n' \
	> "$work/ot/placement_costs.csv"
# for the report's occupancy chart: FHA has 2 places and Q2; H1 3 places, empty
printf 'household_id,approved_from,approved_places\nFHA,2022-01-01,2\n' > "$work/ot/foster_households.csv"
printf 'home_id,places,registered_from,in_house\nH1,3,2020-01-01,yes\n' > "$work/ot/homes.csv"
printf 'financial_year,cost_centre,budget\n2023-24,CC1,30000\n' > "$work/ot/budgets.csv"
"$cf" ingest --db "$odb" "$CASEFLOW_TOP/tests/cases/programme/_modelled/data/2023_24" > /dev/null 2>&1
"$cf" ingest --db "$odb" "$work/ot" > /dev/null 2>&1
csv_tables money --db "$odb" --year 2023-24 --as-of 2023-10-31 --outturn > "$work/ot.csv" 2>&1
check "money --outturn on the hand-made return runs" [ $? -eq 0 ]
x=$(awk -F, '$1 == "forecast_cost_to_year_end" { print $2 }' "$work/ot.csv")
# near A B ...: each pair of the csv's figures within half a penny
near='function near(a, b) { return (a - b < 0.005 && b - a < 0.005) ? "=" : a "!=" b }
/^cost_centre,net_to_date,gross_committed,/ { on = 1 }'   # the outturn_by_cost_centre table
check "CC1: 6,100 to date, 15,200 committed, 2/3 of X - 22,800 (X = $x), its outturn and variance to 30,000" \
	[ "$(awk -F, -v x="$x" "$near"' on && $1 == "CC1" { print $2, $3, near($4, 200 / 3), near($5, (x - 22800) * 2 / 3), near($6, 6100 + 15200 + (x - 22800) * 2 / 3), $7, near($8, $6 - 30000) }' "$work/ot.csv")" = "6100 15200 = = = 30000 =" ]
check "CC2: 10,700 to date, 7,600 committed, 1/3, no budget" \
	[ "$(awk -F, -v x="$x" "$near"' on && $1 == "CC2" { print $2, $3, near($4, 100 / 3), near($5, (x - 22800) / 3), near($6, 10700 + 7600 + (x - 22800) / 3), "[" $7 "]" }' "$work/ot.csv")" = "10700 7600 = = = []" ]
check "the centres add up to the authority's forecast outturn" \
	[ "$(awk -F, "$near"' $1 == "forecast_outturn" { a = $2 } on && ($1 == "CC1" || $1 == "CC2") { s += $6 } on && $1 == "all" { b = $6 } END { print near(s, a), near(b, a) }' "$work/ot.csv")" = "= =" ]
csv_tables money --db "$odb" --year 2023-24 --as-of 2023-10-31 --outturn --inflation 10 > "$work/ot10.csv" 2>&1
check "--inflation 10: the forecast part is 1.1 times as much" \
	[ "$(awk -F, -v x="$x" '$1 == "forecast_cost_to_year_end" { printf "%.4f", $2 / x }' "$work/ot10.csv")" = 1.1000 ]
check "... and says from when" grep -q 'rising 10.00% a year from 2022-09-02' "$work/ot10.csv"
check "... commitments are not inflated" grep -q '^outturn_on_commitments,39600,' "$work/ot10.csv"
"$cf" money --db "$odb" --year 2023-24 --inflation 3 > /dev/null 2> "$work/err.txt"
check "--inflation without --outturn: a usage error" [ $? -eq 2 ]
# Need by age band over the forecast horizon, on the same return. On
# 2023-10-31 six children are in care (C1-C4, C6, C7; C5 left on 30 June,
# C8 comes in on 1 November), all born 2011-06-01: 12, in the 10-16 band,
# in foster care. The reference window is the data's last 12 months
# (2023-04-01 to 2024-03-31, 366 days) with 3 entrants (C6, C7, C8), aged
# 12 into foster care, and no one leaving foster care: 3/366 a day. So
# 30 November: 6 + 30 x 3/366 = 6.2459; 31 December: 6 + 61 x 3/366 = 6.5.
csv_tables sufficiency --db "$odb" --as-of 2023-10-31 --forecast 2 > "$work/sf.csv" 2>&1
check "sufficiency --forecast 2 runs" [ $? -eq 0 ]
check "need forecast: the 10-16s on 30 November, all in foster care" \
	grep -qx '2023-11-30,10-16,6.245901639,6.245901639,0,0,0' "$work/sf.csv"
check "... and on 31 December" grep -qx '2023-12-31,10-16,6.5,6.5,0,0,0' "$work/sf.csv"
check "... every other band none, five bands a month" \
	[ "$(awk -F, '/^month_end,age_band,/ { on = 1; next } on && $1 ~ /^20/ { n++; if ($2 != "10-16" && $3 != 0) bad++ } END { print n "," bad + 0 }' "$work/sf.csv")" = "10,0" ]
# The report's Money panel charts spend against budget. 2023-24, as of its
# last day: CC1 (Q1, 2023-09-01 to 31 March: 213 nights x £100) £21,300 of
# £30,000 = 71.0%; all: £21,300 + Q2's 366 nights x £50 = £39,600 of
# £30,000 = 132.0%; CC2 has no budget and no bar.
"$cf" report --db "$odb" --period 2023-24 --out "$work/rep" > /dev/null 2>&1
check "the report runs on the hand-made store" [ $? -eq 0 ]
check "the Money panel's chart: spend against budget by cost centre, by hand" \
	grep -q 'as a percentage of budget, by cost centre: CC1 71.0%; all 132.0%</desc>' "$work/rep/index.html"
check "... with the budget line at 100%" grep -q 'class="ref"/><text [^>]*>budget</text>' "$work/rep/index.html"
# and the Sufficiency panel occupancy on 2024-03-31: FHA 1 of 2 places =
# 50.0%; H1 0 of 3; all homes 0 of 3
check "the Sufficiency panel's chart: occupancy of carers and homes, by hand" \
	grep -q 'on 2024-03-31: in-house foster carers 50.0%; H1 0.0%; all homes 0.0%</desc>' "$work/rep/index.html"
check "... laid out from the typed capacity: the carers' table" \
	grep -q '<th scope="row">all</th><td>all</td><td class="num">1</td><td class="num">2</td><td class="num">1</td><td class="num">1</td><td class="num">50.0</td>' "$work/rep/index.html"
echo "1..$n"
