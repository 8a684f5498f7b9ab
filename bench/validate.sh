#!/bin/sh
# Validation benchmark: every SSDA903 rule that needs no lookups, over
#  (a) a `caseflow synth` authority of 100,000 children over 5 years (the
#      issue's return: about 750 children in care, 9,000 rows a year), and
#  (b) a stress return: the independent synthetic return
#      (../shared/data/ssda903-synth, about 2,000 children in care) repeated
#      with the child IDs made distinct, by default enough copies for
#      100,000 children in care (COPIES=N to choose; 850,000 rows a year).
# Each is validated once with the previous year. REF_CHECKOUT=DIR also times
# DfE's Python validator (a checkout of data-to-insight/csc-validator-be-903,
# run by bench/validate/reference.py with Debian's python3-pandas) on (a),
# and on (b) when REF_STRESS=1 (it took more than 25 minutes there);
# PYTHON=/usr/bin/python3 names the interpreter that has pandas.
# Figures go into bench/README.md under "Validation performance" by hand.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cf="$top/build/caseflow"
shared=${CASEFLOW_SHARED:-$top/../shared}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# run LABEL THIS_YEAR PREV_YEAR: time one validation, count rows and findings
run() {
	label=$1 this=$2 prev=$3
	rows=$(cat "$this"/*.csv | wc -l)
	children=$(($(wc -l <"$this/header.csv") - 1))
	tf="$work/time"
	if command -v /usr/bin/time >/dev/null 2>&1; then
		/usr/bin/time -f "%e %U %S %M" -o "$tf" "$cf" validate "$this" --previous "$prev" \
			--table findings --format csv --out "$work/findings.csv"
	else
		start=$(date +%s.%N)
		"$cf" validate "$this" --previous "$prev" --table findings --format csv --out "$work/findings.csv"
		awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { print e - s, 0, 0, 0 }' >"$tf"
	fi
	findings=$(sed -n '/^rule,type,table/,$p' "$work/findings.csv" | tail -n +2 | wc -l)
	read -r wall user sys rss <"$tf"
	awk -v l="$label" -v c="$children" -v r="$rows" -v f="$findings" -v w="$wall" -v u="$user" -v s="$sys" -v m="$rss" 'BEGIN {
		cpu = u + s
		printf "%s: %d children in the return (Header rows), %d rows this year, %d findings\n", l, c, r, f
		printf "  %.2f s wall, %.2f s user, %.2f s system, %.0f MB peak; %.0f rows per CPU-second\n",
			w, u, s, m / 1024, (cpu > 0 ? r / cpu : 0) }'
	if [ -n "${REF_CHECKOUT:-}" ] && { [ "$label" = synth ] || [ "${REF_STRESS:-0}" = 1 ]; }; then
		echo "  DfE's Python validator on the same files:"
		${PYTHON:-python3} "$top/bench/validate/reference.py" "$REF_CHECKOUT" "$this" "$prev" | sed 's/^/    /'
	fi
}

# (a) the synthetic authority
"$cf" synth --children 100000 --years 5 --first-year 2019 --seed 1 --out "$work/la" --quiet
run synth "$work/la/2023-24/ssda903" "$work/la/2022-23/ssda903"
rm -rf "$work/la"

# (b) the stress return
src="$shared/data/ssda903-synth"
if [ ! -d "$src" ]; then
	echo "SKIP validate stress bench: $src not found"
	exit 0
fi
per_copy=$(($(wc -l <"$src/2023_24/csv/header.csv") - 1))
copies=${COPIES:-$(((100000 + per_copy - 1) / per_copy))}
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
run stress "$work/2023_24" "$work/2022_23"
