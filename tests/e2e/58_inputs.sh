#!/bin/sh
# Inputs as councils have them: a file in a return's folder with an
# extension caseflow does not read is reported by name, never skipped in
# silence.
. "$CASEFLOW_TOP/tests/e2e/lib.sh"
cd "$work" || exit 1
"$cf" synth --children 300 --years 1 --first-year 2023 --seed 5 --out la > /dev/null 2>&1
mkdir -p ret && cp la/2023-24/ssda903/*.csv ret/ && mv ret/episodes.csv ret/episodes.txt
"$cf" ingest --db s.db ret > out.txt 2> err.txt
check "a return folder holding episodes.txt: the other tables load (exit 0)" test $? -eq 0
check "... episodes.txt is named on standard error, with what caseflow reads" \
	grep -q "ret/episodes.txt: skipped: caseflow reads .csv, .xml and .xlsx" err.txt
check "... and in the load summary as skipped" sh -c 'grep "ret/episodes.txt" "$0" | grep -q "skipped"' out.txt
check "... and no episodes are stored" test "$(sqlite3 s.db "SELECT count(*) FROM ssda903_episodes")" = 0
mkdir -p only && cp la/2023-24/ssda903/episodes.csv only/episodes.txt
"$cf" ingest --db t.db only > /dev/null 2> err2.txt
check "a folder with nothing caseflow reads: exit 1 naming the file" \
	sh -c 'test $1 -eq 1 && grep -q "only/episodes.txt.*caseflow reads .csv, .xml and .xlsx" "$0"' err2.txt $?
echo "1..$n"
