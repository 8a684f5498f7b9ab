# caseflow report: the files, a self-contained page, accessible charts, the workbook and CSV.
. "$CASEFLOW_TOP/tests/e2e/lib.sh"

# the hand-made return of tests/cases/kpi/_return; what report prints and
# the indicators.csv it writes, and its usage errors, are case folders
# (tests/cases/report/*, run by 70_cases.sh)
"$cf" ingest --db "$work/t.db" "$CASEFLOW_TOP/tests/cases/kpi/_return" >/dev/null 2>&1
"$cf" report --db "$work/t.db" --out "$work/out" >"$work/o.txt" 2>&1
check "report exits 0 and says where to look" sh -c 'test $1 -eq 0 && grep -q "open .*/out/index.html" "$0"' "$work/o.txt" $?
h="$work/out/index.html"
check "index.html, vital-signs.xlsx and indicators.csv are written" \
	test -s "$h" -a -s "$work/out/vital-signs.xlsx" -a -s "$work/out/indicators.csv"
check "the page is one HTML document" sh -c 'head -c 15 "$0" | grep -q "<!DOCTYPE html>" && grep -q "</html>" "$0"' "$h"
check "every panel is on the page" sh -c 'for p in headlines funnel placements trends entry-ages workforce localities notes; do
	grep -q "<section class=\"panel[a-z ]*\" id=\"$p\"" "$0" || exit 1; done' "$h"
check "nothing is fetched: no scripts, external links, images or url()" sh -c \
	'! grep -qiE "<script|<link|<img|<iframe|url\\(|src=|href=\"(https?:)?//" "$0"' "$h"
check "every chart is an image with a title and a text alternative" sh -c \
	'n=$(grep -o "<svg " "$0" | wc -l); r=$(grep -o "<svg [^>]*role=\"img\"" "$0" | wc -l);
	 t=$(grep -o "<title id=" "$0" | wc -l); d=$(grep -o "<desc id=" "$0" | wc -l);
	 test "$n" -gt 3 -a "$n" = "$r" -a "$n" = "$t" -a "$n" = "$d"' "$h"
check "every chart has a caption and data tables are there" sh -c \
	'test "$(grep -o "<figcaption>" "$0" | wc -l)" = "$(grep -o "<svg " "$0" | wc -l)" && grep -q "<table class=\"data\"" "$0"' "$h"
check "the page prints to A4" grep -q "@page{size:A4" "$h"
check "headline tiles show the CLA count at period end" grep -q '<h3>Children looked after</h3><p class="v">2</p>' "$h"
check "sources that are not loaded are named, not shown as zero" grep -q "not loaded, so their indicators are omitted" "$h"
check "no child ID, date of birth or postcode reaches the page" sh -c \
	'! grep -qE "LS1 4AB|LS2 8CD|15/04/2008|2008-04-15|>A<|>B<|>C<" "$0"' "$h"
check "indicators.csv has the kpi columns" sh -c \
	'head -1 "$0" | grep -qx "indicator,period,group_by,group,numerator,denominator,value,unit,suppressed"' "$work/out/indicators.csv"
check "the workbook is an xlsx" sh -c 'test "$(head -c 2 "$0")" = PK' "$work/out/vital-signs.xlsx"

"$cf" report --db "$work/t.db" --out "$work/pub" --suppress 5 --period 2023-24Q4 >/dev/null 2>&1
check "a suppressed quarter says so and shows c" sh -c \
	'grep -q "counts below 5 suppressed" "$0" && grep -q "<p class=\"v\">c</p>" "$0" && grep -q "Period 2023-24Q4" "$0"' "$work/pub/index.html"

# the independent synthetic SSDA903 (two years, ~2,000 children)
need_shared "report on the synthetic SSDA903 return" || exit 0
store_from "$work/s.db" "$shared/data/ssda903-synth" >/dev/null 2>&1
"$cf" report --db "$work/s.db" --out "$work/s" >/dev/null 2>&1
check "report on two years of synthetic SSDA903" sh -c 'test $1 -eq 0 && grep -q "Period 2023-24" "$0"' "$work/s/index.html" $?
