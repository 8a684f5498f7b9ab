#!/bin/sh
# caseflow forecast end to end on the independent synthetic SSDA903 returns.
. "$CASEFLOW_TOP/tests/e2e/lib.sh"
need_shared "forecast on ssda903-synth" || { echo "1..$n"; exit 0; }
data="$shared/data/ssda903-synth"
[ -d "$data" ] || { need_shared "forecast: $data missing"; echo "1..$n"; exit 0; }
db="$work/la.db"
store_from "$db" "$data/2022_23/csv" "$data/2023_24/csv" >/dev/null
check "ingest the two synthetic years (CSV)" [ $? -eq 0 ]

# The reference model (Social Finance's, run on the same returns with the
# same window; docs/forecast.md) projects 405.042 children at 2026-03-31,
# 143.493 of them aged 10-16 in fostering and 34.674 aged 16-18 in supported.
"$cf" forecast --db "$db" --ref-start 2023-04-01 --ref-end 2024-03-31 --format csv --table forecast > "$work/f.csv"
check "forecast exits 0" [ $? -eq 0 ]
within() { # within FILE AGE PLACE WANT: the 2026-03-31 mean within 1% of WANT
	awk -F, -v a="$2" -v p="$3" -v w="$4" '$1=="2026-03-31" && $2==a && $3==p {
		d = ($4 - w) / w; if (d < 0) d = -d; found = 1; exit !(d < 0.01) } END { if (!found) exit 1 }' "$1"
}
check "total at 24 months within 1% of the reference" within "$work/f.csv" all all 405.042
check "10-16 fostering within 1% of the reference" within "$work/f.csv" 10-16 fostering 143.493
check "16-18 supported within 1% of the reference" within "$work/f.csv" 16-18 supported 34.674
check "24 month-ends of 30 rows each" [ "$(grep -c '^20' "$work/f.csv")" -eq 720 ]

"$cf" forecast --db "$db" --runs 60 --seed 5 --threads 2 --format json > "$work/a.json"
check "json rows carry date, age_band, placement, mean, bands and cost" \
	grep -q '"date": "2024-04-30", "age_band": "all", "placement": "all", "mean": [0-9.]*, "p5": [0-9.]*, "p25": [0-9.]*, "p50": [0-9.]*, "p75": [0-9.]*, "p95": [0-9.]*, "cost_gbp": [0-9.]*' "$work/a.json"
"$cf" forecast --db "$db" --runs 60 --seed 5 --threads 1 --format json > "$work/b.json"
check "the same seed gives the same bands whatever the threads" cmp -s "$work/a.json" "$work/b.json"
"$cf" forecast --db "$db" --runs 60 --seed 6 --format json > "$work/c.json"
check "another seed gives other bands" sh -c "! cmp -s '$work/a.json' '$work/c.json'"
check "bands are ordered p5 <= p50 <= p95" awk '/"p5"/ { gsub(/[{}",]/, ""); for (i = 1; i < NF; i++) v[$i] = $(i + 1);
	if (v["p5:"] + 0 > v["p50:"] + 0 || v["p50:"] + 0 > v["p95:"] + 0) bad = 1; n++ } END { exit bad || n < 700 }' "$work/a.json"

cat > "$work/edge.txt" <<'SC'
# an edge-of-care team: a fifth fewer teenage entrants, phased in over 6 months
multiply entry 0.8 age 10-16,16-18 from 2024-07-01 phase 6
SC
"$cf" forecast --db "$db" --scenario "$work/edge.txt" --format csv --table scenario > "$work/s.csv"
check "scenario: fewer children and a saving in 2025-26" awk -F, '$1=="year" && $2=="2025-26" { found = 1; exit !($7 < 0 && $10 < 0) } END { if (!found) exit 1 }' "$work/s.csv"
check "scenario: months, quarters and years" sh -c "grep -q '^month,2024-04' '$work/s.csv' && grep -q '^quarter,2024-25 Q1' '$work/s.csv' && grep -q '^year,2024-25' '$work/s.csv'"
printf 'add exit 0.1\nmultiply entry -1\n' > "$work/bad.txt"
"$cf" forecast --db "$db" --scenario "$work/bad.txt" > /dev/null 2> "$work/err.txt"
check "a bad scenario line exits 1 naming file and line" sh -c "[ $? -eq 1 ] && grep -q 'bad.txt:2' '$work/err.txt'"

"$cf" forecast --db "$db" --format csv --table costs --inflation 3 > "$work/costs.csv"
check "costs by month, quarter and year with a cumulative" awk -F, '$1=="year" { n++; last = $11 } END { exit !(n == 2 && last > 0) }' "$work/costs.csv"

"$cf" forecast --db "$db" --backtest --cutoff 2023-03-31 --months 12 --method markov,exact-age --runs 40 --format csv > "$work/bt.csv"
check "backtest scores 6 and 12 months for each method" sh -c "[ \$(grep -c '^markov,\(6\|12\),' '$work/bt.csv') -eq 10 ] && [ \$(grep -c '^exact-age,\(6\|12\),' '$work/bt.csv') -eq 10 ]"
check "backtest coverage table" grep -q '^markov,all,p5-p95,90,12,' "$work/bt.csv"

"$cf" forecast --db "$db" --method duration --format xlsx --out "$work/f.xlsx"
check "xlsx output" [ -s "$work/f.xlsx" ]
"$cf" forecast --db "$db" --cutoff 2023-03-31 > /dev/null 2>&1
check "--cutoff without --backtest is a usage error" [ $? -eq 2 ]
"$cf" forecast --db "$db" --ref-start 2010-01-01 > /dev/null 2>&1
check "a window outside the data is refused" [ $? -eq 2 ]
echo "1..$n"
