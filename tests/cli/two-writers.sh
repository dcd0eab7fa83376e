#!/bin/sh
# Two processes on one database. While another process (here the sqlite3
# program in BEGIN IMMEDIATE) holds the write lock, whyline waits for it:
# past WHYLINE_BUSY_TIMEOUT_MS it fails with exit 3 and a one-line message,
# an answer it could not store is shown on stderr rather than lost, and the
# other process's writes and the file are intact. Released in time, the
# lock is simply waited for and whyline goes on.

. "$top_srcdir/tests/cli/lib.sh"
wl_need_sqlite3
wl_tmpdir two-writers

tree=$top_srcdir/tests/data/trees/interview.yaml
db=$tmp/db/whyline.db
WHYLINE_DB=$db
export WHYLINE_DB
lock_pid=

# Ends the lock holder if a failure left it running.
wl_cleanup() {
	if [ -n "$lock_pid" ]; then kill -9 "$lock_pid" 2>/dev/null; fi
}

# Makes the sqlite3 program take the write lock and write a row of its own;
# it holds both until lock_release.
lock_take() {
	rm -f "$tmp/lockfifo" "$tmp/lockout"
	mkfifo "$tmp/lockfifo"
	sqlite3 -batch "$db" <"$tmp/lockfifo" >"$tmp/lockout" 2>&1 &
	lock_pid=$!
	exec 8>"$tmp/lockfifo"
	cat >&8 <<EOF
.timeout 10000
BEGIN IMMEDIATE;
INSERT INTO events (session_id, kind, at)
    SELECT id, 'other-writer', '2000-01-01T00:00:00.000Z' FROM sessions LIMIT 1;
SELECT 'locked';
EOF
	wl_wait_count "$tmp/lockout" '^locked$' 1
}

# Commits the other process's transaction and ends it.
lock_release() {
	printf '%s\n' 'COMMIT;' >&8
	exec 8>&-
	wl_wait_exit "$lock_pid"
	lock_pid=
}

# The whole message, and whether it is one line naming the lock.
one_line_locked() {
	[ "$(wc -l <"$1")" -eq 1 ] &&
	    grep -q "^whyline: .*the database is locked by another process (waited 200 ms)$" "$1"
}

# A database with one paused session.
printf '%s\n' 'Instagram posts' | wl_run run "$tree" >/dev/null 2>&1
s=$(wl_sql "$db" "SELECT id FROM sessions")

# ---- past the busy timeout: exit 3, one clear line ----

WHYLINE_BUSY_TIMEOUT_MS=200
export WHYLINE_BUSY_TIMEOUT_MS
tap_check "the other process holds the write lock" lock_take

printf '%s\n' 'Flyers' | wl_run run "$tree" >"$tmp/out" 2>"$tmp/err"
tap_is "run on a locked database exits 3" "$?" 3
tap_check "run says in one line that the database is locked, and how long it waited" \
    one_line_locked "$tmp/err" || tap_diag "$tmp/err"
tap_check "run on a locked database writes nothing to stdout" test ! -s "$tmp/out"

wl_run run "$tree" --answers "$top_srcdir/tests/data/answers/interview-valid.yaml" \
    </dev/null >"$tmp/out" 2>"$tmp/err"
tap_is "run --answers on a locked database exits 3" "$?" 3
tap_check "run --answers says the database is locked" one_line_locked "$tmp/err" || tap_diag "$tmp/err"
tap_check "run --answers prints no session id" test ! -s "$tmp/out"

printf '%s\n' 'more bookings' | wl_run resume "$s" >"$tmp/out" 2>"$tmp/err"
tap_is "resume on a locked database exits 3" "$?" 3
tap_check "resume says the database is locked" one_line_locked "$tmp/err" || tap_diag "$tmp/err"

lock_release
tap_is "nothing was written meanwhile, and the other process's row is there" \
    "$(wl_sql "$db" "SELECT count(*) FROM sessions")|$(wl_sql "$db" "SELECT group_concat(kind, ' ')
    FROM (SELECT kind FROM events ORDER BY id)")" "1|start pause other-writer"
tap_is "PRAGMA integrity_check says ok" "$(wl_sql "$db" "PRAGMA integrity_check")" ok

# ---- the lock is taken during a call: the answer is not lost ----

rm -rf "$tmp/db"
wl_bg_start "$tmp/fifo" "$tmp/out" "$tmp/err" run "$tree"
wl_wait_count "$tmp/err" '^> ' 1
wl_bg_send 'Instagram posts'
wl_wait_count "$tmp/err" '^> ' 2
lock_take
wl_bg_send 'more bookings'
wl_bg_wait
tap_is "an answer that cannot be stored ends the call with exit 3" "$wl_status" 3
wl_bg_close
tap_check "the answer that was not stored is on stderr" \
    grep -q '^  not saved: why: more bookings$' "$tmp/err"
tap_check "why it was not stored is said" \
    grep -q '^whyline: could not save the answer: .*locked by another process' "$tmp/err"
tap_check "nothing on stdout" test ! -s "$tmp/out"
lock_release
tap_is "the answer is not half-written: only the one before it is stored" \
    "$(wl_sql "$db" "SELECT group_concat(value, '|') FROM answers")" "Instagram posts"
