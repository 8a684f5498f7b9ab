#!/bin/sh
# make demo: synthesise a 10,000-child authority over five years, load it
# into a fresh store with the example programme and show what it holds.
# Starts from an empty demo/ every time, so it can be run again and again.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cf="$top/build/caseflow"
demo="$top/demo"
rm -rf "$demo"
mkdir -p "$demo"
echo "== caseflow synth: a synthetic authority of 10,000 children, 2019-20 to 2023-24"
"$cf" synth --children 10000 --years 5 --first-year 2019 --seed 2024 --out "$demo/data"
echo
echo "== caseflow ingest --db demo/caseflow.db demo/data"
"$cf" ingest --db "$demo/caseflow.db" "$demo/data" | tail -n 1
echo
echo "== caseflow summary --db demo/caseflow.db"
"$cf" summary --db "$demo/caseflow.db"
echo
echo "== caseflow money --db demo/caseflow.db --year 2023-24 --as-of 2023-12-31 (first table)"
"$cf" money --db "$demo/caseflow.db" --year 2023-24 --as-of 2023-12-31 | awk 'NF == 0 && ++blank == 2 { exit } { print }'
echo
echo "== caseflow sufficiency --db demo/caseflow.db --as-of 2024-03-31 (in-house fostering, and the gap)"
"$cf" sufficiency --db "$demo/caseflow.db" --as-of 2024-03-31 > "$demo/sufficiency.txt"
awk '/^sufficiency_(fostering|gap)$/ { on = 1; blank = 0 } on { print } on && NF == 0 && ++blank == 2 { on = 0 }' \
	"$demo/sufficiency.txt"
echo
echo "== caseflow programme --db demo/caseflow.db --load examples/programme"
"$cf" programme --db "$demo/caseflow.db" --load "$top/examples/programme"
echo
echo "== caseflow report --db demo/caseflow.db --out demo/vital-signs"
"$cf" report --db "$demo/caseflow.db" --out "$demo/vital-signs" >/dev/null
echo
echo "Everything is in demo/: the returns in demo/data, the store in demo/caseflow.db."
echo "Try: $cf kpi --db demo/caseflow.db --by locality    or    $cf help"
echo "     $cf money --db demo/caseflow.db --year 2023-24 --as-of 2023-12-31 (unit costs, top providers)"
echo
echo "The Vital Signs report for the synthetic authority: open this in a browser"
echo "  $demo/vital-signs/index.html"
echo "(with its workbook demo/vital-signs/vital-signs.xlsx and demo/vital-signs/indicators.csv);"
echo "its programme panel is examples/programme, the business case of DOMAIN.md section 6"
