# Outputs that open cleanly: one table per CSV file (--out DIR/), one shape
# per JSON document (an object of arrays when a command writes several
# tables), and summary's short-breaks line that reconciles it with kpi.
. "$CASEFLOW_TOP/tests/e2e/lib.sh"

# A looked after all year (C2); D on short breaks only (V3) across 31 March
# 2024; E on short breaks (V4) and then, from 1 March, on a care order, so
# looked after on 31 March in DfE's sense too.
mkdir -p "$work/r/2023-24"
cat > "$work/r/2023-24/episodes.csv" <<'CSV'
CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN
A,01/06/2023,S,C2,N1,U1,PR1,,,,,,
D,01/02/2024,S,V3,N1,U1,PR1,,,,,,
E,01/01/2024,S,V4,N1,U1,PR1,,,,,,
E,01/03/2024,S,C2,N1,U1,PR1,,,,,,
CSV
cat > "$work/r/2023-24/header.csv" <<'CSV'
CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB
A,1,15/04/2010,WBRI,,,
D,2,01/04/2012,WBRI,,,
E,2,01/04/2014,WBRI,,,
CSV
"$cf" ingest --db "$work/t.db" "$work/r" >/dev/null 2>&1
check "ingest exits 0" test $? -eq 0

"$cf" summary --db "$work/t.db" --format csv >"$work/s.csv" 2>"$work/s.err"
check "summary --format csv to standard output: two tables, refused (exit 2) naming them" \
	sh -c '[ "$2" -eq 2 ] && ! [ -s "$0" ] && grep -q "holds one table.*2 (summary and funnel).*--table NAME.*--out DIR/" "$1"' \
	"$work/s.csv" "$work/s.err" $?
"$cf" summary --db "$work/t.db" --format csv --table nosuch >/dev/null 2>"$work/s.err"
check "--table with a name not in the output: exit 2, the names listed" \
	sh -c '[ "$1" -eq 2 ] && grep -q "tables are summary and funnel" "$0"' "$work/s.err" $?
"$cf" summary --db "$work/t.db" --table summary --format csv >"$work/s.csv"
check "summary's cla counts all three open on 31 March" grep -qx '2024-03-31,cla,all,all,3' "$work/s.csv"
check "... and says one of them (D) is on short breaks only" grep -qx '2024-03-31,cla_short_breaks,all,all,1' "$work/s.csv"
"$cf" kpi --db "$work/t.db" --period 2023-24 --indicator cla_31mar --format csv >"$work/k.csv" 2>/dev/null
# 3 - 1 = 2: A and E (E's open episode on 31 March is the care order)
check "kpi cla_31mar is cla - cla_short_breaks = 2" sh -c 'grep "^cla_31mar," "$0" | grep -q ",2,"' "$work/k.csv"

rm -rf "$work/csv"
"$cf" summary --db "$work/t.db" --format csv --out "$work/csv/"
check "--format csv --out DIR/ exits 0" test $? -eq 0
check "... one file per table: summary.csv and funnel.csv" sh -c 'test "$(ls "$0" | tr "\n" " ")" = "funnel.csv summary.csv "' "$work/csv"
check "... summary.csv is one table: one header line" test "$(grep -c '^date,' "$work/csv/summary.csv")" = 1
check "... with no blank line" sh -c '! grep -q "^$" "$0"' "$work/csv/summary.csv"
check "... and funnel.csv starts with its own header" sh -c 'head -n 1 "$0" | grep -q "^date,measure,"' "$work/csv/funnel.csv"
mkdir -p "$work/csv2"
"$cf" summary --db "$work/t.db" --format csv --out "$work/csv2"
check "an existing folder without the slash works too" test -s "$work/csv2/summary.csv"

"$cf" summary --db "$work/t.db" --format json >"$work/s.json"
check "summary --format json: one object, a key per table" \
	sh -c 'head -n 2 "$0" | tr -d "\n" | grep -q "^{\"summary\": \\[" && grep -q "^\"funnel\": \\[" "$0" && tail -n 1 "$0" | grep -qx "}"' "$work/s.json"
"$cf" kpi --db "$work/t.db" --period 2023-24 --indicator cla_31mar --format json >"$work/k.json" 2>/dev/null
check "a single table stays one array" sh -c 'head -c 1 "$0" | grep -q "\\["' "$work/k.json"
"$cf" ingest --db "$work/t2.db" --format json "$work/r" >"$work/i.json" 2>/dev/null
check "ingest --format json: {\"files\": [...], \"issues\": [...]}" \
	sh -c 'head -n 2 "$0" | tr -d "\n" | grep -q "^{\"files\": \\[" && grep -q "^\"issues\": \\[" "$0"' "$work/i.json"
"$cf" validate "$work/r/2023-24" --year 2023-24 --format json --out "$work/v.json" >/dev/null 2>&1
check "validate --format json: {\"summary\": [...], \"findings\": [...]}" \
	sh -c 'head -n 2 "$0" | tr -d "\n" | grep -q "^{\"summary\": \\[" && grep -q "^\"findings\": \\[" "$0"' "$work/v.json"
if command -v python3 >/dev/null 2>&1; then
	check "each JSON document parses" python3 -c 'import json,sys; [json.load(open(f)) for f in sys.argv[1:]]' \
		"$work/s.json" "$work/k.json" "$work/i.json" "$work/v.json"
fi
echo "1..$n"
