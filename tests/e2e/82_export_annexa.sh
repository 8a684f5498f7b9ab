# caseflow export --as annex-a: a round trip. A synthetic authority's Annex A
# workbooks loaded into store A, each year exported as a workbook and the
# exports loaded into store B: every Annex A row (the shared tables' columns
# and annexa_rows' JSON, all but where in the file it was) agrees, and so do
# the children's characteristics; exporting B gives A's export byte for byte.
. "$CASEFLOW_TOP/tests/e2e/lib.sh"

"$cf" synth --children 2500 --years 2 --first-year 2022 --seed 23 --out "$work/la" --quiet
years="2022-23 2023-24"
for y in $years; do set -- "$@" "$work/la/$y/annex_a.xlsx"; done
"$cf" ingest --db "$work/a.db" "$@" >/dev/null 2>"$work/err"
check "the synthetic Annex A workbooks load into store A" test $? = 0

fail=0
for y in $years; do
	"$cf" export --db "$work/a.db" --year "$y" --as annex-a --out "$work/x/$y/annex_a.xlsx" >"$work/out-$y" \
		2>"$work/err-$y" || { fail=1; cat "$work/err-$y"; }
done
check "export --as annex-a writes each year's workbook and exits 0" test $fail = 0
check "it prints the rows of each list" sh -c 'grep -q "^ *List 1 " "$0" && grep -q "^ *List 11 " "$0"' "$work/out-2023-24"

"$cf" export --db "$work/a.db" --year 2009-10 --as annex-a --out "$work/none.xlsx" >/dev/null 2>"$work/err"
check "a year the store has no Annex A nor any record of: exit 1, saying so" \
	sh -c 'test $0 = 1 && grep -q "holds no Annex A for 2009-10, nor any record" "$1"' $? "$work/err"

for y in $years; do set -- "$@" "$work/x/$y/annex_a.xlsx"; done
shift 2
"$cf" ingest --db "$work/b.db" "$@" >/dev/null 2>"$work/err"
check "the exported workbooks load into store B" test $? = 0

