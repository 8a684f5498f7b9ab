# caseflow kpi through the binary: the hand-made return of tests/cases/kpi/_return
# loads, and the xlsx output is a workbook. What kpi prints for it (periods,
# breakdowns, suppression, JSON keys, errors) is in the case folders
# tests/cases/kpi/*, run by 70_cases.sh.
. "$CASEFLOW_TOP/tests/e2e/lib.sh"
"$cf" ingest --db "$work/t.db" "$CASEFLOW_TOP/tests/cases/kpi/_return" >/dev/null 2>&1
check "ingest the hand-made return" test $? -eq 0
"$cf" kpi --db "$work/t.db" --format xlsx --out "$work/k.xlsx" 2>/dev/null
check "xlsx output is a workbook" sh -c 'test "$(head -c 2 "$0")" = PK' "$work/k.xlsx"
echo "1..$n"
