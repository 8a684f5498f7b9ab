#!/bin/sh
# make bench: run every area's benchmark script (bench/<area>.sh). Each
# prints its figures; bench/README.md records them with the machine.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
status=0
for s in bench/*.sh; do
	[ "$s" = bench/run.sh ] && continue
	echo "== $s"
	sh "$s" || status=1
done
exit $status
