# caseflow kpi --by source, factor, disability and deprivation on a
# synthetic authority, each breakdown recounted independently from the store
# with sqlite3 and awk: a unit's source is that of the child's latest
# referral on or before the day it is counted, its factors those of the
# child's latest assessment started on or before that day, its disability
# the latest CIN census's, its decile the IMD decile of the child_locality
# view's area. Then the IMD lookup as MHCLG publishes it, by LSOA.
. "$CASEFLOW_TOP/tests/e2e/lib.sh"
if ! command -v sqlite3 >/dev/null 2>&1; then
	n=$((n + 1)); echo "ok $n - # SKIP sqlite3 is not installed (tools/install-deps.sh installs it): no independent count"
	echo "1..$n"; exit 0
fi

"$cf" synth --children 8000 --years 3 --first-year 2021 --seed 5 --out "$work/la" --quiet
check "synth writes a deprivation lookup of its sectors" sh -c 'head -1 "$0/deprivation.csv" | grep -qx "area,imd_decile" &&
	test "$(tail -n +2 "$0/deprivation.csv" | cut -d, -f1 | sort)" = "$(tail -n +2 "$0/localities.csv" | cut -d, -f1 | sort)"' "$work/la"
store_from "$work/la.db" "$work/la" >/dev/null 2>&1
db="$work/la.db"
in_fy="BETWEEN '2022-04-01' AND '2023-03-31'"

# kpi's rows of one indicator and breakdown as "group,numerator[,denominator]", sorted
rows() { # rows FILE INDICATOR [den]
	awk -F, -v id="$2" -v den="${3:-}" '$1 == id && $3 != "all" { print $4 "," $5 (den ? "," $6 : "") }' "$1" | sort
}
# drop the groups that have no units: kpi lists a group any indicator used
nonzero() { awk -F, '$2 != 0' | sort; }

"$cf" kpi --db "$db" --period 2022-23 --by source --indicator referrals,cpp_started,referral_to_assessment --format csv >"$work/src.csv" 2>/dev/null
sqlite3 -separator , "$db" "SELECT coalesce(nullif(referral_source, ''), 'not recorded'), count(*) FROM cin_referrals_current
	WHERE referral_date $in_fy GROUP BY 1" | sort >"$work/src_ref.sql"
rows "$work/src.csv" referrals | nonzero >"$work/src_ref.cf"
check "referrals by source equal an SQL count" sh -c 'test "$(wc -l <"$0")" -ge 10 && cmp -s "$0" "$1"' "$work/src_ref.sql" "$work/src_ref.cf"
sqlite3 -separator , "$db" "SELECT coalesce((SELECT nullif(r.referral_source, '') FROM cin_referrals_current r
		WHERE r.child = p.child AND r.referral_date <= p.start_date ORDER BY r.referral_date DESC LIMIT 1), 'not recorded'), count(*)
	FROM cp_plans_current p WHERE p.start_date $in_fy GROUP BY 1" | sort >"$work/src_cpp.sql"
rows "$work/src.csv" cpp_started | nonzero >"$work/src_cpp.cf"
check "CP plans started by the source of the latest referral before them equal an SQL count" sh -c 'test "$(wc -l <"$0")" -ge 5 && cmp -s "$0" "$1"' "$work/src_cpp.sql" "$work/src_cpp.cf"
check "each source's groups add up to the LA" awk -F, '$1 == "referrals" { if ($3 == "all") t = $5; else s += $5 } END { exit !(t > 0 && s == t) }' "$work/src.csv"

"$cf" kpi --db "$db" --period 2022-23 --by factor --indicator assessments --format csv >"$work/fac.csv" 2>"$work/fac.err"
# each assessment authorised in the year, under each factor of the child's latest assessment started by then
sqlite3 -separator '|' "$db" "SELECT coalesce((SELECT coalesce(b.factors, '') FROM assessments_current b
		WHERE b.child = a.child AND b.start_date <= a.authorised_date ORDER BY b.start_date DESC LIMIT 1), '-')
	FROM assessments_current a WHERE a.authorised_date $in_fy" |
	awk -F'|' '$1 == "-" { c["not assessed"]++; next }
		{ delete seen; m = split($1, f, /[ ,;]+/); k = 0
		  for (i = 1; i <= m; i++) if (f[i] != "" && !(f[i] in seen)) { seen[f[i]] = 1; c[f[i]]++; k++ }
		  if (!k) c["none recorded"]++ }
		END { for (x in c) print x "," c[x] }' | sort >"$work/fac.sql"
