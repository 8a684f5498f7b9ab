# Every command that reads a store: a missing store, a file that is not a
# store and a folder each fail with exit 1, a message saying what to do,
# and nothing created or changed.
. "$CASEFLOW_TOP/tests/e2e/lib.sh"

cd "$work" || exit 1
printf 'not a store\n' >"$work/notes.db"
mkdir -p "$work/folder"
# each line: the command's arguments after --db PATH; "what to run" in the hint
while IFS='|' read -r args hint; do
	name=${args%% *}
	"$cf" $args --db "$work/none.db" >/dev/null 2>"$work/e"
	rc=$?
	check "$name: a missing store exits 1" test $rc -eq 1
	check "$name: a missing store says how to make one ($hint)" \
		grep -q "none.db: no store here; load .* first with 'caseflow $hint" "$work/e"
	check "$name: a missing store is not created" test ! -e "$work/none.db"
	"$cf" $args --db "$work/notes.db" >/dev/null 2>"$work/e"
	rc=$?
	check "$name: a file that is not a store exits 1" test $rc -eq 1
	check "$name: ... and says so" grep -q "notes.db: not a caseflow store" "$work/e"
	check "$name: ... and leaves it as it was" grep -qx 'not a store' "$work/notes.db"
	"$cf" $args --db "$work/folder" >/dev/null 2>"$work/e"
	rc=$?
	check "$name: a folder as --db exits 1 naming a file to use" sh -c \
		'test $1 -eq 1 && grep -q "folder: a folder, not a store: .*--db .*/folder/caseflow.db" "$2"' _ $rc "$work/e"
done <<'LIST'
summary|ingest --db
kpi|ingest --db
journey --child A|ingest --db
report --out rep|ingest --db
forecast|ingest --db
trajectory show|trajectory set --db
programme show|programme --db
validate|ingest --db
LIST
check "report wrote nothing without a store" test ! -e rep

# benchmark makes a missing store and fills it with the published tables built in
"$cf" benchmark --la 380 --indicator cla_rate_10k --db "$work/bm.db" >/dev/null 2>"$work/e"
check "benchmark: a missing store is made, with the built-in published tables (exit 0)" sh -c \
	'test $1 -eq 0 && test "$(sqlite3 "$2" "SELECT count(*) FROM returns WHERE path LIKE '"'"'caseflow built-in:%'"'"'")" -gt 0' _ $? "$work/bm.db"
"$cf" benchmark --la 380 --db "$work/notes.db" >/dev/null 2>"$work/e"
check "benchmark: a file that is not a store exits 1 and is left as it was" sh -c \
	'test $1 -eq 1 && grep -q "not a caseflow store" "$2" && grep -qx "not a store" "$3"' _ $? "$work/e" "$work/notes.db"
"$cf" benchmark --la 380 --db "$work/folder" >/dev/null 2>"$work/e"
check "benchmark: a folder as --db exits 1" test $? -eq 1

# commands that create a store refuse other files the same way
"$cf" ingest --db "$work/notes.db" "$CASEFLOW_TOP/examples/programme" >/dev/null 2>"$work/e"
check "ingest into a file that is not a store exits 1" test $? -eq 1
check "... says so and leaves it as it was" sh -c \
	'grep -q "not a caseflow store" "$1" && grep -qx "not a store" "$2"' _ "$work/e" "$work/notes.db"
"$cf" programme --load "$CASEFLOW_TOP/examples/programme" --db "$work/folder" >/dev/null 2>"$work/e"
check "programme --load into a folder exits 1" test $? -eq 1
check "... naming a file to use" grep -q "a folder, not a store" "$work/e"
