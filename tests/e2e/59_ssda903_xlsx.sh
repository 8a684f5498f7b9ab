#!/bin/sh
# The SSDA903 tables as one workbook (a sheet per table, as councils export
# them) load like the CSV folder: the same rows, the same indicators; dates
# stored as Excel serials read as dates; a sheet of notes is passed over.
. "$CASEFLOW_TOP/tests/e2e/lib.sh"
command -v zip > /dev/null 2>&1 || { notok "zip is needed to build the workbook"; echo "1..$n"; exit 0; }
cd "$work" || exit 1
"$cf" synth --children 1500 --years 1 --first-year 2023 --seed 11 --out la > /dev/null 2>&1
csv=la/2023-24/ssda903
# write_book DIR SHEETS...: a minimal workbook with inline strings; DECOM, DEC
# and DOB as date serials in a built-in date format, everything else as text
mkdir -p book/_rels book/xl/_rels book/xl/worksheets
cat > book/_rels/.rels <<'X'
<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
X
cat > book/xl/styles.xml <<'X'
<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>
X
ct='<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
wb='<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
rels='<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
i=0
# a cover sheet of notes first, then a sheet per table named as DfE's files
printf 'About this workbook\nExported from the case management system\n' > notes.csv
for f in notes.csv $csv/header.csv $csv/episodes.csv $csv/reviews.csv $csv/uasc.csv $csv/missing.csv $csv/oc3.csv; do
	i=$((i + 1))
	name=$(basename "$f" .csv)
	awk -F, '
	function col(k) { return substr("ABCDEFGHIJKLMNOPQRSTUVWXYZ", k, 1) }
	function serial(s,   d, m, y, a, yy, mm) {   # dd/mm/yyyy -> days since 1899-12-30
		split(s, p, "/"); d = p[1] + 0; m = p[2] + 0; y = p[3] + 0
		a = int((14 - m) / 12); yy = y + 4800 - a; mm = m + 12 * a - 3
		return d + int((153 * mm + 2) / 5) + 365 * yy + int(yy / 4) - int(yy / 100) + int(yy / 400) - 32045 - 2415019
	}
	BEGIN { printf "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>" }
	NR == 1 { for (k = 1; k <= NF; k++) h[k] = $k }
	{
		printf "<row r=\"%d\">", NR
		for (k = 1; k <= NF; k++) {
			if ($k == "") continue
			if (NR > 1 && (h[k] == "DECOM" || h[k] == "DEC" || h[k] == "DOB") && $k ~ /^[0-9][0-9]\/[0-9][0-9]\/[0-9][0-9][0-9][0-9]$/)
				printf "<c r=\"%s%d\" s=\"1\"><v>%d</v></c>", col(k), NR, serial($k)
			else
				printf "<c r=\"%s%d\" t=\"inlineStr\"><is><t>%s</t></is></c>", col(k), NR, $k
		}
		printf "</row>"
	}
	END { printf "</sheetData></worksheet>" }' "$f" > book/xl/worksheets/sheet$i.xml
	ct="$ct<Override PartName=\"/xl/worksheets/sheet$i.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
	wb="$wb<sheet name=\"$name\" sheetId=\"$i\" r:id=\"rId$i\"/>"
	rels="$rels<Relationship Id=\"rId$i\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet$i.xml\"/>"
done
echo "$ct</Types>" > "book/[Content_Types].xml"
echo "$wb</sheets></workbook>" > book/xl/workbook.xml
echo "$rels</Relationships>" > book/xl/_rels/workbook.xml.rels
(cd book && zip -q -r ../ssda903_2023-24.xlsx .)
check "(the workbook: a notes sheet and six tables)" test -s ssda903_2023-24.xlsx

mkdir -p folder && cp $csv/header.csv $csv/episodes.csv $csv/reviews.csv $csv/uasc.csv $csv/missing.csv $csv/oc3.csv folder/
"$cf" ingest --db csv.db --year 2023-24 folder > /dev/null 2>&1
"$cf" ingest --db xlsx.db --year 2023-24 ssda903_2023-24.xlsx > out.txt 2>&1
check "the workbook loads (exit 0)" test $? -eq 0
check "... as one return of kind ssda903.xlsx" test "$(sqlite3 xlsx.db "SELECT count(*) FROM returns WHERE kind = 'ssda903.xlsx'")" = 1
for t in header episodes reviews uasc missing oc3; do
	check "... $t: the same rows as the CSV ($(sqlite3 csv.db "SELECT count(*) FROM ssda903_$t"))" test \
		"$(sqlite3 csv.db "SELECT count(*), total(length(quote(child))) FROM ssda903_$t")" = \
		"$(sqlite3 xlsx.db "SELECT count(*), total(length(quote(child))) FROM ssda903_$t")"
done
check "... dates stored as Excel serials read as the same dates" test \
	"$(sqlite3 csv.db "SELECT group_concat(decom || ifnull(dec, '') || ls || place, ';') FROM (SELECT * FROM ssda903_episodes ORDER BY row)")" = \
	"$(sqlite3 xlsx.db "SELECT group_concat(decom || ifnull(dec, '') || ls || place, ';') FROM (SELECT * FROM ssda903_episodes ORDER BY row)")"
check "... and no issue the CSV does not have" test \
	"$(sqlite3 csv.db "SELECT count(*) FROM issues")" = "$(sqlite3 xlsx.db "SELECT count(*) FROM issues")"
"$cf" kpi --db csv.db --period 2023-24 --format csv > k1.csv 2>&1
"$cf" kpi --db xlsx.db --period 2023-24 --format csv > k2.csv 2>&1
check "the same indicators from the workbook as from the CSV folder" sh -c 'test "$(wc -l < "$0")" -gt 10 && cmp -s "$0" "$1"' k1.csv k2.csv
echo "1..$n"
