# caseflow report's forecast panel on a small synthetic authority: its
# headings, its figures matching caseflow forecast's own, and the scenario.
. "$CASEFLOW_TOP/tests/e2e/lib.sh"

"$cf" synth --out "$work/s" --children 2000 --years 3 --seed 3 --quiet >/dev/null 2>&1
"$cf" ingest --db "$work/s.db" "$work/s" >/dev/null 2>&1
printf 'multiply entry 0.5\n' >"$work/half.txt"
"$cf" report --db "$work/s.db" --out "$work/out" --scenario "$work/half.txt" >/dev/null 2>"$work/err.txt"
check "report with a scenario exits 0" sh -c "test $? -eq 0"
h="$work/out/index.html"
check "the forecast panel is on the page" grep -q '<section class="panel" id="forecast"' "$h"
check "forecast headings: fan chart, placement mix, cost by year, scenario" sh -c \
	'for t in "Children looked after: forecast with uncertainty bands" "Forecast placement mix" \
		"Forecast placement cost by financial year" "<h3>Scenario</h3>"; do grep -q "$t" "$0" || exit 1; done' "$h"
# the same forecast from the CLI: 24 months, 200 runs, seed 1
"$cf" forecast --db "$work/s.db" --runs 200 --seed 1 --format csv --table forecast >"$work/f.csv"
# (to the panel's one decimal: the CSV's 10 significant digits can turn a
# band of 17.04999... into 17.05, which rounds the other way)
want=$(awk -F, '$2=="all" && $3=="all" { print $5, $6, $7, $4, $8, $9; exit }' "$work/f.csv")
got=$(grep -o '<caption>Children looked after: forecast with uncertainty bands</caption>.*' "$h" |
	grep -o '<td class="num">[0-9.,]*</td>' | head -6 | sed 's|<[^>]*>||g; s|,||g' | tr '\n' ' ')
check "the first month's p5, p25, median, mean, p75, p95 are caseflow forecast's ($want; panel $got)" \
	awk -v w="$want" -v g="$got" 'BEGIN { n = split(w, a, " "); if (split(g, b, " ") != 6 || n != 6) exit 1
		for (i = 1; i <= 6; i++) { d = a[i] - b[i]; if (d < 0) d = -d; if (d > 0.0500001) exit 1 } }'
"$cf" forecast --db "$work/s.db" --runs 200 --seed 1 --format csv --table costs >"$work/c.csv"
fy=$(awk -F, '$1=="year" { printf "%s £%sk", $2, sprintf("%.0f", $10 / 1000); exit }' "$work/c.csv")
check "the first year's cost (£000) is caseflow forecast's" sh -c 'grep -q "$1" "$0" || { echo "no $1"; exit 1; }' "$h" \
	"$(echo "$fy" | sed 's/\([0-9]\)\([0-9][0-9][0-9]\)k/\1,\2k/')"
"$cf" forecast --db "$work/s.db" --runs 200 --seed 1 --scenario "$work/half.txt" --format csv --table scenario >"$work/sc.csv"
last=$(awk -F, '$1=="month" { v = $6 } END { printf "%.1f", v }' "$work/sc.csv")
check "the scenario's last month matches caseflow forecast --scenario" grep -q "<td class=\"num\">$last</td>" "$h"
check "the workbook has the forecast sheets" sh -c 'unzip -p "$0" xl/workbook.xml | grep -q "Forecast CLA"' "$work/out/vital-signs.xlsx"
"$cf" report --db "$work/s.db" --out "$work/same" --scenario "$work/half.txt" >/dev/null 2>&1
check "the forecast is the same every time (fixed seed)" sh -c \
	'sed -n "/id=\"forecast\"/,/<\/section>/p" "$0" >"$0.a"; sed -n "/id=\"forecast\"/,/<\/section>/p" "$1" >"$1.a"; cmp -s "$0.a" "$1.a"' \
	"$h" "$work/same/index.html"
printf 'multiply sideways 2\n' >"$work/bad.txt"
"$cf" report --db "$work/s.db" --out "$work/bad" --scenario "$work/bad.txt" >/dev/null 2>"$work/berr.txt"
check "a bad scenario file stops the report, naming the file" sh -c "test $? -eq 1 && grep -q bad.txt '$work/berr.txt'"
# no periods of care: a one-line note, not a chart
mkdir -p "$work/w/2023-24"
printf 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nA,1,15/04/2008,WBRI,,,\n' >"$work/w/2023-24/header.csv"
"$cf" ingest --db "$work/w.db" "$work/w" >/dev/null 2>&1
"$cf" report --db "$work/w.db" --out "$work/wout" >/dev/null 2>&1
check "without episodes the forecast panel is a note" grep -q "No forecast: no periods of care are loaded" "$work/wout/index.html"
