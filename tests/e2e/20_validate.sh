# caseflow validate on a hand-worked return: every finding derived on paper.
. "$CASEFLOW_TOP/tests/e2e/lib.sh"

# Header: A is of school age with UPN UN1 (209: 4 by 31/08/2022); B has sex 3
# (101) and an ethnicity in words (103); C's DOB is 31 February (102); B and
# C are looked after (not respite) with no UPN (442); C is a girl with no
# mother status though looked after (393).
# Episodes: A has REC X1 but no DEC (148); B is placed with parents (P1)
# under V2 (378) by its own LA (PR1, 527). The blank line makes C row 5;
# C left care in the year (E8 on 30/03/2024) and is a girl with no mother
# status (607, on her episode and her Header row). No episode gives its
# postcodes though none is respite or UASC (392b).
mkdir -p "$work/r/2023_24"
cat > "$work/r/2023_24/header.csv" <<'CSV'
CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB
A,1,15/04/2008,WBRI,UN1,,
B,3,01/04/2010,white british,,,
C,2,31/02/2010,WBRI,,,
CSV
cat > "$work/r/2023_24/episodes.csv" <<'CSV'
CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN
A,01/06/2023,S,C2,N1,U1,PR1,,X1,,,,SC123456
B,10/05/2023,S,V2,N2,P1,PR1,20/05/2023,E13,,,,

C,01/05/2023,S,C2,N1,U3,PR1,30/03/2024,E8,,,,SC123456
CSV
"$cf" validate "$work/r/2023_24" --table findings --format csv --out "$work/f.csv" 2>"$work/err"
check "validate exits 0 with findings" test $? -eq 0
sed -n '/^rule,type,table/,$p' "$work/f.csv" | cut -d, -f1,3,4,5 | tail -n +2 | sort >"$work/got"
cat >"$work/want" <<'TXT'
101,Header,3,B
102,Header,4,C
103,Header,3,B
148,Episodes,2,A
209,Header,2,A
378,Episodes,3,B
392b,Episodes,2,A
392b,Episodes,3,B
392b,Episodes,5,C
393,Header,4,C
442,Header,3,B
442,Header,4,C
527,Episodes,3,B
607,Episodes,5,C
607,Header,4,C
TXT
check "findings are exactly the hand-worked ones (rule, table, row, child)" cmp -s "$work/want" "$work/got"
check "a finding names the fields and their values" grep -q '^103,error,Header,3,B,ETHNIC=WHITE BRITISH,' "$work/f.csv"
"$cf" validate "$work/r/2023_24" --table summary --format csv --out "$work/s.csv" 2>/dev/null
check "summary counts rows per rule (--table summary)" grep -q '^148,error,1,Episodes,' "$work/s.csv"
"$cf" validate "$work/r/2023_24" --format csv >"$work/both.csv" 2>"$work/both.err"
rc=$?
check "CSV of both tables to one stream is refused (exit 2, nothing written), naming them" \
	sh -c '[ "$2" -eq 2 ] && ! [ -s "$0" ] && grep -q "this output has 2 (summary and findings).*--table NAME" "$1"' \
	"$work/both.csv" "$work/both.err" "$rc"
"$cf" validate "$work/r/2023_24" --format csv --out "$work/dir/" 2>/dev/null
check "... and into a folder (--out DIR/) each is a file of its own" \
	sh -c 'cmp -s "$0/dir/findings.csv" "$0/f.csv" && cmp -s "$0/dir/summary.csv" "$0/s.csv"' "$work"

"$cf" validate "$work/r/2023_24" --rules 101,527 --table findings --format csv >"$work/f2.csv"
check "--rules runs only those rules" sh -c 'test "$(sed -n "/^rule,type,table/,\$p" "$0" | tail -n +2 | cut -d, -f1 | sort -u | tr "\n" " ")" = "101 527 "' "$work/f2.csv"
"$cf" validate "$work/r/2023_24" --rules 99999 >/dev/null 2>&1
check "--rules with an unknown code exits 2" test $? -eq 2
"$cf" validate "$work/r/2023_24" --year 2024-25 --rules 101 --table findings --format csv >"$work/f3.csv"
check "2024-25 rule 101 takes M/F/U: sex 1, 3 and 2 all fail" sh -c 'test "$(grep -c "^101,error,Header" "$0")" -eq 3' "$work/f3.csv"

"$cf" validate "$work/r/2023_24" --format json --out "$work/f.json"
check "json output holds the findings" grep -q '"rule": "527", "type": "error", "table": "Episodes", "row": 3' "$work/f.json"
"$cf" validate "$work/r/2023_24" --format xlsx --out "$work/f.xlsx"
check "xlsx workbook written" sh -c 'head -c 2 "$0" | grep -q PK' "$work/f.xlsx"

"$cf" ingest --db "$work/t.db" "$work/r" >/dev/null 2>&1
"$cf" validate --db "$work/t.db" --table findings --format csv >"$work/fdb.csv"
sed -n '/^rule,type,table/,$p' "$work/fdb.csv" | cut -d, -f1,3,4,5 | tail -n +2 | sort >"$work/gotdb"
check "the store's copy of the return gives the same findings" cmp -s "$work/want" "$work/gotdb"

"$cf" validate --list-rules --year 2024-25 --format csv >"$work/rules.csv"
check "--list-rules shows the 2024-25 version of 101" grep -q '^101,error,2024-25 to now,Header,SEX' "$work/rules.csv"
check "--list-rules omits rules DfE dropped by 2024-25 (370)" sh -c '! grep -q "^370," "$0"' "$work/rules.csv"
"$cf" validate --year 2024-25 >/dev/null 2>&1
check "no return given exits 2" test $? -eq 2
