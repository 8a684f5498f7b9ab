# caseflow synth's Annex A: eleven lists with Ofsted's headers, the same
# children and events as the CIN census and SSDA903 of the year (counts and
# IDs agree list by list), byte-identical per seed, and it loads.
. "$CASEFLOW_TOP/tests/e2e/lib.sh"

if ! command -v unzip >/dev/null 2>&1; then
	notok "unzip is missing (tools/install-deps.sh installs it)"
	exit 0
fi

gen() { "$cf" synth --children 4000 --years 2 --first-year 2022 --seed "$1" --out "$2" --quiet; }
gen 42 "$work/a"; check "synth exits 0" test $? -eq 0
gen 42 "$work/b"
gen 43 "$work/c"
book="$work/a/2023-24/annex_a.xlsx"
check "an Annex A workbook per collection year" test -f "$work/a/2022-23/annex_a.xlsx" -a -f "$book"
check "the same seed gives a byte-identical workbook" cmp -s "$book" "$work/b/2023-24/annex_a.xlsx"
check "... every year" cmp -s "$work/a/2022-23/annex_a.xlsx" "$work/b/2022-23/annex_a.xlsx"
check "another seed gives another workbook" sh -c '! cmp -s "$0" "$1"' "$book" "$work/c/2023-24/annex_a.xlsx"
check "its creation time is fixed by the collection year (9am, 1 April after it)" \
	sh -c 'unzip -p "$0" docProps/core.xml | grep -q "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2024-04-01T09:00:00Z<"' "$book"

# sheet BOOK N: sheet N's rows as tab-separated cells, column A first, gaps kept
sheet() {
	unzip -p "$1" "xl/worksheets/sheet$2.xml" | awk -v RS='<row ' '
	function col(ref,   i, n, c) {
		n = 0
		for (i = 1; i <= length(ref); i++) {
			c = substr(ref, i, 1)
			if (c !~ /[A-Z]/) break
			n = n * 26 + index("ABCDEFGHIJKLMNOPQRSTUVWXYZ", c)
		}
		return n
	}
	NR > 1 {
		n = split($0, cells, "<c r=\"")
		for (k in v) delete v[k]
		max = 0
		for (i = 2; i <= n; i++) {
			k = col(cells[i]); x = cells[i]
			if (match(x, /<t[^>]*>[^<]*<\/t>/)) { x = substr(x, RSTART, RLENGTH); sub(/^<t[^>]*>/, "", x); sub(/<\/t>$/, "", x) }
			else if (match(x, /<v>[^<]*<\/v>/)) x = substr(x, RSTART + 3, RLENGTH - 7)
			else x = ""
			gsub(/&apos;/, "\047", x); gsub(/&quot;/, "\"", x); gsub(/&lt;/, "<", x); gsub(/&gt;/, ">", x)
			gsub(/&amp;/, "\\&", x)
			v[k] = x
			if (k > max) max = k
		}
		line = ""
		for (i = 1; i <= max; i++) line = line (i > 1 ? "\t" : "") v[i]
		print line
	}'
}
rows() { sheet "$1" "$2" | tail -n +2 | wc -l | tr -d ' '; }
for l in 1 2 3 4 5 6 7 8 9 10 11; do sheet "$book" $l >"$work/list$l.tsv"; done

check "sheets List 1 ... List 11, in order" sh -c '
	test "$(unzip -p "$0" xl/workbook.xml | grep -o "<sheet name=\"[^\"]*\"" | sed "s/.*=\"//; s/\"$//" | tr "\n" "|")" = \
		"List 1|List 2|List 3|List 4|List 5|List 6|List 7|List 8|List 9|List 10|List 11|"' "$book"
check "every list has rows" sh -c 'for l in 1 2 3 4 5 6 7 8 9 10 11; do test "$(wc -l <"$0/list$l.tsv")" -gt 1 || exit 1; done' "$work"
check "dates are Excel dates with a dd/mm/yyyy format" sh -c '
	unzip -p "$0" xl/styles.xml | grep -q "formatCode=\"dd/mm/yyyy\"" &&
	unzip -p "$0" xl/worksheets/sheet1.xml | grep -Eq "<c r=\"F2\" s=\"[0-9]+\"><v>45[0-9]{3}</v>"' "$book"
check "child IDs and labels are text" sh -c '
	unzip -p "$0" xl/worksheets/sheet8.xml | grep -Eq "<c r=\"A2\" t=\"inlineStr\"[^>]*><is><t>[0-9]+</t>" &&
	unzip -p "$0" xl/worksheets/sheet8.xml | grep -Eq "<c r=\"W2\" t=\"inlineStr\"[^>]*><is><t>[a-z]+\) [A-Z][0-9]: "' "$book"
