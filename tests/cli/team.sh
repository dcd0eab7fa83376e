#!/bin/sh
# The team store on a real PostgreSQL server (team-lib.sh starts one):
# push sends the sessions you own, new or changed, once; pull brings the
# team's sessions for offline list, show and brief, and they are never
# pushed back; row-level security lets bob read alice's sessions but not
# change them (a push of her session is refused, exit 3, nothing changed);
# the server's schema is made and versioned by whyline, and a newer one is
# refused; a password in the connection string, a wrong password, a server
# that is down: a clear error, exit 3, the local file unchanged. Codes
# travel both ways: bob codes alice's session and pushes, alice pulls his
# code; each code is its writer's (bob cannot change alice's), the later
# coded wins, and pushing twice changes nothing.

. "$top_srcdir/tests/cli/lib.sh"
wl_need_sqlite3
wl_tmpdir team
. "$top_srcdir/tests/cli/team-lib.sh"

data=$top_srcdir/tests/data/export
tree=$tmp/tree.yaml
cp "$data/tree.yaml" "$tree"
unset WHYLINE_DB
WHYLINE_CONSULTANT='Alice Doe'
export WHYLINE_CONSULTANT
a=$tmp/alice.db
b=$tmp/bob.db

wl_run run "$tree" --db "$a" --answers "$data/full.yaml" --client Acme >/dev/null 2>&1
printf '%s\n' 'Instagram posts' '/note they said it twice' 'more bookings' |
    wl_run run "$tree" --db "$a" --plain --client Carol >/dev/null 2>&1
carol=$(wl_sql "$a" "SELECT id FROM sessions WHERE client = 'Carol'")
acme=$(wl_sql "$a" "SELECT id FROM sessions WHERE client = 'Acme'")
cp "$a" "$tmp/alice-before-push.db"

# ---- refusals before any push: nothing changes ----

cp "$a" "$tmp/keep.db"
wl_run push --db "$a" >"$tmp/out" 2>"$tmp/err"
tap_is "push without a team store: a usage error" "$?" 2
tap_is "and it says how to name one" "$(cat "$tmp/err")" \
    "whyline: no team store: give --team CONNINFO or set WHYLINE_TEAM
Try 'whyline --help' for more information."
wl_run push --db "$a" --team "$(team_of alice) password=alice-secret" >"$tmp/out" 2>"$tmp/err"
tap_is "a password in the connection string: exit 3" "$?" 3
tap_is "it is refused, and never printed" "$(cat "$tmp/err")" \
    "whyline: the team connection string holds a password: keep it in ~/.pgpass (PGPASSFILE), a service file or the environment instead"
wl_run push --db "$a" --team "postgresql://alice:alice-secret@localhost/team" >/dev/null 2>"$tmp/err"
tap_is "a password in a URI: exit 3" "$?" 3
tap_check "and it is not printed" sh -c '! grep -q alice-secret "$1"' sh "$tmp/err"
WHYLINE_TEAM=$(team_of carol) wl_run push --db "$a" >"$tmp/out" 2>"$tmp/err"
tap_is "a password the server refuses (WHYLINE_TEAM): exit 3" "$?" 3
tap_check "it says so in one line" sh -c \
    '[ "$(wc -l <"$1")" -eq 1 ] && grep -q "^whyline: cannot connect to the team store: .*password authentication failed for user \"carol\"" "$1"' \
    sh "$tmp/err"
tap_check "the local file is unchanged" cmp -s "$a" "$tmp/keep.db"
pg_admin "SELECT to_regclass('whyline.sessions') IS NULL" >"$tmp/out"
tap_is "the server was not touched" "$(cat "$tmp/out")" t

# ---- alice pushes ----

wl_run push --db "$a" --team "$(team_of alice)" >"$tmp/out" 2>"$tmp/err"
tap_is "alice's first push exits 0" "$?" 0
tap_is "it sends her two sessions" "$(cat "$tmp/out")" "2 sessions pushed"
tap_is "the server's schema is made, at version 2" \
    "$(pg_admin "SELECT version FROM whyline.schema_version")" 2
