#!/bin/sh
# Benchmarks on DfE's real published tables, recomputed independently with
# awk from the same CSVs: statistical-neighbour medians, ranks among all LAs
# and quartiles for three LAs and three indicators (two polarities), and
# suppressed cells read as missing, never zero.
. "$CASEFLOW_TOP/tests/e2e/lib.sh"
need_shared "DfE published tables" || exit 0
dfe="$shared/data/dfe"
db="$work/dfe.db"
store_from "$db" "$dfe" >"$work/ingest.txt"
check "ingest data/dfe" [ $? -eq 0 ]
check "loading data/dfe again changes nothing" sh -c \
	'"$1" ingest --db "$2" "$3" --format csv --table files | grep -c ",loaded," | grep -qx 0' _ "$cf" "$db" "$dfe"

# A CSV splitter for awk (mawk has no FPAT): fills f[1..n] from $0, honouring quotes.
split_csv='
function csv(line,    n, i, c, q, cur) {
	n = 0; cur = ""; q = 0
	sub(/\r$/, "", line)
	for (i = 1; i <= length(line); i++) {
		c = substr(line, i, 1)
		if (q) {
			if (c == "\"") { if (substr(line, i + 1, 1) == "\"") { cur = cur c; i++ } else q = 0 }
			else cur = cur c
		} else if (c == "\"") q = 1
		else if (c == ",") { f[++n] = cur; cur = "" }
		else cur = cur c
	}
	f[++n] = cur
	return n
}'

# expect FILE YEAR LA CODECOL FILTERCOL FILTER VALUECOL POLARITY -> "value median rank of quartile"
expect() {
	awk -v year="$2" -v la="$3" -v cc="$4" -v fc="$5" -v filter="$6" -v vc="$7" -v pol="$8" \
	    -v snfile="$dfe/sn_model_2025_wide.csv" "$split_csv"'
	function num(s) { return s ~ /^-?[0-9]+(\.[0-9]+)?$/ }
	BEGIN {
		while ((getline line < snfile) > 0) {
			csv(line)
			if (f[1] == la) for (k = 5; k <= 23; k += 2) nb[f[k]] = 1
		}
	}
	NR > 1 {
		csv($0)
		if (f[1] != year || f[3] != "Local authority" || f[fc] != filter || !num(f[vc])) next
		v[f[cc]] = f[vc] + 0; n++
	}
	END {
		m = 0
		for (c in nb) if (c in v) s[++m] = v[c]
		for (i = 2; i <= m; i++) { x = s[i]; for (j = i - 1; j >= 1 && s[j] > x; j--) s[j + 1] = s[j]; s[j + 1] = x }
		med = m % 2 ? s[(m + 1) / 2] : (s[m / 2] + s[m / 2 + 1]) / 2
		better = 0
		for (c in v) if (pol < 0 ? v[c] < v[la] : v[c] > v[la]) better++
		rank = better + 1
		printf "%g %g %d %d %d\n", v[la], med, rank, n, 1 + int(4 * (rank - 1) / n)
	}' "$1"
}

# got INDICATOR YEAR LA -> the same five fields from caseflow's CSV
got() {
	"$cf" benchmark --db "$db" --la "$3" --indicator "$1" --format csv |
	awk -v year="$2" "$split_csv"'NR > 1 { csv($0); if (f[2] == year) printf "%g %g %d %d %d\n", f[5], f[6], f[10], f[11], f[12] }'
}

for la in 380 202 873; do
	for year in 2025 2023; do
		e=$(expect "$dfe/cla_number_and_rate_per_10k_children.csv" $year $la 8 11 \
			"Children looked after on 31 March each year" 14 -1)
		g=$(got cla_rate_10k $year $la)
		check "cla_rate_10k $la $year: value, SN median, rank, of, quartile = $e (caseflow: $g)" test "$e" = "$g"
	done
	e=$(expect "$dfe/la_cla_placement_stability.csv" 2025 $la 8 12 \
		"Living with the same carer for at least 2 years" 14 1)
	g=$(got placement_long_term 2025 $la)
	check "placement_long_term $la 2025 (higher is better) = $e (caseflow: $g)" test "$e" = "$g"
	e=$(expect "$dfe/c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv" 2019 $la 8 11 \
		"Referrals and Re-referrals" 14 -1)
	g=$(got rereferral_12m 2019 $la)
	check "rereferral_12m $la 2019 = $e (caseflow: $g)" test "$e" = "$g"
