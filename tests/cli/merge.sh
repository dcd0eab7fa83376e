#!/bin/sh
# `whyline merge FILE.db...`: a session resumed on two machines after a
# copy keeps every answer of both, the later one current; merging A into B
# and B into A gives the same sessions, answers, chains, notes, events and
# trees; merging twice changes nothing. A file that is not a whyline
# database, is newer than the program or is damaged, or is this database,
# is refused with exit 3, both files left byte for byte as they were, even
# when a good file comes first on the command line.

. "$top_srcdir/tests/cli/lib.sh"
wl_need_sqlite3
wl_tmpdir merge

data=$top_srcdir/tests/data/export
tree=$tmp/tree.yaml
cp "$data/tree.yaml" "$tree"
unset WHYLINE_DB WHYLINE_BUSY_TIMEOUT_MS
WHYLINE_CONSULTANT='Jane Roe'
export WHYLINE_CONSULTANT

# dump DB: every row but the local integer ids, in an order of its own.
dump() {
	wl_sql "$1" "SELECT id, tree_id, tree_sha256, title, client, consultant,
	  language, status, started_at, updated_at, finished_at, owner
	  FROM sessions ORDER BY id;
	SELECT session_id, question_id, chain, rung, value, skip_reason,
	  answered_at, superseded_at FROM answers ORDER BY 1, 2, 3, 4, 7, 5, 6;
	SELECT session_id, question_id, chain, parent_chain, parent_rung, stop,
	  stopped_at, dropped_at, goal FROM chains ORDER BY 1, 2, 3, 8, 4, 5, 6;
	SELECT session_id, question_id, chain, rung, coder, code, value, coded_at
	  FROM codes ORDER BY 1, 2, 3, 4, 5;
	SELECT session_id, question_id, text, noted_at FROM notes ORDER BY 1, 2, 4, 3;
	SELECT session_id, kind, detail, at FROM events ORDER BY 1, 4, 2, 3;
	SELECT sha256, length(source) FROM trees ORDER BY 1"
}

# Alice's file: a finished session and one paused on a ladder.
a=$tmp/alice.db
wl_run run "$tree" --db "$a" --answers "$data/full.yaml" --client Acme >/dev/null 2>&1
printf '%s\n' 'Instagram posts' '/note they said it twice' 'more bookings' |
    wl_run run "$tree" --db "$a" --plain --client Carol >/dev/null 2>&1
carol=$(wl_sql "$a" "SELECT id FROM sessions WHERE client = 'Carol'")
# Bob's file: a session of his own.
b=$tmp/bob.db
wl_run run "$tree" --db "$b" --answers "$data/other-answers.yaml" --client Bob >/dev/null 2>&1

# Alice's laptop copied to a second machine, and the paused session
# resumed on both: the first rung changed on the laptop, the second answered
# later on the copy.
c=$tmp/copy.db
cp "$a" "$c"
printf '%s\n' /back 'fewer bookings' fixed | wl_run resume --db "$a" --plain >/dev/null 2>&1
sleep 0.05
printf '%s\n' '/note on the train' results | wl_run resume --db "$c" --plain >/dev/null 2>&1
cp "$a" "$tmp/alice0.db"
cp "$c" "$tmp/copy0.db"
cp "$b" "$tmp/bob0.db"

wl_run merge --db "$a" "$c" "$b" >"$tmp/out" 2>"$tmp/err"
tap_is "merge exits 0" "$?" 0
tap_check "merge says what it did" \
    grep -Eqx '3 sessions read, 1 new, [1-9][0-9]* rows added or updated' "$tmp/out"
tap_check "the merged files are left byte for byte as they were" \
    sh -c 'cmp -s "$1" "$2" && cmp -s "$3" "$4"' sh "$c" "$tmp/copy0.db" "$b" "$tmp/bob0.db"
tap_is "alice's file now holds the three sessions" \
    "$(wl_sql "$a" "SELECT client FROM sessions ORDER BY client")" "Acme
Bob
Carol"
tap_is "the session resumed on two machines keeps every answer of both, the later current" \
    "$(wl_sql "$a" "SELECT value, superseded_at IS NULL FROM answers
    WHERE session_id = '$carol' AND question_id = 'why' ORDER BY rung, answered_at")" \
    "more bookings|0
