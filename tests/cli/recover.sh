#!/bin/sh
# Recovery that says what happened. After a kill -9 (the session open, its
# last event not a pause), `whyline resume` says so before the first
# prompt: the session, when its last answer was saved (local time), how
# many answers are kept and what comes next; after a pause it says nothing
# of the kind. `whyline run TREE --client NAME` when that client (folded as
# list --client folds it, an exact match) has an open session on the same
# tree asks on a terminal whether to resume it (Enter or y resumes it, n
# starts a new one) and in plain mode warns on stderr, naming the session
# and the command that resumes it, and starts a new one; of several open
# sessions it offers the one updated last.

. "$top_srcdir/tests/cli/lib.sh"
command -v tmux >/dev/null 2>&1 || tap_skip_all "tmux is missing"
wl_need_sqlite3
wl_tmpdir recover
. "$top_srcdir/tests/cli/tmux-lib.sh"

tree=$top_srcdir/tests/data/trees/interview.yaml
self=$(realpath "$WHYLINE")
unset WHYLINE_BUSY_TIMEOUT_MS

# local_time ISO FORMAT: a stored UTC time in local time.
local_time() {
	date -d "$(echo "$1" | sed 's/T/ /; s/\..*//') UTC" "$2"
}
# The time of the database's last answer in local time, as show prints it
# ("2026-11-30 01:20:13").
last_saved_local() {
	local_time "$(wl_sql "$1" "SELECT max(answered_at) FROM answers")" '+%Y-%m-%d %H:%M:%S'
}

# ---- kill -9 during a call in a real terminal, then resume there ----

db=$tmp/db/kill.db
tm_start call "$db" 120 run "$tree" --client 'Studio Lumen'
step "the call begins" call 'What did the client ask for?$'
keys call 'Instagram posts' 'more bookings'
step "the second why is asked" call 'Why does the client want more bookings?$'
keys call 'stable revenue' '/goal'
step "the budget is asked" call 'How is the budget set?$'
kill -9 "$(cat "$tmp/call.pid")"
step "whyline dies of SIGKILL" call '^whyline exited 137$'
sid=$(wl_sql "$db" "SELECT id FROM sessions")
short=$(echo "$sid" | cut -c1-8)
tap_is "the session is open, its last event not a pause" \
    "$(wl_sql "$db" "SELECT status || ' ' || (SELECT kind FROM events ORDER BY id DESC LIMIT 1) FROM sessions")" \
    "open start"
saved=$(last_saved_local "$db")

tm_start resume "$db" 120 resume
step "resume names the session" resume "^Resuming \"Interview test call\" (Studio Lumen), session $short\.$"
step "resume says the call was interrupted, when its last answer was saved, how many are kept and what comes next" \
    resume "^The call was interrupted, not paused: its last answer was saved at $saved; 3 answers are kept\.$"
