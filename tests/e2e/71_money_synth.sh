#!/bin/sh
# Money and sufficiency on the synthetic authority, checked against an
# independent count: awk prices placement_costs.csv night by night and
# counts approved places and their occupants from the extracts themselves.
. "$CASEFLOW_TOP/tests/e2e/lib.sh"
db="$work/s.db"
"$cf" synth --children 3000 --years 2 --first-year 2022 --seed 11 --out "$work/syn" > /dev/null 2>&1
check "synth writes the money and sufficiency extracts" \
	sh -c "cd '$work/syn' && [ -s placement_costs.csv ] && [ -s foster_households.csv ] && [ -s homes.csv ] && [ -s ofsted_providers.csv ] && [ -s budgets.csv ] && [ -s ledger.csv ]"
"$cf" ingest --db "$db" "$work/syn" > "$work/ingest.txt" 2>&1
check "they load with no issues" grep -q ' 0 issues recorded, 0 return(s) rejected' "$work/ingest.txt"
check "every costed row is stored" \
	[ "$(sqlite3 "$db" 'SELECT count(*) FROM placement_costs')" = "$(($(wc -l < "$work/syn/placement_costs.csv") - 1))" ]

# awk: nights of [start, end) within [from, to], priced at weekly / 7
price='
function days(s,  y, m, d) { y = substr(s, 1, 4) + 0; m = substr(s, 6, 2) + 0; d = substr(s, 9, 2) + 0
	if (m <= 2) { y--; m += 12 }
	return 365 * y + int(y / 4) - int(y / 100) + int(y / 400) + int((153 * (m - 3) + 2) / 5) + d }
function nights(s, e, from, to,  a, b) { a = days(s); if (a < from) a = from; b = to
	if (e != "" && days(e) - 1 < b) b = days(e) - 1
	return b >= a ? b - a + 1 : 0 }
BEGIN { FS = ","; fs = days("2023-04-01"); asof = days("2023-10-31"); fe = days("2024-03-31") }
NR > 1 { w = $8; c = $10 + $11
	n1 = nights($2, $3, fs, asof); n2 = nights($2, $3, asof + 1, fe)
	gross += w * n1 / 7; contrib += c * n1 / 7; committed += (w - c) * n2 / 7 }
END { printf "%.2f %.2f %.2f\n", gross, contrib, committed }'
expect=$(awk "$price" "$work/syn/placement_costs.csv")
csv_tables money --db "$db" --year 2023-24 --as-of 2023-10-31 > "$work/money.csv" 2>&1
got=$(awk -F, '$1 == "all" { printf "%.2f %.2f %.2f\n", $3, $4, $6; exit }' "$work/money.csv")
check "spend to date, contributions and commitments equal awk's pricing of the extract ($expect)" [ "$got" = "$expect" ]
check "there is spend to check" sh -c "[ \"\$(echo '$expect' | cut -d' ' -f1)\" != 0.00 ]"
check "the ledger reconciles to within 3% of net spend to date for each cost centre" \
	[ "$(awk -F, 'NR > 1 && $1 ~ /^CC-/ && $12 != "" { n++; if ($13 / $5 > 0.03 || $13 / $5 < -0.03) bad++ } END { print n "," bad + 0 }' "$work/money.csv")" = "3,0" ]
check "each cost centre has its budget" [ "$(awk -F, '$8 != "" && NR > 1 && $1 ~ /^CC-/' "$work/money.csv" | wc -l)" -eq 3 ]

on=2024-03-31
count='BEGIN { FS = "," }
FILENAME ~ /households/ && FNR > 1 && $2 <= on && ($3 == "" || $3 > on) { ok[$1] = 1; places += $4; hh++ }
FILENAME ~ /placement_costs/ && FNR > 1 && $6 == "in-house fostering" && ($4 in ok) && $2 <= on && ($3 == "" || $3 > on) { occ++ }
END { printf "all,all,%d,%d,%d\n", hh, places, occ }'
expect=$(awk -v on=$on "$count" "$work/syn/foster_households.csv" "$work/syn/placement_costs.csv")
csv_tables sufficiency --db "$db" --as-of $on > "$work/suff.csv" 2>&1
got=$(grep '^all,all,' "$work/suff.csv" | cut -d, -f1-5)
check "households, approved places and occupied equal an independent count ($expect)" [ "$got" = "$expect" ]
check "carers' places roughly meet the in-house placements (occupancy 60-100%)" \
	awk -F, '/^all,all,/ { exit !($7 >= 60 && $7 <= 100) }' "$work/suff.csv"
