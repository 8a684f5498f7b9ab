# caseflow programme with modelled lines, on a hand-made SSDA903 return
# (tests/cases/programme/modelled; its README works the figures): savings
# from a forecast scenario, workforce demand from a forecast and from an
# indicator, benefit actuals from the indicator engine, and the errors.
. "$CASEFLOW_TOP/tests/e2e/lib.sh"

case_dir="$CASEFLOW_TOP/tests/cases/programme/modelled"
db="$work/m.db"
"$cf" ingest --db "$db" "$case_dir/data/2023_24" >/dev/null 2>&1
check "the hand-made return ingests" test $? -eq 0
cp "$db" "$work/data.db"   # the data alone, for the variants below
prog="$work/programme"
cp -r "$case_dir/programme" "$prog"

# the forecast engine on the same inputs: 2024-25 and 2025-26 cost
# 27,375.00 and 81,975.41 less in the scenario (README)
"$cf" forecast --db "$db" --costs "$prog/unit_costs.csv" --scenario "$prog/halve.txt" --table scenario \
	--format csv >"$work/fc.csv"
check "forecast: 2024-25 costs 27,375 less" grep -q '^year,2024-25,.*,-27375,-27375$' "$work/fc.csv"
check "forecast: 2025-26 costs 81,975.41 less" grep -q '^year,2025-26,.*,-81975\.4098[0-9]*,' "$work/fc.csv"

"$cf" programme --db "$db" --load "$prog" >"$work/load" 2>&1
check "the programme loads" test $? -eq 0
check "the load lists the modelled savings" grep -q "demand  *halve  *1  2025-26  .* 81975  *54.600$" "$work/load"

show() { "$cf" programme show --db "$db" --as-of 2024-09-30 "$@"; }
show --format csv >"$work/bc.csv"
check "demand's gross savings are the scenario's difference in £000: year 0" \
	grep -qx "demand,0,20,0,20,-27.375,-27.375,-7.375,-7.375" "$work/bc.csv"
check "... year 1 (81,975.41 to the pound; 54.6 more than year 0)" \
	grep -qx "demand,1,0,10,10,-54.6,-81.975,-71.975,-79.35" "$work/bc.csv"
# the same figures taken from the forecast's own output, whatever they are
awk -F, '$1 == "year" { x = $10; r = x < 0 ? -int(-x + 0.5) : int(x + 0.5); printf "%d,%.3f\n", substr($2, 1, 4) - 2024, r / 1000 }' \
	"$work/fc.csv" >"$work/want"
awk -F, '$1 == "demand" && $2 != "total" { printf "%d,%.3f\n", $2, $7 }' "$work/bc.csv" >"$work/got"
check "gross savings equal 'caseflow forecast --scenario' differences by financial year" cmp -s "$work/want" "$work/got"
check "the whole case adds the supply line given as an amount" grep -qx "1,0,10,10,-59.6,-86.975,-76.975,-84.35" "$work/bc.csv"

# workforce: the scenario's children at each month-end, at 1:2 and span 1:6
show --view workforce --format csv >"$work/wf.csv"
check "24 months of demand from the forecast" test "$(grep -c '^20[0-9-]*,[0-9.]*,2,6,0,' "$work/wf.csv")" -eq 24
check "April 2024: 7 + 45/366 children, 4 social workers, 1 manager" \
	grep -q "^2024-04-30,7.1229508[0-9]*,2,6,0,4,1,5,0,0,$" "$work/wf.csv"
check "March 2026: 7 + 1095/366 children, 5 social workers" \
	grep -q "^2026-03-31,9.9918032[0-9]*,2,6,0,5,1,6,0,0,$" "$work/wf.csv"

