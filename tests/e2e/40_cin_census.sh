#!/bin/sh
# CIN census samples load with the counts an independent parse (xmllint)
# gives; loading twice changes nothing; UPNs never reach the store;
# malformed files are rejected with file and line and leave the store as it was.
. "$CASEFLOW_TOP/tests/e2e/lib.sh"
need_shared "CIN census samples" || exit 0
samples="$shared/data/samples/cin"
command -v xmllint >/dev/null 2>&1 || { notok "xmllint (libxml2-utils) is needed for the independent counts"; exit 0; }

q() { sqlite3 "$db" "$1"; }
quiet() { "$@" >/dev/null 2>&1; }
count_xml() { xmllint --xpath "count($2)" "$1"; }

for f in "$samples"/*.xml; do
	name=$(basename "$f")
	db="$work/$name.db"
	check "$name: loads" quiet "$cf" ingest --db "$db" "$f"
	rid=$(q "SELECT id FROM returns WHERE path = '$f'")
	for pair in "cin_children://Child" "cin_referrals://CINdetails" "assessments://Assessments" \
		    "cin_plans://CINPlanDates" "s47_enquiries://Section47" "cp_plans://ChildProtectionPlans" \
		    "cp_reviews://CPPreviewDate"; do
		tbl=${pair%%:*}
		xp=${pair#*:}
		want=$(count_xml "$f" "$xp")
		got=$(q "SELECT count(*) FROM $tbl WHERE return_id = $rid")
		check "$name: $tbl holds $want rows as xmllint counts $xp (got $got)" [ "$got" = "$want" ]
	done
	want=$(count_xml "$f" "//Child[ChildIdentifiers/UPN[normalize-space()]]")
	got=$(q "SELECT count(*) FROM cin_children WHERE upn_present = 1")
	check "$name: UPN presence recorded for $want children" [ "$got" = "$want" ]
	# no UPN value anywhere in the store
	leaked=0
	for upn in $(xmllint --xpath '//UPN/text()' "$f" 2>/dev/null | sort -u); do
		sqlite3 "$db" .dump | grep -q "$upn" && leaked=1
	done
	check "$name: no UPN is stored" [ "$leaked" = 0 ]
	before=$(q "SELECT count(*) FROM cin_referrals")
	"$cf" ingest --db "$db" "$f" > "$work/again.txt" 2>&1
	check "$name: loading again changes nothing" [ "$(q "SELECT count(*) FROM cin_referrals")" = "$before" ]
	check "$name: loading again says skipped" grep -q skipped "$work/again.txt"
done

# what is off but readable is recorded, not rejected
db="$work/CIN_Census_2026.xml.db"
check "2026 sample: Year 2023 disagreeing with ReferenceDate 2024-03-31 is an issue" \
	[ "$(q "SELECT count(*) FROM issues WHERE kind = 'header_mismatch' AND value = '2023'")" = 1 ]
check "2026 sample: collection year from the reference date" \
	[ "$(q "SELECT collection_year FROM returns")" = 2024 ]
check "2026 sample: 'false' stored as 0 with an issue" \
	[ "$(q "SELECT count(*) FROM cin_referrals WHERE referral_nfa = 0 AND child = 'child_fails_assessments'")" = 1 ]
check "2026 sample: stray text recorded with its line" \
	[ "$(q "SELECT line FROM issues WHERE kind = 'stray_text'")" = 23 ]
check "2026 sample: the unknown factor code RB is an issue, the factors kept" \
	[ "$(q "SELECT count(*) FROM assessments WHERE factors = '1C RB 6B'")" = 1 ]
check "2026 sample: header LA kept" [ "$(q "SELECT la FROM return_headers")" = 201 ]
check "children table links the census children" \
	[ "$(q "SELECT count(*) FROM children WHERE child IN ('DfEX0000001', 'child_fails_assessments')")" = 2 ]
check "sex mapped to the 903 coding (M -> 1)" \
	[ "$(q "SELECT sex FROM children WHERE child = 'child_fails_assessments'")" = 1 ]

# malformed files: rejected, named with a line, store unchanged
db="$work/bad.db"
"$cf" ingest --db "$db" "$samples/liia-cin-2022.xml" >/dev/null 2>&1
snap=$(sqlite3 "$db" "SELECT count(*) FROM returns; SELECT count(*) FROM cin_children; SELECT count(*) FROM issues")
head -c 2000 "$samples/fake_CIN_data.xml" > "$work/truncated.xml"
"$cf" ingest --db "$db" "$work/truncated.xml" > "$work/out.txt" 2> "$work/err.txt"
check "truncated census: exit 1" [ $? -eq 1 ]
check "truncated census: message names the file and a line" grep -q "truncated.xml:[0-9]*: .*malformed XML" "$work/err.txt"
sed 's|</Child>|</Chid>|' "$samples/CIN_Census_2024.xml" > "$work/mismatch.xml"
"$cf" ingest --db "$db" "$work/mismatch.xml" > "$work/out.txt" 2> "$work/err.txt"
check "mismatched tag: rejected" [ $? -eq 1 ]
check "mismatched tag: message names the line" grep -q "mismatch.xml:[0-9][0-9]*:" "$work/err.txt"
printf '<Message><Header><CollectionDetails><Collection>CIN</Collection></CollectionDetails></Header></Message>\n' > "$work/nochildren.xml"
"$cf" ingest --db "$db" "$work/nochildren.xml" > "$work/out.txt" 2> "$work/err.txt"
check "no <Children>: rejected" [ $? -eq 1 ]
check "no <Children>: says so" grep -q "no <Children>" "$work/err.txt"
check "store unchanged after the rejections" \
	[ "$(sqlite3 "$db" "SELECT count(*) FROM returns; SELECT count(*) FROM cin_children; SELECT count(*) FROM issues")" = "$snap" ]

# a write failing half-way through a census leaves nothing of it
db="$work/fault.db"
CASEFLOW_FAIL_AFTER_ROWS=50 "$cf" ingest --db "$db" "$samples/fake_CIN_data.xml" >/dev/null 2>&1
check "failure mid-load: exit 3" [ $? -eq 3 ]
check "failure mid-load: nothing of the census stored" \
	[ "$(sqlite3 "$db" "SELECT (SELECT count(*) FROM returns) + (SELECT count(*) FROM cin_children) + (SELECT count(*) FROM issues)")" = 0 ]
echo "1..$n"
