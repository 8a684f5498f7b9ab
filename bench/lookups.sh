#!/bin/sh
# Postcode lookups for validation: the time and peak memory of reading an
# ONS postcode directory of national size (2.7 million rows) for the
# postcodes of a return. No directory is shipped, so one is made in the
# NSPL layout (its 48 columns, made-up postcodes: letter + district 1-99,
# sectors 0-9, 105 units each = 2,702,700 rows, ~0.6 GB), kept in
# bench/out/lookups/ for the next run. The return is the independent
# synthetic one (../shared/data/ssda903-synth 2023-24, about 2,000
# children), validated with rule 392c alone and then without lookups, so
# the difference is the lookups' cost. Figures go into bench/README.md
# under "Postcode lookups" by hand.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cf="$top/build/caseflow"
rus="$top/build/bench/bench_rusage"
shared=${CASEFLOW_SHARED:-$top/../shared}
ret="$shared/data/ssda903-synth/2023_24/csv"
auth="$shared/data/dfe/LTLA-UTLA_Apr23_Lookup_England-Wales.csv"
if [ ! -d "$ret" ] || [ ! -f "$auth" ]; then
	echo "SKIP lookups bench: $ret or $auth not found"
	exit 0
fi
out="$top/bench/out/lookups"
dir="$out/nspl_synthetic.csv"
mkdir -p "$out"
if [ ! -s "$dir" ]; then
	echo "making $dir ..."
	awk 'BEGIN {
		print "pcd,pcd2,pcds,dointr,doterm,usertype,oseast1m,osnrth1m,osgrdind,oa21,cty,ced,laua,ward,parish,hlthau,nhser,ctry,rgn,pcon,eer,teclec,ttwa,pct,itl,statsward,oa01,casward,npark,lsoa01,msoa01,ur01ind,oac01,oa11,lsoa11,msoa11,wz11,sicbl,bua24,ru11ind,oac11,lat,long,lep1,lep2,pfa,imd,icb"
		L = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		# the 318 districts of the LA lookup, so that PL_LA resolves
		split("E06000001 E06000002 E08000035 E08000003 E07000026 E09000033 E07000008 E10000002 W06000001 S12000033", la, " ")
		for (a = 1; a <= 26; a++) for (d = 1; d <= 99; d++) for (s = 0; s <= 9; s++) for (u = 0; u < 105; u++) {
			out = substr(L, a, 1) d
			inw = s substr(L, int(u / 26) + 1, 1) substr(L, u % 26 + 1, 1)
			n++
			printf "%-4s%s,%-4s %s,%s %s,198001,,0,%d,%d,1,E00000%03d,E99999999,E99999999,%s,E05000%03d,E43000%03d,E18000007,E40000001,E92000001,E12000007,E14001%03d,E15000007,E16000%03d,E30000%03d,E16000%03d,E06000%03d,99ZZ00,E00000%03d,00AAFA,E26000%03d,E01000%03d,E02000%03d,A1,6B3,E00000%03d,E01000%03d,E02000%03d,E33000%03d,E38000%03d,E63000%03d,A1,2B1,%.6f,%.6f,E37000%03d,,E23000%03d,%d,E54000%03d\n", \
				out, inw, out, inw, out, inw, 100000 + (n * 7919) % 550000, 10000 + (n * 104729) % 1200000, \
				n % 1000, la[n % 10 + 1], n % 1000, n % 1000, n % 1000, n % 1000, n % 1000, n % 1000, n % 1000, \
				n % 1000, n % 1000, n % 1000, n % 1000, n % 1000, n % 1000, n % 1000, n % 1000, n % 1000, \
				n % 1000, 50 + (n % 900000) / 100000.0, -5 + (n % 700000) / 100000.0, n % 1000, n % 1000, \
				n % 32844, n % 1000
		}
	}' > "$dir"
fi
rows=$(($(wc -l < "$dir") - 1))
bytes=$(wc -c < "$dir")
echo "directory: $rows rows, $bytes bytes"
timed() {
	if [ -x "$rus" ]; then "$rus" "$@"; else "$@"; fi
}
echo "validate 2023-24 (rule 392c) with the lookups:"
timed "$cf" validate --postcodes "$dir" --authorities "$auth" --la E08000035 --year 2023-24 --rules 392c \
	"$ret" --format csv --out "$out/findings.csv"
echo "the same without lookups (392c skipped):"
timed "$cf" validate --year 2023-24 --rules 392c "$ret" --table findings --format csv --out "$out/none.csv"
