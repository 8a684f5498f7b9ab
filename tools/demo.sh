#!/bin/sh
# make demo: synthesise a 10,000-child authority over five years, load it
# into a fresh store and show what it holds. Starts from an empty demo/
# every time, so it can be run again and again.
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
echo "Everything is in demo/: the returns in demo/data, the store in demo/caseflow.db."
echo "Try: $cf summary --db demo/caseflow.db    or    $cf help"
