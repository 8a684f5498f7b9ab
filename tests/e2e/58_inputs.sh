#!/bin/sh
# Inputs as councils have them: a file in a return's folder with an
# extension caseflow does not read is reported by name, never skipped in
# silence; programme years as financial-year labels (2024-25, 2024/25);
# validate flags a CIN census date that is no date; journey shows each
# event once when several years' Annex A workbooks (and the 903) hold it;
# a truncated workbook gets the same clear message whatever its name.
. "$CASEFLOW_TOP/tests/e2e/lib.sh"
cd "$work" || exit 1
"$cf" synth --children 300 --years 1 --first-year 2023 --seed 5 --out la > /dev/null 2>&1
mkdir -p ret && cp la/2023-24/ssda903/*.csv ret/ && mv ret/episodes.csv ret/episodes.txt
"$cf" ingest --db s.db ret > out.txt 2> err.txt
check "a return folder holding episodes.txt: the other tables load (exit 0)" test $? -eq 0
check "... episodes.txt is named on standard error, with what caseflow reads" \
	grep -q "ret/episodes.txt: skipped: caseflow reads .csv, .xml and .xlsx" err.txt
check "... and in the load summary as skipped" sh -c 'grep "ret/episodes.txt" "$0" | grep -q "skipped"' out.txt
check "... and no episodes are stored" test "$(sqlite3 s.db "SELECT count(*) FROM ssda903_episodes")" = 0
mkdir -p only && cp la/2023-24/ssda903/episodes.csv only/episodes.txt
"$cf" ingest --db t.db only > /dev/null 2> err2.txt
check "a folder with nothing caseflow reads: exit 1 naming the file" \
	sh -c 'test $1 -eq 1 && grep -q "only/episodes.txt.*caseflow reads .csv, .xml and .xlsx" "$0"' err2.txt $?

# programme years: the worked example with first_year 2024-25 and every year as a label
cp -r "$CASEFLOW_TOP/examples/programme" p2
sed -i 's/^first_year,2024$/first_year,2024-25/' p2/programme.csv
for f in costs savings; do
	awk -F, -v OFS=, 'NR > 1 && $1 ~ /^[0-9]+$/ { y = 2024 + $1; $1 = (NR % 2 ? y "-" sprintf("%02d", (y + 1) % 100) : y "/" sprintf("%02d", (y + 1) % 100)) } { print }' \
		"$CASEFLOW_TOP/examples/programme/$f.csv" > p2/$f.csv
done
awk -F, -v OFS=, 'NR > 1 && $4 ~ /^[0-9]+$/ { y = 2024 + $4; $4 = y "-" sprintf("%02d", (y + 1) % 100) } { print }' \
	"$CASEFLOW_TOP/examples/programme/cba.csv" > p2/cba.csv
check "(the labelled programme writes its years as 2025-26 and 2025/26)" sh -c 'grep -q "^2025-26," "$0" && grep -q "^2025/26," "$0"' p2/costs.csv
"$cf" programme --db p1.db --load "$CASEFLOW_TOP/examples/programme" > /dev/null 2>&1
"$cf" programme --db p2.db --load p2 > /dev/null 2> p2.err
check "a programme with financial-year labels loads" test $? -eq 0
for v in business-case cba; do
	rm -rf v1 v2
	"$cf" programme show --db p1.db --view $v --format csv --out v1/ > v1.out 2>&1
	"$cf" programme show --db p2.db --view $v --format csv --out v2/ > v2.out 2>&1
	check "... and gives the same $v as with year numbers (a CSV per table)" \
		sh -c 'test "$(cat v1/*.csv | wc -l)" -gt 3 && cmp -s v1.out v2.out && diff -r v1 v2 >/dev/null' 
done
cp -r p2 p3 && sed -i 's/^first_year,2024-25$/first_year,2024-26/' p3/programme.csv
"$cf" programme --db p3.db --load p3 > /dev/null 2> p3.err
check "first_year 2024-26 (no such financial year) is refused naming the cell" \
	sh -c 'test $1 -eq 1 && grep -q "programme.csv:4: .*2024-26.*whole number" "$0"' p3.err $?
cp -r p2 p4 && sed -i '/^first_year/d' p4/programme.csv
"$cf" programme --db p4.db --load p4 > /dev/null 2> p4.err
check "a financial-year label without first_year is refused, saying what it needs" \
	sh -c 'test $1 -eq 1 && grep -q "needs first_year in the programme sheet" "$0"' p4.err $?
# validate on a CIN census: a date that is no date is a finding (ingest already records it)
sed '0,/<CINreferralDate>[^<]*</s//<CINreferralDate>2023-13-45</' la/2023-24/cin_census.xml > badcin.xml
check "(one referral date made impossible)" test "$(grep -c '2023-13-45' badcin.xml)" = 1
"$cf" validate badcin.xml --table findings --format csv > v.csv 2>&1
check "validate: the malformed date is a finding (CF03, CINdetails, the referral's line)" \
	sh -c 'grep "^CF03,error,CINdetails," "$0" | grep -q "CINreferralDate=45/13/2023"' v.csv
"$cf" validate la/2023-24/cin_census.xml --table findings --format csv > v0.csv 2>&1
check "... and a census whose dates are all dates gets no such finding" sh -c '! grep -q "^CF0" "$0"' v0.csv
"$cf" ingest --db cin.db --year 2023-24 badcin.xml > /dev/null 2>&1
check "... as ingest records it (bad_date)" \
	test "$(sqlite3 cin.db "SELECT count(*) FROM issues WHERE kind = 'bad_date' AND value = '2023-13-45'")" = 1
# journey: one event per date across years' Annex A workbooks and the 903
"$cf" synth --children 1500 --years 2 --first-year 2022 --seed 7 --out la2 > /dev/null 2>&1
"$cf" ingest --db ax.db la2/2022-23/annex_a.xlsx la2/2023-24/annex_a.xlsx > /dev/null 2>&1
child=$(sqlite3 ax.db "SELECT child FROM annexa_rows WHERE list = 8 GROUP BY child, json_extract(data, '\$.\"Date Started to be Looked After\"') HAVING count(*) > 1 LIMIT 1")
check "(a child whom both years' workbooks list as looked after: $child)" test -n "$child"
"$cf" journey --db ax.db --child "$child" --format csv > j1.csv
check "journey from two years' Annex A: each start of care once" \
	test "$(grep -c ',cla_start,' j1.csv)" = "$(sqlite3 ax.db "SELECT count(DISTINCT json_extract(data, '\$.\"Date Started to be Looked After\"')) FROM annexa_rows WHERE list = 8 AND child = '$child'")"
check "... from the latest workbook" sh -c 'grep ",cla_start," "$0" | grep -q "2023-24/annex_a.xlsx"' j1.csv
"$cf" ingest --db ax.db la2/2022-23/ssda903 la2/2023-24/ssda903 > /dev/null 2>&1
"$cf" journey --db ax.db --child "$child" --format csv > j2.csv
check "with the 903 loaded too: no date has two cla_start or two cla_end events" \
	sh -c 'test -z "$(grep -E ",cla_(start|end)," "$0" | cut -d, -f1,2 | sort | uniq -d)"' j2.csv
check "... the 903's episode is the one shown" sh -c 'grep -q ",cla_start,.*ssda903.episodes" "$0" || grep -q ",placement" "$0"' j2.csv
# a truncated workbook: the same message whatever it is called
head -c 20000 la2/2023-24/annex_a.xlsx > Annex_A_cut.xlsx
cp Annex_A_cut.xlsx data.xlsx
for f in Annex_A_cut.xlsx data.xlsx; do
	"$cf" ingest --db cut.db "$f" > /dev/null 2> cut.err
	check "truncated workbook $f: exit 1 saying it is not a zip, or a truncated one" \
		sh -c 'test $1 -eq 1 && grep -q "$2: not an Excel workbook (.xlsx): not a zip archive, or a truncated one" "$0"' cut.err $? "$f"
done
echo "1..$n"
