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
	if [ "$status" -ne 2 ] || ! grep -F "Try 'whyline --help'" "$tmp/err" >/dev/null ||
	    [ -s "$tmp/out" ]; then
		fail "whyline $*: exit $status, expected 2 with \"Try 'whyline --help'\""
		show "$tmp/err"
	fi
}

for opt in --help -h; do
	run $opt
	[ "$status" -eq 0 ] || fail "whyline $opt: exit $status"
	grep '^Usage: whyline' "$tmp/out" >/dev/null || fail "whyline $opt: no 'Usage: whyline'"
	grep -F -- '--version' "$tmp/out" >/dev/null || fail "whyline $opt: --version not described"
	grep -E '^ +check ' "$tmp/out" >/dev/null || fail "whyline $opt: the check command not listed"
	[ -s "$tmp/err" ] && fail "whyline $opt: wrote to standard error"
done

for opt in --version -V; do
	run $opt
	[ "$status" -eq 0 ] || fail "whyline $opt: exit $status"
	head -n 1 "$tmp/out" | grep -E '^whyline [0-9]+\.[0-9]+' >/dev/null ||
		fail "whyline $opt: first line is not 'whyline VERSION'"
	[ -s "$tmp/err" ] && fail "whyline $opt: wrote to standard error"
done

run check --help
[ "$status" -eq 0 ] || fail "whyline check --help: exit $status"
grep '^Usage: whyline check' "$tmp/out" >/dev/null || fail "whyline check --help: no usage"

# A full disk on standard output is an error, not a success.
if [ -w /dev/full ]; then
	for args in --help --version "check --help"; do
		# shellcheck disable=SC2086
		"$WHYLINE" $args >/dev/full 2>"$tmp/err"
		status=$?
		[ "$status" -ne 0 ] || fail "whyline $args >/dev/full: exit 0"
		grep -i 'write error' "$tmp/err" >/dev/null ||
			fail "whyline $args >/dev/full: no 'write error' on standard error"
	done
fi

expect_usage_error
expect_usage_error frobnicate
grep -F "frobnicate" "$tmp/err" >/dev/null || fail "unknown command not named"
expect_usage_error --frobnicate
expect_usage_error -x
expect_usage_error --db
expect_usage_error --lang
expect_usage_error --no-color=yes check "$top_srcdir/tests/data/broken/empty.yaml"
expect_usage_error check
expect_usage_error check --frobnicate "$top_srcdir/tests/data/broken/empty.yaml"
# A command's bad option is reported in the command's name.
grep '^whyline check: .*frobnicate' "$tmp/err" >/dev/null ||
	fail "whyline check --frobnicate: not reported as 'whyline check: ...'"

# A tree that cannot be read: exit 1, named GNU style.
run check "$tmp/missing.yaml"
[ "$status" -eq 1 ] || fail "whyline check on a missing file: exit $status, expected 1"
grep -F "$tmp/missing.yaml: error: " "$tmp/err" >/dev/null ||
	fail "whyline check on a missing file: not named"
show_if_failed=$failures

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
{ [ "$status" -eq 0 ] && [ ! -s "$tmp/err" ]; } || fail "whyline check - on a good tree: exit $status"
run --no-color check "$tmp/ok.yaml" --no-color
[ "$status" -eq 0 ] || fail "whyline --no-color check TREE --no-color: exit $status"
# The options every command takes, before the command as after it.
run --db "$tmp/before.db" --locale-dir "$tmp" --lang en --no-color list
{ [ "$status" -eq 0 ] && [ -f "$tmp/before.db" ]; } ||
	fail "whyline --db DB --locale-dir DIR --lang en --no-color list: exit $status, or no DB"
run list --db "$tmp/after.db" --locale-dir "$tmp" --lang en --no-color
{ [ "$status" -eq 0 ] && [ -f "$tmp/after.db" ]; } ||
	fail "whyline list --db DB --locale-dir DIR --lang en --no-color: exit $status, or no DB"
run --no-color --help
{ [ "$status" -eq 0 ] && grep '^Usage: whyline COMMAND' "$tmp/out" >/dev/null; } ||
	fail "whyline --no-color --help: exit $status, or no usage"
[ "$failures" -eq "$show_if_failed" ] || show "$tmp/err"

finish
