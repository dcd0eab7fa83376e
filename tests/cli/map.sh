#!/bin/sh
# `whyline map`: the implication matrix of a worked example (see
# map-example.sh) checked cell by cell, as CSV and as JSON (codes with
# their sessions, requests, goals and levels; every link; the
# request-to-goal paths with quotes; the codes never linked to a goal);
# --tree, --client, --since and --until select the sessions; --coder picks
# one coder's codes; a rung changed since it was coded counts as uncoded;
# bad options are usage errors.

. "$top_srcdir/tests/cli/lib.sh"
wl_need_sqlite3
command -v jq >/dev/null 2>&1 || tap_skip_all "jq is missing"
wl_tmpdir map
. "$top_srcdir/tests/cli/map-example.sh"

WHYLINE_DB=$tmp/whyline.db
export WHYLINE_DB
WHYLINE_CONSULTANT='Jane Roe'
export WHYLINE_CONSULTANT
book=$top_srcdir/tests/data/map/codebook.yaml

map_example

# ---- the matrix, cell by cell ----

wl_run map --format csv >"$tmp/out.csv" 2>"$tmp/err"
tap_is "map --format csv exits 0" "$?" 0
tap_check "map writes nothing on stderr" test ! -s "$tmp/err"
tap_is "the matrix: codes by level, DIRECT/INDIRECT in each cell" "$(tr -d '\r' <"$tmp/out.csv")" \
"code,social,website,visibility,bookings,freedom,trust,revenue
social,,,2/0,2/1,,0/1,0/3
website,,,,1/0,0/1,,0/1
visibility,,,,1/0,,1/0,0/1
bookings,,,,,1/0,,4/0
freedom,,,,,,,
trust,,,,,,,
revenue,,,,,,,"
printf '%s\n' 'a request, and no why yet' | wl_run run "$map_tree" --plain --client Fay >/dev/null 2>&1
wl_run map --format csv >"$tmp/fay.csv" 2>"$tmp/err"
tap_check "a session paused before its ladder changes nothing" cmp -s "$tmp/out.csv" "$tmp/fay.csv"
tap_check "CSV records end with CRLF" sh -c "head -n 1 '$tmp/out.csv' | od -c | grep -q '\\\\r  \\\\n'"
wl_run map >"$tmp/default.csv" 2>/dev/null
tap_check "CSV is the default" cmp -s "$tmp/out.csv" "$tmp/default.csv"

# ---- JSON ----

wl_run map --format json --codes "$book" >"$tmp/out.json" 2>"$tmp/err"
tap_is "map --format json exits 0" "$?" 0
jq_is() {
	tap_is "$1" "$(jq -c "$2" "$tmp/out.json" 2>&1)" "$3"
}
jq_is "sessions and ladders" '[.sessions, .ladders]' '[5,5]'
jq_is "codes: sessions, requests, goals, level" \
    '[.codes[] | [.code, .sessions, .requests, .goals, .level]]' \
    '[["social",4,4,0,0],["website",1,1,0,0],["visibility",2,0,0,1],["bookings",4,0,0,1.25],["freedom",1,0,1,2],["trust",1,0,0,2],["revenue",4,0,4,2.25]]'
jq_is "labels come from the codebook" '[.codes[] | .label]' \
    '["Social media posts",null,"Being seen","More bookings",null,null,"A stable revenue stream"]'
jq_is "every link with its direct and indirect count" \
    '[.links[] | "\(.from)>\(.to)=\(.direct)/\(.indirect)"]' \
    '["social>visibility=2/0","social>bookings=2/1","social>trust=0/1","social>revenue=0/3","website>bookings=1/0","website>freedom=0/1","website>revenue=0/1","visibility>bookings=1/0","visibility>trust=1/0","visibility>revenue=0/1","bookings>freedom=1/0","bookings>revenue=4/0"]'
jq_is "request-to-goal paths, strongest first" '[.paths[] | [(.codes | join(">")), .ladders]]' \
    '[["social>bookings>revenue",2],["website>bookings>freedom",1],["website>bookings>revenue",1],["social>visibility>bookings>revenue",1]]'
