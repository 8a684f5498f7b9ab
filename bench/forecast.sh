#!/bin/sh
# Forecast benchmark: a 100,000-child, 5-year synthetic authority (made by
# bench/forecast/gen.awk, cached in $CASEFLOW_BENCH_DIR), then
#   1. load + clean + estimate + project 24 months daily (goal < 0.5 s),
#   2. 1,000 bootstrap-and-simulate runs on 2 threads (goal < 10 s),
# with peak memory; and the Python reference on the same returns when
# REF_CHECKOUT points at a copy of cs-demand-model-regional (docs/forecast.md).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cf="$top/build/caseflow"
dir=${CASEFLOW_BENCH_DIR:-/tmp/caseflow-bench-forecast}
children=${FORECAST_CHILDREN:-100000}
mkdir -p "$dir"
if [ ! -f "$dir/la-$children.db" ]; then
	echo "generating $children children over 5 years in $dir ..."
	rm -rf "$dir/data-$children"
	awk -v children="$children" -v years=5 -v last=2024 -v out="$dir/data-$children" -v seed=1 -f "$top/bench/forecast/gen.awk"
	"$cf" ingest --db "$dir/la-$children.db" "$dir/data-$children"/* > /dev/null
fi
db="$dir/la-$children.db"
export CASEFLOW_NO_PROGRESS=1
timed() { # label command...: best of 3 by CPU time (the machine may be shared), with wall time and peak RSS
	label=$1; shift
	best=""
	for i in 1 2 3; do
		/usr/bin/time -f "%U %S %e %M" -o "$dir/time.txt" "$@" > /dev/null
		read -r u s e m < "$dir/time.txt"
		cpu=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')
		if [ -z "$best" ] || awk -v a="$cpu" -v b="$best" 'BEGIN { exit !(a < b) }'; then
			best=$cpu; wall=$e; mem=$m
		fi
	done
	printf '%-56s %6s s CPU %6s s wall %5d MB peak\n' "$label" "$best" "$wall" $((mem / 1024))
}
"$cf" forecast --db "$db" --table inputs | grep -E 'children|segments|data |reference'
timed "load+clean+estimate+project 24 months (markov)" "$cf" forecast --db "$db" --months 24 --format csv
timed "same, exact-age (200 simulation runs for the mean)" "$cf" forecast --db "$db" --months 24 --method exact-age --format csv --threads 2
timed "1,000 bootstrap-and-simulate runs, 2 threads" "$cf" forecast --db "$db" --months 24 --runs 1000 --threads 2 --format csv
timed "1,000 bootstrap-and-simulate runs, 1 thread" "$cf" forecast --db "$db" --months 24 --runs 1000 --threads 1 --format csv
if [ -n "${REF_CHECKOUT:-}" ] && [ -d "$REF_CHECKOUT/ssda903" ]; then
	end=$("$cf" forecast --db "$db" --table inputs --format csv | awk -F, '$1=="reference window" { print $2 }')
	rs=${end% to *}; re=${end#* to }
	timed "Python reference (load+model+predict 730 days)" /usr/bin/python3 "$top/bench/forecast/reference.py" \
		"$REF_CHECKOUT" "$rs" "$re" "$re" 730 "$dir/data-$children"/*
	"$top/bench/forecast/compare.sh" "$cf" "$db" "$REF_CHECKOUT" "$rs" "$re" "$re" 24 "$dir/data-$children"/* | tail -1
fi
