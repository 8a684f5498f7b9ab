# Bad input on the command line: a mistyped path or a kpi period the data does
# not reach fails with exit 1 and a message naming it and what to do.
. "$CASEFLOW_TOP/tests/e2e/lib.sh"

"$cf" ingest --db "$work/new.db" "$work/no-such-folder" >"$work/o" 2>"$work/e"
check "ingest of a missing path exits 1" test $? -eq 1
check "... naming the path" grep -q "no-such-folder: no such file or folder; nothing was loaded" "$work/e"
check "... without creating a store or printing empty tables" sh -c 'test ! -e "$1" && test ! -s "$2"' _ "$work/new.db" "$work/o"

# one child in care through 2023-24
mkdir -p "$work/r/2023-24"
printf 'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\nA,01/06/2023,S,C2,N1,U1,PR1,,,,,,\n' \
	>"$work/r/2023-24/episodes.csv"
printf 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nA,1,15/04/2008,WBRI,,,\n' >"$work/r/2023-24/header.csv"
"$cf" ingest --db "$work/t.db" "$work/r" >/dev/null 2>&1
check "a one-child return loads" test $? -eq 0
"$cf" kpi --db "$work/t.db" --period 2023-24 >/dev/null 2>&1
check "kpi for the year loaded exits 0" test $? -eq 0
"$cf" kpi --db "$work/t.db" --period 2023-24,2025-26 >"$work/o" 2>"$work/e"
check "kpi for a year after the data exits 1" test $? -eq 1
check "... naming the period and where the data ends" \
	grep -q "2025-26': starts after the data: the returns loaded end on 2024-03-31 (collection years 2023-24 to 2023-24)" "$work/e"
check "... and printing no table of zeros" test ! -s "$work/o"
"$cf" validate --db "$work/t.db" --year 2030-31 >"$work/o" 2>"$work/e"
check "validate --db for a year the store lacks exits 1" test $? -eq 1
check "... naming the years it holds" grep -q "no SSDA903 return for 2030-31; it holds 2023-24 (give one to --year)" "$work/e"
