#!/bin/sh
# caseflow validate --db on CIN censuses held in the store gives the findings
# (rule, table, row, child) that validate gives on the census files, for
# every rule not on the UPN (the store never keeps UPNs: those rules are
# reported skipped). On the files, the UPN rules run and no output format
# shows a UPN.
. "$CASEFLOW_TOP/tests/e2e/lib.sh"

"$cf" synth --out "$work/s" --children 3000 --years 1 --first-year 2023 --quiet >/dev/null 2>&1
clean="$work/s/2023-24/cin_census.xml"
check "synth writes a CIN census" test -s "$clean"

# Set the value of the n-th <E> element: spec "E:n:value;E:n:value".
damage() {
	awk -v spec="$1" '
	BEGIN { k = split(spec, items, ";"); for (i = 1; i <= k; i++) { split(items[i], p, ":"); want[p[1] ":" p[2]] = p[3] } }
	{
		if (match($0, /<[A-Za-z0-9]+>/)) {
			e = substr($0, RSTART + 1, RLENGTH - 2)
			key = e ":" (++seen[e])
			if (key in want)
				sub(/>[^<]*</, ">" want[key] "<")
		}
		print
	}' "$clean"
}
# An ethnicity, referral source, disability, closure reason and dates out of
# order, factor 21 on single assessments, a CP plan starting on Christmas
# Day, an unborn date of birth, a review before its plan, a conference on a
# Saturday, flags and counts that are not, UN7 for a child with further
# action, an empty LAchildID, and UPNs with a wrong check letter, a letter
# among the digits, and one given twice.
hurt="Ethnicity:3:XXXX;CINclosureDate:2:2000-01-01;ReferralSource:5:99;AssessmentFactors:1:21;AssessmentFactors:2:21"
hurt="$hurt;CPPstartDate:4:2023-12-25;ReasonForClosure:2:RC8;PersonBirthDate:3:2030-01-01;Disability:2:BAD"
hurt="$hurt;CPPreviewDate:2:2000-01-01;DateOfInitialCPC:1:2023-06-03;ReferralNFA:4:maybe;NumberOfPreviousCPP:2:x"
hurt="$hurt;UPNunknown:1:UN7;LAchildID:7:;UPN:1:A999814619199;UPN:3:K9998146X9199;UPN:4:U999487818841"
damage "$hurt" >"$work/bad.xml"
# ...and the same file with a child ID given twice (8510), and written on one line
damage "$hurt;LAchildID:6:$(sed -n 's:.*<LAchildID>\(.*\)</LAchildID>.*:\1:p' "$clean" | head -1)" >"$work/dup.xml"
tr -d '\n' <"$work/bad.xml" >"$work/oneline.xml"
check "the damaged census differs from the clean one" sh -c "! cmp -s '$clean' '$work/bad.xml'"

db="$work/cin.db"
"$cf" ingest --db "$db" "$clean" "$work/dup.xml" "$work/oneline.xml" >/dev/null 2>&1
check "the three censuses load" test "$(sqlite3 "$db" "SELECT count(*) FROM returns WHERE kind = 'cin.census'")" = 3
"$cf" validate --db "$db" --table findings --format csv --out "$work/db.csv" 2>"$work/err"
check "validate --db exits 0" test $? -eq 0

upn_rules="1510 1520 1530 1540 1550 1560Q"
# rule table row child of the findings in a CSV (after the summary), those of
# the return named like $2 when given, without the UPN rules
findings() {
	sed -n '/^rule,type,table,row/,$p' "$1" | tail -n +2 | awk -v want="$2" -v skip="$upn_rules" '
	# one CSV record (quoted fields, "" for a quote) into F[1..n]
	function parse(line,   n, i, c, f, q) {
		n = 0; f = ""; q = 0
		for (i = 1; i <= length(line); i++) {
			c = substr(line, i, 1)
			if (q) {
				if (c != "\"") f = f c
				else if (substr(line, i + 1, 1) == "\"") { f = f c; i++ }
				else q = 0
			} else if (c == "\"") q = 1
			else if (c == ",") { F[++n] = f; f = "" }
			else f = f c
		}
		F[++n] = f
		return n
	}
	BEGIN { ns = split(skip, s, " "); for (i = 1; i <= ns; i++) S[s[i]] = 1 }
	{
		n = parse($0)
		if (n < 7 || (F[1] in S)) next
		if (want != "" && !(n > 7 && length(F[8]) >= length(want) &&
		    substr(F[8], length(F[8]) - length(want) + 1) == want)) next
		print F[1], F[3], F[4], F[5]
	}' | sort
}
for f in "$clean" "$work/dup.xml" "$work/oneline.xml"; do
	name=$(basename "$f")
	"$cf" validate "$f" --table findings --format csv --out "$work/file.csv" 2>/dev/null
	findings "$work/file.csv" "" >"$work/want"
	findings "$work/db.csv" "($f)" >"$work/got"
	check "$name: $(wc -l <"$work/want") findings from the file, the same from the store" \
		sh -c 'test -s "$0" && cmp -s "$0" "$1"' "$work/want" "$work/got"
