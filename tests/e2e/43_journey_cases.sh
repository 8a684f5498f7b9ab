#!/bin/sh
# Walk tests/cases/journey/<case>/ (the journey itself, `args` against
# `expected`, is compared by 70_cases.sh): ingest in/, then compare the
# funnel rows of summary with funnel.expected when present, and check the
# JSON journey and that no identifier leaks. Needs nothing from ../shared.
. "$CASEFLOW_TOP/tests/e2e/lib.sh"
for dir in "$CASEFLOW_TOP"/tests/cases/journey/*/; do
	case=$(basename "$dir")
	db="$work/$case.db"
	(cd "$dir/in" && "$cf" ingest --db "$db" . >/dev/null 2>"$work/$case.err")
	check "$case: inputs load" [ $? -eq 0 ]
	child=$(sed -n 's/.*--child \([^ ]*\).*/\1/p' "$dir/args")
	"$cf" journey --db "$db" --child "$child" --format csv > "$work/$case.csv" 2>>"$work/$case.err"
	check "$case: the journey has the events of expected" \
		test "$(wc -l < "$work/$case.csv")" -eq "$(wc -l < "$dir/expected")"
	if [ -f "$dir/funnel.expected" ]; then
		"$cf" summary --db "$db" --table funnel --format csv |
			grep -E '^[0-9-]+,(contacts|referrals|referrals_nfa|assessments|s47|icpc|cpp_started|cla_started),' \
			> "$work/$case.funnel"
		if diff -u "$dir/funnel.expected" "$work/$case.funnel" > "$work/$case.fdiff"; then
			ok "$case: funnel as worked by hand"
		else
			notok "$case: funnel differs from funnel.expected"
			sed 's/^/#   /' "$work/$case.fdiff"
		fi
	fi
	"$cf" journey --db "$db" --child "$child" --format json > "$work/$case.json"
	check "$case: journey as JSON" grep -q '"event": ' "$work/$case.json"
	check "$case: no UPN, name or full postcode in the journey" \
		sh -c "! grep -qiE 'A999999999999|Pat Example|LS1 4AB|LS2 7CD' '$work/$case.csv' '$work/$case.json'"
done
"$cf" journey --db "$work/child_across_sources.db" --child NOBODY > /dev/null 2> "$work/nobody.err"
check "an unknown child: exit 1" [ $? -eq 1 ]
check "an unknown child: says so" grep -q "no child 'NOBODY'" "$work/nobody.err"
"$cf" journey --db "$work/child_across_sources.db" > /dev/null 2>&1
check "no --child: usage error" [ $? -eq 2 ]
echo "1..$n"
