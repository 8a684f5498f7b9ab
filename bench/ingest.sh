#!/bin/sh
# Ingest benchmark: a 100,000-child, 5-year synthetic authority.
#  (a) parse rate of the episodes table alone (bench_parse: rows/s, MB/s,
#      peak memory), on the largest year's file and on a 1,000,000-row file
#      made by repeating the five years' episodes (memory must not grow);
#  (b) the full `caseflow ingest` into SQLite: wall time and peak memory.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
cf=build/caseflow
out=bench/out/ingest
rm -rf "$out"
mkdir -p "$out"
echo "machine: $(uname -m), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ //')"
echo "-- synthesise: $cf synth --children 100000 --years 5 --first-year 2019 --seed 1 --out $out/la --quiet"
build/bench/bench_rusage "$cf" synth --children 100000 --years 5 --first-year 2019 --seed 1 --out "$out/la" --quiet
echo "-- (a) parse the episodes table: build/bench/bench_parse $out/la/2023-24/ssda903/episodes.csv"
build/bench/bench_parse "$out/la/2023-24/ssda903/episodes.csv" 1.0
# a large file: the five years' episode rows repeated to a million rows
head -n 1 "$out/la/2023-24/ssda903/episodes.csv" >"$out/big_episodes.csv"
tail -q -n +2 "$out"/la/*/ssda903/episodes.csv >"$out/rows.csv"
n=$(wc -l <"$out/rows.csv")
reps=$(( (1000000 + n - 1) / n ))
i=0
while [ $i -lt "$reps" ]; do cat "$out/rows.csv"; i=$((i + 1)); done | head -n 1000000 >>"$out/big_episodes.csv"
echo "-- (a) parse a 1,000,000-row episodes file: build/bench/bench_parse $out/big_episodes.csv"
build/bench/bench_parse "$out/big_episodes.csv" 1.0
echo "-- (b) ingest of the five SSDA903 returns: $cf ingest --db $out/903.db $out/la/*/ssda903"
build/bench/bench_rusage "$cf" ingest --db "$out/903.db" "$out"/la/*/ssda903 | tail -n 1
echo "-- (c) ingest of everything synth wrote (903, CIN census, workforce, local extracts): $cf ingest --db $out/la.db $out/la"
build/bench/bench_rusage "$cf" ingest --db "$out/la.db" "$out/la" | tail -n 1
