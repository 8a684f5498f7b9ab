#!/bin/sh
# The regional hub at scale (issue 16): a region of 20 synthetic councils of
# different sizes and seeds, 5 years each, pushed to a throwaway PostgreSQL
# cluster; then every indicator for every council and the region
# (kpi --la all, which reads each council's rows and the pool), and one
# council's benchmark read from the hub.
#   HUB_CHILDREN   total children over the 20 councils (default 1,000,000)
# Goals: push >= 100,000 rows/s; all indicators for the 20 councils and the
# region in under 10 s on 2 cores.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
cf=$top/build/caseflow
out=$top/bench/out/hub
total=${HUB_CHILDREN:-1000000}
rm -rf "$out"
mkdir -p "$out"
# the cluster: tests/e2e/pg.sh's, with TAP output quietened
n=0 work=$out
ok() { :; }
notok() { echo "bench/hub.sh: $*" >&2; }
. "$top/tests/e2e/pg.sh"
pg_start || { echo "bench/hub.sh: no PostgreSQL cluster (see above); skipped"; exit 0; }
trap pg_stop EXIT
pg_sql postgres postgres "CREATE ROLE hubowner LOGIN CREATEROLE" >/dev/null
pg_sql postgres postgres "CREATE DATABASE region OWNER hubowner" >/dev/null
admin="postgresql:///region?host=$pg_dir&user=hubowner"
"$cf" hub init --db "$admin" --region bench >/dev/null

echo "machine: $(uname -m), $(nproc) cores; PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}'); $total children in 20 councils"
# sizes from 1 to 20 parts: the largest council is 20 times the smallest;
# real DfE codes (Yorkshire and the Humber, the North East) so that
# benchmark finds each council in the published tables
codes="370 371 372 373 380 381 382 383 384 810 811 812 813 815 816 390 391 392 393 394"
i=1
for la in $codes; do
	kids=$((total * i / 210))
	[ $kids -lt 200 ] && kids=200
	"$cf" synth --children $kids --years 5 --first-year 2019 --seed $i --la $la --out "$out/la$la" --quiet
	"$cf" ingest --db "$out/la$la.db" "$out/la$la" >/dev/null
	"$cf" hub la add --db "$admin" --la $la --name "Council $i" >/dev/null
	for u in benchmarking forecasting sufficiency research; do
		"$cf" hub consent --db "$admin" --la $la --use $u --on >/dev/null
	done
	pg_sql hubowner region "CREATE ROLE c$la LOGIN IN ROLE bench_la_$la" >/dev/null
	i=$((i + 1))
done
echo "-- push, council by council (build/bench/bench_rusage caseflow push ...)"
rows=0
start=$(date +%s.%N)
for db in "$out"/la*.db; do
	la=$(basename "$db" .db | sed 's/^la//')
	line=$(build/bench/bench_rusage "$cf" push --from "$db" --to "postgresql:///region?host=$pg_dir&user=c$la" --la "$la" 2>&1)
	r=$(echo "$line" | sed -n 's/.*returns sent (\([0-9]*\) rows).*/\1/p')
	rows=$((rows + ${r:-0}))
	echo "$la: $(echo "$line" | tr '\n' ' ')"
done
end=$(date +%s.%N)
awk -v r=$rows -v s="$start" -v e="$end" 'BEGIN { printf "push: %d rows in %.1f s wall: %.0f rows/s\n", r, e - s, r / (e - s) }'
echo "-- $cf kpi --db HUB --la all --format csv (every indicator, 20 councils and the region)"
build/bench/bench_rusage "$cf" kpi --db "$admin" --la all --format csv --out "$out/region.csv"
echo "   $(($(wc -l <"$out/region.csv") - 1)) rows"
echo "-- $cf kpi --db HUB --la all --period all (every year, quarter and month)"
build/bench/bench_rusage "$cf" kpi --db "$admin" --la all --period all --format csv --out "$out/region_all.csv"
echo "   $(($(wc -l <"$out/region_all.csv") - 1)) rows"
echo "-- $cf benchmark --db HUB --la 394 (the largest council, read from the hub)"
build/bench/bench_rusage "$cf" benchmark --db "$admin" --la 394 --format csv --out "$out/bench394.csv" || true
echo "-- database size: $(pg_sql hubowner region "SELECT pg_size_pretty(pg_database_size('region'))")"
