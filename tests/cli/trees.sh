#!/bin/sh
# Trees found by name: `whyline run NAME` looks in $WHYLINE_PATH, then
# $XDG_DATA_HOME/whyline/interviews, then the installed folder; `whyline
# trees` lists what it finds, in that order; `resume` finds a tree moved
# to another of those folders the same way.

. "$top_srcdir/tests/cli/lib.sh"
wl_need_sqlite3
wl_tmpdir trees

data=$top_srcdir/tests/data
mkdir -p "$tmp/a" "$tmp/b" "$tmp/xdg/whyline/interviews" "$tmp/cwd"
cp "$data/trees/interview.yaml" "$tmp/b/interview-test.yaml"
cp "$data/trees/interview-changed.yaml" "$tmp/xdg/whyline/interviews/interview-test.yaml"
cp "$top_srcdir/interviews/five-whys.yaml" "$tmp/xdg/whyline/interviews/five-whys.yaml"
printf 'id: [broken\n' >"$tmp/a/broken.yml"
WHYLINE_PATH="$tmp/a::$tmp/b"
XDG_DATA_HOME=$tmp/xdg
WHYLINE_DB=$tmp/whyline.db
export WHYLINE_PATH XDG_DATA_HOME WHYLINE_DB
cd "$tmp/cwd" || exit 99

# ---- whyline trees ----
wl_run trees >"$tmp/out" 2>"$tmp/err"
tap_is "trees: exit 0" "$?" 0
tap_check "trees: a header" grep -E '^NAME +ID +VERSION +LANGUAGES +TITLE +FILE$' "$tmp/out"
tap_is "trees: the folders in order, names sorted in each" \
    "$(awk 'NR > 1 { print $1 }' "$tmp/out" | tr '\n' ' ')" \
    "broken interview-test five-whys interview-test "
tap_check "trees: the first interview-test is WHYLINE_PATH's, with its title" \
    grep -E "^interview-test +interview-test +1 +en +Interview test call +$tmp/b/interview-test.yaml\$" "$tmp/out"
tap_check "trees: the second is marked hidden" \
    grep -F "$tmp/xdg/whyline/interviews/interview-test.yaml (hidden by the one above)" "$tmp/out"
tap_check "trees: a tree with errors is listed as such" \
    grep -E "^broken .*has errors: see whyline check.*$tmp/a/broken.yml" "$tmp/out"
tap_check "trees: five-whys with its version" \
    grep -E "^five-whys +five-whys +1\.0 +en " "$tmp/out"
tap_check "trees: nothing on standard error" test ! -s "$tmp/err"
WHYLINE_PATH= XDG_DATA_HOME=$tmp/none HOME=$tmp/none wl_run trees >"$tmp/out" 2>&1
tap_check "trees: none found says where it looked" grep -F "$tmp/none/whyline/interviews" "$tmp/out"
wl_run trees extra >"$tmp/out" 2>"$tmp/err"
tap_is "trees with an argument: usage error" "$?" 2

# ---- run by name ----
id=$(wl_run run interview-test --answers "$data/answers/interview-valid.yaml" 2>"$tmp/err")
tap_is "run NAME --answers: exit 0" "$?" 0
tap_is "run NAME: the tree of the first folder that has it" \
    "$(wl_sql "$WHYLINE_DB" "SELECT tree_path, title FROM sessions WHERE id = '$id'")" \
    "$tmp/b/interview-test.yaml|Interview test call"
printf 'posts\n' | wl_run run --plain five-whys >"$tmp/out" 2>"$tmp/err"
tap_is "run five-whys: found in XDG_DATA_HOME, paused at the end of input" "$?" 0
tap_is "run five-whys: the session's tree" \
    "$(wl_sql "$WHYLINE_DB" "SELECT tree_path FROM sessions WHERE tree_id = 'five-whys'")" \
    "$tmp/xdg/whyline/interviews/five-whys.yaml"
tap_check "run five-whys: not 'No such file'" sh -c '! grep -i "no such file" "$1"' sh "$tmp/err"
wl_run run nothing-here >"$tmp/out" 2>"$tmp/err"
tap_is "run an unknown name: exit 1" "$?" 1
tap_check "run an unknown name: the folders looked in" \
    grep -F "nothing-here: no such file, and no tree of that name in $tmp/a, $tmp/b, $tmp/xdg/whyline/interviews" "$tmp/err"
cp "$data/trees/interview.yaml" "$tmp/cwd/interview-test"
wl_run run interview-test --answers "$data/answers/interview-valid.yaml" >"$tmp/out" 2>"$tmp/err"
tap_is "run NAME: a file of that name in the current folder comes first" \
    "$(wl_sql "$WHYLINE_DB" "SELECT tree_path FROM sessions ORDER BY started_at DESC, rowid DESC LIMIT 1")" \
    "$tmp/cwd/interview-test"
rm "$tmp/cwd/interview-test"

# ---- check, pot, graph and answers take a name too ----
for cmd in check pot graph answers; do
	wl_run $cmd five-whys >"$tmp/out" 2>"$tmp/err"
	tap_is "$cmd NAME: exit 0" "$?" 0
done
wl_run pot five-whys >"$tmp/out" 2>&1
tap_check "pot NAME: the references name the file found" \
    grep -qF "#: $tmp/xdg/whyline/interviews/five-whys.yaml:" "$tmp/out"
wl_run check nothing-here >"$tmp/out" 2>"$tmp/err"
tap_is "check an unknown name: exit 1" "$?" 1
tap_check "check an unknown name: says where it looked" grep -qF "no tree of that name in $tmp/a" "$tmp/err"

# ---- resume finds the tree the same way ----
printf 'Instagram posts\n' | wl_run run --plain interview-test >"$tmp/out" 2>"$tmp/err"
tap_is "run NAME, paused at the end of input: exit 0" "$?" 0
mkdir "$tmp/c"
mv "$tmp/b/interview-test.yaml" "$tmp/c/interview-test.yaml"
WHYLINE_PATH=$tmp/c wl_run resume --plain </dev/null >"$tmp/out" 2>"$tmp/err"
tap_is "resume after the tree moved along the path: exit 0" "$?" 0
tap_check "resume: the tree is found again, not the kept copy" \
    sh -c '! grep -F "going on with the copy" "$1"' sh "$tmp/err"
tap_check "resume: unchanged, so no answer set aside" \
    sh -c '! grep -F "changed since" "$1"' sh "$tmp/err"
WHYLINE_PATH=$tmp/none wl_run resume --plain </dev/null >"$tmp/out" 2>"$tmp/err"
tap_check "resume: a moved tree found in XDG_DATA_HOME, changed, says so" \
    grep -F "changed since the session began" "$tmp/err"

tap_done
