#!/bin/sh
# Run every test and end with "N passed, N failed".
#  - unit tests: build/asan/tests/test_* (cmocka, TAP output)
#  - end-to-end: tests/e2e/*.sh, each printing TAP lines ("ok N - ..." / "not ok N - ...")
# Tests that need ../shared print "ok N - # SKIP ..." when it is absent, and
# fail instead when CI=true.
#
# CASEFLOW_JOBS tests run at once (default 2, one per core of the machine
# make check is sized for). Each test's output goes to a file of its own and
# is reported in the usual order as soon as that test and those before it
# are done. The slowest tests of the last run (build/test-times.txt) start
# first, so that the two jobs finish together. Stores several e2e scripts
# ingest alike are built once per run (store_from in tests/e2e/lib.sh).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
export CASEFLOW_BIN="$top/build/asan/caseflow"
export CASEFLOW_TOP="$top"
export CASEFLOW_SHARED="${CASEFLOW_SHARED:-$top/../shared}"
export CASEFLOW_NO_PROGRESS=1
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
export CMOCKA_MESSAGE_OUTPUT=TAP
jobs=${CASEFLOW_JOBS:-2}
times="$top/build/test-times.txt"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
trap 'exit 130' INT TERM
export CASEFLOW_FIXTURES="$out/fixtures"
mkdir "$CASEFLOW_FIXTURES"

# the tests, in report order: out/I.name and out/I.cmd
count=0
add() {
	count=$((count + 1))
	echo "$1" >"$out/$count.name"
	echo "$2" >"$out/$count.cmd"
}
for t in build/asan/tests/test_*; do
	[ -x "$t" ] || continue
	add "$(basename "$t")" "$t"
done
for t in tests/e2e/*.sh; do
	[ -f "$t" ] || continue
	case "$(basename "$t")" in lib.sh|pg.sh) continue ;; esac   # sourced helpers, not tests
	add "$(basename "$t" .sh)" "sh $t"
done

# start order: longest first by the last run's seconds, unknown tests first of all
i=0
while [ "$i" -lt "$count" ]; do
	i=$((i + 1))
	s=$(awk -v n="$(cat "$out/$i.name")" '$1 == n { s = $2 } END { print s == "" ? 999999 : s }' "$times" 2>/dev/null || echo 999999)
	echo "$s $i"
done | sort -k1,1nr -k2,2n | cut -d' ' -f2 >"$out/order"

# the pool: each test writes out/I.log, then out/I.rc and out/I.secs last
# (a rename, so a reader never sees half of it)
xargs -P "$jobs" -n 1 sh -c '
	d=$0 i=$1
	t0=$(date +%s)
	$(cat "$d/$i.cmd") >"$d/$i.log" 2>&1
	rc=$?
	echo $(( $(date +%s) - t0 )) >"$d/$i.secs"
	echo "$rc" >"$d/$i.rc.tmp" && mv "$d/$i.rc.tmp" "$d/$i.rc"' "$out" <"$out/order" &
pool=$!

pass=0 fail=0 skip=0
report() {
	name=$1 log=$2 rc=$3
	p=$(grep -cE '^ok ' "$log")
	s=$(grep -cE '^ok .*# ?SKIP' "$log")
	# cmocka's skip() prints "not ok N # SKIP name": a skip, not a failure
	cs=$(grep -cE '^not ok [0-9]* ?# ?SKIP' "$log")
	f=$(grep -cE '^not ok ' "$log")
	p=$((p - s)); f=$((f - cs)); s=$((s + cs))
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	pass=$((pass + p)); fail=$((fail + f)); skip=$((skip + s))
	if [ "$f" -gt 0 ]; then
		echo "FAIL $name ($p passed, $f failed)"
		sed 's/^/    /' "$log" | grep -vE '^    ok ' | tail -40
	else
		if [ "$s" -gt 0 ]; then echo "ok   $name ($p passed, $s skipped)"; else echo "ok   $name ($p passed)"; fi
	fi
	grep -E '# ?SKIP' "$log" | sed 's/^/    /' | head -5
	# figures a test wants seen (conformance counts) are shown whatever the outcome
	grep -oE 'conformance [a-z0-9]+: [0-9]+ passed, [0-9]+ failed.*' "$log" | sed 's/^/    /'
}
i=0
while [ "$i" -lt "$count" ]; do
	i=$((i + 1))
	while [ ! -e "$out/$i.rc" ]; do
		if ! kill -0 "$pool" 2>/dev/null && [ ! -e "$out/$i.rc" ]; then
			echo "the test pool ended before $(cat "$out/$i.name") was run" >"$out/$i.log"
			echo 1 >"$out/$i.rc"
			break
		fi
		sleep 0.2
	done
	report "$(cat "$out/$i.name")" "$out/$i.log" "$(cat "$out/$i.rc")"
done
wait "$pool"

# this run's seconds per test, for the next run's start order
if [ -d "$top/build" ]; then
	i=0
	while [ "$i" -lt "$count" ]; do
		i=$((i + 1))
		[ -e "$out/$i.secs" ] && echo "$(cat "$out/$i.name") $(cat "$out/$i.secs")"
	done >"$times.tmp" && mv "$times.tmp" "$times"
fi

echo
if [ "$skip" -gt 0 ]; then
	echo "$pass passed, $fail failed, $skip skipped"
else
	echo "$pass passed, $fail failed"
fi
[ "$fail" -eq 0 ]
