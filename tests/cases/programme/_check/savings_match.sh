# savings_match.sh FORECAST_CSV BUSINESS_CASE_CSV WORK: the demand line's
# gross savings (column 7 of `programme show --format csv`, £000) must equal
# the yearly differences of `forecast --table scenario --format csv`
# (column 10, to the pound), whatever they are; prints them, or exits 1.
awk -F, '$1 == "year" { x = $10; r = x < 0 ? -int(-x + 0.5) : int(x + 0.5); printf "%d,%.3f\n", substr($2, 1, 4) - 2024, r / 1000 }' \
	"$1" >"$3/want"
awk -F, '$1 == "demand" && $2 != "total" { printf "%d,%.3f\n", $2, $7 }' "$2" >"$3/got"
diff "$3/want" "$3/got" >&2 || exit 1
echo "forecast's differences by year (£000), the same as the demand line's gross savings:"
cat "$3/want"