if command -v sqlite3 >/dev/null 2>&1; then
	# each table an Annex A list feeds, every column but the row, with the
	# collection year; annexa_rows' JSON member by member
	dump() {
		for t in contacts early_help cin_referrals assessments s47_enquiries cp_plans cp_reviews; do
			cols=$(sqlite3 "$1" "SELECT group_concat(name, ', ') FROM pragma_table_info('$t')
				WHERE name NOT IN ('return_id', 'row')")
			sqlite3 -csv "$1" "SELECT '$t', r.collection_year, $cols FROM $t x JOIN returns r ON r.id = x.return_id" |
				sort
		done
		sqlite3 -csv "$1" "SELECT 'annexa_rows', r.collection_year, a.list, a.child,
			(SELECT group_concat(key || '=' || value, '|') FROM (SELECT key, value FROM json_each(a.data) ORDER BY key))
			FROM annexa_rows a JOIN returns r ON r.id = a.return_id" | sort
		sqlite3 -csv "$1" "SELECT 'children', child, sex, dob, ethnicity FROM children" | sort
	}
	dump "$work/a.db" >"$work/dump-a"
	dump "$work/b.db" >"$work/dump-b"
	check "every Annex A row agrees, list by list ($(wc -l <"$work/dump-a") rows)" cmp -s "$work/dump-a" "$work/dump-b"
	empty=
	for l in 1 2 3 4 5 6 7 8 9 10 11; do
		c=$(sqlite3 "$work/b.db" "SELECT count(*) FROM annexa_rows WHERE list = $l")
		[ "$c" -gt 0 ] || empty="$empty $l"
	done
	check "... and every list has rows${empty:+: not$empty}" test -z "$empty"
	check "... and List 3 and List 6 stay apart (referrals with a source; CIN episodes with a need)" test \
		"$(sqlite3 "$work/a.db" "SELECT count(*) FILTER (WHERE referral_source IS NOT NULL),
			count(*) FILTER (WHERE primary_need IS NOT NULL) FROM cin_referrals")" = \
		"$(sqlite3 "$work/b.db" "SELECT count(*) FILTER (WHERE referral_source IS NOT NULL),
			count(*) FILTER (WHERE primary_need IS NOT NULL) FROM cin_referrals")"
	issues() { sqlite3 "$1" "SELECT tbl, kind, count(*) FROM issues GROUP BY 1, 2 ORDER BY 1, 2"; }
	issues "$work/a.db" >"$work/ia"
	issues "$work/b.db" >"$work/ib"
	check "loading the export finds no kind of issue, nor more of one, than loading the original did" \
		test -z "$(comm -13 "$work/ia" "$work/ib")"
else
	n=$((n + 1)); echo "ok $n - # SKIP sqlite3 is not installed (tools/install-deps.sh installs it): no table dump"
fi

for db in a b; do "$cf" summary --db "$work/$db.db" --format csv >"$work/summary-$db.csv" 2>/dev/null; done
check "summary: the two stores agree byte for byte" cmp -s "$work/summary-a.csv" "$work/summary-b.csv"

"$cf" export --db "$work/b.db" --year 2023-24 --as annex-a --out "$work/xb.xlsx" >/dev/null 2>&1
check "exporting store B gives store A's export byte for byte" cmp -s "$work/xb.xlsx" "$work/x/2023-24/annex_a.xlsx"

# the rows come out in the order loaded with Ofsted's spellings: Lists 1-3
# (dates, sources as "q) 6: Police", ethnicity as "a) WBRI", counts) are
# synth's sheets cell for cell; other lists' yes/no cells are the category
# the store keeps ("Yes" for "a) Yes")
mkdir -p "$work/o" "$work/e"
(cd "$work/o" && unzip -qo "$work/la/2023-24/annex_a.xlsx") && (cd "$work/e" && unzip -qo "$work/x/2023-24/annex_a.xlsx")
check "Lists 1, 2 and 3 are synth's own sheets, cell for cell" sh -c 'for i in 1 2 3; do
	cmp -s "$0/o/xl/worksheets/sheet$i.xml" "$0/e/xl/worksheets/sheet$i.xml" || exit 1; done' "$work"

# a store with no Annex A: Lists 1-8 from the CIN census, the SSDA903 and
# the contacts and early help extracts of the same synthetic authority agree, column for column,
# with synth's own Annex A of that year (built from the simulation, not the
# store), but for same-day contacts the store keeps once
if command -v sqlite3 >/dev/null 2>&1; then
	"$cf" ingest --db "$work/c.db" "$work/la/2022-23/cin_census.xml" "$work/la/2023-24/cin_census.xml" \
		"$work/la/2022-23/contacts.csv" "$work/la/2023-24/contacts.csv" "$work/la/2022-23/early_help.csv" \
		"$work/la/2023-24/early_help.csv" "$work/la/2022-23/ssda903" "$work/la/2023-24/ssda903" >/dev/null 2>&1
	"$cf" export --db "$work/c.db" --year 2023-24 --as annex-a --out "$work/fromrecords.xlsx" >"$work/out-c" 2>&1
	check "export --as annex-a from a store with no Annex A: built from its records, exit 0" sh -c \
		'test $0 = 0 && grep -q "built from its records" "$1"' $? "$work/out-c"
	"$cf" ingest --db "$work/d.db" "$work/fromrecords.xlsx" >/dev/null 2>&1
	"$cf" ingest --db "$work/e.db" "$work/la/2023-24/annex_a.xlsx" >/dev/null 2>&1
	same=1 sizes=
	for t in "contacts:contact_date, source" "early_help:start_date, end_date" \
		"cin_referrals:referral_date, referral_source, referral_nfa, primary_need, closure_date, closure_reason" \
		"assessments:start_date, authorised_date" "s47_enquiries:start_date, icpc_date" \
		"cp_plans:start_date, end_date, initial_category, latest_category, previous_plans" \
		"cp_reviews:plan_start_date, review_date"; do
		tb=${t%%:*}
		sqlite3 "$work/d.db" "SELECT child, ${t#*:} FROM $tb" | sort >"$work/d.$tb"
		sqlite3 "$work/e.db" "SELECT child, ${t#*:} FROM $tb" | sort -u >"$work/e.$tb"
		cmp -s "$work/d.$tb" "$work/e.$tb" || same=0
		sizes="$sizes $tb $(wc -l <"$work/d.$tb")"
	done
	check "... and its lists are synth's Annex A, column for column:$sizes" test $same = 1 -a "$(wc -l <"$work/d.cp_plans")" -gt 0
	# characteristics and counts, where the store knows the child
	person() { sqlite3 "$1" "SELECT list, child, json_extract(data, '$.Gender'), json_extract(data, '$.Ethnicity'),
		json_extract(data, '$.\"Date of Birth\"'), json_extract(data, '$.\"Age of Child (Years)\"'),
		json_extract(data, '$.\"Number of Referrals in Last 12 Months\"'),
		json_extract(data, '$.\"Number of Section 47 Enquiries in the last 12 months\"'),
		json_extract(data, '$.\"Number of ICPCs in the last 12 months\"') FROM annexa_rows WHERE list <= 7" | sort; }
	# List 8 from the SSDA903 episodes: every value written is synth's (a
	# period begun before the first episode held has no known start: blank)
	n8=$(sqlite3 "$work/d.db" "SELECT count(*) FROM annexa_rows WHERE list = 8")
	e8=$(sqlite3 "$work/e.db" "SELECT count(*) FROM annexa_rows WHERE list = 8")
	diff8=$(sqlite3 "$work/d.db" "ATTACH '$work/e.db' AS e; SELECT a.child || ' ' || j.key FROM annexa_rows a, json_each(a.data) j
		WHERE a.list = 8 AND j.value IS NOT (SELECT json_extract(b.data, '$.\"' || j.key || '\"') FROM e.annexa_rows b
		WHERE b.list = 8 AND b.child = a.child)" | head -3)
	filled=$(sqlite3 "$work/d.db" "SELECT count(*) FROM annexa_rows a, json_each(a.data) j WHERE a.list = 8
		AND j.key IN ('Date Started to be Looked After', 'Child''s Legal Status', 'Placement Type', 'Placement postcode')")
	check "List 8: synth's children looked after ($n8 of $e8), each value written synth's ($filled key values)${diff8:+: not $diff8}" \
		test "$n8" = "$e8" -a "$n8" -gt 5 -a -z "$diff8" -a "$filled" -gt 20
	person "$work/d.db" >"$work/d.person"
	person "$work/e.db" >"$work/e.person"
	check "... gender, ethnicity, birth, age and the 12-month counts are synth's ($(wc -l <"$work/d.person") rows)" \
		sh -c 'test -s "$0" && test -z "$(comm -23 "$0" "$1")"' "$work/d.person" "$work/e.person"
fi

# no names, UPNs or full postcodes: the workbook's strings, by their shapes
unzip -p "$work/x/2023-24/annex_a.xlsx" xl/sharedStrings.xml 2>/dev/null >"$work/strings.xml" ||
	unzip -p "$work/x/2023-24/annex_a.xlsx" 'xl/worksheets/*.xml' >"$work/strings.xml"
check "no UPN-shaped value (a letter and 12 digits) in the workbook" sh -c '! grep -Eq ">[A-Z][0-9]{12}<" "$0"' \
	"$work/strings.xml"
check "no full postcode in the workbook" sh -c '! grep -Eq ">[A-Z]{1,2}[0-9][0-9A-Z]? ?[0-9][A-Z]{2}<" "$0"' \
	"$work/strings.xml"

echo "1..$n"
