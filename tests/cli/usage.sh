#!/bin/sh
# The command line the GNU way: --help and --version on standard output,
# a write error on it is a failure, usage errors exit 2 with the hint to
# --help, and check says which tree it cannot read.

. "${top_srcdir:?}/tests/cli/lib.sh"

# Runs whyline with the arguments given; leaves its status in $status and
# its output in $tmp/out and $tmp/err.
run() {
	"$WHYLINE" "$@" >"$tmp/out" 2>"$tmp/err"
	status=$?
}

# Expects a usage error: exit 2, the hint on standard error, nothing on
# standard output.
expect_usage_error() {
	run "$@"
	if [ "$status" -eq 2 ] && grep -F "Try 'whyline --help'" "$tmp/err" >/dev/null &&
	    [ ! -s "$tmp/out" ]; then
		tap_ok "whyline ${*:-(no argument)}: exit 2 with \"Try 'whyline --help'\""
	else
		tap_fail "whyline ${*:-(no argument)}: exit 2 with \"Try 'whyline --help'\" (exit $status)"
		tap_diag "$tmp/err"
	fi
}

for opt in --help -h; do
	run $opt
	tap_is "whyline $opt: exit 0" "$status" 0
	tap_check "whyline $opt: 'Usage: whyline'" grep '^Usage: whyline' "$tmp/out"
	tap_check "whyline $opt: --version described" grep -F -- '--version' "$tmp/out"
	tap_check "whyline $opt: the check command listed" grep -E '^ +check ' "$tmp/out"
	tap_check "whyline $opt: nothing on standard error" test ! -s "$tmp/err"
done

for opt in --version -V; do
	run $opt
	tap_is "whyline $opt: exit 0" "$status" 0
	tap_check "whyline $opt: the first line is 'whyline VERSION'" \
	    sh -c 'head -n 1 "$1" | grep -E "^whyline [0-9]+\.[0-9]+"' sh "$tmp/out"
	tap_check "whyline $opt: nothing on standard error" test ! -s "$tmp/err"
done

run check --help
tap_is "whyline check --help: exit 0" "$status" 0
tap_check "whyline check --help: usage" grep '^Usage: whyline check' "$tmp/out"

# Every command's --help (and -h) describes each option of its synopsis on
# a line of its own, the common options and where to report problems.
commands=$("$WHYLINE" --help | sed -n '/^Commands:/,/^$/p' | awk 'NF > 1 { print $1 }')
tap_check "whyline --help lists the commands" test -n "$commands"
for cmd in $commands; do
	for opt in --help -h; do
		run "$cmd" $opt
		tap_is "whyline $cmd $opt: exit 0" "$status" 0
		tap_check "whyline $cmd $opt: usage" grep "^Usage: whyline $cmd" "$tmp/out"
	done
	missing=""
	for o in $(sed -n 1p "$tmp/out" | grep -oE -- '--[a-z-]+' | sort -u) --db --lang --locale-dir --no-color --help; do
		grep -E -- "^ +(-[a-z], )?$o( |$)" "$tmp/out" >/dev/null || missing="$missing $o"
	done
	tap_is "whyline $cmd --help: a line for each option" "$missing" ""
	tap_check "whyline $cmd --help: where to report problems" \
	    grep -F '"Reporting problems" section of' "$tmp/out"
done
run --help
tap_check "whyline --help: where to report problems" \
    grep -F '"Reporting problems" section of' "$tmp/out"
tap_check "whyline --help: no placeholder address" sh -c '! grep -F "example.org" "$1"' sh "$tmp/out"

# A full disk on standard output is an error, not a success.
if [ -w /dev/full ]; then
	for args in --help --version "check --help"; do
		# shellcheck disable=SC2086
		"$WHYLINE" $args >/dev/full 2>"$tmp/err"
		status=$?
		tap_check "whyline $args >/dev/full: exit not 0" test "$status" -ne 0
		tap_check "whyline $args >/dev/full: 'write error' on standard error" \
		    grep -i 'write error' "$tmp/err"
	done
fi

expect_usage_error
expect_usage_error frobnicate
tap_check "an unknown command is named" grep -F "frobnicate" "$tmp/err"
expect_usage_error --frobnicate
expect_usage_error -x
expect_usage_error --db
expect_usage_error --lang
expect_usage_error --no-color=yes check "$top_srcdir/tests/data/broken/empty.yaml"
expect_usage_error check
expect_usage_error check --frobnicate "$top_srcdir/tests/data/broken/empty.yaml"
# A command's bad option is reported in the command's name.
tap_check "whyline check --frobnicate: reported as 'whyline check: ...'" \
    grep '^whyline check: .*frobnicate' "$tmp/err"

# A tree that cannot be read: exit 1, named GNU style.
run check "$tmp/missing.yaml"
tap_is "whyline check on a missing file: exit 1" "$status" 1
tap_check "whyline check on a missing file: named" \
    grep -F "$tmp/missing.yaml: error: " "$tmp/err" || tap_diag "$tmp/err"

# A good tree on standard input, and options in any order.
cat >"$tmp/ok.yaml" <<'TREE'
whyline: 1
id: ok
title: A good tree
sections:
  - title: The request
    questions:
      - {id: request, ask: What did the client ask for?}
TREE
"$WHYLINE" check - <"$tmp/ok.yaml" >"$tmp/out" 2>"$tmp/err"
status=$?
tap_check "whyline check - on a good tree: exit 0, nothing on standard error" \
    test "$status" -eq 0 -a ! -s "$tmp/err" || tap_diag "$tmp/err"
run --no-color check "$tmp/ok.yaml" --no-color
tap_is "whyline --no-color check TREE --no-color: exit 0" "$status" 0 || tap_diag "$tmp/err"
# The options every command takes, before the command as after it.
run --db "$tmp/before.db" --locale-dir "$tmp" --lang en --no-color list
tap_check "whyline --db DB --locale-dir DIR --lang en --no-color list: exit 0, DB made" \
    test "$status" -eq 0 -a -f "$tmp/before.db" || tap_diag "$tmp/err"
run list --db "$tmp/after.db" --locale-dir "$tmp" --lang en --no-color
tap_check "whyline list --db DB --locale-dir DIR --lang en --no-color: exit 0, DB made" \
    test "$status" -eq 0 -a -f "$tmp/after.db" || tap_diag "$tmp/err"
run --no-color --help
tap_check "whyline --no-color --help: exit 0 and the usage" \
    sh -c '[ "$1" -eq 0 ] && grep "^Usage: whyline COMMAND" "$2"' sh "$status" "$tmp/out" ||
    tap_diag "$tmp/err"

tap_done
