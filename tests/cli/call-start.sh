#!/bin/sh
# A call begins when its first question is on screen, though the session
# is stored with its first answer: its started_at and its "start" event
# are the time the call began, so that the minutes before the first answer
# count in the call's time after a resume, as they did on screen.

. "$top_srcdir/tests/cli/lib.sh"
wl_need_sqlite3
wl_tmpdir call-start

tree=$top_srcdir/tests/data/trees/interview.yaml

# The first answer comes a second and a half after the call began.
db=$tmp/db/late.db
(sleep 1.5; printf 'Instagram posts\n') | wl_run run "$tree" --plain --db "$db" >"$tmp/out" 2>&1
tap_is "the piped call ends with a pause (exit 0)" "$?" 0
tap_is "one session is stored" "$(wl_sql "$db" "SELECT count(*) FROM sessions")" 1
gap=$(wl_sql "$db" "SELECT CAST(round((julianday(a.answered_at) - julianday(s.started_at))
    * 86400000) AS INTEGER) FROM sessions s, answers a ORDER BY a.id LIMIT 1")
tap_check "started_at is when the call began, before the first answer ($gap ms)" \
    test "${gap:-0}" -ge 1300
tap_is "the start event is at started_at" \
    "$(wl_sql "$db" "SELECT count(*) FROM sessions s JOIN events e ON e.session_id = s.id
        WHERE e.kind = 'start' AND e.at = s.started_at")" 1
tap_is "started_at is not after updated_at" \
    "$(wl_sql "$db" "SELECT started_at <= updated_at FROM sessions")" 1
tap_is "the first answer is stored at its own time, after the start" \
    "$(wl_sql "$db" "SELECT min(answered_at) > (SELECT started_at FROM sessions) FROM answers")" 1

# A resumed call keeps its start: resuming writes no new one.
printf '' | wl_run resume --plain --db "$db" >"$tmp/out" 2>&1
tap_is "resume: exit 0" "$?" 0
tap_is "still one start event" \
    "$(wl_sql "$db" "SELECT count(*) FROM events WHERE kind = 'start'")" 1
tap_is "started_at unchanged by the resume" \
    "$(wl_sql "$db" "SELECT count(*) FROM sessions s JOIN events e ON e.session_id = s.id
        WHERE e.kind = 'start' AND e.at = s.started_at")" 1

tap_done
