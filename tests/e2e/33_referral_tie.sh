# One referral, two rows: Annex A's List 3 (with its source and NFA) and
# List 6 (without) give the same child and referral date in one workbook.
# summary's funnel and kpi must count it alike, whichever row was stored
# first: both read the store's cin_referrals_current (docs/definitions.md),
# which keeps the List 3 row. Before the model read that view it sorted the
# rows itself and kept whichever came first, so kpi missed the NFA.
. "$CASEFLOW_TOP/tests/e2e/lib.sh"

"$cf" synth --children 600 --years 1 --first-year 2023 --seed 5 --out "$work/la" --quiet >/dev/null
"$cf" ingest --db "$work/la.db" "$work/la" >/dev/null
check "a one-year synthetic store loads" test -s "$work/la.db"
ret=$(sqlite3 "$work/la.db" "SELECT max(id) FROM returns WHERE kind = 'annexa.xlsx'")
check "it holds an Annex A workbook" test -n "$ret"

# funnel DB: summary's count of referrals with NFA in 2023-24; nfa DB: kpi's numerator
funnel() { "$cf" summary --db "$1" --table funnel --format csv | awk -F, '$1 == "2024-03-31" && $2 == "referrals_nfa" { print $5 }'; }
nfa() { "$cf" kpi --db "$1" --period 2023-24 --format csv 2>/dev/null | awk -F, '$1 == "referral_nfa" && $4 == "all" { print $5 }'; }
f0=$(funnel "$work/la.db"); k0=$(nfa "$work/la.db")
check "funnel and kpi agree before the tie ($f0 and $k0 referrals with NFA)" test -n "$f0" -a "$f0" = "$k0"

# tie FIRST: the rows in that order (list3: List 3's row first; list6: List 6's)
tie() {
	cp "$work/la.db" "$work/$1.db"
	l3="INSERT INTO cin_referrals (return_id, row, child, referral_date, referral_source, referral_nfa)
	    VALUES ($ret, 90001, 'TIE1', '2023-11-01', '1A', 1);"
	l6="INSERT INTO cin_referrals (return_id, row, child, referral_date) VALUES ($ret, 90002, 'TIE1', '2023-11-01');"
	if [ "$1" = list3 ]; then sqlite3 "$work/$1.db" "$l3 $l6"; else sqlite3 "$work/$1.db" "$l6 $l3"; fi
}
for first in list6 list3; do
	tie $first
	f=$(funnel "$work/$first.db"); k=$(nfa "$work/$first.db")
	check "$first stored first: the funnel counts the referral's NFA ($f0 -> $f)" test "$f" = $((f0 + 1))
	check "$first stored first: kpi counts it too ($k0 -> $k)" test "$k" = $((k0 + 1))
done
echo "1..$n"
