#!/bin/sh
# caseflow quality: the problems recorded at ingest by return, table, column
# and reason, with counts that agree with the issues table, the first
# examples (row and value), the indicators that read the column, and notes
# (label_mapped) told apart from problems; --return and every format.
. "$CASEFLOW_TOP/tests/e2e/lib.sh"
cd "$work" || exit 1
"$cf" synth --children 1500 --years 2 --first-year 2022 --seed 7 --out la > /dev/null 2>&1
mkdir -p bad/2023-24/ssda903 && cp la/2023-24/ssda903/*.csv bad/2023-24/ssda903/
# 2023-24: legal status written as no code or label (problem), one impossible date (problem),
# a placement written as DfE's label (note)
awk -F, -v OFS=, 'NR > 1 && NR <= 30 && $4 == "C2" { $4 = "Care order (full)"; bad++ }
	NR == 5 { $8 = "31/02/2023" }
	NR > 1 && $6 == "U6" && lab < 3 { $6 = "Foster placement with other foster carer(s) - not long term or fostering for adoption/concurrent planning"; lab++ }
	{ print } END { print bad > "bad_ls.txt" }' la/2023-24/ssda903/episodes.csv > bad/2023-24/ssda903/episodes.csv
"$cf" ingest --db q.db la/2022-23 bad/2023-24 > /dev/null 2>&1
ep=$(sqlite3 q.db "SELECT id FROM returns WHERE path LIKE 'bad/2023-24/ssda903/episodes.csv'")
"$cf" quality --db q.db --format csv > q.csv
check "quality --format csv: exit 0" test $? -eq 0
check "... a header naming return, file, table, column, reason, issues, rows, examples and indicators" \
	sh -c 'head -1 "$0" | grep -q "^return,file,year,table,column,reason,kind,issues,rows,percent_of_rows,examples,message,indicators$"' q.csv
check "... one row per return, table, column and reason, as many as the issues table groups into" \
	test "$(($(wc -l < q.csv) - 1))" = "$(sqlite3 q.db "SELECT count(*) FROM (SELECT DISTINCT return_id, tbl, coalesce(column_name, ''), kind FROM issues)")"
want=$(cat bad_ls.txt)
check "the legal statuses that are no code: $want unknown_code in episodes.LS" \
	grep -q "^$ep,bad/2023-24/ssda903/episodes.csv,2023-24,episodes,LS,unknown_code,problem,$want," q.csv
check "... out of the return's episodes, with its percentage" \
	grep -q "^$ep,[^,]*,[^,]*,episodes,LS,unknown_code,problem,$want,$(sqlite3 q.db "SELECT count(*) FROM ssda903_episodes WHERE return_id = $ep")," q.csv
check "... the first examples with row and value" grep -q "row [0-9]* 'Care order (full)'; row [0-9]* 'Care order (full)'" q.csv
check "... and the indicators that read LS" sh -c 'grep "episodes,LS,unknown_code" "$0" | grep -q "cla_31mar, cla_rate_10k"' q.csv
check "the impossible date: bad_date in episodes.DEC, row 5, read by cla_ceased" \
	sh -c 'grep "episodes,DEC,bad_date,problem,1," "$0" | grep -q "row 5 .31/02/2023.*cla_ceased"' q.csv
check "DfE's label for a placement: a note, not a problem" grep -q "episodes,PLACE,label_mapped,note,3," q.csv
"$cf" quality --db q.db > q.txt
check "table format: the groups and the counts by reason" sh -c 'grep -q "^Data quality$" "$0" && grep -q "^Data quality by reason$" "$0"' q.txt
check "... unknown_code counted as the issues table has it" \
	sh -c "grep -Eq '^unknown_code +problem +$(sqlite3 q.db "SELECT count(*) FROM issues WHERE kind = 'unknown_code'") ' '$work/q.txt'"
"$cf" quality --db q.db --return "$ep" --format json > q.json
check "--return: only that return" sh -c '! grep -q "\"return\": [0-9]" "$0" || ! grep "\"return\": " "$0" | grep -vq "\"return\": $1,"' q.json "$ep"
check "... json with issues as numbers" grep -q "\"issues\": $want," q.json
"$cf" quality --db q.db --format xlsx --out q.xlsx > /dev/null
check "xlsx: a workbook with both sheets" sh -c 'unzip -p "$0" xl/workbook.xml | grep -q "Data quality by reason"' q.xlsx
"$cf" quality --db q.db --return 9999 > /dev/null 2> e.txt
rc=$?
check "--return naming no return: exit 1 saying so" sh -c 'test "$1" -eq 1 && grep -q "no such return" "$0"' e.txt "$rc"
"$cf" quality --db q.db --return x > /dev/null 2>&1
check "--return x: usage error" test $? -eq 2
"$cf" quality --db none.db > /dev/null 2>&1
check "no store: exit 1" test $? -eq 1
check "no child ID or postcode in the output" sh -c '! grep -q "XS[0-9]* [0-9][A-Z][A-Z]" "$0"' q.csv

# the report: a Data quality panel, sheets in the workbook, warnings on the tiles whose input has problems
"$cf" report --db q.db --out vs > /dev/null 2>&1
check "report: exit 0" test $? -eq 0
check "... a Data quality panel with the counts by reason" \
	sh -c 'grep -q "id=\"quality\"" "$0" && grep -q "<caption>Problems and notes by reason</caption>" "$0"' vs/index.html
check "... naming the indicators affected" grep -q "<caption>Indicators whose input has problems" vs/index.html
check "... the children-looked-after tile warns (legal status unreadable in most episodes)" \
	sh -c 'tile() { awk -v t="<h3>$2</h3>" "BEGIN { RS = \"<div class=\\\"tile\" } index(\$0, t) { print; exit }" "$1"; }; tile "$0" "Children looked after" | grep -q "class=\"warn\"> *⚠ [0-9.]*% of the rows"' vs/index.html
check "... the referrals tile does not (nothing wrong in the CIN census)" \
	sh -c 'tile() { awk -v t="<h3>$2</h3>" "BEGIN { RS = \"<div class=\\\"tile\" } index(\$0, t) { print; exit }" "$1"; }; ! tile "$0" "Referrals" | grep -q "class=\"warn\""' vs/index.html
check "... the workbook has Data quality, by reason and by indicator sheets" \
	sh -c 'unzip -p "$0" xl/workbook.xml | grep -q "name=\"Data quality\".*name=\"Data quality by reason\".*name=\"Data quality by indicator\""' vs/vital-signs.xlsx
"$cf" ingest --db clean.db la > /dev/null 2>&1
"$cf" report --db clean.db --out clean > /dev/null 2>&1
check "a store whose episodes read cleanly: no warning on the children-looked-after tile" \
	sh -c 'tile() { awk -v t="<h3>$2</h3>" "BEGIN { RS = \"<div class=\\\"tile\" } index(\$0, t) { print; exit }" "$1"; }; ! tile "$0" "Children looked after" | grep -q "class=\"warn\""' clean/index.html
echo "1..$n"
