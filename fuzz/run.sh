#!/bin/sh
# Build the libFuzzer targets from the sources (clang, ASan + UBSan, not the
# gcc library) and run each for a while. Usage:
#   fuzz/run.sh [SECONDS] [TARGET...]      (SECONDS default $FUZZ_SECONDS or 60)
# Targets: fuzz_csv fuzz_ssda903_csv fuzz_ssda903_xml fuzz_dfe_tidy fuzz_postcode_dir fuzz_local_csv (default: all, one
# after another: one job, so the machine stays usable). Corpora grow in
# build/fuzz/corpus/<target>/, seeded from tests/cases and ../shared
# samples; a crash leaves its input in build/fuzz/artifacts/ and makes the
# script exit 1. Each run's figures are appended to build/fuzz/runs.log.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
secs=${1:-${FUZZ_SECONDS:-60}}
[ $# -gt 0 ] && shift
targets=${*:-fuzz_csv fuzz_ssda903_csv fuzz_ssda903_xml fuzz_dfe_tidy fuzz_postcode_dir fuzz_local_csv}
shared=${CASEFLOW_SHARED:-$top/../shared}
out=build/fuzz
mkdir -p "$out/artifacts"

command -v clang >/dev/null 2>&1 || {
	echo "fuzz: clang is needed (apt-get install clang)" >&2; exit 1; }
pkgs="libxml-2.0 libzip"   # what src/formats links against
cflags="-g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
	-std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Wall -Wextra -Werror -Wno-unused-parameter
	-DCSV_CHUNK=64 -DCSV_MAX_ROW=((size_t)1<<16) -Isrc $(pkg-config --cflags $pkgs)"
libs="$(pkg-config --libs $pkgs) -lm"
# The readers and what they stand on: the base and formats layers only.
srcs="$(ls src/base/*.c src/formats/*.c)"

seeds() { # seeds TARGET: folders of seed files for it
	d=$out/seeds/$1
	rm -rf "$d"; mkdir -p "$d"
	case $1 in
	fuzz_ssda903_xml) pat='*.xml' ;;
	*) pat='*.csv' ;;
	esac
	i=0
	dirs="tests/cases $shared/data/samples/ssda903 $shared/data/ssda903-synth"
	[ "$1" = fuzz_dfe_tidy ] && dirs="tests/cases/benchmark $shared/data/dfe fuzz"   # fuzz/: the ONS projection seed
	[ "$1" = fuzz_postcode_dir ] && dirs="tests/cases/validate_lookups"
	[ "$1" = fuzz_local_csv ] && dirs="examples/money tests/cases"
	# shellcheck disable=SC2086
	for f in $(find $dirs -name "$pat" -type f 2>/dev/null | sort); do
		i=$((i + 1))
		# the first 8 KB of each: enough to reach every table, small enough to mutate
		head -c 8192 "$f" > "$d/seed$i"
	done
	echo "$d"
}

status=0
for t in $targets; do
	[ -f "fuzz/$t.c" ] || { echo "fuzz: no target fuzz/$t.c" >&2; exit 2; }
	echo "fuzz: building $t"
	# shellcheck disable=SC2086
	clang $cflags -o "$out/$t" "fuzz/$t.c" $srcs $libs || exit 1
	mkdir -p "$out/corpus/$t"
	sd=$(seeds "$t")
	dict=""
	[ -f "fuzz/$t.dict" ] && dict="-dict=fuzz/$t.dict"
	echo "fuzz: running $t for $secs s"
	log=$out/$t.log
	t0=$(date +%s)
	# shellcheck disable=SC2086
	"$out/$t" -max_total_time="$secs" -max_len=16384 -timeout=10 -rss_limit_mb=1024 \
		-print_final_stats=1 -artifact_prefix="$out/artifacts/$t-" $dict \
		"$out/corpus/$t" "$sd" >"$log" 2>&1
	rc=$?
	took=$(($(date +%s) - t0))
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1)
	units=$(ls "$out/corpus/$t" | wc -l)
	line="$(date -u +%Y-%m-%dT%H:%M:%SZ) $t seconds=$took runs=${runs:-?} ${cov:-cov: ?} corpus=$units exit=$rc"
	echo "$line" | tee -a "$out/runs.log"
	if [ "$rc" -ne 0 ]; then
		status=1
		echo "fuzz: $t FAILED; the input is in $out/artifacts/:" >&2
		grep -E 'ERROR|SUMMARY|runtime error|Test unit written' "$log" | head -10 >&2
	fi
done
exit $status
