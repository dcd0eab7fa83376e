#!/bin/sh
# Every file of the YAML test suite (../shared/yaml-test-suite, absent from a
# distribution) ends `whyline check` with exit 0 or 1, within 10 seconds;
# exit 1 comes with a message in the GNU form, and no sanitizer reports
# anything.

. "${top_srcdir:?}/tests/cli/lib.sh"

suite=${WHYLINE_SHARED:-$top_srcdir/../shared}/yaml-test-suite
[ -d "$suite" ] || tap_skip_all "the YAML test suite is not in $suite (set WHYLINE_SHARED)"
if command -v timeout >/dev/null 2>&1; then
	limit="timeout 10"
else
	limit=
fi

n=0
for f in "$suite"/*; do
	[ -f "$f" ] || continue
	n=$((n + 1))
	name=yaml-test-suite/${f##*/}
	# shellcheck disable=SC2086
	$limit "$WHYLINE" check "$f" >"$tmp/out" 2>"$tmp/err"
	status=$?
	what="$name: exit 0, or 1 with 'FILE:LINE:COL: error: ...'"
	case $status in
	0) tap_ok "$what" ;;
	1)
		# An error that names the file, GNU style.
		tap_check "$what" awk -v f="$f" '
			index($0, f) == 1 && substr($0, length(f) + 1) ~ /^(:[0-9]+:[0-9]+)?: error: ./ { ok = 1 }
			END { exit !ok }' "$tmp/err" || tap_diag "$tmp/err"
		;;
	124) tap_fail "$what (still running after 10 seconds)" ;;
	*) tap_fail "$what (exit $status)" ;;
	esac
	tap_check "$name: no sanitizer report" no_sanitizer_report "$tmp/err" ||
		tap_diag "$tmp/err"
done
tap_check "files in $suite" test "$n" -gt 0
tap_done
