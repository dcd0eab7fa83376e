#!/bin/sh
# Pausing and resuming: the end of input, /pause, SIGTERM, SIGHUP and (on a
# pipe) SIGINT pause with exit 0 and a recorded event; `whyline resume`
# goes on from the first unanswered question, by default with the latest
# session, or the one a unique prefix of at least 4 characters names; a
# tree that changed since is said and recorded; language switches are
# recorded with their times.

. "$top_srcdir/tests/cli/lib.sh"
wl_need_sqlite3
wl_tmpdir pause-resume

db=$tmp/db/whyline.db
WHYLINE_DB=$db
export WHYLINE_DB
unset WHYLINE_BUSY_TIMEOUT_MS
tree=$tmp/tree.yaml
cp "$top_srcdir/tests/data/trees/interview.yaml" "$tree"

# The kinds of a session's events, in order, on one line.
events() {
	wl_sql "$db" "SELECT kind FROM events WHERE session_id = '$1' ORDER BY id" | tr '\n' ' '
}
# The first question asked after the line "Resuming ..." in a transcript.
first_asked() {
	sed -n '/^\[/{p;q;}' "$1"
}

# ---- a pause before the first answer stores nothing ----

wl_run run "$tree" --client ACME </dev/null >"$tmp/out" 2>"$tmp/err"
tap_is "the end of input at the first question pauses with exit 0" "$?" 0
tap_is "it says nothing was stored" "$(tail -n 1 "$tmp/err")" \
    "Paused before the first answer: nothing was stored."
tap_is "no session, answer or event is stored" \
    "$(wl_sql "$db" "SELECT count(*) FROM sessions; SELECT count(*) FROM answers; SELECT count(*) FROM events" | tr '\n' ' ')" \
    "0 0 0 "
printf '/pause\n' | wl_run run "$tree" --client ACME >/dev/null 2>"$tmp/err"
tap_is "/pause at the first question stores no session either" \
    "$(wl_sql "$db" "SELECT count(*) FROM sessions")" 0
printf '/note called from the car\n/pause\n' | wl_run run "$tree" --client ACME >/dev/null 2>&1
tap_is "a note before the first answer is kept: the session is stored with it" \
    "$(wl_sql "$db" "SELECT count(*) FROM sessions; SELECT count(*) FROM notes" | tr '\n' ' ')" "1 1 "
rm -rf "$tmp/db"

# ---- the end of input pauses; resume goes on ----

printf '%s\n' 'Instagram posts' 'more bookings' |
    wl_run run "$tree" --client ACME >"$tmp/out" 2>"$tmp/err"
tap_is "the end of input pauses with exit 0" "$?" 0
tap_check "nothing on stdout" test ! -s "$tmp/out"
s1=$(wl_sql "$db" "SELECT id FROM sessions")
tap_is "the pause says how to resume, with the session's id" "$(tail -n 1 "$tmp/err")" \
    "Paused; every answer is saved. Go on with: $(realpath "$WHYLINE") resume $(echo "$s1" | cut -c1-8)"
tap_is "the session stays open; start and pause are events" \
    "$(wl_sql "$db" "SELECT status FROM sessions") $(events "$s1")" "open start pause "

printf '%s\n' 'stable revenue' | wl_run resume >"$tmp/out" 2>"$tmp/err"
tap_is "resume (the latest session) exits 0 at the end of input" "$?" 0
tap_check "resume writes nothing to stdout" test ! -s "$tmp/out"
tap_is "resume names the call, the client and the session" "$(head -n 1 "$tmp/err")" \
    "Resuming \"Interview test call\" (ACME), session $(echo "$s1" | cut -c1-8)."
tap_is "resume asks the first unanswered question" "$(first_asked "$tmp/err")" \
    "[2/6, why 2/3] Why does the client want more bookings?"
tap_is "the answer given after resuming is stored" \
    "$(wl_sql "$db" "SELECT value FROM answers WHERE question_id = 'why' AND rung = 2")" \
    "stable revenue"
tap_is "resume and the second pause are events" "$(events "$s1")" "start pause resume pause "

# ---- a second session: the default is the latest, a prefix names one ----

printf '%s\n' 'Flyers' | wl_run run "$tree" --client Other >/dev/null 2>&1
s2=$(wl_sql "$db" "SELECT id FROM sessions WHERE client = 'Other'")
wl_run resume </dev/null >"$tmp/out" 2>"$tmp/err"
tap_check "resume without a session takes the latest one" \
    grep -q "^Resuming \"Interview test call\" (Other), session $(echo "$s2" | cut -c1-8)\.$" "$tmp/err"
