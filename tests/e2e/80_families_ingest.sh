#!/bin/sh
# The families and practice extracts (family_members, allocations,
# partner_records, family_plans, audits, sf_claims): recognised by header, codes
# checked, a row that cannot be stored named by file, row and column.
# Inputs: tests/e2e/families/*.csv (rows counted as analysts do: header 1).
. "$CASEFLOW_TOP/tests/e2e/lib.sh"
db="$work/f.db"
q() { sqlite3 "$db" "$1"; }
"$cf" ingest --db "$db" "$CASEFLOW_TOP/tests/e2e/families" > "$work/out.txt" 2>&1
check "families extracts load" [ $? -eq 0 ]
check "six returns, one of each kind" [ "$(q "SELECT group_concat(kind, ' ') FROM (SELECT kind FROM returns ORDER BY kind)")" = \
	"local.allocations local.audits local.family_members local.family_plans local.partner_records local.sf_claims" ]
# family_members: 7 rows, row 7 names no person, row 8 an unknown role
check "members: 5 of 7 stored" [ "$(q 'SELECT count(*) FROM family_members')" = 5 ]
check "members: no person nor child at row 7" [ "$(q "SELECT column_name FROM issues WHERE tbl = 'family_members' AND row = 7")" = person_id ]
check "members: role 'aunt' at row 8 is not a role" \
	[ "$(q "SELECT kind || ',' || value FROM issues WHERE tbl = 'family_members' AND row = 8")" = "unknown_code,aunt" ]
check "members: 'Child' stored as child" [ "$(q "SELECT role FROM family_members WHERE row = 4")" = child ]
check "members: C2 moves from F1 to F2 on 2024-04-01" \
	[ "$(q "SELECT group_concat(family_id || ':' || from_date, ' ') FROM (SELECT * FROM family_members WHERE child = 'C2' ORDER BY row)")" = \
	"F1:2023-01-01 F2:2024-04-01" ]
check "allocations: 'Early Help' stored as early help" [ "$(q "SELECT service FROM allocations WHERE row = 3")" = "early help" ]
check "allocations: a blank service at row 6 is not stored" \
	[ "$(q "SELECT row || ',' || column_name FROM issues WHERE tbl = 'allocations'")" = "6,service" ]
check "partner records: 82% kept as 82, yes as 1" \
	[ "$(q "SELECT group_concat(value, ' ') FROM (SELECT value FROM partner_records WHERE row IN (2, 3) ORDER BY row)")" = "82.0 1.0" ]
check "partner records: measure in lower case" [ "$(q "SELECT measure FROM partner_records WHERE row = 2")" = "attendance %" ]
check "partner records: 'maybe' kept as text with an issue" \
	[ "$(q "SELECT coalesce(value, 'null') || ',' || value_text FROM partner_records WHERE row = 4")" = "null,maybe" ]
check "partner records: an unreadable date at row 5 is not stored" \
	[ "$(q "SELECT column_name || ',' || kind FROM issues WHERE tbl = 'partner_records' AND row = 5")" = "date,bad_date" ]
check "plans: a plan ending before it starts (row 3) is not stored" \
	[ "$(q "SELECT column_name FROM issues WHERE tbl = 'family_plans' AND row = 3")" = plan_end ]
check "audits: 'type' is the audit's type here" [ "$(q "SELECT audit_type FROM audits WHERE row = 3")" = thematic ]
check "audits: grade 'Requires Improvement' stored in the list's spelling" \
	[ "$(q "SELECT grade FROM audits WHERE row = 3")" = "requires improvement" ]
check "audits: grade 'excellent' at row 4 is not stored" \
	[ "$(q "SELECT count(*) FROM audits WHERE row = 4") $(q "SELECT column_name FROM issues WHERE tbl = 'audits'")" = "0 grade" ]
# sf_claims: row 3 has no phase, row 4 no readable date (not stored); row 5's amount is no amount (stored without)
check "claims: 2 of 4 stored, F1's with its amount" \
	[ "$(q "SELECT group_concat(family_id || ':' || phase || ':' || claim_date || ':' || coalesce(amount, '-'), ' ') FROM (SELECT * FROM sf_claims_made ORDER BY row)")" = \
	"F1:sf2022:2024-08-15:4000.0 F4:tf2015:2019-01-10:-" ]
check "claims: issues name phase (row 3), date (row 4) and amount (row 5)" \
	[ "$(q "SELECT group_concat(row || ',' || column_name, ' ') FROM (SELECT * FROM issues WHERE tbl = 'sf_claims' ORDER BY row)")" = \
	"3,phase 4,date 5,amount" ]
"$cf" ingest --db "$db" "$CASEFLOW_TOP/tests/e2e/families" > /dev/null 2>&1
check "loading again adds nothing" [ "$(q 'SELECT count(*) FROM family_members')" = 5 ]
echo "1..$n"