step "then what comes next, without an internal id" resume '^Next: "How is the budget set?"\.$'
tap_check "the recovery line comes before the first prompt" sh -c '
	tmux -L "$1" -f /dev/null capture-pane -p -t resume | awk "
	    /^The call was interrupted/ { r = NR }
	    /^\\[3\\/6.*How is the budget set/ { q = NR }
	    END { exit !(r && q && r < q) }"' sh "$sock"
step "resume asks the next question" resume '^\[3/6, [0-9]* min\] How is the budget set?$'
tm send-keys -t resume C-d
step "Ctrl-D pauses" resume '^whyline exited 0$'

# After a pause: resume says nothing of a crash.
printf '%s\n' fixed | WHYLINE_DB=$db wl_run resume --plain >"$tmp/out" 2>"$tmp/err"
tap_is "a paused session resumes with exit 0" "$?" 0
tap_check "a paused session is not said to be interrupted" \
    sh -c '! grep -q "interrupted" "$1"' sh "$tmp/err"
tap_is "after a pause, the banner is followed by the next question" \
    "$(sed -n '1p;3,4p' "$tmp/err")" \
    "Resuming \"Interview test call\" (Studio Lumen), session $short.
== Context ==
[3/6] How is the budget set?"

# ---- in plain mode: kill -9 through a fifo, then resume ----

db=$tmp/db/plain.db
wl_bg_start "$tmp/fifo" "$tmp/out" "$tmp/err" --db "$db" run "$tree" --client ACME
wl_bg_send 'Instagram posts'
wl_wait_count "$tmp/err" '^> ' 2
kill -9 "$wl_pid"
wl_bg_wait
wl_bg_close
short=$(wl_sql "$db" "SELECT substr(id, 1, 8) FROM sessions")
saved=$(last_saved_local "$db")
printf '%s\n' 'more bookings' | wl_run --db "$db" resume >"$tmp/out" 2>"$tmp/err"
tap_is "resume after kill -9 (plain) exits 0" "$?" 0
tap_is "the recovery line comes after the banner, before the first prompt, in plain mode too" \
    "$(sed -n '1,5p' "$tmp/err")" \
    "Resuming \"Interview test call\" (ACME), session $short.
The call was interrupted, not paused: its last answer was saved at $saved; 1 answer is kept.
Next: \"Why does the client want Instagram posts?\".

== The request =="
tap_is "nothing of it reaches stdout" "$(cat "$tmp/out")" ""
tap_is "the recovery is recorded as a resume, then a pause" \
    "$(wl_sql "$db" "SELECT group_concat(kind, ' ') FROM (SELECT kind FROM events ORDER BY id)")" \
    "start resume pause"
# In French, the question comes in French quotes, without an internal id.
wl_sql "$db" "DELETE FROM events WHERE kind = 'pause'" >/dev/null
wl_run --db "$db" --locale-dir "$WHYLINE_LOCALE" --lang fr resume </dev/null >/dev/null 2>"$tmp/err"
tap_check "a French resume says what comes next in French quotes, without the question's id" \
    grep -qx "Ensuite.*: «.Why does the client want more bookings?.»\." "$tmp/err"

# ---- run for a client with an open session: plain mode ----

db=$tmp/db/offer.db
printf '%s\n' 'Instagram posts' | wl_run --db "$db" run "$tree" --client 'Émile Café' 2>/dev/null
first=$(wl_sql "$db" "SELECT id FROM sessions")
printf '%s\n' 'Radio ads' | wl_run --db "$db" run "$tree" --client 'ÉMILE CAFÉ' >"$tmp/out" 2>"$tmp/err"
tap_is "run for a client with an open session starts a new one in plain mode (exit 0)" "$?" 0
tap_is "it says so on stderr first, naming the session and how to resume it" \
    "$(head -n 1 "$tmp/err")" \
    "whyline: Émile Café already has an open session on tree interview-test: $(echo "$first" | cut -c1-8), started $(local_time "$(wl_sql "$db" "SELECT started_at FROM sessions WHERE id = '$first'")" '+%Y-%m-%d %H:%M'), 1 answer; starting a new session. To go on with that one instead: $self --db $(realpath "$db") resume $(echo "$first" | cut -c1-8)"
tap_is "a new session is started beside it" \
    "$(wl_sql "$db" "SELECT count(*) || ' ' || count(DISTINCT id) FROM sessions WHERE status = 'open'")" "2 2"
second=$(wl_sql "$db" "SELECT id FROM sessions WHERE id <> '$first'")

# Of several open sessions the one updated last is offered.
wl_sql "$db" "UPDATE sessions SET updated_at = '2000-01-01T00:00:00.000Z' WHERE id = '$first'"
printf '' | wl_run --db "$db" run "$tree" --client 'émile café' 2>"$tmp/err" >/dev/null
tap_check "of two open sessions, the one updated last is named" \
    grep -q "session on tree interview-test: $(echo "$second" | cut -c1-8)," "$tmp/err"

# An answers file is plain mode too.
latest=$(wl_sql "$db" "SELECT substr(id, 1, 8) FROM sessions WHERE status = 'open'
    ORDER BY updated_at DESC LIMIT 1")
printf 'request: Flyers\nwhy: [more visits]\nbudget: unknown\nurgent: no\nchannels: [web]\n' >"$tmp/answers.yaml"
wl_run --db "$db" run "$tree" --client 'Émile Café' --answers "$tmp/answers.yaml" >"$tmp/out" 2>"$tmp/err"
tap_is "with --answers the session is stored (exit 0)" "$?" 0
tap_check "with --answers the open session is named on stderr" \
    grep -q "^whyline: .* already has an open session on tree interview-test: $latest," "$tmp/err"

# A client's name is untrusted: no control character reaches the notice.
evil=$(printf 'Evil\033[2J\033]0;x\007corp')
printf '%s\n' 'Posters' | wl_run --db "$db" run "$tree" --client "$evil" >/dev/null 2>&1
printf '' | wl_run --db "$db" run "$tree" --client "$evil" 2>"$tmp/err" >/dev/null
tap_check "a hostile client name is named without its control characters" sh -c '
	grep -q "^whyline: Evil.*corp already has an open session" "$1" && ! grep -q "$(printf "\033")" "$1"' \
    sh "$tmp/err"

# No notice: another client, a part of the name, another tree, a done session.
n_before=$(wl_sql "$db" "SELECT count(*) FROM sessions")
for c in 'Émile' 'Émile Café & Co' 'ACME'; do
	printf '' | wl_run --db "$db" run "$tree" --client "$c" 2>"$tmp/err" >/dev/null
	tap_check "no notice for client '$c' (not the same name)" \
	    sh -c '! grep -q "already has an open session" "$1"' sh "$tmp/err"
done
printf '' | wl_run --db "$db" run "$top_srcdir/tests/data/trees/paragraph.yaml" --client 'Émile Café' \
    2>"$tmp/err" >/dev/null
tap_check "no notice for the same client on another tree" \
    sh -c '! grep -q "already has an open session" "$1"' sh "$tmp/err"
db2=$tmp/db/done.db
wl_run --db "$db2" run "$tree" --client 'Émile Café' --answers "$tmp/answers.yaml" >/dev/null 2>&1
printf '' | wl_run --db "$db2" run "$tree" --client 'Émile Café' 2>"$tmp/err" >/dev/null
tap_check "no notice when the client's session is done" \
    sh -c '! grep -q "already has an open session" "$1"' sh "$tmp/err"
printf '' | wl_run --db "$db" run "$tree" 2>"$tmp/err" >/dev/null
tap_check "no notice without --client" \
    sh -c '! grep -q "already has an open session" "$1"' sh "$tmp/err"

# ---- run for a client with an open session: on a terminal ----

# tally VALUE: the number of sessions, and of answers VALUE to the session
# first (VALUE) or to any other (!VALUE).
tally() {
	case $1 in
	!*) _w="session_id <> '$first' AND value = '${1#!}'" ;;
	*) _w="session_id = '$first' AND value = '$1'" ;;
	esac
	echo "$(wl_sql "$db" "SELECT count(*) FROM sessions") $(wl_sql "$db" "SELECT count(*) FROM answers WHERE $_w")"
}

