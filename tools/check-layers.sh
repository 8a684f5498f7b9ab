#!/bin/sh
# Enforce the layering of src/: a file may include headers of its own layer
# or a lower one, never a higher one. Order, lowest first:
order="base formats store model analyses outputs synth cli"
rank() { i=0; for l in $order; do [ "$l" = "$1" ] && { echo $i; return; }; i=$((i+1)); done; echo 99; }
bad=0
for f in src/*/*.c src/*/*.h; do
	[ -f "$f" ] || continue
	layer=$(echo "$f" | cut -d/ -f2)
	r=$(rank "$layer")
	for inc in $(sed -n 's/^#include "\([a-z]*\)\/.*/\1/p' "$f" | sort -u); do
		if [ "$(rank "$inc")" -gt "$r" ]; then
			echo "layering: $f (layer $layer) includes $inc/ — a higher layer" >&2
			bad=1
		fi
	done
done
[ $bad = 0 ] && echo "layers: ok ($order)"
exit $bad
