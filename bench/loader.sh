#!/bin/sh
# Loader performance (bench/README.md, "Loader performance"): `caseflow
# ingest` of a synthetic 100,000-child, 5-year authority in every format it
# writes (SSDA903 CSV, CIN census XML, Annex A workbooks, workforce census,
# contacts, early help, child areas, localities, population), each source on its own into
# a new store and then everything in one command; best of RUNS (default 3)
# by CPU time, since the machine is shared and wall time follows its load.
# BASE=OTHER_CASEFLOW runs another build too, each of its runs right after
# one of build/caseflow's, for a before/after.
# Figures are from build/bench/bench_rusage (fork, exec, wait4 rusage).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
runs=${RUNS:-3}
out=bench/out/loader
la=$out/la
make -s build/caseflow build/bench/bench_rusage
mkdir -p "$out"
rm -rf "$la"
build/caseflow synth --children 100000 --years 5 --first-year 2020 --seed 1 --out "$la" --quiet
export CASEFLOW_NO_PROGRESS=1

# one BIN TAG PATH...: ingest into a new store, the rusage line appended to $out/TAG.txt
one() {
	bin=$1 tag=$2
	shift 2
	rm -f "$out/bench.db" "$out/bench.db-wal" "$out/bench.db-shm"
	build/bench/bench_rusage "$bin" ingest --db "$out/bench.db" "$@" 2>>"$out/$tag.txt" >/dev/null || true
}

# report NAME TAG: the run with the least user + system time
report() {
	rows=$(sqlite3 "$out/bench.db" "SELECT coalesce(sum(rows), 0) FROM returns")
	awk -v name="$1" -v rows="$rows" -F'[= ]' '/^wall_s=/ { cpu = $4 + $6; if (!n++ || cpu < best) { best = cpu; w = $2; r = $8 } }
		END { printf "%-10s %8d rows  cpu %6.2f s  wall %6.2f s  %8.0f rows/cpu-s  peak %5.1f MB\n", name, rows, best, w, rows / best, r }' \
		"$out/$2.txt"
}

# measure NAME PATH...: RUNS runs of build/caseflow, interleaved with BASE's
# when given (the load of a shared machine then falls on both alike)
measure() {
	name=$1
	shift
	rm -f "$out/new.txt" "$out/base.txt"
	i=0
	while [ $i -lt "$runs" ]; do
		one build/caseflow new "$@"
		[ -z "${BASE:-}" ] || one "$BASE" base "$@"
		i=$((i + 1))
	done
	printf '%-5s ' new
	report "$name" new
	if [ -n "${BASE:-}" ]; then
		printf '%-5s ' base
		report "$name" base
	fi
}

echo "machine: $(uname -m), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "-- ingest, best of $runs by CPU: new = build/caseflow${BASE:+, base = $BASE}"
measure ssda903 "$la"/*/ssda903
measure cin "$la"/*/cin_census.xml
measure annexa "$la"/*/annex_a.xlsx
measure workforce "$la"/*/workforce.xml
measure local "$la"/*/contacts.csv "$la"/*/early_help.csv "$la"/child_areas.csv "$la"/localities.csv "$la"/population.csv
measure all "$la"
rm -f "$out/bench.db" "$out/bench.db-wal" "$out/bench.db-shm" "$out/new.txt" "$out/base.txt"