check "no worker or personal adviser is named (Allocated Worker / Personal Advisor blank)" sh -c '
	awk -F "\t" "NR > 1 && \$11 != \"\" { exit 1 }" "$0/list3.tsv" &&
	awk -F "\t" "NR > 1 && \$34 != \"\" { exit 1 }" "$0/list8.tsv" &&
	awk -F "\t" "NR > 1 && (\$9 != \"\" || \$10 != \"\") { exit 1 }" "$0/list9.tsv"' "$work"

if need_shared "Annex A schema"; then
	yml="$shared/spec/annex-a/Annex_A_schema.yml"
	# the schema's column names of list N, in order
	schema_headers() {
		awk -v want="list_$2" '
		/^    [a-z_0-9]+:/ { cur = $1; sub(/:$/, "", cur); next }
		cur == want && /^        [^ ]/ {
			k = substr($0, 9)
			if (k ~ /^"/) { k = substr(k, 2); sub(/".*$/, "", k) }
			else if (k ~ /^\047/) { k = substr(k, 2); sub(/\047.*$/, "", k) }
			else { sub(/: .*$/, "", k); sub(/:$/, "", k) }
			print k
		}' "$1"
	}
	for l in 1 2 3 4 5 6 7 8 9 10 11; do
		check "List $l has the schema's headers, in order" \
			test "$(head -1 "$work/list$l.tsv" | tr '\t' '\n')" = "$(schema_headers "$yml" $l)"
	done
	# every category value written is one the schema lists for its column
	# every label written is one the schema lists (K3 is newer than the template)
	# list items ("-   value"), long ones wrapped onto deeper-indented lines
	awk '
	function flush() { if (item != "") { if (item ~ /^\047.*\047$/) item = substr(item, 2, length(item) - 2); print item }; item = "" }
	/^ *- / { flush(); ind = index($0, "-"); item = $0; sub(/^ *- */, "", item); next }
	item != "" && match($0, /^ */) && RLENGTH > ind + 2 && $0 !~ /^ *[a-z_]+:/ { x = $0; sub(/^ */, "", x); item = item " " x; next }
	{ flush() }
	END { flush() }' "$yml" >"$work/spellings"
	for c in "1 2 Gender" "1 3 Ethnicity" "1 7 Contact Source" "6 8 Primary Need Code" "6 11 Reason for Closure" \
		"7 8 Initial Category of Abuse" "8 12 Legal Status" "8 21 Reason Ceased" "8 23 Placement Type" \
		"8 24 Placement Provider" "9 13 LA in Touch" "9 15 Type of Accommodation"; do
		set -- $c
		l=$1 f=$2; shift 2
		check "List $l: every $* written is a spelling the schema lists" sh -c '
			tail -n +2 "$0/list$1.tsv" | cut -f"$2" | grep -v "^K3: " | sort -u | grep -v "^\$" >"$0/values"
			test -s "$0/values" && test -z "$(grep -vxF -f "$0/spellings" "$0/values")"' "$work" "$l" "$f"
	done
fi

# --- the same children and events as the year's CIN census and SSDA903 ------
y="$work/a/2023-24"
six=20231001 to=20240331
check "List 8 = the children looked after at any time from 1 October to 31 March (903 episodes)" sh -c '
	awk -F, "NR > 1 { split(\$2, a, \"/\"); s = a[3] a[2] a[1]; e = 99999999; if (\$8 != \"\") { split(\$8, b, \"/\"); e = b[3] b[2] b[1] }
		if (s <= $2 && e >= $1) print \$1 }" "$3/ssda903/episodes.csv" | sort -u >"$0/cla.ids"
	tail -n +2 "$0/list8.tsv" | cut -f1 | sort >"$0/l8.ids"
	test -s "$0/l8.ids" && cmp -s "$0/cla.ids" "$0/l8.ids"' "$work" "$six" "$to" "$y"
check "List 10 = the 903 placed-for-adoption rows (same children)" sh -c '
	tail -n +2 "$1/ssda903/placed_for_adoption.csv" | cut -d, -f1 | sort >"$0/pa.ids"
	tail -n +2 "$0/list10.tsv" | cut -f1 | sort >"$0/l10.ids"
	cmp -s "$0/pa.ids" "$0/l10.ids"' "$work" "$y"
check "List 9 says what the 903 OC3 says about the same care leavers (in touch, activity)" sh -c '
	export LC_ALL=C
	tail -n +2 "$1/ssda903/oc3.csv" | awk -F, "{ print \$1 \"\t\" \$3 \"\t\" \$4 }" | sort >"$0/oc3.t"
	tail -n +2 "$0/list9.tsv" | awk -F "\t" "{ t = \$13; sub(/^[a-z]\\) /, \"\", t); a = \$17; sub(/:.*/, \"\", a)
		print \$1 \"\t\" toupper(t) \"\t\" a }" | sort >"$0/l9.t"
	join -t "$(printf "\t")" "$0/oc3.t" "$0/l9.t" >"$0/oc3.j"
	test -s "$0/oc3.t" && test "$(wc -l <"$0/oc3.j")" -eq "$(wc -l <"$0/oc3.t")" &&
	awk -F "\t" "\$2 != \$4 || \$3 != \$5 { bad = 1 } END { exit bad }" "$0/oc3.j"' "$work" "$y"
