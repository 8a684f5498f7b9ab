#!/bin/sh
# The hand-made published tables of tests/cases/benchmark/_data/: a load
# that fails part-way leaves nothing behind, and a whole one loads. The
# benchmark cases on them are run by 70_cases.sh.
. "$CASEFLOW_TOP/tests/e2e/lib.sh"
cases="$CASEFLOW_TOP/tests/cases/benchmark"
db="$work/cases.db"
CASEFLOW_FAIL_AFTER_ROWS=5 "$cf" ingest --db "$db" "$cases/_data" >/dev/null 2>&1
check "a failed load exits 3" test $? -eq 3
check "... and leaves no published figures" test "$(sqlite3 "$db" "SELECT count(*) FROM published")" = 0
check "ingest the hand-made published tables" sh -c '"$1" ingest --db "$2" "$3" >/dev/null' _ "$cf" "$db" "$cases/_data"
echo "1..$n"
