#!/bin/sh
# Every tree shipped in interviews/ passes `whyline check` silently: no error, no warning.
# Each date question they ship refuses a day the calendar does not have.

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

# Each shipped `validate` that reads a date, on a one-question tree: the
# days of the calendar pass, impossible ones (which SQLite's date() of one
# argument hands back as they are) do not.
grep -h "validate: .*date(" "$top_srcdir"/interviews/*.yaml | sed 's/^ *//' | sort -u >"$tmp/validates"
tap_check "shipped trees: date questions found" test -s "$tmp/validates"
i=0
while IFS= read -r line; do
	i=$((i + 1))
	printf 'whyline: 1\nid: dates\nversion: "1"\ntitle: Dates\nsections:\n  - id: s\n    title: S\n    questions:\n      - id: d\n        ask: When?\n        %s\n' \
	    "$line" >"$tmp/date$i.yaml"
	bad=
	for v in 2027-02-30 2027-04-31 2027-02-29 2100-02-29 2027-13-01 2027-00-10 2027-01-00 2027-1-5 soon; do
		printf 'answers:\n  d: "%s"\n' "$v" >"$tmp/ans.yaml"
		"$WHYLINE" run --db "$tmp/dates.db" "$tmp/date$i.yaml" --answers "$tmp/ans.yaml" \
		    >/dev/null 2>"$tmp/err" && bad="$bad $v"
	done
	for v in 2027-02-28 2028-02-29 2000-02-29 2027-04-30 2027-12-31; do
		printf 'answers:\n  d: "%s"\n' "$v" >"$tmp/ans.yaml"
		"$WHYLINE" run --db "$tmp/dates.db" "$tmp/date$i.yaml" --answers "$tmp/ans.yaml" \
		    >/dev/null 2>"$tmp/err" || bad="$bad !$v"
	done
	tap_is "$line: real dates only (accepted wrongly, or !refused)" "$bad" ""
done <"$tmp/validates"

# The shipped five-whys end to end: an impossible target date is refused,
# named, and a real one reaches the brief in words.
cat >"$tmp/fw.yaml" <<'EOF'
answers:
  request: A new CRM
  why: [Sales are lost, Revenue falls]
  goal_confirmed: yes
  success_metric: Deals closed
  success_target: "40"
  success_by: "2027-02-30"
EOF
"$WHYLINE" run --db "$tmp/fw.db" "$top_srcdir/interviews/five-whys.yaml" --answers "$tmp/fw.yaml" \
    >/dev/null 2>"$tmp/err"
tap_is "five-whys: 2027-02-30 as the target date: exit 1" "$?" 1
tap_check "five-whys: the refusal names the question" grep -q "success_by" "$tmp/err"
sed 's/2027-02-30/2027-02-28/' "$tmp/fw.yaml" >"$tmp/fw2.yaml"
"$WHYLINE" run --db "$tmp/fw.db" "$top_srcdir/interviews/five-whys.yaml" --answers "$tmp/fw2.yaml" \
    >/dev/null 2>"$tmp/err"
tap_is "five-whys: 2027-02-28 as the target date: exit 0" "$?" 0
"$WHYLINE" brief --db "$tmp/fw.db" >"$tmp/fw.md" 2>"$tmp/err"
tap_check "five-whys: the brief gives the date in words" grep -qF "28 February 2027" "$tmp/fw.md"

# check warns about date($value) = $value, the idiom that lets 2027-02-30 by.
sed 's/validate: .*/validate: "date($value) = $value"/' "$tmp/date1.yaml" >"$tmp/lax.yaml"
"$WHYLINE" check "$tmp/lax.yaml" >"$tmp/out" 2>"$tmp/err"
tap_is "check of date(\$value) = \$value: a warning, exit 0" "$?" 0
tap_check "check: the warning says where and what to write" \
    grep -qF "lax.yaml:11:19: warning: 'validate' of question 'd' lets impossible dates such as 2027-02-30 through: date(\$value) keeps them as they are; compare date(\$value, '+0 days') = \$value" "$tmp/err"
sed 's/validate: .*/validate: "datetime($value) = $value or Date ( $value , '"'start of day'"') = $value"/' \
    "$tmp/date1.yaml" >"$tmp/other.yaml"
"$WHYLINE" check "$tmp/other.yaml" >"$tmp/out" 2>"$tmp/err"
tap_is "check of a date() with a modifier: exit 0" "$?" 0
tap_check "check: no such warning with a modifier or for datetime" sh -c '! grep -q "impossible dates" "$1"' sh "$tmp/err"
tap_done