tap_is "the sessions are hers on the server" \
    "$(pg_admin "SELECT client || ' ' || owner FROM whyline.sessions ORDER BY client")" \
    "Acme alice
Carol alice"
tap_is "and hers in her file" "$(wl_sql "$a" "SELECT DISTINCT owner FROM sessions")" alice
tap_is "every row arrived" "$(server_counts)" "$(local_counts "$a")"
tap_is "every answer's value and times arrived" \
    "$(pg_admin "SELECT string_agg(question_id || '|' || coalesce(chain::text, '') || '|' || coalesce(rung::text, '') || '|' || coalesce(value, '') || '|' || coalesce(skip_reason, '') || '|' || answered_at || '|' || coalesce(superseded_at, ''), ';' ORDER BY seq) FROM whyline.answers WHERE session_id = '$carol'")" \
    "$(wl_sql "$a" "SELECT group_concat(question_id || '|' || coalesce(chain, '') || '|' || coalesce(rung, '') || '|' || coalesce(value, '') || '|' || coalesce(skip_reason, '') || '|' || answered_at || '|' || coalesce(superseded_at, ''), ';') FROM (SELECT * FROM answers WHERE session_id = '$carol' ORDER BY id)")"
stamps=$(pg_admin "SELECT id || ' ' || stamp FROM whyline.sessions ORDER BY id")
wl_run push --db "$a" --team "$(team_of alice)" >"$tmp/out" 2>&1
tap_is "pushing again sends nothing" "$(cat "$tmp/out")" "0 sessions pushed"
tap_is "and the server's copies are as they were" \
    "$(pg_admin "SELECT id || ' ' || stamp FROM whyline.sessions ORDER BY id")" "$stamps"

printf '%s\n' 'fewer bookings' | wl_run resume --db "$a" --plain "$carol" >/dev/null 2>&1
WHYLINE_TEAM=$(team_of alice) wl_run push --db "$a" >"$tmp/out" 2>&1
tap_is "a resumed session is pushed again (WHYLINE_TEAM)" "$(cat "$tmp/out")" "1 session pushed"
tap_is "with its new answer" \
    "$(pg_admin "SELECT value FROM whyline.answers WHERE session_id = '$carol' AND superseded_at IS NULL AND rung = 2")" \
    "fewer bookings"
tap_is "and only it changed on the server" \
    "$(pg_admin "SELECT id || ' ' || stamp FROM whyline.sessions WHERE id = '$acme'")" \
    "$(echo "$stamps" | grep "^$acme")"

# ---- bob pulls, reads, pushes his own ----

WHYLINE_CONSULTANT='Bob Roe' wl_run run "$tree" --db "$b" \
    --answers "$data/other-answers.yaml" --client Bobco >/dev/null 2>&1
wl_run pull --db "$b" --team "$(team_of bob)" >"$tmp/out" 2>"$tmp/err"
tap_is "bob's pull exits 0" "$?" 0
tap_is "it brings alice's two sessions" "$(cat "$tmp/out")" "2 sessions pulled"
tap_is "they are alice's in bob's file" \
    "$(wl_sql "$b" "SELECT client || ' ' || coalesce(owner, '-') FROM sessions ORDER BY client")" \
    "Acme alice
Bobco -
Carol alice"
wl_run pull --db "$b" --team "$(team_of bob)" >"$tmp/out" 2>&1
tap_is "pulling again brings nothing" "$(cat "$tmp/out")" "0 sessions pulled"
wl_run push --db "$b" --team "$(team_of bob)" >"$tmp/out" 2>&1
tap_is "bob's push sends his session only, not the pulled ones" "$(cat "$tmp/out")" "1 session pushed"
tap_is "the server has the three, each once" \
    "$(pg_admin "SELECT client || ' ' || owner FROM whyline.sessions ORDER BY client")" \
    "Acme alice
Bobco bob
Carol alice"
tap_is "and alice's copies are as alice pushed them" \
    "$(pg_admin "SELECT stamp FROM whyline.sessions WHERE id = '$acme'")" \
    "$(echo "$stamps" | grep "^$acme" | cut -d' ' -f2-)"