fewer bookings|1
fixed|0
results|1"
tap_is "and the notes of both" \
    "$(wl_sql "$a" "SELECT text FROM notes WHERE session_id = '$carol' ORDER BY noted_at")" \
    "they said it twice
on the train"
tap_is "and the pauses and resumptions of both" \
    "$(wl_sql "$a" "SELECT group_concat(kind, ' ') FROM (SELECT kind FROM events
    WHERE session_id = '$carol' ORDER BY at)")" "start pause resume pause resume pause"
wl_run show --db "$a" "$carol" >"$tmp/show" 2>&1
tap_check "show reads the merged session" grep -q 'results' "$tmp/show"
tap_is "the quick check passes" "$(wl_sql "$a" "PRAGMA foreign_key_check; PRAGMA integrity_check")" ok

# The other way round: the copy takes Bob's and Alice's files.
wl_run merge --db "$c" "$tmp/bob0.db" "$tmp/alice0.db" >/dev/null 2>"$tmp/err"
tap_is "merging the other way exits 0" "$?" 0
dump "$a" >"$tmp/a.dump"
dump "$c" >"$tmp/c.dump"
tap_check "both orders give the same rows" diff "$tmp/a.dump" "$tmp/c.dump"

# Twice: nothing changes, and merge says so.
wl_run merge --db "$a" "$c" "$b" >"$tmp/out" 2>&1
tap_is "merging again adds nothing" "$(cat "$tmp/out")" \
    "4 sessions read, 0 new, 0 rows added or updated"
dump "$a" >"$tmp/a2.dump"
tap_check "merging again changes no row" cmp -s "$tmp/a.dump" "$tmp/a2.dump"

# ---- refusals: exit 3, one line, both files unchanged ----

# refused NAME FILE MESSAGE: merging the good file then FILE into a copy of
# alice's file is refused with MESSAGE and changes neither.
refused() {
	cp "$a" "$tmp/target.db"
	cp "$2" "$tmp/source.copy"
	wl_run merge --db "$tmp/target.db" "$tmp/bob0.db" "$2" >"$tmp/out" 2>"$tmp/err"
	tap_is "$1: exit 3" "$?" 3
	tap_is "$1: says why in one line" "$(cat "$tmp/err")" "whyline: $2: $3"
	tap_check "$1: nothing written to stdout" test ! -s "$tmp/out"
	tap_check "$1: the file is left as it was" cmp -s "$2" "$tmp/source.copy"
	tap_check "$1: this database is left as it was" cmp -s "$a" "$tmp/target.db"
}

printf 'my notes\n' >"$tmp/notes.db"
refused "a text file" "$tmp/notes.db" "not a whyline database: file is not a database"
sqlite3 "$tmp/other.db" "CREATE TABLE sessions (id TEXT); INSERT INTO sessions VALUES ('x');"
refused "another program's database" "$tmp/other.db" "not a whyline database"
cp "$tmp/bob0.db" "$tmp/newer.db"
sqlite3 "$tmp/newer.db" "PRAGMA user_version = 9999;"
refused "a newer whyline's database" "$tmp/newer.db" \
    "made by a newer whyline (schema version 9999, this one knows $(sqlite3 "$a" "PRAGMA user_version"))"
cp "$tmp/bob0.db" "$tmp/damaged.db"
page=$(sqlite3 "$tmp/damaged.db" "SELECT rootpage FROM sqlite_schema WHERE name = 'answers'")
size=$(sqlite3 "$tmp/damaged.db" "PRAGMA page_size")
printf 'XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX' |
    dd of="$tmp/damaged.db" bs=1 seek=$(( (page - 1) * size )) conv=notrunc 2>/dev/null
cp "$a" "$tmp/target.db"
cp "$tmp/damaged.db" "$tmp/source.copy"
wl_run merge --db "$tmp/target.db" "$tmp/damaged.db" >"$tmp/out" 2>"$tmp/err"
tap_is "a damaged file: exit 3" "$?" 3
tap_check "a damaged file: says it is damaged" grep -q "^whyline: $tmp/damaged.db: the database is damaged: " "$tmp/err"
tap_check "a damaged file: both files are left as they were" \
    sh -c 'cmp -s "$1" "$2" && cmp -s "$3" "$4"' sh "$tmp/damaged.db" "$tmp/source.copy" "$a" "$tmp/target.db"
