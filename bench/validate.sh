#!/bin/sh
# Validation benchmark: every SSDA903 rule over a large return. Until
# `caseflow synth` can make a 100,000-child return, the independent
# synthetic return (../shared/data/ssda903-synth, about 2,000 children) is
# repeated with the child IDs made distinct: by default enough copies for
# 100,000 children (COPIES=N to choose). Figures go into bench/README.md
# under "Validation" by hand.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cf="$top/build/caseflow"
shared=${CASEFLOW_SHARED:-$top/../shared}
src="$shared/data/ssda903-synth"
if [ ! -d "$src" ]; then
	echo "SKIP validate bench: $src not found"
	exit 0
fi
per_copy=$(($(wc -l <"$src/2023_24/csv/header.csv") - 1))
copies=${COPIES:-$(((100000 + per_copy - 1) / per_copy))}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# repeat each table, suffixing CHILD (the first column) with the copy number
for y in 2022_23 2023_24; do
	mkdir -p "$work/$y"
	for f in "$src/$y/csv"/*.csv; do
		awk -F, -v OFS=, -v n="$copies" '
			NR == 1 { print; next }
			{ rows[++k] = $0 }
			END { for (c = 1; c <= n; c++) for (i = 1; i <= k; i++) {
				split(rows[i], a, ","); a[1] = a[1] "x" c; s = a[1]
				for (j = 2; j <= length(a); j++) s = s "," a[j]
				print s } }' "$f" >"$work/$y/$(basename "$f")"
	done
done
rows=$(cat "$work"/2023_24/*.csv | wc -l)
children=$(($(wc -l <"$work/2023_24/header.csv") - 1))
echo "return: $children children, $rows rows in 2023-24 (+ 2022-23 as the previous year)"
tf="$work/time"
start=$(date +%s.%N)
if command -v /usr/bin/time >/dev/null 2>&1; then
	/usr/bin/time -f "%e s wall, %U s user, %S s system, %M KB max RSS" -o "$tf" "$cf" validate "$work/2023_24" --previous "$work/2022_23" \
		--format csv --out "$work/findings.csv"
	cat "$tf"
else
	"$cf" validate "$work/2023_24" --previous "$work/2022_23" --format csv --out "$work/findings.csv"
fi
end=$(date +%s.%N)
findings=$(sed -n '/^rule,type,table/,$p' "$work/findings.csv" | tail -n +2 | wc -l)
echo "$findings findings" 
awk -v s="$start" -v e="$end" -v r="$rows" 'BEGIN { t = e - s; printf "all rules: %.2f s wall, %.0f rows/s\n", t, r / t }'
