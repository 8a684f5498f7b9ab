#!/bin/sh
# Run every test and end with "N passed, N failed".
#  - unit tests: build/asan/tests/test_* (cmocka, TAP output)
#  - end-to-end: tests/e2e/*.sh, each printing TAP lines ("ok N - ..." / "not ok N - ...")
# Tests that need ../shared print "ok N - # SKIP ..." when it is absent, and
# fail instead when CI=true.
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
log=$(mktemp)
pass=0 fail=0 skip=0
run_one() {
	name=$1; shift
	"$@" >"$log" 2>&1
	rc=$?
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
for t in build/asan/tests/test_*; do
	[ -x "$t" ] || continue
	run_one "$(basename "$t")" "$t"
done
for t in tests/e2e/*.sh; do
	[ -f "$t" ] || continue
	[ "$(basename "$t")" = lib.sh ] && continue
	run_one "$(basename "$t" .sh)" sh "$t"
done
rm -f "$log"
echo
if [ "$skip" -gt 0 ]; then
	echo "$pass passed, $fail failed, $skip skipped"
else
	echo "$pass passed, $fail failed"
fi
[ "$fail" -eq 0 ]
