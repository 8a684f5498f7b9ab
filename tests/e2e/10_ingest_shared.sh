#!/bin/sh
# Every SSDA903 file in ../shared: rows stored against independent counts
# (awk on the CSVs, element counts on the XML), the CSV and XML of the same
# returns load identical rows, and `summary` agrees with an awk count of
# children looked after at 31 March on returns no one here wrote.
. "$CASEFLOW_TOP/tests/e2e/lib.sh"
need_shared "SSDA903 samples" || exit 0
samples=$shared/data/samples/ssda903
synth=$shared/data/ssda903-synth

# (lib.sh's check uses $n and $d: names here avoid them)
# data rows of a CSV: lines after the header that are not blank
csv_rows() { awk 'NR > 1 && $0 !~ /^[ ,\t\r]*$/' "$1" | wc -l | tr -d ' '; }
# how many times an element opens in an XML file
xml_count() { grep -o "<$2[ />]" "$1" | wc -l | tr -d ' '; }
q() { sqlite3 -list "$@"; }

# stored_rows DB PATH: rows of the return loaded from PATH
stored_rows() { q "$1" "SELECT rows FROM returns WHERE path = '$2'"; }
# table_rows DB TABLE KIND: rows of a table that came from returns of KIND
table_rows() {
	q "$1" "SELECT count(*) FROM ssda903_$2 WHERE return_id IN (SELECT id FROM returns WHERE kind = '$3')"
}

