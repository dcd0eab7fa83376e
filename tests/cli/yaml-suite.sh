#!/bin/sh
# Every file of the YAML test suite (../shared/yaml-test-suite, absent from a
# distribution) ends `whyline check` with exit 0 or 1, within 10 seconds;
# exit 1 comes with a message in the GNU form, and no sanitizer reports
# anything.

. "${top_srcdir:?}/tests/cli/lib.sh"

suite=${WHYLINE_SHARED:-$top_srcdir/../shared}/yaml-test-suite
if [ ! -d "$suite" ]; then
	echo "yaml-suite: $suite is absent; skipped" >&2
	exit 77
fi
if command -v timeout >/dev/null 2>&1; then
	limit="timeout 10"
else
	limit=
fi

n=0
for f in "$suite"/*; do
	[ -f "$f" ] || continue
	n=$((n + 1))
	# shellcheck disable=SC2086
	$limit "$WHYLINE" check "$f" >"$tmp/out" 2>"$tmp/err"
	status=$?
	case $status in
	0) ;;
	1)
		# An error that names the file, GNU style.
		awk -v f="$f" '
			index($0, f) == 1 && substr($0, length(f) + 1) ~ /^(:[0-9]+:[0-9]+)?: error: ./ { ok = 1 }
			END { exit !ok }' "$tmp/err" ||
			fail "$f: exit 1 without a message 'FILE:LINE:COL: error: ...'"
		;;
	124) fail "$f: still running after 10 seconds" ;;
	*) fail "$f: exit $status" ;;
	esac
	if has_sanitizer_report "$tmp/err"; then
		fail "$f: sanitizer report"
		show "$tmp/err"
	fi
done
[ "$n" -gt 0 ] || fail "no file in $suite"
finish
