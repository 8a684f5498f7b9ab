#!/bin/sh
# make bench: run every per-area benchmark script bench/<area>.sh in turn.
# Each prints its own figures; see bench/README.md for recorded results.
set -u
cd "$(dirname "$0")/.."
status=0
for s in bench/*.sh; do
	[ "$s" = bench/run.sh ] && continue
	echo "== $s"
	sh "$s" || status=1
done
exit $status
