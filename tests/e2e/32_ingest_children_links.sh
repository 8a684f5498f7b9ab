#!/bin/sh
# How loads keep the children table, worked by hand: each return links the
# children of its own rows only (found by rowid since the load began), and
# Annex A fills a child's sex, date of birth and ethnicity only where they
# are still blank, first value seen winning, also when a later row of the
# same child brings nothing new (that row is not sent to SQLite at all).
. "$CASEFLOW_TOP/tests/e2e/lib.sh"
q() { sqlite3 "$db" "$1"; }

# two years of contacts: C2 is in both, C3 only in the second
db="$work/links.db"
mkdir -p "$work/2022-23" "$work/2023-24"
printf 'child_id,contact_date,source,outcome\nC1,01/05/2022,6,NFA\nC2,02/05/2022,6,NFA\nC1,03/05/2022,2A,NFA\n' \
	> "$work/2022-23/contacts.csv"
printf 'child_id,contact_date,source,outcome\nC3,01/05/2023,6,NFA\nC2,02/05/2023,6,NFA\n' > "$work/2023-24/contacts.csv"
"$cf" ingest --db "$db" "$work/2022-23/contacts.csv" > /dev/null 2>&1
check "contacts 2022-23: loads" [ $? -eq 0 ]
"$cf" ingest --db "$db" "$work/2023-24/contacts.csv" > /dev/null 2>&1
check "contacts 2023-24: loads" [ $? -eq 0 ]
check "children: C1 and C2 from the first return, C3 from the second" \
	[ "$(q "SELECT group_concat(child || ':' || first_return_id || ':' || last_return_id, ' ') FROM
		(SELECT * FROM children ORDER BY child)")" = "C1:1:1 C2:1:1 C3:2:2" ]

# Annex A List 3 as CSV over a 903 header that already gave K3's sex and birth date
need_shared "the Annex A header spellings" || exit 0
db="$work/annexa.db"
mkdir -p "$work/903"
printf 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nK3,1,05/05/2012,,,,\n' > "$work/903/header.csv"
{
	printf 'Child ID,Gender,Ethnicity,Date of Birth,Date of the referral,Referral source,Referral NFA?\n'
	printf 'K1,,,,01/04/2023,Police,No\n'                      # nothing to give
	printf 'K1,Female,,,02/04/2023,Police,No\n'                # sex
	printf 'K1,Male,WBRI,03/02/2015,03/04/2023,Police,No\n'    # not sex again; birth date, ethnicity
	printf 'K1,Female,WBRI,03/02/2015,04/04/2023,Police,No\n'  # nothing new
	printf 'K2,Male,,01/01/2010,05/04/2023,Police,No\n'
	printf 'K2,Female,WIRI,02/02/2011,06/04/2023,Police,No\n'  # only ethnicity is new
	printf 'K3,Female,WBRI,01/01/2013,07/04/2023,Police,No\n'  # only ethnicity: the 903 gave the rest
} > "$work/Annex_A_List_3.csv"
"$cf" ingest --db "$db" "$work/903" > /dev/null 2>&1
check "903 header: loads" [ $? -eq 0 ]
"$cf" ingest --db "$db" "$work/Annex_A_List_3.csv" > /dev/null 2>&1
check "Annex A List 3: loads" [ $? -eq 0 ]
check "Annex A: 7 referrals" [ "$(q 'SELECT count(*) FROM cin_referrals')" = 7 ]
check "children: K1 female, born 2015-02-03, WBRI (first values given win)" \
	[ "$(q "SELECT sex || '|' || dob || '|' || ethnicity FROM children WHERE child = 'K1'")" = "2|2015-02-03|WBRI" ]
check "children: K2 male, born 2010-01-01, WIRI" \
	[ "$(q "SELECT sex || '|' || dob || '|' || ethnicity FROM children WHERE child = 'K2'")" = "1|2010-01-01|WIRI" ]
check "children: K3 keeps the 903's sex and birth date, gains WBRI" \
	[ "$(q "SELECT sex || '|' || dob || '|' || ethnicity FROM children WHERE child = 'K3'")" = "1|2012-05-05|WBRI" ]
check "children: K1 and K2 first seen in the Annex A return, K3 in the 903" \
	[ "$(q "SELECT group_concat(child || ':' || first_return_id, ' ') FROM (SELECT * FROM children ORDER BY child)")" \
		= "K1:2 K2:2 K3:1" ]
echo "1..$n"
