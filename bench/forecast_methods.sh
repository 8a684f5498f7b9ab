#!/bin/sh
# Which method and entrant model to default to, on out-of-sample evidence:
# on synthetic authorities whose rates drift (caseflow synth --drift
# history), a backtest from nine cut-offs (every 31 March and 30 September,
# 2018-03-31 to 2022-03-31), 12 months ahead, with each method and each
# entrant model; prints the total's mean absolute % error over every
# month-end, pooled over seeds, and the mean and spread of the seeds' errors.
# Usage: bench/forecast_methods.sh [SEEDS] [CHILDREN]   (default 5, 50000)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cf=${CASEFLOW_BIN:-$top/build/caseflow}
seeds=${1:-5}
children=${2:-50000}
cutoffs=2018-03-31,2018-09-30,2019-03-31,2019-09-30,2020-03-31,2020-09-30,2021-03-31,2021-09-30,2022-03-31
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
export CASEFLOW_NO_PROGRESS=1
start=$(date +%s)
s=1
while [ "$s" -le "$seeds" ]; do
	"$cf" synth --out "$dir/la" --children "$children" --years 7 --first-year 2016 --seed "$s" --drift history --quiet
	"$cf" ingest --db "$dir/la.db" "$dir/la" >/dev/null 2>&1
	for e in constant trend; do
		"$cf" forecast --db "$dir/la.db" --backtest --cutoff "$cutoffs" --months 12 --entrants "$e" \
			--method markov,exact-age,duration --seed "$s" --format csv --table coverage |
			awk -F, -v e="$e" -v s="$s" '$2 == "all" { print $1, e, s, $11 }' >>"$dir/ape"
	done
	rm -rf "$dir/la" "$dir/la.db"*
	s=$((s + 1))
done
echo "| method | entrants | mean APE of the total, 12 months | seeds' mean APE: lowest to highest |"
echo "|---|---|---|---|"
for m in markov exact-age duration; do
	for e in constant trend; do
		awk -v m="$m" -v e="$e" '$1 == m && $2 == e { n++; s += $4; if (n == 1 || $4 < lo) lo = $4; if ($4 > hi) hi = $4 }
			END { printf "| %s | %s | %.2f%% | %.2f%% to %.2f%% |\n", m, e, s / n, lo, hi }' "$dir/ape"
	done
done
echo "($seeds seeds of $children children, 9 cut-offs each; $(($(date +%s) - start)) s)"
