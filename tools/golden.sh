#!/bin/sh
# Golden outputs: run every command's outputs (table, csv, json, xlsx
# contents, the report's HTML and workbook) on a synthetic authority and on
# the shared returns, into OUTDIR, one file per output with its exit code.
# A refactor proves it changed no behaviour by running this with the binary
# before and after and comparing the two folders byte for byte:
#
#   git worktree add /tmp/before HEAD~1 && make -C /tmp/before all
#   sh tools/golden.sh /tmp/before/build/caseflow /tmp/golden-before
#   sh tools/golden.sh build/caseflow /tmp/golden-after
#   diff -r /tmp/golden-before /tmp/golden-after && echo identical
#
# Times, dates of generation and the store's own path are masked; nothing
# else is. Needs ../shared (or $CASEFLOW_SHARED) for the shared returns and
# DfE's tables; without it those outputs are left out, and it says so.
set -u
[ $# -eq 2 ] || { echo "usage: sh tools/golden.sh CASEFLOW_BINARY OUTDIR" >&2; exit 2; }
cf=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
out=$2
top=$(cd "$(dirname "$0")/.." && pwd)
shared=${CASEFLOW_SHARED:-$top/../shared}
export CASEFLOW_NO_PROGRESS=1
rm -rf "$out"; mkdir -p "$out"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
db=$work/la.db

# Mask what differs from run to run whatever the code: generation times,
# the temporary folder's name.
mask() { sed -e "s#$work#WORK#g" -e 's/in [0-9.]* s ([0-9.]* [KMG]*B\/s)/in T s (R)/' -e 's/[0-9]\{4\}-[0-9][0-9]-[0-9][0-9][T ][0-9][0-9]:[0-9][0-9]:[0-9][0-9][0-9.Z+:-]*/TIMESTAMP/g'; }
# run NAME ARGS...: stdout (masked) and exit code into OUTDIR/NAME
run() {
	name=$1; shift
	"$cf" "$@" >"$work/stdout" 2>"$work/stderr"
	rc=$?
	{ mask <"$work/stdout"; echo "-- rc $rc"; mask <"$work/stderr" | grep -v '^ *[0-9.]* s\b'; } >"$out/$name"
}
# xlsx NAME FILE: a workbook's parts as text (the zip's own dates differ)
xlsx() {
	[ -f "$2" ] || { echo "missing" >"$out/$1.xlsx.txt"; return; }
	mkdir -p "$work/x" && rm -rf "$work/x"/* && (cd "$work/x" && unzip -qo "$2")
	find "$work/x" -type f ! -name 'core.xml' | sort | while read -r f; do
		echo "== ${f#"$work"/x/}"; mask <"$f"; echo
	done >"$out/$1.xlsx.txt"
}

# --- the synthetic authority -------------------------------------------------
run synth synth --children 3000 --years 5 --first-year 2019 --seed 11 --out "$work/data"
(cd "$work/data" && find . -type f | sort | xargs sha256sum) >"$out/synth.files"
run ingest.table ingest --db "$db" "$work/data"
run ingest.json ingest --db "$work/other.db" --format json "$work/data"
run programme.load programme --db "$db" --load "$top/examples/programme"
for f in table csv json; do
	run summary.$f summary --db "$db" --format $f
	run kpi.$f kpi --db "$db" --format $f
	run kpi.locality.$f kpi --db "$db" --by locality --format $f
	run kpi.q.$f kpi --db "$db" --period 2023-24Q4 --by age_band --suppress 6 --format $f
	run forecast.$f forecast --db "$db" --months 12 --format $f
	run programme.$f programme show --db "$db" --view all --as-of 2024-03-31 --format $f
done
run kpi.r12 kpi --db "$db" --period r12:2024-01-31 --by category_of_need --format csv
run kpi.month kpi --db "$db" --period 2023-11 --by sex --format csv
run forecast.runs forecast --db "$db" --months 12 --runs 50 --threads 1 --seed 3 --format csv
run forecast.backtest forecast --db "$db" --backtest --cutoff 2022-03-31 --months 12 --format csv
child=$(sqlite3 "$db" "SELECT child FROM episodes ORDER BY child LIMIT 1" 2>/dev/null)
run journey.table journey --db "$db" --child "$child"
run journey.json journey --db "$db" --child "$child" --format json
run validate.db validate --db "$db" --table findings --format csv
run validate.db.cin validate --db "$db" --return cin --table findings --format csv
run kpi.xlsx kpi --db "$db" --format xlsx --out "$work/kpi.xlsx"; xlsx kpi "$work/kpi.xlsx"
run summary.xlsx summary --db "$db" --format xlsx --out "$work/summary.xlsx"; xlsx summary "$work/summary.xlsx"
run report report --db "$db" --out "$work/report" --period 2023-24 --as-of 2024-03-31
[ -f "$work/report/index.html" ] || run report report --db "$db" --out "$work/report" --period 2023-24
for f in "$work"/report/*; do
	case "$f" in
	*.xlsx) xlsx "report.$(basename "$f")" "$f" ;;
	*) mask <"$f" >"$out/report.$(basename "$f")" ;;
	esac
done

# --- the shared returns and DfE's tables --------------------------------------
if [ -d "$shared/data/ssda903-synth" ]; then
	s=$shared/data/ssda903-synth
	run validate.903 validate --table findings --format csv --previous "$s/2022_23/csv" "$s/2023_24/csv"
	run validate.903.json validate --format json "$s/2023_24/csv"
	for c in "$shared"/data/samples/cin/*.xml; do
		[ -f "$c" ] && run "validate.cin.$(basename "$c" .xml)" validate --table findings --format csv "$c"
	done
	run shared.ingest ingest --db "$work/shared.db" "$s/2022_23/csv" "$s/2023_24/csv" "$shared/data/dfe"
	run shared.kpi kpi --db "$work/shared.db" --format csv
	run shared.summary summary --db "$work/shared.db" --table summary --format csv
	run shared.funnel summary --db "$work/shared.db" --table funnel --format csv
	run shared.forecast forecast --db "$work/shared.db" --format csv
	run benchmark.380 benchmark --db "$work/shared.db" --la 380 --format csv
	run benchmark.all benchmark --db "$work/shared.db" --la all --years 2 --format csv
	run report.la report --db "$work/shared.db" --out "$work/rla" --la 380
	[ -f "$work/rla/index.html" ] && mask <"$work/rla/index.html" >"$out/report.la.html"
else
	echo "golden: no shared folder at $shared: the shared returns' outputs are left out" >&2
fi
echo "golden: $(ls "$out" | wc -l) outputs in $out"
