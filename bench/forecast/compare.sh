#!/bin/sh
# Compare `caseflow forecast` (markov) with the Python reference model on the
# same returns: total and each state at the forecast's last day, and % difference.
# usage: bench/forecast/compare.sh CASEFLOW DB REF_CHECKOUT REF_START REF_END START MONTHS YEAR_DIR...
#   REF_CHECKOUT: a copy of cs-demand-model-regional holding ssda903/ (see docs/forecast.md)
#   YEAR_DIR: header.csv, episodes.csv, uasc.csv of one collection year, named like 2023_24
set -eu
cf=$1 db=$2 ref=$3 rs=$4 re=$5 start=$6 months=$7
shift 7
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$cf" forecast --db "$db" --keep-withdrawn --ref-start "$rs" --ref-end "$re" --start "$start" --months "$months" \
	--format csv --table forecast > "$tmp/cf.csv"
last=$(tail -1 "$tmp/cf.csv" | cut -d, -f1)
days=$(( ( $(date -d "$last" +%s) - $(date -d "$start" +%s) ) / 86400 ))
/usr/bin/python3 "$(dirname "$0")/reference.py" "$ref" "$rs" "$re" "$start" "$days" "$@" > "$tmp/ref.txt"
# reference labels "10 to 16 - Fostering" -> caseflow "10-16,fostering"
sed -n 's/^Birth to 1 - /0-1,/; s/^\([0-9]*\) to \([0-9]*\)+* - /\1-\2,/; s/^total,/all,all,/; /,[0-9.]*$/p' "$tmp/ref.txt" |
	grep -v '^seconds' | awk -F, 'NF==2 { split($1,a,","); } { print }' |
	sed 's/,\([A-Z]\)\([a-z]*\),/,\L\1\2,/' > "$tmp/ref.csv"
echo "date $last (day $days); reference $(grep '^seconds' "$tmp/ref.txt" | cut -d, -f2) s"
printf '%-8s %-12s %10s %10s %8s\n' age placement caseflow reference diff%
awk -F, -v last="$last" 'NR==FNR { ref[$1","$2] = $3; next }
	$1 == last && (($2 "," $3) in ref) {
		k = $2 "," $3; r = ref[k]; c = $4
		d = r > 0 ? (c - r) / r * 100 : (c > 0 ? 100 : 0)
		printf "%-8s %-12s %10.3f %10.3f %8.3f\n", $2, $3, c, r, d
		if (d < 0) d = -d; if (d > worst) worst = d
	}
	END { printf "largest difference %.3f%%\n", worst }' "$tmp/ref.csv" "$tmp/cf.csv"