wl_run merge --db "$a" "$tmp/none.db" >"$tmp/out" 2>"$tmp/err"
tap_is "a file that does not exist: exit 3" "$?" 3
tap_check "a file that does not exist: is not created" test ! -e "$tmp/none.db"
tap_check "a file that does not exist: says so" grep -q "^whyline: $tmp/none.db: unable to open" "$tmp/err"

wl_run merge --db "$a" "$a" >"$tmp/out" 2>"$tmp/err"
tap_is "this database itself: exit 3" "$?" 3
tap_is "this database itself: says so" "$(cat "$tmp/err")" "whyline: $a: is this database: a database cannot be merged into itself"
wl_run merge --db "$a" >"$tmp/out" 2>"$tmp/err"
tap_is "no file: a usage error" "$?" 2

# ---- codes: one per rung and coder, the one coded last wins ----

code() { # DB CODER CODE AT
	wl_sql "$1" "INSERT INTO codes (session_id, question_id, chain, rung, coder, code, value, coded_at)
	    VALUES ('$carol', 'why', 0, 1, '$2', '$3', 'more bookings', '$4')
	    ON CONFLICT (session_id, question_id, chain, rung, coder) DO UPDATE SET code = excluded.code,
	    coded_at = excluded.coded_at"
}
cp "$tmp/alice0.db" "$tmp/cx.db"
cp "$tmp/alice0.db" "$tmp/cy.db"
code "$tmp/cx.db" Jane revenue 2026-11-29T10:00:00.000Z
code "$tmp/cy.db" Jane income 2026-11-29T11:00:00.000Z
code "$tmp/cy.db" Ann bookings 2026-11-29T09:00:00.000Z
cp "$tmp/cx.db" "$tmp/cx0.db"
cp "$tmp/cy.db" "$tmp/cy0.db"
wl_run merge --db "$tmp/cx.db" "$tmp/cy0.db" >/dev/null 2>&1
wl_run merge --db "$tmp/cy.db" "$tmp/cx0.db" >/dev/null 2>&1
tap_is "codes: each coder's latest code is kept" \
    "$(wl_sql "$tmp/cx.db" "SELECT coder || '=' || code FROM codes ORDER BY coder")" "Ann=bookings
Jane=income"
tap_is "codes: merging in either order gives the same codes" "$(dump "$tmp/cx.db")" "$(dump "$tmp/cy.db")"
dump "$tmp/cx.db" >"$tmp/cx.dump"
wl_run merge --db "$tmp/cx.db" "$tmp/cy0.db" >/dev/null 2>&1
tap_is "codes: merging again changes nothing" "$(dump "$tmp/cx.db")" "$(cat "$tmp/cx.dump")"

# ---- a file made by an older whyline (schema 2: no owner, no restated
# goal, no codes) merges: what it lacks is read as nothing ----

cp "$tmp/bob0.db" "$tmp/old.db"
wl_sql "$tmp/old.db" "PRAGMA foreign_keys = OFF; DROP TABLE codes; DROP TABLE team_sync;
    ALTER TABLE chains DROP COLUMN goal; ALTER TABLE sessions DROP COLUMN owner;
    PRAGMA user_version = 2;" >/dev/null
cp "$tmp/alice0.db" "$tmp/new.db"
wl_run merge --db "$tmp/new.db" "$tmp/old.db" >"$tmp/out" 2>"$tmp/err"
tap_is "an older whyline's file: exit 0" "$?" 0
tap_is "an older whyline's file: its session is here" \
    "$(wl_sql "$tmp/new.db" "SELECT count(*) FROM sessions WHERE client = 'Bob'")" 1

# ---- a file whose rows are not of the shapes whyline writes is refused
# (exit 3, nothing merged, the file named with its table, row and column):
# a language that is a path would name a folder of catalogs, an id or a
# time that is not one would reach a terminal, a relative tree path would
# make the current folder the tree's; a view in a table's place could run
# forever while this file is locked ----

# hostile NAME SQL MESSAGE: merging bob0.db changed by SQL is refused.
hostile() {
	cp "$tmp/bob0.db" "$tmp/h.db"
	wl_sql "$tmp/h.db" "PRAGMA foreign_keys = OFF; $2" >/dev/null
	cp "$tmp/alice0.db" "$tmp/hd.db"
	h_before=$(cksum <"$tmp/hd.db")
	wl_run merge --db "$tmp/hd.db" "$tmp/h.db" >"$tmp/out" 2>"$tmp/err"
	tap_is "$1: exit 3" "$?" 3
	tap_check "$1: says why" grep -qF "$3" "$tmp/err"
	tap_is "$1: this database is unchanged" "$(cksum <"$tmp/hd.db")" "$h_before"
}
hostile "a language that is a path" "UPDATE sessions SET language = '../../../tmp/x'" \
    "h.db: sessions, row 1: language is not a language"
