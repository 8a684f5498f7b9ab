#!/bin/sh
# Do the forecast's bands hold when rates drift? Synthetic authorities whose
# referral, entry and exit rates drift as every council's published history
# shows (caseflow synth --drift history), and, as a control, authorities
# whose rates hold; on each, a backtest from nine cut-offs (every 31 March
# and 30 September, 2018-03-31 to 2022-03-31), 12 months ahead, 200 runs,
# with the bands with drift (the default) and without (--drift none).
# Prints how often the total's 90% band (p5-p95) held, over every month-end
# and at 12 months alone (one outcome per cut-off and seed: the independent
# trials), pooled over the seeds, with Wilson 95% intervals.
# Usage: bench/forecast_drift.sh [SEEDS] [CHILDREN]   (default 10, 50000)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cf=${CASEFLOW_BIN:-$top/build/caseflow}
seeds=${1:-10}
children=${2:-50000}
cutoffs=2018-03-31,2018-09-30,2019-03-31,2019-09-30,2020-03-31,2020-09-30,2021-03-31,2021-09-30,2022-03-31
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
export CASEFLOW_NO_PROGRESS=1
start=$(date +%s)
for synth in history none; do
	s=1
	while [ "$s" -le "$seeds" ]; do
		"$cf" synth --out "$dir/la" --children "$children" --years 7 --first-year 2016 --seed "$s" --drift "$synth" --quiet
		"$cf" ingest --db "$dir/la.db" "$dir/la" >/dev/null 2>&1
		for bands in history none; do
			"$cf" forecast --db "$dir/la.db" --backtest --cutoff "$cutoffs" --months 12 --runs 200 --seed "$s" \
				--drift "$bands" --format csv --table backtest |
				awk -F, -v a="$synth" -v b="$bands" -v s="$s" 'NR > 1 && $5 == "all" { print a, b, s, $3, $9 }' >>"$dir/rows"
			"$cf" forecast --db "$dir/la.db" --backtest --cutoff "$cutoffs" --months 12 --runs 200 --seed "$s" \
				--drift "$bands" --format csv --table coverage |
				awk -F, -v a="$synth" -v b="$bands" -v s="$s" '$1 == "markov" && $2 == "all" && $3 == "p5-p95" { print a, b, s, "all", $7, $6 }' >>"$dir/cov"
		done
		rm -rf "$dir/la" "$dir/la.db"*
		s=$((s + 1))
	done
done
echo "| synthetic rates | bands | month-ends in p5-p95 | at 12 months in p5-p95 | 12-month 95% interval |"
echo "|---|---|---|---|---|"
for synth in history none; do
	for bands in history none; do
		awk -v a="$synth" -v b="$bands" '$1 == a && $2 == b { inside += $5; n += $6 } END { printf "%d %d\n", inside, n }' "$dir/cov" >"$dir/m"
		awk -v a="$synth" -v b="$bands" '$1 == a && $2 == b && $4 == 12 { n++; inside += ($5 == "true") } END { printf "%d %d\n", inside, n }' "$dir/rows" >"$dir/h"
		read -r mi mn <"$dir/m"
		read -r hi hn <"$dir/h"
		awk -v a="$synth" -v b="$bands" -v mi="$mi" -v mn="$mn" -v hi="$hi" -v hn="$hn" 'BEGIN {
			z = 1.959963984540054; z2 = z * z; p = hi / hn; n = hn
			c = (p + z2 / (2 * n)) / (1 + z2 / n); h = z / (1 + z2 / n) * sqrt(p * (1 - p) / n + z2 / (4 * n * n))
			printf "| %s | %s | %.1f%% of %d | %.1f%% of %d | %.1f%% to %.1f%% |\n", (a == "history" ? "drift" : "hold"),
				(b == "history" ? "with drift (default)" : "without (--drift none)"), 100 * mi / mn, mn, 100 * p, n,
				100 * (c - h), 100 * (c + h) }'
	done
done
echo "($seeds seeds of $children children, 9 cut-offs each; $(($(date +%s) - start)) s)"
