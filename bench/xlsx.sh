#!/bin/sh
# xlsx reader benchmark: write a ROWS-row workbook (default 500,000 rows x
# 10 columns) with libxlsxwriter, then stream it with formats/xlsx.c and
# report rows/s and peak memory. Figures go into bench/README.md under
# "xlsx reader" by hand.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
rows=${ROWS:-500000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cc -std=c11 -D_POSIX_C_SOURCE=200809L -O2 -I"$top/src" $(pkg-config --cflags libxml-2.0 libzip xlsxwriter) \
	-o "$work/xlsx_bench" "$top/bench/xlsx_bench.c" "$top/build/rel/libcaseflow.a" \
	$(pkg-config --libs sqlite3 libxml-2.0 libzip xlsxwriter) -lm -lpthread
"$work/xlsx_bench" write "$work/big.xlsx" "$rows"
echo "workbook: $rows rows, $(($(wc -c <"$work/big.xlsx") / 1024)) KiB"
"$work/xlsx_bench" read "$work/big.xlsx"