loc=$(sqlite3 "$db" "SELECT 'all,' || count(*) || ',' || count(*) || ',' || sum(pl_post NOT IN (SELECT area FROM localities)) FROM episodes WHERE decom <= '$on' AND (dec IS NULL OR dec > '$on') AND pl_post IS NOT NULL")
check "placed outside the LA equals a count of the open episodes' sectors against the localities ($loc)" \
	[ "$(awk -F, '/^placement_group,looked_after,sector_known/ { on = 1 } on && $1 == "all" { print $1 "," $2 "," $3 "," $4; exit }' "$work/suff.csv")" = "$loc" ]
csv_tables sufficiency --db "$db" --as-of $on --forecast 3 > "$work/sf.csv" 2>&1
fm=$("$cf" forecast --db "$db" --start $on --months 3 --table forecast --format csv 2>/dev/null |
	awk -F, '$2 == "all" && $3 == "fostering" { printf "%.4f", $4; exit }')
check "forecast need: the first month's fostering is caseflow forecast's ($fm)" \
	[ "$(awk -F, '$1 ~ /^20/ { printf "%.4f", $3; exit }' "$work/sf.csv")" = "$fm" ]
check "forecast need: three month-ends, gap = needed - today's places" \
	[ "$(awk -F, '/^month_end,age_band,/ { exit } $1 ~ /^20/ { n++; if (sprintf("%.4f", $3 - $4) != sprintf("%.4f", $5)) bad++ } END { print n "," bad + 0 }' "$work/sf.csv")" = "3,0" ]
fb=$("$cf" forecast --db "$db" --start $on --months 3 --table forecast --format csv 2>/dev/null |
	awk -F, '$2 == "10-16" && $3 == "residential" { printf "%.4f", $4; exit }')
check "forecast need by age band: the first month's 10-16s in residential are caseflow forecast's ($fb)" \
	[ "$(awk -F, '/^month_end,age_band,/ { on = 1; for (i = 1; i <= NF; i++) if ($i == "residential") c = i } on && $2 == "10-16" { printf "%.4f", $c; exit }' "$work/sf.csv")" = "$fb" ]
# centroids: the LA's sectors at 52.0N, every other sector 0.5 degrees (about 34.5 miles) north
sqlite3 "$db" "SELECT 'sector,lat,lon' UNION ALL SELECT DISTINCT s || ',' || CASE WHEN s IN (SELECT area FROM localities) THEN '52.0' ELSE '52.5' END || ',-1.0' FROM (SELECT home_post AS s FROM episodes WHERE home_post IS NOT NULL UNION SELECT pl_post FROM episodes WHERE pl_post IS NOT NULL)" > "$work/cent.csv"
far=$(sqlite3 "$db" "SELECT count(*) || ',' || sum((home_post IN (SELECT area FROM localities)) <> (pl_post IN (SELECT area FROM localities))) FROM episodes WHERE decom <= '$on' AND (dec IS NULL OR dec > '$on') AND pl_post IS NOT NULL AND home_post IS NOT NULL")
csv_tables sufficiency --db "$db" --as-of $on --centroids "$work/cent.csv" > "$work/sd.csv" 2>&1
check "more than 20 miles from home: those whose home and placement are on either side of the LA's edge ($far)" \
	[ "$(awk -F, '/^placement_group,looked_after,sector_known/ { on = 1 } on && $1 == "all" { print $6 "," $7; exit }' "$work/sd.csv")" = "$far" ]
check "without centroids, distance is said to be missing" grep -q 'give --centroids FILE' "$work/suff.csv"
hp=$(awk -F, 'NR > 1 { p += $3 } END { print p }' "$work/syn/homes.csv")
check "home places equal the extract's ($hp)" grep -q "^all,,,$hp," "$work/suff.csv"
check "need by age band comes from the episodes" grep -q '^all,[1-9]' "$work/suff.csv"
"$cf" forecast --db "$db" --table inputs --format csv > "$work/fc.csv" 2>&1
check "the forecast prices with the council's own unit costs, and says so" grep -q "unit costs,the council's own: [1-9]" "$work/fc.csv"
"$cf" forecast --db "$db" --table inputs --format csv --costs "$CASEFLOW_TOP/data/forecast/unit_costs.csv" > "$work/fc2.csv" 2>&1
check "--costs FILE still wins, and is named" grep -q "unit costs,.*data/forecast/unit_costs.csv" "$work/fc2.csv"
check "the two price fostering differently" \
	sh -c "[ \"\$(grep 'child-week: fostering' '$work/fc.csv')\" != \"\$(grep 'child-week: fostering' '$work/fc2.csv')\" ]"
