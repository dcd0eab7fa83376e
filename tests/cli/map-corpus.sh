#!/bin/sh
# `whyline map` over a generated corpus of 500 coded sessions on two trees,
# in English and French (tests/cli/map-corpus.py): the strongest path is
# the one generated most often, and every request-to-goal path is counted
# as many times as it was generated.

. "$top_srcdir/tests/cli/lib.sh"
command -v jq >/dev/null 2>&1 || tap_skip_all "jq is missing"
command -v python3 >/dev/null 2>&1 || tap_skip_all "python3 is missing"
python3 -c 'import sqlite3' 2>/dev/null || tap_skip_all "python3 has no sqlite3 module"
wl_need_sqlite3
wl_tmpdir map-corpus

data=$top_srcdir/tests/data/map
WHYLINE_DB=$tmp/whyline.db
export WHYLINE_DB

# One real session of each tree: the schema, and the trees' kept copies.
printf 'request: posts\nwhy: [more]\n' >"$tmp/a1.yaml"
printf 'need: posts\nreasons: [more]\n' >"$tmp/a2.yaml"
wl_run run "$data/tree.yaml" --answers "$tmp/a1.yaml" >/dev/null 2>&1 &&
    wl_run run "$data/tree2.yaml" --answers "$tmp/a2.yaml" >/dev/null 2>&1
tap_is "the two seed sessions are stored" "$?" 0
python3 "$top_srcdir/tests/cli/map-corpus.py" "$WHYLINE_DB" 500 14 >"$tmp/expected.json"
tap_is "the corpus is generated" "$?" 0

wl_run map --format json >"$tmp/out.json" 2>"$tmp/err"
tap_is "map over 502 sessions exits 0" "$?" 0
tap_check "map writes nothing on stderr" test ! -s "$tmp/err"
tap_is "every session and ladder is read" "$(jq -c '[.sessions, .ladders]' "$tmp/out.json")" \
    '[502,502]'
top=$(jq -c '.paths[0]' "$tmp/expected.json")
tap_is "the strongest path is the one generated most often" \
    "$(jq -c '.paths[0] | [.codes, .ladders]' "$tmp/out.json")" "$top"
tap_check "it is generated more often than any other" \
    test "$(jq '.paths[0][1] > .paths[1][1]' "$tmp/expected.json")" = true
tap_is "every request-to-goal path, with its count" \
    "$(jq -c '[.paths[] | [.codes, .ladders]]' "$tmp/out.json")" \
    "$(jq -c '.paths' "$tmp/expected.json")"
tap_is "French and English sessions share their codes" \
    "$(jq -c '[.codes[] | select(.code == "revenue") | .sessions]' "$tmp/out.json")" \
    "[$(wl_sql "$WHYLINE_DB" "SELECT count(DISTINCT session_id) FROM codes WHERE code = 'revenue'" 2>/dev/null || echo '?')]"

tap_done
