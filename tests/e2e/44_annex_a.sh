#!/bin/sh
# Annex A workbooks: every sample loads with per-list counts an independent
# parse (unzip + xmllint over the sheet XML) confirms; labels become codes;
# a list as CSV loads the same way; truncated zips, workbooks without List
# sheets and bad dates give clear messages, and rejected files change nothing.
. "$CASEFLOW_TOP/tests/e2e/lib.sh"
need_shared "Annex A samples" || exit 0
for tool in xmllint unzip zip; do
	command -v $tool >/dev/null 2>&1 || { notok "$tool is needed for the independent counts"; exit 0; }
done
q() { sqlite3 "$db" "$1"; }
ns='local-name()'
# data rows of the sheet named "List N": rows with any value, less the header
sheet_rows() { # sheet_rows BOOK N
	rid=$(unzip -p "$1" xl/workbook.xml | xmllint --xpath "string(//*[$ns='sheet'][@name='List $2']/@*[$ns='id'])" -)
	target=$(unzip -p "$1" xl/_rels/workbook.xml.rels | xmllint --xpath "string(//*[$ns='Relationship'][@Id='$rid']/@Target)" -)
	n=$(unzip -p "$1" "xl/${target#/xl/}" | xmllint --xpath "count(//*[$ns='row'][*[$ns='c']/*[$ns='v' or $ns='is']])" -)
	echo $((n - 1))
}
for book in "$shared"/data/samples/annex-a/*.xlsx; do
	name=$(basename "$book")
	db="$work/$name.db"
	"$cf" ingest --db "$db" "$book" > "$work/out.txt" 2>&1
	check "$name: loads" [ $? -eq 0 ]
	rid=$(q "SELECT id FROM returns")
	for pair in 1:contacts 2:early_help 4:assessments 5:s47_enquiries 7:cp_plans; do
		l=${pair%%:*} tbl=${pair#*:}
		want=$(sheet_rows "$book" "$l")
		check "$name: List $l -> $tbl, $want rows as the sheet XML has" [ "$(q "SELECT count(*) FROM $tbl")" = "$want" ]
	done
	want=$(( $(sheet_rows "$book" 3) + $(sheet_rows "$book" 6) ))
	check "$name: Lists 3 and 6 -> cin_referrals, $want rows" [ "$(q 'SELECT count(*) FROM cin_referrals')" = "$want" ]
	for l in 8 9 10 11; do
		want=$(sheet_rows "$book" "$l")
		check "$name: List $l -> annexa_rows, $want rows" [ "$(q "SELECT count(*) FROM annexa_rows WHERE list = $l")" = "$want" ]
	done
	check "$name: contact sources are DfE codes ('q) 6: Police' -> 6)" \
		[ "$(q "SELECT count(*) FROM contacts WHERE source GLOB '*)*'")" = 0 ]
	check "$name: referral NFA labels are 0/1" \
		[ "$(q "SELECT count(*) FROM cin_referrals WHERE referral_nfa NOT IN (0, 1) AND referral_nfa IS NOT NULL")" = 0 ]
	check "$name: dates stored as ISO" \
		[ "$(q "SELECT count(*) FROM contacts WHERE contact_date NOT GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'")" = 0 ]
	check "$name: CP categories coded" [ "$(q "SELECT count(*) FROM cp_plans WHERE initial_category NOT IN ('NEG','PHY','SAB','EMO','MUL')")" = 0 ]
	check "$name: gender labels matched through the YAML" \
		[ "$(q "SELECT count(*) FROM annexa_rows WHERE json_extract(data, '\$.Gender') IN ('a) Male', 'b) Female', 'c) Not stated/recorded', 'd) Neither')")" -gt 0 ]
	check "$name: no full placement postcode stored" \
		[ "$(q "SELECT count(*) FROM annexa_rows WHERE json_extract(data, '\$.\"Placement postcode\"') GLOB '* [0-9][A-Z][A-Z]'")" = 0 ]
	check "$name: the data are valid JSON" [ "$(q 'SELECT count(*) FROM annexa_rows WHERE json_valid(data) = 0')" = 0 ]
	before=$(q 'SELECT count(*) FROM annexa_rows')
	"$cf" ingest --db "$db" "$book" > /dev/null 2>&1
	check "$name: loading again adds nothing" [ "$(q 'SELECT count(*) FROM annexa_rows')" = "$before" ]
done

# one list as CSV, with council spellings and a bad date
db="$work/csv.db"
printf 'Child ID,Gender,Ethnicity,Date of Birth,Age,Date of the referral,Referral source,Referral NFA?,Allocated Team\n' > "$work/Annex_A_List_3.csv"
printf 'R1,Female,a) WBRI,01/02/2015,8,31/02/2023,e) 2A: Schools,a) Yes,Team 1\n' >> "$work/Annex_A_List_3.csv"
printf 'R2,M,WBRI,2016-03-04,7,05/06/2023,Police,No,Team 2\n' >> "$work/Annex_A_List_3.csv"
"$cf" ingest --db "$db" "$work/Annex_A_List_3.csv" > "$work/out.txt" 2>&1
check "List 3 as CSV: loads" [ $? -eq 0 ]
check "List 3 as CSV: two referrals" [ "$(q 'SELECT count(*) FROM cin_referrals')" = 2 ]
check "List 3 as CSV: 'e) 2A: Schools' -> 2A, 'Police' -> its category" \
	[ "$(q "SELECT group_concat(referral_source, '|') FROM (SELECT referral_source FROM cin_referrals ORDER BY row)")" = "2A|g) Police" ] ||
	q "SELECT referral_source FROM cin_referrals" | sed 's/^/#   /'
check "List 3 as CSV: NFA a) Yes -> 1, No -> 0" \
	[ "$(q "SELECT group_concat(referral_nfa, '|') FROM (SELECT referral_nfa FROM cin_referrals ORDER BY row)")" = "1|0" ]
check "List 3 as CSV: the bad date is kept with an issue naming row 2 and the column" \
	[ "$(q "SELECT row || ',' || column_name || ',' || value FROM issues WHERE kind = 'bad_date'")" = "2,Date of referral,31/02/2023" ]
check "List 3 as CSV: children linked with characteristics" [ "$(q "SELECT sex FROM children WHERE child = 'R1'")" = 2 ]

# damaged and foreign workbooks
db="$work/bad.db"
"$cf" ingest --db "$db" "$work/Annex_A_List_3.csv" > /dev/null 2>&1
snap=$(q "SELECT count(*) FROM returns; SELECT count(*) FROM annexa_rows; SELECT count(*) FROM issues")
book="$shared/data/samples/annex-a/Annex_A.xlsx"
head -c 9000 "$book" > "$work/truncated.xlsx"
"$cf" ingest --db "$db" "$work/truncated.xlsx" > /dev/null 2> "$work/err.txt"
check "truncated workbook: exit 1" [ $? -eq 1 ]
check "truncated workbook: the message names the file" grep -q "truncated.xlsx" "$work/err.txt"
mkdir -p "$work/book" && (cd "$work/book" && unzip -q "$book" && \
	sed -i 's/name="List \([0-9]*\)"/name="Tab \1"/g' xl/workbook.xml && zip -q -r ../Annex_A_renamed.xlsx .)
"$cf" ingest --db "$db" "$work/Annex_A_renamed.xlsx" > /dev/null 2> "$work/err.txt"
check "workbook without List sheets: rejected" [ $? -eq 1 ]
check "workbook without List sheets: says which sheets it has" grep -q "no sheet is named List 1 ... List 11.*Tab 1" "$work/err.txt"
rm -rf "$work/book" && mkdir -p "$work/book" && (cd "$work/book" && unzip -q "$book" && \
	sed -i 's/<sheetData>.*<\/sheetData>/<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Notes<\/t><\/is><\/c><\/row><\/sheetData>/' xl/worksheets/sheet3.xml && \
	sed -i 's/<dimension ref="[^"]*"\/>//' xl/worksheets/sheet3.xml && zip -q -r ../noheader.xlsx .)
"$cf" ingest --db "$db" "$work/noheader.xlsx" > /dev/null 2> "$work/err.txt"
rc=$?
# one row of notes and no header: the list is empty rather than wrong (under 10 rows)
check "a list sheet holding only a note loads (nothing to read in it)" [ $rc -eq 0 ]
rows=""
for r in 1 2 3 4 5 6 7 8 9 10 11; do rows="$rows<row r=\"$r\"><c r=\"A$r\" t=\"inlineStr\"><is><t>Note $r<\/t><\/is><\/c><\/row>"; done
rm -rf "$work/book" && mkdir -p "$work/book" && (cd "$work/book" && unzip -q "$book" && \
	sed -i "s/<sheetData>.*<\/sheetData>/<sheetData>$rows<\/sheetData>/" xl/worksheets/sheet3.xml && \
	sed -i 's/<dimension ref="[^"]*"\/>//' xl/worksheets/sheet3.xml && zip -q -r ../Annex_A_noheader11.xlsx .)
"$cf" ingest --db "$db" "$work/Annex_A_noheader11.xlsx" > /dev/null 2> "$work/err.txt"
check "a list whose first 10 rows name no columns: rejected" [ $? -eq 1 ]
check "... naming the sheet, row and the column looked for" \
	grep -q "Annex_A_noheader11.xlsx:10: .*List 3: no header row naming the Child Unique ID column" "$work/err.txt"
check "store unchanged by the rejections" \
	[ "$(q "SELECT count(*) FROM returns WHERE path NOT LIKE '%noheader.xlsx'; SELECT count(*) FROM annexa_rows WHERE return_id = 1; SELECT count(*) FROM issues WHERE return_id = 1")" = "$snap" ]
# the same workbook from a directory with no ../shared and CASEFLOW_SHARED
# unset stores the same: the spellings are built in
mkdir -p "$work/elsewhere"
(cd "$work/elsewhere" && env -u CASEFLOW_SHARED -u CASEFLOW_ANNEXA_SCHEMA "$cf" ingest --db here.db "$book" > out.txt 2>&1)
check "from a directory with no ../shared: loads" [ -f "$work/elsewhere/here.db" ]
(cd "$CASEFLOW_TOP" && env -u CASEFLOW_SHARED "$cf" ingest --db "$work/top.db" "$book" > /dev/null 2>&1)
sh "$CASEFLOW_TOP/tools/store-dump.sh" "$work/top.db" | sed 's|'"$work"'/||g' > "$work/top.dump"
sh "$CASEFLOW_TOP/tools/store-dump.sh" "$work/elsewhere/here.db" | sed 's|'"$work"'/||g' > "$work/here.dump"
check "... the same store as from the repository root (tools/store-dump.sh)" cmp -s "$work/top.dump" "$work/here.dump"
check "... header spellings matched there too ('Age' is List 1's age column)" \
	[ "$(sqlite3 "$work/elsewhere/here.db" "SELECT count(*) FROM annexa_rows WHERE json_extract(data, '\$.Age') IS NOT NULL")" = 0 ]
check "... and no note about a schema file" sh -c '! grep -qi "schema\|yml\|standard names" "$0"' "$work/elsewhere/out.txt"
# the committed tables are what the generator writes from the schema today
if make -s -C "$CASEFLOW_TOP" build/gen-annexa-spellings > "$work/gen.txt" 2>&1; then
	"$CASEFLOW_TOP/build/gen-annexa-spellings" "$shared/spec/annex-a/Annex_A_schema.yml" > "$work/spellings.c" 2>/dev/null
	check "src/formats/annexa_spellings.c is what tools/gen-annexa-spellings.c writes from the schema" \
		cmp -s "$work/spellings.c" "$CASEFLOW_TOP/src/formats/annexa_spellings.c"
else
	notok "the generator builds (make build/gen-annexa-spellings)"
fi
echo "1..$n"