jq_is "a path is quoted as clients said it" '.paths[0].quotes | map(.client) | sort' '["Ann","Ben"]'
jq_is "the quote's rungs" '.paths[0].quotes[] | select(.client == "Ann") | .rungs' \
    '["Instagram posts","more bookings","stable revenue"]'
jq_is "codes never linked to a goal" '.unlinked' '["trust"]'

# ---- the selection ----

wl_run map --client ann --format json >"$tmp/out.json" 2>/dev/null
jq_is "--client keeps matching sessions (any case)" '[.sessions, (.links | length)]' '[1,3]'
wl_run map --tree other --format json >"$tmp/out.json" 2>/dev/null
jq_is "--tree keeps that tree's sessions" '[.sessions, .codes, .links, .paths]' '[0,[],[],[]]'
wl_sql "$WHYLINE_DB" "UPDATE sessions SET started_at = '2024-01-10T09:00:00.000Z' WHERE id = '$map_ann'"
wl_run map --until 2024-01-10 --format json >"$tmp/out.json" 2>/dev/null
jq_is "--until keeps sessions started on or before the day" '[.sessions, .paths[0].quotes[0].client]' '[1,"Ann"]'
wl_run map --since 2024-01-11 --format json >"$tmp/out.json" 2>/dev/null
jq_is "--since keeps sessions started on or after the day" \
    '[.sessions, (.links[] | select(.from == "social" and .to == "bookings") | .direct)]' '[4,1]'

# ---- coders and changed rungs ----

printf '%s\n' ads | wl_run code --plain --coder Ann "$map_dan" >/dev/null 2>&1
wl_run map --coder Ann --format json >"$tmp/out.json" 2>/dev/null
jq_is "--coder keeps one coder's codes" '[.codes[].code]' '["ads"]'
wl_run map --format json >"$tmp/out.json" 2>/dev/null
jq_is "without --coder, the latest code of each rung" \
    '[.codes[] | select(.code == "ads" or .code == "social") | [.code, .sessions]]' \
    '[["ads",1],["social",3]]'

# ---- a ladder that a changed answer leaves unreached ----

when=$top_srcdir/tests/data/map/tree-when.yaml
WHYLINE_DB=$tmp/when.db
printf '%s\n' posts yes 'more sales' | wl_run run "$when" --plain --client Una >/dev/null 2>&1
una=$(wl_sql "$WHYLINE_DB" "SELECT id FROM sessions WHERE client = 'Una'")
printf '%s\n' ads yes 'more reach' /goal | wl_run run "$when" --plain --client Vic >/dev/null 2>&1
printf '%s\n' social sales | wl_run code --plain "$una" >/dev/null 2>&1
printf '%s\n' ads reach | wl_run code --plain >/dev/null 2>&1
wl_run map >"$tmp/out.csv" 2>/dev/null
tap_is "a ladder behind a condition counts while it is reached" \
    "$(tr -d '\r' <"$tmp/out.csv" | sed -n 1p)" "code,ads,social,reach,sales"
printf '%s\n' /back /back no | wl_run resume --plain "$una" >/dev/null 2>&1
wl_run map >"$tmp/out.csv" 2>/dev/null
tap_is "and is left out once a changed answer leaves it unreached" \
    "$(tr -d '\r' <"$tmp/out.csv")" "code,ads,reach
ads,,1/0
reach,,"
WHYLINE_DB=$tmp/whyline.db

# ---- errors ----

wl_run map --since yesterday >/dev/null 2>"$tmp/err"
tap_is "a date that is not YYYY-MM-DD is a usage error" "$?" 2
tap_check "it says what a date is" grep -q "'yesterday' is not a date (YYYY-MM-DD)" "$tmp/err"
wl_run map --format pdf >/dev/null 2>"$tmp/err"
tap_is "an unknown format is a usage error" "$?" 2
wl_run map extra >/dev/null 2>"$tmp/err"
tap_is "an argument is a usage error" "$?" 2
wl_run map --codes "$top_srcdir/tests/data/map/bad-codebook.yaml" >/dev/null 2>"$tmp/err"
tap_is "a broken codebook exits 1" "$?" 1

tap_done