# check_csv_folder DB DIR: each CSV's stored rows = its awk count
check_csv_folder() {
	for f in "$2"/*.csv; do
		want=$(csv_rows "$f")
		got=$(stored_rows "$1" "$f")
		[ -z "$got" ] && [ "$want" = 0 ] && got=0   # empty tables are not returns
		check "$(basename "$(dirname "$f")")/$(basename "$f"): $got rows stored, awk counts $want" [ "$got" = "$want" ]
	done
}

# check_xml DB FILE: rows per table = the elements that hold them
check_xml() {
	for pair in header:HEADER episodes:EPISODE reviews:AREVIEW missing:AMISSING oc2:OC2 \
		previous_permanence:PERMANENCE placed_for_adoption:AD_PLACED oc3:IN_TOUCH ad1:DATE_INT \
		uasc:DUC social_worker_episodes:SW_EPISODE; do
		t=${pair%%:*} el=${pair#*:}
		want=$(xml_count "$2" "$el")
		got=$(q "$1" "SELECT count(*) FROM ssda903_$t e JOIN returns r ON r.id = e.return_id WHERE r.path = '$2'")
		check "$(basename "$2") $t: $got rows, $want <$el> elements" [ "$got" = "$want" ]
	done
}

# --- the sample return: 11 CSV tables and an XML, in one folder ---------------
db=$work/samples.db
"$cf" ingest --db "$db" "$samples" >"$work/out" 2>&1
check "ingest $samples exits 0" [ $? = 0 ]
check_csv_folder "$db" "$samples"
check_xml "$db" "$samples/fake_903.xml"
check "the sample's XML is one return of kind ssda903.xml" \
	[ "$(q "$db" "SELECT count(*) FROM returns WHERE kind = 'ssda903.xml'")" = 1 ]

# --- the independent two-year authority: CSV and XML in separate stores ------
csvdb=$work/synth-csv.db xmldb=$work/synth-xml.db
store_from "$csvdb" "$synth/2022_23/csv" "$synth/2023_24/csv" >"$work/out" 2>&1
check "ingest ssda903-synth CSV exits 0" [ $? = 0 ]
"$cf" ingest --db "$xmldb" "$synth/2022_23/ssda903_2022_23.xml" "$synth/2023_24/ssda903_2023_24.xml" >"$work/out" 2>&1
check "ingest ssda903-synth XML exits 0" [ $? = 0 ]
for y in 2022_23 2023_24; do
	check_csv_folder "$csvdb" "$synth/$y/csv"
	check_xml "$xmldb" "$synth/$y/ssda903_$y.xml"
done
check "collection years from the folder names" \
	[ "$(q "$xmldb" "SELECT group_concat(collection_year) FROM returns ORDER BY id")" = "2023,2024" ]

# the same returns as CSV and XML give the same rows, row numbers included
for t in header episodes reviews uasc oc2 oc3 ad1 placed_for_adoption previous_permanence missing; do
	cols=$(q "$csvdb" "SELECT group_concat(name, ', ') FROM pragma_table_info('ssda903_$t') WHERE name <> 'return_id'")
	sel="SELECT r.collection_year, $cols FROM ssda903_$t t JOIN returns r ON r.id = t.return_id"
	xsel="SELECT r.collection_year, $cols FROM x.ssda903_$t t JOIN x.returns r ON r.id = t.return_id"
	diff=$(q "$csvdb" "ATTACH '$xmldb' AS x;
		SELECT (SELECT count(*) FROM ($sel EXCEPT $xsel)) + (SELECT count(*) FROM ($xsel EXCEPT $sel));")
	nrows=$(q "$csvdb" "SELECT count(*) FROM ssda903_$t")
	check "$t: CSV and XML give identical rows ($nrows rows, $diff different)" [ "$diff" = 0 ]
done
issues_csv=$(q "$csvdb" "SELECT tbl || ' ' || row || ' ' || column_name || ' ' || kind FROM issues ORDER BY 1" | sha256sum)
issues_xml=$(q "$xmldb" "SELECT tbl || ' ' || row || ' ' || column_name || ' ' || kind FROM issues ORDER BY 1" | sha256sum)
check "CSV and XML record the same issues" [ "$issues_csv" = "$issues_xml" ]

# --- summary against an awk count --------------------------------------------
# children looked after at 31 March: an episode with DECOM <= 31 March and
# DEC empty or later, counted by awk on one return and by `summary` on a
# store holding just that return. (A store holding both years gives other
# figures: its episodes view keeps 2022-23 episodes that the 2023-24 return
# no longer lists as current, so they stay open.)
awk_cla() {
	awk -F, -v d="$2" 'NR > 1 && $1 != "" {
		split($2, a, "/"); s = a[3] a[2] a[1]
		e = ""; if ($8 != "") { split($8, b, "/"); e = b[3] b[2] b[1] }
		if (s <= d && (e == "" || e > d)) seen[$1] = 1
	} END { k = 0; for (c in seen) k++; print k }' "$1"
}
summary_cla() {
	"$cf" summary --db "$1" --format json |
		grep "\"date\": \"$2\", \"measure\": \"cla\", \"age_band\": \"all\", \"placement_group\": \"all\"" |
		sed 's/.*"count": \([0-9]*\).*/\1/'
}
for y in 2022_23 2023_24; do
	ydb=$work/year-$y.db
	"$cf" ingest --db "$ydb" "$synth/$y/csv" >/dev/null 2>&1
	"$cf" ingest --db "$work/year-$y-xml.db" "$synth/$y/ssda903_$y.xml" >/dev/null 2>&1
	end=$(echo "$y" | sed 's/.*_/20/')
	for date in "$end-03-31"; do
		want=$(awk_cla "$synth/$y/csv/episodes.csv" "$(echo "$date" | tr -d -)")
		got=$(summary_cla "$ydb" "$date")
		got_xml=$(summary_cla "$work/year-$y-xml.db" "$date")
		check "$y return: CLA at $date: summary $got (from the XML $got_xml), awk $want" \
			[ "$got" = "$want" -a "$got_xml" = "$want" ]
	done
done

# the whole tree at once (CSV and XML of both years side by side) loads too
store_from "$work/all.db" "$synth" >"$work/out" 2>&1
check "ingest the whole ssda903-synth tree exits 0" [ $? = 0 ]
check "  ... holding two collection years" \
	[ "$(q "$work/all.db" "SELECT count(DISTINCT collection_year) FROM returns")" = 2 ]
