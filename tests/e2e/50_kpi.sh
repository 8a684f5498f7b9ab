# caseflow kpi through the binary: JSON keys, periods, breakdowns, suppression, formats.
. "$CASEFLOW_TOP/tests/e2e/lib.sh"

# A looked after across 31 March 2024 (born 15/04/2008: 15 then); B starts
# and ceases within 2023-24, ceasing on 31 March; C in care since 2022 and
# 16 on 31 March 2024 (born 31/03/2008).
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
"$cf" ingest --db "$work/t.db" "$work/r" >/dev/null 2>&1
check "ingest the hand-made return" test $? -eq 0

"$cf" kpi --db "$work/t.db" --format json >"$work/k.json" 2>"$work/k.err"
check "kpi exits 0" test $? -eq 0
check "the LA row of cla_31mar has exactly the documented keys" grep -qF \
	'{"indicator": "cla_31mar", "period": "2023-24", "group_by": "all", "group": "all", "numerator": 2, "denominator": null, "value": 2, "unit": "count", "suppressed": false}' "$work/k.json"
check "cla_ceased counts B, who ceased on 31 March" grep -qF '"indicator": "cla_ceased", "period": "2023-24", "group_by": "all", "group": "all", "numerator": 1,' "$work/k.json"
check "the default period is the latest complete year" sh -c '! grep -v "\"period\": \"2023-24\"" "$0" | grep -q indicator' "$work/k.json"
check "a note says what is not loaded" grep -q "note: not loaded.*referrals" "$work/k.err"
check "without centroids placed_20mi is omitted, with a note" sh -c '! grep -q placed_20mi "$0" && grep -q "placed_20mi and placed_outside_la omitted" "$1"' "$work/k.json" "$work/k.err"
check "a rate without a population has a null denominator and value" grep -qF \
	'{"indicator": "cla_rate_10k", "period": "2023-24", "group_by": "all", "group": "all", "numerator": 2, "denominator": null, "value": null, "unit": "per_10k", "suppressed": false}' "$work/k.json"

"$cf" kpi --db "$work/t.db" --period 2024-03 --format csv >"$work/m.csv" 2>/dev/null
check "a month: March 2024 has B's ceasing and nobody starting" sh -c \
	'grep -q "^cla_ceased,2024-03,all,all,1,,1,count,false$" "$0" && grep -q "^cla_started,2024-03,all,all,0,,0,count,false$" "$0"' "$work/m.csv"
"$cf" kpi --db "$work/t.db" --period r12:2024-03-31 --format csv >"$work/r12.csv" 2>/dev/null
check "12 months to 31 March 2024 agree with the year" sh -c \
	'grep -q "^cla_started,r12:2024-03-31,all,all,2,,2,count,false$" "$0"' "$work/r12.csv"
"$cf" kpi --db "$work/t.db" --period 2023-24Q1 --format csv >"$work/q.csv" 2>/dev/null
check "Q1 2023-24: A and B started" grep -q "^cla_started,2023-24Q1,all,all,2,,2,count,false$" "$work/q.csv"

"$cf" kpi --db "$work/t.db" --by age_band --format csv >"$work/age.csv" 2>/dev/null
check "by age band: C is 16 on 31 March, A is 15" sh -c \
	'grep -q "^cla_31mar,2023-24,age_band,16+,1,,1,count,false$" "$0" && grep -q "^cla_31mar,2023-24,age_band,10-15,1,,1,count,false$" "$0"' "$work/age.csv"

# suppress below 2: female (0) is hidden, and male (2) with it, or the LA
# total would give female away; the total stays
"$cf" kpi --db "$work/t.db" --by sex --suppress 2 --format json >"$work/s.json" 2>/dev/null
check "suppressed cells are null with suppressed true" grep -qF \
	'{"indicator": "cla_31mar", "period": "2023-24", "group_by": "sex", "group": "female", "numerator": null, "denominator": null, "value": null, "unit": "count", "suppressed": true}' "$work/s.json"
check "the cell a total would reveal is suppressed too" grep -qF \
	'{"indicator": "cla_31mar", "period": "2023-24", "group_by": "sex", "group": "male", "numerator": null, "denominator": null, "value": null, "unit": "count", "suppressed": true}' "$work/s.json"
check "the LA total stays" grep -qF \
	'{"indicator": "cla_31mar", "period": "2023-24", "group_by": "all", "group": "all", "numerator": 2, "denominator": null, "value": 2, "unit": "count", "suppressed": false}' "$work/s.json"

"$cf" kpi --db "$work/t.db" --period all --format csv >"$work/all.csv" 2>/dev/null
check "--period all gives the year, 4 quarters and 12 months" test "$(grep '^cla_31mar,' "$work/all.csv" | wc -l)" -eq 17

"$cf" kpi --db "$work/t.db" --format xlsx --out "$work/k.xlsx" 2>/dev/null
check "xlsx output is a workbook" sh -c 'test "$(head -c 2 "$0")" = PK' "$work/k.xlsx"

printf 'sector,lat,lon\nLS1 4,53.79,-1.55\nLS2 8,53.80,north\n' >"$work/bad.csv"
"$cf" kpi --db "$work/t.db" --centroids "$work/bad.csv" >/dev/null 2>"$work/c.err"
check "a bad centroid file exits 1 naming file, row and value" sh -c \
	'test $1 -eq 1 && grep -q "bad.csv:3" "$0" && grep -q "north" "$0"' "$work/c.err" $?
printf 'sector,lat,lon\nLS1 4,53.79,-1.55\nLS2 8,53.80,-1.54\n' >"$work/cent.csv"
"$cf" kpi --db "$work/t.db" --centroids "$work/cent.csv" --format csv >"$work/d.csv" 2>/dev/null
check "with centroids, A placed under a mile away counts in placed_20mi's denominator" \
	grep -q "^placed_20mi,2023-24,all,all,0,1,0,percent,false$" "$work/d.csv"

"$cf" kpi --db "$work/t.db" --period 2023-25 >/dev/null 2>&1; check "a bad period exits 2" test $? -eq 2
"$cf" kpi --db "$work/t.db" --by colour >/dev/null 2>&1; check "a bad breakdown exits 2" test $? -eq 2
"$cf" kpi --db "$work/none.db" >/dev/null 2>&1; check "a missing store exits 1" test $? -eq 1
