#!/bin/sh
# kill -9 at every point of an interview. Answers are typed one line at a
# time through a fifo; once the NEXT prompt is on stderr, whyline is killed
# with SIGKILL. Then every answer that was followed by a prompt is in the
# database (and nothing else), PRAGMA integrity_check says ok, and
# `whyline resume` asks the first unanswered question and finishes the call
# with every answer in place. Kills that land while an answer is being
# written must leave either the state before it or the state after it.

. "$top_srcdir/tests/cli/lib.sh"
wl_need_sqlite3
wl_tmpdir kill9

tree=$top_srcdir/tests/data/trees/interview.yaml
db=$tmp/db/whyline.db
WHYLINE_DB=$db
export WHYLINE_DB
unset WHYLINE_BUSY_TIMEOUT_MS

# The lines typed, one per step.
cat >"$tmp/lines" <<'EOF'
Instagram posts
more bookings
/also lower costs
stable revenue
/goal
cheaper ads
a fixed
1200
y
1,2
2027-01-01
EOF
# What each step adds to the database: a:QUESTION:CHAIN:RUNG:VALUE for a
# current answer, s:QUESTION:CHAIN:STOP for a stopped chain.
cat >"$tmp/adds" <<'EOF'
a:request:::Instagram posts
a:why:0:1:more bookings
a:why:1:2:lower costs
a:why:0:2:stable revenue
s:why:0:goal
a:why:1:3:cheaper ads;s:why:1:depth
a:budget:::fixed
a:amount:::1200
a:urgent:::yes
a:channels:::["web","print"]
a:deadline:::2027-01-01
EOF
# The question asked after step k (line k + 1 of this list; line 1: none
# answered yet).
cat >"$tmp/next" <<'EOF'
[1/6] What did the client ask for?
[2/6, why 1/3] Why does the client want Instagram posts?
[2/6, why 2/3] Why does the client want more bookings?
[2/6, why 2/3] Why does the client want more bookings?
[2/6, why 3/3] Why does the client want stable revenue?
[2/6, why 3/3] Why does the client want lower costs?
[3/6] How is the budget set?
[3/6] How much?
[4/6] Is it urgent?
[5/6] Which channels?
[6/6] By when?
EOF
nsteps=$(wc -l <"$tmp/lines")

# The state expected after k steps, sorted, on one line.
expected() {
	if [ "$1" -eq 0 ]; then echo; return; fi
	head -n "$1" "$tmp/adds" | tr ';' '\n' | LC_ALL=C sort | paste -sd ';' -
}
# The state in the database, in the same form.
state() {
	wl_sql "$db" "SELECT 'a:' || question_id || ':' || coalesce(chain, '') || ':' ||
	    coalesce(rung, '') || ':' || coalesce(value, '') FROM answers
	    WHERE superseded_at IS NULL
	    UNION ALL SELECT 's:' || question_id || ':' || chain || ':' || stop
	    FROM chains WHERE stop IS NOT NULL AND dropped_at IS NULL" |
	    LC_ALL=C sort | paste -sd ';' -
}

# Resumes after a kill with the lines after step k; checks where it starts
# and that it finishes the call with every answer. Before the first answer
# no session is stored (nothing was typed), so the call is started again.
resume_rest() {
	k=$1 what=$2
	if [ "$k" -eq 0 ]; then
		tap_is "$what: no session is stored before the first answer" \
		    "$(wl_sql "$db" "SELECT count(*) FROM sessions")" 0
		wl_run run "$tree" <"$tmp/lines" >"$tmp/rout" 2>"$tmp/rerr"
	else
		tail -n "+$((k + 1))" "$tmp/lines" | wl_run resume >"$tmp/rout" 2>"$tmp/rerr"
	fi
	tap_is "$what: resume finishes the call (exit 0)" "$?" 0
	tap_is "$what: resume asks the first unanswered question" \
	    "$(sed -n '/^\[/{p;q;}' "$tmp/rerr")" "$(sed -n "$((k + 1))p" "$tmp/next")"
	tap_is "$what: after resume, every answer is there and the call is done" \
	    "$(state) $(wl_sql "$db" "SELECT status FROM sessions")" "$(expected "$nsteps") done"
}

# ---- kill -9 once the next prompt is shown, after each step ----

k=0
while [ "$k" -lt "$nsteps" ]; do
	rm -rf "$tmp/db"
	wl_bg_start "$tmp/fifo" "$tmp/out" "$tmp/err" run "$tree"
	i=0
	ok=true
	while :; do
		# Prompt i + 1 shows once answer i is stored.
		if ! wl_wait_count "$tmp/err" '^> ' "$((i + 1))"; then
			ok=false
			break
		fi
		[ "$i" -lt "$k" ] || break
		i=$((i + 1))
		wl_bg_send "$(sed -n "${i}p" "$tmp/lines")"
	done
	kill -9 "$wl_pid"
	wl_bg_wait
	wl_bg_close
	what="killed after $k answers"
	if ! $ok; then
		tap_fail "$what: the prompt after answer $i appears"
		tap_diag "$tmp/err"
		k=$((k + 1))
		continue
	fi
	tap_is "$what: every answer followed by a prompt is in the database" \
	    "$(state)" "$(expected "$k")"
	tap_is "$what: PRAGMA integrity_check says ok" \
	    "$(wl_sql "$db" "PRAGMA integrity_check")" ok
	resume_rest "$k" "$what"
	tap_is "$what: integrity_check still ok after resume" \
	    "$(wl_sql "$db" "PRAGMA integrity_check")" ok
	k=$((k + 1))
done

# ---- kill -9 while an answer is being written ----

# No waiting for the prompt: the kill lands anywhere in the write.
for k in 1 2 5 6 8; do
	rm -rf "$tmp/db"
	wl_bg_start "$tmp/fifo" "$tmp/out" "$tmp/err" run "$tree"
	head -n "$((k - 1))" "$tmp/lines" >&7
	wl_wait_count "$tmp/err" '^> ' "$k" || :
	wl_bg_send "$(sed -n "${k}p" "$tmp/lines")"
	kill -9 "$wl_pid"
	wl_bg_wait
	wl_bg_close
	what="killed while answer $k is written"
	got=$(state)
	if [ "$got" = "$(expected "$k")" ]; then
		done=$k
	else
		done=$((k - 1))
	fi
	tap_is "$what: the database holds the answers before it, with or without it" \
	    "$got" "$(expected "$done")"
	tap_is "$what: PRAGMA integrity_check says ok" \
	    "$(wl_sql "$db" "PRAGMA integrity_check")" ok
	resume_rest "$done" "$what"
done

tap_done
