#!/bin/sh
# make demo: synthesise a 100,000-child authority over five years (the size
# the example programme was written for: DOMAIN.md section 6's authority
# with 684 children in care), load it into a fresh store with the example
# programme, its workforce sheet staffing the census's own cases, write the Vital Signs and
# say in a screenful what there is and where: the full outputs go to files
# in demo/ (a page of headlines, not every table on the terminal).
# Starts from an empty demo/ every time, so it can be run again and again.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cf="$top/build/caseflow"
demo="$top/demo"
rm -rf "$demo"
mkdir -p "$demo"
export CASEFLOW_NO_PROGRESS=1

echo "== a synthetic authority: 100,000 children, 2019-20 to 2023-24 (caseflow synth)"
"$cf" synth --children 100000 --years 5 --first-year 2019 --seed 2024 --out "$demo/data" --quiet
echo "   demo/data/: SSDA903, CIN census, Annex A, workforce census and local extracts for each year"
echo "== loaded into demo/caseflow.db (caseflow ingest)"
"$cf" ingest --db "$demo/caseflow.db" "$demo/data" | tail -n 1 | sed 's/^/   /'
# the example programme, with the cases its workforce model staffs taken
# from the authority's latest workforce census instead of the example's 1,234
mkdir -p "$demo/programme"
cp "$top/examples/programme/"*.csv "$demo/programme/"
cases=$("$cf" kpi --db "$demo/caseflow.db" --indicator sw_caseload --format csv 2>/dev/null | awk -F, 'NR == 2 { print $5 }')
[ -n "$cases" ] && sed -i "s/^cases,,,,.*/cases,,,,$cases/" "$demo/programme/workforce.csv"
"$cf" programme --db "$demo/caseflow.db" --load "$demo/programme" >/dev/null
echo "   and the example programme (examples/programme, the business case of DOMAIN.md section 6,"
echo "   for an authority this size; demo/programme/workforce.csv staffs the census's ${cases:-?} cases)"

echo "== headline indicators, 2023-24 (caseflow kpi; every indicator: demo/kpi.csv)"
"$cf" kpi --db "$demo/caseflow.db" --format csv >"$demo/kpi.csv" 2>/dev/null
"$cf" kpi --db "$demo/caseflow.db" 2>/dev/null \
	--indicator contacts,referrals,rereferral_12m,assessment_45wd,cpp_rate_10k,cla_rate_10k,cla_31mar,placement_3plus |
	awk 'NR > 2 { if ($8 == "count") printf "   %-16s %8d\n", $1, $7; else printf "   %-16s %8.1f %s\n", $1, $7, $8 }'

echo "== the rest, written to files"
"$cf" summary --db "$demo/caseflow.db" >"$demo/summary.txt"
"$cf" money --db "$demo/caseflow.db" --year 2023-24 --as-of 2023-12-31 >"$demo/money.txt"
"$cf" sufficiency --db "$demo/caseflow.db" --as-of 2024-03-31 >"$demo/sufficiency.txt"
"$cf" families --db "$demo/caseflow.db" --period 2023-24 >"$demo/families.txt"
"$cf" forecast --db "$demo/caseflow.db" --months 24 >"$demo/forecast.txt"
"$cf" quality --db "$demo/caseflow.db" >"$demo/quality.txt"
"$cf" report --db "$demo/caseflow.db" --out "$demo/vital-signs" --la 380 >/dev/null
echo "   demo/summary.txt      children looked after, started and ceased; the front-door funnel"
echo "   demo/money.txt        placement spend, budgets and unit costs, 2023-24 to 31 December"
echo "   demo/sufficiency.txt  foster places, children's homes and the gap on 31 March 2024"
echo "   demo/families.txt     families and their plans, Supporting Families claims, audits and CP reviews, 2023-24"
echo "   demo/forecast.txt     children in care and their cost, 24 months ahead"
echo "   demo/quality.txt      what ingest found wrong in the data (nothing, for synthetic data)"
echo
echo "The Vital Signs report: open demo/vital-signs/index.html in a browser"
echo "(its workbook is demo/vital-signs/vital-signs.xlsx). It is made with --la 380 to show the"
echo "benchmarks panel with real published figures: Bradford's, beside a synthetic authority that is"
echo "not Bradford. Next: $cf help, or"
echo "$cf kpi --db demo/caseflow.db --by locality"