# ---- row-level security ----

before=$(pg_admin "SELECT id || ' ' || stamp FROM whyline.sessions WHERE owner = 'alice' ORDER BY id")
wl_run push --db "$tmp/alice-before-push.db" --team "$(team_of bob)" >"$tmp/out" 2>"$tmp/err"
tap_is "bob pushing a copy of alice's sessions: exit 3" "$?" 3
tap_check "each is refused, naming its owner" grep -q \
    "^whyline: session ${carol%"${carol#????????}"} is not pushed: the team store refuses the session: session $carol belongs to alice" "$tmp/err"
tap_is "nothing is pushed" "$(cat "$tmp/out")" "0 sessions pushed"
tap_is "alice's sessions on the server are unchanged" \
    "$(pg_admin "SELECT id || ' ' || stamp FROM whyline.sessions WHERE owner = 'alice' ORDER BY id")" \
    "$before"
tap_is "and so are their rows" "$(server_counts "WHERE owner = 'alice'")" "$(local_counts "$a")"
tap_is "the copy bob tried to push is still no one's" \
    "$(wl_sql "$tmp/alice-before-push.db" "SELECT count(*) FROM sessions WHERE owner IS NOT NULL")" 0

bob_sql() {
	psql "$(team_of bob)" -X -q -A -t -c "$1" 2>&1
}
tap_is "bob reads the team's sessions" "$(bob_sql "SELECT count(*) FROM whyline.sessions")" 3
tap_is "bob's UPDATE of alice's answers changes nothing" \
    "$(bob_sql "UPDATE whyline.answers SET value = 'x' WHERE session_id = '$carol' RETURNING 1" | wc -l)" 0
tap_is "nor does his DELETE of her session" \
    "$(bob_sql "DELETE FROM whyline.sessions WHERE owner = 'alice' RETURNING 1" | wc -l)" 0
tap_check "bob cannot add rows to alice's session" sh -c \
    'psql "$1" -X -q -c "INSERT INTO whyline.notes VALUES ('"'"'$2'"'"', 99, NULL, '"'"'x'"'"', '"'"'now'"'"')" 2>&1 | grep -q "row-level security"' \
    sh "$(team_of bob)" "$carol"
tap_check "nor give a session of his to alice" sh -c \
    'psql "$1" -X -q -c "UPDATE whyline.sessions SET owner = '"'"'alice'"'"'" 2>&1 | grep -q "row-level security"' \
    sh "$(team_of bob)"
tap_is "alice's rows are all there" "$(server_counts "WHERE owner = 'alice'")" "$(local_counts "$a")"

# ---- alice changes her session, bob pulls it again ----

# An analyst's codes on a pulled session are this file's own: bob codes a
# rung of alice's session, and the next pull of it keeps his code.
wl_sql "$b" "INSERT INTO codes (session_id, question_id, chain, rung, coder, code, value, coded_at)
    VALUES ('$carol', 'why', 0, 1, 'bob', 'revenue', 'steady income', '2026-11-29T10:00:00.000Z')" >/dev/null
printf '%s\n' '/note a second note' | wl_run resume --db "$a" --plain "$carol" >/dev/null 2>&1
wl_run push --db "$a" --team "$(team_of alice)" >/dev/null 2>&1
wl_run pull --db "$b" --team "$(team_of bob)" >"$tmp/out" 2>&1
tap_is "bob's next pull brings the changed session only" "$(cat "$tmp/out")" "1 session pulled"
tap_is "with its new note" "$(wl_sql "$b" "SELECT text FROM notes WHERE session_id = '$carol' ORDER BY noted_at")" \
    "they said it twice
a second note"
tap_is "and bob's code on it is kept" \
    "$(wl_sql "$b" "SELECT coder || '=' || code FROM codes WHERE session_id = '$carol'")" "bob=revenue"

# ---- codes travel: any member writes their own codes on any session ----

codes_of() {
	pg_admin "SELECT coder || '=' || code || ' ' || value || ' ' || coded_at || ' ' || writer
	    FROM whyline.codes ORDER BY coder, session_id"
}
wl_sql "$a" "INSERT INTO codes (session_id, question_id, chain, rung, coder, code, value, coded_at)
    VALUES ('$carol', 'why', 0, 1, 'alice', 'reach', 'Instagram posts', '2026-11-29T09:00:00.000Z')" >/dev/null
wl_run push --db "$a" --team "$(team_of alice)" >"$tmp/out" 2>&1
tap_is "alice's push of a code alone exits 0" "$?" 0
tap_is "it says so" "$(cat "$tmp/out")" "0 sessions pushed
1 code pushed"
wl_run push --db "$b" --team "$(team_of bob)" >"$tmp/out" 2>&1
tap_is "bob's push of his code on alice's session exits 0" "$?" 0
tap_is "bob's push says one code" "$(cat "$tmp/out")" "0 sessions pushed
1 code pushed"
tap_is "the server has both codes, each its writer's" "$(codes_of)" \
    "alice=reach Instagram posts 2026-11-29T09:00:00.000Z alice
bob=revenue steady income 2026-11-29T10:00:00.000Z bob"
before=$(pg_admin "SELECT xmin || ' ' || coder FROM whyline.codes ORDER BY coder")
wl_run push --db "$b" --team "$(team_of bob)" >"$tmp/out" 2>&1
tap_is "bob's second push sends nothing" "$(cat "$tmp/out")" "0 sessions pushed"
wl_run push --db "$a" --team "$(team_of alice)" >/dev/null 2>&1
tap_is "pushing again changes no code row" \
    "$(pg_admin "SELECT xmin || ' ' || coder FROM whyline.codes ORDER BY coder")" "$before"
wl_run pull --db "$a" --team "$(team_of alice)" >"$tmp/out" 2>&1
tap_is "alice's pull exits 0" "$?" 0
tap_is "it brings bob's code" "$(cat "$tmp/out")" "1 session pulled
1 code pulled"
tap_is "alice sees bob's code on her session, and keeps hers" \
    "$(wl_sql "$a" "SELECT coder || '=' || code FROM codes WHERE session_id = '$carol' ORDER BY coder")" \
    "alice=reach
bob=revenue"
wl_run pull --db "$b" --team "$(team_of bob)" >/dev/null 2>&1
tap_is "bob gets alice's code too" \
    "$(wl_sql "$b" "SELECT coder || '=' || code FROM codes WHERE session_id = '$carol' ORDER BY coder")" \
    "alice=reach
bob=revenue"
tap_is "bob's UPDATE of alice's code changes nothing" \
    "$(bob_sql "UPDATE whyline.codes SET code = 'x' WHERE coder = 'alice' RETURNING 1" | wc -l)" 0
tap_is "nor does his DELETE of it" \
    "$(bob_sql "DELETE FROM whyline.codes WHERE coder = 'alice' RETURNING 1" | wc -l)" 0
tap_check "bob cannot write a code in alice's name" sh -c \
    'psql "$1" -X -q -c "INSERT INTO whyline.codes VALUES ('"'"'$2'"'"', '"'"'why'"'"', 0, 2, '"'"'alice'"'"', '"'"'x'"'"', '"'"'x'"'"', '"'"'now'"'"', '"'"'alice'"'"')" 2>&1 | grep -q "row-level security"' \
    sh "$(team_of bob)" "$carol"
wl_sql "$b" "UPDATE codes SET code = 'taken', coded_at = '2026-11-30T00:00:00.000Z' WHERE coder = 'alice'" >/dev/null
wl_sql "$b" "UPDATE codes SET code = 'income', coded_at = '2026-11-30T00:00:00.000Z' WHERE coder = 'bob'" >/dev/null
wl_run push --db "$b" --team "$(team_of bob)" >"$tmp/out" 2>&1
tap_is "bob's push with a changed copy of alice's code exits 0" "$?" 0
tap_is "it recodes his rung, and leaves alice's code as she wrote it" "$(codes_of)" \
    "alice=reach Instagram posts 2026-11-29T09:00:00.000Z alice
bob=income steady income 2026-11-30T00:00:00.000Z bob"
wl_sql "$a" "UPDATE codes SET code = 'stale', coded_at = '2026-11-29T11:00:00.000Z' WHERE coder = 'bob'" >/dev/null
wl_run pull --db "$a" --team "$(team_of alice)" >/dev/null 2>&1
tap_is "alice's pull takes bob's later code over an older one here" \
    "$(wl_sql "$a" "SELECT code FROM codes WHERE session_id = '$carol' AND coder = 'bob'")" income
wl_sql "$a" "UPDATE codes SET code = 'newer', coded_at = '2026-12-01T00:00:00.000Z' WHERE coder = 'bob'" >/dev/null
wl_run pull --db "$a" --team "$(team_of alice)" >/dev/null 2>&1
tap_is "and keeps a code here coded later than the server's" \
    "$(wl_sql "$a" "SELECT code FROM codes WHERE session_id = '$carol' AND coder = 'bob'")" newer

# ---- a session on the server that is not of whyline's shapes (here a
# language that is a path, written there by hand) is not pulled: a
# warning names it, the others are pulled, the copy here is unchanged ----

was=$(pg_admin "SELECT coalesce(language, '') || '|' || stamp FROM whyline.sessions WHERE id = '$acme'")
pg_admin "UPDATE whyline.sessions SET language = '../../../tmp/x', stamp = 'z' WHERE id = '$acme'" >/dev/null
pg_admin "UPDATE whyline.sessions SET stamp = 'z' WHERE id = '$carol'" >/dev/null
lang_here=$(wl_sql "$b" "SELECT count(*) || ':' || coalesce(max(language), 'none') FROM sessions WHERE id = '$acme'")
wl_run pull --db "$b" --team "$(team_of bob)" >"$tmp/out" 2>"$tmp/err"
tap_is "a session of another shape on the server: pull exits 0" "$?" 0
tap_check "it says which, and why" grep -q \
    "^whyline: the team store: sessions, row [0-9]*: language is not a language; that session is not pulled" "$tmp/err"
tap_is "the other session is pulled" "$(cat "$tmp/out")" "1 session pulled"
tap_is "the copy here keeps its language" \
    "$(wl_sql "$b" "SELECT count(*) || ':' || coalesce(max(language), 'none') FROM sessions WHERE id = '$acme'")" "1:${lang_here#1:}"
pg_admin "UPDATE whyline.sessions SET language = nullif('${was%|*}', ''), stamp = '${was#*|}' WHERE id = '$acme'" >/dev/null

# ---- reading the server directly: --team on list, show, brief, export ----

e=$tmp/empty.db
# --team's private copies go to TMPDIR: a folder of this test's own, so
# that another test's copies are not counted.
mkdir "$tmp/private"
TMPDIR=$tmp/private
export TMPDIR
wl_run list --db "$e" --team "$(team_of bob)" >"$tmp/out" 2>"$tmp/err"
tap_is "list --team exits 0" "$?" 0
tap_is "it lists the team's three sessions" "$(grep -c -e Acme -e Bobco -e Carol "$tmp/out")" 3
wl_run brief --db "$e" --team "$(team_of bob)" "$carol" >"$tmp/team.md" 2>"$tmp/err"
wl_run brief --db "$a" "$carol" >"$tmp/alice.md" 2>&1
tap_check "brief --team is the brief alice gets from her file" cmp -s "$tmp/team.md" "$tmp/alice.md"
wl_run show --db "$e" --team "$(team_of bob)" "$carol" >"$tmp/out" 2>&1
tap_check "show --team shows the session's second note" grep -q "a second note" "$tmp/out"
wl_run export --db "$e" --team "$(team_of bob)" "$acme" >"$tmp/out" 2>&1
tap_check "export --team exports it" grep -q "$acme" "$tmp/out"
tap_is "the local file is not touched by --team" \
    "$(wl_sql "$e" "SELECT count(*) FROM sessions" 2>/dev/null || echo 0)" 0
tap_is "nor is any private copy left behind" \
    "$(ls "$TMPDIR" | grep -c '^whyline-team\.')" 0
unset TMPDIR
wl_run list --db "$e" --team "host=$tmp/nowhere dbname=team user=bob" >"$tmp/out" 2>"$tmp/err"
tap_is "list --team with no server there: exit 3" "$?" 3
wl_run check --team "$(team_of bob)" "$tree" >/dev/null 2>&1
tap_is "check takes no --team" "$?" 2

# ---- the push at the end of a call ----

# wait_for SQL EXPECTED: polls the server until SQL gives EXPECTED.
wait_for() {
	_i=0
	while [ "$(pg_admin "$1")" != "$2" ]; do
		_i=$((_i + 1))
		[ "$_i" -le 400 ] || return 1
		wl_sleep_tick
	done
}

printf '%s\n' 'Website' | WHYLINE_TEAM=$(team_of alice) \
    wl_run run "$tree" --db "$a" --plain --client Dora >"$tmp/out" 2>"$tmp/err"
tap_is "a call with WHYLINE_TEAM set exits as always" "$?" 0
tap_check "and its session reaches the team store" \
    wait_for "SELECT count(*) FROM whyline.sessions WHERE client = 'Dora' AND owner = 'alice'" 1
tap_check "with its answer" wait_for \
    "SELECT value FROM whyline.answers a JOIN whyline.sessions s ON s.id = a.session_id WHERE s.client = 'Dora'" Website
printf '%s\n' 'Website' | WHYLINE_TEAM="host=$tmp/nowhere dbname=team user=alice" \
    wl_run run "$tree" --db "$a" --plain --client Eve >"$tmp/out" 2>"$tmp/err"
tap_is "a call whose push fails exits as always" "$?" 0
tap_check "the failed push says so in one line" wl_wait_count "$tmp/err" \
    "^whyline: the push after the call failed \(run whyline push later\): cannot connect" 1
sleep 0.2
tap_is "one line only" "$(grep -c "push after the call" "$tmp/err")" 1
tap_is "the session stays to push later" \
    "$(wl_sql "$a" "SELECT coalesce(owner, 'none') FROM sessions WHERE client = 'Eve'")" none
wl_run push --db "$a" --team "$(team_of alice)" >"$tmp/out" 2>&1
tap_is "and the next push sends it" "$(cat "$tmp/out")" "1 session pushed"

# ---- a server newer than whyline ----

pg_admin "UPDATE whyline.schema_version SET version = 99"
cp "$a" "$tmp/keep.db"
wl_run push --db "$a" --team "$(team_of alice)" >"$tmp/out" 2>"$tmp/err"
tap_is "a newer server: exit 3" "$?" 3
tap_is "it says so" "$(cat "$tmp/err")" \
    "whyline: the team store was made by a newer whyline (schema version 99, this one knows 2)"
tap_check "the local file is unchanged" cmp -s "$a" "$tmp/keep.db"
pg_admin "UPDATE whyline.schema_version SET version = 2"

# ---- the server down: bob works offline on the pulled sessions ----

wl_run brief --db "$a" "$carol" >"$tmp/alice.md" 2>&1
pg_as "$pg_bin/pg_ctl" -D "$pg_host/data" -m fast stop >/dev/null 2>&1
cp "$b" "$tmp/keep.db"
wl_run pull --db "$b" --team "$(team_of bob)" >"$tmp/out" 2>"$tmp/err"
tap_is "pull with the server down: exit 3" "$?" 3
tap_check "it says it cannot connect" grep -q "^whyline: cannot connect to the team store: " "$tmp/err"
tap_check "the local file is unchanged" cmp -s "$b" "$tmp/keep.db"
wl_run brief --db "$b" "$carol" >"$tmp/bob.md" 2>"$tmp/err"
tap_is "offline, bob's brief of alice's session exits 0" "$?" 0
tap_check "and is the brief alice gets" cmp -s "$tmp/alice.md" "$tmp/bob.md"
wl_run list --db "$b" >"$tmp/out" 2>&1
tap_is "offline, bob lists the team's three sessions" "$(grep -c -e Acme -e Bobco -e Carol "$tmp/out")" 3

tap_done
