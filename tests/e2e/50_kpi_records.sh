# kpi --records: for EVERY indicator (kpi --list), the records' numerator and
# denominator columns sum to the figure kpi prints, on the built-in synthetic
# authority (every source: 903, CIN census, Annex A, workforce, population) and
# on the shared synthetic SSDA903 returns; and for the LA and one group of a
# breakdown. A rate per 10,000 lists its numerator only (its denominator is the
# population), a workforce figure no records (it says so), an indicator not
# computed refuses. Hand-worked cases with files and rows: tests/cases/kpi/records_*.
. "$CASEFLOW_TOP/tests/e2e/lib.sh"

ids=$("$cf" kpi --list --format csv | awk -F, 'NR > 1 { print $1 "," $2 }')
check "kpi --list lists 61 indicators" test "$(echo "$ids" | wc -l)" -eq 61

# figure ID [GROUP]: "num,den" of the figure in $work/figures.csv (kpi's own
# output for the period and breakdown, made once), "" when not computed
figure() {
	awk -F, -v id="$1" -v g="${2:-all}" '$1 == id && $4 == g { print $5 "," $6 }' "$work/figures.csv"
}

# every_indicator NAME DB PERIOD [BY GROUP]: one TAP line for all 61
every_indicator() {
	name=$1 db=$2 period=$3 by=${4:-} group=${5:-}
	bad="" checked=0 listed=0
	if [ -n "$by" ]; then
		"$cf" kpi --db "$db" --period "$period" --by "$by" --format csv >"$work/figures.csv" 2>/dev/null
	else
		"$cf" kpi --db "$db" --period "$period" --format csv >"$work/figures.csv" 2>/dev/null
	fi
	for line in $ids; do
		id=${line%,*} unit=${line#*,}
		fig=$(figure "$id" $group)
		set -- --db "$db" --indicator "$id" --period "$period" --records --format csv
		[ -n "$by" ] && set -- "$@" --by "$by" --group "$group"
		"$cf" kpi "$@" >"$work/rec.csv" 2>"$work/rec.err"
		rc=$?
		if [ -z "$fig" ]; then
			# not computed: records refuse, saying why
			[ $rc -eq 1 ] && grep -q "not computed" "$work/rec.err" || bad="$bad $id(rc $rc without a figure)"
			continue
		fi
		[ $rc -eq 0 ] || { bad="$bad $id(rc $rc)"; continue; }
		checked=$((checked + 1))
		rows=$(($(wc -l <"$work/rec.csv") - 1))
		sums=$(awk -F, 'NR > 1 { n += $3; d += $4 } END { printf "%.6f,%.6f", n, d }' "$work/rec.csv")
		fnum=${fig%,*} fden=${fig#*,}
		case $id in
		sw_*)
			[ "$rows" -eq 0 ] && grep -q "no records to list" "$work/rec.err" || bad="$bad $id(workforce rows $rows)"
			continue ;;
		esac
		[ "$rows" -gt 0 ] && listed=$((listed + 1))
		want=$(awk -v n="$fnum" -v d="$fden" -v u="$unit" \
			'BEGIN { if (n == "") n = 0; if (d == "" || u == "per_10k" || u == "count") d = 0; printf "%.6f,%.6f", n, d }')
		[ "$sums" = "$want" ] || bad="$bad $id(records $sums, figure $want)"
	done
	if [ -z "$bad" ] && [ "$checked" -gt 0 ]; then
		ok "$name: the records of all $checked figures computed sum to them ($listed with records)"
	else
		notok "$name: records and figures differ:$bad"
	fi
}

"$cf" synth --children 1500 --years 2 --first-year 2022 --seed 7 --out "$work/la" >/dev/null 2>&1
store_from "$work/s.db" "$work/la" >/dev/null 2>&1
check "ingest the synthetic authority" test $? -eq 0
every_indicator "synthetic authority, 2023-24" "$work/s.db" 2023-24
every_indicator "synthetic authority, 2023-24Q3, girls" "$work/s.db" 2023-24Q3 sex female
every_indicator "synthetic authority, 2023-24, category of need N1" "$work/s.db" 2023-24 category_of_need N1

# the records name children only by their local ID, never a UPN or a postcode
"$cf" kpi --db "$work/s.db" --indicator cla_31mar --period 2023-24 --records --format csv >"$work/r.csv" 2>/dev/null
check "records carry no UPN or full postcode" sh -c \
	'! grep -Eq "[A-Z][0-9]{12}|[A-Z]{1,2}[0-9][0-9A-Z]? [0-9][A-Z]{2}" "$0"' "$work/r.csv"
check "every cla_31mar record names its file and row" sh -c \
	'awk -F, "NR > 1 && (\$6 == \"\" || \$8 == \"\") { bad = 1 } END { exit bad }" "$0"' "$work/r.csv"

# refused with suppression; one figure at a time
"$cf" kpi --db "$work/s.db" --indicator cla_31mar --records --suppress 5 >/dev/null 2>"$work/e"
check "--records with --suppress exits 1" test $? -eq 1
check "and says why" grep -q "not listed with --suppress" "$work/e"
"$cf" kpi --db "$work/s.db" --indicator cla_31mar,cla_started --records >/dev/null 2>&1
check "--records with two indicators exits 2" test $? -eq 2
"$cf" kpi --db "$work/s.db" --indicator cla_31mar --period all --records >/dev/null 2>&1
check "--records with --period all exits 2" test $? -eq 2
"$cf" kpi --db "$work/s.db" --indicator cla_31mar --by sex --group nobody --records >/dev/null 2>"$work/e"
check "an unknown --group exits 1 naming it" sh -c 'test $0 -eq 1 && grep -q nobody "$1"' $? "$work/e"

# the report's workbook: an index sheet and a sheet per headline tile; none with --suppress
sheets() { unzip -p "$1" xl/workbook.xml | grep -o 'sheet name="Records[^"]*"' | sed 's/sheet name="//; s/"$//'; }
"$cf" report --db "$work/s.db" --period 2023-24 --out "$work/rep" >/dev/null 2>&1
check "report exits 0" test $? -eq 0
sheets "$work/rep/vital-signs.xlsx" >"$work/sheets"
check "the workbook has the Records index" grep -qx "Records" "$work/sheets"
# sheet names in the workbook's one style: "Records CLA 31mar" for cla_31mar
for id in cla_31mar cla_rate_10k referrals placement_3plus care_leavers_eet_19_21; do
	name=$(echo "Records $id" | sed 's/_/ /g; s/\bcla\b/CLA/g')
	check "the workbook has the records behind the $id tile ($name)" grep -qx "$name" "$work/sheets"
done
check "no records sheet for a workforce tile (not per child)" sh -c '! grep -q "Records sw_" "$0"' "$work/sheets"
"$cf" report --db "$work/s.db" --period 2023-24 --suppress 5 --out "$work/rep2" >/dev/null 2>&1
check "report --suppress exits 0" test $? -eq 0
check "report --suppress writes no record lists" test -z "$(sheets "$work/rep2/vital-signs.xlsx")"

if need_shared "kpi --records on the shared synthetic SSDA903 returns"; then
	store_from "$work/x.db" "$shared/data/ssda903-synth/2022_23/csv" "$shared/data/ssda903-synth/2023_24/csv" \
		>/dev/null 2>&1
	every_indicator "shared ssda903-synth, 2023-24" "$work/x.db" 2023-24
	every_indicator "shared ssda903-synth, 2022-23 by age band 10-15" "$work/x.db" 2022-23 age_band 10-15
fi
echo "1..$n"
