#!/bin/sh
# Functions that invite buffer overruns or hidden state are not used in
# src/ (cf. git's banned.h): use snprintf, strbuf, or a reader instead.
hits=$(grep -nE '(^|[^_a-zA-Z0-9])(strcpy|strcat|sprintf|vsprintf|strtok|gets|strncpy)[[:space:]]*\(' \
	$(find src -name '*.c' -o -name '*.h') 2>/dev/null | grep -v 'snprintf\|vsnprintf')
if [ -n "$hits" ]; then
	echo "banned functions in src/ (use snprintf, strbuf or memcpy with a length):" >&2
	echo "$hits" >&2
	exit 1
fi
echo "banned functions: none"