# benefits: children in care at each month-end from the store, the
# actuals sheet where the store has no data
show --view benefits --format csv >"$work/bn.csv"
check "B1 June 2023: 5 in care (C5 left on the 30th), not the sheet's 99" grep -q "^B1,2023-06,.*,5,2023-06-30," "$work/bn.csv"
check "B1 November 2023: 7 in care" grep -q "^B1,2023-11,.*,7,2023-11-30," "$work/bn.csv"
check "B1 June 2024, after the data: the sheet's 6" grep -q "^B1,2024-06,4,6,2024-06-30,2,red$" "$work/bn.csv"
check "the register says where B1's actuals came from" grep -q '^B1,.*,"store (indicator), actuals sheet where the store has none"$' "$work/bn.csv"
check "a manual benefit keeps the sheet's actuals" grep -q "^B2,2023-06,.*,2,2023-06-30," "$work/bn.csv"

# workforce demand from an indicator: children looked after at each month-end
sed -i 's/^cases,,,,,halve,$/cases,,,,1,,cla_31mar/' "$prog/workforce.csv"
"$cf" programme --db "$db" --load "$prog" >"$work/load" 2>&1
check "a demand from an indicator loads" grep -q "workforce demand from indicator cla_31mar: 12 months, 2023-04-30 to 2024-03-31" "$work/load"
show --view workforce --format csv >"$work/wf.csv"
check "May 2023: 6 in care, 3 social workers" grep -q "^2023-05-31,6,2,6,0,3,1,4,0,0,$" "$work/wf.csv"
check "November 2023: 7 in care, 4 social workers" grep -q "^2023-11-30,7,2,6,0,4,1,5,0,0,$" "$work/wf.csv"
show --view all --format table >"$work/before"

# errors name the sheet, row and column; nothing is stored
bad() { # bad NAME: a copy of the programme under another name
	rm -rf "$work/$1"; cp -r "$prog" "$work/$1"
	sed -i "s/^name,.*/name,$1/" "$work/$1/programme.csv"
}
bad nodata
"$cf" programme --db "$work/empty.db" --load "$work/nodata" >"$work/out" 2>&1
check "no SSDA903 data: exit 1 naming the forecast's row" sh -c '[ $1 -eq 1 ] && grep -q "forecasts.csv:2: column forecast: value .halve.: sheet forecasts: no episodes in the store" "$2"' sh $? "$work/out"
check "... and nothing is stored" grep -q "nothing was stored" "$work/out"
bad nofile
sed -i 's/^halve,halve.txt,/halve,halfe.txt,/' "$work/nofile/forecasts.csv"
"$cf" programme --db "$db" --load "$work/nofile" >"$work/out" 2>&1
check "a missing scenario file: exit 1 naming row 2, column scenario" sh -c '[ $1 -eq 1 ] && grep -q "forecasts.csv:2: column scenario: value .halfe.txt.: sheet forecasts: no such file" "$2"' sh $? "$work/out"
bad badline
echo "multiply entry -1" >>"$work/badline/halve.txt"
"$cf" programme --db "$db" --load "$work/badline" >"$work/out" 2>&1
check "a bad scenario line: exit 1 naming the forecast and the scenario's line" sh -c '[ $1 -eq 1 ] && grep -q "forecasts.csv:2: .*halve.txt:2:" "$2"' sh $? "$work/out"
bad year
sed -i 's/^,demand,,halve$/2,demand,,halve/' "$work/year/savings.csv"
"$cf" programme --db "$db" --load "$work/year" >"$work/out" 2>&1
check "a year on a forecast line: exit 1 naming savings.csv row 2, column year" sh -c '[ $1 -eq 1 ] && grep -q "savings.csv:2: column year: value .2.: sheet savings" "$2"' sh $? "$work/out"
bad partial
sed -i 's/^halve,halve.txt,unit_costs.csv,,,,$/halve,halve.txt,unit_costs.csv,,,,18/' "$work/partial/forecasts.csv"
"$cf" programme --db "$db" --load "$work/partial" >"$work/out" 2>&1
check "a forecast ending part way through a year: exit 1 naming the savings line" sh -c '[ $1 -eq 1 ] && grep -q "savings.csv:2: column forecast: value .halve.: sheet savings: the forecast ends on 2025-09-30, part way through 2025-26" "$2"' sh $? "$work/out"
bad measure
sed -i 's/,cla_31mar,children,/,cla_count,children,/' "$work/measure/benefits.csv"
"$cf" programme --db "$db" --load "$work/measure" >"$work/out" 2>&1
check "an unknown indicator: exit 1 naming benefits.csv row 2, column measure" sh -c '[ $1 -eq 1 ] && grep -q "benefits.csv:2: column measure: value .cla_count.: sheet benefits: not an indicator id" "$2"' sh $? "$work/out"
bad demand
sed -i 's/^cases,,,,1,,cla_31mar$/cases,,,,1,,referals/' "$work/demand/workforce.csv"
"$cf" programme --db "$db" --load "$work/demand" >"$work/out" 2>&1
check "an unknown demand indicator: exit 1 naming workforce.csv row 5" sh -c '[ $1 -eq 1 ] && grep -q "workforce.csv:5: column indicator: value .referals." "$2"' sh $? "$work/out"
show --view all --format table >"$work/after"
check "after the errors the store holds the programme as it was" cmp -s "$work/before" "$work/after"

