#!/bin/sh
# Walk tests/cases/benchmark/<case>/: each case runs `caseflow $(cat cmd)`
# on a store loaded from tests/cases/benchmark/_data/ (small hand-made DfE
# tables whose answers are worked out in the case's expected file) and
# compares standard output and the exit code (file rc, default 0).
. "$CASEFLOW_TOP/tests/e2e/lib.sh"
cases="$CASEFLOW_TOP/tests/cases/benchmark"
db="$work/cases.db"
# a load that fails part-way leaves nothing behind
CASEFLOW_FAIL_AFTER_ROWS=5 "$cf" ingest --db "$db" "$cases/_data" >/dev/null 2>&1
check "a failed load exits 3" test $? -eq 3
check "... and leaves no published figures" test "$(sqlite3 "$db" "SELECT count(*) FROM published")" = 0
check "ingest the hand-made published tables" sh -c '"$1" ingest --db "$2" "$3" >/dev/null' _ "$cf" "$db" "$cases/_data"
for dir in "$cases"/*/; do
	name=$(basename "$dir")
	case "$name" in _*) continue ;; esac
	want_rc=0
	[ -f "$dir/rc" ] && want_rc=$(cat "$dir/rc")
	# shellcheck disable=SC2046
	"$cf" $(cat "$dir/cmd") --db "$db" >"$work/out" 2>"$work/err"
	rc=$?
	if [ "$rc" -ne "$want_rc" ]; then
		notok "$name: exit $rc, expected $want_rc: $(head -c 300 "$work/err")"
	elif ! diff -u "$dir/expected" "$work/out" >"$work/diff"; then
		notok "$name: output differs"
		sed 's/^/# /' "$work/diff" | head -30
	else
		ok "$name"
	fi
	if [ "$want_rc" -ne 0 ]; then
		check "$name: says why on stderr" test -s "$work/err"
	fi
done
