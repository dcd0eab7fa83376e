#!/bin/sh
# `whyline run TREE --answers FILE` replays a whole interview from a YAML or
# JSON answers file without asking anything: a valid file makes a done
# session with exactly its answers, stored in one transaction, and prints
# only the session id; an invalid one exits 1 with FILE:LINE:COLUMN naming
# the question, and leaves no session behind, as does a storage error.

. "$top_srcdir/tests/cli/lib.sh"
wl_need_sqlite3
wl_tmpdir run-answers

tree=$top_srcdir/tests/data/trees/interview.yaml
answers=$top_srcdir/tests/data/answers
db=$tmp/whyline.db
WHYLINE_DB=$db
export WHYLINE_DB

# Runs `whyline run` from the answers folder (messages name the file as
# given) on a new database, with </dev/null: nothing may be asked.
replay() {
	rm -f "$db" "$db-wal" "$db-shm"
	(cd "$answers" && wl_run run "$tree" --answers "$1" </dev/null >"$tmp/out" 2>"$tmp/err")
}

# The current answers of the session, one per line.
current() {
	wl_sql "$db" "SELECT question_id, chain, rung, value, skip_reason FROM answers
	    WHERE superseded_at IS NULL ORDER BY id"
}

# Checks a valid replay: exit 0, the id alone on stdout, a done session.
valid() {
	file=$1
	replay "$file"
	tap_is "$file: exit 0" "$?" 0
	id=$(wl_sql "$db" "SELECT id FROM sessions")
	tap_is "$file: stdout is the new session's id, alone" "$(cat "$tmp/out")" "$id"
	tap_check "$file: the id is a UUID" sh -c \
	    'echo "$1" | grep -Eqx "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"' sh "$id"
	tap_is "$file: the session is done; start and done are events" \
	    "$(wl_sql "$db" "SELECT status, finished_at IS NOT NULL FROM sessions")
$(wl_sql "$db" "SELECT kind FROM events ORDER BY id" | tr '\n' ' ')" "done|1
start done "
}

# ---- valid files ----

valid interview-valid.yaml
tap_check "interview-valid.yaml: no message" test ! -s "$tmp/err"
tap_is "interview-valid.yaml: every answer, the ladder's rungs and its goal" "$(current)
$(wl_sql "$db" "SELECT question_id, chain, stop FROM chains")" \
"request|||Instagram posts|
why|0|1|more bookings|
why|0|2|stable revenue|
budget|||fixed|
amount|||1200|
urgent|||yes|
channels|||[\"web\",\"print\"]|
deadline|||2027-01-01|
why|0|goal"

tap_is "interview-valid.yaml: the session and its answers are stored at once, at its start" \
    "$(wl_sql "$db" "SELECT count(DISTINCT answered_at), min(answered_at) = (SELECT started_at
    FROM sessions) FROM answers")" "1|1"

valid interview-valid.json
tap_check "interview-valid.json: no message" test ! -s "$tmp/err"
tap_is "interview-valid.json (an export): nulls are skips, a full ladder stops at its depth" \
    "$(current)
$(wl_sql "$db" "SELECT question_id, chain, stop FROM chains")" \
"request|||Instagram posts|
why|0|1|more bookings|
why|0|2|stable revenue|
why|0|3|survival|
budget|||results|
urgent||||
channels|||[\"radio\"]|
deadline||||
why|0|depth"

valid interview-extra.yaml
tap_is "interview-extra.yaml: unused answers are warnings, with their place" "$(cat "$tmp/err")" \
"interview-extra.yaml:7:3: warning: question 'amount' was not reached; its answer is not used
interview-extra.yaml:8:3: warning: 'colour' is not a question of this tree; its answer is not used"
tap_is "interview-extra.yaml: a choice given by its label; unanswered questions skipped" \
    "$(current)" \
"request|||Instagram posts|
why|0|1|stable revenue|
budget|||results|
urgent||||
channels||||
deadline||||"

# ---- invalid files: exit 1, the question named, nothing stored ----

invalid() {
	file=$1
	message=$2
	replay "$file"
	tap_is "$file: exit 1" "$?" 1
	tap_is "$file: one error naming the question and its place" "$(cat "$tmp/err")" "$message"
	tap_check "$file: nothing on stdout" test ! -s "$tmp/out"
	tap_is "$file: no session, answer or event is left in the database" \
	    "$(wl_sql "$db" "SELECT (SELECT count(*) FROM sessions) + (SELECT count(*) FROM answers)
	    + (SELECT count(*) FROM events) + (SELECT count(*) FROM chains)")" 0
}

invalid missing-required.yaml \
    "missing-required.yaml:3:3: error: question 'request': it is required and the answers file has no answer"
invalid invalid-choice.json \
    "invalid-choice.json:3:24: error: question 'budget': 'nope' is not one of the choices"
invalid list-for-single.yaml \
    "list-for-single.yaml:6:11: error: question 'urgent': the answer must be a single value, not a list or a mapping"
invalid invalid-number.yaml \
    "invalid-number.yaml:6:11: error: question 'amount': at least 0, please"
invalid rung-not-text.yaml \
    "rung-not-text.yaml:5:8: error: question 'why': a rung must be text"
invalid rung-empty.yaml \
    "rung-empty.yaml:5:8: error: question 'why': a rung must be text"

# A storage error halfway (a trigger refuses the budget's row) leaves no
# half session: the session is stored with all its answers or not at all.
replay interview-valid.yaml
wl_sql "$db" "DELETE FROM answers; DELETE FROM chains; DELETE FROM events;
    DELETE FROM sessions; CREATE TRIGGER no_budget BEFORE INSERT ON answers
    WHEN NEW.question_id = 'budget' BEGIN SELECT RAISE(ABORT, 'no budget here'); END"
(cd "$answers" && wl_run run "$tree" --answers interview-valid.yaml </dev/null >"$tmp/out" 2>"$tmp/err")
tap_is "a storage error during a replay exits 3" "$?" 3
tap_check "a storage error during a replay is said" grep -q 'no budget here' "$tmp/err"
tap_is "a storage error during a replay leaves no session, answer, chain or event" \
    "$(wl_sql "$db" "SELECT (SELECT count(*) FROM sessions) + (SELECT count(*) FROM answers)
    + (SELECT count(*) FROM events) + (SELECT count(*) FROM chains)")" 0

replay syntax-error.yaml
tap_is "a YAML syntax error exits 1" "$?" 1
tap_check "a YAML syntax error is reported GNU style" \
    grep -q '^syntax-error\.yaml:[0-9][0-9]*:[0-9][0-9]*: error: ' "$tmp/err"

replay no-such-file.yaml
tap_is "a missing answers file exits 1" "$?" 1
tap_check "a missing answers file is named" grep -q '^no-such-file\.yaml: ' "$tmp/err"

tap_done
