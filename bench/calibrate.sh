#!/bin/sh
# Calibration on every council's published history (caseflow calibrate):
# the tables docs/forecast.md publishes, remade from DfE's published tables,
# with the time it takes. Needs the tables in ../shared/data/dfe (or
# $CASEFLOW_SHARED); run by `make bench`.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cf="$top/build/caseflow"
shared=${CASEFLOW_SHARED:-$top/../shared}
[ -d "$shared/data/dfe" ] || { echo "calibrate: no $shared/data/dfe; skipped"; exit 0; }
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
export CASEFLOW_NO_PROGRESS=1
"$cf" ingest --db "$dir/pub.db" "$shared/data/dfe" >/dev/null
for m in cla cin referrals; do
	/usr/bin/time -f "calibrate --measure $m: %U s user, %M KB peak" \
		"$cf" calibrate --db "$dir/pub.db" --measure $m --table calibration --format csv >"$dir/$m.csv"
	awk -F, -v OFS=' | ' 'NR > 1 && $4 == "all" { printf "| %s | %s | %s | %s | %.1f%% | %.1f%% | %s |\n", $1, $2, $3, $6, $7, $8, ($10 == "" ? "-" : sprintf("%.1f%%", $10)) }' "$dir/$m.csv"
done
