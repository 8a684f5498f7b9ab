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
# one label for a census year everywhere: the workforce panel's rows and
# "Returns in the store" both name the census by its 30 September (DfE's
# reporting year), not one as 2021-22 and the other as 2020-21
wf=$(sed -n 's/.*<caption>Caseload per case-holding social worker<\/caption>\(.*\)/\1/p' "$h" | sed 's/<\/table>.*//' |
	grep -o '<th scope="row">[^<]*' | sed 's/.*>//' | tr '\n' ',')
held=$(grep -o 'csww.census</th><td>[^<]*' "$h" | sed 's/.*<td>//')
check "workforce panel rows are census labels (Sep YYYY): $wf" sh -c 'echo "$0" | grep -qE "^(Sep [0-9]{4},)+$"' "$wf"
check "Returns in the store names the same census years: $held" \
	test "$held" = "$(echo "$wf" | sed 's/,$//; s/,.*,/,/; s/,/ to /')"
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
# the backtest beside the fan chart is caseflow forecast --backtest's: the same
# method from 12 months before the data's end, 200 runs, seed 1
end=$(awk -F, '$2=="all" && $3=="all" { print $1; exit }' "$work/f.csv")
cut=$(date -d "$(echo "$end" | cut -c1-7)-01 -13 months" +%Y-%m-01)
cut=$(date -d "$cut +1 month -1 day" +%F)
"$cf" forecast --db "$work/s.db" --backtest --cutoff "$cut" --months 12 --runs 200 --seed 1 --format csv --table backtest >"$work/bt.csv"
for hz in 6 12; do
	want=$(awk -F, -v h=$hz 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		$c["method"]=="markov" && $c["horizon_months"]==h && $c["placement"]=="all" { printf "<td class=\"num\">%d</td><td class=\"num\">%d</td><td class=\"num\">%.1f</td><td class=\"num\">%.1f</td>", h, $c["actual"], $c["forecast"], $c["ape_pct"]; exit }' "$work/bt.csv")
	check "backtest at $hz months (cutoff $cut) is caseflow forecast --backtest's" sh -c \
		'test -n "$1" && grep -o "<caption>Forecast backtest: error at 6 and 12 months</caption>.*" "$0" | sed "s|</table>.*||" |
		 sed "s|<th scope=\"row\">\([0-9]*\)</th>|<td class=\"num\">\1</td>|g; s|<td>[A-Z][a-z][a-z] [0-9]*</td>||g" | grep -qF "$1"' "$h" "$want"
done
check "band coverage is said beside it" grep -q "month-ends ([0-9]*%) inside the 90% band" "$h"
# and what it rests on: the coverage table's cut-offs and interval for the 90% band, all children
ci=$("$cf" forecast --db "$work/s.db" --backtest --cutoff "$cut" --months 12 --runs 200 --seed 1 --format csv --table coverage |
	awk -F, '$1 == "markov" && $2 == "all" && $3 == "p5-p95" { printf "rest on %d cut-off%s (its month-ends share one set of rates), so the 90%% band&#39;s coverage could be anywhere from %.0f%% to %.0f%%", $5, $5 == 1 ? "" : "s", $9, $10 }')
check "with how many cut-offs it rests on and the interval, as forecast --backtest's coverage table ($ci)" \
	sh -c 'test -n "$1" && grep -qF "$1" "$0"' "$h" "$ci"
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