done
check "the damaged census has findings of many rules" \
	test "$(findings "$work/db.csv" "($work/dup.xml)" | cut -d' ' -f1 | sort -u | wc -l)" -ge 15
check "the store's findings name the return: kind, year and file" \
	grep -q "CIN census 2023-24 ($work/dup.xml)" "$work/db.csv"
"$cf" validate --list-rules --return cin --year 2023-24 --format csv >"$work/rules.csv"
for r in $upn_rules; do
	check "--list-rules: $r needs the UPN" grep -q "^$r,.*the UPN (census file, not the store)" "$work/rules.csv"
done
check "only those rules need it" test "$(grep -c 'the UPN (census file' "$work/rules.csv")" -eq 6

# UPN rules on the file: they fire, and no output shows a UPN
"$cf" validate "$work/bad.xml" --table findings --format csv --out "$work/bad.csv" 2>/dev/null
row_of() { grep -n "<UPN>$1</UPN>" "$work/bad.xml" | head -1 | cut -d: -f1; }
check "1510 flags the wrong check letter" grep -q "^1510,error,ChildIdentifiers,$(( $(row_of A999814619199) - 1 ))," "$work/bad.csv"
check "1540 flags a letter among characters 5-12" grep -q "^1540,error,ChildIdentifiers," "$work/bad.csv"
check "1520 flags the UPN given twice" test "$(grep -c '^1520,error,ChildIdentifiers,' "$work/bad.csv")" -eq 2
check "the UPN is shown withheld" grep -q '"UPN=withheld, 13 characters"' "$work/bad.csv"
"$cf" validate "$work/bad.xml" >"$work/bad.txt" 2>&1
"$cf" validate "$work/bad.xml" --format json --out "$work/bad.json" 2>/dev/null
"$cf" validate "$work/bad.xml" --format xlsx --out "$work/bad.xlsx" 2>/dev/null
check "the workbook is written" test -s "$work/bad.xlsx"
unzip -p "$work/bad.xlsx" >"$work/bad.xlsx.txt"
check "the workbook has the ChildIdentifiers sheet" grep -q 'ChildIdentifiers' "$work/bad.xlsx.txt"
sed -n 's:.*<UPN>\(.*\)</UPN>.*:\1:p' "$work/bad.xml" | sort -u >"$work/upns"
check "the census has UPNs to look for" test "$(wc -l <"$work/upns")" -gt 50
for out in bad.csv bad.txt bad.json bad.xlsx.txt; do
	check "no UPN in the $out output" sh -c "! grep -F -q -f '$work/upns' '$work/$out'"
done

# a workbook of several returns: each return's tables on sheets of their own
"$cf" validate --db "$db" --format xlsx --out "$work/db.xlsx" 2>/dev/null
check "validate --db --format xlsx over three censuses" test $? -eq 0
check "the rules sheet says why the UPN rules were skipped" \
	sh -c "unzip -p '$work/db.xlsx' xl/sharedStrings.xml | grep -q 'skipped: needs the UPN, which the store never keeps'"
check "their sheets are told apart" sh -c "unzip -p '$work/db.xlsx' xl/workbook.xml | grep -q 'CIN3 ChildIdentifiers'"
check "no UPN in the store's workbook" sh -c "! unzip -p '$work/db.xlsx' | grep -F -q -f '$work/upns'"
"$cf" validate --db "$db" --return 903 >/dev/null 2>"$work/err"
check "--return 903 on a store with no SSDA903 return: exit 1" test $? -eq 1
check "... saying so" grep -q "no SSDA903 return" "$work/err"