check "List 1 = contacts.csv from 1 October to 31 March" sh -c '
	a=$(awk -F, "NR > 1 && \$2 >= \"2023-10-01\" && \$2 <= \"2024-03-31\"" "$1/contacts.csv" | wc -l)
	test "$a" -gt 0 && test "$a" -eq "$(tail -n +2 "$0/list1.tsv" | wc -l)"' "$work" "$y"
if command -v xmllint >/dev/null 2>&1; then
	cin="$y/cin_census.xml"
	n() { xmllint --xpath "$1" "$cin"; }
	d() { echo "translate($1, '-', '')"; }
	check "List 3 = the CIN census referrals from 1 October to 31 March" \
		test "$(n "count(//CINdetails[$(d CINreferralDate) >= $six])")" -eq "$(rows "$book" 3)"
	check "List 4 = the census assessments open at any time from 1 October" \
		test "$(n "count(//Assessments[not(AssessmentAuthorisationDate) or $(d AssessmentAuthorisationDate) >= $six])")" -eq "$(rows "$book" 4)"
	check "List 5 = the census section 47 enquiries starting from 1 October" \
		test "$(n "count(//Section47[$(d S47ActualStartDate) >= $six])")" -eq "$(rows "$book" 5)"
	check "List 6 = the census CIN episodes (not NFA) open at any time from 1 October" \
		test "$(n "count(//CINdetails[ReferralNFA = '0' and (not(CINclosureDate) or $(d CINclosureDate) >= $six)])")" -eq "$(rows "$book" 6)"
	check "List 7 = the census CP plans open at any time from 1 October" \
		test "$(n "count(//ChildProtectionPlans[not(CPPendDate) or $(d CPPendDate) >= $six])")" -eq "$(rows "$book" 7)"
else
	notok "xmllint is missing (tools/install-deps.sh installs libxml2-utils)"
fi

# --- it loads, and tells the store what the census does ----------------------
"$cf" ingest --db "$work/ax.db" "$book" >"$work/ax.out" 2>&1
check "the synthetic workbook ingests with exit 0" test $? -eq 0
check "... with no issue and no return rejected" grep -q "0 issues recorded, 0 return(s) rejected" "$work/ax.out"
# List 3 and List 6 both give a referral date; the List 3 row (with its
# source) is the one the current view keeps, whichever was stored first.
check "a referral in List 3 and List 6 keeps List 3's source" sh -c '
	cp "$0/ax.db" "$0/tie.db"
	sqlite3 "$0/tie.db" "INSERT INTO cin_referrals (return_id, row, child, referral_date) VALUES (1, 2, \"TIE1\", \"2023-11-01\");
		INSERT INTO cin_referrals (return_id, row, child, referral_date, referral_source) VALUES (1, 9, \"TIE1\", \"2023-11-01\", \"1A\")"
	test "$(sqlite3 "$0/tie.db" "SELECT count(*) || referral_source FROM cin_referrals_current WHERE child = \"TIE1\"")" = 11A' "$work"
"$cf" ingest --db "$work/cin.db" "$y/cin_census.xml" >/dev/null 2>&1
check "its referrals are the census's from 1 October (child, date, source, NFA)" sh -c '
	q() { sqlite3 -separator "|" "$1" "$2"; }
	q "$0/ax.db" "SELECT child, referral_date, referral_source, referral_nfa FROM cin_referrals WHERE referral_source IS NOT NULL ORDER BY 1, 2, 3" >"$0/r.ax"
	q "$0/cin.db" "SELECT child, referral_date, referral_source, referral_nfa FROM cin_referrals WHERE referral_date >= \"2023-10-01\" ORDER BY 1, 2, 3" >"$0/r.cin"
	test -s "$0/r.ax" && cmp -s "$0/r.ax" "$0/r.cin"' "$work"
check "its assessments are the census's open from 1 October (child, start, authorised)" sh -c '
	q() { sqlite3 -separator "|" "$1" "$2"; }
	q "$0/ax.db" "SELECT child, start_date, coalesce(authorised_date, \"\") FROM assessments ORDER BY 1, 2, 3" >"$0/a.ax"
	q "$0/cin.db" "SELECT child, start_date, coalesce(authorised_date, \"\") FROM assessments WHERE authorised_date IS NULL OR authorised_date >= \"2023-10-01\" ORDER BY 1, 2, 3" >"$0/a.cin"
	test -s "$0/a.ax" && cmp -s "$0/a.ax" "$0/a.cin"' "$work"