tap_is "PRAGMA integrity_check says ok" "$(wl_sql "$db" "PRAGMA integrity_check")" ok
printf '%s\n' 'more bookings' | wl_run resume >/dev/null 2>"$tmp/err"
tap_is "once the lock is gone, resume asks that question again and stores the answer" \
    "$(sed -n '/^\[/{p;q;}' "$tmp/err")|$(wl_sql "$db" "SELECT value FROM answers WHERE question_id = 'why'")" \
    "[2/6, why 1/3] Why does the client want Instagram posts?|more bookings"

# ---- a lock released within the timeout is waited for ----

WHYLINE_BUSY_TIMEOUT_MS=60000
export WHYLINE_BUSY_TIMEOUT_MS
n=$(wl_sql "$db" "SELECT count(*) FROM sessions")
o=$(wl_sql "$db" "SELECT count(*) FROM events WHERE kind = 'other-writer'")
lock_take
wl_bg_start "$tmp/fifo" "$tmp/out" "$tmp/err" run "$tree"
wl_bg_send 'Flyers'
wl_bg_close
# Let it reach the lock: its database open, then a moment.
i=0
while [ -d "/proc/$wl_pid/fd" ] && [ "$i" -lt 200 ] &&
    ! ls -l "/proc/$wl_pid/fd" 2>/dev/null | grep -q "$db"; do
	i=$((i + 1))
	wl_sleep_tick
done
sleep 1
if kill -0 "$wl_pid" 2>/dev/null && ! grep -q 'Interview test call' "$tmp/err"; then
	tap_ok "while the lock is held, whyline waits: it has neither asked nor failed"
else
	tap_fail "while the lock is held, whyline waits: it has neither asked nor failed"
	tap_diag "$tmp/err"
fi
lock_release
wl_bg_wait
tap_is "once the lock is released, it goes on (exit 0 at the end of input)" "$wl_status" 0
tap_is "its session and answer are stored beside the other process's row" \
    "$(wl_sql "$db" "SELECT count(*) FROM sessions")|$(wl_sql "$db" "SELECT count(*) FROM answers
    WHERE value = 'Flyers'")|$(wl_sql "$db" "SELECT count(*) FROM events WHERE kind = 'other-writer'")" \
    "$((n + 1))|1|$((o + 1))"
tap_is "PRAGMA integrity_check says ok" "$(wl_sql "$db" "PRAGMA integrity_check")" ok

# ---- one whyline at a time runs a session ----

unset WHYLINE_BUSY_TIMEOUT_MS
db=$tmp/live/whyline.db
WHYLINE_DB=$db
printf '%s\n' 'Instagram posts' | wl_run run "$tree" >/dev/null 2>&1
s=$(wl_sql "$db" "SELECT id FROM sessions")
short=$(echo "$s" | cut -c1-8)
wl_bg_start "$tmp/fifo" "$tmp/a.out" "$tmp/a.err" resume "$s"
wl_wait_count "$tmp/a.err" '^> ' 1
apid=$wl_pid
before=$(wl_sql "$db" "SELECT count(*) FROM answers; SELECT count(*) FROM events")
printf '%s\n' 'more bookings' '' | wl_run resume "$s" >"$tmp/out" 2>"$tmp/err"
tap_is "a second resume of a session running in another whyline is refused (exit 3)" "$?" 3
tap_is "it says so in one line, naming the other process" "$(cat "$tmp/err")" \
    "whyline: session $short is being run by another whyline (process $apid): finish or pause it there first"
tap_is "and writes nothing" "$(wl_sql "$db" "SELECT count(*) FROM answers; SELECT count(*) FROM events")" "$before"
wl_bg_send 'stable revenue'
wl_bg_close
wl_bg_wait
tap_is "the first one goes on and pauses (exit 0)" "$wl_status" 0
tap_is "its answer is stored" "$(wl_sql "$db" "SELECT count(*) FROM answers WHERE value = 'stable revenue'")" 1
printf '%s\n' 'more money' | wl_run resume "$s" >/dev/null 2>"$tmp/err"
tap_is "once it has ended, the session resumes here" "$?" 0
# A call killed (kill -9) leaves no lock behind: the kernel drops it.
wl_bg_start "$tmp/fifo" "$tmp/a.out" "$tmp/a.err" resume "$s"
wl_wait_count "$tmp/a.err" '^> ' 1
kill -9 "$wl_pid"
wl_bg_close
wl_bg_wait
printf '' | wl_run resume "$s" >/dev/null 2>"$tmp/err"
tap_is "after a kill -9, the session resumes at once" "$?" 0
# A new call holds its session from its first answer.
wl_bg_start "$tmp/fifo" "$tmp/a.out" "$tmp/a.err" run "$tree"
wl_wait_count "$tmp/a.err" '^> ' 1
wl_bg_send 'Posters'
wl_wait_count "$tmp/a.err" '^> ' 2
n=$(wl_sql "$db" "SELECT id FROM sessions ORDER BY started_at DESC, rowid DESC LIMIT 1")
printf '' | wl_run resume "$n" >/dev/null 2>"$tmp/err"
tap_is "a new call's session cannot be resumed elsewhere while the call goes on" "$?" 3
wl_bg_close
wl_bg_wait

tap_done