p1=$(echo "$s1" | cut -c1-4)
wl_run resume "$p1" </dev/null >"$tmp/out" 2>"$tmp/err"
tap_is "resume by a 4-character prefix exits 0" "$?" 0
tap_check "resume by a prefix takes that session" \
    grep -q "^Resuming \"Interview test call\" (ACME), session $(echo "$s1" | cut -c1-8)\.$" "$tmp/err"
tap_is "the prefix's session asks where it stopped" "$(first_asked "$tmp/err")" \
    "[2/6, why 3/3] Why does the client want stable revenue?"

# ---- prefixes that are refused ----

wl_run resume "$(echo "$s1" | cut -c1-3)" </dev/null >"$tmp/out" 2>"$tmp/err"
tap_is "a 3-character prefix exits 1" "$?" 1
tap_is "a 3-character prefix is refused in one line" "$(cat "$tmp/err")" \
    "whyline: a session id needs at least 4 characters: \"$(echo "$s1" | cut -c1-3)\""
wl_run resume 0000ffff-nope </dev/null >"$tmp/out" 2>"$tmp/err"
tap_is "an unknown session exits 1" "$?" 1
tap_is "an unknown session is named" "$(cat "$tmp/err")" \
    "whyline: no session matches \"0000ffff-nope\""
# A session merged from another database that shares the first 8 characters.
twin=$(echo "$s1" | cut -c1-8)-ffff-4fff-8fff-ffffffffffff
[ "$twin" != "$s1" ] || twin=$(echo "$s1" | cut -c1-8)-eeee-4eee-8eee-eeeeeeeeeeee
wl_sql "$db" "INSERT INTO sessions (id, tree_id, tree_version, tree_sha256,
    tree_path, title, client, consultant, language, status, started_at, updated_at)
    SELECT '$twin', tree_id, tree_version, tree_sha256, tree_path, title, 'Twin',
    consultant, language, status, started_at, '2000-01-01T00:00:00.000Z'
    FROM sessions WHERE id = '$s1'"
wl_run resume "$(echo "$s1" | cut -c1-8)" </dev/null >"$tmp/out" 2>"$tmp/err"
tap_is "an ambiguous prefix exits 1" "$?" 1
tap_is "an ambiguous prefix says so" "$(cat "$tmp/err")" \
    "whyline: \"$(echo "$s1" | cut -c1-8)\" matches 2 sessions; give more characters"
wl_run resume "$s1" </dev/null >/dev/null 2>&1
tap_is "the whole id still names one session" "$?" 0
wl_run resume a b </dev/null >"$tmp/out" 2>"$tmp/err"
tap_is "two sessions are a usage error (exit 2)" "$?" 2
rm -rf "$tmp/db"
wl_run resume </dev/null >"$tmp/out" 2>"$tmp/err"
tap_is "resume with no session at all exits 1" "$?" 1
tap_is "resume with no session at all says so" "$(cat "$tmp/err")" "whyline: there is no session yet"

# ---- SIGTERM, SIGHUP and SIGINT at a prompt pause ----

for sig in TERM HUP INT; do
	rm -rf "$tmp/db"
	wl_bg_start "$tmp/fifo" "$tmp/out" "$tmp/err" run "$tree"
	wl_bg_send 'Instagram posts'
	if ! wl_wait_count "$tmp/err" '^> ' 2; then
		tap_fail "SIG$sig: the second prompt appears"
		tap_diag "$tmp/err"
		wl_bg_close
		wl_bg_wait
		continue
	fi
	kill -s "$sig" "$wl_pid"
	# The input stays open: only the signal can end the wait.
	wl_bg_wait
	tap_is "SIG$sig at a prompt pauses with exit 0, while input is still open" "$wl_status" 0
	wl_bg_close
	s=$(wl_sql "$db" "SELECT id FROM sessions")
	tap_is "SIG$sig: the answer is kept and the pause is an event" \
	    "$(wl_sql "$db" "SELECT value FROM answers") $(events "$s")" "Instagram posts start pause "
	tap_check "SIG$sig: the pause says how to resume" grep -q '^Paused; every answer is saved' "$tmp/err"
	tap_check "SIG$sig: nothing on stdout" test ! -s "$tmp/out"
done

# ---- a language switch is recorded ----