# by default the forecast runs to the end of the business case's last year;
# given fewer months, the last year's saving persists (no more increments)
bad longer
printf '3,demand,ongoing,10\n' >>"$work/longer/costs.csv"
"$cf" programme --db "$work/data.db" --load "$work/longer" >"$work/out" 2>&1
check "costs to year 3: the forecast runs four years" grep -q "halve  *3  2027-28" "$work/out"
sed -i 's/^halve,halve.txt,unit_costs.csv,,,,$/halve,halve.txt,unit_costs.csv,,,,24/' "$work/longer/forecasts.csv"
"$cf" programme --db "$work/data.db" --load "$work/longer" >/dev/null 2>&1
"$cf" programme show --db "$work/data.db" --format csv >"$work/bc.csv"
check "24 months to year 3: year 3 still saves 81.975" grep -qx "demand,3,0,10,10,0,-81.975,-71.975,-233.3" "$work/bc.csv"

# the shipped modelled example on a small synthetic authority (data to
# 31/03/2024): the demand workstream's gross savings are the scenario's cost
# differences over the 72 months to the end of the business case's year 5
ex="$CASEFLOW_TOP/examples/programme-modelled"
"$cf" synth --children 10000 --years 2 --first-year 2022 --seed 3 --out "$work/synth" --quiet
"$cf" ingest --db "$work/synth.db" "$work/synth/2022-23/ssda903" "$work/synth/2023-24/ssda903" \
	"$work/synth/population.csv" >/dev/null 2>&1
"$cf" programme --db "$work/synth.db" --load "$ex" >"$work/load" 2>&1
check "the modelled example loads" grep -q "workforce demand from forecast edge: 72 months, 2024-04-30 to 2030-03-31" "$work/load"
"$cf" forecast --db "$work/synth.db" --months 72 --scenario "$ex/edge-of-care.txt" --table scenario --format csv >"$work/fc.csv"
awk -F, '$1 == "year" { x = $10; r = x < 0 ? -int(-x + 0.5) : int(x + 0.5); printf "%d,%.3f\n", substr($2, 1, 4) - 2024, r / 1000 }' \
	"$work/fc.csv" >"$work/want"
"$cf" programme show --db "$work/synth.db" --format csv >"$work/bc.csv"
awk -F, '$1 == "demand" && $2 != "total" { printf "%d,%.3f\n", $2, $7 }' "$work/bc.csv" >"$work/got"
check "... its demand savings are the forecast's, years 0-5" sh -c 'cmp -s "$1" "$2" && [ $(wc -l <"$1") -eq 6 ]' sh "$work/want" "$work/got"
check "... and the other workstreams keep their amounts" grep -qx "supply,5,0,400,400,-150,-2550,-2150,-5495" "$work/bc.csv"
echo "1..$n"