done

# England and region for Bradford, 2025: 67 and Yorkshire and The Humber's 77
check "England and region values for 380" sh -c \
	'"$1" benchmark --db "$2" --la 380 --indicator cla_rate_10k --years 1 --format json | grep -q "\"region_value\": 77, \"england_value\": 67,"' _ "$cf" "$db"
# London boroughs compare with London (E12000007), not Inner London
check "a London borough's region is London" sh -c \
	'"$1" benchmark --db "$2" --la 202 --indicator cla_rate_10k --years 1 --format json | grep -q "\"region_value\": 48,"' _ "$cf" "$db"

# Suppressed cells: City of London's 2025 rate is 'c'; Sunderland's 2025 agency rate is 'low'
row=$("$cf" benchmark --db "$db" --la 201 --indicator cla_rate_10k --format csv | grep '^cla_rate_10k,2025,')
check "a 'c' cell is missing, not zero, and has no rank ($row)" sh -c 'echo "$1" | grep -q "^cla_rate_10k,2025,201,,,"' _ "$row"
row=$("$cf" benchmark --db "$db" --la 394 --indicator sw_agency_rate --format csv | grep '^sw_agency_rate,2025,')
check "a 'low' cell is missing, not zero ($row)" sh -c 'echo "$1" | grep -q "^sw_agency_rate,2025,394,,,"' _ "$row"
# and a suppressed neighbour is null in sn_values: South Tyneside's (393) 2015
# re-referral figures are 'x'; it is Hartlepool's (805) neighbour
check "a suppressed neighbour is null in sn_values" sh -c \
	'"$1" benchmark --db "$2" --la 805 --indicator rereferral_12m --format json | grep "\"year\": 2015," | grep -q "\"393\": null"' _ "$cf" "$db"

# Bad inputs
check "unknown LA: exit 1" sh -c '"$1" benchmark --db "$2" --la 123 2>/dev/null; test $? -eq 1' _ "$cf" "$db"
check "unknown indicator: exit 2" sh -c '"$1" benchmark --db "$2" --la 380 --indicator nope 2>/dev/null; test $? -eq 2' _ "$cf" "$db"
check "--to without --by: exit 2" sh -c '"$1" benchmark --db "$2" --la 380 --to england 2>/dev/null; test $? -eq 2' _ "$cf" "$db"
check "--by before the data: exit 1" sh -c '"$1" benchmark --db "$2" --la 380 --to england --by 2020 --indicator cla_rate_10k 2>/dev/null; test $? -eq 1' _ "$cf" "$db"
check "no store: one is made and filled with the built-in published tables (exit 0)" sh -c \
	'"$1" benchmark --db "$2/none.db" --la 380 >/dev/null 2>&1 && test -f "$2/none.db"' _ "$cf" "$work"
check "a store with only neighbour groupings: left as the user loaded it, exit 1 saying what to ingest" sh -c \
	'"$1" ingest --db "$2/empty.db" "$3/sn_model_2025_wide.csv" >/dev/null && "$1" benchmark --db "$2/empty.db" --la 380 2>"$2/e"; test $? -eq 1 && grep -q "ingest" "$2/e"' _ "$cf" "$work" "$dfe"
check "--sn-model 2021 works" sh -c '"$1" benchmark --db "$2" --la 380 --sn-model 2021 --indicator cla_31mar --years 1 >/dev/null' _ "$cf" "$db"
check "--la all covers the 153 LAs of the 2025 model" sh -c \
	'test "$("$1" benchmark --db "$2" --la all --indicator cla_rate_10k --years 1 --format csv | tail -n +2 | wc -l)" -eq 153' _ "$cf" "$db"
