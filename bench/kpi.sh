#!/bin/sh
# Indicators and report on a 100,000-child, 5-year synthetic authority:
# every indicator for every year, quarter and month by locality, and the
# whole Vital Signs report; phase by phase (bench_kpi) and through the
# binary (bench_rusage: wall time and peak memory).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
cf=build/caseflow
out=bench/out/kpi
rm -rf "$out"
mkdir -p "$out"
echo "machine: $(uname -m), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ //')"
echo "-- $cf synth --children 100000 --years 5 --first-year 2019 --seed 1 --out $out/la --quiet"
"$cf" synth --children 100000 --years 5 --first-year 2019 --seed 1 --out "$out/la" --quiet
"$cf" ingest --db "$out/la.db" "$out/la" | tail -n 1
echo "-- build/bench/bench_kpi $out/la.db $out/report"
build/bench/bench_kpi "$out/la.db" "$out/report"
echo "-- $cf kpi --db $out/la.db --period all --by locality --format csv --out $out/all.csv"
build/bench/bench_rusage "$cf" kpi --db "$out/la.db" --period all --by locality --format csv --out "$out/all.csv" 2>&1 |
	grep -v "note:"
echo "   $(wc -l <"$out/all.csv") rows"
echo "-- $cf report --db $out/la.db --out $out/report2"
build/bench/bench_rusage "$cf" report --db "$out/la.db" --out "$out/report2" >/dev/null
