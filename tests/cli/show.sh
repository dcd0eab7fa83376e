#!/bin/sh
# `whyline show`: the session's header, then every answer, note and event
# in the order they happened, each with its time: an answer changed after
# /back is marked superseded with when, one no longer reached is marked set
# aside, pauses and resumptions appear; control characters of a hostile
# answer are stripped; a line break in an answer is indented.

. "$top_srcdir/tests/cli/lib.sh"
wl_need_sqlite3
wl_tmpdir show

data=$top_srcdir/tests/data/export
tree=$tmp/tree.yaml
cp "$data/tree.yaml" "$tree"
WHYLINE_DB=$tmp/whyline.db
export WHYLINE_DB
WHYLINE_CONSULTANT='Jane Roe'
export WHYLINE_CONSULTANT
TZ=UTC
export TZ

# at SQL: a time the database holds, as show prints it.
at() {
	wl_sql "$WHYLINE_DB" "SELECT replace(substr(($1), 1, 19), 'T', ' ')"
}

hostile=$(printf 'soon\033[31m red\033]0;title\007 \302\233now')
printf '%s\n' 'Instagram posts' '/note they said it twice' 'more bookings' '/goal' \
    fixed 1200 | wl_run run "$tree" --plain --client Carol >/dev/null 2>&1
c=$(wl_sql "$WHYLINE_DB" "SELECT id FROM sessions")
printf '%s\n' /back /back results "$hostile" | wl_run resume --plain >/dev/null 2>&1

wl_run show >"$tmp/out" 2>"$tmp/err"
tap_is "show (the latest session) exits 0" "$?" 0
tap_check "show writes nothing on stderr" test ! -s "$tmp/err"

sha=$(sha256sum "$tree" | cut -c1-12)
started=$(at "SELECT started_at FROM sessions")
updated=$(at "SELECT updated_at FROM sessions")
tap_is "the header" "$(sed -n 1,10p "$tmp/out")" \
"Session $c
  Tree:        Export test (export-test 2.1, sha256 $sha)
  Client:      Carol
  Consultant:  Jane Roe
  Language:    en
  Status:      open
  Started:     $started
  Updated:     $updated
  Finished:    -"

tap_is "every answer, note and event, in the order they happened" "$(sed 1,10d "$tmp/out" | cut -c22-)" \
"started
request: Instagram posts
note on why: they said it twice
why, rung 1: more bookings
budget: A fixed amount [superseded $(at "SELECT superseded_at FROM answers WHERE value = 'fixed'")]
budget_amount: 1200 [set aside: no longer asked]
paused
resumed
budget: Tied to results
deadline: soon[31m red]0;title now
paused"

tap_is "each line begins with its time" \
    "$(sed 1,10d "$tmp/out" | grep -Evc '^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}  [^ ]')" 0
tap_is "a pause's time is the one stored" \
    "$(grep ' paused$' "$tmp/out" | tail -n 1 | cut -c1-19)" \
    "$(at "SELECT at FROM events WHERE kind = 'pause' ORDER BY id DESC LIMIT 1")"
tap_is "a note's time is the one stored" \
    "$(grep ' note on why: ' "$tmp/out" | cut -c1-19)" "$(at "SELECT noted_at FROM notes")"
tap_is "an answer's time is the one stored" \
    "$(grep ' budget: Tied to results$' "$tmp/out" | cut -c1-19)" \
    "$(at "SELECT answered_at FROM answers WHERE value = 'results'")"
tap_check "no control character (C0 or C1) reaches the terminal" \
    sh -c "! grep -q \"\$(printf '[\\033\\007]')\" '$tmp/out' && ! grep -q \"\$(printf '\\302\\233')\" '$tmp/out'"

# ---- a session named; a line break; a skip with its reason ----

d=$(wl_run run "$tree" --answers "$data/hostile.yaml" --client 'Smith' 2>/dev/null)
wl_run show "$(echo "$c" | cut -c1-5)" >"$tmp/out" 2>"$tmp/err"
tap_check "show PREFIX shows that session, not the latest" grep -q "^Session $c\$" "$tmp/out"
wl_run show "$d" >"$tmp/out" 2>"$tmp/err"
tap_is "a finished session" "$(sed -n 6p "$tmp/out")" "  Status:      done"
tap_is "a line break in an answer is indented under it" \
    "$(grep -A 2 ' remarks: a$' "$tmp/out")" \
    "$(printf '%s\n' "$(at "SELECT answered_at FROM answers WHERE question_id = 'remarks'")  remarks: a" \
    '                     b, "c"' '                     =SUM(A1)[2J]0;pwned')"
tap_check "a skipped question says so" grep -q '  topics: skipped$' "$tmp/out"
tap_check "the end is recorded" grep -q '  finished$' "$tmp/out"

printf '%s\n' 'A flyer' '/skip the client would not say' | wl_run run "$tree" --plain >/dev/null 2>&1
wl_run show >"$tmp/out" 2>"$tmp/err"
tap_check "a skip shows its reason" grep -q '  why: skipped (the client would not say)$' "$tmp/out"

# ---- errors ----

wl_run show 0000ffff >"$tmp/out" 2>"$tmp/err"
tap_is "an unknown session exits 1" "$?" 1
tap_is "an unknown session is named in one line" "$(cat "$tmp/err")" \
    'whyline: no session matches "0000ffff"'
wl_run show "$c" "$d" >"$tmp/out" 2>"$tmp/err"
tap_is "two sessions are a usage error" "$?" 2
WHYLINE_DB=$tmp/empty.db wl_run show >"$tmp/out" 2>"$tmp/err"
tap_is "no session yet exits 1" "$?" 1
tap_is "no session yet says so" "$(cat "$tmp/err")" "whyline: there is no session yet"

tap_done
