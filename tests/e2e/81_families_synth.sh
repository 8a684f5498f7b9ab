#!/bin/sh
# The synthetic authority's families extracts: written coherently, loaded
# without issues, and caseflow families' counts equal an independent count
# (awk) from the extract files themselves.
. "$CASEFLOW_TOP/tests/e2e/lib.sh"
la="$work/la"
"$cf" synth --children 4000 --years 3 --first-year 2021 --seed 3 --out "$la" --quiet > /dev/null 2>&1
check "synth writes the six families extracts" sh -c 'for f in family_members allocations family_plans partner_records audits sf_claims; do [ -s "$0/$f.csv" ] || exit 1; done' "$la"
"$cf" ingest --db "$work/s.db" "$la" > /dev/null 2>&1
check "they load without issues" [ "$(sqlite3 "$work/s.db" "SELECT count(*) FROM issues WHERE tbl IN ('family_members','allocations','family_plans','partner_records','audits','sf_claims')")" = 0 ]
check "every child member appears in a return" [ "$(sqlite3 "$work/s.db" "SELECT count(*) FROM family_members m WHERE m.child IS NOT NULL AND m.child NOT IN (SELECT child FROM children)")" = 0 ]
csv_tables families --db "$work/s.db" --period 2023-24 > "$work/f.csv"
got() { awk -F, -v m="$1" '$1 == m { print $2; exit }' "$work/f.csv"; }
# audits dated in 2023-24 (ISO dates compare as text)
na=$(awk -F, 'NR > 1 && $3 >= "2023-04-01" && $3 <= "2024-03-31"' "$la/audits.csv" | wc -l)
check "audits in the period: $na, as counted from audits.csv" [ "$(got 'audits in the period')" = "$na" ]
ng=$(awk -F, 'NR > 1 && $3 >= "2023-04-01" && $3 <= "2024-03-31" && ($6 == "good" || $6 == "outstanding")' "$la/audits.csv" | wc -l)
check "good or outstanding: $ng, as counted" [ "$(got 'audits graded good or outstanding')" = "$ng" ]
np=$(awk -F, 'NR > 1 && $4 <= "2024-03-31" && ($5 == "" || $5 >= "2024-03-31") { print $1 }' "$la/family_plans.csv" | sort -u | wc -l)
check "families with a plan open on 31 March 2024: $np, as counted from family_plans.csv" [ "$(got 'with a plan open')" = "$np" ]
check "some families have partner records that make them eligible for Supporting Families" \
	sh -c 'grep -q "^F[0-9]*,sf2022,[0-9-]*,[0-9]*,true," "$0"' "$work/f.csv"
nf=$(sed -n '/^family_id,members/,/^$/p' "$work/f.csv" | grep -c '^F')
check "one row per family counted" [ "$(awk -F, '$1 ~ /^families on/ { print $2 }' "$work/f.csv")" = "$nf" ]
# the ledger's claims made: every sf2022 claim dated by 31 March 2024 in sf_claims.csv
nm=$(awk -F, 'NR > 1 && $2 == "sf2022" && $3 <= "2024-03-31"' "$la/sf_claims.csv" | wc -l)
gm=$(sed -n '/^phase,quarter,claims_due,claims_made/,/^$/p' "$work/f.csv" | awk -F, '$1 == "sf2022" { s += $4 } END { print s + 0 }')
check "the ledger's claims made ($gm) are sf_claims.csv's by 31 March 2024 ($nm)" [ "$nm" -gt 0 -a "$gm" = "$nm" ]
# kpi's indicators are the same figures as caseflow families' summary (num,den)
"$cf" kpi --db "$work/s.db" --period 2023-24 --indicator families_one_plan --indicator audits_good_or_better \
	--indicator cp_reviews_on_time --indicator visits_on_time --format csv > "$work/k.csv" 2>/dev/null
kf() { awk -F, -v id="$1" '$1 == id && $4 == "all" { print $5 "," $6 }' "$work/k.csv"; }
ff() { awk -F, -v m="$1" '$1 == m { print $2 "," $3; exit }' "$work/f.csv"; }
for pair in "families_one_plan:one worker and one plan" "audits_good_or_better:audits graded good or outstanding" \
	"cp_reviews_on_time:child protection reviews on time" "visits_on_time:visited within timescale"; do
	id=${pair%%:*} m=${pair#*:}
	check "kpi $id ($(kf "$id")) equals families' '$m' ($(ff "$m"))" [ -n "$(ff "$m")" -a "$(kf "$id")" = "$(ff "$m")" ]
done
# the report's panels: the same counts, and no family's ID on the page
"$cf" report --db "$work/s.db" --period 2023-24 --out "$work/rep" > /dev/null 2>&1
check "report: Families and Quality of practice panels" \
	sh -c 'grep -q "id=\"families\"" "$0" && grep -q "id=\"practice\"" "$0"' "$work/rep/index.html"
check "report: the families panel counts the families caseflow families counts ($nf)" \
	[ "$(grep -o 'families on 2024-03-31</th><td class="num">[0-9,]*' "$work/rep/index.html" | sed 's/.*>//; s/,//g')" = "$nf" ]
check "report: no family ID on the page" sh -c '! grep -Eq "F[0-9]{6}" "$0"' "$work/rep/index.html"
check "report: the workbook has the records behind the quality tiles but none naming families" \
	sh -c 'w=$(unzip -p "$0" xl/workbook.xml); echo "$w" | grep -q "Records visits on time" && echo "$w" | grep -q "Records audits good or better" && ! echo "$w" | grep -q "Records families"' "$work/rep/vital-signs.xlsx"
"$cf" report --db "$work/s.db" --period 2023-24 --suppress 6 --out "$work/rep6" > /dev/null 2>&1
tr '<' '\n' < "$work/rep6/index.html" | sed -n '/^section class="panel" id="families"/,/^section class="panel" id="programme"/p' > "$work/rep6.cells"
check "report --suppress 6: no count from 1 to 5 in the Families and Quality of practice panels" \
	sh -c '! grep -Eq "^td class=\"num\">[1-5]$" "$0"' "$work/rep6.cells"
check "report --suppress 6: suppressed cells show c" grep -q '^td[^>]*>c$' "$work/rep6.cells"
echo "1..$n"
