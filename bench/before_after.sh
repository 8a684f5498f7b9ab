#!/bin/sh
# Is any command slower after a change? Times each main command with two
# builds, side by side, on the same 100,000-child, 5-year synthetic
# authority (cached in $CASEFLOW_BENCH_DIR), best of 3 by CPU time (the
# machine may be shared), and prints both with their ratio.
#
# Usage: sh bench/before_after.sh OLD_CASEFLOW NEW_CASEFLOW
# Not run by `make bench` (it takes a few minutes of CPU); a refactor
# records its table in bench/README.md ("Before and after").
set -eu
[ $# -eq 2 ] || { echo "usage: sh bench/before_after.sh OLD_CASEFLOW NEW_CASEFLOW" >&2; exit 2; }
top=$(cd "$(dirname "$0")/.." && pwd)
old=$1 new=$2
dir=${CASEFLOW_BENCH_DIR:-/tmp/caseflow-bench-before-after}
shared=${CASEFLOW_SHARED:-$top/../shared}
export CASEFLOW_NO_PROGRESS=1
mkdir -p "$dir"
if [ ! -d "$dir/la" ]; then
	echo "synthesising 100,000 children over 5 years into $dir/la ..." >&2
	"$old" synth --children 100000 --years 5 --first-year 2020 --seed 1 --out "$dir/la" --quiet
fi

best() { # command...: best of 3 CPU seconds, then its peak MB
	b="" m=0
	for i in 1 2 3; do
		/usr/bin/time -f "%U %S %M" -o "$dir/t" "$@" >/dev/null 2>&1 || true
		read -r u s k <"$dir/t"
		c=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')
		if [ -z "$b" ] || awk -v a="$c" -v x="$b" 'BEGIN { exit !(a < x) }'; then b=$c m=$((k / 1024)); fi
	done
	echo "$b $m"
}
row() { # label, then the command with BIN and DB for the binary and its store
	label=$1; shift
	set -- "$@"
	o=$(eval best $(echo "$*" | sed "s#BIN#$old#g; s#DB#$dir/old.db#g"))
	n=$(eval best $(echo "$*" | sed "s#BIN#$new#g; s#DB#$dir/new.db#g"))
	set -- $o $n
	printf '| %-44s | %6s s | %5s MB | %6s s | %5s MB | %5s |\n' "$label" "$1" "$2" "$3" "$4" \
		"$(awk -v a="$1" -v b="$3" 'BEGIN { if (a > 0) printf "%.2f", b / a; else print "-" }')"
}
rm -f "$dir/old.db" "$dir/new.db"
"$old" ingest --db "$dir/old.db" "$dir/la" "$shared/data/dfe" >/dev/null 2>&1 || true
"$new" ingest --db "$dir/new.db" "$dir/la" "$shared/data/dfe" >/dev/null 2>&1 || true
echo "| command (100,000 children, 5 years) | before CPU | before peak | after CPU | after peak | after/before |"
echo "|---|---|---|---|---|---|"
row "ingest (fresh store each run)" "sh -c 'rm -f $dir/tmp.db && BIN ingest --db $dir/tmp.db $dir/la'"
row "summary" BIN summary --db DB
row "kpi (every indicator, 2024-25)" BIN kpi --db DB --format csv
row "kpi --by locality" BIN kpi --db DB --by locality --format csv
row "forecast --months 24" BIN forecast --db DB --months 24 --format csv
row "forecast --runs 200 --threads 1" BIN forecast --db DB --months 24 --runs 200 --threads 1 --format csv
row "validate --db (903 and CIN)" BIN validate --db DB --table findings --format csv
row "validate 2024-25 SSDA903 files with previous" BIN validate --table findings --format csv --previous $dir/la/2023-24/ssda903 $dir/la/2024-25/ssda903
row "benchmark --la all" BIN benchmark --db DB --la all --format csv
row "report" BIN report --db DB --out $dir/report
