#!/bin/sh
# Every broken tree in tests/data/broken makes `whyline check` report each
# problem named in its "# expect: LINE:COL: TEXT" lines as
# "FILE:LINE:COL: error: ...TEXT...", and nothing more; "# expect warning:"
# lines are warnings. Exit 1 when an error is expected, 0 otherwise; `run`
# and `graph` refuse it with the same errors. Then the
# limits that would make data files too large: 9 MiB (from a file and a
# pipe), 100,001 questions, 100,000 nested brackets.

. "${top_srcdir:?}/tests/cli/lib.sh"

cd "$top_srcdir" || exit 99
n=0
run_differs=
graph_differs=
for tree in tests/data/broken/*.yaml; do
	[ -f "$tree" ] || continue
	n=$((n + 1))
	tap_check "$tree: has '# expect:' lines" grep '^# expect' "$tree" || continue
	"$WHYLINE" check "$tree" >"$tmp/out" 2>"$tmp/err"
	status=$?
	before=$tap_failed
	errors=0
	warnings=0
	while IFS= read -r line; do
		case $line in
		'# expect: '*) level=error errors=$((errors + 1)) ;;
		'# expect warning: '*) level=warning warnings=$((warnings + 1)) ;;
		*) continue ;;
		esac
		spec=${line#*: }
		place=${spec%%: *}
		text=${spec#*: }
		if grep -F "$tree:$place: $level: " "$tmp/err" | grep -F -- "$text" >/dev/null; then
			tap_ok "$tree: '$tree:$place: $level: ...$text...'"
		else
			tap_fail "$tree: '$tree:$place: $level: ...$text...'"
		fi
	done <"$tree"
	expected=0
	[ "$errors" -gt 0 ] && expected=1
	tap_is "$tree: exit $expected" "$status" "$expected"
	tap_is "$tree: $errors error(s)" "$(grep -c ': error: ' "$tmp/err")" "$errors"
	tap_is "$tree: $warnings warning(s)" "$(grep -c ': warning: ' "$tmp/err")" "$warnings"
	tap_check "$tree: nothing on standard output" test ! -s "$tmp/out"
	tap_check "$tree: no sanitizer report" no_sanitizer_report "$tmp/err"
	[ "$tap_failed" -eq "$before" ] || tap_diag "$tmp/err"
	# run and graph refuse the tree with every error check gives, in
	# check's order, so that the author fixes them all in one go.
	[ "$errors" -gt 0 ] || continue
	grep ': error: ' "$tmp/err" >"$tmp/check-errors"
	"$WHYLINE" run --db "$tmp/run.db" --plain "$tree" </dev/null >/dev/null 2>"$tmp/run-err"
	[ $? -eq 1 ] && grep ': error: ' "$tmp/run-err" | cmp -s - "$tmp/check-errors" ||
	    run_differs="$run_differs $tree"
	"$WHYLINE" graph "$tree" >/dev/null 2>"$tmp/graph-err"
	[ $? -eq 1 ] && grep ': error: ' "$tmp/graph-err" | cmp -s - "$tmp/check-errors" ||
	    graph_differs="$graph_differs $tree"
done
tap_check "trees in $top_srcdir/tests/data/broken" test "$n" -gt 0
tap_is "run: exit 1 with check's errors, all in its order" "$run_differs" ""
tap_is "graph: exit 1 with check's errors, all in its order" "$graph_differs" ""

# Several trees in one run: each reported, exit 1 when any has an error.
"$WHYLINE" check tests/data/broken/warning-unreachable.yaml \
    tests/data/broken/unknown-key.yaml tests/data/broken/duplicate-id.yaml \
    >"$tmp/out" 2>"$tmp/err"
status=$?
tap_is "three trees: exit 1" "$status" 1
for place in warning-unreachable.yaml:14:15:' warning' unknown-key.yaml:11:9:' error' \
    duplicate-id.yaml:11:13:' error'; do
	tap_check "three trees: tests/data/broken/$place" \
	    grep -F "tests/data/broken/$place: " "$tmp/err"
done
tap_is "three trees: three lines" "$(wc -l <"$tmp/err" | tr -d ' ')" 3 || tap_diag "$tmp/err"

# Runs whyline check on $1 (a file, or - with standard input from $2) and
# expects exit 1 with the line $3 (a fixed string) on standard error.
expect_limit() {
	if [ "$1" = - ]; then
		"$WHYLINE" check - <"$2" >"$tmp/out" 2>"$tmp/err"
	else
		"$WHYLINE" check "$1" >"$tmp/out" 2>"$tmp/err"
	fi
	status=$?
	if [ "$status" -eq 1 ] && grep -Fx -- "$3" "$tmp/err" >/dev/null; then
		tap_ok "$1: exit 1 and '$3'"
	else
		tap_fail "$1: exit 1 and '$3' (exit $status)"
		tap_diag "$tmp/err"
	fi
}

# A 9 MiB tree: a comment, valid YAML, refused for its size alone.
big=$tmp/big.yaml
{
	printf '#'
	dd if=/dev/zero bs=1024 count=9216 2>/dev/null | tr '\0' x
	echo
} >"$big"
expect_limit "$big" "" "$big: error: file larger than 8 MiB"
expect_limit - "$big" "-: error: file larger than 8 MiB"
# Through a pipe, which cannot tell its size beforehand.
dd if=/dev/zero bs=1024 count=9216 2>/dev/null | tr '\0' '#' |
	"$WHYLINE" check - >"$tmp/out" 2>"$tmp/err"
tap_check "9 MiB through a pipe: refused" \
    grep -Fx -- "-: error: file larger than 8 MiB" "$tmp/err" || tap_diag "$tmp/err"
rm -f "$big"

# 100,001 questions.
awk 'BEGIN {
	print "whyline: 1\nid: many\ntitle: Many\nsections:\n  - title: S\n    questions:"
	for (i = 0; i <= 100000; i++)
		printf "      - {id: q%d, ask: A}\n", i
}' >"$tmp/many.yaml"
expect_limit "$tmp/many.yaml" "" \
    "$tmp/many.yaml:100007:9: error: more than 100000 questions"

# 100,000 nested brackets, never closed.
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "["; print "" }' >"$tmp/deep.yaml"
expect_limit "$tmp/deep.yaml" "" \
    "$tmp/deep.yaml:1:65: error: YAML nested deeper than 64 levels"

tap_done