rm -rf "$tmp/db"
printf '%s\n' 'Instagram posts' '/lang fr' | wl_run --locale-dir "$WHYLINE_LOCALE" run "$tree" >/dev/null 2>&1
s=$(wl_sql "$db" "SELECT id FROM sessions")
wl_run resume --lang de </dev/null >/dev/null 2>"$tmp/err"
tap_is "resume --lang with no catalog for it is a usage error (exit 2)" "$?" 2
tap_check "it says so, as run --lang does" grep -q "^whyline: no catalog for language 'de' (neither whyline's nor the tree's); available: en" "$tmp/err"
wl_run resume --lang en </dev/null >/dev/null 2>&1
tap_is "/lang and resume --lang are events with their language; the session keeps the last" \
    "$(wl_sql "$db" "SELECT group_concat(kind || coalesce(':' || detail, ''), ' ')
    FROM (SELECT kind, detail FROM events ORDER BY id)") $(wl_sql "$db" "SELECT language FROM sessions")" \
    "start lang:fr pause resume lang:en pause en"
tap_is "every event has a UTC ISO 8601 time, in order" \
    "$(wl_sql "$db" "SELECT count(*) FROM events WHERE at GLOB
    '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]*Z'
    AND at >= coalesce((SELECT max(at) FROM events e2 WHERE e2.id < events.id), '')")" 6

# ---- resume on a tree that changed ----

rm -rf "$tmp/db"
printf '%s\n' 'Instagram posts' 'more bookings' '/goal' 'unknown' 'yes' | wl_run run "$tree" >/dev/null 2>&1
s=$(wl_sql "$db" "SELECT id FROM sessions")
cp "$top_srcdir/tests/data/trees/interview-changed.yaml" "$tree"
printf '%s\n' 'web' '' | wl_run resume >"$tmp/out" 2>"$tmp/err"
tap_is "resume on a changed tree goes on (exit 0)" "$?" 0
tap_is "resume on a changed tree says so, and how many answers are set aside" "$(head -n 1 "$tmp/err")" \
    "whyline: $tree changed since the session began; 1 stored answer no longer fits it and is set aside (kept, not used): urgent"
sha=$(wl_sql "$db" "SELECT tree_sha256 FROM sessions")
if command -v sha256sum >/dev/null 2>&1; then
	tap_is "the session now points at the changed tree" "$sha" \
	    "$(sha256sum "$tree" | cut -d' ' -f1)"
fi
tap_is "the change is an event with the new SHA-256" \
    "$(wl_sql "$db" "SELECT detail FROM events WHERE kind = 'tree'")" "$sha"
tap_is "the answer to the removed question is kept, not deleted" \
    "$(wl_sql "$db" "SELECT value FROM answers WHERE question_id = 'urgent'")" "yes"
tap_is "the changed tree's next question is asked, and the call ends" \
    "$(first_asked "$tmp/err") $(wl_sql "$db" "SELECT status FROM sessions")" \
    "[4/5] Which channels? done"

# A tree file that is gone: the copy kept in the database is used.
rm -rf "$tmp/db"
cp "$top_srcdir/tests/data/trees/interview.yaml" "$tree"
printf '%s\n' 'Instagram posts' | wl_run run "$tree" >/dev/null 2>&1
rm -f "$tree"
printf '%s\n' 'more bookings' | wl_run resume >"$tmp/out" 2>"$tmp/err"
tap_is "resume without the tree file goes on with the kept copy (exit 0)" "$?" 0
tap_check "resume without the tree file says so, and why" \
    grep -q "^whyline: $tree cannot be used; going on with the copy kept with the session. Its first error: $tree: error: No such file or directory$" "$tmp/err"
tap_is "the answer given then is stored" \
    "$(wl_sql "$db" "SELECT value FROM answers WHERE question_id = 'why'")" "more bookings"
# A tree file that no longer checks: its first error is said.
sed 's/type: multi/type: bogus/' \
    "$top_srcdir/tests/data/trees/interview.yaml" >"$tree"
grep -q 'type: bogus' "$tree" || echo "Bail out! the broken tree was not made"
wl_run resume </dev/null >"$tmp/out" 2>"$tmp/err"
tap_check "resume on a tree that no longer checks names its first error" \
    grep -q "^whyline: $tree cannot be used; going on with the copy kept with the session. Its first error: $tree:[0-9]*:[0-9]*: error: .*bogus" "$tmp/err"
cp "$top_srcdir/tests/data/trees/interview.yaml" "$tree"

# ---- a done session: not resumed, nothing written ----