db=$tmp/db/tty.db
printf '%s\n' 'Instagram posts' 'more bookings' |
    wl_run --db "$db" run "$tree" --client ACME 2>/dev/null
first=$(wl_sql "$db" "SELECT id FROM sessions")
fshort=$(echo "$first" | cut -c1-8)

# y: the session is resumed, as resume does.
tm_start yes "$db" 120 run "$tree" --client acme
step "run offers the client's open session" yes \
    "^ACME already has an open session on tree interview-test: $fshort, started .*, 2 answers\.$"
step "it asks whether to resume it" yes '^Resume it? Enter or y resumes it; n starts a new session\.$'
keys yes 'maybe'
step "an answer that is neither yes nor no is asked again" yes \
    '^  Type y (or press Enter) to resume it, or n to start a new session\.$'
keys yes 'y'
step "y resumes that session, as resume does" yes "^Resuming \"Interview test call\" (ACME), session $fshort\.$"
step "it goes on where that session stands" yes 'Why does the client want more bookings?$'
keys yes 'stable revenue'
step "the answer is taken" yes 'Why does the client want stable revenue?$'
tm send-keys -t yes C-d
step "Ctrl-D pauses the resumed session" yes '^whyline exited 0$'
tap_is "no new session was made; the answer went to the one resumed" \
    "$(tally 'stable revenue')" "1 1"
tap_is "the resumption is recorded as resume records it" \
    "$(wl_sql "$db" "SELECT group_concat(kind, ' ') FROM (SELECT kind FROM events ORDER BY id)")" \
    "start pause resume pause"

# A narrow terminal: the offer is folded at spaces to its width, not cut
# mid-word by the terminal (-J joins the lines the terminal wrapped).
tm_start narrow "$db" 44 run "$tree" --client ACME
step "a narrow terminal gets the offer too" narrow '^Resume it? Enter or y resumes it;'
tap_check "folded to the terminal's 44 columns at spaces" \
    sh -c '! "$@" | awk "length > 44 { bad = 1 } END { exit !bad }"' sh \
    tmux -S "$socket" capture-pane -p -J -t narrow
tm send-keys -t narrow C-d
step "Ctrl-D at the offer leaves" narrow '^whyline exited'

# Enter: resumes too.
tm_start enter "$db" 120 run "$tree" --client ACME
step "run offers the open session again" enter '^Resume it? Enter or y resumes it'
tm send-keys -t enter Enter
step "Enter resumes it" enter "^Resuming \"Interview test call\" (ACME), session $fshort\.$"
tm send-keys -t enter C-d
step "Ctrl-D pauses" enter '^whyline exited 0$'

# n: a new session starts.
tm_start no "$db" 120 run "$tree" --client ACME
step "run offers the open session" no '^Resume it? Enter or y resumes it'
keys no 'n'
step "n starts a new session: the tree's intro" no '^A short tree for the tests\.$'
step "the new session asks its first question" no '^\[1/6, [0-9]* min\] What did the client ask for?$'
keys no 'Leaflets'
step "the answer is taken" no 'Why does the client want Leaflets?$'
tm send-keys -t no C-d
step "Ctrl-D pauses the new session" no '^whyline exited 0$'
tap_is "a second session was made, with the new answer" \
    "$(tally '!Leaflets')" "2 1"

# Ctrl-D at the question: nothing starts.
counts="$(wl_sql "$db" "SELECT count(*) FROM sessions") $(wl_sql "$db" "SELECT count(*) FROM events")"
tm_start quit "$db" 120 run "$tree" --client ACME
step "run offers the session updated last" quit '^Resume it? Enter or y resumes it'
tm send-keys -t quit C-d
step "Ctrl-D at the offer exits 0" quit '^whyline exited 0$'
tap_is "Ctrl-D at the offer starts nothing and records nothing" \
    "$(wl_sql "$db" "SELECT count(*) FROM sessions") $(wl_sql "$db" "SELECT count(*) FROM events")" "$counts"

# --plain on a terminal: the notice, no question.
tm_start plain "$db" 120 run "$tree" --client ACME --plain
step "--plain on a terminal warns rather than asks" plain '^whyline: ACME already has an open session'
tm send-keys -t plain C-d
step "Ctrl-D ends the plain run" plain '^whyline exited 0$'

tap_done