rows "$work/fac.csv" assessments | nonzero >"$work/fac.cf"
check "assessments by factor (a child under each) equal an awk count of the stored factors" sh -c 'test "$(wc -l <"$0")" -ge 10 && cmp -s "$0" "$1"' "$work/fac.sql" "$work/fac.cf"
check "the factor groups are said to overlap" grep -q "overlap" "$work/fac.err"
fig() { awk -F, -v g="$2" '$1 == "assessments" && $4 == g { print $5 }' "$1"; }
"$cf" kpi --db "$db" --period 2022-23 --indicator assessments --by factor --group 3B --records --format csv >"$work/r3b.csv" 2>/dev/null
"$cf" kpi --db "$db" --period 2022-23 --indicator assessments --by factor --records --format csv >"$work/rall.csv" 2>/dev/null
check "--records of factor 3B: a row per assessment of its figure" test "$(($(wc -l <"$work/r3b.csv") - 1))" -eq "$(fig "$work/fac.csv" 3B)"
check "--records of the LA by factor: each assessment once, though it falls in several factors" test "$(($(wc -l <"$work/rall.csv") - 1))" -eq "$(fig "$work/fac.csv" all)"

"$cf" kpi --db "$db" --period 2022-23 --by disability --indicator referrals,rereferral_12m --format csv >"$work/dis.csv" 2>/dev/null
sqlite3 -separator , "$db" "WITH d AS (SELECT child, disabilities FROM (SELECT child, disabilities, row_number() OVER
		(PARTITION BY child ORDER BY disabilities IS NULL, return_id DESC) AS v FROM cin_children WHERE child IS NOT NULL) WHERE v = 1)
	SELECT CASE WHEN d.disabilities IS NULL OR trim(d.disabilities) = '' THEN 'not recorded'
		WHEN upper(trim(d.disabilities)) = 'NONE' THEN 'not disabled' ELSE 'disabled' END, count(*)
	FROM cin_referrals_current r LEFT JOIN d ON d.child = r.child WHERE r.referral_date $in_fy GROUP BY 1" | sort >"$work/dis.sql"
rows "$work/dis.csv" referrals | nonzero >"$work/dis.cf"
check "referrals by disability equal an SQL count of the census's codes" sh -c 'test "$(wc -l <"$0")" -ge 2 && cmp -s "$0" "$1"' "$work/dis.sql" "$work/dis.cf"

"$cf" kpi --db "$db" --period 2022-23 --by deprivation --indicator referrals,cla_31mar --format csv >"$work/dep.csv" 2>/dev/null
dep_sql() { # the decile of each counted child through the child_locality view, then as kpi names the groups
	sqlite3 -separator , "$db" "SELECT coalesce((SELECT d.decile FROM child_locality l JOIN deprivation d ON d.area = l.area
		WHERE l.child = x.child), 0), count(*) FROM ($1) x GROUP BY 1" |
	awk -F, '{ g = $1 == 0 ? "unknown" : $1 == 1 ? "1 most deprived" : $1 == 10 ? "10 least deprived" : $1; print g "," $2 }' | sort
}
dep_sql "SELECT child FROM cin_referrals_current WHERE referral_date $in_fy" >"$work/dep_ref.sql"
rows "$work/dep.csv" referrals | nonzero >"$work/dep_ref.cf"
check "referrals by IMD decile equal an SQL count through child_locality and the lookup" sh -c 'test "$(wc -l <"$0")" -ge 6 && cmp -s "$0" "$1"' "$work/dep_ref.sql" "$work/dep_ref.cf"
check "the riskiest localities' children are referred more: deciles 1-3 hold more referrals than 8-10" awk -F, '
	$1 == "referrals" && $3 == "deprivation" { d = $4 + 0; if (d >= 1 && d <= 3) lo += $5; if (d >= 8 && d <= 10) hi += $5 } END { exit !(lo > hi) }' "$work/dep.csv"