csv_tables money --db "$db" --year 2023-24 --as-of 2023-10-31 --outturn > "$work/out.csv" 2> "$work/err.txt"
check "money --outturn runs" [ $? -eq 0 ]
val() { awk -F, -v m="$1" '$1 == m { printf "%.2f", $2; exit }' "$work/out.csv"; }
check "outturn on commitments = spend to date + committed, as in the cost centre table" \
	[ "$(val outturn_on_commitments)" = "$(awk -F, '$1 == "all" { printf "%.2f", $7; exit }' "$work/money.csv")" ]
fc=$("$cf" forecast --db "$db" --start 2023-10-31 --months 5 --table costs --format csv 2>/dev/null |
	awk -F, '$1 == "month" && $4 <= "2024-03-31" { s += $10 } END { printf "%.2f", s }')
check "the forecast part is the forecast's own monthly costs from the day after as-of to 31 March ($fc)" \
	[ "$(val forecast_cost_to_year_end)" = "$fc" ]
check "forecast outturn = spend to date + the forecast part" \
	[ "$(awk -F, '$1 == "net_to_date" { a = $2 } $1 == "forecast_cost_to_year_end" { b = $2 } $1 == "forecast_outturn" { c = $2 } END { printf "%.2f", a + b - c }' "$work/out.csv")" = 0.00 ]
"$cf" money --db "$db" --year 2030-31 --as-of 2030-10-31 --outturn > /dev/null 2> "$work/err.txt"
check "--outturn beyond the episodes: refused, and says why" grep -q "within the data" "$work/err.txt"
"$cf" report --db "$db" --period 2023-24 --out "$work/rep" > /dev/null 2>&1
check "the report has a Money panel with spend by cost centre" \
	sh -c "grep -q 'id=\"money\"' '$work/rep/index.html' && grep -q 'Net placement spend by cost centre' '$work/rep/index.html'"
check "and a Sufficiency panel with in-house carers" grep -q 'In-house foster carers on 2024-03-31' "$work/rep/index.html"
check "no child IDs on the page (the top placements are in the workbook only)" \
	sh -c "! grep -q 'money_top_placements' '$work/rep/index.html'"
unzip -p "$work/rep/vital-signs.xlsx" xl/styles.xml >"$work/styles.xml" 2>/dev/null
# Ofsted's provider list that synth writes agrees with its episodes: every
# URN placed is listed, with the type, sector and district of the placement
grades=$(sqlite3 "$db" "SELECT 'all,' || count(*) FROM episodes WHERE decom <= '$on' AND (dec IS NULL OR dec > '$on') AND coalesce(urn, '') NOT IN ('', 'XXXXXXX')")
check "sufficiency grades every child placed with a URN on $on ($grades)" \
	[ "$(awk -F, '/^ofsted_grade,/ { on = 1 } on && $1 == "all" { print $1 "," $2; exit }' "$work/suff.csv")" = "$grades" ]
check "and none of the URNs is missing from the list" grep -q "^URN not in Ofsted's list,0," "$work/suff.csv"
"$cf" validate --db "$db" --return 903 --providers --rules 1008,219,221,224,227,228 --format csv > "$work/vp.csv" 2>&1
check "validate --providers finds nothing on the synthetic authority (its list agrees with its episodes)" \
	[ "$(grep -c ',error,Episodes,' "$work/vp.csv")" -eq 0 ]
check "pounds carry a £ number format" grep -q 'formatCode="&quot;£&quot;#,##0' "$work/styles.xml"
check "long notes wrap at words instead of running on (a wrapping cell style)" grep -q 'wrapText="1"' "$work/styles.xml"
check "the workbook has the money and sufficiency sheets" \
	sh -c "unzip -p '$work/rep/vital-signs.xlsx' xl/workbook.xml | grep -q 'Money by cost centre' && unzip -p '$work/rep/vital-signs.xlsx' xl/workbook.xml | grep -q 'Sufficiency gap'"
echo "1..$n"
