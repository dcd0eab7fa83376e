#!/bin/sh
# Every tree shipped in interviews/ passes `whyline check` silently: no error, no warning.

. "${top_srcdir:?}/tests/cli/lib.sh"

n=0
for tree in "$top_srcdir"/interviews/*.yaml; do
	[ -f "$tree" ] || continue
	n=$((n + 1))
	name=interviews/${tree##*/}
	"$WHYLINE" check "$tree" >"$tmp/out" 2>"$tmp/err"
	status=$?
	if [ "$status" -eq 0 ] && [ ! -s "$tmp/err" ] && [ ! -s "$tmp/out" ]; then
		tap_ok "whyline check $name"
	else
		tap_fail "whyline check $name (exit $status)"
		tap_diag "$tmp/err" "$tmp/out"
	fi
done
tap_check "trees in $top_srcdir/interviews" test "$n" -gt 0
tap_done