"$cf" kpi --db "$db" --period 2022-23 --by source --suppress 10 --indicator referrals,referral_to_assessment --format csv >"$work/sup.csv" 2>/dev/null
check "--suppress 10: no count under 10 is shown, and some are hidden" awk -F, 'NR > 1 { if ($5 != "" && $5 < 10 || $6 != "" && $6 < 10) bad = 1; if ($9 == "true") hid++ } END { exit bad || !hid }' "$work/sup.csv"
check "--suppress 10: no lone hidden referral count a total would reveal" awk -F, '$1 == "referrals" && $3 == "source" && $5 == "" { h++ } END { exit h == 1 }' "$work/sup.csv"

"$cf" compare --db "$db" --indicator referral_to_assessment --by source --period 2022-23 >"$work/cmp.txt" 2>&1
check "compare takes --by source" grep -q "source" "$work/cmp.txt"
"$cf" compare --db "$db" --indicator referral_to_assessment --by factor --period 2022-23 >/dev/null 2>"$work/cmpf"; rc=$?
check "compare refuses --by factor: the groups overlap" sh -c '[ "$0" -eq 2 ] && grep -q overlap "$1"' "$rc" "$work/cmpf"
"$cf" kpi --db "$db" --by sourse >/dev/null 2>"$work/bad"; rc=$?
check "a misspelt --by is refused with the one meant" sh -c '[ "$0" -eq 2 ] && grep -q "source" "$1"' "$rc" "$work/bad"

# The published lookup (IoD 2025 File 1's header) by LSOA, children's areas as LSOAs
mkdir -p "$work/imd"
cat >"$work/imd/File_1_IoD2025_Index_of_Multiple_Deprivation.csv" <<'EOF'
LSOA code (2021),LSOA name (2021),Local Authority District code (2024),Local Authority District name (2024),Index of Multiple Deprivation (IMD) Rank (where 1 is most deprived),Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOAs)
E01000001,Somewhere 001A,E09000001,Somewhere,29199,9
e01000002,Somewhere 001B,E09000001,Somewhere,30379,10
E01000003,Somewhere 001C,E09000001,Somewhere,14915,x
E01000005,Somewhere 001E,E09000001,Somewhere,8678,1
EOF
printf 'child_id,lsoa\nA,E01000001\nB,e01000002\nC,E01000003\nD,E01000005\nE,E01000005\n' >"$work/imd/child_areas.csv"
printf 'child_id,contact_date,source\nA,2023-05-01,6\nB,2023-06-01,6\nC,2023-07-01,6\nD,2023-08-01,6\nE,2023-09-01,6\nE,2023-10-01,6\n' >"$work/imd/contacts.csv"
"$cf" ingest --db "$work/imd.db" "$work/imd" >"$work/imd.out" 2>&1
check "the published IoD file is read by its header: three deciles stored, the unreadable one an issue" sh -c '
	grep -q "mhclg.imd *loaded *4 *3 *1" "$0" && test "$(sqlite3 "$1" "SELECT group_concat(area || \"=\" || decile) FROM deprivation")" = "E01000001=9,E01000002=10,E01000005=1"' "$work/imd.out" "$work/imd.db"
"$cf" kpi --db "$work/imd.db" --period 2023-24 --by deprivation --indicator contacts --format csv >"$work/imd.csv" 2>/dev/null
# A 9, B 10, C none (decile x), D and E 1 (E twice): 1 -> 3 contacts, 9 -> 1, 10 -> 1, unknown -> 1
got=$(rows "$work/imd.csv" contacts | nonzero | tr '\n' ';')
check "contacts by decile through LSOAs: 3 in decile 1, 1 each in 9, 10 and unknown" test "$got" = "1 most deprived,3;10 least deprived,1;9,1;unknown,1;"
echo "1..$n"
