#!/bin/sh
# make bench: run every per-area benchmark script in bench/ (never timed tests).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
for b in "$top"/bench/*.sh; do
	[ "$(basename "$b")" = run.sh ] && continue
	echo "== $(basename "$b" .sh)"
	sh "$b" || echo "   (failed: $b)"
done