rm -rf "$tmp/db"
cp "$top_srcdir/tests/data/trees/interview.yaml" "$tree"
wl_run run "$tree" --answers "$top_srcdir/tests/data/answers/interview-valid.yaml" >/dev/null 2>&1
before=$(wl_sql "$db" "SELECT count(*) FROM events")
sha=$(wl_sql "$db" "SELECT tree_sha256 FROM sessions")
wl_run resume </dev/null >"$tmp/out" 2>"$tmp/err"
tap_is "resume on a done session does nothing (exit 0)" "$?" 0
tap_check "it says the call is finished and points to brief and amend" \
    grep -q "is finished and is not resumed: a call's time never changes after it ends. Write the brief with: .* brief [0-9a-f]*; change an answer with: .* amend [0-9a-f]* QUESTION$" "$tmp/err"
tap_is "resume on a done session records nothing" "$(wl_sql "$db" "SELECT count(*) FROM events")" "$before"

# A done session whose tree now asks more is not resumed either: its
# answers stay those of the call, on the tree kept with it.
cp "$top_srcdir/tests/data/trees/interview-added.yaml" "$tree"
printf '%s\n' 'call back' '' | wl_run resume >"$tmp/out" 2>"$tmp/err"
tap_is "resume of a done session on a tree that asks more does nothing either (exit 0)" "$?" 0
tap_is "nothing is asked, stored or recorded" \
    "$(grep -c 'What comes next' "$tmp/err") $(wl_sql "$db" "SELECT count(*) FROM answers WHERE question_id = 'next'") $(wl_sql "$db" "SELECT count(*) FROM events")" \
    "0 0 $before"
tap_is "the session keeps the tree its answers were given to" \
    "$(wl_sql "$db" "SELECT tree_sha256 FROM sessions")" "$sha"
cp "$top_srcdir/tests/data/trees/interview.yaml" "$tree"

# ---- what the database holds reaches the terminal cleaned ----

rm -rf "$tmp/db"
printf '%s\n' 'Instagram posts' |
    wl_run run "$tree" --client "$(printf 'Evil\033]0;pwned\007')" >/dev/null 2>&1
s=$(wl_sql "$db" "SELECT id FROM sessions")
wl_run resume </dev/null >"$tmp/out" 2>"$tmp/err"
tap_is "resume names a client without its control characters" "$(head -n 1 "$tmp/err")" \
    "Resuming \"Interview test call\" (Evil]0;pwned), session $(echo "$s" | cut -c1-8)."

# ---- a note is shown once: not again after /back, nor on resume ----

rm -rf "$tmp/db"
notes=$top_srcdir/tests/data/trees/notes.yaml
printf '%s\n' 'x' '/back' '' 'y' '/pause' | wl_run run "$notes" >/dev/null 2>"$tmp/err"
tap_is "a note before the first question is shown once, /back or not" \
    "$(grep -c '^Note: Listen first\.$' "$tmp/err")" 1
tap_is "a note in a later section is shown under its heading, before its first question" \
    "$(grep -A2 '^== Two ==$' "$tmp/err")" "== Two ==
Note: Sum up.
[3/3] Third?"
printf '%s\n' '/back' '' '' | wl_run resume >/dev/null 2>"$tmp/err"
tap_is "resume shows no note the paused call showed" "$(grep -c '^Note:' "$tmp/err")" 0
tap_is "resume shows the heading of its first question's section" \
    "$(sed -n 3,4p "$tmp/err")" "== Two ==
[3/3] Third?"

# ---- the resume event waits for the first write, with its own time ----

rm -rf "$tmp/db"
printf '%s\n' 'Instagram posts' | wl_run run "$tree" >/dev/null 2>&1
s=$(wl_sql "$db" "SELECT id FROM sessions")
# Killed at its first prompt, a resume wrote nothing: no commit waits
# before the first question.
wl_bg_start "$tmp/fifo" "$tmp/bg.out" "$tmp/bg.err" resume --plain
wl_wait_count "$tmp/bg.err" '^> ' 1
kill -9 "$wl_pid"
wl_bg_wait
wl_bg_close
tap_is "a resume killed at its first prompt wrote no event" "$(events "$s")" "start pause "
printf '%s\n' 'more bookings' | wl_run resume >/dev/null 2>&1
tap_is "the next resume's event is written with its first answer, before it" \
    "$(events "$s")" "start pause resume pause "
tap_is "at the time the call was resumed, before that answer" \
    "$(wl_sql "$db" "SELECT (SELECT at FROM events WHERE kind = 'resume') <=
        (SELECT answered_at FROM answers WHERE value = 'more bookings')")" 1

tap_done