hostile "an id that is not a UUID" \
    "UPDATE sessions SET id = char(27) || ']0;x' || char(7); UPDATE answers SET session_id = char(27) || ']0;x' || char(7)" \
    "h.db: sessions, row 1: id is not a session id (a UUID)"
hostile "a time that is not a time" "UPDATE notes SET noted_at = 'soon' WHERE rowid = (SELECT min(rowid) FROM notes); UPDATE answers SET answered_at = 'garbage'" \
    "h.db: answers, row 1: answered_at is not a time"
hostile "a relative tree path" "UPDATE sessions SET tree_path = 'notes.yaml'" \
    "h.db: sessions, row 1: tree_path is not an absolute path"
hostile "a code that is not one" "INSERT INTO codes (session_id, question_id, chain, rung, coder, code, value, coded_at) SELECT id, 'why', 1, 1, 'x', 'a b', 'v', started_at FROM sessions" \
    "h.db: codes, row 1: code is not a code"
hostile "an answer holding a NUL" "UPDATE answers SET value = CAST(x'61006263' AS TEXT) WHERE rowid = (SELECT min(rowid) FROM answers)" \
    "h.db: answers, row 1: value is not text without a NUL"
hostile "an answer held as a blob" "UPDATE answers SET value = x'6162' WHERE rowid = (SELECT min(rowid) FROM answers)" \
    "h.db: answers, row 1: value is not text without a NUL"
hostile "an answer to no question id" "UPDATE answers SET question_id = '' WHERE rowid = (SELECT min(rowid) FROM answers)" \
    "h.db: answers, row 1: question_id is not a question id"
hostile "a view in a table's place" \
    "ALTER TABLE notes RENAME TO notes_old; CREATE VIEW notes AS WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT n AS id, NULL AS session_id, NULL AS question_id, '' AS text, '' AS noted_at FROM r" \
    "h.db: 'notes' is not whyline's table"

# ---- a merged session's kept tree: its brief: template and catalogs are
# read from its folder only when the file at its path is that tree (a path
# of another machine may be any folder here) ----

mkdir -p "$tmp/theirs" "$tmp/victim"
sed 's/^version: "2.1"$/version: "2.1"\nbrief: secret.txt/' "$tree" >"$tmp/theirs/t.yaml"
printf 'SECRET KEY\n' >"$tmp/victim/secret.txt"
printf 'own: notes\n' >"$tmp/victim/t.yaml"
wl_run run "$tmp/theirs/t.yaml" --db "$tmp/k.db" --answers "$data/full.yaml" --client Kept >/dev/null 2>&1
wl_sql "$tmp/k.db" "UPDATE sessions SET tree_path = '$tmp/victim/t.yaml'" >/dev/null
cp "$tmp/alice0.db" "$tmp/kd.db"
wl_run merge --db "$tmp/kd.db" "$tmp/k.db" >/dev/null 2>&1
kid=$(wl_sql "$tmp/k.db" "SELECT id FROM sessions")
wl_run brief --db "$tmp/kd.db" "$kid" >"$tmp/out" 2>"$tmp/err"
tap_is "a kept tree whose path is another folder: the brief is written (exit 0)" "$?" 0
tap_check "a kept tree whose path is another folder: no file of that folder in the brief" \
    sh -c "! grep -q 'SECRET' '$tmp/out'"
tap_check "a kept tree whose path is another folder: the brief says why it uses the default layout" \
    grep -qF "the tree's file is not there, so its brief: secret.txt is not read" "$tmp/err"
# The same tree at that path (its owner's machine): its template is used.
cp "$tmp/theirs/t.yaml" "$tmp/victim/t.yaml"
wl_run brief --db "$tmp/kd.db" "$kid" >"$tmp/out" 2>"$tmp/err"
tap_is "the tree itself at its path: its brief: template is used" "$(cat "$tmp/out")" "SECRET KEY"


tap_done
