#!/bin/sh
# `whyline new ID` writes a starter tree that passes check with nothing to
# say, never over an existing file; `whyline answers TREE` writes a blank
# answers file that lists every question, and that, filled in, answers the
# whole interview through run --answers.

. "$top_srcdir/tests/cli/lib.sh"
wl_need_sqlite3
wl_tmpdir new

WHYLINE_DB=$tmp/whyline.db
export WHYLINE_DB
cd "$tmp" || exit 99

# ---- new ----
wl_run new client-onboarding >"$tmp/out" 2>"$tmp/err"
tap_is "new ID: exit 0" "$?" 0
tap_check "new ID: writes ID.yaml" test -s client-onboarding.yaml
tap_check "new ID: says where, on standard error" grep -F "client-onboarding.yaml" "$tmp/err"
tap_check "new ID: nothing on standard output" test ! -s "$tmp/out"
tap_check "new: the schema line for editors comes first" \
    sh -c 'head -n 1 client-onboarding.yaml | grep -q "^# yaml-language-server: [$]schema=/.*/tree[.]schema[.]json$"'
wl_run check client-onboarding.yaml >"$tmp/out" 2>"$tmp/err"
tap_is "new: the tree passes check" "$?" 0
tap_check "new: check has nothing to say about it, craft included" test ! -s "$tmp/err"
tap_diag "$tmp/err"
tap_check "new: a request, a ladder, a success question and a wrap-up" \
    sh -c 'grep -q "id: request" "$1" && grep -q "type: ladder" "$1" &&
        grep -q "id: success" "$1" && grep -q "title: Wrap-up" "$1"' sh client-onboarding.yaml
tap_check "new: the title from the id" grep -qx 'title: "Client onboarding"' client-onboarding.yaml
cp client-onboarding.yaml "$tmp/before"
wl_run new client-onboarding --title Other >"$tmp/out" 2>"$tmp/err"
tap_is "new over an existing file: exit 1" "$?" 1
tap_check "new over an existing file: says so" grep -F "exists already" "$tmp/err"
tap_check "new over an existing file: the file is left as it was" cmp -s "$tmp/before" client-onboarding.yaml

# A title with quotes, a backslash and a line break stays a title.
wl_run new hostile -o - --title "$(printf 'A "quoted" \\ title\nsections: []')" >hostile.yaml 2>"$tmp/err"
tap_is "new -o -: exit 0" "$?" 0
wl_run check hostile.yaml >"$tmp/out" 2>"$tmp/err"
tap_is "new: a hostile title still makes a tree that checks" "$?" 0
wl_run answers hostile.yaml >"$tmp/out" 2>&1
tap_is "new: the hostile title is the title, whole" "$(head -n 1 "$tmp/out")" \
    '# Answers for A "quoted" \ title sections: [] (hostile), for: whyline run hostile.yaml --answers FILE'
wl_run new Bad/Id >"$tmp/out" 2>"$tmp/err"
tap_is "new with a malformed id: exit 2" "$?" 2
tap_check "new with a malformed id: no file" test ! -e Bad
wl_run new >"$tmp/out" 2>"$tmp/err"
tap_is "new without an id: exit 2" "$?" 2
wl_run new latin1 --title "$(printf 'Caf\351')" >"$tmp/out" 2>"$tmp/err"
tap_is "new with a title that is not UTF-8: exit 2" "$?" 2
tap_check "new with a title that is not UTF-8: says so, and writes no file" \
    sh -c "grep -q 'the title is not UTF-8 text' '$tmp/err' && test ! -e latin1.yaml"

# ---- answers ----
tree=$top_srcdir/tests/data/trees/interview.yaml
wl_run answers "$tree" >blank.yaml 2>"$tmp/err"
tap_is "answers TREE: exit 0" "$?" 0
tap_is "answers: every question id, in the order of the call" \
    "$(grep -E '^  [a-z_]+:$' blank.yaml | tr -d ' :' | tr '\n' ' ')" \
    "request why budget amount urgent channels deadline "
tap_check "answers: a choice's values and labels as a comment" \
    grep -qF '# choice: one of fixed (A fixed amount), results (Tied to results), unknown (Not known yet)' blank.yaml
tap_check "answers: a follow-up says when it is asked" \
    grep -qF '# number: at least 0; asked when budget is fixed' blank.yaml
wl_run run "$tree" --answers blank.yaml >"$tmp/out" 2>"$tmp/err"
tap_is "answers: the blank file is read, and refused for its missing required answer" "$?" 1
tap_check "answers: the error names the required question, not a syntax error" \
    grep -F "request" "$tmp/err"
sed -e 's/^  request:$/  request: Instagram posts/' \
    -e 's/^  why:$/  why: [more bookings, stable revenue]/' \
    -e 's/^  budget:$/  budget: fixed/' -e 's/^  amount:$/  amount: 1200/' \
    -e 's/^  urgent:$/  urgent: "yes"/' blank.yaml >filled.yaml
wl_run run "$tree" --answers filled.yaml >"$tmp/out" 2>"$tmp/err"
tap_is "answers: filled in, it answers the interview" "$?" 0
tap_is "answers: the answers given are stored, the blank ones are not" \
    "$(wl_sql "$WHYLINE_DB" "SELECT count(*) FROM answers WHERE value IS NOT NULL")" 6

# The command the first line gives works as printed: the path given for a
# tree that is not installed (quoted for the shell when it must be), the
# name when the name finds that very file.
mkdir -p "my trees" "$XDG_DATA_HOME/whyline/interviews"
cp "$tree" "my trees/it's.yaml"
run_line() {
	wl_run answers "$1" | head -n 1 | sed -n 's/^.*, for: whyline run \(.*\) --answers FILE$/\1/p'
}
tap_is "answers: the command names the file given" "$(run_line "my trees/it's.yaml")" \
    "'my trees/it'\\''s.yaml'"
eval "set -- $(run_line "my trees/it's.yaml")"
wl_run run "$1" --answers filled.yaml >"$tmp/out" 2>"$tmp/err"
tap_is "answers: that command runs the tree" "$?" 0
cp "$tree" "$XDG_DATA_HOME/whyline/interviews/interview-test.yaml"
tap_is "answers: the tree's name when it finds the same file" \
    "$(run_line "$XDG_DATA_HOME/whyline/interviews/interview-test.yaml")" interview-test
tap_is "answers NAME: the name" "$(run_line interview-test)" interview-test
tap_is "answers: a file that the name does not find: the file" "$(run_line "$tree")" "$tree"

# Tree strings with line breaks stay in their comment.
cat >odd.yaml <<'TREE'
whyline: 1
id: odd
title: "Odd\nanswers: {injected: 1}"
sections:
  - title: S
    questions:
      - id: first
        ask: "Line one\nfirst: injected\u2028second: injected"
TREE
wl_run answers odd.yaml >odd-blank.yaml 2>"$tmp/err"
tap_is "answers: strings with line breaks: exit 0" "$?" 0
tap_is "answers: a line break in a string cannot add a key" \
    "$(grep -cE '^ *[a-z_]+:' odd-blank.yaml)" 2

tap_done
