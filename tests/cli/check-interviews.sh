#!/bin/sh
# Every tree shipped in interviews/ passes `whyline check` silently: no error, no warning.

: "${WHYLINE:?WHYLINE must name the built whyline program}"
: "${top_srcdir:?top_srcdir must name the source folder}"

out=${TMPDIR:-/tmp}/whyline-check-interviews.$$.out
err=${TMPDIR:-/tmp}/whyline-check-interviews.$$.err
trap 'rm -f "$out" "$err"' 0
trap 'exit 1' HUP INT TERM

n=0
for tree in "$top_srcdir"/interviews/*.yaml; do
	[ -f "$tree" ] && n=$((n + 1))
done
if [ "$n" -eq 0 ]; then
	echo "1..1"
	echo "not ok 1 - no tree found in $top_srcdir/interviews"
	echo "check-interviews: no tree found in $top_srcdir/interviews" >&2
	exit 1
fi

echo "1..$n"
i=0
failed=0
for tree in "$top_srcdir"/interviews/*.yaml; do
	i=$((i + 1))
	name=interviews/${tree##*/}
	"$WHYLINE" check "$tree" >"$out" 2>"$err"
	status=$?
	if [ "$status" -eq 0 ] && [ ! -s "$err" ] && [ ! -s "$out" ]; then
		echo "ok $i - whyline check $name"
		continue
	fi
	failed=$((failed + 1))
	echo "not ok $i - whyline check $name (exit $status)"
	sed 's/^/# /' "$err" "$out"
	echo "check-interviews: 'whyline check $name' exited $status or printed something; see above" >&2
done

[ "$failed" -eq 0 ] || exit 1
exit 0
