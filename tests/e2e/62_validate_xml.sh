# caseflow validate on an XML return gives the findings its CSV tables give:
# the same return written both ways (three children; see 20_validate.sh for
# what each row breaks). Rows are numbered alike: the XML reader numbers each
# record by its place in its table + 1, as the table's CSV row. Rules that
# judge the XML's own UASC field (105, 205A-D) run on XML only, so findings
# are compared for every other rule.
. "$CASEFLOW_TOP/tests/e2e/lib.sh"

mkdir -p "$work/csv"
cat > "$work/csv/header.csv" <<'CSV'
CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB
A,1,15/04/2008,WBRI,UN1,,
B,3,01/04/2010,white british,,,
C,2,31/02/2010,WBRI,,,
CSV
cat > "$work/csv/episodes.csv" <<'CSV'
CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN
A,01/06/2023,S,C2,N1,U1,PR1,,X1,,,,SC123456
B,10/05/2023,S,V2,N2,P1,PR1,20/05/2023,E13,,,,
C,01/05/2023,S,C2,N1,U3,PR1,30/03/2024,E8,,,,SC123456
CSV
# an XML return has every table (empty when it has no records): so has the CSV
printf '%s\n' 'CHILD,SEX,DOB,DUC' >"$work/csv/uasc.csv"
printf '%s\n' 'CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,HEALTH_ASSESSMENT,SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED' >"$work/csv/oc2.csv"
printf '%s\n' 'CHILD,DOB,IN_TOUCH,ACTIV,ACCOM' >"$work/csv/oc3.csv"
printf '%s\n' 'CHILD,DOB,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR' >"$work/csv/ad1.csv"
printf '%s\n' 'CHILD,DOB,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED' >"$work/csv/placed_for_adoption.csv"
printf '%s\n' 'CHILD,DOB,PREV_PERM,LA_PERM,DATE_PERM' >"$work/csv/previous_permanence.csv"
printf '%s\n' 'CHILD,DOB,MISSING,MIS_START,MIS_END' >"$work/csv/missing.csv"
printf '%s\n' 'CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON' >"$work/csv/sw_episodes.csv"
printf '%s\n' 'CHILD,DOB,REVIEW,REVIEW_CODE' >"$work/csv/reviews.csv"
cat > "$work/return.xml" <<'XML'
<?xml version="1.0" encoding="us-ascii"?>
<EXPSSDA903>
<CHILD><HEADER><CHILDID>A</CHILDID><UPN>UN1</UPN><SEX>1</SEX><DOB>15/04/2008</DOB><ETHNIC>WBRI</ETHNIC><UASC /><MOTHER /><MC_DOB /></HEADER>
<EPISODE><DECOM>01/06/2023</DECOM><RNE>S</RNE><LS>C2</LS><CIN>N1</CIN><PL>U1</PL><URN>SC123456</URN><PLACE_PROVIDER>PR1</PLACE_PROVIDER><REC>X1</REC></EPISODE></CHILD>
<CHILD><HEADER><CHILDID>B</CHILDID><SEX>3</SEX><DOB>01/04/2010</DOB><ETHNIC>white british</ETHNIC><UASC /><MOTHER /><MC_DOB /></HEADER>
<EPISODE><DECOM>10/05/2023</DECOM><RNE>S</RNE><LS>V2</LS><CIN>N2</CIN><PL>P1</PL><PLACE_PROVIDER>PR1</PLACE_PROVIDER><DEC>20/05/2023</DEC><REC>E13</REC></EPISODE></CHILD>
<CHILD><HEADER><CHILDID>C</CHILDID><SEX>2</SEX><DOB>31/02/2010</DOB><ETHNIC>WBRI</ETHNIC><UASC /><MOTHER /><MC_DOB /></HEADER>
<EPISODE><DECOM>01/05/2023</DECOM><RNE>S</RNE><LS>C2</LS><CIN>N1</CIN><PL>U3</PL><URN>SC123456</URN><PLACE_PROVIDER>PR1</PLACE_PROVIDER><DEC>30/03/2024</DEC><REC>E8</REC></EPISODE></CHILD>
</EXPSSDA903>
XML
"$cf" validate "$work/csv" --year 2023-24 --table findings --format csv --out "$work/c.csv" 2>"$work/err"
check "validate reads the CSV tables" test $? -eq 0
"$cf" validate "$work/return.xml" --year 2023-24 --table findings --format csv --out "$work/x.csv" 2>"$work/err"
check "validate reads the XML return" test $? -eq 0
for f in c x; do
	sed -n '/^rule,type,table/,$p' "$work/$f.csv" | tail -n +2 | cut -d, -f1,3,4,5 |
		grep -v -E '^(105|205[A-D]),' | sort >"$work/$f.got"
done
check "the XML return has findings" test -s "$work/x.got"
check "the XML return flags what its CSV tables flag (rule, table, row, child)" cmp "$work/c.got" "$work/x.got"
grep -q '^101,Header,3,B$' "$work/x.got"
check "sex 3 on B's Header row (row 3, as in its CSV) is rule 101" test $? -eq 0
ok
